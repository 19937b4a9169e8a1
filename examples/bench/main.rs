//! The performance benchmark: `report check` against ripgrep and `cat` on two corpora (real
//! documentation that Debian ships, and a Markov corpus for what real text lacks), each with
//! 200 and 10,000 quotes of which 0%, 1% and 20% are misquoted; then threads, memory, near
//! misses, the shipped example and the PDF path. Needs `rg`, `cat`, `/usr/bin/time`,
//! `apt-get` and `dpkg-deb` (the first time, to fetch the prose corpus; it is cached), and
//! `typst` for the PDF figures.
//!
//!     cargo run --release --example bench -- [--runs N] [--keep DIR] [--skip-pdf]
//!         [--corpus markov|prose|both] [--near-only] [--outcomes-only]
//!
//! It builds the release `report` first, generates the workloads from fixed seeds into a
//! temporary folder (or DIR, kept), and prints medians, min–max, ratios and the targets.

mod confirm;
mod corpus;
mod near;
mod prose;
mod timing;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use corpus::{Corpus, Shape, Workload};
use timing::{Cmd, alternate, mb, ms};

/// The Markov corpus for 200 quotes: few large sources.
const MARKOV_200: Shape = Shape {
    name: "w200",
    sources: 40,
    bytes: 90_000_000,
};

/// The Markov corpus for 10,000 quotes: many sources.
const MARKOV_10K: Shape = Shape {
    name: "w10k",
    sources: 460,
    bytes: 100_000_000,
};

/// Quotes per outline.
const PER_OUTLINE: usize = 200;

/// The misquote rates of every corpus and size, in percent.
const RATES: [usize; 3] = [0, 1, 20];

struct Options {
    runs: usize,
    keep: Option<PathBuf>,
    pdf: bool,
    markov: bool,
    prose: bool,
    /// Only the near-miss figures.
    near_only: bool,
    /// Only whether report says what each workload's data holds.
    outcomes_only: bool,
}

fn options() -> Options {
    let mut options = Options {
        runs: 5,
        keep: None,
        pdf: true,
        markov: true,
        prose: true,
        near_only: false,
        outcomes_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--keep" => options.keep = Some(args.next().expect("--keep DIR").into()),
            "--skip-pdf" => options.pdf = false,
            "--near-only" => options.near_only = true,
            "--outcomes-only" => options.outcomes_only = true,
            "--corpus" => match args.next().as_deref() {
                Some("markov") => options.prose = false,
                Some("prose") => options.markov = false,
                Some("both") => {}
                _ => panic!("--corpus markov|prose|both"),
            },
            other => panic!("unknown argument {other}; see the top of examples/bench/main.rs"),
        }
    }
    options
}

/// One row of a corpus's table: a workload's medians.
struct Row {
    count: usize,
    percent: usize,
    misquotes: usize,
    report: Duration,
    rg: Duration,
    cat: Duration,
    peak: Option<u64>,
}

impl Row {
    fn ratio(&self) -> f64 {
        self.report.as_secs_f64() / self.rg.as_secs_f64()
    }
}

/// The targets for report/rg, by quotes and misquote rate.
fn target(count: usize, percent: usize) -> Option<f64> {
    match (count, percent) {
        (200, 0) => Some(0.3),
        (10_000, 0) => Some(0.2),
        (10_000, 1) => Some(0.3),
        (200, 20) => Some(1.0),
        (10_000, 20) => Some(0.5),
        _ => None,
    }
}

fn main() {
    let options = options();
    let report = build_report();
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let dir = options
        .keep
        .clone()
        .unwrap_or_else(|| temporary.path().to_owned());
    println!(
        "report: {}; runs: {}; data: {}",
        report.display(),
        options.runs,
        dir.display()
    );
    println!(
        "machine: {} cores\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Each corpus with the corpus its 10,000-quote workloads use, if another.
    let mut groups: Vec<(Corpus, Option<Corpus>)> = Vec::new();
    if options.prose {
        groups.push((corpus::prose(&dir), None));
    }
    if options.markov {
        groups.push((
            corpus::markov(&MARKOV_200, &dir, 200),
            Some(corpus::markov(&MARKOV_10K, &dir, 10_000)),
        ));
    }
    for (small, large) in &groups {
        describe(small);
        large.iter().for_each(describe);
        let large = large.as_ref().unwrap_or(small);
        let w200 = corpus::workload(small, 200, PER_OUTLINE, 20, 200);
        if options.near_only {
            near_misses(&w200, options.runs);
            continue;
        }
        let mut rows = Vec::new();
        for (corpus, count) in [(small, 200), (large, 10_000)] {
            for percent in RATES {
                let w = corpus::workload(corpus, count, PER_OUTLINE, percent, count as u64);
                if options.outcomes_only {
                    println!("== {}", w.name);
                    verify(&report, &w);
                    continue;
                }
                rows.push(workload(&report, &w, options.runs));
            }
        }
        if options.outcomes_only {
            continue;
        }
        table(&small.name, &rows);
        let w10k = corpus::workload(large, 10_000, PER_OUTLINE, 20, 10_000);
        threads(&report, &w10k, options.runs);
        confirmation(&w200, options.runs);
        near_misses(&w200, options.runs);
    }
    if options.near_only || options.outcomes_only {
        return;
    }
    example(&report, options.runs * 4);
    if options.pdf {
        pdf(&report, options.runs);
    }
}

fn describe(corpus: &Corpus) {
    println!(
        "corpus {}: {} sources, {:.1} MB (largest {:.2} MB; {} over 5 MB), in {}",
        corpus.name,
        corpus.sources.len(),
        mb(corpus.bytes() as u64),
        mb(corpus.largest() as u64),
        corpus
            .sources
            .iter()
            .filter(|s| s.text.len() > 5_000_000)
            .count(),
        corpus.dir.display()
    );
    for line in &corpus.origin {
        println!("  from {line}");
    }
}

/// A corpus's figures in one table, and the marginal cost of a misquote.
fn table(corpus: &str, rows: &[Row]) {
    println!("\n== {corpus}: summary (medians, two threads each)");
    println!(
        "  {:>6} {:>4} {:>10} {:>10} {:>9} {:>9} {:>8} {:>9} {:>9}",
        "quotes",
        "mis",
        "report ms",
        "rg ms",
        "cat ms",
        "report/rg",
        "target",
        "report/cat",
        "peak MB"
    );
    for r in rows {
        println!(
            "  {:>6} {:>3}% {:>10.1} {:>10.1} {:>9.1} {:>9.3} {:>8} {:>9.2} {:>9.1}",
            r.count,
            r.percent,
            ms(r.report),
            ms(r.rg),
            ms(r.cat),
            r.ratio(),
            target(r.count, r.percent).map_or("-".into(), |t| format!("<= {t}")),
            r.report.as_secs_f64() / r.cat.as_secs_f64(),
            r.peak.map_or(f64::NAN, mb)
        );
    }
    for count in [200, 10_000] {
        let of = |p: usize| rows.iter().find(|r| r.count == count && r.percent == p);
        let (Some(none), Some(most)) = (of(0), of(20)) else {
            continue;
        };
        let extra = ms(most.report) - ms(none.report);
        println!(
            "  {count} quotes: each of {} misquotes adds {:.2} ms (20% run minus 0% run; target <= 2 ms)",
            most.misquotes,
            extra / most.misquotes.max(1) as f64
        );
    }
    println!();
}

/// Builds the release binary, so the figures are never those of a stale one.
fn build_report() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "--bin", "report"])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the release build failed");
    let exe = std::env::current_exe().expect("the benchmark's path");
    // target/release/examples/bench -> target/release/report
    exe.parent()
        .and_then(Path::parent)
        .expect("target/release")
        .join("report")
}

fn check(report: &Path, outlines: &[PathBuf]) -> Cmd {
    Cmd::new("report check", report, &["check"]).args(outlines)
}

/// Times a workload against ripgrep (on its exact quotes) and `cat` of the sources it cites.
fn workload(report: &Path, w: &Workload, runs: usize) -> Row {
    let n = w.quotes.len();
    let exact = w
        .quotes
        .iter()
        .filter(|q| q.kind == corpus::Kind::Exact)
        .count();
    println!(
        "== {}: {} quotes in {} outline(s), {} misquoted; {} of {} sources cited, {:.1} of {:.1} MB",
        w.name,
        n,
        w.outlines.len(),
        w.misquotes(),
        w.cited.len(),
        w.source_files.len(),
        mb(w.cited_bytes as u64),
        mb(w.bytes as u64),
    );
    verify(report, w);
    let report_check = check(report, &w.outlines).arg("-j2");
    let rg = Cmd::new(
        &format!("rg -j2 -F -f quotes sources/ ({exact} exact)"),
        "rg",
        &["-j2", "-F", "-f"],
    )
    .arg(&w.patterns)
    .arg("sources/");
    let cat = Cmd::new("cat (cited sources) > /dev/null", "cat", &[]).args(&w.cited);
    let times = alternate(&[report_check.clone(), rg, cat], &w.dir, runs);
    for t in &times {
        println!("  {}", t.line());
    }
    let row = Row {
        count: n,
        percent: w.misquoted_percent,
        misquotes: w.misquotes(),
        report: times[0].median(),
        rg: times[1].median(),
        cat: times[2].median(),
        peak: report_check.peak_memory(&w.dir),
    };
    let bound = 2 * w.largest as u64 + 64_000_000;
    println!(
        "  report/rg {:.3}; report/cat {:.2}; peak memory {:.1} MB (bound: largest source + its copy + 64 MB = {:.1} MB)",
        row.ratio(),
        row.report.as_secs_f64() / row.cat.as_secs_f64(),
        row.peak.map_or(f64::NAN, mb),
        mb(bound)
    );
    row
}

/// Checks that report says what the data says: every exact and ellipsis quote verified,
/// every changed and made-up one a finding.
fn verify(report: &Path, w: &Workload) {
    let json = Cmd::new("json", report, &["check", "--format", "json"])
        .args(&w.outlines)
        .output(&w.dir);
    let value: serde_json::Value = serde_json::from_slice(&json).expect("JSON output");
    let summary = &value["summary"];
    let holding = w.quotes.len() - w.misquotes();
    let verified = summary["verified"].as_u64().unwrap_or(0) as usize;
    let findings = summary["findings"].as_u64().unwrap_or(0) as usize;
    let by_code = &summary["by_code"];
    println!(
        "  outcome: {verified} verified (expected {holding}), {findings} findings (expected {}): {by_code}",
        w.misquotes()
    );
    if verified != holding || findings != w.misquotes() {
        println!("  WARNING: the outcome differs from what the data holds");
    }
}

/// A workload on one thread and on two: times and identical output.
fn threads(report: &Path, w: &Workload, runs: usize) {
    println!("== threads ({})", w.name);
    let one = check(report, &w.outlines)
        .arg("-j1")
        .relabel("report check -j1");
    let two = check(report, &w.outlines)
        .arg("-j2")
        .relabel("report check -j2");
    let times = alternate(&[one.clone(), two.clone()], &w.dir, runs);
    for t in &times {
        println!("  {}", t.line());
    }
    println!(
        "  speed-up with two threads: {:.2}x (target >= 1.6x)",
        times[0].median().as_secs_f64() / times[1].median().as_secs_f64()
    );
    for format in ["human", "json"] {
        let a = one.clone().args(["--format", format]).output(&w.dir);
        let b = two.clone().args(["--format", format]).output(&w.dir);
        println!(
            "  {format} output of -j1 and -j2 identical: {} ({} bytes)",
            a == b,
            a.len()
        );
    }
}

/// The second look at every verified quote, against the search that found them.
fn confirmation(w: &Workload, runs: usize) {
    println!(
        "== confirming verified quotes ({}, through the library)",
        w.name
    );
    let (find, confirm, placed) = confirm::cost(w, runs);
    println!(
        "  finding every quote: {:.1} ms; confirming the {placed} places found: {:.2} ms ({:.1}% more)",
        ms(find),
        ms(confirm),
        100.0 * confirm.as_secs_f64() / find.as_secs_f64()
    );
}

fn near_misses(w: &Workload, runs: usize) {
    println!("== near misses ({}, through the library)", w.name);
    let (megabytes, costs) = near::cost(w, &[1, 8, 32], runs);
    for (n, t) in &costs {
        println!(
            "  {n:>2} misquote(s) on one {megabytes:.2} MB source: {:.1} ms",
            ms(*t)
        );
    }
    let (first, last) = (costs[0], costs[costs.len() - 1]);
    let per_quote = (ms(last.1) - ms(first.1)) / (last.0 - first.0) as f64;
    let per_mb = (ms(first.1) - per_quote) / megabytes;
    println!(
        "  cost: {per_mb:.1} ms/MB + {per_quote:.2} ms per misquote (target ~10 ms/MB + ~2 ms)"
    );
    let extra = (200 / w.source_files.len()).clamp(1, 5);
    let agreement = near::agreement(w, 2, extra);
    println!(
        "  passage as near as an exhaustive search finds ({} misquotes and {extra} more per source): {}/{} = {:.1}% (target >= 98%)",
        w.name,
        agreement.agreed,
        agreement.compared,
        100.0 * agreement.agreed as f64 / agreement.compared.max(1) as f64
    );
    for d in agreement.disagreements.iter().take(5) {
        println!("    differs: {d}");
    }
}

/// The shipped example: check and Markdown render, wall time including start-up.
fn example(report: &Path, runs: usize) {
    println!("== the shipped example (report.yaml)");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("a temporary folder");
    let md = out.path().join("report.md");
    let commands = [
        Cmd::new(
            "report check report.yaml",
            report,
            &["check", "report.yaml"],
        ),
        Cmd::new(
            "report render --format md",
            report,
            &["render", "--format", "md", "-o"],
        )
        .arg(&md),
    ];
    for t in alternate(&commands, root, runs) {
        println!("  {} (target < 50 ms)", t.line());
    }
}

/// The PDF path: report's render against typst compiling the same document itself.
fn pdf(report: &Path, runs: usize) {
    println!("== PDF (report.yaml)");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("a temporary folder");
    let typ = out.path().join("report.typ");
    let status = Command::new(report)
        .args(["render", "--format", "typst", "-o"])
        .arg(&typ)
        .current_dir(root)
        .status()
        .expect("report runs");
    assert!(status.success());
    let commands = [
        Cmd::new(
            "report render --format pdf",
            report,
            &["render", "--format", "pdf", "-o"],
        )
        .arg(out.path().join("a.pdf")),
        Cmd::new(
            "typst compile (same document)",
            "typst",
            &["compile", "--root"],
        )
        .arg(out.path())
        .args(["--diagnostic-format", "human"])
        .arg(&typ)
        .arg(out.path().join("b.pdf")),
    ];
    let times = alternate(&commands, root, runs);
    for t in &times {
        println!("  {}", t.line());
    }
    let (a, b) = (
        times[0].median().as_secs_f64(),
        times[1].median().as_secs_f64(),
    );
    println!(
        "  report adds {:.1}% on top of typst (target < 10%)",
        100.0 * (a - b) / b
    );
}
