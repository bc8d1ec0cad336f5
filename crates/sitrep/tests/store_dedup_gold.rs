//! Deduplication on records the extractor produced: the 60 articles of
//! `tests/gold-dev` (with their URL and outlet from its `meta.json`) ingested
//! into a store, each article's events read back with their incident ids as
//! `cluster_id`, scored by `sitrep eval` (dedup_p / dedup_r: pairs of matched
//! events from different articles, same gold `cluster` vs same incident).
//! The figures are pinned in `crates/sitrep-store/tests/dedup_figures.json`
//! (`gold_dev_extracted`) within its tolerance: they move with extraction
//! accuracy, so the file says where to update them.
use sitrep_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn dedup_of_extracted_gold_dev_records_is_pinned() {
    let gold = workspace().join("tests/gold-dev");
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold.join("meta.json")).unwrap()).unwrap();
    let dir = std::env::temp_dir().join(format!("sitrep-dedup-gold-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The articles as JSON Lines, with the URL and outlet a feed would carry.
    let mut input = String::new();
    let mut docs: Vec<String> = meta.as_object().unwrap().keys().cloned().collect();
    docs.sort();
    for doc in &docs {
        let m = &meta[doc];
        let text = std::fs::read_to_string(gold.join(doc)).unwrap();
        input.push_str(
            &serde_json::json!({"id": doc, "text": text, "url": m["url"], "source": m["outlet"]}).to_string(),
        );
        input.push('\n');
    }
    let jsonl = dir.join("gold-dev.jsonl");
    std::fs::write(&jsonl, input).unwrap();
    let db = dir.join("gold.sitrep");
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .env_remove("SITREP_DB")
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&jsonl)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Each article's record as stored, events carrying their incident ids.
    let store = SqliteStore::open_existing(&db).unwrap();
    let mut records = String::new();
    for doc in &docs {
        let rec = store.article(doc).unwrap().expect("stored");
        records.push_str(&serde_json::to_string(&rec).unwrap());
        records.push('\n');
    }
    let recs = dir.join("records.jsonl");
    std::fs::write(&recs, records).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg(&recs)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fig: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pinned: serde_json::Value = serde_json::from_str(include_str!(
        "../../sitrep-store/tests/dedup_figures.json"
    ))
    .unwrap();
    let tol = pinned["tolerance"].as_f64().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let mut off = Vec::new();
    for k in ["dedup_p", "dedup_r"] {
        let got = fig[k].as_f64().unwrap_or(f64::NAN);
        let want = pinned["gold_dev_extracted"][k].as_f64().unwrap_or(f64::NAN);
        eprintln!("gold-dev, extracted records through the store: {k} {got:.3} (pinned {want:.3})");
        if !((got - want).abs() <= tol) {
            off.push(format!("{k} {got:.3}, pinned {want:.3} ±{tol}"));
        }
    }
    assert!(
        off.is_empty(),
        "{} (crates/sitrep-store/tests/dedup_figures.json, gold_dev_extracted)",
        off.join("; ")
    );
}
