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

/// A sparse index of the lines of a text: how many lines end before each 4 KiB block.
///
/// It costs 8 bytes per block, not per line, so a source of a gigabyte of empty lines indexes
/// in 2 MiB; a lookup counts line ends in one block with `memchr` (ten thousand quotes
/// placed in 64 KiB blocks counted some 600 MB).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `ends_before[b]`: the number of `\n` in the text before block `b`.
    ends_before: Vec<usize>,
    /// The number of `\n` in the whole text.
    ends: usize,
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
        Self { ends_before, ends }
    }

    /// The line and column of byte `offset` of `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let bytes = text.as_bytes();
        let block = offset / BLOCK;
        let before = self.ends_before.get(block).copied().unwrap_or(self.ends);
        let in_block = memchr::memchr_iter(b'\n', &bytes[(block * BLOCK).min(offset)..offset]);
        let line = before + in_block.count() + 1;
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        let column = text[start..offset].chars().count() + 1;
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
