//! Markdown output: the briefing through `report-templates/briefing.md`, and its escaper.
//!
//! Escaping happens in one place, the [`Markdown`] escaper that askama applies to every value
//! the template prints; the template itself never escapes.

use std::fmt::{self, Write};

use askama::Template;

use crate::text::whitespace::is_space;

use crate::render::citations::{Styled, is_bare_address};
use crate::render::view::{Block, Briefing};

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
    /// Formatted text as Markdown: each span escaped, in `*…*` when italic and `**…**` when
    /// bold (spaces at its ends kept outside the marks, where emphasis can open and close);
    /// a web address as an autolink.
    fn styled(&self, styled: &Styled) -> String {
        let mut out = String::new();
        for span in styled {
            let text = span.text.as_str();
            if is_bare_address(text) {
                let trimmed = text.trim();
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                out.push_str(&escape(lead));
                out.push_str(&self.link(trimmed));
                out.push_str(&escape(trail));
                continue;
            }
            let core = text.trim();
            if core.is_empty() || !(span.italic || span.bold) {
                out.push_str(&escape(text));
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            let marks = match (span.italic, span.bold) {
                (true, true) => "***",
                (true, false) => "*",
                _ => "**",
            };
            out.push_str(&escape(lead));
            out.push_str(marks);
            out.push_str(&escape(core));
            out.push_str(marks);
            out.push_str(&escape(trail));
        }
        out
    }

    /// The mark a draft sets after the note of a quotation not verified: ` **[not
    /// verified: quote-not-found]**`; nothing otherwise.
    fn flag(&self, n: &usize) -> String {
        match &self.b.notes[n - 1].flag {
            Some(flag) => format!(" **\\[not verified: {}\\]**", escape(&flag.code)),
            None => String::new(),
        }
    }

    /// The `#` marks of a heading at `depth` (1 for a top-level section, which is `##`).
    fn hashes(&self, depth: &usize) -> &'static str {
        &"######"[..(depth + 1).min(6)]
    }

    /// `url` as a CommonMark autolink when it is one (backslash escapes do not work inside
    /// autolinks, and GitHub would cut an escaped bare URL short), else as escaped text.
    fn link(&self, url: &str) -> String {
        let scheme = url.split(':').next().unwrap_or_default();
        let scheme_ok = (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
        let body_ok = !url
            .chars()
            .any(|c| c.is_ascii_control() || c.is_whitespace() || c == '<' || c == '>');
        if scheme_ok && body_ok && url.len() > scheme.len() + 1 {
            format!("<{url}>")
        } else {
            escape(url)
        }
    }
}

/// Characters that mean something anywhere in CommonMark or its common extensions
/// (tables, footnotes, strikethrough, math, superscript).
const ALWAYS: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '&', '~', '$', '!', '^',
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
/// whitespace runs (line breaks included) turned to one space so it cannot start a new block.
pub fn escape(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    for (i, piece) in text.split(is_space).enumerate() {
        if i > 0 && !flat.ends_with(' ') {
            flat.push(' ');
        }
        flat.push_str(piece);
    }
    let marker = opens_block(&flat);
    let mut links = autolink_starts(&flat).into_iter().peekable();
    let mut out = String::with_capacity(flat.len() + flat.len() / 8);
    for (i, c) in flat.char_indices() {
        if links.next_if_eq(&i).is_some() {
            // GitHub's renderer (cmark-gfm) links a bare address and keeps the backslash of
            // every escape inside it; a character reference for its first letter keeps it
            // text, read the same by every CommonMark parser.
            out.push_str(&format!("&#{};", c as u32));
            continue;
        }
        if c == '\u{b}' {
            // A vertical tab is whitespace to CommonMark (trimmed at a paragraph's ends) but
            // not to the matcher: a character reference keeps it.
            out.push_str("&#11;");
            continue;
        }
        if ALWAYS.contains(&c) || marker == Some(i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where in `text` GitHub's extended autolinks could start, in order: every `http://`,
/// `https://`, `ftp://` and `www.` (any case), whatever stands before it (GitHub links after
/// `:`, `"`, `/`, `[` and more).
fn autolink_starts(text: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    let mut starts: Vec<usize> = ["http://", "https://", "ftp://", "www."]
        .iter()
        .flat_map(|prefix| lower.match_indices(prefix).map(|(at, _)| at))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
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
        assert_eq!(escape("  \t  - indented"), r" \- indented");
    }

    #[test]
    fn urls_become_autolinks_only_when_they_are_valid() {
        let template = MarkdownBriefing {
            b: &crate::render::view::Briefing::default(),
        };
        let url = "https://en.wikipedia.org/wiki/Russia%E2%80%93Hamas_relations";
        assert_eq!(template.link(url), format!("<{url}>"));
        assert_eq!(read_back(&template.link(url)), url);
        assert_eq!(template.link("see *the* archive"), r"see \*the\* archive");
        // Not an autolink: text, which GitHub must not link either.
        assert_eq!(template.link("http://a b"), "&#104;ttp://a b");
        assert_eq!(read_back(&template.link("http://a_b c")), "http://a_b c");
    }

    #[test]
    fn carets_cannot_make_superscript() {
        assert_eq!(read_back(&escape("^“^😀")), "^“^😀");
    }

    /// The text a CommonMark parser reads from `markdown`, with every extension it has
    /// except smart punctuation (which no GitHub-flavoured renderer applies).
    pub(crate) fn read_back(markdown: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t)
                | Event::Code(t)
                | Event::InlineMath(t)
                | Event::Html(t)
                | Event::InlineHtml(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        text
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn escaped_text_reads_back_unchanged(
            text in "[ -~\n\t\u{b}“”‘’\u{301}\u{5d0}-\u{5ea}\u{1f600}]{0,60}"
        ) {
            let markdown = format!("{}\n", escape(&text));
            proptest::prop_assert_eq!(read_back(&markdown), crate::text::whitespace::collapse(&text));
        }
    }
}
