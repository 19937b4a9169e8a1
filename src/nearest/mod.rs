//! Near misses: for a quote that is not in its source, the passage most like it
//! (`passage.rs`, seeded by `occurrences.rs`), compared word by word ([`difference`]), with
//! words folded for comparison (`fold.rs`).
//!
//! Boundary: advice, never verification. Nothing here decides that a quote holds; what it
//! finds is only ever shown to the user as "the source says instead".

pub mod difference;
pub(crate) mod fold;
pub(crate) mod occurrences;
pub(crate) mod passage;

pub(crate) use passage::nearest_close_on;
pub(crate) use passage::trim_to;
pub use passage::{MAX_CELLS, MAX_WORDS, Passage, exhaustive, nearest, nearest_close};
