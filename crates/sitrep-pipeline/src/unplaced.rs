//! Places the gazetteer does not know.
//!
//! A village, wadi or district missing from the reference data still has a name, and the
//! text marks it as a place by its construction: "clashed in Wadi al-Rabi", "near the village
//! of Pyin Htaung". An event whose trigger has no resolved place at all would otherwise be
//! dropped; with one of these it is kept at the name the text gives, without coordinates
//! (`lat`/`lon` null, precision `city`), in the country the article's resolved places point to.
//! Only names after a locative preposition or a settlement noun are taken, and never a name
//! that is a date, an entity, an actor, a resolved place or holds a word listed in
//! `data/not_places.tsv` (calendar words, languages, institutions, titles).

use std::collections::HashSet;
use std::sync::LazyLock;

// Rule regexes with `\b` stay on the lazy DFA for ASCII-word text (see `wordre`).
use crate::wordre::WordRegex as Regex;
use sitrep_gazetteer::{PlaceKind, PlaceMention};
use sitrep_model::{Location, PlacePrecision};

use crate::analysis::Analysis;

static NOT_PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/not_places.tsv")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Nouns of a settlement or part of one, before "of" ("the village of X").
const SETTLEMENT_NOUN: &str = r"(?:village|town|city|settlement|hamlet|locality|district|township|commune|municipality|suburb|neighbou?rhood|area|outskirts|vicinity)";
/// Natural features a place is named by ("the forest of X", "the X mountains").
const FEATURE_NOUN: &str = r"(?:forests?|woods|mountains?|hills?|valley|plains?|desert|swamps?|marshes|islands?|lake|river|coast)";
/// A capitalised name of up to four words, with the lower-case particles of Arabic,
/// Romance, Dutch and German names between them ("Wadi al-Rabi", "San Rafael del Pinal").
const PLACE_NAME: &str = r"\p{Lu}[\p{L}\p{M}'’-]*(?:[ ](?:(?:al|el|ad|ar|as|ash|at|az|ad-din|de|del|della|du|des|la|le|di|da|dos|do|das|van|von|der|bin|ibn|abu|ben)[ -])?\p{Lu}[\p{L}\p{M}'’-]*){0,3}";

/// A locative construction followed by a name.
static LOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]round|[Ii]nto|[Tt]owards?)\s+(?:the\s+(?:{SETTLEMENT_NOUN}|{FEATURE_NOUN})\s+of\s+)?|(?:{SETTLEMENT_NOUN}|{FEATURE_NOUN})\s+of\s+|(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:-?(?:east|west))?(?:ern)?\s+of\s+)(?P<name>{PLACE_NAME})"
    ))
    .unwrap()
});

/// A natural feature named before its noun ("in the Neelum valley", "across the Nuba
/// mountains"): the name is the place. (Not "area", "region" or "district": "the Kharkiv
/// area" names a place the gazetteer knows, and a generic "X area" is often no place.)
static FEATURE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:[Ii]n|[Nn]ear|[Aa]cross|[Aa]round|[Ii]nto|[Tt]hrough)\s+the\s+(?P<name>{PLACE_NAME})\s+(?:valley|mountains|hills|desert|forest|plain|plains|gorge|pass|delta|basin|highlands)\b"
    ))
    .unwrap()
});
/// The object of a verb of taking ground ("seized Kavumu airport", "liberated the village
/// of X"): a place, when it is a name that is not a person, group or demonym.
static TAKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)|overr(?:an|un|unning)|liberat(?:ed|es|e|ing)|recaptur(?:ed|es|e|ing)|retook|(?:took|taken|taking|takes) over|(?:took|taken|taking|gained|seized|established|regained|assumed) (?:full |complete |total |effective )?control (?:of|over))\s+(?:the\s+)?(?:(?:strategic|key|frontline|front-line|eastern|western|northern|southern|nearby)\s+)?(?:{SETTLEMENT_NOUN}\s+of\s+)?(?P<name>{PLACE_NAME})"
    ))
    .unwrap()
});

/// A name written with its containers right after it: "shelled Ftireh in Idleb", "at Doro
/// Naira (Kukawa, Borno)", "in the Seneia area of Salah Al Din", "Tavrika, Kherson region".
/// Matched on the few bytes before each resolved place (anchored at its start), so the
/// construction, not the name, marks it as a place, and the text is not scanned whole.
static CONTAINED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{PLACE_NAME})(?P<gap>(?:\s+(?:{SETTLEMENT_NOUN}|camp|corregimiento|kebele|groupement|front|sector|badia|farms|junction))?(?:\s*\(|,\s+|\s+in\s+(?:the\s+)?|\s+(?:{SETTLEMENT_NOUN}|region|sector)\s+of\s+(?:the\s+)?))$"
    ))
    .unwrap()
});
/// The cheap test before `CONTAINED_BEFORE`: right before `at`, one of its gaps ("(", ",",
/// "in (the)", "of (the)", optionally after a settlement noun) and, before that, a word
/// that starts with a capital. Most places ("shelling in Kharkiv") fail it; a word inside a resolved place, entity, actor or date
/// makes a name the caller would drop anyway ("Kharkiv, Ukraine", "Zelensky in Kyiv").
fn capital_word_before_gap(a: &Analysis, at: usize) -> bool {
    let text = a.text;
    let mut t = text[..at].trim_end();
    if let Some(r) = t.strip_suffix('(').or_else(|| t.strip_suffix(',')) {
        t = r.trim_end();
    } else {
        t = t.strip_suffix(" the").unwrap_or(t);
        match t.strip_suffix(" in").or_else(|| t.strip_suffix(" of")) {
            Some(r) => t = r.trim_end(),
            None => return false,
        }
    }
    let last = |t: &str| t.rsplit(' ').next().unwrap_or("").len();
    let mut n = last(t);
    if t[t.len() - n..].chars().next().is_some_and(char::is_lowercase) {
        // A settlement noun between the name and the gap ("Qarnabil village in").
        t = t[..t.len() - n].trim_end();
        n = last(t);
    }
    let (ws, we) = (t.len() - n, t.len());
    t[ws..].chars().next().is_some_and(char::is_uppercase)
        && !overlaps(ws, we, a.places.iter().map(|p| (p.start, p.end)))
        && !overlaps(ws, we, a.entities.iter().map(|x| (x.start, x.end)))
        && !overlaps(ws, we, a.actors.iter().map(|x| (x.0, x.1)))
        && !overlaps(ws, we, a.dates.iter().map(|x| (x.start, x.end)))
}

/// A place name, to turn a window's match into a match of the whole text.
static PLACE_NAME_AT: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(&format!("^(?:{PLACE_NAME})")).unwrap());

/// Words that start a clause or name people rather than places, when capitalised before "in"
/// or a comma ("Residents in X", "Officials, X").
fn preceded_by_context(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if matches!(last, ',' | '(' | '[') {
        return true;
    }
    // The word before is lower-case (a verb or preposition mid-sentence: "shelled X in Y",
    // "near X (Y)"), so the capital marks a name, not a sentence start.
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    !word.is_empty() && word.chars().all(|c| c.is_lowercase())
}

fn overlaps(s: usize, e: usize, spans: impl IntoIterator<Item = (usize, usize)>) -> bool {
    spans.into_iter().any(|(a, b)| a < e && s < b)
}

/// Two words run together by scraping ("SyriaThe", "DagestanU"): a capital after a
/// lower-case letter inside one word, outside the Mc/Mac prefixes.
fn glued(w: &str) -> bool {
    let body = w
        .strip_prefix("Mc")
        .or_else(|| w.strip_prefix("Mac"))
        .unwrap_or(w);
    body.chars()
        .zip(body.chars().skip(1))
        .any(|(x, y)| x.is_lowercase() && y.is_uppercase())
}

/// The country most of the article's resolved places lie in, if any.
fn focus_country(a: &Analysis) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for p in &a.places {
        if let Some(c) = p.location.country.as_deref() {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c.to_string())
}

/// Names the text marks as places that are not among the article's resolved places, in
/// text order, as place mentions without coordinates (confidence 0.3).
pub fn unplaced(a: &Analysis) -> Vec<PlaceMention> {
    let mut out = Vec::new();
    let mut country: Option<Option<String>> = None;
    let mut found: Vec<(usize, usize)> = LOCATIVE
        .captures_iter(a.text)
        .chain(TAKEN.captures_iter(a.text))
        .chain(FEATURE_AFTER.captures_iter(a.text))
        .filter_map(|c| c.name("name"))
        .map(|m| (m.start(), m.end()))
        .collect();
    for p in a.places.iter().filter(|p| capital_word_before_gap(a, p.start)) {
        let from = crate::text::ceil_boundary(a.text, p.start.saturating_sub(120));
        let window = &a.text[from..p.start];
        // The match starts where the name does (no capture groups needed: the DFA alone).
        if let Some(m) = CONTAINED_BEFORE.find(window) {
            let start = from + m.start();
            if preceded_by_context(a.text, start) {
                // The name as a match of its own (anchored: it starts there).
                if let Some(m) = PLACE_NAME_AT.find(&a.text[start..]) {
                    found.push((start, start + m.end()));
                }
            }
        }
    }
    found.sort_by_key(|m| m.0);
    found.dedup_by_key(|m| m.0);
    for (s, e) in found {
        let name = a.text[s..e].trim_end_matches(['-', '\'', '’']);
        let e = s + name.len();
        let next = a.text[e..].chars().next();
        if next.is_some_and(|ch| ch.is_alphanumeric())
            || a.text[e..].starts_with("'s")
            || a.text[e..].starts_with("’s")
            || !a.in_kept(s, e)
        {
            continue;
        }
        let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
        if words.iter().any(|w| {
            let lw = w.to_lowercase();
            NOT_PLACES.contains(lw.as_str())
                || (w.chars().count() > 1 && w.chars().all(|ch| !ch.is_lowercase()))
                || glued(w)
        }) {
            continue;
        }
        if overlaps(s, e, a.places.iter().map(|p| (p.start, p.end)))
            || overlaps(s, e, a.entities.iter().map(|x| (x.start, x.end)))
            || overlaps(s, e, a.actors.iter().map(|x| (x.0, x.1)))
            || overlaps(s, e, a.dates.iter().map(|x| (x.start, x.end)))
        {
            continue;
        }
        // "captured Syrian soldiers": a demonym names people, not the place taken.
        if !sitrep_gazetteer::Gazetteer::global().demonyms_in(name).is_empty() {
            continue;
        }
        let country = country.get_or_insert_with(|| focus_country(a)).clone();
        out.push(PlaceMention {
            start: s,
            end: e,
            text: name.to_string(),
            kind: PlaceKind::Settlement,
            location: Location {
                name: name.to_string(),
                admin1: None,
                country,
                lat: None,
                lon: None,
                precision: PlacePrecision::City,
                geonames_id: None,
            },
            confidence: 0.3,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let p = crate::Pipeline::new();
        let a = p.analyse_with(text, None, None);
        unplaced(&a).into_iter().map(|m| m.location.name).collect()
    }

    #[test]
    fn names_after_locatives_and_settlement_nouns() {
        assert_eq!(
            names("Militia fighters clashed with soldiers in Qaryat Zindar on Friday."),
            vec!["Qaryat Zindar"]
        );
        assert_eq!(
            names("The army shelled the village of Tal Harbuq overnight."),
            vec!["Tal Harbuq"]
        );
        assert_eq!(
            names("Rebels attacked a checkpoint near Wadi al-Harun."),
            vec!["Wadi al-Harun"]
        );
    }

    #[test]
    fn the_object_of_a_verb_of_taking_ground() {
        assert_eq!(
            names("Rebels seized Kavundo airport and advanced on the city."),
            vec!["Kavundo"]
        );
        assert_eq!(
            names("Government troops recaptured the village of Tal Harbuq."),
            vec!["Tal Harbuq"]
        );
        assert!(names("Soldiers captured Syrian fighters on the road.").is_empty());
        // "take over" is taking ground too
        assert_eq!(
            names("Militiamen took over Kabendo village without a fight."),
            vec!["Kabendo"]
        );
    }

    #[test]
    fn names_of_natural_features_after_their_noun() {
        assert_eq!(
            names("Aircraft bombed rebel camps in the forest of Tinzaraf."),
            vec!["Tinzaraf"]
        );
        assert_eq!(
            names("Troops clashed with bandits in the hills of Tukurdai."),
            vec!["Tukurdai"]
        );
    }

    #[test]
    fn calendar_words_institutions_acronyms_and_known_places_are_not_taken() {
        assert!(names("The vote took place in March in Parliament.").is_empty());
        assert!(names("He spoke in Russian to reporters.").is_empty());
        assert!(names("An explosion in PD12 wounded two policemen.").is_empty());
        assert!(names("A bomb went off in QandarnaThe blast was heard far away.").is_empty());
        assert!(names("Police arrested him near Ninth Street on Friday.").is_empty());
        // resolved by the gazetteer: not an unknown place
        assert!(names("Russian forces shelled Kherson and fighting continued in Kharkiv.").is_empty());
    }

    #[test]
    fn a_resolved_country_sets_the_unknown_place_country() {
        let p = crate::Pipeline::new();
        let text = "Fighting in Ukraine: troops clashed in Zhovtoyarivka on Monday.";
        let a = p.analyse_with(text, None, None);
        let u = unplaced(&a);
        assert_eq!(u.len(), 1, "{u:?}");
        assert_eq!(u[0].location.country.as_deref(), Some("UA"));
        assert!(u[0].location.lat.is_none());
    }
}
