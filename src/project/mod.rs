//! The project around the outline: starting one ([`init`]) and the JSON Schemas editors use
//! for its files ([`schema`]).
//!
//! Boundary: writes only new files, through `crate::files::containment`; checks nothing.

pub mod init;
pub mod schema;
