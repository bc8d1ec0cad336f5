//! The compact in-memory view of every stored incident that the map, the list
//! and the timeline are drawn from.
//!
//! The page must stay interactive at 50,000 incidents under many clients, so
//! it never receives full [`Incident`]s in bulk: the server keeps one small
//! [`Point`] per incident and answers filters from the index, shipping compact
//! rows, per-day counts and summaries. Full incidents (all sources, evidence,
//! claims) come one at a time from the store.
//!
//! Filtering is by the definitions of [`sitrep_store::filter`] (the one query
//! language of the CLI and the API), evaluated cheaply: points are sorted by
//! date, so `since`/`until` select a contiguous slice by binary search; the
//! string fields are interned, so `type`, `subtype`, `actor` and `place` are
//! decided once per distinct value (a few hundred) rather than once per point
//! (50,000); `near` rejects by latitude before the great-circle distance; the
//! full-text hits become a mask through an id map. A property test checks the
//! result equals [`IncidentQuery::matches`] on the incidents themselves.
//! An index is immutable once built: the server shares it by `Arc` and swaps
//! in a new one when the store changes.

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_model::{ontology, Incident};
use sitrep_store::filter::{self, Filterable};
use sitrep_store::IncidentQuery;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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
}

impl Point {
    pub fn from_incident(inc: &Incident) -> Point {
        let loc = inc.location.as_ref();
        let type_ix = ontology::TYPES
            .iter()
            .position(|(t, _)| *t == inc.event_type)
            .unwrap_or(ontology::TYPES.len()) as u8;
        Point {
            id: inc.id.clone(),
            date: inc.day(),
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
        }
    }

    /// Place fields as the filters see them: name, admin-1, country code.
    fn place_fields(&self) -> [Option<&str>; 3] {
        [
            self.place.as_deref(),
            self.admin1.as_deref(),
            self.country.as_deref(),
        ]
    }
}

/// The filters' view of a point, straight from its fields (the reference the
/// fast path of [`Index::select`] is tested against).
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
            self.actor1.as_deref().map(|a| Cow::Owned(a.to_lowercase())),
            self.actor2.as_deref().map(|a| Cow::Owned(a.to_lowercase())),
        ]
    }
    fn place_lc(&self) -> [Option<Cow<'_, str>>; 3] {
        self.place_fields()
            .map(|v| v.map(|v| Cow::Owned(v.to_lowercase())))
    }
    fn coords(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }
}

/// No interned value.
const NONE: u32 = u32::MAX;

/// Distinct strings, each with its number.
#[derive(Debug, Default)]
struct Interner {
    values: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, v: Option<&str>) -> u32 {
        let Some(v) = v else { return NONE };
        if let Some(&i) = self.ids.get(v) {
            return i;
        }
        let i = self.values.len() as u32;
        self.values.push(v.to_string());
        self.ids.insert(v.to_string(), i);
        i
    }
    /// Which values satisfy `f`, by number.
    fn mask(&self, f: impl Fn(&str) -> bool) -> Vec<bool> {
        self.values.iter().map(|v| f(v)).collect()
    }
}

/// Every incident of the store as a [`Point`], newest first, with the
/// columns the filters scan.
#[derive(Debug, Default)]
pub struct Index {
    pub points: Vec<Point>,
    /// Most frequent actors and places (computed once per index).
    pub actors: Counts,
    pub places: Counts,
    /// Per point: interned event type, subtype, lower-cased actors and place
    /// fields ([`NONE`] when absent).
    type_id: Vec<u32>,
    sub_id: Vec<u32>,
    actor_id: Vec<[u32; 2]>,
    place_id: Vec<[u32; 3]>,
    types: Interner,
    subtypes: Interner,
    actors_lc: Interner,
    places_lc: Interner,
    /// Point number of each incident id.
    by_id: HashMap<String, u32>,
    /// Each located point's `/api/points` row, `rows[row_at[i]..row_at[i+1]]`
    /// (empty for a point without coordinates).
    rows: String,
    row_at: Vec<u32>,
    /// Dated points come first: `points[..dated]`.
    dated: usize,
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

/// The points one query selects, decided per point by [`Selection::has`].
pub struct Selection<'a> {
    idx: &'a Index,
    /// The date range's slice of the points (all of them without dates).
    lo: usize,
    hi: usize,
    all: bool,
    types: Option<Vec<bool>>,
    subtypes: Option<Vec<bool>>,
    actors: Option<Vec<bool>>,
    places: Option<Vec<bool>>,
    near: Option<(f64, f64, f64)>,
    /// Per point: among the full-text hits.
    text: Option<Vec<bool>>,
}

fn ok(mask: &Option<Vec<bool>>, id: u32) -> bool {
    match mask {
        None => true,
        Some(m) => id != NONE && m[id as usize],
    }
}

impl<'a> Selection<'a> {
    /// Does point `i` pass? (Only meaningful for `i` in the date slice.)
    #[inline]
    pub fn has(&self, i: usize) -> bool {
        if self.all {
            return true;
        }
        let x = self.idx;
        if !ok(&self.types, x.type_id[i]) || !ok(&self.subtypes, x.sub_id[i]) {
            return false;
        }
        if let Some(m) = &self.actors {
            if !x.actor_id[i].iter().any(|&a| a != NONE && m[a as usize]) {
                return false;
            }
        }
        if let Some(m) = &self.places {
            if !x.place_id[i].iter().any(|&a| a != NONE && m[a as usize]) {
                return false;
            }
        }
        if let Some((lat, lon, km)) = self.near {
            let p = &x.points[i];
            let (Some(a), Some(b)) = (p.lat, p.lon) else {
                return false;
            };
            // The great-circle distance is at least the latitude difference
            // along the meridian: points clearly farther skip the trigonometry.
            if (a - lat).abs().to_radians() * 6371.0088 > km * (1.0 + 1e-6) {
                return false;
            }
            if !filter::within(lat, lon, km, a, b) {
                return false;
            }
        }
        if let Some(t) = &self.text {
            if !t[i] {
                return false;
            }
        }
        true
    }

    /// The selected point numbers, in index order (newest first).
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (self.lo..self.hi).filter(move |&i| self.has(i))
    }

    /// How many points are selected.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        if self.all {
            return self.hi - self.lo;
        }
        self.iter().count()
    }

    /// The total and the points `offset..offset+limit` of the selection.
    pub fn page(&self, offset: usize, limit: usize) -> (usize, Vec<&'a Point>) {
        let mut total = 0;
        let mut out = Vec::with_capacity(limit.min(1024));
        for i in self.iter() {
            if total >= offset && out.len() < limit {
                out.push(&self.idx.points[i]);
            }
            total += 1;
        }
        (total, out)
    }
}

impl Index {
    pub fn new(incidents: &[Incident]) -> Index {
        let mut points: Vec<Point> = incidents.iter().map(Point::from_incident).collect();
        // Newest first; undated last; ties by id so the order is stable.
        points.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let mut idx = Index {
            dated: points.partition_point(|p| p.date.is_some()),
            ..Default::default()
        };
        let n = points.len();
        idx.type_id.reserve(n);
        idx.sub_id.reserve(n);
        idx.actor_id.reserve(n);
        idx.place_id.reserve(n);
        idx.row_at.reserve(n + 1);
        idx.row_at.push(0);
        let lc = |v: Option<&str>| v.map(str::to_lowercase);
        for (i, p) in points.iter().enumerate() {
            idx.type_id.push(idx.types.id(Some(&p.event_type)));
            idx.sub_id.push(idx.subtypes.id(Some(&p.subtype)));
            idx.actor_id.push([
                idx.actors_lc.id(lc(p.actor1.as_deref()).as_deref()),
                idx.actors_lc.id(lc(p.actor2.as_deref()).as_deref()),
            ]);
            idx.place_id
                .push(p.place_fields().map(|v| idx.places_lc.id(lc(v).as_deref())));
            idx.by_id.insert(p.id.clone(), i as u32);
            point_row(&mut idx.rows, p);
            idx.row_at.push(idx.rows.len() as u32);
        }
        idx.points = points;
        (idx.actors, idx.places) = idx.facets(FACETS);
        idx
    }

    /// The points matching `q` (every filter but paging). `text_ids`: the
    /// incidents the store's full-text index gives for `q.text`.
    /// `with_dates: false` ignores `since`/`until` (the timeline).
    pub fn select(
        &self,
        q: &IncidentQuery,
        text_ids: Option<&HashSet<String>>,
        with_dates: bool,
    ) -> Selection<'_> {
        let (mut lo, mut hi) = (0, self.points.len());
        if with_dates && (q.since.is_some() || q.until.is_some()) {
            // Newest first, undated last: each bound is a partition point.
            hi = self.dated;
            if let Some(s) = q.since {
                hi = self.points[..hi].partition_point(|p| p.date.is_some_and(|d| d >= s));
            }
            if let Some(u) = q.until {
                lo = self.points[..hi].partition_point(|p| p.date.is_some_and(|d| d > u));
            }
        }
        let text = text_ids.map(|ids| {
            let mut m = vec![false; self.points.len()];
            for id in ids {
                if let Some(&i) = self.by_id.get(id) {
                    m[i as usize] = true;
                }
            }
            m
        });
        let types = q
            .event_type
            .as_deref()
            .map(|t| self.types.mask(|v| filter::name_matches(t, v)));
        let subtypes = q
            .subtype
            .as_deref()
            .map(|t| self.subtypes.mask(|v| filter::name_matches(t, v)));
        let actors = q.actor.as_deref().map(|a| {
            let n = filter::needle(a);
            self.actors_lc.mask(|v| filter::holds(v, &n))
        });
        let places = q.place.as_deref().map(|a| {
            let n = filter::needle(a);
            self.places_lc.mask(|v| filter::holds(v, &n))
        });
        let all = types.is_none()
            && subtypes.is_none()
            && actors.is_none()
            && places.is_none()
            && q.near.is_none()
            && text.is_none();
        Selection {
            idx: self,
            lo,
            hi,
            all,
            types,
            subtypes,
            actors,
            places,
            near: q.near,
            text,
        }
    }

    /// The `/api/points` row of point `i` (empty without coordinates).
    pub fn row(&self, i: usize) -> &str {
        &self.rows[self.row_at[i] as usize..self.row_at[i + 1] as usize]
    }

    /// Incidents per day under every filter but the date range (the timeline
    /// shows the whole span so the brush can move over it), oldest day first.
    pub fn timeline(&self, q: &IncidentQuery, text_ids: Option<&HashSet<String>>) -> Vec<DayCount> {
        let sel = self.select(q, text_ids, false);
        // Dated points are first, newest first: the span is first..=last.
        let (Some(newest), Some(oldest)) = (
            self.points.first().and_then(|p| p.date),
            self.points[..self.dated].last().and_then(|p| p.date),
        ) else {
            return Vec::new();
        };
        let span = (newest - oldest).num_days() as usize + 1;
        let mut counts = vec![0u64; span];
        for i in sel.iter().take_while(|&i| i < self.dated) {
            if let Some(d) = self.points[i].date {
                counts[(d - oldest).num_days() as usize] += 1;
            }
        }
        counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(k, &count)| DayCount {
                day: (oldest + chrono::Duration::days(k as i64)).to_string(),
                count,
            })
            .collect()
    }

    /// Distinct actors and places with their incident counts, most frequent first
    /// (for the filter pickers).
    fn facets(&self, max: usize) -> (Counts, Counts) {
        let mut actors: HashMap<&str, u64> = Default::default();
        let mut places: HashMap<&str, u64> = Default::default();
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
        let top = |m: HashMap<&str, u64>| {
            let mut v: Vec<(String, u64)> =
                m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(max);
            v
        };
        (top(actors), top(places))
    }
}

/// A point's map row `[id,lat,lon,type_index,killed+injured,precision]`
/// (precision 0 city, 1 region, 2 country); nothing without coordinates.
/// Coordinates are rounded to 3 decimals (~100 m).
fn point_row(out: &mut String, p: &Point) {
    use std::fmt::Write as _;
    let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
        return;
    };
    let id = serde_json::to_string(&p.id).unwrap_or_else(|_| "\"\"".into());
    let cas = p.fatalities.unwrap_or(0) + p.injured.unwrap_or(0);
    let prec = match p.precision {
        Some("region") => 1,
        Some("country") => 2,
        _ => 0,
    };
    let _ = write!(out, "[{id},{lat:.3},{lon:.3},{},{cas},{prec}]", p.type_ix);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sitrep_model::{Location, PlacePrecision, Source};

    const ACTORS: &[&str] = &["Russia", "Ukraine", "Civilians (Ukraine)", "WAGNER Group", "Protesters (Ukraine)"];
    const PLACES: &[(&str, &str, &str, f64, f64)] = &[
        ("Kyiv", "Kyiv City", "UA", 50.45, 30.52),
        ("Kharkiv", "Kharkiv Oblast", "UA", 49.99, 36.23),
        ("Pokrovsk", "Donetsk Oblast", "UA", 48.28, 37.18),
        ("Belgorod", "Belgorod Oblast", "RU", 50.60, 36.59),
        ("Khan Younis", "Gaza Strip", "PS", 31.34, 34.30),
    ];

    /// Incidents drawn from small vocabularies so that filters hit and miss.
    fn incident(i: usize, seed: &[u8; 8]) -> Incident {
        let (t, subs) = ontology::TYPES[seed[0] as usize % ontology::TYPES.len()];
        let sub = subs[seed[1] as usize % subs.len()];
        let place = (seed[2] % 6 != 5).then(|| PLACES[seed[2] as usize % PLACES.len()]);
        let located = seed[3] % 7 != 0;
        let date = (seed[4] % 9 != 0).then(|| {
            (NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                + chrono::Duration::days(i64::from(seed[5] % 40)))
            .to_string()
        });
        Incident {
            id: format!("inc{i:04}"),
            event_type: if seed[6] % 17 == 0 { "Unknown kind".into() } else { t.into() },
            subtype: sub.into(),
            date,
            date_precision: None,
            location: place.map(|(n, a, c, lat, lon)| Location {
                name: n.into(),
                admin1: (seed[7] % 4 != 0).then(|| a.into()),
                country: Some(c.into()),
                lat: located.then_some(lat + f64::from(seed[5]) / 100.0),
                lon: located.then_some(lon - f64::from(seed[6]) / 100.0),
                precision: PlacePrecision::City,
                geonames_id: None,
            }),
            actor1: (seed[7] % 5 != 0).then(|| ACTORS[seed[7] as usize % ACTORS.len()].into()),
            actor2: (seed[0] % 3 == 0).then(|| ACTORS[seed[3] as usize % ACTORS.len()].into()),
            weapons: vec![],
            fatalities: (seed[1] % 2 == 0).then_some(u32::from(seed[2] % 5)),
            injured: None,
            intercepted: None,
            certainty: sitrep_model::Certainty::Reported,
            claimed_by: None,
            claims: vec![],
            sources: vec![Source {
                doc: format!("d{i}"),
                url: None,
                outlet: None,
                published: None,
                evidence: String::new(),
                certainty: sitrep_model::Certainty::Reported,
                claimed_by: None,
            }],
        }
    }

    fn query() -> impl Strategy<Value = (IncidentQuery, Option<Vec<usize>>)> {
        let day = |k: u8| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(i64::from(k));
        let types: Vec<String> = ontology::TYPES.iter().map(|(t, _)| t.to_uppercase()).collect();
        let subs: Vec<String> = ontology::TYPES
            .iter()
            .flat_map(|(_, s)| s.iter().map(|s| s.to_lowercase()))
            .collect();
        (
            proptest::option::of(0u8..45),
            proptest::option::of(0u8..45),
            proptest::option::of(proptest::sample::select(types)),
            proptest::option::of(proptest::sample::select(subs)),
            proptest::option::of(proptest::sample::select(vec![" wagner ", "UKRAINE", "(", "rus", "zzz", "civilians (ukraine)"])),
            proptest::option::of(proptest::sample::select(vec!["kyiv", " OBLAST", "ua", "ps", "k", "Gaza Strip", "nowhere"])),
            proptest::option::of((0usize..PLACES.len(), prop_oneof![Just(1.0), Just(30.0), Just(80.0), Just(500.0)])),
            proptest::option::of(proptest::collection::vec(0usize..120, 0..40)),
        )
            .prop_map(move |(s, u, t, st, a, p, near, text)| {
                let q = IncidentQuery {
                    since: s.map(day),
                    until: u.map(day),
                    event_type: t,
                    subtype: st,
                    actor: a.map(str::to_string),
                    place: p.map(str::to_string),
                    near: near.map(|(k, km)| (PLACES[k].3, PLACES[k].4, km)),
                    ..Default::default()
                };
                (q, text)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// The index's selection is exactly `IncidentQuery::matches` (and the
        /// text hits) over the stored incidents, in index order; with and
        /// without the date range.
        #[test]
        fn select_equals_the_filter_definition(
            seeds in proptest::collection::vec(any::<[u8; 8]>(), 0..120),
            (q, text) in query(),
        ) {
            let incidents: Vec<Incident> = seeds.iter().enumerate().map(|(i, s)| incident(i, s)).collect();
            let idx = Index::new(&incidents);
            let text_ids: Option<HashSet<String>> =
                text.map(|v| v.iter().map(|i| format!("inc{i:04}")).collect());
            for with_dates in [true, false] {
                let got: Vec<&str> = idx
                    .select(&q, text_ids.as_ref(), with_dates)
                    .iter()
                    .map(|i| idx.points[i].id.as_str())
                    .collect();
                let by_id: HashMap<&str, &Incident> = incidents.iter().map(|i| (i.id.as_str(), i)).collect();
                let hit = |p: &&Point| text_ids.as_ref().is_none_or(|t| t.contains(&p.id));
                // The definition, on the stored incidents.
                let want: Vec<&str> = idx
                    .points
                    .iter()
                    .filter(|p| q.matches(by_id[p.id.as_str()], with_dates) && hit(p))
                    .map(|p| p.id.as_str())
                    .collect();
                // The point keeps what the filters read: the definition on it agrees.
                let by_point: Vec<&str> = idx
                    .points
                    .iter()
                    .filter(|p| q.matches(*p, with_dates) && hit(p))
                    .map(|p| p.id.as_str())
                    .collect();
                prop_assert_eq!(&want, &by_point);
                prop_assert_eq!(&got, &want, "query {:?} with_dates {}", q, with_dates);
                let sel = idx.select(&q, text_ids.as_ref(), with_dates);
                prop_assert_eq!(sel.count(), want.len());
                let (total, page) = sel.page(3, 5);
                prop_assert_eq!(total, want.len());
                let paged: Vec<&str> = page.iter().map(|p| p.id.as_str()).collect();
                let want_page: Vec<&str> = want.iter().skip(3).take(5).copied().collect();
                prop_assert_eq!(paged, want_page);
            }
            // The timeline counts the dated points of the selection without dates.
            let mut by_day: std::collections::BTreeMap<String, u64> = Default::default();
            for p in &idx.points {
                if p.date.is_some() && q.matches(by_id_of(&incidents, &p.id), false)
                    && text_ids.as_ref().is_none_or(|t| t.contains(&p.id)) {
                    *by_day.entry(p.date.unwrap().to_string()).or_default() += 1;
                }
            }
            let want_tl: Vec<DayCount> = by_day.into_iter().map(|(day, count)| DayCount { day, count }).collect();
            prop_assert_eq!(idx.timeline(&q, text_ids.as_ref()), want_tl);
        }
    }

    fn by_id_of<'a>(incidents: &'a [Incident], id: &str) -> &'a Incident {
        incidents.iter().find(|i| i.id == id).unwrap()
    }

    #[test]
    fn rows_are_the_located_points() {
        let incidents: Vec<Incident> = (0..50u8)
            .map(|i| incident(i as usize, &[i, i / 2, i % 7, i % 7 + 1, i, i % 40, i, i % 5]))
            .collect();
        let idx = Index::new(&incidents);
        for (i, p) in idx.points.iter().enumerate() {
            let row = idx.row(i);
            if p.lat.is_some() && p.lon.is_some() {
                let v: serde_json::Value = serde_json::from_str(row).unwrap();
                assert_eq!(v[0], p.id.as_str());
                assert_eq!(v[3], u64::from(p.type_ix));
            } else {
                assert_eq!(row, "");
            }
        }
    }
}
