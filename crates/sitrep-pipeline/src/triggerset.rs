//! [`WordStartSet`]: which of many word-bounded patterns occur in a text, found by
//! walking a lazy DFA anchored at each word boundary instead of one unanchored
//! overlapping search.
//!
//! Why: the event trigger set (`events::TRIGGER_SET`) is large, with gaps such as
//! `(\S+ ){0,3}`. Searched unanchored and overlapping, the lazy DFA tracks every partial
//! match begun at every earlier position, so its states are big and many: building them
//! for text not seen before was most of its cost (callgrind: ~7 million instructions per
//! article over the first pass of the 341 news-en articles, ~3 times all the rest of the
//! extraction). Each pattern begins with an ASCII word boundary (`(?-u:\b)`), so a match
//! can only start where one holds; anchored there, the DFA follows only the matches begun
//! at that position, and dies within a few bytes for most words. Measured with callgrind
//! on the benchmark's articles: the first pass (341 articles, with loading) 5.35 -> 3.52
//! billion instructions, a later pass 2.57 -> 2.65 million per article (the walk visits
//! each word boundary). `meta::Regex::which_overlapping_matches` called anchored at each
//! boundary did the same work with ~10 times the overhead per call (2.92 million per
//! article), hence the hand-run DFA.

use regex_automata::{
    hybrid::{
        dfa::{Cache, DFA},
        LazyStateID,
    },
    meta,
    util::{pool::Pool, start, syntax},
    Anchored, Input, MatchKind, PatternID, PatternSet,
};

type CachePool = Pool<
    Cache,
    Box<dyn Fn() -> Cache + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>,
>;

pub struct WordStartSet {
    /// The patterns' lazy DFA, anchored, reporting every pattern that matches (`All`).
    dfa: DFA,
    /// One DFA cache per thread.
    caches: CachePool,
    /// The same patterns for a search the DFA gives up on (never seen: the cache is
    /// large and nothing quits), so an answer is always given; built when first needed.
    fallback: std::sync::OnceLock<meta::Regex>,
    patterns: Vec<String>,
    syntax: syntax::Config,
}

impl WordStartSet {
    /// Each pattern must begin with an ASCII word boundary (checked), optionally after
    /// inline flags: `(?i)(?-u:\b)...`. `cache` is the DFA cache capacity per thread.
    pub fn new<P: AsRef<str>>(patterns: &[P], unicode: bool, cache: usize) -> WordStartSet {
        for p in patterns {
            let p = p.as_ref();
            let body = p.strip_prefix("(?i)").unwrap_or(p);
            assert!(
                body.starts_with(r"(?-u:\b)"),
                "no leading word boundary: {p}"
            );
        }
        let syntax = syntax::Config::new().unicode(unicode);
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(cache),
            )
            .syntax(syntax)
            .build_many(patterns)
            .unwrap_or_else(|e| panic!("bad pattern set: {e}"));
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        WordStartSet {
            dfa,
            caches,
            fallback: std::sync::OnceLock::new(),
            patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(),
            syntax,
        }
    }

    /// The patterns that match somewhere in `hay` (as `regex::RegexSet::matches`).
    pub fn matches(&self, hay: &str) -> SetMatches {
        let mut set = PatternSet::new(self.dfa.pattern_len());
        let mut cache = self.caches.get();
        if self.walk(&mut cache, hay.as_bytes(), &mut set).is_err() {
            set.clear();
            self.fallback()
                .which_overlapping_matches(&Input::new(hay), &mut set);
        }
        SetMatches(set)
    }

    /// The unanchored overlapping search of the patterns (what the walk replaces).
    fn fallback(&self) -> &meta::Regex {
        self.fallback.get_or_init(|| {
            meta::Builder::new()
                .configure(meta::Config::new().match_kind(MatchKind::All))
                .syntax(self.syntax)
                .build_many(&self.patterns)
                .expect("compiled once already")
        })
    }

    /// Runs the DFA anchored from each position where `(?-u:\b)` holds (an ASCII word
    /// byte on one side only) until it dies, adding the patterns of every match state.
    fn walk(&self, cache: &mut Cache, b: &[u8], set: &mut PatternSet) -> Result<(), ()> {
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let dfa = &self.dfa;
        let add = |cache: &Cache, sid, set: &mut PatternSet| {
            for i in 0..dfa.match_len(cache, sid) {
                let p: PatternID = dfa.match_pattern(cache, sid, i);
                set.insert(p);
            }
        };
        // Start states by the byte before (index 256: none, the start of the text),
        // looked up once; a cache clear makes them stale, so they go with it.
        let mut starts = [None::<LazyStateID>; 257];
        let mut clears = cache.clear_count();
        let mut prev_word = false;
        for pos in 0..=b.len() {
            let cur_word = pos < b.len() && word(b[pos]);
            let boundary = prev_word != cur_word;
            prev_word = cur_word;
            if !boundary {
                continue;
            }
            if cache.clear_count() != clears {
                starts = [None::<LazyStateID>; 257];
                clears = cache.clear_count();
            }
            let before = pos.checked_sub(1).map(|i| b[i]);
            let slot = before.map_or(256, usize::from);
            let mut sid = match starts[slot] {
                Some(sid) => sid,
                None => {
                    let cfg = start::Config::new()
                        .anchored(Anchored::Yes)
                        .look_behind(before);
                    let sid = dfa.start_state(cache, &cfg).map_err(|_| ())?;
                    starts[slot] = Some(sid);
                    sid
                }
            };
            let mut alive = true;
            for &c in &b[pos..] {
                sid = dfa.next_state(cache, sid, c).map_err(|_| ())?;
                if sid.is_tagged() {
                    if sid.is_match() {
                        add(cache, sid, set);
                    } else if sid.is_dead() {
                        alive = false;
                        break;
                    } else if sid.is_quit() {
                        return Err(());
                    }
                }
            }
            if alive {
                // Matches show one byte late: the end of the text is one more step.
                sid = dfa.next_eoi_state(cache, sid).map_err(|_| ())?;
                if sid.is_match() {
                    add(cache, sid, set);
                }
            }
        }
        Ok(())
    }
}

pub struct SetMatches(PatternSet);

impl SetMatches {
    /// Indices of the patterns that matched, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().map(|p| p.as_usize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same patterns as an unanchored `regex::RegexSet` report the same rows.
    #[test]
    fn matches_as_the_unanchored_set() {
        let pats: Vec<String> = [
            r"(fought|battled) (\S+ ){0,3}(forces|troops)",
            r"(attack(ed|s)?|struck) (\S+ ){0,5}(positions?|bases?)",
            r"shot down|downed",
            r"(drones?|jets?) (\S+ ){0,3}(struck|hit)",
            r"[ ,.]?killed",
            r"\d+-?mm rounds?",
            r"café",
        ]
        .iter()
        .map(|p| format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", p.replace(r"\S", r"(?u:\S)")))
        .collect();
        let ours = WordStartSet::new(&pats, false, 8 << 20);
        let theirs = regex::RegexSetBuilder::new(&pats)
            .unicode(false)
            .build()
            .unwrap();
        let texts = [
            "Russian forces fought with Ukrainian troops near Bakhmut.",
            "They battled Wagner’s “elite” forces; drones then struck.",
            "Jets   downed; attacked the enemy’s forward positions, 152-mm rounds",
            "Attacks on bases. Struck Café’s positions. Shot down",
            "Three killed, a café hit",
            "",
            "x",
            "fought with the enemy forces",
        ];
        for t in texts {
            let a: Vec<usize> = ours.matches(t).iter().collect();
            let b: Vec<usize> = theirs.matches(t).iter().collect();
            assert_eq!(a, b, "{t:?}");
            let mut set = PatternSet::new(pats.len());
            ours.fallback()
                .which_overlapping_matches(&Input::new(t), &mut set);
            let c: Vec<usize> = set.iter().map(|p| p.as_usize()).collect();
            assert_eq!(c, b, "fallback on {t:?}");
        }
    }
}
