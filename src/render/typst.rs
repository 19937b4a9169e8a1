//! Typst output: the briefing through `report-templates/briefing.typ`, and its escaper.
//!
//! Typst markup is a language (`#`, `$`, `*`, `_`, `@`, `<`, `//` …) and also rewrites plain
//! text (smart quotes, `...`, `--`, `~`). Outline text therefore never enters the file as
//! markup: the template places every value inside a string literal, `#"…";`, whose body the
//! [`TypstString`] escaper writes. A string shown as content is set exactly as it is.

use std::fmt::{self, Write};

use askama::Template;

use crate::render::citations::{self, Markup, Styled};
use crate::render::config::Paper;
use crate::render::view::{Block, Briefing, Note};

/// The Typst briefing template.
#[derive(Template)]
#[template(path = "briefing.typ")]
struct TypstBriefing<'a> {
    b: &'a Briefing,
    paper: &'static str,
}

/// Renders `briefing` as a self-contained Typst document on `paper`.
pub fn render(briefing: &Briefing, paper: Paper) -> Result<String, askama::Error> {
    let paper = match paper {
        Paper::A4 => "a4",
        Paper::UsLetter => "us-letter",
    };
    TypstBriefing { b: briefing, paper }.render()
}

impl TypstBriefing<'_> {
    /// The heading marks (`=`) of a section at `depth`.
    fn equals(&self, depth: &usize) -> String {
        "=".repeat(*depth)
    }

    /// Formatted text as Typst content: each span a string literal, in `#emph[…]` when
    /// italic and `#strong[…]` when bold, a web address it links to as `#link(…)`.
    fn styled(&self, styled: &Styled) -> String {
        citations::write(
            styled,
            &Markup {
                text: |text| format!("#\"{}\";", escape(text)),
                italic: |piece| format!("#emph[{piece}]"),
                bold: |piece| format!("#strong[{piece}]"),
                link: |url, piece| format!("#link(\"{}\")[{piece}]", escape(url)),
            },
        )
    }

    /// The mark a draft sets after the note of a quotation not verified; nothing otherwise.
    fn flag(&self, n: &usize) -> String {
        self.mark(self.note(n))
    }

    /// The mark a draft sets after `note` of a quotation not verified; nothing otherwise.
    fn mark(&self, note: &Note) -> String {
        match &note.flag {
            Some(flag) => format!(
                "#text(fill: rgb(\"#a4161a\"), weight: \"bold\", size: 0.85em)[#\" [not verified: {}]\";]",
                escape(&flag.code)
            ),
            None => String::new(),
        }
    }

    /// What a draft's note says of its quotation not verified; nothing otherwise.
    fn flag_note(&self, note: &Note) -> String {
        match &note.flag {
            Some(flag) => format!(
                " #text(fill: rgb(\"#a4161a\"), weight: \"bold\")[#\"Not verified ({}):\";] #\"{}\";",
                escape(&flag.code),
                escape(&flag.reason)
            ),
            None => String::new(),
        }
    }

    /// The body of note number `n` (from 1): the quote, then its citation.
    fn note_body(&self, n: &usize) -> String {
        let note = self.note(n);
        let mut body = format!(
            "“#\"{}\";” --- {}",
            escape(&note.quote),
            self.styled(&note.citation)
        );
        if let Some(heading) = &note.heading {
            body.push_str(&format!(" Under “#\"{}\";”.", escape(heading)));
        }
        body.push_str(&self.flag_note(note));
        body
    }

    /// Note number `n` (numbered from 1).
    fn note(&self, n: &usize) -> &Note {
        &self.b.notes[n - 1]
    }
}

/// The askama escaper for Typst: writes text as the body of a Typst string literal.
#[derive(Debug, Clone, Copy, Default)]
pub struct TypstString;

impl askama::filters::Escaper for TypstString {
    fn write_escaped_str<W: Write>(&self, mut dest: W, text: &str) -> fmt::Result {
        for c in text.chars() {
            match c {
                '\\' => dest.write_str("\\\\")?,
                '"' => dest.write_str("\\\"")?,
                '\n' => dest.write_str("\\n")?,
                '\r' => dest.write_str("\\r")?,
                '\t' => dest.write_str("\\t")?,
                c if c.is_control() => write!(dest, "\\u{{{:x}}}", c as u32)?,
                c => dest.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// `text` as the body of a Typst string literal (what the escaper writes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    askama::filters::Escaper::write_escaped_str(&TypstString, &mut out, text)
        .expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_string_syntax_is_escaped() {
        assert_eq!(
            escape(r#"#read("/etc/passwd") \ *b* $x$"#),
            r#"#read(\"/etc/passwd\") \\ *b* $x$"#
        );
        assert_eq!(escape("a\nb\u{7}c"), "a\\nb\\u{7}c");
    }
}
