//! Exact verification: where a quotation stands, verbatim, in a source.
//!
//! `alteration.rs` reads a quote's alterations into readings; `pattern.rs` parses a quote into
//! fragments (the words between ellipses) and compares them around a word; `boundary.rs`
//! decides word boundaries; [`batch`] finds many quotes of one source in one pass, each
//! fragment by its rarest stretch of bytes (`anchor.rs`), or, in large batches, by the
//! eight bytes that begin or end a long word (`grams.rs`) or a pair of words (`pairs.rs`);
//! `placement.rs` places the fragments of an elided quote in order; [`confirm`] looks again,
//! with code that shares no matching code with the rest, at every place found.
//!
//! Boundary: nothing here is fuzzy. The only thing folded is whitespace (any run of it in the
//! source stands for the space between two quoted words); no case, accent, dash or quote mark
//! is ever treated as another. It never imports the near-miss search ([`crate::nearest`]).

pub mod alteration;
pub(crate) mod anchor;
pub mod batch;
pub(crate) mod boundary;
pub mod confirm;
pub mod gap;
pub(crate) mod grams;
pub(crate) mod pairs;
pub(crate) mod pattern;
pub(crate) mod placement;

pub use pattern::{
    Fragments, Gap, Join, MAX_GAP, MAX_OMITTED, Miss, Placing, Unsearchable, contains_ellipsis,
    negation_beside,
};
