//! Speakers of statements and the people they name, on sentences written for the
//! test (none copied from a gold article).

use chrono::NaiveDate;
use sitrep_model::Record;
use sitrep_pipeline::{Document, Pipeline};

fn run(text: &str) -> Record {
    Pipeline::new().extract(&Document::text("t.txt", text), NaiveDate::from_ymd_opt(2024, 6, 1))
}

#[test]
fn according_to_takes_the_source_in_its_own_phrase() {
    // the phrase closes at the comma: a person named later in the clause is not the source
    let r = run("According to his account, he had been recruited by a smuggler named Thierry Bouchard, who paid him.");
    assert!(
        r.statements.iter().all(|s| s.speaker != "Thierry Bouchard"),
        "{:?}",
        r.statements
    );
    // the source right after the phrase still speaks
    let r = run("The bridge was closed on Friday, according to Mayor Ihor Terekhov.");
    assert!(
        r.statements.iter().any(|s| s.speaker == "Ihor Terekhov"),
        "{:?}",
        r.statements
    );
}
