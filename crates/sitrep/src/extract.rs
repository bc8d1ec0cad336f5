//! `extract` and `inspect`.
use anyhow::{bail, Result};
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExtractArgs {}
#[derive(Args)]
pub struct InspectArgs {}

pub fn run_extract(_: ExtractArgs) -> Result<ExitCode> {
    bail!("extract: not built yet")
}
pub fn run_inspect(_: InspectArgs) -> Result<ExitCode> {
    bail!("inspect: not built yet")
}
