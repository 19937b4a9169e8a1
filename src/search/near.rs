//! The nearest passage of one source to a quote not found in it, located in the source: what
//! the search keeps of [`crate::nearest`]'s answer.

use crate::nearest::{Passage, trim_to};
use crate::sources::Text;
use crate::text::position::LineCol;
use crate::text::whitespace::collapse;

/// The nearest passage to a quote in one source, as the search found it there.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Word-level likeness to the quote ([`Passage::likeness`]).
    pub likeness: f64,
    /// Where the passage starts.
    pub at: LineCol,
    /// The page it starts on, for a text with pages.
    pub page: Option<usize>,
    /// The passage, whitespace-collapsed, trimmed to the quote's punctuation.
    pub text: String,
    /// Whether the search ran out of budget: a nearer passage may exist.
    pub cut_short: bool,
}

/// The `passage` of `text` found nearest to `query`, if it is close enough to show.
pub(crate) fn candidate(text: &Text, query: &str, passage: Passage) -> Option<Candidate> {
    if !passage.is_close() {
        return None;
    }
    let found = &text.text[passage.range.clone()];
    let trimmed = trim_to(query, found);
    Some(Candidate {
        likeness: passage.likeness(),
        at: text.line_col(passage.range.start + trimmed.start),
        page: text.page_of(passage.range.start + trimmed.start),
        text: collapse(&found[trimmed]),
        cut_short: passage.cut_short,
    })
}
