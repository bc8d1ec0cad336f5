//! Shared by the web tests: the fixture store and a real server on a free
//! loopback port, queried with a minimal HTTP/1.1 client.
#![allow(dead_code)]

use sitrep_model::Record;
use sitrep_store::{SqliteStore, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;

use super::web;

pub fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixture.jsonl")
}

/// The hand-written records of `tests/e2e/fixture.jsonl` (extractor output
/// format), including one hostile article.
pub fn fixture_records() -> Vec<Record> {
    let text = std::fs::read_to_string(fixture_path()).expect("fixture");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("fixture record"))
        .collect()
}

/// An in-memory SQLite store holding the fixture.
pub fn fixture_store() -> Box<dyn Store + Send> {
    let mut s = SqliteStore::in_memory().expect("store");
    s.ingest(&fixture_records()).expect("ingest");
    Box::new(s)
}

/// Serves `store` on `127.0.0.1:0` from a background thread; returns the address.
pub fn start(store: Box<dyn Store + Send>) -> SocketAddr {
    start_state(web::AppState::new(store, true).expect("state"))
}

/// Serves `state` on `127.0.0.1:0` from a background thread (a runtime of
/// two workers); returns the address.
pub fn start_state(state: web::AppState) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, web::router(state)).await.unwrap();
        });
    });
    rx.recv().expect("server address")
}

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request with `Connection: close`; the body is read to the end.
pub fn request(addr: SocketAddr, method: &str, path: &str, host: &str) -> Resp {
    request_with(addr, method, path, host, "")
}

/// As [`request`], with extra header lines (`"Accept-Encoding: gzip\r\n"`).
pub fn request_with(addr: SocketAddr, method: &str, path: &str, host: &str, extra: &str) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}Content-Length: 0\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &format!("127.0.0.1:{}", addr.port()))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}
