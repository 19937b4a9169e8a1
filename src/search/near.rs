//! The nearest passage of one source to a quote not found in it, located in the source: what
//! the search keeps of [`crate::nearest`]'s answer.

use crate::matching::boundary::on_word_boundaries;
use crate::matching::gap::{
    BRACKET_WORDS, negation_in_sentence_after, negation_in_sentence_before,
};
use crate::matching::pattern::{negation_after, negation_before};
use crate::nearest::{Passage, trim_to};
use crate::sources::Text;
use crate::text::position::{LineCol, ceil_char, floor_char};
use crate::text::whitespace::collapse;

/// The nearest passage to a quote in one source, as the search found it there.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Word-level likeness to the quote ([`Passage::likeness`]).
    pub likeness: f64,
    /// Where the passage starts.
    pub at: LineCol,
    /// The page it starts on, for a text with pages.
    pub page: Option<usize>,
    /// The passage, whitespace-collapsed, trimmed to the quote's punctuation.
    pub text: String,
    /// Whether the search ran out of budget: a nearer passage may exist.
    pub cut_short: bool,
    /// The source's words the passage cuts at its ends, when it is the quote verbatim but
    /// begins or ends inside a word or a number (`large` of `large-scale`).
    pub cuts: Vec<String>,
    /// The negation the source has next to the passage, when the passage is the quote
    /// verbatim but the quote leaves that negation out (`not` before `designated Hamas`).
    pub negation: Option<String>,
    /// Whether the negation is not beside the passage but in the rest of its sentence, which
    /// only an ellipsis at the quote's end leaves out: the only other way a passage that is
    /// the quote verbatim fails.
    pub negation_in_sentence: bool,
}

/// The `passage` of `text` found nearest to `query`, if it is close enough to show.
pub(crate) fn candidate(text: &Text, query: &str, passage: Passage) -> Option<Candidate> {
    if !passage.is_close() {
        return None;
    }
    let found = &text.text[passage.range.clone()];
    let trimmed = trim_to(query, found);
    let words = collapse(&found[trimmed.clone()]);
    let start = passage.range.start + trimmed.start;
    let verbatim = words == collapse(query);
    let cuts = match verbatim {
        true => cut_words(&text.text, start..start + trimmed.len()),
        false => cut_letters(&collapse(query), &words),
    };
    let end = start + trimmed.len();
    let whole = verbatim && cuts.is_empty();
    let beside = whole
        .then(|| {
            negation_before(&text.text, start, BRACKET_WORDS)
                .or_else(|| negation_after(&text.text, end, BRACKET_WORDS))
        })
        .flatten();
    let in_sentence = (whole && beside.is_none())
        .then(|| {
            negation_in_sentence_after(&text.text, end)
                .or_else(|| negation_in_sentence_before(&text.text, start))
        })
        .flatten();
    let negation = beside.or(in_sentence).map(str::to_owned);
    Some(Candidate {
        likeness: passage.likeness(),
        at: text.line_col(start),
        page: text.page_of(start),
        text: words,
        cut_short: passage.cut_short,
        cuts,
        negation,
        negation_in_sentence: in_sentence.is_some(),
    })
}

/// The words of `text` that `range` begins or ends inside, as the match judges words (a
/// number's groups are one word): each up to [`SHOWN`] bytes either side of the cut, so that
/// a source of one endless word cannot fill a message.
fn cut_words(text: &str, range: std::ops::Range<usize>) -> Vec<String> {
    let between = |at: usize| on_word_boundaries(text, at..at);
    let mut cuts = Vec::new();
    for at in [range.start, range.end] {
        if between(at) {
            continue;
        }
        let (mut start, mut end) = (at, at);
        let floor = ceil_char(text, at.saturating_sub(SHOWN));
        while let Some(c) = text[floor..start].chars().next_back() {
            if c.is_whitespace() && between(start) {
                break;
            }
            start -= c.len_utf8();
        }
        let ceiling = floor_char(text, (at + SHOWN).min(text.len()));
        while let Some(c) = text[end..ceiling].chars().next() {
            if c.is_whitespace() && between(end) {
                break;
            }
            end += c.len_utf8();
        }
        let mut word = collapse(&text[start..end]);
        if start == floor && floor > 0 {
            word.insert(0, '…');
        }
        if end == ceiling && ceiling < text.len() {
            word.push('…');
        }
        if !cuts.contains(&word) {
            cuts.push(word);
        }
    }
    cuts
}

/// The most bytes of a cut word shown on either side of the cut.
const SHOWN: usize = 64;

/// The passage's words the quote stops inside, when its words are the passage's but for the
/// letters that go on past the quote's first or last word (`terror` of `terrorist`).
fn cut_letters(query: &str, passage: &str) -> Vec<String> {
    let (q, p): (Vec<&str>, Vec<&str>) = (query.split(' ').collect(), passage.split(' ').collect());
    let n = q.len();
    if n != p.len() || n == 0 {
        return Vec::new();
    }
    let goes_on = |rest: &str| rest.starts_with(char::is_alphanumeric);
    let first = (p[0].len() > q[0].len() && p[0].ends_with(q[0]))
        .then(|| &p[0][..p[0].len() - q[0].len()])
        .is_some_and(|rest| rest.ends_with(char::is_alphanumeric));
    let last = (p[n - 1].len() > q[n - 1].len() && p[n - 1].starts_with(q[n - 1]))
        .then(|| &p[n - 1][q[n - 1].len()..])
        .is_some_and(goes_on);
    let middle_same = (1..n.saturating_sub(1)).all(|i| q[i] == p[i]);
    let same = |i: usize| q[i] == p[i];
    let ends_ok = (first || same(0)) && (last || same(n - 1));
    if !(middle_same && ends_ok && (first || last)) {
        return Vec::new();
    }
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let mut cuts = Vec::new();
    if first {
        cuts.push(word(p[0]));
    }
    if last && !(n == 1 && first) {
        cuts.push(word(p[n - 1]));
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_word_is_named_whole_but_never_more_than_a_few_bytes_of_it() {
        let text = "guide developers of large-scale AI; EUR 15 000 000 in reserve";
        let end = text.find("-scale").unwrap();
        assert_eq!(cut_words(text, 0..end), ["large-scale"]);
        let fifteen = text.find("15").unwrap() + 2;
        assert_eq!(cut_words(text, 0..fifteen), ["15 000 000"]);
        assert!(cut_words(text, 0..text.find(" AI").unwrap()).is_empty());
        let endless = format!("x {} y", "z".repeat(1_000_000));
        let cut = cut_words(&endless, 0..100);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].len() <= 2 * SHOWN + 8, "{}", cut[0].len());
        assert!(cut[0].ends_with('…'), "{}", cut[0]);
    }
}
