//! `report render --format md`: refuses on findings, writes atomically, renders what it checked.

use crate::common::{assert_contains, copy_fixture, file_names, report_in};

#[test]
fn render_refuses_on_a_finding_and_leaves_the_old_file_intact() {
    let dir = copy_fixture("render-refuses-on-finding");
    let old = "previous briefing \u{2014} keep me\n";
    std::fs::write(dir.path().join("report.md"), old).unwrap();
    let before = file_names(dir.path());
    let run = report_in(dir.path(), &["render", "--format", "md"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stderr, "error[quote-not-found]");
    assert_contains(&run.stderr, "nothing rendered");
    assert!(run.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.md")).unwrap(),
        old
    );
    assert_eq!(
        file_names(dir.path()),
        before,
        "no temporary file is left behind"
    );
}

#[test]
fn render_refuses_to_stdout_too() {
    let dir = copy_fixture("render-refuses-on-finding");
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn render_writes_beside_the_outline_by_default() {
    let dir = copy_fixture("all-verified");
    let run = report_in(dir.path(), &["render", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "wrote report.md");
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(
        md.starts_with("# Harbour briefing\n\nDesk · 2024-03-04\n"),
        "{md}"
    );
    assert!(md.contains("\n## The vote\n"), "{md}");
    assert!(md.contains("\n### Details\n"), "{md}");
    assert!(
        md.contains("the mayor spoke of \"a historic step\"[^1].[^2],[^3]\n"),
        "{md}"
    );
    assert!(
        md.contains("\n> Critics said the budget “was never realistic”[^4]\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "[^3]: “The mayor called it \"a historic step\" for the town.” — *memo*, line 4."
        ),
        "{md}"
    );
    assert!(
        md.contains("4 quotations verified verbatim against 1 source"),
        "{md}"
    );
}

#[test]
fn render_to_stdout_writes_no_file() {
    let dir = copy_fixture("all-verified");
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("# Harbour briefing\n"));
    assert!(!dir.path().join("report.md").exists());
}

#[test]
fn render_to_a_folder_exits_2_and_leaves_it_alone() {
    let dir = copy_fixture("all-verified");
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "sources"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "sources: cannot write: it is a folder");
    assert_eq!(file_names(&dir.path().join("sources")), ["memo.txt"]);
}

#[test]
fn render_into_a_missing_folder_exits_2() {
    let dir = copy_fixture("all-verified");
    let run = report_in(dir.path(), &["render", "-o", "no/such/folder/out.md"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "no/such/folder/out.md: cannot write");
}

#[test]
fn footnotes_give_the_source_line_of_each_quote() {
    let dir = copy_fixture("all-verified");
    let run = report_in(dir.path(), &["render", "-o", "-"]);
    assert_contains(
        &run.stdout,
        "[^2]: “The council approved the harbour plan on 3 March” — *memo*, line 3.",
    );
    assert_contains(&run.stdout, "[^4]: *memo*, line 5.");
    // A quotation in the writer's own text has its note too, where it ends.
    assert_contains(&run.stdout, "[^1]: “a historic step” — *memo*, line 4.");
    // A block quotation's note names its place, without the quote again; two notes in a row
    // are set apart.
    assert_contains(
        &run.stdout,
        "> Critics said the budget “was never realistic”[^4]",
    );
    assert_contains(&run.stdout, "step\"[^1].[^2],[^3]");
}

#[test]
fn render_never_overwrites_the_outline_or_a_source() {
    let dir = copy_fixture("all-verified");
    let outline = std::fs::read(dir.path().join("report.yaml")).unwrap();
    let run = report_in(dir.path(), &["render", "-o", "report.yaml"]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "report.yaml: the output would overwrite the outline `report.yaml`",
    );
    let run = report_in(dir.path(), &["render", "-o", "sources/memo.txt"]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "the output would overwrite a source `sources/memo.txt`",
    );
    assert_eq!(
        std::fs::read(dir.path().join("report.yaml")).unwrap(),
        outline
    );
    assert!(
        std::fs::read_to_string(dir.path().join("sources/memo.txt"))
            .unwrap()
            .starts_with("Memo on the harbour")
    );
}

#[test]
fn an_outline_named_like_its_output_is_not_overwritten() {
    let dir = copy_fixture("all-verified");
    std::fs::rename(dir.path().join("report.yaml"), dir.path().join("brief.md")).unwrap();
    let run = report_in(dir.path(), &["render", "brief.md"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "would overwrite the outline");
}

#[test]
fn aliased_citations_keep_their_own_source_lines() {
    let dir = copy_fixture("aliased-citations");
    let run = report_in(dir.path(), &["render", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (n, quote, line) in [
        (1, "first line here", 1),
        (2, "third line there", 3),
        (3, "first line here", 1),
        (4, "third line there", 3),
    ] {
        let note = format!("[^{n}]: “{quote}” — *ln*, line {line}.");
        assert!(run.stdout.contains(&note), "{note} in {}", run.stdout);
    }
}

/// A project citing one source per catalog `url` of `urls`.
fn project_with_urls(urls: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let (mut catalog, mut cites) = (String::new(), String::new());
    for (i, url) in urls.iter().enumerate() {
        std::fs::write(dir.path().join(format!("sources/s{i}.txt")), "Said so.\n").unwrap();
        catalog.push_str(&format!(
            "s{i}:\n  title: T{i}\n  url: {}\n",
            crate::common::yaml_string(url)
        ));
        cites.push_str(&format!(
            "          - source: s{i}\n            quote: Said so.\n"
        ));
    }
    std::fs::write(dir.path().join("sources/sources.yaml"), catalog).unwrap();
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: Said.\n        cite:\n{cites}"
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    dir
}

const NOT_WEB: [&str; 5] = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
];
const WEB: [&str; 2] = ["https://example.org/a", "HTTP://Example.org/b"];

/// Whether `links` are the web addresses of [`WEB`] (as a URL parser writes them, in the
/// notes and the list of sources), and each of them.
fn web_only(links: &[String]) -> bool {
    let mut found: Vec<String> = links.iter().map(|l| l.to_lowercase()).collect();
    found.sort();
    found.dedup();
    let mut web: Vec<String> = WEB.iter().map(|w| w.to_lowercase()).collect();
    web.sort();
    found == web
}

#[test]
fn only_http_and_https_urls_become_links_in_markdown() {
    use pulldown_cmark::{Event, Parser, Tag};
    let urls: Vec<&str> = NOT_WEB.iter().chain(&WEB).copied().collect();
    let dir = project_with_urls(&urls);
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let links: Vec<String> = Parser::new_ext(&run.stdout, pulldown_cmark::Options::all())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert!(web_only(&links), "{}", run.stdout);
    // The others are there as text, reading back as written.
    let text = crate::common::markdown_text(&run.stdout);
    for url in NOT_WEB {
        assert_contains(&text, url);
    }
}

#[test]
fn only_http_and_https_urls_become_links_in_typst() {
    let urls: Vec<&str> = NOT_WEB.iter().chain(&WEB).copied().collect();
    let dir = project_with_urls(&urls);
    let run = report_in(dir.path(), &["render", "--format", "typst", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let links: Vec<&str> = run
        .stdout
        .split("#link(\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let links: Vec<String> = links.into_iter().map(String::from).collect();
    assert!(web_only(&links), "{}", run.stdout);
    assert_contains(&run.stdout, "#\" javascript:alert(1).\";");
}

/// Each note carries the verdict of its own citation: the line it names is the line of the
/// source where that note's quote stands, for block quotations, single `cite` mappings and
/// `cite` lists, in nested sections, whatever order the quotes have in the source.
#[test]
fn every_note_names_the_line_of_its_own_quote() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (1..=12)
        .map(|n| format!("Sentence number {n} stands alone on its line."))
        .collect();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/s.txt"), lines.join("\n")).unwrap();
    let q = |n: usize| format!("Sentence number {n} stands alone");
    let outline = format!(
        "title: Notes\nsections:\n  - heading: One\n    paragraphs:\n      - quote: {{source: s, quote: {a}}}\n      - text: Two claims.\n        cite:\n          - {{source: s, quote: {b}}}\n          - {{source: s, quote: {c}}}\n    sections:\n      - heading: Inner\n        paragraphs:\n          - text: One claim, quoting \"{d}\" inline.\n            cite: {{source: s, quote: {d}}}\n  - heading: Two\n    paragraphs:\n      - text: Last.\n        cite: {{source: s, quote: {e}}}\n",
        a = q(9),
        b = q(2),
        c = q(12),
        d = q(5),
        e = q(1),
    );
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes: Vec<(String, usize)> = (run.stdout.lines())
        .filter(|l| l.starts_with("[^"))
        .map(|l| {
            // A block quotation's note gives its place only: its quote is the first one.
            let quote = (l.split('“').nth(1))
                .and_then(|r| r.split('”').next())
                .map_or_else(|| q(9), str::to_owned);
            let line = l.rsplit("line ").next().unwrap().trim_end_matches('.');
            (quote, line.parse().unwrap())
        })
        .collect();
    // The inline quotation of the inner paragraph has a note of its own, before its citation.
    let expected: Vec<usize> = vec![9, 2, 12, 5, 5, 1];
    assert_eq!(notes.len(), expected.len(), "{}", run.stdout);
    for ((quote, line), want) in notes.iter().zip(expected) {
        assert_eq!(*line, want, "{quote}");
        assert!(
            lines[line - 1].contains(quote.as_str()),
            "{quote} on line {line}"
        );
    }
}
