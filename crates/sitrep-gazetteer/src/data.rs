//! Loading the embedded data files into the in-memory gazetteer.

use std::collections::HashMap;
use std::io::Read;

use crate::normalize::{norm, norm_bytes};
use crate::types::{
    fnv, head2, Built, How, IdHash, Place, PlaceKind, Posting, FLAG_ADMIN2, FLAG_CAPITAL,
    FLAG_KATOTTG, FLAG_SEAT, FLAG_SUPPLEMENT, SUFFIXES,
};

static PLACES_GZ: &[u8] = include_bytes!("../data/places.tsv.gz");
static ADMIN1: &str = include_str!("../data/admin1.tsv");
static ADMIN2: &str = include_str!("../data/admin2.tsv");
static COUNTRY_ALIASES: &str = include_str!("../data/country_aliases.tsv");
static COUNTRIES: &str = include_str!("../data/countries.tsv");
static COUNTRY_NAMES: &str = include_str!("../data/country_names.tsv");
static REGIONS: &str = include_str!("../data/regions.tsv");
static SUPPLEMENT: &str = include_str!("../data/supplement.tsv");
static ALIASES: &str = include_str!("../data/aliases.tsv");
static STOPWORDS: &str = include_str!("../data/stopwords.txt");
static NOT_PLACES: &str = include_str!("../data/not_places.txt");
static PERSON_NAMES: &str = include_str!("../data/person_names.txt");

/// Admin-1 name endings that are stripped to get the stem ("Kharkiv Oblast" → "Kharkiv").
/// Designations of admin-1 units in the country's own language that GeoNames
/// keeps in the name (Chinese provinces, municipalities, autonomous regions).
const NATIVE_ENDINGS: [&str; 5] = [
    " Zhuangzu Zizhiqu",
    " Huizu Zizhiqu",
    " Uygur Zizhiqu",
    " Sheng",
    " Shi",
];

const ADMIN_ENDINGS: [&str; 11] = [
    " Oblast",
    " Krai",
    " Region",
    " Province",
    " Governorate",
    " State",
    " Republic",
    " District",
    " Territory",
    " Autonomous Okrug",
    " oblast",
];

/// Capitalised words that often follow a place name inside a longer name
/// ("Kharkiv Governor", "Pokrovsk Mayor", "Kyiv City Council"): they do not
/// make the place part of a person's or organisation's name. Normalised.
const FOLLOWERS: [&str; 41] = [
    "Governor",
    "Mayor",
    "Regional",
    "Region",
    "Oblast",
    "City",
    "Council",
    "Military",
    "Administration",
    "Police",
    "Airport",
    "Station",
    "Front",
    "Direction",
    "Sector",
    "Axis",
    "District",
    "Province",
    "State",
    "Republic",
    "Port",
    "Bridge",
    "Dam",
    "Plant",
    "River",
    "Sea",
    "Strait",
    "Bay",
    "Gulf",
    "Mountains",
    "Border",
    "Frontline",
    "Offensive",
    "Counteroffensive",
    "Group",
    "Operational",
    "Brigade",
    "Garrison",
    "Hospital",
    "University",
    "Governorate",
];

fn lines(s: &str) -> impl Iterator<Item = Vec<&str>> {
    s.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn parse_f32(s: &str) -> Option<f32> {
    s.trim().parse().ok()
}

struct Builder {
    places: Vec<Place>,
    keys: Vec<(u64, u32, How)>,
    scratch: Vec<u8>,
}

impl Builder {
    fn add_key(&mut self, name: &str, place: u32, how: How) {
        self.add_key_min(name, place, how, 1);
    }
    /// A place from a curated row (`NAME, _, _, _, LAT, LON, …`: regions and
    /// the supplement); returns its id.
    fn add_curated(&mut self, f: &[&str], kind: PlaceKind, cc: u16, admin1: u32, flags: u8) -> u32 {
        let pid = self.places.len() as u32;
        self.places.push(Place {
            name: f[0].into(),
            kind,
            cc,
            admin1,
            lat: parse_f32(f[4]).unwrap_or(f32::NAN),
            lon: parse_f32(f[5]).unwrap_or(f32::NAN),
            pop: 0,
            gid: 0,
            flags,
            head: [0, 0],
        });
        pid
    }
    fn add_key_min(&mut self, name: &str, place: u32, how: How, min_len: usize) {
        norm_bytes(name, &mut self.scratch);
        if self.scratch.len() >= min_len {
            self.keys.push((fnv(&self.scratch), place, how));
        }
    }
}

pub fn load() -> Built {
    let t0 = std::time::Instant::now();
    let timing = std::env::var_os("SITREP_GAZ_TIMING").is_some();
    let lap = |what: &str| {
        if timing {
            eprintln!("gazetteer load: {what} at {:?}", t0.elapsed());
        }
    };
    let mut b = Builder {
        places: Vec::with_capacity(270_000),
        keys: Vec::with_capacity(1_300_000),
        scratch: Vec::new(),
    };
    let mut codes: Vec<String> = Vec::new();
    let mut code_idx: HashMap<String, u16> = HashMap::new();
    let mut country_place: Vec<u32> = Vec::new();
    let mut country_words: HashMap<String, u16> = HashMap::new();
    let mut demonyms: HashMap<u64, u16, IdHash> = HashMap::default();

    // ---- countries -------------------------------------------------------
    for f in lines(COUNTRIES) {
        if f.len() < 6 {
            continue;
        }
        let idx = codes.len() as u16;
        codes.push(f[0].to_string());
        code_idx.insert(f[0].to_string(), idx);
        let pid = b.places.len() as u32;
        b.places.push(Place {
            name: f[1].into(),
            kind: PlaceKind::Country,
            cc: idx,
            admin1: u32::MAX,
            lat: parse_f32(f[2]).unwrap_or(f32::NAN),
            lon: parse_f32(f[3]).unwrap_or(f32::NAN),
            pop: 0,
            gid: f[5].trim().parse().unwrap_or(0),
            flags: 0,
            head: [0, 0],
        });
        country_place.push(pid);
        b.add_key(f[1], pid, How::Main);
        country_words.insert(norm(f[1]), idx);
    }
    for f in lines(COUNTRY_NAMES) {
        if f.len() < 3 {
            continue;
        }
        let Some(&idx) = code_idx.get(f[1]) else {
            continue;
        };
        let n = norm(f[0]);
        country_words.insert(n.clone(), idx);
        if f[2].trim() == "demonym" {
            demonyms.insert(fnv(n.as_bytes()), idx);
        } else {
            b.add_key(f[0], country_place[idx as usize], How::Alias);
        }
    }
    for f in lines(COUNTRY_ALIASES) {
        let Some(&idx) = f.get(1).and_then(|c| code_idx.get(c.trim())) else {
            continue;
        };
        country_words.entry(norm(f[0])).or_insert(idx);
        b.add_key(f[0], country_place[idx as usize], How::Alias);
    }

    // names a place is given as written in the text (renamed places, English names of units)
    let mut official: Vec<(u32, u64, Box<str>)> = Vec::new();
    // ---- admin-1 -----------------------------------------------------------
    let mut admin1_names: Vec<Box<str>> = Vec::new();
    let mut admin1_by_code: HashMap<(u16, &str), u32> = HashMap::new();
    let mut admin1_by_name: HashMap<(u16, String), u32> = HashMap::new();
    // normalised bare name of each admin-1 unit ("kherson" for Kherson Oblast)
    let mut admin1_bare: Vec<String> = Vec::new();
    let mut admin1_pid: Vec<u32> = Vec::new();
    for f in lines(ADMIN1) {
        if f.len() < 5 {
            continue;
        }
        let Some(&cc) = code_idx.get(f[0]) else {
            continue;
        };
        let a_idx = admin1_names.len() as u32;
        // places inside take the formal name as admin1 when one is given
        let formal = f
            .get(6)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .unwrap_or(f[2]);
        admin1_names.push(formal.into());
        admin1_by_code.insert((cc, f[1]), a_idx);
        admin1_by_name.insert((cc, norm(f[2])), a_idx);
        admin1_by_name.insert((cc, norm(formal)), a_idx);
        let pid = b.places.len() as u32;
        b.places.push(Place {
            name: f[2].into(),
            kind: PlaceKind::Admin1,
            cc,
            admin1: a_idx,
            lat: parse_f32(f[3]).unwrap_or(f32::NAN),
            lon: parse_f32(f[4]).unwrap_or(f32::NAN),
            pop: 0,
            gid: 0,
            flags: 0,
            head: [0, 0],
        });
        b.add_key(f[2], pid, How::Main);
        // a French compass word in the unit's name, as English texts write it:
        // "Nord Kivu" is North Kivu, "Kasai-Occidental" West (Western) Kasai
        if let Some(rest) = f[2].strip_prefix("Nord ") {
            b.add_key(&format!("North {rest}"), pid, How::Alt);
        }
        for (end, en) in [
            ("Occidental", ["West", "Western"]),
            ("Oriental", ["East", "Eastern"]),
        ] {
            if let Some(rest) = f[2]
                .strip_suffix(end)
                .map(|r| r.trim_end_matches([' ', '-']))
            {
                if !rest.is_empty() && rest.len() + end.len() < f[2].len() {
                    for w in en {
                        b.add_key(&format!("{w} {rest}"), pid, How::Alt);
                    }
                }
            }
        }
        // "Calif.", "N.J.", "NSW": only after a comma or as a dotted form (see `lib.rs`)
        for a in f.get(7).into_iter().flat_map(|s| s.split('|')) {
            let a = a.trim();
            if !a.is_empty() {
                b.add_key(a, pid, How::Abbrev);
            }
        }
        let mut stems: Vec<&str> = Vec::new();
        // a designation in the country's own language ("Anhui Sheng", "Guangxi
        // Zhuangzu Zizhiqu") is no part of the name as English texts write it:
        // the bare name stands alone as the unit's own name
        let native = NATIVE_ENDINGS.iter().find_map(|e| f[2].strip_suffix(e));
        if let Some(short) = native {
            b.add_key(short, pid, How::Main);
        }
        let mut bare = native.unwrap_or(f[2]);
        for e in ADMIN_ENDINGS {
            if let Some(s) = f[2].strip_suffix(e) {
                bare = s;
                break;
            }
        }
        stems.push(bare);
        admin1_bare.push(norm(bare));
        admin1_pid.push(pid);
        if f.len() > 5 {
            stems.extend(f[5].split('|').filter(|s| !s.is_empty()));
        }
        for stem in stems {
            // A stem written with an ending ("Kharkivska oblast", "Харківська область")
            // is a complete name; the others take a region word.
            let n = norm(stem);
            if n.contains(' ') && (n.ends_with(" oblast") || n.ends_with(" область")) {
                b.add_key(stem, pid, How::Suffixed);
                continue;
            }
            if n.contains(' ') && stem != bare {
                // multi-word alternative names (Autonomous Republic of Crimea) stand alone
                b.add_key(stem, pid, How::Alias);
            }
            for (_, suf) in SUFFIXES.iter().filter(|(a, s)| a == s) {
                b.add_key(&format!("{stem} {suf}"), pid, How::Suffixed);
            }
            if !n.contains(' ')
                && stem != bare
                && (stem.chars().next().is_some_and(|c| !c.is_ascii()))
            {
                // Cyrillic adjectival oblast name alone ("Харківська")
                b.add_key(stem, pid, How::Suffixed);
            }
        }
        // The unit's English name where GeoNames has another ("Sagaing" for Sagain, "North
        // Darfur" for Northern Darfur): with a region word ("Sagaing Region"), and alone when
        // of two words or more; the mention is named so ("Gezira State", "North Darfur").
        for en in f.get(8).into_iter().flat_map(|s| s.split('|')) {
            let en = en.trim();
            if en.is_empty() {
                continue;
            }
            let n = norm(en);
            if n.contains(' ') {
                b.add_key(en, pid, How::Alias);
                official.push((pid, fnv(n.as_bytes()), en.into()));
            }
            for (_, suf) in SUFFIXES.iter().filter(|(a, s)| a == s) {
                let written = format!("{en} {}{}", suf[..1].to_uppercase(), &suf[1..]);
                b.add_key(&written, pid, How::Suffixed);
                // a one-word name is named with its region word ("Gezira State"), a
                // longer one without ("North Darfur", also for "North Darfur state")
                let shown = if n.contains(' ') {
                    en
                } else {
                    written.as_str()
                };
                official.push((pid, fnv(norm(&written).as_bytes()), shown.into()));
            }
        }
    }

    // ---- admin-2 (counties, raions, districts) ------------------------------
    for f in lines(ADMIN2) {
        if f.len() < 6 {
            continue;
        }
        let Some(&cc) = code_idx.get(f[0]) else {
            continue;
        };
        let admin1 = admin1_by_code.get(&(cc, f[1])).copied().unwrap_or(u32::MAX);
        let pid = b.places.len() as u32;
        b.places.push(Place {
            name: f[2].into(),
            kind: PlaceKind::Region,
            cc,
            admin1,
            lat: parse_f32(f[3]).unwrap_or(f32::NAN),
            lon: parse_f32(f[4]).unwrap_or(f32::NAN),
            pop: 0,
            gid: f[5].trim().parse().unwrap_or(0),
            flags: FLAG_ADMIN2,
            head: [0, 0],
        });
        b.add_key(f[2], pid, How::Main);
        for alt in f.get(6).into_iter().flat_map(|s| s.split('|')) {
            if !alt.is_empty() {
                b.add_key(alt, pid, How::Alt);
            }
        }
    }

    // ---- settlements -------------------------------------------------------
    lap("countries and admin-1");
    let mut gz = flate2::read::GzDecoder::new(PLACES_GZ);
    let mut raw = Vec::with_capacity(24 << 20);
    gz.read_to_end(&mut raw)
        .expect("embedded places.tsv.gz is valid");
    let text = String::from_utf8(raw).expect("places.tsv.gz is UTF-8");
    lap("decompressed");
    let is_cyrillic = |c: char| ('\u{400}'..='\u{52f}').contains(&c);
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut f = [""; 9];
        let mut nf = 0;
        for (k, part) in line.splitn(9, '\t').enumerate() {
            f[k] = part;
            nf = k + 1;
        }
        if nf < 9 {
            continue;
        }
        let Some(&cc) = code_idx.get(f[2]) else {
            continue;
        };
        let admin1 = admin1_by_code.get(&(cc, f[3])).copied().unwrap_or(u32::MAX);
        let mut flags = 0;
        if f[7].contains('C') {
            flags |= FLAG_CAPITAL;
        }
        if f[7].contains('K') {
            flags |= FLAG_KATOTTG;
        }
        // the town that gives its admin-1 unit its name (Kherson, Kherson Oblast)
        if admin1 != u32::MAX && f[6].parse::<u32>().unwrap_or(0) >= 10_000 {
            if let Some(bare) = admin1_bare.get(admin1 as usize) {
                if *bare == norm(f[1]) {
                    flags |= FLAG_SEAT;
                }
            }
        }
        let pid = b.places.len() as u32;
        b.places.push(Place {
            name: f[1].into(),
            kind: PlaceKind::Settlement,
            cc,
            admin1,
            lat: parse_f32(f[4]).unwrap_or(f32::NAN),
            lon: parse_f32(f[5]).unwrap_or(f32::NAN),
            pop: f[6].parse().unwrap_or(0),
            gid: f[0].parse().unwrap_or(0),
            flags,
            head: [0, 0],
        });
        // Very short normalised names ("Ye", "Yei" → "i") collide with words
        // and initials: settlements need 3 letters, alternate names 4.
        b.add_key_min(f[1], pid, How::Main, 3);
        let mut renamed = false;
        for alt in f[8].split('|').filter(|s| !s.is_empty()) {
            match alt.strip_prefix('=') {
                // the official name before a renaming (KATOTTG's earlier editions):
                // reports go on using it, as strong as the place's own name
                Some(former) => {
                    b.add_key_min(former, pid, How::Main, 3);
                    if !former.chars().any(is_cyrillic) {
                        official.push((pid, fnv(norm(former).as_bytes()), former.into()));
                        renamed = true;
                    }
                }
                None => b.add_key_min(alt, pid, How::Alt, 4),
            }
        }
        if renamed {
            official.push((pid, fnv(norm(f[1]).as_bytes()), f[1].into()));
        }
        // an oblast is named after its centre: any spelling of the centre with a
        // region word is the oblast ("Zhitomir region", "Nikolayev oblast")
        if flags & FLAG_SEAT != 0 && matches!(f[2], "UA" | "RU" | "BY") {
            let unit = admin1_pid[admin1 as usize];
            for name in
                std::iter::once(f[1]).chain(f[8].split('|').map(|a| a.trim_start_matches('=')))
            {
                if name.len() < 4 || !name.is_ascii() {
                    continue;
                }
                for (_, suf) in SUFFIXES.iter().filter(|(a, s)| a == s) {
                    b.add_key(&format!("{name} {suf}"), unit, How::Suffixed);
                }
            }
        }
    }
    drop(text);
    lap("settlements parsed");

    // ---- regions and continents ------------------------------------------------
    for f in lines(REGIONS) {
        if f.len() < 6 {
            continue;
        }
        let kind = if f[1] == "continent" {
            PlaceKind::Continent
        } else {
            PlaceKind::Region
        };
        // a region of several countries, each of which holds part of it ("IN|PK"
        // for Kashmir): one reading per country, the article's focus decides, the
        // first listed when it does not
        for code in f[2].split('|') {
            let cc = code_idx.get(code).copied().unwrap_or(u16::MAX);
            let admin1 = admin1_by_name
                .get(&(cc, norm(f[3])))
                .copied()
                .unwrap_or(u32::MAX);
            let pid = b.add_curated(&f, kind, cc, admin1, 0);
            b.add_key(f[0], pid, How::Main);
            if f.len() > 6 {
                for alt in f[6].split('|').filter(|s| !s.is_empty()) {
                    b.add_key(alt, pid, How::Alias);
                }
            }
        }
    }

    // ---- curated supplement ---------------------------------------------------
    for f in lines(SUPPLEMENT) {
        if f.len() < 7 {
            continue;
        }
        let kind = match f[1] {
            "site" => PlaceKind::Site,
            "region" => PlaceKind::Region,
            _ => PlaceKind::Settlement,
        };
        let Some(&cc) = code_idx.get(f[2]) else {
            continue;
        };
        let admin1 = admin1_by_name
            .get(&(cc, norm(f[3])))
            .copied()
            .unwrap_or(u32::MAX);
        let pid = b.add_curated(&f, kind, cc, admin1, FLAG_SUPPLEMENT);
        b.add_key(f[0], pid, How::Alias);
        for alt in f[6].split('|').filter(|s| !s.is_empty()) {
            b.add_key(alt, pid, How::Alias);
        }
    }

    // ---- aliases and renames ---------------------------------------------------
    // Targets are resolved through the (sorted) keys before the index is built.
    b.keys
        .sort_unstable_by_key(|&(h, p, how)| (h, p, how as u8));
    let mut extra: Vec<(u64, u32, How)> = Vec::new();
    for f in lines(ALIASES) {
        if f.len() < 3 {
            continue;
        }
        let Some(&cc) = code_idx.get(f[2].trim()) else {
            continue;
        };
        let h = fnv(norm(f[1]).as_bytes());
        let lo = b.keys.partition_point(|k| k.0 < h);
        let target = b.keys[lo..]
            .iter()
            .take_while(|k| k.0 == h)
            .map(|k| k.1)
            .filter(|&p| {
                let pl = &b.places[p as usize];
                pl.cc == cc && pl.kind == PlaceKind::Settlement
            })
            .max_by_key(|&p| (b.places[p as usize].pop, u32::MAX - p));
        let Some(t) = target else { continue };
        extra.push((fnv(norm(f[0]).as_bytes()), t, How::Alias));
        if f.get(3).map(|s| s.trim()) == Some("rename") {
            let old = std::mem::replace(&mut b.places[t as usize].name, f[0].into());
            extra.push((fnv(norm(&old).as_bytes()), t, How::Alt));
        }
    }
    lap("aliases");
    let mut keys = std::mem::take(&mut b.keys);
    extra.sort_unstable_by_key(|&(h, p, how)| (h, p, how as u8));
    keys = merge_sorted(keys, extra);
    let (index, postings) = build_index(&mut keys);
    lap("index built");

    let mut stop = Vec::new();
    for w in STOPWORDS.lines().filter(|l| !l.starts_with('#')) {
        stop.push(fnv(w.trim().as_bytes()));
    }
    let mut blocked = Vec::new();
    for w in NOT_PLACES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        blocked.push(fnv(norm(w).as_bytes()));
    }

    let mut person = Vec::new();
    for w in PERSON_NAMES.lines().filter(|l| !l.starts_with('#')) {
        person.push(fnv(w.trim().as_bytes()));
    }
    for p in b.places.iter_mut() {
        p.head = head2(&norm(&p.name));
    }
    lap("heads");
    for v in [&mut stop, &mut blocked, &mut person] {
        v.sort_unstable();
        v.dedup();
    }
    let mut followers: Vec<u64> = FOLLOWERS.iter().map(|w| fnv(norm(w).as_bytes())).collect();
    followers.sort_unstable();
    followers.dedup();
    let mut country_words: Vec<(String, u16)> = country_words.into_iter().collect();
    country_words.sort_unstable();
    let mut demonyms: Vec<(u64, u16)> = demonyms.into_iter().collect();
    demonyms.sort_unstable();

    Built {
        places: b.places,
        admin1_names,
        keys: index,
        postings,
        codes,
        country_place,
        country_words,
        demonyms,
        stop,
        blocked,
        followers,
        person,
        official,
    }
}

/// Merges two vectors sorted by (key, place, how).
fn merge_sorted(a: Vec<(u64, u32, How)>, b: Vec<(u64, u32, How)>) -> Vec<(u64, u32, How)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    let k = |t: &(u64, u32, How)| (t.0, t.1, t.2 as u8);
    while i < a.len() && j < b.len() {
        if k(&a[i]) <= k(&b[j]) {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Deduplicates sorted (key, place, how) triples (keeping the strongest `how`
/// per key and place) and builds the key → postings map.
fn build_index(keys: &mut Vec<(u64, u32, How)>) -> (Vec<(u64, u32, u32)>, Vec<Posting>) {
    keys.dedup_by_key(|&mut (h, p, _)| (h, p));
    let mut map: Vec<(u64, u32, u32)> = Vec::with_capacity(keys.len());
    let mut postings = Vec::with_capacity(keys.len());
    let mut i = 0;
    while i < keys.len() {
        let h = keys[i].0;
        let s = postings.len() as u32;
        while i < keys.len() && keys[i].0 == h {
            postings.push(Posting {
                place: keys[i].1,
                how: keys[i].2,
            });
            i += 1;
        }
        map.push((h, s, postings.len() as u32 - s));
    }
    keys.clear();
    keys.shrink_to_fit();
    (map, postings)
}
