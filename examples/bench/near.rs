//! Near misses measured through the library: how often the seeded search finds the passage an
//! exhaustive alignment finds, and what the search costs per megabyte and per misquote.

use std::time::Duration;

use report::nearest::{Passage, exhaustive, nearest};

use crate::corpus::{Kind, Workload};
use crate::timing::median_of;

/// Agreement of the seeded search with the exhaustive one over a workload's misquotes.
pub struct Agreement {
    pub compared: usize,
    pub agreed: usize,
    pub disagreements: Vec<String>,
}

/// Whether the seeded search found a passage as near as the exhaustive one (the same
/// alignment score; where two passages tie, either will do), or both found nothing close.
fn same(seeded: Option<&Passage>, full: Option<&Passage>) -> bool {
    let close = |p: Option<&Passage>| p.filter(|p| p.is_close()).map(|p| p.score);
    close(seeded) == close(full)
}

/// Compares the seeded and the exhaustive search for every changed or made-up quote of
/// `workload`, on `threads` threads.
pub fn agreement(workload: &Workload, threads: usize, extra: usize) -> Agreement {
    let texts: Vec<String> = (workload.source_files.iter())
        .map(|p| std::fs::read_to_string(p).expect("a source"))
        .collect();
    let mut misquotes: Vec<(usize, String)> = (workload.quotes.iter())
        .filter(|q| matches!(q.kind, Kind::Changed | Kind::MadeUp))
        .map(|q| (q.source, q.text.clone()))
        .collect();
    misquotes.extend(more_misquotes(&texts, extra));
    let results: Vec<(bool, String)> = report::search::workers::map(
        &misquotes,
        std::num::NonZeroUsize::new(threads).unwrap_or(std::num::NonZeroUsize::MIN),
        || (),
        |(), (source, quote)| {
            let (source, quote) = (*source, quote.as_str());
            let text = &texts[source];
            let seeded = nearest(text, &[quote]).pop().flatten();
            let full = exhaustive(text, quote);
            let agreed = same(seeded.as_ref(), full.as_ref());
            let show = |p: Option<&Passage>| {
                p.map_or("nothing".to_owned(), |p| {
                    format!(
                        "{:?} likeness {:.2} score {}",
                        p.range,
                        p.likeness(),
                        p.score
                    )
                })
            };
            let note = format!(
                "source {source}: seeded {}, exhaustive {}",
                show(seeded.as_ref()),
                show(full.as_ref())
            );
            (agreed, note)
        },
    );
    Agreement {
        compared: results.len(),
        agreed: results.iter().filter(|(a, _)| *a).count(),
        disagreements: (results.into_iter())
            .filter(|(a, _)| !a)
            .map(|(_, n)| n)
            .collect(),
    }
}

/// `per_source` more misquotes of each source: 6 to 40 words from a seeded place, one of them
/// replaced by a word from elsewhere in the source.
fn more_misquotes(texts: &[String], per_source: usize) -> Vec<(usize, String)> {
    let mut rng = crate::corpus::Rng::new(98);
    let mut out = Vec::new();
    for (source, text) in texts.iter().enumerate() {
        let words: Vec<&str> = text.split_ascii_whitespace().collect();
        if words.len() < 60 {
            continue;
        }
        for _ in 0..per_source {
            let len = 6 + rng.below(35);
            let start = rng.below(words.len() - len);
            let mut quote = words[start..start + len].to_vec();
            let at = 1 + rng.below(len - 2);
            let other = words[rng.below(words.len())];
            if other != quote[at] {
                quote[at] = other;
            }
            out.push((source, quote.join(" ")));
        }
    }
    out
}

/// The near-miss search on one source with `counts` misquotes at once: (count, median time).
pub fn cost(workload: &Workload, counts: &[usize], runs: usize) -> (f64, Vec<(usize, Duration)>) {
    // The largest source, so that the cost per megabyte shows.
    let largest = (workload.source_files.iter())
        .max_by_key(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .expect("a source");
    let text = std::fs::read_to_string(largest).expect("a source");
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    // Misquotes of this source: 20 words from spread-out places, the middle one changed.
    let misquotes: Vec<String> = (0..counts.iter().copied().max().unwrap_or(0))
        .map(|i| {
            let start = (i * 7_919) % (words.len() - 20);
            let mut quote = words[start..start + 20].to_vec();
            quote[10] = "otherwise";
            quote.join(" ")
        })
        .collect();
    let times = counts
        .iter()
        .map(|&n| {
            let queries: Vec<&str> = misquotes[..n].iter().map(String::as_str).collect();
            (n, median_of(runs, || drop(nearest(&text, &queries))))
        })
        .collect();
    (text.len() as f64 / 1e6, times)
}
