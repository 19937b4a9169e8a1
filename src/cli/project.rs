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
            err(&format!(
                "next: `{cd}report check`, then `report render --format pdf`; \
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

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "report", &mut script);
    out(&script)
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

/// The version line and the Typst that `render --format pdf` would use.
pub fn version() -> String {
    let config = report::TypstConfig {
        program: std::env::var_os("REPORT_TYPST").map(Into::into),
        ..report::TypstConfig::default()
    };
    let typst = match report::render::pdf::locate(&config) {
        Ok(path) => match report::render::pdf::version(&path) {
            Some(version) => {
                let version = version.strip_prefix("typst ").unwrap_or(&version);
                format!("{version} at {}", path.display())
            }
            None => format!("{} (does not say its version)", path.display()),
        },
        Err(_) => "not found (PDF output needs it: `cargo install --locked typst-cli`)".into(),
    };
    format!("{}\ntypst: {typst}", env!("CARGO_PKG_VERSION"))
}
