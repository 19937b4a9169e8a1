//! Nothing false is verified: quotes cut out of words by the full Unicode rules, a quotation
//! no source file can vouch for, and fragments found by hash are all refused end to end.

use std::path::Path;

use crate::common::{Run, assert_contains, report_in};

/// A project whose one source is `source`, and an outline of `paragraphs` (YAML list items,
/// indented for the `paragraphs:` key).
fn project(dir: &Path, source: &str, paragraphs: &str) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("sources/memo.txt"), source).unwrap();
    let outline = format!("title: T\nsections:\n  - heading: H\n    paragraphs:\n{paragraphs}");
    std::fs::write(dir.join("report.yaml"), outline).unwrap();
}

fn cite(quote: &str) -> String {
    format!(
        "      - text: Said.\n        cite:\n          - source: memo\n            quote: {quote:?}\n"
    )
}

#[track_caller]
fn assert_not_verified(run: &Run, code: &str) {
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, code);
}

#[test]
fn a_quote_cut_out_of_a_word_is_refused_however_long_the_run_before_it() {
    let indicators = "\u{1f1e6}".repeat(257);
    let cases = [
        (
            format!("x {indicators}\u{1f1fa}\u{1f1f8} y\n"),
            "\u{1f1fa}\u{1f1f8} y".to_owned(),
        ),
        (
            format!("a x'{}y b\n", "\u{ad}".repeat(600)),
            "a x".to_owned(),
        ),
        (
            format!("a x:{}y b\n", "\u{301}".repeat(600)),
            "a x".to_owned(),
        ),
        (
            "the Russian\u{2011}Israeli talks\n".into(),
            "Israeli talks".to_owned(),
        ),
        ("a cafe\u{301}-bar here\n".into(), "bar here".to_owned()),
    ];
    for (source, quote) in cases {
        let dir = tempfile::tempdir().unwrap();
        project(dir.path(), &source, &cite(&quote));
        let run = report_in(dir.path(), &["check"]);
        assert_not_verified(&run, "quote-not-found");
        let run = report_in(dir.path(), &["render"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!dir.path().join("report.md").exists());
    }
}

#[test]
fn an_inline_quotation_no_source_file_vouches_for_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "      - text: 'They said “the plan passed”.'\n        cite:\n          - source: ghost\n            quote: anything\n";
    project(dir.path(), "the plan passed\n", paragraph);
    let run = report_in(dir.path(), &["check"]);
    assert_not_verified(&run, "inline-quote-uncited");
    assert_contains(&run.stdout, "unknown-source");
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    assert!(!run.stdout.contains("\"verified\": 1"), "{}", run.stdout);
}

#[test]
fn many_quotes_found_by_pairs_of_words_are_compared_word_by_word() {
    // More than 64 fragments against one source: those of four words or more are found by
    // pairs of inner words. Each quote differs from the source in one word of its pair.
    let source: String = (0..80)
        .map(|i| format!("the harbour{i} commission{i} had rejected it.\n"))
        .collect();
    let mut paragraphs = String::new();
    for i in 0..80 {
        paragraphs += &cite(&format!("the harbour{i} commissionX had rejected"));
        paragraphs += &cite(&format!("the harbour{i} commission{i} had rejected"));
    }
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &source, &paragraphs);
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout.matches("\"code\": \"quote-not-found\"").count(),
        80
    );
    assert_eq!(run.stdout.matches("\"code\": ").count(), 80);
}
