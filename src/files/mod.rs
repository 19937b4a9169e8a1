//! Reading and writing files safely: the one gate every project file passes through
//! ([`containment`]), bounded UTF-8 reading ([`text_file`]) and bounded YAML parsing
//! ([`yaml`]).
//!
//! Boundary: knows paths, bytes and YAML syntax, never what an outline or a source means.
//! The outline, the sources folder and the output all go through here; nothing here imports
//! them.

pub mod containment;
pub mod text_file;
pub mod yaml;
