//! The sources of an outline's folder, for `report sources`: what each is, and how many of
//! the outline's quotes cite it. Without an outline, the `sources/` folder beside where it
//! would be is listed, and nothing is counted. Nothing is checked here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::containment::Chosen;
use crate::outline::OutlineFile;
use crate::sources::catalog;
use crate::sources::{SourceSet, Text};

/// One source of the folder, or a cited id that has no file.
#[derive(Debug, Clone)]
pub struct Row {
    /// The source's id.
    pub id: String,
    /// Its title in the catalog, if it has one.
    pub title: Option<String>,
    /// Its file and what is known of it; `None` when the outline cites an id with no file.
    pub file: Option<FileFacts>,
    /// How many `cite` entries and block quotations of the outline cite it; `None` without
    /// an outline.
    pub quotes: Option<usize>,
    /// Why its file cannot be read as a source (not UTF-8), when it cannot.
    pub unreadable: Option<std::sync::Arc<Error>>,
}

/// The sources of a folder, and whether an outline's citations were counted.
#[derive(Debug, Clone)]
pub struct Inventory {
    /// Every source, in id order, then the cited ids no file has.
    pub rows: Vec<Row>,
    /// Whether the outline was there to count citations by.
    pub counted: bool,
}

/// A source file's path, size and digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// The file, as the sources folder names it.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, in hex; empty for a file that cannot be read as text.
    pub sha256: String,
}

/// Every source of the folder of `outline`, in id order, and then the ids the outline cites
/// that no file has. Nothing outside the project folder (`root`, else the outline's) is read.
/// Where no file `outline` is (not even a broken link), the `sources/` folder beside it is
/// listed without counts.
pub fn inventory(outline: &Path, root: Option<&Path>) -> Result<Inventory, Error> {
    let counted = std::fs::symlink_metadata(outline).is_ok();
    let file = match counted {
        true => OutlineFile::read(outline, root)?,
        // An outline of a title only names the default folder and cites nothing.
        false => OutlineFile::parse(outline, "title: sources\n".to_owned())?,
    };
    let sources = SourceSet::for_outline(&file, root)?;
    let catalog = catalog::read(&sources.folder, sources.resolved_folder())?;
    let mut quotes: BTreeMap<&str, usize> = BTreeMap::new();
    for citation in file.outline.citations() {
        *quotes.entry(citation.source.value.as_str()).or_default() += 1;
    }
    let mut buffer = Vec::new();
    let mut rows = Vec::new();
    for source in sources.every_source() {
        let read = Text::read(
            &source.path,
            &source.within,
            Chosen::ByProject,
            std::mem::take(&mut buffer),
        );
        // A file that is not UTF-8 is listed, and why; anything else stops the listing.
        let (sha256, unreadable) = match read {
            Ok(text) => {
                let sha256 = text.sha256();
                buffer = text.into_buffer();
                (sha256, None)
            }
            Err(error) if error.is_unreadable_source() => {
                (String::new(), Some(std::sync::Arc::new(error)))
            }
            Err(error) => return Err(error),
        };
        let facts = FileFacts {
            bytes: std::fs::metadata(&source.resolved).map_or(0, |m| m.len()),
            sha256,
            path: source.path,
        };
        rows.push(Row {
            title: catalog.get(&source.id).and_then(|m| m.title.clone()),
            quotes: counted.then(|| quotes.get(source.id.as_str()).copied().unwrap_or(0)),
            id: source.id,
            file: Some(facts),
            unreadable,
        });
    }
    let missing = quotes
        .iter()
        .filter(|(id, _)| !sources.available.contains_key(**id));
    rows.extend(missing.map(|(id, &n)| Row {
        id: (*id).to_owned(),
        title: catalog.get(*id).and_then(|m| m.title.clone()),
        file: None,
        quotes: Some(n),
        unreadable: None,
    }));
    Ok(Inventory { rows, counted })
}
