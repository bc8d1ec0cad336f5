//! Print the entity, actor and weapon mentions of a text file.
//!
//! `cargo run -p sitrep-lexicon --example entities -- FILE [YYYY-MM-DD]`

use sitrep_lexicon::Lexicon;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: entities FILE [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let date = args
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let lex = Lexicon::global();
    let found = lex.entities(&text, date);
    for m in &found {
        let flags = format!(
            "{}{}",
            if m.misspelled { " misspelled" } else { "" },
            if m.via_title { " via_title" } else { "" }
        );
        println!(
            "{:>6} {:?} {:?} -> {} [{}]{}",
            m.start,
            m.kind,
            m.text,
            m.name,
            m.country.as_deref().unwrap_or("-"),
            flags
        );
    }
    let (people, orgs) = Lexicon::distinct_names(&found);
    println!("people: {people:?}\norgs: {orgs:?}");
    let actors: Vec<String> = lex
        .actors_in(&text)
        .into_iter()
        .map(|(s, e, a)| format!("{}={}", &text[s..e], a))
        .collect();
    println!("actors: {actors:?}");
    println!("weapons: {:?}", lex.weapons_in(&text));
}
