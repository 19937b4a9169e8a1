//! Writing output files atomically: a temporary file beside the target, then a rename.
//!
//! A failed or interrupted run leaves any earlier output exactly as it was.

use std::path::Path;

use crate::error::Error;
use crate::files::containment::Chosen;

/// The output file of a render, where the file gate lets it be written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Destination<'p> {
    /// The path, as named.
    pub path: &'p Path,
    /// Who chose it: the user (`-o`) or the project (the default beside the outline).
    pub chosen: Chosen,
    /// The project folder (resolved) that a link in the repository may not lead out of.
    pub within: &'p Path,
    /// The sources folder (resolved), never written to.
    pub sources: &'p Path,
}

/// Writes `bytes` to `to` so that readers see either the old file or the whole new one,
/// through the file gate ([`crate::files::containment::output_target`]).
///
/// A symbolic link inside the project is followed and its target replaced; a device or pipe
/// the user named (`-o /dev/null`) is written to directly, as there is no file to replace; an
/// existing file keeps its mode.
pub(crate) fn write(to: Destination<'_>, bytes: &[u8]) -> Result<(), Error> {
    let (target, special) =
        crate::files::containment::output_target(to.path, to.within, to.sources, to.chosen)?;
    let fail = |source| Error::Write {
        path: to.path.to_owned(),
        source,
    };
    if special {
        return std::fs::write(&target, bytes).map_err(fail);
    }
    crate::files::containment::write_atomically(&target, bytes, true).map_err(fail)
}

/// Whether `a` and `b` name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// `path` as the user would name it with `-o`, in the project `within`.
    fn named(path: &Path, within: &Path) -> Result<(), Error> {
        let sources = within.join("sources");
        let to = Destination {
            path,
            chosen: Chosen::ByUser,
            within,
            sources: &sources,
        };
        write(to, b"new")
    }

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        (dir, root)
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let (_dir, root) = project();
        let path = root.join("out.md");
        std::fs::write(&path, "old").unwrap();
        named(&path, &root).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn follows_links_inside_keeps_modes_and_writes_through_named_devices() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, root) = project();
        let real = root.join("real.md");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = root.join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        named(&link, &root).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o600
        );
        named(Path::new("/dev/null"), &root).unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_project_is_refused_and_its_target_left_alone() {
        let (_dir, root) = project();
        let (_victim_dir, victim) = project();
        let keys = victim.join("authorized_keys");
        std::fs::write(&keys, "ssh-ed25519 AAAA").unwrap();
        let link = root.join("report.md");
        std::os::unix::fs::symlink(&keys, &link).unwrap();
        for chosen in [Chosen::ByUser, Chosen::ByProject] {
            let sources = root.join("sources");
            let to = Destination {
                path: &link,
                chosen,
                within: &root,
                sources: &sources,
            };
            let err = write(to, b"briefing").unwrap_err();
            assert!(err.to_string().contains("refused: leads outside"), "{err}");
        }
        assert_eq!(std::fs::read_to_string(&keys).unwrap(), "ssh-ed25519 AAAA");
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 1);
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 1);
    }

    #[test]
    fn nothing_is_written_into_the_sources_folder() {
        let (_dir, root) = project();
        let sources = root.join("sources");
        std::fs::create_dir(&sources).unwrap();
        for name in ["sources.yaml", "x.txt"] {
            let err = named(&sources.join(name), &root).unwrap_err();
            assert!(err.to_string().contains("in the sources folder"), "{err}");
        }
        assert_eq!(std::fs::read_dir(&sources).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_as_target_is_an_error_and_left_alone() {
        let (_dir, root) = project();
        std::fs::create_dir(root.join("out")).unwrap();
        let err = named(&root.join("out"), &root).unwrap_err();
        assert!(err.to_string().contains("it is a folder"), "{err}");
        assert!(root.join("out").is_dir());
    }
}
