//! Prints the place mentions found in the text given as arguments (or stdin).
//! `cargo run --release -p sitrep-gazetteer --example try_find -- "Shelling in Kupyansk"`
//! (`SITREP_EXPLAIN=1`: also every span looked at, the readings considered and why).
use std::io::Read;

fn main() {
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        std::io::stdin().read_to_string(&mut text).unwrap();
    }
    let t = std::time::Instant::now();
    let g = sitrep_gazetteer::Gazetteer::global();
    eprintln!("loaded {} places in {:?}", g.len(), t.elapsed());
    if std::env::var_os("SITREP_EXPLAIN").is_some() {
        for e in g.explain(&text) {
            println!(
                "{}..{} {:?} -> {:?}: {}",
                e.start, e.end, e.text, e.chosen, e.why
            );
            for c in &e.candidates {
                println!(
                    "    {} {:?} {:?} {:?} {:?}: {}",
                    c.name, c.kind, c.admin1, c.country, c.score, c.why
                );
            }
        }
    }
    for m in g.find(&text) {
        let l = &m.location;
        println!(
            "{:>5}..{:<5} {:<28} {:?} -> {} | {} | {} | {:?},{:?} | {:.2}",
            m.start,
            m.end,
            m.text,
            m.kind,
            l.name,
            l.admin1.as_deref().unwrap_or("-"),
            l.country.as_deref().unwrap_or("-"),
            l.lat,
            l.lon,
            m.confidence
        );
    }
}
