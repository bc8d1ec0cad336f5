//! `sitrep serve --watch FEED` in headless Chromium: an incident published in
//! the feed after the page loaded appears in the page without a reload. The
//! feed and its pages come from a test server on 127.0.0.1.
//!
//! Needs what `web_e2e.rs` needs (Chromium, node, playwright-core in
//! `scripts/web/node_modules`); skipped with a message without them, except
//! when `CI` is set: then it fails.
#[path = "../../sitrep-watch/tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{Reply, Server};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

struct Killed(std::process::Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain GET on loopback; the response body.
fn get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

fn page(title: &str, date: &str, paragraphs: &[&str]) -> Reply {
    Reply::html(support::article(title, date, paragraphs))
}

fn feed(srv: &Server, n: usize) -> Reply {
    let mut items = vec![(
        "Drones strike Kharkiv overnight",
        srv.url("/news/kharkiv"),
        "Wed, 06 Nov 2024 08:00:00 GMT",
    )];
    if n > 1 {
        items.push((
            "Missile hits Odesa port",
            srv.url("/news/odesa"),
            "Thu, 07 Nov 2024 08:00:00 GMT",
        ));
    }
    let refs: Vec<(&str, &str, Option<&str>, Option<&str>)> = items
        .iter()
        .map(|(t, l, d)| (*t, l.as_str(), None, Some(*d)))
        .collect();
    Reply::rss(support::rss("Test Wire", &refs))
}

#[test]
fn new_incidents_appear_in_the_page_without_a_reload() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let modules = workspace().join("scripts/web/node_modules/playwright-core");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node_ok && !modules.exists() && Path::new(&chromium).exists() {
        let _ = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(workspace().join("scripts/web"))
            .status();
    }
    if !(Path::new(&chromium).exists() && node_ok && modules.exists()) {
        let msg = "the live-update browser test needs chromium, node and scripts/web/node_modules";
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    }

    let srv = Server::start();
    srv.set(
        "/news/kharkiv",
        page("Drones strike Kharkiv overnight", "2024-11-06", &[
            "KHARKIV, Nov 6 - Russian drones struck a residential district of Kharkiv overnight, killing two people and injuring nine, the regional governor said on Wednesday.",
            "Firefighters put out a blaze in a nine-storey building, and several cars were burned out in a courtyard, according to the emergency service.",
        ]),
    );
    srv.set(
        "/news/odesa",
        page("Missile hits Odesa port", "2024-11-07", &[
            "ODESA, Nov 7 - A Russian ballistic missile hit port infrastructure in Odesa on Thursday morning, killing four dock workers, regional officials said.",
            "A grain warehouse and two cranes were damaged, the port authority said, adding that loading had been suspended for the day.",
        ]),
    );
    srv.set("/feed.xml", feed(&srv, 1));

    let out = workspace().join("target/e2e");
    std::fs::create_dir_all(&out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sitrep");
    let child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--addr", "127.0.0.1:0", "--every", "1s", "--db"])
        .arg(&db)
        .arg("--watch")
        .arg(srv.url("/feed.xml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut server = Killed(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    // The first cycle stores the first article; the server's figures follow at once.
    let t = Instant::now();
    loop {
        let stats: serde_json::Value =
            serde_json::from_str(&get(&addr, "/api/stats")).unwrap_or_default();
        if stats["incidents"].as_u64().unwrap_or(0) >= 1 {
            assert_eq!(stats["sources"][0]["failures"], 0, "{stats}");
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "no incident stored: {stats}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let mut node = Killed(
        Command::new("node")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/live.mjs"))
            .arg(&url)
            .arg(&out)
            .env("CHROMIUM", &chromium)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    );
    let stdout = BufReader::new(node.0.stdout.take().unwrap());
    let mut published = false;
    for l in stdout.lines() {
        let l = l.unwrap();
        println!("{l}");
        if l.starts_with("READY") && !published {
            srv.set("/feed.xml", feed(&srv, 2));
            published = true;
        }
    }
    let status = node.0.wait().unwrap();
    assert!(published, "the page never became ready");
    assert!(
        status.success(),
        "the browser checks failed (see the output above)"
    );
}
