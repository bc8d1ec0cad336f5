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
//! whose decision can change — the new events, then, in key order, the later
//! events a changed link can reach ([`reach`]: neighbours of the moved event,
//! members of the incident it joined that it is not a neighbour of, and the
//! incident it left with its members' neighbours). Events before the one being
//! decided are final, so each event is decided at most once per replay, and a
//! report joining an incident of `n` costs O(n), not O(n²) lookups.

use crate::matching::{joins, same_incident, undated_choice, IncidentKey};
use crate::merge::fnv1a;
use sitrep_model::Event;
use std::collections::{BTreeMap, BTreeSet, HashSet};

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
    /// Every stored event other than `n` that is [`same_incident`] with it (for an
    /// undated `n`, a store may stop once they span two incidents: that decides
    /// it, and nothing else reads an undated event's neighbours).
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
    crate::matching::closeness(a, b)
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

/// The decision of the canonical run for an undated event `y` (every dated
/// event is final): the only incident of its neighbours it [`joins`], else
/// its own.
fn decide_undated(g: &mut impl EventGraph, y: &Node) -> anyhow::Result<String> {
    let cands: BTreeSet<String> = g
        .neighbours(y)?
        .into_iter()
        .filter(|n| n.key.dated())
        .filter_map(|n| n.incident)
        .collect();
    let mut groups: Vec<Vec<IncidentKey>> = Vec::new();
    let mut ids: Vec<&String> = Vec::new();
    for inc in &cands {
        // Dated members only: they are all before `y`, and final.
        groups.push(
            g.members(inc)?
                .into_iter()
                .filter(|m| m.key.dated())
                .map(|m| m.key)
                .collect(),
        );
        ids.push(inc);
    }
    let views: Vec<&[IncidentKey]> = groups.iter().map(Vec::as_slice).collect();
    Ok(match undated_choice(&y.key, &views) {
        Some(i) => ids[i].clone(),
        None => incident_label(&y.ck),
    })
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
    // Events whose neighbours were already queued in this replay (see [`reach`]).
    let mut expanded: HashSet<i64> = HashSet::new();
    while let Some((_, y)) = work.pop_first() {
        if !y.key.dated() {
            // An undated event comes after every dated one and is no neighbour of
            // another undated event: it joins the only incident it matches
            // (`undated_choice`), else it is its own; nothing later depends on it.
            let label = decide_undated(g, &y)?;
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
        // Later events that may decide differently now (see [`reach`]).
        for n in reach(g, &y, &neigh, &chosen, &mut expanded)? {
            if (&n.ck, n.id) > (&y.ck, y.id) {
                work.entry((n.ck.clone(), n.id)).or_insert(n);
            }
        }
    }
    Ok(out)
}

/// The events after `y` whose decision may change because `y` moved from
/// `y.incident` to `chosen` (`neigh`: the neighbours of `y`). Only these are
/// revisited; the rest keep their incident. Why each group is (or is not) here:
///
/// - **Neighbours of `y`**, with the night tolerance of `chosen` as a whole
///   (a member's overnight report widens every comparison in [`joins`]):
///   `chosen` may now be a candidate for them, or a closer one. An event that
///   is not a neighbour even so cannot join `chosen` now that `y` is in it.
/// - **Members of `chosen` that are not neighbours of `y`**: complete link now
///   fails for them. A member that is a neighbour of `y` decides as before:
///   `chosen` still admits it (adding a member only widens the night
///   tolerance), its closeness can only improve, and no other incident changed.
/// - **The incident `y` left** (`y` was decided before): its members, and the
///   neighbours of its members, which `y` may have kept out by complete link.
///
/// Neighbours of an event are fixed (keys do not change), so once queued in a
/// replay they need not be queued again: every one of them after the event
/// being decided is still waiting. `expanded` remembers whose neighbours were
/// queued; without it an incident of `n` reports that moves member by member
/// costs `n` neighbour lookups per move.
fn reach(
    g: &mut impl EventGraph,
    y: &Node,
    neigh: &[Node],
    chosen: &str,
    expanded: &mut HashSet<i64>,
) -> anyhow::Result<Vec<Node>> {
    let strict: HashSet<i64> = neigh.iter().map(|n| n.id).collect();
    let members = g.members(chosen)?;
    let mut out: Vec<Node> = Vec::new();
    let night = !y.key.overnight && members.iter().any(|m| m.key.overnight);
    let wide = if night {
        let mut y2 = y.clone();
        y2.key.overnight = true;
        g.neighbours(&y2)?
    } else {
        neigh.to_vec()
    };
    for n in wide.into_iter().chain(members) {
        if n.id == y.id || (n.incident.as_deref() == Some(chosen) && strict.contains(&n.id)) {
            continue;
        }
        out.push(n);
    }
    if let Some(old) = y.incident.as_deref() {
        out.extend(neigh.iter().cloned());
        for m in g.members(old)? {
            if expanded.insert(m.id) {
                out.extend(g.neighbours(&m)?);
            }
            out.push(m);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A graph over a vector that counts its lookups.
    #[derive(Default)]
    struct Counting {
        nodes: Vec<Node>,
        lookups: usize,
    }

    impl EventGraph for Counting {
        fn neighbours(&mut self, n: &Node) -> anyhow::Result<Vec<Node>> {
            self.lookups += 1;
            Ok(neighbours_among(n, self.nodes.iter()))
        }
        fn members(&mut self, incident: &str) -> anyhow::Result<Vec<Node>> {
            Ok(self
                .nodes
                .iter()
                .filter(|n| n.incident.as_deref() == Some(incident))
                .cloned()
                .collect())
        }
        fn set_incident(&mut self, id: i64, incident: &str) -> anyhow::Result<()> {
            let n = self.nodes.iter_mut().find(|n| n.id == id).unwrap();
            n.incident = Some(incident.to_string());
            Ok(())
        }
    }

    fn node(i: i64) -> Node {
        let ev: Event = serde_json::from_value(serde_json::json!({
            "type": "Explosions/Remote violence", "subtype": "Air/drone strike",
            "date": "2024-03-05", "date_precision": "day",
            "location": {"name": "Sumy", "admin1": null, "country": "UA",
                         "lat": 50.91, "lon": 34.80, "precision": "city"},
            "actor1": "Russia", "actor2": null, "fatalities": null, "injured": i % 7,
            "intercepted": null, "certainty": "reported", "claimed_by": null,
            "evidence": format!("Report {i}: drones struck Sumy")
        }))
        .unwrap();
        let doc = format!("a{i}.txt");
        let key = IncidentKey::from_event(&ev, Some(&doc));
        let ck = canonical_key(&key, &event_uid(&ev, &doc, 0));
        Node { id: i, ck, key, incident: None }
    }

    /// Reports of one strike arriving one by one, in an order unrelated to the
    /// canonical one (so the incident's first event changes now and then):
    /// one incident in the end, and the neighbour lookups grow linearly with
    /// the number of reports, not with its square (every report used to
    /// look up the neighbours of every member: 200 reports, ~20,000 lookups).
    #[test]
    fn reports_of_one_incident_cost_a_bounded_number_of_lookups_each() {
        let mut g = Counting::default();
        let n = 200;
        for i in 0..n {
            let y = node(i);
            g.nodes.push(y.clone());
            replay(&mut g, vec![y], false).unwrap();
        }
        let incidents: BTreeSet<_> = g.nodes.iter().map(|n| n.incident.clone().unwrap()).collect();
        assert_eq!(incidents.len(), 1, "{incidents:?}");
        // The incident is the one its canonically first report starts.
        let first = g.nodes.iter().min_by_key(|n| (&n.ck, n.id)).unwrap();
        assert_eq!(incidents.first().unwrap(), &incident_label(&first.ck));
        assert!(g.lookups <= 4 * n as usize, "{} neighbour lookups for {n} reports", g.lookups);
    }
}
