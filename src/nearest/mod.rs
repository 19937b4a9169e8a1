//! Near misses: for a quote that is not in its source, the passage most like it
//! ([`passage`], seeded by [`occurrences`]), compared word by word ([`difference`]), with
//! words folded for comparison ([`fold`]).
//!
//! Boundary: advice, never verification. Nothing here decides that a quote holds; what it
//! finds is only ever shown to the user as "the source says instead".

pub mod difference;
pub mod fold;
pub mod occurrences;
pub mod passage;

pub use passage::*;
