//! `watch` and `serve --watch`: keep the store current from live feeds and
//! watched directories (issue 13). The work is `sitrep-watch`'s; this file
//! parses the arguments, prints the log and ties the watcher to the server.

use anyhow::{bail, Result};
use clap::Args;
use sitrep_store::SqliteStore;
use sitrep_watch::{Log, Options, Sources, SystemClock, Watcher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args)]
pub struct WatchArgs {
    /// The store file (default `$SITREP_DB`, else `./sitrep.db`); created if missing.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// How often each feed is fetched (`90s`, `5m`, `1h`); failing feeds back off from this.
    #[arg(long, default_value = "5m", value_parser = parse_duration)]
    pub every: Duration,
    /// Least time between two requests to the same host.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub delay: Duration,
    /// Longest time for one request, redirects and body included.
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Hosts fetched at the same time.
    #[arg(long, default_value_t = 4)]
    pub jobs: usize,
    /// Run one cycle and exit (status 1 if a source or an item failed).
    #[arg(long)]
    pub once: bool,
    /// No line per cycle on stderr (errors are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Feed URLs (RSS or Atom), files listing feed URLs (one per line: the URL,
    /// then optionally the outlet's name; `#` comments), or directories to
    /// watch for new or changed .txt/.html/.jsonl (and .gz) files.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
}

/// The `--watch` options of `sitrep serve`.
#[derive(Args, Default)]
pub struct ServeWatchArgs {
    /// Also watch these sources (as `sitrep watch` does) in the same process;
    /// the app shows new incidents as they are stored.
    #[arg(long = "watch", value_name = "SOURCE", num_args = 1..)]
    pub watch: Vec<String>,
    /// With `--watch`: how often each feed is fetched.
    #[arg(long = "every", default_value = "5m", value_parser = parse_duration)]
    pub every: Duration,
}

/// `90s`, `5m`, `1h`, `500ms`, `1d`, or plain seconds.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected a duration such as 90s, 5m or 1h"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        u => return Err(format!("{s:?}: unknown unit {u:?} (use ms, s, m, h or d)")),
    };
    if !secs.is_finite() || !(0.0..=365.0 * 86400.0).contains(&secs) {
        return Err(format!("{s:?}: out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// The log: one line per event on stderr, with the time.
fn stderr_log() -> Log {
    Arc::new(|line: &str| {
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
        eprintln!("sitrep watch: {now} {line}");
    })
}

/// Sources from the command line; bad ones are printed and left out.
fn resolve_sources(args: &[String]) -> Result<Sources> {
    let (sources, errors) = sitrep_watch::sources::resolve(args);
    for e in &errors {
        eprintln!("sitrep watch: {e}");
    }
    if sources.feeds.is_empty() && sources.dirs.is_empty() {
        bail!("no source to watch (give feed URLs, feed lists or directories)");
    }
    Ok(sources)
}

fn options(every: Duration, delay: Duration, timeout: Duration, jobs: usize) -> Result<Options> {
    if every < Duration::from_secs(1) {
        bail!("--every must be at least 1s");
    }
    if timeout.is_zero() {
        bail!("--timeout must be more than 0");
    }
    let mut o = Options {
        every_ms: every.as_millis() as i64,
        host_delay_ms: delay.as_millis() as i64,
        jobs: jobs.max(1),
        ..Default::default()
    };
    o.limits.timeout = timeout;
    Ok(o)
}

pub fn run_watch(a: WatchArgs) -> Result<ExitCode> {
    let sources = match resolve_sources(&a.sources) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sitrep watch: {e:#}");
            return Ok(ExitCode::from(2));
        }
    };
    let opts = match options(a.every, a.delay, a.timeout, a.jobs) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("sitrep watch: {e:#}");
            return Ok(ExitCode::from(2));
        }
    };
    let path = crate::store_cmds::db_path(&a.db);
    let store = SqliteStore::open(&path)?;
    let log = stderr_log();
    let mut w = Watcher::with_http(
        store,
        sources.clone(),
        Arc::new(SystemClock),
        opts,
        log.clone(),
    );
    crate::allocator_after_load();
    if !a.quiet {
        log(&format!(
            "watching {} feed{} and {} director{} into {} (every {}s; Ctrl-C to stop)",
            sources.feeds.len(),
            if sources.feeds.len() == 1 { "" } else { "s" },
            sources.dirs.len(),
            if sources.dirs.len() == 1 { "y" } else { "ies" },
            path.display(),
            a.every.as_secs()
        ));
    }
    let mut failed = false;
    let quiet = a.quiet;
    w.run(
        |r| {
            failed |= r.failed() > 0 || r.sources.iter().any(|s| s.error.is_some());
            if !quiet {
                log(&r.line());
            }
        },
        || a.once,
    )?;
    Ok(if a.once && failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A watcher ready to run beside the server.
pub struct ServeWatch {
    watcher: Watcher,
    log: Log,
}

/// For `serve --watch`: resolve the sources and open (create) the store.
/// `None` without `--watch`.
pub fn prepare_serve_watch(a: &ServeWatchArgs, db: &Path) -> Result<Option<ServeWatch>> {
    if a.watch.is_empty() {
        return Ok(None);
    }
    let sources = resolve_sources(&a.watch)?;
    let opts = options(a.every, Duration::from_secs(1), Duration::from_secs(30), 4)?;
    let store = SqliteStore::open(db)?;
    let log = stderr_log();
    let watcher = Watcher::with_http(store, sources, Arc::new(SystemClock), opts, log.clone());
    Ok(Some(ServeWatch { watcher, log }))
}

impl ServeWatch {
    /// Run the watcher on its own thread; after each cycle that stored
    /// something, the server's index and statistics are refreshed at once.
    pub fn spawn(self, state: crate::serve::web::AppState) {
        let ServeWatch { mut watcher, log } = self;
        std::thread::spawn(move || {
            let result = watcher.run(
                |r| {
                    log(&r.line());
                    if r.changed() {
                        if let Err(e) = state.refresh() {
                            log(&format!("index refresh failed: {e:#}"));
                        }
                    }
                },
                || false,
            );
            if let Err(e) = result {
                log(&format!("stopped: {e:#}"));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("1h").unwrap(), Duration::from_secs(3600));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("1.5m").unwrap(), Duration::from_secs(90));
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("-1s").is_err());
    }
}
