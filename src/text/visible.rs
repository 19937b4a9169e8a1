//! Text made safe to show: characters a reader cannot see are written as escapes.
//!
//! A no-break space, a zero-width space or a right-to-left override looks like nothing (or
//! reorders what follows) on a terminal, so a finding that showed them raw could make two
//! different texts look the same. They are shown as `<U+202E>` instead.

use std::borrow::Cow;
use std::ops::Range;

/// Whether `c` is shown as an escape: control and format characters (including bidirectional
/// controls and zero-width characters) and every space other than the plain one.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c,
            '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E0FFF}')
}

/// `text` with every [hidden](is_hidden) character written as `<U+XXXX>`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A line of a file made [visible] for a snippet, tabs kept (a snippet renderer
/// lays them out), and `span`, a byte range of `line`, moved to the same text in the result.
pub fn visible_span(line: &str, span: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(line.len() + 16);
    let mut moved = span.clone();
    for (i, c) in line.char_indices() {
        if i == span.start {
            moved.start = out.len();
        }
        if i == span.end {
            moved.end = out.len();
        }
        if is_hidden(c) && c != '\t' {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    if span.start >= line.len() {
        moved.start = out.len();
    }
    if span.end >= line.len() {
        moved.end = out.len();
    }
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped() {
        assert_eq!(
            visible("a\u{a0}b\u{202e}c\u{200b}d\te"),
            "a<U+00A0>b<U+202E>c<U+200B>d<U+0009>e"
        );
        assert_eq!(visible("plain “text” — é"), "plain “text” — é");
    }

    #[test]
    fn a_span_moves_with_the_escapes_before_and_inside_it() {
        let line = "a\u{202e}b: \"c\u{200b}d\"\te";
        let start = line.find('c').unwrap();
        let end = line.find('"').map(|_| line.rfind('"').unwrap()).unwrap();
        let (shown, span) = visible_span(line, start..end);
        assert_eq!(shown, "a<U+202E>b: \"c<U+200B>d\"\te");
        assert_eq!(&shown[span], "c<U+200B>d");
        let (_, at_end) = visible_span(line, line.len()..line.len());
        assert_eq!(at_end, shown.len()..shown.len());
    }
}
