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
    let mut hasher = FxHasher::default();
    // Every path feeds the hasher the same values, one per character folded, so `don’t` and
    // `don't` share a key. Most words are ASCII, or made only of kana, common Chinese
    // characters or Hangul syllables (which fold to themselves): those are keyed without
    // composing.
    if word.is_ascii() {
        return ascii_key(word.as_bytes());
    } else if word.chars().all(folds_to_itself) {
        for c in word.chars() {
            hasher.write_u32(c as u32);
        }
    } else {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        // Letters and digits of ASCII between typographic quotes (`“Hamas,”`) fold as ASCII.
        if !core.is_empty() && core.is_ascii() {
            return ascii_key(core.as_bytes());
        }
        let core = if core.is_empty() { word } else { core };
        // Composing leaves text that is composed already as it is; most is, and the quick
        // check says so without decomposing it.
        let mut fold = |c: char| (plain(c).to_lowercase()).for_each(|c| hasher.write_u32(c as u32));
        match unicode_normalization::is_nfc_quick(core.chars()) {
            unicode_normalization::IsNormalized::Yes => core.chars().for_each(&mut fold),
            _ => core.nfc().for_each(&mut fold),
        }
    }
    hasher.finish()
}

/// [`word_key`] of a word all of ASCII.
fn ascii_key(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    let start = bytes.iter().position(u8::is_ascii_alphanumeric);
    let core = match start {
        Some(start) => {
            let end = bytes
                .iter()
                .rposition(u8::is_ascii_alphanumeric)
                .unwrap_or(start);
            &bytes[start..=end]
        }
        None => bytes,
    };
    for &b in core {
        hasher.write_u32(u32::from(ASCII_FOLDED[usize::from(b)]));
    }
    hasher.finish()
}

/// What a character is to [`words`]: whitespace between words, a word by itself (a dash, a
/// character of a script without spaces), or part of a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Blank,
    Alone,
    Word,
}

/// [`part`] of each ASCII byte.
const ASCII_PARTS: [Part; 128] = {
    let mut table = [Part::Word; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        table[b] = if c.is_whitespace() {
            Part::Blank
        } else if stands_alone(c) {
            Part::Alone
        } else {
            Part::Word
        };
        b += 1;
    }
    table
};

/// Each ASCII character [`plain`] and in lower case.
const ASCII_FOLDED: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'`' => b'\'',
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => b' ',
            c => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    table
};

/// Whether `c` is a letter that a word's key keeps as it is, alone or beside others of its
/// kind: one of a script without case, composed already and never composed with another
/// character of the set (kana without their combining marks, the common Chinese characters,
/// Hangul syllables without the jamo that may follow them).
fn folds_to_itself(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// The words of `text` with their byte offsets. Any whitespace separates words here, a
/// no-break space included, so that `Mr\u{a0}Putin` lines up with `Mr Putin`; and every dash
/// and every character of a script written without spaces (Chinese, Japanese) is a word of
/// its own, so that `proposal—not` lines up with `proposal — not`, and `经济政策` with `政策`.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]: ASCII is cut byte by byte, other text character by character.
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let first = loop {
            let (part, len) = self.part_at(self.at)?;
            if part != Part::Blank {
                break (part, len);
            }
            self.at += len;
        };
        let start = self.at;
        self.at += first.1;
        if first.0 == Part::Word {
            while let Some((Part::Word, len)) = self.part_at(self.at) {
                self.at += len;
            }
        }
        Some((start, &self.text[start..self.at]))
    }
}

impl Words<'_> {
    /// What the character at byte `at` is to [`words`], and its length: an ASCII byte read
    /// by a table, another character decoded.
    #[inline(always)]
    fn part_at(&self, at: usize) -> Option<(Part, usize)> {
        match *self.text.as_bytes().get(at)? {
            b if b.is_ascii() => Some((ASCII_PARTS[usize::from(b)], 1)),
            _ => (self.text[at..].chars().next()).map(|c| (part(c), c.len_utf8())),
        }
    }
}

/// What `c` is to [`words`].
fn part(c: char) -> Part {
    if c.is_whitespace() {
        Part::Blank
    } else if stands_alone(c) {
        Part::Alone
    } else {
        Part::Word
    }
}

/// Whether `c` is a word by itself: a dash, or a character of a script without spaces.
pub(crate) const fn stands_alone(c: char) -> bool {
    matches!(c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        | '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}')
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

    /// The words of `text` as split at whitespace and then at characters that stand alone,
    /// one by one: what [`words`] gives, worked out plainly.
    fn plain_words(text: &str) -> Vec<(usize, &str)> {
        let base = text.as_ptr() as usize;
        let mut found = Vec::new();
        for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            let offset = word.as_ptr() as usize - base;
            let mut at = 0;
            while let Some(first) = word[at..].chars().next() {
                let len = if stands_alone(first) {
                    first.len_utf8()
                } else {
                    (word[at..].char_indices())
                        .find(|(_, c)| stands_alone(*c))
                        .map_or(word.len() - at, |(i, _)| i)
                };
                found.push((offset + at, &word[at..at + len]));
                at += len;
            }
        }
        found
    }

    /// A word's key worked out the one general way: trimmed, composed, made plain and
    /// lower case, character by character.
    fn plain_key(word: &str) -> u64 {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let core = if core.is_empty() { word } else { core };
        let mut hasher = FxHasher::default();
        for c in core.nfc().map(plain).flat_map(char::to_lowercase) {
            hasher.write_u32(c as u32);
        }
        hasher.finish()
    }

    #[test]
    fn words_and_keys_are_those_of_the_plain_way_for_any_text() {
        // ASCII and not, every kind of whitespace, dashes, scripts without spaces, kana
        // with combining marks, Hangul beside its jamo, accents composed and not, case.
        let pieces = [
            "a",
            "Bc",
            "don't",
            "`twas",
            "“Hamas,”",
            "-",
            "—",
            "\u{2212}",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{a0}",
            "\u{3000}",
            "\u{2028}",
            "经济",
            "政策",
            "か",
            "\u{3099}",
            "が",
            "ア",
            "・",
            "한국",
            "\u{11a8}",
            "e\u{301}",
            "é",
            "İ",
            "ẞ",
            "Ω",
            "12",
            ".",
            "…",
            "\u{f900}",
            "\u{9fff}",
            "\u{309d}",
            "x",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..12 {
                crate::text::xorshift(&mut state);
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let found: Vec<(usize, &str)> = words(&text).collect();
            assert_eq!(found, plain_words(&text), "{text:?}");

            for (_, word) in found {
                assert_eq!(word_key(word), plain_key(word), "{word:?}");
            }
            assert_eq!(word_key(&text), plain_key(&text), "{text:?}");
        }
        // Letters that fold to themselves, together, and beside what composes with them.
        for word in [
            "经济政策",
            "한국어",
            "がかア",
            "가\u{11a8}",
            "か\u{3099}",
            "政\u{3099}",
        ] {
            assert_eq!(word_key(word), plain_key(word), "{word:?}");
        }
        assert_eq!(word_key("가\u{11a8}"), word_key("각"));
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
