//! Property tests: `extract` must return (never panic, never hang) on
//! arbitrary strings, tag soup, and truncated real-looking pages.

use proptest::prelude::*;

const FIXTURES: [&str; 5] = [
    include_str!("fixtures/full_news_page.html"),
    include_str!("fixtures/jsonld_graph.html"),
    include_str!("fixtures/itemprop_date.html"),
    include_str!("fixtures/url_and_meta_dates.html"),
    include_str!("fixtures/no_date.html"),
];

/// Fragments that exercise the scanner's edge cases when glued together.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<".to_string()),
        Just(">".to_string()),
        Just("</".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just(r#"<script type="application/ld+json">{"@graph":[{"datePublished":"#.to_string()),
        Just("<style>".to_string()),
        Just("<svg><path d='M0'/>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<div class=\"a".to_string()),
        Just("<p>".to_string()),
        Just("<meta property='article:published_time' content='".to_string()),
        Just("<time datetime=\"2024-13-45\">".to_string()),
        Just("&#x1F600;&amp;&#0;&#99999999;".to_string()),
        Just("<title>".to_string()),
        Just("<nav><a href=/x>x</a>".to_string()),
        Just("\u{0}\u{FEFF}é漢字".to_string()),
        "[a-z ]{0,40}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        let _ = sitrep_html::extract(&s);
    }

    #[test]
    fn tag_soup(parts in prop::collection::vec(fragment(), 0..60)) {
        let html = parts.concat();
        let a = sitrep_html::extract(&html);
        // Whatever came in, the body format holds: no blank paragraphs.
        prop_assert!(!a.body.contains("\n\n\n"));
        prop_assert!(!a.body.starts_with('\n') && !a.body.ends_with('\n'));
    }

    #[test]
    fn truncated_pages(which in 0..FIXTURES.len(), frac in 0.0f64..1.0) {
        let page = FIXTURES[which];
        let mut cut = (page.len() as f64 * frac) as usize;
        while !page.is_char_boundary(cut) {
            cut -= 1;
        }
        let _ = sitrep_html::extract(&page[..cut]);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = sitrep_html::extract_bytes(&bytes);
    }
}
