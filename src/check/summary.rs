//! Totals over every outline of a run: what the summary line and the machine-readable
//! printers report besides the findings themselves.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::check::checked::CheckedOutline;
use crate::check::finding::{Code, Stats};

/// What a run over one or more outlines found, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Outlines checked (read and parsed).
    pub outlines: usize,
    /// Counts over all of them; `sources` counts a source shared by outlines once.
    pub stats: Stats,
    /// How many findings of each code.
    pub by_code: BTreeMap<Code, usize>,
    /// Sources in the sources folders that no claim cites, by path.
    pub uncited_sources: Vec<UncitedSource>,
    /// Outlines that could not be checked at all.
    pub errors: usize,
}

/// A source that no claim of any outline cites.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UncitedSource {
    /// Its id.
    pub id: String,
    /// Its file.
    pub path: PathBuf,
}

impl Summary {
    /// Totals over `outlines`, `errors` more having failed.
    pub fn new(outlines: &[CheckedOutline], errors: usize) -> Self {
        let mut summary = Summary {
            outlines: outlines.len(),
            errors,
            ..Summary::default()
        };
        // Hashed, not ordered: every outline's cited files are added (tens of thousands of
        // paths over a large run), and the set is only asked what it holds.
        let mut cited: HashSet<&Path> = HashSet::new();
        for outline in outlines {
            summary.stats.add(&outline.checked.stats);
            for finding in &outline.checked.findings {
                *summary.by_code.entry(finding.code).or_default() += 1;
            }
            cited.extend(outline.sources.cited.values().map(|s| s.resolved.as_path()));
        }
        // Every file of every folder, by the file it is, under the name the last outline
        // listing it gives it; those cited by any outline are dropped below. Outlines naming
        // one folder alike list the same files: each is taken once, from the last outline.
        // Hashed too: the uncited are sorted at the end, and ordering a folder of hundreds
        // of paths compared them part by part.
        let mut available = FxHashMap::default();
        let mut folders: HashSet<&Path> = HashSet::new();
        for outline in outlines.iter().rev() {
            if !folders.insert(&outline.sources.folder) {
                continue;
            }
            let sources = &outline.sources;
            for (id, path) in sources.listed() {
                // A file that is no link is its name in the resolved folder.
                let file = match (sources.is_link(id), path.file_name()) {
                    (false, Some(name)) => sources.resolved_folder().join(name),
                    _ => canonical(path),
                };
                let entry = available.entry(file);
                entry.or_insert_with(|| (id.to_owned(), path.to_owned()));
            }
        }
        summary.stats.sources = cited.len();
        summary.uncited_sources = available
            .into_iter()
            .filter(|(key, _): &(PathBuf, _)| !cited.contains(key.as_path()))
            .map(|(_, (id, path))| UncitedSource { id, path })
            .collect();
        summary.uncited_sources.sort();
        summary
    }

    /// Findings of every code.
    pub fn findings(&self) -> usize {
        self.by_code.values().sum()
    }
}

/// The path that identifies a file however it was reached.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}
