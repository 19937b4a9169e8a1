//! The check: every quote of an outline looked up in its source; findings for the rest.
//!
//! Checking never fails: a quote that is not found is a [`Finding`], not an error. Quotes
//! not found are handed to [`crate::check::explain`], which says what the sources have instead.

use std::ops::Range;

use serde_saphyr::Spanned;

use crate::check::explain::Unverified;
use crate::check::finding::{Code, Finding, Stats};
use crate::matching::pattern::{Fragments, Miss, Unsearchable};
use crate::outline::inline::{self, InlineQuote, Marked};
use crate::outline::{Citation, OutlineFile, Place};
use crate::sources::{Source, SourceSet};
use crate::text::position::LineCol;

/// What a check holds against an outline beyond its quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Report every paragraph that cites no source as a finding.
    pub deny_uncited: bool,
    /// The project folder nothing is read outside of (default: the outline's folder).
    pub root: Option<std::path::PathBuf>,
    /// How many threads search the sources (default: one per core). The output is the same
    /// for any number.
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Told how far the searches have got, if anyone asked.
    pub progress: Option<crate::search::progress::Progress>,
}

/// Where a quote first stands in a source, with the line and column it starts at, or how it
/// misses: the answer to one search.
pub type Lookup<'l> = dyn FnMut(&Source, &Fragments) -> Result<(Range<usize>, LineCol), Miss> + 'l;

/// Where a verified quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The source's id.
    pub source: String,
    /// Line and column of the quote's first character in the source.
    pub at: LineCol,
    /// The byte range in the source's text.
    pub bytes: Range<usize>,
}

/// What checking an outline established.
#[derive(Debug, Default)]
pub struct Checked {
    /// Everything wrong, sorted by line and column.
    pub findings: Vec<Finding>,
    /// Where each citation was found, in reading order ([`crate::outline::Outline::citations`]);
    /// `None` for one that was not.
    pub found: Vec<Option<Found>>,
    /// Counts for the summary line.
    pub stats: Stats,
}

/// Checks every quote of `file` against `sources`, asking `lookup` where each quote stands.
/// Returns what was established, and the quotes not found, for [`crate::check::explain`] to explain.
pub fn check(
    file: &OutlineFile,
    sources: &SourceSet,
    options: &CheckOptions,
    lookup: &mut Lookup,
) -> (Checked, Vec<Unverified>) {
    let mut run = Run {
        file,
        sources,
        lookup,
        checked: Checked::default(),
        unverified: Vec::new(),
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
    (checked, run.unverified)
}

struct Run<'a, 'l> {
    file: &'a OutlineFile,
    sources: &'a SourceSet,
    lookup: &'a mut Lookup<'l>,
    checked: Checked,
    unverified: Vec<Unverified>,
    /// How many more ids may be compared for a "did you mean" ([`SUGGESTION_BUDGET`]).
    suggestions_left: usize,
}

/// The most id comparisons an outline's unknown sources may make for suggestions: a folder
/// of ten thousand files and an outline of a hundred thousand unknown ids would otherwise
/// take minutes.
const SUGGESTION_BUDGET: usize = 200_000;

/// The most ids a help line lists.
const LISTED_IDS: usize = 10;

impl Run<'_, '_> {
    fn citation(&mut self, citation: &Citation) {
        self.checked.stats.quotes += 1;
        let id = citation.source.value.as_str();
        let quote = citation.quote.value.as_str();
        let place = self.file.place_text(&citation.quote);
        self.checked.found.push(None);
        let Some(source) = self.sources.cited.get(id) else {
            let finding = self.unknown_source(citation);
            return self.checked.findings.push(finding);
        };
        let finding = match Fragments::parse(quote) {
            Err(problem) => unsearchable(problem, place),
            Ok(fragments) => match (self.lookup)(source, &fragments) {
                Err(miss) => {
                    return self.unverified.push(Unverified {
                        place,
                        quote: quote.to_owned(),
                        fragments,
                        ids: vec![id.to_owned()],
                        miss,
                        inline: false,
                    });
                }
                Ok((bytes, at)) => {
                    self.checked.stats.verified += 1;
                    let found = Found {
                        source: id.to_owned(),
                        at,
                        bytes,
                    };
                    *self.checked.found.last_mut().expect("pushed above") = Some(found);
                    return;
                }
            },
        };
        self.checked.findings.push(Finding {
            source: Some(id.to_owned()),
            quote: Some(quote.to_owned()),
            ..finding
        });
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
        if options.deny_uncited {
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
                help: "add a `cite` with the source this paragraph rests on".into(),
                detail: None,
            });
        }
    }

    fn inline(&mut self, text: &Spanned<String>, ids: &[&str], scope: Scope) {
        for marked in inline::quotations(&text.value) {
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
        let fragments = match Fragments::parse(words) {
            Ok(fragments) => fragments,
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
        let ids = ids.as_slice();
        if ids.is_empty() {
            return Some(uncited(words, scope, place));
        }
        // American style puts a closing comma or period inside the quotation marks even when
        // the source has none there, so one such mark may be left out of the match.
        let trimmed = words
            .strip_suffix([',', '.'])
            .and_then(|w| Fragments::parse(w).ok());
        let miss = self
            .first_miss(&fragments, ids)
            .filter(|_| trimmed.is_none_or(|f| self.first_miss(&f, ids).is_some()));
        let Some(miss) = miss else {
            self.checked.stats.verified += 1;
            return None;
        };
        self.unverified.push(Unverified {
            place,
            quote: words.to_owned(),
            fragments,
            ids: ids.iter().map(|id| (*id).to_owned()).collect(),
            miss,
            inline: true,
        });
        None
    }

    /// How `fragments` miss the first of the sources `ids`, or `None` if one has them.
    /// With no source searched, the quote is missed: nothing vouched for it.
    fn first_miss(&mut self, fragments: &Fragments, ids: &[&str]) -> Option<Miss> {
        let mut first = None;
        for source in ids.iter().filter_map(|id| self.sources.cited.get(*id)) {
            match (self.lookup)(source, fragments) {
                Ok(_) => return None,
                Err(miss) => {
                    first.get_or_insert(miss);
                }
            }
        }
        Some(first.unwrap_or(Miss::NotFound))
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
    let (code, message, help) = match problem {
        Unsearchable::Empty => (
            Code::EmptyQuote,
            "empty quote",
            "quote the words of the source this claim rests on",
        ),
        Unsearchable::OnlyEllipsis => (
            Code::EllipsisOnlyQuote,
            "quote has no words outside its ellipses",
            "quote at least one word of the source around the ellipsis",
        ),
    };
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

/// `words` in curly quotes for a message, shortened to about 60 characters.
pub(crate) fn excerpt(words: &str) -> String {
    let flat = crate::text::whitespace::collapse(words);
    match flat.char_indices().nth(60) {
        Some((cut, _)) => format!("“{}…”", &flat[..cut]),
        None => format!("“{flat}”"),
    }
}

/// `n` with a comma between thousands: `2,000`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
