//! `serve` and `demo`: the web app and JSON API (issue 4).
use anyhow::{bail, Result};
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {}
#[derive(Args)]
pub struct DemoArgs {}

pub fn run_serve(_: ServeArgs) -> Result<ExitCode> {
    bail!("serve: not built yet")
}
pub fn run_demo(_: DemoArgs) -> Result<ExitCode> {
    bail!("demo: not built yet")
}
