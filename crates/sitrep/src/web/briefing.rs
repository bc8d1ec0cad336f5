//! The daily situation report, built only from stored records.
//!
//! Every line is a template filled from stored fields (types, places, actors,
//! counts, claims, statements) and carries the numbers `[n]` of the sources it
//! rests on; the references list maps each number to its article. A figure is
//! always given with who reports or claims it. No line is written that no
//! stored record supports: sections without records are left out.

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_model::{Certainty, Claim, DatePrecision, Incident};
use sitrep_store::{IncidentQuery, StatementQuery, Store, StoredStatement};
use std::collections::{BTreeMap, HashMap};

/// Most incidents and statements one briefing reads (a day rarely holds more).
pub const MAX_ROWS: usize = 5_000;

/// One sentence of the report and the reference numbers that support it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Line {
    pub text: String,
    pub cites: Vec<usize>,
    /// The incident the line describes, when it describes one (for links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<Line>,
}

/// A cited article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reference {
    pub n: usize,
    pub doc: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Briefing {
    pub date: String,
    pub incidents: usize,
    pub statements: usize,
    /// Headline figures: incidents by type, weapons and interceptions, casualties.
    pub headline: Vec<Line>,
    /// One section per region (admin-1, else country, else "Region not known": a place
    /// the gazetteer does not know, or none).
    pub regions: Vec<Section>,
    /// The day's statements.
    pub said: Vec<Line>,
    pub references: Vec<Reference>,
}

/// Numbers articles in order of first citation.
#[derive(Default)]
struct Refs {
    by_doc: HashMap<String, usize>,
    list: Vec<Reference>,
}

impl Refs {
    fn cite(
        &mut self,
        doc: &str,
        url: Option<&str>,
        outlet: Option<&str>,
        published: Option<&str>,
    ) -> usize {
        if let Some(n) = self.by_doc.get(doc) {
            return *n;
        }
        let n = self.list.len() + 1;
        self.by_doc.insert(doc.to_string(), n);
        self.list.push(Reference {
            n,
            doc: doc.to_string(),
            url: url.map(str::to_string),
            outlet: outlet.map(str::to_string),
            published: published.map(str::to_string),
        });
        n
    }
    fn incident(&mut self, inc: &Incident) -> Vec<usize> {
        let mut v: Vec<usize> = inc
            .sources
            .iter()
            .map(|s| {
                self.cite(
                    &s.doc,
                    s.url.as_deref(),
                    s.outlet.as_deref(),
                    s.published.as_deref(),
                )
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    /// The reference number of an article already cited by an incident.
    fn of_doc(&self, doc: &str) -> Option<usize> {
        self.by_doc.get(doc).copied()
    }
}

fn merge(cites: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = cites.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `"30 per Ukrainian Air Force [2]; 25 per Reuters [3]"`: every value of one
/// field of an incident with who claims or reports it. Falls back on the merged
/// value with the incident's sources when the store recorded no claims.
fn claimed_values(
    inc: &Incident,
    field: &str,
    merged: Option<u32>,
    refs: &Refs,
) -> Option<(String, Vec<usize>)> {
    let claims: Vec<&Claim> = inc.claims.iter().filter(|c| c.field == field).collect();
    if claims.is_empty() {
        let v = merged?;
        let who: Vec<String> = inc
            .sources
            .iter()
            .filter_map(|s| s.claimed_by.clone().or_else(|| s.outlet.clone()))
            .collect();
        let cites = merge(inc.sources.iter().filter_map(|s| refs.of_doc(&s.doc)));
        let text = if who.is_empty() {
            format!("{v} as reported{}", cite_marks(&cites))
        } else {
            format!("{v} per {}{}", dedup_join(who), cite_marks(&cites))
        };
        return Some((text, cites));
    }
    // Group by value, keeping claim order.
    let mut groups: Vec<(u32, Vec<&Claim>)> = Vec::new();
    for c in claims {
        match groups.iter_mut().find(|(v, _)| *v == c.value) {
            Some((_, g)) => g.push(c),
            None => groups.push((c.value, vec![c])),
        }
    }
    let mut cites = Vec::new();
    let parts: Vec<String> = groups
        .iter()
        .map(|(v, g)| {
            // A claim whose party is only known as its article reads "as reported".
            let named: Vec<String> = g
                .iter()
                .filter(|c| c.by != c.doc)
                .map(|c| c.by.clone())
                .collect();
            let ns = merge(g.iter().filter_map(|c| refs.of_doc(&c.doc)));
            cites.extend(ns.iter().copied());
            if named.is_empty() {
                format!("{v} as reported{}", cite_marks(&ns))
            } else {
                format!("{v} per {}{}", dedup_join(named), cite_marks(&ns))
            }
        })
        .collect();
    Some((parts.join("; "), merge(cites)))
}

fn dedup_join(mut v: Vec<String>) -> String {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v.join(", ")
}

/// `" [1][3]"`.
pub fn cite_marks(ns: &[usize]) -> String {
    if ns.is_empty() {
        return String::new();
    }
    let mut s = String::from(" ");
    for n in ns {
        s.push_str(&format!("[{n}]"));
    }
    s
}

fn precision_note(p: Option<DatePrecision>) -> &'static str {
    match p {
        Some(DatePrecision::Day) | None => "",
        Some(DatePrecision::Week) => " (date known to the week)",
        Some(DatePrecision::Month) => " (date known to the month)",
        Some(DatePrecision::Year) => " (date known to the year)",
    }
}

fn certainty_note(inc: &Incident) -> String {
    match inc.certainty {
        Certainty::Reported => String::new(),
        Certainty::Claimed => match &inc.claimed_by {
            Some(by) => format!(", as claimed by {by}"),
            None => ", as claimed".into(),
        },
        Certainty::Alleged => ", reportedly (unverified)".into(),
    }
}

fn region_of(inc: &Incident) -> String {
    let loc = inc.location.as_ref();
    loc.and_then(|l| l.admin1.clone())
        .or_else(|| loc.and_then(|l| l.country.clone()))
        .unwrap_or_else(|| "Region not known".into())
}

/// One line describing one incident from its stored fields.
fn incident_line(inc: &Incident, refs: &mut Refs) -> Line {
    let cites = refs.incident(inc);
    let mut text = inc.subtype.clone();
    if let Some(l) = &inc.location {
        text.push_str(&format!(" in {}", l.name));
    }
    match (&inc.actor1, &inc.actor2) {
        (Some(a), Some(b)) => text.push_str(&format!(", by {a} against {b}")),
        (Some(a), None) => text.push_str(&format!(", by {a}")),
        (None, Some(b)) => text.push_str(&format!(", against {b}")),
        (None, None) => {}
    }
    if !inc.weapons.is_empty() {
        text.push_str(&format!(" ({})", inc.weapons.join(", ")));
    }
    text.push_str(&certainty_note(inc));
    text.push_str(precision_note(inc.date_precision));
    let mut figures = Vec::new();
    for (field, merged, label) in [
        ("fatalities", inc.fatalities, "Killed"),
        ("injured", inc.injured, "Injured"),
        ("intercepted", inc.intercepted, "Intercepted"),
    ] {
        if let Some((s, _)) = claimed_values(inc, field, merged, refs) {
            figures.push(format!("{label}: {s}"));
        }
    }
    if !figures.is_empty() {
        text.push_str(&format!(". {}", figures.join(". ")));
    }
    text.push('.');
    Line {
        text,
        cites,
        incident: Some(inc.id.clone()),
    }
}

/// Builds the briefing of `date` from the store.
/// The latest day holding a dated incident: the day `brief` and
/// `/api/briefing` report when no date is given.
pub fn latest_day(store: &dyn Store) -> anyhow::Result<Option<NaiveDate>> {
    let q = sitrep_store::IncidentQuery {
        limit: Some(1),
        ..Default::default()
    };
    Ok(store
        .incidents(&q)?
        .first()
        .and_then(|i| i.date.as_deref())
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
}

pub fn build(store: &dyn Store, date: NaiveDate) -> anyhow::Result<Briefing> {
    let q = IncidentQuery {
        since: Some(date),
        until: Some(date),
        limit: Some(MAX_ROWS),
        ..Default::default()
    };
    let mut incidents = store.incidents(&q)?;
    // The store may match on overlapping date windows; the briefing covers the
    // incidents dated on the day itself.
    let day = date.to_string();
    incidents.retain(|i| i.date.as_deref() == Some(day.as_str()));
    incidents.sort_by(|a, b| {
        region_of(a)
            .cmp(&region_of(b))
            .then_with(|| a.id.cmp(&b.id))
    });
    let sq = StatementQuery {
        since: Some(date),
        until: Some(date),
        limit: Some(MAX_ROWS),
        ..Default::default()
    };
    let mut statements: Vec<StoredStatement> = store.statements(&sq)?;
    statements.retain(|s| s.statement.date.as_deref() == Some(day.as_str()));

    let mut refs = Refs::default();
    // Number the references in the order the report cites them: regions first
    // (they describe every incident), headline figures reuse those numbers.
    let mut regions: BTreeMap<String, Vec<Line>> = BTreeMap::new();
    for inc in &incidents {
        regions
            .entry(region_of(inc))
            .or_default()
            .push(incident_line(inc, &mut refs));
    }
    let mut headline = Vec::new();
    if !incidents.is_empty() {
        let all = merge(
            incidents
                .iter()
                .flat_map(|i| i.sources.iter().filter_map(|s| refs.of_doc(&s.doc))),
        );
        let n_src = all.len() as u64;
        headline.push(Line {
            text: format!(
                "{} recorded on {day}, from {}.",
                plural(incidents.len() as u64, "incident", "incidents"),
                plural(n_src, "source", "sources")
            ),
            cites: all,
            incident: None,
        });
    }
    // Incidents by type and subtype.
    let mut by_type: BTreeMap<(String, String), Vec<&Incident>> = BTreeMap::new();
    for inc in &incidents {
        by_type
            .entry((inc.event_type.clone(), inc.subtype.clone()))
            .or_default()
            .push(inc);
    }
    for ((t, s), incs) in &by_type {
        let cites = merge(
            incs.iter()
                .flat_map(|i| i.sources.iter().filter_map(|x| refs.of_doc(&x.doc))),
        );
        headline.push(Line {
            text: format!(
                "{t} / {s}: {}.",
                plural(incs.len() as u64, "incident", "incidents")
            ),
            cites,
            incident: None,
        });
    }
    // Weapons: incidents per weapon, one line.
    let mut weapons: BTreeMap<String, Vec<&Incident>> = BTreeMap::new();
    for inc in &incidents {
        for w in &inc.weapons {
            weapons.entry(w.clone()).or_default().push(inc);
        }
    }
    if !weapons.is_empty() {
        let parts: Vec<String> = weapons
            .iter()
            .map(|(w, incs)| format!("{w} {}", incs.len()))
            .collect();
        let cites = merge(
            weapons
                .values()
                .flatten()
                .flat_map(|i| i.sources.iter().filter_map(|x| refs.of_doc(&x.doc))),
        );
        headline.push(Line {
            text: format!("Incidents by weapon: {}.", parts.join(", ")),
            cites,
            incident: None,
        });
    }
    // Casualties: every incident with a figure, each with its claimants.
    // Interceptions and casualties: every incident with a figure, each value
    // with who claims or reports it.
    for (field, label) in [
        ("intercepted", "Intercepted"),
        ("fatalities", "Killed"),
        ("injured", "Injured"),
    ] {
        let mut parts = Vec::new();
        let mut cites = Vec::new();
        for inc in &incidents {
            let merged = match field {
                "fatalities" => inc.fatalities,
                "injured" => inc.injured,
                _ => inc.intercepted,
            };
            if let Some((s, c)) = claimed_values(inc, field, merged, &refs) {
                let mut place = inc
                    .location
                    .as_ref()
                    .map(|l| l.name.clone())
                    .unwrap_or_else(|| inc.subtype.clone());
                if field == "intercepted" && !inc.weapons.is_empty() {
                    place.push_str(&format!(" ({})", inc.weapons.join(", ")));
                }
                parts.push(format!("{place}: {s}"));
                cites.extend(c);
            }
        }
        if !parts.is_empty() {
            headline.push(Line {
                text: format!("{label}: {}.", parts.join(" | ")),
                cites: merge(cites),
                incident: None,
            });
        }
    }

    let said = statements
        .iter()
        .map(|st| {
            let n = refs.cite(&st.doc, st.url.as_deref(), None, st.published.as_deref());
            let s = &st.statement;
            let target = s
                .target
                .as_ref()
                .map(|t| format!(" on {t}"))
                .unwrap_or_default();
            Line {
                text: format!(
                    "{} ({}{target}): \u{201c}{}\u{201d}",
                    s.speaker,
                    s.kind.as_str(),
                    s.evidence.trim()
                ),
                cites: vec![n],
                incident: None,
            }
        })
        .collect();

    Ok(Briefing {
        date: day,
        incidents: incidents.len(),
        statements: statements.len(),
        headline,
        regions: regions
            .into_iter()
            .map(|(title, lines)| Section { title, lines })
            .collect(),
        said,
        references: refs.list,
    })
}

fn reference_text(r: &Reference) -> String {
    let mut parts = vec![r.doc.clone()];
    if let Some(o) = &r.outlet {
        parts.push(o.clone());
    }
    if let Some(p) = &r.published {
        parts.push(format!("published {p}"));
    }
    if let Some(u) = &r.url {
        parts.push(u.clone());
    }
    parts.join(", ")
}

/// Markdown rendering. Stored text is written as is, except that characters
/// Markdown would read as markup at a line start are left to the reader: the
/// output is meant for people and plain-text tools, not for HTML conversion.
pub fn to_markdown(b: &Briefing) -> String {
    let mut out = format!("# Situation report, {}\n\n", b.date);
    if b.incidents == 0 && b.statements == 0 {
        out.push_str(&format!(
            "No incident or statement is stored for {}.\n",
            b.date
        ));
        return out;
    }
    let line = |l: &Line| format!("- {}{}\n", l.text, cite_marks(&l.cites));
    if !b.headline.is_empty() {
        out.push_str("## Headline figures\n\n");
        b.headline.iter().for_each(|l| out.push_str(&line(l)));
        out.push('\n');
    }
    for s in &b.regions {
        out.push_str(&format!("## {}\n\n", s.title));
        s.lines.iter().for_each(|l| out.push_str(&line(l)));
        out.push('\n');
    }
    if !b.said.is_empty() {
        out.push_str("## Statements\n\n");
        b.said.iter().for_each(|l| out.push_str(&line(l)));
        out.push('\n');
    }
    out.push_str("## Sources\n\n");
    for r in &b.references {
        out.push_str(&format!("[{}] {}\n", r.n, reference_text(r)));
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A standalone HTML document (no script, no external resource); all stored
/// text is escaped, and only `http(s)` source addresses become links.
pub fn to_html(b: &Briefing) -> String {
    let e = escape_html;
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>Situation report, {d}</title>\
         <style>body{{font:15px/1.5 system-ui,sans-serif;max-width:54rem;margin:2rem auto;padding:0 1rem;color:#1c2430}}\
         h1{{font-size:1.5rem}}h2{{font-size:1.1rem;border-bottom:1px solid #d5dbe3;padding-bottom:.2rem;margin-top:1.6rem}}\
         sup{{color:#4a6a8a}}li{{margin:.25rem 0}}.refs{{font-size:.85rem;color:#3a4656}}</style></head><body>\n\
         <h1>Situation report, {d}</h1>\n",
        d = e(&b.date)
    );
    if b.incidents == 0 && b.statements == 0 {
        out.push_str(&format!(
            "<p>No incident or statement is stored for {}.</p>\n</body></html>\n",
            e(&b.date)
        ));
        return out;
    }
    let line = |l: &Line| {
        let marks: String = l
            .cites
            .iter()
            .map(|n| format!("<a href=\"#ref{n}\">[{n}]</a>"))
            .collect();
        format!("<li>{} <sup>{marks}</sup></li>\n", e(&l.text))
    };
    let mut section = |title: &str, lines: &[Line]| {
        if lines.is_empty() {
            return;
        }
        out.push_str(&format!("<h2>{}</h2>\n<ul>\n", e(title)));
        lines.iter().for_each(|l| out.push_str(&line(l)));
        out.push_str("</ul>\n");
    };
    section("Headline figures", &b.headline);
    for s in &b.regions {
        section(&s.title, &s.lines);
    }
    section("Statements", &b.said);
    out.push_str("<h2>Sources</h2>\n<ol class=\"refs\">\n");
    for r in &b.references {
        let text = e(&reference_text(r));
        match &r.url {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => out.push_str(&format!(
                "<li id=\"ref{}\" value=\"{}\">{text} (<a href=\"{}\" rel=\"noopener noreferrer\">link</a>)</li>\n",
                r.n,
                r.n,
                e(u)
            )),
            _ => out.push_str(&format!("<li id=\"ref{}\" value=\"{}\">{text}</li>\n", r.n, r.n)),
        }
    }
    out.push_str("</ol>\n</body></html>\n");
    out
}
