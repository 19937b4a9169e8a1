//! PDF output: the Typst document compiled by the external `typst` CLI.
//!
//! Typst runs on a private temporary folder that holds only the document, with `--root` set
//! to it, so nothing outside that folder can be read. No shell is involved.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::config::TypstConfig;
use crate::error::Error;

/// The name of the Typst document inside the private folder.
const DOCUMENT: &str = "briefing.typ";

/// Finds the `typst` program: `config.program` if given, else `typst` on `PATH`.
pub fn locate(config: &TypstConfig) -> Result<PathBuf, Error> {
    let program = config.program.clone().unwrap_or_else(|| "typst".into());
    which::which(&program).map_err(|_| Error::TypstMissing { program })
}

/// Compiles Typst `source` to PDF bytes with the program `typst`.
pub fn compile(typst: &Path, source: &str, config: &TypstConfig) -> Result<Vec<u8>, Error> {
    let folder = tempfile::Builder::new()
        .prefix("report-typst-")
        .tempdir()
        .map_err(Error::Scratch)?;
    let document = folder.path().join(DOCUMENT);
    let pdf = folder.path().join("briefing.pdf");
    std::fs::write(&document, source).map_err(Error::Scratch)?;
    let mut command = Command::new(typst);
    command
        .arg("compile")
        .arg("--root")
        .arg(folder.path())
        .args(["--diagnostic-format", "human"])
        .stdin(Stdio::null())
        .current_dir(folder.path());
    if let Some(seconds) = config.creation_timestamp {
        command.arg("--creation-timestamp").arg(seconds.to_string());
    }
    let output = command
        .arg(DOCUMENT)
        .arg(&pdf)
        .output()
        .map_err(|source| Error::TypstRun {
            program: typst.to_owned(),
            source,
        })?;
    if !output.status.success() {
        let diagnostics = String::from_utf8_lossy(&output.stderr)
            .trim_end()
            .to_owned();
        return Err(Error::TypstFailed {
            program: typst.to_owned(),
            status: output.status.to_string(),
            diagnostics,
        });
    }
    std::fs::read(&pdf).map_err(Error::Scratch)
}
