//! Cross-article deduplication, one test per class of "same real-world event"
//! fixed on the development sets, each on short reports written for the test
//! (two outlets, different wording, numbers and precision; none copied from a
//! gold article): the reports of one event share a `cluster_id`, look-alikes
//! do not.

use sitrep_model::{Event, Record};
use sitrep_pipeline::{extract_batch, Document, Pipeline};

fn batch(articles: &[(&str, &str)]) -> Vec<Record> {
    let docs: Vec<Document> = articles.iter().map(|(n, t)| Document::text(n, t)).collect();
    extract_batch(&Pipeline::new(), &docs, None)
}

fn event<'a>(recs: &'a [Record], doc: &str, place: &str) -> &'a Event {
    let r = recs.iter().find(|r| r.doc == doc).unwrap();
    r.events
        .iter()
        .find(|e| e.location.as_ref().is_some_and(|l| l.name == place))
        .unwrap_or_else(|| panic!("{doc}: no event at {place}: {:?}", r.events))
}

const TAKEN_DATED: &str = " date 2025-05-03\nAl-Shabaab fighters seized the town of Beledweyne in central Somalia on Friday after government troops withdrew, residents said.\n";
const TAKEN_UNDATED: &str = "Al-Shabaab militants have taken control of Beledweyne, a town in Somalia's Hiiraan region, according to local elders. Soldiers had pulled out before the fighters arrived.\n";
const TAKEN_AGAIN: &str = " date 2025-09-20\nAl-Shabaab militants captured Beledweyne again on Friday, four months after the army had retaken the town.\n";

/// An article with no date at all reports the capture a dated article reports:
/// one event (the taker and the town agree, the coding differs).
#[test]
fn an_undated_report_joins_the_only_incident_it_can_be() {
    let recs = batch(&[("wire.txt", TAKEN_DATED), ("blog.txt", TAKEN_UNDATED)]);
    let (a, b) = (
        event(&recs, "wire.txt", "Beledweyne"),
        event(&recs, "blog.txt", "Beledweyne"),
    );
    assert!(b.date.is_none(), "{b:?}");
    assert_eq!(a.cluster_id, b.cluster_id);
}

/// The same town taken twice, months apart: the undated report cannot say
/// which capture it is, so it stays its own.
#[test]
fn an_undated_report_between_two_incidents_stays_apart() {
    let recs = batch(&[
        ("wire.txt", TAKEN_DATED),
        ("blog.txt", TAKEN_UNDATED),
        ("later.txt", TAKEN_AGAIN),
    ]);
    let (a, b, c) = (
        event(&recs, "wire.txt", "Beledweyne"),
        event(&recs, "blog.txt", "Beledweyne"),
        event(&recs, "later.txt", "Beledweyne"),
    );
    assert_ne!(a.cluster_id, c.cluster_id);
    assert_ne!(b.cluster_id, a.cluster_id);
    assert_ne!(b.cluster_id, c.cluster_id);
}

const REGION_ONLY: &str = " date 2024-03-07\nRussian forces launched missiles at the Zaporizhzhia region on Wednesday, regional governor Ivan Fedorov said, adding that one person was wounded.\n";
const CITY: &str = " date 2024-03-06\nA Russian missile hit an industrial site in the city of Zaporizhzhia on Wednesday morning, injuring a worker, local officials said.\n";
const TWO_CITIES: &str = " date 2024-03-06\nRussian missiles struck Zaporizhzhia and the nearby town of Vilniansk on Wednesday, officials said. In Vilniansk a house was destroyed.\n";

/// One outlet names the region, the other the city in it: one strike.
#[test]
fn a_city_inside_the_region_the_other_report_names_is_one_event() {
    let recs = batch(&[("governor.txt", REGION_ONLY), ("local.txt", CITY)]);
    let region = event(&recs, "governor.txt", "Zaporizhzhia Oblast");
    let city = event(&recs, "local.txt", "Zaporizhzhia");
    assert_eq!(region.cluster_id, city.cluster_id);
}

/// The other report names two places of the region: the region report could
/// be either (or both), so it joins neither.
#[test]
fn a_region_report_joins_no_city_when_the_other_names_several() {
    let recs = batch(&[("governor.txt", REGION_ONLY), ("wire.txt", TWO_CITIES)]);
    let region = event(&recs, "governor.txt", "Zaporizhzhia Oblast");
    for place in ["Zaporizhzhia", "Vilniansk"] {
        assert_ne!(
            region.cluster_id,
            event(&recs, "wire.txt", place).cluster_id,
            "{place}"
        );
    }
}

/// An article that sums up the region and then names the town: the other
/// outlet's town report is that town's event, not the summary line.
#[test]
fn a_region_summary_beside_its_town_stays_the_summary() {
    let town = " date 2024-03-07\nA Russian missile struck the town of Vilniansk on Wednesday, destroying a house, local officials said.\n";
    let summary = " date 2024-03-06\nRussia attacked the Zaporizhzhia region with missiles on Wednesday. In the town of Vilniansk, a house was destroyed.\n";
    let recs = batch(&[("local.txt", town), ("summary.txt", summary)]);
    let local = event(&recs, "local.txt", "Vilniansk");
    assert_eq!(
        local.cluster_id,
        event(&recs, "summary.txt", "Vilniansk").cluster_id
    );
    assert_ne!(
        local.cluster_id,
        event(&recs, "summary.txt", "Zaporizhzhia Oblast").cluster_id
    );
}

/// Strikes on two neighbouring towns the same day (8 km apart) are two events;
/// the same town under another outlet's spelling is one.
#[test]
fn two_neighbouring_towns_are_two_events() {
    let rafah = " date 2024-05-27\nAn Israeli air strike hit a house in Rafah on Sunday, killing five people, medics said.\n";
    let khan_younis = " date 2024-05-26\nThree people were killed when an Israeli air strike hit a home in Khan Younis on Sunday, health officials said.\n";
    let kharkov =
        " date 2024-05-27\nA Russian drone struck Kharkov on Sunday, wounding two people.\n";
    let kharkiv = " date 2024-05-26\nRussian drones hit a residential building in Kharkiv on Sunday, injuring three, the mayor said.\n";
    let recs = batch(&[
        ("a.txt", rafah),
        ("b.txt", khan_younis),
        ("c.txt", kharkov),
        ("d.txt", kharkiv),
    ]);
    assert_ne!(
        event(&recs, "a.txt", "Rafah").cluster_id,
        event(&recs, "b.txt", "Khan Younis").cluster_id
    );
    assert_eq!(
        event(&recs, "c.txt", "Kharkiv").cluster_id,
        event(&recs, "d.txt", "Kharkiv").cluster_id
    );
}
