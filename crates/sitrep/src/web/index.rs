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
    pub admin1: Option<String>,
    pub country: Option<String>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub sources: u32,
    /// Lower-cased actors, place names, subtype and every source's evidence: what
    /// the `text`, `actor` and `place` filters search.
    actors_lc: String,
    place_lc: String,
    text_lc: String,
}

impl Point {
    pub fn from_incident(inc: &Incident) -> Point {
        let loc = inc.location.as_ref();
        let type_ix = ontology::TYPES
            .iter()
            .position(|(t, _)| *t == inc.event_type)
            .unwrap_or(ontology::TYPES.len()) as u8;
        let actors_lc = [
            inc.actor1.as_deref(),
            inc.actor2.as_deref(),
            inc.claimed_by.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
        let place_lc = loc
            .map(|l| {
                [
                    Some(l.name.as_str()),
                    l.admin1.as_deref(),
                    l.country.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n")
                .to_lowercase()
            })
            .unwrap_or_default();
        let mut text_lc = format!(
            "{}\n{}\n{}\n{}",
            inc.event_type, inc.subtype, actors_lc, place_lc
        )
        .to_lowercase();
        for s in &inc.sources {
            text_lc.push('\n');
            text_lc.push_str(&s.evidence.to_lowercase());
            if let Some(o) = &s.outlet {
                text_lc.push('\n');
                text_lc.push_str(&o.to_lowercase());
            }
        }
        for w in &inc.weapons {
            text_lc.push('\n');
            text_lc.push_str(&w.to_lowercase());
        }
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
            admin1: loc.and_then(|l| l.admin1.clone()),
            country: loc.and_then(|l| l.country.clone()),
            actor1: inc.actor1.clone(),
            actor2: inc.actor2.clone(),
            fatalities: inc.fatalities,
            injured: inc.injured,
            sources: inc.sources.len() as u32,
            actors_lc,
            place_lc,
            text_lc,
        }
    }
}

/// The page's filters. Every field is optional; all given ones must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub event_type: Option<String>,
    pub subtype: Option<String>,
    /// Case-insensitive substring of actor1, actor2 or the claiming party.
    pub actor: Option<String>,
    /// Case-insensitive substring of the place name, its admin-1 or country code.
    pub place: Option<String>,
    /// Every whitespace-separated word must occur (case-insensitive) in the
    /// incident's evidence, actors, place or type.
    pub text: Option<String>,
    /// `(lat, lon, radius_km)`: incidents with coordinates within the radius.
    pub near: Option<(f64, f64, f64)>,
}

impl Filter {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        let n = self.normalized();
        n.since.is_none()
            && n.until.is_none()
            && n.event_type.is_none()
            && n.subtype.is_none()
            && n.actor.is_none()
            && n.place.is_none()
            && n.text.is_none()
            && n.near.is_none()
    }

    /// The filter with its strings lower-cased and blanks dropped, ready to match.
    fn normalized(&self) -> Filter {
        let norm = |s: &Option<String>| {
            s.as_ref()
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
        };
        Filter {
            since: self.since,
            until: self.until,
            event_type: self.event_type.clone().filter(|v| !v.is_empty()),
            subtype: self.subtype.clone().filter(|v| !v.is_empty()),
            actor: norm(&self.actor),
            place: norm(&self.place),
            text: norm(&self.text),
            near: self.near,
        }
    }

    fn matches(&self, p: &Point, words: &[&str], with_dates: bool) -> bool {
        if with_dates && (self.since.is_some() || self.until.is_some()) {
            match p.date {
                None => return false,
                Some(d) => {
                    if self.since.is_some_and(|s| d < s) || self.until.is_some_and(|u| d > u) {
                        return false;
                    }
                }
            }
        }
        if self.event_type.as_ref().is_some_and(|t| *t != p.event_type) {
            return false;
        }
        if self.subtype.as_ref().is_some_and(|t| *t != p.subtype) {
            return false;
        }
        if self
            .actor
            .as_ref()
            .is_some_and(|a| !p.actors_lc.contains(a.as_str()))
        {
            return false;
        }
        if self
            .place
            .as_ref()
            .is_some_and(|a| !p.place_lc.contains(a.as_str()))
        {
            return false;
        }
        if let Some((lat, lon, km)) = self.near {
            match (p.lat, p.lon) {
                (Some(a), Some(b)) if haversine_km(lat, lon, a, b) <= km => {}
                _ => return false,
            }
        }
        words.iter().all(|w| p.text_lc.contains(w))
    }
}

pub use sitrep_model::matching::haversine_km;

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

    /// The points matching `f`, in index order (newest first).
    pub fn filter<'a>(&'a self, f: &Filter) -> Vec<&'a Point> {
        let f = f.normalized();
        let text = f.text.clone().unwrap_or_default();
        let words: Vec<&str> = text.split_whitespace().collect();
        self.points
            .iter()
            .filter(|p| f.matches(p, &words, true))
            .collect()
    }

    /// Incidents per day under every filter but the date range (the timeline
    /// shows the whole span so the brush can move over it), oldest day first.
    pub fn timeline(&self, f: &Filter) -> Vec<DayCount> {
        let f = f.normalized();
        let text = f.text.clone().unwrap_or_default();
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut days: std::collections::BTreeMap<NaiveDate, u64> = Default::default();
        for p in &self.points {
            if let Some(d) = p.date {
                if f.matches(p, &words, false) {
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
