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
    caption: Cue,
    keep: Cue,
    prefix: Cue,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut sets: [Vec<String>; 6] = Default::default();
    for f in crate::cues::tsv_rows(
        include_str!("../data/boilerplate.tsv"),
        2,
        "boilerplate.tsv",
    ) {
        let (kind, pat) = (f[0], f[1]);
        // ASCII word boundaries keep the sets on the fast automaton.
        let pat = format!("(?i){}", pat.replace(r"\b", r"(?-u:\b)"));
        let k = match kind {
            "line" => 0,
            "cut" => 1,
            "cta" => 2,
            "caption" => 3,
            "keep" => 4,
            "prefix" => 5,
            other => panic!("boilerplate.tsv: unknown kind {other}"),
        };
        sets[k].push(pat);
    }
    let [line, cut, cta, caption, keep, prefix] = sets.map(|v| Cue::new_many(&v));
    Rules {
        line,
        cut,
        cta,
        caption,
        keep,
        prefix,
    }
});

/// Words a date stamp may hold besides numbers: month and weekday names (and their
/// abbreviations), clock zones, and the labels of publish, update and reading-time stamps.
const STAMP_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "am", "pm", "a", "m", "p", "gmt", "utc", "est", "edt", "cet", "cest", "eet", "eest",
    "bst", "msk", "jst", "ist", "pst", "pdt", "cst", "cdt", "et", "pt", "local", "time",
    "updated", "update", "published", "posted", "modified", "edited", "created", "last", "on",
    "at", "ago", "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min",
    "seconds", "second", "secs", "sec", "days", "day", "weeks", "week", "months", "month",
    "years", "year", "read", "reading", "th", "st", "nd", "rd", "just", "now", "today",
    "yesterday",
];

/// Month names and the word `ago`: what makes a stamp a date rather than a bare number.
const STAMP_DATE_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "ago", "yesterday", "today",
];

/// A line that is only a date, time or age stamp: "14.10.2025 10:40 GMT", "Updated 2 hours
/// ago", "June 3, 2025 9:12 AM (Updated: ) 3 min read", "4:15 p.m.". Every word is a stamp
/// word and at least one token holds a digit. (A bare time is a live blog's entry heading or
/// a schedule: only a stamp that dates, [`stamp_has_date`], is dropped from the body.)
fn is_stamp(s: &str) -> bool {
    let mut digit = false;
    let mut n = 0;
    for tok in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        n += 1;
        if n > 16 {
            return false;
        }
        if tok.bytes().any(|b| b.is_ascii_digit()) {
            digit = true;
        } else if !STAMP_WORDS.contains(&tok.to_lowercase().as_str()) {
            return false;
        }
    }
    digit
}

/// A stamp that dates something: a month name, `ago`, `today`, or a numeric date
/// ("14.10.2025", "2024-11-07"); a bare year or time does not.
fn stamp_has_date(s: &str) -> bool {
    static NUMERIC: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::cues::ascii_regex(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
    });
    s.split(|c: char| !c.is_alphanumeric())
        .any(|t| STAMP_DATE_WORDS.contains(&t.to_lowercase().as_str()))
        || NUMERIC.is_match(s)
}

/// Lower-case words inside personal names ("Ursula von der Leyen", "Abdel Fattah al-Burhan").
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "van", "von", "da", "das", "do", "dos", "di", "du", "la",
    "le", "al", "el", "bin", "ibn", "ben", "y", "e",
];

/// A byline: "By Jane Roe", "By JANE ROE and JOHN DOE", "Jane Roe, John Doe | Published 3
/// March 2024, 10:10", "Jane Roe Updated 2 hours ago". Names of capitalised words (at most
/// five names of at most four words, joined by commas, `and`, `&` or bars), after "By" or
/// followed by a dated stamp, and nothing else.
fn is_byline(s: &str) -> bool {
    let mut rest = s.trim();
    let mut by = false;
    for p in ["by:", "by ", "written by ", "words by ", "author:", "authors:"] {
        if rest.len() > p.len()
            && rest.is_char_boundary(p.len())
            && rest[..p.len()].eq_ignore_ascii_case(p)
        {
            rest = rest[p.len()..].trim_start();
            by = true;
            break;
        }
    }
    let (mut names, mut in_name) = (0, 0);
    let mut pos = 0;
    loop {
        let tail = &rest[pos..];
        let w = tail.trim_start();
        let Some(word) = w.split_whitespace().next() else {
            // The line ends after names: a byline only after "By".
            return by && names > 0;
        };
        pos += tail.len() - w.len();
        // After at least one name, the rest may be a dated stamp.
        if names > 0 {
            let after = rest[pos..].trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | '·' | '•' | ',' | '/')
            });
            if !after.is_empty() && is_stamp(after) && stamp_has_date(after) {
                return true;
            }
        }
        pos += word.len();
        let core = word.trim_end_matches([',', '|', ';']);
        let ends_name = core.len() < word.len();
        if matches!(core, "and" | "&" | "|" | "-" | "–" | "—" | "·" | "•" | "") {
            if in_name == 0 {
                return false;
            }
            in_name = 0;
            continue;
        }
        let capitalised = core.chars().next().is_some_and(char::is_uppercase)
            && core
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
        if !(capitalised || (in_name > 0 && NAME_PARTICLES.contains(&core))) {
            return false;
        }
        if in_name == 0 {
            names += 1;
        }
        in_name += 1;
        if in_name > 4 || names > 5 {
            return false;
        }
        if ends_name {
            in_name = 0;
        }
    }
}

/// A wire dateline on a line of its own ("JOHANNESBURG, August 7 (Xinhua) --", "KYIV, Ukraine,
/// Nov 7 (Reuters) -"): the start of the story, not its title; kept with the body so its
/// date and place are read as the dateline's.
fn is_dateline_line(s: &str) -> bool {
    let s = s.trim();
    crate::text::DATELINE.find(s).is_some_and(|m| m.end() == s.len())
}

/// A byline naming where the reporter filed from, in the header: "Jane Roe in Kyiv", "Jane
/// Roe and John Doe in Port Adley". One or two names of two to four capitalised words, then
/// `in` and a place of one to three capitalised words, and nothing else.
fn is_byline_in_place(s: &str) -> bool {
    let Some((names, place)) = s.trim().rsplit_once(" in ") else {
        return false;
    };
    let cap = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    let place_ok = (1..=3).contains(&place.split_whitespace().count())
        && place.split_whitespace().all(cap);
    let mut n = 0;
    let names_ok = names.split(" and ").all(|name| {
        n += 1;
        let ws: Vec<&str> = name.split_whitespace().collect();
        (2..=4).contains(&ws.len())
            && cap(ws[0])
            && cap(ws[ws.len() - 1])
            && ws.iter().all(|w| cap(w) || NAME_PARTICLES.contains(w))
    });
    place_ok && names_ok && n <= 2
}

/// A list of tags or keywords: four or more comma-separated items of one to four words, all
/// opening in the same case and none with a number, a label or a conjunction ("a, b, c and d"
/// is prose; "Step 1: a, b, c" and "2 cups flour, 1 egg, ..." are lists of the article's own),
/// the line no sentence.
fn is_tag_list(s: &str) -> bool {
    if ends_sentence(s)
        || s.len() > 600
        || s.bytes().filter(|&b| b == b',').count() < 3
        || s.contains([':', '"', '“', '”'])
    {
        return false;
    }
    let mut upper = None;
    s.split(',').all(|item| {
        let item = item.trim();
        let first = item.split_whitespace().next().unwrap_or("");
        let Some(c) = item.chars().next() else {
            return false;
        };
        let up = c.is_uppercase();
        (1..=4).contains(&words(item))
            && c.is_alphabetic()
            && *upper.get_or_insert(up) == up
            && !item.ends_with(['.', '!', '?', ';'])
            && !matches!(first.to_lowercase().as_str(), "and" | "or" | "but" | "nor")
    })
}

/// A line whose shape makes it page furniture wherever it stands (the data rules of kind
/// `line`, date stamps, bylines with a stamp, tag lists), with the reason.
fn furniture(rules: &Rules, t: &str) -> Option<&'static str> {
    if rules.line.is_match(t) {
        Some("boilerplate line")
    } else if is_stamp(t) && stamp_has_date(t) {
        Some("date stamp")
    } else if is_byline(t) {
        Some("byline")
    } else if is_tag_list(t) {
        Some("tag list")
    } else {
        None
    }
}

/// Sentence-case words: a line of prose (most words after the first in lower case), not a
/// title-case heading or label.
fn sentence_case(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if ws.len() < 4 {
        return false;
    }
    let lower = ws[1..]
        .iter()
        .filter(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
        .count();
    2 * lower >= ws.len() - 1
}

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

/// Small words a title-case headline leaves in lower case.
const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
    "with", "from", "as", "vs", "vs.", "into", "over", "after", "via", "per", "than", "amid",
];

/// A headline in title case ("Rebels Seize Airport as Talks Stall"): three or more
/// capitalised words, and at least three in four of the words that are not small words.
fn title_case(s: &str) -> bool {
    let (mut cap, mut other) = (0, 0);
    for w in s.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next() else { continue };
        if c.is_uppercase() || c.is_ascii_digit() {
            cap += 1;
        } else if !TITLE_SMALL.contains(&w) {
            other += 1;
        }
    }
    cap >= 3 && cap >= 3 * other
}

/// A sentence signed with an agency's name after a dash ("... on Friday. — AFP"): the
/// article (or its paragraph) signing off, not a picture credit.
fn signs_off(rules: &Rules, t: &str) -> bool {
    rules.caption.find(t).is_some_and(|m| {
        let (before, credit) = t.split_at(m.start());
        credit.trim_start().starts_with(['—', '–', '-']) && ends_sentence(before.trim_end())
    })
}

/// Clean `raw`. `header` is the span of a header date token found by the date stage
/// (e.g. ` date 2024-11-07` before the first sentence): it is dropped.
pub fn clean(raw: &str, header: Option<Range<usize>>) -> Cleaned {
    let rules = &*RULES;
    // Lines as trimmed byte ranges, with the header token and a leading source tag cut out.
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
        let mut r = start + lead..end;
        if let Some(m) = rules.prefix.find(&raw[r.clone()]) {
            if m.start() == 0 && m.end() < r.len() {
                let tag = raw[r.start..r.start + m.end()].trim_end().len();
                dropped.push((r.start..r.start + tag, "source tag"));
                r.start += m.end();
            }
        }
        if !r.is_empty() {
            lines.push(r);
        }
    }
    let text = |r: &Range<usize>| &raw[r.clone()];
    // Long prose lines and credit lines are article text: no boilerplate rule applies to them.
    let protected: Vec<bool> = lines
        .iter()
        .map(|r| {
            let t = text(r);
            rules.keep.is_match(t) || (t.len() > 600 && ends_sentence(t))
        })
        .collect();
    let furn: Vec<Option<&'static str>> = lines
        .iter()
        .zip(&protected)
        .map(|(r, &p)| if p { None } else { furniture(rules, text(r)) })
        .collect();
    let mut furn = furn;
    // The headline printed more than once (page title and heading) marks where the page's
    // article starts: a prose line or two before its first print is a blurb or a background
    // paragraph the site puts on every page.
    let headline = (0..lines.len().min(8)).find(|&h| {
        let t = text(&lines[h]);
        furn[h].is_none()
            && !ends_sentence(t)
            && (4..=30).contains(&words(t))
            && title_case(t)
            && !rules.caption.is_match(t)
            && lines[h + 1..].iter().any(|r| text(r).eq_ignore_ascii_case(t))
    });
    if let Some(h) = headline {
        let before: Vec<usize> = (0..h)
            .filter(|&j| furn[j].is_none() && is_paragraph(text(&lines[j])))
            .collect();
        if before.len() <= 2 && (h + 1..lines.len()).any(|j| is_paragraph(text(&lines[j]))) {
            for j in before {
                if !protected[j] {
                    furn[j] = Some("before headline");
                }
            }
        }
    }
    let prose = |j: usize| {
        let t = text(&lines[j]);
        furn[j].is_none() && is_paragraph(t) && (protected[j] || !rules.cta.is_match(t))
    };
    let first_par = (0..lines.len()).find(|&j| prose(j));
    let last_par = (0..lines.len())
        .rev()
        .find(|&j| prose(j) && !is_teaser(text(&lines[j])));
    let mut keep = vec![true; lines.len()];
    let mut reason: Vec<&'static str> = vec![""; lines.len()];
    let mut title = None;

    // Header zone: pick the title, drop labels and dates.
    if let Some(fp) = first_par {
        for i in 0..fp {
            let t = text(&lines[i]);
            let w = words(t);
            let is_rule = furn[i].is_some();
            if is_dateline_line(t) {
                continue;
            }
            if title.is_none() && !is_rule && (4..=30).contains(&w) && !ends_sentence(t) {
                title = Some(lines[i].clone());
                keep[i] = false;
                reason[i] = "title";
            } else if is_rule
                || w <= 3
                || t.chars().all(|c| !c.is_alphabetic() || c.is_ascii_digit())
                || is_byline_in_place(t)
            {
                keep[i] = false;
                reason[i] = furn[i].unwrap_or("header label");
            }
        }
    }

    // Body rules.
    let title_text = title.clone().map(|r| &raw[r]);
    let mut i = 0;
    while i < lines.len() {
        if (!keep[i] && reason[i] == "title") || protected[i] {
            i += 1;
            continue;
        }
        let t = text(&lines[i]);
        if title_text.is_some_and(|tt| tt.eq_ignore_ascii_case(t)) {
            // The headline printed again (page title, heading, share card).
            keep[i] = false;
            reason[i] = "title repeated";
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
        } else if let Some(why) = furn[i] {
            keep[i] = false;
            reason[i] = why;
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
        } else if t.len() < 400
            && rules.caption.is_match(t)
            && !signs_off(rules, t)
            && (!is_paragraph(t) || last_par.is_some_and(|lp| i < lp))
        {
            // A picture caption closing with its credit; a non-sentence line right before
            // it is the caption's first half. (A last paragraph that closes with an agency's
            // name, "... on Monday. — AFP", is the article signing off.)
            keep[i] = false;
            reason[i] = "caption";
            if i > 0 && keep[i - 1] && !protected[i - 1] {
                let prev = text(&lines[i - 1]);
                if !ends_sentence(prev) && !is_paragraph(prev) {
                    keep[i - 1] = false;
                    reason[i - 1] = "caption";
                }
            }
            // A credit alone on its line ("Getty Images") may stand before its caption.
            if rules.caption.find(t).is_some_and(|m| m.start() == 0)
                && i + 1 < lines.len()
                && !protected[i + 1]
            {
                let next = text(&lines[i + 1]);
                if !ends_sentence(next) && !is_paragraph(next) {
                    keep[i + 1] = false;
                    reason[i + 1] = "caption";
                    i += 1;
                }
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
        // Short sentences following the last paragraph without a break ("No one was hurt.")
        // close the article.
        let mut closing = true;
        for j in lp + 1..lines.len() {
            let t = text(&lines[j]);
            // The text cut off mid-sentence right after the last paragraph ("... one pers"):
            // a line of prose, not a label.
            if j + 1 == lines.len() && j == lp + 1 && sentence_case(t) && !is_teaser(t) {
                continue;
            }
            closing = closing
                && keep[j]
                && t.trim_end_matches(['"', '\'', '”', '’', ')']).ends_with(['.', '!', '?'])
                && sentence_case(t);
            if closing {
                continue;
            }
            if keep[j]
                && !protected[j]
                && !signs_off(rules, t)
                && (!ends_sentence(t) || words(t) <= 4 || t.ends_with(':'))
                && words(t) < 15
            {
                keep[j] = false;
                reason[j] = "trailing label";
            }
        }
    }
    let mut blocks = Vec::new();
    // A text of one line is its own body, even without a final stop (a short report, a
    // description cut at its end): never a lone heading with nothing under it.
    let single = keep.iter().filter(|k| **k).count() == 1;
    for (j, r) in lines.iter().enumerate() {
        if keep[j] {
            let kind = if single || is_paragraph(text(r)) || ends_sentence(text(r)) {
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

    #[test]
    fn a_dateline_on_its_own_line_is_kept_and_is_no_title() {
        let p = crate::Pipeline::new();
        let text = "\n\nNAIROBI, March 4 (Xinhua) --\n\nKenyan police said on Tuesday that gunmen had attacked a bus near Garissa, killing three passengers.\n";
        let r = p.extract(&crate::Document::text("t.txt", text), chrono::NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(r.title, None, "{r:?}");
        assert!(r.body.starts_with("NAIROBI, March 4 (Xinhua)"), "{r:?}");
        assert!(is_dateline_line("KYIV, Ukraine, Nov 7 (Reuters) -"));
        assert!(!is_dateline_line("Kenyan police say gunmen attacked a bus near Garissa"));
    }

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

    /// Body of `raw` after cleaning.
    fn body_of(raw: &str) -> String {
        clean(raw, None).body(raw)
    }

    const P1: &str = "Heavy rain flooded the lower town on Tuesday night, forcing hundreds of families to leave their homes, the mayor said.";
    const P2: &str = "Engineers were checking two bridges on Wednesday and the main road north stayed closed, according to the police.";

    /// Bylines and date stamps around the article: names after "By", names followed by a
    /// dated stamp, and stamps alone (clock times, numeric dates, ages).
    #[test]
    fn bylines_and_date_stamps_are_dropped() {
        let raw = format!(
            "By MARTA KOWALSKA and Li Wen\nTomas de la Cruz | Published 3 March 2024, 10:10 AM\n08:25 CET 21.02.2024\n\n{P1}\n\n4:15 p.m.\n\n{P2}\n\nUpdated 3 hours ago\n35 minutes ago\n"
        );
        let body = body_of(&raw);
        assert!(body.starts_with("Heavy rain"), "{body}");
        assert!(body.ends_with("according to the police."), "{body}");
        for bad in ["KOWALSKA", "de la Cruz", "CET", "hours ago", "minutes ago"] {
            assert!(!body.contains(bad), "{bad} left in {body}");
        }
        // A bare time inside the body is a live blog's entry heading, not a stamp.
        assert!(body.contains("4:15 p.m."), "{body}");
        assert!(is_byline("By Ana Lúcia dos Santos"));
        assert!(is_byline("Kofi Mensah, Ines Roth | Updated 2 days ago"));
        assert!(!is_byline("By Monday the convoy had left."));
        assert!(!is_byline("Kharkiv Region"));
        assert!(!is_stamp("Seven people died"));
    }

    /// Related-story blocks, tag and keyword lists after the article.
    #[test]
    fn related_blocks_and_tag_lists_are_dropped() {
        let raw = format!(
            "{P1}\n\n{P2}\n\nflooding, bridges, river valley, emergency services, weather\nRelated Coverage\nMayor Opens New Market Hall\nMore Stories From This Topic\nSchool Term Starts Late After Storm\n2 hours ago\n"
        );
        let body = body_of(&raw);
        assert!(body.ends_with("according to the police."), "{body}");
        for bad in ["river valley", "Related", "Market Hall", "More Stories", "School Term"] {
            assert!(!body.contains(bad), "{bad} left in {body}");
        }
        assert!(is_tag_list("Flooding, Bridges, River Valley, Emergency Services"));
        // An enumeration in prose is not a tag list.
        assert!(!is_tag_list("apples, pears, plums and figs were sold"));
        assert!(!is_tag_list("Step 1: flour, sugar, eggs, milk"));
    }

    /// Notices of a site's audio player or machine narration.
    #[test]
    fn audio_and_ai_notices_are_dropped() {
        for notice in [
            "This article was narrated with the help of artificial intelligence",
            "The summary is generated using AI",
            "Listen to this story",
            "4 min read",
        ] {
            let raw = format!("{notice}\n\n{P1}\n\n{P2}\n");
            let body = body_of(&raw);
            assert!(body.starts_with("Heavy rain"), "{notice}: {body}");
        }
    }

    /// Picture captions closing with a credit, and their first half on the line before; an
    /// agency's name signing off the last paragraph stays.
    #[test]
    fn photo_captions_are_dropped() {
        let raw = format!(
            "{P1}\n\nVolunteers carry sandbags along the flooded embankment\nWater covered the square in the old quarterPhoto: Pavel Novak/AFP\n\n{P2}\n\nA rescuer wades through the street (AP Photo/Jan Berg)\n\nThe weather service expects more rain on Friday. — AFP\n"
        );
        let body = body_of(&raw);
        for bad in ["sandbags", "old quarter", "rescuer wades"] {
            assert!(!body.contains(bad), "{bad} left in {body}");
        }
        assert!(body.contains(P2), "{body}");
        assert!(body.ends_with("more rain on Friday. — AFP"), "{body}");
    }

    /// Embedded posts (their attribution line), pictures in Markdown, bare links.
    #[test]
    fn embeds_images_and_links_are_dropped() {
        let raw = format!(
            "![](https://example.org/img/photo_1.jpg)\n![Print](https://example.org/icons/print.png)\n\n{P1}\n\nhttps://t.co/AbCdEf pic.twitter.com/XyZ123— River Watch (@river_watch) March 4, 2024\n\n{P2}\n\nhttps://example.org/share?id=4\n"
        );
        let body = body_of(&raw);
        assert!(body.starts_with("Heavy rain"), "{body}");
        assert!(body.ends_with("according to the police."), "{body}");
        for bad in ["example.org", "@river_watch", "pic.twitter"] {
            assert!(!body.contains(bad), "{bad} left in {body}");
        }
    }

    /// A syndication feed's source tag opening the first line is cut; the sentence after it
    /// is kept, with offsets into the original text.
    #[test]
    fn source_tag_prefix_is_cut() {
        let raw = format!("(FEEDCO- Daily Courier) {P1}\n\n{P2}\n");
        let c = clean(&raw, None);
        let body = c.body(&raw);
        assert!(body.starts_with("Heavy rain"), "{body}");
        assert!(c.dropped.iter().any(|(r, why)| *why == "source tag" && raw[r.clone()].contains("FEEDCO")));
        // After a dateline city: "City, (AGENCY - Outlet - date) text".
        let raw = format!("Port Adley, (XNA - Daily Courier / Wire Desk - 3rd Mar, 2024) {P1}\n\n{P2}\n");
        assert!(body_of(&raw).starts_with("Heavy rain"), "{}", body_of(&raw));
        // A parenthesis that is prose stays.
        let raw = format!("(Updated with the mayor's comments) {P1}\n\n{P2}\n");
        assert!(body_of(&raw).starts_with("(Updated"), "{}", body_of(&raw));
    }

    /// A credit line ending the article is article text, as is a last paragraph cut off
    /// mid-word by the source.
    #[test]
    fn credits_and_cut_off_last_paragraph_are_kept() {
        let raw = format!("{P1}\n\n{P2}\n\nAdditional material for this report was supplied by wire services\n");
        assert!(body_of(&raw).ends_with("supplied by wire services"), "{}", body_of(&raw));
        let raw = format!("{P1}\n\n{P2}\n\nIn the villages further east, two farm buildings were dam");
        assert!(body_of(&raw).ends_with("were dam"), "{}", body_of(&raw));
        // A short label after the last paragraph still goes.
        let raw = format!("{P1}\n\n{P2}\n\nShare this page\n");
        assert!(!body_of(&raw).contains("Share this"));
    }

    /// A background blurb the site prints on every page before the headline, the headline
    /// printed twice, and a live blog's page title are not the article.
    #[test]
    fn blurb_before_repeated_headline_and_live_titles_are_dropped() {
        let raw = format!(
            "Since the dam failed in 2019 the valley has flooded every spring, and the region has asked for federal help many times.\nRiver Bursts Banks In Lower Town\nRiver Bursts Banks In Lower Town\n\n{P1}\n\n{P2}\n"
        );
        let body = body_of(&raw);
        assert!(body.starts_with("Heavy rain"), "{body}");
        let raw = format!("Floods close roads across the north – storm latest updates\n\n{P1}\n\n{P2}\n");
        let body = body_of(&raw);
        assert!(body.starts_with("Heavy rain"), "{body}");
        let raw = format!("Floods close roads across the north - as it happened\n\n{P1}\n\n{P2}\n");
        assert!(body_of(&raw).starts_with("Heavy rain"));
    }

    /// Page furniture of other sites' layouts: skip links and share buttons before the
    /// headline, an age notice, a byline with the place filed from, a credit line before its
    /// caption, "more on this story" blocks, a disclaimer on external links, appeals for
    /// donations, login notices, rules of dashes.
    #[test]
    fn navigation_appeals_and_notices_are_dropped() {
        let raw = format!(
            "Skip to main content\nShare\nSave\nThis story is more than three years old\nRiver Bursts Banks In Lower Town\nAnna Berg and Tomas Lind in Port Adley\nShutterstock\nFamilies wait on the bridge for buses on Tuesday\n{P1}\n\n{P2}\n\n___\nA note from our editors:\nWe rely on readers like you. Please make a donation to keep this site free.\nMore on this story\nDam Inspections Ordered\nThe Courier is not responsible for the content of external sites.\nYou must be logged in to comment.\n"
        );
        let c = clean(&raw, None);
        let body = c.body(&raw);
        assert_eq!(&raw[c.title.clone().unwrap()], "River Bursts Banks In Lower Town");
        assert!(body.starts_with("Heavy rain"), "{body}");
        assert!(body.ends_with("according to the police."), "{body}");
        assert!(is_byline_in_place("Ana dos Santos in Rio de Janeiro") == false);
        assert!(is_byline_in_place("Ana dos Santos in Lisbon"));
        assert!(!is_byline_in_place("Heavy fighting in Bakhmut"));
        // A politician's appeal quoted in the article is not the site's.
        let raw = format!("{P1}\n\nThe minister said the country would become a member of the alliance and urged partners to support its bid.\n\n{P2}\n");
        assert!(body_of(&raw).contains("become a member"), "{}", body_of(&raw));
    }

    /// Short closing sentences after the last paragraph are the article's end; a label after
    /// them still goes.
    #[test]
    fn short_closing_sentences_are_kept() {
        let raw = format!("{P1}\n\n{P2}\n\nNo one was hurt.\n\nThe cause is unknown.\n\nShare this article\nThanks for reading.\n");
        let body = body_of(&raw);
        assert!(body.ends_with("The cause is unknown."), "{body}");
        let raw = format!("{P1}\n\n{P2}\n\nThis story was first published on the Valley Times. Read the original here.\n");
        assert!(body_of(&raw).ends_with("according to the police."), "{}", body_of(&raw));
    }

    /// Site notices after the article: copyright lines (also in parentheses or after ©),
    /// typo-report hints, share buttons, author links, newsletter boxes and reader calls.
    #[test]
    fn copyright_share_newsletter_and_reader_calls_are_dropped() {
        let raw = format!(
            "{P1}\n\n{P2}\n\nShare on WhatsApp\n(Copyright ©2024 by The Courier Group. All Rights Reserved.)\n© 2024 Valley Times Media\nSpotted a typo? Highlight it and press Ctrl + Enter\nMore from Anna Berg\nThe morning headlines, sent straight to your inbox every day.\nE-mail address\nBy signing up you agree to the terms of service.\nWere you caught in the storm? We want to hear from you: send us your photos.\n"
        );
        let body = body_of(&raw);
        assert!(body.ends_with("according to the police."), "{body}");
        // A sentence that mentions copyright is prose.
        let raw = format!("{P1}\n\nCopyright lawyers for the studio argued that the film had been copied without permission, the court heard.\n\n{P2}\n");
        assert!(body_of(&raw).contains("Copyright lawyers"), "{}", body_of(&raw));
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
