//! The per-document analysis every stage reads: text, kept blocks, sentences and
//! the mentions found by the reference-data stages (dates, places, entities, actors).

use crate::clean::Cleaned;
use crate::text::Sentence;
use chrono::NaiveDate;
use sitrep_dates::DateMention;
use sitrep_gazetteer::PlaceMention;
use sitrep_lexicon::EntityMention;
use std::ops::Range;

pub struct Analysis<'a> {
    /// The original text every offset points into.
    pub text: &'a str,
    pub published: Option<NaiveDate>,
    /// The date relative expressions resolve against: the publication date, else one
    /// inferred from the terms of office of the people named (`reference_inferred`).
    pub reference: Option<NaiveDate>,
    pub reference_inferred: bool,
    pub cleaned: Cleaned,
    pub sentences: Vec<Sentence>,
    /// Mentions inside kept blocks only.
    pub dates: Vec<DateMention>,
    pub places: Vec<PlaceMention>,
    pub entities: Vec<EntityMention>,
    /// (start, end, canonical actor)
    pub actors: Vec<(usize, usize, String)>,
    /// Byte ranges inside quotation marks.
    pub quotes: Vec<Range<usize>>,
}

impl<'a> Analysis<'a> {
    pub fn in_kept(&self, start: usize, end: usize) -> bool {
        // Blocks are in text order: the candidate is the last block starting at or before `start`.
        let i = self
            .cleaned
            .blocks
            .partition_point(|b| b.range.start <= start);
        i > 0 && end <= self.cleaned.blocks[i - 1].range.end
    }
    // Mention lists are sorted by start (`Pipeline::analyse` sorts them), so a range
    // lookup is a binary search plus a short scan.
    pub fn places_in(&self, r: &Range<usize>) -> impl Iterator<Item = &PlaceMention> {
        let i = self.places.partition_point(|p| p.start < r.start);
        let end = r.end;
        self.places[i..]
            .iter()
            .take_while(move |p| p.start < end)
            .filter(move |p| p.end <= end)
    }
    pub fn dates_in(&self, r: &Range<usize>) -> impl Iterator<Item = &DateMention> {
        let i = self.dates.partition_point(|d| d.start < r.start);
        let end = r.end;
        self.dates[i..]
            .iter()
            .take_while(move |d| d.start < end)
            .filter(move |d| d.end <= end)
    }
    pub fn entities_in(&self, r: &Range<usize>) -> impl Iterator<Item = &EntityMention> {
        let i = self.entities.partition_point(|e| e.start < r.start);
        let end = r.end;
        self.entities[i..]
            .iter()
            .take_while(move |e| e.start < end)
            .filter(move |e| e.end <= end)
    }
    pub fn actors_in(&self, r: &Range<usize>) -> impl Iterator<Item = &(usize, usize, String)> {
        let i = self.actors.partition_point(|a| a.0 < r.start);
        let end = r.end;
        self.actors[i..]
            .iter()
            .take_while(move |a| a.0 < end)
            .filter(move |a| a.1 <= end)
    }
    pub fn in_quote(&self, pos: usize) -> bool {
        self.quotes.iter().any(|q| q.start < pos && pos < q.end)
    }
    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        &self.text[r.clone()]
    }
}

/// Byte ranges between matching quotation marks (“…”, "…", «…»), paragraph by paragraph.
pub fn quote_spans(text: &str, blocks: &[crate::clean::Block]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for b in blocks {
        let s = &text[b.range.clone()];
        let mut open: Option<usize> = None;
        for (i, c) in s.char_indices() {
            match c {
                '“' | '«' => open = Some(i),
                '”' | '»' => {
                    if let Some(o) = open.take() {
                        out.push(b.range.start + o..b.range.start + i + c.len_utf8());
                    }
                }
                '"' => match open.take() {
                    Some(o) => out.push(b.range.start + o..b.range.start + i + 1),
                    None => open = Some(i),
                },
                _ => {}
            }
        }
        // A quote left open runs to the end of its paragraph (multi-paragraph quotes).
        if let Some(o) = open {
            out.push(b.range.start + o..b.range.end);
        }
    }
    out
}

/// Split a sentence into clauses at coordinating and relative boundaries.
pub fn clauses(text: &str, s: &Range<usize>) -> Vec<Range<usize>> {
    use regex::Regex;
    use std::sync::LazyLock;
    static B: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(;|, (?:and|but) [a-z]|, (?:[Bb]ut|[Ww]hile|[Ww]hereas|[Tt]hough|[Aa]lthough|which|where|as|after|before|when|resulting in|killing|injuring|leaving)\b| (?:and|but) (?:then |also )?(?:the |a |an )?(?:\w+ ){0,3}(?:was|were|had|has|have)\b| \((?:where|which) )").unwrap()
    });
    let t = &text[s.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for m in B.find_iter(t) {
        if m.start() > start {
            out.push(s.start + start..s.start + m.start());
        }
        start = m.start();
    }
    out.push(s.start + start..s.end);
    out.retain(|r| r.end > r.start);
    out
}
