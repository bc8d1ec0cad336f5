//! Building an [`Incident`] from the events linked to it.
//!
//! Merge rules (no value is ever averaged or dropped):
//! - **Counts** (`fatalities`, `injured`, `intercepted`): every reported value is
//!   kept in `claims` as `(field, value, by, doc)`, `by` being the claiming party
//!   (`claimed_by`) or else the outlet (else the URL's host, else the doc). The
//!   headline value is the **most conservative** figure, as ACLED codes it: the
//!   lowest value a source reports as fact; a value only a party to the conflict
//!   claims (`claimed_by`) counts when no source reports one. The other figures
//!   stay in `claims`; nothing depends on the order reports arrived in.
//! - **Type, subtype, actors, place**: the value most sources give; on a tie, the
//!   value of the latest report (`published`), then of the report first in the
//!   canonical order of events ([`crate::canon`]), never the storage order;
//!   the place and date prefer the finest precision reported, and the date a
//!   stated year over a guessed one (`year_known: false`, an undated article).
//! - **Weapons**: the union. **Certainty**: `reported` if any source states it as
//!   fact, else `claimed` (with the most given `claimed_by`), else `alleged`.
//! - **Sources**: one per linked event, oldest first.

use sitrep_model::{Certainty, Claim, Event, Incident, Source};
use std::collections::BTreeSet;

/// One event linked to an incident, with its article's metadata.
#[derive(Debug, Clone)]
pub struct Member {
    pub event: Event,
    pub doc: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The event's canonical key ([`crate::canon::canonical_key`]): breaks ties
    /// between equal `published` independently of the storage order.
    pub key: String,
}

impl Member {
    /// Who reports a value: the claiming party, else the outlet, else the URL host, else the doc.
    pub fn reporter(&self) -> String {
        if let Some(c) = self.event.claimed_by.as_ref().filter(|c| !c.is_empty()) {
            return c.clone();
        }
        if let Some(o) = self.outlet.as_ref().filter(|o| !o.is_empty()) {
            return o.clone();
        }
        if let Some(h) = self.url.as_deref().and_then(url_host) {
            return h.to_string();
        }
        self.doc.clone()
    }
    fn recency(&self) -> Recency<'_> {
        (self.published.as_deref(), std::cmp::Reverse(self.key.as_str()))
    }
}

/// The host of an `http(s)://host/...` URL.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.strip_prefix("www.").unwrap_or(host))
}

/// When a member reported: (published, then first in canonical order).
type Recency<'a> = (Option<&'a str>, std::cmp::Reverse<&'a str>);

/// The value most members give; ties go to the value of the most recent member.
/// Members whose value is `None` do not vote.
fn vote<T: Clone + PartialEq>(
    members: &[&Member],
    value: impl Fn(&Member) -> Option<T>,
) -> Option<T> {
    // (value, votes, most recent (published, order) giving it)
    let mut tally: Vec<(T, usize, Recency)> = Vec::new();
    for m in members {
        if let Some(v) = value(m) {
            match tally.iter_mut().find(|(x, _, _)| *x == v) {
                Some(t) => {
                    t.1 += 1;
                    if m.recency() > t.2 {
                        t.2 = m.recency();
                    }
                }
                None => tally.push((v, 1, m.recency())),
            }
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)))
        .map(|t| t.0)
}

/// Merge the members of incident `id`. `members` must not be empty.
pub fn build_incident(id: &str, members: &[Member]) -> Incident {
    // Canonical order: the result never depends on the order members come in.
    let mut all: Vec<&Member> = members.iter().collect();
    all.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.doc.cmp(&b.doc)));
    // Place and date: finest precision first.
    let finest_place = all
        .iter()
        .filter_map(|m| m.event.location.as_ref().map(|l| place_rank(l.precision)))
        .min();
    let place_members: Vec<&Member> = all
        .iter()
        .copied()
        .filter(|m| m.event.location.as_ref().map(|l| place_rank(l.precision)) == finest_place)
        .collect();
    let location = vote(&place_members, |m| {
        m.event.location.as_ref().map(|l| l.name.clone())
    })
    .and_then(|name| {
        place_members
            .iter()
            .rev()
            .find_map(|m| m.event.location.clone().filter(|l| l.name == name))
    });
    // A date whose year was guessed (`year_known: false`) only when no report states one.
    let stated: Vec<&Member> = all
        .iter()
        .copied()
        .filter(|m| m.event.date.is_some() && m.event.year_known != Some(false))
        .collect();
    let dated = if stated.is_empty() { &all } else { &stated };
    let finest_date = dated
        .iter()
        .filter(|m| m.event.date.is_some())
        .filter_map(|m| m.event.date_precision)
        .min();
    let date_members: Vec<&Member> = dated
        .iter()
        .copied()
        .filter(|m| m.event.date.is_some() && m.event.date_precision == finest_date)
        .collect();
    let date = vote(&date_members, |m| m.event.date.clone())
        .or_else(|| vote(&all, |m| m.event.date.clone()));
    let date_precision = if date.is_some() {
        finest_date.or_else(|| vote(&all, |m| m.event.date_precision))
    } else {
        None
    };

    let type_pair = vote(&all, |m| {
        Some((m.event.event_type.clone(), m.event.subtype.clone()))
    })
    .unwrap_or_default();
    let weapons: BTreeSet<String> = all
        .iter()
        .flat_map(|m| m.event.weapons.iter().cloned())
        .collect();
    let certainty = if all.iter().any(|m| m.event.certainty == Certainty::Reported) {
        Certainty::Reported
    } else if all.iter().any(|m| m.event.certainty == Certainty::Claimed) {
        Certainty::Claimed
    } else {
        Certainty::Alleged
    };
    let claimed_by = if certainty == Certainty::Claimed {
        vote(&all, |m| m.event.claimed_by.clone())
    } else {
        None
    };

    let mut claims = Vec::new();
    for m in &all {
        for (field, v) in [
            ("fatalities", m.event.fatalities),
            ("injured", m.event.injured),
            ("intercepted", m.event.intercepted),
        ] {
            if let Some(value) = v {
                claims.push(Claim {
                    field: field.to_string(),
                    value,
                    by: m.reporter(),
                    doc: m.doc.clone(),
                });
            }
        }
    }
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| a.recency().cmp(&b.recency()));
    let sources = sorted
        .iter()
        .map(|m| Source {
            doc: m.doc.clone(),
            url: m.url.clone(),
            outlet: m.outlet.clone(),
            published: m.published.clone(),
            evidence: m.event.evidence.clone(),
            certainty: m.event.certainty,
            claimed_by: m.event.claimed_by.clone(),
        })
        .collect();
    Incident {
        id: id.to_string(),
        event_type: type_pair.0,
        subtype: type_pair.1,
        date,
        date_precision,
        location,
        actor1: vote(&all, |m| m.event.actor1.clone()),
        actor2: vote(&all, |m| m.event.actor2.clone()),
        weapons: weapons.into_iter().collect(),
        fatalities: conservative(&all, |m| m.event.fatalities),
        injured: conservative(&all, |m| m.event.injured),
        intercepted: conservative(&all, |m| m.event.intercepted),
        certainty,
        claimed_by,
        claims,
        sources,
    }
}

/// The most conservative figure: the lowest value reported as fact by a
/// source; else the lowest value a party to the conflict claims.
fn conservative(members: &[&Member], value: impl Fn(&Member) -> Option<u32>) -> Option<u32> {
    let party = |m: &&&Member| m.event.claimed_by.as_ref().is_some_and(|c| !c.is_empty());
    let reported = members.iter().filter(|m| !party(m)).filter_map(|m| value(m)).min();
    reported.or_else(|| members.iter().filter(party).filter_map(|m| value(m)).min())
}

fn place_rank(p: sitrep_model::PlacePrecision) -> u8 {
    match p {
        sitrep_model::PlacePrecision::City => 0,
        sitrep_model::PlacePrecision::Region => 1,
        sitrep_model::PlacePrecision::Country => 2,
    }
}

/// A stable 64-bit FNV-1a hash (independent of the Rust version and platform).
pub fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The id a new incident gets: a hash of its first event's family, subtype, place,
/// date and article, so re-running an ingest from scratch gives the same ids.
pub fn incident_id(ev: &Event, doc: &str, seq: usize) -> String {
    let loc = ev.location.as_ref().map(|l| l.name.as_str()).unwrap_or("");
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        sitrep_model::ontology::family(&ev.event_type, &ev.subtype),
        ev.subtype,
        loc,
        ev.date.as_deref().unwrap_or(""),
        doc,
        seq
    );
    format!("inc-{:016x}", fnv1a(key.as_bytes(), 0))
}

/// Normalise a body for duplicate detection: whitespace collapsed, lower case.
pub fn body_hash(body: &str) -> String {
    let norm: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    format!(
        "{:016x}{:016x}",
        fnv1a(norm.as_bytes(), 0),
        fnv1a(norm.as_bytes(), 0x9e37_79b9_7f4a_7c15)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(
        doc: &str,
        published: &str,
        order: i64,
        fatalities: Option<u32>,
        outlet: &str,
    ) -> Member {
        let key = format!("{order:04}");
        let event: Event = serde_json::from_value(serde_json::json!({
            "type": "Explosions/Remote violence", "subtype": "Air/drone strike",
            "date": "2024-01-02", "date_precision": "day", "location": null,
            "actor1": "Russia", "actor2": null, "fatalities": fatalities, "injured": null,
            "intercepted": null, "certainty": "reported", "claimed_by": null, "evidence": "x"
        }))
        .unwrap();
        Member {
            event,
            doc: doc.into(),
            url: None,
            outlet: Some(outlet.into()),
            published: Some(published.into()),
            key,
        }
    }

    #[test]
    fn headline_is_the_most_conservative_figure_in_any_order() {
        let ms = vec![
            member("a", "2024-01-02", 1, Some(17), "A"),
            member("b", "2024-01-03", 2, Some(18), "B"),
            member("c", "2024-01-02", 3, Some(17), "C"),
        ];
        let inc = build_incident("i", &ms);
        assert_eq!(inc.fatalities, Some(17));
        assert_eq!(inc.claims.len(), 3);
        let inc = build_incident("i", &ms[1..2]);
        assert_eq!(inc.fatalities, Some(18));
        // The lowest figure even when the higher one is the majority or the latest.
        let more = vec![
            member("a", "2024-01-02", 1, Some(4), "A"),
            member("b", "2024-01-03", 2, Some(5), "B"),
            member("c", "2024-01-04", 3, Some(5), "C"),
        ];
        assert_eq!(build_incident("i", &more).fatalities, Some(4));
        assert!(build_incident("i", &more)
            .claims
            .iter()
            .any(|c| c.value == 5 && c.by == "C" && c.doc == "c"));
        // Every order of the members gives the same incident.
        let mut rev = more.clone();
        rev.reverse();
        assert_eq!(
            serde_json::to_value(build_incident("i", &more)).unwrap(),
            serde_json::to_value(build_incident("i", &rev)).unwrap()
        );
        // A party's claim counts only when no source reports a figure.
        let mut claim = member("d", "2024-01-02", 4, Some(2), "D");
        claim.event.claimed_by = Some("Russian Defence Ministry".into());
        assert_eq!(build_incident("i", &[more[1].clone(), claim.clone()]).fatalities, Some(5));
        assert_eq!(build_incident("i", &[claim]).fatalities, Some(2));
    }

    /// An undated article's guessed year never outvotes a report that states the date.
    #[test]
    fn a_stated_date_wins_over_a_guessed_year() {
        let mut guessed = member("a", "2024-01-09", 1, None, "A");
        guessed.event.date = Some("2025-01-19".into());
        guessed.event.date_precision = Some(sitrep_model::DatePrecision::Week);
        guessed.event.year_known = Some(false);
        guessed.published = None;
        let mut stated = member("b", "2024-01-09", 2, None, "B");
        stated.event.date = Some("2024-01-08".into());
        stated.event.date_precision = Some(sitrep_model::DatePrecision::Week);
        let mut later = guessed.clone();
        later.doc = "c".into();
        later.key = "0003".into();
        for ms in [vec![guessed.clone(), stated.clone()], vec![stated.clone(), guessed.clone(), later]] {
            let inc = build_incident("i", &ms);
            assert_eq!(inc.date.as_deref(), Some("2024-01-08"));
        }
        assert_eq!(build_incident("i", &[guessed]).date.as_deref(), Some("2025-01-19"));
    }

    #[test]
    fn body_hash_ignores_spacing_and_case() {
        assert_eq!(
            body_hash("Drones  hit\nKyiv."),
            body_hash("drones hit kyiv.")
        );
        assert_ne!(body_hash("Drones hit Kyiv."), body_hash("Drones hit Lviv."));
        assert_eq!(url_host("https://www.example.com/a/b"), Some("example.com"));
    }
}
