//! Throughput of `Lexicon::entities` (plus `actors_in` and `weapons_in`) on
//! real news text.
//!
//! `cargo run --release -p sitrep-lexicon --example bench_entities -- [CORPUS.jsonl] [MIN_DOCS]`
//!
//! Reads the `text` field of each JSON line (default corpus:
//! `../shared/corpus/news-en.jsonl` next to the workspace, or
//! `/work/shared/corpus/news-en.jsonl`), replicates the documents up to
//! MIN_DOCS (default 10,000) and reports articles/s and MB/s.

use std::time::Instant;

use sitrep_lexicon::Lexicon;

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), when available:
/// on a shared machine wall-clock time also counts time spent waiting for a core.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        [
            "../shared/corpus/news-en.jsonl",
            "/work/shared/corpus/news-en.jsonl",
        ]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .unwrap_or("news-en.jsonl")
        .to_string()
    });
    let min_docs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("no corpus at {path}: nothing to benchmark");
        return;
    };
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect();
    if texts.is_empty() {
        eprintln!("no `text` fields in {path}");
        return;
    }

    let t0 = Instant::now();
    let lex = Lexicon::global();
    println!(
        "lexicon built in {:.1} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );

    let reps = min_docs.div_ceil(texts.len()).max(1);
    let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 1);
    let (mut docs, mut bytes, mut mentions) = (0usize, 0usize, 0usize);
    let t = Instant::now();
    let c0 = cpu_seconds();
    for _ in 0..reps {
        for text in &texts {
            mentions += lex.entities(text, date).len();
            docs += 1;
            bytes += text.len();
        }
    }
    let ent = t.elapsed().as_secs_f64();
    let ent_cpu = c0.zip(cpu_seconds()).map(|(a, b)| b - a);
    let t = Instant::now();
    let c1 = cpu_seconds();
    let mut extra = 0usize;
    for _ in 0..reps {
        for text in &texts {
            extra += lex.actors_in(text).len() + lex.weapons_in(text).len();
        }
    }
    let rest = t.elapsed().as_secs_f64();
    let rest_cpu = c1.zip(cpu_seconds()).map(|(a, b)| b - a);
    let mb = bytes as f64 / 1e6;
    println!(
        "entities: {docs} docs ({:.1} KB mean), {mentions} mentions, {:.0} articles/s, {:.1} MB/s, {:.1} µs/article",
        bytes as f64 / docs as f64 / 1e3,
        docs as f64 / ent,
        mb / ent,
        ent * 1e6 / docs as f64
    );
    if let Some(c) = ent_cpu {
        println!(
            "entities, CPU time: {:.0} articles/s, {:.1} µs/article",
            docs as f64 / c,
            c * 1e6 / docs as f64
        );
    }
    println!(
        "actors_in + weapons_in: {extra} hits, {:.0} articles/s, {:.1} µs/article",
        docs as f64 / rest,
        rest * 1e6 / docs as f64
    );
    if let Some(c) = rest_cpu {
        println!(
            "actors_in + weapons_in, CPU time: {:.0} articles/s, {:.1} µs/article",
            docs as f64 / c,
            c * 1e6 / docs as f64
        );
    }
}
