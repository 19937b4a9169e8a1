//! Property: parsing any outline text either fails with an error that can be shown, or gives
//! an outline whose every value has a place inside the text, on character boundaries.
//!
//! Shared by the `outline` fuzz target and `tests/cli/fuzz_regressions.rs`; it must not read or
//! write files.

use std::ops::Range;
use std::path::Path;

use report::outline::{OutlineFile, Place};

/// Checks the property for one input; panics when it does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // `parse` takes text without a byte-order mark: reading the file drops it first.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match OutlineFile::parse(Path::new("report.yaml"), text.to_owned()) {
        Ok(file) => check_places(&file),
        Err(error) => {
            assert!(!error.to_string().is_empty(), "an empty error message");
            assert!(!error.help().is_empty(), "an empty help line for {error}");
        }
    }
}

/// Every spanned value of `file`, and the text of every string value, lies within its text.
fn check_places(file: &OutlineFile) {
    let outline = &file.outline;
    let mut places = Vec::new();
    let mut string = |value| {
        places.push(file.place_text(value));
        places.push(file.place(value));
    };
    outline.sources.iter().for_each(&mut string);
    outline.summary.iter().for_each(&mut string);
    for paragraph in outline.paragraphs() {
        paragraph.value.text.iter().for_each(&mut string);
    }
    for citation in outline.citations() {
        string(&citation.source);
        string(&citation.quote);
    }
    places.extend(outline.paragraphs().into_iter().map(|p| file.place(p)));
    for place in places {
        check_place(&file.text, &place);
    }
}

fn check_place(text: &str, place: &Place) {
    assert_char_range(text, &place.bytes);
    let Range { start, .. } = place.bytes;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let expected = (
        text[..start].matches('\n').count() + 1,
        text[line_start..start].chars().count() + 1,
    );
    assert_eq!(
        (place.at.line, place.at.column),
        expected,
        "line:col of byte {start}"
    );
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
