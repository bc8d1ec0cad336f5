//! Feeds: RSS 2.0 / RSS 1.0 / Atom (and JSON Feed) bytes → items, by the
//! `feed-rs` parser. A pure function of the bytes, their content type and the
//! URL they came from (relative links resolve against it, or `xml:base`).
//!
//! Named errors: an HTML page instead of a feed (`not-a-feed`), a document that
//! stops before its root element closes (`truncated-xml`), anything else the
//! parser refuses (`malformed-feed`). Dates that parse in none of the usual
//! forms are listed in [`ParsedFeed::invalid_dates`]; their items are still
//! read (the article's own date is then taken from its page).

use crate::error::FeedError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::sync::{Arc, Mutex};
use url::Url;

/// One feed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Stable identity: the guid / Atom id, else `link:` + the link, else a hash of the title.
    pub key: String,
    /// The article's own link (absolute, http or https), if any.
    pub link: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The item's content or summary as given (HTML), used when it has no link.
    pub content: Option<String>,
    /// Changes when the item is updated (link, title, dates, content).
    pub fingerprint: String,
}

/// A parsed feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
    /// Date strings that could not be read (the items are kept, undated).
    pub invalid_dates: Vec<String>,
}

/// Parse feed bytes fetched from `base` (with the response's content type).
pub fn parse_feed(
    body: &[u8],
    content_type: Option<&str>,
    base: &Url,
) -> Result<ParsedFeed, FeedError> {
    let head = sniff_head(body);
    if head.is_empty() {
        return Err(FeedError::Malformed("empty response".into()));
    }
    if looks_html(&head) {
        return Err(FeedError::NotAFeed(format!(
            "an HTML page{}",
            content_type
                .map(|c| format!(" (content type {c})"))
                .unwrap_or_default()
        )));
    }
    let is_xml = head.starts_with('<');
    if !is_xml && !head.starts_with('{') {
        return Err(FeedError::NotAFeed(format!(
            "neither XML nor JSON{}",
            content_type
                .map(|c| format!(" (content type {c})"))
                .unwrap_or_default()
        )));
    }
    let root = if is_xml { root_name(body) } else { None };
    let invalid = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen_bad = invalid.clone();
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .sanitize_content(false)
        .timestamp_parser(move |s: &str| {
            let t = parse_timestamp(s);
            if t.is_none() {
                let mut v = seen_bad.lock().unwrap_or_else(|e| e.into_inner());
                if v.len() < 20 {
                    v.push(s.trim().chars().take(80).collect());
                }
            }
            t
        })
        .id_generator(|links, title, _| generated_id(links, title))
        .build();
    let parsed = parser.parse(body);
    if is_xml && !closes_root(body, root.as_deref()) {
        // Checked whatever the parser said: it may stop quietly at the end of input.
        return Err(FeedError::Truncated);
    }
    let feed = parsed.map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) => FeedError::NotAFeed(match &root {
            Some(r) => format!("no RSS or Atom root element (the document is <{r}>)"),
            None => "no RSS or Atom root element".into(),
        }),
        other => FeedError::Malformed(other.to_string()),
    })?;
    let items = feed.entries.iter().map(|e| item_of(e, base)).collect();
    let invalid_dates = std::mem::take(&mut *invalid.lock().unwrap_or_else(|e| e.into_inner()));
    Ok(ParsedFeed {
        title: feed.title.as_ref().map(text_of).filter(|t| !t.is_empty()),
        items,
        invalid_dates,
    })
}

/// Ids for entries without one: the link, else the title (never random, so a
/// re-read of the same feed gives the same keys).
fn generated_id(links: &[feed_rs::model::Link], title: &Option<feed_rs::model::Text>) -> String {
    if let Some(l) = links
        .iter()
        .find(|l| l.rel.is_none() || l.rel.as_deref() == Some("alternate"))
    {
        return format!("link:{}", l.href.trim());
    }
    match title {
        Some(t) => format!("title:{:016x}", fnv64(t.content.trim().as_bytes())),
        None => "untitled".into(),
    }
}

fn item_of(e: &feed_rs::model::Entry, base: &Url) -> FeedItem {
    let link = e
        .links
        .iter()
        .filter(|l| l.rel.is_none() || l.rel.as_deref() == Some("alternate"))
        .filter(|l| l.target.is_none())
        .find_map(|l| absolute_http(&l.href, base))
        // RSS: a guid that is a URL is the permalink.
        .or_else(|| absolute_http_strict(&e.id));
    let title = e.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let content = e
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
        .filter(|c| !c.trim().is_empty());
    let mut fp = Vec::new();
    for part in [
        link.as_deref().unwrap_or(""),
        title.as_deref().unwrap_or(""),
        &e.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
        &e.updated.map(|d| d.to_rfc3339()).unwrap_or_default(),
        content.as_deref().unwrap_or(""),
    ] {
        fp.extend_from_slice(part.as_bytes());
        fp.push(0);
    }
    FeedItem {
        key: e.id.trim().to_string(),
        link,
        title,
        published: e.published,
        updated: e.updated,
        content,
        fingerprint: format!("{:016x}", fnv64(&fp)),
    }
}

/// `href` resolved against the feed URL, if it is http(s).
fn absolute_http(href: &str, base: &Url) -> Option<String> {
    let u = base.join(href.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

fn absolute_http_strict(s: &str) -> Option<String> {
    let u = Url::parse(s.trim()).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host_str().is_some()).then(|| u.to_string())
}

/// A feed text as plain text: tags of HTML-typed text removed, entities decoded, spaces collapsed.
fn text_of(t: &feed_rs::model::Text) -> String {
    let html = t.content_type.subty().as_str().contains("html");
    plain_text(&t.content, html)
}

/// Plain text of a title: tags removed when `html` (or when the text holds some), entities decoded.
pub fn plain_text(s: &str, html: bool) -> String {
    let has_tags = html || s.contains("</") || s.contains("<br");
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' if has_tags => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    let decoded = decode_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decode HTML character references (numeric, and the named ones feeds use).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                v.and_then(char::from_u32).map(String::from)
            } else {
                named_entity(name).map(String::from)
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "sbquo" => "\u{201a}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "bdquo" => "\u{201e}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        "hellip" => "\u{2026}",
        "middot" => "\u{b7}",
        "bull" => "\u{2022}",
        "deg" => "\u{b0}",
        "euro" => "\u{20ac}",
        "pound" => "\u{a3}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "trade" => "\u{2122}",
        "shy" => "\u{ad}",
        _ => return None,
    })
}

/// Timestamps as feeds write them: RFC 3339 (Atom), RFC 2822 (RSS), the same
/// without a zone (taken as UTC), and any full date `sitrep-dates` reads.
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.with_timezone(&Utc));
    }
    // RFC 2822 with a zone name chrono does not know ("CEST"): read without it, as UTC.
    if let Some((head, zone)) = s.rsplit_once(' ') {
        if zone.chars().all(|c| c.is_ascii_alphabetic()) && zone.len() <= 5 {
            for f in [
                "%a, %d %b %Y %H:%M:%S",
                "%d %b %Y %H:%M:%S",
                "%a, %d %b %Y %H:%M",
            ] {
                if let Ok(t) = NaiveDateTime::parse_from_str(head.trim(), f) {
                    return Some(t.and_utc());
                }
            }
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    sitrep_dates::parse_date_str(s).and_then(|d| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()))
}

/// The first bytes of the body, without a BOM or leading white space, lower case.
fn sniff_head(body: &[u8]) -> String {
    let b = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    String::from_utf8_lossy(&b[start..(start + 512).min(b.len())]).to_ascii_lowercase()
}

fn looks_html(head: &str) -> bool {
    let mut h = head;
    // Skip an XML declaration and comments.
    loop {
        h = h.trim_start();
        if let Some(rest) = h.strip_prefix("<?") {
            match rest.find("?>") {
                Some(e) => h = &rest[e + 2..],
                None => return false,
            }
        } else if let Some(rest) = h.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(e) => h = &rest[e + 3..],
                None => return false,
            }
        } else {
            break;
        }
    }
    h.starts_with("<!doctype html")
        || h.starts_with("<html")
        || h.starts_with("<head")
        || h.starts_with("<body")
}

/// The local name of the document's root element.
fn root_name(body: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < body.len() {
        let p = i + memchr(b'<', &body[i..])?;
        let next = *body.get(p + 1)?;
        if next.is_ascii_alphabetic() {
            let name: String = body[p + 1..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && **c != b'>' && **c != b'/')
                .map(|&c| c as char)
                .collect();
            return Some(name.rsplit(':').next().unwrap_or(&name).to_string());
        }
        // Skip declarations, comments, doctype (a comment may hold '>').
        if body[p..].starts_with(b"<!--") {
            let end = find(&body[p + 4..], b"-->")?;
            i = p + 4 + end + 3;
        } else {
            i = p + 1 + memchr(b'>', &body[p..])?;
        }
    }
    None
}

/// Whether the document ends with the closing tag of its root element.
fn closes_root(body: &[u8], root: Option<&str>) -> bool {
    let Some(root) = root else { return false };
    let end = body
        .iter()
        .rposition(|c| !c.is_ascii_whitespace() && *c != 0)
        .map_or(0, |e| e + 1);
    let b = &body[..end];
    // Trailing comments or processing instructions after the root are allowed.
    let mut b = b;
    loop {
        if b.ends_with(b"-->") {
            match rfind(b, b"<!--") {
                Some(s) => b = trim_end_ws(&b[..s]),
                None => return false,
            }
        } else if b.ends_with(b"?>") {
            match rfind(b, b"<?") {
                Some(s) => b = trim_end_ws(&b[..s]),
                None => return false,
            }
        } else {
            break;
        }
    }
    if !b.ends_with(b">") {
        return false;
    }
    let Some(open) = rfind(b, b"</") else {
        return false;
    };
    let name = String::from_utf8_lossy(&b[open + 2..b.len() - 1]);
    let name = name.trim();
    name.rsplit(':').next() == Some(root)
}

fn trim_end_ws(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |e| e + 1);
    &b[..end]
}

fn memchr(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// FNV-1a, 64 bits: a stable fingerprint across builds and restarts.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example/section/feed.xml").unwrap()
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with a > sign -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example &amp; Co wire</title><link>https://news.example/</link>
<item><title>Shelling hits depot &#8211; officials</title><link>/2024/11/06/depot</link>
  <guid isPermaLink="false">item-1</guid><pubDate>Wed, 06 Nov 2024 10:00:00 GMT</pubDate></item>
<item><title><![CDATA[Talks resume in <b>capital</b>]]></title><link>https://news.example/talks?id=2&amp;lang=en</link>
  <pubDate>Thu, 07 Nov 2024 09:30:00 +0200</pubDate></item>
<item><title>Undated note</title><guid isPermaLink="true">https://news.example/note-3</guid></item>
<item><title>Bad date</title><link>story-4.html</link><pubDate>sometime last week</pubDate></item>
<item><title>Wire flash</title><content:encoded><![CDATA[<p>Full text in the feed.</p>]]></content:encoded></item>
</channel></rss>
"#;

    #[test]
    fn rss_items_with_relative_links_entities_and_dates() {
        let f = parse_feed(RSS.as_bytes(), Some("application/rss+xml"), &base()).unwrap();
        assert_eq!(f.title.as_deref(), Some("Example & Co wire"));
        assert_eq!(f.items.len(), 5);
        let i = &f.items;
        assert_eq!(i[0].key, "item-1");
        assert_eq!(
            i[0].link.as_deref(),
            Some("https://news.example/2024/11/06/depot")
        );
        assert_eq!(
            i[0].title.as_deref(),
            Some("Shelling hits depot \u{2013} officials")
        );
        assert_eq!(
            i[0].published.unwrap().to_rfc3339(),
            "2024-11-06T10:00:00+00:00"
        );
        assert_eq!(
            i[1].link.as_deref(),
            Some("https://news.example/talks?id=2&lang=en")
        );
        assert_eq!(
            i[1].key, "link:https://news.example/talks?id=2&lang=en",
            "no guid: keyed by link"
        );
        assert_eq!(
            i[1].published.unwrap().to_rfc3339(),
            "2024-11-07T07:30:00+00:00"
        );
        assert_eq!(
            i[2].link.as_deref(),
            Some("https://news.example/note-3"),
            "permalink guid"
        );
        assert_eq!(i[2].published, None);
        assert_eq!(
            i[3].link.as_deref(),
            Some("https://news.example/section/story-4.html")
        );
        assert_eq!(f.invalid_dates, vec!["sometime last week".to_string()]);
        assert_eq!(i[4].link, None);
        assert_eq!(
            i[4].content.as_deref(),
            Some("<p>Full text in the feed.</p>")
        );
        // Re-reading gives the same keys and fingerprints.
        let again = parse_feed(RSS.as_bytes(), None, &base()).unwrap();
        assert_eq!(f, again);
    }

    #[test]
    fn an_updated_item_changes_its_fingerprint_only() {
        let a = parse_feed(RSS.as_bytes(), None, &base()).unwrap();
        let changed = RSS.replace(
            "Shelling hits depot &#8211; officials",
            "Shelling hits depot, 3 killed",
        );
        let b = parse_feed(changed.as_bytes(), None, &base()).unwrap();
        assert_eq!(a.items[0].key, b.items[0].key);
        assert_ne!(a.items[0].fingerprint, b.items[0].fingerprint);
        for k in 1..5 {
            assert_eq!(a.items[k].fingerprint, b.items[k].fingerprint);
        }
    }

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://agency.example/en/">
  <title type="html">Agency &lt;i&gt;English&lt;/i&gt; service</title>
  <id>urn:agency:en</id><updated>2024-11-07T12:00:00Z</updated>
  <entry><id>urn:agency:1</id><title>Ceasefire talks &amp;amp; prisoners</title>
    <link rel="alternate" href="stories/1"/><link rel="replies" href="stories/1#comments"/>
    <updated>2024-11-07T11:00:00+01:00</updated></entry>
  <entry><id>urn:agency:2</id><title type="html">Drone attack on &lt;em&gt;port&lt;/em&gt;</title>
    <link href="https://agency.example/en/stories/2"/><published>2024-11-07</published><updated>2024-11-07T10:00:00Z</updated></entry>
</feed>"#;

    #[test]
    fn atom_entries_with_xml_base_and_html_titles() {
        let f = parse_feed(ATOM.as_bytes(), Some("application/atom+xml"), &base()).unwrap();
        assert_eq!(f.title.as_deref(), Some("Agency English service"));
        assert_eq!(f.items.len(), 2);
        assert_eq!(f.items[0].key, "urn:agency:1");
        assert_eq!(
            f.items[0].link.as_deref(),
            Some("https://agency.example/en/stories/1")
        );
        assert_eq!(
            f.items[0].title.as_deref(),
            Some("Ceasefire talks & prisoners")
        );
        assert_eq!(
            f.items[0].updated.unwrap().to_rfc3339(),
            "2024-11-07T10:00:00+00:00"
        );
        assert_eq!(f.items[1].title.as_deref(), Some("Drone attack on port"));
        assert_eq!(
            f.items[1].published.unwrap().to_rfc3339(),
            "2024-11-07T00:00:00+00:00"
        );
        assert!(f.invalid_dates.is_empty());
    }

    #[test]
    fn bad_feeds_get_named_errors() {
        let html =
            b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>News</p></body></html>";
        let e = parse_feed(html, Some("text/html; charset=utf-8"), &base()).unwrap_err();
        assert_eq!(e.kind(), "not-a-feed");
        assert!(e.to_string().contains("HTML page"), "{e}");
        // Truncated at several points: each is named, none yields a partial feed.
        for cut in [RSS.len() / 3, RSS.len() / 2, RSS.len() - 20, RSS.len() - 8] {
            let e = parse_feed(&RSS.as_bytes()[..cut], None, &base()).unwrap_err();
            assert_eq!(e.kind(), "truncated-xml", "cut at {cut}: {e}");
        }
        let e = parse_feed(&ATOM.as_bytes()[..ATOM.len() - 3], None, &base()).unwrap_err();
        assert_eq!(e.kind(), "truncated-xml");
        let e = parse_feed(
            b"<?xml version=\"1.0\"?><catalog><book/></catalog>",
            None,
            &base(),
        )
        .unwrap_err();
        assert_eq!(e.kind(), "not-a-feed");
        assert!(e.to_string().contains("<catalog>"), "{e}");
        let e = parse_feed(b"  \n ", None, &base()).unwrap_err();
        assert_eq!(e.kind(), "malformed-feed");
        let e = parse_feed(b"%PDF-1.4 binary", Some("application/pdf"), &base()).unwrap_err();
        assert_eq!(e.kind(), "not-a-feed");
        let e = parse_feed(
            b"<rss version=\"2.0\"><channel><item><title>a</titl></item></channel></rss>",
            None,
            &base(),
        )
        .unwrap_err();
        assert_eq!(e.kind(), "malformed-feed", "{e}");
    }

    #[test]
    fn timestamps_in_the_forms_feeds_use() {
        let t = |s: &str| parse_timestamp(s).map(|d| d.to_rfc3339());
        assert_eq!(
            t("2024-11-06T10:00:00Z").as_deref(),
            Some("2024-11-06T10:00:00+00:00")
        );
        assert_eq!(
            t("Wed, 06 Nov 2024 10:00:00 EST").as_deref(),
            Some("2024-11-06T15:00:00+00:00")
        );
        assert_eq!(
            t("Wed, 06 Nov 2024 10:00:00 CEST").as_deref(),
            Some("2024-11-06T10:00:00+00:00")
        );
        assert_eq!(
            t("2024-11-06 10:00:00").as_deref(),
            Some("2024-11-06T10:00:00+00:00")
        );
        assert_eq!(
            t("2024-11-06").as_deref(),
            Some("2024-11-06T00:00:00+00:00")
        );
        assert_eq!(
            t("November 6, 2024").as_deref(),
            Some("2024-11-06T00:00:00+00:00")
        );
        assert_eq!(t("yesterday"), None);
        assert_eq!(t("2024-13-45T99:00:00Z"), None);
        assert_eq!(t(""), None);
    }

    #[test]
    fn entities_and_tags_in_titles() {
        assert_eq!(
            plain_text("A &amp; B &#x2014; C&#39;s &nbsp;x", false),
            "A & B \u{2014} C's x"
        );
        assert_eq!(
            plain_text("Tom &amp Jerry & co &unknown;", false),
            "Tom &amp Jerry & co &unknown;"
        );
        assert_eq!(
            plain_text("<b>Bold</b> move<br/>now", true),
            "Bold move now"
        );
        assert_eq!(plain_text("1 < 2 and 3 > 2", false), "1 < 2 and 3 > 2");
    }
}
