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
    /// A hyphen and a word of where something is follow ("Denver-based"): a place cue.
    pub seat_after: bool,
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

use sitrep_model::chars::is_alnum;

const ARTICLES: [&str; 10] = [
    "al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "ed-",
];

/// Words after a hyphen that say where something is or comes from ("Denver-based",
/// "Barbados-flagged", "Pakistan-administered"): the name before the hyphen is a place.
const SEAT_WORDS: [&str; 8] = [
    "based",
    "born",
    "flagged",
    "registered",
    "headquartered",
    "bound",
    "administered",
    "area",
];

fn is_joiner(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑' || is_apostrophe(c)
}

/// Splits `text` into tokens. Linear in the text length. With `all`, every
/// token is normalised (lookups of a bare name); otherwise only tokens that
/// are not plain lower-case ASCII words.
pub fn tokenize(text: &str, all: bool) -> Tokens<'_> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // the character at byte offset p and its length (ASCII fast path)
    let at = |p: usize| -> (char, usize) {
        if bytes[p] < 0x80 {
            (bytes[p] as char, 1)
        } else {
            let c = text[p..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    };
    let mut toks: Vec<Tok> = Vec::with_capacity(n / 5);
    // normalised forms, appended in place (each one is UTF-8: see `norm_append`)
    let mut norm: Vec<u8> = Vec::with_capacity(n / 2);
    // state of the gap before the next token
    let mut gap_punct = false;
    let mut gap_comma = false;
    let mut sentence_start = true;
    let mut pos = 0;
    while pos < n {
        // ASCII gaps by table: the same transitions as the general case below
        match GAP[bytes[pos] as usize] {
            G_SPACE => {
                pos += 1;
                continue;
            }
            G_NEWLINE => {
                sentence_start = true;
                gap_punct = true;
                gap_comma = false;
                pos += 1;
                continue;
            }
            G_COMMA => {
                gap_comma = !gap_punct;
                gap_punct = true;
                pos += 1;
                continue;
            }
            G_STOP => {
                gap_comma = false;
                gap_punct = true;
                sentence_start = true;
                pos += 1;
                continue;
            }
            G_PUNCT => {
                gap_comma = false;
                gap_punct = true;
                pos += 1;
                continue;
            }
            _ => {}
        }
        let (c, l) = at(pos);
        if !is_alnum(c) {
            if !c.is_whitespace() {
                gap_comma = c == ',' && !gap_punct;
                gap_punct = true;
                if matches!(c, '.' | '!' | '?' | ':' | ';' | '•' | '|') {
                    sentence_start = true;
                }
            } else if c == '\n' {
                sentence_start = true;
                gap_punct = true;
                gap_comma = false;
            }
            pos += l;
            continue;
        }
        // a token starts here: letters/digits, joined by inner hyphens and
        // apostrophes, and by dots between capitals (U.S)
        let start = pos;
        let mut end = pos + l;
        let mut nchars = 1;
        let mut last = c;
        let mut prev = '\0';
        let mut prev_pos = pos;
        let mut last_pos = pos;
        while end < n {
            // a run of ASCII letters and digits: one tight loop
            if bytes[end].is_ascii_alphanumeric() {
                let run = end;
                while end < n && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                nchars += end - run;
                if end - run >= 2 {
                    prev = bytes[end - 2] as char;
                    prev_pos = end - 2;
                } else {
                    prev = last;
                    prev_pos = last_pos;
                }
                last = bytes[end - 1] as char;
                last_pos = end - 1;
                continue;
            }
            let (d, dl) = at(end);
            if is_alnum(d) {
                prev = last;
                prev_pos = last_pos;
                last = d;
                last_pos = end;
                end += dl;
                nchars += 1;
                continue;
            }
            if (is_joiner(d) || d == '.') && end + dl < n {
                let (e, el) = at(end + dl);
                if is_alnum(e) && (d != '.' || (last.is_uppercase() && e.is_uppercase())) {
                    prev = d;
                    prev_pos = end;
                    last = e;
                    last_pos = end + dl;
                    end += dl + el;
                    nchars += 2;
                    continue;
                }
            }
            break;
        }
        // "Denver-based", "UK-based", "Barbados-flagged": a capitalised word and a word
        // of where something is or comes from after its last hyphen are two tokens (the
        // name, then the word). Not "US-led", "Iranian-backed": an actor, not a place.
        let mut cut = false;
        if c.is_uppercase() && bytes[start..end].contains(&b'-') {
            let h = start + text[start..end].rfind('-').unwrap_or(0);
            if h > start && SEAT_WORDS.contains(&&text[h + 1..end]) {
                end = h;
                cut = true;
            }
        }
        // "U.S." keeps its final dot
        if !cut && end < n && bytes[end] == b'.' && prev == '.' && last.is_uppercase() {
            end += 1;
        }
        let mut tok_end = end;
        let mut possessive = false;
        if !cut
            && nchars >= 3
            && matches!(last, 's' | 'S')
            && is_apostrophe(prev)
            && last_pos + 1 == end
        {
            tok_end = prev_pos;
            possessive = true;
        }
        let word = &text[start..tok_end];
        let mut cap = c.is_uppercase();
        // an Arabic article is two or three letters and a hyphen ("al-", "ash-")
        let wb = word.as_bytes();
        if !cap && c.is_lowercase() && (wb.get(2) == Some(&b'-') || wb.get(3) == Some(&b'-')) {
            for a in ARTICLES {
                if word.len() > a.len() && word.starts_with(a) {
                    cap = word[a.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase());
                    break;
                }
            }
        }
        let plain_lower = !cap && word.bytes().all(|b| b.is_ascii_lowercase());
        let (nstart, nend) = if plain_lower && !all {
            (u32::MAX, u32::MAX)
        } else {
            let s = norm.len();
            norm_append(word, &mut norm, s);
            (s as u32, norm.len() as u32)
        };
        toks.push(Tok {
            start,
            end: tok_end,
            cap,
            possessive,
            initial: sentence_start,
            punct_before: gap_punct,
            comma_before: gap_comma,
            seat_after: cut,
            nstart,
            nend,
        });
        sentence_start = false;
        gap_punct = false;
        gap_comma = false;
        pos = end;
    }
    Tokens {
        toks,
        norm: String::from_utf8(norm).expect("normalised forms are UTF-8"),
        text,
    }
}

/// Gap classes of ASCII bytes ([`G_WORD`]: letters and digits, and every
/// byte from 0x80, go the general way).
const G_WORD: u8 = 0;
const G_SPACE: u8 = 1;
const G_NEWLINE: u8 = 2;
const G_COMMA: u8 = 3;
/// Ends a sentence: `. ! ? : ; |`.
const G_STOP: u8 = 4;
const G_PUNCT: u8 = 5;

static GAP: [u8; 256] = {
    let mut t = [G_WORD; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            G_WORD
        } else if c == b'\n' {
            G_NEWLINE
        } else if matches!(c, b' ' | b'\t' | 0x0B | 0x0C | b'\r') {
            G_SPACE
        } else if c == b',' {
            G_COMMA
        } else if matches!(c, b'.' | b'!' | b'?' | b':' | b';' | b'|') {
            G_STOP
        } else {
            G_PUNCT
        };
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::tokenize;

    #[test]
    fn tokens_and_flags() {
        let t = tokenize(
            "Russia's Kursk region. The U.S. and al-Fashir, Ivano-Frankivsk",
            false,
        );
        let words: Vec<&str> = t
            .toks
            .iter()
            .map(|k| {
                &"Russia's Kursk region. The U.S. and al-Fashir, Ivano-Frankivsk"[k.start..k.end]
            })
            .collect();
        assert_eq!(
            words,
            [
                "Russia",
                "Kursk",
                "region",
                "The",
                "U.S.",
                "and",
                "al-Fashir",
                "Ivano-Frankivsk"
            ]
        );
        assert!(t.toks[0].possessive && t.toks[0].initial);
        assert!(t.toks[3].initial && t.toks[3].punct_before);
        assert!(t.toks[6].cap);
        assert!(t.toks[7].comma_before);
        assert_eq!(t.norm_of(4), "us");
    }

    /// The ASCII gap table makes the transitions of the general case.
    #[test]
    fn gap_table_agrees_with_char_classes() {
        use super::*;
        for b in 0u8..128 {
            let c = b as char;
            let expect = if is_alnum(c) {
                G_WORD
            } else if c == '\n' {
                G_NEWLINE
            } else if c.is_whitespace() {
                G_SPACE
            } else if c == ',' {
                G_COMMA
            } else if matches!(c, '.' | '!' | '?' | ':' | ';' | '•' | '|') {
                G_STOP
            } else {
                G_PUNCT
            };
            assert_eq!(GAP[b as usize], expect, "{c:?}");
        }
        assert!(GAP[128..].iter().all(|&g| g == G_WORD));
    }
}
