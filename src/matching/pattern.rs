//! Where a quotation stands in a source: exact, whitespace-insensitive matching.
//!
//! Which search is used for which case, and why:
//!
//! - **Finding a fragment** (the words between two ellipses): its longest word, the *anchor*,
//!   is searched for; the fragment's other words are then compared around each hit, any run
//!   of whitespace in the source standing for the one space between two words
//!   ([`Pattern::around`]). The source is never copied or normalised: a hard-wrapped source
//!   matches as it is, and memory stays one copy of the source. The longest word is the
//!   rarest in practice, so few hits need comparing.
//! - **Many quotes of one source** are found in one pass ([`crate::matching::batch`]): one
//!   Aho-Corasick automaton over every anchor word, reporting overlapping hits so that quotes that
//!   overlap each other, or share an anchor, are all found. The cost is one pass over the source
//!   for all its quotes, not one per quote.
//! - **Word boundaries** are judged only at a full match's two ends ([`on_word_boundaries`]),
//!   by the Unicode rules: a quote may not cut a word, a number (`1,400`), a contraction
//!   (`won't`), a hyphenated compound or a letter's accents.
//! - **Ellipses**: fragments must stand in order, each within [`MAX_GAP`] characters of the
//!   one before; the earliest full placement wins. It is found by one forward walk over the
//!   fragments' places that keeps only those a later fragment could still follow
//!   ([`crate::matching::placement`]).
//!
//! Nothing here is fuzzy: near misses are [`crate::nearest`]'s, and only advice.

use std::ops::Range;

use crate::matching::boundary::on_word_boundaries;
pub use crate::matching::gap::{Gap, Join, MAX_GAP};
use crate::text::whitespace::{collapse, is_space};

/// The ellipsis marks that split a quote, longest first so that `[...]` wins over `...`:
/// three dots, spaced or not (with any space between, a no-break or a thin one too), the
/// ellipsis character, each bare or in brackets.
pub(crate) const ELLIPSES: [&str; 10] = [
    "[. . .]",
    "[...]",
    "[…]",
    ". . .",
    ".\u{a0}.\u{a0}.",
    ".\u{202f}.\u{202f}.",
    ".\u{2009}.\u{2009}.",
    "...",
    "…",
    "⋯",
];

/// Why a quote cannot be searched for at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsearchable {
    /// The quote is empty or only whitespace.
    Empty,
    /// The quote has no letter or digit, only punctuation or symbols (`.`, `,`, `—`): it
    /// would stand in almost any source, and says nothing of it.
    NoWords,
    /// The quote has no words outside its ellipses.
    OnlyEllipsis,
    /// The quote keeps too few words of the source outside its brackets, notes and ellipses.
    OnlyAlterations,
}

/// Why a searchable quote was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// The quote has no ellipsis and is not in the source.
    NotFound,
    /// Fragment `index` (0-based) of an ellipsis quote is nowhere in the source.
    FragmentMissing { index: usize },
    /// Every fragment is in the source, but fragment `index` never follows the one before it
    /// as the join between them allows ([`Join::allows`]).
    FragmentOutOfPlace { index: usize, placing: Placing },
    /// The search reached its budget before finding the quote
    /// (`crate::matching::placement::Budget`): only input built to exhaust it does. Never verified.
    CutShort,
}

/// Where an out-of-place fragment and the one before it stand, as byte offsets in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placing {
    /// The fragment is in the source only before the fragment that should precede it.
    OutOfOrder { at: usize, previous: usize },
    /// The fragment follows the one before it, but farther than the join allows, at the
    /// first place tried: the one before ends at `from`. `gap` is what stands between them,
    /// counted only until the join's verdict and its explanation are settled (past
    /// [`MAX_GAP`] characters and [`crate::matching::gap::NEGATION_WORDS`] words, the
    /// counting stops): [`crate::matching::gap::measure`] of `from..at` gives all of it.
    TooFarApart {
        at: usize,
        previous: usize,
        from: usize,
        gap: Gap,
    },
}

/// A quote split into the parts that must stand verbatim in the source, each
/// whitespace-collapsed, and what may stand between each part and the next.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fragments {
    parts: Vec<String>,
    joins: Vec<Join>,
    /// The words (part, word, both by index) that the source continues with letters the
    /// writer left out (`judgment[ ]`), in order.
    open: Vec<(usize, usize)>,
    /// What before the quote's start and after its end may hold no negation: a quote that
    /// starts just after `not` (or whose bracket or ellipsis at an end stands for a `not`)
    /// says the opposite of its source.
    guards: (Guard, Guard),
}

/// What beside one end of a quote may hold no negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Guard {
    /// The nearest words of the same sentence, this many (none: nothing is looked at), an
    /// adverb or auxiliary verb beside the quote passed over ([`negation_before`]).
    Words(usize),
    /// The rest of the sentence, as an ellipsis between two parts leaves it out
    /// ([`crate::matching::gap::negation_at_edges`]): the quote's end is an ellipsis
    /// (`... that the minister supported Hamas` of `It is not true that the minister
    /// supported Hamas`), and the nearest word too.
    Sentence,
}

/// The most letters an empty bracket (`judgment[ ]`) may stand for.
pub const MAX_OMITTED: usize = 4;

impl Fragments {
    /// Splits `quote` at its ellipses; leading and trailing ellipses are dropped. Four dots
    /// (a sentence's period, then an ellipsis) make a [`Join::Sentences`], and the period is
    /// the quote's: the source's sentence may go on past it.
    pub fn parse(quote: &str) -> Result<Self, Unsearchable> {
        if quote.chars().all(is_space) {
            return Err(Unsearchable::Empty);
        }
        let mut parts = Vec::new();
        let mut joins = Vec::new();
        for (piece, join) in split_at_ellipses(quote) {
            let piece = collapse(piece);
            let piece = match join {
                Some(Join::Sentences) => piece.strip_suffix('.').unwrap_or(&piece).trim_end(),
                _ => &piece,
            };
            Self::push(&mut parts, &mut joins, piece.to_owned(), join);
        }
        Self::from_parts(parts, joins).ok_or(Unsearchable::OnlyEllipsis)
    }

    /// Adds `part`, then the `join` after it (`None` at the quote's end), to a quote being
    /// built. An empty part adds nothing: its join merges with the one before, the one that
    /// allows more winning; a join before the first part is dropped.
    pub(crate) fn push(
        parts: &mut Vec<String>,
        joins: &mut Vec<Join>,
        part: String,
        join: Option<Join>,
    ) {
        if !part.is_empty() {
            parts.push(part);
            joins.push(join.unwrap_or(Join::Bracket));
        } else if let (Some(join), Some(last)) = (join, joins.last_mut()) {
            *last = join.max(*last);
        }
    }

    /// The quote of `parts` joined by `joins` (one after each part; the last is dropped);
    /// `None` without parts.
    pub(crate) fn from_parts(parts: Vec<String>, mut joins: Vec<Join>) -> Option<Self> {
        if parts.is_empty() {
            return None;
        }
        joins.truncate(parts.len() - 1);
        Some(Self {
            parts,
            joins,
            open: Vec::new(),
            guards: (Guard::Words(0), Guard::Words(0)),
        })
    }

    /// The same quote, the source continuing each of the words `open` (part, word) with one
    /// to [`MAX_OMITTED`] letters.
    pub(crate) fn with_open(mut self, open: Vec<(usize, usize)>) -> Self {
        self.open = open;
        self
    }

    /// The same quote, refused wherever a negation stands where `before` looks before it or
    /// `after` after it, in the same sentence.
    pub(crate) fn with_guards(mut self, before: Guard, after: Guard) -> Self {
        self.guards = (before, after);
        self
    }

    /// The words of part `part` that the source continues with letters left out.
    pub(crate) fn open_words(&self, part: usize) -> Vec<usize> {
        (self.open.iter())
            .filter(|(p, _)| *p == part)
            .map(|(_, w)| *w)
            .collect()
    }

    /// Whether some word of the quote stands for a longer word of the source.
    pub fn has_open_words(&self) -> bool {
        !self.open.is_empty()
    }

    /// The pattern part `part` is searched for by.
    pub(crate) fn pattern(&self, part: usize) -> Pattern {
        let mut pattern = Pattern::with_open(&self.parts[part], &self.open_words(part));
        if part == 0 {
            pattern.guards.0 = self.guards.0;
        }
        if part + 1 == self.parts.len() {
            pattern.guards.1 = self.guards.1;
            pattern.ends_quote = true;
        }
        pattern
    }

    /// The fragments, in order.
    pub fn as_slice(&self) -> &[String] {
        &self.parts
    }

    /// What may stand between fragment `i` and the next, for each but the last.
    pub fn joins(&self) -> &[Join] {
        &self.joins
    }

    /// How many fragments the quote has.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether the quote has no fragments (never, for a parsed quote).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// The pieces of `quote` between its ellipsis marks, each with the join after it (`None`
/// after the last). A period just before an ellipsis, with a space between or not, makes it
/// four dots ([`Join::Sentences`]), and so does a question or exclamation mark, which stays
/// in its piece ([`ends_with_question`]); in a run of four or more dots the last three are
/// the ellipsis.
fn split_at_ellipses(quote: &str) -> Vec<(&str, Option<Join>)> {
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let mut i = 0;
    while i < quote.len() {
        let rest = &quote[i..];
        if sentence_period(rest) {
            i += 1;
            continue;
        }
        match ELLIPSES.iter().find(|mark| rest.starts_with(**mark)) {
            Some(mark) => {
                let piece = &quote[piece_start..i];
                let four = (piece.trim_end_matches(is_space).strip_suffix('.'))
                    .is_some_and(|before| !crate::matching::gap::is_abbreviation(before));
                let asks = ends_with_question(piece);
                let join = if four || asks {
                    Join::Sentences
                } else {
                    Join::Ellipsis
                };
                pieces.push((piece, Some(join)));
                i += mark.len();
                piece_start = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    pieces.push((&quote[piece_start..], None));
    pieces
}

/// Whether `piece` (what stands before an ellipsis) ends its sentence with the source's own
/// mark: a question or exclamation mark (`later? ... Do you`, as Chicago 13.53 writes it),
/// a full stop of Chinese, Japanese, Arabic or Devanagari (`。…`), or any of these or a
/// period inside closing quotation marks (`"We will win." ... She`). The dots then follow
/// it as they follow a sentence's period.
pub(crate) fn ends_with_question(piece: &str) -> bool {
    let piece = piece.trim_end_matches(is_space);
    let closing = ['"', '\'', '”', '’', '»', '›', '」', '』', ')', ']'];
    let inside = piece.trim_end_matches(closing);
    let marks = ['?', '!', '。', '！', '？', '．', '؟', '।', '॥', '۔'];
    inside.ends_with(marks) || (inside.len() < piece.len() && inside.ends_with('.'))
}

/// Whether `quote` has an ellipsis mark anywhere: three dots, spaced or not, or `…`.
pub fn contains_ellipsis(quote: &str) -> bool {
    // Each mark holds `…` or `⋯` (both opening with the byte 0xE2), or a dot that opens one
    // of the bare marks: only those places are looked at.
    let bytes = quote.as_bytes();
    let dotted = |at: usize| {
        (ELLIPSES.iter())
            .any(|mark| mark.starts_with('.') && bytes[at..].starts_with(mark.as_bytes()))
    };
    memchr::memchr_iter(b'.', bytes).any(dotted)
        || (memchr::memchr(0xE2, bytes).is_some() && (quote.contains('…') || quote.contains('⋯')))
}

/// Whether `rest` starts with a sentence's period followed by an ellipsis of dots (`....`,
/// `. . . .`, `. ...`): four dots, whose first is the period.
pub(crate) fn sentence_period(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix('.') else {
        return false;
    };
    let after = after
        .strip_prefix([' ', '\u{a0}', '\u{202f}', '\u{2009}'])
        .unwrap_or(after);
    ELLIPSES
        .iter()
        .any(|m| m.starts_with('.') && after.starts_with(m))
}

/// A fragment as it is searched for: its words, and which of them (the anchor) is looked up.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// The fragment, one space between words.
    text: Box<str>,
    /// Where each word stands in `text`: one allocation for the fragment, not one a word
    /// (a run builds a pattern of every quote for every source it cites).
    words: Vec<Range<usize>>,
    anchor: usize,
    /// Its length in bytes, one space between words.
    len: usize,
    /// For each word, whether the source continues it with letters left out (`judgment[ ]`).
    open: Vec<bool>,
    /// What before and after it may hold no negation ([`Fragments::with_guards`]).
    guards: (Guard, Guard),
    /// Whether the quote ends with it: then a negation right after it, nothing but spaces
    /// between (`was` of `was not.`), is the claim's own, and the quote may not end there.
    /// After a mark (`economic, not political`) it may.
    ends_quote: bool,
}

/// A word's first and last (up to) eight bytes, each as one number with a mask of the bytes
/// it has: a glance at the words either side of a hit ([`Beside`]) compares a number, not
/// the bytes one by one.
#[derive(Debug, Clone, Copy)]
struct Ends {
    head: u64,
    head_mask: u64,
    /// The last bytes, in the high end of the number, as the eight bytes that end where the
    /// word ends give them.
    tail: u64,
    tail_mask: u64,
}

impl Ends {
    fn of(word: &[u8]) -> Self {
        let n = word.len().min(8);
        let low = |n: usize| {
            if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            }
        };
        let mut head = [0u8; 8];
        head[..n].copy_from_slice(&word[..n]);
        let mut tail = [0u8; 8];
        tail[8 - n..].copy_from_slice(&word[word.len() - n..]);
        Self {
            head: u64::from_le_bytes(head),
            head_mask: low(n),
            tail: u64::from_le_bytes(tail),
            tail_mask: !low(8 - n),
        }
    }
}

/// What a fragment's words either side of one of its words begin and end with, to glance
/// at a place of that word ([`Beside::may_stand_in`]) before comparing the fragment there: where
/// every word of a text recurs (ten thousand quotes of a few documents), most places of a
/// word fail right beside it. Kept beside the place's other data, so a glance reads nothing
/// else.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Beside {
    /// The word's length in bytes.
    len: usize,
    /// The next word's first bytes, unless the word is the last or the source continues it
    /// with letters left out.
    next: Option<Glance>,
    /// The word before's last bytes, unless the word is the first or the source continues
    /// the word before.
    before: Option<Glance>,
}

/// The eight bytes beside a fragment's word as the fragment has them (the next word's first,
/// the last of the word before), and the mask of those it decides.
#[derive(Debug, Clone, Copy)]
struct Glance {
    bytes: u64,
    mask: u64,
    /// Where that word is short and the fragment has another beyond it: the whitespace the
    /// source must have between the two, within the same eight bytes, and the other word's
    /// first (or last) bytes. Where every word of a text recurs, the words next to a long
    /// word are mostly `of`, `the` or `and`, which stand beside it anywhere: 2,000
    /// misquotes of Markov text passed the glance at 5.2 million places.
    beyond: Option<Beyond>,
}

/// A glance past a short word to the fragment's word beyond it ([`Glance::beyond`]).
#[derive(Debug, Clone, Copy)]
struct Beyond {
    /// The byte (of the eight) just past the short word, which must be whitespace.
    gap: u8,
    /// The byte past that, in the word beyond, if the whitespace is one space.
    first: u8,
    bytes: u64,
    mask: u64,
}

impl Glance {
    /// Whether `eight`, the source's bytes beside the word, may be what the fragment has
    /// there. Whitespace other than one space between the short word and the one beyond
    /// decides nothing about the one beyond.
    fn fits(&self, eight: u64) -> bool {
        if eight & self.mask != self.bytes {
            return false;
        }
        let Some(beyond) = self.beyond else {
            return true;
        };
        let byte = |i: u8| (eight >> (8 * u32::from(i))) as u8;
        let gap = byte(beyond.gap);
        gap.is_ascii_whitespace()
            && (gap != b' '
                || byte(beyond.first).is_ascii_whitespace()
                || eight & beyond.mask == beyond.bytes)
    }
}

impl Beside {
    /// `may_stand_in` with nothing of `bytes` read yet, for tests.
    #[cfg(test)]
    pub(crate) fn may_stand(&self, bytes: &[u8], at: usize) -> bool {
        self.may_stand_in(&mut Surroundings::of(bytes), at)
    }

    /// Whether the fragment may stand where its word starts at byte `at` of the text
    /// `around` reads: whitespace, then the next word's first eight bytes; whitespace before,
    /// after the word before's last eight ([`Glance`]). `false` only where
    /// [`Pattern::around_word`] finds nothing; `true` decides nothing. `around` keeps what it
    /// read for the next fragment glancing at the same place.
    pub(crate) fn may_stand_in(&self, around: &mut Surroundings, at: usize) -> bool {
        let end = at.saturating_add(self.len);
        if end > around.bytes.len() {
            return false;
        }
        if let Some(next) = self.next
            && around.after(end).is_none_or(|eight| !next.fits(eight))
        {
            return false;
        }
        if let Some(before) = self.before
            && around.before(at).is_none_or(|eight| !before.fits(eight))
        {
            return false;
        }
        true
    }
}

/// What stands beside one place of a text, read once for all the fragments that glance
/// there ([`Beside::may_stand_in`]): where every word recurs, a run of eight bytes anchors
/// five fragments on average (2,000 misquotes looked for in 95 MB of Markov text), most of
/// them one word at one place.
pub(crate) struct Surroundings<'t> {
    bytes: &'t [u8],
    /// The byte a word ends at, and the eight bytes after the whitespace that follows it
    /// (`None` where no whitespace follows).
    after: Option<(usize, Option<u64>)>,
    /// The byte a word starts at, and the eight bytes before the whitespace before it
    /// (`None` where no whitespace precedes it).
    before: Option<(usize, Option<u64>)>,
}

impl<'t> Surroundings<'t> {
    /// Nothing read yet of `bytes`.
    pub(crate) fn of(bytes: &'t [u8]) -> Self {
        Self {
            bytes,
            after: None,
            before: None,
        }
    }

    /// The eight bytes after the whitespace that follows byte `end` (a word's end), if some
    /// does.
    fn after(&mut self, end: usize) -> Option<u64> {
        match self.after {
            Some((at, eight)) if at == end => eight,
            _ => {
                let bytes = self.bytes;
                let gap = (bytes[end..].iter())
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                let eight = (gap > 0).then(|| eight_from(bytes, end + gap));
                self.after = Some((end, eight));
                eight
            }
        }
    }

    /// The eight bytes that end where the whitespace before byte `start` (a word's start)
    /// begins, if some stands there.
    fn before(&mut self, start: usize) -> Option<u64> {
        match self.before {
            Some((at, eight)) if at == start => eight,
            _ => {
                let bytes = self.bytes;
                let gap = (bytes[..start].iter().rev())
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                let eight = (gap > 0).then(|| eight_to(bytes, start - gap));
                self.before = Some((start, eight));
                eight
            }
        }
    }
}

/// The longest word past which a glance looks to the word beyond: two bytes of the eight are
/// left, for the whitespace and at least one byte of that word.
const RUN_BEYOND: usize = 6;

/// A [`Beyond`]: whitespace at byte `gap` of the eight, then (or before it) at byte `first`
/// the bytes `bytes` holds at `held`.
fn beyond(gap: usize, first: usize, bytes: [u8; 8], held: Range<usize>) -> Beyond {
    let mut mask = [0u8; 8];
    mask[held].fill(0xff);
    Beyond {
        gap: gap as u8,
        first: first as u8,
        bytes: u64::from_le_bytes(bytes),
        mask: u64::from_le_bytes(mask),
    }
}

/// The eight bytes of `bytes` from `at`, zeros past its end.
fn eight_from(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut eight = [0u8; 8];
            let rest = bytes.get(at..).unwrap_or_default();
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(eight)
        }
    }
}

/// The eight bytes of `bytes` that end at `end`, zeros before its start.
fn eight_to(bytes: &[u8], end: usize) -> u64 {
    match end.checked_sub(8) {
        Some(start) => u64::from_le_bytes(bytes[start..end].try_into().expect("eight bytes")),
        None => {
            let mut eight = [0u8; 8];
            eight[8 - end..].copy_from_slice(&bytes[..end]);
            u64::from_le_bytes(eight)
        }
    }
}

impl Pattern {
    /// The pattern of a whitespace-collapsed `fragment`; its anchor is its first longest word.
    pub(crate) fn new(fragment: &str) -> Self {
        let base = fragment.as_ptr() as usize;
        let words: Vec<Range<usize>> = (fragment.split(' '))
            .map(|w| {
                let start = w.as_ptr() as usize - base;
                start..start + w.len()
            })
            .collect();
        let anchor = (0..words.len())
            .rev()
            .max_by_key(|&i| words[i].len())
            .unwrap_or(0);
        let len = words
            .iter()
            .map(|w| w.len() + 1)
            .sum::<usize>()
            .saturating_sub(1);
        let open = vec![false; words.len()];
        Self {
            text: fragment.into(),
            words,
            anchor,
            len,
            open,
            guards: (Guard::Words(0), Guard::Words(0)),
            ends_quote: false,
        }
    }

    /// The pattern of `fragment` whose words at the indexes `open` the source continues with
    /// one to [`MAX_OMITTED`] letters.
    pub(crate) fn with_open(fragment: &str, open: &[usize]) -> Self {
        let mut pattern = Self::new(fragment);
        for &i in open {
            if let Some(o) = pattern.open.get_mut(i) {
                *o = true;
            }
        }
        pattern
    }

    /// The word to search for.
    pub(crate) fn anchor(&self) -> &str {
        self.word(self.anchor)
    }

    /// The first of the two inner words the fragment is best found by (their combined length
    /// the longest, the first such pair on a tie), by its index: `None` for a fragment of
    /// fewer than four words. An inner word stands in the source as a whole run of
    /// non-whitespace, so the pair can be looked up word by word ([`crate::matching::pairs`]).
    pub(crate) fn pair(&self) -> Option<usize> {
        let inner = 1..self.words.len().saturating_sub(2);
        (inner.rev())
            .filter(|&i| !self.open[i] && !self.open[i + 1])
            .max_by_key(|&i| self.words[i].len() + self.words[i + 1].len())
    }

    /// Its length in bytes, one space between words.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// How many words it has.
    pub(crate) fn words(&self) -> usize {
        self.words.len()
    }

    /// The word at `index`.
    pub(crate) fn word(&self, index: usize) -> &str {
        &self.text[self.words[index].clone()]
    }

    /// Whether the word at `index` follows whitespace wherever the fragment stands: every
    /// word but the first ([`Pattern::around_word`] wants a gap before each).
    pub(crate) fn after_space(&self, index: usize) -> bool {
        index > 0
    }

    /// Whether the word at `index` is followed by whitespace wherever the fragment stands:
    /// every word but the last, unless the source continues it with letters left out.
    pub(crate) fn before_space(&self, index: usize) -> bool {
        index + 1 < self.words.len() && !self.open[index]
    }

    /// The place of the whole fragment in `text`, if the anchor word found at byte `at` is
    /// part of it: the words before and after it stand there, separated by whitespace, and
    /// the place begins and ends on word boundaries.
    /// The anchor is compared too, so a hit of its first bytes alone is enough.
    pub(crate) fn around(&self, text: &str, at: usize) -> Option<Range<usize>> {
        self.around_word(text, self.anchor, at)
    }

    /// A glance at the words either side of its word `index` ([`Beside`]), worked out when
    /// asked: only fragments found by runs of long words glance.
    pub(crate) fn beside(&self, index: usize) -> Beside {
        let n = self.words.len();
        let ends = |i: usize| Ends::of(self.word(i).as_bytes());
        // A short word with another of the fragment beyond it: the source has whitespace
        // between the two (around_word's gaps), unless the source may continue the short word
        // (or, before it, the word beyond) with letters left out.
        let short = |i: usize| self.words[i].len() <= RUN_BEYOND;
        let next = (index + 1 < n && !self.open[index]).then(|| {
            let ends = ends(index + 1);
            let beyond = (index + 2 < n && !self.open[index + 1] && short(index + 1)).then(|| {
                let gap = self.words[index + 1].len();
                let first = gap + 1;
                let word = self.word(index + 2).as_bytes();
                let k = word.len().min(8 - first);
                let mut bytes = [0u8; 8];
                bytes[first..first + k].copy_from_slice(&word[..k]);
                beyond(gap, first, bytes, first..first + k)
            });
            Glance {
                bytes: ends.head,
                mask: ends.head_mask,
                beyond,
            }
        });
        let before = (index > 0 && !self.open[index - 1]).then(|| {
            let ends = ends(index - 1);
            let beyond = (index >= 2 && !self.open[index - 2] && short(index - 1)).then(|| {
                let gap = 7 - self.words[index - 1].len();
                let first = gap - 1;
                let word = self.word(index - 2).as_bytes();
                let k = word.len().min(first + 1);
                let mut bytes = [0u8; 8];
                bytes[first + 1 - k..=first].copy_from_slice(&word[word.len() - k..]);
                beyond(gap, first, bytes, first + 1 - k..first + 1)
            });
            Glance {
                bytes: ends.tail,
                mask: ends.tail_mask,
                beyond,
            }
        });
        Beside {
            len: self.words[index].len(),
            next,
            before,
        }
    }

    /// As [`Pattern::around`], for its word at `index` found at byte `at`.
    /// Every word is compared byte by byte here, the one at `at` too: a hit may come from a
    /// hash ([`crate::matching::pairs`]), and a hash is never evidence.
    pub(crate) fn around_word(&self, text: &str, index: usize, at: usize) -> Option<Range<usize>> {
        let bytes = text.as_bytes();
        if !bytes.get(at..)?.starts_with(self.word(index).as_bytes()) {
            return None;
        }
        let mut start = at;
        for i in (0..index).rev() {
            let word = self.word(i);
            let gap = bytes[..start]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if gap == 0 {
                return None;
            }
            // Where a word the source continues (`ana[ ]` of `ananas`) could start at more
            // than one place, it starts where a word may: after whitespace, or for the first
            // word on a word boundary.
            let fits = |at: usize| match i {
                0 => on_word_boundaries(text, at..at),
                _ => bytes[..at].last().is_some_and(u8::is_ascii_whitespace),
            };
            start = word_before(&text[..start - gap], word, self.open[i], fits)?;
        }
        let mut end = at + self.words[index].len();
        if self.open[index] {
            end = after_omitted(text, at, end)?;
        }
        for i in index + 1..self.words.len() {
            let word = self.word(i);
            let gap = bytes[end..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if gap == 0 || !bytes[end + gap..].starts_with(word.as_bytes()) {
                return None;
            }
            let word_start = end + gap;
            end = word_start + word.len();
            if self.open[i] {
                end = after_omitted(text, word_start, end)?;
            }
        }
        let negated = || {
            guarded_before(text, start, self.guards.0)
                || guarded_after(text, end, self.guards.1)
                || (self.ends_quote && negation_right_after(text, end).is_some())
                || (self.ends_quote && negation_ending_clause(text, end).is_some())
        };
        (on_word_boundaries(text, start..end) && !negated()).then_some(start..end)
    }
}

/// The most bytes a look beside a place reads past the whitespace next to it, before it goes
/// on to the end of the word it reached: far more than the words it weighs.
const LOOK: usize = 256;

/// The most bytes of whitespace and of what prints as nothing passed over next to a place,
/// and of a word gone on with past [`LOOK`]: as far as the parts of a quote may stand apart.
const LOOK_RUN: usize = crate::matching::gap::MAX_GAP_BYTES;

/// Where the look before byte `at` of `text` starts: past the whitespace and what prints as
/// nothing before it (`not` and a layout's hundreds of spaces, then the quote), [`LOOK`]
/// bytes more, then back to the start of the word there (`n`, a run of soft hyphens, `ot`).
fn look_back(text: &str, at: usize) -> usize {
    let run = blank_run(text[..at].chars().rev());
    let from = crate::text::position::ceil_char(text, (at - run).saturating_sub(LOOK));
    from - word_beyond(text[..from].chars().rev())
}

/// How many bytes of whitespace and of what prints as nothing `chars` (going away from a
/// place) start with, up to [`LOOK_RUN`].
fn blank_run(chars: impl Iterator<Item = char>) -> usize {
    let mut bytes = 0;
    for c in chars {
        if !(c.is_whitespace() || crate::matching::gap::is_invisible(c))
            || bytes + c.len_utf8() > LOOK_RUN
        {
            break;
        }
        bytes += c.len_utf8();
    }
    bytes
}

/// The most characters that print of a word a look goes on with past [`LOOK`]: more than
/// any negation has. Past them the word is cut, and what is left of it is no negation's
/// start, only (at worst) its end, which counts as one: a refusal, never a false verification.
const LOOK_WORD: usize = 48;

/// How many bytes of `chars` (the characters past a look's end, going away from the place)
/// the word there goes on for: up to whitespace, [`LOOK_WORD`] characters that print, or
/// [`LOOK_RUN`] bytes.
fn word_beyond(chars: impl Iterator<Item = char>) -> usize {
    let (mut bytes, mut printed) = (0, 0);
    for c in chars {
        if c.is_whitespace() || bytes + c.len_utf8() > LOOK_RUN {
            break;
        }
        if !crate::matching::gap::is_invisible(c) {
            printed += 1;
            if printed > LOOK_WORD {
                break;
            }
        }
        bytes += c.len_utf8();
    }
    bytes
}

/// Where the look after byte `at` of `text` ends: as [`look_back`], forwards.
fn look_on(text: &str, at: usize) -> usize {
    let run = blank_run(text[at..].chars());
    let to = crate::text::position::floor_char(text, (at + run + LOOK).min(text.len()));
    to + word_beyond(text[to..].chars())
}

/// Whether a quote that stands, whole and unaltered, at `range` of `text` would be refused
/// for a negation beside it: just before its start, past adverbs and auxiliary verbs
/// (`no longer supports`), just after its end, or, in German and Dutch, ending the clause it
/// stops inside. For a writer of quotes that must hold, such as the benchmark's.
pub fn negation_beside(text: &str, range: Range<usize>) -> bool {
    negation_before(text, range.start, 1).is_some()
        || negation_right_after(text, range.end).is_some()
        || negation_ending_clause(text, range.end).is_some()
}

/// Whether a negation stands where `guard` looks before byte `at` of `text`.
fn guarded_before(text: &str, at: usize, guard: Guard) -> bool {
    match guard {
        Guard::Words(words) => negation_before(text, at, words).is_some(),
        Guard::Sentence => {
            negation_before(text, at, 1).is_some()
                || crate::matching::gap::negation_in_sentence_before(text, at).is_some()
        }
    }
}

/// Whether a negation stands where `guard` looks after byte `at` of `text`.
fn guarded_after(text: &str, at: usize, guard: Guard) -> bool {
    match guard {
        Guard::Words(words) => negation_after(text, at, words).is_some(),
        Guard::Sentence => {
            negation_after(text, at, 1).is_some()
                || crate::matching::gap::negation_in_sentence_after(text, at).is_some()
        }
    }
}

/// The first negation among the `words` words before byte `at` of `text`, in the same
/// sentence (or the character before, in Chinese); adverbs and auxiliary verbs next to the
/// place ([`BRIDGES`], up to three) are passed over, not counted: `no longer supports`,
/// `has not been supporting`, `never, and will never, support`.
pub(crate) fn negation_before(text: &str, at: usize, words: usize) -> Option<&str> {
    if words == 0 {
        return None;
    }
    let before = &text[look_back(text, at)..at];
    // Past spaces and marks (`不 支持`, `不，支持`, as text taken from a PDF has them).
    let mark = |c: char| c.is_whitespace() || !(c.is_alphanumeric() || ends_sentence_char(c));
    if let Some((i, c)) = before.char_indices().rev().find(|&(_, c)| !mark(c))
        && crate::matching::gap::negates_alone(c)
    {
        return Some(&before[i..i + c.len_utf8()]);
    }
    let words_back = words_back(before);
    let bridged = (words_back.iter())
        .take(MOST_BRIDGED)
        .take_while(|run| is_bridge(run))
        .count();
    let found = first_negation(words_back.iter().copied(), words + bridged)?;
    // `or not` negates what it leaves out, not what follows (`whether a processor is
    // affected or not can be read out`, `like it or not, Russia supports`).
    let holds = |run: &&str| {
        let start = run.as_ptr() as usize;
        (start..start + run.len()).contains(&(found.as_ptr() as usize))
    };
    let elliptical = found.eq_ignore_ascii_case("not")
        && (words_back.iter().position(holds))
            .and_then(|at| words_back.get(at + 1))
            .is_some_and(|run| run.eq_ignore_ascii_case("or"));
    (!elliptical).then_some(found)
}

/// The most adverbs and auxiliary verbs passed over between a negation and a quote.
const MOST_BRIDGED: usize = 3;

/// Adverbs and auxiliary verbs that stand between a negation and the words it negates
/// (`no longer supports`, `not even a`, `not been supporting`, `never will support`), in
/// lower case and in order.
const BRIDGES: [&str; 35] = [
    "actually",
    "always",
    "am",
    "are",
    "be",
    "been",
    "being",
    "can",
    "could",
    "did",
    "do",
    "does",
    "entirely",
    "even",
    "ever",
    "fully",
    "had",
    "has",
    "have",
    "is",
    "longer",
    "may",
    "might",
    "more",
    "must",
    "necessarily",
    "now",
    "once",
    "really",
    "shall",
    "should",
    "was",
    "were",
    "will",
    "would",
];

/// Whether the run `run` is one word of [`BRIDGES`], whatever its case, a comma after it
/// (`never will, support`).
fn is_bridge(run: &str) -> bool {
    let word = run.strip_suffix(',').unwrap_or(run);
    word.len() <= 11
        && word.bytes().all(|b| b.is_ascii_alphabetic())
        && BRIDGES
            .binary_search(&word.to_ascii_lowercase().as_str())
            .is_ok()
}

/// The runs of `before` (the text before a place) that stand in the place's sentence, the
/// nearest first, as a look back reads them: a word broken by a hyphen at a line's end whole
/// ([`crate::matching::gap::runs`]); an aside in parentheses or brackets (`not (in short) a`,
/// `not [citation needed] designated`) and the dots of a spaced ellipsis (`not . . . the
/// plan`) passed over as marks; a word that ends a sentence ends the look.
fn words_back(before: &str) -> Vec<&str> {
    // The window is a few hundred bytes: its nearest runs, taken at once.
    let mut runs: Vec<&str> = (crate::matching::gap::runs_back(before))
        .map(|r| &before[r])
        .take(64)
        .collect();
    runs.reverse();
    let mut words = Vec::new();
    let mut k = runs.len();
    // Whether the run after the one at hand is a dot alone, of a spaced ellipsis.
    let mut dots_after = false;
    while k > 0 {
        k -= 1;
        let run = runs[k];
        if run == "." {
            dots_after = true;
            continue;
        }
        if run.ends_with([')', ']']) {
            // An aside of at most a dozen runs, back to where it opens (`(truly)`, `[sic]`
            // are one run).
            let opens = (k.saturating_sub(12)..=k)
                .rev()
                .find(|&j| runs[j].starts_with(['(', '[']));
            if let Some(j) = opens {
                k = j;
                dots_after = false;
                continue;
            }
        }
        let ellipsis = dots_after && run.ends_with('.');
        dots_after = false;
        if ends_sentence(run) && !ellipsis {
            break;
        }
        words.push(run);
    }
    words
}

/// `word` without markup: HTML or XML tags (`<b>`, `</sup>`) and TeX commands (`\emph{`).
fn without_markup(word: &str) -> std::borrow::Cow<'_, str> {
    if !word.contains(['<', '\\']) {
        return word.into();
    }
    let mut out = String::new();
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        let tag = (c == '<').then(|| rest.find('>')).flatten();
        let command = (c == '\\').then(|| {
            1 + rest[1..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len() - 1)
        });
        match (tag, command) {
            (Some(end), _) => rest = &rest[end + 1..],
            (_, Some(end)) if end > 1 => rest = &rest[end..],
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.into()
}

/// The first negation among the `words` words after byte `at` of `text`, in the same
/// sentence.
pub(crate) fn negation_after(text: &str, at: usize, words: usize) -> Option<&str> {
    if words == 0 {
        return None;
    }
    // A quote that ends its sentence has nothing after it in that sentence. (Only the last
    // character is looked at: a place may end a run of megabytes without a space.)
    let last = text[..at].chars().next_back();
    if last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '。' | ';')) {
        return None;
    }
    let after = &text[at..look_on(text, at)];
    if let Some(c) = after.chars().next()
        && crate::matching::gap::negates_alone(c)
    {
        return Some(&after[..c.len_utf8()]);
    }
    // The word that ends the sentence is the sentence's own: it counts, then the search stops.
    let mut ended = false;
    let runs = crate::matching::gap::runs(after);
    let same_sentence = runs.map(|r| &after[r]).take_while(|w| {
        let go_on = !ended;
        ended = ends_sentence(w);
        go_on
    });
    first_negation(same_sentence, words)
}

/// The negation that follows byte `at` of `text` with nothing but spaces between: the word
/// there, or a character that negates alone.
pub(crate) fn negation_right_after(text: &str, at: usize) -> Option<&str> {
    // A quote that ends its sentence leaves the next one's negation to it, its closing
    // quotation marks and brackets after the full stop too (`He said “stop.”`).
    let closing = |c: char| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』'
        )
    };
    let last = text[..at]
        .char_indices()
        .rev()
        .take(8)
        .map(|(_, c)| c)
        .find(|&c| !closing(c));
    if last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '。' | ';' | '！' | '？')) {
        return None;
    }
    let after = &text[at..look_on(text, at)];
    // Past spaces, what prints as nothing, and footnote marks (`cures² nothing`,
    // `cures [12] nothing`); not past a comma or a dash.
    // Markup passes too: emphasis (`_nothing_`, `~~nothing~~`) and tags (`<b>nothing</b>`).
    let skipped = |c: char| {
        c.is_whitespace()
            || crate::matching::gap::is_invisible(c)
            || (c.is_numeric() && !c.is_ascii_digit())
            || c.is_ascii_digit()
            || matches!(c, '[' | ']' | '(' | ')' | '*' | '†' | '‡' | '_' | '~')
    };
    let mut word = after.trim_start_matches(skipped);
    for _ in 0..8 {
        match word
            .strip_prefix('<')
            .and_then(|tag| tag.find('>').map(|end| &tag[end + 1..]))
        {
            Some(rest) => word = rest.trim_start_matches(skipped),
            None => break,
        }
    }
    let first = word.chars().next()?;
    if crate::matching::gap::negates_alone(first) {
        return Some(&word[..first.len_utf8()]);
    }
    // What prints as nothing just before the word is its own (a direction override that
    // turns it around: U+202E `ton` U+202C shows `not`).
    let offset = word.as_ptr() as usize - after.as_ptr() as usize;
    let hidden: usize = (after[..offset].chars().rev())
        .take_while(|&c| crate::matching::gap::is_invisible(c))
        .map(char::len_utf8)
        .sum();
    let start = &after[offset - hidden..];
    let word = crate::matching::gap::words_of(start).next()?;
    let right_there = word.as_ptr() == start.as_ptr();
    (right_there && crate::matching::gap::is_negation(word)).then_some(word)
}

/// The negation that ends the clause a quote ending at byte `at` of `text` stops inside, in
/// German and Dutch, which put it there (`Russland unterstützt die Hamas seit Jahren nicht.`,
/// `Rusland steunt Hamas al jaren niet`): up to [`crate::matching::gap::EDGE_WORDS`] words,
/// to a comma or a sentence's end, or a conjunction that opens another clause (`und`,
/// `aber`, `maar`, `omdat`). These words are no English ones in lower case, so English text
/// is not read so.
pub(crate) fn negation_ending_clause(text: &str, at: usize) -> Option<&str> {
    let last = text[..at].chars().next_back();
    if last.is_some_and(|c| matches!(c, '.' | '!' | '?' | ';' | ',' | ':')) {
        return None;
    }
    let after = &text[at..look_on(text, at)];
    let runs = crate::matching::gap::runs(after).map(|r| &after[r]);
    let mut runs = runs.take(crate::matching::gap::EDGE_WORDS).peekable();
    let mut before = "";
    while let Some(run) = runs.next() {
        let word = run.trim_end_matches(|c: char| !c.is_alphanumeric());
        // In lower case, as a clause's end has it: `Nie` is a name.
        if CLAUSE_FINAL.contains(&word) {
            // Not a restriction (`nicht nur`, `niet alleen`) nor a comparison (`wie nie
            // zuvor`, `als nooit tevoren`): those negate nothing of the quote.
            let next = runs
                .peek()
                .map(|r| r.trim_end_matches(|c: char| !c.is_alphanumeric()));
            let restricts =
                next.is_some_and(|n| NOT_ONLY.iter().any(|w| w.eq_ignore_ascii_case(n)));
            let compares = ["wie", "als"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(before));
            if !restricts && !compares {
                return Some(word);
            }
        }
        if CONJUNCTIONS.iter().any(|w| w.eq_ignore_ascii_case(word)) || run.len() > word.len() {
            return None;
        }
        before = word;
    }
    None
}

/// German and Dutch negations that end a clause ([`negation_ending_clause`]).
const CLAUSE_FINAL: [&str; 10] = [
    "nicht",
    "nie",
    "niemals",
    "nimmer",
    "keineswegs",
    "mitnichten",
    "niet",
    "nooit",
    "geenszins",
    "allerminst",
];

/// Words after which a negation restricts or compares rather than denies (`nicht nur`,
/// `niet alleen`, `nie zuvor`).
const NOT_ONLY: [&str; 7] = [
    "nur", "allein", "bloß", "alleen", "enkel", "slechts", "zuvor",
];

/// German and Dutch conjunctions that open a clause of their own: a negation after one is
/// that clause's.
const CONJUNCTIONS: [&str; 17] = [
    "und", "oder", "aber", "sondern", "denn", "doch", "en", "of", "maar", "want", "dus", "dat",
    "omdat", "terwijl", "zodat", "hoewel", "wanneer",
];

/// Whether `c` ends a sentence or a clause that closes one.
fn ends_sentence_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | ';' | '！' | '？')
}

/// Whether `word` ends a sentence or a clause that closes one. Dots in a row (`not ...`,
/// `not...`) may only trail off: the sentence is taken to go on.
fn ends_sentence(word: &str) -> bool {
    word.ends_with(['.', '!', '?', '。', ';']) && !word.ends_with("..")
}

/// The first negation in `words` (runs of anything but whitespace, marks alone not counted:
/// the `–` of `not – a success` is no word).
fn first_negation<'t>(words: impl Iterator<Item = &'t str>, count: usize) -> Option<&'t str> {
    // A footnote's number or mark (`[12]`, `(1)`, `①`) is no word either.
    // Nor is markup (`<b>`, `<sup>1</sup>`, `\emph{`), or a letter that prints as nothing.
    let visible = |c: char| c.is_alphabetic() && !crate::matching::gap::is_invisible(c);
    words
        .filter(|w| without_markup(w).chars().any(visible))
        .take(count)
        .find_map(|w| {
            crate::matching::gap::words_of(w).find(|w| crate::matching::gap::is_negation(w))
        })
}

/// Where the letters left out after byte `at` of `text` end: one to [`MAX_OMITTED`] letters,
/// then no more.
/// The word (from byte `start`) may not become a negation by its letters left out:
/// `can[ ]` never stands for `cannot`.
fn after_omitted(text: &str, start: usize, at: usize) -> Option<usize> {
    let letters: Vec<(usize, char)> = text[at..]
        .char_indices()
        .take_while(|(_, c)| c.is_alphabetic())
        .take(MAX_OMITTED + 1)
        .collect();
    let end = match letters.len() {
        1..=MAX_OMITTED => letters.last().map(|(i, c)| at + i + c.len_utf8())?,
        _ => return None,
    };
    (!turned_around(&text[start..end], &text[at..end])).then_some(end)
}

/// Whether the source's `word`, of which a writer left out the letters `omitted` at its end,
/// says the opposite of what is left: a negation (`can[ ]` of `cannot`) or a word the suffix
/// `less` denies (`blame[ ]` of `blameless`).
fn turned_around(word: &str, omitted: &str) -> bool {
    omitted.eq_ignore_ascii_case("less") || crate::matching::gap::is_negation(word)
}

/// Where `word` starts if it ends `before`, or (when `open`) ends it but for one to
/// [`MAX_OMITTED`] letters left out. Which letters are left out is decided by the word, so
/// each count is tried, and of the starts that `fits`, the earliest is taken, as looking the
/// word up from its start would find it first: `ana` ends `anana` of `ananas` too, inside
/// the word, and between a Latin letter and a Chinese one a word may start (`ab甲ab乙`).
fn word_before(
    before: &str,
    word: &str,
    open: bool,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    if !open {
        return before.ends_with(word).then(|| before.len() - word.len());
    }
    let mut earliest = None;
    for (cut, c) in before.char_indices().rev().take(MAX_OMITTED) {
        if !c.is_alphabetic() {
            break;
        }
        if before[..cut].ends_with(word) && fits(cut - word.len()) {
            earliest = Some(cut - word.len());
        }
    }
    let start = earliest?;
    (!turned_around(&before[start..], &before[start + word.len()..])).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::boundary::MAX_RUN;

    proptest::proptest! {
        /// Looking only beside dots and 0xE2 bytes finds every mark a search for each finds.
        #[test]
        fn an_ellipsis_is_found_wherever_it_stands(
            quote in r"[. \u{a0}\u{202f}\u{2009}\[\]…⋯’a]{0,24}",
        ) {
            let each = ELLIPSES.iter().any(|mark| quote.contains(mark));
            proptest::prop_assert_eq!(contains_ellipsis(&quote), each);
        }
    }

    #[test]
    fn a_negation_is_found_past_adverbs_and_auxiliaries_and_at_a_clause_end() {
        assert!(
            BRIDGES.windows(2).all(|w| w[0] < w[1]),
            "sorted, for the search"
        );
        let at = |text: &str, word: &str| text.find(word).unwrap();
        let text = "Russia no longer supports Hamas";
        assert_eq!(negation_before(text, at(text, "supports"), 1), Some("no"));
        let text = "Russia has not, as ever, been supporting Hamas";
        assert_eq!(negation_before(text, at(text, "supporting"), 1), None);
        // Three at most, and a word that is none of them ends the look.
        let text = "not really always even ever supports";
        assert_eq!(negation_before(text, at(text, "supports"), 1), None);
        let text = "Nobody said so, Russia has been supporting Hamas";
        assert_eq!(negation_before(text, at(text, "supporting"), 1), None);
        // `or not` negates what it leaves out.
        let text = "Whether a processor is affected or not can be read out";
        assert_eq!(negation_before(text, at(text, "read"), 1), None);
        let text = "Like it or not, Russia supports Hamas";
        assert_eq!(negation_before(text, at(text, "Russia"), 1), None);
        let text = "He did not, or would not, support Hamas";
        assert_eq!(negation_before(text, at(text, "support "), 1), Some("not"));
        let text = "Russland unterstützt die Hamas seit Jahren nicht mehr.";
        assert_eq!(
            negation_ending_clause(text, at(text, " seit")),
            Some("nicht")
        );
        for text in [
            "Russland unterstützt die Hamas, nicht den Iran.",
            "Russland unterstützt die Hamas und nicht den Iran.",
            "Russland unterstützt die Hamas. Nicht den Iran.",
        ] {
            assert_eq!(
                negation_ending_clause(text, at(text, "Hamas") + 5),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn a_word_with_letters_left_out_is_found_whichever_word_is_looked_up() {
        // `ana[ ]` stands for `ananas`; `ana` also ends `anana`, inside the word.
        let text = "the ananas tree, the ana tree";
        for (fragment, open) in [("ana tree", 0), ("the ana tree", 1)] {
            let pattern = Pattern::with_open(fragment, &[open]);
            let words = pattern.words();
            let from_first: Vec<_> = (0..text.len())
                .filter_map(|at| pattern.around_word(text, 0, at))
                .collect();
            let from_last: Vec<_> = (0..text.len())
                .filter_map(|at| pattern.around_word(text, words - 1, at))
                .collect();
            assert!(!from_first.is_empty(), "{fragment}");
            assert_eq!(from_last, from_first, "{fragment}");
        }
        let pattern = Pattern::with_open("ana tree", &[0]);
        let tree = text.find("tree").unwrap();
        assert_eq!(pattern.around_word(text, 1, tree), Some(4..15));
        // Between a Latin letter and a Chinese one a word may start: `ab` of `ab甲ab乙`
        // starts at either `ab`, and the earlier is where looking up `ab` finds it first.
        let text = "x ab甲ab乙 tree";
        let pattern = Pattern::with_open("ab tree", &[0]);
        let tree = text.find("tree").unwrap();
        assert_eq!(pattern.around_word(text, 0, 2), Some(2..tree + 4));
        assert_eq!(pattern.around_word(text, 1, tree), Some(2..tree + 4));
    }

    #[test]
    fn a_negation_counts_only_in_the_quote_s_own_sentence() {
        let text = "He did not. Moscow supports Hamas not at all.";
        let at = text.find("Moscow").unwrap();
        assert_eq!(negation_before(text, at, 5), None);
        assert_eq!(negation_before("it did not support", 11, 1), Some("not"));
        let end = text.find(" not at").unwrap();
        assert_eq!(negation_after(text, end, 1), Some("not"));
        assert_eq!(negation_after("supports it. Not so", 12, 5), None);
        // Marks alone are no words, and dots in a row end no sentence.
        assert_eq!(negation_before("was not – a", 12, 1), Some("not"));
        assert_eq!(negation_before("was not ... a", 12, 1), Some("not"));
    }

    #[test]
    fn a_quote_may_not_end_right_before_a_negation_of_its_sentence() {
        assert_eq!(negation_right_after("cures nothing", 5), Some("nothing"));
        assert_eq!(negation_right_after("economic, not political", 8), None);
        assert_eq!(negation_right_after("done. Not so", 5), None);
        assert_eq!(negation_right_after("模块。\n 没有", 9), None);
        assert_eq!(negation_right_after("我们同意不", 12), Some("不"));
    }

    fn find(quote: &str, source: &str) -> Result<Range<usize>, Miss> {
        Fragments::parse(quote).expect("searchable").find_in(source)
    }

    #[test]
    fn a_glance_beside_a_word_rules_out_only_places_the_comparison_rejects() {
        // Words that recur with other neighbours, short and long, multibyte, at the text's
        // ends, behind every kind of whitespace; fragments of them, some with a word the
        // source continues (`judgment[ ]` of `judgments`).
        let text = "the harbour\tcommission met; the harbour  commissioners met\r\n\
                    the southern commission\u{a0}rejected it. Übermäßig große Kommission \
                    tagte: the harbour commissions met the harbour of  a commission \
                    of a\u{b}commission harbour of\ta\ncommission";
        let fragments: [(&str, &[usize]); 11] = [
            ("harbour of a commission", &[]),
            ("the harbour of a", &[]),
            ("harbour of a commission", &[1]),
            ("the harbour commission met;", &[]),
            ("harbour commissioner met", &[1]),
            ("the harbour", &[]),
            ("southern commission\u{a0}rejected", &[]),
            ("große Kommission tagte:", &[]),
            ("Übermäßig große", &[0]),
            ("the harbour commissions", &[]),
            ("harbour commissions met the harbour", &[]),
        ];
        let mut ruled_out = 0;
        for (fragment, open) in fragments {
            let pattern = Pattern::with_open(fragment, open);
            for index in 0..pattern.words() {
                let beside = pattern.beside(index);
                for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                    let found = pattern.around_word(text, index, at);
                    let glance = beside.may_stand(text.as_bytes(), at);
                    assert!(
                        glance || found.is_none(),
                        "{fragment:?} word {index} at {at}"
                    );
                    ruled_out += usize::from(!glance);
                }
            }
        }
        assert!(ruled_out > 0);
    }

    #[test]
    fn fragments_glancing_through_bytes_read_once_see_what_each_sees_alone() {
        // Words that end where other fragments' words end, or not, behind every kind of
        // whitespace; one reading of the text serves every fragment and every start, as the
        // places of one run do in the pass (`crate::matching::grams`).
        let text = "the harbour\tcommission met; the harbour  commissioners met\r\n\
                    the harbourmaster met the harbour of a commission";
        let patterns: Vec<Pattern> = [
            "the harbour commission met;",
            "the harbour commissioners",
            "harbourmaster met",
            "met the harbour",
            "harbour of the commission",
            "harbour of a commission",
        ]
        .iter()
        .map(|f| Pattern::new(f))
        .collect();
        let mut around = Surroundings::of(text.as_bytes());
        let mut glanced = 0;
        for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            for pattern in &patterns {
                for index in 0..pattern.words() {
                    let beside = pattern.beside(index);
                    let alone = beside.may_stand(text.as_bytes(), at);
                    assert_eq!(beside.may_stand_in(&mut around, at), alone, "{at} {index}");
                    glanced += usize::from(alone);
                }
            }
        }
        assert!(glanced > 5, "{glanced}");
    }

    #[test]
    fn a_glance_past_a_short_word_rules_out_the_word_beyond_only_after_one_space() {
        let at = |text: &str| text.find("harbour").unwrap();
        let pattern = Pattern::new("harbour of the commission");
        let beside = pattern.beside(0);
        // `of` stands beside `harbour`, but `a` where the fragment has `the`.
        let text = "harbour of a commission";
        assert!(!beside.may_stand(text.as_bytes(), at(text)));
        assert_eq!(pattern.around_word(text, 0, at(text)), None);
        // Two spaces, or a line break, after `of`: the glance decides nothing beyond it.
        for text in ["harbour of  a commission", "harbour of\na commission"] {
            assert!(beside.may_stand(text.as_bytes(), at(text)), "{text:?}");
        }
        for text in ["harbour of the commission", "harbour of\n\tthe  commission"] {
            assert!(beside.may_stand(text.as_bytes(), at(text)), "{text:?}");
            assert!(pattern.around_word(text, 0, at(text)).is_some(), "{text:?}");
        }
        // `of` must end where the source's word ends: `often` is another word.
        assert!(!beside.may_stand(b"harbour often commission", 0));
        // Before the word: `a` of `see a harbour` is not `the`.
        let pattern = Pattern::new("see the harbour");
        let beside = pattern.beside(2);
        let text = "we see a the harbour";
        assert!(!beside.may_stand(text.as_bytes(), at(text)));
        let text = "we see the harbour";
        assert!(beside.may_stand(text.as_bytes(), at(text)));
    }

    #[test]
    fn splits_at_every_kind_of_ellipsis() {
        let parsed = Fragments::parse("a [...] b […] c ... d … e").unwrap();
        assert_eq!(parsed.as_slice(), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn four_dots_end_a_sentence_then_elide() {
        for quote in ["the end.... Then", "the end. . . . Then", "the end. … Then"] {
            let parsed = Fragments::parse(quote).unwrap();
            assert_eq!(parsed.as_slice(), ["the end", "Then"], "{quote}");
            assert_eq!(parsed.joins(), [Join::Sentences], "{quote}");
        }
        let parsed = Fragments::parse("a . . . b … c").unwrap();
        assert_eq!(parsed.as_slice(), ["a", "b", "c"]);
        assert_eq!(parsed.joins(), [Join::Ellipsis, Join::Ellipsis]);
    }

    #[test]
    fn empty_and_ellipsis_only_quotes_are_unsearchable() {
        assert_eq!(Fragments::parse(" \n "), Err(Unsearchable::Empty));
        assert_eq!(Fragments::parse("... […]"), Err(Unsearchable::OnlyEllipsis));
    }

    #[test]
    fn whitespace_runs_match_each_other() {
        let source = "one two\n   three four";
        assert_eq!(find("  two three\tfour ", source), Ok(4..21));
    }

    #[test]
    fn nothing_but_whitespace_is_folded() {
        assert_eq!(find("\"a\"", "“a”"), Err(Miss::NotFound));
        assert_eq!(find("Russia", "russia"), Err(Miss::NotFound));
    }

    #[test]
    fn a_quote_may_not_cut_a_word() {
        assert_eq!(find("terror", "a terrorist act"), Err(Miss::NotFound));
        assert_eq!(find("terror", "a terrorist act, terror."), Ok(17..23));
    }

    #[test]
    fn a_quote_may_not_cut_a_number_a_contraction_or_a_compound() {
        let source = "The toll rose to 1,400 on Saturday; inflation hit 10.5% and they won't. \
                      Russian-Israeli citizens. Israel can’t win.";
        for cut in [
            "rose to 1",
            "400 on",
            "hit 10",
            "5% and",
            "they won",
            "t. Russian",
            "Russian",
            "Israeli citizens",
            "Israel can",
        ] {
            assert_eq!(find(cut, source), Err(Miss::NotFound), "{cut}");
        }
        for whole in [
            "rose to 1,400",
            "10.5%",
            "they won't.",
            "Russian-Israeli",
            "can’t win",
        ] {
            assert!(find(whole, source).is_ok(), "{whole}");
        }
    }

    #[test]
    fn a_quote_may_not_end_before_a_combining_accent() {
        assert_eq!(
            find("at the cafe", "met at the cafe\u{301} near"),
            Err(Miss::NotFound)
        );
        assert!(find("at the cafe\u{301}", "met at the cafe\u{301} near").is_ok());
    }

    #[test]
    fn a_boundary_is_judged_past_any_run_of_accents_format_characters_or_flags() {
        let flag = "\u{1f1fa}\u{1f1f8}";
        // Past sixteen indicators in a row, a place between two is refused, not judged.
        for (before, found) in [(2, true), (3, false), (16, true), (18, false), (257, false)] {
            let source = format!("x {}{flag} y", "\u{1f1e6}".repeat(before));
            assert_eq!(
                find(flag, &source).is_ok(),
                found,
                "{before} indicators before"
            );
        }
        for joiner in ["'", ":"] {
            for run in ["\u{ad}", "\u{301}"] {
                for n in [1, 600] {
                    let source = format!("a x{joiner}{}y b", run.repeat(n));
                    assert_eq!(
                        find("a x", &source),
                        Err(Miss::NotFound),
                        "{joiner} {run} {n}"
                    );
                }
            }
        }
        // Past the longest run judged, the place is refused, never verified.
        let source = format!("a x'{}y b", "\u{ad}".repeat(MAX_RUN));
        assert_eq!(find("a x", &source), Err(Miss::NotFound));
        let source = format!("{} a", "\u{301}".repeat(MAX_RUN));
        assert_eq!(find("a", &source), Ok(source.len() - 1..source.len()));
    }

    #[test]
    fn every_hyphen_joins_a_compound_and_accents_beside_it_are_looked_through() {
        for hyphen in ["-", "\u{2010}", "\u{2011}", "\u{ff0d}"] {
            let source = format!("the Russian{hyphen}Israeli talks");
            assert_eq!(
                find("Israeli talks", &source),
                Err(Miss::NotFound),
                "{hyphen:?}"
            );
            assert_eq!(
                find("the Russian", &source),
                Err(Miss::NotFound),
                "{hyphen:?}"
            );
        }
        for cafe in ["café", "cafe\u{301}"] {
            let source = format!("a {cafe}-bar here");
            assert_eq!(find("bar here", &source), Err(Miss::NotFound), "{cafe:?}");
            assert_eq!(find(&format!("a {cafe}"), &source), Err(Miss::NotFound));
            assert!(find(&format!("a {cafe}-bar"), &source).is_ok());
        }
    }

    #[test]
    fn scripts_without_spaces_can_be_quoted_from_inside_a_sentence() {
        assert_eq!(
            find("支持和平谈判", "中国政府表示支持和平谈判。"),
            Ok(18..36)
        );
    }

    #[test]
    fn fragments_must_come_in_order() {
        let source = "alpha beta gamma delta";
        assert_eq!(find("alpha ... delta", source), Ok(0..22));
        assert_eq!(
            find("delta ... alpha", source),
            Err(Miss::FragmentOutOfPlace {
                index: 1,
                placing: Placing::OutOfOrder {
                    at: 0,
                    previous: 17
                }
            })
        );
        assert_eq!(
            find("alpha ... omega", source),
            Err(Miss::FragmentMissing { index: 1 })
        );
    }

    #[test]
    fn the_part_blamed_is_the_first_that_cannot_follow_the_one_before() {
        let source = "Bravo words, Charlie words, Alpha words, Bravo words.";
        let miss = find("Alpha words ... Bravo words ... Charlie words", source);
        assert_eq!(
            miss,
            Err(Miss::FragmentOutOfPlace {
                index: 2,
                placing: Placing::OutOfOrder {
                    at: 13,
                    previous: 41
                }
            })
        );
    }

    #[test]
    fn fragments_too_far_apart_fail_unless_a_later_pair_fits() {
        let far = format!("alpha {} omega", "x ".repeat(MAX_GAP));
        let omega = far.len() - "omega".len();
        let Err(Miss::FragmentOutOfPlace {
            index: 1,
            placing:
                Placing::TooFarApart {
                    at,
                    previous,
                    from,
                    gap,
                },
        }) = find("alpha ... omega", &far)
        else {
            panic!("not too far apart: {:?}", find("alpha ... omega", &far));
        };
        assert_eq!((at, previous, from), (omega, 0, "alpha".len()));
        // Counted until past the limit, which settles it; measured, all of it.
        assert!(gap.chars > MAX_GAP && gap.chars < omega, "{gap:?}");
        let whole = crate::matching::gap::measure(&far, from..at);
        // Characters between the parts, the two spaces before `omega` counting as one.
        let expected = Gap {
            chars: omega - "alpha".len() - 1,
            bytes: at - from,
            words: MAX_GAP,
            ..Gap::default()
        };
        assert_eq!(whole, expected);
        let later = format!("{far} alpha then omega");
        let start = far.len() + 1;
        assert_eq!(find("alpha ... omega", &later), Ok(start..later.len()));
    }

    #[test]
    fn overlapping_occurrences_are_all_considered() {
        assert_eq!(find("a a ... b", "a a a b"), Ok(0..7));
    }
}
