//! Cue-word classes from `data/cues.tsv` (factuality, certainty, genre), compiled once.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static CUES: LazyLock<HashMap<&'static str, Regex>> = LazyLock::new(|| {
    let mut parts: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    for l in include_str!("../data/cues.tsv").lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let (class, pat) = l.split_once('\t').expect("cues.tsv: CLASS<TAB>REGEX");
        parts.entry(class).or_default().push(pat);
    }
    parts
        .into_iter()
        .map(|(k, v)| (k, Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", v.join("|"))).expect("cues.tsv: bad regex")))
        .collect()
});

/// The compiled regex of a cue class (`nonfactual`, `habitual`, `alleged`, `claim`, `opinion`, `report`).
pub fn cue(class: &str) -> &'static Regex {
    CUES.get(class).unwrap_or_else(|| panic!("cues.tsv has no class {class}"))
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
