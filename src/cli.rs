//! The command line of the `report` binary: clap arguments, and printing what the library returns.
//!
//! Exit codes: 0 every quote verified, 1 findings, 2 the run could not be done.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use report::finding::{Finding, Stats};
use std::collections::BTreeSet;
use std::io::Write;

use report::{CheckedOutline, Format, Paper, RenderConfig, Rendered, TypstConfig, diagnostic};

/// Check that every quotation in a briefing is verbatim in its source, then render it.
#[derive(Debug, Parser)]
#[command(name = "report", version, about)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check every quote of the outlines against their sources (exit 0: all verified, 1: findings, 2: error).
    Check {
        /// Outline files.
        #[arg(default_value = "report.yaml")]
        outlines: Vec<PathBuf>,
    },
    /// Check the outline, then render it; nothing is written when the check finds anything.
    Render(RenderArgs),
}

/// The arguments of `report render`.
#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// The outline file.
    #[arg(default_value = "report.yaml")]
    outline: PathBuf,
    /// The output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Md)]
    format: FormatArg,
    /// The output file, `-` for standard output [default: the outline's path with the format's extension].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Paper size of Typst and PDF output.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    paper: PaperArg,
    /// The Typst CLI to compile PDFs with [default: `typst` on PATH].
    #[arg(long, env = "REPORT_TYPST", value_name = "PATH")]
    typst: Option<PathBuf>,
    /// The PDF's creation time, in seconds since 1970; the same value gives the same PDF bytes.
    #[arg(
        long,
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        hide_env_values = true
    )]
    source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    UsLetter,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Markdown with footnotes.
    #[value(alias = "markdown")]
    Md,
    /// A Typst document.
    Typst,
    /// A PDF, compiled by the Typst CLI.
    Pdf,
}

const VERIFIED: u8 = 0;
const FINDINGS: u8 = 1;
const FAILED: u8 = 2;

/// Runs the command `args` asks for and returns the exit code.
pub fn run(args: Args) -> ExitCode {
    ExitCode::from(match args.command {
        Command::Check { outlines } => check(&outlines),
        Command::Render(args) => render(&args.into_config()),
    })
}

impl RenderArgs {
    fn into_config(self) -> RenderConfig {
        let format = match self.format {
            FormatArg::Md => Format::Markdown,
            FormatArg::Typst => Format::Typst,
            FormatArg::Pdf => Format::Pdf,
        };
        let mut config = RenderConfig::new(self.outline, format, self.output.as_deref());
        config.paper = match self.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::UsLetter => Paper::UsLetter,
        };
        config.typst = TypstConfig {
            program: self.typst,
            creation_timestamp: self.source_date_epoch,
        };
        config
    }
}

fn check(outlines: &[PathBuf]) -> u8 {
    let mut code = VERIFIED;
    let mut stats = Stats::default();
    let mut findings: Vec<Finding> = Vec::new();
    let mut sources = BTreeSet::new();
    for path in outlines {
        match report::check_outline(path) {
            Ok(outline) => {
                print_findings(&outline, out);
                code = code.max(if outline.is_clean() {
                    VERIFIED
                } else {
                    FINDINGS
                });
                stats.add(&outline.checked.stats);
                let cited = outline.sources.cited.values();
                sources
                    .extend(cited.map(|s| {
                        std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone())
                    }));
                findings.extend(outline.checked.findings);
            }
            Err(error) => {
                err(&diagnostic::error(&error));
                code = FAILED;
            }
        }
    }
    // Sources shared by several outlines count once.
    stats.sources = sources.len();
    if code != FAILED || !findings.is_empty() || stats.quotes > 0 {
        out(&diagnostic::summary(
            &stats,
            &findings.iter().collect::<Vec<_>>(),
        ));
    }
    code
}

fn render(config: &RenderConfig) -> u8 {
    let (outline, rendered) = match report::render(config) {
        Ok(done) => done,
        Err(error) => {
            err(&diagnostic::error(&error));
            return FAILED;
        }
    };
    print_findings(&outline, err);
    let findings: Vec<&Finding> = outline.checked.findings.iter().collect();
    err(&diagnostic::summary(&outline.checked.stats, &findings));
    match rendered {
        Rendered::Refused => {
            err("nothing rendered: fix the findings above, then render again");
            FINDINGS
        }
        Rendered::Written(path) => {
            err(&format!("wrote {}", path.display()));
            VERIFIED
        }
        Rendered::Bytes(bytes) => match std::io::stdout().write_all(&bytes) {
            Ok(()) => VERIFIED,
            Err(error) => {
                err(&format!("error: cannot write to standard output: {error}"));
                FAILED
            }
        },
    }
}

fn print_findings(outline: &CheckedOutline, print: fn(&str)) {
    for finding in &outline.checked.findings {
        print(&diagnostic::finding(&outline.file, finding));
    }
}

/// Prints a line on standard output. A reader that stops early (`report check | head`)
/// closes the pipe; the rest is then dropped rather than treated as a failure.
fn out(text: &str) {
    let _ = writeln!(anstream::stdout(), "{text}");
}

/// Prints a line on standard error, ignoring a closed pipe likewise.
fn err(text: &str) {
    let _ = writeln!(anstream::stderr(), "{text}");
}
