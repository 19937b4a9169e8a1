//! Word sources (`.docx`): the text of a WordprocessingML document, by a small walker over its
//! zip archive and XML (`zip`, `quick-xml`), since the published docx crates drop the spaces
//! between runs or panic on real files.
//!
//! What is read, and how:
//! - the document, its styles and its notes that the package's relationships name, as Word
//!   opens them (`word/document.xml` and the rest where it has none);
//! - `w:t` as written when `xml:space="preserve"`, else without the whitespace at its ends;
//!   `w:tab` is a tab, `w:br` and `w:cr` a line break, `w:noBreakHyphen` a hyphen,
//!   `w:softHyphen` nothing (it prints only where a line breaks);
//! - tracked changes as they would be accepted: deletions (`w:del`, `w:delText`, `w:moveFrom`)
//!   left out, insertions kept;
//! - one branch of `mc:AlternateContent`, as Word shows it: the first `mc:Choice` whose
//!   namespaces it knows, else the `mc:Fallback`, so a text box is read once;
//! - field codes (`w:instrText`, and what stands between a field's `begin` and `separate`)
//!   skipped, their results kept;
//! - each paragraph (`w:p`) a block, tables cell by cell in reading order;
//! - hidden text (`w:vanish`, `w:specVanish`) and struck-through text (`w:strike`,
//!   `w:dstrike`) left out, whether the run sets it, or its character style, its table's
//!   or its paragraph's style (the default one if it names none, or one that is not there),
//!   a style any of them is based on, or the document's defaults; a run's own strike turned
//!   off wins over its styles' of the same kind; a text box's runs inside a run are read as
//!   runs of their own;
//! - the footnotes and endnotes the body refers to after the body, apart from it; headers
//!   and footers left out, as page furniture.
//!
//! Each part is read to at most [`MAX_PART`] bytes, so a zip bomb stops there.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::Error;

/// The most bytes of one part of the archive read, once decompressed.
pub(crate) const MAX_PART: u64 = 64 << 20;

/// A Word document's text and what it says of itself.
#[derive(Debug, Default)]
pub(crate) struct Document {
    /// The body's paragraphs, then those of the notes it refers to.
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
            return Err(unreadable(format!(
                "{name} is larger than {} MiB once decompressed",
                MAX_PART >> 20
            )));
        }
        String::from_utf8(xml)
            .map(Some)
            .map_err(|_| unreadable(format!("{name} is not UTF-8")))
    };
    // The parts Word reads are those the relationships name, whatever else the archive holds;
    // an archive without them is read by the usual names.
    let package = part("_rels/.rels")?;
    let main = (package.as_deref())
        .map(|rels| related(rels, "", "/officeDocument"))
        .transpose()
        .map_err(|e| unreadable(format!("_rels/.rels: {e}")))?
        .flatten()
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let folder = match folder {
        "" => String::new(),
        folder => format!("{folder}/"),
    };
    let rels_name = format!("{folder}_rels/{file}.rels");
    let rels = part(&rels_name)?;
    let named = |kind: &str, usual: &str| -> Result<Option<String>, Error> {
        match &rels {
            Some(rels) => {
                related(rels, &folder, kind).map_err(|e| unreadable(format!("{rels_name}: {e}")))
            }
            None => Ok(Some(format!("{folder}{usual}"))),
        }
    };
    let styles_name = named("/styles", "styles.xml")?;
    // The parts read after the body, in order: the notes it refers to.
    let notes_names = [
        named("/footnotes", "footnotes.xml")?,
        named("/endnotes", "endnotes.xml")?,
    ];
    let body =
        part(&main)?.ok_or_else(|| unreadable(format!("it has no {main}: not a Word document")))?;
    let styles = match styles_name {
        Some(name) => match part(&name)? {
            Some(xml) => styles(&xml).map_err(|e| unreadable(format!("{name}: {e}")))?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let body_read =
        paragraphs(&body, &styles, None).map_err(|e| unreadable(format!("{main}: {e}")))?;
    let mut document = Document {
        paragraphs: body_read.paragraphs,
        ..Document::default()
    };
    document.body = document.paragraphs.len();
    for name in notes_names.iter().flatten().filter(|n| names.contains(n)) {
        if let Some(xml) = part(name)? {
            let notes = paragraphs(&xml, &styles, Some(&body_read.notes))
                .map_err(|e| unreadable(format!("{name}: {e}")))?;
            document.paragraphs.extend(notes.paragraphs);
        }
    }
    if let Some(core) = part("docProps/core.xml")? {
        properties(&core, &mut document);
    }
    Ok(document)
}

/// The part the first relationship of `rels` (a `.rels` part of the part in `folder`) whose
/// type ends with `kind` names, as a name in the archive; external targets are not parts.
fn related(rels: &str, folder: &str, kind: &str) -> Result<Option<String>, String> {
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Empty(tag) | Event::Start(tag)
                if tag.local_name().as_ref() == b"Relationship"
                    && attribute(&tag, "Type").is_some_and(|t| t.ends_with(kind))
                    && attribute(&tag, "TargetMode").is_none_or(|m| m != "External") =>
            {
                let Some(target) = attribute(&tag, "Target") else {
                    continue;
                };
                let whole = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("{folder}{target}"),
                };
                // `..` and `.` as a path reads them.
                let mut parts: Vec<&str> = Vec::new();
                for step in whole.split('/') {
                    match step {
                        "" | "." => {}
                        ".." => {
                            parts.pop();
                        }
                        step => parts.push(step),
                    }
                }
                return Ok(Some(parts.join("/")));
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// The namespaces `root` declares, by prefix.
fn declared(root: &BytesStart) -> HashMap<String, String> {
    (root.attributes().flatten())
        .filter_map(|a| {
            let key = std::str::from_utf8(a.key.as_ref()).ok()?;
            let prefix = key.strip_prefix("xmlns:")?;
            Some((
                prefix.to_owned(),
                String::from_utf8_lossy(&a.value).into_owned(),
            ))
        })
        .collect()
}

/// The namespaces of the markup Word (2010 and later) reads in an alternate content's
/// choice: shapes, groups, canvases and ink, its own later markup, drawing and VML.
const UNDERSTOOD: &[&str] = &[
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "http://schemas.microsoft.com/office/word/2010/wordml",
    "http://schemas.microsoft.com/office/word/2012/wordml",
    "http://schemas.microsoft.com/office/word/2015/wordml/symex",
    "http://schemas.microsoft.com/office/word/2016/wordml/cid",
    "http://schemas.microsoft.com/office/word/2018/wordml",
    "http://schemas.microsoft.com/office/word/2018/wordml/cex",
    "http://schemas.microsoft.com/office/drawing/2010/main",
    "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "http://schemas.microsoft.com/office/drawing/2016/ink",
    "http://schemas.microsoft.com/office/drawing/2017/model3d",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
];

/// Whether every prefix `requires` names (space-separated) is declared for a namespace
/// Word understands ([`UNDERSTOOD`]).
fn understood(requires: &str, namespaces: &HashMap<String, String>) -> bool {
    let mut prefixes = requires.split_ascii_whitespace().peekable();
    prefixes.peek().is_some()
        && prefixes.all(|p| {
            namespaces
                .get(p)
                .is_some_and(|ns| UNDERSTOOD.contains(&ns.as_str()))
        })
}

/// Where the walker is inside elements whose text is not read.
#[derive(Default)]
struct Skipping {
    /// Inside a deletion, a field code or a second branch: how deep.
    depth: usize,
    /// Inside a field's code, between `begin` and `separate`, by nesting.
    fields: Vec<bool>,
}

/// What a part holds: its visible paragraphs, and the notes it refers to.
#[derive(Debug, Default)]
struct Part {
    paragraphs: Vec<String>,
    notes: HashSet<String>,
}

/// Whether a run's text is left out by what its styles set: hidden, or struck through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Look {
    hides: bool,
    /// Single and double strike, each a property of its own.
    strikes: bool,
    dstrikes: bool,
}

impl Look {
    fn or(self, other: Look) -> Look {
        Look {
            hides: self.hides || other.hides,
            strikes: self.strikes || other.strikes,
            dstrikes: self.dstrikes || other.dstrikes,
        }
    }
}

/// The styles of `styles.xml`, as far as they leave a run's text out.
#[derive(Debug, Default)]
struct Styles {
    /// Each style's look, what it is based on followed.
    looks: HashMap<String, Look>,
    /// The paragraph style of a paragraph that names none, or one that is not there.
    default_paragraph: Option<String>,
    /// The table style of a table that names none, or one that is not there.
    default_table: Option<String>,
    /// Every style's id.
    known: HashSet<String>,
    /// The document's defaults for every run.
    defaults: Look,
}

impl Styles {
    fn look(&self, id: Option<&str>) -> Look {
        id.and_then(|id| self.looks.get(id))
            .copied()
            .unwrap_or_default()
    }

    /// The look of the paragraph style `id` names: the default one where it is not a style.
    fn paragraph_look(&self, id: Option<&str>) -> Look {
        self.look_or(id, self.default_paragraph.as_deref())
    }

    /// The look of the table style `id` names: the default one where it is not a style.
    fn table_look(&self, id: Option<&str>) -> Look {
        self.look_or(id, self.default_table.as_deref())
    }

    /// The look of the style `id` names, else of `default`.
    fn look_or(&self, id: Option<&str>, default: Option<&str>) -> Look {
        match id.filter(|id| self.known.contains(*id)) {
            Some(id) => self.look(Some(id)),
            None => self.look(default),
        }
    }
}

/// What one style sets itself: each property on, off, or left to the style it is based on.
#[derive(Debug, Default)]
struct Setting {
    based_on: Option<String>,
    hides: Option<bool>,
    strikes: Option<bool>,
    dstrikes: Option<bool>,
}

/// The most styles followed from one to the one it is based on: Word allows no cycle, and a
/// file that has one is followed this far.
const DEEPEST_STYLE: usize = 32;

/// Reads `styles.xml`: which styles hide their text (`w:vanish`, `w:specVanish`) or strike it
/// through (`w:strike`, `w:dstrike`), through what each is based on (`w:basedOn`), the
/// default paragraph style, and the document's defaults (`w:rPrDefault`); an error if it
/// cannot be read (hidden text must never be taken for shown).
fn styles(xml: &str) -> Result<Styles, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut settings: HashMap<String, Setting> = HashMap::new();
    let mut read = Styles::default();
    // The style being read, or the defaults (`None` while inside `w:rPrDefault`).
    let mut style: Option<String> = None;
    let mut in_defaults = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(tag) if tag.name().as_ref() == b"w:style" => {
                style = attribute(&tag, "w:styleId");
                read.known.extend(style.clone());
                // A style that names no type is a paragraph style.
                let paragraph = matches!(
                    attribute(&tag, "w:type").as_deref(),
                    None | Some("paragraph")
                );
                let default = matches!(
                    attribute(&tag, "w:default").as_deref(),
                    Some("1" | "true" | "on")
                );
                if paragraph && default && read.default_paragraph.is_none() {
                    read.default_paragraph = style.clone();
                }
                let table = attribute(&tag, "w:type").as_deref() == Some("table");
                if table && default && read.default_table.is_none() {
                    read.default_table = style.clone();
                }
            }
            Event::Start(tag) if tag.name().as_ref() == b"w:rPrDefault" => in_defaults = true,
            Event::End(tag) if tag.name().as_ref() == b"w:rPrDefault" => in_defaults = false,
            // A property is read alike written empty or with an end tag.
            Event::Empty(tag) | Event::Start(tag) => {
                let name = tag.name();
                let on = leaves_out(&tag);
                if in_defaults {
                    match name.as_ref() {
                        b"w:strike" => read.defaults.strikes |= on,
                        b"w:dstrike" => read.defaults.dstrikes |= on,
                        _ => read.defaults.hides |= on,
                    }
                    continue;
                }
                let Some(id) = &style else {
                    continue;
                };
                let setting = settings.entry(id.clone()).or_default();
                match name.as_ref() {
                    b"w:basedOn" => setting.based_on = attribute(&tag, "w:val"),
                    b"w:strike" => setting.strikes = Some(setting.strikes.unwrap_or(false) || on),
                    b"w:dstrike" => {
                        setting.dstrikes = Some(setting.dstrikes.unwrap_or(false) || on)
                    }
                    b"w:vanish" | b"w:specVanish" => {
                        setting.hides = Some(setting.hides.unwrap_or(false) || on)
                    }
                    _ => {}
                }
            }
            Event::End(tag) if tag.name().as_ref() == b"w:style" => style = None,
            Event::Eof => break,
            _ => {}
        }
    }
    for id in settings.keys() {
        // Each property from the nearest style in the chain that sets it.
        let (mut hides, mut strikes, mut dstrikes) = (None, None, None);
        let mut at = settings.get(id);
        for _ in 0..DEEPEST_STYLE {
            let Some(setting) = at else {
                break;
            };
            hides = hides.or(setting.hides);
            strikes = strikes.or(setting.strikes);
            dstrikes = dstrikes.or(setting.dstrikes);
            at = setting.based_on.as_ref().and_then(|b| settings.get(b));
        }
        let look = Look {
            hides: hides.unwrap_or(false),
            strikes: strikes.unwrap_or(false),
            dstrikes: dstrikes.unwrap_or(false),
        };
        if look != Look::default() {
            read.looks.insert(id.clone(), look);
        }
    }
    Ok(read)
}

/// Whether `tag` leaves its run's text out, not turned off: hidden (`w:vanish`,
/// `w:specVanish`) or struck through (`w:strike`, `w:dstrike`: a redline's or a
/// correction's withdrawn words, which a reader sees crossed out, never as the text's claim).
fn leaves_out(tag: &BytesStart) -> bool {
    matches!(
        tag.name().as_ref(),
        b"w:vanish" | b"w:specVanish" | b"w:strike" | b"w:dstrike"
    ) && !matches!(
        attribute(tag, "w:val").as_deref(),
        Some("0" | "false" | "off")
    )
}

fn attribute(tag: &BytesStart, name: &str) -> Option<String> {
    let value = tag.try_get_attribute(name).ok().flatten()?;
    Some(String::from_utf8_lossy(&value.value).into_owned())
}

/// The visible paragraphs of a WordprocessingML part, as text, and the notes it refers to;
/// with `notes`, only the footnotes and endnotes among them are read.
fn paragraphs(xml: &str, styles: &Styles, notes: Option<&HashSet<String>>) -> Result<Part, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut referred = HashSet::new();
    // The runs open: a text box's runs stand inside a run of the body, each with its own
    // properties, and the outer run's come back after it.
    let mut runs: Vec<Run> = Vec::new();
    // Paragraphs open: a text box's paragraphs stand inside a paragraph of the body. Each
    // with what its paragraph style sets, once its properties are read.
    let mut open: Vec<String> = Vec::new();
    let mut paragraph_looks: Vec<Look> = Vec::new();
    let mut in_paragraph_properties = false;
    // Tables open, each with what its table style sets (a table holds tables in its cells).
    let mut table_looks: Vec<Look> = Vec::new();
    let mut skip = Skipping::default();
    let mut preserve = false;
    let mut in_text = false;
    // The text of the `w:t` being read: its ends are trimmed unless it preserves its spaces.
    let mut run_text = String::new();
    let left_out = |runs: &[Run]| runs.last().is_some_and(Run::left_out);
    // The namespaces the part's root declares, by prefix; and for each alternate content
    // open, whether one of its branches has been read.
    let mut namespaces: Option<HashMap<String, String>> = None;
    let mut alternates: Vec<bool> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        // A property is read alike written empty (`<w:strike/>`) or with an end tag.
        if let Event::Start(tag) | Event::Empty(tag) = &event {
            let name = tag.name();
            if skip.depth == 0 && name.as_ref() == b"w:tblStyle" {
                let named = attribute(tag, "w:val");
                if let Some(look) = table_looks.last_mut() {
                    *look = styles.table_look(named.as_deref());
                }
            }
            if in_paragraph_properties && skip.depth == 1 && name.as_ref() == b"w:pStyle" {
                let named = attribute(tag, "w:val");
                if let Some(look) = paragraph_looks.last_mut() {
                    *look = styles.paragraph_look(named.as_deref());
                }
            }
            if skip.depth == 0
                && let Some(run) = runs.last_mut().filter(|r| r.in_properties)
            {
                run.read(tag, styles);
            }
        }
        match event {
            Event::Start(tag) => {
                let name = tag.name();
                let name = name.as_ref();
                let unread_note = matches!(name, b"w:footnote" | b"w:endnote")
                    && notes.is_some_and(|wanted| {
                        attribute(&tag, "w:type").is_some()
                            || !attribute(&tag, "w:id").is_some_and(|id| wanted.contains(&id))
                    });
                let properties = name == b"w:rPr" && !runs.is_empty();
                if skip.depth == 0 && name == b"w:pPr" {
                    in_paragraph_properties = true;
                }
                let namespaces = namespaces.get_or_insert_with(|| declared(&tag));
                // Of an alternate content, Word shows the first choice whose namespaces it
                // knows, else the fallback: one branch, read once.
                let unread_branch = skip.depth == 0
                    && match name {
                        b"mc:Choice" => {
                            let taken = alternates.last().copied().unwrap_or(false);
                            let known = attribute(&tag, "Requires").is_some_and(|r| {
                                understood(&r, namespaces) || understood(&r, &declared(&tag))
                            });
                            let read = !taken && known;
                            if let Some(taken) = alternates.last_mut() {
                                *taken |= read;
                            }
                            !read
                        }
                        b"mc:Fallback" => alternates.last().copied().unwrap_or(false),
                        _ => false,
                    };
                if skip.depth == 0 && name == b"mc:AlternateContent" {
                    alternates.push(false);
                }
                if skip.depth > 0 || (skipped(name) && !properties) || unread_note || unread_branch
                {
                    skip.depth += 1;
                    continue;
                }
                match name {
                    b"w:r" => {
                        let paragraph = paragraph_looks.last().copied().unwrap_or_default();
                        let table = table_looks.last().copied().unwrap_or_default();
                        runs.push(Run::new(styles.defaults.or(table).or(paragraph)));
                    }
                    b"w:tbl" => table_looks.push(styles.table_look(None)),
                    b"w:rPr" => {
                        if let Some(run) = runs.last_mut() {
                            run.in_properties = true;
                        }
                    }
                    b"w:t" => {
                        in_text = !skip.fields.last().copied().unwrap_or(false);
                        preserve = is_preserved(&tag);
                    }
                    b"w:p" => {
                        open.push(String::new());
                        let default = styles.default_paragraph.as_deref();
                        paragraph_looks.push(styles.look(default));
                    }
                    _ => {}
                }
            }
            Event::Empty(tag) => {
                if skip.depth == 0 && runs.last().is_some_and(|r| r.in_properties) {
                    continue;
                }
                if matches!(
                    tag.name().as_ref(),
                    b"w:footnoteReference" | b"w:endnoteReference"
                ) {
                    referred.extend(attribute(&tag, "w:id"));
                }
                if skip.depth > 0 || left_out(&runs) || skip.fields.last().copied().unwrap_or(false)
                {
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
                    in_paragraph_properties &= skip.depth > 0;
                    continue;
                }
                match tag.name().as_ref() {
                    b"mc:AlternateContent" => {
                        alternates.pop();
                    }
                    b"w:tbl" => {
                        table_looks.pop();
                    }
                    b"w:r" => {
                        runs.pop();
                    }
                    b"w:rPr" => {
                        if let Some(run) = runs.last_mut() {
                            run.in_properties = false;
                        }
                    }
                    b"w:t" => {
                        in_text = false;
                        let text = std::mem::take(&mut run_text);
                        if left_out(&runs) {
                            continue;
                        }
                        if let Some(paragraph) = open.last_mut() {
                            match preserve {
                                true => paragraph.push_str(&text),
                                false => paragraph.push_str(text.trim_matches(is_xml_space)),
                            }
                        }
                    }
                    b"w:p" => {
                        paragraph_looks.pop();
                        let paragraph = open.pop().unwrap_or_default();
                        let text = paragraph.trim_matches(is_xml_space);
                        if !text.is_empty() {
                            // Breaks in a row are one: a blank line inside a paragraph would
                            // be taken for the end of it when paragraphs are counted.
                            let lines: Vec<&str> =
                                text.split('\n').filter(|l| !l.is_empty()).collect();
                            out.push(lines.join("\n"));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Part {
        paragraphs: out,
        notes: referred,
    })
}

/// A run being read: what its own properties set, and what its styles do.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Inside its properties (`w:rPr`).
    in_properties: bool,
    /// Hidden by its own properties.
    hidden: bool,
    /// Its single and double strike as it sets them, on or off.
    strike: Option<bool>,
    dstrike: Option<bool>,
    /// What its styles set: the document's defaults, its paragraph's, its character style's.
    styled: Look,
}

impl Run {
    fn new(styled: Look) -> Run {
        Run {
            in_properties: false,
            hidden: false,
            strike: None,
            dstrike: None,
            styled,
        }
    }

    /// Reads one of its properties, `tag`.
    fn read(&mut self, tag: &BytesStart, styles: &Styles) {
        let on = leaves_out(tag);
        match tag.name().as_ref() {
            b"w:strike" => self.strike = Some(self.strike.unwrap_or(false) || on),
            b"w:dstrike" => self.dstrike = Some(self.dstrike.unwrap_or(false) || on),
            b"w:vanish" | b"w:specVanish" => self.hidden |= on,
            b"w:rStyle" => {
                let named = attribute(tag, "w:val");
                self.styled = self.styled.or(styles.look(named.as_deref()));
            }
            _ => {}
        }
    }

    /// Whether its text is left out: hidden by it or a style, or struck through, its own
    /// strike (on or off) winning over its styles' of the same kind.
    fn left_out(&self) -> bool {
        self.hidden
            || self.styled.hides
            || self.strike.unwrap_or(self.styled.strikes)
            || self.dstrike.unwrap_or(self.styled.dstrikes)
    }
}

/// Elements whose text is not read: deletions and moves away (as if accepted), field codes,
/// and the properties of runs and paragraphs;
/// nor are the properties a tracked change of formatting replaced (`w:rPrChange`).
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:del"
            | b"w:moveFrom"
            | b"w:delText"
            | b"w:instrText"
            | b"w:rPr"
            | b"w:pPr"
            | b"w:rPrChange"
            | b"w:pPrChange"
            | b"w:tblPrChange"
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

/// The text an entity or character reference in XML stands for.
pub(crate) fn resolve(reference: &quick_xml::events::BytesRef) -> Result<String, String> {
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
    fn of_an_alternate_content_the_branch_word_shows_is_read() {
        let branch = |tag: &str, text: &str| {
            format!(
                r#"<{tag}><w:p><w:r><w:t>{text}</w:t></w:r></w:p></{}>"#,
                tag.split(' ').next().unwrap()
            )
        };
        let xml = format!(
            r#"<w:document xmlns:w="w" xmlns:mc="mc" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:zz="urn:unknown"><w:body><w:p><w:r><mc:AlternateContent>{}{}</mc:AlternateContent></w:r><w:r><mc:AlternateContent>{}{}{}</mc:AlternateContent></w:r></w:p></w:body></w:document>"#,
            branch(r#"mc:Choice Requires="zz""#, "Unknown choice."),
            branch("mc:Fallback", "Fallback shown."),
            branch(r#"mc:Choice Requires="wps""#, "Known choice."),
            branch(r#"mc:Choice Requires="wps""#, "Second choice."),
            branch("mc:Fallback", "Fallback unread."),
        );
        assert_eq!(
            paragraphs(&xml, &Styles::default(), None)
                .unwrap()
                .paragraphs,
            vec!["Fallback shown.", "Known choice."]
        );
    }

    #[test]
    fn runs_keep_their_spaces_and_tabs_breaks_and_hyphens_are_read() {
        let xml = body(
            r#"<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:t xml:space="preserve"> word</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>non</w:t><w:noBreakHyphen/><w:t>stop</w:t><w:t>bro</w:t><w:softHyphen/><w:t>ken &amp; done</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            paragraphs(&xml, &Styles::default(), None)
                .unwrap()
                .paragraphs,
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
            paragraphs(&xml, &Styles::default(), None)
                .unwrap()
                .paragraphs,
            vec![
                "Kept added 7".to_owned(),
                "In the box".to_owned(),
                "Before  and after.".to_owned()
            ]
        );
    }

    #[test]
    fn hidden_text_is_left_out() {
        let xml = body(
            r#"<w:p><w:r><w:t>Zulu a</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>b</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Hid"/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>c</w:t></w:r></w:p>"#,
        );
        let styles_xml = r#"<w:styles><w:style w:type="character" w:styleId="Hid"><w:rPr><w:vanish/></w:rPr></w:style><w:style w:styleId="Shown"><w:rPr><w:b/></w:rPr></w:style></w:styles>"#;
        let styles = styles(styles_xml).unwrap();
        assert_eq!(
            paragraphs(&xml, &styles, None).unwrap().paragraphs,
            vec!["Zulu ac"]
        );
    }

    #[test]
    fn what_a_style_leaves_out_is_followed_through_paragraph_styles_bases_and_defaults() {
        let styles_xml = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:sz w:val="22"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Withdrawn"><w:basedOn w:val="Normal"/><w:rPr><w:strike/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Still"><w:basedOn w:val="Withdrawn"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Back"><w:basedOn w:val="Withdrawn"/><w:rPr><w:strike w:val="0"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Quiet"><w:basedOn w:val="Secret"/></w:style>
<w:style w:type="character" w:styleId="Secret"><w:basedOn w:val="Quiet"/><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>"#;
        let styles = styles(styles_xml).unwrap();
        let xml = body(
            r#"<w:p><w:pPr><w:pStyle w:val="Still"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Struck by its base.</w:t></w:r><w:r><w:rPr><w:strike w:val="0"/></w:rPr><w:t>Restored.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Back"/></w:pPr><w:r><w:t>Turned back.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Quiet"/></w:rPr><w:t xml:space="preserve"> Hidden in a cycle.</w:t></w:r></w:p><w:p><w:r><w:t>Normal.</w:t></w:r><w:r><w:rPr><w:rPrChange w:id="1" w:author="A"><w:rPr><w:strike/></w:rPr></w:rPrChange></w:rPr><w:t xml:space="preserve"> Struck once.</w:t></w:r></w:p>"#,
        );
        // A tracked change's former formatting is not the run's: its words show unstruck.
        assert_eq!(
            paragraphs(&xml, &styles, None).unwrap().paragraphs,
            vec!["Restored.", "Turned back.", "Normal. Struck once."]
        );
        // Properties written with end tags; single and double strike apart; a style with no
        // type, the default, and a paragraph naming a style that is not there; a text box
        // inside a struck run, after which the run is struck still.
        let odd = r#"<w:styles><w:style w:default="1" w:styleId="Base"><w:rPr><w:dstrike></w:dstrike></w:rPr></w:style><w:style w:type="character" w:styleId="Gone"><w:rPr><w:vanish></w:vanish></w:rPr></w:style></w:styles>"#;
        let odd = super::styles(odd).unwrap();
        let xml = body(
            r#"<w:p><w:r><w:rPr><w:strike w:val="0"/></w:rPr><w:t>Double struck.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Missing"></w:pStyle></w:pPr><w:r><w:t>Missing style.</w:t></w:r><w:r><w:rPr><w:dstrike w:val="0"></w:dstrike></w:rPr><w:t>Shown.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:dstrike w:val="0"/><w:rStyle w:val="Gone"></w:rStyle></w:rPr><w:t>Hidden by end tag.</w:t></w:r><w:r><w:rPr><w:dstrike w:val="0"/></w:rPr><w:t xml:space="preserve">Kept </w:t></w:r><w:r><w:rPr><w:strike></w:strike><w:dstrike w:val="0"/></w:rPr><w:t xml:space="preserve">struck </w:t><w:pict><w:txbxContent><w:p><w:r><w:rPr><w:dstrike w:val="0"/></w:rPr><w:t>Boxed.</w:t></w:r></w:p></w:txbxContent></w:pict><w:t>again</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            paragraphs(&xml, &odd, None).unwrap().paragraphs,
            vec!["Shown.", "Boxed.", "Kept"]
        );
        // A table style strikes its cells' runs; the default table style a table naming none.
        let tables = r#"<w:styles><w:style w:type="table" w:default="1" w:styleId="Grid"/><w:style w:type="table" w:styleId="Redline"><w:rPr><w:strike/></w:rPr></w:style></w:styles>"#;
        let xml = body(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="Redline"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>Struck cell.</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Plain cell.</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>After.</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            paragraphs(&xml, &super::styles(tables).unwrap(), None)
                .unwrap()
                .paragraphs,
            vec!["Plain cell.", "After."]
        );
        let all_struck = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:dstrike/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Plain"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#;
        let xml = body(r#"<w:p><w:r><w:t>Nothing shows.</w:t></w:r></w:p>"#);
        assert!(
            (paragraphs(&xml, &super::styles(all_struck).unwrap(), None)
                .unwrap()
                .paragraphs)
                .is_empty()
        );
    }

    #[test]
    fn only_the_notes_the_body_refers_to_are_read() {
        let notes = r#"<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>sep</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Referred.</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Orphan.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let body_xml = body(
            r#"<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
        );
        let read = paragraphs(&body_xml, &Styles::default(), None).unwrap();
        assert_eq!(read.notes, HashSet::from(["1".to_owned()]));
        let notes = paragraphs(notes, &Styles::default(), Some(&read.notes)).unwrap();
        assert_eq!(notes.paragraphs, vec!["Referred."]);
    }

    #[test]
    fn tables_are_read_cell_by_cell() {
        let xml = body(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b1</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>a2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(
            paragraphs(&xml, &Styles::default(), None)
                .unwrap()
                .paragraphs,
            vec!["a1", "b1", "a2"]
        );
    }
}
