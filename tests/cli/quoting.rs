//! Quoting conventions: every alteration the profiles allow and forbid, the quotes that are
//! verbatim yet misleading, quotation marks in prose, and the explanations of differences a
//! writer cannot see. One fixture folder per case (`tests/fixtures/quoting/`), each checked
//! for its verdict, its finding code and the words a writer reads.

use serde_json::Value;

use crate::common::{assert_contains, fixture, report_in};

/// Checks the fixture `case`: its exit code, the codes of its findings, the kinds of the
/// alterations its verified quotes make, and `words` that must be in the human output.
fn case(name: &str, code: i32, findings: &[&str], alterations: &[&str], words: &[&str]) {
    let dir = fixture(&format!("quoting/{name}"));
    let json = report_in(&dir, &["check", "--format", "json"]);
    assert_eq!(json.code, code, "{name}: {}{}", json.stdout, json.stderr);
    let doc: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let codes: Vec<&str> = (doc["findings"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, findings, "{name}");
    let kinds: Vec<&str> = (doc["verified"].as_array().unwrap().iter())
        .chain(doc["verified_inline"].as_array().unwrap())
        .flat_map(|v| v["alterations"].as_array().unwrap())
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, alterations, "{name}");
    let human = report_in(&dir, &["check"]);
    for w in words {
        assert_contains(&human.stdout, w);
    }
}

#[test]
fn alterations_the_default_profile_allows_are_verified() {
    case("case-bracket-letter", 0, &[], &["case"], &[]);
    case("sic-after-word", 0, &[], &["sic"], &[]);
    case("bracket-replaces-words", 0, &[], &["bracket"], &[]);
    case("bracket-inserts-words", 0, &[], &["bracket"], &[]);
    case("closing-note", 0, &[], &["parenthetical"], &[]);
    case("spaced-ellipsis", 0, &[], &["ellipsis"], &[]);
    case("four-dot-ellipsis", 0, &[], &["ellipsis"], &[]);
    // The source's own `[t]he` and `(1)` are text, and an ellipsis still cuts the quote.
    case("source-holds-brackets", 0, &[], &["ellipsis"], &[]);
}

#[test]
fn each_profile_allows_and_forbids_what_its_guide_says() {
    case(
        "bluebook-omitted-letters",
        0,
        &[],
        &["omitted-letters"],
        &[],
    );
    // `ana[ ]` stands for `ananas`, whose `anana` also ends with `ana`.
    case(
        "bluebook-omitted-letters-inside-word",
        0,
        &[],
        &["omitted-letters"],
        &[],
    );
    case(
        "bluebook-leading-ellipsis",
        1,
        &["alteration-not-allowed"],
        &[],
        &[
            "`quoting: bluebook` does not allow",
            "Bluebook 5.3(b): never begin a quotation with an ellipsis",
        ],
    );
    case("ap-parenthesis-insertion", 0, &[], &["parenthesis"], &[]);
    case(
        "ap-bracket-forbidden",
        1,
        &["alteration-not-allowed"],
        &[],
        &[
            "AP does not use brackets",
            "set an insertion in parentheses",
        ],
    );
    case(
        "strict-sic-forbidden",
        1,
        &["alteration-not-allowed"],
        &[],
        &["`strict` allows no alteration", "`quoting: chicago`"],
    );
    // A source that holds `...` itself is quoted verbatim, even under `strict`.
    case("strict-ellipsis-in-source", 0, &[], &[], &[]);
    // And under every profile, dots inside a word and `[...]` of a listing too.
    case("source-prints-dots", 0, &[], &["ellipsis"], &[]);
    case(
        "chicago-parenthesis-insertion",
        1,
        &["alteration-not-allowed"],
        &[],
        &[
            "parentheses in a quotation are the author's",
            "`[the minister]`",
        ],
    );
    case(
        "in-word-bracket",
        1,
        &["alteration-not-allowed"],
        &[],
        &["cannot be checked", "`[employees]`"],
    );
}

#[test]
fn quotes_verbatim_yet_misleading_are_refused() {
    case(
        "number-groups-cut",
        1,
        &["quote-not-found"; 2],
        &[],
        &[
            "cuts `15 000 000`",
            "quote the whole of `15 000 000`",
            "cuts `١٥ ٠٠٠ ٠٠٠`",
        ],
    );
    case(
        "ellipsis-stitches-one-word-parts",
        1,
        &["ellipsis-stitches"],
        &[],
        &[
            "`Meta` … `won't` … `comply`",
            "give each part two words at least",
        ],
    );
    case(
        "ellipsis-across-paragraphs",
        1,
        &["ellipsis-stitches"],
        &[],
        &[
            "1 sentence end and 1 paragraph break",
            "part 2 is at sources/src.txt:3:27; part 1 is at sources/src.txt:1:1",
            "four dots",
        ],
    );
    case(
        "bracket-drops-negation",
        1,
        &["quote-not-found"],
        &[],
        &["past a negation", "never a negation"],
    );
    case(
        "bracket-crosses-sentence",
        1,
        &["quote-not-found"],
        &[],
        &["across 1 sentence end", "of the same sentence"],
    );
    case(
        "bracket-only-quote",
        1,
        &["ellipsis-only-quote"],
        &[],
        &["fewer than two words of the source outside its brackets"],
    );
}

#[test]
fn no_mark_may_leave_out_or_add_a_negation() {
    case(
        "ellipsis-drops-negation",
        1,
        &["ellipsis-stitches"],
        &[],
        &["the ellipsis leaves out a negation", "quote the negation"],
    );
    case(
        "quote-starts-after-negation",
        1,
        &["quote-not-found"],
        &[],
        &[
            "the source has `not` beside these words",
            "quote `not` with these words",
        ],
    );
    case(
        "bracket-at-start-hides-negation",
        1,
        &["quote-not-found"],
        &[],
        &["the source has `not` beside these words"],
    );
    case(
        "bracket-adds-negation",
        1,
        &["alteration-not-allowed"],
        &[],
        &["puts a negation in brackets, `[never]`"],
    );
    case(
        "bluebook-omitted-letters-negation",
        1,
        &["quote-not-found"],
        &[],
        &["the source writes `cannot` where the quote has `can`"],
    );
    case(
        "bracket-adds-negation-with-comma",
        1,
        &["alteration-not-allowed"],
        &[],
        &["puts a negation in brackets, `[not, it seems,]`"],
    );
}

/// A negation in what an ellipsis leaves out of the joined words' own sentences is theirs,
/// whichever sentence the omission crosses into and however long it is; one in a sentence
/// left out whole, or in a word of its own (`non-binding`), is not.
#[test]
fn an_ellipsis_may_not_leave_out_a_negation_beside_its_parts() {
    let turns = "the ellipsis leaves out a negation";
    // `We paid. Later we did not agree to pay them.` as `We paid ... agree to pay them`.
    case(
        "ellipsis-drops-negation-of-next-sentence",
        1,
        &["ellipsis-stitches"],
        &[],
        &[turns],
    );
    // `We did not. Later we agreed` as `We did. ... we agreed`.
    case(
        "ellipsis-drops-negation-ending-sentence",
        1,
        &["quote-not-found"],
        &[],
        &[turns],
    );
    case(
        "ellipsis-drops-negation-after-long-aside",
        1,
        &["ellipsis-stitches"],
        &[],
        &[turns, "comes 8 words after part 1"],
    );
    // However long the omission in the part's own sentence, and where a company's `Inc.`
    // leaves the sentence's end unclear.
    case(
        "ellipsis-drops-negation-far-in-its-sentence",
        1,
        &["ellipsis-stitches"; 2],
        &[],
        &[turns],
    );
    // Three dots or four ending a quote leave out the rest of its sentence, and are told so,
    // the writer's punctuation after them (`…,`) or before an opening one (`, ...`) aside.
    case(
        "ellipsis-ends-before-far-negation",
        1,
        &["quote-not-found"; 5],
        &[],
        &[
            "the source has `no` in the part of the sentence the ellipsis leaves out",
            "an ellipsis may not leave out a negation of the quote's sentence",
        ],
    );
    // One-word parts are told as stitched, not explained as dots the source does not print.
    case(
        "ellipsis-stitches-one-word-past-negation",
        1,
        &["ellipsis-stitches"],
        &[],
        &["the ellipses stitch a claim from parts of a single word"],
    );
    case(
        "ellipsis-keeps-far-negation",
        0,
        &[],
        &["ellipsis", "ellipsis"],
        &[],
    );
}

/// The negation beside a quote is found behind a dash, a parenthesis or dots, spelt with any
/// apostrophe or with a soft hyphen inside, and right after the quote's last word.
#[test]
fn a_negation_beside_a_quote_is_found_however_it_is_written() {
    let beside = "the source has `not` beside these words";
    case(
        "negation-behind-a-mark",
        1,
        &["quote-not-found"; 3],
        &[],
        &[beside],
    );
    case(
        "negation-spelt-oddly",
        1,
        &["quote-not-found"; 5],
        &[],
        &[
            "the source has `n<U+00AD>ot` beside",
            "the source has `didnʼt` beside",
            "the source has `didn´t` beside",
            // Cyrillic letters that look like Latin ones.
            "the source has `n\u{43e}t` beside",
            "the source has `nev\u{435}r` beside",
        ],
    );
    // Behind a footnote's mark or number, spaces in Chinese, without an apostrophe, in
    // full-width letters, and in Italian.
    case(
        "negation-behind-footnotes-and-spaces",
        1,
        &["quote-not-found"; 7],
        &[],
        &["beside these words"],
    );
    // `The drug cures` of `cures nothing` is refused; `economic` of `economic, not
    // political` holds.
    case(
        "quote-ends-before-negation",
        1,
        &["quote-not-found"],
        &[],
        &["the source has `nothing` beside these words"],
    );
}

#[test]
fn single_marks_in_prose_are_quotations_and_apostrophes_are_not() {
    // `the Kremlin’s ‘grave concerns’ about Hamas’ attack`: one quotation, verified.
    case("single-quotes-checked", 0, &[], &[], &[]);
    case(
        "single-quote-misquote",
        1,
        &["inline-quote-not-found"],
        &[],
        &["quotation “grave worries” not found"],
    );
    // A possessive inside the quotation does not end it.
    case(
        "single-quote-possessive-inside",
        1,
        &["inline-quote-not-found"],
        &[],
        &["quotation “Hamas’ attack was praised” not found"],
    );
    case("nested-quotation", 0, &[], &[], &[]);
    let run = report_in(
        &fixture("quoting/quote-marks-double-only"),
        &["check", "--format", "json"],
    );
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["inline"], 1, "only “grave concerns” is read");
}

#[test]
fn differences_a_writer_cannot_see_are_named() {
    case(
        "explain-cut-word",
        1,
        &["quote-not-found"],
        &[],
        &["cuts `large-scale`", "quote the whole of `large-scale`"],
    );
    case(
        "explain-decomposed-accent",
        1,
        &["quote-not-found"],
        &[],
        &[
            "accents are separate characters (`e` + U+0301)",
            "retype the accented letters",
        ],
    );
    case(
        "explain-decomposed-source",
        1,
        &["quote-not-found"],
        &[],
        &[
            "the source's accents are separate characters (`e` + U+0301)",
            "convert it to NFC",
        ],
    );
    case(
        "explain-missing-space",
        1,
        &["quote-not-found"],
        &[],
        &["the source writes `7 %` where the quote has `7%`: a difference of spacing"],
    );
    case(
        "explain-word-added-at-end",
        1,
        &["quote-not-found"],
        &[],
        &["the quote adds `with Hamas`"],
    );
    case(
        "explain-wrong-source-with-slip",
        1,
        &["quote-not-found"],
        &[],
        &[
            "the nearest passage is in `other`",
            "the quote leaves out `far`",
            "cite it, and copy its words exactly",
        ],
    );
    case(
        "explain-invisible-in-source",
        1,
        &["quote-not-found"],
        &[],
        &["print as nothing", "clean the source", "do not copy them"],
    );
}

#[test]
fn an_empty_list_of_quote_marks_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/a.txt"), "words").unwrap();
    std::fs::write(
        dir.path().join("report.yaml"),
        "title: T\nquote-marks: []\nsections: []\n",
    )
    .unwrap();
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "report.yaml:2:14");
    assert_contains(&run.stderr, "`quote-marks` is empty");
}
