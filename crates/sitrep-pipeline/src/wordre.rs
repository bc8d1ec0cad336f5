//! [`WordRegex`]: a `regex::Regex` whose Unicode word boundaries (`\b`, `\B`)
//! do not push most searches off the lazy DFA.
//!
//! Why: the `regex` crate's lazy DFA cannot decide a Unicode `\b` next to a
//! non-ASCII byte, so it gives up at the first such byte and the search runs
//! again on the PikeVM or the bounded backtracker. News prose has non-ASCII
//! bytes in nearly every paragraph (’ “ ” — …), so the rule regexes written
//! with a plain `\b` ran mostly on the slow engines: callgrind, 10,000-article
//! benchmark at steady state, PikeVM and backtracker took about 18% of all
//! extraction instructions, most of it from `statements`, `events` and
//! `unplaced`.
//!
//! How: each pattern is compiled twice, as written and with every `\b`/`\B`
//! made ASCII (`(?-u:\b)`). The two agree on any haystack holding no
//! non-ASCII *word* character (letters, digits, marks: "é", "ğ", Cyrillic):
//! curly quotes, dashes and no-break spaces are non-word characters to both.
//! A search takes the ASCII variant when the haystack has no non-ASCII word
//! character, else the pattern as written, so matches are always those of the
//! pattern as written. Anything else reaches the pattern as written through
//! `Deref`.

use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use std::ops::Deref;

pub struct WordRegex {
    /// The pattern as written.
    unicode: Regex,
    /// The same with ASCII word boundaries; `None` when the pattern has no
    /// `\b`/`\B` to change (or one this module does not rewrite).
    ascii: Option<Regex>,
}

impl WordRegex {
    pub fn new(pattern: &str) -> Result<WordRegex, regex::Error> {
        let unicode = Regex::new(pattern)?;
        let ascii = ascii_boundaries(pattern).and_then(|p| Regex::new(&p).ok());
        Ok(WordRegex { unicode, ascii })
    }

    /// The compiled regex that answers for `hay` exactly as the pattern as written.
    #[inline]
    fn pick(&self, hay: &str) -> &Regex {
        match &self.ascii {
            Some(a) if !has_non_ascii_word_char(hay) => a,
            _ => &self.unicode,
        }
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.pick(hay).is_match(hay)
    }
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.pick(hay).find(hay)
    }
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> Matches<'r, 'h> {
        self.pick(hay).find_iter(hay)
    }
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.pick(hay).captures(hay)
    }
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> CaptureMatches<'r, 'h> {
        self.pick(hay).captures_iter(hay)
    }
}

/// Everything else (`as_str`, `replace`, `split`, …) is the pattern as written.
impl Deref for WordRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        &self.unicode
    }
}

/// Whether `hay` may hold a character that is a word character (`\w`) for
/// the Unicode `\b` but not ASCII. Pure ASCII, the usual case, is one fast
/// check; past the first non-ASCII byte, every non-ASCII character that is not
/// known punctuation or space counts (a false "yes" only costs the slow path).
fn has_non_ascii_word_char(hay: &str) -> bool {
    // `is_ascii` goes a machine word at a time; then only what follows the first
    // non-ASCII byte is decoded (callgrind: a byte loop for it cost 3% of all).
    if hay.is_ascii() {
        return false;
    }
    let b = hay.as_bytes();
    let mut start = 0;
    while b[start..(start + 16).min(b.len())].is_ascii() {
        start += 16;
    }
    // `start` is at an ASCII byte or a lead byte: the first non-ASCII byte is in this chunk.
    hay[start..]
        .chars()
        .any(|c| !c.is_ascii() && !non_word_punctuation(c))
}

/// Non-ASCII characters of news prose that are no word characters: Latin-1
/// punctuation, signs and spaces (no-break space, « » ° £ ×), the General
/// Punctuation block (’ “ ” — … and the Unicode spaces), currency signs and the
/// byte-order mark; minus the few word characters in these ranges (ª µ º, the
/// joiners U+200C/D, connector punctuation ‿ ⁀ ⁔). A test checks every
/// character kept here against the regex crate's `\w`.
fn non_word_punctuation(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2000}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}' | '\u{feff}')
        && !matches!(
            c,
            'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼'
                ..='¾' | '\u{200c}' | '\u{200d}' | '\u{203f}' | '\u{2040}' | '\u{2054}'
        )
}

/// `pattern` with each `\b` and `\B` outside a character class made ASCII
/// (`(?-u:\b)`, a group that captures nothing, so group numbers stay). `None`
/// when there is none, or for the `\b{...}` forms (left as written).
fn ascii_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    let mut changed = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push(c);
                    break;
                };
                if class_depth == 0 && (n == 'b' || n == 'B') {
                    if chars.peek() == Some(&'{') {
                        return None;
                    }
                    out.push_str(if n == 'b' { r"(?-u:\b)" } else { r"(?-u:\B)" });
                    changed = true;
                } else {
                    out.push(c);
                    out.push(n);
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
                // A `]` (after an optional `^`) right at the start of a class is literal.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap());
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap());
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_rewritten_outside_classes_only() {
        assert_eq!(
            ascii_boundaries(r"(?i)\b(a|b)\B[\b\]x]\\b").as_deref(),
            Some(r"(?i)(?-u:\b)(a|b)(?-u:\B)[\b\]x]\\b")
        );
        assert_eq!(
            ascii_boundaries(r"[]\b]\bx").as_deref(),
            Some(r"[]\b](?-u:\b)x")
        );
        assert_eq!(ascii_boundaries(r"no boundary \w+"), None);
        assert_eq!(ascii_boundaries(r"\b{start}x"), None);
    }

    #[test]
    fn non_ascii_word_characters_are_told_apart() {
        assert!(!has_non_ascii_word_char("plain ascii, it's"));
        assert!(!has_non_ascii_word_char("“Kyiv’s” — 3\u{a0}a.m. … «x» €5"));
        assert!(has_non_ascii_word_char("Erdoğan said"));
        assert!(has_non_ascii_word_char("Київ"));
        assert!(has_non_ascii_word_char("x\u{301}")); // a combining mark
    }

    /// No character taken for punctuation is a word character to the regex crate.
    #[test]
    fn punctuation_kept_is_no_word_character() {
        let word = Regex::new(r"^\w$").unwrap();
        let mut n = 0;
        for c in (0x80..0x3_0000).filter_map(char::from_u32) {
            if non_word_punctuation(c) {
                assert!(
                    !word.is_match(c.encode_utf8(&mut [0; 4])),
                    "{c:?} U+{:04X}",
                    c as u32
                );
                n += 1;
            }
        }
        assert!(n > 150, "{n}");
    }

    /// The fast path agrees with the pattern as written on every haystack,
    /// with and without non-ASCII letters next to the boundaries.
    #[test]
    fn matches_are_those_of_the_pattern_as_written() {
        let pats = [
            r"(?i)\b(kill(ed|ing)?|struck|hit)\b",
            r"\b\w+\b",
            r"(?i)\bthe\B\w*",
            r"^(?:He|She|They)\b",
            r"(?i)\b(no|not)\b[^.;:]{0,40}$",
            r"(\w+)(?:'s|’s) (officials?)\b",
        ];
        let hays = [
            "Drones struck Kyiv’s “east” — three killed.",
            "Erdoğan’s officials said they hit the theatre",
            "Ékilled kill killé ékill there thereby",
            "He said nothing; not a single shot",
            "Русский killed hitér hit",
            "Zaporizhzhia’s officials hit back\u{a0}hit",
        ];
        for p in pats {
            let w = WordRegex::new(p).unwrap();
            let r = Regex::new(p).unwrap();
            assert!(w.ascii.is_some(), "{p}");
            for h in hays {
                let spans = |it: Matches| it.map(|m| m.range()).collect::<Vec<_>>();
                assert_eq!(spans(w.find_iter(h)), spans(r.find_iter(h)), "{p} on {h}");
                assert_eq!(w.is_match(h), r.is_match(h));
                assert_eq!(w.find(h).map(|m| m.range()), r.find(h).map(|m| m.range()));
                let caps = |c: Option<Captures>| {
                    c.map(|c| c.iter().map(|g| g.map(|m| m.range())).collect::<Vec<_>>())
                };
                assert_eq!(caps(w.captures(h)), caps(r.captures(h)), "{p} on {h}");
                assert_eq!(w.captures_iter(h).count(), r.captures_iter(h).count());
            }
        }
    }
}
