//! `ingest`, `events`, `statements`, `stats`: the store commands (issue 3).
use anyhow::{bail, Result};
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct IngestArgs {}
#[derive(Args)]
pub struct EventsArgs {}
#[derive(Args)]
pub struct StatementsArgs {}
#[derive(Args)]
pub struct StatsArgs {}

pub fn run_ingest(_: IngestArgs) -> Result<ExitCode> {
    bail!("ingest: not built yet")
}
pub fn run_events(_: EventsArgs) -> Result<ExitCode> {
    bail!("events: not built yet")
}
pub fn run_statements(_: StatementsArgs) -> Result<ExitCode> {
    bail!("statements: not built yet")
}
pub fn run_stats(_: StatsArgs) -> Result<ExitCode> {
    bail!("stats: not built yet")
}
