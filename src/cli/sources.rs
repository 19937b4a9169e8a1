//! `report sources` (a table of an outline's sources) and `report find` (where a text stands
//! in a source, as a YAML `cite` entry ready to paste): run, printed through
//! [`report::print`], and given their exit codes.

use std::path::Path;

use report::check::locate::Found;
use report::print::{find as find_text, human, sources as table};

use super::exit::{FAILED, FINDINGS, VERIFIED, err, out};

/// Prints the table of the sources of `outline`.
pub fn sources(outline: &Path, root: Option<&Path>) -> u8 {
    match report::sources::inventory::inventory(outline, root) {
        Ok(inventory) => {
            if !inventory.counted {
                err(&format!(
                    "no outline at {}: the QUOTES column counts an outline's citations \
                     (`report sources OUTLINE`)",
                    outline.display()
                ));
            }
            let written = out(table::table(&inventory.rows).as_bytes());
            // Every file that cannot be read is named, with how to mend it: exit 1.
            let mut unreadable = false;
            for error in inventory.rows.iter().filter_map(|r| r.unreadable.as_ref()) {
                err(&human::error(error));
                unreadable = true;
            }
            match (written, unreadable) {
                (VERIFIED, true) => FINDINGS,
                (written, _) => written,
            }
        }
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}

/// Adds the document of `request` as a source, saying what was written.
pub fn add(request: &report::sources::add::Request) -> u8 {
    match report::sources::add::add(request) {
        Ok(added) => {
            for line in table::added(&added) {
                err(&line);
            }
            VERIFIED
        }
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}

/// Audits the sources `ids` of `folder` (every catalogued one if none): exit code 0 when each
/// text is what its original makes, 1 when one differs, 2 when one cannot be made.
pub fn verify(folder: &Path, root: Option<&Path>, ids: &[String], pdftotext: Option<&Path>) -> u8 {
    let audits = match report::sources::verify::verify(folder, root, ids, pdftotext) {
        Ok(audits) => audits,
        Err(error) => {
            err(&human::error(&error));
            return FAILED;
        }
    };
    use report::sources::verify::Outcome;
    let failed = audits
        .iter()
        .any(|a| matches!(a.outcome, Outcome::Failed(_)));
    let differs = audits.iter().any(|a| {
        matches!(
            a.outcome,
            Outcome::Differs { .. } | Outcome::OriginalReplaced
        )
    });
    let written = out(table::audits(&audits).as_bytes());
    match (written, failed, differs) {
        (FAILED, _, _) | (_, true, _) => FAILED,
        (_, _, true) => FINDINGS,
        _ => VERIFIED,
    }
}

/// Finds `text` in every source of `folder`: exit code 0 when it stands in one, 1 when only
/// nearest passages (or nothing) could be shown.
pub fn find_everywhere(text: &str, folder: &Path) -> u8 {
    match report::check::locate::locate_everywhere(text, folder) {
        Ok(everywhere) => {
            let found = !everywhere.found.is_empty();
            shown(&find_text::everywhere(&everywhere), found)
        }
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}

/// Prints where `text` stands in `source`, and its `cite` entry: exit code 0 when it is
/// there, 1 when it is not (the nearest passage, if any, is still printed).
pub fn find(source: &str, text: &str, folder: &Path) -> u8 {
    match report::check::locate::locate(source, text, folder) {
        Ok(located) => {
            let found = matches!(located.found, Found::Places(_));
            shown(&find_text::located(&located), found)
        }
        Err(error) => {
            err(&human::error(&error));
            FAILED
        }
    }
}

/// Prints what `report find` shows (notes on standard error, entries on standard output):
/// exit code 0 when the text was `found`, 1 when not, 2 when the output cannot be written.
fn shown(shown: &find_text::FindText, found: bool) -> u8 {
    for note in &shown.notes {
        err(note);
    }
    let written = match shown.out.is_empty() {
        true => VERIFIED,
        false => out(shown.out.as_bytes()),
    };
    match (found, written) {
        (_, FAILED) => FAILED,
        (true, written) => written,
        (false, _) => FINDINGS,
    }
}
