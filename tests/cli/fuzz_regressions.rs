//! Replays the fuzz seeds and every input a fuzz target ever failed on through the same
//! property checks the fuzz targets run (`fuzz/properties/`), on stable Rust and without the
//! fuzzing tools.
//!
//! Inputs live in `fuzz/seeds/<target>/` and `fuzz/regressions/<target>/`; a test fails
//! naming every input whose property does not hold.

#[path = "../../fuzz/properties/markdown_escape.rs"]
mod markdown_escape;
#[path = "../../fuzz/properties/matcher.rs"]
mod matcher;
#[path = "../../fuzz/properties/outline.rs"]
mod outline;
#[path = "../../fuzz/properties/project.rs"]
mod project;
#[path = "../../fuzz/properties/typst_escape.rs"]
mod typst_escape;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The files of `fuzz/seeds/<target>/` and `fuzz/regressions/<target>/`, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for kind in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
            continue;
        };
        files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

/// Runs `check` on every input of `target`; fails naming those it panicked on.
fn replay(target: &str, check: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no seeds for `{target}`");
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "the property of `{target}` fails on (messages above):\n{}",
        failed.join("\n")
    );
}

#[test]
fn outline_inputs_parse_or_fail_cleanly() {
    replay("outline", outline::check);
}

#[test]
fn matcher_inputs_are_placed_within_the_source() {
    replay("matcher", matcher::check);
}

#[test]
fn project_inputs_never_reach_outside_the_project() {
    replay("project", project::check);
}

#[test]
fn markdown_escape_inputs_read_back_unchanged() {
    replay("markdown_escape", markdown_escape::check);
}

#[test]
fn typst_escape_inputs_are_one_string_literal() {
    replay("typst_escape", typst_escape::check);
}
