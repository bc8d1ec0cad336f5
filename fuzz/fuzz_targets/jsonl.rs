//! Fuzz the JSON Lines reader: any line gives a document or a named error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut flags = Vec::new();
    let text = sitrep_pipeline::source::decode(data.to_vec(), &mut flags);
    for (i, line) in text.lines().enumerate() {
        match sitrep_pipeline::source::parse_jsonl_line(line, &format!("fuzz.jsonl:{}", i + 1), "fuzz") {
            Ok(d) => assert!(!d.doc.is_empty()),
            Err(e) => assert!(e.origin.starts_with("fuzz.jsonl:")),
        }
    }
});
