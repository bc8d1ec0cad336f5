//! The accuracy gate: the seeds (`examples/` against `tests/gold`) and the development
//! articles (`tests/gold-dev`, a copy of ../shared/gold/dev) through the real binary, scored
//! by `sitrep eval`, against the figures committed in `tests/accuracy.json` (written by
//! `scripts/accuracy.sh --json tests/accuracy.json`, the same figures ACCURACY.md and the
//! README publish). A figure more than `TOLERANCE` below the committed one fails; so does
//! one more than `TOLERANCE` above it, because then the published figures are stale.
//! The seed targets of the issue hold as well.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOLERANCE: f64 = 0.02;

/// The figures the gate watches (the scorer's names).
const GATED: &[&str] = &[
    "events_f1",
    "events_fine_f1",
    "statements_f1",
    "places_f1",
    "people_f1",
    "published_acc",
    "body_acc",
    "genre_acc",
    "attr_date",
    "attr_place",
    "dedup_f1",
];

const SEED_TARGETS: &[(&str, f64)] = &[
    ("events_f1", 0.80),
    ("events_fine_f1", 0.70),
    ("statements_f1", 0.70),
    ("places_f1", 0.85),
    ("people_f1", 0.85),
    ("published_acc", 1.0),
    ("body_acc", 0.95),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Extract `inputs` and score them against `gold` with `sitrep eval --json`.
fn figures(name: &str, inputs: &[PathBuf], gold: &Path) -> Value {
    let dir = std::env::temp_dir().join(format!("sitrep-gate-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("records.jsonl");
    let st = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("extract")
        .args(inputs)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success(), "{name}: extract failed");
    let res = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["eval", "--json", "--gold"])
        .arg(gold)
        .arg(&out)
        .output()
        .unwrap();
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    std::fs::remove_dir_all(&dir).ok();
    serde_json::from_slice(&res.stdout).unwrap()
}

fn committed(set: &str) -> Value {
    let path = root().join("tests/accuracy.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    all[set]["all"].clone()
}

/// Every gated figure within `TOLERANCE` of the committed one; the differences, else.
fn drift(now: &Value, was: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for k in GATED {
        let (n, w) = (now[k].as_f64(), was[k].as_f64());
        match (n, w) {
            (Some(n), Some(w)) if (n - w).abs() <= TOLERANCE + 1e-9 => {}
            (None, None) => {}
            _ => out.push(format!("{k}: now {n:?}, committed {w:?}")),
        }
    }
    out
}

#[test]
fn seed_figures_hold_the_targets_and_the_committed_figures() {
    let now = figures("seeds", &txt_files(&root().join("examples")), &root().join("tests/gold"));
    eprintln!("seeds: {now}");
    let below: Vec<String> = SEED_TARGETS
        .iter()
        .filter(|(k, min)| now[k].as_f64().unwrap_or(-1.0) < *min)
        .map(|(k, min)| format!("{k}={} < {min}", now[k]))
        .collect();
    assert!(below.is_empty(), "seed targets missed: {}", below.join(", "));
    let d = drift(&now, &committed("seeds"));
    assert!(
        d.is_empty(),
        "seed figures moved by more than {TOLERANCE} from tests/accuracy.json \
         (if better, publish them: scripts/accuracy.sh --json tests/accuracy.json, then \
         ACCURACY.md and the README): {}",
        d.join("; ")
    );
}

#[test]
fn development_figures_hold_the_committed_figures() {
    let gold = root().join("tests/gold-dev");
    let inputs = txt_files(&gold);
    assert_eq!(inputs.len(), 60, "tests/gold-dev holds the 60 development articles");
    let now = figures("gold-dev", &inputs, &gold);
    eprintln!("gold-dev: {now}");
    let d = drift(&now, &committed("gold-dev"));
    assert!(
        d.is_empty(),
        "development figures moved by more than {TOLERANCE} from tests/accuracy.json \
         (if better, publish them: scripts/accuracy.sh --json tests/accuracy.json, then \
         ACCURACY.md and the README): {}",
        d.join("; ")
    );
}

#[test]
fn the_gate_notices_a_drop() {
    // The comparison itself: a figure 0.03 lower (or higher) is reported, 0.01 is not.
    let was = serde_json::json!({"events_f1": 0.50, "body_acc": 0.90, "dedup_f1": null});
    let low = serde_json::json!({"events_f1": 0.47, "body_acc": 0.91, "dedup_f1": null});
    let high = serde_json::json!({"events_f1": 0.50, "body_acc": 0.93, "dedup_f1": null});
    let same = serde_json::json!({"events_f1": 0.49, "body_acc": 0.90, "dedup_f1": null});
    assert_eq!(drift(&low, &was).len(), 1);
    assert_eq!(drift(&high, &was).len(), 1);
    assert!(drift(&same, &was).is_empty());
}
