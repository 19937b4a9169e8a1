//! PDF output: the Typst document compiled by the external `typst` CLI.
//!
//! Typst runs on a private temporary folder that holds only the document, with `--root` set
//! to it, so nothing outside that folder can be read. No shell is involved. Typst gets a
//! time limit, and what it prints is read as it comes and cut short.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;
use crate::files::program::{self, Ended};
use crate::render::config::TypstConfig;

/// The name of the Typst document inside the private folder.
const DOCUMENT: &str = "briefing.typ";

/// The name of the PDF Typst writes beside it.
const PDF: &str = "briefing.pdf";

/// Finds the `typst` program: `config.program` if given, else `typst` on `PATH`.
pub fn locate(config: &TypstConfig) -> Result<PathBuf, Error> {
    let program = config.program.clone().unwrap_or_else(|| "typst".into());
    program::locate(&program).ok_or(Error::TypstMissing { program })
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

/// Compiles Typst `source` to PDF bytes with the program `typst`.
///
/// Typst is killed if it runs longer than `config.timeout` or the run is interrupted; what it
/// prints is read as it comes (so it cannot block on a full pipe) and only the start is kept.
pub fn compile(typst: &Path, source: &str, config: &TypstConfig) -> Result<Vec<u8>, Error> {
    let (folder, _registered) = program::scratch("report-typst-")?;
    let document = folder.path().join(DOCUMENT);
    let pdf = folder.path().join(PDF);
    std::fs::write(&document, source).map_err(Error::Scratch)?;
    let run_error = |source| Error::TypstRun {
        program: typst.to_owned(),
        source,
    };
    let ended = program::run(command(typst, folder.path(), config), config.timeout);
    match ended.map_err(run_error)? {
        Ended::Exited { status, .. } if status.success() => {}
        Ended::Exited {
            status,
            stdout,
            mut stderr,
        } => {
            stderr.extend(stdout);
            return Err(Error::TypstFailed {
                program: typst.to_owned(),
                status: status.to_string(),
                diagnostics: program::shorten(&String::from_utf8_lossy(&stderr), "Typst"),
            });
        }
        Ended::TimedOut => {
            return Err(Error::TypstTimeout {
                program: typst.to_owned(),
                seconds: config.timeout.as_secs(),
            });
        }
        Ended::Interrupted => return Err(Error::Interrupted),
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
        .current_dir(folder);
    if let Some(seconds) = config.creation_timestamp {
        command.arg("--creation-timestamp").arg(seconds.to_string());
    }
    command.arg(DOCUMENT).arg(folder.join(PDF));
    command
}
