//! Findings: what a check found wrong, as data for printers to show.

use std::fmt;
use std::path::PathBuf;

use crate::nearest::difference::Comparison;
use crate::outline::Place;
use crate::text::position::LineCol;

/// A stable, kebab-case identifier for each kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A cited quote is not verbatim in its source.
    QuoteNotFound,
    /// A quote is not in the source it cites (or, inline, in any source its paragraph
    /// cites) but is verbatim in another source.
    QuoteMisattributed,
    /// A quotation in a paragraph's text is in none of the paragraph's cited sources.
    InlineQuoteNotFound,
    /// A quotation in a paragraph's text, but the paragraph cites no source to check it against.
    InlineQuoteUncited,
    /// A citation names a source id that is not in the sources folder.
    UnknownSource,
    /// A citation's quote is empty, only whitespace, or has no letter or digit.
    EmptyQuote,
    /// A citation's quote has no words outside its ellipses.
    EllipsisOnlyQuote,
    /// A quotation mark in a paragraph's text that nothing closes.
    UnclosedQuotation,
    /// A paragraph that cites no source (only with `--deny uncited`).
    UncitedParagraph,
    /// A verified quote is not on the page its citation states.
    WrongPage,
    /// A verified quote is not in the paragraph its citation states.
    WrongParagraph,
    /// A quote holds only through an alteration (a bracket, `[sic]`, an ellipsis) that the
    /// outline's quoting profile does not allow.
    AlterationNotAllowed,
    /// An ellipsis stitches together parts too small or too far apart to be one claim.
    EllipsisStitches,
    /// The source a quote cites cannot be read: it is not UTF-8, or the system refuses it.
    SourceUnreadable,
}

impl Code {
    /// Every code, in the order README lists them.
    pub const ALL: [Code; 14] = [
        Code::QuoteNotFound,
        Code::QuoteMisattributed,
        Code::InlineQuoteNotFound,
        Code::InlineQuoteUncited,
        Code::UnknownSource,
        Code::EmptyQuote,
        Code::EllipsisOnlyQuote,
        Code::UnclosedQuotation,
        Code::UncitedParagraph,
        Code::WrongPage,
        Code::WrongParagraph,
        Code::AlterationNotAllowed,
        Code::EllipsisStitches,
        Code::SourceUnreadable,
    ];

    /// The code as printed: `quote-not-found`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::QuoteNotFound => "quote-not-found",
            Code::InlineQuoteNotFound => "inline-quote-not-found",
            Code::InlineQuoteUncited => "inline-quote-uncited",
            Code::UnknownSource => "unknown-source",
            Code::EmptyQuote => "empty-quote",
            Code::EllipsisOnlyQuote => "ellipsis-only-quote",
            Code::UnclosedQuotation => "unclosed-quotation",
            Code::QuoteMisattributed => "quote-misattributed",
            Code::UncitedParagraph => "uncited-paragraph",
            Code::WrongPage => "wrong-page",
            Code::WrongParagraph => "wrong-paragraph",
            Code::AlterationNotAllowed => "alteration-not-allowed",
            Code::EllipsisStitches => "ellipsis-stitches",
            Code::SourceUnreadable => "source-unreadable",
        }
    }

    /// How the summary line counts findings of this code: `1 not found`.
    pub fn summary_label(self) -> &'static str {
        match self {
            Code::QuoteNotFound | Code::InlineQuoteNotFound => "not found",
            Code::InlineQuoteUncited => "uncited",
            Code::UnknownSource => "unknown source",
            Code::EmptyQuote | Code::EllipsisOnlyQuote => "empty",
            Code::UnclosedQuotation => "unclosed",
            Code::QuoteMisattributed => "misattributed",
            Code::UncitedParagraph => "uncited paragraph",
            Code::WrongPage => "wrong page",
            Code::WrongParagraph => "wrong paragraph",
            Code::AlterationNotAllowed => "alteration not allowed",
            Code::EllipsisStitches => "stitched",
            Code::SourceUnreadable => "with an unreadable source",
        }
    }

    /// One sentence on what the code means, for SARIF rules and `README.md`.
    pub fn description(self) -> &'static str {
        match self {
            Code::QuoteNotFound => "A cited quote is not verbatim in its source.",
            Code::QuoteMisattributed => {
                "A quote is not in the source it cites, but is verbatim in another source."
            }
            Code::InlineQuoteNotFound => {
                "A quotation in a paragraph's text is in none of the sources the paragraph cites."
            }
            Code::InlineQuoteUncited => {
                "A quotation in a paragraph's text, in a paragraph that cites no source with a file."
            }
            Code::UnknownSource => "A citation names a source that is not in the sources folder.",
            Code::EmptyQuote => "A citation's quote is empty or has no words.",
            Code::EllipsisOnlyQuote => "A citation's quote has no words outside its ellipses.",
            Code::UnclosedQuotation => "A quotation mark in a paragraph's text is never closed.",
            Code::UncitedParagraph => {
                "A paragraph cites no source (reported with `--deny uncited`)."
            }
            Code::WrongPage => {
                "A quote is verbatim in its source, but not on the page its citation states."
            }
            Code::WrongParagraph => {
                "A quote is verbatim in its source, but not in the paragraph its citation states."
            }
            Code::AlterationNotAllowed => {
                "A quote holds only through an alteration its outline's quoting profile does not allow."
            }
            Code::EllipsisStitches => {
                "An ellipsis joins parts too small, or standing too far apart in the source, to be one claim."
            }
            Code::SourceUnreadable => {
                "The source a quote cites cannot be read: it is not UTF-8 text, or the system refuses to read it."
            }
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with an outline, with where it is and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind of finding it is.
    pub code: Code,
    /// Where in the outline.
    pub place: Place,
    /// One line saying what is wrong: lowercase, no trailing period.
    pub message: String,
    /// The source id involved, if any.
    pub source: Option<String>,
    /// The quote involved, as written in the outline.
    pub quote: Option<String>,
    /// What the writer can do.
    pub help: String,
    /// What else the check found out, for the writer to act on.
    pub detail: Option<Detail>,
}

/// What a finding knows beyond its message.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// The passage of the cited sources most like the quote.
    Nearest(Box<NearMiss>),
    /// No passage of the cited sources is like the quote.
    NoClosePassage,
    /// The quote has too many words for a near-miss search.
    QuoteTooLong {
        /// How many words it has.
        words: usize,
        /// The most words a quote may have to be searched for.
        most: usize,
    },
    /// The quote is verbatim in another source, here.
    Elsewhere(SourcePlace),
    /// A part of an ellipsis quote is in the source, but not where it should be.
    Fragment(FragmentPlace),
}

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePlace {
    /// The source's id.
    pub source: String,
    /// Its file.
    pub path: PathBuf,
    /// Line and column in the file.
    pub at: LineCol,
    /// The page it is on, as printed, for a source with pages.
    pub page: Option<i64>,
}

/// The passage nearest to a quote that is not in its source: advice, never a verification.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// Where the passage starts.
    pub place: SourcePlace,
    /// The passage, whitespace-collapsed.
    pub text: String,
    /// The part of an ellipsis quote searched for (0-based), when only one part is missing.
    pub part: Option<usize>,
    /// How the quote differs from the passage.
    pub comparison: Comparison,
    /// Whether the search was cut short by its budget: a nearer passage may exist.
    pub cut_short: bool,
    /// The source's words the quote begins or ends inside, when it is otherwise verbatim.
    pub cuts: Vec<String>,
    /// The negation next to the quote's words in the source, which the quote leaves out.
    pub negation: Option<String>,
    /// Whether that negation is further off, in the part of the sentence an ellipsis at the
    /// quote's end leaves out.
    pub negation_in_sentence: bool,
}

/// Where a part of an ellipsis quote stands, and the part before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentPlace {
    /// The part out of place (0-based).
    pub part: usize,
    /// The part's words.
    pub text: String,
    /// Where the part is.
    pub at: SourcePlace,
    /// Where the part before it is.
    pub previous: SourcePlace,
    /// What stands between the two when the part follows too far after; `None` when it only
    /// comes before.
    pub gap: Option<crate::matching::Gap>,
    /// What joins the part to the one before: an ellipsis of three or four dots, a bracket.
    pub join: crate::matching::Join,
}

/// Counts over one checked outline, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Quotes checked: citations, block quotations and inline quotations.
    pub quotes: usize,
    /// How many of `quotes` are inline quotations.
    pub inline: usize,
    /// Sections, at every depth.
    pub sections: usize,
    /// Distinct sources cited that exist.
    pub sources: usize,
    /// Quotes found verbatim.
    pub verified: usize,
    /// Paragraphs, block quotations included.
    pub paragraphs: usize,
    /// Paragraphs that cite no source.
    pub uncited_paragraphs: usize,
}

impl Stats {
    /// Adds the counts of another outline's check.
    pub fn add(&mut self, other: &Stats) {
        self.quotes += other.quotes;
        self.inline += other.inline;
        self.sections += other.sections;
        self.sources += other.sources;
        self.verified += other.verified;
        self.paragraphs += other.paragraphs;
        self.uncited_paragraphs += other.uncited_paragraphs;
    }
}
