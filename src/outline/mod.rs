//! The briefing outline: its YAML shape, the place of every value in the file
//! (`shape.rs`), and the quotations written inline in its prose ([`inline`]).
//!
//! Boundary: reads the outline file (through `files/`) and says where things are in
//! it. It never opens a source and never checks a quote.

pub mod inline;
pub(crate) mod quiet;
pub mod quoting;
pub(crate) mod shape;
pub mod style;

pub use shape::{
    Citation, CitationId, Citations, MAX_TEXT_BYTES, Outline, OutlineFile, Paragraph, Place,
    Section,
};
