//! `sitrep`: thin glue over the sitrep library crates.
//!
//! Exit status: 0 when every input was processed, 1 when some failed (after
//! doing the rest), 2 on usage errors.

mod brief;
mod eval;
mod extract;
mod guard;
mod serve;
mod store_cmds;
mod watch_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: the pipeline allocates many small, short-lived strings and
/// vectors per article; glibc malloc took about a tenth of all instructions
/// on them (callgrind, see README "Benchmarks").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// While the reference data loads, return freed memory to the system at once
/// rather than after a delay, and commit arena memory on use (see also
/// [`allocator_after_load`]): loading the reference data churns through
/// short-lived buffers, and mimalloc's defaults would keep them resident
/// (about 60 MB more peak RSS). The numbers are mimalloc 3's `mi_option_e`
/// (`mi_option_arena_eager_commit` = 4, `mi_option_purge_delay` = 15); the
/// Rust bindings name neither.
fn tune_allocator() {
    // SAFETY: plain option setters of the allocator, called before any thread starts.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_PURGE_DELAY, 0);
    }
}

const MI_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Once the reference data is loaded, give freed memory back to the system
/// only after 250 ms: each article's buffers are freed and allocated again
/// at once, and returning their pages at once made the kernel zero fresh
/// pages for every article (perf: 5–8% of the time of `extract --jobs 1`).
/// Peak RSS stays within the target (≈ 235 MB with one job, 255 MB with two,
/// on the 10,000-article benchmark).
pub(crate) fn allocator_after_load() {
    // SAFETY: a plain option setter of the allocator; mimalloc reads it at each purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_PURGE_DELAY, 250) }
}

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn raw conflict news into a structured, sourced record of what happened."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one JSON record per article (events, statements, entities, flags).
    Extract(extract::ExtractArgs),
    /// Show every date, place or entity mention with its resolved value, as JSON lines.
    Inspect(extract::InspectArgs),
    /// Score JSON Lines records against a gold folder (same figures as score.py).
    Eval(eval::EvalArgs),
    /// Extract and store articles, linking every event to an incident.
    Ingest(store_cmds::IngestArgs),
    /// Query stored incidents (one row per incident).
    Events(store_cmds::EventsArgs),
    /// Query stored statements.
    Statements(store_cmds::StatementsArgs),
    /// Totals and counts of the store.
    Stats(store_cmds::StatsArgs),
    /// Serve the web app and read-only JSON API.
    Serve(serve::ServeArgs),
    /// Write the daily situation report from stored records.
    Brief(brief::BriefArgs),
    /// Ingest the bundled sample into a fresh store and serve the app.
    Demo(serve::DemoArgs),
    /// Keep the store current from RSS/Atom feeds and watched directories.
    Watch(watch_cmd::WatchArgs),
}

fn main() -> ExitCode {
    tune_allocator();
    guard::install_panic_hook();
    let cli = Cli::parse();
    let run = std::panic::catch_unwind(|| match cli.command {
        Command::Extract(a) => extract::run_extract(a),
        Command::Inspect(a) => extract::run_inspect(a),
        Command::Eval(a) => eval::run(a),
        Command::Ingest(a) => store_cmds::run_ingest(a),
        Command::Events(a) => store_cmds::run_events(a),
        Command::Statements(a) => store_cmds::run_statements(a),
        Command::Stats(a) => store_cmds::run_stats(a),
        Command::Serve(a) => serve::run_serve(a),
        Command::Brief(a) => brief::run(a),
        Command::Demo(a) => serve::run_demo(a),
        Command::Watch(a) => watch_cmd::run_watch(a),
    });
    match run {
        Ok(Ok(code)) => code,
        // A closed stdout (`sitrep events | head`) is a normal end.
        Ok(Err(e)) if guard::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(1)
        }
        Err(p) if guard::is_broken_pipe_panic(p.as_ref()) => ExitCode::SUCCESS,
        // Any other panic was reported by the hook.
        Err(_) => ExitCode::from(101),
    }
}
