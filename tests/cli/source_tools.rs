//! `report sources` and `report find`, run as a user would.

use std::path::Path;

use crate::common::{assert_contains, example_copy, report_in};
use sha2::{Digest, Sha256};

#[test]
fn sources_lists_every_source_with_its_digest_and_citing_quotes() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("sources/uncited.txt"),
        "Nobody quotes this.\n",
    )
    .unwrap();
    let run = report_in(dir.path(), &["sources"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("ID "), "{}", run.stdout);
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    let outline = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    for id in [
        "hamas-russia-china-support",
        "russia-hamas-relations",
        "uncited",
    ] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(id))
            .expect("a row per source");
        let bytes = std::fs::read(dir.path().join(format!("sources/{id}.txt"))).unwrap();
        let digest = format!("{:x}", Sha256::digest(&bytes));
        assert_contains(line, &digest[..12]);
        let cited = outline.matches(&format!("source: {id}\n")).count();
        assert!(
            line.ends_with(&format!(" {cited}")),
            "{line} cited {cited} times"
        );
    }
    assert_contains(&run.stdout, "Russia–Hamas relations");
}

#[test]
fn sources_shows_a_cited_source_that_has_no_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let outline = "title: t\nsections:\n  - heading: h\n    paragraphs:\n      - text: x\n        cite:\n          source: gone\n          quote: y\n";
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["sources"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(
        row.starts_with("gone") && row.contains("missing") && row.ends_with(" 1"),
        "{row}"
    );
}

/// A folder with sources and no outline yet: the sources are listed, uncounted, and the user
/// is told why; a folder with neither is an error naming the folder.
#[test]
fn sources_lists_a_folder_with_no_outline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/memo.txt"), "A memo.\n").unwrap();
    std::fs::write(dir.path().join("sources/note.txt"), "A note.\n").unwrap();
    let run = report_in(dir.path(), &["sources"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    assert!(
        rows[0].starts_with("memo") && rows[0].ends_with(" -"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("note") && rows[1].ends_with(" -"),
        "{}",
        rows[1]
    );
    assert_contains(&run.stderr, "no outline at report.yaml");
    let empty = tempfile::tempdir().unwrap();
    let run = report_in(empty.path(), &["sources"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "sources");
}

/// `report find TEXT` searches every source (who said this?): each source holding the text
/// with its places and an entry that, pasted into an outline, verifies; else the nearest
/// passages, best first; a source it cannot read is named and passed over.
#[test]
fn find_without_a_source_searches_every_source() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::fs::write(
        sources.join("a.txt"),
        "The minister said the talks had failed.\n",
    )
    .unwrap();
    std::fs::write(
        sources.join("b.txt"),
        "Nothing here.\nAs ever, the talks had failed.\n",
    )
    .unwrap();
    std::fs::write(
        sources.join("c.txt"),
        "The talks went well, said the envoy.\n",
    )
    .unwrap();
    std::fs::write(sources.join("d.txt"), b"caf\xe9 talks\n").unwrap();
    let run = report_in(dir.path(), &["find", "the talks had   failed"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "# sources/a.txt:1:19:");
    assert_contains(&run.stdout, "# sources/b.txt:2:10:");
    assert!(!run.stdout.contains("c.txt"), "{}", run.stdout);
    assert_contains(&run.stderr, "skipped: sources/d.txt:1:4: not UTF-8 text");
    // Each entry, pasted into an outline, verifies.
    let entries: Vec<&str> = run.stdout.split("\n\n").collect();
    assert_eq!(entries.len(), 2, "{}", run.stdout);
    let mut outline = String::from("title: t\nsections:\n  - heading: h\n    paragraphs:\n");
    for entry in &entries {
        let cite: String = (entry.lines())
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("        {l}\n"))
            .collect();
        outline.push_str(&format!("      - text: x.\n{cite}"));
    }
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let check = report_in(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_contains(&check.stdout, "2 verified");
    // Nowhere verbatim: the nearest passage, marked, and exit 1.
    let near = report_in(
        dir.path(),
        &["find", "the talks went badly, said the envoy"],
    );
    assert_eq!(near.code, 1, "{}", near.stdout);
    assert_contains(
        &near.stderr,
        "not found verbatim in any source of the folder",
    );
    assert_contains(&near.stdout, "# the nearest passage, not the text given");
    assert_contains(&near.stdout, "source: c\n");
}

/// Every source file that is not UTF-8 is listed as unreadable, cited or not, and named on
/// standard error with the command that converts it; the listing exits 1.
#[test]
fn sources_lists_every_unreadable_file() {
    let dir = crate::common::copy_fixture("unreadable-sources");
    let run = report_in(dir.path(), &["sources"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    assert!(!rows[0].contains("unreadable"), "{}", rows[0]);
    for (row, id) in rows[1..].iter().zip(["memo", "notes"]) {
        assert!(row.starts_with(id) && row.contains("unreadable"), "{row}");
        assert_contains(&run.stderr, "iconv -f ");
        assert_contains(&run.stderr, &format!("sources/{id}.txt:1:"));
    }
}

/// The project of `report init`, with `text` as a second source, `s`.
fn project_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(report_in(dir.path(), &["init"]).code, 0);
    std::fs::write(dir.path().join("sources/s.txt"), text).unwrap();
    dir
}

/// Adds a paragraph citing with `entry` (as `report find` printed it) to the outline.
fn paste(dir: &Path, entry: &str) {
    let path = dir.join("report.yaml");
    let mut outline = std::fs::read_to_string(&path).unwrap();
    outline.push_str("      - text: Pasted.\n");
    for line in entry.lines() {
        outline.push_str(&format!("        {line}\n"));
    }
    std::fs::write(path, outline).unwrap();
}

#[test]
fn a_found_text_becomes_a_cite_entry_that_checks_clean() {
    let source = "Intro.\nShe said: \"#1 - *not* [a] link`\"\n  across\n\tlines: yes. Outro.\n";
    let dir = project_with(source);
    let wanted = "She said: \"#1 - *not* [a] link`\" across lines: yes.";
    let run = report_in(dir.path(), &["find", "s", wanted]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "# sources/s.txt:2:1: Intro. «She said: ");
    paste(dir.path(), &run.stdout);
    let check = report_in(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_contains(&check.stdout, "3 verified");
}

#[test]
fn every_place_is_listed_and_a_file_path_works_too() {
    let dir = project_with("the same words here; and the same\nwords there.\n");
    let run = report_in(dir.path(), &["find", "sources/s.txt", "the same words"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let places: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(places.len(), 2, "{}", run.stdout);
    assert!(
        places[0].starts_with("# sources/s.txt:1:1: «the same words»"),
        "{}",
        places[0]
    );
    assert!(
        places[1].starts_with("# sources/s.txt:1:26: "),
        "{}",
        places[1]
    );
}

#[test]
fn a_text_not_there_gets_the_nearest_passage_and_exit_1() {
    let dir = project_with("Intro. The committee rejected the northern route after three days.\n");
    let run = report_in(
        dir.path(),
        &["find", "s", "the committee approved the northern route"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "nearest: sources/s.txt:1:8");
    assert_contains(&run.stderr, "[-approved-] [+rejected+]");
    assert_contains(
        &run.stdout,
        "quote: The committee rejected the northern route",
    );
    let nothing = report_in(dir.path(), &["find", "s", "zebra quantum"]);
    assert_eq!(nothing.code, 1);
    assert_contains(&nothing.stderr, "no passage is close");
    assert_eq!(nothing.stdout, "");
}

#[test]
fn an_unknown_source_or_nothing_to_find_is_an_error() {
    let dir = project_with("Words.\n");
    let unknown = report_in(dir.path(), &["find", "nope", "Words"]);
    assert_eq!(unknown.code, 2);
    assert_contains(&unknown.stderr, "no source `nope`");
    assert_contains(&unknown.stderr, "help: ");
    let empty = report_in(dir.path(), &["find", "s", " … "]);
    assert_eq!(empty.code, 2);
    assert_contains(&empty.stderr, "nothing to find");
}
