//! Footnotes printed at the foot of a page, told from its text by their smaller type and
//! their place, and the markers that call them taken off the words they are glued to.
//!
//! A footnote is a block in smaller type than the body, in the lower half of its page, with no
//! text of body size below it in its column (a page number aside), beginning with its number
//! or mark (`1`, `(2)`, `*`), or following such a block. The numbers of a page's notes count
//! up by one (a line of a note that starts with another number is not a note's start).
//!
//! - A note's number printed glued to its first word (`1The`) is set apart (`1 The`).
//! - A number glued to the end of a word of the page's text (`Treaty1`, `citizens.2`,
//!   `implementation3.`) is taken off that word when a note of the page has that number, in
//!   the notes' order. A word of capitals or digits keeps its digits (`COVID19`, `3.1`),
//!   unless it ends a sentence before a capital (`in 2024.4 The`).

use std::collections::{BTreeMap, HashMap};

use crate::sources::layout::{MAX_BLOCKS, Page};

/// Below this share of the body's type size, a block is in a note's smaller type.
const SMALL: f32 = 0.9;

/// Takes each page's footnotes out of its blocks into its notes, and their numbers off the
/// words of the page that call them (see the module's documentation); each counted in
/// `cleaned`.
pub(crate) fn take(pages: &mut [Page], cleaned: &mut BTreeMap<String, usize>) {
    let Some(body) = body_size(pages) else {
        return;
    };
    let mut count = |what: &str, n: usize| {
        if n > 0 {
            *cleaned.entry(what.to_owned()).or_default() += n;
        }
    };
    let (mut apart, mut markers) = (0, 0);
    // The number of the last note seen: notes count up through the document, or start again
    // from 1 (on each page, or in each chapter).
    let mut last = 0;
    for page in pages.iter_mut().filter(|p| p.blocks.len() <= MAX_BLOCKS) {
        let mut taken = vec![false; page.blocks.len()];
        // Where each note starts: block, line.
        let mut starts = Vec::new();
        for i in 0..page.blocks.len() {
            let block = &page.blocks[i];
            let small = block.size > 0.0 && block.size < SMALL * body;
            let low = page.height <= 0.0 || block.frame.top >= page.height / 2.0;
            if !small || !low || body_text_below(page, i, body) {
                continue;
            }
            let starts_one = (block.lines.first()).is_some_and(|l| note_start(l, last).is_some());
            if !(starts_one || i > 0 && taken[i - 1]) {
                continue;
            }
            taken[i] = true;
            for (l, line) in block.lines.iter().enumerate() {
                if let Some((_, _, number)) = note_start(line, last) {
                    starts.push((i, l));
                    last = number.unwrap_or(last);
                }
            }
        }
        let mut marks = Vec::new();
        for (i, l) in starts {
            let line = &mut page.blocks[i].lines[l];
            let (mark, rest) = note_mark(&line[0]).expect("a note's start, seen above");
            let (mark, rest) = (mark.to_owned(), rest.to_owned());
            if !rest.is_empty() {
                line[0] = rest;
                line.insert(0, mark.clone());
                apart += 1;
            }
            marks.push(mark);
        }
        if marks.is_empty() && !taken.contains(&true) {
            continue;
        }
        let mut kept = Vec::new();
        for (block, taken) in std::mem::take(&mut page.blocks).into_iter().zip(taken) {
            match taken {
                true => page.notes.push(block),
                false => kept.push(block),
            }
        }
        page.blocks = kept;
        markers += take_markers(page, &marks);
    }
    count("footnote numbers set apart from their first word", apart);
    count("footnote markers taken off words", markers);
}

/// The type size of most of the text: the line height that carries the most words.
fn body_size(pages: &[Page]) -> Option<f32> {
    let mut words: HashMap<u32, usize> = HashMap::new();
    for block in pages.iter().flat_map(|p| &p.blocks) {
        if block.size > 0.0 {
            let n = block.lines.iter().map(Vec::len).sum::<usize>();
            *words.entry((block.size * 10.0).round() as u32).or_default() += n;
        }
    }
    let (size, _) = words.into_iter().max_by_key(|&(size, n)| (n, size))?;
    Some(size as f32 / 10.0)
}

/// Whether a block of body size, more than a page number, is printed below block `i` of
/// `page` and across its width.
fn body_text_below(page: &Page, i: usize, body: f32) -> bool {
    let this = page.blocks[i].frame;
    page.blocks.iter().enumerate().any(|(j, other)| {
        j != i
            && other.size >= SMALL * body
            && other.frame.top >= this.bottom - 1.0
            && other.frame.left < this.right
            && other.frame.right > this.left
            && other.lines.iter().map(Vec::len).sum::<usize>() > 3
    })
}

/// The note that `line` starts, if it starts one: its mark, what is glued after the mark, and
/// its number. A numbered note is the first (`1`) or one of the next three after `last`; the
/// mark is followed by words, the first of them glued to it only if it is capitalised, quoted
/// or three letters or more (`1The`, `2ibid.`, not the `4d` of a hexadecimal dump).
fn note_start(line: &[String], last: u64) -> Option<(&str, &str, Option<u64>)> {
    let (mark, rest) = note_mark(line.first()?)?;
    let number = mark.trim_matches(['(', ')', '.']).parse::<u64>().ok();
    if number.is_some_and(|n| n != 1 && (n <= last || n > last + 3)) {
        return None;
    }
    let first = rest.chars().next();
    let glued = first.is_none_or(|c| c.is_uppercase() || "\"“‘'([".contains(c))
        || rest.chars().take_while(|c| c.is_lowercase()).count() >= 3;
    let words = (line[1..].iter().map(String::as_str)).chain((!rest.is_empty()).then_some(rest));
    let worded = words.flat_map(str::chars).any(char::is_alphabetic);
    (glued && worded).then_some((mark, rest, number))
}

/// A note's number or mark at the start of `word`, and what follows it: `1The` is `1` and
/// `The`, `(2)` is `(2)` and nothing, `*` is `*`. `None` if `word` does not start so, or goes
/// on with a digit (`1957`, `3.5`).
fn note_mark(word: &str) -> Option<(&str, &str)> {
    let open = usize::from(word.starts_with('('));
    let digits = word[open..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    let symbols = (word[open..].chars())
        .take_while(|c| "*†‡§¶".contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    let mut end = open + if digits > 0 { digits } else { symbols };
    if end == open || digits > 3 {
        return None;
    }
    if open == 1 {
        end += usize::from(word[end..].starts_with(')'));
    } else if word[end..].starts_with(['.', ')']) {
        end += 1;
    }
    let rest = &word[end..];
    let goes_on = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',');
    (!goes_on && (open == 0 || word[..end].ends_with(')'))).then(|| (&word[..end], rest))
}

/// Takes the note `marks` of `page`, in order, off the ends of the words of its text they are
/// glued to; how many.
fn take_markers(page: &mut Page, marks: &[String]) -> usize {
    let mut words: Vec<&mut String> = (page.blocks.iter_mut())
        .flat_map(|b| b.lines.iter_mut().flatten())
        .collect();
    let (mut from, mut taken) = (0, 0);
    for mark in marks {
        let bare = mark.trim_matches(['(', ')', '.']);
        if bare.is_empty() {
            continue;
        }
        let found = (from..words.len()).find_map(|i| {
            let next = words.get(i + 1).map(|w| w.as_str());
            called(words[i], bare, next).map(|at| (i, at))
        });
        if let Some((i, at)) = found {
            words[i].replace_range(at..at + bare.len(), "");
            (from, taken) = (i + 1, taken + 1);
        }
    }
    taken
}

/// Where in `word` the note `mark` is glued, if it is: after the word's letters or the
/// punctuation that ends them, and before nothing but closing punctuation. `next` is the
/// word after it.
fn called(word: &str, mark: &str, next: Option<&str>) -> Option<usize> {
    let closing = |c: char| ".,;:!?)]”’\"'…".contains(c);
    let tail = word.trim_end_matches(closing);
    let stem = tail.strip_suffix(mark)?;
    let last = stem.chars().next_back()?;
    let lettered = stem.chars().any(char::is_lowercase);
    let glued = match last {
        c if c.is_alphabetic() => lettered,
        c if closing(c) => {
            let core = stem.trim_end_matches(closing);
            let prior = core.chars().next_back().is_some_and(char::is_alphanumeric);
            // `in 2024.4 The`, not `3.1 Scope` or `7.7.1.1`: a number of three digits or more
            // before the point ends a sentence, before a capital.
            let year = core.len() >= 3 && core.chars().all(|c| c.is_ascii_digit());
            let starts = next.is_none_or(|n| n.chars().next().is_some_and(char::is_uppercase));
            prior && (lettered || (year && tail.len() == word.len() && starts))
        }
        _ => false,
    };
    glued.then_some(stem.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::layout::{Block, Frame};

    fn block(lines: &[&str], top: f32, size: f32) -> Block {
        let lines: Vec<Vec<String>> = (lines.iter())
            .map(|l| l.split(' ').map(String::from).collect())
            .collect();
        let bottom = top + size * lines.len() as f32;
        Block {
            lines,
            frame: Frame {
                left: 50.0,
                top,
                right: 300.0,
                bottom,
            },
            size,
        }
    }

    fn page(blocks: Vec<Block>) -> Page {
        Page {
            blocks,
            notes: Vec::new(),
            height: 400.0,
        }
    }

    fn words(blocks: &[Block]) -> Vec<String> {
        (blocks.iter())
            .map(|b| {
                (b.lines.iter().map(|l| l.join(" ")))
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    #[test]
    fn notes_are_taken_out_and_their_markers_off_the_words_that_call_them() {
        let mut pages = vec![page(vec![
            block(
                &[
                    "The Treaty1 was signed in 2024.2 It binds",
                    "the states, COVID19 aside, as section 3.1 says",
                    "and the citizens.3 Others (4) remain.",
                ],
                40.0,
                12.0,
            ),
            block(
                &[
                    "1Signed in Rome.",
                    "2 Ratified later;",
                    "12 states only.",
                    "3ibid.",
                ],
                300.0,
                9.0,
            ),
        ])];
        let mut cleaned = BTreeMap::new();
        take(&mut pages, &mut cleaned);
        assert_eq!(
            words(&pages[0].blocks),
            [
                "The Treaty was signed in 2024. It binds/the states, COVID19 aside, as section 3.1 says/and the citizens. Others (4) remain."
            ]
        );
        assert_eq!(
            words(&pages[0].notes),
            ["1 Signed in Rome./2 Ratified later;/12 states only./3 ibid."]
        );
        assert_eq!(cleaned["footnote markers taken off words"], 3);
        assert_eq!(
            cleaned["footnote numbers set apart from their first word"],
            2
        );
    }

    #[test]
    fn small_type_that_is_no_footnote_stays() {
        let text = || block(&["Body text of the page runs here."], 40.0, 12.0);
        // A code listing's line numbers, a hexadecimal dump, a note in the upper half, small
        // text with body text below it, a note numbered out of turn.
        for small in [
            block(&["1", "2", "3"], 300.0, 9.0),
            block(&["4d 49 4d 45", "74 65 78 74"], 300.0, 9.0),
            block(&["1 A note too high."], 100.0, 9.0),
            block(&["8 bytes in 1 blocks are lost"], 300.0, 9.0),
        ] {
            let mut pages = vec![page(vec![text(), small.clone()])];
            take(&mut pages, &mut BTreeMap::new());
            assert!(pages[0].notes.is_empty(), "{small:?}");
        }
        let mut pages = vec![page(vec![
            text(),
            block(&["1 A caption."], 300.0, 9.0),
            block(&["More body text below the caption here."], 330.0, 12.0),
        ])];
        take(&mut pages, &mut BTreeMap::new());
        assert!(pages[0].notes.is_empty());
    }

    #[test]
    fn a_marker_is_glued_after_letters_or_closing_punctuation() {
        assert_eq!(called("Treaty1", "1", None), Some(6));
        assert_eq!(called("implementation2.", "2", None), Some(14));
        assert_eq!(called("citizens.”3", "3", None), Some("citizens.”".len()));
        assert_eq!(called("2024.4", "4", Some("The")), Some(5));
        assert_eq!(called("2024.4", "4", Some("of")), None);
        assert_eq!(called("3.1", "1", Some("Scope")), None);
        assert_eq!(called("7.7.1.1", "1", Some("Keys")), None);
        assert_eq!(called("COVID19", "19", None), None);
        assert_eq!(called("A4", "4", None), None);
        assert_eq!(called("41", "1", None), None);
    }
}
