//! Property tests: no panics, valid offsets, past-tense relative dates never in the future.

use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;
use sitrep_dates::{
    date_from_url, find_dates, parse_date_str, published_from_text, DateText, MentionKind,
};

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..60_000).prop_map(|n| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Duration::days(n))
}

/// Words and fragments that exercise the grammar, mixed into random text.
const PIECES: &[&str] = &[
    "on",
    "Wednesday",
    "last",
    "week",
    "Dec.",
    "4",
    "4th",
    "2024",
    "-",
    "–",
    ",",
    ".",
    "since",
    "the",
    "start",
    "of",
    "early",
    "mid",
    "late",
    "May",
    "may",
    "March",
    "1990s",
    "two",
    "days",
    "ago",
    "a",
    "few",
    "for",
    "eight",
    "hours",
    "2,000",
    "F-16",
    "Su-34",
    "overnight",
    "into",
    "Thursday",
    "night",
    "yesterday",
    "today",
    "2024-11-07",
    "07.11.2024",
    "T10:00",
    "é",
    "—",
    "’",
    "\n",
    "Sunday",
    "Times",
    "recent",
    "weeks",
    "past",
    "three",
    "years",
    "weekend",
    "summer",
    "day",
    "before",
    "later",
    "31",
    "29",
    "February",
    "next",
    "this",
    "month",
    "year",
    "in",
    "20241107",
    "9999",
    "0",
    "12/",
    "/2024",
];

fn piece_text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..40).prop_map(|v| {
        let mut s = String::new();
        for (i, glue) in v {
            if !glue && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(PIECES[i]);
        }
        s
    })
}

fn check_offsets(text: &str, reference: Option<NaiveDate>) {
    let ms = find_dates(text, reference);
    let mut last_end = 0;
    for m in &ms {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
        assert!(m.start >= last_end, "overlap in {text:?}");
        last_end = m.end;
        if m.kind == MentionKind::Duration {
            assert!(m.date.is_none());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_any_string(text in any::<String>(), r in prop::option::of(any_date())) {
        check_offsets(&text, r);
        let _ = published_from_text(&text);
        let _ = parse_date_str(&text);
        let _ = date_from_url(&text);
    }

    #[test]
    fn never_panics_on_date_like_text(text in piece_text(), r in prop::option::of(any_date())) {
        check_offsets(&text, r);
        if let Some((_, span)) = published_from_text(&text) {
            prop_assert!(span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        let _ = parse_date_str(&text);
    }

    /// Tokenizing once and finding with two references gives what two `find_dates` give.
    #[test]
    fn date_text_finds_as_find_dates(text in piece_text(), r in prop::option::of(any_date())) {
        let dt = DateText::new(&text);
        let key = |v: Vec<sitrep_dates::DateMention>| format!("{v:?}");
        prop_assert_eq!(key(dt.find_dates(None)), key(find_dates(&text, None)));
        prop_assert_eq!(key(dt.find_dates(r)), key(find_dates(&text, r)));
    }

    /// Past-tense relative expressions resolve to a date no later than the reference + 1 day.
    #[test]
    fn past_expressions_not_after_reference(r in any_date(), which in 0usize..22, n in 1u32..20) {
        let exprs = [
            "yesterday".to_string(), "last night".into(), "overnight".into(), "on Wednesday".into(),
            "on Sunday".into(), "last Saturday".into(), "last week".into(), "this week".into(),
            "last month".into(), "this month".into(), "last year".into(), format!("{n} days ago"),
            format!("{n} weeks ago"), format!("{n} months ago"), "Dec. 4".into(), "on February 29".into(),
            "in March".into(), "in recent weeks".into(), "the weekend".into(), "last weekend".into(),
            "today".into(), format!("on {n} May"),
        ];
        let text = format!("Russian forces struck the city {}, officials said.", exprs[which]);
        let ms = find_dates(&text, Some(r));
        prop_assert_eq!(ms.len(), 1, "{:?}", ms);
        let m = &ms[0];
        prop_assert!(m.relative);
        if let Some(d) = m.date {
            prop_assert!(d <= r + Duration::days(1), "{} -> {} after {}", text, d, r);
        } else {
            // only an impossible day (February 29 long before any leap year) may stay unresolved
            prop_assert!(text.contains("February 29"));
        }
    }

    /// Formatted dates parse back.
    #[test]
    fn metadata_roundtrip(date in any_date(), fmt in 0usize..8) {
        let f = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S+02:00", "%a, %d %b %Y 10:00:00 +0000", "%b %d, %Y",
                 "%d %B %Y", "%Y/%m/%d", "%d.%m.%Y", "%A, %B %-d, %Y"][fmt];
        let s = date.and_hms_opt(10, 0, 0).unwrap().format(f).to_string();
        prop_assert_eq!(parse_date_str(&s), Some(date), "{}", s);
    }

    /// Explicit full dates in prose are found exactly, whatever the reference.
    #[test]
    fn explicit_dates_found(date in any_date(), r in prop::option::of(any_date())) {
        prop_assume!((1800..=2100).contains(&date.year()));
        let text = format!("The strike on {} killed two.", date.format("%B %-d, %Y"));
        let ms = find_dates(&text, r);
        prop_assert_eq!(ms.len(), 1);
        prop_assert_eq!(ms[0].date, Some(date));
        prop_assert!(!ms[0].relative && ms[0].explicit_year);
    }
}

/// Long repetitive inputs stay fast (no quadratic look-backs).
#[test]
fn long_inputs_are_linear() {
    let text =
        "a day later the day before on Dec. 4 last week in 2014 for two days ".repeat(20_000);
    let t0 = std::time::Instant::now();
    let ms = find_dates(&text, None);
    assert!(ms.len() >= 100_000);
    let ms2 = find_dates(&text, NaiveDate::from_ymd_opt(2024, 11, 7));
    assert_eq!(ms.len(), ms2.len());
    // ~1.4 MB: generous bound for a debug build on a busy machine
    assert!(t0.elapsed().as_secs() < 20, "took {:?}", t0.elapsed());
}
