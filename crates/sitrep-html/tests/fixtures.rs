//! End-to-end checks of `sitrep_html::extract` on hand-written pages in
//! `tests/fixtures/`: article text in, boilerplate out, title and dates.

use chrono::NaiveDate;
use sitrep_html::{extract, HtmlArticle};

fn fixture(name: &str) -> HtmlArticle {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    extract(&std::fs::read_to_string(path).expect("fixture"))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Asserts `body` contains every `wanted` and none of the `unwanted`.
fn check_body(body: &str, wanted: &[&str], unwanted: &[&str]) {
    for w in wanted {
        assert!(body.contains(w), "body lacks {w:?}:\n{body}");
    }
    for u in unwanted {
        assert!(!body.contains(u), "body has {u:?}:\n{body}");
    }
}

#[test]
fn full_news_page() {
    let a = fixture("full_news_page.html");
    check_body(
        &a.body,
        &[
            "Negotiators from both delegations left the capital on Wednesday",
            "although neither delegation has confirmed that it will attend.",
            "a school building had been damaged by the shelling.",
        ],
        &[
            // navigation, share widgets, related list, comments, sidebar, footer
            "Politics",
            "Share on Facebook",
            "Copy link",
            "Aid convoy reaches besieged city",
            "really disappointing outcome",
            "Post comment",
            "Celebrity chef",
            "All rights reserved",
            "Privacy policy",
            // script, inline script, comments, cookie banner
            "Tracking script paragraph",
            "Sponsored",
            "Inline tracker text",
            "trackEvent",
            "Commented-out paragraph",
            "cookies",
        ],
    );
    // Paragraphs are separated by a blank line, in order.
    let paras: Vec<&str> = a.body.split("\n\n").collect();
    let first = paras
        .iter()
        .position(|p| p.starts_with("Negotiators"))
        .unwrap();
    let last = paras
        .iter()
        .position(|p| p.starts_with("The next round"))
        .unwrap();
    assert_eq!(last - first, 5, "{paras:#?}");
    assert_eq!(
        a.title.as_deref(),
        Some("Ceasefire talks stall as shelling resumes near the border")
    );
    // Published wins over the later modified time and the comment's date.
    assert_eq!(a.published, date(2023, 6, 14));
    assert_eq!(
        a.url.as_deref(),
        Some("https://ledger.example.com/world/ceasefire-talks-stall")
    );
    assert_eq!(a.site_name.as_deref(), Some("The Daily Ledger"));
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
}

#[test]
fn json_ld_graph_date_title_and_site() {
    let a = fixture("jsonld_graph.html");
    check_body(
        &a.body,
        &[
            "Plusieurs drones ont frappé un dépôt de carburant",
            "contre des infrastructures énergétiques de la région depuis le début du mois.",
        ],
        &["Accueil", "Mentions légales", "Texte de configuration"],
    );
    // The NewsArticle's date, not the WebPage's nor the modification date.
    assert_eq!(a.published, date(2024, 2, 29));
    assert_eq!(
        a.title.as_deref(),
        Some("Des frappes de drones visent un dépôt de carburant")
    );
    assert_eq!(a.site_name.as_deref(), Some("Le Courrier du Sud"));
    assert_eq!(a.url.as_deref(), Some("https://courrier.example/depot"));
    assert_eq!(a.lang.as_deref(), Some("fr"));
}

#[test]
fn itemprop_date_beats_modified_meta() {
    let a = fixture("itemprop_date.html");
    check_body(
        &a.body,
        &[
            "Emergency services evacuated more than two thousand residents",
            "until the warning had been lifted.",
        ],
        &["Sign in", "Subscribe", "newsletter"],
    );
    assert_eq!(a.published, date(2022, 9, 27));
    assert_eq!(
        a.title.as_deref(),
        Some("Flooding forces evacuation of river towns")
    );
    assert_eq!(a.url, None);
}

#[test]
fn url_path_date_and_no_sidebar_time() {
    let a = fixture("url_and_meta_dates.html");
    check_body(
        &a.body,
        &[
            "The main commercial port reopened on Monday",
            "were unlikely to fall before the end of the month.",
        ],
        &["Archive"],
    );
    assert_eq!(a.published, date(2021, 3, 8));
    assert_eq!(a.title.as_deref(), Some("Port reopens after blockade ends"));
}

#[test]
fn no_metadata_no_date() {
    let a = fixture("no_date.html");
    // The text mentions a date, but only metadata counts.
    assert_eq!(a.published, None);
    assert!(
        a.body
            .starts_with("On 27 July 1953 an armistice ended the fighting"),
        "{}",
        a.body
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Opinion: what the armistice of 1953 teaches negotiators")
    );
    assert_eq!(a.lang, None);
}

/// A page with `head` as given and a plain article body.
fn page(head: &str) -> String {
    format!(
        "<html><head>{head}</head><body><article><p>{}</p><p>{}</p></article></body></html>",
        "The convoy crossed the checkpoint in the early morning and reached the city before noon, officials said.",
        "Aid workers began distributing food parcels and medical supplies to the families in the shelters."
    )
}

#[test]
fn date_sources_and_precedence() {
    let cases = [
        (
            r#"<meta property="og:published_time" content="2024-11-07T10:00:00Z">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta name="date" content="2024-11-07">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta name="pubdate" content="20241107">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta name="DC.date.issued" content="2024-11-07">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta name="parsely-pub-date" content="2024-11-07T08:00:00Z">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta itemprop="datePublished" content="2024-11-07">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta name="parsely-page" content='{"title": "x", "pub_date": "2024-11-07T08:00:00Z"}'>"#,
            date(2024, 11, 7),
        ),
        // Published beats modified, whatever the order in the page.
        (
            r#"<meta property="article:modified_time" content="2024-12-01"><meta name="date" content="2024-11-07">"#,
            date(2024, 11, 7),
        ),
        // Explicit published-time meta beats a generic date meta.
        (
            r#"<meta name="date" content="2024-01-01"><meta property="article:published_time" content="2024-11-07">"#,
            date(2024, 11, 7),
        ),
        // Only a modification date: better than nothing.
        (
            r#"<meta property="article:modified_time" content="2024-12-01">"#,
            date(2024, 12, 1),
        ),
        // Vendor-specific publish metas.
        (
            r#"<meta name="sn-post-date" content="2024/11/07">"#,
            date(2024, 11, 7),
        ),
        (
            r#"<meta name="publisher" content="2020-01-01"><meta name="x-updated-date" content="2021-01-01">"#,
            None,
        ),
        // Garbage is not a date.
        (r#"<meta name="date" content="yesterday">"#, None),
        (
            r#"<meta property="article:published_time" content="0000-00-00">"#,
            None,
        ),
    ];
    for (head, want) in cases {
        assert_eq!(extract(&page(head)).published, want, "{head}");
    }
}

#[test]
fn time_inside_article_is_used() {
    let html = r#"<html><body><time datetime="2001-01-01">site founded</time><article>
<p>Posted <time datetime="2024-11-07T06:00:00+02:00">this morning</time></p>
<p>The convoy crossed the checkpoint in the early morning and reached the city before noon, officials said.</p>
</article></body></html>"#;
    assert_eq!(extract(html).published, date(2024, 11, 7));
}

#[test]
fn empty_and_textless_input() {
    assert_eq!(extract(""), HtmlArticle::default());
    let a = extract("<html><head><title>Only a title</title></head><body></body></html>");
    assert_eq!(a.body, "");
    assert_eq!(a.title.as_deref(), Some("Only a title"));
}

#[test]
fn non_utf8_bytes() {
    let html = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 attack</title></head>\
<body><article><p>The caf\xe9 near the square was hit by a drone early on Sunday morning, the mayor said.</p>\
<p>Nobody was inside at the time, and the fire was put out within an hour by local firefighters.</p></article></body></html>";
    let a = sitrep_html::extract_bytes(html);
    assert_eq!(a.title.as_deref(), Some("Caf\u{e9} attack"));
    assert!(
        a.body.contains("The caf\u{e9} near the square"),
        "{}",
        a.body
    );
}
