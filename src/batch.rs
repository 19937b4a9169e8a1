//! Every quote of a source found in one pass over it.
//!
//! The anchor words of all the quotes' fragments ([`Pattern::anchor`]) go into one
//! Aho-Corasick automaton, which reports every hit of every anchor, overlapping ones too, in a
//! single pass over the source. Each hit is then compared in place with the fragments it
//! anchors ([`Pattern::around`]). Quotes that overlap each other, share words or share an
//! anchor are all found, since no hit hides another. The pass ends early once every quote
//! without an ellipsis has been found and no quote has one; an ellipsis quote needs every
//! place of its fragments to choose the earliest full placement ([`Fragments::place`]).

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::matcher::{Fragments, Miss, Neighbour, Pattern};

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
        for (q, quote) in quotes.iter().enumerate() {
            for (f, fragment) in quote.as_slice().iter().enumerate() {
                let pattern = Pattern::new(fragment);
                let id = *ids.entry(pattern.anchor().into()).or_insert_with(|| {
                    words.push(pattern.anchor().into());
                    anchored.push(Anchored::default());
                    words.len() - 1
                });
                anchored[id].add(pattern.neighbour(), patterns.len());
                patterns.push(pattern);
                owners.push((q, f));
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
        Self {
            quotes,
            index,
            patterns,
            owners,
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
        let lengths: Vec<usize> = self.quotes.iter().map(Fragments::len).collect();
        let mut found: Vec<Vec<Vec<Range<usize>>>> =
            lengths.iter().map(|&n| vec![Vec::new(); n]).collect();
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let needs_all = lengths.iter().any(|&n| n > 1);
        let mut open = lengths.iter().filter(|&&n| n == 1).count();
        for hit in automaton.find_overlapping_iter(text) {
            let anchored = &self.anchored[hit.pattern().as_usize()];
            for &p in anchored.candidates(text.as_bytes(), hit.start(), hit.end()) {
                let (q, f) = self.owners[p];
                let single = lengths[q] == 1;
                if single && !found[q][0].is_empty() {
                    continue;
                }
                if let Some(place) = self.patterns[p].around(text, hit.start()) {
                    found[q][f].push(place);
                    open -= usize::from(single);
                }
            }
            if open == 0 && !needs_all {
                break;
            }
        }
        for places in found.iter_mut().flatten() {
            places.sort_by_key(|p| p.start);
            places.dedup();
        }
        found
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
        let text = "a a a b. Russian-Israeli citizens met at the cafe\u{301}; 1,400 died";
        let parsed = quotes(&[
            "a a ... b",
            "Israeli citizens",
            "at the cafe",
            "1,400 died",
            "a b.",
            "b ... a",
        ]);
        let refs: Vec<&Fragments> = parsed.iter().collect();
        let together = find_all(text, &refs);
        for (quote, found) in parsed.iter().zip(together) {
            let alone = find_all(text, &[quote]).pop().unwrap();
            assert_eq!(found, alone, "{quote:?}");
        }
    }
}
