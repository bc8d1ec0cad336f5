//! Batch clustering: events from different articles that report the same
//! real-world event get one `cluster_id`.
//!
//! "Same event" is [`sitrep_model::matching`], the one definition the store uses
//! for incidents too: same family, places a few km apart (or the same
//! region/country), overlapping date windows (wider for coarse precision, a day
//! more for night attacks), compatible actors, never two events of one article.
//! Clusters are built complete-link ([`matching::joins`]): an event joins a
//! cluster only if it matches every member, so clusters cannot drift. Undated
//! events (and coarse dates of a guessed year) are decided after every dated
//! one, against the dated members only: one joins the only cluster at its
//! place it matches ([`matching::undated_choice`]), else it stays alone.

use sitrep_model::matching::{self, IncidentKey};
use sitrep_model::{Event, Record};

/// True when two events (of articles `doc_a`, `doc_b`) report the same real-world event.
pub fn same_event(a: &Event, doc_a: &str, b: &Event, doc_b: &str) -> bool {
    matching::same_incident(
        &IncidentKey::from_event(a, Some(doc_a)),
        &IncidentKey::from_event(b, Some(doc_b)),
    )
}

pub use matching::haversine_km;

/// Stable id of a cluster: a hash of its first event's family, place, date and article.
pub fn event_key(e: &Event, doc: &str) -> String {
    let fam = sitrep_model::ontology::family(&e.event_type, &e.subtype);
    let place = e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("");
    let day = e.date.as_deref().unwrap_or("");
    let mut h: u64 = 0xcbf29ce484222325;
    for b in format!("{fam}|{place}|{day}|{doc}").bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("c{:012x}", h & 0xffff_ffff_ffff)
}

/// Give every event of the batch a `cluster_id`; events of one cluster share it.
/// Candidate clusters are looked up by (family, day) buckets, so the work grows
/// with the events near in time, not with the square of the batch. Undated
/// events come last and look clusters up by (family, grid cell) and (family,
/// place name): one joins the only cluster it matches
/// ([`matching::undated_choice`]), else it stays alone.
pub fn assign(records: &mut [Record]) {
    // (cluster members' keys, id)
    let mut clusters: Vec<(Vec<IncidentKey>, String)> = Vec::new();
    let mut by_day: rustc_hash::FxHashMap<(String, i64), Vec<usize>> = Default::default();
    let mut by_cell: rustc_hash::FxHashMap<(String, i64), Vec<usize>> = Default::default();
    let mut by_place: rustc_hash::FxHashMap<(String, String), Vec<usize>> = Default::default();
    let mut order: Vec<(usize, usize, IncidentKey)> = Vec::new();
    for (ri, r) in records.iter().enumerate() {
        for (ei, k) in IncidentKey::for_record(r).into_iter().enumerate() {
            order.push((ri, ei, k));
        }
    }
    // Earliest first, undated last, so ids do not depend on input order within a day.
    order.sort_by_key(|(ri, ei, k)| (k.interval().map(|i| i.0).unwrap_or(i64::MAX), *ri, *ei));
    for (ri, ei, key) in order {
        let joined;
        if let Some((d0, d1)) = key.interval() {
            // The closest cluster it joins (by day, then distance), as the store does.
            let mut seen = Vec::new();
            let mut best: Option<((i64, u64), usize)> = None;
            for day in d0 - 2..=d1 + 2 {
                if let Some(cs) = by_day.get(&(key.family.clone(), day)) {
                    for &c in cs {
                        if seen.contains(&c) {
                            continue;
                        }
                        seen.push(c);
                        if matching::joins(&key, &clusters[c].0) {
                            let score = clusters[c]
                                .0
                                .iter()
                                .map(|m| matching::closeness(&key, m))
                                .min()
                                .unwrap_or((i64::MAX, u64::MAX));
                            if best.is_none_or(|b| (score, c) < b) {
                                best = Some((score, c));
                            }
                        }
                    }
                }
            }
            joined = best.map(|b| b.1);
        } else {
            // Clusters at the same place (a few km, or the same folded name).
            let mut seen: Vec<usize> = Vec::new();
            if let (Some(lat), Some(lon)) = (key.lat, key.lon) {
                for cell in
                    matching::cells_covering(lat, lon, matching::CITY_KM, 64).unwrap_or_default()
                {
                    seen.extend(
                        by_cell
                            .get(&(key.family.clone(), cell))
                            .into_iter()
                            .flatten(),
                    );
                }
            }
            if let Some(p) = &key.place {
                seen.extend(
                    by_place
                        .get(&(key.family.clone(), p.clone()))
                        .into_iter()
                        .flatten(),
                );
            }
            seen.sort_unstable();
            seen.dedup();
            let members: Vec<&[IncidentKey]> =
                seen.iter().map(|&c| clusters[c].0.as_slice()).collect();
            joined = matching::undated_choice(&key, &members).map(|i| seen[i]);
        }
        let c = match joined {
            Some(c) => c,
            None => {
                clusters.push((
                    Vec::new(),
                    event_key(&records[ri].events[ei], &records[ri].doc),
                ));
                clusters.len() - 1
            }
        };
        if let Some((d0, d1)) = key.interval() {
            for day in d0..=d1 {
                let v = by_day.entry((key.family.clone(), day)).or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
            if let (Some(lat), Some(lon)) = (key.lat, key.lon) {
                let v = by_cell
                    .entry((key.family.clone(), matching::cell_of(lat, lon)))
                    .or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
            if let Some(p) = &key.place {
                let v = by_place.entry((key.family.clone(), p.clone())).or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
        }
        clusters[c].0.push(key);
        records[ri].events[ei].cluster_id = Some(clusters[c].1.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{ontology, Certainty, DatePrecision, Location, PlacePrecision};

    fn ev(sub: &str, place: &str, lat: f64, lon: f64, date: &str) -> Event {
        Event {
            event_type: ontology::type_of(sub).unwrap().into(),
            subtype: sub.into(),
            date: Some(date.into()),
            date_precision: Some(DatePrecision::Day),
            year_known: None,
            location: Some(Location {
                name: place.into(),
                admin1: None,
                country: Some("UA".into()),
                lat: Some(lat),
                lon: Some(lon),
                precision: PlacePrecision::City,
                geonames_id: None,
            }),
            actor1: Some("Russia".into()),
            actor2: Some("Ukraine".into()),
            weapons: vec![],
            fatalities: None,
            injured: None,
            intercepted: None,
            certainty: Certainty::Reported,
            claimed_by: None,
            evidence: "Drones struck the city overnight".into(),
            evidence_start: 0,
            evidence_end: 0,
            cluster_id: None,
        }
    }

    #[test]
    fn same_strike_two_outlets_one_cluster_and_lookalikes_apart() {
        let kyiv = ev("Air/drone strike", "Kyiv", 50.45, 30.52, "2024-11-06");
        let kiev_next_day = ev(
            "Shelling/artillery/missile attack",
            "Kiev",
            50.44,
            30.53,
            "2024-11-07",
        );
        let kyiv_later = ev("Air/drone strike", "Kyiv", 50.45, 30.52, "2024-11-09");
        let odesa = ev("Air/drone strike", "Odesa", 46.48, 30.72, "2024-11-06");
        let battle = ev("Armed clash", "Kyiv", 50.45, 30.52, "2024-11-06");
        assert!(same_event(&kyiv, "a", &kiev_next_day, "b"));
        assert!(!same_event(&kyiv, "a", &kyiv_later, "c"));
        assert!(!same_event(&kyiv, "a", &odesa, "b"));
        assert!(!same_event(&kyiv, "a", &battle, "b"));
        let mut recs = vec![
            Record {
                doc: "a".into(),
                events: vec![kyiv, odesa.clone()],
                ..Default::default()
            },
            Record {
                doc: "b".into(),
                events: vec![kiev_next_day],
                ..Default::default()
            },
            Record {
                doc: "c".into(),
                events: vec![kyiv_later],
                ..Default::default()
            },
        ];
        assign(&mut recs);
        assert_eq!(recs[0].events[0].cluster_id, recs[1].events[0].cluster_id);
        assert_ne!(recs[0].events[0].cluster_id, recs[2].events[0].cluster_id);
        assert_ne!(recs[0].events[0].cluster_id, recs[0].events[1].cluster_id);
    }

    /// An article whose only date is a weekday counted from a guessed year
    /// joins the one strike at its city, not one of two.
    #[test]
    fn a_guessed_weekday_joins_only_an_unambiguous_cluster() {
        let mut guessed = ev("Air/drone strike", "Kharkiv", 49.99, 36.23, "2025-01-19");
        guessed.date_precision = Some(DatePrecision::Week);
        guessed.year_known = Some(false);
        let strike = ev("Air/drone strike", "Kharkiv", 49.98, 36.25, "2024-01-08");
        let rec = |doc: &str, e: &Event| Record {
            doc: doc.into(),
            events: vec![e.clone()],
            ..Default::default()
        };
        let mut recs = vec![rec("a", &guessed), rec("b", &strike)];
        assign(&mut recs);
        assert_eq!(recs[0].events[0].cluster_id, recs[1].events[0].cluster_id);
        let next_week = ev("Air/drone strike", "Kharkiv", 49.99, 36.23, "2024-01-15");
        let mut recs = vec![rec("a", &guessed), rec("b", &strike), rec("c", &next_week)];
        assign(&mut recs);
        assert_ne!(recs[0].events[0].cluster_id, recs[1].events[0].cluster_id);
        assert_ne!(recs[0].events[0].cluster_id, recs[2].events[0].cluster_id);
    }
}
