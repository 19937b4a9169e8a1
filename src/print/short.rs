//! The short printer: one line per finding, `path:line:col: error[code]: message`, for grep
//! and editors' error lists, then the summary line.

use crate::check::CheckRun;
use crate::error::Error;
use crate::text::visible::visible;

/// Every finding of `run` on a line of its own, then the summary line ([`error`] prints
/// the errors).
pub fn run(run: &CheckRun) -> String {
    let mut out = String::new();
    for outline in &run.outlines {
        let path = visible(&outline.file.path.display().to_string()).into_owned();
        for f in &outline.checked.findings {
            let message = visible(&f.message);
            out.push_str(&format!(
                "{path}:{}: error[{}]: {message}\n",
                f.place.at, f.code
            ));
        }
    }
    if run.summary.outlines > 0 {
        out.push_str(&super::human::summary(&run.summary));
        out.push('\n');
    }
    out
}

/// A fatal error on one line: `path:line:col: error: message`.
pub fn error(e: &Error) -> String {
    let message = e.to_string().replace('\n', " ");
    let line = match (e.file(), e.at()) {
        (Some(path), Some(at)) => {
            let prefix = format!("{}:{at}: ", path.display());
            match message.strip_prefix(&prefix) {
                Some(rest) => format!("{prefix}error: {rest}"),
                None => format!("error: {message}"),
            }
        }
        _ => format!("error: {message}"),
    };
    visible(&line).into_owned()
}
