//! Inline quotations in the marks other languages use: German `»…«` and `›…‹`, Japanese
//! `「…」` and `『…』`, each checked like `"…"`; and an empty quotation, which is a finding.

use crate::common::{Run, assert_contains, report_in};

const SOURCE: &str = "Der Plan ist ein Schritt nach vorn. 計画は大きな一歩だと述べた。\n";

/// Checks a paragraph with `text` (a YAML double-quoted scalar's body) citing `memo`.
fn check_text(text: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/memo.txt"), SOURCE).unwrap();
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: \"{text}\"\n        cite:\n          - source: memo\n            quote: Der Plan\n"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    report_in(dir.path(), &["check", "--format", "short"])
}

#[test]
fn german_guillemets_pointing_in_are_quotations_not_unclosed_marks() {
    for text in [
        "Er nannte es »ein Schritt nach vorn«.",
        "Er nannte es ›ein Schritt‹.",
    ] {
        let run = check_text(text);
        assert_eq!(run.code, 0, "{text}: {}", run.stdout);
        assert_contains(&run.stdout, "(1 inline)");
    }
    let run = check_text("Er nannte es »ein Sprung nach vorn«.");
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stdout, "error[inline-quote-not-found]");
    assert!(!run.stdout.contains("unclosed"), "{}", run.stdout);
}

#[test]
fn japanese_corner_brackets_are_checked() {
    for text in [
        "彼は「大きな一歩」と述べた。",
        "彼は『大きな一歩』と述べた。",
    ] {
        let run = check_text(text);
        assert_eq!(run.code, 0, "{text}: {}", run.stdout);
        assert_contains(&run.stdout, "(1 inline)");
    }
    let run = check_text("彼は「小さな一歩」と述べた。");
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "report.yaml:5:18: error[inline-quote-not-found]",
    );
}

#[test]
fn an_empty_quotation_is_a_finding() {
    let run = check_text(r#"He called it \"\" and left."#);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stdout, "report.yaml:5:30: error[empty-quote]");
}
