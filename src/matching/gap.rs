//! What may stand in the source between two parts of a quote: the words an ellipsis leaves
//! out, or the few a bracket stands for; and how a stretch of the source is measured for it.
//!
//! An ellipsis may leave words out, never stitch a claim together from words that stand far
//! apart: three dots stay within one paragraph and cross at most [`ELLIPSIS_SENTENCES`]
//! sentence ends (so the parts come from three sentences in a row at most). Four dots, a
//! sentence's period then an ellipsis, are how the style guides leave out whole sentences or
//! paragraphs; they may cross both. Either may skip at most [`MAX_GAP`] characters. A bracket
//! stands for at most [`BRACKET_WORDS`] words of the same sentence.

/// The most characters (whitespace runs counting as one) allowed between two parts.
pub const MAX_GAP: usize = 2_000;

/// The most sentence ends a three-dot ellipsis may leave out.
pub const ELLIPSIS_SENTENCES: usize = 2;

/// The most source words a bracket (or, in the `ap` profile, a parenthesis) may stand for.
pub const BRACKET_WORDS: usize = 5;

/// The most characters a bracket may stand for.
const BRACKET_CHARS: usize = 100;

/// What stands in the source between two parts of a quote, in order of how much each allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Join {
    /// A bracket or an insertion in parentheses: at most a few words of the same sentence.
    Bracket,
    /// Three dots: words left out within a paragraph.
    Ellipsis,
    /// Four dots (a period, then an ellipsis): whole sentences or paragraphs left out.
    Sentences,
}

/// A stretch of the source, measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    /// Characters, each run of ASCII whitespace counting as one.
    pub chars: usize,
    /// Words: runs of anything but ASCII whitespace.
    pub words: usize,
    /// Sentence ends ([`is_sentence_end`]).
    pub sentences: usize,
    /// Paragraph breaks: blank lines.
    pub paragraphs: usize,
}

impl Join {
    /// The most characters the join may skip.
    pub fn max_chars(self) -> usize {
        match self {
            Join::Ellipsis | Join::Sentences => MAX_GAP,
            Join::Bracket => BRACKET_CHARS,
        }
    }

    /// Whether the join may stand for `gap`.
    pub fn allows(self, gap: &Gap) -> bool {
        gap.chars <= self.max_chars()
            && match self {
                Join::Ellipsis => gap.paragraphs == 0 && gap.sentences <= ELLIPSIS_SENTENCES,
                Join::Sentences => true,
                Join::Bracket => {
                    gap.words <= BRACKET_WORDS && gap.sentences == 0 && gap.paragraphs == 0
                }
            }
    }
}

/// The stretch `range` of `text` measured, judged in the whole text's context (a full stop
/// at the stretch's end is judged by what follows it).
pub fn measure(text: &str, range: std::ops::Range<usize>) -> Gap {
    let mut counter = Counter::from(text, range.start);
    counter.at(text, range.end)
}

/// Measures from a place in a text to offsets asked in increasing order, each byte looked
/// at once.
#[derive(Debug)]
pub(crate) struct Counter {
    at: usize,
    gap: Gap,
    in_space: bool,
    newline: bool,
}

impl Counter {
    /// A counter from byte `start` of `text`.
    pub(crate) fn from(text: &str, start: usize) -> Self {
        let before = start.checked_sub(1).map(|i| text.as_bytes()[i]);
        Self {
            at: start,
            gap: Gap::default(),
            in_space: before.is_none_or(|b| b.is_ascii_whitespace()),
            newline: before == Some(b'\n'),
        }
    }

    /// The measure from the start to `offset`; `offset` at least the last one asked.
    pub(crate) fn at(&mut self, text: &str, offset: usize) -> Gap {
        let from = self.at.min(offset);
        for (i, &b) in (from..offset).zip(&text.as_bytes()[from..offset]) {
            let space = b.is_ascii_whitespace();
            // A character's first byte counts; a run of whitespace counts once.
            if (b & 0xc0) != 0x80 && !(space && self.in_space) {
                self.gap.chars += 1;
            }
            if !space && self.in_space {
                self.gap.words += 1;
            }
            if b == b'\n' {
                self.gap.paragraphs += usize::from(self.newline);
                self.newline = true;
            } else if !space {
                self.newline = false;
            }
            if matches!(b, b'.' | b'!' | b'?') && is_sentence_end(text, i) {
                self.gap.sentences += 1;
            }
            self.in_space = space;
        }
        self.at = self.at.max(offset);
        self.gap
    }
}

/// Words a full stop after which does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt",
    "no", "nos", "art", "arts", "para", "p", "pp", "vol", "ch", "fig", "inc", "ltd", "co", "vs",
    "v", "etc",
];

/// Whether the `.`, `!` or `?` at byte `at` of `text` ends a sentence: closing quotes or
/// brackets may follow, then whitespace; a full stop after an initial (`J.`), inside a
/// dotted abbreviation (`U.S.`, `e.g.`) or after a common abbreviation (`Dr.`, `No.`) does
/// not, nor one before a lowercase word.
pub fn is_sentence_end(text: &str, at: usize) -> bool {
    let rest = &text[at + 1..];
    let after = rest.trim_start_matches(['"', '\'', '”', '’', ')', ']', '»']);
    if !after.starts_with(|c: char| c.is_whitespace()) {
        return false;
    }
    if after.trim_start().starts_with(char::is_lowercase) {
        return false;
    }
    if text.as_bytes()[at] != b'.' {
        return true;
    }
    let word = text[..at]
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    let last = word.rsplit('.').next().unwrap_or("");
    let lower = last.to_lowercase();
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    !(word.contains('.') || initial || ABBREVIATIONS.contains(&lower.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_told_from_abbreviations_and_initials() {
        let text = "The U.S. Senate met. Dr. Smith and J. Doe left! Was it so? \
                    See No. 5, e.g. here. He said “stop.” Then 3.5 left.";
        let ends: Vec<&str> = (0..text.len())
            .filter(|&i| matches!(text.as_bytes()[i], b'.' | b'!' | b'?'))
            .filter(|&i| is_sentence_end(text, i))
            .map(|i| &text[i.saturating_sub(4)..=i])
            .collect();
        assert_eq!(ends, [" met.", "left!", "t so?", "here.", "stop."]);
    }

    #[test]
    fn a_gap_counts_words_sentences_and_paragraphs() {
        let text = " on Monday. By\n\nFriday  the ";
        let gap = measure(text, 0..text.len());
        assert_eq!(
            gap,
            Gap {
                chars: 25,
                words: 5,
                sentences: 1,
                paragraphs: 1
            }
        );
        assert!(!Join::Ellipsis.allows(&gap));
        assert!(Join::Sentences.allows(&gap));
        assert!(!Join::Bracket.allows(&gap));
        let gap = |inner: &str| {
            let text = format!("x{inner}y");
            measure(&text, 1..text.len() - 1)
        };
        assert_eq!(gap(" It ").words, 1);
        assert!(Join::Bracket.allows(&gap(" It ")));
        assert!(Join::Bracket.allows(&gap(" ")));
        assert!(!Join::Bracket.allows(&gap(" one two three four five six ")));
        assert!(Join::Ellipsis.allows(&gap(" one. Two. Three ")));
        assert!(!Join::Ellipsis.allows(&gap(" one. Two. Three. Four ")));
    }

    #[test]
    fn counting_in_steps_is_counting_at_once() {
        let text = "One. Two\n\nthree  four. Five";
        let mut counter = Counter::from(text, 0);
        for offset in [3, 4, 9, 10, 17, text.len()] {
            assert_eq!(
                counter.at(text, offset),
                measure(text, 0..offset),
                "{offset}"
            );
        }
    }
}
