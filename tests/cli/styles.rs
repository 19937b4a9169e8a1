//! Citation styles: notes and the list of sources formatted by a CSL style through
//! `hayagriva`, the style named by the outline (a bundled one, or a `.csl` file inside the
//! project), and the errors for a style that cannot be used.

use std::path::Path;

use crate::common::{assert_contains, report_in};

/// A project citing two sources three times: Smith's report twice, then the Zeta web page.
fn project(dir: &Path, style: Option<&str>) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(
        dir.join("sources/zeta.txt"),
        "Line one.\nThe page says the harbour will reopen in May.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sources/smith.txt"),
        "Intro.\nThe report found the costs had doubled.\nIt recommended a review.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sources/sources.yaml"),
        "zeta:\n  title: Harbour news\n  author: Zeta Desk\n  type: web\n  url: https://zeta.example/news\n  published: 2024-05-02\nsmith:\n  title: Cost review of the harbour works\n  author: Smith, Jane\n  publisher: Port Authority\n  published: 15 March 2023\n  type: report\n",
    )
    .unwrap();
    let style = style.map_or(String::new(), |s| format!("style: {s}\n"));
    std::fs::write(
        dir.join("report.yaml"),
        format!(
            "title: T\n{style}sections:\n  - heading: H\n    paragraphs:\n      - text: Costs rose.\n        cite:\n          source: smith\n          quote: the costs had doubled\n      - text: A review was asked for.\n        cite:\n          source: smith\n          quote: It recommended a review.\n      - text: It reopens.\n        cite:\n          source: zeta\n          quote: the harbour will reopen in May\n"
        ),
    )
    .unwrap();
}

fn render(dir: &Path) -> crate::common::Run {
    report_in(dir, &["render", "--format", "md", "-o", "-"])
}

#[test]
fn chicago_notes_cite_in_full_first_and_short_after_and_sort_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), None);
    let run = render(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert_contains(
        out,
        "[^1]: “the costs had doubled” — Jane Smith, *Cost Review of the Harbour Works* (Port Authority, 2023), line 2.",
    );
    assert_contains(
        out,
        "[^2]: “It recommended a review.” — Smith, *Cost Review of the Harbour Works*, line 3.",
    );
    // The list of sources is in the style's order (by author), not the catalog's.
    let smith = out.find("- Smith, Jane.").expect(out);
    let zeta = out.find("- Zeta Desk.").expect(out);
    assert!(smith < zeta, "{out}");
    assert_contains(out, "Citations in the chicago-notes style.");
}

#[test]
fn an_author_date_style_cites_in_parentheses() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), Some("apa"));
    let run = render(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "— (Smith, 2023, Line 2)");
    assert_contains(&run.stdout, "- Smith, J. (2023).");
    // The same outline in Typst says the same.
    let typst = report_in(dir.path(), &["render", "--format", "typst", "-o", "-"]);
    assert_contains(&typst.stdout, "#\"(Smith, 2023, Line 2)\";");
}

#[test]
fn an_unknown_style_is_an_error_at_its_line_with_the_closest_names() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), Some("chicgo-notes"));
    let run = render(dir.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "report.yaml:2:8");
    assert_contains(&run.stderr, "unknown citation style `chicgo-notes`");
    assert_contains(&run.stderr, "`chicago-notes`");
    // `check`, as CI runs it, says so too: the outline cannot be rendered.
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "report.yaml:2:8");
}

/// A CSL style: each citation is the title in brackets, each entry the title.
const TINY_CSL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Tiny</title><id>tiny</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="title"><text variable="title"/></macro>
  <citation><layout prefix="[" suffix="]"><text macro="title"/></layout></citation>
  <bibliography><layout><text macro="title"/></layout></bibliography>
</style>"#;

#[test]
fn a_csl_file_inside_the_project_is_used_and_a_hostile_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), Some("styles/tiny.csl"));
    std::fs::create_dir(dir.path().join("styles")).unwrap();
    std::fs::write(dir.path().join("styles/tiny.csl"), TINY_CSL).unwrap();
    let run = render(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "— \\[Cost review of the harbour works\\]");
    assert_contains(&run.stdout, "Citations in the styles/tiny.csl style.");

    // A macro that calls itself would recurse until the stack ran out.
    let looping = TINY_CSL.replace(
        r#"<macro name="title"><text variable="title"/></macro>"#,
        r#"<macro name="title"><group><text macro="title"/></group></macro>"#,
    );
    std::fs::write(dir.path().join("styles/tiny.csl"), looping).unwrap();
    let run = render(dir.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(&run.stderr, "its macro `title` calls itself");

    // A style outside the project is not read.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("o.csl"), TINY_CSL).unwrap();
    let path = outside.path().join("o.csl");
    project(dir.path(), Some(path.to_str().unwrap()));
    let run = render(dir.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(!run.stdout.contains("Cost review"), "{}", run.stdout);
}

#[test]
fn the_bundled_styles_are_listed_and_each_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let run = report_in(dir.path(), &["styles"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "chicago-notes");
    assert_contains(&run.stdout, "(also apa)");
    // Every listed name renders the example project.
    let names: Vec<String> = (run.stdout.lines())
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert!(names.len() > 50, "{}", run.stdout);
    for name in names {
        project(dir.path(), Some(&name));
        let run = render(dir.path());
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_contains(&run.stdout, "the costs had doubled");
    }
}

/// A note style that writes "Ibid." for a citation of the source the note before cites.
const IBID_CSL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Ibid</title><id>ibid-test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout suffix=".">
      <choose>
        <if position="ibid-with-locator"><group delimiter=", "><text term="ibid" text-case="capitalize-first"/><text variable="locator"/></group></if>
        <else-if position="ibid"><text term="ibid" text-case="capitalize-first"/></else-if>
        <else-if position="subsequent"><text variable="title" form="short"/></else-if>
        <else><group delimiter=", "><text variable="title"/><text variable="locator"/></group></else>
      </choose>
    </layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"#;

#[test]
fn a_style_that_calls_for_ibid_gets_it() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), Some("ibid.csl"));
    std::fs::write(dir.path().join("ibid.csl"), IBID_CSL).unwrap();
    let run = render(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &run.stdout,
        "[^1]: “the costs had doubled” — Cost review of the harbour works, 2.",
    );
    assert_contains(&run.stdout, "[^2]: “It recommended a review.” — Ibid., 3.");
    // Another source in between is no ibid.
    assert_contains(
        &run.stdout,
        "[^3]: “the harbour will reopen in May” — Harbour news, 2.",
    );
}

#[test]
fn every_format_says_the_same_in_a_style() {
    if !crate::common::pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for style in ["apa", "ieee", "modern-language-association"] {
        project(dir.path(), Some(style));
        let md = render(dir.path());
        assert_eq!(md.code, 0, "{style}: {}", md.stderr);
        let note = (md.stdout.lines())
            .find(|l| l.starts_with("[^1]: "))
            .expect("a first note");
        let citation = note.split(" — ").nth(1).expect("a citation").to_owned();
        let citation = crate::common::markdown_text(&citation);
        let citation = citation.trim();
        let run = report_in(dir.path(), &["render", "--format", "pdf", "-o", "out.pdf"]);
        assert_eq!(run.code, 0, "{style}: {}", run.stderr);
        let pdf = crate::common::pdf_text(&dir.path().join("out.pdf"));
        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat(&pdf).contains(&flat(citation)),
            "{style}: {citation} in {pdf}"
        );
        let run = report_in(dir.path(), &["render", "--format", "html", "-o", "-"]);
        assert_eq!(run.code, 0, "{style}: {}", run.stderr);
        assert_contains(&run.stdout, &format!("{style} style"));
    }
}

#[test]
fn catalog_values_a_reader_could_be_misled_by_are_refused_or_read_as_meant() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), None);
    let catalog = dir.path().join("sources/sources.yaml");
    let good = std::fs::read_to_string(&catalog).unwrap();
    // A direction override would show readers "50%" where the catalog says "%05".
    std::fs::write(
        &catalog,
        good.replace(
            "title: Harbour news",
            "title: \"Costs fell by \\u202E%05\\u202C\"",
        ),
    )
    .unwrap();
    let run = render(dir.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    // `check` passes (its output shows the character escaped): the words are verified.
    assert_eq!(report_in(dir.path(), &["check"]).code, 0);
    assert_contains(
        &run.stderr,
        "`title` of source `zeta` holds the invisible character U+202E",
    );
    // An article in a newspaper, dated with a time, its address with a space before it.
    std::fs::write(
        &catalog,
        good.replace("  type: web\n  url: https://zeta.example/news\n  published: 2024-05-02\n", "  type: article\n  publisher: The Gazette\n  url: \" https://zeta.example/news\"\n  published: 2024-05-02T10:30:00+02:00\n"),
    )
    .unwrap();
    let run = render(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &run.stdout,
        "— Zeta Desk, “Harbour News,” *The Gazette*, May 2, 2024, line 2, <https://zeta.example/news>.",
    );
    assert!(!run.stdout.contains("reprint"), "{}", run.stdout);
}

#[test]
fn a_style_in_another_language_gets_its_own_terms() {
    // Only the locales a style needs are decoded: its own default and American English.
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), Some("gost-r-705-2008-numeric"));
    let run = render(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains("line 2") && run.stdout.contains("стр"),
        "{}",
        run.stdout
    );
}
