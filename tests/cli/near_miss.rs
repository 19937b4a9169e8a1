//! Near misses: for each kind of difference, a fixture whose quote is not in its source, and
//! the classification and place of the nearest passage that `report check` reports.

use crate::common::{assert_contains, fixture, report_in};
use serde_json::Value;

/// The findings of `report check --format json` in fixture `case`.
fn findings(case: &str) -> Vec<Value> {
    let run = report_in(&fixture(case), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let document: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    document["findings"].as_array().unwrap().clone()
}

/// The one finding of fixture `case`.
fn only_finding(case: &str) -> Value {
    let mut all = findings(case);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

/// Line and column of the nearest passage.
fn nearest_at(finding: &Value) -> (u64, u64) {
    let near = &finding["nearest"];
    (
        near["line"].as_u64().unwrap(),
        near["column"].as_u64().unwrap(),
    )
}

#[test]
fn a_dropped_word_is_named_and_the_passage_found() {
    let f = only_finding("near-miss-word-dropped");
    assert_eq!(f["code"], "quote-not-found");
    assert_eq!(nearest_at(&f), (3, 1));
    let difference = &f["nearest"]["difference"];
    assert_eq!(difference["kind"], "words");
    assert_eq!(difference["dropped"], serde_json::json!(["as"]));
    assert_eq!(difference["added"], serde_json::json!([]));
    assert_eq!(
        f["nearest"]["text"],
        "Russia has not designated Hamas as a terrorist organization"
    );
    let similarity = f["nearest"]["similarity"].as_f64().unwrap();
    assert!(similarity > 0.9 && similarity < 1.0, "{similarity}");
}

#[test]
fn a_changed_word_is_named_with_what_the_source_writes() {
    let f = only_finding("near-miss-word-changed");
    assert_eq!(nearest_at(&f), (3, 66));
    let changed = &f["nearest"]["difference"]["changed"];
    assert_eq!(
        changed,
        &serde_json::json!([{ "source": "group's", "quote": "movement's" }])
    );
}

#[test]
fn an_added_word_is_named() {
    let f = only_finding("near-miss-word-added");
    assert_eq!(nearest_at(&f), (4, 1));
    assert_eq!(
        f["nearest"]["difference"]["added"],
        serde_json::json!(["top"])
    );
}

#[test]
fn curly_quotes_and_apostrophes_are_only_typographic() {
    let f = only_finding("near-miss-typographic");
    assert_eq!(nearest_at(&f), (5, 1));
    let difference = &f["nearest"]["difference"];
    assert_eq!(difference["kind"], "typographic");
    assert_eq!(difference["changed"], serde_json::json!([]));
    assert_eq!(
        difference["typography"],
        serde_json::json!([
            { "source": "“", "quote": "\"" },
            { "source": "’", "quote": "'" },
            { "source": "”", "quote": "\"" },
        ])
    );
}

#[test]
fn a_hyphen_for_an_en_dash_is_only_typographic_and_the_human_output_says_so() {
    let f = only_finding("near-miss-dash");
    assert_eq!(nearest_at(&f), (6, 1));
    assert_eq!(f["nearest"]["difference"]["kind"], "typographic");
    let run = report_in(&fixture("near-miss-dash"), &["check"]);
    assert_contains(
        &run.stdout,
        "= note: only typography differs: the source writes `–` where the quote has `-`",
    );
    assert_contains(
        &run.stdout,
        "= note: Talks on the ceasefire resumed on [-12-14-] [+12–14+] March",
    );
}

#[test]
fn below_the_floor_no_passage_is_shown() {
    let f = only_finding("near-miss-none-close");
    assert_eq!(f["nearest"], Value::Null);
    assert_eq!(f["no_close_passage"], true);
    let run = report_in(&fixture("near-miss-none-close"), &["check"]);
    assert_contains(
        &run.stdout,
        "= note: no passage of the source is close to this quote",
    );
}

#[test]
fn a_missing_part_of_an_ellipsis_quote_gets_its_own_nearest_passage() {
    let f = only_finding("ellipsis-part-missing");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("part 2 of 2 (`met the group's chiefs in Moscow`) is not in the source"),
        "{f:#?}"
    );
    assert_eq!(f["nearest"]["part"], 2);
    assert_eq!(nearest_at(&f), (4, 16));
    assert_eq!(
        f["nearest"]["difference"]["changed"],
        serde_json::json!([{ "source": "leaders", "quote": "chiefs" }])
    );
}

#[test]
fn parts_too_far_apart_give_the_gap_and_both_places() {
    let f = only_finding("ellipsis-too-far-apart");
    let part = &f["part"];
    assert_eq!(part["part"], 2);
    assert_eq!(part["text"], "The ceasefire held for a week.");
    assert_eq!(
        (
            part["at"]["line"].as_u64(),
            part["previous"]["line"].as_u64()
        ),
        (Some(9), Some(3))
    );
    let gap = part["gap"].as_u64().unwrap();
    assert!(gap > 2_000, "{gap}");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("an ellipsis may skip at most 2,000")
    );
}

#[test]
fn parts_out_of_order_say_which_part_and_where_both_are() {
    let all = findings("several-findings");
    let f = all
        .iter()
        .find(|f| f["part"] != Value::Null)
        .expect("an out-of-order finding");
    assert_eq!(f["part"]["part"], 2);
    assert_eq!(f["part"]["gap"], Value::Null);
    assert_eq!(f["part"]["at"]["line"], 3);
    assert_eq!(f["part"]["previous"]["line"], 6);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("comes only before part 1")
    );
}

#[test]
fn a_quote_verbatim_in_another_source_is_misattributed() {
    let all = findings("quote-misattributed");
    let codes: Vec<&str> = all.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["quote-misattributed", "quote-misattributed"]);
    let cited = &all[0];
    assert_eq!(cited["elsewhere"]["source"], "agency");
    assert_eq!(
        (
            cited["elsewhere"]["line"].as_u64(),
            cited["elsewhere"]["column"].as_u64()
        ),
        (Some(3), Some(24))
    );
    assert_eq!(cited["help"], "cite `agency` for these words");
    let inline = &all[1];
    assert_eq!(inline["quote"], "return on Sunday");
    assert_eq!(inline["elsewhere"]["source"], "agency");
}

#[test]
fn an_inline_quotation_gets_a_nearest_passage_too() {
    let f = only_finding("inline-near-miss");
    assert_eq!(f["code"], "inline-quote-not-found");
    assert_eq!(nearest_at(&f), (4, 1));
    assert_eq!(
        f["nearest"]["difference"]["changed"],
        serde_json::json!([{ "source": "Moscow", "quote": "Cairo" }])
    );
}

#[test]
fn an_unknown_source_id_suggests_the_closest() {
    let all = findings("several-findings");
    let f = all.iter().find(|f| f["code"] == "unknown-source").unwrap();
    assert_eq!(f["help"], "did you mean `ministry`?");
}

#[test]
fn nothing_fuzzy_is_ever_verified() {
    for case in [
        "near-miss-typographic",
        "near-miss-dash",
        "near-miss-word-dropped",
    ] {
        let run = report_in(&fixture(case), &["check"]);
        assert_eq!(run.code, 1, "{case}");
        assert_contains(&run.stdout, ": 0 verified, 1 not found");
    }
}

#[test]
fn a_no_break_space_is_only_typographic_and_shown_as_an_escape() {
    let f = only_finding("near-miss-no-break-space");
    assert_eq!(nearest_at(&f), (3, 1));
    assert_eq!(
        f["nearest"]["difference"],
        serde_json::json!({
            "kind": "typographic",
            "typography": [{ "source": "Mr\u{a0}Putin", "quote": "Mr Putin" }],
            "changed": [],
            "added": [],
            "dropped": []
        })
    );
    let run = report_in(&fixture("near-miss-no-break-space"), &["check"]);
    assert_contains(
        &run.stdout,
        "= note: [-Mr Putin-] [+Mr<U+00A0>Putin+] said the talks would go on.",
    );
    assert_contains(
        &run.stdout,
        "the source writes `Mr<U+00A0>Putin` where the quote has `Mr Putin`: a difference of spacing",
    );
    assert!(!run.stdout.contains('\u{a0}'), "{}", run.stdout);
}

#[test]
fn the_diff_is_coloured_only_when_colour_is_asked_for() {
    let dir = fixture("near-miss-word-dropped");
    let plain = report_in(&dir, &["check"]);
    assert!(!plain.stdout.contains('\x1b'), "{}", plain.stdout);
    let coloured = crate::common::report_with_env(
        &dir,
        &["check"],
        &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")],
    );
    assert!(
        coloured.stdout.contains("\x1b[32m[+as+]"),
        "{:?}",
        coloured.stdout
    );
}

#[test]
fn a_quote_only_typography_away_from_its_source_is_not_called_misattributed() {
    let f = only_finding("typography-beats-misattribution");
    assert_eq!(f["code"], "quote-not-found");
    assert_eq!(f["nearest"]["difference"]["kind"], "typographic");
    assert_eq!(f["nearest"]["source"], "statement");
}

#[test]
fn a_quote_too_long_to_search_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..1_001).map(|i| format!("word{i}")).collect();
    let source = words.join(" ") + " it’s";
    let quote = words.join(" ") + " it's";
    crate::common::corpus::write_source(dir.path(), "long", &source);
    crate::common::corpus::write_outline(dir.path(), "report.yaml", "long", &quote);
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &doc["findings"][0];
    assert_eq!(f["too_long_to_search"], true);
    assert_eq!(f["no_close_passage"], false);
    let human = report_in(dir.path(), &["check"]);
    assert_contains(
        &human.stdout,
        "the quote has 1002 words; passages are looked for only for quotes of up to 1000",
    );
}
