//! Findings: what a check found wrong, as data for printers to show.

use std::fmt;

use crate::outline::Place;

/// A stable, kebab-case identifier for each kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A cited quote is not verbatim in its source.
    QuoteNotFound,
    /// A quotation in a paragraph's text is in none of the paragraph's cited sources.
    InlineQuoteNotFound,
    /// A quotation in a paragraph's text, but the paragraph cites no source to check it against.
    InlineQuoteUncited,
    /// A citation names a source id that is not in the sources folder.
    UnknownSource,
    /// A citation's quote is empty or only whitespace.
    EmptyQuote,
    /// A citation's quote has no words outside its ellipses.
    EllipsisOnlyQuote,
    /// A quotation mark in a paragraph's text that nothing closes.
    UnclosedQuotation,
}

impl Code {
    /// Every code, in the order README lists them.
    pub const ALL: [Code; 7] = [
        Code::QuoteNotFound,
        Code::InlineQuoteNotFound,
        Code::InlineQuoteUncited,
        Code::UnknownSource,
        Code::EmptyQuote,
        Code::EllipsisOnlyQuote,
        Code::UnclosedQuotation,
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
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with an outline, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Stats {
    /// Adds the counts of another outline's check.
    pub fn add(&mut self, other: &Stats) {
        self.quotes += other.quotes;
        self.inline += other.inline;
        self.sections += other.sections;
        self.sources += other.sources;
        self.verified += other.verified;
    }
}
