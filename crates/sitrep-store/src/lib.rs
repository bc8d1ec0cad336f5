//! # sitrep-store
//!
//! The embedded event store: articles, their records, events, statements and
//! entities, with every event linked to an **incident** (one real-world event
//! across all its sources). Everything that reads stored data (CLI queries, the
//! web app, the briefing) goes through the [`Store`] trait; [`SqliteStore`] is
//! the real one (SQLite, WAL, FTS5, schema migrations), [`MemStore`] serves tests.
//!
//! - Ingest is idempotent: an article with a stored URL, or with the same
//!   normalised body, is stored once; a changed version of a URL replaces it and
//!   the old version is kept in the history ([`SqliteStore::history`]).
//! - Incidents: [`same_incident`] decides whether two events are one real-world
//!   event; merged counts are never averaged, every value is kept in `claims`
//!   (see [`merge`]).
//!
//! ```
//! use sitrep_model::Record;
//! use sitrep_store::{IncidentQuery, SqliteStore, Store};
//!
//! let event = serde_json::json!({
//!     "type": "Explosions/Remote violence", "subtype": "Air/drone strike",
//!     "date": "2024-11-06", "date_precision": "day",
//!     "location": {"name": "Kyiv", "admin1": "Kyiv City", "country": "UA",
//!                  "lat": 50.45, "lon": 30.52, "precision": "city"},
//!     "actor1": "Russia", "actor2": "Ukraine", "fatalities": 2, "injured": null,
//!     "intercepted": null, "certainty": "reported", "claimed_by": null,
//!     "evidence": "Drones struck Kyiv overnight"
//! });
//! let rec = |doc: &str, outlet: &str, n: u32| -> Record {
//!     let mut e = event.clone();
//!     e["fatalities"] = n.into();
//!     serde_json::from_value(serde_json::json!({
//!         "doc": doc, "published": "2024-11-07", "source": outlet,
//!         "body": format!("{outlet}: drones struck Kyiv, {n} killed."), "events": [e]
//!     })).unwrap()
//! };
//! let mut store = SqliteStore::in_memory().unwrap();
//! store.ingest(&[rec("a.txt", "Outlet A", 2), rec("b.txt", "Outlet B", 3)]).unwrap();
//! let incidents = store.incidents(&IncidentQuery::default()).unwrap();
//! assert_eq!(incidents.len(), 1); // two sources, one incident
//! assert_eq!(incidents[0].sources.len(), 2);
//! assert_eq!(incidents[0].claims.len(), 2); // 2 and 3 killed, each with who says it
//! ```

pub mod canon;
pub mod export;
pub mod filter;
/// The matching rules live in the model crate: the pipeline's in-batch clustering uses them too.
pub use sitrep_model::matching;
pub mod mem;
pub mod merge;
pub mod schema;
pub mod sqlite;
pub mod watch;

pub use matching::{can_merge, haversine_km, joins, place_skeleton, same_incident, IncidentKey};
pub use mem::MemStore;
pub use sqlite::SqliteStore;
pub use watch::SourceStatus;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{Incident, Record, Statement};

/// Filters shared by `sitrep events`, `/api/incidents` and the briefing
/// (parsed and matched by [`filter`], the one definition of each).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IncidentQuery {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub event_type: Option<String>,
    pub subtype: Option<String>,
    /// `(lat, lon, radius_km)`.
    pub near: Option<(f64, f64, f64)>,
    pub actor: Option<String>,
    /// Case-insensitive substring of the place name, admin-1 or country code.
    #[serde(default)]
    pub place: Option<String>,
    /// Full-text words over bodies and evidence.
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StatementQuery {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub speaker: Option<String>,
    pub kind: Option<String>,
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// A stored statement with its article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredStatement {
    pub id: i64,
    pub doc: String,
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(flatten)]
    pub statement: Statement,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Stats {
    pub articles: u64,
    pub events: u64,
    pub incidents: u64,
    pub statements: u64,
    pub by_day: Vec<(String, u64)>,
    pub by_type: Vec<(String, u64)>,
    pub by_region: Vec<(String, u64)>,
    pub store_bytes: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IngestReport {
    pub articles_new: u64,
    pub articles_updated: u64,
    pub articles_unchanged: u64,
    pub events: u64,
    pub incidents_new: u64,
    pub incidents_merged: u64,
    /// Stored incidents merged into another because a new report bridged them.
    #[serde(default)]
    pub incidents_joined: u64,
}

/// The record as stored: a date whose year was inferred (`year_known: false`, an
/// undated article) is not a date analysts can filter or count by, so events and
/// statements keep it in their evidence only and are stored undated.
pub fn for_storage(rec: &Record) -> std::borrow::Cow<'_, Record> {
    let inferred = rec.events.iter().any(|e| e.year_known == Some(false))
        || rec.statements.iter().any(|s| s.year_known == Some(false));
    if !inferred {
        return std::borrow::Cow::Borrowed(rec);
    }
    let mut r = rec.clone();
    for e in r.events.iter_mut().filter(|e| e.year_known == Some(false)) {
        e.date = None;
        e.date_precision = None;
    }
    for s in r
        .statements
        .iter_mut()
        .filter(|s| s.year_known == Some(false))
    {
        s.date = None;
        s.date_precision = None;
    }
    std::borrow::Cow::Owned(r)
}

/// The store interface. `SqliteStore` is the real one; `MemStore` serves tests.
pub trait Store {
    /// Store a batch of records in one transaction, linking every event to an incident.
    fn ingest(&mut self, records: &[Record]) -> anyhow::Result<IngestReport>;
    fn incidents(&self, q: &IncidentQuery) -> anyhow::Result<Vec<Incident>>;
    fn incident(&self, id: &str) -> anyhow::Result<Option<Incident>>;
    /// The incidents of `ids` that exist, in that order (a page of the web
    /// app): one read of the store instead of one per id where it can.
    fn incidents_by_id(&self, ids: &[String]) -> anyhow::Result<Vec<Incident>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.incident(id)?);
        }
        Ok(out)
    }
    fn statements(&self, q: &StatementQuery) -> anyhow::Result<Vec<StoredStatement>>;
    fn stats(&self) -> anyhow::Result<Stats>;
    /// The stored record of an article (the latest stored under `doc`), each event
    /// carrying its incident id as `cluster_id`.
    fn article(&self, doc: &str) -> anyhow::Result<Option<Record>>;
    /// Ids of the incidents with a source whose body or evidence holds every
    /// word of `text` ([`filter::text_words`]; any case, any accents).
    fn incident_ids_with_text(
        &self,
        text: &str,
    ) -> anyhow::Result<std::collections::HashSet<String>>;
    /// The health of every source `sitrep watch` follows (none by default).
    fn watch_sources(&self) -> anyhow::Result<Vec<SourceStatus>> {
        Ok(Vec::new())
    }
}

/// Lower-cased words of a `--text` query (the in-memory store's search).
pub(crate) fn query_words(text: &str) -> Vec<String> {
    filter::text_words(text)
        .iter()
        .map(|w| w.to_lowercase())
        .collect()
}

/// The evidence of a record's events and statements, joined.
pub(crate) fn evidence_text(rec: &Record) -> String {
    rec.events
        .iter()
        .map(|e| e.evidence.as_str())
        .chain(rec.statements.iter().map(|s| s.evidence.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod storage_tests {
    use super::*;

    #[test]
    fn inferred_years_are_stored_undated() {
        let rec: Record = serde_json::from_value(serde_json::json!({
            "doc": "a.txt",
            "events": [{"type": "Battles", "subtype": "Armed clash", "date": "2024-12-04", "date_precision": "day", "year_known": false,
                        "location": null, "actor1": null, "actor2": null, "fatalities": null, "injured": null, "intercepted": null,
                        "certainty": "reported", "claimed_by": null, "evidence": "x"},
                       {"type": "Battles", "subtype": "Armed clash", "date": "2024-12-05", "date_precision": "day",
                        "location": null, "actor1": null, "actor2": null, "fatalities": null, "injured": null, "intercepted": null,
                        "certainty": "reported", "claimed_by": null, "evidence": "y"}],
            "statements": [{"speaker": "A B", "date": "2024-12-04", "year_known": false, "kind": "other", "target": null, "evidence": "z"}]
        }))
        .unwrap();
        let s = for_storage(&rec);
        assert_eq!(s.events[0].date, None);
        assert_eq!(s.events[1].date.as_deref(), Some("2024-12-05"));
        assert_eq!(s.statements[0].date, None);
        let plain = Record {
            doc: "b".into(),
            ..Default::default()
        };
        assert!(matches!(for_storage(&plain), std::borrow::Cow::Borrowed(_)));
    }
}
