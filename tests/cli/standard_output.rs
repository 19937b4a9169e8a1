//! Standard output that cannot be written is a failed run (exit 2, with a message), whatever
//! the command and the format; a reader that stops early (`| head`) closes the pipe, which
//! is not a failure.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{assert_contains, example_copy};

/// Runs `report ARGS` in `dir` with standard output on `stdout`: its exit code and what it
/// printed on standard error.
fn run_into(dir: &Path, args: &[&str], stdout: Stdio) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_report"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("REPORT_TYPST")
        .env_remove("REPORT_JOBS")
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("the report binary runs");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    (output.status.code().expect("an exit code"), stderr)
}

fn dev_full() -> Stdio {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full opens");
    Stdio::from(full)
}

/// A pipe whose reading end is already closed: every write to it fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Stdio::from(writer)
}

/// Every command that writes to standard output, with the exit code it has when all of its
/// output is written.
const COMMANDS: &[(&[&str], i32)] = &[
    (&["check"], 0),
    (&["check", "--format", "short"], 0),
    (&["check", "--format", "json"], 0),
    (&["check", "--format", "github"], 0),
    (&["check", "--format", "sarif"], 0),
    (&["render", "--format", "md", "-o", "-"], 0),
    (&["render", "--format", "typst", "-o", "-"], 0),
    (&["sources"], 0),
    (
        &[
            "find",
            "russia-hamas-relations",
            "Russia has not designated Hamas",
        ],
        0,
    ),
    (
        &[
            "find",
            "russia-hamas-relations",
            "Russia has designated Hamas",
        ],
        1,
    ),
    (&["schema"], 0),
    (&["schema", "catalog"], 0),
    (&["completions", "bash"], 0),
    (&["man"], 0),
    (&["--help"], 0),
    (&["--version"], 0),
];

#[test]
fn a_full_disk_on_standard_output_is_exit_2_with_a_message() {
    let dir = example_copy();
    for (args, _) in COMMANDS {
        let (code, stderr) = run_into(dir.path(), args, dev_full());
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_contains(&stderr, "error: cannot write to standard output");
        assert_contains(&stderr, "help: ");
    }
}

#[test]
fn a_closed_pipe_is_not_a_failure() {
    let dir = example_copy();
    for (args, expected) in COMMANDS {
        let (code, stderr) = run_into(dir.path(), args, closed_pipe());
        assert_eq!(code, *expected, "{args:?}: {stderr}");
        assert!(!stderr.contains("cannot write"), "{args:?}: {stderr}");
    }
}

#[test]
fn findings_on_a_closed_pipe_still_exit_1() {
    let dir = crate::common::fixture("several-findings");
    let (code, stderr) = run_into(&dir, &["check"], closed_pipe());
    assert_eq!(code, 1, "{stderr}");
}

/// Runs `report check` in `dir` with no colour setting of the caller's, and `env` set,
/// standard output a pipe: its exit code, standard output and standard error.
fn check_with_colour(dir: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_report"))
        .arg("check")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("REPORT_JOBS")
        .envs(env.iter().copied())
        .output()
        .expect("the report binary runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    let code = output.status.code().expect("an exit code");
    (code, text(output.stdout), text(output.stderr))
}

/// `text` without its ANSI styles (`ESC [ … m`), read the simple way.
fn without_styles(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('m').expect("a style ends with `m`");
        rest = &rest[at + end + 1..];
    }
    out + rest
}

#[test]
fn findings_reach_a_pipe_without_styles_and_a_forced_colour_only_adds_them() {
    let dir = crate::common::made_up_quotes(300);

    let (code, plain, _) = check_with_colour(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(!plain.contains('\u{1b}'), "a pipe gets no styles");
    assert_eq!(plain.matches("error[quote-not-found]").count(), 300);

    let (code, coloured, _) = check_with_colour(dir.path(), &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(code, 1);
    assert!(
        coloured.contains("\u{1b}["),
        "a forced colour keeps the styles"
    );
    assert_eq!(without_styles(&coloured), plain);

    let (_, no_colour, _) =
        check_with_colour(dir.path(), &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(
        !no_colour.contains('\u{1b}'),
        "NO_COLOR wins over a forced colour"
    );
}

#[test]
fn errors_reach_a_pipe_without_styles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.yaml"), "title: [unclosed\n").unwrap();
    let (code, _, stderr) = check_with_colour(dir.path(), &[]);
    assert_eq!(code, 2);
    assert_contains(&stderr, "report.yaml");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    let (_, _, coloured) = check_with_colour(dir.path(), &[("CLICOLOR_FORCE", "1")]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert_eq!(without_styles(&coloured), stderr);
}
