//! Word sources (`.docx`): the text of a WordprocessingML document, by a small walker over its
//! zip archive and XML (`zip`, `quick-xml`), since the published docx crates drop the spaces
//! between runs or panic on real files.
//!
//! What is read, and how:
//! - `w:t` as written when `xml:space="preserve"`, else without the whitespace at its ends;
//!   `w:tab` is a tab, `w:br` and `w:cr` a line break, `w:noBreakHyphen` a hyphen,
//!   `w:softHyphen` nothing (it prints only where a line breaks);
//! - tracked changes as they would be accepted: deletions (`w:del`, `w:delText`, `w:moveFrom`)
//!   left out, insertions kept;
//! - one branch of `mc:AlternateContent` (its `mc:Choice`), so a text box is read once;
//! - field codes (`w:instrText`, and what stands between a field's `begin` and `separate`)
//!   skipped, their results kept;
//! - each paragraph (`w:p`) a block, tables cell by cell in reading order;
//! - footnotes, endnotes, headers and footers after the body, apart from it.
//!
//! Each part is read to at most [`MAX_PART`] bytes, so a zip bomb stops there.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::Error;

/// The most bytes of one part of the archive read, once decompressed.
pub(crate) const MAX_PART: u64 = 64 << 20;

/// A Word document's text and what it says of itself.
#[derive(Debug, Default)]
pub(crate) struct Document {
    /// The body's paragraphs, then the notes', headers' and footers'.
    pub paragraphs: Vec<String>,
    /// How many paragraphs are the body's.
    pub body: usize,
    /// The title in its properties.
    pub title: Option<String>,
    /// Its author.
    pub author: Option<String>,
    /// When it was created.
    pub created: Option<String>,
}

/// The parts read after the body, in order, by name prefix.
const OTHER_PARTS: [&str; 4] = [
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/header",
    "word/footer",
];

/// Reads the `.docx` `bytes` (from `shown`, named in errors).
pub(crate) fn read(bytes: &[u8], shown: &Path) -> Result<Document, Error> {
    let unreadable = |message: String| Error::DocxUnreadable {
        path: shown.to_owned(),
        message,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let mut names: Vec<String> = (archive.file_names())
        .filter_map(|name| name.ok().map(|n| n.into_owned()))
        .collect();
    names.sort();
    let mut part = |name: &str| -> Result<Option<String>, Error> {
        let mut file = match archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(unreadable(e.to_string())),
        };
        let mut xml = Vec::new();
        (&mut file)
            .take(MAX_PART + 1)
            .read_to_end(&mut xml)
            .map_err(|e| unreadable(format!("{name}: {e}")))?;
        if xml.len() as u64 > MAX_PART {
            return Err(Error::SourceTooLarge {
                path: shown.to_owned(),
                limit: MAX_PART,
            });
        }
        String::from_utf8(xml)
            .map(Some)
            .map_err(|_| unreadable(format!("{name} is not UTF-8")))
    };
    let body = part("word/document.xml")?
        .ok_or_else(|| unreadable("it has no word/document.xml: not a Word document".into()))?;
    let mut document = Document {
        paragraphs: paragraphs(&body).map_err(|e| unreadable(format!("word/document.xml: {e}")))?,
        ..Document::default()
    };
    document.body = document.paragraphs.len();
    for prefix in OTHER_PARTS {
        for name in names
            .iter()
            .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
        {
            if let Some(xml) = part(name)? {
                let more = paragraphs(&xml).map_err(|e| unreadable(format!("{name}: {e}")))?;
                document.paragraphs.extend(more);
            }
        }
    }
    if let Some(core) = part("docProps/core.xml")? {
        properties(&core, &mut document);
    }
    Ok(document)
}

/// Where the walker is inside elements whose text is not read.
#[derive(Default)]
struct Skipping {
    /// Inside a deletion, a field code or a second branch: how deep.
    depth: usize,
    /// Inside a field's code, between `begin` and `separate`, by nesting.
    fields: Vec<bool>,
}

/// The non-empty paragraphs of a WordprocessingML part, as text.
fn paragraphs(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    // Paragraphs open: a text box's paragraphs stand inside a paragraph of the body.
    let mut open: Vec<String> = Vec::new();
    let mut skip = Skipping::default();
    let mut preserve = false;
    let mut in_text = false;
    // The text of the `w:t` being read: its ends are trimmed unless it preserves its spaces.
    let mut run_text = String::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(tag) => {
                let name = tag.name();
                let name = name.as_ref();
                if skip.depth > 0 || skipped(name) {
                    skip.depth += 1;
                    continue;
                }
                match name {
                    b"w:t" => {
                        in_text = !skip.fields.last().copied().unwrap_or(false);
                        preserve = is_preserved(&tag);
                    }
                    b"w:p" => open.push(String::new()),
                    _ => {}
                }
            }
            Event::Empty(tag) => {
                if skip.depth > 0 || skip.fields.last().copied().unwrap_or(false) {
                    if tag.name().as_ref() == b"w:fldChar" {
                        field_char(&tag, &mut skip);
                    }
                    continue;
                }
                let Some(paragraph) = open.last_mut() else {
                    continue;
                };
                match tag.name().as_ref() {
                    b"w:tab" => paragraph.push('\t'),
                    b"w:br" | b"w:cr" => paragraph.push('\n'),
                    b"w:noBreakHyphen" => paragraph.push('-'),
                    b"w:fldChar" => field_char(&tag, &mut skip),
                    _ => {}
                }
            }
            Event::Text(text) if in_text && skip.depth == 0 => {
                run_text.push_str(&text.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(reference) if in_text && skip.depth == 0 => {
                run_text.push_str(&resolve(&reference)?);
            }
            Event::End(tag) => {
                if skip.depth > 0 {
                    skip.depth -= 1;
                    continue;
                }
                match tag.name().as_ref() {
                    b"w:t" => {
                        in_text = false;
                        let text = std::mem::take(&mut run_text);
                        if let Some(paragraph) = open.last_mut() {
                            match preserve {
                                true => paragraph.push_str(&text),
                                false => paragraph.push_str(text.trim_matches(is_xml_space)),
                            }
                        }
                    }
                    b"w:p" => {
                        let paragraph = open.pop().unwrap_or_default();
                        let text = paragraph.trim_matches(is_xml_space);
                        if !text.is_empty() {
                            out.push(text.to_owned());
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Elements whose text is not read: deletions and moves away (as if accepted), field codes,
/// the fallback branch of an alternate content, and the properties of runs and paragraphs.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:del"
            | b"w:moveFrom"
            | b"w:delText"
            | b"w:instrText"
            | b"mc:Fallback"
            | b"w:rPr"
            | b"w:pPr"
    )
}

/// Follows a field character: its code (between `begin` and `separate`) is skipped.
fn field_char(tag: &BytesStart, skip: &mut Skipping) {
    let kind = tag
        .try_get_attribute("w:fldCharType")
        .ok()
        .flatten()
        .map(|a| a.value.into_owned());
    match kind.as_deref() {
        Some(b"begin") => skip.fields.push(true),
        Some(b"separate") => {
            if let Some(code) = skip.fields.last_mut() {
                *code = false;
            }
        }
        Some(b"end") => {
            skip.fields.pop();
        }
        _ => {}
    }
}

fn is_preserved(tag: &BytesStart) -> bool {
    tag.try_get_attribute("xml:space")
        .ok()
        .flatten()
        .is_some_and(|a| a.value.as_ref() == b"preserve")
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn resolve(reference: &quick_xml::events::BytesRef) -> Result<String, String> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity `&{name};`"))
}

/// The title, author and creation date of `docProps/core.xml`.
fn properties(xml: &str, document: &mut Document) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut field: Option<Vec<u8>> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(tag) => field = Some(tag.name().as_ref().to_vec()),
            Event::Text(text) => {
                let Ok(text) = text.decode() else { continue };
                let text = text.trim().to_owned();
                let slot = match field.as_deref() {
                    Some(b"dc:title") => &mut document.title,
                    Some(b"dc:creator") => &mut document.author,
                    Some(b"dcterms:created") => &mut document.created,
                    _ => continue,
                };
                if !text.is_empty() {
                    *slot = Some(text);
                }
            }
            Event::End(_) => field = None,
            Event::Eof => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>{inner}</w:body></w:document>"#)
    }

    #[test]
    fn runs_keep_their_spaces_and_tabs_breaks_and_hyphens_are_read() {
        let xml = body(
            r#"<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:t xml:space="preserve"> word</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>non</w:t><w:noBreakHyphen/><w:t>stop</w:t><w:t>bro</w:t><w:softHyphen/><w:t>ken &amp; done</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            paragraphs(&xml).unwrap(),
            vec!["The bold word\tx\nnon-stopbroken & done"]
        );
    }

    #[test]
    fn tracked_deletions_field_codes_and_fallbacks_are_left_out() {
        let xml = body(
            r#"<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r><w:del><w:r><w:delText>gone </w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve">added </w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>In the box</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>In the box</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> and after.</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            paragraphs(&xml).unwrap(),
            vec![
                "Kept added 7".to_owned(),
                "In the box".to_owned(),
                "Before  and after.".to_owned()
            ]
        );
    }

    #[test]
    fn tables_are_read_cell_by_cell() {
        let xml = body(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b1</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>a2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(paragraphs(&xml).unwrap(), vec!["a1", "b1", "a2"]);
    }
}
