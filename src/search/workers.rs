//! Work spread over threads, with results in the order of the work, whatever thread did it.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use when none is asked for: one per core.
pub fn default_jobs() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// `work` applied to every item, on up to `jobs` threads; item `i`'s result is at `i`.
///
/// Items are handed out one at a time in the order given, so giving the biggest first
/// balances the threads. Each thread has its own `state` (a reused read buffer, say).
pub fn map<T, R, S>(
    items: &[T],
    jobs: NonZeroUsize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = jobs.get().min(items.len());
    if threads <= 1 {
        let mut state = state();
        return items.iter().map(|item| work(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut state = state();
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return done;
                        };
                        done.push((i, work(&mut state, item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `work` applied to every item that is `Ok`, on up to `jobs` threads, and each result given
/// with its own item to `then`, in order, on the calling thread; an item that is an error
/// stays that error. Each result goes with the item it was worked out from, whatever else
/// failed.
pub fn map_ok<T, E, R, U>(
    items: Vec<Result<T, E>>,
    jobs: NonZeroUsize,
    work: impl Fn(&T) -> R + Sync,
    mut then: impl FnMut(T, R) -> Result<U, E>,
) -> Vec<Result<U, E>>
where
    T: Sync,
    E: Sync,
    R: Send,
{
    let done = map(
        &items,
        jobs,
        || (),
        |(), item| item.as_ref().ok().map(&work),
    );
    (items.into_iter().zip(done))
        .map(|(item, done)| {
            let item = item?;
            let done = done.unwrap_or_else(|| work(&item));
            then(item, done)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_work_on_any_number_of_threads() {
        let items: Vec<u64> = (0..1_000).collect();
        let one = map(&items, NonZeroUsize::MIN, || (), |(), n| n * n);
        for jobs in [2, 3, 8] {
            let many = map(
                &items,
                NonZeroUsize::new(jobs).unwrap(),
                || (),
                |(), n| n * n,
            );
            assert_eq!(many, one);
        }
        assert_eq!(one[999], 999 * 999);
    }

    #[test]
    fn each_result_goes_with_its_own_item_among_errors() {
        let items: Vec<Result<u64, String>> = (0..500)
            .map(|n| {
                if n % 7 == 3 {
                    Err(format!("item {n}"))
                } else {
                    Ok(n)
                }
            })
            .collect();
        for jobs in [1, 2, 3] {
            let jobs = NonZeroUsize::new(jobs).unwrap();
            let done = map_ok(items.clone(), jobs, |n| n * 10, |n, r| Ok((n, r)));
            for (n, done) in done.into_iter().enumerate() {
                match done {
                    Ok((item, r)) => assert_eq!((item, r), (n as u64, n as u64 * 10)),
                    Err(e) => assert_eq!(e, format!("item {n}")),
                }
            }
        }
    }
}
