//! Every quote of a source found in one pass over it.
//!
//! The anchor words of all the quotes' fragments ([`Pattern::anchor`]) go into one
//! Aho-Corasick automaton, which reports every hit of every anchor, overlapping ones too, in a
//! single pass over the source. Each hit is then compared in place with the fragments it
//! anchors ([`Pattern::around`]). Quotes that overlap each other, share words or share an
//! anchor are all found, since no hit hides another.
//!
//! Up to [`PREFILTERED`] fragments, the automaton's vectorised prefilter skips through the
//! text between hits. With more (the quotes of many outlines looked for in every source of a
//! folder), anchor words hit at nearly every common word, so the fragments of four words or
//! more are found instead by a pair of their inner words, looked up word by word
//! ([`crate::pairs`]); the others stay with the automaton. Each fragment is found by one of
//! the two passes, and every place of it is kept.
//!
//! A pass ends early once every quote without an ellipsis it looks for has been found and it
//! looks for no fragment of a quote with one: an ellipsis quote needs every place of its
//! fragments to choose the earliest full placement ([`Fragments::place`]).

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::matcher::{Fragments, Miss, Neighbour, Pattern};
use crate::pairs::Pairs;

/// Most anchor words the automaton's vectorised prefilter takes (Teddy's limit): up to this
/// many fragments, the automaton skips through the text between hits. Beyond it, fragments
/// of four words or more are found by pairs of inner words instead ([`crate::pairs`]).
const PREFILTERED: usize = 64;

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
    /// The patterns found by a pair of inner words ([`crate::pairs`]).
    pairs: Pairs,
    /// How many fragments each quote has.
    lengths: Vec<usize>,
    /// When each pass may stop: `[by pairs, by anchor words]`.
    stops: [Stop; 2],
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
            for (f, fragment) in quote.as_slice().iter().enumerate() {
                let pattern = Pattern::new(fragment);
                owners.push((q, f));
                let paired = use_pairs && pairs.add(patterns.len(), &pattern);
                by_pair.push(paired);
                if paired {
                    patterns.push(pattern);
                    continue;
                }
                let id = *ids.entry(pattern.anchor().into()).or_insert_with(|| {
                    words.push(pattern.anchor().into());
                    anchored.push(Anchored::default());
                    words.len() - 1
                });
                anchored[id].add(pattern.neighbour(), patterns.len());
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
        let stops = [true, false].map(|pairs| Stop::new(&lengths, &owners, &by_pair, pairs));
        Self {
            quotes,
            index,
            patterns,
            owners,
            pairs,
            stops,
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
        let found = self.scan(text);
        self.quotes
            .iter()
            .zip(found)
            .map(|(quote, found)| quote.place(text, found))
            .collect()
    }

    /// Every place of every fragment (`[quote][fragment]`, sorted by start); for a quote with
    /// one fragment, only the first place.
    fn scan(&self, text: &str) -> Vec<Vec<Vec<Range<usize>>>> {
        let mut found = Found::new(self, &self.stops[0]);
        self.pairs.scan(text, |p, word, at| {
            found.record(p, || self.patterns[p].around_word(text, word, at));
            found.done()
        });
        found.next_pass(&self.stops[1]);
        if let Some(automaton) = &self.automaton {
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
        let mut found = found.places;
        for places in found.iter_mut().flatten() {
            places.sort_by_key(|p| p.start);
            places.dedup();
        }
        found
    }
}

/// When one of a batch's two passes may stop: once every quote without an ellipsis it looks
/// for has a place, if it looks for no fragment of a quote with one.
#[derive(Debug)]
struct Stop {
    /// How many quotes without an ellipsis the pass looks for.
    open: usize,
    /// Whether it looks for a fragment of a quote with an ellipsis, whose every place counts.
    needs_all: bool,
}

impl Stop {
    /// For the pass by pairs (`pairs`) or by anchor words, given which patterns go by pairs.
    fn new(lengths: &[usize], owners: &[(usize, usize)], by_pair: &[bool], pairs: bool) -> Self {
        let mine = (by_pair.iter().zip(owners)).filter(|&(&by_pair, _)| by_pair == pairs);
        let (singles, others): (Vec<usize>, Vec<usize>) =
            mine.map(|(_, &(q, _))| lengths[q]).partition(|&n| n == 1);
        Self {
            open: singles.len(),
            needs_all: !others.is_empty(),
        }
    }
}

/// The places found so far by a batch's passes, and how many quotes without an ellipsis the
/// current pass has yet to find.
struct Found<'b> {
    batch: &'b Batch,
    places: Vec<Vec<Vec<Range<usize>>>>,
    stop: &'b Stop,
    open: usize,
}

impl<'b> Found<'b> {
    /// Nothing found yet; the first pass stops at `stop`.
    fn new(batch: &'b Batch, stop: &'b Stop) -> Self {
        let places = batch.lengths.iter().map(|&n| vec![Vec::new(); n]).collect();
        Self {
            batch,
            places,
            stop,
            open: stop.open,
        }
    }

    /// Starts the next pass, which stops at `stop`.
    fn next_pass(&mut self, stop: &'b Stop) {
        (self.stop, self.open) = (stop, stop.open);
    }

    /// Compares pattern `p` where a hit says it may be, unless its quote needs no more places.
    fn record(&mut self, p: usize, place: impl FnOnce() -> Option<Range<usize>>) {
        let (q, f) = self.batch.owners[p];
        let single = self.batch.lengths[q] == 1;
        if single && !self.places[q][0].is_empty() {
            return;
        }
        if let Some(place) = place() {
            self.places[q][f].push(place);
            self.open -= usize::from(single);
        }
    }

    fn done(&self) -> bool {
        self.open == 0 && !self.stop.needs_all
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
