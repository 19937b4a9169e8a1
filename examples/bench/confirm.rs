//! The cost of the second look at every verified quote ([`report::matching::confirm`]), measured
//! through the library against the search that found the quotes.

use std::time::{Duration, Instant};

use report::matching::Fragments;
use report::matching::batch::Batch;

use crate::corpus::Workload;

/// The time to find every quote of `workload` source by source, and the time to confirm the
/// places found, each summed over the sources (medians of `runs`); and how many were placed.
pub fn cost(workload: &Workload, runs: usize) -> (Duration, Duration, usize) {
    let mut finding = Vec::new();
    let mut confirming = Vec::new();
    let mut placed = 0;
    for _ in 0..runs {
        let (mut find, mut confirm, mut count) = (Duration::ZERO, Duration::ZERO, 0);
        for (s, path) in workload.source_files.iter().enumerate() {
            let text = std::fs::read_to_string(path).expect("a source");
            let quotes: Vec<Fragments> = (workload.quotes.iter())
                .filter(|q| q.source == s)
                .filter_map(|q| Fragments::parse(&q.text).ok())
                .collect();
            let started = Instant::now();
            let batch = Batch::new(quotes);
            let found = batch.find_all(&text);
            find += started.elapsed();
            let verified: Vec<(&Fragments, std::ops::Range<usize>)> = (batch.quotes().iter())
                .zip(found)
                .filter_map(|(q, f)| Some((q, f.ok()?)))
                .collect();
            count += verified.len();
            let started = Instant::now();
            let confirmed = report::matching::confirm::confirm(&text, verified);
            confirm += started.elapsed();
            assert!(
                confirmed.is_ok(),
                "a verified quote did not hold up: {confirmed:?}"
            );
        }
        finding.push(find);
        confirming.push(confirm);
        placed = count;
    }
    finding.sort();
    confirming.sort();
    (finding[runs / 2], confirming[runs / 2], placed)
}
