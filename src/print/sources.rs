//! `report sources` as text: the sources of an outline's folder as aligned columns.

use crate::sources::add::Added;
use crate::sources::inventory::Row;
use crate::sources::verify::{Audit, Outcome};
use crate::text::visible::visible;

/// The rows as aligned columns under a header.
pub fn table(rows: &[Row]) -> String {
    let header = ["ID", "TITLE", "SIZE", "SHA-256", "QUOTES"].map(String::from);
    let mut lines: Vec<[String; 5]> = vec![header];
    for row in rows {
        let (size, sha) = match &row.file {
            Some(_) if row.unreadable.is_some() => ("unreadable".into(), "-".into()),
            Some(file) => (size(file.bytes), file.sha256[..12].to_owned()),
            None => ("missing".into(), "-".into()),
        };
        let title = row.title.as_deref().map_or("-".into(), |t| shorten(t, 48));
        let (id, title) = (visible(&row.id).into_owned(), visible(&title).into_owned());
        let quotes = row.quotes.map_or("-".into(), |n| n.to_string());
        lines.push([id, title, size, sha, quotes]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for line in &lines {
        let cells: Vec<String> = (line.iter().zip(&widths).enumerate())
            .map(|(c, (cell, &width))| match c {
                2 | 4 => format!("{cell:>width$}"),
                _ => format!("{cell:<width$}"),
            })
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// A size in bytes, kB or MB (powers of 1000), as people read them.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let kept: String = text.chars().take(most - 1).collect();
    format!("{kept}…")
}

/// What `report sources add` says it did, a line each.
pub fn added(added: &Added) -> Vec<String> {
    let provenance = added.meta.provenance.clone().unwrap_or_default();
    let id = visible(&added.id);
    let mut made = added.kind.to_owned();
    if let Some(pages) = provenance.pages {
        made.push_str(&format!(", {pages} pages"));
    }
    if let Some(extractor) = &provenance.extractor {
        made.push_str(&format!(", text by {extractor}"));
    }
    if let Some(from) = &provenance.converted_from {
        made.push_str(&format!(", converted from {from}"));
    }
    let mut lines = vec![format!(
        "added source `{id}` ({made}): wrote {}",
        visible(&added.text.display().to_string())
    )];
    if let Some(kept) = &added.kept {
        let kept = visible(&kept.display().to_string()).into_owned();
        lines.push(format!("kept the original as {kept}"));
    }
    let cleaned: Vec<String> = (provenance.cleaned.iter())
        .map(|(what, n)| format!("{}: {n}", visible(what)))
        .collect();
    if !cleaned.is_empty() {
        lines.push(format!("cleaned: {}", cleaned.join(", ")));
    }
    if !added.blank_pages.is_empty() {
        let pages: Vec<String> = added.blank_pages.iter().map(usize::to_string).collect();
        lines.push(format!(
            "warning: no text on page{} {} (a scan?): quotes from there cannot be checked",
            if pages.len() == 1 { "" } else { "s" },
            pages.join(", ")
        ));
    }
    lines.push(format!(
        "cite it as `source: {id}`; its details are in the catalog, check them"
    ));
    lines
}

/// What `report sources verify` found, a line or three per source.
pub fn audits(audits: &[Audit]) -> String {
    let mut text = String::new();
    for audit in audits {
        let id = visible(&audit.id);
        match &audit.outcome {
            Outcome::Same { extractor } => {
                let by = extractor.as_deref().unwrap_or("its conversion");
                text.push_str(&format!("ok: `{id}` is what {by} makes of its original\n"));
            }
            Outcome::OriginalReplaced => {
                text.push_str(&format!(
                    "differs: `{id}`: its kept original is not the file the text was made from (its SHA-256 is not the one recorded)\n"
                ));
            }
            Outcome::NoOriginal => {
                text.push_str(&format!(
                    "skipped: `{id}` has no kept original to compare\n"
                ));
            }
            Outcome::Differs {
                line,
                committed,
                made,
                edited,
                then,
                now,
            } => {
                let why = match (edited, then, now) {
                    (true, _, _) => "its text was changed after it was added".to_owned(),
                    (false, Some(then), Some(now)) if then != now => {
                        format!("it was made by {then}, and {now} reads the original differently")
                    }
                    _ => "the original now reads differently".to_owned(),
                };
                text.push_str(&format!("differs: `{id}`, first at line {line}: {why}\n"));
                text.push_str(&format!("  committed: {}\n", visible(committed)));
                text.push_str(&format!("  made now:  {}\n", visible(made)));
            }
            Outcome::Failed(error) => {
                text.push_str(&format!("error: `{id}`: {}\n", visible(&error.to_string())));
            }
        }
    }
    text
}
