//! The citation style an outline names (`style:`): a style `hayagriva` bundles, by name, or a
//! `.csl` file inside the project. Resolved when the outline is checked, so that a style
//! that cannot be used is an error of the outline, at its line and column, before anything
//! is rendered.
//!
//! A `.csl` file is read through the file gate and scanned before it is used: elements nested
//! at most [`MAX_DEPTH`] deep, and no macro that calls itself, directly or through others,
//! since the engine would recurse until the stack ran out.

use std::collections::HashMap;
use std::path::Path;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{IndependentStyle, Style};
use serde_saphyr::Spanned;

use crate::error::Error;
use crate::files::containment::{self, Chosen};
use crate::outline::OutlineFile;

/// The style used when the outline names none.
pub const DEFAULT_STYLE: &str = "chicago-notes";

/// The deepest a `.csl` file's elements may nest.
pub const MAX_DEPTH: usize = 64;

/// The largest `.csl` file read.
const MAX_CSL_BYTES: u64 = 1 << 20;

/// The styles `hayagriva` bundles that an outline may name: each one's names (the first is
/// the one to write) and what it is, in order of name.
pub fn bundled() -> Vec<(Vec<&'static str>, &'static str)> {
    let mut styles: Vec<(Vec<&'static str>, &'static str)> = (ArchivedStyle::all().iter())
        .filter(|s| matches!(s.get(), Style::Independent(_)))
        .map(|s| (s.names().to_vec(), s.display_name()))
        .collect();
    styles.sort();
    styles
}

/// A style ready to format with, and its name as the outline gave it.
pub struct CitationStyle {
    pub(crate) style: IndependentStyle,
    /// The name shown: the bundled style's name, or the file's path.
    pub name: String,
}

/// The style `file` names (`style:`), or the default.
pub fn style(file: &OutlineFile, root: &Path) -> Result<CitationStyle, Error> {
    let Some(named) = &file.outline.style else {
        return Ok(archived(
            ArchivedStyle::by_name(DEFAULT_STYLE).expect("bundled"),
        ));
    };
    let name = named.value.trim();
    if name.ends_with(".csl") {
        return from_file(file, named, root);
    }
    match ArchivedStyle::by_name(name) {
        Some(style) => match style.get() {
            Style::Independent(_) => Ok(CitationStyle {
                name: name.to_owned(),
                ..archived(style)
            }),
            Style::Dependent(_) => Err(unknown(file, named, "it depends on another style")),
        },
        None => Err(unknown(file, named, "no bundled style has that name")),
    }
}

fn archived(style: ArchivedStyle) -> CitationStyle {
    let Style::Independent(independent) = style.get() else {
        unreachable!("only independent styles are taken from the archive")
    };
    CitationStyle {
        style: independent,
        name: style.names()[0].to_owned(),
    }
}

/// The error for a style name no bundled style has, with the closest names.
fn unknown(file: &OutlineFile, named: &Spanned<String>, why: &str) -> Error {
    let name = named.value.trim();
    let mut names: Vec<(f64, &str)> = (ArchivedStyle::all().iter())
        .flat_map(|s| s.names().iter().copied())
        .map(|n| (strsim::normalized_damerau_levenshtein(name, n), n))
        .collect();
    names.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    names.dedup_by(|a, b| a.1 == b.1);
    let closest: Vec<String> = names
        .iter()
        .take(3)
        .map(|(_, n)| format!("`{n}`"))
        .collect();
    Error::invalid(
        &file.path,
        &file.text,
        file.place(named).at,
        format!("unknown citation style `{name}`: {why}"),
        format!(
            "the closest bundled styles are {}; `report styles` lists them all, or name a `.csl` file inside the project",
            closest.join(", ")
        ),
    )
}

/// A style from a `.csl` file inside the project, scanned first.
fn from_file(
    file: &OutlineFile,
    named: &Spanned<String>,
    root: &Path,
) -> Result<CitationStyle, Error> {
    let relative = Path::new(named.value.trim());
    let path = containment::folder_of(&file.path).join(relative);
    let mut bytes = Vec::new();
    containment::read(&path, root, Chosen::ByProject, MAX_CSL_BYTES, &mut bytes)?;
    let bad = |message: String| {
        Error::invalid(
            &file.path,
            &file.text,
            file.place(named).at,
            format!(
                "citation style `{}` cannot be used: {message}",
                relative.display()
            ),
            "give a CSL 1.0 independent style, such as one from the Zotero style repository, or the name of a bundled style",
        )
    };
    if bytes.len() as u64 > MAX_CSL_BYTES {
        return Err(bad(format!("it is larger than {MAX_CSL_BYTES} bytes")));
    }
    let xml = String::from_utf8(bytes).map_err(|_| bad("it is not UTF-8 text".into()))?;
    scan(&xml).map_err(bad)?;
    let style = match Style::from_xml(&xml).map_err(|e| bad(e.to_string()))? {
        Style::Independent(style) => style,
        Style::Dependent(dependent) => {
            match ArchivedStyle::by_id(&dependent.parent_link.href).map(ArchivedStyle::get) {
                Some(Style::Independent(parent)) => parent,
                _ => return Err(bad("it depends on a style that is not bundled".into())),
            }
        }
    };
    Ok(CitationStyle {
        style,
        name: relative.display().to_string(),
    })
}

/// The most macros a `.csl` file may define: the engine looks each one up by name, in a list.
pub const MAX_MACROS: usize = 400;

/// The most macro calls a citation or an entry of a `.csl` file may expand into.
pub const MAX_EXPANSIONS: u64 = 300_000;

/// Checks a `.csl` file: its nesting depth, how many macros it defines, that no macro calls
/// itself, and that its macros do not expand into more than [`MAX_EXPANSIONS`] calls. An
/// attribute is known by its local name, whatever its prefix (`cs:macro` is `macro`).
fn scan(xml: &str) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut current: Option<String> = None;
    // Each macro's calls, in order and with repeats; "" holds the calls outside any macro.
    let mut calls: HashMap<String, Vec<String>> = HashMap::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let (tag, opens) = match &event {
            Event::Start(tag) => (tag, true),
            Event::Empty(tag) => (tag, false),
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if tag.local_name().as_ref() == b"macro" {
                    current = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if opens {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(format!("its elements nest more than {MAX_DEPTH} deep"));
            }
        }
        let attribute = |name: &[u8]| {
            (tag.attributes().flatten())
                .filter(|a| a.key.local_name().as_ref() == name)
                .find_map(|a| a.unescape_value().ok().map(|v| v.into_owned()))
        };
        if tag.local_name().as_ref() == b"macro" {
            let name = attribute(b"name").unwrap_or_default();
            calls.entry(name.clone()).or_default();
            if calls.len() > MAX_MACROS + 1 {
                return Err(format!("it defines more than {MAX_MACROS} macros"));
            }
            current = opens.then_some(name);
        } else if let Some(called) = attribute(b"macro") {
            let caller = current.clone().unwrap_or_default();
            calls.entry(caller).or_default().push(called);
        }
    }
    // A macro that can reach itself.
    for start in calls.keys().filter(|k| !k.is_empty()) {
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<&String> = calls[start].iter().collect();
        while let Some(name) = stack.pop() {
            if name == start {
                return Err(format!("its macro `{start}` calls itself"));
            }
            if seen.insert(name) {
                stack.extend(calls.get(name).into_iter().flatten());
            }
        }
    }
    // How many calls each macro expands into, itself included (no cycle is left).
    fn expansions(
        name: &str,
        calls: &HashMap<String, Vec<String>>,
        known: &mut HashMap<String, u64>,
    ) -> u64 {
        if let Some(&n) = known.get(name) {
            return n;
        }
        let mut n: u64 = 1;
        for called in calls.get(name).into_iter().flatten() {
            n = n.saturating_add(expansions(called, calls, known));
            if n > MAX_EXPANSIONS {
                break;
            }
        }
        known.insert(name.to_owned(), n);
        n
    }
    let mut known = HashMap::new();
    if expansions("", &calls, &mut known) - 1 > MAX_EXPANSIONS {
        return Err(format!(
            "its macros expand into more than {MAX_EXPANSIONS} calls"
        ));
    }
    Ok(())
}

impl std::fmt::Debug for CitationStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CitationStyle")
            .field("name", &self.name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_whose_macros_call_themselves_or_nest_deep_is_refused() {
        let looped = r#"<style><macro name="a"><text macro="b"/></macro><macro name="b"><group><text macro="a"/></group></macro></style>"#;
        assert!(scan(looped).unwrap_err().contains("calls itself"));
        let deep = format!(
            "<style>{}{}</style>",
            "<group>".repeat(100),
            "</group>".repeat(100)
        );
        assert!(scan(&deep).unwrap_err().contains("nest"));
        // A prefixed attribute is the same attribute.
        let prefixed =
            r#"<style xmlns:cs="x"><macro name="m"><text cs:macro="m"/></macro></style>"#;
        assert!(scan(prefixed).unwrap_err().contains("calls itself"));
        // Each macro calling the next twice: 2^30 calls from 30 macros.
        let mut doubling = String::from("<style>");
        for i in 0..30 {
            doubling.push_str(&format!(
                r#"<macro name="m{i}"><text macro="m{}"/><text macro="m{}"/></macro>"#,
                i + 1,
                i + 1
            ));
        }
        doubling.push_str(r#"<citation><layout><text macro="m0"/></layout></citation></style>"#);
        assert!(
            scan(&doubling)
                .unwrap_err()
                .contains("expand into more than")
        );
        let many: String = (0..500)
            .map(|i| format!(r#"<macro name="m{i}"><text variable="title"/></macro>"#))
            .collect();
        assert!(
            scan(&format!("<style>{many}</style>"))
                .unwrap_err()
                .contains("more than 400 macros")
        );
        let fine = r#"<style><macro name="a"><text macro="b"/></macro><macro name="b"><text variable="title"/></macro></style>"#;
        assert_eq!(scan(fine), Ok(()));
    }
}
