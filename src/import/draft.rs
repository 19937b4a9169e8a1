//! The outline an import writes: the answer's paragraphs (split at its blank lines, its
//! Markdown headings made sections), each with the citations anchored in it.
//!
//! Every value is a YAML double-quoted string with every character a reader cannot see
//! escaped, so the outline holds the model's words and quotes exactly, and nothing in them can
//! end the string or add a key. Comments carry what a person must look at, made visible the
//! same way, so no text can break out of one.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::files::yaml::double_quoted as quoted;

use super::documents::{Folder, Resolved};
use super::{
    Answer, Cite, DocumentRef, ImportConfig, Imported, Location, Note, NoteKind, Provider,
};
use crate::error::Error;
use crate::outline::shape::MAX_TEXT_BYTES;

/// A heading or a paragraph of the answer, by its byte range.
#[derive(Debug)]
enum Item {
    Heading(usize, String),
    Paragraph(std::ops::Range<usize>),
}

#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    comments: Vec<String>,
    cites: Vec<Quote>,
    /// Each comment and quote it has, so none is written twice.
    seen: HashSet<String>,
    /// Its text shortened for messages, once made.
    shown: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
struct Quote {
    source: String,
    quote: String,
    page: Option<i64>,
    comments: Vec<String>,
}

#[derive(Debug)]
struct Section {
    heading: String,
    paragraphs: Vec<Paragraph>,
}

/// The outline of `answer`, its documents told by `folder`.
pub(super) fn write(
    mut answer: Answer,
    folder: &mut Folder,
    config: &ImportConfig,
) -> Result<Imported, Error> {
    let items = items(&answer.text);
    let mut notes = std::mem::take(&mut answer.notes);
    let mut resolved: HashMap<DocumentRef, Resolved> = HashMap::new();
    let starts: Vec<usize> = (items.iter())
        .filter_map(|item| match item {
            Item::Paragraph(range) => Some(range.start),
            Item::Heading(..) => None,
        })
        .collect();
    let mut paragraphs: Vec<Paragraph> = (items.iter())
        .filter_map(|item| match item {
            Item::Paragraph(range) => Some(Paragraph {
                text: answer.text[range.clone()].to_owned(),
                ..Paragraph::default()
            }),
            Item::Heading(..) => None,
        })
        .collect();
    for (at, cite) in &answer.cites {
        let index = starts.partition_point(|s| s <= at).saturating_sub(1);
        let Some(paragraph) = paragraphs.get_mut(index) else {
            continue;
        };
        let document = match cite {
            Cite::Quote { document, .. } | Cite::Claim { document } => document,
        };
        let resolution = match resolved.get(document) {
            Some(known) => known.clone(),
            None => {
                let r = folder.resolve(document);
                notes.extend(said_of(document, &r, folder));
                resolved.insert(document.clone(), r.clone());
                r
            }
        };
        match cite {
            Cite::Quote {
                quote,
                location,
                document,
            } => {
                let quote = quote_of(quote, document, &resolution, *location, folder, &mut notes);
                if let Some(quote) = quote {
                    let key = format!("{}\n{}\n{:?}", quote.source, quote.quote, quote.page);
                    if paragraph.seen.insert(key) {
                        paragraph.cites.push(quote);
                    }
                }
            }
            Cite::Claim { document } => claim(paragraph, document, &resolution, &mut notes),
        }
    }
    let (title, sections) = sections(&items, paragraphs, config, &answer);
    refuse_long_texts(&title, &sections, config)?;
    let quotes = sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.cites.len())
        .sum();
    let count = sections.iter().map(|s| s.paragraphs.len()).sum();
    let yaml = yaml(&title, &sections, config, &answer, folder);
    // What is written must read back as an outline: a failure here is a bug, not the input's.
    crate::outline::OutlineFile::parse(&config.outline, yaml.clone())?;
    for map in folder.unused_maps() {
        notes.push(Note {
            kind: NoteKind::Unmapped,
            message: format!(
                "`--map {}` named no document the answer cites",
                crate::text::visible::visible(&map)
            ),
        });
    }
    if answer.cites.is_empty() && config.provider == Provider::Anthropic {
        notes.push(Note {
            kind: NoteKind::NeedsQuote,
            message: "the answer cites nothing: ask with citations on (`report import request` \
                      writes such a request), or add the quotes yourself"
                .into(),
        });
    }
    notes.sort_by_key(|n| n.kind);
    Ok(Imported {
        yaml,
        notes,
        paragraphs: count,
        quotes,
    })
}

/// Refuses an answer with a paragraph, heading or title longer than an outline's may be.
fn refuse_long_texts(
    title: &str,
    sections: &[Section],
    config: &ImportConfig,
) -> Result<(), Error> {
    let texts = (sections.iter())
        .flat_map(|s| {
            s.paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .chain([s.heading.as_str()])
        })
        .chain([title]);
    match texts.map(str::len).max() {
        Some(longest) if longest > MAX_TEXT_BYTES => Err(Error::Import {
            path: config.response.clone(),
            at: crate::text::position::LineCol { line: 1, column: 1 },
            message: format!(
                "the answer has a paragraph of {} KiB; an outline's paragraphs are at most {} KiB",
                longest.div_ceil(1024),
                MAX_TEXT_BYTES >> 10
            ),
            help: "ask for an answer in shorter paragraphs (a blank line between them)".into(),
        }),
        _ => Ok(()),
    }
}

/// A citation's quote, with its page and the comments it needs; `None` for one that cannot
/// be a quote (empty, or longer than an outline's quotes may be).
fn quote_of(
    quote: &str,
    document: &DocumentRef,
    resolution: &Resolved,
    location: Location,
    folder: &mut Folder,
    notes: &mut Vec<Note>,
) -> Option<Quote> {
    let words = quote.trim();
    let described = document.describe();
    // A quote of marks alone (`.`) says nothing a check could vouch for.
    let wordless = !words.chars().any(char::is_alphanumeric);
    if wordless || words.len() > MAX_TEXT_BYTES {
        notes.push(Note {
            kind: NoteKind::Incomplete,
            message: format!(
                "a citation of {described} was left out: its cited text is {}",
                match wordless {
                    true => format!("{} (no words)", super::shown(words)),
                    false => format!("longer than {} KiB", MAX_TEXT_BYTES >> 10),
                }
            ),
        });
        return None;
    }
    let mut comments = Vec::new();
    let id = resolution.id.as_deref();
    if let Some(wrong) = folder.misplaced(document.index, id, location, quote) {
        comments.push(format!("offsets: {wrong}"));
        notes.push(Note {
            kind: NoteKind::Offsets,
            message: format!("a citation of {described}: {wrong}"),
        });
    }
    let mut page = None;
    if let (Location::Pages(start, end), Some(id)) = (location, id) {
        let pages = match end > start.saturating_add(1) {
            true => format!("pages {start}–{}", end - 1),
            false => format!("page {start}"),
        };
        let why = match folder.pages(id) {
            None => Some(format!(
                "`{id}` has no pages (a source made by `report sources add` from a PDF has them)"
            )),
            Some(count) if start == 0 || start > count => {
                Some(format!("`{id}` has {count} pages, counted from 1"))
            }
            // A span of pages: the check finds which the quote stands on.
            Some(_) if end > start.saturating_add(1) => {
                comments.push(format!(
                    "the model cites {pages}: the page is left for the check to find"
                ));
                None
            }
            Some(_) => {
                page = folder.printed_page(id, start);
                None
            }
        };
        if let Some(why) = why {
            let message =
                format!("the model cites {pages} of {described}, but {why}: the page is left out");
            comments.push(message.clone());
            notes.push(Note {
                kind: NoteKind::Pages,
                message,
            });
        }
    }
    let source = match id {
        Some(id) => id.to_owned(),
        None => {
            comments.push(format!("{described}: {}", resolution.how));
            placeholder(document, folder)
        }
    };
    Some(Quote {
        source,
        quote: words.to_owned(),
        page,
        comments,
    })
}

/// A claim tied to `document`: the paragraph needs a quotation from it.
fn claim(
    paragraph: &mut Paragraph,
    document: &DocumentRef,
    resolution: &Resolved,
    notes: &mut Vec<Note>,
) {
    let source = match &resolution.id {
        Some(id) => format!(", source `{id}`"),
        None => String::new(),
    };
    let comment = format!(
        "needs a quotation: the model cites {}{source}",
        document.describe()
    );
    if !paragraph.seen.insert(comment.clone()) {
        return;
    }
    notes.push(Note {
        kind: NoteKind::NeedsQuote,
        message: format!(
            "{} {comment}",
            (paragraph.shown).get_or_insert_with(|| super::shown(&paragraph.text))
        ),
    });
    paragraph.comments.push(comment);
}

/// What a person must know of how `document` was told a source: that it is none, that the
/// response and the request disagree on it, or that the model read another text than the file.
fn said_of(document: &DocumentRef, r: &Resolved, folder: &Folder) -> Vec<Note> {
    let mut notes = Vec::new();
    if r.id.is_none() {
        notes.push(unmapped(document, r, folder));
    }
    if let Some(doubt) = &r.doubt {
        notes.push(Note {
            kind: NoteKind::DocumentDiffers,
            message: format!(
                "{}: {doubt}; check the source its quotes are given, or name it with `--map`",
                document.describe()
            ),
        });
    }
    if let (Some(id), true) = (&r.id, r.differs) {
        notes.push(Note {
            kind: NoteKind::TextDiffers,
            message: format!(
                "{} is `{id}` by {}, but the request gave the model another text than the \
                 file's (it changed since, or it is another extraction): the check judges each \
                 quote against the file",
                document.describe(),
                r.how
            ),
        });
    }
    notes
}

fn unmapped(document: &DocumentRef, resolution: &Resolved, folder: &Folder) -> Note {
    let map = crate::error::shell_quoted(&format!(
        "{}=ID",
        document.keys().first().map_or("KEY", String::as_str)
    ));
    let map = crate::text::visible::visible(&map).into_owned();
    let message = match resolution.ambiguous {
        true => format!(
            "{} is no one source: {}; name the one it is with `--map {map}`",
            document.describe(),
            resolution.how,
        ),
        false => format!(
            "{} is no source of `{}`: {}; add it with `report sources add`, or name its source \
             with `--map {map}`",
            document.describe(),
            folder.path.display(),
            resolution.how,
        ),
    };
    Note {
        kind: NoteKind::Unmapped,
        message,
    }
}

/// An id for a document that is no source, from its title, and never a source's id: the
/// check reports it unknown.
fn placeholder(document: &DocumentRef, folder: &Folder) -> String {
    let title = document
        .title
        .as_deref()
        .or(document.file_name.as_deref())
        .unwrap_or("");
    let slug: String = super::documents::slug(title).chars().take(60).collect();
    let id = match (slug.trim_end_matches('-'), document.index) {
        ("", Some(i)) => format!("document-{i}"),
        ("", None) => "unknown-document".into(),
        (slug, _) => slug.to_owned(),
    };
    let mut free = id.clone();
    for n in 1.. {
        if !folder.has(&free) {
            break;
        }
        free = match n {
            1 => format!("{id}-not-in-sources"),
            n => format!("{id}-not-in-sources-{n}"),
        };
    }
    free
}

/// The answer's headings and paragraphs: a paragraph ends at a blank line or a heading.
fn items(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut open: Option<std::ops::Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let heading = heading(trimmed);
        if trimmed.is_empty() || heading.is_some() {
            items.extend(open.take().map(Item::Paragraph));
            if let Some((level, words)) = heading {
                items.push(Item::Heading(level, words));
            }
            continue;
        }
        let end = start + line.trim_end().len();
        let begin = start + (line.len() - line.trim_start().len());
        match &mut open {
            Some(range) => range.end = end,
            None => open = Some(begin..end),
        }
    }
    items.extend(open.map(Item::Paragraph));
    items
}

/// A Markdown heading line's level and words.
pub(super) fn heading(line: &str) -> Option<(usize, String)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let words = rest.trim().trim_end_matches('#').trim();
    (!words.is_empty()).then(|| (level, words.to_owned()))
}

/// The title and the sections: a first heading of level 1 is the title, unless one is given;
/// every other heading starts a section.
fn sections(
    items: &[Item],
    paragraphs: Vec<Paragraph>,
    config: &ImportConfig,
    answer: &Answer,
) -> (String, Vec<Section>) {
    let mut items = items.iter().peekable();
    let mut title = config.title.clone();
    // The answer's own title, unless one is given: then it is a section's heading.
    if let (Some(Item::Heading(1, words)), None) = (items.peek(), &title) {
        title = Some(words.clone());
        items.next();
    }
    let title = title.unwrap_or_else(|| match &answer.model {
        Some(model) => format!("Draft by {model}"),
        None => "Imported draft".into(),
    });
    let mut paragraphs = paragraphs.into_iter();
    let mut sections: Vec<Section> = Vec::new();
    for item in items {
        match item {
            Item::Heading(_, words) => sections.push(Section {
                heading: words.clone(),
                paragraphs: Vec::new(),
            }),
            Item::Paragraph(_) => {
                if sections.is_empty() {
                    sections.push(Section {
                        heading: "Draft".into(),
                        paragraphs: Vec::new(),
                    });
                }
                let last = sections.last_mut().expect("a section");
                last.paragraphs.extend(paragraphs.next());
            }
        }
    }
    (title, sections)
}

/// The outline as YAML.
fn yaml(
    title: &str,
    sections: &[Section],
    config: &ImportConfig,
    answer: &Answer,
    folder: &Folder,
) -> String {
    let mut out = String::new();
    let from = match config.response.as_os_str() == "-" {
        true => "standard input".to_owned(),
        false => crate::text::visible::visible(&config.response.to_string_lossy()).into_owned(),
    };
    let model = (answer.model.as_deref())
        .map(|m| format!(" (model {})", crate::text::visible::visible(m)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "# Imported with `report import {}` from {from}{model}.",
        config.provider.name()
    );
    out.push_str(
        "# Nothing in it is trusted: `report check` verifies every quote against its source.\n",
    );
    let _ = writeln!(out, "title: {}", quoted(title));
    let folder_name = super::relative(
        &folder.path,
        crate::files::containment::folder_of(&config.outline),
    );
    let _ = writeln!(out, "sources: {}", quoted(&folder_name.to_string_lossy()));
    out.push_str(
        "# An API's cited text is verbatim: no ellipsis or bracket may stand for the source's \
         words.\nquoting: strict\n",
    );
    if config.provider != Provider::Anthropic || answer.cites.is_empty() {
        out.push_str("# The API quotes nothing: every paragraph must cite a quotation before this renders.\n");
        out.push_str("deny: [uncited]\n");
    }
    out.push_str(match sections.is_empty() {
        true => "sections: []\n",
        false => "sections:\n",
    });
    for section in sections {
        let _ = writeln!(out, "  - heading: {}", quoted(&section.heading));
        if section.paragraphs.is_empty() {
            continue;
        }
        out.push_str("    paragraphs:\n");
        for paragraph in &section.paragraphs {
            for comment in capped(&paragraph.comments) {
                let _ = writeln!(out, "      # {comment}");
            }
            let _ = writeln!(out, "      - text: {}", quoted(&paragraph.text));
            if paragraph.cites.is_empty() {
                continue;
            }
            out.push_str("        cite:\n");
            for cite in &paragraph.cites {
                for comment in capped(&cite.comments) {
                    let _ = writeln!(out, "          # {comment}");
                }
                let _ = writeln!(out, "          - source: {}", quoted(&cite.source));
                let _ = writeln!(out, "            quote: {}", quoted(&cite.quote));
                if let Some(page) = cite.page {
                    let _ = writeln!(out, "            page: {page}");
                }
            }
        }
    }
    out
}

/// The most comment lines written in a row: the YAML reader looks ahead past at most 32.
const MOST_COMMENTS: usize = 12;

/// `comments` as comment lines: each one line, every hidden character escaped, at most
/// [`MOST_COMMENTS`] of them, the rest counted in the last.
fn capped(comments: &[String]) -> Vec<String> {
    let visible = |c: &String| crate::text::visible::visible(c).into_owned();
    if comments.len() <= MOST_COMMENTS {
        return comments.iter().map(visible).collect();
    }
    let mut lines: Vec<String> = comments[..MOST_COMMENTS - 1].iter().map(visible).collect();
    let more = comments.len() - lines.len();
    lines.push(format!(
        "... and {more} more: `report import` listed them all as it ran"
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(serde::Deserialize)]
    struct One {
        v: String,
    }

    fn read_back(text: &str) -> String {
        let yaml = format!("v: {}\n", quoted(text));
        let one: One = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
        one.v
    }

    #[test]
    fn hostile_text_reads_back_as_itself() {
        for text in [
            "plain",
            "\"quoted\" and \\backslash\\",
            "line\nbreak\r\nand\ttab",
            "key: value\n- list\n# comment",
            "\u{202E}reversed\u{200B}hidden\u{FEFF}\u{0}\u{7F}\u{85}\u{2028}\u{A0}",
            "\u{E0041} tag and 😀 and \u{FFFF}",
            "{{ template }} <script> ${x}",
            "",
            " leading and trailing ",
        ] {
            assert_eq!(read_back(text), text);
        }
    }

    proptest! {
        #[test]
        fn any_text_reads_back_as_itself(text in any::<String>()) {
            prop_assert_eq!(read_back(&text), text);
        }
    }

    #[test]
    fn paragraphs_end_at_blank_lines_and_headings() {
        let text = "# Title\nIntro line one\nline two\n\n## Part\n\nBody.\n### Sub ###\nLast.";
        let items = items(text);
        let shown: Vec<String> = (items.iter())
            .map(|i| match i {
                Item::Heading(level, words) => format!("h{level}:{words}"),
                Item::Paragraph(range) => format!("p:{}", &text[range.clone()]),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "h1:Title",
                "p:Intro line one\nline two",
                "h2:Part",
                "p:Body.",
                "h3:Sub",
                "p:Last."
            ]
        );
        assert!(heading("#hashtag").is_none());
        assert!(heading("####### seven").is_none());
    }

    #[test]
    fn a_placeholder_id_is_a_plain_slug_and_never_a_source_s() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("etc-passwd.txt"), "x").unwrap();
        let folder = Folder::open(dir.path(), dir.path(), &[], Vec::new());
        let folder = folder.unwrap();
        let named = |title: &str, index| DocumentRef {
            title: Some(title.into()),
            index,
            ..DocumentRef::default()
        };
        let id = |title, index| placeholder(&named(title, index), &folder);
        assert_eq!(
            id("The Annual Report (2024)", None),
            "the-annual-report-2024"
        );
        assert_eq!(id("../../etc/passwd", Some(2)), "etc-passwd-not-in-sources");
        assert_eq!(id("Доклад", Some(3)), "document-3");
    }
}
