//! Property: any text the Markdown escaper writes reads back from a CommonMark parser as the
//! text itself, whitespace runs as one space (the oracle of `escaped_text_reads_back_unchanged`
//! in `src/render/markdown.rs`, over every string instead of a character class).
//!
//! Shared by the `markdown_escape` fuzz target and `tests/cli/fuzz_regressions.rs`.

use pulldown_cmark::{Event, Options, Parser};
use report::render::markdown::escape;
use report::text::whitespace::collapse;

/// Checks the property for one input; panics when it does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let markdown = format!("{}\n", escape(text));
    // No character is excepted: CommonMark lets a parser replace U+0000 with U+FFFD (spec
    // section 2.3), which no escaping could prevent, but pulldown-cmark keeps it; and control
    // characters the parser trims (a vertical tab ending a paragraph) could be written as
    // character references, so losing one is the escaper's fault.
    assert_eq!(
        read_back(&markdown),
        collapse(text),
        "the Markdown {markdown:?} does not read back as the text"
    );
}

/// The text a CommonMark parser reads from `markdown`, with every extension it has except
/// smart punctuation (which no GitHub-flavoured renderer applies).
fn read_back(markdown: &str) -> String {
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
