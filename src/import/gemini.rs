//! Google's Gemini API: the first candidate's text and its grounding metadata. Each
//! grounding support ties a segment of the answer (byte offsets into the text of one part)
//! to chunks: web pages, or retrieved documents. None quotes its source, so each is a claim
//! that needs a quotation. A stream (a JSON array or server-sent events of responses) is read
//! whole: the text of every response, then the grounding of the last.
//!
//! Fields are read in the API's camelCase and in the snake_case the Python SDK saves.

use serde::Deserialize;

use super::read::Saved;
use super::{Answer, Cite, DocumentRef, Note, NoteKind};
use crate::error::Error;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    #[serde(default)]
    candidates: Vec<Candidate>,
    #[serde(default, alias = "model_version")]
    model_version: Option<String>,
    #[serde(default)]
    error: Option<ApiError>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Candidate {
    #[serde(default)]
    content: Option<Content>,
    #[serde(default, alias = "grounding_metadata")]
    grounding_metadata: Option<Grounding>,
    #[serde(default, alias = "finish_reason")]
    finish_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Content {
    #[serde(default)]
    parts: Vec<Part>,
}

#[derive(Debug, Deserialize)]
struct Part {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    thought: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Grounding {
    #[serde(default, alias = "grounding_chunks")]
    grounding_chunks: Vec<Chunk>,
    #[serde(default, alias = "grounding_supports")]
    grounding_supports: Vec<Support>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Chunk {
    #[serde(default)]
    web: Option<Reference>,
    #[serde(default, alias = "retrieved_context")]
    retrieved_context: Option<Reference>,
}

#[derive(Debug, Clone, Deserialize)]
struct Reference {
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Support {
    #[serde(default)]
    segment: Segment,
    #[serde(default, alias = "grounding_chunk_indices")]
    grounding_chunk_indices: Vec<usize>,
}

/// A segment of the answer. Zero values are left out of the API's JSON.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Segment {
    #[serde(default, alias = "part_index")]
    part_index: usize,
    #[serde(default, alias = "start_index")]
    start_index: usize,
    #[serde(default, alias = "end_index")]
    end_index: usize,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ApiError {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// The answer of a saved response, or of every response of a stream.
pub(super) fn answer(response: &Saved) -> Result<Answer, Error> {
    let chunks = response.chunks()?;
    super::refuse_other_provider(response, &chunks, super::Provider::Gemini)?;
    let mut answer = Answer::default();
    let mut parts: Vec<String> = Vec::new();
    let mut grounding = None;
    let mut several = false;
    for &chunk in &chunks {
        let parsed: Response = response.parse(chunk, "not a Gemini response")?;
        if let Some(error) = parsed.error {
            let status = error.status.as_deref().unwrap_or("error");
            let message = error.message.as_deref().unwrap_or("no message");
            return Err(response.error(
                chunk.offset,
                format!(
                    "the response is an API error, not an answer ({status}: {})",
                    crate::text::visible::visible(message)
                ),
                "fix the request as the error says and ask again; an error has nothing to import",
            ));
        }
        answer.model = parsed.model_version.or(answer.model.take());
        // Said once, however many responses of a stream have several.
        if parsed.candidates.len() > 1 && !several {
            several = true;
            answer.notes.push(Note {
                kind: NoteKind::Incomplete,
                message: format!(
                    "the response has {} candidates: the first is imported",
                    parsed.candidates.len()
                ),
            });
        }
        let Some(candidate) = parsed.candidates.into_iter().next() else {
            continue;
        };
        if let Some(reason) = candidate.finish_reason.as_deref() {
            answer.notes.extend(stopped(reason));
        }
        // A thought keeps its place, empty: `partIndex` counts every part.
        let texts = (candidate.content.into_iter()).flat_map(|c| c.parts);
        for (i, part) in texts.enumerate() {
            let text = match part.thought {
                Some(true) => String::new(),
                _ => part.text.unwrap_or_default(),
            };
            match (chunks.len() > 1, parts.get_mut(i)) {
                // A stream's responses continue the same parts.
                (true, Some(sofar)) => sofar.push_str(&text),
                _ => parts.push(text),
            }
        }
        grounding = candidate.grounding_metadata.or(grounding);
    }
    // The parts are one text, cut where the API chose: joined as they are.
    let mut starts = Vec::new();
    for part in &parts {
        starts.push(answer.text.len());
        answer.text.push_str(part);
    }
    answer.require_text(response)?;
    ground(&mut answer, &parts, &starts, grounding.unwrap_or_default());
    if answer.cites.is_empty() {
        super::openai::refuse_inline_markup(response, &answer.text)?;
    }
    Ok(answer)
}

/// Each support's chunks as claims at the start of its segment, the segment checked against
/// the text it says it spans.
fn ground(answer: &mut Answer, parts: &[String], starts: &[usize], grounding: Grounding) {
    for support in grounding.grounding_supports {
        let segment = support.segment;
        let part = parts.get(segment.part_index).map_or("", String::as_str);
        let base = starts.get(segment.part_index).copied().unwrap_or(0);
        let span = part.get(segment.start_index..segment.end_index);
        let said = segment.text.as_deref();
        if span.is_none() || said.is_some_and(|s| Some(s) != span) {
            answer.notes.push(Note {
                kind: NoteKind::Offsets,
                message: format!(
                    "a grounding segment (bytes {}..{} of part {}) does not span the text it gives{}: its claims are set where that text stands, else at the part's end; check that they fit",
                    segment.start_index,
                    segment.end_index,
                    segment.part_index,
                    said.map(|s| format!(
                        " ({})",
                        super::shown(s)
                    ))
                    .unwrap_or_default()
                ),
            });
        }
        // Its words: where its bytes say, if they hold the text it gives; else where that
        // text stands; else the end of its part.
        let at = match (span, said) {
            (Some(span), Some(said)) if span != said => part.find(said),
            (Some(_), _) => Some(segment.start_index),
            (None, said) => said.and_then(|s| part.find(s)),
        };
        let at = base + at.map_or(part.len(), |at| super::words_from(part, at));
        for index in support.grounding_chunk_indices {
            let reference = grounding.grounding_chunks.get(index);
            let reference = reference.and_then(|c| c.retrieved_context.as_ref().or(c.web.as_ref()));
            let document = DocumentRef {
                index: Some(index),
                title: reference.and_then(|r| r.title.clone()),
                url: reference.and_then(|r| r.uri.clone()),
                ..DocumentRef::default()
            };
            answer.cites.push((at, Cite::Claim { document }));
        }
    }
}

fn stopped(reason: &str) -> Option<Note> {
    let why = match reason {
        "MAX_TOKENS" => "it reached the request's `maxOutputTokens`",
        "SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII" => {
            "the API stopped it"
        }
        _ => return None,
    };
    Some(Note {
        kind: NoteKind::Incomplete,
        message: format!("the answer is cut short ({reason}): {why}"),
    })
}
