//! The state of `sitrep watch` (schema v3): each watched source (a feed or a
//! directory) with its last fetch, validators, failures and health; each feed
//! item already handled; each watched file already read.
//!
//! Times are Unix milliseconds given by the caller (the watcher's injected
//! clock), never read here. Every save is one transaction, so a kill at any
//! point leaves either the old or the new state. The watcher saves an item's
//! state only after its article is committed, and a feed's validators only
//! after all its items are handled: a restart redoes at most the work in
//! flight, and ingest is idempotent (by URL, else by body), so nothing is
//! stored twice and nothing committed is lost.

use crate::SqliteStore;
use anyhow::Result;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Schema v3: the tables of this module.
pub const MIGRATION: &str = "
CREATE TABLE watch_sources (
    key             TEXT PRIMARY KEY,      -- feed URL, or 'dir:' + directory path
    kind            TEXT NOT NULL,         -- feed | dir
    name            TEXT,                  -- outlet name from the source list
    etag            TEXT,
    last_modified   TEXT,
    last_fetch      INTEGER,               -- Unix ms
    last_success    INTEGER,
    last_error      TEXT,
    last_error_kind TEXT,
    last_error_at   INTEGER,
    failures        INTEGER NOT NULL DEFAULT 0,   -- consecutive
    next_fetch      INTEGER,
    items_new       INTEGER NOT NULL DEFAULT 0,   -- totals since the source was first watched
    items_skipped   INTEGER NOT NULL DEFAULT 0,
    items_failed    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watch_items (
    source      TEXT NOT NULL,
    item_key    TEXT NOT NULL,             -- the item's guid / id, else its link
    link        TEXT,
    fingerprint TEXT NOT NULL,             -- changes when the item is updated
    status      TEXT NOT NULL,             -- stored | skipped | failed | gave_up
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_try    INTEGER,
    last_error  TEXT,
    first_seen  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (source, item_key)
) WITHOUT ROWID;
CREATE TABLE watch_files (
    source      TEXT NOT NULL,
    path        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    status      TEXT NOT NULL,             -- stored | failed
    last_error  TEXT,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (source, path)
) WITHOUT ROWID;
";

/// One watched source as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceState {
    pub key: String,
    /// `feed` or `dir`.
    pub kind: String,
    pub name: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_fetch: Option<i64>,
    pub last_success: Option<i64>,
    pub last_error: Option<String>,
    /// The error's name (`timeout`, `not-a-feed`, `redirect-loop`, ...).
    pub last_error_kind: Option<String>,
    pub last_error_at: Option<i64>,
    /// Consecutive failed fetches (0 after a success).
    pub failures: u32,
    pub next_fetch: Option<i64>,
    pub items_new: u64,
    pub items_skipped: u64,
    pub items_failed: u64,
}

/// What became of a feed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Its article is in the store.
    Stored,
    /// Not stored because the store already had it (same URL or same body).
    Skipped,
    /// The last attempt failed; it is tried again at `next_try`.
    Failed,
    /// Failed too often; tried again only when the item changes.
    GaveUp,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Stored => "stored",
            ItemStatus::Skipped => "skipped",
            ItemStatus::Failed => "failed",
            ItemStatus::GaveUp => "gave_up",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "stored" => ItemStatus::Stored,
            "skipped" => ItemStatus::Skipped,
            "failed" => ItemStatus::Failed,
            "gave_up" => ItemStatus::GaveUp,
            _ => return None,
        })
    }
}

/// One feed item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemState {
    pub key: String,
    pub link: Option<String>,
    pub fingerprint: String,
    pub status: ItemStatus,
    pub attempts: u32,
    pub next_try: Option<i64>,
    pub last_error: Option<String>,
    pub first_seen: i64,
    pub updated_at: i64,
}

/// One watched file as last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    /// `stored` or `failed`.
    pub status: String,
    pub last_error: Option<String>,
    pub updated_at: i64,
}

/// A source's health, as `sitrep stats` and `/api/stats` show it (times in UTC, RFC 3339).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceStatus {
    pub source: String,
    pub kind: String,
    pub name: Option<String>,
    pub last_fetch: Option<String>,
    pub last_success: Option<String>,
    pub last_error: Option<String>,
    pub last_error_kind: Option<String>,
    pub last_error_at: Option<String>,
    pub failures: u32,
    pub next_fetch: Option<String>,
    pub items_new: u64,
    pub items_skipped: u64,
    pub items_failed: u64,
}

/// Unix milliseconds as RFC 3339 UTC (seconds precision).
pub fn fmt_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

impl From<&SourceState> for SourceStatus {
    fn from(s: &SourceState) -> Self {
        let f = |v: Option<i64>| v.map(fmt_ms);
        SourceStatus {
            source: s.key.clone(),
            kind: s.kind.clone(),
            name: s.name.clone(),
            last_fetch: f(s.last_fetch),
            last_success: f(s.last_success),
            last_error: s.last_error.clone(),
            last_error_kind: s.last_error_kind.clone(),
            last_error_at: f(s.last_error_at),
            failures: s.failures,
            next_fetch: f(s.next_fetch),
            items_new: s.items_new,
            items_skipped: s.items_skipped,
            items_failed: s.items_failed,
        }
    }
}

const SOURCE_COLS: &str =
    "key, kind, name, etag, last_modified, last_fetch, last_success, last_error, \
     last_error_kind, last_error_at, failures, next_fetch, items_new, items_skipped, items_failed";

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceState> {
    Ok(SourceState {
        key: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        etag: r.get(3)?,
        last_modified: r.get(4)?,
        last_fetch: r.get(5)?,
        last_success: r.get(6)?,
        last_error: r.get(7)?,
        last_error_kind: r.get(8)?,
        last_error_at: r.get(9)?,
        failures: r.get::<_, i64>(10)?.max(0) as u32,
        next_fetch: r.get(11)?,
        items_new: r.get::<_, i64>(12)?.max(0) as u64,
        items_skipped: r.get::<_, i64>(13)?.max(0) as u64,
        items_failed: r.get::<_, i64>(14)?.max(0) as u64,
    })
}

// The write methods take `&mut self` (one writer) and open their transaction
// through the shared connection (`unchecked_transaction`), so this module
// needs nothing from the ingest code.
impl SqliteStore {
    /// The stored state of one source.
    pub fn source_state(&self, key: &str) -> Result<Option<SourceState>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {SOURCE_COLS} FROM watch_sources WHERE key = ?1"),
                [key],
                source_row,
            )
            .optional()?)
    }

    /// Every watched source, feeds first, by key.
    pub fn source_states(&self) -> Result<Vec<SourceState>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {SOURCE_COLS} FROM watch_sources ORDER BY kind DESC, key"
        ))?;
        let rows = st.query_map([], source_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Insert or replace a source's state (one transaction).
    pub fn save_source_state(&mut self, s: &SourceState) -> Result<()> {
        let tx = self.conn().unchecked_transaction()?;
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO watch_sources ({SOURCE_COLS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
            ),
            params![
                s.key,
                s.kind,
                s.name,
                s.etag,
                s.last_modified,
                s.last_fetch,
                s.last_success,
                s.last_error,
                s.last_error_kind,
                s.last_error_at,
                s.failures as i64,
                s.next_fetch,
                s.items_new as i64,
                s.items_skipped as i64,
                s.items_failed as i64
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every item stored for a source, by key.
    pub fn item_states(&self, source: &str) -> Result<HashMap<String, ItemState>> {
        let mut st = self.conn().prepare_cached(
            "SELECT item_key, link, fingerprint, status, attempts, next_try, last_error, first_seen, updated_at
             FROM watch_items WHERE source = ?1",
        )?;
        let rows = st.query_map([source], |r| {
            let status: String = r.get(3)?;
            Ok(ItemState {
                key: r.get(0)?,
                link: r.get(1)?,
                fingerprint: r.get(2)?,
                status: ItemStatus::parse(&status).unwrap_or(ItemStatus::Failed),
                attempts: r.get::<_, i64>(4)?.max(0) as u32,
                next_try: r.get(5)?,
                last_error: r.get(6)?,
                first_seen: r.get(7)?,
                updated_at: r.get(8)?,
            })
        })?;
        let mut out = HashMap::new();
        for r in rows {
            let s = r?;
            out.insert(s.key.clone(), s);
        }
        Ok(out)
    }

    /// Insert or replace item states of a source (one transaction).
    pub fn save_item_states(&mut self, source: &str, items: &[ItemState]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let tx = self.conn().unchecked_transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR REPLACE INTO watch_items
                 (source, item_key, link, fingerprint, status, attempts, next_try, last_error, first_seen, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for i in items {
                st.execute(params![
                    source,
                    i.key,
                    i.link,
                    i.fingerprint,
                    i.status.as_str(),
                    i.attempts as i64,
                    i.next_try,
                    i.last_error,
                    i.first_seen,
                    i.updated_at
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forget items of `source` last updated before `before` that are not in
    /// `keep` (items that left the feed long ago; if one comes back, the
    /// article-URL check still keeps it from being fetched again).
    pub fn prune_items(&mut self, source: &str, before: i64, keep: &[&str]) -> Result<usize> {
        let old: Vec<String> = {
            let mut st = self.conn().prepare_cached(
                "SELECT item_key FROM watch_items WHERE source = ?1 AND updated_at < ?2",
            )?;
            let rows = st.query_map(params![source, before], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let gone: Vec<&String> = old.iter().filter(|k| !keep.contains(&k.as_str())).collect();
        if gone.is_empty() {
            return Ok(0);
        }
        let tx = self.conn().unchecked_transaction()?;
        for k in &gone {
            tx.execute(
                "DELETE FROM watch_items WHERE source = ?1 AND item_key = ?2",
                params![source, k],
            )?;
        }
        tx.commit()?;
        Ok(gone.len())
    }

    /// Whether an article with this URL is stored.
    pub fn has_article_url(&self, url: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE url = ?1)")?
            .query_row([url], |r| r.get(0))?)
    }

    /// Every file recorded for a watched directory, by path.
    pub fn file_states(&self, source: &str) -> Result<HashMap<String, FileState>> {
        let mut st = self.conn().prepare_cached(
            "SELECT path, size, mtime_ns, status, last_error, updated_at FROM watch_files WHERE source = ?1",
        )?;
        let rows = st.query_map([source], |r| {
            Ok(FileState {
                path: r.get(0)?,
                size: r.get::<_, i64>(1)?.max(0) as u64,
                mtime_ns: r.get(2)?,
                status: r.get(3)?,
                last_error: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        let mut out = HashMap::new();
        for r in rows {
            let f = r?;
            out.insert(f.path.clone(), f);
        }
        Ok(out)
    }

    /// Insert or replace file states of a watched directory (one transaction).
    pub fn save_file_states(&mut self, source: &str, files: &[FileState]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let tx = self.conn().unchecked_transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR REPLACE INTO watch_files (source, path, size, mtime_ns, status, last_error, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for f in files {
                st.execute(params![
                    source,
                    f.path,
                    f.size as i64,
                    f.mtime_ns,
                    f.status,
                    f.last_error,
                    f.updated_at
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every watched source's health (for `stats`).
    pub fn source_statuses(&self) -> Result<Vec<SourceStatus>> {
        Ok(self
            .source_states()?
            .iter()
            .map(SourceStatus::from)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn item(key: &str, status: ItemStatus, t: i64) -> ItemState {
        ItemState {
            key: key.into(),
            link: Some(format!("https://example.org/{key}")),
            fingerprint: format!("fp-{key}"),
            status,
            attempts: 1,
            next_try: None,
            last_error: None,
            first_seen: t,
            updated_at: t,
        }
    }

    #[test]
    fn source_state_round_trips_and_reports_status() {
        let mut s = SqliteStore::in_memory().unwrap();
        assert!(s.source_state("https://a.example/feed").unwrap().is_none());
        let st = SourceState {
            key: "https://a.example/feed".into(),
            kind: "feed".into(),
            name: Some("Outlet A".into()),
            etag: Some("\"v1\"".into()),
            last_modified: Some("Wed, 06 Nov 2024 10:00:00 GMT".into()),
            last_fetch: Some(1_730_887_200_000),
            last_success: Some(1_730_887_200_000),
            last_error: Some("timeout after 30 s".into()),
            last_error_kind: Some("timeout".into()),
            last_error_at: Some(1_730_880_000_000),
            failures: 0,
            next_fetch: Some(1_730_887_500_000),
            items_new: 3,
            items_skipped: 1,
            items_failed: 2,
        };
        s.save_source_state(&st).unwrap();
        s.save_source_state(&SourceState {
            key: "dir:/x".into(),
            kind: "dir".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.source_state(&st.key).unwrap().as_ref(), Some(&st));
        let all = s.source_states().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].kind, "feed", "feeds first");
        let status = s.watch_sources().unwrap();
        assert_eq!(
            status[0].last_success.as_deref(),
            Some("2024-11-06T10:00:00Z")
        );
        assert_eq!(status[0].last_error_kind.as_deref(), Some("timeout"));
        // Replacing keeps one row.
        let mut st2 = st.clone();
        st2.failures = 4;
        s.save_source_state(&st2).unwrap();
        assert_eq!(s.source_states().unwrap().len(), 2);
        assert_eq!(s.source_state(&st.key).unwrap().unwrap().failures, 4);
    }

    #[test]
    fn items_and_files_round_trip_per_source() {
        let mut s = SqliteStore::in_memory().unwrap();
        s.save_item_states(
            "f1",
            &[
                item("a", ItemStatus::Stored, 10),
                item("b", ItemStatus::Failed, 20),
            ],
        )
        .unwrap();
        s.save_item_states("f2", &[item("a", ItemStatus::GaveUp, 30)])
            .unwrap();
        let f1 = s.item_states("f1").unwrap();
        assert_eq!(f1.len(), 2);
        assert_eq!(f1["a"].status, ItemStatus::Stored);
        assert_eq!(f1["b"], item("b", ItemStatus::Failed, 20));
        assert_eq!(s.item_states("f2").unwrap()["a"].status, ItemStatus::GaveUp);
        // Pruning drops old items not kept, only of that source.
        assert_eq!(s.prune_items("f1", 25, &["b"]).unwrap(), 1);
        assert_eq!(s.item_states("f1").unwrap().len(), 1);
        assert_eq!(s.item_states("f2").unwrap().len(), 1);

        let f = FileState {
            path: "/d/a.txt".into(),
            size: 12,
            mtime_ns: 1_000_000_007,
            status: "stored".into(),
            last_error: None,
            updated_at: 5,
        };
        s.save_file_states("dir:/d", std::slice::from_ref(&f))
            .unwrap();
        assert_eq!(s.file_states("dir:/d").unwrap()["/d/a.txt"], f);
        assert!(s.file_states("dir:/e").unwrap().is_empty());
    }

    #[test]
    fn a_v2_store_is_migrated_to_the_current_version_keeping_its_articles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.sitrep");
        {
            let conn = SqliteStore::create_at_version(&path, 2).unwrap();
            conn.execute(
                "INSERT INTO articles (doc, url, body_hash, ingested_at, record) VALUES ('a', 'https://a.example/x', 'h', 't', '{}')",
                [],
            )
            .unwrap();
            let has: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'watch_sources')",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(!has, "v2 has no watch tables");
        }
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::schema::SCHEMA_VERSION);
        assert!(s.has_article_url("https://a.example/x").unwrap());
        s.save_source_state(&SourceState {
            key: "https://a.example/feed".into(),
            kind: "feed".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.source_states().unwrap().len(), 1);
        assert_eq!(s.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn a_fresh_store_opens_from_a_second_connection_while_the_first_is_open() {
        // `sitrep stats` (or the server of `serve --watch`) while `sitrep watch`
        // has just created the store and holds it open.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sitrep");
        let mut first = SqliteStore::open(&path).unwrap();
        first
            .save_source_state(&SourceState {
                key: "https://a.example/feed".into(),
                kind: "feed".into(),
                ..Default::default()
            })
            .unwrap();
        let second = SqliteStore::open_existing(&path).unwrap();
        assert_eq!(second.source_states().unwrap().len(), 1);
        drop(first);
    }

    #[test]
    fn article_urls_are_found() {
        let mut s = SqliteStore::in_memory().unwrap();
        let rec: sitrep_model::Record = serde_json::from_value(serde_json::json!({
            "doc": "a", "url": "https://a.example/story", "body": "Some text."
        }))
        .unwrap();
        s.ingest(&[rec]).unwrap();
        assert!(s.has_article_url("https://a.example/story").unwrap());
        assert!(!s.has_article_url("https://a.example/other").unwrap());
    }
}
