//! Fragments found by a pair of their inner words, looked up word by word in one pass.
//!
//! A word inside a fragment (neither its first nor its last) stands in the source as a whole
//! run of non-whitespace, since whitespace must stand on both sides of it. So a fragment of
//! four or more words can only be where two of its inner words stand in a row: the source is
//! cut at ASCII whitespace and each pair of neighbouring words looked up in a hash table. The
//! pass costs the same for two fragments or two thousand, and a hit needs both words, where
//! a single anchor word of many quotes ([`crate::matching::batch`]) hits at nearly every common
//! word.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use crate::matching::pattern::Pattern;

/// Fragments to find, by the hash of their pair of inner words ([`Pattern::pair`]).
#[derive(Debug, Default)]
pub(crate) struct Pairs {
    /// For each pair's hash, the patterns it may be: `(pattern, index of its first word)`.
    table: FxHashMap<u64, Vec<(usize, usize)>>,
    /// The lengths (up to 63; longer ones share bit 63) that a pair's second word may have:
    /// most words of the source are not looked up at all.
    lengths: u64,
}

impl Pairs {
    /// Adds `pattern` (numbered `id`) if it has a pair of inner words; whether it did.
    pub(crate) fn add(&mut self, id: usize, pattern: &Pattern) -> bool {
        let Some(first) = pattern.pair() else {
            return false;
        };
        let (a, b) = (pattern.word(first), pattern.word(first + 1));
        self.lengths |= length_bit(b.len());
        self.table.entry(pair(a, b)).or_default().push((id, first));
        true
    }

    /// Whether no pattern was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Calls `hit(pattern, word, at)` for every place of `text` where the pair of `pattern`
    /// may stand, its first word (`word`, by index in the pattern) at byte `at` of `firsts`,
    /// until `hit` returns `true`. The caller compares the whole fragment; hashes may collide.
    /// Passes over neighbouring stretches report every place once between them: a pair
    /// belongs to the stretch its first word starts in.
    pub(crate) fn scan(
        &self,
        text: &str,
        firsts: Range<usize>,
        mut hit: impl FnMut(usize, usize, usize) -> bool,
    ) {
        if self.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        // A word that runs into the stretch from before it starts before it.
        let mut from = firsts.start.min(bytes.len());
        if from > 0 && !SPACE[bytes[from - 1] as usize] {
            while from < bytes.len() && !SPACE[bytes[from] as usize] {
                from += 1;
            }
        }
        // The previous word's start and hash.
        let mut previous: Option<(usize, u64)> = None;
        for (start, end) in words(bytes, from) {
            if previous.is_some_and(|(before, _)| before >= firsts.end) {
                return;
            }
            let word = &bytes[start..end];
            let hash = hash(word);
            if let Some((before, first)) = previous
                && self.lengths & length_bit(word.len()) != 0
                && let Some(patterns) = self.table.get(&combine(first, hash))
                && patterns.iter().any(|&(id, index)| hit(id, index, before))
            {
                return;
            }
            previous = Some((start, hash));
        }
    }
}

fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

fn hash(word: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(word);
    hasher.finish()
}

fn combine(first: u64, second: u64) -> u64 {
    first.rotate_left(29) ^ second
}

fn pair(a: &str, b: &str) -> u64 {
    combine(hash(a.as_bytes()), hash(b.as_bytes()))
}

/// Which bytes [`u8::is_ascii_whitespace`] holds to be whitespace (what [`Pattern::around`]
/// skips), as a table: the pass tests every byte of the source.
const SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_whitespace();
        b += 1;
    }
    table
};

/// The byte ranges of the runs of non-whitespace of `bytes` from byte `from`.
fn words(bytes: &[u8], from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        while at < bytes.len() && SPACE[bytes[at] as usize] {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && !SPACE[bytes[at] as usize] {
            at += 1;
        }
        Some((start, at))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_non_whitespace() {
        let found: Vec<_> = words(b"  ab\tc\r\n\x0cdef ", 0).collect();
        assert_eq!(found, [(2, 4), (5, 6), (9, 12)]);
    }

    #[test]
    fn a_pair_is_hit_where_both_words_stand_in_a_row() {
        let pattern = Pattern::new("the harbour commission had rejected");
        let mut pairs = Pairs::default();
        assert!(pairs.add(0, &pattern));
        assert!(!pairs.add(1, &Pattern::new("too short here")));
        let text = "harbour commission, the harbour\n  commission had rejected";
        let mut hits = Vec::new();
        pairs.scan(text, 0..text.len(), |id, word, at| {
            hits.push((id, word, at));
            false
        });
        assert_eq!(hits, [(0, 1, 24)]);
        // Cut anywhere, the stretches report the pair once, in the one its first word
        // starts in.
        for cut in 0..=text.len() {
            let mut split = Vec::new();
            for stretch in [0..cut, cut..text.len()] {
                pairs.scan(text, stretch, |id, word, at| {
                    split.push((id, word, at));
                    false
                });
            }
            assert_eq!(split, hits, "cut at {cut}");
        }
        assert_eq!(pattern.around_word(text, 1, 24), Some(20..text.len()));
    }

    #[test]
    fn the_word_a_hash_found_is_compared_too() {
        // As if a word of the same hash as `harbour` had been hit: only the bytes decide.
        let pattern = Pattern::new("the harbour commission had rejected");
        let text = "the harboux commission had rejected";
        assert_eq!(pattern.around_word(text, 1, 4), None);
        assert_eq!(pattern.around_word("the harbou", 1, 4), None);
        assert_eq!(pattern.around_word("the", 1, 40), None);
    }
}
