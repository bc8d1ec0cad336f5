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
    /// Store to create (replaced if it exists). Default: a fresh file in the
    /// temporary directory.
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
    let store = open_store(&path)?;
    serve_store(store, a.addr, watch)?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the index, binds `addr`, prints the URL and serves until Ctrl-C
/// (with the watcher of `--watch` running beside it).
fn serve_store(
    store: Box<dyn Store + Send>,
    addr: SocketAddr,
    watch: Option<crate::watch_cmd::ServeWatch>,
) -> Result<()> {
    let loopback = addr.ip().is_loopback();
    if !loopback {
        eprintln!("sitrep: warning: serving on {addr}, reachable from the network (no authentication; read only)");
    }
    let state = web::AppState::new(store, loopback)?;
    let n = state.index.read().map(|i| i.points.len()).unwrap_or(0);
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
        println!("sitrep: serving {n} incidents at http://{host}/  (Ctrl-C to stop)");
        web::serve(listener, state).await
    })
}

/// The bundled sample articles: `examples/` at the workspace root (where the
/// binary was built), else `./examples`.
fn examples_dir() -> PathBuf {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    built
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("examples"))
}

pub fn run_demo(a: DemoArgs) -> Result<ExitCode> {
    let dir = examples_dir();
    let db = a.db.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("sitrep-demo-{}.db", std::process::id()))
    });
    for p in [
        db.clone(),
        PathBuf::from(format!("{}-wal", db.display())),
        PathBuf::from(format!("{}-shm", db.display())),
    ] {
        if p.exists() {
            std::fs::remove_file(&p)
                .with_context(|| format!("removing the old demo store {}", p.display()))?;
        }
    }
    // The sample goes in through the same code as `sitrep ingest`.
    eprintln!(
        "sitrep: ingesting the bundled sample {} into {}",
        dir.display(),
        db.display()
    );
    let ingested = crate::store_cmds::run_ingest(crate::store_cmds::IngestArgs {
        db: Some(db.clone()),
        published: None,
        batch: 500,
        quiet: false,
        paths: vec![dir],
    })?;
    let store = open_store(&db)?;
    if a.no_serve {
        println!("{}", serde_json::to_string_pretty(&store.stats()?)?);
    } else {
        serve_store(store, a.addr, None)?;
    }
    Ok(ingested)
}
