//! HTML output: one self-contained page through `report-templates/briefing.html`, each note
//! opening the evidence for its quote.
//!
//! Every value the template prints goes through askama's HTML escaper; formatted citations are
//! built here from spans, each escaped by the same escaper. No script: a note's reference is a
//! button that opens its evidence as a native `popover` (click or keyboard, Esc closes), and
//! every note is listed again at the end with its evidence in a `<details>`, for find-in-page
//! and print.
//!
//! The evidence is read from the source's text again, and the text's SHA-256 must be the one
//! the check recorded: a source changed between the check and the render is an error.

use std::collections::BTreeMap;
use std::fmt::Write;

use askama::Template;

use crate::error::Error;
use crate::files::containment::Chosen;
use crate::matching::Fragments;
use crate::matching::alteration::readings;
use crate::outline::quoting::Profile;
use crate::render::citations::{self, Markup, Styled, web_url};
use crate::render::view::{Block, Briefing, Note};
use crate::sources::SourceSet;
use crate::sources::set::Text;
use crate::text::whitespace::{collapse, fold};

/// A quote in its source's words, with the text around it.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The text before the quote, whitespace runs as one space.
    pub before: String,
    /// The quote as the source has it: the words quoted marked, the words an ellipsis left
    /// out not.
    pub quote: Vec<(String, bool)>,
    /// The text after it.
    pub after: String,
    /// Whether the source goes on before `before` and after `after`.
    pub cut: (bool, bool),
    /// The source's web address with a text fragment that leads a browser to the quote.
    pub link: Option<String>,
    /// The first 12 hex digits of the source file's SHA-256.
    pub sha256_short: String,
}

/// The HTML briefing template.
#[derive(Template)]
#[template(path = "briefing.html")]
struct HtmlBriefing<'a> {
    b: &'a Briefing,
    /// Each note's evidence, by note number.
    evidence: BTreeMap<usize, Evidence>,
}

/// Renders `briefing` as one HTML page, each note's evidence read from `sources` with
/// `excerpt` characters on either side of the quote.
pub fn render(briefing: &Briefing, sources: &SourceSet, excerpt: usize) -> Result<String, Error> {
    let evidence = evidence(briefing, sources, excerpt)?;
    HtmlBriefing {
        b: briefing,
        evidence,
    }
    .render()
    .map_err(Error::Template)
}

/// Each note's evidence, reading each cited source once.
fn evidence(
    briefing: &Briefing,
    sources: &SourceSet,
    excerpt: usize,
) -> Result<BTreeMap<usize, Evidence>, Error> {
    let mut by_source: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
    for note in &briefing.notes {
        by_source.entry(&note.source_id).or_default().push(note);
    }
    let mut evidence = BTreeMap::new();
    let mut buffer = Vec::new();
    for (id, notes) in by_source {
        let Some(source) = sources.cited.get(id) else {
            continue;
        };
        let text = match Text::read(&source.path, &source.within, Chosen::ByProject, buffer) {
            Ok(text) => text,
            // A draft shows the quotations of a source that cannot be read without evidence;
            // their notes say why.
            Err(error) if briefing.draft.is_some() && error.is_unreadable_source() => {
                buffer = Vec::new();
                continue;
            }
            Err(error) => return Err(error),
        };
        let sha256 = text.sha256();
        if source.sha256.as_deref().is_some_and(|s| s != sha256) {
            return Err(Error::SourceChanged {
                path: source.path.clone(),
            });
        }
        let url = web_url(source.meta.url.as_deref()).map(String::from);
        for note in notes {
            let Some(bytes) = note.bytes.clone() else {
                continue;
            };
            let Some(quote) = text.text.get(bytes.clone()) else {
                continue;
            };
            let (before, cut_before) = before(&text.text[..bytes.start], excerpt);
            let (after, cut_after) = after(&text.text[bytes.end..], excerpt);
            evidence.insert(
                note.number,
                Evidence {
                    before,
                    quote: marked(quote, &note.quote),
                    after,
                    cut: (cut_before, cut_after),
                    link: url.as_deref().map(|u| fragment_link(u, quote)),
                    sha256_short: sha256[..12].to_owned(),
                },
            );
        }
        buffer = text.into_buffer();
    }
    Ok(evidence)
}

/// `span`, where the quote `quoted` was verified, cut into the runs its parts match (marked)
/// and the runs an ellipsis or a bracket stands for (not marked); whitespace runs as one space.
fn marked(span: &str, quoted: &str) -> Vec<(String, bool)> {
    let whole = || vec![(collapse(span), true)];
    let Ok(readings) = readings(quoted, Profile::default()) else {
        return whole();
    };
    // The reading the check verified is the first whose parts all stand in the span in turn.
    let runs = readings
        .iter()
        .find_map(|r| runs(span, &r.fragments))
        .unwrap_or_else(whole);
    // Whitespace runs as one space, the spaces between runs kept.
    (runs.into_iter())
        .map(|(text, mark)| (fold(&text), mark))
        .filter(|(text, _)| !text.is_empty())
        .collect()
}

/// `span` cut at each part of `fragments`, found in turn; `None` if one is not there.
fn runs(span: &str, fragments: &Fragments) -> Option<Vec<(String, bool)>> {
    if fragments.len() < 2 {
        return fragments
            .find_in(span)
            .ok()
            .map(|_| vec![(span.to_owned(), true)]);
    }
    let mut runs = Vec::new();
    let mut from = 0;
    for fragment in fragments.as_slice() {
        let piece = Fragments::parse(fragment).ok()?;
        let found = piece.find_in(&span[from..]).ok()?;
        let (start, end) = (from + found.start, from + found.end);
        if start > from {
            runs.push((span[from..start].to_owned(), false));
        }
        runs.push((span[start..end].to_owned(), true));
        from = end;
    }
    if from < span.len() {
        runs.push((span[from..].to_owned(), false));
    }
    Some(runs)
}

/// At most `limit` characters of the end of `text`, started at a word; whether it was cut.
fn before(text: &str, limit: usize) -> (String, bool) {
    let start = text
        .char_indices()
        .rev()
        .nth(limit.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let start = match limit {
        0 => text.len(),
        _ => start,
    };
    let mut piece = &text[start..];
    if start > 0
        && let Some(space) = piece.find(char::is_whitespace)
    {
        piece = &piece[space..];
    }
    let kept = collapse(piece);
    let spaced = match piece.ends_with(char::is_whitespace) && !kept.is_empty() {
        true => format!("{kept} "),
        false => kept,
    };
    (spaced, start > 0)
}

/// At most `limit` characters of the start of `text`, ended at a word; whether it was cut.
fn after(text: &str, limit: usize) -> (String, bool) {
    let end = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    let mut piece = &text[..end];
    if end < text.len()
        && let Some(space) = piece.rfind(char::is_whitespace)
    {
        piece = &piece[..space];
    }
    let kept = collapse(piece);
    let spaced = match piece.starts_with(char::is_whitespace) && !kept.is_empty() {
        true => format!(" {kept}"),
        false => kept,
    };
    (spaced, end < text.len())
}

/// `url` with a text fragment (`#:~:text=`) for `quote`: its first words and, for a long
/// quote, its last ones.
fn fragment_link(url: &str, quote: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let words: Vec<&str> = quote.split_whitespace().collect();
    let encode = |words: &[&str]| {
        let mut out = String::new();
        for byte in words.join(" ").bytes() {
            match byte {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'~' => {
                    out.push(byte as char)
                }
                _ => {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
        }
        out
    };
    let directive = match words.len() {
        0..=8 => encode(&words),
        n => format!("{},{}", encode(&words[..4]), encode(&words[n - 4..])),
    };
    format!("{base}#:~:text={directive}")
}

/// `text` escaped for HTML by askama's escaper.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    askama::filters::Escaper::write_escaped_str(&askama::filters::Html, &mut out, text)
        .expect("writing to a String cannot fail");
    out
}

impl HtmlBriefing<'_> {
    /// Why the quotation of note `n` is not verified, in a draft.
    fn flag(&self, n: &usize) -> Option<&crate::render::view::Flag> {
        self.b.notes[n - 1].flag.as_ref()
    }

    /// Formatted text as HTML: each span escaped, in `<i>` when italic and `<b>` when bold, a
    /// web address as a link.
    fn styled(&self, styled: &Styled) -> String {
        citations::write(
            styled,
            &Markup {
                text: escape,
                italic: |piece| format!("<i>{piece}</i>"),
                bold: |piece| format!("<b>{piece}</b>"),
                link: |url, piece| format!("<a href=\"{}\">{piece}</a>", escape(url)),
            },
        )
    }

    /// The heading element of a section at `depth` (1 for a top-level section, `h2`).
    fn h(&self, depth: &usize) -> usize {
        (depth + 1).min(6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_start_and_end_at_words() {
        assert_eq!(before("one two three four ", 10), ("four ".into(), true));
        assert_eq!(before("one two", 100), ("one two".into(), false));
        assert_eq!(before("one two ", 0), (String::new(), true));
        assert_eq!(after(" five six seven", 9), (" five".into(), true));
        assert_eq!(after(". And\x0cmore", 100), (". And more".into(), false));
    }

    #[test]
    fn an_ellipsis_leaves_its_words_unmarked() {
        let span = "the costs had doubled. He denied it, and the project would soon be finished";
        let runs = marked(
            span,
            "the costs had doubled ... the project would ... be finished",
        );
        let shown: Vec<(&str, bool)> = runs.iter().map(|(t, m)| (t.as_str(), *m)).collect();
        assert_eq!(
            shown,
            [
                ("the costs had doubled", true),
                (". He denied it, and ", false),
                ("the project would", true),
                (" soon ", false),
                ("be finished", true),
            ]
        );
        assert_eq!(marked("a  b", "a b"), [("a b".to_owned(), true)]);
    }

    #[test]
    fn a_text_fragment_encodes_everything_but_letters_and_digits() {
        assert_eq!(
            fragment_link("https://e.org/a#top", "the well-known, & odd"),
            "https://e.org/a#:~:text=the%20well%2Dknown%2C%20%26%20odd"
        );
        assert_eq!(
            fragment_link("https://e.org/", "a b c d e f g h i j"),
            "https://e.org/#:~:text=a%20b%20c%20d,g%20h%20i%20j"
        );
    }
}
