//! Print the date mentions of a text file, one a line.
//!
//! `cargo run -p sitrep-dates --example show_dates -- FILE [YYYY-MM-DD]`
//! (without a date, the publication date stated in the text's header is used).
use sitrep_dates::{conflicts_with_reference, find_dates, parse_date_str, published_from_text};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: show_dates FILE [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("readable file");
    let header = published_from_text(&text);
    let reference = args
        .next()
        .and_then(|s| parse_date_str(&s))
        .or(header.as_ref().map(|h| h.0));
    println!("header: {header:?}  reference: {reference:?}");
    for m in find_dates(&text, reference) {
        let conflict = reference.is_some_and(|r| conflicts_with_reference(&m, r));
        println!(
            "{:>6}..{:<6} {:<28} {:<12} {:?} {:?} rel={} year={} {:?}{}",
            m.start,
            m.end,
            format!("{:?}", m.text),
            m.value,
            m.precision,
            m.date,
            m.relative,
            m.explicit_year,
            m.kind,
            if conflict { "  CONFLICT" } else { "" }
        );
    }
}
