//! Classes of place errors fixed in the places5 round (issue 11), on sentences
//! written for the tests. Needs only the embedded data.

use sitrep_gazetteer::{Gazetteer, PlaceMention};

fn g() -> &'static Gazetteer {
    Gazetteer::global()
}

fn texts(ms: &[PlaceMention]) -> Vec<&str> {
    ms.iter().map(|m| m.text.as_str()).collect()
}

/// The mention whose surface text is `surface`.
fn mention<'a>(ms: &'a [PlaceMention], surface: &str) -> &'a PlaceMention {
    ms.iter()
        .find(|m| m.text == surface)
        .unwrap_or_else(|| panic!("no mention {surface:?} in {:?}", texts(ms)))
}

#[test]
fn a_river_named_like_a_place_is_no_settlement() {
    for text in [
        "Soldiers tried to cross the Oskil River near Kupiansk in the Kharkiv region.",
        "Soldiers tried to cross the Oskil river near Kupiansk in the Kharkiv region.",
        "Flood water rose along the Catawba River on Sunday, officials in Charlotte said.",
    ] {
        let ms = g().find(text);
        assert!(
            ms.iter()
                .all(|m| !m.text.starts_with("Oskil") && !m.text.starts_with("Catawba")),
            "{text}: {:?}",
            texts(&ms)
        );
    }
    // a river the gazetteer knows, written with a lower-case "river", is the river
    let ms = g().find("Shelling hit towns on the east bank of the Dnipro river overnight.");
    assert_eq!(mention(&ms, "Dnipro river").location.name, "Dnipro River");
}

#[test]
fn a_compass_word_after_a_name_ends_that_name() {
    let ms = g().find("Cattle raiders killed five people in Tonj North county of Warrap State.");
    assert!(
        ms.iter().all(|m| m.location.country.as_deref() == Some("SS")),
        "{:?}",
        ms.iter()
            .map(|m| (&m.text, &m.location.name, &m.location.country))
            .collect::<Vec<_>>()
    );
    // a name that opens with a compass word is still read
    let ms = g().find("Officials in Seoul said North Korea fired a missile, and South Sudan held talks.");
    assert_eq!(mention(&ms, "North Korea").location.country.as_deref(), Some("KP"));
    assert_eq!(mention(&ms, "South Sudan").location.country.as_deref(), Some("SS"));
}

#[test]
fn admin1_units_by_their_english_names() {
    let ms = g().find(
        "Troops burned villages in the Sagaing Region of Myanmar, and fighting spread \
         across North Darfur and into Gezira state in Sudan.",
    );
    let sg = &mention(&ms, "Sagaing Region").location;
    assert_eq!(
        (sg.name.as_str(), sg.country.as_deref(), sg.precision),
        ("Sagaing Region", Some("MM"), sitrep_model::PlacePrecision::Region)
    );
    let nd = &mention(&ms, "North Darfur").location;
    assert_eq!((nd.country.as_deref(), nd.precision), (Some("SD"), sitrep_model::PlacePrecision::Region));
    // named as English texts name it, not by GeoNames' "Al Jazirah"
    assert_eq!(mention(&ms, "Gezira state").location.name, "Gezira State");
    let ms = g().find("Curfews were imposed across Jammu and Kashmir on Monday.");
    let jk = &mention(&ms, "Jammu and Kashmir").location;
    assert_eq!((jk.country.as_deref(), jk.precision), (Some("IN"), sitrep_model::PlacePrecision::Region));
}

#[test]
fn admin1_points_of_renumbered_units_are_their_own() {
    // Natural Earth's unit joined on GeoNames' code FR.11 is Aude, 600 km south of Paris
    let l = g().lookup("Ile-de-France").unwrap();
    assert!((l.lat.unwrap() - 48.8).abs() < 1.0, "{l:?}");
    let l = g().lookup("Corsica").unwrap();
    assert!((l.lat.unwrap() - 42.2).abs() < 1.0, "{l:?}");
}
