//! Small text helpers: word boundaries, a word tokenizer with byte spans,
//! and the normalisation used for case-insensitive lookups.

/// True when `c` continues a word (so a match next to it is not a whole word).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || sitrep_model::chars::is_alnum(c)
}

/// True when `text[start..end]` is delimited by non-word characters.
pub(crate) fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after_ok = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// Normalise a phrase for dictionary lookups: typographic apostrophes to
/// ASCII, whitespace collapsed, lower case, leading "the " dropped.
pub(crate) fn norm_phrase(s: &str) -> String {
    let s = s.replace(['’', '‘', '`'], "'");
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// Per byte: 0 for ASCII that is not a word character, the lower-case byte
/// for ASCII word characters (letters, digits, `_`), 0xFF from 0x80 (decode).
pub(crate) static WORD_BYTE: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphanumeric() || c == b'_' {
            c.to_ascii_lowercase()
        } else {
            0
        };
        i += 1;
    }
    t
};

/// A word of the text with its byte span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Followed by a possessive `'s` / `’s` (not included in `text`).
    pub possessive: bool,
}

impl Token<'_> {
    /// Starts with an upper-case letter and has at least one lower-case one ("Avdeeva", "McEnany").
    pub fn is_capitalised(&self) -> bool {
        let b = self.text.as_bytes();
        if b[0].is_ascii() {
            // ASCII fast path: "Avdeeva"; falls through for non-ASCII letters later on.
            if !b[0].is_ascii_uppercase() {
                return false;
            }
            if b[1..].iter().any(|c| c.is_ascii_lowercase()) {
                return true;
            }
        }
        let mut chars = self.text.chars();
        matches!(chars.next(), Some(c) if c.is_uppercase()) && chars.any(|c| c.is_lowercase())
    }
}

/// Split `text` into words: runs of alphanumerics joined by inner hyphens
/// or apostrophes ("Jean-Pierre", "O'Brien"); a trailing possessive `'s` is
/// split off and recorded on the token.
pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The char starting at byte `i` and its length (ASCII fast path).
    let char_at = |i: usize| -> (char, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("char boundary");
            (c, c.len_utf8())
        }
    };
    let mut out = Vec::with_capacity(n / 5);
    let mut i = 0;
    while i < n {
        match WORD_BYTE[bytes[i] as usize] {
            0 => {
                // ASCII, not a word character
                i += 1;
                continue;
            }
            0xFF => {
                let (c, l) = char_at(i);
                if !is_word_char(c) {
                    i += l;
                    continue;
                }
            }
            _ => {}
        }
        let start = i;
        i += char_at(i).1;
        while i < n {
            let w = WORD_BYTE[bytes[i] as usize];
            if w != 0 && w != 0xFF {
                i += 1;
                continue;
            }
            let (d, dl) = char_at(i);
            if is_word_char(d) {
                i += dl;
            } else if matches!(d, '-' | '\'' | '’') && i + dl < n && is_word_char(char_at(i + dl).0)
            {
                // A joiner only counts when a word character follows it.
                i += dl;
            } else {
                break;
            }
        }
        let mut word = &text[start..i];
        let mut possessive = false;
        for suffix in ["'s", "’s"] {
            if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                word = &word[..word.len() - suffix.len()];
                possessive = true;
                break;
            }
        }
        out.push(Token {
            start,
            end: start + word.len(),
            text: word,
            possessive,
        });
    }
    out
}

/// The word (run of word characters) ending at or before `off`, skipping non-word characters.
pub(crate) fn word_before(text: &str, off: usize) -> Option<&str> {
    let head = text[..off].trim_end_matches(|c: char| !is_word_char(c));
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < head.len()).then(|| &head[start..])
}

/// The word starting at or after `off`, skipping non-word characters.
pub(crate) fn word_after(text: &str, off: usize) -> Option<&str> {
    let tail = text[off..].trim_start_matches(|c: char| !is_word_char(c));
    let end = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
    (end > 0).then(|| &tail[..end])
}

/// The text between two byte offsets is only spaces (no line break, no punctuation).
pub(crate) fn only_spaces(text: &str, from: usize, to: usize) -> bool {
    from <= to
        && text[from..to]
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_after_a_name() {
        for yes in [", 37, said", ", 37.", ", 8 and her", " (54) was", ", 71 years old", ", 19-year-old"] {
            assert!(age_follows(yes), "{yes:?}");
        }
        for no in [", 1943, and", ", 12 March", ", 2024.", " (2022)", ", 0,", ", 37%", "37,", ", a 37"] {
            assert!(!age_follows(no), "{no:?}");
        }
    }

    #[test]
    fn tokenizer_splits_possessives_and_keeps_joined_names() {
        let t = tokens("Putin’s aide Jean-Pierre O'Brien's x-");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Putin", "aide", "Jean-Pierre", "O'Brien", "x"]);
        assert!(t[0].possessive && t[3].possessive && !t[2].possessive);
    }

    #[test]
    fn norm_phrase_folds_case_apostrophes_and_article() {
        assert_eq!(norm_phrase("  The Kremlin’s  Forces "), "kremlin's forces");
    }

    #[test]
    fn neighbouring_words() {
        let t = "IT IS, war";
        assert_eq!(word_before(t, 3), Some("IT"));
        assert_eq!(word_after(t, 5), Some("war"));
        assert_eq!(word_before(t, 0), None);
        assert_eq!(word_after(t, t.len()), None);
    }

    #[test]
    fn whole_word_checks_both_sides() {
        assert!(whole_word("the IS group", 4, 6));
        assert!(!whole_word("THIS", 2, 4));
    }
}

/// The text right after a name starts with an age: ", 37," / ", 37." /
/// ", 37 and" / ", 37 years old" / " (37)" (a number from 1 to 120 that is
/// not the start of a longer number or a date: ", 1991" or ", 12 March" are no age).
pub(crate) fn age_follows(rest: &str) -> bool {
    let (digits_at, closing): (&str, &[&str]) = if let Some(r) = rest.strip_prefix(", ") {
        (r, &[",", ".", ";", " and ", " years", " year-old", "-year-old", " who "])
    } else if let Some(r) = rest.strip_prefix(" (") {
        (r, &[")"])
    } else {
        return false;
    };
    let n = digits_at.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return false;
    }
    let age: u32 = digits_at[..n].parse().unwrap_or(0);
    let after = &digits_at[n..];
    (1..=120).contains(&age) && closing.iter().any(|c| after.starts_with(c))
}
