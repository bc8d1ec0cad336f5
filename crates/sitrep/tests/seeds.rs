//! `sitrep eval` checked against the reference scorer `tests/score.py` on the seed
//! articles' records (the seed targets and committed figures: `accuracy_gate.rs`; generated
//! records: `eval_agrees.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn extract_seeds(out: &Path) {
    let mut args: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    args.sort();
    assert_eq!(
        args.len(),
        5,
        "the five seed articles are bundled in examples/"
    );
    let st = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("extract")
        .args(&args)
        .arg("-o")
        .arg(out)
        .status()
        .unwrap();
    assert!(st.success());
}

/// `sitrep eval --json` and the reference `score.py --json` on the bundled gold
/// and the predictions in `pred`: both outputs, parsed.
fn both_scores(pred: &std::path::Path) -> (serde_json::Value, serde_json::Value) {
    let ours = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["eval", "--json", "--gold"])
        .arg(root().join("tests/gold"))
        .arg(pred)
        .output()
        .unwrap();
    let py = Command::new("python3")
        .arg(root().join("tests/score.py"))
        .args(["--json", "--gold"])
        .arg(root().join("tests/gold"))
        .arg("--pred")
        .arg(pred)
        .output()
        .expect("python3 runs the reference scorer");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    (
        serde_json::from_slice(&ours.stdout).unwrap(),
        serde_json::from_slice(&py.stdout).unwrap(),
    )
}

#[test]
fn eval_agrees_with_reference_scorer() {
    let dir = std::env::temp_dir().join(format!("sitrep-agree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("records.jsonl");
    extract_seeds(&out);
    let (a, b) = both_scores(&out);
    assert_eq!(a, b, "sitrep eval and score.py disagree");
    // And on a deliberately poor prediction (empty records), which exercises the zero paths.
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "{\"doc\":\"000_a485b6fdc9c4be70.txt\"}\n").unwrap();
    let (a, b) = both_scores(&empty);
    assert_eq!(a, b);
}
