//! Quotations inside a paragraph's own text ("…" or “…”), and where they stand in the outline.
//!
//! A writer who puts words in quotation marks claims a source said them, so they are checked
//! like any citation. Single quotes (`‘…’`, `'…'`) are told from apostrophes by where they
//! stand: an opening mark starts a word, a closing one ends a word before
//! a space or punctuation, and of the marks that could close a quotation the first after
//! punctuation or before it wins, else the first: `the Kremlin’s ‘grave concerns’ about
//! Hamas’ attack` has one quotation. Guillemets (`«…»`, and `»…«` as German writes them), German quotes (`„…“`) and Japanese
//! brackets (`「…」`, `『…』`) count as double quotes; so do single guillemets (`‹…›`, `›…‹`),
//! which, unlike single quotes, are never apostrophes. An empty quotation (`""`) is a
//! quotation too, so that it is reported rather than passed over.

use std::ops::Range;

use crate::outline::quoting::QuoteMark;

/// A quotation found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineQuote {
    /// The byte range from the opening mark to the end of the closing mark.
    pub marked: Range<usize>,
    /// The byte range of the words between the marks.
    pub words: Range<usize>,
}

/// What a scan of a text's quotation marks found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marked {
    /// A closed quotation, even an empty one.
    Quote(InlineQuote),
    /// An opening mark that nothing closes, at this byte range.
    Unclosed(Range<usize>),
}

/// The opening marks of quotations, each with the marks that close it: straight and curly
/// English quotes, guillemets pointing out (French), in (German) or the same way (Swedish),
/// German low-high quotes, and Japanese corner brackets. The first opening mark in the text
/// decides which way a pair of guillemets points.
const PAIRS: [(char, &[char]); 17] = [
    ('"', &['"']),
    ('“', &['”']),
    ('«', &['»']),
    ('»', &['«', '»']),
    ('‹', &['›']),
    ('›', &['‹', '›']),
    ('„', &['“', '”']),
    ('「', &['」']),
    ('『', &['』']),
    ('﹁', &['﹂']),
    ('﹃', &['﹄']),
    // Swedish and Finnish open and close with the same mark.
    ('”', &['”']),
    ('‟', &['”']),
    ('＂', &['＂']),
    ('〝', &['〞', '〟']),
    ('❝', &['❞']),
    ('〈', &['〉']),
];

/// Single marks that are never apostrophes, each with the marks that close it: German and
/// Dutch low marks, the reversed high mark, full-width and ornamental ones.
const SINGLE_PAIRS: [(char, &[char]); 4] = [
    ('‚', &['‘', '’']),
    ('‛', &['’']),
    ('＇', &['＇']),
    ('❛', &['❜']),
];

/// Every quotation in `text` in the families of `marks`, and every opening mark left
/// unclosed. Scanning goes on after an unclosed mark, so one stray mark does not hide the
/// quotations after it. Marks inside a quotation are its words: a nested quotation is part of
/// the one around it.
pub fn quotations(text: &str, marks: &[QuoteMark]) -> Vec<Marked> {
    let double = marks.contains(&QuoteMark::Double);
    let single = marks.contains(&QuoteMark::Single);
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some((open, mark)) = next_opening(text, rest, double, single) {
        let inner = open + mark.len_utf8();
        let close = match mark {
            '‘' | '\'' => single_closer(text, inner, mark),
            _ => {
                let closers = closers(mark);
                (text[inner..].char_indices())
                    .find(|(_, c)| closers.contains(c))
                    .map(|(i, c)| (inner + i, c))
            }
        };
        let Some((at, close)) = close else {
            // A straight single mark nothing closes is an apostrophe (`'tis`).
            if mark != '\'' {
                found.push(Marked::Unclosed(open..inner));
            }
            rest = inner;
            continue;
        };
        let words = inner..at;
        let marked = open..at + close.len_utf8();
        rest = marked.end;
        found.push(Marked::Quote(InlineQuote { marked, words }));
    }
    found
}

/// The marks that close a quotation opened by `open`.
fn closers(open: char) -> &'static [char] {
    (PAIRS.iter().chain(&SINGLE_PAIRS))
        .find(|(o, _)| *o == open)
        .map_or(&[], |(_, closers)| closers)
}

/// The first opening mark at or after byte `from`: a double one (any of [`PAIRS`]) if
/// `double`, a single one standing where a quotation can open ([`opens_single`]) if `single`.
fn next_opening(text: &str, from: usize, double: bool, single: bool) -> Option<(usize, char)> {
    text[from..].char_indices().find_map(|(i, c)| {
        let at = from + i;
        let opens = match c {
            '‘' | '\'' => single && opens_single(text, at),
            _ if SINGLE_PAIRS.iter().any(|(open, _)| *open == c) => single,
            _ => double && PAIRS.iter().any(|(open, _)| *open == c),
        };
        opens.then_some((at, c))
    })
}

/// Whether the single mark at byte `at` opens a quotation. A curly `‘` always does; a
/// straight `'` where it starts a word (after the text's start, whitespace, an opening
/// bracket or mark, a dash, a colon or emphasis) and something other than a space follows.
/// `‘90s`, `'em`, `‘tis` and `'n'` are elisions.
fn opens_single(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let mark = text[at..].chars().next().map_or(1, char::len_utf8);
    let after = &text[at + mark..];
    // A curly opening mark is never an apostrophe but in an elision autocorrect got wrong
    // (`‘90s`): wherever it stands, it opens a quotation, or is reported unclosed.
    if text[at..].starts_with('‘') {
        return !is_elision(after);
    }
    let starts_word = before.is_none_or(|b| {
        b.is_whitespace()
            || matches!(
                b,
                '(' | '['
                    | '{'
                    | '“'
                    | '"'
                    | '«'
                    | '„'
                    | '—'
                    | '–'
                    | '-'
                    | '/'
                    | ':'
                    | ';'
                    | ','
                    | '…'
                    | '*'
                    | '_'
                    | '`'
                    | '¿'
                    | '¡'
                    | '>'
            )
    });
    let next = after.chars().next();
    let word_follows = next.is_some_and(|c| !c.is_whitespace() && c != '\'');
    starts_word && word_follows && !is_elision(after)
}

/// Whether `after` (what follows an opening single mark) is the rest of a word with letters
/// left out at its start: a decade (`90s`), `em`, `tis`, `twas`, `til`, `cause`, `n`.
fn is_elision(after: &str) -> bool {
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let rest = &after[after.len().min(word.len())..];
    let ends = |w: &str| word == w && !rest.starts_with(|c: char| c.is_alphanumeric());
    let decade =
        word.len() == 3 && word.ends_with('s') && word[..2].bytes().all(|b| b.is_ascii_digit());
    decade
        || ["em", "tis", "twas", "til", "cause", "n"]
            .iter()
            .any(|w| ends(w))
}

/// The mark that closes the single quotation whose words start at byte `from`, and where.
/// The candidates are the marks that end a word before whitespace, punctuation or the text's
/// end, up to the next mark that opens a single quotation. A candidate after punctuation or
/// before it, or after a letter other than `s`, can only close the quotation: the first such
/// wins. Otherwise every candidate may be a plural's apostrophe, and the first wins
/// (`‘grave concerns’ about Hamas’ attack`, but `‘Hamas’ attack was praised’ by no one`).
fn single_closer(text: &str, from: usize, open: char) -> Option<(usize, char)> {
    let mut first = None;
    for (i, c) in text[from..].char_indices() {
        let at = from + i;
        if c == open && at > from && opens_single(text, at) && !closes_single(text, at) {
            break;
        }
        if !matches!(c, '’' | '\'') || at == from || !closes_single(text, at) {
            continue;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..].chars().next();
        let certain = before.is_some_and(|b| {
            is_closing_punctuation(b) || (b.is_alphanumeric() && b != 's' && b != 'S')
        }) || after
            .is_none_or(|a| is_closing_punctuation(a) || matches!(a, ')' | ']' | '—' | '–'));
        if certain {
            return Some((at, c));
        }
        first.get_or_insert((at, c));
    }
    first
}

/// Whether the single mark at byte `at` can close a quotation: it ends a word (no whitespace
/// before it) and no letter or digit follows it (`Kremlin’s` is an apostrophe).
fn closes_single(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let len = text[at..].chars().next().map_or(1, char::len_utf8);
    let after = text[at + len..].chars().next();
    before.is_some_and(|b| !b.is_whitespace()) && after.is_none_or(|a| !a.is_alphanumeric())
}

/// Punctuation that ends a clause or a quotation inside a quotation.
fn is_closing_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…' | '”' | '"' | '»')
}

/// The byte offset where the content of the YAML scalar starting at byte `start` of `raw`
/// begins: after the opening quote of a quoted scalar, or on the line after the indicator
/// of a block scalar (`>` or `|`).
pub fn content_start(raw: &str, start: usize) -> usize {
    match raw.as_bytes().get(start) {
        Some(b'"' | b'\'') => start + 1,
        Some(b'>' | b'|') => raw[start..].find('\n').map_or(start, |i| start + i + 1),
        _ => start,
    }
}

/// How many raw characters may stand between two matched ones: indicators, quote marks and
/// escapes of the YAML scalar syntax. More than this means the walk has lost its way.
const MAX_SKIP: usize = 16;

/// The byte offset in `raw` of the character at byte `target` of `parsed`, where `parsed` is
/// the value of a YAML scalar whose source text starts at byte `from` of `raw`.
///
/// The walk matches characters one by one, lets any whitespace run match any other (folding
/// and indentation), and skips the few characters YAML adds (indicators, quotes, escapes).
/// `None` when it cannot follow the scalar; callers then point at the scalar itself.
pub fn raw_offset(raw: &str, from: usize, parsed: &str, target: usize) -> Option<usize> {
    let mut at = from;
    for c in parsed[..target].chars() {
        if c.is_whitespace() {
            at += raw[at..].len() - raw[at..].trim_start().len();
        } else {
            at = seek(raw, at, c)? + c.len_utf8();
        }
    }
    seek(raw, at, parsed[target..].chars().next()?)
}

/// The offset of the first `c` in `raw` at or after `at`, within [`MAX_SKIP`] characters.
fn seek(raw: &str, at: usize, c: char) -> Option<usize> {
    raw.get(at..)?
        .char_indices()
        .take(MAX_SKIP)
        .find(|&(_, r)| r == c)
        .map(|(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::quoting::ALL_MARKS;

    #[test]
    fn single_quotations_are_told_from_apostrophes() {
        for (text, expected) in [
            (
                "the Kremlin’s ‘grave concerns’ about Hamas’ attack",
                vec!["grave concerns"],
            ),
            (
                "the Kremlin's 'grave concerns' about Hamas' attack",
                vec!["grave concerns"],
            ),
            (
                "‘Hamas’ attack was grave,’ he said, and ‘no’.",
                vec!["Hamas’ attack was grave,", "no"],
            ),
            (
                "in the ‘90s and '80s, rock 'n' roll, ‘tis, tell ‘em",
                vec![],
            ),
            (
                "‘Hamas’ attack was praised’ by no one",
                vec!["Hamas’ attack was praised"],
            ),
            (
                "He called it ‘illegal’ and cited the students’, too.",
                vec!["illegal"],
            ),
            (
                "‘12 percent of the budget’ went",
                vec!["12 percent of the budget"],
            ),
            ("said:‘grave’ and *‘worries’*", vec!["grave", "worries"]),
            ("'grave worries’ mixed", vec!["grave worries"]),
            (
                "‘He called it “grave” today’",
                vec!["He called it “grave” today"],
            ),
            ("“He said ‘no’ twice”", vec!["He said ‘no’ twice"]),
            ("won’t, can't, the students’ union", vec![]),
        ] {
            assert_eq!(words(text), expected, "{text}");
        }
        for (text, expected) in [
            (
                "Er sagte ‚Moskau bewaffnet Gaza‘ heute",
                "Moskau bewaffnet Gaza",
            ),
            (
                "Han sa ”Moskva beväpnar Gaza” i dag",
                "Moskva beväpnar Gaza",
            ),
            ("said‘Moscow arms Gaza’ today", "Moscow arms Gaza"),
            ("‘*Moscow arms Gaza*’", "*Moscow arms Gaza*"),
            ("‘ Moscow arms Gaza’", " Moscow arms Gaza"),
            ("¿'Moscow arms Gaza'?", "Moscow arms Gaza"),
            ("`'Moscow arms Gaza'`", "Moscow arms Gaza"),
            ("'(Moscow) arms Gaza' said", "(Moscow) arms Gaza"),
            ("＂Moscow arms Gaza＂", "Moscow arms Gaza"),
            ("〝Moscow arms Gaza〟", "Moscow arms Gaza"),
        ] {
            assert_eq!(words(text), [expected], "{text}");
        }
        let only_double = quotations("‘grave concerns’ and “this”", &[QuoteMark::Double]);
        assert_eq!(only_double.len(), 1);
    }

    #[test]
    fn an_unclosed_curly_single_mark_is_reported_a_straight_one_is_an_apostrophe() {
        let found = quotations("he said ‘no and left", &ALL_MARKS);
        assert_eq!(found, [Marked::Unclosed(8..11)]);
        assert!(quotations("'tis the season", &ALL_MARKS).is_empty());
    }

    fn words(text: &str) -> Vec<&str> {
        quotations(text, &ALL_MARKS)
            .into_iter()
            .filter_map(|m| match m {
                Marked::Quote(q) => Some(&text[q.words]),
                Marked::Unclosed(_) => None,
            })
            .collect()
    }

    #[test]
    fn finds_straight_curly_and_continental_quotations() {
        let text = r#"Putin called it "unprecedented in its cruelty" and “a clear example”, «un pas», „ein Schritt“."#;
        assert_eq!(
            words(text),
            [
                "unprecedented in its cruelty",
                "a clear example",
                "un pas",
                "ein Schritt"
            ]
        );
    }

    #[test]
    fn finds_empty_quotations_too() {
        assert_eq!(words(r#"a "" b “ ” c"#), ["", " "]);
    }

    #[test]
    fn finds_german_swedish_and_single_guillemets_and_japanese_brackets() {
        let text =
            "»ein Schritt« und ›ein Wort‹, »ett steg», «un pas», ‹un mot›, 「一歩」と『前進』";
        assert_eq!(
            words(text),
            [
                "ein Schritt",
                "ein Wort",
                "ett steg",
                "un pas",
                "un mot",
                "一歩",
                "前進"
            ]
        );
        assert!(
            quotations(text, &ALL_MARKS)
                .iter()
                .all(|m| matches!(m, Marked::Quote(_)))
        );
    }

    #[test]
    fn an_unclosed_mark_is_reported_and_scanning_goes_on() {
        let text = r#"He said “no and later called it "an invented quote"."#;
        let found = quotations(text, &ALL_MARKS);
        assert_eq!(found[0], Marked::Unclosed(8..11));
        assert_eq!(words(text), ["an invented quote"]);
    }

    #[test]
    fn straight_marks_inside_curly_ones_are_words() {
        assert_eq!(words(r#"“he said "no" twice”"#), [r#"he said "no" twice"#]);
    }

    #[test]
    fn follows_a_folded_scalar_back_to_its_raw_text() {
        let raw = "text: >\n  Putin called it\n  \"unprecedented\".\n";
        let parsed = "Putin called it \"unprecedented\".\n";
        let target = parsed.find('"').unwrap();
        let at = raw_offset(raw, raw.find('>').unwrap(), parsed, target).unwrap();
        assert_eq!(&raw[at..at + 3], "\"un");
    }

    #[test]
    fn follows_escapes_in_a_double_quoted_scalar() {
        let raw = r#"text: "he said \"no\" twice""#;
        let parsed = r#"he said "no" twice"#;
        let at = raw_offset(raw, 6, parsed, parsed.find("no").unwrap()).unwrap();
        assert_eq!(&raw[at..at + 2], "no");
    }
}
