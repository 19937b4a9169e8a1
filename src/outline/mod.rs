//! The briefing outline: its YAML shape, the place of every value in the file
//! ([`shape`]), and the quotations written inline in its prose ([`inline`]).
//!
//! Boundary: reads the outline file (through [`crate::files`]) and says where things are in
//! it. It never opens a source and never checks a quote.

pub mod inline;
pub mod shape;

pub use shape::*;
