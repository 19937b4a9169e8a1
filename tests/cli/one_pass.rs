//! A run over several outlines reads each source once for all of them, on several threads:
//! what each outline is told must not depend on the others or on the number of threads.

use std::path::Path;

use crate::common::corpus::{self, write_source};
use crate::common::{assert_contains, report_in};

/// Writes an outline citing `(source, quote)` pairs, one paragraph each.
fn write_outline(dir: &Path, name: &str, cites: &[(&str, &str)]) {
    let mut yaml = String::from("title: T\nsections:\n  - heading: H\n    paragraphs:\n");
    for (source, quote) in cites {
        yaml.push_str(&format!(
            "      - text: A claim.\n        cite:\n          source: {source}\n          quote: {}\n",
            crate::common::yaml_string(quote)
        ));
    }
    std::fs::write(dir.join(name), yaml).expect("an outline");
}

/// Three sources; two outlines that cite them, each with a quote that holds, a misquote and a
/// quote cited from the wrong source.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (alpha, _) = corpus::generate(200_000, 1);
    let (beta, _) = corpus::generate(150_000, 2);
    write_source(dir.path(), "alpha", &alpha);
    write_source(dir.path(), "beta", &beta);
    write_source(dir.path(), "gamma", "Nothing here is quoted by anyone.\n");
    let words = |text: &str, from: usize| {
        let w: Vec<&str> = text.split_ascii_whitespace().skip(from).take(12).collect();
        w.join(" ")
    };
    write_outline(
        dir.path(),
        "one.yaml",
        &[
            ("alpha", &words(&alpha, 100)),
            ("alpha", corpus::MISQUOTE),
            ("alpha", &words(&beta, 500)),
        ],
    );
    write_outline(
        dir.path(),
        "two.yaml",
        &[
            ("beta", &words(&beta, 900)),
            ("gamma", &words(&alpha, 3_000)),
            ("beta", corpus::PASSAGE),
        ],
    );
    dir
}

#[test]
fn each_outline_is_told_the_same_whatever_else_is_checked_and_on_any_number_of_threads() {
    let dir = project();
    let together = report_in(dir.path(), &["check", "-j2", "one.yaml", "two.yaml"]);
    assert_eq!(together.code, 1, "{}", together.stderr);
    for threads in ["-j1", "-j3"] {
        let again = report_in(dir.path(), &["check", threads, "one.yaml", "two.yaml"]);
        assert_eq!(again.stdout, together.stdout, "{threads}");
    }
    assert_contains(&together.stdout, "quote is not in `alpha` but is in `beta`");
    assert_contains(
        &together.stdout,
        "quote is not in `gamma` but is in `alpha`",
    );
    assert_contains(
        &together.stdout,
        "error[quote-not-found]: quote not found in `alpha`",
    );
    assert_contains(&together.stdout, "6 quotes");
    for (outline, findings) in [("one.yaml", 2), ("two.yaml", 1)] {
        let alone = report_in(dir.path(), &["check", "--format", "short", outline]);
        assert_eq!(
            alone
                .stdout
                .lines()
                .filter(|l| l.contains("error["))
                .count(),
            findings
        );
        let both = report_in(
            dir.path(),
            &["check", "--format", "short", "one.yaml", "two.yaml"],
        );
        for line in alone.stdout.lines().filter(|l| l.contains("error[")) {
            assert_contains(&both.stdout, line);
        }
    }
}

/// A source that is not UTF-8 is a finding at each quote that cites it, in every outline;
/// the other quotes and outlines are checked as usual, and the run is not stopped.
#[test]
fn a_source_that_cannot_be_read_is_a_finding_at_each_quote_citing_it() {
    let dir = project();
    write_outline(
        dir.path(),
        "three.yaml",
        &[("beta", "caf"), ("alpha", "nowhere")],
    );
    std::fs::write(dir.path().join("sources/beta.txt"), b"caf\xe9\n").expect("a source");
    let run = report_in(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "one.yaml",
            "two.yaml",
            "three.yaml",
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, "");
    let unreadable: Vec<&str> = (run.stdout.lines())
        .filter(|l| l.contains("error[source-unreadable]"))
        .collect();
    let citing = ["one.yaml", "two.yaml", "three.yaml"]
        .iter()
        .map(|o| std::fs::read_to_string(dir.path().join(o)).unwrap())
        .map(|t| t.matches("source: beta\n").count())
        .sum::<usize>();
    assert_eq!(unreadable.len(), citing, "{}", run.stdout);
    for line in &unreadable {
        assert_contains(
            line,
            "beta.txt:1:4: not UTF-8 text (byte 0xe9 at byte offset 3)",
        );
    }
    // The quotes citing the other sources are checked as usual.
    assert_contains(&run.stdout, "three.yaml:12:19: error[quote-not-found]");
    assert_contains(&run.stdout, "quote not found in `alpha`");
}

/// Outlines that cannot be read stand among those that can: each of the others is told of its
/// own quotes, in the same words on any number of threads, as when it is checked alone.
#[test]
fn outlines_that_cannot_be_read_leave_the_others_told_of_their_own_quotes() {
    let dir = project();
    std::fs::write(dir.path().join("a-broken.yaml"), "title: [unclosed\n").expect("an outline");
    std::fs::write(dir.path().join("m-broken.yaml"), "sections: 3\n").expect("an outline");
    let outlines = ["a-broken.yaml", "one.yaml", "m-broken.yaml", "two.yaml"];
    let run = |threads: &str| {
        let mut args = vec!["check", threads, "--format", "short"];
        args.extend(outlines);
        report_in(dir.path(), &args)
    };
    let two = run("-j2");
    assert_eq!(two.code, 2, "{}{}", two.stdout, two.stderr);
    assert_contains(&two.stderr, "a-broken.yaml");
    assert_contains(&two.stderr, "m-broken.yaml");
    for threads in ["-j1", "-j3"] {
        let again = run(threads);
        assert_eq!(
            (&again.stdout, &again.stderr),
            (&two.stdout, &two.stderr),
            "{threads}"
        );
    }
    for outline in ["one.yaml", "two.yaml"] {
        let alone = report_in(dir.path(), &["check", "--format", "short", outline]);
        let told: Vec<&str> = (alone.stdout.lines())
            .filter(|l| l.contains("error["))
            .collect();
        assert!(!told.is_empty(), "{}", alone.stdout);
        for line in told {
            assert!(line.starts_with(outline), "{line}");
            assert_contains(&two.stdout, line);
        }
    }
    let findings = two.stdout.lines().filter(|l| l.contains("error[")).count();
    assert_eq!(findings, 3, "{}", two.stdout);
}
