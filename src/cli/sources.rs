//! `report sources` (a table of an outline's sources) and `report find` (where a text stands
//! in a source, as a YAML `cite` entry ready to paste).

use std::path::Path;

use report::check::locate::{Found, Located, MOST_PLACES};
use report::print::human;
use report::sources::inventory::Row;
use report::text::visible::{is_hidden, visible};
use serde::Serialize;

use super::exit::{FAILED, FINDINGS, VERIFIED, err, out};

/// Prints the table of the sources of `outline`.
pub fn sources(outline: &Path, root: Option<&Path>) -> u8 {
    match report::sources::inventory::inventory(outline, root) {
        Ok(rows) => out(table(&rows).as_bytes()),
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}

/// The rows as aligned columns under a header.
fn table(rows: &[Row]) -> String {
    let header = ["ID", "TITLE", "SIZE", "SHA-256", "QUOTES"].map(String::from);
    let mut lines: Vec<[String; 5]> = vec![header];
    for row in rows {
        let (size, sha) = match &row.file {
            Some(file) => (size(file.bytes), file.sha256[..12].to_owned()),
            None => ("missing".into(), "-".into()),
        };
        let title = row.title.as_deref().map_or("-".into(), |t| shorten(t, 48));
        let (id, title) = (visible(&row.id).into_owned(), visible(&title).into_owned());
        lines.push([id, title, size, sha, row.quotes.to_string()]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for line in &lines {
        let cells: Vec<String> = (line.iter().zip(&widths).enumerate())
            .map(|(c, (cell, &width))| match c {
                2 | 4 => format!("{cell:>width$}"),
                _ => format!("{cell:<width$}"),
            })
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// A size in bytes, kB or MB (powers of 1000), as people read them.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let kept: String = text.chars().take(most - 1).collect();
    format!("{kept}…")
}

/// A path as people read it, hidden characters made visible.
fn visible_path(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// A `cite` entry, as an outline has it.
#[derive(Serialize)]
struct Entry<'a> {
    cite: Cite<'a>,
}

#[derive(Serialize)]
struct Cite<'a> {
    source: &'a str,
    quote: &'a str,
}

/// The `cite` entry for `quote` in `source`. A value holding a character a reader cannot see
/// is written double-quoted with that character as a YAML escape (`\u202E`), so the entry
/// reads back as the source's own text and shows on screen what it holds.
fn entry(source: &str, quote: &str) -> String {
    if !source.chars().chain(quote.chars()).any(needs_escape) {
        let entry = Entry {
            cite: Cite { source, quote },
        };
        return serde_saphyr::to_string(&entry).expect("a string pair is YAML");
    }
    format!(
        "cite:\n  source: {}\n  quote: {}\n",
        double_quoted(source),
        double_quoted(quote)
    )
}

/// Whether `c` is written as an escape in a `cite` entry: a hidden character, or one that
/// YAML does not allow unescaped (outside its printable set).
fn needs_escape(c: char) -> bool {
    let printable = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}');
    is_hidden(c) || !printable
}

/// `text` as a YAML double-quoted scalar on one line, escaping `\`, `"` and every character
/// that [needs it](needs_escape).
fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && (c as u32) <= 0xffff => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Prints where `text` stands in `source`, and its `cite` entry.
pub fn find(source: &str, text: &str, folder: &Path) -> u8 {
    let located = match report::check::locate::locate(source, text, folder) {
        Ok(located) => located,
        Err(error) => {
            err(&human::error(&error));
            return FAILED;
        }
    };
    let Located {
        source,
        path,
        found,
    } = located;
    // What people read is made visible; the `cite` entry keeps the text itself.
    let (shown_source, shown_path) = (visible(&source), visible_path(&path));
    match found {
        Found::Places(places) => {
            let mut yaml = String::new();
            for place in &places {
                let (context, at) = &place.context;
                let (before, after) = (&context[..at.start], &context[at.end..]);
                yaml.push_str(&format!(
                    "# {shown_path}:{}: {}«{}»{}\n",
                    place.at,
                    visible(before),
                    visible(&context[at.clone()]),
                    visible(after)
                ));
            }
            if places.len() == MOST_PLACES {
                yaml.push_str(&format!(
                    "# (only the first {MOST_PLACES} places are listed)\n"
                ));
            }
            yaml.push_str(&entry(&source, &places[0].text));
            out(yaml.as_bytes())
        }
        Found::Near(near) => {
            err(&format!("not found in `{shown_source}` ({shown_path})"));
            err(&format!(
                "nearest: {shown_path}:{} ({}% alike)",
                near.place.at,
                human::percent(near.comparison.similarity)
            ));
            err(&human::diff(&near));
            err(&human::describe(&near.comparison.difference));
            let suggested = format!(
                "# the nearest passage, not the text given: check it says what you mean\n{}",
                entry(&source, &near.text)
            );
            match out(suggested.as_bytes()) {
                VERIFIED => FINDINGS,
                failed => failed,
            }
        }
        Found::Nothing => {
            err(&format!(
                "not found in `{shown_source}` ({shown_path}), and no passage is close to it"
            ));
            FINDINGS
        }
    }
}
