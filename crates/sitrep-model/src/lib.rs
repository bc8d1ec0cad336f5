//! # sitrep-model
//!
//! The record contract of sitrep (`spec/record-format.md`): one [`Record`] per
//! article, holding its [`Event`]s, [`Statement`]s, [`Entities`] and [`Flag`]s,
//! plus the ACLED [`ontology`] the events are typed with, and the stored
//! [`Incident`] type that cross-source deduplication produces.
//!
//! ```
//! use sitrep_model::{ontology, Record};
//! assert!(ontology::is_valid("Explosions/Remote violence", "Air/drone strike"));
//! let rec: Record = serde_json::from_str(r#"{"doc":"a.txt","published":"2024-11-07"}"#).unwrap();
//! assert_eq!(rec.published.as_deref(), Some("2024-11-07"));
//! assert!(rec.events.is_empty());
//! ```

pub mod chars;
pub mod matching;
pub mod ontology;

use serde::{Deserialize, Serialize};

/// One article's structured record: the unit the extractor writes, one JSON line each.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Record {
    /// Input file name, or the `id` of a JSON Lines input.
    pub doc: String,
    /// Publication date `YYYY-MM-DD`, `None` when nothing in the input says it.
    pub published: Option<String>,
    /// `report` or `opinion`.
    pub genre: Genre,
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Outlet name or domain when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Cleaned article body (boilerplate removed).
    pub body: String,
    pub events: Vec<Event>,
    pub statements: Vec<Statement>,
    pub entities: Entities,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Genre {
    #[default]
    Report,
    Opinion,
}

/// How exactly a date is known (ACLED time precision 1 = day, 2 = week/few days, 3 = month or coarser).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

impl DatePrecision {
    /// ACLED's `time_precision` code.
    pub fn acled_code(self) -> u8 {
        match self {
            DatePrecision::Day => 1,
            DatePrecision::Week => 2,
            DatePrecision::Month | DatePrecision::Year => 3,
        }
    }
    /// Half-width in days of the window the date stands for (used for matching).
    pub fn slack_days(self) -> i64 {
        match self {
            DatePrecision::Day => 0,
            DatePrecision::Week => 3,
            DatePrecision::Month => 15,
            DatePrecision::Year => 182,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PlacePrecision {
    City,
    Region,
    Country,
}

/// A resolved place.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Location {
    pub name: String,
    pub admin1: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: PlacePrecision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    #[default]
    Reported,
    Claimed,
    Alleged,
}

/// One real-world event reported by the article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    #[serde(rename = "type")]
    pub event_type: String,
    pub subtype: String,
    /// `YYYY-MM-DD` (first day of the week/month/year for coarse precisions), `None` when unknown.
    pub date: Option<String>,
    pub date_precision: Option<DatePrecision>,
    /// `Some(false)` when the year was not stated and was inferred (the article carries
    /// no publication date; the year comes from the terms of office of people it names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_known: Option<bool>,
    pub location: Option<Location>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    #[serde(default)]
    pub weapons: Vec<String>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub intercepted: Option<u32>,
    pub certainty: Certainty,
    pub claimed_by: Option<String>,
    /// Verbatim substring of the original input text.
    pub evidence: String,
    /// Offsets of `evidence` in Unicode code points into the original input text.
    #[serde(default)]
    pub evidence_start: usize,
    #[serde(default)]
    pub evidence_end: usize,
    /// Corpus-wide id of the real-world event after cross-source deduplication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Threat,
    Demand,
    Accusation,
    Offer,
    Refusal,
    Assessment,
    #[default]
    Other,
}

impl StatementKind {
    pub const ALL: [StatementKind; 7] = [
        StatementKind::Threat,
        StatementKind::Demand,
        StatementKind::Accusation,
        StatementKind::Offer,
        StatementKind::Refusal,
        StatementKind::Assessment,
        StatementKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Threat => "threat",
            StatementKind::Demand => "demand",
            StatementKind::Accusation => "accusation",
            StatementKind::Offer => "offer",
            StatementKind::Refusal => "refusal",
            StatementKind::Assessment => "assessment",
            StatementKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }
}

/// What a named person or body said.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Statement {
    pub speaker: String,
    pub date: Option<String>,
    #[serde(default)]
    pub date_precision: Option<DatePrecision>,
    /// As [`Event::year_known`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_known: Option<bool>,
    pub kind: StatementKind,
    pub target: Option<String>,
    pub evidence: String,
    #[serde(default)]
    pub evidence_start: usize,
    #[serde(default)]
    pub evidence_end: usize,
}

/// Canonical names named by the article, each once.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Entities {
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Flag {
    /// `date_conflict`, `foreign_language`, `misspelling`, `invalid_utf8`, `truncated`, ...
    pub kind: String,
    pub evidence: String,
}

/// A competing value for one field of an incident, with who reports or claims it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claim {
    /// `fatalities`, `injured` or `intercepted`.
    pub field: String,
    pub value: u32,
    /// The party claiming it (`claimed_by`), or the outlet reporting it.
    pub by: String,
    pub doc: String,
}

/// One source of an incident.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub doc: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub evidence: String,
    pub certainty: Certainty,
    pub claimed_by: Option<String>,
}

/// A deduplicated real-world event: every stored event belongs to one.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Incident {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub subtype: String,
    pub date: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub location: Option<Location>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub weapons: Vec<String>,
    /// Merged counts: the value most sources agree on (never averaged); all values are in `claims`.
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub intercepted: Option<u32>,
    pub certainty: Certainty,
    pub claimed_by: Option<String>,
    pub claims: Vec<Claim>,
    pub sources: Vec<Source>,
}
