//! # sitrep-store (contract; implementation in progress)
//!
//! The embedded event store. Everything that reads stored data (CLI queries,
//! the web app, the briefing) goes through the [`Store`] trait.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{Incident, Record, Statement};

/// Filters shared by `sitrep events`, `/api/incidents` and the briefing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IncidentQuery {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub event_type: Option<String>,
    pub subtype: Option<String>,
    /// `(lat, lon, radius_km)`.
    pub near: Option<(f64, f64, f64)>,
    pub actor: Option<String>,
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
}

/// The store interface. `SqliteStore` is the real one; `MemStore` serves tests.
pub trait Store {
    /// Store a batch of records in one transaction, linking every event to an incident.
    fn ingest(&mut self, records: &[Record]) -> anyhow::Result<IngestReport>;
    fn incidents(&self, q: &IncidentQuery) -> anyhow::Result<Vec<Incident>>;
    fn incident(&self, id: &str) -> anyhow::Result<Option<Incident>>;
    fn statements(&self, q: &StatementQuery) -> anyhow::Result<Vec<StoredStatement>>;
    fn stats(&self) -> anyhow::Result<Stats>;
    /// The stored record of an article.
    fn article(&self, doc: &str) -> anyhow::Result<Option<Record>>;
}
