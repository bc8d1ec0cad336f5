//! Behaviour of the entity recogniser, actor and weapon lexicons on short
//! made-up texts (not taken from any evaluation article).

use chrono::NaiveDate;
use proptest::prelude::*;
use sitrep_lexicon::{EntityKind, EntityMention, Lexicon};

fn lex() -> &'static Lexicon {
    Lexicon::global()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn find<'a>(ms: &'a [EntityMention], name: &str) -> Option<&'a EntityMention> {
    ms.iter().find(|m| m.name == name)
}

fn people(text: &str, at: Option<NaiveDate>) -> Vec<String> {
    Lexicon::distinct_names(&lex().entities(text, at)).0
}

fn orgs(text: &str) -> Vec<String> {
    Lexicon::distinct_names(&lex().entities(text, None)).1
}

fn assert_offsets(text: &str, ms: &[EntityMention]) {
    for m in ms {
        assert_eq!(&text[m.start..m.end], m.text, "offsets of {m:?}");
    }
}

#[test]
fn titles_are_stripped() {
    let text = "President Joe Biden met Mr. Putin. Later Gen. Valery Gerasimov spoke.";
    let ms = lex().entities(text, date(2022, 3, 1));
    assert_offsets(text, &ms);
    let biden = find(&ms, "Joe Biden").expect("Biden");
    assert_eq!(biden.text, "Joe Biden");
    assert_eq!(find(&ms, "Vladimir Putin").expect("Putin").text, "Putin");
    assert_eq!(
        find(&ms, "Valery Gerasimov").expect("Gerasimov").text,
        "Valery Gerasimov"
    );
    assert_eq!(
        people(text, None),
        ["Joe Biden", "Vladimir Putin", "Valery Gerasimov"]
    );
}

#[test]
fn surnames_link_to_full_names_in_the_document() {
    // Johnson is ambiguous alone, but links once the full name has appeared.
    let text = "Boris Johnson arrived in Kyiv. Johnson said the UK would send more aid.";
    let ms = lex().entities(text, None);
    let johnsons: Vec<_> = ms.iter().filter(|m| m.name == "Boris Johnson").collect();
    assert_eq!(johnsons.len(), 2);
    assert_eq!(johnsons[1].text, "Johnson");
    // Without the full name, an ambiguous surname is left alone.
    assert!(people("Johnson said the bill would pass.", None).is_empty());
    // Unambiguous surnames of known people link on their own.
    assert_eq!(
        people("Zelenskyy thanked the allies.", None),
        ["Volodymyr Zelenskyy"]
    );
}

#[test]
fn unknown_people_are_linked_by_surname_too() {
    let text = "Analyst Tamara Velichko told reporters the front was stable. Velichko added that supplies were short.";
    let ms = lex().entities(text, None);
    let hits: Vec<_> = ms.iter().filter(|m| m.name == "Tamara Velichko").collect();
    assert_eq!(hits.len(), 2, "{ms:?}");
    assert_eq!(hits[1].text, "Velichko");
    assert_eq!(hits[0].kind, EntityKind::Person);
}

#[test]
fn roles_resolve_by_date() {
    let text = "The White House press secretary said sanctions would follow.";
    let at = |d| find(&lex().entities(text, d), "Jen Psaki").is_some();
    assert!(at(date(2021, 6, 1)));
    assert!(!at(date(2023, 6, 1)));
    let later = lex().entities(text, date(2023, 6, 1));
    let kjp = find(&later, "Karine Jean-Pierre").expect("Jean-Pierre in 2023");
    assert!(kjp.via_title);
    assert_eq!(kjp.text, "White House press secretary");
    // The organisation inside the role phrase is still named.
    assert!(find(&later, "White House").is_some_and(|m| m.kind == EntityKind::Org));

    let shoigu = "Russia's Security Council Secretary warned the West on Thursday.";
    assert!(people(shoigu, date(2024, 11, 7)).contains(&"Sergei Shoigu".to_string()));
    assert!(people(shoigu, date(2020, 1, 1)).contains(&"Nikolai Patrushev".to_string()));
    assert_eq!(orgs(shoigu), ["Security Council of Russia"]);

    for phrase in [
        "the Kremlin spokesman",
        "Putin's spokesman",
        "Putin’s spokesman",
    ] {
        let text = format!("{phrase} said talks were impossible.");
        let ms = lex().entities(&text, date(2024, 3, 23));
        let peskov = find(&ms, "Dmitry Peskov").unwrap_or_else(|| panic!("{phrase}: {ms:?}"));
        assert!(
            peskov.via_title && !peskov.text.starts_with("the"),
            "{phrase}: {peskov:?}"
        );
    }
    assert_eq!(
        lex().role_holder("Ukrainian foreign minister", date(2022, 5, 1)),
        Some("Dmytro Kuleba")
    );
    assert_eq!(
        lex().role_holder("NATO Secretary General", date(2025, 1, 1)),
        Some("Mark Rutte")
    );
}

#[test]
fn role_phrases_next_to_a_name_defer_to_the_name() {
    // The role introduces a different (earlier) holder than the date would give: the name wins.
    let text = "Sergei Shoigu, Russia’s Security Council Secretary, and Kremlin spokesman Dmitry Peskov spoke.";
    let ms = lex().entities(text, date(2024, 11, 7));
    assert!(ms.iter().all(|m| !m.via_title), "{ms:?}");
    assert_eq!(
        people(text, date(2024, 11, 7)),
        ["Sergei Shoigu", "Dmitry Peskov"]
    );
    // Apposition to a name the lexicon does not know, and hyphenated compounds.
    let ms = lex().entities(
        "Mr Whitelaw, the defence secretary, flew in.",
        date(2024, 1, 1),
    );
    assert!(ms.iter().all(|m| !m.via_title), "{ms:?}");
    let ms = lex().entities(
        "Kentavious Caldwell-Pope drilled a 3-pointer.",
        date(2024, 1, 1),
    );
    assert!(ms.iter().all(|m| !m.via_title), "{ms:?}");
    let ms = lex().entities(
        "The Secretary of State for Defence said so.",
        date(2024, 1, 1),
    );
    assert!(ms.iter().all(|m| !m.via_title), "{ms:?}");
    // A middle initial does not hide a known name.
    let kerry = "Secretary of State John F. Kerry arrived. Kerry said little.";
    let ms = lex().entities(kerry, date(2015, 1, 1));
    assert_eq!(
        ms.iter().filter(|m| m.name == "John Kerry").count(),
        2,
        "{ms:?}"
    );
    assert!(ms.iter().all(|m| !m.via_title));
    assert_eq!(
        people("Analyst Mary K. Smith said so.", None),
        ["Mary K. Smith"]
    );
    // A former office holder is not the current one.
    let former = "Shoigu, who served as Russia's Defense Minister for a decade, spoke.";
    assert_eq!(people(former, date(2024, 11, 7)), ["Sergei Shoigu"]);
}

#[test]
fn misspellings_are_flagged_and_variants_are_not() {
    let text = "Putin’s spokesman Peshkov today seemed to confirm it. Zelenskiy won’t negotiate.";
    let ms = lex().entities(text, date(2024, 3, 23));
    assert_offsets(text, &ms);
    let p = find(&ms, "Dmitry Peskov").expect("Peshkov");
    assert!(p.misspelled && !p.via_title);
    assert_eq!(p.text, "Peshkov");
    assert_eq!(p.country.as_deref(), Some("RU"));
    let z = find(&ms, "Volodymyr Zelenskyy").expect("Zelenskiy");
    assert!(!z.misspelled);
    assert!(
        !find(
            &lex().entities("Zelensky spoke.", None),
            "Volodymyr Zelenskyy"
        )
        .unwrap()
        .misspelled
    );
    assert!(
        find(
            &lex().entities("Zelenski spoke.", None),
            "Volodymyr Zelenskyy"
        )
        .unwrap()
        .misspelled
    );
}

#[test]
fn fuzzy_surnames_need_a_person_context() {
    // One edit from "Blinken" (not in the misspelling list), introduced by a title.
    let ms = lex().entities(
        "Secretary of State Blinkan said talks were over.",
        date(2022, 12, 4),
    );
    let b = find(&ms, "Antony Blinken").expect("fuzzy Blinken");
    assert!(b.misspelled);
    // Without a cue the same word is not taken for a person.
    assert!(people("The Blinkan valley was quiet.", None).is_empty());
}

#[test]
fn unknown_people_from_titles_appositions_and_verbs() {
    let t1 = "Military analyst Oleh Zhdanov expects a new offensive.";
    assert_eq!(people(t1, None), ["Oleh Zhdanov"]);
    let t2 = "Maria Kovalenko, a prominent Ukrainian analyst, shared her frustration.";
    assert_eq!(people(t2, None), ["Maria Kovalenko"]);
    let t3 = "Ivan Petrenko said the shelling lasted all night.";
    assert_eq!(people(t3, None), ["Ivan Petrenko"]);
    let t4 = "“We stayed,” said Anna Hrytsenko, who runs a bakery.";
    assert_eq!(people(t4, None), ["Anna Hrytsenko"]);
    for (t, country) in [(t1, None), (t2, Some("UA")), (t3, None), (t4, None)] {
        let ms = lex().entities(t, None);
        assert_offsets(t, &ms);
        assert!(
            ms.iter()
                .all(|m| m.country.as_deref() == country && !m.misspelled),
            "{ms:?}"
        );
    }
    // The affiliation also comes from a demonym before the title.
    let ms = lex().entities("Russian blogger Yuri Podolyaka wrote on Telegram.", None);
    assert_eq!(ms[0].name, "Yuri Podolyaka");
    assert_eq!(ms[0].country.as_deref(), Some("RU"));
}

#[test]
fn no_false_people() {
    let texts = [
        "Prime Minister said nothing. The White House said on Monday it would respond.",
        "Live Briefing: Russian Invasion of Ukraine",
        "The Security Council met on Tuesday. Security Council members said little.",
        "Intense Airstrikes Over Kyiv\n\nGrowing Doubts Over Peace Talks",
        "“It probably won’t go anywhere,” Blinken said. Face the nation.",
        "Many felt the attacks were a clear sign. Western governments warned this week.",
        "Kyiv Oblast said the Defence Ministry would reply. South Korea said it was watching.",
        "On Monday, January 6, European Union officials said the summit would go ahead.",
        "There IS an oxygen bar in Delhi. IT IS WAR, shouted the headline.",
    ];
    for t in texts {
        let ms = lex().entities(t, date(2024, 1, 1));
        assert_offsets(t, &ms);
        let people: Vec<_> = ms
            .iter()
            .filter(|m| m.kind == EntityKind::Person && m.name != "Antony Blinken")
            .collect();
        assert!(people.is_empty(), "false people in {t:?}: {people:?}");
    }
    let ms = lex().entities(texts[8], None);
    assert!(ms.iter().all(|m| m.name != "Islamic State"), "{ms:?}");
}

#[test]
fn organisations_are_canonical() {
    assert_eq!(
        orgs("The British Ministry of Defense said on Sunday"),
        ["UK Ministry of Defence"]
    );
    assert_eq!(
        orgs("The Ministry of Defence (MoD) of the United Kingdom warned"),
        ["UK Ministry of Defence"]
    );
    assert_eq!(
        orgs("With reporting by AP and Reuters"),
        ["Associated Press", "Reuters"]
    );
    assert_eq!(
        orgs("a poll from the Federal Protection Service"),
        ["Federal Protective Service"]
    );
    assert_eq!(
        orgs("the so-called ISIS attack; Daesh and ISIL"),
        ["Islamic State"]
    );
    assert_eq!(
        orgs("He went to the European Community summit"),
        ["European Political Community"]
    );
    assert_eq!(
        orgs("the Kremlin and the Pentagon, then NATO"),
        ["Kremlin", "Pentagon", "NATO"]
    );
    let ms = lex().entities("IDF troops entered Gaza", None);
    assert_eq!(lex().actor_of_mention(&ms[0]), Some("Israel"));
}

#[test]
fn actors() {
    let l = lex();
    for (phrase, actor) in [
        ("Russian forces", "Russia"),
        ("Moscow", "Russia"),
        ("the Kremlin", "Russia"),
        ("Russian troops", "Russia"),
        ("Russian military", "Russia"),
        ("Ukrainian army", "Ukraine"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Ukrainian forces", "Ukraine"),
        ("AFU", "Ukraine"),
        ("ISIS", "Islamic State"),
        ("IS", "Islamic State"),
        ("Islamic State", "Islamic State"),
        ("Hamas", "Hamas"),
        ("IDF", "Israel"),
        ("Israeli forces", "Israel"),
        ("RSF", "Rapid Support Forces"),
        ("Rapid Support Forces", "Rapid Support Forces"),
        ("Houthis", "Houthis"),
        ("Houthi rebels", "Houthis"),
        ("Ukrainian civilians", "Civilians (Ukraine)"),
        ("Palestinian civilians", "Civilians (Palestine)"),
        ("civilians in Ukraine", "Civilians (Ukraine)"),
        ("residents of Kyiv", "Civilians (Ukraine)"),
        ("Russia’s army", "Russia"),
    ] {
        assert_eq!(l.actor_of(phrase), Some(actor), "{phrase}");
    }
    assert_eq!(l.actor_of("civilians"), None);
    assert_eq!(l.civilians("Russia"), Some("Civilians (Russia)"));
    assert_eq!(l.state_actor("UA"), Some("Ukraine"));

    let text = "Russian drones hit Kyiv overnight, and the Kremlin blamed Ukrainian troops. ISIS claimed it.";
    let found: Vec<(String, String)> = l
        .actors_in(text)
        .into_iter()
        .map(|(s, e, a)| (text[s..e].to_string(), a))
        .collect();
    let expect = [
        ("Russian drones", "Russia"),
        ("Kyiv", "Ukraine"),
        ("Kremlin", "Russia"),
        ("Ukrainian troops", "Ukraine"),
        ("ISIS", "Islamic State"),
    ];
    assert_eq!(found, expect.map(|(a, b)| (a.to_string(), b.to_string())));
    // A bare demonym is not an actor.
    assert!(l.actors_in("Russian media reported it.").is_empty());
}

#[test]
fn weapons() {
    let l = lex();
    assert_eq!(
        l.weapons_in("Iranian-made Shahed drones echoed above the capital"),
        ["drone"]
    );
    assert_eq!(
        l.weapons_in("glide bombs and KABs hit the town"),
        ["air strike"]
    );
    assert_eq!(l.weapons_in("an Iskander-M ballistic missile"), ["missile"]);
    // a team name is not a weapon; a title-case headline still is
    assert!(l
        .weapons_in("a layup lifted the Houston Rockets to a win")
        .is_empty());
    assert_eq!(l.weapons_in("Russian Rockets Hit Kharkiv"), ["missile"]);
    assert_eq!(l.weapons_in("Rockets hit the town"), ["missile"]);
    assert_eq!(l.weapons_in("Iskander"), ["missile"]);
    assert_eq!(
        l.weapons_in("HIMARS rockets and 155mm howitzers"),
        ["artillery"]
    );
    assert_eq!(
        l.weapons_in("shelling, then an IED, then gunfire"),
        ["artillery", "explosive", "small arms"]
    );
    assert_eq!(
        l.weapons_in("threatened a tactical nuclear strike"),
        ["nuclear"]
    );
    assert!(l
        .weapons_in("air defences were shooting down drones")
        .iter()
        .all(|w| *w != "small arms"));
    assert!(l
        .weapons_in("a friend of mine; the Zaporizhzhia nuclear power plant")
        .is_empty());
}

#[test]
fn offsets_with_multibyte_text() {
    let text = "Назва — «Kremlin»: Viktor Orbán’s talks with Volodymyr Zelenskyy 🇺🇦 in Київ.";
    let ms = lex().entities(text, None);
    assert_offsets(text, &ms);
    assert_eq!(
        Lexicon::distinct_names(&ms),
        (
            vec![
                "Viktor Orbán".to_string(),
                "Volodymyr Zelenskyy".to_string()
            ],
            vec!["Kremlin".to_string()]
        )
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn entities_never_panic_on_arbitrary_unicode(s in "\\PC{0,300}") {
        let ms = lex().entities(&s, None);
        assert_offsets(&s, &ms);
        let _ = lex().actors_in(&s);
        let _ = lex().weapons_in(&s);
        let _ = lex().actor_of(&s);
    }

    #[test]
    fn entities_never_panic_on_name_like_text(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Putin"), Just("Mr."), Just("President"), Just("said"), Just(","), Just("’s"),
                Just("Peshkov"), Just("the"), Just("Kremlin spokesman"), Just("Maria"), Just("Ü"),
                Just("Avdeeva"), Just("IS"), Just("a"), Just("analyst"), Just("\n"), Just("—"),
            ],
            0..40,
        )
    ) {
        let s = words.join(" ");
        let ms = lex().entities(&s, date(2024, 1, 1));
        assert_offsets(&s, &ms);
    }
}

#[test]
fn romanization_variants_link_to_known_people() {
    // a full name in another romanization of a known Ukrainian
    let t = "Lviv Mayor Andrii Sadovy toured the damaged school on Friday.";
    let ms = lex().entities(t, date(2024, 5, 1));
    assert_offsets(t, &ms);
    assert_eq!(people(t, date(2024, 5, 1)), ["Andriy Sadovyi"], "{ms:?}");
    // another form of a known person's given name, same surname
    assert_eq!(
        people("Michael Pompeo spoke to reporters at the airport.", None),
        ["Mike Pompeo"]
    );
    // a lone surname in another romanization, after the full name
    let t = "Oleksandr Syrskyi visited the front. Later Syrskij met the brigade commanders.";
    let ms = lex().entities(t, None);
    let hits: Vec<_> = ms.iter().filter(|m| m.name == "Oleksandr Syrskyi").collect();
    assert_eq!(hits.len(), 2, "{ms:?}");
    assert_eq!(hits[1].text, "Syrskij");
    // a lone surname followed by another capitalised word is a street, not the person
    assert!(people("Traffic on Sadovy Street was closed.", None).is_empty());
}

#[test]
fn unknown_ukrainians_get_the_national_romanization() {
    // Russian-style spellings of a Ukrainian given name and surname
    assert_eq!(
        people("Local councillor Andriy Gnatyuk said the shelter was full.", None),
        ["Andrii Hnatiuk"]
    );
    assert_eq!(
        people("Volunteer Serhiy Kovalsky said the road was mined.", None),
        ["Serhii Kovalskyi"]
    );
    // a Russian is written as the text writes him
    assert_eq!(
        people("Russian blogger Sergiy Gorbatov said the bridge was hit.", None),
        ["Sergiy Gorbatov"]
    );
    // not a Ukrainian spelling: as written
    assert_eq!(
        people("Analyst Maria Godunova said the talks had stalled.", None),
        ["Maria Godunova"]
    );
}

#[test]
fn regional_governor_roles_from_the_template() {
    let at = date(2024, 3, 1);
    assert_eq!(
        people("The head of the Poltava regional military administration said two drones fell.", at),
        ["Filip Pronin"]
    );
    assert_eq!(
        people("The governor of the Belgorod region reported damage to a house.", at),
        ["Vyacheslav Gladkov"]
    );
    // the holder changes with the date
    assert_eq!(
        people("The Sumy regional governor said power was restored.", date(2025, 8, 1)),
        ["Oleh Hryhorov"]
    );
    // a misspelled holder's name right after the role phrase is the holder
    let t = "Donetsk governor Vadym Filaskin urged families to leave.";
    let ms = lex().entities(t, date(2025, 1, 10));
    assert_offsets(t, &ms);
    assert_eq!(people(t, date(2025, 1, 10)), ["Vadym Filashkin"], "{ms:?}");
}

#[test]
fn unknown_people_after_a_title_and_its_body() {
    let t = "The order was signed by the spokeswoman for the Odesa Regional Prosecutor's Office Oksana Didenko on Friday.";
    assert_eq!(people(t, None), ["Oksana Didenko"]);
    // a title and body with no given name after them: no person
    assert!(people("A spokesman for the Regional Office Building Fund Annual Report was late.", None).is_empty());
    // a person known by one given name, introduced by "named"
    assert_eq!(
        people("Witnesses said a man named Ahmed was taken away.", None),
        ["Ahmed"]
    );
    assert!(people("The ship named Ahmed left port.", None).is_empty());
}

#[test]
fn unknown_ukrainians_in_the_national_surname_form_keep_their_spelling() {
    // the surname is already in the national form: the given name stays as written
    assert_eq!(
        people("Volunteer Serhiy Bondarchuk said the road was mined.", None),
        ["Serhiy Bondarchuk"]
    );
    // a French given name introduced by "named"
    assert_eq!(
        people("The boy said he took orders from a gang leader named Thierry.", None),
        ["Thierry"]
    );
}

#[test]
fn unknown_people_named_with_an_age_or_a_middle_initial() {
    // an age right after the name marks a person
    assert_eq!(
        people("Rescuers found Halyna Ostapchuk, 71, under the rubble.", None),
        ["Halyna Ostapchuk"]
    );
    assert_eq!(
        people("A neighbour, Petro Zinchenko (63), was taken to hospital.", None),
        ["Petro Zinchenko"]
    );
    // a middle initial that is also a word ("A") inside a name
    assert_eq!(
        people("The economist Robert A. Whitfield said prices would rise.", None),
        ["Robert A. Whitfield"]
    );
}

#[test]
fn a_known_surname_that_is_a_given_name_opens_another_name() {
    let t = "President Gustavo Petro spoke in Bogota. Later, a farmer, Petro Kovalchuk, said his barn burned.";
    let ms = lex().entities(t, None);
    assert_offsets(t, &ms);
    let names = people(t, None);
    assert_eq!(names, ["Gustavo Petro", "Petro Kovalchuk"], "{ms:?}");
    // the surname alone still links after the full name
    assert_eq!(
        people("Gustavo Petro spoke in Bogota. Petro said the talks would resume.", None),
        ["Gustavo Petro"]
    );
}
