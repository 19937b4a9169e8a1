//! A paginated document as an extractor lays it out: pages of blocks of lines of words, each
//! block with its place on the page and its type size, and the reading order of its columns.
//!
//! pdftotext reads a page's columns in order most of the time, but where a column's
//! paragraphs and the next column's top make separate flows it may read the next column
//! before the rest of the first: [`reading_order`] puts such a page's blocks back in the
//! order of its columns.

/// A paginated document as an extractor reads it: pages of blocks of lines of words.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The document's title, if it declares one.
    pub title: Option<String>,
    /// When it says it was made.
    pub date: Option<String>,
}

/// One page: its blocks (paragraphs, headings, captions) in reading order.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// The footnotes printed at the foot of the page, taken out of `blocks` by
    /// [`crate::sources::notes::take`].
    pub notes: Vec<Block>,
    /// The page's height in points; 0 when unknown.
    pub height: f32,
}

/// A block of a page: a paragraph, a heading, a caption, a footnote, a running header.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Block {
    /// Its lines, each line's words.
    pub lines: Vec<Vec<String>>,
    /// Where it is printed, in points from the page's top left; all 0 when unknown.
    pub frame: Frame,
    /// The median height of its lines in points, which follows the type size; 0 when unknown.
    pub size: f32,
}

/// A rectangle on a page, in points from its top left.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Block {
    /// A block of `lines` whose place on the page is not known.
    pub(crate) fn of(lines: Vec<Vec<String>>) -> Self {
        Block {
            lines,
            ..Block::default()
        }
    }
}

/// Puts the blocks of each page of several text columns in reading order: each band between
/// blocks that span columns, column by column, top to bottom. A page of one column keeps the
/// extractor's order, as does a page whose blocks' places are not known. Running headers,
/// footers and page numbers are taken out before, where the extractor puts them.
/// How many pages' order changed.
pub(crate) fn reading_order(pages: &mut [Page]) -> usize {
    let mut changed = 0;
    for page in pages {
        let Some(order) = columns_order(&page.blocks) else {
            continue;
        };
        if order.iter().enumerate().all(|(at, &i)| at == i) {
            continue;
        }
        let mut blocks: Vec<Option<Block>> = std::mem::take(&mut page.blocks)
            .into_iter()
            .map(Some)
            .collect();
        page.blocks = (order.into_iter())
            .filter_map(|i| blocks[i].take())
            .collect();
        changed += 1;
    }
    changed
}

/// The most blocks on a page whose places are compared with each other (for its reading
/// order, its footnotes, a word broken across its columns): a page of more keeps its order and
/// its notes in place, and the cost stays linear in the document's size.
pub(crate) const MAX_BLOCKS: usize = 300;

/// The order of `blocks` by columns, if they stand in two or more text columns.
fn columns_order(blocks: &[Block]) -> Option<Vec<usize>> {
    if blocks.len() < 3 || blocks.len() > MAX_BLOCKS {
        return None;
    }
    let known = |b: &Block| b.frame.right > b.frame.left && b.frame.bottom > b.frame.top;
    if !blocks.iter().all(known) {
        return None;
    }
    // Text: blocks of more than a heading or a page number.
    let text: Vec<&Block> = (blocks.iter())
        .filter(|b| b.lines.len() >= 3 && words(b) >= 12)
        .collect();
    let columns = columns(&text)?;
    // Each block's column, or `None` for one that spans columns.
    let column_of = |b: &Block| -> Option<usize> {
        columns
            .iter()
            .position(|&(left, right)| b.frame.left >= left - 1.0 && b.frame.right <= right + 1.0)
    };
    // What cuts the page into bands, read one after the other: a block that spans columns; a
    // heading or caption with nothing beside it and text below it in two columns or more;
    // the top of a gap across every column taller than two and a half lines (an image).
    let separates = |i: usize| {
        let b = &blocks[i];
        let Some(column) = column_of(b) else {
            return true;
        };
        let beside = (blocks.iter()).any(|o| {
            column_of(o) != Some(column)
                && o.frame.top < b.frame.bottom
                && o.frame.bottom > b.frame.top
        });
        let below: std::collections::BTreeSet<Option<usize>> = (blocks.iter())
            .filter(|o| o.frame.top >= b.frame.bottom - 1.0)
            .map(&column_of)
            .collect();
        b.lines.len() <= 2 && !beside && below.iter().flatten().count() >= 2
    };
    let separating: Vec<bool> = (0..blocks.len()).map(separates).collect();
    let mut cuts: Vec<f32> = (0..blocks.len())
        .filter(|&i| separating[i])
        .map(|i| blocks[i].frame.top)
        .collect();
    let line = median(&mut text.iter().map(|b| b.size).collect::<Vec<_>>());
    let mut by_top: Vec<&Block> = blocks.iter().collect();
    by_top.sort_by(|a, b| a.frame.top.total_cmp(&b.frame.top));
    let mut lowest = f32::NEG_INFINITY;
    for b in by_top {
        if lowest > f32::NEG_INFINITY && line > 0.0 && b.frame.top > lowest + 2.5 * line {
            cuts.push(b.frame.top - 0.5);
        }
        lowest = lowest.max(b.frame.bottom);
    }
    cuts.sort_by(f32::total_cmp);
    let band_of = |b: &Block| cuts.iter().take_while(|&&c| c <= b.frame.top).count();
    let mut keyed: Vec<((usize, usize, f32), usize)> = (0..blocks.len())
        .map(|i| {
            let b = &blocks[i];
            // Bands and the blocks that separate them alternate: a separating block comes
            // first in the band its top opens.
            let key = match (separating[i], column_of(b)) {
                (true, _) | (false, None) => (2 * band_of(b), 0, b.frame.top),
                (false, Some(column)) => (2 * band_of(b) + 1, column, b.frame.top),
            };
            (key, i)
        })
        .collect();
    keyed.sort_by(|(a, i), (b, j)| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(a.2.total_cmp(&b.2))
            .then(i.cmp(j))
    });
    Some(keyed.into_iter().map(|(_, i)| i).collect())
}

/// The median of `values`, which it sorts; 0 if there are none.
pub(crate) fn median(values: &mut [f32]) -> f32 {
    values.sort_by(f32::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// The text columns of a page from its blocks of text: the runs of the page's width they
/// cover, if there are two or more and each is at least a fifth of the text's width.
fn columns(text: &[&Block]) -> Option<Vec<(f32, f32)>> {
    let mut spans: Vec<(f32, f32)> = text.iter().map(|b| (b.frame.left, b.frame.right)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (left, right) in spans {
        match merged.last_mut() {
            Some(last) if left <= last.1 => last.1 = last.1.max(right),
            _ => merged.push((left, right)),
        }
    }
    let width = merged.last()?.1 - merged.first()?.0;
    (merged.len() >= 2 && merged.iter().all(|(l, r)| r - l >= width / 5.0)).then_some(merged)
}

fn words(block: &Block) -> usize {
    block.lines.iter().map(Vec::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, left: f32, top: f32, right: f32, lines: usize) -> Block {
        Block {
            lines: (0..lines)
                .map(|i| (0..5).map(|w| format!("{text}{i}{w}")).collect::<Vec<_>>())
                .collect(),
            frame: Frame {
                left,
                top,
                right,
                bottom: top + 10.0 * lines as f32,
            },
            size: 10.0,
        }
    }

    fn order(blocks: Vec<Block>) -> Vec<String> {
        let mut pages = vec![Page {
            blocks,
            ..Page::default()
        }];
        reading_order(&mut pages);
        (pages[0].blocks.iter())
            .map(|b| b.lines[0][0].trim_end_matches(char::is_numeric).to_owned())
            .collect()
    }

    #[test]
    fn two_columns_read_one_after_the_other() {
        // As pdftotext may give them: the first column's top, the second column, the rest of
        // the first column. Short blocks at the top of a column (a heading, a line that ends a
        // paragraph) stay in their column.
        let blocks = vec![
            block("heading", 20.0, 30.0, 140.0, 1),
            block("left", 20.0, 45.0, 140.0, 10),
            block("ending", 160.0, 30.0, 290.0, 1),
            block("right", 160.0, 45.0, 290.0, 30),
            block("lower", 20.0, 160.0, 140.0, 19),
            block("last", 20.0, 360.0, 140.0, 1),
        ];
        assert_eq!(
            order(blocks),
            ["heading", "left", "lower", "last", "ending", "right"]
        );
    }

    #[test]
    fn one_column_and_table_rows_keep_their_order() {
        let single = vec![
            block("b", 20.0, 100.0, 290.0, 5),
            block("a", 20.0, 30.0, 290.0, 5),
            block("c", 20.0, 200.0, 290.0, 5),
        ];
        assert_eq!(order(single), ["b", "a", "c"]);
        // Cells of one line each are not columns of text.
        let table = vec![
            block("r1c1", 20.0, 30.0, 140.0, 1),
            block("r1c2", 160.0, 30.0, 290.0, 1),
            block("r2c1", 20.0, 45.0, 140.0, 1),
            block("r2c2", 160.0, 45.0, 290.0, 1),
        ];
        assert_eq!(order(table), ["r1c", "r1c", "r2c", "r2c"]);
    }
}
