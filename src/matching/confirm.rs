//! A second, deliberately simple look at every quote the matcher verified.
//!
//! Whatever fast path found a quote (an automaton over anchor words, pairs of words looked up
//! by hash, the earliest placement of an ellipsis quote), its reported place is compared
//! again here with code that shares no matching code with the rest of `matching/` (only the
//! parsed fragments): the source's words there, whitespace runs collapsed, must equal the
//! quote's, and both ends must be word boundaries by the full Unicode rules, applied to the
//! whole run of text between ASCII whitespace. A disagreement is a bug in `report`, reported as
//! an internal error: never a pass.
//!
//! Each boundary's run is segmented once per source, whatever the number of quotes, so the
//! cost is bounded by the source's size.

use std::collections::BTreeSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::matching::pattern::Fragments;

/// Why a verified place did not hold up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The place the matcher reported.
    pub place: Range<usize>,
    /// What was wrong with it.
    pub what: &'static str,
}

/// Confirms each `(quote, place)` of `verified` in `text`; the first that does not hold up.
pub fn confirm<'q>(
    text: &str,
    verified: impl IntoIterator<Item = (&'q Fragments, Range<usize>)>,
) -> Result<(), Disagreement> {
    let mut ends = BTreeSet::new();
    for (quote, place) in verified {
        same_words(text, quote, &place)?;
        ends.insert((place.start, place.start, place.end));
        ends.insert((place.end, place.start, place.end));
    }
    let mut ends = ends.into_iter().peekable();
    while let Some(&(at, _, _)) = ends.peek() {
        if at == 0 || at >= text.len() {
            // The text's two ends are boundaries (a place past the end fails `same_words`).
            ends.next();
            continue;
        }
        // The run of text between ASCII whitespace around `at`, segmented once for every end
        // that falls in it, without keeping its boundaries: a run may be gigabytes long.
        let run = run_around(text, at);
        let mut bounds = text[run.clone()]
            .split_word_bound_indices()
            .map(|(i, _)| run.start + i)
            .chain(std::iter::once(run.end))
            .peekable();
        while let Some(&(at, start, end)) = ends.peek().filter(|(at, _, _)| *at < run.end) {
            ends.next();
            while bounds.next_if(|&b| b < at).is_some() {}
            let boundary = bounds.peek() == Some(&at);
            if !boundary {
                let what = "an end of the place is not on a word boundary";
                return Err(Disagreement {
                    place: start..end,
                    what,
                });
            }
        }
    }
    Ok(())
}

/// The run of `text` around byte `at` that the word-break rules need: from the ASCII
/// whitespace before it (which restarts them) to the one after it, included.
fn run_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let start = bytes[..at]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .unwrap_or(0);
    let end = bytes[at..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(text.len(), |i| at + i + 1);
    start..end
}

/// Whether the words of `text` at `place` are those of `quote`: for a quote without
/// ellipses, the same once whitespace runs are collapsed; with them, beginning with the
/// first fragment, ending with the last, and holding every fragment in order.
fn same_words(text: &str, quote: &Fragments, place: &Range<usize>) -> Result<(), Disagreement> {
    let fail = |what| {
        Err(Disagreement {
            place: place.clone(),
            what,
        })
    };
    let Some(there) = text.get(place.clone()) else {
        return fail("the place does not fall on characters of the source");
    };
    // Words hold no whitespace, so two texts' words are the same one by one exactly when
    // they are the same joined by single spaces: most quotes, of one part, are compared so,
    // without a copy.
    if let [only] = quote.as_slice()
        && !quote.has_open_words()
    {
        return match there
            .split_ascii_whitespace()
            .eq(only.split_ascii_whitespace())
        {
            true => Ok(()),
            false => fail("the source's words there are not the quote's"),
        };
    }
    let there = there.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    if quote.has_open_words() {
        return match open_words_hold(&there, quote) {
            true => Ok(()),
            false => fail("the source's words there are not the quote's, letters left out aside"),
        };
    }
    let fragments = quote.as_slice();
    let simple = |f: &String| f.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    let (first, last) = (
        simple(&fragments[0]),
        simple(&fragments[fragments.len() - 1]),
    );
    if fragments.len() == 1 {
        return if there == first {
            Ok(())
        } else {
            fail("the source's words there are not the quote's")
        };
    }
    if !there.starts_with(&first) || !there.ends_with(&last) {
        return fail("the place does not begin and end with the quote's first and last parts");
    }
    let mut rest = there.as_str();
    for fragment in fragments.iter().map(simple) {
        match rest.find(&fragment) {
            Some(at) => rest = &rest[at + fragment.len()..],
            None => return fail("the quote's parts are not there in order"),
        }
    }
    Ok(())
}

/// Whether `there` (the source at the place, whitespace collapsed) is the quote, some of
/// whose words the source continues with letters left out: each part in turn, the first at
/// the start and the last at the end, compared word by word.
fn open_words_hold(there: &str, quote: &Fragments) -> bool {
    let parts = quote.as_slice();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        let open = quote.open_words(i);
        let last = i + 1 == parts.len();
        let starts: Vec<usize> = match i {
            0 => vec![0],
            _ => (at..=there.len())
                .filter(|&s| there.is_char_boundary(s))
                .collect(),
        };
        let Some(end) = starts.into_iter().find_map(|s| {
            part_at(there, s, part, &open).filter(|&end| !last || end == there.len())
        }) else {
            return false;
        };
        at = end;
    }
    at == there.len()
}

/// Where `part` ends if it stands at byte `at` of `there`: its words in turn, one space
/// between, each word at the indexes `open` followed by one to
/// [`crate::matching::MAX_OMITTED`] letters.
fn part_at(there: &str, mut at: usize, part: &str, open: &[usize]) -> Option<usize> {
    for (w, word) in part.split(' ').enumerate() {
        if w > 0 {
            at += there.get(at..)?.strip_prefix(' ').map(|_| 1)?;
        }
        if !there.get(at..)?.starts_with(word) {
            return None;
        }
        at += word.len();
        if open.contains(&w) {
            let letters = there[at..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>();
            if !(1..=crate::matching::MAX_OMITTED).contains(&letters.len()) {
                return None;
            }
            at += letters.iter().map(|c| c.len_utf8()).sum::<usize>();
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str) -> Fragments {
        Fragments::parse(text).unwrap()
    }

    #[test]
    fn a_true_place_holds_up() {
        let text = "The harbour  commission\nhad rejected it. Then 1,400 left.";
        let q = quote("harbour commission had rejected");
        assert_eq!(confirm(text, [(&q, 4..36)]), Ok(()));
        let e = quote("The harbour ... rejected it. ... left.");
        assert_eq!(confirm(text, [(&e, 0..text.len())]), Ok(()));
    }

    #[test]
    fn a_wrong_place_is_a_disagreement() {
        let text = "The harbour commission had rejected it; 1,400 left";
        let q = quote("harbour commission had rejected");
        for (place, what) in [
            (4..34, "words"),
            (5..36, "words"),
            (0..2, "words"),
            (40..41, "boundary"),
        ] {
            let q = if what == "boundary" {
                quote("1")
            } else {
                q.clone()
            };
            let err = confirm(text, [(&q, place.clone())]).unwrap_err();
            assert_eq!(err.place, place);
            let expected = if what == "boundary" {
                "word boundary"
            } else {
                ""
            };
            assert!(err.what.contains(expected), "{err:?}");
        }
        let e = quote("commission ... harbour");
        assert!(confirm(text, [(&e, 12..35)]).is_err());
        assert!(confirm("é", [(&quote("x"), 0..1)]).is_err());
    }

    #[test]
    fn places_at_the_ends_of_a_long_run_hold_up() {
        // A run of a million characters without whitespace, quoted at both of its ends and
        // at the text's end: each run is segmented once, its boundaries never kept.
        let text = format!("x {}", "中".repeat(1_000_000));
        let last = text.len() - "中".len();
        let q = quote("中");
        let places = [(&q, 2..5), (&q, last..text.len())];
        assert_eq!(confirm(&text, places), Ok(()));
        assert!(confirm(&text, [(&q, 3..6)]).is_err());
    }

    #[test]
    fn boundaries_are_judged_on_the_whole_run() {
        // 257 regional indicators, then a flag: the flag's first half pairs with the last
        // indicator before it, so the flag does not start on a boundary.
        let text = format!("x {}\u{1f1fa}\u{1f1f8} y", "\u{1f1e6}".repeat(257));
        let at = 2 + 257 * 4;
        let flag = quote("\u{1f1fa}\u{1f1f8}");
        assert!(confirm(&text, [(&flag, at..at + 8)]).is_err());
        let text = format!("x {}\u{1f1fa}\u{1f1f8} y", "\u{1f1e6}".repeat(256));
        let at = 2 + 256 * 4;
        assert_eq!(confirm(&text, [(&flag, at..at + 8)]), Ok(()));
    }
}
