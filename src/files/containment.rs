//! The one gate every project file passes through: the outline, the catalog and the sources
//! read, and the output written.
//!
//! Outlines and sources come from anyone who can open a pull request, so a path in them (or a
//! link the repository holds) is never trusted. A file the project names is opened without
//! following a link out of the project, and the *opened* file is checked to be a regular file
//! inside it: no check of a path that a later open could disagree with. A FIFO or a device is
//! opened only when the user named it on the command line, and even then a path inside the
//! project that a link leads out of it is refused. A render never lands in the sources folder;
//! only `report sources add` writes there, new files and the catalog.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Refusal};
use crate::text::stretches::MOST_STRETCHES;

/// The project folder of an outline: `root` if given, else the outline's own folder; resolved.
pub(crate) fn project_root(outline: &Path, root: Option<&Path>) -> Result<PathBuf, Error> {
    let folder = root.unwrap_or_else(|| folder_of(outline));
    std::fs::canonicalize(folder).map_err(|e| Error::read(folder, e))
}

/// The folder a file is in: its parent, or `.` for a bare file name.
pub(crate) fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path` resolved, if it lies inside the resolved folder `within`; `Ok(None)` if it leads
/// outside it.
pub(crate) fn resolve_inside(path: &Path, within: &Path) -> io::Result<Option<PathBuf>> {
    let resolved = std::fs::canonicalize(path)?;
    Ok(resolved.starts_with(within).then_some(resolved))
}

/// The resolved path of source file `path` in the resolved sources folder `folder`, checked to
/// be a regular file inside it: never a link out of the folder, a folder, a pipe or a device
/// (reading a pipe could wait for ever).
pub(crate) fn source_file(path: &Path, folder: &Path) -> Result<PathBuf, Error> {
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

/// Who chose a path: the user, on the command line, or the project (a path the outline
/// names, a file found in the sources folder, an output path made from the outline's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// Named on the command line: it may lie anywhere, and be a FIFO or a device.
    ByUser,
    /// Named by the project: a regular file inside the project.
    ByProject,
}

/// Opens `path` for reading, if the gate lets it through: a file the project chose must be,
/// once opened, a regular file inside `within`; one the user chose may be anything, but a
/// path inside `within` may not lead out of it.
pub(crate) fn open(path: &Path, within: &Path, chosen: Chosen) -> Result<File, Error> {
    let refused = |reason| Error::Refused {
        path: path.to_owned(),
        reason,
    };
    let resolved = std::fs::canonicalize(path).map_err(|e| Error::read(path, e))?;
    let inside = resolved.starts_with(within);
    if !inside && (chosen == Chosen::ByProject || lexically_inside(path, within)) {
        return Err(refused(Refusal::LeadsOutside {
            target: resolved,
            within: within.to_owned(),
        }));
    }
    let file = open_no_follow(&resolved).map_err(|e| Error::read(path, e))?;
    let meta = file.metadata().map_err(|e| Error::read(path, e))?;
    let kind = kind_of(&meta);
    if meta.is_dir() || (chosen == Chosen::ByProject && kind.is_some()) {
        return Err(refused(Refusal::NotRegular(kind.unwrap_or("a folder"))));
    }
    if inside && !opened_inside(&file, &resolved, within) {
        return Err(refused(Refusal::LeadsOutside {
            target: resolved,
            within: within.to_owned(),
        }));
    }
    Ok(file)
}

/// Reads the file `path` through the gate ([`open`]) into `buffer`, at most `limit` bytes
/// and one more (so that a caller can tell a file over the limit).
pub(crate) fn read(
    path: &Path,
    within: &Path,
    chosen: Chosen,
    limit: u64,
    buffer: &mut Vec<u8>,
) -> Result<(), Error> {
    read_on(path, within, chosen, limit, buffer, 1)
}

/// A file at least this large is read by several threads when they are given
/// ([`read_on`]).
const SHARED_READ: u64 = 8 << 20;

/// [`read`] on up to `threads` threads: a file of [`SHARED_READ`] bytes or more that needs
/// fresh memory is read in as many parts, each thread touching the fresh pages of its own
/// (on a cached file, the page faults of fresh memory cost as much as the copy: 84 MB read
/// in some 30 ms on two threads against 50 on one). The same bytes as one read.
pub(crate) fn read_on(
    path: &Path,
    within: &Path,
    chosen: Chosen,
    limit: u64,
    buffer: &mut Vec<u8>,
    threads: usize,
) -> Result<(), Error> {
    let file = open(path, within, chosen)?;
    buffer.clear();
    // The room the file takes, at once: read through `take`, a buffer would otherwise grow
    // by doubling, to up to twice the file. (A file that grows meanwhile still reads whole.)
    let size = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(limit.saturating_add(1));
    let fresh = usize::try_from(size).is_ok_and(|size| size > buffer.capacity());
    if threads > 1
        && fresh
        && (SHARED_READ..=limit).contains(&size)
        && let Some(read) = read_in_parts(&file, size as usize, threads)
    {
        *buffer = read.map_err(|e| Error::read(path, e))?;
        return Ok(());
    }
    // Room that cannot be had (a sparse file of terabytes) is left to the read to report.
    let _ = buffer.try_reserve_exact(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(buffer)
        .map_err(|e| Error::read(path, e))?;
    Ok(())
}

/// The `size` bytes of `file`, read in `threads` parts at once into fresh memory; `None`
/// where the room cannot be had or the file is not `size` bytes long as it is read (it
/// changed: the caller reads it whole from the start).
fn read_in_parts(file: &File, size: usize, threads: usize) -> Option<io::Result<Vec<u8>>> {
    use std::mem::MaybeUninit;
    use std::os::unix::fs::FileExt;
    let mut bytes: Vec<u8> = Vec::new();
    bytes.try_reserve_exact(size).ok()?;
    // Parts of whole pages, the last one shorter; no more than a text has stretches.
    let threads = threads.clamp(1, MOST_STRETCHES);
    let each = size.div_ceil(threads).next_multiple_of(4096);
    let read = std::thread::scope(|scope| {
        let mut parts = bytes.spare_capacity_mut()[..size]
            .chunks_mut(each)
            .enumerate();
        let read = |(i, part): (usize, &mut [MaybeUninit<u8>])| {
            part.fill(MaybeUninit::new(0));
            // SAFETY: every byte of `part` was written just above.
            let part = unsafe { &mut *(part as *mut [MaybeUninit<u8>] as *mut [u8]) };
            file.read_exact_at(part, (i * each) as u64)
        };
        let first = parts.next().expect("a file of bytes has a part");
        let others: Vec<_> = parts.map(|p| scope.spawn(move || read(p))).collect();
        let mut read = read(first);
        for other in others {
            let theirs = (other.join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            read = read.and(theirs);
        }
        read
    });
    match read {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return None,
        Err(e) => return Some(Err(e)),
        Ok(()) => {}
    }
    // A file that grew as it was read is read again whole.
    if !matches!(file.read_at(&mut [0], size as u64), Ok(0)) {
        return None;
    }
    // SAFETY: the parts, written in full above, cover the first `size` bytes.
    unsafe { bytes.set_len(size) };
    Some(Ok(bytes))
}

/// Where an output named `path` may be written: the file itself, once the folder it is in and
/// any link at its name are followed. The project's own choice (the default output) must land
/// inside the project `within`; so must a path the user named inside the project, should a
/// link the repository holds lead elsewhere. Nothing is written into the sources folder
/// `sources`. With the target, whether it is a FIFO or device the user named, to be written
/// to directly since there is no file to replace.
pub(crate) fn output_target(
    path: &Path,
    within: &Path,
    sources: &Path,
    chosen: Chosen,
) -> Result<(PathBuf, bool), Error> {
    let refused = |reason| Error::Refused {
        path: path.to_owned(),
        reason,
    };
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| write_error(io::Error::other("it names no file")))?;
    let folder = std::fs::canonicalize(folder_of(path)).map_err(write_error)?;
    let mut target = folder.join(name);
    let link = std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink());
    if link {
        target = std::fs::canonicalize(&target).map_err(|_| refused(Refusal::Dangling))?;
    }
    let inside = target.starts_with(within);
    if !inside && (chosen == Chosen::ByProject || lexically_inside(path, within)) {
        return Err(refused(Refusal::LeadsOutside {
            target,
            within: within.to_owned(),
        }));
    }
    let existing = std::fs::metadata(&target).ok();
    let kind = existing.as_ref().and_then(kind_of);
    match existing {
        Some(meta) if meta.is_dir() => Err(write_error(io::Error::other("it is a folder"))),
        _ if target.starts_with(sources) => Err(refused(Refusal::IntoSources(sources.to_owned()))),
        // A FIFO or device is written to only where the user chose it: outside the project.
        // Inside, the repository chose the file's type, even under a name the user gave.
        Some(_)
            if kind.is_some()
                && (chosen == Chosen::ByProject || lexically_inside(path, within)) =>
        {
            Err(refused(Refusal::NotRegular(kind.unwrap_or_default())))
        }
        _ => Ok((target, kind.is_some())),
    }
}

/// Creates the new file `path`, and the folders on its way, inside the resolved folder
/// `within`: no folder on the way may be a link out of it, and an existing file or link at
/// `path` is never followed or replaced (`Ok(None)`: it exists).
pub(crate) fn create_new(path: &Path, within: &Path) -> io::Result<Option<File>> {
    let parent = folder_of(path);
    let mut existing = parent;
    while std::fs::symlink_metadata(existing).is_err() {
        existing = existing.parent().unwrap_or(Path::new("."));
    }
    let outside = |p: &Path| std::fs::canonicalize(p).map(|r| !r.starts_with(within));
    if outside(existing)? {
        return Err(io::Error::other(
            "a folder on its way leads outside the project",
        ));
    }
    std::fs::create_dir_all(parent)?;
    if outside(parent)? {
        return Err(io::Error::other(
            "a folder on its way leads outside the project",
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    match options.open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(e),
    }
}

/// What a file that is neither regular nor a folder is, for messages; `None` for those two.
fn kind_of(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Opens `resolved` (a path with no links left) for reading without following a link that
/// replaced it since, and without waiting on a FIFO for a writer.
fn open_no_follow(resolved: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(resolved)?;
    #[cfg(unix)]
    clear_nonblocking(&file)?;
    Ok(file)
}

/// Reads from a FIFO the user named should wait for its writer, as usual.
#[cfg(unix)]
fn clear_nonblocking(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is an open descriptor owned by `file` for the whole call.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Whether the open `file` is the one at `resolved` inside `within`: on Linux, the path the
/// kernel gives for the open descriptor; elsewhere, the same device and inode as `resolved`.
fn opened_inside(file: &File, resolved: &Path, within: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let link = format!("/proc/self/fd/{}", file.as_raw_fd());
        if let Ok(path) = std::fs::read_link(link) {
            return path.starts_with(within);
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (file.metadata(), std::fs::metadata(resolved)) {
            return a.dev() == b.dev() && a.ino() == b.ino() && resolved.starts_with(within);
        }
        false
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        resolved.starts_with(within)
    }
}

/// Whether `path`, made absolute and with `.` and `..` taken as written, lies in `within`:
/// the user named a place inside the project, whatever links there lead to.
fn lexically_inside(path: &Path, within: &Path) -> bool {
    let Ok(cwd) = std::env::current_dir() else {
        return true;
    };
    let mut absolute = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::ParentDir => {
                absolute.pop();
            }
            Component::CurDir => {}
            other => absolute.push(other),
        }
    }
    absolute.starts_with(within)
}

/// Whether `id` can name a source: a plain file name, never a path.
pub(crate) fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\'])
        && !id.chars().any(char::is_control)
}

/// Writes `bytes` to the regular file (or new file) `target`, no link in its path: a
/// temporary file beside it, then a rename, so that readers see the old file or the whole new
/// one. Unless `replace`, an existing `target` is left alone and the write fails with
/// `AlreadyExists`.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let existing = std::fs::metadata(target).ok();
    let folder = folder_of(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".report-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Like any new file: readable and writable as the umask allows.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
    let _registered = crate::files::interrupt::temporary(temp.path());
    if let Some(meta) = existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match replace {
        true => temp.persist(target).map_err(|e| e.error)?,
        false => temp.persist_noclobber(target).map_err(|e| e.error)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_read_in_parts_is_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let within = std::fs::canonicalize(dir.path()).unwrap();
        // Sizes that fall on a page and off it, with bytes that tell every place apart.
        for size in [SHARED_READ as usize, SHARED_READ as usize + 12_345] {
            let bytes: Vec<u8> = (0..size)
                .map(|i| (i % 251) as u8 ^ (i >> 16) as u8)
                .collect();
            let path = within.join("large.txt");
            std::fs::write(&path, &bytes).unwrap();
            for threads in [1, 2, 3, 8] {
                let mut read = Vec::new();
                read_on(
                    &path,
                    &within,
                    Chosen::ByProject,
                    u64::MAX - 1,
                    &mut read,
                    threads,
                )
                .unwrap();
                assert!(read == bytes, "{size} bytes on {threads} threads");
            }
            // Over a limit, the limit and one byte more, as one read gives.
            let mut read = Vec::new();
            let limit = size as u64 - 10;
            read_on(&path, &within, Chosen::ByProject, limit, &mut read, 2).unwrap();
            assert!(read[..] == bytes[..=limit as usize]);
        }
        // A file shorter or longer than it was said to be is left to be read whole.
        let file = File::open(within.join("large.txt")).unwrap();
        let size = file.metadata().unwrap().len() as usize;
        assert!(read_in_parts(&file, size + 4096, 2).is_none());
        assert!(read_in_parts(&file, size - 1, 2).is_none());
        assert!(read_in_parts(&file, size, 2).is_some_and(|read| read.is_ok()));
    }

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
