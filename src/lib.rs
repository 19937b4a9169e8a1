//! `report`: check that every quotation in a briefing outline is verbatim in its source, and
//! render checked briefings.
//!
//! The modules, in pipeline order:
//!
//! ```text
//! outline ─┐
//!          ├─► search ──► check ──► render ─► output file
//! sources ─┘   (matching,    │
//!               nearest)     └────► print ──► findings as text
//! ```
//!
//! [`outline`] reads the YAML; [`sources`] lists the sources folder and reads its files;
//! [`search`] answers every question of a run with one read of each source, using
//! [`matching`] (exact verification) and [`nearest`] (near misses, advice only); [`check`]
//! decides each citation's verdict and writes findings; [`render`](mod@render) lays a checked
//! outline out and renders it; [`print`](mod@print) turns a run into text. Beneath them, `files` is
//! the one gate every file read or written passes, and [`text`] holds positions and whitespace.
//! [`project`] starts a project and gives editors its schemas; [`import`] makes a model's
//! answer, with the citations its API returned, an outline for the check to verify.
//!
//! The library never prints: findings are data, and printing is the caller's. Dependencies
//! run one way, from the pipeline's end to its start and down to `files` and [`text`]: a
//! module never imports a stage after its own (ARCHITECTURE.md gives the order;
//! `tests/cli/layers.rs` checks it).

#![warn(clippy::print_stdout, clippy::print_stderr, unreachable_pub)]

pub mod check;
pub mod error;
pub mod files;
pub mod import;
pub mod matching;
pub mod nearest;
pub mod outline;
pub mod print;
pub mod project;
pub mod render;
pub mod search;
pub mod sources;
pub mod text;

use std::path::{Path, PathBuf};

pub use crate::check::{CheckOptions, CheckRun, Checked, CheckedOutline};
pub use crate::error::Error;
pub use crate::render::Rendered;
pub use crate::render::config::{Format, Output, Paper, RenderConfig, TypstConfig};

/// Checks every outline of `paths`, taken in sorted order so that output is the same
/// whatever order they were named in. One outline failing does not stop the others. Each
/// source file is read once for all the outlines that cite it. A file named twice (`a.yaml`
/// and `./a.yaml`, or through a link) is checked once, under the first of its names.
pub fn check_all(paths: &[PathBuf], options: CheckOptions) -> CheckRun {
    check::check_all(paths, &options)
}

/// Reads the outline at `path` and its sources, and checks every quote.
pub fn check_outline(path: &Path, options: CheckOptions) -> Result<CheckedOutline, Error> {
    check::check_one(path, &options, false)
}

/// Checks the outline `text`, not yet written, as if it stood at `path` (what `report import`
/// writes to standard output).
pub fn check_text(
    path: &Path,
    text: String,
    options: CheckOptions,
) -> Result<CheckedOutline, Error> {
    check::check_text(path, text, &options)
}

/// Checks the outline of `config`, then renders it unless the check found anything.
pub fn render(config: &RenderConfig) -> Result<(CheckedOutline, Rendered), Error> {
    // Typst, for a PDF, starts up while the outline is checked.
    let started = render::start(config);
    let outline = check::check_one(&config.outline, &config.check, true)?;
    let rendered = render::render(&outline, config, started)?;
    Ok((outline, rendered))
}
