//! Text made safe to show: characters a reader cannot see are written as escapes.
//!
//! A no-break space, a zero-width space or a right-to-left override looks like nothing (or
//! reorders what follows) on a terminal, so a finding that showed them raw could make two
//! different texts look the same. They are shown as `<U+202E>` instead.

use std::borrow::Cow;

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
}
