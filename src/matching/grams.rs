//! Many fragments found in one pass whose cost does not grow with their number.
//!
//! Each fragment gives one run of eight bytes that begins or ends one of its long words (a
//! word of eight bytes or more) where whitespace must stand beside it in the source: the
//! first eight bytes of a word after the fragment's first, the last eight of a word before
//! its last that the source does not continue with letters left out. Of those, the rarest,
//! by a sample of the source ([`Rarity`]). The pass finds the source's whitespace many
//! bytes at a time ([`crate::text::bytes`]), reads the run at each word's start and before
//! each word's end, looks it up in a bitmap that fits in the cache and, on a hit, in the
//! table of runs: on English, about two looks for every six bytes. A run read at every byte
//! took three times as many looks, and the pass twice the time, on 10,000 quotes of prose.
//! When no run holds a byte that may be whitespace (a control character inside a word may),
//! the same masks pass over every word shorter than a run, 64 places at a time: on 10,000
//! quotes of prose that hold, 11% fewer instructions for the whole check, and on Markov
//! text with 20% misquoted 28% fewer. A fragment with no such run is left to the automata
//! or the pairs (`crate::matching::batch`).
//! (Runs of four bytes read at every fourth position were tried too: the four runs of each
//! fragment must all be rare, and those of two thousand quotes together stood at 16% of the
//! positions of real prose.)

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::matching::anchor::Rarity;
use crate::matching::pattern::{Beside, Pattern, Surroundings};
use crate::text::bytes::{all_set, mask};

/// How many bytes a run has: one load of the source.
const RUN: usize = 8;

/// Fragments to find, by one run of [`RUN`] bytes of each.
#[derive(Debug, Default)]
pub(crate) struct Grams {
    /// For each run, the patterns it stands in: `(pattern, its word, the run's offset in it,
    /// a glance beside the word)`.
    table: FxHashMap<u64, Vec<(usize, usize, usize, Beside)>>,
    /// One bit per hash of a run: most places looked at are passed over here. Empty when no
    /// run was added: [`Grams::scan`] then returns at once.
    bits: Vec<u64>,
    /// How far to shift a run's hash to index `bits`.
    shift: u32,
    /// Whether some run ends its word: only then are the runs before whitespace read.
    ends: bool,
    /// Whether no run holds a [`blank`] byte: then a place is read only where the eight
    /// bytes from it hold none, which passes over every word shorter than a run.
    solid: bool,
}

fn hash(run: u64) -> u64 {
    run.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn run_at(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..RUN].try_into().expect("a run's bytes"))
}

/// Whether byte `b` may be whitespace: ASCII whitespace, the only kind that separates a
/// fragment's words ([`Pattern::around_word`]), and the control characters below it.
fn blank(b: u8) -> bool {
    (BLANK.0..=BLANK.1).contains(&b)
}

/// The bytes [`blank`] holds may be whitespace.
const BLANK: (u8, u8) = (0, b' ');

/// Bit `i` set where byte `from + i` of `bytes` is [`blank`], for the 64 bytes from `from`
/// (none past the end).
fn blanks(bytes: &[u8], from: usize) -> u64 {
    mask(bytes, from, &[BLANK])
}

impl Grams {
    /// Adds `pattern` (numbered `id`) if one of its long words begins after whitespace or
    /// ends before it, by the rarest such run; whether it did.
    pub(crate) fn add(&mut self, id: usize, pattern: &Pattern, rarity: &Rarity) -> bool {
        // A run is as rare as the rarer of its halves, since both must stand there.
        let mut best: Option<(u32, usize, usize, bool)> = None;
        for word in 0..pattern.words() {
            let bytes = pattern.word(word).as_bytes();
            let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
                continue;
            };
            if bytes.len() < RUN {
                continue;
            }
            // The pass reads a run where a blank byte stands just before it and none at its
            // start (or just after it and none at its end).
            // (A word of just eight bytes is its own head and tail: which one is read for
            // it is what matters, not the offset.)
            let head = (pattern.after_space(word) && !blank(first)).then_some((0, false));
            let tail =
                (pattern.before_space(word) && !blank(last)).then_some((bytes.len() - RUN, true));
            for (offset, ends) in [head, tail].into_iter().flatten() {
                let run = &bytes[offset..offset + RUN];
                let score = rarity.count4(&run[..4]).min(rarity.count4(&run[4..]));
                if best.is_none_or(|(b, ..)| score < b) {
                    best = Some((score, word, offset, ends));
                }
            }
        }
        let Some((_, word, offset, ends)) = best else {
            return false;
        };
        let run = run_at(&pattern.word(word).as_bytes()[offset..]);
        let beside = pattern.beside(word);
        self.ends |= ends;
        (self.table.entry(run).or_default()).push((id, word, offset, beside));
        true
    }

    /// Whether no pattern was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Sizes the bitmap to the runs added: call once, after the last [`Grams::add`]. With no
    /// run added there is nothing to look up and no bitmap is made (a batch for one source
    /// rarely has runs, and the smallest bitmap is 8 KiB to clear).
    pub(crate) fn seal(&mut self) {
        if self.is_empty() {
            return;
        }
        // Sixteen bits a run or more, so that few places pass the bitmap by chance.
        let wanted = (self.table.len() * 64)
            .next_power_of_two()
            .clamp(1 << 16, 1 << 22);
        self.shift = 64 - wanted.trailing_zeros();
        self.solid = (self.table.keys()).all(|run| !run.to_le_bytes().into_iter().any(blank));
        self.bits = vec![0; wanted / 64];
        for &run in self.table.keys() {
            let h = (hash(run) >> self.shift) as usize;
            self.bits[h / 64] |= 1 << (h % 64);
        }
    }

    /// Calls `hit(pattern, word, at, may_stand)` for every place of `text` where a run of a
    /// pattern's word stands at a byte of `runs`, its word starting at byte `at`, in the
    /// order of the places, until `hit` returns `true`; `may_stand` is what a glance beside
    /// the word ([`Beside::may_stand_in`]) says. The caller compares the whole fragment where
    /// it may stand. The stretch `runs` starts and ends at a multiple of 64 bytes or at the
    /// text's end: passes over neighbouring stretches report every place once between them.
    pub(crate) fn scan(
        &self,
        text: &str,
        runs: Range<usize>,
        mut hit: impl FnMut(usize, usize, usize, bool) -> bool,
    ) {
        if self.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        debug_assert!(
            [runs.start, runs.end]
                .iter()
                .all(|&at| at % 64 == 0 || at >= bytes.len())
        );
        // The runs that start in the block at hand and the next: after a blank byte where a
        // word starts, and eight bytes before one where a word ends. Before the text, no
        // byte is blank.
        let mut here = match runs.start.checked_sub(64) {
            Some(before) => blanks(bytes, before),
            None => 0,
        };
        let mut next = blanks(bytes, runs.start);
        for base in (runs.start..runs.end.min(bytes.len())).step_by(64) {
            // Whether the byte before the block is blank.
            let before = here >> 63;
            here = next;
            next = blanks(bytes, base + 64);
            let mut places = (here << 1 | before) & !here;
            if self.ends {
                // Where a word ends, in this block and the next; its run begins 8 bytes back.
                let ends = here & !(here << 1 | before);
                let ends_next = next & !(next << 1 | here >> 63);
                places |= ends >> RUN | ends_next << (64 - RUN);
            }
            if self.solid {
                places &= all_set(!here, !next, RUN as u32);
            }
            while places != 0 {
                let at = base + places.trailing_zeros() as usize;
                places &= places - 1;
                if self.look(bytes, at, &mut hit) {
                    return;
                }
            }
        }
    }

    /// Looks up the run at byte `at` and reports its patterns to `hit`; whether `hit` asked
    /// to stop.
    fn look(
        &self,
        bytes: &[u8],
        at: usize,
        hit: &mut impl FnMut(usize, usize, usize, bool) -> bool,
    ) -> bool {
        let Some(run) = bytes.get(at..at + RUN) else {
            return false;
        };
        let run = run_at(run);
        let h = (hash(run) >> self.shift) as usize;
        if self.bits[h / 64] & (1 << (h % 64)) == 0 {
            return false;
        }
        let Some(patterns) = self.table.get(&run) else {
            return false;
        };
        let mut around = Surroundings::of(bytes);
        for &(id, word, offset, beside) in patterns {
            if let Some(start) = at.checked_sub(offset)
                && hit(id, word, start, beside.may_stand_in(&mut around, start))
            {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    /// Long words that begin or end alike, one of just eight bytes, short words, every kind of ASCII whitespace, a
    /// control character just below the space and a no-break space (not whitespace here).
    const PIECES: [&str; 15] = [
        "harbourmaster",
        "harbourmasters",
        "masterharbour",
        "commission",
        "commissioner",
        "harbours",
        "a",
        "of",
        "é",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "\u{b}\u{a0}",
    ];

    #[test]
    fn a_run_that_ends_a_word_is_hit_at_the_start_of_the_text() {
        // `harbours` is the one long word, first in the fragment: its run is its whole self,
        // and it ends the word where the source's first word ends.
        let grams = sealed(&["harbours of the port"]);
        assert_eq!(hits(&grams, "harbours of the port"), [(0, 0, 0, true)]);
    }

    /// The table of `fragments`, each added by its run (rarity from an empty sample), sealed.
    fn sealed(fragments: &[&str]) -> Grams {
        let rarity = Rarity::of([b"".as_slice()], true);
        let mut grams = Grams::default();
        for (id, fragment) in fragments.iter().enumerate() {
            assert!(
                grams.add(id, &Pattern::new(fragment), &rarity),
                "{fragment}"
            );
        }
        grams.seal();
        grams
    }

    /// Every `(pattern, word, at, may_stand)` the pass over `text` reports.
    fn hits(grams: &Grams, text: &str) -> Vec<(usize, usize, usize, bool)> {
        let mut hits = Vec::new();
        grams.scan(text, 0..text.len(), |id, word, at, may_stand| {
            hits.push((id, word, at, may_stand));
            false
        });
        hits
    }

    /// The places where the fragment stands in `text`, by a comparison at every byte.
    fn everywhere(pattern: &Pattern, text: &str) -> BTreeSet<(usize, usize)> {
        (0..text.len())
            .filter_map(|at| pattern.around_word(text, 0, at))
            .map(|place| (place.start, place.end))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Every place of every fragment is reported, each fragment's in order, wherever
        /// the blocks of 64 bytes the pass reads fall.
        #[test]
        fn every_place_of_a_fragment_is_hit(
            pieces in prop::collection::vec(select(&PIECES[..]), 1..120),
            spans in prop::collection::vec((0..30usize, 1..6usize, 0..8usize, 1..4usize), 1..12),
        ) {
            let text: String = pieces.concat();
            let words: Vec<&str> = text.split_ascii_whitespace().collect();
            // Some fragments leave letters out at the end of one word (`judgment[ ]`): the
            // source continues it.
            let patterns: Vec<Pattern> = (spans.iter())
                .filter(|&&(from, ..)| from < words.len())
                .map(|&(from, n, open, cut)| {
                    let mut fragment: Vec<&str> = words[from..(from + n).min(words.len())].to_vec();
                    match fragment.get_mut(open) {
                        Some(word) if word.is_ascii() && word.len() > cut => {
                            *word = &word[..word.len() - cut];
                            Pattern::with_open(&fragment.join(" "), &[open])
                        }
                        _ => Pattern::new(&fragment.join(" ")),
                    }
                })
                .collect();
            let rarity = Rarity::of_text(&text, true);
            let mut grams = Grams::default();
            let added: Vec<bool> = (patterns.iter().enumerate())
                .map(|(id, pattern)| grams.add(id, pattern, &rarity))
                .collect();
            grams.seal();
            let mut found = vec![BTreeSet::new(); patterns.len()];
            let mut starts = vec![Vec::new(); patterns.len()];
            let mut glanced_away = Vec::new();
            grams.scan(&text, 0..text.len(), |id, word, at, may_stand| {
                starts[id].push(at);
                if let Some(place) = patterns[id].around_word(&text, word, at) {
                    if !may_stand {
                        glanced_away.push(place.clone());
                    }
                    found[id].insert((place.start, place.end));
                }
                false
            });
            prop_assert!(glanced_away.is_empty(), "{:?}", glanced_away);
            for (id, pattern) in patterns.iter().enumerate() {
                let expected = if added[id] { everywhere(pattern, &text) } else { BTreeSet::new() };
                prop_assert_eq!(&found[id], &expected, "{:?} in {:?}", pattern.word(0), text);
                prop_assert!(starts[id].windows(2).all(|w| w[0] < w[1]), "{:?}", starts[id]);
            }
            // Passes over stretches of 64 bytes report each place once, the same places.
            let whole = hits(&grams, &text);
            let mut stretched = Vec::new();
            for from in (0..text.len().max(1)).step_by(64) {
                grams.scan(&text, from..(from + 64).min(text.len()), |id, word, at, may_stand| {
                    stretched.push((id, word, at, may_stand));
                    false
                });
            }
            prop_assert_eq!(stretched, whole);
        }
    }

    #[test]
    fn a_run_with_a_control_byte_is_still_hit() {
        // `\u{1}` is no whitespace, so it stands inside a word of the fragment, and in its run:
        // places are then read without regard to blank bytes after them.
        let grams = sealed(&["the harb\u{1}urmaster met"]);
        assert!(!grams.solid);
        let text = "so the harb\u{1}urmaster met";
        assert_eq!(hits(&grams, text).len(), 1, "{:?}", hits(&grams, text));
    }

    #[test]
    fn a_long_word_is_hit_wherever_it_stands() {
        let grams = sealed(&["the harbour commission met"]);
        let mut short = Grams::default();
        let rarity = Rarity::of([b"".as_slice()], true);
        assert!(!short.add(0, &Pattern::new("to be or not"), &rarity));
        for pad in 0..8 {
            let text = format!("{}the harbour commission met", "x".repeat(pad) + " ");
            // `commission` is the one word of eight bytes or more.
            assert_eq!(hits(&grams, &text), [(0, 2, pad + 13, true)], "{pad}");
        }
    }
}
