//! `eval`: score records against gold (port of score.py).
use anyhow::{bail, Result};
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalArgs {}

pub fn run(_: EvalArgs) -> Result<ExitCode> {
    bail!("eval: not built yet")
}
