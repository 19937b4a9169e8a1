//! Word boundaries: whether a place in a source falls between words, under the Unicode
//! word-break rules (UAX #29) judged on the text around it, with hyphenated compounds kept
//! whole. A quote is verified only where both its ends stand on a boundary.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::matching::gap::{is_invisible, is_line_hyphen, line_hyphen_run};

/// Whether `range` of `text` neither begins nor ends inside a word, nor inside a number
/// written with spaces between its groups of digits ([`inside_grouped_number`]).
pub(crate) fn on_word_boundaries(text: &str, range: Range<usize>) -> bool {
    !inside_word(text, range.start)
        && !inside_word(text, range.end)
        && !inside_grouped_number(text, range.start)
        && !inside_grouped_number(text, range.end)
        && !inside_number_marks(text, range.start)
        && !inside_number_marks(text, range.end)
}

/// Whether byte `at` of `text` falls inside a number by what it is written with: between a
/// sign or a leading point and the digits (`−5`, `.5`), on either side of a slash, colon or
/// caret between digits (`3/4`, `6:30`, `10^6`), or before a percent sign, a superscript or a
/// fraction (`5%`, `10⁶`, `1½`). A quote that stops there drops the sign, the fraction or the
/// power: `5 degrees` of `−5 degrees`, `rose 5` of `rose 5%`.
fn inside_number_marks(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = text[at..].chars();
    let (a1, a2) = (after.next(), after.next());
    let digit = |c: Option<char>| c.is_some_and(is_digit);
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
    // A minus sign set off by a few spaces or a line break (`− 5`, `−\u{a0}5`, `−\n5`) is the
    // number's too; a hyphen or a dash so set off is a list's bullet or a separator
    // (`- 146 - SSAI`), not a sign.
    let spaced_sign = || {
        let mut back = text[..at].chars().rev();
        let spaces = back
            .by_ref()
            .take(GROUP_RUN + 1)
            .take_while(|c| c.is_whitespace());
        let spaces = spaces.count();
        let mut back = text[..at].chars().rev().skip(spaces);
        (1..=GROUP_RUN).contains(&spaces)
            && matches!(back.next(), Some('−' | '－' | '﹣' | '±' | '⁻'))
            && !back.next().is_some_and(char::is_alphanumeric)
    };
    let between = |c: Option<char>| c.is_some_and(joins_digits);
    let starts = digit(a1)
        && (spaced_sign()
            || (b1.is_some_and(char::is_whitespace) && spaced_range(text[..at].chars().rev()))
            || match b1 {
                c if between(c) && digit(b2) => true,
                c if sign(c) => !b2.is_some_and(char::is_alphanumeric),
                Some('.') => !digit(b2),
                _ => false,
            });
    let percent = |c: Option<char>| matches!(c, Some('%' | '‰' | '‱' | '％' | '﹪' | '٪'));
    // A percent sign past a short run of spaces (`5  %`, `5\n%`).
    let spaced_percent = || {
        let rest = &text[at..];
        let spaces = rest
            .chars()
            .take(5)
            .take_while(|c| c.is_whitespace())
            .count();
        (1..=4).contains(&spaces) && percent(rest.chars().nth(spaces))
    };
    // A fraction past a space (`1 ½`, `1 1/2`).
    let spaced_fraction = || {
        let rest = &text[at..];
        let spaces = (rest.chars().take(3))
            .take_while(|c| c.is_whitespace())
            .count();
        let mut next = rest.chars().skip(spaces);
        let first = next.next();
        let digits = next.by_ref().take_while(|&c| is_digit(c)).count();
        (1..=2).contains(&spaces)
            && (first.is_some_and(is_fraction)
                || (digit(first)
                    && matches!(rest.chars().nth(spaces + 1 + digits), Some('/' | '⁄' | '∕')))
                    && digit(rest.chars().nth(spaces + 2 + digits)))
    };
    let ends = digit(b1)
        && match a1 {
            c if percent(c) => true,
            // `5 %`, as French and German write it, with a space, no-break or thin one.
            Some(c) if c.is_whitespace() => {
                spaced_percent() || spaced_fraction() || spaced_range(text[at..].chars())
            }
            c if between(c) => digit(a2),
            Some(c) => is_superscript_digit(c) || is_fraction(c),
            None => false,
        };
    // A subscript digit is part of its formula (`CO₂`, `H₂O`).
    let subscript = |c: Option<char>| c.is_some_and(|c| ('\u{2080}'..='\u{208c}').contains(&c));
    let formula = (b1.is_some_and(char::is_alphanumeric) && subscript(a1))
        || (subscript(b1) && a1.is_some_and(char::is_alphanumeric));
    starts || ends || formula
}

/// Whether `c`, between two digits, makes them one number or a range: a slash, a colon or a
/// ratio sign (`3/4`, `3∕4`, `6∶4`), a caret, a point written as a middle dot, a dot operator or
/// a bullet (`1·5`, as the Lancet writes it), a multiplication sign (`10×10³`), a dash, hyphen
/// or tilde of a range (`5–6`, `5—6`, `5～6`).
fn joins_digits(c: char) -> bool {
    matches!(
        c,
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
}

/// Whether `chars` (what follows a number, or what precedes one backwards) start with a range
/// set off by one or two spaces each side, then a digit (`5 – 6`, `1990 - 1995`).
fn spaced_range(chars: impl Iterator<Item = char>) -> bool {
    let mut chars = chars.peekable();
    one_or_two_spaces(&mut chars)
        && chars.next().is_some_and(marks_range)
        && one_or_two_spaces(&mut chars)
        && chars.next().is_some_and(is_digit)
}

/// Whether `chars` start with one or two whitespace characters (passed over), not more.
fn one_or_two_spaces(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) -> bool {
    let mut n = 0;
    while n < 3 && chars.next_if(|c| c.is_whitespace()).is_some() {
        n += 1;
    }
    (1..=2).contains(&n)
}

/// Whether `c`, set off by spaces between two numbers, marks a range (`5 – 6`).
fn marks_range(c: char) -> bool {
    matches!(c, '–' | '—' | '‒' | '-' | '‑' | '−' | '~' | '～' | '〜')
}

/// Whether `c` is a digit of a number's body in any script: ASCII, full-width (`１５`),
/// Arabic-Indic (`١٥`), Devanagari (`१५`) and the rest; not a superscript, a subscript, a
/// fraction, a circled or Roman numeral, which mark or count rather than write a number.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || (c.is_numeric()
            && !is_superscript_digit(c)
            && !is_fraction(c)
            && !matches!(c, '\u{2070}'..='\u{209F}' | '\u{2150}'..='\u{218F}' | '\u{2460}'..='\u{24FF}' | '\u{2776}'..='\u{2793}' | '\u{3220}'..='\u{325F}' | '\u{3280}'..='\u{32BF}'))
}

/// Whether `c` is a superscript digit or sign (`10⁶`, `10⁻³`).
fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹' | '⁻' | '⁺')
}

/// Whether `c` is a vulgar fraction (`½`, `¾`, `⅛`).
fn is_fraction(c: char) -> bool {
    matches!(c, '¼' | '½' | '¾' | '\u{2150}'..='\u{215e}')
}

/// Whether `c` separates the groups of digits of a number where the word-break rules see
/// a space: any whitespace (a space, a no-break, narrow no-break, thin or figure space, and a
/// line break, where a hard-wrapped text breaks a number). An apostrophe or a comma between
/// digits the rules keep in the number already.
fn is_group_separator(c: char) -> bool {
    c.is_whitespace()
}

/// The most whitespace characters between two groups of a number (`\r\n`, two spaces, a
/// space and a line break).
const GROUP_RUN: usize = 4;

/// Whether byte `at` of `text` falls between two groups of a number such as `15 000 000`:
/// one to three digits, a group separator, then three digits that end the group. A quote
/// that stops at `EUR 15` would claim fifteen euros of fifteen million.
fn inside_grouped_number(text: &str, at: usize) -> bool {
    let (left, right) = text.split_at(at);
    // The separator may stand on either side of `at`: a quote ends before it, starts after.
    // It may be a short run (`\r\n`, two spaces, a space and a line break): a text wrapped or
    // laid out by hand.
    let run = |chars: &mut dyn Iterator<Item = char>| -> usize {
        chars
            .take(GROUP_RUN + 1)
            .take_while(|&c| is_group_separator(c))
            .map(char::len_utf8)
            .sum()
    };
    let (before, after) = (run(&mut left.chars().rev()), run(&mut right.chars()));
    let (left, right) = match (before, after) {
        (0, 0) => return false,
        (n, _) if n > 0 => (&left[..left.len() - n], right),
        (_, n) => (left, &right[n..]),
    };
    let separators = |s: &str| s.chars().count() <= GROUP_RUN;
    if !separators(&text[left.len()..text.len() - right.len()]) {
        return false;
    }
    let digits_before = left.chars().rev().take_while(|&c| is_digit(c)).count();
    let digits_after = right.chars().take_while(|&c| is_digit(c)).count();
    let before_run = left.chars().rev().nth(digits_before);
    (1..=3).contains(&digits_before)
        && digits_after == 3
        && !before_run.is_some_and(|c| c.is_alphanumeric())
}

/// The most bytes of accents, format characters (soft hyphens, zero-width joiners) and
/// regional indicators looked through to judge a word boundary. The Unicode rules skip any
/// number of the first and count the last in pairs, so a boundary next to a longer run cannot
/// be judged in bounded time: such a place counts as inside a word, refused, never verified.
pub(crate) const MAX_RUN: usize = 4096;

/// The most regional indicators in a row before a place that its boundary is judged after:
/// eight flags. Past them the place counts as inside a word, so that a run of millions of
/// indicators costs no more per place than a short one.
const MAX_INDICATORS: usize = 16;

/// Whether `c` ends a line for the word-break rules (CR, LF, VT, FF, NEL, LS, PS), after
/// which they break even before an accent.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// How many regional indicators stand in a row just before byte `at`, counting no further
/// than one past [`MAX_INDICATORS`].
fn indicators_before(text: &str, at: usize) -> usize {
    (text[..at].chars().rev())
        .take(MAX_INDICATORS + 1)
        .take_while(|&c| is_indicator(c))
        .count()
}

/// How many characters of context beyond those runs the word-break rules need on either side
/// of an offset: two (`1,4`, `a.b`, Hebrew `״`), and one more to spare.
const CONTEXT: usize = 3;

/// Whether byte `at` of `text` falls inside a word: not a word boundary under the Unicode
/// rules (UAX #29, which keep `1,400`, `2.5`, `won't` and a letter with its combining accents
/// whole), or between a hyphen and the letters it joins (`Russian-Israeli`).
///
/// The rules are applied to the text around `at` that decides them: a few characters each
/// side, and every accent, format character and regional indicator between (which half of a
/// flag an indicator is depends on every indicator before it). ASCII whitespace restarts the
/// rules, so the context never reaches past it. A run longer than [`MAX_RUN`] answers "inside".
fn inside_word(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return false;
    }
    // Settled by the two characters around `at`, in constant time: the rules never break
    // before an accent, a format character or a joiner except after a line break, and a
    // regional indicator after more than [`MAX_INDICATORS`] others is not judged.
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    if let (Some(b), Some(a)) = (before, after) {
        if skipped(a) && !is_line_break(b) {
            return true;
        }
        if is_indicator(a) && is_indicator(b) && indicators_before(text, at) > MAX_INDICATORS {
            return true;
        }
        // What prints as nothing does not part the letters around it (`un\u{200b}lawful`
        // reads `unlawful`), nor does a line break after a hyphen (`Russian-` `Israeli`).
        if (is_invisible(b) || is_invisible(a)) && letters_through_invisible(text, at) {
            return true;
        }
        let blank = |c: char| c.is_whitespace() || is_invisible(c);
        if (blank(b) || blank(a)) && hyphen_ends_line_before(text, at) {
            return true;
        }
        // Settled at once for most places of most texts: whitespace beside anything else is
        // a boundary (nothing joins across it, a hyphen neither), and two ASCII letters or
        // digits side by side are one word.
        if b.is_ascii_whitespace() != a.is_ascii_whitespace() {
            return false;
        }
        if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric() {
            return true;
        }
    }
    let (Some(start), Some(end)) = (context_before(text, at), context_after(text, at)) else {
        return true;
    };
    let window = &text[start..end];
    let boundary = window
        .split_word_bound_indices()
        .any(|(i, _)| start + i == at);
    !boundary || hyphen_joined(&text[..at], &text[at..])
}

/// Where the context of a boundary at `at` starts: [`CONTEXT`] characters back, not counting
/// skipped ones and regional indicators, or at ASCII whitespace; `None` past [`MAX_RUN`].
fn context_before(text: &str, at: usize) -> Option<usize> {
    let mut counted = 0;
    for (i, c) in text[..at].char_indices().rev() {
        if c.is_ascii_whitespace() {
            return Some(i);
        }
        if !skipped_or_paired(c) {
            counted += 1;
            if counted == CONTEXT {
                return Some(i);
            }
        } else if at - i > MAX_RUN {
            return None;
        }
    }
    Some(0)
}

/// Where the context of a boundary at `at` ends: as [`context_before`], forwards.
fn context_after(text: &str, at: usize) -> Option<usize> {
    let mut counted = 0;
    for (i, c) in text[at..].char_indices() {
        let next = at + i + c.len_utf8();
        if c.is_ascii_whitespace() {
            return Some(next);
        }
        if !skipped_or_paired(c) {
            counted += 1;
            if counted == CONTEXT {
                return Some(next);
            }
        } else if i > MAX_RUN {
            return None;
        }
    }
    Some(text.len())
}

/// Whether the word-break rules skip `c` (an accent, a format character, a zero-width
/// joiner: Extend, Format, ZWJ) or count it in pairs (a regional indicator).
fn skipped_or_paired(c: char) -> bool {
    is_indicator(c) || skipped(c)
}

/// Whether the word-break rules skip `c`: Extend, Format or ZWJ.
fn skipped(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    // The common ones without asking the rules: combining diacritics, the soft hyphen,
    // zero-width (non-)joiners and variation selectors.
    if matches!(c, '\u{300}'..='\u{36f}' | '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}')
    {
        return true;
    }
    // After `!`, the rules break before anything but what they skip.
    let mut buffer = [b'!'; 5];
    let len = c.encode_utf8(&mut buffer[1..]).len();
    std::str::from_utf8(&buffer[..=len])
        .is_ok_and(|pair| pair.split_word_bound_indices().nth(1).is_none())
}

/// Whether `c` joins two words as a hyphen does: the hyphen-minus, the Unicode hyphens
/// (U+2010, the non-breaking U+2011), and their small and full-width forms.
fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{058a}' | '\u{2e17}' | '\u{fe63}' | '\u{ff0d}'
    )
}

/// Whether a hyphen at the end of `left` or the start of `right` joins two words. Accents and
/// format characters next to the hyphen are looked through, so a decomposed `café-bar` is
/// one compound as the composed one is; so is a line break after the hyphen, which a
/// hard-wrapped text puts inside a compound (`Russian-` `Israeli`) or a word (`un-` `lawful`)
/// ([`line_hyphen_run`]).
fn hyphen_joined(left: &str, right: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut before = left.chars().rev().take(MAX_RUN).filter(|&c| !skipped(c));
    let mut after = right
        .char_indices()
        .take(MAX_RUN)
        .filter(|&(_, c)| !skipped(c));
    let (b1, a1) = (before.next(), after.next());
    let (b2, a2) = (before.next(), after.next());
    let hyphen_after = a1.filter(|&(_, c)| is_hyphen(c));
    let line_hyphen_after = a1.filter(|&(_, c)| is_line_hyphen(c));
    (b1.is_some_and(is_hyphen) && word(b2) && word(a1.map(|(_, c)| c)))
        || (hyphen_after.is_some() && word(b1) && word(a2.map(|(_, c)| c)))
        || (word(b1)
            && line_hyphen_after
                .is_some_and(|(i, c)| line_hyphen_run(&right[i + c.len_utf8()..]).is_some()))
}

/// Whether byte `at` of `text`, in or beside whitespace, stands between a hyphen that ends a
/// line after a letter or digit and the word that goes on at the next line.
/// The hyphen may be a soft one (U+00AD), and what prints as nothing may stand in the run
/// ([`line_hyphen_run`]).
fn hyphen_ends_line_before(text: &str, at: usize) -> bool {
    let in_run = |c: &char| c.is_whitespace() || (is_invisible(*c) && *c != '\u{ad}');
    let back: usize = (text[..at].chars().rev())
        .take(MAX_RUN)
        .take_while(in_run)
        .map(char::len_utf8)
        .sum();
    let mut before = (text[..at - back].chars().rev())
        .take(MAX_RUN)
        .filter(|&c| !skipped(c) || c == '\u{ad}');
    let (hyphen, word) = (before.next(), before.next());
    hyphen.is_some_and(is_line_hyphen)
        && word.is_some_and(char::is_alphanumeric)
        && line_hyphen_run(&text[at - back..]).is_some()
}

/// Whether the nearest characters around byte `at` of `text` that print (past what prints as
/// nothing, [`is_invisible`]) are letters or digits: one word to a reader. Not so in the
/// scripts written without spaces that a zero-width space divides into words (Thai, Lao,
/// Khmer, Myanmar).
fn letters_through_invisible(text: &str, at: usize) -> bool {
    let spaced = |c: &char| {
        c.is_alphanumeric()
            && !matches!(c, '\u{e00}'..='\u{eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}')
    };
    let mut before = text[..at].chars().rev().take(MAX_RUN);
    let mut after = text[at..].chars().take(MAX_RUN);
    before
        .find(|&c| !is_invisible(c))
        .as_ref()
        .is_some_and(spaced)
        && after
            .find(|&c| !is_invisible(c))
            .as_ref()
            .is_some_and(spaced)
}

/// Whether `c` is a regional indicator, half of a flag.
fn is_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_in_groups_of_three_is_one_number() {
        for space in [
            " ", "\u{a0}", "\u{202f}", "\u{2009}", "\n", "\t", "\u{2002}", "\r\n", "  ", " \n",
        ] {
            let text = format!("EUR 15{space}000{space}000 in reserve");
            let number = text.find("in").unwrap() - 1;
            assert!(!on_word_boundaries(&text, 0..6), "{space:?}");
            let second = text.find("000").unwrap();
            assert!(!on_word_boundaries(&text, second..number), "{space:?}");
            assert!(on_word_boundaries(&text, 0..number), "{space:?}");
        }
        // Digits of other scripts group the same way.
        for (text, quote) in [
            ("ＥＵＲ １５ ０００ in reserve", "ＥＵＲ １５"),
            ("EUR ١٥ ٠٠٠ in reserve", "EUR ١٥"),
            ("EUR १५ ००० in reserve", "EUR १५"),
            ("rose ５％ in May", "rose ５"),
            ("at −٥ degrees", "٥ degrees"),
        ] {
            let at = text.find(quote).unwrap();
            assert!(!on_word_boundaries(text, at..at + quote.len()), "{text}");
        }
        assert!(on_word_boundaries("EUR ١٥ ٠٠٠ in", 0.."EUR ١٥ ٠٠٠".len()));
        // A circled number or a superscript after a number is a mark, not a group.
        assert!(on_word_boundaries("rose 15 ①②③ in", 0.."rose 15".len()));
        // A hyphen set off by a space is a list's bullet or a separator, not a sign.
        let listed = "* - 146 - SSAI Ultrasound";
        let at = listed.find("146").unwrap();
        assert!(on_word_boundaries(listed, at..listed.len()));
        // A sign, a point, a fraction, a percent sign or a superscript is the number's.
        for (text, quote) in [
            ("at −5 degrees", "5 degrees"),
            ("at -5 degrees", "5 degrees"),
            ("rose .5 percent", "5 percent"),
            ("about 3/4 of them", "4 of them"),
            ("about 3/4 of them", "about 3"),
            ("at 6:30 in", "30 in"),
            ("rose 5% in May", "rose 5"),
            ("rose 5 % in May", "rose 5"),
            ("rose 5\u{a0}% in May", "rose 5"),
            ("rose 5\u{ff05} in May", "rose 5"),
            ("at \u{ff0d}5 degrees", "5 degrees"),
            ("at \u{2212} 5 degrees", "5 degrees"),
            ("at \u{2010}5 degrees", "5 degrees"),
            ("rose 5  % in May", "rose 5"),
            ("rose 5\r\n% in May", "rose 5"),
            ("rose 5\u{66a} in May", "rose 5"),
            ("was 10\u{207b}\u{b3} a year", "was 10"),
            ("reached 10⁶ people", "reached 10"),
            ("rose 1½ times", "rose 1"),
        ] {
            let at = text.find(quote).unwrap();
            assert!(
                !on_word_boundaries(text, at..at + quote.len()),
                "{quote} in {text}"
            );
        }
        for (text, quote) in [("pages 3-5 and 7", "7"), ("in 2020: 5 cases", "5 cases")] {
            let at = text.rfind(quote).unwrap();
            assert!(
                on_word_boundaries(text, at..at + quote.len()),
                "{quote} in {text}"
            );
        }
        // Numbers that only stand side by side stay apart.
        let text = "in 1990 100 people; 15 1000 items; page 12 of 300";
        for quote in ["in 1990", "100 people", "15", "1000 items", "page 12"] {
            let at = text.find(quote).unwrap();
            assert!(on_word_boundaries(text, at..at + quote.len()), "{quote}");
        }
    }
}
