//! Foreign-language passages: quotes or sentences in another language than the
//! (English) body, by function-word profiles (`data/stopwords.tsv`) and script.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static WORDS: LazyLock<HashMap<&'static str, HashSet<&'static str>>> = LazyLock::new(|| {
    include_str!("../data/stopwords.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(lang, ws)| (lang, ws.split_whitespace().collect()))
        .collect()
});

const EN_QUICK: &[&str] = &["the", "and", "of", "to", "in", "is", "was", "that", "for", "with", "on", "are", "has", "have"];

/// The language of a passage when it is clearly not English: an ISO 639-1 code.
pub fn foreign_language(passage: &str) -> Option<&'static str> {
    // The first few hundred bytes tell the language of a paragraph.
    let passage = &passage[..crate::text::floor_boundary(passage, 400)];
    // Fast path, no allocation: plain English prose has common English function words.
    let words = passage.split_whitespace().count();
    if words < 6 {
        return None;
    }
    let en_quick = passage
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|t| matches!(t.len(), 2..=4) && EN_QUICK.iter().any(|w| t.eq_ignore_ascii_case(w)))
        .count();
    if en_quick * 8 >= words {
        return None;
    }
    let letters: Vec<char> = passage.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 20 {
        return None;
    }
    let count = |f: fn(&char) -> bool| letters.iter().filter(|c| f(c)).count();
    let cyr = count(|c| ('\u{0400}'..='\u{04FF}').contains(c));
    let arabic = count(|c| ('\u{0600}'..='\u{06FF}').contains(c));
    let hebrew = count(|c| ('\u{0590}'..='\u{05FF}').contains(c));
    let n = letters.len();
    if cyr * 2 > n {
        // Ukrainian has і ї є ґ; Russian ы э ъ ё.
        let uk = passage.chars().filter(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ')).count();
        return Some(if uk > 0 { "uk" } else { "ru" });
    }
    if arabic * 2 > n {
        return Some("ar");
    }
    if hebrew * 2 > n {
        return Some("he");
    }
    let tokens: Vec<String> = passage
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase().replace('’', "'"))
        .collect();
    if tokens.len() < 6 {
        return None;
    }
    let mut scores: Vec<(&'static str, usize)> =
        WORDS.iter().map(|(l, ws)| (*l, tokens.iter().filter(|t| ws.contains(t.as_str())).count())).collect();
    scores.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let en = scores.iter().find(|(l, _)| *l == "en").map(|x| x.1).unwrap_or(0);
    let (best, bs) = scores[0];
    (best != "en" && bs >= 3 && bs > en * 2).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn spots_foreign_passages() {
        assert_eq!(foreign_language("Quiconque tente de détruire quelque chose dans notre pays devra faire face à des destructions"), Some("fr"));
        assert_eq!(foreign_language("Wer versucht, etwas in unserem Land zu zerstören, wird es bereuen und das ist nicht gut"), Some("de"));
        assert_eq!(foreign_language("Ми не віддамо жодного сантиметра нашої землі ворогу"), Some("uk"));
        assert_eq!(foreign_language("The drone strikes targeted residential areas in the city and the region"), None);
        assert_eq!(foreign_language("Kyiv"), None);
    }
}
