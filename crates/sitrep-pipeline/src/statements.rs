//! Stage `statements`: who threatened, demanded, offered, accused, refused or
//! assessed what, and when.
//!
//! Needs: sentences, person/org/actor mentions, dates. Sets: `Record.statements`.
//!
//! A sentence with a reporting verb (`data/statement_cues.tsv`) and a resolvable
//! speaker yields a statement. The speaker is the named person or body that is
//! the verb's subject (`X said`, `…, X said.`, `said X`), a pronoun resolved to
//! the last speaker or person, a role phrase resolved by the lexicon, or by the
//! title words of a person named elsewhere in the article ("the chief of US
//! intelligence" → "Haines, the U.S. director of national intelligence"). The kind
//! comes from cue patterns, strongest first; the date from the sentence, else the
//! same speaker's dated statement in the article, else the publication date (in an undated
//! article, the last day named before the statement).

use crate::analysis::Analysis;
use crate::text::{ceil_boundary, floor_boundary};
// Rule regexes with `\b` stay on the lazy DFA for ASCII-word text (see `wordre`).
use crate::wordre::WordRegex as Regex;
use sitrep_lexicon::EntityKind;
use sitrep_model::{DatePrecision, Statement, StatementKind};
use std::ops::Range;
use std::sync::LazyLock;

/// Reporting verbs are matched in lower case only ("States" in "United States" is no verb).
static CUES: LazyLock<Vec<(&'static str, crate::cues::Cue)>> = LazyLock::new(|| {
    crate::cues::load_classes(
        include_str!("../data/statement_cues.tsv"),
        "statement_cues.tsv",
        &["verb"],
    )
});

fn c(class: &str) -> &'static crate::cues::Cue {
    CUES.iter()
        .find(|(k, _)| *k == class)
        .map(|(_, r)| r)
        .expect("statement_cues.tsv class")
}

/// Where what was said begins after a reporting verb: a complementiser, a quote, a colon.
static REPORTED_CONTENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\b(that|whether|if)\b|["“”«:]"#).unwrap());

static SUBORDINATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:While|Although|Though|As|When|After|Despite|If|Because|Since|Whereas)\b[^,]*,",
    )
    .unwrap()
});
/// "The Russian military claims": a state's armed forces or defence ministry as a body.
static ARMED_FORCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:The |the )?([A-Z][a-z]+) (military|army|armed forces|defen[cs]e ministry|ministry of defen[cs]e)\b\s*$").unwrap()
});
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:He|She|They)\b").unwrap());
/// "Ukraine's spokespersons", "Russia's foreign ministry": a country's officials speak for it.
static COUNTRY_OFFICIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the )?(\w+)(?:'s|’s) (?:spokes\w+|officials?|government|authorities|leadership|foreign ministry|military|defen[cs]e ministry)").unwrap()
});
/// Writers' predictions about a speaker are not statements ("is expected to demand").
static HEDGED_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(is|are|was|were) (expected|likely|set|due|poised) to\s*$|\b(may|might|could|would|will)\s+$").unwrap()
});
/// What an official's report of the facts says: harm, damage, strikes, interceptions, rescue.
static FACT_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(killed|killing|dead|died|deaths?|injur\w*|wound\w*|hurt|casualt\w*|victims?|toll|damag\w*|destroy\w*|hit|struck|strikes?|shelling|shot down|shoot(ing)? down|repair\w*|restor(ed|ing|es|e) (power|electricity|water|heating|gas|supplies|services|connections?)|boarding up|broken windows|intercept\w*|downed|fires?|blaze|debris|rubble|evacuat\w*|rescu\w*|hospitali[sz]\w*|surgery|power (cuts|outages?|supplies)|water supplies|blackouts?|electricity|outages?|explosions?|sirens?|alerts?)\b").unwrap()
});
static GENERIC_TITLE: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "us",
    "u.s.",
    "u.s",
    "chief",
    "head",
    "director",
    "minister",
    "ministry",
    "president",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "deputy",
    "former",
    "national",
    "state",
    "general",
    "and",
];

#[derive(Clone)]
struct Speaker {
    name: String,
}

/// Persons' title words from appositions in the article: "Haines, the U.S. director of national intelligence".
fn person_titles(a: &Analysis) -> Vec<(String, Vec<String>)> {
    static APPOS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^,\s+(?:the |a |an )?([^,.;]{3,80}),").unwrap());
    let mut out = Vec::new();
    for e in a.entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let after = &a.text[e.end..floor_boundary(a.text, e.end + 100)];
        let mut words: Vec<String> = Vec::new();
        if let Some(m) = APPOS.captures(after) {
            words.extend(m[1].split_whitespace().map(|w| w.to_lowercase()));
        }
        // Title before the name: "US Secretary of State Antony Blinken".
        let before = &a.text[ceil_boundary(a.text, e.start.saturating_sub(60))..e.start];
        let seg = before
            .rsplit(['.', ',', ';', '“', '"'])
            .next()
            .unwrap_or("");
        words.extend(seg.split_whitespace().map(|w| w.to_lowercase()));
        words.retain(|w| !GENERIC_TITLE.contains(&w.as_str()) && w.len() > 2);
        if !words.is_empty() {
            out.push((e.name.clone(), words));
        }
    }
    out
}

/// Resolve the subject noun phrase before the verb to a speaker.
fn resolve_subject(
    a: &Analysis,
    sent: &Range<usize>,
    verb_start: usize,
    last_person: &Option<Speaker>,
    titles: &[(String, Vec<String>)],
) -> Option<String> {
    // A leading subordinate clause ("While some officials remain optimistic, …") holds no subject.
    let mut from = sent.start;
    if let Some(m) = SUBORDINATE.find(&a.text[sent.start..verb_start]) {
        from = sent.start + m.end();
    }
    let pre = from..verb_start;
    let pre_text = &a.text[pre.clone()];
    if let Some(m) = ARMED_FORCES.captures(pre_text.trim_start()).filter(|m| {
        sitrep_gazetteer::Gazetteer::global()
            .country_of_name(&m[1])
            .is_some()
    }) {
        let body = if m[2].to_lowercase().contains("minist") {
            "Ministry of Defence"
        } else {
            "Armed Forces"
        };
        return Some(format!("{} {body}", &m[1]));
    }
    // A group or a poll right before the verb ("…, prosecutors said", "51 percent
    // say"): nobody named in the sentence is the speaker.
    if c("group_subject").is_match(pre_text.trim_end()) {
        let t = pre_text.trim_start_matches(|c: char| !c.is_alphanumeric());
        return COUNTRY_OFFICIALS
            .captures(t)
            .and_then(|m| sitrep_gazetteer::Gazetteer::global().country_of_name(&m[1]))
            .and_then(crate::events::country_name);
    }
    // Quote-first: "…,” Blinken said. / "…,” said Blinken.
    let ents: Vec<_> = a.entities_in(&pre).collect();
    // The subject: the entity mention closest before the verb, not inside a quotation,
    // and not separated from the verb by a clause boundary word.
    static BOUNDARY: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::cues::ascii_regex(
            r"(?i)(?-u:\b)(that|which|because|if|while|since|after|as)(?-u:\b)|[;:]",
        )
    });
    let usable: Vec<_> = ents
        .iter()
        .filter(|e| !a.in_quote(e.start))
        .filter(|e| {
            let between = &a.text[e.end..verb_start];
            between.len() < 120 && !BOUNDARY.is_match(between)
        })
        .collect();
    // Persons first ("Jen Psaki, the White House press secretary, stated"), then bodies.
    if let Some(e) = usable
        .iter()
        .rev()
        .find(|e| e.kind == EntityKind::Person)
        .or(usable.last())
    {
        return Some(e.name.clone());
    }
    let trimmed = pre_text.trim_start_matches(|c: char| !c.is_alphanumeric());
    if PRONOUN.is_match(trimmed) && trimmed.split_whitespace().count() <= 3 {
        return last_person.as_ref().map(|s| s.name.clone());
    }
    // Quote-first with a pronoun: "'Ukraine is not ready,' he told reporters": the
    // pronoun right before the verb, after the closing quotation, is the last person.
    let last_word = pre_text.trim_end().rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let before_pronoun = pre_text.trim_end();
    let before_pronoun = before_pronoun[..before_pronoun.len() - last_word.len()].trim_end();
    if matches!(last_word, "he" | "she" | "He" | "She")
        && before_pronoun.ends_with(['"', '”', '’', '\''])
    {
        return last_person.as_ref().map(|s| s.name.clone());
    }
    if let Some(m) = COUNTRY_OFFICIALS.captures(trimmed) {
        if let Some(iso) = sitrep_gazetteer::Gazetteer::global().country_of_name(&m[1]) {
            return crate::events::country_name(iso);
        }
    }
    // Actors as speakers: "Russia drew worldwide ire after suggesting", "Moscow has defended".
    if let Some((st, _, actor)) = a.actors_in(&pre).find(|(st, _, _)| !a.in_quote(*st)) {
        if *st - pre.start < 12 {
            return Some(actor.clone());
        }
    }
    // A role phrase (at most four content words): match its content words against
    // persons' titles in the article. A longer subject is no role phrase: stop at the fifth.
    let words: Vec<String> = trimmed
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_lowercase()
        })
        .filter(|w| !GENERIC_TITLE.contains(&w.as_str()) && w.len() > 2)
        .take(5)
        .collect();
    if !words.is_empty() && words.len() <= 4 {
        for (name, tw) in titles {
            if words.iter().any(|w| tw.contains(w)) {
                return Some(name.clone());
            }
        }
    }
    None
}

fn kind_of(text: &str, verb: &str) -> StatementKind {
    let v = verb.to_lowercase();
    if v.starts_with("threat") {
        return StatementKind::Threat;
    }
    if v.starts_with("accus")
        || v.starts_with("blam")
        || v.starts_with("critici")
        || v.starts_with("condemn")
    {
        return StatementKind::Accusation;
    }
    if v.starts_with("urg")
        || v.starts_with("demand")
        || v.starts_with("called")
        || v.starts_with("calls")
    {
        return StatementKind::Demand;
    }
    if v.starts_with("refus") || v.starts_with("reject") {
        return StatementKind::Refusal;
    }
    if v.starts_with("offer") || v.starts_with("propos") {
        return StatementKind::Offer;
    }
    for (class, kind) in [
        ("threat", StatementKind::Threat),
        ("refusal", StatementKind::Refusal),
        ("accusation", StatementKind::Accusation),
        ("demand", StatementKind::Demand),
        ("offer", StatementKind::Offer),
        ("assessment", StatementKind::Assessment),
    ] {
        if class == "offer" && c("offer_ref").is_match(text) {
            // "said Putin's proposal was not made in good faith": judging a proposal already
            // on the table is not making one; only an offer cue outside such a reference counts.
            let mut rest = String::with_capacity(text.len());
            let mut last = 0;
            for m in c("offer_ref").find_iter(text) {
                rest.push_str(&text[last..m.start()]);
                rest.push(' ');
                last = m.end();
            }
            rest.push_str(&text[last..]);
            if c(class).is_match(&rest) {
                return kind;
            }
            continue;
        }
        if c(class).is_match(text) {
            return kind;
        }
    }
    if v.starts_with("said")
        || v.starts_with("told")
        || v.starts_with("sees")
        || v.starts_with("says")
        || v == "according to"
    {
        StatementKind::Assessment
    } else {
        StatementKind::Other
    }
}

/// The target: the first actor, person or place-country named after the verb that is not the speaker.
fn target_of(a: &Analysis, after: Range<usize>, speaker: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for (s, _, act) in a.actors_in(&after) {
        if act != speaker && best.as_ref().is_none_or(|(b, _)| s < b) {
            best = Some((*s, act.clone()));
        }
    }
    for e in a.entities_in(&after) {
        if e.name != speaker && best.as_ref().is_none_or(|(b, _)| e.start < *b) {
            best = Some((e.start, e.name.clone()));
        }
    }
    static WEST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(the West|Western)\b").unwrap());
    if let Some(m) = WEST.find(&a.text[after.clone()]) {
        if best
            .as_ref()
            .is_none_or(|(b, _)| after.start + m.start() < *b)
        {
            best = Some((after.start + m.start(), "West".into()));
        }
    }
    best.map(|(_, n)| n)
}

pub fn extract(a: &Analysis, event_sentences: &[Range<usize>]) -> Vec<Statement> {
    let titles = person_titles(a);
    let mut out: Vec<(Statement, bool)> = Vec::new(); // (statement, dated from its own sentence)
    let mut last_person: Option<Speaker> = None;
    // Reporting verbs of the whole article in one pass per paragraph (absolute
    // offsets, in order); each sentence takes the ones inside it.
    let verbs: Vec<Range<usize>> = a
        .cleaned
        .blocks
        .iter()
        .flat_map(|b| {
            c("verb")
                .find_iter(&a.text[b.range.clone()])
                .map(move |m| b.range.start + m.start()..b.range.start + m.end())
        })
        .collect();
    for s in a.sentences.iter().filter(|s| !s.heading) {
        let r = s.range.clone();
        let text = &a.text[r.clone()];
        // Find a reporting verb outside quotations.
        let persons_here: Vec<_> = a
            .entities_in(&r)
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        // Every reporting verb outside quotations; the first one whose subject is a person
        // wins, else the first with any speaker ("Washington sees no signs …, Blinken said").
        let mut chosen: Option<(Range<usize>, String)> = None;
        let first = verbs.partition_point(|v| v.start < r.start);
        for v in verbs[first..]
            .iter()
            .take_while(|v| v.end <= r.end)
            .filter(|v| !a.in_quote(v.start))
        {
            let verb = &a.text[v.clone()];
            let vstart = v.start;
            let mut speaker = if verb.eq_ignore_ascii_case("according to") {
                // the source named in the phrase itself: "according to his account,
                // ... a commander named X" does not make X the source
                a.entities_in(&(vstart..r.end))
                    .next()
                    .filter(|e| !a.text[v.end..e.start.max(v.end)].contains([',', ';', ':']))
                    .map(|e| e.name.clone())
            } else {
                resolve_subject(a, &r, vstart, &last_person, &titles)
            };
            if speaker.is_none() && !c("addressee_verb").is_match(verb) {
                // "said Blinken": the entity right after the verb ("told Reuters": the listener).
                if let Some(e) = a.entities_in(&(v.end..r.end)).next() {
                    if e.start - v.end <= 2 {
                        speaker = Some(e.name.clone());
                    }
                }
            }
            if let Some(sp) = speaker {
                let is_person = a
                    .entities
                    .iter()
                    .any(|e| e.kind == EntityKind::Person && e.name == sp);
                if chosen.is_none() || is_person {
                    chosen = Some((v.clone(), sp));
                }
                if is_person {
                    break;
                }
            }
        }
        if let Some((v, sp)) = chosen {
            let vstart = v.start;
            let hedged = HEDGED_VERB.is_match(&a.text[r.start..vstart]);
            let speaker = Some(sp);
            let kind_text = text;
            let kind = kind_of(kind_text, &a.text[v.clone()]);
            let in_event = event_sentences
                .iter()
                .any(|e| e.start <= r.start && r.end <= e.end);
            let weak = matches!(kind, StatementKind::Assessment | StatementKind::Other);
            // An official reporting what happened (casualties, damage, interceptions) gives
            // facts, which are events; and an outlet is a source, not a speaker.
            let factual = weak && (in_event || FACT_REPORT.is_match(text));
            let outlet = speaker.as_deref().is_some_and(crate::kinds::is_media);
            if let (Some(sp), false) = (speaker, hedged || factual || outlet) {
                // The day of the saying: before the reporting verb or right after it ("said
                // on Monday that"), not a day inside what was said ("said that Ukraine
                // agreed on March 11").
                let own_date = a
                    .dates_in(&r)
                    .filter(|d| {
                        d.kind == sitrep_dates::MentionKind::Point
                            && d.date.is_some()
                            && d.precision == DatePrecision::Day
                    })
                    .filter(|d| {
                        d.end <= v.start || {
                            let gap = &a.text[v.end.min(d.start)..d.start];
                            !REPORTED_CONTENT.is_match(gap) && gap.split_whitespace().count() <= 15
                        }
                    })
                    .min_by_key(|d| d.start);
                let (date, precision) = match own_date {
                    Some(d) => (d.date, Some(d.precision)),
                    None => (None, None),
                };
                let target = target_of(a, v.end..r.end, &sp);
                out.push((
                    Statement {
                        speaker: sp.clone(),
                        date: date.map(|d| d.format("%Y-%m-%d").to_string()),
                        date_precision: precision,
                        year_known: None,
                        kind,
                        target,
                        evidence: text.to_string(),
                        evidence_start: r.start,
                        evidence_end: r.end,
                    },
                    date.is_some(),
                ));
                if a.entities
                    .iter()
                    .any(|e| e.kind == EntityKind::Person && e.name == sp)
                {
                    last_person = Some(Speaker { name: sp });
                }
                continue;
            }
        }
        if let Some(p) = persons_here.last() {
            last_person = Some(Speaker {
                name: p.name.clone(),
            });
        }
    }
    // Undated statements take the same speaker's date in the article, else the publication date.
    let dated: Vec<(String, String, usize)> = out
        .iter()
        .filter(|(_, own)| *own)
        .map(|(s, _)| (s.speaker.clone(), s.date.clone().unwrap(), s.evidence_start))
        .collect();
    for (st, own) in out.iter_mut() {
        if *own {
            continue;
        }
        let nearest = dated
            .iter()
            .filter(|(sp, _, _)| *sp == st.speaker)
            .min_by_key(|(_, _, pos)| (*pos as i64 - st.evidence_start as i64).abs());
        if let Some((_, d, _)) = nearest {
            st.date = Some(d.clone());
            st.date_precision = Some(DatePrecision::Day);
        } else if let Some(p) = a.published {
            st.date = Some(p.format("%Y-%m-%d").to_string());
            st.date_precision = Some(DatePrecision::Week);
        } else if let Some(d) = a
            .dates
            .iter()
            .filter(|d| {
                d.kind == sitrep_dates::MentionKind::Point
                    && d.precision == DatePrecision::Day
                    && d.end <= st.evidence_start
            })
            .filter_map(|d| d.date)
            .next_back()
        {
            // An undated article: a reaction is dated by the last day the text named before
            // it ("Later on Friday, ..."; "... called the proposal a sham").
            st.date = Some(d.format("%Y-%m-%d").to_string());
            st.date_precision = Some(DatePrecision::Week);
        }
    }
    // One statement per speaker, kind and date (a quote and its paraphrase); weak kinds
    // (assessment, other) fold into one per speaker and date.
    let mut res: Vec<Statement> = Vec::new();
    for (st, _) in out {
        let weak = |k: StatementKind| matches!(k, StatementKind::Assessment | StatementKind::Other);
        let dup = res.iter().any(|x| {
            x.speaker == st.speaker
                && x.date == st.date
                && (x.kind == st.kind || (weak(x.kind) && weak(st.kind)))
        });
        if !dup {
            res.push(st);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn kinds_from_cues() {
        // Sentences written for this test, one or two per kind, cue and construction.
        let cases = [
            ("the minister threatened to cut gas supplies", "threatened", StatementKind::Threat),
            ("any convoy would be destroyed, the commander said", "said", StatementKind::Threat),
            ("urging the rebels to lay down their arms", "sent a blunt message", StatementKind::Demand),
            ("called for the immediate release of the hostages", "called for", StatementKind::Demand),
            ("I am ready to meet my counterpart in Geneva", "said", StatementKind::Offer),
            ("blamed the militia for shelling the market", "blamed", StatementKind::Accusation),
            ("accused the other side of having started this war", "said", StatementKind::Accusation),
            ("sees little chance that the talks resume soon", "said", StatementKind::Assessment),
            ("the offensive is stalling east of the river", "said", StatementKind::Assessment),
            ("dismissed the plan and would not negotiate under pressure", "said", StatementKind::Refusal),
            ("turned down the ceasefire proposal, which it rejected outright", "rejected", StatementKind::Refusal),
        ];
        for (text, verb, want) in cases {
            assert_eq!(kind_of(text, verb), want, "{text:?} with {verb:?}");
        }
    }
}
