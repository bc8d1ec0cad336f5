//! TimeML value conventions and the placement of underspecified dates, one
//! test per class of error found on news text (see `ACCURACY.md`). The
//! sentences are written for these tests.

use chrono::NaiveDate;
use sitrep_dates::{find_dates, DateMention, DatePrecision, MentionKind};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The mention whose text is `surface` (exactly), resolved against `reference`.
fn found(text: &str, reference: &str, surface: &str) -> DateMention {
    let ms = find_dates(text, Some(d(reference)));
    ms.iter()
        .find(|m| m.text == surface)
        .cloned()
        .unwrap_or_else(|| panic!("{surface:?} not found in {text:?}: {ms:#?}"))
}

/// `(text, reference, surface, value)` rows.
fn check(rows: &[(&str, &str, &str, &str)]) {
    let mut bad = Vec::new();
    for &(text, r, surface, value) in rows {
        let ms = find_dates(text, Some(d(r)));
        match ms.iter().find(|m| m.text == surface) {
            Some(m) if m.value == value => {}
            Some(m) => bad.push(format!(
                "{text:?} @ {r}: {surface:?} => {}, want {value}",
                m.value
            )),
            None => bad.push(format!("{text:?} @ {r}: {surface:?} not found in {ms:?}")),
        }
    }
    assert!(
        bad.is_empty(),
        "{} failures:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// No mention at all (durations aside) in any of `texts`.
fn none_in(texts: &[&str]) {
    for text in texts {
        let ms = find_dates(text, Some(d(R)));
        let points: Vec<_> = ms
            .iter()
            .filter(|m| m.kind != MentionKind::Duration)
            .collect();
        assert!(points.is_empty(), "{text:?}: {points:?}");
    }
}

// 2024-11-07 is a Thursday.
const R: &str = "2024-11-07";

/// A weekday without a year is placed by the tense of its clause: after the
/// reference in a clause about what is to come, else on or before it.
#[test]
#[rustfmt::skip]
fn weekday_follows_the_tense_of_its_clause() {
    check(&[
        ("Negotiators are due to meet in Doha on Saturday.", R, "Saturday", "2024-11-09"),
        ("The ceasefire is set to take effect on Monday.", R, "Monday", "2024-11-11"),
        ("Both delegations plan to sign the accord on Tuesday.", R, "Tuesday", "2024-11-12"),
        ("The envoy is expected in Ankara on Sunday.", R, "Sunday", "2024-11-10"),
        ("On Saturday, the envoy will travel to Cairo.", R, "Saturday", "2024-11-09"),
        ("Voting is to be held on Sunday in the region.", R, "Sunday", "2024-11-10"),
        // past or no tense: on or before the reference
        ("Militants attacked a checkpoint on Saturday.", R, "Saturday", "2024-11-02"),
        ("The convoy was ambushed on Monday near the border.", R, "Monday", "2024-11-04"),
        ("The minister spoke on Thursday.", R, "Thursday", "2024-11-07"),
        // "will be held": the participle after "be" is not the tense
        ("Talks will be held on Monday.", R, "Monday", "2024-11-11"),
        // a cue up to 14 tokens back, across a number written with a point
        ("The bank will buy back 2.5 million of its preferred shares from investors on Monday.", R, "Monday", "2024-11-11"),
        // an initial's point ends no sentence
        ("Gen. Maria T. Ortiz will succeed Col. Ruiz on Monday.", R, "Monday", "2024-11-11"),
        // "planned to/for" looks ahead; "planned" alone decides nothing
        ("The mission planned to leave Goma on Saturday.", R, "Saturday", "2024-11-09"),
        ("Police said the rally they planned was held on Sunday.", R, "Sunday", "2024-11-03"),
    ]);
}

/// A month-day without a year: the past in a past clause, the coming one in
/// a future clause, otherwise the nearer of the two (within 90 days
/// ahead); never unresolved when a reference date is given.
#[test]
#[rustfmt::skip]
fn month_day_without_year_is_resolved_from_the_reference() {
    check(&[
        ("The mandate of the mission expires Dec. 15.", R, "Dec. 15", "2024-12-15"),
        ("Elections will take place on January 12.", R, "January 12", "2025-01-12"),
        ("The court set a hearing for Nov. 20 in the case.", R, "Nov. 20", "2024-11-20"),
        // no tense cue: the nearer occurrence (5 weeks ahead, not 11 months back)
        ("The deadline for the offer is Dec. 12.", R, "Dec. 12", "2024-12-12"),
        // past clause: the last one, even when the next one is nearer
        ("Rebels seized the airport on Dec. 12.", R, "Dec. 12", "2023-12-12"),
        ("The strike on Oct. 30 destroyed a depot.", R, "Oct. 30", "2024-10-30"),
        // no tense cue, far ahead: the past reading
        ("The anniversary of the July 9 massacre.", R, "July 9", "2024-07-09"),
        // a leap day that has no recent occurrence stays in the past
        ("Troops withdrew on February 29.", "2027-03-01", "February 29", "2024-02-29"),
    ]);
    // with a reference date, a month-day always gets a date
    for text in ["on March 3", "by Jan. 2", "since 4 July", "The 12 August raid"] {
        let ms = find_dates(text, Some(d(R)));
        assert!(ms[0].date.is_some(), "{text:?}: {ms:?}");
    }
}

/// A month name without a year follows its clause's tense; without a cue
/// the nearer occurrence up to three months ahead.
#[test]
#[rustfmt::skip]
fn month_without_year_follows_tense() {
    check(&[
        ("The alliance is expected to admit two members in March.", R, "March", "2025-03"),
        ("A summit will be held in April.", R, "April", "2025-04"),
        ("The militia was disbanded in April.", R, "April", "2024-04"),
        ("Fighting flared in September.", R, "September", "2024-09"),
        // no cue: December is one month ahead, eleven back
        ("The closing of the deal, in December, needs approval.", R, "December", "2024-12"),
        // no cue: June is seven months ahead, five back
        ("Prices doubled in June.", R, "June", "2024-06"),
    ]);
}

/// "this summer", "this March": the reference year's (not the last one).
#[test]
#[rustfmt::skip]
fn this_season_and_this_month_are_the_reference_year() {
    check(&[
        ("Protests are feared this summer.", "2024-03-22", "this summer", "2024-SU"),
        ("The harvest suffered this summer.", "2024-10-02", "this summer", "2024-SU"),
        ("Reservists may be called up this spring.", "2024-01-15", "this spring", "2024-SP"),
        ("Parliament votes this December.", "2024-03-01", "this December", "2024-12"),
        // a season in a future clause
        ("Officials expect the offensive to start in the spring.", "2024-01-15", "the spring", "2024-SP"),
        ("The offensive stalled in the spring.", "2024-01-15", "the spring", "2023-SP"),
    ]);
}

/// "the past year/month" is the previous year/month (TimeML).
#[test]
#[rustfmt::skip]
fn the_past_year_is_the_previous_year() {
    check(&[
        ("Attacks rose over the past year.", R, "the past year", "2023"),
        ("Shelling intensified in the past month.", R, "the past month", "2024-10"),
    ]);
}

/// Quarters and halves of a year: TimeML values `YYYY-Qn` / `YYYY-Hn`.
#[test]
#[rustfmt::skip]
fn quarters_and_halves() {
    check(&[
        ("The airline reported a third-quarter loss.", R, "third-quarter", "2024-Q3"),
        ("It reported a loss for the third quarter of $2 million.", R, "the third quarter", "2024-Q3"),
        ("Sales fell in the second quarter. Results for that quarter were poor.", R, "that quarter", "2024-Q2"),
        ("Exports fell in the second quarter.", R, "the second quarter", "2024-Q2"),
        ("Revenue rose in its second quarter.", R, "second quarter", "2024-Q2"),
        ("Output grew in the 3rd quarter.", R, "the 3rd quarter", "2024-Q3"),
        ("Unrest peaked in the first quarter of 2019.", R, "the first quarter of 2019", "2019-Q1"),
        ("Aid dropped in the first half of last year.", R, "the first half of last year", "2023-H1"),
        ("Aid will resume in the second half of next year.", R, "the second half of next year", "2025-H2"),
        // a quarter that lies after the reference, in a clause about the past: last year's
        ("Arms sales rose in the fourth quarter.", "2024-02-10", "the fourth quarter", "2023-Q4"),
        // ... and in a clause about the future: this year's
        ("Deliveries are expected in the fourth quarter.", "2024-02-10", "the fourth quarter", "2024-Q4"),
        // a quarter that ended long before, in a clause about the future: next year's
        ("The plant will reopen in the first quarter.", R, "the first quarter", "2025-Q1"),
        // ... but the quarter just ended is this year's ("expects to report")
        ("The firm expects to report a third-quarter loss.", R, "third-quarter", "2024-Q3"),
        ("This year's third quarter was the bloodiest.", R, "This year's third quarter", "2024-Q3"),
        ("Last year's first quarter was calm.", R, "Last year's first quarter", "2023-Q1"),
        // "the quarter" of a report that names none: the last completed one
        ("The ministry spent more during the quarter.", R, "the quarter", "2024-Q3"),
        ("Spending in the current quarter is higher.", R, "the current quarter", "2024-Q4"),
        // fiscal periods are written with the year that names them
        ("In fiscal 2023, the agency hired 300 guards.", R, "fiscal 2023", "2023"),
        ("Budget cuts hit the fiscal first quarter.", R, "the fiscal first quarter", "2024-Q1"),
        ("The current fiscal year will be hard.", R, "The current fiscal year", "2024"),
    ]);
    // a quarter spans three months, a half six
    let q = found("Losses in the third quarter of 2023 grew.", R, "the third quarter of 2023");
    assert_eq!(q.precision, DatePrecision::Month);
    assert_eq!(q.window(), Some((d("2023-07-01"), d("2023-09-30"))));
    let h = found("Aid dropped in the first half of 2022.", R, "the first half of 2022");
    assert_eq!(h.window(), Some((d("2022-01-01"), d("2022-06-30"))));
    // shares of a whole and parts of a game are not periods
    none_in(&[
        "Three quarters of the town was destroyed.",
        "A quarter of the soldiers deserted.",
        "He won the first half of the match.",
        "The third quarter of the game was close.",
    ]);
}

/// Comparison periods of a report: "the year-ago quarter", "a year earlier"
/// after a quarter is that quarter a year before; "the quarter" is the one
/// the report is about.
#[test]
#[rustfmt::skip]
fn report_periods_follow_the_quarter_in_question() {
    let text = "The shipbuilder posted a fourth-quarter loss, against year-earlier profit. In the \
                year-ago quarter it earned $4 million. Orders fell from a year earlier. During the \
                quarter, two yards closed. Revenue was down from the 2022 period. The latest \
                quarter was the worst. For the quarter a year ago, it paid no dividend.";
    let r = "2024-02-20";
    check(&[
        (text, r, "fourth-quarter", "2023-Q4"),
        (text, r, "year-earlier", "2022-Q4"),
        (text, r, "the year-ago quarter", "2022-Q4"),
        // right after a comparison period: that same period
        (text, r, "a year earlier", "2022-Q4"),
        // "the quarter": the report's quarter, not the comparison
        (text, r, "the quarter", "2023-Q4"),
        (text, r, "the 2022 period", "2022-Q4"),
        (text, r, "The latest quarter", "2023-Q4"),
        (text, r, "the quarter a year ago", "2022-Q4"),
    ]);
    // "the latest quarter": one that has ended, even after a quarter still to come
    check(&[(
        "A fourth-quarter charge is expected. Profit fell in the latest quarter.",
        R, "the latest quarter", "2024-Q3",
    )]);
    // without a quarter before, "a year ago" is the year before the reference
    check(&[("Prices were lower a year ago.", R, "a year ago", "2023")]);
    // and the year-ago modifier without a quarter: the previous year
    check(&[("Year-ago sales were higher.", R, "Year-ago", "2023")]);
}

/// The past, present and future as a whole: TimeML PAST_REF, PRESENT_REF,
/// FUTURE_REF, with no date (so they never date an event).
#[test]
#[rustfmt::skip]
fn vague_references() {
    check(&[
        ("The border is now closed.", R, "now", "PRESENT_REF"),
        ("Now the militia controls the road.", R, "Now", "PRESENT_REF"),
        ("Some 300 families currently live in tents.", R, "currently", "PRESENT_REF"),
        ("The army recently moved artillery north.", R, "recently", "PAST_REF"),
        ("Such raids were rare in the past.", R, "the past", "PAST_REF"),
        ("Talks may resume in the near future.", R, "the near future", "FUTURE_REF"),
        ("Nobody knows what the future holds.", R, "the future", "FUTURE_REF"),
        ("Kidnappings have grown in recent years.", R, "recent years", "PAST_REF"),
        ("The bridge was repaired several years ago.", R, "several years ago", "PAST_REF"),
        ("More convoys are due in the coming weeks.", R, "the coming weeks", "FUTURE_REF"),
        ("Fuel will stay scarce in the short term.", R, "the short term", "FUTURE_REF"),
    ]);
    // "the future of X" is a noun, not a time
    none_in(&["The future of the enclave is unclear."]);
    for (text, surface) in [
        ("The border is now closed.", "now"),
        ("The army recently moved artillery north.", "recently"),
        ("Talks may resume in the near future.", "the near future"),
    ] {
        let m = found(text, R, surface);
        assert!(m.is_vague_ref() && m.date.is_none() && m.kind == MentionKind::Point, "{m:?}");
    }
    // "recent weeks" keeps the reference's week as its representative date
    let m = found("Strikes grew in recent weeks.", R, "recent weeks");
    assert!(m.is_vague_ref());
    assert_eq!(m.date, Some(d("2024-11-04")));
    // not a reference to the present: "until now", "from now on"; not periods: "the past three days"
    none_in(&["No one has claimed it until now.", "From now on, convoys need escorts."]);
    none_in(&["Shelling went on for the past three days."]);
    // the most specific date of a span is never a vague reference
    let text = "Now the militia, which attacked on Monday, holds the road.";
    let ms = find_dates(text, Some(d(R)));
    let best = sitrep_dates::resolve_in_span(&ms, 0, text.len()).unwrap();
    assert_eq!(best.text, "Monday");
    let ms = find_dates("Now the militia holds the road.", Some(d(R)));
    assert!(sitrep_dates::resolve_in_span(&ms, 0, 31).is_none());
}

/// A month (and day) followed by "this/last/next year" is one expression.
#[test]
#[rustfmt::skip]
fn month_with_relative_year() {
    check(&[
        ("The offensive began in early October this year.", R, "early October this year", "2024-10"),
        ("A vote is planned for April next year.", R, "April next year", "2025-04"),
        ("The accord was signed in March last year.", R, "March last year", "2023-03"),
        ("The summit opens on March 3 next year.", R, "March 3 next year", "2025-03-03"),
    ]);
    let ms = find_dates("The offensive began in early October this year.", Some(d(R)));
    assert_eq!(ms.len(), 1, "{ms:?}");
}

/// A year used as a modifier is a date expression: "the 1995 shooting",
/// "its 2014 invasion", "the post-1991 order", "in both 2015 and 2016".
#[test]
#[rustfmt::skip]
fn years_as_modifiers() {
    check(&[
        ("The 2014 annexation was condemned.", R, "2014", "2014"),
        ("Moscow defended its 2022 invasion.", R, "2022", "2022"),
        ("The army's 2016 purge weakened it.", R, "2016", "2016"),
        ("The post-1991 borders hold.", R, "1991", "1991"),
        ("Casualties fell in both 2015 and 2016.", R, "2015", "2015"),
        ("Grain exports for 2023 were higher.", R, "2023", "2023"),
        ("The bonds due 2031 were sold.", R, "2031", "2031"),
        ("The crisis dragged on into 2025.", R, "2025", "2025"),
    ]);
    // counts are not years
    none_in(&[
        "The 2000 soldiers left the town.",
        "Up to 2000 soldiers were deployed.",
        "Some 1900 families fled the city.",
    ]);
}

/// A capitalised word before a weekday makes a name only when it is one of
/// the known name parts ("Black Friday"); a place or a sentence adverb does not.
#[test]
#[rustfmt::skip]
fn weekday_after_a_capitalised_word() {
    check(&[
        ("Shelling resumed in Donetsk Monday, officials said.", R, "Monday", "2024-11-04"),
        ("Also Tuesday, drones hit a refinery.", R, "Tuesday", "2024-11-05"),
        ("Officials in Kyiv Wednesday denied the report.", R, "Wednesday", "2024-11-06"),
    ]);
    none_in(&[
        "Shops opened early on Black Friday.",
        "Bloody Sunday is remembered in Derry.",
        "Pilgrims gathered on Good Friday.",
        "The Sunday Times ran the story.",
    ]);
}

/// Anaphoric periods count from the last period named of their size or
/// finer: "the following year", "that day", "later that year", "the next morning".
#[test]
#[rustfmt::skip]
fn anaphoric_periods() {
    let text = "The general was promoted on May 22, 2015, and the following year he \
                retired. Later that year he wrote a memoir. That same day, he left. \
                He was arrested on June 3, 2019 and appeared in court the next morning.";
    check(&[
        (text, R, "the following year", "2016"),
        (text, R, "Later that year", "2016"),
        (text, R, "That same day", "2015-05-22"),
        (text, R, "the next morning", "2019-06-04"),
    ]);
    // with nothing named before: from the reference
    check(&[("The mayor resigned that month.", R, "that month", "2024-11")]);
}

/// "nearly four years ago": a hedge before the count keeps the point.
#[test]
#[rustfmt::skip]
fn hedged_counts_before_ago() {
    check(&[
        ("The war ended nearly four years ago.", R, "nearly four years ago", "2020"),
        ("The town fell about a week earlier.", R, "about a week earlier", "2024-W44"),
    ]);
}

/// Centuries: TimeML writes the hundreds ("20th century" → 19).
#[test]
fn centuries() {
    check(&[(
        "The worst famine of the 20th century hit the region.",
        R,
        "20th century",
        "19",
    )]);
    let m = found("a 19th century fort", R, "19th century");
    assert_eq!(m.window(), Some((d("1800-01-01"), d("1899-12-31"))));
}

/// A full month name used as a noun or modifier is a date ("for January",
/// "the March vote", "December's figures"); "the March of the Living" and
/// the name "May" are not.
#[test]
#[rustfmt::skip]
fn month_names_as_modifiers() {
    check(&[
        ("Casualty figures for January were revised.", R, "January", "2024-01"),
        ("The March vote was annulled.", R, "March", "2024-03"),
        ("A June agreement ended the siege.", R, "June", "2024-06"),
        ("Officials revised September's figures.", R, "September", "2024-09"),
    ]);
    none_in(&[
        "The March of the Living drew crowds.",
        "Support for May collapsed in the party.",
        "The May government fell.",
    ]);
}

/// "the end of 2025": TimeML's value is the year; the date narrows to December.
#[test]
fn start_and_end_of_a_year_keep_the_year_as_value() {
    let m = found(
        "Troops will stay until the end of 2025.",
        R,
        "the end of 2025",
    );
    assert_eq!(
        (m.value.as_str(), m.precision, m.date),
        ("2025", DatePrecision::Month, Some(d("2025-12-01")))
    );
}

/// Holidays (`data/holidays.tsv`) are days: fixed ones, Easter by the
/// computus, Thanksgiving by rule; placed like a month-day without a year.
#[test]
#[rustfmt::skip]
fn holidays() {
    check(&[
        ("Russia launched drones on Christmas Day.", R, "Christmas Day", "2023-12-25"),
        ("A truce is expected over Christmas.", R, "Christmas", "2024-12-25"),
        ("Shelling on New Year's Eve killed two.", "2025-01-03", "New Year's Eve", "2024-12-31"),
        ("Prisoners were swapped on Orthodox Easter.", R, "Orthodox Easter", "2024-05-05"),
        ("Churches were full on Easter Sunday.", R, "Easter Sunday", "2024-03-31"),
        ("The ceasefire collapsed at Easter 2022.", R, "Easter 2022", "2022-04-17"),
        ("The hostages were freed on Thanksgiving Day.", R, "Thanksgiving Day", "2023-11-23"),
        ("Families will gather on Thanksgiving.", R, "Thanksgiving", "2024-11-28"),
    ]);
    // "a new year of fighting" is no holiday
    none_in(&["Both sides braced for a new year of fighting."]);
}

/// Spoken years in transcripts ("nineteen ninety-six"), decades in words
/// ("the nineties", "the '80s"), the last decade, quarters as codes.
#[test]
#[rustfmt::skip]
fn spoken_years_decades_and_quarter_codes() {
    check(&[
        ("In nineteen ninety-six a bomb exploded.", R, "nineteen ninety-six", "1996"),
        ("January nineteen ninety-seven was cold.", R, "January nineteen ninety-seven", "1997-01"),
        ("Fear grew with the approach of the year two thousand.", R, "the year two thousand", "2000"),
        ("The war of the nineties scarred the region.", R, "the nineties", "199"),
        ("Militias formed in the '80s.", R, "the '80s", "198"),
        ("Trade fell in the 90s.", "1998-06-01", "the 90s", "199"),
        ("Wages fell in the last decade.", R, "the last decade", "201"),
        ("Output fell in Q3.", R, "Q3", "2024-Q3"),
        ("The Q1 2023 figures were good.", R, "Q1 2023", "2023-Q1"),
    ]);
    // counts in words stay counts
    let ms = find_dates("Ninety days of shelling left nineteen dead.", Some(d(R)));
    assert!(ms.iter().all(|m| m.kind == MentionKind::Duration), "{ms:?}");
}

/// More anaphora and explicit forms: "the year before", "the year before
/// last", "two weeks from now", "the year 2000", "2019's", "the previous quarter".
#[test]
#[rustfmt::skip]
fn more_relative_forms() {
    let text = "The treaty was signed on June 3, 2016; the year before, talks had failed.";
    check(&[
        (text, R, "the year before", "2015"),
        ("Prices peaked the year before last.", R, "the year before last", "2022"),
        ("Elections are due two weeks from now.", R, "two weeks from now", "2024-W47"),
        ("Aid will end a year from today.", R, "a year from today", "2025"),
        ("Oil fell after the year 2000.", R, "the year 2000", "2000"),
        ("The rebels' 2019's offensive stalled.", R, "2019", "2019"),
        ("Sales fell in 2023's third quarter.", R, "2023's third quarter", "2023-Q3"),
        ("Profit rose in the third quarter, after a loss in the previous quarter.", R, "the previous quarter", "2024-Q2"),
    ]);
}

/// `the day before/after` + a day named right after it counts from that day,
/// not from the last day named before.
#[test]
fn day_before_a_named_day() {
    check(&[
        (
            "Talks broke down the day before last Tuesday's vote.",
            R,
            "the day before last Tuesday",
            "2024-11-04",
        ),
        (
            "Crowds gathered the day after March 3, 2024 in the capital.",
            R,
            "the day after March 3, 2024",
            "2024-03-04",
        ),
        // no day after it: the last day named
        (
            "Fighting began on Monday. The day before the vote, shops closed.",
            R,
            "The day before",
            "2024-11-03",
        ),
    ]);
}

/// `the year` after `of`/`for`/`during` is the reference year; not a fiscal
/// year (`the year ending June 30`) nor a title.
#[test]
fn the_year_after_a_preposition() {
    check(&[
        (
            "Attacks rose in the first nine months of the year.",
            R,
            "the year",
            "2024",
        ),
        (
            "The toll was the highest for the year, officials said.",
            R,
            "the year",
            "2024",
        ),
    ]);
    for text in [
        "Net income for the year ending June 30 fell.",
        "She was named Person of the Year.",
    ] {
        let ms = find_dates(text, Some(d(R)));
        assert!(ms.iter().all(|m| m.text != "the year"), "{text:?}: {ms:?}");
    }
}

/// `year-end`, `year end`, `the year's end` after a preposition: the end of
/// the reference year (the year before after `since`), valued as a year.
#[test]
fn year_end() {
    check(&[
        (
            "The ministry expects to finish the wall by year-end.",
            R,
            "year-end",
            "2024",
        ),
        (
            "Both sides hope for a deal before the year's end.",
            R,
            "the year's end",
            "2024",
        ),
        (
            "Prices have doubled since year end.",
            R,
            "since year end",
            "2023",
        ),
    ]);
    let m = found("Troops should leave by year end.", R, "year end");
    assert_eq!(m.date, Some(d("2024-12-01")));
    assert_eq!(m.precision, DatePrecision::Month);
    none_in(&[
        "Year-end bonuses were cut.",
        "The year end results were weak.",
    ]);
}

/// `soon` in a clause about the future and `a later date` are TimeML
/// FUTURE_REF; `as soon as`, `soon after` and a past `soon` are not.
#[test]
fn soon_and_a_later_date() {
    check(&[
        (
            "The ministry said talks will soon resume.",
            R,
            "soon",
            "FUTURE_REF",
        ),
        (
            "Troops may soon withdraw from the border.",
            R,
            "soon",
            "FUTURE_REF",
        ),
        (
            "The hearing was moved to a later date.",
            R,
            "a later date",
            "FUTURE_REF",
        ),
    ]);
    none_in(&[
        "Aid must arrive as soon as possible.",
        "The protest soon turned violent.",
        "Soon after the blast, police arrived.",
    ]);
}

/// A month-day or month that modifies the noun after it (`the Nov. 20
/// deadline`, `for December deliveries`) is the nearer occurrence, whatever
/// the tense of the clause around it.
#[test]
fn dates_modifying_a_noun() {
    check(&[
        (
            "Officials said the rebels ignored the Nov. 20 deadline.",
            R,
            "Nov. 20",
            "2024-11-20",
        ),
        (
            "Traders placed orders for December deliveries.",
            R,
            "December",
            "2024-12",
        ),
        // not a modifier: the clause's tense
        (
            "The rebels attacked on Nov. 20 and withdrew.",
            R,
            "Nov. 20",
            "2023-11-20",
        ),
    ]);
}

/// Participles used as adjectives (`Iran-backed`, `preferred shares`) mark
/// no past tense; `decided/agreed/vowed to` look ahead; a name between a
/// fronted weekday and its verb does not count against the look-ahead.
#[test]
fn tense_cues_adjectives_intentions_names() {
    check(&[
        ("The coalition will strike Iran-backed militias on Saturday.", R, "Saturday", "2024-11-09"),
        ("The firm will redeem Series B preferred shares on Feb. 20.", R, "Feb. 20", "2025-02-20"),
        ("The council decided to hold the vote in January.", R, "January", "2025-01"),
        ("The council decided in January to hold a vote.", R, "January", "2024-01"),
        (
            "On Saturday, the Syrian Observatory for Human Rights Monitoring Group plans to publish a report.",
            R,
            "Saturday",
            "2024-11-09",
        ),
    ]);
}

/// `the previous Friday`, `the following Monday`: the weekday before (after)
/// the last day named.
#[test]
fn previous_and_following_weekday() {
    check(&[
        (
            "Shares closed lower on Oct. 25, 2024 than the previous Friday.",
            R,
            "the previous Friday",
            "2024-10-18",
        ),
        (
            "Shelling stopped on Oct. 25, 2024 and resumed the following Monday.",
            R,
            "the following Monday",
            "2024-10-28",
        ),
    ]);
}

/// `DATE, the day before X`: the apposition restates the day named before it.
#[test]
fn apposition_the_day_before() {
    check(&[
        (
            "Markets fell on Oct. 12, 2024, the day before the vote.",
            R,
            "the day before",
            "2024-10-12",
        ),
        (
            "Shops reopened on Monday, the day after the curfew ended.",
            R,
            "the day after",
            "2024-11-04",
        ),
    ]);
}

/// A season after `into`, `through`, `throughout` is a date.
#[test]
fn season_after_into_through() {
    check(&[
        (
            "Demand should stay strong well into the summer.",
            R,
            "the summer",
            "2025-SU",
        ),
        (
            "Rationing went on through the winter.",
            R,
            "the winter",
            "2024-WI",
        ),
    ]);
}

/// `a year earlier` after a report period of six or nine months is that
/// period a year before (a year), not the quarter named earlier.
#[test]
fn year_earlier_after_nine_months() {
    check(&[(
        "Third-quarter profit rose 4%. In the first nine months, sales rose 5%, compared with 3% a year earlier.",
        R,
        "a year earlier",
        "2023",
    )]);
}

/// A plan with its object (`planned a rally on Saturday`, `plans another
/// strike`) and a meeting in the present tense (`the two ministers meet
/// Monday`) look ahead; `to meet demand` is no meeting.
#[test]
fn plans_and_meetings_ahead() {
    check(&[
        (
            "Opposition groups planned a march through the capital on Saturday.",
            R,
            "Saturday",
            "2024-11-09",
        ),
        (
            "The two foreign ministers meet separately Monday in Geneva.",
            R,
            "Monday",
            "2024-11-11",
        ),
        // past: no plan object, no meeting
        (
            "Opposition groups planned the march on Saturday, police said.",
            R,
            "Saturday",
            "2024-11-02",
        ),
    ]);
}

/// A year between a determiner's adjective and its noun is a date (`his
/// failed 1991 bid`); a count is not (`the remaining 2000 troops`).
#[test]
fn year_after_an_adjective() {
    check(&[(
        "The general recalled his failed 1991 bid for the presidency.",
        R,
        "1991",
        "1991",
    )]);
    none_in(&[
        "The remaining 2000 troops left the base.",
        "The other 1500 people were evacuated.",
        "Their estimated 1800 fighters withdrew.",
    ]);
}

/// Two days joined by `and`/`or`/`to`/`through` are two expressions, one per
/// day (TimeML): `April 24 and 25`, `12 and 13 June`; a year written after
/// the second day is the first one's too. A number after the conjunction
/// that counts a noun is no day (`on March 5 and 6 soldiers`); a dash range
/// stays one expression.
#[test]
fn conjoined_days() {
    check(&[
        (
            "Talks resume on December 9 and 10 in Doha.",
            R,
            "December 9",
            "2024-12-09",
        ),
        (
            "Talks resume on December 9 and 10 in Doha.",
            R,
            "10",
            "2024-12-10",
        ),
        ("Voting was held on 2 and 3 October.", R, "2", "2024-10-02"),
        (
            "Voting was held on 2 and 3 October.",
            R,
            "3 October",
            "2024-10-03",
        ),
        (
            "The hearings ran from Feb. 3 to 7, 2022, in Kyiv.",
            R,
            "Feb. 3",
            "2022-02-03",
        ),
        (
            "The hearings ran from Feb. 3 to 7, 2022, in Kyiv.",
            R,
            "7, 2022",
            "2022-02-07",
        ),
        (
            "Shelling hit the town on Aug. 14th or 15th.",
            R,
            "15th",
            "2024-08-15",
        ),
        (
            "Clashes on 21-22 September killed ten.",
            R,
            "21-22 September",
            "2024-09-21",
        ),
    ]);
    let ms = find_dates("On March 5 and 6 soldiers were wounded.", Some(d(R)));
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert_eq!(ms[0].text, "March 5");
}

/// `the week of DATE` is the ISO week holding that day.
#[test]
fn the_week_of_a_day() {
    check(&[
        (
            "The trial opens the week of Jan. 13.",
            R,
            "the week of Jan. 13",
            "2025-W03",
        ),
        (
            "Envoys met during the week of September 30, 2024.",
            R,
            "the week of September 30, 2024",
            "2024-W40",
        ),
    ]);
}

/// `the quarter ended DATE`, in a report that has named no quarter, is the
/// calendar quarter holding most of the three months before that day.
#[test]
fn quarter_ended_a_day() {
    check(&[
        (
            "In the quarter ended April 30, the refiner lost $3 million.",
            R,
            "the quarter",
            "2024-Q1",
        ),
        (
            "Sales in the quarter ended Jan. 31 rose 4%.",
            R,
            "the quarter",
            "2023-Q4",
        ),
        (
            "Profit for the quarter ended Sept. 30 fell.",
            R,
            "the quarter",
            "2024-Q3",
        ),
    ]);
}

/// `one day` right after a modal or `to` is an indefinite future (TimeML
/// FUTURE_REF); `for one day`, `one day later` are not.
#[test]
fn one_day_in_the_future() {
    check(&[
        (
            "Exiles hope the border will one day reopen.",
            R,
            "one day",
            "FUTURE_REF",
        ),
        (
            "She wants to one day return to Aleppo.",
            R,
            "one day",
            "FUTURE_REF",
        ),
        ("The road was closed for one day.", R, "for one day", "P1D"),
    ]);
}

/// A weekday fronted before a past-form verb of intention dates the
/// decision (`On Monday, the council decided to ...`); after the verb it is
/// what was decided (`decided to close it on Monday`).
#[test]
fn fronted_day_before_an_intention() {
    check(&[
        (
            "On Monday, the council decided to close the crossing.",
            R,
            "Monday",
            "2024-11-04",
        ),
        (
            "On Tuesday, the rebels vowed to retake the town.",
            R,
            "Tuesday",
            "2024-11-05",
        ),
        (
            "The council decided to close the crossing on Monday.",
            R,
            "Monday",
            "2024-11-11",
        ),
        (
            "On Monday, a rally is planned for the capital.",
            R,
            "Monday",
            "2024-11-11",
        ),
    ]);
}

/// `last/this/next quarter`, `the past quarter` are next to the reference's
/// calendar quarter; `the last quarter of 2023` is its fourth; `the current
/// year/month/week` are the reference's.
#[test]
fn relative_quarters_and_current_periods() {
    check(&[
        ("Exports shrank last quarter.", R, "last quarter", "2024-Q3"),
        (
            "Exports should recover next quarter.",
            R,
            "next quarter",
            "2025-Q1",
        ),
        (
            "Exports are flat this quarter.",
            R,
            "this quarter",
            "2024-Q4",
        ),
        (
            "Exports shrank in the past quarter.",
            R,
            "the past quarter",
            "2024-Q3",
        ),
        (
            "Exports shrank in the last quarter of 2023.",
            R,
            "the last quarter of 2023",
            "2023-Q4",
        ),
        (
            "Budgets for the current year were cut.",
            R,
            "the current year",
            "2024",
        ),
        (
            "Fuel ran short in the current month.",
            R,
            "the current month",
            "2024-11",
        ),
    ]);
    none_in(&["He scored in the last quarter of the game."]);
}

/// A weekday with a part of the day before an explicit date is one
/// expression (`Tuesday morning, November 19`), so the weekday can fix the
/// year of an undated article, as `Tuesday, November 19` does.
#[test]
fn weekday_part_of_day_and_date() {
    check(&[
        (
            "Gunfire was heard early that Tuesday morning, November 19.",
            R,
            "Tuesday morning, November 19",
            "2024-11-19",
        ),
        (
            "On Friday night, Dec. 6, rebels attacked.",
            R,
            "Friday night, Dec. 6",
            "2024-12-06",
        ),
    ]);
    let ms = find_dates("Shots rang out on Sunday evening, March 3.", None);
    assert_eq!(ms[0].text, "Sunday evening, March 3", "{ms:?}");
    assert_eq!(ms[0].value, "XXXX-03-03");
    assert_eq!(
        sitrep_dates::named_weekday(&ms[0].text),
        Some(chrono::Weekday::Sun)
    );
}

/// Round 4. Modal verbs look ahead like `will` ("would visit on Monday",
/// "may resume in January"), but not `would have` (a past that did not
/// happen); `is/are to` + verb is a plan.
#[test]
#[rustfmt::skip]
fn modals_and_is_to_look_ahead() {
    check(&[
        ("The envoy said he would visit the camps on Monday.", R, "Monday", "2024-11-11"),
        ("Officials said flights could resume in January.", R, "January", "2025-01"),
        ("The talks may restart on Saturday, a diplomat said.", R, "Saturday", "2024-11-09"),
        ("The two sides are to sign the truce on Tuesday.", R, "Tuesday", "2024-11-12"),
        ("The vote would have taken place on Monday.", R, "Monday", "2024-11-04"),
    ]);
}

/// Round 4 (coverage). A date right after `since` starts a period that
/// reaches the reference, so it lies before it whatever the clause's tense
/// ("since December" in a November article is last December).
#[test]
#[rustfmt::skip]
fn since_a_date_lies_before_the_reference() {
    check(&[
        ("The road has been cut since December.", R, "since December", "2023-12"),
        ("The crossing has stayed shut since mid-January.", R, "since mid-January", "2024-01"),
        ("The camp has been under siege since the end of December.", R, "since the end of December", "2023-12"),
        ("Nobody has left the town since Dec. 20.", R, "since Dec. 20", "2023-12-20"),
        ("Aid will keep flowing, as it has ever since Saturday.", R, "since Saturday", "2024-11-02"),
    ]);
}

/// Round 4 (coverage). Irregular past forms beyond the commonest ones mark
/// a past clause (`overran`, `retook`, `underwent`, `chose`, `heard`,
/// `spent`); a participle after a present `is/are` does not ("the appeal is
/// heard in December" is still to come).
#[test]
#[rustfmt::skip]
fn irregular_past_forms_and_present_passives() {
    check(&[
        ("Insurgents overran the outpost in December.", R, "December", "2023-12"),
        ("The brigade retook the hill in January.", R, "January", "2024-01"),
        ("The envoy underwent surgery in December.", R, "December", "2023-12"),
        ("A military court heard the case on Dec. 4.", R, "Dec. 4", "2023-12-04"),
        ("The ministry spent its whole budget in December.", R, "December", "2023-12"),
        ("Their appeal is heard in December by the high court.", R, "December", "2024-12"),
    ]);
}

/// Round 4 (coverage). Parts of a named period: `the second half of the
/// year` (the reference year, as `of this year`), `the closing days of
/// October`, `the first weeks of 2023` (the month or year named; not `the
/// last days of the war`).
#[test]
#[rustfmt::skip]
fn halves_of_the_year_and_closing_days() {
    check(&[
        ("Aid deliveries fell in the second half of the year.", R, "the second half of the year", "2024-H2"),
        ("The first quarter of the year was calm.", R, "The first quarter of the year", "2024-Q1"),
        ("The town fell in the closing days of October.", R, "the closing days of October", "2024-10"),
        ("The first weeks of 2023 were calm on the front.", R, "The first weeks of 2023", "2023"),
        ("Prices rose in the final months of last year.", R, "the final months of last year", "2023"),
    ]);
    none_in(&["The town fell in the last days of the war."]);
    let m = found("The town fell in the closing days of October.", R, "the closing days of October");
    assert_eq!(m.date, Some(d("2024-10-21")));
}

/// Round 4 (coverage). A month named after another one in a list or range
/// is a date too (`in March and April`, `from March to June`, `in January,
/// February and March`), as are months after `between`, `around`, `over`
/// and `as of`.
#[test]
#[rustfmt::skip]
fn listed_months() {
    check(&[
        ("Fighting raged in March and April.", R, "April", "2024-04"),
        ("Shelling went on from March to June.", R, "June", "2024-06"),
        ("Prices rose in January, February and March.", R, "February", "2024-02"),
        ("Prices rose in January, February and March.", R, "March", "2024-03"),
        ("Clashes broke out between March and June.", R, "March", "2024-03"),
        ("As of March, the front was stable.", R, "March", "2024-03"),
        ("Fighting raged over March and April.", R, "March", "2024-03"),
    ]);
}
