//! The benchmark's data, generated from a seed: sources of English-like text (a word-level
//! Markov chain over the shipped sources) and outlines that quote them.
//!
//! Sources come in three layouts (hard-wrapped at 72 columns, one paragraph per line, wrapped
//! at 80 with two spaces after a sentence); every fourth has curly quotation marks, and the
//! second source is a near-duplicate of the first (one word in 400 changed). Quotes are 70%
//! exact (6 to 40 words, crossing line breaks; some overlapping the quote before), 10% cut
//! with an ellipsis (four dots where whole sentences are left out), 18% with one word
//! changed and 2% made up.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A workload's shape.
pub struct Shape {
    pub name: &'static str,
    pub sources: usize,
    pub bytes: usize,
    pub outlines: usize,
    pub quotes_per_outline: usize,
}

/// What a quote is, and so what `report check` must say of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Exact,
    Ellipsis,
    Changed,
    MadeUp,
}

/// One generated quote.
pub struct Quote {
    pub kind: Kind,
    pub source: usize,
    pub text: String,
}

/// A workload written to disk.
pub struct Workload {
    pub dir: PathBuf,
    pub outlines: Vec<PathBuf>,
    /// One outline with only the exact and ellipsis quotes (W200 only).
    pub holding: Option<PathBuf>,
    pub source_files: Vec<PathBuf>,
    pub quotes: Vec<Quote>,
    pub bytes: usize,
    pub largest: usize,
}

/// A small fast generator (xorshift64*), the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A word-level Markov chain over the shipped sources.
pub struct Chain {
    words: Vec<&'static str>,
    next: Vec<Vec<u32>>,
}

impl Chain {
    pub fn new() -> Self {
        let text = concat!(
            include_str!("../../sources/russia-hamas-relations.txt"),
            "\n",
            include_str!("../../sources/hamas-russia-china-support.txt")
        );
        let tokens: Vec<&'static str> = text.split_ascii_whitespace().collect();
        let mut words = tokens.clone();
        words.sort_unstable();
        words.dedup();
        let id = |w: &str| words.binary_search(&w).expect("a word of the text") as u32;
        let mut next = vec![Vec::new(); words.len()];
        for pair in tokens.windows(2) {
            next[id(pair[0]) as usize].push(id(pair[1]));
        }
        Self { words, next }
    }

    /// `n` words; one in eight starts afresh, so long runs seldom repeat.
    pub fn words(&self, rng: &mut Rng, n: usize) -> Vec<&'static str> {
        let mut at = rng.below(self.words.len());
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.words[at]);
            let next = &self.next[at];
            at = if next.is_empty() || rng.below(8) == 0 {
                rng.below(self.words.len())
            } else {
                next[rng.below(next.len())] as usize
            };
        }
        out
    }

    pub fn word(&self, rng: &mut Rng) -> &'static str {
        self.words[rng.below(self.words.len())]
    }
}

/// One source: its words (as quoted) and its text (as written).
struct Source {
    words: Vec<String>,
    text: String,
}

fn curly(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for (i, c) in word.char_indices() {
        match c {
            '\'' => out.push('’'),
            '"' if i == 0 => out.push('“'),
            '"' => out.push('”'),
            _ => out.push(c),
        }
    }
    out
}

/// Writes `words` in layout `layout`.
fn lay_out(words: &[String], layout: usize, rng: &mut Rng) -> String {
    let mut text = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    let mut column = 0;
    let width = if layout == 0 { 72 } else { 80 };
    let mut paragraph = 40 + rng.below(80);
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let sentence_end = words[i - 1].ends_with('.');
            if layout == 1 {
                paragraph -= 1;
                if paragraph == 0 && sentence_end {
                    text.push_str("\n\n");
                    paragraph = 40 + rng.below(80);
                } else {
                    text.push(' ');
                }
            } else if column + word.len() + 1 > width {
                text.push('\n');
                column = 0;
            } else if layout == 2 && sentence_end {
                text.push_str("  ");
                column += 2;
            } else {
                text.push(' ');
                column += 1;
            }
        }
        text.push_str(word);
        column += word.len();
    }
    text.push('\n');
    text
}

fn make_sources(shape: &Shape, chain: &Chain, rng: &mut Rng) -> Vec<Source> {
    let mean = shape.bytes / shape.sources;
    let mut sources: Vec<Source> = Vec::with_capacity(shape.sources);
    for i in 0..shape.sources {
        let bytes = mean / 2 + rng.below(mean);
        let mut words: Vec<String> = if i == 1 {
            // The near-duplicate of source 0: the same text, one word in 400 changed.
            let mut copy = sources[0].words.clone();
            for w in copy.iter_mut().step_by(400) {
                *w = chain.word(rng).to_owned();
            }
            copy
        } else {
            chain
                .words(rng, bytes / 7)
                .into_iter()
                .map(str::to_owned)
                .collect()
        };
        if i % 4 == 3 {
            words = words.iter().map(|w| curly(w)).collect();
        }
        let text = lay_out(&words, i % 3, rng);
        sources.push(Source { words, text });
    }
    sources
}

fn make_quote(
    kind: Kind,
    source: usize,
    words: &[String],
    start: usize,
    rng: &mut Rng,
    chain: &Chain,
) -> Quote {
    let len = match kind {
        Kind::Ellipsis => 12 + rng.below(29),
        _ => 6 + rng.below(35),
    };
    let mut start = start.min(words.len() - len);
    // As a careful writer does, no quote starts just after a `not`: that would say the
    // opposite of the source, and is refused.
    let negation = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        report::matching::gap::is_negation(w)
    };
    while start > 0 && start + len < words.len() && negation(&words[start - 1]) {
        start += 1;
    }
    let span = &words[start..start + len];
    let text = match kind {
        Kind::Exact => span.join(" "),
        Kind::Ellipsis => {
            let head = 3 + rng.below(len / 2 - 3);
            let tail = 3 + rng.below(len - head - 4);
            let left_out = &span[head..len - tail];
            // As a writer quotes: four dots where whole sentences are left out, three within
            // one; a short omission holding a `not` would turn the claim around, so such a
            // quote is written whole.
            let closes = |w: &str| {
                w.trim_end_matches(['’', '”', '"', '\'', ')', ']'])
                    .ends_with(['.', '!', '?'])
            };
            let ends = left_out.iter().any(|w| closes(w));
            // A head that ends a sentence inside quotation marks (`‘self-defence.’`) takes
            // no period of its own: such a quote is written whole.
            let quoted_end = closes(&span[head - 1]) && !span[head - 1].ends_with(['.', '!', '?']);
            // A period after a single letter (`“A.`) would read as an initial.
            let letters = span[head - 1]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count();
            let quoted_end = quoted_end || (ends && letters <= 1);
            let dropped = left_out.len() <= 4 && left_out.iter().any(|w| negation(w));
            match (
                dropped || (quoted_end && ends),
                ends && !closes(&span[head - 1]),
            ) {
                (true, _) => span.join(" "),
                (false, true) => format!(
                    "{}. ... {}",
                    span[..head].join(" "),
                    span[len - tail..].join(" ")
                ),
                (false, false) => format!(
                    "{} ... {}",
                    span[..head].join(" "),
                    span[len - tail..].join(" ")
                ),
            }
        }
        Kind::Changed => {
            let mut changed = span.to_vec();
            let at = 1 + rng.below(len - 2);
            while changed[at] == span[at] {
                changed[at] = chain.word(rng).to_owned();
            }
            changed.join(" ")
        }
        // Made-up quotes are at least 12 words, so that chance seldom puts one in a source.
        Kind::MadeUp => chain.words(rng, len.max(12)).join(" "),
    };
    Quote { kind, source, text }
}

fn make_quotes(count: usize, sources: &[Source], chain: &Chain, rng: &mut Rng) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::with_capacity(count);
    let mut last: Option<(usize, usize)> = None;
    for i in 0..count {
        let kind = match i % 50 {
            0..35 => Kind::Exact,
            35..40 => Kind::Ellipsis,
            40..49 => Kind::Changed,
            _ => Kind::MadeUp,
        };
        let (source, start) = match last {
            // One exact quote in five starts inside the quote before it.
            Some((source, start)) if kind == Kind::Exact && rng.below(5) == 0 => {
                (source, start + 3)
            }
            _ => {
                let source = rng.below(sources.len());
                (source, rng.below(sources[source].words.len() - 60))
            }
        };
        let quote = make_quote(kind, source, &sources[source].words, start, rng, chain);
        last = (kind == Kind::Exact).then_some((source, start));
        quotes.push(quote);
    }
    quotes
}

/// A YAML double-quoted scalar of `text`.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn outline(title: &str, quotes: &[&Quote]) -> String {
    let mut yaml = format!("title: {title}\nsections:\n");
    for (s, section) in quotes.chunks(20).enumerate() {
        writeln!(yaml, "  - heading: Section {}\n    paragraphs:", s + 1).unwrap();
        for paragraph in section.chunks(2) {
            yaml.push_str("      - text: A claim resting on these sources.\n        cite:\n");
            for quote in paragraph {
                writeln!(
                    yaml,
                    "          - source: s{:03}\n            quote: {}",
                    quote.source,
                    yaml_string(&quote.text)
                )
                .unwrap();
            }
        }
    }
    yaml
}

/// Generates and writes the workload `shape` under `dir`.
pub fn write(shape: &Shape, dir: &Path, seed: u64) -> Workload {
    let chain = Chain::new();
    let mut rng = Rng::new(seed);
    let sources = make_sources(shape, &chain, &mut rng);
    let count = shape.outlines * shape.quotes_per_outline;
    let quotes = make_quotes(count, &sources, &chain, &mut rng);
    let dir = dir.join(shape.name);
    std::fs::create_dir_all(dir.join("sources")).expect("a workload folder");
    let mut source_files = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let path = dir.join("sources").join(format!("s{i:03}.txt"));
        std::fs::write(&path, &source.text).expect("a source");
        source_files.push(path);
    }
    let mut outlines = Vec::new();
    for (o, chunk) in quotes.chunks(shape.quotes_per_outline).enumerate() {
        let path = dir.join(format!("briefing-{o:02}.yaml"));
        let refs: Vec<&Quote> = chunk.iter().collect();
        std::fs::write(&path, outline(&format!("Briefing {o}"), &refs)).expect("an outline");
        outlines.push(path);
    }
    let holding = (shape.outlines == 1).then(|| {
        let path = dir.join("holding.yaml");
        let refs: Vec<&Quote> = (quotes.iter())
            .filter(|q| matches!(q.kind, Kind::Exact | Kind::Ellipsis))
            .collect();
        std::fs::write(&path, outline("Holding quotes only", &refs)).expect("an outline");
        path
    });
    let exact: Vec<&str> = (quotes.iter())
        .filter(|q| q.kind == Kind::Exact)
        .map(|q| q.text.as_str())
        .collect();
    std::fs::write(dir.join("quotes.txt"), exact.join("\n") + "\n").expect("a pattern file");
    Workload {
        dir,
        outlines,
        holding,
        source_files,
        bytes: sources.iter().map(|s| s.text.len()).sum(),
        largest: sources.iter().map(|s| s.text.len()).max().unwrap_or(0),
        quotes,
    }
}
