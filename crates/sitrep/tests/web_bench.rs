//! API latency at 50,000 incidents (ignored by default: it generates a store
//! and measures time, which a shared machine makes noisy; run by hand, the
//! figures go to the README).
//!
//! ```sh
//! cargo test --release -p sitrep --test web_bench -- --ignored --nocapture --test-threads 1
//! ```
//! Writes `target/e2e/bench50k.db` (kept for manual page checks with
//! `sitrep serve --db target/e2e/bench50k.db`). `api_latency_at_50k_incidents`
//! prints p50/p95/max per endpoint, one request at a time;
//! `api_under_50_concurrent_clients` runs 50 clients at once on loopback
//! (2,000 requests, at most 120 s) and checks p95 < 50 ms with no error.

#[allow(dead_code)]
#[path = "../src/web/mod.rs"]
mod web;

#[path = "e2e/support.rs"]
mod support;

use sitrep_model::{
    ontology, Certainty, Claim, DatePrecision, Incident, Location, PlacePrecision, Source,
};
use sitrep_store::{SqliteStore, Store};
use std::path::PathBuf;
use std::time::Instant;

/// Deterministic generator (xorshift64*), so every run measures the same store.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Kyiv", "Kyiv City", 50.45, 30.52),
    ("Kharkiv", "Kharkiv Oblast", 49.99, 36.23),
    ("Odesa", "Odesa Oblast", 46.48, 30.72),
    ("Dnipro", "Dnipropetrovsk Oblast", 48.46, 35.04),
    ("Zaporizhzhia", "Zaporizhzhia Oblast", 47.84, 35.14),
    ("Kherson", "Kherson Oblast", 46.64, 32.61),
    ("Pokrovsk", "Donetsk Oblast", 48.28, 37.18),
    ("Sumy", "Sumy Oblast", 50.91, 34.80),
    ("Lviv", "Lviv Oblast", 49.84, 24.03),
    ("Mykolaiv", "Mykolaiv Oblast", 46.97, 31.99),
    ("Belgorod", "Belgorod Oblast", 50.60, 36.59),
    ("Kursk", "Kursk Oblast", 51.73, 36.19),
];
const ACTORS: &[&str] = &[
    "Russia",
    "Ukraine",
    "Civilians (Ukraine)",
    "Wagner Group",
    "Protesters (Russia)",
];

fn generate(n: usize) -> Vec<Incident> {
    let mut r = Rng(0x5EED_1234_ABCD_0001);
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let (t, subs) = ontology::TYPES[r.below(ontology::TYPES.len())];
            let sub = subs[r.below(subs.len())];
            let (name, admin1, lat, lon) = PLACES[r.below(PLACES.len())];
            let jitter = |r: &mut Rng| (r.below(2000) as f64 - 1000.0) / 2000.0;
            let date = (start + chrono::Duration::days(r.below(700) as i64)).to_string();
            let nsrc = 1 + r.below(3);
            let killed = (r.below(4) == 0).then(|| r.below(12) as u32);
            let sources: Vec<Source> = (0..nsrc)
                .map(|k| Source {
                    doc: format!("gen-{i}-{k}.txt"),
                    url: Some(format!("https://outlet{k}.example/{i}")),
                    outlet: Some(format!("Outlet {k}")),
                    published: Some(date.clone()),
                    evidence: format!(
                        "{sub} reported near {name} on {date}, incident {i}, source {k}."
                    ),
                    certainty: Certainty::Reported,
                    claimed_by: None,
                })
                .collect();
            let claims = killed
                .map(|v| {
                    sources
                        .iter()
                        .enumerate()
                        .map(|(k, s)| Claim {
                            field: "fatalities".into(),
                            value: v + k as u32,
                            by: s.outlet.clone().unwrap(),
                            doc: s.doc.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Incident {
                id: format!("gen{i:06}"),
                event_type: t.into(),
                subtype: sub.into(),
                date: Some(date),
                date_precision: Some(DatePrecision::Day),
                location: Some(Location {
                    name: name.into(),
                    admin1: Some(admin1.into()),
                    country: Some(
                        if admin1.ends_with("Oblast") && lat > 50.5 && lon > 36.0 {
                            "RU"
                        } else {
                            "UA"
                        }
                        .into(),
                    ),
                    lat: Some(lat + jitter(&mut r)),
                    lon: Some(lon + jitter(&mut r)),
                    precision: PlacePrecision::City,
                    geonames_id: None,
                }),
                actor1: Some(ACTORS[r.below(2)].into()),
                actor2: Some(ACTORS[r.below(ACTORS.len())].into()),
                weapons: vec![ontology::WEAPONS[r.below(ontology::WEAPONS.len() - 1)].into()],
                fatalities: killed,
                injured: (r.below(3) == 0).then(|| r.below(20) as u32),
                intercepted: None,
                certainty: Certainty::Reported,
                claimed_by: None,
                claims,
                sources,
            }
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The 50k-incident store (generated once) served on a free loopback port.
fn bench_server() -> std::net::SocketAddr {
    let n = 50_000;
    let db = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e/bench50k.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    if !db.exists() {
        let t = Instant::now();
        let mut s = SqliteStore::open(&db).unwrap();
        s.bulk_insert_incidents(&generate(n)).unwrap();
        eprintln!(
            "generated {n} incidents in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let store = SqliteStore::open_existing(&db).unwrap();
    assert_eq!(store.stats().unwrap().incidents, n as u64);
    let t = Instant::now();
    let addr = support::start(Box::new(store));
    eprintln!(
        "index of {n} incidents built and server up in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    addr
}

/// What the page and API clients ask, at 50k incidents.
const PATHS: [&str; 18] = [
        // What the page asks on load and on each pan/zoom: clustered on the server.
        "/api/points?zoom=6&bbox=22.0,44.0,41.0,53.0",
        "/api/points?zoom=9&bbox=35.5,49.5,37.0,50.5",
        "/api/points?type=Battles&zoom=6&bbox=22.0,44.0,41.0,53.0",
        // Every point at once (no view given; the unfiltered answer is cached).
        "/api/points",
        "/api/points?type=Battles",
        "/api/points?text=pokrovsk&since=2023-06-01",
        "/api/timeline",
        "/api/timeline?actor=wagner",
        "/api/list?limit=200",
        "/api/list?place=donetsk&limit=200",
        "/api/incidents?limit=100",
        "/api/incidents?type=Battles&since=2024-01-01&limit=100",
        "/api/incidents?text=Kharkiv&limit=100",
        "/api/incidents/gen012345",
        "/api/statements?limit=100",
        "/api/briefing?date=2024-03-01",
        "/api/stats",
        "/api/facets",
];

#[test]
#[ignore]
fn api_latency_at_50k_incidents() {
    let addr = bench_server();
    let paths = PATHS;
    let mut all = Vec::new();
    let mut worst_p95: f64 = 0.0;
    for p in paths {
        let mut ms = Vec::new();
        let mut bytes = 0;
        for _ in 0..40 {
            let t = Instant::now();
            let r = support::get(addr, p);
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(r.status, 200, "{p}: {}", r.text());
            bytes = r.body.len();
        }
        ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let p95 = percentile(&ms, 0.95);
        worst_p95 = worst_p95.max(p95);
        eprintln!(
            "{p:58} p50 {:7.1} ms  p95 {:7.1} ms  max {:7.1} ms  {:>9} bytes",
            percentile(&ms, 0.5),
            p95,
            ms[ms.len() - 1],
            bytes
        );
        all.extend(ms);
    }
    all.sort_by(|a, b| a.partial_cmp(b).unwrap());
    eprintln!(
        "all endpoints: p50 {:.1} ms, p95 {:.1} ms ({} requests); worst endpoint p95 {:.1} ms",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all.len(),
        worst_p95
    );
    assert!(percentile(&all, 0.95) < 50.0, "API p95 over 50 ms");
}

/// 50 clients at once, each its own connection per request, cycling through
/// the endpoints: 2,000 requests in all, stopped after 120 s at most.
#[test]
#[ignore]
fn api_under_50_concurrent_clients() {
    const CLIENTS: usize = 50;
    const PER_CLIENT: usize = 40;
    let addr = bench_server();
    // Warm the caches once (the unfiltered points answer is rendered on first use).
    for p in PATHS {
        support::get(addr, p);
    }
    let deadline = Instant::now() + std::time::Duration::from_secs(120);
    let start = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|c| {
            std::thread::spawn(move || {
                let mut ms = Vec::with_capacity(PER_CLIENT);
                let mut errors = Vec::new();
                for k in 0..PER_CLIENT {
                    if Instant::now() > deadline {
                        errors.push("deadline passed".to_string());
                        break;
                    }
                    let p = PATHS[(c * 7 + k) % PATHS.len()];
                    let t = Instant::now();
                    let r = support::get(addr, p);
                    ms.push(t.elapsed().as_secs_f64() * 1e3);
                    if r.status != 200 {
                        errors.push(format!("{p}: {}", r.status));
                    }
                }
                (ms, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for h in handles {
        let (ms, e) = h.join().unwrap();
        all.extend(ms);
        errors.extend(e);
    }
    let wall = start.elapsed().as_secs_f64();
    all.sort_by(|a, b| a.partial_cmp(b).unwrap());
    eprintln!(
        "{CLIENTS} concurrent clients: {} requests in {wall:.1} s ({:.0}/s); p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} errors",
        all.len(),
        all.len() as f64 / wall,
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all[all.len() - 1],
        errors.len()
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(all.len(), CLIENTS * PER_CLIENT);
    assert!(percentile(&all, 0.95) < 50.0, "p95 over 50 ms under {CLIENTS} clients");
}
