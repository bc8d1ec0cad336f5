//! `brief`: the daily situation report (issue 4), written only from stored
//! records; every line cites its sources. The report itself is built by
//! `web/briefing.rs`, shared with `/api/briefing`.
use crate::serve::{db_or_default, open_store, web::briefing};
use anyhow::{Context, Result};
use std::io::Write;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum BriefFormat {
    Md,
    Html,
}

#[derive(Args)]
pub struct BriefArgs {
    /// The day to report, `YYYY-MM-DD` (default: the latest day holding an
    /// incident, as `/api/briefing`).
    #[arg(long)]
    pub date: Option<NaiveDate>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: BriefFormat,
    /// The store to read (default `$SITREP_DB`, else `./sitrep.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

pub fn run(a: BriefArgs) -> Result<ExitCode> {
    let path = db_or_default(&a.db);
    let store = open_store(&path)?;
    let date = match a.date {
        Some(d) => d,
        None => briefing::latest_day(store.as_ref())?.with_context(|| {
            format!(
                "{}: no dated incident is stored; give --date YYYY-MM-DD",
                path.display()
            )
        })?,
    };
    let b = briefing::build(store.as_ref(), date)?;
    let text = match a.format {
        BriefFormat::Md => briefing::to_markdown(&b),
        BriefFormat::Html => briefing::to_html(&b),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
