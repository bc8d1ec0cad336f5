//! The date grammar: a hand-written matcher over the token stream.
//!
//! The finder walks the tokens once. Only tokens that can start a date
//! expression (numbers, ordinals and words of the date vocabulary, see
//! [`crate::lex::classify`]) are tried; each rule looks at a handful of
//! following tokens, so the whole pass is linear in the text length.
//!
//! Rule order at a token: `since` + point, then a point expression, then a
//! duration. The longest expression a rule can read is taken and the walk
//! continues after it.

use crate::lex::{tokenize, DayPart, Kw, Lex, Season, Tok, Unit, TK};
use crate::{DateMention, DatePrecision, MentionKind};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A point expression read by a rule, before it becomes a [`DateMention`].
#[derive(Debug, Clone)]
pub(crate) struct Pt {
    /// Token index one past the expression.
    pub end: usize,
    pub value: String,
    pub precision: DatePrecision,
    pub date: Option<NaiveDate>,
    pub relative: bool,
    pub explicit_year: bool,
}

/// How a weekday or month name without a year is placed around the reference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Most recent on or before the reference (news convention), or on/after in a future context.
    Plain,
    /// `last X`: strictly before the reference.
    Last,
    /// `next X` / `coming X`: strictly after the reference.
    Next,
}

/// A qualifier that narrows a month or year.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Qual {
    Early,
    Mid,
    Late,
    Start,
    End,
    /// `earlier` / `later`: no shift of the representative date.
    Vague,
}

/// The tense of a clause, which places a weekday, month or month-day
/// without a year before or after the reference date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tense {
    Past,
    Future,
}

/// `data/tense_cues.tsv`: lower-case word → the tense it marks.
static TENSE_CUES: LazyLock<HashMap<&'static str, Tense>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for line in include_str!("../data/tense_cues.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (class, word) = line
            .split_once('\t')
            .expect("tense_cues.tsv: CLASS<TAB>WORD");
        let t = match class {
            "future" => Tense::Future,
            "past" => Tense::Past,
            other => panic!("tense_cues.tsv: unknown class {other}"),
        };
        m.insert(word, t);
    }
    m
});

pub(crate) struct Ctx<'a> {
    text: &'a str,
    t: &'a [Tok],
    reference: Option<NaiveDate>,
    out: Vec<DateMention>,
}

pub(crate) fn find(text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
    find_in(text, &tokenize(text), reference)
}

/// [`find`] over the tokens of `text` (as `tokenize` makes them).
pub(crate) fn find_in(text: &str, toks: &[Tok], reference: Option<NaiveDate>) -> Vec<DateMention> {
    let mut cx = Ctx {
        text,
        t: toks,
        reference,
        out: Vec::new(),
    };
    let mut i = 0;
    while i < cx.t.len() {
        let tok = cx.t[i];
        let trigger = match tok.kind {
            TK::Num | TK::Ordinal => true,
            TK::Word => {
                tok.lex.is_some() || is_decade_word(text, &tok) || is_quarter_code(text, &tok)
            }
            TK::Punct => false,
        };
        if trigger {
            if let Some((kind, p)) = cx.match_at(i) {
                let (s, e) = (cx.t[i].s, cx.end_byte(p.end));
                let m = DateMention {
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    value: p.value,
                    precision: p.precision,
                    date: p.date,
                    relative: p.relative,
                    explicit_year: p.explicit_year,
                    kind,
                };
                cx.out.push(m);
                i = p.end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    cx.out
}

fn is_quarter_code(text: &str, t: &Tok) -> bool {
    let w = &text.as_bytes()[t.s..t.e];
    w.len() == 2 && w[0] == b'Q' && (b'1'..=b'4').contains(&w[1])
}

fn is_decade_word(text: &str, t: &Tok) -> bool {
    let w = &text.as_bytes()[t.s..t.e];
    w.len() == 5 && w[..4].iter().all(u8::is_ascii_digit) && w[3] == b'0' && w[4] == b's'
}

// ---------------------------------------------------------------- values

pub(crate) fn day_value(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
fn month_value(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}
fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}
/// The quarter (1–4) a date falls in, with its year.
fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}
/// A quarter moved by `n` quarters.
fn shift_quarter((y, q): (i32, u32), n: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + n;
    (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1)
}
/// A mention of a comparison period ("a year ago", "the year-earlier
/// quarter"): it does not change the period a report is about.
fn is_comparison(m: &DateMention) -> bool {
    let t = m.text.as_bytes();
    let has = |w: &[u8]| t.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
    has(b"ago") || has(b"earlier")
}

/// `2024-Q3` → (2024, 3).
pub(crate) fn parse_quarter(v: &str) -> Option<(i32, u32)> {
    let b = v.as_bytes();
    if b.len() != 7 || &b[4..6] != b"-Q" || !(b'1'..=b'4').contains(&b[6]) {
        return None;
    }
    Some((v[..4].parse().ok()?, (b[6] - b'0') as u32))
}
fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}
fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}
fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = add_months(y, m, 1);
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(31)
}

fn pt_day(end: usize, date: Option<NaiveDate>, relative: bool) -> Pt {
    Pt {
        end,
        value: date.map(day_value).unwrap_or_else(|| "XXXX-XX-XX".into()),
        precision: DatePrecision::Day,
        date,
        relative,
        explicit_year: false,
    }
}
fn pt_week(end: usize, date: Option<NaiveDate>) -> Pt {
    Pt {
        end,
        value: date.map(week_value).unwrap_or_else(|| "XXXX-WXX".into()),
        precision: DatePrecision::Week,
        date: date.map(monday),
        relative: true,
        explicit_year: false,
    }
}
fn pt_month(end: usize, ym: Option<(i32, u32)>, relative: bool, explicit_year: bool) -> Pt {
    Pt {
        end,
        value: ym
            .map(|(y, m)| month_value(y, m))
            .unwrap_or_else(|| "XXXX-XX".into()),
        precision: DatePrecision::Month,
        date: ym.and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1)),
        relative,
        explicit_year,
    }
}
fn pt_year(end: usize, y: Option<i32>, relative: bool, explicit_year: bool) -> Pt {
    Pt {
        end,
        value: y
            .map(|y| format!("{y:04}"))
            .unwrap_or_else(|| "XXXX".into()),
        precision: DatePrecision::Year,
        date: y.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        relative,
        explicit_year,
    }
}

/// A quarter of a year: TimeML value `2024-Q3`, month precision, dated on
/// its first day.
fn pt_quarter(end: usize, yq: Option<(i32, u32)>, relative: bool, explicit_year: bool) -> Pt {
    Pt {
        end,
        value: yq
            .map(|(y, q)| format!("{y:04}-Q{q}"))
            .unwrap_or_else(|| "XXXX-QX".into()),
        precision: DatePrecision::Month,
        date: yq.and_then(|(y, q)| NaiveDate::from_ymd_opt(y, 3 * q - 2, 1)),
        relative,
        explicit_year,
    }
}
/// A half year: TimeML value `2024-H1`, month precision, dated on its first day.
fn pt_half(end: usize, y: Option<i32>, h: u32, relative: bool, explicit_year: bool) -> Pt {
    Pt {
        end,
        value: y
            .map(|y| format!("{y:04}-H{h}"))
            .unwrap_or_else(|| format!("XXXX-H{h}")),
        precision: DatePrecision::Month,
        date: y.and_then(|y| NaiveDate::from_ymd_opt(y, 6 * h - 5, 1)),
        relative,
        explicit_year,
    }
}
/// A vague reference to the past, present or future as a whole (TimeML
/// `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`): no date.
fn pt_ref(end: usize, value: &str) -> Pt {
    Pt {
        end,
        value: value.into(),
        precision: DatePrecision::Day,
        date: None,
        relative: true,
        explicit_year: false,
    }
}

/// The day of the week `wd` placed around `r` by `mode`; a plain weekday is
/// the latest on or before `r`, or the first on or after it in a future clause.
fn resolve_weekday(
    r: NaiveDate,
    wd: Weekday,
    mode: Mode,
    tense: Option<Tense>,
) -> Option<NaiveDate> {
    let back = (r.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    let fwd = (7 - back) % 7;
    let n: i64 = match mode {
        Mode::Plain if tense == Some(Tense::Future) => fwd as i64,
        Mode::Plain => -(back as i64),
        Mode::Last => -(if back == 0 { 7 } else { back as i64 }),
        Mode::Next => {
            if fwd == 0 {
                7
            } else {
                fwd as i64
            }
        }
    };
    add_days(r, n)
}

/// How many months ahead a month named without a year may lie when the
/// clause has no tense cue (it is then read as the nearer of the two
/// occurrences, past or future, a tie going to the past).
const MONTH_AHEAD_MAX: u32 = 3;

/// The year of a month name without a year, placed around `r` by `mode`.
/// A plain month follows the clause's tense: on or before `r`'s month in a
/// past clause, on or after it in a future one, else the nearer occurrence.
fn resolve_month(r: NaiveDate, m: u32, mode: Mode, tense: Option<Tense>) -> (i32, u32) {
    let (ry, rm) = (r.year(), r.month());
    let back = (rm + 12 - m) % 12;
    let fwd = (m + 12 - rm) % 12;
    let future = match tense {
        Some(Tense::Future) => true,
        Some(Tense::Past) => false,
        None => fwd < back && fwd <= MONTH_AHEAD_MAX,
    };
    let y = match mode {
        Mode::Plain if future => {
            if m >= rm {
                ry
            } else {
                ry + 1
            }
        }
        Mode::Plain => {
            if m <= rm {
                ry
            } else {
                ry - 1
            }
        }
        Mode::Last => {
            if m < rm {
                ry
            } else {
                ry - 1
            }
        }
        Mode::Next => {
            if m > rm {
                ry
            } else {
                ry + 1
            }
        }
    };
    (y, m)
}

/// How many days ahead a month-day without a year may lie when the clause
/// has no tense cue (then the nearer occurrence is taken).
const DAY_AHEAD_MAX: i64 = 90;

/// The year of a month-day without a year: the latest on or before `r` in
/// a past clause, the first on or after it (within half a year) in a
/// future one, else the nearer of the two (a tie goes to the past).
fn resolve_month_day(r: NaiveDate, m: u32, d: u32, tense: Option<Tense>) -> Option<NaiveDate> {
    resolve_yearly(r, |y| NaiveDate::from_ymd_opt(y, m, d), tense)
}

/// A day that recurs every year (`in_year` gives it for a year), placed
/// around `r` like a month-day without a year.
fn resolve_yearly(
    r: NaiveDate,
    in_year: impl Fn(i32) -> Option<NaiveDate>,
    tense: Option<Tense>,
) -> Option<NaiveDate> {
    let past = (0..8).find_map(|k| in_year(r.year() - k).filter(|x| *x <= r));
    let next = (0..8)
        .find_map(|k| in_year(r.year() + k).filter(|x| *x >= r))
        .filter(|x| (*x - r).num_days() <= 183);
    match (tense, past, next) {
        (Some(Tense::Past), p, _) => p,
        (Some(Tense::Future), _, Some(n)) => Some(n),
        (None, Some(p), Some(n)) if (n - r) < (r - p) && (n - r).num_days() <= DAY_AHEAD_MAX => {
            Some(n)
        }
        (_, p, n) => p.or(n),
    }
}

fn season_month(s: Season) -> u32 {
    // Representative (middle) month of the season, northern hemisphere.
    match s {
        Season::Spring => 4,
        Season::Summer => 7,
        Season::Autumn => 10,
        Season::Winter => 1,
    }
}

fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Autumn => "FA",
        Season::Winter => "WI",
    }
}

/// Words that may follow a bare year ("in 2014 the ...") without making it a quantity.
fn year_follower_ok(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "to"
            | "when"
            | "after"
            | "before"
            | "in"
            | "as"
            | "the"
            | "was"
            | "is"
            | "were"
            | "had"
            | "has"
            | "have"
            | "with"
            | "but"
            | "by"
            | "for"
            | "from"
            | "until"
            | "while"
            | "at"
            | "on"
            | "that"
            | "which"
            | "or"
            | "of"
            | "a"
            | "an"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "amid"
            | "during"
            | "despite"
            | "against"
            | "alone"
            | "already"
            | "also"
            | "only"
            | "onwards"
            | "onward"
            | "through"
            | "till"
            | "up"
            | "not"
            | "no"
            | "did"
            | "saw"
            | "came"
            | "became"
            | "began"
            | "would"
            | "could"
            | "will"
            | "said"
            | "because"
            | "since"
            | "if"
            | "so"
            | "then"
            | "where"
            | "under"
            | "s"
            | "t"
            | "ad"
            | "bc"
            | "ce"
            | "bce"
    )
}

/// How a holiday's day is found in a given year.
#[derive(Clone, Copy, Debug)]
enum HolidayRule {
    Fixed(u32, u32),
    /// Western Easter Sunday plus a number of days.
    Easter(i64),
    /// Orthodox Easter Sunday (Julian computus), as a Gregorian date.
    OrthodoxEaster,
    /// The `n`th `weekday` of a month.
    Nth(u32, u32, Weekday),
}

impl HolidayRule {
    fn in_year(self, y: i32) -> Option<NaiveDate> {
        match self {
            HolidayRule::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
            HolidayRule::Easter(n) => add_days(western_easter(y)?, n),
            HolidayRule::OrthodoxEaster => orthodox_easter(y),
            HolidayRule::Nth(m, n, wd) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let off =
                    (wd.num_days_from_monday() + 7 - first.weekday().num_days_from_monday()) % 7;
                add_days(first, (off + 7 * (n - 1)) as i64).filter(|d| d.month() == m)
            }
        }
    }
}

/// Western Easter Sunday (the anonymous Gregorian algorithm).
fn western_easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// Orthodox Easter Sunday: the Julian computus (Meeus), moved to the
/// Gregorian calendar (13 days in 1900–2099).
fn orthodox_easter(y: i32) -> Option<NaiveDate> {
    if !(1900..=2099).contains(&y) {
        return None;
    }
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    add_days(NaiveDate::from_ymd_opt(y, month as u32, day as u32)?, 13)
}

/// `data/holidays.tsv`: names (words, longest first) and their rules.
static HOLIDAYS: LazyLock<Vec<(Vec<&'static str>, HolidayRule)>> = LazyLock::new(|| {
    let mut v = Vec::new();
    for line in include_str!("../data/holidays.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, rule) = line.split_once('\t').expect("holidays.tsv: NAME<TAB>RULE");
        let r: Vec<&str> = rule.split(' ').collect();
        let wd = |w: &str| {
            WEEKDAY_PREFIXES
                .iter()
                .position(|p| *p == w)
                .and_then(|i| Weekday::try_from(i as u8).ok())
                .unwrap_or_else(|| panic!("holidays.tsv: bad weekday {w}"))
        };
        let num = |w: &str| {
            w.parse::<u32>()
                .unwrap_or_else(|_| panic!("holidays.tsv: bad number {w}"))
        };
        let rule = match r.as_slice() {
            ["easter"] => HolidayRule::Easter(0),
            ["orthodox", "easter"] => HolidayRule::OrthodoxEaster,
            [e] if e.starts_with("easter") => {
                HolidayRule::Easter(e[6..].parse().expect("holidays.tsv: easter+N"))
            }
            ["nth", m, n, w] => HolidayRule::Nth(num(m), num(n), wd(w)),
            [md] if md.len() == 5 => HolidayRule::Fixed(num(&md[..2]), num(&md[3..])),
            _ => panic!("holidays.tsv: bad rule {rule:?}"),
        };
        v.push((name.split(' ').collect::<Vec<_>>(), rule));
    }
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    v
});

/// Title and reference abbreviations written with a point ("Gen. Ortiz").
const ABBREVIATIONS: [&str; 19] = [
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "rep", "sen", "gov", "st",
    "no", "vs", "jr", "sr", "prof",
];

const WEEKDAY_PREFIXES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `data/weekday_names.tsv`: capitalised words that make a weekday part of
/// a name, (before it, after it).
static WEEKDAY_NAMES: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for line in include_str!("../data/weekday_names.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match line.split_once('\t') {
            Some(("before", w)) => before.push(w),
            Some(("after", w)) => after.push(w),
            _ => panic!("weekday_names.tsv: bad line {line:?}"),
        }
    }
    (before, after)
});

/// A capitalised word that names something with a weekday after it ("Sunday Times").
fn weekday_name_follower(w: &str) -> bool {
    WEEKDAY_NAMES.1.contains(&w)
}

/// A capitalised word that names something with a weekday before it ("Bloody Sunday").
fn weekday_name_prefix(w: &str) -> bool {
    WEEKDAY_NAMES.0.contains(&w)
}

impl<'a> Ctx<'a> {
    // ------------------------------------------------------------ helpers

    fn end_byte(&self, end_tok: usize) -> usize {
        if end_tok == 0 {
            0
        } else {
            self.t[end_tok.min(self.t.len()) - 1].e
        }
    }
    fn lex(&self, i: usize) -> Option<Lex> {
        self.t.get(i).and_then(|t| t.lex)
    }
    fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Some(Lex::Kw(k))
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == TK::Punct && t.ch == c)
    }
    fn dash(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == TK::Punct && matches!(t.ch, '-' | '–' | '—'))
    }
    /// Token `i` directly touches token `i - 1` (no space).
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i - 1].e == self.t[i].s
    }
    fn lower_is(&self, i: usize, w: &str) -> bool {
        self.t.get(i).is_some_and(|t| {
            t.kind == TK::Word
                && t.e - t.s == w.len()
                && self.text.as_bytes()[t.s..t.e].eq_ignore_ascii_case(w.as_bytes())
        })
    }
    fn lower_word(&self, i: usize) -> Option<String> {
        let t = self.t.get(i)?;
        (t.kind == TK::Word).then(|| self.text[t.s..t.e].to_ascii_lowercase())
    }
    fn is_year_tok(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.kind != TK::Num || t.digits != 4 || !(1800..=2100).contains(&t.num) {
            return None;
        }
        // Not part of a larger number ("12,2024", "1.2024") or a model name ("Su-2000").
        if i > 0 && self.glued(i) {
            let p = self.t[i - 1];
            if p.kind == TK::Punct && matches!(p.ch, ',' | '.' | '$' | '€' | '£' | '/' | '-' | '#')
            {
                // "Su-2000" is a model name, "mid-2022" a date.
                let before_is_alnum = i >= 2
                    && self.glued(i - 1)
                    && self.t[i - 2].kind != TK::Punct
                    && self.t[i - 2].lex != Some(Lex::Kw(Kw::Mid))
                    && !self.lower_is(i - 2, "post")
                    && !self.lower_is(i - 2, "pre");
                if p.ch != '-' || before_is_alnum {
                    return None;
                }
            }
            if p.kind != TK::Punct {
                return None;
            }
        }
        if let Some(n) = self.t.get(i + 1) {
            if n.s == t.e
                && n.kind == TK::Punct
                && matches!(n.ch, ',' | '.')
                && self
                    .t
                    .get(i + 2)
                    .is_some_and(|d| d.s == n.e && d.kind == TK::Num)
            {
                return None;
            }
            // glued letters make it a code ("2024a"), except a capitalised
            // word split off by the tokenizer ("2013Days later")
            if n.s == t.e && n.kind != TK::Punct && !(n.kind == TK::Word && n.cap) {
                return None;
            }
        }
        Some(t.num as i32)
    }
    /// A day-of-month number at `i`: 1-2 digit number or ordinal, not part of a larger number.
    fn day_num(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        let ok = match t.kind {
            TK::Num => t.digits <= 2,
            TK::Ordinal => t.digits <= 2,
            _ => false,
        };
        if !ok || !(1..=31).contains(&t.num) {
            return None;
        }
        if let Some(n) = self.t.get(i + 1) {
            if n.s == t.e && n.kind == TK::Punct && matches!(n.ch, ',' | '.' | ':') {
                // "5,000", "5.5", "5:30"
                if self
                    .t
                    .get(i + 2)
                    .is_some_and(|d| d.s == n.e && d.kind == TK::Num)
                {
                    return None;
                }
            }
            if n.s == t.e && n.kind == TK::Word {
                return None;
            }
        }
        Some(t.num)
    }
    fn month_tok(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        match t.lex {
            Some(Lex::Month(m)) if t.cap => Some(m),
            _ => None,
        }
    }
    /// Number of tokens of an abbreviation period after token `i` (`Dec.`).
    fn abbrev_dot(&self, i: usize) -> usize {
        let t = self.t[i];
        if t.abbrev && self.punct(i + 1, '.') && self.glued(i + 1) {
            1
        } else {
            0
        }
    }
    /// The tense of the clause around token `i`: the nearest tense cue
    /// before it in the same sentence (at most 14 tokens back), else the
    /// nearest after it (at most 8 tokens on). `None` when neither side has one.
    fn tense(&self, i: usize) -> Option<Tense> {
        if self.after_since(i) {
            return Some(Tense::Past);
        }
        let lo = i.saturating_sub(14);
        let mut k = i;
        while k > lo {
            k -= 1;
            if self.sentence_end(k) {
                break;
            }
            if let Some(t) = self.tense_at(k) {
                // "will be held on Friday", "the case is heard in May": a
                // participle after "be" or a present "is/are" is not the tense.
                if t == Tense::Past && self.prev_word_in(k, &["be", "is", "are", "am", "being"]) {
                    if k >= 2 && self.lower_is(k - 2, "to") {
                        return Some(Tense::Future);
                    }
                    k -= 1;
                    continue;
                }
                return Some(t);
            }
        }
        // Eight tokens on, not counting the words of a name ("On Tuesday,
        // the National Rights Action League plans to ...").
        let hi = (i + 21).min(self.t.len());
        let mut counted = 0;
        for k in i + 1..hi {
            if self.sentence_end(k) {
                break;
            }
            let t = self.t[k];
            if !(t.kind == TK::Word && t.cap) {
                counted += 1;
                if counted > 8 {
                    break;
                }
            }
            if let Some(t) = self.tense_at(k) {
                if t == Tense::Past && self.prev_word_in(k, &["be", "is", "are", "am", "being"]) {
                    continue;
                }
                // "On Friday, the government planned to pay ...": a date before a
                // past-form verb of intention dates the decision, not what was
                // decided ("decided to close it on Friday" looks ahead)
                if t == Tense::Future && self.past_intention(k) {
                    return Some(Tense::Past);
                }
                return Some(t);
            }
        }
        None
    }
    /// A date at token `i` that starts a period reaching the reference
    /// ("since December", "since mid-March", "since the end of January",
    /// "ever since Monday"): it lies before the reference whatever the tense.
    fn after_since(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && i - k < 5 {
            k -= 1;
            if self.lower_is(k, "since") {
                return true;
            }
            let skip = self.dash(k)
                || ["early", "mid", "late", "the", "start", "end", "beginning", "middle", "of"]
                    .iter()
                    .any(|w| self.lower_is(k, w));
            if !skip {
                return false;
            }
        }
        false
    }
    /// A verb of intention in the past tense, active ("planned to", "decided
    /// to"; not "is planned for", "was planned").
    fn past_intention(&self, k: usize) -> bool {
        [
            "planned",
            "decided",
            "agreed",
            "promised",
            "pledged",
            "vowed",
            "threatened",
            "voted",
        ]
        .iter()
        .any(|w| self.lower_is(k, w))
            && !self.prev_word_in(k, &["be", "is", "are", "was", "were", "been", "being"])
    }
    /// A determiner at `k` starting what is planned ("planned a rally",
    /// "plans another strike").
    fn plan_object(&self, k: usize) -> bool {
        ["a", "an", "another", "new", "more", "further"]
            .iter()
            .any(|w| self.lower_is(k, w))
    }
    /// The tense that places a date read from token `s` to `e`, unless the
    /// date modifies the noun after it ("the Nov. 1 deadline", "the March 3
    /// vote", "for November deliveries"): such a date belongs to that noun,
    /// not to the clause around it, and is read as the nearer occurrence.
    fn modifier_tense(&self, s: usize, e: usize) -> Option<Tense> {
        if self.after_since(s) {
            return Some(Tense::Past);
        }
        let modifier = self.prev_word_in(
            s,
            &["the", "a", "an", "its", "their", "his", "her", "our", "for"],
        ) && self
            .t
            .get(e)
            .is_some_and(|n| n.kind == TK::Word && !n.cap && n.lex.is_none() && !self.glued(e))
            && !["and", "or", "to", "through"]
                .iter()
                .any(|w| self.lower_is(e, w))
            && self.tense_at(e).is_none()
            && !self.lower_word(e).is_some_and(|w| year_follower_ok(&w));
        if modifier {
            None
        } else {
            self.tense(s)
        }
    }
    fn sentence_end(&self, k: usize) -> bool {
        let t = self.t[k];
        if t.kind != TK::Punct
            || !matches!(t.ch, '.' | '!' | '?' | ';')
            || !self
                .text
                .as_bytes()
                .get(t.e)
                .is_none_or(|b| b.is_ascii_whitespace())
        {
            return false; // "9.5"
        }
        // The point of an abbreviation ends no sentence: an initial ("Daniel
        // P. Davison"), "Dec.", "Mr.", "Gen.".
        if t.ch == '.' && k > 0 && self.glued(k) {
            let p = self.t[k - 1];
            if p.kind == TK::Word
                && (p.abbrev
                    || (p.e - p.s == 1 && p.cap)
                    || ABBREVIATIONS.iter().any(|w| self.lower_is(k - 1, w)))
            {
                return false;
            }
        }
        true
    }
    /// The tense a word at token `k` marks, if any (lower-case words only:
    /// a capitalised "United" is a name, not a verb).
    fn tense_at(&self, k: usize) -> Option<Tense> {
        let t = self.t[k];
        if t.kind != TK::Word || t.e - t.s > 14 {
            return None;
        }
        let w = &self.text[t.s..t.e];
        let sentence_start = k == 0 || self.sentence_end(k - 1);
        if t.cap && !sentence_start {
            return None;
        }
        let mut buf = [0u8; 14];
        let lw = &mut buf[..w.len()];
        lw.copy_from_slice(w.as_bytes());
        lw.make_ascii_lowercase();
        let lw = std::str::from_utf8(lw).ok()?;
        match lw {
            // "won't" is future, "won" past; "set to/for" future, "set fire" past.
            "won" => {
                return Some(if self.punct(k + 1, '\'') || self.punct(k + 1, '’') {
                    Tense::Future
                } else {
                    Tense::Past
                })
            }
            "set" => {
                return (self.lower_is(k + 1, "to") || self.lower_is(k + 1, "for"))
                    .then_some(Tense::Future)
            }
            "plan" | "plans" | "hope" | "hopes" | "aim" | "aims" => {
                return (self.lower_is(k + 1, "to")
                    || (lw.starts_with("plan") && self.plan_object(k + 1)))
                .then_some(Tense::Future)
            }
            // "planned to leave", "planned for March", "planned a rally on
            // Saturday"; a plan alone decides nothing
            "planned" | "planning" => {
                return (self.lower_is(k + 1, "to")
                    || self.lower_is(k + 1, "for")
                    || self.plan_object(k + 1))
                .then_some(Tense::Future)
            }
            "ll" if k > 0 && self.glued(k) => return Some(Tense::Future),
            // modals of what may come ("would visit on Monday", "could
            // resume in January"; not "would have", a past that did not
            // happen); a capitalised "May" is the month
            "would" | "could" | "might" | "can" | "may"
                if !(lw == "may" && t.cap) =>
            {
                return (!self.lower_is(k + 1, "have")).then_some(Tense::Future)
            }
            // "the ministers are to meet on Monday"
            "to" if self.prev_word_in(k, &["is", "are", "am"])
                && self.t.get(k + 1).is_some_and(|n| n.kind == TK::Word && !n.cap && n.lex.is_none()) =>
            {
                return Some(Tense::Future)
            }
            // "the two leaders meet Monday": a meeting in the present tense is
            // scheduled (not "to meet demand", an infinitive)
            "meet" | "meets" if !self.prev_word_in(k, &["to"]) => return Some(Tense::Future),
            // "decided to admit them in March", "agreed to buy it in February":
            // what was decided or promised is still to come
            "decided" | "agreed" | "promised" | "pledged" | "vowed" | "threatened" | "voted"
                if self.lower_is(k + 1, "to") =>
            {
                return Some(Tense::Future)
            }
            _ => {}
        }
        if let Some(t) = TENSE_CUES.get(lw) {
            return Some(*t);
        }
        // Regular past forms: "attacked", "announced" (not "need", "speed"),
        // unless used as an adjective after a determiner, a number or a name
        // ("its preferred shares", "2,000 armed men").
        if !(lw.len() >= 5 && lw.ends_with("ed") && !lw.ends_with("eed")) {
            return None;
        }
        // "the US-led coalition", "an Iran-backed group": a compound adjective;
        // "preferred shares", "suspected militants": participles used as adjectives.
        if (k > 0 && self.dash(k - 1) && self.glued(k))
            || matches!(
                lw,
                "preferred"
                    | "suspected"
                    | "alleged"
                    | "unidentified"
                    | "unnamed"
                    | "masked"
                    | "armed"
            )
        {
            return None;
        }
        let adjective = k > 0 && {
            let p = self.t[k - 1];
            p.kind == TK::Num
                || [
                    "the", "a", "an", "its", "his", "her", "their", "our", "your", "this", "these",
                    "those", "some", "many", "several",
                ]
                .iter()
                .any(|w| self.lower_is(k - 1, w))
        };
        (!adjective).then_some(Tense::Past)
    }
    /// `month`, `year` (singular) or a part of the day at `k`: the unit of an
    /// anaphoric period ("the following year", "that month", "the next morning").
    fn anaphoric_unit(&self, k: usize) -> Option<Unit> {
        match self.lex(k) {
            Some(Lex::Unit(u @ (Unit::Month | Unit::Year))) if self.is_singular(k) => Some(u),
            Some(Lex::Part(_)) => Some(Unit::Day),
            _ => None,
        }
    }

    /// The period of size `anaphoric_unit(k)` `n` steps from the last one
    /// named of that size or finer (else from the reference): "the
    /// following year" after "May 22, 1995" is 1996, "that month" the month
    /// named before, "the next morning" the day after.
    fn anaphoric(&self, k: usize, n: i32) -> Option<Pt> {
        let unit = self.anaphoric_unit(k)?;
        let prec = match unit {
            Unit::Day => DatePrecision::Day,
            Unit::Month => DatePrecision::Month,
            _ => DatePrecision::Year,
        };
        let base = self
            .out
            .iter()
            .rev()
            .take(64)
            .find(|m| {
                m.kind == MentionKind::Point
                    && m.precision <= prec
                    && m.date.is_some()
                    && !m.is_vague_ref()
                    && parse_quarter(&m.value).is_none()
            })
            .and_then(|m| m.date)
            .or(self.reference);
        Some(match unit {
            Unit::Day => pt_day(k + 1, base.and_then(|b| add_days(b, n as i64)), true),
            Unit::Month => pt_month(
                k + 1,
                base.map(|b| add_months(b.year(), b.month(), n)),
                true,
                false,
            ),
            _ => pt_year(k + 1, base.map(|b| b.year() + n), true, false),
        })
    }

    /// The anchor of anaphoric expressions ("the day before"): the last
    /// day-precise mention found so far, else the reference date.
    fn anchor(&self) -> Option<(NaiveDate, bool)> {
        // Bounded look-back keeps pathological inputs linear.
        for m in self.out.iter().rev().take(64) {
            if m.kind == MentionKind::Point && m.precision == DatePrecision::Day {
                if let Some(d) = m.date {
                    return Some((d, m.relative));
                }
            }
        }
        self.reference.map(|r| (r, true))
    }
    fn prev_word_in(&self, i: usize, words: &[&str]) -> bool {
        i > 0 && {
            let p = &self.t[i - 1];
            p.kind == TK::Word
                && p.e - p.s <= 12
                && words
                    .iter()
                    .any(|w| self.text[p.s..p.e].eq_ignore_ascii_case(w))
        }
    }

    // ------------------------------------------------------------ entry

    fn match_at(&self, i: usize) -> Option<(MentionKind, Pt)> {
        if self.kw(i, Kw::Since) {
            if let Some(p) = self.point(i + 1, true) {
                return Some((MentionKind::Since, p));
            }
            return None;
        }
        if let Some(p) = self.point(i, false) {
            return Some((MentionKind::Point, p));
        }
        self.duration(i).map(|p| (MentionKind::Duration, p))
    }

    /// A point expression starting at token `i`. `ctx_ok` says that the
    /// caller already saw a context word ("since", "early", "the end of") so a
    /// bare year or month name is a date.
    fn point(&self, i: usize, ctx_ok: bool) -> Option<Pt> {
        let tok = *self.t.get(i)?;
        match tok.kind {
            TK::Num => self
                .numeric(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.conjoined_day(i))
                .or_else(|| self.bare_year(i, ctx_ok))
                .or_else(|| self.ago(i)),
            TK::Ordinal => self
                .day_month(i)
                .or_else(|| self.conjoined_day(i))
                .or_else(|| self.quarter(i, None))
                .or_else(|| self.century(i)),
            TK::Punct => None,
            TK::Word => match tok.lex {
                None => self.decade(i).or_else(|| self.quarter_code(i)),
                Some(Lex::Nth(_)) => self.quarter(i, None),
                Some(Lex::Unit(Unit::Year)) => self.year_ago(i).or_else(|| self.year_end(i)),
                Some(Lex::Month(m)) => self.month_first(i, m, ctx_ok),
                Some(Lex::Weekday(d)) => self.weekday(i, d, Mode::Plain, ctx_ok),
                Some(Lex::Season(s)) => self.season(i, s, None, ctx_ok),
                // "will one day be", "hopes to one day return": TimeML FUTURE_REF
                Some(Lex::NumWord(1))
                    if self.lower_is(i, "one")
                        && matches!(self.lex(i + 1), Some(Lex::Unit(Unit::Day)))
                        && self.is_singular(i + 1)
                        && self.prev_word_in(
                            i,
                            &[
                                "will", "would", "could", "may", "might", "can", "shall", "to",
                            ],
                        ) =>
                {
                    Some(pt_ref(i + 2, "FUTURE_REF"))
                }
                Some(Lex::NumWord(_)) => self.ago(i).or_else(|| {
                    // "in nineteen ninety-six"
                    let (y, e) = self.spoken_year(i)?;
                    Some(pt_year(e, Some(y), false, true))
                }),
                Some(Lex::Kw(k)) => self.keyword(i, k, ctx_ok),
                Some(Lex::Unit(_)) | Some(Lex::Part(_)) => None,
            },
        }
    }

    // ------------------------------------------------------------ explicit

    /// Compact numeric dates: `2024-11-07`, `2024/11/07`, `2024-11-07T10:00:00Z`,
    /// `07.11.2024` (day first), `11/07/2024` (US month first unless the first
    /// number exceeds 12), `7-11-2024` (day first).
    fn numeric(&self, i: usize) -> Option<Pt> {
        let b = self.text.as_bytes();
        let s = self.t[i].s;
        if s > 0
            && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'.' | b'/' | b'-' | b','))
        {
            return None;
        }
        let (d, mut e) = parse_numeric_date(b, s)?;
        // ISO time part.
        if e < b.len() && (b[e] == b'T' || b[e] == b't') {
            if let Some(te) = parse_time(b, e + 1) {
                e = te;
            }
        }
        if e < b.len()
            && (b[e].is_ascii_alphanumeric()
                || (matches!(b[e], b'.' | b'/' | b'-')
                    && b.get(e + 1).is_some_and(u8::is_ascii_digit)))
        {
            return None;
        }
        let mut end = i;
        while end < self.t.len() && self.t[end].s < e {
            end += 1;
        }
        // A token that straddles `e` (cannot happen for well-formed input) is left out.
        if end > 0 && self.t[end - 1].e != e {
            return None;
        }
        let mut p = pt_day(end, Some(d), false);
        p.explicit_year = true;
        Some(p)
    }

    /// `December 21, 2023`, `Dec. 4`, `Dec 4th`, `December 21-22`, `March 2022`, `in March`.
    fn month_first(&self, i: usize, m: u32, ctx_ok: bool) -> Option<Pt> {
        self.month_tok(i)?;
        let dot = self.abbrev_dot(i);
        let mut j = i + 1 + dot;
        // Month Day
        if let Some(d) = self.day_num(j) {
            j += 1;
            // range "21-22": one expression; "April 24 and 25", "May 2 to 5":
            // two, one per day (TimeML), the second read by `conjoined_day`; a
            // year written after the second day is the first one's too
            let mut conj = None;
            if self.dash(j) && self.day_num(j + 1).is_some_and(|d2| d2 > d) {
                j += 2;
            } else if self.conjoined_after(j, d) {
                conj = Some(j + 2);
            }
            let mut year = None;
            let mut k = conj.unwrap_or(j);
            if self.punct(k, ',') {
                k += 1;
            }
            if let Some(y) = self.is_year_tok(k) {
                year = Some(y);
                if conj.is_none() {
                    j = k + 1;
                }
            } else if let Some((y, e)) = self.rel_year(conj.unwrap_or(j)) {
                if conj.is_some() {
                    return self.build_day(j, Some(y), m, d, i).map(|mut p| {
                        p.relative = true;
                        p.explicit_year = false;
                        p
                    });
                }
                // "March 3 next year"
                return self.build_day(e, Some(y), m, d, i).map(|mut p| {
                    p.relative = true;
                    p.explicit_year = false;
                    p
                });
            }
            return self.build_day(j, year, m, d, i);
        }
        // Month Year, "March of 2022"
        let k = if self.kw(j, Kw::Of) || self.punct(j, ',') {
            j + 1
        } else {
            j
        };
        if let Some(y) = self.is_year_tok(k) {
            return Some(pt_month(k + 1, Some((y, m)), false, true));
        }
        if let Some((y, e)) = self.spoken_year(k) {
            return Some(pt_month(e, Some((y, m)), false, true));
        }
        // "October this year", "April next year"
        if let Some((y, e)) = self.rel_year(j) {
            return Some(pt_month(e, Some((y, m)), true, false));
        }
        // A bare month name needs a context word or an abbreviation dot.
        let t = self.t[i];
        let ctx = ctx_ok
            || self.prev_word_in(
                i,
                &[
                    "in",
                    "since",
                    "by",
                    "until",
                    "till",
                    "from",
                    "through",
                    "throughout",
                    "during",
                    "before",
                    "after",
                    "early",
                    "late",
                    "mid",
                    "last",
                    "this",
                    "next",
                    "coming",
                    "past",
                ],
            )
            || (m != 5 && dot == 0 && self.month_as_modifier(i))
            || self.prev_word_in(i, &["between", "around", "over"])
            || (self.prev_word_in(i, &["of"]) && i >= 2 && self.lower_is(i - 2, "as"))
            || self.month_listed(i);
        if !ctx || (t.abbrev && dot == 0) {
            return None;
        }
        // "in May 2,000 ..." or "May be": a following number/lowercase verb would be suspicious.
        let ym = self
            .reference
            .map(|r| resolve_month(r, m, Mode::Plain, self.modifier_tense(i, i + 1 + dot)));
        let mut p = pt_month(i + 1 + dot, ym, true, false);
        if ym.is_none() {
            p.value = format!("XXXX-{m:02}");
        }
        Some(p)
    }

    /// A month name at `i` after `and`, `or`, `to`, `through` or a comma
    /// that follows a month found just before ("in March and April", "from
    /// March to June", "in January, February and March").
    fn month_listed(&self, i: usize) -> bool {
        i >= 2
            && (self.punct(i - 1, ',')
                || ["and", "or", "to", "through"]
                    .iter()
                    .any(|w| self.lower_is(i - 1, w)))
            && self.out.last().is_some_and(|m| {
                m.end == self.t[i - 2].e
                    && m.kind != MentionKind::Duration
                    && m.precision == DatePrecision::Month
                    && m.value.len() == 7
                    && parse_quarter(&m.value).is_none()
            })
    }
    /// A full month name used as a noun or modifier without a preposition
    /// that marks it: "for January", "a June agreement", "the March vote",
    /// "December's figures" (not "the March of the Living"). "May" is left
    /// out: it is also a name and a verb.
    fn month_as_modifier(&self, i: usize) -> bool {
        if self.t[i].abbrev {
            return false;
        }
        if self.prev_word_in(i, &["for"]) || self.possessive(i + 1) {
            return true;
        }
        self.prev_word_in(i, &["the", "a", "an"])
            && self.t.get(i + 1).is_some_and(|n| {
                n.kind == TK::Word && !n.cap && n.lex.is_none() && !self.lower_is(i + 1, "of")
            })
    }

    /// `4 December`, `4th of December 2023`, `21-22 December`, `5–6 May`.
    fn day_month(&self, i: usize) -> Option<Pt> {
        let d = self.day_num(i)?;
        if i > 0 && self.glued(i) {
            let p = self.t[i - 1];
            if p.kind != TK::Punct || matches!(p.ch, '-' | '/' | '.' | ',' | '$' | '#' | '–') {
                return None;
            }
        }
        let mut j = i + 1;
        // "21-22 December": one expression; "12 and 13 June", "2 to 5 May":
        // the first day alone here (the month and year are read after the
        // second), the second day with its month at the next match
        let mut first_only = false;
        if (self.dash(j) || self.punct(j, '/')) && self.day_num(j + 1).is_some_and(|d2| d2 > d) {
            j += 2;
        } else if self.conjoined_after(j, d) {
            j += 2;
            first_only = true;
        }
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        let m = self.month_tok(j)?;
        j += 1 + self.abbrev_dot(j);
        let mut year = None;
        let mut k = j;
        if self.punct(k, ',') {
            k += 1;
        }
        if let Some(y) = self.is_year_tok(k) {
            year = Some(y);
            j = k + 1;
        }
        if first_only {
            j = i + 1;
        }
        self.build_day(j, year, m, d, i)
    }

    /// A second day joined to day `d` at `j`: "and 25", "or 25", "to 5",
    /// "through 5" (a later day of the same month, not a count of a unit:
    /// "to 5 years").
    fn conjoined_after(&self, j: usize, d: u32) -> bool {
        ["and", "or", "to", "through"]
            .iter()
            .any(|w| self.lower_is(j, w))
            && self.day_num(j + 1).is_some_and(|d2| d2 > d)
            && self.t.get(j + 2).is_none_or(|n| {
                // "April 24 and 25 in Geneva", "5 and 6 June", "May 2 to 5, 1999"
                // (not "on May 5 and 6 soldiers", a count)
                n.kind != TK::Word
                    || n.cap
                    || matches!(n.lex, Some(Lex::Month(_) | Lex::Kw(_)))
                    || [
                        "in",
                        "at",
                        "on",
                        "of",
                        "for",
                        "with",
                        "when",
                        "while",
                        "and",
                        "as",
                        "but",
                        "or",
                        "to",
                        "respectively",
                        "that",
                        "this",
                        "next",
                        "last",
                    ]
                    .iter()
                    .any(|w| self.lower_is(j + 2, w))
            })
    }

    /// The second day of "April 24 and 25", "May 2 to 5, 1999": the month
    /// (and year) of the day just before the conjunction.
    fn conjoined_day(&self, i: usize) -> Option<Pt> {
        let d2 = self.day_num(i)?;
        if i < 3 || !self.conjoined_after(i - 1, self.t[i - 2].num) {
            return None;
        }
        let first = self.out.last()?;
        if first.end != self.t[i - 2].e
            || first.kind != MentionKind::Point
            || first.precision != DatePrecision::Day
            || !matches!(self.t[i - 2].kind, TK::Num | TK::Ordinal)
            || first.value.len() != 10
        {
            return None;
        }
        let mut end = i + 1;
        if self.punct(end, ',') && self.is_year_tok(end + 1).is_some() {
            end += 1;
        }
        if self.is_year_tok(end).is_some() {
            end += 1;
        }
        let date = match first.date {
            Some(f) => Some(f.with_day(d2)?),
            None => None,
        };
        let mut p = pt_day(end, date, first.relative);
        p.explicit_year = first.explicit_year;
        if date.is_none() {
            p.value = format!("{}{d2:02}", &first.value[..8]);
        }
        Some(p)
    }

    fn build_day(&self, end: usize, year: Option<i32>, m: u32, d: u32, at: usize) -> Option<Pt> {
        if d > days_in_month(year.unwrap_or(2024), m) {
            return None;
        }
        if let Some(y) = year {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            let mut p = pt_day(end, Some(date), false);
            p.explicit_year = true;
            return Some(p);
        }
        match self.reference {
            Some(r) => Some(pt_day(
                end,
                resolve_month_day(r, m, d, self.modifier_tense(at, end)),
                true,
            )),
            None => {
                let mut p = pt_day(end, None, true);
                p.value = format!("XXXX-{m:02}-{d:02}");
                Some(p)
            }
        }
    }

    /// A bare year: `in 2014`, `since 2014`, `between 2014 and 2022`.
    fn bare_year(&self, i: usize, ctx_ok: bool) -> Option<Pt> {
        let y = self.is_year_tok(i)?;
        let ctx = ctx_ok
            || self.prev_word_in(
                i,
                &[
                    "in", "since", "by", "until", "till", "from", "through", "throughout",
                    "during", "before", "after", "between", "circa", "early", "late", "mid",
                    "of", "for", "into", "both", "due",
                ],
            )

            // second year of a range: "2014 and 2022", "2014-2022", "2014 to 2022"
            || (i >= 2
                && (self.prev_word_in(i, &["and", "to"]) || self.dash(i - 1))
                && self.is_year_tok(i - 2).is_some());
        // a year as a modifier: "the 1995 shooting", "its 1990 invasion",
        // "the company's 1989 profit" (not a count: "the 2000 troops")
        let modifier = (self.prev_word_in(
            i,
            &["the", "a", "its", "his", "her", "their", "our", "whose"],
        ) || (i >= 2 && self.lower_is(i - 1, "s") && self.possessive(i - 2)))
            && self.t.get(i + 1).is_some_and(|n| {
                n.kind == TK::Word
                    && n.lex.is_none()
                    && (n.cap || !self.text[n.s..n.e].ends_with('s'))
            });
        // ... also after an adjective: "his unsuccessful 1996 campaign", "the
        // failed 1991 coup" (not a count: "the remaining 2000 troops", "the
        // other 1500 people")
        let modifier = modifier
            || (i >= 2
                && self.prev_word_in(
                    i - 1,
                    &["the", "its", "his", "her", "their", "our", "whose"],
                )
                && self.t[i - 1].kind == TK::Word
                && !self.t[i - 1].cap
                && self.t[i - 1].lex.is_none()
                && self.lower_word(i - 1).is_some_and(|w| {
                    !w.ends_with("ly")
                        && !matches!(
                            w.as_str(),
                            "other"
                                | "remaining"
                                | "estimated"
                                | "additional"
                                | "extra"
                                | "total"
                                | "only"
                                | "mere"
                                | "whopping"
                                | "full"
                                | "entire"
                                | "average"
                                | "reported"
                                | "approximately"
                                | "roughly"
                                | "nearly"
                                | "about"
                                | "over"
                                | "under"
                                | "some"
                                | "around"
                                | "possible"
                                | "maximum"
                                | "minimum"
                                | "original"
                                | "required"
                                | "promised"
                                | "planned"
                        )
                })
                && self.t.get(i + 1).is_some_and(|n| {
                    n.kind == TK::Word
                        && !n.cap
                        && n.lex.is_none()
                        && self.lower_word(i + 1).is_some_and(|w| {
                            !w.ends_with('s')
                                && !matches!(
                                    w.as_str(),
                                    "people"
                                        | "men"
                                        | "women"
                                        | "children"
                                        | "police"
                                        | "personnel"
                                        | "staff"
                                        | "cattle"
                                        | "militia"
                                        | "infantry"
                                        | "feet"
                                        | "metres"
                                        | "meters"
                                        | "km"
                                        | "kilometres"
                                        | "miles"
                                )
                        })
                }));
        // "1989's third quarter", "2023's budget"
        if self.possessive(i + 1) {
            if let Some(p) = self.quarter(i + 3, Some((y, true))) {
                return Some(p);
            }
            return Some(pt_year(i + 1, Some(y), false, true));
        }
        // "post-1959", "pre-1990"
        let prefixed = i >= 2
            && self.dash(i - 1)
            && self.glued(i)
            && self.glued(i - 1)
            && (self.lower_is(i - 2, "post") || self.lower_is(i - 2, "pre"));
        if modifier || prefixed {
            return Some(pt_year(i + 1, Some(y), false, true));
        }
        if !ctx {
            return None;
        }
        if let Some(n) = self.t.get(i + 1) {
            if n.kind == TK::Word && !n.cap {
                let w = self.lower_word(i + 1).unwrap_or_default();
                if !year_follower_ok(&w) {
                    return None;
                }
            }
        }
        Some(pt_year(i + 1, Some(y), false, true))
    }

    /// `20th century` → value `19` (TimeML: the hundreds), precision year,
    /// dated on the first day of its hundreds (1900-01-01).
    fn century(&self, i: usize) -> Option<Pt> {
        let t = self.t[i];
        if t.kind != TK::Ordinal || !(1..=21).contains(&t.num) || !self.lower_is(i + 1, "century") {
            return None;
        }
        let h = t.num as i32 - 1;
        let mut p = pt_year(i + 2, Some(h * 100), false, true);
        p.value = format!("{h:02}");
        Some(p)
    }

    /// `the 1990s` → value `199`, precision year.
    fn decade(&self, i: usize) -> Option<Pt> {
        let t = self.t[i];
        if !is_decade_word(self.text, &t) {
            return None;
        }
        let y: i32 = self.text[t.s..t.s + 4].parse().ok()?;
        if !(1800..=2090).contains(&y) {
            return None;
        }
        let mut p = pt_year(i + 1, Some(y), false, true);
        p.value = format!("{}", y / 10);
        Some(p)
    }

    // ------------------------------------------------------------ weekdays

    fn weekday(&self, i: usize, wd: Weekday, mode: Mode, _ctx_ok: bool) -> Option<Pt> {
        let t = self.t[i];
        if !t.cap {
            return None;
        }
        let mut j = i + 1 + self.abbrev_dot(i);
        // "Wednesday, December 4" / "Thu, 07 Nov 2024": the explicit date wins;
        // also after a part of the day ("Tuesday morning, November 19").
        let k = if matches!(self.lex(j), Some(Lex::Part(_))) && self.punct(j + 1, ',') {
            j + 2
        } else if self.punct(j, ',') {
            j + 1
        } else {
            j
        };
        if let Some(tk) = self.t.get(k) {
            let explicit = match tk.kind {
                TK::Num | TK::Ordinal => self.day_month(k),
                TK::Word => match tk.lex {
                    Some(Lex::Month(m)) => self
                        .month_first(k, m, false)
                        .filter(|p| p.precision == DatePrecision::Day),
                    _ => None,
                },
                _ => None,
            };
            if let Some(mut p) = explicit {
                // "Saturday, April 25" without a year: of the reference's year and the years
                // on either side, the one in which the day is that weekday (a day and month
                // fall on a given weekday at most once in three consecutive years; when none
                // fits, the reading stands).
                if let (false, Some(d), Some(r)) = (p.explicit_year, p.date, self.reference) {
                    if d.weekday() != wd {
                        let best = (r.year() - 1..=r.year() + 1)
                            .filter_map(|y| NaiveDate::from_ymd_opt(y, d.month(), d.day()))
                            .filter(|x| x.weekday() == wd)
                            .min_by_key(|x| (*x - r).num_days().abs());
                        if let Some(x) = best {
                            p.date = Some(x);
                            p.value = day_value(x);
                        }
                    }
                }
                return Some(p);
            }
        }
        if t.abbrev {
            return None;
        }
        // False friends: "Bloody Sunday", "the Sunday Times", "Super Tuesday"
        // (but "Kyiv Monday", "Also Thursday" are dates).
        if i > 0 {
            let p = self.t[i - 1];
            if p.kind == TK::Word
                && p.cap
                && p.lex.is_none()
                && self.glued_by_space(i)
                && self
                    .lower_word(i - 1)
                    .is_some_and(|w| weekday_name_prefix(&w))
            {
                return None;
            }
        }
        if let Some(n) = self.t.get(j) {
            if n.kind == TK::Word && n.cap && n.lex.is_none() {
                let w = self.lower_word(j).unwrap_or_default();
                if weekday_name_follower(&w) || self.prev_word_in(i, &["the", "a"]) {
                    return None;
                }
            }
        }
        // "Wednesday night", "Wednesday morning"
        if matches!(self.lex(j), Some(Lex::Part(_))) {
            j += 1;
        }
        let date = self
            .reference
            .and_then(|r| resolve_weekday(r, wd, mode, self.tense(i)));
        let mut p = pt_day(j, date, true);
        if date.is_none() {
            p.value = format!("XXXX-WXX-{}", wd.number_from_monday());
        }
        Some(p)
    }

    /// A possessive `'s` at `k` ("this year's").
    fn possessive(&self, k: usize) -> bool {
        (self.punct(k, '\'') || self.punct(k, '’'))
            && self.glued(k)
            && self.lower_is(k + 1, "s")
            && self.glued(k + 1)
    }

    /// Tokens `i - 1` and `i` are separated by exactly one space (same line).
    fn glued_by_space(&self, i: usize) -> bool {
        i > 0 && self.t[i].s == self.t[i - 1].e + 1 && self.text.as_bytes()[self.t[i - 1].e] == b' '
    }

    // ------------------------------------------------------------ seasons

    fn season(&self, i: usize, s: Season, mode: Option<Mode>, ctx_ok: bool) -> Option<Pt> {
        let mut j = i + 1;
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        let code = season_code(s);
        let sm = season_month(s);
        if let Some(y) = self.is_year_tok(j) {
            let mut p = pt_month(j + 1, Some((y, sm)), false, true);
            p.value = format!("{y:04}-{code}");
            return Some(p);
        }
        let mode = match mode {
            Some(m) => m,
            None if ctx_ok || self.prev_word_in(i, &["in", "during", "since", "until", "by"]) => {
                // "in the summer" reads as the latest summer; require "the" or a context.
                Mode::Plain
            }
            None => return None,
        };
        let tense = if mode == Mode::Plain {
            self.tense(i)
        } else {
            None
        };
        // Winter belongs to the year of its January.
        let ym = self.reference.map(|r| resolve_month(r, sm, mode, tense));
        let mut p = pt_month(i + 1, ym, true, false);
        p.value = match ym {
            Some((y, _)) => format!("{y:04}-{code}"),
            None => format!("XXXX-{code}"),
        };
        Some(p)
    }

    // ------------------------------------------------------------ keywords

    fn keyword(&self, i: usize, k: Kw, ctx_ok: bool) -> Option<Pt> {
        let r = self.reference;
        match k {
            Kw::Today | Kw::Tonight => {
                let t = self.t[i];
                // "Russia Today", "USA Today" are outlets.
                if t.cap && i > 0 {
                    let p = self.t[i - 1];
                    if p.kind == TK::Word && p.cap && p.lex.is_none() && self.glued_by_space(i) {
                        return None;
                    }
                }
                Some(pt_day(i + 1, r, true))
            }
            Kw::Yesterday | Kw::Tomorrow => {
                let mut j = i + 1;
                if matches!(self.lex(j), Some(Lex::Part(_))) {
                    j += 1;
                }
                let n = if k == Kw::Yesterday { -1 } else { 1 };
                Some(pt_day(j, r.and_then(|r| add_days(r, n)), true))
            }
            Kw::Overnight => {
                // "overnight into Thursday" = the night before Thursday;
                // "overnight on Wednesday", "overnight Wednesday" = that day.
                let j = i + 1;
                let into = self.kw(j, Kw::Into) || self.lower_is(j, "to");
                let w = if into || self.kw(j, Kw::On) { j + 1 } else { j };
                if matches!(self.lex(w), Some(Lex::Weekday(_))) {
                    if let Some(Lex::Weekday(wd)) = self.lex(w) {
                        if let Some(mut p) = self.weekday(w, wd, Mode::Plain, true) {
                            if into {
                                p.date = p.date.and_then(|d| add_days(d, -1));
                                if let Some(d) = p.date {
                                    p.value = day_value(d);
                                }
                            }
                            return Some(p);
                        }
                    }
                }
                Some(pt_day(i + 1, r.and_then(|r| add_days(r, -1)), true))
            }
            Kw::Last | Kw::This | Kw::Next | Kw::Past | Kw::Coming => self.rel(i, k),
            // "now", "currently": the present as a whole; not "until now", "from now on".
            Kw::Now => {
                if self.prev_word_in(i, &["until", "till", "from", "since", "by"]) {
                    return None;
                }
                Some(pt_ref(i + 1, "PRESENT_REF"))
            }
            Kw::Recently => Some(pt_ref(i + 1, "PAST_REF")),
            // "will soon move", "may soon seek", "expects sales to soon grow":
            // FUTURE_REF; not "as soon as", "soon after", nor a past clause
            // ("soon became", "would soon learn").
            Kw::Soon => {
                if self.prev_word_in(i, &["as", "how", "too", "so", "very", "would"])
                    || [
                        "as",
                        "after",
                        "afterward",
                        "afterwards",
                        "thereafter",
                        "enough",
                    ]
                    .iter()
                    .any(|w| self.lower_is(i + 1, w))
                {
                    return None;
                }
                let modal = self.prev_word_in(
                    i,
                    &[
                        "will", "shall", "ll", "may", "might", "could", "can", "should", "must",
                        "to",
                    ],
                );
                (modal || self.tense(i) == Some(Tense::Future)).then(|| pt_ref(i + 1, "FUTURE_REF"))
            }
            // "nearly four years ago", "about a week earlier"
            Kw::DurPre => self.ago(i + 1),
            Kw::Fiscal => self.fiscal(i),
            Kw::Holiday => self.holiday(i),
            // "that day", "that same day", "that year", "that morning", "that quarter"
            Kw::That => {
                let k = if self.kw(i + 1, Kw::Same) {
                    i + 2
                } else {
                    i + 1
                };
                if matches!(self.lex(k), Some(Lex::Unit(Unit::Quarter))) && self.is_singular(k) {
                    let yq = self
                        .out
                        .iter()
                        .rev()
                        .take(64)
                        .find_map(|m| parse_quarter(&m.value))?;
                    return Some(pt_quarter(k + 1, Some(yq), true, false));
                }
                if matches!(self.lex(k), Some(Lex::Unit(Unit::Day))) && self.is_singular(k) {
                    let a = self.anchor();
                    return Some(pt_day(k + 1, a.map(|a| a.0), true));
                }
                self.anaphoric(k, 0)
            }
            Kw::Early => self.qualified(i, Qual::Early),
            Kw::Late => self.qualified(i, Qual::Late),
            Kw::Mid => self.qualified(i, Qual::Mid),
            Kw::Earlier | Kw::Later => self.qualified(i, Qual::Vague),
            Kw::The => self.the(i, ctx_ok),
            // "at a later date/stage": FUTURE_REF
            Kw::A
                if self.kw(i + 1, Kw::Later)
                    && ["date", "stage", "time"]
                        .iter()
                        .any(|w| self.lower_is(i + 2, w)) =>
            {
                Some(pt_ref(i + 3, "FUTURE_REF"))
            }
            Kw::A => self.ago(i),
            Kw::Several | Kw::Few => self.ago(i),
            // "recent days/weeks/months/years": TimeML PAST_REF; the date
            // stays the reference's week, month or year.
            Kw::Recent => {
                let j = i + 1;
                let mut p = match self.lex(j) {
                    Some(Lex::Unit(Unit::Day | Unit::Week)) => Some(pt_week(j + 1, r)),
                    Some(Lex::Unit(Unit::Month)) => Some(pt_month(
                        j + 1,
                        r.map(|r| (r.year(), r.month())),
                        true,
                        false,
                    )),
                    Some(Lex::Unit(Unit::Year)) => {
                        Some(pt_year(j + 1, r.map(|r| r.year()), true, false))
                    }
                    _ => None,
                }?;
                p.value = "PAST_REF".into();
                Some(p)
            }
            _ => None,
        }
    }

    /// `last/this/next/past/coming` + week, month, year, weekend, night, weekday, month name, season.
    fn rel(&self, i: usize, k: Kw) -> Option<Pt> {
        let r = self.reference;
        let j = i + 1;
        let delta: i32 = match k {
            Kw::Last => -1,
            Kw::Next | Kw::Coming => 1,
            _ => 0,
        };
        let mode = match k {
            Kw::Last => Mode::Last,
            Kw::Next | Kw::Coming => Mode::Next,
            _ => Mode::Plain,
        };
        let tok = *self.t.get(j)?;
        match tok.lex? {
            // "(in the) coming days/weeks/months": the future as a whole
            Lex::Unit(Unit::Day | Unit::Week | Unit::Month | Unit::Year)
                if k == Kw::Coming && !self.is_singular(j) =>
            {
                Some(pt_ref(j + 1, "FUTURE_REF"))
            }
            // "the last decade", "this decade"
            Lex::Unit(Unit::Decade) if self.is_singular(j) => {
                let delta = if k == Kw::Past { -1 } else { delta };
                let y = r.map(|r| r.year() / 10 * 10 + 10 * delta);
                let mut p = pt_year(j + 1, y, true, false);
                if let Some(y) = y {
                    p.value = format!("{}", y / 10);
                }
                Some(p)
            }
            Lex::Unit(Unit::Week) if self.is_singular(j) => Some(pt_week(
                j + 1,
                r.and_then(|r| add_days(r, 7 * delta as i64)),
            )),
            // "the last quarter of 1997", "the last quarter of next year": the fourth
            Lex::Unit(Unit::Quarter)
                if k == Kw::Last && self.is_singular(j) && self.year_after(j + 1).is_some() =>
            {
                let (y, e, ex) = self.year_after(j + 1)?;
                Some(pt_quarter(e, Some((y, 4)), !ex, ex))
            }
            // "last quarter", "this quarter", "next quarter", "the past quarter":
            // next to the reference's calendar quarter (not "the last quarter of
            // 1997", the fourth)
            Lex::Unit(Unit::Quarter) if self.is_singular(j) && !self.kw(j + 1, Kw::Of) => {
                let delta = if k == Kw::Past { -1 } else { delta };
                Some(pt_quarter(
                    j + 1,
                    r.map(|r| shift_quarter(quarter_of(r), delta)),
                    true,
                    false,
                ))
            }
            // "the past month/year" is the previous one (TimeML), like "last".
            Lex::Unit(Unit::Month) if self.is_singular(j) => {
                let delta = if k == Kw::Past { -1 } else { delta };
                let ym = r.map(|r| add_months(r.year(), r.month(), delta));
                Some(pt_month(j + 1, ym, true, false))
            }
            Lex::Unit(Unit::Year) if self.is_singular(j) => {
                let delta = if k == Kw::Past { -1 } else { delta };
                let y = r.map(|r| r.year() + delta);
                // "this year's third quarter", "last year's first half"
                if let (Some(y), true) = (y, self.possessive(j + 1)) {
                    if let Some(p) = self.quarter(j + 3, Some((y, false))) {
                        return Some(p);
                    }
                }
                Some(pt_year(j + 1, y, true, false))
            }
            Lex::Kw(Kw::Weekend) => {
                let sat = r.and_then(|r| match (mode, k) {
                    (Mode::Last, _) => add_days(r, -2)
                        .and_then(|d| resolve_weekday(d, Weekday::Sat, Mode::Plain, None)),
                    (Mode::Next, _) => resolve_weekday(r, Weekday::Sat, Mode::Next, None),
                    // "this weekend": the weekend of the reference's week
                    (Mode::Plain, Kw::This) => add_days(monday(r), 5),
                    // "the past weekend"
                    (Mode::Plain, _) => resolve_weekday(r, Weekday::Sat, Mode::Plain, None),
                });
                Some(weekend_pt(j + 1, sat))
            }
            Lex::Part(part) => {
                let n = match (k, part) {
                    (Kw::Last, DayPart::Night | DayPart::Evening) => -1,
                    (Kw::This, _) => 0,
                    (Kw::Last, _) => -1,
                    _ => return None,
                };
                Some(pt_day(j + 1, r.and_then(|r| add_days(r, n)), true))
            }
            Lex::Weekday(wd) => {
                if !tok.cap || tok.abbrev {
                    return None;
                }
                self.weekday(j, wd, mode, true)
            }
            Lex::Month(m) => {
                if !tok.cap || tok.abbrev {
                    return None;
                }
                // "this March" is the reference year's March (TimeML).
                let ym = r.map(|r| match k {
                    Kw::This => (r.year(), m),
                    _ => resolve_month(r, m, mode, None),
                });
                let mut p = pt_month(j + 1, ym, true, false);
                if ym.is_none() {
                    p.value = format!("XXXX-{m:02}");
                }
                Some(p)
            }
            Lex::Season(s) => {
                let mut p = self.season(j, s, Some(mode), true)?;
                // "this summer" is the reference year's summer (TimeML).
                if let (Kw::This, Some(r)) = (k, r) {
                    let sm = season_month(s);
                    p.date = NaiveDate::from_ymd_opt(r.year(), sm, 1);
                    p.value = format!("{:04}-{}", r.year(), season_code(s));
                }
                Some(p)
            }
            _ => None,
        }
    }

    /// `first`..`fourth` → 1..4, `last` → 0.
    fn nth_word(&self, i: usize) -> Option<u32> {
        if self.kw(i, Kw::Last) {
            return Some(0);
        }
        ["first", "second", "third", "fourth"]
            .iter()
            .position(|w| self.lower_is(i, w))
            .map(|p| p as u32 + 1)
    }

    fn is_singular(&self, i: usize) -> bool {
        let t = self.t[i];
        !self.text[t.s..t.e].ends_with(['s', 'S'])
    }

    /// `early 2022`, `late November`, `mid-March`, `early on Wednesday`, `earlier this week`.
    fn qualified(&self, i: usize, q: Qual) -> Option<Pt> {
        let mut j = i + 1;
        if self.dash(j) && self.glued(j) {
            j += 1;
        }
        if self.kw(j, Kw::On) || (self.kw(j, Kw::In) && q != Qual::Vague) {
            j += 1;
        }
        if q == Qual::Vague && self.kw(j, Kw::In) && self.kw(j + 1, Kw::The) {
            // "earlier in the week/month/year/day"
            let u = self.lex(j + 2);
            let r = self.reference;
            return match u {
                Some(Lex::Unit(Unit::Week)) => Some(pt_week(j + 3, r)),
                Some(Lex::Unit(Unit::Month)) => Some(pt_month(
                    j + 3,
                    r.map(|r| (r.year(), r.month())),
                    true,
                    false,
                )),
                Some(Lex::Unit(Unit::Year)) => {
                    Some(pt_year(j + 3, r.map(|r| r.year()), true, false))
                }
                Some(Lex::Unit(Unit::Day)) => {
                    let a = self.anchor();
                    Some(pt_day(j + 3, a.map(|a| a.0), true))
                }
                _ => None,
            };
        }
        let tok = self.t.get(j)?;
        // Only point expressions that can carry a qualifier.
        let ok = match tok.lex {
            Some(Lex::Month(_)) | Some(Lex::Weekday(_)) | Some(Lex::Season(_)) => true,
            Some(Lex::Kw(
                Kw::Today
                | Kw::Tonight
                | Kw::Yesterday
                | Kw::Tomorrow
                | Kw::Last
                | Kw::This
                | Kw::Next
                | Kw::Overnight
                | Kw::The
                | Kw::That,
            )) => true,
            None => tok.kind == TK::Num || is_decade_word(self.text, tok),
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut p = self.point(j, true)?;
        if p.relative && p.date.is_none() && p.explicit_year {
            return None;
        }
        apply_qual(&mut p, q);
        Some(p)
    }

    /// Expressions that start with `the`.
    fn the(&self, i: usize, ctx_ok: bool) -> Option<Pt> {
        let r = self.reference;
        let j = i + 1;
        let tok = *self.t.get(j)?;
        if let Some(p) = self.report_period(j) {
            return Some(p);
        }
        // "the closing days of October", "the first weeks of 2023", "the
        // final months of last year": the month or year named (not "the last
        // days of the war")
        if [
            "closing", "final", "last", "first", "opening", "early", "dying", "waning",
            "remaining",
        ]
        .iter()
        .any(|w| self.lower_is(j, w))
            && matches!(
                self.lex(j + 1),
                Some(Lex::Unit(Unit::Day | Unit::Week | Unit::Month))
            )
            && !self.is_singular(j + 1)
            && self.kw(j + 2, Kw::Of)
        {
            if let Some(p) = self.point(j + 3, true).filter(|p| {
                matches!(p.precision, DatePrecision::Month | DatePrecision::Year)
                    && !p.value.ends_with("_REF")
            }) {
                let mut p = p;
                let early = ["first", "opening", "early"].iter().any(|w| self.lower_is(j, w));
                apply_qual(&mut p, if early { Qual::Early } else { Qual::Late });
                return Some(p);
            }
        }
        // "the current year", "the current month", "the current week": the
        // reference's ("the current quarter" is a report period, above)
        if self.lower_is(j, "current") && self.is_singular(j + 1) {
            match self.lex(j + 1) {
                Some(Lex::Unit(Unit::Year)) => {
                    return Some(pt_year(j + 2, r.map(|r| r.year()), true, false))
                }
                Some(Lex::Unit(Unit::Month)) => {
                    return Some(pt_month(
                        j + 2,
                        r.map(|r| (r.year(), r.month())),
                        true,
                        false,
                    ))
                }
                Some(Lex::Unit(Unit::Week)) => return Some(pt_week(j + 2, r)),
                _ => {}
            }
        }
        if tok.lex.is_none() {
            // "the nineties", "the 90s", "the '90s"
            let k = if (self.punct(j, '\'') || self.punct(j, '’')) && self.glued(j + 1) {
                j + 1
            } else {
                j
            };
            if let Some(p) = self.decade_word(k) {
                return Some(p);
            }
        }
        // "the year two thousand", "the year nineteen eighty-four"
        if matches!(tok.lex, Some(Lex::Unit(Unit::Year))) && self.is_singular(j) {
            if let Some((y, e)) = self.spoken_year(j + 1) {
                return Some(pt_year(e, Some(y), false, true));
            }
            if self.lex(j + 1) == Some(Lex::NumWord(2)) && self.lower_is(j + 2, "thousand") {
                return Some(pt_year(j + 3, Some(2000), false, true));
            }
        }
        // "the (near) future", "the past" (not "the past three days"): TimeML
        // FUTURE_REF / PAST_REF.
        let f = if ["near", "distant", "foreseeable", "immediate"]
            .iter()
            .any(|w| self.lower_is(j, w))
        {
            j + 1
        } else {
            j
        };
        // (not "the future of the region", a noun)
        if self.kw(f, Kw::FutureNoun) && !self.kw(f + 1, Kw::Of) {
            return Some(pt_ref(f + 1, "FUTURE_REF"));
        }
        // "the near term", "the short term", "the long term"
        if ["near", "short", "long"]
            .iter()
            .any(|w| self.lower_is(j, w))
            && self.lower_is(j + 1, "term")
        {
            return Some(pt_ref(j + 2, "FUTURE_REF"));
        }
        if tok.lex == Some(Lex::Kw(Kw::Past)) {
            let next = self.t.get(j + 1);
            let period_follows = next.is_some_and(|n| {
                n.kind == TK::Num
                    || n.kind == TK::Ordinal
                    || match n.lex {
                        Some(Lex::Kw(k)) => matches!(
                            k,
                            Kw::Few | Kw::Several | Kw::Couple | Kw::DurPre | Kw::Weekend | Kw::A
                        ),
                        Some(_) => true,
                        None => false,
                    }
            });
            if !period_follows {
                return Some(pt_ref(j + 1, "PAST_REF"));
            }
        }
        match tok.lex {
            // "the day before (yesterday)", "the day after (tomorrow)", "the day prior"
            Some(Lex::Unit(Unit::Day)) if self.is_singular(j) => {
                let k = j + 1;
                // "the day before last Tuesday's hearing", "the day after March 3":
                // a day named right after counts, not the last one before.
                if self.kw(k, Kw::Before) || self.kw(k, Kw::After) {
                    if let Some(mut p) = self.point(k + 1, true).filter(|p| {
                        p.precision == DatePrecision::Day
                            && p.date.is_some()
                            && !p.value.ends_with("_REF")
                    }) {
                        let n = if self.kw(k, Kw::Before) { -1 } else { 1 };
                        p.date = p.date.and_then(|d| add_days(d, n));
                        p.value = p.date.map(day_value)?;
                        p.relative = true;
                        return Some(p);
                    }
                }
                // "on Oct. 12, the day before the vote": an apposition restates
                // the day named right before it
                if (self.kw(k, Kw::Before) || self.kw(k, Kw::After))
                    && i >= 2
                    && self.punct(i - 1, ',')
                {
                    if let Some(m) = self.out.last().filter(|m| {
                        m.end == self.t[i - 1].s
                            && m.kind == MentionKind::Point
                            && m.precision == DatePrecision::Day
                            && m.date.is_some()
                    }) {
                        return Some(pt_day(k + 1, m.date, true));
                    }
                }
                if self.kw(k, Kw::Before) || self.kw(k, Kw::Previous) {
                    if self.kw(k + 1, Kw::Yesterday) {
                        return Some(pt_day(k + 2, r.and_then(|r| add_days(r, -2)), true));
                    }
                    let a = self.anchor();
                    return Some(pt_day(k + 1, a.and_then(|a| add_days(a.0, -1)), true));
                }
                if self.kw(k, Kw::After) {
                    if self.kw(k + 1, Kw::Tomorrow) {
                        return Some(pt_day(k + 2, r.and_then(|r| add_days(r, 2)), true));
                    }
                    let a = self.anchor();
                    return Some(pt_day(k + 1, a.and_then(|a| add_days(a.0, 1)), true));
                }
                None
            }
            // "the year 2000"
            Some(Lex::Unit(Unit::Year))
                if self.is_singular(j) && self.is_year_tok(j + 1).is_some() =>
            {
                Some(pt_year(j + 2, self.is_year_tok(j + 1), false, true))
            }
            // "the year before (last)", "the month after": from the last period
            // named of that size or finer
            Some(Lex::Unit(Unit::Month | Unit::Year))
                if self.is_singular(j)
                    && (self.kw(j + 1, Kw::Before)
                        || self.kw(j + 1, Kw::After)
                        || self.kw(j + 1, Kw::Earlier)
                        || self.kw(j + 1, Kw::Later)) =>
            {
                let back = self.kw(j + 1, Kw::Before) || self.kw(j + 1, Kw::Earlier);
                if back && self.kw(j + 2, Kw::Last) {
                    // "the year before last": two before the reference
                    return Some(if tok.lex == Some(Lex::Unit(Unit::Year)) {
                        pt_year(j + 3, r.map(|r| r.year() - 2), true, false)
                    } else {
                        pt_month(
                            j + 3,
                            r.map(|r| add_months(r.year(), r.month(), -2)),
                            true,
                            false,
                        )
                    });
                }
                let mut p = self.anaphoric(j, if back { -1 } else { 1 })?;
                p.end = j + 2;
                Some(p)
            }
            // "the previous/next quarter": next to the quarter of the report
            Some(Lex::Kw(Kw::Next | Kw::Following | Kw::Previous))
                if matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Quarter)))
                    && self.is_singular(j + 1) =>
            {
                let n = if tok.lex == Some(Lex::Kw(Kw::Previous)) {
                    -1
                } else {
                    1
                };
                Some(pt_quarter(
                    j + 2,
                    self.report_quarter().map(|q| shift_quarter(q, n)),
                    true,
                    false,
                ))
            }
            // "the same day", "the next day", "the following day", "the previous day"
            Some(Lex::Kw(Kw::Same | Kw::Next | Kw::Following | Kw::Previous))
                if matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Day)))
                    && self.is_singular(j + 1) =>
            {
                let n = match tok.lex {
                    Some(Lex::Kw(Kw::Same)) => 0,
                    Some(Lex::Kw(Kw::Previous)) => -1,
                    _ => 1,
                };
                let a = self.anchor();
                Some(pt_day(j + 2, a.and_then(|a| add_days(a.0, n)), true))
            }
            // "the following year", "the previous month", "the next morning":
            // from the last period named of that size or finer
            Some(Lex::Kw(Kw::Same | Kw::Next | Kw::Following | Kw::Previous))
                if self.anaphoric_unit(j + 1).is_some() =>
            {
                let n = match tok.lex {
                    Some(Lex::Kw(Kw::Same)) => 0,
                    Some(Lex::Kw(Kw::Previous)) => -1,
                    _ => 1,
                };
                self.anaphoric(j + 1, n)
            }
            // "the previous Friday", "the following Monday": the weekday before
            // (after) the last day named, else the reference
            Some(Lex::Kw(Kw::Following | Kw::Previous))
                if matches!(self.lex(j + 1), Some(Lex::Weekday(_))) =>
            {
                let Some(Lex::Weekday(wd)) = self.lex(j + 1) else {
                    return None;
                };
                let mode = if tok.lex == Some(Lex::Kw(Kw::Previous)) {
                    Mode::Last
                } else {
                    Mode::Next
                };
                let d = self
                    .anchor()
                    .and_then(|a| resolve_weekday(a.0, wd, mode, None));
                Some(pt_day(j + 2, d, true))
            }
            // "the previous/following week" relative to the anchor
            Some(Lex::Kw(Kw::Following | Kw::Previous))
                if matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Week)))
                    && self.is_singular(j + 1) =>
            {
                let n = if tok.lex == Some(Lex::Kw(Kw::Previous)) {
                    -7
                } else {
                    7
                };
                let a = self.anchor();
                Some(pt_week(j + 2, a.and_then(|a| add_days(a.0, n))))
            }
            // "the week of March 6", "the week of Oct. 12, 1989": the ISO week of
            // that day
            Some(Lex::Unit(Unit::Week)) if self.is_singular(j) && self.kw(j + 1, Kw::Of) => {
                let day = self
                    .point(j + 2, true)
                    .filter(|p| p.precision == DatePrecision::Day && !p.value.ends_with("_REF"))?;
                let d = day.date?;
                let mut p = pt_week(day.end, Some(d));
                p.relative = day.relative;
                p.explicit_year = day.explicit_year;
                Some(p)
            }
            // "the first/second/third/fourth/last week of March (2022)": the date is
            // the first day of that 7-day stretch (not its ISO Monday)
            _ if matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Week)))
                && self.kw(j + 2, Kw::Of)
                && self.nth_word(j).is_some() =>
            {
                let nth = self.nth_word(j)?;
                let month = self.point(j + 3, true)?;
                let first = month
                    .date
                    .filter(|_| month.precision == DatePrecision::Month)?;
                let (y, m) = (first.year(), first.month());
                let day = if nth == 0 {
                    days_in_month(y, m) - 6
                } else {
                    1 + 7 * (nth - 1)
                };
                let d = NaiveDate::from_ymd_opt(y, m, day)?;
                Some(Pt {
                    end: month.end,
                    value: week_value(d),
                    precision: DatePrecision::Week,
                    date: Some(d),
                    relative: month.relative,
                    explicit_year: month.explicit_year,
                })
            }
            // "the past/last/next week", "the coming weeks" -> point; numbers -> duration (None here)
            Some(Lex::Kw(Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::This)) => {
                let k = tok
                    .lex
                    .and_then(|l| if let Lex::Kw(k) = l { Some(k) } else { None })?;
                self.rel(j, k)
            }
            // "the night of 5-6 May", "the morning of December 4"
            Some(Lex::Part(_)) if self.kw(j + 1, Kw::Of) => self.point(j + 2, true),
            // "the weekend"
            Some(Lex::Kw(Kw::Weekend)) => {
                let sat = r.and_then(|r| resolve_weekday(r, Weekday::Sat, Mode::Plain, None));
                Some(weekend_pt(j + 1, sat))
            }
            // "the start/beginning/end/middle of X"
            Some(Lex::Kw(Kw::Start | Kw::Beginning | Kw::End | Kw::Middle))
                if self.kw(j + 1, Kw::Of) =>
            {
                let q = match tok.lex {
                    Some(Lex::Kw(Kw::End)) => Qual::End,
                    Some(Lex::Kw(Kw::Middle)) => Qual::Mid,
                    _ => Qual::Start,
                };
                let mut p = self.point(j + 2, true)?;
                apply_qual(&mut p, q);
                Some(p)
            }
            // "by the year-end", "at the year's end"
            Some(Lex::Unit(Unit::Year)) if self.year_end(j).is_some() => self.year_end(j),
            // "the first nine months of the year", "a high for the year": the
            // reference year (not "the year ending June 30", a fiscal year,
            // nor "Man of the Year", a title)
            Some(Lex::Unit(Unit::Year))
                if !ctx_ok
                    && self.is_singular(j)
                    && !tok.cap
                    && self.prev_word_in(i, &["of", "for", "during", "through", "throughout"])
                    && !(self.glued(j + 1)
                        && (self.dash(j + 1)
                            || self.punct(j + 1, '\'')
                            || self.punct(j + 1, '’')))
                    && !self.t.get(j + 1).is_some_and(|n| {
                        n.kind == TK::Word
                            && n.lex
                                .is_some_and(|l| !matches!(l, Lex::Kw(Kw::Prep | Kw::DurPre)))
                            || [
                                "ending", "ended", "ends", "when", "which", "that", "in", "before",
                                "after",
                            ]
                            .iter()
                            .any(|w| self.lower_is(j + 1, w))
                    }) =>
            {
                Some(pt_year(j + 1, r.map(|r| r.year()), true, false))
            }
            // "the year", "the month", "the week" after a qualifier ("the end of the year")
            Some(Lex::Unit(u)) if ctx_ok && self.is_singular(j) => match u {
                Unit::Year => Some(pt_year(j + 1, r.map(|r| r.year()), true, false)),
                Unit::Month => Some(pt_month(
                    j + 1,
                    r.map(|r| (r.year(), r.month())),
                    true,
                    false,
                )),
                Unit::Week => Some(pt_week(j + 1, r)),
                _ => None,
            },
            // "the summer", "the winter of 2022"
            Some(Lex::Season(s)) => self.season(
                j,
                s,
                None,
                ctx_ok
                    || self.prev_word_in(
                        i,
                        &[
                            "in",
                            "during",
                            "since",
                            "over",
                            "until",
                            "by",
                            "into",
                            "through",
                            "throughout",
                        ],
                    ),
            ),
            // "the 1990s"
            None if is_decade_word(self.text, &tok) => self.decade(j),
            _ => None,
        }
    }

    // ------------------------------------------------------------ holidays, spoken years, decades

    /// A holiday named at `i` ("Christmas", "New Year's Eve", "Orthodox
    /// Easter", "Thanksgiving Day"), with an optional year after it; without
    /// one it is placed like a month-day without a year.
    fn holiday(&self, i: usize) -> Option<Pt> {
        if !self.t[i].cap {
            return None;
        }
        for (words, rule) in HOLIDAYS.iter() {
            let mut k = i;
            let mut ok = true;
            for w in words {
                if let Some(stem) = w.strip_suffix("'s") {
                    if self.lower_is(k, stem) && self.possessive(k + 1) {
                        k += 3;
                        continue;
                    }
                } else if self.lower_is(k, w) {
                    k += 1;
                    continue;
                }
                ok = false;
                break;
            }
            if !ok {
                continue;
            }
            let mut e = k;
            if self.punct(e, ',') && self.is_year_tok(e + 1).is_some() {
                e += 1;
            }
            if let Some(y) = self.is_year_tok(e) {
                let mut p = pt_day(e + 1, rule.in_year(y), false);
                p.explicit_year = true;
                return Some(p);
            }
            let date = self
                .reference
                .and_then(|r| resolve_yearly(r, |y| rule.in_year(y), self.tense(i)));
            return Some(pt_day(k, date, true));
        }
        None
    }

    /// `Q3`, `Q3 2024`, `Q3 of 2024`: a quarter written as a code.
    fn quarter_code(&self, i: usize) -> Option<Pt> {
        let t = self.t[i];
        let b = &self.text.as_bytes()[t.s..t.e];
        if b.len() != 2 || b[0] != b'Q' || !(b'1'..=b'4').contains(&b[1]) {
            return None;
        }
        let q = (b[1] - b'0') as u32;
        let k = if self.kw(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        if let Some(y) = self.is_year_tok(k) {
            return Some(pt_quarter(k + 1, Some((y, q)), false, true));
        }
        let y = self.reference.map(|r| self.period_year(r, 3 * q - 2, 3, i));
        Some(pt_quarter(i + 1, y.map(|y| (y, q)), true, false))
    }

    /// A year said in words at `k` ("nineteen ninety-six"): (year, index after).
    fn spoken_year(&self, k: usize) -> Option<(i32, usize)> {
        let Some(Lex::NumWord(c)) = self.lex(k) else {
            return None;
        };
        // "seventeen" .. "twenty": the hundreds of years 1700–2099
        if !(17..=20).contains(&c) {
            return None;
        }
        let Some(Lex::NumWord(tens)) = self.lex(k + 1) else {
            return None;
        };
        if !(20..=90).contains(&tens) || tens % 10 != 0 {
            return None;
        }
        let mut e = k + 2;
        let mut units = 0;
        if self.dash(e) && self.glued(e) {
            if let Some(Lex::NumWord(u)) = self.lex(e + 1) {
                if (1..=9).contains(&u) {
                    units = u;
                    e += 2;
                }
            }
        } else if let Some(Lex::NumWord(u)) = self.lex(e) {
            if (1..=9).contains(&u) {
                units = u;
                e += 1;
            }
        }
        Some(((c * 100 + tens + units) as i32, e))
    }

    /// `the nineties`, `the '90s`, `the 90s`: a decade of the latest century
    /// that puts it no later than the reference's decade (value `199`).
    fn decade_word(&self, j: usize) -> Option<Pt> {
        let t = *self.t.get(j)?;
        let w = &self.text.as_bytes()[t.s..t.e];
        const NAMES: [&str; 8] = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ];
        let d = if w.len() == 3 && w[0].is_ascii_digit() && w[1] == b'0' && w[2] == b's' {
            (w[0] - b'0') as i32
        } else {
            NAMES.iter().position(|n| self.lower_is(j, n))? as i32 + 2
        };
        let ry = self.reference.map(|r| r.year()).unwrap_or(2000);
        let mut y = ry / 100 * 100 + d * 10;
        if y > ry / 10 * 10 {
            y -= 100;
        }
        let mut p = pt_year(j + 1, Some(y), true, false);
        p.value = format!("{}", y / 10);
        Some(p)
    }

    // ------------------------------------------------------------ quarters

    /// `third quarter`, `third-quarter`, `3rd quarter`, `first half` at `i`:
    /// (number, is a half, index after).
    fn nth_period(&self, i: usize) -> Option<(u32, bool, usize)> {
        let t = self.t.get(i)?;
        let n = match (t.kind, t.lex) {
            (TK::Word, Some(Lex::Nth(n))) => n,
            (TK::Ordinal, _) if t.digits == 1 && (1..=4).contains(&t.num) => t.num,
            _ => return None,
        };
        let mut j = i + 1;
        if self.dash(j) && self.glued(j) {
            j += 1;
        }
        match self.lex(j) {
            Some(Lex::Unit(Unit::Quarter)) if self.is_singular(j) => Some((n, false, j + 1)),
            Some(Lex::Kw(Kw::Half)) if n <= 2 => Some((n, true, j + 1)),
            _ => None,
        }
    }

    /// A year written after a period: `of 1984`, `of this/last/next year`:
    /// (year, index after, explicit).
    fn year_after(&self, j: usize) -> Option<(i32, usize, bool)> {
        if !self.kw(j, Kw::Of) {
            return None;
        }
        if let Some(y) = self.is_year_tok(j + 1) {
            return Some((y, j + 2, true));
        }
        // "the second half of the year": the reference year
        if self.kw(j + 1, Kw::The)
            && matches!(self.lex(j + 2), Some(Lex::Unit(Unit::Year)))
            && self.is_singular(j + 2)
            && !self.possessive(j + 3)
        {
            return Some((self.reference?.year(), j + 3, false));
        }
        let (y, e) = self.rel_year(j + 1)?;
        Some((y, e, false))
    }

    /// `this/last/next year` at `k` (reference needed): (year, index after).
    fn rel_year(&self, k: usize) -> Option<(i32, usize)> {
        let r = self.reference?;
        let d = match self.lex(k) {
            Some(Lex::Kw(Kw::This)) => 0,
            Some(Lex::Kw(Kw::Last | Kw::Past)) => -1,
            Some(Lex::Kw(Kw::Next | Kw::Coming)) => 1,
            _ => return None,
        };
        (matches!(self.lex(k + 1), Some(Lex::Unit(Unit::Year))) && self.is_singular(k + 1))
            .then_some((r.year() + d, k + 2))
    }

    /// The year of a numbered quarter or half named without one, read at
    /// token `at`: the reference year, unless the period lies wholly after
    /// the reference in a clause not about the future (last year's), or
    /// ended over three months before it in a clause about the future (next
    /// year's: "will reopen in the first quarter" in November; but "expects
    /// to report third-quarter results" in November is this year's).
    fn period_year(&self, r: NaiveDate, first_month: u32, months: u32, at: usize) -> i32 {
        let rm = r.month();
        let last_month = first_month + months - 1;
        match self.tense(at) {
            Some(Tense::Future) if last_month + 3 < rm => r.year() + 1,
            Some(Tense::Future) => r.year(),
            _ if first_month > rm => r.year() - 1,
            _ => r.year(),
        }
    }

    /// A numbered quarter or half at `i` (`third-quarter`, `the 2nd quarter
    /// of 2023`, `first half of next year`); `year` when the caller read one
    /// before it (`the 1988 second quarter`, `this year's third quarter`).
    fn quarter(&self, i: usize, year: Option<(i32, bool)>) -> Option<Pt> {
        let (n, half, mut end) = self.nth_period(i)?;
        let (y, explicit) = if let Some((y, e, ex)) = self.year_after(end) {
            end = e;
            (Some(y), ex)
        } else if self.kw(end, Kw::Of)
            && !self
                .t
                .get(end + 1)
                .is_some_and(|n| n.kind == TK::Num || (n.kind == TK::Punct && n.ch != '"'))
        {
            // "the first half of the match", "the third quarter of the game"
            // (but "a third-quarter loss of $2 million")
            return None;
        } else if let Some((y, ex)) = year {
            (Some(y), ex)
        } else {
            let months = if half { 6 } else { 3 };
            let first = if half { 6 * n - 5 } else { 3 * n - 2 };
            (
                self.reference
                    .map(|r| self.period_year(r, first, months, i)),
                false,
            )
        };
        Some(if half {
            pt_half(end, y, n, !explicit, explicit)
        } else {
            pt_quarter(end, y.map(|y| (y, n)), !explicit, explicit)
        })
    }

    /// `fiscal 1989`, `fiscal year 1990`, `the fiscal first quarter`,
    /// `fiscal-first quarter`, `fiscal 1990 first quarter`. A fiscal year is
    /// written with the calendar year that names it (TimeML).
    fn fiscal(&self, i: usize) -> Option<Pt> {
        let mut j = i + 1;
        if self.dash(j) && self.glued(j) {
            j += 1;
        }
        if matches!(self.lex(j), Some(Lex::Unit(Unit::Year))) && self.is_singular(j) {
            j += 1;
        }
        if let Some(y) = self.is_year_tok(j) {
            if let Some(p) = self.quarter(j + 1, Some((y, true))) {
                return Some(p);
            }
            return Some(pt_year(j + 1, Some(y), false, true));
        }
        self.quarter(j, None)
    }

    /// `a year ago`, `a year earlier` at `k`: index after.
    fn year_back_after(&self, k: usize) -> Option<usize> {
        (self.kw(k, Kw::A)
            && matches!(self.lex(k + 1), Some(Lex::Unit(Unit::Year)))
            && self.is_singular(k + 1)
            && (self.kw(k + 2, Kw::Ago) || self.kw(k + 2, Kw::Earlier)))
        .then_some(k + 3)
    }

    /// `year-ago`, `year-earlier` at `i` (a year before the period in
    /// question): index after.
    fn year_ago_at(&self, i: usize) -> Option<usize> {
        (matches!(self.lex(i), Some(Lex::Unit(Unit::Year)))
            && self.is_singular(i)
            && self.dash(i + 1)
            && self.glued(i + 1)
            && (self.kw(i + 2, Kw::Ago) || self.kw(i + 2, Kw::Earlier))
            && self.glued(i + 2))
        .then_some(i + 3)
    }

    /// The last quarter named before (the period a report is about), not
    /// counting comparison periods ("the year-ago quarter") nor quarters
    /// with a year of their own ("the 1988 period").
    fn quarter_anchor(&self) -> Option<(i32, u32)> {
        self.out
            .iter()
            .rev()
            .take(64)
            .filter(|m| !is_comparison(m) && !m.explicit_year)
            .find_map(|m| parse_quarter(&m.value))
    }

    /// The quarter the mention right before (durations aside) compares
    /// with: "a year earlier" after "the third quarter" is that quarter a
    /// year before; after "the year-ago quarter", that same quarter.
    fn quarter_just_before(&self) -> Option<((i32, u32), bool)> {
        self.out
            .iter()
            .rev()
            // durations aside, but not a report period of six or nine months
            // ("in the latest nine months, compared with 40% a year earlier")
            .find(|m| m.kind != MentionKind::Duration || matches!(m.value.as_str(), "P6M" | "P9M"))
            .and_then(|m| Some((parse_quarter(&m.value)?, is_comparison(m))))
    }

    /// The quarter of a report that names none: the last one named, else
    /// the last one completed before the reference.
    fn report_quarter(&self) -> Option<(i32, u32)> {
        self.quarter_anchor()
            .or_else(|| self.last_completed_quarter())
    }

    /// The last quarter that ended before the reference.
    fn last_completed_quarter(&self) -> Option<(i32, u32)> {
        self.reference.map(|r| shift_quarter(quarter_of(r), -1))
    }

    /// `year-end`, `year end`, `year's end` after a preposition of time
    /// (`by year-end`, `at the year end`, `since year-end`): the end of the
    /// reference year (of the year before after `since`), valued like `the
    /// end of the year`. Not a modifier (`year-end bonuses`).
    fn year_end(&self, k: usize) -> Option<Pt> {
        if !self.is_singular(k) {
            return None;
        }
        let e = if self.dash(k + 1)
            && self.glued(k + 1)
            && self.glued(k + 2)
            && self.kw(k + 2, Kw::End)
        {
            k + 3
        } else if self.kw(k + 1, Kw::End) && !self.glued(k + 1) {
            k + 2
        } else if self.possessive(k + 1) && self.kw(k + 3, Kw::End) {
            k + 4
        } else {
            return None;
        };
        let p = if k > 0 && self.kw(k - 1, Kw::The) {
            k - 1
        } else {
            k
        };
        if !self.prev_word_in(
            p,
            &[
                "by", "at", "before", "around", "until", "till", "toward", "towards", "near",
                "since", "after",
            ],
        ) {
            return None;
        }
        if let Some(n) = self.t.get(e) {
            if n.kind == TK::Word
                && !n.cap
                && !year_follower_ok(&self.lower_word(e).unwrap_or_default())
            {
                return None;
            }
        }
        let back = i32::from(self.prev_word_in(p, &["since"]));
        let mut pt = pt_year(e, self.reference.map(|r| r.year() - back), true, false);
        apply_qual(&mut pt, Qual::End);
        Some(pt)
    }

    /// `year-earlier`, `year-ago` as a modifier ("year-earlier profit"; with
    /// its noun: "year-ago quarter", "year-earlier period", "year-ago third
    /// quarter"): the period in question a year before: the quarter a report
    /// is about after a quarter, else the year before the reference.
    fn year_ago(&self, i: usize) -> Option<Pt> {
        let e = self.year_ago_at(i)?;
        self.after_year_ago(e, -1)
    }

    /// What follows `year-ago` / `the 1988` (the year shift or the year
    /// itself is `shift`, applied to the quarter of the report).
    fn after_year_ago(&self, e: usize, shift: i32) -> Option<Pt> {
        if let Some(p) = self.quarter(e, None) {
            // "year-ago third quarter": that quarter of the previous year.
            let (y, q) = parse_quarter(&p.value)?;
            return Some(pt_quarter(p.end, Some((y + shift, q)), true, false));
        }
        let noun_q = matches!(self.lex(e), Some(Lex::Unit(Unit::Quarter))) && self.is_singular(e);
        let noun_p = self.lower_is(e, "period");
        let end = if noun_q || noun_p { e + 1 } else { e };
        let anchor = if noun_q {
            self.report_quarter()
        } else {
            self.quarter_just_before()
                .map(|(yq, already)| if already { shift_quarter(yq, 4) } else { yq })
                .or_else(|| noun_p.then(|| self.quarter_anchor()).flatten())
        };
        match anchor {
            Some((y, q)) => Some(pt_quarter(end, Some((y + shift, q)), true, false)),
            None if noun_q => None,
            None => Some(pt_year(
                end,
                self.reference.map(|r| r.year() + shift),
                true,
                false,
            )),
        }
    }

    /// Periods of a report after `the`, `its`, `that` (`j` is the next
    /// token): `the quarter`, `the latest/current/comparable quarter`, `the
    /// year-ago quarter`, `the 1988 (second) quarter`, `the 1988 period`,
    /// `the fiscal first quarter`, `the current fiscal year`.
    fn report_period(&self, j: usize) -> Option<Pt> {
        // Cheap exit for the common case ("the government"): the first word
        // must be able to open a report period.
        let t = self.t.get(j)?;
        let opens = match (t.kind, t.lex) {
            (TK::Num | TK::Ordinal, _) => true,
            (TK::Word, Some(l)) => matches!(
                l,
                Lex::Unit(Unit::Year | Unit::Quarter)
                    | Lex::Nth(_)
                    | Lex::Kw(Kw::Fiscal | Kw::Same)
            ),
            (TK::Word, None) => matches!(t.e - t.s, 4 | 6 | 7 | 10),
            _ => false,
        };
        if !opens {
            return None;
        }
        let r = self.reference;
        let mut k = j;
        let mut latest = false;
        let mut current = false;
        for _ in 0..2 {
            if self.lower_is(k, "latest") || self.lower_is(k, "comparable") || self.kw(k, Kw::Same)
            {
                latest = true;
                k += 1;
            } else if self.lower_is(k, "most") && self.kw(k + 1, Kw::Recent) {
                latest = true;
                k += 2;
            } else if self.lower_is(k, "current") || self.lower_is(k, "present") {
                current = true;
                k += 1;
            }
        }
        if let Some(e) = self.year_ago_at(k) {
            return self.after_year_ago(e, -1);
        }
        if let Some(y) = self.is_year_tok(k) {
            // "the 1988 second quarter", "the 1988 quarter", "the 1988 period"
            if let Some(p) = self.quarter(k + 1, Some((y, true))) {
                return Some(p);
            }
            let noun_q = matches!(self.lex(k + 1), Some(Lex::Unit(Unit::Quarter)))
                && self.is_singular(k + 1);
            if noun_q || self.lower_is(k + 1, "period") {
                let q = self.quarter_anchor().map(|(_, q)| q);
                return Some(match q {
                    Some(q) => pt_quarter(k + 2, Some((y, q)), false, true),
                    None => pt_year(k + 2, Some(y), false, true),
                });
            }
            return None;
        }
        if self.kw(k, Kw::Fiscal) {
            // "the current fiscal year", "the fiscal first quarter"
            if matches!(self.lex(k + 1), Some(Lex::Unit(Unit::Year))) && self.is_singular(k + 1) {
                return (latest || current)
                    .then(|| pt_year(k + 2, r.map(|r| r.year()), true, false));
            }
            return self.fiscal(k);
        }
        if let Some(p) = self.quarter(k, None) {
            return Some(p);
        }
        let noun_q = matches!(self.lex(k), Some(Lex::Unit(Unit::Quarter))) && self.is_singular(k);
        if noun_q {
            let yq = if current {
                r.map(quarter_of)
            } else if latest {
                // "the latest quarter": one that has ended
                let done = self.last_completed_quarter();
                match (self.quarter_anchor(), done) {
                    (Some(a), Some(d)) if a <= d => Some(a),
                    (a, d) => d.or(a),
                }
            } else if let Some(q) = self
                .quarter_anchor()
                .is_none()
                .then(|| self.quarter_ending(k + 1))
                .flatten()
            {
                Some(q)
            } else {
                self.report_quarter()
            };
            // "the quarter a year ago": that quarter a year before
            if let Some(e) = self.year_back_after(k + 1) {
                return Some(pt_quarter(
                    e,
                    yq.map(|yq| shift_quarter(yq, -4)),
                    true,
                    false,
                ));
            }
            return Some(pt_quarter(k + 1, yq, true, false));
        }
        // "the latest period": the quarter a report is about, if it named one.
        if latest && self.lower_is(k, "period") {
            return self
                .quarter_anchor()
                .map(|yq| pt_quarter(k + 1, Some(yq), true, false));
        }
        None
    }

    // ------------------------------------------------------------ counts

    /// "(the quarter) ended July 31": the calendar quarter that holds most of
    /// the three months ending on that day (their middle, 45 days before it),
    /// for a report that has named no quarter yet (a fiscal quarter named by
    /// its number keeps its number).
    fn quarter_ending(&self, k: usize) -> Option<(i32, u32)> {
        if !["ended", "ending", "ends", "end"]
            .iter()
            .any(|w| self.lower_is(k, w))
        {
            return None;
        }
        let day = self
            .point(k + 1, true)
            .filter(|p| p.precision == DatePrecision::Day && !p.value.ends_with("_REF"))?;
        Some(quarter_of(add_days(day.date?, -45)?))
    }

    /// A count before a unit: `3`, `three`, `a`, `a few`, `several`, `a couple of`.
    /// Returns (count, is_vague, index of the unit token).
    fn count(&self, i: usize) -> Option<(u32, bool, usize)> {
        let t = *self.t.get(i)?;
        match (t.kind, t.lex) {
            (TK::Num, _) => {
                if t.digits > 3 || t.num == 0 {
                    return None;
                }
                if i > 0
                    && self.glued(i)
                    && self.t[i - 1].kind == TK::Punct
                    && matches!(self.t[i - 1].ch, ',' | '.' | '-')
                {
                    return None;
                }
                // "60-day"
                let k = if self.dash(i + 1) && self.glued(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                Some((t.num, false, k))
            }
            (TK::Word, Some(Lex::NumWord(n))) => {
                // "twenty-four", "forty five"
                let mut n = n;
                let mut k = i + 1;
                if self.dash(k) {
                    if let Some(Lex::NumWord(u)) = self.lex(k + 1) {
                        if n >= 20 && u < 10 {
                            n += u;
                            k += 2;
                        }
                    }
                } else if let Some(Lex::NumWord(u)) = self.lex(k) {
                    if n >= 20 && u < 10 {
                        n += u;
                        k += 1;
                    }
                }
                if self.dash(k) && self.glued(k) {
                    k += 1;
                }
                Some((n, false, k))
            }
            (TK::Word, Some(Lex::Kw(Kw::A))) => {
                if self.kw(i + 1, Kw::Few) {
                    Some((3, true, i + 2))
                } else if self.kw(i + 1, Kw::Couple) {
                    let k = if self.kw(i + 2, Kw::Of) { i + 3 } else { i + 2 };
                    Some((2, false, k))
                } else {
                    Some((1, false, i + 1))
                }
            }
            (TK::Word, Some(Lex::Kw(Kw::Several | Kw::Few))) => Some((3, true, i + 1)),
            _ => None,
        }
    }

    /// `two days ago`, `a week ago`, `three days earlier`, `a day later`.
    fn ago(&self, i: usize) -> Option<Pt> {
        let (n, vague, k) = self.count(i)?;
        let unit = match self.lex(k) {
            Some(Lex::Unit(u)) => u,
            _ => return None,
        };
        let after = k + 1;
        let mut end = after + 1;
        let (base, sign) = if self.kw(after, Kw::Ago) {
            (self.reference, -1i64)
        } else if self.lower_is(after, "from")
            && (self.kw(after + 1, Kw::Now) || self.kw(after + 1, Kw::Today))
        {
            // "two weeks from now", "a year from today"
            end = after + 2;
            (self.reference, 1)
        } else if self.kw(after, Kw::Earlier) {
            (self.anchor().map(|a| a.0), -1)
        } else if self.kw(after, Kw::Later) {
            (self.anchor().map(|a| a.0), 1)
        } else {
            return None;
        };
        let n = n as i64;
        // "a year ago/earlier" right after a quarter: that quarter a year before.
        if unit == Unit::Year && n == 1 && !vague && sign < 0 {
            if let Some(((y, q), already)) = self.quarter_just_before() {
                let y = if already { y } else { y - 1 };
                return Some(pt_quarter(end, Some((y, q)), true, false));
            }
        }
        let mut p = match unit {
            Unit::Minute | Unit::Hour => pt_day(end, base, true),
            Unit::Day if !vague => pt_day(end, base.and_then(|b| add_days(b, sign * n)), true),
            Unit::Day => pt_week(end, base.and_then(|b| add_days(b, sign * n))),
            Unit::Week | Unit::Fortnight => {
                let w = if unit == Unit::Fortnight { 2 * n } else { n };
                pt_week(end, base.and_then(|b| add_days(b, sign * 7 * w)))
            }
            Unit::Month => {
                let ym = base.map(|b| add_months(b.year(), b.month(), (sign * n) as i32));
                pt_month(end, ym, true, false)
            }
            Unit::Quarter => pt_quarter(
                end,
                base.map(|b| shift_quarter(quarter_of(b), (sign * n) as i32)),
                true,
                false,
            ),
            Unit::Year => pt_year(end, base.map(|b| b.year() + (sign * n) as i32), true, false),
            Unit::Decade => pt_year(
                end,
                base.map(|b| b.year() + (sign * 10 * n) as i32),
                true,
                false,
            ),
        };
        // "a few years ago", "several weeks ago": TimeML PAST_REF (the date stays).
        if vague && sign < 0 && self.kw(after, Kw::Ago) {
            p.value = "PAST_REF".into();
        }
        Some(p)
    }

    /// Durations: `for eight hours`, `the past three years`, `two weeks`, `a 60-day assault`.
    fn duration(&self, i: usize) -> Option<Pt> {
        let mut j = i;
        let mut pre = false;
        if self.kw(j, Kw::The) {
            j += 1;
        }
        while matches!(
            self.lex(j),
            Some(Lex::Kw(
                Kw::DurPre | Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Few
            )) | Some(Lex::Nth(1))
        ) && j < i + 3
        {
            pre = true;
            j += 1;
        }
        if j > i && !pre {
            return None; // "the" alone does not start a duration
        }
        let (n, vague, k) = self.count(j)?;
        // "a week" without a lead-in word is too weak ("a day of mourning").
        if !pre && matches!(self.lex(j), Some(Lex::Kw(_))) {
            return None;
        }
        let unit = match self.lex(k) {
            Some(Lex::Unit(u)) => u,
            _ => return None,
        };
        // "three quarters of the vote" is a share, not a time.
        if unit == Unit::Quarter && self.kw(k + 1, Kw::Of) {
            return None;
        }
        // Ages are not durations: "a 46-year-old man", "36 years old".
        let old_at = if self.dash(k + 1) { k + 2 } else { k + 1 };
        if self.lower_is(old_at, "old") {
            return None;
        }
        let q = if vague {
            "X".to_string()
        } else {
            n.to_string()
        };
        let (value, precision) = match unit {
            Unit::Minute => (format!("PT{q}M"), DatePrecision::Day),
            Unit::Hour => (format!("PT{q}H"), DatePrecision::Day),
            Unit::Day => (format!("P{q}D"), DatePrecision::Day),
            Unit::Week => (format!("P{q}W"), DatePrecision::Week),
            Unit::Fortnight => (
                if vague {
                    "PXW".into()
                } else {
                    format!("P{}W", 2 * n)
                },
                DatePrecision::Week,
            ),
            Unit::Month => (format!("P{q}M"), DatePrecision::Month),
            Unit::Quarter => (
                if vague {
                    "PXQ".into()
                } else {
                    format!("P{}M", 3 * n)
                },
                DatePrecision::Month,
            ),
            Unit::Year => (format!("P{q}Y"), DatePrecision::Year),
            Unit::Decade => (
                if vague {
                    "PXDE".into()
                } else {
                    format!("P{}Y", 10 * n)
                },
                DatePrecision::Year,
            ),
        };
        Some(Pt {
            end: k + 1,
            value,
            precision,
            date: None,
            relative: false,
            explicit_year: false,
        })
    }
}

fn weekend_pt(end: usize, sat: Option<NaiveDate>) -> Pt {
    // TimeML writes a weekend as `2024-W45-WE`; the representative date is its Saturday.
    Pt {
        end,
        value: sat
            .map(|d| format!("{}-WE", week_value(d)))
            .unwrap_or_else(|| "XXXX-WXX-WE".into()),
        precision: DatePrecision::Week,
        date: sat,
        relative: true,
        explicit_year: false,
    }
}

/// Narrow a month or year by a qualifier: the representative date moves to
/// the start of the named part (early → 1st, mid → 11th, late → 21st of a
/// month; early → Jan 1, mid → May 1, late → Sep 1 of a year); "the start/end
/// of YEAR" becomes the first/last month. Days and weeks are unchanged.
fn apply_qual(p: &mut Pt, q: Qual) {
    let Some(d) = p.date else {
        return;
    };
    match p.precision {
        DatePrecision::Month => {
            let day = match q {
                Qual::Early | Qual::Start | Qual::Vague => 1,
                Qual::Mid => 11,
                Qual::Late | Qual::End => 21,
            };
            p.date = d.with_day(day);
        }
        // TimeML keeps the year as the value of "the end of 2023" (with a
        // modifier it has no place for here); the date narrows to the month.
        DatePrecision::Year if p.value.len() == 4 => match q {
            Qual::Start => {
                p.precision = DatePrecision::Month;
            }
            Qual::End => {
                p.precision = DatePrecision::Month;
                p.date = d.with_month(12);
            }
            Qual::Mid => p.date = d.with_month(5),
            Qual::Late => p.date = d.with_month(9),
            Qual::Early | Qual::Vague => {}
        },
        _ => {}
    }
}

/// `YYYY-MM-DD` (also `/` and `.`), `DD.MM.YYYY`, `DD-MM-YYYY`, `MM/DD/YYYY`
/// at byte `s`; returns the date and the end byte.
pub(crate) fn parse_numeric_date(b: &[u8], s: usize) -> Option<(NaiveDate, usize)> {
    let digits = |p: usize| {
        b[p.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let num = |p: usize, n: usize| -> u32 {
        b[p..p + n]
            .iter()
            .fold(0u32, |a, c| a * 10 + (c - b'0') as u32)
    };
    let n1 = digits(s);
    let sep = *b.get(s + n1)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let p2 = s + n1 + 1;
    let n2 = digits(p2);
    if n2 == 0 || n2 > 2 || b.get(p2 + n2) != Some(&sep) {
        return None;
    }
    let p3 = p2 + n2 + 1;
    let n3 = digits(p3);
    let (a, m2, c) = (
        num(s, n1.min(4)),
        num(p2, n2),
        if n3 > 0 && n3 <= 4 { num(p3, n3) } else { 0 },
    );
    let (y, m, d) = if n1 == 4 && (1..=2).contains(&n3) {
        (a as i32, m2, c)
    } else if (1..=2).contains(&n1) && n3 == 4 {
        if sep == b'/' && a <= 12 {
            (c as i32, a, m2) // US month/day/year, unless the first number cannot be a month
        } else {
            (c as i32, m2, a) // day first
        }
    } else {
        return None;
    };
    if !(1800..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, p3 + n3))
}

/// `hh:mm[:ss[.fff]][Z|±hh[:mm]]` at byte `p`; returns the end byte.
pub(crate) fn parse_time(b: &[u8], p: usize) -> Option<usize> {
    let two = |q: usize| {
        b.get(q..q + 2)
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if !two(p) || b.get(p + 2) != Some(&b':') || !two(p + 3) {
        return None;
    }
    let mut e = p + 5;
    if b.get(e) == Some(&b':') && two(e + 1) {
        e += 3;
        if b.get(e) == Some(&b'.') {
            let n = b[e + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n > 0 {
                e += 1 + n;
            }
        }
    }
    match b.get(e) {
        Some(b'Z') | Some(b'z') => e += 1,
        Some(b'+') | Some(b'-') if two(e + 1) => {
            e += 3;
            if b.get(e) == Some(&b':') && two(e + 1) {
                e += 3;
            } else if two(e) {
                e += 2;
            }
        }
        _ => {}
    }
    Some(e)
}
