//! Anthropic's Messages API: a response, or the server-sent events of a streamed one, read
//! into an `Answer`. Each `text` block's citations quote the documents the request gave
//! (`cited_text`), located by characters, pages or content blocks; web and search results are
//! located by their address.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::read::{Chunk, Saved};
use super::{Answer, Cite, DocumentRef, Location, Note, NoteKind};
use crate::error::Error;

/// A Messages API response (`"type": "message"`).
#[derive(Debug, Deserialize)]
struct Message {
    #[serde(default)]
    model: Option<String>,
    content: Vec<Block>,
    #[serde(default)]
    stop_reason: Option<String>,
}

/// A content block; only text is imported.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block {
    Text {
        text: String,
        #[serde(default)]
        citations: Option<Vec<Citation>>,
    },
    #[serde(other)]
    Other,
}

/// One citation of a text block, in each of the shapes the API documents.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Citation {
    CharLocation {
        cited_text: String,
        document_index: usize,
        #[serde(default)]
        document_title: Option<String>,
        #[serde(default)]
        file_id: Option<String>,
        start_char_index: usize,
        end_char_index: usize,
    },
    PageLocation {
        cited_text: String,
        document_index: usize,
        #[serde(default)]
        document_title: Option<String>,
        #[serde(default)]
        file_id: Option<String>,
        start_page_number: usize,
        end_page_number: usize,
    },
    ContentBlockLocation {
        cited_text: String,
        document_index: usize,
        #[serde(default)]
        document_title: Option<String>,
        #[serde(default)]
        file_id: Option<String>,
        start_block_index: usize,
        end_block_index: usize,
    },
    WebSearchResultLocation {
        cited_text: String,
        url: String,
        #[serde(default)]
        title: Option<String>,
    },
    SearchResultLocation {
        cited_text: String,
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        title: Option<String>,
    },
    #[serde(other)]
    Other,
}

/// The events of a streamed response.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event {
    MessageStart {
        message: Message,
    },
    ContentBlockStart {
        index: usize,
        content_block: Block,
    },
    ContentBlockDelta {
        index: usize,
        delta: BlockDelta,
    },
    MessageDelta {
        delta: MessageDelta,
    },
    MessageStop,
    Error {
        error: ApiError,
    },
    #[serde(other)]
    Other,
}

/// What a `content_block_delta` adds to its block.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum BlockDelta {
    #[serde(rename = "text_delta")]
    Text { text: String },
    #[serde(rename = "citations_delta")]
    Citation { citation: Citation },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
struct MessageDelta {
    #[serde(default)]
    stop_reason: Option<String>,
}

/// An API error, as the API or a stream reports it.
#[derive(Debug, Deserialize)]
pub(super) struct ApiError {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

impl ApiError {
    /// The error as a message.
    pub(super) fn describe(&self) -> String {
        let kind = self.kind.as_deref().unwrap_or("error");
        let message = self.message.as_deref().unwrap_or("no message");
        format!("{kind}: {}", crate::text::visible::visible(message))
    }
}

/// What a value of the file says it is.
#[derive(Debug, Deserialize)]
struct Peek {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    error: Option<ApiError>,
}

const EVENTS: [&str; 8] = [
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
    "ping",
    "error",
];

/// The answer of a saved response or stream.
pub(super) fn answer(response: &Saved) -> Result<Answer, Error> {
    let chunks = response.chunks()?;
    super::refuse_other_provider(response, &chunks, super::Provider::Anthropic)?;
    let mut kinds = Vec::new();
    let cut = !response.text.ends_with(['\n', '\r']);
    for (n, &chunk) in chunks.iter().enumerate() {
        let peek: Peek = match response.parse(chunk, "not a Messages API response") {
            Ok(peek) => peek,
            // The last event of a stream cut short: the stream's reading says so.
            Err(_) if cut && n > 0 && n + 1 == chunks.len() => continue,
            Err(error) => return Err(error),
        };
        if let Some(error) = &peek.error {
            return Err(api_error(response, chunk, error));
        }
        kinds.push(peek.kind);
    }
    let streamed = (kinds.iter().flatten()).any(|k| EVENTS.contains(&k.as_str()) && k != "error");
    let (blocks, model, notes) = match (&chunks[..], streamed) {
        (_, true) => assemble(response, &chunks)?,
        ([one], false) => {
            let message: Message = response.parse(*one, "not a Messages API response")?;
            let notes = stopped(message.stop_reason.as_deref())
                .into_iter()
                .collect();
            (texts(message.content), message.model, notes)
        }
        _ => {
            return Err(response.error(
                chunks.get(1).map_or(0, |c| c.offset),
                format!(
                    "{} JSON values, but no stream events: not one Messages API response",
                    chunks.len()
                ),
                "give one response per import, or the server-sent events of one streamed response",
            ));
        }
    };
    let mut answer = Answer {
        model,
        notes,
        ..Answer::default()
    };
    for (text, citations, after_other) in blocks {
        if after_other && !answer.text.is_empty() {
            answer.text.push_str("\n\n");
        }
        let at = answer.text.len() + words_start(&text);
        if citations.iter().any(|c| !matches!(c, Citation::Other)) && text.trim().contains("\n\n") {
            answer.notes.push(Note {
                kind: NoteKind::Incomplete,
                message: format!(
                    "a cited passage of the answer runs over paragraphs ({}): its quotes are set \
                     in the paragraph where its words start",
                    super::shown(&text)
                ),
            });
        }
        answer.text.push_str(&text);
        for citation in citations {
            match cite(citation) {
                Some(cite) => answer.cites.push((at, cite)),
                None => answer.notes.push(Note {
                    kind: NoteKind::Incomplete,
                    message: "a citation of a type not read here was left out".into(),
                }),
            }
        }
    }
    answer.require_text(response)?;
    if answer.cites.is_empty() {
        super::openai::refuse_inline_markup(response, &answer.text)?;
    }
    Ok(answer)
}

/// The text blocks, each with its citations and whether a block of another kind (a tool's
/// call or result, thinking) stood before it: a paragraph ends there.
/// Where the words of a text block start: past blank lines, Markdown headings and marks
/// alone (the `.` ending the sentence before), so that its citations go with its words.
fn words_start(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = line.find(char::is_alphanumeric);
        match at {
            Some(at) if super::draft::heading(line.trim()).is_none() => return offset + at,
            _ => offset += line.len(),
        }
    }
    text.len() - text.trim_start().len()
}

type Blocks = Vec<(String, Vec<Citation>, bool)>;

/// The text blocks of a response, with their citations.
fn texts(content: Vec<Block>) -> Blocks {
    let mut other = false;
    (content.into_iter())
        .filter_map(|block| match block {
            Block::Text { text, citations } => {
                let after = std::mem::take(&mut other);
                Some((text, citations.unwrap_or_default(), after))
            }
            Block::Other => {
                other = true;
                None
            }
        })
        .collect()
}

/// A streamed response put together from its events.
fn assemble(
    response: &Saved,
    chunks: &[Chunk<'_>],
) -> Result<(Blocks, Option<String>, Vec<Note>), Error> {
    let mut model = None;
    let mut blocks: BTreeMap<usize, (String, Vec<Citation>)> = BTreeMap::new();
    let (mut stop_reason, mut started, mut ended) = (None, false, false);
    let mut notes = Vec::new();
    for (n, &chunk) in chunks.iter().enumerate() {
        let event = match response.parse::<Event>(chunk, "not a Messages API stream event") {
            Ok(event) => event,
            // A transcript saved while the stream ran may end inside its last event.
            Err(_) if n + 1 == chunks.len() && !response.text.ends_with(['\n', '\r']) => {
                notes.push(Note {
                    kind: NoteKind::Incomplete,
                    message: "the stream ends inside an event, which is left out".into(),
                });
                break;
            }
            Err(error) => return Err(error),
        };
        // One stream holds one message: a second one, or events after its end, would be
        // lost or mixed in silently.
        let refuse = |why: &str| {
            response.error(
                chunk.offset,
                format!("{why}: a stream holds one message"),
                "import each response on its own, from its `message_start` to its `message_stop`",
            )
        };
        match (&event, started, ended) {
            (Event::MessageStart { .. }, true, _) => {
                return Err(refuse("a second message starts here"));
            }
            (Event::Other | Event::MessageDelta { .. }, _, true) => {}
            (Event::ContentBlockStart { .. } | Event::ContentBlockDelta { .. }, _, true) => {
                return Err(refuse(
                    "this event comes after the message's `message_stop`",
                ));
            }
            _ => {}
        }
        match event {
            Event::MessageStart { message } => {
                model = message.model;
                started = true;
            }
            Event::ContentBlockStart {
                index,
                content_block: Block::Text { text, citations },
            } => {
                if blocks.contains_key(&index) {
                    return Err(refuse(&format!("block {index} starts a second time")));
                }
                blocks.insert(index, (text, citations.unwrap_or_default()));
            }
            Event::ContentBlockDelta { index, delta } => {
                let block = blocks.get_mut(&index);
                match (delta, block) {
                    (BlockDelta::Text { text }, Some(block)) => block.0.push_str(&text),
                    (BlockDelta::Citation { citation }, Some(block)) => block.1.push(citation),
                    (BlockDelta::Other, _) => {}
                    (_, None) => {
                        return Err(response.error(
                            chunk.offset,
                            format!("a text delta for block {index}, which no `content_block_start` opened as text"),
                            "give the whole stream, from its `message_start` event",
                        ));
                    }
                }
            }
            Event::MessageDelta { delta } => stop_reason = delta.stop_reason.or(stop_reason),
            Event::MessageStop => ended = true,
            Event::Error { error } => return Err(api_error(response, chunk, &error)),
            Event::ContentBlockStart { .. } | Event::Other => {}
        }
    }
    notes.extend(stopped(stop_reason.as_deref()));
    if !ended {
        notes.push(Note {
            kind: NoteKind::Incomplete,
            message: "the stream ends before its `message_stop` event: the answer may be cut short"
                .into(),
        });
    }
    // A gap between the indexes of two text blocks is a block of another kind.
    let mut last = None;
    let blocks = (blocks.into_iter())
        .map(|(index, (text, citations))| {
            let after_other = last.is_some_and(|l: usize| index > l + 1);
            last = Some(index);
            (text, citations, after_other)
        })
        .collect();
    Ok((blocks, model, notes))
}

/// A note for an answer that stopped for another reason than its end.
fn stopped(reason: Option<&str>) -> Option<Note> {
    let why = match reason? {
        "max_tokens" => "it reached the request's `max_tokens`",
        "tool_use" => "the model stopped to call a tool, and its answer is not written yet",
        "refusal" => "the model refused to go on",
        "pause_turn" => "the turn was paused",
        "model_context_window_exceeded" => "it filled the model's context window",
        _ => return None,
    };
    Some(Note {
        kind: NoteKind::Incomplete,
        message: format!("the answer is cut short: {why}"),
    })
}

fn api_error(response: &Saved, chunk: Chunk<'_>, error: &ApiError) -> Error {
    response.error(
        chunk.offset,
        format!(
            "the response is an API error, not an answer ({})",
            error.describe()
        ),
        "fix the request as the error says and ask again; an error has nothing to import",
    )
}

/// A citation as one of ours; `None` for a type not read here.
fn cite(citation: Citation) -> Option<Cite> {
    let of = |index, title: Option<String>, file_id| DocumentRef {
        index: Some(index),
        title,
        file_id,
        ..DocumentRef::default()
    };
    Some(match citation {
        Citation::CharLocation {
            cited_text,
            document_index,
            document_title,
            file_id,
            start_char_index,
            end_char_index,
        } => Cite::Quote {
            document: of(document_index, document_title, file_id),
            quote: cited_text,
            location: Location::Chars(start_char_index, end_char_index),
        },
        Citation::PageLocation {
            cited_text,
            document_index,
            document_title,
            file_id,
            start_page_number,
            end_page_number,
        } => Cite::Quote {
            document: of(document_index, document_title, file_id),
            quote: cited_text,
            location: Location::Pages(start_page_number, end_page_number),
        },
        Citation::ContentBlockLocation {
            cited_text,
            document_index,
            document_title,
            file_id,
            start_block_index,
            end_block_index,
        } => Cite::Quote {
            document: of(document_index, document_title, file_id),
            quote: cited_text,
            location: Location::Blocks(start_block_index, end_block_index),
        },
        Citation::WebSearchResultLocation {
            cited_text,
            url,
            title,
        } => Cite::Quote {
            document: DocumentRef {
                title,
                url: Some(url),
                ..DocumentRef::default()
            },
            quote: cited_text,
            location: Location::Unsaid,
        },
        Citation::SearchResultLocation {
            cited_text,
            source,
            title,
        } => Cite::Quote {
            document: DocumentRef {
                title,
                url: source,
                ..DocumentRef::default()
            },
            quote: cited_text,
            location: Location::Unsaid,
        },
        Citation::Other => return None,
    })
}
