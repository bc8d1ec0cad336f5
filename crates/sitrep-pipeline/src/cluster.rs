//! Batch clustering: events from different articles that report the same
//! real-world event get one `cluster_id`.
//!
//! Same event: same family (`ontology::family`), places at most [`MAX_KM`] apart
//! (wider for region/country precision), dates within a day or within the
//! coarser precision, compatible actors (equal, or one unknown). This is the
//! one definition of "same event" in sitrep: the store links incidents with it too.

use chrono::NaiveDate;
use sitrep_model::{ontology, DatePrecision, Event, PlacePrecision, Record};

/// Settlement-level places further apart than this are different events.
pub const MAX_KM: f64 = 10.0;

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

fn date(e: &Event) -> Option<NaiveDate> {
    e.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// True when two events are the same real-world event.
pub fn same_event(a: &Event, b: &Event) -> bool {
    if ontology::family(&a.event_type, &a.subtype) != ontology::family(&b.event_type, &b.subtype) {
        return false;
    }
    // Place.
    let (Some(la), Some(lb)) = (&a.location, &b.location) else { return false };
    let coarse = la.precision != PlacePrecision::City || lb.precision != PlacePrecision::City;
    if coarse {
        // A region or a country matches only the same region or country by name.
        if la.precision != lb.precision || la.name != lb.name {
            return false;
        }
    } else {
        match (la.lat, la.lon, lb.lat, lb.lon) {
            (Some(x1), Some(y1), Some(x2), Some(y2)) => {
                if haversine_km(x1, y1, x2, y2) > MAX_KM {
                    return false;
                }
            }
            _ => {
                if la.name != lb.name {
                    return false;
                }
            }
        }
    }
    // Dates: within a day, or the coarser precision's window.
    match (date(a), date(b)) {
        (Some(x), Some(y)) => {
            let p = a.date_precision.unwrap_or(DatePrecision::Day).max(b.date_precision.unwrap_or(DatePrecision::Day));
            let slack = p.slack_days().max(1);
            if (x - y).num_days().abs() > slack {
                return false;
            }
        }
        (None, None) => {}
        _ => return false,
    }
    // Actors: equal or one side unknown.
    let compat = |x: &Option<String>, y: &Option<String>| x.is_none() || y.is_none() || x == y;
    compat(&a.actor1, &b.actor1) && compat(&a.actor2, &b.actor2)
}

/// Stable id of an event: a hash of its family, place and date.
pub fn event_key(e: &Event) -> String {
    let fam = ontology::family(&e.event_type, &e.subtype);
    let place = e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("");
    let day = e.date.as_deref().unwrap_or("");
    let mut h: u64 = 0xcbf29ce484222325;
    for b in format!("{fam}|{place}|{day}").bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("c{:012x}", h & 0xffff_ffff_ffff)
}

/// Give every event of the batch a `cluster_id`; events of one cluster share it.
/// Linear in the number of events per (family, date) bucket, not quadratic in the batch.
pub fn assign(records: &mut [Record]) {
    use std::collections::HashMap;
    // Union-find over (record, event) pairs, compared only within family buckets.
    let mut ids: Vec<(usize, usize)> = Vec::new();
    for (ri, r) in records.iter().enumerate() {
        for ei in 0..r.events.len() {
            ids.push((ri, ei));
        }
    }
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut buckets: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (k, &(ri, ei)) in ids.iter().enumerate() {
        let e = &records[ri].events[ei];
        buckets.entry(ontology::family(&e.event_type, &e.subtype)).or_default().push(k);
    }
    for (_, members) in buckets {
        // Sort by date so that only a window of nearby dates is compared.
        let mut m: Vec<(i64, usize)> = members
            .iter()
            .map(|&k| {
                let (ri, ei) = ids[k];
                (date(&records[ri].events[ei]).map(|d| d.num_days_from_ce() as i64).unwrap_or(i64::MIN), k)
            })
            .collect();
        m.sort();
        for i in 0..m.len() {
            for j in i + 1..m.len() {
                if m[i].0 != i64::MIN && m[j].0 - m[i].0 > 200 {
                    break;
                }
                let (ra, ea) = ids[m[i].1];
                let (rb, eb) = ids[m[j].1];
                if ra != rb && same_event(&records[ra].events[ea], &records[rb].events[eb]) {
                    let (x, y) = (find(&mut parent, m[i].1), find(&mut parent, m[j].1));
                    if x != y {
                        parent[y] = x;
                    }
                }
            }
        }
    }
    // The cluster id is the key of the cluster's first event (stable for a given batch order).
    let mut roots: HashMap<usize, String> = HashMap::new();
    for k in 0..ids.len() {
        let root = find(&mut parent, k);
        let (ri, ei) = ids[root];
        let key = roots.entry(root).or_insert_with(|| event_key(&records[ri].events[ei])).clone();
        let (ri, ei) = ids[k];
        records[ri].events[ei].cluster_id = Some(key);
    }
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{Certainty, Location};

    fn ev(sub: &str, place: &str, lat: f64, lon: f64, date: &str) -> Event {
        Event {
            event_type: ontology::type_of(sub).unwrap().into(),
            subtype: sub.into(),
            date: Some(date.into()),
            date_precision: Some(DatePrecision::Day),
            location: Some(Location { name: place.into(), admin1: None, country: Some("UA".into()), lat: Some(lat), lon: Some(lon), precision: PlacePrecision::City, geonames_id: None }),
            actor1: Some("Russia".into()),
            actor2: Some("Ukraine".into()),
            weapons: vec![],
            fatalities: None,
            injured: None,
            intercepted: None,
            certainty: Certainty::Reported,
            claimed_by: None,
            evidence: String::new(),
            evidence_start: 0,
            evidence_end: 0,
            cluster_id: None,
        }
    }

    #[test]
    fn same_strike_two_outlets_one_cluster_and_lookalikes_apart() {
        let kyiv = ev("Air/drone strike", "Kyiv", 50.45, 30.52, "2024-11-06");
        let kiev_next_day = ev("Shelling/artillery/missile attack", "Kiev", 50.44, 30.53, "2024-11-07");
        let kyiv_later = ev("Air/drone strike", "Kyiv", 50.45, 30.52, "2024-11-09");
        let odesa = ev("Air/drone strike", "Odesa", 46.48, 30.72, "2024-11-06");
        let battle = ev("Armed clash", "Kyiv", 50.45, 30.52, "2024-11-06");
        assert!(same_event(&kyiv, &kiev_next_day));
        assert!(!same_event(&kyiv, &kyiv_later));
        assert!(!same_event(&kyiv, &odesa));
        assert!(!same_event(&kyiv, &battle));
        let mut recs = vec![
            Record { doc: "a".into(), events: vec![kyiv, odesa.clone()], ..Default::default() },
            Record { doc: "b".into(), events: vec![kiev_next_day], ..Default::default() },
            Record { doc: "c".into(), events: vec![kyiv_later], ..Default::default() },
        ];
        assign(&mut recs);
        assert_eq!(recs[0].events[0].cluster_id, recs[1].events[0].cluster_id);
        assert_ne!(recs[0].events[0].cluster_id, recs[2].events[0].cluster_id);
        assert_ne!(recs[0].events[0].cluster_id, recs[0].events[1].cluster_id);
    }
}
