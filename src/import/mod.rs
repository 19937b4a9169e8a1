//! `report import`: a model's answer, with the citations its API returned, made into an
//! outline whose every quote the check then verifies. Nothing imported is trusted.
//!
//! A response is read (`read.rs`: one JSON document, JSON lines, or a server-sent-events
//! transcript) into an `Answer`: its text, and each citation anchored where it stands in
//! that text. `anthropic.rs` reads the Messages API, whose citations quote the documents the
//! model was given (`cited_text`); `openai.rs` and `gemini.rs` read APIs whose citations name
//! a file or a page but quote nothing, so their claims become paragraphs that need a
//! quotation. `documents.rs` decides which source each cited document is (`--map`, the text
//! the request gave, a PDF's hash, the catalog's titles and addresses) and checks a
//! citation's character offsets against that text. `draft.rs` writes the outline.
//!
//! Boundary: reads the response, the request and the sources folder through the file gate;
//! never checks a quote (the caller runs the check on the outline written), never prints.

mod anthropic;
mod documents;
mod draft;
mod gemini;
mod openai;
pub(crate) mod read;
mod request;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::containment::Chosen;
pub use request::request_for;

/// Whose API the response came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Anthropic's Messages API, with citations on its documents.
    Anthropic,
    /// OpenAI's Responses API (or Chat Completions), with file and web citations.
    OpenAi,
    /// Google's Gemini API, with grounding metadata.
    Gemini,
}

impl Provider {
    /// The name `report import` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Anthropic => "anthropic",
            Self::OpenAi => "openai",
            Self::Gemini => "gemini",
        }
    }
}

/// What to import, and where the outline will stand.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// Whose response it is.
    pub provider: Provider,
    /// The saved response (`-`: standard input).
    pub response: PathBuf,
    /// The request that asked for it, whose documents tell which source each one is.
    pub request: Option<PathBuf>,
    /// `KEY=ID` pairs: a document (by its index, title, file name, file id or address) and
    /// the source id it is.
    pub maps: Vec<String>,
    /// The sources folder.
    pub sources: PathBuf,
    /// Where the outline will be written: its `sources:` is relative to its folder.
    pub outline: PathBuf,
    /// The outline's title [default: the answer's first heading, else one naming the model].
    pub title: Option<String>,
    /// The project folder: nothing outside it is read [default: the outline's folder].
    pub root: Option<PathBuf>,
}

/// An imported outline, and what a person must look at.
#[derive(Debug)]
pub struct Imported {
    /// The outline, as YAML.
    pub yaml: String,
    /// What the import could not settle, in the order met.
    pub notes: Vec<Note>,
    /// How many paragraphs the outline has.
    pub paragraphs: usize,
    /// How many `cite` entries it has.
    pub quotes: usize,
}

/// Something the import could not settle, for a person to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What kind of thing it is.
    pub kind: NoteKind,
    /// What it says.
    pub message: String,
}

/// The kinds of [`Note`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// A claim the model tied to a document without quoting it: it needs a quotation.
    NeedsQuote,
    /// A cited document that is no source of the folder.
    Unmapped,
    /// A citation whose offsets do not point at the text it cites.
    Offsets,
    /// A document whose text in the request is not its source's.
    TextDiffers,
    /// A document the response and the request name differently.
    DocumentDiffers,
    /// A citation's pages that the source cannot show.
    Pages,
    /// An answer cut short, or parts of it left out.
    Incomplete,
}

/// Imports the response `config` names.
pub fn import(config: &ImportConfig) -> Result<Imported, Error> {
    let folder = crate::files::containment::folder_of(&config.outline);
    if !folder.is_dir() {
        return Err(Error::BadArgument {
            message: format!(
                "`{}`: there is no folder `{}`",
                config.outline.display(),
                folder.display()
            ),
            help: "create the folder first, or name an outline in an existing one with `-o`".into(),
        });
    }
    let response = read::Saved::read(&config.response, read::MAX_RESPONSE_BYTES)?;
    let answer = match config.provider {
        Provider::Anthropic => anthropic::answer(&response)?,
        Provider::OpenAi => openai::answer(&response)?,
        Provider::Gemini => gemini::answer(&response)?,
    };
    let requested = match &config.request {
        Some(path) => request::documents(&read::Saved::read(path, read::MAX_REQUEST_BYTES)?)?,
        None => Vec::new(),
    };
    let project = crate::files::containment::project_root(&config.outline, config.root.as_deref())?;
    let mut folder = documents::Folder::open(&config.sources, &project, &config.maps, requested)?;
    draft::write(answer, &mut folder, config)
}

/// Writes the outline `yaml` of `config` to its path, atomically: never into the sources
/// folder, never over the response or request it came from, and over an existing file only
/// with `force`.
pub fn write(config: &ImportConfig, yaml: &str, force: bool) -> Result<(), Error> {
    let path = &config.outline;
    let same = |input: &Path| match (std::fs::canonicalize(input), std::fs::canonicalize(path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let inputs = [
        (Some(&config.response), "the response"),
        (config.request.as_ref(), "the request"),
    ];
    for (input, what) in inputs {
        if let Some(input) = input.filter(|i| same(i)) {
            return Err(Error::OutputIsInput {
                path: path.clone(),
                what,
                input: input.clone(),
            });
        }
    }
    let within = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::read(Path::new("."), e))?;
    let sources =
        std::fs::canonicalize(&config.sources).map_err(|e| Error::read(&config.sources, e))?;
    let (target, special) =
        crate::files::containment::output_target(path, &within, &sources, Chosen::ByUser)?;
    let failed = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::OutlineExists { path: path.clone() },
        _ => Error::Write {
            path: path.clone(),
            source,
        },
    };
    if special {
        return std::fs::write(&target, yaml).map_err(failed);
    }
    crate::files::containment::write_atomically(&target, yaml.as_bytes(), force).map_err(failed)
}

/// A model's answer as its response gives it: the text, and each citation where it stands.
#[derive(Debug, Default)]
pub(crate) struct Answer {
    /// The model that wrote it.
    pub model: Option<String>,
    /// The answer's text, all its parts in order.
    pub text: String,
    /// Each citation, at the byte of `text` it belongs to.
    pub cites: Vec<(usize, Cite)>,
    /// What reading the response could not settle.
    pub notes: Vec<Note>,
}

impl Answer {
    /// Refuses an answer without text.
    fn require_text(&self, response: &read::Saved) -> Result<(), Error> {
        if self.text.trim().is_empty() {
            // A refusal, or an answer cut short, says why there is none.
            let why: Vec<&str> = (self.notes.iter()).map(|n| n.message.as_str()).collect();
            let why = match why.is_empty() {
                true => String::new(),
                false => format!(" ({})", why.join("; ")),
            };
            return Err(response.error(
                0,
                format!("the response holds no answer text{why}: nothing to import"),
                "check that the request succeeded and the model answered (a refusal or a \
                 tool call has no text to import)",
            ));
        }
        Ok(())
    }
}

/// One citation of an answer.
#[derive(Debug, Clone)]
pub(crate) enum Cite {
    /// A passage the model quotes from a document it was given.
    Quote {
        /// The document.
        document: DocumentRef,
        /// The text it says it cites.
        quote: String,
        /// Where the API says the text is.
        location: Location,
    },
    /// A document the model ties a claim to, without quoting it.
    Claim {
        /// The document.
        document: DocumentRef,
    },
}

/// A cited document as the response names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct DocumentRef {
    /// Its index in the request's documents (Anthropic) or the grounding chunks (Gemini).
    pub index: Option<usize>,
    /// Its title.
    pub title: Option<String>,
    /// Its file name.
    pub file_name: Option<String>,
    /// Its file id at the API.
    pub file_id: Option<String>,
    /// Its address.
    pub url: Option<String>,
}

impl DocumentRef {
    /// How a message names it: `document 0 ("Title")`, `"report.pdf"`, an address.
    pub(crate) fn describe(&self) -> String {
        let quoted = |s: &str| format!("\"{}\"", crate::text::visible::visible(s));
        let mut parts = Vec::new();
        if let Some(index) = self.index {
            parts.push(format!("document {index}"));
        }
        parts.extend(self.title.as_deref().map(quoted));
        parts.extend(self.file_name.as_deref().map(quoted));
        parts.extend(self.file_id.as_deref().map(|id| format!("({id})")));
        parts.extend(
            (self.url.as_deref()).map(|u| format!("<{}>", crate::text::visible::visible(u))),
        );
        match parts.is_empty() {
            true => "an unnamed document".into(),
            false => parts.join(" "),
        }
    }

    /// The keys `--map` may name it by.
    pub(crate) fn keys(&self) -> Vec<String> {
        let index = self.index.map(|i| i.to_string());
        [
            index.as_ref(),
            self.file_name.as_ref(),
            self.url.as_ref(),
            self.file_id.as_ref(),
            self.title.as_ref(),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
    }
}

/// The first letter or digit of `text` at or after byte `at` (or `at` when none follows):
/// where a claim's words start, past the line ends and marks before them.
fn words_from(text: &str, at: usize) -> usize {
    let at = crate::text::position::floor_char(text, at.min(text.len()));
    text[at..]
        .find(char::is_alphanumeric)
        .map_or(at, |i| at + i)
}

/// `text` shortened for a message, in curly quotes, its hidden characters escaped.
fn shown(text: &str) -> String {
    crate::text::visible::visible(&crate::text::excerpt::excerpt(text)).into_owned()
}

/// Where a citation's API says its text stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    /// Characters `start..end` of a plain-text document (0-based, end exclusive).
    Chars(usize, usize),
    /// Pages `start..end` of a PDF (1-based, end exclusive).
    Pages(usize, usize),
    /// Content blocks `start..end` of a custom-content document.
    Blocks(usize, usize),
    /// Nowhere said.
    Unsaid,
}

/// The fields that tell each API's response apart.
#[derive(Debug, serde::Deserialize)]
struct Shape {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    content: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    output: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    choices: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    candidates: Option<serde::de::IgnoredAny>,
}

impl Shape {
    /// Whose response a value of this shape is, if it tells.
    fn provider(&self) -> Option<Provider> {
        if self.candidates.is_some() {
            Some(Provider::Gemini)
        } else if self.output.is_some()
            || self.choices.is_some()
            || self
                .kind
                .as_deref()
                .is_some_and(|k| k.starts_with("response."))
        {
            Some(Provider::OpenAi)
        } else if self.content.is_some()
            || self
                .kind
                .as_deref()
                .is_some_and(|k| k.starts_with("message") || k.starts_with("content_block"))
        {
            Some(Provider::Anthropic)
        } else {
            None
        }
    }
}

/// Refuses a response that is plainly another API's, naming the command that reads it.
fn refuse_other_provider(
    response: &read::Saved,
    chunks: &[read::Chunk<'_>],
    expected: Provider,
) -> Result<(), Error> {
    let Some(&first) = chunks.first() else {
        return Err(response.error(
            0,
            "the file holds no response: nothing to import".into(),
            "save the API's response body (`curl ... > response.json`)",
        ));
    };
    let shape: Shape = response.parse(first, "not an API response")?;
    match shape.provider() {
        Some(other) if other != expected => Err(response.error(
            first.offset,
            format!(
                "this is a response of the {} API, not of {}",
                other.name(),
                expected.name()
            ),
            format!("import it with `report import {}`", other.name()),
        )),
        _ => Ok(()),
    }
}

/// `path` relative to the folder `from`, both as given (made absolute from the working
/// folder, links followed where they exist).
pub(crate) fn relative(path: &Path, from: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::env::current_dir().map(|d| d.join(p)))
            .unwrap_or_else(|_| p.to_owned())
    };
    let (path, from) = (absolute(path), absolute(from));
    let common = (path.components())
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in from.components().skip(common) {
        relative.push("..");
    }
    for part in path.components().skip(common) {
        relative.push(part);
    }
    if relative.as_os_str().is_empty() {
        relative.push(".");
    }
    relative
}
