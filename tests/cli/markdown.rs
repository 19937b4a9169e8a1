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
