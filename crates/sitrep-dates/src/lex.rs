//! Tokenizer and word classes.
//!
//! The text is cut into ASCII alphanumeric runs (words, numbers, ordinals
//! like `4th`) and single punctuation characters (any other non-space
//! character, ASCII or not). Every cut falls on a char boundary, so all
//! offsets can be used to slice the original text. Each word is classified
//! once against the small date vocabulary ([`Lex`]); the grammar only starts
//! work at tokens that are numbers or carry a class, which is the cheap
//! pre-filter that keeps the finder linear and fast.

use chrono::Weekday;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Kind of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TK {
    /// ASCII letters (possibly mixed with digits, e.g. `1990s`, `F16`).
    Word,
    /// Only ASCII digits.
    Num,
    /// Digits followed by `st`, `nd`, `rd` or `th`.
    Ordinal,
    /// One character that is neither ASCII alphanumeric nor whitespace.
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: TK,
    /// Numeric value for `Num`/`Ordinal` (saturating), 0 otherwise.
    pub num: u32,
    /// Number of digits for `Num`/`Ordinal`.
    pub digits: u8,
    /// The character of a `Punct` token.
    pub ch: char,
    /// First letter is upper case (words only).
    pub cap: bool,
    /// Date-vocabulary class of a word.
    pub lex: Option<Lex>,
    /// The word is an abbreviation of a month or weekday name ("Dec", "Thu").
    pub abbrev: bool,
}

/// Time units (durations, "last week", "two days ago").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    /// A quarter of a year ("the third quarter", "two quarters").
    Quarter,
    Year,
    Decade,
}

/// Parts of the day ("Wednesday night", "this morning").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// Seasons, numbered by the month they are centred on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// Keywords of the date grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kw {
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Overnight,
    Last,
    This,
    Next,
    Past,
    Coming,
    Previous,
    Following,
    Recent,
    Since,
    Early,
    Earlier,
    Late,
    Later,
    Mid,
    Ago,
    The,
    Of,
    In,
    On,
    A,
    Few,
    Several,
    Couple,
    Start,
    Beginning,
    End,
    Middle,
    Same,
    Before,
    After,
    Weekend,
    Into,
    /// A preposition that makes a bare year/month a date ("by 2014", "until May").
    Prep,
    /// A word that starts a duration ("for three years", "nearly two weeks").
    DurPre,
    /// A word that marks future reference ("will", "scheduled", "upcoming").
    Future,
    /// The present as a whole: "now", "currently", "nowadays" (TimeML PRESENT_REF).
    Now,
    /// The recent past as a whole: "recently", "lately" (TimeML PAST_REF).
    Recently,
    /// "future" in "the (near) future" (TimeML FUTURE_REF).
    FutureNoun,
    /// "half" in "the first half (of 2024)".
    Half,
    /// "fiscal" in "fiscal 2024", "the fiscal first quarter".
    Fiscal,
    /// "that" in "that day", "later that year" (the period named before).
    That,
    /// The first word of a holiday's name ("Christmas", "New Year's Day"):
    /// see `data/holidays.tsv`.
    Holiday,
    /// "soon" in a clause about the future (TimeML FUTURE_REF).
    Soon,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    Month(u32),
    Weekday(Weekday),
    Unit(Unit),
    Part(DayPart),
    Season(Season),
    /// A number word ("two", "a dozen" is not handled).
    NumWord(u32),
    /// An ordinal word that can number a quarter or half: `first`..`fourth` → 1..4.
    Nth(u32),
    Kw(Kw),
}

pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub(crate) const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The date vocabulary: lower-case word and its class.
const VOCAB: &[(&str, Lex)] = &[
    ("january", Lex::Month(1)),
    ("jan", Lex::Month(1)),
    ("february", Lex::Month(2)),
    ("feb", Lex::Month(2)),
    ("march", Lex::Month(3)),
    ("mar", Lex::Month(3)),
    ("april", Lex::Month(4)),
    ("apr", Lex::Month(4)),
    ("may", Lex::Month(5)),
    ("june", Lex::Month(6)),
    ("jun", Lex::Month(6)),
    ("july", Lex::Month(7)),
    ("jul", Lex::Month(7)),
    ("august", Lex::Month(8)),
    ("aug", Lex::Month(8)),
    ("september", Lex::Month(9)),
    ("sep", Lex::Month(9)),
    ("sept", Lex::Month(9)),
    ("october", Lex::Month(10)),
    ("oct", Lex::Month(10)),
    ("november", Lex::Month(11)),
    ("nov", Lex::Month(11)),
    ("december", Lex::Month(12)),
    ("dec", Lex::Month(12)),
    ("monday", Lex::Weekday(Weekday::Mon)),
    ("mon", Lex::Weekday(Weekday::Mon)),
    ("tuesday", Lex::Weekday(Weekday::Tue)),
    ("tue", Lex::Weekday(Weekday::Tue)),
    ("tues", Lex::Weekday(Weekday::Tue)),
    ("wednesday", Lex::Weekday(Weekday::Wed)),
    ("wed", Lex::Weekday(Weekday::Wed)),
    ("thursday", Lex::Weekday(Weekday::Thu)),
    ("thu", Lex::Weekday(Weekday::Thu)),
    ("thur", Lex::Weekday(Weekday::Thu)),
    ("thurs", Lex::Weekday(Weekday::Thu)),
    ("friday", Lex::Weekday(Weekday::Fri)),
    ("fri", Lex::Weekday(Weekday::Fri)),
    ("saturday", Lex::Weekday(Weekday::Sat)),
    ("sat", Lex::Weekday(Weekday::Sat)),
    ("sunday", Lex::Weekday(Weekday::Sun)),
    ("sun", Lex::Weekday(Weekday::Sun)),
    ("minute", Lex::Unit(Unit::Minute)),
    ("minutes", Lex::Unit(Unit::Minute)),
    ("hour", Lex::Unit(Unit::Hour)),
    ("hours", Lex::Unit(Unit::Hour)),
    ("day", Lex::Unit(Unit::Day)),
    ("days", Lex::Unit(Unit::Day)),
    ("week", Lex::Unit(Unit::Week)),
    ("weeks", Lex::Unit(Unit::Week)),
    ("fortnight", Lex::Unit(Unit::Fortnight)),
    ("month", Lex::Unit(Unit::Month)),
    ("months", Lex::Unit(Unit::Month)),
    ("year", Lex::Unit(Unit::Year)),
    ("years", Lex::Unit(Unit::Year)),
    ("decade", Lex::Unit(Unit::Decade)),
    ("decades", Lex::Unit(Unit::Decade)),
    ("quarter", Lex::Unit(Unit::Quarter)),
    ("quarters", Lex::Unit(Unit::Quarter)),
    ("morning", Lex::Part(DayPart::Morning)),
    ("afternoon", Lex::Part(DayPart::Afternoon)),
    ("evening", Lex::Part(DayPart::Evening)),
    ("night", Lex::Part(DayPart::Night)),
    ("spring", Lex::Season(Season::Spring)),
    ("summer", Lex::Season(Season::Summer)),
    ("autumn", Lex::Season(Season::Autumn)),
    ("fall", Lex::Season(Season::Autumn)),
    ("winter", Lex::Season(Season::Winter)),
    ("one", Lex::NumWord(1)),
    ("two", Lex::NumWord(2)),
    ("three", Lex::NumWord(3)),
    ("four", Lex::NumWord(4)),
    ("five", Lex::NumWord(5)),
    ("six", Lex::NumWord(6)),
    ("seven", Lex::NumWord(7)),
    ("eight", Lex::NumWord(8)),
    ("nine", Lex::NumWord(9)),
    ("ten", Lex::NumWord(10)),
    ("eleven", Lex::NumWord(11)),
    ("twelve", Lex::NumWord(12)),
    ("thirteen", Lex::NumWord(13)),
    ("fourteen", Lex::NumWord(14)),
    ("fifteen", Lex::NumWord(15)),
    ("sixteen", Lex::NumWord(16)),
    ("seventeen", Lex::NumWord(17)),
    ("eighteen", Lex::NumWord(18)),
    ("nineteen", Lex::NumWord(19)),
    ("twenty", Lex::NumWord(20)),
    ("thirty", Lex::NumWord(30)),
    ("forty", Lex::NumWord(40)),
    ("fifty", Lex::NumWord(50)),
    ("sixty", Lex::NumWord(60)),
    ("seventy", Lex::NumWord(70)),
    ("eighty", Lex::NumWord(80)),
    ("ninety", Lex::NumWord(90)),
    ("hundred", Lex::NumWord(100)),
    ("today", Lex::Kw(Kw::Today)),
    ("tonight", Lex::Kw(Kw::Tonight)),
    ("yesterday", Lex::Kw(Kw::Yesterday)),
    ("tomorrow", Lex::Kw(Kw::Tomorrow)),
    ("overnight", Lex::Kw(Kw::Overnight)),
    ("last", Lex::Kw(Kw::Last)),
    ("this", Lex::Kw(Kw::This)),
    ("next", Lex::Kw(Kw::Next)),
    ("past", Lex::Kw(Kw::Past)),
    ("coming", Lex::Kw(Kw::Coming)),
    ("previous", Lex::Kw(Kw::Previous)),
    ("prior", Lex::Kw(Kw::Previous)),
    ("following", Lex::Kw(Kw::Following)),
    ("recent", Lex::Kw(Kw::Recent)),
    ("since", Lex::Kw(Kw::Since)),
    ("early", Lex::Kw(Kw::Early)),
    ("earlier", Lex::Kw(Kw::Earlier)),
    ("late", Lex::Kw(Kw::Late)),
    ("later", Lex::Kw(Kw::Later)),
    ("mid", Lex::Kw(Kw::Mid)),
    ("ago", Lex::Kw(Kw::Ago)),
    ("the", Lex::Kw(Kw::The)),
    ("of", Lex::Kw(Kw::Of)),
    ("in", Lex::Kw(Kw::In)),
    ("on", Lex::Kw(Kw::On)),
    ("a", Lex::Kw(Kw::A)),
    ("an", Lex::Kw(Kw::A)),
    ("few", Lex::Kw(Kw::Few)),
    ("several", Lex::Kw(Kw::Several)),
    ("couple", Lex::Kw(Kw::Couple)),
    ("start", Lex::Kw(Kw::Start)),
    ("beginning", Lex::Kw(Kw::Beginning)),
    ("end", Lex::Kw(Kw::End)),
    ("middle", Lex::Kw(Kw::Middle)),
    ("same", Lex::Kw(Kw::Same)),
    ("before", Lex::Kw(Kw::Before)),
    ("after", Lex::Kw(Kw::After)),
    ("weekend", Lex::Kw(Kw::Weekend)),
    ("into", Lex::Kw(Kw::Into)),
    ("by", Lex::Kw(Kw::Prep)),
    ("until", Lex::Kw(Kw::Prep)),
    ("till", Lex::Kw(Kw::Prep)),
    ("from", Lex::Kw(Kw::Prep)),
    ("through", Lex::Kw(Kw::Prep)),
    ("throughout", Lex::Kw(Kw::Prep)),
    ("during", Lex::Kw(Kw::Prep)),
    ("between", Lex::Kw(Kw::Prep)),
    ("to", Lex::Kw(Kw::Prep)),
    ("and", Lex::Kw(Kw::Prep)),
    ("around", Lex::Kw(Kw::Prep)),
    ("circa", Lex::Kw(Kw::Prep)),
    ("for", Lex::Kw(Kw::DurPre)),
    ("over", Lex::Kw(Kw::DurPre)),
    ("within", Lex::Kw(Kw::DurPre)),
    ("nearly", Lex::Kw(Kw::DurPre)),
    ("almost", Lex::Kw(Kw::DurPre)),
    ("about", Lex::Kw(Kw::DurPre)),
    ("some", Lex::Kw(Kw::DurPre)),
    ("than", Lex::Kw(Kw::DurPre)),
    ("least", Lex::Kw(Kw::DurPre)),
    ("will", Lex::Kw(Kw::Future)),
    ("shall", Lex::Kw(Kw::Future)),
    ("scheduled", Lex::Kw(Kw::Future)),
    ("upcoming", Lex::Kw(Kw::Future)),
    ("soon", Lex::Kw(Kw::Soon)),
    ("roughly", Lex::Kw(Kw::DurPre)),
    ("approximately", Lex::Kw(Kw::DurPre)),
    ("just", Lex::Kw(Kw::DurPre)),
    ("entire", Lex::Kw(Kw::DurPre)),
    ("whole", Lex::Kw(Kw::DurPre)),
    ("first", Lex::Nth(1)),
    ("second", Lex::Nth(2)),
    ("third", Lex::Nth(3)),
    ("fourth", Lex::Nth(4)),
    ("now", Lex::Kw(Kw::Now)),
    ("currently", Lex::Kw(Kw::Now)),
    ("nowadays", Lex::Kw(Kw::Now)),
    ("recently", Lex::Kw(Kw::Recently)),
    ("lately", Lex::Kw(Kw::Recently)),
    ("future", Lex::Kw(Kw::FutureNoun)),
    ("half", Lex::Kw(Kw::Half)),
    ("fiscal", Lex::Kw(Kw::Fiscal)),
    ("that", Lex::Kw(Kw::That)),
    ("new", Lex::Kw(Kw::Holiday)),
    ("christmas", Lex::Kw(Kw::Holiday)),
    ("orthodox", Lex::Kw(Kw::Holiday)),
    ("boxing", Lex::Kw(Kw::Holiday)),
    ("valentine", Lex::Kw(Kw::Holiday)),
    ("halloween", Lex::Kw(Kw::Holiday)),
    ("armistice", Lex::Kw(Kw::Holiday)),
    ("remembrance", Lex::Kw(Kw::Holiday)),
    ("easter", Lex::Kw(Kw::Holiday)),
    ("thanksgiving", Lex::Kw(Kw::Holiday)),
];

/// FxHash-style hasher for the short vocabulary words (no DoS concern: the keys are fixed).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    /// A packed key: one multiply (Fibonacci hashing), its high bits used.
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Longest vocabulary word.
const MAX_WORD: usize = 13;

/// The vocabulary as a hash map, plus per-length bit masks of the first and
/// last letters that occur, which reject most other words without hashing.
struct Vocab {
    /// The words of more than 8 letters.
    map: HashMap<&'static [u8], Lex, BuildHasherDefault<WordHasher>>,
    /// The words of up to 8 letters, keyed by their bytes packed into a `u64`
    /// ([`pack`]): most words of a text reach the lookup, and this one costs
    /// a multiply instead of a byte-by-byte hash and a compare.
    short: HashMap<u64, Lex, BuildHasherDefault<WordHasher>>,
    first: [u32; MAX_WORD + 1],
    last: [u32; MAX_WORD + 1],
}

static VOCAB_MAP: LazyLock<Vocab> = LazyLock::new(|| {
    let mut v = Vocab {
        map: HashMap::default(),
        short: HashMap::default(),
        first: [0; MAX_WORD + 1],
        last: [0; MAX_WORD + 1],
    };
    for &(w, lex) in VOCAB {
        let b = w.as_bytes();
        assert!(b.len() <= MAX_WORD && !b.is_empty());
        v.first[b.len()] |= 1 << (b[0] - b'a');
        v.last[b.len()] |= 1 << (b[b.len() - 1] - b'a');
        if b.len() <= 8 {
            v.short.insert(pack(b), lex);
        } else {
            v.map.insert(b, lex);
        }
    }
    v
});

/// Up to 8 bytes of a word, ASCII letters lower-cased (`| 0x20`, digits kept),
/// packed little-endian into a `u64`.
fn pack(w: &[u8]) -> u64 {
    w.iter()
        .enumerate()
        .fold(0, |k, (i, &c)| k | ((c | 0x20) as u64) << (8 * i))
}

/// Classify an ASCII word (any case).
fn classify_in(v: &Vocab, w: &[u8]) -> Option<Lex> {
    let n = w.len();
    if n == 0 || n > MAX_WORD {
        return None;
    }
    // ASCII letters and digits only: `| 0x20` lower-cases letters, keeps digits.
    let f = (w[0] | 0x20).wrapping_sub(b'a');
    let l = (w[n - 1] | 0x20).wrapping_sub(b'a');
    if f >= 26 || l >= 26 || v.first[n] & (1 << f) == 0 || v.last[n] & (1 << l) == 0 {
        return None;
    }
    if n <= 8 {
        return v.short.get(&pack(w)).copied();
    }
    let mut buf = [0u8; MAX_WORD];
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s | 0x20;
    }
    v.map.get(&buf[..n]).copied()
}

/// Byte classes for the tokenizer.
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const ALPHA: u8 = 4;
const ALNUM: u8 = DIGIT | ALPHA;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_whitespace() {
            SPACE
        } else {
            0
        };
        i += 1;
    }
    t
};

pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let vocab: &Vocab = &VOCAB_MAP;
    let mut out = Vec::with_capacity(b.len() / 4 + 4);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let class = BYTE_CLASS[c as usize];
        if class & ALNUM != 0 {
            let s = i;
            // Leading digits, then the rest of the alphanumeric run.
            let mut num: u32 = 0;
            while i < b.len() && BYTE_CLASS[b[i] as usize] == DIGIT {
                num = num.saturating_mul(10).saturating_add((b[i] - b'0') as u32);
                i += 1;
            }
            let nd = i - s;
            // Text with lost line breaks glues a number to the next word
            // ("April 26, 2013Days later"): split before a capitalised word.
            let glued_word = nd > 0
                && i + 1 < b.len()
                && b[i].is_ascii_uppercase()
                && b[i + 1].is_ascii_lowercase();
            while !glued_word && i < b.len() && BYTE_CLASS[b[i] as usize] & ALNUM != 0 {
                i += 1;
            }
            let w = &b[s..i];
            let mut abbrev = false;
            let (kind, num, lex) = if nd == w.len() {
                (TK::Num, num, None)
            } else if nd > 0
                && nd + 2 == w.len()
                && [b"st", b"nd", b"rd", b"th"]
                    .iter()
                    .any(|x| w[nd..].eq_ignore_ascii_case(*x))
            {
                (TK::Ordinal, num, None)
            } else if nd == 0 {
                // Mixed words like "F16" fail the letter checks in `classify_in`.
                let lex = classify_in(vocab, w);
                abbrev = match lex {
                    Some(Lex::Month(m)) => w.len() < MONTH_NAMES[m as usize - 1].len(),
                    Some(Lex::Weekday(d)) => {
                        w.len() < WEEKDAY_NAMES[d.num_days_from_monday() as usize].len()
                    }
                    _ => false,
                };
                (TK::Word, 0, lex)
            } else {
                (TK::Word, 0, None)
            };
            out.push(Tok {
                s,
                e: i,
                kind,
                num,
                digits: nd.min(255) as u8,
                ch: '\0',
                cap: c.is_ascii_uppercase(),
                lex,
                abbrev,
            });
        } else if class == SPACE {
            i += 1;
        } else {
            // One punctuation character; may be multi-byte.
            let ch = if c < 0x80 {
                c as char
            } else {
                text[i..].chars().next().unwrap_or('\0')
            };
            let len = ch.len_utf8().max(1);
            if !ch.is_whitespace() {
                out.push(Tok {
                    s: i,
                    e: i + len,
                    kind: TK::Punct,
                    num: 0,
                    digits: 0,
                    ch,
                    cap: false,
                    lex: None,
                    abbrev: false,
                });
            }
            i += len;
        }
    }
    out
}

#[cfg(test)]
pub(crate) fn classify(w: &[u8]) -> Option<Lex> {
    classify_in(&VOCAB_MAP, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every holiday name of `data/holidays.tsv` starts with a word the
    /// tokenizer marks as a holiday trigger.
    #[test]
    fn holiday_names_start_with_a_trigger() {
        for line in include_str!("../data/holidays.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let first = line.split(['\t', ' ', '\'']).next().unwrap();
            assert_eq!(
                classify(first.as_bytes()),
                Some(Lex::Kw(Kw::Holiday)),
                "{line}"
            );
        }
    }

    /// Every vocabulary word is found in any case, by the packed keys (≤ 8
    /// letters) and by the byte-string map (longer); near misses are not.
    #[test]
    fn vocabulary_found_in_any_case_and_only_it() {
        for &(w, lex) in VOCAB {
            let upper = w.to_ascii_uppercase();
            let mut cap = w.to_string();
            cap[..1].make_ascii_uppercase();
            for form in [w.to_string(), upper, cap] {
                assert_eq!(classify(form.as_bytes()), Some(lex), "{form}");
            }
            for near in [format!("{w}x"), format!("x{w}"), w[1..].to_string()] {
                if !VOCAB.iter().any(|(v, _)| v.eq_ignore_ascii_case(&near)) {
                    assert_eq!(classify(near.as_bytes()), None, "{near}");
                }
            }
        }
        assert_eq!(classify(b"F16"), None);
        assert_eq!(classify(b"Mayday"), None);
    }

    #[test]
    fn vocabulary_lookup_is_case_insensitive() {
        assert_eq!(classify(b"December"), Some(Lex::Month(12)));
        assert_eq!(classify(b"WEDNESDAY"), Some(Lex::Weekday(Weekday::Wed)));
        assert_eq!(classify(b"approximately"), Some(Lex::Kw(Kw::DurPre)));
        assert_eq!(classify(b"Kyiv"), None);
        assert_eq!(classify(b""), None);
        // every vocabulary word is found
        for &(w, lex) in VOCAB {
            assert_eq!(classify(w.as_bytes()), Some(lex), "{w}");
        }
    }

    #[test]
    fn tokens_cover_char_boundaries() {
        let text = "On Dec. 4th, 2024–25 “Kyiv” é 2,000";
        let toks = tokenize(text);
        for t in &toks {
            assert!(text.is_char_boundary(t.s) && text.is_char_boundary(t.e));
        }
        let kinds: Vec<_> = toks.iter().take(6).map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TK::Word,
                TK::Word,
                TK::Punct,
                TK::Ordinal,
                TK::Punct,
                TK::Num
            ]
        );
        assert!(toks[1].abbrev && toks[1].cap);
        assert_eq!(toks[3].num, 4);
    }
}
