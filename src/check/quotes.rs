//! The quotes of one outline: one walk of the outline into the questions its quotes ask of
//! their sources ([`walk`]), and each quote's verdict from the answers
//! ([`Questions::decide`]).
//!
//! Checking never fails: a quote that is not found is a [`Finding`], not an error. Quotes
//! not found are handed to [`crate::check::explain`], which says what the sources have instead.

use std::ops::Range;

use serde_saphyr::Spanned;

use crate::check::checked::{CheckOptions, Checked, Found};
use crate::check::explain::Unverified;
use crate::check::finding::{Code, Finding};
use crate::matching::alteration::{self, Reading, Refusal, readings};
use crate::matching::pattern::{Fragments, Miss, Unsearchable};
use crate::outline::inline::{self, InlineQuote, Marked};
use crate::outline::quoting::{Kind, Profile};
use crate::outline::{Citation, CitationId, OutlineFile, Place};
use crate::search::{Answers, Plan};
use crate::sources::SourceSet;
use crate::text::excerpt::excerpt;

/// An outline walked once: what is wrong whatever the sources say (an unknown source, an
/// empty quote, an unclosed quotation mark), the counts, and every quote to look up, in
/// reading order.
#[derive(Debug)]
pub(crate) struct Questions {
    checked: Checked,
    asks: Vec<Ask>,
    /// The alterations the outline's quotes may make.
    profile: Profile,
}

/// A quote to look up, and what to do with the answer.
#[derive(Debug)]
enum Ask {
    /// A citation: verified if its one source has the quote.
    Cited {
        id: CitationId,
        place: Place,
        source: String,
        quote: String,
        /// The ways to read the quote, in the order they are tried; the last is the one
        /// explained if none holds.
        readings: Vec<Reading>,
        /// The pages or paragraphs the citation states, and where it states them (few
        /// citations state any: kept out of line, so that a run of many quotes stays small).
        stated: Vec<(Unit, i64, Place)>,
    },
    /// A quotation in running text: verified if any of `ids` has the words, or has them
    /// without a closing comma or period that American style puts inside.
    Inline {
        place: Place,
        /// Where the text's value starts in the file, and the quotation in the value.
        key: (usize, usize),
        words: String,
        /// The ways to read the words, then the words trimmed, in the order they are tried.
        readings: Vec<Reading>,
        /// How many of the readings are of the words as written (the rest are of the words
        /// trimmed): one of them is explained if none holds.
        explained: usize,
        ids: Vec<String>,
    },
}

/// Walks `file` once: records every quote to look up in `sources`, and every finding that
/// needs no source. The answers come later ([`Questions::decide`]).
pub(crate) fn walk(file: &OutlineFile, sources: &SourceSet, options: &CheckOptions) -> Questions {
    let mut run = Run {
        file,
        sources,
        checked: Checked::default(),
        asks: Vec::new(),
        suggestions_left: SUGGESTION_BUDGET,
    };
    file.outline
        .citations()
        .into_iter()
        .for_each(|c| run.citation(c));
    for paragraph in file.outline.paragraphs() {
        let p = &paragraph.value;
        run.coverage(paragraph, options);
        if let Some(text) = &p.text {
            let mut ids: Vec<&str> = p.cite.0.iter().map(|c| c.source.value.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            run.inline(text, &ids, Scope::Paragraph);
        }
    }
    if let Some(summary) = &file.outline.summary {
        let ids: Vec<&str> = sources.cited.keys().map(String::as_str).collect();
        run.inline(summary, &ids, Scope::Summary);
    }
    let mut checked = run.checked;
    checked.stats.sections = file.outline.section_count();
    checked.stats.sources = sources.cited.len();
    Questions {
        checked,
        asks: run.asks,
        profile: file.outline.quoting,
    }
}

impl Questions {
    /// Adds every search these questions need to `plan`.
    pub(crate) fn ask(&self, sources: &SourceSet, plan: &mut Plan) {
        for ask in &self.asks {
            let (ids, readings) = match ask {
                Ask::Cited {
                    source, readings, ..
                } => (std::slice::from_ref(source), readings),
                Ask::Inline { ids, readings, .. } => (ids.as_slice(), readings),
            };
            let pages: &[(Unit, i64, Place)] = match ask {
                Ask::Cited { stated, .. } => stated,
                Ask::Inline { .. } => &[],
            };
            let searched = || readings.iter().filter(|r| r.is_searched());
            for source in ids.iter().filter_map(|id| sources.cited.get(id)) {
                plan.find_first(source, searched().map(|r| &r.fragments));
                for reading in searched() {
                    for page in (pages.iter()).filter_map(|s| physical_page(source, s)) {
                        plan.find_on_page(source, &reading.fragments, page);
                    }
                }
            }
        }
    }

    /// Each quote's verdict from the answers `found`: where each verified citation stands,
    /// and the quotes not found, for [`crate::check::explain`] to explain. It reads the
    /// questions and copies what it keeps of them, so outlines are decided on several
    /// threads, none of which frees, while the others run, what another allocated.
    pub(crate) fn decide(
        &self,
        sources: &SourceSet,
        found: &Answers,
    ) -> (Checked, Vec<Unverified>) {
        let mut checked = self.checked.clone();
        let mut unverified = Vec::new();
        for ask in &self.asks {
            match ask {
                Ask::Cited {
                    id,
                    place,
                    source,
                    quote,
                    readings,
                    stated,
                } => {
                    let holds = holding(readings, std::slice::from_ref(source), sources, found);
                    let Some((reading, at_source)) = holds else {
                        let explained = &readings[explained(readings)];
                        let missed = Missed {
                            place: place.clone(),
                            quote: quote.clone(),
                            ids: vec![source.clone()],
                            inline: false,
                        };
                        let answers = (sources, found);
                        let told = missed.told(explained, answers, self.profile, &mut unverified);
                        checked.findings.extend(told);
                        continue;
                    };
                    let reading = &readings[reading];
                    if let Some(refusal) = reading.refused {
                        let finding = refused(refusal, reading, place.clone(), quote, self.profile);
                        checked.findings.push(Finding {
                            source: Some(at_source.source.clone()),
                            ..finding
                        });
                        continue;
                    }
                    checked.stats.verified += 1;
                    // A phrase the source repeats stands where the citation says, if it
                    // stands there at all.
                    let file = sources.cited.get(&at_source.source);
                    let elsewhere = (stated.iter())
                        .filter(|(unit, page, _)| {
                            *unit == Unit::Page
                                && at_source
                                    .pages
                                    .is_some_and(|(a, b)| !(a..=b).contains(page))
                        })
                        .find_map(|s| {
                            let file = file?;
                            let page = physical_page(file, s)?;
                            let found_at = found.found_on_page(file, &reading.fragments, page)?;
                            Some((file, found_at))
                        });
                    let at_source = match elsewhere {
                        Some((file, (bytes, at))) => {
                            place_in(found, file, at_source.source.clone(), bytes, at)
                        }
                        None => at_source,
                    };
                    let counted = (at_source.paragraphs).map(|(a, b)| (a as i64, b as i64));
                    for (unit, stated, at) in stated {
                        let found_at = match unit {
                            Unit::Page => at_source.pages,
                            Unit::Paragraph => counted,
                        };
                        let source = &at_source.source;
                        let wrong = wrong_locator(*unit, *stated, at.clone(), found_at, source);
                        checked.findings.extend(wrong);
                    }
                    checked.verified.insert(
                        *id,
                        Found {
                            alterations: reading.alterations.clone(),
                            ..at_source
                        },
                    );
                }
                Ask::Inline {
                    place,
                    key,
                    words,
                    readings,
                    explained: explained_words,
                    ids,
                } => {
                    let holds = holding(readings, ids, sources, found);
                    let Some((reading, at_source)) = holds else {
                        let explained = &readings[explained(&readings[..*explained_words])];
                        let missed = Missed {
                            place: place.clone(),
                            quote: words.clone(),
                            ids: ids.clone(),
                            inline: true,
                        };
                        let answers = (sources, found);
                        let told = missed.told(explained, answers, self.profile, &mut unverified);
                        checked.findings.extend(told);
                        continue;
                    };
                    let reading = &readings[reading];
                    if let Some(refusal) = reading.refused {
                        let finding = refused(refusal, reading, place.clone(), words, self.profile);
                        checked.findings.push(finding);
                        continue;
                    }
                    checked.stats.verified += 1;
                    let at_source = Found {
                        alterations: reading.alterations.clone(),
                        inline: Some((place.at, words.clone())),
                        ..at_source
                    };
                    checked.inline.insert(*key, at_source);
                }
            }
        }
        (checked, unverified)
    }
}

/// The first of `readings` that one of the sources `ids` holds (by its index), and where:
/// the first such source's place.
fn holding(
    readings: &[Reading],
    ids: &[String],
    sources: &SourceSet,
    found: &Answers,
) -> Option<(usize, Found)> {
    let searched = readings.iter().enumerate().filter(|(_, r)| r.is_searched());
    searched.into_iter().find_map(|(i, reading)| {
        (ids.iter().filter_map(|id| sources.cited.get(id))).find_map(|file| {
            let (bytes, at) = found.found(file, &reading.fragments).ok()?;
            Some((i, place_in(found, file, file.id.clone(), bytes, at)))
        })
    })
}

/// Which of `readings` a quote none of them holds is explained by: the last the profile
/// allows (the one that reads most of the writer's alterations), else the last.
/// A quote that changes letters inside a word, or keeps too few words of the source, is told
/// so: neither is checked. One whose ellipses stitch one-word parts is told so too, unless a
/// later reading is allowed: explained by its dots read as text, it would be told that the
/// source has other words where it has `...`.
fn explained(readings: &[Reading]) -> usize {
    let told =
        |r: &Reading| (r.refused).is_some_and(|r| r.stands_alone() && r != Refusal::Stitched);
    let allowed = |r: &Reading| matches!(r.refused, None | Some(Refusal::Stitched));
    (readings.iter().position(told))
        .or_else(|| readings.iter().rposition(allowed))
        .unwrap_or(readings.len() - 1)
}

/// A quote no reading of which holds.
struct Missed {
    place: Place,
    quote: String,
    ids: Vec<String>,
    inline: bool,
}

impl Missed {
    /// A finding of its own if `reading` (the one explained) stitches one-word parts, keeps
    /// too few words of the source, changes letters inside a word or adds a negation; else
    /// the quote goes to `unverified`, for [`crate::check::explain`] to explain with how
    /// `reading` misses.
    fn told(
        self,
        reading: &Reading,
        (sources, found): (&SourceSet, &Answers),
        profile: Profile,
        unverified: &mut Vec<Unverified>,
    ) -> Option<Finding> {
        if let Some(refusal) = reading.refused.filter(|r| r.stands_alone()) {
            let finding = refused(refusal, reading, self.place, &self.quote, profile);
            let source = (!self.inline).then(|| self.ids[0].clone());
            return Some(Finding { source, ..finding });
        }
        let miss = first_miss(&reading.fragments, &self.ids, sources, found);
        unverified.push(Unverified {
            place: self.place,
            quote: self.quote,
            fragments: reading.fragments.clone(),
            ids: self.ids,
            miss: miss.unwrap_or(Miss::NotFound),
            inline: self.inline,
        });
        None
    }
}

/// The finding for a quote that holds only as `reading` reads it, which `refusal` forbids.
fn refused(
    refusal: Refusal,
    reading: &Reading,
    place: Place,
    quote: &str,
    profile: Profile,
) -> Finding {
    let (code, message, help) = match refusal {
        Refusal::Rule(kind) => {
            let rule = profile.rule(kind);
            let written = (reading.alterations.iter())
                .find(|a| a.kind == kind)
                .map_or(String::new(), |a| a.text.clone());
            let message = match kind {
                Kind::InWord => format!(
                    "quote changes letters inside a word with `{written}`, which cannot be checked"
                ),
                Kind::AddedNegation => {
                    format!("quote puts a negation in brackets, `{written}`: no profile allows it")
                }
                _ => format!(
                    "quote holds only as altered by `{written}` ({}), which `quoting: {}` does not allow",
                    kind.describe(),
                    profile.as_str()
                ),
            };
            (
                Code::AlterationNotAllowed,
                message,
                format!("{}; {}", rule.says, rule.instead),
            )
        }
        Refusal::Stitched => {
            let parts: Vec<String> = (reading.fragments.as_slice().iter())
                .map(|p| format!("`{p}`"))
                .collect();
            (
                Code::EllipsisStitches,
                format!(
                    "the ellipses stitch a claim from parts of a single word: {}",
                    parts.join(" … ")
                ),
                "an ellipsis may leave words out, never join words spread over the source: when a quote has three parts or more, give each part two words at least, or quote the parts separately".to_owned(),
            )
        }
        Refusal::TooFewWords => {
            let (code, message, help) = unsearchable_text(Unsearchable::OnlyAlterations);
            (code, message.to_owned(), help.to_owned())
        }
    };
    Finding {
        code,
        place,
        message,
        source: None,
        quote: Some(quote.to_owned()),
        help,
        detail: None,
    }
}

/// What a locator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Pages, as printed, of a source with pages.
    Page,
    /// Paragraphs, from 1, of a web page or a Word file.
    Paragraph,
}

/// A finding if the `unit` a citation states (`stated`, at `place`) is not among those
/// (`found_at`) its quote was found at in `source`.
fn wrong_locator(
    unit: Unit,
    stated: i64,
    place: Place,
    found_at: Option<(i64, i64)>,
    source: &str,
) -> Option<Finding> {
    let (key, code, on, none) = match unit {
        Unit::Page => (
            "page",
            Code::WrongPage,
            "on",
            format!("`{source}` has no pages"),
        ),
        Unit::Paragraph => (
            "paragraph",
            Code::WrongParagraph,
            "in",
            format!("the paragraphs of `{source}` are not counted"),
        ),
    };
    let cited = locator_text(unit, (stated, stated));
    let (message, help) = match found_at {
        Some((first, last)) if (first..=last).contains(&stated) => return None,
        Some(range) => (
            format!("found {on} {}, cited as {cited}", locator_text(unit, range)),
            format!(
                "write `{key}: {}`, or leave the {key} out: it is found",
                range.0
            ),
        ),
        None => (
            format!("cited as {cited}, but {none}"),
            format!(
                "leave `{key}:` out: pages are known for PDFs, paragraphs for web pages and Word files taken in with `report sources add`"
            ),
        ),
    };
    Some(Finding {
        code,
        place,
        message,
        source: Some(source.to_owned()),
        quote: None,
        help,
        detail: None,
    })
}

/// `p. 12` or `pp. 12–13` across a page break; `para. 4` or `paras. 4–5`.
pub fn locator_text(unit: Unit, (first, last): (i64, i64)) -> String {
    let (one, many) = match unit {
        Unit::Page => ("p.", "pp."),
        Unit::Paragraph => ("para.", "paras."),
    };
    match first == last {
        true => format!("{one} {first}"),
        false => format!("{many} {first}–{last}"),
    }
}

/// The physical page (from 1) of `source` that a citation's stated page is, if it states a
/// page.
fn physical_page(
    source: &crate::sources::Source,
    (unit, stated, _): &(Unit, i64, Place),
) -> Option<usize> {
    (*unit == Unit::Page).then(|| source.meta.physical_page(*stated))?
}

/// Where a quote found at `bytes` (starting at `at`) of the source `file` (id `source`)
/// stands: its pages, paragraphs and heading.
fn place_in(
    found: &Answers,
    file: &crate::sources::Source,
    source: String,
    bytes: Range<usize>,
    at: crate::text::position::LineCol,
) -> Found {
    let pages =
        (found.pages(file, &bytes)).map(|(a, b)| (file.printed_page(a), file.printed_page(b)));
    let paragraphs = found.paragraphs(file, &bytes);
    let heading = paragraphs
        .and_then(|(first, _)| found.heading(file, first))
        .map(str::to_owned);
    Found {
        source,
        at,
        bytes,
        pages,
        paragraphs,
        heading,
        alterations: Vec::new(),
        inline: None,
    }
}

/// How `quote` misses the first of the sources `ids`, or `None` if one has it. With no
/// source searched, the quote is missed: nothing vouched for it.
fn first_miss(
    quote: &Fragments,
    ids: &[String],
    sources: &SourceSet,
    found: &Answers,
) -> Option<Miss> {
    let mut first = None;
    for source in ids.iter().filter_map(|id| sources.cited.get(id)) {
        match found.found(source, quote) {
            Ok(_) => return None,
            Err(miss) => {
                first.get_or_insert(miss);
            }
        }
    }
    Some(first.unwrap_or(Miss::NotFound))
}

struct Run<'a> {
    file: &'a OutlineFile,
    sources: &'a SourceSet,
    checked: Checked,
    asks: Vec<Ask>,
    /// How many more ids may be compared for a "did you mean" ([`SUGGESTION_BUDGET`]).
    suggestions_left: usize,
}

/// The most id comparisons an outline's unknown sources may make for suggestions: a folder
/// of ten thousand files and an outline of a hundred thousand unknown ids would otherwise
/// take minutes.
const SUGGESTION_BUDGET: usize = 200_000;

/// The most ids a help line lists.
const LISTED_IDS: usize = 10;

impl Run<'_> {
    fn citation(&mut self, citation: &Citation) {
        self.checked.stats.quotes += 1;
        let id = citation.source.value.as_str();
        let quote = citation.quote.value.as_str();
        let place = self.file.place_text(&citation.quote);
        if !self.sources.cited.contains_key(id) {
            let finding = self.unknown_source(citation);
            return self.checked.findings.push(finding);
        }
        match readings(quote, self.file.outline.quoting) {
            Err(problem) => self.checked.findings.push(Finding {
                source: Some(id.to_owned()),
                quote: Some(quote.to_owned()),
                ..unsearchable(problem, place)
            }),
            Ok(readings) => self.asks.push(Ask::Cited {
                id: citation.id,
                place,
                source: id.to_owned(),
                quote: quote.to_owned(),
                readings,
                stated: [
                    (Unit::Page, &citation.page),
                    (Unit::Paragraph, &citation.paragraph),
                ]
                .into_iter()
                .filter_map(|(unit, value)| {
                    let value = value.as_deref()?;
                    Some((unit, value.value, self.file.place(value)))
                })
                .collect(),
            }),
        }
    }

    fn unknown_source(&mut self, citation: &Citation) -> Finding {
        let id = citation.source.value.as_str();
        let known = self.sources.available.keys().map(String::as_str);
        let count = self.sources.available.len();
        let affordable = count <= self.suggestions_left;
        self.suggestions_left = self.suggestions_left.saturating_sub(count);
        let closest = (known.clone())
            .filter(|_| affordable)
            .map(|k| (strsim::normalized_damerau_levenshtein(id, k), k))
            .filter(|(score, _)| *score >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let folder = self.sources.folder.display();
        let listed = known.take(LISTED_IDS).collect::<Vec<_>>().join("`, `");
        let more = match count.saturating_sub(LISTED_IDS) {
            0 => String::new(),
            n => format!(" and {n} more (`report sources` lists them)"),
        };
        let help = match (closest, count == 0) {
            (Some((_, k)), _) => format!("did you mean `{k}`?"),
            (None, true) => format!("`{folder}` holds no `.txt` sources; add `{folder}/{id}.txt`"),
            (None, false) => format!("add `{folder}/{id}.txt`, or cite one of: `{listed}`{more}"),
        };
        Finding {
            code: Code::UnknownSource,
            place: self.file.place_text(&citation.source),
            message: format!("unknown source `{id}`"),
            source: Some(id.to_owned()),
            quote: Some(citation.quote.value.clone()),
            help,
            detail: None,
        }
    }

    /// Counts the paragraph, and reports it when it cites nothing and `options` deny that.
    fn coverage(&mut self, paragraph: &Spanned<crate::outline::Paragraph>, options: &CheckOptions) {
        let stats = &mut self.checked.stats;
        stats.paragraphs += 1;
        if paragraph.value.citations().next().is_some() {
            return;
        }
        stats.uncited_paragraphs += 1;
        let denied = self
            .file
            .outline
            .deny
            .0
            .contains(&crate::outline::shape::Deny::Uncited);
        if options.deny_uncited || denied {
            let place = match &paragraph.value.text {
                Some(text) => self.file.place(text),
                None => self.file.place(paragraph),
            };
            self.checked.findings.push(Finding {
                code: Code::UncitedParagraph,
                place,
                message: "paragraph cites no source".into(),
                source: None,
                quote: None,
                help: "add a `cite` with the source this paragraph rests on (`report find \"words\"` shows where words stand in the sources)".into(),
                detail: None,
            });
        }
    }

    fn inline(&mut self, text: &Spanned<String>, ids: &[&str], scope: Scope) {
        for marked in inline::quotations(&text.value, self.file.outline.quote_marks()) {
            let finding = match marked {
                Marked::Unclosed(mark) => Some(unclosed(
                    &text.value[mark.clone()],
                    self.inline_place(text, mark),
                )),
                Marked::Quote(quote) => self.inline_quote(text, &quote, ids, scope),
            };
            self.checked.findings.extend(finding);
        }
    }

    fn inline_quote(
        &mut self,
        text: &Spanned<String>,
        quote: &InlineQuote,
        ids: &[&str],
        scope: Scope,
    ) -> Option<Finding> {
        self.checked.stats.quotes += 1;
        self.checked.stats.inline += 1;
        let words = &text.value[quote.words.clone()];
        let place = self.inline_place(text, quote.marked.clone());
        let profile = self.file.outline.quoting;
        let mut readings = match readings(words, profile) {
            Ok(readings) => readings,
            Err(problem) => {
                return Some(Finding {
                    quote: Some(words.to_owned()),
                    ..unsearchable(problem, place)
                });
            }
        };
        // Only a source with a file can vouch for a quotation: an id without one is a
        // finding of its own, and leaves these words unchecked, never verified.
        let ids: Vec<&str> = (ids.iter().copied())
            .filter(|id| self.sources.cited.contains_key(*id))
            .collect();
        if ids.is_empty() {
            return Some(uncited(words, scope, place));
        }
        // American style puts a closing comma or period inside the quotation marks even when
        // the source has none there, so one such mark may be left out of the match.
        let explained = readings.len();
        let trimmed =
            (words.strip_suffix([',', '.'])).and_then(|w| alteration::readings(w, profile).ok());
        readings.extend(trimmed.into_iter().flatten());
        self.asks.push(Ask::Inline {
            place,
            key: (self.file.place(text).bytes.start, quote.marked.start),
            words: words.to_owned(),
            readings,
            explained,
            ids: ids.iter().map(|id| (*id).to_owned()).collect(),
        });
        None
    }

    /// The place in the outline file of `range` of the parsed `text`.
    fn inline_place(&self, text: &Spanned<String>, range: Range<usize>) -> Place {
        let scalar = self.file.place(text);
        let raw = &self.file.text;
        let from = inline::content_start(raw, scalar.bytes.start);
        let start = inline::raw_offset(raw, from, &text.value, range.start);
        let last = range.end
            - text.value[..range.end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
        let end = inline::raw_offset(raw, from, &text.value, last)
            .map(|e| e + raw[e..].chars().next().map_or(0, char::len_utf8));
        match (start, end) {
            (Some(start), Some(end)) if start < end => Place {
                at: self.file.lines.line_col(raw, start),
                bytes: start..end,
            },
            _ => scalar,
        }
    }
}

/// Where inline quotations stand: which sources they are checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A paragraph's text, checked against the paragraph's citations.
    Paragraph,
    /// The summary, checked against every source the outline cites.
    Summary,
}

fn unsearchable(problem: Unsearchable, place: Place) -> Finding {
    let (code, message, help) = unsearchable_text(problem);
    Finding {
        code,
        place,
        message: message.into(),
        source: None,
        quote: None,
        help: help.into(),
        detail: None,
    }
}

/// The code, message and help for a quote that cannot be searched for.
fn unsearchable_text(problem: Unsearchable) -> (Code, &'static str, &'static str) {
    match problem {
        Unsearchable::Empty => (
            Code::EmptyQuote,
            "empty quote",
            "quote the words of the source this claim rests on",
        ),
        Unsearchable::NoWords => (
            Code::EmptyQuote,
            "quote has no words, only punctuation or symbols",
            "quote the words of the source this claim rests on, not its punctuation alone",
        ),
        Unsearchable::OnlyEllipsis => (
            Code::EllipsisOnlyQuote,
            "quote has no words outside its ellipses",
            "quote at least one word of the source around the ellipsis",
        ),
        Unsearchable::OnlyAlterations => (
            Code::EllipsisOnlyQuote,
            "quote keeps fewer than two words of the source outside its brackets, notes and ellipses",
            "quote the source's own words; brackets may only stand in for a few of them",
        ),
    }
}

fn uncited(words: &str, scope: Scope, place: Place) -> Finding {
    let (message, help) = match scope {
        Scope::Paragraph => (
            "in a paragraph that cites no source with a file",
            "add a `cite` with the source these words come from (its file in the sources folder), or drop the quotation marks",
        ),
        Scope::Summary => (
            "in the summary, but the outline cites no source",
            "cite the source these words come from in a paragraph, or drop the quotation marks",
        ),
    };
    Finding {
        code: Code::InlineQuoteUncited,
        place,
        message: format!("quotation {} {message}", excerpt(words)),
        source: None,
        quote: Some(words.to_owned()),
        help: help.into(),
        detail: None,
    }
}

fn unclosed(mark: &str, place: Place) -> Finding {
    Finding {
        code: Code::UnclosedQuotation,
        place,
        message: format!("quotation mark `{mark}` is never closed"),
        source: None,
        quote: None,
        help: "close the quotation; for inches or seconds write ″, which is not a quotation mark"
            .into(),
        detail: None,
    }
}
