//! Quotations inside a paragraph's own text ("…" or “…”), and where they stand in the outline.
//!
//! A writer who puts words in double quotes claims a source said them, so they are checked
//! like any citation. Single quotes are not read as quotations: they double as apostrophes.
//! Guillemets (`«…»`, and `»…«` as German writes them), German quotes (`„…“`) and Japanese
//! brackets (`「…」`, `『…』`) count as double quotes; so do single guillemets (`‹…›`, `›…‹`),
//! which, unlike single quotes, are never apostrophes. An empty quotation (`""`) is a
//! quotation too, so that it is reported rather than passed over.

use std::ops::Range;

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
const PAIRS: [(char, &[char]); 10] = [
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
];

/// Every quotation in `text`, and every opening mark left unclosed. Scanning goes on after
/// an unclosed mark, so one stray mark does not hide the quotations after it.
pub fn quotations(text: &str) -> Vec<Marked> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some((open, mark, closers)) = next_opening(text, rest) {
        let inner = open + mark.len_utf8();
        let Some((len, close)) = text[inner..]
            .char_indices()
            .find(|(_, c)| closers.contains(c))
        else {
            found.push(Marked::Unclosed(open..inner));
            rest = inner;
            continue;
        };
        let words = inner..inner + len;
        let marked = open..words.end + close.len_utf8();
        rest = marked.end;
        found.push(Marked::Quote(InlineQuote { marked, words }));
    }
    found
}

fn next_opening(text: &str, from: usize) -> Option<(usize, char, &'static [char])> {
    text[from..].char_indices().find_map(|(i, c)| {
        let (_, closers) = PAIRS.iter().find(|(open, _)| *open == c)?;
        Some((from + i, c, *closers))
    })
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

    fn words(text: &str) -> Vec<&str> {
        quotations(text)
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
            quotations(text)
                .iter()
                .all(|m| matches!(m, Marked::Quote(_)))
        );
    }

    #[test]
    fn an_unclosed_mark_is_reported_and_scanning_goes_on() {
        let text = r#"He said “no and later called it "an invented quote"."#;
        let found = quotations(text);
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
