//! Reading and writing files safely: the one gate every project file passes through
//! (`containment.rs`), bounded UTF-8 reading (`text_file.rs`) and bounded YAML parsing
//! (`yaml.rs`); external programs run with a time limit (`program.rs`); and what an
//! interrupted run must undo, the temporary files it is writing and the external program it
//! waits for ([`interrupt`]).
//!
//! Boundary: knows paths, bytes and YAML syntax, never what an outline or a source means.
//! The outline, the sources folder and the output all go through here; nothing here imports
//! them.

pub(crate) mod containment;
pub mod interrupt;
pub(crate) mod program;
pub(crate) mod text_file;
pub(crate) mod yaml;
