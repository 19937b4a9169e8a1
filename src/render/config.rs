//! What a run was asked to do, validated: the library's own types, free of CLI parsing.

use std::path::{Path, PathBuf};

/// An output format of `report render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GitHub-flavoured Markdown with footnotes.
    Markdown,
    /// A self-contained Typst document.
    Typst,
    /// A PDF, compiled from the Typst document by the `typst` CLI.
    Pdf,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// The file extension of this format's output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Typst => "typ",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// The paper size of Typst and PDF output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4.
    #[default]
    A4,
    /// US Letter.
    UsLetter,
}

/// Where rendered output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

/// How to run the `typst` CLI for PDF output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstConfig {
    /// The program, from `--typst` or `REPORT_TYPST`; `None` means `typst` on `PATH`.
    pub program: Option<PathBuf>,
    /// The PDF's creation time in seconds since 1970 (`SOURCE_DATE_EPOCH`), for
    /// reproducible output; `None` lets Typst use the current time.
    pub creation_timestamp: Option<i64>,
    /// How long Typst may run before it is stopped.
    pub timeout: std::time::Duration,
}

impl TypstConfig {
    /// The time limit Typst gets unless told otherwise: two minutes.
    pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);
}

impl Default for TypstConfig {
    fn default() -> Self {
        Self {
            program: None,
            creation_timestamp: None,
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }
}

/// A validated `report render` request.
#[derive(Debug, Clone)]
pub struct RenderConfig {
    /// The outline to check and render.
    pub outline: PathBuf,
    /// The output format.
    pub format: Format,
    /// Where the output goes.
    pub output: Output,
    /// Whether the user named the output path (`-o`): only then may it lie outside the
    /// project or be a FIFO or device.
    pub output_named: bool,
    /// The paper size (Typst and PDF).
    pub paper: Paper,
    /// How to run Typst (PDF).
    pub typst: TypstConfig,
    /// What the check before rendering holds the outline to.
    pub check: crate::check::CheckOptions,
    /// HTML: the characters of a source shown on either side of a quote in its evidence.
    pub excerpt: usize,
    /// Whether this is a draft (`--draft`): rendered whatever the check found, flagged, and
    /// written beside the briefing, never over it.
    pub draft: bool,
}

impl RenderConfig {
    /// The same request as a draft: to `report.draft.md` (the outline's path with `draft.`
    /// and the format's extension) unless the output was named.
    pub fn into_draft(mut self) -> Self {
        if !self.output_named {
            self.output = Output::File(
                (self.outline).with_extension(format!("draft.{}", self.format.extension())),
            );
        }
        self.draft = true;
        self
    }

    /// Where the briefing itself goes when no output is named.
    pub fn final_output(&self) -> PathBuf {
        self.outline.with_extension(self.format.extension())
    }

    /// The characters of a source shown on either side of a quote unless told otherwise.
    pub const DEFAULT_EXCERPT: usize = 240;

    /// A request to render `outline` as `format`; with no `output`, the output file is the
    /// outline's path with the format's extension (`report.yaml` → `report.md`), and `-`
    /// means standard output.
    pub fn new(outline: PathBuf, format: Format, named: Option<&Path>) -> Self {
        let output = match named {
            Some(p) if p == Path::new("-") => Output::Stdout,
            Some(p) => Output::File(p.to_owned()),
            None => Output::File(outline.with_extension(format.extension())),
        };
        Self {
            outline,
            format,
            output,
            output_named: named.is_some(),
            draft: false,
            paper: Paper::default(),
            typst: TypstConfig::default(),
            check: crate::check::CheckOptions::default(),
            excerpt: Self::DEFAULT_EXCERPT,
        }
    }
}
