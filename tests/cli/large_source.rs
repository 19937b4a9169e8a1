//! A misquote in the middle of a 10 MB source gets the right nearest passage.

use crate::common::{corpus, report_in};
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

#[cfg(target_os = "linux")]
#[test]
fn a_1_gib_source_is_checked_in_less_than_one_and_a_half_times_its_size() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let path = dir.path().join("sources/archive.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let (chunk, _) = corpus::generate(16 << 20, 11);
    for _ in 0..64 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    let last = "The archive closes with this sentence, written once.";
    writeln!(file, "{last}").unwrap();
    file.flush().unwrap();
    drop(file);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 1 << 30, "{size}");
    let outline = corpus::write_outline(dir.path(), "report.yaml", "archive", last);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_report"))
        .arg("check")
        .arg(&outline)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = crate::common::peak_memory(pid).unwrap_or(peak).max(peak);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("1 verified"), "{stdout}");
    let ratio = peak as f64 / size as f64;
    eprintln!(
        "peak memory {} MiB for a {} MiB source: {ratio:.2}×",
        peak >> 20,
        size >> 20
    );
    assert!(peak > 0, "no memory reading");
    assert!(
        ratio < 1.5,
        "peak memory {peak} for a source of {size} bytes"
    );
}
