//! One linear pass over the raw page: drops the markup that never holds
//! article text (scripts, styles, SVG, comments, ...) and, on the way,
//! collects the metadata the date/title/url logic needs (`<meta>`, `<link>`,
//! JSON-LD, `<time>`, `itemprop`, `<title>`, `<html lang>`).
//!
//! The scanner is a tolerant byte-level tag reader, not an HTML parser: it
//! only has to find tag boundaries and the end of raw-text elements. Every
//! step moves forward, so the work is O(n) in the input size whatever the
//! input is. All cut points are on ASCII bytes (`<`, `>`), so every slice
//! stays on a UTF-8 character boundary.

use memchr::{memchr, memmem};

/// Longest JSON-LD block kept for metadata parsing (bytes).
const MAX_JSON_LD: usize = 512 * 1024;
/// Most metadata items of one kind kept (hostile pages can hold millions).
const MAX_ITEMS: usize = 256;
/// Longest attribute value kept (bytes).
const MAX_ATTR: usize = 4096;

/// Elements removed together with everything inside them.
///
/// `script` and `style` are raw text for the HTML parser and never article
/// text; `svg`/`math` are drawings and formulas (often huge inline icon
/// sprites); `template` is inert markup; `iframe`/`object` content is
/// fallback text for embeds; `noscript` holds tracking pixels and
/// "enable JavaScript" notices.
const DROPPED: &[&str] = &[
    "script", "style", "svg", "math", "template", "noscript", "iframe", "object",
];

/// Which extra markup [`scan_with`] cuts besides scripts, styles and comments.
///
/// The defaults are what `BENCH.md` measured to keep the benchmark F1 while
/// making the extractor cheaper; every switch only removes markup that
/// rs-trafilatura's own cleaning deletes before it picks the main content.
#[derive(Debug, Clone)]
pub struct CleanOptions {
    /// Cut `<nav>` and `<aside>` elements with their content.
    pub drop_nav_aside: bool,
    /// Cut form controls and media (`select`, `button`, `textarea`, `audio`,
    /// `video`, `canvas`, `map`, `datalist`) with their content, and the void
    /// `img`, `input`, `source`, `track`, `link`, `wbr`, `param` (after
    /// `<link>` was read for the canonical URL).
    pub drop_controls_media: bool,
    /// Rewrite start tags to keep only the attributes content extraction
    /// reads (`class`, `id`, `href`, `itemprop`, `role`, ...): drops
    /// `data-*` blobs, `srcset`, event handlers, and `style` unless it hides
    /// the element.
    pub strip_attributes: bool,
    /// Cut `<footer>` elements that are not inside `<article>` or `<main>`
    /// (rs-trafilatura deletes exactly those).
    pub drop_outer_footer: bool,
    /// Cut whitespace-only text between two block-level tags
    /// (`</div>\n   <div>`): each such run is one DOM text node less, and
    /// it renders as nothing.
    pub drop_block_whitespace: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            drop_nav_aside: true,
            drop_controls_media: true,
            strip_attributes: true,
            drop_outer_footer: true,
            drop_block_whitespace: true,
        }
    }
}

/// Deepest element nesting passed on to the extractor. html5ever's tree
/// builder scans the stack of open elements on many start tags, so a page
/// of 400k nested `<div>`s takes quadratic time (hours); real pages stay
/// well under 100 levels.
pub const MAX_DEPTH: usize = 256;

/// Most start tags passed on to the extractor; the cleaned page is cut
/// after this many (metadata is still read from the whole page). Parts of
/// the extractor grow faster than linearly with the element count; the
/// largest benchmark page has ~1,300 elements after cleaning.
pub const MAX_ELEMENTS: usize = 30_000;

/// Void elements (no end tag) and elements whose end tag is implied by the
/// next sibling: neither deepens the tree in a way worth tracking.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];

/// Block-level elements: whitespace between two of these renders as nothing.
const BLOCKS: &[&str] = &[
    "html",
    "head",
    "body",
    "title",
    "meta",
    "div",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "form",
    "figure",
    "figcaption",
    "blockquote",
    "hr",
    "br",
    "address",
    "details",
    "summary",
    "fieldset",
];

fn is_block(name: &[u8]) -> bool {
    BLOCKS
        .iter()
        .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
}

/// Elements cut with their content under `drop_nav_aside`.
const NAV_ASIDE: &[&str] = &["nav", "aside"];
/// Elements cut with their content under `drop_controls_media`.
const CONTROLS_MEDIA: &[&str] = &[
    "select", "button", "textarea", "audio", "video", "canvas", "map", "datalist",
];
/// Void elements cut under `drop_controls_media` (after `meta`/`link` were read).
/// `<meta>` stays: rs-trafilatura reads the page title from `og:title` and
/// drops the heading that repeats it (cutting metas cost F1 in `BENCH.md`).
const VOID_DROPPED: &[&str] = &["img", "input", "source", "track", "link", "wbr", "param"];

/// Attributes kept by `strip_attributes`: the ones rs-trafilatura's
/// selectors and heuristics read.
const KEPT_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "src",
    "data-src",
    "itemprop",
    "itemtype",
    "itemscope",
    "content",
    "name",
    "lang",
    "role",
    "property",
    "rel",
    "type",
    "datetime",
    "title",
    "alt",
    "http-equiv",
    "charset",
    "aria-label",
    "aria-hidden",
    "hidden",
    "colspan",
    "rowspan",
    "dir",
    "pubdate",
    "data-test",
    "data-testid",
    "data-preloaded",
    "data-component",
    "data-section",
    "data-role",
    "data-controller",
    "data-lp-replacement-content",
];

/// What one pass over a page found.
#[derive(Debug, Default)]
pub struct Scan {
    /// The page with the dropped elements and comments cut out.
    pub cleaned: String,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// Text of the first `<title>`.
    pub title_tag: Option<String>,
    /// `<meta>` as (lower-cased `property`/`name`/`itemprop`/`http-equiv`, `content`).
    pub metas: Vec<(String, String)>,
    /// `<link>` as (lower-cased `rel`, `href`).
    pub links: Vec<(String, String)>,
    /// Text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// Non-`meta` elements with `itemprop`: (lower-cased itemprop, value from
    /// `content`/`datetime`, else the element's leading text).
    pub itemprops: Vec<(String, String)>,
    /// `datetime` of `<time>` elements inside `<article>`, in page order.
    pub article_times: Vec<String>,
    /// `datetime` of `<time pubdate>` elements anywhere.
    pub pubdate_times: Vec<String>,
}

/// Scans `html` once with the default [`CleanOptions`]; see the module doc.
pub fn scan(html: &str) -> Scan {
    scan_with(html, &CleanOptions::default())
}

/// Scans `html` once; see the module doc.
pub fn scan_with(html: &str, opts: &CleanOptions) -> Scan {
    let b = html.as_bytes();
    let mut out = Scan {
        cleaned: String::with_capacity(html.len() / 2),
        ..Scan::default()
    };
    let mut copied = 0; // bytes of `html` before this are already in `cleaned` (or dropped)
    let mut article_depth = 0usize;
    let mut main_depth = 0usize;
    // End of the previous tag and whether it was block-level, for
    // `drop_block_whitespace`.
    let (mut prev_end, mut prev_block) = (0usize, false);
    // Open elements as the extractor's parser will see them (names), to
    // bound the depth: start tags beyond MAX_DEPTH are cut.
    let mut open: Vec<Vec<u8>> = Vec::new();
    // Start tags passed on, and where `cleaned` is cut once MAX_ELEMENTS is hit.
    let (mut elements, mut cut_at) = (0usize, None);
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt + 1..];
        // Comments (and `<!` / `<?` bogus comments): cut them.
        if rest.starts_with(b"!--") {
            let end = memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |p| lt + 4 + p + 3);
            out.cleaned.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        // Cuts the whitespace between the previous tag and the one at `lt`
        // when both are block-level.
        let cut_gap = |out: &mut Scan, copied: &mut usize, block: bool| {
            if opts.drop_block_whitespace
                && block
                && prev_block
                && *copied <= prev_end
                && prev_end < lt
                && b[prev_end..lt].iter().all(u8::is_ascii_whitespace)
            {
                out.cleaned.push_str(&html[*copied..prev_end]);
                *copied = lt;
            }
        };
        if rest.first() == Some(&b'/') {
            // End tag: `</article>`/`</main>` nesting and block gaps.
            let (name, name_end) = tag_name(b, lt + 2);
            if name.eq_ignore_ascii_case(b"article") {
                article_depth = article_depth.saturating_sub(1);
            } else if name.eq_ignore_ascii_case(b"main") {
                main_depth = main_depth.saturating_sub(1);
            }
            let block = is_block(name);
            cut_gap(&mut out, &mut copied, block);
            // An end tag closes the innermost open element of its name and
            // everything opened inside it (as the tree builder does).
            if let Some(pos) = open
                .iter()
                .rposition(|n| n.eq_ignore_ascii_case(name))
                .filter(|_| cut_at.is_none())
            {
                open.truncate(pos);
            }
            let gt = memchr(b'>', &b[name_end..]).map_or(b.len(), |p| name_end + p + 1);
            (prev_end, prev_block) = (gt, block);
            i = lt + 2;
            continue;
        }
        if !rest.first().is_some_and(|c| c.is_ascii_alphabetic()) {
            // `<!DOCTYPE`, `<?xml`, or a stray `<` in text.
            i = lt + 1;
            continue;
        }
        let (name_raw, name_end) = tag_name(b, lt + 1);
        let name = name_raw.to_ascii_lowercase();
        let gt = tag_end(b, name_end);
        let attrs = &html[name_end..gt];
        let after = (gt + 1).min(b.len());

        elements += 1;
        if elements == MAX_ELEMENTS {
            // `copied <= lt` always holds here: nothing past `lt` was taken yet.
            out.cleaned.push_str(&html[copied..lt]);
            copied = lt;
            cut_at = Some(out.cleaned.len());
        }
        let block = is_block(&name);
        cut_gap(&mut out, &mut copied, block);
        (prev_end, prev_block) = (after, block);
        let outer_footer = opts.drop_outer_footer && article_depth == 0 && main_depth == 0;
        let dropped = DROPPED
            .iter()
            .chain(if opts.drop_nav_aside { NAV_ASIDE } else { &[] })
            .chain(if opts.drop_controls_media {
                CONTROLS_MEDIA
            } else {
                &[]
            })
            .chain(if outer_footer { &["footer"][..] } else { &[] })
            .find(|d| d.as_bytes() == name.as_slice());
        if let Some(dropped) = dropped {
            prev_block = false;
            let self_closing = attrs.trim_end().ends_with('/') && name != b"script";
            let (content_end, end) = if self_closing {
                (after, after)
            } else {
                close_tag(b, after, dropped.as_bytes())
            };
            if name == b"script" && is_json_ld(attrs) {
                // JSON-LD stays in the page (the extractor reads `articleBody`
                // from it) and is kept for the date/title logic.
                if out.json_ld.len() < MAX_ITEMS {
                    let text = &html[after..content_end];
                    out.json_ld.push(truncate(text, MAX_JSON_LD).to_string());
                }
                i = end;
                continue;
            }
            out.cleaned.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }

        match name.as_slice() {
            b"meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"))
                    .or_else(|| attr(attrs, "http-equiv"));
                if let (Some(k), Some(v)) = (key, attr(attrs, "content")) {
                    push(&mut out.metas, (k.to_ascii_lowercase(), v));
                }
            }
            b"link" => {
                if let (Some(rel), Some(href)) = (attr(attrs, "rel"), attr(attrs, "href")) {
                    push(&mut out.links, (rel.to_ascii_lowercase(), href));
                }
            }
            b"html" if out.lang.is_none() => {
                out.lang = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang"));
            }
            b"title" => {
                let (content_end, end) = close_tag(b, after, b"title");
                if out.title_tag.is_none() {
                    out.title_tag = Some(truncate(&html[after..content_end], MAX_ATTR).to_string());
                }
                prev_end = end;
                i = end;
                continue;
            }
            b"article" if !attrs.trim_end().ends_with('/') => article_depth += 1,
            b"main" if !attrs.trim_end().ends_with('/') => main_depth += 1,
            b"time" => {
                if let Some(dt) = attr(attrs, "datetime") {
                    if article_depth > 0 {
                        push(&mut out.article_times, dt.clone());
                    }
                    if has_attr(attrs, "pubdate") {
                        push(&mut out.pubdate_times, dt);
                    }
                }
            }
            _ => {}
        }
        if name != b"meta" && memmem::find(attrs.as_bytes(), b"itemprop").is_some() {
            if let Some(prop) = attr(attrs, "itemprop") {
                let value = attr(attrs, "content")
                    .or_else(|| attr(attrs, "datetime"))
                    .unwrap_or_else(|| leading_text(html, after));
                push(&mut out.itemprops, (prop.to_ascii_lowercase(), value));
            }
        }
        let nests = !attrs.trim_end().ends_with('/')
            && !NOT_NESTING.iter().any(|d| d.as_bytes() == name.as_slice());
        if cut_at.is_some() {
            // Past the element cap: nothing more reaches the extractor.
        } else if nests && open.len() >= MAX_DEPTH {
            // Too deep: cut the start tag, keep its content.
            out.cleaned.push_str(&html[copied..lt]);
            copied = after;
        } else if opts.drop_controls_media
            && VOID_DROPPED.iter().any(|d| d.as_bytes() == name.as_slice())
        {
            out.cleaned.push_str(&html[copied..lt]);
            copied = after;
        } else if opts.strip_attributes {
            if let Some(tag) = rewrite_tag(&html[lt + 1..name_end], attrs) {
                out.cleaned.push_str(&html[copied..lt]);
                out.cleaned.push_str(&tag);
                copied = after;
            }
        }
        if nests && open.len() < MAX_DEPTH {
            open.push(name);
        }
        i = after;
    }
    out.cleaned.push_str(&html[copied..]);
    if let Some(cut) = cut_at {
        out.cleaned.truncate(cut);
    }
    out
}

fn push<T>(v: &mut Vec<T>, item: T) {
    if v.len() < MAX_ITEMS {
        v.push(item);
    }
}

/// Longest prefix of `s` of at most `max` bytes ending on a char boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Tag name starting at `start`: ASCII letters, digits, `-`, `:`, `_`.
fn tag_name(b: &[u8], start: usize) -> (&[u8], usize) {
    let mut j = start;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b':' | b'_')) {
        j += 1;
    }
    (&b[start..j], j)
}

/// Index of the `>` closing the tag whose attributes start at `from`
/// (quotes respected), or `b.len()` when the tag never closes.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut j = from;
    let mut quote: Option<u8> = None;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => return j,
                // A quote opens only at the start of a value (`="...`).
                b'"' | b'\'' if j > from && b[j - 1] == b'=' => quote = Some(c),
                _ => {}
            },
        }
        j += 1;
        // An unterminated quote must not swallow the page: a quoted
        // attribute value longer than 64 KiB is treated as unquoted.
        if quote.is_some() && j - from > 65_536 {
            quote = None;
        }
    }
    b.len()
}

/// Finds `</name` (ASCII case-insensitive, followed by a delimiter) at or
/// after `from`. Returns (start of the end tag, index after its `>`); both
/// are `b.len()` when the element never closes.
fn close_tag(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let finder = memmem::Finder::new(b"</");
    let mut j = from.min(b.len());
    while let Some(p) = finder.find(&b[j..]) {
        let s = j + p;
        let n = s + 2;
        if b.len() >= n + name.len()
            && b[n..n + name.len()].eq_ignore_ascii_case(name)
            && b.get(n + name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            let gt = memchr(b'>', &b[n..]).map_or(b.len(), |q| n + q + 1);
            return (s, gt);
        }
        j = s + 2;
    }
    (b.len(), b.len())
}

fn is_json_ld(attrs: &str) -> bool {
    attr(attrs, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
}

/// Value of attribute `name` (ASCII case-insensitive) in a tag's attribute
/// text, entity-decoded and trimmed. `None` when absent.
pub(crate) fn attr(attrs: &str, name: &str) -> Option<String> {
    attr_pos(attrs, name).map(|(v, _)| crate::text::decode_entities(truncate(v, MAX_ATTR).trim()))
}

fn has_attr(attrs: &str, name: &str) -> bool {
    attr_pos(attrs, name).is_some()
}

/// Raw value of attribute `name` (ASCII case-insensitive), if present.
fn attr_pos<'a>(attrs: &'a str, name: &str) -> Option<(&'a str, usize)> {
    Attrs::new(attrs)
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| (v, 0))
}

/// Iterator over a tag's attributes as (name, raw value); the value is ""
/// for a bare attribute. Tolerates any garbage; always advances.
struct Attrs<'a> {
    s: &'a str,
    j: usize,
}

impl<'a> Attrs<'a> {
    fn new(s: &'a str) -> Self {
        Attrs { s, j: 0 }
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let (attrs, b) = (self.s, self.s.as_bytes());
        let mut j = self.j;
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                self.j = j;
                return None;
            }
            let ks = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            if ks == j {
                // A stray `=` or `>`: skip it.
                j += 1;
                continue;
            }
            let key = &attrs[ks..j];
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let mut value = "";
            if k < b.len() && b[k] == b'=' {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if k < b.len() && (b[k] == b'"' || b[k] == b'\'') {
                    let q = b[k];
                    let vs = k + 1;
                    let ve = memchr(q, &b[vs..]).map_or(b.len(), |p| vs + p);
                    value = &attrs[vs..ve];
                    k = (ve + 1).min(b.len());
                } else {
                    let vs = k;
                    while k < b.len() && !b[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    value = &attrs[vs..k];
                }
                j = k;
            }
            self.j = j;
            return Some((key, value));
        }
    }
}

/// A `style` worth keeping: one that hides the element (the extractor
/// drops hidden elements).
fn style_hides(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    v.contains("display") || v.contains("visibility")
}

/// The start tag rebuilt with only [`KEPT_ATTRIBUTES`], or `None` when it
/// has nothing to remove (the common case: no allocation).
fn rewrite_tag(name: &str, attrs: &str) -> Option<String> {
    let keep = |k: &str, v: &str| {
        KEPT_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(k))
            || (k.eq_ignore_ascii_case("style") && style_hides(v))
    };
    if Attrs::new(attrs).all(|(k, v)| keep(k, v)) {
        return None;
    }
    let mut tag = String::with_capacity(name.len() + 2 + attrs.len() / 2);
    tag.push('<');
    tag.push_str(name);
    for (k, v) in Attrs::new(attrs).filter(|(k, v)| keep(k, v)) {
        tag.push(' ');
        tag.push_str(k);
        tag.push_str("=\"");
        // Values keep their entities; only a bare `"` (from a single-quoted
        // value) needs escaping in the double-quoted form.
        if v.contains('"') {
            tag.push_str(&v.replace('"', "&quot;"));
        } else {
            tag.push_str(v);
        }
        tag.push('"');
    }
    if attrs.trim_end().ends_with('/') {
        tag.push_str(" /");
    }
    tag.push('>');
    Some(tag)
}

/// Up to 200 bytes of text right after a start tag (until the next `<`),
/// for `itemprop` elements whose value is their text.
fn leading_text(html: &str, from: usize) -> String {
    let b = html.as_bytes();
    let from = from.min(b.len());
    let end = memchr(b'<', &b[from..]).map_or(b.len(), |p| from + p);
    crate::text::decode_entities(truncate(&html[from..end], 200).trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_comments_but_keeps_json_ld() {
        let html = r#"<html lang="uk"><head><title>T &amp; U</title>
<script>var x = "</div><p>nope</p>";</script><style>p{}</style>
<script type="application/ld+json">{"datePublished":"2024-11-07"}</script>
</head><body><!-- <p>hidden</p> --><p>Kept</p><svg><text>icon</text></svg></body></html>"#;
        let s = scan(html);
        assert!(s.cleaned.contains("<p>Kept</p>"));
        assert!(!s.cleaned.contains("nope"));
        assert!(!s.cleaned.contains("hidden"));
        assert!(!s.cleaned.contains("icon"));
        assert!(!s.cleaned.contains("p{}"));
        assert!(s.cleaned.contains("datePublished"));
        assert_eq!(
            s.json_ld,
            vec![r#"{"datePublished":"2024-11-07"}"#.to_string()]
        );
        assert_eq!(s.lang.as_deref(), Some("uk"));
        assert_eq!(s.title_tag.as_deref(), Some("T &amp; U"));
    }

    #[test]
    fn reads_attributes_in_any_quoting() {
        let a = r#" property='og:title' content="A &quot;B&quot;" data-x=1 async"#;
        assert_eq!(attr(a, "property").as_deref(), Some("og:title"));
        assert_eq!(attr(a, "CONTENT").as_deref(), Some("A \"B\""));
        assert_eq!(attr(a, "data-x").as_deref(), Some("1"));
        assert!(has_attr(a, "async"));
        assert!(attr(a, "name").is_none());
    }

    #[test]
    fn time_inside_article_and_itemprop() {
        let html = r#"<time datetime="2020-01-01">old</time><article><h1>x</h1>
<span itemprop="datePublished">2024-11-07</span><time datetime="2024-11-08T10:00Z">x</time></article>"#;
        let s = scan(html);
        assert_eq!(s.article_times, vec!["2024-11-08T10:00Z".to_string()]);
        assert_eq!(
            s.itemprops,
            vec![("datepublished".to_string(), "2024-11-07".to_string())]
        );
    }

    #[test]
    fn unclosed_script_drops_the_rest() {
        let s = scan("<p>a</p><script>if (a < b) { ");
        assert_eq!(s.cleaned, "<p>a</p>");
    }
}
