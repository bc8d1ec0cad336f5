//! Parsing the date strings found in page metadata.
//!
//! Metadata dates are machine-written, so the accepted shapes are the ones
//! publishing systems emit: ISO 8601 (`2024-11-07`, `2024-11-07T10:00:00+02:00`,
//! `20241107`), `07.11.2024`, RFC 2822 (`Thu, 07 Nov 2024 10:00:00 GMT`),
//! English month names (`November 7, 2024`, `7 Nov 2024`) and Unix
//! timestamps. The calendar date is taken as written (the publisher's local
//! date); no time-zone conversion.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Earliest and latest year accepted (anything else is a template default or noise).
const MIN_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])").unwrap());
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:$|[T\sZ+-])").unwrap());
static DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})(?:$|[^\d])").unwrap());
static EPOCH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{9,10})(\d{3})?$").unwrap());
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").unwrap()
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b").unwrap()
});
/// `/2024/11/07/`, `/2024-11-07/`, `/20241107/` in a URL path.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2]|[1-9])[/-]?(0[1-9]|[12]\d|3[01]|[1-9])(?:/|[-_.]|$)",
    )
    .unwrap()
});

/// `/2019/nov/18/` (month name in the path).
static URL_MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/((?:19|20)\d{2})/([a-z]{3,9})/(0?[1-9]|[12]\d|3[01])(?:/|$)").unwrap()
});

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// Parses one metadata date value; `None` when it is not a recognisable date.
///
/// ```
/// use chrono::NaiveDate;
/// use sitrep_html::parse_date;
/// let d = NaiveDate::from_ymd_opt(2024, 11, 7);
/// assert_eq!(parse_date("2024-11-07T23:30:00-05:00"), d);
/// assert_eq!(parse_date("Thu, 07 Nov 2024 10:00:00 GMT"), d);
/// assert_eq!(parse_date("November 7, 2024"), d);
/// assert_eq!(parse_date("07.11.2024"), d);
/// assert_eq!(parse_date("soon"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(c) = ISO.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = COMPACT.captures(s) {
        if let Some(d) = ymd(&c[1], &c[2], &c[3]) {
            return Some(d);
        }
    }
    if let Some(c) = EPOCH.captures(s) {
        let secs: i64 = c[1].parse().ok()?;
        let d = chrono::DateTime::from_timestamp(secs, 0)?.date_naive();
        return (d.year_ok()).then_some(d);
    }
    if let Some(c) = DMY.captures(s) {
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        // Dots and dashes are day-first everywhere they are used; a slash
        // is month-first in the US, so take it only when unambiguous.
        let (day, month) = match &c[2] {
            "/" if a > 12 => (a, b),
            "/" if b > 12 => (b, a),
            "/" => return None,
            _ => (a, b),
        };
        return ymd(&c[4], &month.to_string(), &day.to_string());
    }
    if let Some(c) = DAY_FIRST.captures(s) {
        if let Some(m) = sitrep_dates::month_number(&c[2]) {
            return ymd(&c[3], &m.to_string(), &c[1]);
        }
    }
    if let Some(c) = MONTH_FIRST.captures(s) {
        if let Some(m) = sitrep_dates::month_number(&c[1]) {
            return ymd(&c[3], &m.to_string(), &c[2]);
        }
    }
    None
}

trait YearOk {
    fn year_ok(&self) -> bool;
}
impl YearOk for NaiveDate {
    fn year_ok(&self) -> bool {
        use chrono::Datelike;
        (MIN_YEAR..=MAX_YEAR).contains(&self.year())
    }
}

/// Date written in a URL path (`/2024/11/07/slug`), if any.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    // Only the path: skip scheme and host.
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    URL_DATE
        .captures_iter(path)
        .find_map(|c| ymd(&c[1], &c[2], &c[3]))
        .or_else(|| {
            let c = URL_MONTH_NAME.captures(path)?;
            ymd(
                &c[1],
                &sitrep_dates::month_number(&c[2])?.to_string(),
                &c[3],
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn shapes() {
        assert_eq!(parse_date("2024-11-07"), d(2024, 11, 7));
        assert_eq!(parse_date("2024/11/07 10:00"), d(2024, 11, 7));
        assert_eq!(parse_date("20241107T101500Z"), d(2024, 11, 7));
        assert_eq!(parse_date("20241107"), d(2024, 11, 7));
        assert_eq!(parse_date("1731000000"), d(2024, 11, 7));
        assert_eq!(parse_date("1731000000000"), d(2024, 11, 7));
        assert_eq!(parse_date("7 November 2024"), d(2024, 11, 7));
        assert_eq!(parse_date("Nov. 7th, 2024"), d(2024, 11, 7));
        assert_eq!(parse_date("Sept 7, 2024"), d(2024, 9, 7));
        assert_eq!(parse_date("11/27/2024"), d(2024, 11, 27));
        assert_eq!(parse_date("27/11/2024"), d(2024, 11, 27));
        assert_eq!(parse_date("05/06/2024"), None);
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("0001-01-01"), None);
        assert_eq!(parse_date("Updated 3 hours ago"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.com/2024/11/07/a-b"),
            d(2024, 11, 7)
        );
        assert_eq!(
            date_from_url("https://x.com/news/2024-11-07-slug"),
            d(2024, 11, 7)
        );
        assert_eq!(
            date_from_url("https://x.com/world/20241107/slug"),
            d(2024, 11, 7)
        );
        assert_eq!(
            date_from_url("https://x.com/2024/11/7/slug"),
            d(2024, 11, 7)
        );
        assert_eq!(date_from_url("https://x.com/article/123456"), None);
        assert_eq!(
            date_from_url("https://x.com/world/2019/nov/18/slug"),
            d(2019, 11, 18)
        );
        assert_eq!(date_from_url("https://x.com/2019/foo/18/slug"), None);
        assert_eq!(date_from_url("https://2024.11.07.com/x"), None);
    }
}
