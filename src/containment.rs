//! Keeping reads inside the project: the sources folder inside the project folder, and every
//! source file inside the sources folder, once symbolic links are followed.
//!
//! Outlines and sources come from anyone who can open a pull request, so a path in them is
//! never trusted: it is resolved (`..` and links followed) and compared with the folder it
//! must stay in before anything under it is read. The file read is the resolved one, so a
//! link swapped after the check is not followed again.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The project folder of an outline: `root` if given, else the outline's own folder; resolved.
pub fn project_root(outline: &Path, root: Option<&Path>) -> Result<PathBuf, Error> {
    let folder = root.unwrap_or_else(|| folder_of(outline));
    std::fs::canonicalize(folder).map_err(|e| Error::read(folder, e))
}

/// The folder a file is in: its parent, or `.` for a bare file name.
pub fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path` resolved, if it lies inside the resolved folder `within`; `Ok(None)` if it leads
/// outside it.
pub fn resolve_inside(path: &Path, within: &Path) -> io::Result<Option<PathBuf>> {
    let resolved = std::fs::canonicalize(path)?;
    Ok(resolved.starts_with(within).then_some(resolved))
}

/// The resolved path of source file `path` in the resolved sources folder `folder`, checked to
/// be a regular file inside it: never a link out of the folder, a folder, a pipe or a device
/// (reading a pipe could wait for ever).
pub fn source_file(path: &Path, folder: &Path) -> Result<PathBuf, Error> {
    let resolved = std::fs::canonicalize(path).map_err(|e| Error::read(path, e))?;
    if !resolved.starts_with(folder) {
        return Err(Error::OutsideSources {
            path: path.to_owned(),
            target: resolved,
        });
    }
    let meta = std::fs::metadata(&resolved).map_err(|e| Error::read(path, e))?;
    if meta.is_dir() {
        return Err(Error::read(path, io::Error::other("it is a folder")));
    }
    if !meta.is_file() {
        return Err(Error::read(
            path,
            io::Error::other("it is not a regular file"),
        ));
    }
    Ok(resolved)
}

/// Whether `id` can name a source: a plain file name, never a path.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\'])
        && !id.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_file_names_never_paths() {
        for id in ["memo", "tass-2024", "Étude 3", "memo.v2"] {
            assert!(is_plain_id(id), "{id}");
        }
        for id in [
            "",
            "..",
            "../x",
            "/etc/passwd",
            "a/b",
            "a\\b",
            ".hidden",
            "a\nb",
            "a\0b",
        ] {
            assert!(!is_plain_id(id), "{id:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused_and_one_inside_is_followed() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let folder = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(folder.join("real.txt"), "real").unwrap();
        std::os::unix::fs::symlink(&secret, folder.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(folder.join("real.txt"), folder.join("in.txt")).unwrap();
        let err = source_file(&folder.join("out.txt"), &folder).unwrap_err();
        assert!(
            err.to_string().contains("leads outside the sources folder"),
            "{err}"
        );
        let inside = source_file(&folder.join("in.txt"), &folder).unwrap();
        assert_eq!(inside, folder.join("real.txt"));
    }
}
