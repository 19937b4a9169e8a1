//! The JSON printer: one document with every finding, error and total.
//!
//! The schema is documented in `README.md` ("JSON output") and versioned by its `version`
//! field: fields may be added within a version, never renamed or removed.

use serde_json::{Value, json};

use crate::check::finding::{Detail, Finding, NearMiss, SourcePlace};
use crate::check::{CheckRun, Found};
use crate::error::Error;
use crate::nearest::difference::{Comparison, Substitution};
use crate::outline::{Citation, OutlineFile};

/// The version of the JSON document's shape.
pub const VERSION: u32 = 1;

/// `run` as one pretty-printed JSON document.
pub fn run(run: &CheckRun) -> String {
    let findings: Vec<Value> = run
        .outlines
        .iter()
        .flat_map(|o| o.checked.findings.iter().map(|f| finding(&o.file, f)))
        .collect();
    let verified: Vec<Value> = (run.outlines.iter())
        .flat_map(|o| {
            (o.file.outline.citations().into_iter())
                .filter_map(|c| Some(verified(&o.file, c, o.checked.found(c.id)?)))
        })
        .collect();
    let verified_inline: Vec<Value> = (run.outlines.iter())
        .flat_map(|o| {
            o.checked
                .inline
                .values()
                .map(|f| verified_inline(&o.file, f))
        })
        .collect();
    let errors: Vec<Value> = run.errors.iter().map(error).collect();
    let s = &run.summary;
    let by_code: serde_json::Map<String, Value> = s
        .by_code
        .iter()
        .map(|(code, n)| (code.as_str().to_owned(), json!(n)))
        .collect();
    let document = json!({
        "version": VERSION,
        "tool": { "name": "report", "version": env!("CARGO_PKG_VERSION") },
        "findings": findings,
        "verified": verified,
        "verified_inline": verified_inline,
        "errors": errors,
        "summary": {
            "outlines": s.outlines,
            "quotes": s.stats.quotes,
            "inline": s.stats.inline,
            "verified": s.stats.verified,
            "sections": s.stats.sections,
            "sources": s.stats.sources,
            "paragraphs": s.stats.paragraphs,
            "uncited_paragraphs": s.stats.uncited_paragraphs,
            "uncited_sources": s.uncited_sources.iter().map(|u| json!({
                "id": u.id,
                "path": u.path.display().to_string(),
            })).collect::<Vec<_>>(),
            "findings": s.findings(),
            "by_code": by_code,
            "errors": s.errors,
        },
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// A verified citation: where it is in the outline, and where its quote stands in its source.
fn verified(file: &OutlineFile, citation: &Citation, found: &Found) -> Value {
    let at = file.place_text(&citation.quote).at;
    let span = |range: Option<(i64, i64)>| range.map(|(a, b)| json!([a, b]));
    let paragraphs = found.paragraphs.map(|(a, b)| (a as i64, b as i64));
    json!({
        "outline": { "path": file.path.display().to_string(), "line": at.line, "column": at.column },
        "source": found.source,
        "line": found.at.line,
        "column": found.at.column,
        "pages": span(found.pages),
        "paragraphs": span(paragraphs),
        "heading": found.heading,
        "alterations": alterations(found),
    })
}

/// A verified quotation in running text: where it stands in the outline, its words, and
/// where they stand in the source.
fn verified_inline(file: &OutlineFile, found: &Found) -> Value {
    let (line, column, words) = match &found.inline {
        Some((at, words)) => (at.line, at.column, words.as_str()),
        None => (0, 0, ""),
    };
    json!({
        "outline": { "path": file.path.display().to_string(), "line": line, "column": column },
        "quote": words,
        "source": found.source,
        "line": found.at.line,
        "column": found.at.column,
        "alterations": alterations(found),
    })
}

/// The alterations a verified quote makes, each with its kind and the characters written.
fn alterations(found: &Found) -> Vec<Value> {
    (found.alterations.iter())
        .map(|a| json!({ "kind": a.kind.as_str(), "text": a.text }))
        .collect()
}

fn finding(file: &OutlineFile, f: &Finding) -> Value {
    let end = super::end_of(file, &f.place.bytes, f.place.at);
    let (mut nearest, mut elsewhere, mut part) = (Value::Null, Value::Null, Value::Null);
    match &f.detail {
        Some(Detail::Nearest(near)) => nearest = near_miss(near),
        Some(Detail::Elsewhere(at)) => elsewhere = place(at),
        Some(Detail::Fragment(frag)) => {
            part = json!({
                "part": frag.part + 1,
                "text": frag.text,
                "at": place(&frag.at),
                "previous": place(&frag.previous),
                "gap": frag.gap.map(|g| g.chars),
                "between": frag.gap.map(|g| json!({
                    "words": g.words,
                    "sentences": g.sentences,
                    "paragraphs": g.paragraphs,
                })),
                "join": match frag.join {
                    crate::matching::Join::Bracket => "bracket",
                    crate::matching::Join::Ellipsis => "ellipsis",
                    crate::matching::Join::Sentences => "four-dot-ellipsis",
                },
            });
        }
        Some(Detail::NoClosePassage | Detail::QuoteTooLong { .. }) | None => {}
    }
    json!({
        "code": f.code.as_str(),
        "severity": "error",
        "message": f.message,
        "help": f.help,
        "outline": {
            "path": file.path.display().to_string(),
            "line": f.place.at.line,
            "column": f.place.at.column,
            "end_line": end.line,
            "end_column": end.column,
        },
        "source": f.source,
        "quote": f.quote,
        "nearest": nearest,
        "no_close_passage": matches!(f.detail, Some(Detail::NoClosePassage)),
        "too_long_to_search": matches!(f.detail, Some(Detail::QuoteTooLong { .. })),
        "elsewhere": elsewhere,
        "part": part,
    })
}

fn near_miss(near: &NearMiss) -> Value {
    let mut value = json!({
        "source": near.place.source,
        "path": near.place.path.display().to_string(),
        "line": near.place.at.line,
        "column": near.place.at.column,
        "text": near.text,
        "part": near.part.map(|p| p + 1),
        "cut_short": near.cut_short,
        "cuts": near.cuts,
        "negation": near.negation,
        // Rounded down, as the human output's percentage is.
        "similarity": (near.comparison.similarity * 1000.0).floor() / 1000.0,
        "difference": difference(&near.comparison),
        "diff": near.comparison.diff.iter().map(|d| json!({
            "side": d.side.as_str(),
            "text": d.text,
        })).collect::<Vec<_>>(),
    });
    with_page(&mut value, near.place.page);
    value
}

/// Adds the page to a place's `value`, for a source with pages (no key otherwise).
fn with_page(value: &mut Value, page: Option<i64>) {
    if let (Some(page), Some(object)) = (page, value.as_object_mut()) {
        object.insert("page".into(), page.into());
    }
}

fn difference(c: &Comparison) -> Value {
    let pairs = |subs: &[Substitution]| -> Vec<Value> {
        subs.iter()
            .map(|s| json!({ "source": s.source, "quote": s.quote }))
            .collect()
    };
    let d = &c.difference;
    json!({
        "kind": if d.only_typography() { "typographic" } else { "words" },
        "typography": pairs(&d.typography),
        "changed": pairs(&d.changed),
        "added": d.added,
        "dropped": d.dropped,
    })
}

fn place(at: &SourcePlace) -> Value {
    let mut value = json!({
        "source": at.source,
        "path": at.path.display().to_string(),
        "line": at.at.line,
        "column": at.at.column,
    });
    with_page(&mut value, at.page);
    value
}

fn error(e: &Error) -> Value {
    json!({
        "message": e.to_string(),
        "help": e.help(),
        "path": e.file().map(|p| p.display().to_string()),
        "line": e.at().map(|at| at.line),
        "column": e.at().map(|at| at.column),
    })
}
