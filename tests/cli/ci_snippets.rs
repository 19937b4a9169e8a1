//! The README's "Use in CI" snippets and its `sources`/`find` examples are true: the YAML
//! parses, the workflow is the one `report init` writes, and every `report` command in them
//! runs as shown on the example briefing.

use std::path::Path;

use crate::common::{assert_contains, example_copy, report_in};
use serde_json::Value;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The first fenced block after the line `heading`.
fn block_after(heading: &str) -> String {
    let text = readme();
    let after = &text[text.find(heading).expect("heading in README")..];
    let body = &after[after.find("```").unwrap()..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_owned()
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the snippet is YAML")
}

/// Runs a `report ...` command line of a snippet in `dir`, with `> FILE` honoured.
fn run_line(dir: &Path, line: &str) -> crate::common::Run {
    let (command, into) = match line.split_once(" > ") {
        Some((command, file)) => (command, Some(file)),
        None => (line, None),
    };
    let args: Vec<&str> = command
        .strip_prefix("report ")
        .unwrap()
        .split(' ')
        .collect();
    let run = report_in(dir, &args);
    if let Some(file) = into {
        std::fs::write(dir.join(file), &run.stdout).unwrap();
    }
    run
}

#[test]
fn the_github_workflow_is_what_init_writes_and_its_commands_pass() {
    let shown = block_after("### GitHub Actions");
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(report_in(dir.path(), &["init"]).code, 0);
    let written = std::fs::read_to_string(dir.path().join(".github/workflows/report.yml")).unwrap();
    assert_eq!(shown, written);
    let workflow = yaml(&shown);
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    let commands: Vec<&str> = (steps.iter())
        .filter_map(|s| s["run"].as_str())
        .filter(|r| r.starts_with("report "))
        .collect();
    assert_eq!(
        commands,
        ["report check --format github", "report render --format pdf"]
    );
    let example = example_copy();
    for command in commands {
        let run = run_line(example.path(), command);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
    }
    let uploaded = steps
        .iter()
        .find_map(|s| s["with"]["path"].as_str())
        .unwrap();
    assert!(
        example.path().join(uploaded).is_file(),
        "{uploaded} was rendered"
    );
}

#[test]
fn the_gitlab_job_runs_as_shown() {
    let job = yaml(&block_after("### GitLab CI"));
    let script = job["report"]["script"].as_array().unwrap();
    let example = example_copy();
    for line in script
        .iter()
        .filter_map(Value::as_str)
        .filter(|l| l.starts_with("report "))
    {
        let run = run_line(example.path(), line);
        assert_eq!(run.code, 0, "{line}: {}", run.stderr);
    }
    for kept in job["report"]["artifacts"]["paths"].as_array().unwrap() {
        assert!(
            example.path().join(kept.as_str().unwrap()).is_file(),
            "{kept}"
        );
    }
    let sarif: Value = serde_json::from_str(
        &std::fs::read_to_string(example.path().join("report.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn the_pre_commit_hook_passes_a_clean_outline_and_stops_a_broken_quote() {
    let config = yaml(&block_after("### pre-commit"));
    let hook = &config["repos"][0]["hooks"][0];
    assert_eq!(hook["pass_filenames"], false);
    let entry = hook["entry"].as_str().unwrap();
    let example = example_copy();
    assert_eq!(run_line(example.path(), entry).code, 0);
    let outline = example.path().join("report.yaml");
    let text = std::fs::read_to_string(&outline).unwrap();
    let broken = text.replacen("not designated Hamas", "not designated  Hamaz", 1);
    assert_ne!(text, broken);
    std::fs::write(&outline, broken).unwrap();
    let run = run_line(example.path(), entry);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "quote-not-found");
}

#[test]
fn the_sources_and_find_examples_are_what_report_prints() {
    let example = example_copy();
    let table = block_after("## Working with sources");
    assert_eq!(report_in(example.path(), &["sources"]).stdout, table);
    let shown = block_after("`report find SOURCE TEXT` finds");
    let (command, output) = shown.split_once('\n').unwrap();
    let args = [
        "find",
        "russia-hamas-relations",
        "Russia has not designated Hamas",
    ];
    assert_eq!(
        command,
        "$ report find russia-hamas-relations \"Russia has not designated Hamas\""
    );
    assert_eq!(report_in(example.path(), &args).stdout, output);
}
