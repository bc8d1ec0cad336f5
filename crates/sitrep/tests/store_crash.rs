//! kill -9 at any point of an ingest, then the same ingest again: the store
//! opens (never refused because of where the crash left its WAL), every
//! article is stored once, the article, event and incident counts equal those
//! of an uninterrupted run, and `PRAGMA integrity_check` is ok.
use rusqlite::{Connection, OpenFlags};
use sitrep_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
fn tempdir(name: &str) -> TempDir {
    let p = std::env::temp_dir().join(format!("sitrep-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    TempDir(p)
}

/// A child killed and reaped when dropped.
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

const N: usize = 3_000;

/// `N` distinct articles in one JSON Lines file (a few reports share an event).
fn write_jsonl(path: &Path) {
    const PLACES: [&str; 6] = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Sumy", "Kherson"];
    let mut out = String::new();
    for i in 0..N {
        let place = PLACES[i % PLACES.len()];
        let day = 1 + (i / 3) % 28;
        let text = format!(
            "{place}, March {day}, 2024. Report {i}: Russian drones struck {place} overnight, officials said. \
             {} people were injured and {} drones were shot down, the regional administration reported.",
            i % 7,
            10 + i % 30
        );
        out.push_str(
            &serde_json::json!({"id": format!("r{i:05}"), "text": text, "published": format!("2024-03-{:02}", day),
                                "url": format!("https://outlet{}.example/{i}", i % 4)})
            .to_string(),
        );
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

/// Articles committed so far, read as another process would (read only, WAL included).
fn committed(db: &Path) -> Option<i64> {
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .ok()
}

fn ingest(db: &Path, input: &Path, batch: &str) -> Command {
    let mut c = sitrep();
    c.args(["ingest", "--quiet", "--batch", batch, "--db"])
        .arg(db)
        .arg(input);
    c
}

/// (articles, events, incidents, distinct bodies) after a full run.
fn figures(db: &Path) -> (u64, u64, u64, i64) {
    let s = SqliteStore::open_existing(db).unwrap();
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let st = s.stats().unwrap();
    let distinct: i64 = s
        .conn()
        .query_row("SELECT count(DISTINCT body_hash) FROM articles", [], |r| {
            r.get(0)
        })
        .unwrap();
    (st.articles, st.events, st.incidents, distinct)
}

/// Starts an ingest, waits until `ready` holds, kills it with SIGKILL.
/// Returns the committed article count at the kill, or None when the ingest
/// ended first.
fn kill_when(db: &Path, input: &Path, batch: &str, ready: impl Fn(&Path) -> bool) -> Option<i64> {
    let mut child = Running(
        ingest(db, input, batch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(300) {
        if child.0.try_wait().unwrap().is_some() {
            return None;
        }
        if ready(db) {
            child.0.kill().unwrap(); // SIGKILL
            child.0.wait().unwrap();
            return Some(committed(db).unwrap_or(0));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the ingest neither ended nor reached the kill point");
}

#[test]
fn store_kill_9_at_any_point_then_rerun_equals_an_uninterrupted_run() {
    let tmp = tempdir("points");
    let input = tmp.0.join("articles.jsonl");
    write_jsonl(&input);
    // The uninterrupted run.
    let clean = tmp.0.join("clean.sitrep");
    let out = ingest(&clean, &input, "100").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = figures(&clean);
    assert_eq!(expected.0, N as u64);
    assert!(expected.2 > 0 && expected.2 < expected.1, "some reports share an incident: {expected:?}");

    let wal_written = |db: &Path| {
        std::fs::metadata(format!("{}-wal", db.display())).is_ok_and(|m| m.len() > 0)
    };
    let points: [(&str, &str, Box<dyn Fn(&Path) -> bool>); 3] = [
        // One batch of everything: killed while its articles are being extracted,
        // after the schema is written to the WAL and before any article commits.
        ("before the first commit", "100000", Box::new(wal_written)),
        ("after the first commit", "100", Box::new(|db: &Path| committed(db).is_some_and(|n| n > 0))),
        ("mid-stream", "100", Box::new(|db: &Path| committed(db).is_some_and(|n| n >= N as i64 / 2))),
    ];
    for (name, batch, ready) in points {
        let db = tmp.0.join(format!("{}.sitrep", name.replace(' ', "-")));
        let at = kill_when(&db, &input, batch, ready)
            .unwrap_or_else(|| panic!("{name}: the ingest ended before the kill"));
        match name {
            "before the first commit" => assert_eq!(at, 0, "{name}: killed before any article committed"),
            _ => assert!(at > 0 && at < N as i64, "{name}: killed with {at} articles committed"),
        }
        let out = ingest(&db, &input, "100").output().unwrap();
        assert!(
            out.status.success(),
            "{name}: the re-run after kill -9 failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(figures(&db), expected, "{name}: (articles, events, incidents, distinct bodies)");
    }
}
