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
    // The build is cached by the commit it is built from, and run only on a cache miss.
    let cache = (steps.iter())
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    assert_eq!(cache["with"]["path"], "~/.cargo/bin/report");
    let rev = "${{ steps.report-version.outputs.rev }}";
    assert!(cache["with"]["key"].as_str().unwrap().contains(rev));
    let install = (steps.iter())
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.starts_with("cargo install"))
        })
        .unwrap();
    assert_eq!(
        install["if"],
        "steps.report-cache.outputs.cache-hit != 'true'"
    );
    assert!(
        install["run"]
            .as_str()
            .unwrap()
            .contains(&format!("--rev \"{rev}\""))
    );
    let uploaded = steps
        .iter()
        .find_map(|s| s["with"]["path"].as_str().filter(|p| p.ends_with(".pdf")))
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

/// The GitLab job's own lines, run by `sh` with stand-ins for `git` (which names the commit
/// `REPORT_GIT` is at) and `cargo` (which logs what it is asked to build): `report` is built
/// once per commit, and the cache keeps it between runs.
#[test]
fn the_gitlab_job_builds_report_once_per_commit() {
    let job = yaml(&block_after("### GitLab CI"));
    let script: Vec<&str> = (job["report"]["script"].as_array().unwrap().iter())
        .filter_map(Value::as_str)
        .filter(|l| !l.starts_with("report "))
        .collect();
    let install_root = job["report"]["variables"]["CARGO_INSTALL_ROOT"]
        .as_str()
        .unwrap();
    assert_eq!(job["report"]["cache"]["paths"][0], ".report-bin/");
    let project = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let log = tools.path().join("cargo.log");
    let stand_in = |name: &str, body: &str| {
        crate::common::stand_in(&tools.path().join(name), &format!("{body}\n"))
    };
    stand_in("git", r#"printf '%s\tHEAD\n' "$REV""#);
    stand_in(
        "cargo",
        r#"echo "$@" >> "$LOG"; mkdir -p "$CARGO_INSTALL_ROOT/bin"; printf '#!/bin/sh\n' > "$CARGO_INSTALL_ROOT/bin/report"; chmod +x "$CARGO_INSTALL_ROOT/bin/report""#,
    );
    let run = |rev: &str| {
        let body = format!(
            "set -e\nexport CARGO_INSTALL_ROOT=\"{install_root}\"\n{}\ncommand -v report",
            script.join("\n")
        );
        let out = std::process::Command::new("sh")
            .args(["-c", &body])
            .current_dir(project.path())
            .env("PATH", format!("{}:/usr/bin:/bin", tools.path().display()))
            .env("CI_PROJECT_DIR", project.path())
            .env("REPORT_GIT", "https://example.invalid/report.git")
            .env("REV", rev)
            .env("LOG", &log)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let found = String::from_utf8(out.stdout).unwrap();
        assert!(found.trim().ends_with(".report-bin/bin/report"), "{found}");
        std::fs::read_to_string(&log).unwrap_or_default()
    };
    let built = run("aaa");
    assert_eq!(built.lines().count(), 1);
    assert!(built.contains("--rev aaa"), "{built}");
    assert_eq!(run("aaa").lines().count(), 1, "a warm cache builds nothing");
    let built = run("bbb");
    assert_eq!(built.lines().count(), 2, "a new commit is built");
    assert!(built.lines().nth(1).unwrap().contains("--rev bbb"));
}

/// The reviewdog step's `report` command gives reviewdog's format on the example.
#[test]
fn the_reviewdog_step_pipes_rdjson() {
    let steps = yaml(&block_after("### reviewdog"));
    let run = steps[1]["run"].as_str().unwrap();
    let (command, reviewdog) = run.split_once(" | ").unwrap();
    assert!(reviewdog.starts_with("reviewdog -f=rdjson "), "{reviewdog}");
    let example = example_copy();
    let out = run_line(example.path(), command);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let result: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(result["diagnostics"].as_array().map(Vec::len), Some(0));
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
