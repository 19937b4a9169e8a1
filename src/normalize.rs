//! Whitespace-normalised text: every run of ASCII whitespace becomes one space.
//!
//! Matching compares normalised quotes with normalised sources, then maps positions back to
//! the original text. Only whitespace is folded here; case, quotation marks and dashes never are.

/// Whether `c` counts as whitespace for matching: space, tab, line feed, form feed, carriage return.
///
/// No-break spaces and other Unicode spaces are deliberately left out: they are typographic
/// choices a writer must reproduce, not layout.
pub fn is_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// Text with whitespace runs collapsed, and a map from its offsets back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// `(normalised offset, original offset)` at each place where the two stop moving in step:
    /// the start of a collapsed run and the first byte after it.
    anchors: Vec<(usize, usize)>,
}

impl Normalized {
    /// Collapses every whitespace run of `original` to a single space, keeping a map back.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut anchors = vec![(0, 0)];
        let bytes = original.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let run_end = i + bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            text.push_str(&original[copied..i]);
            anchors.push((text.len(), i));
            text.push(' ');
            anchors.push((text.len(), run_end));
            copied = run_end;
            i = run_end;
        }
        text.push_str(&original[copied..]);
        Self { text, anchors }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of normalised byte offset `offset`.
    ///
    /// The single space of a collapsed run maps to the start of the run.
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self.anchors.partition_point(|&(norm, _)| norm <= offset) - 1;
        let (norm, original) = self.anchors[index];
        original + (offset - norm)
    }
}

/// `text` trimmed, with every inner whitespace run collapsed to one space.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn collapses_runs_and_maps_back() {
        let original = "a \t\r\n b  c";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "a b c");
        assert_eq!(n.original_offset(0), 0);
        assert_eq!(n.original_offset(1), 1);
        assert_eq!(n.original_offset(2), 6);
        assert_eq!(n.original_offset(3), 7);
        assert_eq!(n.original_offset(4), 9);
        assert_eq!(n.original_offset(5), 10);
    }

    #[test]
    fn no_break_space_is_not_folded() {
        assert_eq!(Normalized::new("a\u{a0} b").as_str(), "a\u{a0} b");
        assert_eq!(collapse("  a\u{a0}\n b "), "a\u{a0} b");
    }

    proptest! {
        #[test]
        fn every_kept_character_maps_to_itself(original in "[ a\t\nbé\r]{0,40}") {
            let n = Normalized::new(&original);
            for (offset, c) in n.as_str().char_indices() {
                let back = n.original_offset(offset);
                let found = original[back..].chars().next().unwrap();
                if c == ' ' {
                    prop_assert!(is_space(found));
                } else {
                    prop_assert_eq!(found, c);
                }
            }
        }
    }
}
