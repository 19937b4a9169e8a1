//! A paginated source's layout made into text, with its extraction artefacts handled once and
//! counted. Each rule is listed in README ("Extraction artefacts"):
//!
//! - **Columns** are put in reading order ([`crate::sources::layout::reading_order`]).
//! - **Ligatures** (U+FB00–FB06) are written as their letters: print shows `fi`, a writer types
//!   `fi`.
//! - **Soft hyphens** inside a word are dropped: they never print unless the word is broken.
//! - **Running headers, footers and page numbers**: a first or last block of a page, of one or
//!   two lines, that comes back, digits aside, on at least half the pages and on three or more
//!   is dropped from every page it is on, two blocks deep at each end; page numbers only where
//!   they count the pages (the same offset from the page's place on each). A line inside a
//!   paragraph is never dropped, nor a hyphen's halves joined across a cell or a paragraph. A
//!   quote that runs across a page break then reads on as the printed text does.
//! - **Footnotes** are set apart from the page's text ([`crate::sources::notes`]) and put back
//!   where no sentence runs on ([`assemble`]).
//! - **A hyphen at a line end** before a word that goes on (in a block, or across a page or a
//!   column): the two halves are joined into one word, without the hyphen where it is
//!   hyphenation and with it where it belongs to a compound ([`decide`]).
//!
//! Nothing else changes: the words, their order, their punctuation and their quotation marks
//! are pdftotext's. Pages end with a form feed, blocks are separated by a blank line, lines by
//! a line break.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::sources::layout::{Block, Frame, MAX_BLOCKS, Page};

/// A layout made into text.
#[derive(Debug, Default)]
pub(crate) struct Made {
    /// The text: pages ending with a form feed.
    pub text: String,
    /// What was cleaned, and how many times.
    pub cleaned: BTreeMap<String, usize>,
    /// The pages with no text (1-based): scans, or blank.
    pub blank_pages: Vec<usize>,
}

/// The text of `pages`, artefacts cleaned.
pub(crate) fn text(mut pages: Vec<Page>) -> Made {
    let mut cleaned = BTreeMap::new();
    // Blank as printed: a page of only a number is not blank, even once the number is dropped.
    let blank_pages = (pages.iter().enumerate())
        .filter(|(_, p)| words_of(p).next().is_none())
        .map(|(i, _)| i + 1)
        .collect();
    characters(&mut pages, &mut cleaned);
    // Running furniture first, where pdftotext puts it (first and last on the page), so that
    // the columns are all that is put in order.
    running(&mut pages, &mut cleaned);
    let reordered = crate::sources::layout::reading_order(&mut pages);
    count(&mut cleaned, "pages read column by column", reordered);
    crate::sources::notes::take(&mut pages, &mut cleaned);
    hyphens(&mut pages, &mut cleaned);
    Made {
        text: assemble(&pages),
        cleaned,
        blank_pages,
    }
}

fn count(cleaned: &mut BTreeMap<String, usize>, what: &str, n: usize) {
    if n > 0 {
        *cleaned.entry(what.to_owned()).or_default() += n;
    }
}

fn words_of(page: &Page) -> impl Iterator<Item = &String> {
    (page.blocks.iter().chain(&page.notes)).flat_map(|b| b.lines.iter().flatten())
}

/// Ligatures written as letters; soft hyphens inside words dropped (one at a word's end is
/// kept for [`hyphens`]: it marks a break).
fn characters(pages: &mut [Page], cleaned: &mut BTreeMap<String, usize>) {
    let (mut ligatures, mut soft) = (0, 0);
    for word in pages
        .iter_mut()
        .flat_map(|p| p.blocks.iter_mut().chain(&mut p.notes))
        .flat_map(|b| b.lines.iter_mut().flatten())
    {
        if !word
            .chars()
            .any(|c| ('\u{fb00}'..='\u{fb06}').contains(&c) || c == '\u{ad}')
        {
            continue;
        }
        let mut out = String::with_capacity(word.len());
        let last = word.char_indices().last().map_or(0, |(i, _)| i);
        for (i, c) in word.char_indices() {
            match c {
                '\u{fb00}' => out.push_str("ff"),
                '\u{fb01}' => out.push_str("fi"),
                '\u{fb02}' => out.push_str("fl"),
                '\u{fb03}' => out.push_str("ffi"),
                '\u{fb04}' => out.push_str("ffl"),
                '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
                '\u{ad}' if i != last => {
                    soft += 1;
                    continue;
                }
                c => {
                    out.push(c);
                    continue;
                }
            }
            ligatures += 1;
        }
        *word = out;
    }
    count(cleaned, "ligatures written as letters", ligatures);
    count(cleaned, "soft hyphens dropped", soft);
}

/// `text` with its ligatures written as letters and its soft hyphens dropped, for a source
/// whose lines do not break words (a web page, a Word file); each counted in `cleaned`.
pub(crate) fn flowing(text: &str, cleaned: &mut BTreeMap<String, usize>) -> String {
    let mut pages = vec![Page {
        blocks: vec![Block::of(vec![vec![text.to_owned()]])],
        ..Page::default()
    }];
    let trailing = text.ends_with('\u{ad}');
    characters(&mut pages, cleaned);
    let mut out = std::mem::take(&mut pages[0].blocks[0].lines[0][0]);
    if trailing {
        out.pop();
        count(cleaned, "soft hyphens dropped", 1);
    }
    out
}

/// Which end of a page a line is at.
#[derive(Clone, Copy)]
enum End {
    Top,
    Bottom,
}

/// Drops the running headers, footers and page numbers of `pages`.
fn running(pages: &mut [Page], cleaned: &mut BTreeMap<String, usize>) {
    let with_text = pages
        .iter()
        .filter(|p| words_of(p).next().is_some())
        .count();
    if with_text < 3 {
        return;
    }
    let need = with_text.div_ceil(2).max(3);
    for _ in 0..2 {
        for end in [End::Top, End::Bottom] {
            let keys: Vec<Option<String>> = (pages.iter())
                .map(|p| edge_block(p, end).map(key))
                .collect();
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for key in keys.iter().flatten() {
                *counts.entry(key).or_default() += 1;
            }
            // Page numbers must count the pages: the same offset from the page's place on
            // every page they are dropped from (a column of years at the top of pages is text).
            let numbers: Vec<Option<i64>> = (pages.iter().enumerate())
                .map(|(i, p)| number_in(edge_block(p, end)?).map(|n| n - i as i64))
                .collect();
            let mut offsets: HashMap<i64, usize> = HashMap::new();
            for (key, offset) in keys.iter().zip(&numbers) {
                if let (Some(key), Some(offset)) = (key, offset)
                    && is_page_number(key)
                {
                    *offsets.entry(*offset).or_default() += 1;
                }
            }
            let offset = offsets.into_iter().max_by_key(|(o, n)| (*n, -o.abs()));
            let offset = offset.filter(|(_, n)| *n >= need).map(|(o, _)| o);
            // Lines that differ only in their numbers are furniture only if they repeat word
            // for word (`Chapter 2: Reference` on the chapter's pages) or their number, at
            // their start or end, counts the pages (`86/144 ELI: …`); otherwise they are
            // content (`Resolution 14 of the Council`, `The motion carried by 12 votes to 3.`).
            let mut texts: HashMap<&str, (HashSet<String>, usize)> = HashMap::new();
            let mut counting: HashMap<(&str, i64), usize> = HashMap::new();
            for ((page, key), number) in pages.iter().zip(&keys).zip(&numbers) {
                let (Some(key), Some(block)) = (key.as_deref(), edge_block(page, end)) else {
                    continue;
                };
                let text = block
                    .iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                let entry = texts.entry(key).or_default();
                entry.0.insert(text);
                entry.1 += 1;
                if let Some(number) = number
                    && number_at_edge(block)
                {
                    *counting.entry((key, *number)).or_default() += 1;
                }
            }
            let furniture = |key: &str, number: Option<i64>| {
                !key.contains('#')
                    || texts[key].0.len() * 2 <= texts[key].1
                    || number.is_some_and(|n| counting.get(&(key, n)).is_some_and(|c| *c >= need))
            };
            let mut dropped = Vec::new();
            for ((page, key), number) in pages.iter_mut().zip(&keys).zip(&numbers) {
                let Some(key) = key.as_deref().filter(|k| counts[k] >= need) else {
                    continue;
                };
                if !is_page_number(key) && !furniture(key, *number) {
                    continue;
                }
                let what = match (is_page_number(key), end) {
                    (true, _) if offset.is_none() || *number != offset => continue,
                    (true, _) => "page numbers dropped".to_owned(),
                    (false, End::Top) => format!("running headers dropped (“{key}”)"),
                    (false, End::Bottom) => format!("running footers dropped (“{key}”)"),
                };
                drop_edge_block(page, end);
                dropped.push(what);
            }
            for what in dropped {
                count(cleaned, &what, 1);
            }
        }
    }
}

/// Whether a block's key is a page number alone: digits (or a roman numeral), perhaps with
/// `Page`, a dash, a slash and the page count around them.
fn is_page_number(key: &str) -> bool {
    let bare = key.trim_start_matches("page").trim();
    bare.contains('#') && bare.chars().all(|c| "# -–—/.()of".contains(c)) || key == "#"
}

/// Whether the first number of `block` is in its first or last word.
fn number_at_edge(block: &[Vec<String>]) -> bool {
    let words: Vec<&String> = block.iter().flatten().collect();
    let digits = |w: &&String| w.chars().any(|c| c.is_ascii_digit());
    let first = words.iter().position(digits);
    first.is_some_and(|i| i == 0 || i + 1 == words.len())
}

/// The first number in `block`, the page number if it is one.
fn number_in(block: &[Vec<String>]) -> Option<i64> {
    let words = block.iter().flatten();
    let digits: String = (words.flat_map(|w| w.chars()))
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.is_empty() {
        true => roman(&block.iter().flatten().cloned().collect::<String>()),
        false => digits.parse().ok(),
    }
}

/// The value of a lone lowercase or capital roman numeral.
fn roman(text: &str) -> Option<i64> {
    let mut total = 0;
    let mut last = 0;
    for c in text.to_lowercase().chars().rev() {
        let value = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            'd' => 500,
            'm' => 1000,
            _ => return None,
        };
        total += if value < last { -value } else { value };
        last = last.max(value);
    }
    (total > 0).then_some(total)
}

/// The first or last block of `page`, if it has one or two lines: a paragraph's line is
/// never taken for a running header.
fn edge_block(page: &Page, end: End) -> Option<&[Vec<String>]> {
    let block = match end {
        End::Top => page.blocks.first()?,
        End::Bottom => page.blocks.last()?,
    };
    (block.lines.len() <= 2).then_some(block.lines.as_slice())
}

fn drop_edge_block(page: &mut Page, end: End) {
    match end {
        End::Top => drop(page.blocks.remove(0)),
        End::Bottom => drop(page.blocks.pop()),
    }
}

/// A block as compared across pages: lowercase, each run of digits (or a lone roman numeral)
/// as `#`.
fn key(block: &[Vec<String>]) -> String {
    let joined = block
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if !joined.is_empty() && joined.chars().all(|c| "ivxlcdm".contains(c)) {
        return "#".into();
    }
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where a line is: page, block, line.
type At = (usize, usize, usize);

/// What the document itself says of its words, for deciding a hyphen at a line end.
struct Evidence {
    /// Every word as printed, lowercase, without the punctuation around it, and how often.
    words: HashMap<String, usize>,
    /// The first parts of the hyphenated words it prints (`well` of `well-being`), lowercase.
    firsts: HashSet<String>,
    /// Whether its hyphenation is marked by soft hyphens at line ends (Typst does so): then a
    /// hard hyphen at a line end is one printed whatever the line, a compound's.
    soft: bool,
}

/// First parts that make English compounds with a hyphen (`well-known`, `self-evident`,
/// `long-term`, `cross-border`), whatever a document prints elsewhere.
const COMPOUND_FIRSTS: [&str; 11] = [
    "well", "ill", "self", "half", "cross", "long", "short", "full", "high", "low", "mid",
];

/// Endings that make a closed word of one of [`COMPOUND_FIRSTS`] (`wellness`, `selfish`,
/// `shortage`), never a compound's second word.
const SUFFIXES: [&str; 9] = [
    "ness", "less", "ish", "ly", "ity", "ment", "age", "ance", "ence",
];

impl Evidence {
    fn of(pages: &[Page]) -> Self {
        let mut evidence = Evidence {
            words: HashMap::new(),
            firsts: HashSet::new(),
            soft: false,
        };
        for page in pages {
            for block in page.blocks.iter().chain(&page.notes) {
                for line in &block.lines {
                    evidence.soft |= line.last().is_some_and(|w| w.ends_with('\u{ad}'));
                    for word in line {
                        let bare = bare(word).to_lowercase();
                        if let Some((first, rest)) = bare.split_once('-')
                            && !rest.is_empty()
                            && first.chars().all(char::is_alphabetic)
                        {
                            evidence.firsts.insert(first.to_owned());
                        }
                        *evidence.words.entry(bare).or_default() += 1;
                    }
                }
            }
        }
        evidence
    }
}

/// Joins the halves of words broken at line ends: across the lines of a block, and from the
/// last line of a page's text to the first of the next; within a footnote's block.
fn hyphens(pages: &mut [Page], cleaned: &mut BTreeMap<String, usize>) {
    let evidence = Evidence::of(pages);
    let lines: Vec<At> = (pages.iter().enumerate())
        .flat_map(|(p, page)| {
            (page.blocks.iter().enumerate())
                .flat_map(move |(b, block)| (0..block.lines.len()).map(move |l| (p, b, l)))
        })
        .collect();
    let mut tally = (0, 0, 0);
    for pair in lines.windows(2) {
        let ((p, b, l), (q, c, m)) = (pair[0], pair[1]);
        let (Some(left), Some(right)) = (
            pages[p].blocks[b].lines[l].last(),
            pages[q].blocks[c].lines[m].first(),
        ) else {
            continue;
        };
        let same_block = (p, b) == (q, c);
        // Across blocks only where a page breaks a paragraph: the last line of a page and the
        // first of the next. A hyphen ending a table cell, a list item or a paragraph stays.
        let page_break = q == p + 1
            && (c, m) == (0, 0)
            && b + 1 == pages[p].blocks.len()
            && l + 1 == pages[p].blocks[b].lines.len();
        // Or where a column breaks one: the last line of a block and the first of the next,
        // printed higher up in the next column.
        let column_break = q == p
            && c == b + 1
            && m == 0
            && l + 1 == pages[p].blocks[b].lines.len()
            && column_after(&pages[p], b, c);
        if !same_block && !page_break && !column_break {
            continue;
        }
        // A dash at a line end, glued to its word, reads on into the next (`hour—` `longer`).
        let dashed = left.chars().count() > 1
            && left.ends_with(['–', '—'])
            && right.starts_with(char::is_alphanumeric);
        if dashed {
            let right = pages[q].blocks[c].lines[m].remove(0);
            let line = &mut pages[p].blocks[b].lines[l];
            line.last_mut()
                .expect("a word, seen above")
                .push_str(&right);
            tally.2 += 1;
            continue;
        }
        let Some(keep) = decide(left, right, same_block, &evidence) else {
            continue;
        };
        let right = pages[q].blocks[c].lines[m].remove(0);
        join(&mut pages[p].blocks[b].lines[l], right, keep, &mut tally);
    }
    for block in pages.iter_mut().flat_map(|p| &mut p.notes) {
        for l in 1..block.lines.len() {
            let (Some(left), Some(right)) = (block.lines[l - 1].last(), block.lines[l].first())
            else {
                continue;
            };
            if let Some(keep) = decide(left, right, true, &evidence) {
                let right = block.lines[l].remove(0);
                join(&mut block.lines[l - 1], right, keep, &mut tally);
            }
        }
    }
    for page in pages.iter_mut() {
        for block in page.blocks.iter_mut().chain(&mut page.notes) {
            block.lines.retain(|line| !line.is_empty());
        }
        page.blocks.retain(|b| !b.lines.is_empty());
        page.notes.retain(|b| !b.lines.is_empty());
    }
    count(cleaned, "line-end hyphens joined", tally.0);
    count(cleaned, "line-end hyphens kept in compounds", tally.1);
    count(cleaned, "line-end dashes read on", tally.2);
}

/// Whether block `c` of `page` starts the column after the one block `b` ends: it is to the
/// right and higher up, nothing is printed below `b` in its column nor above `c` in its own,
/// and they are more than two cells of a table's row.
fn column_after(page: &Page, b: usize, c: usize) -> bool {
    let (this, next) = (page.blocks[b].frame, page.blocks[c].frame);
    let across = |a: Frame, b: Frame| a.left < b.right && a.right > b.left;
    let alone = |k: usize, other: &Block| {
        let f = other.frame;
        k == b
            || k == c
            || !(across(f, this) && f.top >= this.bottom - 1.0
                || across(f, next) && !across(f, this) && f.bottom <= next.top + 1.0)
    };
    let lines = |i: usize| page.blocks[i].lines.len();
    page.blocks.len() <= MAX_BLOCKS
        && this.bottom > 0.0
        && next.left >= this.right - 1.0
        && next.top < this.bottom - 1.0
        && (next.top < this.top - 1.0 || lines(b) >= 3 && lines(c) >= 3)
        && page
            .blocks
            .iter()
            .enumerate()
            .all(|(k, other)| alone(k, other))
}

/// Puts `right`, the second half of a broken word, after the last word of `line`, with the
/// hyphen if `keep`; counted in `tally` (joined, kept).
fn join(line: &mut [String], right: String, keep: bool, tally: &mut (usize, usize, usize)) {
    let left = line.last_mut().expect("a word, seen by the caller");
    left.pop();
    if keep {
        left.push('-');
        tally.1 += 1;
    } else {
        tally.0 += 1;
    }
    left.push_str(&right);
}

/// Whether a line ending in `left` and the next beginning with `right` hold one word broken
/// at a hyphen: `None` if not, else whether the hyphen stays (a compound). In order: a soft
/// hyphen is hyphenation; a word the document writes elsewhere whole or hyphenated is written
/// so; a hard hyphen in a document hyphenated with soft ones is the author's; a capital
/// continuation makes a compound; a lowercase one makes a compound after a first part that
/// makes compounds, before a word printed alone; otherwise it is hyphenation.
fn decide(left: &str, right: &str, same_block: bool, evidence: &Evidence) -> Option<bool> {
    let soft = left.ends_with('\u{ad}');
    let stem = left.strip_suffix(['-', '\u{ad}'])?;
    let a: String = letters(stem.chars().rev()).chars().rev().collect();
    let b = letters(right.chars());
    // Text in capitals (`DIS-` `CLAIMED`) is read as lowercase text would be.
    let capitals = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_uppercase);
    let continues =
        b.chars().next().is_some_and(char::is_lowercase) || capitals(&a) && capitals(&b);
    // A number keeps its hyphen, on either side (`24-` `hour`, `1990-` `91`, `COVID-` `19`).
    let numbered = stem.ends_with(|c: char| c.is_ascii_digit())
        || right.starts_with(|c: char| c.is_ascii_digit());
    if numbered && stem.ends_with(char::is_alphanumeric) && right.starts_with(char::is_alphanumeric)
    {
        return (same_block || continues || right.starts_with(|c: char| c.is_ascii_digit()))
            .then_some(true);
    }
    if a.is_empty() || b.is_empty() || (!same_block && !continues) {
        return None;
    }
    // `pre- and post-war`: a hyphen standing for a word's second half, before a conjunction.
    if ["and", "or", "to", "nor", "und", "et", "ou"].contains(&right.trim_end_matches([',', ';'])) {
        return None;
    }
    if soft {
        return Some(false);
    }
    // `X-` `ray`, `e-` `mail`: hyphenation never leaves a single letter.
    if a.chars().count() == 1 {
        return Some(true);
    }
    // A word of several hyphens (`--allow-mismatched-` `debuginfo`, `paper-` `and-ink`): a
    // compound's; hyphenation never breaks inside one (TeX does not).
    if stem.trim_start_matches('-').contains('-') || right.contains('-') {
        return Some(true);
    }
    if evidence.soft {
        return Some(true);
    }
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let whole = evidence.words.contains_key(&format!("{a}{b}"));
    let compound = evidence.words.contains_key(&format!("{a}-{b}"));
    Some(match (whole, compound) {
        (true, false) => false,
        (false, true) => true,
        _ if !continues => true,
        // A first part that makes compounds (`well`, before a word of four letters or more
        // that is no suffix; or `per`, which the document prints alone and in `per-user`, but
        // not the prefix `re` of `re-enter`, before a word it prints alone: the break itself
        // is one printing of each half).
        _ => {
            let alone = |w: &str| evidence.words.get(w).is_some_and(|&n| n >= 2);
            let word = b.chars().count() >= 4 && !SUFFIXES.iter().any(|s| b.ends_with(s));
            match COMPOUND_FIRSTS.contains(&a.as_str()) {
                true => alone(&b) || word,
                false => evidence.firsts.contains(&a) && alone(&a) && alone(&b),
            }
        }
    })
}

/// The letters at the start of `chars`.
fn letters(chars: impl Iterator<Item = char>) -> String {
    chars.take_while(|c| c.is_alphabetic()).collect()
}

/// `word` without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `block` ends a sentence, so that what follows it on the next page starts anew.
/// Not after a colon, nor after an abbreviation: a word with a point inside (`U.S.`, `e.g.`)
/// or of three letters or fewer before its point (`Dr.`, `No.`, `p.`).
fn ends_sentence(block: &Block) -> bool {
    let last = block.lines.last().and_then(|l| l.last());
    let last = last.map_or("", |w| w.trim_end_matches(['"', '\'', '”', '’', ')', ']']));
    let Some(word) = last.strip_suffix(['.', '!', '?', '…']) else {
        return false;
    };
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let abbreviation = last.ends_with('.')
        && (word.contains('.') || (1..=3).contains(&letters) && letters == word.chars().count());
    !abbreviation
}

/// `blocks` cut in two after the first word that ends a sentence before one that starts anew,
/// if there is such a word.
fn split_at_sentence(blocks: &[Block]) -> Option<(Vec<Block>, Vec<Block>)> {
    for (b, block) in blocks.iter().enumerate() {
        let words: Vec<(usize, usize)> = (block.lines.iter().enumerate())
            .flat_map(|(l, line)| (0..line.len()).map(move |w| (l, w)))
            .collect();
        for pair in words.windows(2) {
            let ((l, w), (m, v)) = (pair[0], pair[1]);
            let one = |word: &String| Block::of(vec![vec![word.clone()]]);
            if !ends_sentence(&one(&block.lines[l][w])) || !starts_anew(&one(&block.lines[m][v])) {
                continue;
            }
            let mut first = Block::of(block.lines[..l].to_vec());
            first.lines.push(block.lines[l][..=w].to_vec());
            let mut second = Block::of(Vec::new());
            if w + 1 < block.lines[l].len() {
                second.lines.push(block.lines[l][w + 1..].to_vec());
            }
            second.lines.extend(block.lines[l + 1..].iter().cloned());
            let mut before = blocks[..b].to_vec();
            before.push(first);
            let mut after = vec![second];
            after.extend(blocks[b + 1..].iter().cloned());
            return Some((before, after));
        }
    }
    None
}

/// Whether `block` starts a sentence: with a capital, a digit or an opening mark.
fn starts_anew(block: &Block) -> bool {
    let first = block.lines.first().and_then(|l| l.first());
    let first = first.and_then(|w| w.chars().next());
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'([".contains(c))
}

/// The text of `pages`: words joined by spaces, lines by line breaks, blocks by a blank line,
/// each page ended by a form feed. A page's footnotes are put where no sentence of its text
/// runs on: at its top if its text starts anew (the page before ended a sentence and this one
/// starts with a capital), else after its first block that ends a sentence before one that
/// starts anew, else at its end.
fn assemble(pages: &[Page]) -> String {
    let mut text = String::new();
    let mut ended = true;
    for page in pages {
        let n = page.blocks.len();
        let fresh = ended && page.blocks.first().is_none_or(starts_anew);
        let at = match fresh {
            true => 0,
            false => (1..=n)
                .find(|&i| {
                    ends_sentence(&page.blocks[i - 1]) && page.blocks.get(i).is_none_or(starts_anew)
                })
                .unwrap_or(n),
        };
        if let Some(last) = page.blocks.last() {
            ended = ends_sentence(last);
        }
        // A page whose text runs on at both ends: its notes go at a sentence's end inside it.
        let split = match at == n && !ended && !page.notes.is_empty() {
            true => split_at_sentence(&page.blocks),
            false => None,
        };
        let (before, after) = match &split {
            Some((before, after)) => (before.as_slice(), after.as_slice()),
            None => (&page.blocks[..at], &page.blocks[at..]),
        };
        let blocks = before.iter().chain(&page.notes).chain(after);
        for (i, block) in blocks.enumerate() {
            if i > 0 {
                text.push_str("\n\n");
            }
            let lines: Vec<String> = block.lines.iter().map(|line| line.join(" ")).collect();
            text.push_str(&lines.join("\n"));
        }
        text.push('\u{c}');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(blocks: &[&[&str]]) -> Page {
        Page {
            blocks: (blocks.iter())
                .map(|b| {
                    Block::of(
                        b.iter()
                            .map(|l| l.split(' ').map(String::from).collect())
                            .collect(),
                    )
                })
                .collect(),
            ..Page::default()
        }
    }

    #[test]
    fn page_numbers_and_running_headers_go_and_a_sentence_reads_on() {
        let pages = vec![
            page(&[&["Annual report"], &["It starts here and runs on"], &["1"]]),
            page(&[&["Annual report"], &["to the next page."], &["2"]]),
            page(&[&["Annual report"], &["A third page."], &["3"]]),
        ];
        let made = text(pages);
        assert_eq!(
            made.text,
            "It starts here and runs on\u{c}to the next page.\u{c}A third page.\u{c}"
        );
        assert_eq!(made.cleaned["page numbers dropped"], 3);
        assert_eq!(made.cleaned["running headers dropped (“annual report”)"], 3);
    }

    #[test]
    fn numbers_that_do_not_count_the_pages_stay() {
        let years = vec![
            page(&[&["he said he would"]]),
            page(&[&["never in 2024"], &["raise"]]),
            page(&[&["2025"], &["taxes on"]]),
            page(&[&["2026"], &["families"]]),
        ];
        assert!(text(years).text.contains("2025"));
        let pages = vec![
            page(&[&["he said he would"]]),
            page(&[&["2025"], &["raise taxes"]]),
            page(&[&["2027"], &["on families"]]),
            page(&[&["2026"], &["with children"]]),
        ];
        let made = text(pages);
        assert!(made.text.contains("2025"), "{}", made.text);
        assert!(!made.cleaned.contains_key("page numbers dropped"));
        let counted = vec![
            page(&[&["a"], &["iii"]]),
            page(&[&["b"], &["iv"]]),
            page(&[&["c"], &["v"]]),
        ];
        assert_eq!(text(counted).text, "a\u{c}b\u{c}c\u{c}");
    }

    #[test]
    fn a_hyphen_ending_a_cell_or_a_paragraph_stays() {
        let pages = vec![page(&[
            &["a word that is anti-"],
            &["war protesters"],
            &["pre-"],
            &["dated"],
        ])];
        assert_eq!(
            text(pages).text,
            "a word that is anti-\n\nwar protesters\n\npre-\n\ndated\u{c}"
        );
    }

    #[test]
    fn a_paragraph_line_that_comes_back_on_every_page_stays() {
        let pages = vec![
            page(&[&["Same start", "one"]]),
            page(&[&["Same start", "two", "three"]]),
            page(&[&["Same start", "four", "five"]]),
        ];
        assert!(text(pages).text.starts_with("Same start\none\u{c}"));
    }

    #[test]
    fn a_line_that_comes_back_on_few_pages_stays() {
        let pages = vec![
            page(&[&["Summary"], &["one"]]),
            page(&[&["Summary"], &["two"]]),
            page(&[&["Detail"], &["three"]]),
            page(&[&["Annex"], &["four"]]),
            page(&[&["Notes"], &["five"]]),
        ];
        assert!(text(pages).text.starts_with("Summary\n\none"));
    }

    #[test]
    fn hyphenation_is_joined_and_compounds_keep_their_hyphen() {
        let pages = vec![page(&[&[
            "an exam-",
            "ple of well-",
            "known words, a well-known case, Russian-",
            "Israeli talks and 1990-",
            "91 figures; the re-",
            "compute step",
        ]])];
        let made = text(pages);
        assert_eq!(
            made.text,
            "an example\nof well-known\nwords, a well-known case, Russian-Israeli\ntalks and 1990-91\nfigures; the recompute\nstep\u{c}"
        );
        assert_eq!(made.cleaned["line-end hyphens joined"], 2);
        assert_eq!(made.cleaned["line-end hyphens kept in compounds"], 3);
    }

    #[test]
    fn compounds_are_told_from_hyphenation_by_their_first_part() {
        // `well` makes compounds; so does `per` here, printed alone and in `per-user`; the
        // prefix `re` is never printed alone.
        let pages = vec![page(&[&[
            "it is well-",
            "known and per-",
            "function, per user, a per-user function, known",
            "to re-",
            "define and re-enter",
            "a func-",
            "tion",
        ]])];
        assert_eq!(
            text(pages).text,
            "it is well-known\nand per-function,\nper user, a per-user function, known\nto redefine\nand re-enter\na function\u{c}"
        );
        // `well` makes compounds, but not with a suffix or a syllable.
        let well = vec![page(&[&["well-", "founded, well-", "ness, well-", "ing"]])];
        assert_eq!(text(well).text, "well-founded,\nwellness,\nwelling\u{c}");
    }

    #[test]
    fn a_hard_hyphen_in_a_document_hyphenated_with_soft_ones_is_a_compound() {
        let pages = vec![page(&[&[
            "a prepa\u{ad}",
            "ration of a cost-",
            "benefit kind",
        ]])];
        let made = text(pages);
        assert_eq!(made.text, "a preparation\nof a cost-benefit\nkind\u{c}");
        assert_eq!(made.cleaned["line-end hyphens kept in compounds"], 1);
    }

    #[test]
    fn numbers_dashes_and_capitals_at_line_ends() {
        let pages = vec![page(&[&[
            "a 24-",
            "hour service, an hour\u{2014}",
            "longer than planned, an hour \u{2013}",
            "no more; ARE DIS-",
            "CLAIMED here",
        ]])];
        assert_eq!(
            text(pages).text,
            "a 24-hour\nservice, an hour\u{2014}longer\nthan planned, an hour \u{2013}\nno more; ARE DISCLAIMED\nhere\u{c}"
        );
    }

    #[test]
    fn a_word_broken_across_a_page_is_joined_on_the_first_page() {
        let pages = vec![page(&[&["the incre-"]]), page(&[&["mental method"]])];
        assert_eq!(text(pages).text, "the incremental\u{c}method\u{c}");
    }

    #[test]
    fn ligatures_and_soft_hyphens() {
        let pages = vec![page(&[&["e\u{fb03}cient bro\u{ad}ken work\u{ad}", "ing"]])];
        let made = text(pages);
        assert_eq!(made.text, "efficient broken working\u{c}");
        assert_eq!(made.cleaned["ligatures written as letters"], 1);
        assert_eq!(made.cleaned["soft hyphens dropped"], 1);
        assert_eq!(made.cleaned["line-end hyphens joined"], 1);
    }

    #[test]
    fn blank_pages_are_named() {
        let made = text(vec![
            page(&[&["text"]]),
            Page::default(),
            page(&[&["more"]]),
        ]);
        assert_eq!(made.blank_pages, vec![2]);
        assert_eq!(made.text, "text\u{c}\u{c}more\u{c}");
    }
}
