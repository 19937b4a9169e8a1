//! Typographic folding, for finding and explaining near misses only.
//!
//! Folding maps case, curly and straight quotation marks, apostrophes, dashes and Unicode
//! spaces onto one form each, so that `Don’t` and `don't` look alike to the near-miss search.
//! Nothing folded ever counts as verified: verification is exact ([`crate::matching::pattern`]).

use std::hash::Hasher;

use rustc_hash::FxHasher;
use unicode_normalization::UnicodeNormalization;

/// The plain form of a character that only typography tells apart, or `c` itself.
pub(crate) fn plain(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// `text` with every character made [`plain`] and lowercased, accents composed (NFC, so a
/// decomposed `é` folds as the composed one), and whitespace runs collapsed.
pub(crate) fn fold(text: &str) -> String {
    let plain: String = text.nfc().map(plain).flat_map(char::to_lowercase).collect();
    crate::text::whitespace::collapse(&plain)
}

/// The key of a word for near-miss search: its folded letters and digits, without the
/// punctuation around them (`“Hamas,”` and `Hamas` share a key). A word of punctuation
/// only keeps its punctuation.
pub(crate) fn word_key(word: &str) -> u64 {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    let core = if core.is_empty() { word } else { core };
    let mut hasher = FxHasher::default();
    // Both paths feed the hasher the same values, so `don’t` and `don't` share a key.
    if core.is_ascii() {
        for b in core.bytes() {
            hasher.write_u32(plain(char::from(b.to_ascii_lowercase())) as u32);
        }
    } else {
        for c in core.nfc().map(plain).flat_map(char::to_lowercase) {
            hasher.write_u32(c as u32);
        }
    }
    hasher.finish()
}

/// The words of `text` with their byte offsets. Any whitespace separates words here, a
/// no-break space included, so that `Mr\u{a0}Putin` lines up with `Mr Putin`; and every dash
/// and every character of a script written without spaces (Chinese, Japanese) is a word of
/// its own, so that `proposal—not` lines up with `proposal — not`, and `经济政策` with `政策`.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        .flat_map(move |word| {
            let offset = word.as_ptr() as usize - base;
            Pieces { word, at: 0 }.map(move |(at, piece)| (offset + at, piece))
        })
}

/// Whether `c` is a word by itself: a dash, or a character of a script without spaces.
pub(crate) fn stands_alone(c: char) -> bool {
    matches!(c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        | '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The pieces of one whitespace-free word: runs of ordinary characters, and characters that
/// [stand alone](stands_alone).
struct Pieces<'a> {
    word: &'a str,
    at: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.word[self.at..];
        let first = rest.chars().next()?;
        let len = if stands_alone(first) {
            first.len_utf8()
        } else {
            rest.char_indices()
                .find(|(_, c)| stands_alone(*c))
                .map_or(rest.len(), |(i, _)| i)
        };
        let start = self.at;
        self.at += len;
        Some((start, &rest[..len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_and_case_fold_away() {
        assert_eq!(
            fold("“Don’t” — it’s\u{a0}10\u{2013}12 A.M."),
            fold("\"don't\" - it's 10-12 a.m.")
        );
        assert_ne!(fold("Hamas as a"), fold("Hamas a"));
        // An ellipsis is a mark of its own, not a full stop in another style.
        assert_ne!(fold("paused… Then"), fold("paused. Then"));
    }

    #[test]
    fn word_keys_ignore_surrounding_punctuation_and_case() {
        assert_eq!(word_key("“Hamas,”"), word_key("hamas"));
        assert_eq!(word_key("don’t"), word_key("Don't"));
        assert_ne!(word_key("Hamas"), word_key("Hama"));
        assert_eq!(word_key("—"), word_key("-"));
        assert_eq!(word_key("Ésta"), word_key("ésta"));
        assert_eq!(word_key("`twas"), word_key("’twas"));
    }

    #[test]
    fn words_carry_their_offsets() {
        let found: Vec<_> = words("a bb  c\u{a0}d").collect();
        assert_eq!(found, [(0, "a"), (2, "bb"), (6, "c"), (9, "d")]);
        let found: Vec<_> = words("so—not 12-14 北京a").collect();
        assert_eq!(
            found,
            [
                (0, "so"),
                (2, "—"),
                (5, "not"),
                (9, "12"),
                (11, "-"),
                (12, "14"),
                (15, "北"),
                (18, "京"),
                (21, "a")
            ]
        );
    }
}
