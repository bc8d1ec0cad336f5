//! Named errors. Every failure of a fetch, a feed or an item has a short,
//! stable name ([`FetchError::kind`], [`FeedError::kind`]) stored as the
//! source's `last_error_kind` and printed in the log, and a message that says
//! what happened.

/// A request that did not give a usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not fetched: only http and https URLs are ({0})")]
    Scheme(String),
    #[error("not a valid URL: {0}")]
    BadUrl(String),
    #[error("not fetched: {host} is a private, loopback or reserved address ({addr}); name the host in the source list to allow it")]
    Blocked { host: String, addr: String },
    #[error("no complete answer within {0} s")]
    Timeout(u64),
    #[error("host not found: {0}")]
    Dns(String),
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("redirect loop: {0} was already visited")]
    RedirectLoop(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("redirect ({0}) without a usable Location header")]
    BadRedirect(u16),
    #[error("response larger than the {0}-byte limit")]
    TooLarge(u64),
    #[error("HTTP {status}{}", retry_after_note(*.retry_after_ms))]
    Status {
        status: u16,
        /// What the server's `Retry-After` asked for, in ms from the response.
        retry_after_ms: Option<i64>,
    },
    #[error("{0}")]
    Other(String),
}

fn retry_after_note(ms: Option<i64>) -> String {
    match ms {
        Some(ms) => format!(" (Retry-After {} s)", (ms + 999) / 1000),
        None => String::new(),
    }
}

impl FetchError {
    /// The error's name.
    pub fn kind(&self) -> String {
        match self {
            FetchError::Scheme(_) => "scheme".into(),
            FetchError::BadUrl(_) => "bad-url".into(),
            FetchError::Blocked { .. } => "blocked-address".into(),
            FetchError::Timeout(_) => "timeout".into(),
            FetchError::Dns(_) => "dns".into(),
            FetchError::Connect(_) => "connect".into(),
            FetchError::RedirectLoop(_) => "redirect-loop".into(),
            FetchError::TooManyRedirects(_) => "too-many-redirects".into(),
            FetchError::BadRedirect(_) => "bad-redirect".into(),
            FetchError::TooLarge(_) => "too-large".into(),
            FetchError::Status { status: 429, .. } => "rate-limited".into(),
            FetchError::Status { status: 503, .. } => "unavailable".into(),
            FetchError::Status { status, .. } => format!("http-{status}"),
            FetchError::Other(_) => "fetch".into(),
        }
    }

    /// The delay the server asked for (429 / 503 with `Retry-After`).
    pub fn retry_after_ms(&self) -> Option<i64> {
        match self {
            FetchError::Status {
                status: 429 | 503,
                retry_after_ms,
            } => *retry_after_ms,
            _ => None,
        }
    }

    /// Whether trying the same URL again later can help (a 404 or a blocked
    /// address will not change by waiting; a timeout or a 503 may).
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Timeout(_)
            | FetchError::Dns(_)
            | FetchError::Connect(_)
            | FetchError::Other(_) => true,
            FetchError::Status { status, .. } => *status == 408 || *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

/// A feed that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("truncated XML: the document ends before its root element is closed")]
    Truncated,
    #[error("malformed feed: {0}")]
    Malformed(String),
}

impl FeedError {
    pub fn kind(&self) -> String {
        match self {
            FeedError::Fetch(f) => f.kind(),
            FeedError::NotAFeed(_) => "not-a-feed".into(),
            FeedError::Truncated => "truncated-xml".into(),
            FeedError::Malformed(_) => "malformed-feed".into(),
        }
    }
}

/// Why one item (or one watched file) was not stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("item has neither a link nor content")]
    NoLink,
    #[error("the link is not an http(s) URL: {0}")]
    BadLink(String),
    #[error("not an article page (content type {0})")]
    NotHtml(String),
    #[error("no article text found on the page")]
    NoText,
    #[error("{0}")]
    Input(String),
    #[error("storing failed: {0}")]
    Store(String),
}

impl ItemError {
    pub fn kind(&self) -> String {
        match self {
            ItemError::Fetch(f) => f.kind(),
            ItemError::NoLink => "no-link".into(),
            ItemError::BadLink(_) => "bad-link".into(),
            ItemError::NotHtml(_) => "not-html".into(),
            ItemError::NoText => "no-text".into(),
            ItemError::Input(_) => "bad-input".into(),
            ItemError::Store(_) => "store".into(),
        }
    }

    /// Whether another attempt later can help.
    pub fn is_transient(&self) -> bool {
        match self {
            ItemError::Fetch(f) => f.is_transient(),
            ItemError::NoText | ItemError::Store(_) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_name_and_a_message() {
        let cases: Vec<(FeedError, &str, &str)> = vec![
            (FetchError::Timeout(30).into(), "timeout", "within 30 s"),
            (
                FetchError::RedirectLoop("http://a/x".into()).into(),
                "redirect-loop",
                "http://a/x",
            ),
            (FetchError::TooLarge(1024).into(), "too-large", "1024-byte"),
            (
                FetchError::Status {
                    status: 503,
                    retry_after_ms: Some(120_000),
                }
                .into(),
                "unavailable",
                "Retry-After 120 s",
            ),
            (
                FetchError::Status {
                    status: 429,
                    retry_after_ms: None,
                }
                .into(),
                "rate-limited",
                "HTTP 429",
            ),
            (
                FetchError::Status {
                    status: 404,
                    retry_after_ms: None,
                }
                .into(),
                "http-404",
                "HTTP 404",
            ),
            (
                FetchError::Blocked {
                    host: "intranet".into(),
                    addr: "10.0.0.1".into(),
                }
                .into(),
                "blocked-address",
                "name the host",
            ),
            (
                FeedError::NotAFeed("an HTML page".into()),
                "not-a-feed",
                "HTML page",
            ),
            (FeedError::Truncated, "truncated-xml", "root element"),
            (FeedError::Malformed("bad".into()), "malformed-feed", "bad"),
        ];
        for (e, kind, text) in cases {
            assert_eq!(e.kind(), kind);
            assert!(e.to_string().contains(text), "{e}");
        }
        assert!(FetchError::Timeout(1).is_transient());
        assert!(!FetchError::Status {
            status: 404,
            retry_after_ms: None
        }
        .is_transient());
        assert!(FetchError::Status {
            status: 503,
            retry_after_ms: None
        }
        .is_transient());
        assert!(!ItemError::NotHtml("image/png".into()).is_transient());
        assert_eq!(
            FetchError::Status {
                status: 429,
                retry_after_ms: Some(5)
            }
            .retry_after_ms(),
            Some(5)
        );
        assert_eq!(
            FetchError::Status {
                status: 500,
                retry_after_ms: Some(5)
            }
            .retry_after_ms(),
            None
        );
    }
}
