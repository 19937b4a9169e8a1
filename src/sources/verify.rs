//! `report sources verify`: each source's text made again from its kept original, and
//! compared with the text committed. An audit, apart from `check`, which stays offline and
//! reads only the text: it tells a hand edit of the text from another extractor's reading.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::containment::{self, Chosen};
use crate::sources::add::{self, Request};
use crate::sources::catalog::{self, SourceMeta};
use crate::sources::set::sha256;

/// What re-making one source's text found.
#[derive(Debug)]
pub enum Outcome {
    /// The text is what its original makes.
    Same {
        /// What made it.
        extractor: Option<String>,
    },
    /// The committed text and the text made again differ.
    Differs {
        /// The first line that differs (from 1), as committed and as made again.
        line: usize,
        committed: String,
        made: String,
        /// Whether the committed text was changed after it was added (its SHA-256 is not the
        /// one recorded).
        edited: bool,
        /// What made it then, and what makes it now.
        then: Option<String>,
        now: Option<String>,
    },
    /// The kept original is not the file the text was made from: its SHA-256 is not the
    /// one recorded.
    OriginalReplaced,
    /// No original is kept (plain UTF-8 text, or `--no-keep`): nothing to compare.
    NoOriginal,
    /// The text or the original could not be read or made.
    Failed(Error),
}

/// One source's audit.
#[derive(Debug)]
pub struct Audit {
    /// The source's id.
    pub id: String,
    /// What was found.
    pub outcome: Outcome,
}

/// Re-makes the text of each of `ids` (every catalogued source if empty) in the sources folder
/// `folder` from its kept original, with pdftotext `pdftotext` if given.
pub fn verify(
    folder: &Path,
    root: Option<&Path>,
    ids: &[String],
    pdftotext: Option<&Path>,
) -> Result<Vec<Audit>, Error> {
    let within = add::project(folder, root)?;
    let resolved = std::fs::canonicalize(folder).map_err(|e| Error::read(folder, e))?;
    if !resolved.starts_with(&within) {
        return Err(Error::read(
            folder,
            std::io::Error::other("the sources folder is outside the project"),
        ));
    }
    let entries = catalog::read(folder, &resolved)?;
    let mut wanted: Vec<String> = match ids.is_empty() {
        true => entries.keys().cloned().collect(),
        false => ids.to_vec(),
    };
    wanted.sort();
    wanted.dedup();
    Ok((wanted.into_iter())
        .map(|id| {
            let outcome = match entries.get(&id) {
                Some(meta) => audit(folder, &resolved, &id, meta, pdftotext),
                None => Outcome::Failed(Error::UnknownSource {
                    id: id.clone(),
                    folder: folder.to_owned(),
                }),
            };
            Audit { id, outcome }
        })
        .collect())
}

fn audit(
    folder: &Path,
    resolved: &Path,
    id: &str,
    meta: &SourceMeta,
    pdftotext: Option<&Path>,
) -> Outcome {
    let Some(provenance) = &meta.provenance else {
        return Outcome::NoOriginal;
    };
    let Some(kept) = &provenance.kept else {
        return Outcome::NoOriginal;
    };
    let original: PathBuf = folder.join(kept);
    let text_path = folder.join(format!("{id}.txt"));
    let read = |path: &Path| {
        let mut bytes = Vec::new();
        containment::read(
            path,
            resolved,
            Chosen::ByProject,
            add::MAX_INPUT,
            &mut bytes,
        )?;
        match bytes.len() as u64 > add::MAX_INPUT {
            true => Err(Error::SourceTooLarge {
                path: path.to_owned(),
                limit: add::MAX_INPUT,
            }),
            false => Ok(bytes),
        }
    };
    let (bytes, committed) = match (read(&original), read(&text_path)) {
        (Ok(bytes), Ok(committed)) => (bytes, committed),
        (Err(error), _) | (_, Err(error)) => return Outcome::Failed(error),
    };
    let recorded = provenance.original_sha256.as_deref();
    if recorded.is_some_and(|sha| sha != sha256(&bytes)) {
        return Outcome::OriginalReplaced;
    }
    let request = Request {
        input: original,
        pdftotext: pdftotext.map(Path::to_owned),
        encoding: provenance.converted_from.clone(),
        ..Request::default()
    };
    // Made again as it was made: a page as a page, with the charset it was read in.
    let made = match provenance.media_type.as_deref() {
        Some("text/html") => {
            let charset = provenance.converted_from.as_deref().unwrap_or("utf-8");
            let served = format!("text/html; charset={charset}");
            let url = provenance.final_url.as_deref().or(meta.url.as_deref());
            add::html(&request, &bytes, Some(&served), url)
        }
        _ => add::make(&request, &bytes),
    };
    let made = match made {
        Ok(made) => made,
        Err(error) => return Outcome::Failed(error),
    };
    let now = made.meta.provenance.and_then(|p| p.extractor);
    if made.text.as_bytes() == committed {
        return Outcome::Same { extractor: now };
    }
    let committed = String::from_utf8_lossy(&committed).into_owned();
    let sha = sha256(committed.as_bytes());
    let (line, old, new) = first_difference(&committed, &made.text);
    Outcome::Differs {
        line,
        committed: old,
        made: new,
        edited: provenance.text_sha256.as_deref() != Some(&sha),
        then: provenance.extractor.clone(),
        now,
    }
}

/// The first line (from 1) where `a` and `b` differ, and that line in each.
fn first_difference(a: &str, b: &str) -> (usize, String, String) {
    let (mut left, mut right) = (a.split('\n'), b.split('\n'));
    let mut line = 1;
    loop {
        match (left.next(), right.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            (x, y) => {
                let show = |l: Option<&str>| l.map_or("(the end)".to_owned(), str::to_owned);
                return (line, show(x), show(y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_differing_line_is_named() {
        assert_eq!(
            first_difference("a\nb\nc", "a\nB\nc"),
            (2, "b".into(), "B".into())
        );
        assert_eq!(
            first_difference("a\nb", "a"),
            (2, "b".into(), "(the end)".into())
        );
    }
}
