//! `serve` and `demo`: the web app and JSON API (issue 4).
//!
//! The app itself (router, API, page, assets, briefing) lives in `web/`; this
//! file holds the two commands and the store opening they share with `brief`.

#[path = "web/mod.rs"]
pub mod web;

use anyhow::{Context, Result};
use clap::Args;
use sitrep_store::Store;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// The store to serve, read only (default `$SITREP_DB`, else `./sitrep.db`).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to listen on. Loopback by default; any other address exposes the
    /// app to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub watch: crate::watch_cmd::ServeWatchArgs,
}

#[derive(Args)]
pub struct DemoArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Store to create, or a sitrep store to add the sample to (any other file
    /// is refused). Default: a fresh file in the temporary directory.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Ingest the sample and print the store's figures, without serving.
    #[arg(long)]
    pub no_serve: bool,
}

pub use crate::store_cmds::db_path as db_or_default;

/// Opens an existing store file (never creates one).
pub fn open_store(path: &Path) -> Result<Box<dyn Store + Send>> {
    Ok(Box::new(sitrep_store::SqliteStore::open_existing(path)?))
}

pub fn run_serve(a: ServeArgs) -> Result<ExitCode> {
    let path = db_or_default(&a.db);
    // With --watch the store is created if missing, and written by the watcher.
    let watch = crate::watch_cmd::prepare_serve_watch(&a.watch, &path)?;
    serve_store(&path, a.addr, watch)?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the store's connections, builds the index, binds `addr`, prints the
/// URL and serves until Ctrl-C (with the watcher of `--watch` running beside it).
fn serve_store(
    path: &Path,
    addr: SocketAddr,
    watch: Option<crate::watch_cmd::ServeWatch>,
) -> Result<()> {
    let loopback = addr.ip().is_loopback();
    if !loopback {
        eprintln!("sitrep: warning: serving on {addr}, reachable from the network (no authentication; read only)");
    }
    let state = web::AppState::with_pool(web::StorePool::open(path)?, loopback)?;
    let n = state.snapshot().index.points.len();
    if let Some(w) = watch {
        w.spawn(state.clone());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let local = listener.local_addr()?;
        let host = if local.ip().is_unspecified() || local.ip().is_loopback() {
            format!("127.0.0.1:{}", local.port())
        } else {
            local.to_string()
        };
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed stdout does not stop the server.
            let _ = writeln!(
                out,
                "sitrep: serving {n} incidents at http://{host}/  (Ctrl-C to stop)"
            );
            let _ = out.flush();
        }
        web::serve(listener, state).await
    })
}

/// The bundled sample (the seed articles of `examples/`), compiled into the
/// binary so `demo` works wherever the binary is. A test checks the list
/// equals the folder.
pub const SAMPLE: &[(&str, &str)] = &[
    (
        "000_a485b6fdc9c4be70.txt",
        include_str!("../../../examples/000_a485b6fdc9c4be70.txt"),
    ),
    (
        "001_ad0ac0f6a651b051.txt",
        include_str!("../../../examples/001_ad0ac0f6a651b051.txt"),
    ),
    (
        "002_9dd395e04b4da524.txt",
        include_str!("../../../examples/002_9dd395e04b4da524.txt"),
    ),
    (
        "003_089f5fb6c23d2bf5.txt",
        include_str!("../../../examples/003_089f5fb6c23d2bf5.txt"),
    ),
    (
        "004_6ea05c7a756aa672.txt",
        include_str!("../../../examples/004_6ea05c7a756aa672.txt"),
    ),
];

pub fn run_demo(a: DemoArgs) -> Result<ExitCode> {
    let db = a.db.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("sitrep-demo-{}.db", std::process::id()))
    });
    // Like every other command: a file that is not a sitrep store is refused
    // untouched; an existing store gets the sample added (idempotent), nothing
    // is deleted.
    let existing = matches!(
        sitrep_store::schema::inspect_file(&db)?,
        sitrep_store::schema::FileKind::Sitrep(_)
    );
    // The sample goes in through the same code as `sitrep ingest`.
    eprintln!(
        "sitrep: ingesting the bundled sample ({} articles) into {}{}",
        SAMPLE.len(),
        if existing { "the existing store " } else { "" },
        db.display()
    );
    let args = crate::store_cmds::IngestArgs {
        db: Some(db.clone()),
        published: None,
        batch: 500,
        quiet: false,
        paths: Vec::new(),
    };
    let docs: Vec<crate::store_cmds::Input> = SAMPLE
        .iter()
        .map(|(name, text)| {
            let mut d = sitrep_pipeline::Document::text(name, text);
            d.origin = format!("(bundled sample) {name}");
            Ok(d)
        })
        .collect();
    let ingested = crate::store_cmds::ingest_documents(&args, std::iter::once(docs))?;
    if a.no_serve {
        use std::io::Write;
        let store = open_store(&db)?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", serde_json::to_string_pretty(&store.stats()?)?)?;
        out.flush()?;
    } else {
        serve_store(&db, a.addr, None)?;
    }
    Ok(ingested)
}

#[cfg(test)]
mod tests {
    /// The embedded sample is exactly `examples/` (an example added there must be added here).
    #[test]
    fn embedded_sample_is_the_examples_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut on_disk: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<(String, String)> = super::SAMPLE
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        assert_eq!(embedded, on_disk);
    }
}
