//! Tokeniser: splits a text into word tokens with the facts the matcher needs
//! (capitalisation, possessive `'s`, sentence start, punctuation in between).

use crate::normalize::{is_apostrophe, norm_append};

#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the token, a possessive `'s` excluded.
    pub end: usize,
    /// Starts with an upper-case letter (or an Arabic article `al-` + upper case).
    pub cap: bool,
    /// Followed by a possessive `'s` (Russia's).
    pub possessive: bool,
    /// First word of a sentence (or of a line / the text).
    pub initial: bool,
    /// Something other than white space separates it from the previous token.
    pub punct_before: bool,
    /// The separator before this token is exactly a comma (lists: "Donetsk, Luhansk").
    pub comma_before: bool,
    /// Range of its normalised form in [`Tokens::norm`].
    pub nstart: u32,
    pub nend: u32,
}

pub struct Tokens<'a> {
    pub toks: Vec<Tok>,
    /// Normalised forms of the capitalised tokens, concatenated.
    norm: String,
    text: &'a str,
}

impl Tokens<'_> {
    /// Normalised form of token `i`. Lower-case ASCII words (connectors,
    /// prepositions, region words) are compared as written and not folded.
    pub fn norm_of(&self, i: usize) -> &str {
        let t = &self.toks[i];
        if t.nstart == u32::MAX {
            &self.text[t.start..t.end]
        } else {
            &self.norm[t.nstart as usize..t.nend as usize]
        }
    }
}

#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

const ARTICLES: [&str; 10] = ["al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "ed-"];

fn is_joiner(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑' || is_apostrophe(c)
}

/// Splits `text` into tokens. Linear in the text length. With `all`, every
/// token is normalised (lookups of a bare name); otherwise only tokens that
/// are not plain lower-case ASCII words.
pub fn tokenize(text: &str, all: bool) -> Tokens<'_> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut norm = String::with_capacity(text.len());
    let mut scratch: Vec<u8> = Vec::with_capacity(64);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    // state of the gap before the next token
    let mut gap_punct = false;
    let mut gap_comma = false;
    let mut sentence_start = true;
    while i < n {
        let (_, c) = chars[i];
        if !is_alnum(c) {
            if !c.is_whitespace() {
                if c == ',' && !gap_punct {
                    gap_comma = true;
                } else {
                    gap_comma = false;
                }
                gap_punct = true;
                if matches!(c, '.' | '!' | '?' | ':' | ';' | '•' | '|') {
                    sentence_start = true;
                }
            } else if c == '\n' {
                sentence_start = true;
                gap_punct = true;
                gap_comma = false;
            }
            i += 1;
            continue;
        }
        // a token starts here
        let start_idx = i;
        let mut j = i + 1;
        while j < n {
            let (_, d) = chars[j];
            if is_alnum(d) {
                j += 1;
            } else if (is_joiner(d) || d == '.')
                && j + 1 < n
                && is_alnum(chars[j + 1].1)
                && (d != '.' || (chars[j - 1].1.is_uppercase() && chars[j + 1].1.is_uppercase()))
            {
                j += 2;
            } else {
                break;
            }
        }
        // "U.S." keeps its final dot
        if j < n && chars[j].1 == '.' && j >= 2 && chars[j - 2].1 == '.' && chars[j - 1].1.is_uppercase() {
            j += 1;
        }
        let start = chars[start_idx].0;
        let full_end = if j < n { chars[j].0 } else { text.len() };
        let mut end = full_end;
        let mut possessive = false;
        // possessive 's / ’s
        if j - start_idx >= 3 && matches!(chars[j - 1].1, 's' | 'S') && is_apostrophe(chars[j - 2].1) {
            end = chars[j - 2].0;
            possessive = true;
        }
        let word = &text[start..end];
        let first = chars[start_idx].1;
        let mut cap = first.is_uppercase();
        if !cap && first.is_lowercase() {
            for a in ARTICLES {
                if word.len() > a.len() && word.starts_with(a) {
                    cap = word[a.len()..].chars().next().is_some_and(|c| c.is_uppercase());
                    break;
                }
            }
        }
        let plain_lower = !cap && word.bytes().all(|b| b.is_ascii_lowercase());
        let (nstart, nend) = if plain_lower && !all {
            (u32::MAX, u32::MAX)
        } else {
            let s = norm.len() as u32;
            scratch.clear();
            norm_append(word, &mut scratch, 0);
            norm.push_str(std::str::from_utf8(&scratch).unwrap_or(""));
            (s, norm.len() as u32)
        };
        toks.push(Tok {
            start,
            end,
            cap,
            possessive,
            initial: sentence_start,
            punct_before: gap_punct,
            comma_before: gap_comma,
            nstart,
            nend,
        });
        sentence_start = false;
        gap_punct = false;
        gap_comma = false;
        i = j;
    }
    Tokens { toks, norm, text }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    #[test]
    fn tokens_and_flags() {
        let t = tokenize("Russia's Kursk region. The U.S. and al-Fashir, Ivano-Frankivsk", false);
        let words: Vec<&str> = t
            .toks
            .iter()
            .map(|k| &"Russia's Kursk region. The U.S. and al-Fashir, Ivano-Frankivsk"[k.start..k.end])
            .collect();
        assert_eq!(words, ["Russia", "Kursk", "region", "The", "U.S.", "and", "al-Fashir", "Ivano-Frankivsk"]);
        assert!(t.toks[0].possessive && t.toks[0].initial);
        assert!(t.toks[3].initial && t.toks[3].punct_before);
        assert!(t.toks[6].cap);
        assert!(t.toks[7].comma_before);
        assert_eq!(t.norm_of(4), "us");
    }
}
