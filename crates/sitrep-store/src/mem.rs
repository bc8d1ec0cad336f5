//! [`MemStore`]: an in-memory [`Store`] with the same semantics as the SQLite one
//! (idempotence, history, incident matching and merging), for tests.
//! Candidate lookup is a scan here: fine for test-sized data.

use crate::canon::{self, EventGraph, Node};
use crate::matching::{parse_day, IncidentKey};
use crate::merge::{body_hash, build_incident, Member};
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
    /// Empty until linked.
    incident: String,
    key: IncidentKey,
    ck: String,
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

    fn member_list(&self, incident: &str) -> Vec<Member> {
        let mut evs: Vec<&StoredEvent> = self.events.iter().filter(|e| e.incident == incident).collect();
        evs.sort_by(|a, b| (&a.ck, a.id).cmp(&(&b.ck, b.id)));
        evs.into_iter()
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
                    key: e.ck.clone(),
                }
            })
            .collect()
    }

    fn node(e: &StoredEvent) -> Node {
        Node {
            id: e.id,
            ck: e.ck.clone(),
            key: e.key.clone(),
            incident: (!e.incident.is_empty()).then(|| e.incident.clone()),
        }
    }
}

/// The canonical run over the in-memory events (scans: test-sized data).
impl EventGraph for MemStore {
    fn neighbours(&mut self, n: &Node) -> anyhow::Result<Vec<Node>> {
        let all: Vec<Node> = self.events.iter().map(MemStore::node).collect();
        Ok(canon::neighbours_among(n, all.iter()))
    }
    fn members(&mut self, incident: &str) -> anyhow::Result<Vec<Node>> {
        Ok(self
            .events
            .iter()
            .filter(|e| e.incident == incident)
            .map(MemStore::node)
            .collect())
    }
    fn set_incident(&mut self, id: i64, incident: &str) -> anyhow::Result<()> {
        if let Some(e) = self.events.iter_mut().find(|e| e.id == id) {
            e.incident = incident.to_string();
        }
        Ok(())
    }
}

impl Store for MemStore {
    fn ingest(&mut self, records: &[Record]) -> anyhow::Result<IngestReport> {
        let mut report = IngestReport::default();
        let mut dirty: BTreeSet<String> = BTreeSet::new();
        let mut pending: Vec<Node> = Vec::new();
        let mut new_ids: BTreeSet<i64> = BTreeSet::new();
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
                    self.articles[i].hash = hash.clone();
                    self.history.push((url.unwrap().to_string(), old));
                    let id = self.articles[i].id;
                    let removed: Vec<Node> = self
                        .events
                        .iter()
                        .filter(|e| e.article == id)
                        .map(MemStore::node)
                        .collect();
                    self.events.retain(|e| e.article != id);
                    pending.retain(|n| removed.iter().all(|r| r.id != n.id));
                    for r in &removed {
                        dirty.extend(r.incident.clone());
                        let mut touched = self.neighbours(r)?;
                        if let Some(inc) = &r.incident {
                            for m in EventGraph::members(self, inc)? {
                                touched.extend(self.neighbours(&m)?);
                                touched.push(m);
                            }
                        }
                        pending.extend(touched);
                    }
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
                        hash: hash.clone(),
                        rec: rec.clone(),
                    });
                    report.articles_new += 1;
                    self.next_id
                }
            };
            let keys = IncidentKey::for_record(rec);
            for (seq, ev) in rec.events.iter().enumerate() {
                let key = keys[seq].clone();
                let article = canon::article_identity(rec.url.as_deref(), &hash);
                let ck = canon::canonical_key(&key, &canon::event_uid(ev, article, seq));
                self.next_id += 1;
                let e = StoredEvent {
                    id: self.next_id,
                    article: id,
                    incident: String::new(),
                    key,
                    ck,
                };
                pending.push(MemStore::node(&e));
                new_ids.insert(e.id);
                self.events.push(e);
                report.events += 1;
            }
        }
        let replay = canon::replay(self, pending, false)?;
        dirty.extend(replay.dirty);
        let mut votes: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (old, new) in &replay.moved {
            if let Some(old) = old {
                *votes.entry(old.clone()).or_default().entry(new.clone()).or_default() += 1;
            }
        }
        for (_, new) in &replay.moved {
            self.aliases.remove(new);
        }
        for (old, targets) in votes {
            if self.events.iter().any(|e| e.incident == old) {
                continue;
            }
            let target = targets
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|t| t.0)
                .unwrap_or_default();
            for v in self.aliases.values_mut().filter(|v| **v == old) {
                *v = target.clone();
            }
            self.aliases.insert(old, target);
            report.incidents_joined += 1;
        }
        let mut by_incident: BTreeMap<String, u64> = BTreeMap::new();
        for e in self.events.iter().filter(|e| new_ids.contains(&e.id)) {
            *by_incident.entry(e.incident.clone()).or_default() += 1;
        }
        for (inc, n) in by_incident {
            if self
                .events
                .iter()
                .filter(|e| e.incident == inc)
                .all(|e| new_ids.contains(&e.id))
            {
                report.incidents_new += 1;
                report.incidents_merged += n - 1;
            } else {
                report.incidents_merged += n;
            }
        }
        for id in dirty {
            let members = self.member_list(&id);
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
                day_ok(q.since, true) && day_ok(q.until, false) && q.matches(*inc, true) && text_ok
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

    fn incident_ids_with_text(&self, text: &str) -> anyhow::Result<std::collections::HashSet<String>> {
        let words = crate::query_words(text);
        anyhow::ensure!(!words.is_empty(), "text: no words to search for");
        Ok(self
            .events
            .iter()
            .filter(|e| {
                let a = self.articles.iter().find(|a| a.id == e.article).unwrap();
                let hay = format!("{} {}", a.rec.body, crate::evidence_text(&a.rec)).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|e| e.incident.clone())
            .collect())
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
