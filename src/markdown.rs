//! Markdown output: the briefing through `report-templates/briefing.md`, and its escaper.
//!
//! Escaping happens in one place, the [`Markdown`] escaper that askama applies to every value
//! the template prints; the template itself never escapes.

use std::fmt::{self, Write};

use askama::Template;

use crate::view::{Block, Briefing};

/// The Markdown briefing template.
#[derive(Template)]
#[template(path = "briefing.md")]
struct MarkdownBriefing<'a> {
    b: &'a Briefing,
}

/// Renders `briefing` as GitHub-flavoured Markdown with footnotes.
pub fn render(briefing: &Briefing) -> Result<String, askama::Error> {
    MarkdownBriefing { b: briefing }.render()
}

impl MarkdownBriefing<'_> {
    /// The `#` marks of a heading at `depth` (1 for a top-level section, which is `##`).
    fn hashes(&self, depth: &usize) -> &'static str {
        &"######"[..(depth + 1).min(6)]
    }
}

/// Characters that mean something anywhere in CommonMark or GitHub's extensions.
const ALWAYS: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '&', '~', '$', '!',
];

/// The askama escaper for Markdown: the text reads back exactly, whatever it holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl askama::filters::Escaper for Markdown {
    fn write_escaped_str<W: Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        dest.write_str(&escape(text))
    }
}

/// `text` with every character that Markdown would read as markup backslash-escaped, and
/// line breaks turned to spaces so that it cannot start a new block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let block_start = opens_block(text);
    for (i, c) in text.char_indices() {
        let at_marker = block_start == Some(i);
        match c {
            '\n' | '\r' => out.push(' '),
            c if ALWAYS.contains(&c) || at_marker => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The byte offset in `text` of a character that would make a line beginning with `text` a
/// list item, a heading underline or a thematic break.
fn opens_block(text: &str) -> Option<usize> {
    let trimmed = text.trim_start_matches(' ');
    let lead = text.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    match trimmed.as_bytes() {
        [b'-' | b'+' | b'=', ..] => Some(lead),
        bytes if (1..=9).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')')) => {
            Some(lead + digits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_but_not_prose() {
        assert_eq!(escape("a *b* [c](d) <e> #f"), r"a \*b\* \[c\](d) \<e\> \#f");
        assert_eq!(
            escape("Russia's \"position\", 2023."),
            "Russia's \"position\", 2023."
        );
    }

    #[test]
    fn escapes_block_markers_only_at_the_start() {
        assert_eq!(escape("- a - b"), r"\- a - b");
        assert_eq!(escape("2023. A year"), r"2023\. A year");
        assert_eq!(escape("In 2023. A year"), "In 2023. A year");
        assert_eq!(escape("line\nbreak"), "line break");
    }
}
