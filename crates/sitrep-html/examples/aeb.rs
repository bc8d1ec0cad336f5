//! Article-extraction benchmark driver.
//!
//! `cargo run --release -p sitrep-html --example aeb -- DIR OUTFILE [FLAGS]`
//!
//! DIR holds `*.html.gz` pages (or a `html/` sub-folder of them, as in the
//! Zyte article-extraction benchmark). Every page is gunzipped up front, then
//! extracted on a single thread; only the extraction is timed. OUTFILE gets
//! `{"<id>": {"articleBody": "..."}}`, the format the benchmark's
//! `evaluate.py` reads.
//!
//! Flags (for before/after runs; default is `sitrep_html::extract`):
//! - `--raw`: plain `rs_trafilatura::extract` on the unprocessed page;
//! - `--classify`: keep rs-trafilatura's page-type classifier on;
//! - `--scripts-only`: the scan cuts only scripts, styles, svg, comments...;
//! - `--keep-nav`, `--keep-media`, `--keep-attrs`, `--keep-footer`,
//!   `--keep-ws`: turn off one `CleanOptions` switch;
//! - `--parse-only`: only parse the raw page into a DOM (html5ever via
//!   dom_query, as rs-trafilatura does): the floor for any DOM extractor;
//! - `--scan-only`: only run `sitrep_html::scan::scan` (pre-cleaning + metadata);
//! - `--repeat N`: extract everything N times and report the fastest pass
//!   (the machine is shared; the minimum is the least noisy figure).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let raw = flag("--raw");
    let parse_only = flag("--parse-only");
    let scan_only = flag("--scan-only");
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|p| args.get(p + 1))
        .map_or(1, |n| n.parse().expect("--repeat N"));
    let mut opts = sitrep_html::Options {
        detect_page_type: flag("--classify"),
        ..Default::default()
    };
    let c = &mut opts.clean;
    if flag("--scripts-only") {
        c.drop_nav_aside = false;
        c.drop_controls_media = false;
        c.strip_attributes = false;
        c.drop_outer_footer = false;
        c.drop_block_whitespace = false;
    }
    c.drop_nav_aside &= !flag("--keep-nav");
    c.drop_controls_media &= !flag("--keep-media");
    c.strip_attributes &= !flag("--keep-attrs");
    c.drop_outer_footer &= !flag("--keep-footer");
    c.drop_block_whitespace &= !flag("--keep-ws");
    let pos: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--repeat"))
        .map(|(_, a)| a)
        .collect();
    if pos.len() != 2 {
        eprintln!("usage: aeb DIR OUTFILE [--raw]");
        std::process::exit(2);
    }
    let mut dir = PathBuf::from(pos[0]);
    if dir.join("html").is_dir() {
        dir = dir.join("html");
    }
    let pages = load_pages(&dir);
    let total_bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();

    let mut out = serde_json::Map::new();
    let mut elapsed = Duration::MAX;
    let cpu_start = process_cpu_seconds();
    for _ in 0..repeat.max(1) {
        let mut pass = Duration::ZERO;
        for (id, html) in &pages {
            let t = Instant::now();
            let body = if parse_only {
                let doc = dom_query::Document::from(html.as_str());
                format!("{}", doc.root().children().len())
            } else if scan_only {
                let s = sitrep_html::scan::scan(html);
                format!("{}", s.cleaned.len())
            } else if raw {
                rs_trafilatura::extract(html)
                    .map(|r| r.content_text)
                    .unwrap_or_default()
            } else {
                sitrep_html::extract_with(html, &opts).body
            };
            pass += t.elapsed();
            out.insert(id.clone(), serde_json::json!({ "articleBody": body }));
        }
        elapsed = elapsed.min(pass);
    }
    // CPU seconds per pass: on a busy shared machine this is steadier than
    // wall time (Linux only; the load phase is excluded).
    let cpu = cpu_start
        .zip(process_cpu_seconds())
        .map(|(a, b)| (b - a) / repeat.max(1) as f64);
    if let Some(cpu) = cpu {
        println!(
            "CPU time: {:.3} s per pass: {:.1} pages/s, {:.2} MB/s",
            cpu,
            pages.len() as f64 / cpu,
            total_bytes as f64 / 1e6 / cpu
        );
    }
    std::fs::write(pos[1], serde_json::to_string(&out).expect("json")).expect("write OUTFILE");

    let secs = elapsed.as_secs_f64();
    println!(
        "{} pages, {:.1} MB, {:.3} s extraction (best of {}): {:.1} pages/s, {:.2} MB/s ({})",
        pages.len(),
        total_bytes as f64 / 1e6,
        secs,
        repeat.max(1),
        pages.len() as f64 / secs,
        total_bytes as f64 / 1e6 / secs,
        if parse_only {
            "parse only".to_string()
        } else if scan_only {
            "scan only".to_string()
        } else if raw {
            "raw rs-trafilatura".to_string()
        } else {
            format!("sitrep_html::extract_with {opts:?}")
        }
    );
}

/// User + system CPU seconds of this process from `/proc/self/stat`
/// (assumes the usual 100 clock ticks per second).
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the `(comm)`: state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Reads and gunzips every `*.html.gz` (or plain `*.html`) in `dir`, sorted by name.
fn load_pages(dir: &Path) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let (id, gz) = if let Some(id) = name.strip_suffix(".html.gz") {
            (id.to_string(), true)
        } else if let Some(id) = name.strip_suffix(".html") {
            (id.to_string(), false)
        } else {
            continue;
        };
        let bytes = std::fs::read(&p).expect("read page");
        let bytes = if gz {
            let mut v = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut v)
                .expect("gunzip");
            v
        } else {
            bytes
        };
        pages.push((id, String::from_utf8_lossy(&bytes).into_owned()));
    }
    pages
}
