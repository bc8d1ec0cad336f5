//! The server as `sitrep serve` runs it: a store file behind a pool of
//! connections (one read-write, the others read-only), answers kept per
//! snapshot of the store. Counts, not times: many clients at once get the
//! answers one client gets; a store that changes is seen after a refresh,
//! cached answers included; gzip bodies are the plain bodies compressed.

#[allow(dead_code)]
#[path = "../src/web/mod.rs"]
mod web;

#[path = "e2e/support.rs"]
mod support;

use sitrep_store::{SqliteStore, Store};
use std::io::Read;
use std::net::SocketAddr;
use support::{fixture_records, get, request_with, start, start_state};

/// The fixture in a store file (kept alive by the returned directory).
fn fixture_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.sitrep");
    let mut s = SqliteStore::open(&path).unwrap();
    s.ingest(&fixture_records()).unwrap();
    (dir, path)
}

fn pooled(path: &std::path::Path) -> (web::AppState, SocketAddr) {
    let state = web::AppState::with_pool(web::StorePool::open(path).unwrap(), true).unwrap();
    let addr = start_state(state.clone());
    (state, addr)
}

const PATHS: &[&str] = &[
    "/api/incidents",
    "/api/incidents?type=battles&limit=2",
    "/api/incidents?text=drone",
    "/api/list?text=kyiv&limit=3",
    "/api/list?place=kharkiv",
    "/api/points",
    "/api/points?text=drone",
    "/api/points?zoom=6&bbox=22,44,41,53",
    "/api/timeline",
    "/api/timeline?text=drone",
    "/api/statements",
    "/api/statements?limit=1&offset=1",
    "/api/briefing",
    "/api/facets",
];

#[test]
fn many_clients_on_the_pool_get_what_one_connection_gives() {
    let (_dir, path) = fixture_file();
    let (_state, pooled) = pooled(&path);
    let single = start(Box::new(SqliteStore::open(&path).unwrap()));
    let want: Vec<Vec<u8>> = PATHS
        .iter()
        .map(|p| {
            let r = get(single, p);
            assert_eq!(r.status, 200, "{p}: {}", r.text());
            r.body
        })
        .collect();
    assert!(web::READERS > 1, "the pool holds several connections");
    // 24 clients at once, each asking every path twice in its own order.
    let clients: Vec<_> = (0..24)
        .map(|c| {
            let want = want.clone();
            std::thread::spawn(move || {
                let mut answered = 0;
                for k in 0..2 * PATHS.len() {
                    let i = (c * 5 + k) % PATHS.len();
                    let r = get(pooled, PATHS[i]);
                    assert_eq!(r.status, 200, "{}: {}", PATHS[i], r.text());
                    assert!(r.body == want[i], "{}: the pooled answer differs", PATHS[i]);
                    answered += 1;
                }
                answered
            })
        })
        .collect();
    let answered: usize = clients.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(answered, 24 * 2 * PATHS.len());
}

#[test]
fn a_refresh_shows_what_was_stored_since_cached_text_answers_included() {
    let (_dir, path) = fixture_file();
    let (state, addr) = pooled(&path);
    let total = |p: &str| {
        let r = get(addr, p);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        r.json()["total"].as_u64().unwrap()
    };
    // A word no stored article has: nothing, twice (the second from the cache).
    assert_eq!(total("/api/list?text=zolotonosha"), 0);
    assert_eq!(total("/api/list?text=zolotonosha"), 0);
    let before = total("/api/list");
    // Another process stores an article with that word.
    let mut rec = fixture_records().remove(0);
    rec.doc = "later.txt".into();
    rec.url = Some("https://outlet-z.example/later".into());
    rec.body = format!("{} Zolotonosha was named as well.", rec.body);
    SqliteStore::open(&path).unwrap().ingest(&[rec]).unwrap();
    // Until the server refreshes, it answers from its snapshot.
    assert_eq!(total("/api/list?text=zolotonosha"), 0);
    assert!(state.refresh().unwrap(), "the store changed");
    assert!(total("/api/list?text=zolotonosha") >= 1, "the cached answer was dropped with the old snapshot");
    assert!(total("/api/list") >= before);
    assert!(!state.refresh().unwrap(), "nothing changed since");
    assert!(total("/api/list?text=zolotonosha") >= 1);
}

#[test]
fn gzip_bodies_are_the_plain_bodies_compressed() {
    let (_dir, path) = fixture_file();
    let (_state, addr) = pooled(&path);
    let host = format!("127.0.0.1:{}", addr.port());
    for p in ["/api/points", "/api/timeline", "/api/facets", "/api/list?text=drone", "/api/points?type=battles"] {
        let plain = get(addr, p);
        assert_eq!(plain.header("content-encoding"), None, "{p}");
        for enc in ["gzip", "deflate, gzip;q=0.5", "br;q=1, GZIP"] {
            let gz = request_with(addr, "GET", p, &host, &format!("Accept-Encoding: {enc}\r\n"));
            assert_eq!(gz.status, 200, "{p}");
            assert_eq!(gz.header("content-encoding"), Some("gzip"), "{p} {enc}");
            let mut body = Vec::new();
            flate2::read::GzDecoder::new(&gz.body[..]).read_to_end(&mut body).unwrap();
            assert!(body == plain.body, "{p} {enc}: the gzip body is not the plain one");
        }
        let refused = request_with(addr, "GET", p, &host, "Accept-Encoding: gzip;q=0\r\n");
        assert_eq!(refused.header("content-encoding"), None, "{p}: gzip;q=0 refuses gzip");
        assert!(refused.body == plain.body);
    }
}
