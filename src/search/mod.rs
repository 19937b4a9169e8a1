//! The search stage: every question of a run asked first (`plan::Plan`), then each source
//! file read once, on several threads ([`workers`]), to answer them all, with progress told
//! as files are done ([`progress`]).
//!
//! Boundary: runs [`crate::matching`] and [`crate::nearest`] over source texts and keeps
//! their answers. It decides no verdict and writes no finding: that is [`crate::check`]'s.

pub(crate) mod near;
pub(crate) mod plan;
pub mod progress;
pub mod workers;

pub(crate) use plan::{Answers, Plan};
