//! # sitrep-dates
//!
//! Finds date expressions in English news text and resolves them against the
//! article's reference (publication) date, with a precision and a TimeML-style
//! value: explicit dates (`2024-11-06`, `December 21, 2023`, `Dec. 4`,
//! `21-22 December`), weekdays (`on Wednesday`, `last Saturday`), deictic
//! phrases (`yesterday`, `overnight`, `last week`, `this month`, `two days
//! ago`), coarse periods (`in 2014`, `in March`, `early 2022`, `the 1990s`),
//! `since ...` starts and durations (`for eight hours`, `the past three years`).
//!
//! ```
//! use chrono::NaiveDate;
//! use sitrep_dates::{find_dates, DatePrecision, MentionKind};
//!
//! let published = NaiveDate::from_ymd_opt(2024, 11, 7); // a Thursday
//! let text = "The attack began early on Wednesday at 6 a.m. and lasted for eight hours.";
//! let found = find_dates(text, published);
//! assert_eq!(found[0].value, "2024-11-06");
//! assert_eq!(found[0].precision, DatePrecision::Day);
//! assert!(found[0].relative);
//! assert_eq!(&text[found[0].start..found[0].end], "early on Wednesday");
//! assert_eq!(found[1].kind, MentionKind::Duration);
//! assert_eq!(found[1].value, "PT8H");
//!
//! // The publication date stated in the article's own header.
//! let (date, span) = sitrep_dates::published_from_text("Today : Dec 23, 2024\nWorld News").unwrap();
//! assert_eq!(date, NaiveDate::from_ymd_opt(2024, 12, 23).unwrap());
//! assert_eq!(span, 0..20);
//! ```
//!
//! Design: a single linear pass over a token stream (see `lex` and
//! `grammar`); only numbers and words of the date vocabulary start a match
//! attempt, and every rule reads a bounded number of tokens. No regexes.
//!
//! Conventions (TimeML values, as in TimeBank/TempEval-3, where they exist):
//! - A weekday, month, month-day or season without a year is placed by the
//!   tense of its clause (`data/tense_cues.tsv`: modals, verbs of planning
//!   and scheduling, past forms): on or before the reference date in a past
//!   clause, on or after it in a future one (`will meet on Friday`,
//!   `expires Dec. 15`). Without a cue a weekday is on or before the
//!   reference (news convention: "on Wednesday" in an article of Thursday is
//!   the day before; in an article of Wednesday the day itself); a month-day
//!   or month is the nearer of its two occurrences, looking at most 90 days
//!   (a month: three months) ahead. `last X` is strictly before, `next X`
//!   strictly after; `this March`, `this summer` are the reference year's.
//!   With a reference date a month-day is always resolved (never null).
//!   A month-day or month that modifies the noun after it (`the Nov. 1
//!   deadline`, `for December deliveries`) ignores the clause's tense and is
//!   the nearer occurrence. Modals (`would`, `could`, `may`; not `would
//!   have`) and `is/are to` look ahead like `will`; a participle after a
//!   present `is/are` is no past cue. A date right after `since` (`since
//!   December`, `since mid-January`) lies on or before the reference.
//! - Two days joined by `and`/`or`/`to`/`through` are two mentions, one per
//!   day (`April 24 and 25`, `12 and 13 June`); a dash range (`21-22
//!   December`) stays one. `the week of March 6` is that day's ISO week. A
//!   weekday with a part of the day before an explicit date is one mention
//!   (`Tuesday morning, November 19`).
//! - `by year-end`, `the year's end` keep the reference year as the value
//!   (like `the end of the year`); `the year` after `of/for/during` is the
//!   reference year.
//! - Representative dates (`date`): the day; Monday of the ISO week (a
//!   weekend: its Saturday; `the first week of March`: March 1); the 1st of
//!   the month, quarter (`2024-Q3`) or half year (`2024-H1`); Jan 1 of the
//!   year ([`DateMention::midpoint`] gives the middle instead: Thursday,
//!   the 15th, July 1). A qualifier moves it to the named part:
//!   `early/mid/late March` → 1st, 11th, 21st; `early/mid/late 2022` → Jan
//!   1, May 1, Sep 1. `the start/end of 2023` keep the year as value (TimeML)
//!   and become month precision (January 1, December 1).
//! - Quarters of a report: `the quarter` is the last quarter named (not a
//!   comparison period), else the last one completed; `the year-ago
//!   quarter`, and `a year ago/earlier` right after a quarter, are that
//!   quarter a year before. A numbered quarter without a year is the
//!   reference year's, unless it lies after the reference in a clause not
//!   about the future (then last year's). `fiscal 1989` is `1989`. `the
//!   quarter ended July 31`, in a report that named no quarter, is the
//!   calendar quarter holding most of it (`Q2`). `last/this/next quarter`
//!   are next to the reference's quarter; `the last quarter of 1997` is Q4.
//! - Vague references have TimeML's values and no date: `now`, `currently`
//!   → `PRESENT_REF`; `recently`, `the past` → `PAST_REF`; `the (near)
//!   future`, `soon` in a future clause, `at a later date` → `FUTURE_REF`. `in recent weeks` and `a few years ago` are
//!   `PAST_REF` too but keep the reference's week / that year as their date
//!   ([`DateMention::is_vague_ref`]).
//! - Anaphoric phrases (`the day before`, `the next day`, `two days later`,
//!   `that day`, `the following year`, `later that month`) count from the
//!   last mention before them precise enough for their unit, else from the
//!   reference date. Relative phrases never read the clock.

mod grammar;
mod lex;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::ops::Range;

/// The `chrono` version this crate's dates use.
pub use chrono;
pub use sitrep_model::DatePrecision;

/// What a date mention denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A point or period in time: `on Wednesday`, `last month`, `in 2014`.
    Point,
    /// The start of an open period: `since the start of 2023`, `since February 2022`.
    Since,
    /// A length of time: `for eight hours`, `the past three years`. No date.
    Duration,
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the first byte in the text passed in.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Surface text, `&text[start..end]`.
    pub text: String,
    /// TimeML-style value: `2024-11-06`, `2024-W45`, `2024-11`, `2024`, `199`
    /// (a decade), `19` (a century, the 1900s), `XXXX-12-04` (year unknown), `P3Y`/`PT8H` (durations),
    /// `2024-W45-WE` (a weekend), `2022-SU` (a season), `2024-Q3` (a
    /// quarter), `2024-H1` (a half year), `PAST_REF`/`PRESENT_REF`/`FUTURE_REF`
    /// (see [`DateMention::is_vague_ref`]). For `Since`, the value of the start.
    pub value: String,
    pub precision: DatePrecision,
    /// A representative day (see the crate docs); `None` when unresolvable or a duration.
    pub date: Option<NaiveDate>,
    /// Resolved against the reference date (true) or explicit in the text (false).
    pub relative: bool,
    /// The text wrote the year.
    pub explicit_year: bool,
    pub kind: MentionKind,
}

impl DateMention {
    /// First and last day of the period the mention stands for (from the
    /// representative date to the end of its day/week/month/year/decade).
    pub fn window(&self) -> Option<(NaiveDate, NaiveDate)> {
        let d = self.date?;
        let last = match self.precision {
            DatePrecision::Day => d,
            DatePrecision::Week if self.value.ends_with("-WE") => d + Duration::days(1),
            DatePrecision::Week => {
                d + Duration::days(6 - d.weekday().num_days_from_monday() as i64)
            }
            // A quarter (`2024-Q3`) or half (`2024-H1`): three or six months.
            DatePrecision::Month
                if self.value.len() == 7 && matches!(&self.value[4..6], "-Q" | "-H") =>
            {
                let months = if &self.value[4..6] == "-Q" { 3 } else { 6 };
                let end = d.checked_add_months(chrono::Months::new(months))?;
                end.pred_opt()?
            }
            DatePrecision::Month => NaiveDate::from_ymd_opt(
                d.year(),
                d.month(),
                grammar::days_in_month(d.year(), d.month()),
            )?,
            DatePrecision::Year if self.value.len() == 3 => {
                NaiveDate::from_ymd_opt(d.year() + 9, 12, 31)?
            }
            // a century (`19`: the 1900s)
            DatePrecision::Year if self.value.len() == 2 => {
                NaiveDate::from_ymd_opt(d.year() + 99, 12, 31)?
            }
            DatePrecision::Year => NaiveDate::from_ymd_opt(d.year(), 12, 31)?,
        };
        Some((d, last))
    }
}

impl DateMention {
    /// A reference to the past, present or future as a whole ("recently",
    /// "now", "in the future": TimeML `PAST_REF`, `PRESENT_REF`,
    /// `FUTURE_REF`). Such a mention may carry a representative date ("in
    /// recent weeks": the reference's week) or none ("now").
    pub fn is_vague_ref(&self) -> bool {
        self.value.ends_with("_REF")
    }

    /// The middle of [`window`](Self::window), for matching coarse dates:
    /// the day itself; Thursday of a week (Saturday of a weekend); the 15th
    /// of a whole month; July 1 of a whole year; else the middle day.
    pub fn midpoint(&self) -> Option<NaiveDate> {
        let (a, b) = self.window()?;
        Some(match self.precision {
            DatePrecision::Day => a,
            DatePrecision::Month if a.day() == 1 => a.with_day(15)?,
            DatePrecision::Year if a.ordinal() == 1 && self.value.len() == 4 => a.with_month(7)?,
            _ => a + Duration::days((b - a).num_days() / 2),
        })
    }
}

/// Find and resolve all date mentions in `text`, in text order, without overlaps.
///
/// `reference` is the publication date; without it relative expressions get
/// `date: None` (a month-day keeps its TimeML value `XXXX-MM-DD`).
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
    grammar::find(text, reference)
}

/// A text tokenized once for [`find_dates`] with several references: an article
/// without a publication date has its dates found unresolved first (to infer
/// one), then again with the inferred date; tokenizing took about a third of
/// date finding (callgrind, news-en).
pub struct DateText<'a> {
    text: &'a str,
    toks: Vec<lex::Tok>,
}

impl<'a> DateText<'a> {
    pub fn new(text: &'a str) -> DateText<'a> {
        DateText {
            text,
            toks: lex::tokenize(text),
        }
    }
    /// The same as `find_dates(text, reference)`.
    pub fn find_dates(&self, reference: Option<NaiveDate>) -> Vec<DateMention> {
        grammar::find_in(self.text, &self.toks, reference)
    }
}

/// The most specific `Point` mention lying inside the byte span
/// `start..end` (finer precision first; among equal precision a resolved date
/// beats an unresolved one; remaining ties go to the first in the text).
pub fn resolve_in_span(mentions: &[DateMention], start: usize, end: usize) -> Option<&DateMention> {
    let mut best: Option<&DateMention> = None;
    for m in mentions {
        if m.kind != MentionKind::Point || m.start < start || m.end > end || m.is_vague_ref() {
            continue;
        }
        let key = |m: &DateMention| (m.precision, m.date.is_none());
        if best.is_none_or(|b| key(m) < key(b)) {
            best = Some(m);
        }
    }
    best
}

/// True when an explicit date contradicts the reference date.
///
/// The rule, applied only to `Point`/`Since` mentions of day precision whose
/// year the text wrote (relative mentions are derived from the reference and
/// cannot contradict it):
/// 1. the date lies more than one day after the reference (a past-tense
///    report cannot be dated in the future; one day of slack for time zones);
/// 2. the mention names a weekday that the date does not fall on
///    (`Wednesday, December 5, 2024`);
/// 3. a stale year: the date is 300–430 days before the reference while the
///    same month and day in the reference's year falls 0–10 days before it
///    (`On December 21, 2023` in an article of 2024-12-23: a recent event
///    written with last year's number). [`date_in_reference_year`] gives the
///    likely intended date.
pub fn conflicts_with_reference(m: &DateMention, reference: NaiveDate) -> bool {
    if m.kind == MentionKind::Duration
        || !m.explicit_year
        || m.relative
        || m.precision != DatePrecision::Day
    {
        return false;
    }
    let Some(d) = m.date else {
        return false;
    };
    if d > reference + Duration::days(1) {
        return true;
    }
    if let Some(wd) = named_weekday(&m.text) {
        if wd != d.weekday() {
            return true;
        }
    }
    let age = (reference - d).num_days();
    if (300..=430).contains(&age) {
        if let Some(same) = NaiveDate::from_ymd_opt(reference.year(), d.month(), d.day()) {
            let lag = (reference - same).num_days();
            if (0..=10).contains(&lag) {
                return true;
            }
        }
    }
    false
}

/// The mention's month and day placed in the latest year that puts it on or
/// before the reference date (the reading the article most likely meant when
/// [`conflicts_with_reference`] flags a stale year). `None` for mentions
/// without a date or coarser than a day.
pub fn date_in_reference_year(m: &DateMention, reference: NaiveDate) -> Option<NaiveDate> {
    let d = m.date?;
    if m.precision != DatePrecision::Day {
        return None;
    }
    (0..8).find_map(|k| {
        NaiveDate::from_ymd_opt(reference.year() - k, d.month(), d.day())
            .filter(|x| *x <= reference)
    })
}

/// The weekday a mention's text names (`Tuesday 30 July` → Tuesday), if any.
pub fn named_weekday(text: &str) -> Option<Weekday> {
    lex::tokenize(text).iter().find_map(|t| match t.lex {
        Some(lex::Lex::Weekday(w)) if t.cap => Some(w),
        _ => None,
    })
}

/// Header keywords that introduce a publication date, lower case, longest first.
const HEADER_KEYS: &[&str] = &[
    "publication date",
    "first published on",
    "first published",
    "last updated on",
    "last updated",
    "last modified",
    "published on",
    "published",
    "updated on",
    "updated",
    "posted on",
    "posted",
    "dated",
    "date",
    "today",
];

/// Words allowed after a date on a date-only header line (times, zones).
fn time_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "am" | "pm"
            | "a"
            | "p"
            | "m"
            | "gmt"
            | "utc"
            | "est"
            | "edt"
            | "cet"
            | "cest"
            | "bst"
            | "et"
            | "pt"
            | "pst"
            | "pdt"
            | "msk"
            | "eet"
            | "eest"
            | "ist"
            | "local"
            | "time"
            | "at"
            | "z"
            | "h"
            | "hrs"
    )
}

/// Publication date stated by the article's own header lines: ` date
/// 2024-11-07 ...`, `Today : Dec 23, 2024`, `Published: 7 November 2024`,
/// `Updated ...`, a line holding only a date (`23 December 2024`), or a
/// dateline with a year (`KYIV, Nov 7, 2024 (Reuters) -`). Only lines that
/// start in the first 600 bytes (at most 10 lines) are read; the date must
/// have an explicit year. Returns the date and the byte span of the header
/// token (keyword through date; for a dateline only its date, as the place
/// is content) so the cleaner can drop it.
///
/// A dateline without a year (`KYIV, Nov 7 (Reuters) -`) cannot give a
/// date on its own and returns `None`.
pub fn published_from_text(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let mut line_start = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n >= 10 || line_start >= 600 {
            break;
        }
        let found = header_line(text, line_start, line);
        if found.is_some() {
            return found;
        }
        line_start += line.len();
    }
    None
}

/// `s` cut to at most `n` bytes, at a whitespace (or char) boundary.
fn head(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut cut = n;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    match s[..cut].rfind(char::is_whitespace) {
        Some(w) if w > 0 => &s[..w],
        _ => &s[..cut],
    }
}

/// `s` holds only clock times, zones and punctuation ("10:30 GMT", "at 9 am |").
fn only_time(s: &str) -> bool {
    lex::tokenize(s).iter().all(|t| match t.kind {
        lex::TK::Num | lex::TK::Punct => true,
        lex::TK::Ordinal => false,
        lex::TK::Word => time_word(&s[t.s..t.e]),
    })
}

/// Keywords that may introduce a publication date in the middle of a header
/// line ("By Jane Doe | Updated Nov 7, 2024").
const MID_LINE_KEYS: &[&str] = &["published", "updated", "posted"];

fn header_line(text: &str, line_start: usize, line: &str) -> Option<(NaiveDate, Range<usize>)> {
    let body = line.trim_end();
    let lead = body.len() - body.trim_start().len();
    let ls = line_start + lead;
    let trimmed = &body[lead..];
    if trimmed.is_empty() {
        return None;
    }
    let full_date = |m: &DateMention| {
        m.kind == MentionKind::Point
            && m.explicit_year
            && m.precision == DatePrecision::Day
            && m.date.is_some()
    };
    // The first full date in `s`, if only times stand before it ("10:23 AM EST, Nov 7, 2024").
    let date_after_times = |s: &str| {
        find_dates(head(s, 64), None)
            .into_iter()
            .find(|m| full_date(m))
            .filter(|m| only_time(&s[..m.start]))
    };
    // 1. keyword at the line start + date: "Published: 7 November 2024"
    let lower: String = trimmed
        .chars()
        .take(24)
        .collect::<String>()
        .to_ascii_lowercase();
    for key in HEADER_KEYS {
        if !lower.starts_with(key) {
            continue;
        }
        let after = &trimmed[key.len()..];
        if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        let pos = ls + key.len();
        let m = date_after_times(&text[pos..line_start + body.len()])?;
        return Some((m.date?, ls..pos + m.end));
    }
    let start_part = head(trimmed, 100);
    // 2. keyword inside a short header line: "By Jane Doe | Updated Nov 7, 2024"
    if trimmed.len() <= 200 {
        let lower = start_part.to_ascii_lowercase();
        for key in MID_LINE_KEYS {
            let Some(k) = lower.find(key) else { continue };
            let boundary_before = k == 0 || !lower.as_bytes()[k - 1].is_ascii_alphanumeric();
            let after = &start_part[k + key.len()..];
            if !boundary_before || after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            let after = after.strip_prefix(" on").unwrap_or(after);
            let pos = ls + (start_part.len() - after.len());
            if let Some(m) = date_after_times(after) {
                return Some((m.date?, ls + k..pos + m.end));
            }
        }
    }
    // Only the start of a line can hold a date line, a dateline or a byline date.
    let ms = find_dates(start_part, None);
    let m = ms.first().filter(|m| full_date(m))?;
    let after = &trimmed[m.end..];
    // 3. a line holding only a date (and maybe a time)
    if m.start == 0 {
        if after.len() <= 40 && only_time(after) {
            return Some((m.date?, ls..ls + m.end));
        }
        return None;
    }
    let prefix = trimmed[..m.start].trim_end();
    // 4. dateline: "KYIV, Nov 7, 2024 (Reuters) -"
    let first_word: String = prefix.chars().take_while(|c| c.is_alphabetic()).collect();
    let place_ok = prefix.ends_with(',')
        && prefix.len() <= 60
        && first_word.chars().count() >= 3
        && first_word.chars().all(|c| c.is_uppercase());
    if place_ok {
        let mut rest = after.trim_start();
        if rest.starts_with('(') {
            let close = rest.find(')')?;
            rest = rest[close + 1..].trim_start();
        }
        if rest.starts_with(['-', '–', '—', ':']) {
            // Only the date itself: the place of the dateline is content.
            return Some((m.date?, ls + m.start..ls + m.end));
        }
        return None;
    }
    // 5. byline with a date: "By Jane Doe | Nov 7, 2024", "AP · 7 November 2024 10:30"
    let byline = prefix.len() <= 60
        && (prefix.contains(['|', '·', '•'])
            || prefix
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case("by ")));
    if byline && after.len() <= 40 && only_time(after) {
        return Some((m.date?, ls + m.start..ls + m.end));
    }
    None
}

/// The number (1–12) of an English month name, full or abbreviated to three
/// letters (`"Sept"` too), in any case.
///
/// ```
/// assert_eq!(sitrep_dates::month_number("Sept"), Some(9));
/// assert_eq!(sitrep_dates::month_number("DECEMBER"), Some(12));
/// assert_eq!(sitrep_dates::month_number("Decem"), None);
/// ```
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    lex::MONTH_NAMES
        .iter()
        .position(|full| n == *full || n == full[..3] || (*full == "september" && n == "sept"))
        .map(|i| i as u32 + 1)
}

/// Publication date written into an article URL: `/2018/04/05/`,
/// `/2018/apr/05/`, `/2018-04-05/`, or an 8-digit `YYYYMMDD` run
/// (`/20180401-270851`, `t20180406_800125745.html`). Years 1990–2100 only;
/// a year and month without a day (`/2018/04/slug`) give `None`.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    // Path segments: consecutive year / month / day.
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let segs: Vec<&str> = path.split('/').collect();
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    };
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    for w in segs.windows(3) {
        let Some(y) = year(w[0]) else { continue };
        let m = if small(w[1]) {
            w[1].parse::<u32>().ok()
        } else {
            lex::tokenize(w[1]).first().and_then(|t| match t.lex {
                Some(lex::Lex::Month(m)) if t.e == w[1].len() => Some(m),
                _ => None,
            })
        };
        if let (Some(m), true) = (m, small(w[2])) {
            if let Some(d) = NaiveDate::from_ymd_opt(y, m, w[2].parse().ok()?) {
                return Some(d);
            }
        }
    }
    // ISO dates and 8-digit runs anywhere in the path.
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            if let Some((d, _)) = grammar::parse_numeric_date(b, i) {
                if (1990..=2100).contains(&d.year()) {
                    return Some(d);
                }
            }
        }
        if run == 8 {
            let s = &path[i..i + 8];
            let (y, m, d) = (
                s[..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..].parse().ok()?,
            );
            if (1990..=2100).contains(&y) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(date);
                }
            }
        }
        i += run;
    }
    None
}

/// Parse a metadata date string: ISO 8601 with or without time and zone
/// (the calendar date as written is returned, no zone conversion), RFC 2822
/// / RSS (`Thu, 07 Nov 2024 10:00:00 +0000`), `Dec 23, 2024`, `23 December
/// 2024`, `2024/11/07`, `07.11.2024` (day first), `11/07/2024` (US month
/// first unless the first number exceeds 12), `20241107`.
pub fn parse_date_str(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    // Compact ISO basic format.
    let nd = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if nd == 8 && (b.len() == 8 || matches!(b[8], b'T' | b't' | b' ')) {
        let y: i32 = s[0..4].parse().ok()?;
        let m: u32 = s[4..6].parse().ok()?;
        let d: u32 = s[6..8].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if nd > 0 {
        if let Some((d, _)) = grammar::parse_numeric_date(b, 0) {
            return Some(d);
        }
    }
    find_dates(s, None)
        .into_iter()
        .find(|m| {
            m.kind == MentionKind::Point && m.explicit_year && m.precision == DatePrecision::Day
        })
        .and_then(|m| m.date)
}
