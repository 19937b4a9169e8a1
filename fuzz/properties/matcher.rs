//! Property: wherever the matcher places a quote in a source, that place lies within the
//! source on character boundaries and holds the quote's words; the near-miss search's
//! passages lie within the source too.
//!
//! An input is the quote, a 0xFF byte, then the source (0xFF never occurs in UTF-8, so the
//! split is unambiguous and the seed files stay readable). Without 0xFF the whole input is the
//! quote and the source is empty. Shared by the `matcher` fuzz target and
//! `tests/fuzz_regressions.rs`.

use std::ops::Range;

use report::matcher::Fragments;
use report::nearest::nearest;
use report::normalize::collapse;

/// Checks the property for one input; panics when it does not hold.
pub fn check(data: &[u8]) {
    let (quote, source) = match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(quote), Ok(source)) = (std::str::from_utf8(quote), std::str::from_utf8(source)) else {
        return;
    };
    check_match(quote, source);
    for passage in nearest(source, &[quote]).into_iter().flatten() {
        assert_char_range(source, &passage.range);
    }
}

/// A found placement lies within `source` and reads as the quote's fragments.
fn check_match(quote: &str, source: &str) {
    let Ok(fragments) = Fragments::parse(quote) else {
        return;
    };
    let Ok(range) = fragments.find_in(source) else {
        return;
    };
    assert_char_range(source, &range);
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
