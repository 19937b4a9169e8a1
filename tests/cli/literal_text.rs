//! Property: any text — ASCII punctuation, letters, digits, spaces, newlines, curly quotes,
//! combining marks, right-to-left script, emoji — quoted in an outline reads back unchanged
//! (whitespace runs as one space) from the PDF that the real `typst` compiles, and from the
//! Markdown through a CommonMark parser.

use crate::common::{
    flatten, flatten_pdf, markdown_text, pdf_text, pdf_tools, report_in, yaml_string,
};
use proptest::prelude::*;

/// Strings drawn from the character classes above, within two limits of the PDF text layer
/// rather than of `report`:
/// - A PDF holds right-to-left text in display order, and `pdftotext`, putting it back in
///   typed order, moves the spaces, digits and punctuation that touch it (`a א, b` reads back
///   as `a ,אb`). So right-to-left text comes as phrases of Hebrew words of their own.
/// - Typst draws a combining mark on any letter, but when the font has no precomposed glyph
///   for the pair (`T` + U+0301) it writes a wrong text layer for it (typst issue #8767), so
///   combining marks follow letters that have one (`e` + U+0301).
fn text() -> impl Strategy<Value = String> {
    let mixed = "([ -~\n“”‘’\u{1f600}-\u{1f60f}]|[aeiouAEIOU]\u{301}){0,40}";
    let hebrew = prop::collection::vec("[\u{5d0}-\u{5ea}]{1,6}", 1..5).prop_map(|w| w.join(" "));
    prop_oneof![4 => mixed.prop_map(String::from), 1 => hebrew]
}

/// A project quoting each of `texts` as a block quotation between unique markers.
fn write_project(dir: &std::path::Path, texts: &[String]) {
    let marked: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("QSTART{i} {t} QEND{i}"))
        .collect();
    std::fs::create_dir(dir.join("sources")).unwrap();
    std::fs::write(dir.join("sources/generated.txt"), marked.join("\n")).unwrap();
    let mut outline =
        String::from("title: Generated\nsections:\n  - heading: Quotes\n    paragraphs:\n");
    for quote in &marked {
        outline.push_str(&format!(
            "      - quote:\n          source: generated\n          quote: {}\n",
            yaml_string(quote)
        ));
    }
    std::fs::write(dir.join("report.yaml"), outline).unwrap();
}

/// What stands between the markers of quote `i` in `text`, flattened by `flatten`.
fn between_markers(text: &str, i: usize, flatten: fn(&str) -> String) -> Option<String> {
    let flat = flatten(text);
    let start = flat.find(&format!("QSTART{i} "))? + format!("QSTART{i} ").len();
    let end = start + flat[start..].find(&format!("QEND{i}"))?;
    Some(flat[start..end].trim_end().to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn quoted_text_reads_back_unchanged(texts in prop::collection::vec(text(), 1..16)) {
        let dir = tempfile::tempdir().unwrap();
        write_project(dir.path(), &texts);

        let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
        prop_assert_eq!(run.code, 0, "{}", run.stderr);
        let markdown = markdown_text(&run.stdout);
        for (i, t) in texts.iter().enumerate() {
            prop_assert_eq!(between_markers(&markdown, i, flatten), Some(flatten(t)), "Markdown, text {}", i);
        }

        if pdf_tools() {
            let run = report_in(dir.path(), &["render", "--format", "pdf", "-o", "out.pdf"]);
            prop_assert_eq!(run.code, 0, "{}", run.stderr);
            let pdf = pdf_text(&dir.path().join("out.pdf"));
            for (i, t) in texts.iter().enumerate() {
                prop_assert_eq!(between_markers(&pdf, i, flatten_pdf), Some(flatten_pdf(t)), "PDF, text {}", i);
            }
        }
    }
}
