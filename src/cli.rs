//! The command line of the `report` binary: clap arguments, and printing what the library returns.
//!
//! Exit codes: 0 every quote verified, 1 findings, 2 the run could not be done.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use report::finding::{Finding, Stats};
use report::{CheckedOutline, Format, RenderConfig, Rendered, diagnostic};

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
    Render {
        /// The outline file.
        #[arg(default_value = "report.yaml")]
        outline: PathBuf,
        /// The output format.
        #[arg(long, short, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// The output file, `-` for standard output [default: the outline's path with the format's extension].
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Markdown with footnotes.
    #[value(alias = "markdown")]
    Md,
}

const VERIFIED: u8 = 0;
const FINDINGS: u8 = 1;
const FAILED: u8 = 2;

/// Runs the command `args` asks for and returns the exit code.
pub fn run(args: Args) -> ExitCode {
    ExitCode::from(match args.command {
        Command::Check { outlines } => check(&outlines),
        Command::Render {
            outline,
            format,
            output,
        } => {
            let format = match format {
                FormatArg::Md => Format::Markdown,
            };
            render(&RenderConfig::new(outline, format, output.as_deref()))
        }
    })
}

fn check(outlines: &[PathBuf]) -> u8 {
    let mut code = VERIFIED;
    let mut stats = Stats::default();
    let mut findings: Vec<Finding> = Vec::new();
    for path in outlines {
        match report::check_outline(path) {
            Ok(outline) => {
                print_findings(&outline, |text| anstream::println!("{text}"));
                code = code.max(if outline.is_clean() {
                    VERIFIED
                } else {
                    FINDINGS
                });
                stats.add(&outline.checked.stats);
                findings.extend(outline.checked.findings);
            }
            Err(error) => {
                anstream::eprintln!("{}", diagnostic::error(&error));
                code = FAILED;
            }
        }
    }
    if code != FAILED || !findings.is_empty() || stats.quotes > 0 {
        println!(
            "{}",
            diagnostic::summary(&stats, &findings.iter().collect::<Vec<_>>())
        );
    }
    code
}

fn render(config: &RenderConfig) -> u8 {
    match report::render(config) {
        Ok((outline, rendered)) => {
            print_findings(&outline, |text| anstream::eprintln!("{text}"));
            let findings: Vec<&Finding> = outline.checked.findings.iter().collect();
            eprintln!("{}", diagnostic::summary(&outline.checked.stats, &findings));
            match rendered {
                Rendered::Refused => {
                    eprintln!("nothing rendered: fix the findings above, then render again");
                    FINDINGS
                }
                Rendered::Written(path) => {
                    eprintln!("wrote {}", path.display());
                    VERIFIED
                }
                Rendered::Text(text) => {
                    print!("{text}");
                    VERIFIED
                }
            }
        }
        Err(error) => {
            anstream::eprintln!("{}", diagnostic::error(&error));
            FAILED
        }
    }
}

fn print_findings(outline: &CheckedOutline, print: impl Fn(String)) {
    for finding in &outline.checked.findings {
        print(diagnostic::finding(&outline.file, finding));
    }
}
