//! OpenAI's Responses API (and Chat Completions): the answer's `output_text` and its
//! annotations. A `file_citation` names a file at a point of the text, a `url_citation` a
//! page for a span of it: neither quotes the source, so each is a claim that needs a
//! quotation. A stream is read from its `response.completed` event.

use serde::Deserialize;

use super::read::Saved;
use super::{Answer, Cite, DocumentRef, Note, NoteKind};
use crate::error::Error;

#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    output: Vec<OutputItem>,
    #[serde(default)]
    error: Option<ApiError>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum OutputItem {
    Message {
        #[serde(default)]
        content: Vec<OutputContent>,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum OutputContent {
    OutputText {
        text: String,
        #[serde(default)]
        annotations: Vec<Annotation>,
    },
    Refusal {
        refusal: String,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Annotation {
    FileCitation {
        #[serde(default)]
        index: Option<usize>,
        #[serde(default)]
        file_id: Option<String>,
        #[serde(default)]
        filename: Option<String>,
    },
    ContainerFileCitation {
        #[serde(default)]
        start_index: Option<usize>,
        #[serde(default)]
        file_id: Option<String>,
        #[serde(default)]
        filename: Option<String>,
    },
    UrlCitation {
        #[serde(default)]
        start_index: Option<usize>,
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        title: Option<String>,
        /// Chat Completions nests the fields one level down.
        #[serde(default)]
        url_citation: Option<Box<UrlFields>>,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
struct UrlFields {
    #[serde(default)]
    start_index: Option<usize>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ApiError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// A Chat Completions response.
#[derive(Debug, Deserialize)]
struct Completion {
    #[serde(default)]
    model: Option<String>,
    choices: Vec<Choice>,
}

#[derive(Debug, Deserialize)]
struct Choice {
    message: ChatMessage,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ChatMessage {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    annotations: Vec<Annotation>,
}

/// What a value of the file is.
#[derive(Debug, Deserialize)]
struct Peek {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    choices: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    error: Option<ApiError>,
}

/// A stream event that carries the whole response.
#[derive(Debug, Deserialize)]
struct Completed {
    response: Response,
}

/// The answer of a saved response, or of the `response.completed` event of a stream.
pub(super) fn answer(response: &Saved) -> Result<Answer, Error> {
    let chunks = response.chunks()?;
    super::refuse_other_provider(response, &chunks, super::Provider::OpenAi)?;
    let mut found = None;
    for &chunk in &chunks {
        let peek: Peek = response.parse(chunk, "not an OpenAI response")?;
        if let Some(error) = &peek.error {
            return Err(api_error(response, chunk.offset, error));
        }
        match peek.kind.as_deref() {
            Some("response.completed" | "response.incomplete" | "response.failed") => {
                let completed: Completed = response.parse(chunk, "not a Responses API event")?;
                found = Some((chunk.offset, Ok(completed.response)));
            }
            Some(kind) if kind.starts_with("response.") => {}
            _ if peek.choices.is_some() => {
                found = Some((
                    chunk.offset,
                    Err(response.parse(chunk, "not a completion")?),
                ));
            }
            _ => found = Some((chunk.offset, Ok(response.parse(chunk, "not a response")?))),
        }
    }
    let Some((offset, parsed)) = found else {
        return Err(response.error(
            0,
            "the stream has no `response.completed` event: it holds no whole response".into(),
            "give the whole stream, or the response body of a request made without `stream`",
        ));
    };
    let answer = match parsed {
        Ok(parsed) => from_response(parsed, response, offset)?,
        Err(completion) => from_completion(completion),
    };
    answer.require_text(response)?;
    if answer.cites.is_empty() {
        refuse_inline_markup(response, &answer.text)?;
    }
    Ok(answer)
}

fn from_response(parsed: Response, response: &Saved, offset: usize) -> Result<Answer, Error> {
    if let Some(error) = &parsed.error {
        return Err(api_error(response, offset, error));
    }
    let mut answer = Answer {
        model: parsed.model,
        ..Answer::default()
    };
    if parsed.status.as_deref() == Some("incomplete") {
        answer
            .notes
            .push(cut_short("the response's status is `incomplete`"));
    }
    for item in parsed.output {
        let OutputItem::Message { content } = item else {
            continue;
        };
        for part in content {
            match part {
                OutputContent::OutputText { text, annotations } => {
                    add(&mut answer, &text, annotations);
                }
                OutputContent::Refusal { refusal } => answer.notes.push(cut_short(&format!(
                    "the model refused: \"{}\"",
                    crate::text::visible::visible(&refusal)
                ))),
                OutputContent::Other => {}
            }
        }
    }
    Ok(answer)
}

fn from_completion(completion: Completion) -> Answer {
    let mut answer = Answer {
        model: completion.model,
        ..Answer::default()
    };
    if completion.choices.len() > 1 {
        answer.notes.push(Note {
            kind: NoteKind::Incomplete,
            message: format!(
                "the response has {} choices: the first is imported",
                completion.choices.len()
            ),
        });
    }
    if let Some(choice) = completion.choices.into_iter().next() {
        if choice.finish_reason.as_deref() == Some("length") {
            answer
                .notes
                .push(cut_short("it reached the request's token limit"));
        }
        let text = choice.message.content.unwrap_or_default();
        add(&mut answer, &text, choice.message.annotations);
    }
    answer
}

fn cut_short(why: &str) -> Note {
    Note {
        kind: NoteKind::Incomplete,
        message: format!("the answer is cut short: {why}"),
    }
}

/// Adds one text and its annotations, whose indices count characters of that text.
fn add(answer: &mut Answer, text: &str, annotations: Vec<Annotation>) {
    if !answer.text.is_empty() && !text.is_empty() {
        answer.text.push_str("\n\n");
    }
    let base = answer.text.len();
    answer.text.push_str(text);
    let index = super::documents::CharIndex::new(text);
    for annotation in annotations {
        // A file citation marks the end of the words it backs; a page's, their start.
        let (at, document, end) = match annotation {
            Annotation::FileCitation {
                index,
                file_id,
                filename,
            }
            | Annotation::ContainerFileCitation {
                start_index: index,
                file_id,
                filename,
            } => (
                index,
                DocumentRef {
                    file_name: filename,
                    file_id,
                    ..DocumentRef::default()
                },
                true,
            ),
            Annotation::UrlCitation {
                start_index,
                url,
                title,
                url_citation,
            } => {
                let nested = url_citation.map(|n| *n);
                let (start_index, url, title) = match nested {
                    Some(n) => (n.start_index, n.url, n.title),
                    None => (start_index, url, title),
                };
                let document = DocumentRef {
                    title,
                    url,
                    ..DocumentRef::default()
                };
                (start_index, document, false)
            }
            Annotation::Other => continue,
        };
        let character = at.unwrap_or(0);
        let at = match index.byte(text, character) {
            Some(byte) if end => {
                base + text[..byte]
                    .chars()
                    .next_back()
                    .map_or(byte, |c| byte - c.len_utf8())
            }
            Some(byte) => base + super::words_from(text, byte),
            None => {
                answer.notes.push(Note {
                    kind: NoteKind::Offsets,
                    message: format!(
                        "an annotation of {} stands at character {character}, past the end of its \
                         text ({} characters): it is taken to the text's end",
                        document.describe(),
                        text.chars().count()
                    ),
                });
                base + text.len()
            }
        };
        answer.cites.push((at, Cite::Claim { document }));
    }
}

fn api_error(response: &Saved, offset: usize, error: &ApiError) -> Error {
    let code = error.code.as_deref().unwrap_or("error");
    let message = error.message.as_deref().unwrap_or("no message");
    response.error(
        offset,
        format!(
            "the response is an API error, not an answer ({code}: {})",
            crate::text::visible::visible(message)
        ),
        "fix the request as the error says and ask again; an error has nothing to import",
    )
}

/// The markers some models write into their text instead of structured citations.
const INLINE_MARKUP: [&str; 4] = ["<cite", "</cite>", "\u{3010}", "<source"];

/// Refuses an answer whose citations stand in its text as markup (`<cite index="0-1">`,
/// `【4:0†source】`) rather than as the API's citation objects: their words cannot be told
/// from the model's, nor their sources known.
pub(super) fn refuse_inline_markup(response: &Saved, text: &str) -> Result<(), Error> {
    let Some((mark, at)) = (INLINE_MARKUP.iter())
        .filter_map(|m| text.find(m).map(|at| (*m, at)))
        .min_by_key(|(_, at)| *at)
    else {
        return Ok(());
    };
    if mark == "\u{3010}" && !text[at..].chars().take(40).any(|c| c == '\u{2020}') {
        return Ok(());
    }
    let end = crate::text::position::floor_char(text, (at + 40).min(text.len()));
    let shown = crate::text::visible::visible(&text[at..end]).into_owned();
    let offset = response.text.find(mark).unwrap_or(0);
    Err(response.error(
        offset,
        format!(
            "the answer's citations are markup in its text (`{shown}`), not citation objects: \
             which words are quoted, and from what, cannot be told"
        ),
        "ask again with the API's structured citations (Anthropic: `\"citations\": \
         {\"enabled\": true}` on each document, as `report import request` writes; OpenAI: the \
         Responses API's file search, whose annotations `report import openai` reads); or \
         remove the markup and add the quotes yourself",
    ))
}
