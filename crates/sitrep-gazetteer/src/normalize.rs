//! Name normalisation shared by the index builder and the text scanner.
//!
//! Two spellings of a name match when their normalised forms are equal. The
//! normal form is lower case, without diacritics, apostrophes or dots, with
//! words separated by one space, and with the Latin spelling variants of
//! Ukrainian/Russian transliteration folded together:
//!
//! * `kh` → `h` (Kharkiv/Harkiv),
//! * `y` → `i` (Kupyansk/Kupiansk, Kyiv/Kiiv),
//! * runs of one letter collapse (Avdiivka/Avdiyivka, Zapporizhzhia/Zaporizhzhia),
//! * `ie` → `i` after that (Sieverne/Siverne).
//!
//! Cyrillic keeps its letters (only case and diacritics such as the breve of
//! `й` are dropped), so `Київ` matches `КИЇВ` but not `Kyiv`.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::char::is_combining_mark;

use crate::is_alnum;

/// Apostrophe-like characters removed inside words (Pervomais'ke = Pervomaiske).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | '‘' | 'ʹ' | 'ʻ')
}

/// Normalised form of a whole name ("Ivano-Frankivsk" → "ivano frankivsk").
pub fn norm(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    norm_bytes(s, &mut out);
    // Folding only rewrites ASCII words and removes whole characters.
    String::from_utf8(out).expect("normalised text is UTF-8")
}

/// Writes the normalised form of `s` to `out` (cleared first). Allocation-free
/// once `out` has grown; used for the ~1 million names loaded at start-up.
pub fn norm_bytes(s: &str, out: &mut Vec<u8>) {
    out.clear();
    norm_append(s, out, 0);
}

/// Appends the normalised form of `s` to `out`; `base` is where this name
/// starts in `out` (no separator is written before its first word).
pub(crate) fn norm_append(s: &str, out: &mut Vec<u8>, base: usize) {
    // Fast path, the common case: one plain ASCII word ("Kharkiv").
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        if out.len() > base {
            out.push(b' ');
        }
        let ws = out.len();
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
        fold_ascii_word(out, ws);
        return;
    }
    norm_append_general(s, out, base);
}

/// [`norm_append`] for any text: words split on other characters, marks and
/// apostrophes dropped, letters lower-cased and stripped of diacritics.
fn norm_append_general(s: &str, out: &mut Vec<u8>, base: usize) {
    let mut word_start: Option<usize> = None;
    let mut word_ascii = true;
    for c in s.chars() {
        if is_apostrophe(c) || c == '.' || (!c.is_ascii() && is_combining_mark(c)) {
            // removed without splitting the word ("U.S." → "us")
            continue;
        }
        if is_alnum(c) {
            if word_start.is_none() {
                if out.len() > base {
                    out.push(b' ');
                }
                word_start = Some(out.len());
                word_ascii = true;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase() as u8);
            } else {
                let before = out.len();
                push_lower_plain(c, out);
                if out[before..].iter().any(|b| !b.is_ascii()) {
                    word_ascii = false;
                }
            }
        } else if let Some(ws) = word_start.take() {
            if word_ascii {
                fold_ascii_word(out, ws);
            }
        }
    }
    if let Some(ws) = word_start {
        if word_ascii {
            fold_ascii_word(out, ws);
        }
    }
}

/// Pushes `c` (not ASCII) lower-cased and without diacritics.
fn push_lower_plain(c: char, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    let mut push =
        |ch: char, out: &mut Vec<u8>| out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    // Basic Cyrillic letters (not й/Й, whose breve is dropped below): lower
    // case is an offset, there is nothing to decompose.
    match c as u32 {
        0x430..=0x44F if c != 'й' => return push(c, out),
        0x410..=0x42F if c != 'Й' => {
            return push(char::from_u32(c as u32 + 0x20).unwrap_or(c), out);
        }
        _ => {}
    }
    match c {
        'ß' => return out.extend_from_slice(b"ss"),
        'æ' | 'Æ' => return out.extend_from_slice(b"ae"),
        'ø' | 'Ø' => return out.push(b'o'),
        'ł' | 'Ł' => return out.push(b'l'),
        'đ' | 'Đ' | 'ð' => return out.push(b'd'),
        'ı' => return out.push(b'i'),
        'þ' => return out.extend_from_slice(b"th"),
        _ => {}
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            if d.is_ascii() {
                out.push(d.to_ascii_lowercase() as u8);
            } else {
                for l in d.to_lowercase() {
                    push(l, out);
                }
            }
        }
    });
}

/// Applies the Latin transliteration folds in place to the lower-case ASCII
/// word `out[ws..]`: `kh` → `h`, `y` → `i`, runs of a letter collapsed, then
/// `ie` → `i` and runs collapsed again. One pass: each letter of the first
/// fold goes straight through the second (which looks at the letter the
/// first fold wrote before it, and at the last letter it kept itself).
fn fold_ascii_word(out: &mut Vec<u8>, ws: usize) {
    let len = out.len();
    let mut w = ws; // end of the folded word
    let mut prev1: Option<u8> = None; // last letter out of the first fold
    let mut r = ws;
    while r < len {
        let mut c = out[r];
        if c == b'k' && r + 1 < len && out[r + 1] == b'h' {
            c = b'h';
            r += 1;
        }
        if c == b'y' {
            c = b'i';
        }
        r += 1;
        // first fold: collapse runs (digits excepted)
        if prev1 == Some(c) && !c.is_ascii_digit() {
            continue;
        }
        let before = prev1.replace(c);
        // second fold: drop `e` after `i`, collapse runs again
        if c == b'e' && before == Some(b'i') {
            continue;
        }
        if w > ws && out[w - 1] == c && !c.is_ascii_digit() {
            continue;
        }
        out[w] = c;
        w += 1;
    }
    out.truncate(w);
}

#[cfg(test)]
mod tests {
    use super::norm;

    /// The folds as the module doc states them, written with string
    /// operations: the reference for the in-place, one-pass `fold_ascii_word`.
    fn fold_reference(word: &str) -> String {
        let collapse = |s: &str| {
            let mut out = String::new();
            for c in s.chars() {
                if !out.ends_with(c) || c.is_ascii_digit() {
                    out.push(c);
                }
            }
            out
        };
        let first = collapse(&word.replace("kh", "h").replace('y', "i"));
        let b = first.as_bytes();
        let no_ie: String = first
            .char_indices()
            .filter(|&(i, c)| !(c == 'e' && i > 0 && b[i - 1] == b'i'))
            .map(|(_, c)| c)
            .collect();
        collapse(&no_ie)
    }

    /// The one-pass fold gives what the stated folds give, on every word of
    /// up to five letters over an alphabet of the letters the folds touch.
    #[test]
    fn one_pass_fold_equals_the_stated_folds() {
        let alphabet = b"kheiya1";
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let longer: Vec<Vec<u8>> = words
                .iter()
                .flat_map(|w| {
                    alphabet.iter().map(move |&c| {
                        let mut v = w.clone();
                        v.push(c);
                        v
                    })
                })
                .collect();
            words.extend(longer.into_iter().filter(|w| w.len() <= 5));
            words.sort();
            words.dedup();
        }
        assert!(words.len() > 10_000);
        for w in &words {
            let word = std::str::from_utf8(w).unwrap();
            for prefix in ["", "ab "] {
                let mut got = prefix.as_bytes().to_vec();
                got.extend_from_slice(w);
                super::fold_ascii_word(&mut got, prefix.len());
                let want = format!("{prefix}{}", fold_reference(word));
                assert_eq!(String::from_utf8(got).unwrap(), want, "{word:?}");
            }
        }
    }

    #[test]
    fn folds_transliteration_variants() {
        assert_eq!(norm("Kyiv"), norm("Kiiv"));
        assert_eq!(norm("Kupyansk"), norm("Kupiansk"));
        assert_eq!(norm("Avdiyivka"), norm("Avdiivka"));
        assert_eq!(norm("Sieverne"), norm("Siverne"));
        assert_eq!(norm("Zapporizhzhia"), norm("Zaporizhzhia"));
        assert_eq!(norm("Pervomais’ke"), norm("Pervomaiske"));
        assert_eq!(norm("Kharkiv"), norm("Harkiv"));
        assert_eq!(norm("Ivano-Frankivsk"), "ivano frankivsk");
        assert_eq!(norm("Київ"), norm("КИЇВ"));
        assert_eq!(norm("Ciudad Juárez"), "ciudad juarez");
        assert_eq!(norm("U.S."), "us");
        assert_eq!(norm("  --  "), "");
    }

    /// The plain-ASCII-word shortcut of `norm_append` gives what the general path gives.
    #[test]
    fn ascii_word_shortcut_matches_general_path() {
        for w in [
            "Kharkiv",
            "KYIV",
            "Zapporizhzhia",
            "Khmelnytskyi",
            "Avdiivka",
            "F16",
            "2024",
            "a",
            "Sieverne",
            "Kupyansk",
            "Oblast",
        ] {
            for base_text in ["", "x"] {
                let mut fast = base_text.as_bytes().to_vec();
                super::norm_append(w, &mut fast, 0);
                let mut slow = base_text.as_bytes().to_vec();
                super::norm_append_general(w, &mut slow, 0);
                assert_eq!(fast, slow, "{w}");
            }
        }
    }

    /// The Cyrillic shortcut in `push_lower_plain` gives what the general
    /// path (decompose, drop marks, lower-case) gives.
    #[test]
    fn cyrillic_shortcut_matches_decomposition() {
        use unicode_normalization::char::{decompose_canonical, is_combining_mark};
        for c in ('\u{400}'..='\u{4FF}').filter(|c| c.is_alphabetic()) {
            let mut fast = Vec::new();
            super::push_lower_plain(c, &mut fast);
            let mut slow = String::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    slow.extend(d.to_lowercase());
                }
            });
            assert_eq!(String::from_utf8(fast).unwrap(), slow, "{c}");
        }
    }
}
