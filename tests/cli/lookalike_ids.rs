//! Source ids that could pass for another on screen are refused at the citation: an id with
//! a character that does not show (zero-width, joiners, byte-order mark, bidirectional
//! controls), an id mixing scripts (a Cyrillic `е` in `memo`), and an id that looks like
//! another source of the folder.

use crate::common::{assert_contains, report_in};

/// A project whose sources folder has a file for each of `files` (ids), and whose outline
/// cites `cited`, written as a YAML double-quoted scalar so that any character can be given.
fn project(files: &[&str], cited: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for id in files {
        let path = dir.path().join(format!("sources/{id}.txt"));
        std::fs::write(path, "The plan passed.\n").unwrap();
    }
    let escaped: String = cited
        .chars()
        .map(|c| match c {
            ' '..='~' => c.to_string(),
            c => format!("\\u{:04X}", c as u32),
        })
        .collect();
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n          - source: \"{escaped}\"\n            quote: The plan passed.\n"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    dir
}

#[test]
fn an_id_with_a_character_that_does_not_show_is_refused_at_the_id() {
    for c in ['\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{202e}'] {
        let id = format!("me{c}mo");
        let dir = project(&["memo", &id], &id);
        let run = report_in(dir.path(), &["check"]);
        assert_eq!(run.code, 2, "U+{:04X}: {}", c as u32, run.stdout);
        assert_contains(&run.stderr, "report.yaml:7:22");
        assert_contains(
            &run.stderr,
            &format!(
                "source id `me<U+{:04X}>mo` holds characters that do not show",
                c as u32
            ),
        );
        assert_contains(&run.stderr, "help: write the id without them");
    }
}

#[test]
fn an_id_mixing_scripts_is_refused_even_alone_in_its_folder() {
    let id = "m\u{435}mo";
    let dir = project(&[id], id);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "report.yaml:7:22");
    assert_contains(&run.stderr, "source id `m<U+0435>mo` mixes scripts");
}

#[test]
fn an_id_that_looks_like_another_source_is_refused_naming_both() {
    // `coco` cited while a Cyrillic `сосо` (all one script) lies beside it, and the other
    // way round.
    let lookalike = "\u{441}\u{43e}\u{441}\u{43e}";
    for (files, cited) in [
        (["coco", lookalike], "coco"),
        (["coco", lookalike], lookalike),
    ] {
        let dir = project(&files, cited);
        let run = report_in(dir.path(), &["check"]);
        assert_eq!(run.code, 2, "{cited}: {}", run.stdout);
        assert_contains(&run.stderr, "report.yaml:7:22");
        assert_contains(&run.stderr, "looks like");
        assert_contains(&run.stderr, "<U+0441><U+043E><U+0441><U+043E>");
        assert_contains(&run.stderr, "`coco`");
        assert_contains(&run.stderr, "help: rename one of the two files");
    }
}

#[test]
fn ids_in_one_script_and_unlike_the_others_are_checked_as_usual() {
    for id in ["memo", "протокол", "東京の報告", "Étude 3"] {
        let dir = project(&[id, "memo-2", "notes"], id);
        let run = report_in(dir.path(), &["check"]);
        assert_eq!(run.code, 0, "{id}: {}{}", run.stdout, run.stderr);
    }
}
