//! What to watch, from the command line: feed URLs, files listing feed URLs,
//! and directories.
//!
//! A feed list has one feed per line: the URL, then optionally the outlet's
//! name; blank lines and lines starting with `#` are skipped.
//!
//! ```text
//! # wire services
//! https://agency.example/en/rss.xml   Agency English service
//! https://paper.example/world/atom    The Paper
//! http://127.0.0.1:8000/test-feed.xml
//! ```
//!
//! Hosts named here (or in URL arguments) may be on private or loopback
//! addresses; no other host may (see [`crate::policy`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use url::Url;

/// One feed to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSpec {
    pub url: Url,
    /// The outlet's name, from the list (else the feed's own title is used).
    pub name: Option<String>,
    /// Where it was named (`list.txt:3`, or `argument`).
    pub origin: String,
}

/// Everything the command line names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    pub feeds: Vec<FeedSpec>,
    pub dirs: Vec<PathBuf>,
}

impl Sources {
    /// Hosts of every named feed (allowed to be private or loopback).
    pub fn named_hosts(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.feeds
            .iter()
            .filter_map(|f| f.url.host_str().map(str::to_string))
            .filter(|h| seen.insert(h.clone()))
            .collect()
    }
}

/// Read a feed list. Bad lines are returned as errors naming the line; the
/// others are kept.
pub fn parse_feed_list(text: &str, origin: &str) -> (Vec<FeedSpec>, Vec<String>) {
    let mut feeds = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("{origin}:{}", i + 1);
        let (first, rest) = match line.split_once(char::is_whitespace) {
            Some((a, b)) => (a, b.trim()),
            None => (line, ""),
        };
        match feed_url(first) {
            Ok(url) => feeds.push(FeedSpec {
                url,
                name: (!rest.is_empty()).then(|| rest.to_string()),
                origin: at,
            }),
            Err(why) => errors.push(format!("{at}: {why}")),
        }
    }
    (feeds, errors)
}

/// A feed URL: absolute, http or https, with a host.
pub fn feed_url(s: &str) -> Result<Url, String> {
    let u = Url::parse(s).map_err(|e| format!("not a feed URL ({e}): {s}"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("only http and https feeds are followed: {s}"));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(format!("a feed URL needs a host: {s}"));
    }
    Ok(u)
}

fn looks_like_url(s: &str) -> bool {
    s.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Sort the command line's sources: URLs, feed lists (files), directories.
/// Errors name the argument (or list line); the other sources are kept. A
/// feed named twice is followed once.
pub fn resolve(args: &[String]) -> (Sources, Vec<String>) {
    let mut out = Sources::default();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |out: &mut Sources, f: FeedSpec| {
        if seen.insert(f.url.to_string()) {
            out.feeds.push(f);
        }
    };
    for a in args {
        if looks_like_url(a) {
            match feed_url(a) {
                Ok(url) => add(
                    &mut out,
                    FeedSpec {
                        url,
                        name: None,
                        origin: "argument".into(),
                    },
                ),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            let dir = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
            if !out.dirs.contains(&dir) {
                out.dirs.push(dir);
            }
        } else if p.is_file() {
            match read_list(p) {
                Ok(text) => {
                    let (feeds, errs) = parse_feed_list(&text, a);
                    if feeds.is_empty() && errs.is_empty() {
                        errors.push(format!("{a}: the feed list names no feed"));
                    }
                    for f in feeds {
                        add(&mut out, f);
                    }
                    errors.extend(errs);
                }
                Err(e) => errors.push(format!("{a}: {e}")),
            }
        } else {
            errors.push(format!(
                "{a}: no such file or directory, and not a feed URL"
            ));
        }
    }
    (out, errors)
}

/// A feed list file, bounded (a list of feeds is small).
fn read_list(p: &Path) -> Result<String, String> {
    const MAX: u64 = 4 * 1024 * 1024;
    let len = std::fs::metadata(p)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if len > MAX {
        return Err(format!(
            "a feed list of {len} bytes is larger than the {MAX}-byte limit"
        ));
    }
    let bytes = std::fs::read(p).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "a feed list must be UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_lists_with_comments_names_and_bad_lines() {
        let text = "\u{feff}# wire services\n\
                    https://agency.example/en/rss.xml   Agency English service\n\
                    \n\
                    http://127.0.0.1:8000/feed.xml\n\
                    \t# indented comment\n\
                    ftp://old.example/feed  Old\n\
                    The Paper https://paper.example/atom\n\
                    https://paper.example/world/atom\tThe Paper\n";
        let (feeds, errors) = parse_feed_list(text, "feeds.txt");
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].url.as_str(), "https://agency.example/en/rss.xml");
        assert_eq!(feeds[0].name.as_deref(), Some("Agency English service"));
        assert_eq!(feeds[0].origin, "feeds.txt:2");
        assert_eq!(feeds[1].name, None);
        assert_eq!(feeds[2].name.as_deref(), Some("The Paper"));
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("feeds.txt:6: only http and https"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("feeds.txt:7: not a feed URL"),
            "{errors:?}"
        );
    }

    #[test]
    fn arguments_are_urls_lists_or_directories() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("feeds.txt");
        std::fs::write(&list, "https://a.example/feed\nhttps://b.example/rss B\n").unwrap();
        let inbox = dir.path().join("inbox");
        std::fs::create_dir(&inbox).unwrap();
        let args: Vec<String> = vec![
            "https://a.example/feed".into(),
            list.display().to_string(),
            inbox.display().to_string(),
            "gopher://x.example/".into(),
            dir.path().join("missing.txt").display().to_string(),
        ];
        let (s, errors) = resolve(&args);
        assert_eq!(s.feeds.len(), 2, "the duplicate is followed once");
        assert_eq!(s.feeds[0].origin, "argument");
        assert_eq!(s.feeds[1].name.as_deref(), Some("B"));
        assert_eq!(s.dirs, vec![inbox.canonicalize().unwrap()]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("only http and https"));
        assert!(errors[1].contains("missing.txt: no such file"));
        assert_eq!(
            s.named_hosts(),
            vec!["a.example".to_string(), "b.example".to_string()]
        );
    }
}
