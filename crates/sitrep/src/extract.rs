//! `extract` and `inspect`: read inputs, run the pipeline in parallel, write JSON Lines.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::json;
use sitrep_model::Record;
use sitrep_pipeline::source::{expand_paths, read_path};
use sitrep_pipeline::text::CharIndex;
use sitrep_pipeline::{cluster, Document, InputError, Pipeline};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct InputArgs {
    /// Files or directories (recursive: .txt, .html, .htm, .jsonl); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Publication date for inputs that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub published: Option<NaiveDate>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
}

#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write records here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Leave out `body` (smaller output).
    #[arg(long)]
    pub no_body: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Dates,
    Places,
    Entities,
}

#[derive(Args)]
pub struct InspectArgs {
    /// What to show: dates, places or entities.
    #[arg(value_enum)]
    pub what: What,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// Read every input, reporting bad ones on stderr. Returns documents and the number of failures.
pub fn read_all(paths: &[PathBuf]) -> (Vec<Document>, Vec<InputError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let expanded = expand_paths(paths);
    if let Some(note) = expanded.ignored_note() {
        eprintln!("sitrep: {note}");
    }
    for p in expanded.inputs {
        match p {
            Err(e) => errors.push(e),
            Ok(path) => {
                for d in read_path(&path) {
                    match d {
                        Ok(d) => docs.push(d),
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
    }
    for e in &errors {
        eprintln!("sitrep: skipped {e}");
    }
    (docs, errors)
}

pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        b = b.num_threads(j.max(1));
    }
    b.build().context("cannot start worker threads")
}

pub fn progress(n: usize) -> ProgressBar {
    if std::io::stderr().is_terminal() && n >= 200 {
        let pb = ProgressBar::new(n as u64);
        pb.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} articles {per_sec} eta {eta}")
                .unwrap(),
        );
        pb
    } else {
        ProgressBar::hidden()
    }
}

pub fn run_extract(a: ExtractArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let (docs, errors) = read_all(&a.input.paths);
    let pool = thread_pool(a.input.jobs)?;
    let load_started = std::time::Instant::now();
    let pipeline = Pipeline::new();
    crate::allocator_after_load();
    let load_secs = load_started.elapsed().as_secs_f64();
    let extract_started = std::time::Instant::now();
    let pb = progress(docs.len());
    let n_docs = docs.len();
    let bytes: usize = docs.iter().map(|d| d.raw.len()).sum();
    // Consumed, not borrowed: each document is freed once its record exists, so the
    // batch never holds every document and every record at once.
    let results: Vec<Result<Record, InputError>> = pool.install(|| {
        docs.into_par_iter()
            .map(|d| {
                let mut r = extract_guarded(&pipeline, &d, a.input.published);
                if a.no_body {
                    // Dropped here, not at writing: a batch holds every record until clustering.
                    if let Ok(rec) = &mut r {
                        rec.body = String::new();
                    }
                }
                pb.inc(1);
                r
            })
            .collect()
    });
    pb.finish_and_clear();
    let extract_secs = extract_started.elapsed().as_secs_f64();
    let mut errors = errors;
    let mut records = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(rec) => records.push(rec),
            Err(e) => {
                eprintln!("sitrep: skipped {e}");
                errors.push(e);
            }
        }
    }
    cluster::assign(&mut records);
    let out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(out);
    let mut events = 0;
    for r in &mut records {
        events += r.events.len();
        serde_json::to_writer(&mut w, r)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "sitrep: read {} articles, wrote {} records ({} events), skipped {} inputs{} in {:.2}s ({:.0} articles/s, {:.1} MB/s; \
         reference data loaded in {:.2}s, extraction alone {:.0} articles/s, {:.1} MB/s)",
        n_docs,
        records.len(),
        events,
        errors.len(),
        summarize_reasons(&errors),
        secs,
        n_docs as f64 / secs.max(1e-9),
        bytes as f64 / 1e6 / secs.max(1e-9),
        load_secs,
        n_docs as f64 / extract_secs.max(1e-9),
        bytes as f64 / 1e6 / extract_secs.max(1e-9)
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Extract one document; a bug that panics on this input costs this input
/// only, and is reported as one line naming it (see [`crate::guard`]).
pub fn extract_guarded(
    p: &Pipeline,
    d: &Document,
    published: Option<NaiveDate>,
) -> Result<Record, InputError> {
    crate::guard::guarded(|| p.extract(d, published)).map_err(|msg| InputError {
        origin: d.origin.clone(),
        reason: format!("internal error while extracting (please report): {msg}"),
    })
}

pub fn summarize_reasons(errors: &[InputError]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in errors {
        let key = e.reason.split(':').next().unwrap_or("").to_string();
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    format!(
        " ({})",
        counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

pub fn run_inspect(a: InspectArgs) -> Result<ExitCode> {
    let (docs, errors) = read_all(&a.input.paths);
    let pipeline = Pipeline::new();
    crate::allocator_after_load();
    let pool = thread_pool(a.input.jobs)?;
    let lines: Vec<Vec<serde_json::Value>> = pool.install(|| {
        docs.par_iter()
            .map(|d| {
                let text = pipeline.text_of(d);
                let given = d.published.as_deref().and_then(sitrep_dates::parse_date_str);
                let an = pipeline.analyse_with(&text, given, a.input.published);
                let ci = CharIndex::new(&text);
                let mut out = Vec::new();
                match a.what {
                    What::Dates => {
                        for m in &an.dates {
                            out.push(json!({"doc": d.doc, "start": ci.chars(m.start), "end": ci.chars(m.end), "text": m.text,
                                "value": m.value, "precision": m.precision, "date": m.date.map(|x| x.to_string()),
                                "relative": m.relative, "kind": format!("{:?}", m.kind).to_lowercase()}));
                        }
                    }
                    What::Places => {
                        // per mention: the readings considered and why the chosen one won
                        let g = sitrep_gazetteer::Gazetteer::global();
                        let notes = g.explain(&text);
                        let mut rows: Vec<(usize, serde_json::Value)> = Vec::new();
                        for m in &an.places {
                            let l = &m.location;
                            let note = notes.iter().find(|x| x.start == m.start && x.chosen.is_some());
                            rows.push((m.start, json!({"doc": d.doc, "start": ci.chars(m.start), "end": ci.chars(m.end), "text": m.text,
                                "name": l.name, "lat": l.lat, "lon": l.lon, "country": l.country, "admin1": l.admin1,
                                "geonames_id": l.geonames_id, "precision": l.precision, "kind": format!("{:?}", m.kind).to_lowercase(),
                                "confidence": m.confidence, "why": note.map(|x| x.why.as_str()),
                                "candidates": note.map(|x| &x.candidates)})));
                        }
                        // demonyms name a country without being a place mention (the
                        // record never lists them); shown here as kind "demonym"
                        for m in g.demonyms_in(&text) {
                            if an.places.iter().any(|p| p.start < m.end && m.start < p.end) {
                                continue;
                            }
                            let l = &m.location;
                            rows.push((m.start, json!({"doc": d.doc, "start": ci.chars(m.start), "end": ci.chars(m.end), "text": m.text,
                                "name": l.name, "lat": l.lat, "lon": l.lon, "country": l.country, "admin1": null,
                                "geonames_id": l.geonames_id, "precision": l.precision, "kind": "demonym",
                                "confidence": m.confidence, "why": "a demonym: names its country", "candidates": []})));
                        }
                        rows.sort_by_key(|r| r.0);
                        out.extend(rows.into_iter().map(|r| r.1));
                    }
                    What::Entities => {
                        for m in &an.entities {
                            out.push(json!({"doc": d.doc, "start": ci.chars(m.start), "end": ci.chars(m.end), "text": m.text,
                                "kind": format!("{:?}", m.kind).to_lowercase(), "name": m.name, "misspelled": m.misspelled,
                                "via_title": m.via_title}));
                        }
                    }
                }
                out
            })
            .collect()
    });
    let mut w = BufWriter::new(std::io::stdout().lock());
    for l in lines.into_iter().flatten() {
        serde_json::to_writer(&mut w, &l)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
