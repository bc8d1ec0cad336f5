//! Stage `events`: sentences → ACLED-typed events with place, date, actors,
//! counts, certainty and verbatim evidence.
//!
//! Needs: sentences, clauses, place/date/actor/entity mentions, publication date.
//! Sets: `Record.events` (one per place and day after merging within the article).
//!
//! How: trigger patterns (`data/event_triggers.tsv`) found in a clause make a
//! candidate unless a non-factual cue (modal, plan, threat, condition, negation:
//! `data/cues.tsv`) precedes them in the clause or they sit inside a quotation.
//! The candidate's place is the clause's most specific place (a list of places
//! gives one event each), else the sentence's, else the paragraph's last place.
//! Its date is the sentence's most specific date, else the paragraph's last
//! event date, else the publication date (precision week, "soft"). Candidates
//! at the same place with compatible families and dates merge.

use crate::analysis::{clauses, Analysis};
use crate::counts::{counts, Counts};
use crate::cues::cue;
use crate::text::{ceil_boundary, floor_boundary, text_before};
use chrono::{Datelike, NaiveDate};
// Rule regexes with `\b` stay on the lazy DFA for ASCII-word text (see `wordre`).
use crate::wordre::WordRegex as Regex;
use sitrep_dates::{DateMention, MentionKind};
use sitrep_gazetteer::{Gazetteer, PlaceKind, PlaceMention};
use sitrep_model::{ontology, Certainty, DatePrecision, Event, Location, PlacePrecision};
use std::ops::Range;
use std::sync::LazyLock;

struct Trigger {
    re: regex::Regex,
    event_type: &'static str,
    /// A subtype of the ontology, or a class decided in context (`@remote`, `@assault`,
    /// `@territory`, `@protest`, `@riot`: see the head of `data/event_triggers.tsv`).
    subtype: &'static str,
    strong: bool,
    /// What the sentence must also say for the trigger to count.
    requires: Option<regex::Regex>,
}

/// Subtype classes decided in context.
const CLASSES: &[&str] = &["@remote", "@assault", "@territory", "@protest", "@riot", "@shootdown"];

static TRIGGERS: LazyLock<Vec<Trigger>> = LazyLock::new(|| {
    crate::cues::tsv_rows_between(
        include_str!("../data/event_triggers.tsv"),
        4,
        5,
        "event_triggers.tsv",
    )
    .map(|f| {
        assert!(
            CLASSES.contains(&f[2]) || ontology::is_valid(f[1], f[2]),
            "event_triggers.tsv: not in the ontology: {f:?}"
        );
        Trigger {
            re: crate::cues::ascii_regex(&format!(
                r"(?i)(?-u:\b)(?:{})(?-u:\b)",
                f[0].replace(r"\S", r"(?u:\S)")
            )),
            event_type: f[1],
            subtype: f[2],
            strong: f[3] == "strong",
            requires: f
                .get(4)
                .map(|r| crate::cues::ascii_regex(&format!("(?i){r}"))),
        }
    })
    .collect()
});

static TRIGGER_SET: LazyLock<crate::triggerset::WordStartSet> = LazyLock::new(|| {
    // The set is large (every trigger row, with gaps such as `(\S+ ){0,3}`): with the
    // default 2 MB lazy-DFA cache the overlapping search thrashes and falls back to the
    // PikeVM, about 20 times slower (perf, news-en corpus). The cache is per thread.
    // Most of what the set costs is building DFA states for text it has not seen
    // (2,000 news-en articles: 0.61 s cold, 0.08 s warm). Tried and slower: an
    // Aho-Corasick gate over each row's literal prefixes (common words), one
    // leftmost-first locator then the set per sentence, the set split in 2-16 parts,
    // gaps made unbounded (88 articles/s); a dense DFA of the set exceeds 400 MB.
    // At 16 MB the set thrashed again once it held ~70 rows with gaps (one more row
    // halved the speed, 2,000 -> 1,060 articles/s): 24 MB, the next row may need more.
    // Now searched anchored at each word boundary (see `triggerset`): smaller DFA states.
    let rows: Vec<&str> = TRIGGERS.iter().map(|t| t.re.as_str()).collect();
    crate::triggerset::WordStartSet::new(&rows, false, 24 << 20)
});

/// Words that show a strike hit something (then an interception report is coded as the strike).
/// Harm or damage stated in `text` and not denied ("no report of fatalities nor injuries",
/// "no one was hurt", "without causing damage" deny it).
fn impact_in(re: &Regex, text: &str) -> bool {
    static DENIED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(no|nor|not|never|without|nobody|neither|none)\b[^.;:]{0,40}$").unwrap()
    });
    re.find_iter(text)
        .any(|m| !DENIED.is_match(text_before(text, m.start(), 60)))
}

static IMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(debris|damag(e|ed|ing)|destroyed (a |the )?(building|house|home)|hit (a|the)|fire in|shattered|injur|wound|kill|struck (a|the))").unwrap()
});

/// `SITREP_DEBUG_EVENTS=1`: print each trigger kept in a clause to stderr.
static DEBUG: LazyLock<bool> = LazyLock::new(|| std::env::var_os("SITREP_DEBUG_EVENTS").is_some());

/// Armed non-state groups whose attacks without named weapons are attacks on civilians.
fn is_armed_group(actor: &str) -> bool {
    crate::kinds::is_armed_group(actor)
}

/// A candidate event before merging.
#[derive(Debug, Clone)]
struct Cand {
    ev: Event,
    /// Date came from the publication date or the paragraph, not the sentence.
    soft_date: bool,
    strong: bool,
    block: usize,
    order: usize,
}

static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^['’]s\b").unwrap());
static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\baccording to\s+(the\s+)?$").unwrap());
static PREP_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(in|on|at|near|over|across|to|from|of|outside|around|into|towards?|against|hit|struck|targeted|attacked|shelled)\s+(the\s+)?(city of\s+|town of\s+)?$").unwrap()
});
/// A verb or noun of dealings between states right before a name: the name is the state.
static STATE_OBJECT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(arm(s|ed|ing)?|train(s|ed|ing)?|help(s|ed|ing)?|support(s|ed|ing)?|back(s|ed|ing)?|urg(e|es|ed|ing)|told|tell(s|ing)?|press(es|ed|ing)?|pressur(e|es|ed|ing)|ask(s|ed|ing)?|accus(e|es|ed|ing)|warn(s|ed|ing)?|sanction(s|ed|ing)?|call(s|ed|ing)? on|negotiat(e|es|ed|ing) with|talks with|ties with|relations with|(aid|weapons|arms|supplies|assistance|loans?) to|(backers|allies|partners|supporters) of( the)?)\s+$").unwrap()
});
/// The name joined to another state or bloc as the subject of a verb ("Kyiv and the West
/// have called", "Moscow and Beijing signed").
static STATES_JOINED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+and\s+(the\s+)?(West|Western \w+|its \w+|\p{Lu}\w+)\s+(have |has |had |also |both )?([a-z]+ed|say|said|agree[sd]?|signed|want|called)\b").unwrap()
});
static VERB_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(has |had |have |was |is |also |then |later |now )?[a-z]+ed\b|^\s+(says|said|claims|denies|rejects|warns|plans|wants)\b").unwrap()
});

fn in_dateline(a: &Analysis, p: &PlaceMention) -> bool {
    in_dateline_span(a, p.start, p.end)
}

/// True when `start..end` lies in the dateline that opens its paragraph.
fn in_dateline_span(a: &Analysis, start: usize, end: usize) -> bool {
    a.cleaned
        .blocks
        .iter()
        .find(|b| b.range.start <= start && end <= b.range.end)
        .is_some_and(|b| {
            start - b.range.start < 60
                && crate::text::DATELINE
                    .find(&a.text[b.range.start..floor_boundary(a.text, b.range.start + 80)])
                    .is_some_and(|m| b.range.start + m.end() > end)
        })
}

/// True when `s..e` overlaps a date mention or lies inside a place or name mention.
fn inside_mention(a: &Analysis, s: usize, e: usize) -> bool {
    let r = s.saturating_sub(40)..e + 40;
    // A date the trigger begins or ends in ("17 March", "May 9"); one wholly inside the
    // trigger's gap words ("signed a six-month ceasefire agreement") leaves it a trigger.
    a.dates_in(&r)
        .any(|d| (d.start <= s && s < d.end) || (d.start < e && e <= d.end))
        || a.places_in(&r).any(|p| p.start <= s && e <= p.end)
        || a.entities_in(&r).any(|n| n.start <= s && e <= n.end)
        || in_proper_name(a.text, s, e)
}

/// A capitalised trigger word heading the name of an organisation, an operation or a day
/// that the lexicon does not know ("the National Liberation Army", "the Resistance Front",
/// "Victory Day"): the next word is a capitalised name head, so the hit is part of a name.
fn in_proper_name(text: &str, s: usize, e: usize) -> bool {
    static NAME_HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[ \-](Army|Armies|Front|Movement|Forces?|Party|Council|Committee|Organi[sz]ation|Brigades?|Battalions?|Regiment|Division|Corps|Tigers|Union|Alliance|Coalition|Group|Squad|Squadron|Unit|Command|Day|Square|Street|Avenue|Road|Bridge|Monument|Memorial|Museum|Prize|Award|Medal|Fund|Foundation|Institute|Centre|Center|Operation|Campaign|Network|Axis|Axes|Militia|Guards?|Legion)\b",
        )
        .unwrap()
    });
    text[s..e].starts_with(|c: char| c.is_uppercase())
        && NAME_HEAD.is_match(&text[e..])
}

/// Kind rank of a place for choosing the most specific.
fn rank(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Settlement | PlaceKind::Site => 0,
        PlaceKind::Admin1 | PlaceKind::Region => 1,
        PlaceKind::Country => 2,
        PlaceKind::Continent => 3,
    }
}

/// Places an event in `r` refers to: the most specific ones, regions/countries that contain them dropped.
fn event_places<'a>(a: &'a Analysis, r: &Range<usize>) -> Vec<&'a PlaceMention> {
    let ps = event_places_strict(a, r, true);
    if ps.is_empty() {
        // Nothing else: "Bryansk Governor … said 12 drones had been destroyed" is about Bryansk.
        // But a clause of a sentence that names a place elsewhere ("shelled Nikopol, killing
        // two, Dnipropetrovsk Oblast Governor Serhii Lysak said") leaves the institution to
        // the clause before it.
        let sentence = a.sentences.iter().find(|s| s.range.start <= r.start && r.end <= s.range.end);
        if let Some(sr) = sentence.map(|s| s.range.clone()).filter(|sr| *sr != *r) {
            if !event_places_strict(a, &sr, true).is_empty() {
                return ps;
            }
        }
        return event_places_strict(a, r, false);
    }
    ps
}

/// "drones launched by Russia", "a strike carried out by Israel": a state after "by" is the
/// agent, not the place.
fn agent_country(a: &Analysis, p: &PlaceMention) -> bool {
    let before = text_before(a.text, p.start, 8).to_ascii_lowercase();
    p.kind == PlaceKind::Country && (before.ends_with(" by ") || before.ends_with(" by the "))
}

/// A country named as a modifier, not a place: joined by a hyphen to another name ("a
/// US-Russia prisoner trade", "the Russia-Ukraine war": a relation between them), or an
/// abbreviation in capitals before a noun ("a former US marine", "UK officials": whose).
fn country_as_modifier(a: &Analysis, p: &PlaceMention) -> bool {
    if p.kind != PlaceKind::Country {
        return false;
    }
    let joined_after = a.text[p.end..]
        .strip_prefix(['-', '–'])
        .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
    let joined_before = a.text[..p.start]
        .strip_suffix(['-', '–'])
        .is_some_and(|l| l.ends_with(|c: char| c.is_alphabetic()));
    let abbrev = p.text.chars().filter(|c| c.is_alphabetic()).count() <= 4
        && p.text.chars().all(|c| !c.is_lowercase());
    let before_noun = a.text[p.end..]
        .trim_start_matches('.')
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()));
    joined_after || joined_before || (abbrev && before_noun)
}

fn event_places_strict<'a>(
    a: &'a Analysis,
    r: &Range<usize>,
    skip_institutions: bool,
) -> Vec<&'a PlaceMention> {
    let mut ps: Vec<&'a PlaceMention> = a
        .places_in(r)
        .filter(|p| p.kind != PlaceKind::Continent)
        // A place inside a person/org name ("Kyiv Independent") is not where the event is.
        .filter(|p| {
            !a.entities_in(&(r.start..r.end)).any(|e| {
                e.start <= p.start && p.end <= e.end && e.kind == sitrep_lexicon::EntityKind::Org
            })
        })
        // "the Donetsk regional prosecutor's office", "Kharkiv Oblast Governor": a place naming an
        // institution is the source's affiliation, not where the event happened.
        .filter(|p| {
            !skip_institutions
                || !INSTITUTION_AFTER.is_match(&a.text[p.end..floor_boundary(a.text, p.end + 40)])
        })
        // The dateline says where the report was filed, not where the event happened.
        .filter(|p| !in_dateline(a, p))
        // "The General Staff in Kyiv reported 187 clashes": where a national body sits is
        // not where the events it reports happened.
        .filter(|p| {
            !SEAT_OF.is_match(text_before(a.text, p.start, 40))
        })
        // "according to U.S. officials", "according to Kyiv": the source, not the place.
        .filter(|p| {
            !ACCORDING_TO.is_match(text_before(a.text, p.start, 24))
        })
        .filter(|p| !country_as_modifier(a, p))
        // "drones launched by Russia", "a strike carried out by Israel": a state after "by"
        // is the agent, not the place.
        .filter(|p| !agent_country(a, p))
        // "a train travelling from Odesa to Zaporizhzhia": the ends of a route are where
        // it runs, not where the event happened.
        .filter(|p| {
            let before = text_before(a.text, p.start, 80);
            let after = &a.text[p.end..floor_boundary(a.text, p.end + 40)];
            !(ROUTE_FROM.is_match(before) && ROUTE_TO.is_match(after))
                && !ROUTE_FROM_TO.is_match(before)
        })

        // "Russia's second wave": a country in the possessive is the actor, not the place;
        // after a preposition it owns the target ("a strike on Ukraine's energy grid").
        .filter(|p| {
            !(p.kind == PlaceKind::Country
                && POSSESSIVE.is_match(&a.text[p.end..floor_boundary(a.text, p.end + 4)])
                && !OWNER_PREP.is_match(
                    text_before(a.text, p.start, 48),
                ))
        })
        // "which Moscow annexed": a capital as the subject of a verb is the state acting.
        .filter(|p| {
            let metonym = a.actors_in(r).any(|(s, e, _)| *s <= p.start && p.end <= *e);
            // Only the few words around the place are read (never the whole text: no quadratic path).
            let before =
                text_before(a.text, p.start, 48);
            let after = &a.text[p.end..floor_boundary(a.text, p.end + 48)];
            // "arming and training Kyiv", "attacks that Kyiv and the West have called":
            // the state as the object of a political verb or joined to another state.
            !(metonym
                && ((!PREP_BEFORE.is_match(before) && VERB_AFTER.is_match(after))
                    || STATE_OBJECT_BEFORE.is_match(before)
                    || STATES_JOINED_AFTER.is_match(after)))
        })
        .collect();
    if ps.is_empty() {
        return ps;
    }
    // "a residential building in the Kyivskyi district", in an article about Kharkiv: a
    // city district named by an adjective is a namesake settlement elsewhere to the
    // gazetteer; it is a part of the city the article is about (found again by
    // `anaphoric_settlement`).
    ps.retain(|p| !city_district(a, p));
    // Containers are not places of their own: "Udachne, Donetsk region", "in Kyiv,
    // Ukraine", "Barvinkove, Kharkiv", "in Busoni commune (Busoni, Kirundo)". A country
    // goes when anything inside it is named; regions of a list stay ("in the Kharkiv,
    // Dnipropetrovsk and Khmelnytskyi regions").
    let dropped = stated_containers(a, &ps);
    let mut i = 0;
    ps.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
    let container: Vec<bool> = (0..ps.len()).map(|i| is_container(a, &ps, i)).collect();
    let mut i = 0;
    ps.retain(|_| {
        i += 1;
        !container[i - 1]
    });
    if ps.iter().any(|p| rank(p.kind) < 2) {
        ps.retain(|p| rank(p.kind) < 2);
    }
    // "to cross the Dnipro River near the village of Krynky": a river, sea or range named
    // with a settlement is the landmark, the settlement the place.
    if ps.iter().any(|p| rank(p.kind) == 0) {
        ps.retain(|p| rank(p.kind) == 0 || !NATURAL_FEATURE.is_match(&p.location.name));
    }
    let mut seen = Vec::new();
    ps.retain(|p| {
        if seen.contains(&p.location.name) {
            false
        } else {
            seen.push(p.location.name.clone());
            true
        }
    });
    ps
}

fn norm_name(s: &str) -> String {
    s.to_lowercase()
        .replace(['’', '\''], "")
        .trim_end_matches(" oblast")
        .trim_end_matches(" region")
        .trim_end_matches(" province")
        .trim_end_matches(" krai")
        .to_string()
}

/// Whether region or country `x` holds place `y` (by `y`'s admin1 and country).
fn holds(x: &PlaceMention, y: &PlaceMention) -> bool {
    match x.kind {
        PlaceKind::Country => {
            y.kind != PlaceKind::Country && y.location.country.is_some() && y.location.country == x.location.country
        }
        PlaceKind::Admin1 | PlaceKind::Region => {
            rank(y.kind) == 0
                && y.location.country == x.location.country
                && y.location
                    .admin1
                    .as_deref()
                    .is_some_and(|adm| norm_name(adm) == norm_name(&x.location.name))
        }
        _ => false,
    }
}

/// Containers the wording states: "the Sabon Gari area of Kano", "the Sagaing region's Kani
/// township", "the town of X in Middle Shabelle region". Of the pair, the container goes
/// (the inner place is the more precise) unless the two disagree on the country, or on the
/// region the container is: then the inner name was resolved to a namesake elsewhere and
/// the container is the place the text supports. Returns which of `ps` to drop.
fn stated_containers(a: &Analysis, ps: &[&PlaceMention]) -> Vec<bool> {
    static INNER_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(\s+\p{Lu}[\w'-]*){0,2}(,?\s+(the\s+)?(\w+\s+)?(capital|seat|centre|center|main town|largest city|administrative centre)\s+of\s+(the\s+)?|\s+(area|areas|neighbou?rhood|district|suburbs?|outskirts|part|section|quarter|village|town|township|commune|county|locality|municipality|sub-?district|ward)\s+of\s+(the\s+)?)([\w]+-(administered|controlled|held|occupied)\s+)?$").unwrap()
    });
    static CONTAINER_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(\s+(region|province|state|district|county|oblast|governorate|division|department|prefecture))?['’]s\s+$").unwrap()
    });
    static INNER_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\s+\p{Lu}[\w'-]*){0,2}(?i:(\s+(air|military|naval|army|police)?\s*(village|town|township|city|district|county|commune|locality|area|settlement|camp|base|airbase|airfield|airport|port))?\s+in\s+(the\s+)?)(\p{Lu}[\w-]*['’]s\s+)?([\w]+-(administered|controlled|held|occupied)\s+)?$").unwrap()
    });
    static CAPITAL_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(capital|seat|centre|center|main town|largest city|administrative centre)\s+of\s+(the\s+)?$").unwrap()
    });
    let mut drop = vec![false; ps.len()];
    for i in 1..ps.len() {
        // "X in Russia's Belgorod region": the possessive country between them is part of
        // the container's name.
        let j = if i >= 2
            && ps[i - 1].kind == PlaceKind::Country
            && POSSESSIVE.is_match(&a.text[ps[i - 1].end..])
        {
            i - 2
        } else {
            i - 1
        };
        let (prev, p) = (ps[j], ps[i]);
        if p.start < prev.end || p.start - prev.end > 60 {
            continue;
        }
        let gap = &a.text[prev.end..p.start];
        // (inner, container) as indices of `ps`.
        let pair = if INNER_OF.is_match(gap) {
            Some((j, i))
        } else if CONTAINER_POSSESSIVE.is_match(gap) && rank(prev.kind) >= rank(p.kind) {
            Some((i, j))
        } else if INNER_IN.is_match(gap) && rank(p.kind) > rank(prev.kind) {
            Some((j, i))
        } else {
            None
        };
        let Some((inner, outer)) = pair else { continue };
        let (x, y) = (ps[inner], ps[outer]);
        // "Singa, capital of Sennar state": a capital lies in what it is the capital of.
        if CAPITAL_OF.is_match(gap) && x.location.country == y.location.country {
            drop[outer] = true;
            continue;
        }
        // Inside a settlement means near it; inside a region, in it.
        let near = match (x.location.lat, x.location.lon, y.location.lat, y.location.lon) {
            (Some(a1), Some(o1), Some(a2), Some(o2)) => {
                crate::cluster::haversine_km(a1, o1, a2, o2) <= 60.0
            }
            _ => false,
        };
        let agree = x.location.country.is_some()
            && (x.location.country == y.location.country || y.location.country.is_none())
            && match rank(y.kind) {
                0 => near,
                1 => {
                    y.location.country.is_none()
                        || holds(y, x)
                        || x.location.admin1.as_deref().is_none_or(|adm| {
                            // "Autonomous Republic of Crimea" holds what "Crimea" holds.
                            let (adm, name) = (norm_name(adm), norm_name(&y.location.name));
                            adm.contains(&name) || name.contains(&adm)
                        })
                }
                _ => true,
            };
        if agree {
            drop[outer] = true;
        } else {
            drop[inner] = true;
        }
    }
    drop
}

/// Whether `ps[i]` only locates another place of `ps` (see `event_places_strict`).
fn is_container(a: &Analysis, ps: &[&PlaceMention], i: usize) -> bool {
    let p = ps[i];
    if ps.iter().enumerate().any(|(j, q)| j != i && holds(p, q)) {
        return true;
    }
    // Right after another place: ", X" or "(X" / "(Y, X)" (ACLED's "village (district, region)").
    let Some(prev) = ps[..i].last() else {
        return false;
    };
    if p.start < prev.end || p.start - prev.end > 80 || holds(prev, p) {
        return false;
    }
    let gap = &a.text[prev.end..p.start];
    let in_parens = gap.contains('(') && !gap.contains(')') && !gap.contains(['.', ';']);
    let after_comma = gap.trim() == ",";
    if rank(p.kind) == 0 && rank(prev.kind) == 0 && (after_comma || in_parens) {
        // "Barvinkove, Kharkiv": a settlement named like the region of the place before it;
        // "Lamitan City (Basilan, ...)": the district or province in parentheses.
        let name = norm_name(&p.location.name);
        let same_region = prev.location.admin1.as_deref().is_some_and(|adm| {
            let adm = norm_name(adm);
            adm.starts_with(&name) || name.starts_with(&adm)
        });
        return same_region || in_parens;
    }
    (after_comma || in_parens) && rank(p.kind) > rank(prev.kind)
}

fn nonfactual_before(a: &Analysis, clause: &Range<usize>, trig_start: usize) -> bool {
    let (window, last2, to_before) = words_before(a, clause, trig_start);
    // "fired shots likely to disperse residents and then looted shops": a sequence marker
    // starts a new act; a hedge on the act before it does not reach this one.
    let window = match SEQUENCE.find_iter(&window).last() {
        Some(m) => window[m.end()..].to_string(),
        None => window,
    };
    if cue("nonfactual").is_match(&window) {
        return true;
    }
    // "for Ukrainian forces to strike deep inside Russia": an infinitive names an aim or a
    // habit, not an event.
    // "used aviation and artillery to strike Ukrainian forces": the means of a strike that
    // happened, not an aim.
    (to_before && !USED_TO.is_match(&window)) || cue("habitual").is_match(&last2) || PURPOSE.is_match(&last2)
}

/// "and then", ", then", "and later": the next act of a sequence of acts that happened.
static SEQUENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(,|\band\b),?\s+(then|later|afterwards|subsequently)\b").unwrap()
});

/// A means before an infinitive of the act done with it.
static USED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(used|using|employed|employing)\b.*\bto$").unwrap()
});

/// An infinitive of purpose whose object is the trigger: "a base to counter attacks by
/// militants", "patrols to deter raids", "measures to prevent looting" name what is to be
/// kept from happening, not an event.
static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(to|help|helps|helped|helping|would) (counter|prevent|deter|stop|repel|thwart|combat|curb|halt|avert|forestall|pre-?empt|block|foil|counteract|discourage|reduce|limit|contain|resist|withstand|survive|absorb|defeat|end|avoid|investigate|document|monitor|detect|track|punish|deny|disrupt|protect)$",
    )
    .unwrap()
});

/// The last ~7 words of the clause before the trigger (dates blanked: "On 17 May 2023,
/// Russian forces shelled" holds no modal "may"), its last two words, and whether the
/// word right before the trigger is "to".
fn words_before(a: &Analysis, clause: &Range<usize>, trig_start: usize) -> (String, String, bool) {
    let mut pre = a.text[clause.start..trig_start].to_string();
    for d in a.dates_in(&(clause.start..trig_start)) {
        let (s, e) = (d.start - clause.start, d.end - clause.start);
        pre.replace_range(s..e, &" ".repeat(e - s));
    }
    let words: Vec<&str> = pre.split_whitespace().collect();
    let window = words[words.len().saturating_sub(7)..].join(" ");
    let last2 = words[words.len().saturating_sub(2)..].join(" ");
    let to_before = words.last().is_some_and(|w| w.eq_ignore_ascii_case("to"));
    (window, last2, to_before)
}

/// The only non-factual cue before the trigger is an attempt ("attempted", "tried").
fn attempt_only_before(a: &Analysis, clause: &Range<usize>, trig_start: usize) -> bool {
    static ATTEMPT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(attempts?|attempted|attempting|tr(y|ied|ies|ying) to)\b").unwrap()
    });
    let (window, _, _) = words_before(a, clause, trig_start);
    ATTEMPT.is_match(&window) && !cue("nonfactual").is_match(&ATTEMPT.replace_all(&window, " "))
}

/// The date for an event in sentence `s`: the most specific point mention.
fn sentence_date<'a>(a: &'a Analysis, s: &Range<usize>) -> Option<&'a DateMention> {
    static YEAR_PREP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(in|since|during|by|of|from|until)\s+(early |late |mid-?)?$").unwrap()
    });
    a.dates_in(s)
        .filter(|d| d.kind == MentionKind::Point && d.date.is_some())
        // "KYIV, Nov 7 (Reuters) -": the dateline dates the report, not the event.
        .filter(|d| !in_dateline_span(a, d.start, d.end))
        // A bare year as a modifier ("the 2024 election") is not the event's date.
        .filter(|d| {
            d.precision != DatePrecision::Year || YEAR_PREP.is_match(&a.text[s.start..d.start])
        })
        .min_by_key(|d| (d.precision, d.start))
        .map(|d| calendar_apposition(a, s, d).unwrap_or(d))
}

/// "overnight on May 8", "on Monday, August 5", "last night (May 8)": a calendar date
/// right after a relative one restates it, and is what the writer meant (the relative
/// word is resolved against the publication day, which may be later).
fn calendar_apposition<'a>(a: &'a Analysis, s: &Range<usize>, d: &DateMention) -> Option<&'a DateMention> {
    static GLUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*(on|of|,|\(|–|-)?\s*(the\s+)?$").unwrap());
    if d.text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    a.dates_in(s).find(|m| {
        m.start >= d.end
            && m.start <= d.end + 8
            && m.kind == MentionKind::Point
            && m.date.is_some()
            && m.precision <= d.precision
            && m.text.bytes().any(|b| b.is_ascii_digit())
            && GLUE.is_match(&a.text[d.end..m.start])
    })
}

/// Representative day for a precision, following the gold convention: mid-month, mid-year.
fn representative(d: NaiveDate, p: DatePrecision) -> NaiveDate {
    match p {
        DatePrecision::Day | DatePrecision::Week => d,
        DatePrecision::Month => d.with_day(15).unwrap_or(d),
        DatePrecision::Year => NaiveDate::from_ymd_opt(d.year(), 7, 1).unwrap_or(d),
    }
}

/// Resolved date of a mention, with an explicit wrong year corrected (returns the flag evidence).
fn mention_date(
    a: &Analysis,
    d: &DateMention,
) -> (Option<NaiveDate>, DatePrecision, Option<String>) {
    let Some(day) = d.date else {
        return (None, d.precision, None);
    };
    if let Some(reference) = a.published {
        if d.explicit_year && sitrep_dates::conflicts_with_reference(d, reference) {
            // An explicit year that contradicts the article: keep month and day, take the
            // latest year that puts the date on or before the publication date.
            let fixed = NaiveDate::from_ymd_opt(reference.year(), day.month(), day.day())
                .filter(|x| *x <= reference)
                .or_else(|| NaiveDate::from_ymd_opt(reference.year() - 1, day.month(), day.day()));
            // Evidence: the date and the words after it, up to 12 bytes, within the sentence.
            let stop = a.text[d.end..]
                .find(['.', ';', '\n'])
                .map(|p| d.end + p)
                .unwrap_or(a.text.len());
            let end = floor_boundary(a.text, (d.end + 12).min(stop)).max(d.end);
            return (
                fixed.map(|f| representative(f, d.precision)),
                d.precision,
                Some(a.text[d.start..end].trim().to_string()),
            );
        }
    }
    (Some(representative(day, d.precision)), d.precision, None)
}

/// The conflict dyads data: in a country at war, who strikes when the text names no attacker.
static DYADS: LazyLock<Vec<(&'static str, &'static str, &'static str)>> = LazyLock::new(|| {
    crate::cues::tsv_rows(include_str!("../data/conflicts.tsv"), 3, "conflicts.tsv")
        .map(|f| (f[0], f[1], f[2]))
        .collect()
});

/// (default attacker, defender) for events located in `country` (ISO2).
fn dyad(country: &str) -> Option<(&'static str, &'static str)> {
    DYADS
        .iter()
        .find(|(c, _, _)| *c == country)
        .map(|(_, att, def)| (*att, *def))
}

pub fn country_name(iso2: &str) -> Option<String> {
    Gazetteer::global().country(iso2).map(|l| l.name)
}

/// Who claims the event in this sentence, when a party (not an outlet) is the source.
fn claimant(a: &Analysis, s: &Range<usize>) -> Option<String> {
    let t = &a.text[s.clone()];
    let m = cue("claim").find(t)?;
    let word = m.as_str().to_lowercase();
    // "according to X": the party after; "X claimed/said": the party before.
    let (lo, hi) = if word == "according to" {
        (s.start + m.end(), s.end)
    } else {
        (s.start, s.start + m.start())
    };
    let mut best: Option<(usize, String)> = None;
    for e in a.entities_in(&(lo..hi)) {
        if e.kind == sitrep_lexicon::EntityKind::Org && crate::kinds::is_media(&e.name) {
            return None;
        }
    }
    for (st, _, actor) in a.actors_in(&(lo..hi)) {
        let d = if word == "according to" {
            st - lo
        } else {
            hi - st
        };
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, actor.clone()));
        }
    }
    if best.is_none() {
        // "Authorities in Russia's Voronezh area claimed": officials of the country named.
        let span = &a.text[lo..hi];
        static OFFICIALS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(authorities|officials|governor|military|army|ministry|command|forces|spokes\w+)\b").unwrap()
        });
        if OFFICIALS.is_match(span) {
            if let Some(p) = a.places_in(&(lo..hi)).next() {
                if let Some(c) = p.location.country.as_deref().and_then(country_name) {
                    return Some(c);
                }
            }
        }
    }
    best.map(|(_, a)| a)
}

/// The weapon categories named inside `r`, in text order, from the article's weapon
/// words (`spans`, one scan of the whole text).
fn weapons_for(spans: &[(usize, usize, &'static str)], r: &Range<usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let from = spans.partition_point(|w| w.0 < r.start);
    for &(_, e, cat) in spans[from..].iter().take_while(|w| w.0 < r.end) {
        if e <= r.end && !out.iter().any(|c| c == cat) {
            out.push(cat.to_string());
        }
    }
    out
}

/// Weapon categories as the record reports them: combat aircraft as `air strike`.
fn record_weapons(weapons: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(weapons.len());
    for w in weapons {
        let w = sitrep_lexicon::record_category(w);
        if !out.iter().any(|x| x == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// The remote-violence subtype the weapons named make: a munition first (drones and
/// bombs from the air, then missiles and artillery), then combat aircraft with no munition
/// named ("Su-25 jets conducted strikes"), then explosives.
fn remote_subtype(weapons: &[String]) -> Option<&'static str> {
    let has = |w: &str| weapons.iter().any(|x| x == w);
    if has("drone") || has("air strike") {
        Some("Air/drone strike")
    } else if has("missile") || has("artillery") {
        Some("Shelling/artillery/missile attack")
    } else if has(sitrep_lexicon::AIRCRAFT) {
        Some("Air/drone strike")
    } else if has("explosive") {
        Some("Remote explosive/landmine/IED")
    } else {
        None
    }
}

/// Extract events, returning them with any date-conflict flag evidence.
/// Returns the events, date-conflict evidence, and the sentences that reported events.
pub fn extract(a: &Analysis) -> (Vec<Event>, Vec<String>, Vec<Range<usize>>) {
    let mut event_sents: Vec<Range<usize>> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut conflicts = Vec::new();
    // Discourse state per block: last place and last event date.
    let mut last_place: Option<(usize, &PlaceMention)> = None;
    let mut last_date: Option<(usize, NaiveDate, DatePrecision)> = None;
    let mut order = 0;
    let mut heading_blocks: Vec<usize> = Vec::new();
    // The strike the article reports, once a strike word has been typed (placed or not).
    let mut strike_context: Option<&'static str> = None;
    // Where strikes are named in the text, placed or not: (byte offset, subtype).
    let mut strike_marks: Vec<(usize, &'static str)> = Vec::new();
    // Trigger matches over every kept block, once: (start, end, trigger index).
    let mut all_hits: Vec<(usize, usize, usize)> = Vec::new();
    for b in &a.cleaned.blocks {
        let t = &a.text[b.range.clone()];
        // One pass of the set tells which triggers occur; only those are searched for positions.
        for ti in TRIGGER_SET.matches(t).iter() {
            all_hits.extend(
                TRIGGERS[ti]
                    .re
                    .find_iter(t)
                    .map(|m| (b.range.start + m.start(), b.range.start + m.end(), ti)),
            );
        }
    }
    // A trigger inside a date ("17 March", "May 9") or inside a name is not a trigger.
    all_hits.retain(|&(s, e, _)| !inside_mention(a, s, e));
    // Weapon words, for the sentences with a trigger only.
    let weapon_spans = if all_hits.is_empty() {
        Vec::new()
    } else {
        sitrep_lexicon::Lexicon::global().weapon_spans(a.text)
    };
    // What the article's strikes are made with, from every weapon it names (drones and
    // missiles, not bombs planted by hand): the strike a lede's "attack" that killed
    // people was, before any strike word has been typed.
    let article_weapons_strike = {
        let all = weapons_for(&weapon_spans, &(0..a.text.len()));
        remote_subtype(&all).filter(|s| *s != "Remote explosive/landmine/IED")
    };
    // Names the text marks as places that the gazetteer does not know ("clashed in Wadi
    // al-Rabi"): the place of a trigger that has no resolved place at all.
    let unknown_places = if all_hits.is_empty() {
        Vec::new()
    } else {
        crate::unplaced::unplaced(a)
    };
    for s in &a.sentences {
        let srange = s.range.clone();
        if s.heading {
            if let Some(p) = event_places(a, &srange).first() {
                last_place = Some((s.block, p));
                heading_blocks.push(s.block);
            }
            continue;
        }
        if last_place.as_ref().is_some_and(|(b, _)| {
            *b != s.block && !(*b + 1 == s.block && heading_blocks.contains(b))
        }) {
            // Places carry over within a paragraph, and from a heading into the next paragraph.
            last_place = None;
        }
        if last_date.as_ref().is_some_and(|(b, _, _)| *b != s.block) {
            last_date = None;
        }
        // A question asserts nothing ("What do we know about the reported attack in X?").
        if a.text[srange.clone()]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\''))
            .ends_with('?')
        {
            continue;
        }
        let sent_places = event_places(a, &srange);
        // Fast path: a sentence with no trigger only updates the discourse state and may
        // add counts to the paragraph's last event ("One person was injured in the attack").
        if !all_hits
            .iter()
            .any(|(st, en, _)| *st >= srange.start && *en <= srange.end)
            && event_label(a, &srange).is_none()
        {
            if sent_places.is_empty() && cands.iter().any(|c| c.block == s.block) {
                add_counts_to_last(&mut cands, s.block, counts(&a.text[srange.clone()]));
            }
            // "Another person was killed in the Dnipropetrovsk region": harm at a place, in an
            // article reporting a strike, is that strike reaching the place.
            let impact = impact_events(a, s, &sent_places, &cands, order);
            if !impact.is_empty() {
                order += impact.len();
                event_sents.push(srange.clone());
                cands.extend(impact);
                continue;
            }
            if let Some(p) = sent_places.iter().min_by_key(|p| rank(p.kind)) {
                last_place = Some((s.block, p));
            }
            continue;
        }
        let sdate = sentence_date(a, &srange);
        let cls = clauses(a.text, &srange);
        let stext = &a.text[srange.clone()];
        let sentence_weapons = weapons_for(&weapon_spans, &srange);
        // What a weaponless strike in this sentence was made with: the sentence's weapons,
        // else the paragraph's ("Israeli airstrikes killed ... The military said it struck militants").
        let context_weapons = if sentence_weapons.is_empty() {
            a.cleaned
                .blocks
                .get(s.block)
                .map(|b| weapons_for(&weapon_spans, &b.range))
                .unwrap_or_default()
        } else {
            sentence_weapons.clone()
        };
        let actors: Vec<&(usize, usize, String)> = a.actors_in(&srange).collect();
        let mut sentence_cands: Vec<Cand> = Vec::new();
        let mut prev_clause_places: Vec<&PlaceMention> = Vec::new();
        for (ci, clause) in cls.iter().enumerate() {
            let ctext = &a.text[clause.clone()];
            let clause_weapons = weapons_for(&weapon_spans, clause);
            let hits = clause_hits(
                a,
                &all_hits,
                &srange,
                clause,
                &clause_weapons,
                &sentence_weapons,
                &context_weapons,
                strike_context.or(article_strike(&cands)),
                article_weapons_strike,
                &actors,
            );
            if let Some(h) = hits.iter().find(|h| h.event_type == "Explosions/Remote violence") {
                strike_context = Some(h.subtype);
                strike_marks.push((h.start, h.subtype));
            }
            let cplaces = event_places(a, clause);
            if hits.is_empty() {
                if !cplaces.is_empty() {
                    prev_clause_places = cplaces;
                }
                continue;
            }
            // Assign each place to the nearest trigger: before it within 14 words, else after within 8;
            // a place continuing a list ("Odesa, Kherson, and Sumy") goes with the previous place.
            let mut per_hit: Vec<Vec<&PlaceMention>> = vec![Vec::new(); hits.len()];
            let mut prev: Option<(usize, usize)> = None; // (hit index, end of previous place)
            for p in &cplaces {
                let continues = prev.is_some_and(|(_, pend)| {
                    LIST_GAP.is_match(&a.text[pend.min(p.start)..p.start])
                });
                let hit = if continues {
                    prev.map(|(h, _)| h)
                } else {
                    let before = hits.iter().enumerate().rfind(|(_, h)| {
                        h.start <= p.start && words_between(a.text, h.end, p.start) <= 14
                    });
                    let after = hits.iter().enumerate().find(|(_, h)| {
                        h.start > p.start && words_between(a.text, p.end, h.start) <= 8
                    });
                    before.or(after).map(|(i, _)| i)
                };
                if let Some(h) = hit {
                    per_hit[h].push(p);
                    prev = Some((h, p.end));
                } else {
                    prev = None;
                }
            }
            // Coordinated verbs share the place named after the last of them ("clashed with
            // Ukrainian forces, launched air strikes and shelled near Novodonetske").
            for hi in (0..hits.len()).rev() {
                if per_hit[hi].is_empty() {
                    if let Some(j) = (hi + 1..hits.len()).find(|&j| {
                        !per_hit[j].is_empty()
                            && words_between(a.text, hits[hi].end, hits[j].start) <= 6
                    }) {
                        per_hit[hi] = per_hit[j].clone();
                    }
                }
            }
            for (hi, h) in hits.iter().enumerate() {
                let mut places = std::mem::take(&mut per_hit[hi]);
                if h.subtype == "Agreement" {
                    // Where the parties agreed, not where the prisoners or bodies came from.
                    places.retain(|p| !FROM_BEFORE.is_match(&a.text[clause.start..p.start]));
                }
                // "drones launched from occupied Crimea", "shelling from the direction of
                // Belgorod": where the weapons came from, not where they struck.
                let strike_like =
                    h.event_type == "Explosions/Remote violence" || h.subtype == "Disrupted weapons use";
                let origin = |p: &PlaceMention| {
                    strike_like
                        && p.start > srange.start
                        && p.start <= srange.end
                        && LAUNCH_ORIGIN.is_match(
                            &a.text[ceil_boundary(a.text, p.start.saturating_sub(80)).max(srange.start)..p.start],
                        )
                };
                places.retain(|p| !origin(p));
                if places.is_empty() {
                    // "In Lyon, hundreds of farmers, angry at the new rules, rallied": a place
                    // fronted at the head of the sentence frames all of it.
                    if let Some(p) = fronted_place(a, &srange, h.start, &unknown_places) {
                        places.push(p);
                    }
                }
                if places.is_empty() && ci > 0 {
                    // A later clause of the sentence ("…, but were repelled"; "…Kherson, which
                    // Ukrainian troops liberated") refers to the last place before it.
                    if let Some(p) = prev_clause_places.last() {
                        places.push(p);
                    }
                }
                if places.is_empty() {
                    // A place the gazetteer does not know, named next to the trigger in
                    // this clause, is more specific than one carried from an earlier sentence.
                    if let Some(p) = unknown_places
                        .iter()
                        .filter(|p| p.start >= clause.start && p.end <= clause.end)
                        .filter(|p| {
                            if p.start >= h.end {
                                words_between(a.text, h.end, p.start) <= 14
                            } else {
                                words_between(a.text, p.end, h.start) <= 8
                            }
                        })
                        .min_by_key(|p| p.start.abs_diff(h.start))
                    {
                        places.push(p);
                    }
                }
                if places.is_empty() {
                    // "kidnapped two civilians who were collaborating with the army in Abu
                    // Tawilah": the first place of the following clauses of the sentence, when
                    // no trigger of their own claims it and it is near enough.
                    for later in &cls[ci + 1..] {
                        if all_hits
                            .iter()
                            .any(|(st, en, _)| *st >= later.start && *en <= later.end)
                        {
                            break;
                        }
                        // Below country level: a country in a later clause is too often
                        // an origin or a name ("drawn from U.S. stocks", "the UN agency for
                        // Palestine refugees").
                        let first = event_places(a, later)
                            .into_iter()
                            .filter(|p| p.kind != PlaceKind::Country)
                            .chain(
                                unknown_places
                                    .iter()
                                    .filter(|p| p.start >= later.start && p.end <= later.end),
                            )
                            .min_by_key(|p| p.start);
                        if let Some(p) = first {
                            if words_between(a.text, h.end, p.start) <= 20 {
                                places.push(p);
                            }
                            break;
                        }
                    }
                }
                if places.is_empty() {
                    // "armed men hurled a grenade at the house of a local leader, injuring
                    // three, in Badaber area in Peshawar city": the one place the sentence
                    // names (below country level) is nearer than the paragraph's last place.
                    let strict = event_places_strict(a, &srange, true);
                    // "near the town of Deir Hafer, east of Aleppo": a place named as a
                    // bearing's reference point only says where the other one lies.
                    let strict: Vec<&PlaceMention> = if strict.len() > 1 {
                        strict
                            .into_iter()
                            .filter(|p| {
                                !BEARING_OF.is_match(
                                    text_before(a.text, p.start, 40),
                                )
                            })
                            .collect()
                    } else {
                        strict
                    };
                    let mut below = strict.iter().filter(|p| {
                        // Not a place another clause's own trigger claims ("…shot down 38
                        // drones, while a missile hit Odesa").
                        let claimed = cls.iter().enumerate().any(|(cj, c)| {
                            cj != ci
                                && c.start <= p.start
                                && p.end <= c.end
                                && all_hits.iter().any(|(st, en, _)| *st >= c.start && *en <= c.end)
                        });
                        !claimed
                            && p.kind != PlaceKind::Country
                            && (LOCATIVE_PREP.is_match(
                                text_before(a.text, p.start, 40),
                            ))
                    });
                    if let (Some(p), None) = (below.next(), below.next()) {
                        places.push(p);
                    }
                }
                // The fallbacks above may reach an origin named in another clause.
                places.retain(|p| !origin(p));
                if places.is_empty() {
                    match &last_place {
                        Some((_, p)) => places.push(p),
                        None => {
                            // "Ukraine's air force said it shot down 45 drones": over that country;
                            // "Ukraine has returned the bodies of 212 soldiers": an agreement of that country.
                            let own = matches!(h.subtype, "Disrupted weapons use" | "Agreement")
                                .then(|| {
                                    let countries = || {
                                        a.places_in(&srange).filter(|p| {
                                            p.kind == PlaceKind::Country
                                                && !country_as_modifier(a, p)
                                                && !agent_country(a, p)
                                        })
                                    };
                                    // "Iran fired missiles at Israel … intercepted by Israel's
                                    // air defences": the defender's, or the target's, country.
                                    countries()
                                        .find(|p| {
                                            h.subtype == "Disrupted weapons use"
                                                && (DEFENDER_AFTER.is_match(&a.text[p.end..floor_boundary(a.text, p.end + 30)])
                                                    || TARGET_BEFORE.is_match(text_before(a.text, p.start, 12)))
                                        })
                                        .or_else(|| countries().next())
                                })
                                .flatten()
                                .or_else(|| anaphoric_settlement(a, srange.start, srange.end))
                                .or_else(|| title_place(a, s.block, srange.start, srange.end));
                            match own {
                                Some(p) => places.push(p),
                                None => {
                                    if *DEBUG {
                                        eprintln!("  dropped {:?}: no place", &a.text[h.start..h.end]);
                                    }
                                    continue;
                                }
                            }
                        }
                    }
                }
                // Fighting and territory change are located below country level.
                if h.event_type == "Battles" {
                    places.retain(|p| p.kind != PlaceKind::Country);
                    if places.is_empty() {
                        if *DEBUG {
                            eprintln!("  dropped {:?}: battle at country level", &a.text[h.start..h.end]);
                        }
                        continue;
                    }
                }
                // Date.
                // The clause's own date ("…, which Ukrainian troops liberated last month"), else the sentence's.
                let (date, prec, soft) = match sentence_date(a, clause).or(sdate) {
                    Some(d) => {
                        let (day, p, conflict) = mention_date(a, d);
                        if let Some(c) = conflict {
                            if !conflicts.contains(&c) {
                                conflicts.push(c);
                            }
                        }
                        (day, p, false)
                    }
                    None => match &last_date {
                        Some((_, d, p)) => (Some(*d), *p, true),
                        // Undated articles: the last day the paragraph named before the
                        // sentence (that day), else the reference the text supports
                        // (`year_known: false`).
                        None => {
                            let para = a.cleaned.blocks.get(s.block).map(|b| b.range.start);
                            let earlier = a
                                .published
                                .is_none()
                                .then(|| {
                                    a.dates
                                        .iter()
                                        .filter(|d| {
                                            d.kind == sitrep_dates::MentionKind::Point
                                                && d.precision == DatePrecision::Day
                                                && d.end <= srange.start
                                                && para.is_some_and(|p| d.start >= p)
                                        })
                                        .filter_map(|d| d.date)
                                        .next_back()
                                })
                                .flatten();
                            match earlier {
                                Some(d) => (Some(d), DatePrecision::Day, true),
                                None => (a.published.or(a.reference), DatePrecision::Week, true),
                            }
                        }
                    },
                };
                // Counts of the clause, or of the result clause right after it (", killing three people").
                let cnt = if places.len() > 1 {
                    Counts::default()
                } else {
                    let c = counts(ctext);
                    match cls.get(ci + 1) {
                        Some(next)
                            if c == Counts::default() && RESULT.is_match(&a.text[next.clone()]) =>
                        {
                            counts(&a.text[next.clone()])
                        }
                        _ => c,
                    }
                };
                let claimed_by = claimant(a, clause);
                let certainty = if cue("alleged").is_match(ctext)
                    || (cls.len() > 1
                        && ci > 0
                        && cue("alleged").is_match(&a.text[srange.start..clause.start])
                        && !ctext.contains(" and "))
                {
                    Certainty::Alleged
                } else if claimed_by.is_some() {
                    Certainty::Claimed
                } else {
                    Certainty::Reported
                };
                let weapons = if clause_weapons.is_empty() {
                    sentence_weapons.clone()
                } else {
                    clause_weapons.clone()
                };
                // A protest met with force, or turned violent, is coded as such: what happened
                // is read from the sentence to the end of its paragraph ("Police intervened").
                let story = &a.text[srange.start..paragraph_end(a, s.block, srange.end)];
                let (h_type, h_sub) = protest_subtype(h.event_type, h.subtype, story, &cnt);
                // "set fire to a house with a family inside, killing four": destruction
                // that killed people is an attack on them.
                let (h_type, h_sub) = if h_sub == "Looting/property destruction"
                    && cnt.fatalities.is_some_and(|n| n > 0)
                {
                    ("Violence against civilians", "Attack")
                } else {
                    (h_type, h_sub)
                };
                let h = &Hit {
                    event_type: h_type,
                    subtype: h_sub,
                    ..*h
                };
                // "took control over Yasooman village (Bulo Burto, Hiraan)", "captured the town
                // of Minova in South Kivu province": a place the gazetteer does not know,
                // followed by its containers, is the place, at the first container's position
                // (region precision); the containers only say where it lies.
                let mut relocated: Option<(usize, Location)> = None;
                let contains = |u: &PlaceMention, p: &PlaceMention| {
                    let gap = a.text.get(u.end..p.start).unwrap_or("");
                    p.start > u.end
                        && BRACKETED_CONTAINER.is_match(gap)
                        // "Ftireh, Aleppo and Homs" lists towns: after a bare comma only a
                        // region contains the name before it; and "Zolozolo Township in
                        // Mzuzu" is a part of the city, coded as the city.
                        && (p.location.precision != PlacePrecision::City
                            || !(gap.trim_start().starts_with(',')
                                || CITY_PART.is_match(&a.text[u.start..p.start])))
                };
                if let Some(u) = unknown_places.iter().find(|u| {
                    (u.start >= clause.start && u.end <= clause.end
                        || places.iter().any(|p| p.start == u.start))
                        && places.iter().all(|p| p.start == u.start || contains(u, p))
                }) {
                    // The first container: among the event's places, else written right after
                    // the name ("…, in the Hayatabad area of Peshawar" reached by a fallback).
                    let first = places.iter().copied().find(|p| p.start != u.start).or_else(|| {
                        a.places
                            .iter()
                            .find(|p| p.start > u.end && p.start <= u.end + 60 && contains(u, p))
                    });
                    if let Some(c) = first.filter(|c| c.location.lat.is_some()) {
                        let mut l = u.location.clone();
                        l.lat = c.location.lat;
                        l.lon = c.location.lon;
                        l.country = c.location.country.clone();
                        l.admin1 = c.location.admin1.clone().or_else(|| Some(c.location.name.clone()));
                        l.precision = PlacePrecision::Region;
                        relocated = Some((u.start, l));
                    }
                    places = vec![u];
                }
                // "No clashes were reported", "peacefully", "after the militants withdrew":
                // ground that changed hands without fighting (ACLED's non-violent transfer).
                let peaceful = h.subtype == "@territory" && NO_FIGHT.is_match(story);
                for p in &places {
                    let country = match &relocated {
                        Some((st, l)) if *st == p.start => l.country.clone(),
                        _ => p.location.country.clone(),
                    }
                    .unwrap_or_default();
                    let (h_type, h_sub) = if h.subtype == "@territory" && peaceful {
                        ("Strategic developments", "Non-violent transfer of territory")
                    } else if h.subtype == "@territory" {
                        let mut taker = agent(a, &srange, h.start, &actors);
                        // "the village was liberated from Russian forces": the side after
                        // "from" lost the ground; the place's own state took it back.
                        let loser = actors.iter().find(|(st, _, _)| {
                            *st > h.end
                                && words_between(a.text, h.end, *st) <= 4
                                && text_before(a.text, *st, 12)
                                    .trim_end()
                                    .to_ascii_lowercase()
                                    .ends_with("from")
                        });
                        if let Some((_, _, l)) = loser {
                            if taker.as_deref() == Some(l.as_str()) {
                                taker = dyad(&country)
                                    .and_then(|(att, def)| (l == att).then(|| def.to_string()));
                            }
                        }
                        let verb = &a.text[h.start..h.end];
                        // "Units of the Yug group liberated Hirnyk, the Russian Defence
                        // Ministry said": with no side named, a state's own body reporting
                        // the gain speaks for the forces that made it.
                        let taker = taker.or_else(|| {
                            let lex = sitrep_lexicon::Lexicon::global();
                            actors
                                .iter()
                                .filter(|(st, _, x)| *st > h.end && lex.state_iso(x).is_some())
                                .find(|(_, en, _)| {
                                    CLAIM_AFTER.is_match(&a.text[*en..floor_boundary(a.text, (*en + 60).min(srange.end))])
                                })
                                .map(|(_, _, x)| x.clone())
                        });
                        let taker = taker.or_else(|| {
                            // "The security forces took control of the village": a government's
                            // own forces, unnamed, retaking ground in their country.
                            GOVERNMENT_FORCES
                                .is_match(&a.text[srange.start..h.start])
                                .then(|| country_name(&country))
                                .flatten()
                        });
                        ("Battles", territory_subtype(taker.as_deref(), &country, verb))
                    } else {
                        (h.event_type, h.subtype)
                    };
                    let h = &Hit {
                        event_type: h_type,
                        subtype: h_sub,
                        ..*h
                    };
                    let (a1, mut a2) = event_actors(
                        a,
                        &srange,
                        h.start,
                        h.event_type,
                        h.subtype,
                        &country,
                        &actors,
                    );
                    // "Iran fired 180 missiles at Israel … Several missiles struck the Nevatim
                    // air base": a strike whose sentence names no side is by whoever struck
                    // the same country earlier in the article, before any default dyad.
                    let a1 = if h.event_type == "Explosions/Remote violence"
                        && agent(a, &srange, h.start, &actors).is_none()
                    {
                        cands
                            .iter()
                            .chain(sentence_cands.iter())
                            .rev()
                            .find(|c| {
                                c.ev.event_type == "Explosions/Remote violence"
                                    && c.ev.actor1.is_some()
                                    && c.ev.location.as_ref().and_then(|l| l.country.as_deref())
                                        == Some(country.as_str())
                            })
                            .and_then(|c| c.ev.actor1.clone())
                            // not the side the place's own dyad says was hit
                            .filter(|x| a2.as_ref() != Some(x))
                            .or(a1)
                    } else {
                        a1
                    };
                    if h.event_type == "Battles" && h.subtype.contains("territory") {
                        // "retook the town of Singa, capital of Sennar state, from the
                        // paramilitary Rapid Support Forces": the side it was taken from.
                        static FROM_SIDE: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r"(?i)\bfrom\s+(the\s+)?(\w+\s+)?$").unwrap()
                        });
                        if let Some((_, _, l)) = actors.iter().find(|(st, _, x)| {
                            *st > h.end
                                && *st <= clause.end.max(h.end)
                                && words_between(a.text, h.end, *st) <= 14
                                && FROM_SIDE.is_match(text_before(a.text, *st, 24))
                                && Some(x.as_str()) != a1.as_deref()
                        }) {
                            a2 = Some(l.clone());
                        }
                    }
                    let ev = Event {
                        event_type: h.event_type.to_string(),
                        subtype: h.subtype.to_string(),
                        date: date.map(|d| d.format("%Y-%m-%d").to_string()),
                        date_precision: date.map(|_| prec),
                        year_known: None,
                        location: Some(match &relocated {
                            Some((st, l)) if *st == p.start => l.clone(),
                            _ => p.location.clone(),
                        }),
                        actor1: a1,
                        actor2: a2,
                        weapons: if h.event_type == "Explosions/Remote violence"
                            || h.subtype == "Disrupted weapons use"
                        {
                            record_weapons(&weapons)
                        } else {
                            Vec::new()
                        },
                        fatalities: cnt.fatalities,
                        injured: cnt.injured,
                        intercepted: cnt.intercepted,
                        certainty,
                        claimed_by: if certainty == Certainty::Claimed {
                            claimed_by.clone()
                        } else {
                            None
                        },
                        evidence: stext.to_string(),
                        evidence_start: srange.start,
                        evidence_end: srange.end,
                        cluster_id: None,
                    };
                    sentence_cands.push(Cand {
                        ev,
                        soft_date: soft,
                        strong: h.strong,
                        block: s.block,
                        order,
                    });
                    order += 1;
                }
                prev_clause_places = places;
            }
        }
        // "Police fired live rounds at protesters who stormed parliament in Nairobi, killing
        // five": the deaths are the demonstration's (its subtype says who used force), not an
        // attack of their own, unless armed men attacked the crowd.
        if !NONSTATE_ATTACKER.is_match(stext) {
            let protest_places: Vec<String> = sentence_cands
                .iter()
                .filter(|c| matches!(c.ev.event_type.as_str(), "Protests" | "Riots"))
                .filter_map(|c| c.ev.location.as_ref().map(|l| l.name.clone()))
                .collect();
            sentence_cands.retain(|c| {
                c.ev.subtype != "Attack"
                    || !c.ev.location.as_ref().is_some_and(|l| protest_places.contains(&l.name))
            });
        }
        // Its triggers made no event ("the attack sparked fires", "a building was hit"): the
        // sentence may still state harm at its places in an article reporting a strike.
        if sentence_cands.is_empty() {
            let impact = impact_events(a, s, &sent_places, &cands, order);
            order += impact.len();
            sentence_cands = impact;
        }
        // A sentence that reports one event: counts anywhere in it belong to that event.
        if sentence_cands.len() == 1 {
            let c = &mut sentence_cands[0].ev;
            if c.fatalities.is_none() && c.injured.is_none() && c.intercepted.is_none() {
                let cnt = counts(stext);
                c.fatalities = cnt.fatalities;
                c.injured = cnt.injured;
                c.intercepted = cnt.intercepted;
            }
        }
        // A sentence with counts and no event of its own ("One person was injured in the attack")
        // adds them to the paragraph's last event.
        if sentence_cands.is_empty() && sent_places.is_empty() {
            add_counts_to_last(&mut cands, s.block, counts(&a.text[srange.clone()]));
        }
        for c in &sentence_cands {
            if !c.soft_date {
                if let Some(d) =
                    c.ev.date
                        .as_deref()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                {
                    last_date = Some((
                        s.block,
                        d,
                        c.ev.date_precision.unwrap_or(DatePrecision::Day),
                    ));
                }
            }
        }
        if let Some(c) = sentence_cands.last() {
            if let Some(loc) = &c.ev.location {
                // a resolved place, or one the gazetteer does not know ("in Bacaadley
                // village ... The forces took control of the village")
                if let Some(p) = a
                    .places
                    .iter()
                    .chain(unknown_places.iter())
                    .find(|p| p.location.name == loc.name)
                {
                    last_place = Some((s.block, p));
                }
            }
        } else if let Some(p) = sent_places.iter().min_by_key(|p| rank(p.kind)) {
            last_place = Some((s.block, p));
        }
        if !sentence_cands.is_empty() {
            event_sents.push(srange.clone());
        }
        cands.extend(sentence_cands);
    }
    explosions_as_strikes(&mut cands, &strike_marks);
    // "Turkey brokered a deal in 2022 …" in a 2024 report: an event dated only by an
    // earlier year is background the report recalls, not news it reports.
    if let Some(r) = a.reference {
        cands.retain(|c| {
            !(c.ev.date_precision == Some(DatePrecision::Year)
                && parse(&c.ev.date).is_some_and(|d| d.year() < r.year()))
        });
    }
    (merge(cands), conflicts, event_sents)
}

/// Harm or damage stated in a sentence without an event trigger.
static IMPACT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(killed|killing|dead|died|injur\w*|wound\w*|hurt|damag\w*|destroy\w*|hit|struck|targeted|targets (were|included)|fires? (broke out|started|erupted)|caught fire|on fire|blazes?|explosions?|blasts?|debris|wreckage|rubble|casualt\w*|victims)\b").unwrap()
});

/// Events at the places of a sentence that states harm or damage but names no event
/// ("Another person was killed in the central Dnipropetrovsk region"), when the article
/// already reports a strike: the strike reached those places. They take the strike's type,
/// the sentence's date (else the strike's), and the sentence's counts when it names one place.
fn impact_events(
    a: &Analysis,
    s: &crate::text::Sentence,
    places: &[&PlaceMention],
    cands: &[Cand],
    order: usize,
) -> Vec<Cand> {
    let srange = s.range.clone();
    let stext = &a.text[srange.clone()];
    // The cheap tests first: most sentences follow no strike at all.
    let Some(base) = cands.iter().rev().find(|c| {
        c.ev.event_type == "Explosions/Remote violence" || c.ev.subtype == "Disrupted weapons use"
    }) else {
        return Vec::new();
    };
    if places.is_empty() || a.in_quote(srange.start + 1) || !IMPACT_SENTENCE.is_match(stext) {
        return Vec::new();
    }
    // "Separately, troops shot dead a man in Jenin": another incident, not the strike's reach.
    static GROUND_KILLING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(troops|soldiers|police|policem[ae]n|officers|gendarmes|snipers?|gunmen|militants|fighters|rebels)\s+(\S+\s+){0,2}(killed|shot|stabbed|beat|arrested|detained|abducted|kidnapped)\b").unwrap()
    });
    if SEPARATE_INCIDENT.is_match(stext) || GROUND_KILLING.is_match(stext) {
        return Vec::new();
    }
    // Not a hypothetical or a warning ("no one was hurt" still states that the strike hit).
    // Nor a habit ("Ukraine has often targeted oil facilities"): no one event.
    static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(could|would|may|might|will|if|unless|whether|threat\w*|warn\w*|plan\w*|fears?|risk|often|frequently|regularly|repeatedly|routinely|usually|typically|(has|have) long)\b").unwrap()
    });
    if HYPOTHETICAL.is_match(stext) {
        return Vec::new();
    }
    let (date, prec, soft) = match sentence_date(a, &srange) {
        Some(d) => {
            let (day, p, _) = mention_date(a, d);
            (day, p, false)
        }
        None => (parse(&base.ev.date), base.ev.date_precision.unwrap_or(DatePrecision::Day), true),
    };
    let cnt = if places.len() == 1 { counts(stext) } else { Counts::default() };
    let mut out = Vec::new();
    for (i, p) in places.iter().enumerate() {
        // "launched by Moscow": the agent of a passive is a state acting, not a place hit.
        if p.kind == PlaceKind::Country
            || a.text[srange.start..p.start]
                .trim_end()
                .as_bytes()
                .rsplit(|b| *b == b' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(b"by"))
        {
            continue;
        }
        let country = p.location.country.clone().unwrap_or_default();
        let (mut a1, a2) = event_actors(
            a,
            &srange,
            srange.start,
            &base.ev.event_type,
            &base.ev.subtype,
            &country,
            &[],
        );
        if a1.is_none() {
            a1 = base.ev.actor1.clone();
        }
        let mut ev = base.ev.clone();
        if ev.subtype == "Disrupted weapons use" {
            // "Debris fell on a house, injuring four": the interception still hit the place.
            ev.event_type = "Explosions/Remote violence".into();
            ev.subtype = remote_subtype(&base.ev.weapons)
                .unwrap_or("Air/drone strike")
                .into();
            ev.intercepted = None;
        }
        ev.date = date.map(|d| d.format("%Y-%m-%d").to_string());
        ev.date_precision = date.map(|_| prec);
        ev.location = Some(p.location.clone());
        ev.actor1 = a1;
        ev.actor2 = a2;
        ev.fatalities = cnt.fatalities;
        ev.injured = cnt.injured;
        ev.intercepted = cnt.intercepted;
        ev.certainty = Certainty::Reported;
        ev.claimed_by = None;
        ev.evidence = stext.to_string();
        ev.evidence_start = srange.start;
        ev.evidence_end = srange.end;
        out.push(Cand {
            ev,
            soft_date: soft,
            strong: false,
            block: s.block,
            order: order + i,
        });
    }
    out
}

/// In an article that reports a strike, explosions and fires at a place with no other
/// cause given ("Explosions were heard in the capital", "a facility was hit and caught
/// fire") are that strike: they take the type of the nearest strike reported before them
/// (else after). Articles with no strike keep them as `Other` (ACLED's rule for blasts
/// and fires of unknown cause).
fn explosions_as_strikes(cands: &mut [Cand], strike_marks: &[(usize, &'static str)]) {
    if strike_marks.is_empty() {
        return;
    }
    let actor = cands
        .iter()
        .find(|c| c.ev.event_type == "Explosions/Remote violence")
        .and_then(|c| c.ev.actor1.clone());
    for c in cands.iter_mut() {
        if c.ev.event_type != "Strategic developments"
            || c.ev.subtype != "Other"
            || c.ev.certainty == Certainty::Alleged
            || !EXPLOSION_OR_FIRE.is_match(&c.ev.evidence)
        {
            continue;
        }
        let at = c.ev.evidence_start;
        let strike = strike_marks
            .iter()
            .rfind(|s| s.0 < at)
            .or_else(|| strike_marks.iter().find(|s| s.0 > at));
        if let Some((_, sub)) = strike {
            c.ev.event_type = "Explosions/Remote violence".into();
            c.ev.subtype = (*sub).into();
            if c.ev.actor1.is_none() {
                c.ev.actor1 = actor.clone();
            }
        }
    }
}

/// The ontology's own string for a subtype (so a `&'static str` can be kept).
fn ontology_subtype(st: &str) -> &'static str {
    ontology::TYPES
        .iter()
        .flat_map(|(_, subs)| subs.iter())
        .copied()
        .find(|s| *s == st)
        .unwrap_or("Shelling/artillery/missile attack")
}

static EXPLOSION_OR_FIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(explosions?|blasts?|detonations?|fires?|blazes?|ablaze|caught fire|burn(ed|t|ing))\b").unwrap()
});

/// The subtype of the strike the article has reported so far (the latest), if any.
fn article_strike(cands: &[Cand]) -> Option<&'static str> {
    cands
        .iter()
        .rev()
        .find(|c| c.ev.event_type == "Explosions/Remote violence")
        .map(|c| ontology_subtype(&c.ev.subtype))
}

/// A trigger hit in a clause, typed.
struct Hit {
    start: usize,
    end: usize,
    event_type: &'static str,
    subtype: &'static str,
    strong: bool,
}

/// Context rules per subtype from `data/event_context.tsv`: what the
/// sentence must contain, and what may not stand right before or after the trigger.
struct ContextRule {
    subtype: &'static str,
    kind: ContextKind,
    re: regex::Regex,
}

#[derive(Clone, Copy, PartialEq)]
enum ContextKind {
    Requires,
    /// The paragraph of the trigger must match ("Police arrested dozens in Nakuru" in a
    /// paragraph about demonstrations).
    RequiresParagraph,
    NotBefore,
    NotAfter,
}

static CONTEXT_RULES: LazyLock<Vec<ContextRule>> = LazyLock::new(|| {
    crate::cues::tsv_rows(
        include_str!("../data/event_context.tsv"),
        3,
        "event_context.tsv",
    )
    .map(|f| {
        assert!(
            ontology::type_of(f[0]).is_some() || CLASSES.contains(&f[0]),
            "event_context.tsv: unknown subtype {}",
            f[0]
        );
        let kind = match f[1] {
            "requires" => ContextKind::Requires,
            "requires_paragraph" => ContextKind::RequiresParagraph,
            "not_before" => ContextKind::NotBefore,
            "not_after" => ContextKind::NotAfter,
            k => panic!("event_context.tsv: unknown rule {k}"),
        };
        ContextRule {
            subtype: f[0],
            kind,
            re: crate::cues::ascii_regex(&format!("(?i){}", f[2])),
        }
    })
    .collect()
});

/// Whether the trigger at `start..end` of subtype `st` passes the context rules.
fn context_ok(a: &Analysis, sentence: &Range<usize>, start: usize, end: usize, st: &str) -> bool {
    CONTEXT_RULES
        .iter()
        .filter(|r| r.subtype == st)
        .all(|r| match r.kind {
            ContextKind::Requires => r.re.is_match(&a.text[sentence.clone()]),
            ContextKind::RequiresParagraph => {
                let para = a
                    .cleaned
                    .blocks
                    .get(sentence_block(a, sentence))
                    .filter(|b| b.range.start <= sentence.start && sentence.end <= b.range.end)
                    .map_or(sentence.clone(), |b| b.range.clone());
                r.re.is_match(&a.text[para])
            }
            ContextKind::NotBefore => !r
                .re
                .is_match(&a.text[ceil_boundary(a.text, start.saturating_sub(40))..start]),
            ContextKind::NotAfter => !r
                .re
                .is_match(&a.text[end..floor_boundary(a.text, end + 100)]),
        })
}

/// A strike named by its verb alone counts only as a finite past-tense verb with the place
/// it hit after it ("Russian forces struck Kharkiv"), or a place before it in the passive
/// ("Kharkiv was hit"): not a noun or a gerund ("its second attack", "attacking
/// infrastructure across the country").
fn weaponless_strike(a: &Analysis, clause: &Range<usize>, start: usize, end: usize) -> bool {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(attacked|struck|hit|targeted|pounded|raided|fired|opened fire|shelled)\b").unwrap()
    });
    if !VERB.is_match(&a.text[start..end]) {
        return false;
    }
    let passive = PASSIVE_BEFORE.is_match(&a.text[clause.start..start]);
    if passive {
        a.places_in(&(clause.start..start)).next().is_some()
    } else {
        a.places_in(&(end..clause.end)).next().is_some()
    }
}

/// Strike nouns that name a remote attack when a state's forces make them on a place.
static STRIKE_NOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(strikes?|attacks?|bombardments?|barrages?)$").unwrap());
/// A state's name, demonym or forces right before a strike noun ("a Russian strike",
/// "Israel's attack", "an army strike").
static STATE_RIGHT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[A-Z][a-z]+(?:n|i|ese|ish)|French|Dutch|[A-Z][a-z]+['’]s|[Aa]rmy|[Mm]ilitary|[Ee]nemy)\s+(?:(?:overnight|night|latest|new|fresh|deadly|massive|large-scale|combined|retaliatory)\s+){0,2}$").unwrap()
});

/// A place below country level in the clause after `end`, aimed at by a target
/// preposition right before it ("… strike on Kharkiv"), within `reach` bytes of `end`
/// when given.
fn targeted_place_after(
    a: &Analysis,
    clause: &Range<usize>,
    end: usize,
    reach: Option<usize>,
) -> bool {
    a.places_in(&(end..clause.end)).any(|p| {
        rank(p.kind) < 2
            && reach.is_none_or(|r| p.start <= end + r)
            && TARGET_PREP.is_match(
                &a.text[ceil_boundary(a.text, p.start.saturating_sub(60).max(end))..p.start],
            )
    })
}

/// Air defence words: what downs aircraft and missiles from the ground.
static AIR_DEFENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(air[- ]defen[cs]es?|surface-to-air|anti-aircraft|sams?|manpads|patriot|s-300|s-400|buk|stinger|igla)\b").unwrap()
});
/// Attack verbs of a ground assault (a strike verb is "struck", "hit", "shelled").
static GROUND_ATTACK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(attacked|raided|stormed|assaulted)\b").unwrap());
/// What strikes hit, named right after an attack verb: infrastructure, buildings, cities.
static STRIKE_TARGET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(\S+\s+){0,3}?(infrastructure|facilit(y|ies)|substations?|power (plants?|stations?|lines?)|grids?|ports?|airports?|airfields?|depots?|refiner(y|ies)|plants?|factor(y|ies)|warehouses?|buildings?|houses?|homes?|apartment|residential|cit(y|ies)|hospitals?|schools?|bridges?|railways?|stations?|terminals?)\b").unwrap()
});
/// Armed people as the ones harmed.
static ARMED_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(soldiers?|troops|servicem[ae]n|police(m[ae]n|wom[ae]n)?|(police |security |army |military )?officers?|guards?|gendarmes?|militants?|fighters|rebels|militiam[ae]n|combatants|security (forces|personnel)|military personnel|army|border guards?)\b").unwrap()
});

/// The people an attack at `start..end` harmed are armed ("a soldier was killed by
/// militants", "gunmen killed two policemen") and no civilian is named among them.
fn armed_victims(a: &Analysis, clause: &Range<usize>, start: usize, end: usize) -> bool {
    // "… while he was held at a police station": a subordinate clause says nothing about
    // who was harmed.
    static SUBORDINATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(while|when|as|after|before|because|since|in connection with|who|whom|whose|they|accused of|suspected of|for)\b").unwrap()
    });
    let passive = PASSIVE_BEFORE.is_match(&a.text[clause.start..start])
        || a.text[start..end].contains(" by ");
    let victims = if passive {
        &a.text[clause.start..start]
    } else {
        let rest = &a.text[start..clause.end];
        let rest = &rest[..SUBORDINATE.find(rest).map_or(rest.len(), |m| m.start())];
        // "a teacher was murdered by suspected militants": the agent after "by" is no victim.
        &rest[..rest.find(" by ").unwrap_or(rest.len())]
    };
    ARMED_PEOPLE.is_match(victims) && !CIVILIAN_TARGET.is_match(victims)
}

/// A settlement noun as the subject of a passive ("the village was liberated", "the town
/// has been captured"): ground, named in an earlier sentence, not people.
static PLACE_NOUN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(the|this|that|a|another)\s+(\S+\s+)?(village|town|city|settlement|hamlet|locality|district|area|airport|base|port|hill|height|bridgehead|stronghold|position)s?\s+(\S+\s+){0,2}$").unwrap()
});
/// A locative preposition right before a place ("in", "near", "the village of"): the place
/// is where something happened, not whom a sum went to ("$60 billion for Kiev"); or an
/// opening bracket after a name ("Maluana (Manhica, Maputo)": the container of a place).
static LOCATIVE_PREP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\w\s*\(|\b(in|at|near|on|outside|around|inside|into|across|over|of|between|along|to|towards?|within|throughout|off)\s+(the\s+)?((city|town|village|settlement|district|region|province|area|outskirts|suburbs?|cent(re|er)) of\s+(the\s+)?)?)$").unwrap()
});
/// A bearing or distance before a place ("east of Aleppo", "30 km north of Kharkiv"): the
/// place is a reference point.
static BEARING_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(((north|south)(-?(east|west))?|east|west)\s+of|(\d+|a few)\s+(km|kilometres|kilometers|miles)\s+(from|of|(north|south|east|west)\S*\s+of))\s+(the\s+)?(city\s+of\s+)?$").unwrap()
});
/// "its forces had 'liberated' the town", "fragments fell in a district of the city", with no
/// town named before in the paragraph: the settlement the article names most (at least
/// twice, no tie), when its sentence speaks of "the town/city/village" (a lede
/// whose headline, naming the place, was not kept; a paragraph going on about it).
fn anaphoric_settlement<'a>(a: &'a Analysis, start: usize, end: usize) -> Option<&'a PlaceMention> {
    static THE_TOWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\b(the|this|that)\s+(\w+\s+)?(town|city|village|settlement)\b"#).unwrap()
    });
    if !THE_TOWN.is_match(&a.text[start..end])
        && !a.places_in(&(start..end)).any(|p| city_district(a, p))
    {
        return None;
    }
    most_named_settlement(a)
}

/// The one place below country level the title names ("Russian drone attack on Odesa
/// injures eight"), for a sentence of the lede or one that refers to "the city", when the
/// body names no place for it: the story's place.
fn title_place<'a>(a: &'a Analysis, block: usize, start: usize, end: usize) -> Option<&'a PlaceMention> {
    static THE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\b(the|this|that)\s+(\w+\s+)?(town|city|village|settlement|region|province|capital)\b"#).unwrap()
    });
    let mut below = a.title_places.iter().filter(|p| {
        !matches!(p.kind, PlaceKind::Country | PlaceKind::Continent)
    });
    let (Some(p), None) = (below.next(), below.next()) else {
        return None;
    };
    (block == 0 || THE_PLACE.is_match(&a.text[start..end])).then_some(p)
}

/// A settlement mention that is a district of the city the article names most: an
/// adjectival name before "district" ("the Kyivskyi district", "Shevchenkivskyi raion").
fn city_district(a: &Analysis, p: &PlaceMention) -> bool {
    if p.kind != PlaceKind::Settlement {
        return false;
    }
    let (name, noun_inside) = match p.text.rsplit_once(' ') {
        Some((n, last)) if DISTRICT_NOUN.is_match(last) => (n, true),
        _ => (p.text.as_str(), false),
    };
    if !(CITY_DISTRICT_NAME.is_match(name)
        && (noun_inside
            || CITY_DISTRICT_AFTER.is_match(&a.text[p.end..floor_boundary(a.text, p.end + 20)])))
    {
        return false;
    }
    // The city: another settlement of the same sentence ("In Kherson, … in the Dniprovskyi
    // district"), else the one the article names most.
    let same_sentence = a
        .sentences
        .iter()
        .find(|s| s.range.start <= p.start && p.end <= s.range.end)
        .is_some_and(|s| {
            a.places_in(&s.range).any(|q| {
                q.kind == PlaceKind::Settlement && q.start != p.start && q.location.name != p.location.name
                    && !CITY_DISTRICT_AFTER.is_match(&a.text[q.end..floor_boundary(a.text, q.end + 20)])
            })
        });
    same_sentence || most_named_settlement(a).is_some_and(|c| c.location.name != p.location.name)
}

/// The settlement the article names most, at least twice and with no tie.
fn most_named_settlement<'a>(a: &'a Analysis) -> Option<&'a PlaceMention> {
    let mut counts: Vec<(&str, usize, &PlaceMention)> = Vec::new();
    for p in a.places.iter().filter(|p| p.kind == PlaceKind::Settlement) {
        match counts.iter_mut().find(|(n, _, _)| *n == p.location.name) {
            Some(c) => c.1 += 1,
            None => counts.push((p.location.name.as_str(), 1, p)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    let mut top = counts.iter().filter(|c| c.1 == best);
    match (top.next(), top.next()) {
        (Some(c), None) if best >= 2 => Some(c.2),
        _ => None,
    }
}

/// An adjectival district name ("Kyivskyi", "Shevchenkivskyi", "Leninsky", "Tsentralnyi").
static CITY_DISTRICT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(s[ck]y[iy]?|s[ck]iy|s[ck]ij|s[ck]yj|n[iy]y?[iy]|nyi|ska|ske)$").unwrap()
});
/// That noun alone (the last word of a mention that took it in: "Kyivskyi district").
static DISTRICT_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(district|raion|rayon|microdistrict|neighbou?rhood)$").unwrap()
});
/// The noun after a city district's name.
static CITY_DISTRICT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(district|raion|rayon|microdistrict|neighbou?rhood)\b").unwrap()
});

/// The name of a natural feature.
static NATURAL_FEATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(river|sea|lake|gulf|bay|strait|straits|mountains?|range|valley|delta|reservoir|canal|desert|forest|island|islands|peninsula|estuary|lagoon)$").unwrap()
});

/// Burning as a riot trigger names it ("arson attack", "set fire to", "burned tyres").
static ARSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(arson|set(ting)? fire|burn(ed|t|ing))").unwrap());

/// A possessive pronoun right before a strike noun ("its attack", "their latest strikes").
static OWNER_PRONOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(its|their|his|her|our)\s+(\w+\s+)?$").unwrap()
});
/// A strike noun described rather than reported: "… as a response", "… are to support".
static DESCRIBED_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s+(as|are|is|were|was|would|will|aim\w*|serve\w*)\b").unwrap());
/// A national body sitting in the place that follows ("the General Staff in Kyiv", "the
/// embassy in Moscow"): its seat, not an event's place. (Ministries, governments and
/// officials "in" a city are left alone: they are as often local and at the place.)
static SEAT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(general staff|embassy|embassies)\s+(based\s+)?in\s+$").unwrap()
});
/// "from (the direction of) (occupied) X" right before a place: the launch site of a strike.
static LAUNCH_ORIGIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Ff]rom\s+(the\s+)?(directions?\s+of\s+(the\s+)?)?((temporarily\s+)?([Rr]ussian-|[Rr]ussia-)?(occupied|annexed)\s+)?(((north|south)(ern|-?east(ern)?|-?west(ern)?)?|east(ern)?|west(ern)?|central)\s+)?(\p{Lu}[\w'’.-]*[,;]?\s+((-|–|—|and|or)\s+)?)*$").unwrap()
});
/// "from the Donetsk and Kharkiv sectors": a place named as an origin.
static FROM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bfrom\s+(the\s+)?([A-Z][\w'’-]*,?\s+(and\s+)?)*$").unwrap());

/// A preposition before a possessive country that owns a strike's target ("on
/// Ukraine's grid", "facilities of Ukraine's energy system").
static OWNER_PREP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(on|in|at|over|across|into|against|throughout|of|hit|struck|targeted|shelled|attacked)\s+(the\s+)?$").unwrap()
});
/// What stands right before the place a strike hit: "on", "in the city of", "struck".
static TARGET_PREP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(on|in|at|near|over|across|into|against|outside|around|throughout|hit|struck|targeted|shelled|attacked)\s+(the\s+)?(\w+\s+){0,2}((city|town|village|region|oblast|province|district|settlement) of\s+)?$").unwrap()
});

/// "drones to strike": an infinitive inside a trigger phrase.
/// (Not a result phrase: "beat to death", "hacked to pieces", "burnt to ashes".)
static INFINITIVE_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bto\s+(\w+)$").unwrap()
});
/// The nouns of a result phrase after "to".
fn infinitive_inside(trigger: &str) -> bool {
    INFINITIVE_INSIDE.captures(trigger).is_some_and(|c| {
        !matches!(
            c[1].to_ascii_lowercase().as_str(),
            "death" | "pieces" | "ashes" | "rubble" | "ground" | "hospital"
        )
    })
}
/// "tried to advance", "attempted to storm": a failed attempt is still fighting (ACLED codes
/// it as an armed clash), not an aim.
static ATTEMPT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(tried|attempted|attempting|trying|sought|seeking|attempts?) to\b").unwrap()
});
/// Manned aircraft (their shoot-down is a clash or a missile attack, not an interception).
static MANNED_AIRCRAFT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(aircraft|planes?|jets?|helicopters?|fighters?|bombers?|warplanes?|su-\d+\w*|mig-\d+\w*|ka-\d+\w*|mi-\d+\w*|tu-\d+\w*|il-\d+\w*|a-50\w*|f-16s?)\b").unwrap()
});
static UNMANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(drones?|uavs?|shaheds?|gerans?|missiles?|rockets?|projectiles?|balloons?)\b").unwrap()
});

/// What was shot down, read after the verb: a manned aircraft named before any drone or
/// missile ("shot down a Su-34 bomber", not "shot down drones launched from aircraft").
fn manned_aircraft_downed(after: &str) -> bool {
    let after = &after[..after.find(['.', ';']).unwrap_or(after.len())];
    // "an anti-aircraft gun" names a weapon against aircraft, not one.
    let manned = MANNED_AIRCRAFT.find_iter(after).find(|m| {
        !after[..m.start()].to_ascii_lowercase().ends_with("anti-")
    });
    match (manned, UNMANNED.find(after)) {
        (Some(m), Some(u)) => m.start() < u.start(),
        (Some(_), None) => true,
        _ => false,
    }
}

/// A person as the object of a verb of taking ("captured the head of the council").
static PERSON_TAKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(the |a |an |two |three |four |five |\d+ |several |dozens of )?(\S+ ){0,2}?(head|rector|priest|pastor|imam|mayor|deputy mayor|headman|director|journalists?|volunteers?|activists?|officials?|teachers?|doctors?|civilians|residents|villagers|workers|men|women|children|boys?|girls?|farmers|students|hostages)\b").unwrap()
});
/// Violence done at close range or by non-state perpetrators, never a strike.
static DIRECT_ATTACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(terror\w*|gunm[ae]n|gunfire|shoot\w*|shot|stab\w*|knif\w*|knives|massacre\w*|isis|islamic state|suicide)\b").unwrap()
});
/// Talks about something, before what is talked about.
static UNDER_DISCUSSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(to (discuss|negotiate|consider|explore|prepare|arrange|seek|propose|work (out|on|toward)|talk about)|discuss(ed|ing|ion|ions)|negotiat(ing|ions)|talks (on|about|over))\b").unwrap()
});
/// A sentence listing weapons as things held, found or handed over.
static INVENTORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(seiz(ed|ure|ures)|confiscat\w+|caches?|stockpiles?|arsenals?|(aid|weapons|military|security) (package|deliver(y|ies)|shipments?)|handed over|surrendered)\b").unwrap()
});
/// A verb of firing or hitting inside a trigger: a strike, whatever the sentence lists.
static FIRING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\w+ed|fired|fire|hit|struck|launch\w*|pound\w*|shell(ed|ing)|strik\w*|attack\w*|rain\w*|land\w*|explod\w*|kill\w*)\b").unwrap()
});

/// A trigger that sums up a conflict's record rather than reporting one event: a tally
/// since a year or since the war began ("have killed thousands since 2015", "attacks
/// since the start of the invasion"), a perfect with a vague multitude ("have displaced
/// hundreds of thousands"), or a standing accusation ("have also been accused of sexual
/// violence").
fn background(a: &Analysis, clause: &Range<usize>, start: usize, end: usize) -> bool {
    static SINCE_ERA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[^.;]{0,100}?\bsince (the (start|beginning|outbreak|onset) of|(the )?(war|conflict|invasion|insurgency|uprising|crisis|fighting|coup) (began|started|erupted|broke out)|((early|late|mid-?)\s*)?(19|20)\d\d\b)").unwrap()
    });
    static PERFECT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(has|have)\s+(\w+ly\s+|also\s+|long\s+)?(been\s+)?$").unwrap()
    });
    static VAGUE_MANY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\S*(\s+\S+){0,2}?\s+(thousands|hundreds|tens of thousands|hundreds of thousands|millions|scores|countless|untold numbers)\b").unwrap()
    });
    static STANDING_ACCUSATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(has|have)\s+(also\s+|long\s+|repeatedly\s+|previously\s+|frequently\s+|often\s+)?been\s+(accused|blamed|critici[sz]ed|condemned|implicated)\s+(of|for|in)\s+(\S+\s+){0,3}$").unwrap()
    });
    // "…has been seeking to reduce its dependence since Azerbaijan took over the region in
    // 2023": the start of a period, told as background.
    static SINCE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bsince\s+(\S+\s+){0,5}$").unwrap()
    });
    // Only a start long past: "since they seized Goma at the end of last month" is news.
    if SINCE_CLAUSE.is_match(text_before(a.text, start, 60))
        && a.dates_in(&(start..clause.end.max(end))).any(|d| {
            d.date
                .zip(a.reference)
                .is_some_and(|(d, r)| (r - d).num_days() > 180)
        })
    {
        return true;
    }
    let clause_end = clause.end.max(end);
    let after = &a.text[end..floor_boundary(a.text, (end + 140).min(clause_end))];
    let before = &a.text[ceil_boundary(a.text, start.saturating_sub(60)).max(clause.start)..start];
    static HAS_HAVE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(has|have)\s+(\w+ly\s+|also\s+)?(been\s+)?\w+$").unwrap());
    // "Bandits have killed": the auxiliary may sit inside the trigger's own words.
    let perfect = PERFECT_BEFORE.is_match(before)
        || a.text[start..end]
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| HAS_HAVE.is_match(&w.join(" ")));
    (perfect && SINCE_ERA.is_match(after))
        || (perfect && VAGUE_MANY.is_match(&a.text[start..floor_boundary(a.text, (end + 40).min(clause_end))]))
        || STANDING_ACCUSATION.is_match(before)
}

/// A reporting verb after an actor's body ("the Russian Defence Ministry said"): the actor
/// is the report's source.
static CLAIM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\s+(\p{Lu}\w*|of|the|and|general|staff|ministry|command|forces?))*\s+(said|says|reported|reports|claimed|claims|announced|announces|stated|states|added)\b").unwrap()
});

/// Positions, lines and footholds as what a territory verb took: ground short of a place.
static POSITIONS_TAKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(\S+\s+){0,3}?(positions?|lines|trenches|strongholds?|strongpoints?|heights|footholds?|bridgeheads?|dugouts?|fortifications?|firing points?)\b").unwrap()
});

/// The fate of people taken is not known.
static WHEREABOUTS_UNKNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(whereabouts (\w+ ){0,2}(unknown|not known|unclear)|held incommunicado|forcibly disappeared|disappeared without trace|(to|at|in) an? (unknown|undisclosed|secret) (location|destination|place|site)|(has|have) not been (seen|heard (of|from)) since)\b").unwrap()
});

/// The block (paragraph) holding `sentence`.
fn sentence_block(a: &Analysis, sentence: &Range<usize>) -> usize {
    a.cleaned
        .blocks
        .iter()
        .position(|b| b.range.start <= sentence.start && sentence.end <= b.range.end)
        .unwrap_or(0)
}

/// A blast or fire as the subject of a harm verb.
static EXPLOSION_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(an?|the|two|several)\s+(\w+\s+)?(explosions?|blasts?|fires?|blazes?)\s+[^,;]*$").unwrap()
});

/// A country's air defence or forces, after the country: "Israel's air defences".
static DEFENDER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(['’]s)?\s+(air[- ]defen[cs]es?|air force|forces|military|army|navy)\b").unwrap()
});
/// A preposition of aim before a country: "fired missiles at Israel".
static TARGET_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(at|on|into|against|toward|towards|over)\s+$").unwrap());
/// Civilians named as those harmed.
static CIVILIAN_VICTIMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(civilians?|villagers|residents|(aid|humanitarian|health|medical) workers|passengers|worshippers|farmers|herders|students|pupils|schoolchildren|children|women|journalists|traders|displaced|refugees|migrants)\b").unwrap()
});
/// Armed things that can be set upon: posts, convoys, positions.
static ARMED_OBJECTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(positions?|posts?|checkpoints?|convoys?|patrols?|bases?|barracks|garrisons?|units?|vehicles?|tanks?|outposts?|trenches|lines)\b").unwrap()
});
/// Harm to people stated.
static HARM_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(killed|killing|dead|died|wounded|wounding|injured|injuring|hurt)\b").unwrap());
/// A battle verb that says only that a place or people were set upon.
static SET_UPON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(storm|raid|ambush|attack|assault)").unwrap());

/// A passive's agent phrase right after an attack verb inside a trigger's span.
static AGENT_BY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\S+\s+(\w+ly\s+)?by\b").unwrap()
});

/// A sentence that opens a different incident: the article's strike does not carry into it.
static SEPARATE_INCIDENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(separately|elsewhere|meanwhile|in (a |another )?separate (incident|attack|development)|in another (incident|attack)|also on \w+day|earlier)\b").unwrap()
});
/// Forces on the ground as the subject of a killing ("Israeli troops killed a man at a
/// checkpoint", "police shot dead two men"): a shooting or a raid, not a strike.
static GROUND_KILLERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(troops|soldiers|police|policem[ae]n|officers|gendarmes|snipers?|border guards)\b").unwrap()
});
/// The verbs of killing and harming that a strike or an attack can have.
static KILLING_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(kill|shot|shoot|wound|injur|attack)").unwrap());
/// A crowd, as one side of a fight with the police.
static CROWD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(protesters|protestors|demonstrators|rioters|crowds?|mobs?|youths|fans|supporters|residents|far-right|hooligans|marchers)\b").unwrap()
});
static POLICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(police|policemen|officers|riot police|security forces|gendarmes|gendarmerie)\b").unwrap()
});

/// Who stands before a weaponless strike: state forces ("Russian troops", "the army").
static FORCE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(forces|troops|army|military|soldiers|servicemen|navy|air force|artillery|units)\b").unwrap()
});
/// Non-state attackers named by what they are, not who ("gunmen", "militants").
/// An air force as the subject right before a strike verb.
static AIR_FORCE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(air[- ]forces?|aviation|warplanes|fighter jets|(military )?aircraft|helicopters?)\b[^.;:,]{0,30}$").unwrap()
});

/// An unorganised group of civilians as the ones acting (before the verb).
static CIVILIAN_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b((a |an )?(group|crowd|mob|band) of (\w+ )?(people|men|women|persons|individuals|youths?|residents|locals|villagers)|residents|locals|villagers|youths|students|motorists|pastoralists|herders|farmers|traders|sellers|vendors|shopkeepers|workers|supporters|inhabitants|neighbou?rs|relatives|family members|prisoners|inmates|fans|worshippers|passengers|mob|crowd|(a|the) group|riders|drivers|families|clubs|unions)\b").unwrap()
});
/// Two unarmed groups on both sides of a clash, right after it ("between two student
/// groups", "between supporters of the two parties").
static CIVILIAN_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;:]{0,40}?\bbetween (\S+ ){0,3}(students?|student groups|groups of (students|residents|youths|villagers|fans|supporters)|residents|villagers|youths|supporters|fans|neighbou?rs|families|relatives|representatives|lawmakers|deputies|members of parliament|mps|workers|traders|vendors|drivers|passengers|inmates|prisoners)\b").unwrap()
});
/// The same group as the agent of a passive, after the verb ("were beaten ... by a
/// group of villagers").
static CIVILIAN_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;:]{0,60}?\bby (a |an |the )?((group|crowd|mob|band) of (\w+ )?(people|men|women|persons|individuals|youths?|residents|locals|villagers)|residents|locals|villagers|youths|mob|crowd)\b").unwrap()
});
static NONSTATE_ATTACKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(gunmen|gunman|armed men|settlers|armed (youths?|herders|pastoralists|villagers|civilians|groups?|elements|individuals|bands?|gangs?|communities|tribesmen)|assailants|attackers|militants|insurgents|jihadists|rebels|bandits|militiamen|militias?|terrorists|fighters|gangs?|gang members|gangsters|cartels?|hitm[ae]n|unidentified (men|persons|individuals|assailants)|unknown (men|persons|assailants))\b").unwrap()
});
/// Unarmed targets right after an attack verb.
static CIVILIAN_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(civilians?|villagers?|residents|villages?|settlements|hamlets?|farmers|herders|worshippers|church|mosque|market|school|students|women|children|families|homes|houses|passengers|bus|buses|minibus(es)?|taxis?|commuters|motorists|pedestrians|traders|vendors|aid workers|humanitarian (convoys?|workers)|wedding|funeral|travell?ers|displaced|camp for|idp|refugees?|people|community|communities|off-duty|retired|former (soldiers?|officers?|police\w*|servicem[ae]n|militants?|fighters|rebels|combatants))\b").unwrap()
});

/// "have been captured in Chattanooga": people are captured; territory is captured actively.
/// A passive auxiliary, perhaps with an adverb, right before a verb ("was captured",
/// "were violently assaulted").
static PASSIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(been|was|were|being|is|are|get|got)\s+(\w+ly\s+)?$").unwrap()
});
static RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s*(killing|injuring|wounding|leaving|resulting in)\b").unwrap()
});
static INSTITUTION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(['’]s)?\s+(regional\s+|oblast\s+|city\s+|military\s+|state\s+|provincial\s+)*(administration|authorities|governor|mayor|officials?|police|prosecutor|council|ministry|head|chief|spokes\w+|grouping|battle ?group|group of forces|operational group|civil defen[cs]e|health (ministry|authorities|department|office)|resistance committees?|emergency (service|services|ministry)|rescue service|medical (office|service|authorities))\b").unwrap()
});
/// Between two places of one list: ", ", " and ", ", and ", " or ".
/// What may stand before a place fronted at the head of a sentence: an opening date or
/// time phrase, then a locative preposition ("On 3 May, in", "Overnight in the city of").
static FRONTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[^,]{0,40},\s*)?(?:in|at|near|outside|across|around)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:city|town|village|region|province|district|county|state|capital|settlement|area|municipality)\s+of\s+)?$").unwrap()
});

/// What may follow a fronted place before its comma or bracket: a settlement noun
/// ("In Pyin Htaung village (…)", "in Thanlyin township, …").
static FRONTED_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:village|town|township|city|district|county|municipality|commune|locality|area|settlement|hamlet|ward|neighbou?rhood))?(?:,|\s\()").unwrap()
});

/// The place fronted at the head of the sentence (`In X, …`), before `before`: the
/// sentence's first place, resolved or one the gazetteer does not know.
fn fronted_place<'a>(
    a: &'a Analysis,
    sentence: &Range<usize>,
    before: usize,
    unknown: &'a [PlaceMention],
) -> Option<&'a PlaceMention> {
    let resolved = event_places(a, sentence).first().copied();
    let other = unknown
        .iter()
        .find(|p| p.start >= sentence.start && p.end <= sentence.end);
    let p = match (resolved, other) {
        (Some(x), Some(y)) => {
            if y.start < x.start {
                y
            } else {
                x
            }
        }
        (x, y) => x.or(y)?,
    };
    if p.end > before || !FRONTED.is_match(&a.text[sentence.start..p.start]) {
        return None;
    }
    FRONTED_NOUN.is_match(&a.text[p.end..before]).then_some(p)
}

static LIST_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(,\s*(and\s+|or\s+)?|\s+(and|or)\s+)$").unwrap());
fn words_between(text: &str, a: usize, b: usize) -> usize {
    if b <= a {
        return 0;
    }
    text[a..b].split_whitespace().count()
}

/// Trigger hits of a clause: factual, outside quotations, non-overlapping (strong and longer
/// first), weak remote triggers typed by the weapons named, else dropped.
fn clause_hits(
    a: &Analysis,
    all_hits: &[(usize, usize, usize)],
    sentence: &Range<usize>,
    clause: &Range<usize>,
    clause_weapons: &[String],
    sentence_weapons: &[String],
    paragraph_weapons: &[String],
    article_strike: Option<&'static str>,
    article_weapons_strike: Option<&'static str>,
    actors: &[&(usize, usize, String)],
) -> Vec<Hit> {
    let ctext = &a.text[clause.clone()];
    let mut raw: Vec<(usize, usize, &Trigger)> = Vec::new();
    for &(pos, end, ti) in all_hits
        .iter()
        .filter(|(s, e, _)| *s >= clause.start && *e <= clause.end)
    {
        // A failed or attempted assault is still fighting: for a battle trigger, an attempt
        // verb before it ("attempted an offensive", "tried to advance") is no modality.
        let battle = TRIGGERS[ti].event_type == "Battles" && TRIGGERS[ti].subtype == "Armed clash";
        if a.in_speech(pos)
            || (nonfactual_before(a, clause, pos)
                && !(battle && attempt_only_before(a, clause, pos)))
            || (infinitive_inside(&a.text[pos..end])
                && !ATTEMPT_VERB.is_match(&a.text[pos..end]))
        {
            continue;
        }
        // A row whose requirement the sentence fails is no hit: it must not shadow a shorter
        // one that holds ("killed in an ambush by gunmen": forces killing gunmen, unless
        // forces are named; the ambush either way).
        if TRIGGERS[ti]
            .requires
            .as_ref()
            .is_some_and(|r| !r.is_match(&a.text[sentence.clone()]))
        {
            continue;
        }
        raw.push((pos, end, &TRIGGERS[ti]));
    }
    raw.sort_by_key(|(s, e, t)| (*s, !t.strong, std::cmp::Reverse(*e)));
    let mut kept: Vec<(usize, usize, &Trigger)> = Vec::new();
    for h in raw {
        if let Some(k) = kept.iter_mut().find(|k| h.0 < k.1 && k.0 < h.1) {
            if h.2.strong && !k.2.strong {
                *k = h;
            }
            continue;
        }
        kept.push(h);
    }
    let mut hits = Vec::new();
    for (start, end, t) in kept {
        if *DEBUG {
            eprintln!("trigger {:?} {} {}", &a.text[start..end], t.event_type, t.subtype);
        }
        // "The weapons seized included 123 mortar shells": weapons listed as what was
        // found, seized or delivered, not fired.
        if t.event_type == "Explosions/Remote violence"
            && INVENTORY.is_match(&a.text[sentence.clone()])
            && !FIRING_VERB.is_match(&a.text[start..end])
        {
            if *DEBUG {
                eprintln!("  dropped {:?}: an inventory", &a.text[start..end]);
            }
            continue;
        }
        // "met in Istanbul to discuss … further exchanges of prisoners": an agreement
        // talked about is not one made.
        if t.subtype == "Agreement" && UNDER_DISCUSSION.is_match(&a.text[clause.start..start]) {
            if *DEBUG {
                eprintln!("  dropped {:?}: under discussion", &a.text[start..end]);
            }
            continue;
        }
        if background(a, clause, start, end) {
            if *DEBUG {
                eprintln!("  dropped {:?}: background", &a.text[start..end]);
            }
            continue;
        }
        let (mut et, mut st) = (t.event_type, t.subtype);
        let own_incident = !SEPARATE_INCIDENT.is_match(&a.text[sentence.clone()])
            && !GROUND_KILLERS.is_match(&a.text[sentence.start..start]);
        let weapons_sub = remote_subtype(clause_weapons)
            .or_else(|| remote_subtype(sentence_weapons))
            .or_else(|| remote_subtype(paragraph_weapons));
        match st {
            "@territory" => {
                // "have been captured in Chattanooga": in the passive, what is taken must be a
                // place named before the verb ("the village was captured"), not people.
                if PASSIVE_BEFORE.is_match(&a.text[clause.start..start])
                    && a.places_in(&(clause.start..start)).next().is_none()
                    && !PLACE_NOUN_SUBJECT.is_match(&a.text[clause.start..start])
                {
                    continue;
                }
                // "captured the rector of the church in X": a person taken is an abduction
                // (or an arrest), never ground taken.
                if PERSON_TAKEN.is_match(&a.text[end..floor_boundary(a.text, end + 60)]) {
                    et = "Violence against civilians";
                    st = "Abduction/forced disappearance";
                } else if POSITIONS_TAKEN.is_match(&a.text[end..floor_boundary(a.text, end + 50)]) {
                    // "regained lost positions near Chasiv Yar", "pushed the troops back from
                    // several positions": fighting over positions, no place changing hands.
                    et = "Battles";
                    st = "Armed clash";
                }
            }
            // A strike noun or gerund with no weapon of its own ("the attacks were a sign",
            // "attacking infrastructure") is not typed from the paragraph's weapons: only a
            // finite verb with the place it hit is ("the military said it struck Gaza City").
            // "Hamas described its attack as a response to…", "the Houthis say their attacks
            // are to support…": an attack already known, named by its owner and described,
            // is no new event.
            "@remote"
                if STRIKE_NOUN.is_match(&a.text[start..end])
                    && OWNER_PRONOUN_BEFORE
                        .is_match(&a.text[ceil_boundary(a.text, start.saturating_sub(24)).max(sentence.start)..start])
                    && DESCRIBED_AFTER.is_match(&a.text[end..floor_boundary(a.text, (end + 24).min(sentence.end))]) =>
            {
                continue;
            }
            "@remote" => match remote_subtype(clause_weapons)
                .or_else(|| remote_subtype(sentence_weapons))
                // "Separately, troops killed a teenager during a raid in Jenin": another
                // incident, or forces on the ground, take no strike from around them.
                .or_else(|| {
                    weapons_sub
                        .filter(|_| own_incident && weaponless_strike(a, clause, start, end))
                })
                // "The strikes also hit airfields in the Kiev region": in an article that
                // reports a strike, a strike word with a place below country level is that strike.
                .or_else(|| {
                    article_strike
                        .filter(|_| own_incident && targeted_place_after(a, clause, end, None))
                })
            {
                Some(sub) => st = sub,
                None => {
                    let before = &a.text[sentence.start..start];
                    let armed_group = actors
                        .iter()
                        .any(|(s, _, x)| *s < start && is_armed_group(x))
                        || NONSTATE_ATTACKER.is_match(before);
                    let state = actors.iter().any(|(s, _, x)| {
                        *s < start && sitrep_lexicon::Lexicon::global().state_iso(x).is_some()
                    }) || FORCE_SUBJECT.is_match(before);
                    let after = &a.text[start..floor_boundary(a.text, (end + 80).min(clause.end))];
                    if armed_group && CIVILIAN_TARGET.is_match(after) {
                        // "gunmen attacked the village": armed violence against civilians.
                        et = "Violence against civilians";
                        st = "Attack";
                    } else if armed_group && a.text[start..end].to_lowercase().starts_with("attack")
                    {
                        // "the ISIS attack in Moscow": an armed group attacking without named weapons.
                        et = "Violence against civilians";
                        st = "Attack";
                    } else if STRIKE_NOUN.is_match(&a.text[start..end])
                        && STATE_RIGHT_BEFORE.is_match(&a.text[ceil_boundary(a.text, start.saturating_sub(40)).max(sentence.start)..start])
                        && targeted_place_after(a, clause, end, Some(40))
                        && impact_in(&IMPACT, &a.text[sentence.clone()])
                    {
                        // "Two people were killed in a Russian strike on Kharkiv": a state's
                        // strike aimed at a place, with harm: the ontology's default for a strike
                        // with no weapon named.
                        et = "Explosions/Remote violence";
                        st = "Shelling/artillery/missile attack";
                    } else if (state || armed_group) && weaponless_strike(a, clause, start, end) {
                        if GROUND_ATTACK.is_match(&a.text[start..end])
                            && !STRIKE_TARGET_AFTER.is_match(&a.text[end..floor_boundary(a.text, (end + 60).min(clause.end.max(end)))])
                        {
                            // "Russian forces attacked near Avdiivka": a ground attack (not
                            // "attacked energy infrastructure", a strike's target).
                            et = "Battles";
                            st = "Armed clash";
                        } else {
                            // A strike with no weapon named: the ontology's default.
                            st = "Shelling/artillery/missile attack";
                        }
                    } else {
                        continue;
                    }
                }
            },
            // "were violently assaulted by a group of … officers": the noun after "by" is
            // who assaulted, not the forces assaulted.
            "@assault" if AGENT_BY_AFTER.is_match(&a.text[start..end]) => continue,
            "@assault" => match weapons_sub {
                Some(sub) => {
                    et = "Explosions/Remote violence";
                    st = sub;
                }
                None => {
                    et = "Battles";
                    st = "Armed clash";
                }
            },
            "@protest" => st = "Peaceful protest",
            "@shootdown" => {
                // A manned aircraft shot down is coded by what downed it.
                let ctext = &a.text[clause.clone()];
                if clause_weapons.iter().any(|w| w == "missile") || AIR_DEFENCE.is_match(ctext) {
                    et = "Explosions/Remote violence";
                    st = "Shelling/artillery/missile attack";
                } else {
                    et = "Battles";
                    st = "Armed clash";
                }
            }
            // "Vengeance Units of HBDH carried out an arson attack": property an armed group
            // burns is its property destruction, not a riot.
            "@riot"
                if ARSON.is_match(&a.text[start..end])
                    && (actors.iter().any(|(s, _, x)| *s < start && is_armed_group(x))
                        || NONSTATE_ATTACKER.is_match(&a.text[sentence.start..start])) =>
            {
                et = "Strategic developments";
                st = "Looting/property destruction";
            }
            "@riot" => {
                st = if cue("protest_purpose").is_match(&a.text[sentence.clone()]) {
                    "Violent demonstration"
                } else {
                    "Mob violence"
                }
            }
            // "militiamen sexually assaulted three girls": an assault that is sexual.
            "Attack"
                if SEXUAL.is_match(&a.text[start..end])
                    && context_ok(a, sentence, start, end, "Sexual violence") =>
            {
                st = "Sexual violence";
            }
            // "a Russian missile destroyed a house": property a weapon fired from afar
            // destroyed is that weapon's strike.
            "Looting/property destruction"
                if strike_weapon_before(a, clause, start).is_some() =>
            {
                et = "Explosions/Remote violence";
                st = strike_weapon_before(a, clause, start).unwrap_or("Shelling/artillery/missile attack");
            }
            // "beat up and then arrested an activist", "arrested a suspect, wounding him",
            // "wounded the man during the arrest": violence against the person held is an
            // attack on a civilian (ACLED), not an arrest.
            "Arrests"
                if ARREST_HARM.is_match(&a.text[sentence.clone()])
                    || HARM_DURING_ARREST
                        .is_match(&a.text[sentence.start..paragraph_end(a, sentence_block(a, &sentence), sentence.end)]) =>
            {
                et = "Violence against civilians";
                st = "Attack";
            }
            // "missile, drone and bomb attacks": bombs that came with drones or aircraft.
            "Remote explosive/landmine/IED"
                if remote_subtype(clause_weapons) == Some("Air/drone strike") =>
            {
                st = "Air/drone strike";
            }
            // A shoot-down of a manned aircraft is not an interception.
            "Disrupted weapons use" if manned_aircraft_downed(&a.text[start..clause.end]) => {
                if clause_weapons.iter().any(|w| w == "missile") || AIR_DEFENCE.is_match(&a.text[clause.clone()]) {
                    et = "Explosions/Remote violence";
                    st = "Shelling/artillery/missile attack";
                } else {
                    et = "Battles";
                    st = "Armed clash";
                }
            }
            // A wave of drones and missiles is typed by what it holds (drones first).
            "Air/drone strike" | "Shelling/artillery/missile attack"
                if remote_subtype(clause_weapons).is_some() =>
            {
                st = remote_subtype(clause_weapons).unwrap();
            }
            // A grenade dropped from a drone is a drone strike.
            "Grenade" if weapons_sub == Some("Air/drone strike") => {
                st = "Air/drone strike";
            }
            _ => {}
        }
        if st == "Attack"
            && et == "Violence against civilians"
            && KILLING_VERB.is_match(&a.text[start..end])
        {
            // "A shell fired by the rebels landed in a camp, killing three children": killing
            // by a heavy weapon the sentence names is that weapon's strike, whoever fired it.
            if let Some(sub) = remote_subtype(sentence_weapons)
                .filter(|s| *s != "Remote explosive/landmine/IED")
            {
                et = "Explosions/Remote violence";
                st = sub;
            }
        }
        if st == "Attack"
            && et == "Violence against civilians"
            && KILLING_VERB.is_match(&a.text[start..end])
            && !NONSTATE_ATTACKER.is_match(&a.text[sentence.clone()])
            && !SEPARATE_INCIDENT.is_match(&a.text[sentence.clone()])
            && !GROUND_KILLERS.is_match(&a.text[sentence.start..start])
        {
            // "The attack on Kyiv killed 31 people": in an article reporting a strike, the
            // killing is the strike's.
            // Before any strike word was typed, the article's weapons say which strike,
            // when a state is the one attacking ("Russia launched its deadliest attack").
            // A terror attack or a shooting is no strike, whoever is named near it.
            // "Sudan's paramilitary Rapid Support Forces killed 40": an armed group named
            // as the killer is no state attacking, whatever state owns it.
            let state_attacker = || {
                !DIRECT_ATTACK.is_match(&a.text[sentence.clone()])
                    && actors.iter().any(|(s, _, x)| {
                        *s < start && sitrep_lexicon::Lexicon::global().state_iso(x).is_some()
                    })
                    && !actors.iter().any(|(s, _, x)| *s < start && is_armed_group(x))
            };
            if let Some(sub) =
                article_strike.or_else(|| article_weapons_strike.filter(|_| state_attacker()))
            {
                et = "Explosions/Remote violence";
                st = sub;
            }
        }
        if st == "Attack"
            && et == "Violence against civilians"
            && EXPLOSION_SUBJECT.is_match(&a.text[clause.start..start])
            && !NONSTATE_ATTACKER.is_match(&a.text[sentence.clone()])
            && !actors.iter().any(|(s, _, _)| *s < start && *s >= sentence.start)
        {
            // "An explosion at a crowded market injured six people": harm done by a blast
            // of unknown cause (ACLED's Other, unless the article reports a strike).
            et = "Strategic developments";
            st = "Other";
        }
        if et == "Battles"
            && st == "Armed clash"
            && SET_UPON.is_match(&a.text[start..end])
            && CIVILIAN_VICTIMS.is_match(&a.text[sentence.clone()])
            && !ARMED_PEOPLE.is_match(&a.text[sentence.clone()])
            && HARM_WORDS.is_match(&a.text[sentence.clone()])
        {
            // "The RSF killed 40 civilians when they stormed the village", "two aid workers
            // were killed when their vehicle was ambushed": civilians set upon, and no armed
            // people named, are an attack's victims, not a battle's.
            et = "Violence against civilians";
            st = "Attack";
        }
        if et == "Battles"
            && st == "Armed clash"
            && SET_UPON.is_match(&a.text[start..end])
            && PASSIVE_BEFORE.is_match(&a.text[clause.start..start])
            && !ARMED_PEOPLE.is_match(&a.text[clause.start..start])
            && !PLACE_NOUN_SUBJECT.is_match(&a.text[clause.start..start])
            && !ARMED_OBJECTS.is_match(&a.text[clause.start..start])
        {
            // "an activist and her husband were violently assaulted by …": people who are
            // not armed, set upon, are the victims of an attack.
            et = "Violence against civilians";
            st = "Attack";
        }
        if st == "Arrests" && WHEREABOUTS_UNKNOWN.is_match(&a.text[sentence.start..paragraph_end(a, sentence_block(a, sentence), sentence.start)]) {
            // "arrested by the Taliban … Their whereabouts remained unknown": a forced
            // disappearance (ACLED).
            et = "Violence against civilians";
            st = "Abduction/forced disappearance";
        }
        if st == "Armed clash"
            && AMBUSH.is_match(&a.text[start..end])
            && NONSTATE_ATTACKER.is_match(&a.text[sentence.start..start])
            && {
                // The object right after the verb: civilians, or what carries them.
                let object = &a.text[end..floor_boundary(a.text, (end + 40).min(clause.end.max(end)))];
                CIVILIAN_TARGET.is_match(object) && !ARMED_PEOPLE.is_match(object)
            }
        {
            // "bandits ambushed a passenger bus", "gunmen raided a village": an armed group
            // setting on civilians is an attack on them, not a clash.
            et = "Violence against civilians";
            st = "Attack";
        }
        if st == "Armed clash"
            && VICTIM_PERSON.is_match(&a.text[clause.start..start])
            && !ARMED_PEOPLE.is_match(&a.text[clause.start..start])
            && (KILLING_VERB.is_match(&a.text[start..end]) && PASSIVE_BEFORE.is_match(&a.text[clause.start..start])
                || HARMED_IN.is_match(&a.text[clause.start..start]))
        {
            // "an election official was killed in an ambush by gunmen": the unarmed person
            // killed is the victim of an attack, not a side of a clash.
            et = "Violence against civilians";
            st = "Attack";
        }
        if st == "Attack" && armed_victims(a, clause, start, end) {
            // "a soldier was killed by presumed militants": armed on both sides.
            et = "Battles";
            st = "Armed clash";
        }
        let stext = &a.text[sentence.clone()];
        if st == "Armed clash"
            && (CROWD.is_match(stext) || cue("protest_violence").is_match(stext))
            && POLICE.is_match(stext)
            && !NONSTATE_ATTACKER.is_match(stext)
            && !actors.iter().any(|(s, _, x)| *s < start && is_armed_group(x))
        {
            // "violent clashes erupted as rioters hurled bricks at police": a riot, not a battle.
            et = "Riots";
            st = "Violent demonstration";
        }
        if et == "Explosions/Remote violence"
            && AIR_FORCE_SUBJECT.is_match(&a.text[clause.start..start])
        {
            // "Russian air forces (and artillery) struck X": an air strike (ACLED codes the
            // air arm when it takes part).
            st = "Air/drone strike";
        }
        if matches!(st, "Attack" | "Armed clash" | "Looting/property destruction")
            // "residents found the bodies of three men": finding them is no violence.
            && !BODIES.is_match(&a.text[start..end])
        {
            // "a group of people killed a woman", "motorists cornered and beat two men",
            // "locals clashed with herders", "residents set homes ablaze": violence by an
            // unorganised group of civilians, unarmed, is mob violence (ACLED), or a violent
            // demonstration when it protests; so is a clash between two such groups ("a
            // clash between two student groups").
            let before = &a.text[sentence.start..start];
            let armed = NONSTATE_ATTACKER.is_match(stext)
                || FORCE_SUBJECT.is_match(before)
                || actors.iter().any(|(s, _, x)| {
                    *s < start
                        && (is_armed_group(x)
                            || sitrep_lexicon::Lexicon::global().state_iso(x).is_some())
                })
                || clause_weapons.iter().chain(sentence_weapons).any(|w| w != "explosive");
            let after = &a.text[end..sentence.end];
            if !armed
                && (CIVILIAN_GROUP.is_match(before)
                    || CIVILIAN_AGENT.is_match(after)
                    || (st == "Armed clash" && CIVILIAN_PAIR.is_match(after)))
            {
                et = "Riots";
                st = if cue("protest_purpose").is_match(stext) {
                    "Violent demonstration"
                } else {
                    "Mob violence"
                };
            }
        }
        if !context_ok(a, sentence, start, end, st) {
            if *DEBUG {
                eprintln!("  dropped {:?}: context rule of {st}", &a.text[start..end]);
            }
            continue;
        }
        if st == "Disrupted weapons use" && impact_in(&IMPACT, ctext) {
            // Debris still hit the place: code the strike, carry the count in `intercepted`.
            et = "Explosions/Remote violence";
            st = remote_subtype(sentence_weapons).unwrap_or("Air/drone strike");
        }
        // A weak trigger next to a strong one of the same event family adds nothing.
        hits.push(Hit {
            start,
            end,
            event_type: et,
            subtype: st,
            strong: t.strong,
        });
    }
    // One clause, one act: "Israeli airstrikes killed 20 people" (the killing is what the
    // strike did), "rioters beat two suspected thieves to death" (the mob's violence),
    // "attacked the protest" (the protest met with force), "killed one person while looting
    // vehicles" (the killing, not the looting).
    let violent = hits.iter().any(|h| {
        matches!(
            h.event_type,
            "Explosions/Remote violence" | "Battles" | "Riots" | "Protests"
        )
    });
    if violent {
        hits.retain(|h| h.subtype != "Attack");
    }
    // "Israeli forces killed two gunmen during a raid in Jenin": the fighting, not a strike
    // typed from weapons named elsewhere in the article (the sentence names none that
    // strikes from afar).
    if remote_subtype(sentence_weapons).is_none() {
        if let Some(first_battle) = hits.iter().filter(|h| h.event_type == "Battles").map(|h| h.start).min() {
            hits.retain(|h| {
                h.strong || h.event_type != "Explosions/Remote violence" || h.start < first_battle
            });
        }
    }
    if hits.iter().any(|h| {
        matches!(
            h.event_type,
            "Explosions/Remote violence"
                | "Battles"
                | "Violence against civilians"
                | "Riots"
                | "Protests"
        )
    }) {
        // "Protesters burned two police vehicles": the protest's violence, not looting.
        hits.retain(|h| h.subtype != "Looting/property destruction" && h.subtype != "Other");
    }
    // "Security forces opened fire on demonstrators": force against the protest, not a
    // strike, when the clause names no heavy weapon.
    if remote_subtype(clause_weapons).is_none() && hits.iter().any(|h| h.event_type == "Protests") {
        hits.retain(|h| h.event_type != "Explosions/Remote violence");
    }
    // Weak hits of the same type as a strong hit in the clause fold into it.
    let strong_types: Vec<&str> = hits
        .iter()
        .filter(|h| h.strong)
        .map(|h| h.subtype)
        .collect();
    hits.retain(|h| h.strong || !strong_types.contains(&h.subtype));
    // "Interception: On 3 May, …", "Property destruction: …": a sentence opening with the
    // name of an event category states the type of what it reports.
    if let Some((label, et, st)) = event_label(a, sentence) {
        if hits.is_empty() {
            if clause.start <= label.start && label.end <= clause.end {
                hits.push(Hit { start: label.start, end: label.end, event_type: et, subtype: st, strong: true });
            }
        } else {
            let first = hits.iter().min_by_key(|h| (!h.strong, h.start)).map(|h| (h.start, h.end));
            hits.clear();
            if let Some((start, end)) = first {
                hits.push(Hit { start, end, event_type: et, subtype: st, strong: true });
            }
        }
    }
    hits
}

/// Event category names that open a sentence as its label (`data/event_labels.tsv`).
static EVENT_LABELS: LazyLock<Vec<(String, &'static str, &'static str)>> = LazyLock::new(|| {
    crate::cues::tsv_rows_between(include_str!("../data/event_labels.tsv"), 3, 3, "event_labels.tsv")
        .map(|f| {
            assert!(ontology::is_valid(f[1], f[2]), "event_labels.tsv: not in the ontology: {f:?}");
            (f[0].to_lowercase(), f[1], f[2])
        })
        .collect()
});

/// The label a sentence opens with ("Interception: …"): its span and type.
fn event_label(a: &Analysis, sentence: &Range<usize>) -> Option<(Range<usize>, &'static str, &'static str)> {
    let text = &a.text[sentence.clone()];
    let lead = text.len() - text.trim_start().len();
    let colon = text[lead..].find(':')?;
    if colon > 40 {
        return None;
    }
    let label = text[lead..lead + colon].trim_end().to_lowercase();
    let (_, et, st) = EVENT_LABELS.iter().find(|(l, _, _)| *l == label)?;
    let start = sentence.start + lead;
    Some((start..start + label.len(), *et, *st))
}

/// ACLED's protest subtypes from the sentence: protesters' violence makes a
/// riot, deaths make excessive force, police action an intervention.
fn protest_subtype(
    et: &'static str,
    st: &'static str,
    sentence: &str,
    cnt: &Counts,
) -> (&'static str, &'static str) {
    if st != "Peaceful protest" {
        return (et, st);
    }
    if cue("protest_violence").is_match(sentence) {
        ("Riots", "Violent demonstration")
    } else if cnt.fatalities.is_some_and(|n| n > 0) || cue("protest_lethal").is_match(sentence) {
        ("Protests", "Excessive force against protesters")
    } else if cue("protest_intervention").is_match(sentence) {
        ("Protests", "Protest with intervention")
    } else {
        (et, st)
    }
}

/// The end of block `block`, at most 600 bytes after `from`.
fn paragraph_end(a: &Analysis, block: usize, from: usize) -> usize {
    let end = a.cleaned.blocks.get(block).map_or(from, |b| b.range.end);
    floor_boundary(a.text, end.min(from + 600)).max(from)
}

/// Counts with no event of their own fill the gaps of the paragraph's last event.
fn add_counts_to_last(cands: &mut [Cand], block: usize, cnt: Counts) {
    if cnt == Counts::default() {
        return;
    }
    if let Some(last) = cands.iter_mut().rev().find(|c| c.block == block) {
        last.ev.fatalities = last.ev.fatalities.or(cnt.fatalities);
        last.ev.injured = last.ev.injured.or(cnt.injured);
        last.ev.intercepted = last.ev.intercepted.or(cnt.intercepted);
    }
}

/// The actor the text names as doing what the trigger at `tpos` says: the agent after it
/// ("by Russian forces", "attributed to Ukraine"), else the nearest actor before it.
fn agent(
    a: &Analysis,
    s: &Range<usize>,
    tpos: usize,
    actors: &[&(usize, usize, String)],
) -> Option<String> {
    static AGENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(attributed to|blamed on|by|from|launched by|carried out by)\s+$")
            .unwrap()
    });
    // The agent phrase belongs to the trigger when no comma parts them: in "set up a base
    // in Tillia, near the border, to counter attacks by militants" it names who attacks.
    for (st_, _, act) in actors.iter() {
        if *st_ > tpos
            && AGENT.is_match(&a.text[s.start..*st_])
            && !a.text[tpos..*st_].contains([',', ';'])
        {
            return Some(act.clone());
        }
    }
    // "M23 rebels in eastern Democratic Republic of Congo have taken…", "Russia launched
    // its largest attack on Kyiv, killing three": a state named after a locative or target
    // preposition is where the subject is or what was hit, not who acts, when someone else
    // is named before it.
    static LOCATIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(in|inside|within|across|throughout|on|against|at|towards?|over|targeting)\s+(the\s+)?((north|south|east|west|central)\w*\s+)?$")
            .unwrap()
    });
    // "BAMAKO, Mali (AP) — A Swiss citizen has been kidnapped…": the dateline's country says
    // where the report was filed, not who acted.
    let before: Vec<_> = actors
        .iter()
        .filter(|(x, e, _)| *x < tpos && !in_dateline_span(a, *x, *e))
        .collect();
    let lex = sitrep_lexicon::Lexicon::global();
    // "Al-Shabaab fighters stormed an army base, seizing the town": a participle after a
    // comma shares the subject of the main verb, the first actor named, not the object
    // nearest to it.
    let participle = text_before(a.text, tpos, 3).ends_with(", ")
        && a.text[tpos..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.len() > 4 && w.ends_with("ing"));
    let subject_first = |(i, (x, _, act)): &(usize, &&&(usize, usize, String))| {
        *i == 0
            || lex.state_iso(act).is_none()
            || !LOCATIVE_BEFORE
                .is_match(&a.text[ceil_boundary(a.text, x.saturating_sub(40)).max(s.start)..*x])
    };
    if participle {
        if let Some((_, (_, _, act))) = before.iter().enumerate().find(subject_first) {
            return Some(act.clone());
        }
    }
    before
        .iter()
        .enumerate()
        .rfind(|(i, (x, _, act))| {
            *i == 0
                || lex.state_iso(act).is_none()
                || !LOCATIVE_BEFORE
                    .is_match(&a.text[ceil_boundary(a.text, x.saturating_sub(40)).max(s.start)..*x])
        })
        .map(|(_, (_, _, act))| act.clone())
}

/// What travels a route: vehicles, ways, journeys.
const ROUTE_WORDS: &str = r"(?i)\b(trains?|bus(es)?|flights?|planes?|ferr(y|ies)|ships?|convoys?|roads?|highways?|routes?|railways?|pipelines?|travell?(ing|ed)|journey|en route)\b[^.;]{0,40}\bfrom\s+(the\s+)?";
/// A vehicle or way travelling "from" the place that follows.
static ROUTE_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{ROUTE_WORDS}$")).unwrap());
/// " to Y" after the first end of a route.
static ROUTE_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(to|towards?)\s+(the\s+)?\p{Lu}").unwrap());
/// "... from X to " before the second end of a route.
static ROUTE_FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{ROUTE_WORDS}[\p{{Lu}}][^\s,.;]*(\s[\p{{Lu}}][^\s,.;]*)?\s+to\s+(the\s+)?$"
    ))
    .unwrap()
});

/// An unarmed person as the subject of a passive harm verb.
static VICTIM_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(civilians?|villagers?|residents?|farmers?|herders?|traders?|vendors?|teachers?|students?|pupils?|officials?|journalists?|activists?|women|woman|children|child|boys?|girls?|priests?|pastors?|imams?|chiefs?|doctors?|nurses?|aid workers?|workers?|drivers?|passengers?|pensioners?|councillors?|candidates?|businessm[ae]n)\b").unwrap()
});

/// "… was killed in an", right before an ambush or attack noun.
static HARMED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(was|were|had been|have been)\s+(\w+ly\s+)?(killed|shot|wounded|injured|murdered|hurt)\s+(in|during)\s+(an?|the)\s+(\w+\s+)?$").unwrap()
});

/// Bodies named in a trigger ("found the bodies of").
static BODIES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bbod(y|ies)\b").unwrap());

/// Sexual violence named inside a broader trigger.
static SEXUAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(sexual(ly)?|rap(e|ed|es|ing)|gang-?rap\w*)\b").unwrap());

/// The strike a weapon of the lexicon names in the clause before the trigger ("a Russian
/// missile destroyed"), not a planted explosive.
fn strike_weapon_before(a: &Analysis, clause: &Range<usize>, start: usize) -> Option<&'static str> {
    let before = &a.text[clause.start..start.max(clause.start)];
    let spans = sitrep_lexicon::Lexicon::global().weapon_spans(before);
    remote_subtype(&weapons_for(&spans, &(0..before.len())))
        .filter(|w| *w != "Remote explosive/landmine/IED")
}

/// Harm done to the person arrested, tied to the arrest by the construction: "beat up and
/// then arrested", "arrested …, wounding him", "tortured them before detaining them".
static ARREST_HARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(beat|beaten|beat up|assaulted|tortured|wounded|injured|shot|stabbed|whipped|flogged)\b[^.;]{0,40}?\b(and|before|then|later)\s+(\w+\s+){0,2}(arrested|detained|detaining|arresting)\b|\b(arrested|detained)\b[^.;]{0,60}?\b(beating|wounding|injuring|torturing|assaulting|shooting|whipping|beat|beaten|wounded|injured|tortured|assaulted|shot)\s+(him|her|them|the (man|woman|men|women|suspects?|detainees?|victims?|activists?|journalists?))\b").unwrap()
});
/// Harm "during the arrest", in the arrest's sentence or a later one of its paragraph.
static HARM_DURING_ARREST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(beat|beaten|beat up|assaulted|tortured|wounded|injured|shot|stabbed|whipped)\b[^.;]{0,40}?\b(during|in the course of|while making) (the|his|her|their) (arrests?|detentions?)\b").unwrap()
});

/// A verb of setting on a target ("ambushed", "raided").
static AMBUSH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(ambush(ed|ing)?|raid(ed|ing)?|attack(ed|ing)?|storm(ed|ing)?)$").unwrap()
});
/// A part of a city ("Zolozolo Township", "the Al-Nasr neighbourhood"): coded as the city.
static CITY_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:township|neighbou?rhoods?|quarter|suburbs?|district|ward|estate|compound|market|street|avenue|road)\b").unwrap()
});

/// Between a place and a container named after it: an optional settlement noun, then the
/// opening bracket (and no closing one), "in (the)", a comma, or "area / district … of"
/// ("Ftireh in Idleb", "Doro Naira (Kukawa, Borno)", "the Seneia area of Salah Al Din").
static BRACKETED_CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:village|town|township|city|district|county|commune|locality|area|settlement|hamlet|camp|base|airport|port|corregimiento|kebele|groupement|front|sector|badia|farms|junction|neighbou?rhood|outskirts|vicinity))?(?:\s*\([^)]*|\s+in\s+(?:the\s+)?(?:\p{Lu}[\w-]*['’]s\s+)?|,\s+|\s+(?:village|town|township|district|locality|area|neighbou?rhood|outskirts|vicinity|region|sector)\s+of\s+(?:the\s+)?)$").unwrap()
});

/// Ground taken without fighting: stated as such, or taken after the other side left.
static NO_FIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(no (clash(es)?|fighting|battles?|resistance|shots?)( (was|were) (reported|recorded|fired))?|there (was|were) no (clash(es)?|fighting|resistance)|without (a |any )?(fight(ing)?|resistance|clash(es)?|a shot( being)? fired|bloodshed)|peaceful(ly)?|uncontested|unopposed|(after|when|as|once) (the )?(\S+ ){0,4}(withdr(ew|awn)|left|evacuated|retreated|pulled out|abandoned|vacated|fled|deserted|handed (it )?over)\b|no (information|reports?|details) (on|about|of) whether (any )?(fighting|clashes|battles?|resistance))").unwrap()
});

/// A state's own forces named without the state anywhere before a territory verb:
/// "government forces", "the army" (not "military", which a sentence names for many
/// reasons: "the military said", "fighting with the military").
static GOVERNMENT_FORCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(government|state|national|federal) (security )?(forces|troops|army|soldiers)\b|\b(the|government) security forces\b|\bthe (national )?army\b").unwrap()
});
/// The same, right before a strike or battle word, where the wider set is safe: "a
/// military airstrike", "the junta shelled", "army air strikes".
static OWN_FORCES_RIGHT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(military|army|junta|air force|armed forces|government (forces|troops|soldiers)|regime forces|security forces)\b").unwrap()
});

/// A state's forces named right before a trigger in `before`, not as the head of a group's
/// name ("the National Liberation Army blew up", "the Arakan Army seized": capitalised
/// words before a capitalised "Army" make a name the lexicon may not know).
fn own_forces_right_before(before: &str) -> bool {
    OWN_FORCES_RIGHT_BEFORE.find_iter(before).any(|m| {
        let head_capital = before[m.start()..].starts_with(|c: char| c.is_uppercase());
        let prev_capital = before[..m.start()]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
        !(head_capital && prev_capital)
    })
}

/// ACLED's territory rule: a government taking a place in its own country regains it;
/// anyone else (an armed group, a foreign state's forces) overtakes it. With no taker named,
/// the verb decides ("liberated", "retook" vs "captured", "seized").
fn territory_subtype(taker: Option<&str>, place_country: &str, verb: &str) -> &'static str {
    static RETAKE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(liberat|recaptur|retook|retak|regain|reclaim|restored|won back|recover)").unwrap()
    });
    let lex = sitrep_lexicon::Lexicon::global();
    match taker {
        Some(t) => match lex.state_iso(t) {
            Some(iso) if iso == place_country => "Government regains territory",
            // The state named as the gazetteer names it ("the army" of the place's country).
            None if country_name(place_country).as_deref() == Some(t) => "Government regains territory",
            _ => "Non-state actor overtakes territory",
        },
        None if RETAKE.is_match(verb) => "Government regains territory",
        None => "Non-state actor overtakes territory",
    }
}

fn event_actors(
    a: &Analysis,
    s: &Range<usize>,
    tpos: usize,
    et: &str,
    st: &str,
    country: &str,
    actors: &[&(usize, usize, String)],
) -> (Option<String>, Option<String>) {
    let stext = &a.text[s.clone()];
    let mut a1 = agent(a, s, tpos, actors);
    let loc_country = country_name(country);
    // "A military airstrike hit a school", "the junta shelled the village": a state's forces
    // named without the state, right before the trigger, are the forces of the state where
    // it happened.
    let own_forces = a1.is_none()
        && matches!(et, "Explosions/Remote violence" | "Battles")
        && dyad(country).is_none()
        && own_forces_right_before(&a.text[ceil_boundary(a.text, tpos.saturating_sub(32)).max(s.start)..tpos]);
    let d = dyad(country);
    if et == "Strategic developments" {
        return match st {
            // Over the sea or no country: the named interceptor ("U.S. forces shot down a
            // drone over the Red Sea").
            "Disrupted weapons use" => (loc_country.or(a1), None),
            "Other" | "Looting/property destruction" => (
                None,
                loc_country.filter(|_| {
                    !stext.is_empty() && st == "Other" && cue("alleged").find(stext).is_none()
                }),
            ),
            "Non-violent transfer of territory" => (a1.or(d.map(|x| x.0.to_string())), loc_country),
            // "Colombia's government and FARC dissidents signed a ceasefire": the two parties
            // named before the verb, in their order.
            "Agreement" => {
                let mut parties: Vec<&String> = Vec::new();
                for (x, e, act) in actors.iter() {
                    if *x >= s.start && *x < tpos && !in_dateline_span(a, *x, *e) && !parties.contains(&act) {
                        parties.push(act);
                    }
                }
                match parties.as_slice() {
                    [first, second, ..] => (Some((*first).clone()), Some((*second).clone())),
                    _ => (a1, None),
                }
            }
            _ => (a1, None),
        };
    }
    if et == "Violence against civilians" {
        let victim = loc_country.map(|c| format!("Civilians ({c})"));
        return (a1.or(d.map(|x| x.0.to_string())), victim);
    }
    if et == "Protests" || et == "Riots" {
        // ACLED's crowd actors: protesters, or rioters once the crowd is violent; the state
        // is the one acting when it uses lethal force, and the other side when it intervenes
        // or when rioters clash with its police.
        let crowd = |who: &str| match &loc_country {
            Some(c) => format!("{who} ({c})"),
            None => who.to_string(),
        };
        return match st {
            "Excessive force against protesters" => (loc_country.clone(), Some(crowd("Protesters"))),
            "Protest with intervention" => (Some(crowd("Protesters")), loc_country.clone()),
            "Violent demonstration" => (
                Some(crowd("Rioters")),
                loc_country.filter(|_| POLICE.is_match(stext) || GROUND_KILLERS.is_match(stext)),
            ),
            _ if et == "Riots" => (Some(crowd("Rioters")), None),
            _ => (Some(crowd("Protesters")), None),
        };
    }
    // Remote violence and battles: attacker defaults to the country's adversary.
    // "Ukrainian forces struck an air base in Russian-occupied Crimea": a state striking
    // its own territory held by the other side is the attacker.
    static OCCUPIED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(occupied|annexed|(russian|russia)-(held|controlled|installed))\b").unwrap()
    });
    if a1.as_deref() == loc_country.as_deref()
        && et == "Explosions/Remote violence"
        && !OCCUPIED.is_match(stext)
    {
        // "Russia's Kursk region": the place's country is the target, not the attacker.
        a1 = None;
    }
    if own_forces {
        a1 = loc_country.clone();
    }
    if st == "Government regains territory" {
        // The capturing side: the place's own state ("liberated from Russian forces" names
        // the side that lost it), else the named agent, else the adversary of the place's country.
        let a1 = match (&a1, d) {
            (Some(x), Some((att, _))) if x == att => loc_country.clone(),
            _ => a1,
        };
        let a1 = a1.or(loc_country.clone());
        let a2 = match (&a1, d) {
            (Some(x), Some((att, def))) if x == att => Some(def.to_string()),
            (Some(x), Some((att, def))) if x == def => Some(att.to_string()),
            (Some(x), Some((att, _))) if Some(x) == loc_country.as_ref() => Some(att.to_string()),
            _ => loc_country,
        };
        return (a1, a2);
    }
    let a1 = a1.or(d.map(|x| x.0.to_string()));
    let a2 = match (&a1, d) {
        (Some(x), Some((att, def))) if x == att => Some(def.to_string()),
        (Some(x), Some((att, def))) if x == def => Some(att.to_string()),
        _ => loc_country.filter(|c| Some(c) != a1.as_ref()),
    };
    (a1, a2)
}

fn family(e: &Event) -> &'static str {
    ontology::family(&e.event_type, &e.subtype)
}

fn parse(d: &Option<String>) -> Option<NaiveDate> {
    d.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Merge candidates reporting the same event within the article: same place, compatible
/// families (an unattributed explosion or interception folds into a strike at the place),
/// and dates that agree or where one is soft.
fn merge(cands: Vec<Cand>) -> Vec<Event> {
    let mut out: Vec<Cand> = Vec::new();
    for c in cands {
        let fam = family(&c.ev);
        let place = c.ev.location.as_ref().map(|l| l.name.clone());
        let hit = out.iter_mut().find(|o| {
            let of = family(&o.ev);
            let compatible = of == fam
                || (of == "remote" && (c.ev.subtype == "Other"))
                || (fam == "remote" && o.ev.subtype == "Other");
            let same_place = o.ev.location.as_ref().map(|l| l.name.clone()) == place;
            // The lede's undated event (dated by the publication) and a later sentence's
            // event with its own, different date are two events ("Ukraine has returned 212
            // bodies. ... On April 26, Ukraine returned 140 bodies").
            let background = o.soft_date
                && !c.soft_date
                && o.strong
                && c.strong
                && match (parse(&o.ev.date), parse(&c.ev.date)) {
                    (Some(x), Some(y)) => (x - y).num_days().abs() > 1,
                    _ => false,
                };
            let dates_ok = !background && (o.soft_date || c.soft_date || {
                let (x, y) = (parse(&o.ev.date), parse(&c.ev.date));
                match (x, y) {
                    (Some(x), Some(y)) => {
                        let slack =
                            o.ev.date_precision
                                .max(c.ev.date_precision)
                                .map(|p| p.slack_days())
                                .unwrap_or(0);
                        (x - y).num_days().abs() <= slack
                    }
                    _ => true,
                }
            });
            compatible && same_place && dates_ok
        });
        match hit {
            None => out.push(c),
            Some(o) => {
                // Keep the more specific type: a strike over an interception over an unattributed
                // blast; unrest that turned violent or met force over a peaceful protest.
                // A device defused, found or that failed to go off, named again in
                // another sentence ("the explosive device was attributed to ..."), is
                // the disruption, not a blast (ACLED codes defusals and duds so);
                // a blast with harm stays the blast.
                let harmless = o.ev.fatalities.or(c.ev.fatalities).unwrap_or(0) == 0
                    && o.ev.injured.or(c.ev.injured).unwrap_or(0) == 0;
                let spec = |e: &Event| match (e.event_type.as_str(), e.subtype.as_str()) {
                    ("Strategic developments", "Other") => 0,
                    ("Strategic developments", "Disrupted weapons use")
                        if harmless && cue("defusal").is_match(&e.evidence) => 3,
                    // "air defences intercepted a missile fired by the rebels over X": one
                    // sentence telling both the firing and its interception, with no harm
                    // or impact, is the interception.
                    ("Strategic developments", "Disrupted weapons use")
                        if harmless
                            && c.ev.evidence == o.ev.evidence
                            && !impact_in(&IMPACT_SENTENCE, &e.evidence) => 3,
                    ("Strategic developments", "Disrupted weapons use") => 1,
                    ("Protests", "Peaceful protest") => 1,
                    // "deployed troops and established a base": the movement is the lesser act.
                    ("Strategic developments", "Change to group/activity") => 1,
                    // A clash in which ground changed hands is coded as the change (ACLED).
                    ("Battles", "Government regains territory")
                    | ("Battles", "Non-state actor overtakes territory") => 3,
                    _ => 2,
                };
                if spec(&c.ev) > spec(&o.ev) {
                    o.ev.event_type = c.ev.event_type.clone();
                    o.ev.subtype = c.ev.subtype.clone();
                    o.ev.actor1 = c.ev.actor1.clone().or(o.ev.actor1.take());
                    // An interception has no target side (the strike's target was the
                    // interceptor's own country).
                    o.ev.actor2 = if c.ev.subtype == "Disrupted weapons use" {
                        c.ev.actor2.clone()
                    } else {
                        c.ev.actor2.clone().or(o.ev.actor2.take())
                    };
                }
                if o.soft_date && !c.soft_date {
                    o.ev.date = c.ev.date.clone();
                    o.ev.date_precision = c.ev.date_precision;
                    o.soft_date = false;
                    o.ev.evidence = c.ev.evidence.clone();
                    o.ev.evidence_start = c.ev.evidence_start;
                    o.ev.evidence_end = c.ev.evidence_end;
                }
                o.ev.fatalities = o.ev.fatalities.or(c.ev.fatalities);
                o.ev.injured = o.ev.injured.or(c.ev.injured);
                o.ev.intercepted = o.ev.intercepted.or(c.ev.intercepted);
                for w in c.ev.weapons {
                    if !o.ev.weapons.contains(&w) {
                        o.ev.weapons.push(w);
                    }
                }
                if o.ev.certainty == Certainty::Reported
                    && c.ev.certainty != Certainty::Reported
                    && c.strong
                {
                    o.ev.certainty = c.ev.certainty;
                    o.ev.claimed_by = c.ev.claimed_by.clone();
                }
                o.strong |= c.strong;
            }
        }
    }
    out.sort_by_key(|c| c.order);
    let mut events: Vec<Event> = out.into_iter().map(|c| c.ev).collect();
    summaries_after_their_places(&mut events);
    events
}

/// "The attack on the Dnipropetrovsk region killed nine … In Dnipro, seven people were
/// killed … in Samar, two": a region's event that sums up events of the same
/// family and day at places inside it is listed after them, so a record reads detail first
/// and a consumer pairing events in order meets the places before their summary.
fn summaries_after_their_places(events: &mut Vec<Event>) {
    let inside = |outer: &Event, inner: &Event| {
        let (Some(o), Some(i)) = (outer.location.as_ref(), inner.location.as_ref()) else {
            return false;
        };
        family(outer) == family(inner)
            && outer.date == inner.date
            && i.precision == PlacePrecision::City
            && match o.precision {
                PlacePrecision::Region => i.admin1.is_some() && i.admin1.as_deref() == Some(o.name.as_str()),
                // A national tally is no summary of one town's event.
                PlacePrecision::Country | PlacePrecision::City => false,
            }
    };
    // An event's place in the order: its own index, or just after the last event it sums up.
    let keys: Vec<(usize, bool)> = (0..events.len())
        .map(|k| {
            match (k + 1..events.len()).rev().find(|&j| inside(&events[k], &events[j])) {
                Some(last) => (last, true),
                None => (k, false),
            }
        })
        .collect();
    let mut keyed: Vec<((usize, bool), Event)> = keys.into_iter().zip(std::mem::take(events)).collect();
    keyed.sort_by_key(|(k, _)| *k);
    *events = keyed.into_iter().map(|(_, e)| e).collect();
}

/// Whether a place is at settlement precision.
pub fn is_city(l: &Location) -> bool {
    l.precision == PlacePrecision::City
}

/// Compile every rule table now (called by `Pipeline::new`), so a broken data file fails at start-up.
pub fn preload() {
    LazyLock::force(&TRIGGER_SET);
    LazyLock::force(&IMPACT);
    LazyLock::force(&DYADS);
    LazyLock::force(&CONTEXT_RULES);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_tables_compile_and_follow_the_ontology() {
        preload();
        assert!(TRIGGERS.len() > 20);
        for t in TRIGGERS.iter() {
            assert!(CLASSES.contains(&t.subtype) || ontology::is_valid(t.event_type, t.subtype));
        }
        assert_eq!(dyad("UA"), Some(("Russia", "Ukraine")));
    }

    #[test]
    fn protest_subtypes_follow_what_happened() {
        let none = Counts::default();
        let killed = Counts {
            fatalities: Some(3),
            ..Counts::default()
        };
        let p = |s: &str, c: &Counts| protest_subtype("Protests", "Peaceful protest", s, c).1;
        assert_eq!(
            p("Thousands protested in Tbilisi against the law.", &none),
            "Peaceful protest"
        );
        assert_eq!(
            p(
                "Riot police fired tear gas at protesters in Tbilisi.",
                &none
            ),
            "Protest with intervention"
        );
        assert_eq!(
            p("Three people died during protests in La Paz.", &killed),
            "Excessive force against protesters"
        );
        assert_eq!(
            p(
                "Protesters threw stones and torched cars in Nairobi.",
                &none
            ),
            "Violent demonstration"
        );
        assert_eq!(
            protest_subtype("Battles", "Armed clash", "police clashed", &killed),
            ("Battles", "Armed clash")
        );
    }
}

