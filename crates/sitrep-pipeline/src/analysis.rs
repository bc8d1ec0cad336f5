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
    /// Places named in the title (outside the kept blocks): the story's place when the
    /// body refers to it only as "the city".
    pub title_places: Vec<PlaceMention>,
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
    /// Inside a quotation of speech: a quoted span of four words or more. Shorter quotes
    /// are scare quotes around a word the writer attributes ("had 'liberated' the town").
    pub fn in_speech(&self, pos: usize) -> bool {
        self.quotes.iter().any(|q| {
            q.start < pos && pos < q.end && self.text[q.clone()].split_whitespace().nth(3).is_some()
        })
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
        let bytes = s.as_bytes();
        let mut open: Option<usize> = None;
        // Only quote marks matter: jump to `"` and to the lead bytes of “ ” « »
        // (E2 80 9C/9D, C2 AB/BB) instead of decoding every character.
        for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
            let c = match &bytes[i..] {
                [b'"', ..] => '"',
                [0xE2, 0x80, 0x9C, ..] => '“',
                [0xE2, 0x80, 0x9D, ..] => '”',
                [0xC2, 0xAB, ..] => '«',
                [0xC2, 0xBB, ..] => '»',
                _ => continue,
            };
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

#[cfg(test)]
mod tests {
    use super::quote_spans;
    use crate::clean::{Block, BlockKind};

    /// The quote finder that decoded every character, as the reference.
    fn reference(text: &str, blocks: &[Block]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        for b in blocks {
            let mut open: Option<usize> = None;
            for (i, c) in text[b.range.clone()].char_indices() {
                let at = b.range.start + i;
                match c {
                    '“' | '«' => open = Some(at),
                    '”' | '»' => {
                        if let Some(o) = open.take() {
                            out.push(o..at + c.len_utf8());
                        }
                    }
                    '"' => match open.take() {
                        Some(o) => out.push(o..at + 1),
                        None => open = Some(at),
                    },
                    _ => {}
                }
            }
            if let Some(o) = open {
                out.push(o..b.range.end);
            }
        }
        out
    }

    /// Jumping between quote marks finds what decoding every character finds,
    /// next to other characters that share their lead bytes (— ’ … ¬ °).
    #[test]
    fn quote_marks_found_by_byte_search_as_by_decoding() {
        let paragraphs = [
            "He said “we will — never’ give up” and left…",
            "«Це наша земля», — сказав він. \"Plain\" and “unclosed",
            "No quotes at all: 5° ¬ ± µ — – ‘single’.",
            "\"a\" \"b\" \"c",
            "» stray closer “nested «inner» outer” end",
        ];
        let text = paragraphs.join("\n\n");
        let mut blocks = Vec::new();
        let mut pos = 0;
        for p in paragraphs {
            blocks.push(Block {
                range: pos..pos + p.len(),
                kind: BlockKind::Paragraph,
            });
            pos += p.len() + 2;
        }
        let got = quote_spans(&text, &blocks);
        assert_eq!(got, reference(&text, &blocks));
        assert!(got.len() >= 8, "{got:?}");
    }
}
