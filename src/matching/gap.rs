//! What may stand in the source between two parts of a quote: the words an ellipsis leaves
//! out, or the few a bracket stands for; and how a stretch of the source is measured for it.
//!
//! An ellipsis may leave words out, never stitch a claim together from words that stand far
//! apart: three dots leave out words within one sentence (`The court cleared ... Jones` may
//! not stand for `The court cleared Smith. Jones was convicted.`). Four dots, a sentence's period then an ellipsis, are how every style guide
//! leaves out a sentence's end, whole sentences or paragraphs; they may cross both. Either may skip at most [`MAX_GAP`] characters. A bracket
//! stands for at most [`BRACKET_WORDS`] words of the same sentence, none of them a negation
//! (`[now] supports` may not stand for `no longer supports`) or a bracket of the source's own
//! (`(and the government)` may not stand for the source's `(not the government)`).

/// The most characters (whitespace runs counting as one) allowed between two parts.
pub const MAX_GAP: usize = 2_000;

/// The most bytes of the source allowed between two parts, whitespace and all: far more
/// than [`MAX_GAP`] characters of any script take with the spaces, tabs and line breaks of
/// real text, and the bound that keeps each join's counting short where a source holds
/// megabytes of whitespace (two hundred quotes joined across 20 MB of spaces took 18 s).
pub const MAX_GAP_BYTES: usize = 64 * 1024;

/// The most source words a bracket (or, in the `ap` profile, a parenthesis) may stand for.
pub const BRACKET_WORDS: usize = 5;

/// The most characters a bracket may stand for.
const BRACKET_CHARS: usize = 100;

/// What stands in the source between two parts of a quote, in order of how much each allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Join {
    /// A bracket or an insertion in parentheses: at most a few words of the same sentence.
    Bracket,
    /// Three dots: words left out within a sentence. Chicago (13.53), the Bluebook (5.3) and
    /// AP all end the sentence before an omission that crosses a sentence end with its period
    /// (four dots); three dots across one join two sentences' words into a claim neither
    /// makes.
    Ellipsis,
    /// Four dots (a period, then an ellipsis): whole sentences or paragraphs left out.
    Sentences,
}

/// A stretch of the source, measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    /// Characters, each run of whitespace counting as one.
    pub chars: usize,
    /// Bytes of the source, whitespace and all.
    pub bytes: usize,
    /// Words: runs of anything but whitespace.
    pub words: usize,
    /// Sentence ends ([`is_sentence_end`]), counted where unclear: no bracket stands for one.
    pub sentences: usize,
    /// Plain sentence ends: not after an abbreviation, nor before a lowercase word, as the
    /// look for a negation at a stretch's edges reads them. Three dots may leave out
    /// `approx. 5`, `Apple Inc. said`, `asked "why?" and`, where four would not fit.
    pub plain_sentences: usize,
    /// Paragraph breaks: blank lines (whitespace only between two line breaks) and U+2029.
    pub paragraphs: usize,
    /// Brackets and parentheses, opening or closing.
    pub brackets: usize,
    /// Words that turn a claim around (`not`, `never`, `won't`).
    pub negations: usize,
    /// Whether a negation stands in what the stretch leaves out of the sentences of the words
    /// it joins ([`negation_at_edges`]): an ellipsis
    /// may not leave it out. Known only of a stretch measured whole ([`measure`], and the
    /// placement's own measures); the sums and differences of measures ([`Gap::then`],
    /// [`Gap::until`]) do not know it, and the walk that uses them looks at the edges itself.
    pub edge_negation: bool,
}

impl Gap {
    /// This measure and `other`'s, of the stretch that follows, added.
    pub fn then(self, other: Gap) -> Gap {
        Gap {
            chars: self.chars + other.chars,
            bytes: self.bytes + other.bytes,
            words: self.words + other.words,
            sentences: self.sentences + other.sentences,
            plain_sentences: self.plain_sentences + other.plain_sentences,
            paragraphs: self.paragraphs + other.paragraphs,
            brackets: self.brackets + other.brackets,
            negations: self.negations + other.negations,
            edge_negation: false,
        }
    }

    /// What stands between this measure and a later one, both taken from the same start
    /// (nothing where `later` is not later).
    pub fn until(self, later: Gap) -> Gap {
        Gap {
            chars: later.chars.saturating_sub(self.chars),
            bytes: later.bytes.saturating_sub(self.bytes),
            words: later.words.saturating_sub(self.words),
            sentences: later.sentences.saturating_sub(self.sentences),
            plain_sentences: later.plain_sentences.saturating_sub(self.plain_sentences),
            paragraphs: later.paragraphs.saturating_sub(self.paragraphs),
            brackets: later.brackets.saturating_sub(self.brackets),
            negations: later.negations.saturating_sub(self.negations),
            edge_negation: false,
        }
    }
}

impl Join {
    /// The most characters the join may skip.
    pub fn max_chars(self) -> usize {
        match self {
            Join::Ellipsis | Join::Sentences => MAX_GAP,
            Join::Bracket => BRACKET_CHARS,
        }
    }

    /// Whether the join can allow no stretch that begins with one measuring `gap`: what it
    /// counts only grows as the stretch does.
    pub(crate) fn exceeded(self, gap: &Gap) -> bool {
        gap.chars > self.max_chars()
            || gap.bytes > MAX_GAP_BYTES
            || match self {
                Join::Ellipsis => gap.paragraphs > 0 || gap.plain_sentences > 0,
                Join::Sentences => false,
                Join::Bracket => {
                    gap.words > BRACKET_WORDS
                        || gap.sentences > 0
                        || gap.paragraphs > 0
                        || gap.brackets > 0
                        || gap.negations > 0
                }
            }
    }

    /// Whether the join may stand for `gap`.
    pub fn allows(self, gap: &Gap) -> bool {
        gap.chars <= self.max_chars()
            && gap.bytes <= MAX_GAP_BYTES
            && match self {
                Join::Ellipsis => {
                    gap.paragraphs == 0 && gap.plain_sentences == 0 && !drops_negation(gap)
                }
                Join::Sentences => !drops_negation(gap),
                Join::Bracket => {
                    gap.words <= BRACKET_WORDS
                        && gap.sentences == 0
                        && gap.paragraphs == 0
                        && gap.brackets == 0
                        && gap.negations == 0
                }
            }
    }
}

/// The most words an ellipsis may leave out when a negation is among them: leaving out the
/// `not` of `has not designated` turns the claim around.
pub const NEGATION_WORDS: usize = 4;

/// Whether an ellipsis over `gap` leaves out a negation close to the words it joins, in
/// their own sentence (a whole sentence left out is not the joined words' negation).
pub fn drops_negation(gap: &Gap) -> bool {
    gap.edge_negation
}

/// The most bytes looked at from each end of a stretch for a negation of the parts' own
/// sentences: a join skips at most [`MAX_GAP`] characters, a run of whitespace counting as
/// one, so only runs of thousands of spaces could hide one past it.
const EDGE_BYTES: usize = 64 * 1024;

/// The most characters other than whitespace looked at from each end of a stretch for a
/// negation: a stretch any join allows holds no more ([`MAX_GAP`], a run of whitespace
/// counting as one), so its every word is looked at; past them, a text without spaces would be
/// told word by word through [`EDGE_BYTES`] for each misquote (two hundred misquotes with
/// their parts 2 MB apart in `x,x,x,…` took 5 s).
const EDGE_CHARS: usize = MAX_GAP + 1;

/// Where `range` of `text` ends once `edge_chars` characters other than whitespace are
/// counted from its start: there, or on past the word it cuts (letters, digits and what
/// stands inside a word as [`words_of`] reads it), so that no word is cut into another
/// (`north` into `no`, a negation).
fn edge_reach(text: &str, range: std::ops::Range<usize>, edge_chars: usize) -> usize {
    let stretch = &text[range.clone()];
    let mut visible = stretch.char_indices().filter(|(_, c)| !c.is_whitespace());
    let Some((cut, _)) = visible.nth(edge_chars) else {
        return range.end;
    };
    let rest = &stretch[cut..];
    range.start + cut + rest.find(|c: char| !inside_word(c)).unwrap_or(rest.len())
}

/// Where `range` of `text` starts once `edge_chars` characters other than whitespace are
/// counted back from its end, moved back past the word it cuts ([`edge_reach`]).
fn edge_reach_back(text: &str, range: std::ops::Range<usize>, edge_chars: usize) -> usize {
    let stretch = &text[range.clone()];
    let visible = stretch.char_indices().filter(|(_, c)| !c.is_whitespace());
    let Some((cut, c)) = visible.rev().nth(edge_chars) else {
        return range.start;
    };
    let before = &stretch[..cut + c.len_utf8()];
    range.start
        + before.rfind(|c: char| !inside_word(c)).map_or(0, |i| {
            i + before[i..].chars().next().map_or(0, char::len_utf8)
        })
}

/// Whether `c` may stand inside a word as [`words_of`] reads it: a letter, a digit, an
/// apostrophe, an accent, what prints as nothing, or a mark that joins two of them.
fn inside_word(c: char) -> bool {
    c.is_alphanumeric() || is_apostrophe(c) || in_letters(c) || joins_words(c)
}

/// Whether `c` stands inside a word without being a letter: what prints as nothing, or an
/// accent written apart from its letter (`na\u{303}o` is the decomposed `não`, as text copied
/// on macOS has it).
fn in_letters(c: char) -> bool {
    is_invisible(c) || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// Whether `c` joins the letters or digits on either side of it into one word: a hyphen, an
/// underscore or a point (`non-toxic`, `NO_HZ`, `nobody.tty`).
fn joins_words(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '_' | '.')
}

/// Whether `word` is written in ASCII letters and apostrophes alone: how most words of
/// most sources are told for a negation, without folding them.
fn plain_ascii(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'')
}

/// The most words looked at from each end of a stretch, in the parts' own sentences: far
/// more than an aside holds, and few enough that every place a search weighs is looked at in
/// bounded time.
pub const EDGE_WORDS: usize = 12;

/// How far [`settled`] counts a stretch past [`MAX_GAP`] characters for its words to part:
/// far more than any text with spaces needs (a few hundred bytes).
const SETTLED_BYTES: usize = 64 * 1024;

/// The first negation in what the stretch `range` of `text` leaves out of the sentences of
/// the words it joins: from its start to its first sentence end (the rest of the sentence a
/// part ends), and from its last sentence end to its end (the start of the sentence the next
/// part begins), [`EDGE_WORDS`] words and [`MAX_GAP`] + 1 characters of each at most. Leaving
/// it out turns the joined words' claim around (`We did ... agree` of
/// `We did not. Later we agreed`, `We paid ... agree to pay` of `We paid. We did not, the
/// minister said, agree to pay`, `The drug ... cure` of `The drug, its maker said, did not
/// cure`); only a negation in a sentence left out whole is not theirs. A sentence end is
/// taken only where it is plain (no abbreviation before it, no lowercase word after): where
/// it is unclear (`Pfizer Inc. trials`), the sentence goes on and its negations count.
pub fn negation_at_edges(text: &str, range: std::ops::Range<usize>) -> Option<&str> {
    negation_at_edges_within(text, range, EDGE_CHARS)
}

/// The first negation in the rest of the sentence from byte `at` of `text` (from a quote's
/// end, what an ellipsis that ends the quote leaves out), as [`negation_at_edges`] looks at
/// the start of a stretch.
pub fn negation_in_sentence_after(text: &str, at: usize) -> Option<&str> {
    negation_in_head(text, at..text.len(), GUARD_CHARS)
}

/// The first negation in the start of the sentence up to byte `at` of `text` (before a
/// quote's start, what an ellipsis that opens the quote leaves out), as
/// [`negation_at_edges`] looks at the end of a stretch.
pub fn negation_in_sentence_before(text: &str, at: usize) -> Option<&str> {
    negation_in_tail(text, 0..at, GUARD_CHARS)
}

/// How many characters other than whitespace the look beside a quote's ellipsis end reads
/// at most: far more than [`EDGE_WORDS`] words of prose take, and few enough that a quote
/// found at every word of megabytes without a space is told in a second, not minutes (the
/// look is made at every place found, where a gap's is made once a join).
const GUARD_CHARS: usize = 24 * EDGE_WORDS;

/// [`negation_at_edges`], each end looked at for `edge_chars` characters other than
/// whitespace at most.
fn negation_at_edges_within(
    text: &str,
    range: std::ops::Range<usize>,
    edge_chars: usize,
) -> Option<&str> {
    negation_in_head(text, range.clone(), edge_chars)
        .or_else(|| negation_in_tail(text, range, edge_chars))
}

/// The first negation from the start of the stretch `range` of `text` to its first sentence
/// end, [`EDGE_WORDS`] words and `edge_chars` characters other than whitespace at most.
fn negation_in_head(text: &str, range: std::ops::Range<usize>, edge_chars: usize) -> Option<&str> {
    use crate::text::position::floor_char;
    let head_end = floor_char(text, range.end.min(range.start.saturating_add(EDGE_BYTES)));
    let head_end = edge_reach(text, range.start..head_end, edge_chars);
    // Runs that hold no letter or digit (a dash, an asterisk, what prints as nothing) are
    // looked at, but do not count among the words: they would hide a negation behind them.
    let mut words = 0;
    for word in words_in(text, range.start..head_end) {
        // Of a word that ends a sentence inside (`不是。我们`), only what comes before counts.
        let end = sentence_end_in(text, word.clone()).map(|at| at + 1);
        let own = &text[word.start..end.unwrap_or(word.end)];
        if let Some(found) = negation_in(own) {
            return Some(found);
        }
        words += usize::from(own.chars().any(|c| c.is_alphanumeric() && !is_invisible(c)));
        if end.is_some() || words == EDGE_WORDS {
            break;
        }
    }
    None
}

/// The first negation from the last sentence end in the stretch `range` of `text` to its
/// end, looked at from the end, [`EDGE_WORDS`] words and `edge_chars` characters other than
/// whitespace at most.
fn negation_in_tail(text: &str, range: std::ops::Range<usize>, edge_chars: usize) -> Option<&str> {
    use crate::text::position::ceil_char;
    let tail_start = ceil_char(text, range.start.max(range.end.saturating_sub(EDGE_BYTES)));
    let tail_start = edge_reach_back(text, tail_start..range.end, edge_chars);
    let mut words = 0;
    for word in words_in_back(text, tail_start..range.end) {
        // Of a word that ends a sentence inside, only what comes after counts.
        let start = last_sentence_end_in(text, word.clone());
        let own = &text[start.map_or(word.start, |at| at + 1)..word.end];
        if let Some(found) = negation_in(own) {
            return Some(found);
        }
        words += usize::from(own.chars().any(|c| c.is_alphanumeric() && !is_invisible(c)));
        if start.is_some() || words == EDGE_WORDS {
            break;
        }
    }
    None
}

/// Whether the `.`, `!` or `?` at byte `at` of `text` plainly ends a sentence: as
/// [`is_sentence_end`] has it, the word before it no abbreviation of a company, a date or a
/// reference either, and the next word (past quotation marks and brackets) starting with a
/// capital, a digit or nothing at all.
fn plainly_ends_sentence(text: &str, at: usize) -> bool {
    if !is_sentence_end(text, at) {
        return false;
    }
    if text.as_bytes()[at] == b'.' {
        let word = text[..at]
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
            .next()
            .unwrap_or("")
            .to_lowercase();
        // A letter alone is an initial or a piece of an abbreviation (`z. B.`, `г.`); a number
        // of one or two digits an ordinal (`am 3. Oktober`).
        let letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        let ordinal = (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
        if letter || ordinal || MORE_ABBREVIATIONS.contains(&word.as_str()) {
            return false;
        }
    }
    let next = text[at + 1..]
        .trim_start_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '”' | '’' | '“' | '‘' | ')' | ']' | '(' | '[' | '»' | '«'
                )
        })
        .chars()
        .next();
    next.is_none_or(|c| !c.is_alphabetic() || c.is_uppercase() || !c.is_lowercase())
}

/// Abbreviations after which a full stop rarely ends a sentence, beyond [`ABBREVIATIONS`]:
/// of companies, months, references and Latin, as the parts' sentences are read.
#[rustfmt::skip]
const MORE_ABBREVIATIONS: [&str; 131] = [
    "inc", "co", "corp", "ltd", "llc", "plc", "jr", "sr", "vs", "etc", "approx", "sec", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "nr", "mme",
    "sra", "cf", "ca", "al", "bros", "messrs", "dept",
    // Titles and ranks before a name (`Maj. Gen. Igor Konashenkov`), in English and others.
    "maj", "brig", "adm", "amb", "ambs", "cmdr", "cdr", "cmdt", "pvt", "cpl", "lieut", "gens",
    "pres", "vp", "supt", "insp", "atty", "esq", "fr", "msgr", "sens", "reps", "govt", "min",
    "dep", "ret", "mlle", "mm", "srta", "dña", "lic", "ing", "gral", "cnel", "dott", "avv",
    "hr", "mag", "dipl", "mgr", "pdte", "präs", "dhr", "mevr", "excmo", "gén", "dra", "dª",
    "bgm", "abg", "ald", "cllr", "gob", "pfc", "spc", "kpt", "тов", "сен", "mx", "fmr",
    // Places and bodies (`Mt. Hermon`, `Univ. Press`).
    "mt", "ft", "ave", "blvd", "rd", "univ", "assn", "intl", "natl",
    // Of law and references (`§ 3 Abs. 2`, `9th Cir.`, `Supp.`).
    "abs", "cir", "supp", "ziff", "rn", "eds",
    // German and Russian abbreviations (`bzw.`, `в 2007 г. Лавров`).
    "bzw", "usw", "vgl", "ggf", "evtl", "sog", "inkl", "bspw", "zzgl", "gg", "гг", "др", "пр",
    "ул", "см", "стр", "тыс", "млн", "млрд", "руб", "проф", "акад", "ген",
];

/// The runs of anything but whitespace in `range` of `text`, as byte ranges, from its start
/// ([`runs`]).
fn words_in(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let base = range.start;
    runs(&text[range]).map(move |r| base + r.start..base + r.end)
}

/// [`words_in`], from the end of `range`.
fn words_in_back(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let base = range.start;
    runs_back(&text[range]).map(move |r| base + r.start..base + r.end)
}

/// The runs of anything but whitespace in `text`, as byte ranges, from its start; a word a
/// hyphen at a line's end breaks (`nev-` and `er` on the next line) is one run, as a reader
/// reads it. Read as they are asked for.
pub(crate) fn runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut split = split_runs(text).peekable();
    std::iter::from_fn(move || {
        let mut run = split.next()?;
        while let Some(next) =
            split.next_if(|next| joined_across_line(text, run.clone(), next.start))
        {
            run.end = next.end;
        }
        Some(run)
    })
}

/// [`runs`], from the end of `text`.
pub(crate) fn runs_back(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut split = split_runs(text).rev().peekable();
    std::iter::from_fn(move || {
        let mut run = split.next()?;
        while let Some(before) =
            split.next_if(|before| joined_across_line(text, before.clone(), run.start))
        {
            run.start = before.start;
        }
        Some(run)
    })
}

/// The runs of anything but whitespace in `text`, as byte ranges.
fn split_runs(text: &str) -> impl DoubleEndedIterator<Item = std::ops::Range<usize>> + '_ {
    (text.split(char::is_whitespace))
        .filter(|w| !w.is_empty())
        .map(move |w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            start..start + w.len()
        })
}

/// Whether the run `before` of `text` ends with a hyphen after a letter or digit and the
/// whitespace up to byte `next` holds one line end, `next` starting with a letter or digit.
fn joined_across_line(text: &str, before: std::ops::Range<usize>, next: usize) -> bool {
    let mut back = text[before.clone()]
        .chars()
        .rev()
        .filter(|&c| !is_invisible(c) || c == '\u{ad}');
    let (hyphen, letter) = (back.next(), back.next());
    hyphen.is_some_and(is_line_hyphen)
        && letter.is_some_and(char::is_alphanumeric)
        && line_hyphen_run(&text[before.end..]).is_some_and(|run| before.end + run == next)
}

/// Whether `c` may end a line inside a word: a hyphen or a soft hyphen.
pub(crate) fn is_line_hyphen(c: char) -> bool {
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
}

/// The most bytes between a hyphen that ends a line and the word that goes on: the line
/// break, what prints as nothing, and however a layout indents the next line.
const LINE_HYPHEN_RUN: usize = 4096;

/// How many bytes of whitespace and of what prints as nothing `rest` (what follows a hyphen)
/// starts with, when they hold one line end (`\r\n` is one; a blank line ends a paragraph)
/// and a letter or digit follows them: the run a hyphen at a line's end joins a word across.
pub(crate) fn line_hyphen_run(rest: &str) -> Option<usize> {
    let (mut bytes, mut ends, mut previous) = (0, 0, None);
    for c in rest.chars() {
        if !(c.is_whitespace() || is_invisible(c)) {
            return (ends == 1 && bytes > 0 && c.is_alphanumeric()).then_some(bytes);
        }
        // `\r\n` (or `\n\r`) is one line end.
        let pair = matches!((previous, c), (Some('\r'), '\n') | (Some('\n'), '\r'));
        ends += match c {
            _ if pair => 0,
            '\u{2029}' => 2,
            c if is_line_break(c) => 1,
            _ => 0,
        };
        previous = match c {
            _ if pair => None,
            c if is_line_break(c) => Some(c),
            c if c.is_whitespace() => None,
            _ => previous,
        };
        bytes += c.len_utf8();
        if bytes > LINE_HYPHEN_RUN || ends > 1 {
            return None;
        }
    }
    None
}

/// Where the first sentence end in the word `word` of `text` stands.
fn sentence_end_in(text: &str, word: std::ops::Range<usize>) -> Option<usize> {
    (text[word.clone()].char_indices())
        .map(|(i, c)| (word.start + i, c))
        .find(|&(i, c)| ends_sentence_at(text, i, c))
        .map(|(i, c)| i + c.len_utf8() - 1)
}

/// Where the last sentence end in the word `word` of `text` stands (its last byte).
fn last_sentence_end_in(text: &str, word: std::ops::Range<usize>) -> Option<usize> {
    (text[word.clone()].char_indices().rev())
        .map(|(i, c)| (word.start + i, c))
        .find(|&(i, c)| ends_sentence_at(text, i, c))
        .map(|(i, c)| i + c.len_utf8() - 1)
}

/// Whether the character `c` at byte `at` of `text` plainly ends a sentence.
fn ends_sentence_at(text: &str, at: usize, c: char) -> bool {
    match c {
        '.' | '!' | '?' => plainly_ends_sentence(text, at),
        c => ends_alone(text, at, c),
    }
}

/// Whether `c`, at byte `at` of `text`, is a mark that ends a sentence with no space after
/// it ([`ENDS_ALONE`]): a full-width full stop between two digits (`３．５`) is a decimal
/// point.
fn ends_alone(text: &str, at: usize, c: char) -> bool {
    let numeric = |c: Option<char>| c.is_some_and(char::is_numeric);
    ENDS_ALONE.contains(&c)
        && !(c == '．'
            && numeric(text[..at].chars().next_back())
            && numeric(text[at + c.len_utf8()..].chars().next()))
}

/// The first negation in `text`: a word that is one ([`words_of`]), or a character that
/// negates alone.
pub fn negation_in(text: &str) -> Option<&str> {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| negates_alone(c)) {
        return Some(&text[i..i + c.len_utf8()]);
    }
    words_of(text).find(|w| is_negation(w))
}

/// The words of `text` as a negation is told among them: letters, digits and apostrophes,
/// with accents and what prints as nothing inside, and a hyphen, an underscore or a point between two
/// letters or digits (`non-toxic`, `NO_HZ`, `nobody.tty` are one word each, no negation); any
/// other mark or space parts them (`not--as ever--agree`, `was—not—a`).
pub fn words_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric() || is_apostrophe(c))?;
        // What prints as nothing just before is the word's too (a direction override that
        // turns it around).
        let start = rest[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_invisible(c))
            .last()
            .map_or(start, |(i, _)| i);
        let word = &rest[start..];
        let mut end = word.len();
        let mut before = None;
        // Where a run a hyphen at a line's end joins the word across ends.
        let mut joined_to = 0;
        let mut chars = word.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let after = chars.peek().map(|&(_, c)| c);
            if i < joined_to {
                continue;
            }
            if is_line_hyphen(c)
                && before.is_some_and(char::is_alphanumeric)
                && let Some(run) = line_hyphen_run(&word[i + c.len_utf8()..])
            {
                joined_to = i + c.len_utf8() + run;
                before = Some(c);
                continue;
            }
            let inner = c.is_alphanumeric()
                || is_apostrophe(c)
                || in_letters(c)
                || (joins_words(c)
                    && before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric));
            if !inner {
                end = i;
                break;
            }
            before = Some(c);
        }
        rest = &word[end..];
        Some(&word[..end])
    })
}

/// The stretch `range` of `text` measured, judged in the whole text's context (a full stop
/// at the stretch's end is judged by what follows it). Past [`MAX_GAP`] characters (or
/// [`MAX_GAP_BYTES`] bytes) no join allows the stretch, and only its size is told (how far
/// apart two parts stand): the rest of it is counted in characters and words alone; its
/// sentence ends, paragraphs, brackets and negations are those of its start.
pub fn measure(text: &str, range: std::ops::Range<usize>) -> Gap {
    measure_all(text, std::slice::from_ref(&range))[0]
}

/// Each of the stretches `ranges` of `text` measured as [`measure`] measures one. What lies
/// past the start each is judged by is counted in characters and words from one pass over
/// the text for all of them: ten thousand misquotes whose parts stand megabytes apart cost
/// one read of the text, not one each (two thousand such misquotes over 20 MB took 39 s).
pub fn measure_all(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<Gap> {
    let mut gaps = Vec::with_capacity(ranges.len());
    // Of each stretch not counted whole: its index, and the rest of it.
    let mut rests = Vec::new();
    for (i, range) in ranges.iter().enumerate() {
        let mut counter = Counter::from(text, range.start);
        let stop = |gap: &Gap| gap.chars > MAX_GAP || gap.bytes > MAX_GAP_BYTES;
        let whole = counter.count_until(text, range.end, stop);
        let mut gap = counter.ended(text, range.end);
        if !whole {
            gap.bytes = range.end - range.start;
            rests.push((i, counter.at..range.end.max(counter.at)));
        }
        gaps.push(gap);
    }
    if rests.is_empty() {
        return gaps;
    }
    let ends = rests.iter().flat_map(|(_, rest)| [rest.start, rest.end]);
    let counted = counted_to(text, ends.collect());
    let at = |offset: usize| counted[counted.partition_point(|(o, ..)| *o < offset)];
    for (i, rest) in rests {
        let ((_, chars_from, words_from), (_, chars_to, words_to)) = (at(rest.start), at(rest.end));
        gaps[i].chars += chars_to - chars_from;
        gaps[i].words += words_to - words_from;
    }
    gaps
}

/// The characters (each run of whitespace counting as one) and words of `text` before each
/// of `offsets` (character boundaries), sorted by offset: one pass over the text as far as
/// the last of them. A character's count depends only on whether the one before it is
/// whitespace, so what stands between two offsets is the difference of their counts.
fn counted_to(text: &str, mut offsets: Vec<usize>) -> Vec<(usize, usize, usize)> {
    offsets.sort_unstable();
    offsets.dedup();
    let bytes = text.as_bytes();
    let (mut at, mut chars, mut words, mut in_space) = (0, 0, 0, true);
    (offsets.into_iter())
        .map(|offset| {
            while at < offset {
                let (space, len) = match bytes[at] {
                    b if b < 0x80 => (matches!(b, b'\t'..=b'\r' | b' '), 1),
                    _ => {
                        let c = text[at..].chars().next().expect("on a character boundary");
                        (c.is_whitespace(), c.len_utf8())
                    }
                };
                chars += usize::from(!(space && in_space));
                words += usize::from(!space && in_space);
                in_space = space;
                at += len;
            }
            (offset, chars, words)
        })
        .collect()
}

/// The stretch `range` of `text` measured as [`measure`] does, but only until every join's
/// verdict and the wording of its explanation are settled: past [`MAX_GAP`] characters and
/// [`NEGATION_WORDS`] words the counting stops (within a few hundred bytes). A stretch can run
/// over a whole text, and most such measures are of readings no one reads about. Past
/// [`MAX_GAP`] characters no join allows the stretch, whatever else it holds, and a
/// misquote's parts too far apart are told with the stretch measured whole
/// ([`crate::check::explain`]): so the counting stops there too once [`SETTLED_BYTES`] are
/// counted, should words not have parted by then (a source without spaces is one word: two
/// hundred misquotes with 10 MB between their parts took minutes).
pub(crate) fn settled(text: &str, range: std::ops::Range<usize>) -> Gap {
    let mut counter = Counter::from(text, range.start);
    let far = range.start.saturating_add(SETTLED_BYTES);
    let settles = |gap: &Gap, at: usize| {
        (gap.chars > MAX_GAP || gap.bytes > MAX_GAP_BYTES)
            && (gap.words > NEGATION_WORDS || at >= far)
    };
    counter.count_until_at(text, range.end, settles);
    counter.ended(text, range.end)
}

/// Whether the stretch `range` of `text` (nothing when it ends before it starts) surely
/// measures more than `max` characters ([`Gap::chars`]): it holds more than `max` visible
/// ASCII characters, each counted as one whatever stands around it. Only its first
/// `2 × max + 64` bytes are read, so the test costs no more than counting would: past them,
/// in a text of other scripts or of long runs of spaces, it says no and the caller counts. A
/// far cheaper test than counting, for the many places of English too far apart to join.
pub(crate) fn surely_longer(text: &str, range: std::ops::Range<usize>, max: usize) -> bool {
    let mut seen = 0;
    let end = range.end.min(range.start.saturating_add(2 * max + 64));
    let stretch = text.as_bytes().get(range.start..end).unwrap_or_default();
    for chunk in stretch.chunks(1024) {
        seen += chunk.iter().filter(|b| b.is_ascii_graphic()).count();
        if seen > max {
            return true;
        }
    }
    false
}

/// Measures from a place in a text to offsets asked in increasing order, each character
/// looked at once.
#[derive(Debug, Clone)]
pub(crate) struct Counter {
    /// Whether words are told for negations ([`Gap::negations`]): only a bracket's limit and
    /// the explanations read them.
    negations: bool,
    start: usize,
    at: usize,
    gap: Gap,
    in_space: bool,
    /// Whether the line so far holds only whitespace after a line break.
    blank: bool,
    /// Whether the character before was a carriage return (`\r\n` is one line break).
    after_cr: bool,
    /// Where the word being read started.
    word: Option<usize>,
    /// Where the run a hyphen at a line's end joins the word being read across ends.
    joined_to: usize,
}

/// How far back a counter looks to learn whether it starts on a blank line.
const BLANK_LOOKBACK: usize = 4096;

/// Words that turn a claim around: a bracket may not stand for one, nor an ellipsis leave one
/// out of the parts' sentences. English, then German, French, Spanish, Italian, Portuguese,
/// Dutch, Russian; then more of those, and English contractions written without their
/// apostrophe (`didnt`).
const NEGATIONS: [&str; 108] = [
    "not",
    "no",
    "never",
    "nor",
    "neither",
    "none",
    "nobody",
    "nothing",
    "without",
    "cannot",
    "nowhere",
    "nicht",
    "kein",
    "keine",
    "keinen",
    "keinem",
    "keiner",
    "keines",
    "nie",
    "niemals",
    "nichts",
    "ne",
    "pas",
    "jamais",
    "aucun",
    "aucune",
    "rien",
    "nunca",
    "nada",
    "ningún",
    "ninguna",
    "non",
    "mai",
    "não",
    "niet",
    "geen",
    "nooit",
    "не",
    "нет",
    "никогда",
    "ни",
    "ничего",
    "нельзя",
    "nessun",
    "nessuno",
    "nessuna",
    "niente",
    "nulla",
    "neanche",
    "neppure",
    "nemmeno",
    "jamás",
    "nadie",
    "tampoco",
    "ninguno",
    "niemand",
    "weder",
    "keinerlei",
    "keineswegs",
    "nimmer",
    "nirgends",
    "nirgendwo",
    "niets",
    "nergens",
    "nenhum",
    "nenhuma",
    "nem",
    "ninguém",
    "никто",
    "нигде",
    "ничто",
    "guère",
    "didnt",
    "doesnt",
    "dont",
    "isnt",
    "wasnt",
    "arent",
    "werent",
    "cant",
    "couldnt",
    "wouldnt",
    "shouldnt",
    "wont",
    "hasnt",
    "havent",
    "hadnt",
    "aint",
    // `without` in the other languages, and more Russian and French.
    "ohne",
    "sans",
    "sin",
    "senza",
    "sem",
    "zonder",
    "без",
    "никаких",
    "никакой",
    "отнюдь",
    "ni",
    // Adverbs that negate as `not` does (`hardly supports`), and an exception (`everyone
    // except Hamas`).
    "hardly",
    "scarcely",
    "kaum",
    "except",
    // Written as one word with a hyphen, and with the possessive or a contracted `is`.
    "no-one",
    "noone",
    "no-one's",
    "nobody's",
    "nothing's",
];

impl Counter {
    /// A counter from byte `start` of `text`.
    pub(crate) fn from(text: &str, start: usize) -> Self {
        Self::telling(text, start, true)
    }

    /// A counter from byte `start` of `text` that tells words for negations only when
    /// `negations` is set.
    pub(crate) fn telling(text: &str, start: usize, negations: bool) -> Self {
        let before = text[..start].chars().next_back();
        // On a line that holds only whitespace so far, after a line break: looked back for
        // a bounded stretch (past it, a paragraph break may go uncounted, never a false one).
        let blank = text[..start]
            .chars()
            .rev()
            .take(BLANK_LOOKBACK)
            .find(|&c| !(c.is_whitespace() || is_invisible(c)) || is_line_break(c))
            .is_some_and(is_line_break);
        Self {
            negations,
            start,
            at: start,
            gap: Gap::default(),
            in_space: before.is_none_or(char::is_whitespace),
            blank,
            after_cr: before == Some('\r'),
            word: None,
            joined_to: 0,
        }
    }

    /// The measure from the start to `offset`; `offset` at least the last one asked, and on
    /// a character boundary.
    pub(crate) fn at(&mut self, text: &str, offset: usize) -> Gap {
        let bytes = text.as_bytes();
        let mut i = self.at.min(offset);
        while i < offset {
            // ASCII without decoding: most text is, and every place of every quote passes here.
            let (c, len) = match bytes[i] {
                // Letters and digits, most of any text, without the checks punctuation needs.
                b if b.is_ascii_alphanumeric() => {
                    self.gap.chars += 1;
                    self.gap.words += usize::from(self.in_space);
                    if b.is_ascii_alphabetic() {
                        self.word.get_or_insert(i);
                    } else {
                        self.end_word(text, i);
                    }
                    (self.in_space, self.blank, self.after_cr) = (false, false, false);
                    i += 1;
                    continue;
                }
                b if b < 0x80 => (char::from(b), 1),
                _ => {
                    let c = text[i..].chars().next().expect("on a character boundary");
                    (c, c.len_utf8())
                }
            };
            self.step(text, i, c);
            i += len;
        }
        self.at = self.at.max(offset);
        self.gap.bytes = self.at - self.start;
        self.gap
    }

    fn step(&mut self, text: &str, i: usize, c: char) {
        let space = c.is_whitespace();
        // A run of whitespace counts once.
        if !(space && self.in_space) {
            self.gap.chars += 1;
        }
        if !space && self.in_space {
            self.gap.words += 1;
        }
        // A word goes on past an apostrophe, an accent, what prints as nothing, and a hyphen, an
        // underscore or a point between a letter or digit and a letter (`non-toxic` is no
        // `non`; in `'-not` and `\u{200B}-not`, `not` stands alone), as [`words_of`] reads
        // words.
        let hyphen = joins_words(c)
            && self.word.is_some()
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        // A hyphen at a line's end joins the word across the line (`nev-` and `er`).
        if is_line_hyphen(c)
            && self.word.is_some()
            && let Some(run) = line_hyphen_run(&text[i + c.len_utf8()..])
        {
            self.joined_to = i + c.len_utf8() + run;
        }
        let joined = i < self.joined_to;
        if c.is_alphabetic() || is_apostrophe(c) || in_letters(c) || hyphen || joined {
            self.word.get_or_insert(i);
            if negates_alone(c) {
                self.gap.negations += 1;
            }
        } else {
            self.end_word(text, i);
        }
        match c {
            '\u{2029}' => self.gap.paragraphs += 1,
            '\n' if self.after_cr => {}
            c if is_line_break(c) => {
                self.gap.paragraphs += usize::from(self.blank);
                self.blank = true;
            }
            c if !c.is_whitespace() && !is_invisible(c) => self.blank = false,
            _ => {}
        }
        self.after_cr = c == '\r';
        let ends = match c {
            '.' | '!' | '?' => is_sentence_end(text, i),
            c => ends_alone(text, i, c),
        };
        self.gap.sentences += usize::from(ends);
        let plain = ends && (!matches!(c, '.' | '!' | '?') || plainly_ends_sentence(text, i));
        self.gap.plain_sentences += usize::from(plain);
        if matches!(c, '(' | ')' | '[' | ']' | '{' | '}') {
            self.gap.brackets += 1;
        }
        self.in_space = space;
    }

    /// Counts on to `offset` (at least the last one asked, on a character boundary) a
    /// stretch at a time, unless `join` can no longer allow what stands after the start:
    /// whether it got there. What it counts is at most a stretch past what `join` allows.
    pub(crate) fn reach(&mut self, text: &str, offset: usize, join: Join) -> bool {
        self.count_until(text, offset, |gap| join.exceeded(gap))
    }

    /// Counts on to `offset` a stretch of 256 bytes at a time, stopping early once `stop`
    /// holds of what was counted: whether it got there.
    pub(crate) fn count_until(
        &mut self,
        text: &str,
        offset: usize,
        stop: impl Fn(&Gap) -> bool,
    ) -> bool {
        self.count_until_at(text, offset, |gap, _| stop(gap))
    }

    /// [`Counter::count_until`], `stop` told too the byte the counting has reached.
    fn count_until_at(
        &mut self,
        text: &str,
        offset: usize,
        stop: impl Fn(&Gap, usize) -> bool,
    ) -> bool {
        const STRETCH: usize = 256;
        while self.at < offset {
            let next = crate::text::position::ceil_char(text, (self.at + STRETCH).min(offset));
            self.at(text, next);
            if stop(&self.gap, self.at) {
                return false;
            }
        }
        true
    }

    /// The measure from the start to `offset`, where the counter stands, its last word
    /// judged as [`measure`] judges it.
    pub(crate) fn ended(&self, text: &str, offset: usize) -> Gap {
        let mut counter = self.clone();
        // A counter stopped short of `offset` (past what any join allows) leaves its last
        // word untold: it may run on for megabytes, in a text without spaces.
        match counter.at >= offset {
            true => counter.end_word(text, offset),
            false => counter.word = None,
        }
        Gap {
            edge_negation: negation_at_edges(text, self.start..offset).is_some(),
            ..counter.gap
        }
    }

    /// A counter from byte `start` of `text` for what `join` allows: words are told for
    /// negations only for a bracket.
    pub(crate) fn for_join(text: &str, start: usize, join: Join) -> Self {
        Self::telling(text, start, join == Join::Bracket)
    }

    /// The measure from the start to `offset` (at least the last one asked), its last word
    /// told as a negation or not, but without [`Gap::edge_negation`]: a measure to add to
    /// another ([`Gap::then`]).
    pub(crate) fn measured_to(mut self, text: &str, offset: usize) -> Gap {
        self.at(text, offset);
        self.end_word(text, offset);
        self.gap
    }

    /// Counts the word that ended at byte `end` if it is a negation.
    pub(crate) fn end_word(&mut self, text: &str, end: usize) {
        if let Some(start) = self.word.take()
            && self.negations
        {
            self.gap.negations += usize::from(is_negation(&text[start..end]));
        }
    }
}

/// Marks that end a sentence with no space after them: Chinese and Japanese full stops and
/// marks, the Devanagari danda, the Arabic question mark and full stop.
const ENDS_ALONE: [char; 8] = ['。', '！', '？', '．', '।', '॥', '؟', '۔'];

/// Whether `word` (letters and apostrophes) turns a claim around: `not`, `never`, `won't`,
/// and the commonest negations of German, French, Spanish, Italian, Portuguese, Dutch and
/// Russian. However the apostrophe is written (`didn´t`, `didnʼt`), and whatever prints as
/// nothing stands inside (`n\u{ad}ot` with a soft hyphen reads `not`).
pub fn is_negation(word: &str) -> bool {
    if plain_ascii(word) {
        // Every word of the source passes here: no allocation, and most words are told by
        // their length or first letter.
        let word = word.trim_matches('\'');
        if word.len() > 16 || word.is_empty() {
            return false;
        }
        let contracted = word.len() >= 3 && word[word.len() - 3..].eq_ignore_ascii_case("n't");
        if contracted {
            return true;
        }
        let mut lower = [0u8; 16];
        lower[..word.len()].copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return ASCII_NEGATIONS
            .binary_search(&u128::from_be_bytes(lower))
            .is_ok();
    }
    // Folded ([`as_written`], then lower case); a word longer than any negation is none.
    // Compatibility forms read as their letters (`ｎｏｔ`, a mathematical bold `𝐧𝐨𝐭`), and a
    // footnote's number after the word (`not²`, `not1`, as text taken from a PDF has it) is
    // no part of it.
    // A word a hyphen at a line's end breaks reads whole (`nev-` and `er` is `never`).
    let unbroken: String;
    let word = if word.contains(char::is_whitespace) {
        unbroken = unbreak(word);
        unbroken.as_str()
    } else {
        word
    };
    let word = word.trim_end_matches(char::is_numeric);
    let negation = |chars: &mut dyn Iterator<Item = char>| {
        let Some(written) = as_written(chars) else {
            return false;
        };
        let folded = written.to_lowercase();
        NEGATIONS.contains(&folded.as_str())
            || folded.ends_with("n't")
            || disguised_negation(&written)
    };
    // Letters a direction override shows in the other order (`\u{202e}ton\u{202c}` shows
    // `not`) are told as they show too.
    negation(&mut word.chars())
        || shown_reversed(word).is_some_and(|shown| negation(&mut shown.chars()))
}

/// The word `chars` as its letters read: what prints as nothing left out, apostrophes as
/// one (before the forms are read: NFKC makes `´` a space and an accent), compatibility
/// forms as their letters (NFKC), apostrophes at its ends trimmed; `None` past 40 bytes,
/// longer than any negation.
fn as_written(chars: &mut dyn Iterator<Item = char>) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let apostrophes = chars
        .filter(|&c| !is_invisible(c))
        .map(|c| if is_apostrophe(c) { '\'' } else { c });
    let mut written = String::new();
    for c in apostrophes.nfkc() {
        written.push(c);
        if written.len() > 40 {
            return None;
        }
    }
    Some(written.trim_matches('\'').to_owned())
}

/// `word` with each hyphen that ends a line inside it, and the whitespace after, left out.
fn unbreak(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if is_line_hyphen(c)
            && let Some(run) = line_hyphen_run(&rest[len..])
        {
            rest = &rest[len + run..];
            continue;
        }
        out.push(c);
        rest = &rest[len..];
    }
    out
}

/// How `word` shows where a right-to-left override, embedding or isolate turns letters
/// around (each such run read backwards, up to the mark that closes it or the word's end);
/// `None` when it holds no such mark.
fn shown_reversed(word: &str) -> Option<String> {
    let opens = |c: char| matches!(c, '\u{202b}' | '\u{202e}' | '\u{2067}');
    if !word.chars().any(opens) {
        return None;
    }
    let (mut shown, mut run, mut reversing) = (String::new(), Vec::new(), false);
    for c in word.chars() {
        if opens(c) {
            reversing = true;
        } else if matches!(c, '\u{202c}' | '\u{2069}') {
            shown.extend(run.drain(..).rev());
            reversing = false;
        } else if reversing {
            run.push(c);
        } else {
            shown.push(c);
        }
    }
    shown.extend(run.drain(..).rev());
    Some(shown)
}

/// Whether `word`, Latin letters mixed with letters of another script that look like them
/// (`nоt` with a Cyrillic `о`, `nevеr` with a Cyrillic `е`, `NOТ` with a Cyrillic `Т`), or
/// capitals of another script alone (`ΝΟΤ` in Greek), reads as an English negation. Judged
/// as written, then in lower case: a capital may look like a Latin one while its lower case
/// does not (`Т`, `т`).
fn disguised_negation(word: &str) -> bool {
    let latin = word.chars().any(|c| c.is_ascii_alphabetic());
    let other = word.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    let capitals = word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if !other || !(latin || capitals) {
        return false;
    }
    let seen: String = unicode_security::skeleton(word)
        .collect::<String>()
        .to_lowercase();
    let lower: String = unicode_security::skeleton(&word.to_lowercase()).collect();
    if seen != lower && (SKELETONS.contains(&lower) || lower.ends_with("n't")) {
        return true;
    }
    SKELETONS.contains(&seen) || seen.ends_with("n't")
}

/// The skeletons of the negations written in ASCII, in lower case, made once.
static SKELETONS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (NEGATIONS.iter())
        .filter(|n| plain_ascii(n))
        .map(|n| {
            unicode_security::skeleton(n)
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
});

/// The negations written in ASCII, lowercase, of at most 16 bytes, each read as one number
/// (its bytes, padded with zeros): most words of most sources are looked up here, by a
/// binary search that compares numbers, not strings.
static ASCII_NEGATIONS: std::sync::LazyLock<Vec<u128>> = std::sync::LazyLock::new(|| {
    let mut ascii: Vec<u128> = (NEGATIONS.iter())
        .filter(|n| plain_ascii(n))
        .filter(|n| n.len() <= 16)
        .map(|n| {
            let mut bytes = [0u8; 16];
            bytes[..n.len()].copy_from_slice(n.as_bytes());
            u128::from_be_bytes(bytes)
        })
        .collect();
    ascii.sort_unstable();
    ascii
});

/// Whether `c` is written for an apostrophe: the typewriter's, the typographer's, the
/// modifier letters, and the accents, quotation marks and signs of other scripts that stand
/// in for it.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’'
            | 'ʼ'
            | '´'
            | '‘'
            | '`'
            | '′'
            | '＇'
            | 'ʹ'
            | 'ˈ'
            | 'ʻ'
            | '‛'
            | '᾿'
            | '׳'
            | '՚'
            | '｀'
            | '‚'
            | '‵'
            | 'ˮ'
            | '՛'
            | 'ʿ'
            | '\u{313}'
            | '\u{1fbd}'
            | '\u{1fef}'
            | '\u{1ffd}'
    )
}

/// Characters that negate in Chinese, written without spaces (`不`, `没`, `未`, `無`, `无`,
/// `非`, `別`, `别`). Some words hold one without negating (`非常`, very): the limits that
/// count them err towards refusing.
pub fn negates_alone(c: char) -> bool {
    matches!(
        c,
        '不' | '没' | '沒' | '未' | '無' | '无' | '非' | '別' | '别'
    )
}

/// Whether `c` prints as nothing: Unicode's default-ignorable characters (a zero-width
/// space, joiner or non-joiner, a word joiner and the invisible operators, a byte-order mark,
/// a soft hyphen, a direction mark, a variation selector, the combining grapheme joiner, a
/// tag, the Mongolian and Khmer ones, the fillers of Hangul).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}'
            | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}'
    )
}

/// Whether `c` ends a line.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}')
}

/// Words after which a full stop does not end a sentence: titles before a name, and the
/// abbreviations of references (`No. 5`, `p. 12`).
const ABBREVIATIONS: [&str; 27] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "col", "lt", "capt", "sgt",
    "hon", "rev", "no", "nos", "art", "arts", "para", "p", "pp", "vol", "ch", "fig", "v",
];

/// Whether the `.`, `!` or `?` at byte `at` of `text` may end a sentence: closing quotes or
/// brackets may follow, then whitespace or the text's end. A full stop after an initial
/// (`J.`), a dotted abbreviation (`U.S.`, `e.g.`) or a title or reference (`Dr.`, `No.`) does
/// not. Where it is unclear (`Inc.`, a lowercase word after), it does: the limits that count
/// sentences err towards refusing.
pub fn is_sentence_end(text: &str, at: usize) -> bool {
    let rest = &text[at + 1..];
    let after = rest.trim_start_matches(['"', '\'', '”', '’', ')', ']', '»']);
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return false;
    }
    if text.as_bytes()[at] != b'.' {
        return true;
    }
    !is_abbreviation(&text[..at])
}

/// Whether the word that ends `before` (just before a full stop) is an abbreviation: an
/// initial, a dotted abbreviation, a title or a reference.
pub(crate) fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    let last = word.rsplit('.').next().unwrap_or("");
    let lower = last.to_lowercase();
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    word.contains('.') || initial || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negation_is_told_however_it_is_spelt() {
        for word in [
            "not",
            "NOT",
            "didn't",
            "didn’t",
            "didnʼt",
            "didn´t",
            "n\u{ad}ot",
            "no-one",
            "No-one",
            "nobody's",
            "nothing’s",
        ] {
            assert!(is_negation(word), "{word}");
        }
        assert!(is_negation("n\u{200b}ever"));
        // Letters of another script that look like Latin ones.
        for word in [
            "n\u{43e}t",
            "nev\u{435}r",
            "n\u{3bf}",
            "d\u{456}dn\u{2019}t",
            "N\u{41e}T",
        ] {
            assert!(is_negation(word), "{word}");
        }
        for word in ["n\u{43e}te", "\u{43d}\u{43e}", "caf\u{e9}", "na\u{ef}ve"] {
            assert!(!is_negation(word), "{word}");
        }
        for word in ["note", "non-toxic", "knot", "n\u{ad}\u{ad}", ""] {
            assert!(!is_negation(word), "{word}");
        }
        // Every negation, in any case, and none of its beginnings or longer forms.
        for negation in NEGATIONS {
            assert!(is_negation(negation), "{negation}");
            assert!(is_negation(&negation.to_uppercase()), "{negation}");
            for longer in [format!("{negation}x"), format!("x{negation}")] {
                assert!(!is_negation(&longer) || longer.ends_with("n't"), "{longer}");
            }
        }
        let words: Vec<&str> =
            words_of("did not--as ever--agree; non-binding (no) was—not—a NO_HZ.").collect();
        assert_eq!(
            words,
            [
                "did",
                "not",
                "as",
                "ever",
                "agree",
                "non-binding",
                "no",
                "was",
                "not",
                "a",
                "NO_HZ"
            ]
        );
    }

    #[test]
    fn a_negation_counts_at_a_gap_s_edges_in_the_sentences_of_its_parts() {
        let edges = |text: &'static str| negation_at_edges(text, 0..text.len());
        // The end of the first part's sentence, and the start of the second's.
        assert_eq!(edges(" not. Later we "), Some("not"));
        assert_eq!(edges(". Later we did not "), Some("not"));
        // Past a long aside in one sentence, beside the next part.
        assert_eq!(
            edges(", according to the company's own statement, did not "),
            Some("not")
        );
        // However long the omission, in the parts' own sentences.
        assert_eq!(
            edges(", which critics said would not work under any circumstances, "),
            Some("not")
        );
        assert_eq!(
            edges(". We did not, the finance minister told parliament on Monday, "),
            Some("not")
        );
        // In a sentence left out whole, it is not theirs.
        assert_eq!(edges(". It did not. We "), None);
        // Where the end of a sentence is unclear, the sentence goes on.
        assert_eq!(edges(". They did not approve Pfizer Inc. "), Some("not"));
        assert_eq!(edges(" approved. They did not approve it. The "), None);
        assert_eq!(edges(" – – – – not "), Some("not"));
        // In Chinese, a character negates alone, in the sentence of a part only.
        assert_eq!(edges("不是。我们"), Some("不"));
        assert_eq!(edges("。他们不同意。"), None);
    }

    #[test]
    fn a_stretch_a_join_allows_is_looked_at_whole_for_negations_at_its_edges() {
        use crate::text::position::{ceil_char, floor_char};
        // Stretches of words, long words, runs of spaces, sentence ends and negations; each
        // that a join allows is looked at as it was before the look was bounded.
        let pieces = [
            "word ",
            "not ",
            "no, ",
            ". ",
            "Later ",
            "x,",
            "north",
            "y.",
            "不",
            "。",
            "     ",
            "\n",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || crate::text::xorshift(&mut state);
        let (mut allowed, mut near_the_bound) = (0, 0);
        for _ in 0..600 {
            // Texts about as long as the stretches a join allows, stretches from near
            // their start: a negation far into them stands near the bound.
            let mut text = String::new();
            while text.len() < 2_300 {
                let n = next() as usize;
                match n % 7 {
                    // Long runs of one piece: words without spaces, spaces without words.
                    0 => text.push_str(&pieces[(n >> 8) % pieces.len()].repeat(n >> 20 & 63)),
                    // A negation far into a word without spaces, from either end.
                    1 => {
                        let run = "q,".repeat(n >> 20 & 1023);
                        text.push_str(&[&run, "not,", &run].concat()[(n >> 40) % 2 * 2..]);
                    }
                    _ => text.push_str(pieces[(n >> 8) % pieces.len()]),
                }
            }
            let start = floor_char(&text, next() as usize % 64);
            let end = ceil_char(&text, start + next() as usize % (text.len() - start + 1));
            let gap = measure(&text, start..end);
            if gap.chars > MAX_GAP {
                continue;
            }
            allowed += 1;
            near_the_bound += usize::from(gap.chars > MAX_GAP * 9 / 10);
            assert_eq!(
                negation_at_edges(&text, start..end),
                negation_at_edges_within(&text, start..end, usize::MAX),
                "{:?}",
                &text[start..end]
            );
        }
        assert!(
            allowed > 100 && near_the_bound > 10,
            "{allowed} {near_the_bound}"
        );
    }

    #[test]
    fn past_its_bound_the_look_for_a_negation_cuts_no_word_into_one() {
        // `north` stands where the bound falls after its `no`: cut there, it would read as
        // the negation `no`.
        let text = format!("{},north{}", "q,".repeat(999), ",q".repeat(2_000));
        assert_eq!(
            negation_at_edges_within(&text, 0..text.len(), usize::MAX),
            None
        );
        assert_eq!(negation_at_edges(&text, 0..text.len()), None);
        // And `casino`, where the bound falls before its `no`, read from the stretch's end.
        let text = format!("{}casino,{}", ",q".repeat(2_000), "q,".repeat(999));
        assert_eq!(
            negation_at_edges_within(&text, 0..text.len(), usize::MAX),
            None
        );
        assert_eq!(negation_at_edges(&text, 0..text.len()), None);
        // Within the bound, a negation still counts.
        let text = format!("{},no{}", "q,".repeat(990), ",q".repeat(2_000));
        assert_eq!(negation_at_edges(&text, 0..text.len()), Some("no"));
    }

    #[test]
    fn stretches_measured_together_are_counted_as_each_alone_and_as_a_plain_count() {
        use crate::text::position::{ceil_char, floor_char};
        let pieces = [
            "word ", "x,", "not ", ". Then ", "\n\n", "\r\n", "é", "经", "\u{3000}", "\t",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || crate::text::xorshift(&mut state) as usize;
        let mut far = 0;
        for _ in 0..8 {
            let mut text = String::new();
            while text.len() < 300_000 {
                let n = next();
                let piece = pieces[(n >> 8) % pieces.len()];
                // Runs of one piece, up to 100 KiB of spaces or of a word without them.
                match n % 5 {
                    0 => text.push_str(&piece.repeat(n >> 20 & 0x3fff)),
                    _ => text.push_str(piece),
                }
            }
            let ranges: Vec<std::ops::Range<usize>> = (0..24)
                .map(|_| {
                    let start = floor_char(&text, next() % text.len());
                    let end = ceil_char(&text, start + next() % (text.len() - start));
                    start..end
                })
                .collect();
            let together = measure_all(&text, &ranges);
            for (range, gap) in ranges.iter().zip(together) {
                assert_eq!(gap, measure(&text, range.clone()), "{range:?}");
                // Characters (a run of whitespace as one) and words, counted plainly.
                let mut in_space = text[..range.start]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace);
                let (mut chars, mut words) = (0, 0);
                for c in text[range.clone()].chars() {
                    chars += usize::from(!(c.is_whitespace() && in_space));
                    words += usize::from(!c.is_whitespace() && in_space);
                    in_space = c.is_whitespace();
                }
                assert_eq!(
                    (gap.chars, gap.words, gap.bytes),
                    (chars, words, range.len())
                );
                far += usize::from(gap.chars > MAX_GAP || gap.bytes > MAX_GAP_BYTES);
            }
        }
        assert!(far > 50, "{far}");
    }

    #[test]
    fn no_join_skips_more_than_its_bytes_however_few_its_characters() {
        for (spaces, allowed) in [(MAX_GAP_BYTES - 100, true), (MAX_GAP_BYTES + 1, false)] {
            let text = format!("start. Words{}left out. End", " ".repeat(spaces));
            let gap = measure(&text, 5..text.len() - 4);
            assert!(gap.chars < 20, "{gap:?}");
            assert_eq!(Join::Sentences.allows(&gap), allowed, "{gap:?}");
            assert_eq!(Join::Sentences.exceeded(&gap), !allowed, "{gap:?}");
        }
    }

    #[test]
    fn sentence_ends_are_told_from_abbreviations_and_initials() {
        let text = "The U.S. Senate met. Dr. Smith and J. Doe left! Was it so? \
                    See No. 5, e.g. here. He said “stop.” Then 3.5 left.";
        let ends: Vec<&str> = (0..text.len())
            .filter(|&i| matches!(text.as_bytes()[i], b'.' | b'!' | b'?'))
            .filter(|&i| is_sentence_end(text, i))
            .map(|i| &text[i.saturating_sub(4)..=i])
            .collect();
        assert_eq!(ends, [" met.", "left!", "t so?", "here.", "stop.", "left."]);
    }

    #[test]
    fn a_gap_counts_words_sentences_and_paragraphs() {
        let text = " on Monday. By\n\nFriday  the ";
        let gap = measure(text, 0..text.len());
        assert_eq!(
            gap,
            Gap {
                chars: 25,
                bytes: text.len(),
                words: 5,
                sentences: 1,
                plain_sentences: 1,
                paragraphs: 1,
                ..Gap::default()
            }
        );
        assert!(!Join::Ellipsis.allows(&gap));
        assert!(Join::Sentences.allows(&gap));
        assert!(!Join::Bracket.allows(&gap));
        let gap = |inner: &str| {
            let text = format!("x{inner}y");
            measure(&text, 1..text.len() - 1)
        };
        assert_eq!(gap(" It ").words, 1);
        assert!(Join::Bracket.allows(&gap(" It ")));
        assert!(Join::Bracket.allows(&gap(" ")));
        assert!(!Join::Bracket.allows(&gap(" one two three four five six ")));
        // Three dots leave out words of one sentence; a sentence's end takes four.
        assert!(Join::Ellipsis.allows(&gap(" one, two and three ")));
        assert!(!Join::Ellipsis.allows(&gap(" one. Two ")));
        // Only a plain end: not after an abbreviation, nor before a lowercase word.
        for inner in [" approx. 5 tonnes ", " Inc. said ", " asked \"why?\" and "] {
            assert!(Join::Ellipsis.allows(&gap(inner)), "{inner}");
        }
        assert!(Join::Sentences.allows(&gap(" one. Two. Three ")));
        // Words and paragraphs by any whitespace; a source's brackets and negations are not
        // a bracket's to stand for.
        assert_eq!(gap("\u{a0}one\u{a0}two\u{a0}").words, 2);
        for blank in ["\n\u{a0}\n", "\u{2029}", "\r\r", "\r\n \r\n"] {
            assert_eq!(gap(&format!(" a.{blank}b ")).paragraphs, 1, "{blank:?}");
        }
        assert_eq!(gap(" a\r\nb ").paragraphs, 0);
        assert!(!Join::Bracket.allows(&gap(" (not the government) ")));
        assert!(!Join::Bracket.allows(&gap(" no longer ")));
        assert!(!Join::Bracket.allows(&gap(" won't ")));
        assert!(Join::Bracket.allows(&gap(" the minister ")));
        assert!(!Join::Bracket.allows(&gap(" Apple Inc. The board ")));
        assert!(!Join::Ellipsis.allows(&gap(" one. Two. Three. Four ")));
    }

    #[test]
    fn counting_in_steps_is_counting_at_once() {
        let text = "One. Two\n\nthree  four. Five";
        let mut counter = Counter::from(text, 0);
        for offset in [3, 4, 9, 10, 17, text.len()] {
            assert_eq!(
                counter.at(text, offset),
                measure(text, 0..offset),
                "{offset}"
            );
        }
    }
}
