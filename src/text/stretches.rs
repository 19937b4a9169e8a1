//! A large text cut into stretches, so that threads can share one pass over it: the
//! stretches depend on the text's length alone, and what each found is put together in their
//! order, so a pass finds the same on any number of threads.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The length of text that is worth a stretch of its own: a text under twice this is one
/// stretch. (A pass over 4 MiB takes a few milliseconds; a thread starts in tens of
/// microseconds.)
pub(crate) const STRETCH: usize = 4 << 20;

/// Most stretches a text is cut into.
pub(crate) const MOST_STRETCHES: usize = 16;

/// The stretches a text of `len` bytes is cut into: one for a text under twice `stretch`
/// ([`STRETCH`] but in tests), else as many as it holds (up to [`MOST_STRETCHES`]), of equal
/// length in blocks of 64 bytes (passes that read 64 bytes at a time start at a block).
pub(crate) fn stretches(len: usize, stretch: usize) -> Vec<Range<usize>> {
    let count = (len / stretch.max(64)).clamp(1, MOST_STRETCHES);
    let blocks = len.div_ceil(64);
    (0..count)
        .map(|i| (blocks * i / count * 64).min(len)..(blocks * (i + 1) / count * 64).min(len))
        .collect()
}

/// `work` done on every one of `stretches` (of a text, or of any list) on up to `threads`
/// threads (this one and others started for it), each thread taking the next stretch not
/// yet taken; the results in the order of the stretches.
pub(crate) fn map<R: Send>(
    stretches: &[Range<usize>],
    threads: usize,
    work: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let each = |stretch| vec![work(stretch)];
    let then = |mut earlier: Vec<R>, later: Vec<R>| {
        earlier.extend(later);
        earlier
    };
    fold(stretches, threads, each, then).unwrap_or_default()
}

/// What `work` finds in every one of `stretches`, put together by `then` in their order
/// (`then(earlier, later)`), on up to `threads` threads: the same as one thread finds. Each
/// result is put together with those before it as soon as they are all done, so that only
/// those done ahead of a slower one before them are held apart (each of sixteen stretches
/// may keep as much as a pass over the whole text).
pub(crate) fn fold<R: Send>(
    stretches: &[Range<usize>],
    threads: usize,
    work: impl Fn(Range<usize>) -> R + Sync,
    then: impl Fn(R, R) -> R + Sync,
) -> Option<R> {
    let threads = threads.clamp(1, stretches.len().max(1));
    if threads == 1 {
        return stretches.iter().cloned().map(work).reduce(then);
    }
    let next = AtomicUsize::new(0);
    // The results put together so far (of the stretches before `.1`), and those done
    // out of their turn.
    let folded: Mutex<(Option<R>, usize, BTreeMap<usize, R>)> =
        Mutex::new((None, 0, BTreeMap::new()));
    let take = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(stretch) = stretches.get(i) else {
                return;
            };
            let found = work(stretch.clone());
            let mut folded = folded.lock().unwrap_or_else(|p| p.into_inner());
            let (so_far, turn, early) = &mut *folded;
            early.insert(i, found);
            while let Some(found) = early.remove(turn) {
                *so_far = Some(match so_far.take() {
                    Some(before) => then(before, found),
                    None => found,
                });
                *turn += 1;
            }
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(take)).collect();
        take();
        for helper in helpers {
            (helper.join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
    let (folded, _, early) = folded.into_inner().unwrap_or_else(|p| p.into_inner());
    debug_assert!(early.is_empty());
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_cover_the_text_in_blocks_of_64() {
        assert_eq!(stretches(100, STRETCH), vec![0..100]);
        assert_eq!(stretches(0, STRETCH), vec![0..0]);
        assert_eq!(stretches(2 * STRETCH - 1, STRETCH).len(), 1);
        for len in [2 * STRETCH, 5 * STRETCH + 7, 100 * STRETCH] {
            let cut = stretches(len, STRETCH);
            assert_eq!(cut.len(), (len / STRETCH).min(MOST_STRETCHES));
            assert_eq!(cut[0].start, 0);
            assert_eq!(cut.last().unwrap().end, len);
            for pair in cut.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
                assert_eq!(pair[0].end % 64, 0);
                assert!(pair[0].start < pair[0].end);
            }
        }
    }

    #[test]
    fn results_come_in_the_order_of_the_stretches_on_any_number_of_threads() {
        let cut = stretches(1000 * 64, 64);
        assert_eq!(cut.len(), MOST_STRETCHES);
        let one = map(&cut, 1, |r| (r.start, r.len()));
        for threads in [2, 3, 40] {
            assert_eq!(map(&cut, threads, |r| (r.start, r.len())), one);
        }
        assert_eq!(one.iter().map(|(_, len)| len).sum::<usize>(), 1000 * 64);
    }

    #[test]
    fn what_the_stretches_find_is_put_together_in_their_order_on_any_number_of_threads() {
        let cut = stretches(1000 * 64, 64);
        // Putting together in another order would give another list.
        let together = |threads| {
            fold(
                &cut,
                threads,
                |r| vec![r.start],
                |mut a, b| {
                    a.extend(b);
                    a
                },
            )
        };
        let one = together(1).unwrap();
        assert_eq!(one, cut.iter().map(|r| r.start).collect::<Vec<_>>());
        for threads in [2, 3, 40] {
            assert_eq!(together(threads), Some(one.clone()), "{threads}");
        }
        assert_eq!(fold(&[], 2, |r| r.start, |a, _| a), None);
    }
}
