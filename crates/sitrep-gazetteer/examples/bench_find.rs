//! Throughput of `Gazetteer::find` over a JSONL corpus (field `text`).
//!
//! `cargo run --release -p sitrep-gazetteer --example bench_find [-- PATH [ROUNDS]]`
//! (default PATH: /work/shared/corpus/news-en.jsonl). Prints load time,
//! articles/s, MB/s and the number of mentions found.
use std::time::Instant;

use sitrep_gazetteer::Gazetteer;

/// CPU time of this process in seconds (user + system, from /proc; 0 elsewhere).
/// On a shared machine wall-clock numbers overstate the cost; CPU time does not.
fn cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the parenthesised command name; utime and stime are fields 14 and 15
    let rest = stat.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/work/shared/corpus/news-en.jsonl".to_string());
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let t = Instant::now();
    let c0 = cpu_secs();
    let g = Gazetteer::global();
    println!(
        "load: {:.3} s wall, {:.2} s CPU ({} places)",
        t.elapsed().as_secs_f64(),
        cpu_secs() - c0,
        g.len()
    );
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("corpus {path} not found: nothing to measure");
        return;
    };
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut mentions = 0;
    let c0 = cpu_secs();
    let t = Instant::now();
    for _ in 0..rounds {
        mentions = 0;
        for text in &texts {
            mentions += g.find(text).len();
        }
    }
    let secs = t.elapsed().as_secs_f64() / rounds as f64;
    let cpu = (cpu_secs() - c0) / rounds as f64;
    println!(
        "{} articles, {:.2} MB, {} mentions: {:.0} articles/s, {:.2} MB/s, {:.1} µs/article",
        texts.len(),
        bytes as f64 / 1e6,
        mentions,
        texts.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        secs * 1e6 / texts.len() as f64
    );
    if cpu > 0.0 {
        println!(
            "CPU time: {:.0} articles/s, {:.2} MB/s, {:.1} µs/article",
            texts.len() as f64 / cpu,
            bytes as f64 / 1e6 / cpu,
            cpu * 1e6 / texts.len() as f64
        );
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(l) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!(
                "peak RSS: {}",
                l.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
            );
        }
    }
}
