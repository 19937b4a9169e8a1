//! `report sources add` against documents built to make a false quote pass or the run hang:
//! hidden Word text, numbers at the top of pages that are not page numbers, hyphens ending
//! table cells and paragraphs, web content a browser does not show, a catalog an entry cannot
//! be appended to, a replaced original, and a pdftotext that never ends.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{assert_contains, pdf_tools, report_in};
use crate::sources_add::{W, docx, typeset};

/// Writes an outline in `dir` citing `quote` from `source`, and checks it.
fn check(dir: &Path, source: &str, quote: &str) -> i32 {
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          source: {source}\n          quote: {}\n",
        crate::common::yaml_string(quote)
    );
    std::fs::write(dir.join("report.yaml"), outline).unwrap();
    report_in(dir, &["check"]).code
}

#[test]
fn hidden_word_text_is_never_quotable() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>Zulu a</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>b</w:t></w:r><w:r><w:t>c rises.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>Styled away.</w:t></w:r><w:r><w:t>Shown.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="character" w:styleId="Secret"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#
    );
    docx(
        &dir.path().join("h.docx"),
        &[("word/document.xml", &body), ("word/styles.xml", &styles)],
    );
    assert_eq!(report_in(dir.path(), &["sources", "add", "h.docx"]).code, 0);
    assert_eq!(check(dir.path(), "h", "Zulu ac rises."), 0);
    assert_eq!(check(dir.path(), "h", "Zulu abc rises."), 1);
    assert_eq!(check(dir.path(), "h", "Styled away."), 1);
    assert_eq!(check(dir.path(), "h", "Shown."), 0);
}

#[test]
fn numbers_at_the_top_of_pages_that_do_not_count_them_stay() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = "#set par(spacing: 2em)\nHe said he would\n#pagebreak()\nnever in 2024\n\nraise taxes on families.\n#pagebreak()\n2025\n\nwith children.\n#pagebreak()\n2026\n\nor so he said.";
    typeset(dir.path(), "h.pdf", source);
    let run = report_in(dir.path(), &["sources", "add", "h.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("dropped"), "{}", run.stderr);
    assert_eq!(check(dir.path(), "h", "He said he would raise taxes"), 1);
    assert_eq!(check(dir.path(), "h", "2025"), 0);
}

#[test]
fn a_hyphen_ending_a_cell_or_a_paragraph_joins_nothing() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = "#set par(spacing: 2em)\nA word that is anti-\n\nwar protesters gathered.\n\n#table(columns: 2, [The treaty is non-], [binding on members], [Second row pre-], [dated cheque])";
    typeset(dir.path(), "j.pdf", source);
    assert_eq!(report_in(dir.path(), &["sources", "add", "j.pdf"]).code, 0);
    assert_eq!(check(dir.path(), "j", "antiwar protesters"), 1);
    assert_eq!(check(dir.path(), "j", "predated cheque"), 1);
    assert_eq!(check(dir.path(), "j", "A word that is anti-"), 0);
}

#[test]
fn web_content_a_browser_does_not_show_is_never_quotable() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><title>Vote \u{202e}reversed</title></head><body><article><h1>Vote</h1><p>The council met on Monday and it <address>agreed</address>unanimously that the plan should go ahead without delay.</p><canvas><p>Secret canvas fallback text.</p></canvas><video><p>Video fallback text here.</p></video><p>The mayor welcomed the decision in a short statement to the press afterwards.</p></article></body></html>";
    std::fs::write(dir.path().join("v.html"), page).unwrap();
    assert_eq!(report_in(dir.path(), &["sources", "add", "v.html"]).code, 0);
    assert_eq!(check(dir.path(), "v", "agreedunanimously"), 1);
    assert_eq!(check(dir.path(), "v", "Secret canvas fallback text."), 1);
    assert_eq!(check(dir.path(), "v", "Video fallback text here."), 1);
    assert_eq!(check(dir.path(), "v", "The mayor welcomed the decision"), 0);
    let catalog = std::fs::read_to_string(dir.path().join("sources/sources.yaml")).unwrap();
    assert!(!catalog.contains('\u{202e}'), "{catalog}");
}

#[test]
fn a_catalog_an_entry_cannot_be_appended_to_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("memo.txt"), "A memo.\n").unwrap();
    for old in ["{zeta: {title: Z}}\n", "---\na:\n  title: A\n...\n"] {
        let catalog = dir.path().join("sources/sources.yaml");
        std::fs::write(&catalog, old).unwrap();
        let run = report_in(dir.path(), &["sources", "add", "memo.txt"]);
        assert_eq!(run.code, 2, "{old}: {}", run.stderr);
        assert_contains(&run.stderr, "a new entry cannot be added at its end");
        assert_contains(&run.stderr, "memo:");
        assert_eq!(std::fs::read_to_string(&catalog).unwrap(), old);
        assert!(!dir.path().join("sources/memo.txt").exists());
    }
}

#[test]
fn verify_notices_an_original_replaced_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let first = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>The first minutes.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let second = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>Other minutes.</w:t></w:r></w:p></w:body></w:document>"#
    );
    docx(&dir.path().join("d.docx"), &[("word/document.xml", &first)]);
    docx(
        &dir.path().join("e.docx"),
        &[("word/document.xml", &second)],
    );
    assert_eq!(report_in(dir.path(), &["sources", "add", "d.docx"]).code, 0);
    assert_eq!(report_in(dir.path(), &["sources", "add", "e.docx"]).code, 0);
    let sources = dir.path().join("sources");
    std::fs::copy(
        sources.join("originals/e.docx"),
        sources.join("originals/d.docx"),
    )
    .unwrap();
    std::fs::copy(sources.join("e.txt"), sources.join("d.txt")).unwrap();
    let run = report_in(dir.path(), &["sources", "verify", "d"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "its kept original is not the file the text was made from",
    );
}

#[test]
fn a_pdftotext_that_never_ends_is_stopped_at_the_time_limit() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    typeset(dir.path(), "p.pdf", "Words.");
    let fake = dir.path().join("slow-pdftotext");
    std::fs::write(&fake, "#!/bin/sh\n[ \"$1\" = -v ] && { echo 'pdftotext version 0' >&2; exit 0; }\nexec sleep 1000\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let started = Instant::now();
    let run = report_in(
        dir.path(),
        &[
            "sources",
            "add",
            "p.pdf",
            "--pdftotext",
            fake.to_str().unwrap(),
            "--timeout",
            "2",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "ran longer than 2 s and was stopped");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert!(!dir.path().join("sources").exists());
}

#[test]
fn ids_that_could_pass_for_another_or_hold_odd_characters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("memo.txt"), "A memo.\n").unwrap();
    std::fs::write(dir.path().join("empty.txt"), " \n").unwrap();
    assert_eq!(
        report_in(
            dir.path(),
            &["sources", "add", "memo.txt", "--id", "Report"]
        )
        .code,
        0
    );
    for (id, said) in [
        ("report", "could pass for the source `Report`"),
        ("a b", "only letters, digits"),
        ("a:b", "only letters, digits"),
    ] {
        let run = report_in(dir.path(), &["sources", "add", "memo.txt", "--id", id]);
        assert_eq!(run.code, 2, "{id}");
        assert_contains(&run.stderr, said);
    }
    let run = report_in(dir.path(), &["sources", "add", "empty.txt"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "empty.txt: the document holds no text");
}
