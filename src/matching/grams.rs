//! Many fragments found in one pass whose cost does not grow with their number.
//!
//! Each fragment gives its rarest run of eight bytes inside one word (a word of eight bytes
//! or more; whitespace never stands inside a run, so the source's line breaks do not
//! matter), rarity estimated from a sample ([`Rarity`]). The pass reads the source eight
//! bytes at every position, looks each run up in a bitmap that fits in the cache and, on a
//! hit, in the table of runs. On real prose it runs at 1.5–3 GB/s for a hundred fragments or
//! ten thousand, where automata of 64 anchors each (`crate::matching::batch`) take a pass of
//! about 2 GB/s apiece. (Runs of four bytes read at every fourth position were tried: the
//! four runs of each fragment must all be rare, and those of two thousand quotes together
//! stood at 16% of the positions of real prose.)

use rustc_hash::FxHashMap;

use crate::matching::anchor::Rarity;
use crate::matching::pattern::{Beside, Pattern};

/// How many bytes a run has: one load of the source.
const RUN: usize = 8;

/// Fragments to find, by one run of [`RUN`] bytes of each.
#[derive(Debug, Default)]
pub(crate) struct Grams {
    /// For each run, the patterns it stands in: `(pattern, its word, the run's offset in it,
    /// a glance beside the word)`.
    table: FxHashMap<u64, Vec<(usize, usize, usize, Beside)>>,
    /// One bit per hash of a run: most positions of the source are passed over here.
    bits: Vec<u64>,
    /// How far to shift a run's hash to index `bits`.
    shift: u32,
}

fn hash(run: u64) -> u64 {
    run.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn run_at(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..RUN].try_into().expect("a run's bytes"))
}

impl Grams {
    /// Adds `pattern` (numbered `id`) if it has a word of [`RUN`] bytes or more, by its
    /// rarest run; whether it did.
    pub(crate) fn add(&mut self, id: usize, pattern: &Pattern, rarity: &Rarity) -> bool {
        // A run is as rare as the rarer of its halves, since both must stand there.
        let mut best: Option<(u32, usize, usize)> = None;
        for word in 0..pattern.words() {
            let bytes = pattern.word(word).as_bytes();
            for offset in 0..(bytes.len() + 1).saturating_sub(RUN) {
                let run = &bytes[offset..offset + RUN];
                let score = rarity.count4(&run[..4]).min(rarity.count4(&run[4..]));
                if best.is_none_or(|(b, _, _)| score < b) {
                    best = Some((score, word, offset));
                }
            }
        }
        let Some((_, word, offset)) = best else {
            return false;
        };
        let run = run_at(&pattern.word(word).as_bytes()[offset..]);
        let beside = pattern.beside(word);
        (self.table.entry(run).or_default()).push((id, word, offset, beside));
        true
    }

    /// Whether no pattern was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Sizes the bitmap to the runs added: call once, after the last [`Grams::add`].
    pub(crate) fn seal(&mut self) {
        // Sixteen bits a run or more, so that few positions pass the bitmap by chance.
        let wanted = (self.table.len() * 64)
            .next_power_of_two()
            .clamp(1 << 16, 1 << 22);
        self.shift = 64 - wanted.trailing_zeros();
        self.bits = vec![0; wanted / 64];
        for &run in self.table.keys() {
            let h = (hash(run) >> self.shift) as usize;
            self.bits[h / 64] |= 1 << (h % 64);
        }
    }

    /// Calls `hit(pattern, word, at, may_stand)` for every place of `text` where a pattern's
    /// word may start at byte `at` (its stretch stands there), until `hit` returns `true`;
    /// `may_stand` is what a glance beside the word ([`Beside::may_stand`]) says. The caller
    /// compares the whole fragment where it may stand.
    pub(crate) fn scan(&self, text: &str, mut hit: impl FnMut(usize, usize, usize, bool) -> bool) {
        if self.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        for at in 0..(bytes.len() + 1).saturating_sub(RUN) {
            let run = run_at(&bytes[at..]);
            let h = (hash(run) >> self.shift) as usize;
            if self.bits[h / 64] & (1 << (h % 64)) == 0 {
                continue;
            }
            let Some(patterns) = self.table.get(&run) else {
                continue;
            };
            for &(id, word, offset, beside) in patterns {
                if let Some(start) = at.checked_sub(offset)
                    && hit(id, word, start, beside.may_stand(bytes, start))
                {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_word_is_hit_wherever_it_stands() {
        let pattern = Pattern::new("the harbour commission met");
        let rarity = Rarity::of([b"".as_slice()], true);
        let mut grams = Grams::default();
        assert!(grams.add(0, &pattern, &rarity));
        assert!(!grams.add(1, &Pattern::new("to be or not"), &rarity));
        grams.seal();
        for pad in 0..8 {
            let text = format!("{}the harbour commission met", "x".repeat(pad) + " ");
            let mut hits = Vec::new();
            grams.scan(&text, |id, word, at, may_stand| {
                hits.push((id, word, at, may_stand));
                false
            });
            // `commission` is the one word of eight bytes or more.
            assert_eq!(hits, [(0, 2, pad + 13, true)], "{pad}");
        }
    }
}
