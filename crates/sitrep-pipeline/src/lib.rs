//! # sitrep-pipeline
//!
//! The per-article stages that turn one [`Document`] into one
//! [`sitrep_model::Record`], and the batch-level clustering that gives events
//! reporting the same real-world event one `cluster_id`.
//!
//! Every stage is a pure function of (document, reference data); the reference
//! date is an input, never the clock. Stages, in order (see [`STAGES`]):
//! `source` → `html` → `published` → `clean` → `mentions` (dates, places,
//! entities, actors) → `sentences` → `events` → `statements` → `entities` →
//! `genre` → `flags`; then, per batch, `cluster`.
//!
//! ```
//! use sitrep_pipeline::{Document, Pipeline};
//! let p = Pipeline::new();
//! let rec = p.extract(&Document::text("a.txt", " date 2024-11-07 Russian drones struck Kyiv overnight, officials said."), None);
//! assert_eq!(rec.published.as_deref(), Some("2024-11-07"));
//! assert_eq!(rec.events[0].location.as_ref().unwrap().name, "Kyiv");
//! ```

pub mod analysis;
pub mod clean;
pub mod cluster;
pub mod counts;
pub mod cues;
pub mod events;
pub mod kinds;
pub mod lang;
pub mod source;
pub mod statements;
pub mod text;
pub mod unplaced;
mod triggerset;
mod wordre;

pub use source::{Document, Format, InputError};

use analysis::Analysis;
use chrono::NaiveDate;
use sitrep_gazetteer::{Gazetteer, PlaceKind};
use sitrep_lexicon::{EntityKind, Lexicon};
use sitrep_model::{Entities, Event, Flag, Genre, Record};

/// The named stages with what each needs and sets (spaCy-style declarations),
/// printed by `sitrep extract --explain` and checked by a test against the code order.
pub const STAGES: &[(&str, &str, &str)] = &[
    (
        "source",
        "path or JSONL line",
        "Document{raw, format, title?, url?, published?}",
    ),
    ("html", "Document.raw (HTML)", "text, title, published, url"),
    (
        "published",
        "JSONL/HTML metadata, header lines, --published",
        "Record.published, header span",
    ),
    (
        "clean",
        "text, header span",
        "title, kept blocks, dropped boilerplate, Record.body",
    ),
    (
        "mentions",
        "text, published, gazetteer, lexicon",
        "date, place, person/org, actor mentions",
    ),
    ("sentences", "kept blocks", "sentences, quotations"),
    ("events", "sentences, mentions, published", "Record.events"),
    (
        "statements",
        "sentences, mentions, events",
        "Record.statements",
    ),
    ("entities", "mentions in kept blocks", "Record.entities"),
    ("genre", "sentences", "Record.genre"),
    ("flags", "mentions, sentences, events", "Record.flags"),
    ("cluster", "all records of the batch", "Event.cluster_id"),
];

/// The day of a wire dateline in the first lines of `text` ("KYIV, Nov 7 (Reuters) -"),
/// resolved at or before `fallback` and within a year of it.
fn dateline_day(text: &str, fallback: NaiveDate) -> Option<NaiveDate> {
    static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?m)^[A-Z][A-Za-z'’.]+( [A-Z][A-Za-z'’.]+){0,2},[^\n]{2,60}? [—–-] ").unwrap()
    });
    let head = &text[..text::floor_boundary(text, text.len().min(600))];
    let m = DATELINE.find(head)?;
    sitrep_dates::find_dates(m.as_str(), Some(fallback))
        .into_iter()
        .filter(|d| d.precision == sitrep_model::DatePrecision::Day && d.kind == sitrep_dates::MentionKind::Point)
        .filter_map(|d| d.date)
        .find(|d| *d <= fallback && (fallback - *d).num_days() <= 366)
}

/// The extraction pipeline with its reference data loaded.
pub struct Pipeline {
    gazetteer: &'static Gazetteer,
    lexicon: &'static Lexicon,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

/// Text and metadata after the `html` stage.
struct Prepared {
    text: String,
    title: Option<String>,
    published_meta: Option<NaiveDate>,
    url: Option<String>,
    source: Option<String>,
}

fn prepare(doc: &Document) -> Prepared {
    match doc.format {
        Format::Text => Prepared {
            text: doc.raw.clone(),
            title: doc.title.clone(),
            published_meta: None,
            url: doc.url.clone(),
            source: doc.source.clone(),
        },
        Format::Html => {
            let art = sitrep_html::extract(&doc.raw);
            Prepared {
                text: art.body,
                title: doc.title.clone().or(art.title),
                published_meta: art.published,
                url: doc.url.clone().or(art.url),
                source: doc.source.clone().or(art.site_name),
            }
        }
    }
}

impl Pipeline {
    /// Loads the gazetteer and lexicons (once per process).
    pub fn new() -> Self {
        events::preload();
        Pipeline {
            gazetteer: Gazetteer::global(),
            lexicon: Lexicon::global(),
        }
    }

    /// The text every offset of a document points into (HTML: the extracted main text).
    pub fn text_of(&self, doc: &Document) -> String {
        prepare(doc).text
    }

    /// Run the mention stages on a text whose publication date is `published` (when known).
    pub fn analyse<'a>(&self, text: &'a str, published: Option<NaiveDate>) -> Analysis<'a> {
        self.analyse_with(text, published, None)
    }

    /// Run the mention stages. The publication date is `given` (metadata), else the article's
    /// header lines, else `fallback` (the caller's `--published`).
    pub fn analyse_with<'a>(
        &self,
        text: &'a str,
        given: Option<NaiveDate>,
        fallback: Option<NaiveDate>,
    ) -> Analysis<'a> {
        let header = sitrep_dates::published_from_text(text).or_else(|| header_date_line(text));
        // The caller's default applies to articles that carry no date; a wire dateline's
        // day ("KADUNA, Nigeria, March 7 (Reuters) -") is the article's own, in the year
        // that puts it at or before the default.
        let published = given
            .or(header.as_ref().map(|h| h.0))
            .or(fallback.map(|f| dateline_day(text, f).unwrap_or(f)));
        let cleaned = clean::clean(text, header.map(|h| h.1));
        let lex_scan = self.lexicon.scan(text);
        let first_entities = if published.is_none() {
            Some(self.lexicon.entities_in(&lex_scan, text, None))
        } else {
            None
        };
        // Without a publication date the dates are first found unresolved (to infer one);
        // that pass is reused when nothing could be inferred.
        let mut unresolved: Option<Vec<sitrep_dates::DateMention>> = None;
        // Tokenized once for both passes.
        let date_text = sitrep_dates::DateText::new(text);
        let inferred = first_entities
            .as_deref()
            .and_then(|e| self.undated_reference(&date_text, e, &mut unresolved));
        let reference = published.or(inferred);
        let mut a = Analysis {
            text,
            published,
            reference,
            reference_inferred: inferred.is_some(),
            sentences: text::sentences(text, &cleaned.blocks),
            quotes: analysis::quote_spans(text, &cleaned.blocks),
            dates: Vec::new(),
            places: Vec::new(),
            title_places: Vec::new(),
            entities: Vec::new(),
            actors: Vec::new(),
            cleaned,
        };
        let keep = |s: usize, e: usize| a.in_kept(s, e);
        let dates: Vec<_> = match (reference, unresolved) {
            (None, Some(found)) => found,
            _ => date_text.find_dates(reference),
        }
        .into_iter()
            .filter(|m| keep(m.start, m.end))
            .collect();
        // Entities depend on the reference only through role phrases: re-run only then.
        let entities = match first_entities {
            Some(e) if inferred.is_none() || !e.iter().any(|m| m.via_title) => e,
            _ => self.lexicon.entities_in(&lex_scan, text, reference),
        };
        let entities: Vec<_> = entities
            .into_iter()
            .filter(|m| keep(m.start, m.end))
            .collect();
        let title = a.cleaned.title.clone();
        let (places, title_places): (Vec<_>, Vec<_>) = self
            .gazetteer
            .find(text)
            .into_iter()
            .partition(|m| keep(m.start, m.end));
        let title_places: Vec<_> = title_places
            .into_iter()
            .filter(|m| title.as_ref().is_some_and(|t| t.start <= m.start && m.end <= t.end))
            .collect();
        let places: Vec<_> = places
            .into_iter()
            // A place inside a person's name is not a place mention.
            .filter(|p| {
                !entities
                    .iter()
                    .any(|e| e.kind == EntityKind::Person && e.start <= p.start && p.end <= e.end)
            })
            .collect();
        let actors: Vec<_> = self
            .lexicon
            .actors_from(&lex_scan, text)
            .into_iter()
            .filter(|m| keep(m.0, m.1))
            .collect();
        let (mut dates, mut entities, mut places, mut actors) = (dates, entities, places, actors);
        dates.sort_by_key(|m| (m.start, m.end));
        entities.sort_by_key(|m| (m.start, m.end));
        places.sort_by_key(|m| (m.start, m.end));
        actors.sort_by_key(|m| (m.0, m.1));
        a.dates = dates;
        a.entities = entities;
        a.places = places;
        a.title_places = title_places;
        a.actors = actors;
        a
    }

    /// The reference date of an article that states no publication date, whose year is a
    /// guess (events and statements dated from it carry `year_known: false`): the first
    /// day and month the text gives without a year ("MOSCOW, March 13. /TASS/.", "Overnight
    /// into September 14"), in the year the text supports: the last year every named office
    /// holder was in office, else the latest year the text writes, else the year of the
    /// most recent term of office of someone it names, else the year of the reference data.
    /// Without such a day and month, the office holders' bound alone (or `None`).
    fn undated_reference(
        &self,
        date_text: &sitrep_dates::DateText,
        entities: &[sitrep_lexicon::EntityMention],
        unresolved: &mut Option<Vec<sitrep_dates::DateMention>>,
    ) -> Option<NaiveDate> {
        use chrono::Datelike;
        let bound = self.infer_reference_from(entities);
        let mentions = unresolved.insert(date_text.find_dates(None));
        let anchor = mentions.iter().find_map(|m| {
            let v = m.value.strip_prefix("XXXX-")?;
            let (mo, d) = v.split_once('-')?;
            let weekday = sitrep_dates::named_weekday(&m.text);
            Some((mo.parse::<u32>().ok()?, d.parse::<u32>().ok()?, weekday))
        });
        let Some((month, day, weekday)) = anchor else {
            return bound;
        };
        let latest_start = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && !e.via_title)
            .flat_map(|e| self.lexicon.office_terms(&e.name).iter())
            .map(|t| t.0)
            .max();
        // The article is no older than its latest year and than the latest term of office
        // it names ("since 1991" says nothing against a minister appointed in 2024).
        let latest_year = mentions
            .iter()
            .filter(|m| m.explicit_year)
            .filter_map(|m| m.date.map(|d| d.year()))
            .max();
        let year = bound
            .map(|b| b.year())
            .or(match (latest_year, latest_start.map(|d| d.year())) {
                (Some(y), Some(t)) => Some(y.max(t)),
                (y, t) => y.or(t),
            })
            .or(self.lexicon.data_vintage().map(|d| d.year()))?;
        let mut date = NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(year, month, 28))?;
        // Within the office holders' bound.
        if bound.is_some_and(|b| date > b) {
            date = date.with_year(year - 1).unwrap_or(date);
        }
        // "Tuesday 30 July": the latest year, no later than the one chosen, in which the
        // day falls on the weekday named (a day and month recur on a weekday every 5–11
        // years, so the search is bounded). When the first date names no weekday, a later
        // one that does ("Overnight into 14 September ... on Wednesday, 13 September")
        // pins the year the same way.
        let pinned = match weekday {
            Some(wd) => Some((month, day, wd)),
            None => mentions.iter().find_map(|m| {
                let wd = sitrep_dates::named_weekday(&m.text)?;
                let v = m.value.strip_prefix("XXXX-")?;
                let (mo, d) = v.split_once('-')?;
                Some((mo.parse::<u32>().ok()?, d.parse::<u32>().ok()?, wd))
            }),
        };
        if let Some((mo, d, wd)) = pinned {
            let same_year = |y: i32| NaiveDate::from_ymd_opt(y, mo, d);
            if same_year(date.year()).is_some_and(|x| x.weekday() != wd) {
                if let Some(y) = (1..=11)
                    .map(|k| date.year() - k)
                    .find(|y| same_year(*y).is_some_and(|x| x.weekday() == wd))
                {
                    date = NaiveDate::from_ymd_opt(y, month, day)
                        .or_else(|| NaiveDate::from_ymd_opt(y, month, 28))
                        .unwrap_or(date);
                }
            }
        }
        Some(date)
    }

    /// A reference date for an article with no publication date: the last day on which
    /// every named office holder was in office (people named with no recorded office are
    /// ignored). `None` when nobody bounds it or some holder is still in office.
    pub fn infer_reference(&self, text: &str) -> Option<NaiveDate> {
        self.infer_reference_from(&self.lexicon.entities(text, None))
    }

    fn infer_reference_from(
        &self,
        entities: &[sitrep_lexicon::EntityMention],
    ) -> Option<NaiveDate> {
        let mut lo = NaiveDate::MIN;
        let mut hi = NaiveDate::MAX;
        let mut bounded = false;
        let mut seen: Vec<String> = Vec::new();
        for e in entities {
            // Role phrases ("the chief of US intelligence") are what the reference resolves: not evidence.
            if e.kind != EntityKind::Person || e.via_title || seen.contains(&e.name) {
                continue;
            }
            seen.push(e.name.clone());
            let terms = self.lexicon.office_terms(&e.name);
            let Some(from) = terms.iter().map(|t| t.0).min() else {
                continue;
            };
            let to = if terms.iter().any(|t| t.1.is_none()) {
                NaiveDate::MAX
            } else {
                terms.iter().filter_map(|t| t.1).max().unwrap()
            };
            lo = lo.max(from);
            hi = hi.min(to);
            bounded |= to != NaiveDate::MAX;
        }
        (bounded && lo < hi).then(|| hi.pred_opt().unwrap_or(hi))
    }

    /// Extract one record. `default_published` is used when the document carries no date.
    pub fn extract(&self, doc: &Document, default_published: Option<NaiveDate>) -> Record {
        let prep = prepare(doc);
        let given = doc
            .published
            .as_deref()
            .and_then(sitrep_dates::parse_date_str)
            .or(prep.published_meta);
        let text = prep.text.as_str();
        // The published date: metadata, else the article's header, else the caller's default.
        let a = self.analyse_with(text, given, default_published);
        let published = a.published;
        let title = prep
            .title
            .clone()
            .or_else(|| a.cleaned.title.clone().map(|r| text[r].trim().to_string()));
        let (events, conflicts, event_sentences) = events::extract(&a);
        let statements = statements::extract(&a, &event_sentences);
        let mut flags: Vec<Flag> = doc.flags.clone();
        for c in conflicts {
            flags.push(Flag {
                kind: "date_conflict".into(),
                evidence: c,
            });
        }
        flags.extend(foreign_flags(&a));
        for e in a.entities.iter().filter(|e| e.misspelled) {
            let ev = sentence_context(&a, e.start, e.end);
            if !flags
                .iter()
                .any(|f| f.kind == "misspelling" && f.evidence == ev)
            {
                flags.push(Flag {
                    kind: "misspelling".into(),
                    evidence: ev,
                });
            }
        }
        let (mut events, mut statements) = (events, statements);
        if a.reference_inferred {
            for e in events.iter_mut().filter(|e| e.date.is_some()) {
                e.year_known = Some(false);
            }
            for s in statements.iter_mut().filter(|s| s.date.is_some()) {
                s.year_known = Some(false);
            }
        }
        let entities = entity_lists(&a, &events);
        Record {
            doc: doc.doc.clone(),
            published: published.map(|d| d.format("%Y-%m-%d").to_string()),
            genre: genre(&a),
            title,
            url: prep.url,
            source: prep.source,
            body: a.cleaned.body(text),
            events,
            statements,
            entities,
            flags,
        }
    }
}

/// Words a header date line may hold besides the date: clock zones, update labels.
const HEADER_WORDS: &[&str] = &[
    "am", "pm", "a", "m", "p", "gmt", "utc", "est", "edt", "cet", "cest", "eet", "eest", "bst",
    "msk", "jst", "ist", "pst", "pdt", "cst", "cdt", "local", "time", "updated", "update",
    "published", "posted", "modified", "last", "on", "at", "ago", "hours", "hour", "minutes",
    "minute", "min", "mins", "seconds", "days", "day", "read", "th", "st", "nd", "rd",
];

/// A short line before the first paragraph that is a full date ("November 7, 2024 10:45 AM
/// GMT+2 Updated 2 hours ago"): the publication date, and the line's span.
fn header_date_line(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    let mut pos = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = pos;
        pos += line.len();
        let t = line.trim();
        if n >= 8 || t.split_whitespace().count() >= 20 {
            break;
        }
        if t.is_empty() || t.split_whitespace().count() > 14 {
            continue;
        }
        let found = sitrep_dates::find_dates(t, None).into_iter().find(|m| {
            m.explicit_year
                && m.precision == sitrep_model::DatePrecision::Day
                && m.kind == sitrep_dates::MentionKind::Point
        });
        // The date must be what the line is: a sentence that opens with a date ("On 17 May
        // 2023, Russian forces shelled ...") is the article's first line, not its header.
        let date_line = found.as_ref().is_some_and(|m| {
            let rest = format!("{} {}", &t[..m.start], &t[m.end..]);
            rest.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty() && !HEADER_WORDS.contains(&w.to_lowercase().as_str()))
                .count()
                <= 3
        });
        if !date_line {
            continue;
        }
        if let Some(d) = found.and_then(|m| m.date) {
            let lead = line.len() - line.trim_start().len();
            return Some((d, start + lead..start + lead + t.len()));
        }
    }
    None
}

/// A few words around a mention, for flag evidence.
fn sentence_context(a: &Analysis, start: usize, end: usize) -> String {
    let s = a
        .sentences
        .iter()
        .find(|s| s.range.start <= start && end <= s.range.end);
    match s {
        Some(s) => {
            // From three words before to one word after the mention, inside the sentence.
            let pre = &a.text[s.range.start..start];
            let back: usize = pre
                .split_whitespace()
                .rev()
                .take(3)
                .map(|w| w.len() + 1)
                .sum();
            let from = text::ceil_boundary(a.text, start.saturating_sub(back).max(s.range.start));
            let post = &a.text[end..s.range.end];
            let fwd = post
                .split_whitespace()
                .next()
                .map(|w| post.find(w).unwrap() + w.len())
                .unwrap_or(0);
            a.text[from..end + fwd].trim().to_string()
        }
        None => a.text[start..end].to_string(),
    }
}

fn foreign_flags(a: &Analysis) -> Vec<Flag> {
    // The body's language: the language most of its text is in (`None` = English).
    let mut weight: Vec<(Option<&'static str>, usize)> = Vec::new();
    let block_langs: Vec<Option<&'static str>> = a
        .cleaned
        .blocks
        .iter()
        .map(|b| lang::foreign_language(a.text[b.range.clone()].trim()))
        .collect();
    for (b, l) in a.cleaned.blocks.iter().zip(&block_langs) {
        match weight.iter_mut().find(|(x, _)| x == l) {
            Some((_, w)) => *w += b.range.len(),
            None => weight.push((*l, b.range.len())),
        }
    }
    let body_lang = weight.iter().max_by_key(|(_, w)| *w).and_then(|(l, _)| *l);
    if body_lang.is_some() {
        // A body in another language than English: passages are not "foreign" to it, and
        // English passages inside it are not detected by the function-word profile.
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut seen: Vec<std::ops::Range<usize>> = Vec::new();
    // Quotations one by one (a French quote inside an English paragraph), then whole
    // paragraphs (a paragraph left in another language).
    let spans = a.quotes.iter().map(|q| (q.clone(), None)).chain(
        a.cleaned
            .blocks
            .iter()
            .zip(&block_langs)
            .map(|(b, l)| (b.range.clone(), Some(*l))),
    );
    for (r, known) in spans {
        if seen.iter().any(|s| s.start <= r.start && r.end <= s.end) {
            continue;
        }
        let t = a.text[r.clone()]
            .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '«' | '»') || c.is_whitespace());
        let l = match known {
            Some(l) => l,
            None => lang::foreign_language(t),
        };
        if l.is_some() {
            seen.push(r.clone());
            out.push(Flag {
                kind: "foreign_language".into(),
                evidence: t.to_string(),
            });
        }
    }
    out
}

/// Report or opinion: argumentative cues against attribution cues, outside quotations.
fn genre(a: &Analysis) -> Genre {
    // A label the outlet gives the piece ("Opinion: Europe must…", "Editorial |", "Op-ed —")
    // in its title or first line settles it.
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\W{0,3}(opinion|op-ed|oped|commentary|editorial|guest column|column|perspective|viewpoint|comment is free)\s*[:|—–-]").unwrap()
    });
    let first = a
        .cleaned
        .title
        .clone()
        .or_else(|| a.cleaned.blocks.first().map(|b| b.range.clone()));
    if first.is_some_and(|r| LABEL.is_match(&a.text[r])) {
        return Genre::Opinion;
    }
    let (mut op, mut rep, mut n) = (0usize, 0usize, 0usize);
    static GENRE_CUES: std::sync::LazyLock<cues::Cue> =
        std::sync::LazyLock::new(|| cues::cues_together(&["opinion", "report"]));
    for b in &a.cleaned.blocks {
        let t = &a.text[b.range.clone()];
        for m in GENRE_CUES.find_iter(t) {
            if !a.in_quote(b.range.start + m.start()) {
                if m.pattern() == 0 {
                    op += 1;
                } else {
                    rep += 1;
                }
            }
        }
    }
    for s in a
        .sentences
        .iter()
        .filter(|s| !s.heading && !a.in_quote(s.range.start + 1))
    {
        n += 1;
        // Rhetorical questions.
        if a.text[s.range.clone()].trim_end().ends_with('?') {
            op += 1;
        }
    }
    if n == 0 {
        return Genre::Report;
    }
    // Opinion: argumentative cues are dense and outweigh attribution.
    if op * 10 >= n * 3 && op > rep {
        Genre::Opinion
    } else {
        Genre::Report
    }
}

fn entity_lists(a: &Analysis, events: &[Event]) -> Entities {
    let mut ent = Entities::default();
    let push = |v: &mut Vec<String>, s: &str| {
        if !v.iter().any(|x| x == s) {
            v.push(s.to_string());
        }
    };
    for e in &a.entities {
        match e.kind {
            EntityKind::Person => push(&mut ent.people, &e.name),
            EntityKind::Org => push(&mut ent.orgs, &e.name),
        }
    }
    for p in &a.places {
        if p.kind != PlaceKind::Continent || p.confidence >= 0.5 {
            push(&mut ent.places, &p.location.name);
        }
    }
    // Places the gazetteer does not know that an event happened at (no coordinates).
    for l in events.iter().filter_map(|e| e.location.as_ref()) {
        if l.lat.is_none() && !l.name.is_empty() {
            push(&mut ent.places, &l.name);
        }
    }
    ent
}

/// Extract a batch and assign cluster ids across it.
pub fn extract_batch(
    p: &Pipeline,
    docs: &[Document],
    default_published: Option<NaiveDate>,
) -> Vec<Record> {
    let mut recs: Vec<Record> = docs
        .iter()
        .map(|d| p.extract(d, default_published))
        .collect();
    cluster::assign(&mut recs);
    recs
}
