//! The watch loop: one [`Watcher::cycle`] fetches the feeds that are due,
//! fetches the pages of their new and updated items, extracts and stores
//! them, reads new or changed files of watched directories, and saves every
//! state; [`Watcher::run`] repeats it, sleeping until the next feed is due or
//! a watched directory changes.
//!
//! Order of writes, so that a kill at any point loses nothing committed and
//! stores nothing twice: an article is committed, then its item's state; a
//! feed's validators (ETag, Last-Modified) only once every item of that fetch
//! has a state. After a crash the feed is fetched in full again, items with a
//! state are not fetched again, and an article fetched again is recognised by
//! the store (same URL, same body) and not stored twice.

use crate::clock::Clock;
use crate::dir;
use crate::error::{FetchError, ItemError};
use crate::feed::{parse_feed, FeedItem};
use crate::http::{
    Body, Fetcher, HttpFetcher, Limits, Request, Response, ACCEPT_FEED, ACCEPT_PAGE,
};
use crate::policy::Policy;
use crate::schedule::{self, HostGate};
use crate::sources::{FeedSpec, Sources};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use sitrep_model::Record;
use sitrep_pipeline::{Document, Format, Pipeline};
use sitrep_store::watch::{FileState, ItemState, ItemStatus, SourceState};
use sitrep_store::{SqliteStore, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use url::Url;

/// Where log lines go.
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// Settings of a watcher.
#[derive(Debug, Clone)]
pub struct Options {
    /// How often each feed is fetched (when it does not fail).
    pub every_ms: i64,
    /// Least time between two requests to one host.
    pub host_delay_ms: i64,
    pub limits: Limits,
    /// Hosts fetched at once.
    pub jobs: usize,
    /// Pages extracted together (in parallel) before their states are saved.
    pub batch: usize,
    /// Attempts at an item's page before giving up on it (until the item changes).
    pub max_attempts: u32,
    /// A watched file is read once it has not changed for this long.
    pub settle_ms: i64,
    /// Item states of items gone from their feed are forgotten after this long.
    pub forget_after_ms: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            every_ms: 5 * 60 * 1000,
            host_delay_ms: 1000,
            limits: Limits::default(),
            jobs: 4,
            batch: 16,
            max_attempts: 5,
            settle_ms: 1000,
            forget_after_ms: 90 * 24 * 3600 * 1000,
        }
    }
}

/// What one cycle did with one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceReport {
    pub key: String,
    /// The name shown in the log: the outlet's, else the feed's title, else the URL.
    pub name: String,
    /// Fetched (or listed) in this cycle.
    pub checked: bool,
    /// The server said 304.
    pub not_modified: bool,
    /// Articles stored for the first time.
    pub new: u64,
    /// Stored articles replaced by a changed version.
    pub updated: u64,
    /// Items or files not stored because the store has them already.
    pub skipped: u64,
    pub failed: u64,
    /// Items not tried because their host asked for a pause (tried after it).
    pub deferred: u64,
    /// The source's own error: `(name, message)`.
    pub error: Option<(String, String)>,
    /// Problems that did not stop the source (`invalid-dates`).
    pub warnings: Vec<(String, String)>,
}

/// What one cycle did.
#[derive(Debug, Clone, Default)]
pub struct CycleReport {
    pub number: u64,
    pub started_ms: i64,
    pub ended_ms: i64,
    pub sources: Vec<SourceReport>,
}

impl CycleReport {
    pub fn new_articles(&self) -> u64 {
        self.sources.iter().map(|s| s.new).sum()
    }
    pub fn updated(&self) -> u64 {
        self.sources.iter().map(|s| s.updated).sum()
    }
    pub fn skipped(&self) -> u64 {
        self.sources.iter().map(|s| s.skipped).sum()
    }
    pub fn failed(&self) -> u64 {
        self.sources.iter().map(|s| s.failed).sum()
    }
    pub fn deferred(&self) -> u64 {
        self.sources.iter().map(|s| s.deferred).sum()
    }
    /// Whether the store changed.
    pub fn changed(&self) -> bool {
        self.new_articles() + self.updated() > 0
    }

    /// The one log line of the cycle: totals, then each source checked.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        for s in self.sources.iter().filter(|s| s.checked) {
            let what = if let Some((kind, _)) = &s.error {
                format!("error {kind}")
            } else if s.not_modified && s.new + s.updated + s.failed + s.deferred == 0 {
                "not modified".to_string()
            } else {
                let mut w = format!("{} new, {} skipped, {} failed", s.new, s.skipped, s.failed);
                if s.updated > 0 {
                    w = format!(
                        "{} new, {} updated, {} skipped, {} failed",
                        s.new, s.updated, s.skipped, s.failed
                    );
                }
                if s.deferred > 0 {
                    w.push_str(&format!(", {} deferred", s.deferred));
                }
                for (k, _) in &s.warnings {
                    w.push_str(&format!(", warning {k}"));
                }
                w
            };
            parts.push(format!("{}: {what}", s.name));
        }
        format!(
            "cycle {} ({:.1} s): {} new, {} updated, {} skipped, {} failed; {} of {} sources checked{}{}",
            self.number,
            (self.ended_ms - self.started_ms) as f64 / 1000.0,
            self.new_articles(),
            self.updated(),
            self.skipped(),
            self.failed(),
            parts.len(),
            self.sources.len(),
            if parts.is_empty() { "" } else { " | " },
            parts.join(" | ")
        )
    }
}

/// What to do with one item of a fetched feed, given its stored state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemAction {
    /// Never seen: fetch (unless the store has its URL already).
    New,
    /// Seen, but it changed: fetch again and update its article.
    Updated,
    /// Failed before and due for another attempt.
    Retry,
    /// Nothing to do.
    Known,
}

/// The decision for one item: a pure function of its fingerprint, its stored state and the time.
pub fn item_action(fingerprint: &str, known: Option<&ItemState>, now: i64) -> ItemAction {
    match known {
        None => ItemAction::New,
        Some(s) if s.fingerprint != fingerprint => ItemAction::Updated,
        Some(s) if s.status == ItemStatus::Failed && schedule::is_due(s.next_try, now) => {
            ItemAction::Retry
        }
        Some(_) => ItemAction::Known,
    }
}

/// One page to fetch and store.
#[derive(Debug, Clone)]
struct Job {
    /// Index of the feed in `sources.feeds`.
    feed: usize,
    key: String,
    link: Option<String>,
    content: Option<String>,
    title: Option<String>,
    published: Option<DateTime<Utc>>,
    fingerprint: String,
    prev: Option<ItemState>,
}

impl Job {
    fn of_item(feed: usize, it: &FeedItem, prev: Option<&ItemState>) -> Job {
        Job {
            feed,
            key: it.key.clone(),
            link: it.link.clone(),
            content: it.content.clone(),
            title: it.title.clone(),
            published: it.published.or(it.updated),
            fingerprint: it.fingerprint.clone(),
            prev: prev.cloned(),
        }
    }

    /// A retry from the stored state alone (the feed answered 304).
    fn of_state(feed: usize, s: &ItemState) -> Job {
        Job {
            feed,
            key: s.key.clone(),
            link: s.link.clone(),
            content: None,
            title: None,
            published: None,
            fingerprint: s.fingerprint.clone(),
            prev: Some(s.clone()),
        }
    }

    /// Attempts so far at this version of the item.
    fn attempts(&self) -> u32 {
        match &self.prev {
            Some(p) if p.fingerprint == self.fingerprint && p.status == ItemStatus::Failed => {
                p.attempts
            }
            _ => 0,
        }
    }
}

/// What fetching a job's page gave.
enum Fetched {
    Page(Body),
    /// No link: the item's own content is the article.
    Content,
    /// The host asked for a pause until then; not tried.
    Deferred(i64),
    Failed(ItemError),
}

/// A feed fetched in this cycle, waiting for its items to be handled.
struct FeedDone {
    feed: usize,
    etag: Option<String>,
    last_modified: Option<String>,
    title: Option<String>,
    keys: Vec<String>,
}

/// The watcher. Holds the store (its own connection), the pipeline, the fetcher and the clock.
pub struct Watcher {
    store: SqliteStore,
    pipeline: Pipeline,
    fetcher: Arc<dyn Fetcher>,
    clock: Arc<dyn Clock>,
    sources: Sources,
    opts: Options,
    gate: Mutex<HostGate>,
    log: Log,
    cycles: u64,
}

impl Watcher {
    pub fn new(
        store: SqliteStore,
        sources: Sources,
        fetcher: Arc<dyn Fetcher>,
        clock: Arc<dyn Clock>,
        opts: Options,
        log: Log,
    ) -> Watcher {
        Watcher {
            store,
            pipeline: Pipeline::new(),
            fetcher,
            clock,
            sources,
            gate: Mutex::new(HostGate::new(opts.host_delay_ms)),
            opts,
            log,
            cycles: 0,
        }
    }

    /// A watcher with the real HTTP client: the hosts of the named feeds may be
    /// private or loopback, no other host may.
    pub fn with_http(
        store: SqliteStore,
        sources: Sources,
        clock: Arc<dyn Clock>,
        opts: Options,
        log: Log,
    ) -> Watcher {
        let policy = Policy::new(sources.named_hosts());
        let fetcher = Arc::new(HttpFetcher::new(policy, opts.limits.clone(), clock.clone()));
        Watcher::new(store, sources, fetcher, clock, opts, log)
    }

    pub fn store(&self) -> &SqliteStore {
        &self.store
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    fn say(&self, line: &str) {
        (self.log)(line)
    }

    fn feed_name(&self, spec: &FeedSpec, state: &SourceState) -> String {
        spec.name
            .clone()
            .or_else(|| state.name.clone())
            .unwrap_or_else(|| spec.url.to_string())
    }

    /// One cycle over every source.
    pub fn cycle(&mut self) -> Result<CycleReport> {
        self.cycles += 1;
        let started = self.clock.now_ms();
        let mut report = CycleReport {
            number: self.cycles,
            started_ms: started,
            ..Default::default()
        };
        let mut feed_reports = self.feeds_cycle(started)?;
        report.sources.append(&mut feed_reports);
        let mut dir_reports = self.dirs_cycle()?;
        report.sources.append(&mut dir_reports);
        report.ended_ms = self.clock.now_ms();
        Ok(report)
    }

    /// The earliest time something is due: a feed's next fetch.
    pub fn next_due(&self) -> Result<Option<i64>> {
        let mut next: Option<i64> = None;
        for f in &self.sources.feeds {
            let t = self
                .store
                .source_state(f.url.as_str())?
                .and_then(|s| s.next_fetch)
                .unwrap_or(i64::MIN);
            next = Some(next.map_or(t, |n| n.min(t)));
        }
        Ok(next)
    }

    fn feeds_cycle(&mut self, now: i64) -> Result<Vec<SourceReport>> {
        let feeds = self.sources.feeds.clone();
        let mut states: Vec<SourceState> = Vec::with_capacity(feeds.len());
        for f in &feeds {
            states.push(
                self.store
                    .source_state(f.url.as_str())?
                    .unwrap_or_else(|| SourceState {
                        key: f.url.to_string(),
                        kind: "feed".into(),
                        name: f.name.clone(),
                        ..Default::default()
                    }),
            );
        }
        let mut reports: Vec<SourceReport> = feeds
            .iter()
            .zip(&states)
            .map(|(f, s)| SourceReport {
                key: f.url.to_string(),
                name: self.feed_name(f, s),
                ..Default::default()
            })
            .collect();

        // 1. Fetch the feeds that are due, hosts in parallel, each host politely.
        let due: Vec<(String, usize)> = (0..feeds.len())
            .filter(|&i| schedule::is_due(states[i].next_fetch, now))
            .map(|i| (feeds[i].url.host_str().unwrap_or("").to_string(), i))
            .collect();
        let mut fetched: Vec<(usize, Result<Response, FetchError>)> = Vec::new();
        {
            let (fetcher, clock, gate, limits) =
                (&*self.fetcher, &*self.clock, &self.gate, &self.opts.limits);
            let states = &states;
            let feeds = &feeds;
            run_by_host(
                due,
                self.opts.jobs,
                1,
                |host, &i| {
                    let st = &states[i];
                    let req = Request {
                        url: &feeds[i].url,
                        etag: st.etag.as_deref(),
                        last_modified: st.last_modified.as_deref(),
                        max_bytes: limits.feed_bytes,
                        accept: ACCEPT_FEED,
                    };
                    polite_fetch(fetcher, clock, gate, host, &req)
                },
                |batch| {
                    fetched.extend(batch);
                    Ok(())
                },
            )?;
        }
        fetched.sort_by_key(|(i, _)| *i);

        // 2. Read each feed and decide what to fetch.
        let mut jobs: Vec<(String, Job)> = Vec::new();
        let mut done: Vec<FeedDone> = Vec::new();
        for (i, res) in fetched {
            let fetch_time = self.clock.now_ms();
            let key = feeds[i].url.to_string();
            reports[i].checked = true;
            states[i].last_fetch = Some(fetch_time);
            let body = match res {
                Ok(Response::NotModified) => {
                    reports[i].not_modified = true;
                    None
                }
                Ok(Response::Body(b)) => Some(b),
                Err(e) => {
                    self.feed_failed(
                        &mut states[i],
                        &mut reports[i],
                        e.kind(),
                        e.to_string(),
                        e.retry_after_ms(),
                        now,
                    )?;
                    continue;
                }
            };
            let known = self.store.item_states(&key)?;
            let mut fd = FeedDone {
                feed: i,
                etag: states[i].etag.clone(),
                last_modified: states[i].last_modified.clone(),
                title: None,
                keys: Vec::new(),
            };
            match body {
                None => {
                    // 304: only the items that failed before and are due again.
                    let mut retry: Vec<&ItemState> = known
                        .values()
                        .filter(|s| item_action(&s.fingerprint, Some(s), now) == ItemAction::Retry)
                        .collect();
                    retry.sort_by(|a, b| a.key.cmp(&b.key));
                    for s in retry {
                        let j = Job::of_state(i, s);
                        jobs.push((host_of(j.link.as_deref()), j));
                    }
                }
                Some(b) => {
                    let parsed = match parse_feed(&b.bytes, b.content_type.as_deref(), &b.url) {
                        Ok(p) => p,
                        Err(e) => {
                            self.feed_failed(
                                &mut states[i],
                                &mut reports[i],
                                e.kind(),
                                e.to_string(),
                                None,
                                now,
                            )?;
                            continue;
                        }
                    };
                    if !parsed.invalid_dates.is_empty() {
                        let n = parsed.invalid_dates.len();
                        let msg = format!(
                            "{n} date{} that cannot be read ({}); those items are dated from their pages",
                            if n == 1 { "" } else { "s" },
                            parsed
                                .invalid_dates
                                .iter()
                                .take(3)
                                .map(|d| format!("{d:?}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                        self.say(&format!(
                            "{}: warning invalid-dates: {msg}",
                            reports[i].name
                        ));
                        reports[i].warnings.push(("invalid-dates".into(), msg));
                    }
                    fd.etag = b.etag.clone();
                    fd.last_modified = b.last_modified.clone();
                    fd.title = parsed.title.clone();
                    if feeds[i].name.is_none() {
                        if let Some(t) = &parsed.title {
                            reports[i].name = t.clone();
                        }
                    }
                    let mut seen_keys = std::collections::HashSet::new();
                    let mut skipped_states = Vec::new();
                    for it in &parsed.items {
                        if !seen_keys.insert(it.key.clone()) {
                            continue; // the same item twice in one feed
                        }
                        fd.keys.push(it.key.clone());
                        let prev = known.get(&it.key);
                        match item_action(&it.fingerprint, prev, now) {
                            ItemAction::Known => reports[i].skipped += 1,
                            ItemAction::New
                                if it.link.as_deref().is_some_and(|l| {
                                    self.store.has_article_url(l).unwrap_or(false)
                                }) =>
                            {
                                // Stored already (another feed, or `sitrep ingest`): not fetched.
                                reports[i].skipped += 1;
                                skipped_states.push(ItemState {
                                    key: it.key.clone(),
                                    link: it.link.clone(),
                                    fingerprint: it.fingerprint.clone(),
                                    status: ItemStatus::Skipped,
                                    attempts: 0,
                                    next_try: None,
                                    last_error: None,
                                    first_seen: now,
                                    updated_at: now,
                                });
                            }
                            _ => {
                                let j = Job::of_item(i, it, prev);
                                jobs.push((host_of(j.link.as_deref()), j));
                            }
                        }
                    }
                    self.store.save_item_states(&key, &skipped_states)?;
                }
            }
            done.push(fd);
        }

        // 3. Fetch the pages (hosts in parallel, each politely), extract and store them in batches.
        {
            let (fetcher, clock, gate, opts) =
                (&*self.fetcher, &*self.clock, &self.gate, &self.opts);
            let store = &mut self.store;
            let pipeline = &self.pipeline;
            let log = &self.log;
            let names: Vec<String> = reports.iter().map(|r| r.name.clone()).collect();
            let outlets: Vec<Option<String>> = feeds
                .iter()
                .zip(&done_titles(&done, feeds.len(), &states))
                .map(|(f, t)| f.name.clone().or_else(|| t.clone()))
                .collect();
            let reports = &mut reports;
            let feeds = &feeds;
            run_by_host(
                jobs,
                opts.jobs,
                opts.batch,
                |host, job| fetch_page(fetcher, clock, gate, opts, host, job),
                |batch| {
                    let now = clock.now_ms();
                    store_pages(
                        store, pipeline, feeds, &outlets, &names, opts, log, reports, batch, now,
                    )
                },
            )?;
        }

        // 4. Only now the feeds' validators and health are saved.
        let end = self.clock.now_ms();
        for fd in done {
            let i = fd.feed;
            let st = &mut states[i];
            st.etag = fd.etag;
            st.last_modified = fd.last_modified;
            if st.name.is_none() || feeds[i].name.is_some() {
                st.name = feeds[i].name.clone().or(fd.title);
            }
            st.last_success = Some(end);
            st.failures = 0;
            st.next_fetch = Some(schedule::next_after_success(now, self.opts.every_ms));
            if let Some((kind, msg)) = reports[i].warnings.first() {
                st.last_error_kind = Some(kind.clone());
                st.last_error = Some(msg.clone());
                st.last_error_at = Some(end);
            }
            st.items_new += reports[i].new + reports[i].updated;
            st.items_skipped += reports[i].skipped;
            st.items_failed += reports[i].failed;
            self.store.save_source_state(st)?;
            if !fd.keys.is_empty() {
                let keep: Vec<&str> = fd.keys.iter().map(String::as_str).collect();
                self.store
                    .prune_items(&st.key, now - self.opts.forget_after_ms, &keep)?;
            }
        }
        // Feeds never fetched yet still get a row, so `stats` lists them.
        for (i, st) in states.iter().enumerate() {
            if !reports[i].checked && self.store.source_state(&st.key)?.is_none() {
                self.store.save_source_state(st)?;
            }
        }
        Ok(reports)
    }

    fn feed_failed(
        &mut self,
        st: &mut SourceState,
        rep: &mut SourceReport,
        kind: String,
        msg: String,
        retry_after_ms: Option<i64>,
        now: i64,
    ) -> Result<()> {
        self.say(&format!("{}: error {kind}: {msg} ({})", rep.name, st.key));
        st.failures += 1;
        st.last_error_kind = Some(kind.clone());
        st.last_error = Some(msg.clone());
        st.last_error_at = st.last_fetch.or(Some(now));
        st.next_fetch = Some(schedule::next_after_failure(
            now,
            self.opts.every_ms,
            st.failures,
            retry_after_ms,
        ));
        rep.error = Some((kind, msg));
        self.store.save_source_state(st)
    }

    fn dirs_cycle(&mut self) -> Result<Vec<SourceReport>> {
        let mut out = Vec::new();
        for d in self.sources.dirs.clone() {
            out.push(self.dir_cycle(&d)?);
        }
        Ok(out)
    }

    /// The earliest time an unsettled file of a watched directory can be read.
    pub fn dir_wake(&self) -> Option<i64> {
        let now = self.clock.now_ms();
        let mut wake: Option<i64> = None;
        for d in &self.sources.dirs {
            let key = dir_key(d);
            let known = self.store.file_states(&key).unwrap_or_default();
            let listing = dir::list(d);
            if let (_, Some(w)) = dir::to_read(&listing.files, &known, now, self.opts.settle_ms) {
                wake = Some(wake.map_or(w, |x| x.min(w)));
            }
        }
        wake
    }

    fn dir_cycle(&mut self, d: &Path) -> Result<SourceReport> {
        let key = dir_key(d);
        let now = self.clock.now_ms();
        let mut st = self
            .store
            .source_state(&key)?
            .unwrap_or_else(|| SourceState {
                key: key.clone(),
                kind: "dir".into(),
                name: Some(d.display().to_string()),
                ..Default::default()
            });
        let mut rep = SourceReport {
            key: key.clone(),
            name: format!("{}/", d.display()),
            checked: true,
            ..Default::default()
        };
        st.last_fetch = Some(now);
        let known = self.store.file_states(&key)?;
        let listing = dir::list(d);
        let mut new_states: Vec<FileState> = Vec::new();
        let fresh_ignored: Vec<&PathBuf> = listing
            .ignored
            .iter()
            .filter(|p| !known.contains_key(&p.display().to_string()))
            .collect();
        if !fresh_ignored.is_empty() {
            self.say(&format!(
                "{}: not read (not .txt, .html, .htm or .jsonl, or those gzipped): {}",
                rep.name,
                fresh_ignored
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for p in fresh_ignored {
                new_states.push(FileState {
                    path: p.display().to_string(),
                    size: 0,
                    mtime_ns: 0,
                    status: "ignored".into(),
                    last_error: None,
                    updated_at: now,
                });
            }
            self.store.save_file_states(&key, &new_states)?;
        }
        let mut errors: Vec<String> = listing.errors.clone();
        let (to_read, _) = dir::to_read(&listing.files, &known, now, self.opts.settle_ms);
        for f in to_read {
            let docs = sitrep_pipeline::source::read_path(&f.path);
            let results: Vec<std::result::Result<Record, String>> = docs
                .into_par_iter()
                .map(|d| match d {
                    Ok(doc) => {
                        let mut rec = to_record(&self.pipeline, &doc);
                        if rec.url.is_none() {
                            // Its identity: a changed version of the file replaces it.
                            rec.url = Url::from_file_path(&f.path).ok().map(|mut u| {
                                if doc.doc
                                    != f.path
                                        .file_name()
                                        .map(|n| n.to_string_lossy().into_owned())
                                        .unwrap_or_default()
                                {
                                    u.set_fragment(Some(&doc.doc));
                                }
                                u.to_string()
                            });
                        }
                        Ok(rec)
                    }
                    Err(e) => Err(e.to_string()),
                })
                .collect();
            let mut first_error = None;
            let mut records = Vec::new();
            for r in results {
                match r {
                    Ok(rec) => records.push(rec),
                    Err(e) => {
                        self.say(&format!("{}: error bad-input: {e}", rep.name));
                        rep.failed += 1;
                        first_error.get_or_insert(e);
                    }
                }
            }
            // One transaction per file (a JSON Lines file may hold many articles).
            let rp = self.store.ingest(&records)?;
            rep.new += rp.articles_new;
            rep.updated += rp.articles_updated;
            rep.skipped += rp.articles_unchanged;
            let state = FileState {
                path: f.key(),
                size: f.size,
                mtime_ns: f.mtime_ns,
                status: if first_error.is_some() {
                    "failed"
                } else {
                    "stored"
                }
                .into(),
                last_error: first_error.clone(),
                updated_at: now,
            };
            if let Some(e) = first_error {
                errors.push(e);
            }
            self.store
                .save_file_states(&key, std::slice::from_ref(&state))?;
        }
        for e in listing.errors.iter() {
            self.say(&format!("{}: error unreadable: {e}", rep.name));
        }
        if let Some(e) = errors.first() {
            let kind = if listing.errors.is_empty() {
                "bad-input"
            } else {
                "unreadable"
            };
            st.last_error_kind = Some(kind.into());
            st.last_error = Some(e.clone());
            st.last_error_at = Some(now);
            if !listing.errors.is_empty() {
                rep.error = Some((kind.into(), e.clone()));
            }
        }
        if rep.error.is_none() {
            st.last_success = Some(now);
            st.failures = 0;
        } else {
            st.failures += 1;
        }
        st.items_new += rep.new + rep.updated;
        st.items_skipped += rep.skipped;
        st.items_failed += rep.failed;
        self.store.save_source_state(&st)?;
        Ok(rep)
    }

    /// Run cycles until `stop` says so (checked after each cycle and wait):
    /// after each cycle `on_cycle` gets its report; in between, sleep until the
    /// next feed is due (at most one interval) or a watched directory changes.
    pub fn run(
        &mut self,
        mut on_cycle: impl FnMut(&CycleReport),
        stop: impl Fn() -> bool,
    ) -> Result<()> {
        let (tx, rx) = mpsc::channel::<()>();
        let _fs_watcher = self.watch_dirs(tx);
        loop {
            let report = self.cycle()?;
            on_cycle(&report);
            if stop() {
                return Ok(());
            }
            let now = self.clock.now_ms();
            let mut next = self.next_due()?.unwrap_or(now + self.opts.every_ms);
            if let Some(w) = self.dir_wake() {
                next = next.min(w);
            }
            if !self.sources.dirs.is_empty() {
                // Directories are also listed once per interval, in case an event was missed.
                next = next.min(now + self.opts.every_ms);
            }
            let wait = (next - now).clamp(0, self.opts.every_ms.max(1));
            match rx.recv_timeout(Duration::from_millis(wait as u64)) {
                Ok(()) => {
                    // Let a burst of events (a file being written, many files dropped) settle.
                    std::thread::sleep(Duration::from_millis(200));
                    while rx.try_recv().is_ok() {}
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    std::thread::sleep(Duration::from_millis(wait as u64));
                }
            }
            if stop() {
                return Ok(());
            }
        }
    }

    /// File-system events of the watched directories wake the loop (None when
    /// there are none, or the system refuses: then they are listed every interval).
    fn watch_dirs(&self, tx: mpsc::Sender<()>) -> Option<notify::RecommendedWatcher> {
        use notify::Watcher as _;
        if self.sources.dirs.is_empty() {
            return None;
        }
        let mut w = match notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(ev) = res {
                if matches!(
                    ev.kind,
                    notify::EventKind::Create(_)
                        | notify::EventKind::Modify(_)
                        | notify::EventKind::Any
                ) {
                    let _ = tx.send(());
                }
            }
        }) {
            Ok(w) => w,
            Err(e) => {
                self.say(&format!("warning: file-system events unavailable ({e}); directories are listed every interval"));
                return None;
            }
        };
        for d in &self.sources.dirs {
            if let Err(e) = w.watch(d, notify::RecursiveMode::Recursive) {
                self.say(&format!(
                    "warning: cannot watch {} for events ({e}); it is listed every interval",
                    d.display()
                ));
            }
        }
        Some(w)
    }
}

/// The key of a watched directory in the store.
pub fn dir_key(d: &Path) -> String {
    format!("dir:{}", d.display())
}

fn host_of(link: Option<&str>) -> String {
    link.and_then(|l| Url::parse(l).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

fn done_titles(done: &[FeedDone], n: usize, states: &[SourceState]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = states.iter().map(|s| s.name.clone()).collect();
    out.resize(n, None);
    for d in done {
        if d.title.is_some() {
            out[d.feed] = d.title.clone();
        }
    }
    out
}

/// GET through the host gate: waits for the politeness delay, and not at all
/// while the host asked for a pause.
fn polite_fetch(
    fetcher: &dyn Fetcher,
    clock: &dyn Clock,
    gate: &Mutex<HostGate>,
    host: &str,
    req: &Request<'_>,
) -> Result<Response, FetchError> {
    let now = clock.now_ms();
    let at = gate
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .reserve(host, now);
    if at > now {
        clock.sleep(Duration::from_millis((at - now) as u64));
    }
    let res = fetcher.fetch(req);
    if let Err(e) = &res {
        if let Some(ra) = e.retry_after_ms() {
            gate.lock()
                .unwrap_or_else(|e| e.into_inner())
                .pause(host, clock.now_ms() + ra.min(schedule::MAX_RETRY_AFTER_MS));
        }
    }
    res
}

fn fetch_page(
    fetcher: &dyn Fetcher,
    clock: &dyn Clock,
    gate: &Mutex<HostGate>,
    opts: &Options,
    host: &str,
    job: &Job,
) -> Fetched {
    let Some(link) = &job.link else {
        return if job.content.is_some() {
            Fetched::Content
        } else {
            Fetched::Failed(ItemError::NoLink)
        };
    };
    let url = match Url::parse(link) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u,
        _ => return Fetched::Failed(ItemError::BadLink(link.clone())),
    };
    let paused = gate
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .paused(host, clock.now_ms());
    if let Some(until) = paused {
        return Fetched::Deferred(until);
    }
    let req = Request {
        url: &url,
        etag: None,
        last_modified: None,
        max_bytes: opts.limits.page_bytes,
        accept: ACCEPT_PAGE,
    };
    match polite_fetch(fetcher, clock, gate, host, &req) {
        Ok(Response::Body(b)) => Fetched::Page(b),
        Ok(Response::NotModified) => Fetched::Failed(ItemError::Fetch(FetchError::Status {
            status: 304,
            retry_after_ms: None,
        })),
        Err(e) => Fetched::Failed(e.into()),
    }
}

/// The article of a fetched page (or of the item's own content).
fn page_record(
    pipeline: &Pipeline,
    feed_url: &Url,
    outlet: Option<&str>,
    job: &Job,
    fetched: &Fetched,
) -> std::result::Result<Record, ItemError> {
    let (raw, format, url) = match fetched {
        Fetched::Page(b) => {
            let (format, raw) = page_text(b)?;
            (
                raw,
                format,
                job.link.clone().unwrap_or_else(|| b.url.to_string()),
            )
        }
        Fetched::Content => {
            let mut u = feed_url.clone();
            u.set_fragment(Some(&job.key));
            (
                job.content.clone().unwrap_or_default(),
                Format::Html,
                u.to_string(),
            )
        }
        Fetched::Deferred(_) => unreachable!("deferred jobs are not extracted"),
        Fetched::Failed(e) => return Err(e.clone()),
    };
    let doc = Document {
        doc: url.clone(),
        origin: url.clone(),
        format,
        raw,
        title: job.title.clone(),
        url: Some(url),
        published: job.published.map(|d| d.format("%Y-%m-%d").to_string()),
        source: outlet.map(str::to_string),
        flags: Vec::new(),
    };
    let rec = to_record(pipeline, &doc);
    if rec.body.trim().is_empty() {
        return Err(ItemError::NoText);
    }
    Ok(rec)
}

/// A page's text and format from its content type (sniffed when it says nothing useful).
fn page_text(b: &Body) -> std::result::Result<(Format, String), ItemError> {
    let ct = b
        .content_type
        .as_deref()
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let head = String::from_utf8_lossy(&b.bytes[..b.bytes.len().min(1024)]).to_ascii_lowercase();
    let htmlish = head.contains("<html")
        || head.contains("<!doctype html")
        || head.contains("<body")
        || head.contains("<p>");
    let format = match ct.as_str() {
        "text/html" | "application/xhtml+xml" => Format::Html,
        "text/plain" => Format::Text,
        "" | "application/octet-stream" | "text/xml" | "application/xml" if htmlish => Format::Html,
        c if c.starts_with("text/") => {
            if htmlish {
                Format::Html
            } else {
                Format::Text
            }
        }
        other => {
            return Err(ItemError::NotHtml(if other.is_empty() {
                "none".into()
            } else {
                other.into()
            }));
        }
    };
    if sitrep_pipeline::source::looks_binary(&b.bytes) {
        return Err(ItemError::NotHtml(format!(
            "{} with binary content",
            if ct.is_empty() { "none" } else { &ct }
        )));
    }
    let text = match std::str::from_utf8(&b.bytes) {
        Ok(s) => s.to_string(),
        Err(_) if format == Format::Html => {
            rs_trafilatura::encoding::transcode_to_utf8(&b.bytes).to_string()
        }
        Err(_) => String::from_utf8_lossy(&b.bytes).into_owned(),
    };
    Ok((format, text))
}

/// Extract a document, keeping the source metadata the pipeline may not copy
/// (as `sitrep ingest` does).
fn to_record(p: &Pipeline, doc: &Document) -> Record {
    let mut rec = p.extract(doc, None);
    if rec.url.is_none() {
        rec.url = doc.url.clone().filter(|u| !u.trim().is_empty());
    }
    if rec.source.is_none() {
        rec.source = doc.source.clone();
    }
    if rec.title.is_none() {
        rec.title = doc.title.clone();
    }
    if rec.published.is_none() {
        rec.published = doc.published.clone();
    }
    rec
}

/// Extract a batch of fetched pages in parallel, store them one by one and
/// save their items' states (after the articles).
#[allow(clippy::too_many_arguments)]
fn store_pages(
    store: &mut SqliteStore,
    pipeline: &Pipeline,
    feeds: &[FeedSpec],
    outlets: &[Option<String>],
    names: &[String],
    opts: &Options,
    log: &Log,
    reports: &mut [SourceReport],
    batch: Vec<(Job, Fetched)>,
    now: i64,
) -> Result<()> {
    let extracted: Vec<(Job, std::result::Result<Record, ItemError>, Option<i64>)> = batch
        .into_par_iter()
        .map(|(job, f)| {
            if let Fetched::Deferred(until) = f {
                return (
                    job,
                    Err(ItemError::Fetch(FetchError::Other("host paused".into()))),
                    Some(until),
                );
            }
            let r = page_record(
                pipeline,
                &feeds[job.feed].url,
                outlets[job.feed].as_deref(),
                &job,
                &f,
            );
            (job, r, None)
        })
        .collect();
    // Store the articles: one transaction per feed of the batch (incidents are
    // rebuilt once per batch, not once per article).
    let mut groups: std::collections::BTreeMap<usize, Vec<Record>> = Default::default();
    let mut outcomes: Vec<(Job, std::result::Result<String, ItemError>, Option<i64>)> = Vec::new();
    for (job, res, deferred) in extracted {
        match (res, deferred) {
            (Ok(rec), None) => {
                let url = rec.url.clone().unwrap_or_default();
                groups.entry(job.feed).or_default().push(rec);
                outcomes.push((job, Ok(url), None));
            }
            (res, d) => outcomes.push((job, res.map(|_| String::new()), d)),
        }
    }
    for (feed, recs) in &groups {
        let r = store.ingest(recs)?;
        let rep = &mut reports[*feed];
        rep.new += r.articles_new;
        rep.updated += r.articles_updated;
        rep.skipped += r.articles_unchanged;
    }
    let mut states: HashMap<usize, Vec<ItemState>> = HashMap::new();
    for (job, res, deferred) in outcomes {
        let first_seen = job.prev.as_ref().map_or(now, |p| p.first_seen);
        let rep = &mut reports[job.feed];
        let state = match (res, deferred) {
            (_, Some(until)) => {
                // Not tried: the host asked for a pause. Its state says when to try.
                rep.deferred += 1;
                ItemState {
                    key: job.key.clone(),
                    link: job.link.clone(),
                    fingerprint: job.fingerprint.clone(),
                    status: ItemStatus::Failed,
                    attempts: job.attempts(),
                    next_try: Some(until),
                    last_error: Some("deferred: the host asked for a pause".into()),
                    first_seen,
                    updated_at: now,
                }
            }
            (Ok(url), None) => {
                // Stored under its URL (new, updated or already there), else the
                // store had the same body under another URL.
                let status = if store.has_article_url(&url)? {
                    ItemStatus::Stored
                } else {
                    ItemStatus::Skipped
                };
                ItemState {
                    key: job.key.clone(),
                    link: job.link.clone(),
                    fingerprint: job.fingerprint.clone(),
                    status,
                    attempts: job.attempts() + 1,
                    next_try: None,
                    last_error: None,
                    first_seen,
                    updated_at: now,
                }
            }
            (Err(e), None) => {
                let attempts = job.attempts() + 1;
                let give_up = !e.is_transient() || attempts >= opts.max_attempts;
                let retry_after = match &e {
                    ItemError::Fetch(f) => f.retry_after_ms(),
                    _ => None,
                };
                log(&format!(
                    "{}: item {}: error {}: {e}{}",
                    names[job.feed],
                    job.link.as_deref().unwrap_or(&job.key),
                    e.kind(),
                    if give_up {
                        format!(
                            " (given up after {attempts} attempt{})",
                            if attempts == 1 { "" } else { "s" }
                        )
                    } else {
                        String::new()
                    }
                ));
                rep.failed += 1;
                ItemState {
                    key: job.key.clone(),
                    link: job.link.clone(),
                    fingerprint: job.fingerprint.clone(),
                    status: if give_up {
                        ItemStatus::GaveUp
                    } else {
                        ItemStatus::Failed
                    },
                    attempts,
                    next_try: (!give_up)
                        .then(|| schedule::item_next_try(now, attempts, retry_after)),
                    last_error: Some(format!("{}: {e}", e.kind())),
                    first_seen,
                    updated_at: now,
                }
            }
        };
        states.entry(job.feed).or_default().push(state);
    }
    let mut feeds_touched: Vec<usize> = states.keys().copied().collect();
    feeds_touched.sort_unstable();
    for f in feeds_touched {
        store.save_item_states(feeds[f].url.as_str(), &states[&f])?;
    }
    Ok(())
}

/// Run `work` over items grouped by host: hosts in parallel (at most
/// `workers` at once), the items of one host one after the other, in order.
/// Results reach `sink` on the calling thread, up to `batch` at a time, as
/// they come. An error of `sink` stops the workers and is returned.
fn run_by_host<T, R, W, S>(
    items: Vec<(String, T)>,
    workers: usize,
    batch: usize,
    work: W,
    mut sink: S,
) -> Result<()>
where
    T: Send,
    R: Send,
    W: Fn(&str, &T) -> R + Sync,
    S: FnMut(Vec<(T, R)>) -> Result<()>,
{
    if items.is_empty() {
        return Ok(());
    }
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (host, t) in items {
        match index.get(&host) {
            Some(&g) => groups[g].1.push(t),
            None => {
                index.insert(host.clone(), groups.len());
                groups.push((host, vec![t]));
            }
        }
    }
    let n = workers.clamp(1, groups.len());
    let queue = Mutex::new(groups.into_iter());
    let (tx, rx) = mpsc::sync_channel::<(T, R)>(batch.max(1));
    std::thread::scope(|s| {
        for _ in 0..n {
            let tx = tx.clone();
            let (queue, work) = (&queue, &work);
            s.spawn(move || loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((host, list)) = next else { break };
                for t in list {
                    let r = work(&host, &t);
                    if tx.send((t, r)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let rx = rx;
        let mut result = Ok(());
        while let Ok(first) = rx.recv() {
            let mut b = vec![first];
            while b.len() < batch.max(1) {
                match rx.try_recv() {
                    Ok(x) => b.push(x),
                    Err(_) => break,
                }
            }
            result = sink(b);
            if result.is_err() {
                break;
            }
        }
        drop(rx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(fp: &str, status: ItemStatus, next_try: Option<i64>) -> ItemState {
        ItemState {
            key: "k".into(),
            link: None,
            fingerprint: fp.into(),
            status,
            attempts: 1,
            next_try,
            last_error: None,
            first_seen: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn item_actions() {
        assert_eq!(item_action("a", None, 0), ItemAction::New);
        assert_eq!(
            item_action("a", Some(&state("a", ItemStatus::Stored, None)), 0),
            ItemAction::Known
        );
        assert_eq!(
            item_action("a", Some(&state("a", ItemStatus::Skipped, None)), 0),
            ItemAction::Known
        );
        assert_eq!(
            item_action("b", Some(&state("a", ItemStatus::Stored, None)), 0),
            ItemAction::Updated
        );
        assert_eq!(
            item_action("b", Some(&state("a", ItemStatus::GaveUp, None)), 0),
            ItemAction::Updated
        );
        assert_eq!(
            item_action("a", Some(&state("a", ItemStatus::GaveUp, None)), 0),
            ItemAction::Known
        );
        assert_eq!(
            item_action("a", Some(&state("a", ItemStatus::Failed, Some(10))), 5),
            ItemAction::Known
        );
        assert_eq!(
            item_action("a", Some(&state("a", ItemStatus::Failed, Some(10))), 10),
            ItemAction::Retry
        );
    }

    #[test]
    fn work_by_host_keeps_each_hosts_order_and_delivers_everything() {
        let items: Vec<(String, u32)> = (0..40).map(|i| (format!("h{}", i % 3), i)).collect();
        let mut got: Vec<(u32, u32)> = Vec::new();
        let mut batches = 0;
        run_by_host(
            items,
            2,
            5,
            |_, &i| i * 10,
            |b| {
                assert!(b.len() <= 5);
                batches += 1;
                got.extend(b);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got.len(), 40);
        assert!(got.iter().all(|(i, r)| *r == i * 10));
        for h in 0..3 {
            let order: Vec<u32> = got.iter().map(|x| x.0).filter(|i| i % 3 == h).collect();
            assert!(
                order.windows(2).all(|w| w[0] < w[1]),
                "host {h} in order: {order:?}"
            );
        }
        assert!(batches >= 8);
        // A sink error stops the run and is returned.
        let items: Vec<(String, u32)> = (0..100).map(|i| ("h".to_string(), i)).collect();
        let mut calls = 0;
        let r = run_by_host(
            items,
            2,
            1,
            |_, &i| i,
            |_| {
                calls += 1;
                anyhow::bail!("disk full")
            },
        );
        assert_eq!(r.unwrap_err().to_string(), "disk full");
        assert_eq!(calls, 1);
    }

    #[test]
    fn pages_by_content_type() {
        let body = |ct: Option<&str>, bytes: &[u8]| Body {
            url: Url::parse("https://a.example/x").unwrap(),
            content_type: ct.map(str::to_string),
            etag: None,
            last_modified: None,
            bytes: bytes.to_vec(),
        };
        let html = b"<!doctype html><html><body><p>Text.</p></body></html>";
        assert_eq!(
            page_text(&body(Some("text/html; charset=utf-8"), html))
                .unwrap()
                .0,
            Format::Html
        );
        assert_eq!(page_text(&body(None, html)).unwrap().0, Format::Html);
        assert_eq!(
            page_text(&body(Some("text/plain"), b"Plain text."))
                .unwrap()
                .0,
            Format::Text
        );
        let e = page_text(&body(Some("application/pdf"), b"%PDF-1.7")).unwrap_err();
        assert_eq!(e.kind(), "not-html");
        assert!(e.to_string().contains("application/pdf"));
        let e = page_text(&body(
            Some("text/html"),
            b"\x00\x01\x02\x03binary\x00\x00\x00",
        ))
        .unwrap_err();
        assert_eq!(e.kind(), "not-html");
        // windows-1251 page declared in its meta: decoded, not mangled.
        let mut cp1251 = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
        cp1251.extend_from_slice(&[0xca, 0xe8, 0xe5, 0xe2]); // Киев
        cp1251.extend_from_slice(b"</p></body></html>");
        let (_, t) = page_text(&body(Some("text/html"), &cp1251)).unwrap();
        assert!(t.contains("Киев"), "{t}");
    }
}
