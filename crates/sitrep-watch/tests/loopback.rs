//! The watcher against a test server on 127.0.0.1 serving feeds and pages
//! written for these tests. The clock is a test clock: politeness waits and
//! intervals pass instantly and exactly; only the one "server never answers"
//! case waits for a real (2 s) timeout.
mod support;

use sitrep_store::watch::ItemStatus;
use sitrep_store::{SqliteStore, Store};
use sitrep_watch::sources::{parse_feed_list, Sources};
use sitrep_watch::{Clock, Options, Watcher};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{article, rss, Reply, Server};

/// Time that moves only when told to, or when the watcher waits.
struct TestClock {
    now: AtomicI64,
    slept: AtomicI64,
}

impl TestClock {
    fn new() -> Arc<TestClock> {
        Arc::new(TestClock {
            now: AtomicI64::new(1_730_880_000_000), // 2024-11-06T08:00:00Z
            slept: AtomicI64::new(0),
        })
    }
    fn advance(&self, ms: i64) {
        self.now.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now_ms(&self) -> i64 {
        self.now.load(Ordering::SeqCst)
    }
    fn sleep(&self, d: Duration) {
        self.now.fetch_add(d.as_millis() as i64, Ordering::SeqCst);
        self.slept.fetch_add(d.as_millis() as i64, Ordering::SeqCst);
    }
}

const MIN: i64 = 60_000;

fn options() -> Options {
    let mut o = Options {
        every_ms: MIN,
        host_delay_ms: 1_000,
        jobs: 3,
        batch: 3,
        ..Default::default()
    };
    o.limits.timeout = Duration::from_secs(2);
    o
}

type Lines = Arc<Mutex<Vec<String>>>;

fn watcher(db: &Path, list: &str, clock: &Arc<TestClock>, opts: Options) -> (Watcher, Lines) {
    let (feeds, errors) = parse_feed_list(list, "test-list");
    assert!(errors.is_empty(), "{errors:?}");
    let sources = Sources {
        feeds,
        dirs: Vec::new(),
    };
    watcher_for(db, sources, clock, opts)
}

fn watcher_for(
    db: &Path,
    sources: Sources,
    clock: &Arc<TestClock>,
    opts: Options,
) -> (Watcher, Lines) {
    let lines: Lines = Default::default();
    let l = lines.clone();
    let store = SqliteStore::open(db).unwrap();
    let w = Watcher::with_http(
        store,
        sources,
        clock.clone(),
        opts,
        Arc::new(move |s: &str| l.lock().unwrap().push(s.to_string())),
    );
    (w, lines)
}

/// Three paragraphs about a made-up incident; `n` makes each body distinct.
fn story(n: usize, extra: &str) -> Vec<String> {
    vec![
        format!("Officials in the eastern district said {n} buildings were damaged when artillery shells struck the covered market early on Tuesday, the {n}th such attack reported there this year."),
        format!("Emergency crews worked through the night to clear debris, a regional spokesperson told reporters, adding that power lines had been cut in {} places and that repairs would take days.", n + 2),
        format!("Residents described hearing explosions for more than an hour. Schools in the area will stay closed until the end of the week, the education office said. {extra}"),
    ]
}

fn page(title: &str, n: usize, extra: &str) -> Reply {
    let ps = story(n, extra);
    let refs: Vec<&str> = ps.iter().map(String::as_str).collect();
    Reply::html(article(title, "2024-11-05", &refs))
}

/// Articles in the store, read through a second connection (as `sitrep stats` would).
fn article_count(db: &Path) -> usize {
    SqliteStore::open_existing(db)
        .unwrap()
        .stats()
        .unwrap()
        .articles as usize
}

/// Every stored article URL, sorted (duplicates would show).
fn article_urls(store: &SqliteStore) -> Vec<String> {
    let mut st = store
        .conn()
        .prepare("SELECT url FROM articles ORDER BY url")
        .unwrap();
    let rows = st.query_map([], |r| r.get::<_, Option<String>>(0)).unwrap();
    rows.map(|r| r.unwrap().unwrap_or_default()).collect()
}

#[test]
fn new_items_are_stored_once_and_a_restart_refetches_nothing() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    // RSS: a root-relative link, a link relative to the feed, entities in a
    // title, a missing date, an item with only its content.
    let rss_xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Wire &amp; Partners</title>
<item><title>Market struck in eastern district</title><link>/a/1</link><guid>wire-1</guid><pubDate>Tue, 05 Nov 2024 09:00:00 GMT</pubDate></item>
<item><title>Power cut after night attack</title><link>stories/2</link><guid>wire-2</guid><pubDate>Tue, 05 Nov 2024 10:00:00 +0000</pubDate></item>
<item><title>Schools shut &amp;amp; crews clear debris &#8211; update</title><link>{}</link><guid>wire-3</guid></item>
<item><title>Flash: convoy stopped</title><guid>wire-4</guid><content:encoded><![CDATA[<p>A convoy of 14 trucks carrying flour was stopped at a checkpoint north of the river on Tuesday, the aid agency running it said in a statement.</p><p>The agency said talks to let it pass were continuing.</p>]]></content:encoded></item>
</channel></rss>"#,
        srv.url("/a/3")
    );
    srv.set(
        "/feeds/rss.xml",
        Reply::rss(rss_xml).with_etag("\"rss-v1\""),
    );
    srv.set("/a/1", page("Market struck in eastern district", 1, ""));
    srv.set(
        "/feeds/stories/2",
        page("Power cut after night attack", 2, ""),
    );
    srv.set("/a/3", page("Schools shut as crews clear debris", 3, ""));
    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{}"><title>Agency</title><id>urn:t</id><updated>2024-11-05T12:00:00Z</updated>
<entry><id>urn:t:5</id><title>Bridge closed to traffic</title><link href="p/5"/><updated>2024-11-05T11:00:00Z</updated></entry>
<entry><id>urn:t:6</id><title>Shelter opened in school gym</title><link rel="alternate" href="p/6"/><updated>2024-11-05T11:30:00Z</updated></entry>
</feed>"#,
        srv.url("/agency/")
    );
    srv.set("/agency/atom.xml", Reply::atom(atom));
    srv.set("/agency/p/5", page("Bridge closed to traffic", 5, ""));
    srv.set("/agency/p/6", page("Shelter opened in school gym", 6, ""));
    let list = format!(
        "# test feeds\n{} Test Wire\n{}\n",
        srv.url("/feeds/rss.xml"),
        srv.url("/agency/atom.xml")
    );
    let clock = TestClock::new();
    let pages = [
        "/a/1",
        "/feeds/stories/2",
        "/a/3",
        "/agency/p/5",
        "/agency/p/6",
    ];
    {
        let (mut w, lines) = watcher(&db, &list, &clock, options());
        let r = w.cycle().unwrap();
        assert_eq!(
            (r.new_articles(), r.updated(), r.failed()),
            (6, 0, 0),
            "{}",
            r.line()
        );
        assert!(r.line().contains("Test Wire: 4 new"), "{}", r.line());
        let urls = article_urls(w.store());
        assert_eq!(urls.len(), 6);
        assert!(
            urls.contains(&srv.url("/feeds/stories/2")),
            "relative to the feed: {urls:?}"
        );
        assert!(
            urls.contains(&format!("{}#wire-4", srv.url("/feeds/rss.xml"))),
            "{urls:?}"
        );
        let a3 = w.store().article(&srv.url("/a/3")).unwrap().unwrap();
        assert_eq!(
            a3.title.as_deref(),
            Some("Schools shut & crews clear debris \u{2013} update")
        );
        assert_eq!(a3.source.as_deref(), Some("Test Wire"));
        assert!(a3.body.contains("3 buildings were damaged"), "{}", a3.body);
        let a1 = w.store().article(&srv.url("/a/1")).unwrap().unwrap();
        assert_eq!(a1.published.as_deref(), Some("2024-11-05"));
        let flash = w
            .store()
            .article(&format!("{}#wire-4", srv.url("/feeds/rss.xml")))
            .unwrap()
            .unwrap();
        assert!(flash.body.contains("14 trucks"), "{}", flash.body);
        // Each page fetched once; every request named sitrep; one host, so the
        // requests were spaced by the politeness delay (the test clock counts it).
        for p in pages {
            assert_eq!(srv.hits(p), 1, "{p}");
        }
        let hits = srv.all_hits();
        assert_eq!(hits.len(), 7);
        assert!(hits.iter().all(|h| h
            .headers
            .get("user-agent")
            .is_some_and(|u| u.starts_with("sitrep/"))));
        assert!(
            clock.slept.load(Ordering::SeqCst) >= 6 * 1_000,
            "7 requests to one host, 1 s apart"
        );
        assert!(
            lines.lock().unwrap().is_empty(),
            "{:?}",
            lines.lock().unwrap()
        );

        // Nothing is due yet: nothing is fetched.
        let r = w.cycle().unwrap();
        assert_eq!(r.sources.iter().filter(|s| s.checked).count(), 0);
        assert_eq!(srv.all_hits().len(), 7);

        // One interval later: the RSS feed answers 304 to its ETag; the Atom
        // feed (no validators) is read again, its items are known.
        clock.advance(MIN + 1);
        let r = w.cycle().unwrap();
        assert_eq!((r.new_articles(), r.skipped()), (0, 2), "{}", r.line());
        assert!(r.sources[0].not_modified);
        let rss_hits: Vec<_> = srv
            .all_hits()
            .into_iter()
            .filter(|h| h.path == "/feeds/rss.xml")
            .collect();
        assert_eq!(
            rss_hits[1].headers.get("if-none-match").map(String::as_str),
            Some("\"rss-v1\"")
        );
        assert_eq!(rss_hits[1].status, 304);
    }
    // A restart: the state is in the store; nothing is due, nothing fetched.
    let before = srv.all_hits().len();
    let (mut w, _) = watcher(&db, &list, &clock, options());
    let r = w.cycle().unwrap();
    assert_eq!(r.sources.iter().filter(|s| s.checked).count(), 0);
    assert_eq!(srv.all_hits().len(), before);
    clock.advance(MIN + 1);
    let r = w.cycle().unwrap();
    assert_eq!(
        (r.new_articles(), r.updated(), r.failed()),
        (0, 0, 0),
        "{}",
        r.line()
    );
    for p in pages {
        assert_eq!(srv.hits(p), 1, "{p} is not fetched again");
    }
    assert_eq!(article_count(&db), 6);
    // The feeds' health is in the store.
    let status = w.store().watch_sources().unwrap();
    assert_eq!(status.len(), 2);
    assert!(status
        .iter()
        .all(|s| s.last_success.is_some() && s.last_error.is_none() && s.failures == 0));
    assert_eq!(status.iter().map(|s| s.items_new).sum::<u64>(), 6);
    assert_eq!(
        status[0].name.as_deref(),
        Some("Agency"),
        "sorted by key; the Atom feed's own title"
    );
}

#[test]
fn an_updated_item_updates_its_article() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let feed = |title: &str, updated: &str| {
        format!(
            r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:d</id><updated>{updated}</updated>
<entry><id>urn:d:1</id><title>{title}</title><link href="{}"/><updated>{updated}</updated></entry>
<entry><id>urn:d:2</id><title>Second story</title><link href="{}"/><updated>2024-11-05T08:00:00Z</updated></entry></feed>"#,
            srv.url("/s/1"),
            srv.url("/s/2")
        )
    };
    srv.set(
        "/feed",
        Reply::atom(feed("Depot hit", "2024-11-05T09:00:00Z")),
    );
    srv.set("/s/1", page("Depot hit", 11, ""));
    srv.set("/s/2", page("Second story", 12, ""));
    let clock = TestClock::new();
    let (mut w, _) = watcher(&db, &srv.url("/feed"), &clock, options());
    assert_eq!(w.cycle().unwrap().new_articles(), 2);
    // The entry is updated (new title and time) and so is its page.
    srv.set(
        "/feed",
        Reply::atom(feed("Depot hit, toll rises", "2024-11-05T15:00:00Z")),
    );
    srv.set(
        "/s/1",
        page(
            "Depot hit, toll rises",
            11,
            "Rescuers later found two more people under the rubble.",
        ),
    );
    clock.advance(MIN + 1);
    let r = w.cycle().unwrap();
    assert_eq!(
        (r.new_articles(), r.updated(), r.skipped()),
        (0, 1, 1),
        "{}",
        r.line()
    );
    let a = w.store().article(&srv.url("/s/1")).unwrap().unwrap();
    assert!(a.body.contains("two more people"), "{}", a.body);
    assert_eq!(a.title.as_deref(), Some("Depot hit, toll rises"));
    assert_eq!(
        w.store().history(&srv.url("/s/1")).unwrap().len(),
        1,
        "the old version is kept"
    );
    assert_eq!((srv.hits("/s/1"), srv.hits("/s/2")), (2, 1));
    assert_eq!(article_count(&db), 2);
    // An entry that changes while its page does not: fetched, nothing stored twice.
    srv.set(
        "/feed",
        Reply::atom(feed("Depot hit, toll rises", "2024-11-05T16:00:00Z")),
    );
    clock.advance(MIN + 1);
    let r = w.cycle().unwrap();
    assert_eq!(
        (r.new_articles(), r.updated(), r.skipped()),
        (0, 0, 2),
        "{}",
        r.line()
    );
    assert_eq!(article_count(&db), 2);
}

#[test]
fn bad_feeds_get_named_errors_and_the_others_go_on() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    srv.set(
        "/good.xml",
        Reply::rss(rss(
            "Good",
            &[(
                "One",
                &srv.url("/g/1"),
                Some("g1"),
                Some("Tue, 05 Nov 2024 09:00:00 GMT"),
            )],
        )),
    );
    srv.set("/g/1", page("One", 21, ""));
    srv.set(
        "/bad/html",
        Reply::html(article(
            "Front page",
            "2024-11-05",
            &["Welcome to the site."],
        )),
    );
    let full = rss("Cut", &[("A", &srv.url("/g/2"), Some("c1"), None)]);
    srv.set(
        "/bad/truncated",
        Reply::rss(full[..full.len() / 2].to_string()),
    );
    srv.set(
        "/bad/huge",
        Reply {
            status: 200,
            content_type: Some("application/rss+xml".into()),
            endless: true,
            ..Default::default()
        },
    );
    srv.set("/bad/loop", Reply::redirect(&srv.url("/bad/loop2")));
    srv.set("/bad/loop2", Reply::redirect("/bad/loop"));
    srv.set(
        "/bad/hang",
        Reply {
            hang: true,
            ..Default::default()
        },
    );
    srv.set(
        "/bad/busy",
        Reply::status(503).with_header("Retry-After", "600"),
    );
    srv.set(
        "/bad/dates",
        Reply::rss(rss(
            "Dates",
            &[(
                "Dated badly",
                &srv.url("/g/3"),
                Some("d1"),
                Some("the day before yesterday"),
            )],
        )),
    );
    srv.set("/g/3", page("Dated badly", 23, ""));
    let names = [
        ("/good.xml", None),
        ("/bad/html", Some("not-a-feed")),
        ("/bad/truncated", Some("truncated-xml")),
        ("/bad/huge", Some("too-large")),
        ("/bad/loop", Some("redirect-loop")),
        ("/bad/hang", Some("timeout")),
        ("/bad/busy", Some("unavailable")),
        ("/bad/missing", Some("http-404")),
        ("/bad/dates", Some("invalid-dates")),
    ];
    // The busy feed is on another host name (a 503 with Retry-After pauses its whole host).
    let busy_url = format!("http://localhost:{}/bad/busy", srv.addr.port());
    let url_of = |p: &str| {
        if p == "/bad/busy" {
            busy_url.clone()
        } else {
            srv.url(p)
        }
    };
    let list: String = names
        .iter()
        .map(|(p, _)| format!("{}\n", url_of(p)))
        .collect();
    let clock = TestClock::new();
    let mut opts = options();
    opts.limits.feed_bytes = 1024 * 1024;
    let (mut w, lines) = watcher(&db, &list, &clock, opts);
    let now = clock.now_ms();
    let r = w.cycle().unwrap();
    assert_eq!(
        r.new_articles(),
        2,
        "the good feed and the badly dated one are stored: {}",
        r.line()
    );
    let store = w.store();
    for (path, kind) in names {
        let st = store.source_state(&url_of(path)).unwrap().unwrap();
        assert_eq!(
            st.last_error_kind.as_deref(),
            kind,
            "{path}: {:?}",
            st.last_error
        );
        if let Some(k) = kind {
            assert!(
                lines
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|l| l.contains(&format!("error {k}"))
                        || l.contains(&format!("warning {k}"))),
                "{k} is in the log: {:?}",
                lines.lock().unwrap()
            );
        }
        let failed = kind.is_some_and(|k| k != "invalid-dates");
        assert_eq!(st.failures, u32::from(failed), "{path}");
        assert_eq!(st.last_success.is_some(), !failed, "{path}");
    }
    // The server asked for 10 minutes: the feed is not fetched before then.
    let busy = store.source_state(&busy_url).unwrap().unwrap();
    assert!(busy.next_fetch.unwrap() >= now + 600_000);
    assert!(r.line().contains("error redirect-loop"), "{}", r.line());
    // The cycle line and the store agree; the failed feeds back off, the good ones go on.
    clock.advance(MIN + 1);
    let t = clock.now_ms();
    let r = w.cycle().unwrap();
    let checked: Vec<&str> = r
        .sources
        .iter()
        .filter(|s| s.checked)
        .map(|s| s.key.as_str())
        .collect();
    assert!(checked.contains(&srv.url("/good.xml").as_str()));
    assert!(
        !checked.contains(&busy_url.as_str()),
        "Retry-After is honoured"
    );
    let html = w
        .store()
        .source_state(&srv.url("/bad/html"))
        .unwrap()
        .unwrap();
    assert_eq!(html.failures, 2);
    assert_eq!(
        html.next_fetch.unwrap(),
        t + 2 * MIN,
        "backoff doubles the interval"
    );
}

#[test]
fn private_addresses_need_to_be_named_and_redirects_are_checked() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let port = srv.addr.port();
    // The list names 127.0.0.1 only: 127.0.0.2 and localhost are other hosts.
    let other = format!("http://127.0.0.2:{port}/p/other");
    let via_localhost = format!("http://localhost:{port}/p/secret");
    srv.set("/p/redirect", Reply::redirect(&via_localhost));
    srv.set("/p/secret", page("Secret", 31, ""));
    srv.set("/p/ok", page("Fine", 32, ""));
    srv.set(
        "/feed",
        Reply::rss(rss(
            "Mixed",
            &[
                ("Other host", &other, Some("m1"), None),
                ("Redirected", &srv.url("/p/redirect"), Some("m2"), None),
                ("Fine", &srv.url("/p/ok"), Some("m3"), None),
                ("Not web", "ftp://127.0.0.1/file", Some("m4"), None),
            ],
        )),
    );
    let clock = TestClock::new();
    let (mut w, lines) = watcher(&db, &srv.url("/feed"), &clock, options());
    let r = w.cycle().unwrap();
    assert_eq!((r.new_articles(), r.failed()), (1, 3), "{}", r.line());
    assert_eq!(
        srv.hits("/p/secret"),
        0,
        "the redirect to an unnamed loopback host was not followed"
    );
    let items = w.store().item_states(&srv.url("/feed")).unwrap();
    assert!(
        items["m1"]
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("blocked-address"),
        "{:?}",
        items["m1"]
    );
    assert!(
        items["m2"]
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("blocked-address"),
        "{:?}",
        items["m2"]
    );
    assert_eq!(
        items["m1"].status,
        ItemStatus::GaveUp,
        "waiting will not change it"
    );
    assert_eq!(items["m3"].status, ItemStatus::Stored);
    // An ftp link is not an item link we follow (the parser keeps http(s) only).
    assert!(
        items["m4"]
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("no-link"),
        "{:?}",
        items["m4"]
    );
    assert_eq!(
        lines.lock().unwrap().len(),
        3,
        "{:?}",
        lines.lock().unwrap()
    );
}

#[test]
fn a_host_that_asks_for_a_pause_gets_it_and_every_item_is_stored_once() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let items: Vec<(String, String)> = (1..=4)
        .map(|i| (format!("Story {i}"), srv.url(&format!("/r/{i}"))))
        .collect();
    let refs: Vec<(&str, &str, Option<&str>, Option<&str>)> = items
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_str(), None, None))
        .collect();
    srv.set("/feed", Reply::rss(rss("Busy", &refs)).with_etag("\"b1\""));
    srv.set("/r/1", Reply::status(429).with_header("Retry-After", "300"));
    for i in 2..=4 {
        srv.set(&format!("/r/{i}"), page(&format!("Story {i}"), 40 + i, ""));
    }
    let clock = TestClock::new();
    let (mut w, _) = watcher(&db, &srv.url("/feed"), &clock, options());
    let r = w.cycle().unwrap();
    assert_eq!(
        (r.new_articles(), r.failed(), r.deferred()),
        (0, 1, 3),
        "{}",
        r.line()
    );
    assert!(r.line().contains("3 deferred"), "{}", r.line());
    assert_eq!(
        srv.hits("/r/2") + srv.hits("/r/3") + srv.hits("/r/4"),
        0,
        "the host's pause is kept"
    );
    let st = w.store().item_states(&srv.url("/feed")).unwrap();
    assert!(st.values().all(|s| s.status == ItemStatus::Failed));
    assert!(
        st.values()
            .all(|s| s.next_try.unwrap() >= clock.now_ms() + 290_000),
        "{st:?}"
    );
    // Before the pause ends the feed is fetched (304) but no page is.
    srv.set("/r/1", page("Story 1", 41, ""));
    clock.advance(2 * MIN);
    let r = w.cycle().unwrap();
    assert_eq!(r.new_articles(), 0, "{}", r.line());
    assert_eq!(srv.hits("/r/1"), 1);
    // After it, the 304 feed's failed items are retried from their states.
    clock.advance(4 * MIN);
    let r = w.cycle().unwrap();
    assert_eq!((r.new_articles(), r.failed()), (4, 0), "{}", r.line());
    assert_eq!(srv.hits("/feed"), 3);
    assert_eq!(article_count(&db), 4);
    for i in 1..=4 {
        assert_eq!(srv.hits(&format!("/r/{i}")), if i == 1 { 2 } else { 1 });
    }
}

#[test]
fn failed_pages_are_retried_then_given_up() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    srv.set(
        "/feed",
        Reply::rss(rss(
            "F",
            &[
                ("Gone", &srv.url("/x/gone"), Some("x1"), None),
                ("Flaky", &srv.url("/x/flaky"), Some("x2"), None),
                ("Picture", &srv.url("/x/pic"), Some("x3"), None),
            ],
        )),
    );
    srv.set("/x/flaky", Reply::status(500));
    srv.set(
        "/x/pic",
        Reply::ok("image/png", b"\x89PNG\r\n\x1a\n\x00\x00".to_vec()),
    );
    let clock = TestClock::new();
    let mut opts = options();
    opts.max_attempts = 3;
    let (mut w, _) = watcher(&db, &srv.url("/feed"), &clock, opts);
    let r = w.cycle().unwrap();
    assert_eq!(r.failed(), 3);
    let st = w.store().item_states(&srv.url("/feed")).unwrap();
    assert_eq!(st["x1"].status, ItemStatus::GaveUp, "404 is final");
    assert!(st["x1"]
        .last_error
        .as_deref()
        .unwrap()
        .starts_with("http-404"));
    assert_eq!(st["x3"].status, ItemStatus::GaveUp);
    assert!(
        st["x3"]
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("not-html"),
        "{:?}",
        st["x3"]
    );
    assert_eq!(st["x2"].status, ItemStatus::Failed, "a 500 may pass");
    // Retried at later cycles (backing off), given up after three attempts.
    for _ in 0..6 {
        clock.advance(60 * MIN);
        w.cycle().unwrap();
    }
    let st = w.store().item_states(&srv.url("/feed")).unwrap();
    assert_eq!(st["x2"].status, ItemStatus::GaveUp);
    assert_eq!(st["x2"].attempts, 3);
    assert_eq!(srv.hits("/x/flaky"), 3);
    assert_eq!((srv.hits("/x/gone"), srv.hits("/x/pic")), (1, 1));
}

#[test]
fn watched_directories_store_new_and_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sitrep");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let text = |n: usize, extra: &str| story(n, extra).join("\n\n");
    std::fs::write(inbox.join("a.txt"), text(51, "")).unwrap();
    std::fs::write(
        inbox.join("wire.jsonl"),
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "w1", "url": "https://wire.example/w1", "text": text(52, ""), "published": "2024-11-05"}),
            serde_json::json!({"id": "w2", "text": text(53, "")})
        ),
    )
    .unwrap();
    std::fs::write(
        inbox.join("broken.txt"),
        b"\x00\x01\x02\x03\x04\x05 binary junk \x00\x00",
    )
    .unwrap();
    std::fs::write(inbox.join("notes.pdf"), b"%PDF").unwrap();
    let clock = TestClock::new();
    // Files written "now" by the test clock's standard are long settled.
    clock.advance(100 * 365 * 24 * 3600 * 1000);
    let sources = Sources {
        feeds: Vec::new(),
        dirs: vec![inbox.clone()],
    };
    let (mut w, lines) = watcher_for(&db, sources.clone(), &clock, options());
    let r = w.cycle().unwrap();
    assert_eq!((r.new_articles(), r.failed()), (3, 1), "{}", r.line());
    let log = lines.lock().unwrap().join("\n");
    assert!(
        log.contains("broken.txt") && log.contains("binary"),
        "{log}"
    );
    assert!(log.contains("notes.pdf"), "{log}");
    // Nothing changed: nothing read. A changed file replaces its article.
    let r = w.cycle().unwrap();
    assert_eq!(
        (r.new_articles(), r.updated(), r.skipped(), r.failed()),
        (0, 0, 0, 0),
        "{}",
        r.line()
    );
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(
        inbox.join("a.txt"),
        text(51, "The mayor later said the market would reopen."),
    )
    .unwrap();
    std::fs::write(
        inbox.join("b.html"),
        support::article(
            "New file",
            "2024-11-06",
            &story(54, "").iter().map(String::as_str).collect::<Vec<_>>(),
        ),
    )
    .unwrap();
    let r = w.cycle().unwrap();
    assert_eq!((r.new_articles(), r.updated()), (1, 1), "{}", r.line());
    assert_eq!(article_count(&db), 4);
    // A restart reads nothing again.
    drop(w);
    let (mut w, _) = watcher_for(&db, sources, &clock, options());
    let r = w.cycle().unwrap();
    assert_eq!(
        (r.new_articles(), r.updated(), r.skipped(), r.failed()),
        (0, 0, 0, 0),
        "{}",
        r.line()
    );
    let st = w.store().watch_sources().unwrap();
    assert_eq!(st[0].kind, "dir");
    assert_eq!(st[0].items_new, 5);
}
