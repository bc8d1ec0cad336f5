//! Wire-style fixture articles (written for these tests, not seeds) through the
//! whole pipeline: the events an analyst expects, with places, counts and actors.

use chrono::NaiveDate;
use sitrep_model::Record;
use sitrep_pipeline::{Document, Pipeline};

fn extract(name: &str) -> Record {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    Pipeline::new().extract(
        &Document::text(name, &text),
        NaiveDate::from_ymd_opt(2024, 5, 14),
    )
}

fn find<'a>(r: &'a Record, subtype: &str, place: &str) -> &'a sitrep_model::Event {
    r.events
        .iter()
        .find(|e| e.subtype == subtype && e.location.as_ref().is_some_and(|l| l.name == place))
        .unwrap_or_else(|| {
            panic!(
                "no {subtype} at {place} in {:#?}",
                r.events
                    .iter()
                    .map(|e| (&e.subtype, e.location.as_ref().map(|l| &l.name)))
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn ukraine_wire_report() {
    let r = extract("wire_ukraine.txt");
    let kharkiv = find(&r, "Air/drone strike", "Kharkiv");
    assert_eq!((kharkiv.fatalities, kharkiv.injured), (Some(3), Some(12)));
    assert_eq!(
        kharkiv.date.as_deref(),
        Some("2024-05-13"),
        "overnight before a Tuesday report"
    );
    assert_eq!(kharkiv.actor1.as_deref(), Some("Russia"));
    // The dateline city is where the report was filed, not an event place.
    assert!(!r
        .events
        .iter()
        .any(|e| e.location.as_ref().is_some_and(|l| l.name == "Kyiv")
            && e.subtype == "Air/drone strike"
            && e.fatalities == Some(3)));
    assert_eq!(
        find(&r, "Disrupted weapons use", "Ukraine").intercepted,
        Some(45)
    );
    assert_eq!(
        find(&r, "Shelling/artillery/missile attack", "Kherson").fatalities,
        Some(1)
    );
    // ACLED's territory rule: a foreign state's forces taking a place overtake it.
    let village = find(&r, "Non-state actor overtakes territory", "Novoselivka");
    assert_eq!(village.claimed_by.as_deref(), Some("Russia"));
    let lavrov = r
        .statements
        .iter()
        .find(|s| s.speaker == "Sergei Lavrov")
        .expect("Lavrov's warning");
    assert_eq!(lavrov.kind, sitrep_model::StatementKind::Threat);
}

#[test]
fn other_conflicts() {
    let r = extract("wire_gaza_sudan.txt");
    assert_eq!(
        find(&r, "Air/drone strike", "Gaza City").fatalities,
        Some(20)
    );
    let fasher = find(&r, "Attack", "El Fasher");
    assert_eq!(fasher.actor1.as_deref(), Some("Rapid Support Forces"));
    assert_eq!(fasher.fatalities, Some(15));
    assert_eq!(
        find(&r, "Peaceful protest", "Khartoum").date.as_deref(),
        Some("2024-05-11")
    );
}

#[test]
fn mixed_phrasings() {
    let r = extract("wire_mixed.txt");
    let k = find(&r, "Shelling/artillery/missile attack", "Kostiantynivka");
    assert_eq!((k.fatalities, k.injured), (Some(2), Some(5)));
    // "the Donetsk regional prosecutor's office" is a source, not a second place.
    assert!(!r
        .events
        .iter()
        .any(|e| e.location.as_ref().is_some_and(|l| l.name == "Donetsk")));
    // "the Russian-occupied city of Melitopol": an explosion, not a capture; in an
    // article reporting strikes, explosions with no other cause are coded as a strike.
    let melitopol = r
        .events
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == "Melitopol"))
        .expect("the explosions at Melitopol");
    assert_eq!(melitopol.event_type, "Explosions/Remote violence");
    assert!(!r
        .events
        .iter()
        .any(|e| e.subtype == "Government regains territory"));
    find(&r, "Armed clash", "Robotyne");
    let peskov = r
        .statements
        .iter()
        .find(|s| s.speaker == "Dmitry Peskov")
        .unwrap();
    assert_eq!(peskov.kind, sitrep_model::StatementKind::Refusal);
    assert_eq!(peskov.date.as_deref(), Some("2024-05-12"));
}

#[test]
fn ordinary_news_is_not_conflict_events() {
    let r = extract("wire_not_conflict.txt");
    let got: Vec<(&str, &str)> = r
        .events
        .iter()
        .map(|e| {
            (
                e.subtype.as_str(),
                e.location.as_ref().map_or("", |l| l.name.as_str()),
            )
        })
        .collect();
    // fires, insider trading, sport, a diplomatic note, handing over people, a criminal
    // kidnapping and capturing gas are not conflict events
    for place in [
        "Winnipeg",
        "Boston",
        "Birmingham",
        "Budapest",
        "Havana",
        "Houston",
        "Fort Worth",
        "Wyoming",
        "Colombo",
        "West Bank",
    ] {
        assert!(!got.iter().any(|(_, p)| *p == place), "{place} in {got:?}");
    }
    // ... while a security-service arrest and a street protest are
    find(&r, "Arrests", "Kharkiv");
    find(&r, "Peaceful protest", "Tbilisi");
}

#[test]
fn polls_groups_and_listeners_are_not_speakers() {
    let r = extract("wire_speakers.txt");
    let speakers: Vec<&str> = r.statements.iter().map(|s| s.speaker.as_str()).collect();
    // "51 percent say", "prosecutors said", "told Reuters": not Lavrov, Graham or Reuters
    assert!(!speakers.contains(&"Sergei Lavrov"), "{speakers:?}");
    assert!(!speakers.contains(&"Lindsey Graham"), "{speakers:?}");
    assert!(!speakers.contains(&"Reuters"), "{speakers:?}");
    assert!(speakers.contains(&"Volodymyr Zelenskyy"), "{speakers:?}");
}

#[test]
fn scraped_wire_page_with_widgets() {
    let path = format!(
        "{}/tests/fixtures/wire_reuters_page.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    // No --published: the header date line gives it.
    let r = Pipeline::new().extract(&Document::text("page.txt", &text), None);
    assert_eq!(r.published.as_deref(), Some("2024-11-07"));
    assert_eq!(
        r.title.as_deref(),
        Some("Ukraine says it hit Russian oil depot in Bryansk region")
    );
    assert!(
        r.body
            .starts_with("KYIV, Nov 7 (Reuters) - Ukrainian drones struck"),
        "{}",
        r.body
    );
    for junk in [
        "Advertisement",
        "Scroll to continue",
        "Sign up here",
        "Our Standards",
        "Read Next",
        "Trump picks",
        "GMT+2",
    ] {
        assert!(!r.body.contains(junk), "{junk} left in the body");
    }
    // The dateline dates the report; the strike was overnight.
    let strike = find(&r, "Air/drone strike", "Bryansk Oblast");
    assert_eq!(strike.date.as_deref(), Some("2024-11-06"));
    assert_eq!(strike.actor1.as_deref(), Some("Ukraine"));
}
