//! Exit codes, decided here and nowhere else, and the one policy for standard output.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | every quote verified; any other command did what it was asked |
//! | 1 | findings (`check`, `render`); `find`: the text is not in the source; `import`: findings in the outline it wrote, or a warning (a claim that needs a quotation, a document that is no source, offsets that do not line up) |
//! | 2 | the run could not be done: bad input, a missing file or tool, a usage error, or output that cannot be written |
//! | 128 + N | stopped by signal N, after killing Typst and removing temporary files |
//!
//! Standard output is written whole and flushed, so that a full disk is seen (exit 2 with a
//! message); a reader that stops early (`| head`) closes the pipe, which is not a failure, for
//! every command alike. Standard error is best effort.

use std::io::Write;

/// Every quote verified, or the command done.
pub const VERIFIED: u8 = 0;
/// Findings: a quote that does not hold, or a text not found.
pub const FINDINGS: u8 = 1;
/// The run could not be done.
pub const FAILED: u8 = 2;

/// The exit code of a check: [`FAILED`] when its output could not be `written` or an outline
/// could not be checked (`errors`), else [`FINDINGS`] when there are any, else [`VERIFIED`].
pub fn of_check(written: u8, errors: bool, findings: usize) -> u8 {
    if written != VERIFIED || errors {
        FAILED
    } else if findings > 0 {
        FINDINGS
    } else {
        VERIFIED
    }
}

/// The status of a process stopped by `signal`, as a shell reports it.
pub fn signalled(signal: i32) -> i32 {
    128 + signal
}

/// Writes `bytes` to standard output: exit code 0, or 2 if they cannot be written. A reader
/// that stops early (`| head`) closes the pipe: not a failure.
pub fn out(bytes: &[u8]) -> u8 {
    written(std::io::stdout(), bytes)
}

/// Writes `bytes` to `stdout` and flushes it, so that an error (a full disk, `/dev/full`) is
/// seen here rather than lost when the process exits: exit code 0, or 2 with a message. A
/// closed pipe is not a failure.
pub fn written(mut stdout: impl Write, bytes: &[u8]) -> u8 {
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => VERIFIED,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => VERIFIED,
        Err(error) => {
            err(&format!("error: cannot write to standard output: {error}"));
            err("help: send the output where it fits: a file on a disk with room, or a pipe");
            FAILED
        }
    }
}

/// Prints a line on standard error. A reader that stops early closes the pipe; the rest is
/// then dropped rather than treated as a failure.
pub fn err(text: &str) {
    let _ = writeln!(anstream::stderr(), "{text}");
}
