//! The web app: a read-only JSON API over a [`Store`] and the single page that
//! draws the map, timeline, lists, incident details, statements and briefing.
//!
//! Security model: the server only reads. It binds loopback by default and then
//! answers only requests whose `Host` is a loopback name (a page on another site
//! cannot reach it through DNS rebinding); it sends no CORS headers, a strict
//! Content-Security-Policy without inline scripts, `nosniff` and
//! `frame-ancestors 'none'`; query strings and result sizes are bounded. All
//! assets, including the vendored map libraries and boundaries, are compiled
//! into the binary: the page loads nothing from the internet.

pub mod assets;
pub mod briefing;
pub mod index;

use axum::{
    body::Bytes,
    extract::{Path, RawQuery, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use chrono::NaiveDate;
use index::{Index, Point};
use serde_json::{json, Value};
use sitrep_model::Incident;
use sitrep_store::filter::{self, FilterError};
use sitrep_store::{IncidentQuery, Stats, Store};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};

/// Largest `limit` any endpoint accepts (larger values are clamped).
pub const MAX_LIMIT: usize = 5_000;
/// Default page size of list endpoints.
pub const DEFAULT_LIMIT: usize = 100;
/// Longest accepted query string, in bytes (longer: 414).
pub const MAX_QUERY_BYTES: usize = 2_048;
/// Largest accepted `offset`.
pub const MAX_OFFSET: usize = 1_000_000;
/// Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Store connections shared by the handlers. SQLite connections are `Send`
/// but not `Sync`, so each request borrows one for its store work; with a
/// store file the pool holds several (the one that opened and migrated the
/// store, and read-only ones), so reads run side by side: under WAL, readers
/// do not wait for each other nor for a writer (`sitrep ingest`, the watcher).
pub struct StorePool {
    free: Mutex<Vec<Box<dyn Store + Send>>>,
    ready: Condvar,
    /// One permit per connection, handed out first come, first served: the
    /// handlers queue here (asynchronously) before taking a blocking thread,
    /// so under load a request waits its turn instead of racing every other
    /// waiter at each wake-up (a condition variable wakes any one of them).
    turns: Arc<tokio::sync::Semaphore>,
}

/// A borrowed connection, given back to its pool when dropped.
pub struct Lease<'a> {
    pool: &'a StorePool,
    store: Option<Box<dyn Store + Send>>,
}

impl std::ops::Deref for Lease<'_> {
    type Target = dyn Store + Send;
    fn deref(&self) -> &Self::Target {
        self.store.as_deref().expect("a lease holds its store until dropped")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.store.take() {
            self.pool
                .free
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(s);
            self.pool.ready.notify_one();
        }
    }
}

impl StorePool {
    pub fn new(stores: Vec<Box<dyn Store + Send>>) -> StorePool {
        assert!(!stores.is_empty(), "a pool needs a connection");
        StorePool {
            turns: Arc::new(tokio::sync::Semaphore::new(stores.len())),
            free: Mutex::new(stores),
            ready: Condvar::new(),
        }
    }

    /// The connection that opened `path` (and migrated it, if needed) and
    /// `READERS - 1` read-only ones.
    pub fn open(path: &std::path::Path) -> anyhow::Result<StorePool> {
        let mut stores: Vec<Box<dyn Store + Send>> =
            vec![Box::new(sitrep_store::SqliteStore::open_existing(path)?)];
        for _ in 1..READERS {
            stores.push(Box::new(sitrep_store::SqliteStore::open_read_only(path)?));
        }
        Ok(StorePool::new(stores))
    }

    /// Borrows a connection, waiting for one to come back if all are lent.
    /// Blocking: call it from a blocking thread.
    pub fn get(&self) -> Lease<'_> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(s) = free.pop() {
                return Lease {
                    pool: self,
                    store: Some(s),
                };
            }
            free = self.ready.wait(free).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Store connections the server opens on a store file.
pub const READERS: usize = 8;

/// What the API answers from memory: the index, the statistics and the
/// answers rendered from them. Immutable; the server swaps in a new one when
/// the store changes, and a request keeps the one it started with.
pub struct Snapshot {
    pub index: Arc<Index>,
    /// The store's statistics (a full scan of the store, too slow per request
    /// at 50k incidents).
    pub stats: Stats,
    views: Arc<Views>,
}

/// Answers that depend on the index alone, rendered on first use.
#[derive(Default)]
struct Views {
    /// `/api/points` without parameters (every point).
    points: OnceLock<Rendered>,
    /// `/api/timeline` without parameters.
    timeline: OnceLock<Rendered>,
    /// `/api/facets`.
    facets: OnceLock<Rendered>,
    /// The incidents the full-text index gave for recent `text` values (the
    /// page asks the points, the list and the timeline with the same words,
    /// again on each pan or zoom), at most [`TEXT_CACHE_IDS`] ids in all.
    texts: Mutex<TextHits>,
}

/// Ids kept in all by the cache of full-text answers of one snapshot.
pub const TEXT_CACHE_IDS: usize = 200_000;

/// One `text` value's hits, found once: requests asking it while the store
/// is being searched wait for that search instead of starting their own (the
/// page asks the points, the list and the timeline with the same words at once).
type TextCell = Arc<tokio::sync::OnceCell<Arc<HashSet<String>>>>;

#[derive(Default)]
struct TextHits {
    by_text: std::collections::HashMap<String, TextCell>,
    ids: usize,
}

impl Views {
    /// The cell of `text`'s hits (new and empty when nobody asked it yet).
    fn text_cell(&self, text: &str) -> TextCell {
        let mut t = self.texts.lock().unwrap_or_else(|e| e.into_inner());
        t.by_text.entry(text.to_string()).or_default().clone()
    }

    /// Counts the ids `text` found; forgets answers when they hold too many.
    fn kept_text_hits(&self, text: &str, hits: usize) {
        let mut t = self.texts.lock().unwrap_or_else(|e| e.into_inner());
        if hits > TEXT_CACHE_IDS / 4 {
            t.by_text.remove(text);
        } else if t.ids + hits > TEXT_CACHE_IDS {
            // Full: start again (the answers are cheap to find again).
            *t = TextHits::default();
        } else {
            t.ids += hits;
        }
    }
}

/// A JSON body, and its gzip form once a client has asked for it.
struct Rendered {
    plain: Bytes,
    gzip: OnceLock<Bytes>,
}

impl Rendered {
    fn new(body: impl Into<Bytes>) -> Rendered {
        Rendered {
            plain: body.into(),
            gzip: OnceLock::new(),
        }
    }

    /// The response, gzip-compressed (once, at the best ratio) when the client accepts it.
    fn response(&self, headers: &HeaderMap) -> Response {
        let vary = (header::VARY, HeaderValue::from_static("accept-encoding"));
        let json = (header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if accepts_gzip(headers) {
            let gz = self.gzip.get_or_init(|| {
                use std::io::Write;
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                let _ = e.write_all(&self.plain);
                Bytes::from(e.finish().unwrap_or_default())
            });
            if !gz.is_empty() {
                let enc = (header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                return ([json, enc, vary], gz.clone()).into_response();
            }
        }
        ([json, vary], self.plain.clone()).into_response()
    }
}

/// Does `Accept-Encoding` take gzip (with a non-zero `q`)?
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
            (name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip")) && q > 0.0
        })
}

/// What every handler sees.
#[derive(Clone)]
pub struct AppState {
    pub pool: Arc<StorePool>,
    /// The current snapshot; replaced whole when the store changes.
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    /// One refresh at a time (the 30 s timer and the watcher both ask).
    refreshing: Arc<Mutex<()>>,
    /// Accept only loopback `Host` headers (true when bound to loopback).
    pub loopback_only: bool,
}

/// Reads every stored incident, page by page, into a fresh [`Index`].
pub fn load_index(store: &dyn Store) -> anyhow::Result<Index> {
    const PAGE: usize = 10_000;
    let mut all: Vec<Incident> = Vec::new();
    loop {
        let q = IncidentQuery {
            limit: Some(PAGE),
            offset: Some(all.len()),
            ..Default::default()
        };
        let page = store.incidents(&q)?;
        let n = page.len();
        all.extend(page);
        if n < PAGE {
            break;
        }
    }
    Ok(Index::new(&all))
}

impl AppState {
    /// The app over one store connection (tests, in-memory stores).
    #[allow(dead_code)] // the web tests
    pub fn new(store: Box<dyn Store + Send>, loopback_only: bool) -> anyhow::Result<AppState> {
        AppState::with_pool(StorePool::new(vec![store]), loopback_only)
    }

    /// The app over a pool of connections ([`StorePool::open`]).
    pub fn with_pool(pool: StorePool, loopback_only: bool) -> anyhow::Result<AppState> {
        let (index, stats) = {
            let st = pool.get();
            (load_index(&*st)?, st.stats()?)
        };
        Ok(AppState {
            pool: Arc::new(pool),
            snapshot: Arc::new(RwLock::new(Arc::new(Snapshot {
                index: Arc::new(index),
                stats,
                views: Default::default(),
            }))),
            refreshing: Default::default(),
            loopback_only,
        })
    }

    /// The current snapshot (a reference count; no lock is held after this).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Re-reads the statistics and rebuilds the index when the store changed
    /// (another process ingested, or the watcher stored something). Requests
    /// go on meanwhile with the current snapshot and the other connections;
    /// the new one replaces it in one step. Returns whether it rebuilt.
    pub fn refresh(&self) -> anyhow::Result<bool> {
        let _one = self.refreshing.lock().unwrap_or_else(|e| e.into_inner());
        let st = self.pool.get();
        let stats = st.stats()?;
        let old = self.snapshot();
        let changed = (
            stats.articles,
            stats.events,
            stats.incidents,
            stats.statements,
        ) != (
            old.stats.articles,
            old.stats.events,
            old.stats.incidents,
            old.stats.statements,
        );
        let (index, views) = if changed {
            (Arc::new(load_index(&*st)?), Default::default())
        } else {
            (old.index.clone(), old.views.clone())
        };
        drop(st);
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Snapshot {
            index,
            stats,
            views,
        });
        Ok(changed)
    }

    /// Runs `f` on a store connection, on the blocking pool.
    async fn with_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let pool = self.pool.clone();
        let turn = pool
            .turns
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ApiError::internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let st = pool.get();
            let out = f(&*st);
            drop(st);
            drop(turn);
            out
        })
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?
        .map_err(|e| ApiError::internal(format!("{e:#}")))
    }
}

/// An error answered as `{"error": "..."}`.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn bad(msg: impl Into<String>) -> Self {
        ApiError(StatusCode::BAD_REQUEST, msg.into())
    }
    fn internal(msg: impl Into<String>) -> Self {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, msg.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

/// `(west, south, east, north)` in degrees.
pub type BBox = (f64, f64, f64, f64);

impl From<FilterError> for ApiError {
    fn from(e: FilterError) -> Self {
        ApiError::bad(e.to_string())
    }
}

/// A place name through the gazetteer (`Kharkiv`, `Kiev`, `Kharkiv region`):
/// how `near` resolves names, in the API and the CLI.
pub fn resolve_place_name(name: &str) -> Result<(f64, f64), String> {
    let loc = sitrep_gazetteer::Gazetteer::global()
        .lookup(name)
        .ok_or_else(|| format!("unknown place `{name}`; give a known place name or LAT,LON"))?;
    match (loc.lat, loc.lon) {
        (Some(lat), Some(lon)) => Ok((lat, lon)),
        _ => Err(format!(
            "the gazetteer has no coordinates for {}; give LAT,LON",
            loc.name
        )),
    }
}

/// The query string as `(name, value)` pairs, in order. A malformed string is a
/// 400 with a JSON error (never axum's plain-text rejection).
fn query_pairs(raw: &Option<String>) -> Result<Vec<(String, String)>, ApiError> {
    match raw.as_deref() {
        None | Some("") => Ok(Vec::new()),
        Some(q) => serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .map_err(|e| ApiError::bad(format!("malformed query string: {e}"))),
    }
}

/// Splits off an endpoint's own parameters (each at most once) from the filter
/// parameters; names neither the endpoint nor the filters know are errors.
fn take_own(
    pairs: Vec<(String, String)>,
    own: &[&str],
    filters: &[&str],
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), ApiError> {
    let (mine, rest): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(k, _)| own.contains(&k.as_str()));
    for (i, (k, _)) in mine.iter().enumerate() {
        if mine[..i].iter().any(|(n, _)| n == k) {
            return Err(ApiError::bad(format!("{k}: given more than once")));
        }
    }
    if let Some((k, _)) = rest.iter().find(|(k, _)| !filters.contains(&k.as_str())) {
        let mut known: Vec<&str> = filters.to_vec();
        known.extend_from_slice(own);
        return Err(ApiError::bad(format!(
            "{k}: unknown parameter; expected one of {}",
            known.join(", ")
        )));
    }
    Ok((mine, rest))
}

fn own<'a>(mine: &'a [(String, String)], name: &str) -> Option<&'a str> {
    mine.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// `limit` and `offset` of a paged listing, bounded.
fn paging(q: &IncidentQuery) -> (usize, usize) {
    (
        q.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT),
        q.offset.unwrap_or(0).min(MAX_OFFSET),
    )
}

/// Incident filter parameters without paging (map points, timeline).
const UNPAGED: &[&str] = &[
    "since", "until", "type", "subtype", "actor", "place", "text", "near", "radius_km",
];

/// The map's `zoom` and `bbox=west,south,east,north`: both or neither.
fn view(mine: &[(String, String)]) -> Result<Option<(u8, BBox)>, ApiError> {
    let (z, b) = (own(mine, "zoom"), own(mine, "bbox"));
    let zoom = z
        .map(|z| {
            z.parse::<u8>()
                .ok()
                .filter(|z| *z <= 20)
                .ok_or_else(|| ApiError::bad(format!("zoom: `{z}` is not a zoom level 0 to 20")))
        })
        .transpose()?;
    let bbox = b
        .map(|b| {
            let bad = || ApiError::bad(format!("bbox: `{b}` is not WEST,SOUTH,EAST,NORTH in degrees"));
            let v: Vec<f64> = b
                .split(',')
                .map(|x| x.trim().parse::<f64>())
                .collect::<Result<_, _>>()
                .map_err(|_| bad())?;
            match v[..] {
                [w, s, e, n]
                    if [w, s, e, n].iter().all(|x| x.is_finite())
                        && (-90.0..=90.0).contains(&s)
                        && (-90.0..=90.0).contains(&n)
                        && s <= n
                        && w <= e =>
                {
                    Ok((w, s, e, n))
                }
                _ => Err(bad()),
            }
        })
        .transpose()?;
    match (zoom, bbox) {
        (Some(z), Some(b)) => Ok(Some((z, b))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(ApiError::bad("zoom: needs bbox")),
        (None, Some(_)) => Err(ApiError::bad("bbox: needs zoom")),
    }
}

impl AppState {
    /// The incident filter of a request, and the ids its `text` words match
    /// (answered by the store's full-text index, as for `sitrep events`).
    async fn incident_filter(
        &self,
        pairs: &[(String, String)],
    ) -> Result<(IncidentQuery, Option<Arc<HashSet<String>>>), ApiError> {
        let q = filter::incident_query(pairs, &resolve_place_name)?;
        let ids = match q.text.clone() {
            None => None,
            Some(t) => {
                // Kept with the snapshot: a new snapshot (the store changed)
                // starts without them.
                let views = self.snapshot().views.clone();
                let cell = views.text_cell(&t);
                let mut searched = false;
                let hits = cell
                    .get_or_try_init(|| {
                        searched = true;
                        let t = t.clone();
                        async move {
                            let hits = self.with_store(move |st| st.incident_ids_with_text(&t)).await?;
                            Ok::<_, ApiError>(Arc::new(hits))
                        }
                    })
                    .await?
                    .clone();
                if searched {
                    views.kept_text_hits(&t, hits.len());
                }
                Some(hits)
            }
        };
        Ok((q, ids))
    }
}

/// The application router (API, page and assets) with its security layers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/incidents", get(api_incidents))
        .route("/api/incidents/{id}", get(api_incident))
        .route("/api/statements", get(api_statements))
        .route("/api/briefing", get(api_briefing))
        .route("/api/stats", get(api_stats))
        .route("/api/points", get(api_points))
        .route("/api/list", get(api_list))
        .route("/api/timeline", get(api_timeline))
        .route("/api/facets", get(api_facets))
        .route("/api/openapi.json", get(api_openapi))
        .merge(assets::routes())
        .fallback(|| async { ApiError(StatusCode::NOT_FOUND, "not found".into()) })
        // gzip for clients that accept it (JSON, the page, the boundaries), at
        // the fastest level: on loopback or a LAN the CPU costs more than the
        // bytes (the large fixed answers are compressed once, at the best
        // level, and pass through this layer as they are).
        .layer(
            tower_http::compression::CompressionLayer::new()
                .gzip(true)
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Rejects over-long query strings and foreign `Host` headers, then adds the
/// security headers to every response.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let too_long = req.uri().query().is_some_and(|q| q.len() > MAX_QUERY_BYTES);
    let host_ok = !state.loopback_only
        || req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(is_loopback_host);
    let mut resp = if too_long {
        ApiError(
            StatusCode::URI_TOO_LONG,
            format!("query string longer than {MAX_QUERY_BYTES} bytes"),
        )
        .into_response()
    } else if !host_ok {
        ApiError(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers loopback host names only".into(),
        )
        .into_response()
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// `localhost`, `127.0.0.1`, `[::1]` (with or without a port).
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                host
            }
        })
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Incidents under the filters of `sitrep events` (plus `place`), newest
/// first. Filtering runs on the in-memory index; only the requested page is
/// read from the store.
async fn api_incidents(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<IncidentPage>, ApiError> {
    let (_, pairs) = take_own(query_pairs(&raw)?, &[], filter::INCIDENT_PARAMS)?;
    let (q, text_ids) = s.incident_filter(&pairs).await?;
    let (limit, offset) = paging(&q);
    let snap = s.snapshot();
    let (total, page) = snap.index.select(&q, text_ids.as_deref(), true).page(offset, limit);
    let ids: Vec<String> = page.iter().map(|p| p.id.clone()).collect();
    let incidents = s
        // An incident merged away since the index was built is skipped.
        .with_store(move |st| st.incidents_by_id(&ids))
        .await?;
    Ok(Json(IncidentPage {
        total,
        limit,
        offset,
        count: incidents.len(),
        incidents,
    }))
}

/// One page of `/api/incidents`.
#[derive(serde::Serialize)]
struct IncidentPage {
    total: usize,
    limit: usize,
    offset: usize,
    count: usize,
    incidents: Vec<Incident>,
}

/// The text around `evidence` in `body`: `(before, evidence, after)`, each side
/// cut to about `width` characters at a word boundary.
pub fn evidence_context(
    body: &str,
    evidence: &str,
    width: usize,
) -> Option<(String, String, String)> {
    let ev = evidence.trim();
    if ev.is_empty() {
        return None;
    }
    let at = body.find(ev)?;
    let before = &body[..at];
    let after = &body[at + ev.len()..];
    let start = before.char_indices().rev().nth(width).map_or(0, |(i, _)| i);
    let mut b = &before[start..];
    // Drop the partial word at the cut (unless the cut falls between words).
    if start > 0 && !before[..start].ends_with(char::is_whitespace) {
        b = b.split_once(char::is_whitespace).map_or(b, |(_, r)| r);
    }
    let end = after
        .char_indices()
        .nth(width)
        .map_or(after.len(), |(i, _)| i);
    let mut a = &after[..end];
    if end < after.len() && !after[end..].starts_with(char::is_whitespace) {
        a = a.rsplit_once(char::is_whitespace).map_or(a, |(l, _)| l);
    }
    let ell = |cut: bool| if cut { "\u{2026}" } else { "" };
    Some((
        format!("{}{}", ell(start > 0), b),
        ev.to_string(),
        format!("{}{}", a, ell(end < after.len())),
    ))
}

async fn api_incident(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if id.len() > 200 {
        return Err(ApiError::bad("id too long"));
    }
    let found = s
        .with_store(move |st| {
            let Some(inc) = st.incident(&id)? else { return Ok(None) };
            // Each source with its article title and the evidence in context.
            let mut sources = Vec::new();
            for src in &inc.sources {
                let article = st.article(&src.doc)?;
                let ctx = article.as_ref().and_then(|a| evidence_context(&a.body, &src.evidence, 280));
                sources.push(json!({
                    "title": article.as_ref().and_then(|a| a.title.clone()),
                    "context": ctx.map(|(b, e, a)| json!({ "before": b, "evidence": e, "after": a })),
                }));
            }
            Ok(Some((inc, sources)))
        })
        .await?;
    match found {
        None => Ok(ApiError(StatusCode::NOT_FOUND, "no such incident".into()).into_response()),
        Some((inc, extra)) => {
            let mut v =
                serde_json::to_value(&inc).map_err(|e| ApiError::internal(e.to_string()))?;
            if let Some(arr) = v.get_mut("sources").and_then(Value::as_array_mut) {
                for (src, more) in arr.iter_mut().zip(extra) {
                    if let (Some(o), Value::Object(m)) = (src.as_object_mut(), more) {
                        o.extend(m);
                    }
                }
            }
            Ok(Json(v).into_response())
        }
    }
}

async fn api_statements(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let (_, pairs) = take_own(query_pairs(&raw)?, &[], filter::STATEMENT_PARAMS)?;
    let mut q = filter::statement_query(&pairs)?;
    q.limit = Some(q.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT));
    q.offset = Some(q.offset.unwrap_or(0).min(MAX_OFFSET));
    let (limit, offset) = (q.limit, q.offset);
    let rows = s.with_store(move |st| st.statements(&q)).await?;
    Ok(Json(
        json!({ "limit": limit, "offset": offset, "count": rows.len(), "statements": rows }),
    ))
}

async fn api_briefing(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let (mine, _) = take_own(query_pairs(&raw)?, &["date"], &[])?;
    let date = match own(&mine, "date") {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| ApiError::bad(format!("date: `{d}` is not a date YYYY-MM-DD")))?,
        // Default: the latest day holding an incident.
        None => match s.snapshot().index.points.first().and_then(|p| p.date) {
            Some(d) => d,
            None => {
                return Err(ApiError::bad(
                    "date: no incident is stored; give ?date=YYYY-MM-DD",
                ))
            }
        },
    };
    let b = s.with_store(move |st| briefing::build(st, date)).await?;
    Ok(Json(
        serde_json::to_value(b).map_err(|e| ApiError::internal(e.to_string()))?,
    ))
}

async fn api_stats(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    take_own(query_pairs(&raw)?, &[], &[])?;
    let snap = s.snapshot();
    let idx = &snap.index;
    // Newest first, undated last.
    let last = idx.points.first().and_then(|p| p.date).map(|d| d.to_string());
    let first = idx
        .points
        .iter()
        .rev()
        .find_map(|p| p.date)
        .map(|d| d.to_string());
    let mut v = serde_json::to_value(&snap.stats).map_err(|e| ApiError::internal(e.to_string()))?;
    // The health of the sources `sitrep watch` follows (a small table).
    let sources = s.with_store(|st| st.watch_sources()).await?;
    if let Some(o) = v.as_object_mut() {
        o.insert("first_day".into(), json!(first));
        o.insert("last_day".into(), json!(last));
        o.insert("sources".into(), json!(sources));
    }
    Ok(Json(v))
}

/// Map points of the filtered incidents, as compact rows
/// `[id, lat, lon, type_index, fatalities+injured]` (incidents without
/// coordinates are counted in `unlocated`).
/// Above this many located incidents, `/api/points` aggregates on the server.
pub const MAX_POINTS: usize = 4_000;

async fn api_points(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (mine, pairs) = take_own(query_pairs(&raw)?, &["zoom", "bbox"], UNPAGED)?;
    let view = view(&mine)?;
    let (q, text_ids) = s.incident_filter(&pairs).await?;
    let snap = s.snapshot();
    let idx = &snap.index;
    let sel = idx.select(&q, text_ids.as_deref(), true);
    let located = || {
        sel.iter()
            .filter(|&i| idx.points[i].lat.is_some() && idx.points[i].lon.is_some())
            .count()
    };
    let body = match view {
        // Too many for the browser: per-cell aggregates of the visible area.
        Some((zoom, bbox)) if located() > MAX_POINTS => cells_json(idx, &sel, zoom, bbox),
        // Every point: rendered once per snapshot.
        _ if !q.is_filtered() => {
            return Ok(snap
                .views
                .points
                .get_or_init(|| Rendered::new(points_json(idx, &sel)))
                .response(&headers))
        }
        _ => points_json(idx, &sel),
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Server-side clustering: the located incidents inside `bbox` (west, south,
/// east, north; padded by one cell) summed per grid cell of about 64 screen
/// pixels at `zoom`. Each cell: `[lat, lon, count, dominant_type_index,
/// killed+injured]`, at the mean position of its incidents.
fn cells_json(idx: &Index, sel: &index::Selection, zoom: u8, (w, so, e, n): BBox) -> String {
    let size = 360.0 / f64::from(1u32 << zoom.min(18)) * 64.0 / 256.0;
    let (w, so, e, n) = (w - size, so - size, e + size, n + size);
    #[derive(Clone, Copy, Default)]
    struct Cell {
        count: u64,
        lat: f64,
        lon: f64,
        types: [u64; 7],
        cas: u64,
    }
    // The grid over the padded box: dense when it is small (the usual map
    // view: a few hundred cells), else a map of the cells in use.
    let (c0, r0) = ((w / size).floor() as i64, (so / size).floor() as i64);
    let (cols, rows) = (
        ((e / size).floor() as i64 - c0 + 1).max(1),
        ((n / size).floor() as i64 - r0 + 1).max(1),
    );
    let dense = cols.saturating_mul(rows) <= 1 << 16;
    let mut grid: Vec<Cell> = if dense {
        vec![Cell::default(); (cols * rows) as usize]
    } else {
        Vec::new()
    };
    let mut sparse: std::collections::HashMap<(i64, i64), Cell> = Default::default();
    let mut outside = 0usize;
    let mut total = 0usize;
    // Extent of every located incident, so the page can frame them all.
    let mut ext = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for i in sel.iter() {
        total += 1;
        let h = &idx.points[i];
        let (Some(lat), Some(lon)) = (h.lat, h.lon) else {
            continue;
        };
        ext = (
            ext.0.min(lat),
            ext.1.min(lon),
            ext.2.max(lat),
            ext.3.max(lon),
        );
        if lat < so || lat > n || lon < w || lon > e {
            outside += 1;
            continue;
        }
        let key = ((lon / size).floor() as i64, (lat / size).floor() as i64);
        let c = if dense {
            let (x, y) = ((key.0 - c0).clamp(0, cols - 1), (key.1 - r0).clamp(0, rows - 1));
            &mut grid[(y * cols + x) as usize]
        } else {
            sparse.entry(key).or_default()
        };
        c.count += 1;
        c.lat += lat;
        c.lon += lon;
        c.types[usize::from(h.type_ix).min(6)] += 1;
        c.cas += u64::from(h.fatalities.unwrap_or(0) + h.injured.unwrap_or(0));
    }
    let cells: Vec<&Cell> = if dense {
        grid.iter().filter(|c| c.count > 0).collect()
    } else {
        sparse.values().collect()
    };
    use std::fmt::Write as _;
    let mut out = String::from("{\"mode\":\"cells\",\"cells\":[");
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let top = (0..7)
            .max_by_key(|&t| (c.types[t], std::cmp::Reverse(t)))
            .unwrap_or(6);
        let k = c.count as f64;
        let _ = write!(
            out,
            "[{:.3},{:.3},{},{top},{}]",
            c.lat / k,
            c.lon / k,
            c.count,
            c.cas
        );
    }
    let _ = write!(
        out,
        "],\"total\":{},\"outside\":{outside},\"cell_degrees\":{size:.5},\"bounds\":[{:.3},{:.3},{:.3},{:.3}]}}",
        total,
        ext.0,
        ext.1,
        ext.2,
        ext.3
    );
    out
}

/// `{"points":[[id,lat,lon,type_index,killed+injured,precision],...],"total":N,"unlocated":N,"types":[...]}`
/// (precision 0 city, 1 region, 2 country): the rows the index rendered when
/// it was built, joined.
fn points_json(idx: &Index, sel: &index::Selection) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(256);
    let (mut total, mut unlocated) = (0usize, 0usize);
    out.push_str("{\"mode\":\"points\",\"points\":[");
    for i in sel.iter() {
        total += 1;
        let row = idx.row(i);
        if row.is_empty() {
            unlocated += 1;
            continue;
        }
        if total - unlocated > 1 {
            out.push(',');
        }
        out.push_str(row);
    }
    let types: Vec<&str> = sitrep_model::ontology::TYPES
        .iter()
        .map(|(t, _)| *t)
        .collect();
    let _ = write!(
        out,
        "],\"total\":{total},\"unlocated\":{unlocated},\"types\":{}}}",
        serde_json::to_string(&types).unwrap_or_default()
    );
    out
}

/// A row of `/api/list`.
#[derive(serde::Serialize)]
struct Summary<'a> {
    id: &'a str,
    date: Option<NaiveDate>,
    #[serde(rename = "type")]
    event_type: &'a str,
    subtype: &'a str,
    place: Option<&'a str>,
    precision: Option<&'a str>,
    admin1: Option<&'a str>,
    country: Option<&'a str>,
    actor1: Option<&'a str>,
    actor2: Option<&'a str>,
    fatalities: Option<u32>,
    injured: Option<u32>,
    sources: u32,
}

fn summary(p: &Point) -> Summary<'_> {
    Summary {
        id: &p.id,
        date: p.date,
        event_type: &p.event_type,
        subtype: &p.subtype,
        place: p.place.as_deref(),
        precision: p.precision,
        admin1: p.admin1.as_deref(),
        country: p.country.as_deref(),
        actor1: p.actor1.as_deref(),
        actor2: p.actor2.as_deref(),
        fatalities: p.fatalities,
        injured: p.injured,
        sources: p.sources,
    }
}

async fn api_list(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (_, pairs) = take_own(query_pairs(&raw)?, &[], filter::INCIDENT_PARAMS)?;
    let (q, text_ids) = s.incident_filter(&pairs).await?;
    let (limit, offset) = paging(&q);
    let snap = s.snapshot();
    let (total, page) = snap.index.select(&q, text_ids.as_deref(), true).page(offset, limit);
    #[derive(serde::Serialize)]
    struct List<'a> {
        total: usize,
        offset: usize,
        limit: usize,
        incidents: Vec<Summary<'a>>,
    }
    let body = serde_json::to_vec(&List {
        total,
        offset,
        limit,
        incidents: page.into_iter().map(summary).collect(),
    })
    .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn api_timeline(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (_, pairs) = take_own(query_pairs(&raw)?, &[], UNPAGED)?;
    let (q, text_ids) = s.incident_filter(&pairs).await?;
    let snap = s.snapshot();
    let render = || {
        serde_json::to_vec(&json!({ "days": snap.index.timeline(&q, text_ids.as_deref()) }))
            .unwrap_or_default()
    };
    if !q.is_filtered() {
        return Ok(snap
            .views
            .timeline
            .get_or_init(|| Rendered::new(render()))
            .response(&headers));
    }
    Ok(([(header::CONTENT_TYPE, "application/json")], render()).into_response())
}

async fn api_facets(
    State(s): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    take_own(query_pairs(&raw)?, &[], &[])?;
    let snap = s.snapshot();
    let rendered = snap.views.facets.get_or_init(|| {
        let idx = &snap.index;
        let types: Vec<Value> = sitrep_model::ontology::TYPES
            .iter()
            .map(|(t, subs)| json!({ "type": t, "subtypes": subs }))
            .collect();
        Rendered::new(
            serde_json::to_vec(&json!({ "types": types, "actors": idx.actors, "places": idx.places }))
                .unwrap_or_default(),
        )
    });
    Ok(rendered.response(&headers))
}

async fn api_openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../../assets/openapi.json"),
    )
        .into_response()
}

/// Serves `router` on `listener` until Ctrl-C, refreshing the index every 30 s
/// when the store changed.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    let refresher = state.clone();
    // A plain thread: the refresh is blocking store work on a slow timer.
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(30));
        match refresher.refresh() {
            Ok(true) => eprintln!("sitrep: store changed; index rebuilt"),
            Ok(false) => {}
            Err(e) => eprintln!("sitrep: index refresh failed: {e:#}"),
        }
    });
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
