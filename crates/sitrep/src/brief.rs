//! `brief`: the daily situation report (issue 4).
use anyhow::{bail, Result};
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct BriefArgs {}

pub fn run(_: BriefArgs) -> Result<ExitCode> {
    bail!("brief: not built yet")
}
