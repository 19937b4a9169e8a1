//! `report import`: a model's response made an outline, written, then checked.

use std::path::{Path, PathBuf};

use report::import::{ImportConfig, Imported, NoteKind};
use report::print::human;
use report::{CheckOptions, CheckedOutline};

use super::exit::{FAILED, FINDINGS, VERIFIED, err, out};

/// Where standard output's outline is taken to stand, for the check and its messages.
const STANDARD_OUTPUT: &str = "<stdout>";

/// Imports `config`'s response, writes the outline (to `output`, else standard output), then
/// checks it: exit 0 when every quote holds and nothing needs a look, 1 when something does.
pub fn import(
    mut config: ImportConfig,
    output: Option<PathBuf>,
    force: bool,
    check: CheckOptions,
) -> u8 {
    config.outline = output
        .clone()
        .unwrap_or_else(|| PathBuf::from(STANDARD_OUTPUT));
    let imported = match report::import::import(&config) {
        Ok(imported) => imported,
        Err(error) => {
            err(&human::error(&error));
            return FAILED;
        }
    };
    // Checked first, where it will stand: a run that cannot be done writes nothing.
    let checked = match report::check_text(&config.outline, imported.yaml.clone(), check) {
        Ok(checked) => checked,
        Err(error) => {
            err(&human::error(&error));
            return FAILED;
        }
    };
    let written = match &output {
        Some(_) => report::import::write(&config, &imported.yaml, force),
        None => match out(imported.yaml.as_bytes()) {
            VERIFIED => Ok(()),
            _ => return FAILED,
        },
    };
    if let Err(error) = written {
        err(&human::error(&error));
        return FAILED;
    }
    for note in &imported.notes {
        err(&format!("warning[{}]: {}", label(note.kind), note.message));
    }
    let written = match &output {
        Some(path) => format!("wrote {}", path.display()),
        None => "wrote it to standard output".into(),
    };
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    err(&format!(
        "imported {} with {}; {written}",
        plural(imported.paragraphs, "paragraph", "paragraphs"),
        plural(imported.quotes, "quote", "quotes"),
    ));
    verdict(&imported, &checked)
}

/// The check's findings and summary, and the exit code they and the notes make.
fn verdict(imported: &Imported, outline: &CheckedOutline) -> u8 {
    for finding in &outline.checked.findings {
        err(&human::finding(&outline.file, finding));
    }
    err(&human::outline_summary(outline));
    let needs = (imported.notes.iter())
        .filter(|n| n.kind == NoteKind::NeedsQuote)
        .count();
    if needs > 0 {
        err(&format!(
            "{needs} {}: add each as a `cite` (`report find \"words\"` shows where words \
             stand in the sources)",
            match needs {
                1 => "claim needs a quotation",
                _ => "claims need a quotation",
            }
        ));
    }
    match outline.is_clean() && imported.notes.is_empty() {
        true => VERIFIED,
        false => FINDINGS,
    }
}

fn label(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::NeedsQuote => "needs-quotation",
        NoteKind::Unmapped => "unknown-document",
        NoteKind::Offsets => "offsets",
        NoteKind::TextDiffers => "text-differs",
        NoteKind::DocumentDiffers => "document-differs",
        NoteKind::Pages => "pages",
        NoteKind::Incomplete => "incomplete",
    }
}

/// `report import request`: prints a Messages API request that gives the model the sources.
pub fn request(sources: &Path, ids: &[String], question: &str, model: &str, max_tokens: u32) -> u8 {
    match report::import::request_for(sources, ids, question, model, max_tokens) {
        Ok(json) => out(json.as_bytes()),
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}
