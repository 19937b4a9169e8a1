//! A deterministic corpus for tests and benchmarks: English-like text drawn from the words
//! of the shipped sources, with a known passage set in its middle, and the files of a small
//! project that quotes it.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Writes `text` as source `id` of the project in `dir` (`dir/sources/ID.txt`).
pub fn write_source(dir: &Path, id: &str, text: &str) {
    std::fs::create_dir_all(dir.join("sources")).expect("a sources folder");
    std::fs::write(dir.join("sources").join(format!("{id}.txt")), text).expect("a source");
}

/// Writes outline `name` in `dir`, with one paragraph citing `quote` (a plain YAML scalar)
/// from source `id`; returns its path.
pub fn write_outline(dir: &Path, name: &str, id: &str, quote: &str) -> PathBuf {
    let path = dir.join(name);
    let text = format!(
        "title: Generated\nsections:\n  - heading: H\n    paragraphs:\n      - text: T.\n        \
         cite:\n          source: {id}\n          quote: {quote}\n"
    );
    std::fs::write(&path, text).expect("an outline");
    path
}

/// The passage set in the middle of every generated source, on a line of its own.
pub const PASSAGE: &str = "The envoy confirmed that the harbour commission had rejected \
                           the northern route after three days of closed hearings.";

/// The passage with one word changed: the misquote a writer might make.
pub const MISQUOTE: &str = "The envoy confirmed that the harbour commission had refused \
                            the northern route after three days of closed hearings.";

/// About `bytes` of text: words of the shipped sources in a seeded pseudo-random order,
/// wrapped at 80 columns, with [`PASSAGE`] on its own line in the middle. Returns the text
/// and the 1-based line of the passage.
pub fn generate(bytes: usize, seed: u64) -> (String, usize) {
    let vocabulary = vocabulary();
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*: small, fast and the same on every machine.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut text = String::with_capacity(bytes + 200);
    let mut line = String::new();
    let mut lines = 0;
    let mut passage_line = 0;
    while text.len() < bytes {
        if passage_line == 0 && text.len() >= bytes / 2 {
            text.push_str(&line);
            text.push('\n');
            lines += 1;
            line.clear();
            writeln!(text, "{PASSAGE}").unwrap();
            lines += 1;
            passage_line = lines;
        }
        let word = vocabulary[(next() % vocabulary.len() as u64) as usize];
        if line.len() + word.len() + 1 > 80 {
            text.push_str(&line);
            text.push('\n');
            lines += 1;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    text.push_str(&line);
    text.push('\n');
    (text, passage_line)
}

/// The distinct words of the shipped sources.
fn vocabulary() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = [
        include_str!("../../../sources/russia-hamas-relations.txt"),
        include_str!("../../../sources/hamas-russia-china-support.txt"),
    ]
    .iter()
    .flat_map(|text| text.split_ascii_whitespace())
    .collect();
    words.sort_unstable();
    words.dedup();
    words
}
