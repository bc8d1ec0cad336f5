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

#[test]
fn a_day_inside_what_was_said_does_not_date_the_saying() {
    // published 2024-06-01 (a Saturday): the saying is dated by the article, not by the
    // day of the agreement it reports
    let r = run("Foreign Minister Andrii Sybiha said that Kyiv accepted the proposal on May 2.");
    let s = r.statements.iter().find(|s| s.speaker == "Andrii Sybiha").expect("statement");
    assert_eq!(s.date.as_deref(), Some("2024-06-01"), "{:?}", r.statements);
    // a day next to the reporting verb does
    let r = run("Foreign Minister Andrii Sybiha said on Thursday that Kyiv accepted the proposal.");
    let s = r.statements.iter().find(|s| s.speaker == "Andrii Sybiha").expect("statement");
    assert_eq!(s.date.as_deref(), Some("2024-05-30"), "{:?}", r.statements);
}

#[test]
fn an_undated_article_dates_a_reaction_by_the_last_day_named_before_it() {
    let text = "The summit met on Friday, June 14. Later, Foreign Minister Andrii Sybiha said the talks were useful.";
    let r = Pipeline::new().extract(&Document::text("t.txt", text), None);
    let s = r.statements.iter().find(|s| s.speaker == "Andrii Sybiha").expect("statement");
    assert_eq!(s.date.as_deref().map(|d| &d[5..]), Some("06-14"), "{:?}", r.statements);
}

#[test]
fn a_warning_to_reach_goals_by_force_is_a_threat() {
    let r = run("Defence Minister Pavel Hrubec warned that the army would secure the border by force if the talks failed.");
    assert!(
        r.statements.iter().any(|s| s.kind == sitrep_model::StatementKind::Threat),
        "{:?}",
        r.statements
    );
}

#[test]
fn a_piece_labelled_opinion_is_opinion() {
    let r = run("Opinion: The ceasefire will not hold\n\nBy Marta Lindqvist\n\nThe talks in Geneva produced a paper. Diplomats shook hands and went home.");
    assert_eq!(r.genre, sitrep_model::Genre::Opinion);
    let r = run("Ceasefire talks end in Geneva\n\nThe talks in Geneva produced a paper. Diplomats shook hands and went home.");
    assert_eq!(r.genre, sitrep_model::Genre::Report);
}

#[test]
fn bare_congo_is_the_democratic_republic() {
    let r = run("Congo's government accused Rwanda of arming the rebels who attacked Uvira.");
    assert!(
        r.statements.iter().any(|s| s.speaker.contains("Congo") && s.kind == sitrep_model::StatementKind::Accusation),
        "{:?}",
        r.statements
    );
}

#[test]
fn a_pronoun_after_a_quotation_is_the_last_person_not_a_country_quoted() {
    let r = run("Finance Minister Andrius Kubilius left the room during the vote.\n\n\"Lithuania will not pay,\" he told reporters afterwards.");
    assert!(
        r.statements.iter().all(|s| s.speaker != "Lithuania"),
        "{:?}",
        r.statements
    );
    assert!(
        r.statements.iter().any(|s| s.speaker == "Andrius Kubilius"),
        "{:?}",
        r.statements
    );
}
