//! Every quote of a source found in one pass over it.
//!
//! Each fragment of each quote is looked for by its anchor (`crate::matching::anchor`): a
//! stretch of one of its words that begins with bytes rare in the source. The anchors go into
//! automata of at most `PACKED` each, the most that the vectorised searcher (Teddy) takes,
//! so each automaton skips through the text at memory speed between hits. They search
//! leftmost-first, restarting one byte after each hit: no anchor of an automaton is a prefix
//! of another (one that begins with another goes to another automaton), so no two can start
//! at the same byte and no hit hides another. Quotes that overlap each other, share words or share an
//! anchor are all found. Each hit is compared in place with the fragments it anchors
//! (`Pattern::around_word`).
//!
//! With more than `PACKED` fragments (the quotes of many outlines looked for in a large
//! source, or misquotes looked for in every source of a folder), passes would add up. Those
//! with a word of eight bytes or more that whitespace must stand beside are then found in
//! one pass that reads the runs of eight bytes where the source's words start and end
//! (`crate::matching::grams`); with more than `PACKED` × `PASSES`,
//! the others of four words or more by a pair of their inner words, looked up word by word in
//! one pass (`crate::matching::pairs`); the rest by anchors. Each fragment is found by one of
//! them, and every place of it is kept.
//!
//! A quote of one fragment needs its first place, and the pass ends early once every such
//! quote has one. A quote with ellipses keeps every place of every fragment (up to
//! `MAX_PLACES` each), and is placed from them (`crate::matching::placement::from_places`)
//! without looking at the text again; past that many, by its own walk over the text.
//!
//! Every pass is charged to a `Budget` proportional to the source's size, far above what
//! real quotes need; past it, the quotes not yet found are [`Miss::CutShort`], never verified.
//!
//! A text of 8 MiB or more is cut into stretches (`crate::text::stretches`) that threads
//! can share when a run has no other file left for them: a place belongs to the stretch its
//! anchor, run or pair starts in, and is compared with the whole text; each stretch has its
//! share of the budget and of the places kept, and what each found is put together in their
//! order. The stretches depend on the text's length alone, so every thread count gives the
//! same answers. (The 84.6 MB of the prose corpus as one file: 200 quotes that hold in 119 ms
//! against 165 ms on one thread, reading included.)

use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind, Span, packed};
use rustc_hash::FxHashMap;

use crate::matching::anchor::{self, Anchor, Rarity};
use crate::matching::grams::Grams;
use crate::matching::pairs::Pairs;
use crate::matching::pattern::{Fragments, Miss, Pattern};
use crate::matching::placement::{Budget, complete, earliest, from_places};
use crate::text::stretches::{self, STRETCH, stretches};

/// Most anchors in one automaton: the vectorised searcher's limit.
const PACKED: usize = 64;

/// Most passes of automata over a source before fragments are found by pairs of words: a
/// pass of the vectorised searcher over 64 anchors runs at about 2 GB/s on real prose, the
/// pass by pairs at about 0.4 GB/s whatever their number.
const PASSES: usize = 4;

/// Most places kept of one fragment of a quote with ellipses.
const MAX_PLACES: usize = 4096;

/// Most places kept of all fragments together (16 MiB): ten thousand common parts would
/// otherwise keep their [`MAX_PLACES`] each. A text cut into stretches shares it out
/// between them.
const MAX_KEPT: usize = 1 << 20;

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
    let batch = Batch::for_text(quotes.iter().map(|q| (*q).clone()).collect(), text);
    let found = batch.find_all(text);
    (quotes.iter())
        .map(|q| found[batch.index_of(q).expect("every quote is in the batch")].clone())
        .collect()
}

/// Quotes to find together, and the automata over their anchors: built once, then run over
/// any number of sources (from any number of threads).
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
    /// The patterns found by eight bytes that begin or end a long word
    /// ([`crate::matching::grams`]).
    grams: Grams,
    /// How many fragments each quote has.
    lengths: Vec<usize>,
    /// Each quote's first pattern: a quote's patterns are numbered in a row.
    starts: Vec<usize>,
    /// The automata, each with the patterns that each of its anchors anchors.
    groups: Vec<Group>,
}

/// The patterns one anchor anchors, with where it stands in each.
type Anchoring = Vec<(usize, Anchor)>;

/// One searcher over at most [`PACKED`] anchors.
#[derive(Debug)]
struct Group {
    searcher: Searcher,
    /// The length of its longest anchor.
    longest: usize,
    /// For each anchor (by the searcher's pattern id), the patterns it anchors.
    anchored: Vec<Anchoring>,
}

/// The vectorised searcher (Teddy) alone, which finds and confirms its hits itself and is
/// built in microseconds; an automaton where the processor lacks the instructions Teddy
/// needs.
#[derive(Debug)]
enum Searcher {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Searcher {
    fn new(anchors: &[&[u8]]) -> Option<Self> {
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(anchors)
            .build();
        if let Some(packed) = packed {
            return Some(Self::Packed(packed));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(anchors)
            .ok()?;
        Some(Self::Automaton(automaton))
    }

    /// The leftmost hit at or after byte `at` that ends by byte `end`: its anchor and where
    /// it starts.
    fn find(&self, bytes: &[u8], at: usize, end: usize) -> Option<(usize, usize)> {
        let hit = match self {
            Self::Packed(searcher) => {
                let hit = searcher.find_in(bytes, Span::from(at..end))?;
                (hit.pattern(), hit.start())
            }
            Self::Automaton(automaton) => {
                let hit = automaton.find(Input::new(bytes).range(at..end))?;
                (hit.pattern(), hit.start())
            }
        };
        Some((hit.0.as_usize(), hit.1))
    }
}

impl Batch {
    /// A batch of `quotes`, to run over any source; anchors are chosen by the rarity of
    /// their bytes in the quotes themselves. A quote given twice is searched for once.
    pub fn new(quotes: Vec<Fragments>) -> Self {
        Self::with_sample(quotes, None)
    }

    /// A batch of `quotes` to run over many sources, its anchors chosen by how rare their
    /// bytes are in `sample` (of other sources of the run: the quotes are too few to say
    /// which runs of three bytes are common) and its runs of eight by the quotes themselves.
    pub(crate) fn with_sample(quotes: Vec<Fragments>, sample: Option<&Rarity>) -> Self {
        let parts = quotes
            .iter()
            .flat_map(|q| q.as_slice())
            .map(|p| p.as_bytes());
        let rarity = Rarity::of(parts, many(&quotes));
        let rarity = match sample {
            Some(sample) => rarity.with_threes_of(sample),
            None => rarity,
        };
        Self::build(quotes, &rarity)
    }

    /// A batch of `quotes` to run over `text`, with anchors rare in it.
    pub fn for_text(quotes: Vec<Fragments>, text: &str) -> Self {
        let rarity = Rarity::of_text(text, many(&quotes));
        Self::build(quotes, &rarity)
    }

    /// A batch of `quotes` with anchors and runs chosen by `rarity`: for a text, its sample
    /// ([`Rarity::of_text`], counting runs of four bytes where [`many`] says so).
    pub(crate) fn build(mut quotes: Vec<Fragments>, rarity: &Rarity) -> Self {
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
        let mut pairs = Pairs::default();
        let mut grams = Grams::default();
        let mut by_anchor: FxHashMap<Vec<u8>, Anchoring> = FxHashMap::default();
        let fragments: usize = quotes.iter().map(Fragments::len).sum();
        // Beyond what one automaton takes, the fragments with a long word go to the runs;
        // of the others, beyond what a few automata take, those of four words or more go to
        // the pairs; the rest to automata.
        let use_grams = fragments > PACKED;
        for (q, quote) in quotes.iter().enumerate() {
            for f in 0..quote.len() {
                owners.push((q, f));
                patterns.push(quote.pattern(f));
            }
        }
        let by_grams: Vec<bool> = (patterns.iter().enumerate())
            .map(|(id, pattern)| use_grams && grams.add(id, pattern, rarity))
            .collect();
        let use_pairs = by_grams.iter().filter(|&&g| !g).count() > PACKED * PASSES;
        for (id, pattern) in patterns.iter().enumerate() {
            if by_grams[id] || (use_pairs && pairs.add(id, pattern)) {
                continue;
            }
            let anchor = anchor::choose(pattern, rarity);
            if anchor.len > 0 {
                let key = anchor.bytes(pattern).to_vec();
                by_anchor.entry(key).or_default().push((id, anchor));
            }
        }
        grams.seal();
        let lengths: Vec<usize> = quotes.iter().map(Fragments::len).collect();
        let starts = (lengths.iter())
            .scan(0, |next, &n| {
                let start = *next;
                *next += n;
                Some(start)
            })
            .collect();
        Self {
            quotes,
            index,
            patterns,
            owners,
            pairs,
            grams,
            lengths,
            starts,
            groups: groups(by_anchor),
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
        self.find_all_on(text, 1)
    }

    /// [`Batch::find_all`], the passes over a large text shared by up to `threads` threads:
    /// the same answers whatever their number.
    pub(crate) fn find_all_on(
        &self,
        text: &str,
        threads: usize,
    ) -> Vec<Result<Range<usize>, Miss>> {
        let found = self.scan(text, &stretches(text.len(), STRETCH), threads);
        self.answers(text, found)
    }

    /// Where each quote first stands in `text` by what the passes `found`, in the order of
    /// [`Batch::quotes`]: a quote with ellipses placed from its fragments' places.
    fn answers(&self, text: &str, mut found: Found) -> Vec<Result<Range<usize>, Miss>> {
        let cut_short = found.cut_short;
        let mut placing = Budget::new(budget_for(text, self.patterns.len()));
        (self.quotes.iter().enumerate())
            .map(|(q, quote)| -> Result<Range<usize>, Miss> {
                let patterns = self.starts[q]..self.starts[q] + self.lengths[q];
                let first = &found.first[patterns.clone()];
                let missing = first.iter().position(Option::is_none);
                match (missing, first) {
                    (Some(_), _) if cut_short => Err(Miss::CutShort),
                    (Some(_), [_]) => Err(Miss::NotFound),
                    (Some(index), _) => Err(Miss::FragmentMissing { index }),
                    (None, [Some(only)]) => Ok(only.clone()),
                    (None, _) => {
                        let lists: Vec<Option<Vec<Range<usize>>>> = (patterns.clone())
                            .map(|p| {
                                let list = found.all.remove(&p).unwrap_or_default();
                                (!found.overflow[p]).then_some(list)
                            })
                            .collect();
                        let placed = match complete(text, quote, lists, &mut placing)? {
                            Some(lists) => from_places(text, quote, &lists, &mut placing),
                            None => {
                                let first: Vec<Range<usize>> =
                                    found.first[patterns].iter().flatten().cloned().collect();
                                earliest(text, quote, &first, &mut placing)
                            }
                        };
                        match placed {
                            Err(_) if cut_short => Err(Miss::CutShort),
                            placed => placed,
                        }
                    }
                }
            })
            .collect()
    }

    /// The passes over `text`, cut into stretches (`cut`, by [`stretches()`]) on up to
    /// `threads` threads, and what they found put together in the order of the stretches:
    /// the same whatever the number of threads. Each stretch has its share of the budget
    /// and of the places kept.
    fn scan(&self, text: &str, cut: &[Range<usize>], threads: usize) -> Found<'_> {
        let budget = budget_for(text, self.patterns.len()) / cut.len();
        let kept = MAX_KEPT / cut.len();
        let scan = |stretch| self.scan_stretch(text, stretch, budget, kept);
        stretches::fold(cut, threads, scan, Found::then).expect("a text has a stretch")
    }

    /// The passes over the places of `text` in `stretch`, the pairs' first, each with a
    /// budget of `budget`: quotes that spend one pass's budget leave the other's quotes
    /// searched. A place belongs to the stretch where the pass reads it (an anchor's or a
    /// run's first byte, a pair's first word's), and is compared with the whole text.
    fn scan_stretch(
        &self,
        text: &str,
        stretch: Range<usize>,
        budget: usize,
        kept: usize,
    ) -> Found<'_> {
        let mut found = Found::new(self, Budget::new(budget), kept);
        // A hit of the pairs or the runs: pattern `p`'s word `word` may start at `at`.
        let hit = |found: &mut Found, p: usize, word: usize, at: usize| {
            found.record(p, || self.patterns[p].around_word(text, word, at));
            found.done()
        };
        (self.pairs).scan(text, stretch.clone(), |p, word, at| {
            hit(&mut found, p, word, at)
        });
        found.next_pass(Budget::new(budget));
        if !found.done() {
            // A place the glance rules out costs a step of the budget, as a comparison would.
            self.grams.scan(
                text,
                stretch.clone(),
                |p, word, at, may_stand| match may_stand {
                    true => hit(&mut found, p, word, at),
                    false => {
                        found.budget.spend(1);
                        found.done()
                    }
                },
            );
        }
        found.next_pass(Budget::new(budget));
        let bytes = text.as_bytes();
        for group in &self.groups {
            // An anchor that starts in the stretch may end past it.
            let end = (stretch.end + group.longest).min(bytes.len());
            let mut at = stretch.start;
            while !found.done()
                && let Some((anchor_id, start)) = group.searcher.find(bytes, at, end)
                && start < stretch.end
            {
                for &(p, anchor) in &group.anchored[anchor_id] {
                    if let Some(word) = start.checked_sub(anchor.offset) {
                        found.record(p, || self.patterns[p].around_word(text, anchor.word, word));
                    }
                }
                at = start + 1;
            }
        }
        found.next_pass(Budget::new(0));
        found
    }
}

/// Whether `quotes` have more fragments than one automaton takes: some will be found by runs
/// of eight bytes ([`crate::matching::grams`]).
pub(crate) fn many(quotes: &[Fragments]) -> bool {
    quotes.iter().map(Fragments::len).sum::<usize>() > PACKED
}

/// The automata over `anchors`, none of them a prefix of another in the same automaton, so
/// that leftmost-first hits, restarted a byte after each, miss no place of any anchor (two
/// anchors can start at the same byte only when one begins the other). An anchor that begins
/// with another goes to a later layer of automata: merging it into the shorter one would
/// compare its fragments at every place of the shorter (a quote `a` would make every anchor
/// that begins with `a` hit at every `a`).
///
/// Anchors of one, two and three bytes go to searchers of their own: the vectorised searcher
/// screens by as many first bytes as its shortest anchor has (up to four), and one short
/// anchor among long ones would make it stop at nearly every byte of the text.
fn groups(anchors: FxHashMap<Vec<u8>, Anchoring>) -> Vec<Group> {
    let mut sorted: Vec<(Vec<u8>, Anchoring)> = anchors.into_iter().collect();
    sorted.sort_unstable_by(|a, b| (a.0.len().min(4), &a.0).cmp(&(b.0.len().min(4), &b.0)));
    let mut layers: Vec<Vec<(Vec<u8>, Anchoring)>> = Vec::new();
    // The layers of the anchors of the length at hand start here.
    let mut first = 0;
    let mut length = 0;
    for (key, patterns) in sorted {
        if key.len().min(4) != length {
            length = key.len().min(4);
            first = layers.len();
        }
        // Sorted, an anchor can begin only with the last one a layer holds: every string
        // between that one and this begins with it too.
        let free = layers[first..]
            .iter()
            .position(|layer| layer.last().is_none_or(|(last, _)| !key.starts_with(last)));
        match free {
            Some(layer) => layers[first + layer].push((key, patterns)),
            None => layers.push(vec![(key, patterns)]),
        }
    }
    // The anchors are bytes of an outline, which is at most 64 MiB: far from the automaton's
    // limits. Should a build still fail, its anchors' fragments are not found.
    (layers.iter().flat_map(|layer| layer.chunks(PACKED)))
        .filter_map(|chunk| {
            let keys: Vec<&[u8]> = chunk.iter().map(|(key, _)| key.as_slice()).collect();
            let searcher = Searcher::new(&keys)?;
            let anchored = chunk.iter().map(|(_, list)| list.clone()).collect();
            let longest = keys.iter().map(|key| key.len()).max().unwrap_or(0);
            Some(Group {
                searcher,
                longest,
                anchored,
            })
        })
        .collect()
}

/// The work one pass over `text` for `patterns` fragments may do, in bytes compared: 32
/// times the text, 64 MiB more for short texts, and 64 KiB more for each fragment (hundreds of
/// quotes with ellipses keep every place of their parts). Real quotes, even thousands of
/// them, use a small part of it.
fn budget_for(text: &str, patterns: usize) -> usize {
    (text.len().saturating_mul(32).saturating_add(64 << 20))
        .saturating_add(patterns.saturating_mul(64 << 10))
}

/// The places found so far by a batch's passes, by pattern: a source of a folder may be
/// asked for ten thousand quotes and hold none, so nothing here costs per quote but what
/// is found.
struct Found<'b> {
    batch: &'b Batch,
    /// The first place of each pattern, if it has one.
    first: Vec<Option<Range<usize>>>,
    /// Every place of each pattern of a quote with ellipses that has places, in order.
    all: FxHashMap<usize, Vec<Range<usize>>>,
    /// Whether a pattern of a quote with ellipses has more than [`MAX_PLACES`] places (its
    /// list is then dropped).
    overflow: Vec<bool>,
    /// How many places `all` holds.
    kept: usize,
    /// How many it may hold.
    most_kept: usize,
    /// How many patterns still want places: those without one, and every pattern of a
    /// quote with ellipses that has not overflowed.
    open: usize,
    /// What the pass at hand may still do.
    budget: Budget,
    /// Whether a pass was cut short at its budget.
    cut_short: bool,
}

impl<'b> Found<'b> {
    fn new(batch: &'b Batch, budget: Budget, most_kept: usize) -> Self {
        Self {
            batch,
            first: vec![None; batch.patterns.len()],
            all: FxHashMap::default(),
            overflow: vec![false; batch.patterns.len()],
            kept: 0,
            most_kept,
            open: batch.patterns.len(),
            budget,
            cut_short: false,
        }
    }

    /// Ends a pass, noting whether it was cut short; the next has `budget`.
    fn next_pass(&mut self, budget: Budget) {
        self.cut_short |= self.budget.is_spent();
        self.budget = budget;
    }

    /// Compares pattern `p` where a hit says it may be, unless it wants no more places. Even
    /// a pattern passed over costs a little: ten thousand parts of one word, all found, would
    /// otherwise be passed over at every hit of that word.
    fn record(&mut self, p: usize, place: impl FnOnce() -> Option<Range<usize>>) {
        let (q, _) = self.batch.owners[p];
        // Every place of a fragment of a quote with ellipses, until it has too many; else
        // the first.
        let every = self.batch.lengths[q] > 1 && !self.overflow[p];
        if !self.budget.spend(1) || (!every && self.first[p].is_some()) {
            return;
        }
        if !self.budget.spend(self.batch.patterns[p].len()) {
            return;
        }
        let Some(place) = place() else { return };
        if self.first[p].is_none() {
            self.first[p] = Some(place.clone());
            if !every {
                self.open -= 1;
            }
        }
        if every {
            let places = self.all.entry(p).or_default();
            if places.len() < MAX_PLACES && self.kept < self.most_kept {
                places.push(place);
                self.kept += 1;
            } else {
                // Too common to keep: placed near the other fragments' places instead.
                self.overflow[p] = true;
                self.kept -= places.len();
                self.all.remove(&p);
                self.open -= 1;
            }
        }
    }

    /// Whether the passes may stop: no fragment wants a place, or the budget is spent.
    fn done(&self) -> bool {
        self.open == 0 || self.budget.is_spent()
    }

    /// What was found in the stretches so far and in the one after them (`later`), as one
    /// pass over both would have found it but for the budget and [`MAX_KEPT`], which the
    /// stretches share out: the first place of each pattern, the places of a pattern of a
    /// quote with ellipses in order, none past [`MAX_PLACES`] together. A stretch cut short
    /// at its budget leaves the others' places standing: a quote found in a later stretch
    /// stands there (verified, if perhaps not at its first place), and one found nowhere is
    /// cut short. Quotes that spend one stretch's budget (a source padded past 8 MiB with
    /// places they start at) so leave the other stretches' quotes verified.
    fn then(mut self, later: Found<'b>) -> Found<'b> {
        self.cut_short |= later.cut_short;
        for (p, place) in later.first.into_iter().enumerate() {
            if self.first[p].is_none() {
                self.first[p] = place;
            }
        }
        for (p, &overflow) in later.overflow.iter().enumerate() {
            if overflow && !self.overflow[p] {
                self.overflow[p] = true;
                self.kept -= self.all.remove(&p).map_or(0, |places| places.len());
            }
        }
        for (p, places) in later.all {
            if self.overflow[p] {
                continue;
            }
            let kept = self.all.entry(p).or_default();
            if kept.len() + places.len() > MAX_PLACES {
                self.overflow[p] = true;
                self.kept -= kept.len();
                self.all.remove(&p);
            } else {
                self.kept += places.len();
                kept.extend(places);
            }
        }
        self
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
    fn anchors_that_begin_alike_hide_no_place_of_each_other() {
        // Each quote's rarest stretch begins the same way as another's, and they overlap.
        let text = "zzcommission zzcommissioner zzcommissioners zzcommission";
        let parsed = quotes(&[
            "zzcommissioners zzcommission",
            "zzcommission zzcommissioner",
            "zzcommissioner zzcommissioners",
            "zzcommission",
        ]);
        let refs: Vec<&Fragments> = parsed.iter().collect();
        let found = find_all(text, &refs);
        assert_eq!(found[0], Ok(28..text.len()));
        assert_eq!(found[1], Ok(0..27));
        assert_eq!(found[2], Ok(13..43));
        assert_eq!(found[3], Ok(0..12));
    }

    #[test]
    fn an_elided_quote_is_placed_past_an_earlier_place_of_its_first_part() {
        // A table of contents names the first part long before the passage quoted.
        let contents = "Deprecated v1 Core Features\n\n";
        let filler = "Words of another section entirely. ".repeat(200);
        let passage = "Deprecated v1 Core Features were kept, but named ones are not supported.";
        let text = format!("{contents}{filler}{passage}");
        let quote =
            Fragments::parse("Deprecated v1 Core Features ... named ones are not supported")
                .unwrap();
        let start = text.rfind("Deprecated").unwrap();
        assert_eq!(quote.find_in(&text), Ok(start..text.len() - 1));
        // The same with more places of the first part than are kept: the walk finds it.
        let many = "Deprecated v1 Core Features. ".repeat(MAX_PLACES + 1);
        let text = format!("{many}\n\n{passage}");
        let start = text.rfind("Deprecated").unwrap();
        assert_eq!(quote.find_in(&text), Ok(start..text.len() - 1));
    }

    #[test]
    fn far_places_of_an_elided_quote_are_measured_only_as_far_as_a_join_reaches() {
        // Four thousand places of the first part, then megabytes without a visible ASCII
        // character before the only place of the last: each place of the first is looked
        // past only a few kilobytes (once, each read the whole way: gigabytes).
        let mut text = "甲乙。".repeat(4000);
        text.push_str(&"中文".repeat(1_000_000));
        let start = text.len();
        text.push_str("甲乙丙丁");
        let quote = Fragments::parse("甲乙 ... 丙丁").unwrap();
        let began = std::time::Instant::now();
        assert_eq!(quote.find_in(&text), Ok(start..text.len()));
        // A bound for a hang, not a speed: a second or two unoptimised, minutes before.
        assert!(began.elapsed().as_secs() < 30, "{:?}", began.elapsed());
    }

    #[test]
    fn hundreds_of_quotes_are_found_where_each_is_found_alone() {
        // Enough quotes for every pass: runs of long words, pairs of words, automata.
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sources/russia-hamas-relations.txt"
        ))
        .unwrap();
        let words: Vec<&str> = text.split_ascii_whitespace().collect();
        let mut parsed = Vec::new();
        for (i, start) in (0..words.len() - 12).step_by(7).enumerate().take(400) {
            let mut quote = words[start..start + 3 + i % 9].join(" ");
            if i % 5 == 0 {
                quote = format!("{quote} ... {}", words[start + 11]);
            }
            if i % 3 == 0 {
                quote.push_str(" notinthetext");
            }
            parsed.extend(Fragments::parse(&quote).ok());
        }
        let refs: Vec<&Fragments> = parsed.iter().collect();
        let together = find_all(&text, &refs);
        for (quote, found) in (parsed.iter()).zip(together) {
            assert_eq!(found, quote.find_in(&text), "{quote:?}");
        }
        // Anchors chosen by a sample of other text (as for quotes looked for in every
        // source), of several sizes of batch: the same answers.
        let sample = Rarity::of_text(&"the harbour commission met. ".repeat(100), false);
        for n in [10, PACKED + 1, parsed.len()] {
            let batch = Batch::with_sample(parsed[..n].to_vec(), Some(&sample));
            for (quote, found) in batch.quotes().iter().zip(batch.find_all(&text)) {
                assert_eq!(found, quote.find_in(&text), "{quote:?}");
            }
        }
    }

    /// The answers of `batch` over `text` cut into stretches of `stretch` bytes, on
    /// `threads` threads.
    fn in_stretches(
        batch: &Batch,
        text: &str,
        stretch: usize,
        threads: usize,
    ) -> Vec<Result<Range<usize>, Miss>> {
        let cut = stretches(text.len(), stretch);
        assert!(cut.len() > 1 || text.len() < 2 * stretch);
        batch.answers(text, batch.scan(text, &cut, threads))
    }

    #[test]
    fn a_text_cut_into_stretches_gives_the_same_answers_on_any_number_of_threads() {
        // Three copies of a source, so that quotes and their parts stand in several
        // stretches and across their ends; enough quotes for every pass.
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sources/russia-hamas-relations.txt"
        ))
        .unwrap();
        let text = source.repeat(3);
        let words: Vec<&str> = source.split_ascii_whitespace().collect();
        let mut parsed = Vec::new();
        for (i, start) in (0..words.len() - 40).step_by(5).enumerate().take(500) {
            let mut quote = words[start..start + 2 + i % 11].join(" ");
            if i % 4 == 0 {
                quote = format!("{quote} ... {}", words[start + 13 + i % 20]);
            }
            if i % 7 == 0 {
                quote.push_str(" notinthetext");
            }
            parsed.extend(Fragments::parse(&quote).ok());
        }
        for n in [20, PACKED + 1, parsed.len()] {
            let batch = Batch::for_text(parsed[..n].to_vec(), &text);
            let whole = batch.find_all(&text);
            assert!(whole.iter().filter(|f| f.is_ok()).count() > n / 2);
            for stretch in [64, 640, 4096, text.len() / 3] {
                for threads in [1, 3] {
                    let cut = in_stretches(&batch, &text, stretch, threads);
                    assert_eq!(cut, whole, "{n} quotes, stretches of {stretch}");
                }
            }
        }
    }

    #[test]
    fn places_past_the_most_kept_are_counted_over_all_stretches() {
        // Each stretch holds fewer places of the first part than are kept, all of them
        // together more: the quote is placed by its walk, as in one pass.
        let text = format!(
            "{}zq harbour the end.",
            "zq harbour. ".repeat(MAX_PLACES + 500)
        );
        let batch = Batch::for_text(quotes(&["zq ... the end", "harbour the end"]), &text);
        let whole = batch.find_all(&text);
        // Placed near its last part, as far back as an ellipsis may reach.
        let placed = whole[0].clone().unwrap();
        assert_eq!(placed.end, text.len() - 1);
        assert!(placed.start > MAX_PLACES * 12, "{placed:?}");
        for threads in [1, 2] {
            assert_eq!(in_stretches(&batch, &text, 4096, threads), whole);
        }
        let found = batch.scan(&text, &stretches(text.len(), 4096), 2);
        assert!(found.overflow[0], "the first part's places are too many");
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
        for padding in [0, PACKED, PACKED * PASSES] {
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
