//! Runs that fail or are stopped half-way leave earlier output exactly as it was and nothing
//! behind them: Typst hanging, crashing or printing megabytes; SIGINT and SIGTERM during a
//! render; a full disk; an unwritable place; two renders to one file at once.
//!
//! The failing Typst programs here are small shell scripts standing in for a broken `typst`:
//! the real one is exercised by `tests/cli/pdf.rs`.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{
    assert_contains, copy_fixture, file_names, report_in, report_with_env, stand_in,
};

const OLD: &str = "old output, which must survive";

/// A project that checks clean, with an old `out.pdf`, a fake `typst` running `script`, and a
/// private temporary folder for Typst's scratch files.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(script: &str) -> Self {
        let dir = copy_fixture("all-verified");
        std::fs::create_dir(dir.path().join("tmp")).unwrap();
        std::fs::write(dir.path().join("out.pdf"), OLD).unwrap();
        let fake = dir.path().join("typst");
        // Typst runs in its scratch folder, so it is told where to leave its pid.
        let pid_file = dir.path().join("typst.pid");
        let script = script.replace("PID_FILE", pid_file.to_str().unwrap());
        stand_in(&fake, &format!("{script}\n"));
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn render_pdf(&self, extra: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_report"));
        command
            .args([
                "render", "--format", "pdf", "-o", "out.pdf", "--typst", "./typst",
            ])
            .args(extra)
            .current_dir(self.dir.path())
            .env("TMPDIR", self.path("tmp"))
            .env("NO_COLOR", "1")
            .env_remove("REPORT_TYPST_TIMEOUT");
        command
    }

    /// The old output is intact, and neither a temporary output file nor Typst's scratch
    /// folder is left.
    #[track_caller]
    fn assert_untouched(&self) {
        assert_eq!(std::fs::read_to_string(self.path("out.pdf")).unwrap(), OLD);
        let names = file_names(self.dir.path());
        assert!(
            !names.iter().any(|n| n.starts_with(".report-")),
            "{names:?}"
        );
        assert_eq!(file_names(&self.path("tmp")), Vec::<String>::new());
    }
}

/// Waits until `test` holds, for at most ten seconds.
fn wait_until(test: impl Fn() -> bool) {
    let start = Instant::now();
    while !test() {
        assert!(start.elapsed() < Duration::from_secs(10), "gave up waiting");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The process id a fake Typst wrote to `file`, once the whole line is there. The shell
/// creates the file before it writes the number, so a process stopped in between leaves it
/// empty; an empty id would name `/proc` itself, which always exists.
fn pid_in(file: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.strip_suffix('\n')?;
    line.parse().ok()
}

/// Whether process `pid` still runs (a reaped process has no `/proc` entry).
fn running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[test]
fn a_typst_that_hangs_is_stopped_at_the_time_limit() {
    let project = Project::new("echo $$ > PID_FILE\nexec sleep 60");
    let start = Instant::now();
    let output = project
        .render_pdf(&["--typst-timeout", "1"])
        .output()
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_contains(
        &stderr,
        "typst: stopped after 1 s without finishing the PDF",
    );
    assert_contains(&stderr, "--typst-timeout SECONDS");
    let pid = pid_in(&project.path("typst.pid")).expect("typst wrote its pid");
    assert!(!running(pid), "typst {pid} still runs");
    std::fs::remove_file(project.path("typst.pid")).unwrap();
    project.assert_untouched();
}

#[test]
fn a_typst_that_crashes_is_reported_as_a_crash() {
    let project = Project::new("kill -SEGV $$");
    let output = project.render_pdf(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_contains(&stderr, "typst failed (signal: 11 (SIGSEGV)");
    assert_contains(&stderr, "help: Typst crashed");
    project.assert_untouched();
}

#[test]
fn megabytes_of_typst_output_are_cut_short() {
    let project = Project::new(
        "yes 'error: unknown variable at briefing.typ:1:1' | head -c 5000000 >&2\nexit 1",
    );
    let output = project.render_pdf(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.len() < 10_000, "{} bytes", stderr.len());
    assert_contains(&stderr, "error: unknown variable at briefing.typ:1:1");
    assert_contains(&stderr, "only the first 40 lines are shown");
    project.assert_untouched();
}

#[test]
fn sigint_and_sigterm_during_a_render_leave_nothing_behind() {
    for (signal, name) in [(2, "INT"), (15, "TERM")] {
        let project = Project::new("echo $$ > PID_FILE\nexec sleep 60");
        let mut child = project
            .render_pdf(&[])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_until(|| pid_in(&project.path("typst.pid")).is_some());
        let scratch = file_names(&project.path("tmp"));
        assert_eq!(scratch.len(), 1, "{scratch:?}");
        assert!(scratch[0].starts_with("report-typst-"), "{scratch:?}");
        let killed = Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert!(
            status.signal() == Some(signal) || status.code() == Some(128 + signal),
            "SIG{name}: {status:?}"
        );
        let pid = pid_in(&project.path("typst.pid")).unwrap();
        wait_until(|| !running(pid));
        std::fs::remove_file(project.path("typst.pid")).unwrap();
        project.assert_untouched();
    }
}

#[test]
fn a_full_disk_is_an_error() {
    let dir = copy_fixture("all-verified");
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "/dev/full"]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "/dev/full: cannot write: No space left on device",
    );
}

#[test]
fn a_write_cut_short_leaves_the_old_file_and_no_temporary() {
    // The file size limit makes the write fail part-way, as a full disk would; the signal it
    // would raise is ignored, as the shell passes an ignored signal on to the program.
    let project = Project::new("");
    std::fs::write(project.path("out.md"), OLD).unwrap();
    let output = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" render --format md -o out.md")
        .arg(env!("CARGO_BIN_EXE_report"))
        .current_dir(project.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_contains(&stderr, "out.md: cannot write: File too large");
    assert_eq!(
        std::fs::read_to_string(project.path("out.md")).unwrap(),
        OLD
    );
    let names = file_names(project.dir.path());
    assert!(
        !names.iter().any(|n| n.starts_with(".report-")),
        "{names:?}"
    );
}

#[test]
fn unwritable_places_are_errors() {
    let dir = copy_fixture("all-verified");
    std::fs::write(dir.path().join("plain"), "a file").unwrap();
    for (target, says) in [
        (
            "plain/out.md",
            "plain/out.md: cannot write: Not a directory",
        ),
        ("/proc/report-out.md", "/proc/report-out.md: cannot write:"),
    ] {
        let run = report_in(dir.path(), &["render", "--format", "md", "-o", target]);
        assert_eq!(run.code, 2, "{target}");
        assert_contains(&run.stderr, says);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plain")).unwrap(),
        "a file"
    );
}

#[test]
fn two_renders_to_one_file_leave_one_of_them_whole() {
    let dir = copy_fixture("all-verified");
    let outline = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    let other = outline.replacen("title: ", "title: Another ", 1);
    std::fs::write(dir.path().join("other.yaml"), other).unwrap();
    let expected: Vec<String> = ["report.yaml", "other.yaml"]
        .iter()
        .map(|outline| report_with_env(dir.path(), &["render", outline, "-o", "-"], &[]).stdout)
        .collect();
    assert_ne!(expected[0], expected[1]);
    for _ in 0..10 {
        let renders: Vec<_> = ["report.yaml", "other.yaml"]
            .iter()
            .map(|outline| {
                Command::new(env!("CARGO_BIN_EXE_report"))
                    .args(["render", outline, "-o", "out.md"])
                    .current_dir(dir.path())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut render in renders {
            assert!(render.wait().unwrap().success());
        }
        let written = std::fs::read_to_string(dir.path().join("out.md")).unwrap();
        assert!(expected.contains(&written), "a mix of both:\n{written}");
        let names = file_names(dir.path());
        assert!(
            !names.iter().any(|n| n.starts_with(".report-")),
            "{names:?}"
        );
    }
}

/// A Typst that starts a process of its own, leaves its pid in `child.pid`, then hangs.
const TYPST_WITH_A_CHILD: &str =
    "sleep 1000 &\necho $! > PID_FILE.child\nmv PID_FILE.child PID_FILE\nsleep 60";

/// Whether process `pid` runs: it exists and is not a zombie waiting to be reaped.
fn alive(pid: u32) -> bool {
    let stat = std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat"));
    stat.is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

#[test]
fn what_typst_started_is_stopped_with_it_at_the_time_limit() {
    let project = Project::new(TYPST_WITH_A_CHILD);
    let output = project
        .render_pdf(&["--typst-timeout", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let pid = pid_in(&project.path("typst.pid")).expect("typst wrote its child's pid");
    wait_until(|| !alive(pid));
    std::fs::remove_file(project.path("typst.pid")).unwrap();
    project.assert_untouched();
}

#[test]
fn what_typst_started_is_stopped_with_it_on_sigterm() {
    let project = Project::new(TYPST_WITH_A_CHILD);
    let mut child = project
        .render_pdf(&[])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until(|| pid_in(&project.path("typst.pid")).is_some());
    let pid = pid_in(&project.path("typst.pid")).unwrap();
    assert!(alive(pid));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait().unwrap();
    wait_until(|| !alive(pid));
    std::fs::remove_file(project.path("typst.pid")).unwrap();
    project.assert_untouched();
}

#[test]
fn a_typst_started_for_an_outline_that_fails_its_check_is_stopped_and_leaves_nothing() {
    // Typst starts while the outline is checked; the check finds a misquote, so Typst is
    // never given a document: it is stopped, its folder goes, and no PDF is written.
    let dir = copy_fixture("render-refuses-on-finding");
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    let fake = dir.path().join("typst");
    let pid_file = dir.path().join("typst.pid");
    let script = format!("echo $$ > {}\nexec sleep 60\n", pid_file.display());
    stand_in(&fake, &script);
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_report"))
        .args([
            "render", "--format", "pdf", "-o", "out.pdf", "--typst", "./typst",
        ])
        .current_dir(dir.path())
        .env("TMPDIR", dir.path().join("tmp"))
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(!dir.path().join("out.pdf").exists());
    assert_eq!(file_names(&dir.path().join("tmp")), Vec::<String>::new());
    // The fake Typst may not have got as far as its first line, or through it, before it
    // was stopped.
    if let Some(pid) = pid_in(&pid_file) {
        wait_until(|| !running(pid));
    }
}

#[test]
fn an_outline_that_fails_its_check_is_told_as_such_without_typst() {
    let dir = copy_fixture("render-refuses-on-finding");
    let run = report_in(
        dir.path(),
        &["render", "--format", "pdf", "--typst", "./no-such-typst"],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("no-such-typst"), "{}", run.stderr);
    assert!(!dir.path().join("report.pdf").exists());
}
