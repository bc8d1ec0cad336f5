//! Cross-source deduplication on a hand-written corpus of realistic same-event
//! reports and look-alikes (`tests/dedup_corpus.jsonl`): pairwise precision and
//! recall of "same incident" against the gold labels, pinned to the figures
//! the README publishes (`tests/dedup_figures.json`, within its tolerance).
use sitrep_model::Record;
use sitrep_store::{MemStore, SqliteStore, Store};
use std::collections::HashMap;

/// Records, and for each (doc, event index) its gold incident label.
fn corpus() -> (Vec<Record>, HashMap<(String, usize), String>) {
    let text = include_str!("dedup_corpus.jsonl");
    let mut records = Vec::new();
    let mut gold = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v.get("_about").is_some() {
            continue;
        }
        let doc = v["doc"].as_str().unwrap().to_string();
        for (i, e) in v["events"].as_array().unwrap().iter().enumerate() {
            gold.insert((doc.clone(), i), e["gold"].as_str().unwrap().to_string());
        }
        records.push(serde_json::from_value(v).unwrap());
    }
    (records, gold)
}

/// Pairwise (precision, recall, tp, fp, fn) of predicted incident ids against gold labels.
fn pairwise(
    pred: &HashMap<(String, usize), String>,
    gold: &HashMap<(String, usize), String>,
) -> (f64, f64, usize, usize, usize) {
    let keys: Vec<&(String, usize)> = gold.keys().collect();
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    for i in 0..keys.len() {
        for j in i + 1..keys.len() {
            let g = gold[keys[i]] == gold[keys[j]];
            let p = pred[keys[i]] == pred[keys[j]];
            match (g, p) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    eprintln!(
                        "false merge: {:?} ({}) + {:?} ({})",
                        keys[i], gold[keys[i]], keys[j], gold[keys[j]]
                    );
                }
                (true, false) => {
                    fnn += 1;
                    eprintln!("missed: {:?} + {:?} ({})", keys[i], keys[j], gold[keys[i]]);
                }
                _ => {}
            }
        }
    }
    (
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fnn).max(1) as f64,
        tp,
        fp,
        fnn,
    )
}

/// Predicted incident of every event, read back through the stored incidents' sources.
fn predicted(store: &dyn Store, records: &[Record]) -> HashMap<(String, usize), String> {
    let incidents = store.incidents(&Default::default()).unwrap();
    let mut out = HashMap::new();
    for r in records {
        for (i, e) in r.events.iter().enumerate() {
            let inc = incidents
                .iter()
                .find(|inc| {
                    inc.sources
                        .iter()
                        .any(|s| s.doc == r.doc && s.evidence == e.evidence)
                })
                .unwrap_or_else(|| panic!("event {} of {} has no incident", i, r.doc));
            out.insert((r.doc.clone(), i), inc.id.clone());
        }
    }
    out
}

fn check(
    name: &str,
    store: &mut dyn Store,
    records: &[Record],
    gold: &HashMap<(String, usize), String>,
    one_by_one: bool,
) {
    if one_by_one {
        for r in records {
            store.ingest(std::slice::from_ref(r)).unwrap();
        }
    } else {
        store.ingest(records).unwrap();
    }
    let (p, r, tp, fp, fnn) = pairwise(&predicted(store, records), gold);
    eprintln!("{name}: pairwise precision {p:.3} recall {r:.3} (tp {tp}, fp {fp}, fn {fnn})");
    let pinned: serde_json::Value =
        serde_json::from_str(include_str!("dedup_figures.json")).unwrap();
    let tol = pinned["tolerance"].as_f64().unwrap();
    for (what, got) in [("precision", p), ("recall", r)] {
        let want = pinned["hand_written"][what].as_f64().unwrap();
        assert!(
            (got - want).abs() <= tol,
            "{name}: {what} {got:.3}, the README publishes {want:.3} (dedup_figures.json, ±{tol})"
        );
    }
}

#[test]
fn dedup_corpus_precision_and_recall() {
    let (records, gold) = corpus();
    assert!(
        records.len() >= 60 && gold.len() >= 70,
        "the corpus is there"
    );
    let distinct: std::collections::HashSet<&String> = gold.values().collect();
    assert!(distinct.len() >= 35);
    check(
        "sqlite, one batch",
        &mut SqliteStore::in_memory().unwrap(),
        &records,
        &gold,
        false,
    );
    check(
        "sqlite, one article per batch",
        &mut SqliteStore::in_memory().unwrap(),
        &records,
        &gold,
        true,
    );
    let mut reversed = records.clone();
    reversed.reverse();
    check(
        "sqlite, reversed order",
        &mut SqliteStore::in_memory().unwrap(),
        &reversed,
        &gold,
        false,
    );
    check("memory store", &mut MemStore::new(), &records, &gold, false);
}
