//! Printers: a check run as text for people (`human`, `short`) and for machines (`json`,
//! `github`, `sarif`, `rdjson`); `report find` ([`find`]) and `report sources` ([`sources`]) as text.
//!
//! Boundary: each printer returns a string; nothing here prints, exits or checks. Printers
//! read findings and errors as data and decide nothing about them.

pub mod find;
pub mod github;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod short;
pub mod sources;

use std::num::NonZeroUsize;

use crate::check::CheckRun;
use crate::check::finding::Finding;
use crate::error::Error;
use crate::outline::OutlineFile;
use crate::text::position::LineCol;
use crate::text::visible::visible;

/// The output formats of `report check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FindingFormat {
    /// rustc-style snippets, coloured on a terminal.
    #[default]
    Human,
    /// One line per finding: `path:line:col: error[code]: message`.
    Short,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// The Reviewdog Diagnostic Format, for `reviewdog -f=rdjson`.
    Rdjson,
}

/// A run as text: what goes to standard output, and what to standard error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    /// Findings and the summary; for the machine formats, everything.
    pub out: String,
    /// Errors, in the formats for people; empty for the machine formats, whose one
    /// document on standard output holds the errors too.
    pub err: String,
}

/// `run` in `format`, on up to `jobs` threads where a format's findings take long to write.
pub fn run(run: &CheckRun, format: FindingFormat, jobs: NonZeroUsize) -> Printed {
    let (out, errors): (String, fn(&Error) -> String) = match format {
        FindingFormat::Human => (human::run(run, jobs), human::error),
        FindingFormat::Short => (short::run(run), short::error),
        FindingFormat::Json => return only(json::run(run)),
        FindingFormat::Github => return only(github::run(run)),
        FindingFormat::Sarif => return only(sarif::run(run)),
        FindingFormat::Rdjson => return only(rdjson::run(run)),
    };
    let err = run.errors.iter().map(|e| errors(e) + "\n").collect();
    Printed { out, err }
}

fn only(out: String) -> Printed {
    Printed {
        out,
        err: String::new(),
    }
}

/// The line and column just after the last character of `bytes` in `file` that is not
/// whitespace (a block scalar's span ends after its line break).
fn end_of(file: &OutlineFile, bytes: &std::ops::Range<usize>, start: LineCol) -> LineCol {
    let text = file.text.get(bytes.clone()).unwrap_or_default();
    let end = bytes.start + text.trim_end().len();
    if end <= bytes.start {
        return start;
    }
    file.lines.line_col(&file.text, end)
}

/// A finding as plain text for formats that carry one message per finding (GitHub, SARIF,
/// reviewdog):
/// its message, the notes the human printer puts under it, and its help, a line each.
fn plain_text(f: &Finding) -> String {
    let mut text = visible(&f.message).into_owned();
    for note in f.detail.iter().flat_map(human::detail) {
        text.push('\n');
        text.push_str(&anstream::adapter::strip_str(&note).to_string());
    }
    text.push_str("\nhelp: ");
    text.push_str(&visible(&f.help));
    text
}

/// An error as plain text: what went wrong, then its help.
fn plain_error(e: &Error) -> String {
    format!("{}\nhelp: {}", error_message(e), visible(&e.help()))
}

/// What went wrong, with hidden characters in it (file names may hold any) made visible line
/// by line, so that Typst's diagnostics keep their line breaks.
pub(crate) fn error_message(e: &Error) -> String {
    let lines: Vec<_> = e
        .to_string()
        .lines()
        .map(|l| visible(l).into_owned())
        .collect();
    lines.join("\n")
}
