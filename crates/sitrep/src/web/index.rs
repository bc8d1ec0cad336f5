//! The compact in-memory view of every stored incident that the map, the list
//! and the timeline are drawn from.
//!
//! The page must stay interactive at 50,000 incidents, so it never receives
//! full [`Incident`]s in bulk: the server keeps one small [`Point`] per
//! incident, filters them in memory (a linear scan over 50k points takes a few
//! milliseconds), and ships compact rows, per-day counts and summaries. Full
//! incidents (all sources, evidence, claims) come one at a time from the store.

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_model::{ontology, Incident};
use sitrep_store::filter::Filterable;
use sitrep_store::IncidentQuery;
use std::borrow::Cow;
use std::collections::HashSet;

/// One incident, reduced to what filtering, the map and the list need.
#[derive(Debug, Clone)]
pub struct Point {
    pub id: String,
    pub date: Option<NaiveDate>,
    /// Index into [`ontology::TYPES`], or `TYPES.len()` for an unknown type.
    pub type_ix: u8,
    pub event_type: String,
    pub subtype: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Place name, admin-1 and country code, as stored.
    pub place: Option<String>,
    /// How precisely the place is known: `city`, `region` or `country`.
    pub precision: Option<&'static str>,
    pub admin1: Option<String>,
    pub country: Option<String>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub sources: u32,
    /// Lower-cased actors and place fields, for the filters
    /// ([`sitrep_store::filter`], the same definition as `sitrep events`).
    actors_lc: [Option<String>; 2],
    place_lc: [Option<String>; 3],
}

impl Point {
    pub fn from_incident(inc: &Incident) -> Point {
        let loc = inc.location.as_ref();
        let type_ix = ontology::TYPES
            .iter()
            .position(|(t, _)| *t == inc.event_type)
            .unwrap_or(ontology::TYPES.len()) as u8;
        let lc = |s: Option<&str>| s.map(str::to_lowercase);
        Point {
            id: inc.id.clone(),
            date: inc
                .date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            type_ix,
            event_type: inc.event_type.clone(),
            subtype: inc.subtype.clone(),
            lat: loc.and_then(|l| l.lat).filter(|v| v.is_finite()),
            lon: loc.and_then(|l| l.lon).filter(|v| v.is_finite()),
            place: loc.map(|l| l.name.clone()),
            precision: loc.map(|l| sitrep_store::export::precision_word(l.precision)),
            admin1: loc.and_then(|l| l.admin1.clone()),
            country: loc.and_then(|l| l.country.clone()),
            actor1: inc.actor1.clone(),
            actor2: inc.actor2.clone(),
            fatalities: inc.fatalities,
            injured: inc.injured,
            sources: inc.sources.len() as u32,
            actors_lc: [lc(inc.actor1.as_deref()), lc(inc.actor2.as_deref())],
            place_lc: [
                lc(loc.map(|l| l.name.as_str())),
                lc(loc.and_then(|l| l.admin1.as_deref())),
                lc(loc.and_then(|l| l.country.as_deref())),
            ],
        }
    }
}

impl Filterable for Point {
    fn day(&self) -> Option<NaiveDate> {
        self.date
    }
    fn event_type(&self) -> &str {
        &self.event_type
    }
    fn subtype(&self) -> &str {
        &self.subtype
    }
    fn actors_lc(&self) -> [Option<Cow<'_, str>>; 2] {
        [
            self.actors_lc[0].as_deref().map(Cow::Borrowed),
            self.actors_lc[1].as_deref().map(Cow::Borrowed),
        ]
    }
    fn place_lc(&self) -> [Option<Cow<'_, str>>; 3] {
        [
            self.place_lc[0].as_deref().map(Cow::Borrowed),
            self.place_lc[1].as_deref().map(Cow::Borrowed),
            self.place_lc[2].as_deref().map(Cow::Borrowed),
        ]
    }
    fn coords(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }
}


/// Every incident of the store as a [`Point`], newest first.
#[derive(Debug, Default)]
pub struct Index {
    pub points: Vec<Point>,
    /// Most frequent actors and places (computed once per index).
    pub actors: Counts,
    pub places: Counts,
    /// The `/api/points` answer without filters, rendered on first use.
    pub all_points_json: std::sync::OnceLock<String>,
}

/// Names with their incident counts, most frequent first.
pub type Counts = Vec<(String, u64)>;

/// How many actors and places the facets keep.
const FACETS: usize = 300;

/// A timeline bucket: one day and how many incidents it holds.
#[derive(Debug, Serialize, PartialEq)]
pub struct DayCount {
    pub day: String,
    pub count: u64,
}

impl Index {
    pub fn new(incidents: &[Incident]) -> Index {
        let mut points: Vec<Point> = incidents.iter().map(Point::from_incident).collect();
        // Newest first; undated last; ties by id so the order is stable.
        points.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let mut idx = Index {
            points,
            ..Default::default()
        };
        (idx.actors, idx.places) = idx.facets(FACETS);
        idx
    }

    /// The points matching `q`, in index order (newest first). `text_ids`:
    /// the incidents the store's full-text index gives for `q.text`.
    pub fn filter<'a>(&'a self, q: &IncidentQuery, text_ids: Option<&HashSet<String>>) -> Vec<&'a Point> {
        self.points
            .iter()
            .filter(|p| q.matches(*p, true) && text_ids.is_none_or(|ids| ids.contains(&p.id)))
            .collect()
    }

    /// Incidents per day under every filter but the date range (the timeline
    /// shows the whole span so the brush can move over it), oldest day first.
    pub fn timeline(&self, q: &IncidentQuery, text_ids: Option<&HashSet<String>>) -> Vec<DayCount> {
        let mut days: std::collections::BTreeMap<NaiveDate, u64> = Default::default();
        for p in &self.points {
            if let Some(d) = p.date {
                if q.matches(p, false) && text_ids.is_none_or(|ids| ids.contains(&p.id)) {
                    *days.entry(d).or_default() += 1;
                }
            }
        }
        days.into_iter()
            .map(|(d, count)| DayCount {
                day: d.to_string(),
                count,
            })
            .collect()
    }

    /// Distinct actors and places with their incident counts, most frequent first
    /// (for the filter pickers).
    fn facets(&self, max: usize) -> (Counts, Counts) {
        let mut actors: std::collections::HashMap<&str, u64> = Default::default();
        let mut places: std::collections::HashMap<&str, u64> = Default::default();
        for p in &self.points {
            for a in [p.actor1.as_deref(), p.actor2.as_deref()]
                .into_iter()
                .flatten()
            {
                *actors.entry(a).or_default() += 1;
            }
            for a in [p.place.as_deref(), p.admin1.as_deref()]
                .into_iter()
                .flatten()
            {
                *places.entry(a).or_default() += 1;
            }
        }
        let top = |m: std::collections::HashMap<&str, u64>| {
            let mut v: Vec<(String, u64)> =
                m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(max);
            v
        };
        (top(actors), top(places))
    }
}
