//! # sitrep-lexicon
//!
//! People, organisations, actors, titles, weapons vocabulary and known
//! misspellings: the lexicon data in `data/*.tsv` (embedded at compile time)
//! and the recognisers built on it.
//!
//! - [`Lexicon::entities`] finds person and organisation mentions and
//!   canonicalises them: aliases and transliterations fold into one name,
//!   titles are stripped, surnames link to the full name, role phrases
//!   ("the Kremlin spokesman") resolve to the office holder at a date,
//!   known misspellings and near-misses are flagged, and unknown people
//!   introduced by a title, an apposition or a speech verb are found too.
//! - [`Lexicon::actor_of`] / [`Lexicon::actors_in`] map phrases to canonical
//!   actors ("Russian forces" → `Russia`, "ISIS" → `Islamic State`).
//! - [`Lexicon::weapons_in`] maps weapon words to the record format's
//!   weapon categories.
//!
//! ## Data
//!
//! All lexicons are tab-separated files in `data/`, each opening with a
//! `# source:` line that also documents its columns, compiled into the
//! binary with `include_str!`:
//! `people.tsv` (canonical name, affiliation, aliases and transliterations,
//! standalone surnames), `roles.tsv` (role phrases → office holder with
//! from/to dates; `{RU}` expands to "Russian" / "Russia's"), `orgs.tsv`,
//! `titles.tsv`, `actors.tsv` (states, capitals as metonyms, armed groups,
//! force and civilian nouns), `weapons.tsv`, `misspellings.tsv` (which
//! variants are accepted transliterations and which are spelling errors),
//! `given_names.tsv`, `speech_verbs.tsv` and `non_name_words.tsv`.
//!
//! ## How names are found
//!
//! One trie (an Aho–Corasick contiguous NFA, walked anchored from each word
//! that opens some pattern: [`Lexicon::scan`]) holds every full name, alias,
//! surname and organisation alias (matched case-sensitively), role phrases
//! and titles (ASCII case-insensitively) and actor names. Surnames link to a
//! person named in full in the same document, else to the one known person
//! they stand for alone. Role phrases resolve by date unless a name stands
//! next to them ("Kremlin spokesman Dmitry Peskov", "Sergei Shoigu, Russia's
//! Security Council Secretary") or they are qualified ("former", "a",
//! "served as"). Unknown
//! people are capitalised runs of two or three words introduced by a title
//! ("analyst Maria Avdeeva"), followed by an apposition with a role word
//! ("Maria Avdeeva, a prominent Ukrainian analyst,") or, when the first word
//! is a known given name, next to a speech verb ("Maria Avdeeva said",
//! "said Maria Avdeeva"). Words of bodies, places, days and months never
//! make a person. A capitalised word of six letters or more that is one edit
//! away from a known surname and stands in a person context (after a title,
//! before a speech verb) is matched with `misspelled: true`.
//!
//! ```
//! use chrono::NaiveDate;
//! use sitrep_lexicon::{EntityKind, Lexicon};
//!
//! let lex = Lexicon::global();
//! let text = "Putin's spokesman Peshkov said talks had failed, \
//!             the White House press secretary told reporters.";
//! let found = lex.entities(text, NaiveDate::from_ymd_opt(2021, 6, 1));
//! let peskov = found.iter().find(|m| m.name == "Dmitry Peskov").unwrap();
//! assert!(peskov.misspelled && peskov.kind == EntityKind::Person);
//! assert_eq!(&text[peskov.start..peskov.end], "Peshkov");
//! assert!(found.iter().any(|m| m.name == "Jen Psaki" && m.via_title));
//!
//! assert_eq!(lex.actor_of("Russian troops"), Some("Russia"));
//! assert_eq!(lex.actor_of("Ukrainian civilians"), Some("Civilians (Ukraine)"));
//! assert_eq!(lex.weapons_in("Shahed drones and glide bombs"), ["drone", "air strike"]);
//! ```

mod data;
mod text;
mod translit;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;

use text::{age_follows, norm_phrase, only_spaces, tokens, whole_word, Token, WORD_BYTE};

/// Word sets probed once per token. Fx hashing: the keys are our own data,
/// so hash flooding from article text cannot target them.
type FastSet = HashSet<String>;

/// What kind of named thing a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Org,
}

/// One person or organisation mention in a text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityMention {
    /// Byte offsets into the text: `&text[start..end] == text_field`.
    pub start: usize,
    pub end: usize,
    /// Surface form as written.
    pub text: String,
    pub kind: EntityKind,
    /// Canonical name ("Volodymyr Zelenskyy", "UK Ministry of Defence").
    pub name: String,
    /// Affiliation (ISO 3166-1 alpha-2) when known: "RU" for Dmitry Peskov.
    pub country: Option<String>,
    /// Matched through a known misspelling or a fuzzy surname match.
    pub misspelled: bool,
    /// Resolved from a role phrase ("the Kremlin spokesman").
    pub via_title: bool,
}

/// A known person.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub country: Option<String>,
}

/// A known organisation.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub country: Option<String>,
    /// The actor it acts for (`IDF` → `Israel`), when it is one.
    pub actor: Option<String>,
}

/// What a surface form in the name automaton stands for.
#[derive(Debug, Clone, Default)]
struct NameEntry {
    /// Full-name form of this person.
    person: Option<u32>,
    /// Name or alias of this organisation.
    org: Option<u32>,
    /// People with this surname (linked when their full name is in the document).
    surname_of: Vec<u32>,
    /// Of those, people linked from the surname alone.
    standalone: Vec<u32>,
    /// The form is a spelling error.
    misspelled: bool,
    /// Short all-caps acronym: rejected next to other all-caps words (headlines).
    acronym: bool,
}

/// A match of the name automaton.
struct Hit {
    start: usize,
    end: usize,
    entry: u32,
}

/// Hits of the three pattern sets searched over whole texts, as
/// `(start, end, pattern)` byte spans in text order: known names and name
/// forms (case-sensitive), role and title phrases (ASCII case-insensitive),
/// actor names, metonyms and adjectives (case-sensitive). A hit starts where
/// a word can start (text start or after a non-word character) and the
/// pattern's first word is the whole word written there ("Putin" is found
/// in "Putin's", not in "Putinism"); at each such place a set keeps its
/// longest pattern (the first listed on ties) unless the place is inside the
/// set's previous hit. On whole words this is what a leftmost-longest search
/// per set finds. Made by [`Lexicon::scan`].
#[derive(Debug, Default, Clone)]
pub struct Scan {
    names: Vec<(usize, usize, u32)>,
    phrases: Vec<(usize, usize, u32)>,
    actors: Vec<(usize, usize, u32)>,
}

/// The automaton behind [`Scan`]: the three sets' patterns in one ASCII
/// case-insensitive trie, walked anchored from each word of the text whose
/// whole first word some pattern opens with (a hash-set check). A walk stops
/// where no pattern continues, so a text costs a hash per word and a short
/// walk for the few words that can open a pattern, rather than a pass of a
/// 4,000-pattern automaton over every byte. The exact-case check then drops
/// the hits of the case-sensitive sets written in another case, and each set
/// keeps, at each start, its longest pattern (the lowest pattern id on ties)
/// unless it begins inside the set's previous hit.
struct ScanAutomaton {
    nfa: aho_corasick::nfa::contiguous::NFA,
    /// Each pattern as given (the case-sensitive sets compare against it).
    pats: Vec<Box<str>>,
    /// First pattern id of the phrase set and of the actor set.
    phrases_at: usize,
    actors_at: usize,
    /// Hashes ([`first_word`]) of the first words patterns open with.
    first_words: HashSet<u64>,
    /// Some pattern opens with a non-word character.
    opens_with_punct: bool,
    /// Length of each pattern's first word ([`first_word`]).
    first_len: Vec<u32>,
}

/// The run of word characters at the start of `s`: its length in bytes and
/// its FNV-1a hash with ASCII letters lower-cased (the automaton's case rule).
#[inline]
fn first_word(s: &str) -> (usize, u64) {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        let c = WORD_BYTE[b[i] as usize];
        if c == 0 {
            break;
        }
        if c != 0xFF {
            h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
            i += 1;
            continue;
        }
        match s[i..].chars().next() {
            Some(ch) if text::is_word_char(ch) => {
                for &x in &b[i..i + ch.len_utf8()] {
                    h = (h ^ x as u64).wrapping_mul(0x0100_0000_01b3);
                }
                i += ch.len_utf8();
            }
            _ => break,
        }
    }
    (i, h)
}

/// Length in bytes of the run of word characters at the start of `s`.
#[cfg(test)]
fn word_len(s: &str) -> usize {
    first_word(s).0
}

impl ScanAutomaton {
    fn new(names: &[String], phrases: &[String], actors: &[String]) -> Self {
        let pats: Vec<Box<str>> = names
            .iter()
            .chain(phrases)
            .chain(actors)
            .map(|p| p.as_str().into())
            .collect();
        // Anchored walks only visit the states near the root; the contiguous
        // NFA keeps the whole trie under 1 MB (as a DFA it takes 20 MB).
        let nfa = aho_corasick::nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(pats.iter().map(|p| p.as_bytes()))
            .expect("name, phrase and actor automaton");
        let mut first_words = HashSet::default();
        let mut first_len = Vec::with_capacity(pats.len());
        for p in &pats {
            let (len, h) = first_word(p);
            first_len.push(len as u32);
            if len > 0 {
                first_words.insert(h);
            }
        }
        let opens_with_punct = first_len.contains(&0);
        ScanAutomaton {
            nfa,
            pats,
            phrases_at: names.len(),
            actors_at: names.len() + phrases.len(),
            first_words,
            opens_with_punct,
            first_len,
        }
    }

    fn scan(&self, text: &str) -> Scan {
        let bytes = text.as_bytes();
        let mut sets: [Vec<(usize, usize, u32)>; 3] = Default::default();
        // where each set's next hit may start
        let mut next = [0usize; 3];
        let mut i = 0;
        let mut after_word = false;
        while i < bytes.len() {
            let class = WORD_BYTE[bytes[i] as usize];
            // ASCII space or punctuation (the common gap) needs no look at the word
            let (w, h) = if class == 0 {
                (0, 0)
            } else {
                first_word(&text[i..])
            };
            if w > 0 {
                // a word: a pattern can only start here if it opens with this whole word
                if !after_word && self.first_words.contains(&h) {
                    self.walk(text, i, w, &mut sets, &mut next);
                }
                after_word = true;
                i += w;
                continue;
            }
            if !after_word && self.opens_with_punct {
                self.walk(text, i, 0, &mut sets, &mut next);
            }
            after_word = false;
            i += if class == 0 {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
        }
        let [names, phrases, actors] = sets;
        Scan {
            names,
            phrases,
            actors,
        }
    }

    /// Walks the trie anchored at `p`, where a word of `word` bytes starts,
    /// and records each set's longest hit there.
    fn walk(
        &self,
        text: &str,
        p: usize,
        word: usize,
        sets: &mut [Vec<(usize, usize, u32)>; 3],
        next: &mut [usize; 3],
    ) {
        use aho_corasick::{automaton::Automaton, Anchored};
        let nfa = &self.nfa;
        let bytes = text.as_bytes();
        // longest hit of each set at p: (end, pattern)
        let mut best: [Option<(usize, u32)>; 3] = [None; 3];
        let mut sid = nfa
            .start_state(Anchored::Yes)
            .expect("an NFA supports anchored searches");
        for (i, &b) in bytes.iter().enumerate().skip(p) {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                break;
            }
            if !nfa.is_match(sid) {
                continue;
            }
            let e = i + 1;
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                let id = pid.as_usize();
                // a state also carries the patterns that end here but start
                // later; and a pattern's first word must be the whole word at p
                if e - nfa.pattern_len(pid) != p || self.first_len[id] as usize != word {
                    continue;
                }
                let (set, local) = if id >= self.actors_at {
                    (2, id - self.actors_at)
                } else if id >= self.phrases_at {
                    (1, id - self.phrases_at)
                } else {
                    (0, id)
                };
                if set != 1 && &bytes[p..e] != self.pats[id].as_bytes() {
                    continue;
                }
                let local = local as u32;
                if best[set].is_none_or(|(be, bp)| e > be || (e == be && local < bp)) {
                    best[set] = Some((e, local));
                }
            }
        }
        for set in 0..3 {
            if let Some((e, id)) = best[set] {
                if p >= next[set] {
                    sets[set].push((p, e, id));
                    next[set] = e;
                }
            }
        }
    }
}

/// A role phrase's office holders over time.
#[derive(Debug, Clone)]
struct Holder {
    person: u32,
    from: NaiveDate,
    to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleKind {
    Honorific,
    Office,
    Rank,
    Role,
}

#[derive(Debug, Clone)]
enum Phrase {
    Role(u32),
    Title(TitleKind),
}

/// What a surface form in the actor automaton stands for.
#[derive(Debug, Clone, Default)]
struct ActorEntry {
    /// Stands for the actor on its own ("Russia", "Moscow", "ISIS").
    alone: Option<u32>,
    /// Adjective: an actor only with a following force or civilian noun.
    adjective: Option<u32>,
    acronym: bool,
}

/// The lexicons and the automata built from them. Build once: [`Lexicon::global`].
pub struct Lexicon {
    people: Vec<Person>,
    orgs: Vec<Org>,
    names: Vec<NameEntry>,
    roles: Vec<Vec<Holder>>,
    /// Terms of office by person name (sorted, deduplicated), built once from `roles`.
    terms_by_name: HashMap<String, Vec<(NaiveDate, Option<NaiveDate>)>>,
    /// The most recent change of office in `roles`.
    vintage: Option<NaiveDate>,
    phrases: Vec<Phrase>,
    /// Lower-case role and title phrase → index in `phrases`.
    phrase_index: HashMap<String, u32>,
    /// One automaton for the three whole-text pattern sets (see [`Lexicon::scan`]).
    scan_ac: ScanAutomaton,
    /// Single-word titles, lower-case and capitalised (for apposition and rejection checks).
    title_words: FastSet,
    given_names: FastSet,
    /// Verbs that mark the preceding name as a speaker ("said", "warned").
    speech_verbs: FastSet,
    /// Capitalised words that never belong to a person's name.
    non_name_words: FastSet,
    /// Deletion-neighbourhood index of surnames (≥ 6 letters) for fuzzy matching.
    fuzzy: HashMap<String, Vec<u32>>,
    /// Surname strings by name-entry index, for verifying fuzzy hits.
    surname_text: HashMap<u32, String>,
    /// Transliteration key ([`translit::fold_name`]) of every full-name form → person.
    fold_full: HashMap<String, u32>,
    /// Transliteration key of every surname form (5+ letters) → the name entry
    /// whose `surname_of` / `standalone` it shares.
    fold_surname: HashMap<String, u32>,
    /// Given-name variants and Ukrainian spellings (`name_variants.tsv`).
    variants: translit::Variants,
    actors: Vec<String>,
    /// `Civilians (X)` actor index for each state actor index.
    civilians_of: HashMap<u32, u32>,
    actor_entries: Vec<ActorEntry>,
    /// Normalised phrase → actor (names, metonyms, aliases, org names).
    actor_map: HashMap<String, u32>,
    /// Normalised adjective → actor.
    adjective_map: HashMap<String, u32>,
    force_nouns: HashSet<String>,
    civilian_nouns: HashSet<String>,
    state_by_iso: HashMap<String, u32>,
    /// ISO2 code of each state actor.
    iso_of_actor: HashMap<u32, String>,
    weapon_cats: Vec<&'static str>,
    weapons_ac: AhoCorasick,
}

/// The weapon categories of the record format.
pub use sitrep_model::ontology::WEAPONS as WEAPON_CATEGORIES;

/// The one weapon category of `weapons.tsv` that is not a record category: combat aircraft
/// named as the means of a strike ("Su-25 jets", "helicopter gunships"). Reported as
/// `air strike` by [`Lexicon::weapons_in`]; [`Lexicon::weapon_spans`] keeps it apart so
/// that a strike typer can let a named munition decide first ("fighter jets were scrambled
/// as missiles hit Lviv" is a missile strike).
pub const AIRCRAFT: &str = "aircraft";

/// The record category of a weapon category of `weapons.tsv`: itself, or `air strike` for
/// [`AIRCRAFT`].
pub fn record_category(cat: &str) -> &str {
    if cat == AIRCRAFT {
        "air strike"
    } else {
        cat
    }
}

fn title_kind(s: &str) -> TitleKind {
    match s {
        "honorific" => TitleKind::Honorific,
        "office" => TitleKind::Office,
        "rank" => TitleKind::Rank,
        _ => TitleKind::Role,
    }
}

/// Add the typographic-apostrophe twin of a pattern containing `'`.
fn with_apostrophes(p: &str) -> Vec<String> {
    if p.contains('\'') {
        vec![p.to_string(), p.replace('\'', "’")]
    } else {
        vec![p.to_string()]
    }
}

fn is_short_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 4 && s.chars().all(|c| !c.is_lowercase())
}

/// Edit distance ≤ 1 (insertion, deletion, substitution or adjacent transposition).
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // substitution, or adjacent transposition
        a[p + 1..] == b[p + 1..]
            || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        a[p..] == b[p + 1..]
    }
}

/// Strings obtained by deleting at most one character (the SymSpell neighbourhood).
fn deletions(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(s.to_string());
    for i in 0..chars.len() {
        out.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
    }
    out
}

impl Lexicon {
    /// The lexicon built from the embedded data, built once on first use.
    pub fn global() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::new)
    }

    /// Build the lexicon from the embedded `data/*.tsv` files (a few milliseconds).
    pub fn new() -> Lexicon {
        // ---------------------------------------------------------------- actors
        let mut actors: Vec<String> = Vec::new();
        let mut actor_idx: HashMap<String, u32> = HashMap::default();
        let mut intern = |actors: &mut Vec<String>, name: &str| -> u32 {
            if let Some(&i) = actor_idx.get(name) {
                return i;
            }
            actors.push(name.to_string());
            let i = (actors.len() - 1) as u32;
            actor_idx.insert(name.to_string(), i);
            i
        };
        let mut actor_forms: HashMap<String, ActorEntry> = HashMap::default();
        let mut actor_map: HashMap<String, u32> = HashMap::default();
        let mut adjective_map: HashMap<String, u32> = HashMap::default();
        let mut force_nouns = HashSet::default();
        let mut civilian_nouns = HashSet::default();
        let mut civilians_of = HashMap::default();
        let mut state_by_iso = HashMap::default();
        // Country adjective/possessive and name forms for {XX} / {XX:n} in roles.tsv.
        let mut country_adj: HashMap<String, Vec<String>> = HashMap::default();
        let mut country_names: HashMap<String, Vec<String>> = HashMap::default();
        let mut aliases: Vec<(String, String)> = Vec::new();
        for row in data::rows(data::ACTORS, 6) {
            match row[0] {
                "@force" => force_nouns.extend(data::multi(row[1]).map(str::to_lowercase)),
                "@civilian" => civilian_nouns.extend(data::multi(row[1]).map(str::to_lowercase)),
                "@alias" => aliases.push((row[1].to_string(), row[2].to_string())),
                name => {
                    let a = intern(&mut actors, name);
                    let iso = row[1];
                    let is_state = row[2] == "state";
                    if is_state {
                        let civ = intern(&mut actors, &format!("Civilians ({name})"));
                        civilians_of.insert(a, civ);
                        if !iso.is_empty() {
                            state_by_iso.insert(iso.to_string(), a);
                        }
                    }
                    let mut add_alone = |form: &str| {
                        let form = form.strip_prefix("the ").unwrap_or(form);
                        actor_map.entry(norm_phrase(form)).or_insert(a);
                        let e = actor_forms.entry(form.to_string()).or_default();
                        e.alone.get_or_insert(a);
                        e.acronym = is_short_acronym(form);
                    };
                    for n in data::multi(row[3]) {
                        add_alone(n);
                    }
                    for m in data::multi(row[5]) {
                        add_alone(m);
                    }
                    actor_map.entry(norm_phrase(name)).or_insert(a);
                    for adj in data::multi(row[4]) {
                        adjective_map.entry(norm_phrase(adj)).or_insert(a);
                        let e = actor_forms.entry(adj.to_string()).or_default();
                        e.adjective.get_or_insert(a);
                        e.acronym = is_short_acronym(adj);
                    }
                    if is_state && !iso.is_empty() {
                        let mut adj: Vec<String> = data::multi(row[4]).map(String::from).collect();
                        let names: Vec<String> = data::multi(row[3]).map(String::from).collect();
                        for n in &names {
                            let n = n.strip_prefix("the ").unwrap_or(n);
                            if n.chars().any(|c| c.is_lowercase()) || n.len() > 3 {
                                adj.push(format!("{n}'s"));
                            }
                        }
                        country_adj.insert(iso.to_string(), adj);
                        country_names.insert(iso.to_string(), names);
                    }
                }
            }
        }
        for (phrase, actor) in &aliases {
            let a = intern(&mut actors, actor);
            actor_map.insert(norm_phrase(phrase), a);
            let e = actor_forms.entry(phrase.clone()).or_default();
            e.alone.get_or_insert(a);
            e.acronym = is_short_acronym(phrase);
        }

        // ---------------------------------------------------------------- people
        let mut people: Vec<Person> = Vec::new();
        let mut person_idx: HashMap<String, u32> = HashMap::default();
        let mut name_forms: HashMap<String, NameEntry> = HashMap::default();
        for row in data::rows(data::PEOPLE, 4) {
            let id = people.len() as u32;
            let name = row[0];
            people.push(Person {
                name: name.to_string(),
                country: data::opt(row[1]),
            });
            person_idx.insert(name.to_string(), id);
            let mut fulls: Vec<&str> = vec![name];
            fulls.extend(data::multi(row[2]));
            for f in &fulls {
                for v in with_apostrophes(f) {
                    name_forms.entry(v).or_default().person.get_or_insert(id);
                }
            }
            // Every last word is a link-only surname; the standalone column says which link alone.
            let mut surnames: Vec<&str> = fulls
                .iter()
                .filter_map(|f| f.split_whitespace().last())
                .filter(|s| s.len() > 1)
                .collect();
            surnames.dedup();
            let standalone: Vec<&str> = match row[3] {
                "-" => vec![],
                "" => surnames.clone(),
                col => data::multi(col).collect(),
            };
            for s in surnames.iter().chain(&standalone) {
                let e = name_forms.entry(s.to_string()).or_default();
                if !e.surname_of.contains(&id) {
                    e.surname_of.push(id);
                }
            }
            for s in &standalone {
                let e = name_forms.entry(s.to_string()).or_default();
                if !e.standalone.contains(&id) {
                    e.standalone.push(id);
                }
            }
        }

        // ---------------------------------------------------------------- orgs
        let mut orgs: Vec<Org> = Vec::new();
        let mut org_idx: HashMap<String, u32> = HashMap::default();
        for row in data::rows(data::ORGS, 4) {
            let id = orgs.len() as u32;
            let actor = data::opt(row[2]);
            orgs.push(Org {
                name: row[0].to_string(),
                country: data::opt(row[1]),
                actor: actor.clone(),
            });
            org_idx.insert(row[0].to_string(), id);
            let forms = std::iter::once(row[0]).chain(data::multi(row[3]));
            for f in forms {
                let f = f.strip_prefix("the ").unwrap_or(f);
                for v in with_apostrophes(f) {
                    let e = name_forms.entry(v.clone()).or_default();
                    if e.org.is_none() {
                        e.org = Some(id);
                    }
                    e.acronym = is_short_acronym(&v);
                }
                if let Some(act) = &actor {
                    let a = intern(&mut actors, act);
                    actor_map.entry(norm_phrase(f)).or_insert(a);
                    let e = actor_forms.entry(f.to_string()).or_default();
                    e.alone.get_or_insert(a);
                    e.acronym = is_short_acronym(f);
                }
            }
        }

        // ---------------------------------------------------------------- misspellings
        for row in data::rows(data::MISSPELLINGS, 3) {
            let (form, canon, bad) = (row[0], row[1], row[2] == "yes");
            if let Some(&p) = person_idx.get(canon) {
                let e = name_forms.entry(form.to_string()).or_default();
                if form.contains(' ') {
                    e.person.get_or_insert(p);
                } else {
                    if !e.surname_of.contains(&p) {
                        e.surname_of.push(p);
                    }
                    if !e.standalone.contains(&p) {
                        e.standalone.push(p);
                    }
                }
                e.misspelled |= bad;
            } else if let Some(&o) = org_idx.get(canon) {
                let e = name_forms.entry(form.to_string()).or_default();
                e.org.get_or_insert(o);
                e.misspelled |= bad;
            }
        }

        let mut name_pats: Vec<String> = Vec::with_capacity(name_forms.len());
        let mut names: Vec<NameEntry> = Vec::with_capacity(name_forms.len());
        let mut fuzzy: HashMap<String, Vec<u32>> = HashMap::default();
        let mut surname_text = HashMap::default();
        let mut forms: Vec<(String, NameEntry)> = name_forms.into_iter().collect();
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        let mut fold_full: HashMap<String, u32> = HashMap::default();
        let mut fold_surname: HashMap<String, u32> = HashMap::default();
        for (form, entry) in forms {
            let i = names.len() as u32;
            if !entry.misspelled {
                if let Some(p) = entry.person {
                    if form.contains(' ') {
                        fold_full
                            .entry(translit::fold_name(form.split_whitespace()))
                            .or_insert(p);
                    }
                }
                if !entry.surname_of.is_empty() && !form.contains(' ') {
                    let key = translit::fold(&form);
                    if key.len() >= 5 {
                        fold_surname.entry(key).or_insert(i);
                    }
                }
            }
            if !entry.misspelled
                && !entry.surname_of.is_empty()
                && form.chars().count() >= 6
                && !form.contains(' ')
            {
                surname_text.insert(i, form.clone());
                for d in deletions(&form) {
                    fuzzy.entry(d).or_default().push(i);
                }
            }
            name_pats.push(form);
            names.push(entry);
        }

        // ---------------------------------------------------------------- roles and titles
        let expand = |pat: &str| -> Vec<String> {
            // Expand {XX} / {XX:n} country placeholders; one placeholder per pattern.
            if let (Some(s), Some(e)) = (pat.find('{'), pat.find('}')) {
                let key = &pat[s + 1..e];
                let (iso, names_only) = match key.strip_suffix(":n") {
                    Some(iso) => (iso, true),
                    None => (key, false),
                };
                let forms = if names_only {
                    country_names.get(iso)
                } else {
                    country_adj.get(iso)
                };
                forms
                    .into_iter()
                    .flatten()
                    .map(|f| format!("{}{}{}", &pat[..s], f, &pat[e + 1..]))
                    .collect()
            } else {
                vec![pat.to_string()]
            }
        };
        let mut phrase_forms: HashMap<String, Phrase> = HashMap::default();
        let mut roles: Vec<Vec<Holder>> = Vec::new();
        let mut role_by_pattern: HashMap<String, u32> = HashMap::default();
        // `@template NAME PATTERNS`: role phrases with a `{P}` place slot, used by
        // rows as `@NAME(Place/Variant)`, one phrase per pattern and place spelling.
        let mut templates: HashMap<&str, Vec<&str>> = HashMap::default();
        for row in data::rows(data::ROLES, 4) {
            if row[0] == "@template" {
                templates.insert(row[1], data::multi(row[2]).collect());
            }
        }
        let use_template = |p: &str| -> Option<Vec<String>> {
            let call = p.strip_prefix('@')?;
            let (name, places) = call.strip_suffix(')')?.split_once('(')?;
            let pats = templates
                .get(name.trim())
                .unwrap_or_else(|| panic!("roles.tsv: unknown template {name:?}"));
            Some(
                places
                    .split('/')
                    .flat_map(|pl| pats.iter().map(move |t| t.replace("{P}", pl.trim())))
                    .collect(),
            )
        };
        for row in data::rows(data::ROLES, 4) {
            if row[0] == "@template" {
                continue;
            }
            let Some(&person) = person_idx.get(row[1]) else {
                panic!("roles.tsv names unknown person {:?}", row[1]);
            };
            let from = data::date(row[2]).expect("roles.tsv from date");
            let holder = Holder {
                person,
                from,
                to: data::date(row[3]),
            };
            let phrases: Vec<String> = data::multi(row[0])
                .flat_map(|p| use_template(p).unwrap_or_else(|| vec![p.to_string()]))
                .collect();
            for p in &phrases {
                for e in expand(p) {
                    for v in with_apostrophes(&e) {
                        let key = v.to_lowercase();
                        let r = *role_by_pattern.entry(key.clone()).or_insert_with(|| {
                            roles.push(Vec::new());
                            (roles.len() - 1) as u32
                        });
                        let hs = &mut roles[r as usize];
                        if !hs
                            .iter()
                            .any(|h| h.person == holder.person && h.from == holder.from)
                        {
                            hs.push(holder.clone());
                        }
                        phrase_forms.insert(key, Phrase::Role(r));
                    }
                }
            }
        }
        let mut title_words = FastSet::default();
        for row in data::rows(data::TITLES, 2) {
            let key = row[0].to_lowercase();
            if !key.contains(' ') {
                let w = key.trim_end_matches('.');
                let mut cap: String = w[..1].to_uppercase();
                cap.push_str(&w[1..]);
                title_words.insert(w.to_string());
                title_words.insert(cap);
            }
            phrase_forms
                .entry(key)
                .or_insert(Phrase::Title(title_kind(row[1])));
        }
        let mut phrase_pats = Vec::with_capacity(phrase_forms.len());
        let mut phrases = Vec::with_capacity(phrase_forms.len());
        let mut pf: Vec<(String, Phrase)> = phrase_forms.into_iter().collect();
        pf.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, ph) in pf {
            phrase_pats.push(p);
            phrases.push(ph);
        }
        let phrase_index: HashMap<String, u32> = phrase_pats
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as u32))
            .collect();

        // ---------------------------------------------------------------- actors automaton
        let mut actor_pats = Vec::with_capacity(actor_forms.len());
        let mut actor_entries = Vec::with_capacity(actor_forms.len());
        let mut af: Vec<(String, ActorEntry)> = actor_forms.into_iter().collect();
        af.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, e) in af {
            for v in with_apostrophes(&p) {
                actor_pats.push(v);
                actor_entries.push(e.clone());
            }
        }
        let scan_ac = ScanAutomaton::new(&name_pats, &phrase_pats, &actor_pats);

        // ---------------------------------------------------------------- weapons
        let mut weapon_pats = Vec::new();
        let mut weapon_cats = Vec::new();
        for row in data::rows(data::WEAPONS, 2) {
            let cat = WEAPON_CATEGORIES
                .iter()
                .chain(std::iter::once(&AIRCRAFT))
                .find(|c| **c == row[1])
                .unwrap_or_else(|| panic!("weapons.tsv: unknown category {:?}", row[1]));
            weapon_pats.push(row[0].to_lowercase());
            weapon_cats.push(*cat);
        }
        let weapons_ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(&weapon_pats)
            .expect("weapon automaton");

        // ---------------------------------------------------------------- word lists
        let given_names = data::rows(data::GIVEN_NAMES, 1)
            .map(|r| r[0].to_string())
            .collect();
        let speech_verbs = data::rows(data::SPEECH_VERBS, 1)
            .map(|r| r[0].to_string())
            .collect();
        let mut non_name_words: FastSet = data::rows(data::NON_NAME_WORDS, 1)
            .map(|r| r[0].to_string())
            .collect();
        // Single-word actor names, metonyms and adjectives ("Russian", "Kyiv") and org names.
        for p in &actor_pats {
            if !p.contains(' ') {
                non_name_words.insert(p.trim_end_matches("'s").to_string());
            }
        }
        for o in &orgs {
            if !o.name.contains(' ') {
                non_name_words.insert(o.name.clone());
            }
        }

        let mut lex = Lexicon {
            people,
            orgs,
            names,
            roles,
            phrases,
            phrase_index,
            scan_ac,
            title_words,
            given_names,
            speech_verbs,
            non_name_words,
            fuzzy,
            surname_text,
            fold_full,
            fold_surname,
            variants: translit::Variants::load(),
            actors,
            civilians_of,
            actor_entries,
            actor_map,
            adjective_map,
            force_nouns,
            civilian_nouns,
            iso_of_actor: state_by_iso
                .iter()
                .map(|(iso, &a)| (a, iso.clone()))
                .collect(),
            state_by_iso,
            weapon_cats,
            weapons_ac,
            terms_by_name: HashMap::default(),
            vintage: None,
        };
        let mut terms_by_name: HashMap<String, Vec<(NaiveDate, Option<NaiveDate>)>> =
            HashMap::default();
        for h in lex.roles.iter().flatten() {
            terms_by_name
                .entry(lex.people[h.person as usize].name.clone())
                .or_default()
                .push((h.from, h.to));
        }
        for t in terms_by_name.values_mut() {
            t.sort();
            t.dedup();
        }
        lex.vintage = lex
            .roles
            .iter()
            .flatten()
            .flat_map(|h| [Some(h.from), h.to])
            .flatten()
            .max();
        lex.terms_by_name = terms_by_name;
        lex
    }

    /// Known people (from `people.tsv`).
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// Known organisations (from `orgs.tsv`).
    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }

    /// The terms of office of a person, from the roles data: `(from, to)` with `to`
    /// exclusive and `None` while still in office. Empty for people with no recorded office.
    /// Used to bound the date of an undated article by who holds which office in it.
    pub fn office_terms(&self, name: &str) -> &[(NaiveDate, Option<NaiveDate>)] {
        self.terms_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The most recent day the roles data records a change of office on: how current the
    /// reference data is (a lower bound for the year of an article that states none).
    pub fn data_vintage(&self) -> Option<NaiveDate> {
        self.vintage
    }

    /// The holder of the office a role phrase names ("Kremlin spokesman",
    /// "White House press secretary") at `reference`; without a date, the
    /// most recent holder.
    pub fn role_holder(&self, phrase: &str, reference: Option<NaiveDate>) -> Option<&str> {
        let i = *self.phrase_index.get(&norm_phrase(phrase))?;
        match self.phrases[i as usize] {
            Phrase::Role(r) => self
                .holder(r, reference)
                .map(|p| self.people[p as usize].name.as_str()),
            Phrase::Title(_) => None,
        }
    }

    fn holder(&self, role: u32, reference: Option<NaiveDate>) -> Option<u32> {
        let hs = &self.roles[role as usize];
        match reference {
            Some(d) => hs
                .iter()
                .find(|h| h.from <= d && h.to.is_none_or(|t| d < t))
                .map(|h| h.person),
            None => hs.iter().max_by_key(|h| h.from).map(|h| h.person),
        }
    }

    /// All person and organisation mentions of a document, in text order,
    /// each with its canonical name. Every occurrence is returned (a name
    /// mentioned three times gives three mentions); use
    /// [`Lexicon::distinct_names`] for the per-document lists. Organisation
    /// mentions may nest inside a role-phrase mention ("White House" in "the
    /// White House press secretary"); person mentions never overlap.
    ///
    /// `reference` is the date role phrases are resolved at (usually the
    /// publication date); without one, the latest office holder is used.
    pub fn entities(&self, text: &str, reference: Option<NaiveDate>) -> Vec<EntityMention> {
        self.entities_in(&self.scan(text), text, reference)
    }

    /// The pattern hits of `text` that [`Lexicon::entities_in`] and
    /// [`Lexicon::actors_from`] start from, found in one pass: a caller that
    /// needs both (or entities at two reference dates) scans once.
    pub fn scan(&self, text: &str) -> Scan {
        self.scan_ac.scan(text)
    }

    /// [`Lexicon::entities`] from a [`Scan`] of the same `text`.
    pub fn entities_in(
        &self,
        scan: &Scan,
        text: &str,
        reference: Option<NaiveDate>,
    ) -> Vec<EntityMention> {
        let toks = tokens(text);
        // Index of the token starting at / ending at a byte offset.
        let tok_at = |start: usize| toks.binary_search_by_key(&start, |t| t.start).ok();
        let tok_before = |off: usize| -> Option<&Token> {
            let i = toks.partition_point(|t| t.end <= off);
            i.checked_sub(1).map(|i| &toks[i])
        };
        let tok_after = |off: usize| -> Option<&Token> {
            let i = toks.partition_point(|t| t.start < off);
            toks.get(i)
        };

        // Role and title phrases (used as context by every step below).
        let mut phrase_hits: Vec<(usize, usize, &Phrase)> = Vec::new();
        for &(s, e, pid) in &scan.phrases {
            if !whole_word(text, s, e) {
                continue;
            }
            // Part of a hyphenated compound ("Caldwell-Pope"), not a title.
            if text[..s].ends_with('-') {
                continue;
            }
            let ph = &self.phrases[pid as usize];
            if let Phrase::Title(TitleKind::Honorific) = ph {
                // Honorifics must be written capitalised ("Mr." not "mr").
                if !text[s..].starts_with(|c: char| c.is_uppercase()) {
                    continue;
                }
            }
            phrase_hits.push((s, e, ph));
        }
        // 1. Known names and organisations.
        let mut hits: Vec<Hit> = Vec::new();
        for &(s, e, pid) in &scan.names {
            if !whole_word(text, s, e) {
                continue;
            }
            let entry = &self.names[pid as usize];
            if entry.acronym && Self::caps_context(text, s, e) {
                continue;
            }
            hits.push(Hit {
                start: s,
                end: e,
                entry: pid,
            });
        }
        let mut seen_full: Vec<u32> = hits
            .iter()
            .filter_map(|h| self.names[h.entry as usize].person)
            .collect();

        let mut out: Vec<EntityMention> = Vec::new();
        let mention = |s: usize, e: usize, kind, name: &str, country: &Option<String>, mis, via| {
            EntityMention {
                start: s,
                end: e,
                text: text[s..e].to_string(),
                kind,
                name: name.to_string(),
                country: country.clone(),
                misspelled: mis,
                via_title: via,
            }
        };
        for h in &hits {
            let entry = &self.names[h.entry as usize];
            if let Some(p) = entry.person {
                let p = &self.people[p as usize];
                out.push(mention(
                    h.start,
                    h.end,
                    EntityKind::Person,
                    &p.name,
                    &p.country,
                    entry.misspelled,
                    false,
                ));
            } else if let Some(o) = entry.org {
                let o = &self.orgs[o as usize];
                out.push(mention(
                    h.start,
                    h.end,
                    EntityKind::Org,
                    &o.name,
                    &o.country,
                    entry.misspelled,
                    false,
                ));
            } else if let Some(p) =
                self.resolve_surname(text, &toks, h, entry, &seen_full, &phrase_hits)
            {
                if !seen_full.contains(&p) {
                    seen_full.push(p);
                }
                let person = &self.people[p as usize];
                out.push(mention(
                    h.start,
                    h.end,
                    EntityKind::Person,
                    &person.name,
                    &person.country,
                    entry.misspelled,
                    false,
                ));
            }
        }

        let person_at = |out: &[EntityMention], off: usize| {
            out.iter()
                .any(|m| m.kind == EntityKind::Person && m.start == off)
        };
        let person_ending = |out: &[EntityMention], off: usize| {
            out.iter()
                .any(|m| m.kind == EntityKind::Person && m.end == off)
        };
        let mut roles_found: Vec<EntityMention> = Vec::new();
        for &(s, e, ph) in &phrase_hits {
            let Phrase::Role(r) = *ph else { continue };
            // A name right after ("Kremlin spokesman Dmitry Peskov") or right before
            // ("Sergei Shoigu, Russia's Security Council Secretary") is the referent.
            let next = skip_ws_comma(text, e);
            if person_at(&out, next) {
                continue;
            }
            if self.capitalised_word_at(&toks, next) {
                // "Kiev's Governor Mycola Kalashhi": the holder's name misspelled
                if let Some((end, p)) = self.holder_named(text, &toks, next, r, reference) {
                    let person = &self.people[p as usize];
                    roles_found.push(mention(
                        s,
                        end,
                        EntityKind::Person,
                        &person.name,
                        &person.country,
                        true,
                        true,
                    ));
                }
                continue;
            }
            // "Secretary of State for Defence": a longer office than the phrase names.
            if text[e..].starts_with(" for ")
                && text[e + 5..].starts_with(|c: char| c.is_uppercase())
            {
                continue;
            }
            let prev = back_ws_comma_the(text, s);
            if prev < s && person_ending(&out, prev) {
                continue;
            }
            // "Mr Whitelaw, the defence secretary": apposition to a name we do not know.
            if prev < s && text[prev..s].starts_with(',') {
                let k = toks.partition_point(|t| t.end <= prev);
                if k > 0 && toks[k - 1].end == prev && self.name_word(&toks[k - 1]) {
                    continue;
                }
            }
            // "former Russian president", "a Kremlin spokesman", "served as Defense Minister":
            // not (necessarily) the holder at the reference date.
            if let Some(t) = tok_before(s) {
                if only_spaces(text, t.end, s)
                    && matches!(
                        t.text.to_lowercase().as_str(),
                        "former"
                            | "ex"
                            | "then"
                            | "late"
                            | "a"
                            | "an"
                            | "another"
                            | "deputy"
                            | "acting"
                            | "first"
                            | "vice"
                            | "future"
                            | "next"
                            | "previous"
                            | "outgoing"
                            | "incoming"
                            | "as"
                            | "became"
                            | "become"
                            | "becoming"
                            | "appointed"
                            | "named"
                            | "nominated"
                    )
                {
                    continue;
                }
            }
            if let Some(p) = self.holder(r, reference) {
                let person = &self.people[p as usize];
                roles_found.push(mention(
                    s,
                    e,
                    EntityKind::Person,
                    &person.name,
                    &person.country,
                    false,
                    true,
                ));
            }
        }

        // 3. Unknown people: capitalised runs of 2–3 words with a cue.
        let covered = |out: &[EntityMention], s: usize, e: usize| {
            out.iter().any(|m| m.start < e && s < m.end)
        };
        let mut unknown_surnames: HashMap<&str, (String, Option<String>)> = HashMap::default();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !self.name_word(t) {
                i += 1;
                continue;
            }
            // Extend the run over single-space-separated name words.
            let mut j = i;
            while j + 1 < toks.len()
                && !toks[j].possessive
                && (only_spaces(text, toks[j].end, toks[j + 1].start)
                    && toks[j + 1].start - toks[j].end == 1
                    || j > i
                        && is_initial(text, &toks[j])
                        && &text[toks[j].end..toks[j + 1].start] == ". ")
                && (self.name_word(&toks[j + 1])
                    || j + 2 < toks.len()
                        && is_initial(text, &toks[j + 1])
                        && self.name_word(&toks[j + 2])
                    || is_particle(toks[j + 1].text)
                        && j + 2 < toks.len()
                        && self.name_word(&toks[j + 2]))
            {
                j += 1;
            }
            let len = j - i + 1;
            let (s, e) = (toks[i].start, toks[j].end);
            // Particles ("bin", "al", "Al") do not count as words of the name.
            let content = toks[i..=j]
                .iter()
                .filter(|t| !is_particle(t.text) && !matches!(t.text, "Al" | "El"))
                .count();
            if (2..=3).contains(&content)
                && len <= 6
                && !covered(&out, s, e)
                && !covered(&roles_found, s, e)
                && !toks[i..=j]
                    .iter()
                    .enumerate()
                    // a middle initial ("Michael A. Horowitz") is no sentence opener
                    .any(|(n, t)| {
                        self.non_name_words.contains(t.text) && !(n > 0 && is_initial(text, t))
                    })
            {
                let words: Vec<&str> = toks[i..=j].iter().map(|t| t.text).collect();
                if let Some(p) = self.known_by_variant(&words, &seen_full) {
                    // "Andriy Sadovy" for Andriy Sadovyi, "Michael Waltz" for Mike Waltz
                    let person = &self.people[p as usize];
                    out.push(mention(
                        s,
                        e,
                        EntityKind::Person,
                        &person.name,
                        &person.country,
                        false,
                        false,
                    ));
                    if !seen_full.contains(&p) {
                        seen_full.push(p);
                    }
                } else if self.has_person_cue(text, &toks, i, j, &phrase_hits) {
                    let country = self.affiliation(text, &toks, i, j);
                    // a Ukrainian's name in the national romanization, unless the
                    // text says the person is Russian or Belarusian
                    let name = match country.as_deref() {
                        Some("RU" | "BY") => None,
                        _ => self.variants.canonical_unknown(&words),
                    }
                    .unwrap_or_else(|| text[s..e].to_string());
                    unknown_surnames.insert(toks[j].text, (name.clone(), country.clone()));
                    out.push(mention(
                        s,
                        e,
                        EntityKind::Person,
                        &name,
                        &country,
                        false,
                        false,
                    ));
                }
            } else if len == 1
                && !covered(&out, s, e)
                && !covered(&roles_found, s, e)
                && self.named_given_name(text, &toks, i)
            {
                // "a commander named Didier": a person known by one name
                let country = self.affiliation(text, &toks, i, j);
                out.push(mention(
                    s,
                    e,
                    EntityKind::Person,
                    t.text,
                    &country,
                    false,
                    false,
                ));
            }
            i = j + 1;
        }

        // 4. Surnames of the unknown people named in full, and fuzzy known surnames.
        for (k, t) in toks.iter().enumerate() {
            if !t.is_capitalised()
                || covered(&out, t.start, t.end)
                || covered(&roles_found, t.start, t.end)
            {
                continue;
            }
            if let Some((full, country)) = unknown_surnames.get(t.text) {
                // Not when it is the start of another capitalised name ("Avdeeva Street").
                let next_cap = toks
                    .get(k + 1)
                    .is_some_and(|n| n.is_capitalised() && only_spaces(text, t.end, n.start));
                if !next_cap {
                    out.push(mention(
                        t.start,
                        t.end,
                        EntityKind::Person,
                        full,
                        country,
                        false,
                        false,
                    ));
                }
                continue;
            }
            if let Some(p) = self.surname_by_variant(text, &toks, k, &seen_full) {
                // "Sadovy said" for Andriy Sadovyi, "Grynchuk" for Svitlana Hrynchuk
                let person = &self.people[p as usize];
                out.push(mention(
                    t.start,
                    t.end,
                    EntityKind::Person,
                    &person.name,
                    &person.country,
                    false,
                    false,
                ));
                if !seen_full.contains(&p) {
                    seen_full.push(p);
                }
                continue;
            }
            if t.text.chars().count() >= 6
                && !self.non_name_words.contains(t.text)
                && self.fuzzy_cue(text, &toks, k, &phrase_hits)
            {
                if let Some(p) = self.fuzzy_person(t.text, &seen_full) {
                    let person = &self.people[p as usize];
                    out.push(mention(
                        t.start,
                        t.end,
                        EntityKind::Person,
                        &person.name,
                        &person.country,
                        true,
                        false,
                    ));
                    seen_full.push(p);
                }
            }
        }
        let _ = (tok_at, tok_after);

        out.extend(roles_found);
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out
    }

    /// Person and organisation names of a mention list, each once, in order of first mention.
    pub fn distinct_names(mentions: &[EntityMention]) -> (Vec<String>, Vec<String>) {
        let (mut people, mut orgs) = (Vec::new(), Vec::new());
        for m in mentions {
            let list = match m.kind {
                EntityKind::Person => &mut people,
                EntityKind::Org => &mut orgs,
            };
            if !list.contains(&m.name) {
                list.push(m.name.clone());
            }
        }
        (people, orgs)
    }

    /// Which known person a surname-only match stands for: someone named in
    /// full in the document, else the one person the surname links to alone.
    fn resolve_surname(
        &self,
        text: &str,
        toks: &[Token],
        hit: &Hit,
        entry: &NameEntry,
        seen: &[u32],
        phrases: &[(usize, usize, &Phrase)],
    ) -> Option<u32> {
        if entry.surname_of.is_empty() {
            return None;
        }
        let start = hit.start;
        // A surname that is also a common word ("May") needs a title: "Mrs May", "Prime Minister May".
        if self.non_name_words.contains(&text[hit.start..hit.end])
            && !Self::title_before(text, start, phrases)
        {
            return None;
        }
        let i = toks.partition_point(|t| t.end <= start);
        // "John F. Kerry": given name and middle initial before the surname.
        if i >= 2 {
            let (first, initial) = (&toks[i - 2], &toks[i - 1]);
            if initial.text.len() == 1
                && initial.text.chars().all(|c| c.is_ascii_uppercase())
                && &text[initial.end..start] == ". "
                && only_spaces(text, first.end, initial.start)
            {
                if let Some(&p) = entry.surname_of.iter().find(|&&p| {
                    self.people[p as usize].name.split_whitespace().next() == Some(first.text)
                }) {
                    return Some(p);
                }
            }
        }
        let chosen = entry
            .surname_of
            .iter()
            .copied()
            .find(|p| seen.contains(p))
            .or_else(|| (entry.standalone.len() == 1).then(|| entry.standalone[0]))?;
        // "Petro Savchuk" is not Gustavo Petro: a surname that is also a given name,
        // right before another name word, is that other person's given name.
        let word = &text[hit.start..hit.end];
        if (self.given_names.contains(word) || self.variants.ukrainian(word).is_some())
            && toks.get(i + 1).is_some_and(|n| {
                n.start > start
                    && only_spaces(text, hit.end, n.start)
                    && self.name_word(n)
                    && !self.people[chosen as usize]
                        .name
                        .split_whitespace()
                        .any(|w| w == n.text)
            })
        {
            return None;
        }
        // "Jill Biden": a different given name right before the surname means another person.
        if let Some(prev) = i.checked_sub(1).map(|i| &toks[i]) {
            if only_spaces(text, prev.end, start)
                && self.given_names.contains(prev.text)
                && !self.people[chosen as usize]
                    .name
                    .split_whitespace()
                    .any(|w| w == prev.text)
                // "Michael Waltz" for Mike Waltz, "Sergey Lavrov" for Sergei Lavrov
                && !self.given_matches(chosen, prev.text)
            {
                return None;
            }
        }
        Some(chosen)
    }

    /// Whether `word` is a form of person `p`'s given name ("Mike" for Michael).
    fn given_matches(&self, p: u32, word: &str) -> bool {
        self.people[p as usize]
            .name
            .split_whitespace()
            .next()
            .is_some_and(|g| self.variants.same_given(word, g))
    }

    /// The known person a capitalised run names in another romanization or
    /// with another form of the given name: its transliteration key is a known
    /// full name's ("Andriy Sadovy", "Yury Ignat"), or its last word is a known
    /// surname (or a variant of one) and its first word a form of that
    /// person's given name ("Michael Waltz", "Sergey Lavrov").
    fn known_by_variant(&self, words: &[&str], seen: &[u32]) -> Option<u32> {
        if let Some(&p) = self.fold_full.get(&translit::fold_name(words.iter().copied())) {
            return Some(p);
        }
        let (first, last) = (words.first()?, words.last()?);
        let &entry = self.fold_surname.get(&translit::fold(last))?;
        let e = &self.names[entry as usize];
        let given_of = |p: u32| self.people[p as usize].name.split_whitespace().next();
        let mut found = e
            .surname_of
            .iter()
            .copied()
            .filter(|&p| given_of(p).is_some_and(|g| self.variants.same_given(first, g)));
        let p = found.next()?;
        // two known people fit: the one named in the document, else none
        match found.next() {
            None => Some(p),
            Some(q) => [p, q].into_iter().find(|x| seen.contains(x)),
        }
    }

    /// The known person a lone capitalised word stands for when it is a known
    /// surname in another romanization ("Sadovy", "Syrsky", "Gumenyuk"): the one
    /// named in full in the document, else the one the surname links to alone.
    /// Only words of five letters or more of the key, not starting a longer
    /// capitalised name ("Sadovy Street"), not after another person's given name.
    fn surname_by_variant(&self, text: &str, toks: &[Token], k: usize, seen: &[u32]) -> Option<u32> {
        let t = &toks[k];
        if self.non_name_words.contains(t.text) || t.text.len() < 5 {
            return None;
        }
        let key = translit::fold(t.text);
        if key.len() < 5 {
            return None;
        }
        let &entry = self.fold_surname.get(&key)?;
        let e = &self.names[entry as usize];
        let next_cap = toks
            .get(k + 1)
            .is_some_and(|n| n.is_capitalised() && only_spaces(text, t.end, n.start));
        if next_cap {
            return None;
        }
        let p = e
            .surname_of
            .iter()
            .copied()
            .find(|p| seen.contains(p))
            .or_else(|| (e.standalone.len() == 1).then(|| e.standalone[0]))?;
        if let Some(prev) = k.checked_sub(1).map(|i| &toks[i]) {
            if only_spaces(text, prev.end, t.start)
                && self.given_names.contains(prev.text)
                && !self.given_matches(p, prev.text)
            {
                return None;
            }
        }
        Some(p)
    }

    /// The holder of role `r` when the name written right after the role phrase
    /// (at `off`) is the holder's name misspelled: a form of the holder's given
    /// name, then a surname whose key shares its first four letters with the
    /// holder's or is one edit from it. Gives the end of the name and the holder.
    fn holder_named(
        &self,
        text: &str,
        toks: &[Token],
        off: usize,
        r: u32,
        reference: Option<NaiveDate>,
    ) -> Option<(usize, u32)> {
        let h = self.holder(r, reference)?;
        let k = toks.partition_point(|t| t.start < off);
        let mut j = k;
        while j + 1 < toks.len()
            && j - k < 2
            && !toks[j].possessive
            && only_spaces(text, toks[j].end, toks[j + 1].start)
            && self.name_word(&toks[j + 1])
        {
            j += 1;
        }
        if j == k {
            return None;
        }
        let name = &self.people[h as usize].name;
        let (given, surname) = (name.split_whitespace().next()?, name.split_whitespace().last()?);
        if !self.variants.same_given(toks[k].text, given) {
            return None;
        }
        let (a, b) = (translit::fold(toks[j].text), translit::fold(surname));
        let prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        (prefix >= 4 || within_one_edit(&a, &b)).then_some((toks[j].end, h))
    }

    /// "a commander named Didier", "a man called Ahmed": a known given name
    /// alone after "named" / "called" / "nicknamed" that follows a word for a person.
    fn named_given_name(&self, text: &str, toks: &[Token], i: usize) -> bool {
        let t = &toks[i];
        if i < 2 || !self.given_names.contains(t.text) {
            return false;
        }
        let (verb, noun) = (&toks[i - 1], &toks[i - 2]);
        if !matches!(verb.text, "named" | "called" | "nicknamed")
            || !only_spaces(text, verb.end, t.start)
            || !only_spaces(text, noun.end, verb.start)
        {
            return false;
        }
        let n = noun.text.to_lowercase();
        self.title_words.contains(&n)
            || matches!(
                n.as_str(),
                "man" | "woman" | "boy" | "girl" | "child" | "person" | "teenager" | "someone"
                    | "suspect" | "individual" | "guy"
            )
    }

    /// A word that may be part of a person's name.
    fn name_word(&self, t: &Token) -> bool {
        t.is_capitalised()
            && !self.non_name_words.contains(t.text)
            && !self.title_words.contains(t.text)
    }

    /// Whether a capitalised word that may be a name starts at `off` ("Pope Benedict").
    fn capitalised_word_at(&self, toks: &[Token], off: usize) -> bool {
        let i = toks.partition_point(|t| t.start < off);
        toks.get(i)
            .is_some_and(|t| t.start == off && self.name_word(t))
    }

    /// A title or role phrase ends right before `off` (only spaces between).
    fn title_before(text: &str, off: usize, phrases: &[(usize, usize, &Phrase)]) -> bool {
        phrases
            .iter()
            .any(|&(_, pe, _)| pe <= off && off - pe <= 2 && only_spaces(text, pe, off))
    }

    /// Is the capitalised run `toks[i..=j]` a person by context?
    fn has_person_cue(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
        j: usize,
        phrases: &[(usize, usize, &Phrase)],
    ) -> bool {
        let (s, e) = (toks[i].start, toks[j].end);
        // (a) introduced by a title or role phrase: "analyst Maria Avdeeva", "Gen. Ivan Petrov".
        if Self::title_before(text, s, phrases) {
            return true;
        }
        let given = self.given_names.contains(toks[i].text)
            || self.variants.ukrainian(toks[i].text).is_some();
        // (b) followed by a speech verb: "Maria Avdeeva said", "..., Maria Avdeeva,
        // reported" (given name required).
        if let Some(n) = toks.get(j + 1) {
            let gap = &text[e..n.start];
            if given
                && !toks[j].possessive
                && (only_spaces(text, e, n.start) || gap == ", ")
                && self.speech_verbs.contains(n.text)
            {
                return true;
            }
        }
        // (e) a title, then the body it belongs to, then the name: "spokesman
        // for the Kharkiv Oblast Prosecutor's Office Dmytro Chubenko" (given name
        // required, the words between capitalised or "of", "for", "the", "at").
        if given && self.title_then_body_before(text, toks, i, phrases) {
            return true;
        }
        // (c) after "said" / "according to": "..., said Maria Avdeeva".
        if i >= 1 && given {
            let p = &toks[i - 1];
            let gap_ok = text[p.end..s].trim().is_empty();
            if gap_ok && matches!(p.text, "said" | "says" | "told" | "wrote") {
                return true;
            }
            if gap_ok
                && p.text == "to"
                && i >= 2
                && toks[i - 2].text.eq_ignore_ascii_case("according")
            {
                return true;
            }
        }
        // (d) apposition: "Maria Avdeeva, a prominent Ukrainian analyst,".
        let rest = &text[e..];
        // (f) an age after the name: "Olha Kravets, 37, said", "Taras Bondar (54)"
        // (given name required).
        if given && !toks[j].possessive && age_follows(rest) {
            return true;
        }
        if let Some(after) = rest.strip_prefix(", ") {
            let window_end = e
                + 2
                + after
                    .find([',', '.', ';', '(', '\n', '“', '"'])
                    .unwrap_or(after.len())
                    .min(120);
            let k0 = toks.partition_point(|t| t.start < e + 2);
            let mut n = 0;
            for t in toks[k0..].iter().take_while(|t| t.end <= window_end) {
                n += 1;
                if n > 8 {
                    break;
                }
                let lw = t.text.to_lowercase();
                // a title that opens another name is not this one's ("X, Governor Gladkov")
                let k = toks.partition_point(|x| x.start < t.start);
                let names_another = toks.get(k + 1).is_some_and(|x| {
                    only_spaces(text, t.end, x.start) && self.name_word(x)
                });
                if self.title_words.contains(&lw)
                    && !names_another
                    && (given
                        || !matches!(
                            lw.as_str(),
                            "deputy" | "head" | "leader" | "chief" | "official" | "officials"
                        ))
                    || lw == "who" && n == 1
                {
                    return true;
                }
            }
            if phrases.iter().any(|&(ps, pe, ph)| {
                ps >= e + 2 && pe <= window_end && matches!(ph, Phrase::Role(_))
            }) {
                return true;
            }
        }
        false
    }

    /// A title or role phrase, then up to ten words that name a body
    /// (capitalised, or "of", "for", "the", "at", "in", with possessives), ends
    /// right before `toks[i]`, in the same clause.
    fn title_then_body_before(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
        phrases: &[(usize, usize, &Phrase)],
    ) -> bool {
        let mut k = i;
        let mut body_words = 0;
        while k > 0 && body_words < 10 {
            let t = &toks[k - 1];
            let gap = &text[t.end..toks[k].start];
            let gap = gap
                .strip_prefix("'s")
                .or_else(|| gap.strip_prefix("’s"))
                .unwrap_or(gap);
            if !gap.chars().all(|c| c == ' ' || c == '\u{a0}') || gap.is_empty() {
                return false;
            }
            if phrases.iter().any(|&(_, pe, _)| pe == t.end) {
                // a title right before a capitalised body word ("spokesman for the X")
                return body_words > 0;
            }
            let lw = t.text;
            if !(t.is_capitalised()
                || matches!(lw, "of" | "for" | "the" | "at" | "in")
                || lw.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
            {
                return false;
            }
            body_words += 1;
            k -= 1;
        }
        false
    }

    /// Country of an unknown person from a demonym or state name next to
    /// the name: "Ukrainian analyst Maria Avdeeva", "Maria Avdeeva, a
    /// prominent Ukrainian analyst,", "Russia's envoy Ivan Petrov".
    fn affiliation(&self, text: &str, toks: &[Token], i: usize, j: usize) -> Option<String> {
        let state_iso = |t: &Token| -> Option<String> {
            let w = t.text.to_lowercase();
            let a = self
                .adjective_map
                .get(&w)
                .or_else(|| self.actor_map.get(&w))?;
            self.iso_of_actor.get(a).cloned()
        };
        // Up to three words before the name, in the same clause.
        let mut k = i;
        let mut left = 3;
        while k > 0 && left > 0 {
            let t = &toks[k - 1];
            if !text[t.end..toks[k].start]
                .chars()
                .all(|c| c == ' ' || c == '.' || c == '\u{a0}')
            {
                break;
            }
            if let Some(iso) = state_iso(t) {
                return Some(iso);
            }
            k -= 1;
            left -= 1;
        }
        // An apposition right after: ", a prominent Ukrainian analyst,".
        let e = toks[j].end;
        let after = text[e..].strip_prefix(", ")?;
        let stop = e + 2 + after.find([',', '.', ';', '\n']).unwrap_or(after.len());
        toks[j + 1..]
            .iter()
            .take_while(|t| t.end <= stop)
            .take(8)
            .find_map(state_iso)
    }

    /// Context that makes a capitalised word a person for fuzzy matching:
    /// a title right before, a speech verb right after, or a possessive role.
    fn fuzzy_cue(
        &self,
        text: &str,
        toks: &[Token],
        k: usize,
        phrases: &[(usize, usize, &Phrase)],
    ) -> bool {
        let t = &toks[k];
        if Self::title_before(text, t.start, phrases) {
            return true;
        }
        if let Some(n) = toks.get(k + 1) {
            if !t.possessive
                && only_spaces(text, t.end, n.start)
                && self.speech_verbs.contains(n.text)
            {
                return true;
            }
        }
        false
    }

    /// The known person a near-miss surname (edit distance 1) stands for, when unique.
    fn fuzzy_person(&self, word: &str, seen: &[u32]) -> Option<u32> {
        let mut found: Option<u32> = None;
        for d in deletions(word) {
            for &entry in self.fuzzy.get(&d).into_iter().flatten() {
                let sur = &self.surname_text[&entry];
                if sur == word || !within_one_edit(sur, word) {
                    continue;
                }
                let e = &self.names[entry as usize];
                let p = e
                    .surname_of
                    .iter()
                    .copied()
                    .find(|p| seen.contains(p))
                    .or_else(|| (e.standalone.len() == 1).then(|| e.standalone[0]))?;
                match found {
                    Some(q) if q != p => return None,
                    _ => found = Some(p),
                }
            }
        }
        found
    }

    /// A short acronym in an all-caps context (a shouted headline: "IT IS
    /// WAR") or used as an emphasised word ("there IS an oxygen bar").
    fn caps_context(text: &str, s: usize, e: usize) -> bool {
        let prev = text::word_before(text, s);
        let next = text::word_after(text, e);
        let all_caps = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        };
        let after_pronoun = prev.is_some_and(|w| {
            [
                "there", "it", "this", "that", "what", "which", "who", "he", "she", "they", "we",
                "i",
            ]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        });
        after_pronoun || prev.is_some_and(all_caps) || next.is_some_and(all_caps)
    }

    /// Canonical actor for a phrase: "Russian forces", "Moscow", "the Kremlin"
    /// → `Russia`; "AFU", "Kyiv" → `Ukraine`; "ISIS" → `Islamic State`;
    /// "Ukrainian civilians" → `Civilians (Ukraine)`. Bare "civilians" has no
    /// country and gives `None` (use [`Lexicon::civilians`] with the country).
    pub fn actor_of(&self, phrase: &str) -> Option<&str> {
        let key = norm_phrase(phrase);
        if key.is_empty() {
            return None;
        }
        if let Some(&a) = self
            .actor_map
            .get(&key)
            .or_else(|| self.adjective_map.get(&key))
        {
            return Some(&self.actors[a as usize]);
        }
        // ADJECTIVE NOUN or NAME's NOUN, split at each space.
        for (i, _) in key.match_indices(' ') {
            let (left, noun) = (&key[..i], &key[i + 1..]);
            let left = left.strip_suffix("'s").unwrap_or(left);
            let Some(&a) = self
                .adjective_map
                .get(left)
                .or_else(|| self.actor_map.get(left))
            else {
                continue;
            };
            if self.force_nouns.contains(noun) {
                return Some(&self.actors[a as usize]);
            }
            if self.civilian_nouns.contains(noun) {
                return self
                    .civilians_of
                    .get(&a)
                    .map(|&c| self.actors[c as usize].as_str());
            }
        }
        // "civilians in Ukraine", "residents of Kyiv".
        for sep in [" in ", " of ", " from "] {
            if let Some((noun, place)) = key.split_once(sep) {
                if self.civilian_nouns.contains(noun) {
                    if let Some(&a) = self.actor_map.get(place) {
                        return self
                            .civilians_of
                            .get(&a)
                            .map(|&c| self.actors[c as usize].as_str());
                    }
                }
            }
        }
        // A known person stands for their state ("Putin" → Russia) only via `actor_of_mention`.
        None
    }

    /// The actor an entity mention stands for: an organisation's actor
    /// (`IDF` → `Israel`), or the state of a person's affiliation.
    pub fn actor_of_mention(&self, m: &EntityMention) -> Option<&str> {
        if m.kind == EntityKind::Org {
            if let Some(o) = self.orgs.iter().find(|o| o.name == m.name) {
                if let Some(a) = &o.actor {
                    return Some(a);
                }
            }
        }
        m.country.as_deref().and_then(|c| self.state_actor(c))
    }

    /// State actor for an ISO 3166-1 alpha-2 code: "RU" → `Russia`.
    pub fn state_actor(&self, iso2: &str) -> Option<&str> {
        self.state_by_iso
            .get(iso2)
            .map(|&a| self.actors[a as usize].as_str())
    }

    /// The ISO2 code of a state actor (`Russia` → `RU`); `None` for armed groups and
    /// anything that is not a state.
    pub fn state_iso(&self, actor: &str) -> Option<&str> {
        let i = self.actors.iter().position(|a| a == actor)?;
        self.iso_of_actor.get(&(i as u32)).map(String::as_str)
    }

    /// `Civilians (COUNTRY)` for a country name, ISO2 code or capital: "Ukraine" → `Civilians (Ukraine)`.
    pub fn civilians(&self, country: &str) -> Option<&str> {
        let a = self
            .state_by_iso
            .get(country)
            .or_else(|| self.actor_map.get(&norm_phrase(country)))?;
        self.civilians_of
            .get(a)
            .map(|&c| self.actors[c as usize].as_str())
    }

    /// Actor mentions in a text, in order, as (start, end, canonical actor)
    /// with byte offsets: states and their capitals or seats used as
    /// metonyms ("Moscow", "the Kremlin", "Kyiv"), armed groups ("ISIS",
    /// "Houthis"), demonym + force noun ("Russian drones", "Ukrainian
    /// troops") and demonym + civilian noun ("Ukrainian civilians" →
    /// `Civilians (Ukraine)`). A bare demonym ("Russian media") is not an actor.
    pub fn actors_in(&self, text: &str) -> Vec<(usize, usize, String)> {
        self.actors_from(&self.scan(text), text)
    }

    /// [`Lexicon::actors_in`] from a [`Scan`] of the same `text`.
    pub fn actors_from(&self, scan: &Scan, text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for &(s, e, pid) in &scan.actors {
            if !whole_word(text, s, e) {
                continue;
            }
            let entry = &self.actor_entries[pid as usize];
            if entry.acronym && Self::caps_context(text, s, e) {
                continue;
            }
            if let Some(a) = entry.adjective {
                if let Some((end, civ)) = self.noun_after(text, e) {
                    let actor = if civ {
                        self.civilians_of.get(&a).copied()
                    } else {
                        Some(a)
                    };
                    if let Some(actor) = actor {
                        out.push((s, end, self.actors[actor as usize].clone()));
                        continue;
                    }
                }
            }
            if let Some(a) = entry.alone {
                out.push((s, e, self.actors[a as usize].clone()));
            }
        }
        out
    }

    /// A force or civilian noun phrase (1–2 words) right after `off`: (end, is_civilian).
    fn noun_after(&self, text: &str, off: usize) -> Option<(usize, bool)> {
        let rest = &text[off..];
        let trimmed = rest
            .strip_prefix(' ')
            .or_else(|| rest.strip_prefix('\u{a0}'))?;
        let base = off + (rest.len() - trimmed.len());
        // Up to two words, longest first.
        let mut ends = Vec::with_capacity(2);
        let mut pos = 0;
        for _ in 0..2 {
            let w = trimmed[pos..]
                .find(|c: char| !(text::is_word_char(c) || c == '-'))
                .map_or(trimmed.len(), |x| pos + x);
            if w == pos {
                break;
            }
            ends.push(w);
            if !trimmed[w..].starts_with(' ') {
                break;
            }
            pos = w + 1;
        }
        for &w in ends.iter().rev() {
            let phrase = trimmed[..w].to_lowercase();
            if self.force_nouns.contains(&phrase) {
                return Some((base + w, false));
            }
            if self.civilian_nouns.contains(&phrase) {
                return Some((base + w, true));
            }
        }
        None
    }

    /// Weapon categories of the record format named in a text, in order of
    /// first mention, each once: `drone` (Shahed, Geran, UAV), `missile`
    /// (Iskander, Kalibr, Kh-101, ATACMS, Storm Shadow, rockets), `artillery`
    /// (shelling, howitzers, MLRS, Grad, HIMARS — rocket artillery counts as
    /// artillery), `air strike` (airstrikes, glide bombs, KAB, aerial bombs,
    /// bombing), `explosive` (IED, landmine, car bomb), `small arms`
    /// (gunfire, shooting, rifles), `nuclear` (nuclear weapons and strikes).
    pub fn weapons_in(&self, text: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for (_, _, cat) in self.weapon_spans(text) {
            let cat = record_category(cat);
            if !out.contains(&cat) {
                out.push(cat);
            }
        }
        out
    }

    /// Every weapon word of `text` with its byte span and category, in text order (what
    /// [`Lexicon::weapons_in`] reports, kept with positions so one scan of an article
    /// serves each sentence and clause). Combat aircraft come as [`AIRCRAFT`].
    pub fn weapon_spans(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        let mut out = Vec::new();
        for m in self.weapons_ac.find_iter(text) {
            let (s, mut e) = (m.start(), m.end());
            // Plurals: "drones", "missiles", "howitzers", "barrages".
            for suffix in ["es", "s"] {
                if text[e..].starts_with(suffix)
                    && text[e + suffix.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !text::is_word_char(c))
                {
                    e += suffix.len();
                    break;
                }
            }
            if !whole_word(text, s, e) {
                continue;
            }
            // A capitalised weapon noun after a capitalised word, in running
            // (not title-case) text, is part of a name: "the Houston Rockets to a win".
            if text[s..].starts_with(|c: char| c.is_uppercase())
                && {
                    // the previous word, separated by spaces only
                    let before = text[..s].trim_end_matches(' ');
                    before.len() < s
                        && before.ends_with(text::is_word_char)
                        && text::word_before(text, s)
                            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
                }
                && text::word_after(text, e)
                    .is_none_or(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()))
            {
                continue;
            }
            let cat = self.weapon_cats[m.pattern().as_usize()];
            // "shooting down drones" is air defence, not small-arms fire.
            if cat == "small arms"
                && text[e..]
                    .trim_start()
                    .as_bytes()
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"down"))
            {
                continue;
            }
            out.push((s, e, cat));
        }
        out
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

/// A middle initial: one upper-case letter followed by a period ("John F. Kerry").
fn is_initial(text: &str, t: &Token) -> bool {
    t.text.len() == 1
        && t.text.chars().all(|c| c.is_ascii_uppercase())
        && text[t.end..].starts_with(". ")
}

/// Lower-case particles inside names ("Ursula von der Leyen", "Mohammed bin Salman").
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "bin"
            | "ibn"
            | "al"
            | "el"
            | "de"
            | "van"
            | "von"
            | "der"
            | "da"
            | "di"
            | "du"
            | "le"
            | "dos"
            | "das"
            | "del"
    )
}

/// Skip spaces and at most one comma after `off`.
fn skip_ws_comma(text: &str, off: usize) -> usize {
    let rest = &text[off..];
    let t = rest.trim_start_matches([' ', '\u{a0}']);
    let t = t
        .strip_prefix(',')
        .unwrap_or(t)
        .trim_start_matches([' ', '\u{a0}']);
    off + (rest.len() - t.len())
}

/// Step back over spaces, an optional "the" and one comma before `off`.
fn back_ws_comma_the(text: &str, off: usize) -> usize {
    let head = &text[..off];
    let h = head.trim_end_matches([' ', '\u{a0}']);
    let h = h
        .strip_suffix("the")
        .or_else(|| h.strip_suffix("The"))
        .filter(|x| !x.ends_with(|c: char| text::is_word_char(c)))
        .map_or(h, |x| x.trim_end_matches([' ', '\u{a0}']));
    let h = h.strip_suffix(',').unwrap_or(h);
    h.len()
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn edit_distance_one() {
        assert!(within_one_edit("Peskov", "Peshkov"));
        assert!(within_one_edit("Shoigu", "Shoigy"));
        assert!(within_one_edit("Blinken", "Bilnken"));
        assert!(!within_one_edit("Blinken", "Blinkers"));
    }

    /// The scan gives what its definition says, checked against a naive
    /// reading of it (every pattern tried at every place a word starts), and
    /// its whole-word hits are those of a separate leftmost-longest automaton
    /// per set (the search the lexicon made before), on the bundled articles
    /// and on text built to trip it: prefixes of longer names, wrong case,
    /// nested phrases, possessives.
    #[test]
    fn scan_follows_its_definition_and_the_leftmost_longest_searches() {
        let lex = Lexicon::global();
        let sa = &lex.scan_ac;
        let ranges = [
            (0..sa.phrases_at, false),
            (sa.phrases_at..sa.actors_at, true),
            (sa.actors_at..sa.pats.len(), false),
        ];
        // the definition, naively
        let naive = |t: &str, set: usize| -> Vec<(usize, usize, u32)> {
            let (range, nocase) = ranges[set].clone();
            let mut out = Vec::new();
            let mut next = 0;
            for (p, _) in t.char_indices() {
                let word_start = t[..p]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !text::is_word_char(c));
                if !word_start || p < next {
                    continue;
                }
                let mut best: Option<(usize, u32)> = None;
                for (k, pat) in sa.pats[range.clone()].iter().enumerate() {
                    let rest = &t.as_bytes()[p..];
                    let hit = rest.len() >= pat.len()
                        && if nocase {
                            rest[..pat.len()].eq_ignore_ascii_case(pat.as_bytes())
                        } else {
                            &rest[..pat.len()] == pat.as_bytes()
                        };
                    // its first word is a whole word of the text
                    let hit = hit && word_len(pat) == word_len(&t[p..]);
                    if hit && best.is_none_or(|(e, _)| p + pat.len() > e) {
                        best = Some((p + pat.len(), k as u32));
                    }
                }
                if let Some((e, k)) = best {
                    out.push((p, e, k));
                    next = e;
                }
            }
            out
        };
        let leftmost_longest = |t: &str, set: usize| -> Vec<(usize, usize, u32)> {
            let (range, nocase) = ranges[set].clone();
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(nocase)
                .build(sa.pats[range].iter().map(|p| p.as_bytes()))
                .unwrap()
                .find_iter(t)
                .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
                .filter(|&(s, e, _)| whole_word(t, s, e))
                .collect()
        };
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert!(texts.len() >= 5, "bundled examples missing");
        texts.push(
            "VLADIMIR PUTIN and vladimir putin met Putin's spokesman Dmitry Peskov. \
             The Kremlin spokesman, the kremlin SPOKESMAN and Russian troops; \
             russian troops, the Russian Armed Forces, Ukrainian civilians. \
             Zelenskyy’s office: «Kyiv» — NATO-led, (Moscow), Putinism, xPutin."
                .to_string(),
        );
        let mut total = 0;
        for t in &texts {
            let sc = lex.scan(t);
            for (set, got) in [&sc.names, &sc.phrases, &sc.actors].into_iter().enumerate() {
                assert_eq!(*got, naive(t, set), "set {set}");
                let whole: Vec<_> = got
                    .iter()
                    .copied()
                    .filter(|&(s, e, _)| whole_word(t, s, e))
                    .collect();
                assert_eq!(whole, leftmost_longest(t, set), "set {set}");
                total += whole.len();
            }
        }
        assert!(
            total > 50,
            "the texts hit too few patterns to test anything: {total}"
        );
    }
}
