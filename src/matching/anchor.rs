//! Which bytes of a fragment the one pass over a source looks for: its anchor.
//!
//! A fragment is found where its anchor stands, then compared whole in place
//! ([`crate::matching::pattern::Pattern::around_word`]). The anchor lies inside one word, since
//! the source may put any run of whitespace between two words. On real prose a whole word is
//! a weak anchor: `government` or `information` stands thousands of times in a manual, and
//! every hit costs a comparison. So the anchor is the stretch of up to [`ANCHOR_BYTES`] bytes
//! of the fragment's words that begins with its rarest three bytes, rarity estimated from a
//! sample ([`Rarity`]): of the source itself when the batch serves one source; for quotes
//! looked for in every source, of the sources the check read, added up. The vectorised
//! searcher ([`crate::matching::batch`]) screens the source by the first bytes of each
//! anchor, so rare first bytes mean few places to compare.

use crate::matching::pattern::Pattern;

/// The longest anchor, in bytes: enough to tell one place from another.
pub(crate) const ANCHOR_BYTES: usize = 16;

/// Bytes sampled from a source to estimate rarity: up to 16 stretches of 1 KiB spread over
/// it (more costs more than the better choice saves, on a source cited a few times), one for
/// every 4 KiB of a smaller source. Counting takes a few instructions a byte, the search
/// about one: with counts that stopped at their largest, a sample of 16 KiB cost a source of
/// 30 KiB more than its search; counted with plain additions, the samples of five outlines'
/// sources took 38 rather than 61 million instructions. The samples also choose the anchors
/// of the misquotes looked for in every source, added up: with one stretch for every 8 KiB,
/// 200 quotes of prose with 20% misquoted took 3% more instructions than with one for every
/// 4 KiB, as rarer-looking bytes proved common; with at most 8 stretches, 5.4% more (and 0.5%
/// fewer for 10,000 quotes that hold).
const SAMPLES: usize = 16;
const SAMPLE_BYTES: usize = 1024;
const BYTES_PER_SAMPLE: usize = 4 * 1024;

// No count of a sample can pass its largest: a sample is at most `SAMPLES` stretches of
// `SAMPLE_BYTES`, and each byte adds one to at most one count of each table.
const _: () = assert!(SAMPLES * SAMPLE_BYTES <= u16::MAX as usize);

/// How often each run of three bytes, and of four, stands in a sample (hashed into 4,096
/// and 65,536 counters).
#[derive(Clone)]
pub(crate) struct Rarity {
    counts: Box<[u16; 4096]>,
    /// Counted only when asked for: runs of four serve many fragments at once
    /// ([`crate::matching::grams`]), and a batch for one source rarely has many.
    fours: Option<Box<[u16]>>,
}

fn slot4(four: &[u8]) -> usize {
    slot4_of(u32::from_be_bytes([four[0], four[1], four[2], four[3]]))
}

fn slot(three: &[u8]) -> usize {
    slot_of(u32::from(three[0]) << 16 | u32::from(three[1]) << 8 | u32::from(three[2]))
}

/// The counter of the run of three bytes `key` holds in its low 24 bits, first byte highest.
fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// The counter of the run of four bytes `key` holds, first byte highest.
fn slot4_of(key: u32) -> usize {
    (key.swap_bytes().wrapping_mul(0x9E37_79B1) >> 16) as usize
}

fn bump(count: &mut u16) {
    *count = count.saturating_add(1);
}

impl std::fmt::Debug for Rarity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seen = self.counts.iter().filter(|&&c| c > 0).count();
        write!(
            f,
            "Rarity({seen} of {} runs of three seen)",
            self.counts.len()
        )
    }
}

impl Rarity {
    /// The counts of the runs of three bytes in `parts`, and of four with `fours`, each count
    /// stopping at its largest (`parts` may be of any length: a batch's quotes).
    pub(crate) fn of<'a>(parts: impl IntoIterator<Item = &'a [u8]>, fours: bool) -> Self {
        Self::counted::<true>(parts, fours)
    }

    /// The counts of [`Rarity::of`]; with `SATURATE` false, a plain addition a run, for
    /// `parts` of fewer than 65,536 bytes in all (a sample: [`Rarity::of_text`]), which no
    /// count can pass (a debug build panics if one does).
    fn counted<'a, const SATURATE: bool>(
        parts: impl IntoIterator<Item = &'a [u8]>,
        fours: bool,
    ) -> Self {
        let add = |count: &mut u16| match SATURATE {
            true => bump(count),
            false => *count += 1,
        };
        let mut counts = Box::new([0u16; 4096]);
        let mut four_counts = fours.then(|| vec![0u16; 1 << 16].into_boxed_slice());
        // One pass over each part, its last four bytes held in one number, first byte highest:
        // every byte read once, whether runs of four are counted or not.
        for part in parts {
            let [a, b, c, rest @ ..] = part else {
                continue;
            };
            let mut key = u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c);
            add(&mut counts[slot_of(key)]);
            match four_counts.as_mut() {
                Some(table) => {
                    for &byte in rest {
                        key = key << 8 | u32::from(byte);
                        add(&mut counts[slot_of(key & 0x00FF_FFFF)]);
                        add(&mut table[slot4_of(key)]);
                    }
                }
                None => {
                    for &byte in rest {
                        key = key << 8 | u32::from(byte);
                        add(&mut counts[slot_of(key & 0x00FF_FFFF)]);
                    }
                }
            }
        }
        Self {
            counts,
            fours: four_counts,
        }
    }

    /// The counts of a sample of `text`: one stretch of [`SAMPLE_BYTES`] for every
    /// [`BYTES_PER_SAMPLE`] of it, up to [`SAMPLES`], spread over it; all of it when shorter
    /// than one stretch.
    pub(crate) fn of_text(text: &str, fours: bool) -> Self {
        let bytes = text.as_bytes();
        if bytes.len() <= SAMPLE_BYTES {
            return Self::counted::<false>([bytes], fours);
        }
        let stretches = (bytes.len() / BYTES_PER_SAMPLE).clamp(1, SAMPLES);
        let step = bytes.len() / stretches;
        Self::counted::<false>(
            (0..stretches).map(|i| &bytes[i * step..i * step + SAMPLE_BYTES]),
            fours,
        )
    }

    /// Adds the counts of runs of three bytes of `other`'s sample to this one's (a count
    /// stops at its largest: the runs that matter are the rare ones).
    pub(crate) fn absorb(&mut self, other: &Rarity) {
        for (count, more) in self.counts.iter_mut().zip(other.counts.iter()) {
            *count = count.saturating_add(*more);
        }
    }

    /// The sample without its counts of runs of four bytes (128 KiB).
    pub(crate) fn without_fours(mut self) -> Self {
        self.fours = None;
        self
    }

    /// This sample's counts of runs of four bytes, with the counts of runs of three of
    /// `sample` (a larger sample, of other text) in place of its own.
    pub(crate) fn with_threes_of(mut self, sample: &Rarity) -> Self {
        self.counts.clone_from(&sample.counts);
        self
    }

    pub(crate) fn count(&self, three: &[u8]) -> u32 {
        u32::from(self.counts[slot(three)])
    }

    /// How often the four bytes `four` stand in the sample.
    pub(crate) fn count4(&self, four: &[u8]) -> u32 {
        self.fours.as_ref().map_or(0, |t| u32::from(t[slot4(four)]))
    }
}

/// Where a fragment's anchor stands in it: in its word `word`, from byte `offset`, `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub word: usize,
    pub offset: usize,
    pub len: usize,
}

impl Anchor {
    /// The anchor's bytes in `pattern`.
    pub(crate) fn bytes<'p>(&self, pattern: &'p Pattern) -> &'p [u8] {
        &pattern.word(self.word).as_bytes()[self.offset..self.offset + self.len]
    }
}

/// The anchor of `pattern`: the stretch of one word, up to [`ANCHOR_BYTES`], that starts with
/// the rarest three bytes; one of fewer than four bytes only where no word is longer. On a
/// tie, the longer stretch, then the first.
pub(crate) fn choose(pattern: &Pattern, rarity: &Rarity) -> Anchor {
    let mut best: Option<((u32, usize), Anchor)> = None;
    for word in 0..pattern.words() {
        let bytes = pattern.word(word).as_bytes();
        let last = bytes.len().saturating_sub(3);
        for offset in 0..=last {
            let len = (bytes.len() - offset).min(ANCHOR_BYTES);
            let count = match bytes.get(offset..offset + 3) {
                Some(three) => rarity.count(three),
                None => u32::from(u16::MAX),
            };
            // An anchor of fewer than four bytes is found nearly everywhere.
            let penalty = if len < 4 { 1 << 17 } else { 0 };
            let key = (count + penalty, usize::MAX - len);
            if best.as_ref().is_none_or(|(b, _)| key < *b) {
                best = Some((key, Anchor { word, offset, len }));
            }
        }
    }
    best.map_or(
        Anchor {
            word: 0,
            offset: 0,
            len: 0,
        },
        |(_, a)| a,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_anchor_starts_with_the_rarest_bytes_of_the_sample() {
        let sample = "the government and the information of the government ".repeat(50);
        let rarity = Rarity::of_text(&sample, false);
        let pattern = Pattern::new("the government weighed information quietly");
        let anchor = choose(&pattern, &rarity);
        // `weighed` and `quietly` are absent from the sample; `wei` comes first.
        assert_eq!(std::str::from_utf8(anchor.bytes(&pattern)), Ok("weighed"));
        assert_eq!((anchor.word, anchor.offset), (2, 0));
    }

    #[test]
    fn samples_added_up_choose_as_one_sample_of_both() {
        // Texts shorter than a stretch of the sample are counted whole.
        let a = "the government and the information ".repeat(20);
        let b = "information of the government ".repeat(20);
        assert!(a.len() <= SAMPLE_BYTES && b.len() <= SAMPLE_BYTES);
        let mut added = Rarity::of_text(&a, false);
        added.absorb(&Rarity::of_text(&b, false));
        let both = Rarity::of([a.as_bytes(), b.as_bytes()], false);
        assert_eq!(added.counts, both.counts);
        // In the quote's own words, `government` and `information` are as rare as any;
        // in the sources they are common, and the anchor is in `matter`.
        let pattern = Pattern::new("government information matter");
        let own = Rarity::of([b"government information matter".as_slice()], true);
        let chosen = choose(&pattern, &own.clone().with_threes_of(&added));
        assert_eq!(chosen.word, 2);
        assert_ne!(choose(&pattern, &own), chosen);
        // A count stops at its largest.
        let mut full = Rarity::of([" ".repeat(70_000).as_bytes()], false);
        full.absorb(&full.clone());
        assert_eq!(full.count(b"   "), u32::from(u16::MAX));
    }

    proptest::proptest! {
        /// The one rolling pass counts what a count of every window of three and of four
        /// bytes counts, part by part, parts shorter than a run included.
        #[test]
        fn the_rolling_count_is_the_count_of_every_window(
            parts in proptest::collection::vec(proptest::collection::vec(
                proptest::prop_oneof![proptest::prelude::any::<u8>(), b'a'..=b'e'], 0..300), 0..5),
        ) {
            let rarity = Rarity::of(parts.iter().map(Vec::as_slice), true);
            let mut threes = vec![0u16; 4096];
            let mut fours = vec![0u16; 1 << 16];
            for part in &parts {
                part.windows(3).for_each(|w| threes[slot(w)] += 1);
                part.windows(4).for_each(|w| fours[slot4(w)] += 1);
            }
            proptest::prop_assert_eq!(&rarity.counts[..], &threes[..]);
            proptest::prop_assert_eq!(rarity.fours.as_deref(), Some(&fours[..]));
            let without = Rarity::of(parts.iter().map(Vec::as_slice), false);
            proptest::prop_assert_eq!(&without.counts[..], &threes[..]);
            proptest::prop_assert!(without.fours.is_none());
            // A sample's plain additions count the same.
            let plain = Rarity::counted::<false>(parts.iter().map(Vec::as_slice), true);
            proptest::prop_assert_eq!(&plain.counts[..], &threes[..]);
            proptest::prop_assert_eq!(plain.fours.as_deref(), Some(&fours[..]));
        }
    }

    #[test]
    fn a_source_is_sampled_a_stretch_for_every_four_kib_up_to_sixteen() {
        let text: String = (0..200_000u32).map(|i| format!("w{i} ")).collect();
        let stretches = |len: usize| {
            let sampled = Rarity::of_text(&text[..len], false);
            let counted: u32 = sampled.counts.iter().map(|&c| u32::from(c)).sum();
            // Each stretch of 1 KiB holds 1,022 runs of three bytes.
            counted as usize / (SAMPLE_BYTES - 2)
        };
        assert_eq!(
            stretches(1000),
            0,
            "a text of less than a stretch is counted whole"
        );
        assert_eq!(stretches(5_000), 1);
        assert_eq!(stretches(40_000), 9);
        assert_eq!(stretches(1_000_000), SAMPLES);
    }

    #[test]
    fn a_sample_of_one_byte_repeated_counts_every_run_without_passing_the_largest() {
        // The sample counts without saturating: its largest possible count, one run over
        // every stretch, must still be told exactly.
        let text = "a".repeat(SAMPLES * BYTES_PER_SAMPLE);
        let sampled = Rarity::of_text(&text, true);
        let runs = SAMPLES * (SAMPLE_BYTES - 2);
        assert_eq!(sampled.count(b"aaa") as usize, runs);
        assert_eq!(
            sampled.count4(b"aaaa") as usize,
            SAMPLES * (SAMPLE_BYTES - 3)
        );
        let short = Rarity::of_text(&text[..SAMPLE_BYTES], false);
        assert_eq!(short.count(b"aaa") as usize, SAMPLE_BYTES - 2);
    }

    #[test]
    fn a_long_word_gives_at_most_sixteen_bytes_and_a_short_fragment_its_longest_word() {
        let rarity = Rarity::of([b"".as_slice()], false);
        let pattern = Pattern::new("Donaudampfschifffahrtsgesellschaft");
        let anchor = choose(&pattern, &rarity);
        assert_eq!(anchor.len, ANCHOR_BYTES);
        let pattern = Pattern::new("I am");
        let anchor = choose(&pattern, &rarity);
        assert_eq!(std::str::from_utf8(anchor.bytes(&pattern)), Ok("am"));
    }
}
