//! The performance benchmark: `report check` against ripgrep on generated workloads, threads,
//! memory, near misses, the shipped example and the PDF path. Needs nothing from the network;
//! needs `rg`, `cat` and `/usr/bin/time` (and `typst` for the PDF figures).
//!
//!     cargo run --release --example bench -- [--runs N] [--keep DIR] [--skip-pdf]
//!
//! It builds the release `report` first, generates the data from a fixed seed into a
//! temporary folder (or DIR, kept), and prints medians, min–max, ratios and the targets.

mod confirm;
mod corpus;
mod near;
mod timing;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use corpus::{Kind, Shape, Workload};
use timing::{Cmd, Times, alternate, mb, ms};

const W200: Shape = Shape {
    name: "w200",
    sources: 40,
    bytes: 90_000_000,
    outlines: 1,
    quotes_per_outline: 200,
};

const W10K: Shape = Shape {
    name: "w10k",
    sources: 460,
    bytes: 100_000_000,
    outlines: 50,
    quotes_per_outline: 200,
};

struct Options {
    runs: usize,
    keep: Option<PathBuf>,
    pdf: bool,
    /// Only the near-miss figures (W200 only).
    near_only: bool,
}

fn options() -> Options {
    let mut options = Options {
        runs: 5,
        keep: None,
        pdf: true,
        near_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--keep" => options.keep = Some(args.next().expect("--keep DIR").into()),
            "--skip-pdf" => options.pdf = false,
            "--near-only" => options.near_only = true,
            other => panic!("unknown argument {other}; see the top of examples/bench/main.rs"),
        }
    }
    options
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

    let w200 = corpus::write(&W200, &dir, 200);
    if options.near_only {
        return near_misses(&w200, options.runs);
    }
    let w10k = corpus::write(&W10K, &dir, 10_000);
    let t200 = workload(&report, &w200, options.runs);
    let t10k = workload(&report, &w10k, options.runs);
    println!(
        "\ngrowth 200 -> 10,000 quotes: {:.2}x the time (target <= 4x)\n",
        t10k.as_secs_f64() / t200.as_secs_f64()
    );
    threads(&report, &w10k, options.runs);
    confirmation(&w200, options.runs);
    near_misses(&w200, options.runs);
    example(&report, options.runs * 4);
    if options.pdf {
        pdf(&report, options.runs);
    }
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

/// Times a workload against ripgrep; returns report's median.
fn workload(report: &Path, w: &Workload, runs: usize) -> Duration {
    let n = w.quotes.len();
    let exact = w.quotes.iter().filter(|q| q.kind == Kind::Exact).count();
    println!(
        "== {}: {} quotes in {} outline(s), {} sources, {:.1} MB (largest {:.2} MB)",
        w.dir.file_name().unwrap().to_string_lossy(),
        n,
        w.outlines.len(),
        w.source_files.len(),
        mb(w.bytes as u64),
        mb(w.largest as u64)
    );
    verify(report, w);
    let report_check = check(report, &w.outlines);
    let rg = Cmd::new(
        &format!("rg -F -f quotes.txt sources/ ({exact} exact)"),
        "rg",
        &["-F", "-f", "quotes.txt", "sources/"],
    );
    let cat = Cmd::new("cat sources/* > /dev/null", "cat", &[]).args(&w.source_files);
    let mut commands = vec![report_check.clone(), rg.clone(), cat];
    if let Some(holding) = &w.holding {
        commands.push(
            check(report, std::slice::from_ref(holding))
                .relabel("report check, holding quotes only"),
        );
    }
    let times = alternate(&commands, &w.dir, runs);
    for t in &times {
        println!("  {}", t.line());
    }
    let ratio = |t: &Times| t.median().as_secs_f64() / times[1].median().as_secs_f64();
    println!("  ratio report/rg: {:.3}", ratio(&times[0]));
    if let Some(holding) = times.get(3) {
        println!(
            "  ratio report/rg, holding quotes only: {:.3}",
            ratio(holding)
        );
        let extra = times[0].median().saturating_sub(holding.median());
        let misquotes = n - w
            .quotes
            .iter()
            .filter(|q| matches!(q.kind, Kind::Exact | Kind::Ellipsis))
            .count();
        println!(
            "  placing all {misquotes} misquotes (with diffs) adds {:.0} ms (target <= 1,000 ms)",
            ms(extra)
        );
    }
    let read = times[2].median().as_secs_f64();
    println!(
        "  reading the sources once: {:.2} GB/s; report's whole check: {:.2} GB/s",
        w.bytes as f64 / read / 1e9,
        w.bytes as f64 / times[0].median().as_secs_f64() / 1e9
    );
    let peak = report_check.peak_memory(&w.dir);
    let rg_peak = rg.peak_memory(&w.dir);
    let bound = 2 * w.largest as u64 + 64_000_000;
    println!(
        "  peak memory: report {:.1} MB, rg {:.1} MB; bound (largest source + its copy + 64 MB) {:.1} MB",
        peak.map_or(f64::NAN, mb),
        rg_peak.map_or(f64::NAN, mb),
        mb(bound)
    );
    times[0].median()
}

/// Checks that report says what the data says: every exact and ellipsis quote verified,
/// every changed and made-up one a finding.
fn verify(report: &Path, w: &Workload) {
    let json = Cmd::new("json", report, &["check", "--format", "json"])
        .args(&w.outlines)
        .output(&w.dir);
    let value: serde_json::Value = serde_json::from_slice(&json).expect("JSON output");
    let summary = &value["summary"];
    let holding = w
        .quotes
        .iter()
        .filter(|q| matches!(q.kind, Kind::Exact | Kind::Ellipsis))
        .count();
    let verified = summary["verified"].as_u64().unwrap_or(0) as usize;
    let findings = summary["findings"].as_u64().unwrap_or(0) as usize;
    let by_code = &summary["by_code"];
    println!(
        "  outcome: {verified} verified (expected {holding}), {findings} findings (expected {}): {by_code}",
        w.quotes.len() - holding
    );
    if verified != holding || findings != w.quotes.len() - holding {
        println!("  WARNING: the outcome differs from what the data holds");
    }
}

/// W10k on one thread and on two: times and identical output.
fn threads(report: &Path, w: &Workload, runs: usize) {
    println!("== threads (w10k)");
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
    println!("== confirming verified quotes (w200, through the library)");
    let (find, confirm, placed) = confirm::cost(w, runs);
    println!(
        "  finding every quote: {:.1} ms; confirming the {placed} places found: {:.2} ms ({:.1}% more)",
        ms(find),
        ms(confirm),
        100.0 * confirm.as_secs_f64() / find.as_secs_f64()
    );
}

fn near_misses(w: &Workload, runs: usize) {
    println!("== near misses (w200, through the library)");
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
    let agreement = near::agreement(w, 2, 5);
    println!(
        "  passage as near as an exhaustive search finds (W200's misquotes and 5 more per source): {}/{} = {:.1}% (target >= 98%)",
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
