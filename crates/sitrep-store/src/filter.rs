//! The one query language of `sitrep events`, `sitrep statements` and the JSON
//! API: the same parameter names, the same parsing and errors, the same
//! matching. The CLI passes its flags as `(name, value)` pairs, the API its
//! query string; both get an [`IncidentQuery`] / [`StatementQuery`] or a
//! [`FilterError`] naming the parameter.
//!
//! | parameter | meaning |
//! |---|---|
//! | `since`, `until` | first and last day, `YYYY-MM-DD`, inclusive; undated incidents never match |
//! | `type`, `subtype` | an ACLED event type / sub-event type, case-insensitive; unknown names are errors |
//! | `actor` | case-insensitive substring of `actor1` or `actor2` |
//! | `place` | case-insensitive substring of the place name, its admin-1 or its country code |
//! | `text` | words that must all appear in a source's body or evidence (full-text, any case and accent) |
//! | `near` + `radius_km` | `LAT,LON` or a place name, and a radius (default 25 km); `near=LAT,LON,KM` too |
//! | `speaker`, `kind` | statements: case-insensitive substring of the speaker; one of the statement kinds |
//! | `limit`, `offset` | paging |

use crate::{IncidentQuery, StatementQuery};
use chrono::NaiveDate;
use sitrep_model::{ontology, Incident, StatementKind};
use std::borrow::Cow;

/// Parameters of incident queries.
pub const INCIDENT_PARAMS: &[&str] = &[
    "since",
    "until",
    "type",
    "subtype",
    "actor",
    "place",
    "text",
    "near",
    "radius_km",
    "limit",
    "offset",
];
/// Parameters of statement queries.
pub const STATEMENT_PARAMS: &[&str] = &[
    "since", "until", "speaker", "kind", "text", "limit", "offset",
];
/// Radius of `near` when `radius_km` is not given.
pub const DEFAULT_RADIUS_KM: f64 = 25.0;

/// A bad parameter: which one and why. Displayed as `NAME: WHY`.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterError {
    pub param: String,
    pub message: String,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}
impl std::error::Error for FilterError {}

fn err(param: &str, message: impl Into<String>) -> FilterError {
    FilterError {
        param: param.to_string(),
        message: message.into(),
    }
}

/// The parameters as given: each name at most once, only known names, blank
/// values treated as absent.
struct Given<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Given<'a> {
    fn new(pairs: &'a [(String, String)], known: &[&str]) -> Result<Self, FilterError> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for (k, v) in pairs {
            if !known.contains(&k.as_str()) {
                return Err(err(
                    k,
                    format!("unknown parameter; expected one of {}", known.join(", ")),
                ));
            }
            if out.iter().any(|(n, _)| n == k) {
                return Err(err(k, "given more than once"));
            }
            let v = v.trim();
            if !v.is_empty() {
                out.push((k, v));
            }
        }
        Ok(Given(out))
    }
    fn get(&self, name: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
    fn date(&self, name: &str) -> Result<Option<NaiveDate>, FilterError> {
        self.get(name)
            .map(|s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| err(name, format!("`{s}` is not a date YYYY-MM-DD")))
            })
            .transpose()
    }
    fn number(&self, name: &str) -> Result<Option<usize>, FilterError> {
        self.get(name)
            .map(|s| {
                s.parse::<usize>()
                    .map_err(|_| err(name, format!("`{s}` is not a whole number")))
            })
            .transpose()
    }
    fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }
}

/// The words of a `text` search: runs of letters and digits (with inner `'`
/// and `-`). A `text` without any is an error, not a match-everything.
pub fn text_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

fn check_text(g: &Given) -> Result<Option<String>, FilterError> {
    match g.text("text") {
        Some(t) if text_words(&t).is_empty() => Err(err(
            "text",
            format!("`{t}` has no words to search for (letters or digits)"),
        )),
        t => Ok(t),
    }
}

fn since_until(g: &Given) -> Result<(Option<NaiveDate>, Option<NaiveDate>), FilterError> {
    let (since, until) = (g.date("since")?, g.date("until")?);
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            return Err(err("until", format!("{u} is before since {s}")));
        }
    }
    Ok((since, until))
}

/// Parses incident filters. `resolve_place` turns a place name given as `near`
/// into coordinates (the gazetteer; its error message is kept).
pub fn incident_query(
    pairs: &[(String, String)],
    resolve_place: &dyn Fn(&str) -> Result<(f64, f64), String>,
) -> Result<IncidentQuery, FilterError> {
    let g = Given::new(pairs, INCIDENT_PARAMS)?;
    let (since, until) = since_until(&g)?;
    let event_type = g
        .get("type")
        .map(|t| {
            ontology::TYPES
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(t))
                .map(|(name, _)| name.to_string())
                .ok_or_else(|| {
                    err(
                        "type",
                        format!(
                            "unknown event type `{t}`; expected one of {}",
                            ontology::TYPES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                        ),
                    )
                })
        })
        .transpose()?;
    let subtype = g
        .get("subtype")
        .map(|s| {
            ontology::TYPES
                .iter()
                .flat_map(|(_, subs)| subs.iter())
                .find(|name| name.eq_ignore_ascii_case(s))
                .map(|name| name.to_string())
                .ok_or_else(|| err("subtype", format!("unknown sub-event type `{s}`")))
        })
        .transpose()?;
    if let (Some(t), Some(s)) = (&event_type, &subtype) {
        if ontology::type_of(s) != Some(t.as_str()) {
            return Err(err("subtype", format!("`{s}` is not a sub-event type of `{t}`")));
        }
    }
    let radius = g
        .get("radius_km")
        .map(|r| match r.parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
            _ => Err(err("radius_km", format!("`{r}` is not a positive number of km"))),
        })
        .transpose()?;
    let near = match g.get("near") {
        None => {
            if radius.is_some() {
                return Err(err("radius_km", "needs near"));
            }
            None
        }
        Some(n) => Some(parse_near(n, radius, resolve_place)?),
    };
    Ok(IncidentQuery {
        since,
        until,
        event_type,
        subtype,
        near,
        actor: g.text("actor"),
        place: g.text("place"),
        text: check_text(&g)?,
        limit: g.number("limit")?,
        offset: g.number("offset")?,
    })
}

/// `LAT,LON`, `LAT,LON,KM`, or a place name.
fn parse_near(
    n: &str,
    radius: Option<f64>,
    resolve_place: &dyn Fn(&str) -> Result<(f64, f64), String>,
) -> Result<(f64, f64, f64), FilterError> {
    let parts: Vec<&str> = n.split(',').map(str::trim).collect();
    let nums: Option<Vec<f64>> = parts.iter().map(|p| p.parse::<f64>().ok()).collect();
    let (lat, lon, km) = match (nums, parts.len()) {
        (Some(v), 2) => (v[0], v[1], radius.unwrap_or(DEFAULT_RADIUS_KM)),
        (Some(v), 3) if radius.is_none() => (v[0], v[1], v[2]),
        (Some(_), 3) => return Err(err("near", "give the radius once (LAT,LON with radius_km)")),
        (Some(_), _) => return Err(err("near", format!("`{n}`: expected LAT,LON or a place name"))),
        (None, _) => {
            let (lat, lon) = resolve_place(n).map_err(|e| err("near", e))?;
            (lat, lon, radius.unwrap_or(DEFAULT_RADIUS_KM))
        }
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(err("near", "latitude must be within ±90 and longitude within ±180"));
    }
    if !(km.is_finite() && km > 0.0) {
        return Err(err("radius_km", "must be a positive number of km"));
    }
    Ok((lat, lon, km))
}

/// Parses statement filters.
pub fn statement_query(pairs: &[(String, String)]) -> Result<StatementQuery, FilterError> {
    let g = Given::new(pairs, STATEMENT_PARAMS)?;
    let (since, until) = since_until(&g)?;
    let kind = g
        .get("kind")
        .map(|k| {
            StatementKind::parse(k)
                .map(|k| k.as_str().to_string())
                .ok_or_else(|| {
                    err(
                        "kind",
                        format!(
                            "unknown kind `{k}`; expected one of {}",
                            StatementKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    )
                })
        })
        .transpose()?;
    Ok(StatementQuery {
        since,
        until,
        speaker: g.text("speaker"),
        kind,
        text: check_text(&g)?,
        limit: g.number("limit")?,
        offset: g.number("offset")?,
    })
}

/// What the incident filters look at (the stored [`Incident`], or the web
/// app's compact index entry). Strings are lower-cased by the implementor.
pub trait Filterable {
    fn day(&self) -> Option<NaiveDate>;
    fn event_type(&self) -> &str;
    fn subtype(&self) -> &str;
    /// `actor1`, `actor2`, lower-cased.
    fn actors_lc(&self) -> [Option<Cow<'_, str>>; 2];
    /// Place name, admin-1, country code, lower-cased.
    fn place_lc(&self) -> [Option<Cow<'_, str>>; 3];
    fn coords(&self) -> Option<(f64, f64)>;
}

impl Filterable for Incident {
    fn day(&self) -> Option<NaiveDate> {
        self.date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok())
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
        let l = self.location.as_ref();
        [
            l.map(|l| Cow::Owned(l.name.to_lowercase())),
            l.and_then(|l| l.admin1.as_deref()).map(|a| Cow::Owned(a.to_lowercase())),
            l.and_then(|l| l.country.as_deref()).map(|a| Cow::Owned(a.to_lowercase())),
        ]
    }
    fn coords(&self) -> Option<(f64, f64)> {
        let l = self.location.as_ref()?;
        Some((l.lat?, l.lon?)).filter(|(a, b)| a.is_finite() && b.is_finite())
    }
}

/// `type` and `subtype`: the stored name is the filter's, in any ASCII case.
pub fn name_matches(filter: &str, stored: &str) -> bool {
    filter.eq_ignore_ascii_case(stored)
}

/// The needle of a substring filter (`actor`, `place`): trimmed, lower-cased.
pub fn needle(filter: &str) -> String {
    filter.trim().to_lowercase()
}

/// `actor` and `place`: the lower-cased stored value holds the [`needle`].
pub fn holds(value_lc: &str, needle: &str) -> bool {
    value_lc.contains(needle)
}

/// `near`: within `km` of `(lat, lon)` by great-circle distance.
pub fn within(lat: f64, lon: f64, km: f64, a: f64, b: f64) -> bool {
    crate::haversine_km(lat, lon, a, b) <= km
}

impl IncidentQuery {
    /// Does `x` pass every filter but `text` (which the store's full-text index
    /// answers)? `with_dates: false` ignores `since`/`until` (the timeline).
    /// The definition of each filter is one of the functions above
    /// ([`name_matches`], [`needle`] + [`holds`], [`within`]); the web app's
    /// index applies the same functions to its interned values.
    pub fn matches(&self, x: &impl Filterable, with_dates: bool) -> bool {
        if with_dates && (self.since.is_some() || self.until.is_some()) {
            match x.day() {
                None => return false,
                Some(d) => {
                    if self.since.is_some_and(|s| d < s) || self.until.is_some_and(|u| d > u) {
                        return false;
                    }
                }
            }
        }
        if self
            .event_type
            .as_deref()
            .is_some_and(|t| !name_matches(t, x.event_type()))
        {
            return false;
        }
        if self
            .subtype
            .as_deref()
            .is_some_and(|t| !name_matches(t, x.subtype()))
        {
            return false;
        }
        if let Some(a) = &self.actor {
            let a = needle(a);
            if !x.actors_lc().iter().flatten().any(|v| holds(v, &a)) {
                return false;
            }
        }
        if let Some(p) = &self.place {
            let p = needle(p);
            if !x.place_lc().iter().flatten().any(|v| holds(v, &p)) {
                return false;
            }
        }
        if let Some((lat, lon, km)) = self.near {
            match x.coords() {
                Some((a, b)) if within(lat, lon, km, a, b) => {}
                _ => return false,
            }
        }
        true
    }

    /// Is any filter other than paging set?
    pub fn is_filtered(&self) -> bool {
        self.since.is_some()
            || self.until.is_some()
            || self.event_type.is_some()
            || self.subtype.is_some()
            || self.actor.is_some()
            || self.place.is_some()
            || self.text.is_some()
            || self.near.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }
    fn no_places(_: &str) -> Result<(f64, f64), String> {
        Err("unknown place".into())
    }

    #[test]
    fn parses_and_names_the_bad_parameter() {
        let q = incident_query(&pairs(&[("type", "battles"), ("near", "50.4,30.5"), ("radius_km", "10")]), &no_places).unwrap();
        assert_eq!(q.event_type.as_deref(), Some("Battles"));
        assert_eq!(q.near, Some((50.4, 30.5, 10.0)));
        for (p, param) in [
            (vec![("type", "bogus")], "type"),
            (vec![("text", "*")], "text"),
            (vec![("text", "\"")], "text"),
            (vec![("since", "yesterday")], "since"),
            (vec![("near", "Atlantis")], "near"),
            (vec![("near", "91,0")], "near"),
            (vec![("radius_km", "5")], "radius_km"),
            (vec![("limit", "-1")], "limit"),
            (vec![("type", "Battles"), ("type", "Protests")], "type"),
            (vec![("zoom", "3")], "zoom"),
            (vec![("subtype", "Armed clash"), ("type", "Protests")], "subtype"),
        ] {
            let e = incident_query(&pairs(&p), &no_places).unwrap_err();
            assert_eq!(e.param, param, "{p:?}: {e}");
        }
        assert_eq!(statement_query(&pairs(&[("kind", "bogus")])).unwrap_err().param, "kind");
        assert_eq!(statement_query(&pairs(&[("kind", "THREAT")])).unwrap().kind.as_deref(), Some("threat"));
        // Blank values are absent.
        assert!(!incident_query(&pairs(&[("actor", "  ")]), &no_places).unwrap().is_filtered());
    }

    #[test]
    fn text_words_need_letters_or_digits() {
        assert_eq!(text_words("dock workers"), vec!["dock", "workers"]);
        assert!(text_words("* \" % -- ''").is_empty());
        assert_eq!(text_words("Kryvyi-Rih's"), vec!["Kryvyi-Rih's"]);
    }
}
