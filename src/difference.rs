//! How a quote differs from the passage nearest to it: a word-level diff (the `similar`
//! crate), a likeness figure, and the kind of difference, as data a printer can word.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices, capture_diff_slices_deadline};

use crate::fold::fold;

/// How long a character-level comparison may take before it settles for a rougher answer.
const CHAR_DIFF_TIMEOUT: Duration = Duration::from_millis(50);

/// A quote compared with a passage of its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Character-level likeness, from 0 to 1.
    pub similarity: f64,
    /// The word-level diff from the quote to the passage.
    pub diff: Vec<DiffSpan>,
    /// What kind of difference it is.
    pub difference: Difference,
}

/// Which text a stretch of a diff belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Both the quote and the source have it.
    Both,
    /// Only the quote has it: the source does not say this.
    Quote,
    /// Only the source has it: the quote leaves it out.
    Source,
}

impl Side {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Both => "both",
            Side::Quote => "quote",
            Side::Source => "source",
        }
    }
}

/// A stretch of words on one side of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSpan {
    /// Whose words these are.
    pub side: Side,
    /// The words, separated by single spaces.
    pub text: String,
}

/// The kind of difference between a quote and its nearest passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The same words, written with other typography or case: each pair is what the source
    /// writes and what the quote has instead.
    Typographic(Vec<Substitution>),
    /// Words differ.
    Words {
        /// Words of the quote written otherwise in the source.
        changed: Vec<Substitution>,
        /// Words only the quote has.
        added: Vec<String>,
        /// Words of the source the quote leaves out.
        dropped: Vec<String>,
    },
}

/// One difference: what the source writes, and what the quote has in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// The source's text.
    pub source: String,
    /// The quote's text.
    pub quote: String,
}

/// Compares whitespace-collapsed `quote` with whitespace-collapsed `passage`.
pub fn compare(quote: &str, passage: &str) -> Comparison {
    let quote_words: Vec<&str> = quote.split(' ').collect();
    let passage_words: Vec<&str> = passage.split(' ').collect();
    let ops = capture_diff_slices(Algorithm::Patience, &quote_words, &passage_words);
    let difference = if fold(quote) == fold(passage) {
        Difference::Typographic(typographic(
            quote,
            passage,
            &ops,
            &quote_words,
            &passage_words,
        ))
    } else {
        words_changed(&ops, &quote_words, &passage_words)
    };
    let similarity = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(CHAR_DIFF_TIMEOUT)
        .diff_chars(quote, passage)
        .ratio();
    Comparison {
        similarity: f64::from(similarity),
        diff: spans(&ops, &quote_words, &passage_words),
        difference,
    }
}

/// The diff as stretches of words, neighbours on the same side joined.
fn spans(ops: &[DiffOp], quote: &[&str], passage: &[&str]) -> Vec<DiffSpan> {
    let mut spans: Vec<DiffSpan> = Vec::new();
    let mut push = |side: Side, words: &[&str]| {
        if words.is_empty() {
            return;
        }
        let text = words.join(" ");
        match spans.last_mut() {
            Some(last) if last.side == side => {
                last.text.push(' ');
                last.text.push_str(&text);
            }
            _ => spans.push(DiffSpan { side, text }),
        }
    };
    for op in ops {
        let (_, old, new) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => push(Side::Both, &quote[old]),
            _ => {
                push(Side::Quote, &quote[old]);
                push(Side::Source, &passage[new]);
            }
        }
    }
    spans
}

fn words_changed(ops: &[DiffOp], quote: &[&str], passage: &[&str]) -> Difference {
    let (mut changed, mut added, mut dropped) = (Vec::new(), Vec::new(), Vec::new());
    for op in ops {
        let (_, old, new) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { .. } => added.push(quote[old].join(" ")),
            DiffOp::Insert { .. } => dropped.push(passage[new].join(" ")),
            DiffOp::Replace { .. } => changed.push(Substitution {
                source: passage[new].join(" "),
                quote: quote[old].join(" "),
            }),
        }
    }
    Difference::Words {
        changed,
        added,
        dropped,
    }
}

/// What typography differs, word by word where the words pair up, else character by character.
fn typographic(
    quote: &str,
    passage: &str,
    ops: &[DiffOp],
    quote_words: &[&str],
    passage_words: &[&str],
) -> Vec<Substitution> {
    let mut found = Vec::new();
    for op in ops {
        let (_, old, new) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Replace { .. } if old.len() == new.len() => {
                for (q, s) in quote_words[old].iter().zip(&passage_words[new]) {
                    found.extend(characters(q, s));
                }
            }
            _ => {
                found = characters(quote, passage);
                break;
            }
        }
    }
    let mut unique = Vec::new();
    for substitution in found {
        if !unique.contains(&substitution) {
            unique.push(substitution);
        }
    }
    unique
}

/// The differing stretches of two texts that fold alike; a difference of case shows the whole word.
fn characters(quote: &str, source: &str) -> Vec<Substitution> {
    if quote.to_lowercase() == source.to_lowercase() {
        return vec![Substitution {
            source: source.into(),
            quote: quote.into(),
        }];
    }
    let (quote, source): (Vec<char>, Vec<char>) =
        (quote.chars().collect(), source.chars().collect());
    let deadline = Instant::now() + CHAR_DIFF_TIMEOUT;
    capture_diff_slices_deadline(Algorithm::Myers, &quote, &source, Some(deadline))
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| {
            let (_, old, new) = op.as_tag_tuple();
            Substitution {
                source: source[new].iter().collect(),
                quote: quote[old].iter().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(source: &str, quote: &str) -> Substitution {
        Substitution {
            source: source.into(),
            quote: quote.into(),
        }
    }

    #[test]
    fn a_dropped_word_is_marked_and_named() {
        let c = compare(
            "Russia has not designated Hamas a terrorist organization",
            "Russia has not designated Hamas as a terrorist organization",
        );
        assert_eq!(
            c.diff,
            [
                DiffSpan {
                    side: Side::Both,
                    text: "Russia has not designated Hamas".into()
                },
                DiffSpan {
                    side: Side::Source,
                    text: "as".into()
                },
                DiffSpan {
                    side: Side::Both,
                    text: "a terrorist organization".into()
                },
            ]
        );
        assert_eq!(
            c.difference,
            Difference::Words {
                changed: vec![],
                added: vec![],
                dropped: vec!["as".into()]
            }
        );
        assert!(
            c.similarity > 0.95 && c.similarity < 1.0,
            "{}",
            c.similarity
        );
    }

    #[test]
    fn curly_apostrophes_and_case_are_typographic() {
        let c = compare(
            "we don't know, said the Minister",
            "We don’t know, said the minister",
        );
        assert_eq!(
            c.difference,
            Difference::Typographic(vec![
                sub("We", "we"),
                sub("’", "'"),
                sub("minister", "Minister")
            ])
        );
    }

    #[test]
    fn a_no_break_space_is_typographic() {
        let c = compare("Mr Putin said", "Mr\u{a0}Putin said");
        assert_eq!(
            c.difference,
            Difference::Typographic(vec![sub("\u{a0}", " ")])
        );
    }

    #[test]
    fn changed_and_added_words_are_told_apart() {
        let c = compare(
            "the council firmly rejected the plan",
            "the council approved the plan",
        );
        assert_eq!(
            c.difference,
            Difference::Words {
                changed: vec![sub("approved", "firmly rejected")],
                added: vec![],
                dropped: vec![]
            }
        );
        let c = compare(
            "the council very much approved the plan",
            "the council approved the plan",
        );
        assert_eq!(
            c.difference,
            Difference::Words {
                changed: vec![],
                added: vec!["very much".into()],
                dropped: vec![]
            }
        );
    }
}
