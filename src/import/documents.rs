//! Which source of the folder each cited document is, and whether a citation's character
//! offsets point at the text it cites.
//!
//! A document is the source `--map` names; else the one whose text is the text the request
//! gave (exactly, then with line ends and trailing spaces set aside), whose original has the
//! SHA-256 of the PDF the request gave, or whose catalog entry has its address; else the one
//! whose catalog title, id or file name is the document's title. A title two sources share
//! names neither.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::request::Requested;
use super::{DocumentRef, Location};
use crate::error::Error;
use crate::files::containment::Chosen;
use crate::sources::catalog::SourceMeta;
use crate::sources::set::Text;

/// The sources folder, as far as an import needs it.
#[derive(Debug)]
pub(super) struct Folder {
    /// The folder, as given.
    pub path: PathBuf,
    within: PathBuf,
    files: BTreeMap<String, PathBuf>,
    catalog: BTreeMap<String, SourceMeta>,
    maps: Vec<(String, String)>,
    requested: Vec<Requested>,
    /// Each source's text once read; `None` when it cannot be.
    texts: BTreeMap<String, Option<Text>>,
    /// The character index of each text offsets were checked in, by `r<index>` for the
    /// request's documents and `s<id>` for sources.
    indexes: BTreeMap<String, CharIndex>,
    /// Which `--map` pairs named a document.
    used: Vec<bool>,
    /// How many cited texts were looked for where offsets missed them: past
    /// [`MOST_LOCATED`], a message no longer says where the text stands.
    located: usize,
}

/// The most cited texts looked for in their document when offsets miss them.
const MOST_LOCATED: usize = 100;

/// A document's source, and how it was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Resolved {
    /// The source id, if one is the document.
    pub id: Option<String>,
    /// Why: how the document was matched, or why it was not.
    pub how: String,
    /// Whether the request gave the model a text other than the source's.
    pub differs: bool,
    /// Whether several sources answer to it, so that none is chosen.
    pub ambiguous: bool,
    /// Why the choice may be wrong: the response and the request name the document
    /// differently.
    pub doubt: Option<String>,
}

impl Folder {
    /// The folder `path`, the `--map` pairs `maps` (`KEY=ID`, each id a source of it), and the
    /// request's documents.
    pub(super) fn open(
        path: &Path,
        project: &Path,
        maps: &[String],
        requested: Vec<Requested>,
    ) -> Result<Self, Error> {
        let within = std::fs::canonicalize(path).map_err(|e| Error::BadArgument {
            message: format!(
                "the sources folder `{}` cannot be read: {e}",
                path.display()
            ),
            help: "run it in the project's folder, or name the sources folder with `--sources DIR`"
                .into(),
        })?;
        // Nothing outside the project is read, as the check will read nothing there.
        if !within.starts_with(project) {
            return Err(Error::BadArgument {
                message: format!(
                    "the sources folder `{}` is outside the project folder `{}`",
                    path.display(),
                    project.display()
                ),
                help: "keep the sources inside the project (the outline's folder), or name a \
                       larger project folder with `--root`"
                    .into(),
            });
        }
        let files = crate::sources::set::files_in(path).map_err(|e| Error::read(path, e))?;
        let catalog = crate::sources::catalog::read(path, &within)?;
        let mut pairs = Vec::new();
        for map in maps {
            let Some((key, id)) = map.rsplit_once('=') else {
                return Err(bad_map(map, "it has no `=`"));
            };
            if !files.contains_key(id) {
                return Err(bad_map(
                    map,
                    &format!("no `{id}.txt` in the sources folder"),
                ));
            }
            if let Some((_, other)) = pairs.iter().find(|(k, i)| k == key && i != id) {
                let why = format!("`--map {key}={other}` names another source for it");
                return Err(bad_map(map, &why));
            }
            pairs.push((key.to_owned(), id.to_owned()));
        }
        Ok(Self {
            path: path.to_owned(),
            within,
            files,
            catalog,
            maps: pairs,
            requested,
            texts: BTreeMap::new(),
            used: vec![false; maps.len()],
            indexes: BTreeMap::new(),
            located: 0,
        })
    }

    /// The source `document` is.
    pub(super) fn resolve(&mut self, document: &DocumentRef) -> Resolved {
        // A key of digits is a document's index, never a title that is a number.
        let names = |key: &String| match key.bytes().all(|b| b.is_ascii_digit()) {
            true => document.index.is_some_and(|i| i.to_string() == *key),
            false => document
                .keys()
                .iter()
                .skip(usize::from(document.index.is_some()))
                .any(|k| k == key),
        };
        if let Some(at) = self.maps.iter().position(|(key, _)| names(key)) {
            self.used[at] = true;
            let (key, id) = self.maps[at].clone();
            let mut resolved = found(&id, format!("`--map {key}={id}`"));
            let given =
                (document.index.and_then(|i| self.requested.get(i))).and_then(|r| r.text.clone());
            resolved.differs = given.is_some_and(|given| {
                self.text(&id)
                    .is_some_and(|s| !same_text(&s.text, &given, false))
            });
            return resolved;
        }
        let requested = document.index.and_then(|i| self.requested.get(i)).cloned();
        if let Some(requested) = &requested
            && let Some(mut resolved) = self.by_request(requested)
        {
            resolved.doubt = self.doubt(document, Some(requested));
            return resolved;
        }
        let mut resolved = self.by_reference(document, requested.as_ref());
        // The request gave a text, and no source has it: the model read other words.
        resolved.differs =
            resolved.id.is_some() && requested.as_ref().is_some_and(|r| r.text.is_some());
        resolved.doubt = self.doubt(document, requested.as_ref());
        resolved
    }

    /// Why the request's document at the response's index may not be the one the response
    /// means: another title, or no such index.
    fn doubt(&self, document: &DocumentRef, requested: Option<&Requested>) -> Option<String> {
        let fold = |s: &str| crate::text::whitespace::collapse(s.trim()).to_lowercase();
        let index = document.index?;
        if self.requested.is_empty() {
            return None;
        }
        let Some(requested) = requested else {
            return Some(format!(
                "the request has {} documents, none with index {index}",
                self.requested.len()
            ));
        };
        let (said, given) = (document.title.as_deref()?, requested.title.as_deref()?);
        (fold(said) != fold(given)).then(|| {
            format!(
                "the response calls document {index} \"{}\", the request \"{}\": the index may \
                 count documents the request holds elsewhere (in a tool's result)",
                visible(said),
                visible(given)
            )
        })
    }

    /// The source a document's context, address or title names.
    fn by_reference(&mut self, document: &DocumentRef, requested: Option<&Requested>) -> Resolved {
        let named = requested.and_then(|r| r.id.as_deref());
        if let Some(id) = named.filter(|id| self.files.contains_key(*id)) {
            return found(id, format!("the source id its context names, `{id}`"));
        }
        let url = document
            .url
            .as_deref()
            .or(requested.and_then(|r| r.url.as_deref()));
        if let Some(id) = url.and_then(|u| self.by_url(u)) {
            return found(&id, "its address, in the catalog".into());
        }
        let title = (document.title.as_deref()).or(requested.and_then(|r| r.title.as_deref()));
        let names = [(title, false), (document.file_name.as_deref(), true)];
        for (name, file) in names.into_iter().filter_map(|(n, f)| Some((n?, f))) {
            // A page at another address than the catalog's is another page, whatever its title.
            let mut named = self.by_name(name, file);
            if let Some(url) = url {
                named.retain(|id| !self.has_other_url(id, url));
            }
            match named[..] {
                [ref id] => return found(id, format!("its title \"{}\"", visible(name))),
                [] => {}
                ref several => {
                    return Resolved {
                        id: None,
                        differs: false,
                        ambiguous: true,
                        doubt: None,
                        how: format!(
                            "its title \"{}\" is that of several sources, `{}`",
                            visible(name),
                            several.join("`, `")
                        ),
                    };
                }
            }
        }
        let why = match (&self.requested[..], document.index) {
            ([], _) => "no source has its title or address".to_owned(),
            (_, Some(i)) if i >= self.requested.len() => format!(
                "the request has {} documents, none with index {i}",
                self.requested.len()
            ),
            _ => "no source has its text, title or address".to_owned(),
        };
        Resolved {
            id: None,
            how: why,
            differs: false,
            ambiguous: false,
            doubt: None,
        }
    }

    /// The source whose text, or original, is the requested document.
    fn by_request(&mut self, requested: &Requested) -> Option<Resolved> {
        if let Some(text) = &requested.text {
            // Only a file of about the text's size can hold it: the others are not read.
            let size = |path: &PathBuf| std::fs::metadata(path).map_or(0, |m| m.len() as usize);
            let near = |bytes: usize| bytes <= text.len() * 2 + 16 && bytes * 2 + 16 >= text.len();
            let ids: Vec<String> = (self.files.iter())
                .filter(|(_, path)| near(size(path)))
                .map(|(id, _)| id.clone())
                .collect();
            for exact in [true, false] {
                let same: Vec<String> = (ids.iter())
                    .filter(|id| {
                        self.text(id)
                            .is_some_and(|s| same_text(&s.text, text, exact))
                    })
                    .cloned()
                    .collect();
                let how = match exact {
                    true => "the text the request gave it",
                    false => "the text the request gave it (line ends and trailing spaces aside)",
                };
                match &same[..] {
                    [] => continue,
                    [id] => return Some(found(id, how.into())),
                    several => return Some(self.among(several, requested, how)),
                }
            }
        }
        let sha256 = requested.sha256.as_deref()?;
        let ids: Vec<&String> = (self.catalog.iter())
            .filter(|(id, meta)| {
                let provenance = meta.provenance.as_ref();
                let original = provenance.and_then(|p| p.original_sha256.as_deref());
                original == Some(sha256) && self.files.contains_key(*id)
            })
            .map(|(id, _)| id)
            .collect();
        match ids[..] {
            [] => None,
            [id] => Some(found(
                id,
                "the SHA-256 of the PDF the request gave it".into(),
            )),
            ref several => Some(Resolved {
                id: None,
                how: format!(
                    "the PDF the request gave it is the original of several sources, `{}`",
                    several
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("`, `")
                ),
                differs: false,
                ambiguous: true,
                doubt: None,
            }),
        }
    }

    /// One of `several` sources of the same text: the one the request's context or title
    /// names, else none.
    fn among(&self, several: &[String], requested: &Requested, how: &str) -> Resolved {
        let by_title = (requested.title.as_deref()).map(|t| self.by_name(t, false));
        let by_title = by_title.unwrap_or_default();
        let titled: Vec<&String> = by_title.iter().filter(|id| several.contains(id)).collect();
        let named = (requested.id.as_ref())
            .filter(|id| several.contains(id))
            .or(match titled[..] {
                [one] => Some(one),
                _ => None,
            });
        match named {
            Some(id) => found(id, format!("{how}, and its context or title")),
            None => Resolved {
                id: None,
                how: format!(
                    "its text is that of several sources, `{}`",
                    several.join("`, `")
                ),
                differs: false,
                ambiguous: true,
                doubt: None,
            },
        }
    }

    fn by_url(&self, url: &str) -> Option<String> {
        let bare = |u: &str| u.trim_end_matches('/').to_owned();
        let url = bare(url);
        let matching: Vec<&String> = (self.catalog.iter())
            .filter(|(id, _)| self.files.contains_key(*id))
            .filter(|(_, meta)| {
                let final_url = meta
                    .provenance
                    .as_ref()
                    .and_then(|p| p.final_url.as_deref());
                [meta.url.as_deref(), final_url]
                    .into_iter()
                    .flatten()
                    .any(|u| bare(u) == url)
            })
            .map(|(id, _)| id)
            .collect();
        match matching[..] {
            [id] => Some(id.clone()),
            _ => None,
        }
    }

    /// The sources `name` names: a title by catalog title, id or the id its words make
    /// (`Russia-Hamas relations`, `russia-hamas-relations`); a `file` name by the original's
    /// name, or its stem (`memo.pdf`) as id.
    fn by_name(&self, name: &str, file: bool) -> Vec<String> {
        let fold = |s: &str| crate::text::whitespace::collapse(s.trim()).to_lowercase();
        let name = fold(name);
        let stem = (name.rsplit_once('.')).map_or(name.as_str(), |(stem, _)| stem);
        (self.files.keys())
            .filter(|id| {
                let meta = self.catalog.get(*id);
                let title = meta.and_then(|m| m.title.as_deref()).map(fold);
                let original = (meta.and_then(|m| m.provenance.as_ref()))
                    .and_then(|p| p.original.as_deref())
                    .map(fold);
                let id = id.to_lowercase();
                match file {
                    true => original.as_deref() == Some(name.as_str()) || id == name || id == stem,
                    false => {
                        title.as_deref() == Some(name.as_str())
                            || id == name
                            || (name.is_ascii() && id == slug(&name))
                    }
                }
            })
            .cloned()
            .collect()
    }

    /// The text of source `id`, read once through the file gate.
    pub(super) fn text(&mut self, id: &str) -> Option<&Text> {
        if !self.texts.contains_key(id) {
            let read = (self.files.get(id)).and_then(|path| {
                Text::read(path, &self.within, Chosen::ByProject, Vec::new()).ok()
            });
            self.texts.insert(id.to_owned(), read);
        }
        self.texts.get(id).and_then(Option::as_ref)
    }

    /// Whether the catalog gives source `id` an address, and not `url`.
    fn has_other_url(&self, id: &str, url: &str) -> bool {
        let bare = |u: &str| u.trim_end_matches('/').to_owned();
        let Some(meta) = self.catalog.get(id) else {
            return false;
        };
        let final_url = meta
            .provenance
            .as_ref()
            .and_then(|p| p.final_url.as_deref());
        let known: Vec<&str> = [meta.url.as_deref(), final_url]
            .into_iter()
            .flatten()
            .collect();
        !known.is_empty() && !known.iter().any(|u| bare(u) == bare(url))
    }

    /// Whether `id` is a source of the folder.
    pub(super) fn has(&self, id: &str) -> bool {
        self.files.contains_key(id)
    }

    /// The `--map` pairs that named no cited document.
    pub(super) fn unused_maps(&self) -> impl Iterator<Item = String> + '_ {
        (self.maps.iter().zip(&self.used))
            .filter(|(_, used)| !**used)
            .map(|((key, id), _)| format!("{key}={id}"))
    }

    /// How many pages source `id` has, if it has pages.
    pub(super) fn pages(&mut self, id: &str) -> Option<usize> {
        let text = self.text(id)?;
        // A form feed ends each page, the last one's too where pdftotext wrote it.
        let last = text.text.trim_end().len().saturating_sub(1);
        text.page_of(last)
    }

    /// The page number the source `id` prints on its physical page `page`, if it has pages.
    pub(super) fn printed_page(&mut self, id: &str, page: usize) -> Option<i64> {
        let paged = !self.text(id)?.page_breaks.is_empty();
        let meta = self.catalog.get(id).cloned().unwrap_or_default();
        paged.then(|| meta.printed_page(page))
    }

    /// Whether `location` points at `quote` in the text the model was given: the request's
    /// text of document `index` when there is one, else source `id`'s. A message saying
    /// where it points instead, or `None` when it holds or cannot be told.
    pub(super) fn misplaced(
        &mut self,
        index: Option<usize>,
        id: Option<&str>,
        location: Location,
        quote: &str,
    ) -> Option<String> {
        let Location::Chars(start, end) = location else {
            return None;
        };
        if given(&self.requested, index).is_none() {
            self.text(id?);
        }
        let key = match given(&self.requested, index) {
            Some(_) => format!("r{}", index.unwrap_or(0)),
            None => format!("s{}", id?),
        };
        let (text, name) = match (given(&self.requested, index), id) {
            (Some(requested), _) => (
                requested.text.as_deref()?,
                format!("document {}", index.unwrap_or(0)),
            ),
            (None, Some(id)) => (
                self.texts.get(id)?.as_ref()?.text.as_str(),
                format!("{}", self.files.get(id)?.display()),
            ),
            (None, None) => return None,
        };
        if start > end {
            return Some(format!(
                "characters {start}..{end} of {name} are no range: it ends before it starts"
            ));
        }
        let char_index = self
            .indexes
            .entry(key)
            .or_insert_with(|| CharIndex::new(text));
        let span = chars(text, char_index, start, end);
        // The check reads any run of whitespace as one space: so does this.
        let collapse = crate::text::whitespace::collapse;
        if span.is_some_and(|span| span == quote || collapse(span) == collapse(quote)) {
            return None;
        }
        let read = match span {
            Some(span) => format!("read {}", excerpt(span)),
            None => format!("are past its end ({} characters)", text.chars().count()),
        };
        self.located += 1;
        let found = (self.located <= MOST_LOCATED).then(|| text.find(quote));
        let stands = match found.flatten() {
            _ if found.is_none() => "(too many offsets missed to look for each text)".into(),
            Some(at) => {
                let from = text[..at].chars().count();
                format!(
                    "it stands at characters {from}..{}",
                    from + quote.chars().count()
                )
            }
            None => "it is nowhere in that text".into(),
        };
        Some(format!(
            "characters {start}..{end} of {name} {read}, not the text cited ({}): {stands}",
            excerpt(quote)
        ))
    }
}

/// The requested document `index` when the request gave it as one text.
fn given(requested: &[Requested], index: Option<usize>) -> Option<&Requested> {
    let requested = requested.get(index?)?;
    (!requested.blocks && requested.text.is_some()).then_some(requested)
}

/// Characters `start..end` of `text` (indexed by `index`), if it has them.
fn chars<'t>(text: &'t str, index: &CharIndex, start: usize, end: usize) -> Option<&'t str> {
    if start > end {
        return None;
    }
    text.get(index.byte(text, start)?..index.byte(text, end)?)
}

/// Where every [`CharIndex::STEP`]th character of a text starts: the byte offset of any
/// character in a walk of at most that many, however many are asked for.
#[derive(Debug)]
pub(super) struct CharIndex {
    starts: Vec<usize>,
    chars: usize,
}

impl CharIndex {
    const STEP: usize = 1024;

    /// The index of `text`.
    pub(super) fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            if chars % Self::STEP == 0 {
                starts.push(byte);
            }
            chars += 1;
        }
        Self { starts, chars }
    }

    /// The byte offset of character `index` of `text` (its length for the index just past
    /// its end), if it has that many characters.
    pub(super) fn byte(&self, text: &str, index: usize) -> Option<usize> {
        match index.cmp(&self.chars) {
            std::cmp::Ordering::Greater => None,
            std::cmp::Ordering::Equal => Some(text.len()),
            std::cmp::Ordering::Less => {
                let from = self.starts[index / Self::STEP];
                let mut rest = text[from..].char_indices();
                rest.nth(index % Self::STEP).map(|(byte, _)| from + byte)
            }
        }
    }
}

/// `name` as an id: lower case, each run of characters other than ASCII letters and digits
/// one hyphen (`Russia-Hamas relations` is `russia-hamas-relations`).
pub(super) fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        match c.is_ascii_alphanumeric() {
            true => slug.push(c),
            false if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            false => {}
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Whether a source's text is the text a request gave, exactly or but for line ends and
/// trailing spaces.
fn same_text(source: &str, given: &str, exact: bool) -> bool {
    if exact {
        return source == given;
    }
    let lines = |s: &str| -> Vec<String> {
        s.trim_end()
            .lines()
            .map(|l| l.trim_end().to_owned())
            .collect()
    };
    // Lengths first: most sources differ by far.
    let (a, b) = (source.trim_end().len(), given.trim_end().len());
    a.abs_diff(b) <= a.max(b) / 8 + 2 && lines(source) == lines(given)
}

fn found(id: &str, how: String) -> Resolved {
    Resolved {
        id: Some(id.to_owned()),
        how,
        differs: false,
        ambiguous: false,
        doubt: None,
    }
}

fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::visible::visible(s)
}

fn excerpt(s: &str) -> String {
    super::shown(s)
}

fn bad_map(map: &str, why: &str) -> Error {
    Error::BadArgument {
        message: format!("`--map {}`: {why}", visible(map)),
        help: "write `--map KEY=ID`: KEY a document's index, title, file name or address as the response names it, ID a source of the folder (`report sources` lists them)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str, start: usize, end: usize) -> Option<&str> {
        super::chars(text, &CharIndex::new(text), start, end)
    }

    #[test]
    fn characters_are_counted_as_unicode_scalar_values() {
        let long = "é".repeat(5000) + "x";
        let index = CharIndex::new(&long);
        assert_eq!(index.byte(&long, 5000), Some(10_000));
        assert_eq!(index.byte(&long, 5001), Some(10_001));
        assert_eq!(index.byte(&long, 5002), None);
        assert_eq!(index.byte(&long, 2049), Some(4098));
        let text = "Zoë said “no”. 😀 end";
        assert_eq!(chars(text, 0, 3), Some("Zoë"));
        assert_eq!(chars(text, 9, 13), Some("“no”"));
        assert_eq!(chars(text, 15, 16), Some("😀"));
        assert_eq!(chars(text, 17, 20), Some("end"));
        assert_eq!(chars(text, 17, 21), None);
        assert_eq!(chars(text, 5, 5), Some(""));
        assert_eq!(chars(text, 6, 5), None);
    }

    #[test]
    fn a_text_is_the_same_but_for_line_ends_and_trailing_spaces_only() {
        assert!(same_text("a\r\nb  \n", "a\nb", false));
        assert!(!same_text("a\r\nb", "a\nb", true));
        assert!(!same_text("a b", "a  b", false));
        assert!(!same_text("a\nb", "a\nc", false));
    }
}
