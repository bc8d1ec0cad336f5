//! Table-driven tests: one date expression per row, resolved against a reference date.

use chrono::NaiveDate;
use sitrep_dates::{find_dates, DateMention, DatePrecision, MentionKind};

use DatePrecision::{Day, Month, Week, Year};
use MentionKind::{Duration, Point, Since};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (text, reference or "", expected surface, value, precision, kind, representative date or "")
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    DatePrecision,
    MentionKind,
    &'static str,
);

// 2024-11-07 is a Thursday in ISO week 2024-W45 (Mon 4 Nov .. Sun 10 Nov).
const R: &str = "2024-11-07";

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // explicit dates
    ("Drones struck Kyiv on 2024-11-06, officials said.", R, "2024-11-06", "2024-11-06", Day, Point, "2024-11-06"),
    ("On December 21, 2023, Kazan was hit.", "2024-12-23", "December 21, 2023", "2023-12-21", Day, Point, "2023-12-21"),
    ("Blinken told CBS News on Dec. 4 that talks", "2022-12-05", "Dec. 4", "2022-12-04", Day, Point, "2022-12-04"),
    ("Talks on Dec 4 failed.", "2022-12-05", "Dec 4", "2022-12-04", Day, Point, "2022-12-04"),
    ("The depot was struck on 4 December.", "2022-12-05", "4 December", "2022-12-04", Day, Point, "2022-12-04"),
    ("On December 4th, officials said", "2022-12-05", "December 4th", "2022-12-04", Day, Point, "2022-12-04"),
    // a weekday with a day and month and no year fixes the year next to the reference
    // (2026-04-25 is a Saturday; read as past, the day would be 2025-04-25, a Friday)
    ("Voters go to the polls on Saturday, April 25, officials said.", "2026-04-24", "Saturday, April 25", "2026-04-25", Day, Point, "2026-04-25"),
    ("The rally on Tuesday, 3 March drew crowds.", "2026-12-07", "Tuesday, 3 March", "2026-03-03", Day, Point, "2026-03-03"),
    ("Fighting raged on 21-22 December near the town.", "2024-12-23", "21-22 December", "2024-12-21", Day, Point, "2024-12-21"),
    ("Fighting raged on December 21–22 near the town.", "2024-12-23", "December 21–22", "2024-12-21", Day, Point, "2024-12-21"),
    ("the 4th of July 2023 parade", R, "4th of July 2023", "2023-07-04", Day, Point, "2023-07-04"),
    ("The report dated 07.11.2024 says", R, "07.11.2024", "2024-11-07", Day, Point, "2024-11-07"),
    ("The report dated 2024/11/07 says", R, "2024/11/07", "2024-11-07", Day, Point, "2024-11-07"),
    ("It was updated 2024-11-07T10:15:00+02:00 by staff.", R, "2024-11-07T10:15:00+02:00", "2024-11-07", Day, Point, "2024-11-07"),
    ("It happened on April 26, 2013Days later the FBI came.", R, "April 26, 2013", "2013-04-26", Day, Point, "2013-04-26"),
    ("On Wednesday, Dec. 4, 2024, the convoy left.", R, "Wednesday, Dec. 4, 2024", "2024-12-04", Day, Point, "2024-12-04"),
    // year rollover: a December day in a January article is last December
    ("A Dec. 4 strike killed two.", "2025-01-10", "Dec. 4", "2024-12-04", Day, Point, "2024-12-04"),
    ("They met on January 3.", "2025-01-10", "January 3", "2025-01-03", Day, Point, "2025-01-03"),
    // leap years
    ("Shelling on February 29 hit the port.", "2025-03-01", "February 29", "2024-02-29", Day, Point, "2024-02-29"),
    ("Shelling on February 29 hit the port.", "2024-03-01", "February 29", "2024-02-29", Day, Point, "2024-02-29"),
    ("Shelling yesterday hit the port.", "2024-03-01", "yesterday", "2024-02-29", Day, Point, "2024-02-29"),
    // weekdays
    ("Putin spoke on Wednesday about the war.", R, "Wednesday", "2024-11-06", Day, Point, "2024-11-06"),
    ("Explosions were heard Wednesday night in Kyiv.", R, "Wednesday night", "2024-11-06", Day, Point, "2024-11-06"),
    ("The attack began early on Wednesday at 6 a.m.", R, "early on Wednesday", "2024-11-06", Day, Point, "2024-11-06"),
    ("The attack began at 6 a.m. on Wednesday.", R, "Wednesday", "2024-11-06", Day, Point, "2024-11-06"),
    ("In the early hours of Wednesday drones came.", R, "Wednesday", "2024-11-06", Day, Point, "2024-11-06"),
    ("Shoigu spoke on Thursday.", R, "Thursday", "2024-11-07", Day, Point, "2024-11-07"),
    ("A strike hit the city last Saturday.", R, "last Saturday", "2024-11-02", Day, Point, "2024-11-02"),
    ("A strike hit the city last Thursday.", R, "last Thursday", "2024-10-31", Day, Point, "2024-10-31"),
    ("Talks resume next Monday.", R, "next Monday", "2024-11-11", Day, Point, "2024-11-11"),
    ("Talks will be held on Friday in Geneva.", R, "Friday", "2024-11-08", Day, Point, "2024-11-08"),
    ("He was injured late on Tuesday.", R, "late on Tuesday", "2024-11-05", Day, Point, "2024-11-05"),
    ("Voting ended on Sunday.", "2024-11-10", "Sunday", "2024-11-10", Day, Point, "2024-11-10"),
    ("Troops withdrew on Wednesday.", "2025-01-02", "Wednesday", "2025-01-01", Day, Point, "2025-01-01"),
    ("Troops withdrew on Friday.", "2025-01-02", "Friday", "2024-12-27", Day, Point, "2024-12-27"),
    // deictic days
    ("Moscow was attacked today.", R, "today", "2024-11-07", Day, Point, "2024-11-07"),
    ("Strikes are expected tonight.", R, "tonight", "2024-11-07", Day, Point, "2024-11-07"),
    ("Sirens sounded this morning.", R, "this morning", "2024-11-07", Day, Point, "2024-11-07"),
    ("Sirens sounded yesterday.", R, "yesterday", "2024-11-06", Day, Point, "2024-11-06"),
    ("Sirens sounded yesterday.", "2025-01-01", "yesterday", "2024-12-31", Day, Point, "2024-12-31"),
    ("Sirens sounded last night.", R, "last night", "2024-11-06", Day, Point, "2024-11-06"),
    ("Russia launched 40 drones overnight.", R, "overnight", "2024-11-06", Day, Point, "2024-11-06"),
    ("The bridge fell the day before yesterday.", R, "the day before yesterday", "2024-11-05", Day, Point, "2024-11-05"),
    ("The bridge fell two days ago.", R, "two days ago", "2024-11-05", Day, Point, "2024-11-05"),
    ("Officials said earlier today that", R, "earlier today", "2024-11-07", Day, Point, "2024-11-07"),
    // weeks (ISO)
    ("Fighting intensified last week.", R, "last week", "2024-W44", Week, Point, "2024-10-28"),
    ("This week, Russia drew ire.", R, "This week", "2024-W45", Week, Point, "2024-11-04"),
    ("Fighting intensified last week.", "2025-01-02", "last week", "2024-W52", Week, Point, "2024-12-23"),
    ("Fighting intensified this week.", "2025-01-02", "this week", "2025-W01", Week, Point, "2024-12-30"),
    ("Fighting intensified this week.", "2021-01-03", "this week", "2020-W53", Week, Point, "2020-12-28"),
    ("Talks are planned next week.", R, "next week", "2024-W46", Week, Point, "2024-11-11"),
    // TimeML writes the vague past as PAST_REF; the representative date stays the reference's week
    ("In recent weeks, Russia focused on power plants.", R, "recent weeks", "PAST_REF", Week, Point, "2024-11-04"),
    ("Two towns fell two weeks ago.", R, "two weeks ago", "2024-W43", Week, Point, "2024-10-21"),
    ("The front moved late last week.", R, "late last week", "2024-W44", Week, Point, "2024-10-28"),
    ("Strikes continued over the weekend.", R, "the weekend", "2024-W44-WE", Week, Point, "2024-11-02"),
    ("Strikes continued last weekend.", R, "last weekend", "2024-W44-WE", Week, Point, "2024-11-02"),
    ("Protests are planned this weekend.", R, "this weekend", "2024-W45-WE", Week, Point, "2024-11-09"),
    ("Sentencing is scheduled for Feb. 14.", R, "Feb. 14", "2025-02-14", Day, Point, "2025-02-14"),
    // a future cue does not push a date more than half a year ahead
    ("Tariffs will rise, as announced on Oct. 15.", R, "Oct. 15", "2024-10-15", Day, Point, "2024-10-15"),
    ("Losses rose in the past week.", R, "the past week", "2024-W45", Week, Point, "2024-11-04"),
    ("Shelling began a few days ago.", R, "a few days ago", "PAST_REF", Week, Point, "2024-11-04"),
    // months
    ("Kherson was liberated last month.", R, "last month", "2024-10", Month, Point, "2024-10-01"),
    ("Kherson was liberated last month.", "2025-01-15", "last month", "2024-12", Month, Point, "2024-12-01"),
    ("Attacks rose this month.", R, "this month", "2024-11", Month, Point, "2024-11-01"),
    ("Attacks rose earlier this month.", R, "earlier this month", "2024-11", Month, Point, "2024-11-01"),
    ("The offensive started in March.", R, "March", "2024-03", Month, Point, "2024-03-01"),
    ("The offensive started in December.", R, "December", "2023-12", Month, Point, "2023-12-01"),
    ("The offensive started in March 2022.", R, "March 2022", "2022-03", Month, Point, "2022-03-01"),
    ("The town fell in mid-March.", R, "mid-March", "2024-03", Month, Point, "2024-03-11"),
    ("The town fell in early March.", R, "early March", "2024-03", Month, Point, "2024-03-01"),
    ("The town fell in late November.", "2024-12-05", "late November", "2024-11", Month, Point, "2024-11-21"),
    ("The town fell at the beginning of March.", R, "the beginning of March", "2024-03", Month, Point, "2024-03-01"),
    ("Ceasefire by the end of the year, he said.", R, "the end of the year", "2024", Month, Point, "2024-12-01"),
    ("The dam was hit three months ago.", R, "three months ago", "2024-08", Month, Point, "2024-08-01"),
    ("Fighting in the summer of 2022 was heavy.", R, "the summer of 2022", "2022-SU", Month, Point, "2022-07-01"),
    ("Fighting last summer was heavy.", R, "last summer", "2024-SU", Month, Point, "2024-07-01"),
    // years
    ("Crimea, which Moscow annexed in 2014, is", R, "2014", "2014", Year, Point, "2014-01-01"),
    ("He was jailed last year.", R, "last year", "2023", Year, Point, "2023-01-01"),
    ("He was jailed last year.", "2025-01-01", "last year", "2024", Year, Point, "2024-01-01"),
    ("He was jailed a year ago.", R, "a year ago", "2023", Year, Point, "2023-01-01"),
    ("Elections are due next year.", R, "next year", "2025", Year, Point, "2025-01-01"),
    ("Supplies ran low in early 2022.", R, "early 2022", "2022", Year, Point, "2022-01-01"),
    ("Supplies ran low in late 2023.", R, "late 2023", "2023", Year, Point, "2023-09-01"),
    ("Supplies ran low by mid-2022.", R, "mid-2022", "2022", Year, Point, "2022-05-01"),
    ("Tensions grew in the 1990s.", R, "the 1990s", "199", Year, Point, "1990-01-01"),
    ("Tensions grew between 2014 and 2022.", R, "2014", "2014", Year, Point, "2014-01-01"),
    // since
    ("190 localities taken since the start of 2023", R, "since the start of 2023", "2023", Month, Since, "2023-01-01"),
    ("at war since February 2022", R, "since February 2022", "2022-02", Month, Since, "2022-02-01"),
    ("occupied since 2014", R, "since 2014", "2014", Year, Since, "2014-01-01"),
    ("blackouts since Wednesday", R, "since Wednesday", "2024-11-06", Day, Since, "2024-11-06"),
    // durations
    ("The onslaught lasted for eight hours.", R, "for eight hours", "PT8H", Day, Duration, ""),
    ("Losses over the past three years mounted.", R, "the past three years", "P3Y", Year, Duration, ""),
    ("They fought for two weeks.", R, "for two weeks", "P2W", Week, Duration, ""),
    ("during Russia's 60-day assault", R, "60-day", "P60D", Day, Duration, ""),
    // anaphora and nights
    ("Talks were held on Dec. 4. The day before, Russia struck Kyiv.", "2022-12-10", "The day before", "2022-12-03", Day, Point, "2022-12-03"),
    ("Kyiv was hit on Dec. 4. Three days later, Odesa.", "2022-12-10", "Three days later", "2022-12-07", Day, Point, "2022-12-07"),
    ("Kyiv was hit on Dec. 4 and Odesa the following day.", "2022-12-10", "the following day", "2022-12-05", Day, Point, "2022-12-05"),
    ("Drones struck on the night of 5-6 May.", "2024-05-10", "the night of 5-6 May", "2024-05-05", Day, Point, "2024-05-05"),
    ("Drones hit Kyiv overnight Wednesday.", R, "overnight Wednesday", "2024-11-06", Day, Point, "2024-11-06"),
    ("Fighting peaked in the first week of March 2022.", R, "the first week of March 2022", "2022-W09", Week, Point, "2022-03-01"),
    ("Fighting peaked in the last week of October.", R, "the last week of October", "2024-W43", Week, Point, "2024-10-25"),
    ("A second wave came overnight into Thursday.", R, "overnight into Thursday", "2024-11-06", Day, Point, "2024-11-06"),
];

fn find_surface<'a>(ms: &'a [DateMention], surface: &str) -> Option<&'a DateMention> {
    ms.iter().find(|m| m.text == surface)
}

#[test]
fn expression_table() {
    assert!(ROWS.len() >= 60);
    let mut failures = Vec::new();
    for &(text, reference, surface, value, precision, kind, date) in ROWS {
        let r = (!reference.is_empty()).then(|| d(reference));
        let ms = find_dates(text, r);
        let Some(m) = find_surface(&ms, surface) else {
            failures.push(format!(
                "{text:?} @ {reference}: no mention {surface:?}; got {:?}",
                ms.iter().map(|m| (&m.text, &m.value)).collect::<Vec<_>>()
            ));
            continue;
        };
        let want_date = (!date.is_empty()).then(|| d(date));
        if m.value != value || m.precision != precision || m.kind != kind || m.date != want_date {
            failures.push(format!(
                "{text:?} @ {reference}: {surface:?} => {} {:?} {:?} {:?}; want {value} {precision:?} {kind:?} {want_date:?}",
                m.value, m.precision, m.kind, m.date
            ));
        }
        assert_eq!(&text[m.start..m.end], m.text);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn relative_and_explicit_flags() {
    let r = Some(d(R));
    let m = &find_dates("On December 21, 2023, Kazan", r)[0];
    assert!(!m.relative && m.explicit_year);
    let m = &find_dates("on Dec. 4 he said", r)[0];
    assert!(m.relative && !m.explicit_year);
    let m = &find_dates("in March 2022", r)[0];
    assert!(!m.relative && m.explicit_year);
    let m = &find_dates("on Wednesday", r)[0];
    assert!(m.relative && !m.explicit_year);
}

#[test]
fn without_reference_date() {
    let ms = find_dates("Blinken told CBS News on Dec. 4 that", None);
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].value, "XXXX-12-04");
    assert_eq!(ms[0].precision, Day);
    assert_eq!(ms[0].date, None);

    let ms = find_dates("Putin spoke on Wednesday.", None);
    assert_eq!(ms[0].value, "XXXX-WXX-3");
    assert_eq!(ms[0].date, None);

    let ms = find_dates("Kherson was liberated last month.", None);
    assert_eq!((ms[0].precision, ms[0].date), (Month, None));

    // explicit dates do not need a reference
    let ms = find_dates("On December 21, 2023, Kazan", None);
    assert_eq!(ms[0].date, Some(d("2023-12-21")));
}

#[test]
fn false_positives() {
    let r = Some(d(R));
    for text in [
        "Western support may lead to nuclear conflict.",
        "Ukraine received F-16 jets and Su-34 bombers were downed; S-300 and S-400 systems, MiG-29s.",
        "Russia massed 2,000 troops and 12,500 vehicles near the border.",
        "Up to 2000 soldiers were deployed.",
        "Whelan was sentenced to 16 years in prison.",
        "Thousands joined a march on the capital.",
        "The March of the Living drew crowds.",
        "According to the Sunday Times, the plan failed.",
        "Bloody Sunday is remembered every year.",
        "Russia Today and USA Today reported it.",
        "The sirens sounded at 6 a.m. local time.",
        "May God protect Ukraine.",
        "They may attack again, officials may say.",
        "On Feb. 30 nothing happened.",
        "He sat on the sun deck and wed in a hall.",
        "Call 911 or 112 at once; 3.5 million fled, 1.2024 ratio.",
    ] {
        let ms = find_dates(text, r);
        let points: Vec<_> = ms.iter().filter(|m| m.kind != Duration).collect();
        assert!(points.is_empty(), "{text:?} gave {points:?}");
    }
    // ages are neither dates nor durations
    for text in [
        "a 46-year-old man was held",
        "Banco, 36 years old, said",
        "the 17-year-old defendant",
    ] {
        assert!(find_dates(text, r).is_empty(), "{text:?}");
    }
    // "16 years" is a length of time, never a year
    let ms = find_dates("Whelan was sentenced to 16 years in prison.", r);
    assert!(
        ms.iter().all(|m| m.kind == Duration && m.date.is_none()),
        "{ms:?}"
    );
}

#[test]
fn mentions_are_ordered_and_disjoint() {
    let text = "On Wednesday, two days after the Dec. 4 strike, Russia said it had struck since 2014 and in early 2022, \
                for eight hours last night.";
    let ms = find_dates(text, Some(d(R)));
    assert!(ms.len() >= 6, "{ms:?}");
    for w in ms.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
}
