//! Cue-word classes from `data/cues.tsv` (factuality, certainty, genre), compiled once.

use regex::Regex;
use std::sync::LazyLock;

static CUES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let mut parts: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for l in include_str!("../data/cues.tsv").lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let (class, pat) = l.split_once('\t').expect("cues.tsv: CLASS<TAB>REGEX");
        match parts.iter_mut().find(|(c, _)| *c == class) {
            Some((_, v)) => v.push(pat),
            None => parts.push((class, vec![pat])),
        }
    }
    parts
        .into_iter()
        .map(|(k, v)| (k, Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", v.join("|"))).expect("cues.tsv: bad regex")))
        .collect()
});

/// The compiled regex of a cue class (`nonfactual`, `habitual`, `alleged`, `claim`, `opinion`, `report`).
pub fn cue(class: &str) -> &'static Regex {
    // A handful of classes: a linear scan beats hashing the name on every call.
    CUES.iter().find(|(c, _)| *c == class).map(|(_, r)| r).unwrap_or_else(|| panic!("cues.tsv has no class {class}"))
}

/// Number of matches of a class in `s`.
pub fn count(class: &str, s: &str) -> usize {
    cue(class).find_iter(s).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn classes_load_and_match_words_only() {
        assert!(cue("nonfactual").is_match("Russia may strike"));
        assert!(!cue("nonfactual").is_match("Mayor of Kyiv"));
        assert!(cue("alleged").is_match("drones reportedly hit"));
        assert_eq!(count("report", "officials said and the ministry confirmed"), 4);
    }
}
