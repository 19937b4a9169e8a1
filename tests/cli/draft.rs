//! `report render --draft`: an outline with findings rendered for review, each quotation not
//! verified flagged where it stands and in its note, a DRAFT banner on every page, written
//! beside the briefing and never over it, exit 1 while anything is found.

use std::path::Path;

use crate::common::{assert_contains, example_copy, pdf_text, pdf_tools, report_in};

/// The example with one quote misquoted (its `as` left out).
fn misquoted() -> tempfile::TempDir {
    let dir = example_copy();
    let outline = dir.path().join("report.yaml");
    let text = std::fs::read_to_string(&outline).unwrap();
    let broken = text.replacen(
        "designated Hamas as a terrorist",
        "designated Hamas a terrorist",
        1,
    );
    assert_ne!(text, broken);
    std::fs::write(&outline, broken).unwrap();
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn a_markdown_draft_flags_the_quotation_not_verified_and_is_not_the_briefing() {
    let dir = misquoted();
    let run = report_in(dir.path(), &["render", "--draft", "--format", "md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "wrote the draft report.draft.md");
    assert!(
        !dir.path().join("report.md").exists(),
        "the briefing is not written"
    );
    let md = read(dir.path(), "report.draft.md");
    assert!(
        md.starts_with("> **DRAFT — 1 quotation not verified**\n"),
        "{md}"
    );
    assert_eq!(
        md.matches("DRAFT — 1 quotation not verified").count(),
        2,
        "top and end"
    );
    // Flagged where it stands, and in its note, with the finding's code and reason.
    assert_eq!(
        md.matches("**\\[not verified: quote-not-found\\]**")
            .count(),
        1,
        "{md}"
    );
    let note = (md.lines())
        .find(|l| l.contains("**Not verified (quote-not-found):**"))
        .expect("the note says why");
    assert_contains(
        note,
        "Russia has not designated Hamas a terrorist organization",
    );
    assert_contains(note, "quote not found in");
    // The note claims no place for a quote the check did not place, and the draft does not
    // claim every quotation verified.
    assert!(!note.contains("line 0"), "{note}");
    assert_contains(&md, "33 quotations verified verbatim");
    assert_contains(&md, "it is not the briefing");
}

#[test]
fn a_draft_never_goes_over_the_briefing_and_a_clean_draft_says_so() {
    let dir = misquoted();
    let run = report_in(
        dir.path(),
        &["render", "--draft", "--format", "md", "-o", "report.md"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "a draft is never written over the briefing");
    assert!(!dir.path().join("report.md").exists());
    // Nor over the briefing of another format.
    std::fs::write(dir.path().join("report.html"), "the final briefing").unwrap();
    for path in ["report.html", "report.pdf", "./report.typ"] {
        let run = report_in(
            dir.path(),
            &["render", "--draft", "--format", "md", "-o", path],
        );
        assert_eq!(run.code, 2, "{path}: {}", run.stderr);
    }
    assert_eq!(read(dir.path(), "report.html"), "the final briefing");
    // Nor without `--draft` is anything rendered; the refusal points at the draft.
    let refused = report_in(dir.path(), &["render", "--format", "md"]);
    assert_eq!(refused.code, 1);
    assert_contains(&refused.stderr, "--draft");
    assert!(!dir.path().join("report.md").exists());
    // A clean outline's draft says every quotation is verified, and exits 0.
    let clean = example_copy();
    let run = report_in(clean.path(), &["render", "--draft", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = read(clean.path(), "report.draft.md");
    assert!(
        md.starts_with("> **DRAFT — every quotation verified**"),
        "{md}"
    );
    assert!(!md.contains("not verified:"), "{md}");
}

/// Every page of a PDF draft carries the banner; the flag stands in the text and the note.
#[test]
fn every_page_of_a_pdf_draft_carries_the_banner() {
    if !pdf_tools() {
        return;
    }
    let dir = misquoted();
    let run = report_in(dir.path(), &["render", "--draft", "--format", "pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let text = pdf_text(&dir.path().join("report.draft.pdf"));
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 1, "{text}");
    for (i, page) in pages.iter().enumerate() {
        assert_contains(page, "DRAFT — 1 quotation not verified");
        assert!(i == 0 || !page.is_empty());
    }
    assert_contains(&text, "[not verified: quote-not-found]");
    assert_contains(&text, "Not verified (quote-not-found)");
    assert!(
        !text.contains("All 33 quotations"),
        "no claim that all hold"
    );
    assert!(!dir.path().join("report.pdf").exists());
}

/// A source that cannot be read leaves its quotations flagged in a draft, whose other
/// quotations are laid out as usual; the HTML draft shows them without evidence.
#[test]
fn a_draft_shows_quotations_of_a_source_that_cannot_be_read() {
    let dir = crate::common::copy_fixture("unreadable-sources");
    let run = report_in(dir.path(), &["render", "--draft", "--format", "html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let html = read(dir.path(), "report.draft.html");
    assert_contains(&html, "DRAFT — 1 quotation not verified");
    assert_contains(&html, "not verified: source-unreadable");
    assert_contains(&html, "it looks like WINDOWS-1252");
    assert_contains(&html, "<mark>The report is good</mark>");
}
