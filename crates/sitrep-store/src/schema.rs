//! The store's schema, its version and forward migrations, and the checks that
//! refuse to touch a file that is not a sitrep store.
//!
//! A sitrep store is an SQLite database whose header carries
//! `application_id` = [`APP_ID`] and `user_version` = the schema version. The
//! header is read from the raw file *before* SQLite opens it, so a text file,
//! another program's database or a store written by a newer sitrep is refused
//! without a single byte being written.

use anyhow::{bail, Context, Result};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// `application_id` of sitrep stores ("sitr").
pub const APP_ID: i32 = 0x7369_7472;
/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = 4;

/// Forward migrations: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, crate::watch::MIGRATION];

/// Version 4 (`sitrep watch` state: sources, feed items, watched files) is
/// [`crate::watch::MIGRATION`].
///
/// Version 1: articles, events linked to incidents, statements, entities.
const V1: &str = "
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    doc         TEXT NOT NULL,
    url         TEXT,
    body_hash   TEXT NOT NULL,
    published   TEXT,
    outlet      TEXT,
    title       TEXT,
    genre       TEXT,
    ingested_at TEXT NOT NULL,
    record      TEXT NOT NULL          -- the Record as JSON (v2 writes it without events/statements: see their tables)
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles(body_hash);
CREATE INDEX articles_doc ON articles(doc);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    seq         INTEGER NOT NULL,      -- index in the record's events
    incident_id TEXT NOT NULL,
    family      TEXT NOT NULL,
    day         INTEGER,               -- days since CE
    slack       INTEGER NOT NULL,
    cell        INTEGER,               -- coarse geo grid cell
    place       TEXT,                  -- transliteration-folded place name
    mkey        TEXT NOT NULL,         -- IncidentKey as JSON
    data        TEXT NOT NULL          -- Event as JSON
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_cell ON events(family, cell, slack, day);
CREATE INDEX events_place ON events(family, place, slack, day);

CREATE TABLE incidents (
    id          TEXT NOT NULL UNIQUE,
    event_type  TEXT NOT NULL,
    subtype     TEXT NOT NULL,
    date        TEXT,
    day         INTEGER,
    lat         REAL,
    lon         REAL,
    cell        INTEGER,
    region      TEXT,
    actor1      TEXT,
    actor2      TEXT,
    n_sources   INTEGER NOT NULL,
    data        TEXT NOT NULL          -- merged Incident as JSON
);
CREATE INDEX incidents_day ON incidents(day);
CREATE INDEX incidents_cell_day ON incidents(cell, day);
CREATE INDEX incidents_type_day ON incidents(event_type, subtype, day);

CREATE TABLE statements (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    seq         INTEGER NOT NULL,
    speaker     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    day         INTEGER,               -- statement date, else the article's
    data        TEXT NOT NULL
);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX statements_day ON statements(day);
CREATE INDEX statements_speaker ON statements(speaker COLLATE NOCASE);

CREATE TABLE entities (
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    kind        TEXT NOT NULL,         -- person, place, org
    name        TEXT NOT NULL
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
";

/// Version 2: history of replaced article versions; aliases of merged incidents; full-text search over
/// bodies and evidence (back-filled from the stored records).
const V2: &str = "
CREATE TABLE article_history (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL,
    url         TEXT,
    doc         TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    published   TEXT,
    replaced_at TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX history_url ON article_history(url);
CREATE INDEX history_article ON article_history(article_id);

-- Ids of incidents merged into another (a later report bridged them).
CREATE TABLE incident_aliases (
    old_id      TEXT PRIMARY KEY,
    new_id      TEXT NOT NULL
);
CREATE INDEX incident_aliases_new ON incident_aliases(new_id);

CREATE VIRTUAL TABLE search USING fts5(body, evidence, content='', contentless_delete=1);
INSERT INTO search(rowid, body, evidence)
SELECT a.id, json_extract(a.record, '$.body'),
       coalesce((SELECT group_concat(json_extract(e.data, '$.evidence'), ' ') FROM events e WHERE e.article_id = a.id), '')
       || ' ' ||
       coalesce((SELECT group_concat(json_extract(s.data, '$.evidence'), ' ') FROM statements s WHERE s.article_id = a.id), '')
FROM articles a;
";

/// Version 3: every event's canonical key (`canon.rs`): incidents are what one
/// canonical run over all events gives, whatever order they were ingested in.
/// The keys are filled, and the events linked again, by `SqliteStore::relink_all`
/// when a store with empty keys is opened.
const V3: &str = "
ALTER TABLE events ADD COLUMN ck TEXT NOT NULL DEFAULT '';
";

/// What the raw file header says.
#[derive(Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Missing or empty: a new store will be created.
    New,
    /// A sitrep store of this schema version.
    Sitrep(i32),
}

/// Inspect `path` without opening it with SQLite. Errors explain why the file is refused.
pub fn inspect_file(path: &Path) -> Result<FileKind> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::New),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    if meta.is_dir() {
        bail!("{}: is a directory, not a sitrep store", path.display());
    }
    if meta.len() == 0 {
        return Ok(FileKind::New);
    }
    let mut head = [0u8; 100];
    let mut f =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let n = read_up_to(&mut f, &mut head)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    if n < 100 || &head[..16] != b"SQLite format 3\0" {
        bail!(
            "{}: not a sitrep store (not an SQLite database); refusing to use it",
            path.display()
        );
    }
    let user_version = i32::from_be_bytes([head[60], head[61], head[62], head[63]]);
    let app_id = i32::from_be_bytes([head[68], head[69], head[70], head[71]]);
    if app_id == 0 && user_version == 0 {
        // The header of a new database. A store whose first ingest was killed
        // before SQLite copied its WAL back into the file looks like this too
        // (the ids and the schema are in the WAL): ask SQLite, read only.
        return inspect_through_sqlite(path);
    }
    check_ids(path, app_id, user_version)?;
    Ok(FileKind::Sitrep(user_version))
}

/// The ids and tables as SQLite sees them (WAL included), through a read-only
/// connection that writes nothing to the database file.
fn inspect_through_sqlite(path: &Path) -> Result<FileKind> {
    use rusqlite::OpenFlags;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|c| {
        c.busy_timeout(std::time::Duration::from_secs(60))?;
        Ok(c)
    })
    .with_context(|| format!("{}: cannot open as an SQLite database", path.display()))?;
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .with_context(|| format!("{}: cannot read as an SQLite database", path.display()))
    };
    let app_id = read("PRAGMA application_id")? as i32;
    let user_version = read("PRAGMA user_version")? as i32;
    if app_id == 0 && user_version == 0 && read("SELECT count(*) FROM sqlite_master")? == 0 {
        // An empty database (a first ingest killed before it committed anything).
        return Ok(FileKind::New);
    }
    check_ids(path, app_id, user_version)?;
    Ok(FileKind::Sitrep(user_version))
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn check_ids(path: &Path, app_id: i32, user_version: i32) -> Result<()> {
    if app_id != APP_ID {
        bail!(
            "{}: an SQLite database but not a sitrep store (application_id {app_id:#x}); refusing to use it",
            path.display()
        );
    }
    if user_version > SCHEMA_VERSION {
        bail!(
            "{}: written by a newer sitrep (store schema v{user_version}; this build knows up to v{SCHEMA_VERSION}); \
             upgrade sitrep to use it",
            path.display()
        );
    }
    Ok(())
}

/// Check the ids again through SQLite (the WAL may hold a newer header than the file).
pub fn verify_open(conn: &Connection, path: &Path) -> Result<i32> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app_id == 0 && version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables == 0 {
            return Ok(0);
        }
    }
    check_ids(path, app_id, version)?;
    Ok(version)
}

/// Bring the schema to [`SCHEMA_VERSION`] (or `target`), one transaction per step.
pub fn migrate(conn: &mut Connection, target: i32) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version >= target {
            return Ok(());
        }
        if version == 0 {
            tx.execute_batch(&format!("PRAGMA application_id = {APP_ID}"))?;
        }
        tx.execute_batch(MIGRATIONS[version as usize])
            .with_context(|| {
                format!(
                    "migrating the store from schema v{version} to v{}",
                    version + 1
                )
            })?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
    }
}
