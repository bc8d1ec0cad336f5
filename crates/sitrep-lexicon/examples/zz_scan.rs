use sitrep_lexicon::{EntityKind, Lexicon};
use std::collections::HashMap;
fn main() {
    let raw = std::fs::read_to_string("/work/shared/corpus/news-en.jsonl").unwrap();
    let lex = Lexicon::global();
    let mut unk: HashMap<String, usize> = HashMap::new();
    let mut known: HashMap<String, usize> = HashMap::new();
    let mut orgs: HashMap<String, usize> = HashMap::new();
    for l in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let t = v["text"].as_str().unwrap();
        for m in lex.entities(t, None) {
            let key = format!(
                "{} <= {}{}{}",
                m.name,
                m.text,
                if m.misspelled { " MIS" } else { "" },
                if m.via_title { " ROLE" } else { "" }
            );
            match m.kind {
                EntityKind::Person
                    if m.country.is_none()
                        && !m.via_title
                        && !lex.people().iter().any(|p| p.name == m.name) =>
                {
                    *unk.entry(key).or_default() += 1
                }
                EntityKind::Person => *known.entry(key).or_default() += 1,
                EntityKind::Org => *orgs.entry(key).or_default() += 1,
            }
        }
    }
    let which = std::env::args().nth(1).unwrap_or_default();
    let map = match which.as_str() {
        "known" => known,
        "orgs" => orgs,
        _ => unk,
    };
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort();
    for (k, n) in v {
        println!("{n}\t{k}");
    }
}
