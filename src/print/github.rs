//! The GitHub printer: GitHub Actions workflow commands, so findings show as annotations on
//! the pull request's lines (`::error file=…,line=…,col=…,title=…::…`), then the summary.

use crate::check::CheckRun;
use crate::check::finding::Finding;
use crate::error::Error;
use crate::outline::OutlineFile;

/// Every finding and error of `run` as an `::error` command, then the summary line.
pub fn run(run: &CheckRun) -> String {
    let mut out = String::new();
    for outline in &run.outlines {
        for f in &outline.checked.findings {
            out.push_str(&finding(&outline.file, f));
        }
    }
    for e in &run.errors {
        out.push_str(&error(e));
    }
    if run.summary.outlines > 0 {
        out.push_str(&data(&super::human::summary(&run.summary)));
        out.push('\n');
    }
    out
}

fn finding(file: &OutlineFile, f: &Finding) -> String {
    let start = f.place.at;
    let end = super::end_of(file, &f.place.bytes, start);
    let mut properties = vec![
        ("file", file.path.display().to_string()),
        ("line", start.line.to_string()),
        ("col", start.column.to_string()),
    ];
    // GitHub takes an end column only for a range on one line.
    if end.line == start.line && end.column > start.column {
        properties.push(("endColumn", end.column.to_string()));
    } else if end.line > start.line {
        properties.push(("endLine", end.line.to_string()));
    }
    properties.push(("title", format!("report: {}", f.code)));
    command(&properties, &super::plain_text(f))
}

fn error(e: &Error) -> String {
    let mut properties = Vec::new();
    if let Some(path) = e.file() {
        properties.push(("file", path.display().to_string()));
    }
    if let Some(at) = e.at() {
        properties.push(("line", at.line.to_string()));
        properties.push(("col", at.column.to_string()));
    }
    properties.push(("title", "report: error".to_owned()));
    command(&properties, &super::plain_error(e))
}

/// `::error k=v,…::message` with the escaping the workflow-command format requires.
fn command(properties: &[(&str, String)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", property(value)))
        .collect();
    format!("::error {}::{}\n", properties.join(","), data(message))
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as [`data`], and `:` and `,` too.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_workflow_commands_reserve() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
