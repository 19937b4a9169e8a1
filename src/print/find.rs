//! `report find` as text: where a text stands in a source, with its context, and the
//! `cite` entry ready to paste; or the nearest passage, compared word by word.

use std::path::Path;

use serde::Serialize;

use crate::check::locate::{Everywhere, Found, Located, MOST_PLACES};
use crate::print::human;
use crate::text::visible::visible;

/// What `report find` shows: `out` for standard output (the `cite` entry, and the places as
/// YAML comments), `notes` for standard error (why the text was not found, and the nearest
/// passage compared with it).
#[derive(Debug, Default)]
pub struct FindText {
    /// For standard output: YAML, ready to paste into an outline.
    pub out: String,
    /// For standard error, one line each.
    pub notes: Vec<String>,
}

/// The text of what `report find` found.
pub fn located(located: &Located) -> FindText {
    let Located {
        source,
        path,
        found,
    } = located;
    // What people read is made visible; the `cite` entry keeps the text itself.
    let (shown_source, shown_path) = (visible(source), visible_path(path));
    match found {
        Found::Places(places) => {
            let mut yaml = String::new();
            for place in places {
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
            yaml.push_str(&entry(source, &places[0].text));
            FindText {
                out: yaml,
                notes: Vec::new(),
            }
        }
        // The words stand there, but beside a negation: no entry that `check` would refuse.
        Found::Near(near) if near.negation.is_some() => FindText {
            notes: vec![
                format!("not found in `{shown_source}` ({shown_path}) as a quote of its own"),
                format!(
                    "{shown_path}:{}: the source has `{}` beside these words: quote it with them, or do not quote them (a quote may not leave out the negation beside it)",
                    near.place.at,
                    visible(near.negation.as_deref().unwrap_or_default())
                ),
            ],
            out: String::new(),
        },
        Found::Near(near) => FindText {
            notes: vec![
                format!("not found in `{shown_source}` ({shown_path})"),
                format!(
                    "nearest: {shown_path}:{} ({}% alike)",
                    near.place.at,
                    human::percent(near.comparison.similarity)
                ),
                human::diff(near),
                human::describe(&near.comparison.difference),
            ],
            out: format!(
                "# the nearest passage, not the text given: check it says what you mean\n{}",
                entry(source, &near.text)
            ),
        },
        Found::Nothing => FindText {
            notes: vec![format!(
                "not found in `{shown_source}` ({shown_path}), and no passage is close to it"
            )],
            out: String::new(),
        },
    }
}

/// The text of what `report find TEXT` found in every source of a folder: each source's
/// places and `cite` entry, a blank line between them; or, when the text stands in none, the
/// nearest passages, nearest first, each with its entry marked as such.
pub fn everywhere(everywhere: &Everywhere) -> FindText {
    let mut shown = FindText::default();
    for error in &everywhere.unreadable {
        shown
            .notes
            .push(format!("skipped: {}", crate::print::error_message(error)));
    }
    let listed = match everywhere.found.is_empty() {
        true => &everywhere.nearest,
        false => &everywhere.found,
    };
    if listed.is_empty() {
        shown
            .notes
            .push("not found in any source of the folder, and no passage is close to it".into());
    } else if everywhere.found.is_empty() {
        shown
            .notes
            .push("not found verbatim in any source of the folder; the nearest passages:".into());
    }
    for (i, one) in listed.iter().enumerate() {
        let text = located(one);
        if i > 0 {
            shown.out.push('\n');
        }
        shown.out.push_str(&text.out);
        shown.notes.extend(text.notes);
    }
    shown
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
    if !source
        .chars()
        .chain(quote.chars())
        .any(crate::files::yaml::needs_escape)
    {
        let entry = Entry {
            cite: Cite { source, quote },
        };
        return serde_saphyr::to_string(&entry).expect("a string pair is YAML");
    }
    format!(
        "cite:\n  source: {}\n  quote: {}\n",
        crate::files::yaml::double_quoted(source),
        crate::files::yaml::double_quoted(quote)
    )
}
