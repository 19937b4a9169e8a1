//! Exact verification: where a quotation stands, verbatim, in a source.
//!
//! `pattern.rs` parses a quote into fragments (the words between ellipses) and compares them
//! around an anchor word; `boundary.rs` decides word boundaries; [`batch`] finds many quotes
//! of one source in one pass, with `pairs.rs` for large batches; `placement.rs` places the
//! fragments of an elided quote in order; [`confirm`] looks again, with code that shares no
//! matching code with the rest, at every place found.
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
};
