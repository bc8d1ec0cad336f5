//! Publication dates from header lines, metadata strings, the conflict rule and span resolution.

use chrono::NaiveDate;
use sitrep_dates::{
    conflicts_with_reference, date_from_url, date_in_reference_year, find_dates, parse_date_str,
    published_from_text, resolve_in_span, DatePrecision, MentionKind,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn header_publication_dates() {
    let cases: &[(&str, &str, &str)] = &[
        (
            " date 2024-11-07 Russia carried out a large-scale drone assault on Kyiv.",
            "2024-11-07",
            "date 2024-11-07",
        ),
        (
            "Today : Dec 23, 2024\nWorld News\n23 December 2024\n",
            "2024-12-23",
            "Today : Dec 23, 2024",
        ),
        (
            "Published: 7 November 2024\nRussia struck Kyiv.",
            "2024-11-07",
            "Published: 7 November 2024",
        ),
        (
            "Putin Threatens Kazan\nUpdated 2024-12-23T10:15:00Z\nBody text.",
            "2024-12-23",
            "Updated 2024-12-23T10:15:00Z",
        ),
        (
            "Posted on November 7, 2024 at 10:30\nBody",
            "2024-11-07",
            "Posted on November 7, 2024",
        ),
        (
            "Headline Here\n\n23 December 2024\n\nPutin threatens more.",
            "2024-12-23",
            "23 December 2024",
        ),
        (
            "Headline\nThursday, November 7, 2024 10:30 GMT\nBody",
            "2024-11-07",
            "Thursday, November 7, 2024",
        ),
        (
            "KYIV, Nov 7, 2024 (Reuters) - Russia launched drones.",
            "2024-11-07",
            "Nov 7, 2024",
        ),
        (
            "KYIV, Ukraine, 7 November 2024 — Russia launched drones.",
            "2024-11-07",
            "7 November 2024",
        ),
        (
            "Last updated: 07.11.2024\nText",
            "2024-11-07",
            "Last updated: 07.11.2024",
        ),
    ];
    for &(text, date, span_text) in cases {
        let (got, span) =
            published_from_text(text).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(got, d(date), "{text:?}");
        assert_eq!(&text[span], span_text, "{text:?}");
    }
}

#[test]
fn header_negatives() {
    for text in [
        "Russia struck Kyiv on Wednesday. No date here.",
        // a dateline without a year cannot give a date
        "KYIV, Nov 7 (Reuters) - Russia launched drones.",
        // a date in body prose is not a header
        "Officials said the attack on December 21, 2023 was the largest.",
        // the date word without a date
        "Date night was cancelled.\nUpdated rules apply.",
        // a full date in a headline is not a byline
        "Russia attacked Kyiv on Nov 7, 2024 in a big raid\nBody",
        "",
    ] {
        assert_eq!(published_from_text(text), None, "{text:?}");
    }
    // beyond the header zone
    let late = format!("{}\nPublished: 7 November 2024\n", "word ".repeat(200));
    assert_eq!(published_from_text(&late), None);
}

#[test]
fn metadata_strings() {
    let cases: &[(&str, Option<&str>)] = &[
        ("2024-11-07", Some("2024-11-07")),
        ("2024-11-07T10:15:00+02:00", Some("2024-11-07")),
        ("2024-11-07T23:59:59.123Z", Some("2024-11-07")),
        ("2024-11-07 10:15:00", Some("2024-11-07")),
        ("Thu, 07 Nov 2024 10:00:00 +0000", Some("2024-11-07")),
        ("Thu, 7 Nov 2024 10:00:00 GMT", Some("2024-11-07")),
        ("Dec 23, 2024", Some("2024-12-23")),
        ("December 23, 2024", Some("2024-12-23")),
        ("23 December 2024", Some("2024-12-23")),
        ("Monday, December 23, 2024 - 10:00", Some("2024-12-23")),
        ("2024/11/07", Some("2024-11-07")),
        ("07.11.2024", Some("2024-11-07")),
        ("25/12/2024", Some("2024-12-25")),
        ("11/07/2024", Some("2024-11-07")),
        ("20241107", Some("2024-11-07")),
        ("  2024-02-29  ", Some("2024-02-29")),
        ("2023-02-29", None),
        ("2024-13-01", None),
        ("yesterday", None),
        ("December 2024", None),
        ("", None),
        ("not a date", None),
    ];
    for &(s, want) in cases {
        assert_eq!(parse_date_str(s), want.map(d), "{s:?}");
    }
}

#[test]
fn conflict_rule() {
    let first = |text: &str, r: &str| find_dates(text, Some(d(r))).into_iter().next().unwrap();
    // a stale year: the same day last year, in an article two days later
    let m = first(
        "On December 21, 2023, Kazan faced drone attacks",
        "2024-12-23",
    );
    assert!(conflicts_with_reference(&m, d("2024-12-23")));
    assert_eq!(
        date_in_reference_year(&m, d("2024-12-23")),
        Some(d("2024-12-21"))
    );
    // the right year
    let m = first(
        "On December 21, 2024, Kazan faced drone attacks",
        "2024-12-23",
    );
    assert!(!conflicts_with_reference(&m, d("2024-12-23")));
    // a full date after the publication date
    let m = first(
        "On December 30, 2024, Kazan faced drone attacks",
        "2024-12-23",
    );
    assert!(conflicts_with_reference(&m, d("2024-12-23")));
    // one day of slack for time zones
    let m = first(
        "On December 24, 2024, Kazan faced drone attacks",
        "2024-12-23",
    );
    assert!(!conflicts_with_reference(&m, d("2024-12-23")));
    // the weekday does not fit the date (2024-12-05 is a Thursday)
    let m = first("On Wednesday, December 5, 2024, talks failed", "2024-12-10");
    assert!(conflicts_with_reference(&m, d("2024-12-10")));
    let m = first("On Thursday, December 5, 2024, talks failed", "2024-12-10");
    assert!(!conflicts_with_reference(&m, d("2024-12-10")));
    // an old anniversary date is not a conflict
    let m = first("since the October 7, 2023 attack", "2024-11-15");
    assert!(!conflicts_with_reference(&m, d("2024-11-15")));
    // relative mentions cannot conflict
    let m = first("on Dec. 4 he said", "2024-12-23");
    assert!(!conflicts_with_reference(&m, d("2024-12-23")));
    // durations cannot conflict
    let m = first("for eight hours", "2024-12-23");
    assert_eq!(m.kind, MentionKind::Duration);
    assert!(!conflicts_with_reference(&m, d("2024-12-23")));
}

#[test]
fn span_resolution() {
    let text = "This week Russia struck Kyiv on Wednesday. Last month it hit Odesa. Nothing else.";
    let ms = find_dates(text, Some(d("2024-11-07")));
    let s1 = 0..text.find('.').unwrap() + 1;
    let m = resolve_in_span(&ms, s1.start, s1.end).unwrap();
    assert_eq!(
        (m.text.as_str(), m.precision),
        ("Wednesday", DatePrecision::Day)
    );
    let s2_start = s1.end;
    let s2_end = text[s2_start..].find('.').unwrap() + s2_start + 1;
    let m = resolve_in_span(&ms, s2_start, s2_end).unwrap();
    assert_eq!(m.value, "2024-10");
    assert!(resolve_in_span(&ms, s2_end, text.len()).is_none());
    // ties go to the first; durations and "since" are not points
    let text = "On Monday and on Tuesday, for eight hours, since 2014.";
    let ms = find_dates(text, Some(d("2024-11-07")));
    assert_eq!(resolve_in_span(&ms, 0, text.len()).unwrap().text, "Monday");
    let ms = find_dates("for eight hours, since 2014.", Some(d("2024-11-07")));
    assert!(resolve_in_span(&ms, 0, 100).is_none());
}

#[test]
fn windows() {
    let r = Some(d("2024-11-07"));
    let w = |t: &str| find_dates(t, r)[0].window().unwrap();
    assert_eq!(w("last week"), (d("2024-10-28"), d("2024-11-03")));
    assert_eq!(w("last month"), (d("2024-10-01"), d("2024-10-31")));
    assert_eq!(w("in 2014"), (d("2014-01-01"), d("2014-12-31")));
    assert_eq!(w("the 1990s"), (d("1990-01-01"), d("1999-12-31")));
    assert_eq!(w("the weekend"), (d("2024-11-02"), d("2024-11-03")));
    assert_eq!(w("yesterday"), (d("2024-11-06"), d("2024-11-06")));
}

#[test]
fn midpoints() {
    let r = Some(d("2022-12-05"));
    let mid = |t: &str| find_dates(t, r)[0].midpoint().unwrap();
    assert_eq!(mid("liberated last month"), d("2022-11-15"));
    assert_eq!(mid("sentenced in 2020"), d("2020-07-01"));
    assert_eq!(mid("annexed in 2014"), d("2014-07-01"));
    assert_eq!(mid("last week"), d("2022-12-01"));
    assert_eq!(mid("on Dec. 4"), d("2022-12-04"));
    assert_eq!(mid("in late November"), d("2022-11-25"));
    assert!(find_dates("for eight hours", r)[0].midpoint().is_none());
}

#[test]
fn url_dates() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "http://dailypost.ng/2018/04/05/measles-break-benue-idp-camps/",
            Some("2018-04-05"),
        ),
        (
            "http://www.tribune242.com/news/2018/apr/05/200-scholarships/",
            Some("2018-04-05"),
        ),
        (
            "https://chinapost.nownews.com/20180401-270851",
            Some("2018-04-01"),
        ),
        (
            "http://www.bjreview.com.cn/./Latest/201804/t20180406_800125745.html",
            Some("2018-04-06"),
        ),
        (
            "https://example.com/news/2024-11-07/kyiv-drones",
            Some("2024-11-07"),
        ),
        ("http://accesswdun.com/article/2018/4/656251", None),
        ("https://news.gov.bc.ca/releases/2018FLNR0054-000574", None),
        (
            "https://www.wsj.com/articles/google-stadia-11574168580",
            None,
        ),
        ("https://example.com/a/99999999/b", None),
        ("", None),
    ];
    for &(url, want) in cases {
        assert_eq!(date_from_url(url), want.map(d), "{url}");
    }
}
