//! What may be fetched: http and https only, and never a private, loopback,
//! link-local or otherwise reserved address unless the user named that host
//! in a source (as when testing against a local server). The address check
//! runs on the addresses a name resolves to, in the resolver the HTTP client
//! connects with (see `http.rs`), so a public name that resolves to a private
//! address is refused as well.

use crate::error::FetchError;
use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use url::Url;

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            // NAT64 (64:ff9b::/96) carries an IPv4 address.
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let v4 =
                    Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
                return is_public_v4(v4);
            }
            !(v6.is_unspecified()
                || v6.is_loopback()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated) fec0::/10
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0100 && s[1..4] == [0, 0, 0]) // discard-only 100::/64
                || s[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible (deprecated) ::/96
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || o[0] == 0 // "this network"
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // shared address space 100.64/10
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // benchmarking 198.18/15
        || o[0] >= 240) // reserved
}

/// The fetch policy of one watcher.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Hosts named in a source (feed URLs on the command line or in a list),
    /// lower case: these may resolve to private or loopback addresses.
    allowed_hosts: HashSet<String>,
}

impl Policy {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(named_hosts: I) -> Self {
        Policy {
            allowed_hosts: named_hosts
                .into_iter()
                .map(|h| normalize_host(h.as_ref()))
                .collect(),
        }
    }

    /// Whether the user named this host (so any address it has is allowed).
    pub fn host_named(&self, host: &str) -> bool {
        self.allowed_hosts.contains(&normalize_host(host))
    }

    /// Check a URL before any request: scheme, host, and an address given
    /// literally. Names are checked again on the addresses they resolve to.
    pub fn check_url(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(url.to_string()));
        }
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            return Err(FetchError::BadUrl(url.to_string()));
        };
        if self.host_named(host) {
            return Ok(());
        }
        let literal = match url.host() {
            Some(url::Host::Ipv4(a)) => Some(IpAddr::V4(a)),
            Some(url::Host::Ipv6(a)) => Some(IpAddr::V6(a)),
            _ => None,
        };
        match literal {
            Some(ip) if !is_public(ip) => Err(FetchError::Blocked {
                host: host.to_string(),
                addr: ip.to_string(),
            }),
            // `localhost` and its subdomains are loopback whatever DNS says.
            None if is_localhost_name(host) => Err(FetchError::Blocked {
                host: host.to_string(),
                addr: "loopback".into(),
            }),
            _ => Ok(()),
        }
    }

    /// The addresses of `host` that may be connected to.
    pub fn filter_addrs(&self, host: &str, addrs: &[IpAddr]) -> Result<Vec<IpAddr>, FetchError> {
        if self.host_named(host) {
            return Ok(addrs.to_vec());
        }
        let ok: Vec<IpAddr> = addrs.iter().copied().filter(|a| is_public(*a)).collect();
        if ok.is_empty() {
            return Err(FetchError::Blocked {
                host: host.to_string(),
                addr: addrs
                    .first()
                    .map(|a| a.to_string())
                    .unwrap_or_else(|| "no address".into()),
            });
        }
        Ok(ok)
    }
}

fn is_localhost_name(host: &str) -> bool {
    let h = normalize_host(host);
    h == "localhost" || h.ends_with(".localhost")
}

/// Lower case, without brackets or a trailing dot.
fn normalize_host(h: &str) -> String {
    h.trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn private_and_reserved_addresses_are_not_public() {
        for a in [
            "127.0.0.1",
            "127.9.9.9",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.2.7",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.0.8",
            "::1",
            "::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "::127.0.0.1",
        ] {
            assert!(!is_public(ip(a)), "{a} must not be public");
        }
        for a in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
            "64:ff9b::808:808",
        ] {
            assert!(is_public(ip(a)), "{a} is public");
        }
    }

    #[test]
    fn urls_are_checked_for_scheme_and_literal_addresses() {
        let p = Policy::new(["127.0.0.1", "Feeds.Local."]);
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(p.check_url(&u("https://example.org/feed")).is_ok());
        assert!(
            p.check_url(&u("http://127.0.0.1:8080/feed")).is_ok(),
            "named host"
        );
        assert!(
            p.check_url(&u("http://feeds.local/x")).is_ok(),
            "named, any case"
        );
        assert_eq!(
            p.check_url(&u("ftp://example.org/x")).unwrap_err().kind(),
            "scheme"
        );
        assert_eq!(
            p.check_url(&u("file:///etc/passwd")).unwrap_err().kind(),
            "scheme"
        );
        for blocked in [
            "http://127.0.0.2/",
            "http://10.0.0.1/",
            "http://[::1]:80/",
            "http://169.254.169.254/latest/meta-data",
            "http://localhost:9/",
            "http://api.localhost/",
            "http://0x7f000002/", // 127.0.0.2 written in hex
        ] {
            assert_eq!(
                p.check_url(&u(blocked)).unwrap_err().kind(),
                "blocked-address",
                "{blocked}"
            );
        }
    }

    #[test]
    fn resolved_addresses_are_filtered_unless_the_host_is_named() {
        let p = Policy::new(["intranet.example"]);
        let mixed = [ip("10.0.0.5"), ip("93.184.216.34")];
        assert_eq!(
            p.filter_addrs("news.example", &mixed).unwrap(),
            vec![ip("93.184.216.34")]
        );
        assert_eq!(
            p.filter_addrs("rebind.example", &[ip("127.0.0.1")])
                .unwrap_err()
                .kind(),
            "blocked-address"
        );
        assert_eq!(
            p.filter_addrs("intranet.example", &mixed).unwrap(),
            mixed.to_vec()
        );
    }
}
