//! PDF output: the Typst document compiled by the external `typst` CLI.
//!
//! Typst runs on a private temporary folder that holds only the document, with `--root` set
//! to it, so nothing outside that folder can be read. No shell is involved. Typst gets a
//! time limit, and what it prints is read as it comes and cut short.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::Error;
use crate::render::config::TypstConfig;
use crate::files::interrupt::{self, Waited};

/// The name of the Typst document inside the private folder.
const DOCUMENT: &str = "briefing.typ";

/// The name of the PDF Typst writes beside it.
const PDF: &str = "briefing.pdf";

/// Finds the `typst` program: `config.program` if given, else `typst` on `PATH`.
pub fn locate(config: &TypstConfig) -> Result<PathBuf, Error> {
    let program = config.program.clone().unwrap_or_else(|| "typst".into());
    which::which(&program).map_err(|_| Error::TypstMissing { program })
}

/// What `typst --version` says of itself, first line only; `None` if it says nothing.
pub fn version(typst: &Path) -> Option<String> {
    let output = std::process::Command::new(typst)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().next()?.trim();
    (output.status.success() && !line.is_empty()).then(|| line.to_owned())
}

/// The most bytes of Typst's output kept for an error message; the rest is read and dropped.
const KEPT_OUTPUT: usize = 64 << 10;

/// The most lines of Typst's diagnostics shown in an error.
const SHOWN_LINES: usize = 40;

/// Compiles Typst `source` to PDF bytes with the program `typst`.
///
/// Typst is killed if it runs longer than `config.timeout` or the run is interrupted; what it
/// prints is read as it comes (so it cannot block on a full pipe) and only the start is kept.
pub fn compile(typst: &Path, source: &str, config: &TypstConfig) -> Result<Vec<u8>, Error> {
    let folder = tempfile::Builder::new()
        .prefix("report-typst-")
        .tempdir()
        .map_err(Error::Scratch)?;
    let _registered = interrupt::temporary(folder.path());
    let document = folder.path().join(DOCUMENT);
    let pdf = folder.path().join(PDF);
    std::fs::write(&document, source).map_err(Error::Scratch)?;
    let run_error = |source| Error::TypstRun {
        program: typst.to_owned(),
        source,
    };
    let mut child = command(typst, folder.path(), config)
        .spawn()
        .map_err(run_error)?;
    let stdout = child.stdout.take().map(keep_start);
    let stderr = child.stderr.take().map(keep_start);
    let status = match interrupt::wait(child, config.timeout).map_err(run_error)? {
        Waited::Exited(status) => status,
        Waited::TimedOut => {
            return Err(Error::TypstTimeout {
                program: typst.to_owned(),
                seconds: config.timeout.as_secs(),
            });
        }
        Waited::Interrupted => return Err(Error::Interrupted),
    };
    if !status.success() {
        let mut printed = collect(stderr);
        printed.extend(collect(stdout));
        return Err(Error::TypstFailed {
            program: typst.to_owned(),
            status: status.to_string(),
            diagnostics: shorten(&String::from_utf8_lossy(&printed)),
        });
    }
    std::fs::read(&pdf).map_err(Error::Scratch)
}

/// The command that compiles the document in `folder`, the only folder Typst may read, to
/// `briefing.pdf` beside it.
fn command(typst: &Path, folder: &Path, config: &TypstConfig) -> Command {
    let mut command = Command::new(typst);
    command
        .arg("compile")
        .arg("--root")
        .arg(folder)
        .args(["--diagnostic-format", "human"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .current_dir(folder);
    if let Some(seconds) = config.creation_timestamp {
        command.arg("--creation-timestamp").arg(seconds.to_string());
    }
    command.arg(DOCUMENT).arg(folder.join(PDF));
    // Its own process group, so that stopping it stops whatever it started too
    // ([`interrupt::wait`] kills the group).
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command
}

/// Reads `pipe` to its end on a thread of its own, keeping the first [`KEPT_OUTPUT`] bytes.
fn keep_start(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let _ = (&mut pipe).take(KEPT_OUTPUT as u64).read_to_end(&mut kept);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        kept
    })
}

/// What a reader thread kept; nothing if it is still reading a second after the child ended
/// (a grandchild may hold the pipe open), so that a stray process cannot block the run.
fn collect(reader: Option<JoinHandle<Vec<u8>>>) -> Vec<u8> {
    let Some(reader) = reader else {
        return Vec::new();
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    while !reader.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    if reader.is_finished() {
        reader.join().unwrap_or_default()
    } else {
        Vec::new()
    }
}

/// `text` cut to its first [`SHOWN_LINES`] lines, saying that there was more.
fn shorten(text: &str) -> String {
    let text = text.trim_end();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= SHOWN_LINES && text.len() < KEPT_OUTPUT {
        return text.to_owned();
    }
    let shown = lines[..lines.len().min(SHOWN_LINES)].join("\n");
    format!("{shown}\n… (Typst printed more; only the first {SHOWN_LINES} lines are shown)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_diagnostics_are_cut_to_their_first_lines() {
        let long: String = (0..1000).map(|i| format!("error {i}\n")).collect();
        let short = shorten(&long);
        assert_eq!(short.lines().count(), SHOWN_LINES + 1);
        assert!(short.starts_with("error 0\nerror 1\n"));
        assert!(short.ends_with("only the first 40 lines are shown)"));
        assert_eq!(shorten("one\ntwo\n"), "one\ntwo");
    }
}
