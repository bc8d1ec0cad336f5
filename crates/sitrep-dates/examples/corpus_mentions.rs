//! List every date mention of a JSON Lines corpus with its context, for review.
//!
//! `cargo run -p sitrep-dates --example corpus_mentions -- [FILE] [YYYY-MM-DD]`
//! (default reference date 2024-11-07 where the text gives none).
use sitrep_dates::{find_dates, parse_date_str, published_from_text};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/work/shared/corpus/news-en.jsonl".into());
    let fallback = args
        .next()
        .and_then(|s| parse_date_str(&s))
        .or(parse_date_str("2024-11-07"));
    let raw = std::fs::read_to_string(&path).expect("readable corpus");
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let id = v.get("id").and_then(|t| t.as_str()).unwrap_or("?");
        let header = published_from_text(text);
        if let Some((d, span)) = &header {
            println!("{id}\tHEADER\t{d}\t{:?}", &text[span.clone()]);
        }
        let r = header.map(|h| h.0).or(fallback);
        for m in find_dates(text, r) {
            let mut a = m.start.saturating_sub(40);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (m.end + 30).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            let ctx = format!("{}[[{}]]{}", &text[a..m.start], m.text, &text[m.end..b])
                .replace('\n', " ");
            println!(
                "{id}\t{:?}\t{}\t{:?}\t{}",
                m.kind, m.value, m.precision, ctx
            );
        }
    }
}
