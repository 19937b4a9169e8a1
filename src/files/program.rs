//! Running an external program (Typst, pdftotext): found on `PATH` or where the user says, run
//! without a shell and with a time limit, what it prints read as it comes and cut short, and
//! killed (with whatever it started) if the run is interrupted.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, ExitStatus};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::files::interrupt::{self, Waited};

/// The most bytes of a program's output kept for a message; the rest is read and dropped.
const KEPT_OUTPUT: usize = 64 << 10;

/// The most lines of a program's diagnostics shown in an error.
const SHOWN_LINES: usize = 40;

/// `program` if it names an executable (a path, or a name on `PATH`); `None` if not found.
pub(crate) fn locate(program: &Path) -> Option<PathBuf> {
    which::which(program).ok()
}

/// How a program run ended.
#[derive(Debug)]
pub(crate) enum Ended {
    /// It exited, printing this (the start of standard output, then of standard error).
    Exited {
        status: ExitStatus,
        stdout: Vec<u8>,
        stderr: Vec<u8>,
    },
    /// It ran longer than allowed and was killed.
    TimedOut,
    /// The run was interrupted; it was killed.
    Interrupted,
}

/// Runs `command` (its standard output and error piped, nothing on its standard input) for
/// at most `timeout`, in a process group of its own so that stopping it stops whatever it
/// started too.
pub(crate) fn run(command: Command, timeout: Duration) -> std::io::Result<Ended> {
    spawn(command, std::process::Stdio::null())?.finish(Vec::new(), timeout)
}

/// A program started with its standard input open, given its input later
/// ([`Running::finish`]) so that it starts up meanwhile; dropped unfinished, it is killed
/// with its process group.
#[derive(Debug)]
pub(crate) struct Running {
    stdin: Option<ChildStdin>,
    stdout: Option<Receiver<Vec<u8>>>,
    stderr: Option<Receiver<Vec<u8>>>,
    held: interrupt::Held,
}

/// Starts `command` (its standard input, output and error piped) in a process group of its
/// own, as [`run`] does, without waiting for it.
pub(crate) fn start(command: Command) -> std::io::Result<Running> {
    spawn(command, std::process::Stdio::piped())
}

/// Starts `command` with `stdin`, its output and error piped, leading a process group of its
/// own, held by the run ([`interrupt::start`]).
fn spawn(mut command: Command, stdin: std::process::Stdio) -> std::io::Result<Running> {
    command
        .stdin(stdin)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let (held, (stdin, stdout, stderr)) = interrupt::start(&mut command)?;
    Ok(Running {
        stdin,
        stdout: stdout.map(keep_start),
        stderr: stderr.map(keep_start),
        held,
    })
}

impl Running {
    /// Gives the program `input`, its whole standard input, and waits for it for at most
    /// `timeout`.
    pub(crate) fn finish(self, input: Vec<u8>, timeout: Duration) -> std::io::Result<Ended> {
        let Running {
            stdin,
            stdout,
            stderr,
            held,
        } = self;
        if let Some(mut stdin) = stdin {
            // On a thread of its own: a program that reads nothing would hold the write up
            // past any time limit. Once the program ends, the write fails and the thread ends.
            std::thread::spawn(move || {
                let _ = stdin.write_all(&input);
            });
        }
        Ok(match held.wait(timeout)? {
            Waited::Exited(status) => Ended::Exited {
                status,
                stdout: collect(stdout),
                stderr: collect(stderr),
            },
            Waited::TimedOut => Ended::TimedOut,
            Waited::Interrupted => Ended::Interrupted,
        })
    }
}

/// The error of a program that could not be started or waited for (`source`): the run's
/// interruption while it is being stopped, as no program starts then
/// ([`interrupt::stopping`]); else `failed(source)`.
pub(crate) fn failure(
    source: std::io::Error,
    failed: impl FnOnce(std::io::Error) -> crate::error::Error,
) -> crate::error::Error {
    match interrupt::stopping() {
        true => crate::error::Error::Interrupted,
        false => failed(source),
    }
}

/// Stops the program `command` runs from writing a file larger than `bytes`: past it, the
/// system ends the program (SIGXFSZ), so an extractor cannot fill the disk.
pub(crate) fn limit_file_size(command: &mut Command, bytes: u64) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: between fork and exec only `setrlimit` runs, which is async-signal-safe
        // and touches no memory of the parent.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit {
                    rlim_cur: bytes as libc::rlim_t,
                    rlim_max: bytes as libc::rlim_t,
                };
                match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
    }
}

/// A private temporary folder for a program to work in, named `prefix…`, taken back when the
/// folder is dropped or the run is interrupted (keep both halves until the program is done).
pub(crate) fn scratch(
    prefix: &str,
) -> Result<(tempfile::TempDir, crate::files::interrupt::Temporary), crate::error::Error> {
    let folder = (tempfile::Builder::new().prefix(prefix).tempdir())
        .map_err(crate::error::Error::Scratch)?;
    let registered = crate::files::interrupt::temporary(folder.path());
    Ok((folder, registered))
}

/// Reads `pipe` to its end on a thread of its own, keeping the first [`KEPT_OUTPUT`] bytes,
/// which come back on the returned channel once the pipe is closed.
fn keep_start(mut pipe: impl Read + Send + 'static) -> Receiver<Vec<u8>> {
    let (send, receive) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let _ = (&mut pipe).take(KEPT_OUTPUT as u64).read_to_end(&mut kept);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        let _ = send.send(kept);
    });
    receive
}

/// What a reader thread kept, as soon as it is done; nothing if it is still reading a second
/// after it is asked (a grandchild may hold the pipe open), so that a stray process cannot
/// block the run.
fn collect(reader: Option<Receiver<Vec<u8>>>) -> Vec<u8> {
    (reader.and_then(|reader| reader.recv_timeout(Duration::from_secs(1)).ok())).unwrap_or_default()
}

/// `text` cut to its first [`SHOWN_LINES`] lines, saying that `who` printed more.
pub(crate) fn shorten(text: &str, who: &str) -> String {
    let text = text.trim_end();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= SHOWN_LINES && text.len() < KEPT_OUTPUT {
        return text.to_owned();
    }
    let shown = lines[..lines.len().min(SHOWN_LINES)].join("\n");
    format!("{shown}\n… ({who} printed more; only the first {SHOWN_LINES} lines are shown)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_diagnostics_are_cut_to_their_first_lines() {
        let long: String = (0..1000).map(|i| format!("error {i}\n")).collect();
        let short = shorten(&long, "Typst");
        assert_eq!(short.lines().count(), SHOWN_LINES + 1);
        assert!(short.starts_with("error 0\nerror 1\n"));
        assert!(short.ends_with("only the first 40 lines are shown)"));
        assert_eq!(shorten("one\ntwo\n", "Typst"), "one\ntwo");
    }
}
