//! Precomputes the gazetteer from `data/` at build time: parses the TSV
//! sources, normalises every name (≈ 1.1 million keys) and writes the sorted
//! index to `$OUT_DIR/gazetteer.bin`, which `src/lib.rs` embeds. The same
//! source files (`types.rs`, `normalize.rs`, `data.rs`, `blob.rs`) are
//! compiled into the library, and a unit test checks that the embedded index
//! equals a fresh build, so the two cannot drift apart.

#![allow(dead_code)]

#[path = "src/blob.rs"]
mod blob;
#[path = "src/data.rs"]
mod data;
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/types.rs"]
mod types;

/// `normalize.rs` calls `crate::is_alnum`; the library uses the faster
/// `sitrep_model::chars::is_alnum`, which gives the same answer for every char.
fn is_alnum(c: char) -> bool {
    c.is_alphanumeric()
}

fn main() {
    for f in [
        "data",
        "src/types.rs",
        "src/normalize.rs",
        "src/data.rs",
        "src/blob.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let built = data::load();
    let bytes = blob::encode(&built);
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR set by cargo"));
    std::fs::write(out.join("gazetteer.bin"), bytes).expect("write gazetteer.bin");
}
