//! Outlines that are broken or built to hurt: each ends in a clear error at `path:line:col`
//! (exit 2) when the outline itself is wrong, or a finding (exit 1) when a well-formed
//! citation does not hold. Never a panic, a hang or a runaway allocation.

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{Run, assert_contains, report_in};

const SOURCE: &str = "The harbour plan passed by nine votes to four.\nWork starts in May.\n";

/// A project with `report.yaml` holding `outline` and one source, `memo`.
fn project(outline: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/memo.txt"), SOURCE).unwrap();
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    dir
}

fn check(dir: &Path) -> Run {
    report_in(dir, &["check"])
}

/// An outline of one paragraph citing `memo` with `quote` (a YAML scalar as written).
fn citing(quote: &str) -> String {
    format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          - source: memo\n            quote: {quote}\n"
    )
}

#[track_caller]
fn assert_error(run: &Run, message: &str, at: &str) {
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stderr, &format!("error: {message}"));
    assert_contains(&run.stderr, &format!("--> report.yaml:{at}"));
    assert_contains(&run.stderr, "= help: ");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn billion_laughs_stops_at_the_alias_limit() {
    let mut yaml =
        String::from("title: T\nsections:\n  - &l0 {heading: h, paragraphs: [{text: t}]}\n");
    for level in 1..10 {
        let previous = format!("*l{}", level - 1);
        let nine = [previous.as_str(); 9].join(", ");
        writeln!(yaml, "  - &l{level} {{heading: h, sections: [{nine}]}}").unwrap();
    }
    let dir = project(yaml.as_bytes());
    let run = check(dir.path());
    assert_error(
        &run,
        "aliases (`*name`) repeat more than 10000 YAML values",
        "",
    );
}

#[test]
fn nesting_thousands_deep_is_refused_at_the_limit() {
    let mut block = String::from("title: T\nsections:\n");
    for depth in 0..3000 {
        let indent = "  ".repeat(2 * depth + 1);
        writeln!(block, "{indent}- heading: h\n{indent}  sections:").unwrap();
    }
    let dir = project(block.as_bytes());
    let run = check(dir.path());
    assert_error(&run, "the YAML nests more than 64 levels deep", "");

    let flow = format!(
        "title: T\nsections: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let dir = project(flow.as_bytes());
    assert_eq!(check(dir.path()).code, 2);
}

#[test]
fn a_50_mb_outline_of_100_000_citations_is_checked() {
    let filler = "Words that make the outline larger than a briefing needs. ".repeat(8);
    let mut yaml = String::from("title: Big\nsections:\n");
    for section in 0..1_000 {
        writeln!(yaml, "  - heading: Part {section}\n    paragraphs:").unwrap();
        for _ in 0..100 {
            writeln!(yaml, "      - text: {filler}\n        cite:\n          - source: memo\n            quote: Work starts in May.").unwrap();
        }
    }
    assert!(yaml.len() > 50_000_000, "{} bytes", yaml.len());
    let dir = project(yaml.as_bytes());
    let run = check(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "checked 100000 quotes");
    assert_contains(&run.stdout, "100000 verified");
}

#[test]
fn an_outline_over_64_mib_is_refused_before_parsing() {
    let mut yaml = String::from("title: T\n");
    while yaml.len() <= 64 << 20 {
        yaml.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let dir = project(yaml.as_bytes());
    let run = check(dir.path());
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "report.yaml: the file is larger than 64 MiB");
    assert_contains(&run.stderr, "help: split the briefing");
}

#[test]
fn wrong_types_and_duplicate_keys_are_errors_at_their_place() {
    let dir = project(b"title: T\nsections:\n  heading: H\n");
    assert_error(&check(dir.path()), "", "3:3");
    let dir = project(b"title: [a, b]\n");
    assert_error(&check(dir.path()), "", "1:8");
    let dir = project(b"title: T\nauthor: A\ntitle: U\n");
    assert_error(&check(dir.path()), "duplicate mapping key", "3:1");
}

#[test]
fn a_folder_named_as_the_outline_is_an_error() {
    let dir = project(b"title: T\n");
    std::fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    let run = report_in(dir.path(), &["check", "folder.yaml"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "folder.yaml: refused: it is a folder");
}

#[test]
fn empty_and_ellipsis_only_quotes_are_findings() {
    for (quote, code) in [
        ("\"\"", "empty-quote"),
        ("\" \\t \"", "empty-quote"),
        ("\"…\"", "ellipsis-only-quote"),
        ("\"... [...] …\"", "ellipsis-only-quote"),
        // Punctuation the source has, but no word of it: it would stand in any source.
        ("\".\"", "empty-quote"),
        ("\", \"", "empty-quote"),
        ("\". . .,\"", "empty-quote"),
        ("\"[.]\"", "empty-quote"),
    ] {
        let dir = project(citing(quote).as_bytes());
        let run = check(dir.path());
        assert_eq!(run.code, 1, "{quote}: {}", run.stderr);
        assert_contains(&run.stdout, &format!("error[{code}]"));
        assert_contains(&run.stdout, "--> report.yaml:8:21");
    }
}

#[test]
fn tabs_crlf_and_a_byte_order_mark_read_like_plain_lines() {
    let plain = citing("\"nine votes\tto four.\"");
    let crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    for text in [plain, crlf] {
        let dir = project(text.as_bytes());
        let run = check(dir.path());
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let broken = text.replace(
            "quote: \"nine votes\tto four.\"",
            "quote: \"nine votes to five.\"",
        );
        std::fs::write(dir.path().join("report.yaml"), broken).unwrap();
        let run = check(dir.path());
        assert_contains(&run.stdout, "--> report.yaml:8:21");
    }
}

#[test]
fn a_tab_used_as_indentation_is_an_error_at_the_tab() {
    let dir = project(b"title: T\nsections:\n\t- heading: H\n");
    let run = check(dir.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "--> report.yaml:3:");
}

#[test]
fn a_second_document_is_an_error_at_its_start() {
    let first = citing("The harbour plan passed");
    let n = first.lines().count();
    let cases = [
        // An empty first document: the outline is in the second.
        (format!("---\n---\n{first}"), "2:1".to_owned()),
        (format!("{first}---\n{first}"), format!("{}:1", n + 1)),
        // A `...` ending the first document, comments and a directive before the second.
        (
            format!("{first}...\n# next\n\n%YAML 1.2\n---\n{first}"),
            format!("{}:1", n + 5),
        ),
        // A second document with no `---`: at its first value.
        (
            format!("{first}...\n\n  title: U\n"),
            format!("{}:3", n + 3),
        ),
        // One that is not YAML after `---`: still at the `---`.
        (format!("{first}---\ntitle: [\n"), format!("{}:1", n + 1)),
    ];
    for (outline, at) in cases {
        let run = check(project(outline.as_bytes()).path());
        assert_error(&run, "the file holds more than one YAML document", &at);
    }
}

#[test]
fn a_yaml_tag_is_an_error_at_the_tag() {
    // The base64 of a quote that is in the source: decoded, it would verify.
    let base64 = "VGhlIGhhcmJvdXIgcGxhbiBwYXNzZWQ=";
    for (tagged, tag) in [
        (format!("!!binary {base64}"), "!!binary"),
        ("!foo The harbour plan passed".to_owned(), "!foo"),
        ("! The harbour plan passed".to_owned(), "!"),
        ("!!int The harbour plan passed".to_owned(), "!!int"),
    ] {
        let run = check(project(citing(&tagged).as_bytes()).path());
        assert_error(&run, &format!("tag `{tag}` is not allowed"), "8:20");
        assert_contains(&run.stderr, "help: write the text itself");
    }
    // On a mapping or a list too.
    let outline = citing("The harbour plan passed").replace("cite:\n", "cite: !list\n");
    assert_error(
        &check(project(outline.as_bytes()).path()),
        "tag `!list`",
        "6:15",
    );
}

#[test]
fn a_yaml_tag_in_the_catalog_is_an_error_at_the_tag() {
    let dir = project(citing("The harbour plan passed").as_bytes());
    std::fs::write(
        dir.path().join("sources/sources.yaml"),
        "memo:\n  title: !!binary TWVtbw==\n",
    )
    .unwrap();
    let run = check(dir.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "error: tag `!!binary` is not allowed");
    assert_contains(&run.stderr, "--> sources/sources.yaml:2:10");
}

#[test]
fn str_tags_and_exclamation_marks_in_text_are_read_as_usual() {
    let source = "The harbour plan passed! Work starts in May.\n";
    for quote in [
        "!!str The harbour plan passed",
        "\"The harbour plan passed!\"",
    ] {
        let dir = project(citing(quote).as_bytes());
        std::fs::write(dir.path().join("sources/memo.txt"), source).unwrap();
        let run = check(dir.path());
        assert_eq!(run.code, 0, "{quote}: {}{}", run.stdout, run.stderr);
    }
}
