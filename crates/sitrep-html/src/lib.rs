//! # sitrep-html
//!
//! Turns a raw HTML news page into its article: main text, title,
//! publication date (from page metadata only), canonical URL, site name and
//! language.
//!
//! ```
//! let html = r#"<html lang="en"><head>
//!   <title>Bridge struck overnight | Example News</title>
//!   <meta property="og:site_name" content="Example News">
//!   <meta property="article:published_time" content="2024-11-07T08:15:00+02:00">
//!   <link rel="canonical" href="https://news.example/2024/11/07/bridge">
//!   <script>window.ads = "<p>buy now</p>";</script>
//! </head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Bridge struck overnight</h1>
//!     <p>A bridge over the river was struck overnight, the regional governor said on Thursday.</p>
//!     <p>Repair crews were sent to the site in the morning and traffic was diverted to the old road.</p>
//!     <p>No casualties were reported, according to the statement published by the regional administration.</p>
//!   </article>
//!   <footer>Copyright Example News</footer>
//! </body></html>"#;
//! let a = sitrep_html::extract(html);
//! assert_eq!(a.title.as_deref(), Some("Bridge struck overnight"));
//! assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 11, 7));
//! assert!(a.body.starts_with("A bridge over the river was struck overnight"));
//! assert!(a.body.contains("\n\nRepair crews"));
//! assert!(!a.body.contains("buy now") && !a.body.contains("Copyright"));
//! assert_eq!(a.url.as_deref(), Some("https://news.example/2024/11/07/bridge"));
//! assert_eq!(a.site_name.as_deref(), Some("Example News"));
//! assert_eq!(a.lang.as_deref(), Some("en"));
//! ```
//!
//! ## How
//!
//! 1. [`scan`] makes one linear byte pass: it cuts out `<script>` (except
//!    JSON-LD), `<style>`, `<svg>`, `<noscript>`, `<template>`, `<iframe>`,
//!    `<math>`, `<object>` and comments, and collects `<meta>`, `<link>`,
//!    JSON-LD, `<time>` and `itemprop` values on the way.
//! 2. The cleaned page (capped at [`MAX_PARSE_BYTES`]) goes to
//!    `rs-trafilatura`, which picks the main content. Cutting the dead
//!    markup first makes that stage several times cheaper (see `BENCH.md`).
//! 3. Title, date, URL, site name and language come from the scanned
//!    metadata, see [`extract`] for the precedence.
//!
//! Links are never followed and the clock is never read.

mod date;
mod meta;
pub mod scan;
mod text;

pub use date::{date_from_url, parse_date};

use chrono::NaiveDate;

/// Most bytes of cleaned markup handed to the content extractor. Pages
/// whose cleaned markup is longer are cut at a tag boundary. The largest
/// benchmark page is ~140 KB after cleaning; this only bounds hostile
/// input (see also [`scan::MAX_ELEMENTS`] and [`scan::MAX_DEPTH`]).
pub const MAX_PARSE_BYTES: usize = 2 * 1024 * 1024;

/// Most bytes of raw input looked at at all. The scan is linear and cheap,
/// but a limit keeps memory bounded on absurd inputs.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The article found in one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// Headline: `og:title`, `twitter:title`, JSON-LD `headline`, else
    /// `<title>` without a trailing `| Site name`.
    pub title: Option<String>,
    /// Main text, paragraphs separated by `"\n\n"`; empty when none found.
    pub body: String,
    /// Publication date from page metadata only; `None` when nothing says it.
    pub published: Option<NaiveDate>,
    /// `<link rel="canonical">` or `og:url` if present (never fetched).
    pub url: Option<String>,
    /// `og:site_name`, `application-name`, or JSON-LD `publisher.name`.
    pub site_name: Option<String>,
    /// `<html lang>` (else `content-language` / `og:locale`).
    pub lang: Option<String>,
}

/// Extracts the article from one HTML page. Never panics, never fetches.
///
/// Date precedence (first that parses wins): `article:published_time` /
/// `og:published_time` and similar published-time metas, JSON-LD
/// `datePublished` (article types first, `@graph` included),
/// `itemprop="datePublished"`, generic date metas (`date`, `pubdate`,
/// `DC.date.issued`, `parsely-pub-date`, ...), `<time datetime>` inside
/// `<article>` (or with `pubdate`), a date in the canonical URL path, and
/// only then modification dates.
pub fn extract(html: &str) -> HtmlArticle {
    extract_with(html, &Options::default())
}

/// Tuning knobs of [`extract_with`]; the defaults are what [`extract`] uses.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the pre-extraction scan cuts out of the page.
    pub clean: scan::CleanOptions,
    /// Run rs-trafilatura's page-type classifier (article / forum /
    /// listing / ...) instead of treating every page as an article. Off by
    /// default: sitrep's inputs are news articles, the classifier is about
    /// a third of the extraction time, and on the benchmark it mislabels
    /// articles about as often as it helps (see `BENCH.md`).
    pub detect_page_type: bool,
}

/// [`extract`] with explicit [`Options`].
pub fn extract_with(html: &str, opts: &Options) -> HtmlArticle {
    let html = scan::truncate(html, MAX_INPUT_BYTES);
    let scanned = scan::scan_with(html, &opts.clean);
    let meta = meta::Meta::from_scan(&scanned);
    let body = main_text(&scanned.cleaned, opts);
    HtmlArticle {
        title: meta.title,
        body,
        published: meta.published,
        url: meta.url,
        site_name: meta.site_name,
        lang: meta.lang,
    }
}

/// Like [`extract`], for raw bytes in any charset declared by the page
/// (`<meta charset>`; UTF-8 when none). Invalid bytes become U+FFFD.
pub fn extract_bytes(html: &[u8]) -> HtmlArticle {
    let html = &html[..html.len().min(MAX_INPUT_BYTES)];
    match std::str::from_utf8(html) {
        Ok(s) => extract(s),
        Err(_) => extract(&rs_trafilatura::encoding::transcode_to_utf8(html)),
    }
}

/// Main text of the cleaned markup via rs-trafilatura, normalised to
/// paragraphs. A panic inside the extractor (hostile markup) yields an
/// empty body rather than taking the caller down.
fn main_text(cleaned: &str, opts: &Options) -> String {
    let input = cap_markup(cleaned, MAX_PARSE_BYTES);
    let mut topts = rs_trafilatura::Options::default();
    if !opts.detect_page_type {
        topts.page_type = Some(rs_trafilatura::page_type::PageType::Article);
    }
    let result = std::panic::catch_unwind(|| rs_trafilatura::extract_with_options(input, &topts));
    match result {
        Ok(Ok(r)) => {
            let body = text::paragraphs(&r.content_text);
            // On a page without text the extractor's fallbacks return the
            // page title (sometimes repeated): that is no body.
            let only_title = r.metadata.title.as_deref().is_some_and(|t| {
                let t = t.trim();
                !t.is_empty() && body.replace(t, "").trim().is_empty()
            });
            if only_title {
                String::new()
            } else {
                body
            }
        }
        _ => String::new(),
    }
}

/// `s` cut to at most `max` bytes, at the last `<` before the limit so no
/// tag is split (or at a char boundary when there is none).
fn cap_markup(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let head = scan::truncate(s, max);
    match head.rfind('<') {
        Some(p) if p > 0 => &head[..p],
        _ => head,
    }
}
