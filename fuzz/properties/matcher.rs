//! Property: wherever the matcher places a quote in a source, that place lies within the
//! source on character boundaries, holds the quote's words, and holds up to the second,
//! simple look (`report::matching::confirm`: the words collapsed equal, both ends word boundaries by the
//! full Unicode rules); found with many other quotes (by pairs of words) it is found at the
//! same place; the near-miss search's passages lie within the source too.
//!
//! An input is the quote, a 0xFF byte, then the source (0xFF never occurs in UTF-8, so the
//! split is unambiguous and the seed files stay readable). Without 0xFF the whole input is the
//! quote and the source is empty. An input that starts with 0xFE and a byte `n` has the source
//! repeated `256 × (n + 1)` times, so that budgets and long runs are reached; a hang there is
//! a failure (libFuzzer's `-timeout`). Shared by the `matcher` fuzz target and
//! `tests/cli/fuzz_regressions.rs`.

use std::ops::Range;

use report::matching::Fragments;
use report::matching::batch::Batch;
use report::nearest::nearest;
use report::text::whitespace::collapse;

/// Checks the property for one input; panics when it does not hold.
pub fn check(data: &[u8]) {
    let (repeat, data) = match data {
        [0xFE, n, rest @ ..] => (256 * (usize::from(*n) + 1), rest),
        _ => (1, data),
    };
    let (quote, source) = match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(quote), Ok(source)) = (std::str::from_utf8(quote), std::str::from_utf8(source)) else {
        return;
    };
    let source = source.repeat(repeat);
    check_match(quote, &source);
    for passage in nearest(&source, &[quote]).into_iter().flatten() {
        assert_char_range(&source, &passage.range);
    }
}

/// A found placement lies within `source` and reads as the quote's fragments.
fn check_match(quote: &str, source: &str) {
    let Ok(fragments) = Fragments::parse(quote) else {
        return;
    };
    let found = fragments.find_in(source);
    // Among more than 64 other quotes, those of four words or more go by pairs of words.
    let mut many: Vec<Fragments> = (0..70)
        .filter_map(|i| Fragments::parse(&format!("absent {i} padding words")).ok())
        .collect();
    many.push(fragments.clone());
    let batch = Batch::new(many);
    let together = batch
        .find_all(source)
        .pop()
        .expect("the quote is in the batch");
    assert_eq!(together, found, "found alone and among many");
    let Ok(range) = found else {
        return;
    };
    assert_char_range(source, &range);
    let confirmed = report::matching::confirm::confirm(source, [(&fragments, range.clone())]);
    assert_eq!(confirmed, Ok(()), "the second look at {range:?}");
    let found = collapse(&source[range.clone()]);
    match fragments.as_slice() {
        [only] => assert_eq!(&found, only, "the text at {range:?}"),
        [first, .., last] => {
            assert!(found.starts_with(first.as_str()), "{found:?} at {range:?}");
            assert!(found.ends_with(last.as_str()), "{found:?} at {range:?}");
        }
        [] => panic!("a searchable quote without fragments"),
    }
}

/// `range` lies within `text` and begins and ends on character boundaries.
fn assert_char_range(text: &str, range: &Range<usize>) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "range {range:?} cuts a character"
    );
}
