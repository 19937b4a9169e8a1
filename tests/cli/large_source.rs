//! A misquote in the middle of a 10 MB source gets the right nearest passage; a source large
//! enough for its passes to be shared between threads is told the same on any number of
//! them.

use crate::common::{corpus, report_in};
use report::matching::gap::negation_in;
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

/// Plain prose, without a sentence end or a negation for an ellipsis to leave out.
const HARBOUR: &str = "The harbour commission met on the quay at dawn and heard the pilots argue over \
                       the\nwidth of the channel, the depth of the outer basin and the cost of dredging \
                       it\nbefore the winter storms; the engineers answered each question with \
                       drawings\nand the mayor asked for a vote by the end of the week\n";

/// A 10 MB source is searched in stretches that threads share (two, cut near its middle):
/// quotes on either side of the cut, across it, elided across it, and a misquote whose
/// passage stands at it are told the same on one, two and three threads.
#[test]
fn a_large_source_shared_between_threads_is_told_the_same_on_any_number_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut text, _) = corpus::generate(10_000_000, 5);
    // Lines of plain prose set where the text is cut (half its blocks of 64 bytes), for
    // quotes with an ellipsis across the cut.
    let middle = text[..text.len() / 2].rfind('\n').unwrap() + 1;
    text.insert_str(middle, HARBOUR);
    let cut = text.len().div_ceil(64) / 2 * 64;
    assert!((middle + 40..middle + HARBOUR.len() - 40).contains(&cut));
    let passage = text.find(corpus::PASSAGE).unwrap();
    let line = text[..passage].matches('\n').count() + 1;
    corpus::write_source(dir.path(), "archive", &text);
    // Twelve words from the first word start at or after byte `at`, unless a negation
    // stands among them or beside them (a quote may not leave out the negation beside it).
    let words_from = |at: usize| -> Option<String> {
        let space = text.as_bytes()[at..].iter().position(|&b| b == b' ');
        let start = at + space.unwrap() + 1;
        let words: Vec<&str> = text[start..].split_ascii_whitespace().take(14).collect();
        let around = format!(
            "{} {}",
            &text[text.floor_char_boundary(at.saturating_sub(40))..start],
            words.join(" ")
        );
        negation_in(&around)
            .is_none()
            .then(|| words[..12].join(" "))
    };
    let mut quotes = Vec::new();
    // More quotes than one automaton takes, so that each pass has some.
    quotes.extend((0..80).filter_map(|i| words_from(i * 120_001 + 17)));
    let across = [-900i64, -70, -40, -8, 0, 8, 40, 900];
    quotes.extend(
        across
            .iter()
            .filter_map(|o| words_from((cut as i64 + o) as usize)),
    );
    assert!(quotes.len() > 70, "{}", quotes.len());
    quotes.extend(
        [
            "The harbour commission met on the quay ... the width of the channel",
            "the depth of the outer basin ... the engineers answered each question",
            "pilots argue over the ... answered each question with drawings",
        ]
        .map(String::from),
    );
    quotes.push(corpus::MISQUOTE.to_owned());
    let mut yaml = String::from("title: T\nsections:\n  - heading: H\n    paragraphs:\n");
    for quote in &quotes {
        yaml.push_str(&format!(
            "      - text: A claim.\n        cite:\n          source: archive\n          quote: {}\n",
            crate::common::yaml_string(quote)
        ));
    }
    std::fs::write(dir.path().join("report.yaml"), yaml).unwrap();
    let runs: Vec<String> = ["-j1", "-j2", "-j3"]
        .iter()
        .map(|jobs| {
            let run = report_in(dir.path(), &["check", jobs, "--format", "json"]);
            assert_eq!(run.code, 1, "{}", run.stderr);
            run.stdout
        })
        .collect();
    assert_eq!(runs[0], runs[1], "-j1 against -j2");
    assert_eq!(runs[0], runs[2], "-j1 against -j3");
    let doc: Value = serde_json::from_str(&runs[1]).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["nearest"]["line"], line as u64);
    assert_eq!(findings[0]["nearest"]["text"], corpus::PASSAGE);
    assert_eq!(
        doc["summary"]["verified"],
        (quotes.len() - 1) as u64,
        "{}",
        doc["summary"]
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

/// A quote that spends its stretch's budget (hits by the thousand, each compared far) is
/// cut short there; a quote that stands in another stretch is still verified. Once, the
/// stretches after one cut short added nothing: padding a source past 8 MiB turned a quote
/// that held into one cut short.
#[test]
fn a_stretch_cut_short_leaves_the_quotes_of_the_other_stretches_verified() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do. ";
    let length = (8 << 20) + 200;
    let mut text = sentence.repeat(length / sentence.len() + 1);
    text.truncate(length);
    // Three thousand places in the first stretch where the long quote starts, each holding
    // its first words.
    for k in 0..3_000 {
        let at = 2_000 + k * 64;
        text.replace_range(at..at + 26, " Zqxjvk lorem ipsum lorem ");
    }
    let genuine = "Genuine quote Bqwerty here";
    let at = length - 1_000_000;
    text.replace_range(at..at + genuine.len() + 2, &format!(" {genuine} "));
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/big.txt"), &text).unwrap();
    let long = format!("Zqxjvk {}", vec!["lorem ipsum"; 5_000].join(" "));
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: a\n        cite: {{source: big, quote: \"{genuine}\"}}\n      - text: b\n        cite: {{source: big, quote: \"{long}\"}}\n"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let runs: Vec<String> = ["-j1", "-j2"]
        .iter()
        .map(|jobs| {
            let run = report_in(dir.path(), &["check", jobs, "--format", "json"]);
            assert_eq!(run.code, 1, "{}", run.stderr);
            let doc: Value = serde_json::from_str(&run.stdout).unwrap();
            assert_eq!(doc["summary"]["verified"], 1, "{doc:#}");
            let findings = doc["findings"].as_array().unwrap();
            assert_eq!(findings.len(), 1, "{doc:#}");
            let message = findings[0]["help"].to_string() + &findings[0]["message"].to_string();
            assert!(message.contains("cut short"), "{doc:#}");
            run.stdout
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
}
