//! No input hangs the run or takes memory beyond its bound: every search and alignment has a
//! budget, and past it the finding says the search was cut short. Each case once hung or
//! took gigabytes.

#![cfg(target_os = "linux")]

use std::path::Path;
use std::time::Duration;

use crate::common::{assert_contains, report_measured};

/// A debug build is slower than a release; a hang is still minutes past this.
const LIMIT: Duration = Duration::from_secs(90);

/// A project quoting `quotes` from one source, `text`.
fn project(dir: &Path, text: &str, quotes: &[String]) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("sources/memo.txt"), text).unwrap();
    let mut outline = String::from("title: T\nsections:\n  - heading: H\n    paragraphs:\n");
    for quote in quotes {
        outline += &format!(
            "      - text: Said.\n        cite:\n          - source: memo\n            quote: {}\n",
            crate::common::yaml_string(quote)
        );
    }
    std::fs::write(dir.join("report.yaml"), outline).unwrap();
}

/// The shipped example's sources, repeated to about `bytes`: real prose.
fn prose(bytes: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let mut one = String::new();
    for name in [
        "russia-hamas-relations.txt",
        "hamas-russia-china-support.txt",
    ] {
        one += &std::fs::read_to_string(root.join(name)).unwrap();
        one.push('\n');
    }
    one.repeat(bytes / one.len() + 1)
}

#[test]
fn ellipsis_quotes_of_common_words_hold_few_places_at_a_time() {
    let text = prose(20 << 20);
    // Two parts each: a quote of three parts or more may not have one-word parts.
    let words = ["the", "of", "and", "to", "a"];
    let quotes: Vec<String> = (0..20)
        .map(|i| format!("{} ... {}", words[i % 5], words[(i / 5 + i) % 5]))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &quotes);
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 0, "{}", measured.run.stdout);
    // Once, every place of every part was kept: over a gigabyte here.
    assert!(
        measured.peak < 3 * text.len() as u64 + (64 << 20),
        "peak {} MiB for a {} MiB source",
        measured.peak >> 20,
        text.len() >> 20
    );
}

#[test]
fn a_thousand_part_quote_is_placed_or_cut_short_in_bounded_memory() {
    let text = prose(1 << 20);
    let placed = vec!["the"; 1_000].join(" ... ");
    let apart = vec!["Hamas ... Moscow"; 500].join(" ... ");
    for quote in [placed, apart] {
        let dir = tempfile::tempdir().unwrap();
        project(dir.path(), &text, std::slice::from_ref(&quote));
        let measured = report_measured(dir.path(), &["check"], LIMIT);
        assert!(measured.run.code <= 1, "{}", measured.run.stderr);
        assert!(
            measured.peak < 128 << 20,
            "peak {} MiB",
            measured.peak >> 20
        );
    }
}

#[test]
fn a_long_misquote_in_a_script_without_spaces_is_explained_in_bounded_time() {
    // Each character is a word of its own: 990 of them against 22,000.
    let chinese = |n: usize, seed: u32| -> String {
        (0..n as u32)
            .map(|i| {
                char::from_u32(0x4e00 + (i.wrapping_mul(2_654_435_761) ^ seed) % 3_000).unwrap()
            })
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &chinese(22_000, 1), &[chinese(990, 7)]);
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert_contains(&measured.run.stdout, "quote-not-found");
    assert!(
        measured.peak < 128 << 20,
        "peak {} MiB",
        measured.peak >> 20
    );
}

#[test]
fn a_text_over_64_kib_is_an_error_at_its_place_before_any_search() {
    let words: String = (0..320_000).map(|i| format!("w{} ", i % 5_000)).collect();
    let no_spaces = "x".repeat(20 << 20);
    for quote in [words, no_spaces] {
        let dir = tempfile::tempdir().unwrap();
        project(dir.path(), &prose(1 << 16), &[quote]);
        let measured = report_measured(dir.path(), &["check"], LIMIT);
        assert_eq!(measured.run.code, 2, "{}", measured.run.stdout);
        assert_contains(&measured.run.stderr, "error: this text is");
        assert_contains(&measured.run.stderr, "--> report.yaml:8:21");
        assert_contains(&measured.run.stderr, "may be at most 64 KiB");
    }
}

#[test]
fn long_misquotes_under_the_limit_are_explained_in_bounded_memory() {
    let text = prose(1 << 20);
    let words: String = (0..9_000).map(|i| format!("w{} ", i % 5_000)).collect();
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &[words, "y".repeat(60_000)]);
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert_contains(
        &measured.run.stdout,
        "passages are looked for only for quotes of up to 1000",
    );
    assert!(
        measured.peak < 128 << 20,
        "peak {} MiB",
        measured.peak >> 20
    );
}

#[test]
fn quotes_that_hit_at_every_word_and_never_match_are_cut_short() {
    // A thousand quotes made of the two words the source is made of, none there: each ends
    // with a word twice, which the source never has. Whatever bytes anchor them, they stand
    // at every other word.
    let text = "aaa bbb ".repeat(1_000_000) + "aaa bbb aaa\n";
    let mut quotes: Vec<String> = (0..1_000u32)
        .map(|i| {
            let words: Vec<&str> = (0..10)
                .map(|bit| if i >> bit & 1 == 0 { "aaa" } else { "bbb" })
                .collect();
            format!("{} bbb bbb", words.join(" "))
        })
        .collect();
    quotes.push("aaa bbb aaa".into());
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &quotes);
    let measured = report_measured(dir.path(), &["check", "--format", "json"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert_contains(
        &measured.run.stdout,
        "the search was cut short at its budget",
    );
    assert_contains(&measured.run.stdout, "\"verified\": 1");
}

#[test]
fn quotes_whose_rare_letters_the_source_lacks_are_not_found_at_once() {
    // The same shape of source, but each quote ends in letters the source never has: no
    // place is compared, and each is simply not found.
    let text = "aaa ".repeat(2_000_000) + "aaa aaa aaa\n";
    let mut quotes: Vec<String> = (0..1_000u32)
        .map(|i| {
            let letter = |n: u32| char::from(b'b' + (n % 20) as u8);
            format!("aaa aaa {}{}{}", letter(i), letter(i / 20), letter(i / 400))
        })
        .collect();
    quotes.push("aaa aaa aaa".into());
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &quotes);
    let started = std::time::Instant::now();
    let measured = report_measured(dir.path(), &["check", "--format", "json"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert!(!measured.run.stdout.contains("cut short"));
    assert_contains(&measured.run.stdout, "\"verified\": 1");
    assert_contains(&measured.run.stdout, "\"quote-not-found\": 1000");
    eprintln!("{:?}", started.elapsed());
}

#[test]
fn an_unknown_source_lists_a_few_ids_not_the_whole_folder() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), "x\n", &["x".into()]);
    for i in 0..50 {
        std::fs::write(dir.path().join(format!("sources/file-{i:02}.txt")), "x\n").unwrap();
    }
    let outline = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    std::fs::write(
        dir.path().join("report.yaml"),
        outline.replace("source: memo", "source: zzz"),
    )
    .unwrap();
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert_contains(
        &measured.run.stdout,
        "`file-09` and 41 more (`report sources` lists them)",
    );
    let help = measured
        .run
        .stdout
        .lines()
        .find(|l| l.contains("help: add"));
    assert!(help.is_some_and(|h| !h.contains("file-10")), "{help:?}");
}

#[test]
fn runs_of_accents_or_flags_and_parts_at_every_word_stay_cheap() {
    let accents = format!("x {} y\n", "\u{301}".repeat(200_000));
    let soft = format!("x {} y\n", "\u{ad}".repeat(200_000));
    let flags = format!("x {} y\n", "\u{1f1fa}".repeat(1_000_000));
    let words = "a ".repeat(1_000_000) + "b\n";
    let cases = [
        (accents, vec!["\u{301}\u{301}".to_owned()]),
        (soft, vec!["\u{ad}\u{ad}".to_owned()]),
        (flags, vec!["\u{1f1fa}\u{1f1fa}".to_owned()]),
        (words.clone(), vec![vec!["a"; 100].join(" ... ") + " ... b"]),
        (words, vec![vec!["a"; 10_000].join(" ... ") + " ... b"]),
    ];
    for (text, quotes) in cases {
        let dir = tempfile::tempdir().unwrap();
        project(dir.path(), &text, &quotes);
        let started = std::time::Instant::now();
        let measured = report_measured(dir.path(), &["check"], LIMIT);
        assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
        assert!(
            measured.peak < 256 << 20,
            "peak {} MiB",
            measured.peak >> 20
        );
        eprintln!("{:?} for {} bytes", started.elapsed(), text.len());
    }
}

#[test]
fn a_quote_repeating_one_word_explained_against_a_source_of_it_stays_small() {
    // Every place of `the` once voted for every place of `the` in the quote: a thousand
    // times eight thousand votes, over half a gigabyte.
    let text = "the ".repeat(5 << 20 >> 2);
    let quote = format!("{} treaty", vec!["the"; 999].join(" "));
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, std::slice::from_ref(&quote));
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert!(
        measured.peak < 160 << 20,
        "peak {} MiB for a 5 MiB source",
        measured.peak >> 20
    );
}

#[test]
fn elided_quotes_of_a_long_manual_whose_contents_name_their_first_part_are_all_placed() {
    // A manual opens with its contents, which name every section; each quote begins with a
    // section's title and leaves words of its first sentence out. The first place of each
    // first part is in the contents, a megabyte before the passage.
    let sections = 400;
    let mut text = String::from("Contents\n\n");
    for n in 0..sections {
        text += &format!("Section {n} on the harbour commission\n");
    }
    text += &prose(1 << 20);
    for n in 0..sections {
        text += &format!(
            "\n\nSection {n} on the harbour commission met in session {n} and rejected the \
             northern route after three days of hearings.\n"
        );
    }
    let quotes: Vec<String> = (0..sections)
        .map(|n| format!("Section {n} on the harbour commission ... rejected the northern route"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &quotes);
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 0, "{}", measured.run.stdout);
    assert_contains(&measured.run.stdout, &format!("{sections} verified"));
}

#[test]
fn a_folder_of_many_uncited_sources_is_summed_up_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    project(
        dir.path(),
        "the harbour commission met\n",
        &["harbour commission".into()],
    );
    for i in 0..300 {
        std::fs::write(dir.path().join(format!("sources/file-{i:03}.txt")), "x\n").unwrap();
    }
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
    assert_contains(
        &measured.run.stdout,
        "`file-009` and 290 more (`report sources` lists them)",
    );
    assert!(
        !measured.run.stdout.contains("file-010"),
        "{}",
        measured.run.stdout
    );
}

#[test]
fn an_elided_quote_whose_common_part_stands_far_from_the_other_is_a_finding_not_a_crash() {
    // More places of the first part than are kept, none of them near the second part.
    let text = "a b. ".repeat(4_097) + &"filler words here. ".repeat(5_000) + "c d.\n";
    let dir = tempfile::tempdir().unwrap();
    project(
        dir.path(),
        &text,
        &["a b ... c d".into(), "a b ... c d.".into()],
    );
    let measured = report_measured(dir.path(), &["check"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert!(
        !measured.run.stderr.contains("panicked"),
        "{}",
        measured.run.stderr
    );
    // The same parts joined by a long run of spaces: one character between them, so the
    // quote holds, up to the 64 KiB of the file any join may skip.
    for (spaces, holds) in [(60_000, true), (70_000, false)] {
        let text = "a b. ".repeat(4_097) + "x.\n\n" + "a b" + &" ".repeat(spaces) + "c d.\n";
        project(dir.path(), &text, &["a b ... c d.".into()]);
        let measured = report_measured(dir.path(), &["check"], LIMIT);
        assert_eq!(
            measured.run.code,
            i32::from(!holds),
            "{}",
            measured.run.stdout
        );
        if !holds {
            assert_contains(&measured.run.stdout, "error[quote-not-found]");
        }
    }
}

#[test]
fn a_one_letter_quote_does_not_make_the_others_hit_at_every_letter() {
    // A quote `a`, whose anchor begins the anchors of others, and a long misquote beside a
    // quote that holds: the one that holds is verified, not cut short.
    let text = prose(1 << 20);
    let misquote = "the aqzx dog and ".repeat(500);
    let dir = tempfile::tempdir().unwrap();
    project(
        dir.path(),
        &text,
        &["a".into(), misquote, "terrorist organization".into()],
    );
    let measured = report_measured(dir.path(), &["check", "--format", "json"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert!(
        !measured.run.stdout.contains("cut short"),
        "{}",
        measured.run.stdout
    );
    assert_contains(&measured.run.stdout, "\"verified\": 2");
}

/// `count` words, each one of `vocabulary` made-up words of `letters` letters, joined by
/// `joiner`: the same on every run.
fn made_up_words(
    seed: u64,
    vocabulary: usize,
    letters: std::ops::RangeInclusive<usize>,
    count: usize,
    joiner: &str,
) -> String {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let spread = (letters.end() - letters.start() + 1) as u64;
    let made: Vec<String> = (0..vocabulary)
        .map(|_| {
            let len = letters.start() + (next() % spread) as usize;
            (0..len)
                .map(|_| char::from(b'a' + (next() % 26) as u8))
                .collect()
        })
        .collect();
    let words: Vec<&str> = (0..count)
        .map(|_| made[(next() % vocabulary as u64) as usize].as_str())
        .collect();
    words.join(joiner)
}

/// How long a misquote of a source without spaces may take to explain: a debug build needs
/// a few seconds; each case below once took minutes.
const NO_SPACES_LIMIT: Duration = Duration::from_secs(30);

#[test]
fn a_misquote_of_a_source_of_one_long_word_is_explained_in_bounded_time() {
    // A megabyte that is one word (`abc_abc_…`): every place of the seed `abc` is in that
    // word, which was read whole again for each of them.
    for joiner in ["_", ".", "é"] {
        let text = format!("abc{joiner}").repeat((1 << 20) / (3 + joiner.len()));
        let dir = tempfile::tempdir().unwrap();
        project(dir.path(), &text, &["abc def ghi".to_owned()]);
        let measured = report_measured(dir.path(), &["check"], NO_SPACES_LIMIT);
        assert_eq!(measured.run.code, 1, "{joiner}: {}", measured.run.stderr);
        assert_contains(&measured.run.stdout, "quote-not-found");
    }
}

#[test]
fn misquotes_of_a_source_of_words_joined_by_dashes_are_explained_in_bounded_time() {
    // Eight megabytes of words joined by dashes, without a space: the region of each
    // candidate passage was found by reading to the source's ends for a space.
    let text = made_up_words(0x2545_f491_4f6c_dd1d, 5_000, 5..=8, 1_200_000, "-");
    let words: Vec<&str> = text.split('-').collect();
    let quotes: Vec<String> = (0..200)
        .map(|i| {
            let at = (i * 5_987) % (words.len() - 8);
            let mut quote: Vec<&str> = words[at..at + 8].to_vec();
            quote[4] = "Qzzxq";
            quote.join(" ")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &quotes);
    let measured = report_measured(dir.path(), &["check"], NO_SPACES_LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    assert_eq!(
        measured.run.stdout.matches("quote-not-found").count(),
        200,
        "{}",
        measured.run.stdout
    );
}

#[test]
fn misquotes_of_a_large_source_made_of_their_words_stay_in_bounds_on_many_threads() {
    // Thirty megabytes of a thousand three-letter words, and 125 misquotes of eight of them
    // and one made up: every word of the source is a seed word of some misquote, kept at
    // each of its places. Sixteen threads sharing the source each held their stretch's
    // places while the others ran: 129 MB, past the bound.
    let text = made_up_words(0x9E37_79B9_7F4A_7C15, 1_000, 3..=3, 7_500_000, " ");
    let words: Vec<&str> = text.split(' ').collect();
    let quotes: Vec<String> = (0..125)
        .map(|i| {
            let at = (i * 59_999) % (words.len() - 8);
            let mut quote: Vec<&str> = words[at..at + 8].to_vec();
            quote.insert(4, "Qzzxq");
            quote.join(" ")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &text, &quotes);
    let measured = report_measured(dir.path(), &["check", "-j16"], LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    let bound = 2 * text.len() as u64 + (64 << 20);
    assert!(
        measured.peak < bound,
        "peak {} MiB, bound {} MiB",
        measured.peak >> 20,
        bound >> 20
    );
}

/// `count` quotes `startN ... endN` and a source where each first part stands in a list that
/// opens it and each last part in a list that closes it, the words of each list joined by
/// `joiner`, `between` between the lists and `last` at the end: the two lists, the text and
/// the quotes.
fn parts_apart(
    count: usize,
    joiner: &str,
    between: &str,
    last: &str,
) -> (Vec<String>, Vec<String>, String, Vec<String>) {
    let starts: Vec<String> = (0..count).map(|i| format!("start{i}")).collect();
    let ends: Vec<String> = (0..count).map(|i| format!("end{i}")).collect();
    let text = [
        &starts.join(joiner),
        joiner,
        between,
        &ends.join(joiner),
        last,
    ]
    .concat();
    let quotes = (0..count).map(|i| format!("start{i} ... end{i}")).collect();
    (starts, ends, text, quotes)
}

/// The JSON findings of `report check` on a project of `text` and `quotes`, run within
/// [`NO_SPACES_LIMIT`]: one for each quote.
fn one_finding_each(dir: &Path, text: &str, quotes: &[String]) -> Vec<serde_json::Value> {
    project(dir, text, quotes);
    let measured = report_measured(dir, &["check", "--format", "json"], NO_SPACES_LIMIT);
    assert_eq!(measured.run.code, 1, "{}", measured.run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&measured.run.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap().clone();
    assert_eq!(findings.len(), quotes.len());
    findings
}

#[test]
fn ellipsis_misquotes_whose_parts_stand_megabytes_apart_without_spaces_are_told_in_bounded_time() {
    // Each quote's first part opens the source and its last closes it, 20 MB of one word
    // (`x,x,x,…`) between them. The stretch was counted word by word, whole, for each quote,
    // twice (to judge it, then to tell it); then the telling counted it whole once for each
    // quote (about 40 s for two thousand such quotes, built for speed); now once for all.
    let (starts, ends, text, quotes) = parts_apart(300, ",", &"x,".repeat(10 << 20), ",");
    let dir = tempfile::tempdir().unwrap();
    let findings = one_finding_each(dir.path(), &text, &quotes);
    // Told how far apart the parts stand, every character counted.
    let message = findings[0]["message"].as_str().unwrap();
    assert_contains(message, "characters after part 1");
    let gap = |i: usize| {
        (20 << 20)
            + 1
            + starts[i + 1..].iter().map(|s| s.len() + 1).sum::<usize>()
            + ends[..i].iter().map(|e| e.len() + 1).sum::<usize>()
    };
    for i in [0, 150, 299] {
        assert_eq!(findings[i]["part"]["gap"], gap(i), "{}", findings[i]);
    }
}

#[test]
fn ellipsis_quotes_across_megabytes_of_whitespace_are_refused_in_bounded_time() {
    // 20 MB of spaces between each quote's parts count as one character, so the joins were
    // counted through all of it, once for each quote (18 s for two hundred); no join now
    // counts past 64 KiB of the file, and none allows more.
    let (starts, _, text, quotes) = parts_apart(100, " ", &" ".repeat(20 << 20), "\n");
    let dir = tempfile::tempdir().unwrap();
    let findings = one_finding_each(dir.path(), &text, &quotes);
    for finding in &findings {
        assert_eq!(finding["code"], "quote-not-found", "{finding}");
        let message = finding["message"].as_str().unwrap();
        assert_contains(message, "bytes after part 1, most of them whitespace");
        assert_contains(
            message,
            "the parts of a quote stand at most 65,536 bytes apart",
        );
    }
    // The characters between the first quote's parts: the other starts, and the run of
    // spaces as one.
    let chars = starts[1..].iter().map(|s| s.len() + 1).sum::<usize>() + 1;
    assert_eq!(findings[0]["part"]["gap"], chars, "{}", findings[0]);
    // Within the bound, the same quotes hold.
    let text = text.replacen(&" ".repeat(20 << 20), &" ".repeat(40_000), 1);
    project(dir.path(), &text, &quotes);
    let measured = report_measured(dir.path(), &["check"], NO_SPACES_LIMIT);
    assert_eq!(measured.run.code, 0, "{}", measured.run.stdout);
}
