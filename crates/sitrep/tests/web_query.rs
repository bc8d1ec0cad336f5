//! One query language: the same table of filters run through `sitrep events`
//! / `sitrep statements` and through the JSON API on the same store must give
//! the same incidents and statements, and the same errors (a CLI error exit,
//! an API 400 with a JSON error naming the parameter).

#[allow(dead_code)]
#[path = "../src/web/mod.rs"]
mod web;

#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

use sitrep_store::{SqliteStore, Store};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The fixture as a store file (for the CLI) and a server on it (for the API).
fn setup() -> &'static (PathBuf, SocketAddr) {
    static S: OnceLock<(PathBuf, SocketAddr)> = OnceLock::new();
    S.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("sitrep-query-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("fixture.sitrep");
        SqliteStore::open(&db)
            .unwrap()
            .ingest(&support::fixture_records())
            .unwrap();
        let addr = support::start(Box::new(SqliteStore::open_existing(&db).unwrap()));
        (db, addr)
    })
}

/// What one side answered: the sorted ids, or the error text.
type Answer = Result<Vec<String>, String>;

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn via_cli(cmd: &str, params: &[(&str, &str)]) -> Answer {
    let (db, _) = setup();
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env_remove("SITREP_DB").args([cmd, "--format", "jsonl", "--db"]).arg(db);
    for (k, v) in params {
        c.arg(format!("--{}={v}", k.replace('_', "-")));
    }
    let out = c.output().unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let mut ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            match cmd {
                "events" => v["id"].as_str().unwrap().to_string(),
                _ => format!("{}|{}", v["doc"].as_str().unwrap(), v["evidence"].as_str().unwrap()),
            }
        })
        .collect();
    ids.sort();
    Ok(ids)
}

fn via_api(cmd: &str, params: &[(&str, &str)]) -> Answer {
    let (_, addr) = setup();
    let path = match cmd {
        "events" => "/api/incidents",
        _ => "/api/statements",
    };
    let qs: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    let r = support::get(*addr, &format!("{path}?{}", qs.join("&")));
    let v = r.json();
    if r.status != 200 {
        assert_eq!(r.status, 400, "{path}: a bad parameter is a 400: {}", r.text());
        return Err(v["error"].as_str().expect("a JSON error").to_string());
    }
    let list = match cmd {
        "events" => v["incidents"].as_array().unwrap().clone(),
        _ => v["statements"].as_array().unwrap().clone(),
    };
    let mut ids: Vec<String> = list
        .iter()
        .map(|x| match cmd {
            "events" => x["id"].as_str().unwrap().to_string(),
            _ => format!("{}|{}", x["doc"].as_str().unwrap(), x["evidence"].as_str().unwrap()),
        })
        .collect();
    ids.sort();
    Ok(ids)
}

/// `(command, filters, expected: Ok(number of rows) or Err(parameter named in the error))`.
const TABLE: &[(&str, &[(&str, &str)], Result<usize, &str>)] = &[
    ("events", &[], Ok(8)),
    ("events", &[("type", "Battles")], Ok(2)),
    ("events", &[("type", "battles")], Ok(2)),
    ("events", &[("type", "battles"), ("subtype", "armed CLASH")], Ok(1)),
    ("events", &[("type", "PROTESTS")], Ok(1)),
    ("events", &[("subtype", "air/drone strike")], Ok(1)),
    ("events", &[("type", "bogus")], Err("type")),
    ("events", &[("subtype", "Armed clash"), ("type", "Protests")], Err("subtype")),
    ("events", &[("since", "2024-11-06"), ("until", "2024-11-06")], Ok(4)),
    ("events", &[("since", "2024-11-07"), ("until", "2024-11-01")], Err("until")),
    ("events", &[("since", "yesterday")], Err("since")),
    ("events", &[("actor", "protesters")], Ok(1)),
    ("events", &[("actor", "%")], Ok(0)),
    ("events", &[("actor", "_")], Ok(0)),
    ("events", &[("place", "donetsk")], Ok(2)),
    ("events", &[("place", "KYIV")], Ok(1)),
    // Full-text over bodies and evidence, in both.
    ("events", &[("text", "dock workers")], Ok(1)),
    ("events", &[("text", "Solomianskyi")], Ok(2)),
    ("events", &[("text", "school")], Ok(0)),
    ("events", &[("text", "*")], Err("text")),
    ("events", &[("text", "\"")], Err("text")),
    ("events", &[("near", "50.45,30.52"), ("radius_km", "30")], Ok(1)),
    ("events", &[("near", "Kyiv")], Ok(1)),
    ("events", &[("near", "50.45,30.52,30")], Ok(1)),
    ("events", &[("near", "Atlantis-on-Sea")], Err("near")),
    ("events", &[("near", "95,30")], Err("near")),
    ("events", &[("radius_km", "5")], Err("radius_km")),
    ("events", &[("near", "50.45,30.52"), ("radius_km", "-3")], Err("radius_km")),
    ("events", &[("limit", "2")], Ok(2)),
    ("events", &[("limit", "two")], Err("limit")),
    ("statements", &[], Ok(3)),
    ("statements", &[("kind", "threat")], Ok(1)),
    ("statements", &[("kind", "THREAT")], Ok(1)),
    ("statements", &[("kind", "bogus")], Err("kind")),
    ("statements", &[("speaker", "%")], Ok(0)),
    ("statements", &[("speaker", "zelensk")], Ok(1)),
    ("statements", &[("text", "*")], Err("text")),
];

#[test]
fn one_filter_table_through_the_cli_and_the_api() {
    let mut failures = Vec::new();
    for (cmd, params, expected) in TABLE {
        let cli = via_cli(cmd, params);
        let api = via_api(cmd, params);
        let ok = match (expected, &cli, &api) {
            (Ok(n), Ok(a), Ok(b)) => a == b && a.len() == *n,
            (Err(p), Err(a), Err(b)) => {
                a.contains(&format!("--{}:", p.replace('_', "-"))) && b.starts_with(&format!("{p}:"))
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{cmd} {params:?}: expected {expected:?}\n  cli: {cli:?}\n  api: {api:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Bad query strings are 400s with a JSON error, never a 500 or a plain-text
/// rejection, and never silently ignored.
#[test]
fn api_bad_parameters_are_json_400s() {
    let (_, addr) = setup();
    for path in [
        "/api/incidents?type=Battles&type=Protests",
        "/api/incidents?bogus=1",
        "/api/statements?text=%22",
        "/api/statements?text=*",
        "/api/points?zoom=abc&bbox=0,0,1,1",
        "/api/points?zoom=3&bbox=a,b,c,d",
        "/api/points?zoom=3",
        "/api/points?bbox=0,0,1,1",
        "/api/points?limit=3",
        "/api/timeline?type=bogus",
        "/api/list?near=1",
        "/api/briefing?date=tomorrow",
        "/api/briefing?date=2024-11-06&date=2024-11-07",
        "/api/stats?x=1",
        "/api/incidents?%zz",
    ] {
        let r = support::get(*addr, path);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(
            r.header("content-type").unwrap_or("").starts_with("application/json"),
            "{path}: {:?}",
            r.headers
        );
        let e = r.json()["error"].as_str().unwrap().to_string();
        assert!(!e.contains("--"), "{path}: the API names no CLI flag: {e}");
    }
}

/// Responses are gzip-compressed for clients that accept it.
#[test]
fn responses_are_gzip_compressed() {
    use std::io::{Read, Write};
    let (_, addr) = setup();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /api/points HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n",
        addr.port()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let head = String::from_utf8_lossy(&raw[..raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap()]).to_lowercase();
    assert!(head.contains("content-encoding: gzip"), "{head}");
    // Without Accept-Encoding: plain.
    let plain = support::get(*addr, "/api/points");
    assert_eq!(plain.header("content-encoding"), None);
    let _ = std::io::sink().write_all(&raw);
}
