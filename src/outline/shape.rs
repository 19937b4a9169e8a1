//! The briefing outline: its YAML shape, and reading it with the place of every value.
//!
//! Keys are strict (`deny_unknown_fields`), so a misspelt key is an error at its line and
//! column rather than a check silently skipped. Reading never checks quotes.

use std::fmt;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};
use serde_saphyr::Spanned;

use crate::error::Error;
use crate::files::yaml::line_col;
use crate::text::position::{LineCol, LineIndex};

/// A briefing: title, metadata, summary and sections.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Outline {
    /// The briefing's title.
    pub title: String,
    /// A line under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Who wrote it.
    #[serde(default)]
    pub author: Option<String>,
    /// When it was written, as the writer gives it.
    #[serde(default)]
    pub date: Option<String>,
    /// The citation style of the rendered briefing: a style `hayagriva` bundles, by name
    /// (`chicago-notes`, the default; `apa`, `mla`, `chicago-author-date`, `ieee` …), or a
    /// `.csl` file inside the project, relative to the outline file.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub style: Option<Spanned<String>>,
    /// The alterations quotes may make, after a style guide: `chicago` (the default:
    /// ellipses, `[T]he`, `[sic]`, bracketed words, `(emphasis added)`), `bluebook` (the
    /// same, `[ ]` for letters left out, never an ellipsis first), `ap` (ellipses, words added
    /// in parentheses) or `strict` (none).
    #[serde(default)]
    pub quoting: crate::outline::quoting::Profile,
    /// The quotation marks whose words in the prose are checked: `double` (`"…"`, `“…”`,
    /// guillemets and the like) and `single` (`‘…’`, `'…'`), both by default.
    #[serde(default)]
    #[schemars(with = "Option<Vec<crate::outline::quoting::QuoteMark>>")]
    pub quote_marks: Option<Spanned<Vec<crate::outline::quoting::QuoteMark>>>,
    /// The sources folder, relative to the outline file (default `sources`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub sources: Option<Spanned<String>>,
    /// What the check reports as findings in this outline, whatever the command line says:
    /// `uncited`, every paragraph that cites no source. A draft imported from an API whose
    /// citations quote nothing carries it, so that it cannot render before its quotes are added.
    #[serde(default)]
    pub deny: Denied,
    /// A summary set before the sections; its quotations are checked against every cited source.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    /// The sections, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// What an outline's `deny` makes findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Deny {
    /// Paragraphs that cite no source.
    Uncited,
}

/// What an outline's `deny` names: one (`deny: uncited`) or a list (`deny: [uncited]`).
#[derive(Debug, Default)]
pub struct Denied(pub Vec<Deny>);

impl<'de> Deserialize<'de> for Denied {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(Deny),
            Many(Option<Vec<Deny>>),
        }
        match OneOrMany::deserialize(deserializer) {
            Ok(OneOrMany::One(one)) => Ok(Denied(vec![one])),
            Ok(OneOrMany::Many(many)) => Ok(Denied(many.unwrap_or_default())),
            Err(_) => Err(serde::de::Error::custom(
                "`deny` takes `uncited`, or a list of it: `deny: [uncited]`",
            )),
        }
    }
}

impl JsonSchema for Denied {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Denied".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<Deny>();
        schemars::json_schema!({
            "description": "What is reported as findings: `uncited`, or a list of it.",
            "anyOf": [one, { "type": "array", "items": one }, { "type": "null" }]
        })
    }
}

/// A section: a heading, its paragraphs, and subsections of any depth.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Section {
    /// The section's heading.
    pub heading: String,
    /// The paragraphs, in order.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub paragraphs: Vec<Spanned<Paragraph>>,
    /// Subsections.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A paragraph: either `text` with optional citations, or a block quotation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Paragraph {
    /// The writer's own words; quotations in double quotes inside it are checked too.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// The spans of sources that back the text.
    #[serde(default)]
    pub cite: Citations,
    /// A block quotation, shown in full.
    #[serde(default)]
    pub quote: Option<Citation>,
}

/// One quoted span of one source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Citation {
    /// The source's id: its file name without extension.
    #[schemars(with = "String")]
    pub source: Spanned<String>,
    /// The words quoted, verbatim; `...` or `…` marks an omission.
    #[schemars(with = "String")]
    pub quote: Spanned<String>,
    /// The page the quote is on, as printed (for a source with pages, such as a PDF): checked.
    #[serde(default)]
    #[schemars(with = "Option<i64>")]
    pub page: Option<Box<Spanned<i64>>>,
    /// The paragraph the quote is in (for a web page or a Word file): checked.
    #[serde(default)]
    #[schemars(with = "Option<i64>")]
    pub paragraph: Option<Box<Spanned<i64>>>,
    /// The citation's number in reading order, given when the outline is read: how the
    /// check's verdict reaches the citation's note.
    #[serde(skip)]
    pub id: CitationId,
}

/// A citation's number in reading order, from 1: `cite` entries and block quotations of every
/// paragraph, section by section. Given once, when the outline is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CitationId(pub usize);

/// The citations of a paragraph, written either as one mapping or as a list.
#[derive(Debug, Default)]
pub struct Citations(pub Vec<Citation>);

impl<'de> Deserialize<'de> for Citations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = Citations;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a citation (`source` and `quote`) or a list of them")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Citations, A::Error> {
                Citation::deserialize(MapAccessDeserializer::new(map)).map(|c| Citations(vec![c]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Citations, A::Error> {
                let mut all = Vec::new();
                while let Some(citation) = seq.next_element()? {
                    all.push(citation);
                }
                // Kept for the whole run, ten thousand of them in a large one: no room to
                // grow (a paragraph's two citations would keep room for four).
                all.shrink_to_fit();
                Ok(Citations(all))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

impl JsonSchema for Citations {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Citations".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<Citation>();
        schemars::json_schema!({
            "description": "One citation, or a list of them.",
            "anyOf": [one, { "type": "array", "items": one }]
        })
    }
}

/// An outline as read from its file, with the text it came from.
#[derive(Debug)]
pub struct OutlineFile {
    /// The outline file's path, as given.
    pub path: PathBuf,
    /// The file's text, without a leading byte-order mark.
    pub text: String,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// The parsed outline.
    pub outline: Outline,
}

/// The longest quote, paragraph text or summary, in bytes: 64 KiB, some ten thousand words.
pub const MAX_TEXT_BYTES: usize = 64 << 10;

impl OutlineFile {
    /// Reads and parses the outline at `path`, a regular file that may not lead out of the
    /// project (`root`, else its own folder); the error names the line and column at fault.
    ///
    /// Even an outline named on the command line must be a regular file: `report.yaml` is
    /// also the default, which a repository may have made a FIFO, and the file is read more
    /// than once (`--watch`, the snippets of errors).
    pub fn read(path: &Path, root: Option<&Path>) -> Result<Self, Error> {
        let project = crate::files::containment::project_root(path, root)?;
        let text =
            crate::files::yaml::read(path, &project, crate::files::containment::Chosen::ByProject)?;
        Self::parse(path, text)
    }

    /// Parses outline `text` (without a byte-order mark) that came from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Self, Error> {
        if crate::files::text_file::is_blank_yaml(&text) {
            let help = "an outline needs at least a `title:`; README.md describes the format";
            return Err(Error::invalid(
                path,
                &text,
                LineCol { line: 1, column: 1 },
                "the outline is empty".into(),
                help,
            ));
        }
        let help = "fix the outline; README.md describes its keys";
        let mut outline: Outline = crate::files::yaml::parse(path, &text, help)?;
        outline.number_citations();
        let file = Self {
            path: path.to_owned(),
            lines: LineIndex::new(&text),
            text,
            outline,
        };
        file.validate()?;
        Ok(file)
    }

    /// The place of a spanned value in this file.
    pub fn place<T>(&self, value: &Spanned<T>) -> Place {
        let location = value.referenced;
        let span = location.span();
        let start = span.byte_offset().map_or_else(
            || self.lines.offset(&self.text, line_col(location)),
            |b| b as usize,
        );
        let len = span.byte_len().unwrap_or(0) as usize;
        let bytes = start..(start + len).min(self.text.len());
        Place {
            at: self.lines.line_col(&self.text, bytes.start),
            bytes,
        }
    }

    /// The place of a string value's text: for a quoted scalar, inside its quotation marks,
    /// so that line:col points at the first character of the text itself.
    pub fn place_text(&self, value: &Spanned<String>) -> Place {
        let place = self.place(value);
        let raw = &self.text[place.bytes.clone()];
        let first_line = raw.lines().next().unwrap_or_default().trim_end();
        // A plain or block scalar's first line is the start of its value as written; a quoted
        // scalar's never is, as it starts with a quotation mark the value does not repeat.
        let quoted =
            raw.starts_with(['"', '\'']) && !value.value.trim_start().starts_with(first_line);
        if !quoted || place.bytes.len() < 2 {
            return place;
        }
        let bytes = place.bytes.start + 1..place.bytes.end - 1;
        Place {
            at: self.lines.line_col(&self.text, bytes.start),
            bytes,
        }
    }

    fn validate(&self) -> Result<(), Error> {
        self.validate_ids()?;
        self.validate_lengths()?;
        self.validate_marks()?;
        self.validate_paragraphs()
    }

    /// No quote, paragraph text or summary is longer than [`MAX_TEXT_BYTES`]: every search,
    /// alignment and diff of it then stays within its budget.
    fn validate_lengths(&self) -> Result<(), Error> {
        let citations = self.outline.citations();
        let quotes = citations.iter().map(|c| &c.quote);
        let paragraphs = self.outline.paragraphs();
        let texts = paragraphs.iter().filter_map(|p| p.value.text.as_ref());
        for text in quotes.chain(texts).chain(self.outline.summary.as_ref()) {
            if text.value.len() > MAX_TEXT_BYTES {
                let message = format!(
                    "this text is {} KiB; a quote, paragraph or summary may be at most {} KiB",
                    text.value.len() >> 10,
                    MAX_TEXT_BYTES >> 10
                );
                let help = "quote less of the source, or split the paragraph";
                let at = self.place_text(text).at;
                return Err(Error::invalid(&self.path, &self.text, at, message, help));
            }
        }
        Ok(())
    }

    /// `quote-marks:` names at least one family of marks: an empty list would leave every
    /// quotation in the prose unchecked.
    fn validate_marks(&self) -> Result<(), Error> {
        match &self.outline.quote_marks {
            Some(marks) if marks.value.is_empty() => {
                let at = self.place(marks).at;
                let message =
                    "`quote-marks` is empty: no quotation in the prose would be checked".to_owned();
                let help =
                    "name the marks to check, `[double, single]`, or leave the key out for both";
                Err(Error::invalid(&self.path, &self.text, at, message, help))
            }
            _ => Ok(()),
        }
    }

    /// Every source id is a file name, never a path: nothing outside the sources folder can
    /// be named.
    fn validate_ids(&self) -> Result<(), Error> {
        for citation in self.outline.citations() {
            let id = &citation.source.value;
            if !crate::files::containment::is_plain_id(id) {
                let message = format!(
                    "source id `{}` is not a file name",
                    crate::text::visible::visible(id)
                );
                let help = "a source id is the name of a `.txt` file in the sources folder, without `.txt`: `memo` for `sources/memo.txt`";
                let at = self.place_text(&citation.source).at;
                return Err(Error::invalid(&self.path, &self.text, at, message, help));
            }
            if let Some((message, help)) = crate::text::lookalike::problem(id) {
                let at = self.place_text(&citation.source).at;
                return Err(Error::invalid(&self.path, &self.text, at, message, help));
            }
        }
        Ok(())
    }

    /// Every paragraph has either text or a block quotation.
    fn validate_paragraphs(&self) -> Result<(), Error> {
        for paragraph in self.outline.paragraphs() {
            let p = &paragraph.value;
            let problem = match (&p.text, &p.quote) {
                (None, None) => Some((
                    "a paragraph needs `text` or a block `quote`",
                    "add `text:`, or `quote:` with `source` and `quote`",
                )),
                (Some(_), Some(_)) => Some((
                    "a paragraph has either `text` or a block `quote`, not both",
                    "split it into two paragraphs",
                )),
                (None, Some(_)) if !p.cite.0.is_empty() => Some((
                    "a block `quote` is its own citation and takes no `cite`",
                    "move the `cite` to a paragraph with `text`",
                )),
                _ => None,
            };
            if let Some((message, help)) = problem {
                let at = self.place(paragraph).at;
                return Err(Error::invalid(
                    &self.path,
                    &self.text,
                    at,
                    message.into(),
                    help,
                ));
            }
        }
        Ok(())
    }
}

impl Outline {
    /// The quotation marks whose words in the prose are checked: the outline's
    /// `quote-marks:`, or all of them.
    pub fn quote_marks(&self) -> &[crate::outline::quoting::QuoteMark] {
        (self.quote_marks.as_ref())
            .map_or(&crate::outline::quoting::ALL_MARKS, |m| m.value.as_slice())
    }

    /// Every paragraph of every section, depth first, in reading order.
    pub fn paragraphs(&self) -> Vec<&Spanned<Paragraph>> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Spanned<Paragraph>>) {
            for section in sections {
                out.extend(&section.paragraphs);
                walk(&section.sections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// Gives every citation its [`CitationId`], in reading order.
    fn number_citations(&mut self) {
        fn walk(sections: &mut [Section], next: &mut usize) {
            for section in sections {
                for paragraph in &mut section.paragraphs {
                    let p = &mut paragraph.value;
                    for citation in p.cite.0.iter_mut().chain(&mut p.quote) {
                        *next += 1;
                        citation.id = CitationId(*next);
                    }
                }
                walk(&mut section.sections, next);
            }
        }
        walk(&mut self.sections, &mut 0);
    }

    /// Every citation (`cite` entries and block quotations), in reading order.
    pub fn citations(&self) -> Vec<&Citation> {
        self.paragraphs()
            .into_iter()
            .flat_map(|p| p.value.citations())
            .collect()
    }

    /// How many sections there are, at every depth.
    pub fn section_count(&self) -> usize {
        fn count(sections: &[Section]) -> usize {
            sections.iter().map(|s| 1 + count(&s.sections)).sum()
        }
        count(&self.sections)
    }
}

impl Paragraph {
    /// The paragraph's citations: its `cite` entries, or its block quotation.
    pub fn citations(&self) -> impl Iterator<Item = &Citation> {
        self.cite.0.iter().chain(&self.quote)
    }
}

/// Where a value stands in the outline file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Line and column of its first character.
    pub at: LineCol,
    /// Its byte range in the outline text (empty when unknown).
    pub bytes: std::ops::Range<usize>,
}
