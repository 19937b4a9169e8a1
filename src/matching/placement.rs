//! The earliest placement of a quote with ellipses, found in one forward walk.
//!
//! Each fragment's places are found lazily, in order ([`Places`]); the walk takes them all in
//! order of where they start. For each fragment it keeps only the places that a later
//! fragment could still follow (those its join still allows, [`crate::matching::gap`]), each
//! with the earliest start of a chain of the fragments before it that ends there. So memory
//! is bounded by the gap, not by how often a common word occurs: twenty quotes of `the ...
//! the` against 100 MB hold a few thousand places at a time, not every `the` of the source.
//!
//! The walk scans each fragment's anchor word once through the source at most, and stops as
//! soon as no chain can start earlier than the one found. All scanning is charged to a
//! [`Budget`]; past it the quote is [`Miss::CutShort`], never verified.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::ops::Range;

use memchr::memmem::Finder;

use crate::matching::gap::{
    Counter, Gap, Join, MAX_GAP_BYTES, negation_at_edges, settled, surely_longer,
};
use crate::matching::pattern::{Fragments, Miss, Pattern, Placing};

/// What each place the walk takes costs beyond the bytes compared, in the same unit: the
/// word-boundary checks and the bookkeeping of one place cost about as much as comparing a
/// few hundred bytes, so a text where a part stands at every word is cut short in about a
/// second rather than after every place of every part.
const PER_PLACE: usize = 256;

/// Work a search may do, in bytes scanned or compared; past it, it stops.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    left: usize,
}

impl Budget {
    /// A budget of `bytes`.
    pub(crate) fn new(bytes: usize) -> Self {
        Self { left: bytes }
    }

    /// Charges `bytes`; whether any budget was left for them.
    pub(crate) fn spend(&mut self, bytes: usize) -> bool {
        let ok = self.left > 0;
        self.left = self.left.saturating_sub(bytes);
        ok
    }

    /// Whether nothing is left.
    pub(crate) fn is_spent(&self) -> bool {
        self.left == 0
    }
}

/// The places of one fragment in a text, in order, found as they are asked for.
struct Places<'t> {
    text: &'t str,
    pattern: Pattern,
    finder: Finder<'static>,
    /// Where to look for the next hit of the anchor.
    next: usize,
    /// Places at or after this byte only.
    from: usize,
    peeked: Option<Range<usize>>,
}

impl<'t> Places<'t> {
    /// The places of `fragment` in `text` starting at or after byte `from`.
    fn new(text: &'t str, pattern: Pattern, from: usize) -> Self {
        let finder = Finder::new(pattern.anchor().as_bytes()).into_owned();
        Self {
            text,
            pattern,
            finder,
            next: from,
            from,
            peeked: None,
        }
    }

    /// The next place, without taking it; `Err` once the budget is spent.
    fn peek(&mut self, budget: &mut Budget) -> Result<Option<Range<usize>>, Miss> {
        while self.peeked.is_none() && self.next <= self.text.len() {
            let hay = &self.text.as_bytes()[self.next..];
            let Some(hit) = self.finder.find(hay) else {
                budget.spend(hay.len());
                self.next = self.text.len() + 1;
                break;
            };
            let at = self.next + hit;
            if !budget.spend(hit + self.pattern.len() + PER_PLACE) {
                return Err(Miss::CutShort);
            }
            self.next = at + 1;
            self.peeked = (self.pattern.around(self.text, at)).filter(|p| p.start >= self.from);
        }
        Ok(self.peeked.clone())
    }

    fn take(&mut self) -> Option<Range<usize>> {
        self.peeked.take()
    }
}

/// The earliest placement in `text` of `fragments` (two or more, each found somewhere: at
/// `first[i]` first): the range from the first fragment's start to the last one's end, or
/// how the fragments fail to stand in order.
///
/// Most quotes are found by placing each part at its first place after the part before, from
/// the first part's first place: no chain can start earlier, so that placement is the
/// earliest. Only when it fails is the full walk needed; when the walk finds nothing too, the
/// first failure of that simple placement says why.
pub(crate) fn earliest(
    text: &str,
    quote: &Fragments,
    first: &[Range<usize>],
    budget: &mut Budget,
) -> Result<Range<usize>, Miss> {
    match in_turn(text, quote, first, budget)? {
        Ok(range) => Ok(range),
        Err(miss) => walk(text, quote, first[0].start, budget)?.ok_or(miss),
    }
}

/// The earliest placement in `text` of `quote` (two fragments or more) from every place of
/// each fragment, `places[i]` in order (all found, none empty), as [`earliest`] finds it
/// without scanning the text again: the fragments placed in turn first, then, only when that
/// fails, each place of each fragment joined to every place of the fragment before it that
/// its join allows. What stands between two places is counted only as far as the join could
/// allow ([`crate::matching::gap::Counter::reach`]), so the work is bounded by the places and
/// the joins' limits, never by the text.
pub(crate) fn from_places(
    text: &str,
    quote: &Fragments,
    places: &[Vec<Range<usize>>],
    budget: &mut Budget,
) -> Result<Range<usize>, Miss> {
    if let Some(index) = places.iter().position(Vec::is_empty) {
        return Err(Miss::FragmentMissing { index });
    }
    let joins = quote.joins();
    let failed = match listed_in_turn(text, joins, places, budget)? {
        Ok(range) => return Ok(range),
        Err(failed) => failed,
    };
    // For each place of the fragment at hand, the earliest start of a chain ending there.
    let mut chains: Vec<Option<usize>> = places[0].iter().map(|p| Some(p.start)).collect();
    for (i, join) in joins.iter().enumerate() {
        let (links, next) = (&places[i], &places[i + 1]);
        let mut reached: Vec<Option<usize>> = vec![None; next.len()];
        for (link, chain) in links.iter().zip(&chains) {
            let Some(chain) = *chain else { continue };
            let from = next.partition_point(|p| p.start < link.end);
            let mut counter = Counter::for_join(text, link.end, *join);
            for (j, place) in next.iter().enumerate().skip(from) {
                if !budget.spend(place.start.saturating_sub(link.end).min(PER_PLACE) + 1) {
                    return Err(Miss::CutShort);
                }
                // Most links of a common fragment stand far from every place of the next.
                let far = j == from && surely_longer(text, link.end..place.start, join.max_chars());
                if far || !counter.reach(text, place.start, *join) {
                    break;
                }
                if join.allows(&counter.ended(text, place.start)) {
                    let best = &mut reached[j];
                    *best = Some(best.map_or(chain, |b| b.min(chain)));
                }
            }
        }
        chains = reached;
    }
    let last = &places[places.len() - 1];
    let best = (chains.iter().zip(last))
        .filter_map(|(chain, place)| Some((chain.as_ref()?, place)))
        .min_by_key(|(chain, place)| (**chain, place.start))
        .map(|(chain, place)| *chain..place.end);
    best.ok_or_else(|| failed.miss(text))
}

/// The places of every fragment of `quote`, given those of the fragments whose places were
/// kept (`None` for the others): the place of a fragment too common to keep are looked for
/// near those of the nearest fragment kept, within what the joins between them could skip.
/// `None` when no fragment's places were kept, when even near them there are too many, or
/// when none stands near them: the walk over the text decides those.
pub(crate) fn complete(
    text: &str,
    quote: &Fragments,
    lists: Vec<Option<Vec<Range<usize>>>>,
    budget: &mut Budget,
) -> Result<Option<Vec<Vec<Range<usize>>>>, Miss> {
    let kept: Vec<usize> = (0..lists.len()).filter(|&i| lists[i].is_some()).collect();
    if kept.is_empty() {
        return Ok(None);
    }
    let mut done: Vec<Vec<Range<usize>>> = Vec::with_capacity(lists.len());
    for (i, list) in lists.iter().enumerate() {
        if let Some(list) = list {
            done.push(list.clone());
            continue;
        }
        let nearest = *kept
            .iter()
            .min_by_key(|&&k| k.abs_diff(i))
            .expect("one kept");
        // The joins between them, and the fragments between them, whitespace doubled.
        let between: usize = (nearest.min(i) + 1..nearest.max(i))
            .map(|f| 2 * quote.as_slice()[f].len())
            .sum();
        // A join skips at most `MAX_GAP_BYTES` of the text.
        let reach = MAX_GAP_BYTES * nearest.abs_diff(i) + between;
        let around = lists[nearest].as_deref().unwrap_or_default();
        let windows = merged(around.iter().map(|p| match nearest < i {
            true => p.end..p.end.saturating_add(reach).min(text.len()),
            false => p.start.saturating_sub(reach)..p.start,
        }));
        match within(text, quote.pattern(i), &windows, budget)? {
            Some(places) if !places.is_empty() => done.push(places),
            _ => return Ok(None),
        }
    }
    Ok(Some(done))
}

/// `windows` in order of their starts, those that overlap or touch merged.
fn merged(windows: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut windows: Vec<Range<usize>> = windows.collect();
    windows.sort_unstable_by_key(|w| w.start);
    for w in windows {
        match out.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push(w),
        }
    }
    out
}

/// The places of `pattern` that start inside `windows` (sorted, apart), in order; `None`
/// past [`WITHIN_PLACES`].
fn within(
    text: &str,
    pattern: Pattern,
    windows: &[Range<usize>],
    budget: &mut Budget,
) -> Result<Option<Vec<Range<usize>>>, Miss> {
    let finder = Finder::new(pattern.anchor().as_bytes());
    // The anchor word stands after the words before it, whitespace and all.
    let reach = pattern.len() + 1024;
    let mut places: Vec<Range<usize>> = Vec::new();
    for window in windows {
        let end = window.end.saturating_add(reach).min(text.len());
        let hay = &text.as_bytes()[window.start..end];
        if !budget.spend(hay.len()) {
            return Err(Miss::CutShort);
        }
        for hit in finder.find_iter(hay) {
            if !budget.spend(pattern.len() + PER_PLACE) {
                return Err(Miss::CutShort);
            }
            let Some(place) = pattern.around(text, window.start + hit) else {
                continue;
            };
            if !window.contains(&place.start)
                || places.last().is_some_and(|l| l.start >= place.start)
            {
                continue;
            }
            if places.len() == WITHIN_PLACES {
                return Ok(None);
            }
            places.push(place);
        }
    }
    Ok(Some(places))
}

/// Most places of a common fragment looked for near another's.
const WITHIN_PLACES: usize = 16 * 1024;

/// Where placing the fragments in turn failed: at the fragment `index`, whose place is `at`
/// (its first after the one before, or its first at all when none follows), after the place
/// `previous` of the one before.
struct Failed {
    index: usize,
    at: usize,
    previous: Range<usize>,
    /// Whether some place of the fragment follows the one before (too far, then).
    follows: bool,
}

impl Failed {
    /// How the quote misses, with what stands between the two places counted as far as
    /// settles it ([`settled`]): the stretch may run over the whole text.
    fn miss(&self, text: &str) -> Miss {
        let placing = match self.follows {
            true => Placing::TooFarApart {
                at: self.at,
                previous: self.previous.start,
                from: self.previous.end,
                gap: settled(text, self.previous.end..self.at),
            },
            false => Placing::OutOfOrder {
                at: self.at,
                previous: self.previous.start,
            },
        };
        Miss::FragmentOutOfPlace {
            index: self.index,
            placing,
        }
    }
}

/// [`in_turn`] over places already found: each fragment at its first place after the one
/// before, from the first place of the first. What stands between two places is counted only
/// as far as their join could allow.
fn listed_in_turn(
    text: &str,
    joins: &[Join],
    places: &[Vec<Range<usize>>],
    budget: &mut Budget,
) -> Result<Result<Range<usize>, Failed>, Miss> {
    let (start, mut previous) = (places[0][0].start, places[0][0].clone());
    for (index, list) in places.iter().enumerate().skip(1) {
        let Some(next) = list.get(list.partition_point(|p| p.start < previous.end)) else {
            return Ok(Err(Failed {
                index,
                at: list[0].start,
                previous,
                follows: false,
            }));
        };
        let join = joins[index - 1];
        let allowed = join_allows(text, previous.end..next.start, join);
        if !budget.spend((next.start - previous.end).min(MAX_COUNTED) + PER_PLACE) {
            return Err(Miss::CutShort);
        }
        if !allowed {
            return Ok(Err(Failed {
                index,
                at: next.start,
                previous,
                follows: true,
            }));
        }
        previous = next.clone();
    }
    Ok(Ok(start..previous.end))
}

/// Whether `join` allows the stretch `stretch` of `text`, counted from its start only as far
/// as the join could allow.
fn join_allows(text: &str, stretch: Range<usize>, join: Join) -> bool {
    let mut counter = Counter::for_join(text, stretch.start, join);
    !surely_longer(text, stretch.clone(), join.max_chars())
        && counter.reach(text, stretch.end, join)
        && join.allows(&counter.ended(text, stretch.end))
}

/// The most bytes charged for counting one stretch: counting stops soon after a join's
/// limit.
const MAX_COUNTED: usize = 4 * crate::matching::gap::MAX_GAP;

/// A place a later fragment may follow: where it ends (in bytes, and measured from where the
/// walk began) and the earliest start of a chain of fragments ending there.
#[derive(Debug, Clone, Copy)]
struct Link {
    end: usize,
    counted_end: Gap,
    start: usize,
}

/// The walk over every place of `fragments` at or after byte `from`: the earliest chain.
fn walk(
    text: &str,
    quote: &Fragments,
    from: usize,
    budget: &mut Budget,
) -> Result<Option<Range<usize>>, Miss> {
    let (fragments, joins) = (quote.as_slice(), quote.joins());
    let k = fragments.len();
    let mut places: Vec<Places> = (fragments.iter())
        .enumerate()
        .map(|(i, _)| Places::new(text, quote.pattern(i), from))
        .collect();
    let mut next = BinaryHeap::new();
    for (i, p) in places.iter_mut().enumerate() {
        if let Some(place) = p.peek(budget)? {
            next.push(Reverse((place.start, i)));
        }
    }
    // Links of each fragment but the last, by end.
    let mut links: Vec<VecDeque<Link>> = vec![VecDeque::new(); k - 1];
    // Negations count only against a bracket ([`Join::allows`]).
    let negations = joins.contains(&Join::Bracket);
    let mut counter = Counter::telling(text, from, negations);
    let mut best: Option<Range<usize>> = None;
    let mut last = 0;
    while let Some(Reverse((start, i))) = next.pop() {
        let place = places[i].take().unwrap_or(start..start);
        if let Some(following) = places[i].peek(budget)? {
            next.push(Reverse((following.start, i)));
        }
        if start < last {
            continue;
        }
        last = start;
        // Until a chain is found, what stands between places is counted only while some
        // link could still be followed: once none can, the count starts again at the next
        // place of the first fragment, and the stretch between (often most of the text,
        // when the first fragment also stands far before the quote) is skipped.
        if best.is_none() && !live(&mut links, joins, &mut counter, text, start) {
            if i > 0 {
                continue;
            }
            counter = Counter::telling(text, start, negations);
        }
        let counted = counter.at(text, start);
        if let Some(best) = &best
            && done(&mut links, joins, counted, best.start)
        {
            break;
        }
        let chain = match i {
            0 => Some(start),
            _ => follow(text, &mut links[i - 1], joins[i - 1], start, counted),
        };
        let Some(chain) = chain else { continue };
        if i == k - 1 {
            if best.as_ref().is_none_or(|b| chain < b.start) {
                best = Some(chain..place.end);
            }
            continue;
        }
        let counted_end =
            counted.then(Counter::telling(text, start, negations).measured_to(text, place.end));
        insert(
            &mut links[i],
            Link {
                end: place.end,
                counted_end,
                start: chain,
            },
        );
    }
    Ok(best)
}

/// Whether any of `links` may still be followed at byte `start`: the counter counts on
/// towards it only until every link's join is exceeded (what a join counts only grows), and
/// then they are dropped. Each byte is counted once, however many places the walk takes.
fn live(
    links: &mut [VecDeque<Link>],
    joins: &[Join],
    counter: &mut Counter,
    text: &str,
    start: usize,
) -> bool {
    if links.iter().all(VecDeque::is_empty) {
        return false;
    }
    // The latest links, last of each, are the likeliest to be live.
    let exceeded = |gap: &Gap| {
        (links.iter().zip(joins))
            .all(|(l, join)| (l.iter().rev()).all(|l| join.exceeded(&l.counted_end.until(*gap))))
    };
    if counter.count_until(text, start, exceeded) {
        return true;
    }
    links.iter_mut().for_each(VecDeque::clear);
    false
}

/// The earliest chain start among `links` that a fragment starting at byte `start` (`counted`
/// into the walk) may follow across `join`; links it no longer allows are dropped for good.
/// An ellipsis may not leave out a negation beside the words it joins: a link with one just
/// after it, or with one just before `start`, is passed over (for this place only), a few at
/// most.
fn follow(
    text: &str,
    links: &mut VecDeque<Link>,
    join: Join,
    start: usize,
    counted: Gap,
) -> Option<usize> {
    /// The most links looked at past those with a negation at an edge.
    const TRIES: usize = 8;
    expire(links, join, counted);
    (links.iter().take_while(|l| l.end <= start).take(TRIES))
        .find(|l| match join {
            Join::Ellipsis | Join::Sentences => negation_at_edges(text, l.end..start).is_none(),
            // A bracket's words, negations among them, counted afresh from the link's end:
            // the walk's running count tells the words at a place's edges as the place
            // reads them, and the text may run a word on through what prints as nothing
            // (`no\u{200B}ble not`, `not\u{200B}go`).
            Join::Bracket => join_allows(text, l.end..start, join),
        })
        .map(|l| l.start)
}

/// Drops the links that `join` no longer allows at `counted`: what stands after a link only
/// grows as the walk goes on, so a link dropped could never be followed again.
fn expire(links: &mut VecDeque<Link>, join: Join, counted: Gap) {
    while links
        .front()
        .is_some_and(|l| !join.allows(&l.counted_end.until(counted)))
    {
        links.pop_front();
    }
}

/// Whether no chain can still start before `best`: every fragment's live links start later.
fn done(links: &mut [VecDeque<Link>], joins: &[Join], counted: Gap, best: usize) -> bool {
    links.iter_mut().zip(joins).all(|(l, &join)| {
        expire(l, join, counted);
        l.front().is_none_or(|l| l.start >= best)
    })
}

/// Adds `link`, keeping `links` in order of their ends.
fn insert(links: &mut VecDeque<Link>, link: Link) {
    let at = links.partition_point(|l| l.end <= link.end);
    links.insert(at, link);
}

/// The fragments placed one after another from the first place of the first, each at its
/// first place after the one before: their range, or the first fragment that cannot follow
/// the one before and how it fails to.
fn in_turn(
    text: &str,
    quote: &Fragments,
    first: &[Range<usize>],
    budget: &mut Budget,
) -> Result<Result<Range<usize>, Miss>, Miss> {
    let (start, mut previous) = (first[0].start, first[0].clone());
    for (index, first) in first.iter().enumerate().skip(1) {
        let next = Places::new(text, quote.pattern(index), previous.end).peek(budget)?;
        let Some(next) = next else {
            let placing = Placing::OutOfOrder {
                at: first.start,
                previous: previous.start,
            };
            return Ok(Err(Miss::FragmentOutOfPlace { index, placing }));
        };
        let gap = settled(text, previous.end..next.start);
        if !quote.joins()[index - 1].allows(&gap) {
            let placing = Placing::TooFarApart {
                at: next.start,
                previous: previous.start,
                from: previous.end,
                gap,
            };
            return Ok(Err(Miss::FragmentOutOfPlace { index, placing }));
        }
        previous = next;
    }
    Ok(Ok(start..previous.end))
}
