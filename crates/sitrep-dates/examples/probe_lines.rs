//! Date mentions of each line of a file, one line of output per input line:
//! `cargo run -p sitrep-dates --example probe_lines -- FILE YYYY-MM-DD`.
//! A line starting `YYYY-MM-DD|` uses that reference instead. For writing
//! and checking test sentences.
use sitrep_dates::{find_dates, parse_date_str};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(r)) = (args.next(), args.next()) else {
        eprintln!("usage: probe_lines FILE YYYY-MM-DD");
        std::process::exit(2);
    };
    let default = parse_date_str(&r).expect("a YYYY-MM-DD reference");
    for line in std::fs::read_to_string(&path).expect("readable file").lines() {
        let (reference, text) = match line.split_once('|') {
            Some((d, t)) if parse_date_str(d).is_some() => (parse_date_str(d).unwrap(), t),
            _ => (default, line),
        };
        let found: Vec<String> = find_dates(text, Some(reference))
            .iter()
            .map(|m| format!("[{}={}{}]", m.text, m.value, if m.kind == sitrep_dates::MentionKind::Since { " since" } else { "" }))
            .collect();
        println!("{:<60} {}", text, found.join(" "));
    }
}
