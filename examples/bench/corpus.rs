//! The benchmark's data: a corpus of sources and, generated from a seed, outlines that quote
//! them.
//!
//! Two corpora. The Markov corpus is English-like text (a word-level Markov chain over the
//! shipped sources) in three layouts (hard-wrapped at 72 columns, one paragraph per line,
//! wrapped at 80 with two spaces after a sentence); every fourth source has curly quotation
//! marks, and the second is a near-duplicate of the first (one word in 400 changed): cases
//! real text lacks. The prose corpus is real documentation ([`crate::prose`]), with natural
//! word frequencies.
//!
//! A workload's quotes are 87.5% exact (6 to 40 words, crossing line breaks; one in five
//! overlapping the quote before) and 12.5% cut with an ellipsis (four dots where whole
//! sentences are left out). A given share of them is then misquoted in place: nine in ten
//! with one word changed to another word of the same source, one in ten made up of the
//! source's words. The workloads of one corpus and size share their quotes that hold, so the
//! difference between two misquote rates is the misquotes' own cost.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The Markov corpus's shape.
pub struct Shape {
    pub name: &'static str,
    pub sources: usize,
    pub bytes: usize,
}

/// What a quote is, and so what `report check` must say of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Exact,
    Ellipsis,
    Changed,
    MadeUp,
}

impl Kind {
    pub fn holds(self) -> bool {
        matches!(self, Kind::Exact | Kind::Ellipsis)
    }
}

/// One generated quote of source `source` (an index into [`Corpus::sources`]).
pub struct Quote {
    pub kind: Kind,
    pub source: usize,
    pub text: String,
}

/// One source: its text as written and the byte ranges of its words (runs of non-whitespace).
pub struct Source {
    pub path: PathBuf,
    pub id: String,
    pub text: String,
    words: Vec<Range<u32>>,
}

impl Source {
    fn new(path: PathBuf, text: String) -> Self {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let base = text.as_ptr() as usize;
        let words = (text.split_ascii_whitespace())
            .map(|w| {
                let start = (w.as_ptr() as usize - base) as u32;
                start..start + w.len() as u32
            })
            .collect();
        Self {
            path,
            id,
            text,
            words,
        }
    }

    fn word(&self, i: usize) -> &str {
        let r = &self.words[i];
        &self.text[r.start as usize..r.end as usize]
    }

    fn words(&self, range: Range<usize>) -> Vec<&str> {
        range.map(|i| self.word(i)).collect()
    }
}

/// A project folder (`dir`, with `sources/`) and its sources.
pub struct Corpus {
    pub name: String,
    pub dir: PathBuf,
    pub sources: Vec<Source>,
    /// What the corpus was made from, to print.
    pub origin: Vec<String>,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.sources.iter().map(|s| s.text.len()).sum()
    }

    pub fn largest(&self) -> usize {
        self.sources.iter().map(|s| s.text.len()).max().unwrap_or(0)
    }
}

/// A workload written to disk: outlines in the corpus's folder.
pub struct Workload {
    pub name: String,
    pub dir: PathBuf,
    pub outlines: Vec<PathBuf>,
    /// ripgrep's pattern file: the exact quotes, one per line.
    pub patterns: PathBuf,
    /// Every source of the folder, in the order of [`Corpus::sources`].
    pub source_files: Vec<PathBuf>,
    /// The sources some quote cites, and their size.
    pub cited: Vec<PathBuf>,
    pub cited_bytes: usize,
    pub quotes: Vec<Quote>,
    /// Every source's size, and the largest's.
    pub bytes: usize,
    pub largest: usize,
    pub misquoted_percent: usize,
}

impl Workload {
    pub fn misquotes(&self) -> usize {
        self.quotes.iter().filter(|q| !q.kind.holds()).count()
    }
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

/// Writes the Markov corpus of `shape` under `dir`.
pub fn markov(shape: &Shape, dir: &Path, seed: u64) -> Corpus {
    let chain = Chain::new();
    let mut rng = Rng::new(seed);
    let dir = dir.join(shape.name);
    std::fs::create_dir_all(dir.join("sources")).expect("a workload folder");
    let mean = shape.bytes / shape.sources;
    let mut sources: Vec<Source> = Vec::with_capacity(shape.sources);
    for i in 0..shape.sources {
        let bytes = mean / 2 + rng.below(mean);
        let mut words: Vec<String> = if i == 1 {
            // The near-duplicate of source 0: the same text, one word in 400 changed.
            let mut copy: Vec<String> = (0..sources[0].words.len())
                .map(|w| sources[0].word(w).to_owned())
                .collect();
            for w in copy.iter_mut().step_by(400) {
                *w = chain.word(&mut rng).to_owned();
            }
            copy
        } else {
            (chain.words(&mut rng, bytes / 7).into_iter())
                .map(str::to_owned)
                .collect()
        };
        if i % 4 == 3 {
            words = words.iter().map(|w| curly(w)).collect();
        }
        let text = lay_out(&words, i % 3, &mut rng);
        let path = dir.join("sources").join(format!("s{i:03}.txt"));
        std::fs::write(&path, &text).expect("a source");
        sources.push(Source::new(path, text));
    }
    Corpus {
        name: format!("markov-{}", shape.name),
        dir,
        sources,
        origin: vec![format!(
            "a Markov chain over the shipped sources, seed {seed}"
        )],
    }
}

/// The real-prose corpus ([`crate::prose`]), linked (or copied) into `dir/prose/sources`.
pub fn prose(dir: &Path) -> Corpus {
    let (cached, origin) = crate::prose::sources();
    let dir = dir.join("prose");
    let folder = dir.join("sources");
    std::fs::create_dir_all(&folder).expect("a workload folder");
    let mut paths: Vec<PathBuf> = (std::fs::read_dir(&cached).expect("the cached corpus"))
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let sources = (paths.into_iter())
        .map(|from| {
            let to = folder.join(from.file_name().unwrap());
            if !to.exists() && std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).expect("a source copied");
            }
            let text = std::fs::read_to_string(&to).expect("a UTF-8 source");
            Source::new(to, text)
        })
        .collect();
    Corpus {
        name: "prose".into(),
        dir,
        sources,
        origin,
    }
}

/// As a careful writer quotes, no quote starts just after a `not`: that would say the
/// opposite of the source, and is refused.
fn negation(word: &str) -> bool {
    report::matching::gap::words_of(word).any(report::matching::gap::is_negation)
}

/// Whether a word ends a sentence, closing marks aside.
fn closes(w: &str) -> bool {
    w.trim_end_matches(['’', '”', '"', '\'', ')', ']'])
        .ends_with(['.', '!', '?'])
}

/// A quote of the words `range` of `source` cut with an ellipsis, as a writer cuts it; or
/// whole where a cut would turn the claim around, leave out a paragraph break, or could not
/// be written.
fn elide(source: &Source, range: Range<usize>, rng: &mut Rng) -> String {
    let span = source.words(range.clone());
    let len = span.len();
    let head = 3 + rng.below(len / 2 - 3);
    let tail = 3 + rng.below(len - head - 4);
    let gap = &source.text[source.words[range.start + head - 1].end as usize
        ..source.words[range.end - tail].start as usize];
    // Nor where the source prints dots of its own (a writer's would be taken for them), nor
    // across more than an ellipsis may skip.
    let dots = span.iter().any(|w| w.contains("..") || w.contains('…'));
    if gap.lines().skip(1).any(|line| line.trim().is_empty()) || dots || gap.len() > 1500 {
        return span.join(" ");
    }
    // Four dots where a sentence's end is left out, three within one sentence (sentence ends
    // as the check counts them: a full stop before a no-break space too); an omission
    // holding a `not` would turn the claim around, so such a quote is written whole.
    let gap_range = source.words[range.start + head - 1].end as usize
        ..source.words[range.end - tail].start as usize;
    let ends = report::matching::gap::measure(&source.text, gap_range.clone()).sentences > 0;
    // A head that ends a sentence inside quotation marks (`‘self-defence.’`) takes no period
    // of its own: such a quote is written whole.
    let quoted_end = closes(span[head - 1]) && !span[head - 1].ends_with(['.', '!', '?']);
    // A period after a single letter (`“A.`) would read as an initial.
    let letters = (span[head - 1].chars())
        .filter(|c| c.is_alphanumeric())
        .count();
    // Nor after a word with dots of its own (`trusted.gpg`) or a negation (`by no.`).
    let dotted = span[head - 1]
        .trim_end_matches(['.', '!', '?'])
        .contains('.');
    let quoted_end = quoted_end || (ends && (letters <= 1 || dotted || negation(span[head - 1])));
    let dropped = report::matching::gap::negation_at_edges(&source.text, gap_range).is_some();
    match (
        dropped || (quoted_end && ends),
        ends && !closes(span[head - 1]),
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

/// The source of a new quote: half the time any source, half the time one chosen by size
/// (a byte of the corpus picked at random), so that long documents are cited as often as
/// their length suggests.
fn pick_source(sources: &[Source], total: usize, rng: &mut Rng) -> usize {
    let eligible = |s: &Source| s.words.len() > 80;
    loop {
        let s = if rng.below(2) == 0 {
            rng.below(sources.len())
        } else {
            let mut at = rng.below(total);
            let mut s = 0;
            while at >= sources[s].text.len() {
                at -= sources[s].text.len();
                s += 1;
            }
            s
        };
        if eligible(&sources[s]) {
            return s;
        }
    }
}

/// `count` quotes that hold: (kind, source, first word, words).
fn holding_quotes(count: usize, sources: &[Source], seed: u64) -> Vec<(Kind, usize, Range<usize>)> {
    let mut rng = Rng::new(seed);
    let total = sources.iter().map(|s| s.text.len()).sum();
    let mut quotes: Vec<(Kind, usize, Range<usize>)> = Vec::with_capacity(count);
    let mut last: Option<(usize, usize)> = None;
    for i in 0..count {
        let kind = match i % 8 {
            7 => Kind::Ellipsis,
            _ => Kind::Exact,
        };
        let len = match kind {
            Kind::Ellipsis => 12 + rng.below(29),
            _ => 6 + rng.below(35),
        };
        let (source, start) = match last {
            // One exact quote in five starts inside the quote before it.
            Some((source, start)) if kind == Kind::Exact && rng.below(5) == 0 => {
                (source, start + 3)
            }
            _ => {
                let source = pick_source(sources, total, &mut rng);
                (source, rng.below(sources[source].words.len() - 60))
            }
        };
        let words = sources[source].words.len();
        let mut start = start.min(words - len);
        // Nor does one start or end inside a number written in groups (`15 000`), or inside
        // a range set off by spaces (`512 - 1024`): between words `before` and `before + 1`.
        let number = |before: usize| {
            let word = |i: usize| sources[source].word(i);
            let ends_digit = |i: usize| word(i).ends_with(|c: char| c.is_ascii_digit());
            let starts_digit = |i: usize| word(i).starts_with(|c: char| c.is_ascii_digit());
            let mark = |i: usize| {
                matches!(
                    word(i),
                    "-" | "–" | "—" | "‒" | "‑" | "−" | "~" | "～" | "〜"
                )
            };
            let grouped = before + 1 < words && ends_digit(before) && starts_digit(before + 1);
            let range_after = before + 2 < words
                && ends_digit(before)
                && mark(before + 1)
                && starts_digit(before + 2);
            let range_before = before >= 1
                && before + 1 < words
                && mark(before)
                && ends_digit(before - 1)
                && starts_digit(before + 1);
            grouped || range_after || range_before
        };
        // Nor just after a negation (marks between or not), nor just before one, nor with a
        // mark that prints as nothing.
        let negated = |start: usize| {
            // Words are those with a letter: a footnote's number or mark is passed over.
            let word = |i: usize| Some(sources[source].word(i));
            let lettered = |w: &&str| w.chars().any(char::is_alphabetic);
            let before = (0..start).rev().filter_map(word).find(lettered);
            let after = (start + len..words).filter_map(word).find(lettered);
            let place = sources[source].words[start].start as usize
                ..sources[source].words[start + len - 1].end as usize;
            before.is_some_and(negation)
                || after.is_some_and(negation)
                || report::matching::negation_beside(&sources[source].text, place)
        };
        let invisible = |start: usize| {
            let word = sources[source].word(start);
            word.starts_with(report::matching::gap::is_invisible)
        };
        // Nor of punctuation alone (a table's rule of `=` signs): no quote without a word holds.
        let wordless = |start: usize| {
            (start..start + len)
                .all(|i| !sources[source].word(i).chars().any(char::is_alphanumeric))
        };
        while start > 0
            && start + len < words
            && (negated(start)
                || invisible(start)
                || wordless(start)
                || number(start - 1)
                || number(start + len - 1))
        {
            start += 1;
        }
        last = (kind == Kind::Exact).then_some((source, start));
        quotes.push((kind, source, start..start + len));
    }
    quotes
}

/// A misquote of the words `span` of `source`: one word changed to another of the source's
/// words, or (one in ten, and wherever the source marks words with brackets or dots) as many
/// of its words picked at random.
fn misquote(source: &Source, span: Range<usize>, rng: &mut Rng) -> (Kind, String) {
    // A word with brackets or dots would be read as the writer's own marks (`[a]` standing
    // for the source's words, `...` leaving them out): no misquote has one.
    let marked = |w: &str| w.contains(['[', ']', '(', ')', '{', '}', '…']) || w.contains("..");
    let plain = |rng: &mut Rng| loop {
        let word = source.word(rng.below(source.words.len()));
        if !marked(word) {
            return word;
        }
    };
    let len = span.len().max(12);
    let original = source.words(span);
    if rng.below(10) == 0 || original.iter().any(|w| marked(w)) {
        let words: Vec<&str> = (0..len).map(|_| plain(rng)).collect();
        return (Kind::MadeUp, words.join(" "));
    }
    let mut changed = original.clone();
    let at = 1 + rng.below(changed.len() - 2);
    while changed[at] == original[at] {
        changed[at] = plain(rng);
    }
    (Kind::Changed, changed.join(" "))
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

fn outline(title: &str, quotes: &[Quote], sources: &[Source]) -> String {
    let mut yaml = format!("title: {title}\nsections:\n");
    for (s, section) in quotes.chunks(20).enumerate() {
        writeln!(yaml, "  - heading: Section {}\n    paragraphs:", s + 1).unwrap();
        for paragraph in section.chunks(2) {
            yaml.push_str("      - text: A claim resting on these sources.\n        cite:\n");
            for quote in paragraph {
                writeln!(
                    yaml,
                    "          - source: {}\n            quote: {}",
                    sources[quote.source].id,
                    yaml_string(&quote.text)
                )
                .unwrap();
            }
        }
    }
    yaml
}

/// Writes a workload of `count` quotes of `corpus` in outlines of `per_outline`, of which
/// `misquoted_percent` are misquotes. The same `count` and `seed` give the same quotes that
/// hold, whatever the rate.
pub fn workload(
    corpus: &Corpus,
    count: usize,
    per_outline: usize,
    misquoted_percent: usize,
    seed: u64,
) -> Workload {
    let mut rng = Rng::new(seed ^ 0xA5A5);
    let quotes: Vec<Quote> = (holding_quotes(count, &corpus.sources, seed).into_iter())
        .enumerate()
        .map(|(i, (kind, source, span))| {
            let (kind, text) = if (i * misquoted_percent) % 100 < misquoted_percent {
                misquote(&corpus.sources[source], span, &mut rng)
            } else {
                // Each quote's own generator: the cut is the same whatever the rate.
                let mut own = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37));
                match kind {
                    Kind::Ellipsis => (kind, elide(&corpus.sources[source], span, &mut own)),
                    _ => (kind, corpus.sources[source].words(span).join(" ")),
                }
            };
            Quote { kind, source, text }
        })
        .collect();
    let name = format!("{}-{count}-{misquoted_percent}pct", corpus.name);
    let mut outlines = Vec::new();
    for (o, chunk) in quotes.chunks(per_outline).enumerate() {
        let path = corpus
            .dir
            .join(format!("{count}q-{misquoted_percent}pct-{o:02}.yaml"));
        let yaml = outline(&format!("Briefing {o}"), chunk, &corpus.sources);
        std::fs::write(&path, yaml).expect("an outline");
        outlines.push(path);
    }
    let exact: Vec<&str> = (quotes.iter())
        .filter(|q| q.kind == Kind::Exact)
        .map(|q| q.text.as_str())
        .collect();
    let patterns = corpus
        .dir
        .join(format!("{count}q-{misquoted_percent}pct-quotes.txt"));
    std::fs::write(&patterns, exact.join("\n") + "\n").expect("a pattern file");
    let mut cited: Vec<usize> = quotes.iter().map(|q| q.source).collect();
    cited.sort_unstable();
    cited.dedup();
    Workload {
        name,
        dir: corpus.dir.clone(),
        outlines,
        patterns,
        source_files: corpus.sources.iter().map(|s| s.path.clone()).collect(),
        cited_bytes: cited.iter().map(|&s| corpus.sources[s].text.len()).sum(),
        cited: cited
            .iter()
            .map(|&s| corpus.sources[s].path.clone())
            .collect(),
        quotes,
        bytes: corpus.bytes(),
        largest: corpus.largest(),
        misquoted_percent,
    }
}
