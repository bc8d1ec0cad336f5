//! Stage `clean`: scraped text → title, kept body blocks, dropped boilerplate.
//!
//! Needs: the raw text (and the byte span of a header date token, if the date
//! stage found one). Sets: `title`, `blocks` (byte ranges into the raw text, so
//! later stages keep exact offsets) and `dropped` (with the reason for each).
//!
//! Rules are general (line shapes and the CMS patterns of `data/boilerplate.tsv`),
//! applied in zones: the header before the first paragraph, the body, and the
//! trailing zone after the last paragraph.

use crate::cues::Cue;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a kept block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A prose paragraph.
    Paragraph,
    /// A short line inside the body (sub-heading).
    Heading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub title: Option<Range<usize>>,
    pub blocks: Vec<Block>,
    /// Dropped lines with the rule that dropped them.
    pub dropped: Vec<(Range<usize>, &'static str)>,
}

impl Cleaned {
    /// The cleaned body: kept blocks joined by blank lines.
    pub fn body(&self, raw: &str) -> String {
        let mut s = String::with_capacity(raw.len());
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                s.push_str("\n\n");
            }
            s.push_str(&raw[b.range.clone()]);
        }
        s
    }
}

/// The rules of one kind, as one set matched in a single pass.
struct Rules {
    line: Cue,
    cut: Cue,
    cta: Cue,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let (mut line, mut cut, mut cta) = (vec![], vec![], vec![]);
    for f in crate::cues::tsv_rows(
        include_str!("../data/boilerplate.tsv"),
        2,
        "boilerplate.tsv",
    ) {
        let (kind, pat) = (f[0], f[1]);
        // ASCII word boundaries keep the sets on the fast automaton.
        let pat = format!("(?i){}", pat.replace(r"\b", r"(?-u:\b)"));
        match kind {
            "line" => line.push(pat),
            "cut" => cut.push(pat),
            "cta" => cta.push(pat),
            other => panic!("boilerplate.tsv: unknown kind {other}"),
        }
    }
    let set = |v: Vec<String>| Cue::new_many(&v);
    Rules {
        line: set(line),
        cut: set(cut),
        cta: set(cta),
    }
});

static CREDIT_KEEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(with )?(additional )?(reporting|writing|editing) by\b").unwrap()
});

/// Number of words in `s`, counted up to 31: every rule here compares it with
/// 30 or less, and a long paragraph need not be walked to its end.
fn words(s: &str) -> usize {
    // `s.split_whitespace().take(31).count()`, with ASCII white space by byte
    let b = s.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() {
        let (ws, len) = if b[i] < 0x80 {
            (
                matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C),
                1,
            )
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if ws {
            in_word = false;
        } else if !in_word {
            in_word = true;
            n += 1;
            if n == 31 {
                break;
            }
        }
        i += len;
    }
    n
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    t.ends_with(['.', '!', '?', ':', ';']) && !t.ends_with("...") && !t.ends_with('…')
}

/// A line that reads as article prose.
fn is_paragraph(s: &str) -> bool {
    let w = words(s);
    (w >= 20) || (w >= 8 && ends_sentence(s))
}

fn is_teaser(s: &str) -> bool {
    let t = s.trim_end();
    (t.ends_with('…') || t.ends_with("...")) && s.len() < 300
}

/// Clean `raw`. `header` is the span of a header date token found by the date stage
/// (e.g. ` date 2024-11-07` before the first sentence): it is dropped.
pub fn clean(raw: &str, header: Option<Range<usize>>) -> Cleaned {
    let rules = &*RULES;
    // Lines as trimmed byte ranges, with the header token cut out.
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut dropped = Vec::new();
    let mut pos = 0;
    for line in raw.split_inclusive('\n') {
        let mut start = pos;
        let end = pos + line.trim_end().len();
        pos += line.len();
        if let Some(h) = &header {
            if h.start >= start && h.start < end.max(start + 1) {
                dropped.push((h.clone(), "header date"));
                start = h.end.max(start);
            }
        }
        if start >= end {
            continue;
        }
        let lead = raw[start..end].len() - raw[start..end].trim_start().len();
        let r = start + lead..end;
        if !r.is_empty() {
            lines.push(r);
        }
    }
    let text = |r: &Range<usize>| &raw[r.clone()];
    let first_par = lines.iter().position(|r| is_paragraph(text(r)));
    let last_par = lines
        .iter()
        .rposition(|r| is_paragraph(text(r)) && !is_teaser(text(r)));
    let mut keep = vec![true; lines.len()];
    let mut reason: Vec<&'static str> = vec![""; lines.len()];
    let mut title = None;

    // Header zone: pick the title, drop labels and dates.
    if let Some(fp) = first_par {
        for i in 0..fp {
            let t = text(&lines[i]);
            let w = words(t);
            let is_rule = rules.line.is_match(t);
            if title.is_none() && !is_rule && (4..=30).contains(&w) && !ends_sentence(t) {
                title = Some(lines[i].clone());
                keep[i] = false;
                reason[i] = "title";
            } else if is_rule
                || w <= 3
                || t.chars().all(|c| !c.is_alphabetic() || c.is_ascii_digit())
            {
                keep[i] = false;
                reason[i] = "header label";
            }
        }
    }

    // Body rules.
    let mut i = 0;
    while i < lines.len() {
        if !keep[i] && reason[i] == "title" {
            i += 1;
            continue;
        }
        let t = text(&lines[i]);
        // Long prose lines are article text: no boilerplate rule applies to them.
        if CREDIT_KEEP.is_match(t) || (t.len() > 600 && ends_sentence(t)) {
            i += 1;
            continue;
        }
        if rules.cut.is_match(t) {
            let rest_has_article = lines[i + 1..].iter().any(|r| {
                let s = text(r);
                is_paragraph(s) && !is_teaser(s) && s.len() >= 200
            });
            if !rest_has_article {
                for j in i..lines.len() {
                    keep[j] = false;
                    reason[j] = "trailing teasers";
                }
                break;
            }
            keep[i] = false;
            reason[i] = "section label";
        } else if rules.line.is_match(t) {
            keep[i] = false;
            reason[i] = "boilerplate line";
        } else if rules.cta.is_match(t) {
            keep[i] = false;
            reason[i] = "call to action";
            if i > 0
                && keep[i - 1]
                && !ends_sentence(text(&lines[i - 1]))
                && words(text(&lines[i - 1])) <= 12
            {
                keep[i - 1] = false;
                reason[i - 1] = "call to action";
            }
        } else if i + 1 < lines.len() && text(&lines[i + 1]) == t && !is_paragraph(t) {
            // A headline printed twice: a teaser card or a site name.
            keep[i] = false;
            keep[i + 1] = false;
            reason[i] = "repeated line";
            reason[i + 1] = "repeated line";
            i += 1;
        } else if is_teaser(t) && last_par.is_none_or(|lp| i > lp) {
            keep[i] = false;
            reason[i] = "teaser";
        }
        i += 1;
    }
    // Trailing zone: short non-sentences after the last paragraph.
    if let Some(lp) = last_par {
        for j in lp + 1..lines.len() {
            let t = text(&lines[j]);
            if keep[j]
                && !CREDIT_KEEP.is_match(t)
                && (!ends_sentence(t) || words(t) <= 4)
                && words(t) < 15
            {
                keep[j] = false;
                reason[j] = "trailing label";
            }
        }
    }
    let mut blocks = Vec::new();
    for (j, r) in lines.iter().enumerate() {
        if keep[j] {
            let kind = if is_paragraph(text(r)) || ends_sentence(text(r)) {
                BlockKind::Paragraph
            } else {
                BlockKind::Heading
            };
            blocks.push(Block {
                range: r.clone(),
                kind,
            });
        } else if reason[j] != "title" {
            dropped.push((r.clone(), reason[j]));
        }
    }
    Cleaned {
        title,
        blocks,
        dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `words` counts what `split_whitespace` splits, capped at 31.
    #[test]
    fn words_counts_as_split_whitespace() {
        let long = "word ".repeat(40);
        for s in [
            "",
            "   ",
            "one",
            " two  words ",
            "no\u{a0}break space",
            "em\u{2003}space and\u{3000}ideographic\u{85}next",
            "Київ — столиця\tУкраїни\r\n",
            "«quoted» “curly” … ellipsis",
            long.as_str(),
        ] {
            assert_eq!(words(s), s.split_whitespace().take(31).count(), "{s:?}");
        }
        assert_eq!(words(&long), 31);
    }

    const PAGE: &str = "Today : Dec 23, 2024\nWorld News\n23 December 2024\n\nBig Storm Hits The Northern Coast Overnight\n\n\
The storm made landfall overnight near the port, officials said, cutting power to thousands of homes across the region.\n\n\
Rescue teams reached the worst-hit villages by morning and began clearing roads, the regional governor told reporters.\n\n\
Live Briefing: The Storm\n\nOur live briefing gives you all the latest developments. Click for all coverage here.\n\n\
Crews expect to restore electricity within two days, according to the utility company.\n\n\
Latest Contents\nA Celebrity Did Something\n\nA Celebrity Did Something\n\nThe celebrity was seen at a party, reshaping…\n23 December 2024\n\n\
Please enter your comment!\nShare post:\n";

    #[test]
    fn drops_boilerplate_and_keeps_article() {
        let c = clean(PAGE, None);
        let body = c.body(PAGE);
        assert_eq!(
            &PAGE[c.title.clone().unwrap()],
            "Big Storm Hits The Northern Coast Overnight"
        );
        assert!(body.starts_with("The storm made landfall"), "{body}");
        assert!(
            body.ends_with("according to the utility company."),
            "{body}"
        );
        for bad in [
            "Today :",
            "World News",
            "Live Briefing",
            "Click for all",
            "Latest Contents",
            "Celebrity",
            "comment",
            "Share post",
        ] {
            assert!(!body.contains(bad), "{bad} left in {body}");
        }
        // Offsets point into the original text.
        for b in &c.blocks {
            assert_eq!(&PAGE[b.range.clone()], PAGE[b.range.clone()].trim());
        }
    }

    #[test]
    fn header_token_is_cut_from_first_line() {
        let raw = " date 2024-11-07 Russia carried out a large-scale drone assault on the capital early on Wednesday, officials said.";
        let c = clean(raw, Some(0..16));
        assert!(c.body(raw).starts_with("Russia carried out"));
        assert!(c.title.is_none());
    }

    #[test]
    fn author_bio_and_site_name_in_trailer_are_dropped() {
        let raw = "The council met on Monday and agreed a new budget for the coming year after a long debate, members said.\n\nThe Daily Bugle\nThe Daily Bugle\nJane Roe is a staff writer for The Daily Bugle, with a focus on local politics.\n";
        let body = clean(raw, None).body(raw);
        assert!(
            !body.contains("Daily Bugle") && !body.contains("Jane Roe"),
            "{body}"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_blocks_are_in_bounds(s in "(?s).{0,400}") {
            let c = clean(&s, None);
            for b in &c.blocks {
                proptest::prop_assert!(s.is_char_boundary(b.range.start) && s.is_char_boundary(b.range.end));
            }
        }
    }
}
