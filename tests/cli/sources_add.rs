//! `report sources add`: PDFs typeset by the real Typst (pages, two columns, hyphenation, a
//! running header, page numbers, a footnote) and plain text taken in as sources, the
//! originals kept and the catalog extended; refusals leave nothing behind.

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::common::{assert_contains, file_names, pdf_tools, report_in};

/// Prose long enough for two columns of several A6 pages, in long words that Typst
/// hyphenates; each sentence is a quote a writer would type from the printed page.
const PROSE: &[&str] = &[
    "The harbour commission reviewed the infrastructure programme in February-March 2024.",
    "Its environmental assessment was unquestionably the most comprehensive undertaken in the region.",
    "Administrators acknowledged considerable responsibility for the delays in implementation.",
    "A well-known engineering consultancy recommended strengthening the southern breakwater.",
    "Internationally recognised standards required extraordinary documentation for every modification.",
    "Representatives of the fishing cooperatives characterised the consultation as insufficiently transparent.",
    "The commission’s chairperson nevertheless described the negotiations as constructive and straightforward.",
    "Independent hydrographers measured sedimentation rates considerably higher than the original estimates.",
    "Consequently the maintenance dredging budget was increased by approximately seventeen percent.",
    "Municipal authorities requested a reconsideration of the transportation arrangements for heavy cargo.",
    "The Russian-Israeli shipping agreement was mentioned only briefly in the concluding observations.",
    "Environmental organisations welcomed the commitment to electrification of the container terminals.",
    "Nevertheless several questions about intergovernmental coordination remained unanswered at publication.",
    "The subsequent parliamentary investigation concentrated on procurement irregularities and accountability.",
    "Witnesses testified that the documentation requirements had been interpreted inconsistently.",
    "A comprehensive reorganisation of the inspection department was announced the following autumn.",
];

/// Compiles the Typst `source` to `dir/name` with the real `typst`.
pub(crate) fn typeset(dir: &Path, name: &str, source: &str) -> PathBuf {
    let typ = dir.join(format!("{name}.typ"));
    std::fs::write(&typ, source).unwrap();
    let pdf = dir.join(name);
    let output = Command::new("typst")
        .arg("compile")
        .arg(&typ)
        .arg(&pdf)
        .output()
        .expect("typst runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::remove_file(typ).unwrap();
    pdf
}

/// A report of several pages: a running header, page numbers, two justified columns with
/// hyphenation, the prose flowing over pages, then a page with a footnote.
fn harbour_pdf(dir: &Path) -> PathBuf {
    // Each pass over the prose starts at another sentence, so no two pages read alike.
    let pass = |from: usize| {
        let mut turned = PROSE.to_vec();
        turned.rotate_left(from);
        turned.join(" ")
    };
    let (first, second, third) = (pass(0), pass(5), pass(11));
    let source = format!(
        r#"#set page(width: 105mm, height: 148mm, margin: 12mm, columns: 2,
  header: align(right)[Harbour Review 2024],
  footer: context align(center)[#counter(page).display()])
#set text(size: 9pt, lang: "en", hyphenate: true)
#set par(justify: true)
{first}

{second}

{third}

#pagebreak()
The last page carries a note.#footnote[The commission’s own figures were published later.] It ends the review.
"#
    );
    typeset(dir, "harbour.pdf", &source)
}

/// Writes an outline in `dir` citing each of `quotes` from `source`.
fn outline(dir: &Path, source: &str, quotes: &[String]) {
    let unpaged: Vec<(Option<usize>, String)> = quotes.iter().map(|q| (None, q.clone())).collect();
    outline_paged(dir, source, &unpaged);
}

/// Writes an outline in `dir` citing each of `quotes` from `source`, with its page if given.
fn outline_paged(dir: &Path, source: &str, quotes: &[(Option<usize>, String)]) {
    let mut text = String::from("title: T\nsections:\n  - heading: H\n    paragraphs:\n");
    for (i, (page, quote)) in quotes.iter().enumerate() {
        text.push_str(&format!(
            "      - text: Claim {i}.\n        cite:\n          source: {source}\n          quote: {}\n",
            crate::common::yaml_string(quote)
        ));
        if let Some(page) = page {
            text.push_str(&format!("          page: {page}\n"));
        }
    }
    std::fs::write(dir.join("report.yaml"), text).unwrap();
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn catalog(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("sources/sources.yaml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn every_sentence_printed_in_a_typeset_pdf_verifies_and_a_changed_one_does_not() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = harbour_pdf(dir.path());
    let run = report_in(dir.path(), &["sources", "add", "harbour.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "added source `harbour` (PDF, ");
    for cleaned in [
        "page numbers dropped",
        "running headers dropped",
        "line-end hyphens joined",
    ] {
        assert_contains(&run.stderr, cleaned);
    }
    let text = std::fs::read_to_string(dir.path().join("sources/harbour.txt")).unwrap();
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 4, "{pages} pages:\n{text}");
    assert!(!text.contains("Harbour Review 2024"), "{text}");

    let mut quotes: Vec<String> = PROSE.iter().map(|s| (*s).to_owned()).collect();
    // The footnote's number, printed glued to its first word (`1The`), is set apart.
    quotes.push("The commission’s own figures were published later.".into());
    quotes.push("The last page carries a note.".into());
    outline(dir.path(), "harbour", &quotes);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}\n{text}", run.stdout);

    // One word changed in each: none may pass.
    let changed: Vec<String> = (quotes.iter())
        .map(|q| q.replacen("the", "a", 1).replacen("The", "A", 1))
        .filter(|q| !quotes.contains(q))
        .collect();
    outline(dir.path(), "harbour", &changed);
    let run = report_in(dir.path(), &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.matches("error[quote-not-found]").count(),
        changed.len(),
        "{}",
        run.stdout
    );

    let entry = &catalog(dir.path())["harbour"];
    let provenance = &entry["provenance"];
    let original = std::fs::read(&pdf).unwrap();
    assert_eq!(provenance["media-type"], "application/pdf");
    assert_eq!(provenance["original"], "harbour.pdf");
    assert_eq!(provenance["original-sha256"], sha256(&original));
    assert_eq!(provenance["text-sha256"], sha256(text.as_bytes()));
    assert_eq!(provenance["pages"], pages);
    assert_eq!(provenance["options"], "-enc UTF-8 -bbox-layout");
    assert!(
        provenance["extractor"]
            .as_str()
            .unwrap()
            .starts_with("pdftotext ")
    );
    assert_eq!(provenance["kept"], "originals/harbour.pdf");
    let kept = std::fs::read(dir.path().join("sources/originals/harbour.pdf")).unwrap();
    assert_eq!(kept, original);
}

/// Sentence `i` of [`PROSE`] as pass `pass` over it prints it: each pass's sentences are its own.
fn passed(pass: usize, i: usize) -> String {
    let sentence = PROSE[i];
    match pass {
        0 => sentence.to_owned(),
        _ => format!(
            "In year {}, {}{}",
            pass + 1,
            &sentence[..1].to_lowercase(),
            &sentence[1..]
        ),
    }
}

/// The note called after sentence `i` of pass `pass`, if one is: every other sentence, but
/// not one that ends in a number, where a marker cannot be told from digits (`2024.1`).
fn note(pass: usize, i: usize) -> Option<String> {
    let number = PROSE[i]
        .trim_end_matches('.')
        .ends_with(|c: char| c.is_ascii_digit());
    ((i + pass).is_multiple_of(2) && !number).then(|| {
        format!(
            "Note {}.{} cites the commission’s minutes of meeting {}.",
            pass + 1,
            i + 1,
            40 + i
        )
    })
}

/// Two columns over several pages with a running header and page numbers, a footnote called
/// from every other sentence, its marker glued to the word or the full stop before it, and a
/// compound broken at its hyphen at a line end.
fn noted_pdf(dir: &Path) -> PathBuf {
    let mut body = String::new();
    for pass in 0..3 {
        for i in 0..PROSE.len() {
            let sentence = passed(pass, i);
            let called = match note(pass, i) {
                Some(note) if i % 4 < 2 => format!("{sentence}#footnote[{note}]"),
                Some(note) => format!("{}#footnote[{note}].", sentence.trim_end_matches('.')),
                None => sentence,
            };
            body.push_str(&called);
            body.push(' ');
        }
        body.push_str("\n\n");
    }
    let source = format!(
        r#"#set page(width: 105mm, height: 148mm, margin: 12mm, columns: 2,
  header: align(right)[Harbour Review 2024],
  footer: context align(center)[#counter(page).display()])
#set text(size: 9pt, lang: "en", hyphenate: true)
#set par(justify: true)
{body}
The rule is so well-#linebreak()known that nobody cites it.
"#
    );
    typeset(dir, "noted.pdf", &source)
}

#[test]
fn footnotes_neither_glue_their_markers_to_words_nor_break_a_sentence_across_pages() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    noted_pdf(dir.path());
    let run = report_in(dir.path(), &["sources", "add", "noted.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "footnote markers taken off words");
    let text = std::fs::read_to_string(dir.path().join("sources/noted.txt")).unwrap();
    assert!(text.matches('\u{c}').count() >= 4, "{text}");
    // No marker is left on a word: `programme1`, `consultancy.12`.
    let glued: Vec<&str> = (text.split_whitespace())
        .filter(|w| {
            let stem = w.trim_end_matches(|c: char| c.is_ascii_digit());
            stem.len() < w.len() && stem.chars().any(char::is_alphabetic)
        })
        .collect();
    assert!(glued.is_empty(), "{glued:?}\n{text}");

    let mut quotes = Vec::new();
    for pass in 0..3 {
        for i in 0..PROSE.len() {
            quotes.push(passed(pass, i));
            quotes.extend(note(pass, i));
        }
    }
    quotes.push("The rule is so well-known that nobody cites it.".into());
    outline(dir.path(), "noted", &quotes);
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}\n{text}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let across = json["verified"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["pages"].as_array().is_some_and(|p| p.len() == 2))
        .count();
    assert!(across >= 2, "{} quotes run across pages\n{text}", across);

    // The notes' numbers are not part of the sentences that call them, nor the reverse.
    let wrong = vec![
        format!("{}1", PROSE[0].trim_end_matches('.')),
        format!("{} {}", PROSE[2], note(0, 2).unwrap()),
        "The rule is so wellknown that nobody cites it.".to_owned(),
    ];
    outline(dir.path(), "noted", &wrong);
    let run = report_in(dir.path(), &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.matches("error[quote-not-found]").count(),
        wrong.len(),
        "{}",
        run.stdout
    );
}

#[test]
fn plain_hyphens_at_line_ends_are_read_as_compounds_or_hyphenation() {
    if !pdf_tools() {
        return;
    }
    // Hyphenated as LaTeX does, with plain hyphens: nothing in the file tells hyphenation
    // from a compound broken at its hyphen.
    let dir = tempfile::tempdir().unwrap();
    let source = "#set text(hyphenate: false)\nA long-#linebreak()term plan, an exam-#linebreak()ple of care and a well-#linebreak()founded fear, well-#linebreak()ness aside.";
    typeset(dir.path(), "plain.pdf", source);
    let run = report_in(dir.path(), &["sources", "add", "plain.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let quotes: Vec<String> =
        ["A long-term plan, an example of care and a well-founded fear, wellness aside."]
            .map(String::from)
            .to_vec();
    outline(dir.path(), "plain", &quotes);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    for wrong in [
        "a longterm plan",
        "an exam-ple",
        "a wellfounded fear",
        "well-ness",
    ] {
        outline(dir.path(), "plain", &[wrong.to_owned()]);
        assert_eq!(report_in(dir.path(), &["check"]).code, 1, "{wrong}");
    }
}

#[test]
fn an_id_already_used_is_refused_and_nothing_changes() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    harbour_pdf(dir.path());
    let first = report_in(dir.path(), &["sources", "add", "harbour.pdf", "--id", "h"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let sources = dir.path().join("sources");
    let before: Vec<(String, Vec<u8>)> = (file_names(&sources).into_iter())
        .filter(|n| sources.join(n).is_file())
        .map(|n| (n.clone(), std::fs::read(sources.join(&n)).unwrap()))
        .collect();
    let again = report_in(dir.path(), &["sources", "add", "harbour.pdf", "--id", "h"]);
    assert_eq!(again.code, 2);
    assert_contains(&again.stderr, "source `h` already exists");
    assert_contains(&again.stderr, "help: give another id with `--id`");
    for (name, bytes) in before {
        assert_eq!(std::fs::read(sources.join(&name)).unwrap(), bytes, "{name}");
    }
    assert_eq!(file_names(&sources.join("originals")), vec!["h.pdf"]);
}

#[test]
fn the_catalog_keeps_its_comments_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    let old = "# Our sources, newest last.\nzeta:\n  title: Zeta  # checked by hand\nalpha:\n  title: Alpha\n";
    std::fs::write(sources.join("sources.yaml"), old).unwrap();
    std::fs::write(dir.path().join("memo.txt"), "The memo says what it says.\n").unwrap();
    let run = report_in(dir.path(), &["sources", "add", "memo.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = std::fs::read_to_string(sources.join("sources.yaml")).unwrap();
    assert!(new.starts_with(old), "{new}");
    let entry = &catalog(dir.path())["memo"]["provenance"];
    assert_eq!(entry["media-type"], "text/plain");
    assert_eq!(
        std::fs::read_to_string(sources.join("memo.txt")).unwrap(),
        "The memo says what it says.\n"
    );
    // UTF-8 text is its own original: no copy is kept.
    assert!(!sources.join("originals").exists());
    assert!(entry.get("kept").is_none());
}

#[test]
fn text_in_another_encoding_is_converted_and_its_original_kept() {
    let dir = tempfile::tempdir().unwrap();
    let latin1: &[u8] = b"Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9.\n";
    std::fs::write(dir.path().join("menu.txt"), latin1).unwrap();
    let refused = report_in(dir.path(), &["sources", "add", "menu.txt"]);
    assert_eq!(refused.code, 2);
    assert_contains(&refused.stderr, "not UTF-8");
    assert!(!dir.path().join("sources/menu.txt").exists());

    let run = report_in(
        dir.path(),
        &["sources", "add", "menu.txt", "--encoding", "latin1"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "converted from windows-1252");
    let text = std::fs::read_to_string(dir.path().join("sources/menu.txt")).unwrap();
    assert_eq!(text, "Café crème, naïve résumé.\n");
    let kept = std::fs::read(dir.path().join("sources/originals/menu.txt")).unwrap();
    assert_eq!(kept, latin1);
    let entry = &catalog(dir.path())["menu"]["provenance"];
    assert_eq!(entry["converted-from"], "windows-1252");

    let unknown = report_in(
        dir.path(),
        &[
            "sources",
            "add",
            "menu.txt",
            "--id",
            "m2",
            "--encoding",
            "klingon",
        ],
    );
    assert_eq!(unknown.code, 2);
    assert_contains(&unknown.stderr, "unknown encoding `klingon`");
}

#[test]
fn pdfs_that_cannot_be_read_are_clear_errors_and_leave_nothing() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    typeset(
        dir.path(),
        "blank.pdf",
        "#rect(width: 2cm)\n#pagebreak()\n#rect()",
    );
    let run = report_in(dir.path(), &["sources", "add", "blank.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "the PDF has no text on any of its 2 pages");
    assert_contains(&run.stderr, "help: report does not read images of text");

    let pdf = harbour_pdf(dir.path());
    let bytes = std::fs::read(&pdf).unwrap();
    std::fs::write(dir.path().join("cut.pdf"), &bytes[..bytes.len() / 3]).unwrap();
    let run = report_in(dir.path(), &["sources", "add", "cut.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "cut.pdf: not a readable PDF");

    let run = report_in(
        dir.path(),
        &[
            "sources",
            "add",
            "harbour.pdf",
            "--pdftotext",
            "/nowhere/pdftotext",
        ],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "PDF sources need poppler's pdftotext");
    assert_contains(&run.stderr, "apt-get install poppler-utils");
    assert!(
        !dir.path().join("sources").exists() || file_names(&dir.path().join("sources")).is_empty()
    );
}

#[test]
fn a_broken_word_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.docx"), b"PK\x03\x04rest").unwrap();
    let run = report_in(dir.path(), &["sources", "add", "a.docx"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "a.docx: not a readable Word file");
    assert!(!dir.path().join("sources").exists());
}

/// A `.docx` with the parts the Word walker reads, each part's XML as given.
pub(crate) fn docx(path: &Path, parts: &[(&str, &str)]) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

pub(crate) const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

#[test]
fn a_word_file_becomes_a_source_with_its_runs_tables_changes_notes_and_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        r#"<w:document {W}><w:body>
<w:p><w:r><w:t xml:space="preserve">The committee </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>approved</w:t></w:r><w:r><w:t xml:space="preserve"> the </w:t></w:r><w:del w:author="A"><w:r><w:delText>draft </w:delText></w:r></w:del><w:ins w:author="A"><w:r><w:t xml:space="preserve">final </w:t></w:r></w:ins><w:r><w:t>budget.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><w:t>Item</w:t><w:tab/><w:t>Cost</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Dredging</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4.2 million</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">See page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Ref1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> for the well</w:t><w:noBreakHyphen/><w:t>known figures.</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>A pull quote in a box.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>A pull quote in a box.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>"#
    );
    let notes = format!(
        r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>Figures from the treasury.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let core = r#"<cp:coreProperties xmlns:cp="cp" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Budget minutes</dc:title><dc:creator>The Secretary</dc:creator><dcterms:created>2024-03-05T10:00:00Z</dcterms:created></cp:coreProperties>"#;
    docx(
        &dir.path().join("minutes.docx"),
        &[
            ("word/document.xml", &body),
            ("word/footnotes.xml", &notes),
            ("docProps/core.xml", core),
        ],
    );
    let run = report_in(dir.path(), &["sources", "add", "minutes.docx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "added source `minutes` (Word file");
    let text = std::fs::read_to_string(dir.path().join("sources/minutes.txt")).unwrap();
    assert_eq!(
        text,
        "The committee approved the final budget.\n\nItem\tCost\n\nDredging\n\n4.2 million\n\nSee page 3 for the well-known figures.\n\nA pull quote in a box.\n\nFigures from the treasury.\n"
    );
    let entry = &catalog(dir.path())["minutes"];
    assert_eq!(entry["title"], "Budget minutes");
    assert_eq!(entry["author"], "The Secretary");
    assert_eq!(entry["provenance"]["created"], "2024-03-05T10:00:00Z");
    assert!(
        entry.get("published").is_none(),
        "a file's creation is not its publication"
    );
    assert_eq!(entry["provenance"]["kept"], "originals/minutes.docx");
    let quotes: Vec<String> = [
        "The committee approved the final budget.",
        "See page 3 for the well-known figures.",
        "A pull quote in a box.",
        "Figures from the treasury.",
    ]
    .map(String::from)
    .to_vec();
    outline(dir.path(), "minutes", &quotes);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // Paragraphs are counted: the box is the sixth block, the footnote the seventh.
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_contains(
        &run.stdout,
        "“A pull quote in a box.” — The Secretary, *Budget Minutes*, para. 6.",
    );
    assert_contains(
        &run.stdout,
        "“Figures from the treasury.” — The Secretary, *Budget Minutes*, para. 7.",
    );
    outline(
        dir.path(),
        "minutes",
        &["approved the draft budget".to_owned()],
    );
    assert_eq!(report_in(dir.path(), &["check"]).code, 1);
}

#[test]
fn a_zip_bomb_in_a_word_file_stops_at_the_cap() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..100 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 4 << 20);
    let run = crate::common::report_measured(
        dir.path(),
        &["sources", "add", "bomb.docx"],
        std::time::Duration::from_secs(60),
    );
    assert_eq!(run.run.code, 2, "{}", run.run.stderr);
    assert_contains(
        &run.run.stderr,
        "word/document.xml is larger than 64 MiB once decompressed",
    );
    assert!(run.peak < 300 << 20, "peak memory {} MB", run.peak >> 20);
    assert!(!dir.path().join("sources").exists());
}

#[test]
fn an_id_that_could_pass_for_another_or_a_path_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("memo.txt"), "text\n").unwrap();
    for id in ["../escape", "m\u{435}mo", "memo.txt"] {
        let run = report_in(dir.path(), &["sources", "add", "memo.txt", "--id", id]);
        assert_eq!(run.code, 2, "{id}");
        assert_contains(&run.stderr, "source id `");
    }
    assert!(!dir.path().join("escape.txt").exists());
}

/// Quotes typed from the page images of a PDF nobody here made (zlib's CRC paper, shipped by
/// Debian's `zlib1g-dev`), with the physical page each starts on. Two run across a page break
/// (over its page number), two hold a compound broken at its hyphen at a line end
/// (`non-overlapping`, `February-March`), many hold words hyphenated at line ends and
/// ligatures (`efficient`, `briefly`).
const CRC_QUOTES: &[(usize, &str)] = &[
    (
        2,
        "is a well-known technique that allows the recipient of a message transmitted over a noisy channel to detect whether the message has been corrupted",
    ),
    (2, "In practice, a more complex formula is used:"),
    (2, "Efficient computation of individual CRCs"),
    (
        3,
        "That allows detection of insertion of zeroes in the beginning of a message and replacement of both content of the message",
    ),
    (
        3,
        "An efficient table-driven software implementation which reads and processes data byte by byte",
    ),
    (
        3,
        "The “classic” byte-by-byte CRC algorithm described in section 4.6 was published by Sarwate",
    ),
    (
        3,
        "published a method that reads data by words (described in section 4.8); however, it still computes the CRC",
    ),
    (
        3,
        "In 2001, Braun and Waldvogel [BW01] briefly outlined a specialized variant of a CRC",
    ),
    (
        3,
        "In 2002, Ji and Killian [JK02] provided detailed description and analysis of a nearly identical scheme.",
    ),
    (
        3,
        "we have not seen prior art describing or utilizing a method of computing a CRC by processing in parallel",
    ),
    (
        3,
        "multiple input streams belonging to non-overlapping sections of input data, desribed in section 4.10.",
    ),
    (
        3,
        "A special case restricted to the use of 64-bit tables, 64-bit reads, and 32 or 64-bit generating polynomials was implemented by the authors",
    ),
    (
        4,
        "was implemented by the authors in February-March 2007 and was used by a couple of Microsoft products.",
    ),
    (
        4,
        "so that the CRC of a message and the sequence of bits appended to the message produces predefined result",
    ),
    (
        4,
        "and the method of computing a CRC of the concatenation of messages having known CRC values without touching the actual data",
    ),
    (5, "in-place and recompute CRC of modified message"),
    (8, "Listing 1: Multiplication of normalized polynomials"),
    (9, "It is sufficient to be able to compute"),
];

/// The SHA-256 of the PDF the quotes were typed from.
const CRC_SHA256: &str = "064f9252d6e2e15ea56c2bd18e160e5c9c84bcd137c11a7af497aaa511ace998";

/// The CRC paper, decompressed into `dir`: from `REPORT_REAL_PDF` (a `.pdf.gz`), else where
/// Debian's `zlib1g-dev` puts it; `None` (or a failure, in CI) when it is not there.
fn crc_paper(dir: &Path) -> Option<PathBuf> {
    let packed = std::env::var_os("REPORT_REAL_PDF")
        .map(PathBuf::from)
        .unwrap_or_else(|| "/usr/share/doc/zlib1g-dev/crc-doc.1.0.pdf.gz".into());
    if !packed.is_file() {
        assert!(
            std::env::var_os("REPORT_REQUIRE_TYPST").is_none(),
            "{} is missing: .ci/run installs it (zlib1g-dev)",
            packed.display()
        );
        eprintln!("skipped: {} is missing", packed.display());
        return None;
    }
    let output = Command::new("gzip")
        .arg("-dc")
        .arg(&packed)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        sha256(&output.stdout),
        CRC_SHA256,
        "another edition of the paper"
    );
    let pdf = dir.join("crc-doc.pdf");
    std::fs::write(&pdf, output.stdout).unwrap();
    Some(pdf)
}

#[test]
fn quotes_typed_from_the_pages_of_a_real_pdf_verify() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(_) = crc_paper(dir.path()) else {
        return;
    };
    let run = report_in(
        dir.path(),
        &["sources", "add", "crc-doc.pdf", "--id", "crc"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "(PDF, 29 pages");
    // Each with the page it starts on in the page images: the pages are checked too.
    let quotes: Vec<(Option<usize>, String)> = (CRC_QUOTES.iter())
        .map(|(page, q)| (Some(*page), (*q).to_owned()))
        .collect();
    outline_paged(dir.path(), "crc", &quotes);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_contains(&run.stdout, &format!("{} verified", quotes.len()));
    // One page off, each is a finding that names the right page.
    let off: Vec<(Option<usize>, String)> = (quotes.iter())
        .map(|(page, q)| (page.map(|p| p + 2), q.clone()))
        .collect();
    outline_paged(dir.path(), "crc", &off);
    let run = report_in(dir.path(), &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout.matches("error[wrong-page]").count(),
        quotes.len(),
        "{}",
        run.stdout
    );

    // Letter-spaced code (`o c c u p y`) is a known limit: reported, never passed.
    outline(
        dir.path(),
        "crc",
        &["occupy D least significant bits.".to_owned()],
    );
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
}

#[test]
fn verify_tells_a_hand_edit_from_a_faithful_text() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    harbour_pdf(dir.path());
    std::fs::write(dir.path().join("menu.txt"), b"Caf\xe9 cr\xe8me.\n").unwrap();
    std::fs::write(dir.path().join("memo.txt"), "A memo.\n").unwrap();
    for args in [
        &["sources", "add", "harbour.pdf"][..],
        &["sources", "add", "menu.txt", "--encoding", "latin1"],
        &["sources", "add", "memo.txt"],
    ] {
        let run = report_in(dir.path(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = report_in(dir.path(), &["sources", "verify"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "ok: `harbour` is what pdftotext ");
    assert_contains(&run.stdout, "ok: `menu` is what its conversion makes");
    assert_contains(&run.stdout, "skipped: `memo` has no kept original");

    let text = dir.path().join("sources/harbour.txt");
    let edited = std::fs::read_to_string(&text).unwrap().replacen(
        "harbour commission",
        "harbor commission",
        1,
    );
    std::fs::write(&text, edited).unwrap();
    let run = report_in(dir.path(), &["sources", "verify", "harbour"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "differs: `harbour`, first at line 1: its text was changed after it was added",
    );
    assert_contains(&run.stdout, "committed: The harbor commission");
    assert_contains(&run.stdout, "made now:  The harbour commission");

    let run = report_in(dir.path(), &["sources", "verify", "nowhere"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stdout, "error: `nowhere`: no source `nowhere`");
}

/// A Word file as a real word processor's export writes it (pandoc's: styles, numbering,
/// relationships, a footnote, a table): every sentence of it verifies.
#[test]
fn a_word_file_exported_by_pandoc_verifies_sentence_by_sentence() {
    if !crate::common::tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let markdown = "---\ntitle: The Harbour Minutes\nauthor: Jane Clerk\n---\n\n# Opening\n\n\
        The committee **approved** the *final* budget of 4.2 million — after a “long” debate.[^1] \
        Members asked for a well-known engineer's review.\n\n\
        | Item | Cost |\n|------|------|\n| Dredging | 4.2 million |\n\n\
        > A quoted passage, set apart from the rest.\n\n\
        - first point, with `code` in it\n- second point\n\n\
        [^1]: Figures from the treasury's own report.\n";
    std::fs::write(dir.path().join("minutes.md"), markdown).unwrap();
    let status = Command::new("pandoc")
        .current_dir(dir.path())
        .args(["minutes.md", "-o", "minutes.docx"])
        .status()
        .unwrap();
    assert!(status.success());
    let run = report_in(dir.path(), &["sources", "add", "minutes.docx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let quotes: Vec<String> = [
        "The committee approved the final budget of 4.2 million — after a “long” debate.",
        "Members asked for a well-known engineer’s review.",
        "Dredging",
        "A quoted passage, set apart from the rest.",
        "first point, with code in it",
        "Figures from the treasury’s own report.",
        "The Harbour Minutes",
    ]
    .map(String::from)
    .to_vec();
    outline(dir.path(), "minutes", &quotes);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(catalog(dir.path())["minutes"]["author"], "Jane Clerk");
}

#[test]
fn printed_page_numbers_count_from_the_catalogs_first_page_and_originals_can_be_left_out() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source =
        "An opening page.\n#pagebreak()\nThe article goes on here.\n#pagebreak()\nIt ends.";
    typeset(dir.path(), "article.pdf", source);
    let run = report_in(dir.path(), &["sources", "add", "article.pdf", "--no-keep"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path().join("sources/originals").exists());
    assert!(
        catalog(dir.path())["article"]["provenance"]
            .get("kept")
            .is_none()
    );
    let path = dir.path().join("sources/sources.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("article:\n", "article:\n  first-page: 245\n"),
    )
    .unwrap();
    let outline = "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          source: article\n          quote: The article goes on here.\n          page: 246\n";
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, ", p. 246.\n");
    let run = report_in(dir.path(), &["sources", "verify"]);
    assert_contains(&run.stdout, "skipped: `article` has no kept original");
}

#[test]
fn a_pdf_that_needs_a_password_is_refused_one_that_does_not_is_read() {
    if !pdf_tools() || !crate::common::tool("qpdf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    typeset(dir.path(), "open.pdf", "The words of the report.");
    for (name, user) in [("locked.pdf", "secret"), ("restricted.pdf", "")] {
        let status = Command::new("qpdf")
            .current_dir(dir.path())
            .args(["--encrypt", user, "owner", "256", "--", "open.pdf", name])
            .status()
            .unwrap();
        assert!(status.success());
    }
    let run = report_in(dir.path(), &["sources", "add", "locked.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "locked.pdf: the PDF is encrypted");
    assert_contains(&run.stderr, "help: save an unencrypted copy");
    assert!(!dir.path().join("sources").exists());
    // Encrypted with an owner password only, as many published PDFs are: it opens for anyone.
    let run = report_in(dir.path(), &["sources", "add", "restricted.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &std::fs::read_to_string(dir.path().join("sources/restricted.txt")).unwrap(),
        "The words of the report.",
    );
}

#[test]
fn a_bad_byte_after_a_byte_order_mark_is_told_at_its_offset_in_the_file() {
    // The line and column count the text; the offset counts the file, the mark among it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("memo.txt"), b"\xef\xbb\xbfab\xffcd\n").unwrap();
    let refused = report_in(dir.path(), &["sources", "add", "memo.txt"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_contains(
        &refused.stderr,
        "memo.txt:1:3: not UTF-8 text (byte 0xff at byte offset 5)",
    );
    // The same file as a source, checked.
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::fs::copy(dir.path().join("memo.txt"), sources.join("memo.txt")).unwrap();
    let outline = "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          source: memo\n          quote: ab cd\n";
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(
        &run.stdout,
        "memo.txt:1:3: not UTF-8 text (byte 0xff at byte offset 5)",
    );
}
