//! Footnotes printed at the foot of a page, told from its text by their smaller type and
//! their place, and the markers that call them taken off the words they are glued to.
//!
//! A footnote is a block in smaller type than the body, in the lower half of its page, with no
//! text of body size below it in its column (a page number aside), beginning with its number
//! (at most three above the highest seen before) or mark (`1`, `(2)`, `*`), or following such
//! a block; and the page's text calls it: exactly one word of the text can hold the marker of
//! the note the block begins with ([`called`]). Small print whose numbers no word calls (a
//! numbered list, a listing) stays where it is.
//!
//! - A marker is taken off the word that calls a confirmed note (`implementation2.`,
//!   `citizens.3 The`); see [`called`] for the words that never lose their digits.
//! - A confirmed note's number printed glued to its first word (`1The`) is set apart
//!   (`1 The`).

use std::collections::{BTreeMap, HashMap};

use crate::sources::layout::{MAX_BLOCKS, Page};

/// The most notes a page may have.
const MAX_NOTES: usize = 100;

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
    // The number of the last note taken: notes count up through the document, or start again
    // from 1 (on each page, or in each chapter).
    let mut last = 0;
    for page in pages.iter_mut().filter(|p| p.blocks.len() <= MAX_BLOCKS) {
        let Some(mut found) = candidates(page, body, &mut last) else {
            continue;
        };
        let Some(confirmed) = confirm(page, &found) else {
            continue;
        };
        // The words of the text as `confirm` counted them.
        let counted = found.blocks.clone();
        // A block is footnotes only if the note it starts with is confirmed.
        for (i, taken) in found.blocks.iter_mut().enumerate() {
            let first = found.starts.iter().position(|s| s.block == i);
            let follows = first.is_none() && i > 0;
            *taken &= match first {
                Some(first) => confirmed.iter().any(|&(s, _, _)| s == first),
                None => follows,
            };
        }
        let mut chain = false;
        for i in 0..found.blocks.len() {
            // A block with no start of its own follows a block that is taken.
            if found.starts.iter().all(|s| s.block != i) {
                found.blocks[i] &= chain;
            }
            chain = found.blocks[i];
        }
        let confirmed: Vec<_> = (confirmed.into_iter())
            .filter(|&(s, _, _)| found.blocks[found.starts[s].block])
            .collect();
        if confirmed.is_empty() {
            continue;
        }
        // Markers off the words that call the notes; the notes' numbers set apart.
        let mut words: Vec<&mut String> = (page.blocks.iter_mut())
            .enumerate()
            .filter(|(i, _)| !counted[*i])
            .flat_map(|(_, b)| b.lines.iter_mut().flatten())
            .collect();
        for &(start, word, at) in &confirmed {
            let mark = &found.starts[start].mark;
            let bare = mark.trim_matches(['(', ')']);
            words[word].replace_range(at..at + bare.len(), "");
            markers += 1;
        }
        for &(start, _, _) in &confirmed {
            let Start { block, line, .. } = found.starts[start];
            let line = &mut page.blocks[block].lines[line];
            let (mark, rest) = note_mark(&line[0]).expect("a note's start, seen before");
            if !rest.is_empty() {
                let (mark, rest) = (mark.to_owned(), rest.to_owned());
                line[0] = rest;
                line.insert(0, mark);
                apart += 1;
            }
        }
        let mut kept = Vec::new();
        for (block, taken) in std::mem::take(&mut page.blocks)
            .into_iter()
            .zip(&found.blocks)
        {
            match taken {
                true => page.notes.push(block),
                false => kept.push(block),
            }
        }
        page.blocks = kept;
    }
    count("footnote numbers set apart from their first word", apart);
    count("footnote markers taken off words", markers);
}

/// Where a note may start: its block, its line and its mark.
struct Start {
    block: usize,
    line: usize,
    mark: String,
}

/// The blocks of a page that may be its footnotes, and where notes may start in them.
struct Found {
    /// For each block of the page, whether it may be a footnote.
    blocks: Vec<bool>,
    /// The notes' starts, in order.
    starts: Vec<Start>,
}

/// The blocks of `page` that may be its footnotes (see the module's documentation), the last
/// note before it numbered `last`; `None` if there are none.
fn candidates(page: &Page, body: f32, last: &mut u64) -> Option<Found> {
    let mut found = Found {
        blocks: vec![false; page.blocks.len()],
        starts: Vec::new(),
    };
    for (i, block) in page.blocks.iter().enumerate() {
        let small = block.size > 0.0 && block.size < SMALL * body;
        let low = page.height <= 0.0 || block.frame.top >= page.height / 2.0;
        if !small || !low || body_text_below(page, i, body) {
            continue;
        }
        // A block of notes starts with the first note, or the one after the last seen (or
        // that one again, a note read on from the page before).
        let starts = (block.lines.first())
            .and_then(|l| note_start(l, *last))
            .is_some_and(|(_, _, n)| n.is_none_or(|n| n == 1 || n == *last || n == *last + 1));
        if !(starts || i > 0 && found.blocks[i - 1]) {
            continue;
        }
        found.blocks[i] = true;
        for (l, line) in block.lines.iter().enumerate() {
            if let Some((mark, _, number)) = note_start(line, *last) {
                found.starts.push(Start {
                    block: i,
                    line: l,
                    mark: mark.to_owned(),
                });
                *last = (*last).max(number.unwrap_or(0));
            }
        }
    }
    // Each start is looked for among all the page's words: more than a page of notes holds
    // is not footnotes, and would cost the run its time.
    (!found.starts.is_empty() && found.starts.len() <= MAX_NOTES).then_some(found)
}

/// The notes of `found` whose markers the page's text holds: for each, the start, the word
/// (counted through the text's words) and where in it the marker is. A note is confirmed
/// when exactly one word of the text can hold its marker, after the marker of the note
/// before. `None` if no note is: then the small print is not footnotes (a list, a listing).
fn confirm(page: &Page, found: &Found) -> Option<Vec<(usize, usize, usize)>> {
    let words: Vec<&String> = (page.blocks.iter().enumerate())
        .filter(|(i, _)| !found.blocks[*i])
        .flat_map(|(_, b)| b.lines.iter().flatten())
        .collect();
    let mut confirmed = Vec::new();
    let mut from = 0;
    for (s, start) in found.starts.iter().enumerate() {
        let bare = start.mark.trim_matches(['(', ')']);
        if bare.is_empty() || bare.ends_with('.') {
            continue;
        }
        let mut holders = (0..words.len()).filter_map(|w| {
            let next = words.get(w + 1).map(|n| n.as_str());
            // The second half of a word broken at a line end counts the first half's letters.
            let before = (w.checked_sub(1).map(|p| words[p].as_str()))
                .and_then(|p| p.strip_suffix(['-', '\u{ad}']))
                .map_or(0, |p| {
                    p.chars().rev().take_while(|c| c.is_alphabetic()).count()
                });
            called(words[w], bare, next, before).map(|at| (w, at))
        });
        let (Some((w, at)), None) = (holders.next(), holders.next()) else {
            continue;
        };
        // Nor may any other word end in the number after letters or punctuation, wherever
        // it stands (`Treaty3 was` beside `Python3.`): the marker could be that one.
        let loose = (words.iter().enumerate())
            .filter(|(v, word)| *v != w && loosely_called(word, bare))
            .count();
        if loose > 0 {
            continue;
        }

        if w >= from {
            confirmed.push((s, w, at));
            from = w + 1;
        }
    }
    (!confirmed.is_empty()).then_some(confirmed)
}

/// Whether `word` ends in `mark` after a letter or punctuation, closing punctuation aside.
fn loosely_called(word: &str, mark: &str) -> bool {
    let tail = word.trim_end_matches(|c: char| c.is_ascii_punctuation() || "”’…".contains(c));
    let Some(stem) = tail.strip_suffix(mark) else {
        return false;
    };
    stem.chars()
        .next_back()
        .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace())
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
/// its number. A note is numbered at most three after `last`, the highest number seen; the
/// mark is followed by words, the first of them glued to it only if it is capitalised, quoted
/// or three letters or more (`1The`, `2ibid.`, not the `4d` of a hexadecimal dump).
fn note_start(line: &[String], last: u64) -> Option<(&str, &str, Option<u64>)> {
    let (mark, rest) = note_mark(line.first()?)?;
    let number = mark.trim_matches(['(', ')', '.']).parse::<u64>().ok();
    if number.is_some_and(|n| n > last + 3) {
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

/// Where in `word` the note `mark` is glued, if it is: at a clause's end, after a word of four
/// letters or more, lowercase or capitalised, and before the punctuation that ends it
/// (`implementation2.`) or after it (`citizens,3`; after a full stop only before a capital
/// or the end: `citizens.4 The`). Never after digits, a capital inside a word, a short word,
/// or inside a clause: `2024.1`, `v2.1`, `IPv4`, `COVID19`, `km2`, `log2`, `Fig.3`,
/// `python3 alone` keep their digits. `next` is the word
/// after `word`; `before`, the letters of the first half of a word `word` ends.
fn called(word: &str, mark: &str, next: Option<&str>, before: usize) -> Option<usize> {
    let closing = |c: char| ".,;:!?)]”’\"'…".contains(c);
    let tail = word.trim_end_matches(closing);
    let stem = tail.strip_suffix(mark)?;
    let core = stem.trim_end_matches(closing);
    let between = &stem[core.len()..];
    let inner = |c: char| c.is_alphabetic() || "-'’".contains(c);
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let cased = core.chars().skip(1).all(|c| !c.is_uppercase());
    let wordlike = core.chars().all(inner) && before + letters >= 4 && cased;
    let sentence_end = between.contains(['.', '!', '?', '…']);
    let starts = next.is_none_or(|n| n.chars().next().is_some_and(char::is_uppercase));
    // At a clause's end: punctuation before the marker or after it.
    let clause = !between.is_empty() || tail.len() < word.len();
    (wordlike && clause && (!sentence_end || starts)).then_some(stem.len())
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
                    "The Treaty,1 as signed in 2024.2 It binds",
                    "the states, COVID19 aside, with 40 km2 of land,",
                    "as section 3.5 says, and the citizens.3 Others",
                    "remain, as the Council,4 said in version4.",
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
                    "4 Twice.",
                ],
                300.0,
                9.0,
            ),
        ])];
        let mut cleaned = BTreeMap::new();
        take(&mut pages, &mut cleaned);
        // Note 2's marker could only be on a number (`2024.2`, `km2`), note 4's on either of
        // two words: both stay where they are.
        assert_eq!(
            words(&pages[0].blocks),
            [
                "The Treaty, as signed in 2024.2 It binds/the states, COVID19 aside, with 40 km2 of land,/as section 3.5 says, and the citizens. Others/remain, as the Council,4 said in version4."
            ]
        );
        assert_eq!(
            words(&pages[0].notes),
            ["1 Signed in Rome./2 Ratified later;/12 states only./3 ibid./4 Twice."]
        );
        assert_eq!(cleaned["footnote markers taken off words"], 2);
        assert_eq!(
            cleaned["footnote numbers set apart from their first word"],
            2
        );
    }

    #[test]
    fn more_notes_than_a_page_holds_are_no_footnotes() {
        let body: Vec<String> = (1..=150)
            .map(|n| format!("the claim made here,{n} and more words"))
            .collect();
        let notes: Vec<String> = (1..=150).map(|n| format!("{n} Source.")).collect();
        let body: Vec<&str> = body.iter().map(String::as_str).collect();
        let notes: Vec<&str> = notes.iter().map(String::as_str).collect();
        let mut pages = vec![page(vec![
            block(&body, 40.0, 1.0),
            block(&notes, 300.0, 0.5),
        ])];
        take(&mut pages, &mut BTreeMap::new());
        assert!(pages[0].notes.is_empty());
        assert_eq!(
            pages[0].blocks[0].lines[0].join(" "),
            "the claim made here,1 and more words"
        );
    }

    #[test]
    fn small_print_whose_numbers_no_word_of_the_text_calls_stays() {
        // A numbered list in small type at the foot of a page, its numbers on short words.
        let mut pages = vec![page(vec![
            block(
                &["Answers to q1 or q2 were coded, and q3 dropped, over IPv4."],
                40.0,
                12.0,
            ),
            block(
                &["1 National office.", "2 Regional office.", "3 Own work."],
                300.0,
                9.0,
            ),
        ])];
        let mut cleaned = BTreeMap::new();
        take(&mut pages, &mut cleaned);
        assert!(pages[0].notes.is_empty());
        assert!(words(&pages[0].blocks)[0].contains("q1 or q2"));
        assert!(cleaned.is_empty());
    }

    #[test]
    fn small_type_that_is_no_footnote_stays() {
        let text = || {
            block(
                &["Body text1 of the page2 runs here8, as text3 says."],
                40.0,
                12.0,
            )
        };
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
        assert_eq!(called("Treaty1", "1", Some("was"), 0), None);
        assert_eq!(called("Treaty1,", "1", Some("which"), 0), Some(6));
        assert_eq!(called("implementation2.", "2", None, 0), Some(14));
        assert_eq!(called("citizens,2", "2", Some("and"), 0), Some(9));
        assert_eq!(
            called("citizens.”3", "3", None, 0),
            Some("citizens.”".len())
        );
        assert_eq!(called("citizens.4", "4", Some("The"), 0), Some(9));
        assert_eq!(called("citizens.4", "4", Some("of"), 0), None);
        // `accountabil-` `ity.5`: the word is long enough.
        assert_eq!(called("ity.5", "5", None, 0), None);
        assert_eq!(called("ity.5", "5", None, 10), Some(4));
        assert_eq!(called("python3", "3", Some("alone"), 0), None);
        for (word, mark) in [
            ("2024.4", "4"),
            ("3.1", "1"),
            ("7.7.1.1", "1"),
            ("v2.1", "1"),
            ("IPv4", "4"),
            ("COVID19", "19"),
            ("km2", "2"),
            ("log2", "2"),
            ("Fig.3", "3"),
            ("A4", "4"),
            ("41", "1"),
        ] {
            assert_eq!(called(word, mark, Some("The"), 0), None, "{word}");
        }
    }
}
