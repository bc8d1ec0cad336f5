//! `brief`: the daily situation report (issue 4), written only from stored
//! records; every line cites its sources. The report itself is built by
//! `web/briefing.rs`, shared with `/api/briefing`.
use crate::serve::{db_or_default, open_store, web::briefing};
use anyhow::Result;
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
    /// The day to report, `YYYY-MM-DD`.
    #[arg(long)]
    pub date: NaiveDate,
    #[arg(long, value_enum, default_value = "md")]
    pub format: BriefFormat,
    /// The store to read (default `$SITREP_DB`, else `./sitrep.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

pub fn run(a: BriefArgs) -> Result<ExitCode> {
    let store = open_store(&db_or_default(&a.db))?;
    let b = briefing::build(store.as_ref(), a.date)?;
    match a.format {
        BriefFormat::Md => print!("{}", briefing::to_markdown(&b)),
        BriefFormat::Html => print!("{}", briefing::to_html(&b)),
    }
    Ok(ExitCode::SUCCESS)
}
