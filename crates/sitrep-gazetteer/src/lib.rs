//! Place recogniser and resolver for sitrep.
//!
//! The gazetteer holds GeoNames `cities500` (≈235,000 settlements with their
//! alternate names), GeoNames countries and admin-1 units, Ukraine's official
//! codifier KATOTTG (villages missing from GeoNames are placed at their
//! hromada's centre), named regions and continents, and a small curated
//! supplement of front-line villages and sites. Everything is embedded in the
//! binary (`data/`, built by `scripts/build_gazetteer.py`), so no network or
//! data directory is needed at run time. `build.rs` precomputes the name
//! index from those files, so loading takes about a tenth of a second.
//!
//! [`Gazetteer::find`] scans a document for capitalised spans, normalises them
//! (case, diacritics, apostrophes, transliteration variants such as
//! `Kupyansk`/`Kupiansk`), looks them up in a hash index, rejects common-word
//! false positives and disambiguates namesakes with document context
//! (countries mentioned, nearby places, population).
//!
//! ```
//! use sitrep_gazetteer::{Gazetteer, PlaceKind};
//!
//! let g = Gazetteer::global();
//! let text = "Russian forces shelled Kupyansk and villages in the Kharkiv region.";
//! let places = g.find(text);
//! assert_eq!(places[0].location.name, "Kupiansk");
//! assert_eq!(&text[places[0].start..places[0].end], "Kupyansk");
//! assert_eq!(places[1].kind, PlaceKind::Admin1);
//! assert_eq!(places[1].location.name, "Kharkiv Oblast");
//! assert_eq!(g.lookup("Kiev").unwrap().name, "Kyiv");
//! assert_eq!(g.country_of_name("Ukrainian"), Some("UA"));
//! ```

mod blob;
#[cfg(test)]
mod data;
mod normalize;
mod scan;
mod types;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};
use sitrep_model::{Location, PlacePrecision};

pub use normalize::norm;
pub(crate) use sitrep_model::chars::is_alnum;
use types::{
    fnv, fnv_step, head2, Built, How, IdHash, Place, Posting, FLAG_ADMIN2, FLAG_CAPITAL,
    FLAG_KATOTTG, FLAG_SEAT, FLAG_SUPPLEMENT, FNV_OFFSET,
};
pub use types::{PlaceKind, SUFFIXES};

/// The gazetteer's places and name index, precomputed from `data/` by
/// `build.rs` (see [`blob`]): start-up reads it instead of normalising a
/// million names.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// One place mention found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Byte offset of the mention in the text passed to [`Gazetteer::find`].
    pub start: usize,
    /// Byte offset after the mention.
    pub end: usize,
    /// Surface form as written (`&text[start..end]`).
    pub text: String,
    pub kind: PlaceKind,
    pub location: Location,
    /// 0..1: how sure the recogniser is that this is a place and the right one.
    pub confidence: f32,
}

/// The words around `start..end` are written in capitals too: an all-capitals headline,
/// where a capitalised word says nothing about being a name.
fn headline_caps(text: &str, start: usize, end: usize) -> bool {
    let caps_word = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
    };
    let before = text[..start].split_whitespace().next_back().unwrap_or("");
    let after = text[end..].split_whitespace().next().unwrap_or("");
    caps_word(before) || caps_word(after)
}

/// One reading of a name considered by the resolver ([`Gazetteer::explain`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    pub kind: PlaceKind,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub population: u32,
    /// `None` for a reading rejected before scoring.
    pub score: Option<f32>,
    pub accepted: bool,
    /// The score's parts, or why the reading was rejected.
    pub why: String,
}

/// A span the resolver looked at, the readings it considered and its choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explained {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The chosen place's name; `None` when no reading was acceptable.
    pub chosen: Option<String>,
    /// Why the chosen reading won (score, margin, the reasons).
    pub why: String,
    pub candidates: Vec<Candidate>,
}

/// The gazetteer: places, a name index and the word lists used to reject
/// false positives. Build it once ([`Gazetteer::global`]) and share it.
pub struct Gazetteer {
    places: Vec<Place>,
    admin1_names: Vec<Box<str>>,
    index: HashMap<u64, (u32, u32), IdHash>,
    postings: Vec<Posting>,
    /// The admin-1 place of each admin-1 index (`u32::MAX` for none).
    admin1_place: Vec<u32>,
    /// Official names (current and former) of renamed places, by place.
    official: FxHashMap<u32, Vec<(u64, Box<str>)>>,
    codes: Vec<&'static str>,
    country_place: Vec<u32>,
    country_words: FxHashMap<String, u16>,
    demonyms: HashMap<u64, u16, IdHash>,
    stop: HashSet<u64, IdHash>,
    blocked: HashSet<u64, IdHash>,
    followers: HashSet<u64, IdHash>,
    /// Common first names and surnames (lower case, as written).
    person: HashSet<u64, IdHash>,
}

/// Lower-case words before a place name that make a weak candidate a place
/// ("in Nice", "near Bar").
const LOCATIVE: [&str; 16] = [
    "in",
    "near",
    "at",
    "outside",
    "from",
    "around",
    "toward",
    "towards",
    "into",
    "across",
    "between",
    "via",
    "to",
    "nearby",
    "outskirts",
    "of",
];
/// Nouns that, before "of", announce a place ("the city of", "the village of").
const PLACE_NOUNS: [&str; 13] = [
    "oblast",
    "city",
    "town",
    "village",
    "settlement",
    "region",
    "province",
    "outskirts",
    "suburb",
    "suburbs",
    "district",
    "hamlet",
    "port",
];
/// Lower-case words allowed inside a multi-word name.
const CONNECTORS: [&str; 20] = [
    "of", "de", "del", "la", "le", "du", "des", "da", "do", "dos", "das", "on", "upon", "am",
    "der", "and", "the", "al", "el", "sur",
];

/// Compass words that end a name when they follow it ("Tonj North county").
const COMPASS: [&str; 12] = [
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "centre",
];

/// Longest name in tokens.
const MAX_SPAN: usize = 6;
/// Settlements below this population need document context (their country
/// mentioned, or a nearby place) to be accepted.
const SMALL_TOWN: u32 = 15_000;
/// Settlements from this population up are known without context.
const BIG_CITY: u32 = 100_000;
/// A city known world-wide by its name (London, Toronto, Melbourne).
const WORLD_CITY: u32 = 1_000_000;

/// A reading chosen for a span: (place id, score, margin over the next
/// reading, guess). A guess is the one populated reading of a distinctive
/// name that nothing in the text supports (kept with a low confidence).
type Pick = (u32, f32, f32, bool);

/// The article's country focus (weight per country) and what each name adds to
/// its own countries' weight (name key, country).
type Focus<'a> = (&'a FxHashMap<u16, f32>, &'a FxHashMap<(u64, u16), f32>);

/// A lone name's reading is taken without context from this population up,
/// when it has ten times the people of every namesake.
const LONE_TOWN: u32 = 5_000;

/// One span of text that matched the index, before disambiguation.
struct Cand {
    start: usize,
    end: usize,
    /// Postings range.
    ps: (u32, u32),
    suffixed: bool,
    /// Evidence that a weak word is a place here (a preposition, a region word).
    cue: bool,
    weak: bool,
    multi: bool,
    /// Country given by a possessive just before ("Russia's Kursk region").
    forced_cc: Option<u16>,
    /// Country suggested by a demonym before a place noun ("the Ukrainian
    /// towns of Donetsk and Luhansk"), carried along a list of names.
    pref_cc: Option<u16>,
    /// A common first name or surname (Taylor, Washington).
    namelike: bool,
    /// First two bytes of the normalised span.
    head: [u8; 2],
    /// End of a following "city" word ("Donetsk City", "Kharkiv city"), taken
    /// into the mention when it resolves to a settlement.
    city_end: Option<usize>,
    /// Written in capitals (SUV, IRA): only curated short names match.
    acronym: bool,
    /// Where an admin-1 abbreviation may be read ("Trenton, N.J.", "Dayton,
    /// Ohio", "NSW"): after "Town," with its dot, dotted, or in capitals.
    abbrev_ok: bool,
    /// The match is part of a longer capitalised run ("Donald" in "Donald
    /// Trump", "Obama" in "Barack Obama"): likely a person or an organisation.
    embedded: bool,
    /// Capitalised words on both sides ("Masjid Cali Gaduud"): inside a longer name.
    inner: bool,
    /// Right after "Name," where Name is a capitalised word the gazetteer does
    /// not know ("Fooivka, Donetsk"): a container's position.
    after_unknown: bool,
    /// With `after_unknown`: where that unknown name is.
    unknown_span: (usize, usize),
    /// The same name appears elsewhere in the text inside a longer
    /// capitalised run ("Jim Trapani" ... "Trapani's"): maybe a person's.
    in_name: bool,
    /// For "X district" ("Poonch district"): the postings of the bare name X, whose
    /// town may name a district the gazetteer does not hold (a one-word unit is its town).
    bare: (u32, u32),
    key: u64,
}

impl Cand {
    /// A multi-word span with a cue ("the X district", "X Oblast"): every flag at its default.
    fn cued_multiword(start: usize, end: usize, ps: (u32, u32), head: [u8; 2], key: u64) -> Cand {
        Cand {
            start,
            end,
            ps,
            suffixed: false,
            cue: true,
            weak: false,
            multi: true,
            forced_cc: None,
            pref_cc: None,
            acronym: false,
            abbrev_ok: false,
            embedded: false,
            inner: false,
            namelike: false,
            after_unknown: false,
            unknown_span: (0, 0),
            in_name: false,
            head,
            city_end: None,
            bare: (0, 0),
            key,
        }
    }
}

impl Gazetteer {
    /// The shared gazetteer, read from the embedded index on first use (≈ 0.1 s in release builds).
    pub fn global() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    /// Builds a new gazetteer from the embedded data. Prefer [`Gazetteer::global`].
    pub fn load() -> Gazetteer {
        Gazetteer::from_built(blob::decode(BLOB).expect("embedded gazetteer index is valid"))
    }

    fn from_built(b: Built) -> Gazetteer {
        let mut index: HashMap<u64, (u32, u32), IdHash> = HashMap::default();
        index.reserve(b.keys.len());
        index.extend(b.keys.iter().map(|&(h, s, n)| (h, (s, n))));
        let set = |v: Vec<u64>| -> HashSet<u64, IdHash> { v.into_iter().collect() };
        let mut admin1_place = vec![u32::MAX; b.admin1_names.len()];
        for (pid, p) in b.places.iter().enumerate() {
            if p.kind == PlaceKind::Admin1 && (p.admin1 as usize) < admin1_place.len() {
                admin1_place[p.admin1 as usize] = pid as u32;
            }
        }
        let mut official: FxHashMap<u32, Vec<(u64, Box<str>)>> = FxHashMap::default();
        for (pid, h, name) in b.official {
            official.entry(pid).or_default().push((h, name));
        }
        Gazetteer {
            admin1_place,
            official,
            places: b.places,
            admin1_names: b.admin1_names,
            index,
            postings: b.postings,
            // Leaked once per load: `country_of_name` hands out `&'static str`.
            codes: b
                .codes
                .into_iter()
                .map(|c| &*Box::leak(c.into_boxed_str()))
                .collect(),
            country_place: b.country_place,
            country_words: b.country_words.into_iter().collect(),
            demonyms: b.demonyms.into_iter().collect(),
            stop: set(b.stop),
            blocked: set(b.blocked),
            followers: set(b.followers),
            person: set(b.person),
        }
    }

    /// Number of places (settlements, admin-1 units, regions, countries, sites).
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Always false: the embedded data is never empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// All place mentions in a document, in text order, not overlapping,
    /// disambiguated with the document's context.
    pub fn find(&self, text: &str) -> Vec<PlaceMention> {
        self.find_impl(text, false, None)
    }

    /// [`Gazetteer::find`] with, per mention, every reading considered (with
    /// its score and the reasons for it, or why it was rejected) and why the
    /// chosen one won; also the spans where no reading was acceptable.
    pub fn explain(&self, text: &str) -> Vec<Explained> {
        let mut notes = Vec::new();
        self.find_impl(text, false, Some(&mut notes));
        notes
    }

    /// Demonyms ("Russian", "Georgians"): adjectives and nouns of a country,
    /// which set an article's focus but are not place mentions themselves
    /// ([`Gazetteer::find`] never returns them). Each is given with its country
    /// (kind `Country`); for benchmarks whose annotators count them as toponyms.
    pub fn demonyms_in(&self, text: &str) -> Vec<PlaceMention> {
        let tk = scan::tokenize(text, false);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tk.toks.len() {
            let t = &tk.toks[i];
            // two-word demonyms first ("North Korean"), then one word
            let two = (i + 1 < tk.toks.len() && !tk.toks[i + 1].punct_before).then(|| {
                let mut h = fnv(tk.norm_of(i).as_bytes());
                h = fnv_step(h, b' ');
                for &b in tk.norm_of(i + 1).as_bytes() {
                    h = fnv_step(h, b);
                }
                h
            });
            let hit = two
                .and_then(|h| self.demonyms.get(&h).map(|&c| (c, i + 1)))
                .or_else(|| {
                    self.demonyms
                        .get(&fnv(tk.norm_of(i).as_bytes()))
                        .map(|&c| (c, i))
                });
            match hit {
                Some((cc, j)) if t.cap => {
                    let end = tk.toks[j].end;
                    out.push(PlaceMention {
                        start: t.start,
                        end,
                        text: text[t.start..end].to_string(),
                        kind: PlaceKind::Country,
                        location: self.location(self.country_place[cc as usize]),
                        confidence: 0.5,
                    });
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Best single resolution of a place name ("Kharkiv", "Kharkiv region",
    /// "Kiev", "Київ"); `None` when the name is unknown.
    pub fn lookup(&self, name: &str) -> Option<Location> {
        let found = self.find_impl(name, true, None);
        found
            .into_iter()
            .max_by_key(|m| (m.end - m.start, usize::MAX - m.start))
            .map(|m| m.location)
    }

    /// The country with this ISO 3166-1 alpha-2 code (coordinates: the centre
    /// of its mainland, precision `country`).
    pub fn country(&self, iso2: &str) -> Option<Location> {
        let i = self
            .codes
            .iter()
            .position(|c| c.eq_ignore_ascii_case(iso2.trim()))?;
        Some(self.location(self.country_place[i]))
    }

    /// ISO2 code for a country name ("Ukraine", "the UK", "United States") or a
    /// demonym ("Russian", "Israeli").
    pub fn country_of_name(&self, name_or_demonym: &str) -> Option<&'static str> {
        let mut n = norm(name_or_demonym);
        if let Some(s) = n.strip_prefix("the ") {
            n = s.to_string();
        }
        self.country_words.get(&n).map(|&i| self.codes[i as usize])
    }

    fn postings(&self, ps: (u32, u32)) -> &[Posting] {
        &self.postings[ps.0 as usize..(ps.0 + ps.1) as usize]
    }

    fn location(&self, pid: u32) -> Location {
        let p = &self.places[pid as usize];
        let admin1 = match p.kind {
            PlaceKind::Country | PlaceKind::Continent => None,
            _ if p.admin1 != u32::MAX => Some(self.admin1_names[p.admin1 as usize].to_string()),
            _ => None,
        };
        let precision = match p.kind {
            PlaceKind::Settlement | PlaceKind::Site => PlacePrecision::City,
            PlaceKind::Admin1 | PlaceKind::Region | PlaceKind::Continent => PlacePrecision::Region,
            PlaceKind::Country => PlacePrecision::Country,
        };
        Location {
            name: p.name.to_string(),
            admin1,
            country: (p.cc != u16::MAX).then(|| self.codes[p.cc as usize].to_string()),
            lat: (!p.lat.is_nan()).then_some(round4(p.lat)),
            lon: (!p.lon.is_nan()).then_some(round4(p.lon)),
            precision,
            geonames_id: (p.gid != 0).then_some(p.gid as u64),
        }
    }

    /// [`Self::location`], named with the official name the text uses when
    /// the place was renamed ("Novomoskovsk" or "Samar", as written).
    fn location_as_written(&self, pid: u32, key: u64) -> Location {
        let mut l = self.location(pid);
        if let Some(names) = self.official.get(&pid) {
            if let Some((_, name)) = names.iter().find(|(h, _)| *h == key) {
                l.name = name.to_string();
            }
        }
        l
    }

    fn lookup_hash(&self, h: u64) -> Option<(u32, u32)> {
        self.index.get(&h).copied()
    }

    fn find_impl(
        &self,
        text: &str,
        relaxed: bool,
        notes: Option<&mut Vec<Explained>>,
    ) -> Vec<PlaceMention> {
        let tk = scan::tokenize(text, relaxed);
        let toks = &tk.toks;
        let n = toks.len();
        // FNV hash of the token as written, lower-cased (stoplist key)
        let lower_hash = |i: usize| -> u64 {
            let mut h = FNV_OFFSET;
            let mut buf = [0u8; 4];
            for c in text[toks[i].start..toks[i].end]
                .chars()
                .flat_map(char::to_lowercase)
            {
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    h = fnv_step(h, b);
                }
            }
            h
        };
        let is_connector = |i: usize| !toks[i].cap && CONNECTORS.contains(&tk.norm_of(i));
        let suffix_of = |i: usize| -> Option<&'static str> {
            let w = tk.norm_of(i);
            SUFFIXES.iter().find(|(a, _)| *a == w).map(|(_, s)| *s)
        };
        let cap = |i: usize| relaxed || toks[i].cap;

        // Document context: countries named or implied by demonyms.
        let mut ctx_cc: FxHashMap<u16, f32> = FxHashMap::default();

        let mut cands: Vec<Cand> = Vec::new();
        // Surnames of people the text names in full ("Jim Trapani"): the same
        // word alone later is the person, not a place named like them.
        let mut surnames: FxHashSet<u64> = FxHashSet::default();
        // the last capitalised word that is no place, common word or person's
        // name the gazetteer knows ("Fooivka" in "Fooivka, Donetsk")
        let mut unknown_at: Option<usize> = None;
        let mut i = 0;
        while i < n {
            if !cap(i) || is_connector(i) {
                i += 1;
                continue;
            }
            // a compass word right after a name, alone or before a region word, ends
            // that name ("Tonj North county", "Kajo Keji West"): no place of its own
            // (not Cameroon's North Province)
            if !relaxed
                && i > 0
                && COMPASS.contains(&tk.norm_of(i))
                && !toks[i].punct_before
                && toks[i - 1].cap
                && !toks[i - 1].possessive
                && !(toks[i - 1].initial && self.stop.contains(&lower_hash(i - 1)))
                && (i + 1 >= n
                    || toks[i + 1].punct_before
                    || !toks[i + 1].cap
                    || suffix_of(i + 1).is_some())
            {
                i += 1;
                continue;
            }
            // extent of the capitalised run starting at i: capitals and connectors with
            // no punctuation between them, stopping after a possessive
            let extend = |mut r: usize| {
                while r + 1 < n
                    && r + 1 - i < MAX_SPAN
                    && !toks[r].possessive
                    && !toks[r + 1].punct_before
                    && (cap(r + 1) || is_connector(r + 1))
                {
                    r += 1;
                }
                r
            };
            let mut r = extend(i);
            // the run up to a possessive; a name may go on through it ("People's
            // Republic of China", "St. Peter's Square") when a capital follows
            let r_plain = r;
            while r + 1 < n
                && r + 1 - i < MAX_SPAN
                && toks[r].possessive
                && !toks[r + 1].punct_before
                && cap(r + 1)
            {
                r = extend(r + 1);
            }
            if r_plain == i + 1
                && !relaxed
                && (i == 0 || toks[i].punct_before || !cap(i - 1))
                && toks[r].cap
                && !toks[i].possessive
                && self.person.contains(&lower_hash(i))
                && !self.stop.contains(&lower_hash(i))
            {
                let last = fnv(tk.norm_of(r).as_bytes());
                if !self.followers.contains(&last)
                    && self.lookup_hash(fnv(tk.norm_of(i).as_bytes())).is_none()
                {
                    surnames.insert(last);
                }
            }
            let mut matched: Option<(usize, Cand)> = None;
            let mut blocked_to: Option<usize> = None;
            'span: for j in (i..=r).rev() {
                if is_connector(j) {
                    continue;
                }
                // hash of the normalised span i..=j
                let mut h = FNV_OFFSET;
                let mut empty = true;
                for k in i..=j {
                    let w = tk.norm_of(k);
                    if w.is_empty() {
                        continue;
                    }
                    if !empty {
                        h = fnv_step(h, b' ');
                    }
                    empty = false;
                    for &b in w.as_bytes() {
                        h = fnv_step(h, b);
                    }
                    // an inner possessive is part of the name: "people's" -> "peoples"
                    if k < j && toks[k].possessive {
                        h = fnv_step(h, b's');
                    }
                }
                if empty {
                    continue;
                }
                // a hyphenated word for a name written as one ("Huliai-Pole", Huliaipole)
                let h = if i == j && tk.norm_of(i).contains(' ') && self.lookup_hash(h).is_none() {
                    let joined = tk
                        .norm_of(i)
                        .bytes()
                        .filter(|&b| b != b' ')
                        .fold(FNV_OFFSET, fnv_step);
                    if self.lookup_hash(joined).is_some() {
                        joined
                    } else {
                        h
                    }
                } else {
                    h
                };
                if self.blocked.contains(&h) {
                    blocked_to = Some(j);
                    break 'span;
                }
                // a region word after the span: "Kharkiv region", "Donetsk and Luhansk regions"
                let suf = self
                    .suffix_after(
                        &tk,
                        j,
                        j == r || j == r_plain || !cap(j + 1),
                        &suffix_of,
                        &cap,
                    )
                    .or_else(|| {
                        let list = (i == j && !relaxed)
                            .then(|| region_list_before(&tk, text, i, &suffix_of));
                        list.flatten().map(|s| (s, None))
                    });
                if let Some((suf_word, suf_tok)) = suf {
                    let mut hs = fnv_step(h, b' ');
                    for &b in norm(suf_word).as_bytes() {
                        hs = fnv_step(hs, b);
                    }
                    // "Central District Hospital": a common word with a region word
                    // inside an institution's name is no region
                    let generic_in_name = i == j
                        && self.stop.contains(&lower_hash(i))
                        && suf_tok.is_some_and(|t| {
                            t + 1 < n && !toks[t + 1].punct_before && toks[t + 1].cap
                        });
                    if let Some(ps) = self.lookup_hash(hs).filter(|_| !generic_in_name) {
                        let end = suf_tok.map(|t| toks[t].end).unwrap_or(toks[j].end);
                        matched = Some((
                            suf_tok.unwrap_or(j),
                            Cand {
                                suffixed: true,
                                bare: if matches!(suf_word, "district" | "county" | "raion") {
                                    self.lookup_hash(h).unwrap_or((0, 0))
                                } else {
                                    (0, 0)
                                },
                                ..Cand::cued_multiword(toks[i].start, end, ps, [0, 0], hs)
                            },
                        ));
                        break 'span;
                    }
                }
                // the same written out: "Central District" + a capitalised word
                let generic_in_name = j == i + 1
                    && suffix_of(j).is_some()
                    && self.stop.contains(&lower_hash(i))
                    && j + 1 < n
                    && !toks[j + 1].punct_before
                    && toks[j + 1].cap;
                // a river named like a place ("the Oskil River", "the Oskil river"): no
                // settlement, nor the country or unit of that name; the river itself
                // when the gazetteer knows it ("the Dnipro river")
                let river = j + 1 < n
                    && !toks[j].possessive
                    && !toks[j + 1].punct_before
                    && matches!(tk.norm_of(j + 1), "river" | "creek")
                    && self.lookup_hash(h).is_some();
                let mut river_known = None;
                if river {
                    let mut hr = fnv_step(h, b' ');
                    for &b in tk.norm_of(j + 1).as_bytes() {
                        hr = fnv_step(hr, b);
                    }
                    match self.lookup_hash(hr) {
                        Some(ps) => river_known = Some((hr, ps)),
                        None => {
                            blocked_to = Some(j + 1);
                            break 'span;
                        }
                    }
                }
                if let Some(ps) = self.lookup_hash(h).filter(|_| !generic_in_name) {
                    if let Some((hr, ps)) = river_known {
                        matched = Some((
                            j + 1,
                            Cand::cued_multiword(toks[i].start, toks[j + 1].end, ps, head2(tk.norm_of(i)), hr),
                        ));
                        break 'span;
                    }
                    let single = i == j && !tk.norm_of(i).contains(' ');
                    if single && self.demonyms.contains_key(&h) {
                        // "Syrian", "Russian": context, never a place
                        break 'span;
                    }
                    let surface = &text[toks[i].start..toks[j].end];
                    let acronym = single
                        && surface.chars().filter(|c| c.is_alphabetic()).count() <= 5
                        && surface.chars().all(|c| !c.is_lowercase());
                    let dotted =
                        surface.contains('.') || text.as_bytes().get(toks[j].end) == Some(&b'.');
                    let after_town = i > 0 && toks[i].comma_before && toks[i - 1].cap;
                    let abbrev_ok = single
                        && ((dotted && after_town)
                            || (surface.contains('.') && surface.len() >= 4)
                            || (acronym && surface.len() >= 3 && !surface.contains('.')));
                    // capitalised neighbours in the same phrase that are not part of the match
                    // (a common word capitalised only because it opens the sentence, as in
                    // "In Lyon, …" or "At Berlin's airport", is not part of a longer name)
                    let left = i > 0
                        && !toks[i].punct_before
                        && toks[i - 1].cap
                        && !toks[i - 1].possessive
                        && !(toks[i - 1].initial && self.stop.contains(&lower_hash(i - 1)));
                    let right = j + 1 < n
                        && !toks[j].possessive
                        && !toks[j + 1].punct_before
                        && toks[j + 1].cap
                        && !self.followers.contains(&fnv(tk.norm_of(j + 1).as_bytes()));
                    let embedded = !relaxed && (left || right);
                    // next to a title or a famous person's name ("Vladimir Putin",
                    // "President Biden"): part of a person's name
                    let by_person = (left
                        && self.blocked.contains(&fnv(tk.norm_of(i - 1).as_bytes())))
                        || (right && self.blocked.contains(&fnv(tk.norm_of(j + 1).as_bytes())));
                    // "The Valley Voice": a name opening with "The" inside a longer name
                    let the_embedded = embedded && tk.norm_of(i) == "the";
                    // A country's abbreviation in capitals before a title ("U.S. President",
                    // "UK Defence Secretary") names the country, not part of a person.
                    let caps_abbrev = acronym
                        && surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && !headline_caps(text, toks[i].start, toks[j].end);
                    if !relaxed && ((by_person && !caps_abbrev) || the_embedded) {
                        i = j;
                        break 'span;
                    }
                    let lw = lower_hash(i);
                    // "US" in capitals is not the pronoun "us" (outside an all-capitals headline).
                    let weak = single && self.stop.contains(&lw) && !caps_abbrev;
                    matched = Some((
                        j,
                        Cand {
                            start: toks[i].start,
                            end: toks[j].end,
                            ps,
                            suffixed: false,
                            cue: false,
                            weak,
                            multi: !single,
                            forced_cc: None,
                            pref_cc: None,
                            acronym,
                            abbrev_ok,
                            embedded,
                            inner: !relaxed && left && right,
                            namelike: single && self.person.contains(&lw),
                            after_unknown: false,
                            unknown_span: (0, 0),
                            in_name: false,
                            head: head2(tk.norm_of(i)),
                            city_end: (j + 1 < n
                                && !toks[j].possessive
                                && !toks[j + 1].punct_before
                                && text[toks[j + 1].start..toks[j + 1].end]
                                    .eq_ignore_ascii_case("city"))
                            .then(|| toks[j + 1].end),
                            bare: (0, 0),
                            key: h,
                        },
                    ));
                    break 'span;
                }
            }
            if let Some(j) = blocked_to {
                i = j + 1;
                continue;
            }
            // demonyms: context only
            if let Some(&c) = self.demonyms.get(&fnv(tk.norm_of(i).as_bytes())) {
                *ctx_cc.entry(c).or_default() += 0.5;
            }
            match matched {
                Some((j, mut c)) => {
                    // evidence before the span
                    let prev_word = (i > 0 && !toks[i].punct_before).then(|| tk.norm_of(i - 1));
                    let prev_is_the = prev_word == Some("the");
                    let before = if prev_is_the && i > 1 && !toks[i - 1].punct_before {
                        Some(i - 2)
                    } else {
                        i.checked_sub(1)
                    };
                    if let Some(b) = before {
                        let w = tk.norm_of(b);
                        // ("In Lyon, …": capitalised only because it opens the sentence)
                        if (!toks[b].cap || toks[b].initial) && LOCATIVE.contains(&w) {
                            c.cue = true;
                            if w == "of" {
                                // only "city of X", "outskirts of X" ...
                                let noun = b > 0 && {
                                    let n = tk.norm_of(b - 1);
                                    PLACE_NOUNS.contains(&n)
                                        || n.strip_suffix('s')
                                            .is_some_and(|n| PLACE_NOUNS.contains(&n))
                                        || n == "cities"
                                };
                                c.cue = noun;
                                // "the region of Zaporizhzhia": the unit, as "Zaporizhzhia region"
                                if noun && !c.suffixed {
                                    if let Some(suf) = suffix_of(b - 1) {
                                        let mut hs = fnv_step(c.key, b' ');
                                        for &x in suf.as_bytes() {
                                            hs = fnv_step(hs, x);
                                        }
                                        if let Some(ps) = self.lookup_hash(hs) {
                                            c.ps = ps;
                                            c.key = hs;
                                            c.suffixed = true;
                                            c.weak = false;
                                        }
                                    }
                                }
                                // "the (eastern) Ukrainian towns of X": a demonym
                                // within three words before the noun
                                if noun {
                                    c.pref_cc = (b.saturating_sub(4)..b - 1)
                                        .rev()
                                        .take_while(|&k| !toks[k + 1].punct_before)
                                        .find_map(|k| {
                                            self.demonyms
                                                .get(&fnv(tk.norm_of(k).as_bytes()))
                                                .copied()
                                        });
                                }
                            }
                        }
                        // the next name of a list started by such a phrase
                        // ("towns of Donetsk and Luhansk")
                        if c.pref_cc.is_none() {
                            if let Some(prev) = cands.last() {
                                let gap = text[prev.end.min(c.start)..c.start]
                                    .trim_matches(|ch: char| ch == ',' || ch.is_whitespace());
                                if prev.pref_cc.is_some() && matches!(gap, "" | "and" | "or") {
                                    c.pref_cc = prev.pref_cc;
                                }
                            }
                        }
                        // a possessive country right before: "Russia's Kursk region"
                        if toks[b].possessive && b + 1 == i {
                            if let Some(prev) = cands.last() {
                                if prev.end == toks[b].end {
                                    let ps = self.postings(prev.ps);
                                    if let Some(p) = ps.iter().find(|p| {
                                        self.places[p.place as usize].kind == PlaceKind::Country
                                    }) {
                                        c.forced_cc = Some(self.places[p.place as usize].cc);
                                    }
                                }
                            }
                        }
                    }
                    // "Denver-based", "Barbados-flagged": a place by its seat word
                    if toks[j].seat_after {
                        c.cue = true;
                    }
                    // "Sur town", "Man village": a place by the noun after it
                    if j + 1 < n
                        && !toks[j].possessive
                        && !toks[j + 1].punct_before
                        && !toks[j + 1].cap
                        && matches!(
                            tk.norm_of(j + 1),
                            "town" | "village" | "township" | "hamlet"
                        )
                    {
                        c.cue = true;
                    }
                    c.after_unknown = i > 0 && toks[i].comma_before && unknown_at == Some(i - 1);
                    if c.after_unknown {
                        c.unknown_span = (toks[i - 1].start, toks[i - 1].end);
                    }
                    let initial = toks[i].initial && !relaxed;
                    // a common word that is an admin-1 unit by its own name, listed after
                    // another unit of the same country or after a country ("Arkansas,
                    // Colorado", "Idaho, Montana and Utah"): the unit
                    if c.weak && !c.cue && !initial && !relaxed {
                        if let Some(prev) = cands.last() {
                            let gap = text[prev.end.min(c.start)..c.start].trim();
                            if matches!(gap, "," | "and" | ", and" | "or" | ", or") {
                                let cc = self
                                    .own_reading(prev, PlaceKind::Admin1, None)
                                    .or_else(|| self.own_reading(prev, PlaceKind::Country, None))
                                    .map(|pid| self.places[pid as usize].cc);
                                c.weak = false;
                                c.weak = !cc.is_some_and(|cc| {
                                    self.own_reading(&c, PlaceKind::Admin1, Some(cc)).is_some()
                                });
                            }
                        }
                    }
                    let keep = if relaxed {
                        true
                    } else if c.weak {
                        // a common English word: needs a cue and must not open a sentence
                        c.cue && !initial
                    } else {
                        true
                    };
                    if keep {
                        cands.push(c);
                    }
                    i = j + 1;
                }
                None => {
                    let w = &text[toks[i].start..toks[i].end];
                    let lw = lower_hash(i);
                    let unknown = r_plain == i
                        && toks[i].cap
                        && w.chars().count() >= 4
                        && w.chars().any(char::is_lowercase)
                        && !self.stop.contains(&lw)
                        && !self.person.contains(&lw)
                        && !self.demonyms.contains_key(&fnv(tk.norm_of(i).as_bytes()));
                    unknown_at = unknown.then_some(i);
                    i += 1;
                }
            }
        }
        if !surnames.is_empty() {
            cands.retain(|c| c.multi || !surnames.contains(&c.key));
        }
        let in_runs: FxHashSet<u64> = cands.iter().filter(|c| c.embedded).map(|c| c.key).collect();
        if !in_runs.is_empty() {
            for c in &mut cands {
                c.in_name = in_runs.contains(&c.key);
            }
        }
        self.resolve(text, cands, ctx_cc, relaxed, notes)
    }

    /// A region word after token `j` (same phrase), possibly after a list of
    /// names ("Donetsk, Luhansk and Zaporizhzhia regions"). Returns the
    /// singular suffix and the token index to extend the mention to (only
    /// when the word directly follows).
    fn suffix_after(
        &self,
        tk: &scan::Tokens,
        j: usize,
        list: bool,
        suffix_of: &dyn Fn(usize) -> Option<&'static str>,
        cap: &dyn Fn(usize) -> bool,
    ) -> Option<(&'static str, Option<usize>)> {
        let toks = &tk.toks;
        let n = toks.len();
        if toks[j].possessive
            || j + 1 >= n
            || (toks[j + 1].punct_before && !(list && toks[j + 1].comma_before))
        {
            return None;
        }
        if let Some(s) = suffix_of(j + 1) {
            return Some((s, Some(j + 1)));
        }
        if !list {
            return None;
        }
        // list form: X, Y and Z regions — look ahead a few tokens
        let mut k = j + 1;
        let mut steps = 0;
        let mut saw_and = false;
        while k < n && steps < 40 {
            if toks[k].punct_before && !toks[k].comma_before {
                return None;
            }
            let w = tk.norm_of(k);
            if w == "and" || w == "or" {
                saw_and = true;
            } else if let Some(s) = suffix_of(k) {
                let plural = tk.norm_of(k).ends_with('s') && w != "oblast";
                return (saw_and && (plural || w.ends_with("oblasts"))).then_some((s, None));
            } else if !cap(k) {
                return None;
            }
            k += 1;
            steps += 1;
        }
        None
    }
    /// Chooses a place for each candidate span with document context.
    fn resolve(
        &self,
        text: &str,
        cands: Vec<Cand>,
        mut ctx_cc: FxHashMap<u16, f32>,
        relaxed: bool,
        mut notes: Option<&mut Vec<Explained>>,
    ) -> Vec<PlaceMention> {
        // Context from unambiguous strong candidates: countries, admin-1 units,
        // and places whose name has a single reading.
        let mut ctx_admin1: FxHashSet<u32> = FxHashSet::default();
        // what each name adds to its own countries' focus: a name is no evidence for
        // its own reading ("Kani" alone does not make an article about Myanmar one
        // about Japan, where a city of that name is)
        let mut own_ctx: FxHashMap<(u64, u16), f32> = FxHashMap::default();
        for c in &cands {
            let ps = self.postings(c.ps);
            let strong: Vec<&Place> = ps
                .iter()
                .filter(|q| q.how != How::Abbrev || c.abbrev_ok)
                // a town's former or foreign name sets no focus ("Halgan", an old name
                // of a Chinese city, in a Somali report)
                .filter(|q| !self.foreign_alt(c, q))
                .map(|p| &self.places[p.place as usize])
                .filter(|p| {
                    (matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1)
                        || p.pop >= 100_000
                        || p.flags & (FLAG_SUPPLEMENT | FLAG_CAPITAL) != 0)
                        && p.flags & FLAG_ADMIN2 == 0
                })
                .collect();
            if c.weak || c.namelike || c.embedded || c.acronym {
                // only a country name in capitals ("US") counts among these
                let country_only =
                    strong.len() == 1 && strong[0].kind == PlaceKind::Country && !c.embedded;
                let abbrev = c.abbrev_ok && strong.len() == 1;
                if !country_only && !abbrev {
                    continue;
                }
            }
            if strong.len() == 1 || (c.forced_cc.is_some()) {
                let p = strong.first().copied();
                if let Some(cc) = c.forced_cc.or(p.map(|p| p.cc)) {
                    if cc != u16::MAX {
                        *ctx_cc.entry(cc).or_default() += 1.0;
                        // (a country, a unit, a capital or a unit's seat by its name is
                        // evidence of itself: "Russian troops shelled Donetsk")
                        if p.is_some_and(|p| {
                            p.kind == PlaceKind::Settlement
                                && p.flags & (FLAG_CAPITAL | FLAG_SEAT) == 0
                                && p.pop < WORLD_CITY
                        }) {
                            *own_ctx.entry((c.key, cc)).or_default() += 1.0;
                        }
                    }
                }
                if let Some(p) = p {
                    if p.admin1 != u32::MAX && p.kind == PlaceKind::Admin1 {
                        ctx_admin1.insert(p.admin1);
                    }
                }
            }
        }

        // Pass 1: score with country/admin-1 context only.
        let none = vec![None; cands.len()];
        let first: Vec<Option<Pick>> = cands
            .iter()
            .map(|c| {
                self.best(
                    c,
                    (&ctx_cc, &own_ctx),
                    &ctx_admin1,
                    &[],
                    (None, None),
                    relaxed,
                    None,
                )
            })
            .collect();
        // An explicit container right after a name: "Springfield, Ohio",
        // "Pokrovsk, Donetsk region", "Lyman in the Donetsk region".
        let mut container = none;
        // A town that gives its oblast its name, written as a container ("X,
        // Zaporizhzhia"), names the oblast: that mention is read as the unit.
        let mut as_unit: Vec<Option<u32>> = vec![None; cands.len()];
        let seat_unit = |k: usize| -> Option<u32> {
            let (pid, ..) = first[k]?;
            let p = &self.places[pid as usize];
            if p.kind != PlaceKind::Settlement
                || p.flags & FLAG_SEAT == 0
                || self.list_goes_on(text, &cands, &first, k)
            {
                return None;
            }
            self.admin1_place
                .get(p.admin1 as usize)
                .copied()
                .filter(|&u| u != u32::MAX)
        };
        for k in 0..cands.len().saturating_sub(1) {
            let (c, d) = (&cands[k], &cands[k + 1]);
            if d.start < c.end {
                continue;
            }
            // a place noun may stand between the name and its container: "Kani township,
            // Sagaing Region", "Sur town (Diyarbakir)", "the village of X in Y"
            let gap = strip_place_noun(text[c.end..d.start].trim());
            if !matches!(gap, "," | "in" | "in the" | "of" | "(") {
                continue;
            }
            let Some((cp, ..)) = first[k + 1] else {
                continue;
            };
            if gap == "," {
                if let Some(u) = seat_unit(k + 1) {
                    // "Huliaipole, Zaporizhzhia": the Huliaipole in Zaporizhzhia Oblast
                    let inner = self.postings(c.ps).iter().any(|q| {
                        let p = &self.places[q.place as usize];
                        q.place != cp
                            && matches!(p.kind, PlaceKind::Settlement | PlaceKind::Site)
                            && self.inside(p, u)
                    });
                    if inner {
                        container[k] = Some(u);
                        as_unit[k + 1] = Some(u);
                        continue;
                    }
                }
            }
            let outer = &self.places[cp as usize];
            let is_container = match outer.kind {
                PlaceKind::Country => gap != "of",
                PlaceKind::Admin1 => true,
                PlaceKind::Region => outer.flags & FLAG_ADMIN2 != 0,
                _ => false,
            };
            // the name itself must have a reading below that level
            let inner = self.postings(c.ps).iter().any(|q| {
                let p = &self.places[q.place as usize];
                matches!(p.kind, PlaceKind::Settlement | PlaceKind::Site)
                    || (p.flags & FLAG_ADMIN2 != 0 && outer.kind != PlaceKind::Region)
            });
            // a name that is itself a country (an admin-1 unit) by its own name is
            // a list's member before another country (unit), not inside it: "Iraq,
            // Iran", "China, Japan", "Guangxi, Hainan"
            // (an abbreviation is a container: "Washington, D.C.")
            let abbrev = self
                .postings(d.ps)
                .iter()
                .any(|q| q.place == cp && q.how == How::Abbrev);
            let peer = matches!(outer.kind, PlaceKind::Country | PlaceKind::Admin1)
                && !abbrev
                && (self.own_reading(c, PlaceKind::Country, None).is_some()
                    || self.own_reading(c, outer.kind, None).is_some());
            // "Lviv, Kharkiv region and Odesa": a list, no container
            let listed_on = gap == "," && self.list_goes_on(text, &cands, &first, k + 1);
            if is_container && inner && !peer && !listed_on && first[k].map(|f| f.0) != Some(cp) {
                container[k] = Some(cp);
            }
        }
        // A list of countries or of admin-1 units of one country ("Mali, Niger and
        // Benin", "Oregon, Washington and Wyoming"): a member that is such a unit
        // by its own name is that unit (not Nigeria's Niger State, not the city of
        // Washington).
        let mut listed: Vec<Option<u32>> = vec![None; cands.len()];
        for _ in 0..2 {
            for k in 0..cands.len() {
                if listed[k].is_some() || container[k].is_some() || as_unit[k].is_some() {
                    continue;
                }
                let unit_of = |j: usize| -> Option<&Place> {
                    let pid = listed[j].or(first[j].map(|f| f.0))?;
                    let p = &self.places[pid as usize];
                    (matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1)
                        && self.own_reading(&cands[j], p.kind, None) == Some(pid))
                    .then_some(p)
                };
                let c = &cands[k];
                let mut pick = None;
                for j in [k.wrapping_sub(1), k + 1] {
                    let Some(d) = cands.get(j) else { continue };
                    let (a, b) = if j < k {
                        (d.end, c.start)
                    } else {
                        (c.end, d.start)
                    };
                    if b < a
                        || !matches!(
                            text[a..b].trim(),
                            "," | "and" | "or" | ", and" | ", or" | "&"
                        )
                    {
                        continue;
                    }
                    if let Some(u) = unit_of(j) {
                        let cc = (u.kind == PlaceKind::Admin1).then_some(u.cc);
                        pick = pick.or(self.own_reading(c, u.kind, cc));
                    }
                }
                if pick.is_some() && pick != first[k].map(|f| f.0) {
                    listed[k] = pick;
                }
            }
        }
        // "Fooivka, Donetsk": after a name the gazetteer does not know, an
        // oblast's centre is the oblast (where Fooivka is), not the city
        for (k, c) in cands.iter().enumerate() {
            if c.after_unknown && as_unit[k].is_none() {
                as_unit[k] = seat_unit(k);
            }
            // "the Kursk operation", "the Kursk battlegroup", "the Zaporizhzhia
            // direction": a military operation or formation named after a centre is
            // about its oblast, not the city
            if as_unit[k].is_none() && !c.multi && !c.suffixed {
                let next = text[c.end..]
                    .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                let same_phrase = text[c.end..].starts_with(' ');
                if same_phrase
                    && matches!(
                        next,
                        "operation"
                            | "offensive"
                            | "incursion"
                            | "battlegroup"
                            | "grouping"
                            | "direction"
                            | "axis"
                            | "front"
                    )
                {
                    as_unit[k] = seat_unit(k);
                }
            }
        }
        for (k, b) in first.iter().enumerate() {
            // admin-1 units the article names count as its focus
            if let Some((pid, _, margin, _)) = *b {
                let p = &self.places[pid as usize];
                let c = &cands[k];
                if p.kind == PlaceKind::Admin1
                    && margin >= 1.0
                    && !c.weak
                    && (c.abbrev_ok || !c.acronym)
                    && p.admin1 != u32::MAX
                {
                    ctx_admin1.insert(p.admin1);
                }
            }
        }
        // Anchors: confident pass-1 choices with coordinates.
        let mut anchors: Vec<(u64, f32, f32, usize)> = Vec::new();
        for (k, (c, b)) in cands.iter().zip(&first).enumerate() {
            if let Some((pid, _, margin, guess)) = *b {
                let p = &self.places[pid as usize];
                let contained = container[k].is_some_and(|o| self.inside(p, o));
                if (margin >= 1.0 || contained)
                    && !guess
                    && !p.lat.is_nan()
                    && matches!(
                        p.kind,
                        PlaceKind::Settlement | PlaceKind::Site | PlaceKind::Admin1
                    )
                {
                    anchors.push((c.key, p.lat, p.lon, c.start));
                    let alt = self
                        .postings(c.ps)
                        .iter()
                        .any(|q| q.place == pid && self.foreign_alt(c, q));
                    if p.cc != u16::MAX && !alt {
                        *ctx_cc.entry(p.cc).or_default() += 0.5;
                        if p.kind == PlaceKind::Settlement
                            && p.flags & (FLAG_CAPITAL | FLAG_SEAT) == 0
                            && p.pop < WORLD_CITY
                        {
                            *own_ctx.entry((c.key, p.cc)).or_default() += 0.5;
                        }
                    }
                }
            }
        }
        anchors.truncate(24);
        // Names with no confident reading of their own whose readings lie near
        // readings of other names: "Pokrovsk and Lyman", "Ivanivka, west of
        // Bakhmut" are next to one another in one oblast, not across Eurasia.
        let mut supported: Vec<Option<u32>> = vec![None; cands.len()];
        for (k, pos) in self.mutual_support(&cands, &first) {
            // the same name elsewhere in the text takes the same support
            for (j, d) in cands.iter().enumerate() {
                if d.key == cands[k].key {
                    supported[j] = Some(pos);
                }
            }
            if first[k].is_some_and(|f| f.0 == pos && f.2 >= 1.0) || anchors.len() >= 32 {
                // already an anchor
                continue;
            }
            let p = &self.places[pos as usize];
            anchors.push((cands[k].key, p.lat, p.lon, cands[k].start));
        }

        // Pass 2: with proximity to the other anchors.
        let mut out = Vec::with_capacity(cands.len());
        for (k, c) in cands.iter().enumerate() {
            // anchors near in the text weigh more than anchors far away in it
            let others: Vec<(f32, f32, f32)> = anchors
                .iter()
                .filter(|a| a.0 != c.key)
                .map(|a| {
                    (
                        a.1,
                        a.2,
                        if a.3.abs_diff(c.start) < 400 {
                            1.0
                        } else {
                            0.5
                        },
                    )
                })
                .collect();
            let mut trace: Option<Vec<Candidate>> = notes.as_ref().map(|_| Vec::new());
            let best = self.best(
                c,
                (&ctx_cc, &own_ctx),
                &ctx_admin1,
                &others,
                (container[k], supported[k]),
                relaxed,
                trace.as_mut(),
            );
            let best = match as_unit[k].or(listed[k]) {
                Some(u) => Some((u, best.map_or(0.0, |b| b.1), 4.0, false)),
                None => best,
            };
            let Some((pid, score, margin, guess)) = best else {
                if let (Some(n), Some(t)) = (notes.as_deref_mut(), trace) {
                    if !t.is_empty() {
                        n.push(Explained {
                            start: c.start,
                            end: c.end,
                            text: text[c.start..c.end].to_string(),
                            chosen: None,
                            why: "no reading acceptable here".into(),
                            candidates: t,
                        });
                    }
                }
                continue;
            };
            let p = &self.places[pid as usize];
            // no reading of the name inside its stated container: the container itself
            let coarser = container[k] == Some(pid);
            let mut conf = 0.45 + 0.08 * margin.min(4.0) + 0.04 * score.min(5.0);
            if c.multi || c.suffixed || !matches!(p.kind, PlaceKind::Settlement) {
                conf += 0.1;
            }
            if c.weak {
                conf -= 0.25;
            }
            if coarser {
                conf = 0.3;
            }
            if guess {
                // nothing in the text supports it: the populated reading, unsure
                conf = conf.min(0.5);
            }
            if as_unit[k].is_some() {
                conf = 0.8;
            }
            let end = match c.city_end {
                Some(e) if p.kind == PlaceKind::Settlement => e,
                _ => c.end,
            };
            if out.last().is_some_and(|m: &PlaceMention| m.end > c.start) {
                // a "city" word taken into the previous mention
                continue;
            }
            let mut m = PlaceMention {
                start: c.start,
                end,
                text: text[c.start..end].to_string(),
                kind: p.kind,
                location: self.location_as_written(pid, c.key),
                confidence: conf.clamp(0.05, 0.99),
            };
            // A place known only by its container ("Fooivka, Donetsk"; a
            // "Bairak, Donetsk region" with no Bairak in that region): the
            // name as written, at the container's coordinates and precision
            // (as ACLED codes a village it cannot locate closer).
            let named = if c.after_unknown
                && (as_unit[k].is_some() || (c.suffixed && p.kind == PlaceKind::Admin1))
            {
                Some(c.unknown_span)
            } else if coarser {
                Some((c.start, c.end))
            } else {
                None
            };
            if let Some((a, b)) = named {
                if coarser {
                    // the container's own mention is this one's tail
                    if let Some(d) = cands
                        .get(k + 1)
                        .filter(|_| first[k + 1].map(|f| f.0) == Some(pid))
                    {
                        m.end = m.end.max(d.end);
                    }
                }
                m.start = m.start.min(a);
                m.text = text[m.start..m.end].to_string();
                m.location.name = text[a..b].to_string();
                m.location.geonames_id = None;
            }
            if let (Some(n), Some(t)) = (notes.as_deref_mut(), trace) {
                let why = if coarser {
                    format!(
                        "no reading inside the stated container {}: kept at its level",
                        p.name
                    )
                } else if listed[k].is_some() {
                    format!(
                        "a member of a list of {}s next to it: that unit, {}",
                        if p.kind == PlaceKind::Country {
                            "countrie"
                        } else {
                            "admin-1 unit"
                        },
                        p.name
                    )
                } else if as_unit[k].is_some() {
                    format!(
                        "a town that names its admin-1 unit, written as the container of the \
                         name before it (\"X, {}\"): the unit {}",
                        m.text, p.name
                    )
                } else {
                    let mut w = t
                        .iter()
                        // the chosen reading's own reasons, not a namesake's
                        .find(|x| {
                            x.accepted
                                && x.name == *p.name
                                && x.population == p.pop
                                && x.kind == p.kind
                                && x.admin1 == m.location.admin1
                        })
                        .map(|x| x.why.clone())
                        .unwrap_or_default();
                    if let Some(o) = container[k] {
                        w = format!(
                            "inside the stated container {}; {w}",
                            self.places[o as usize].name
                        );
                    }
                    format!("score {score:.2}, margin {margin:.2} over the next: {w}")
                };
                n.push(Explained {
                    start: m.start,
                    end: m.end,
                    text: m.text.clone(),
                    chosen: Some(m.location.name.clone()),
                    why,
                    candidates: t,
                });
            }
            out.push(m);
        }
        out
    }

    /// The reading of `c` by its own name (or a curated alias) that is a place of
    /// `kind` (of country `cc`, when given), if there is one.
    fn own_reading(&self, c: &Cand, kind: PlaceKind, cc: Option<u16>) -> Option<u32> {
        if c.weak || c.acronym || c.embedded {
            return None;
        }
        self.postings(c.ps)
            .iter()
            .find(|q| {
                let p = &self.places[q.place as usize];
                // an admin-1 unit also by its short name ("Guangxi" for Guangxi
                // Zhuangzu Zizhiqu)
                let own = q.how <= How::Main || (kind == PlaceKind::Admin1 && q.how <= How::Alt);
                own && p.kind == kind && cc.is_none_or(|cc| p.cc == cc)
            })
            .map(|q| q.place)
    }

    /// A settlement read through an alternate name that is no spelling of its own
    /// name (a former or foreign name: "Halgan" for Zhangjiakou).
    fn foreign_alt(&self, c: &Cand, q: &Posting) -> bool {
        let p = &self.places[q.place as usize];
        p.kind == PlaceKind::Settlement && not_a_spelling(c, q, p)
    }

    /// Whether the name after candidate `k` continues a list of places ("X,
    /// Donetsk and Makiivka", "X, Donetsk, Horlivka"): then `k` is one of the
    /// places, not a container.
    fn list_goes_on(&self, text: &str, cands: &[Cand], first: &[Option<Pick>], k: usize) -> bool {
        let Some(d) = cands.get(k + 1) else {
            return false;
        };
        let c = &cands[k];
        if d.start < c.end {
            return false;
        }
        let gap = text[c.end..d.start].trim();
        let listy = matches!(gap, "," | "and" | "or" | ", and" | ", or" | "&");
        // "X, Donetsk, Ukraine": a country or a unit after it is a larger container
        let place_like = first[k + 1].is_some_and(|f| {
            matches!(
                self.places[f.0 as usize].kind,
                PlaceKind::Settlement | PlaceKind::Site
            )
        });
        listy && place_like
    }

    /// For each candidate without a confident reading of its own, its one
    /// reading (if any) that lies nearest to readings of the most other names
    /// (within 120 km): (candidate index, place id).
    fn mutual_support(&self, cands: &[Cand], first: &[Option<Pick>]) -> Vec<(usize, u32)> {
        const NEAR_KM: f32 = 120.0;
        // a place name inside an institution's name ("Platte County Court", "Huntsville
        // Fire Department") still places the article; a person's name does not
        let usable =
            |c: &Cand| !(c.weak || c.acronym || (c.embedded && c.namelike)) && c.ps.1 <= 300;
        // settlements, sites and admin-2 units (counties, raions): "Platte County"
        // and "Columbus" support each other in Nebraska
        let located = |p: &Place| {
            (matches!(p.kind, PlaceKind::Settlement | PlaceKind::Site)
                || (p.kind == PlaceKind::Region && p.flags & FLAG_ADMIN2 != 0))
                && !p.lat.is_nan()
        };
        let cell = |lat: f32, lon: f32| (lat.floor() as i32, lon.floor() as i32);
        let mut grid: FxHashMap<(i32, i32), Vec<(u64, f32, f32)>> = FxHashMap::default();
        let mut total = 0usize;
        for c in cands.iter().filter(|c| usable(c)) {
            for q in self.postings(c.ps) {
                let p = &self.places[q.place as usize];
                if located(p) {
                    grid.entry(cell(p.lat, p.lon))
                        .or_default()
                        .push((c.key, p.lat, p.lon));
                    total += 1;
                }
            }
        }
        let mut out = Vec::new();
        if debug_enabled() {
            eprintln!("  mutual support: {total} located readings");
        }
        // countries the text names by their own name ("the UK"): between readings as
        // well supported, one there (Suffolk and Norfolk the English counties, not the
        // Virginia towns, in a report that names the UK)
        let named: Vec<u16> = cands
            .iter()
            .zip(first)
            .filter_map(|(c, f)| {
                let pid = f.as_ref()?.0;
                let p = &self.places[pid as usize];
                (p.kind == PlaceKind::Country && !c.weak && !c.embedded).then_some(p.cc)
            })
            .collect();
        if total > 6000 {
            return out;
        }
        let mut seen: Vec<u64> = Vec::new();
        for (k, c) in cands.iter().enumerate() {
            // a name read confidently as a country, a region, or a place that
            // other names support keeps its reading
            let pick = first[k].map(|f| f.0);
            // so does a major city read by its own name (Zaporizhzhia, not the
            // villages named after it)
            let major = |pid: u32| {
                let p = &self.places[pid as usize];
                (p.pop >= BIG_CITY || p.flags & (FLAG_CAPITAL | FLAG_SEAT) != 0)
                    && self.postings(c.ps).iter().any(|q| {
                        q.place == pid
                            && (q.how <= How::Main || (q.how == How::Alt && c.head == p.head))
                    })
            };
            // a major city gives way only to a town or county that two other names
            // support while nothing supports the city (Columbus and Norfolk next to
            // Platte County are the Nebraska towns, not Ohio's and Virginia's cities)
            // so does a country named by its own name that no other place of the
            // text lies in ("Palestine" beside Anderson County and Tennessee Colony
            // is the Texas town)
            let lone_country = pick.is_some_and(|pid| {
                let p = &self.places[pid as usize];
                p.kind == PlaceKind::Country
                    && self.own_reading(c, PlaceKind::Country, None) == Some(pid)
                    && !first.iter().zip(cands).any(|(f, d)| {
                        d.key != c.key
                            && f.is_some_and(|f| {
                                let o = &self.places[f.0 as usize];
                                o.cc == p.cc && o.kind != PlaceKind::Country
                            })
                    })
            });
            let pick_major = pick.is_some_and(major) || lone_country;
            if pick.is_some_and(|p| !located(&self.places[p as usize]) && !lone_country)
                || !usable(c)
                || out.iter().any(|o: &(usize, u32)| cands[o.0].key == c.key)
            {
                continue;
            }
            let mut pick_supported = false;
            let mut pick_n = 0usize;
            let ps = self.postings(c.ps);
            // most other names nearby, then the stronger name, then the nearest
            let mut best: Option<(usize, How, f32, u32)> = None;
            let mut tie = false;
            for q in ps {
                let p = &self.places[q.place as usize];
                if !located(p) {
                    continue;
                }
                seen.clear();
                let mut nearest = f32::INFINITY;
                let (y, x) = cell(p.lat, p.lon);
                for dy in -1..=1 {
                    for dx in -2..=2 {
                        for &(key, la, lo) in grid.get(&(y + dy, x + dx)).into_iter().flatten() {
                            if key == c.key {
                                continue;
                            }
                            let d = approx_km(la, lo, p.lat, p.lon);
                            if d < NEAR_KM && !seen.contains(&key) {
                                seen.push(key);
                            }
                            if d < NEAR_KM {
                                nearest = nearest.min(d);
                            }
                        }
                    }
                }
                let n = seen.len();
                if n == 0 {
                    continue;
                }
                if Some(q.place) == pick {
                    pick_supported = true;
                    pick_n = pick_n.max(n);
                }
                if pick_major
                    && Some(q.place) != pick
                    && !(p.pop >= SMALL_TOWN || p.flags & FLAG_ADMIN2 != 0)
                {
                    continue;
                }
                // between readings as well supported, a town before a village
                // (Lyman the town of 20,000, not a codifier-only Lyman nearer)
                let town = p.pop >= SMALL_TOWN;
                let in_named = named.contains(&p.cc);
                let better = match best {
                    None => true,
                    Some((bn, bh, bd, bp)) => {
                        let b = &self.places[bp as usize];
                        let btown = b.pop >= SMALL_TOWN;
                        let bnamed = named.contains(&b.cc);
                        if (n, bh, bnamed, btown, nearest) == (bn, q.how, in_named, town, bd) {
                            tie = true;
                        }
                        n > bn
                            || (n == bn
                                && (q.how < bh
                                    || (q.how == bh
                                        && (in_named && !bnamed
                                            || (in_named == bnamed
                                                && (town && !btown
                                                    || (town == btown && nearest < bd)))))))
                    }
                };
                if better {
                    tie = false;
                    best = Some((n, q.how, nearest, q.place));
                }
            }
            if pick_supported && first[k].is_some_and(|f| f.2 >= 1.0) {
                continue;
            }
            if pick_major && (pick_n > 0 || best.is_some_and(|b| b.0 < 2)) {
                continue;
            }
            if let Some((n, _, _, pid)) = best {
                // a name with many readings needs the support of two other names
                // (codifier-only villages, with no population, do not count:
                // Ukraine has many namesake villages of every town)
                let populated = ps
                    .iter()
                    .filter(|q| self.places[q.place as usize].pop > 0)
                    .count();
                if !tie && (n >= 2 || populated <= 12) {
                    out.push((k, pid));
                }
            }
        }
        out
    }

    /// Whether place `p` lies inside the container place `o` (its country, its
    /// admin-1 unit, or near an admin-2 unit).
    fn inside(&self, p: &Place, o: u32) -> bool {
        let o = &self.places[o as usize];
        if p.cc != o.cc {
            return false;
        }
        match o.kind {
            PlaceKind::Country => true,
            PlaceKind::Admin1 => o.admin1 != u32::MAX && p.admin1 == o.admin1,
            _ => approx_km(p.lat, p.lon, o.lat, o.lon) < 60.0,
        }
    }

    /// Best place for a candidate: (place id, score, margin over the runner-up).
    /// With `trace`, every reading considered is noted with its score and why.
    #[allow(clippy::too_many_arguments)]
    fn best(
        &self,
        c: &Cand,
        (ctx_cc, own_ctx): Focus<'_>,
        ctx_admin1: &FxHashSet<u32>,
        anchors: &[(f32, f32, f32)],
        (container, supported): (Option<u32>, Option<u32>),
        relaxed: bool,
        mut trace: Option<&mut Vec<Candidate>>,
    ) -> Option<Pick> {
        let ps = self.postings(c.ps);
        // (not when the text is about another country: "Dieu" in a Haiti report is no town in India)
        let lone = if relaxed {
            None
        } else {
            self.lone_reading(c, ps)
        }
        .filter(|&l| {
            let cc = self.places[l as usize].cc;
            ctx_cc.get(&cc).is_some_and(|&w| w > 0.0) || ctx_cc.values().all(|&w| w < 1.0)
        });
        // "the bare name is the city": an admin-1 unit named like a settlement of
        // its own country is only meant with a region word.
        let mut settlement_cc: Vec<u16> = Vec::new();
        if !c.suffixed {
            for q in ps {
                let p = &self.places[q.place as usize];
                if p.kind == PlaceKind::Settlement
                    && q.how <= How::Main
                    && p.pop >= 50_000
                    && !settlement_cc.contains(&p.cc)
                {
                    settlement_cc.push(p.cc);
                }
            }
        }
        let has_settlement = |cc: u16| settlement_cc.contains(&cc);
        // a name that is also a country's or an admin-1 unit's own name
        // ("California", "Mexico", "Georgia") means the unit unless the text is
        // local to a namesake town
        let unit_name = !c.suffixed
            && ps.iter().any(|q| {
                q.how <= How::Main
                    && matches!(
                        self.places[q.place as usize].kind,
                        PlaceKind::Country | PlaceKind::Admin1
                    )
            });
        let big_readings = ps
            .iter()
            .filter(|q| {
                let p = &self.places[q.place as usize];
                p.kind == PlaceKind::Settlement && p.pop >= BIG_CITY
            })
            .count();
        let country_of_name = if c.suffixed {
            None
        } else {
            ps.iter()
                .map(|q| (q, &self.places[q.place as usize]))
                .find(|(q, p)| q.how <= How::Main && p.kind == PlaceKind::Country)
                .map(|(_, p)| p.cc)
        };
        let country_name = country_of_name.is_some();
        // a stated container keeps only the readings inside it, when there are any
        let contained = container.filter(|&o| {
            ps.iter()
                .any(|q| q.place != o && self.inside(&self.places[q.place as usize], o))
        });
        if let (Some(o), None) = (container, contained) {
            // "Poonch district of Jammu and Kashmir": the town that names the district,
            // inside the container
            if c.suffixed && c.bare.1 > 0 {
                let town = self
                    .postings(c.bare)
                    .iter()
                    .filter(|q| q.how <= How::Alt)
                    .map(|q| (q.place, &self.places[q.place as usize]))
                    .filter(|(_, p)| p.kind == PlaceKind::Settlement && self.inside(p, o))
                    .max_by_key(|(_, p)| p.pop);
                if let Some((tid, _)) = town {
                    if let Some(t) = trace.as_deref_mut() {
                        t.push(self.candidate(
                            tid,
                            f32::NAN,
                            true,
                            "the town that names the district, inside the stated container".into(),
                        ));
                    }
                    return Some((tid, 4.0, 4.0, false));
                }
            }
            // no reading inside the stated container: unless the name is a
            // well-known place elsewhere, keep the container's coarser level
            // (a town of 100,000 elsewhere is no such place: "Kani, Myanmar" is not
            // the Japanese city)
            let known = ps.iter().any(|q| {
                let p = &self.places[q.place as usize];
                p.pop >= WORLD_CITY
                    || p.flags & (FLAG_CAPITAL | FLAG_SEAT | FLAG_SUPPLEMENT) != 0
                    || matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1)
            });
            if !known {
                if let Some(t) = trace.as_deref_mut() {
                    for q in ps {
                        t.push(self.candidate(
                            q.place,
                            f32::NAN,
                            false,
                            "rejected: outside the container stated in the text".into(),
                        ));
                    }
                }
                return Some((o, 0.0, 0.0, false));
            }
        }
        let mut best: Option<(u32, f32, bool)> = None;
        let mut second = f32::NEG_INFINITY;
        for q in ps {
            let p = &self.places[q.place as usize];
            let suffixed = c.suffixed || q.how == How::Suffixed;
            let mut why: Vec<String> = Vec::new();
            let tracing = trace.is_some();
            let mut reject = |why: &mut Vec<String>, r: &str| {
                if let Some(t) = trace.as_deref_mut() {
                    t.push(self.candidate(q.place, f32::NAN, false, format!("rejected: {r}")));
                }
                why.clear();
            };
            if !suffixed && p.kind == PlaceKind::Admin1 && has_settlement(p.cc) {
                reject(&mut why, "the bare name is the city of that country");
                continue;
            }
            if q.how == How::Abbrev && !c.abbrev_ok {
                reject(&mut why, "an abbreviation not after a town and a comma");
                continue;
            }
            if let Some(f) = c.forced_cc {
                if p.cc != f {
                    reject(&mut why, "another country is named just before");
                    continue;
                }
            }
            if let Some(o) = contained {
                if !self.inside(p, o) {
                    reject(&mut why, "outside the container stated in the text");
                    continue;
                }
            }
            // how strongly the article is about the place's country: a country named
            // counts 1, a demonym or a place resolved there 0.5 ("Russian troops"
            // attack places in Ukraine)
            let ctx_w = if p.cc == u16::MAX {
                0.0
            } else {
                let own = own_ctx.get(&(c.key, p.cc)).copied().unwrap_or(0.0);
                (ctx_cc.get(&p.cc).copied().unwrap_or(0.0) - own).clamp(0.0, 1.0)
            };
            let in_ctx = ctx_w > 0.0;
            let in_a1 = p.admin1 != u32::MAX
                && ctx_admin1.contains(&p.admin1)
                && p.kind != PlaceKind::Admin1;
            // distance to the nearest anchor, and a bonus that grows with the number
            // of anchors around (a cluster of front-line villages)
            let (near, cluster) = if anchors.is_empty()
                || p.kind == PlaceKind::Country
                || p.kind == PlaceKind::Continent
            {
                (f32::INFINITY, 0.0)
            } else {
                let mut near = f32::INFINITY;
                let mut cluster = 0.0f32;
                for &(la, lo, w) in anchors {
                    let d = approx_km(la, lo, p.lat, p.lon);
                    near = near.min(d);
                    cluster += w * if d < 30.0 {
                        1.0
                    } else if d < 80.0 {
                        0.6
                    } else if d < 200.0 {
                        0.2
                    } else if d < 500.0 {
                        0.05
                    } else {
                        0.0
                    };
                }
                (near, cluster.min(3.0))
            };
            let mut s = 0.25 * ((p.pop as f32) + 1.0).log10();
            if tracing && p.pop > 0 {
                why.push(format!("population {}", p.pop));
            }
            let (hs, hw) = match q.how {
                How::Alias => (2.0, "curated name"),
                How::Main => (0.6, "its own name"),
                How::Suffixed => (0.6, "name with a region word"),
                How::Alt => (0.0, "an alternate name"),
                How::Abbrev => (1.0, "abbreviation after a town"),
            };
            s += hs;
            let (ks, kw) = match p.kind {
                PlaceKind::Country => (3.0, "a country"),
                PlaceKind::Continent | PlaceKind::Site => (4.0, "a continent or site"),
                PlaceKind::Region if p.flags & FLAG_ADMIN2 != 0 => (1.0, "an admin-2 unit"),
                PlaceKind::Region => (4.0, "a named region"),
                PlaceKind::Admin1 => (1.5, "an admin-1 unit"),
                PlaceKind::Settlement => (0.0, ""),
            };
            s += ks;
            if tracing {
                why.push(hw.to_string());
                if !kw.is_empty() {
                    why.push(kw.to_string());
                }
            }
            let mut add = |s: &mut f32, v: f32, w: &str| {
                *s += v;
                if tracing {
                    why.push(w.to_string());
                }
            };
            if unit_name && p.kind == PlaceKind::Settlement && p.pop < BIG_CITY {
                add(
                    &mut s,
                    -2.0,
                    "a town named like a country or an admin-1 unit",
                );
            } else if country_name && p.kind == PlaceKind::Settlement && q.how >= How::Alt {
                // "Mexico" is the country, not Mexico City by one of its other names
                add(&mut s, -2.0, "a city called by the name of a country");
            }
            if p.kind == PlaceKind::Admin1 && !suffixed && country_of_name == Some(p.cc) {
                // "violence in Mexico" is the country, not the State of Mexico
                add(&mut s, -2.0, "an admin-1 unit named like its own country");
            }
            if not_a_spelling(c, q, p) {
                // a former or foreign name, no spelling of its own name (Pokrovsk
                // for Engels): weaker than a place of that name
                add(&mut s, -1.5, "a former or foreign name of it");
            }
            if p.flags & FLAG_CAPITAL != 0 {
                add(&mut s, 1.0, "a capital");
            }
            if p.kind == PlaceKind::Settlement
                && p.pop >= WORLD_CITY
                && q.how <= How::Main
                && big_readings == 1
            {
                // known everywhere, as a country is: not displaced by a small
                // namesake in the article's country alone (London, not London,
                // Ohio; but London, Ontario, a city too, stays a contender)
                add(
                    &mut s,
                    2.0,
                    "a city of a million people or more, every namesake small",
                );
            }
            if p.flags & FLAG_SUPPLEMENT != 0 {
                add(&mut s, 1.5, "curated front-line place");
            }
            if p.flags & FLAG_KATOTTG != 0 {
                add(&mut s, -0.5, "codifier-only village");
            }
            if c.pref_cc.is_some_and(|cc| cc == p.cc) {
                add(&mut s, 4.0, "its country's demonym before the place noun");
            }
            if contained.is_some() {
                add(&mut s, 4.0, "inside the container stated in the text");
            }
            if suffixed && p.kind == PlaceKind::Admin1 && p.name.contains(' ') {
                // "Moscow region" is Moscow Oblast rather than the city of Moscow
                s += 0.3;
            }
            if in_ctx {
                add(&mut s, 2.0 * ctx_w, "its country is the article's focus");
            } else if p.cc == u16::MAX && matches!(p.kind, PlaceKind::Region | PlaceKind::Continent)
            {
                // regions spanning countries (Middle East, Sahel) are never out of context
                s += 2.0;
            }
            // (not for a town named like an admin-1 unit of its own country: "California"
            // in a text that names Missouri is not California, Missouri)
            let own_unit_name = p.kind == PlaceKind::Settlement
                && p.pop < BIG_CITY
                && !c.suffixed
                && ps.iter().any(|o| {
                    let u = &self.places[o.place as usize];
                    o.how <= How::Main && u.kind == PlaceKind::Admin1 && u.cc == p.cc
                });
            if in_a1 && !own_unit_name {
                add(&mut s, 2.0, "its admin-1 unit is named in the article");
            }
            if cluster > 0.0 {
                add(&mut s, cluster, "near the article's other places");
            }
            s += if near < 30.0 {
                1.0
            } else if near < 80.0 {
                0.5
            } else {
                0.0
            };
            if debug_enabled() {
                eprintln!(
                    "  flags weak {} namelike {} embedded {} acronym {} cue {} multi {} pop {} how {:?}",
                    c.weak, c.namelike, c.embedded, c.acronym, c.cue, c.multi, p.pop, q.how
                );
            }
            let in_a1 = in_a1 || supported == Some(q.place);
            if supported == Some(q.place) {
                add(&mut s, 2.0, "lies near readings of other names in the text");
            }
            // a town of another country, far from every other place of an article about
            // a country (Kani, Japan, in a report from Sagaing): no reading, unless a
            // world city or a capital
            let stray = p.kind == PlaceKind::Settlement
                && !in_ctx
                && !in_a1
                && near.is_finite()
                && near > 1000.0
                && p.pop < WORLD_CITY
                && p.flags & (FLAG_CAPITAL | FLAG_SUPPLEMENT) == 0
                && q.how != How::Alias
                && ctx_cc.iter().any(|(&k, &w)| k != p.cc && w >= 1.0);
            let guess = !relaxed
                && (stray || !self.acceptable(c, q, p, in_ctx, in_a1, near))
                && container.is_none();
            if guess && lone != Some(q.place) {
                reject(&mut why, "small or far-off place without context for it");
                continue;
            }
            if guess && tracing {
                why.push(format!(
                    "no context: the one reading of {LONE_TOWN}+ people, ten times any namesake"
                ));
            }
            if let Some(t) = trace.as_deref_mut() {
                if tracing && near.is_finite() {
                    why.push(format!("{near:.0} km from the nearest other place"));
                }
                t.push(self.candidate(q.place, s, true, why.join(", ")));
            }
            if debug_enabled() {
                eprintln!(
                    "  cand {:?} -> {} ({}) pop {} how {:?} score {s:.2} ctx {in_ctx} near {near:.0}",
                    c.key, p.name, p.cc, p.pop, q.how
                );
            }
            match best {
                Some((_, bs, _)) if s <= bs => second = second.max(s),
                Some((_, bs, _)) => {
                    second = second.max(bs);
                    best = Some((q.place, s, guess));
                }
                None => best = Some((q.place, s, guess)),
            }
        }
        if best.is_none() {
            // nothing acceptable inside the stated container: the container itself
            if let Some(o) = container {
                return Some((o, 0.0, 0.0, false));
            }
        }
        // "Poonch district" in a report about India: Pakistan's Poonch District is the
        // only district of that name the gazetteer holds, India's is known by its town
        // (a one-word unit is its town): the town in the article's focus country
        if c.suffixed && c.bare.1 > 0 && container.is_none() {
            let outside = best.is_none_or(|(pid, ..)| {
                let p = &self.places[pid as usize];
                ctx_cc.get(&p.cc).copied().unwrap_or(0.0) < 1.0
            });
            let focus = ctx_cc
                .iter()
                .filter(|(_, &w)| w >= 1.0)
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(&k, _)| k);
            if let (true, Some(f)) = (outside, focus) {
                let town = self
                    .postings(c.bare)
                    .iter()
                    .filter(|q| q.how <= How::Alt)
                    .map(|q| (q.place, &self.places[q.place as usize]))
                    .filter(|(_, p)| p.kind == PlaceKind::Settlement && p.cc == f)
                    .max_by_key(|(_, p)| p.pop);
                if let Some((tid, _)) = town {
                    if let Some(t) = trace {
                        t.push(
                            self.candidate(
                                tid,
                                f32::NAN,
                                true,
                                "the town that names the district, in the article's focus country"
                                    .into(),
                            ),
                        );
                    }
                    return Some((tid, best.map_or(0.0, |b| b.1), 1.0, false));
                }
            }
        }
        // the same place can be a candidate twice (two names): margin over other places only
        let (pid, s, guess) = best?;
        let margin = if second.is_finite() { s - second } else { 4.0 };
        Some((pid, s, margin, guess))
    }

    /// The reading of a distinctive name (no common word, person's name,
    /// acronym, nor part of a longer name) that can stand without context: a
    /// settlement of [`LONE_TOWN`]+ people with ten times the people of every
    /// other reading, all of them settlements ("Huliaipole": the town of 13,000,
    /// not the villages).
    fn lone_reading(&self, c: &Cand, ps: &[Posting]) -> Option<u32> {
        if c.weak || c.namelike || c.embedded || c.in_name || c.acronym || c.suffixed {
            return None;
        }
        let mut top: Option<(u32, u32)> = None;
        for q in ps {
            let p = &self.places[q.place as usize];
            if p.kind != PlaceKind::Settlement {
                return None;
            }
            let own = q.how <= How::Main
                || (q.how == How::Alt && (c.head == p.head || !c.head[0].is_ascii()));
            if own && top.is_none_or(|(_, tp)| p.pop > tp) {
                top = Some((q.place, p.pop));
            }
        }
        let (pid, pop) = top?;
        let dominates = ps
            .iter()
            .all(|q| q.place == pid || self.places[q.place as usize].pop.saturating_mul(10) <= pop);
        (pop >= LONE_TOWN && dominates).then_some(pid)
    }

    fn candidate(&self, pid: u32, score: f32, accepted: bool, why: String) -> Candidate {
        let p = &self.places[pid as usize];
        let l = self.location(pid);
        Candidate {
            name: p.name.to_string(),
            kind: p.kind,
            country: l.country,
            admin1: l.admin1,
            population: p.pop,
            score: if score.is_nan() { None } else { Some(score) },
            accepted,
            why,
        }
    }
}

impl Gazetteer {
    /// Whether place `p` may be the reading of candidate `c` at all: small or
    /// far-away places, and readings of common words or of names inside a
    /// longer name, need document context.
    fn acceptable(
        &self,
        c: &Cand,
        q: &Posting,
        p: &Place,
        in_ctx: bool,
        in_a1: bool,
        near: f32,
    ) -> bool {
        if c.acronym
            && q.how != How::Alias
            && !(q.how == How::Abbrev && c.abbrev_ok)
            && p.kind != PlaceKind::Country
        {
            return false;
        }
        let near_ok = near < 200.0;
        match p.kind {
            PlaceKind::Country => !(c.embedded && c.namelike),
            PlaceKind::Continent | PlaceKind::Site => true,
            PlaceKind::Region if p.flags & FLAG_ADMIN2 != 0 => {
                c.multi || in_ctx || in_a1 || near_ok || c.suffixed
            }
            PlaceKind::Region => true,
            PlaceKind::Admin1 => {
                c.suffixed
                    || q.how == How::Suffixed
                    || q.how == How::Abbrev
                    || !(c.weak || c.namelike || c.embedded)
                    || in_ctx
                    || near_ok
            }
            PlaceKind::Settlement => {
                if q.how == How::Alias || p.flags & FLAG_SUPPLEMENT != 0 {
                    return true;
                }
                let big = p.pop >= BIG_CITY || p.flags & (FLAG_CAPITAL | FLAG_SEAT) != 0;
                if q.how == How::Alt && p.pop < 1000 && !near_ok && p.flags & FLAG_KATOTTG == 0 {
                    // noisy alternate names of hamlets
                    return false;
                }
                let local = in_ctx || near_ok || in_a1;
                if not_a_spelling(c, q, p) {
                    // an alternate name that is no spelling variant of the name
                    // ("Dzhokhar" for Grozny): only in context, never a person-like word
                    if !local || c.namelike || c.weak || c.embedded {
                        return false;
                    }
                }
                if c.weak {
                    return c.cue && (big || near_ok || in_a1 || (in_ctx && p.pop >= SMALL_TOWN));
                }
                if c.namelike {
                    let famous = p.pop >= 1_000_000 || p.flags & FLAG_CAPITAL != 0;
                    return famous
                        || in_a1
                        || (in_ctx && big)
                        || (c.cue && (big || near_ok || in_ctx));
                }
                if c.embedded {
                    // inside a longer name of unknown words ("Masjid Cali Gaduud", a
                    // Somali village): only a place the article is about or near
                    if c.inner {
                        return near_ok || in_a1 || (in_ctx && p.pop >= BIG_CITY);
                    }
                    return p.pop >= BIG_CITY || near_ok;
                }
                if big || near_ok || in_a1 {
                    return true;
                }
                if in_ctx {
                    return p.pop >= SMALL_TOWN || c.cue;
                }
                c.cue && p.pop >= SMALL_TOWN
            }
        }
    }
}

/// Distance in km, equirectangular approximation (good to ~1% at these ranges).
fn approx_km(lat1: f32, lon1: f32, lat2: f32, lon2: f32) -> f32 {
    if lat1.is_nan() || lat2.is_nan() {
        return f32::INFINITY;
    }
    let x = (lon2 - lon1).to_radians() * ((lat1 + lat2) / 2.0).to_radians().cos();
    let y = (lat2 - lat1).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

/// `SITREP_GAZ_DEBUG=1` prints every scored candidate to stderr.
fn debug_enabled() -> bool {
    static D: OnceLock<bool> = OnceLock::new();
    *D.get_or_init(|| std::env::var_os("SITREP_GAZ_DEBUG").is_some())
}

fn round4(v: f32) -> f64 {
    ((v as f64) * 1e4).round() / 1e4
}

/// A plural region word that opens the list the name at token `i` belongs
/// to: "the regions of Donetsk, Luhansk and Kherson", "four oblasts – Donetsk,
/// Luhansk, ..." or "provinces: A and B". Returns the singular region word.
fn region_list_before(
    tk: &scan::Tokens,
    text: &str,
    i: usize,
    suffix_of: &dyn Fn(usize) -> Option<&'static str>,
) -> Option<&'static str> {
    let toks = &tk.toks;
    let plural = |k: usize| {
        if toks[k].cap || !tk.norm_of(k).ends_with('s') {
            return None;
        }
        suffix_of(k)
    };
    // back over the list: names, commas, "and"/"or"
    let mut k = i;
    let mut items = 0;
    while k > 0 && items < 12 {
        if toks[k].punct_before && !toks[k].comma_before {
            break;
        }
        let w = tk.norm_of(k - 1);
        if toks[k - 1].cap || w == "and" || w == "or" {
            k -= 1;
            items += 1;
        } else {
            break;
        }
    }
    if k == 0 || toks[k].initial {
        return None;
    }
    // "regions of X, Y and Z"
    if !toks[k].punct_before && k >= 2 && !toks[k - 1].cap && tk.norm_of(k - 1) == "of" {
        return if toks[k - 1].punct_before {
            None
        } else {
            plural(k - 2)
        };
    }
    // "regions ... – X, Y and Z", "oblasts: X and Y" (same sentence, a few words back)
    let sep = text[toks[k - 1].end..toks[k].start].trim();
    if !matches!(sep, "–" | "—" | ":" | "-" | "--") {
        return None;
    }
    let mut b = k - 1;
    for _ in 0..10 {
        if let Some(s) = plural(b) {
            return Some(s);
        }
        if b == 0 || toks[b].initial || (toks[b].punct_before && !toks[b].comma_before) {
            return None;
        }
        b -= 1;
    }
    None
}

/// The gap between a name and its container without a place noun opening it
/// ("township, " -> ",", "village in" -> "in").
fn strip_place_noun(gap: &str) -> &str {
    const NOUNS: [&str; 13] = [
        "town",
        "township",
        "village",
        "city",
        "district",
        "county",
        "subdistrict",
        "sub-district",
        "locality",
        "commune",
        "municipality",
        "neighbourhood",
        "neighborhood",
    ];
    let word_end = gap
        .find(|ch: char| !(ch.is_alphabetic() || ch == '-'))
        .unwrap_or(gap.len());
    if word_end > 0 && NOUNS.contains(&&gap[..word_end]) {
        let rest = gap[word_end..].trim_start();
        if !rest.is_empty() {
            return rest;
        }
    }
    gap
}

/// Read through an alternate name that is no spelling variant of the place's own
/// name (a former or foreign name: "Pokrovsk" for Engels, "Halgan" for Zhangjiakou).
fn not_a_spelling(c: &Cand, q: &Posting, p: &Place) -> bool {
    q.how == How::Alt && c.head[0].is_ascii() && c.head != p.head
}
