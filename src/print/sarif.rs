//! The SARIF printer: SARIF 2.1.0, for code-scanning tools, with one rule per finding code.

use serde_json::{Value, json};

use crate::check::CheckRun;
use crate::check::finding::{Code, Detail, Finding, SourcePlace};
use crate::error::Error;
use crate::outline::OutlineFile;

/// `run` as a SARIF 2.1.0 log with one run.
pub fn run(run: &CheckRun) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|code| rule(*code)).collect();
    let results: Vec<Value> = run
        .outlines
        .iter()
        .flat_map(|o| o.checked.findings.iter().map(|f| result(&o.file, f)))
        .collect();
    let notifications: Vec<Value> = run.errors.iter().map(notification).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "report",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": run.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("JSON values always serialise");
    text.push('\n');
    text
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": { "text": code.description() },
        "defaultConfiguration": { "level": "error" },
    })
}

fn result(file: &OutlineFile, f: &Finding) -> Value {
    let start = f.place.at;
    let end = super::end_of(file, &f.place.bytes, start);
    let index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
    let related: Vec<Value> = match &f.detail {
        Some(Detail::Nearest(near)) => vec![related(1, &near.place, "nearest passage")],
        Some(Detail::Elsewhere(at)) => vec![related(1, at, "the quote, verbatim")],
        Some(Detail::Fragment(frag)) => vec![
            related(1, &frag.at, "the part out of place"),
            related(2, &frag.previous, "the part before it"),
        ],
        _ => Vec::new(),
    };
    json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": "error",
        "message": { "text": super::plain_text(f) },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.path) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            },
        }}],
        "relatedLocations": related,
    })
}

fn related(id: u32, at: &SourcePlace, message: &str) -> Value {
    json!({
        "id": id,
        "message": { "text": message },
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&at.path) },
            "region": { "startLine": at.at.line, "startColumn": at.at.column },
        },
    })
}

fn notification(e: &Error) -> Value {
    let mut value = json!({
        "level": "error",
        "message": { "text": super::plain_error(e) },
    });
    if let Some(path) = e.file() {
        let mut location = json!({ "artifactLocation": { "uri": uri(path) } });
        if let Some(at) = e.at() {
            location["region"] = json!({ "startLine": at.line, "startColumn": at.column });
        }
        value["locations"] = json!([{ "physicalLocation": location }]);
    }
    value
}

/// A relative URI reference for `path`: forward slashes, and every byte outside the
/// unreserved characters percent-encoded.
fn uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
