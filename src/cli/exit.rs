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

use anstream::ColorChoice;
use anstream::stream::{AsLockedWrite, RawStream};

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
    outcome(stdout.write_all(bytes).and_then(|()| stdout.flush()))
}

/// The exit code of a write to standard output that ended with `result`, as [`written`] tells.
fn outcome(result: std::io::Result<()>) -> u8 {
    match result {
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

/// Writes `text`, which may hold ANSI styles, to standard output as [`written`] does: with
/// its styles where the stream shows them (a terminal, `CLICOLOR_FORCE`), else without.
pub fn styled_out(text: &str) -> u8 {
    let stdout = std::io::stdout();
    let choice = anstream::AutoStream::choice(&stdout);
    outcome(write_shown(stdout.lock(), choice, text))
}

/// Writes `text`, which may hold ANSI styles, to standard error as [`styled_out`] does, at
/// best effort: a write that fails is not told.
pub fn styled_err(text: &str) {
    let stderr = std::io::stderr();
    let choice = anstream::AutoStream::choice(&stderr);
    let _ = write_shown(stderr.lock(), choice, text);
}

/// Writes `text` to `raw` and flushes it, with its styles where `choice` shows them, else
/// without, stripped as it goes into a buffer of [`STRIPPED_BUFFER`] bytes: the stream's own
/// adapter wrote each stretch between two styles on its own, a write to the pipe for every
/// line and more, and a check's 2,000 findings took a quarter of a second longer to print.
fn write_shown<W: RawStream + AsLockedWrite>(
    raw: W,
    choice: ColorChoice,
    text: &str,
) -> std::io::Result<()> {
    if choice != ColorChoice::Never {
        let mut out = anstream::AutoStream::new(raw, choice);
        return out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }
    let mut out = std::io::BufWriter::with_capacity(STRIPPED_BUFFER, raw);
    let mut pieces = anstream::adapter::strip_str(text);
    pieces.try_for_each(|piece| out.write_all(piece.as_bytes()))?;
    out.flush()
}

/// How much text stripped of its styles is gathered before it is written.
const STRIPPED_BUFFER: usize = 64 << 10;

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;

    /// A stream that keeps what is written to it and counts the writes.
    #[derive(Clone, Default)]
    struct Counted(Rc<RefCell<(Vec<u8>, usize)>>);

    impl Write for Counted {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut kept = self.0.borrow_mut();
            kept.0.extend_from_slice(buf);
            kept.1 += 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn styled_lines(n: usize) -> String {
        (0..n)
            .map(|i| format!("\u{1b}[1m\u{1b}[91merror\u{1b}[0m: line {i}\n"))
            .collect()
    }

    /// What [`write_shown`] writes of `text` as `choice` says, and in how many writes.
    fn shown(choice: ColorChoice, text: &str) -> (String, usize) {
        let stream = Counted::default();
        let raw: Box<dyn Write> = Box::new(stream.clone());
        assert!(write_shown(raw, choice, text).is_ok());
        let (bytes, writes) = stream.0.take();
        (String::from_utf8(bytes).unwrap(), writes)
    }

    #[test]
    fn text_without_styles_is_written_a_buffer_at_a_time() {
        let (plain, writes) = shown(ColorChoice::Never, &styled_lines(500));
        let expected: String = (0..500).map(|i| format!("error: line {i}\n")).collect();
        assert_eq!(plain, expected);
        assert_eq!(writes, 1);
        // Past the buffer, a write for each buffer's worth.
        let (plain, writes) = shown(ColorChoice::Never, &styled_lines(20_000));
        assert!(!plain.contains('\u{1b}'));
        // A buffer goes out once the next piece does not fit: each carries all but the
        // length of a piece (here under 64 bytes) of a buffer's worth.
        let most = plain.len().div_ceil(STRIPPED_BUFFER - 64);
        assert!(writes <= most, "{writes} writes, {most} at most");
    }

    #[test]
    fn text_with_styles_is_written_as_it_is() {
        let text = styled_lines(3);
        assert_eq!(shown(ColorChoice::AlwaysAnsi, &text).0, text);
    }
}
