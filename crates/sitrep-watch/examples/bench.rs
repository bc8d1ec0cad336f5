//! Items per second from a loopback feed server to the store (run by hand,
//! not a test):
//!
//! ```sh
//! cargo run --release -p sitrep-watch --example bench -- 2000
//! ```
//!
//! One RSS feed of N items on a test server on 127.0.0.1, each linking to its
//! own article page (≈ 32 KB of HTML: navigation, scripts and a footer around
//! six paragraphs); one watch cycle with no politeness delay fetches every
//! page, extracts it as `sitrep extract` does for HTML and stores it in a
//! fresh store. Prints the items stored per second, end to end.
#[path = "../tests/support/mod.rs"]
mod support;

use sitrep_store::SqliteStore;
use sitrep_watch::sources::{FeedSpec, Sources};
use sitrep_watch::{Options, SystemClock, Watcher};
use std::sync::Arc;
use std::time::Instant;
use support::{Reply, Server};

const TOWNS: [&str; 8] = [
    "Kharkiv",
    "Odesa",
    "Zaporizhzhia",
    "Dnipro",
    "Sumy",
    "Kherson",
    "Mykolaiv",
    "Chernihiv",
];

fn page(i: usize) -> String {
    let town = TOWNS[i % TOWNS.len()];
    let day = 1 + i % 28;
    let paragraphs = [
        format!("{town}, Nov {day} - Drones and missiles struck {town} overnight, killing {} people and wounding {}, the regional governor said on Tuesday, in what officials called one of the heaviest attacks on the city this month.", 1 + i % 7, 3 + i % 11),
        format!("Rescue teams pulled {} residents from the rubble of a five-storey building, the emergency service said. A school and {} shops were also damaged, and power was cut to parts of the {} district.", i % 5 + 1, i % 9 + 2, ["northern", "southern", "eastern", "western"][i % 4]),
        format!("Air defence units shot down {} of the {} drones launched during the night, the air force said in a statement, adding that debris fell on a warehouse on the outskirts.", 20 + i % 13, 30 + i % 17),
        "The mayor urged residents to stay in shelters while the alert lasted and said that schools would switch to remote lessons until the end of the week.".to_string(),
        format!("Report number {i}: officials said a full count of the damage would take several days, and that teams were still inspecting buildings near the railway station."),
        "Moscow did not comment on the attack. Its defence ministry said separately that its forces had struck military targets across the region.".to_string(),
    ];
    let nav: String = (0..150)
        .map(|k| format!("<li><a href=\"/section/{k}\">Section {k}</a></li>"))
        .collect();
    let script = "var x = 1;".repeat(2000);
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let related: String = (0..40)
        .map(|k| format!("<div class=\"related\"><a href=\"/story/{k}\">Another story headline number {k} about the news</a></div>"))
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Strikes on {town}, report {i} | Bench Wire</title>\
         <meta property=\"article:published_time\" content=\"2024-11-{day:02}T08:00:00Z\"><script>{script}</script></head>\
         <body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>Strikes on {town}, report {i}</h1>{body}</article>\
         <aside>{related}</aside></main><footer>Copyright Bench Wire. All rights reserved.</footer></body></html>"
    )
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    if let Some(d) = std::env::var_os("BENCH_WRITE") {
        write_pages(std::path::Path::new(&d), n);
    }
    let srv = Server::start();
    let mut items = Vec::with_capacity(n);
    let mut bytes = 0usize;
    for i in 0..n {
        let p = page(i);
        bytes += p.len();
        srv.set(&format!("/story/{i}"), Reply::html(p));
        items.push((format!("Report {i}"), srv.url(&format!("/story/{i}"))));
    }
    let refs: Vec<(&str, &str, Option<&str>, Option<&str>)> = items
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_str(), None, None))
        .collect();
    srv.set("/feed.xml", Reply::rss(support::rss("Bench Wire", &refs)));
    let dir = std::env::temp_dir().join(format!("sitrep-watch-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bench.sitrep");
    let store = SqliteStore::open(&db).unwrap();
    let sources = Sources {
        feeds: vec![FeedSpec {
            url: url::Url::parse(&srv.url("/feed.xml")).unwrap(),
            name: Some("Bench Wire".into()),
            origin: "bench".into(),
        }],
        dirs: Vec::new(),
    };
    let opts = Options {
        host_delay_ms: 0,
        ..Default::default()
    };
    let mut w = Watcher::with_http(
        store,
        sources,
        Arc::new(SystemClock),
        opts,
        Arc::new(|l: &str| eprintln!("{l}")),
    );
    let t = Instant::now();
    let r = w.cycle().unwrap();
    let secs = t.elapsed().as_secs_f64();
    let stored = r.new_articles();
    println!(
        "{n} items ({:.1} KB of HTML per page): {stored} stored, {} failed in {secs:.2} s = {:.0} items/s (threads: {})",
        bytes as f64 / n as f64 / 1024.0,
        r.failed(),
        stored as f64 / secs,
        rayon::current_num_threads()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `BENCH_WRITE=DIR`: also write the pages as files (to time `sitrep ingest` on them).
fn write_pages(dir: &std::path::Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("story{i}.html")), page(i)).unwrap();
    }
}
