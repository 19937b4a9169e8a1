//! The optional source catalog, `sources.yaml`: bibliographic details for each source id.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The file name of the catalog inside the sources folder.
pub(crate) const CATALOG_FILE: &str = "sources.yaml";

/// The media type of a Word document, as provenance records it.
pub(crate) const DOCX: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What a catalog says about one source. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceMeta {
    /// The document's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What kind of document it is, for citations: `article`, `web`, `report`, `book`,
    /// `legislation`, `case` or `document`. Default: what its original was (a web page is
    /// `web`, a PDF or Word file a `report`, else a `document`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Who wrote it: people as `Family, Given`, several separated by `;` or ` and `; a body
    /// (`Research desk`) as it is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Who published it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published, as the writer gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where it can be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the writer took the copy in `sources/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
    /// The page number printed on the first page of a paginated source (an article that
    /// starts on page 245 of a journal issue): page locators count from it. Default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1_000_000_000))]
    pub first_page: Option<i64>,
    /// Where the text came from and how it was made, written by `report sources add`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// What kind of document a source is, as citations name it.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An article in a newspaper, a journal or a magazine.
    Article,
    /// A web page.
    Web,
    /// A report, a paper, a brief.
    Report,
    /// A book.
    Book,
    /// A law, a regulation, a treaty.
    Legislation,
    /// A court's judgment.
    Case,
    /// Any other document.
    Document,
}

/// How a source's text was made from its original: written by `report sources add`, read by
/// `report sources verify`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Provenance {
    /// The original's file name, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// Where the original is kept, relative to the sources folder (absent with `--no-keep`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
    /// The original's media type: `application/pdf`, `text/plain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// SHA-256 of the original's bytes, lowercase hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_sha256: Option<String>,
    /// SHA-256 of the text written to `<id>.txt`, lowercase hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_sha256: Option<String>,
    /// The program that made the text, with its version: `pdftotext 22.12.0`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extractor: Option<String>,
    /// The options it was run with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<String>,
    /// The address the page answered at, when redirects led away from the one given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// Each address a redirect led to, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
    /// When the page was fetched (UTC, RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    /// The paragraphs of a web page that are headings (from 1): a quote is located under
    /// the nearest one before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<usize>,
    /// The tool a saved web page was saved with (`SingleFile`, `monolith`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saved_by: Option<String>,
    /// The encoding the original was converted from, if it was not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted_from: Option<String>,
    /// When the original says it was made (its own metadata: not always when it was
    /// published).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// How many pages the original has (paginated sources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// What was cleaned from the extracted text, and how many times (README lists the rules).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cleaned: BTreeMap<String, usize>,
    /// When the text was made (UTC, RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<String>,
}

/// Reads the catalog in `folder` (`resolved` once links are followed), if there is one; no
/// catalog means no metadata. It must be a regular file inside the folder.
pub(crate) fn read(folder: &Path, resolved: &Path) -> Result<BTreeMap<String, SourceMeta>, Error> {
    let path = folder.join(CATALOG_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(BTreeMap::new());
    }
    let text = crate::files::yaml::read(
        &path,
        resolved,
        crate::files::containment::Chosen::ByProject,
    )?;
    parse(&path, &text)
}

/// The catalog `text`, read from `path`.
pub(crate) fn parse(path: &Path, text: &str) -> Result<BTreeMap<String, SourceMeta>, Error> {
    if crate::files::text_file::is_blank_yaml(text) {
        return Ok(BTreeMap::new());
    }
    let help = "each entry is a source id with `title`, `author`, `publisher`, `published`, `url`, `accessed`, `first-page` or `provenance`";
    let catalog: BTreeMap<String, SourceMeta> = crate::files::yaml::parse(path, text, help)?;
    // Page numbers are counted from `first-page`: past a sane bound they would wrap or
    // stick, and two pages would share a number.
    if let Some((id, first)) = (catalog.iter())
        .find_map(|(id, m)| Some((id, m.first_page?)).filter(|(_, f)| !FIRST_PAGES.contains(f)))
    {
        let (line, column) = (text.lines().enumerate())
            .find(|(_, l)| {
                l.trim_start().starts_with("first-page:") && l.contains(&first.to_string())
            })
            .map_or((1, 1), |(n, l)| (n + 1, l.len() - l.trim_start().len() + 1));
        let at = crate::text::position::LineCol { line, column };
        return Err(Error::invalid(
            path,
            text,
            at,
            format!("`first-page` of `{id}` is {first}: page numbers start from 1 to 1000000000"),
            "write the page number printed on the document's first page, such as `first-page: 245`",
        ));
    }
    Ok(catalog)
}

/// The page numbers a document's first page may print.
const FIRST_PAGES: std::ops::RangeInclusive<i64> = 1..=1_000_000_000;

impl SourceMeta {
    /// The page number printed on physical page `page` (from 1), counting from `first-page`.
    pub fn printed_page(&self, page: usize) -> i64 {
        let page = i64::try_from(page).unwrap_or(i64::MAX);
        (self.first_page.unwrap_or(1)).saturating_add(page.saturating_sub(1))
    }

    /// The physical page (from 1) that prints the number `printed`, if one can.
    pub fn physical_page(&self, printed: i64) -> Option<usize> {
        let physical = printed
            .checked_sub(self.first_page.unwrap_or(1))?
            .checked_add(1)?;
        usize::try_from(physical).ok().filter(|&p| p >= 1)
    }

    /// The first of the fields a briefing shows (title, author, publisher, dates, address)
    /// that holds a character a briefing must not show ([`hidden`]): the field and the
    /// character.
    pub fn hidden_character(&self) -> Option<(&'static str, char)> {
        let fields = [
            ("title", &self.title),
            ("author", &self.author),
            ("publisher", &self.publisher),
            ("published", &self.published),
            ("url", &self.url),
            ("accessed", &self.accessed),
        ];
        fields.into_iter().find_map(|(field, value)| {
            let c = value.as_deref()?.chars().find(|c| hidden(*c))?;
            Some((field, c))
        })
    }
}

/// Whether `c` is a character a briefing must not show from a catalog: a control character
/// (a tab or line break aside) or a bidirectional override or isolate, which reorders the
/// text around it.
pub(crate) fn hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}
