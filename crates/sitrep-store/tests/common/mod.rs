//! Helpers shared by the store's integration tests: hand-made records.
#![allow(dead_code)]

use sitrep_model::{Event, Record, Statement};

/// An event at a known place (coordinates as the gazetteer gives them).
pub fn event(
    subtype: &str,
    date: &str,
    place: &str,
    lat: f64,
    lon: f64,
    fatalities: Option<u32>,
    evidence: &str,
) -> Event {
    let t = sitrep_model::ontology::type_of(subtype).expect("ontology subtype");
    serde_json::from_value(serde_json::json!({
        "type": t, "subtype": subtype, "date": date, "date_precision": "day",
        "location": {"name": place, "admin1": format!("{place} Oblast"), "country": "UA", "lat": lat, "lon": lon, "precision": "city"},
        "actor1": "Russia", "actor2": "Ukraine", "weapons": ["drone"],
        "fatalities": fatalities, "injured": null, "intercepted": null,
        "certainty": "reported", "claimed_by": null, "evidence": evidence
    }))
    .unwrap()
}

pub fn statement(speaker: &str, kind: &str, date: &str, evidence: &str) -> Statement {
    serde_json::from_value(serde_json::json!({
        "speaker": speaker, "date": date, "kind": kind, "target": null, "evidence": evidence
    }))
    .unwrap()
}

pub fn record(
    doc: &str,
    url: Option<&str>,
    outlet: &str,
    published: &str,
    body: &str,
    events: Vec<Event>,
) -> Record {
    Record {
        doc: doc.into(),
        url: url.map(str::to_string),
        source: Some(outlet.into()),
        published: Some(published.into()),
        body: body.into(),
        events,
        ..Default::default()
    }
}

pub const KYIV: (f64, f64) = (50.4501, 30.5234);
pub const KHARKIV: (f64, f64) = (49.9935, 36.2304);
pub const ODESA: (f64, f64) = (46.4825, 30.7233);

/// A small realistic batch: two outlets on one Kharkiv strike (17 vs 18 killed),
/// a Kyiv strike the same day, an Odesa strike the next day, a statement.
pub fn sample() -> Vec<Record> {
    let mut a = record(
        "a.txt",
        Some("https://one.example/kharkiv"),
        "Outlet One",
        "2024-05-10",
        "Russian guided bombs struck Kharkiv, killing 17. Zelensky demanded more air defence.",
        vec![event(
            "Air/drone strike",
            "2024-05-10",
            "Kharkiv",
            KHARKIV.0,
            KHARKIV.1,
            Some(17),
            "Russian guided bombs struck Kharkiv, killing 17",
        )],
    );
    a.statements.push(statement(
        "Volodymyr Zelensky",
        "demand",
        "2024-05-10",
        "Zelensky demanded more air defence",
    ));
    a.entities.people.push("Volodymyr Zelensky".into());
    let b = record(
        "b.txt",
        Some("https://two.example/news/1"),
        "Outlet Two",
        "2024-05-11",
        "The toll of the glide bomb attack on Kharkov rose to 18. Separately, drones hit Kyiv.",
        vec![
            event(
                "Air/drone strike",
                "2024-05-10",
                "Kharkov",
                KHARKIV.0 + 0.01,
                KHARKIV.1,
                Some(18),
                "The toll of the glide bomb attack on Kharkov rose to 18",
            ),
            event(
                "Air/drone strike",
                "2024-05-10",
                "Kyiv",
                KYIV.0,
                KYIV.1,
                None,
                "drones hit Kyiv",
            ),
        ],
    );
    let c = record(
        "c.txt",
        None,
        "Outlet Three",
        "2024-05-11",
        "A missile hit the port of Odesa on Saturday; sunflower oil terminals burned.",
        vec![event(
            "Shelling/artillery/missile attack",
            "2024-05-11",
            "Odesa",
            ODESA.0,
            ODESA.1,
            Some(2),
            "A missile hit the port of Odesa on Saturday",
        )],
    );
    vec![a, b, c]
}
