//! The README tells the truth: its quick start runs, its example finding is what `report`
//! prints, and every finding code it lists exists.

use std::path::Path;

use crate::common::report_in;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The first fenced block after the line `heading`.
fn block_after(text: &str, heading: &str) -> Vec<String> {
    let after = &text[text.find(heading).expect("heading in README")..];
    let start = after.find("```").unwrap();
    let body = &after[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let end = body.find("```").unwrap();
    body[..end].lines().map(str::to_owned).collect()
}

#[test]
fn quick_start_renders_the_example_and_names_the_test_command() {
    let commands = block_after(&readme(), "## Quick start");
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(commands[1], "cargo test --locked");
    // The first installs `report` with Cargo (as every later example calls it), then runs it;
    // here the `report` this test suite built stands for the installed one.
    let (install, run) = commands[0].split_once(" && ").expect("install, then run");
    assert_eq!(install, "cargo install --locked --path .");
    let args = run
        .strip_prefix("report ")
        .expect("the first command then runs report");
    let dir = crate::common::example_copy();
    let run = report_in(dir.path(), &args.split(' ').collect::<Vec<_>>());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(
        md.starts_with("# Russia and Hamas after 7 October\n"),
        "{md}"
    );
    assert!(
        md.contains("34 quotations verified verbatim against 2 sources"),
        "{md}"
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let ci =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l == "cargo test --locked"), "{ci}");
}

#[test]
fn the_example_finding_is_what_check_prints() {
    let shown = block_after(&readme(), "## `report check [OUTLINE...]`").join("\n") + "\n";
    let dir = crate::common::example_copy();
    let outline = dir.path().join("report.yaml");
    let text = std::fs::read_to_string(&outline).unwrap();
    let misquoted = text.replacen(
        "designated Hamas as a terrorist",
        "designated Hamas a terrorist",
        1,
    );
    assert_ne!(text, misquoted);
    std::fs::write(&outline, misquoted).unwrap();
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, shown);
}

#[test]
fn every_finding_code_is_documented() {
    let readme = readme();
    for code in report::check::finding::Code::ALL {
        assert!(
            readme.contains(&format!("| `{code}` |")),
            "{code} missing from README"
        );
    }
}
