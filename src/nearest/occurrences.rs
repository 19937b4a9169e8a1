//! Where the words of near-miss queries occur in a source, found in one pass for all of them.
//!
//! The near-miss search ([`crate::nearest`]) needs, for each telling word of a quote, where it
//! occurs in the source. There are two passes, for two kinds of quote:
//!
//! - **By seed words** ([`by_seeds`]), for quotes with a few words of three or more ASCII
//!   letters and digits, as most English quotes have. The longest such words of every quote
//!   ([`seeds`]) are looked up, whatever their case, at each whole run of ASCII letters and
//!   digits of the source. A few dozen seeds of four bytes or more (a source's few misquotes)
//!   are found by the vectorised searcher in the text put in lower case a chunk at a time;
//!   more, or shorter, through a table where most runs are passed over by the hash of their
//!   first bytes. (An Aho-Corasick automaton over the seeds of hundreds of misquotes ran at a
//!   fifth of the speed: past a few dozen words it loses its vectorised prefilter.) A hit
//!   counts only where it is a whole word, as [`crate::nearest::fold::words`] would cut it, up
//!   to the punctuation around it: exactly the occurrences that share the word's key. Places
//!   are byte offsets.
//! - **By every word** ([`by_words`]), for the other quotes (other scripts, short words): every
//!   word of the source is keyed and looked up. Places are word indexes.
//!
//! Neither pass decides anything: they only say where to align the quote.

use std::ops::Range;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::nearest::fold::{stands_alone, word_key, words};
use crate::text::bytes::{all_set, mask};
use crate::text::stretches::{self, STRETCH, stretches};

/// How many occurrences of one word a pass keeps; a word more common than this does not vote.
pub(crate) const KEPT: usize = 8_192;

/// How many of a quote's longest words are looked for by [`by_seeds`].
const SEEDS: usize = 8;

/// Shortest seed word, in bytes: shorter words are too common to tell anything.
const SHORTEST: usize = 3;

/// Longest seed word, in bytes: an automaton over a run of megabytes would take gigabytes,
/// and a word that long tells no more than its neighbours do. [`Runs::scan`] relies on it
/// being at most 64.
const LONGEST: usize = 64;
const _: () = assert!(LONGEST <= 64);

/// What the places of an [`Occurrences`] count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Byte offsets into the source.
    Bytes,
    /// Indexes among the source's words.
    Words,
}

/// Where one word occurs: its place (in the pass's [`Unit`]) and its byte offset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anchor {
    /// The place the votes are counted in.
    pub at: usize,
    /// Its byte offset in the source.
    pub byte: usize,
}

/// The occurrences of one word seen in a pass: how many, and the first [`KEPT`] of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Seen {
    /// How many times the word occurs.
    pub count: usize,
    /// Where, for the first [`KEPT`] times, in the pass's [`Unit`].
    kept: Vec<usize>,
    /// Their byte offsets, where the unit is not bytes (else they are `kept`: a pass by
    /// bytes, the common one, keeps each place once).
    bytes: Vec<usize>,
}

impl Seen {
    /// How many occurrences are kept.
    pub(crate) fn kept(&self) -> usize {
        self.kept.len()
    }

    /// The kept occurrences, in order.
    pub(crate) fn anchors(&self) -> impl Iterator<Item = Anchor> + '_ {
        (self.kept.iter().enumerate()).map(|(i, &at)| Anchor {
            at,
            byte: self.bytes.get(i).copied().unwrap_or(at),
        })
    }
}

/// The occurrences of some words of a source, by word key.
#[derive(Debug)]
pub(crate) struct Occurrences {
    /// What the places count in.
    pub unit: Unit,
    slots: FxHashMap<u64, usize>,
    seen: Vec<Seen>,
}

impl Occurrences {
    fn new(unit: Unit, keys: impl IntoIterator<Item = u64>) -> Self {
        let mut slots = FxHashMap::default();
        for key in keys {
            let next = slots.len();
            slots.entry(key).or_insert(next);
        }
        let seen = vec![Seen::default(); slots.len()];
        Self { unit, slots, seen }
    }

    /// The slot of the word with `key`, if the pass looked for it.
    pub(crate) fn slot(&self, key: u64) -> Option<usize> {
        self.slots.get(&key).copied()
    }

    /// What the pass saw of the word in `slot`.
    pub(crate) fn seen(&self, slot: usize) -> &Seen {
        &self.seen[slot]
    }

    /// What a pass over a stretch and one over the stretch after it (`later`) saw, as one
    /// pass over both: the counts added, the first [`KEPT`] places of each word kept.
    fn then(mut self, later: Occurrences) -> Occurrences {
        for (seen, more) in self.seen.iter_mut().zip(later.seen) {
            seen.count += more.count;
            let room = KEPT - seen.kept.len().min(KEPT);
            seen.bytes.extend(more.bytes.into_iter().take(room));
            seen.kept.extend(more.kept.into_iter().take(room));
        }
        self
    }

    fn record(&mut self, slot: usize, anchor: Anchor) {
        let seen = &mut self.seen[slot];
        seen.count += 1;
        if seen.kept.len() < KEPT {
            seen.kept.push(anchor.at);
            if self.unit != Unit::Bytes {
                seen.bytes.push(anchor.byte);
            }
        }
    }
}

/// A seed word: its key, and the run of ASCII letters and digits it is looked for by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seed<'a> {
    /// The word's key ([`word_key`]).
    pub key: u64,
    /// Its longest run of ASCII letters and digits (the first, on a tie).
    pub run: &'a str,
}

/// The seed words of a quote's `words`: the [`SEEDS`] with the longest runs of ASCII letters
/// and digits (first ones first on a tie), each word once, runs shorter than [`SHORTEST`] or
/// longer than [`LONGEST`] left out. `Iran’s` is looked for by `Iran`, so curly and straight
/// apostrophes both count.
pub(crate) fn seeds<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<Seed<'a>> {
    let mut seeds: Vec<Seed> = Vec::new();
    for word in words {
        let key = word_key(word);
        let run = (word.split(|c: char| !c.is_ascii_alphanumeric()))
            .fold("", |a, b| if b.len() > a.len() { b } else { a });
        if (SHORTEST..=LONGEST).contains(&run.len()) && !seeds.iter().any(|s| s.key == key) {
            seeds.push(Seed { key, run });
        }
    }
    seeds.sort_by_key(|seed| std::cmp::Reverse(seed.run.len()));
    seeds.truncate(SEEDS);
    seeds
}

/// Where each of `seeds` occurs in `text` as a word (up to the punctuation around it and the
/// typography [`word_key`] folds), in bytes, the pass over a large text shared by up to
/// `threads` threads: the same occurrences whatever their number.
pub(crate) fn by_seeds(text: &str, seeds: &[Seed], threads: usize) -> Occurrences {
    let cut = stretches(text.len(), STRETCH);
    by_seeds_in(text, seeds, &cut, threads)
}

/// [`by_seeds`] over `text` cut into stretches (`cut`), on up to `threads` threads, what
/// each found put together in their order.
///
/// On one or two threads each stretch is put together with those before it as soon as it
/// and they are done, and at most two are held apart. On more, each stretch would hold its
/// places while the others run, up to as many again as the places put together (a source
/// of 30 MB made of the misquotes' words took 129 MB on eight threads, against 88 on one).
/// So the stretches first count each word's places, keeping none; each word's first
/// [`KEPT`] places are then given their room in one list, and each stretch writes its own
/// into its part of it: the same occurrences, in the memory they take (83 MB there), for a
/// second pass over the text (which two threads are spared: 60 ms more of 300 for 200
/// quotes, 20% misquoted, on one source of 85 MB).
fn by_seeds_in(text: &str, seeds: &[Seed], cut: &[Range<usize>], threads: usize) -> Occurrences {
    if threads <= 2 || cut.len() <= 1 {
        let seeds_in = |stretch| {
            let mut occurrences = Occurrences::new(Unit::Bytes, seeds.iter().map(|s| s.key));
            let Occurrences { slots, seen, .. } = &mut occurrences;
            seeds_in(text, seeds, stretch, slots, |slot, at| {
                let seen = &mut seen[slot];
                seen.count += 1;
                if seen.kept.len() < KEPT {
                    seen.kept.push(at);
                }
            });
            occurrences
        };
        return stretches::fold(cut, threads, seeds_in, Occurrences::then)
            .expect("a text has a stretch");
    }
    let mut occurrences = Occurrences::new(Unit::Bytes, seeds.iter().map(|s| s.key));
    let words = occurrences.seen.len();
    let slots = &occurrences.slots;
    let counts = stretches::map(cut, threads, |stretch| {
        let mut counts = vec![0usize; words];
        seeds_in(text, seeds, stretch, slots, |slot, _| counts[slot] += 1);
        counts
    });
    // How many places of each word each stretch keeps: what the stretches before it leave
    // of the first `KEPT`.
    let mut before = vec![0usize; words];
    let keeps: Vec<Vec<usize>> = (counts.iter())
        .map(|counted| {
            let keeps = (before.iter().zip(counted))
                .map(|(&b, &c)| c.min(KEPT.saturating_sub(b)))
                .collect();
            for (b, &c) in before.iter_mut().zip(counted) {
                *b += c;
            }
            keeps
        })
        .collect();
    for (seen, &count) in occurrences.seen.iter_mut().zip(&before) {
        seen.count = count;
        seen.kept = vec![0; count.min(KEPT)];
    }
    // Each word's list, cut into the parts of the stretches, in their order.
    let mut parts: Vec<Vec<&mut [usize]>> = (0..cut.len()).map(|_| Vec::new()).collect();
    for (word, seen) in occurrences.seen.iter_mut().enumerate() {
        let mut rest: &mut [usize] = &mut seen.kept;
        for (part, keeps) in parts.iter_mut().zip(&keeps) {
            let (mine, after) = rest.split_at_mut(keeps[word]);
            part.push(mine);
            rest = after;
        }
    }
    let parts: Vec<Mutex<Vec<&mut [usize]>>> = parts.into_iter().map(Mutex::new).collect();
    let slots = occurrences.slots.clone();
    stretches::map(cut, threads, |stretch| {
        let index = cut.partition_point(|s| s.start < stretch.start);
        let mut part = parts[index].lock().unwrap_or_else(|p| p.into_inner());
        let mut written = vec![0usize; words];
        seeds_in(text, seeds, stretch, &slots, |slot, at| {
            if let Some(place) = part[slot].get_mut(written[slot]) {
                *place = at;
                written[slot] += 1;
            }
        });
        // The same pass over the same text finds the same places: each part is filled.
        debug_assert!((part.iter().zip(&written)).all(|(p, &w)| p.len() == w));
    });
    drop(parts);
    occurrences
}

/// Calls `found(slot, at)` for each occurrence of `seeds` that starts in `stretch` of `text`,
/// in order: the word's slot in `slots`, and its byte offset.
fn seeds_in(
    text: &str,
    seeds: &[Seed],
    stretch: Range<usize>,
    slots: &FxHashMap<u64, usize>,
    mut found: impl FnMut(usize, usize),
) {
    let slot = |key: u64| slots.get(&key).copied();
    let mut runs: Vec<&str> = Vec::new();
    // For each slot, the run it is looked for by.
    let mut run_of = vec![usize::MAX; slots.len()];
    for seed in seeds {
        let run = runs.iter().position(|r| r.eq_ignore_ascii_case(seed.run));
        let run = run.unwrap_or_else(|| {
            runs.push(seed.run);
            runs.len() - 1
        });
        run_of[slots[&seed.key]] = run;
    }
    // Where a run stands with only ASCII punctuation around it up to where words part, its
    // word's key is the key of the run alone: the slot that run finds there, if any.
    let alone: Vec<Option<usize>> = (runs.iter().enumerate())
        .map(|(i, run)| slot(word_key(run)).filter(|&slot| run_of[slot] == i))
        .collect();
    // A run counts where it is a whole run of ASCII letters and digits in the text.
    let bytes = text.as_bytes();
    // The last word found around a run, and its key: the runs of one word (`abc_abc_…`, a
    // source of megabytes without a space) share it, rather than each reading the word whole
    // again, which took minutes for a megabyte.
    let mut word: Option<(Range<usize>, u64)> = None;
    let hit = |start: usize, at: usize, run: usize| {
        let slot = if punctuation_around(bytes, start, at) {
            alone[run]
        } else {
            let key = match &word {
                Some((range, key)) if range.start <= start && at <= range.end => *key,
                _ => {
                    let range = word_around(text, start, at);
                    let key = word_key(&text[range.clone()]);
                    word = Some((range, key));
                    key
                }
            };
            slot(key).filter(|&slot| run_of[slot] == run)
        };
        if let Some(slot) = slot {
            found(slot, start);
        }
    };
    match Packed::new(&runs) {
        Some(packed) => packed.scan(text.as_bytes(), stretch, hit),
        None => Runs::new(&runs).scan(text.as_bytes(), stretch, hit),
    }
}

/// Most seed runs the vectorised searcher looks for in one pass ([`Packed`]); past that,
/// the runs are looked up through [`Runs`], whose cost does not grow with their number.
const PACKED_RUNS: usize = 64;

/// How many bytes of the source are put in lower case at a time for [`Packed`]: a buffer
/// that stays in the cache.
const CHUNK: usize = 64 << 10;

/// The seed runs, when they are few, found by the vectorised searcher (Teddy) in the text
/// put in lower case a chunk at a time, for the few misquotes a source usually has: on a
/// source of Markov text with one misquote, the whole check took an eighth less time than
/// with [`Runs`] as it then was (it looked at every position; it now looks only where the
/// text's runs start).
struct Packed {
    searcher: aho_corasick::packed::Searcher,
}

impl Packed {
    /// The searcher over `runs` in lower case (no two the same in any case), each found by
    /// its index; `None` past [`PACKED_RUNS`], for a run of three bytes (the searcher screens
    /// by as many first bytes as the shortest run has, and three let through a good share of
    /// English), or where the processor lacks what the searcher needs.
    fn new(runs: &[&str]) -> Option<Self> {
        if runs.is_empty() || runs.len() > PACKED_RUNS || runs.iter().any(|r| r.len() < 4) {
            return None;
        }
        // Leftmost-longest: where runs of the seeds begin alike (`nation`, `national`), the
        // longest that stands at a place is reported, and a whole run of the text is never
        // hidden by a shorter seed (a longer one stands there only if the text's run is longer).
        let searcher = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostLongest)
            .builder()
            .extend(runs.iter().map(|run| run.to_ascii_lowercase()))
            .build()?;
        Some(Self { searcher })
    }

    /// Calls `hit(start, end, run)` for every whole run of ASCII letters and digits of
    /// `bytes` that starts in `starts` and is one of the runs, in any case, in order: what
    /// [`Runs::scan`] calls.
    fn scan(&self, bytes: &[u8], starts: Range<usize>, mut hit: impl FnMut(usize, usize, usize)) {
        let last = starts.end.min(bytes.len());
        let mut lower = Vec::with_capacity((last - starts.start.min(last)).min(CHUNK) + LONGEST);
        let mut chunk = starts.start;
        while chunk < last {
            // A run that starts in the chunk may end past it, by up to the longest seed.
            let end = (chunk + CHUNK).min(last);
            lower.clear();
            lower.extend_from_slice(&bytes[chunk..(end + LONGEST).min(bytes.len())]);
            lower.make_ascii_lowercase();
            let mut at = 0;
            while let Some(found) = (self.searcher)
                .find_in(&lower, aho_corasick::Span::from(at..lower.len()))
                .filter(|found| chunk + found.start() < end)
            {
                let (start, stop) = (chunk + found.start(), chunk + found.end());
                let whole = (start == 0 || !bytes[start - 1].is_ascii_alphanumeric())
                    && bytes.get(stop).is_none_or(|b| !b.is_ascii_alphanumeric());
                if whole {
                    hit(start, stop, found.pattern().as_usize());
                    // No whole run starts inside this one.
                    at = found.end();
                } else {
                    at = found.start() + 1;
                }
            }
            chunk = end;
        }
    }
}

/// The seed runs, looked up whole and without regard to case: the pass finds where the
/// text's runs of ASCII letters and digits start, many bytes at a time
/// ([`alphanumerics`]), and passes over most of them by the hash of their length and first
/// eight bytes ([`Runs::shape`]); only those that pass are looked up.
struct Runs {
    /// Each run in lower case, by its index.
    index: FxHashMap<Vec<u8>, usize>,
    /// One bit for the [`Runs::shape`] of each run.
    shapes: Vec<u64>,
    /// How far to shift a shape to index `shapes`.
    shift: u32,
    /// The fewest bytes a run has: the text's shorter runs (`a`, `of`, `to`) are passed over
    /// 64 places at a time.
    shortest: u32,
}

/// Bit `i` set where byte `from + i` of `bytes` is an ASCII letter or digit, for the 64 bytes
/// from `from` (none past the end).
fn alphanumerics(bytes: &[u8], from: usize) -> u64 {
    mask(bytes, from, &[(b'0', b'9'), (b'A', b'Z'), (b'a', b'z')])
}

impl Runs {
    fn new(runs: &[&str]) -> Self {
        let mut index = FxHashMap::default();
        for (i, run) in runs.iter().enumerate() {
            let lower = run.to_ascii_lowercase().into_bytes();
            index.entry(lower).or_insert(i);
        }
        // Sixteen bits a run or more, so that few of the text's runs pass by chance.
        let bits = (index.len() * 16)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 22);
        let shift = 64 - bits.trailing_zeros();
        let mut shapes = vec![0u64; bits / 64];
        for run in index.keys() {
            if (1..=LONGEST).contains(&run.len()) {
                let bit = Self::shape(run, 0, run.len(), shift);
                shapes[bit / 64] |= 1 << (bit % 64);
            }
        }
        let shortest = (index.keys().map(Vec::len))
            .filter(|len| (1..=LONGEST).contains(len))
            .min()
            .unwrap_or(1) as u32;
        Self {
            index,
            shapes,
            shift,
            shortest,
        }
    }

    /// Where the run of letters and digits `bytes[start..end]` falls in [`Runs::shapes`]: a
    /// hash of its length and its first eight bytes in lower case (setting the bit that
    /// tells a letter's cases changes no digit).
    fn shape(bytes: &[u8], start: usize, end: usize, shift: u32) -> usize {
        let first = (end - start).min(8);
        // Eight bytes of a known size: one load, not a call to copy them.
        let eight = match bytes[start..].first_chunk::<8>() {
            Some(load) => *load,
            None => {
                let mut eight = [0u8; 8];
                eight[..first].copy_from_slice(&bytes[start..start + first]);
                eight
            }
        };
        let kept = u64::MAX >> (64 - 8 * first);
        let head = (u64::from_le_bytes(eight) | 0x2020_2020_2020_2020) & kept;
        let length = (end - start) as u64;
        ((head ^ length.rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
    }

    /// Calls `hit(start, end, run)` for every whole run of ASCII letters and digits of
    /// `bytes` that starts in `runs` and is one of the runs, in order. The stretch `runs`
    /// starts and ends at a multiple of 64 bytes or at the end of `bytes`.
    fn scan(&self, bytes: &[u8], runs: Range<usize>, mut hit: impl FnMut(usize, usize, usize)) {
        debug_assert!(
            [runs.start, runs.end]
                .iter()
                .all(|&at| at % 64 == 0 || at >= bytes.len())
        );
        // Whether the byte before the block at hand is a letter or digit.
        let mut before = match runs.start.checked_sub(64) {
            Some(from) => alphanumerics(bytes, from) >> 63,
            None => 0,
        };
        let mut next = alphanumerics(bytes, runs.start);
        for base in (runs.start..runs.end.min(bytes.len())).step_by(64) {
            let here = next;
            next = alphanumerics(bytes, base + 64);
            let mut starts = here & !(here << 1 | before) & all_set(here, next, self.shortest);
            before = here >> 63;
            while starts != 0 {
                let offset = starts.trailing_zeros();
                starts &= starts - 1;
                let start = base + offset as usize;
                // Where the run ends: in this block or the next. One that fills the rest of
                // this block and all the next has more than 64 bytes, more than any seed.
                let end = match (
                    offset + (here >> offset).trailing_ones(),
                    next.trailing_ones(),
                ) {
                    (64, 64) => continue,
                    (64, more) => base + 64 + more as usize,
                    (stop, _) => base + stop as usize,
                };
                if end - start > LONGEST {
                    continue;
                }
                let bit = Self::shape(bytes, start, end, self.shift);
                if self.shapes[bit / 64] & (1 << (bit % 64)) == 0 {
                    continue;
                }
                if let Some(run) = self.find(&bytes[start..end]) {
                    hit(start, end, run);
                }
            }
        }
    }

    /// The index of the run that `word` (ASCII letters and digits) is, in any case.
    fn find(&self, word: &[u8]) -> Option<usize> {
        if word.len() > LONGEST {
            return None;
        }
        let mut lower = [0u8; LONGEST];
        lower[..word.len()].copy_from_slice(word);
        lower[..word.len()].make_ascii_lowercase();
        self.index.get(&lower[..word.len()]).copied()
    }
}

/// Whether the word that holds the run of letters and digits `bytes[start..end]` (as
/// [`word_around`] finds it) adds to it only ASCII bytes that are neither letters nor digits,
/// so that the run is its key's whole core: so are the bytes before and after it, up to
/// whitespace, a hyphen or the text's edge.
fn punctuation_around(bytes: &[u8], start: usize, end: usize) -> bool {
    let parts = |b: u8| b.is_ascii_whitespace() || b == 0x0B || b == b'-';
    let clear = |b: u8| b.is_ascii() && !b.is_ascii_alphanumeric();
    let before = bytes[..start]
        .iter()
        .rev()
        .find(|&&b| !clear(b) || parts(b));
    let after = bytes[end..].iter().find(|&&b| !clear(b) || parts(b));
    before.is_none_or(|&b| parts(b)) && after.is_none_or(|&b| parts(b))
}

/// Where the word of `text`, as [`crate::nearest::fold::words`] cuts it, that holds
/// `text[start..end]` stands.
fn word_around(text: &str, start: usize, end: usize) -> Range<usize> {
    let apart = |c: char| c.is_whitespace() || stands_alone(c);
    let before: usize = (text[..start].chars().rev())
        .take_while(|&c| !apart(c))
        .map(char::len_utf8)
        .sum();
    let after: usize = (text[end..].chars())
        .take_while(|&c| !apart(c))
        .map(char::len_utf8)
        .sum();
    start - before..end + after
}

/// Where each word with one of `keys` occurs in `text`, in words.
pub(crate) fn by_words(text: &str, keys: impl IntoIterator<Item = u64>) -> Occurrences {
    let mut occurrences = Occurrences::new(Unit::Words, keys);
    for (at, (byte, word)) in words(text).enumerate() {
        if let Some(slot) = occurrences.slot(word_key(word)) {
            occurrences.record(slot, Anchor { at, byte });
        }
    }
    occurrences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::xorshift;

    fn places(text: &str, word: &str) -> Vec<usize> {
        let found = by_seeds(text, &seeds([word]), 1);
        let slot = found.slot(word_key(word)).unwrap();
        found.seen(slot).anchors().map(|a| a.byte).collect()
    }

    #[test]
    fn the_runs_of_one_word_are_its_places_and_no_other_word_s() {
        // Two runs of `abc` in each `abc_abc`: each is a place of that word, none of `abc`'s,
        // whichever run of a word is met first.
        let text = "abc_abc abc_abc abc x_abc_abc";
        assert_eq!(places(text, "abc"), [16]);
        assert_eq!(places(text, "abc_abc"), [0, 4, 8, 12]);
        assert_eq!(places(text, "x_abc_abc"), [22, 26]);
    }

    #[test]
    fn seeds_are_whole_words_in_any_case_with_punctuation_around() {
        let text = "Nation nations (NATION), nation's nation—state inter-nation nationx xnation";
        assert_eq!(places(text, "nation"), [0, 16, 34, 55]);
    }

    /// Every `(start, end, run)` that `scan` calls back with.
    fn hits(scan: impl FnOnce(&mut dyn FnMut(usize, usize, usize))) -> Vec<(usize, usize, usize)> {
        let mut hits = Vec::new();
        scan(&mut |start, end, run| hits.push((start, end, run)));
        hits
    }

    /// Every whole run of ASCII letters and digits of `text` that is one of `runs`, in any
    /// case, one after another: what both passes must find.
    fn whole_runs(text: &str, runs: &[&str]) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().chain([b' ']).enumerate() {
            if b.is_ascii_alphanumeric() {
                continue;
            }
            let run = &text.as_bytes()[start..i];
            if let Some(r) = (runs.iter()).position(|r| r.as_bytes().eq_ignore_ascii_case(run)) {
                found.push((start, i, r));
            }
            start = i + 1;
        }
        found
    }

    #[test]
    fn the_vectorised_pass_finds_what_the_run_table_finds() {
        // Seeds that begin alike, in every case, beside letters, digits, punctuation and
        // characters outside ASCII, over several chunks, runs across their edges included.
        let runs = [
            "nation",
            "national",
            "nationalism",
            "abcd",
            "ab12",
            "2024",
            "zz9zz",
        ];
        let pieces = [
            "nation",
            "National",
            "NATIONALISM",
            "nationals",
            "xnation",
            "abcd",
            "ABCD",
            "Abcde",
            "ab12",
            "AB123",
            "2024",
            "20245",
            "zz9zz",
            "ZZ9ZZ",
            "é",
            "—",
            "-",
            "'",
            " ",
            "\n",
            "  ",
            ",",
            "abcdé",
            "éabcd",
            "the",
            "\u{10}",
            "@",
            "[",
            "`",
            "{",
            "/",
            ":",
            "Z",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut text = String::new();
        while text.len() < 3 * CHUNK + 1000 {
            text.push_str(pieces[(xorshift(&mut state) % pieces.len() as u64) as usize]);
        }
        // Where the processor lacks the vectorised searcher, `Runs` serves alone.
        let Some(packed) = Packed::new(&runs) else {
            return;
        };
        let by_table = hits(|hit| Runs::new(&runs).scan(text.as_bytes(), 0..text.len(), hit));
        let by_packed = hits(|hit| packed.scan(text.as_bytes(), 0..text.len(), hit));
        assert!(by_table.len() > 1000, "{}", by_table.len());
        assert_eq!(by_packed, by_table);
        assert_eq!(by_table, whole_runs(&text, &runs));
        // At the very start and end of a text, and in a text shorter than the searcher's
        // window.
        for text in ["abcd", "abcd nation", "nation abcd", "xabcd", "ab", ""] {
            let by_table = hits(|hit| Runs::new(&runs).scan(text.as_bytes(), 0..text.len(), hit));
            assert_eq!(
                hits(|hit| packed.scan(text.as_bytes(), 0..text.len(), hit)),
                by_table,
                "{text}"
            );
        }
        // At the edge of a chunk: a run across it, one starting or ending on it, the
        // longest seed starting a byte before it, and a run that is no seed, whole.
        let longest = "L".repeat(LONGEST);
        let edge_runs = ["nationalism", "nation", "abcd", longest.as_str()];
        let packed = Packed::new(&edge_runs).expect("built as above");
        let edge = |before: usize, words: &str| format!("{}{words}", " ".repeat(CHUNK - before));
        for text in [
            edge(5, "nationalism tail"),
            edge(0, "nation tail"),
            edge(4, "abcd tail"),
            edge(1, &format!("{longest} tail")),
            edge(3, "xnation nation"),
            edge(6, "nation"),
        ] {
            let by_table =
                hits(|hit| Runs::new(&edge_runs).scan(text.as_bytes(), 0..text.len(), hit));
            assert_eq!(by_table.len(), 1, "{}", text.trim());
            assert_eq!(
                hits(|hit| packed.scan(text.as_bytes(), 0..text.len(), hit)),
                by_table
            );
        }
        // Runs that end in the block after the one they start in, or further on, and a seed
        // as long as seeds may be, wherever the blocks of 64 bytes fall.
        for pad in 0..64 {
            let text = format!(
                "{}{} nation {longest}{} {longest}.",
                " ".repeat(pad),
                "x".repeat(150),
                "y".repeat(pad)
            );
            let by_table =
                hits(|hit| Runs::new(&edge_runs).scan(text.as_bytes(), 0..text.len(), hit));
            assert_eq!(by_table, whole_runs(&text, &edge_runs), "{pad}");
            assert_eq!(by_table.len(), 2 + usize::from(pad == 0), "{pad}");
        }
        // Runs of three bytes, and more runs than one searcher takes, go through the table.
        assert!(Packed::new(&["abc", "nation"]).is_none());
        let many: Vec<String> = (0..=PACKED_RUNS).map(|i| format!("run{i}")).collect();
        assert!(Packed::new(&many.iter().map(String::as_str).collect::<Vec<_>>()).is_none());
    }

    #[test]
    fn seeds_are_the_longest_ascii_words_each_once() {
        let words = "the “Sanctions,” were sanctions on Moscow’s café at 2024 a b".split(' ');
        let runs: Vec<&str> = seeds(words).iter().map(|s| s.run).collect();
        assert_eq!(runs, ["Sanctions", "Moscow", "were", "2024", "the", "caf"]);
    }

    #[test]
    fn seed_hits_are_the_word_pass_hits() {
        let text = "Ab-cd  abc, ABC. abcd xabc abc—abc 经abc a\u{a0}abc";
        let by_seed = by_seeds(text, &seeds(["abc"]), 1);
        let by_word = by_words(text, [word_key("abc")]);
        let bytes = |o: &Occurrences| -> Vec<usize> {
            let slot = o.slot(word_key("abc")).unwrap();
            o.seen(slot).anchors().map(|a| a.byte).collect()
        };
        assert_eq!(bytes(&by_seed), bytes(&by_word));
        assert_eq!(bytes(&by_seed).len(), 6);
    }

    #[test]
    fn seed_hits_are_the_word_pass_hits_around_any_punctuation() {
        // Runs alone, and beside ASCII punctuation, letters, typography, other scripts and
        // every kind of whitespace, in both passes ([`Packed`] where every run has four bytes
        // or more, [`Runs`] with a run of three), two seeds sharing a run among them.
        let pieces = [
            "abc", "ABC", "Abcd", "abcd", "xabc", "2024", "the", "’", "'", "s", ",", ".", "\"",
            "“", "”", "(", "-", "—", " ", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\0",
            "\u{a0}", "经", "é", "e\u{301}",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| (xorshift(&mut state) % n as u64) as usize;
        for quote in [
            &["abc", "abcd’s", "2024"][..],
            &["abcd", "Abc's"],
            &["the", "2024"],
            &["abcd", "abcd’s", "2024"],
        ] {
            let seeds = seeds(quote.iter().copied());
            for _ in 0..500 {
                let text: String = (0..24).map(|_| pieces[next(pieces.len())]).collect();
                let by_seed = by_seeds(&text, &seeds, 1);
                let by_word = by_words(&text, seeds.iter().map(|s| s.key));
                for seed in &seeds {
                    let anchors = |o: &Occurrences| {
                        let slot = o.slot(seed.key).unwrap();
                        o.seen(slot)
                            .anchors()
                            .map(|a| a.byte)
                            .collect::<Vec<usize>>()
                    };
                    // The word pass places a word at its start; the seed pass at the seed's
                    // run in it (each seed here has its run once).
                    let runs: Vec<usize> = (anchors(&by_word).into_iter())
                        .map(|at| {
                            let word = words(&text[at..]).next().unwrap().1;
                            let found = whole_runs(word, &[seed.run]);
                            at + found.first().expect("the run in its word").0
                        })
                        .collect();
                    assert_eq!(anchors(&by_seed), runs, "{:?} in {text:?}", seed.run);
                }
            }
        }
    }

    #[test]
    fn a_text_cut_into_stretches_gives_the_same_occurrences_on_any_number_of_threads() {
        let pieces = [
            "abc",
            "ABC",
            "Abcd",
            "abcd",
            "xabc",
            "2024",
            "the",
            "’",
            ",",
            " ",
            "\n",
            "经",
            "nationalism",
            "nation",
            "-",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut text = String::new();
        while text.len() < 20_000 {
            text.push_str(pieces[(xorshift(&mut state) % pieces.len() as u64) as usize]);
        }
        // A word more common than the places kept, so that the stretches' places are cut.
        text.push_str(&" nation".repeat(KEPT));
        // By the vectorised searcher (runs of four bytes or more) and by the table.
        for quote in [
            &["abcd", "nationalism", "nation", "2024"][..],
            &["abc", "the"],
        ] {
            let seeds = seeds(quote.iter().copied());
            let whole = by_seeds(&text, &seeds, 1);
            let places = |o: &Occurrences, seed: &Seed| {
                let seen = o.seen(o.slot(seed.key).unwrap());
                (
                    seen.count,
                    seen.anchors().map(|a| a.byte).collect::<Vec<_>>(),
                )
            };
            for stretch in [64, 640, 4096] {
                let cut = stretches(text.len(), stretch);
                assert!(cut.len() > 1);
                for threads in [1, 2, 3] {
                    let split = by_seeds_in(&text, &seeds, &cut, threads);
                    for seed in &seeds {
                        let (count, kept) = places(&whole, seed);
                        assert!(count > 10, "{}", seed.run);
                        assert_eq!(
                            places(&split, seed),
                            (count, kept),
                            "{} {stretch}",
                            seed.run
                        );
                    }
                }
            }
        }
        let nation = seeds(["nation"]);
        let seen = by_seeds(&text, &nation, 1);
        let seen = seen.seen(0);
        assert!(seen.count > KEPT && seen.kept() == KEPT, "{}", seen.count);
    }

    #[test]
    fn a_word_with_typography_is_found_by_its_longest_ascii_run() {
        let text = "Iran’s Iran's IRAN’S Iran Iranian’s iran’s—";
        assert_eq!(places(text, "Iran’s"), [0, 9, 16, 42]);
        assert_eq!(places(text, "Iran"), [25]);
    }
}
