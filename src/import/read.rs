//! Reading a saved response: one JSON document, JSON lines, a JSON array of events, or a
//! server-sent-events transcript, cut into the JSON values it holds, each with its place.
//!
//! Every value is deserialised from its own slice of the file, so that an error in it names
//! the line and column of the whole file.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::files::containment::Chosen;
use crate::text::position::{LineCol, LineIndex};

/// The largest response read: a model's answer is far smaller.
pub(crate) const MAX_RESPONSE_BYTES: u64 = 16 << 20;
/// The largest request read: it holds the documents, PDFs in base64 among them.
pub(crate) const MAX_REQUEST_BYTES: u64 = 64 << 20;

/// A file read whole, and the JSON values it holds.
#[derive(Debug)]
pub(crate) struct Saved {
    /// The file, as named.
    pub path: std::path::PathBuf,
    /// Its text.
    pub text: String,
    lines: LineIndex,
}

/// One JSON value of a [`Saved`] file: its text and where it starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chunk<'a> {
    /// The value's JSON text.
    pub json: &'a str,
    /// Its byte offset in the file.
    pub offset: usize,
}

impl Saved {
    /// Reads `path` (`-`: standard input), which the user named, at most `limit` bytes.
    pub(crate) fn read(path: &Path, limit: u64) -> Result<Self, Error> {
        let mut bytes = Vec::new();
        if path == Path::new("-") {
            use std::io::Read;
            (std::io::stdin().take(limit + 1))
                .read_to_end(&mut bytes)
                .map_err(|e| Error::read(path, e))?;
        } else {
            let within = std::env::current_dir().map_err(|e| Error::read(path, e))?;
            crate::files::containment::read(path, &within, Chosen::ByUser, limit, &mut bytes)?;
        }
        if bytes.len() as u64 > limit {
            return Err(Error::TooLarge {
                path: path.to_owned(),
                limit,
            });
        }
        let text = crate::files::text_file::decode(path, bytes)?;
        Ok(Self {
            path: path.to_owned(),
            lines: LineIndex::new(&text),
            text,
        })
    }

    /// The line and column of byte `offset`.
    pub(crate) fn at(&self, offset: usize) -> LineCol {
        let offset = crate::text::position::floor_char(&self.text, offset.min(self.text.len()));
        self.lines.line_col(&self.text, offset)
    }

    /// An error at byte `offset` of the file.
    pub(crate) fn error(&self, offset: usize, message: String, help: impl Into<String>) -> Error {
        Error::Import {
            path: self.path.clone(),
            at: self.at(offset),
            message,
            help: help.into(),
        }
    }

    /// The JSON values the file holds, in order: the `data:` lines of a server-sent-events
    /// transcript, the values of JSON lines, or the items of one top-level array. A file of
    /// one object gives that object.
    pub(crate) fn chunks(&self) -> Result<Vec<Chunk<'_>>, Error> {
        let start = self.text.trim_start();
        if start.starts_with("event:") || start.starts_with("data:") || start.starts_with(':') {
            return Ok(self.events());
        }
        let mut chunks = Vec::new();
        let stream = serde_json::Deserializer::from_str(&self.text).into_iter::<&RawValue>();
        for value in stream {
            let value = value.map_err(|e| self.json_error(0, &e, "not JSON"))?;
            chunks.push(self.chunk(value.get()));
        }
        if let [one] = chunks[..]
            && one.json.starts_with('[')
        {
            let items: Vec<&RawValue> = serde_json::from_str(one.json)
                .map_err(|e| self.json_error(one.offset, &e, "not JSON"))?;
            return Ok(items.into_iter().map(|v| self.chunk(v.get())).collect());
        }
        Ok(chunks)
    }

    /// The `data:` payloads of a server-sent-events transcript, but OpenAI's `[DONE]`. Its
    /// lines may end in LF, CRLF or CR alone, as the format allows.
    fn events(&self) -> Vec<Chunk<'_>> {
        let mut chunks = Vec::new();
        for line in self.text.split(['\n', '\r']) {
            if let Some(data) = line.strip_prefix("data:") {
                let data = data.strip_prefix(' ').unwrap_or(data).trim_end();
                if !data.is_empty() && data != "[DONE]" {
                    chunks.push(self.chunk(data));
                }
            }
        }
        chunks
    }

    /// `json`, a slice of this file's text, as a chunk.
    fn chunk<'a>(&'a self, json: &'a str) -> Chunk<'a> {
        let offset = json.as_ptr() as usize - self.text.as_ptr() as usize;
        Chunk { json, offset }
    }

    /// Deserialises `chunk` as `T`; an error names its place in the file.
    pub(crate) fn parse<T: DeserializeOwned>(
        &self,
        chunk: Chunk<'_>,
        what: &str,
    ) -> Result<T, Error> {
        serde_json::from_str(chunk.json).map_err(|e| self.json_error(chunk.offset, &e, what))
    }

    /// A JSON error `error` in the value starting at byte `offset`, as an import error.
    fn json_error(&self, offset: usize, error: &serde_json::Error, what: &str) -> Error {
        let slice = &self.text[offset..];
        // serde_json counts lines from 1 and columns in bytes from 1 within the value.
        let line_start: usize = (slice.split_inclusive('\n'))
            .take(error.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let at = offset + line_start + error.column().saturating_sub(1);
        let message = strip_position(&error.to_string());
        self.error(
            at,
            format!("{what}: {message}"),
            "save the API's response body as it came (`curl ... > response.json`), or its \
             server-sent events as a transcript; README.md shows the shapes read",
        )
    }
}

/// A serde_json message without its ` at line L column C`, which the error's place gives.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(text: &str) -> Saved {
        Saved {
            path: "r.json".into(),
            lines: LineIndex::new(text),
            text: text.into(),
        }
    }

    #[test]
    fn every_shape_gives_its_values_with_their_places() {
        let one = saved("{\"a\": 1}\n");
        assert_eq!(one.chunks().unwrap()[0].json, "{\"a\": 1}");
        let lines = saved("{\"a\": 1}\n{\"b\": 2}\n");
        let chunks = lines.chunks().unwrap();
        assert_eq!(chunks.len(), 2);
        assert_eq!(lines.at(chunks[1].offset), LineCol { line: 2, column: 1 });
        let array = saved("[\n  {\"a\": 1},\n  {\"b\": 2}\n]");
        let chunks = array.chunks().unwrap();
        assert_eq!(chunks[1].json, "{\"b\": 2}");
        assert_eq!(array.at(chunks[1].offset), LineCol { line: 3, column: 3 });
        let sse = saved("event: ping\ndata: {\"type\": \"ping\"}\n\ndata: [DONE]\n");
        let chunks = sse.chunks().unwrap();
        assert_eq!(chunks.len(), 1);
        assert_eq!(sse.at(chunks[0].offset), LineCol { line: 2, column: 7 });
    }

    #[test]
    fn a_json_error_names_the_line_and_column_in_the_whole_file() {
        let sse = saved("event: a\ndata: {\"type\": \"x\"}\n\nevent: b\ndata: {\"type\": 5}\n");
        let chunks = sse.chunks().unwrap();
        #[derive(serde::Deserialize, Debug)]
        struct Typed {
            #[serde(rename = "type")]
            _kind: String,
        }
        let error = sse.parse::<Typed>(chunks[1], "an event").unwrap_err();
        assert_eq!(
            error.at(),
            Some(LineCol {
                line: 5,
                column: 16
            }),
            "{error}"
        );
        assert!(
            error.to_string().contains("an event: invalid type"),
            "{error}"
        );
        let broken = saved("{\"a\": 1,\n \"b\" 2}");
        let error = broken.chunks().unwrap_err();
        assert_eq!(error.at().unwrap().line, 2, "{error}");
    }
}
