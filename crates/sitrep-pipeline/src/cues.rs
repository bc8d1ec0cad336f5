//! Cue-word classes from `data/cues.tsv` (factuality, certainty, genre), compiled once.

use regex::Regex;
use std::sync::LazyLock;

/// Compile an English cue pattern for ASCII matching (smaller, faster automata: case folding
/// and classes are ASCII-only); patterns that need Unicode (`\S` may match a partial
/// character) keep it.
pub fn ascii_regex(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .unicode(false)
        .build()
        .or_else(|_| Regex::new(pattern))
        .unwrap_or_else(|e| panic!("bad rule pattern {pattern}: {e}"))
}

/// A compiled cue class: a word-bounded alternation of English cue words, run
/// by the lazy DFA alone. The `regex` crate would put a literal prefilter
/// (Teddy) in front; on these dense word lists nearly every word of prose
/// shares a prefix with some cue, so the prefilter stops every few bytes and
/// costs more than the DFA scan it is meant to skip (callgrind: about 5% of
/// all extraction instructions went to it).
pub struct Cue(regex_automata::meta::Regex);

/// A match of a [`Cue`] in a haystack.
#[derive(Clone, Copy, Debug)]
pub struct CueMatch<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
    pattern: usize,
}

impl<'h> CueMatch<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
    /// Which pattern of a [`Cue::new_many`] matched (0 for [`Cue::new`]).
    pub fn pattern(&self) -> usize {
        self.pattern
    }
}

impl Cue {
    /// ASCII matching when the pattern allows it (as [`ascii_regex`]), else Unicode.
    pub fn new(pattern: &str) -> Cue {
        Cue::new_many(&[pattern])
    }
    /// One automaton for several patterns (a rule set): [`Cue::is_match`] tells
    /// whether any of them matches. ASCII matching when the patterns allow it
    /// (as [`ascii_regex`]), else Unicode.
    pub fn new_many<P: AsRef<str>>(patterns: &[P]) -> Cue {
        use regex_automata::{meta, util::syntax};
        let build = |unicode: bool| {
            meta::Builder::new()
                .configure(
                    meta::Config::new()
                        .auto_prefilter(false)
                        .hybrid_cache_capacity(8 << 20),
                )
                .syntax(syntax::Config::new().unicode(unicode))
                .build_many(patterns)
                .map_err(|e| e.to_string())
        };
        Cue(build(false)
            .or_else(|_| build(true))
            .unwrap_or_else(|e| panic!("bad cue pattern: {e}")))
    }
    pub fn is_match(&self, hay: &str) -> bool {
        self.0.is_match(hay)
    }
    pub fn find<'h>(&self, hay: &'h str) -> Option<CueMatch<'h>> {
        self.0.find(hay).map(|m| CueMatch {
            hay,
            start: m.start(),
            end: m.end(),
            pattern: m.pattern().as_usize(),
        })
    }
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = CueMatch<'h>> + 'r
    where
        'h: 'r,
    {
        self.0.find_iter(hay).map(move |m| CueMatch {
            hay,
            start: m.start(),
            end: m.end(),
            pattern: m.pattern().as_usize(),
        })
    }
}

/// The data rows of a TSV rule file (comments and blank lines skipped), each
/// checked to have exactly `columns` fields; `name` is the file named in the panic.
pub fn tsv_rows(
    tsv: &'static str,
    columns: usize,
    name: &'static str,
) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(move |l| {
            let f: Vec<&'static str> = l.split('\t').collect();
            assert_eq!(f.len(), columns, "{name}: {columns} columns: {l}");
            f
        })
}

/// Rows of a tab-separated rule file with between `min` and `max` columns (later
/// columns optional), comment and blank lines skipped.
pub fn tsv_rows_between(
    tsv: &'static str,
    min: usize,
    max: usize,
    name: &'static str,
) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(move |l| {
            let f: Vec<&'static str> = l.split('\t').collect();
            assert!(
                (min..=max).contains(&f.len()),
                "{name}: {min} to {max} columns: {l}"
            );
            f
        })
}

/// Load a `CLASS<TAB>REGEX` file into one word-bounded regex per class (lines of a class
/// are alternatives). Classes in `case_sensitive` match as written; the rest ignore case.
pub fn load_classes(
    tsv: &'static str,
    name: &'static str,
    case_sensitive: &[&str],
) -> Vec<(&'static str, Cue)> {
    class_patterns(tsv, name, case_sensitive)
        .into_iter()
        .map(|(k, p)| (k, Cue::new(&p)))
        .collect()
}

/// The pattern of each class of a `CLASS<TAB>REGEX` file, as [`load_classes`] compiles it.
fn class_patterns(
    tsv: &'static str,
    name: &'static str,
    case_sensitive: &[&str],
) -> Vec<(&'static str, String)> {
    let mut parts: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for f in tsv_rows(tsv, 2, name) {
        let (class, pat) = (f[0], f[1]);
        match parts.iter_mut().find(|(c, _)| *c == class) {
            Some((_, v)) => v.push(pat),
            None => parts.push((class, vec![pat])),
        }
    }
    parts
        .into_iter()
        .map(|(k, v)| {
            let flags = if case_sensitive.contains(&k) {
                ""
            } else {
                "(?i)"
            };
            // ASCII word boundaries keep the regexes on the fast automaton.
            (k, format!(r"{flags}(?-u:\b)(?:{})(?-u:\b)", v.join("|")))
        })
        .collect()
}

const CUES_TSV: &str = include_str!("../data/cues.tsv");

static CUES: LazyLock<Vec<(&'static str, Cue)>> =
    LazyLock::new(|| load_classes(CUES_TSV, "cues.tsv", &[]));

/// Several cue classes in one automaton, for a caller that counts each of
/// them over the same text: one pass instead of one per class. A match's
/// [`CueMatch::pattern`] is the index of its class in `classes`. Matches of
/// one class are those of [`cue`] alone as long as no match of another class
/// overlaps them (where two would, the leftmost, then the earlier class, wins).
pub fn cues_together(classes: &[&str]) -> Cue {
    let all = class_patterns(CUES_TSV, "cues.tsv", &[]);
    let pats: Vec<&str> = classes
        .iter()
        .map(|c| {
            all.iter()
                .find(|(k, _)| k == c)
                .map(|(_, p)| p.as_str())
                .unwrap_or_else(|| panic!("cues.tsv has no class {c}"))
        })
        .collect();
    Cue::new_many(&pats)
}

/// The compiled regex of a cue class (`nonfactual`, `habitual`, `alleged`, `claim`, `opinion`, `report`).
pub fn cue(class: &str) -> &'static Cue {
    // A handful of classes: a linear scan beats hashing the name on every call.
    CUES.iter()
        .find(|(c, _)| *c == class)
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("cues.tsv has no class {class}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn classes_load_and_match_words_only() {
        assert!(cue("nonfactual").is_match("Russia may strike"));
        assert!(!cue("nonfactual").is_match("Mayor of Kyiv"));
        assert!(cue("alleged").is_match("drones reportedly hit"));
        assert_eq!(
            cue("report")
                .find_iter("officials said and the ministry confirmed")
                .count(),
            4
        );
    }

    /// Counting two classes in one pass gives each class's own count.
    #[test]
    fn classes_together_count_as_apart() {
        let both = cues_together(&["opinion", "report"]);
        let text = "Officials said the regime, of course, ought to fall; I think the ministry \
                    confirmed it, according to the agency. It is time, clearly.";
        let mut n = [0usize; 2];
        for m in both.find_iter(text) {
            n[m.pattern()] += 1;
        }
        assert_eq!(n[0], cue("opinion").find_iter(text).count());
        assert_eq!(n[1], cue("report").find_iter(text).count());
        assert_eq!(n, [6, 6]);
    }
}
