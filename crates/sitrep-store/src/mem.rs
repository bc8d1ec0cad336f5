//! [`MemStore`]: an in-memory [`Store`] with the same semantics as the SQLite one
//! (idempotence, history, incident matching and merging), for tests.
//! Candidate lookup is a scan here: fine for test-sized data.

use crate::matching::{can_merge, haversine_km, joins, parse_day, IncidentKey};
use crate::merge::{body_hash, build_incident, incident_id, Member};
use crate::{IncidentQuery, IngestReport, StatementQuery, Stats, Store, StoredStatement};
use chrono::Datelike;
use sitrep_model::{Incident, Record};
use std::collections::{BTreeMap, BTreeSet};

struct Article {
    id: i64,
    hash: String,
    rec: Record,
}

struct StoredEvent {
    id: i64,
    article: i64,
    incident: String,
    key: IncidentKey,
}

/// The in-memory store.
#[derive(Default)]
pub struct MemStore {
    articles: Vec<Article>,
    history: Vec<(String, Record)>,
    events: Vec<StoredEvent>,
    incidents: BTreeMap<String, Incident>,
    /// Merged-away incident id -> the incident it was merged into.
    aliases: BTreeMap<String, String>,
    next_id: i64,
}

impl MemStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Earlier versions of the article at `url`, oldest first.
    pub fn history(&self, url: &str) -> Vec<Record> {
        self.history
            .iter()
            .filter(|(u, _)| u == url)
            .map(|(_, r)| r.clone())
            .collect()
    }

    fn members(&self, incident: &str) -> Vec<Member> {
        self.events
            .iter()
            .filter(|e| e.incident == incident)
            .map(|e| {
                let a = self
                    .articles
                    .iter()
                    .find(|a| a.id == e.article)
                    .expect("event of a stored article");
                let seq = self
                    .events
                    .iter()
                    .filter(|x| x.article == e.article && x.id < e.id)
                    .count();
                Member {
                    event: a.rec.events[seq].clone(),
                    doc: a.rec.doc.clone(),
                    url: a.rec.url.clone(),
                    outlet: a.rec.source.clone(),
                    published: a.rec.published.clone(),
                    order: e.id,
                }
            })
            .collect()
    }

    fn keys_of(&self, incident: &str) -> Vec<IncidentKey> {
        self.events
            .iter()
            .filter(|e| e.incident == incident)
            .map(|e| e.key.clone())
            .collect()
    }

    /// Same rules as the SQLite store: join the closest incident the event can join;
    /// when it can join several that can all be one, merge them into the oldest.
    fn find_incident(
        &mut self,
        key: &IncidentKey,
        dirty: &mut BTreeSet<String>,
        report: &mut IngestReport,
    ) -> Option<String> {
        let ids: BTreeSet<String> = self.events.iter().map(|e| e.incident.clone()).collect();
        let mut matched: Vec<((i64, u64), String, Vec<IncidentKey>)> = ids
            .into_iter()
            .filter_map(|id| {
                let keys = self.keys_of(&id);
                if !joins(key, &keys) {
                    return None;
                }
                let score = keys
                    .iter()
                    .map(|k| {
                        let dd = (key.day.unwrap_or(0) - k.day.unwrap_or(0)).abs();
                        let dist = match (key.lat, key.lon, k.lat, k.lon) {
                            (Some(a), Some(b), Some(c), Some(d)) => {
                                (haversine_km(a, b, c, d) * 1000.0) as u64
                            }
                            _ => u64::MAX / 2,
                        };
                        (dd, dist)
                    })
                    .min()
                    .unwrap();
                Some((score, id, keys))
            })
            .collect();
        matched.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        if matched.len() > 1
            && can_merge(
                key,
                &matched.iter().map(|m| m.2.clone()).collect::<Vec<_>>(),
            )
        {
            let first_event = |id: &str| {
                self.events
                    .iter()
                    .filter(|e| e.incident == id)
                    .map(|e| e.id)
                    .min()
                    .unwrap()
            };
            let mut ids: Vec<(i64, String)> = matched
                .iter()
                .map(|m| (first_event(&m.1), m.1.clone()))
                .collect();
            ids.sort();
            let target = ids[0].1.clone();
            for (_, other) in &ids[1..] {
                for e in self.events.iter_mut().filter(|e| &e.incident == other) {
                    e.incident = target.clone();
                }
                for v in self.aliases.values_mut().filter(|v| *v == other) {
                    *v = target.clone();
                }
                self.aliases.insert(other.clone(), target.clone());
                dirty.insert(other.clone());
                report.incidents_joined += 1;
            }
            return Some(target);
        }
        matched.into_iter().next().map(|m| m.1)
    }
}

impl Store for MemStore {
    fn ingest(&mut self, records: &[Record]) -> anyhow::Result<IngestReport> {
        let mut report = IngestReport::default();
        let mut dirty: BTreeSet<String> = BTreeSet::new();
        for rec in records {
            let stored = crate::for_storage(rec);
            let rec: &Record = &stored;
            let hash = body_hash(&rec.body);
            let url = rec.url.as_deref().filter(|u| !u.trim().is_empty());
            let existing = url.and_then(|u| {
                self.articles
                    .iter()
                    .position(|a| a.rec.url.as_deref() == Some(u))
            });
            let id = match existing {
                Some(i) if self.articles[i].hash == hash => {
                    report.articles_unchanged += 1;
                    continue;
                }
                Some(i) => {
                    let old = std::mem::replace(&mut self.articles[i].rec, rec.clone());
                    self.articles[i].hash = hash;
                    self.history.push((url.unwrap().to_string(), old));
                    let id = self.articles[i].id;
                    dirty.extend(
                        self.events
                            .iter()
                            .filter(|e| e.article == id)
                            .map(|e| e.incident.clone()),
                    );
                    self.events.retain(|e| e.article != id);
                    report.articles_updated += 1;
                    id
                }
                None => {
                    if self.articles.iter().any(|a| a.hash == hash) {
                        report.articles_unchanged += 1;
                        continue;
                    }
                    self.next_id += 1;
                    self.articles.push(Article {
                        id: self.next_id,
                        hash,
                        rec: rec.clone(),
                    });
                    report.articles_new += 1;
                    self.next_id
                }
            };
            for (seq, ev) in rec.events.iter().enumerate() {
                let key = IncidentKey::from_event(ev, Some(&rec.doc));
                let found = if key.day.is_some() {
                    self.find_incident(&key, &mut dirty, &mut report)
                } else {
                    None
                };
                let incident = match found {
                    Some(i) => {
                        report.incidents_merged += 1;
                        i
                    }
                    None => {
                        report.incidents_new += 1;
                        let base = incident_id(ev, &rec.doc, seq);
                        let mut cand = base.clone();
                        let mut n = 2;
                        while self.events.iter().any(|e| e.incident == cand) {
                            cand = format!("{base}-{n}");
                            n += 1;
                        }
                        cand
                    }
                };
                self.next_id += 1;
                self.events.push(StoredEvent {
                    id: self.next_id,
                    article: id,
                    incident: incident.clone(),
                    key,
                });
                dirty.insert(incident);
                report.events += 1;
            }
        }
        for id in dirty {
            let members = self.members(&id);
            if members.is_empty() {
                self.incidents.remove(&id);
            } else {
                self.incidents
                    .insert(id.clone(), build_incident(&id, &members));
            }
        }
        Ok(report)
    }

    fn incidents(&self, q: &IncidentQuery) -> anyhow::Result<Vec<Incident>> {
        let words: Vec<String> = q
            .text
            .as_deref()
            .map(crate::query_words)
            .unwrap_or_default();
        let mut out: Vec<&Incident> = self
            .incidents
            .values()
            .filter(|inc| {
                let day = inc.date.as_deref().and_then(parse_day);
                let day_ok = |d: Option<chrono::NaiveDate>, ge: bool| {
                    d.is_none_or(|d| {
                        day.is_some_and(|x| {
                            if ge {
                                x >= d.num_days_from_ce() as i64
                            } else {
                                x <= d.num_days_from_ce() as i64
                            }
                        })
                    })
                };
                let eq = |f: &Option<String>, v: &str| {
                    f.as_deref().is_none_or(|f| f.eq_ignore_ascii_case(v))
                };
                let actor_ok = q.actor.as_deref().is_none_or(|a| {
                    let a = a.to_lowercase();
                    [&inc.actor1, &inc.actor2]
                        .iter()
                        .any(|x| x.as_deref().is_some_and(|x| x.to_lowercase().contains(&a)))
                });
                let near_ok = q.near.is_none_or(|(lat, lon, r)| {
                    let l = inc.location.as_ref();
                    match (l.and_then(|l| l.lat), l.and_then(|l| l.lon)) {
                        (Some(a), Some(b)) => haversine_km(lat, lon, a, b) <= r,
                        _ => false,
                    }
                });
                let text_ok = words.is_empty()
                    || self
                        .events
                        .iter()
                        .filter(|e| e.incident == inc.id)
                        .any(|e| {
                            let a = self.articles.iter().find(|a| a.id == e.article).unwrap();
                            let hay = format!("{} {}", a.rec.body, crate::evidence_text(&a.rec))
                                .to_lowercase();
                            words.iter().all(|w| hay.contains(w.as_str()))
                        });
                day_ok(q.since, true)
                    && day_ok(q.until, false)
                    && eq(&q.event_type, &inc.event_type)
                    && eq(&q.subtype, &inc.subtype)
                    && actor_ok
                    && near_ok
                    && text_ok
            })
            .collect();
        out.sort_by(|a, b| {
            let (da, db) = (
                a.date.as_deref().and_then(parse_day),
                b.date.as_deref().and_then(parse_day),
            );
            da.is_none()
                .cmp(&db.is_none())
                .then(db.cmp(&da))
                .then(a.id.cmp(&b.id))
        });
        Ok(out
            .into_iter()
            .skip(q.offset.unwrap_or(0))
            .take(q.limit.unwrap_or(usize::MAX))
            .cloned()
            .collect())
    }

    fn incident(&self, id: &str) -> anyhow::Result<Option<Incident>> {
        let id = if self.incidents.contains_key(id) {
            id
        } else {
            self.aliases.get(id).map_or(id, String::as_str)
        };
        Ok(self.incidents.get(id).cloned())
    }

    fn statements(&self, q: &StatementQuery) -> anyhow::Result<Vec<StoredStatement>> {
        let words: Vec<String> = q
            .text
            .as_deref()
            .map(crate::query_words)
            .unwrap_or_default();
        let mut out = Vec::new();
        let mut id = 0;
        for a in &self.articles {
            let hay = format!("{} {}", a.rec.body, crate::evidence_text(&a.rec)).to_lowercase();
            for st in &a.rec.statements {
                id += 1;
                let day = st
                    .date
                    .as_deref()
                    .or(a.rec.published.as_deref())
                    .and_then(parse_day);
                let in_range = |d: Option<chrono::NaiveDate>, ge: bool| {
                    d.is_none_or(|d| {
                        let d = d.num_days_from_ce() as i64;
                        day.is_some_and(|x| if ge { x >= d } else { x <= d })
                    })
                };
                let ok = in_range(q.since, true)
                    && in_range(q.until, false)
                    && q.speaker
                        .as_deref()
                        .is_none_or(|s| st.speaker.to_lowercase().contains(&s.to_lowercase()))
                    && q.kind
                        .as_deref()
                        .is_none_or(|k| st.kind.as_str().eq_ignore_ascii_case(k))
                    && words.iter().all(|w| hay.contains(w.as_str()));
                if ok {
                    out.push((
                        day,
                        StoredStatement {
                            id,
                            doc: a.rec.doc.clone(),
                            url: a.rec.url.clone(),
                            published: a.rec.published.clone(),
                            statement: st.clone(),
                        },
                    ));
                }
            }
        }
        out.sort_by(|a, b| {
            a.0.is_none()
                .cmp(&b.0.is_none())
                .then(b.0.cmp(&a.0))
                .then(a.1.id.cmp(&b.1.id))
        });
        Ok(out
            .into_iter()
            .map(|x| x.1)
            .skip(q.offset.unwrap_or(0))
            .take(q.limit.unwrap_or(usize::MAX))
            .collect())
    }

    fn stats(&self) -> anyhow::Result<Stats> {
        let mut by_day: BTreeMap<String, u64> = BTreeMap::new();
        let mut by_type: BTreeMap<String, u64> = BTreeMap::new();
        let mut by_region: BTreeMap<String, u64> = BTreeMap::new();
        for inc in self.incidents.values() {
            if let Some(d) = &inc.date {
                *by_day.entry(d.clone()).or_default() += 1;
            }
            *by_type.entry(inc.event_type.clone()).or_default() += 1;
            let region = inc
                .location
                .as_ref()
                .map(|l| {
                    l.admin1
                        .clone()
                        .or_else(|| l.country.clone())
                        .unwrap_or_else(|| l.name.clone())
                })
                .unwrap_or_else(|| "(unknown)".into());
            *by_region.entry(region).or_default() += 1;
        }
        let sorted = |m: BTreeMap<String, u64>| {
            let mut v: Vec<(String, u64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        Ok(Stats {
            articles: self.articles.len() as u64,
            events: self.events.len() as u64,
            incidents: self.incidents.len() as u64,
            statements: self
                .articles
                .iter()
                .map(|a| a.rec.statements.len() as u64)
                .sum(),
            by_day: by_day.into_iter().collect(),
            by_type: sorted(by_type),
            by_region: sorted(by_region),
            store_bytes: 0,
        })
    }

    fn article(&self, doc: &str) -> anyhow::Result<Option<Record>> {
        Ok(self
            .articles
            .iter()
            .rev()
            .find(|a| a.rec.doc == doc)
            .map(|a| {
                let mut rec = a.rec.clone();
                let incidents = self
                    .events
                    .iter()
                    .filter(|e| e.article == a.id)
                    .map(|e| e.incident.clone());
                for (ev, inc) in rec.events.iter_mut().zip(incidents) {
                    ev.cluster_id = Some(inc);
                }
                rec
            }))
    }
}
