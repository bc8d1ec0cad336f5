//! Transliteration variants of personal names.
//!
//! - [`fold`]: a key under which the Latin spellings that different
//!   romanizations (and the press) give one Slavic name coincide:
//!   Zelenskyy / Zelensky / Zelenskiy / Zelenskyi, Syrskyi / Syrsky,
//!   Humeniuk / Gumenyuk, Ihnat / Ignat, Klitschko / Klychko, Podolyak /
//!   Podoliak, Budanov / Budanow, Dmitry / Dmitriy / Dmitrii.
//! - [`ukrainian_surname`]: the KMU 2010 national romanization of a
//!   Ukrainian surname written in a Russian-style or loose romanization
//!   (Godyk → Hodyk, Kniazhytsky → Kniazhytskyi, Taranyuk → Taraniuk), used
//!   for the canonical name of Ukrainians the lexicon does not know.
//! - [`Variants`]: the given-name data of `data/name_variants.tsv` (which
//!   spellings mark a Ukrainian name and their KMU form; forms of one given
//!   name across languages and hypocorisms).
//!
//! The folds, in order, on the lower-cased word without diacritics,
//! apostrophes or hyphens (each Cyrillic sound gets one letter):
//!
//! | written | key | sound |
//! |---|---|---|
//! | shch, sch, szcz | w | щ |
//! | tsch, tch, ch, cz | q | ч |
//! | sh, sz | x | ш |
//! | zh | j | ж |
//! | ts, tz | c | ц |
//! | kh, gh, g, h | h | х, г (Ukrainian h is Russian g) |
//! | ck, c, k, q | k | к |
//! | x | ks | |
//! | w, v | v | в |
//! | ph, f | f | |
//! | y, j, i | i | и, і, й |
//! | ou | u | |
//!
//! then `ie` → `e` (Syniehubov = Synehubov, Yevgeny = Evgeny) and runs of a
//! letter collapse (Zelenskyy = Zelensky, Vassily = Vasily).

use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::data;

/// The transliteration key of one word (see the module doc).
pub(crate) fn fold(word: &str) -> String {
    // lower case, ASCII letters only (diacritics dropped, apostrophes and hyphens skipped)
    let mut b: Vec<u8> = Vec::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                b.push(c.to_ascii_lowercase() as u8);
            }
            continue;
        }
        match c {
            'ß' => b.extend_from_slice(b"ss"),
            'ł' | 'Ł' => b.push(b'l'),
            'ø' | 'Ø' => b.push(b'o'),
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) && d.is_ascii_alphanumeric() {
                    b.push(d.to_ascii_lowercase() as u8);
                }
            }),
        }
    }
    let at = |i: usize, s: &[u8]| b.len() >= i + s.len() && &b[i..i + s.len()] == s;
    let mut k: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (out, used): (&[u8], usize) = if at(i, b"shch") || at(i, b"szcz") {
            (b"w", 4)
        } else if at(i, b"sch") {
            (b"w", 3)
        } else if at(i, b"tsch") {
            (b"q", 4)
        } else if at(i, b"tch") {
            (b"q", 3)
        } else if at(i, b"ch") || at(i, b"cz") {
            (b"q", 2)
        } else if at(i, b"sh") || at(i, b"sz") {
            (b"x", 2)
        } else if at(i, b"zh") {
            (b"j", 2)
        } else if at(i, b"ts") || at(i, b"tz") {
            (b"c", 2)
        } else if at(i, b"kh") || at(i, b"gh") || at(i, b"ph") || at(i, b"ck") || at(i, b"ou")
        {
            (
                match b[i] {
                    b'k' | b'g' => b"h",
                    b'p' => b"f",
                    b'c' => b"k",
                    _ => b"u",
                },
                2,
            )
        } else {
            (
                match b[i] {
                    b'g' => b"h",
                    b'c' | b'q' => b"k",
                    b'x' => b"ks",
                    b'w' => b"v",
                    b'y' | b'j' => b"i",
                    _ => &b[i..i + 1],
                },
                1,
            )
        };
        k.extend_from_slice(out);
        i += used;
    }
    // `ie` → `e`, then collapse runs (digits kept)
    let mut out = String::with_capacity(k.len());
    for (n, &c) in k.iter().enumerate() {
        if c == b'i' && k.get(n + 1) == Some(&b'e') {
            continue;
        }
        if out.as_bytes().last() == Some(&c) && !c.is_ascii_digit() {
            continue;
        }
        out.push(c as char);
    }
    out
}

/// The key of a multi-word name: [`fold`] of each word, space-separated.
pub(crate) fn fold_name<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        let f = fold(w);
        if f.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&f);
    }
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A Ukrainian surname in the KMU 2010 romanization, from a Russian-style or
/// loose romanization of it: `g` → `h` (Ukrainian г; `zgh` and `gh` kept),
/// the adjectival endings `-sky`, `-skiy`, `-skyy`, `-skij`, `-ski` →
/// `-skyi` and `-iy`, `-yy`, `-ij`, final consonant + `-y` → `-yi`,
/// and `y` before `a`, `e`, `u` inside the word → `i` (Taranyuk → Taraniuk,
/// Podolyak → Podoliak). A name already in KMU form comes back unchanged.
/// Non-ASCII names come back unchanged.
pub(crate) fn ukrainian_surname(s: &str) -> String {
    if !s.is_ascii() || s.len() < 3 {
        return s.to_string();
    }
    // hyphenated double surnames: each part
    if s.contains('-') {
        return s
            .split('-')
            .map(ukrainian_surname)
            .collect::<Vec<_>>()
            .join("-");
    }
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len() + 2);
    for (i, &c) in b.iter().enumerate() {
        let lower = c.to_ascii_lowercase();
        let next = b.get(i + 1).map(|x| x.to_ascii_lowercase());
        let prev = i.checked_sub(1).map(|j| b[j].to_ascii_lowercase());
        let mut o = c;
        if lower == b'g' && next != Some(b'h') {
            o = if c.is_ascii_uppercase() { b'H' } else { b'h' };
        }
        if lower == b'y'
            && i > 0
            && matches!(next, Some(b'a' | b'e' | b'u'))
            && prev.is_some_and(|p| !is_vowel(p))
        {
            o = b'i';
        }
        out.push(o);
    }
    let mut w = String::from_utf8(out).expect("ASCII");
    let lower = w.to_ascii_lowercase();
    for end in ["skiy", "skij", "skii", "skyy", "sky", "ski"] {
        if lower.ends_with(end) && lower.len() > end.len() + 1 {
            w.truncate(w.len() - end.len() + 2);
            w.push_str("yi");
            return w;
        }
    }
    for end in ["iy", "yy", "ij"] {
        if lower.ends_with(end) && lower.len() >= 5 {
            let stem = &lower.as_bytes()[..lower.len() - 2];
            if stem.last().is_some_and(|&c| !is_vowel(c)) {
                w.truncate(w.len() - 2);
                w.push_str("yi");
                return w;
            }
        }
    }
    let lb = lower.as_bytes();
    if lb.len() >= 5 && lb[lb.len() - 1] == b'y' && !is_vowel(lb[lb.len() - 2]) {
        w.push('i');
    }
    w
}

/// Given-name data: Ukrainian spellings with their KMU form, and groups of
/// forms of one given name.
#[derive(Default)]
pub(crate) struct Variants {
    /// Any Ukrainian spelling (KMU form included) → the KMU form.
    uk: HashMap<String, String>,
    /// Given-name form → the ids of the groups it belongs to.
    groups: HashMap<String, Vec<u32>>,
}

impl Variants {
    pub(crate) fn load() -> Variants {
        let mut v = Variants::default();
        let mut n = 0u32;
        for row in data::rows(data::NAME_VARIANTS, 3) {
            match row[0] {
                "uk" => {
                    let kmu = row[1];
                    v.uk.insert(kmu.to_string(), kmu.to_string());
                    for f in data::multi(row[2]) {
                        v.uk.insert(f.to_string(), kmu.to_string());
                    }
                }
                "same" => {
                    for f in data::multi(row[1]) {
                        v.groups.entry(f.to_string()).or_default().push(n);
                    }
                    n += 1;
                }
                other => panic!("name_variants.tsv: unknown row kind {other:?}"),
            }
        }
        v
    }

    /// The KMU form of a given name written in a Ukrainian spelling.
    pub(crate) fn ukrainian(&self, given: &str) -> Option<&str> {
        self.uk.get(given).map(String::as_str)
    }

    /// Two given names are forms of one name: same key, a Ukrainian spelling
    /// and its KMU form, or listed in one group.
    pub(crate) fn same_given(&self, a: &str, b: &str) -> bool {
        if a == b || fold(a) == fold(b) {
            return true;
        }
        let (ka, kb) = (self.ukrainian(a).unwrap_or(a), self.ukrainian(b).unwrap_or(b));
        if ka == kb {
            return true;
        }
        let ga = self.groups.get(a).or_else(|| self.groups.get(ka));
        let gb = self.groups.get(b).or_else(|| self.groups.get(kb));
        match (ga, gb) {
            (Some(x), Some(y)) => x.iter().any(|g| y.contains(g)),
            _ => false,
        }
    }

    /// The canonical name of a person the lexicon does not know, from the
    /// words written: a Ukrainian (the first word a Ukrainian spelling of a
    /// given name) whose surname is written in a Russian-style or loose
    /// romanization gets the KMU 2010 forms of the given name and surname
    /// ("Andriy Godyk" → "Andrii Hodyk"); a surname already in the national
    /// form means the writer follows a Ukrainian spelling of the whole name,
    /// which is kept ("Yuriy Kovaliuk"), and so is anyone else's name.
    pub(crate) fn canonical_unknown(&self, words: &[&str]) -> Option<String> {
        let (first, rest) = words.split_first()?;
        let kmu = self.ukrainian(first)?;
        let last = rest.last()?;
        if ukrainian_surname(last) == *last {
            return None;
        }
        let mut out = kmu.to_string();
        for (n, w) in rest.iter().enumerate() {
            out.push(' ');
            if n + 1 == rest.len() {
                out.push_str(&ukrainian_surname(w));
            } else {
                // a patronymic or middle name: as written
                out.push_str(w);
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_joins_the_romanizations_of_one_name() {
        for group in [
            &["Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskyi", "Zelenskij"][..],
            &["Syrskyi", "Syrsky", "Syrskiy", "Syrskyy"],
            &["Humeniuk", "Gumenyuk", "Humenyuk"],
            &["Ihnat", "Ignat"],
            &["Hrynchuk", "Grynchuk"],
            &["Klitschko", "Klychko", "Klichko"],
            &["Podolyak", "Podoliak"],
            &["Budanov", "Budanow"],
            &["Dmitry", "Dmitri", "Dmitriy", "Dmitrii"],
            &["Yuriy", "Yurii", "Yury", "Yuri"],
            &["Serhiy", "Serhii", "Sergiy", "Sergii"],
            &["Oleh", "Oleg"],
            &["Syniehubov", "Synehubov"],
            &["Yevgeny", "Evgeny", "Yevgeniy"],
            &["Mykola", "Mycola"],
            &["Vassily", "Vasily"],
            &["Kyslytsya", "Kyslytsia"],
            &["Sadovyi", "Sadovy", "Sadovyy"],
            &["Orbán", "Orban"],
        ] {
            let k = fold(group[0]);
            for w in group {
                assert_eq!(fold(w), k, "{w} vs {}", group[0]);
            }
        }
        // different names stay apart
        for (a, b) in [
            ("Lysak", "Lysenko"),
            ("Kim", "Kiper"),
            ("Shoigu", "Sergei"),
            ("Peskov", "Pesko"),
            ("Sergei", "Sergii"),
        ] {
            assert_ne!(fold(a), fold(b), "{a} {b}");
        }
        assert_eq!(fold_name(["Andriy", "Sadovy"]), fold_name(["Andrii", "Sadovyi"]));
    }

    #[test]
    fn ukrainian_surnames_in_kmu_form() {
        for (written, kmu) in [
            ("Godyk", "Hodyk"),
            ("Grynchuk", "Hrynchuk"),
            ("Kniazhytsky", "Kniazhytskyi"),
            ("Kniazhytskiy", "Kniazhytskyi"),
            ("Skibitskyi", "Skibitskyi"),
            ("Sadovy", "Sadovyi"),
            ("Zaluzhnyy", "Zaluzhnyi"),
            ("Taranyuk", "Taraniuk"),
            ("Podolyak", "Podoliak"),
            ("Chubenko", "Chubenko"),
            ("Lysak", "Lysak"),
            ("Bazylevych", "Bazylevych"),
            ("Yermak", "Yermak"),
            ("Kovalenko-Gordiy", "Kovalenko-Hordyi"),
            ("Zghurskyi", "Zghurskyi"),
        ] {
            assert_eq!(ukrainian_surname(written), kmu, "{written}");
        }
    }

    #[test]
    fn given_name_variants() {
        let v = Variants::load();
        assert_eq!(v.ukrainian("Andriy"), Some("Andrii"));
        assert_eq!(v.ukrainian("Andrii"), Some("Andrii"));
        assert_eq!(v.ukrainian("Andrei"), None, "a Russian spelling is no evidence");
        assert!(v.same_given("Michael", "Mike"));
        assert!(v.same_given("Sergey", "Serhii"));
        assert!(v.same_given("Yury", "Yurii"));
        assert!(!v.same_given("Jill", "Joe"));
        assert!(!v.same_given("Hunter", "Joe"));
        assert_eq!(
            v.canonical_unknown(&["Andriy", "Godyk"]).as_deref(),
            Some("Andrii Hodyk")
        );
        assert_eq!(
            v.canonical_unknown(&["Mykola", "Kniazhytsky"]).as_deref(),
            Some("Mykola Kniazhytskyi")
        );
        assert_eq!(v.canonical_unknown(&["Maria", "Avdeeva"]), None);
        // the surname already in the national form: the name as written
        assert_eq!(v.canonical_unknown(&["Yuriy", "Kovaliuk"]), None);
        assert_eq!(v.canonical_unknown(&["Serhiy", "Bondarenko"]), None);
    }
}
