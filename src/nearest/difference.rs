//! How a quote differs from the passage nearest to it: a word-level diff (the `similar`
//! crate), a likeness figure, and the kinds of difference, as data a printer can word.
//!
//! Words are compared by their folded keys (`crate::nearest::fold::word_key`) first, so that a word
//! written with other typography pairs up with itself; then the pairs are told apart into
//! typography (quotation marks, apostrophes, dashes, spaces, case) and other changes.

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::nearest::fold::{fold, word_key, words};

/// A quote compared with a passage of its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Character-level likeness, from 0 to 1.
    pub similarity: f64,
    /// The word-level diff from the quote to the passage.
    pub diff: Vec<DiffSpan>,
    /// What differs.
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
    /// The words, as the text has them.
    pub text: String,
}

/// What differs between a quote and its nearest passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Difference {
    /// The same words in other typography or case: what the source writes, and the quote.
    pub typography: Vec<Substitution>,
    /// Words the source writes otherwise (punctuation included).
    pub changed: Vec<Substitution>,
    /// Words only the quote has.
    pub added: Vec<String>,
    /// Words of the source the quote leaves out.
    pub dropped: Vec<String>,
}

impl Difference {
    /// Whether only typography differs: the words are all the same.
    pub fn only_typography(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.dropped.is_empty()
    }
}

/// One difference: what the source writes, and what the quote has in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// The source's text.
    pub source: String,
    /// The quote's text.
    pub quote: String,
}

/// What kind of difference a [`Substitution`] is, where it is one a writer cannot see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nature {
    /// The source holds characters that print as nothing (a soft hyphen, a zero-width space)
    /// that the quote lacks: the source wants cleaning, not the quote copying.
    Hidden,
    /// The same letters, the quote's accents separate characters (`e` + U+0301, as macOS copy
    /// and paste gives them), the source's composed (`é`): the quote wants retyping.
    Decomposed,
    /// The same letters, the source's accents separate characters, the quote's composed: the
    /// source wants converting to NFC.
    DecomposedSource,
    /// The same characters, spaced otherwise (`7 %` and `7%`).
    Spacing,
    /// Anything else: other words, punctuation or marks.
    Other,
}

pub use crate::matching::gap::is_invisible;

impl Substitution {
    /// What kind of difference this is.
    pub fn nature(&self) -> Nature {
        use unicode_normalization::UnicodeNormalization;
        let hidden = |t: &str| t.chars().filter(|&c| is_invisible(c)).count();
        if hidden(&self.source) > hidden(&self.quote) {
            return Nature::Hidden;
        }
        let composed = |t: &str| t.nfc().collect::<String>();
        if composed(&self.source) == composed(&self.quote) {
            let accents = |t: &str| t.chars().any(|c| matches!(c, '\u{300}'..='\u{36f}'));
            return match accents(&self.source) {
                true => Nature::DecomposedSource,
                false => Nature::Decomposed,
            };
        }
        let unspaced = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        if unspaced(&self.source) == unspaced(&self.quote) {
            return Nature::Spacing;
        }
        Nature::Other
    }
}

/// Compares whitespace-collapsed `quote` with `passage`. When the passage runs on past the
/// end of a sentence with words the quote does not have, the quote is compared with the
/// passage cut there: the quote's last words are its own, added (`… the talks with Hamas`
/// against `… the talks. It is`).
pub fn compare(quote: &str, passage: &str) -> Comparison {
    match past_sentence_end(quote, passage) {
        Some(cut) => compare_whole(quote, &passage[..cut]),
        None => compare_whole(quote, passage),
    }
}

/// Where to cut `passage` if the quote's last words stand, in the diff, against words of the
/// passage that start a new sentence.
fn past_sentence_end(quote: &str, passage: &str) -> Option<usize> {
    let q: Vec<(usize, &str)> = words(quote).collect();
    let p: Vec<(usize, &str)> = words(passage).collect();
    let keys = |w: &[(usize, &str)]| w.iter().map(|(_, w)| word_key(w)).collect::<Vec<_>>();
    let ops = diff(Algorithm::Patience, &keys(&q), &keys(&p));
    let DiffOp::Replace {
        new_index,
        new_len,
        old_index,
        old_len,
    } = *ops.last()?
    else {
        return None;
    };
    let ends_both = old_index + old_len == q.len() && new_index + new_len == p.len();
    let before = new_index.checked_sub(1).map(|i| p[i].1)?;
    let ends_sentence = before.ends_with(['.', '!', '?']);
    (ends_both && ends_sentence).then(|| p[new_index].0)
}

fn compare_whole(quote: &str, passage: &str) -> Comparison {
    let passage = passage.trim_end();
    let unspaced = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if quote != passage && unspaced(quote) == unspaced(passage) {
        // The same characters, spaced otherwise (`7%` and `7 %`): a matter of spacing, not
        // of words.
        let difference = Difference {
            typography: vec![respaced(quote, passage)],
            ..Difference::default()
        };
        return Comparison {
            similarity: likeness(quote, passage),
            diff: display(quote, passage),
            difference,
        };
    }
    let q: Vec<(usize, &str)> = words(quote).collect();
    let p: Vec<(usize, &str)> = words(passage).collect();
    let keys = |w: &[(usize, &str)]| w.iter().map(|(_, w)| word_key(w)).collect::<Vec<_>>();
    let ops = diff(Algorithm::Patience, &keys(&q), &keys(&p));
    let mut walk = Walk {
        quote,
        passage,
        q: &q,
        p: &p,
        difference: Difference::default(),
    };
    for op in &ops {
        walk.op(op);
    }
    let mut difference = walk.difference;
    if difference == Difference::default() && quote != passage {
        // The same words, but spaced otherwise (`so—not` and `so — not`, a no-break space).
        difference.typography = characters(quote, passage);
    }
    dedup(&mut difference.typography);
    Comparison {
        similarity: likeness(quote, passage),
        diff: display(quote, passage),
        difference,
    }
}

/// The stretch of whole words where two texts spaced otherwise differ: `7 %` and `7%`.
fn respaced(quote: &str, passage: &str) -> Substitution {
    let q: Vec<&str> = quote.split(' ').collect();
    let p: Vec<&str> = passage.split(' ').collect();
    let head = q.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let tail = (q[head..].iter().rev())
        .zip(p[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    Substitution {
        source: p[head..p.len() - tail].join(" "),
        quote: q[head..q.len() - tail].join(" "),
    }
}

/// Character-level likeness of two texts, from 0 to 1.
fn likeness(quote: &str, passage: &str) -> f64 {
    let ops = diff(
        Algorithm::Myers,
        &quote.chars().collect::<Vec<_>>(),
        &passage.chars().collect::<Vec<_>>(),
    );
    f64::from(similar::diff_ratio(
        &ops,
        quote.chars().count(),
        passage.chars().count(),
    ))
}

/// The diff to show: whole space-separated words, so that a changed dash or apostrophe shows
/// with the word around it (`[-12-14-] [+12–14+]`).
fn display(quote: &str, passage: &str) -> Vec<DiffSpan> {
    let q: Vec<&str> = quote.split(' ').collect();
    let p: Vec<&str> = passage.split(' ').collect();
    let keys = |w: &[&str]| w.iter().map(|w| word_key(w)).collect::<Vec<_>>();
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
    for op in diff(Algorithm::Patience, &keys(&q), &keys(&p)) {
        let (_, old, new) = op.as_tag_tuple();
        if let DiffOp::Equal { .. } = op {
            for (qw, pw) in q[old].iter().zip(&p[new]) {
                if qw == pw {
                    push(Side::Both, &[qw]);
                } else {
                    push(Side::Quote, &[qw]);
                    push(Side::Source, &[pw]);
                }
            }
        } else {
            push(Side::Quote, &q[old]);
            push(Side::Source, &p[new]);
        }
    }
    spans
}

/// The differences, gathered one diff operation at a time.
struct Walk<'a> {
    quote: &'a str,
    passage: &'a str,
    q: &'a [(usize, &'a str)],
    p: &'a [(usize, &'a str)],
    difference: Difference,
}

impl Walk<'_> {
    fn op(&mut self, op: &DiffOp) {
        let (_, old, new) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => {
                for (qi, pi) in old.zip(new) {
                    self.equal_keys(qi, pi);
                }
            }
            DiffOp::Delete { .. } => {
                let words = slice(self.quote, &self.q[old]);
                self.difference.added.push(words.into());
            }
            DiffOp::Insert { .. } => {
                let words = slice(self.passage, &self.p[new]);
                self.difference.dropped.push(words.into());
            }
            DiffOp::Replace { .. } => {
                let (q, p) = (
                    slice(self.quote, &self.q[old]),
                    slice(self.passage, &self.p[new]),
                );
                self.difference.changed.push(Substitution {
                    source: p.into(),
                    quote: q.into(),
                });
            }
        }
    }

    /// Two words with the same key: the same, the same in other typography, or the same
    /// letters with other punctuation.
    fn equal_keys(&mut self, qi: usize, pi: usize) {
        let (q, p) = (self.q[qi].1, self.p[pi].1);
        if q == p {
            return;
        }
        // Punctuation the passage has where the quote stops or starts (`Act.` for the last
        // word `act`) is the passage's reach, not the quote's difference.
        let punctuated = |end: Option<char>| end.is_some_and(|c| !c.is_alphanumeric());
        let mut core = p;
        if qi + 1 == self.q.len() && !punctuated(q.chars().next_back()) {
            core = core.trim_end_matches(|c: char| !c.is_alphanumeric());
        }
        if qi == 0 && !punctuated(q.chars().next()) {
            core = core.trim_start_matches(|c: char| !c.is_alphanumeric());
        }
        if fold(q) == fold(p) {
            self.difference.typography.extend(characters(q, p));
        } else if !core.is_empty() && fold(q) == fold(core) {
            self.difference.typography.extend(characters(q, core));
        } else {
            self.difference.changed.push(Substitution {
                source: p.into(),
                quote: q.into(),
            });
        }
    }
}

/// The text from the first to the last of `words`, as `text` has it.
fn slice<'a>(text: &'a str, words: &[(usize, &str)]) -> &'a str {
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => &text[first.0..last.0 + last.1.len()],
        _ => "",
    }
}

fn dedup(substitutions: &mut Vec<Substitution>) {
    let mut unique: Vec<Substitution> = Vec::new();
    for s in substitutions.drain(..) {
        if !unique.contains(&s) {
            unique.push(s);
        }
    }
    *substitutions = unique;
}

/// The differing stretches of two texts that fold alike; a difference of case shows the whole word.
fn characters(quote: &str, source: &str) -> Vec<Substitution> {
    if quote.to_lowercase() == source.to_lowercase() && !quote.contains(' ') {
        return vec![Substitution {
            source: source.into(),
            quote: quote.into(),
        }];
    }
    let (quote, source): (Vec<char>, Vec<char>) =
        (quote.chars().collect(), source.chars().collect());
    diff(Algorithm::Myers, &quote, &source)
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

/// How long one diff of more than [`UNTIMED`] items may take: past it, the diff is coarser
/// (a longer stretch shown as changed), never wrong, and never a hang on a quote of megabytes.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(250);

/// The most items (characters or words, both sides together) diffed without a clock: a diff
/// of at most this many ends within some ten milliseconds however the two sides differ (12 ms
/// for two random texts of 2,048 letters, the slowest case measured), and the same two texts
/// then give the same diff on a busy machine as on an idle one.
const UNTIMED: usize = 4_096;

/// The differences between `old` and `new` by `algorithm`, within [`DIFF_TIME`] when they
/// are longer than [`UNTIMED`].
fn diff<T: Eq + std::hash::Hash + Ord>(algorithm: Algorithm, old: &[T], new: &[T]) -> Vec<DiffOp> {
    capture_diff_slices_deadline(algorithm, old, new, deadline(old.len() + new.len()))
}

/// The deadline of a diff of `items` items, starting now.
fn deadline(items: usize) -> Option<std::time::Instant> {
    (items > UNTIMED).then(|| std::time::Instant::now() + DIFF_TIME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_of_hundreds_of_words_is_compared_without_a_clock() {
        // 300 words of some 6 characters against a passage as long: no deadline, so a busy
        // machine gives the same comparison as an idle one.
        assert_eq!(deadline(2 * 300 * 6), None);
        assert!(deadline(UNTIMED + 1).is_some());
    }

    fn sub(source: &str, quote: &str) -> Substitution {
        Substitution {
            source: source.into(),
            quote: quote.into(),
        }
    }

    fn span(side: Side, text: &str) -> DiffSpan {
        DiffSpan {
            side,
            text: text.into(),
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
                span(Side::Both, "Russia has not designated Hamas"),
                span(Side::Source, "as"),
                span(Side::Both, "a terrorist organization"),
            ]
        );
        assert_eq!(
            c.difference,
            Difference {
                dropped: vec!["as".into()],
                ..Difference::default()
            }
        );
        assert!(
            c.similarity > 0.95 && c.similarity < 1.0,
            "{}",
            c.similarity
        );
    }

    #[test]
    fn curly_apostrophes_and_case_are_typography() {
        let c = compare(
            "we don't know, said the Minister",
            "We don’t know, said the minister",
        );
        assert!(c.difference.only_typography());
        assert_eq!(
            c.difference.typography,
            [sub("We", "we"), sub("’", "'"), sub("minister", "Minister")]
        );
    }

    #[test]
    fn a_no_break_space_is_typography() {
        let c = compare("Mr Putin said", "Mr\u{a0}Putin said");
        assert!(c.difference.only_typography());
        assert_eq!(c.difference.typography, [sub("Mr\u{a0}Putin", "Mr Putin")]);
        assert_eq!(c.difference.typography[0].nature(), Nature::Spacing);
    }

    #[test]
    fn spacing_around_a_dash_is_typography() {
        let c = compare("the proposal—not now", "the proposal — not now");
        assert!(c.difference.only_typography());
        assert_eq!(
            c.difference.typography,
            [sub("proposal — not", "proposal—not")]
        );
        // A missing space is a matter of spacing, not a missing `%`.
        let c = compare("rose 7% in May", "rose 7 % in May");
        assert_eq!(c.difference.typography, [sub("7 %", "7%")]);
        assert!(c.difference.changed.is_empty() && c.difference.dropped.is_empty());
    }

    #[test]
    fn a_decomposed_accent_and_an_invisible_character_are_named() {
        let c = compare("at the cafe\u{301}s; then", "at the cafés; then");
        assert!(c.difference.only_typography());
        assert_eq!(c.difference.typography[0].nature(), Nature::Decomposed);
        let c = compare("a well-known fact", "a well\u{ad}known fact");
        assert_eq!(c.difference.changed[0].nature(), Nature::Hidden);
    }

    #[test]
    fn words_added_past_the_end_of_the_source_sentence_are_added() {
        let c = compare(
            "declined to comment on the talks with Hamas",
            "declined to comment on the talks. It is",
        );
        assert_eq!(c.difference.added, ["with Hamas"]);
        assert_eq!(c.difference.changed, [sub("talks.", "talks")]);
    }

    #[test]
    fn typography_beside_a_changed_word_is_told_apart() {
        let c = compare(
            "the government \"won't accept\" the plan",
            "the government “won’t accept” the proposal",
        );
        assert_eq!(c.difference.changed, [sub("proposal", "plan")]);
        assert_eq!(
            c.difference.typography,
            [sub("“", "\""), sub("’", "'"), sub("”", "\"")]
        );
        let c = compare(
            "The Minister Said that",
            "The Minister said on Tuesday that",
        );
        assert_eq!(c.difference.dropped, ["on Tuesday"]);
        assert_eq!(c.difference.typography, [sub("said", "Said")]);
        assert!(c.difference.changed.is_empty());
    }

    #[test]
    fn other_punctuation_and_an_ellipsis_are_changes_not_typography() {
        let c = compare("He paused. Then", "He paused… Then");
        assert_eq!(c.difference.changed, [sub("paused…", "paused.")]);
        assert!(c.difference.typography.is_empty());
    }

    #[test]
    fn changed_and_added_words_are_told_apart() {
        let c = compare(
            "the council firmly rejected the plan",
            "the council approved the plan",
        );
        assert_eq!(c.difference.changed, [sub("approved", "firmly rejected")]);
        let c = compare(
            "the council very much approved the plan",
            "the council approved the plan",
        );
        assert_eq!(c.difference.added, ["very much"]);
        assert!(c.difference.changed.is_empty());
    }
}
