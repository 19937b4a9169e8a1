//! The sources folder: which source ids exist, and the text of the ones an outline cites.
//!
//! A source is a `.txt` file directly in the folder; its id is the file name without `.txt`.
//! Other files (the catalog, PDFs kept beside their text, notes) are not sources.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::files::containment::Chosen;
use crate::files::text_file::BOM;
use crate::outline::OutlineFile;
use crate::sources::catalog::{self, SourceMeta};
use crate::text::position::{LineCol, LineIndex};

/// One source document: where it is and what the catalog says of it. Its text is read only
/// while it is searched ([`Text`]), so a run holds few sources in memory at once.
#[derive(Debug)]
pub struct Source {
    /// The id quotes cite it by.
    pub id: String,
    /// The file, as the outline's sources folder names it.
    pub path: PathBuf,
    /// The file once links are followed: the one read.
    pub resolved: PathBuf,
    /// The sources folder once links are followed: the file must be inside it when read.
    pub within: PathBuf,
    /// What the catalog says about it.
    pub meta: SourceMeta,
    /// The SHA-256 of the file's bytes, in lowercase hex, when it was asked for.
    pub sha256: Option<String>,
}

impl Source {
    /// The source `id` at `path`, which must be a regular file inside the resolved sources
    /// folder `folder` once links are followed.
    pub fn resolve(id: &str, path: &Path, folder: &Path, meta: SourceMeta) -> Result<Self, Error> {
        let file = crate::files::containment::source_file(path, folder)?;
        Ok(Self::resolved(id, path, file, folder, meta))
    }

    /// The source `id` at `path`, known to lead to `file`, a regular file inside `folder`, as
    /// the file system or the folder's listing told.
    fn resolved(id: &str, path: &Path, file: PathBuf, folder: &Path, meta: SourceMeta) -> Self {
        Self {
            id: id.to_owned(),
            path: path.to_owned(),
            resolved: file,
            within: folder.to_owned(),
            meta,
            sha256: None,
        }
    }

    /// The page number printed on physical page `page` (from 1), counting from the
    /// catalog's `first-page`.
    pub fn printed_page(&self, page: usize) -> i64 {
        self.meta.printed_page(page)
    }

    /// Whether this source's paragraphs are counted for locators: a web page or a Word file,
    /// whose text `report sources add` wrote one paragraph per block, blocks separated by a
    /// blank line.
    pub fn in_paragraphs(&self) -> bool {
        let media = self
            .meta
            .provenance
            .as_ref()
            .and_then(|p| p.media_type.as_deref());
        matches!(media, Some("text/html" | catalog::DOCX))
    }

    /// The title to show for this source: the catalog's, else its id.
    pub fn title(&self) -> &str {
        self.meta.title.as_deref().unwrap_or(&self.id)
    }
}

/// A source's text, read into a buffer that is handed back for the next source.
#[derive(Debug)]
pub struct Text {
    /// The text, without a leading byte-order mark.
    pub text: String,
    /// Its line starts, indexed when a place is first named: most files a run reads for
    /// misquotes name none.
    lines: std::sync::OnceLock<LineIndex>,
    /// Where its form feeds are: the ends of its pages. Empty for a text without pages.
    pub page_breaks: Vec<usize>,
    /// Whether the file began with a byte-order mark.
    bom: bool,
}

impl Text {
    /// Reads the file `path` through the file gate (inside `within`, chosen by `chosen`) into
    /// `buffer`, whose allocation it reuses. On failure the buffer is lost; the next read
    /// allocates a new one.
    pub fn read(
        path: &Path,
        within: &Path,
        chosen: Chosen,
        buffer: Vec<u8>,
    ) -> Result<Self, Error> {
        Self::read_on(path, within, chosen, buffer, 1)
    }

    /// [`Text::read`], a large file read by up to `threads` threads.
    pub(crate) fn read_on(
        path: &Path,
        within: &Path,
        chosen: Chosen,
        mut buffer: Vec<u8>,
        threads: usize,
    ) -> Result<Self, Error> {
        let limit = u64::MAX - 1;
        crate::files::containment::read_on(path, within, chosen, limit, &mut buffer, threads)?;
        let bom = buffer.starts_with(BOM);
        let text = crate::files::text_file::decode(path, buffer)?;
        Ok(Self {
            lines: std::sync::OnceLock::new(),
            page_breaks: memchr::memchr_iter(b'\x0c', text.as_bytes()).collect(),
            text,
            bom,
        })
    }

    /// The page (from 1) byte `offset` is on, if the text has pages.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        page_at(&self.page_breaks, offset)
    }

    /// Line and column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        (self.lines.get_or_init(|| LineIndex::new(&self.text))).line_col(&self.text, offset)
    }

    /// The SHA-256 of the file's bytes, as `sha256sum` gives it.
    pub fn sha256(&self) -> String {
        let mut digest = Sha256::new();
        if self.bom {
            digest.update(BOM);
        }
        digest.update(self.text.as_bytes());
        hex(&digest.finalize())
    }

    /// The buffer, for the next read.
    pub fn into_buffer(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// The page (from 1) byte `offset` is on, in a text whose form feeds stand at `breaks`; `None`
/// for a text without them. Each form feed ends the page it is on.
pub fn page_at(breaks: &[usize], offset: usize) -> Option<usize> {
    (!breaks.is_empty()).then(|| 1 + breaks.partition_point(|&b| b < offset))
}

/// Where the blank lines of `text` are: the offset of each line break that ends an empty
/// line, so that the paragraph of an offset is one more than the breaks before it.
pub fn blank_lines(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // A line break ends an empty line when the one before it ends where it starts (`\r\n`
    // counted as one break, for a text checked out on Windows).
    memchr::memchr_iter(b'\n', bytes)
        .filter(|&i| {
            let before = bytes[..i].strip_suffix(b"\r").unwrap_or(&bytes[..i]);
            before.ends_with(b"\n")
        })
        .collect()
}

/// The sources an outline can cite: every id in its folder, and the cited ones read.
#[derive(Debug)]
pub struct SourceSet {
    /// The sources folder, as the outline names it.
    pub folder: PathBuf,
    /// The sources folder resolved: every source read lies inside it.
    resolved: PathBuf,
    /// Every source id in the folder, with its file.
    pub available: Arc<BTreeMap<String, PathBuf>>,
    /// The ids among them whose file is a link, as the folder's listing tells.
    links: Arc<BTreeSet<String>>,
    /// The ids among them whose file is a regular file, no link, as the listing tells.
    regular: Arc<BTreeSet<String>>,
    /// The cited sources that exist, by id.
    pub cited: BTreeMap<String, Source>,
}

impl SourceSet {
    /// Lists the sources folder of `file` and finds every source it cites. Nothing outside
    /// the project folder (`root`, else the outline's folder) is listed or read.
    pub fn for_outline(file: &OutlineFile, root: Option<&Path>) -> Result<Self, Error> {
        Self::for_outline_in(file, root, &Listings::default())
    }

    /// [`SourceSet::for_outline`], each folder listed and each source file resolved once
    /// for all the outlines sharing `listings`.
    pub fn for_outline_in(
        file: &OutlineFile,
        root: Option<&Path>,
        listings: &Listings,
    ) -> Result<Self, Error> {
        let folder = sources_folder(file);
        let (resolved, listed) = list_inside(file, &folder, root, listings)?;
        let Listed {
            files: available,
            links,
            regular,
        } = listed;
        let mut metas = catalog::read(&folder, &resolved)?;
        let wanted: BTreeSet<&str> = file
            .outline
            .citations()
            .into_iter()
            .map(|c| c.source.value.as_str())
            .filter(|id| available.contains_key(*id))
            .collect();
        let cited = wanted
            .into_iter()
            .map(|id| {
                let meta = metas.remove(id).unwrap_or_default();
                let path = &available[id];
                let source = match listings.resolved(path, &resolved) {
                    Some(file) => Ok(Source::resolved(id, path, file, &resolved, meta)),
                    None => listed_source(id, path, &resolved, &regular, meta),
                };
                let source = source?;
                listings.remember(path, &resolved, &source.resolved);
                Ok((id.to_owned(), source))
            })
            .collect::<Result<_, Error>>()?;
        Ok(Self {
            folder,
            resolved,
            available,
            links,
            regular,
            cited,
        })
    }

    /// The sources folder once links are followed.
    pub fn resolved_folder(&self) -> &Path {
        &self.resolved
    }

    /// Every source of the folder, cited or not, without its catalog entry. One that leads
    /// outside the folder or is not a regular file is passed over: a cited one was an error
    /// already, and an uncited one is cited by nothing here.
    pub fn every_source(&self) -> impl Iterator<Item = Source> {
        self.available.iter().filter_map(|(id, path)| {
            let meta = SourceMeta::default();
            listed_source(id, path, &self.resolved, &self.regular, meta).ok()
        })
    }

    /// The ids of every source of the folder, cited or not, with their files.
    pub fn listed(&self) -> impl Iterator<Item = (&str, &Path)> {
        (self.available.iter()).map(|(id, path)| (id.as_str(), path.as_path()))
    }

    /// Whether the file of source `id` was a link when the folder was listed.
    pub fn is_link(&self, id: &str) -> bool {
        self.links.contains(id)
    }
}

/// The source `id` at `path` in the resolved sources folder `folder`. A file the listing found
/// to be a regular file, no link (`regular`), is its name in that folder, and is taken so
/// without asking the file system again: resolving every file of a folder of hundreds, links
/// followed, cost a run with misquotes milliseconds on one thread. Any other is resolved.
/// Reading goes through the gate, which refuses a file that is no longer a regular file
/// inside the folder.
fn listed_source(
    id: &str,
    path: &Path,
    folder: &Path,
    regular: &BTreeSet<String>,
    meta: SourceMeta,
) -> Result<Source, Error> {
    match path.file_name() {
        Some(name) if regular.contains(id) => {
            Ok(Source::resolved(id, path, folder.join(name), folder, meta))
        }
        _ => Source::resolve(id, path, folder, meta),
    }
}

/// The sources folder `folder` of `file` resolved, checked to lie in the project folder
/// (`root`, else the outline's folder), and its sources.
fn list_inside(
    file: &OutlineFile,
    folder: &Path,
    root: Option<&Path>,
    listings: &Listings,
) -> Result<(PathBuf, Listed), Error> {
    let at = file
        .outline
        .sources
        .as_ref()
        .map_or(LineCol { line: 1, column: 1 }, |s| file.place(s).at);
    let project = crate::files::containment::project_root(&file.path, root)?;
    let folder_error = |source| Error::SourcesFolder {
        outline: file.path.clone(),
        at,
        folder: folder.to_owned(),
        source,
    };
    let resolved = crate::files::containment::resolve_inside(folder, &project)
        .map_err(folder_error)?
        .ok_or_else(|| Error::OutsideProject {
            outline: file.path.clone(),
            at,
            folder: folder.to_owned(),
            root: project.clone(),
        })?;
    let available = listings.list(folder).map_err(folder_error)?;
    Ok((resolved, available))
}

/// What a run learns of its sources folders, shared by its outlines (on any thread): fifty
/// outlines of one folder would otherwise list its files fifty times, and resolve every
/// source they cite, links and all, once each.
#[derive(Debug, Default)]
pub struct Listings {
    /// Each folder's sources, by the folder's path as outlines name it.
    folders: Mutex<HashMap<PathBuf, Listed>>,
    /// Each source file found to be a regular file inside its resolved folder: by its path
    /// and that folder, where it leads.
    files: Mutex<HashMap<(PathBuf, PathBuf), PathBuf>>,
}

impl Listings {
    /// The sources of `folder`, listed the first time it is asked for.
    fn list(&self, folder: &Path) -> std::io::Result<Listed> {
        let lock = || self.folders.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(listed) = lock().get(folder) {
            return Ok(listed.clone());
        }
        let listed = list(folder)?;
        lock().insert(folder.to_owned(), listed.clone());
        Ok(listed)
    }

    /// Where `path` leads, if it was resolved inside `folder` before.
    fn resolved(&self, path: &Path, folder: &Path) -> Option<PathBuf> {
        let files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.get(&(path.to_owned(), folder.to_owned())).cloned()
    }

    /// Notes that `path` leads to `file`, a regular file inside `folder`.
    fn remember(&self, path: &Path, folder: &Path, file: &Path) {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.insert((path.to_owned(), folder.to_owned()), file.to_owned());
    }
}

/// The sources folder of an outline: its `sources:` key, relative to the outline's folder.
fn sources_folder(file: &OutlineFile) -> PathBuf {
    let name = file
        .outline
        .sources
        .as_ref()
        .map_or("sources", |s| s.value.as_str());
    file.path.parent().unwrap_or(Path::new("")).join(name)
}

/// Every source file of `folder` (a `.txt` file directly in it whose name is a plain id), by
/// id; links and folders among them too, for reading to refuse.
pub(crate) fn files_in(folder: &Path) -> std::io::Result<BTreeMap<String, PathBuf>> {
    Ok(Arc::unwrap_or_clone(list(folder)?.files))
}

/// A folder's sources, as its listing tells without looking at each file.
#[derive(Debug, Clone)]
struct Listed {
    /// Every source file, by id.
    files: Arc<BTreeMap<String, PathBuf>>,
    /// The ids whose file is a link (or of a type the listing cannot tell).
    links: Arc<BTreeSet<String>>,
    /// The ids whose file is a regular file.
    regular: Arc<BTreeSet<String>>,
}

/// Every `.txt` file directly in `folder`, by id, with the ids of those that are links and
/// of those that are regular files (as the listing tells, without looking at each file).
fn list(folder: &Path) -> std::io::Result<Listed> {
    let mut found = BTreeMap::new();
    let mut links = BTreeSet::new();
    let mut regular = BTreeSet::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let is_text = path.extension().is_some_and(|e| e == "txt");
        // Links and folders are listed too, so that citing one is an error that says what it
        // is rather than an unknown source; reading checks them.
        if is_text && crate::files::containment::is_plain_id(id) {
            // A file type the listing cannot tell counts as a link: it is looked at.
            match entry.file_type() {
                Ok(kind) if kind.is_file() => _ = regular.insert(id.to_owned()),
                Ok(kind) if !kind.is_symlink() => {}
                _ => _ = links.insert(id.to_owned()),
            }
            found.insert(id.to_owned(), path.clone());
        }
    }
    Ok(Listed {
        files: Arc::new(found),
        links: Arc::new(links),
        regular: Arc::new(regular),
    })
}

/// The SHA-256 of `bytes`, in lowercase hex, as `sha256sum` gives it.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` as lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_found_with_either_line_ending() {
        assert_eq!(blank_lines("a\n\nb\nc\n\nd"), vec![2, 7]);
        assert_eq!(blank_lines("a\r\n\r\nb\r\nc"), vec![4]);
        assert_eq!(page_at(&[], 5), None);
        assert_eq!(page_at(&[3, 9], 3), Some(1));
        assert_eq!(page_at(&[3, 9], 4), Some(2));
    }

    #[test]
    fn a_file_the_listing_calls_regular_resolves_as_the_file_system_resolves_it() {
        let project = tempfile::tempdir().unwrap();
        let real = project.path().join("real");
        std::fs::create_dir(&real).unwrap();
        // The folder is reached through a link, as an outline may name it.
        let folder = project.path().join("sources");
        std::os::unix::fs::symlink(&real, &folder).unwrap();
        std::fs::write(real.join("plain.txt"), "text").unwrap();
        std::fs::create_dir(real.join("folder.txt")).unwrap();
        std::os::unix::fs::symlink(real.join("plain.txt"), real.join("inside.txt")).unwrap();
        let outside = project.path().join("outside.txt");
        std::fs::write(&outside, "text").unwrap();
        std::os::unix::fs::symlink(&outside, real.join("outside.txt")).unwrap();
        std::os::unix::fs::symlink(real.join("gone"), real.join("dangling.txt")).unwrap();

        let resolved = std::fs::canonicalize(&folder).unwrap();
        let listed = list(&folder).unwrap();
        assert_eq!(listed.files.len(), 5);
        assert_eq!(*listed.regular, BTreeSet::from(["plain".to_owned()]));
        for (id, path) in listed.files.iter() {
            let quick = listed_source(id, path, &resolved, &listed.regular, SourceMeta::default());
            let slow = Source::resolve(id, path, &resolved, SourceMeta::default());
            match (quick, slow) {
                (Ok(quick), Ok(slow)) => assert_eq!(quick.resolved, slow.resolved, "{id}"),
                (Err(quick), Err(slow)) => assert_eq!(quick.to_string(), slow.to_string()),
                (quick, slow) => panic!("{id}: {quick:?} against {slow:?}"),
            }
        }
        let plain = &listed.files["plain"];
        let source = listed_source(
            "plain",
            plain,
            &resolved,
            &listed.regular,
            SourceMeta::default(),
        );
        assert_eq!(
            source.unwrap().resolved,
            real.canonicalize().unwrap().join("plain.txt")
        );
    }
}
