//! A new briefing project: the files `report init` writes. It never overwrites a file: when
//! any of them exists, nothing is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::project::schema::{SchemaOf, schema};

/// The files of a new project, by path relative to its folder, with their contents.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            "report.yaml",
            include_str!("../../report-templates/init/report.yaml").into(),
        ),
        (
            "sources/udhr.txt",
            include_str!("../../report-templates/init/udhr.txt").into(),
        ),
        (
            "sources/sources.yaml",
            include_str!("../../report-templates/init/sources.yaml").into(),
        ),
        (".report/outline.schema.json", schema(SchemaOf::Outline)),
        (".report/sources.schema.json", schema(SchemaOf::Catalog)),
        (
            ".gitignore",
            include_str!("../../report-templates/init/gitignore").into(),
        ),
        (
            ".github/workflows/report.yml",
            include_str!("../../report-templates/init/workflow.yml").into(),
        ),
    ]
}

/// Writes a new project into `dir` (made if missing) and returns the paths written. When
/// any of its files already exists, writes nothing and says which.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    let exists = |p: &PathBuf| std::fs::symlink_metadata(p).is_ok();
    if let Some(path) = (files.iter().map(|(name, _)| dir.join(name))).find(exists) {
        return Err(Error::Exists { path });
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Create {
        path: dir.to_owned(),
        source,
    })?;
    let within = std::fs::canonicalize(dir).map_err(|e| Error::read(dir, e))?;
    // The folders this will make, deepest first, to take back with the files on failure.
    let mut folders: Vec<PathBuf> = (files.iter())
        .flat_map(|(name, _)| {
            dir.join(name)
                .ancestors()
                .skip(1)
                .map(Path::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|folder| folder.starts_with(dir) && std::fs::symlink_metadata(folder).is_err())
        .collect();
    folders.sort();
    folders.dedup();
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        if let Err(error) = create(&path, &within, text) {
            // Leave the folder as it was: a project half written is worse than none.
            for done in written.iter().rev() {
                let _ = std::fs::remove_file(done);
            }
            for folder in &folders {
                let _ = std::fs::remove_dir(folder);
            }
            return Err(error);
        }
        written.push(path);
    }
    Ok(written)
}

/// Creates `path` with `text` inside the project folder `within`, through the file gate:
/// failing if it exists (even if it appeared since the check) or a folder on its way is a
/// link out of the project.
fn create(path: &Path, within: &Path, text: &str) -> Result<(), Error> {
    let fail = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists {
            path: path.to_owned(),
        },
        _ => Error::Create {
            path: path.to_owned(),
            source,
        },
    };
    let mut file = crate::files::containment::create_new(path, within)
        .map_err(fail)?
        .ok_or_else(|| Error::Exists {
            path: path.to_owned(),
        })?;
    file.write_all(text.as_bytes()).map_err(fail)
}
