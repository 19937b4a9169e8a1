//! `report check --format short|json|github|sarif|rdjson` on a fixture with findings of several
//! kinds.

use crate::common::{Run, fixture, report_in};
use serde_json::Value;

const CASE: &str = "several-findings";

fn check_as(format: &str) -> Run {
    let run = report_in(&fixture(CASE), &["check", "--format", format]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, "");
    run
}

fn json() -> Value {
    serde_json::from_str(&check_as("json").stdout).expect("one JSON document")
}

/// `(line, column, code)` of every finding, as the JSON output gives them.
fn places() -> Vec<(u64, u64, String)> {
    json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["outline"]["line"].as_u64().unwrap(),
                f["outline"]["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn json_has_every_finding_sorted_with_its_fields() {
    let doc = json();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "report");
    assert_eq!(doc["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["errors"], serde_json::json!([]));
    let expected = [
        (8, 20, "quote-not-found"),
        (10, 20, "quote-misattributed"),
        (12, 20, "quote-not-found"),
        (13, 21, "unknown-source"),
        // The opening quotation mark, written `\"` in the YAML.
        (15, 32, "inline-quote-not-found"),
    ];
    let got = places();
    let got: Vec<(u64, u64, &str)> = got.iter().map(|(l, c, s)| (*l, *c, s.as_str())).collect();
    assert_eq!(got, expected);
    let first = &doc["findings"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["message"], "quote not found in `ministry`");
    assert_eq!(first["source"], "ministry");
    assert_eq!(
        first["quote"],
        "Russia has not designated Hamas a terrorist organization"
    );
    assert_eq!(first["outline"]["path"], "report.yaml");
    assert_eq!(first["outline"]["end_line"], 8);
    assert_eq!(first["outline"]["end_column"], 20 + 56);
    assert_eq!(first["nearest"]["source"], "ministry");
    assert_eq!(first["nearest"]["path"], "sources/ministry.txt");
    assert_eq!(
        first["nearest"]["diff"][1],
        serde_json::json!({ "side": "source", "text": "as" })
    );
    assert!(
        first["help"]
            .as_str()
            .unwrap()
            .starts_with("copy the source's words")
    );
    let summary = &doc["summary"];
    assert_eq!(summary["quotes"], 6);
    assert_eq!(summary["inline"], 1);
    assert_eq!(summary["verified"], 1);
    assert_eq!(summary["findings"], 5);
    assert_eq!(
        summary["by_code"],
        serde_json::json!({
            "quote-not-found": 2, "quote-misattributed": 1, "inline-quote-not-found": 1,
            "unknown-source": 1
        })
    );
    assert_eq!(summary["uncited_sources"][0]["id"], "agency");
}

#[test]
fn json_reports_an_outline_that_cannot_be_read_as_an_error() {
    let run = report_in(&fixture("malformed-yaml"), &["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let error = &doc["errors"][0];
    assert_eq!(error["path"], "report.yaml");
    assert!(error["line"].as_u64().is_some(), "{error:#}");
    assert!(error["help"].as_str().is_some());
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/schemas/sarif-schema-2.1.0.json"
        ))
        .unwrap(),
    )
    .unwrap();
    // The published schema's pattern for `language` (of a run and of a tool component) has
    // a stray `]`, which a strict (ECMA-262) validator refuses to compile. Escaping it keeps
    // what lenient engines read (a literal `]`); `report` writes no `language`, so nothing
    // checked here depends on it.
    assert_eq!(escape_stray_bracket(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let log: Value = serde_json::from_str(&check_as("sarif").stdout).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does catch a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let codes: Vec<String> = report::check::finding::Code::ALL
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(rules, codes);
    let results = run["results"].as_array().unwrap();
    let located: Vec<(u64, u64, String)> = results
        .iter()
        .map(|r| {
            let rule = r["ruleId"].as_str().unwrap();
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index], rule);
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert_eq!(
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "report.yaml"
            );
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
                rule.to_owned(),
            )
        })
        .collect();
    assert_eq!(located, places());
    let nearest = &results[0]["relatedLocations"][0]["physicalLocation"];
    assert_eq!(nearest["artifactLocation"]["uri"], "sources/ministry.txt");
    assert_eq!(nearest["region"]["startLine"], 3);
}

#[test]
fn rdjson_is_valid_against_reviewdog_s_schema_and_counts_columns_in_bytes() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/schemas/reviewdog-DiagnosticResult.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("reviewdog's schema compiles");
    let result: Value = serde_json::from_str(&check_as("rdjson").stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&result)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does catch a broken document.
    let mut broken = result.clone();
    broken["diagnostics"][0]["severity"] = "FATAL".into();
    assert!(!validator.is_valid(&broken));

    assert_eq!(result["source"]["name"], "report");
    let outline = std::fs::read_to_string(fixture(CASE).join("report.yaml")).unwrap();
    let lines: Vec<&str> = outline.split('\n').collect();
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let expected = places();
    assert_eq!(diagnostics.len(), expected.len());
    for (d, (line, column, code)) in diagnostics.iter().zip(&expected) {
        assert_eq!(d["code"]["value"], code.as_str());
        assert_eq!(d["severity"], "ERROR");
        assert_eq!(d["location"]["path"], "report.yaml");
        let start = &d["location"]["range"]["start"];
        assert_eq!(start["line"], *line);
        // reviewdog's column is in bytes: the characters before the quote, as bytes, plus one.
        let text = lines[*line as usize - 1];
        let bytes: usize = (text.chars().take(*column as usize - 1))
            .map(char::len_utf8)
            .sum();
        assert_eq!(start["column"], bytes as u64 + 1, "{d:#}");
        let end = &d["location"]["range"]["end"];
        assert!(end["line"].as_u64() >= start["line"].as_u64(), "{d:#}");
        assert!(d["message"].as_str().unwrap().contains("help: "));
    }
    let nearest = &diagnostics[0]["related_locations"][0]["location"];
    assert_eq!(nearest["path"], "sources/ministry.txt");
    assert_eq!(nearest["range"]["start"]["line"], 3);
}

/// A quote after letters of two bytes and a dash of three: reviewdog's columns are bytes, and
/// its range ends just after the quote's last byte.
#[test]
fn rdjson_ranges_are_the_quote_s_bytes() {
    let dir = fixture("rdjson-columns");
    let run = report_in(&dir, &["check", "--format", "rdjson"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let result: Value = serde_json::from_str(&run.stdout).unwrap();
    let range = &result["diagnostics"][0]["location"]["range"];
    let outline = std::fs::read_to_string(dir.join("report.yaml")).unwrap();
    let line = outline.lines().nth(4).unwrap();
    let quote = "prüfte die Akten sorgfältig";
    let at = line.find(quote).unwrap();
    assert_ne!(
        at,
        line[..at].chars().count(),
        "the line has letters of several bytes"
    );
    assert_eq!(
        range["start"],
        serde_json::json!({ "line": 5, "column": at + 1 })
    );
    assert_eq!(
        range["end"],
        serde_json::json!({ "line": 5, "column": at + quote.len() + 1 })
    );
}

#[test]
fn rdjson_carries_an_error_of_the_run_at_its_file() {
    let run = report_in(&fixture("malformed-yaml"), &["check", "--format", "rdjson"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stderr, "");
    let result: Value = serde_json::from_str(&run.stdout).unwrap();
    let error = &result["diagnostics"][0];
    assert_eq!(error["code"]["value"], "error");
    assert_eq!(error["location"]["path"], "report.yaml");
    assert!(
        error["location"]["range"]["start"]["line"]
            .as_u64()
            .is_some()
    );
    assert!(error["message"].as_str().unwrap().contains("help: "));
}

const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Escapes the stray `]` of every `language` pattern of the SARIF schema; returns how many.
fn escape_stray_bracket(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => {
            let mut fixed = 0;
            if map.get("pattern").is_some_and(|p| p == STRAY) {
                map["pattern"] = STRAY.replace("]?$", "\\]?$").into();
                fixed += 1;
            }
            fixed + map.values_mut().map(escape_stray_bracket).sum::<usize>()
        }
        Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

/// A GitHub workflow command split into its name, properties and message, unescaped.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("`::` before the message");
    let (name, properties) = head.split_once(' ').unwrap_or((head, ""));
    let unescape = |s: &str| {
        s.replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            assert!(!p.contains(':'), "unescaped `:` in {p}");
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_owned(), unescape(v))
        })
        .collect();
    (name.to_owned(), properties, unescape(message))
}

#[test]
fn github_commands_parse_and_point_at_the_findings() {
    let run = check_as("github");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (commands, rest): (Vec<&str>, Vec<&str>) = lines.iter().partition(|l| l.starts_with("::"));
    assert_eq!(rest.len(), 1, "one summary line: {rest:?}");
    assert!(rest[0].starts_with("checked 6 quotes"), "{}", rest[0]);
    let mut located = Vec::new();
    for command in &commands {
        assert!(!command.contains('\r'));
        let (name, properties, message) = parse_command(command);
        assert_eq!(name, "error");
        let get = |key: &str| {
            properties
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {key} in {command}"))
        };
        assert_eq!(get("file"), "report.yaml");
        let code = get("title").strip_prefix("report: ").unwrap().to_owned();
        located.push((
            get("line").parse().unwrap(),
            get("col").parse().unwrap(),
            code,
        ));
        assert!(message.contains("\nhelp: "), "{message}");
    }
    assert_eq!(located, places());
    let (_, _, first) = parse_command(commands[0]);
    assert!(
        first.contains("nearest: sources/ministry.txt:3:1 (97% alike)"),
        "{first}"
    );
}

#[test]
fn short_gives_one_line_per_finding() {
    let run = check_as("short");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected: Vec<String> = places()
        .into_iter()
        .map(|(line, column, code)| format!("report.yaml:{line}:{column}: error[{code}]: "))
        .collect();
    assert_eq!(lines.len(), expected.len() + 1);
    for (line, prefix) in lines.iter().zip(&expected) {
        assert!(line.starts_with(prefix.as_str()), "{line} / {prefix}");
    }
    assert_eq!(
        lines[0],
        "report.yaml:8:20: error[quote-not-found]: quote not found in `ministry`"
    );
}

#[test]
fn every_format_prints_the_same_bytes_every_run() {
    for format in ["human", "short", "json", "github", "sarif"] {
        let first = check_as(format).stdout;
        let second = check_as(format).stdout;
        assert_eq!(first, second, "{format}");
    }
}
