//! The `Store` contract, run against both the SQLite store and the in-memory one.
mod common;

use chrono::NaiveDate;
use common::*;
use sitrep_store::{IncidentQuery, MemStore, SqliteStore, StatementQuery, Store};

fn stores() -> Vec<(&'static str, Box<dyn Store>)> {
    vec![
        ("sqlite", Box::new(SqliteStore::in_memory().unwrap())),
        ("mem", Box::new(MemStore::new())),
    ]
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn incidents_merge_sources_and_keep_every_claim() {
    for (name, mut s) in stores() {
        let rep = s.ingest(&sample()).unwrap();
        assert_eq!(
            (
                rep.articles_new,
                rep.events,
                rep.incidents_new,
                rep.incidents_merged
            ),
            (3, 4, 3, 1),
            "{name}"
        );
        let all = s.incidents(&IncidentQuery::default()).unwrap();
        assert_eq!(all.len(), 3, "{name}");
        let kh = all
            .iter()
            .find(|i| i.sources.len() == 2)
            .expect("the Kharkiv incident has two sources");
        assert_eq!(
            kh.location.as_ref().unwrap().name.to_lowercase()[..4],
            *"khar"
        );
        let mut values: Vec<(u32, String)> =
            kh.claims.iter().map(|c| (c.value, c.by.clone())).collect();
        values.sort();
        assert_eq!(
            values,
            vec![
                (17, "Outlet One".to_string()),
                (18, "Outlet Two".to_string())
            ],
            "{name}"
        );
        // The most conservative figure is the headline (ACLED's rule), whatever
        // the order or the recency of the reports; 18 stays in the claims.
        assert_eq!(kh.fatalities, Some(17), "{name}");
        assert!(kh
            .sources
            .iter()
            .any(|s| s.url.as_deref() == Some("https://one.example/kharkiv")));
        assert_eq!(s.incident(&kh.id).unwrap().as_ref(), Some(kh));
        // Stored records carry their events' incident ids.
        let b = s.article("b.txt").unwrap().unwrap();
        assert_eq!(
            b.events[0].cluster_id.as_deref(),
            Some(kh.id.as_str()),
            "{name}"
        );
        assert_ne!(b.events[1].cluster_id, b.events[0].cluster_id, "{name}");
        assert!(s.incident("inc-nope").unwrap().is_none());
    }
}

#[test]
fn reingest_is_idempotent_and_ids_are_stable() {
    let mut ids = Vec::new();
    for (name, mut s) in stores() {
        s.ingest(&sample()).unwrap();
        let before = s.incidents(&IncidentQuery::default()).unwrap();
        let rep = s.ingest(&sample()).unwrap();
        assert_eq!(
            (rep.articles_new, rep.articles_unchanged, rep.events),
            (0, 3, 0),
            "{name}"
        );
        // Same body under another file name and spacing: the same article.
        let mut copy = sample()[2].clone();
        copy.doc = "copy-of-c.txt".into();
        copy.body = format!("  {}\n", copy.body.to_uppercase());
        assert_eq!(s.ingest(&[copy]).unwrap().articles_unchanged, 1, "{name}");
        let after = s.incidents(&IncidentQuery::default()).unwrap();
        assert_eq!(before, after, "{name}");
        let st = s.stats().unwrap();
        assert_eq!((st.articles, st.events, st.incidents), (3, 4, 3), "{name}");
        let mut v: Vec<String> = after.iter().map(|i| i.id.clone()).collect();
        v.sort();
        ids.push(v);
    }
    // Both stores, and any fresh run, derive the same ids.
    assert_eq!(ids[0], ids[1]);
    let mut again = SqliteStore::in_memory().unwrap();
    for r in sample() {
        again.ingest(&[r]).unwrap();
    }
    let mut v: Vec<String> = again
        .incidents(&IncidentQuery::default())
        .unwrap()
        .iter()
        .map(|i| i.id.clone())
        .collect();
    v.sort();
    assert_eq!(v, ids[0]);
}

#[test]
fn changed_version_of_a_url_replaces_and_keeps_history() {
    let mut sq = SqliteStore::in_memory().unwrap();
    let mut mem = MemStore::new();
    let mut changed = sample()[0].clone();
    changed.body = "Updated: Russian guided bombs struck Kharkiv, killing 19.".into();
    changed.events[0].fatalities = Some(19);
    changed.events[0].evidence = "Russian guided bombs struck Kharkiv, killing 19".into();
    for s in [&mut sq as &mut dyn Store, &mut mem as &mut dyn Store] {
        s.ingest(&sample()).unwrap();
        let rep = s.ingest(&[changed.clone()]).unwrap();
        assert_eq!(
            (rep.articles_updated, rep.articles_new, rep.events),
            (1, 0, 1)
        );
        let st = s.stats().unwrap();
        assert_eq!((st.articles, st.events, st.incidents), (3, 4, 3));
        let kh = s
            .incidents(&IncidentQuery::default())
            .unwrap()
            .into_iter()
            .find(|i| i.sources.len() == 2)
            .unwrap();
        let mut values: Vec<u32> = kh.claims.iter().map(|c| c.value).collect();
        values.sort();
        assert_eq!(
            values,
            vec![18, 19],
            "the old 17 is history, not a current claim"
        );
        assert_eq!(
            s.article("a.txt").unwrap().unwrap().events[0].fatalities,
            Some(19)
        );
    }
    let h = sq.history("https://one.example/kharkiv").unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].events[0].fatalities, Some(17));
    assert_eq!(
        mem.history("https://one.example/kharkiv")[0].events[0].fatalities,
        Some(17)
    );
}

#[test]
fn incident_id_survives_the_replacement_of_its_first_source() {
    let mut s = SqliteStore::in_memory().unwrap();
    s.ingest(&sample()).unwrap();
    let id = s.incident_ids_of("a.txt").unwrap()[0].clone();
    let mut changed = sample()[0].clone();
    changed.body.push_str(" Rescue work went on all night.");
    s.ingest(&[changed]).unwrap();
    assert_eq!(s.incident_ids_of("a.txt").unwrap(), vec![id.clone()]);
    assert_eq!(s.incident_ids_of("b.txt").unwrap()[0], id);
}

#[test]
fn filters() {
    for (name, mut s) in stores() {
        s.ingest(&sample()).unwrap();
        let q = |q: IncidentQuery| s.incidents(&q).unwrap();
        assert_eq!(
            q(IncidentQuery {
                since: Some(day("2024-05-11")),
                ..Default::default()
            })
            .len(),
            1,
            "{name}"
        );
        assert_eq!(
            q(IncidentQuery {
                until: Some(day("2024-05-10")),
                ..Default::default()
            })
            .len(),
            2,
            "{name}"
        );
        let t = q(IncidentQuery {
            subtype: Some("shelling/artillery/missile attack".into()),
            ..Default::default()
        });
        assert_eq!(t.len(), 1, "{name}");
        assert_eq!(t[0].location.as_ref().unwrap().name, "Odesa");
        assert_eq!(
            q(IncidentQuery {
                event_type: Some("Battles".into()),
                ..Default::default()
            })
            .len(),
            0,
            "{name}"
        );
        let near = q(IncidentQuery {
            near: Some((KYIV.0 + 0.1, KYIV.1, 20.0)),
            ..Default::default()
        });
        assert_eq!(near.len(), 1, "{name}");
        assert_eq!(near[0].location.as_ref().unwrap().name, "Kyiv");
        assert_eq!(
            q(IncidentQuery {
                near: Some((KYIV.0 + 0.3, KYIV.1, 20.0)),
                ..Default::default()
            })
            .len(),
            0,
            "{name}"
        );
        assert_eq!(
            q(IncidentQuery {
                near: Some((KYIV.0, KYIV.1, 700.0)),
                ..Default::default()
            })
            .len(),
            3,
            "{name}"
        );
        assert_eq!(
            q(IncidentQuery {
                actor: Some("russia".into()),
                ..Default::default()
            })
            .len(),
            3,
            "{name}"
        );
        assert_eq!(
            q(IncidentQuery {
                actor: Some("Wagner".into()),
                ..Default::default()
            })
            .len(),
            0,
            "{name}"
        );
        // Full text over bodies and evidence.
        let sun = q(IncidentQuery {
            text: Some("sunflower".into()),
            ..Default::default()
        });
        assert_eq!(sun.len(), 1, "{name}");
        assert_eq!(
            q(IncidentQuery {
                text: Some("glide bomb".into()),
                ..Default::default()
            })
            .len(),
            2,
            "{name}: b.txt reports Kharkiv and Kyiv"
        );
        assert_eq!(
            q(IncidentQuery {
                text: Some("\"tank\" OR".into()),
                ..Default::default()
            })
            .len(),
            0,
            "{name}"
        );
        let paged = q(IncidentQuery {
            limit: Some(1),
            offset: Some(1),
            ..Default::default()
        });
        assert_eq!(paged.len(), 1, "{name}");
        assert_eq!(paged[0], q(IncidentQuery::default())[1], "{name}");
    }
}

#[test]
fn statements_and_stats() {
    for (name, mut s) in stores() {
        s.ingest(&sample()).unwrap();
        let all = s.statements(&StatementQuery::default()).unwrap();
        assert_eq!(all.len(), 1, "{name}");
        assert_eq!(all[0].doc, "a.txt");
        assert_eq!(all[0].url.as_deref(), Some("https://one.example/kharkiv"));
        let by = |q: StatementQuery| s.statements(&q).unwrap().len();
        assert_eq!(
            by(StatementQuery {
                speaker: Some("zelensky".into()),
                ..Default::default()
            }),
            1,
            "{name}"
        );
        assert_eq!(
            by(StatementQuery {
                kind: Some("threat".into()),
                ..Default::default()
            }),
            0,
            "{name}"
        );
        assert_eq!(
            by(StatementQuery {
                since: Some(day("2024-05-11")),
                ..Default::default()
            }),
            0,
            "{name}"
        );
        assert_eq!(
            by(StatementQuery {
                text: Some("air defence".into()),
                ..Default::default()
            }),
            1,
            "{name}"
        );
        let st = s.stats().unwrap();
        assert_eq!(
            (st.articles, st.events, st.incidents, st.statements),
            (3, 4, 3, 1),
            "{name}"
        );
        assert_eq!(
            st.by_day,
            vec![("2024-05-10".to_string(), 2), ("2024-05-11".to_string(), 1)],
            "{name}"
        );
        assert_eq!(
            st.by_type,
            vec![("Explosions/Remote violence".to_string(), 3)],
            "{name}"
        );
        assert_eq!(st.by_region.iter().map(|r| r.1).sum::<u64>(), 3, "{name}");
        let json = serde_json::to_value(&st).unwrap();
        for k in ["articles", "events", "incidents", "statements"] {
            assert!(json[k].is_u64(), "{name}: {k}");
        }
    }
}

#[test]
fn undated_and_placeless_events_get_their_own_incidents() {
    for (name, mut s) in stores() {
        let mut e = event(
            "Agreement",
            "2024-01-01",
            "Ukraine",
            49.0,
            32.0,
            None,
            "a deal",
        );
        e.date = None;
        let mut f = e.clone();
        f.location = None;
        let recs = vec![
            record(
                "x",
                None,
                "X",
                "2024-01-01",
                "one deal",
                vec![e.clone(), f.clone()],
            ),
            record("y", None, "Y", "2024-01-02", "another deal", vec![e, f]),
        ];
        s.ingest(&recs).unwrap();
        assert_eq!(s.stats().unwrap().incidents, 4, "{name}");
    }
}

#[test]
fn fts5_is_available() {
    let s = SqliteStore::in_memory().unwrap();
    s.conn()
        .execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('drones over Kyiv');",
        )
        .unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM t WHERE t MATCH 'kyiv'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn file_store_is_wal_and_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        s.ingest(&sample()).unwrap();
        let mode: String = s
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(s.integrity_check().unwrap(), "ok");
        assert_eq!(
            s.schema_version().unwrap(),
            sitrep_store::schema::SCHEMA_VERSION
        );
    }
    let s = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(s.stats().unwrap().incidents, 3);
    assert!(s.stats().unwrap().store_bytes > 0);
    assert!(SqliteStore::open_existing(&dir.path().join("missing.db")).is_err());
    assert!(!dir.path().join("missing.db").exists());
}

#[test]
fn a_late_night_report_bridges_incidents_and_old_ids_still_resolve() {
    for (name, mut s) in stores() {
        let r = |doc: &str, date: &str, evidence: &str| {
            record(
                doc,
                None,
                doc,
                date,
                evidence,
                vec![event(
                    "Attack",
                    date,
                    "Krasnogorsk",
                    55.82,
                    37.33,
                    None,
                    evidence,
                )],
            )
        };
        s.ingest(&[r(
            "x",
            "2024-03-22",
            "Gunmen attacked a concert hall in Krasnogorsk",
        )])
        .unwrap();
        s.ingest(&[r(
            "y",
            "2024-03-23",
            "The attack on the concert hall killed 137",
        )])
        .unwrap();
        let two = s.incidents(&IncidentQuery::default()).unwrap();
        assert_eq!(
            two.len(),
            2,
            "{name}: a day apart, nothing says night: two incidents"
        );
        let rep = s
            .ingest(&[r(
                "z",
                "2024-03-22",
                "Gunmen opened fire at the hall on Friday night",
            )])
            .unwrap();
        assert!(rep.incidents_joined >= 1, "{name}");
        let one = s.incidents(&IncidentQuery::default()).unwrap();
        assert_eq!(one.len(), 1, "{name}");
        assert_eq!(one[0].sources.len(), 3, "{name}");
        // The id is the one any ingest order gives (here: all three at once).
        let mut fresh = SqliteStore::in_memory().unwrap();
        fresh
            .ingest(&[
                r("x", "2024-03-22", "Gunmen attacked a concert hall in Krasnogorsk"),
                r("y", "2024-03-23", "The attack on the concert hall killed 137"),
                r("z", "2024-03-22", "Gunmen opened fire at the hall on Friday night"),
            ])
            .unwrap();
        assert_eq!(
            fresh.incidents(&IncidentQuery::default()).unwrap()[0].id,
            one[0].id,
            "{name}"
        );
        for old in &two {
            assert_eq!(
                s.incident(&old.id).unwrap().unwrap().id,
                one[0].id,
                "{name}: merged id resolves"
            );
        }
    }
}

#[test]
fn interception_reports_and_strikes_stay_apart() {
    for (name, mut s) in stores() {
        let strike = event(
            "Air/drone strike",
            "2024-11-06",
            "Kyiv",
            KYIV.0,
            KYIV.1,
            None,
            "Drones hit a house in Kyiv",
        );
        let mut int = event(
            "Disrupted weapons use",
            "2024-11-06",
            "Kyiv",
            KYIV.0,
            KYIV.1,
            None,
            "Air defence shot down 30 drones over Kyiv",
        );
        int.intercepted = Some(30);
        s.ingest(&[
            record("p", None, "P", "2024-11-06", "p", vec![strike]),
            record("q", None, "Q", "2024-11-06", "q", vec![int]),
        ])
        .unwrap();
        assert_eq!(s.stats().unwrap().incidents, 2, "{name}");
    }
}

/// Statements come newest first, undated last, ties by id, and every page is
/// the same slice of that order, across the border between dated and undated
/// statements (the SQLite store reads the two parts separately).
#[test]
fn statement_pages_are_slices_of_one_order() {
    for (name, mut s) in stores() {
        let recs: Vec<_> = (0..13)
            .map(|i| {
                let published = (i % 3 != 0).then(|| format!("2024-03-{:02}", 1 + i % 5));
                let mut r = record(&format!("s{i}.txt"), None, "Outlet", "2024-01-01", &format!("body {i}"), vec![]);
                r.published = published;
                let speaker = if i % 2 == 0 { "Ana Ortiz" } else { "Ben Ode" };
                r.statements.push(
                    serde_json::from_value(serde_json::json!({
                        "speaker": speaker, "date": null, "kind": "demand", "target": null,
                        "evidence": format!("{speaker} asked for talks, number {i}")
                    }))
                    .unwrap(),
                );
                r
            })
            .collect();
        s.ingest(&recs).unwrap();
        let ids = |q: StatementQuery| -> Vec<String> {
            s.statements(&q).unwrap().into_iter().map(|x| x.doc).collect()
        };
        let all = s.statements(&StatementQuery::default()).unwrap();
        assert_eq!(all.len(), 13, "{name}");
        let days: Vec<Option<String>> = all.iter().map(|x| x.published.clone()).collect();
        let undated = days.iter().position(Option::is_none).unwrap();
        assert!(days[undated..].iter().all(Option::is_none), "{name}: undated last {days:?}");
        assert!(days[..undated].windows(2).all(|w| w[0] >= w[1]), "{name}: newest first {days:?}");
        for (speaker, since) in [(None, None), (Some("ortiz"), None), (None, Some(day("2024-03-03")))] {
            let base = StatementQuery {
                speaker: speaker.map(str::to_string),
                since,
                ..Default::default()
            };
            let full = ids(base.clone());
            for offset in 0..15 {
                for limit in 1..6 {
                    let page = ids(StatementQuery {
                        limit: Some(limit),
                        offset: Some(offset),
                        ..base.clone()
                    });
                    let want: Vec<String> = full.iter().skip(offset).take(limit).cloned().collect();
                    assert_eq!(page, want, "{name} {speaker:?} {since:?} offset {offset} limit {limit}");
                }
                let rest = ids(StatementQuery {
                    offset: Some(offset),
                    ..base.clone()
                });
                assert_eq!(rest, full.iter().skip(offset).cloned().collect::<Vec<_>>(), "{name}");
            }
        }
    }
}
