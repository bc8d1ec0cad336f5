//! Types shared by the runtime gazetteer and the build script that
//! precomputes its index (`build.rs` includes this file, `normalize.rs`,
//! `data.rs` and `blob.rs` by path), so both sides agree on one layout.

use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

/// What kind of place a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Settlement,
    Admin1,
    Region,
    Country,
    Continent,
    Site,
}

pub(crate) const FLAG_CAPITAL: u8 = 1;
pub(crate) const FLAG_KATOTTG: u8 = 2;
pub(crate) const FLAG_SUPPLEMENT: u8 = 4;
/// An admin-2 unit (county, raion, district), kind `Region`.
pub(crate) const FLAG_ADMIN2: u8 = 8;
/// A town of 10,000+ that gives its admin-1 unit its name (Kherson in Kherson
/// Oblast, Sumy in Sumy Oblast): known like a city of 100,000.
pub(crate) const FLAG_SEAT: u8 = 16;

/// How a name key reaches a place; smaller is stronger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum How {
    /// Curated alias, curated supplement or short country name.
    Alias = 0,
    /// The place's canonical name.
    Main = 1,
    /// Admin-1 stem + region word ("Kharkiv region").
    Suffixed = 2,
    /// A GeoNames/KATOTTG alternate name.
    Alt = 3,
    /// An abbreviation of an admin-1 unit ("Calif.", "N.J.", "NSW"): only
    /// after "Town," or written with its dots / in capitals.
    Abbrev = 4,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Posting {
    pub place: u32,
    pub how: How,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub name: Box<str>,
    pub kind: PlaceKind,
    /// Index into `Gazetteer::codes`, `u16::MAX` for none.
    pub cc: u16,
    /// Index into `Gazetteer::admin1_names`, `u32::MAX` for none.
    pub admin1: u32,
    pub lat: f32,
    pub lon: f32,
    pub pop: u32,
    pub gid: u32,
    pub flags: u8,
    /// First two bytes of the normalised canonical name (tells a spelling
    /// variant from an unrelated alternate name).
    pub head: [u8; 2],
}

/// Keys are already FNV hashes: hash them no further.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub(crate) type IdHash = BuildHasherDefault<IdHasher>;

/// FNV-1a, 64 bit.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h = fnv_step(h, b);
    }
    h
}
pub(crate) const FNV_OFFSET: u64 = 0xcbf29ce484222325;
#[inline]
pub(crate) fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x100000001b3)
}

/// First two bytes of a normalised name (zero-padded).
pub(crate) fn head2(n: &str) -> [u8; 2] {
    let b = n.as_bytes();
    [
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
    ]
}

/// Words after a name that make it an administrative or named region
/// ("Kharkiv region", "Kursk oblast", "Khartoum state"). Plurals map to the singular.
pub const SUFFIXES: [(&str, &str); 24] = [
    ("county", "county"),
    ("counties", "county"),
    ("raion", "raion"),
    ("rayon", "raion"),
    ("oblast", "oblast"),
    ("oblasts", "oblast"),
    ("region", "region"),
    ("regions", "region"),
    ("province", "province"),
    ("provinces", "province"),
    ("area", "area"),
    ("areas", "area"),
    ("krai", "krai"),
    ("kray", "krai"),
    ("governorate", "governorate"),
    ("governorates", "governorate"),
    ("state", "state"),
    ("states", "state"),
    ("republic", "republic"),
    ("district", "district"),
    ("districts", "district"),
    ("territory", "territory"),
    ("okrug", "okrug"),
    ("oblast'", "oblast"),
];

/// Everything [`crate::data::load`] derives from the data files: the form the
/// build script writes out and the runtime reads back ([`crate::blob`]).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Built {
    pub places: Vec<Place>,
    pub admin1_names: Vec<Box<str>>,
    /// (name key, first posting, number of postings), sorted by key.
    pub keys: Vec<(u64, u32, u32)>,
    pub postings: Vec<Posting>,
    /// ISO 3166-1 alpha-2 codes; a place's `cc` indexes this.
    pub codes: Vec<String>,
    /// Capital (or centre) place of each country, by `cc`.
    pub country_place: Vec<u32>,
    /// Normalised country names and demonyms → `cc`.
    pub country_words: Vec<(String, u16)>,
    /// Demonym keys → `cc`.
    pub demonyms: Vec<(u64, u16)>,
    pub stop: Vec<u64>,
    pub blocked: Vec<u64>,
    pub followers: Vec<u64>,
    pub person: Vec<u64>,
    /// Official names of renamed places, current and former (KATOTTG
    /// editions): (place, name key, name). A mention written with one of them
    /// is named with it (the article's "Samar" or "Novomoskovsk").
    pub official: Vec<(u32, u64, Box<str>)>,
}
