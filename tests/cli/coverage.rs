//! Coverage: paragraphs that cite nothing and sources nothing cites, and `--deny uncited`.

use crate::common::{assert_contains, fixture, report_in};

#[test]
fn the_summary_counts_uncited_paragraphs_and_names_uncited_sources() {
    let run = report_in(&fixture("coverage"), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let line = "checked 1 quote (0 inline) in 1 section against 1 source: 1 verified; \
                1 paragraph cites no source; no claim cites `agency`\n";
    assert_eq!(run.stdout, line);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains(line), "README shows another summary line");
}

#[test]
fn deny_uncited_makes_an_uncited_paragraph_a_finding() {
    let run = report_in(&fixture("coverage"), &["check", "--deny", "uncited"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "error[uncited-paragraph]: paragraph cites no source",
    );
    assert_contains(&run.stdout, "--> report.yaml:9:15");
    assert_contains(&run.stdout, "1 uncited paragraph");
    assert!(
        !run.stdout.contains("cites no source;"),
        "counted twice: {}",
        run.stdout
    );
}

#[test]
fn deny_uncited_stops_a_render() {
    let dir = crate::common::copy_fixture("coverage");
    let run = report_in(dir.path(), &["render", "--deny", "uncited"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!dir.path().join("report.md").exists());
    let run = report_in(dir.path(), &["render"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("report.md").exists());
}

#[test]
fn a_source_is_uncited_by_the_file_it_is_through_links_to_it_and_its_folder() {
    // The outline names its sources through a link to the folder; `same` is a link to the
    // cited file, so it is cited too; `agency` is the one source nothing cites.
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("material");
    std::fs::create_dir(&real).unwrap();
    let fixture_sources = fixture("coverage").join("sources");
    for id in ["agency", "ministry"] {
        let name = format!("{id}.txt");
        std::fs::copy(fixture_sources.join(&name), real.join(&name)).unwrap();
    }
    std::os::unix::fs::symlink("ministry.txt", real.join("same.txt")).unwrap();
    std::os::unix::fs::symlink("material", dir.path().join("sources")).unwrap();
    std::fs::copy(
        fixture("coverage").join("report.yaml"),
        dir.path().join("report.yaml"),
    )
    .unwrap();
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let uncited: Vec<&str> = (json["summary"]["uncited_sources"]
        .as_array()
        .unwrap()
        .iter())
    .map(|s| s["id"].as_str().unwrap())
    .collect();
    assert_eq!(uncited, ["agency"], "{}", run.stdout);
}
