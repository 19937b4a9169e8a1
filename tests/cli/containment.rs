//! Nothing outside the project is read: source ids are names, never paths; the sources
//! folder stays in the project folder; a source file that links out of the sources folder,
//! a folder, or a pipe where a source should be is an error, not a read.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::{Run, assert_contains, report_in};

/// A secret outside every project: if any run reads it, its words could show in a finding.
const SECRET: &str = "The launch codes are kept in the blue folder.\n";

/// A project in `dir/project` citing `id` for the quote `quote`, with a memo source and a
/// secret file beside the project. Returns the project folder.
fn project(dir: &Path, sources_key: &str, id: &str, quote: &str) -> std::path::PathBuf {
    let project = dir.join("project");
    std::fs::create_dir_all(project.join("sources")).unwrap();
    std::fs::write(project.join("sources/memo.txt"), "The plan passed.\n").unwrap();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::write(dir.join("outside/secret.txt"), SECRET).unwrap();
    let outline = format!(
        "title: T\n{sources_key}sections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          - source: {id}\n            quote: {quote}\n"
    );
    std::fs::write(project.join("report.yaml"), outline).unwrap();
    project
}

#[track_caller]
fn assert_refused(run: &Run, message: &str) {
    crate::common::assert_refused(run, message, &["launch codes"]);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn ids_that_are_paths_are_errors_at_their_place() {
    for id in [
        "../outside/secret",
        "/etc/passwd",
        "sources/../../etc/passwd",
        "sub/memo",
        "..",
        "\".hidden\"",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path(), "", id, "The plan passed.");
        let run = report_in(&project, &["check"]);
        assert_refused(&run, "is not a file name");
        // The id's first character: inside the quotation marks of a quoted one.
        let column = if id.starts_with('"') { 22 } else { 21 };
        assert_contains(&run.stderr, &format!("--> report.yaml:7:{column}"));
    }
}

#[test]
fn a_sources_folder_outside_the_project_is_refused_unless_the_root_includes_it() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    let key = "sources: ../outside\n";
    let project = project(dir.path(), key, "secret", "The launch codes are kept");
    let run = report_in(&project, &["check"]);
    assert_refused(
        &run,
        "report.yaml:2:10: sources folder `../outside` is outside the project folder",
    );

    let absolute = format!("sources: {}\n", outside.display());
    let project = self::project(dir.path(), &absolute, "secret", "x");
    assert_refused(
        &report_in(&project, &["check"]),
        "is outside the project folder",
    );

    let root = dir.path().to_str().unwrap();
    let project = self::project(dir.path(), key, "secret", "The launch codes are kept");
    let run = report_in(&project, &["check", "--root", root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_sources_folder_that_is_a_link_out_of_the_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path(), "", "secret", "The launch codes are kept");
    std::fs::remove_dir_all(project.join("sources")).unwrap();
    symlink(dir.path().join("outside"), project.join("sources")).unwrap();
    let run = report_in(&project, &["check"]);
    assert_refused(
        &run,
        "sources folder `sources` is outside the project folder",
    );
}

#[test]
fn a_cited_source_that_links_out_of_the_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path(), "", "leak", "The launch codes are kept");
    let link = project.join("sources/leak.txt");
    symlink(dir.path().join("outside/secret.txt"), &link).unwrap();
    let run = report_in(&project, &["check"]);
    assert_refused(
        &run,
        "sources/leak.txt: leads outside the sources folder, to `",
    );
}

#[test]
fn an_uncited_link_out_of_the_folder_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    // The quote is in the secret, so reading it would call the quote misattributed.
    let project = project(dir.path(), "", "memo", "The launch codes are kept");
    symlink(
        dir.path().join("outside/secret.txt"),
        project.join("sources/leak.txt"),
    )
    .unwrap();
    let run = report_in(&project, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stdout, "error[quote-not-found]");
    assert!(!run.stdout.contains("leak.txt:"), "{}", run.stdout);
}

#[test]
fn a_link_to_another_file_inside_the_folder_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path(), "", "alias", "The plan passed.");
    symlink("memo.txt", project.join("sources/alias.txt")).unwrap();
    let run = report_in(&project, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_folder_or_a_pipe_where_a_source_should_be_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path(), "", "folder", "x");
    std::fs::create_dir(project.join("sources/folder.txt")).unwrap();
    assert_refused(
        &report_in(&project, &["check"]),
        "sources/folder.txt: cannot read: it is a folder",
    );

    let dir = tempfile::tempdir().unwrap();
    let project = self::project(dir.path(), "", "pipe", "x");
    let made = std::process::Command::new("mkfifo")
        .arg(project.join("sources/pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    // Reading a pipe no one writes to would wait for ever; the run must end at once.
    let run = report_in(&project, &["check"]);
    assert_refused(
        &run,
        "sources/pipe.txt: cannot read: it is not a regular file",
    );
}

#[test]
fn a_catalog_entry_cannot_name_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path(), "", "memo", "The plan passed.");
    let catalog = "memo:\n  title: Memo\n  file: ../../outside/secret.txt\n";
    std::fs::write(project.join("sources/sources.yaml"), catalog).unwrap();
    let run = report_in(&project, &["check"]);
    assert_refused(&run, "unknown field `file`");
    assert_contains(&run.stderr, "--> sources/sources.yaml:3:3");
}
