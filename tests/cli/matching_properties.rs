//! Property tests of the matcher against a slow reference.
//!
//! The reference is deliberately naive and shares no code with `src/`: it says what the README
//! promises, not how the matcher does it. Failures are not persisted; the hand-minimised
//! counterexamples at the end are plain tests.

use std::ops::Range;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use report::matching::{Fragments, Unsearchable};
use unicode_segmentation::UnicodeSegmentation;

// ---------------------------------------------------------------------------------------
// 1. Matching against a reference
// ---------------------------------------------------------------------------------------

/// Pieces of sources and quotes, few enough that a random quote often collides with the
/// source: short words, every kind of ASCII whitespace, the punctuation that joins words
/// (`1,4`, `a.b`, `it's`, `co-op`), an accented letter, a combining accent, a no-break space
/// (never folded), a zero-width space (not whitespace at all), and the marks a number
/// keeps (`1·5`, `1–2`, `CO₂`).
const PIECES: [&str; 23] = [
    "a", "b", "ab", "ba", "aab", "1", " ", " ", "\t", "\n", "\r\n", ",", ".", "-", "'", "é",
    "e\u{301}", "\u{a0}", "\u{200b}", "  ", "\u{b7}", "\u{2013}", "\u{2082}",
];

/// Pieces that need a long view to tell a word boundary: runs of combining accents (one
/// word with the letter before them however long the run) and regional indicators (a flag
/// is a pair of them, so only every other one starts a flag).
const CLUSTERS: [&str; 7] = [
    "a",
    " ",
    "\u{301}",
    "\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
    "\u{1f1e6}",
    "\u{1f1e7}",
    "\u{1f1e6}\u{1f1e7}\u{1f1e6}\u{1f1e7}",
];

/// Up to `pieces` pieces of `palette`.
fn text_of(palette: Vec<&'static str>, pieces: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(select(palette), 0..pieces)
}

/// A few of `pieces`: the fewer kinds, the more repeats, and a quote's words then often
/// stand in the source more than once, overlapping.
fn palette(pieces: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    prop::sample::subsequence(pieces, 2..7.min(pieces.len()))
}

/// A source of up to `length` `pieces`, and a quote that is either a run of the source's
/// pieces with its whitespace rewritten (so it should be found, unless it cuts a word) or
/// random pieces.
fn source_and_quote(
    pieces: &'static [&'static str],
    length: usize,
) -> impl Strategy<Value = (String, String)> {
    palette(pieces).prop_flat_map(move |palette| {
        (text_of(palette.clone(), length), Just(palette)).prop_flat_map(|(source, palette)| {
            let n = source.len();
            let from_source = (0..=n, 0..=n, any::<u64>()).prop_map({
                let source = source.clone();
                move |(i, j, seed)| respace(&source[i.min(j)..i.max(j)].concat(), seed)
            });
            let random = text_of(palette, 7).prop_map(|q| q.concat());
            (Just(source.concat()), prop_oneof![from_source, random])
        })
    })
}

/// `text` with each run of ASCII whitespace replaced by another one, chosen by `seed`.
fn respace(text: &str, mut seed: u64) -> String {
    const RUNS: [&str; 5] = [" ", "\n", "\t ", "\r\n  ", "   "];
    let mut out = String::new();
    for (i, word) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
        if i > 0 {
            out.push_str(RUNS[(seed % 5) as usize]);
            seed /= 5;
        }
        out.push_str(word);
    }
    out
}

/// Where `text` has a word boundary, for every byte offset: a boundary under UAX #29 that
/// is not between a hyphen (`-`, U+2010, U+2011, U+058A, U+2E17, U+FE63, U+FF0D) and the
/// letter or digit it joins to another, accents and format characters beside the hyphen
/// looked through.
fn boundaries(text: &str) -> Vec<bool> {
    let mut at = vec![false; text.len() + 1];
    for (i, _) in text.split_word_bound_indices() {
        at[i] = true;
    }
    at[0] = true;
    at[text.len()] = true;
    // The characters that count, each with the offset where it starts: accents and format
    // characters (which UAX #29 attaches to the character before them) left out.
    let chars: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| !attaches(c)).collect();
    let word = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_alphanumeric());
    let hyphen = |k: usize| {
        chars.get(k).is_some_and(|(_, c)| {
            matches!(
                c,
                '-' | '\u{2010}' | '\u{2011}' | '\u{058a}' | '\u{2e17}' | '\u{fe63}' | '\u{ff0d}'
            )
        })
    };
    // Between two regional indicators with more than sixteen in a row before, a place is
    // not judged: it counts as inside a word (README).
    let all: Vec<(usize, char)> = text.char_indices().collect();
    let indicator = |c: char| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c);
    let mut run = 0;
    for k in 1..all.len() {
        run = if indicator(all[k - 1].1) { run + 1 } else { 0 };
        if indicator(all[k].1) && run > 16 {
            at[all[k].0] = false;
        }
    }
    for k in 1..chars.len() {
        // Anywhere from just after chars[k - 1] up to chars[k].
        let joined = (hyphen(k - 1) && k >= 2 && word(k - 2) && word(k))
            || (hyphen(k) && word(k - 1) && word(k + 1));
        if joined {
            let from = chars[k - 1].0 + chars[k - 1].1.len_utf8();
            at[from..=chars[k].0].iter_mut().for_each(|b| *b = false);
        }
    }
    // A hyphen (or a soft hyphen) that ends a line after a letter or digit joins it to the
    // word the next line starts with: whitespace and what prints as nothing, at most 4,096
    // bytes, holding one line end (`\r\n` or `\n\r` is one; a blank line or a paragraph
    // separator ends the paragraph), then at once a letter or digit.
    let line_hyphen = |c: char| {
        matches!(
            c,
            '-' | '\u{ad}'
                | '\u{2010}'
                | '\u{2011}'
                | '\u{58a}'
                | '\u{5be}'
                | '\u{2e17}'
                | '\u{fe63}'
                | '\u{ff0d}'
        )
    };
    let invisible_char = |c: char| {
        matches!(c, '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}'
            | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}')
    };
    let line_break = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    for k in 1..all.len() {
        let (hyphen_at, c) = all[k];
        let before = all[..k]
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .find(|&c| !attaches(c) || c == '\u{ad}');
        if !(line_hyphen(c) && before.is_some_and(char::is_alphanumeric)) {
            continue;
        }
        let (mut bytes, mut ends, mut previous, mut next) = (0, 0, None, None);
        for &(i, c) in &all[k + 1..] {
            if !(c.is_whitespace() || invisible_char(c)) {
                next = Some((i, c));
                break;
            }
            let pair = matches!((previous, c), (Some('\r'), '\n') | (Some('\n'), '\r'));
            ends += match c {
                _ if pair => 0,
                '\u{2029}' => 2,
                c if line_break(c) => 1,
                _ => 0,
            };
            previous = match c {
                _ if pair => None,
                c if line_break(c) => Some(c),
                c if c.is_whitespace() => None,
                _ => previous,
            };
            bytes += c.len_utf8();
        }
        if let Some((next, first)) = next
            && ends == 1
            && bytes > 0
            && bytes <= 4096
            && first.is_alphanumeric()
        {
            at[hyphen_at..=next].iter_mut().for_each(|b| *b = false);
        }
    }
    // What prints as nothing (a zero-width space, a soft hyphen, a word joiner, ...) parts no
    // letters: a place beside one, with letters or digits the nearest characters that print
    // on both sides, is inside a word (Thai, Lao, Khmer and Myanmar aside).
    let invisible = |c: char| {
        matches!(c, '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}'
            | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}')
    };
    let spaced = |c: Option<char>| {
        c.is_some_and(|c| {
            c.is_alphanumeric()
                && !matches!(c, '\u{e00}'..='\u{eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}')
        })
    };
    for k in 1..all.len() {
        if !(invisible(all[k - 1].1) || invisible(all[k].1)) {
            continue;
        }
        let before = all[..k]
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .find(|&c| !invisible(c));
        let after = all[k..].iter().map(|&(_, c)| c).find(|&c| !invisible(c));
        if spaced(before) && spaced(after) {
            at[all[k].0] = false;
        }
    }
    // A number's sign, leading point, slash, colon, caret, percent sign, superscript or
    // fraction is the number's: no quote starts or ends between them and its digits (README).
    for k in 0..all.len() {
        if !is_digit(all[k].1) {
            continue;
        }
        let char_at = |j: Option<usize>| j.and_then(|j| all.get(j)).map(|(_, c)| *c);
        let digit = |c: Option<char>| c.is_some_and(is_digit);
        let (b1, b2) = (char_at(k.checked_sub(1)), char_at(k.checked_sub(2)));
        let b3 = char_at(k.checked_sub(3));
        let sign = |c: Option<char>| {
            matches!(
                c,
                Some(
                    '-' | '−'
                        | '+'
                        | '±'
                        | '–'
                        | '－'
                        | '＋'
                        | '﹣'
                        | '﹢'
                        | '‐'
                        | '‑'
                        | '‒'
                        | '⁻'
                        | '⁺'
                )
            )
        };
        // A minus sign set off by one to four whitespace characters (a line break too).
        let spaces_before = (0..k)
            .rev()
            .take(5)
            .take_while(|&j| all[j].1.is_whitespace())
            .count();
        let spaced_sign = (1..=4).contains(&spaces_before)
            && matches!(
                char_at(k.checked_sub(spaces_before + 1)),
                Some('−' | '－' | '﹣' | '±' | '⁻')
            )
            && !char_at(k.checked_sub(spaces_before + 2)).is_some_and(char::is_alphanumeric);
        let _ = b3;
        // Between two digits: a slash, colon, ratio sign, caret, middle dot, dash or hyphen.
        let between = |c: Option<char>| {
            matches!(
                c,
                Some(
                    '/' | ':'
                        | '^'
                        | '⁄'
                        | '∕'
                        | '／'
                        | '∶'
                        | '：'
                        | '·'
                        | '⋅'
                        | '•'
                        | '×'
                        | '–'
                        | '—'
                        | '‒'
                        | '-'
                        | '‑'
                        | '−'
                        | '~'
                        | '～'
                        | '〜'
                )
            )
        };
        // A range set off by one or two whitespace characters each side (`5 – 6`), from the
        // digit at `from` going one way (`step` of +1 or -1).
        let spaced_range = |from: usize, forward: bool| {
            let at = |n: usize| {
                if forward {
                    all.get(from + n).map(|&(_, c)| c)
                } else {
                    from.checked_sub(n).map(|j| all[j].1)
                }
            };
            let run = |start: usize| {
                (start..start + 3)
                    .take_while(|&n| at(n).is_some_and(char::is_whitespace))
                    .count()
            };
            let first = run(1);
            let mark = at(1 + first).is_some_and(|c| {
                matches!(c, '–' | '—' | '‒' | '-' | '‑' | '−' | '~' | '～' | '〜')
            });
            let second = run(2 + first);
            (1..=2).contains(&first)
                && mark
                && (1..=2).contains(&second)
                && at(2 + first + second).is_some_and(is_digit)
        };
        let starts = spaced_sign
            || (b1.is_some_and(char::is_whitespace) && spaced_range(k, false))
            || match b1 {
                c if between(c) && digit(b2) => true,
                c if sign(c) => !b2.is_some_and(char::is_alphanumeric),
                Some('.') => !digit(b2),
                _ => false,
            };
        if starts {
            at[all[k].0] = false;
        }
        let percent = |c: Option<char>| matches!(c, Some('%' | '‰' | '‱' | '％' | '﹪' | '٪'));
        let (a1, a2) = (char_at(Some(k + 1)), char_at(Some(k + 2)));
        let spaces = (k + 1..all.len())
            .take(5)
            .take_while(|&j| all[j].1.is_whitespace())
            .count();
        // A fraction past one or two whitespace characters (`1 ½`, `1 1/2`).
        let spaced_fraction = || {
            let n = (k + 1..all.len())
                .take(3)
                .take_while(|&j| all[j].1.is_whitespace())
                .count();
            let first = char_at(Some(k + 1 + n));
            let digits = (k + 2 + n..all.len())
                .take_while(|&j| is_digit(all[j].1))
                .count();
            (1..=2).contains(&n)
                && (first.is_some_and(|c| matches!(c, '¼' | '½' | '¾' | '\u{2150}'..='\u{215e}'))
                    || (digit(first)
                        && matches!(char_at(Some(k + 2 + n + digits)), Some('/' | '⁄' | '∕'))
                        && digit(char_at(Some(k + 3 + n + digits)))))
        };
        let ends = match a1 {
            c if percent(c) => true,
            Some(c) if c.is_whitespace() => {
                ((1..=4).contains(&spaces) && percent(char_at(Some(k + 1 + spaces))))
                    || spaced_fraction()
                    || spaced_range(k, true)
            }
            c if between(c) => digit(a2),
            Some(c) => {
                matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹' | '⁻' | '⁺' | '¼' | '½' | '¾' | '\u{2150}'..='\u{215e}')
            }
            None => false,
        };
        if ends {
            at[all[k].0 + all[k].1.len_utf8()] = false;
        }
    }
    // A subscript digit belongs to its formula (`CO₂`).
    let subscript = |c: char| ('\u{2080}'..='\u{208c}').contains(&c);
    for k in 1..all.len() {
        let (b, a) = (all[k - 1].1, all[k].1);
        if (b.is_alphanumeric() && subscript(a)) || (subscript(b) && a.is_alphanumeric()) {
            at[all[k].0] = false;
        }
    }
    // A number in groups (`15 000 000`): one to three digits, a run of one to four
    // whitespace characters (a space of any width, `\r\n`, two spaces), three digits and no
    // more; neither side of the run is a boundary (README).
    for (k, &(i, c)) in all.iter().enumerate() {
        let starts_run = k == 0 || !all[k - 1].1.is_whitespace();
        if !c.is_whitespace() || !starts_run {
            continue;
        }
        let m = (k..all.len())
            .find(|&j| !all[j].1.is_whitespace())
            .unwrap_or(all.len());
        let digit = |k: usize| all.get(k).is_some_and(|&(_, c)| is_digit(c));
        let before = (0..k).rev().take_while(|&j| digit(j)).count();
        let after = (m..all.len()).take_while(|&j| digit(j)).count();
        let lead = k.checked_sub(before + 1).map(|j| all[j].1);
        let run = m - k <= 4;
        if run
            && (1..=3).contains(&before)
            && after == 3
            && !lead.is_some_and(char::is_alphanumeric)
        {
            at[i] = false;
            at[all[m].0] = false;
        }
    }
    at
}

/// Whether UAX #29 attaches `c` to the character before it (Extend, Format, ZWJ): a lone
/// `c` after a letter makes no boundary, while after a space it does not make a word.
fn attaches(c: char) -> bool {
    let pair = format!("#{c}");
    !c.is_ascii() && pair.split_word_bounds().count() == 1
}

/// The quote as the matcher should read it: ASCII whitespace runs collapsed, trimmed.
fn collapsed(quote: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in quote
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .chars()
    {
        let space = c.is_ascii_whitespace();
        if !(space && out.last() == Some(&' ')) {
            out.push(if space { ' ' } else { c });
        }
    }
    out
}

/// Where the collapsed `quote` matches `source` starting at byte `start`: character by
/// character, each space of the quote taking one or more whitespace characters of the source.
fn match_at(quote: &[char], source: &str, start: usize) -> Option<usize> {
    let mut rest = source[start..].char_indices().peekable();
    for &q in quote {
        if q == ' ' {
            let mut taken = 0;
            while rest.next_if(|(_, c)| c.is_ascii_whitespace()).is_some() {
                taken += 1;
            }
            if taken == 0 {
                return None;
            }
        } else if rest.next().map(|(_, c)| c) != Some(q) {
            return None;
        }
    }
    Some(rest.peek().map_or(source.len(), |(i, _)| start + i))
}

/// Every place of a one-fragment `quote` in `source` that begins and ends on word
/// boundaries, by start: the slow, obviously correct search.
fn reference_places(quote: &str, source: &str) -> Vec<Range<usize>> {
    let quote = collapsed(quote);
    let bounds = boundaries(source);
    (0..=source.len())
        .filter(|&i| source.is_char_boundary(i) && bounds[i])
        .filter_map(|i| match_at(&quote, source, i).map(|end| i..end))
        .filter(|place| bounds[place.end])
        .collect()
}

fn has_ellipsis(text: &str) -> bool {
    report::matching::contains_ellipsis(text)
}

/// Whether the join between two parts allows what stands between bytes `from` and `to`:
/// the rule itself (not the search) is the library's, `report::matching::gap`.
fn allowed(join: report::matching::Join, source: &str, from: usize, to: usize) -> bool {
    join.allows(&report::matching::gap::measure(source, from..to))
}

/// Whether `find_in` finds a quote without ellipses exactly where the reference finds it
/// first.
fn agrees_with_the_reference(source: &str, quote: &str) -> Result<(), TestCaseError> {
    let parsed = Fragments::parse(quote);
    if quote.chars().all(|c| c.is_ascii_whitespace()) {
        prop_assert_eq!(parsed, Err(Unsearchable::Empty));
        return Ok(());
    }
    let expected = reference_places(quote, source).into_iter().next();
    let found = parsed.expect("a quote with words parses").find_in(source);
    prop_assert_eq!(found.ok(), expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// A quote without ellipses is found exactly where the reference finds it first.
    #[test]
    fn matching_agrees_with_the_reference((source, quote) in source_and_quote(&PIECES, 40)) {
        prop_assume!(!has_ellipsis(&quote));
        agrees_with_the_reference(&source, &quote)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The same, where a word boundary depends on more than a few characters around it.
    #[test]
    fn matching_agrees_with_the_reference_across_long_clusters(
        (source, quote) in source_and_quote(&CLUSTERS, 30)
    ) {
        agrees_with_the_reference(&source, &quote)?;
    }
}

/// A source, and four seeds that pick two passages of it in order.
fn source_and_two_passages() -> impl Strategy<Value = (String, [u64; 4])> {
    (
        palette(&PIECES)
            .prop_flat_map(|p| text_of(p, 60))
            .prop_map(|p| p.concat()),
        any::<[u64; 4]>(),
    )
}

/// Two passages of `source` in order, each starting and ending on a word boundary and
/// on no whitespace, picked by `seeds`: their byte ranges.
fn two_passages(source: &str, seeds: [u64; 4]) -> Option<[Range<usize>; 2]> {
    let bounds = boundaries(source);
    let offsets = (0..=source.len()).filter(|&i| source.is_char_boundary(i) && bounds[i]);
    let word_at = |i: usize| source[i..].starts_with(|c: char| !c.is_ascii_whitespace());
    let word_before = |i: usize| source[..i].ends_with(|c: char| !c.is_ascii_whitespace());
    let starts: Vec<usize> = offsets.clone().filter(|&i| word_at(i)).collect();
    let ends: Vec<usize> = offsets.filter(|&i| word_before(i)).collect();
    let pick = |from: &[usize], after: usize, seed: u64| {
        let later: Vec<usize> = from.iter().copied().filter(|&i| i >= after).collect();
        (!later.is_empty()).then(|| later[(seed % later.len() as u64) as usize])
    };
    let first_start = pick(&starts, 0, seeds[0])?;
    let first_end = pick(&ends, first_start + 1, seeds[1])?;
    let second_start = pick(&starts, first_end, seeds[2])?;
    let second_end = pick(&ends, second_start + 1, seeds[3])?;
    Some([first_start..first_end, second_start..second_end])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Two passages of a source, in order and close together, joined by an ellipsis are
    /// found, at the reference's earliest placement: the first place of the first passage
    /// that the second follows, ending where the second's first place after it ends.
    #[test]
    fn passages_in_order_joined_by_an_ellipsis_are_found((source, seeds) in source_and_two_passages()) {
        let Some([first, second]) = two_passages(&source, seeds) else {
            return Ok(());
        };
        let (a, b) = (&source[first.clone()], &source[second.clone()]);
        prop_assume!(!has_ellipsis(a) && !has_ellipsis(b));
        let quote = format!("{a} ... {b}");
        // Passages of dots may run into the ellipsis between them (`..... ... .....` is all
        // ellipsis): only a quote read back as its two passages (the first's period taken
        // by four dots) is this property's.
        let parsed = Fragments::parse(&quote);
        prop_assume!(parsed.is_ok());
        let parsed = parsed.expect("two passages with words");
        let collapse = |t: &str| t.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        prop_assume!(parsed.len() == 2 && parsed.as_slice()[1] == collapse(b));
        let first_part = &parsed.as_slice()[0];
        prop_assume!(*first_part == collapse(a) || format!("{first_part}.") == collapse(a));
        let join = parsed.joins()[0];
        prop_assume!(allowed(join, &source, first.end, second.start));
        let [a, b] = [&parsed.as_slice()[0], &parsed.as_slice()[1]];
        let firsts = reference_places(a, &source);
        let seconds = reference_places(b, &source);
        let expected = firsts.iter().find_map(|f| {
            let next = seconds.iter().find(|s| s.start >= f.end)?;
            allowed(join, &source, f.end, next.start).then_some(f.start..next.end)
        });
        prop_assert!(expected.as_ref().is_some_and(|e| e.start <= first.start));
        let found = parsed.find_in(&source);
        prop_assert_eq!(found.ok(), expected, "{:?}", quote);
    }
}

// ---------------------------------------------------------------------------------------
// The smallest counterexamples the properties found, by hand
// ---------------------------------------------------------------------------------------

/// Where `quote` is in `source`, if anywhere.
fn find(quote: &str, source: &str) -> Option<Range<usize>> {
    Fragments::parse(quote).unwrap().find_in(source).ok()
}

#[test]
fn a_longest_word_overlapping_an_earlier_occurrence_of_itself_is_still_tried() {
    // `,,` first stands at 0, where ` b` does not follow; the place that fits starts at 1.
    assert_eq!(find(",, b", ",,, b"), Some(1..5));
    assert_eq!(find("a ... ,, b", "a ,,, b"), Some(0..7));
}

#[test]
fn a_boundary_is_judged_on_the_whole_run_of_accents_or_flags() {
    // One word: a letter, twenty combining accents and another letter.
    let accents = format!("a{}b", "\u{301}".repeat(20));
    assert_eq!(find("b", &accents), None);
    // Six flags: every `🇧` is the second half of one.
    assert_eq!(find("\u{1f1e7}", &"\u{1f1e6}\u{1f1e7}".repeat(6)), None);
}

/// A source and up to eight quotes of it, overlapping at will, each with its whitespace
/// rewritten.
fn source_and_quotes() -> impl Strategy<Value = (String, Vec<String>)> {
    palette(&PIECES).prop_flat_map(|palette| {
        text_of(palette, 40).prop_flat_map(|source| {
            let n = source.len();
            let quote = (0..=n, 0..=n, any::<u64>()).prop_map({
                let source = source.clone();
                move |(i, j, seed)| respace(&source[i.min(j)..i.max(j)].concat(), seed)
            });
            (
                Just(source.concat()),
                proptest::collection::vec(quote, 1..8),
            )
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Quotes found together in one pass are each where the reference finds them alone.
    #[test]
    fn quotes_found_in_one_pass_agree_with_the_reference((source, quotes) in source_and_quotes()) {
        agree_in_one_pass(&source, &quotes, 0)?;
    }

    /// The same, among enough other quotes that the batch finds most of them by pairs of
    /// inner words rather than by an anchor word.
    #[test]
    fn quotes_found_by_pairs_of_words_agree_with_the_reference((source, quotes) in source_and_quotes()) {
        agree_in_one_pass(&source, &quotes, 80)?;
    }
}

/// Checks that `quotes`, found in one pass with `others` quotes that are not in `source`,
/// are each where the reference finds them alone.
fn agree_in_one_pass(source: &str, quotes: &[String], others: usize) -> Result<(), TestCaseError> {
    let absent: Vec<Fragments> = (0..others)
        .map(|i| Fragments::parse(&format!("not {i} in the source")).unwrap())
        .collect();
    let parsed: Vec<(&String, Fragments)> = quotes
        .iter()
        .filter(|q| !has_ellipsis(q))
        .filter_map(|q| Some((q, Fragments::parse(q).ok()?)))
        .collect();
    let batch: Vec<&Fragments> = parsed.iter().map(|(_, f)| f).chain(&absent).collect();
    let found = report::matching::batch::find_all(source, &batch);
    for ((quote, _), found) in parsed.iter().zip(found) {
        let expected = reference_places(quote, source).into_iter().next();
        prop_assert_eq!(found.ok(), expected, "{:?}", quote);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 3. Ellipsis quotes of several parts, with gaps that matter
// ---------------------------------------------------------------------------------------

/// Pieces for sources where the gap between parts decides: short words, spaces, and a run of
/// letters a third of the longest gap long, so that three of them make a gap too wide.
fn gap_pieces() -> Vec<String> {
    let filler = "z".repeat(report::matching::MAX_GAP / 3 + 1);
    ["a", "b", "ab", " ", "\n", "  ", "."]
        .into_iter()
        .map(String::from)
        .chain(std::iter::once(filler))
        .collect()
}

/// The earliest placement of the parts of `quote` in `source`, by trying every chain of
/// their places.
fn reference_chain(quote: &Fragments, source: &str) -> Option<Range<usize>> {
    let (parts, joins) = (quote.as_slice(), quote.joins());
    let places: Vec<Vec<Range<usize>>> =
        parts.iter().map(|p| reference_places(p, source)).collect();
    // ends[i][j]: the earliest end of a chain of parts i.. starting at places[i][j], if any.
    let mut reach: Vec<Option<usize>> = places[parts.len() - 1]
        .iter()
        .map(|p| Some(p.end))
        .collect();
    for i in (0..parts.len() - 1).rev() {
        reach = places[i]
            .iter()
            .map(|p| {
                places[i + 1]
                    .iter()
                    .zip(&reach)
                    .filter(|(next, end)| {
                        end.is_some()
                            && next.start >= p.end
                            && allowed(joins[i], source, p.end, next.start)
                    })
                    .map(|(_, end)| end.unwrap())
                    .next()
            })
            .collect();
    }
    places[0]
        .iter()
        .zip(reach)
        .find_map(|(p, end)| Some(p.start..end?))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// A quote of two to four parts is found at the reference's earliest placement, gaps
    /// too wide or not, however often each part occurs.
    #[test]
    fn quotes_of_several_parts_agree_with_the_reference(
        (source, parts) in proptest::collection::vec(select(gap_pieces()), 0..40)
            .prop_flat_map(|source| {
                let words = vec!["a", "b", "ab", "a b", "b a", "ab."];
                (Just(source.concat()), proptest::collection::vec(select(words), 2..5))
            })
    ) {
        let quote = parts.join(" ... ");
        let parsed = Fragments::parse(&quote).unwrap();
        let expected = reference_chain(&parsed, &source);
        let found = parsed.find_in(&source);
        prop_assert_eq!(found.clone().ok(), expected, "{:?} in {:?}: {:?}", quote, source, found);
    }
}

/// A digit of a number's body in any script, as the matcher reads it (README): not a
/// superscript, subscript, fraction, circled or Roman numeral.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || (c.is_numeric()
            && !matches!(c, '¹' | '²' | '³' | '¼' | '½' | '¾'
                | '\u{2070}'..='\u{209F}' | '\u{2150}'..='\u{218F}' | '\u{2460}'..='\u{24FF}'
                | '\u{2776}'..='\u{2793}' | '\u{3220}'..='\u{325F}' | '\u{3280}'..='\u{32BF}'))
}
