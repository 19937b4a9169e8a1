//! Line and column numbers for byte offsets in a text (1-based, columns in characters).

use std::fmt;

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// How many bytes of text each entry of a [`LineIndex`] covers.
const BLOCK: usize = 1 << 12;

/// A sparse index of the lines of a text: how many lines end before each 4 KiB block, and,
/// once columns are asked for far into long lines (past 256 KiB), how many characters.
///
/// It costs 8 bytes per block, not per line, so a source of a gigabyte of empty lines indexes
/// in 2 MiB; a lookup counts line ends in one block with `memchr` (ten thousand quotes
/// placed in 64 KiB blocks counted some 600 MB), and a column counts the characters of at
/// most 256 KiB, or two blocks once the text's characters are counted: ten thousand quotes
/// on a line of 50 MB (a text without line breaks) would otherwise count the line's
/// characters up to each of them.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `ends_before[b]`: the number of `\n` in the text before block `b`.
    ends_before: Vec<usize>,
    /// The number of `\n` in the whole text.
    ends: usize,
    /// `chars_before[b]`: the number of characters before block `b` (and, last, in the whole
    /// text), counted when first needed: most texts are read for lines of a few hundred
    /// bytes.
    chars_before: std::sync::OnceLock<Vec<usize>>,
}

/// How far into a line a column is counted character by character; past it, by the index
/// of characters ([`LineIndex::chars_before`]), which takes a pass over the whole text once.
const LONG_LINE: usize = 64 * BLOCK;

/// How many characters start in `bytes` (the bytes that do not continue a character).
fn chars_in(bytes: &[u8]) -> usize {
    // Summed a byte at a time in stretches of up to 255, which the compiler turns into
    // vector additions of many bytes at once.
    (bytes.chunks(255))
        .map(|stretch| {
            let starts = stretch.iter().map(|&b| u8::from((b as i8) >= -0x40));
            usize::from(starts.fold(0u8, u8::wrapping_add))
        })
        .sum()
}

impl LineIndex {
    /// Indexes the lines of `text`; a line ends after each `\n`.
    pub fn new(text: &str) -> Self {
        let mut ends_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut ends = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            ends_before.push(ends);
            ends += memchr::memchr_iter(b'\n', block).count();
        }
        Self {
            ends_before,
            ends,
            chars_before: std::sync::OnceLock::new(),
        }
    }

    /// How many characters of `text` come before byte `offset`, a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let bytes = text.as_bytes();
        let before = self.chars_before.get_or_init(|| {
            let mut before = vec![0];
            for block in bytes.chunks(BLOCK) {
                before.push(before[before.len() - 1] + chars_in(block));
            }
            before
        });
        let block = offset / BLOCK;
        before[block] + chars_in(&bytes[(block * BLOCK).min(offset)..offset])
    }

    /// The line and column of byte `offset` of `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let bytes = text.as_bytes();
        let block = offset / BLOCK;
        let before = self.ends_before.get(block).copied().unwrap_or(self.ends);
        let in_block = memchr::memchr_iter(b'\n', &bytes[(block * BLOCK).min(offset)..offset]);
        let line = before + in_block.count() + 1;
        // The line's start: in the block, or where the index says the line before ended.
        let block_start = (block * BLOCK).min(offset);
        let start = match memchr::memrchr(b'\n', &bytes[block_start..offset]) {
            Some(i) => block_start + i + 1,
            None => self.line_start(text, line),
        };
        let column = match offset - start <= LONG_LINE {
            true => text[start..offset].chars().count() + 1,
            false => self.chars_before(text, offset) - self.chars_before(text, start) + 1,
        };
        LineCol { line, column }
    }

    /// The byte offset where 1-based `line` starts; the last line's start for a line past it.
    fn line_start(&self, text: &str, line: usize) -> usize {
        let wanted = line.clamp(1, self.ends + 1) - 1;
        if wanted == 0 {
            return 0;
        }
        // The last block that starts before the `wanted`th line end.
        let block = self.ends_before.partition_point(|&n| n < wanted) - 1;
        let skip = wanted - self.ends_before[block] - 1;
        let from = block * BLOCK;
        memchr::memchr_iter(b'\n', &text.as_bytes()[from..])
            .nth(skip)
            .map_or(text.len(), |i| from + i + 1)
    }

    /// The byte range of 1-based `line` in `text`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(text, line);
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// The byte offset of 1-based `line` and character `column` in `text`.
    pub fn offset(&self, text: &str, at: LineCol) -> usize {
        let start = self.line_start(text, at.line);
        text[start..]
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| start + i)
    }
}

/// The line and column of each of `offsets` (character boundaries of `text`, in any order),
/// sorted by offset, counted in one pass over `text` as far as the last of them: no index is
/// kept, so a text whose places are named once (a source with its quotes found) is read
/// only up to its last place, in long strides rather than a block at a time.
pub fn line_cols(text: &str, offsets: impl IntoIterator<Item = usize>) -> Vec<(usize, LineCol)> {
    let mut offsets: Vec<usize> = offsets.into_iter().collect();
    offsets.sort_unstable();
    offsets.dedup();
    let bytes = text.as_bytes();
    // Where the count stands: byte `at`, on `line`, in `column`.
    let (mut at, mut line, mut column) = (0, 1, 1);
    (offsets.into_iter())
        .map(|offset| {
            let between = &bytes[at..offset];
            match memchr::memrchr(b'\n', between) {
                Some(last) => {
                    line += memchr::memchr_iter(b'\n', between).count();
                    column = chars_in(&between[last + 1..]) + 1;
                }
                None => column += chars_in(between),
            }
            at = offset;
            (offset, LineCol { line, column })
        })
        .collect()
}

/// `at`, or the nearest character boundary of `text` before it.
pub fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at`, or the nearest character boundary of `text` after it.
pub fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "ab\r\n“é” x\nlast";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(&text[index.line_range(text, 1)], "ab");
        assert_eq!(&text[index.line_range(text, 3)], "last");
        assert_eq!(index.offset(text, LineCol { line: 2, column: 5 }), x);
    }

    #[test]
    fn line_and_column_are_counted_as_a_plain_count_does_on_lines_of_any_length() {
        // Lines of a few bytes to many blocks, of one- to four-byte characters, line ends
        // at and beside block edges.
        let mut text = String::new();
        let pieces = ["a", "é", "经", "😀", "ab\n", "\n"];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        while text.len() < 4 * LONG_LINE {
            crate::text::xorshift(&mut state);
            let long = state.is_multiple_of(97);
            let piece = pieces[(state >> 8) as usize % pieces.len()];
            match long {
                true => text.push_str(&"经x".repeat(LONG_LINE / 3)),
                false => text.push_str(piece),
            }
        }
        let index = LineIndex::new(&text);
        let plain = |offset: usize| {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            LineCol {
                line,
                column: text[start..offset].chars().count() + 1,
            }
        };
        let offsets = (0..=text.len()).step_by(101).chain([text.len()]);
        let mut widest = 0;
        for offset in offsets.filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(index.line_col(&text, offset), plain(offset), "{offset}");
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            widest = widest.max(offset - start);
        }
        // Columns far into a line were asked for: those the index of characters counts.
        assert!(widest > LONG_LINE, "{widest}");
    }

    #[test]
    fn a_sweep_over_places_gives_the_index_s_lines_and_columns() {
        let mut text = String::new();
        let pieces = ["a", "é", "经", "😀", "ab\n", "\n", "\r\n", " "];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || crate::text::xorshift(&mut state);
        while text.len() < 3 * LONG_LINE {
            let n = next();
            match n % 89 {
                0 => text.push_str(&"é".repeat(LONG_LINE / 2)),
                _ => text.push_str(pieces[(n >> 8) as usize % pieces.len()]),
            }
        }
        let index = LineIndex::new(&text);
        // Places in no order, repeated, at both ends, on long lines and short ones.
        let mut offsets = vec![0, text.len(), text.len(), 0];
        for _ in 0..5_000 {
            offsets.push(floor_char(&text, next() as usize % (text.len() + 1)));
        }
        let swept = line_cols(&text, offsets.iter().copied());
        assert!(swept.windows(2).all(|w| w[0].0 < w[1].0));
        let mut expected: Vec<usize> = offsets.clone();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(swept.len(), expected.len());
        for (offset, at) in swept {
            assert_eq!(at, index.line_col(&text, offset), "{offset}");
        }
        assert!(line_cols(&text, []).is_empty());
    }

    #[test]
    fn lines_are_found_across_blocks() {
        let text: String = (0..40_000).map(|i| format!("line {i}\n")).collect();
        let index = LineIndex::new(&text);
        for n in [1, 2, 9_000, 9_001, 25_000, 40_000] {
            let range = index.line_range(&text, n);
            assert_eq!(&text[range.clone()], format!("line {}", n - 1));
            let at = index.line_col(&text, range.start + 2);
            assert_eq!(at, LineCol { line: n, column: 3 });
            assert_eq!(index.offset(&text, at), range.start + 2);
        }
        assert_eq!(index.line_range(&text, 40_001), text.len()..text.len());
        assert_eq!(index.line_col(&text, text.len()).line, 40_001);
    }
}
