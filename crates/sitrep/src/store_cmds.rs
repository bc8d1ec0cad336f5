//! `ingest`, `events`, `statements`, `stats`: the store commands (issue 3).
//!
//! The store is `--db FILE`, else `$SITREP_DB`, else `./sitrep.db`. Read commands
//! never create a store; no command modifies a file that is not a sitrep store.
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sitrep_model::Record;
use sitrep_pipeline::source::{expand_paths, read_path};
use sitrep_pipeline::{Document, Pipeline};
use sitrep_store::{export, IngestReport, SqliteStore, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the store is: `--db`, else `SITREP_DB`, else `./sitrep.db`.
/// One JSON object per line.
fn write_jsonl<T: serde::Serialize>(out: &mut impl Write, items: &[T]) -> Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub fn db_path(db: &Option<PathBuf>) -> PathBuf {
    db.clone()
        .or_else(|| {
            std::env::var_os("SITREP_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from("sitrep.db"))
}

#[derive(Args)]
pub struct IngestArgs {
    /// The store file (default `$SITREP_DB`, else `./sitrep.db`); created if missing.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Publication date to assume for articles that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub published: Option<NaiveDate>,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// No progress bar or summary on stderr (errors are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Files or directories (`.txt`, `.html`, `.jsonl`), or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// One read document or its error, in input order.
pub type Input = std::result::Result<Document, sitrep_pipeline::InputError>;

pub fn run_ingest(a: IngestArgs) -> Result<ExitCode> {
    let expanded = expand_paths(&a.paths);
    if let Some(note) = expanded.ignored_note() {
        eprintln!("sitrep: {note}");
    }
    let files = expanded.inputs;
    let show = !a.quiet;
    let bar = if show && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let inputs = files.into_iter().map(|f| {
        bar.inc(1);
        match f {
            Ok(p) => read_path(&p),
            Err(e) => vec![Err(e)],
        }
    });
    let code = ingest_documents(&a, inputs);
    bar.finish_and_clear();
    code
}

/// Stores documents (each item: the documents of one input, or its error) as
/// `sitrep ingest` does: `--batch` documents per transaction.
pub fn ingest_documents(
    a: &IngestArgs,
    inputs: impl Iterator<Item = Vec<Input>>,
) -> Result<ExitCode> {
    let path = db_path(&a.db);
    let mut store = SqliteStore::open(&path)?;
    let pipeline = Pipeline::new();
    crate::allocator_after_load();
    let batch = a.batch.max(1);
    let show = !a.quiet;
    let mut total = IngestReport::default();
    let mut failed = 0u64;
    let mut pending: Vec<Input> = Vec::new();
    let started = std::time::Instant::now();

    // Files are read and extracted in parallel, `batch` documents at a time; each
    // batch is stored in one transaction, so a crash loses at most the batch in
    // flight, which the next run stores (idempotence makes re-running safe).
    let mut flush =
        |pending: &mut Vec<Input>, failed: &mut u64, total: &mut IngestReport| -> Result<()> {
            let docs = std::mem::take(pending);
            let results: Vec<std::result::Result<Record, String>> = docs
                .into_par_iter()
                .map(|d| match d {
                    Ok(doc) => to_record(&pipeline, &doc, a.published).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                })
                .collect();
            let mut records = Vec::with_capacity(results.len());
            for r in results {
                match r {
                    Ok(rec) => records.push(rec),
                    Err(e) => {
                        eprintln!("sitrep: {e}");
                        *failed += 1;
                    }
                }
            }
            let rep = store
                .ingest(&records)
                .with_context(|| format!("storing into {}", path.display()))?;
            add(total, &rep);
            Ok(())
        };
    for docs in inputs {
        pending.extend(docs);
        // A JSON Lines file yields many documents at once: store them `batch` at a time.
        while pending.len() >= batch {
            let rest = pending.split_off(batch);
            flush(&mut pending, &mut failed, &mut total)?;
            pending = rest;
        }
    }
    flush(&mut pending, &mut failed, &mut total)?;
    let secs = started.elapsed().as_secs_f64();
    if show {
        let seen = total.articles_new + total.articles_updated + total.articles_unchanged;
        eprintln!(
            "sitrep: {} articles ({} new, {} updated, {} unchanged), {} events ({} new incidents, {} merged into existing), \
             {failed} inputs failed, {:.1}s ({:.0} articles/s) -> {}",
            seen,
            total.articles_new,
            total.articles_updated,
            total.articles_unchanged,
            total.events,
            total.incidents_new,
            total.incidents_merged,
            secs,
            seen as f64 / secs.max(1e-9),
            path.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Extract a document, keeping the source metadata the pipeline may not copy.
/// A panic in the pipeline costs this document only (one error line naming it).
fn to_record(
    p: &Pipeline,
    doc: &Document,
    default_published: Option<NaiveDate>,
) -> std::result::Result<Record, sitrep_pipeline::InputError> {
    let mut rec = crate::extract::extract_guarded(p, doc, default_published)?;
    if rec.url.is_none() {
        rec.url = doc.url.clone().filter(|u| !u.trim().is_empty());
    }
    if rec.source.is_none() {
        rec.source = doc.source.clone();
    }
    if rec.title.is_none() {
        rec.title = doc.title.clone();
    }
    if rec.published.is_none() {
        rec.published = doc
            .published
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok())
            .or(default_published)
            .map(|d| d.to_string());
    }
    Ok(rec)
}

fn add(t: &mut IngestReport, r: &IngestReport) {
    t.articles_new += r.articles_new;
    t.articles_updated += r.articles_updated;
    t.articles_unchanged += r.articles_unchanged;
    t.events += r.events;
    t.incidents_new += r.incidents_new;
    t.incidents_merged += r.incidents_merged;
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EventsFormat {
    Table,
    Jsonl,
    Csv,
    Geojson,
}

/// The store and the days a read command looks at (shared by `events` and `statements`).
#[derive(Args)]
pub struct StoreDays {
    /// The store file (default `$SITREP_DB`, else `./sitrep.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub since: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub store: StoreDays,
    /// Event type, e.g. `Battles` (any case).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Sub-event type, e.g. `Air/drone strike` (any case).
    #[arg(long)]
    pub subtype: Option<String>,
    /// A place name or `LAT,LON`; with `--radius-km`.
    #[arg(long, allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Radius around `--near` in km (default 25).
    #[arg(long, allow_hyphen_values = true)]
    pub radius_km: Option<String>,
    /// Actor name (substring, any case) as actor1 or actor2.
    #[arg(long)]
    pub actor: Option<String>,
    /// Place name, admin-1 region or country code (substring, any case).
    #[arg(long)]
    pub place: Option<String>,
    /// Words that must all appear in a source's body or evidence (full-text).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: EventsFormat,
}

/// `(name, value)` pairs of the flags given, in the API's parameter names.
fn pairs(flags: &[(&str, &Option<String>)]) -> Vec<(String, String)> {
    flags
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// A filter error in the CLI's words (`--radius-km`).
fn flag_error(e: sitrep_store::filter::FilterError) -> anyhow::Error {
    anyhow::anyhow!("--{}: {}", e.param.replace('_', "-"), e.message)
}

pub fn run_events(a: EventsArgs) -> Result<ExitCode> {
    let q = sitrep_store::filter::incident_query(
        &pairs(&[
            ("since", &a.store.since),
            ("until", &a.store.until),
            ("type", &a.event_type),
            ("subtype", &a.subtype),
            ("actor", &a.actor),
            ("place", &a.place),
            ("text", &a.text),
            ("near", &a.near),
            ("radius_km", &a.radius_km),
            ("limit", &a.limit),
        ]),
        &crate::serve::web::resolve_place_name,
    )
    .map_err(flag_error)?;
    let store = SqliteStore::open_existing(&db_path(&a.store.db))?;
    let incidents = store.incidents(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        EventsFormat::Jsonl => write_jsonl(&mut out, &incidents)?,
        EventsFormat::Csv => export::write_csv(&mut out, &incidents, &|iso| {
            sitrep_gazetteer::Gazetteer::global()
                .country(iso)
                .map(|l| l.name)
        })?,
        EventsFormat::Geojson => {
            let (fc, skipped) = export::geojson(&incidents);
            serde_json::to_writer_pretty(&mut out, &fc)?;
            out.write_all(b"\n")?;
            if skipped > 0 {
                eprintln!(
                    "sitrep: {skipped} incidents without coordinates left out of the GeoJSON"
                );
            }
        }
        EventsFormat::Table => {
            let rows: Vec<Vec<String>> = incidents
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone(),
                        i.date.clone().unwrap_or_else(|| "?".into()),
                        i.subtype.clone(),
                        i.location
                            .as_ref()
                            .map(|l| format!("{} ({})", l.name, export::precision_word(l.precision)))
                            .unwrap_or_default(),
                        format!(
                            "{} > {}",
                            i.actor1.as_deref().unwrap_or("?"),
                            i.actor2.as_deref().unwrap_or("?")
                        ),
                        export::counts_summary(i),
                        export::source_names(i).join("; "),
                    ]
                })
                .collect();
            write_table(
                &mut out,
                &[
                    "id", "date", "subtype", "place", "actors", "counts", "sources",
                ],
                &rows,
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let clip = |s: &str| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if s.chars().count() > 48 {
            format!("{}…", s.chars().take(47).collect::<String>())
        } else {
            s
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatementsFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Args)]
pub struct StatementsArgs {
    #[command(flatten)]
    pub store: StoreDays,
    /// Speaker name (substring, any case).
    #[arg(long)]
    pub speaker: Option<String>,
    /// threat, demand, accusation, offer, refusal, assessment, other.
    #[arg(long)]
    pub kind: Option<String>,
    /// Words that must all appear in the article body or evidence (full-text).
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub limit: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatementsFormat,
}

pub fn run_statements(a: StatementsArgs) -> Result<ExitCode> {
    let q = sitrep_store::filter::statement_query(&pairs(&[
        ("since", &a.store.since),
        ("until", &a.store.until),
        ("speaker", &a.speaker),
        ("kind", &a.kind),
        ("text", &a.text),
        ("limit", &a.limit),
    ]))
    .map_err(flag_error)?;
    let store = SqliteStore::open_existing(&db_path(&a.store.db))?;
    let rows = store.statements(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        StatementsFormat::Jsonl => write_jsonl(&mut out, &rows)?,
        StatementsFormat::Csv => {
            writeln!(out, "date,speaker,kind,target,evidence,doc,url,published")?;
            for s in &rows {
                let f = [
                    s.statement.date.clone().unwrap_or_default(),
                    s.statement.speaker.clone(),
                    s.statement.kind.as_str().to_string(),
                    s.statement.target.clone().unwrap_or_default(),
                    s.statement.evidence.clone(),
                    s.doc.clone(),
                    s.url.clone().unwrap_or_default(),
                    s.published.clone().unwrap_or_default(),
                ];
                writeln!(
                    out,
                    "{}",
                    f.iter()
                        .map(|x| export::csv_field(x))
                        .collect::<Vec<_>>()
                        .join(",")
                )?;
            }
        }
        StatementsFormat::Table => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|s| {
                    vec![
                        s.statement
                            .date
                            .clone()
                            .or_else(|| s.published.clone())
                            .unwrap_or_else(|| "?".into()),
                        s.statement.speaker.clone(),
                        s.statement.kind.as_str().to_string(),
                        s.statement.evidence.clone(),
                        s.doc.clone(),
                    ]
                })
                .collect();
            write_table(
                &mut out,
                &["date", "speaker", "kind", "evidence", "doc"],
                &table,
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Args)]
pub struct StatsArgs {
    /// The store file (default `$SITREP_DB`, else `./sitrep.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatsFormat,
}

pub fn run_stats(a: StatsArgs) -> Result<ExitCode> {
    let path = db_path(&a.db);
    let store = SqliteStore::open_existing(&path)?;
    let stats = store.stats()?;
    let sources = store.watch_sources()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        StatsFormat::Json => {
            let mut v = serde_json::to_value(&stats)?;
            if let Some(o) = v.as_object_mut() {
                o.insert("sources".into(), serde_json::to_value(&sources)?);
            }
            serde_json::to_writer_pretty(&mut out, &v)?;
            out.write_all(b"\n")?;
        }
        StatsFormat::Table => {
            write_stats_table(&mut out, &path, &stats)?;
            write_sources_table(&mut out, &sources)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_stats_table(
    out: &mut dyn Write,
    path: &Path,
    s: &sitrep_store::Stats,
) -> std::io::Result<()> {
    writeln!(
        out,
        "store       {} ({:.1} MB)",
        path.display(),
        s.store_bytes as f64 / 1e6
    )?;
    writeln!(out, "articles    {}", s.articles)?;
    writeln!(out, "events      {}", s.events)?;
    writeln!(out, "incidents   {}", s.incidents)?;
    writeln!(out, "statements  {}", s.statements)?;
    for (title, rows) in [("by type", &s.by_type), ("by region", &s.by_region)] {
        writeln!(out, "\n{title}")?;
        for (k, n) in rows.iter() {
            writeln!(out, "  {n:>8}  {k}")?;
        }
    }
    writeln!(out, "\nby day (last 30 days with incidents)")?;
    for (k, n) in s.by_day.iter().rev().take(30).rev() {
        writeln!(out, "  {n:>8}  {k}")?;
    }
    Ok(())
}

/// The health of the sources `sitrep watch` follows: last success, last error (named), failures.
fn write_sources_table(
    out: &mut dyn Write,
    sources: &[sitrep_store::SourceStatus],
) -> std::io::Result<()> {
    if sources.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nwatched sources (sitrep watch)")?;
    let rows: Vec<Vec<String>> = sources
        .iter()
        .map(|s| {
            let error = match (&s.last_error_kind, &s.last_error) {
                (Some(k), Some(m)) => {
                    format!("{k} at {}: {m}", s.last_error_at.as_deref().unwrap_or("?"))
                }
                _ => String::new(),
            };
            vec![
                s.kind.clone(),
                s.name.clone().unwrap_or_else(|| s.source.clone()),
                s.last_success.clone().unwrap_or_else(|| "never".into()),
                s.failures.to_string(),
                format!("{}/{}/{}", s.items_new, s.items_skipped, s.items_failed),
                error,
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "kind",
            "source",
            "last success",
            "failing",
            "new/skipped/failed",
            "last error",
        ],
        &rows,
    )
}
