//! Coverage: paragraphs that cite nothing and sources nothing cites, and `--deny uncited`.

use crate::common::{assert_contains, fixture, report_in};

#[test]
fn the_summary_counts_uncited_paragraphs_and_names_uncited_sources() {
    let run = report_in(&fixture("coverage"), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let line = "checked 1 quote (0 inline) in 1 section against 1 source: 1 verified; \
                1 paragraph cites no source; no claim cites `agency`\n";
    assert_eq!(run.stdout, line);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains(line), "README shows another summary line");
}

#[test]
fn deny_uncited_makes_an_uncited_paragraph_a_finding() {
    let run = report_in(&fixture("coverage"), &["check", "--deny", "uncited"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "error[uncited-paragraph]: paragraph cites no source",
    );
    assert_contains(&run.stdout, "--> report.yaml:9:15");
    assert_contains(&run.stdout, "1 uncited paragraph");
    assert!(
        !run.stdout.contains("cites no source;"),
        "counted twice: {}",
        run.stdout
    );
}

#[test]
fn deny_uncited_stops_a_render() {
    let dir = crate::common::copy_fixture("coverage");
    let run = report_in(dir.path(), &["render", "--deny", "uncited"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!dir.path().join("report.md").exists());
    let run = report_in(dir.path(), &["render"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("report.md").exists());
}
