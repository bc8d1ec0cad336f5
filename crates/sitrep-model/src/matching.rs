//! The notion of "same real-world event" shared by the store (incidents across
//! everything stored) and the pipeline (in-batch clustering).
//!
//! Two events are the same incident when **all** of these hold:
//!
//! 1. **Not from the same article.** An article reports one event per place and
//!    day (`spec/ontology.md`), so two events of one article are two events.
//! 2. **Same family** ([`crate::ontology::family`]), and an interception
//!    report (`Disrupted weapons use`) only matches another interception report:
//!    the ontology codes a strike that hit something separately from drones shot
//!    down with no impact, so "a strike and its interception report" are two events.
//! 3. **Both dated, date windows overlapping**: a day is itself; a coarse date
//!    `d` with slack `s` ([`DatePrecision::slack_days`]: 3 for a week, 15 for a
//!    month, 182 for a year) covers `d - s ..= d + 2s` ([`IncidentKey::interval`]).
//!    The windows may be one day apart when either report says the event
//!    happened at night (`overnight`, `night`, `early hours`, `before dawn`,
//!    ...) and neither says daytime (`afternoon`, `midday`): outlets date a
//!    night attack by its evening or by its morning.
//!    **A coarse date whose year was guessed** (`year_known: false` and a
//!    week, month or year precision: a weekday or "last week" counted from a
//!    reference the article never states) is no date at all
//!    ([`IncidentKey::day`] is `None`).
//!    **An undated report** matches a dated one only when it says the same thing
//!    at a city: same subtype (a side taking a place however it is coded), both places at city precision, the acting side
//!    (`actor1`) named on both sides and equal. Two undated reports never merge,
//!    and clustering lets an undated report join an incident only when every
//!    report it matches is in that one incident ([`undated_choice`]): a place
//!    seized once by one side is one incident, a city shelled every week is
//!    many, and the report cannot say which.
//! 4. **Same place**: with coordinates on both sides and the same place precision,
//!    within [`CITY_KM`] (city; [`TOWN_KM`] when the names differ after folding:
//!    two towns a few km apart are two places) / [`REGION_KM`] (region) / same
//!    country (country);
//!    otherwise the place names are equal after transliteration folding
//!    ([`place_skeleton`]: `Kharkov` = `Kharkiv`, `Odessa` = `Odesa`). A place
//!    without name or coordinates never merges.
//!    **A city inside the region the other report names** is the same place
//!    when it is unambiguous on both sides ([`IncidentKey::contained`], set by
//!    [`IncidentKey::for_record`]): the region report's article names no city
//!    of that region for the family and dates (else the region line is its
//!    summary, and the city is the better match), and the city report's article
//!    names no other place of that region (else the region report could be
//!    any of them). The city's first-level division is the region, same
//!    country, at most [`CONTAIN_KM`] from the region's point (both with
//!    coordinates). A country stays
//!    apart from its regions and cities (a national tally is its own event).
//! 5. **Compatible actors**: for `actor1` and `actor2` each, equal
//!    (case-insensitive) or unknown on one side. Ground fighting and agreements
//!    have no direction (each side reports itself first), so for the `ground`
//!    family and for `Agreement` the swapped pair is also accepted.
//!
//! Counts (fatalities, injured, intercepted) are deliberately not compared:
//! outlets disagree on them for the same event; the store keeps every value.

use crate::{ontology, DatePrecision, Event, PlacePrecision, Record};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Maximum distance between two city-precision places of one incident.
pub const CITY_KM: f64 = 10.0;
/// Two differently named city-precision places farther apart than this are two
/// towns (Rafah and Khan Younis, 8 km): one town's name variants resolve to one
/// gazetteer point, so only the same name gets the whole [`CITY_KM`].
pub const TOWN_KM: f64 = 2.0;
/// Maximum distance between two region-precision places (centroids) of one incident.
pub const REGION_KM: f64 = 40.0;
/// Maximum distance between a city and the point of a region that contains it
/// (the candidate search radius around a region's point).
pub const CONTAIN_KM: f64 = 300.0;
/// Grid cell size in degrees for candidate lookup.
pub const CELL_DEG: f64 = 0.5;

/// What [`same_incident`] looks at: the matching view of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentKey {
    /// [`ontology::family`] of the event's type and subtype.
    pub family: String,
    pub subtype: String,
    /// Days since 0001-01-01 (chrono's `num_days_from_ce`), `None` when undated.
    pub day: Option<i64>,
    /// Half-width of the date window in days.
    pub slack: i64,
    /// The report places the event at night (dates may differ by one day).
    pub overnight: bool,
    /// The report places the event in the daytime (`afternoon`, `midday`): no night tolerance.
    #[serde(default)]
    pub daytime: bool,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// [`place_skeleton`] of the place name.
    pub place: Option<String>,
    pub country: Option<String>,
    pub precision: Option<PlacePrecision>,
    /// False when the year of `day` was inferred, not stated (`Event::year_known`).
    #[serde(default = "yes")]
    pub year_known: bool,
    /// Lower-cased first-level division of the place (`Location::admin1`).
    #[serde(default)]
    pub admin1: Option<String>,
    /// The place may match the region containing it, or a city inside it
    /// (a region: the region itself; see [`IncidentKey::for_record`]).
    #[serde(default)]
    pub contained: bool,
    /// Lower-cased actors.
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    /// The article the event comes from.
    pub doc: Option<String>,
}

/// Words that place an event at night, so that its date may be the evening's or the morning's.
const NIGHT_WORDS: &[&str] = &[
    "overnight",
    "night",
    "nighttime",
    "night-time",
    "early hours",
    "before dawn",
    "at dawn",
    "predawn",
    "pre-dawn",
];
/// Words that place an event in the daytime.
const DAY_WORDS: &[&str] = &[
    "afternoon",
    "midday",
    "noon",
    "daytime",
    "in broad daylight",
];

impl IncidentKey {
    /// The key of an event reported by article `doc`.
    pub fn from_event(ev: &Event, doc: Option<&str>) -> Self {
        let precision = ev.date_precision.unwrap_or(DatePrecision::Day);
        let year_known = ev.year_known != Some(false);
        // A coarse date counted from a guessed reference (no stated year, no
        // stated day and month) says nothing about the day: no date.
        let day = ev
            .date
            .as_deref()
            .and_then(parse_day)
            .filter(|_| year_known || precision == DatePrecision::Day);
        let slack = precision.slack_days();
        let ev_lower = ev.evidence.to_lowercase();
        let overnight = NIGHT_WORDS.iter().any(|w| contains_word(&ev_lower, w));
        let daytime = !overnight && DAY_WORDS.iter().any(|w| contains_word(&ev_lower, w));
        let loc = ev.location.as_ref();
        let norm = |s: &Option<String>| {
            s.as_ref()
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty())
        };
        IncidentKey {
            family: ontology::family(&ev.event_type, &ev.subtype).to_string(),
            subtype: ev.subtype.clone(),
            day,
            slack,
            overnight,
            daytime,
            year_known,
            lat: loc.and_then(|l| l.lat),
            lon: loc.and_then(|l| l.lon),
            place: loc
                .map(|l| place_skeleton(&l.name))
                .filter(|s| !s.is_empty()),
            country: loc.and_then(|l| l.country.as_ref().map(|c| c.to_ascii_uppercase())),
            precision: loc.map(|l| l.precision),
            admin1: loc.and_then(|l| norm(&l.admin1)),
            contained: false,
            actor1: norm(&ev.actor1),
            actor2: norm(&ev.actor2),
            doc: doc.map(str::to_string),
        }
    }

    /// The keys of a record's events, with [`IncidentKey::contained`] set: a
    /// region event (a place named as its own first-level division) when no
    /// city event of the record of its family, with overlapping dates, lies in
    /// it; a city event when no other event of the record of its family, with
    /// overlapping dates, lies in its first-level division.
    pub fn for_record(rec: &Record) -> Vec<IncidentKey> {
        let mut keys: Vec<IncidentKey> = rec
            .events
            .iter()
            .map(|e| IncidentKey::from_event(e, Some(&rec.doc)))
            .collect();
        let flags: Vec<bool> = (0..keys.len())
            .map(|i| {
                let k = &keys[i];
                let (Some(a1), Some((lo, hi))) = (&k.admin1, k.interval()) else {
                    return false;
                };
                let near = |o: &IncidentKey| {
                    o.family == k.family
                        && o.admin1.as_ref() == Some(a1)
                        && o.interval().is_none_or(|(l, h)| l <= hi + 1 && lo <= h + 1)
                };
                match k.precision {
                    Some(PlacePrecision::Region) => {
                        k.is_region_itself()
                            && !keys
                                .iter()
                                .any(|o| near(o) && o.precision == Some(PlacePrecision::City))
                    }
                    Some(PlacePrecision::City) => !keys.iter().enumerate().any(|(j, o)| {
                        j != i && near(o) && (o.place != k.place || o.precision != k.precision)
                    }),
                    _ => false,
                }
            })
            .collect();
        for (k, f) in keys.iter_mut().zip(flags) {
            k.contained = f;
        }
        keys
    }

    /// A region-precision place that names its own first-level division (not
    /// a village kept at its region's point).
    fn is_region_itself(&self) -> bool {
        self.precision == Some(PlacePrecision::Region)
            && self
                .admin1
                .as_deref()
                .is_some_and(|a| Some(place_skeleton(a)) == self.place)
    }

    /// True when the key has a date to compare ([`IncidentKey::day`]).
    pub fn dated(&self) -> bool {
        self.day.is_some()
    }

    /// True when the key has coordinates.
    pub fn has_coords(&self) -> bool {
        self.lat.is_some() && self.lon.is_some()
    }

    /// The days the event may have happened on, `(first, last)` in days since CE.
    /// A day-precision date is itself; a coarse date `d` with slack `s` covers
    /// `d - s ..= d + 2s`, which holds both conventions in use: the date as the
    /// first day of the week/month/year, and the date as the reference day.
    pub fn interval(&self) -> Option<(i64, i64)> {
        self.day.map(|d| {
            if self.slack == 0 {
                (d, d)
            } else {
                (d - self.slack, d + 2 * self.slack)
            }
        })
    }
}

/// Are `a` and `b` reports of the same real-world event? See the module documentation.
///
/// ```
/// use sitrep_model::Event;
/// use sitrep_model::matching::{same_incident, IncidentKey};
/// let ev = |date: &str, place: &str, lat: f64, evidence: &str| -> Event {
///     serde_json::from_value(serde_json::json!({
///         "type": "Explosions/Remote violence", "subtype": "Air/drone strike",
///         "date": date, "date_precision": "day",
///         "location": {"name": place, "admin1": null, "country": "UA", "lat": lat, "lon": 36.23, "precision": "city"},
///         "actor1": "Russia", "actor2": null, "fatalities": 3, "injured": null, "intercepted": null,
///         "certainty": "reported", "claimed_by": null, "evidence": evidence
///     })).unwrap()
/// };
/// let a = IncidentKey::from_event(&ev("2024-05-10", "Kharkiv", 49.99, "Drones struck Kharkiv overnight"), Some("a"));
/// let b = IncidentKey::from_event(&ev("2024-05-11", "Kharkov", 49.99, "A drone attack hit Kharkov"), Some("b"));
/// let c = IncidentKey::from_event(&ev("2024-05-12", "Kharkiv", 49.99, "A drone attack hit Kharkiv"), Some("c"));
/// assert!(same_incident(&a, &b)); // overnight: dated a day apart by two outlets
/// assert!(!same_incident(&b, &c)); // consecutive days, daytime reports
/// ```
pub fn same_incident(a: &IncidentKey, b: &IncidentKey) -> bool {
    if let (Some(da), Some(db)) = (&a.doc, &b.doc) {
        if da == db {
            return false;
        }
    }
    if a.family != b.family {
        return false;
    }
    const INTERCEPTION: &str = "Disrupted weapons use";
    if (a.subtype == INTERCEPTION) != (b.subtype == INTERCEPTION) {
        return false;
    }
    let tol = i64::from((a.overnight || b.overnight) && !(a.daytime || b.daytime));
    let undated = match (a.interval(), b.interval()) {
        (Some(ia), Some(ib)) => {
            if !overlap(ia, ib, tol) {
                return false;
            }
            false
        }
        (None, None) => return false,
        _ => true,
    };
    if undated
        && !(undated_kind(&a.subtype) == undated_kind(&b.subtype)
            && a.precision == Some(PlacePrecision::City)
            && b.precision == Some(PlacePrecision::City)
            && a.actor1.is_some()
            && a.actor1 == b.actor1)
    {
        return false;
    }
    if !same_place(a, b) {
        return false;
    }
    let eq = |x: &Option<String>, y: &Option<String>| x.is_none() || y.is_none() || x == y;
    let direct = eq(&a.actor1, &b.actor1) && eq(&a.actor2, &b.actor2);
    let symmetric = a.family == "ground" || (a.subtype == "Agreement" && b.subtype == "Agreement");
    let swapped = symmetric && eq(&a.actor1, &b.actor2) && eq(&a.actor2, &b.actor1);
    direct || swapped
}

/// What an undated report must share with a dated one: its subtype, the ways of
/// coding a side taking a place counting as one (outlets differ on whether it
/// was fought for).
fn undated_kind(subtype: &str) -> &str {
    match subtype {
        "Non-violent transfer of territory"
        | "Non-state actor overtakes territory"
        | "Government regains territory" => "territory",
        s => s,
    }
}

fn overlap((a0, a1): (i64, i64), (b0, b1): (i64, i64), tol: i64) -> bool {
    a0 <= b1 + tol && b0 <= a1 + tol
}

/// Which incident an **undated** event joins, given the incidents near it
/// (`candidates`: each one's members): when the reports it is
/// [`same_incident`] with all belong to one incident, and it matches every
/// dated member of that one, that one; else none. An undated report cannot
/// choose between two incidents at its place, and other undated members are
/// not compared (each undated report is decided against the dated ones only,
/// so the decisions do not depend on one another).
pub fn undated_choice(key: &IncidentKey, candidates: &[&[IncidentKey]]) -> Option<usize> {
    debug_assert!(!key.dated());
    let mut near = candidates
        .iter()
        .enumerate()
        .filter(|(_, m)| m.iter().any(|k| k.dated() && same_incident(key, k)))
        .map(|(i, _)| i);
    let only = near.next()?;
    if near.next().is_some() {
        return None;
    }
    let dated: Vec<IncidentKey> = candidates[only]
        .iter()
        .filter(|k| k.dated())
        .cloned()
        .collect();
    joins(key, &dated).then_some(only)
}

/// Can the event `key` join the incident whose linked events have `members` keys?
///
/// Complete link: `key` must be [`same_incident`] with **every** member, so an
/// incident cannot drift day by day through a chain of reports. Whether the
/// incident happened at night is a property of the incident: if any report
/// (the new one or a member) says so, the one-day night tolerance applies to
/// every comparison.
pub fn joins(key: &IncidentKey, members: &[IncidentKey]) -> bool {
    if members.is_empty() {
        return false;
    }
    let mut k = key.clone();
    k.overnight = key.overnight || members.iter().any(|m| m.overnight);
    members.iter().all(|m| same_incident(&k, m))
}

/// Can several incidents (their members' keys) and the event `key` that matches
/// each of them be one incident? True when every pair of events from different
/// groups is [`same_incident`] (with the night tolerance of the union).
pub fn can_merge(key: &IncidentKey, groups: &[Vec<IncidentKey>]) -> bool {
    let night = key.overnight || groups.iter().flatten().any(|m| m.overnight);
    for (i, g) in groups.iter().enumerate() {
        for h in &groups[i + 1..] {
            for a in g {
                let mut a = a.clone();
                a.overnight |= night;
                if !h.iter().all(|b| same_incident(&a, b)) {
                    return false;
                }
            }
        }
    }
    groups.iter().all(|g| joins(key, g))
}

fn same_place(a: &IncidentKey, b: &IncidentKey) -> bool {
    if a.precision.is_some() && b.precision.is_some() && a.precision != b.precision {
        return contains(a, b) || contains(b, a);
    }
    if a.has_coords() && b.has_coords() && a.precision == b.precision {
        let d = haversine_km(
            a.lat.unwrap(),
            a.lon.unwrap(),
            b.lat.unwrap(),
            b.lon.unwrap(),
        );
        return match a.precision {
            Some(PlacePrecision::City) | None => {
                d <= CITY_KM && (d <= TOWN_KM || a.place == b.place)
            }
            Some(PlacePrecision::Region) => d <= REGION_KM,
            Some(PlacePrecision::Country) => a.country.is_some() && a.country == b.country,
        };
    }
    // Without comparable coordinates: same name after folding, same precision where both know it.
    let prec_ok = a.precision.is_none() || b.precision.is_none() || a.precision == b.precision;
    prec_ok && a.place.is_some() && a.place == b.place
}

/// Is the city of `c` inside the region `r` (both unambiguous in their articles)?
fn contains(r: &IncidentKey, c: &IncidentKey) -> bool {
    r.contained
        && c.contained
        && r.precision == Some(PlacePrecision::Region)
        && c.precision == Some(PlacePrecision::City)
        && r.country.is_some()
        && r.country == c.country
        && c.admin1.is_some()
        && c.admin1 == r.admin1
        && match (r.lat, r.lon, c.lat, c.lon) {
            (Some(a), Some(b), Some(x), Some(y)) => haversine_km(a, b, x, y) <= CONTAIN_KM,
            _ => false,
        }
}

/// How close two keys are: (day difference, distance in metres). Smaller is
/// closer; unknown parts count as far.
pub fn closeness(a: &IncidentKey, b: &IncidentKey) -> (i64, u64) {
    let dd = match (a.day, b.day) {
        (Some(x), Some(y)) => (x - y).abs(),
        _ => i64::MAX / 2,
    };
    let dist = match (a.lat, a.lon, b.lat, b.lon) {
        (Some(a1), Some(o1), Some(a2), Some(o2)) => (haversine_km(a1, o1, a2, o2) * 1000.0) as u64,
        _ => u64::MAX / 2,
    };
    (dd, dist)
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

/// `YYYY-MM-DD` (or a longer timestamp starting with it) to days since CE.
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| d.num_days_from_ce() as i64)
}

/// Days since CE back to a date.
pub fn day_to_date(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

fn contains_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Fold a place name so that common transliterations of one name compare equal:
/// lower case, Latin diacritics and apostrophes dropped, Ukrainian/Russian
/// transliteration variants merged (`kh`/`h`, `ts`/`tz`/`c`, `zh`/`j`, `w`/`v`,
/// `g`/`h`), vowels dropped after a word's first letter, doubled letters
/// collapsed, and generic words (`city`, `oblast`, `region`, `province`)
/// removed. A fallback for places without coordinates: it may fold two
/// different names together, so coordinates are compared first.
///
/// ```
/// use sitrep_model::matching::place_skeleton;
/// assert_eq!(place_skeleton("Kharkov"), place_skeleton("Kharkiv"));
/// assert_eq!(place_skeleton("Odessa"), place_skeleton("Odesa"));
/// assert_eq!(place_skeleton("Zaporizhzhia"), place_skeleton("Zaporozhye"));
/// assert_ne!(place_skeleton("Kyiv"), place_skeleton("Kharkiv"));
/// ```
pub fn place_skeleton(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ё' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ї' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ń' | 'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() || c == ' ' || c == '-' {
            s.push(if c == '-' { ' ' } else { c });
        }
    }
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "city" | "oblast" | "region" | "province" | "the" | "of" | "raion" | "district"
            )
        })
        .collect();
    let mut s = words.join(" ");
    // Multi-letter variants first, then single letters.
    for (from, to) in [
        ("shch", "s"),
        ("sch", "s"),
        ("zhzh", "j"),
        ("zh", "j"),
        ("kh", "h"),
        ("ch", "c"),
        ("sh", "s"),
        ("ts", "c"),
        ("tz", "c"),
        ("w", "v"),
        ("g", "h"),
    ] {
        s = s.replace(from, to);
    }
    // Vowels are where transliterations differ most: keep only the first letter
    // of each word when it is a vowel, then consonants.
    let s: String = s
        .split(' ')
        .map(|w| {
            w.char_indices()
                .filter(|&(i, c)| i == 0 || !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
                .map(|(_, c)| c)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    // Collapse doubled letters (Odessa/Odesa).
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn yes() -> bool {
    true
}

/// Grid cell of a coordinate for candidate lookup.
pub fn cell_of(lat: f64, lon: f64) -> i64 {
    let row = ((lat + 90.0) / CELL_DEG).floor() as i64;
    let col = ((lon + 180.0) / CELL_DEG).floor() as i64;
    row * 1000 + col
}

/// The grid cells covering a circle, or `None` when it would take more than `max` cells.
pub fn cells_covering(lat: f64, lon: f64, radius_km: f64, max: usize) -> Option<Vec<i64>> {
    let dlat = radius_km / 111.0;
    let coslat = lat.to_radians().cos().abs().max(0.01);
    let dlon = (radius_km / (111.0 * coslat)).min(180.0);
    let (r0, r1) = (
        ((lat - dlat + 90.0) / CELL_DEG).floor() as i64,
        ((lat + dlat + 90.0) / CELL_DEG).floor() as i64,
    );
    let (c0, c1) = (
        ((lon - dlon + 180.0) / CELL_DEG).floor() as i64,
        ((lon + dlon + 180.0) / CELL_DEG).floor() as i64,
    );
    let n = ((r1 - r0 + 1) * (c1 - c0 + 1)) as usize;
    if n > max || dlon >= 180.0 {
        return None;
    }
    let ncols = (360.0 / CELL_DEG) as i64;
    let mut out = Vec::with_capacity(n);
    for r in r0.max(0)..=r1.min((180.0 / CELL_DEG) as i64) {
        for c in c0..=c1 {
            out.push(r * 1000 + c.rem_euclid(ncols));
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_folds_transliterations() {
        for (a, b) in [
            ("Kharkiv", "Kharkov"),
            ("Odesa", "Odessa"),
            ("Zaporizhzhia", "Zaporizhzhya"),
            ("Zaporizhzhia", "Zaporozhye"),
            ("Kyiv", "Kiev"),
            ("Dnipro", "Dnipro city"),
            ("Kryvyi Rih", "Kryvyy Rih"),
            ("Kryvyi Rih", "Krivoy Rog"),
            ("Bakhmut", "Bakhmout"),
            ("Sievierodonetsk", "Severodonetsk"),
            ("Avdiivka", "Avdeyevka"),
        ] {
            assert_eq!(place_skeleton(a), place_skeleton(b), "{a} vs {b}");
        }
        assert_ne!(place_skeleton("Kyiv"), place_skeleton("Kherson"));
        assert_ne!(place_skeleton("Sumy"), place_skeleton("Sudzha"));
    }

    #[test]
    fn haversine_kyiv_kharkiv() {
        let d = haversine_km(50.4501, 30.5234, 49.9935, 36.2304);
        assert!((d - 409.0).abs() < 5.0, "{d}");
    }

    #[test]
    fn cells_cover_neighbours() {
        let cells = cells_covering(50.45, 30.52, 30.0, 100).unwrap();
        assert!(cells.contains(&cell_of(50.45, 30.52)));
        assert!(cells.contains(&cell_of(50.70, 30.90)));
        assert!(cells_covering(50.0, 30.0, 5000.0, 100).is_none());
    }

    fn key(v: serde_json::Value, doc: &str) -> IncidentKey {
        let mut e = serde_json::json!({
            "type": "Battles", "subtype": "Non-state actor overtakes territory",
            "date": "2025-05-02", "date_precision": "day",
            "location": {"name": "Beledweyne", "admin1": "Hiiraan", "country": "SO",
                         "lat": 4.736, "lon": 45.204, "precision": "city"},
            "actor1": "Al-Shabaab", "actor2": "Somalia", "fatalities": null, "injured": null,
            "intercepted": null, "certainty": "reported", "claimed_by": null,
            "evidence": "fighters took the town"
        });
        for (k, x) in v.as_object().unwrap() {
            e[k] = x.clone();
        }
        IncidentKey::from_event(&serde_json::from_value(e).unwrap(), Some(doc))
    }

    /// An undated report of a town taken matches a dated one when it names the
    /// same taker at the same town, however the capture is coded; never a
    /// report at region precision, another taker, or another undated report.
    #[test]
    fn an_undated_report_matches_a_dated_one_at_its_city() {
        let dated = key(serde_json::json!({}), "a");
        let undated = key(
            serde_json::json!({"date": null, "date_precision": null,
                               "subtype": "Non-violent transfer of territory", "type": "Strategic developments"}),
            "b",
        );
        assert!(!undated.dated());
        assert!(same_incident(&undated, &dated) && same_incident(&dated, &undated));
        let other_taker = key(
            serde_json::json!({"date": null, "actor1": "Somalia", "actor2": "Al-Shabaab"}),
            "c",
        );
        assert!(!same_incident(&other_taker, &dated));
        let unknown_taker = key(serde_json::json!({"date": null, "actor1": null}), "c");
        assert!(!same_incident(&unknown_taker, &dated));
        let clash = key(
            serde_json::json!({"date": null, "subtype": "Armed clash"}),
            "c",
        );
        assert!(!same_incident(&clash, &dated), "a clash is not the capture");
        let region = key(
            serde_json::json!({"date": null, "location": {"name": "Hiiraan", "admin1": "Hiiraan",
                "country": "SO", "lat": 4.32, "lon": 45.3, "precision": "region"}}),
            "c",
        );
        let dated_region = key(
            serde_json::json!({"location": {"name": "Hiiraan", "admin1": "Hiiraan",
                "country": "SO", "lat": 4.32, "lon": 45.3, "precision": "region"}}),
            "d",
        );
        assert!(
            !same_incident(&region, &dated_region),
            "a region is too coarse without a date"
        );
        assert!(
            !same_incident(&undated, &unknown_taker),
            "two undated reports never merge"
        );
    }

    /// A weekday counted from a reference whose year is guessed says nothing of the day.
    #[test]
    fn a_coarse_date_of_a_guessed_year_is_no_date() {
        let guessed_week = key(
            serde_json::json!({"date_precision": "week", "year_known": false}),
            "a",
        );
        assert!(!guessed_week.dated());
        let guessed_day = key(serde_json::json!({"year_known": false}), "a");
        assert!(guessed_day.dated(), "a stated day and month is kept");
        let known_week = key(serde_json::json!({"date_precision": "week"}), "a");
        assert!(known_week.dated());
    }

    /// An undated report joins the only incident it matches; with two at its
    /// place it cannot choose; undated members are not compared.
    #[test]
    fn an_undated_report_joins_only_an_unambiguous_incident() {
        let undated = key(serde_json::json!({"date": null}), "u");
        let may = vec![
            key(serde_json::json!({}), "a"),
            key(serde_json::json!({"date": "2025-05-03"}), "b"),
        ];
        let sept = vec![key(serde_json::json!({"date": "2025-09-19"}), "c")];
        let elsewhere = vec![key(
            serde_json::json!({"location": {"name": "Jowhar", "admin1": "Middle Shabelle",
                "country": "SO", "lat": 2.78, "lon": 45.5, "precision": "city"}}),
            "d",
        )];
        assert_eq!(undated_choice(&undated, &[&may, &elsewhere]), Some(0));
        assert_eq!(undated_choice(&undated, &[&may, &sept]), None);
        let mut with_undated = may.clone();
        with_undated.push(key(serde_json::json!({"date": null}), "v"));
        assert_eq!(undated_choice(&undated, &[&with_undated]), Some(0));
    }

    fn rec(doc: &str, places: &[(&str, &str, f64, f64, &str)]) -> Record {
        let events = places
            .iter()
            .map(|(name, admin1, lat, lon, precision)| {
                serde_json::from_value(serde_json::json!({
                    "type": "Explosions/Remote violence", "subtype": "Air/drone strike",
                    "date": "2024-03-06", "date_precision": "day",
                    "location": {"name": name, "admin1": admin1, "country": "UA",
                                 "lat": lat, "lon": lon, "precision": precision},
                    "actor1": "Russia", "actor2": null, "fatalities": null, "injured": null,
                    "intercepted": null, "certainty": "reported", "claimed_by": null,
                    "evidence": "drones struck"
                }))
                .unwrap()
            })
            .collect();
        Record {
            doc: doc.into(),
            events,
            ..Default::default()
        }
    }

    const OBLAST: (&str, &str, f64, f64, &str) =
        ("Sumy Oblast", "Sumy Oblast", 50.9, 34.0, "region");
    const SUMY: (&str, &str, f64, f64, &str) = ("Sumy", "Sumy Oblast", 50.91, 34.80, "city");
    const SHOSTKA: (&str, &str, f64, f64, &str) = ("Shostka", "Sumy Oblast", 51.86, 33.48, "city");
    const POLTAVA: (&str, &str, f64, f64, &str) =
        ("Poltava", "Poltava Oblast", 49.59, 34.55, "city");

    /// A city matches the region another report names when each report is
    /// unambiguous about that region; the region's own village-at-its-point
    /// readings, other regions and national tallies stay apart.
    #[test]
    fn a_city_matches_the_region_containing_it_when_unambiguous() {
        let region = &IncidentKey::for_record(&rec("a", &[OBLAST]))[0];
        let city = &IncidentKey::for_record(&rec("b", &[SUMY, POLTAVA]))[0];
        assert!(same_incident(region, city) && same_incident(city, region));
        let other = &IncidentKey::for_record(&rec("b", &[POLTAVA]))[0];
        assert!(!same_incident(region, other));
        // The other article names two places of the region: either could be it.
        let two = IncidentKey::for_record(&rec("c", &[SUMY, SHOSTKA]));
        assert!(!two[0].contained && !same_incident(region, &two[0]));
        // The region line of an article that names a city in it is its summary.
        let summary = IncidentKey::for_record(&rec("d", &[OBLAST, SUMY]));
        assert!(!summary[0].contained && !same_incident(&summary[0], city));
        assert!(
            !summary[1].contained,
            "the city beside its region's summary"
        );
        // A village the gazetteer does not know, kept at its region's point.
        let village = &IncidentKey::for_record(&rec(
            "e",
            &[("Khotin", "Sumy Oblast", 50.9, 34.0, "region")],
        ))[0];
        assert!(!village.contained && !same_incident(village, city));
        let country =
            &IncidentKey::for_record(&rec("f", &[("Ukraine", "", 49.0, 32.0, "country")]))[0];
        assert!(!same_incident(country, region) && !same_incident(country, city));
    }

    #[test]
    fn night_words_are_words() {
        assert!(contains_word("struck kyiv overnight.", "overnight"));
        assert!(!contains_word("the knightly order", "night"));
    }
}
