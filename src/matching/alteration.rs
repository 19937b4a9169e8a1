//! The alterations writers make inside quotation marks, read out of a quote: what must then
//! stand verbatim in the source, and what may stand between.
//!
//! A quote is read as the style guides write it: `[T]he` for the source's `the`, `[sic]`
//! after a word as the source has it, `[the Kremlin]` for a few of the source's words of the
//! same sentence (or none), `(the Kremlin)` the same in the `ap` profile, `judgment[ ]` for a
//! longer word, ellipses of three or four dots, and a closing `(emphasis added)`. Every
//! character outside them is still compared verbatim; what a bracket stands for is bounded
//! ([`crate::matching::gap`]).
//!
//! A source may hold brackets and parentheses itself (a court quoting a statute, a list's
//! `(1)`), so a quote is read in up to three ways, tried in turn ([`readings`]): with its
//! brackets and parentheses as text, with its brackets as alterations, and with its
//! parentheses as insertions too. A reading that uses an alteration the outline's profile
//! forbids, or whose ellipses stitch one-word parts, is still searched for, so that the
//! finding can name the rule instead of calling the quote missing; it never verifies anything.

use crate::matching::gap::{BRACKET_WORDS, Join, is_abbreviation, negation_in};
use crate::matching::pattern::{
    ELLIPSES, Fragments, Guard, Unsearchable, ends_with_question, sentence_period,
};
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

/// Why a reading does not verify its quote, even where it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// It uses an alteration of this kind, which the profile forbids.
    Rule(Kind),
    /// Its ellipses cut it into three parts or more, one of them a single word.
    Stitched,
    /// It keeps fewer than [`FEWEST_WORDS`] words of the source outside its brackets: not
    /// searched for at all.
    TooFewWords,
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

impl Refusal {
    /// Whether the quote is told of this refusal whether or not the reading holds: it
    /// stitches one-word parts, keeps too few words of the source, changes letters inside a
    /// word or adds a negation. Neither of the last three is ever searched into a verdict.
    pub fn stands_alone(self) -> bool {
        matches!(
            self,
            Refusal::Stitched
                | Refusal::TooFewWords
                | Refusal::Rule(Kind::InWord | Kind::AddedNegation)
        )
    }
}

impl Reading {
    /// Whether the reading is searched for at all.
    pub fn is_searched(&self) -> bool {
        self.refused != Some(Refusal::TooFewWords)
    }
}

/// The fewest words with letters or digits a quote with brackets must keep of the source:
/// `[The minister resigned].` keeps only its period.
pub const FEWEST_WORDS: usize = 2;

/// The words a closing note on a quote's changes ends with (`emphasis added`, `citations
/// omitted`, `alteration in original`, `cleaned up`), clause by clause.
const NOTE_ENDINGS: [&str; 7] = [
    "added",
    "omitted",
    "supplied",
    "mine",
    "in original",
    "cleaned up",
    "altered",
];

/// The longest bracket or parenthesis read as an alteration, in bytes; a longer one is text.
const LONGEST_BRACKET: usize = 200;

/// How a reading takes a quote's brackets and parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    /// Both as text: only ellipses are alterations.
    Literal,
    /// Brackets (and closing notes) as alterations, parentheses as text.
    Brackets,
    /// Parentheses as insertions too.
    Parentheses,
}

/// The ways to read `quote` under `profile`, in the order they are tried, each different
/// from those before: its brackets and parentheses as text, then its brackets as
/// alterations, then its parentheses as insertions. A profile that forbids ellipses first
/// tries the quote whole, ellipses as text.
pub fn readings(quote: &str, profile: Profile) -> Result<Vec<Reading>, Unsearchable> {
    if quote.chars().all(is_space) {
        return Err(Unsearchable::Empty);
    }
    if !quote.chars().any(char::is_alphanumeric) {
        // Nothing but punctuation: only dots are told as an ellipsis with no words around.
        return Err(match Fragments::parse(quote) {
            Err(problem) => problem,
            Ok(_) => Unsearchable::NoWords,
        });
    }
    let mut all: Vec<Reading> = Vec::new();
    // Dots the source prints itself (`wine .../setup.exe`, `[...]` in a listing) are quoted
    // verbatim, dots and all, in every profile: read first as they stand, then as ellipses.
    // Like any quote, it keeps two words of the source and starts after no negation.
    if crate::matching::contains_ellipsis(quote)
        && let whole = collapse(quote)
        && source_words(std::slice::from_ref(&whole)) >= FEWEST_WORDS
    {
        all.extend(
            Fragments::from_parts(vec![whole], Vec::new()).map(|fragments| Reading {
                fragments: fragments.with_guards(Guard::Words(1), Guard::Words(1)),
                alterations: Vec::new(),
                refused: None,
            }),
        );
    }
    let mut unread = None;
    // Without a bracket or parenthesis (nor whitespace at the end, which notes are cut
    // from), every way reads the same text the same way: the literal reading is the one.
    let plain = !(quote.bytes()).any(|b| matches!(b, b'[' | b']' | b'(' | b')'))
        && quote.len() == quote.trim_end_matches(is_space).len();
    let ways = match plain {
        true => &[Way::Literal][..],
        false => &[Way::Literal, Way::Brackets, Way::Parentheses][..],
    };
    for &way in ways {
        match read(quote, profile, way) {
            Ok(reading)
                if !(all.iter())
                    .any(|r| r.fragments == reading.fragments && r.refused == reading.refused) =>
            {
                all.push(reading)
            }
            Ok(_) => {}
            Err(Unsearchable::OnlyAlterations) if !all.is_empty() => {
                // Nothing of the source outside the brackets: told, never searched.
                all.extend(
                    Fragments::from_parts(vec![collapse(quote)], Vec::new()).map(|fragments| {
                        Reading {
                            fragments,
                            alterations: Vec::new(),
                            refused: Some(Refusal::TooFewWords),
                        }
                    }),
                );
            }
            Err(problem) => {
                unread.get_or_insert(problem);
            }
        }
    }
    match (all.is_empty(), unread) {
        (true, Some(problem)) => Err(problem),
        (true, None) => Err(Unsearchable::OnlyEllipsis),
        _ => {
            // Kept for the run, one list a quote: no room for the readings not made.
            all.shrink_to_fit();
            Ok(all)
        }
    }
}

/// `quote` read the `way` given.
fn read(quote: &str, profile: Profile, way: Way) -> Result<Reading, Unsearchable> {
    let mut notes = Vec::new();
    let body = match way {
        Way::Literal => quote,
        _ => strip_notes(quote, &mut notes),
    };
    let mut scan = Scan::new(way);
    scan.run(body);
    // A quote may not start just after a negation, nor may a bracket or an ellipsis at its
    // ends stand for one: the words a bracket stands for are up to five; an ellipsis leaves
    // out the rest of the sentence, as between two parts (four dots, whole sentences).
    let guard = |mark: Option<Join>| match mark {
        Some(Join::Bracket) => Guard::Words(BRACKET_WORDS),
        // Four dots at an end leave out the rest of the sentence as three do, and more.
        Some(Join::Ellipsis | Join::Sentences) => Guard::Sentence,
        _ => Guard::Words(1),
    };
    let mut guards = (
        guard(scan.first),
        scan.last.map_or(Guard::Words(0), |m| guard(Some(m))),
    );
    let Scan {
        mut parts,
        mut joins,
        open,
        mut alterations,
        ..
    } = scan;
    // Punctuation after an ellipsis that ends the quote (`children…,`, `...;`, `….`) is the
    // writer's, as is punctuation before one that opens it: the ellipsis still ends (or
    // opens) the quote, and what it leaves out of the sentence is looked at.
    let wordless = |part: &String| !part.chars().any(char::is_alphanumeric);
    // A join after the last part is none of the quote's.
    joins.truncate(parts.len().saturating_sub(1));
    while parts.len() > 1
        && parts.last().is_some_and(wordless)
        && matches!(joins.last(), Some(Join::Ellipsis | Join::Sentences))
    {
        parts.pop();
        joins.pop();
        guards.1 = Guard::Sentence;
    }
    while parts.len() > 1
        && parts.first().is_some_and(wordless)
        && matches!(joins.first(), Some(Join::Ellipsis | Join::Sentences))
    {
        parts.remove(0);
        joins.remove(0);
        guards.0 = Guard::Sentence;
    }
    alterations.append(&mut notes);
    let bracketed = alterations
        .iter()
        .any(|a| a.kind != Kind::Ellipsis && a.kind != Kind::LeadingEllipsis);
    // Words are counted only where the rule needs them: most quotes have no bracket.
    let too_few = bracketed && source_words(&parts) < FEWEST_WORDS;
    let stitched = stitches(&parts, &joins);
    let Some(fragments) = Fragments::from_parts(parts, joins) else {
        return Err(match bracketed {
            true => Unsearchable::OnlyAlterations,
            false => Unsearchable::OnlyEllipsis,
        });
    };
    let fragments = fragments.with_open(open).with_guards(guards.0, guards.1);
    let refused = if too_few {
        Some(Refusal::TooFewWords)
    } else {
        (alterations.iter())
            .find(|a| !profile.rule(a.kind).allowed)
            .map(|a| Refusal::Rule(a.kind))
            .or(stitched.then_some(Refusal::Stitched))
    };
    Ok(Reading {
        fragments,
        alterations,
        refused,
    })
}

/// How many words of the source `parts` keep: those with a letter or a digit, a word of a
/// script written without spaces counting each of its characters.
fn source_words(parts: &[String]) -> usize {
    (parts.iter().flat_map(|p| p.split(' ')))
        .map(|w| match w.chars().filter(|c| is_unspaced(*c)).count() {
            0 => usize::from(w.chars().any(char::is_alphanumeric)),
            n => n,
        })
        .sum()
}

/// `quote` without its closing notes (`(emphasis added)`, `[citation omitted]`,
/// `(citation omitted; emphasis added).`), each recorded in `notes`.
fn strip_notes<'q>(quote: &'q str, notes: &mut Vec<Alteration>) -> &'q str {
    let mut body = quote.trim_end_matches(is_space);
    let mut found = Vec::new();
    loop {
        // A period after the note ends the sentence the citation stands in.
        let trimmed = body.strip_suffix('.').unwrap_or(body);
        let Some(close) = trimmed
            .chars()
            .next_back()
            .filter(|c| matches!(c, ')' | ']'))
        else {
            break;
        };
        let open = if close == ')' { '(' } else { '[' };
        let Some(start) = trimmed.rfind(open) else {
            break;
        };
        if !is_note(&trimmed[start + 1..trimmed.len() - 1]) {
            break;
        }
        found.push(Alteration {
            kind: Kind::Parenthetical,
            text: body[start..].to_owned(),
        });
        body = body[..start].trim_end_matches(is_space);
    }
    found.reverse();
    notes.extend(found);
    body
}

/// Whether `inner` is a note on a quote's changes: clauses separated by `;`, each of a few
/// words ending as such notes end (`emphasis added`, `internal quotation marks, citations,
/// and alterations omitted`, `cleaned up`).
fn is_note(inner: &str) -> bool {
    let inner = inner.trim().to_lowercase();
    !inner.is_empty()
        && inner.split(';').all(|clause| {
            let clause = clause.trim();
            clause.split_whitespace().count() <= 8
                && NOTE_ENDINGS.iter().any(|end| clause.ends_with(end))
        })
}

/// Whether ellipses cut a quote into three parts or more, one of them a single word: words
/// spread over a page, stitched into a claim (`Meta … won't … comply`). Brackets do not cut
/// a part here: `[It] declined` is one part.
fn stitches(parts: &[String], joins: &[Join]) -> bool {
    if parts.len() < 3 {
        return false;
    }
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
    way: Way,
    parts: Vec<String>,
    joins: Vec<Join>,
    /// Words the source continues with letters left out: (part, word).
    open: Vec<(usize, usize)>,
    current: String,
    alterations: Vec<Alteration>,
    /// The last mark read, while no word has followed it: what ends the quote, if it does.
    last: Option<Join>,
    /// What opens the quote: a bracket or an ellipsis before its first word.
    first: Option<Join>,
}

/// Whether the byte at `at` of `bytes` may open a mark the scan reads: `[`, `(`, the byte
/// 0xE2 (which opens `…` and `⋯`), or a dot before a space, a dot or a byte that opens a
/// no-break or thin space (0xC2, 0xE2). Each such byte stands between characters.
fn may_open_mark(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b'[' | b'(' | 0xE2 => true,
        b'.' => matches!(bytes.get(at + 1), Some(b' ' | b'.' | 0xC2 | 0xE2)),
        _ => false,
    }
}

impl Scan {
    fn new(way: Way) -> Self {
        Scan {
            way,
            parts: Vec::new(),
            joins: Vec::new(),
            open: Vec::new(),
            current: String::new(),
            alterations: Vec::new(),
            last: None,
            first: None,
        }
    }

    fn run(&mut self, quote: &str) {
        let mut i = 0;
        let bytes = quote.as_bytes();
        self.current.reserve(quote.len());
        while i < quote.len() {
            // Most of a quote opens neither an ellipsis nor a bracket: such a run is taken
            // whole.
            let run = (i..bytes.len())
                .find(|&at| may_open_mark(bytes, at))
                .unwrap_or(bytes.len())
                - i;
            if run > 0 {
                let text = &quote[i..i + run];
                self.current.push_str(text);
                if !text.bytes().all(|b| b.is_ascii_whitespace()) {
                    self.last = None;
                }
                i += run;
                continue;
            }
            i += self.step(quote, i);
        }
        self.end();
    }

    /// Reads what stands at byte `i` of `quote`, a character boundary: a sentence's period,
    /// an ellipsis, a bracket or one character; how many bytes it took.
    fn step(&mut self, quote: &str, i: usize) -> usize {
        let rest = &quote[i..];
        if sentence_period(rest) && !is_abbreviation(&self.current) {
            self.current.push('.');
            return 1;
        }
        if let Some(mark) = ELLIPSES.iter().find(|m| rest.starts_with(**m)) {
            self.ellipsis(mark);
            return mark.len();
        }
        if let Some(len) = self.bracket(quote, i) {
            return len;
        }
        let c = rest.chars().next().expect("not at the end");
        self.current.push(c);
        if !is_space(c) {
            self.last = None;
        }
        c.len_utf8()
    }

    /// Ends the scan: the part under way is the last.
    fn end(&mut self) {
        let last = collapse(&std::mem::take(&mut self.current));
        Fragments::push(&mut self.parts, &mut self.joins, last, None);
    }

    /// Ends the current part at an ellipsis `mark`: four dots when a sentence's period ends
    /// the part (not an abbreviation's: `the U.S. ...` is three dots).
    fn ellipsis(&mut self, mark: &str) {
        let piece = collapse(&std::mem::take(&mut self.current));
        let before = piece.strip_suffix('.');
        let four = before.is_some_and(|b| !is_abbreviation(b));
        let leading = self.parts.is_empty() && piece.is_empty();
        let (join, piece, text) = match (four, before) {
            (true, Some(before)) => (
                Join::Sentences,
                before.trim_end().to_owned(),
                format!(".{mark}"),
            ),
            // A question's or an exclamation's mark ends the sentence as a period does; it
            // is the source's, and stays in the part.
            _ if ends_with_question(&piece) => (Join::Sentences, piece, mark.to_owned()),
            _ => (Join::Ellipsis, piece, mark.to_owned()),
        };
        let kind = if leading {
            Kind::LeadingEllipsis
        } else {
            Kind::Ellipsis
        };
        self.alterations.push(Alteration { kind, text });
        self.mark(join, piece.is_empty());
        Fragments::push(&mut self.parts, &mut self.joins, piece, Some(join));
    }

    /// Notes a mark that cuts the quote: the first, if no word came before it; the last,
    /// until a word follows.
    fn mark(&mut self, join: Join, nothing_before: bool) {
        if self.parts.is_empty() && nothing_before {
            self.first.get_or_insert(join);
        }
        self.last = Some(join);
    }

    /// Reads a bracket or parenthesis opening at byte `at` of `quote` as an alteration, as
    /// this reading's way allows; the bytes it takes, or `None` when it is text.
    fn bracket(&mut self, quote: &str, at: usize) -> Option<usize> {
        let open = quote[at..].chars().next()?;
        let close = match (open, self.way) {
            ('[', Way::Brackets | Way::Parentheses) => ']',
            ('(', Way::Parentheses) => ')',
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
        // In a script written without spaces a bracket stands between words, glued or not.
        let glues = |c: char| c.is_alphanumeric() && !is_unspaced(c);
        let glued_before = self.current.chars().next_back().is_some_and(glues);
        let glued_after = quote[at + len + 2..].chars().next().is_some_and(glues);
        let record = |kind| Alteration {
            kind,
            text: whole.to_owned(),
        };
        let empty = inner.trim().is_empty();
        match (open, glued_before, glued_after) {
            ('[', _, _) if is_sic(inner) => {
                let kept = self.current.trim_end_matches(is_space).len();
                self.current.truncate(kept);
                self.alterations.push(record(Kind::Sic));
            }
            ('[', false, true) if single_letter(inner).is_some() => {
                let letter = single_letter(inner).expect("one letter");
                self.current.push_str(&other_case(letter));
                self.alterations.push(record(Kind::Case));
            }
            ('[', true, false) if empty && self.current.ends_with(char::is_alphabetic) => {
                // `judgment[ ]`: the source's word goes on with letters left out.
                let word = collapse(&self.current).split(' ').count() - 1;
                self.open.push((self.parts.len(), word));
                self.alterations.push(record(Kind::OmittedLetters));
            }
            // Empty brackets anywhere else are text: they would leave words out unmarked.
            (_, _, _) if empty => return None,
            ('[', true, _) | ('[', _, true) => {
                // Letters changed inside a word (`employ[ees]`, `[un]lawful`): refused, and
                // compared as written.
                self.alterations.push(record(Kind::InWord));
                self.current.push_str(whole);
            }
            ('(', true, _) | ('(', _, true) => return None,
            _ if negation_in(inner).is_some() => {
                // A negation the writer puts in says what the source does not.
                self.alterations.push(record(Kind::AddedNegation));
                self.insertion_mark();
            }
            ('[', _, _) => self.insertion(record(Kind::Bracket)),
            _ => self.insertion(record(Kind::Parenthesis)),
        }
        Some(whole.len())
    }

    /// Ends the current part at words the writer put in: they stand for a few of the source's.
    fn insertion(&mut self, alteration: Alteration) {
        self.alterations.push(alteration);
        self.insertion_mark();
    }

    fn insertion_mark(&mut self) {
        let piece = collapse(&std::mem::take(&mut self.current));
        self.mark(Join::Bracket, piece.is_empty());
        Fragments::push(&mut self.parts, &mut self.joins, piece, Some(Join::Bracket));
    }
}

/// Whether `c` belongs to a script written without spaces: Chinese, Japanese kana, Thai.
fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{0e00}'..='\u{0e7f}')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ellipsis_mark_begins_where_the_scan_looks_for_one() {
        // The scan passes over runs that hold no byte that may open a mark; a sentence's
        // period before a mark may be followed by a space of any of four kinds.
        let looked_at = |bytes: &[u8]| may_open_mark(bytes, 0);
        for mark in crate::matching::pattern::ELLIPSES {
            assert!(looked_at(mark.as_bytes()), "{mark}");
            for space in ["", " ", "\u{a0}", "\u{202f}", "\u{2009}"] {
                let four = format!(".{space}{mark}");
                if crate::matching::pattern::sentence_period(&four) {
                    assert!(looked_at(four.as_bytes()), "{four}");
                }
            }
            // Wherever it stands, after ASCII or not, the mark cuts the quote.
            for before in ["the minister said", "naïve “Hamas,”", "a.b"] {
                let quote = format!("{before} {mark} it resigned");
                let read = parts(&quote, Profile::Chicago);
                assert!(read.iter().any(|r| r.0.len() == 2), "{quote}: {read:?}");
            }
        }
    }

    impl Scan {
        /// The scan one character at a time, as it was before runs were taken whole: the
        /// reference [`Scan::run`] is held to. Both read a mark by [`Scan::step`]; only how
        /// they pass over the text between marks differs.
        fn run_by_char(&mut self, quote: &str) {
            let mut i = 0;
            while i < quote.len() {
                let b = quote.as_bytes()[i];
                if b.is_ascii() && !matches!(b, b'.' | b'[' | b'(') {
                    self.current.push(char::from(b));
                    if !is_space(char::from(b)) {
                        self.last = None;
                    }
                    i += 1;
                    continue;
                }
                i += self.step(quote, i);
            }
            self.end();
        }
    }

    proptest::proptest! {
        /// Taking runs whole reads every quote as reading it character by character does,
        /// in each way: the same parts, joins, alterations and marks at either end.
        #[test]
        fn a_quote_is_scanned_as_one_character_at_a_time(
            quote in r"([ .\[\]()aé’…⋯\t\u{a0}\u{202f}\u{2009}]|sic|U\.S\.|not|emphasis added|\.\.\.|\. \. \.|\.\u{a0}\.\u{a0}\.|\.\u{202f}\.\u{202f}\.|\.\u{2009}\.\u{2009}\.|\[\.\.\.\]|\[…\]){0,16}",
        ) {
            for way in [Way::Literal, Way::Brackets, Way::Parentheses] {
                let (mut runs, mut chars) = (Scan::new(way), Scan::new(way));
                runs.run(&quote);
                chars.run_by_char(&quote);
                proptest::prop_assert_eq!(&runs.parts, &chars.parts);
                proptest::prop_assert_eq!(&runs.joins, &chars.joins);
                proptest::prop_assert_eq!(&runs.open, &chars.open);
                proptest::prop_assert_eq!(&runs.alterations, &chars.alterations);
                proptest::prop_assert_eq!((runs.first, runs.last), (chars.first, chars.last));
            }
        }
    }

    fn parts(quote: &str, profile: Profile) -> Vec<(Vec<String>, Option<Refusal>)> {
        readings(quote, profile)
            .unwrap()
            .into_iter()
            .map(|r| (r.fragments.as_slice().to_vec(), r.refused))
            .collect()
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn brackets_are_read_after_the_quote_as_text() {
        let read = parts(
            "[T]he court [sic] held [that] it (1) was void",
            Profile::Chicago,
        );
        assert_eq!(
            read,
            [
                (
                    words(&["[T]he court [sic] held [that] it (1) was void"]),
                    None
                ),
                (words(&["the court held", "it (1) was void"]), None),
                (
                    words(&["the court held", "it", "was void"]),
                    Some(Refusal::Rule(Kind::Parenthesis))
                ),
            ]
        );
    }

    #[test]
    fn closing_notes_are_dropped() {
        for quote in [
            "the statute was void (emphasis added)",
            "the statute was void (citation omitted; emphasis added).",
            "the statute was void (internal quotation marks, citations, and alterations omitted)",
            "the statute was void [emphasis mine]",
            "the statute was void (cleaned up)",
        ] {
            let read = readings(quote, Profile::Bluebook).unwrap();
            let last = read.last().unwrap();
            assert_eq!(
                last.fragments.as_slice(),
                ["the statute was void"],
                "{quote}"
            );
            assert_eq!(last.refused, None, "{quote}");
        }
    }

    #[test]
    fn a_quote_must_keep_words_of_the_source_outside_its_brackets() {
        for quote in ["[The minister resigned].", "[He] resigned", "[sic]"] {
            let read = readings(quote, Profile::Chicago);
            let searched = read
                .iter()
                .flatten()
                .filter(|r| r.is_searched() && !r.alterations.is_empty())
                .count();
            assert_eq!(searched, 0, "{quote}");
        }
    }

    #[test]
    fn three_dots_after_an_abbreviation_are_not_four() {
        // After the reading of the dots as the source may print them.
        let read = parts("imposed by the U.S. ... were lifted", Profile::Chicago);
        assert_eq!(read[0].0, words(&["imposed by the U.S. ... were lifted"]));
        assert_eq!(read[1].0, words(&["imposed by the U.S.", "were lifted"]));
        let read = readings("the end. ... Then it", Profile::Chicago).unwrap();
        assert_eq!(read[1].fragments.joins(), [Join::Sentences]);
    }

    #[test]
    fn dots_are_read_first_as_the_source_may_print_them() {
        let read = parts("run it with wine .../setup.exe once", Profile::Chicago);
        assert_eq!(
            read[0],
            (words(&["run it with wine .../setup.exe once"]), None)
        );
        assert_eq!(read[1].0, words(&["run it with wine", "/setup.exe once"]));
        // Not for a quote of fewer than two words of the source: `[...]` alone is no quote.
        for quote in ["[...] x", "... […]", "x . . ."] {
            let read = readings(quote, Profile::Chicago);
            let whole = read
                .iter()
                .flatten()
                .any(|r| r.fragments.len() == 1 && r.fragments.as_slice()[0].contains(".."));
            assert!(!whole, "{quote}");
        }
    }

    #[test]
    fn profiles_refuse_what_their_guides_forbid() {
        let refused =
            |quote: &str, profile| readings(quote, profile).unwrap().last().unwrap().refused;
        assert_eq!(
            refused("... the court held", Profile::Bluebook),
            Some(Refusal::Rule(Kind::LeadingEllipsis))
        );
        assert_eq!(refused("... the court held", Profile::Chicago), None);
        assert_eq!(
            refused("[The court] held that", Profile::Ap),
            Some(Refusal::Rule(Kind::Bracket))
        );
        assert_eq!(refused("(The court) held that", Profile::Ap), None);
        assert_eq!(
            refused("the court ... held that", Profile::Strict),
            Some(Refusal::Rule(Kind::Ellipsis))
        );
        assert_eq!(
            refused("Meta … won't … comply", Profile::Chicago),
            Some(Refusal::Stitched)
        );
        assert_eq!(
            refused("the employ[ees] of the court", Profile::Bluebook),
            Some(Refusal::Rule(Kind::InWord))
        );
    }
}
