//! The reviewdog printer: one Reviewdog Diagnostic Format document (`rdjson`), so that
//! `reviewdog -f=rdjson` posts each finding as a comment on the pull request's line.
//!
//! reviewdog counts columns in bytes of UTF-8 from 1, and a range's end is exclusive. A
//! finding's range is the quote in the outline; the places it names in sources (the nearest
//! passage, the part before) go with it as related locations, by line.

use serde_json::{Value, json};

use crate::check::CheckRun;
use crate::check::finding::{Detail, Finding, SourcePlace};
use crate::error::Error;
use crate::outline::OutlineFile;

/// `run` as one `DiagnosticResult`: every finding, then every error, each as a diagnostic of
/// severity `ERROR`.
pub fn run(run: &CheckRun) -> String {
    let mut diagnostics: Vec<Value> = (run.outlines.iter())
        .flat_map(|o| o.checked.findings.iter().map(|f| finding(&o.file, f)))
        .collect();
    diagnostics.extend(run.errors.iter().map(error));
    let result = json!({
        "source": { "name": "report" },
        "severity": "ERROR",
        "diagnostics": diagnostics,
    });
    let mut text = serde_json::to_string_pretty(&result).expect("JSON values always serialise");
    text.push('\n');
    text
}

fn finding(file: &OutlineFile, f: &Finding) -> Value {
    let start = f.place.bytes.start.min(file.text.len());
    let text = file.text.get(f.place.bytes.clone()).unwrap_or_default();
    // A block scalar's span ends after its line break: the range ends at its last character.
    let end = (start + text.trim_end().len()).max(start);
    let related: Vec<Value> = match &f.detail {
        Some(Detail::Nearest(near)) => vec![related(&near.place, "the nearest passage")],
        Some(Detail::Elsewhere(at)) => vec![related(at, "the quote, verbatim")],
        Some(Detail::Fragment(part)) => vec![
            related(&part.at, "the part out of place"),
            related(&part.previous, "the part before it"),
        ],
        _ => Vec::new(),
    };
    let mut diagnostic = json!({
        "message": super::plain_text(f),
        "location": {
            "path": file.path.display().to_string(),
            "range": { "start": position(&file.text, start), "end": position(&file.text, end) },
        },
        "severity": "ERROR",
        "code": { "value": f.code.as_str() },
    });
    if !related.is_empty() {
        diagnostic["related_locations"] = related.into();
    }
    diagnostic
}

/// A place in a source, by line: its column is counted in characters, which reviewdog
/// would read as bytes.
fn related(at: &SourcePlace, message: &str) -> Value {
    json!({
        "message": message,
        "location": {
            "path": at.path.display().to_string(),
            "range": { "start": { "line": at.at.line } },
        },
    })
}

fn error(e: &Error) -> Value {
    let mut location =
        json!({ "path": e.file().map(|p| p.display().to_string()).unwrap_or_default() });
    if let Some(at) = e.at() {
        location["range"] = json!({ "start": { "line": at.line } });
    }
    json!({
        "message": super::plain_error(e),
        "location": location,
        "severity": "ERROR",
        "code": { "value": "error" },
    })
}

/// Byte `at` of `text` as reviewdog's position: its line from 1, and its column from 1 in
/// bytes of UTF-8.
fn position(text: &str, at: usize) -> Value {
    let before = &text.as_bytes()[..at];
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    json!({ "line": line, "column": at - line_start + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_bytes_from_one() {
        let text = "a: 𐐀b\nquote: x";
        assert_eq!(position(text, 0), json!({ "line": 1, "column": 1 }));
        // `b` stands after a character of four bytes.
        let b = text.find('b').unwrap();
        assert_eq!(position(text, b), json!({ "line": 1, "column": 8 }));
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), json!({ "line": 2, "column": 8 }));
    }
}
