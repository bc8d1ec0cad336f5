//! End to end: the real `sitrep serve` binary on a fixture store, driven by
//! headless Chromium through `tests/e2e/drive.mjs` (playwright-core from
//! `scripts/web`): the desktop page, the incident detail, hostile content,
//! the timeline brush, statements, briefing, and phone widths (360 and
//! 400 px). Screenshots go to `target/e2e/`.
//!
//! Needs Debian's `chromium` (`/usr/bin/chromium`, or set `CHROMIUM`), `node`
//! and `npm` (the test runs `npm ci` in `scripts/web` when playwright-core is
//! missing; it downloads no browser). When something is missing the test
//! prints why on the terminal (even without `--nocapture`) and passes, unless
//! `SITREP_E2E=required` is set, as `.ci/run` does: then it fails.

use sitrep_store::{SqliteStore, Store};
use std::io::{BufRead, BufReader, Write};
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

/// Says why the browser test cannot run: a failure when it is required, else
/// a line written straight to the terminal (libtest captures `eprintln!`).
fn cannot_run(why: &str) {
    let msg = format!(
        "web_e2e: the browser test did not run: {why}. Install Debian's chromium, nodejs and npm \
         (`apt-get install chromium nodejs npm`) or set SITREP_E2E=required to make this a failure."
    );
    if std::env::var("SITREP_E2E").is_ok_and(|v| v == "required") {
        panic!("{msg}");
    }
    let _ = writeln!(std::io::stderr(), "\n{msg}\n");
}

#[test]
fn page_in_headless_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let modules = workspace().join("scripts/web/node_modules/playwright-core");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !Path::new(&chromium).exists() {
        return cannot_run(&format!("no Chromium at {chromium}"));
    }
    if !node_ok {
        return cannot_run("no `node` on the PATH");
    }
    if !modules.exists() {
        // Install the pinned driver (playwright-core only; it downloads no browser).
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(workspace().join("scripts/web"))
            .output();
        match out {
            Ok(o) if o.status.success() && modules.exists() => {}
            Ok(o) => {
                return cannot_run(&format!(
                    "`npm ci` in scripts/web failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                ))
            }
            Err(e) => return cannot_run(&format!("cannot run `npm`: {e}")),
        }
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
    for shot in ["map.png", "detail-hostile.png", "phone-360.png", "phone-400.png"] {
        assert!(out.join(shot).exists(), "{shot}");
    }
}
