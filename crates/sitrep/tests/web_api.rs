//! API tests on the fixture store: a real server on a free loopback port.

#[allow(dead_code)]
#[path = "../src/web/mod.rs"]
mod web;

#[path = "e2e/support.rs"]
mod support;

use serde_json::Value;
use std::net::SocketAddr;
use std::sync::OnceLock;
use support::{fixture_store, get, request, start};

fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| start(fixture_store()))
}

fn incidents(path: &str) -> Vec<Value> {
    let r = get(server(), path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r.json()["incidents"].as_array().unwrap().clone()
}

#[test]
fn incidents_merge_sources_and_keep_competing_claims() {
    let all = incidents("/api/incidents");
    assert!(all.len() >= 5, "{all:?}");
    let kyiv: Vec<&Value> = all
        .iter()
        .filter(|i| i["location"]["name"] == "Kyiv")
        .collect();
    assert_eq!(kyiv.len(), 1, "the two Kyiv reports are one incident");
    let k = kyiv[0];
    assert_eq!(k["sources"].as_array().unwrap().len(), 2);
    let killed: Vec<u64> = k["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["field"] == "fatalities")
        .map(|c| c["value"].as_u64().unwrap())
        .collect();
    assert!(killed.contains(&2) && killed.contains(&3), "{killed:?}");
}

#[test]
fn incident_filters_narrow_the_result() {
    let all = incidents("/api/incidents").len();
    let protests = incidents("/api/incidents?type=Protests");
    assert_eq!(protests.len(), 1);
    assert_eq!(protests[0]["location"]["country"], "GE");
    let battles = incidents("/api/incidents?type=Battles&subtype=Armed%20clash");
    assert_eq!(battles.len(), 1);
    let dated = incidents("/api/incidents?since=2024-11-06&until=2024-11-06");
    assert!(!dated.is_empty() && dated.len() < all);
    assert!(dated.iter().all(|i| i["date"] == "2024-11-06"));
    let limited = incidents("/api/incidents?limit=2");
    assert_eq!(limited.len(), 2);
    // The page's own list applies the place filter too.
    let r = get(server(), "/api/list?place=donetsk");
    let rows = r.json()["incidents"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|x| x["admin1"] == "Donetsk Oblast"));
    let r = get(server(), "/api/list?actor=protesters");
    assert_eq!(r.json()["total"], 1);
    let r = get(server(), "/api/list?text=dock%20workers");
    assert_eq!(r.json()["total"], 1);
}

#[test]
fn incident_detail_has_every_source_with_evidence_in_context() {
    let kyiv = incidents("/api/incidents?type=Explosions%2FRemote%20violence")
        .into_iter()
        .find(|i| i["location"]["name"] == "Kyiv")
        .unwrap();
    let id = kyiv["id"].as_str().unwrap();
    let r = get(server(), &format!("/api/incidents/{id}"));
    assert_eq!(r.status, 200);
    let d = r.json();
    let sources = d["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    for s in sources {
        let ctx = &s["context"];
        assert_eq!(ctx["evidence"], s["evidence"], "{s}");
        assert!(s["title"].is_string());
    }
    assert!(d["claims"].as_array().unwrap().len() >= 2);
    let r = get(server(), "/api/incidents/no-such-id");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].is_string());
}

#[test]
fn statements_filter_by_kind_and_speaker() {
    let r = get(server(), "/api/statements?kind=threat");
    assert_eq!(r.status, 200);
    let rows = r.json()["statements"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["speaker"], "Oleh Kiper");
    let r = get(server(), "/api/statements?speaker=Zelenskyy");
    let rows = r.json()["statements"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["kind"], "demand");
}

#[test]
fn briefing_cites_a_source_on_every_line() {
    let r = get(server(), "/api/briefing?date=2024-11-06");
    assert_eq!(r.status, 200, "{}", r.text());
    let b = r.json();
    assert_eq!(b["date"], "2024-11-06");
    let nrefs = b["references"].as_array().unwrap().len();
    assert!(nrefs >= 3);
    let mut lines = Vec::new();
    lines.extend(b["headline"].as_array().unwrap().iter().cloned());
    for s in b["regions"].as_array().unwrap() {
        lines.extend(s["lines"].as_array().unwrap().iter().cloned());
    }
    lines.extend(b["said"].as_array().unwrap().iter().cloned());
    assert!(lines.len() >= 6);
    for l in &lines {
        let cites = l["cites"].as_array().unwrap();
        assert!(!cites.is_empty(), "uncited line {l}");
        assert!(cites
            .iter()
            .all(|n| (1..=nrefs as u64).contains(&n.as_u64().unwrap())));
    }
    // Figures carry who reports them: both Kyiv death tolls, with their sources.
    let text: Vec<String> = lines
        .iter()
        .map(|l| l["text"].as_str().unwrap().to_string())
        .collect();
    let killed = text
        .iter()
        .find(|t| t.starts_with("Killed:"))
        .expect("killed line");
    assert!(
        killed.contains("2 per") && killed.contains("3 per"),
        "{killed}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("Intercepted:") && t.contains("30 per")),
        "{text:?}"
    );
    // Regions: Kyiv City, Kharkiv Oblast, Odesa Oblast.
    let regions: Vec<&str> = b["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(
        regions.contains(&"Kyiv City") && regions.contains(&"Odesa Oblast"),
        "{regions:?}"
    );
    // An empty day says so and cites nothing.
    let e = get(server(), "/api/briefing?date=2020-01-01").json();
    assert_eq!(e["incidents"], 0);
    assert!(e["headline"].as_array().unwrap().is_empty());
}

#[test]
fn briefing_renders_markdown_and_escaped_html() {
    let store = fixture_store();
    let date = chrono::NaiveDate::from_ymd_opt(2024, 11, 6).unwrap();
    let b = web::briefing::build(store.as_ref(), date).unwrap();
    let md = web::briefing::to_markdown(&b);
    for line in md.lines().filter(|l| l.starts_with("- ")) {
        assert!(line.trim_end().ends_with(']'), "uncited: {line}");
    }
    assert!(md.contains("## Sources"));
    let html = web::briefing::to_html(&b);
    // The hostile article's markup is escaped, never emitted.
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b onmouseover"));
    assert!(html.contains("&lt;b onmouseover="));
    assert!(!html.contains("href=\"javascript:"));
}

#[test]
fn security_headers_and_bounds() {
    let r = get(server(), "/api/stats");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));
    assert!(!r
        .header("content-security-policy")
        .unwrap()
        .contains("unsafe-inline"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r.header("access-control-allow-origin").is_none());
    // Bounded limit: clamped to the maximum.
    let r = get(server(), "/api/incidents?limit=999999");
    assert_eq!(r.json()["limit"], web::MAX_LIMIT);
    // Over-long query strings are refused.
    let long = "a".repeat(web::MAX_QUERY_BYTES + 1);
    assert_eq!(
        get(server(), &format!("/api/incidents?text={long}")).status,
        414
    );
    // Bad parameters: 400 with a message.
    let r = get(server(), "/api/incidents?since=yesterday");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("since"));
    assert_eq!(get(server(), "/api/incidents?near=1").status, 400);
    assert_eq!(get(server(), "/api/incidents?near=1,2").status, 200, "LAT,LON with the default radius");
    // Read only: no write method is routed.
    let addr = server();
    let host = format!("127.0.0.1:{}", addr.port());
    assert_eq!(request(addr, "POST", "/api/incidents", &host).status, 405);
    assert_eq!(
        request(addr, "DELETE", "/api/incidents/x", &host).status,
        405
    );
    // A foreign Host (DNS rebinding) is refused on a loopback server.
    assert_eq!(
        request(addr, "GET", "/api/stats", "evil.example").status,
        421
    );
    assert_eq!(
        request(
            addr,
            "GET",
            "/api/stats",
            &format!("localhost:{}", addr.port())
        )
        .status,
        200
    );
}

#[test]
fn page_and_assets_are_served_without_inline_script() {
    let r = get(server(), "/");
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    // Every script element loads a same-origin file.
    for part in html.split("<script").skip(1) {
        let tag = &part[..part.find('>').unwrap()];
        assert!(tag.contains("src=\"/"), "inline script: {tag}");
        assert!(part[part.find('>').unwrap() + 1..]
            .trim_start()
            .starts_with("</script>"));
    }
    assert!(!html.contains("style=\""), "inline style attribute");
    assert!(html.contains("GeoNames") && html.contains("Natural Earth"));
    for path in [
        "/app.js",
        "/app.css",
        "/vendor/leaflet/leaflet.js",
        "/vendor/markercluster/leaflet.markercluster.js",
        "/vendor/topojson/topojson-client.min.js",
    ] {
        let r = get(server(), path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.body.len() > 500, "{path}");
    }
    let topo = get(server(), "/vendor/geo/countries-50m.topo.json").json();
    assert_eq!(topo["type"], "Topology");
    let ua = get(server(), "/vendor/geo/ukraine-admin1.geojson").json();
    assert_eq!(ua["features"].as_array().unwrap().len(), 27);
    assert_eq!(get(server(), "/nope").status, 404);
}

#[test]
fn openapi_document_lists_every_endpoint() {
    let d = get(server(), "/api/openapi.json").json();
    assert!(d["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/statements",
        "/api/briefing",
        "/api/stats",
    ] {
        assert!(d["paths"][p]["get"].is_object(), "{p}");
    }
}

#[test]
fn map_points_and_timeline_are_compact_aggregates() {
    let p = get(server(), "/api/points").json();
    let pts = p["points"].as_array().unwrap();
    assert_eq!(
        p["total"].as_u64().unwrap() as usize,
        pts.len() + p["unlocated"].as_u64().unwrap() as usize
    );
    assert!(pts.len() >= 5);
    for row in pts {
        let row = row.as_array().unwrap();
        assert_eq!(row.len(), 6, "id, lat, lon, type, casualties, place precision");
        assert!(row[1].as_f64().unwrap().abs() <= 90.0);
    }
    let t = get(server(), "/api/timeline").json();
    let days = t["days"].as_array().unwrap();
    let total: u64 = days.iter().map(|d| d["count"].as_u64().unwrap()).sum();
    assert_eq!(total, p["total"].as_u64().unwrap());
    assert_eq!(days.first().unwrap()["day"], "2024-11-04");
    // Date filters narrow points but not the timeline's span.
    let p2 = get(server(), "/api/points?since=2024-11-06").json();
    assert!(p2["total"].as_u64() < p["total"].as_u64());
    let t2 = get(server(), "/api/timeline?since=2024-11-06").json();
    assert_eq!(t2["days"].as_array().unwrap().len(), days.len());
    let f = get(server(), "/api/facets").json();
    assert_eq!(f["types"].as_array().unwrap().len(), 6);
    assert!(f["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a[0] == "Russia"));
}

#[test]
fn many_points_are_clustered_on_the_server() {
    // 5,000 located incidents in a 1-degree square: over MAX_POINTS, so the
    // server answers per-cell aggregates when the map gives its view.
    let incidents: Vec<sitrep_model::Incident> = (0..5_000)
        .map(|i| {
            let mut v: sitrep_model::Incident = serde_json::from_value(serde_json::json!({
                "id": format!("p{i}"), "type": "Battles", "subtype": "Armed clash", "date": "2024-01-01",
                "date_precision": "day",
                "location": {"name": "X", "admin1": null, "country": "UA", "lat": 48.0 + (i % 100) as f64 / 100.0,
                             "lon": 37.0 + (i / 100) as f64 / 50.0, "precision": "city"},
                "actor1": null, "actor2": null, "weapons": [], "fatalities": 1, "injured": null, "intercepted": null,
                "certainty": "reported", "claimed_by": null, "claims": [], "sources": []
            }))
            .unwrap();
            v.id = format!("p{i:05}");
            v
        })
        .collect();
    let mut store = sitrep_store::SqliteStore::in_memory().unwrap();
    store.bulk_insert_incidents(&incidents).unwrap();
    let addr = start(Box::new(store));
    let r = get(addr, "/api/points?zoom=7&bbox=30,44,40,52").json();
    assert_eq!(r["mode"], "cells");
    let cells = r["cells"].as_array().unwrap();
    assert!(!cells.is_empty() && cells.len() < 200, "{}", cells.len());
    let sum: u64 = cells.iter().map(|c| c[2].as_u64().unwrap()).sum();
    assert_eq!(sum, 5_000, "every incident is in one cell");
    assert_eq!(r["bounds"][0].as_f64().unwrap(), 48.0);
    // Killed + injured are summed per cell; the dominant type is Battles (0).
    assert!(cells.iter().all(|c| c[3] == 0 && c[4] == c[2]));
    // Without a view, or filtered below the threshold, points are sent.
    assert_eq!(get(addr, "/api/points").json()["mode"], "points");
    assert_eq!(
        get(addr, "/api/points?zoom=7&bbox=30,44,40,52&text=p00001").json()["mode"],
        "points"
    );
    assert_eq!(get(addr, "/api/points?zoom=7&bbox=40,44,30,52").status, 400);
}

#[test]
fn evidence_context_cuts_at_word_boundaries() {
    let body = "alpha beta gamma delta epsilon zeta eta theta";
    let (b, e, a) = web::evidence_context(body, "delta", 8).unwrap();
    assert_eq!(e, "delta");
    assert!(b.starts_with('\u{2026}') && b.ends_with("gamma "), "{b:?}");
    assert!(
        a.starts_with(" epsilon") && a.ends_with('\u{2026}'),
        "{a:?}"
    );
    assert!(web::evidence_context(body, "omega", 8).is_none());
    assert!(
        web::is_loopback_host("127.0.0.1:8080")
            && web::is_loopback_host("[::1]:80")
            && web::is_loopback_host("LOCALHOST")
    );
    assert!(
        !web::is_loopback_host("example.com:8080") && !web::is_loopback_host("127.0.0.1.nip.io")
    );
}
