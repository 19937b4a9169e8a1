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
use std::sync::Mutex;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{IndependentStyle, Style};
use serde_saphyr::Spanned;

use crate::error::Error;
use crate::files::containment::{self, Chosen};
use crate::outline::{OutlineFile, quiet};

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
    rules: Rules,
    /// The name shown: the bundled style's name, or the file's path.
    pub name: String,
}

/// A style's rules. The default style's are decoded only when a citation is formatted: a run
/// that only checks formats none, and decoding a bundled style takes longer than checking a
/// small outline.
enum Rules {
    /// Shared: a run may check hundreds of outlines in one style.
    Decoded(std::sync::Arc<IndependentStyle>),
    /// The bundled [`DEFAULT_STYLE`], not decoded yet.
    Default,
}

impl CitationStyle {
    /// The style's rules, decoded once a run.
    pub(crate) fn rules(&self) -> std::sync::Arc<IndependentStyle> {
        match &self.rules {
            Rules::Decoded(rules) => std::sync::Arc::clone(rules),
            Rules::Default => default_rules(),
        }
    }
}

/// The bundled default style's rules, decoded once a run.
pub(crate) fn default_rules() -> std::sync::Arc<IndependentStyle> {
    let default = ArchivedStyle::by_name(DEFAULT_STYLE).expect("bundled");
    let style = archived(default).expect("the default style is independent");
    style.rules()
}

/// The style `file` names (`style:`), or the default.
pub fn style(file: &OutlineFile, root: &Path) -> Result<CitationStyle, Error> {
    let Some(named) = &file.outline.style else {
        let default = ArchivedStyle::by_name(DEFAULT_STYLE).expect("bundled");
        return Ok(CitationStyle {
            rules: Rules::Default,
            name: default.names()[0].to_owned(),
        });
    };
    let name = named.value.trim();
    if name.ends_with(".csl") {
        return from_file(file, named, root);
    }
    match ArchivedStyle::by_name(name).map(archived) {
        Some(Some(style)) => Ok(CitationStyle {
            name: name.to_owned(),
            ..style
        }),
        Some(None) => Err(unknown(file, named, "it depends on another style")),
        None => Err(unknown(file, named, "no bundled style has that name")),
    }
}

/// A bundled style, decoded once per run (decoding one takes about as long as checking a
/// small outline, and a run may check hundreds of outlines in one style); `None` for a style
/// that depends on another.
fn archived(style: ArchivedStyle) -> Option<CitationStyle> {
    type Decoded = Vec<(&'static str, Option<std::sync::Arc<IndependentStyle>>)>;
    static DECODED: Mutex<Decoded> = Mutex::new(Vec::new());
    let name = style.names()[0];
    let mut decoded = DECODED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let independent = match decoded.iter().find(|(n, _)| *n == name) {
        Some((_, independent)) => independent.clone(),
        None => {
            let independent = match decode(style) {
                Style::Independent(independent) => Some(std::sync::Arc::new(independent)),
                Style::Dependent(_) => None,
            };
            decoded.push((name, independent.clone()));
            independent
        }
    };
    Some(CitationStyle {
        rules: Rules::Decoded(independent?),
        name: name.to_owned(),
    })
}

/// The bundled [`DEFAULT_STYLE`] as `hayagriva` 0.10 stores it (CBOR), copied from its
/// `archive/styles/chicago-notes-bibliography.cbor` (a style of the CSL project, under
/// CC BY-SA 3.0): `hayagriva` decodes its copy only in a way that builds an error message
/// for every variant it tries, while this one is decoded quietly ([`quiet`]), in two thirds
/// of the time. A test checks that both decode to the same style.
static DEFAULT_CBOR: &[u8] = include_bytes!("chicago-notes-bibliography.cbor");

/// The rules of the bundled `style`: the default one decoded quietly from [`DEFAULT_CBOR`],
/// any other (or the default, should that fail) by `hayagriva`.
fn decode(style: ArchivedStyle) -> Style {
    let default = style.names().first() == Some(&DEFAULT_STYLE);
    let quick = default
        .then(|| quiet::from_cbor::<Style>(DEFAULT_CBOR))
        .flatten();
    quick.unwrap_or_else(|| style.get())
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
        rules: Rules::Decoded(std::sync::Arc::new(style)),
        name: relative.display().to_string(),
    })
}

/// The most macros a `.csl` file may define: the engine looks each one up by name, in a list.
pub const MAX_MACROS: usize = 400;

/// The most macro calls one citation or entry of a `.csl` file may expand into, following the
/// costliest branch of each `choose` (the styles of the CSL repository need at most 600).
pub const MAX_EXPANSIONS: u64 = 5_000;

/// What a part of a style costs to format: a sequence of parts, the costliest of a `choose`'s
/// branches, or a call of a macro.
enum Cost {
    All(Vec<Cost>),
    Costliest(Vec<Cost>),
    Call(String),
}

/// Checks a `.csl` file: its nesting depth, how many macros it defines, that no macro calls
/// itself, and that formatting a citation or an entry cannot expand into more than
/// [`MAX_EXPANSIONS`] macro calls. An attribute is known by its local name, whatever its
/// prefix (`cs:macro` is `macro`).
fn scan(xml: &str) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    // The open elements: whether each is a `choose`, the macro it defines, and its parts.
    let mut open: Vec<(bool, Option<String>, Vec<Cost>)> = vec![(false, None, Vec::new())];
    let mut macros: HashMap<String, Cost> = HashMap::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let (tag, opens) = match &event {
            Event::Start(tag) => (tag, true),
            Event::Empty(tag) => (tag, false),
            Event::End(_) => {
                if open.len() > 1 {
                    let (choose, defines, parts) = open.pop().expect("an open element");
                    let cost = if choose {
                        Cost::Costliest(parts)
                    } else {
                        Cost::All(parts)
                    };
                    match defines {
                        Some(name) => drop(macros.insert(name, cost)),
                        None => open.last_mut().expect("the root").2.push(cost),
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let attribute = |name: &[u8]| {
            (tag.attributes().flatten())
                .filter(|a| a.key.local_name().as_ref() == name)
                .find_map(|a| a.unescape_value().ok().map(|v| v.into_owned()))
        };
        let local = tag.local_name();
        let defines = (local.as_ref() == b"macro").then(|| attribute(b"name").unwrap_or_default());
        if defines.is_some() && macros.len() + open.len() > MAX_MACROS {
            return Err(format!("it defines more than {MAX_MACROS} macros"));
        }
        let calls: Vec<Cost> = attribute(b"macro").map(Cost::Call).into_iter().collect();
        if opens {
            if open.len() > MAX_DEPTH {
                return Err(format!("its elements nest more than {MAX_DEPTH} deep"));
            }
            open.push((local.as_ref() == b"choose", defines, calls));
        } else if let Some(name) = defines {
            macros.insert(name, Cost::All(calls));
        } else {
            open.last_mut().expect("the root").2.extend(calls);
        }
    }
    let top = Cost::All(open.into_iter().flat_map(|(_, _, parts)| parts).collect());
    let mut known: HashMap<String, Option<u64>> = HashMap::new();
    // Every macro, called or not, so that a cycle anywhere is found.
    let mut names: Vec<&String> = macros.keys().collect();
    names.sort();
    for name in names {
        expansions(&Cost::Call(name.clone()), &macros, &mut known, 0)?;
    }
    let total = expansions(&top, &macros, &mut known, 0)?;
    if total > MAX_EXPANSIONS {
        return Err(format!(
            "formatting a citation with it could expand into more than {MAX_EXPANSIONS} macro calls"
        ));
    }
    Ok(())
}

/// The macro calls `cost` expands into; an error for a macro that calls itself, or calls
/// reaching more than [`MAX_DEPTH`] macros deep (`depth` so far). `known` holds each macro's
/// count, or `None` while it is being counted.
fn expansions(
    cost: &Cost,
    macros: &HashMap<String, Cost>,
    known: &mut HashMap<String, Option<u64>>,
    depth: usize,
) -> Result<u64, String> {
    Ok(match cost {
        Cost::All(parts) => {
            let mut sum: u64 = 0;
            for part in parts {
                sum = sum.saturating_add(expansions(part, macros, known, depth)?);
                if sum > MAX_EXPANSIONS {
                    break;
                }
            }
            sum
        }
        Cost::Costliest(parts) => {
            let mut most = 0;
            for part in parts {
                most = most.max(expansions(part, macros, known, depth)?);
            }
            most
        }
        Cost::Call(name) => match known.get(name) {
            Some(Some(n)) => *n,
            Some(None) => return Err(format!("its macro `{name}` calls itself")),
            None if depth >= MAX_DEPTH => {
                return Err(format!(
                    "its macros call each other more than {MAX_DEPTH} deep"
                ));
            }
            None => {
                known.insert(name.clone(), None);
                let inner = match macros.get(name) {
                    Some(body) => expansions(body, macros, known, depth + 1)?,
                    None => 0,
                };
                let n = inner.saturating_add(1).min(MAX_EXPANSIONS + 1);
                known.insert(name.clone(), Some(n));
                n
            }
        },
    })
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
    fn the_default_style_kept_here_decodes_quietly_to_the_one_hayagriva_bundles() {
        let bundled = ArchivedStyle::by_name(DEFAULT_STYLE).expect("bundled");
        let quiet = quiet::from_cbor::<Style>(DEFAULT_CBOR);
        assert!(
            quiet.is_some(),
            "the copy of the default style no longer decodes"
        );
        assert!(
            quiet == Some(bundled.get()),
            "hayagriva's default style changed: copy its archive/styles/chicago-notes-bibliography.cbor to src/outline/"
        );
        assert!(decode(bundled) == bundled.get());
        let other = ArchivedStyle::by_name("apa").expect("bundled");
        assert!(decode(other) == other.get());
    }

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
