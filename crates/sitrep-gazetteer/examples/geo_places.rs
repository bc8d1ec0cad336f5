//! The place mentions of a JSONL corpus (`{"id", "text"}` per line) in the
//! output format of `sitrep inspect places` (code-point offsets), without the
//! pipeline around the gazetteer: a quick loop for `scripts/gazetteer/geo_misses.py`.
//! `cargo run --release -p sitrep-gazetteer --example geo_places -- SET.jsonl > SET.places.jsonl`
use std::io::Write;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: geo_places SET.jsonl");
    let g = sitrep_gazetteer::Gazetteer::global();
    let raw = std::fs::read_to_string(&path).expect("read the corpus");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(id), Some(text)) = (
            v.get("id").and_then(|t| t.as_str()),
            v.get("text").and_then(|t| t.as_str()),
        ) else {
            continue;
        };
        let chars = |b: usize| text[..b].chars().count();
        for m in g.find(text) {
            let l = &m.location;
            let o = serde_json::json!({"doc": id, "start": chars(m.start), "end": chars(m.end),
                "text": m.text, "name": l.name, "lat": l.lat, "lon": l.lon, "country": l.country,
                "admin1": l.admin1, "precision": l.precision,
                "kind": format!("{:?}", m.kind).to_lowercase(), "confidence": m.confidence});
            writeln!(out, "{o}").unwrap();
        }
    }
}
