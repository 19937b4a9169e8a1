//! The human printer: findings and errors as rustc-style snippets, and the summary line.
//!
//! Returns text with ANSI styles; the caller's stream strips them when it is not a terminal
//! or `NO_COLOR` is set. Nothing here prints.

use std::collections::BTreeMap;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::error::Error;
use crate::finding::{Code, Finding, Stats};
use crate::outline::OutlineFile;

/// `finding` in `file` as a snippet of the outline line with a caret under the quote.
pub fn finding(file: &OutlineFile, finding: &Finding) -> String {
    let line = finding.place.at.line;
    let range = file.lines.line_range(&file.text, line);
    let text = &file.text[range.clone()];
    let start = finding.place.bytes.start.clamp(range.start, range.end) - range.start;
    let end = finding.place.bytes.end.clamp(range.start, range.end) - range.start;
    let end = if end > start { end } else { text.len() };
    let path = file.path.display().to_string();
    let report = [Level::ERROR
        .primary_title(&finding.message)
        .id(finding.code.as_str())
        .element(
            Snippet::source(text)
                .line_start(line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(start..end)),
        )
        .element(Level::HELP.message(&finding.help))];
    Renderer::styled().render(&report)
}

/// A fatal error, with a snippet of the line at fault where there is one, and its help line.
pub fn error(error: &Error) -> String {
    let help = error.help();
    let group = match error {
        Error::Yaml {
            path,
            at,
            message,
            line,
            ..
        } => {
            let start = line
                .char_indices()
                .nth(at.column - 1)
                .map_or(line.len(), |(i, _)| i);
            let end = line[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            let path = path.display().to_string();
            Level::ERROR.primary_title(message.clone()).element(
                Snippet::source(line.as_str())
                    .line_start(at.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        other => Group::with_title(Level::ERROR.primary_title(other.to_string())),
    };
    Renderer::styled().render(&[group.element(Level::HELP.message(&help))])
}

/// The closing line: `checked 24 quotes (3 inline) in 6 sections against 2 sources: 23 verified, 1 not found`.
pub fn summary(stats: &Stats, findings: &[&Finding]) -> String {
    let mut line = format!(
        "checked {} ({} inline) in {} against {}: {} verified",
        count(stats.quotes, "quote", "quotes"),
        stats.inline,
        count(stats.sections, "section", "sections"),
        count(stats.sources, "source", "sources"),
        stats.verified,
    );
    let mut by_label: BTreeMap<&str, usize> = BTreeMap::new();
    for code in findings.iter().map(|f| f.code) {
        *by_label.entry(code.summary_label()).or_default() += 1;
    }
    for code in Code::ALL {
        if let Some(n) = by_label.remove(code.summary_label()) {
            line.push_str(&format!(", {n} {}", code.summary_label()));
        }
    }
    line
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
