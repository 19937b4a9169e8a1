//! Every quote of a source found in one pass over it.
//!
//! The anchor words of all the quotes' fragments (`Pattern::anchor`) go into one
//! Aho-Corasick automaton, which reports every hit of every anchor, overlapping ones too, in a
//! single pass over the source. Each hit is then compared in place with the fragments it
//! anchors (`Pattern::around`). Quotes that overlap each other, share words or share an
//! anchor are all found, since no hit hides another.
//!
//! Up to `PREFILTERED` fragments, the automaton's vectorised prefilter skips through the
//! text between hits. With more (the quotes of many outlines looked for in every source of a
//! folder), anchor words hit at nearly every common word, so the fragments of four words or
//! more are found instead by a pair of their inner words, looked up word by word
//! (`crate::matching::pairs`); the others stay with the automaton. Each fragment is found by one of
//! the two passes, and every place of it is kept.
//!
//! The pass keeps the first place of each fragment, and ends early once every fragment it
//! looks for has one. A quote with ellipses is then placed by its own forward walk
//! (`crate::matching::placement`), which keeps only the places a later fragment could follow.
//!
//! Every pass is charged to a `Budget` proportional to the source's size, far above what
//! real quotes need; past it, the quotes not yet found are [`Miss::CutShort`], never verified.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::matching::pairs::Pairs;
use crate::matching::pattern::{Fragments, Miss, Neighbour, Pattern};
use crate::matching::placement::{Budget, earliest};

/// Most anchor words the automaton's vectorised prefilter takes (Teddy's limit): up to this
/// many fragments, the automaton skips through the text between hits. Beyond it, fragments
/// of four words or more are found by pairs of inner words instead ([`crate::matching::pairs`]).
const PREFILTERED: usize = 64;

/// The longest anchor the automaton holds, in bytes: a longer anchor word is looked for by its
/// first bytes, and compared whole where they stand. An automaton over a 20 MB word would take
/// gigabytes to build.
const LONGEST_ANCHOR: usize = 64;

impl Fragments {
    /// Finds the first placement of every fragment in `text`; returns its byte range. To
    /// find many quotes in one text, [`find_all`] makes one pass for all.
    pub fn find_in(&self, text: &str) -> Result<Range<usize>, Miss> {
        let mut found = find_all(text, &[self]);
        found.pop().unwrap_or(Err(Miss::NotFound))
    }
}

/// Where each of `quotes` first stands in `text`, or how it misses, in the order given.
pub fn find_all(text: &str, quotes: &[&Fragments]) -> Vec<Result<Range<usize>, Miss>> {
    let batch = Batch::new(quotes.iter().map(|q| (*q).clone()).collect());
    let found = batch.find_all(text);
    (quotes.iter())
        .map(|q| found[batch.index_of(q).expect("every quote is in the batch")].clone())
        .collect()
}

/// Quotes to find together, and the automaton over their anchor words: built once, then
/// run over any number of sources (from any number of threads).
#[derive(Debug)]
pub struct Batch {
    quotes: Vec<Fragments>,
    /// Each quote's index in `quotes`.
    index: FxHashMap<Fragments, usize>,
    /// One pattern per fragment of every quote.
    patterns: Vec<Pattern>,
    /// The quote and fragment each pattern is.
    owners: Vec<(usize, usize)>,
    /// The patterns found by a pair of inner words ([`crate::matching::pairs`]).
    pairs: Pairs,
    /// How many fragments each quote has.
    lengths: Vec<usize>,
    /// How many fragments each pass looks for: `[by pairs, by anchor words]`.
    open: [usize; 2],
    /// For each distinct anchor word (the automaton's pattern id), the patterns it anchors.
    anchored: Vec<Anchored>,
    automaton: Option<AhoCorasick>,
}

impl Batch {
    /// A batch of `quotes`; a quote given twice is searched for once.
    pub fn new(mut quotes: Vec<Fragments>) -> Self {
        let mut index = FxHashMap::default();
        quotes.retain(|quote| {
            let first = !index.contains_key(quote);
            if first {
                index.insert(quote.clone(), index.len());
            }
            first
        });
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut words: Vec<Box<str>> = Vec::new();
        let mut anchored: Vec<Anchored> = Vec::new();
        let mut ids: FxHashMap<Box<str>, usize> = FxHashMap::default();
        let mut pairs = Pairs::default();
        let mut by_pair = Vec::new();
        let fragments: usize = quotes.iter().map(Fragments::len).sum();
        let use_pairs = fragments > PREFILTERED;
        for (q, quote) in quotes.iter().enumerate() {
            for f in 0..quote.len() {
                let pattern = quote.pattern(f);
                owners.push((q, f));
                let paired = use_pairs && pairs.add(patterns.len(), &pattern);
                by_pair.push(paired);
                if paired {
                    patterns.push(pattern);
                    continue;
                }
                let (anchor, neighbour) = match pattern.anchor() {
                    long if long.len() > LONGEST_ANCHOR => {
                        let cut = crate::text::position::floor_char(long, LONGEST_ANCHOR);
                        // What follows the first bytes is the anchor's own rest.
                        (&long[..cut], Neighbour::Alone)
                    }
                    whole => (whole, pattern.neighbour()),
                };
                let id = *ids.entry(anchor.into()).or_insert_with(|| {
                    words.push(anchor.into());
                    anchored.push(Anchored::default());
                    words.len() - 1
                });
                anchored[id].add(neighbour, patterns.len());
                patterns.push(pattern);
            }
        }
        // The anchors are words of an outline, which is at most 64 MiB: far from the
        // automaton's limit of 2^31 states. Should a build still fail, nothing is found.
        let automaton = (!words.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(words.iter().map(|w| w.as_bytes()))
                    .ok()
            })
            .flatten();
        let lengths: Vec<usize> = quotes.iter().map(Fragments::len).collect();
        let by_pairs = by_pair.iter().filter(|&&b| b).count();
        let open = [by_pairs, by_pair.len() - by_pairs];
        Self {
            quotes,
            index,
            patterns,
            owners,
            pairs,
            open,
            lengths,
            anchored,
            automaton,
        }
    }

    /// The quotes, in the order given, each once.
    pub fn quotes(&self) -> &[Fragments] {
        &self.quotes
    }

    /// Where `quote` is in [`Batch::quotes`].
    pub fn index_of(&self, quote: &Fragments) -> Option<usize> {
        self.index.get(quote).copied()
    }

    /// Where each quote first stands in `text`, or how it misses, in the order of
    /// [`Batch::quotes`].
    pub fn find_all(&self, text: &str) -> Vec<Result<Range<usize>, Miss>> {
        let mut budget = Budget::new(budget_for(text));
        let found = self.scan(text, &mut budget);
        let cut_short = budget.is_spent();
        let mut placing = Budget::new(budget_for(text));
        self.quotes
            .iter()
            .zip(found)
            .map(|(quote, first)| {
                let missing = first.iter().position(Option::is_none);
                match (missing, first.as_slice()) {
                    (Some(_), _) if cut_short => Err(Miss::CutShort),
                    (Some(_), [_]) => Err(Miss::NotFound),
                    (Some(index), _) => Err(Miss::FragmentMissing { index }),
                    (None, [Some(only)]) => Ok(only.clone()),
                    (None, _) => {
                        let first: Vec<Range<usize>> = first.into_iter().flatten().collect();
                        earliest(text, quote, &first, &mut placing)
                    }
                }
            })
            .collect()
    }

    /// The first place of every fragment (`[quote][fragment]`), if it has one.
    fn scan(&self, text: &str, budget: &mut Budget) -> Vec<Vec<Option<Range<usize>>>> {
        let mut found = Found::new(self, self.open[0], budget);
        self.pairs.scan(text, |p, word, at| {
            found.record(p, || self.patterns[p].around_word(text, word, at));
            found.done()
        });
        found.next_pass(self.open[1]);
        if let Some(automaton) = &self.automaton
            && !found.done()
        {
            for hit in automaton.find_overlapping_iter(text) {
                let anchored = &self.anchored[hit.pattern().as_usize()];
                for &p in anchored.candidates(text.as_bytes(), hit.start(), hit.end()) {
                    found.record(p, || self.patterns[p].around(text, hit.start()));
                }
                if found.done() {
                    break;
                }
            }
        }
        found.places
    }
}

/// The work one pass over `text` may do, in bytes compared: 32 times the text, and 64 MiB
/// more for short texts. Real quotes, even thousands of them, use a small part of it.
fn budget_for(text: &str) -> usize {
    text.len().saturating_mul(32).saturating_add(64 << 20)
}

/// The first places found so far by a batch's passes, and how many fragments the current
/// pass has yet to find.
struct Found<'b> {
    batch: &'b Batch,
    places: Vec<Vec<Option<Range<usize>>>>,
    open: usize,
    budget: &'b mut Budget,
}

impl<'b> Found<'b> {
    /// Nothing found yet; the first pass looks for `open` fragments.
    fn new(batch: &'b Batch, open: usize, budget: &'b mut Budget) -> Self {
        let places = batch.lengths.iter().map(|&n| vec![None; n]).collect();
        Self {
            batch,
            places,
            open,
            budget,
        }
    }

    /// Starts the next pass, which looks for `open` fragments.
    fn next_pass(&mut self, open: usize) {
        self.open = open;
    }

    /// Compares pattern `p` where a hit says it may be, unless it has a place already. Even a
    /// pattern passed over costs a little: ten thousand parts of one word, all found, would
    /// otherwise be passed over at every hit of that word.
    fn record(&mut self, p: usize, place: impl FnOnce() -> Option<Range<usize>>) {
        let (q, f) = self.batch.owners[p];
        let slot = &mut self.places[q][f];
        if !self.budget.spend(1) || slot.is_some() {
            return;
        }
        if !self.budget.spend(self.batch.patterns[p].len()) {
            return;
        }
        if let Some(place) = place() {
            *slot = Some(place);
            self.open -= 1;
        }
    }

    /// Whether the pass may stop: every fragment it looks for is found, or the budget spent.
    fn done(&self) -> bool {
        self.open == 0 || self.budget.is_spent()
    }
}

/// The patterns one anchor word anchors, by the byte next to the anchor, so that a hit is
/// compared only with the fragments that can stand there. With many quotes, one common word
/// can anchor hundreds of them; its neighbours tell most of them apart.
#[derive(Debug, Default)]
struct Anchored {
    alone: Vec<usize>,
    next: FxHashMap<u8, Vec<usize>>,
    previous: FxHashMap<u8, Vec<usize>>,
}

impl Anchored {
    fn add(&mut self, neighbour: Neighbour, pattern: usize) {
        match neighbour {
            Neighbour::Alone => self.alone.push(pattern),
            Neighbour::Next(b) => self.next.entry(b).or_default().push(pattern),
            Neighbour::Previous(b) => self.previous.entry(b).or_default().push(pattern),
        }
    }

    /// The patterns that may stand at a hit of the anchor at `start..end` of `text`.
    fn candidates<'a>(
        &'a self,
        text: &[u8],
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = &'a usize> {
        let not_space = |b: &&u8| !b.is_ascii_whitespace();
        let next = (!self.next.is_empty())
            .then(|| text[end..].iter().find(not_space))
            .flatten()
            .and_then(|b| self.next.get(b));
        let previous = (!self.previous.is_empty())
            .then(|| text[..start].iter().rev().find(not_space))
            .flatten()
            .and_then(|b| self.previous.get(b));
        self.alone
            .iter()
            .chain(next.into_iter().flatten())
            .chain(previous.into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(texts: &[&str]) -> Vec<Fragments> {
        texts.iter().map(|t| Fragments::parse(t).unwrap()).collect()
    }

    #[test]
    fn finds_overlapping_quotes_and_quotes_sharing_an_anchor_in_one_pass() {
        let text = "the harbour commission had rejected the northern\nroute after three days";
        let parsed = quotes(&[
            "harbour commission had rejected",
            "had rejected the northern route",
            "rejected the",
            "commission ... three days",
            "the southern route",
        ]);
        let refs: Vec<&Fragments> = parsed.iter().collect();
        let found = find_all(text, &refs);
        assert_eq!(found[0], Ok(4..35));
        assert_eq!(found[1], Ok(23..54));
        assert_eq!(found[2], Ok(27..39));
        assert_eq!(found[3], Ok(12..text.len()));
        assert_eq!(found[4], Err(Miss::NotFound));
    }

    #[test]
    fn the_same_answers_as_one_quote_at_a_time() {
        let text = "a a a b. Russian-Israeli citizens met at the cafe\u{301}; 1,400 died. The \
                    harbour commission had rejected the northern\nroute, and the harbour \
                    commission had rejected it again";
        let mut parsed = quotes(&[
            "a a ... b",
            "Israeli citizens",
            "at the cafe",
            "1,400 died",
            "a b.",
            "b ... a",
            "the harbour commission had rejected it again",
            "The harbour commission had rejected ... and the harbour commission had",
            "harbour commission had rejected the southern route",
            "met at the cafe\u{301}; 1,400",
        ]);
        let asked = parsed.len();
        // Enough other quotes that those of four words or more are found by pairs of words.
        for padding in [0, PREFILTERED] {
            let absent = (0..padding).map(|i| format!("not {i} in the text"));
            parsed.extend(absent.map(|q| Fragments::parse(&q).unwrap()));
            let refs: Vec<&Fragments> = parsed.iter().collect();
            let together = find_all(text, &refs);
            for (quote, found) in parsed.iter().zip(together).take(asked) {
                let alone = quote.find_in(text);
                assert_eq!(found, alone, "{quote:?}");
            }
        }
    }
}
