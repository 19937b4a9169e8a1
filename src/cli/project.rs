//! Commands that start a project or describe the tool: `init`, `schema`, `completions`,
//! `man`, and the version.

use std::path::Path;

use clap::CommandFactory;
use report::print::human;
use report::project::schema::SchemaOf;

use super::Args;
use super::exit::{FAILED, VERIFIED, err, out};

/// Writes a new project into `dir`.
pub fn init(dir: &Path) -> u8 {
    match report::project::init::init(dir) {
        Ok(written) => {
            for path in written {
                err(&format!("wrote {}", path.display()));
            }
            let cd = if dir == Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", dir.display())
            };
            // A PDF is suggested only where Typst is found to make it.
            let typst = report::TypstConfig {
                program: std::env::var_os("REPORT_TYPST").map(Into::into),
                ..report::TypstConfig::default()
            };
            let render = match report::render::pdf::locate(&typst) {
                Ok(_) => "`report render --format pdf`",
                Err(_) => {
                    "`report render` (Markdown; for a PDF, install Typst: README, Quick start)"
                }
            };
            err(&format!(
                "next: `{cd}report check`, then {render}; \
                 the workflow in .github/workflows/report.yml runs both on every push"
            ));
            VERIFIED
        }
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}

/// Prints the JSON Schema of `what`.
pub fn schema(what: SchemaOf) -> u8 {
    out(report::project::schema::schema(what).as_bytes())
}

/// Prints the completion script for `shell`: clap's, with the ids of the sources folder for
/// `report find` (bash, zsh, fish) and YAML files for the outlines (bash; zsh and fish offer
/// files already).
pub fn completions(shell: clap_complete::Shell) -> u8 {
    use clap_complete::Shell;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "report", &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    match shell {
        Shell::Bash => script.push_str(include_str!(
            "../../report-templates/completions/report.bash"
        )),
        Shell::Fish => script.push_str(include_str!(
            "../../report-templates/completions/report.fish"
        )),
        Shell::Zsh => script = source_ids_in_zsh(&script),
        _ => {}
    }
    out(script.as_bytes())
}

/// clap's zsh script with `report find`'s words completed by `_report_source_ids`, which is
/// defined before the script first calls `_report`.
fn source_ids_in_zsh(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + 1024);
    let mut in_find = false;
    for line in script.split_inclusive('\n') {
        if line.starts_with("if [ \"$funcstack[1]\" = \"_report\" ]") {
            out.push_str(include_str!(
                "../../report-templates/completions/report.zsh"
            ));
        }
        match line.trim() {
            "(find)" => in_find = true,
            ";;" => in_find = false,
            _ => {}
        }
        if in_find && line.trim_start().starts_with("'*::words") {
            out.push_str(&line.replacen(":_default'", ":_report_source_ids'", 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Prints the man page, in roff.
pub fn man() -> u8 {
    let mut page = Vec::new();
    match clap_mangen::Man::new(Args::command()).render(&mut page) {
        Ok(()) => out(&page),
        Err(error) => {
            err(&format!("error: cannot write the man page: {error}"));
            FAILED
        }
    }
}

/// Prints the bundled citation styles, one a line: the name to write, then what it is.
pub fn styles() -> u8 {
    let mut text = String::new();
    for (names, what) in report::outline::style::bundled() {
        let others = match names.len() {
            1 => String::new(),
            _ => format!(" (also {})", names[1..].join(", ")),
        };
        text.push_str(&format!("{:<34} {what}{others}\n", names[0]));
    }
    out(text.as_bytes())
}

/// The warning for a Typst older than the PDF template is tested with.
pub fn old_typst() -> String {
    let (major, minor, _) = report::render::pdf::OLDEST_TESTED;
    format!(
        "warning: this Typst is older than {major}.{minor}, the oldest the PDF template is \
         tested with, and may fail to compile it: update it (README: Quick start)"
    )
}

/// The version line and the Typst that `render --format pdf` would use.
pub fn version() -> String {
    let config = report::TypstConfig {
        program: std::env::var_os("REPORT_TYPST").map(Into::into),
        ..report::TypstConfig::default()
    };
    let typst = match report::render::pdf::locate(&config) {
        Ok(path) => match report::render::pdf::version(&path) {
            Some(line) => {
                let version = line.strip_prefix("typst ").unwrap_or(&line);
                let old = match report::render::pdf::older_than_tested(&line) {
                    Some(true) => format!("; {}", old_typst()),
                    _ => String::new(),
                };
                format!("{version} at {}{old}", path.display())
            }
            None => format!("{} (does not say its version)", path.display()),
        },
        Err(_) => "not found (PDF output needs it: `cargo install --locked typst-cli`)".into(),
    };
    format!("{}\ntypst: {typst}", env!("CARGO_PKG_VERSION"))
}
