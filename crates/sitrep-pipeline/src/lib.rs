//! # sitrep-pipeline
//!
//! The per-article stages that turn one [`Document`] into one
//! [`sitrep_model::Record`], and the batch-level clustering that gives events
//! reporting the same real-world event one `cluster_id`.
//!
//! Every stage is a pure function of (document, reference data); the reference
//! date is an input, never the clock.
//!
//! ```
//! use sitrep_pipeline::{Document, Pipeline};
//! let p = Pipeline::new();
//! let rec = p.extract(&Document::text("a.txt", " date 2024-11-07 Russian drones struck Kyiv overnight."), None);
//! assert_eq!(rec.published.as_deref(), Some("2024-11-07"));
//! ```

pub mod source;

pub use source::{Document, Format, InputError};

use chrono::NaiveDate;
use sitrep_model::Record;

/// The extraction pipeline with its reference data loaded.
#[derive(Default)]
pub struct Pipeline {}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline {}
    }

    /// Extract one record. `default_published` is used when the document carries no date.
    pub fn extract(&self, doc: &Document, default_published: Option<NaiveDate>) -> Record {
        let _ = default_published;
        Record { doc: doc.doc.clone(), body: doc.raw.clone(), ..Default::default() }
    }
}
