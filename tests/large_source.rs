//! A misquote in the middle of a 10 MB source gets the right nearest passage.

mod common;

use common::{corpus, report_in};
use serde_json::Value;

#[test]
fn a_misquote_in_a_10_mb_source_finds_its_passage() {
    let dir = tempfile::tempdir().unwrap();
    let (text, line) = corpus::generate(10_000_000, 7);
    assert!(text.len() >= 10_000_000);
    corpus::write_source(dir.path(), "archive", &text);
    corpus::write_outline(dir.path(), "report.yaml", "archive", corpus::MISQUOTE);
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let near = &doc["findings"][0]["nearest"];
    assert_eq!(near["line"], line as u64);
    assert_eq!(near["column"], 1);
    assert_eq!(near["text"], corpus::PASSAGE);
    assert_eq!(
        near["difference"]["changed"],
        serde_json::json!([{ "source": "rejected", "quote": "refused" }])
    );
}
