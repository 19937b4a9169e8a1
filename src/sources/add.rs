//! `report sources add`: a document taken in as a source. Its text is written to
//! `sources/<id>.txt` (the only file `check` reads), the original is kept under
//! `sources/originals/`, and the catalog gets an entry with the document's details and its
//! provenance: what it was, its SHA-256, what made the text and what was cleaned.
//!
//! A PDF is read by pdftotext (`pdf.rs`) and cleaned of its extraction
//! artefacts (`clean.rs`); plain text is taken as it is, once it is known to
//! be UTF-8 or converted from the encoding the user names. Nothing existing is overwritten:
//! an id already used is refused, and the catalog is extended at its end, its comments and
//! order kept. On failure, whatever was written is taken back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Refusal};
use crate::files::containment::{self, Chosen};
use crate::sources::catalog::{self, Provenance, SourceMeta};
use crate::sources::set::sha256;
use crate::text::visible::visible;

/// The largest document taken in: 1 GiB.
pub const MAX_INPUT: u64 = 1 << 30;

/// How long a fetch or an extraction may take unless the request says otherwise.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The folder, inside the sources folder, where originals are kept.
pub const ORIGINALS: &str = "originals";

/// What to add, and where.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The document.
    pub input: PathBuf,
    /// The id to give it (default: from its file name).
    pub id: Option<String>,
    /// The sources folder.
    pub folder: PathBuf,
    /// The project folder nothing is written outside of (default: the sources folder's
    /// parent).
    pub root: Option<PathBuf>,
    /// Whether to keep a copy of the original under `sources/originals/`.
    pub keep: bool,
    /// The pdftotext program (default: `pdftotext` on `PATH`).
    pub pdftotext: Option<PathBuf>,
    /// The encoding of a text that is not UTF-8 (a WHATWG label).
    pub encoding: Option<String>,
    /// How long fetching an http(s) address, or extracting a PDF's text, may take (default
    /// [`TIMEOUT`]).
    pub timeout: Option<std::time::Duration>,
}

/// What was added.
#[derive(Debug, Clone)]
pub struct Added {
    /// The source's id.
    pub id: String,
    /// The text file written.
    pub text: PathBuf,
    /// Where the original was kept, if it was.
    pub kept: Option<PathBuf>,
    /// What the document was: "PDF", "text".
    pub kind: &'static str,
    /// The catalog entry written.
    pub meta: SourceMeta,
    /// Pages with no text (1-based), for a PDF: scans, or blank.
    pub blank_pages: Vec<usize>,
}

/// A document made into a source's text.
pub(crate) struct Made {
    pub text: String,
    pub kind: &'static str,
    pub extension: &'static str,
    pub meta: SourceMeta,
    pub blank_pages: Vec<usize>,
}

/// Adds the document of `request` as a source.
pub fn add(request: &Request) -> Result<Added, Error> {
    let input = &request.input;
    let within = project(&request.folder, request.root.as_deref())?;
    let address = web_address(input);
    let (bytes, made) = match &address {
        Some(url) => fetched(request, url)?,
        None => {
            let mut bytes = Vec::new();
            containment::read(input, &within, Chosen::ByUser, MAX_INPUT, &mut bytes)?;
            if bytes.len() as u64 > MAX_INPUT {
                return Err(Error::SourceTooLarge {
                    path: input.clone(),
                    limit: MAX_INPUT,
                });
            }
            let made = make(request, &bytes)?;
            (bytes, made)
        }
    };
    if made.text.trim().is_empty() {
        return Err(Error::EmptySource {
            path: input.clone(),
        });
    }
    let id = match (&request.id, &address) {
        (Some(id), _) => checked_id(id)?,
        (None, Some(url)) => id_from(Path::new(&url_name(url)))?,
        (None, None) => id_from(input)?,
    };
    let folder = sources_folder(&request.folder, &within)?;
    refuse_lookalike(&id, &request.folder)?;
    let text_path = request.folder.join(format!("{id}.txt"));
    let catalog_path = request.folder.join(catalog::CATALOG_FILE);
    let catalog_text = existing_catalog(&catalog_path, &folder, &id)?;
    if std::fs::symlink_metadata(&text_path).is_ok() {
        return Err(Error::SourceExists {
            id,
            path: text_path,
        });
    }
    let mut meta = made.meta;
    // What a document says of itself is shown to reviewers: nothing in it may hide or reorder
    // text on their screen.
    for field in [
        &mut meta.title,
        &mut meta.author,
        &mut meta.publisher,
        &mut meta.published,
        &mut meta.url,
        &mut meta.accessed,
    ] {
        if let Some(value) = field.as_mut() {
            value.retain(|c| !crate::text::visible::is_hidden(c));
        }
    }
    let provenance = meta.provenance.get_or_insert_default();
    if provenance.original.is_none() {
        provenance.original = input.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    provenance.original_sha256 = Some(sha256(&bytes));
    provenance.text_sha256 = Some(sha256(made.text.as_bytes()));
    let keep = request.keep
        && (made.kind != "text" || provenance.converted_from.is_some() || address.is_some());
    let kept = keep.then(|| {
        let name = format!("{id}.{}", made.extension);
        provenance.kept = Some(format!("{ORIGINALS}/{name}"));
        request.folder.join(ORIGINALS).join(name)
    });
    let mut written = Written::default();
    let result = (|| {
        if let Some(kept) = &kept {
            written.create(kept, &folder, &bytes, &id)?;
        }
        written.create(&text_path, &folder, made.text.as_bytes(), &id)?;
        let entry = entry(&id, &meta);
        let text = match &catalog_text {
            Some(old) if old.ends_with('\n') || old.is_empty() => format!("{old}\n{entry}"),
            Some(old) => format!("{old}\n\n{entry}"),
            None => format!("{CATALOG_HEADER}{entry}"),
        };
        // The entry is added as text, to keep the writer's comments and order; it must read
        // back as the old catalog and the new entry, or the catalog is left as it is.
        let old = match &catalog_text {
            Some(old) => catalog::parse(&catalog_path, old)?,
            None => BTreeMap::new(),
        };
        let extends = catalog::parse(&catalog_path, &text).is_ok_and(|new| {
            new.get(&id) == Some(&meta)
                && new.len() == old.len() + 1
                && old.iter().all(|(k, v)| new.get(k) == Some(v))
        });
        if !extends {
            return Err(Error::CatalogShape {
                path: catalog_path.clone(),
                entry,
            });
        }
        containment::write_atomically(&catalog_path, text.as_bytes(), true).map_err(|source| {
            Error::Write {
                path: catalog_path.clone(),
                source,
            }
        })
    })();
    if let Err(error) = result {
        written.take_back();
        return Err(error);
    }
    Ok(Added {
        id,
        text: text_path,
        kept,
        kind: made.kind,
        meta,
        blank_pages: made.blank_pages,
    })
}

/// The project folder of the sources folder `folder`, resolved: `root` if given, else the
/// folder the sources folder is in.
pub(crate) fn project(folder: &Path, root: Option<&Path>) -> Result<PathBuf, Error> {
    let root = root.map_or_else(|| containment::folder_of(folder).to_owned(), Path::to_owned);
    std::fs::canonicalize(&root).map_err(|e| Error::read(&root, e))
}

/// The first line of a catalog `report sources add` starts.
const CATALOG_HEADER: &str =
    "# Bibliographic details for each source, by id (the file name without `.txt`).\n";

/// The files written so far, to take back if a later step fails; each is registered as
/// temporary until the catalog is written, so that an interrupted run takes it back too.
#[derive(Default)]
struct Written(Vec<(PathBuf, crate::files::interrupt::Temporary)>);

impl Written {
    /// Writes the new file `path` inside `folder`, never replacing one.
    fn create(&mut self, path: &Path, folder: &Path, bytes: &[u8], id: &str) -> Result<(), Error> {
        let exists = || Error::SourceExists {
            id: id.to_owned(),
            path: path.to_owned(),
        };
        let fail = |source| Error::Create {
            path: path.to_owned(),
            source,
        };
        // Through the gate: no folder on the way may lead out of the sources folder.
        match containment::create_new(path, folder) {
            Ok(Some(file)) => drop(file),
            Ok(None) => return Err(exists()),
            Err(source) => return Err(fail(source)),
        }
        self.0
            .push((path.to_owned(), crate::files::interrupt::temporary(path)));
        match containment::write_atomically(path, bytes, true) {
            Ok(()) => Ok(()),
            Err(source) if source.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
            Err(source) => Err(fail(source)),
        }
    }

    fn take_back(self) {
        for (path, _) in self.0.iter().rev() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The sources folder, made if missing, resolved: it must be inside the project `within`.
fn sources_folder(folder: &Path, within: &Path) -> Result<PathBuf, Error> {
    if std::fs::symlink_metadata(folder).is_err() {
        let parent = std::fs::canonicalize(containment::folder_of(folder))
            .map_err(|e| Error::read(folder, e))?;
        if !parent.starts_with(within) {
            return Err(outside(folder, parent, within));
        }
        std::fs::create_dir(folder).map_err(|source| Error::Create {
            path: folder.to_owned(),
            source,
        })?;
    }
    let resolved = std::fs::canonicalize(folder).map_err(|e| Error::read(folder, e))?;
    if !resolved.starts_with(within) {
        return Err(outside(folder, resolved, within));
    }
    Ok(resolved)
}

fn outside(path: &Path, target: PathBuf, within: &Path) -> Error {
    Error::Refused {
        path: path.to_owned(),
        reason: Refusal::LeadsOutside {
            target,
            within: within.to_owned(),
        },
    }
}

/// The catalog's text, if there is one; an error if it already describes `id` or cannot be
/// read as a catalog (it is then left as it is).
fn existing_catalog(path: &Path, folder: &Path, id: &str) -> Result<Option<String>, Error> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let text = crate::files::yaml::read(path, folder, Chosen::ByProject)?;
    let entries = catalog::parse(path, &text)?;
    if entries.contains_key(id) {
        return Err(Error::SourceExists {
            id: id.to_owned(),
            path: path.to_owned(),
        });
    }
    Ok(Some(text))
}

/// The catalog entry for `id`, as YAML.
fn entry(id: &str, meta: &SourceMeta) -> String {
    let one = BTreeMap::from([(id, meta)]);
    serde_saphyr::to_string(&one).expect("a catalog entry is YAML")
}

/// The text of `bytes`, the document of `request`, and what is known of it.
pub(crate) fn make(request: &Request, bytes: &[u8]) -> Result<Made, Error> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return pdf(request, bytes);
    }
    if head.starts_with(b"PK\x03\x04") {
        return docx(request, bytes);
    }
    if looks_like_html(head) {
        return html(request, bytes, None, None);
    }
    plain(request, bytes)
}

fn pdf(request: &Request, bytes: &[u8]) -> Result<Made, Error> {
    let program = super::pdf::locate(request.pdftotext.as_deref())?;
    let timeout = request.timeout.unwrap_or(TIMEOUT);
    let layout = super::pdf::layout(&program, bytes, &request.input, timeout)?;
    let pages = layout.pages.len();
    let (title, date) = (layout.title.clone(), layout.date.clone());
    let made = super::clean::text(layout.pages);
    if made.blank_pages.len() == pages {
        return Err(Error::PdfNoText {
            path: request.input.clone(),
            pages,
        });
    }
    let provenance = Provenance {
        media_type: Some("application/pdf".into()),
        extractor: Some(super::pdf::version(&program)),
        options: Some(super::pdf::OPTIONS.into()),
        pages: Some(pages),
        cleaned: made.cleaned,
        created: date,
        ..Provenance::default()
    };
    Ok(Made {
        text: made.text,
        kind: "PDF",
        extension: "pdf",
        meta: SourceMeta {
            title,
            provenance: Some(provenance),
            ..SourceMeta::default()
        },
        blank_pages: made.blank_pages,
    })
}

/// `input` as an http(s) address, if it is one.
fn web_address(input: &Path) -> Option<String> {
    let text = input.to_str()?;
    let lower = text.get(..8)?.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| text.to_owned())
}

/// A name for the page at `url`: its path's last part, else its host.
fn url_name(url: &str) -> String {
    let parsed = url::Url::parse(url).ok();
    let segment = (parsed.as_ref()).and_then(|u| {
        u.path_segments()?
            .rev()
            .find(|s| !s.is_empty())
            .map(str::to_owned)
    });
    segment
        .or_else(|| {
            parsed
                .as_ref()
                .and_then(|u| u.host_str().map(str::to_owned))
        })
        .unwrap_or_default()
}

/// Fetches the address `url` and makes its text, by the type it is served as.
fn fetched(request: &Request, url: &str) -> Result<(Vec<u8>, Made), Error> {
    let timeout = request.timeout.unwrap_or(TIMEOUT);
    let fetched = super::fetch::fetch(url, timeout).map_err(|f| Error::FetchFailed {
        url: f.url,
        reason: f.reason,
    })?;
    let media = (fetched.content_type.as_deref())
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let last = fetched
        .chain
        .last()
        .cloned()
        .unwrap_or_else(|| url.to_owned());
    let bytes = fetched.body;
    let mut made = match media.as_str() {
        "text/html" | "application/xhtml+xml" => html(
            request,
            &bytes,
            fetched.content_type.as_deref(),
            Some(&last),
        )?,
        // Served as nothing in particular: told by its first bytes, as a file is.
        "" | "application/octet-stream" => make(request, &bytes)?,
        "application/pdf" => pdf(request, &bytes)?,
        "text/plain" => {
            let encoding = super::web::charset(&bytes, fetched.content_type.as_deref());
            let request = Request {
                encoding: Some(encoding.name().to_owned()),
                ..request.clone()
            };
            plain(&request, &bytes)?
        }
        other => {
            return Err(Error::FetchFailed {
                url: last,
                reason: format!(
                    "it is served as `{}`, not a web page, a PDF or plain text",
                    if other.is_empty() {
                        "nothing said"
                    } else {
                        other
                    }
                ),
            });
        }
    };
    let provenance = made.meta.provenance.get_or_insert_default();
    provenance.original = Some(url.to_owned());
    provenance.final_url = (last != url).then(|| last.clone());
    provenance.redirects = fetched.chain[1..].to_vec();
    provenance.retrieved = Some(fetched.when.clone());
    if made.kind == "text" {
        made.kind = "text from the web";
    }
    made.meta.url.get_or_insert_with(|| url.to_owned());
    made.meta.accessed = Some(fetched.when.chars().take(10).collect());
    Ok((bytes, made))
}

/// Whether `head`, the start of a file, is HTML: a doctype, an `<html>` tag, or the header
/// comment of a saved page before them.
fn looks_like_html(head: &[u8]) -> bool {
    let start = String::from_utf8_lossy(head).to_lowercase();
    let start = start.trim_start_matches('\u{feff}').trim_start();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with("<!--")
            && (start.contains("<!doctype html") || start.contains("<html")))
}

/// A web page: its article's blocks, its details, and a saved page's address and date.
pub(crate) fn html(
    request: &Request,
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Made, Error> {
    let page =
        super::web::page(bytes, content_type, url).map_err(|message| Error::PageUnreadable {
            path: request.input.clone(),
            message,
        })?;
    if page.blocks.is_empty() {
        return Err(Error::PageUnreadable {
            path: request.input.clone(),
            message: "no article text was found in it".into(),
        });
    }
    let mut cleaned = BTreeMap::new();
    let text = flowing_text(&page.blocks, &mut cleaned);
    let saved = page.saved.clone().unwrap_or_default();
    let provenance = Provenance {
        media_type: Some("text/html".into()),
        extractor: Some("dom_smoothie 0.19 (Readability)".into()),
        options: Some(
            "candidate mode DomSmoothie, 10 top candidates; one paragraph per block".into(),
        ),
        converted_from: (page.encoding != "UTF-8").then(|| page.encoding.to_owned()),
        saved_by: page.saved.as_ref().map(|s| s.by.to_owned()),
        headings: page.headings.iter().map(|h| h + 1).collect(),
        cleaned,
        ..Provenance::default()
    };
    Ok(Made {
        text,
        kind: "web page",
        extension: "html",
        meta: SourceMeta {
            title: page.title,
            author: page.byline,
            publisher: page.site,
            published: page.published,
            url: url.map(str::to_owned).or(saved.url),
            accessed: saved.date,
            provenance: Some(provenance),
            ..SourceMeta::default()
        },
        blank_pages: Vec::new(),
    })
}

/// The text of a document that flows in paragraphs (a web page, a Word file): one paragraph
/// per block, separated by a blank line, ligatures and soft hyphens cleaned into `cleaned`.
fn flowing_text(paragraphs: &[String], cleaned: &mut BTreeMap<String, usize>) -> String {
    let mut text = super::clean::flowing(&paragraphs.join("\n\n"), cleaned);
    text.push('\n');
    text
}

fn docx(request: &Request, bytes: &[u8]) -> Result<Made, Error> {
    let document = super::docx::read(bytes, &request.input)?;
    if document.paragraphs.is_empty() {
        return Err(Error::DocxUnreadable {
            path: request.input.clone(),
            message: "it holds no text".into(),
        });
    }
    let mut cleaned = BTreeMap::new();
    let text = flowing_text(&document.paragraphs, &mut cleaned);
    let provenance = Provenance {
        media_type: Some(catalog::DOCX.into()),
        extractor: Some(format!(
            "report {} (Word walker)",
            env!("CARGO_PKG_VERSION")
        )),
        options: Some(format!(
            "{} body paragraphs, then {} of the notes they refer to",
            document.body,
            document.paragraphs.len() - document.body
        )),
        created: document.created,
        cleaned,
        ..Provenance::default()
    };
    Ok(Made {
        text,
        kind: "Word file",
        extension: "docx",
        meta: SourceMeta {
            title: document.title,
            author: document.author,
            provenance: Some(provenance),
            ..SourceMeta::default()
        },
        blank_pages: Vec::new(),
    })
}

/// Plain text: UTF-8 as it is (a byte-order mark dropped), UTF-16 with a byte-order mark, or
/// converted from the encoding the user names.
fn plain(request: &Request, bytes: &[u8]) -> Result<Made, Error> {
    let declared = match &request.encoding {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                Error::UnknownEncoding {
                    label: label.clone(),
                }
            })?,
        ),
        None => encoding_rs::Encoding::for_bom(bytes)
            .map(|(encoding, _)| encoding)
            .filter(|e| *e != encoding_rs::UTF_8),
    };
    let (text, converted_from) = match declared {
        Some(encoding) => {
            let (text, _, had_errors) = encoding.decode(bytes);
            if had_errors {
                return Err(Error::NotInEncoding {
                    path: request.input.clone(),
                    encoding: encoding.name(),
                });
            }
            (text.into_owned(), Some(encoding.name().to_owned()))
        }
        None => {
            let text = bytes
                .strip_prefix(crate::files::text_file::BOM)
                .unwrap_or(bytes);
            let skipped = bytes.len() - text.len();
            match std::str::from_utf8(text) {
                Ok(text) => (text.to_owned(), None),
                Err(error) => return Err(Error::not_utf8(&request.input, text, skipped, error)),
            }
        }
    };
    Ok(Made {
        text,
        kind: "text",
        extension: "txt",
        meta: SourceMeta {
            provenance: Some(Provenance {
                media_type: Some("text/plain".into()),
                converted_from,
                ..Provenance::default()
            }),
            ..SourceMeta::default()
        },
        blank_pages: Vec::new(),
    })
}

/// Refuses `id` if it could pass for a source already in `folder` (one of its `.txt` files):
/// the same letters in another case, or the same look (UTS #39 skeletons, which also take
/// `é` and `e` with a combining accent for one).
fn refuse_lookalike(id: &str, folder: &Path) -> Result<(), Error> {
    use unicode_security::skeleton;
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    let seen: String = skeleton(&id.to_lowercase()).collect();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(other) = name.strip_suffix(".txt") else {
            continue;
        };
        if other != id && skeleton(&other.to_lowercase()).collect::<String>() == seen {
            return Err(Error::BadId {
                id: visible(id).into_owned(),
                message: format!(
                    "it could pass for the source `{}` already in the folder",
                    visible(other)
                ),
            });
        }
    }
    Ok(())
}

/// `id` if it can name a source, else why not.
fn checked_id(id: &str) -> Result<String, Error> {
    let bad = |message: &str| Error::BadId {
        id: visible(id).into_owned(),
        message: message.into(),
    };
    if !containment::is_plain_id(id) || id.ends_with(".txt") {
        return Err(bad(
            "it must be a plain file name, without a folder or `.txt`",
        ));
    }
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(bad("it may hold only letters, digits, `-`, `_` and `.`"));
    }
    if let Some((message, _)) = crate::text::lookalike::problem(id) {
        return Err(bad(&message));
    }
    Ok(id.to_owned())
}

/// An id from the file name of `input`: its stem in lowercase, each run of characters other
/// than letters and digits as one `-`.
fn id_from(input: &Path) -> Result<String, Error> {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned());
    let stem = stem.unwrap_or_default().to_lowercase();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        return Err(Error::BadId {
            id: visible(&stem).into_owned(),
            message: "no id can be made from the file name".into(),
        });
    }
    checked_id(&id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        let id = |name: &str| id_from(Path::new(name)).unwrap();
        assert_eq!(id("Annual Report (2024).pdf"), "annual-report-2024");
        assert_eq!(id("dir/EU_AI_Act.final.PDF"), "eu-ai-act-final");
        assert_eq!(id("Études 2.txt"), "études-2");
        assert!(id_from(Path::new("___.pdf")).is_err());
    }

    #[test]
    fn given_ids_are_checked() {
        assert!(checked_id("memo").is_ok());
        assert!(checked_id("../memo").is_err());
        assert!(checked_id("memo.txt").is_err());
        assert!(checked_id("m\u{435}mo").is_err());
    }
}
