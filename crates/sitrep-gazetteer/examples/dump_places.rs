//! Lists every place mention found in a JSONL corpus (field `text`), one per
//! line: surface text, kind, resolved name, admin1, country, confidence.
//! For eyeballing precision: `cargo run --release -p sitrep-gazetteer --example dump_places -- PATH`
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/corpus/news-en.jsonl".to_string());
    let g = sitrep_gazetteer::Gazetteer::global();
    let raw = std::fs::read_to_string(&path).expect("corpus");
    for (n, line) in raw.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        for m in g.find(text) {
            let l = &m.location;
            println!(
                "{n}\t{}\t{:?}\t{}\t{}\t{}\t{:.2}",
                m.text,
                m.kind,
                l.name,
                l.admin1.as_deref().unwrap_or("-"),
                l.country.as_deref().unwrap_or("-"),
                m.confidence
            );
        }
    }
}
