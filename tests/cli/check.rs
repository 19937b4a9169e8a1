//! `report check` on one fixture folder per behaviour.

use crate::common::{assert_contains, check, fixture, report_in};

#[test]
fn all_verified_exits_0_with_a_summary() {
    let run = check("all-verified");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "checked 4 quotes (1 inline) in 2 sections against 1 source: 4 verified; \
         1 paragraph cites no source\n"
    );
}

#[test]
fn one_word_changed_exits_1_naming_the_outline_line() {
    let run = check("quote-one-word-changed");
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "error[quote-not-found]: quote not found in `memo`",
    );
    assert_contains(&run.stdout, "--> report.yaml:8:18");
    assert!(
        run.stdout
            .contains("8 |           quote: The council approved the harbour plan on 4 March")
    );
    assert!(run.stdout.ends_with(
        "checked 1 quote (0 inline) in 1 section against 1 source: 0 verified, 1 not found\n"
    ));
}

#[test]
fn whitespace_differences_are_verified() {
    let run = check("whitespace-differs");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_contains(&run.stdout, "3 verified");
}

#[test]
fn a_straight_quote_mark_does_not_match_a_curly_one() {
    let run = check("curly-vs-straight-quote");
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "--> report.yaml:8:18");
    assert!(run.stdout.contains("error[quote-not-found]"));
}

#[test]
fn ellipsis_fragments_in_order_are_verified() {
    let run = check("ellipsis-in-order");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_contains(&run.stdout, "3 verified");
}

#[test]
fn ellipsis_fragments_out_of_order_are_a_finding() {
    let run = check("ellipsis-out-of-order");
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "part 2 (`The council approved`) comes only before part 1",
    );
}

#[test]
fn an_unknown_source_id_is_a_finding_with_the_closest_id() {
    let run = check("unknown-source-id");
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "error[unknown-source]: unknown source `memos`");
    assert_contains(&run.stdout, "--> report.yaml:7:21");
    assert!(run.stdout.contains("help: did you mean `memo`?"));
}

#[test]
fn an_unknown_key_exits_2_at_its_line_and_column() {
    let run = check("unknown-key");
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "unknown field `qoute`");
    assert_contains(&run.stderr, "--> report.yaml:8:13");
    assert!(run.stdout.is_empty());
}

#[test]
fn malformed_yaml_exits_2_with_line_and_column() {
    let run = check("malformed-yaml");
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "--> report.yaml:6:9");
}

#[test]
fn an_inline_quotation_not_in_the_source_is_a_finding() {
    let run = check("inline-quote-not-in-source");
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "error[inline-quote-not-found]");
    assert_contains(&run.stdout, "--> report.yaml:7:11");
    assert_contains(&run.stdout, "^^^^^^^^^^^^^^^^");
}

#[test]
fn empty_and_ellipsis_only_quotes_are_findings() {
    let run = check("empty-quote");
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "error[empty-quote]: empty quote\n --> report.yaml:8:21",
    );
    assert_contains(&run.stdout, "error[ellipsis-only-quote]");
}

#[test]
fn a_missing_sources_folder_exits_2_at_the_sources_key() {
    let run = check("missing-sources-folder");
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "report.yaml:2:10: sources folder `archive` cannot be read",
    );
}

#[test]
fn a_source_that_is_not_utf8_is_a_finding_at_the_first_bad_byte() {
    let run = check("source-not-utf8");
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "error[source-unreadable]");
    assert_contains(&run.stdout, "latin1.txt:2:4: not UTF-8 text (byte 0xe9");
}

/// Every source that is not UTF-8 is named at the quotes citing it with its likely encoding
/// and a command that converts it; run, the commands make every quote hold.
#[test]
fn each_source_not_utf8_is_named_with_the_command_that_converts_it() {
    let dir = crate::common::copy_fixture("unreadable-sources");
    let run = report_in(
        dir.path(),
        &["check", "--format", "json", "report.yaml", "second.yaml"],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["source-unreadable", "source-unreadable"]);
    assert_eq!(doc["summary"]["verified"], 2, "{doc:#}");
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_contains(
        messages[0],
        "memo.txt:1:26: not UTF-8 text (byte 0xe9 at byte offset 25)",
    );
    assert_contains(messages[0], "it looks like WINDOWS-1252");
    assert_contains(messages[1], "notes.txt:1:1: not UTF-8 text");
    assert_contains(messages[1], "it looks like Shift_JIS");
    for f in findings {
        let help = f["help"].as_str().unwrap();
        let command = help.split('`').nth(1).expect("a command in backquotes");
        assert!(command.starts_with("iconv -f "), "{help}");
        let done = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(done.success(), "{command}");
    }
    let again = report_in(dir.path(), &["check", "report.yaml", "second.yaml"]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert_contains(&again.stdout, "4 verified");
}

#[test]
fn a_missing_outline_exits_2() {
    let run = report_in(&fixture("all-verified"), &["check", "nowhere.yaml"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "nowhere.yaml: cannot read");
}

#[test]
fn a_usage_error_exits_2() {
    let run = report_in(&fixture("all-verified"), &["check", "--no-such-flag"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "--no-such-flag");
}

#[test]
fn several_outlines_are_checked_in_one_run() {
    let dir = fixture("all-verified");
    let other = fixture("quote-one-word-changed").join("report.yaml");
    let run = report_in(&dir, &["check", "report.yaml", other.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with(
            "checked 5 quotes (1 inline) in 3 sections against 2 sources: 4 verified, 1 not found; \
             1 paragraph cites no source\n"
        ),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn an_outline_named_twice_is_checked_once() {
    let dir = crate::common::copy_fixture("quote-one-word-changed");
    std::os::unix::fs::symlink("report.yaml", dir.path().join("link.yaml")).unwrap();
    let names = ["report.yaml", "./report.yaml", "link.yaml"];
    let here = dir.path().file_name().unwrap().to_str().unwrap();
    let up = format!("../{here}/report.yaml");
    let run = report_in(dir.path(), &["check", names[0], names[1], names[2], &up]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout.matches("error[quote-not-found]").count(),
        1,
        "{}",
        run.stdout
    );
    assert_contains(&run.stdout, "checked 1 quote (0 inline)");
    let run = report_in(
        dir.path(),
        &["check", "--format", "json", "report.yaml", "./report.yaml"],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["outlines"], 1, "{}", run.stdout);
    assert_eq!(json["summary"]["findings"], 1, "{}", run.stdout);
}

#[test]
fn the_shipped_example_checks_clean() {
    let run = report_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_contains(&run.stdout, "(3 inline) in 6 sections against 2 sources");
}

#[test]
fn an_empty_outline_exits_2_saying_so() {
    let run = check("empty-outline");
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "error: the outline is empty\n --> report.yaml:1:1",
    );
}

#[test]
fn inline_quotations_after_an_unclosed_mark_are_still_checked() {
    let run = check("inline-quote-edge-cases");
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "error[unclosed-quotation]: quotation mark `“` is never closed\n  --> report.yaml:11:23",
    );
    assert_contains(
        &run.stdout,
        "quotation “an invented quote” not found in the cited sources (`speech`)\n  --> report.yaml:11:47",
    );
    assert!(
        run.stdout.ends_with("checked 5 quotes (3 inline) in 1 section against 1 source: 4 verified, 1 not found, 1 unclosed\n"),
        "a comma inside the closing mark and guillemets are verified: {}",
        run.stdout
    );
}

#[test]
fn a_quote_that_cuts_a_number_or_a_contraction_is_not_verified() {
    let run = check("quote-cuts-a-word");
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "--> report.yaml:8:20");
    assert_contains(&run.stdout, "--> report.yaml:10:20");
    assert!(
        run.stdout.ends_with("1 verified, 2 not found\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly_with_the_usual_exit_code() {
    use std::io::Read;
    // Far more findings than a pipe buffers, so `report` is still writing when the reader stops.
    let dir = crate::common::made_up_quotes(2000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_report"))
        .arg("check")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 5];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(&first, b"error");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_phrase_a_source_repeats_is_cited_from_any_page_it_stands_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let pages = [
        "Annual Review\nWe approve the plan. Intro words here.",
        "Annual Review\nWe do not approve the plan. The budget rose.",
        "Annual Review\nThe end.",
    ];
    std::fs::write(dir.path().join("sources/review.txt"), pages.join("\u{c}")).unwrap();
    let outline = |quote: &str, page: i64| {
        format!(
            "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          source: review\n          quote: {quote}\n          page: {page}\n"
        )
    };
    let run_with = |quote: &str, page: i64| {
        std::fs::write(dir.path().join("report.yaml"), outline(quote, page)).unwrap();
        report_in(dir.path(), &["check", "--format", "json"])
    };
    // A running header stands on every page: each is right, and the place is that page's.
    for page in [1, 2, 3] {
        let run = run_with("Annual Review", page);
        assert_eq!(run.code, 0, "page {page}: {}", run.stdout);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let found = &json["verified"][0];
        assert_eq!(found["pages"], serde_json::json!([page, page]), "{json}");
        assert_eq!(found["line"], page, "{json}");
    }
    let run = run_with("Annual Review", 4);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "found on p. 1, cited as p. 4");
    // On page 2 the words stand after `not`: it is not where the citation says, so the page
    // is wrong, however the words read there.
    let run = run_with("approve the plan", 2);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stdout, "found on p. 1, cited as p. 2");
}

/// A project in a temporary folder: `review.txt` of `pages` (form feeds between them), its
/// catalog `catalog`, and an outline citing `quote` on `page`.
fn paged(pages: &[&str], catalog: &str, quote: &str, page: i64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/review.txt"), pages.join("\u{c}")).unwrap();
    std::fs::write(dir.path().join("sources/sources.yaml"), catalog).unwrap();
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          source: review\n          quote: {quote}\n          page: {page}\n"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    dir
}

#[test]
fn a_stated_page_is_looked_for_soundly_and_in_bounded_time() {
    // A quote that runs onto the stated page from the one before stands on it too.
    let dir = paged(
        &["They approve the plan.", "They approve the", "plan."],
        "",
        "approve the plan",
        3,
    );
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // A first page past any sane number is refused, not wrapped onto another page.
    let catalog = "review:\n  title: R\n  first-page: 9223372036854775806\n";
    let dir = paged(
        &["Filler.", "Filler.", "They approve the plan."],
        catalog,
        "approve the plan",
        i64::MAX,
    );
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "error: `first-page` of `review` is 9223372036854775806: page numbers start from 1 to 1000000000\n --> sources/sources.yaml:3:3",
    );
    // A stated page made of the quote's words repeated costs a bounded number of tries.
    let quote = vec!["approve"; 300].join(" ") + " done";
    let page = "approve ".repeat(4 << 20) + "done.";
    let dir = paged(&[&quote, &page], "", &quote, 2);
    let measured =
        crate::common::report_measured(dir.path(), &["check"], std::time::Duration::from_secs(30));
    assert_eq!(measured.run.code, 0, "{}", measured.run.stdout);
}

#[test]
fn deny_takes_one_value_or_a_list_and_says_what_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/s.txt"), "Words.\n").unwrap();
    for (deny, code) in [
        ("uncited", 1),
        ("[uncited]", 1),
        ("~", 0),
        ("[]", 0),
        ("[uncitd]", 2),
    ] {
        let outline = format!(
            "title: T\ndeny: {deny}\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n"
        );
        std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
        let run = report_in(dir.path(), &["check"]);
        assert_eq!(run.code, code, "{deny}: {}{}", run.stdout, run.stderr);
        if code == 2 {
            assert_contains(
                &run.stderr,
                "`deny` takes `uncited`, or a list of it: `deny: [uncited]`",
            );
        }
    }
}
