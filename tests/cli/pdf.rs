//! `report render --format pdf|typst`: the real `typst` compiles the briefing, and `pdftotext`
//! reads back every quotation exactly as the outline gives it.

use std::path::Path;

use crate::common::{
    assert_contains, copy_fixture, fixture, flatten, flatten_pdf, markdown_text, pdf_text,
    pdf_tools, quotes_of, report_in,
};

const EPOCH: &str = "1700000000";

/// Renders the outline in `dir` to `out` as `format`, with a fixed creation time.
fn render(dir: &Path, format: &str, out: &str) -> crate::common::Run {
    report_in(
        dir,
        &[
            "render",
            "--format",
            format,
            "-o",
            out,
            "--source-date-epoch",
            EPOCH,
        ],
    )
}

fn assert_every_quote_in(text: &str, outline: &Path, flatten: fn(&str) -> String) {
    let text = flatten(text);
    for quote in quotes_of(outline) {
        let quote = flatten(&quote);
        assert!(
            text.contains(&quote),
            "{quote:?} not in the extracted text:\n{text}"
        );
    }
}

#[test]
fn the_example_pdf_holds_every_quote_verbatim() {
    if !pdf_tools() {
        return;
    }
    let dir = crate::common::example_copy();
    let run = render(dir.path(), "pdf", "briefing.pdf");
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The Typst of these tests is one the template is tested with; the PDF names it.
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let pdf = std::fs::read(dir.path().join("briefing.pdf")).unwrap();
    let made = report::render::pdf::made_by(&pdf).expect("the PDF names its Typst");
    assert_eq!(report::render::pdf::older_than_tested(&made), Some(false));
    let text = pdf_text(&dir.path().join("briefing.pdf"));
    assert_every_quote_in(&text, &dir.path().join("report.yaml"), flatten_pdf);
    let flat = flatten(&text);
    assert!(flat.contains("Russia and Hamas after 7 October"));
    assert!(
        flat.contains("All 34 quotations in this briefing were found verbatim"),
        "{flat}"
    );
    assert!(
        flat.contains("5c60c10c29c6"),
        "short SHA-256 of a source: {flat}"
    );
}

#[test]
fn the_pdf_carries_title_and_author_metadata() {
    if !pdf_tools() {
        return;
    }
    let dir = crate::common::example_copy();
    assert_eq!(render(dir.path(), "pdf", "briefing.pdf").code, 0);
    let info = std::process::Command::new("pdfinfo")
        .arg(dir.path().join("briefing.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           Russia and Hamas after 7 October"),
        "{info}"
    );
    assert!(info.contains("Author:          Research desk"), "{info}");
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
}

#[test]
fn us_letter_paper_is_available() {
    if !pdf_tools() {
        return;
    }
    let dir = crate::common::example_copy();
    let run = report_in(
        dir.path(),
        &["render", "--format", "pdf", "--paper", "us-letter"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let info = std::process::Command::new("pdfinfo")
        .arg(dir.path().join("report.pdf"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("612 x 792 pts (letter)"));
}

#[test]
fn the_same_source_date_epoch_gives_the_same_pdf_bytes() {
    if !pdf_tools() {
        return;
    }
    let dir = crate::common::example_copy();
    assert_eq!(render(dir.path(), "pdf", "one.pdf").code, 0);
    assert_eq!(render(dir.path(), "pdf", "two.pdf").code, 0);
    let one = std::fs::read(dir.path().join("one.pdf")).unwrap();
    let two = std::fs::read(dir.path().join("two.pdf")).unwrap();
    assert!(one.starts_with(b"%PDF-"));
    assert!(one == two, "two renders differ");
}

#[test]
fn hostile_markup_prints_literally_in_pdf_and_markdown() {
    if !pdf_tools() {
        return;
    }
    let dir = copy_fixture("hostile-markup");
    let outline = dir.path().join("report.yaml");
    assert_eq!(render(dir.path(), "pdf", "out.pdf").code, 0);
    let text = pdf_text(&dir.path().join("out.pdf"));
    assert_every_quote_in(&text, &outline, flatten_pdf);
    let flat = flatten(&text);
    assert!(
        flat.contains("Hostile *markup* #in $every$ _field_ \"here\""),
        "{flat}"
    );
    assert!(flat.contains("#heading[injected] = $x$"), "{flat}");
    // Each quotation in the text carries its note's number (`"Smart"2`).
    assert!(
        flat.contains(
            "The source calls it \"Smart\"2 and writes #read(\"/etc/passwd\"3) -- verbatim."
        ),
        "{flat}"
    );
    assert!(!flat.contains("root:"), "nothing was read from /etc/passwd");

    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0);
    let parsed = markdown_text(&run.stdout);
    assert_every_quote_in(&parsed, &outline, flatten);
}

#[test]
fn the_typst_source_of_the_example_matches_its_snapshot() {
    let dir = crate::common::example_copy();
    let run = report_in(dir.path(), &["render", "--format", "typst", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let snapshot = fixture("../snapshots/example.typ");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &run.stdout).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot).expect("tests/snapshots/example.typ exists");
    assert!(
        run.stdout == expected,
        "the Typst source changed; review it and run with UPDATE_SNAPSHOTS=1"
    );
}

#[test]
fn a_missing_typst_exits_2_saying_how_to_install_it_and_keeps_old_output() {
    let dir = crate::common::example_copy();
    std::fs::write(dir.path().join("report.pdf"), "old pdf").unwrap();
    let run = report_in(
        dir.path(),
        &["render", "--format", "pdf", "--typst", "/nonexistent/typst"],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "`/nonexistent/typst` not found");
    assert_contains(&run.stderr, "cargo install --locked typst-cli");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.pdf")).unwrap(),
        "old pdf"
    );
}

#[test]
fn report_typst_names_the_program_too() {
    let dir = crate::common::example_copy();
    let run = crate::common::report_with_env(
        dir.path(),
        &["render", "--format", "pdf"],
        &[("REPORT_TYPST", "/nonexistent/typst-from-env")],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "`/nonexistent/typst-from-env` not found");
}

#[cfg(unix)]
#[test]
fn a_failing_typst_exits_2_showing_its_diagnostics_and_keeps_old_output() {
    let dir = crate::common::example_copy();
    let fake = dir.path().join("failing-typst");
    crate::common::stand_in(
        &fake,
        "echo 'error: something went wrong at briefing.typ:3:1' >&2\nexit 1\n",
    );
    std::fs::write(dir.path().join("report.pdf"), "old pdf").unwrap();
    let run = report_in(
        dir.path(),
        &[
            "render",
            "--format",
            "pdf",
            "--typst",
            fake.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "typst failed (exit status: 1)");
    assert_contains(
        &run.stderr,
        "error: something went wrong at briefing.typ:3:1",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.pdf")).unwrap(),
        "old pdf"
    );
    assert_eq!(
        crate::common::file_names(dir.path()),
        ["failing-typst", "report.pdf", "report.yaml", "sources"]
    );
}
