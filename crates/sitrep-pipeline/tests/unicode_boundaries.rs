//! Every byte-offset step over text goes by char boundaries: articles holding
//! multi-byte white space (no-break space U+00A0 from `&nbsp;`, the narrow
//! no-break space U+202F of `3 a.m.`, ideographic space, line separators) or
//! multi-byte punctuation next to a period never panic anywhere in the
//! pipeline, and every sentence range lies on char boundaries.
//!
//! `tests/crashes/` keeps the inputs that crashed (`cargo fuzz run cleaner`
//! found the first: the sentence splitter sliced inside a no-break space).
use proptest::prelude::*;
use sitrep_pipeline::{clean, text, Document, Pipeline};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// Runs the cleaner, the splitter and the whole extraction; panics (fails the
/// test) on a slice inside a char or a range off a char boundary.
fn check(t: &str) {
    let c = clean::clean(t, None);
    for b in &c.blocks {
        assert!(t.is_char_boundary(b.range.start) && t.is_char_boundary(b.range.end));
    }
    for s in text::sentences(t, &c.blocks) {
        assert!(
            t.is_char_boundary(s.range.start) && t.is_char_boundary(s.range.end),
            "sentence {:?} of {t:?}",
            s.range
        );
        assert!(s.range.start < s.range.end && s.range.end <= t.len());
    }
    let rec = PIPELINE.extract(&Document::text("t.txt", t), None);
    for e in &rec.events {
        assert!(rec.body.contains(e.evidence.as_str()) || t.contains(e.evidence.as_str()));
    }
}

#[test]
fn crash_inputs_extract_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/crashes");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let t = std::fs::read_to_string(&path).unwrap();
        check(&t);
        n += 1;
    }
    assert!(n >= 3, "the crash inputs are there ({n})");
}

#[test]
fn the_reported_cases_split_where_expected() {
    // A no-break space before a word ending in a period.
    let t = "A depot 10\u{a0}km. Two people were killed.";
    let c = clean::clean(t, None);
    let got: Vec<&str> = text::sentences(t, &c.blocks)
        .into_iter()
        .map(|s| &t[s.range])
        .collect();
    assert_eq!(got, vec!["A depot 10\u{a0}km.", "Two people were killed."]);
    // A narrow no-break space before "a.m.": an abbreviation that may end a sentence.
    let t = "Sirens sounded at 3\u{202f}a.m. Missiles hit Kharkiv.";
    let c = clean::clean(t, None);
    let got: Vec<&str> = text::sentences(t, &c.blocks)
        .into_iter()
        .map(|s| &t[s.range])
        .collect();
    assert_eq!(got, vec!["Sirens sounded at 3\u{202f}a.m.", "Missiles hit Kharkiv."]);
}

/// Every white-space, punctuation, symbol and separator character of Unicode.
fn special_chars() -> Vec<char> {
    let re = regex::Regex::new(r"^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]$").unwrap();
    let mut buf = [0u8; 4];
    (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace() || (!c.is_ascii() && re.is_match(c.encode_utf8(&mut buf))))
        .collect()
}

/// Each such character in every position around a sentence end, an
/// abbreviation, a number, a quotation and a word: through the whole pipeline.
#[test]
fn every_unicode_space_and_punctuation_around_sentence_ends() {
    let chars = special_chars();
    assert!(chars.iter().filter(|c| c.is_whitespace()).count() >= 25);
    assert!(chars.len() > 5_000, "{} chars", chars.len());
    for (i, c) in chars.iter().enumerate() {
        // The cheap stages over every char, in many positions.
        let t = format!(
            "Drones hit{c}Kyiv{c}km.{c}Two died.{c} At 3{c}a.m.{c}Mr.{c}Smith said{c}“no{c}.”{c}U.S.{c}{c}It{c}ended.{c}\n\n{c}.{c}"
        );
        let cl = clean::clean(&t, None);
        for s in text::sentences(&t, &cl.blocks) {
            assert!(t.is_char_boundary(s.range.start) && t.is_char_boundary(s.range.end));
        }
        // The whole extraction over a sample (every char costs minutes in debug).
        if i % 7 == 0 || c.is_whitespace() {
            check(&format!(
                "KYIV{c}(Wire){c}-{c}Russian drones struck Kharkiv overnight, 10{c}km. Two{c}people were killed and 5 injured,{c}the governor said{c}. \
                 “We will respond,”{c}Zelensky said{c}at 3{c}a.m.{c}The U.S.{c}condemned it.{c}"
            ));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Random text of words, digits, periods and multi-byte spaces and marks.
    #[test]
    fn random_text_with_multibyte_spaces_never_panics(
        parts in proptest::collection::vec(prop_oneof![
            Just("Kyiv".to_string()), Just("drones".to_string()), Just("killed".to_string()),
            Just("3".to_string()), Just("a.m".to_string()), Just("Mr".to_string()), Just("U.S".to_string()),
            Just(".".to_string()), Just("!".to_string()), Just("?".to_string()), Just("”".to_string()),
            Just("\u{a0}".to_string()), Just("\u{202f}".to_string()), Just("\u{3000}".to_string()),
            Just("\u{2028}".to_string()), Just("\u{2029}".to_string()), Just("\u{85}".to_string()),
            Just(" ".to_string()), Just("\n\n".to_string()), Just("—".to_string()), Just("…".to_string()),
            "\\PC{1,3}",
        ], 0..40)
    ) {
        check(&parts.concat());
    }
}
