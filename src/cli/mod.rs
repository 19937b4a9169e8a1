//! The command line of the `report` binary: clap arguments, and printing what the library returns.
//!
//! Exit codes and the policy for standard output are decided in one place, [`exit`].
//!
//! Boundary: the only place with clap, standard output and error, and exit codes. It calls
//! the library's pipeline and its printers ([`report::print`]); it holds no check or render
//! logic, and formats no finding itself.

mod exit;
mod import;
mod progress;
mod project;
mod sources;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use report::print::{self, FindingFormat, human};
use report::{CheckOptions, Format, Paper, RenderConfig, Rendered, TypstConfig};

use exit::{FAILED, FINDINGS, VERIFIED, err, out};

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
        /// How to print findings.
        #[arg(long, short, value_enum, default_value_t = FindingFormatArg::Human)]
        format: FindingFormatArg,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check the outline, then render it; nothing is written when the check finds anything.
    Render(RenderArgs),
    /// Start a briefing project: a commented outline, a sample source and its catalog entry,
    /// editor schemas, a .gitignore and a GitHub Actions workflow. Overwrites nothing.
    Init {
        /// The project folder, made if missing.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of the outline or of the source catalog, for editors.
    Schema {
        /// Which file the schema describes.
        #[arg(value_enum, default_value_t = SchemaArg::Outline)]
        of: SchemaArg,
    },
    /// List the sources of the outline's folder: id, title, size, SHA-256 and how many quotes cite each
    /// (without an outline, the `sources/` folder beside where it would be, uncounted).
    /// `report sources add FILE` takes in a document as a source.
    #[command(args_conflicts_with_subcommands = true)]
    Sources {
        #[command(subcommand)]
        action: Option<SourcesAction>,
        /// The outline file.
        #[arg(default_value = "report.yaml")]
        outline: PathBuf,
        /// The project folder: nothing outside it is read [default: the outline's folder].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Find where TEXT stands in SOURCE, or in every source of the folder when no SOURCE is
    /// given (any whitespace matching any whitespace), and print it as a `cite` entry ready to
    /// paste; when it is not there, the nearest passage (exit 1).
    Find {
        /// SOURCE (a source id in the sources folder, or a file's path), then TEXT (the words
        /// to find; `...` or `…` marks words left out); or TEXT alone, to search every source.
        #[arg(value_name = "[SOURCE] TEXT", num_args = 1..=2, required = true)]
        words: Vec<String>,
        /// The sources folder.
        #[arg(long, value_name = "DIR", default_value = "sources")]
        sources: PathBuf,
    },
    /// Make a model's answer an outline: its citations become quotes (Anthropic) or claims
    /// that need one (OpenAI, Gemini), then check it. Nothing imported is trusted.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Print a shell's completion script (e.g. `report completions bash > ~/.local/share/bash-completion/completions/report`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page, in roff (e.g. `report man > report.1 && man -l report.1`).
    Man,
    /// List the citation styles an outline may name as `style:` (default `chicago-notes`).
    Styles,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaArg {
    /// A briefing outline (`report.yaml`).
    Outline,
    /// A source catalog (`sources/sources.yaml`).
    Catalog,
}

/// What a check holds against an outline, and where it may read.
#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Treat as findings: `uncited` reports every paragraph that cites no source.
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<DenyArg>,
    /// The project folder: nothing outside it is read [default: the outline's folder].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// How many threads check the outlines (search the sources, explain what is not found,
    /// format the findings); the output is the same for any number [default: one per core].
    #[arg(long, short, value_name = "N", env = "REPORT_JOBS")]
    jobs: Option<std::num::NonZeroUsize>,
}

/// What `report sources` does besides listing.
#[derive(Debug, Subcommand)]
enum SourcesAction {
    /// Take in a document as a source: a PDF (its text by poppler's pdftotext, with pages kept
    /// and extraction artefacts cleaned), a Word file, a web page (a saved file or an http(s)
    /// address: the article's text), or plain text. Writes `sources/ID.txt`, keeps the
    /// original under `sources/originals/`, and adds the document's details and provenance to
    /// the catalog. Overwrites nothing.
    Add {
        /// The document: a file, or an http(s) address.
        input: PathBuf,
        /// The source id [default: from the file name].
        #[arg(long)]
        id: Option<String>,
        /// The sources folder.
        #[arg(long, value_name = "DIR", default_value = "sources")]
        sources: PathBuf,
        /// The project folder: nothing is written outside it [default: the sources folder's parent].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Keep no copy of the original (for material that may not be committed).
        #[arg(long)]
        no_keep: bool,
        /// The pdftotext program [default: `pdftotext` on PATH].
        #[arg(long, value_name = "PATH", env = "REPORT_PDFTOTEXT")]
        pdftotext: Option<PathBuf>,
        /// The encoding of a text file that is not UTF-8: `windows-1252`, `iso-8859-2`, `shift_jis`.
        #[arg(long, value_name = "LABEL")]
        encoding: Option<String>,
        /// How long fetching an http(s) address, or extracting a PDF's text, may take, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
    /// Make each source's text again from its kept original and compare it with the text
    /// committed: an audit of hand edits and extractor changes (exit 1 if any differs).
    Verify {
        /// The sources to verify [default: every source in the catalog].
        ids: Vec<String>,
        /// The sources folder.
        #[arg(long, value_name = "DIR", default_value = "sources")]
        sources: PathBuf,
        /// The project folder: nothing outside it is read [default: the sources folder's parent].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// The pdftotext program [default: `pdftotext` on PATH].
        #[arg(long, value_name = "PATH", env = "REPORT_PDFTOTEXT")]
        pdftotext: Option<PathBuf>,
    },
}

/// Whose answer `report import` reads.
#[derive(Debug, Subcommand)]
enum ImportFrom {
    /// Anthropic's Messages API: each citation's `cited_text` becomes a quote of the source
    /// its document is. Reads a response, or the server-sent events of a streamed one.
    Anthropic {
        #[command(flatten)]
        args: ImportArgs,
        /// The request the response answered: its documents' texts tell which source each
        /// is, and the character offsets of citations are checked against them.
        #[arg(long, value_name = "REQUEST.json")]
        request: Option<PathBuf>,
    },
    /// OpenAI's Responses API (or Chat Completions): cited files and pages quote nothing, so
    /// each claim is listed as needing a quotation, and the outline denies uncited paragraphs.
    Openai {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Google's Gemini API: grounded segments quote nothing, so each claim is listed as
    /// needing a quotation, and the outline denies uncited paragraphs.
    Gemini {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Print an Anthropic Messages API request that gives the model the sources as
    /// documents, each with its own text and citations on, so that the offsets of its
    /// citations line up with the files (send it with `curl ... -d @request.json`).
    Request {
        /// What to ask the model.
        question: String,
        /// The sources to give [default: every source of the folder].
        #[arg(long = "source", value_name = "ID")]
        ids: Vec<String>,
        /// The sources folder.
        #[arg(long, value_name = "DIR", default_value = "sources")]
        sources: PathBuf,
        /// The model to ask.
        #[arg(long, default_value = "claude-sonnet-4-5")]
        model: String,
        /// The most tokens the answer may take.
        #[arg(long, default_value_t = 4096, value_parser = clap::value_parser!(u32).range(1..))]
        max_tokens: u32,
    },
}

/// What every `report import` of a response takes.
#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The saved response (`-`: standard input).
    #[arg(value_name = "RESPONSE.json")]
    response: PathBuf,
    /// Which source a cited document is: KEY is its index, title, file name, file id or
    /// address as the response names it; ID a source of the folder. Repeatable.
    #[arg(long = "map", value_name = "KEY=ID")]
    maps: Vec<String>,
    /// The sources folder.
    #[arg(long, value_name = "DIR", default_value = "sources")]
    sources: PathBuf,
    /// Write the outline here (atomically) [default: standard output].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// The outline's title [default: the answer's first heading, else one naming the model].
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    check: CheckArgs,
}

impl ImportArgs {
    fn run(self, provider: report::import::Provider, request: Option<PathBuf>) -> u8 {
        let config = report::import::ImportConfig {
            provider,
            response: self.response,
            request,
            maps: self.maps,
            sources: self.sources,
            outline: PathBuf::new(),
            title: self.title,
            root: self.check.root.clone(),
        };
        // `-o -` is standard output, as leaving `-o` out is.
        let output = self.output.filter(|o| o.as_os_str() != "-");
        import::import(config, output, self.force, self.check.options())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyArg {
    /// Paragraphs that cite no source.
    Uncited,
}

impl CheckArgs {
    fn options(&self) -> CheckOptions {
        CheckOptions {
            deny_uncited: self.deny.contains(&DenyArg::Uncited),
            root: self.root.clone(),
            jobs: self.jobs,
            progress: None,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FindingFormatArg {
    /// rustc-style snippets with the nearest passage and a word diff; coloured on a terminal.
    Human,
    /// One line per finding: `path:line:col: error[code]: message`.
    Short,
    /// One JSON document (schema in README.md).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// Reviewdog Diagnostic Format: `report check --format rdjson | reviewdog -f=rdjson`
    /// posts findings as pull-request comments.
    Rdjson,
}

impl From<FindingFormatArg> for FindingFormat {
    fn from(arg: FindingFormatArg) -> Self {
        match arg {
            FindingFormatArg::Human => FindingFormat::Human,
            FindingFormatArg::Short => FindingFormat::Short,
            FindingFormatArg::Json => FindingFormat::Json,
            FindingFormatArg::Github => FindingFormat::Github,
            FindingFormatArg::Sarif => FindingFormat::Sarif,
            FindingFormatArg::Rdjson => FindingFormat::Rdjson,
        }
    }
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
    /// Keep running: check and render again whenever the outline, a source or the catalog
    /// changes, printing findings as they appear. Ctrl-C stops.
    #[arg(long, short)]
    watch: bool,
    /// Render even with findings, for review: each quotation not verified is flagged where it
    /// stands and in its note, every page carries a DRAFT banner, and the output goes to
    /// `OUTLINE.draft.EXT`, never over the briefing. Exits 1 while anything is found.
    #[arg(long, conflicts_with = "watch")]
    draft: bool,
    /// How long Typst may run before it is stopped, in seconds.
    #[arg(long, env = "REPORT_TYPST_TIMEOUT", value_name = "SECONDS", default_value_t = TypstConfig::DEFAULT_TIMEOUT.as_secs())]
    typst_timeout: u64,
    /// HTML: how many characters of each source to show on either side of a quote in its
    /// evidence; 0 shows the quote alone (for sources that may not be reproduced at length).
    #[arg(long, value_name = "CHARACTERS", default_value_t = RenderConfig::DEFAULT_EXCERPT)]
    excerpt: usize,
    #[command(flatten)]
    check: CheckArgs,
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
    /// One self-contained HTML page, each note opening its evidence.
    Html,
}

/// The arguments of this run. `--version` also names the Typst that PDF output would use,
/// which is looked up only when asked for.
pub fn parse() -> Args {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Args::command();
    if std::env::args_os()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        command = command.version(project::version());
    }
    let matches = command
        .try_get_matches()
        .unwrap_or_else(|error| exit(error));
    Args::from_arg_matches(&matches).unwrap_or_else(|error| exit(error))
}

/// Ends the run on a usage error (exit 2), or after `--help` or `--version`, whose text goes
/// to standard output: a write error there is exit 2 too, where clap would exit 0.
fn exit(error: clap::Error) -> ! {
    if error.use_stderr() {
        error.exit()
    }
    let text = error.render().ansi().to_string();
    std::process::exit(exit::styled_out(&text).into())
}

/// Runs the command `args` asks for and returns the exit code.
pub fn run(args: Args) -> ExitCode {
    stop_cleanly_on_signals();
    ExitCode::from(match args.command {
        Command::Init { dir } => project::init(&dir),
        Command::Schema { of } => project::schema(match of {
            SchemaArg::Outline => report::project::schema::SchemaOf::Outline,
            SchemaArg::Catalog => report::project::schema::SchemaOf::Catalog,
        }),
        Command::Completions { shell } => project::completions(shell),
        Command::Sources {
            action:
                Some(SourcesAction::Add {
                    input,
                    id,
                    sources,
                    root,
                    no_keep,
                    pdftotext,
                    encoding,
                    timeout,
                }),
            ..
        } => sources::add(&report::sources::add::Request {
            input,
            id,
            folder: sources,
            root,
            keep: !no_keep,
            pdftotext,
            encoding,
            timeout: Some(std::time::Duration::from_secs(timeout)),
        }),
        Command::Sources {
            action:
                Some(SourcesAction::Verify {
                    ids,
                    sources,
                    root,
                    pdftotext,
                }),
            ..
        } => sources::verify(&sources, root.as_deref(), &ids, pdftotext.as_deref()),
        Command::Sources {
            action: None,
            outline,
            root,
        } => sources::sources(&outline, root.as_deref()),
        Command::Find { words, sources } => match words.as_slice() {
            [text] => sources::find_everywhere(text, &sources),
            [source, text] => sources::find(source, text, &sources),
            _ => exit(<Args as clap::CommandFactory>::command().error(
                clap::error::ErrorKind::TooManyValues,
                "`report find` takes SOURCE TEXT, or TEXT alone to search every source",
            )),
        },
        Command::Import { from } => {
            use report::import::Provider;
            match from {
                ImportFrom::Anthropic { args, request } => args.run(Provider::Anthropic, request),
                ImportFrom::Openai { args } => args.run(Provider::OpenAi, None),
                ImportFrom::Gemini { args } => args.run(Provider::Gemini, None),
                ImportFrom::Request {
                    question,
                    ids,
                    sources,
                    model,
                    max_tokens,
                } => import::request(&sources, &ids, &question, &model, max_tokens),
            }
        }
        Command::Man => project::man(),
        Command::Styles => project::styles(),
        Command::Check {
            outlines,
            format,
            check: options,
        } => check(&outlines, format.into(), options.options()),
        Command::Render(args) if args.watch => watch::watch(&args.into_config()),
        Command::Render(args) => render(&args.into_config()),
    })
}

impl RenderArgs {
    fn into_config(self) -> RenderConfig {
        let format = match self.format {
            FormatArg::Md => Format::Markdown,
            FormatArg::Typst => Format::Typst,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Html => Format::Html,
        };
        let mut config = RenderConfig::new(self.outline, format, self.output.as_deref());
        config.paper = match self.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::UsLetter => Paper::UsLetter,
        };
        config.typst = TypstConfig {
            program: self.typst,
            creation_timestamp: self.source_date_epoch,
            timeout: std::time::Duration::from_secs(self.typst_timeout),
        };
        config.check = self.check.options();
        config.excerpt = self.excerpt;
        match self.draft {
            true => config.into_draft(),
            false => config,
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP: kill Typst, remove temporary files, then die of the signal
/// as if unhandled (so a shell sees the usual status). Earlier output is never touched: it is
/// only ever replaced by a rename.
fn stop_cleanly_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            report::files::interrupt::clean_up();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(exit::signalled(signal));
        }
    });
}

/// A run is interrupted only by the signal thread, which is about to end the process with the
/// signal's own status once it has cleaned up; this thread waits for that instead of racing it.
fn wait_for_the_signal() -> ! {
    loop {
        std::thread::park();
    }
}

fn check(outlines: &[PathBuf], format: FindingFormat, mut options: CheckOptions) -> u8 {
    let bar = progress::Bar::attach(&mut options);
    let jobs = options.jobs();
    let run = report::check_all(outlines, options);
    if let Some(bar) = bar {
        bar.finish();
    }
    let printed = print::run(&run, format, jobs);
    let written = exit::styled_out(&printed.out);
    exit::styled_err(&printed.err);
    let code = exit::of_check(written, !run.errors.is_empty(), run.summary.findings());
    // The process ends now: its memory goes back whole, without freeing the run's pieces
    // one by one (30 ms of ten thousand quotes' 330).
    std::mem::forget((run, printed));
    code
}

/// Warns when the Typst that `line` names (`typst 0.11.1 (…)`, `Typst 0.11.1`) is older than
/// the PDF template is tested with.
fn warn_of_old_typst(line: &str) {
    if report::render::pdf::older_than_tested(line) == Some(true) {
        err(&format!("{line}: {}", project::old_typst()));
    }
}

fn render(config: &RenderConfig) -> u8 {
    let mut config = config.clone();
    let bar = progress::Bar::attach(&mut config.check);
    let done = report::render(&config);
    if let Some(bar) = bar {
        bar.finish();
    }
    let (outline, rendered) = match done {
        Ok(done) => done,
        Err(report::Error::Interrupted) => wait_for_the_signal(),
        Err(error) => {
            err(&human::error(&error));
            // A Typst that fails may be one too old for the template.
            if let report::Error::TypstFailed { program, .. } = &error
                && let Some(line) = report::render::pdf::version(program)
            {
                warn_of_old_typst(&line);
            }
            return FAILED;
        }
    };
    if config.format == Format::Pdf {
        let made = match &rendered {
            Rendered::Bytes(bytes) => report::render::pdf::made_by(bytes),
            // Read back only a regular file of a PDF's size: `-o` may name a FIFO or a
            // device, which reading would wait on.
            Rendered::Written(path) => (std::fs::symlink_metadata(path).ok())
                .filter(|m| m.is_file() && m.len() <= 512 << 20)
                .and_then(|_| std::fs::read(path).ok())
                .and_then(|pdf| report::render::pdf::made_by(&pdf)),
            Rendered::Refused => None,
        };
        if let Some(line) = made {
            warn_of_old_typst(&line);
        }
    }
    for finding in &outline.checked.findings {
        err(&human::finding(&outline.file, finding));
    }
    err(&human::outline_summary(&outline));
    match rendered {
        Rendered::Refused => {
            err(
                "nothing rendered: fix the findings above, then render again \
                 (`--draft` renders a draft for review, flagging them)",
            );
            FINDINGS
        }
        Rendered::Written(path) if config.draft && !outline.is_clean() => {
            err(&format!(
                "wrote the draft {}; it is not the briefing: fix the findings above, then render",
                path.display()
            ));
            FINDINGS
        }
        Rendered::Written(path) => {
            err(&format!("wrote {}", path.display()));
            VERIFIED
        }
        Rendered::Bytes(bytes) if config.draft && !outline.is_clean() => match out(&bytes) {
            VERIFIED => FINDINGS,
            failed => failed,
        },
        Rendered::Bytes(bytes) => out(&bytes),
    }
}
