//! The view model: a checked outline laid out for renderers, one tree shared by every format.
//!
//! Templates only lay out what this holds. Text here is whitespace-collapsed but not escaped:
//! escaping belongs to each format's escaper.

use std::collections::BTreeMap;

use crate::check::Checked;
use crate::check::Found;
use crate::outline::inline::{self, Marked};
use crate::outline::style::CitationStyle;
use crate::outline::{Citation, OutlineFile, Section};
use crate::render::citations::{self, Place, Span, Styled};
use crate::sources::{Source, SourceSet};
use crate::text::whitespace::{collapse, fold};
use serde_saphyr::Spanned;

/// A briefing ready to lay out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Briefing {
    /// The title.
    pub title: String,
    /// The line under the title.
    pub subtitle: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When, as the outline gives it.
    pub date: Option<String>,
    /// The summary, each quotation in it followed by its note.
    pub summary: Option<Vec<Segment>>,
    /// Headings, paragraphs and quotations in reading order.
    pub blocks: Vec<Block>,
    /// One note per citation, numbered from 1 in reading order.
    pub notes: Vec<Note>,
    /// The cited sources, by id.
    pub sources: Vec<SourceEntry>,
    /// How many quotations were verified (citations and inline quotations).
    pub verified: usize,
    /// The version of `report` that verified them.
    pub version: &'static str,
    /// The citation style's name.
    pub style: String,
    /// For a draft (`render --draft`): how many quotations are not verified.
    pub draft: Option<Draft>,
}

impl Briefing {
    /// The quotations verified, counted: `1 quotation`, `34 quotations`.
    pub fn quotations(&self) -> String {
        match self.verified {
            1 => "1 quotation".into(),
            n => format!("{n} quotations"),
        }
    }

    /// The verb for [`Briefing::verified`] quotations: `was` for one, else `were`.
    pub fn were(&self) -> &'static str {
        match self.verified {
            1 => "was",
            _ => "were",
        }
    }

    /// The verification statement's opening: every quotation, and that it was found.
    pub fn all_found(&self) -> String {
        match self.verified {
            1 => "The quotation in this briefing was found verbatim in its source".into(),
            n => {
                format!("All {n} quotations in this briefing were found verbatim in their sources")
            }
        }
    }
}

/// What a draft tells its reader on every page or screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Quotations whose check found something.
    pub unverified: usize,
    /// Findings about anything else (a paragraph that cites nothing).
    pub other: usize,
}

impl Draft {
    /// The banner: `DRAFT — 3 quotations not verified`, or that every one is.
    pub fn banner(&self) -> String {
        let mut banner = match self.unverified {
            0 => "DRAFT — every quotation verified".to_owned(),
            1 => "DRAFT — 1 quotation not verified".to_owned(),
            n => format!("DRAFT — {n} quotations not verified"),
        };
        match self.other {
            0 => {}
            1 => banner.push_str("; 1 other finding"),
            n => banner.push_str(&format!("; {n} other findings")),
        }
        banner
    }
}

/// Why a quotation of a draft is not verified: its finding's code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The finding's code (`quote-not-found`).
    pub code: String,
    /// Its message, on one line.
    pub reason: String,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading; `depth` 1 for top-level sections.
    Heading {
        /// Nesting depth, from 1.
        depth: usize,
        /// The heading text.
        text: String,
    },
    /// The writer's paragraph, with the numbers of its notes.
    Paragraph {
        /// The text, each quotation in it followed by its note.
        text: Vec<Segment>,
        /// The numbers of the notes of its citations.
        notes: Vec<usize>,
    },
    /// A block quotation, with the number of its note.
    Quotation {
        /// The quoted words, as the outline gives them.
        text: String,
        /// Note number.
        note: usize,
    },
}

impl Block {
    /// Whether a paragraph's text ends with a quotation's note, so that a note after it
    /// needs setting apart.
    pub fn ends_with_note(&self) -> bool {
        match self {
            Block::Paragraph { text, .. } => text.last().is_some_and(|s| s.note.is_some()),
            _ => false,
        }
    }
}

/// A run of the writer's text, and the note of the quotation it ends with, if it ends with
/// one: each quotation a reader sees is attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text, whitespace runs as one space.
    pub text: String,
    /// The number of the note of the quotation that ends it.
    pub note: Option<usize>,
}

/// A note: the exact words quoted and where they stand in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The note's number.
    pub number: usize,
    /// The quote, as written in the outline.
    pub quote: String,
    /// The cited source's id.
    pub source_id: String,
    /// The source's title.
    pub title: String,
    /// Author, publisher and publication date, joined, when the catalog gives any.
    pub credit: Option<String>,
    /// The line of the source the quote starts on.
    pub line: usize,
    /// Where the quote stands in the source's text, in bytes, when it was verified.
    pub bytes: Option<std::ops::Range<usize>>,
    /// Where in the source it is (`p. 12`, `pp. 12–13`, `para. 4`), for a source with pages
    /// or counted paragraphs: shown instead of the line.
    pub locator: Option<String>,
    /// The heading of a web page the quote is under, unless it is the page's title.
    pub heading: Option<String>,
    /// The citation, as the style formats it, with the quote's place.
    pub citation: Styled,
    /// Whether it is the note of a block quotation, which shows the quote already.
    pub block: bool,
    /// In a draft, why the quotation is not verified, when it is not.
    pub flag: Option<Flag>,
}

/// A cited source, for the list of sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// The id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Author, publisher and publication date, joined.
    pub credit: Option<String>,
    /// Where it can be found.
    pub url: Option<String>,
    /// Whether `url` may become a link: only an `http(s)` address that parses does, so a
    /// catalog cannot put a `javascript:` or `file:` link in the briefing.
    pub linkable: bool,
    /// When the copy was taken.
    pub accessed: Option<String>,
    /// The file checked against, as a path relative to the outline's folder.
    pub file: String,
    /// The first 12 hex digits of the file's SHA-256.
    pub sha256_short: String,
    /// How many citations quote it.
    pub citations: usize,
    /// Its entry in the list of sources, as the style formats it.
    pub reference: Styled,
}

impl Briefing {
    /// Author and date, joined: `Research desk · 2023-12-15`.
    pub fn byline(&self) -> Option<String> {
        join([self.author.as_deref(), self.date.as_deref()], " · ")
    }

    /// Lays out `file`, whose quotes `checked` verified against `sources`, its citations
    /// formatted in `style`; an error if formatting them takes too long. A `draft` lays out
    /// the quotations not verified too, each flagged with its finding.
    pub fn new(
        file: &OutlineFile,
        sources: &SourceSet,
        checked: &Checked,
        style: &CitationStyle,
        draft: bool,
    ) -> Result<Self, crate::error::Error> {
        let outline = &file.outline;
        let mut builder = Builder {
            file,
            sources,
            checked,
            draft,
            blocks: Vec::new(),
            notes: Vec::new(),
            places: Vec::new(),
        };
        let summary = outline.summary.as_ref().map(|s| builder.segments(s));
        builder.sections(&outline.sections, 1);
        let cited = citations::cite(style, &sources.cited, &builder.places)?;
        let mut notes = builder.notes;
        for (note, citation) in notes.iter_mut().zip(cited.notes) {
            note.citation = match citations::plain(&citation).trim().is_empty() {
                true => fallback_citation(note),
                false => citation,
            };
        }
        let mut entries = source_entries(file, sources, &notes);
        // In the style's order; a source the style lists nothing for keeps its place after.
        let order: BTreeMap<&str, usize> = (cited.bibliography.iter().enumerate())
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        entries.sort_by_key(|e| order.get(e.id.as_str()).copied().unwrap_or(usize::MAX));
        let mut references: BTreeMap<String, Styled> = cited.bibliography.into_iter().collect();
        for entry in &mut entries {
            let styled = references.remove(&entry.id).unwrap_or_default();
            entry.reference = match citations::plain(&styled).trim().is_empty() {
                true => fallback_reference(entry),
                false => styled,
            };
            // An address the style was not given (not a web address) is shown as text.
            if let Some(url) = entry.url.as_ref().filter(|_| !entry.linkable) {
                entry.reference.push(Span {
                    text: format!(" {url}."),
                    ..Span::default()
                });
            }
        }
        Ok(Self {
            title: collapse(&outline.title),
            subtitle: outline.subtitle.as_deref().map(collapse),
            author: outline.author.as_deref().map(collapse),
            date: outline.date.as_deref().map(collapse),
            summary,
            sources: entries,
            blocks: builder.blocks,
            notes,
            verified: checked.stats.verified,
            version: env!("CARGO_PKG_VERSION"),
            style: style.name.clone(),
            draft: draft.then(|| {
                let quotes = checked
                    .findings
                    .iter()
                    .filter(|f| f.quote.is_some())
                    .count();
                Draft {
                    unverified: quotes,
                    other: checked.findings.len() - quotes,
                }
            }),
        })
    }
}

/// A note where the style gives nothing: the source's title in italics, then its details and
/// the quote's place.
fn fallback_citation(note: &Note) -> Styled {
    let place = match (&note.locator, note.bytes.is_some()) {
        (Some(locator), _) => format!(", {locator}"),
        (None, true) => format!(", line {}", note.line),
        // Not placed (a draft's quotation not verified): no place is claimed.
        (None, false) => String::new(),
    };
    let credit = note
        .credit
        .as_deref()
        .map_or(String::new(), |c| format!(", {c}"));
    vec![
        Span {
            text: note.title.clone(),
            italic: true,
            ..Span::default()
        },
        Span {
            text: format!("{credit}{place}."),
            ..Span::default()
        },
    ]
}

/// A source's entry where the style gives none: its title in italics, then its details.
fn fallback_reference(entry: &SourceEntry) -> Styled {
    let mut styled = vec![Span {
        text: entry.title.clone(),
        italic: true,
        ..Span::default()
    }];
    let web = entry.url.as_deref().filter(|_| entry.linkable);
    let rest = join([entry.credit.as_deref(), web], ". ");
    styled.push(Span {
        text: rest.map_or_else(|| ".".to_owned(), |r| format!(". {r}.")),
        ..Span::default()
    });
    styled
}

struct Builder<'a> {
    file: &'a OutlineFile,
    sources: &'a SourceSet,
    checked: &'a Checked,
    /// Whether quotations not verified are laid out too, flagged.
    draft: bool,
    blocks: Vec<Block>,
    notes: Vec<Note>,
    /// Each note's source and place, for the style.
    places: Vec<(String, Place)>,
}

impl Builder<'_> {
    fn sections(&mut self, sections: &[Section], depth: usize) {
        for section in sections {
            self.blocks.push(Block::Heading {
                depth,
                text: collapse(&section.heading),
            });
            for paragraph in &section.paragraphs {
                let p = &paragraph.value;
                let block = match (&p.text, &p.quote) {
                    (_, Some(quote)) => Block::Quotation {
                        text: collapse(&quote.quote.value),
                        note: self.note(quote, true),
                    },
                    (text, None) => Block::Paragraph {
                        text: text.as_ref().map(|t| self.segments(t)).unwrap_or_default(),
                        notes: p.cite.0.iter().map(|c| self.note(c, false)).collect(),
                    },
                };
                self.blocks.push(block);
            }
            self.sections(&section.sections, depth + 1);
        }
    }

    /// `text` cut after each of its quotations, each with a note naming where the check found
    /// it (a quotation it did not place has none).
    fn segments(&mut self, text: &Spanned<String>) -> Vec<Segment> {
        let value = &text.value;
        let start = self.file.place(text).bytes.start;
        let mut cuts: Vec<(usize, Option<usize>)> = Vec::new();
        for marked in inline::quotations(value, self.file.outline.quote_marks()) {
            let Marked::Quote(quote) = marked else {
                continue;
            };
            let checked = self.checked;
            let words = collapse(&value[quote.words.clone()]);
            let note = match checked.inline.get(&(start, quote.marked.start)) {
                Some(found) => self.note_at(&found.source, words, Some(found), false, None),
                // A draft flags the quotation where it stands, with the finding about it.
                None if self.draft => {
                    let span = self.file.place(text).bytes;
                    let written = &value[quote.words.clone()];
                    let finding = (self.checked.findings.iter()).find(|f| {
                        span.contains(&f.place.bytes.start)
                            && f.quote
                                .as_deref()
                                .is_some_and(|q| collapse(q) == collapse(written))
                    });
                    let source = finding.and_then(|f| f.source.clone()).unwrap_or_default();
                    self.note_at(&source, words, None, false, Some(flag(finding)))
                }
                None => continue,
            };
            cuts.push((quote.marked.end, Some(note)));
        }
        cuts.push((value.len(), None));
        let mut segments = Vec::with_capacity(cuts.len());
        let mut from = 0;
        for (to, note) in cuts {
            let mut text = fold(&value[from..to]);
            let after_space = segments
                .last()
                .is_some_and(|s: &Segment| s.text.ends_with(' '));
            if text.trim_matches(' ').is_empty() {
                text.clear();
            }
            if from == 0 || after_space {
                text = text.trim_start_matches(' ').to_owned();
            }
            if to == value.len() {
                text = text.trim_end_matches(' ').to_owned();
            }
            if !text.is_empty() || note.is_some() {
                segments.push(Segment { text, note });
            }
            from = to;
        }
        segments
    }

    /// Adds the note of `citation`, of a block quotation if `block`; its number.
    fn note(&mut self, citation: &Citation, block: bool) -> usize {
        let found = self.checked.found(citation.id);
        let quote = collapse(&citation.quote.value);
        // A citation not verified has a finding at its quote or its source id.
        let flag = (self.draft && found.is_none()).then(|| {
            let (a, b) = (
                self.file.place(&citation.source),
                self.file.place(&citation.quote),
            );
            let span = a.bytes.start.min(b.bytes.start)..a.bytes.end.max(b.bytes.end);
            let finding = (self.checked.findings.iter())
                .find(|f| span.contains(&f.place.bytes.start) || f.place.at == b.at);
            flag(finding)
        });
        self.note_at(&citation.source.value, quote, found, block, flag)
    }

    /// Adds the note of `quote`, from the source `id`, found there at `found`; its number.
    fn note_at(
        &mut self,
        id: &str,
        quote: String,
        found: Option<&Found>,
        block: bool,
        flag: Option<Flag>,
    ) -> usize {
        let number = self.notes.len() + 1;
        let source = self.sources.cited.get(id);
        let title = source.map_or_else(|| id.to_owned(), |s| collapse(s.title()));
        let line = found.map_or(0, |f| f.at.line);
        let place = match found.map(|f| (f.pages, f.paragraphs)) {
            Some((Some(pages), _)) => Place::Pages(range(pages)),
            Some((None, Some((a, b)))) => Place::Paragraphs(range((a as i64, b as i64))),
            Some(_) => Place::Line(line),
            None => Place::Unknown,
        };
        self.places.push((id.to_owned(), place));
        self.notes.push(Note {
            number,
            quote,
            source_id: id.to_owned(),
            credit: source.and_then(credit),
            line,
            bytes: found.map(|f| f.bytes.clone()),
            locator: found.and_then(|f| locator(f, &title)),
            heading: (found.and_then(|f| f.heading.as_deref()))
                .filter(|h| *h != title)
                .map(collapse),
            citation: Styled::new(),
            block,
            title,
            flag,
        });
        number
    }
}

/// The flag of a quotation not verified, from the finding about it.
fn flag(finding: Option<&crate::check::finding::Finding>) -> Flag {
    match finding {
        Some(f) => Flag {
            code: f.code.as_str().to_owned(),
            reason: collapse(&f.message),
        },
        None => Flag {
            code: "not-verified".to_owned(),
            reason: "the check did not verify this quotation".to_owned(),
        },
    }
}

/// `12` or `12–13`.
fn range((first, last): (i64, i64)) -> String {
    match first == last {
        true => first.to_string(),
        false => format!("{first}–{last}"),
    }
}

/// Where a verified quote stands, as a note says it: its pages, else its paragraphs and the
/// heading they are under (unless that is the title the note already names).
fn locator(found: &crate::check::Found, title: &str) -> Option<String> {
    use crate::check::{Unit, locator_text};
    match (found.pages, found.paragraphs) {
        (Some(pages), _) => Some(locator_text(Unit::Page, pages)),
        (None, Some((a, b))) => {
            let paragraphs = locator_text(Unit::Paragraph, (a as i64, b as i64));
            Some(match found.heading.as_deref().filter(|h| *h != title) {
                Some(heading) => format!("under “{heading}”, {paragraphs}"),
                None => paragraphs,
            })
        }
        (None, None) => None,
    }
}

fn source_entries(file: &OutlineFile, sources: &SourceSet, notes: &[Note]) -> Vec<SourceEntry> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for note in notes {
        *counts.entry(note.source_id.as_str()).or_default() += 1;
    }
    let base = file.path.parent().unwrap_or(std::path::Path::new(""));
    sources
        .cited
        .values()
        .map(|s| SourceEntry {
            id: s.id.clone(),
            title: collapse(s.title()),
            credit: credit(s),
            url: s.meta.url.clone(),
            linkable: citations::web_url(s.meta.url.as_deref()).is_some(),
            accessed: s.meta.accessed.clone(),
            file: s
                .path
                .strip_prefix(base)
                .unwrap_or(&s.path)
                .display()
                .to_string(),
            sha256_short: s.sha256.as_deref().map_or("", |h| &h[..12]).to_owned(),
            citations: counts.get(s.id.as_str()).copied().unwrap_or(0),
            reference: Styled::new(),
        })
        .collect()
}

fn credit(source: &Source) -> Option<String> {
    let m = &source.meta;
    join(
        [
            m.author.as_deref(),
            m.publisher.as_deref(),
            m.published.as_deref(),
        ],
        ", ",
    )
}

fn join<const N: usize>(parts: [Option<&str>; N], separator: &str) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(separator))
}
