//! The request a response answered: the documents it gave the model, in the order the API
//! numbers them (`document_index` counts every `document` block of every message). And the
//! request `report import request` writes, which gives the model each source's own text so
//! that the offsets of its citations line up with the files.

use std::path::Path;

use base64::Engine;
use serde::Deserialize;
use serde_json::json;

use super::read::Saved;
use crate::error::Error;
use crate::files::containment::Chosen;
use crate::sources::set::Text;

/// A document of the request, as far as telling which source it is goes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Requested {
    /// Its title.
    pub title: Option<String>,
    /// The source id its context names (`report source id: ID`, as `report import request`
    /// writes it).
    pub id: Option<String>,
    /// Its text, for a plain-text or custom-content document.
    pub text: Option<String>,
    /// The SHA-256 of a PDF given in base64, as `report sources add` records the original's.
    pub sha256: Option<String>,
    /// Its address, for a PDF given by URL.
    pub url: Option<String>,
    /// Whether its text is blocks joined (custom content), not one text.
    pub blocks: bool,
}

#[derive(Debug, Deserialize)]
struct Request {
    #[serde(default)]
    messages: Vec<RequestMessage>,
}

#[derive(Debug, Deserialize)]
struct RequestMessage {
    content: Content,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Content {
    Text(#[allow(dead_code)] String),
    Blocks(Vec<RequestBlock>),
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum RequestBlock {
    Document {
        source: DocumentSource,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        context: Option<String>,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum DocumentSource {
    Text {
        data: String,
    },
    Base64 {
        data: String,
    },
    Content {
        content: CustomContent,
    },
    Url {
        url: String,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CustomContent {
    Text(String),
    Blocks(Vec<ContentBlock>),
}

#[derive(Debug, Deserialize)]
struct ContentBlock {
    #[serde(default)]
    text: Option<String>,
}

/// How a request `report import request` wrote names each document's source.
const CONTEXT: &str = "report source id: ";

/// The documents of a saved Messages API request, in order.
pub(super) fn documents(request: &Saved) -> Result<Vec<Requested>, Error> {
    let chunks = request.chunks()?;
    let [chunk] = chunks[..] else {
        return Err(request.error(
            0,
            "not one Messages API request".into(),
            "give the request body the response answered (`--request request.json`)",
        ));
    };
    let parsed: Request = request.parse(chunk, "not a Messages API request")?;
    let no_documents = || {
        request.error(
            chunk.offset,
            "the request gives the model no documents: it is not the request of a response with citations".into(),
            "give the request the response answered (`--request request.json`), or leave `--request` out",
        )
    };
    let mut documents = Vec::new();
    for message in parsed.messages {
        let Content::Blocks(blocks) = message.content else {
            continue;
        };
        for block in blocks {
            if let RequestBlock::Document {
                source,
                title,
                context,
            } = block
            {
                let mut document = document(source, title, request, chunk.offset)?;
                document.id = (context.as_deref())
                    .and_then(|c| c.strip_prefix(CONTEXT))
                    .map(|id| id.trim().to_owned());
                documents.push(document);
            }
        }
    }
    if documents.is_empty() {
        return Err(no_documents());
    }
    Ok(documents)
}

fn document(
    source: DocumentSource,
    title: Option<String>,
    request: &Saved,
    offset: usize,
) -> Result<Requested, Error> {
    let mut document = Requested {
        title,
        ..Requested::default()
    };
    match source {
        DocumentSource::Text { data } => document.text = Some(data),
        DocumentSource::Base64 { data } => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|e| {
                    request.error(
                        offset,
                        format!("a document's base64 data cannot be decoded: {e}"),
                        "give the request exactly as it was sent",
                    )
                })?;
            document.sha256 = Some(crate::sources::set::sha256(&bytes));
        }
        DocumentSource::Content { content } => {
            document.blocks = true;
            document.text = Some(match content {
                CustomContent::Text(text) => text,
                CustomContent::Blocks(blocks) => (blocks.into_iter())
                    .filter_map(|b| b.text)
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            });
        }
        DocumentSource::Url { url } => document.url = Some(url),
        DocumentSource::Other => {}
    }
    Ok(document)
}

/// A Messages API request asking `question` of the sources `ids` of the folder `sources`
/// (every source when none is named): each given as a plain-text document with its own text,
/// its catalog title and citations on, so that the answer's `char_location` offsets index
/// the source files themselves. As JSON, ready for `curl -d @request.json`.
pub fn request_for(
    sources: &Path,
    ids: &[String],
    question: &str,
    model: &str,
    max_tokens: u32,
) -> Result<String, Error> {
    let within = std::fs::canonicalize(sources).map_err(|e| Error::read(sources, e))?;
    let files = crate::sources::set::files_in(sources).map_err(|e| Error::read(sources, e))?;
    let catalog = crate::sources::catalog::read(sources, &within)?;
    let wanted: Vec<&String> = match ids.is_empty() {
        true => files.keys().collect(),
        false => ids.iter().collect(),
    };
    if question.trim().is_empty() {
        return Err(Error::BadArgument {
            message: "the question is empty".into(),
            help:
                "give what to ask the model, e.g. `report import request \"What changed in 2024?\"`"
                    .into(),
        });
    }
    if wanted.is_empty() {
        return Err(Error::BadArgument {
            message: format!("`{}` holds no sources to give the model", sources.display()),
            help: "add the documents first (`report sources add FILE`), or name the folder with `--sources DIR`".into(),
        });
    }
    let mut content = Vec::new();
    let mut given = std::collections::BTreeSet::new();
    for id in wanted {
        // A source's file names it too (`sources/memo.txt`).
        let named = Path::new(id);
        let id = match named.extension().is_some_and(|e| e == "txt") {
            true => named.file_stem().and_then(|s| s.to_str()).unwrap_or(id),
            false => id.as_str(),
        };
        if !given.insert(id.to_owned()) {
            continue;
        }
        let Some(path) = files.get(id) else {
            return Err(Error::UnknownSource {
                id: id.to_owned(),
                folder: sources.to_owned(),
            });
        };
        let text = Text::read(path, &within, Chosen::ByProject, Vec::new())?;
        let title = (catalog.get(id))
            .and_then(|m| m.title.clone())
            .unwrap_or_else(|| id.to_owned());
        content.push(json!({
            "type": "document",
            "source": { "type": "text", "media_type": "text/plain", "data": text.text },
            "title": title,
            "context": format!("{CONTEXT}{id}"),
            "citations": { "enabled": true },
        }));
    }
    content.push(json!({ "type": "text", "text": question }));
    let request = json!({
        "model": model,
        "max_tokens": max_tokens,
        "messages": [{ "role": "user", "content": content }],
    });
    let mut out = serde_json::to_string_pretty(&request).expect("JSON values serialise");
    out.push('\n');
    Ok(out)
}
