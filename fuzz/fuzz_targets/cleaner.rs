//! Fuzz the cleaner and sentence splitter: never panic, ranges on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = sitrep_pipeline::clean::clean(text, None);
    for b in &c.blocks {
        assert!(text.is_char_boundary(b.range.start) && text.is_char_boundary(b.range.end));
    }
    let _ = c.body(text);
    for s in sitrep_pipeline::text::sentences(text, &c.blocks) {
        assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
    }
});
