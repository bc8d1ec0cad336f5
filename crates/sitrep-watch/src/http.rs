//! Fetching over HTTP(S) behind the [`Fetcher`] interface (tests and the
//! watch loop only see that). [`HttpFetcher`] is `ureq` with rustls (ring):
//!
//! - only http and https; redirects followed by hand, at most
//!   [`Limits::max_redirects`], each hop checked again, a loop named as such;
//! - never a private, loopback or reserved address unless the user named the
//!   host ([`Policy`]), checked on the resolved addresses the connection uses;
//! - bodies bounded ([`Limits`]) after decompression, the whole exchange
//!   bounded in time, no proxy from the environment;
//! - conditional requests (`If-None-Match`, `If-Modified-Since`) and a
//!   User-Agent naming sitrep.

use crate::clock::Clock;
use crate::error::FetchError;
use crate::policy::Policy;
use crate::schedule::parse_retry_after;
use std::collections::HashSet;
use std::io;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

/// The User-Agent of every request.
pub const USER_AGENT: &str = concat!(
    "sitrep/",
    env!("CARGO_PKG_VERSION"),
    " (feed watcher; conflict-news record keeper)"
);

/// Accept header for feeds.
pub const ACCEPT_FEED: &str =
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";
/// Accept header for article pages.
pub const ACCEPT_PAGE: &str = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1";

/// Bounds of every request.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest feed body (after decompression).
    pub feed_bytes: u64,
    /// Largest article page (after decompression).
    pub page_bytes: u64,
    /// The whole exchange, redirects and body included.
    pub timeout: Duration,
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            feed_bytes: 10 * 1024 * 1024,
            page_bytes: 5 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_redirects: 5,
        }
    }
}

/// One GET.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub url: &'a Url,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub max_bytes: u64,
    pub accept: &'a str,
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// 304: what we have is current.
    NotModified,
    Body(Body),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Where the content came from after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub bytes: Vec<u8>,
}

/// Anything that can GET a URL (the real client, or a stand-in in tests).
pub trait Fetcher: Send + Sync {
    fn fetch(&self, req: &Request<'_>) -> Result<Response, FetchError>;
}

/// Marks the I/O error our resolver returns for a refused address.
const BLOCK_TAG: &str = "sitrep-blocked-address:";

/// The real client.
pub struct HttpFetcher {
    agent: ureq::Agent,
    policy: Arc<Policy>,
    limits: Limits,
    clock: Arc<dyn Clock>,
}

impl HttpFetcher {
    pub fn new(policy: Policy, limits: Limits, clock: Arc<dyn Clock>) -> Self {
        let policy = Arc::new(policy);
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .user_agent(USER_AGENT)
            .timeout_connect(Some(limits.timeout.min(Duration::from_secs(10))))
            .max_idle_connections_per_host(2)
            .build();
        let resolver = PolicyResolver {
            inner: ureq::unversioned::resolver::DefaultResolver::default(),
            policy: policy.clone(),
        };
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::default(),
            resolver,
        );
        HttpFetcher {
            agent,
            policy,
            limits,
            clock,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

impl Fetcher for HttpFetcher {
    fn fetch(&self, req: &Request<'_>) -> Result<Response, FetchError> {
        let started = Instant::now();
        let timeout_secs = self.limits.timeout.as_secs().max(1);
        let mut url = req.url.clone();
        let mut visited: HashSet<String> = HashSet::new();
        let mut hops = 0usize;
        loop {
            self.policy.check_url(&url)?;
            visited.insert(strip_fragment(&url));
            let left = self
                .limits
                .timeout
                .checked_sub(started.elapsed())
                .filter(|d| !d.is_zero())
                .ok_or(FetchError::Timeout(timeout_secs))?;
            let mut rb = self.agent.get(url.as_str()).header("Accept", req.accept);
            if let Some(e) = req.etag {
                rb = rb.header("If-None-Match", e);
            }
            if let Some(m) = req.last_modified {
                rb = rb.header("If-Modified-Since", m);
            }
            let resp = rb
                .config()
                .timeout_global(Some(left))
                .build()
                .call()
                .map_err(|e| map_error(e, &url, timeout_secs))?;
            let status = resp.status().as_u16();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            match status {
                304 => return Ok(Response::NotModified),
                301 | 302 | 303 | 307 | 308 => {
                    let next = header("location")
                        .and_then(|l| url.join(&l).ok())
                        .ok_or(FetchError::BadRedirect(status))?;
                    if visited.contains(&strip_fragment(&next)) {
                        return Err(FetchError::RedirectLoop(next.to_string()));
                    }
                    hops += 1;
                    if hops > self.limits.max_redirects {
                        return Err(FetchError::TooManyRedirects(self.limits.max_redirects));
                    }
                    url = next;
                }
                200..=299 => {
                    if let Some(n) = header("content-length").and_then(|v| v.parse::<u64>().ok()) {
                        if n > req.max_bytes {
                            return Err(FetchError::TooLarge(req.max_bytes));
                        }
                    }
                    let content_type = header("content-type");
                    let etag = header("etag");
                    let last_modified = header("last-modified");
                    let bytes = resp
                        .into_body()
                        .into_with_config()
                        .limit(req.max_bytes)
                        .read_to_vec()
                        .map_err(|e| map_error(e, &url, timeout_secs))?;
                    return Ok(Response::Body(Body {
                        url,
                        content_type,
                        etag,
                        last_modified,
                        bytes,
                    }));
                }
                _ => {
                    let retry_after_ms = header("retry-after")
                        .and_then(|v| parse_retry_after(&v, self.clock.now_ms()));
                    return Err(FetchError::Status {
                        status,
                        retry_after_ms,
                    });
                }
            }
        }
    }
}

fn strip_fragment(u: &Url) -> String {
    let mut u = u.clone();
    u.set_fragment(None);
    u.to_string()
}

fn map_error(e: ureq::Error, url: &Url, timeout_secs: u64) -> FetchError {
    let host = url.host_str().unwrap_or("").to_string();
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout(timeout_secs),
        ureq::Error::HostNotFound => FetchError::Dns(host),
        ureq::Error::BodyExceedsLimit(n) => FetchError::TooLarge(n),
        ureq::Error::Io(io) => {
            let msg = io.to_string();
            if let Some(addr) = msg.strip_prefix(BLOCK_TAG) {
                return FetchError::Blocked {
                    host,
                    addr: addr.to_string(),
                };
            }
            match io.kind() {
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                    FetchError::Timeout(timeout_secs)
                }
                io::ErrorKind::ConnectionRefused
                | io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::NotConnected
                | io::ErrorKind::AddrNotAvailable => FetchError::Connect(format!("{host}: {msg}")),
                io::ErrorKind::UnexpectedEof => {
                    FetchError::Other(format!("the connection closed early: {msg}"))
                }
                _ => FetchError::Other(msg),
            }
        }
        ureq::Error::ConnectionFailed => FetchError::Connect(host),
        ureq::Error::Tls(m) => FetchError::Connect(format!("{host}: TLS: {m}")),
        ureq::Error::Rustls(r) => FetchError::Connect(format!("{host}: TLS: {r}")),
        ureq::Error::BadUri(m) => FetchError::BadUrl(m),
        other => FetchError::Other(other.to_string()),
    }
}

/// The default resolver, keeping only the addresses the policy allows.
#[derive(Debug)]
struct PolicyResolver {
    inner: ureq::unversioned::resolver::DefaultResolver,
    policy: Arc<Policy>,
}

impl ureq::unversioned::resolver::Resolver for PolicyResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let host = uri.host().unwrap_or("");
        let ips: Vec<IpAddr> = addrs.iter().map(|a| a.ip()).collect();
        match self.policy.filter_addrs(host, &ips) {
            Ok(ok) => {
                let mut out = self.empty();
                for a in addrs.iter().filter(|a| ok.contains(&a.ip())) {
                    out.push(*a);
                }
                Ok(out)
            }
            Err(e) => {
                let addr = match e {
                    FetchError::Blocked { addr, .. } => addr,
                    other => other.to_string(),
                };
                Err(ureq::Error::Io(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("{BLOCK_TAG}{addr}"),
                )))
            }
        }
    }
}
