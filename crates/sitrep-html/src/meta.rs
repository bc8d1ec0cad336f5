//! Choosing title, publication date, URL, site name and language from the
//! metadata collected by [`crate::scan`].

use crate::date::{date_from_url, parse_date};
use crate::scan::Scan;
use crate::text::{decode_entities, squash_spaces};
use chrono::NaiveDate;
use serde_json::Value;

/// Metas that name the publication time explicitly (highest trust).
const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "article.published",
    "published_time",
    "og:pubdate",
    "article:publication_date",
    "bt:pubdate",
];

/// Generic or vendor date metas (`name="date"` and friends).
const DATE_METAS: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "publication_date",
    "publication-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "citation_date",
];

/// Modification-time metas: used only when nothing says "published".
const MODIFIED_METAS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "datemodified",
];

/// What the JSON-LD blocks of a page say.
#[derive(Debug, Default)]
struct JsonLd {
    /// (is an article type, datePublished)
    published: Vec<(bool, String)>,
    modified: Vec<String>,
    /// (is an article type, headline)
    headline: Vec<(bool, String)>,
    publisher: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

/// The chosen metadata of one page.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
}

impl Meta {
    pub fn from_scan(s: &Scan) -> Meta {
        let mut ld = JsonLd::default();
        for block in &s.json_ld {
            read_json_ld(block, &mut ld);
        }
        let meta = |keys: &[&str]| -> Vec<&str> {
            // In the order of `keys` (priority), then page order.
            keys.iter()
                .flat_map(|k| s.metas.iter().filter(move |(mk, _)| mk == k))
                .map(|(_, v)| v.as_str())
                .collect()
        };
        let first = |keys: &[&str]| meta(keys).into_iter().map(clean).find(|v| !v.is_empty());

        let url = s
            .links
            .iter()
            .filter(|(rel, _)| rel.split_whitespace().any(|r| r == "canonical"))
            .map(|(_, href)| href.trim().to_string())
            .chain(
                meta(&["og:url", "twitter:url"])
                    .into_iter()
                    .map(str::to_string),
            )
            .chain(ld.url.clone())
            .find(|u| u.starts_with("http://") || u.starts_with("https://"));

        let site_name = first(&["og:site_name", "application-name", "al:android:app_name"])
            .or_else(|| ld.publisher.clone());

        let lang = s
            .lang
            .clone()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .or_else(|| first(&["content-language", "language", "dc.language"]))
            .or_else(|| ld.language.clone())
            .or_else(|| first(&["og:locale"]))
            .map(|l| l.replace('_', "-"));

        let title = pick_title(s, &ld, site_name.as_deref(), &first);

        // Publication date, most explicit source first.
        let parse_all = |vals: Vec<&str>| vals.into_iter().find_map(parse_date);
        let itemprop = |prop: &str| {
            s.metas
                .iter()
                .chain(s.itemprops.iter())
                .filter(|(k, _)| k == prop)
                .find_map(|(_, v)| parse_date(v))
        };
        let ld_pub = |article_only: bool| {
            ld.published
                .iter()
                .filter(|(is_article, _)| *is_article || !article_only)
                .find_map(|(_, v)| parse_date(v))
        };
        let published = parse_all(meta(PUBLISHED_METAS))
            .or_else(|| ld_pub(true))
            .or_else(|| ld_pub(false))
            .or_else(|| itemprop("datepublished"))
            .or_else(|| parse_all(meta(DATE_METAS)))
            .or_else(|| parsely_page_date(&meta(&["parsely-page"])))
            .or_else(|| {
                s.metas
                    .iter()
                    .filter(|(k, _)| is_vendor_publish_key(k))
                    .find_map(|(_, v)| parse_date(v))
            })
            .or_else(|| s.pubdate_times.iter().find_map(|t| parse_date(t)))
            .or_else(|| s.article_times.iter().find_map(|t| parse_date(t)))
            .or_else(|| url.as_deref().and_then(date_from_url))
            .or_else(|| parse_all(meta(MODIFIED_METAS)))
            .or_else(|| ld.modified.iter().find_map(|v| parse_date(v)))
            .or_else(|| itemprop("datemodified"));

        Meta {
            title,
            published,
            url,
            site_name,
            lang,
        }
    }
}

/// Vendor-specific metas that name a publication date
/// (`sn-post-date`, `cXenseParse:publishtime`, `article-publish-date`, ...),
/// but not the publisher or a modification.
fn is_vendor_publish_key(k: &str) -> bool {
    let publish = (k.contains("publish") && !k.contains("publisher"))
        || k.contains("post-date")
        || k.contains("post_date")
        || k.contains("pub-date")
        || k.contains("pub_date")
        || k.contains("pubdate");
    publish && !k.contains("modif") && !k.contains("updat") && !k.contains("expir")
}

/// Entity-decoded, whitespace-squashed text.
fn clean(s: &str) -> String {
    squash_spaces(&decode_entities(s))
}

fn pick_title(
    s: &Scan,
    ld: &JsonLd,
    site: Option<&str>,
    first: &dyn Fn(&[&str]) -> Option<String>,
) -> Option<String> {
    let ld_headline = || {
        ld.headline
            .iter()
            .find(|(is_article, _)| *is_article)
            .map(|(_, h)| clean(h))
            .filter(|h| !h.is_empty())
    };
    if let Some(t) = first(&["og:title", "twitter:title"]).or_else(ld_headline) {
        return Some(strip_site_suffix(&t, site, false));
    }
    let t = s
        .title_tag
        .as_deref()
        .map(clean)
        .filter(|t| !t.is_empty())?;
    Some(strip_site_suffix(&t, site, true))
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » "];

/// Removes a trailing (or leading) `| Site name` part. With `aggressive`
/// (the `<title>` element, which usually carries the site name), a last
/// part much shorter than the rest is removed even when it does not match
/// the known site name.
fn strip_site_suffix(title: &str, site: Option<&str>, aggressive: bool) -> String {
    let norm = |x: &str| x.trim().to_lowercase();
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let head = head.trim();
            if head.is_empty() {
                continue;
            }
            let site_match = site.is_some_and(|s| {
                let (s, t) = (norm(s), norm(tail));
                !s.is_empty() && (t == s || t.contains(&s) || s.contains(&t))
            });
            let short_tail = aggressive
                && tail.split_whitespace().count() <= 4
                && head.split_whitespace().count() >= 3;
            if site_match || short_tail {
                return head.to_string();
            }
        }
        if let (Some(site), Some((head, tail))) = (site, title.split_once(sep)) {
            if norm(head) == norm(site) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `<meta name="parsely-page" content='{"pub_date": "..."}'>`.
fn parsely_page_date(vals: &[&str]) -> Option<NaiveDate> {
    vals.iter().find_map(|v| {
        let json: Value = serde_json::from_str(v).ok()?;
        parse_date(json.get("pub_date")?.as_str()?)
    })
}

/// Reads one `<script type="application/ld+json">` block into `ld`.
/// Tolerates CDATA/comment wrappers and raw control characters; falls back
/// to a plain search for `"datePublished": "..."` when the JSON is broken.
fn read_json_ld(block: &str, ld: &mut JsonLd) {
    // The JSON is an object or an array, possibly wrapped in `<![CDATA[`
    // / `<!--` junk: try the span from the first `{` to the last `}` and
    // from the first `[` to the last `]`, earliest start first.
    let mut spans: Vec<&str> = [('{', '}'), ('[', ']')]
        .iter()
        .filter_map(|&(open, close)| {
            let (start, end) = (block.find(open)?, block.rfind(close)?);
            (start < end).then(|| &block[start..=end])
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for body in &spans {
        let parsed = serde_json::from_str::<Value>(body).or_else(|_| {
            // Raw newlines/tabs inside strings are a common authoring error.
            let fixed: String = body
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            serde_json::from_str::<Value>(&fixed)
        });
        if let Ok(v) = parsed {
            let mut budget = 10_000usize;
            walk(&v, ld, 0, &mut budget);
            return;
        }
    }
    // Broken JSON: look for the date keys as plain text.
    for (key, published) in [("\"datePublished\"", true), ("\"dateModified\"", false)] {
        if let Some(v) = raw_string_value(block, key) {
            if published {
                ld.published.push((false, v));
            } else {
                ld.modified.push(v);
            }
        }
    }
}

/// The string after `"key" :` in broken JSON, if any.
fn raw_string_value(body: &str, key: &str) -> Option<String> {
    let p = body.find(key)? + key.len();
    let rest = body[p..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

fn is_article_type(node: &serde_json::Map<String, Value>) -> bool {
    let check = |t: &str| {
        t.contains("Article")
            || t.contains("BlogPosting")
            || t == "Report"
            || t.contains("LiveBlog")
    };
    match node.get("@type") {
        Some(Value::String(t)) => check(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(check),
        _ => false,
    }
}

/// Collects dates, headline, publisher, language and URL from every object
/// in a JSON-LD value (`@graph`, arrays and nested objects included), with
/// a depth and node budget.
fn walk(v: &Value, ld: &mut JsonLd, depth: usize, budget: &mut usize) {
    if depth > 12 || *budget == 0 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Array(items) => {
            for item in items {
                walk(item, ld, depth + 1, budget);
            }
        }
        Value::Object(node) => {
            let article = is_article_type(node);
            let text = |k: &str| node.get(k).and_then(Value::as_str).map(str::to_string);
            if let Some(d) = text("datePublished") {
                ld.published.push((article, d));
            }
            if let Some(d) = text("dateModified") {
                ld.modified.push(d);
            }
            if let Some(h) = text("headline") {
                ld.headline.push((article, h));
            }
            if article {
                if ld.publisher.is_none() {
                    ld.publisher = node
                        .get("publisher")
                        .and_then(|p| match p {
                            Value::Array(a) => a.first(),
                            other => Some(other),
                        })
                        .and_then(|p| p.get("name"))
                        .and_then(Value::as_str)
                        .map(clean)
                        .filter(|n| !n.is_empty());
                }
                if ld.language.is_none() {
                    ld.language = text("inLanguage");
                }
                if ld.url.is_none() {
                    ld.url = text("url").or_else(|| match node.get("mainEntityOfPage") {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Object(o)) => {
                            o.get("@id").and_then(Value::as_str).map(str::to_string)
                        }
                        _ => None,
                    });
                }
            }
            for (k, child) in node {
                if matches!(child, Value::Object(_) | Value::Array(_)) && k != "publisher" {
                    walk(child, ld, depth + 1, budget);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("Big news | Site", Some("Site"), false),
            "Big news"
        );
        assert_eq!(
            strip_site_suffix("Site - Big news", Some("Site"), false),
            "Big news"
        );
        assert_eq!(
            strip_site_suffix("Strikes hit the city overnight - Reuters", None, true),
            "Strikes hit the city overnight"
        );
        assert_eq!(
            strip_site_suffix("Kyiv - Odesa ferry resumes", None, false),
            "Kyiv - Odesa ferry resumes"
        );
    }

    #[test]
    fn json_ld_graph() {
        let mut ld = JsonLd::default();
        read_json_ld(
            r#"<!--//--><![CDATA[//><!--
{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2020-01-01"},
{"@type":["NewsArticle"],"headline":"H","datePublished":"2024-11-07T10:00:00Z",
 "publisher":{"@type":"Organization","name":"Pub"}}]}
//--><!]]>"#,
            &mut ld,
        );
        assert_eq!(ld.published[1], (true, "2024-11-07T10:00:00Z".to_string()));
        assert_eq!(ld.publisher.as_deref(), Some("Pub"));
        assert_eq!(ld.headline, vec![(true, "H".to_string())]);
    }

    #[test]
    fn broken_json_ld_still_gives_date() {
        let mut ld = JsonLd::default();
        read_json_ld(
            r#"{"@type":"NewsArticle", "datePublished" : "2024-11-07", }"#,
            &mut ld,
        );
        assert_eq!(ld.published, vec![(false, "2024-11-07".to_string())]);
    }
}
