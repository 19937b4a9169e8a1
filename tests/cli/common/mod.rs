//! Helpers shared by the CLI tests: run the real `report` binary on fixture folders.

#![allow(dead_code)]

pub mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of fixture `case`.
pub fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

/// What a run of `report` printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `report ARGS` in folder `dir`, with colour off.
pub fn report_in(dir: &Path, args: &[&str]) -> Run {
    report_with_env(dir, args, &[])
}

/// Runs `report ARGS` in folder `dir` with extra environment variables, colour off, and
/// none of the variables that would change its behaviour inherited from the caller.
pub fn report_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_report"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("REPORT_TYPST")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("REPORT_JOBS");
    // A proxy the caller uses would be asked for the tests' own servers on 127.0.0.1.
    for proxy in ["ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY"] {
        command
            .env_remove(proxy)
            .env_remove(proxy.to_ascii_lowercase());
    }
    let output: Output = command
        .envs(env.iter().copied())
        .output()
        .expect("the report binary runs");
    Run {
        code: output.status.code().expect("report exits with a code"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `report check` in fixture `case`.
pub fn check(case: &str) -> Run {
    report_in(&fixture(case), &["check"])
}

/// A private copy of fixture `case`, for runs that write files.
pub fn copy_fixture(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_tree(&fixture(case), dir.path());
    dir
}

/// A copy of the fixture `quote-cuts-a-word` whose outline cites its source `toll` for `n`
/// made-up quotes: `n` findings.
pub fn made_up_quotes(n: usize) -> tempfile::TempDir {
    let dir = copy_fixture("quote-cuts-a-word");
    let mut outline = String::from(
        "title: Many\nsections:\n  - heading: H\n    paragraphs:\n      - text: T\n        cite:\n",
    );
    for i in 0..n {
        outline.push_str(&format!(
            "          - source: toll\n            quote: invented words number {i}\n"
        ));
    }
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    dir
}

/// A private copy of the shipped example: the outline and its sources.
pub fn example_copy() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("report.yaml"), dir.path().join("report.yaml")).unwrap();
    copy_tree(&root.join("sources"), &dir.path().join("sources"));
    dir
}

/// Copies the files of `from` into `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The names of the files in `dir`, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether the real `typst` and `pdftotext` are installed. When they are not, PDF tests
/// report themselves as skipped, unless `REPORT_REQUIRE_TYPST` is set (as CI does), which
/// turns their absence into a failure.
pub fn pdf_tools() -> bool {
    let found = which("typst") && which("pdftotext");
    if !found {
        assert!(
            std::env::var_os("REPORT_REQUIRE_TYPST").is_none(),
            "REPORT_REQUIRE_TYPST is set but `typst` or `pdftotext` is not on PATH"
        );
        eprintln!("skipped: `typst` or `pdftotext` is not on PATH");
    }
    found
}

/// Whether the program `name` is on `PATH`. When it is not, the test that needs it reports
/// itself as skipped, unless `REPORT_REQUIRE_TYPST` is set (as CI does), which makes its
/// absence a failure.
pub fn tool(name: &str) -> bool {
    let found = which(name);
    if !found {
        assert!(
            std::env::var_os("REPORT_REQUIRE_TYPST").is_none(),
            "REPORT_REQUIRE_TYPST is set but `{name}` is not on PATH"
        );
        eprintln!("skipped: `{name}` is not on PATH");
    }
    found
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// The text `pdftotext` reads from the PDF at `path`.
pub fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("pdftotext writes UTF-8");
    // pdftotext wraps right-to-left runs in embedding marks (U+202B … U+202C) of its own.
    text.replace(['\u{202a}', '\u{202b}', '\u{202c}'], "")
}

/// `text` with every whitespace run one space, trimmed.
pub fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`flatten`], and no space after a hyphen: a line may break after a hyphen that is in the
/// text, and `pdftotext` then reports a line break there. Apply to both sides of a comparison.
pub fn flatten_pdf(text: &str) -> String {
    flatten(text).replace("- ", "-")
}

/// Every quote cited in the outline at `path`, as written.
pub fn quotes_of(path: &Path) -> Vec<String> {
    let file = report::outline::OutlineFile::read(path, None).expect("the outline reads");
    file.outline
        .paragraphs()
        .iter()
        .flat_map(|p| p.value.citations())
        .map(|c| c.quote.value.clone())
        .collect()
}

/// The text a CommonMark parser (every extension but smart punctuation, which no
/// GitHub-flavoured renderer applies) reads from `markdown`, one line per paragraph.
pub fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new_ext(markdown, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// `text` as a YAML double-quoted scalar.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Asserts that `text` contains `needle`, showing all of `text` when it does not.
#[track_caller]
pub fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "no {needle:?} in:\n{text}");
}

/// What a measured run of `report` printed, how it exited, and its peak resident memory.
pub struct Measured {
    pub run: Run,
    /// The process's peak resident memory in bytes (0 where `/proc` cannot tell).
    pub peak: u64,
}

/// Runs `report ARGS` in `dir`, reading its peak memory from `/proc` as it runs, and fails
/// the test if it has not ended within `limit`: a hang is a failure, not a slow pass.
pub fn report_measured(dir: &Path, args: &[&str], limit: std::time::Duration) -> Measured {
    use std::process::Stdio;
    let started = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_report"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("REPORT_JOBS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the report binary runs");
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        text
    });
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak = peak_memory(child.id()).unwrap_or(peak).max(peak);
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("report {args:?} did not end within {limit:?}: a hang");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Measured {
        run: Run {
            code: status.code().expect("report exits with a code"),
            stdout: out.join().unwrap(),
            stderr: err.join().unwrap(),
        },
        peak,
    }
}

/// The peak resident memory of process `pid` in bytes, from `/proc` (the high-water mark
/// only grows, so the last reading before the process ends is its peak so far).
pub fn peak_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// A run refused with exit 2, `message` on standard error with a `help:` line, and none of
/// `secrets` (words of files outside the project) in anything it printed.
#[track_caller]
pub fn assert_refused(run: &Run, message: &str, secrets: &[&str]) {
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stderr, message);
    assert_contains(&run.stderr, "help: ");
    for out in [&run.stdout, &run.stderr] {
        for secret in secrets {
            assert!(!out.contains(secret), "{secret} shown: {out}");
        }
    }
}

/// Writes a shell script of `body` (after `#!/bin/sh`) at `path`, executable: a stand-in for
/// a program a test drives (`typst`, `git`, `cargo`, `pdftotext`).
///
/// The script is written beside it and put in place by `install`, another process: a file
/// this process held open for writing could be inherited, for an instant, by a child another
/// test thread is starting, and running the script then fails with "Text file busy".
pub fn stand_in(path: &Path, body: &str) {
    let mut draft = path.as_os_str().to_owned();
    draft.push(".draft");
    std::fs::write(&draft, format!("#!/bin/sh\n{body}")).unwrap();
    let installed = Command::new("install")
        .args(["-m", "755"])
        .arg(&draft)
        .arg(path)
        .status()
        .unwrap();
    assert!(installed.success(), "install {path:?}: {installed}");
    std::fs::remove_file(&draft).unwrap();
}
