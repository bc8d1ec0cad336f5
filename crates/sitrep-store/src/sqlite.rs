//! [`SqliteStore`]: the embedded store (SQLite, WAL mode, FTS5).

use crate::canon::{self, EventGraph, Node};
use crate::matching::{cell_of, cells_covering, haversine_km, parse_day, same_incident, IncidentKey};
use crate::merge::{body_hash, build_incident, Member};
use crate::schema::{self, FileKind, SCHEMA_VERSION};
use crate::{IncidentQuery, IngestReport, StatementQuery, Stats, Store, StoredStatement};
use anyhow::{bail, Context, Result};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};
use sitrep_model::{Event, Incident, Record, Statement};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Slack classes events can have (`DatePrecision::slack_days` values).
const SLACKS: [i64; 4] = [0, 3, 15, 182];
/// Grid cells per candidate query (more are queried in several chunks).
const CELL_SLOTS: usize = 16;

/// Candidate events (id, ck, mkey, incident) by family + grid cells (`?2..?17`) + one day
/// window per slack class, and the undated events in those cells (an undated event
/// matches a dated one on any day).
static CELL_CANDIDATES_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let cells: Vec<String> = (0..CELL_SLOTS).map(|i| format!("?{}", i + 2)).collect();
    let first = CELL_SLOTS + 2;
    SLACKS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "SELECT id, ck, mkey, incident_id FROM events WHERE family = ?1 AND cell IN ({}) AND slack = {s} AND day BETWEEN ?{} AND ?{}",
                cells.join(","),
                first + 2 * i,
                first + 2 * i + 1
            )
        })
        .chain(std::iter::once(UNDATED_CELL_SQL.clone()))
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
});

/// Candidate events (id, ck, mkey, incident) by family + folded place name + one day window
/// per slack class, and the undated events of that name.
static PLACE_CANDIDATES_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    SLACKS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "SELECT id, ck, mkey, incident_id FROM events WHERE family = ?1 AND place = ?2 AND slack = {s} AND day BETWEEN ?{} AND ?{}",
                3 + 2 * i,
                4 + 2 * i
            )
        })
        .chain(std::iter::once(UNDATED_PLACE_SQL.clone()))
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
});

/// The `slack` column of an undated event: one index range holds a place's undated events.
const UNDATED_SLACK: i64 = -1;

/// The `slack` column of an event: its date window's, or [`UNDATED_SLACK`].
fn stored_slack(key: &IncidentKey) -> i64 {
    if key.dated() {
        key.slack
    } else {
        UNDATED_SLACK
    }
}

/// Undated candidate events (id, ck, mkey, incident) by family + grid cells (`?2..?17`).
static UNDATED_CELL_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let cells: Vec<String> = (0..CELL_SLOTS).map(|i| format!("?{}", i + 2)).collect();
    format!(
        "SELECT id, ck, mkey, incident_id FROM events WHERE family = ?1 AND cell IN ({}) AND slack = {UNDATED_SLACK}",
        cells.join(",")
    )
});

/// Dated candidate events of any day (id, ck, mkey, incident) by family + grid cells (`?2..?17`).
static ANY_DAY_CELL_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let cells: Vec<String> = (0..CELL_SLOTS).map(|i| format!("?{}", i + 2)).collect();
    format!(
        "SELECT id, ck, mkey, incident_id FROM events WHERE family = ?1 AND cell IN ({}) AND slack >= 0",
        cells.join(",")
    )
});

/// Undated candidate events by family + folded place name.
static UNDATED_PLACE_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("SELECT id, ck, mkey, incident_id FROM events WHERE family = ?1 AND place = ?2 AND slack = {UNDATED_SLACK}")
});
/// Dated candidate events of any day by family + folded place name.
const ANY_DAY_PLACE_SQL: &str =
    "SELECT id, ck, mkey, incident_id FROM events WHERE family = ?1 AND place = ?2 AND slack >= 0";

/// Above this many grid cells a `--near` filter uses a bounding box instead.
const MAX_QUERY_CELLS: usize = 400;

/// The SQLite store. Open with [`SqliteStore::open`] (creates or migrates),
/// [`SqliteStore::open_existing`] (read commands) or [`SqliteStore::in_memory`].
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Open or create the store at `path`, migrating it forward if it is older.
    /// Refuses (without modifying it) any file that is not a sitrep store or is newer.
    pub fn open(path: &Path) -> Result<Self> {
        let kind = schema::inspect_file(path)?;
        let conn =
            Connection::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
        Self::setup(conn, Some(path.to_path_buf()), kind == FileKind::New)
    }

    /// Open an existing store; a missing file is an error (read commands never create one).
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !path.exists() {
            bail!(
                "{}: no such store (create one with `sitrep ingest --db {}`)",
                path.display(),
                path.display()
            );
        }
        Self::open(path)
    }

    /// A read-only connection to an existing store at the current schema
    /// version (the web server's pool of readers: under WAL, readers run
    /// concurrently with each other and with one writer, each seeing the last
    /// committed state when its statement starts). Nothing is migrated or
    /// relinked here: open the store once with [`SqliteStore::open_existing`]
    /// first.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        use rusqlite::OpenFlags;
        if !path.exists() {
            bail!("{}: no such store", path.display());
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("{}: cannot open read-only", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(60))?;
        conn.set_prepared_statement_cache_capacity(128);
        let version = schema::verify_open(&conn, path)?;
        if version != SCHEMA_VERSION {
            bail!(
                "{}: store schema v{version}, this build reads v{SCHEMA_VERSION}; open it read-write once to migrate",
                path.display()
            );
        }
        conn.pragma_update(None, "cache_size", -32000)?;
        // Readers map the file: pages come from the OS page cache shared by
        // every connection, not copied into each connection's own cache.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A fresh store in memory (tests).
    pub fn in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?, None, true)
    }

    /// Create a store at `path` with the schema stopped at `version` (fixtures and migration tests).
    pub fn create_at_version(path: &Path, version: i32) -> Result<Connection> {
        if schema::inspect_file(path)? != FileKind::New {
            bail!("{}: exists", path.display());
        }
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        schema::migrate(&mut conn, version)?;
        Ok(conn)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>, new: bool) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(60))?;
        conn.set_prepared_statement_cache_capacity(128);
        let p = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        // Nothing is written before the ids are verified through SQLite too.
        let version = schema::verify_open(&conn, &p)?;
        if version == 0 && !new {
            bail!("{}: not a sitrep store", p.display());
        }
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -32000)?;
        if version < SCHEMA_VERSION {
            schema::migrate(&mut conn, SCHEMA_VERSION)?;
            if path.is_some() {
                // Write the new header into the file itself: another process (or
                // connection) checks the raw header before it opens the store, and
                // would take a fresh store whose header is still in the WAL for a
                // foreign database.
                conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
            }
        }
        let mut store = SqliteStore { conn, path };
        // v3: events link to incidents by the canonical run (`canon`); stores
        // written before get their canonical keys and are linked again once.
        let unkeyed: bool = store.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE ck = '')",
            [],
            |r| r.get(0),
        )?;
        if unkeyed {
            store.relink_all()?;
        }
        Ok(store)
    }

    /// Give every event its canonical key and link all events again by the
    /// canonical run (one transaction). Ids of incidents that change resolve
    /// to their new incident.
    pub fn relink_all(&mut self) -> Result<IngestReport> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        type Row = (i64, String, String, Option<String>, i64, String, String);
        let rows: Vec<Row> = {
            let mut st = tx.prepare(
                "SELECT e.id, e.data, a.body_hash, a.url, e.seq, e.mkey, e.incident_id FROM events e JOIN articles a ON a.id = e.article_id",
            )?;
            let rows = st.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut nodes = Vec::with_capacity(rows.len());
        for (id, data, hash, url, seq, mkey, incident) in rows {
            let ev: Event = serde_json::from_str(&data)?;
            let key: IncidentKey = serde_json::from_str(&mkey)?;
            let article = canon::article_identity(url.as_deref(), &hash);
            let ck = canon::canonical_key(&key, &canon::event_uid(&ev, article, seq as usize));
            tx.prepare_cached("UPDATE events SET ck = ?1 WHERE id = ?2")?
                .execute(params![ck, id])?;
            nodes.push(Node {
                id,
                ck,
                key,
                incident: (!incident.is_empty()).then_some(incident),
            });
        }
        let mut batch = Batch {
            tx,
            dirty: BTreeSet::new(),
            report: IngestReport::default(),
            pending: Vec::new(),
            keys: nodes.iter().map(|n| (n.id, n.key.clone())).collect(),
        };
        let replay = canon::replay(&mut batch, nodes, true)?;
        batch.dirty.extend(replay.dirty.iter().cloned());
        batch.record_aliases(&replay.moved)?;
        batch.rebuild_dirty()?;
        let Batch { tx, report, .. } = batch;
        tx.commit()?;
        Ok(report)
    }

    /// The underlying connection (read-only use: exports, `PRAGMA` checks).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The store's schema version.
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`: `"ok"` for a sound store.
    pub fn integrity_check(&self) -> Result<String> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows.join("\n"))
    }

    /// Earlier versions of the article at `url`, oldest first (replaced by a changed version).
    pub fn history(&self, url: &str) -> Result<Vec<Record>> {
        let mut st = self
            .conn
            .prepare("SELECT record FROM article_history WHERE url = ?1 ORDER BY id")?;
        let rows = st.query_map([url], |r| r.get::<_, String>(0))?;
        rows.map(|r| Ok(serde_json::from_str(&r?)?)).collect()
    }

    /// The stored incident ids of every event of article `doc`, in event order.
    pub fn incident_ids_of(&self, doc: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT e.incident_id FROM events e JOIN articles a ON a.id = e.article_id WHERE a.doc = ?1 ORDER BY a.id, e.seq",
        )?;
        let rows = st.query_map([doc], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Insert incident rows only, with no articles or events behind them (query
    /// benchmarks on generated data). Not for real data: nothing links to them.
    pub fn bulk_insert_incidents(&mut self, incidents: &[Incident]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO incidents (id, event_type, subtype, date, day, lat, lon, cell, region, actor1, actor2, n_sources, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for inc in incidents {
                insert_incident_row(&mut ins, inc)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Insert generated incidents with articles behind them (benchmarks on
    /// generated data): each record's events carry, as `cluster_id`, the id of
    /// the incident they belong to; articles, events, statements, entities and
    /// the full-text index are written as an ingest would, without linking.
    /// Not for real data: the incidents are taken as given.
    pub fn bulk_insert_linked(&mut self, incidents: &[Incident], records: &[Record]) -> Result<()> {
        self.bulk_insert_incidents(incidents)?;
        let tx = self.conn.transaction()?;
        {
            let mut art = tx.prepare_cached(
                "INSERT INTO articles (doc, url, body_hash, published, outlet, title, genre, ingested_at, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8)",
            )?;
            let mut ev = tx.prepare_cached(
                "INSERT INTO events (article_id, seq, incident_id, family, day, slack, cell, place, mkey, data, ck)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut stm = tx.prepare_cached(
                "INSERT INTO statements (article_id, seq, speaker, kind, day, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut search =
                tx.prepare_cached("INSERT INTO search (rowid, body, evidence) VALUES (?1, ?2, ?3)")?;
            let at = now();
            for rec in records {
                let hash = body_hash(&rec.body);
                art.execute(params![
                    rec.doc,
                    rec.url,
                    hash,
                    rec.published,
                    rec.source,
                    rec.title,
                    at,
                    stored_record_json(rec)?
                ])?;
                let id = tx.last_insert_rowid();
                let article = canon::article_identity(rec.url.as_deref(), &hash).to_string();
                let keys = IncidentKey::for_record(rec);
                for (seq, e) in rec.events.iter().enumerate() {
                    let Some(inc) = e.cluster_id.as_deref() else {
                        bail!("{}: event {seq} names no incident", rec.doc)
                    };
                    let key = keys[seq].clone();
                    let ck = canon::canonical_key(&key, &canon::event_uid(e, &article, seq));
                    let cell = match (key.lat, key.lon) {
                        (Some(a), Some(b)) => Some(cell_of(a, b)),
                        _ => None,
                    };
                    let mut data = e.clone();
                    data.cluster_id = None;
                    ev.execute(params![
                        id,
                        seq as i64,
                        inc,
                        key.family,
                        key.day,
                        stored_slack(&key),
                        cell,
                        key.place,
                        serde_json::to_string(&key)?,
                        serde_json::to_string(&data)?,
                        ck
                    ])?;
                }
                let day = rec.published.as_deref().and_then(parse_day);
                for (seq, st) in rec.statements.iter().enumerate() {
                    stm.execute(params![
                        id,
                        seq as i64,
                        st.speaker,
                        st.kind.as_str(),
                        st.date.as_deref().and_then(parse_day).or(day),
                        serde_json::to_string(st)?
                    ])?;
                }
                let (body, evidence) = search_text(rec);
                search.execute(params![id, body, evidence])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Total size of the store files (database + WAL) in bytes.
    pub fn size_bytes(&self) -> Result<u64> {
        match &self.path {
            Some(p) => {
                let mut total = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                let mut wal = p.as_os_str().to_owned();
                wal.push("-wal");
                total += std::fs::metadata(PathBuf::from(wal))
                    .map(|m| m.len())
                    .unwrap_or(0);
                Ok(total)
            }
            None => {
                let pages: u64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
                let size: u64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
                Ok(pages * size)
            }
        }
    }
}

fn insert_incident_row(st: &mut rusqlite::CachedStatement<'_>, inc: &Incident) -> Result<()> {
    let loc = inc.location.as_ref();
    let (lat, lon) = (loc.and_then(|l| l.lat), loc.and_then(|l| l.lon));
    let cell = match (lat, lon) {
        (Some(a), Some(b)) => Some(cell_of(a, b)),
        _ => None,
    };
    let region = loc.map(|l| {
        l.admin1
            .clone()
            .or_else(|| l.country.clone())
            .unwrap_or_else(|| l.name.clone())
    });
    st.execute(params![
        inc.id,
        inc.event_type,
        inc.subtype,
        inc.date,
        inc.date.as_deref().and_then(parse_day),
        lat,
        lon,
        cell,
        region,
        inc.actor1,
        inc.actor2,
        inc.sources.len() as i64,
        serde_json::to_string(inc)?
    ])?;
    Ok(())
}

/// FTS5 query for user words: every word must appear (quoted, so no operator syntax leaks).
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = crate::filter::text_words(words)
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The record as stored in `articles.record`: without its events and statements,
/// which live in their own tables (stored once); [`full_record`] puts them back.
fn stored_record_json(rec: &Record) -> Result<String> {
    let slim = Record {
        events: Vec::new(),
        statements: Vec::new(),
        ..rec.clone()
    };
    Ok(serde_json::to_string(&slim)?)
}

/// An article's full record: the stored record with its events (each with its
/// incident id as `cluster_id`) and statements, in order.
/// (Schema v1 stored them inside the record too; the tables are authoritative.)
fn full_record(conn: &Connection, article_id: i64) -> Result<Record> {
    let data: String = conn
        .prepare_cached("SELECT record FROM articles WHERE id = ?1")?
        .query_row([article_id], |r| r.get(0))?;
    let mut rec: Record = serde_json::from_str(&data)?;
    let mut st = conn.prepare_cached(
        "SELECT data, incident_id FROM events WHERE article_id = ?1 ORDER BY seq",
    )?;
    let events = st.query_map([article_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rec.events = events
        .map(|e| {
            let (data, incident) = e?;
            let mut ev: Event = serde_json::from_str(&data)?;
            ev.cluster_id = Some(incident);
            Ok(ev)
        })
        .collect::<Result<_>>()?;
    let mut st =
        conn.prepare_cached("SELECT data FROM statements WHERE article_id = ?1 ORDER BY seq")?;
    let statements = st.query_map([article_id], |r| r.get::<_, String>(0))?;
    rec.statements = statements
        .map(|e| Ok(serde_json::from_str(&e?)?))
        .collect::<Result<_>>()?;
    Ok(rec)
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The text indexed for an article: its body, and the evidence of its events and statements.
fn search_text(rec: &Record) -> (String, String) {
    let mut ev = String::new();
    for e in &rec.events {
        ev.push_str(&e.evidence);
        ev.push(' ');
    }
    for s in &rec.statements {
        ev.push_str(&s.evidence);
        ev.push(' ');
    }
    (rec.body.clone(), ev)
}

/// Ingest state for one batch transaction.
struct Batch<'a> {
    tx: Transaction<'a>,
    dirty: BTreeSet<String>,
    report: IngestReport,
    /// Events to (re)decide at the end of the batch: the new ones, and the
    /// neighbours of removed ones.
    pending: Vec<Node>,
    /// Parsed `mkey`s by event id (each is parsed once per batch).
    keys: HashMap<i64, IncidentKey>,
}

impl Batch<'_> {
    fn ingest_record(&mut self, rec: &Record) -> Result<()> {
        let hash = body_hash(&rec.body);
        let url = rec.url.as_deref().filter(|u| !u.trim().is_empty());
        let by_url: Option<(i64, String)> = match url {
            Some(u) => self
                .tx
                .prepare_cached("SELECT id, body_hash FROM articles WHERE url = ?1")?
                .query_row([u], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
            None => None,
        };
        let article_id = match by_url {
            Some((_, h)) if h == hash => {
                self.report.articles_unchanged += 1;
                return Ok(());
            }
            Some((id, _)) => {
                // A changed version of a stored URL: keep the old one as history, replace it.
                let old = full_record(&self.tx, id)?;
                self.tx.execute(
                    "INSERT INTO article_history (article_id, url, doc, body_hash, published, replaced_at, record)
                     SELECT id, url, doc, body_hash, published, ?2, ?3 FROM articles WHERE id = ?1",
                    params![id, now(), serde_json::to_string(&old)?],
                )?;
                self.remove_contents(id)?;
                self.tx.execute(
                    "UPDATE articles SET doc = ?2, body_hash = ?3, published = ?4, outlet = ?5, title = ?6, genre = ?7,
                     ingested_at = ?8, record = ?9 WHERE id = ?1",
                    params![
                        id,
                        rec.doc,
                        hash,
                        rec.published,
                        rec.source,
                        rec.title,
                        serde_json::to_value(rec.genre)?.as_str(),
                        now(),
                        stored_record_json(rec)?
                    ],
                )?;
                self.report.articles_updated += 1;
                id
            }
            None => {
                let dup: Option<i64> = self
                    .tx
                    .prepare_cached("SELECT id FROM articles WHERE body_hash = ?1 LIMIT 1")?
                    .query_row([&hash], |r| r.get(0))
                    .optional()?;
                if dup.is_some() {
                    self.report.articles_unchanged += 1;
                    return Ok(());
                }
                self.tx
                    .prepare_cached(
                        "INSERT INTO articles (doc, url, body_hash, published, outlet, title, genre, ingested_at, record)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    )?
                    .execute(params![
                        rec.doc,
                        url,
                        hash,
                        rec.published,
                        rec.source,
                        rec.title,
                        serde_json::to_value(rec.genre)?.as_str(),
                        now(),
                        stored_record_json(rec)?
                    ])?;
                self.report.articles_new += 1;
                self.tx.last_insert_rowid()
            }
        };
        self.insert_contents(article_id, rec, canon::article_identity(url, &hash))
    }

    /// Delete an article's events, statements, entities and search row; its
    /// incidents become dirty and the events its events touched are decided again.
    fn remove_contents(&mut self, article_id: i64) -> Result<()> {
        let removed: Vec<Node> = {
            let mut st = self
                .tx
                .prepare_cached("SELECT id, ck, mkey, incident_id FROM events WHERE article_id = ?1")?;
            let rows = st.query_map([article_id], node_row)?;
            rows.map(|r| node_of(r?)).collect::<Result<_>>()?
        };
        for table in ["events", "statements", "entities"] {
            self.tx.execute(
                &format!("DELETE FROM {table} WHERE article_id = ?1"),
                [article_id],
            )?;
        }
        self.tx
            .execute("DELETE FROM search WHERE rowid = ?1", [article_id])?;
        let gone: HashSet<i64> = removed.iter().map(|n| n.id).collect();
        self.pending.retain(|n| !gone.contains(&n.id));
        for r in &removed {
            self.dirty.extend(r.incident.clone());
            let mut touched = self.neighbours(r)?;
            if let Some(inc) = &r.incident {
                for m in self.members(inc)? {
                    touched.extend(self.neighbours(&m)?);
                    touched.push(m);
                }
            }
            self.pending
                .extend(touched.into_iter().filter(|n| !gone.contains(&n.id)));
        }
        Ok(())
    }

    fn insert_contents(&mut self, article_id: i64, rec: &Record, article: &str) -> Result<()> {
        let keys = IncidentKey::for_record(rec);
        for (seq, ev) in rec.events.iter().enumerate() {
            let key = keys[seq].clone();
            let ck = canon::canonical_key(&key, &canon::event_uid(ev, article, seq));
            let cell = match (key.lat, key.lon) {
                (Some(a), Some(b)) => Some(cell_of(a, b)),
                _ => None,
            };
            // Linked to its incident at the end of the batch (`link_pending`).
            self.tx
                .prepare_cached(
                    "INSERT INTO events (article_id, seq, incident_id, family, day, slack, cell, place, mkey, data, ck)
                     VALUES (?1, ?2, '', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    article_id,
                    seq as i64,
                    key.family,
                    key.day,
                    stored_slack(&key),
                    cell,
                    key.place,
                    serde_json::to_string(&key)?,
                    serde_json::to_string(ev)?,
                    ck
                ])?;
            let id = self.tx.last_insert_rowid();
            self.keys.insert(id, key.clone());
            self.pending.push(Node {
                id,
                ck,
                key,
                incident: None,
            });
            self.report.events += 1;
        }
        let article_day = rec.published.as_deref().and_then(parse_day);
        for (seq, st) in rec.statements.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO statements (article_id, seq, speaker, kind, day, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    article_id,
                    seq as i64,
                    st.speaker,
                    st.kind.as_str(),
                    st.date.as_deref().and_then(parse_day).or(article_day),
                    serde_json::to_string(st)?
                ])?;
        }
        for (kind, names) in [
            ("person", &rec.entities.people),
            ("place", &rec.entities.places),
            ("org", &rec.entities.orgs),
        ] {
            for n in names {
                self.tx
                    .prepare_cached(
                        "INSERT INTO entities (article_id, kind, name) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![article_id, kind, n])?;
            }
        }
        let (body, evidence) = search_text(rec);
        self.tx
            .prepare_cached("INSERT INTO search (rowid, body, evidence) VALUES (?1, ?2, ?3)")?
            .execute(params![article_id, body, evidence])?;
        Ok(())
    }

    /// A stored event row as a [`Node`], its key parsed once per batch.
    fn node(&mut self, (id, ck, mkey, incident): NodeRow) -> Result<Node> {
        let key = match self.keys.get(&id) {
            Some(k) => k.clone(),
            None => {
                let k: IncidentKey = serde_json::from_str(&mkey)?;
                self.keys.insert(id, k.clone());
                k
            }
        };
        Ok(Node {
            id,
            ck,
            key,
            incident: (!incident.is_empty()).then_some(incident),
        })
    }

    /// Link the batch's new events (and those whose neighbourhood changed) as
    /// the canonical run would ([`canon`]), and count what happened.
    fn link_pending(&mut self) -> Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let new_ids: HashSet<i64> = pending
            .iter()
            .filter(|n| n.incident.is_none())
            .map(|n| n.id)
            .collect();
        let replay = canon::replay(self, pending, false)?;
        self.dirty.extend(replay.dirty.iter().cloned());
        self.record_aliases(&replay.moved)?;
        // New incidents vs events merged into existing ones.
        let mut by_incident: HashMap<String, usize> = HashMap::new();
        for id in &new_ids {
            let inc: String =
                self.tx
                    .query_row("SELECT incident_id FROM events WHERE id = ?1", [id], |r| r.get(0))?;
            *by_incident.entry(inc).or_default() += 1;
        }
        for (inc, n) in by_incident {
            let members = self.members(&inc)?;
            if members.iter().all(|m| new_ids.contains(&m.id)) {
                self.report.incidents_new += 1;
                self.report.incidents_merged += n as u64 - 1;
            } else {
                self.report.incidents_merged += n as u64;
            }
        }
        Ok(())
    }

    /// Ids of incidents that no longer exist resolve to the incident most of
    /// their events moved to; an id that exists again is no alias.
    fn record_aliases(&mut self, moved: &[(Option<String>, String)]) -> Result<()> {
        let mut votes: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
        for (old, new) in moved {
            if let Some(old) = old {
                *votes.entry(old).or_default().entry(new).or_default() += 1;
            }
        }
        for (old, targets) in votes {
            let alive: bool = self
                .tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE incident_id = ?1)")?
                .query_row([old], |r| r.get(0))?;
            if alive {
                continue;
            }
            let target = targets
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|t| t.0)
                .unwrap_or_default();
            self.tx.execute(
                "UPDATE incident_aliases SET new_id = ?1 WHERE new_id = ?2",
                params![target, old],
            )?;
            self.tx.execute(
                "INSERT OR REPLACE INTO incident_aliases (old_id, new_id) VALUES (?1, ?2)",
                params![old, target],
            )?;
            self.report.incidents_joined += 1;
        }
        for (_, new) in moved {
            self.tx
                .prepare_cached("DELETE FROM incident_aliases WHERE old_id = ?1")?
                .execute([new])?;
        }
        Ok(())
    }

    /// Rebuild (or delete, when no event is left) every incident touched by the batch.
    fn rebuild_dirty(&mut self) -> Result<()> {
        let dirty = std::mem::take(&mut self.dirty);
        for id in dirty {
            let members = load_members(&self.tx, &id)?;
            self.tx
                .execute("DELETE FROM incidents WHERE id = ?1", [&id])?;
            if members.is_empty() {
                continue;
            }
            let inc = build_incident(&id, &members);
            let mut st = self.tx.prepare_cached(
                "INSERT INTO incidents (id, event_type, subtype, date, day, lat, lon, cell, region, actor1, actor2, n_sources, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            insert_incident_row(&mut st, &inc)?;
        }
        Ok(())
    }
}

/// An event row: (id, ck, mkey, incident_id).
type NodeRow = (i64, String, String, String);

fn node_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NodeRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn node_of((id, ck, mkey, incident): NodeRow) -> Result<Node> {
    Ok(Node {
        id,
        ck,
        key: serde_json::from_str(&mkey)?,
        incident: (!incident.is_empty()).then_some(incident),
    })
}

impl Batch<'_> {
    /// The dated events an undated event `n` matches (`cells`: its grid cells),
    /// looked up on any day until they span two incidents: an undated event
    /// then joins none whatever the rest ([`crate::matching::undated_choice`]),
    /// and no dated event's decision depends on an undated one, so the rest is
    /// never needed. Bounds the cost of an undated report at a busy place.
    fn undated_neighbours(&mut self, n: &Node, cells: &[i64]) -> Result<Vec<Node>> {
        let key = &n.key;
        let mut out: Vec<Node> = Vec::new();
        let mut seen = HashSet::new();
        let mut incidents: BTreeSet<String> = BTreeSet::new();
        let mut take = |row: NodeRow, out: &mut Vec<Node>| -> Result<bool> {
            if row.0 == n.id || !seen.insert(row.0) {
                return Ok(false);
            }
            let m = node_of(row)?;
            if same_incident(key, &m.key) {
                incidents.extend(m.incident.clone());
                out.push(m);
            }
            Ok(incidents.len() >= 2)
        };
        for chunk in cells.chunks(CELL_SLOTS) {
            let mut slots = [i64::MIN; CELL_SLOTS];
            slots[..chunk.len()].copy_from_slice(chunk);
            let mut st = self.tx.prepare_cached(&ANY_DAY_CELL_SQL)?;
            let args = std::iter::once(rusqlite::types::Value::from(key.family.clone()))
                .chain(slots.iter().map(|&c| c.into()));
            for r in st.query_map(params_from_iter(args), node_row)? {
                if take(r?, &mut out)? {
                    return Ok(out);
                }
            }
        }
        if let Some(place) = &key.place {
            let mut st = self.tx.prepare_cached(ANY_DAY_PLACE_SQL)?;
            for r in st.query_map(params![key.family, place], node_row)? {
                if take(r?, &mut out)? {
                    return Ok(out);
                }
            }
        }
        Ok(out)
    }
}

impl EventGraph for Batch<'_> {
    /// Indexed candidate lookup by family + grid cell (or folded place name) +
    /// date window, then [`same_incident`].
    fn neighbours(&mut self, n: &Node) -> Result<Vec<Node>> {
        let key = &n.key;
        // Grid cells that may hold a matching place: within the precision's distance.
        let radius = match key.precision {
            Some(sitrep_model::PlacePrecision::Region) => crate::matching::REGION_KM,
            Some(sitrep_model::PlacePrecision::Country) => 1.0,
            _ => crate::matching::CITY_KM,
        };
        let cells = match (key.lat, key.lon) {
            (Some(a), Some(b)) => cells_covering(a, b, radius, 64).unwrap_or_default(),
            _ => Vec::new(),
        };
        // A region that may contain a city: the cities within `CONTAIN_KM` of its point.
        let contain_cells = match (key.lat, key.lon) {
            (Some(a), Some(b)) if key.contained && key.precision == Some(sitrep_model::PlacePrecision::Region) => {
                cells_covering(a, b, crate::matching::CONTAIN_KM, 2048).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        // A city that may lie in a region: the region, by its folded name.
        let region_name = key
            .admin1
            .as_deref()
            .filter(|_| key.contained && key.precision == Some(sitrep_model::PlacePrecision::City))
            .map(crate::matching::place_skeleton);
        let mut rows: Vec<NodeRow> = Vec::new();
        // Undated events match dated ones at their place on any day, never each
        // other (`same_incident`): a dated event finds the undated events at its
        // place with its dated candidates (below), an undated one looks up the
        // dated events at its place.
        if !key.dated() {
            return self.undated_neighbours(n, &cells);
        }
        if let Some((lo, hi)) = key.interval() {
            // Stored events of slack `s` cover `day - s ..= day + 2s` (day precision: `day`);
            // they overlap `lo - 1 ..= hi + 1` (one day of overnight tolerance) when `day`
            // is within `lo - 1 - 2s ..= hi + 1 + s`. One index range per slack class.
            let windows: Vec<i64> = SLACKS
                .iter()
                .flat_map(|&s| [lo - 1 - 2 * s, hi + 1 + s])
                .collect();
            let mut extra = contain_cells;
            extra.retain(|c| !cells.contains(c));
            for chunk in cells.chunks(CELL_SLOTS).chain(extra.chunks(CELL_SLOTS)) {
                let mut slots = [i64::MIN; CELL_SLOTS];
                slots[..chunk.len()].copy_from_slice(chunk);
                let mut st = self.tx.prepare_cached(&CELL_CANDIDATES_SQL)?;
                let args = std::iter::once(rusqlite::types::Value::from(key.family.clone()))
                    .chain(slots.iter().map(|&c| c.into()))
                    .chain(windows.iter().map(|&d| d.into()));
                for r in st.query_map(params_from_iter(args), node_row)? {
                    rows.push(r?);
                }
            }
            for place in key.place.iter().chain(region_name.iter()) {
                let mut st = self.tx.prepare_cached(&PLACE_CANDIDATES_SQL)?;
                let args = [
                    rusqlite::types::Value::from(key.family.clone()),
                    place.clone().into(),
                ]
                .into_iter()
                .chain(windows.iter().map(|&d| d.into()));
                for r in st.query_map(params_from_iter(args), node_row)? {
                    rows.push(r?);
                }
            }
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for row in rows {
            if row.0 == n.id || !seen.insert(row.0) {
                continue;
            }
            let m = self.node(row)?;
            if same_incident(key, &m.key) {
                out.push(m);
            }
        }
        Ok(out)
    }

    fn members(&mut self, incident: &str) -> Result<Vec<Node>> {
        let rows: Vec<NodeRow> = {
            let mut st = self
                .tx
                .prepare_cached("SELECT id, ck, mkey, incident_id FROM events WHERE incident_id = ?1")?;
            let rows = st.query_map([incident], node_row)?;
            rows.collect::<Result<_, _>>()?
        };
        rows.into_iter().map(|r| self.node(r)).collect()
    }

    fn set_incident(&mut self, id: i64, incident: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE events SET incident_id = ?1 WHERE id = ?2")?
            .execute(params![incident, id])?;
        Ok(())
    }
}

fn load_members(conn: &Connection, incident: &str) -> Result<Vec<Member>> {
    let mut st = conn.prepare_cached(
        "SELECT e.data, a.doc, a.url, a.outlet, a.published, e.ck FROM events e JOIN articles a ON a.id = e.article_id
         WHERE e.incident_id = ?1 ORDER BY e.ck, e.id",
    )?;
    let rows = st.query_map([incident], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (data, doc, url, outlet, published, key) = r?;
        out.push(Member {
            event: serde_json::from_str(&data)?,
            doc,
            url,
            outlet,
            published,
            key,
        });
    }
    Ok(out)
}

impl Store for SqliteStore {
    fn ingest(&mut self, records: &[Record]) -> Result<IngestReport> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut batch = Batch {
            tx,
            dirty: BTreeSet::new(),
            report: IngestReport::default(),
            pending: Vec::new(),
            keys: HashMap::new(),
        };
        for rec in records {
            let rec = &crate::for_storage(rec);
            batch
                .ingest_record(rec)
                .with_context(|| format!("storing {}", rec.doc))?;
        }
        batch.link_pending()?;
        batch.rebuild_dirty()?;
        let Batch { tx, report, .. } = batch;
        tx.commit()?;
        Ok(report)
    }

    fn incidents(&self, q: &IncidentQuery) -> Result<Vec<Incident>> {
        let mut sql = String::from("SELECT data, lat, lon FROM incidents WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(d) = q.since {
            arg(&mut sql, " AND day >= ?", (d.num_days_from_ce_i64()).into());
        }
        if let Some(d) = q.until {
            arg(&mut sql, " AND day <= ?", (d.num_days_from_ce_i64()).into());
        }
        if let Some(t) = &q.event_type {
            arg(
                &mut sql,
                " AND event_type = ? COLLATE NOCASE",
                t.clone().into(),
            );
        }
        if let Some(t) = &q.subtype {
            arg(
                &mut sql,
                " AND subtype = ? COLLATE NOCASE",
                t.clone().into(),
            );
        }
        if let Some((lat, lon, r)) = q.near {
            match cells_covering(lat, lon, r, MAX_QUERY_CELLS) {
                Some(cells) => {
                    let list: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
                    sql.push_str(&format!(" AND cell IN ({})", list.join(",")));
                }
                None => {
                    let dlat = r / 111.0;
                    arg(&mut sql, " AND lat BETWEEN ?", (lat - dlat).into());
                    arg(&mut sql, " AND ?", (lat + dlat).into());
                }
            }
        }
        if let Some(t) = &q.text {
            let Some(fq) = fts_query(t) else {
                bail!("text: no words to search for")
            };
            arg(
                &mut sql,
                " AND id IN (SELECT incident_id FROM events WHERE article_id IN (SELECT rowid FROM search WHERE search MATCH ?))",
                fq.into(),
            );
        }
        sql.push_str(" ORDER BY day IS NULL, day DESC, id");
        // Actor, place and distance are matched in Rust by the one definition
        // of the filters (`IncidentQuery::matches`); paging then applies.
        let post_filter = q.near.is_some() || q.actor.is_some() || q.place.is_some();
        if !post_filter {
            if let Some(l) = q.limit {
                sql.push_str(&format!(" LIMIT {l}"));
            }
            if let Some(o) = q.offset {
                if q.limit.is_none() {
                    sql.push_str(" LIMIT -1");
                }
                sql.push_str(&format!(" OFFSET {o}"));
            }
        }
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<f64>>(1)?,
                r.get::<_, Option<f64>>(2)?,
            ))
        })?;
        let mut out: Vec<Incident> = Vec::new();
        for r in rows {
            let (data, la, lo) = r?;
            if let Some((lat, lon, radius)) = q.near {
                match (la, lo) {
                    (Some(a), Some(b)) if haversine_km(lat, lon, a, b) <= radius => {}
                    _ => continue,
                }
            }
            let inc: Incident = serde_json::from_str(&data)?;
            if post_filter && !q.matches(&inc, true) {
                continue;
            }
            out.push(inc);
        }
        if post_filter {
            let skip = q.offset.unwrap_or(0);
            out = out
                .into_iter()
                .skip(skip)
                .take(q.limit.unwrap_or(usize::MAX))
                .collect();
        }
        Ok(out)
    }

    fn incident_ids_with_text(&self, text: &str) -> Result<HashSet<String>> {
        let Some(fq) = fts_query(text) else {
            bail!("text: no words to search for")
        };
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT incident_id FROM events WHERE article_id IN (SELECT rowid FROM search WHERE search MATCH ?1)",
        )?;
        let rows = st.query_map([fq], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An incident by id; the id of an incident merged into another resolves to that one.
    fn incident(&self, id: &str) -> Result<Option<Incident>> {
        // Cached: the web app asks a page of these per request.
        let data: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT data FROM incidents WHERE id = ?1
                 UNION ALL SELECT i.data FROM incident_aliases a JOIN incidents i ON i.id = a.new_id WHERE a.old_id = ?1
                 LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;
        data.map(|d| Ok(serde_json::from_str(&d)?)).transpose()
    }

    /// One read transaction for the whole page (each lookup on its own would
    /// take and release the store's read lock: file locks and a WAL check
    /// per incident).
    fn incidents_by_id(&self, ids: &[String]) -> Result<Vec<Incident>> {
        let tx = self.conn.unchecked_transaction()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.incident(id)?);
        }
        tx.finish()?;
        Ok(out)
    }

    fn statements(&self, q: &StatementQuery) -> Result<Vec<StoredStatement>> {
        let mut sql = String::from(
            "SELECT s.id, s.data, a.doc, a.url, a.published FROM statements s JOIN articles a ON a.id = s.article_id WHERE 1 = 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(d) = q.since {
            arg(&mut sql, " AND s.day >= ?", d.num_days_from_ce_i64().into());
        }
        if let Some(d) = q.until {
            arg(&mut sql, " AND s.day <= ?", d.num_days_from_ce_i64().into());
        }

        if let Some(k) = &q.kind {
            arg(&mut sql, " AND s.kind = ? COLLATE NOCASE", k.clone().into());
        }
        if let Some(t) = &q.text {
            let Some(fq) = fts_query(t) else {
                bail!("text: no words to search for")
            };
            arg(
                &mut sql,
                " AND s.article_id IN (SELECT rowid FROM search WHERE search MATCH ?)",
                fq.into(),
            );
        }
        // The speaker is a case-insensitive substring (any script; `%` and `_`
        // are plain characters), matched in Rust; paging then applies.
        let speaker = q.speaker.as_deref().map(|s| s.trim().to_lowercase());
        // Newest first, undated last: the dated statements and then the
        // undated ones, each part in the order of the `statements_day` index,
        // so that a page reads its rows and not every statement (an
        // `ORDER BY day IS NULL, ...` sorts them all: 0.2 s at 100k).
        type Row = (i64, String, String, Option<String>, Option<String>);
        let part = |dated: bool, page: Option<(usize, usize)>| -> Result<Vec<Row>> {
            let mut sql = format!(
                "{sql} AND s.day IS {}NULL ORDER BY s.day DESC, s.id",
                if dated { "NOT " } else { "" }
            );
            if let Some((limit, offset)) = page {
                sql.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
            }
            let mut st = self.conn.prepare_cached(&sql)?;
            let rows = st.query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let rows = match (&speaker, q.limit) {
            (None, Some(limit)) => {
                let offset = q.offset.unwrap_or(0);
                let mut rows = part(true, Some((limit, offset)))?;
                if rows.len() < limit {
                    // The dated part ran out: the undated part goes on from
                    // where the offset falls in it.
                    let skip = if rows.is_empty() && offset > 0 {
                        let dated: i64 = self.conn.query_row(
                            &format!("SELECT count(*) FROM ({sql} AND s.day IS NOT NULL)"),
                            params_from_iter(args.iter()),
                            |r| r.get(0),
                        )?;
                        offset.saturating_sub(dated as usize)
                    } else {
                        0
                    };
                    rows.extend(part(false, Some((limit - rows.len(), skip)))?);
                }
                rows
            }
            (None, None) => {
                let offset = q.offset.unwrap_or(0);
                let mut rows = part(true, None)?;
                rows.extend(part(false, None)?);
                rows.into_iter().skip(offset).collect()
            }
            (Some(_), _) => {
                let mut rows = part(true, None)?;
                rows.extend(part(false, None)?);
                rows
            }
        };
        let mut out = Vec::new();
        for (id, data, doc, url, published) in rows {
            let statement: Statement = serde_json::from_str(&data)?;
            if speaker
                .as_deref()
                .is_some_and(|sp| !statement.speaker.to_lowercase().contains(sp))
            {
                continue;
            }
            out.push(StoredStatement {
                id,
                doc,
                url,
                published,
                statement,
            });
        }
        if speaker.is_some() {
            out = out
                .into_iter()
                .skip(q.offset.unwrap_or(0))
                .take(q.limit.unwrap_or(usize::MAX))
                .collect();
        }
        Ok(out)
    }

    fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let groups = |sql: &str| -> Result<Vec<(String, u64)>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            events: count("SELECT count(*) FROM events")?,
            incidents: count("SELECT count(*) FROM incidents")?,
            statements: count("SELECT count(*) FROM statements")?,
            by_day: groups("SELECT date, count(*) FROM incidents WHERE date IS NOT NULL GROUP BY date ORDER BY date")?,
            by_type: groups("SELECT event_type, count(*) FROM incidents GROUP BY event_type ORDER BY count(*) DESC, event_type")?,
            by_region: groups(
                "SELECT coalesce(region, '(unknown)'), count(*) FROM incidents GROUP BY 1 ORDER BY count(*) DESC, 1",
            )?,
            store_bytes: self.size_bytes()?,
        })
    }

    fn article(&self, doc: &str) -> Result<Option<Record>> {
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE doc = ?1 ORDER BY id DESC LIMIT 1")?
            .query_row([doc], |r| r.get(0))
            .optional()?;
        id.map(|id| full_record(&self.conn, id)).transpose()
    }

    fn watch_sources(&self) -> Result<Vec<crate::SourceStatus>> {
        self.source_statuses()
    }
}

/// Days since CE as `i64`.
trait DaysCe {
    fn num_days_from_ce_i64(&self) -> i64;
}
impl DaysCe for chrono::NaiveDate {
    fn num_days_from_ce_i64(&self) -> i64 {
        use chrono::Datelike;
        self.num_days_from_ce() as i64
    }
}
