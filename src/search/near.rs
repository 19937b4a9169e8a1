//! The nearest passage of one source to a quote not found in it, located in the source: what
//! the search keeps of [`crate::nearest`]'s answer.

use crate::matching::gap::BRACKET_WORDS;
use crate::matching::pattern::{negation_after, negation_before};
use crate::nearest::{Passage, trim_to};
use crate::sources::Text;
use crate::text::position::LineCol;
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
    let negation = (verbatim && cuts.is_empty())
        .then(|| {
            negation_before(&text.text, start, BRACKET_WORDS)
                .or_else(|| negation_after(&text.text, end, BRACKET_WORDS))
        })
        .flatten()
        .map(str::to_owned);
    Some(Candidate {
        likeness: passage.likeness(),
        at: text.line_col(start),
        page: text.page_of(start),
        text: words,
        cut_short: passage.cut_short,
        cuts,
        negation,
    })
}

/// The words of `text` that `range` begins or ends inside: the whole run between
/// whitespace at each such end, a number's further groups of digits with it.
fn cut_words(text: &str, range: std::ops::Range<usize>) -> Vec<String> {
    let bytes = text.as_bytes();
    let word_start = |at: usize| {
        let mut i = at;
        while i > 0 && !bytes[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        // A number's groups before: `15 000 000` seen from its last group.
        while i >= 4 && bytes[i - 1] == b' ' && bytes[i - 2].is_ascii_digit() && grouped(text, i) {
            i -= 1;
            while i > 0 && !bytes[i - 1].is_ascii_whitespace() {
                i -= 1;
            }
        }
        i
    };
    let word_end = |at: usize| {
        let mut i = at;
        loop {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i + 1 < bytes.len() && bytes[i] == b' ' && grouped(text, i + 1) {
                i += 1;
                continue;
            }
            return i;
        }
    };
    // Inside a word or a number by the rules the match applies, at that end alone.
    let inside = |at: usize| !crate::matching::boundary::on_word_boundaries(text, at..at);
    let mut cuts = Vec::new();
    for at in [range.start, range.end] {
        if inside(at) {
            let word = collapse(&text[word_start(at)..word_end(at)]);
            if !cuts.contains(&word) {
                cuts.push(word);
            }
        }
    }
    cuts
}

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

/// Whether byte `at` of `text` starts the second or later group of a number written with
/// spaces: three digits after a space that follows a digit.
fn grouped(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    at >= 2
        && at <= text.len()
        && bytes[at - 1] == b' '
        && bytes[at - 2].is_ascii_digit()
        && bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
            == 3
        && bytes.get(at + 3).is_none_or(|b| !b.is_ascii_digit())
}
