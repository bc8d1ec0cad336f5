//! Text utilities: sentence splitting over kept blocks, offset conversion.

use crate::clean::{Block, BlockKind};
use std::ops::Range;

/// A sentence: byte range into the original text, with its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Index of the block (paragraph) it belongs to.
    pub block: usize,
    pub heading: bool,
}

/// Abbreviations after which a period does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr", "prof",
    "gov", "sen", "rep", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "vs", "approx", "est", "inc", "corp", "ltd", "co", "u.s", "u.k", "u.n",
    "e.g", "i.e", "a.m", "p.m", "etc", "al", "mt", "ft",
];

/// Abbreviations only before a number ("No. 5", "Fig. 2"): elsewhere the word ends a sentence.
const NUMBER_ABBREV: &[&str] = &["no", "nos", "fig", "vol", "art", "pp"];

fn is_abbrev(word: &str) -> bool {
    let w = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    if ABBREV.contains(&w.as_str()) {
        return true;
    }
    if NUMBER_ABBREV.contains(&w.as_str()) {
        return false;
    }
    // Initials: "J." or "U.S."
    let letters: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
    !letters.is_empty() && letters.iter().all(|p| p.chars().count() == 1)
}

/// The char at byte `i` of `s` (a char boundary below `s.len()`).
#[inline]
fn char_at(s: &str, i: usize) -> char {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        s[i..].chars().next().unwrap_or(' ')
    }
}

/// Split the kept blocks of `raw` into sentences.
pub fn sentences(raw: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let heading = b.kind == BlockKind::Heading;
        let s = &raw[b.range.clone()];
        let bytes = s.as_bytes();
        let len = s.len();
        let base = b.range.start;
        let mut start = 0;
        // byte offset of the char after the one at `i`
        let next = |i: usize| i + char_at(s, i).len_utf8();
        let mut k = 0;
        while k < len {
            // sentence-ending marks are ASCII: jump to the next one
            let Some(off) = memchr::memchr3(b'.', b'!', b'?', &bytes[k..]) else {
                break;
            };
            let i = k + off;
            let c = bytes[i] as char;
            // Extend over closing quotes/brackets and repeated marks.
            let mut e = i + 1;
            while e < len
                && matches!(
                    char_at(s, e),
                    '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | '»'
                )
            {
                e = next(e);
            }
            // Scraped text often loses the space between sentences: "was OK.In the …".
            let glued = c == '.'
                && e == i + 1
                && e < len
                && char_at(s, e).is_uppercase()
                && i > 0
                && s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && next(e) < len
                && char_at(s, next(e)).is_lowercase();
            let next_ws = glued || (e < len && char_at(s, e).is_whitespace());
            let at_end = e >= len;
            if next_ws || at_end {
                // Next non-space char.
                let mut n = e;
                while n < len && char_at(s, n).is_whitespace() {
                    n = next(n);
                }
                let next_upper = n >= len || {
                    let d = char_at(s, n);
                    d.is_uppercase()
                        || d.is_ascii_digit()
                        || matches!(d, '"' | '“' | '‘' | '(' | '«' | '\'')
                };
                // The word starts after the last white space, which may be
                // several bytes long (no-break space, narrow no-break space).
                let word_start = s[..i]
                    .char_indices()
                    .rev()
                    .find(|(_, ch)| ch.is_whitespace())
                    .map(|(p, ch)| p + ch.len_utf8())
                    .unwrap_or(0);
                let word = &s[word_start..i + 1];
                let abbrev = c == '.' && is_abbrev(word.trim_end_matches('.'));
                // After an abbreviation a sentence ends only if the abbreviation can end one
                // ("… in the U.S. The next …") and a capital follows; "Dec. 4", "Mr. Putin" never split.
                let before_number = n < len && char_at(s, n).is_ascii_digit();
                let number_abbrev = c == '.'
                    && before_number
                    && NUMBER_ABBREV.contains(
                        &word
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                            .trim_end_matches('.')
                            .to_ascii_lowercase()
                            .as_str(),
                    );
                let abbrev_blocks = number_abbrev
                    || (abbrev
                        && !(can_end_sentence(word) && n < len && char_at(s, n).is_uppercase()));
                if next_upper && !abbrev_blocks {
                    let end = e.min(len);
                    push(&mut out, raw, base + start, base + end, bi, heading);
                    start = n.min(len);
                    k = n;
                    continue;
                }
            }
            k = e;
        }
        if start < len {
            push(&mut out, raw, base + start, base + len, bi, heading);
        }
    }
    out
}

/// Abbreviations that often end a sentence: country initials, times, "etc.", "Inc.".
fn can_end_sentence(word: &str) -> bool {
    let w = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches('.')
        .to_ascii_lowercase();
    matches!(
        w.as_str(),
        "u.s" | "u.k" | "u.n" | "a.m" | "p.m" | "etc" | "inc" | "ltd" | "corp" | "co" | "jr" | "sr"
    )
}

fn push(out: &mut Vec<Sentence>, raw: &str, start: usize, end: usize, block: usize, heading: bool) {
    let t = &raw[start..end];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if end - trail > start + lead {
        out.push(Sentence {
            range: start + lead..end - trail,
            block,
            heading,
        });
    }
}

/// A wire dateline opening a paragraph or standing on a line of its own: "KYIV, Ukraine
/// (AP) —", "Kharkiv, May 14 (Reuters) - ", "KADUNA, Nigeria, March 7 (Reuters) - ", "GOMA,
/// Democratic Republic of Congo, Oct. 20 - ", "JOHANNESBURG, August 7 (Xinhua) --". The one
/// definition `clean` (a dateline line is no title) and `events` (a dateline's place is not
/// where the event happened) share.
pub static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[A-Z][A-Za-z'’.]+( [A-Z][A-Za-z'’.]+){0,2}(, [A-Z][A-Za-z'’.]+( (of|the|[A-Z][A-Za-z'’.]+)){0,3}( \d{1,2})?(, \d{4})?){0,2}( \((AP|AFP|Reuters|[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)?)\))? [—–-]{1,2}( |$)").unwrap()
});

/// The largest char boundary `<= i` (clamped to the text).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary `>= i` (clamped to the text).
pub fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The at most `n` bytes of `s` before byte `pos` (widened to a char boundary): what the
/// rules read right before a mention ("according to ", "east of ").
pub fn text_before(s: &str, pos: usize, n: usize) -> &str {
    &s[ceil_boundary(s, pos.saturating_sub(n))..pos]
}

/// Converts byte offsets into Unicode code point offsets, for one text.
pub struct CharIndex {
    /// Byte offsets of every char start (ascending), only built for non-ASCII text.
    starts: Option<Vec<usize>>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            CharIndex { starts: None }
        } else {
            CharIndex {
                starts: Some(text.char_indices().map(|(i, _)| i).collect()),
            }
        }
    }
    /// Code point offset of a byte offset (a char boundary, or the text length).
    pub fn chars(&self, byte: usize) -> usize {
        match &self.starts {
            None => byte,
            Some(v) => v.partition_point(|&b| b < byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        let blocks = vec![Block {
            range: 0..s.len(),
            kind: BlockKind::Paragraph,
        }];
        sentences(s, &blocks)
            .into_iter()
            .map(|x| &s[x.range])
            .collect()
    }

    #[test]
    fn splits_on_abbreviations_correctly() {
        assert_eq!(
            split("Blinken told CBS News on Dec. 4 that talks failed. The U.S. envoy left. He said “no.” Then Mr. Smith spoke."),
            vec!["Blinken told CBS News on Dec. 4 that talks failed.", "The U.S. envoy left.", "He said “no.”", "Then Mr. Smith spoke."]
        );
        assert_eq!(
            split("It began at 6 a.m. local time. Sirens sounded."),
            vec!["It began at 6 a.m. local time.", "Sirens sounded."]
        );
        assert_eq!(
            split("On Dec. 1, President Biden spoke. He left."),
            vec!["On Dec. 1, President Biden spoke.", "He left."]
        );
        assert_eq!(
            split("Aid came from the U.S. The talks ended."),
            vec!["Aid came from the U.S.", "The talks ended."]
        );
        assert_eq!(
            split("He said it was OK.In the end he left."),
            vec!["He said it was OK.", "In the end he left."]
        );
        assert_eq!(
            split("See example.com for more."),
            vec!["See example.com for more."]
        );
    }

    #[test]
    fn char_index_counts_code_points() {
        let t = "Київ — Kyiv";
        let ci = CharIndex::new(t);
        let b = t.find("Kyiv").unwrap();
        assert_eq!(ci.chars(b), 7);
        assert_eq!(ci.chars(t.len()), t.chars().count());
    }
}
