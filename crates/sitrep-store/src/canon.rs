//! Incidents that do not depend on ingest order.
//!
//! The incidents of a store are defined as the result of one **canonical
//! run** over all its events, whatever order they arrived in:
//!
//! 1. Every event has a canonical key ([`canonical_key`]): the first day its
//!    date may stand for, then a hash of its content and of its article's
//!    normalised body ([`event_uid`]). The run visits events in key order.
//! 2. Each event joins the closest incident (by day, then distance; ties by
//!    incident id) among those holding an *earlier* event it is
//!    [`same_incident`](crate::same_incident) with, when it is the same
//!    incident as every earlier member ([`joins`]: complete link, with the
//!    incident's night tolerance); otherwise it starts an incident.
//! 3. An incident's id is derived from the event that started it
//!    ([`incident_label`]), so the same set of articles gives the same ids.
//!
//! An ingest does not re-run everything: [`replay`] revisits only the events
//! whose decision can change — the new events, then, in key order, every later
//! event that is a neighbour of an event whose incident changed or of a member
//! of an incident whose membership changed. Events before the one being
//! decided are final, so each event is decided at most once per replay.

use crate::matching::{haversine_km, joins, same_incident, IncidentKey};
use crate::merge::fnv1a;
use sitrep_model::Event;
use std::collections::{BTreeMap, BTreeSet};

/// One stored event as the canonical run sees it.
#[derive(Debug, Clone)]
pub struct Node {
    /// Storage id (row id).
    pub id: i64,
    /// [`canonical_key`].
    pub ck: String,
    pub key: IncidentKey,
    /// Its incident now (`None` for an event not decided yet).
    pub incident: Option<String>,
}

/// Access to the stored events during a replay.
pub trait EventGraph {
    /// Every stored event other than `n` that is [`same_incident`] with it.
    fn neighbours(&mut self, n: &Node) -> anyhow::Result<Vec<Node>>;
    /// The events linked to `incident`.
    fn members(&mut self, incident: &str) -> anyhow::Result<Vec<Node>>;
    /// Link event `id` to `incident`.
    fn set_incident(&mut self, id: i64, incident: &str) -> anyhow::Result<()>;
}

/// A stable hash of an event's content and of its article, 16 hex digits. The
/// article is named by its URL (a changed version of a page keeps its events'
/// ids), else by its normalised body hash (the file name does not matter):
/// see [`article_identity`].
pub fn event_uid(ev: &Event, article: &str, seq: usize) -> String {
    let loc = ev.location.as_ref().map(|l| l.name.as_str()).unwrap_or("");
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        sitrep_model::ontology::family(&ev.event_type, &ev.subtype),
        ev.subtype,
        loc,
        ev.date.as_deref().unwrap_or(""),
        article,
        seq
    );
    format!("{:016x}", fnv1a(key.as_bytes(), 0))
}

/// What names an article in [`event_uid`]: its URL, else its body hash.
pub fn article_identity<'a>(url: Option<&'a str>, body_hash: &'a str) -> &'a str {
    url.filter(|u| !u.trim().is_empty()).unwrap_or(body_hash)
}

/// The canonical order of events: first day of the date window (undated last),
/// then [`event_uid`].
pub fn canonical_key(key: &IncidentKey, uid: &str) -> String {
    match key.interval() {
        // Days since CE fit 7 digits until year 27,000; offset keeps them positive.
        Some((lo, _)) => format!("{:08}:{uid}", lo + 1_000_000),
        None => format!("99999999:{uid}"),
    }
}

/// The id of the incident an event starts.
pub fn incident_label(ck: &str) -> String {
    format!("inc-{}", ck.rsplit(':').next().unwrap_or(ck))
}

/// How close two keys are: (day difference, distance in metres). Smaller is closer.
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

/// What a replay changed.
#[derive(Debug, Default)]
pub struct Replay {
    /// Incidents whose membership changed (to rebuild, or delete when empty).
    pub dirty: BTreeSet<String>,
    /// The incident each revisited event had before, and has now.
    pub moved: Vec<(Option<String>, String)>,
}

/// The decision of the canonical run for `y`, given that every event before it
/// is final.
fn decide(g: &mut impl EventGraph, y: &Node, neigh: &[Node]) -> anyhow::Result<String> {
    let before = |m: &Node| (&m.ck, m.id) < (&y.ck, y.id);
    let cands: BTreeSet<&String> = neigh
        .iter()
        .filter(|n| before(n))
        .filter_map(|n| n.incident.as_ref())
        .collect();
    let mut best: Option<((i64, u64), String)> = None;
    for inc in cands {
        let keys: Vec<IncidentKey> = g
            .members(inc)?
            .into_iter()
            .filter(|m| before(m))
            .map(|m| m.key)
            .collect();
        if keys.is_empty() || !joins(&y.key, &keys) {
            continue;
        }
        let score = keys
            .iter()
            .map(|k| closeness(&y.key, k))
            .min()
            .unwrap_or((i64::MAX, u64::MAX));
        if best.as_ref().is_none_or(|(s, id)| (score, inc) < (*s, id)) {
            best = Some((score, inc.clone()));
        }
    }
    Ok(best.map_or_else(|| incident_label(&y.ck), |b| b.1))
}

/// Revisit `start` (new events, or events whose neighbourhood changed) and
/// everything their changes reach, in canonical order, linking each to the
/// incident the canonical run gives it. With `everything`, `start` holds every
/// stored event (a full re-run): nothing else needs to be looked up.
pub fn replay(
    g: &mut impl EventGraph,
    start: Vec<Node>,
    everything: bool,
) -> anyhow::Result<Replay> {
    let mut work: BTreeMap<(String, i64), Node> = start
        .into_iter()
        .map(|n| ((n.ck.clone(), n.id), n))
        .collect();
    let mut out = Replay::default();
    while let Some((_, y)) = work.pop_first() {
        if y.key.day.is_none() {
            // Undated events never merge: each is its own incident.
            let label = incident_label(&y.ck);
            if y.incident.as_deref() != Some(label.as_str()) {
                g.set_incident(y.id, &label)?;
                out.dirty.extend(y.incident.clone());
                out.dirty.insert(label.clone());
                out.moved.push((y.incident.clone(), label));
            }
            continue;
        }
        let neigh = g.neighbours(&y)?;
        let chosen = decide(g, &y, &neigh)?;
        if y.incident.as_deref() == Some(chosen.as_str()) {
            continue;
        }
        g.set_incident(y.id, &chosen)?;
        out.dirty.extend(y.incident.clone());
        out.dirty.insert(chosen.clone());
        out.moved.push((y.incident.clone(), chosen.clone()));
        if everything {
            continue;
        }
        // Later events that may decide differently now: neighbours of `y`, and
        // neighbours of the members of the incidents it left and joined.
        let mut reach: Vec<Node> = neigh;
        for inc in y.incident.iter().chain(std::iter::once(&chosen)) {
            for m in g.members(inc)? {
                if m.id != y.id {
                    reach.extend(g.neighbours(&m)?);
                }
                reach.push(m);
            }
        }
        for n in reach {
            if (&n.ck, n.id) > (&y.ck, y.id) {
                work.entry((n.ck.clone(), n.id)).or_insert(n);
            }
        }
    }
    Ok(out)
}

/// The neighbours of `n` among `others` (for stores that scan).
pub fn neighbours_among<'a>(
    n: &Node,
    others: impl Iterator<Item = &'a Node>,
) -> Vec<Node> {
    others
        .filter(|o| o.id != n.id && same_incident(&n.key, &o.key))
        .cloned()
        .collect()
}
