//! The store commands end to end, through the built `sitrep` binary: crash safety
//! (kill -9 mid-ingest), reads during an ingest, exports, refusal of foreign files,
//! bad inputs.
use sitrep_model::Record;
use sitrep_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A temporary directory removed on drop (the binary crate has no `tempfile` dev-dependency).
struct TempDir(PathBuf);
impl TempDir {
    fn path(&self) -> &Path {
        &self.0
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
fn tempdir() -> TempDir {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let p = std::env::temp_dir().join(format!("sitrep-store-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    TempDir(p)
}

/// A child process killed and reaped when dropped (a failing test leaves no ingest running).
struct Running(std::process::Child);
impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sitrep() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env_remove("SITREP_DB");
    c
}

/// `n` small distinct articles as `.txt` files, 500 per sub-directory.
fn write_articles(dir: &Path, n: usize) {
    const PLACES: [&str; 8] = [
        "Kyiv",
        "Kharkiv",
        "Odesa",
        "Dnipro",
        "Sumy",
        "Kherson",
        "Zaporizhzhia",
        "Mykolaiv",
    ];
    for i in 0..n {
        let sub = dir.join(format!("d{:03}", i / 500));
        if i % 500 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        let day = 1 + i % 28;
        let place = PLACES[i % PLACES.len()];
        let text = format!(
            "{place}, 2024-03-{day:02}. Article {i}: Russian drones struck {place} overnight, officials said. \
             {} people were injured and {} drones were shot down, the regional administration reported.\n",
            i % 7,
            10 + i % 30
        );
        std::fs::write(sub.join(format!("a{i:05}.txt")), text).unwrap();
    }
}

fn article_count(db: &Path) -> Option<u64> {
    let s = SqliteStore::open_existing(db).ok()?;
    s.stats().ok().map(|s| s.articles)
}

/// Writes 10,000 articles under `dir/in` and starts `sitrep ingest` of them into
/// `dir/NAME` in the background, `batch` articles per transaction.
fn start_big_ingest(dir: &Path, name: &str, batch: &str) -> (PathBuf, PathBuf, Running) {
    let input = dir.join("in");
    write_articles(&input, 10_000);
    let db = dir.join(name);
    let child = sitrep()
        .args(["ingest", "--quiet", "--batch", batch, "--db"])
        .arg(&db)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Running)
        .unwrap();
    (input, db, child)
}

/// kill -9 in the middle of an ingest of 10,000 articles, then ingest again:
/// every article stored exactly once, and the store passes `PRAGMA integrity_check`.
#[test]
fn store_survives_kill_9_during_ingest() {
    let tmp = tempdir();
    let (input, db, mut child) = start_big_ingest(tmp.path(), "crash.sitrep", "200");
    // Wait until some batches are committed, then SIGKILL.
    let start = Instant::now();
    let mut killed_at = None;
    while start.elapsed() < Duration::from_secs(300) {
        if child.0.try_wait().unwrap().is_some() {
            break;
        }
        if let Some(n) = article_count(&db) {
            if n > 0 {
                child.0.kill().unwrap(); // SIGKILL on Unix
                child.0.wait().unwrap();
                killed_at = Some(n);
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed_at = killed_at.expect("the ingest was killed while running");
    assert!(killed_at < 10_000, "killed mid-way ({killed_at} stored)");
    let partial = article_count(&db).unwrap();
    assert!(partial < 10_000);

    let out = sitrep()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = SqliteStore::open_existing(&db).unwrap();
    assert_eq!(s.stats().unwrap().articles, 10_000);
    let distinct: i64 = s
        .conn()
        .query_row("SELECT count(DISTINCT body_hash) FROM articles", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(distinct, 10_000, "no article stored twice");
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let fts: String = {
        s.conn()
            .execute_batch("INSERT INTO search(search) VALUES ('integrity-check')")
            .map(|_| "ok".to_string())
            .unwrap_or_else(|e| e.to_string())
    };
    assert_eq!(fts, "ok", "the full-text index is consistent");
    // And a third run changes nothing.
    let out = sitrep()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 new"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(article_count(&db), Some(10_000));
}

/// `sitrep events` and `sitrep stats` answer while an ingest is writing.
#[test]
fn store_reads_work_during_ingest() {
    let tmp = tempdir();
    let (_input, db, mut child) = start_big_ingest(tmp.path(), "busy.sitrep", "100");
    let mut during = 0;
    let start = Instant::now();
    while child.0.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(300) {
        if db.exists() && article_count(&db).is_some_and(|n| n > 0) {
            let ev = sitrep()
                .args(["events", "--format", "jsonl", "--db"])
                .arg(&db)
                .output()
                .unwrap();
            assert!(
                ev.status.success(),
                "events during ingest: {}",
                String::from_utf8_lossy(&ev.stderr)
            );
            let st = sitrep()
                .args(["stats", "--format", "json", "--db"])
                .arg(&db)
                .output()
                .unwrap();
            assert!(
                st.status.success(),
                "stats during ingest: {}",
                String::from_utf8_lossy(&st.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&st.stdout).unwrap();
            assert!(v["articles"].as_u64().unwrap() > 0);
            if child.0.try_wait().unwrap().is_none() {
                during += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let status = child.0.wait().unwrap();
    assert!(status.success());
    assert!(
        during > 0,
        "at least one query ran while the ingest was running"
    );
    assert_eq!(article_count(&db), Some(10_000));
}

fn event(
    subtype: &str,
    date: &str,
    place: &str,
    lat: f64,
    lon: f64,
    k: Option<u32>,
    evidence: &str,
) -> serde_json::Value {
    serde_json::json!({
        "type": sitrep_model::ontology::type_of(subtype).unwrap(), "subtype": subtype, "date": date,
        "date_precision": "day",
        "location": {"name": place, "admin1": format!("{place} Oblast"), "country": "UA", "lat": lat, "lon": lon, "precision": "city"},
        "actor1": "Russia", "actor2": "Ukraine", "weapons": ["missile"], "fatalities": k, "injured": null,
        "intercepted": null, "certainty": "reported", "claimed_by": null, "evidence": evidence
    })
}

/// A store with known incidents, written through the library.
fn prepared_store(dir: &Path) -> PathBuf {
    let recs: Vec<Record> = serde_json::from_value(serde_json::json!([
        {"doc": "a.txt", "published": "2024-03-15", "source": "Outlet, One", "url": "https://one.example/odesa",
         "body": "A missile strike on Odesa killed 20 people, officials said.",
         "events": [event("Shelling/artillery/missile attack", "2024-03-15", "Odesa", 46.4825, 30.7233, Some(20), "A missile strike on Odesa killed 20 people")],
         "statements": [{"speaker": "Volodymyr Zelensky", "date": "2024-03-15", "kind": "accusation", "target": "Russia", "evidence": "Zelensky said Russia \"targets rescuers\""}]},
        {"doc": "b.txt", "published": "2024-03-16", "source": "Outlet Two", "url": "https://two.example/x",
         "body": "The toll of the Odessa strike rose to 21.",
         "events": [event("Shelling/artillery/missile attack", "2024-03-15", "Odessa", 46.4825, 30.7233, Some(21), "The toll of the Odessa strike rose to 21")]},
        {"doc": "c.txt", "published": "2024-03-20", "source": "Outlet Two",
         "body": "Drones hit Kyiv.", "events": [event("Air/drone strike", "2024-03-20", "Kyiv", 50.4501, 30.5234, None, "Drones hit Kyiv")]}
    ]))
    .unwrap();
    let db = dir.join("prepared.sitrep");
    let mut s = SqliteStore::open(&db).unwrap();
    s.ingest(&recs).unwrap();
    db
}

fn run_ok(args: &[&str], db: &Path) -> String {
    let out = sitrep().args(args).arg("--db").arg(db).output().unwrap();
    assert!(
        out.status.success(),
        "sitrep {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn store_events_csv_uses_acled_columns() {
    let tmp = tempdir();
    let db = prepared_store(tmp.path());
    let csv = run_ok(&["events", "--format", "csv"], &db);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        header,
        [
            "event_id_cnty",
            "event_date",
            "year",
            "time_precision",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "country",
            "admin1",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "source",
            "notes",
            "fatalities",
            "injured",
            "intercepted",
            "certainty",
            "claimed_by",
            "sources",
            "evidence",
            "iso2",
            "fatalities_range",
            "injured_range",
            "intercepted_range"
        ]
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "one row per incident");
    let odesa = rows
        .iter()
        .find(|r| r.contains("Odesa") || r.contains("Odessa"))
        .unwrap();
    assert!(odesa.contains("2024-03-15,2024,1,Explosions/Remote violence,Shelling/artillery/missile attack,Russia,Ukraine,Ukraine,"), "country name, not code: {odesa}");
    assert!(odesa.contains(",UA,20-21,,"), "iso2, then the range of competing tolls: {odesa}");
    assert!(odesa.contains(",20,,,reported,"), "the most conservative toll: {odesa}");
    assert!(
        odesa.contains("\"Outlet, One; Outlet Two\""),
        "quoted field with a comma: {odesa}"
    );
    assert!(odesa.contains("46.4825,30.7233,1,"), "{odesa}");
    assert!(odesa.contains("a.txt; b.txt"), "{odesa}");
    // Without outlet or URL, the source is the file name.
    let kyiv = rows.iter().find(|r| r.contains("Kyiv")).unwrap();
    assert!(kyiv.contains(",Outlet Two,Drones hit Kyiv,"), "{kyiv}");
    // The table names the sources and the range of competing figures.
    let table = run_ok(&["events"], &db);
    assert!(
        table.contains("20 k (sources: 20-21)") && table.contains("Outlet, One; Outlet Two"),
        "{table}"
    );
    assert!(table.contains("Odesa (city)") || table.contains("Odessa (city)"), "{table}");
}

/// Sources without outlet or URL are named by their file in the CSV and the table.
#[test]
fn store_events_name_sources_by_file_when_nothing_else() {
    let tmp = tempdir();
    let recs: Vec<Record> = serde_json::from_value(serde_json::json!([
        {"doc": "kyiv-report.txt", "published": "2024-03-20", "body": "Drones hit Kyiv.",
         "events": [event("Air/drone strike", "2024-03-20", "Kyiv", 50.4501, 30.5234, None, "Drones hit Kyiv")]}
    ]))
    .unwrap();
    let db = tmp.path().join("files.sitrep");
    SqliteStore::open(&db).unwrap().ingest(&recs).unwrap();
    let csv = run_ok(&["events", "--format", "csv"], &db);
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",kyiv-report.txt,Drones hit Kyiv,"), "{row}");
    assert!(run_ok(&["events"], &db).contains("kyiv-report.txt"));
}

#[test]
fn store_events_geojson_and_jsonl() {
    let tmp = tempdir();
    let db = prepared_store(tmp.path());
    let gj: serde_json::Value =
        serde_json::from_str(&run_ok(&["events", "--format", "geojson"], &db)).unwrap();
    assert_eq!(gj["type"], "FeatureCollection");
    let feats = gj["features"].as_array().unwrap();
    assert_eq!(feats.len(), 2);
    for f in feats {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        assert!(lon < lat, "[lon, lat] order for Ukraine");
        assert!(f["properties"].is_object());
    }
    let jsonl = run_ok(
        &[
            "events",
            "--format",
            "jsonl",
            "--type",
            "Explosions/Remote violence",
            "--near",
            "46.48,30.72",
            "--radius-km",
            "10",
        ],
        &db,
    );
    let incs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(incs.len(), 1);
    let inc = &incs[0];
    let sources = inc["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    for s in sources {
        for k in ["doc", "url", "published", "evidence"] {
            assert!(!s[k].is_null(), "source has {k}");
        }
    }
    let mut claims: Vec<u64> = inc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_u64().unwrap())
        .collect();
    claims.sort();
    assert_eq!(claims, [20, 21], "both tolls kept, none averaged");
    assert!([20, 21].contains(&inc["fatalities"].as_u64().unwrap()));
    // `--near` takes a place name too (resolved by the gazetteer).
    let by_name = run_ok(
        &[
            "events",
            "--format",
            "jsonl",
            "--near",
            "Odessa",
            "--radius-km",
            "15",
        ],
        &db,
    );
    assert_eq!(by_name.lines().count(), 1, "{by_name}");
    let out = sitrep()
        .args(["events", "--near", "Nowhereville Qqq"])
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--near"));
    // Filters through the CLI.
    assert_eq!(
        run_ok(
            &["events", "--format", "jsonl", "--since", "2024-03-16"],
            &db
        )
        .lines()
        .count(),
        1
    );
    assert_eq!(
        run_ok(&["events", "--format", "jsonl", "--text", "toll"], &db)
            .lines()
            .count(),
        1
    );
    assert_eq!(
        run_ok(
            &[
                "events",
                "--format",
                "jsonl",
                "--subtype",
                "Air/drone strike"
            ],
            &db
        )
        .lines()
        .count(),
        1
    );
    assert!(run_ok(&["events"], &db)
        .lines()
        .next()
        .unwrap()
        .starts_with("id"));
    let st = run_ok(
        &[
            "statements",
            "--format",
            "jsonl",
            "--speaker",
            "zelensky",
            "--kind",
            "accusation",
        ],
        &db,
    );
    assert_eq!(st.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(st.lines().next().unwrap()).unwrap();
    assert_eq!(v["doc"], "a.txt");
    let stats: serde_json::Value =
        serde_json::from_str(&run_ok(&["stats", "--format", "json"], &db)).unwrap();
    assert_eq!(
        (
            stats["articles"].as_u64(),
            stats["events"].as_u64(),
            stats["incidents"].as_u64(),
            stats["statements"].as_u64()
        ),
        (Some(3), Some(3), Some(2), Some(1))
    );
}

#[test]
fn store_foreign_db_files_are_refused_and_untouched() {
    let tmp = tempdir();
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "not a database\n").unwrap();
    let article = tmp.path().join("article.txt");
    std::fs::write(&article, "Drones hit Kyiv overnight.").unwrap();
    let before = (
        std::fs::read(&text).unwrap(),
        std::fs::metadata(&text).unwrap().modified().unwrap(),
    );
    for args in [
        vec!["ingest", article.to_str().unwrap()],
        vec!["events"],
        vec!["stats"],
        vec!["statements"],
    ] {
        let out = sitrep()
            .args(&args)
            .arg("--db")
            .arg(&text)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("not a sitrep store") && err.contains("notes.txt"),
            "{err}"
        );
    }
    assert_eq!(
        (
            std::fs::read(&text).unwrap(),
            std::fs::metadata(&text).unwrap().modified().unwrap()
        ),
        before
    );
    // Read commands never create a store.
    let missing = tmp.path().join("missing.sitrep");
    let out = sitrep()
        .args(["events", "--db"])
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!missing.exists());
}

#[test]
fn store_bad_inputs_are_named_skipped_and_counted() {
    let tmp = tempdir();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "Kyiv, 2024-03-01. Drones hit Kyiv overnight.",
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), "  \n").unwrap();
    std::fs::write(input.join("binary.txt"), b"\x7fELF\x02\x01\x00\x00\x00").unwrap();
    std::fs::write(input.join("lines.jsonl"), "{\"id\":\"j1\",\"text\":\"Shelling hit Kherson.\",\"url\":\"https://x.example/1\"}\n{broken\n").unwrap();
    let db = tmp.path().join("s.sitrep");
    let out = sitrep()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("empty.txt") && err.contains("binary.txt") && err.contains("lines.jsonl:2"),
        "{err}"
    );
    assert!(err.contains("3 inputs failed"), "{err}");
    let s = SqliteStore::open_existing(&db).unwrap();
    assert_eq!(s.stats().unwrap().articles, 2);
    assert_eq!(
        s.article("j1").unwrap().unwrap().url.as_deref(),
        Some("https://x.example/1")
    );
    // SITREP_DB is honoured.
    let out = sitrep()
        .env("SITREP_DB", &db)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 2);
}

/// `sitrep demo --db FILE` refuses what every other command refuses, leaves it
/// untouched, and runs from any folder (the sample is inside the binary).
#[test]
fn demo_refuses_foreign_files_and_runs_anywhere() {
    let tmp = tempdir();
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "my notes\n").unwrap();
    let other = tmp.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    for f in [&text, &other] {
        let before = std::fs::read(f).unwrap();
        let out = sitrep()
            .args(["demo", "--no-serve", "--db"])
            .arg(f)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("not a sitrep store"), "{err}");
        assert_eq!(std::fs::read(f).unwrap(), before, "{} untouched", f.display());
    }
    // From an empty folder: the bundled sample is ingested.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let run = || {
        let out = sitrep()
            .current_dir(&elsewhere)
            .args(["demo", "--no-serve", "--db", "demo.sitrep"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let first = run();
    assert_eq!(first["articles"], 5, "{first}");
    assert!(first["incidents"].as_u64().unwrap() > 0);
    // Again on the same store: nothing deleted, nothing stored twice.
    assert_eq!(run()["articles"], 5);
}
