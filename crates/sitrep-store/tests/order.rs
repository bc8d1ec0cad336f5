//! The same set of articles gives the same incidents, with the same ids and
//! the same headline figures, whatever order and batches they are ingested in.
mod common;

use proptest::prelude::*;
use sitrep_model::Record;
use sitrep_store::{MemStore, SqliteStore, Store};

/// Everything a reader sees of the store's incidents, in a stable order.
fn snapshot(store: &dyn Store) -> Vec<serde_json::Value> {
    let mut v: Vec<serde_json::Value> = store
        .incidents(&Default::default())
        .unwrap()
        .into_iter()
        .map(|i| serde_json::to_value(i).unwrap())
        .collect();
    v.sort_by_key(|x| x["id"].as_str().unwrap().to_string());
    v
}

fn ingest_in(store: &mut dyn Store, recs: &[Record], batches: &[usize]) {
    let mut rest = recs;
    let mut sizes = batches.iter().cycle();
    while !rest.is_empty() {
        let n = (*sizes.next().unwrap()).clamp(1, rest.len());
        store.ingest(&rest[..n]).unwrap();
        rest = &rest[n..];
    }
}

/// Two reports of one strike with different tolls: the same incident, id and
/// headline figures (the lowest reported) in both orders; both figures kept.
#[test]
fn two_reports_in_either_order_give_one_incident() {
    let rec = |doc: &str, outlet: &str, killed: u32, injured: u32, published: &str| -> Record {
        let mut e = common::event(
            "Air/drone strike",
            "2024-11-06",
            "Kharkiv",
            49.99,
            36.23,
            Some(killed),
            &format!("{outlet}: a drone strike on Kharkiv killed {killed} and injured {injured}"),
        );
        e.injured = Some(injured);
        serde_json::from_value(serde_json::json!({
            "doc": doc, "published": published, "source": outlet,
            "body": format!("{outlet}: a drone strike on Kharkiv killed {killed} and injured {injured}."),
            "events": [e]
        }))
        .unwrap()
    };
    let a = rec("a.txt", "Outlet A", 3, 21, "2024-11-06");
    let b = rec("b.txt", "Outlet B", 4, 19, "2024-11-07");
    let mut outs = Vec::new();
    for order in [[a.clone(), b.clone()], [b, a]] {
        for one_by_one in [false, true] {
            let mut s = SqliteStore::in_memory().unwrap();
            ingest_in(&mut s, &order, if one_by_one { &[1] } else { &[2] });
            let snap = snapshot(&s);
            assert_eq!(snap.len(), 1);
            assert_eq!(snap[0]["fatalities"], 3, "the lowest reported toll");
            assert_eq!(snap[0]["injured"], 19, "the lowest reported figure");
            assert_eq!(snap[0]["claims"].as_array().unwrap().len(), 4, "every figure kept");
            outs.push(snap);
        }
    }
    assert!(outs.windows(2).all(|w| w[0] == w[1]), "{outs:#?}");
}

/// An undated report of a strike joins the one incident at its city, in any
/// order and batching; beside a second incident there it stays its own.
#[test]
fn an_undated_report_joins_the_only_incident_at_its_city() {
    let rec = |doc: &str, date: Option<&str>, body: &str| -> Record {
        let mut e = common::event("Air/drone strike", date.unwrap_or("2024-01-01"), "Sumy", 50.91, 34.80, Some(2), body);
        if date.is_none() {
            e.date = None;
            e.date_precision = None;
        }
        serde_json::from_value(serde_json::json!({
            "doc": doc, "published": date, "source": doc, "body": body, "events": [e]
        }))
        .unwrap()
    };
    let a = rec("a.txt", Some("2024-03-05"), "Drones hit Sumy on Tuesday, killing two.");
    let u = rec("u.txt", None, "Two people died when Russian drones struck Sumy.");
    let b = rec("b.txt", Some("2024-03-19"), "Sumy was struck by drones again on Tuesday.");
    for (recs, incidents) in [(vec![a.clone(), u.clone()], 1), (vec![a, u, b], 3)] {
        let mut outs = Vec::new();
        for order in [recs.clone(), recs.iter().rev().cloned().collect()] {
            for batches in [&[1usize][..], &[3]] {
                let mut s = SqliteStore::in_memory().unwrap();
                ingest_in(&mut s, &order, batches);
                outs.push(snapshot(&s));
                let mut m = MemStore::new();
                ingest_in(&mut m, &order, batches);
                outs.push(snapshot(&m));
            }
        }
        assert_eq!(outs[0].len(), incidents, "{:#?}", outs[0]);
        assert!(outs.windows(2).all(|w| w[0] == w[1]), "{outs:#?}");
    }
}

const PLACES: &[(&str, f64, f64)] = &[
    ("Kharkiv", 49.99, 36.23),
    ("Kharkov", 49.99, 36.23),
    ("Chuhuiv", 49.84, 36.69),
    ("Pisochyn", 49.95, 36.10),
];

/// A random report: one or two events about a few places and days, some at
/// night, some with an actor unknown, some at a coarser date precision, some
/// undated or dated from a guessed year.
fn report() -> impl Strategy<Value = Vec<(usize, usize, usize, u8, u8, u8, u32)>> {
    proptest::collection::vec(
        (0..PLACES.len(), 0..4usize, 0..3usize, 0..3u8, 0..3u8, 0..6u8, 0..9u32),
        1..3,
    )
}

fn record(i: usize, events: &[(usize, usize, usize, u8, u8, u8, u32)]) -> Record {
    const SUBTYPES: [&str; 3] = ["Air/drone strike", "Shelling/artillery/missile attack", "Disrupted weapons use"];
    let evs: Vec<serde_json::Value> = events
        .iter()
        .map(|&(p, day, sub, when, actor, prec, killed)| {
            let (name, lat, lon) = PLACES[p];
            let mut e = serde_json::to_value(common::event(
                SUBTYPES[sub],
                &format!("2024-05-{:02}", 10 + day),
                name,
                lat,
                lon,
                Some(killed),
                &format!(
                    "Report {i}: {} attack on {name}",
                    ["An overnight", "An afternoon", "An"][when as usize]
                ),
            ))
            .unwrap();
            if actor == 1 {
                e["actor1"] = serde_json::Value::Null;
            }
            if actor == 2 {
                e["actor2"] = serde_json::Value::Null;
            }
            if prec == 0 {
                e["date_precision"] = "week".into();
            }
            if prec == 1 {
                e["location"]["precision"] = "region".into();
            }
            if prec == 2 {
                // Undated: joins the only incident it matches, whatever the order.
                e["date"] = serde_json::Value::Null;
                e["date_precision"] = serde_json::Value::Null;
            }
            if prec == 3 {
                // A weekday counted from a guessed year: no date for matching.
                e["date_precision"] = "week".into();
                e["year_known"] = false.into();
            }
            e
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "doc": format!("r{i}.txt"), "published": "2024-05-15", "source": format!("Outlet {}", i % 3),
        "body": format!("Report {i}: {events:?}"), "events": evs
    }))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Shuffled ingest orders and batch sizes give the same incidents (ids,
    /// members, headline figures, sources) in both stores.
    #[test]
    fn shuffled_ingest_orders_give_the_same_incidents(
        reports in proptest::collection::vec(report(), 2..14),
        perm_seed in any::<u64>(),
        batches in proptest::collection::vec(1..5usize, 1..4),
    ) {
        let recs: Vec<Record> = reports.iter().enumerate().map(|(i, r)| record(i, r)).collect();
        let mut s = SqliteStore::in_memory().unwrap();
        s.ingest(&recs).unwrap();
        let reference = snapshot(&s);
        // A permutation from the seed (Fisher-Yates with an xorshift).
        let mut shuffled = recs.clone();
        let mut x = perm_seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let mut s2 = SqliteStore::in_memory().unwrap();
        ingest_in(&mut s2, &shuffled, &batches);
        prop_assert_eq!(&snapshot(&s2), &reference);
        let mut rev = recs.clone();
        rev.reverse();
        let mut m = MemStore::new();
        ingest_in(&mut m, &rev, &[1]);
        prop_assert_eq!(&snapshot(&m), &reference);
    }
}
