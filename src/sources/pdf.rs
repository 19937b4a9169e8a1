//! PDF sources: the text of a PDF as poppler's `pdftotext` reads it, in reading order.
//!
//! `pdftotext -bbox-layout` gives each page's blocks, lines and words as printed (a word
//! hyphenated at a line end keeps its hyphen), in the reading order of its default mode, not
//! `-layout`'s columns side by side. The layout is then made into text by
//! [`crate::sources::clean`], which decides what an extraction artefact is. The PDF is copied
//! into a private temporary folder first, so that the program reads the very bytes that were
//! hashed and kept, and nothing else.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use quick_xml::events::Event;

use crate::error::Error;
use crate::files::program::{self, Ended};
use crate::sources::layout::{Block, Frame, Layout, Page, median};

/// The most bytes of pdftotext's output read: a PDF whose text is larger is refused.
const MAX_OUTPUT: u64 = 1 << 30;

/// The options pdftotext is run with, as recorded in the catalog.
pub(crate) const OPTIONS: &str = "-enc UTF-8 -bbox-layout";

/// The `pdftotext` program: `program` if given, else `pdftotext` on `PATH`.
pub(crate) fn locate(program: Option<&Path>) -> Result<PathBuf, Error> {
    let program = program.map_or_else(|| PathBuf::from("pdftotext"), Path::to_owned);
    program::locate(&program).ok_or(Error::PdftotextMissing { program })
}

/// What `pdftotext -v` says of its version: `pdftotext 22.12.0`.
pub(crate) fn version(pdftotext: &Path) -> String {
    let mut command = Command::new(pdftotext);
    command.arg("-v");
    let said = match program::run(command, Duration::from_secs(20)) {
        Ok(Ended::Exited { stdout, stderr, .. }) => {
            String::from_utf8_lossy(&[stderr, stdout].concat()).into_owned()
        }
        _ => String::new(),
    };
    let first = said.lines().next().unwrap_or_default().trim();
    match first.strip_prefix("pdftotext version ") {
        Some(version) => format!("pdftotext {version}"),
        None => "pdftotext (version unknown)".into(),
    }
}

/// The layout of the PDF `bytes` (from `shown`, named in errors), read by `pdftotext`.
/// pdftotext runs for at most `timeout`, and may write at most [`MAX_OUTPUT`] bytes.
pub(crate) fn layout(
    pdftotext: &Path,
    bytes: &[u8],
    shown: &Path,
    timeout: Duration,
) -> Result<Layout, Error> {
    let (folder, _registered) = program::scratch("report-pdf-")?;
    let input = folder.path().join("input.pdf");
    let output = folder.path().join("output.html");
    std::fs::write(&input, bytes).map_err(Error::Scratch)?;
    let mut command = Command::new(pdftotext);
    command
        .args(OPTIONS.split(' '))
        .arg(&input)
        .arg(&output)
        .current_dir(folder.path());
    program::limit_file_size(&mut command, MAX_OUTPUT);
    let run_error = |source| {
        program::failure(source, |source| Error::ExtractorRun {
            program: pdftotext.to_owned(),
            source,
        })
    };
    match program::run(command, timeout).map_err(run_error)? {
        Ended::Exited { status, .. } if status.success() => {}
        Ended::Exited { status, .. } if over_size(status) => {
            return Err(Error::SourceTooLarge {
                path: shown.to_owned(),
                limit: MAX_OUTPUT,
            });
        }
        Ended::Exited { stderr, .. } => return Err(refusal(shown, &stderr)),
        Ended::TimedOut => {
            return Err(Error::ExtractorTimeout {
                program: pdftotext.to_owned(),
                seconds: timeout.as_secs(),
            });
        }
        Ended::Interrupted => return Err(Error::Interrupted),
    }
    let size = std::fs::metadata(&output).map_err(Error::Scratch)?.len();
    if size > MAX_OUTPUT {
        return Err(Error::TooLarge {
            path: shown.to_owned(),
            limit: MAX_OUTPUT,
        });
    }
    let html = std::fs::read_to_string(&output).map_err(Error::Scratch)?;
    parse(&html).map_err(|message| Error::PdfUnreadable {
        path: shown.to_owned(),
        message: format!("pdftotext's layout could not be read: {message}"),
    })
}

/// Whether the program was stopped for writing past its file-size limit (SIGXFSZ).
fn over_size(status: std::process::ExitStatus) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.signal() == Some(libc::SIGXFSZ)
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        false
    }
}

/// The error for a PDF pdftotext could not read, from what it printed.
fn refusal(shown: &Path, stderr: &[u8]) -> Error {
    let said = String::from_utf8_lossy(stderr);
    if said.contains("password") || said.contains("ncrypt") {
        return Error::PdfEncrypted {
            path: shown.to_owned(),
        };
    }
    Error::PdfUnreadable {
        path: shown.to_owned(),
        message: program::shorten(&said, "pdftotext"),
    }
}

/// The pages, blocks, lines and words of pdftotext's `-bbox-layout` XHTML, and the document's
/// title and date from its head.
fn parse(html: &str) -> Result<Layout, String> {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut layout = Layout::default();
    let mut word: Option<String> = None;
    let mut in_title = false;
    // The heights of the current block's lines.
    let mut heights: Vec<f32> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(tag) => match tag.local_name().as_ref() {
                b"page" => layout.pages.push(Page {
                    height: number(&tag, b"height"),
                    ..Page::default()
                }),
                b"block" => {
                    heights.clear();
                    last_page(&mut layout)?.blocks.push(Block {
                        frame: Frame {
                            left: number(&tag, b"xMin"),
                            top: number(&tag, b"yMin"),
                            right: number(&tag, b"xMax"),
                            bottom: number(&tag, b"yMax"),
                        },
                        ..Block::default()
                    });
                }
                b"line" => {
                    heights.push(number(&tag, b"yMax") - number(&tag, b"yMin"));
                    last_block(&mut layout)?.lines.push(Vec::new());
                }
                b"word" => word = Some(String::new()),
                b"title" => in_title = true,
                _ => {}
            },
            Event::Empty(tag) if tag.local_name().as_ref() == b"meta" => {
                let attribute = |name: &[u8]| {
                    tag.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                if attribute(b"name").as_deref() == Some("CreationDate") {
                    layout.date = attribute(b"content").filter(|d| !d.is_empty());
                }
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|e| e.to_string())?;
                match (&mut word, in_title) {
                    (Some(word), _) => word.push_str(&text),
                    (None, true) => layout.title.get_or_insert_default().push_str(&text),
                    _ => {}
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = crate::sources::docx::resolve(&reference)?;
                match (&mut word, in_title) {
                    (Some(word), _) => word.push_str(&resolved),
                    (None, true) => layout.title.get_or_insert_default().push_str(&resolved),
                    _ => {}
                }
            }
            Event::End(tag) => match tag.local_name().as_ref() {
                b"word" => {
                    let done = word.take().unwrap_or_default();
                    last_block(&mut layout)?
                        .lines
                        .last_mut()
                        .ok_or("a word outside a line")?
                        .push(done);
                }
                b"block" => last_block(&mut layout)?.size = median(&mut heights),
                b"title" => in_title = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    layout.title = layout
        .title
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    Ok(layout)
}

fn last_page(layout: &mut Layout) -> Result<&mut Page, String> {
    layout
        .pages
        .last_mut()
        .ok_or_else(|| "a block outside a page".into())
}

/// The number in attribute `name` of `tag`; 0 if it has none.
fn number(tag: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> f32 {
    let value = tag.try_get_attribute(name).ok().flatten();
    let value = value.and_then(|v| std::str::from_utf8(&v.value).ok()?.parse::<f32>().ok());
    value.filter(|v| v.is_finite() && *v >= 0.0).unwrap_or(0.0)
}

fn last_block(layout: &mut Layout) -> Result<&mut Block, String> {
    last_page(layout)?
        .blocks
        .last_mut()
        .ok_or_else(|| "a line outside a block".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_keeps_pages_blocks_lines_words_and_entities() {
        let html = r#"<html><head><title>A &amp; B</title>
<meta name="CreationDate" content="2010-09-03T09:50:16-07"/></head><body><doc>
<page><flow><block><line><word>Febru-</word></line><line><word>ary</word><word>&lt;1&#x2014;2&gt;</word></line></block>
<block><line><word>2</word></line></block></flow></page><page></page></doc></body></html>"#;
        let layout = parse(html).unwrap();
        assert_eq!(layout.title.as_deref(), Some("A & B"));
        assert_eq!(layout.date.as_deref(), Some("2010-09-03T09:50:16-07"));
        assert_eq!(layout.pages.len(), 2);
        let blocks: Vec<_> = layout.pages[0]
            .blocks
            .iter()
            .map(|b| b.lines.clone())
            .collect();
        assert_eq!(
            blocks,
            vec![
                vec![
                    vec!["Febru-".to_owned()],
                    vec!["ary".into(), "<1\u{2014}2>".into()]
                ],
                vec![vec!["2".to_owned()]],
            ]
        );
        assert!(layout.pages[1].blocks.is_empty());
    }
}
