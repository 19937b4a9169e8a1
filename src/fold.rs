//! Typographic folding, for finding and explaining near misses only.
//!
//! Folding maps case, curly and straight quotation marks, apostrophes, dashes and Unicode
//! spaces onto one form each, so that `Don’t` and `don't` look alike to the near-miss search.
//! Nothing folded ever counts as verified: verification is exact ([`crate::matcher`]).

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// The plain form of a character that only typography tells apart, or `c` itself.
pub fn plain(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// `text` with every character made [`plain`] and lowercased, and whitespace runs collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().map(plain).flat_map(char::to_lowercase) {
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The key of a word for near-miss search: its folded letters and digits, without the
/// punctuation around them (`“Hamas,”` and `Hamas` share a key). A word of punctuation
/// only keeps its punctuation.
pub fn word_key(word: &str) -> u64 {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    let core = if core.is_empty() { word } else { core };
    let mut hasher = FxHasher::default();
    // Both paths feed the hasher the same values, so `don’t` and `don't` share a key.
    if core.is_ascii() {
        for b in core.bytes() {
            hasher.write_u32(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in core.chars().map(plain).flat_map(char::to_lowercase) {
            hasher.write_u32(c as u32);
        }
    }
    hasher.finish()
}

/// The words of `text` with their byte offsets. Any whitespace separates words here, a
/// no-break space included, so that `Mr\u{a0}Putin` lines up with `Mr Putin`.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        .map(move |word| (word.as_ptr() as usize - base, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_and_case_fold_away() {
        assert_eq!(
            fold("“Don’t” — it’s\u{a0}10\u{2013}12 A.M…"),
            fold("\"don't\" - it's 10-12 a.m.")
        );
        assert_ne!(fold("Hamas as a"), fold("Hamas a"));
    }

    #[test]
    fn word_keys_ignore_surrounding_punctuation_and_case() {
        assert_eq!(word_key("“Hamas,”"), word_key("hamas"));
        assert_eq!(word_key("don’t"), word_key("Don't"));
        assert_ne!(word_key("Hamas"), word_key("Hama"));
        assert_eq!(word_key("—"), word_key("-"));
        assert_eq!(word_key("Ésta"), word_key("ésta"));
    }

    #[test]
    fn words_carry_their_offsets() {
        let found: Vec<_> = words("a bb  c\u{a0}d").collect();
        assert_eq!(found, [(0, "a"), (2, "bb"), (6, "c"), (9, "d")]);
    }
}
