//! PDF output: the Typst document compiled by the external `typst` CLI.
//!
//! Typst runs on a private temporary folder, with `--root` set to it, so nothing outside that
//! folder can be read; the document comes on its standard input. It is started before the
//! outline is checked ([`start`]), so that it starts up (its fonts, mostly) while the check
//! and the citations' formatting run, and is given the document once there is one. No shell
//! is involved. Typst gets a time limit, and what it prints is read as it comes and cut short.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;
use crate::files::program::{self, Ended};
use crate::render::config::TypstConfig;

/// The name of the PDF Typst writes beside it.
const PDF: &str = "briefing.pdf";

/// Finds the `typst` program: `config.program` if given, else `typst` on `PATH`.
pub fn locate(config: &TypstConfig) -> Result<PathBuf, Error> {
    let program = config.program.clone().unwrap_or_else(|| "typst".into());
    program::locate(&program).ok_or(Error::TypstMissing { program })
}

/// How long `typst --version` may take: it answers at once, unless it is no Typst.
const VERSION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What `typst --version` says of itself, first line only; `None` if it says nothing, fails,
/// or does not answer within seconds (it is killed then, with whatever it started).
pub fn version(typst: &Path) -> Option<String> {
    let mut command = Command::new(typst);
    command.arg("--version");
    match program::run(command, VERSION_TIMEOUT).ok()? {
        Ended::Exited { status, stdout, .. } if status.success() => {
            let text = String::from_utf8_lossy(&stdout);
            let line = text.lines().next()?.trim();
            (!line.is_empty()).then(|| line.to_owned())
        }
        _ => None,
    }
}

/// The Typst that made `pdf`, as the PDF's metadata names it (`Typst 0.14.2`).
pub fn made_by(pdf: &[u8]) -> Option<String> {
    const CREATOR: &[u8] = b"/Creator (Typst ";
    let at = memchr::memmem::find(pdf, CREATOR)? + b"/Creator (".len();
    let rest = &pdf[at..pdf.len().min(at + 64)];
    let end = rest.iter().position(|&b| b == b')')?;
    String::from_utf8(rest[..end].to_vec()).ok()
}

/// The oldest Typst release the PDF template is tested with; older ones may not compile it.
pub const OLDEST_TESTED: (u64, u64, u64) = (0, 14, 0);

/// Whether Typst's `--version` line (`typst 0.13.1 (8ace67d9)`) names a release older than
/// [`OLDEST_TESTED`]; `None` when it names no version.
pub fn older_than_tested(version: &str) -> Option<bool> {
    let number = (version.split_whitespace())
        .map(|word| word.trim_start_matches('v'))
        .find(|word| word.starts_with(|c: char| c.is_ascii_digit()))?;
    let mut parts = number.split(['.', '-', '+']).map(|p| p.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten()?;
    let patch = parts.next().flatten().unwrap_or(0);
    Some((major, minor, patch) < OLDEST_TESTED)
}

/// Typst started on its private folder, waiting for the document on its standard input.
/// Dropped without a document (the check found something, or another error came first), it
/// is stopped and its folder removed.
#[derive(Debug)]
pub struct Started {
    // Fields drop in order: Typst is stopped before its folder is removed.
    running: program::Running,
    folder: tempfile::TempDir,
    _registered: crate::files::interrupt::Temporary,
    typst: PathBuf,
    timeout: std::time::Duration,
}

/// Starts the program `typst` on a private folder of its own, to be given its document by
/// [`Started::compile`].
pub fn start(typst: &Path, config: &TypstConfig) -> Result<Started, Error> {
    let (folder, registered) = program::scratch("report-typst-")?;
    let running = program::start(command(typst, folder.path(), config)).map_err(|source| {
        program::failure(source, |source| Error::TypstRun {
            program: typst.to_owned(),
            source,
        })
    })?;
    Ok(Started {
        running,
        folder,
        _registered: registered,
        typst: typst.to_owned(),
        timeout: config.timeout,
    })
}

impl Started {
    /// Gives Typst the document `source` and waits for the PDF, for at most the time limit
    /// (counted from now). Typst is killed if it runs longer or the run is interrupted; what
    /// it prints is read as it comes (so it cannot block on a full pipe) and only the start
    /// is kept.
    pub fn compile(self, source: &str) -> Result<Vec<u8>, Error> {
        let typst = &self.typst;
        let ended = self
            .running
            .finish(source.as_bytes().to_vec(), self.timeout);
        let ended = ended.map_err(|source| Error::TypstRun {
            program: typst.to_owned(),
            source,
        })?;
        match ended {
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
                    seconds: self.timeout.as_secs(),
                });
            }
            Ended::Interrupted => return Err(Error::Interrupted),
        }
        std::fs::read(self.folder.path().join(PDF)).map_err(Error::Scratch)
    }
}

/// The command that compiles the document on standard input to `briefing.pdf` in `folder`,
/// the only folder Typst may read.
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
    command.arg("-").arg(folder.join(PDF));
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typst_that_made_a_pdf_is_read_from_its_metadata() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<< /Creator (Typst 0.11.1) /Producer (x) >>\nendobj";
        assert_eq!(made_by(pdf).as_deref(), Some("Typst 0.11.1"));
        assert_eq!(made_by(b"%PDF-1.7 /Creator (LaTeX)"), None);
        assert_eq!(older_than_tested("Typst 0.11.1"), Some(true));
    }

    #[test]
    fn typst_older_than_the_tested_release_is_told() {
        assert_eq!(older_than_tested("typst 0.13.1 (8ace67d9)"), Some(true));
        assert_eq!(
            older_than_tested("typst 0.14.2 (unknown hash)"),
            Some(false)
        );
        assert_eq!(older_than_tested("typst 0.14.0-rc.1"), Some(false));
        assert_eq!(older_than_tested("typst 1.0"), Some(false));
        assert_eq!(older_than_tested("typst v0.9.0"), Some(true));
        assert_eq!(older_than_tested("typst (dev)"), None);
    }
}
