//! The sources folder: which source ids exist, the text of the ones an outline cites
//! (`set.rs`), the catalog that describes them (`catalog.rs`), ids that could pass for another
//! source of the folder (`lookalike.rs`), and the listing of `report sources` ([`inventory`]).
//!
//! Boundary: knows files and ids, never quotes. Every read goes through
//! `crate::files::containment`. A new source format (PDF, web page, Word) lands here as an
//! importer that turns the file into text with its provenance.

pub mod add;
pub(crate) mod catalog;
pub(crate) mod clean;
pub mod inventory;
pub(crate) mod lookalike;
pub(crate) mod pdf;
pub(crate) mod set;

pub use set::{Source, SourceSet, Text};
