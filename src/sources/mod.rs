//! The sources folder: which source ids exist, the text of the ones an outline cites and its
//! pages (`set.rs`), the catalog that describes them (`catalog.rs`), ids that could pass for
//! another source of the folder (`lookalike.rs`), and the listing of `report sources`
//! ([`inventory`]); and taking in a document as a source ([`add`]): a PDF read by pdftotext
//! (`pdf.rs`) into a layout in reading order (`layout.rs`), its footnotes set apart
//! (`notes.rs`) and its extraction artefacts cleaned (`clean.rs`), a Word file (`docx.rs`),
//! a web page (`web.rs`, fetched by `fetch.rs`) or plain text; and checking the texts against
//! their kept originals ([`verify`]).
//!
//! Boundary: knows files and ids, never quotes. Every read goes through
//! `crate::files::containment`. A new source format (PDF, web page, Word) lands here as an
//! importer that turns the file into text with its provenance.

pub mod add;
pub(crate) mod catalog;
pub(crate) mod clean;
pub(crate) mod docx;
pub(crate) mod fetch;
pub mod inventory;
pub(crate) mod layout;
pub(crate) mod lookalike;
pub(crate) mod notes;
pub(crate) mod pdf;
pub(crate) mod set;
pub mod verify;
pub(crate) mod web;

pub use set::{Source, SourceSet, Text, blank_lines, page_at};
