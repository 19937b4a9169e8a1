//! What a run was asked to do, validated: the library's own types, free of CLI parsing.

use std::path::{Path, PathBuf};

/// An output format of `report render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GitHub-flavoured Markdown with footnotes.
    Markdown,
}

impl Format {
    /// The file extension of this format's output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
        }
    }
}

/// Where rendered output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

/// A validated `report render` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderConfig {
    /// The outline to check and render.
    pub outline: PathBuf,
    /// The output format.
    pub format: Format,
    /// Where the output goes.
    pub output: Output,
}

impl RenderConfig {
    /// A request to render `outline` as `format`; with no `output`, the output file is the
    /// outline's path with the format's extension (`report.yaml` → `report.md`), and `-`
    /// means standard output.
    pub fn new(outline: PathBuf, format: Format, output: Option<&Path>) -> Self {
        let output = match output {
            Some(p) if p == Path::new("-") => Output::Stdout,
            Some(p) => Output::File(p.to_owned()),
            None => Output::File(outline.with_extension(format.extension())),
        };
        Self {
            outline,
            format,
            output,
        }
    }
}
