//! `sitrep watch` through the binary, against a test server on 127.0.0.1:
//! a feed list with outlet names, `--once` runs, feed health in `sitrep
//! stats`, and a kill -9 in the middle of a cycle followed by a restart.
#[path = "../../sitrep-watch/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{article, rss, Reply, Server};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn page(n: usize, delay_ms: u64) -> Reply {
    let p1 = format!("Local officials said {n} homes were hit by rockets fired at the northern suburb overnight, and that rescue teams were still searching the area on Wednesday morning.");
    let p2 = format!("The regional administration counted {} people treated in hospital. A curfew was extended until Friday, the governor's office said in a statement.", n + 3);
    let p3 = "Traders said the main road into the town had reopened by noon, although checkpoints remained in place along its length.";
    Reply::html(article(
        &format!("Rockets hit suburb, report {n}"),
        "2024-11-06",
        &[&p1, &p2, p3],
    ))
    .delayed(delay_ms)
}

/// Every stored article URL with how many times it is stored.
fn urls(db: &Path) -> Vec<(String, i64)> {
    let store = sitrep_store::SqliteStore::open_existing(db).unwrap();
    let mut st = store
        .conn()
        .prepare("SELECT url, count(*) FROM articles GROUP BY url ORDER BY url")
        .unwrap();
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                r.get(1)?,
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn watch_once_with_a_feed_list_and_feed_health_in_stats() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let items: Vec<(String, String)> = (1..=3)
        .map(|i| (format!("Report {i}"), srv.url(&format!("/p/{i}"))))
        .collect();
    let refs: Vec<(&str, &str, Option<&str>, Option<&str>)> = items
        .iter()
        .map(|(t, l)| {
            (
                t.as_str(),
                l.as_str(),
                None,
                Some("Wed, 06 Nov 2024 07:00:00 GMT"),
            )
        })
        .collect();
    srv.set(
        "/feed.xml",
        Reply::rss(rss("Wire", &refs)).with_etag("\"w1\""),
    );
    for i in 1..=3 {
        srv.set(&format!("/p/{i}"), page(i, 0));
    }
    let list = dir.path().join("feeds.txt");
    std::fs::write(
        &list,
        format!(
            "# feeds for the test\n{} Loopback Wire\n{}  Broken Feed\n",
            srv.url("/feed.xml"),
            srv.url("/missing.xml")
        ),
    )
    .unwrap();
    let run = || {
        sitrep()
            .args(["watch", "--once", "--delay", "0s", "--db"])
            .arg(&db)
            .arg(&list)
            .output()
            .unwrap()
    };
    let out = run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a source failed: {err}");
    assert!(
        err.contains("cycle 1") && err.contains("Loopback Wire: 3 new, 0 skipped, 0 failed"),
        "{err}"
    );
    assert!(err.contains("Broken Feed: error http-404"), "{err}");
    assert_eq!(urls(&db).len(), 3);

    let stats = sitrep().args(["stats", "--db"]).arg(&db).output().unwrap();
    let table = String::from_utf8_lossy(&stats.stdout);
    assert!(stats.status.success());
    assert!(table.contains("watched sources"), "{table}");
    assert!(
        table.contains("Loopback Wire") && table.contains("Broken Feed"),
        "{table}"
    );
    assert!(table.contains("http-404 at "), "{table}");
    let json = sitrep()
        .args(["stats", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sources = v["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    let broken = sources.iter().find(|s| s["name"] == "Broken Feed").unwrap();
    assert_eq!(broken["last_error_kind"], "http-404");
    assert_eq!(broken["failures"], 1);
    assert!(broken["last_success"].is_null());
    let wire = sources
        .iter()
        .find(|s| s["name"] == "Loopback Wire")
        .unwrap();
    assert!(wire["last_success"].is_string() && wire["last_error"].is_null());
    assert_eq!(wire["items_new"], 3);

    // Run again at once: nothing is due, nothing is fetched.
    let before = srv.all_hits().len();
    let out = run();
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 of 2 sources checked"));
    assert_eq!(srv.all_hits().len(), before);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let out = sitrep()
        .args(["watch", "--once", "--db"])
        .arg(&db)
        .args(["ftp://example.org/feed", "no-such-file.txt"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("only http and https") && err.contains("no-such-file.txt"),
        "{err}"
    );
    let out = sitrep()
        .args(["watch", "--every", "5 parsecs", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Kills the child when the test ends, passing or not.
struct Child(std::process::Child);
impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn kill_9_in_the_middle_of_a_cycle_then_restart_stores_every_item_exactly_once() {
    const N: usize = 30;
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let items: Vec<(String, String)> = (1..=N)
        .map(|i| (format!("Report {i}"), srv.url(&format!("/k/{i}"))))
        .collect();
    let refs: Vec<(&str, &str, Option<&str>, Option<&str>)> = items
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_str(), None, None))
        .collect();
    srv.set(
        "/feed.xml",
        Reply::rss(rss("Slow wire", &refs)).with_etag("\"k1\""),
    );
    // Slow pages, so that the kill lands while pages are being fetched and stored.
    for i in 1..=N {
        srv.set(&format!("/k/{i}"), page(100 + i, 150));
    }
    let page_hits = || (1..=N).map(|i| srv.hits(&format!("/k/{i}"))).sum::<usize>();
    let child = sitrep()
        .args([
            "watch", "--every", "1h", "--delay", "0s", "--jobs", "1", "--db",
        ])
        .arg(&db)
        .arg(srv.url("/feed.xml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = Child(child);
    let started = Instant::now();
    while page_hits() < N / 2 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the watcher fetched {} pages",
            page_hits()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.0.kill().unwrap(); // SIGKILL
    child.0.wait().unwrap();
    let after_kill = urls(&db);
    assert!(after_kill.iter().all(|(_, n)| *n == 1), "{after_kill:?}");
    assert!(
        after_kill.len() < N,
        "killed before the end: {} stored",
        after_kill.len()
    );
    // Items whose state was committed before the kill.
    let done_before: Vec<String> = {
        let store = sitrep_store::SqliteStore::open_existing(&db).unwrap();
        let items = store.item_states(&srv.url("/feed.xml")).unwrap();
        items.values().filter_map(|s| s.link.clone()).collect()
    };

    let out = sitrep()
        .args(["watch", "--once", "--delay", "0s", "--db"])
        .arg(&db)
        .arg(srv.url("/feed.xml"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let stored = urls(&db);
    assert_eq!(stored.len(), N, "every item is stored: {err}");
    assert!(
        stored.iter().all(|(_, n)| *n == 1),
        "none twice: {stored:?}"
    );
    let expected: Vec<String> = {
        let mut v: Vec<String> = items.iter().map(|(_, l)| l.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(
        stored.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>(),
        expected
    );
    // Pages whose item was done before the kill were not fetched again; the others at most twice.
    for link in &done_before {
        let path = link.trim_start_matches(&srv.url(""));
        assert_eq!(srv.hits(path), 1, "{path} was done before the kill");
    }
    assert!((1..=N).all(|i| srv.hits(&format!("/k/{i}")) <= 2));
    // The feed was fetched in full after the restart (its validators were not saved).
    let feed_hits: Vec<u16> = srv
        .all_hits()
        .iter()
        .filter(|h| h.path == "/feed.xml")
        .map(|h| h.status)
        .collect();
    assert_eq!(feed_hits, vec![200, 200], "{feed_hits:?}");
    // A clean restart now fetches nothing.
    let before = srv.all_hits().len();
    let out = sitrep()
        .args(["watch", "--once", "--db"])
        .arg(&db)
        .arg(srv.url("/feed.xml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(srv.all_hits().len(), before);
}
