//! Foreign-language passages: quotes or sentences in another language than the
//! (English) body, by function-word profiles (`data/stopwords.tsv`) and script.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use sitrep_model::chars::is_alpha;

/// Languages of `data/stopwords.tsv`, and for each function word the set of
/// languages (a bit per language) it belongs to.
struct Profiles {
    langs: Vec<&'static str>,
    words: FxHashMap<&'static str, u32>,
}

static PROFILES: LazyLock<Profiles> = LazyLock::new(|| {
    let mut p = Profiles {
        langs: Vec::new(),
        words: FxHashMap::default(),
    };
    for f in crate::cues::tsv_rows(include_str!("../data/stopwords.tsv"), 2, "stopwords.tsv") {
        let (lang, ws) = (f[0], f[1]);
        assert!(p.langs.len() < 32, "stopwords.tsv: at most 32 languages");
        let bit = 1u32 << p.langs.len();
        p.langs.push(lang);
        for w in ws.split_whitespace() {
            *p.words.entry(w).or_default() |= bit;
        }
    }
    p
});

const EN_QUICK: &[&[u8]] = &[
    b"the", b"and", b"of", b"to", b"in", b"is", b"was", b"that", b"for", b"with", b"on", b"are",
    b"has", b"have",
];

/// A run of 2 to 4 ASCII letters as one number (lower-cased, a byte per letter).
const fn word_key(w: &[u8]) -> u32 {
    let mut k = 0u32;
    let mut i = 0;
    while i < w.len() {
        k = (k << 8) | (w[i] | 0x20) as u32;
        i += 1;
    }
    k
}

/// [`EN_QUICK`] as word keys: one integer comparison per candidate word.
const EN_QUICK_KEYS: [u32; EN_QUICK.len()] = {
    let mut keys = [0u32; EN_QUICK.len()];
    let mut i = 0;
    while i < EN_QUICK.len() {
        keys[i] = word_key(EN_QUICK[i]);
        i += 1;
    }
    keys
};

/// Words (runs of non-white space) and, among the runs of ASCII letters,
/// the common English function words of [`EN_QUICK`].
fn word_counts(b: &[u8]) -> (usize, usize) {
    let (mut words, mut en) = (0, 0);
    let mut in_word = false;
    // the current run of ASCII letters: its length and its key so far
    let (mut len, mut key) = (0usize, 0u32);
    for &c in b {
        let class = BYTE_CLASS[c as usize];
        // Multi-byte white space (no-break space) counts as part of a word here.
        let ws = class & SPACE != 0;
        words += (!ws && !in_word) as usize;
        in_word = !ws;
        if class & LETTER != 0 {
            // as `word_key`: only the last four letters stay, and only runs of 2–4 are checked
            key = (key << 8) | (c | 0x20) as u32;
            len += 1;
        } else if len > 0 {
            en += ((2..=4).contains(&len) && EN_QUICK_KEYS.contains(&key)) as usize;
            len = 0;
            key = 0;
        }
    }
    en += ((2..=4).contains(&len) && EN_QUICK_KEYS.contains(&key)) as usize;
    (words, en)
}

const SPACE: u8 = 1;
const LETTER: u8 = 2;

/// ASCII white space and ASCII letters, by byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            SPACE
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The language of a passage when it is clearly not English: an ISO 639-1 code.
pub fn foreign_language(passage: &str) -> Option<&'static str> {
    // The first few hundred bytes tell the language of a paragraph.
    let passage = &passage[..crate::text::floor_boundary(passage, 400)];
    // Fast path, one pass over the bytes, no allocation: plain English prose
    // has common English function words.
    let (words, en_quick) = word_counts(passage.as_bytes());
    if words < 6 || en_quick * 8 >= words {
        return None;
    }
    let (mut n, mut cyr, mut arabic, mut hebrew, mut uk) = (0, 0, 0, 0, 0);
    for c in passage.chars() {
        if c.is_ascii() {
            n += c.is_ascii_alphabetic() as usize;
            continue;
        }
        if !is_alpha(c) {
            continue;
        }
        n += 1;
        match c {
            '\u{0400}'..='\u{04FF}' => {
                cyr += 1;
                // Ukrainian has і ї є ґ; Russian ы э ъ ё.
                uk += matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ') as usize;
            }
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            '\u{0590}'..='\u{05FF}' => hebrew += 1,
            _ => {}
        }
    }
    if n < 20 {
        return None;
    }
    if cyr * 2 > n {
        return Some(if uk > 0 { "uk" } else { "ru" });
    }
    if arabic * 2 > n {
        return Some("ar");
    }
    if hebrew * 2 > n {
        return Some("he");
    }
    let p = &*PROFILES;
    let mut counts = [0usize; 32];
    let mut tokens = 0;
    let mut buf = String::with_capacity(32);
    for t in passage
        .split(|c: char| !is_alpha(c) && c != '\'' && c != '’')
        .filter(|t| !t.is_empty())
    {
        tokens += 1;
        buf.clear();
        for c in t.chars() {
            match c {
                '’' => buf.push('\''),
                c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
                c => buf.extend(c.to_lowercase()),
            }
        }
        if let Some(&mask) = p.words.get(buf.as_str()) {
            for (k, count) in counts.iter_mut().enumerate().take(p.langs.len()) {
                *count += (mask >> k & 1) as usize;
            }
        }
    }
    if tokens < 6 {
        return None;
    }
    let mut scores: Vec<(&'static str, usize)> = p.langs.iter().copied().zip(counts).collect();
    scores.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let en = scores
        .iter()
        .find(|(l, _)| *l == "en")
        .map(|x| x.1)
        .unwrap_or(0);
    let (best, bs) = scores[0];
    (best != "en" && bs >= 3 && bs > en * 2).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn spots_foreign_passages() {
        assert_eq!(foreign_language("Quiconque tente de détruire quelque chose dans notre pays devra faire face à des destructions"), Some("fr"));
        assert_eq!(foreign_language("Wer versucht, etwas in unserem Land zu zerstören, wird es bereuen und das ist nicht gut"), Some("de"));
        assert_eq!(
            foreign_language("Ми не віддамо жодного сантиметра нашої землі ворогу"),
            Some("uk")
        );
        assert_eq!(
            foreign_language(
                "The drone strikes targeted residential areas in the city and the region"
            ),
            None
        );
        assert_eq!(foreign_language("Kyiv"), None);
    }

    /// The integer keys find exactly the quick English words, in any case.
    #[test]
    fn quick_words_by_key() {
        let text =
            b"The THE tHe thee th and AND andy of off To ON one wAs was' have haves with Width";
        let (words, en) = word_counts(text);
        assert_eq!(words, 19);
        let expected = text
            .split(|b| !b.is_ascii_alphabetic())
            .filter(|w| EN_QUICK.iter().any(|q| w.eq_ignore_ascii_case(q)))
            .count();
        assert_eq!(en, expected);
        assert_eq!(en, 12);
    }
}
