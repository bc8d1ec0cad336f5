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
        ms.iter()
            .all(|m| m.location.country.as_deref() == Some("SS")),
        "{:?}",
        ms.iter()
            .map(|m| (&m.text, &m.location.name, &m.location.country))
            .collect::<Vec<_>>()
    );
    // a name that opens with a compass word is still read
    let ms = g()
        .find("Officials in Seoul said North Korea fired a missile, and South Sudan held talks.");
    assert_eq!(
        mention(&ms, "North Korea").location.country.as_deref(),
        Some("KP")
    );
    assert_eq!(
        mention(&ms, "South Sudan").location.country.as_deref(),
        Some("SS")
    );
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
        (
            "Sagaing Region",
            Some("MM"),
            sitrep_model::PlacePrecision::Region
        )
    );
    let nd = &mention(&ms, "North Darfur").location;
    assert_eq!(
        (nd.country.as_deref(), nd.precision),
        (Some("SD"), sitrep_model::PlacePrecision::Region)
    );
    // named as English texts name it, not by GeoNames' "Al Jazirah"
    assert_eq!(mention(&ms, "Gezira state").location.name, "Gezira State");
    let ms = g().find("Curfews were imposed across Jammu and Kashmir on Monday.");
    let jk = &mention(&ms, "Jammu and Kashmir").location;
    assert_eq!(
        (jk.country.as_deref(), jk.precision),
        (Some("IN"), sitrep_model::PlacePrecision::Region)
    );
}

#[test]
fn admin1_points_of_renumbered_units_are_their_own() {
    // Natural Earth's unit joined on GeoNames' code FR.11 is Aude, 600 km south of Paris
    let l = g().lookup("Ile-de-France").unwrap();
    assert!((l.lat.unwrap() - 48.8).abs() < 1.0, "{l:?}");
    let l = g().lookup("Corsica").unwrap();
    assert!((l.lat.unwrap() - 42.2).abs() < 1.0, "{l:?}");
}

#[test]
fn a_stated_container_after_a_place_noun_holds() {
    // no Kani in Myanmar: the mention stays at its container's level, not Japan's city
    for text in [
        "Soldiers set fire to houses in Kani township, Sagaing Region, on Monday.",
        "Soldiers set fire to houses in Kani, Myanmar, on Monday.",
    ] {
        let ms = g().find(text);
        let k = ms
            .iter()
            .find(|m| m.text.starts_with("Kani"))
            .unwrap_or_else(|| panic!("{text}: {:?}", texts(&ms)));
        assert_eq!(k.location.country.as_deref(), Some("MM"), "{text}");
        assert_eq!(k.location.name, "Kani", "{text}");
    }
    // a town of that name inside the container is the one meant
    let ms = g().find("Police said the blast hit Sur town, Diyarbakir, late on Tuesday.");
    let s = ms.iter().find(|m| m.text.starts_with("Sur")).expect("Sur");
    assert_eq!(s.location.country.as_deref(), Some("TR"));
}

#[test]
fn a_name_is_no_evidence_for_its_own_reading() {
    // the Japanese city of 100,000 is the only big reading of "Kani": it does not
    // make a report from Sagaing one about Japan
    let ms = g().find(
        "Junta troops torched more than 200 homes in Kani on Monday, residents said. \
         Resistance fighters in the Sagaing region said the army also shelled villages \
         near Monywa.",
    );
    assert!(
        ms.iter()
            .all(|m| m.location.country.as_deref() != Some("JP")),
        "{:?}",
        ms.iter()
            .map(|m| (&m.text, &m.location.country))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        mention(&ms, "Monywa").location.country.as_deref(),
        Some("MM")
    );
}

#[test]
fn a_district_known_by_its_town_in_the_focus_country() {
    // the gazetteer holds Pakistan's Poonch District; India's is known by its town
    for text in [
        "Indian soldiers exchanged fire with militants in Poonch district on Tuesday, \
         officials in Srinagar said.",
        "Soldiers exchanged fire with militants in Poonch district of Jammu and Kashmir.",
    ] {
        let ms = g().find(text);
        let p = mention(&ms, "Poonch district");
        assert_eq!(p.location.country.as_deref(), Some("IN"), "{text}: {p:?}");
    }
}

#[test]
fn a_region_of_several_countries_takes_the_article_s_country() {
    let ms = g().find("Indian troops patrolled Kashmir after officials in New Delhi met.");
    assert_eq!(
        mention(&ms, "Kashmir").location.country.as_deref(),
        Some("IN")
    );
    let ms = g().find("Pakistan's army said shelling across Kashmir killed two people near Islamabad's border posts.");
    assert_eq!(
        mention(&ms, "Kashmir").location.country.as_deref(),
        Some("PK")
    );
}

#[test]
fn a_one_word_unit_without_a_town_of_its_name() {
    // England's counties: no English town is called Suffolk or Norfolk
    let ms = g().find(
        "Bird flu was found on a turkey farm in Suffolk, the UK's environment department said, \
         a year after a cull in Norfolk.",
    );
    for name in ["Suffolk", "Norfolk"] {
        let l = &mention(&ms, name).location;
        assert_eq!(l.country.as_deref(), Some("GB"), "{name}: {l:?}");
    }
}

#[test]
fn a_town_named_like_a_unit_of_its_own_country_needs_more_than_that_unit() {
    // California, Missouri is a town of 4,000: a text naming Missouri among other
    // states means the state of California
    let ms = g().find(
        "A walnut grower based in California recalled its nuts. Cases were reported in \
         Missouri, Kansas and Arkansas, health officials said.",
    );
    let l = &mention(&ms, "California").location;
    assert_eq!(
        (l.name.as_str(), l.precision),
        ("California", sitrep_model::PlacePrecision::Region),
        "{l:?}"
    );
}

#[test]
fn a_city_inside_a_longer_name_of_unknown_words_is_no_place() {
    // a Somali village whose name holds the word "Cali": not Cali, Colombia
    let ms = g().find(
        "Militia fighters took control of Masjid Cali Gaduud village after government \
         troops withdrew from the Middle Shabelle region of Somalia.",
    );
    assert!(
        ms.iter()
            .all(|m| m.location.country.as_deref() != Some("CO")),
        "{:?}",
        ms.iter()
            .map(|m| (&m.text, &m.location.country))
            .collect::<Vec<_>>()
    );
    // a city by its own name next to a title is still read
    let ms = g().find("Police in Cali, Colombia, arrested three men on Friday.");
    assert_eq!(mention(&ms, "Cali").location.country.as_deref(), Some("CO"));
}

#[test]
fn an_operation_named_after_a_centre_is_about_its_oblast() {
    let ms = g().find(
        "Commanders said the Kursk operation had cost both sides dearly, and fighting on \
         the Zaporizhzhia axis went on.",
    );
    assert_eq!(mention(&ms, "Kursk").location.name, "Kursk Oblast");
    assert_eq!(
        mention(&ms, "Zaporizhzhia").location.name,
        "Zaporizhzhia Oblast"
    );
    // the city itself
    let ms = g().find("A drone hit an apartment block in Kursk on Monday.");
    assert_eq!(
        mention(&ms, "Kursk").location.precision,
        sitrep_model::PlacePrecision::City
    );
}
