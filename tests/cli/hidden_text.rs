//! Characters a reader cannot see (bidirectional overrides, zero-width characters, control
//! characters, NUL) match only themselves, and every printed finding shows them escaped, so
//! two texts that look the same on screen are never reported as one. CRLF sources match
//! across their line breaks with line numbers intact.

use std::path::Path;

use crate::common::{Run, assert_contains, report_in};

const HIDDEN: [char; 5] = ['\u{202e}', '\u{200b}', '\u{7}', '\u{0}', '\u{feff}'];

/// A project citing `memo` (with text `source`) for `quote`, written as a YAML double-quoted
/// scalar so that any character can be given as an escape.
fn project(source: &str, quote: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/memo.txt"), source).unwrap();
    let mut escaped = String::new();
    for c in quote.chars() {
        match c {
            '"' => escaped.push_str("\\\""),
            c if c.is_control() || c as u32 > 0x7f => {
                escaped.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => escaped.push(c),
        }
    }
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          - source: memo\n            quote: \"{escaped}\"\n"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    dir
}

fn check(dir: &Path, format: &str) -> Run {
    report_in(dir, &["check", "--format", format])
}

#[track_caller]
fn assert_nothing_hidden(run: &Run) {
    for c in HIDDEN {
        let shown = format!("{}{}", run.stdout, run.stderr);
        assert!(!shown.contains(c), "raw U+{:04X} in:\n{shown}", c as u32);
    }
}

#[test]
fn hidden_characters_match_only_themselves() {
    for c in HIDDEN {
        let with = format!("The plan pa{c}ssed by nine votes.");
        let without = "The plan passed by nine votes.";
        let dir = project(&format!("{with}\n"), &with);
        assert_eq!(check(dir.path(), "short").code, 0, "U+{:04X}", c as u32);
        for (source, quote) in [(with.as_str(), without), (without, with.as_str())] {
            let dir = project(&format!("{source}\n"), quote);
            let run = check(dir.path(), "short");
            assert_eq!(run.code, 1, "U+{:04X}: {}", c as u32, run.stderr);
        }
    }
}

#[test]
fn every_printed_format_shows_hidden_characters_escaped() {
    for c in HIDDEN {
        let quote = format!("The plan pa{c}ssed by nine votes.");
        let dir = project("The plan passed by nine votes.\n", &quote);
        for format in ["human", "short", "github", "sarif"] {
            let run = check(dir.path(), format);
            assert_eq!(run.code, 1, "{format}: {}", run.stderr);
            assert_nothing_hidden(&run);
        }
        let run = check(dir.path(), "human");
        assert_contains(&run.stdout, &format!("<U+{:04X}>", c as u32));
        assert_contains(&run.stdout, &format!("pa<U+{:04X}>ssed", c as u32));
    }
}

#[test]
fn an_override_in_the_outline_line_is_escaped_in_the_snippet() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/memo.txt"), "abc\n").unwrap();
    let outline = "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          - source: memo\n            quote: ab\u{202e}dc # looks like abcd\n";
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = check(dir.path(), "human");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_nothing_hidden(&run);
    assert_contains(&run.stdout, "quote: ab<U+202E>dc # looks like abcd");
    // The caret still sits under the whole quote, escape included.
    assert_contains(&run.stdout, &format!("{}^^^^^^^^^^^^", " ".repeat(20)));
}

#[test]
fn crlf_sources_match_across_line_breaks_and_keep_their_line_numbers() {
    let source =
        "First line.\r\nThe plan passed\r\nby nine votes to four.\r\nWork starts in May.\r\n";
    let dir = project(source, "The plan passed by nine votes to four.");
    assert_eq!(check(dir.path(), "short").code, 0);
    let dir = project(source, "Work starts in June.");
    let run = check(dir.path(), "human");
    assert_contains(&run.stdout, "nearest: sources/memo.txt:4:1");
    assert_nothing_hidden(&run);
    assert!(!run.stdout.contains('\r'), "{}", run.stdout);
}

#[test]
fn a_source_with_a_byte_order_mark_is_read_without_it() {
    let dir = project("\u{feff}The plan passed.\n", "The plan passed.");
    assert_eq!(check(dir.path(), "short").code, 0);
}

#[cfg(unix)]
#[test]
fn file_names_with_an_override_are_shown_escaped() {
    // A right-to-left override in a file name reverses the rest of the name on screen.
    let dir = project("The plan passed.\n", "The plan passed.");
    let evil = dir.path().join("sources/evil\u{202e}txt.gpj.txt");
    std::fs::write(&evil, "x\n").unwrap();
    let run = check(dir.path(), "human");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "no claim cites `evil<U+202E>txt.gpj`");
    assert_nothing_hidden(&run);

    // A citation of an id with an override is refused at the id, the id shown escaped.
    let outline = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    let outline = outline.replace("source: memo", "source: \"memo\\u202E\"");
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    std::os::unix::fs::symlink("gone", dir.path().join("sources/memo\u{202e}.txt")).unwrap();
    let run = check(dir.path(), "human");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "source id `memo<U+202E>` holds characters");
    assert_nothing_hidden(&run);
    for format in ["github", "sarif"] {
        let run = check(dir.path(), format);
        assert_eq!(run.code, 2, "{format}: {}", run.stderr);
        assert_contains(&run.stdout, "source id `memo<U+202E>` holds characters");
    }
    let github = check(dir.path(), "github").stdout;
    let message = github.rsplit("::").next().unwrap();
    assert!(!message.contains('\u{202e}'), "{message}");
}

/// Escape sequences and overrides from a source's text, a catalog title and a file name.
const ESC_RED: &str = "\u{1b}[31m";

#[track_caller]
fn assert_no_escape_or_override(run: &Run) {
    let shown = format!("{}{}", run.stdout, run.stderr);
    for c in ['\u{1b}', '\u{202e}'] {
        assert!(!shown.contains(c), "raw U+{:04X} in:\n{shown}", c as u32);
    }
}

#[test]
fn sources_find_and_check_show_escapes_and_overrides_from_the_files_escaped() {
    let source = format!("The plan {ESC_RED} passed \u{202e} by nine votes.\n");
    let dir = project(&source, "The plan passed by nine votes.");
    let catalog = "memo:\n  title: \"Memo \\e[31m red \\u202E x\"\n";
    std::fs::write(dir.path().join("sources/sources.yaml"), catalog).unwrap();
    std::fs::write(
        dir.path().join("sources/odd\u{202e}name.txt"),
        "Another thing entirely was said.\n",
    )
    .unwrap();
    let outline = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap()
        + "          - source: memo\n            quote: Another thing entirely was said.\n";
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();

    let run = report_in(dir.path(), &["sources"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "Memo <U+001B>[31m red <U+202E> x");
    assert_contains(&run.stdout, "odd<U+202E>name");
    assert_no_escape_or_override(&run);

    for format in ["human", "short"] {
        let run = check(dir.path(), format);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_no_escape_or_override(&run);
    }
    let run = check(dir.path(), "human");
    assert_contains(
        &run.stdout,
        "found verbatim at sources/odd<U+202E>name.txt:1:1",
    );
    assert_contains(&run.stdout, "[+<U+001B>[31m+]");

    let run = report_in(dir.path(), &["find", "memo", "The plan passed"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_no_escape_or_override(&run);
    let run = report_in(dir.path(), &["find", "odd\u{202e}name", "thing entirely"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "# sources/odd<U+202E>name.txt:1:9");
    assert_no_escape_or_override(&run);
}

#[test]
fn a_cite_entry_from_find_escapes_hidden_characters_and_still_matches() {
    let source = format!("The plan {ESC_RED} passed \u{202e} by nine votes.\n");
    let dir = project(&source, "nine votes");
    let text = format!("plan {ESC_RED} passed \u{202e} by");
    let run = report_in(dir.path(), &["find", "memo", &text]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_escape_or_override(&run);
    assert_contains(&run.stdout, "quote: \"plan \\u001B[31m passed \\u202E by\"");
    // Pasted into an outline, the entry checks clean: it reads back as the source's text.
    let cite: String = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("        {l}\n"))
        .collect();
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n{cite}"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = check(dir.path(), "short");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "1 verified");
}
