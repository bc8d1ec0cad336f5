//! Store benchmarks (commands that print figures; not timed tests).
//!
//! ```text
//! cargo run --release -p sitrep-store --example bench -- ingest [ARTICLES=10000] [EVENTS_PER_ARTICLE=3]
//! cargo run --release -p sitrep-store --example bench -- query [INCIDENTS=1000000] [ingest|bulk]
//! ```
//! `ingest` stores synthetic extracted records (storage and incident matching
//! only, no extraction) and prints articles/s. `query` fills a store with
//! synthetic incidents spread over 3 years and 8°x18° (through the full ingest
//! path with `ingest`, or incident rows only with `bulk`), then times 200
//! date + place queries (30 days, 25 km) and prints p50/p95 ms and MB per 1M incidents.
use sitrep_model::Record;
use sitrep_store::{IncidentQuery, SqliteStore, Store};
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

const SUBTYPES: &[&str] = &[
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Armed clash",
    "Attack",
    "Disrupted weapons use",
    "Arrests",
    "Peaceful protest",
];
const FIRST_DAY: &str = "2023-01-01";
const DAYS: u64 = 1095;

fn date(rng: &mut Rng) -> String {
    let d0 = chrono::NaiveDate::parse_from_str(FIRST_DAY, "%Y-%m-%d").unwrap();
    (d0 + chrono::Duration::days((rng.next() % DAYS) as i64)).to_string()
}

fn event(rng: &mut Rng, i: u64) -> serde_json::Value {
    let sub = rng.pick(SUBTYPES);
    let (lat, lon) = (44.0 + rng.unit() * 8.0, 22.0 + rng.unit() * 18.0);
    serde_json::json!({
        "type": sitrep_model::ontology::type_of(sub).unwrap(), "subtype": sub, "date": date(rng), "date_precision": "day",
        "location": {"name": format!("Place {}", i % 50_000), "admin1": format!("Region {}", i % 25), "country": "UA",
                     "lat": lat, "lon": lon, "precision": "city"},
        "actor1": "Russia", "actor2": "Ukraine", "weapons": ["drone"],
        "fatalities": rng.next() % 5, "injured": null, "intercepted": null, "certainty": "reported", "claimed_by": null,
        "evidence": format!("Synthetic report {i}: a {sub} at Place {} left several people hurt", i % 50_000)
    })
}

fn records(rng: &mut Rng, n: u64, per: u64, start: u64) -> Vec<Record> {
    (start..start + n)
        .map(|a| {
            let events: Vec<serde_json::Value> = (0..per).map(|e| event(rng, a * per + e)).collect();
            let body = format!(
                "Synthetic article {a}. {} Officials gave no further details; the regional administration said repairs had begun.",
                events.iter().map(|e| e["evidence"].as_str().unwrap()).collect::<Vec<_>>().join(". ")
            );
            serde_json::from_value(serde_json::json!({
                "doc": format!("a{a}.txt"), "published": date(rng), "source": "Synthetic Outlet",
                "url": format!("https://synthetic.example/{a}"), "body": body, "events": events
            }))
            .unwrap()
        })
        .collect()
}

/// The largest tables and indexes (SQLite's `dbstat`).
fn print_sizes(s: &SqliteStore) -> anyhow::Result<()> {
    let mut st = s
        .conn()
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let parts: Vec<String> = rows
        .map(|r| r.map(|(n, b)| format!("{n} {:.1} MB", b as f64 / 1e6)))
        .collect::<Result<_, _>>()?;
    println!("  largest: {}", parts.join(", "));
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("query");
    let dir = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.sitrep");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    match mode {
        "ingest" => {
            let n: u64 = args
                .get(1)
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(10_000);
            let per: u64 = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(3);
            let recs = records(&mut rng, n, per, 0);
            let mut s = SqliteStore::open(&path)?;
            let t = Instant::now();
            for chunk in recs.chunks(500) {
                s.ingest(chunk)?;
            }
            let secs = t.elapsed().as_secs_f64();
            let st = s.stats()?;
            println!(
                "ingest (storage + incident matching, no extraction): {n} articles, {} events, {} incidents in {secs:.2}s = {:.0} articles/s; store {:.1} MB",
                st.events,
                st.incidents,
                n as f64 / secs,
                st.store_bytes as f64 / 1e6
            );
            s.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
            print_sizes(&s)?;
        }
        "query" => {
            let n: u64 = args
                .get(1)
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(1_000_000);
            let how = args.get(2).map(String::as_str).unwrap_or("ingest");
            let mut s = SqliteStore::open(&path)?;
            let t = Instant::now();
            if how == "bulk" {
                // Incident rows only (one source each), built by merging one synthetic event.
                let batch = 50_000;
                let mut done = 0;
                while done < n {
                    let k = batch.min(n - done);
                    let incs: Vec<sitrep_model::Incident> = records(&mut rng, k, 1, done)
                        .into_iter()
                        .map(|r| {
                            let m = sitrep_store::merge::Member {
                                event: r.events[0].clone(),
                                doc: r.doc.clone(),
                                url: r.url.clone(),
                                outlet: r.source.clone(),
                                published: r.published.clone(),
                                key: String::new(),
                            };
                            sitrep_store::merge::build_incident(&format!("inc-{}", r.doc), &[m])
                        })
                        .collect();
                    s.bulk_insert_incidents(&incs)?;
                    done += k;
                }
            } else {
                // The full path: articles with 2 events each, matched and merged.
                let per = 2;
                let mut done = 0;
                while done < n / per {
                    let k = 1000.min(n / per - done);
                    s.ingest(&records(&mut rng, k, per, done))?;
                    done += k;
                }
            }
            s.conn()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
            let fill = t.elapsed().as_secs_f64();
            let st = s.stats()?;
            let mb = st.store_bytes as f64 / 1e6;
            print_sizes(&s)?;
            println!(
                "filled ({how}) {} incidents, {} events, {} articles in {fill:.1}s; store {mb:.1} MB = {:.1} MB per 1M incidents",
                st.incidents,
                st.events,
                st.articles,
                mb * 1e6 / st.incidents.max(1) as f64
            );
            let d0 = chrono::NaiveDate::parse_from_str(FIRST_DAY, "%Y-%m-%d")?;
            let mut times = Vec::new();
            let mut found = 0;
            for _ in 0..200 {
                let since = d0 + chrono::Duration::days((rng.next() % (DAYS - 30)) as i64);
                let q = IncidentQuery {
                    since: Some(since),
                    until: Some(since + chrono::Duration::days(29)),
                    near: Some((44.0 + rng.unit() * 8.0, 22.0 + rng.unit() * 18.0, 25.0)),
                    ..Default::default()
                };
                let t = Instant::now();
                found += s.incidents(&q)?.len();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!(
                "date (30 days) + place (25 km) queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({:.1} incidents per answer)",
                times[100],
                times[190],
                times[199],
                found as f64 / 200.0
            );
        }
        other => anyhow::bail!("unknown mode {other}: ingest | query"),
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
