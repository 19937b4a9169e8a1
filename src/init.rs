//! A new briefing project: the files `report init` writes. It never overwrites a file: when
//! any of them exists, nothing is written.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::schema::{SchemaOf, schema};

/// The files of a new project, by path relative to its folder, with their contents.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            "report.yaml",
            include_str!("../report-templates/init/report.yaml").into(),
        ),
        (
            "sources/udhr.txt",
            include_str!("../report-templates/init/udhr.txt").into(),
        ),
        (
            "sources/sources.yaml",
            include_str!("../report-templates/init/sources.yaml").into(),
        ),
        (".report/outline.schema.json", schema(SchemaOf::Outline)),
        (".report/sources.schema.json", schema(SchemaOf::Catalog)),
        (
            ".gitignore",
            include_str!("../report-templates/init/gitignore").into(),
        ),
        (
            ".github/workflows/report.yml",
            include_str!("../report-templates/init/workflow.yml").into(),
        ),
    ]
}

/// Writes a new project into `dir` (made if missing) and returns the paths written. When
/// any of its files already exists, writes nothing and says which.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    if let Some(path) = (files.iter().map(|(name, _)| dir.join(name))).find(|p| p.exists()) {
        return Err(Error::Exists { path });
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        if let Err(error) = create(&path, text) {
            // Leave the folder as it was: a project half written is worse than none.
            for done in written.iter().rev() {
                let _ = std::fs::remove_file(done);
            }
            return Err(error);
        }
        written.push(path);
    }
    Ok(written)
}

/// Creates `path` with `text`, failing if it exists (even if it appeared since the check).
fn create(path: &Path, text: &str) -> Result<(), Error> {
    let fail = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists {
            path: path.to_owned(),
        },
        _ => Error::Create {
            path: path.to_owned(),
            source,
        },
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = (OpenOptions::new().write(true).create_new(true))
        .open(path)
        .map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)
}
