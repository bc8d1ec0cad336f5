//! End to end: the real `sitrep serve` binary on a fixture store, driven by
//! headless Chromium through `tests/e2e/drive.mjs` (playwright-core from
//! `scripts/web`). Screenshots go to `target/e2e/`.
//!
//! Needs `/usr/bin/chromium` (Debian's `chromium`, or set `CHROMIUM`), `node`,
//! and playwright-core in `scripts/web/node_modules` (the test runs `npm ci`
//! there when it is missing). Without them the test is skipped with a message,
//! except when `CI` is set: then it fails.

use sitrep_store::{SqliteStore, Store};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Kills the server when the test ends, passing or not.
struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn page_in_headless_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let modules = workspace().join("scripts/web/node_modules/playwright-core");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node_ok && !modules.exists() && Path::new(&chromium).exists() {
        // Install the pinned driver (playwright-core only; it downloads no browser).
        eprintln!("installing playwright-core (npm ci in scripts/web)");
        let _ = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(workspace().join("scripts/web"))
            .status();
    }
    let missing: Vec<String> = [
        (!Path::new(&chromium).exists()).then(|| format!("{chromium} (apt-get install chromium)")),
        (!node_ok).then(|| "node".to_string()),
        (!modules.exists()).then(|| "scripts/web/node_modules (npm ci in scripts/web)".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let msg = format!("end-to-end test needs: {}", missing.join(", "));
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    }

    // The fixture store, written as a real SQLite file.
    let out = workspace().join("target/e2e");
    std::fs::create_dir_all(&out).unwrap();
    let db = out.join("fixture.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixture.jsonl"),
    )
    .unwrap();
    let records: Vec<sitrep_model::Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    {
        let mut store = SqliteStore::open(&db).unwrap();
        store.ingest(&records).unwrap();
    }

    // `sitrep serve` on a free port; its first stdout line carries the URL.
    let child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--db"])
        .arg(&db)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start sitrep serve");
    let mut server = Server(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();

    let status = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/drive.mjs"))
        .arg(&url)
        .arg(&out)
        .env("CHROMIUM", &chromium)
        .status()
        .expect("run node");
    drop(server);
    assert!(
        status.success(),
        "the browser checks failed (see the output above)"
    );
    assert!(out.join("map.png").exists() && out.join("detail-hostile.png").exists());
}
