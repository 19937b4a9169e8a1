//! The alterations writers make inside quotation marks, read out of a quote: what must then
//! stand verbatim in the source, and what may stand between.
//!
//! A quote is read as the style guides write it: `[T]he` for the source's `the`, `[sic]`
//! after a word as the source has it, `[the Kremlin]` for a few of the source's words of the
//! same sentence (or none), `(the Kremlin)` the same in the `ap` profile, ellipses of three
//! or four dots, and a closing `(emphasis added)`. Every character outside them is still
//! compared verbatim; what a bracket stands for is bounded ([`crate::matching::gap`]).
//!
//! A quote with alterations other than ellipses is read twice ([`readings`]): verbatim first,
//! since a source may hold brackets itself, then altered. A reading that uses an alteration
//! the outline's profile forbids, or whose ellipses stitch one-word parts, is still searched
//! for, so that the finding can name the rule instead of calling the quote missing; it never
//! verifies anything.

use crate::matching::gap::Join;
use crate::matching::pattern::{ELLIPSES, Fragments, Unsearchable, sentence_period};
use crate::outline::quoting::{Kind, Profile};
use crate::text::whitespace::{collapse, is_space};

/// One alteration a quote makes, as the writer wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alteration {
    /// What kind of alteration it is.
    pub kind: Kind,
    /// The characters the writer wrote for it: `[T]`, `[sic]`, `…`, `(emphasis added)`.
    pub text: String,
}

/// Why a reading that holds still does not verify its quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// It uses an alteration of this kind, which the profile forbids.
    Rule(Kind),
    /// Its ellipses cut it into three parts or more, one of them a single word.
    Stitched,
}

/// One way to read a quote: what to find, and what the writer changed to read it so.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reading {
    /// The parts to find verbatim, and what may stand between them.
    pub fragments: Fragments,
    /// The alterations this reading takes the quote to make, in order.
    pub alterations: Vec<Alteration>,
    /// Why, if the reading holds, the quote is still not verified.
    pub refused: Option<Refusal>,
}

/// The closing notes on how a quote was changed, as the Bluebook and Chicago write them.
const PARENTHETICALS: [&str; 18] = [
    "emphasis added",
    "emphasis omitted",
    "emphasis in original",
    "italics added",
    "italics mine",
    "italics in original",
    "citation omitted",
    "citations omitted",
    "internal citation omitted",
    "internal citations omitted",
    "footnote omitted",
    "footnotes omitted",
    "internal quotation marks omitted",
    "internal quotation marks and citations omitted",
    "quotation marks omitted",
    "alteration in original",
    "alterations in original",
    "cleaned up",
];

/// The longest bracket or parenthesis read as an alteration, in bytes; a longer one is text.
const LONGEST_BRACKET: usize = 200;

/// The ways to read `quote` under `profile`, in the order they are tried: verbatim first
/// when the quote has alterations other than ellipses, then with its alterations.
pub fn readings(quote: &str, profile: Profile) -> Result<Vec<Reading>, Unsearchable> {
    if quote.chars().all(is_space) {
        return Err(Unsearchable::Empty);
    }
    let altered = read(quote, profile);
    let plain = altered.as_ref().is_ok_and(|r| {
        let elided = |a: &Alteration| matches!(a.kind, Kind::Ellipsis | Kind::LeadingEllipsis);
        r.refused.is_none() && r.alterations.iter().all(elided)
    });
    if plain {
        return altered.map(|r| vec![r]);
    }
    let verbatim =
        Fragments::from_parts(vec![collapse(quote)], Vec::new()).map(|fragments| Reading {
            fragments,
            alterations: Vec::new(),
            refused: None,
        });
    let mut all: Vec<Reading> = verbatim.into_iter().collect();
    match altered {
        Ok(altered) => all.push(altered),
        // Only alterations, no words of the source: nothing to verify it by.
        Err(problem) => return Err(problem),
    }
    Ok(all)
}

/// `quote` read with its alterations.
fn read(quote: &str, profile: Profile) -> Result<Reading, Unsearchable> {
    let mut alterations = Vec::new();
    let body = strip_parentheticals(quote, &mut alterations);
    let mut scan = Scan {
        parts: Vec::new(),
        joins: Vec::new(),
        current: String::new(),
        alterations: Vec::new(),
    };
    scan.run(body);
    scan.alterations.append(&mut alterations);
    let Scan {
        parts,
        joins,
        alterations,
        ..
    } = scan;
    let stitched = stitches(&parts, &joins);
    let fragments = Fragments::from_parts(parts, joins).ok_or(Unsearchable::OnlyEllipsis)?;
    let refused = (alterations.iter())
        .find(|a| !profile.rule(a.kind).allowed)
        .map(|a| Refusal::Rule(a.kind))
        .or(stitched.then_some(Refusal::Stitched));
    Ok(Reading {
        fragments,
        alterations,
        refused,
    })
}

/// `quote` without its closing parentheticals (`(emphasis added)`, `[citation omitted]`),
/// each recorded in `alterations`.
fn strip_parentheticals<'q>(quote: &'q str, alterations: &mut Vec<Alteration>) -> &'q str {
    let mut body = quote.trim_end_matches(is_space);
    let mut found = Vec::new();
    while let Some(close) = body.chars().next_back().filter(|c| matches!(c, ')' | ']')) {
        let open = if close == ')' { '(' } else { '[' };
        let Some(start) = body.rfind(open) else { break };
        let inner = body[start + 1..body.len() - 1].trim().to_lowercase();
        if !PARENTHETICALS.contains(&inner.as_str()) {
            break;
        }
        found.push(Alteration {
            kind: Kind::Parenthetical,
            text: body[start..].to_owned(),
        });
        body = body[..start].trim_end_matches(is_space);
    }
    found.reverse();
    alterations.extend(found);
    body
}

/// Whether ellipses cut a quote into three parts or more, one of them a single word: words
/// spread over a page, stitched into a claim (`Meta … won't … comply`). Brackets do not cut
/// a part here: `[It] declined` is one part.
fn stitches(parts: &[String], joins: &[Join]) -> bool {
    let mut words = vec![0usize];
    for (i, part) in parts.iter().enumerate() {
        *words.last_mut().expect("one count at least") += part.split(' ').count();
        if joins.get(i).is_some_and(|j| *j != Join::Bracket) && i + 1 < parts.len() {
            words.push(0);
        }
    }
    words.len() >= 3 && words.iter().any(|&n| n < 2)
}

/// A quote being read, character by character.
struct Scan {
    parts: Vec<String>,
    joins: Vec<Join>,
    current: String,
    alterations: Vec<Alteration>,
}

impl Scan {
    fn run(&mut self, quote: &str) {
        let mut i = 0;
        while i < quote.len() {
            let rest = &quote[i..];
            if sentence_period(rest) {
                self.current.push('.');
                i += 1;
                continue;
            }
            if let Some(mark) = ELLIPSES.iter().find(|m| rest.starts_with(**m)) {
                self.ellipsis(mark);
                i += mark.len();
                continue;
            }
            if let Some(len) = self.bracket(quote, i) {
                i += len;
                continue;
            }
            let c = rest.chars().next().expect("not at the end");
            self.current.push(c);
            i += c.len_utf8();
        }
        let last = collapse(&std::mem::take(&mut self.current));
        Fragments::push(&mut self.parts, &mut self.joins, last, None);
    }

    /// Ends the current part at an ellipsis `mark`: four dots when a period ends it.
    fn ellipsis(&mut self, mark: &str) {
        let piece = collapse(&std::mem::take(&mut self.current));
        let four = piece.ends_with('.');
        let leading = self.parts.is_empty() && piece.is_empty();
        let (join, piece) = match four {
            true => (
                Join::Sentences,
                piece[..piece.len() - 1].trim_end().to_owned(),
            ),
            false => (Join::Ellipsis, piece),
        };
        let kind = if leading {
            Kind::LeadingEllipsis
        } else {
            Kind::Ellipsis
        };
        self.alterations.push(Alteration {
            kind,
            text: mark.to_owned(),
        });
        Fragments::push(&mut self.parts, &mut self.joins, piece, Some(join));
    }

    /// Reads a bracket or parenthesis opening at byte `at` of `quote` as an alteration; the
    /// bytes it takes, or `None` when it is text.
    fn bracket(&mut self, quote: &str, at: usize) -> Option<usize> {
        let open = quote[at..].chars().next()?;
        let close = match open {
            '[' => ']',
            '(' => ')',
            _ => return None,
        };
        let len = quote[at + 1..]
            .find([close, '[', '(', ']', ')'])
            .filter(|&n| n < LONGEST_BRACKET)?;
        if !quote[at + 1 + len..].starts_with(close) {
            return None;
        }
        let inner = &quote[at + 1..at + 1 + len];
        let whole = &quote[at..at + len + 2];
        let before = self.current.chars().next_back();
        let after = quote[at + len + 2..].chars().next();
        let glued_before = before.is_some_and(char::is_alphanumeric);
        let glued_after = after.is_some_and(char::is_alphanumeric);
        let record = |kind| Alteration {
            kind,
            text: whole.to_owned(),
        };
        let letter = single_letter(inner);
        if open == '[' && is_sic(inner) {
            let kept = self.current.trim_end_matches(is_space).len();
            self.current.truncate(kept);
            self.alterations.push(record(Kind::Sic));
        } else if let (true, Some(l), false) = (open == '[', letter, glued_before) {
            if !glued_after {
                return self.insertion(record(Kind::Bracket));
            }
            self.current.push_str(&other_case(l));
            self.alterations.push(record(Kind::Case));
        } else if glued_before || glued_after {
            // Letters changed inside a word (`judgment[ ]`, `employ[ees]`): not read, so the
            // quote is compared as written and a source without these brackets misses it.
            let kind = match open {
                '[' => Kind::OmittedLetters,
                _ => return None,
            };
            self.alterations.push(record(kind));
            self.current.push_str(whole);
        } else if open == '[' {
            self.insertion(record(Kind::Bracket));
        } else if !inner.trim().is_empty() {
            self.insertion(record(Kind::Parenthesis));
        } else {
            return None;
        }
        Some(whole.len())
    }

    /// Ends the current part at words the writer put in: they stand for a few of the source's.
    fn insertion(&mut self, alteration: Alteration) -> Option<usize> {
        let len = alteration.text.len();
        self.alterations.push(alteration);
        let piece = collapse(&std::mem::take(&mut self.current));
        Fragments::push(&mut self.parts, &mut self.joins, piece, Some(Join::Bracket));
        Some(len)
    }
}

/// Whether a bracket's words are `sic` (`sic`, `sic!`, `*sic*`, `_sic_`), in any case.
fn is_sic(inner: &str) -> bool {
    let word = inner.trim().trim_matches(['*', '_']).trim_end_matches('!');
    word.eq_ignore_ascii_case("sic")
}

/// The one letter a bracket holds, if that is all it holds.
fn single_letter(inner: &str) -> Option<char> {
    let mut chars = inner.chars();
    let c = chars.next().filter(|c| c.is_alphabetic())?;
    chars.next().is_none().then_some(c)
}

/// The letter in the other case: the one the source has.
fn other_case(c: char) -> String {
    if c.is_uppercase() {
        c.to_lowercase().collect()
    } else {
        c.to_uppercase().collect()
    }
}
