//! The one gate for every file: nothing outside the project is read, printed or written
//! through a link the repository holds; a FIFO or device the project names is refused rather
//! than waited on; nothing is written into the sources folder.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Run, assert_contains, report_in};

/// A token outside every project: no run may print it.
const TOKEN: &str = "ghp_FAKE_TOKEN_0123456789";

/// A clean project in `dir/project` quoting its one source, and a secret file beside it.
fn project(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    std::fs::create_dir_all(project.join("sources")).unwrap();
    std::fs::write(project.join("sources/memo.txt"), "The plan passed.\n").unwrap();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::write(dir.join("outside/secret.yaml"), format!("token: {TOKEN}\n")).unwrap();
    let outline = "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          - source: memo\n            quote: The plan passed.\n";
    std::fs::write(project.join("report.yaml"), outline).unwrap();
    project
}

#[track_caller]
fn assert_refused(run: &Run, message: &str) {
    crate::common::assert_refused(run, message, &[TOKEN, "PATH="]);
}

#[test]
fn a_catalog_linked_out_of_the_project_is_neither_read_nor_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let catalog = project.join("sources/sources.yaml");
    for target in [
        dir.path().join("outside/secret.yaml"),
        "/proc/self/environ".into(),
    ] {
        let _ = std::fs::remove_file(&catalog);
        symlink(&target, &catalog).unwrap();
        for args in [&["check"][..], &["render"], &["sources"]] {
            let run = report_in(&project, args);
            assert_refused(&run, "sources.yaml: refused: leads outside");
        }
    }
}

#[test]
fn an_outline_linked_out_of_the_project_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    std::fs::remove_file(project.join("report.yaml")).unwrap();
    symlink(
        dir.path().join("outside/secret.yaml"),
        project.join("report.yaml"),
    )
    .unwrap();
    let run = report_in(&project, &["check"]);
    assert_refused(&run, "report.yaml: refused: leads outside");
}

#[test]
fn a_committed_output_link_does_not_redirect_the_render() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let victim = dir.path().join("victim");
    std::fs::create_dir(&victim).unwrap();
    let keys = victim.join("authorized_keys");
    std::fs::write(&keys, "ssh-ed25519 AAAA victim\n").unwrap();
    symlink("../victim/authorized_keys", project.join("report.md")).unwrap();
    for args in [&["render"][..], &["render", "-o", "report.md"]] {
        let run = report_in(&project, args);
        assert_refused(&run, "report.md: refused: leads outside");
        assert_eq!(
            std::fs::read_to_string(&keys).unwrap(),
            "ssh-ed25519 AAAA victim\n"
        );
        // Not even a temporary file was put beside the target.
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 1);
    }
    // A committed folder link is refused the same way.
    symlink("../victim", project.join("out")).unwrap();
    let run = report_in(&project, &["render", "-o", "out/report.md"]);
    assert_refused(&run, "refused: leads outside");
    assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 1);
}

#[test]
fn a_path_named_outside_the_project_is_the_users_choice() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let elsewhere = dir.path().join("briefing.md");
    let run = report_in(&project, &["render", "-o", elsewhere.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &std::fs::read_to_string(&elsewhere).unwrap(),
        "The plan passed.",
    );
}

#[test]
fn nothing_is_written_into_the_sources_folder() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    for target in [
        "sources/sources.yaml",
        "sources/x.txt",
        "./sources/../sources/y.md",
    ] {
        let run = report_in(&project, &["render", "-o", target]);
        assert_refused(&run, "refused: it is in the sources folder");
    }
    let mut names: Vec<_> = std::fs::read_dir(project.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["memo.txt"]);
    assert_eq!(report_in(&project, &["check"]).code, 0);
}

/// Runs `report ARGS` in `dir` with standard input an open pipe nobody writes to, and kills
/// it if it has not ended within ten seconds.
fn run_with_open_stdin(dir: &Path, args: &[&str]) -> (Run, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_report"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _stdin = child.stdin.take();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("report {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    (run, started.elapsed())
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_or_a_link_to_stdin_in_the_project_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let catalog = project.join("sources/sources.yaml");
    mkfifo(&catalog);
    for args in [&["check"][..], &["render"], &["sources"]] {
        let (run, _) = run_with_open_stdin(&project, args);
        assert_refused(&run, "sources.yaml: refused: it is a FIFO");
    }
    std::fs::remove_file(&catalog).unwrap();
    symlink("/dev/stdin", &catalog).unwrap();
    for args in [&["check"][..], &["render"], &["sources"]] {
        let (run, _) = run_with_open_stdin(&project, args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_contains(&run.stderr, "sources.yaml");
    }
    std::fs::remove_file(&catalog).unwrap();
    std::fs::remove_file(project.join("sources/memo.txt")).unwrap();
    mkfifo(&project.join("sources/memo.txt"));
    let (run, _) = run_with_open_stdin(&project, &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "memo.txt");
    // The default output, a FIFO in the project, is not written to either.
    std::fs::remove_file(project.join("sources/memo.txt")).unwrap();
    std::fs::write(project.join("sources/memo.txt"), "The plan passed.\n").unwrap();
    mkfifo(&project.join("report.md"));
    let (run, _) = run_with_open_stdin(&project, &["render"]);
    assert_refused(&run, "report.md: refused: it is a FIFO");
}

#[test]
fn init_writes_nothing_through_a_folder_linked_out_of_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    symlink(&outside, project.join(".github")).unwrap();
    let run = report_in(&project, &["init"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stderr, "leads outside the project");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    // What was written before the refusal is taken back.
    let left: Vec<_> = std::fs::read_dir(&project)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [".github"]);
}

#[test]
fn an_outline_that_is_a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    std::fs::remove_file(project.join("report.yaml")).unwrap();
    mkfifo(&project.join("report.yaml"));
    for args in [
        &["check"][..],
        &["render"],
        &["sources"],
        &["check", "report.yaml"],
    ] {
        let (run, _) = run_with_open_stdin(&project, args);
        assert_refused(&run, "report.yaml: refused: it is a FIFO");
    }
}

#[test]
fn a_fifo_at_a_named_output_path_inside_the_project_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    mkfifo(&project.join("out.md"));
    let (run, _) = run_with_open_stdin(&project, &["render", "-o", "out.md"]);
    assert_refused(&run, "out.md: refused: it is a FIFO");
    // Outside the project, a device the user names is written to: `-o /dev/null`.
    let (run, _) = run_with_open_stdin(&project, &["render", "-o", "/dev/null"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
