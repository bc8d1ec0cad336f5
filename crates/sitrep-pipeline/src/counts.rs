//! Casualty and interception counts stated in a clause: digits and number words
//! ("two casualties", "a dozen", "over a hundred"), and explicit zeros ("no casualties").

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub intercepted: Option<u32>,
}

const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

fn word_value(w: &str) -> Option<u32> {
    UNITS.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// Parse a number phrase starting at token `i`; returns (value, tokens used).
fn number_at(toks: &[&str], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let digits: String = t.chars().filter(|c| *c != ',').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 7 {
        // "2,000" → 2000; years are not counts.
        let v: u32 = digits.parse().ok()?;
        if (1900..=2100).contains(&v) && !t.contains(',') {
            return None;
        }
        return Some((v, 1));
    }
    let mut used = 0;
    let mut total: u32 = 0;
    let mut cur: u32 = 0;
    let mut any = false;
    let mut j = i;
    while let Some(w) = toks.get(j) {
        let w = w.trim_end_matches(',');
        if let Some(v) = word_value(w) {
            cur += v;
            any = true;
        } else if let Some(v) = w
            .split('-')
            .map(word_value)
            .try_fold(0u32, |a, v| v.map(|v| a + v))
            .filter(|_| w.contains('-'))
        {
            cur += v;
            any = true;
        } else if w == "dozen" || w == "dozens" {
            cur = cur.max(1) * 12;
            any = true;
        } else if w == "hundred" {
            cur = cur.max(1) * 100;
            any = true;
        } else if w == "thousand" {
            total += cur.max(1) * 1000;
            cur = 0;
            any = true;
        } else if (w == "a" || w == "an") && j == i {
            // "a hundred", "a dozen": the article counts as one.
            if matches!(
                toks.get(j + 1).map(|s| s.trim_end_matches(',')),
                Some("hundred" | "thousand" | "dozen")
            ) {
                cur = 1;
                j += 1;
                used += 1;
                continue;
            }
            return None;
        } else if w == "and" && any && toks.get(j + 1).and_then(|s| word_value(s)).is_some() {
            // "a hundred and twenty"
        } else {
            break;
        }
        j += 1;
        used += 1;
    }
    if any {
        Some((total + cur, used))
    } else {
        None
    }
}

static KILLED: &[&str] = &[
    "killed",
    "dead",
    "died",
    "deaths",
    "death",
    "fatalities",
    "lives",
    "perished",
];
static INJURED: &[&str] = &[
    "injured", "wounded", "hurt", "injuries", "injuring", "wounding",
];
static INTERCEPT_AFTER: &[&str] = &[
    "shot",
    "intercepted",
    "downed",
    "destroyed",
    "neutralised",
    "neutralized",
];
static WEAPON_NOUNS: &[&str] = &[
    "drone",
    "drones",
    "uav",
    "uavs",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "shahed",
    "shaheds",
    "shahed-type",
    "aircraft",
];
static PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "person",
    "civilian",
    "soldier",
    "resident",
    "teenager",
    "pensioner",
    "baby",
    "officer",
    "journalist",
    "worker",
    "driver",
    "volunteer",
];
static KILLING_VERBS: &[&str] = &["killing", "killed", "kills", "kill"];
static INJURING_VERBS: &[&str] = &["injuring", "wounding", "injured", "wounded"];
static INTERCEPT_VERBS: &[&str] = &[
    "intercepted",
    "downed",
    "destroyed",
    "neutralised",
    "neutralized",
    "down",
];

static ZERO: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
    // bit 1 = fatalities, bit 2 = injured
    [
        (r"\bno (casualties|victims)\b|\bwithout casualties\b|\bno one was (killed or injured|hurt|harmed)\b", 3u8),
        (r"\bno (deaths|fatalities|one was killed|one died)\b|\bno one was killed\b|\bnobody was killed\b", 1),
        (r"\bno (injuries|one was injured|one was wounded)\b|\bnobody was (injured|hurt)\b", 2),
    ]
    .into_iter()
    .map(|(p, b)| (Regex::new(p).unwrap(), b))
    .collect()
});

/// Cheap test: does the text mention anything a count could be about?
static ANY_COUNT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)kill|dead|died|death|fatalit|lives|perish|injur|wound|hurt|casualt|victim|harm|shot|intercept|downed|destroy|neutrali").unwrap()
});

/// Month names and their usual abbreviations (lowercase).
static MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
];

/// Whether the number at `toks[i..i + used]` is part of a date: a day next to a month
/// name ("March 11", "11 March"), or a year.
fn date_part(toks: &[&str], i: usize, used: usize) -> bool {
    let month = |t: Option<&&str>| t.is_some_and(|t| MONTHS.contains(&t.trim_end_matches('.')));
    let tok = toks[i];
    let year = tok.len() == 4
        && tok.chars().all(|c| c.is_ascii_digit())
        && (1900..=2100).contains(&tok.parse::<u32>().unwrap_or(0));
    year || (i > 0 && month(toks.get(i - 1))) || month(toks.get(i + used))
        || (toks.get(i + used).is_some_and(|t| *t == "of") && month(toks.get(i + used + 1)))
}

/// Counts stated in `clause`.
pub fn counts(clause: &str) -> Counts {
    if !ANY_COUNT_WORD.is_match(clause) {
        return Counts::default();
    }
    let lower = clause.to_lowercase();
    let mut c = Counts::default();
    for (re, bits) in ZERO.iter() {
        if re.is_match(&lower) {
            if bits & 1 != 0 {
                c.fatalities = Some(0);
            }
            if bits & 2 != 0 {
                c.injured = Some(0);
            }
        }
    }
    let toks: Vec<&str> = lower
        .split(|ch: char| {
            ch.is_whitespace() || matches!(ch, '(' | ')' | '"' | '“' | '”' | ';' | ':')
        })
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches(['.', ',']))
        .collect();
    let mut i = 0;
    while i < toks.len() {
        let Some((v, used)) = number_at(&toks, i).or_else(|| {
            // "a drone", "an Iskander missile" count as one; so does "killed a 65-year-old man".
            let one = matches!(toks[i], "a" | "an" | "one");
            let weapon = toks.get(i + 1).is_some_and(|w| WEAPON_NOUNS.contains(w));
            let person = i > 0
                && (KILLING_VERBS.contains(&toks[i - 1]) || INJURING_VERBS.contains(&toks[i - 1]))
                && toks[i + 1..toks.len().min(i + 4)]
                    .iter()
                    .any(|w| PERSON_NOUNS.contains(w));
            (one && (weapon || person)).then_some((1, 1))
        }) else {
            i += 1;
            continue;
        };
        if date_part(&toks, i, used) {
            // "on March 11 killed two people": a day of the month is not a count.
            i += used;
            continue;
        }
        let before = if i > 0 { toks[i - 1] } else { "" };
        let before2 = if i > 1 { toks[i - 2] } else { "" };
        // Backward: "killing 5", "shot down 30 drones", "injuring at least 12".
        let lookback = [before, before2, if i > 2 { toks[i - 3] } else { "" }];
        let after: Vec<&str> = toks[i + used..toks.len().min(i + used + 6)].to_vec();
        // "shot down 45 of the 70 Shahed drones": the weapon noun may come a few words later.
        // "launched 176 drones, of which 103 were shot down", "… 40 of them were downed": the
        // weapon noun came before, the count refers back to it.
        let refers_back = ((before == "which" && before2 == "of")
            || (after.first() == Some(&"of") && after.get(1) == Some(&"them")))
            && toks[i.saturating_sub(10)..i].iter().any(|w| WEAPON_NOUNS.contains(w));
        let has_weapon_after =
            refers_back || after.iter().take(5).any(|w| WEAPON_NOUNS.contains(w));
        let mut assigned = false;
        if lookback.iter().any(|w| INTERCEPT_VERBS.contains(w)) && has_weapon_after {
            c.intercepted.get_or_insert(v);
            assigned = true;
        } else if lookback.iter().any(|w| KILLING_VERBS.contains(w)) && !has_weapon_after {
            c.fatalities.get_or_insert(v);
            assigned = true;
        } else if lookback.iter().any(|w| INJURING_VERBS.contains(w)) && !has_weapon_after {
            c.injured.get_or_insert(v);
            assigned = true;
        }
        if !assigned {
            // Forward: "30 drones were shot down", "70 dead", "one person was injured", "12 people killed".
            for (k, w) in after.iter().enumerate() {
                if KILLED.contains(w) && !(k > 0 && after[k - 1] == "no") {
                    if *w == "lives" && !after[..k].iter().any(|x| *x == "lost" || *x == "claimed")
                    {
                        continue;
                    }
                    c.fatalities.get_or_insert(v);
                    break;
                }
                if INJURED.contains(w) {
                    c.injured.get_or_insert(v);
                    break;
                }
                if INTERCEPT_AFTER.contains(w) && has_weapon_after {
                    c.intercepted.get_or_insert(v);
                    break;
                }
                // Stop at words that start another phrase.
                if matches!(
                    *w,
                    "and" | "but" | "while" | "after" | "of" | "in" | "on" | "from" | "since"
                ) && k > 0
                {
                    break;
                }
            }
        }
        i += used;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_intercepted_weapons_may_refer_back_to_them() {
        assert_eq!(
            counts("the army said the enemy launched 90 drones, of which 61 were shot down").intercepted,
            Some(61)
        );
        assert_eq!(counts("the enemy fired 12 missiles; 9 of them were intercepted").intercepted, Some(9));
        // A count with no weapon before it is no interception.
        assert_eq!(counts("of which 61 were shot down").intercepted, None);
    }

    #[test]
    fn a_day_of_the_month_or_a_year_is_not_a_count() {
        let c = counts("the shelling of Izium on April 23 killed three people and injured 7");
        assert_eq!((c.fatalities, c.injured), (Some(3), Some(7)));
        let c = counts("the raid on 30 Sept. wounded four residents");
        assert_eq!(c.injured, Some(4));
        let c = counts("since 2014 killed more than 14,000 people");
        assert_eq!(c.fatalities, Some(14_000));
        assert_eq!(counts("on May 5, 12 people were killed").fatalities, Some(12));
    }

    #[test]
    fn reads_counts_in_digits_and_words() {
        assert_eq!(
            counts("One person was injured in the attack.").injured,
            Some(1)
        );
        assert_eq!(
            counts("approximately 30 drones were shot down, though debris fell").intercepted,
            Some(30)
        );
        let c = counts("a terror attack (perhaps as many 70 dead and over a hundred injured)");
        assert_eq!((c.fatalities, c.injured), (Some(70), Some(100)));
        assert_eq!(
            counts("an air defense system shot down a drone").intercepted,
            Some(1)
        );
        let c = counts("local authorities reported no casualties");
        assert_eq!((c.fatalities, c.injured), (Some(0), Some(0)));
        assert_eq!(
            counts("the strike killed twenty-three civilians").fatalities,
            Some(23)
        );
        assert_eq!(
            counts("killing at least 12 people and injuring 40").fatalities,
            Some(12)
        );
        assert_eq!(
            counts("killing at least 12 people and injuring 40").injured,
            Some(40)
        );
        assert_eq!(counts("a dozen people were wounded").injured, Some(12));
        assert_eq!(
            counts("Russian shelling killed a 65-year-old man").fatalities,
            Some(1)
        );
        assert_eq!(
            counts("the air force said it shot down 45 of the 70 Shahed drones").intercepted,
            Some(45)
        );
        assert_eq!(
            counts("There were about 1,000 people there in 2022.").fatalities,
            None
        );
        assert_eq!(counts("sentenced to 16 years in prison").fatalities, None);
    }
}
