//! `report`: check that every quotation in a briefing outline is verbatim in its source, and
//! render checked briefings.
//!
//! The pipeline, one module per stage: [`outline`] reads the YAML, [`sources`] reads the cited
//! source files, [`check`] matches every quote ([`matcher`], [`placement`], [`inline`]) and
//! [`confirm`] looks again at every place found, [`view`] lays the checked outline out,
//! [`markdown`] and [`typst`] render it, [`pdf`] compiles the Typst document; [`output`]
//! writes atomically. Every file read or written passes one gate, [`containment`]. The
//! library never prints: findings are data ([`finding`]) and [`print`] turns them into text.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod catalog;
pub mod check;
pub mod config;
pub mod confirm;
pub mod containment;
pub mod difference;
pub mod error;
pub mod explain;
pub mod finding;
pub mod fold;
pub mod init;
pub mod inline;
pub mod interrupt;
pub mod inventory;
pub mod locate;
pub mod lookalike;
pub mod lookup;
pub mod markdown;
pub mod matcher;
pub mod nearest;
pub mod normalize;
pub mod occurrences;
pub mod outline;
pub mod output;
pub mod pairs;
pub mod pdf;
pub mod placement;
pub mod position;
pub mod print;
pub mod progress;
mod run;
pub mod schema;
pub mod sources;
pub mod summary;
pub mod text_file;
pub mod typst;
pub mod view;
pub mod visible;
pub mod workers;
pub mod yaml;

use std::path::{Path, PathBuf};

pub use crate::check::{CheckOptions, Checked};
pub use crate::config::{Format, Output, Paper, RenderConfig, TypstConfig};
pub use crate::error::Error;
use crate::outline::OutlineFile;
use crate::sources::SourceSet;

/// An outline, the sources it cites, and what checking it found.
#[derive(Debug)]
pub struct CheckedOutline {
    /// The outline as read.
    pub file: OutlineFile,
    /// Its sources.
    pub sources: SourceSet,
    /// Findings, verified places and counts.
    pub checked: Checked,
}

impl CheckedOutline {
    /// Whether every quote was verified.
    pub fn is_clean(&self) -> bool {
        self.checked.findings.is_empty()
    }
}

/// What a render produced.
#[derive(Debug)]
pub enum Rendered {
    /// The check found problems; nothing was written.
    Refused,
    /// The output was written to this file.
    Written(PathBuf),
    /// The output, for standard output.
    Bytes(Vec<u8>),
}

/// Every outline of a run checked, the ones that could not be, and the totals.
#[derive(Debug)]
pub struct CheckRun {
    /// The outlines checked, in the order of their paths.
    pub outlines: Vec<CheckedOutline>,
    /// Why the others could not be checked.
    pub errors: Vec<Error>,
    /// Totals over the outlines checked.
    pub summary: summary::Summary,
}

/// Checks every outline of `paths`, taken in sorted order so that output is the same
/// whatever order they were named in. One outline failing does not stop the others. Each
/// source file is read once for all the outlines that cite it. A file named twice (`a.yaml`
/// and `./a.yaml`, or through a link) is checked once, under the first of its names.
pub fn check_all(paths: &[PathBuf], options: CheckOptions) -> CheckRun {
    let mut paths = paths.to_vec();
    paths.sort();
    let mut seen = std::collections::HashSet::new();
    paths.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    let (mut outlines, mut errors) = (Vec::new(), Vec::new());
    for checked in run::check(&paths, &options, false) {
        match checked {
            Ok(outline) => outlines.push(outline),
            Err(error) => errors.push(error),
        }
    }
    let summary = summary::Summary::new(&outlines, errors.len());
    CheckRun {
        outlines,
        errors,
        summary,
    }
}

/// Reads the outline at `path` and its sources, and checks every quote.
pub fn check_outline(path: &Path, options: CheckOptions) -> Result<CheckedOutline, Error> {
    outline_checked(path, &options, false)
}

/// Checks the outline at `path`; with `hash`, the SHA-256 of every cited source is computed.
fn outline_checked(
    path: &Path,
    options: &CheckOptions,
    hash: bool,
) -> Result<CheckedOutline, Error> {
    let mut checked = run::check(&[path.to_owned()], options, hash);
    checked.pop().expect("one result per outline")
}

/// Checks the outline of `config`, then renders it unless the check found anything.
pub fn render(config: &RenderConfig) -> Result<(CheckedOutline, Rendered), Error> {
    let outline = outline_checked(&config.outline, &config.check, true)?;
    if !outline.is_clean() {
        return Ok((outline, Rendered::Refused));
    }
    if let Output::File(path) = &config.output {
        refuse_to_overwrite_inputs(path, &outline)?;
    }
    let briefing = view::Briefing::new(&outline.file, &outline.sources, &outline.checked);
    let bytes = match config.format {
        Format::Markdown => markdown::render(&briefing)?.into_bytes(),
        Format::Typst => typst::render(&briefing, config.paper)?.into_bytes(),
        Format::Pdf => {
            let program = pdf::locate(&config.typst)?;
            let source = typst::render(&briefing, config.paper)?;
            pdf::compile(&program, &source, &config.typst)?
        }
    };
    let rendered = match &config.output {
        Output::Stdout => Rendered::Bytes(bytes),
        Output::File(path) => {
            let within = containment::project_root(&config.outline, config.check.root.as_deref())?;
            let chosen = match config.output_named {
                true => containment::Chosen::ByUser,
                false => containment::Chosen::ByProject,
            };
            let to = output::Destination {
                path,
                chosen,
                within: &within,
                sources: outline.sources.resolved_folder(),
            };
            output::write(to, &bytes)?;
            Rendered::Written(path.clone())
        }
    };
    Ok((outline, rendered))
}

/// Stops a render whose output path is the outline, a source or the catalog.
fn refuse_to_overwrite_inputs(path: &Path, outline: &CheckedOutline) -> Result<(), Error> {
    let catalog = outline.sources.folder.join(catalog::CATALOG_FILE);
    let inputs = std::iter::once(("the outline", &outline.file.path))
        .chain(outline.sources.available.values().map(|p| ("a source", p)))
        .chain(std::iter::once(("the source catalog", &catalog)));
    for (what, input) in inputs {
        if output::same_file(path, input) {
            return Err(Error::OutputIsInput {
                path: path.to_owned(),
                what,
                input: input.clone(),
            });
        }
    }
    Ok(())
}
