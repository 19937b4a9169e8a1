//! How long a near-miss search takes on a large source.
//!
//! Generates a source of `MB` megabytes (default 10) with a known passage in its middle, then
//! times `report::check_outline` on an outline that quotes the passage exactly and on one that
//! misquotes it (one word changed), several runs each, alternating. The difference is what
//! finding and explaining the nearest passage costs.
//!
//!     cargo run --release --example near_miss_bench [MB] [RUNS]

#[path = "../tests/cli/common/corpus.rs"]
mod corpus;

use std::path::Path;
use std::time::{Duration, Instant};

use report::CheckOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let megabytes: usize = args
        .next()
        .map_or(10, |a| a.parse().expect("MB is a number"));
    let runs: usize = args
        .next()
        .map_or(7, |a| a.parse().expect("RUNS is a number"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (text, line) = corpus::generate(megabytes * 1_000_000, 7);
    corpus::write_source(dir.path(), "archive", &text);
    let exact = corpus::write_outline(dir.path(), "exact.yaml", "archive", corpus::PASSAGE);
    let misquoted =
        corpus::write_outline(dir.path(), "misquoted.yaml", "archive", corpus::MISQUOTE);

    let (mut exact_times, mut misquoted_times) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        exact_times.push(time(&exact, 0));
        misquoted_times.push(time(&misquoted, line));
    }
    println!(
        "source: {:.1} MB, {runs} runs each",
        text.len() as f64 / 1e6
    );
    report("exact quote (read, match)", &mut exact_times);
    report(
        "misquote (same, plus the nearest passage)",
        &mut misquoted_times,
    );
    let extra = median(&mut misquoted_times).saturating_sub(median(&mut exact_times));
    println!("near-miss cost (median difference): {:.1} ms", ms(extra));
}

/// Checks `path` once; `line` is where the nearest passage must be (0: the quote must hold).
fn time(path: &Path, line: usize) -> Duration {
    let start = Instant::now();
    let checked = report::check_outline(path, CheckOptions::default()).expect("checks");
    let took = start.elapsed();
    let findings = &checked.checked.findings;
    if line == 0 {
        assert!(findings.is_empty(), "the exact quote holds");
    } else {
        match &findings[0].detail {
            Some(report::check::finding::Detail::Nearest(near)) => {
                assert_eq!(near.place.at.line, line)
            }
            other => panic!("no nearest passage: {other:?}"),
        }
    }
    took
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "{what}: median {:.1} ms (min {:.1}, max {:.1})",
        ms(median(times)),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
