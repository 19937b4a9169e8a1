//! Markdown output reads back literally: every ASCII punctuation character in titles,
//! headings, paragraphs and quotes survives a CommonMark parser with GitHub's extensions.

use crate::common::{report_in, yaml_string};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Every ASCII punctuation character.
const PUNCTUATION: &str = r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##;

/// One quote per punctuation character, with the character at the start, doubled in the
/// middle, inside a word and at the end, so that line-start and inline markup are both tried.
fn quotes() -> Vec<String> {
    PUNCTUATION
        .chars()
        .map(|c| format!("{c} lead {c}{c} mid{c}word {c}"))
        .collect()
}

/// Writes an outline whose every text field is full of punctuation, and its source.
fn write_project(dir: &std::path::Path) {
    std::fs::create_dir(dir.join("sources")).unwrap();
    std::fs::write(dir.join("sources/marks.txt"), quotes().join("\n")).unwrap();
    let prose = PUNCTUATION.replace('"', "");
    let cites: String = quotes()
        .iter()
        .map(|q| {
            format!(
                "          - source: marks\n            quote: {}\n",
                yaml_string(q)
            )
        })
        .collect();
    let outline = format!(
        "title: {t}\nsubtitle: {t}\nauthor: {t}\nsummary: {t}\nsections:\n  - heading: {t}\n    paragraphs:\n      - text: {t}\n        cite:\n{cites}      - quote:\n          source: marks\n          quote: {q}\n",
        t = yaml_string(&format!("{prose} title {prose}")),
        q = yaml_string(&quotes()[12]),
    );
    std::fs::write(dir.join("report.yaml"), outline).unwrap();
}

/// The plain text of every paragraph-level block a CommonMark parser finds in `markdown`.
fn blocks(markdown: &str) -> Vec<String> {
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    let mut blocks = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => current.clear(),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => blocks.push(current.clone()),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::InlineHtml(t) => {
                current.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    blocks
}

#[test]
fn every_ascii_punctuation_character_renders_literally() {
    let dir = tempfile::tempdir().unwrap();
    write_project(dir.path());
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let blocks = blocks(&run.stdout);
    let prose = PUNCTUATION.replace('"', "");
    let title = format!("{prose} title {prose}");
    assert_eq!(blocks[0], title, "the title is the first heading");
    assert_eq!(
        // The paragraph's note references are set apart by commas.
        (blocks.iter())
            .filter(|b| b.trim_end_matches(',') == title)
            .count(),
        5,
        "title, subtitle, author, heading and paragraph: {blocks:#?}"
    );
    assert!(blocks.contains(&format!("Summary. {title}")), "{blocks:#?}");
    for quote in quotes() {
        let in_note = format!("“{quote}” — marks, line ");
        assert!(
            blocks.iter().any(|b| b.starts_with(&in_note)),
            "note for {quote:?} in {blocks:#?}"
        );
    }
    assert!(
        blocks.contains(&quotes()[12]),
        "the block quotation reads back: {blocks:#?}"
    );
}

/// The visible text of HTML: tags left out, character references decoded.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = rest[open..].split_once('>').map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let Some((entity, after)) = rest[amp + 1..].split_once(';') else {
            out.push_str(&rest[amp..]);
            rest = "";
            break;
        };
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = after;
            }
            None => {
                out.push('&');
                rest = &rest[amp + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn github_and_commonmark_show_every_quote_alike() {
    if !crate::common::tool("cmark-gfm") {
        return;
    }
    let quotes = [
        "See http://example.com/a_b and www.example.org/x_y now.",
        "HTTPS://Example.com/__init__ and (https://e.org/*a*) too.",
        "Mail a_b@example.com or ~~strike~~ it.",
        "A | table | row and <b>bold</b> or <script>x</script> & &amp; text.",
        "Back\\slash, `code`, *stars*, _under_ and [link](x) with # hash.",
        "They said:https://e.com/a_b, see:https://e.com/c_d*e*f and [https://e.com/g_h] or x/https://e.com/i_j.",
    ];
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/s.txt"), quotes.join("\n")).unwrap();
    let mut outline = String::from("title: T\nsections:\n  - heading: H\n    paragraphs:\n");
    for quote in quotes {
        outline.push_str(&format!(
            "      - text: {}\n        cite:\n          source: s\n          quote: {}\n",
            crate::common::yaml_string(quote),
            crate::common::yaml_string(quote)
        ));
    }
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let github = html_text(&gfm(&run.stdout));
    let commonmark = crate::common::markdown_text(&run.stdout);
    for quote in quotes {
        // Each paragraph and each note: twice in each reading.
        assert!(github.matches(quote).count() >= 2, "{quote} in {github}");
        assert!(
            commonmark.matches(quote).count() >= 2,
            "{quote} in {commonmark}"
        );
    }
    // The hostile fixture and the shipped example read the same in both.
    for dir in [
        crate::common::copy_fixture("hostile-markup"),
        crate::common::example_copy(),
    ] {
        let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let github = crate::common::flatten(&html_text(&gfm(&run.stdout)));
        let commonmark = crate::common::flatten(&crate::common::markdown_text(&run.stdout));
        for quote in crate::common::quotes_of(&dir.path().join("report.yaml")) {
            let quote = crate::common::flatten(&quote);
            assert!(github.contains(&quote), "{quote} in {github}");
            assert!(commonmark.contains(&quote), "{quote} in {commonmark}");
        }
    }
}

/// `markdown` as GitHub's renderer makes it HTML.
fn gfm(markdown: &str) -> String {
    use std::io::Write;
    let mut cmark = std::process::Command::new("cmark-gfm")
        .args([
            "-e",
            "autolink",
            "-e",
            "table",
            "-e",
            "strikethrough",
            "-e",
            "tagfilter",
        ])
        .args(["-e", "footnotes", "--to", "html"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    cmark
        .stdin
        .take()
        .unwrap()
        .write_all(markdown.as_bytes())
        .unwrap();
    let output = cmark.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}
