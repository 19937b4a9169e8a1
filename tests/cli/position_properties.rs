//! Property tests of places: every line:col a finding reports points at the first character
//! of its quote, in the outline and, for a quote found elsewhere, in that source.
//!
//! The outline generator records where it writes each quote, so places are checked against
//! the file as written, not as parsed. Failures are not persisted; the hand-minimised
//! counterexample at the end is a plain test.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use report::check::finding::{Code, Detail, Finding};
use report::matching::Fragments;
use report::text::position::LineCol;
use report::{CheckOptions, CheckedOutline};

// ---------------------------------------------------------------------------------------
// 2. Places: every line:col a finding reports
// ---------------------------------------------------------------------------------------

/// Words of the generated sources and quotes: some that YAML must quote or escape (`'`,
/// `"`, `\`, `:`, `#`, `,`), and some of more than one byte (columns count characters).
const WORDS: [&str; 14] = [
    "alpha",
    "beta",
    "gamma",
    "it's",
    "co-op",
    "1,400",
    "café",
    "中文",
    "\"so\"",
    "'tis",
    "#5",
    "key:",
    "back\\slash",
    "x",
];

const SEPARATORS: [&str; 5] = [" ", "\n", "\r\n", "  ", "\t"];

/// How a quote is written in the outline.
#[derive(Debug, Clone, Copy)]
enum Style {
    Plain,
    Single,
    Double,
    /// `|` with a chomping indicator (``, `-` or `+`).
    Literal(&'static str),
    /// `>` with a chomping indicator.
    Folded(&'static str),
}

/// How a paragraph holds its citations.
#[derive(Debug, Clone, Copy)]
enum Layout {
    /// `cite:` and a block mapping under it.
    Mapping,
    /// `cite:` and a list of block mappings.
    List,
    /// `cite: {source: …, quote: …}`.
    Flow,
    /// `cite:` and a list of flow mappings.
    FlowList,
    /// A block quotation: `quote:` and a block mapping under it.
    BlockQuote,
}

/// One citation to write.
#[derive(Debug, Clone)]
struct Cite {
    /// The index of the source cited.
    source: usize,
    words: Vec<&'static str>,
    style: Style,
    quote_key_first: bool,
    comment: bool,
}

/// An outline and its sources, to write into a temporary folder.
#[derive(Debug, Clone)]
struct Project {
    /// The words of each source, and the whitespace after each.
    sources: Vec<Vec<(&'static str, &'static str)>>,
    paragraphs: Vec<(Layout, Vec<Cite>)>,
    /// Indentation step, and whether lists stand at their parent key's column.
    unit: usize,
    compact: bool,
    bom: bool,
    crlf: bool,
    /// Decides blank lines, comments and line breaks in block scalars.
    noise: u64,
}

impl Project {
    fn source_text(&self, i: usize) -> String {
        self.sources[i].iter().flat_map(|(w, s)| [*w, *s]).collect()
    }
}

/// Any [`Style`], each chomping indicator for block scalars.
fn style() -> impl Strategy<Value = Style> {
    let chomp = || select(&["", "-", "+"][..]);
    prop_oneof![
        Just(Style::Plain),
        Just(Style::Single),
        Just(Style::Double),
        chomp().prop_map(Style::Literal),
        chomp().prop_map(Style::Folded),
    ]
}

/// A citation of one of `sources` (by index), quoting a run of the cited source, a run of
/// another source (so misattributed, unless the cited one has it too), or random words; an
/// ellipsis now and then.
fn cite(sources: Vec<Vec<&'static str>>) -> impl Strategy<Value = Cite> {
    let n = sources.len();
    let random = prop::collection::vec(select(&WORDS[..]), 1..4);
    let taken = (0..n, any::<prop::sample::Index>(), 1..4usize);
    let words = prop_oneof![
        2 => taken.prop_map(move |(from, at, len)| {
            let words = &sources[from];
            let start = at.index(words.len());
            words[start..(start + len).min(words.len())].to_vec()
        }),
        1 => random,
    ];
    let ellipsis = prop::bool::weighted(0.2);
    (0..n, words, ellipsis, style(), any::<bool>(), any::<bool>()).prop_map(
        |(source, mut words, ellipsis, style, quote_key_first, comment)| {
            if ellipsis && words.len() >= 2 {
                words.insert(words.len() / 2, "...");
            }
            Cite {
                source,
                words,
                style,
                quote_key_first,
                comment,
            }
        },
    )
}

/// One or two sources, and one to five paragraphs citing them in any layout.
fn project() -> impl Strategy<Value = Project> {
    let source = prop::collection::vec((select(&WORDS[..]), select(&SEPARATORS[..])), 3..30);
    prop::collection::vec(source, 1..=2).prop_flat_map(|sources| {
        let words: Vec<Vec<&str>> = sources
            .iter()
            .map(|s| s.iter().map(|(w, _)| *w).collect())
            .collect();
        let layout = select(
            &[
                Layout::Mapping,
                Layout::List,
                Layout::Flow,
                Layout::FlowList,
                Layout::BlockQuote,
            ][..],
        );
        let paragraph = (layout, prop::collection::vec(cite(words), 1..3));
        let paragraphs = prop::collection::vec(paragraph, 1..6);
        (
            Just(sources),
            paragraphs,
            1..=4usize,
            any::<[bool; 3]>(),
            any::<u64>(),
        )
            .prop_map(
                |(sources, paragraphs, unit, [compact, bom, crlf], noise)| Project {
                    sources,
                    paragraphs,
                    unit,
                    compact,
                    bom,
                    crlf,
                    noise,
                },
            )
    })
}

/// Where the generator put a quote: 1-based line and column (in characters) of its first
/// character as written, and what the check should know about it.
#[derive(Debug, Clone)]
struct Written {
    line: usize,
    column: usize,
    /// The first character as written: inside the quotation marks, escapes unresolved.
    first: char,
    quote: String,
    source: usize,
}

/// An outline being written: its lines, and where each quote went.
struct Outline<'p> {
    project: &'p Project,
    lines: Vec<String>,
    quotes: Vec<Written>,
    noise: u64,
}

fn indent(n: usize) -> String {
    " ".repeat(n)
}

/// `text` as a YAML scalar in `style` (in a flow mapping if `flow`), or double-quoted
/// when it cannot be written so; and whether it is in quotation marks.
fn scalar(text: &str, style: Style, flow: bool) -> (String, bool) {
    let forbidden: &[char] = if flow {
        &[':', '#', ',', '[', ']', '{', '}']
    } else {
        &[':', '#']
    };
    match style {
        Style::Plain if text.starts_with(char::is_alphanumeric) && !text.contains(forbidden) => {
            (text.to_owned(), false)
        }
        Style::Single => (format!("'{}'", text.replace('\'', "''")), true),
        _ => (crate::common::yaml_string(text), true),
    }
}

impl Outline<'_> {
    fn write(project: &Project) -> Outline<'_> {
        let mut outline = Outline {
            project,
            lines: Vec::new(),
            quotes: Vec::new(),
            noise: project.noise | 1,
        };
        outline.push("title: Generated".into());
        outline.blank_or_comment(0);
        outline.push("sections:".into());
        let step = if project.compact { 0 } else { project.unit };
        outline.push(format!("{}- heading: H", indent(step)));
        outline.push(format!("{}paragraphs:", indent(step + 2)));
        for (layout, cites) in &project.paragraphs {
            outline.blank_or_comment(step + 2);
            outline.paragraph(*layout, cites, 2 * step + 2);
        }
        outline
    }

    /// The file's bytes: a byte-order mark and CRLF line ends if the project has them.
    fn bytes(&self) -> Vec<u8> {
        let end = if self.project.crlf { "\r\n" } else { "\n" };
        let bom = if self.project.bom { "\u{feff}" } else { "" };
        format!("{bom}{}{end}", self.lines.join(end)).into_bytes()
    }

    fn push(&mut self, line: String) {
        self.lines.push(line);
    }

    /// A small pseudo-random number (xorshift), for layout choices that need no shrinking.
    fn roll(&mut self, n: u64) -> u64 {
        self.noise ^= self.noise << 13;
        self.noise ^= self.noise >> 7;
        self.noise ^= self.noise << 17;
        self.noise % n
    }

    /// Now and then a blank line or a comment, indented up to `max`.
    fn blank_or_comment(&mut self, max: usize) {
        match self.roll(6) {
            0 => self.push(String::new()),
            1 => {
                let at = self.roll(max as u64 + 1) as usize;
                self.push(format!("{}# note: {{ \"not\" | a quote", indent(at)));
            }
            _ => {}
        }
    }

    /// A paragraph as list item at column `dash`.
    fn paragraph(&mut self, layout: Layout, cites: &[Cite], dash: usize) {
        let key = dash + 2;
        let unit = self.project.unit;
        let list = key + if self.project.compact { 0 } else { unit };
        let first_key = match layout {
            Layout::BlockQuote => "quote:",
            _ => "text: T.",
        };
        self.push(format!("{}- {first_key}", indent(dash)));
        self.blank_or_comment(key);
        match layout {
            Layout::BlockQuote => self.mapping(&cites[0], key + unit, None),
            Layout::Mapping => {
                self.push(format!("{}cite:", indent(key)));
                self.mapping(&cites[0], key + unit, None);
            }
            Layout::Flow => self.flow(&cites[0], format!("{}cite: ", indent(key))),
            Layout::List | Layout::FlowList => {
                self.push(format!("{}cite:", indent(key)));
                for cite in cites {
                    if let Layout::List = layout {
                        self.mapping(cite, list + 2, Some(list));
                    } else {
                        self.flow(cite, format!("{}- ", indent(list)));
                    }
                    self.blank_or_comment(list);
                }
            }
        }
    }

    /// A citation as a block mapping with keys at column `key`, its first line after a
    /// `- ` at column `dash` if it is a list item.
    fn mapping(&mut self, cite: &Cite, key: usize, dash: Option<usize>) {
        let mut prefix = match dash {
            Some(dash) => format!("{}- ", indent(dash)),
            None => indent(key),
        };
        let source = format!("source: {}", SOURCE_IDS[cite.source]);
        if !cite.quote_key_first {
            self.push(format!("{prefix}{source}"));
            self.blank_or_comment(key);
            prefix = indent(key);
        }
        self.quote_entry(cite, &prefix, key);
        if cite.quote_key_first {
            self.blank_or_comment(key);
            self.push(format!("{}{source}", indent(key)));
        }
        self.blank_or_comment(key);
    }

    /// `quote: …` after `prefix`, the key at column `key`.
    fn quote_entry(&mut self, cite: &Cite, prefix: &str, key: usize) {
        let text = cite.words.join(" ");
        let comment = if cite.comment { " # note" } else { "" };
        let (mark, chomp) = match cite.style {
            Style::Literal(chomp) => ('|', chomp),
            Style::Folded(chomp) => ('>', chomp),
            style => {
                let (written, quoted) = scalar(&text, style, false);
                let head = format!("{prefix}quote: ");
                self.note(cite, head.chars().count(), &written, quoted);
                return self.push(format!("{head}{written}{comment}"));
            }
        };
        self.push(format!("{prefix}quote: {mark}{chomp}{comment}"));
        for _ in 0..self.roll(3) {
            self.push(String::new());
        }
        let content = key + self.project.unit;
        self.note(cite, content, &text, false);
        let mut line = String::new();
        for word in &cite.words {
            if !line.is_empty() && self.roll(3) == 0 {
                self.push(format!("{}{line}", indent(content)));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        self.push(format!("{}{line}", indent(content)));
    }

    /// A citation as a flow mapping after `prefix`.
    fn flow(&mut self, cite: &Cite, prefix: String) {
        let text = cite.words.join(" ");
        let (written, quoted) = scalar(&text, cite.style, true);
        let source = format!("source: {}", SOURCE_IDS[cite.source]);
        let gap = indent(self.roll(3) as usize);
        let head = if cite.quote_key_first {
            format!("{prefix}{{{gap}quote: ")
        } else {
            format!("{prefix}{{{gap}{source},{gap}quote: ")
        };
        let tail = if cite.quote_key_first {
            format!(", {source}{gap}}}")
        } else {
            format!("{gap}}}")
        };
        self.note(cite, head.chars().count(), &written, quoted);
        let comment = if cite.comment { " # note" } else { "" };
        self.push(format!("{head}{written}{tail}{comment}"));
    }

    /// Records that `cite`, written as `written` (in quotation marks if `quoted`), starts
    /// after `before` characters of the line pushed next.
    fn note(&mut self, cite: &Cite, before: usize, written: &str, quoted: bool) {
        let skip = usize::from(quoted);
        self.quotes.push(Written {
            line: self.lines.len() + 1,
            column: before + skip + 1,
            first: written.chars().nth(skip).expect("a quote has words"),
            quote: cite.words.join(" "),
            source: cite.source,
        });
    }
}

const SOURCE_IDS: [&str; 2] = ["one", "two"];

/// Writes `project` into `dir`: `report.yaml` and `sources/one.txt` (and `two.txt`). Returns
/// the outline's text and where its quotes are.
fn write_project(dir: &Path, project: &Project) -> (String, Vec<Written>) {
    let outline = Outline::write(project);
    let bom = if project.bom { "\u{feff}" } else { "" };
    std::fs::create_dir(dir.join("sources")).unwrap();
    for (i, id) in SOURCE_IDS.iter().enumerate().take(project.sources.len()) {
        let text = format!("{bom}{}", project.source_text(i));
        std::fs::write(dir.join("sources").join(format!("{id}.txt")), text).unwrap();
    }
    let bytes = outline.bytes();
    std::fs::write(dir.join("report.yaml"), &bytes).unwrap();
    (String::from_utf8(bytes).unwrap(), outline.quotes)
}

/// The byte offset and the character at 1-based `at` of `text`, as an editor shows it: a
/// byte-order mark is not a character of the first line, and a line ends at `\n` or `\r\n`.
fn char_at(text: &str, at: LineCol) -> Option<(usize, char)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start: usize = text
        .split_inclusive('\n')
        .take(at.line - 1)
        .map(str::len)
        .sum();
    let (i, c) = text[start..].char_indices().nth(at.column - 1)?;
    (c != '\n' && c != '\r').then_some((start + i, c))
}

/// Checks every finding of `checked` against where the generator wrote the quotes.
fn assert_places(
    project: &Project,
    outline: &str,
    quotes: &[Written],
    checked: &CheckedOutline,
) -> Result<(), TestCaseError> {
    let sources: Vec<String> = (0..project.sources.len())
        .map(|i| project.source_text(i))
        .collect();
    let mut missing: Vec<LineCol> = quotes
        .iter()
        .filter(|q| {
            let fragments = Fragments::parse(&q.quote).expect("generated quotes have words");
            fragments.find_in(&sources[q.source]).is_err()
        })
        .map(|q| LineCol {
            line: q.line,
            column: q.column,
        })
        .collect();
    missing.sort();
    let mut reported = Vec::new();
    for finding in &checked.checked.findings {
        let at = finding.place.at;
        let written = quotes
            .iter()
            .find(|q| (q.line, q.column) == (at.line, at.column));
        let Some(written) = written else {
            return Err(TestCaseError::fail(format!(
                "{} at {at} is no quote's first character; quotes at {:?}\n{outline}",
                finding.code,
                quotes
                    .iter()
                    .map(|q| format!("{}:{}", q.line, q.column))
                    .collect::<Vec<_>>(),
            )));
        };
        prop_assert!(
            matches!(finding.code, Code::QuoteNotFound | Code::QuoteMisattributed),
            "{:?}",
            finding
        );
        prop_assert_eq!(
            report::text::whitespace::collapse(finding.quote.as_deref().unwrap_or("")),
            report::text::whitespace::collapse(&written.quote)
        );
        prop_assert_eq!(
            char_at(outline, at).map(|(_, c)| c),
            Some(written.first),
            "{}",
            at
        );
        if let Some(Detail::Elsewhere(place)) = &finding.detail {
            assert_elsewhere(finding, place, project, &sources)?;
        }
        reported.push(at);
    }
    prop_assert_eq!(
        reported,
        missing,
        "findings, and quotes not in their source\n{}",
        outline
    );
    Ok(())
}

/// The other source's place of a misattributed quote is where the quote starts there.
fn assert_elsewhere(
    finding: &Finding,
    place: &report::check::finding::SourcePlace,
    project: &Project,
    sources: &[String],
) -> Result<(), TestCaseError> {
    let index = SOURCE_IDS
        .iter()
        .position(|id| *id == place.source)
        .expect("a known id");
    prop_assert_ne!(finding.source.as_deref(), Some(place.source.as_str()));
    let file = std::fs::read_to_string(&place.path).unwrap();
    prop_assert_eq!(file.trim_start_matches('\u{feff}'), &sources[index]);
    let quote = finding.quote.as_deref().expect("a misattributed quote");
    let Some((offset, _)) = char_at(&file, place.at) else {
        return Err(TestCaseError::fail(format!(
            "{} is outside {}",
            place.at, place.source
        )));
    };
    let from_there = Fragments::parse(quote)
        .unwrap()
        .find_in(&sources[index][offset..]);
    prop_assert_eq!(
        from_there.map(|r| r.start),
        Ok(0),
        "{} in {:?}",
        place.at,
        project.source_text(index)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every finding on a cited quote points at the quote's first character as written,
    /// whatever the YAML style, indentation, comments, line ends or byte-order mark; and a
    /// misattributed quote's other source is pointed at where the quote starts there.
    #[test]
    fn every_finding_points_at_the_first_character_of_its_quote(project in project()) {
        let dir = tempfile::tempdir().unwrap();
        let (outline, quotes) = write_project(dir.path(), &project);
        let checked = report::check_outline(&dir.path().join("report.yaml"), CheckOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{outline}")))?;
        assert_places(&project, &outline, &quotes, &checked)?;
    }
}

/// The code and places of a finding, as the JSON output gives them.
fn json_places(finding: &serde_json::Value) -> (String, u64, u64, Option<(u64, u64)>) {
    let place =
        |v: &serde_json::Value| (v["line"].as_u64().unwrap(), v["column"].as_u64().unwrap());
    let (line, column) = place(&finding["outline"]);
    let elsewhere = finding.get("elsewhere").filter(|e| !e.is_null()).map(place);
    (
        finding["code"].as_str().unwrap().to_owned(),
        line,
        column,
        elsewhere,
    )
}

/// The same, from the library's finding.
fn library_places(finding: &Finding) -> (String, u64, u64, Option<(u64, u64)>) {
    let at = finding.place.at;
    let elsewhere = match &finding.detail {
        Some(Detail::Elsewhere(place)) => Some((place.at.line as u64, place.at.column as u64)),
        _ => None,
    };
    (
        finding.code.as_str().to_owned(),
        at.line as u64,
        at.column as u64,
        elsewhere,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// The binary's JSON output reports the places the library does.
    #[test]
    fn the_json_output_reports_the_same_places(project in project()) {
        let dir = tempfile::tempdir().unwrap();
        let (outline, _) = write_project(dir.path(), &project);
        let checked = report::check_outline(&dir.path().join("report.yaml"), CheckOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{outline}")))?;
        let run = crate::common::report_in(dir.path(), &["check", "--format", "json"]);
        prop_assert_eq!(run.code, i32::from(!checked.is_clean()), "{}", run.stderr);
        let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let from_binary: Vec<_> = document["findings"].as_array().unwrap().iter().map(json_places).collect();
        let from_library: Vec<_> = checked.checked.findings.iter().map(library_places).collect();
        prop_assert_eq!(from_binary, from_library);
    }
}

// ---------------------------------------------------------------------------------------
// The smallest counterexample the properties found, by hand
// ---------------------------------------------------------------------------------------

#[test]
fn a_block_scalar_opening_with_a_quotation_mark_is_placed_at_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/one.txt"), "beta\n").unwrap();
    let outline = "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - quote:\n          \
                   source: one\n          quote: |\n            \"so\" beta\n";
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let checked =
        report::check_outline(&dir.path().join("report.yaml"), CheckOptions::default()).unwrap();
    let at = checked.checked.findings[0].place.at;
    assert_eq!((at.line, at.column), (8, 13));
}
