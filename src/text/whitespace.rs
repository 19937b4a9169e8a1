//! Whitespace normalisation: every run of ASCII whitespace counts as one space.
//!
//! Quotes are collapsed here before matching; sources are compared in place (see
//! `matching/pattern.rs`). Only whitespace is folded; case, quotation marks and dashes never
//! are.

/// Whether `c` counts as whitespace for matching: space, tab, line feed, form feed, carriage
/// return.
///
/// No-break spaces and other Unicode spaces are deliberately left out: they are typographic
/// choices a writer must reproduce, not layout.
pub fn is_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// `text` trimmed, with every inner whitespace run collapsed to one space.
pub fn collapse(text: &str) -> String {
    let bytes = text.as_bytes();
    // Most text comes so already: one space between words, none at the ends.
    let mut after_space = true;
    let collapsed = bytes.iter().all(|&b| {
        let space = b.is_ascii_whitespace();
        let fits = !space || (b == b' ' && !after_space);
        after_space = space;
        fits
    });
    if collapsed && !after_space || text.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // Whitespace is ASCII, so every edge found byte by byte lies between characters: each
    // word is copied whole.
    while let Some(start) = bytes[at..].iter().position(|b| !b.is_ascii_whitespace()) {
        let start = at + start;
        let end = (bytes[start..].iter().position(u8::is_ascii_whitespace))
            .map_or(bytes.len(), |n| start + n);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..end]);
        at = end;
    }
    out
}

/// `text` with every whitespace run, at its ends too, as one space: a piece of a longer text
/// collapsed so that the pieces join as the whole would.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match is_space(c) {
            true if out.ends_with(' ') => {}
            true => out.push(' '),
            false => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_keeps_one_space_at_each_end() {
        assert_eq!(fold("  a \n b\t"), " a b ");
        assert_eq!(fold("a"), "a");
        assert_eq!(fold(" \n "), " ");
    }

    proptest::proptest! {
        /// Cut byte by byte, the text is collapsed as cut character by character.
        #[test]
        fn collapsing_keeps_each_word_and_one_space_between(
            text in "[ \t\n\r\u{c}\u{a0}\u{2009}a-cé…]{0,40}",
        ) {
            let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(collapse(&text), words.join(" "));
        }
    }

    #[test]
    fn no_break_space_is_not_folded() {
        assert_eq!(collapse("  a\u{a0}\n b "), "a\u{a0} b");
    }
}
