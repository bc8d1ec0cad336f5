//! Fuzz the date finder, header-date reader and metadata parser: never panic,
//! mentions ordered, disjoint, on char boundaries and equal to their text.
//!
//! `cargo +nightly fuzz run dates` from `fuzz/`. The first two input bytes
//! pick a reference date (or none), the rest is the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let days = u16::from_le_bytes([data[0], data[1]]);
    let reference = (days != 0).then(|| {
        sitrep_dates::chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
            + sitrep_dates::chrono::Duration::days(days as i64)
    });
    let mentions = sitrep_dates::find_dates(text, reference);
    let mut last_end = 0;
    for m in &mentions {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
        assert!(m.start >= last_end);
        last_end = m.end;
        if let Some(r) = reference {
            let _ = sitrep_dates::conflicts_with_reference(m, r);
            let _ = sitrep_dates::date_in_reference_year(m, r);
        }
        let _ = m.window();
    }
    let _ = sitrep_dates::resolve_in_span(&mentions, 0, text.len());
    if let Some((_, span)) = sitrep_dates::published_from_text(text) {
        assert!(span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    let _ = sitrep_dates::parse_date_str(text);
    let _ = sitrep_dates::date_from_url(text);
});
