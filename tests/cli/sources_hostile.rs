//! `report sources add` against documents built to make a false quote pass or the run hang:
//! hidden Word text, struck-through words (by their element or a page's styles), numbers at the top of pages that are not page numbers, hyphens ending
//! table cells and paragraphs, web content a browser does not show, a catalog an entry cannot
//! be appended to, a replaced original, and a pdftotext that never ends.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{assert_contains, pdf_tools, report_in};
use crate::sources_add::{W, docx, typeset};

/// Writes an outline in `dir` citing `quote` from `source`, and checks it.
fn check(dir: &Path, source: &str, quote: &str) -> i32 {
    let outline = format!(
        "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          source: {source}\n          quote: {}\n",
        crate::common::yaml_string(quote)
    );
    std::fs::write(dir.join("report.yaml"), outline).unwrap();
    report_in(dir, &["check"]).code
}

#[test]
fn hidden_word_text_is_never_quotable() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>Zulu a</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>b</w:t></w:r><w:r><w:t>c rises.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>Styled away.</w:t></w:r><w:r><w:t>Shown.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="character" w:styleId="Secret"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#
    );
    docx(
        &dir.path().join("h.docx"),
        &[("word/document.xml", &body), ("word/styles.xml", &styles)],
    );
    assert_eq!(report_in(dir.path(), &["sources", "add", "h.docx"]).code, 0);
    assert_eq!(check(dir.path(), "h", "Zulu ac rises."), 0);
    assert_eq!(check(dir.path(), "h", "Zulu abc rises."), 1);
    assert_eq!(check(dir.path(), "h", "Styled away."), 1);
    assert_eq!(check(dir.path(), "h", "Shown."), 0);
}

#[test]
fn a_word_file_is_read_by_the_parts_its_relationships_name() {
    // Word opens the document and the styles the relationships name; a part of the usual
    // name beside them is a decoy.
    let dir = tempfile::tempdir().unwrap();
    let rel = |kind: &str, target: &str| {
        format!(
            r#"<Relationship Id="r{kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
        )
    };
    let package = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>"#,
        rel("officeDocument", "/text/main.xml")
    );
    let main_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>"#,
        rel("styles", "../text/looks.xml")
    );
    let decoy = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>The board never met.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let main = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>The board met.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Gone"/></w:rPr><w:t xml:space="preserve"> It did not vote.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let looks = format!(
        r#"<w:styles {W}><w:style w:type="character" w:styleId="Gone"><w:rPr><w:strike/></w:rPr></w:style></w:styles>"#
    );
    docx(
        &dir.path().join("r.docx"),
        &[
            ("_rels/.rels", &package),
            ("word/document.xml", &decoy),
            ("text/main.xml", &main),
            ("text/_rels/main.xml.rels", &main_rels),
            ("text/looks.xml", &looks),
        ],
    );
    let run = report_in(dir.path(), &["sources", "add", "r.docx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(check(dir.path(), "r", "The board never met."), 1);
    assert_eq!(check(dir.path(), "r", "It did not vote."), 1);
    assert_eq!(check(dir.path(), "r", "The board met."), 0);
}

#[test]
fn struck_through_words_are_never_quotable() {
    // A news site's correction and a contract's redline show the withdrawn words crossed out.
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><title>Truce</title></head><body><article><h1>Truce</h1><p>Officials added that <del>the ceasefire has collapsed</del> the ceasefire holds, and <s>fighting resumed</s> talks go on in the capital this week.</p><p>A <strike>second</strike> statement followed on Tuesday from the ministry.</p></article></body></html>";
    std::fs::write(dir.path().join("t.html"), page).unwrap();
    assert_eq!(report_in(dir.path(), &["sources", "add", "t.html"]).code, 0);
    assert_eq!(
        check(
            dir.path(),
            "t",
            "Officials added that the ceasefire has collapsed"
        ),
        1
    );
    assert_eq!(check(dir.path(), "t", "fighting resumed"), 1);
    assert_eq!(check(dir.path(), "t", "A second statement"), 1);
    assert_eq!(
        check(dir.path(), "t", "Officials added that the ceasefire holds"),
        0
    );
    let body = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve">The seller </w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">guarantees delivery by March and </w:t></w:r><w:r><w:rPr><w:dstrike w:val="true"/></w:rPr><w:t xml:space="preserve">always </w:t></w:r><w:r><w:t>may deliver later.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="Gone"/></w:rPr><w:t>Styled struck.</w:t></w:r><w:r><w:rPr><w:strike w:val="0"/></w:rPr><w:t>Not struck.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="Gone"/><w:strike w:val="0"/></w:rPr><w:t>Restored by the run.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="character" w:styleId="Gone"><w:rPr><w:strike/></w:rPr></w:style></w:styles>"#
    );
    docx(
        &dir.path().join("c.docx"),
        &[("word/document.xml", &body), ("word/styles.xml", &styles)],
    );
    assert_eq!(report_in(dir.path(), &["sources", "add", "c.docx"]).code, 0);
    assert_eq!(
        check(dir.path(), "c", "The seller guarantees delivery by March"),
        1
    );
    assert_eq!(check(dir.path(), "c", "always may deliver later."), 1);
    assert_eq!(check(dir.path(), "c", "Styled struck."), 1);
    assert_eq!(check(dir.path(), "c", "The seller may deliver later."), 0);
    assert_eq!(check(dir.path(), "c", "Not struck."), 0);
    // The run's own setting wins over its style's.
    assert_eq!(check(dir.path(), "c", "Restored by the run."), 0);
}

#[test]
fn words_a_page_strikes_through_by_its_styles_are_never_quotable() {
    // An older editor's strike button writes a `style`; Google Docs' export, a class.
    let dir = tempfile::tempdir().unwrap();
    let page = r#"<!DOCTYPE html><html><head><title>Plan</title><style>@import url(gone.css); .c3 { color: #000; text-decoration: line-through } .c4 { text-decoration-line: underline line-through } .c3.c5 { text-decoration: none } .c7 { text-decoration: line-through !important; text-decoration: linethrough } a:hover { text-decoration: line-through } .c8 ~ i { text-decoration: line-through } @media screen and (min-width: 40em) { @supports (display: grid) { .c6 { text-decoration: line-through } } }</style></head><body><article><h1>Plan</h1><p>The council <span style="color: red; text-decoration: line-through">rejected</span> approved the harbour plan on Monday after a long debate.</p><p>The mayor <span class="c3">opposed</span> welcomed it and <span class="c4">refused</span> agreed to sign the order.</p><p>Work <span class="c3 c5">starts</span> in May, <span class="c3" style="text-decoration: none">the mayor</span> said, <span class="c7">not</span> and <a href="x" class="c6">ends</a> in June.</p><p>The port <a href="y">opens</a> <b class="c8">on</b> <i>Sunday</i> <span style="display:none!important">never</span> <span style="color: red; visibility: hidden">only</span> after the works.</p></article></body></html>"#;
    std::fs::write(dir.path().join("p.html"), page).unwrap();
    assert_eq!(report_in(dir.path(), &["sources", "add", "p.html"]).code, 0);
    for (quote, code) in [
        ("The council rejected", 1),
        ("The mayor opposed", 1),
        ("refused agreed", 1),
        ("The council approved the harbour plan", 0),
        ("The mayor welcomed it and agreed", 0),
        // Struck by one rule is struck, whatever would override it: the cascade is not
        // followed, so no override a browser would ignore keeps a struck word. A rule for
        // some screens strikes too, as the reader's may be one.
        ("Work starts in May", 1),
        ("the mayor said", 1),
        ("said, not and", 1),
        ("and ends in June.", 1),
        ("Work in May, said, and in June.", 0),
        // A state is not weighed, nor a sibling rule; what the element's own style hides is
        // left out however it is written.
        ("The port opens on Sunday after", 0),
        ("Sunday never", 1),
        ("Sunday only after", 1),
    ] {
        assert_eq!(check(dir.path(), "p", quote), code, "{quote}");
    }
    // A heading Readability drops for repeating the title is put back as printed, struck
    // and hidden words left out.
    let titled = "<!DOCTYPE html><html><head><title>Minister resigns over budget</title></head><body><article><h1>Minister <del>resigns</del> <span hidden>quits</span> over budget</h1><p>The minister stays in office after the vote on the budget, the spokesman said on Monday.</p></article></body></html>";
    std::fs::write(dir.path().join("title.html"), titled).unwrap();
    assert_eq!(
        report_in(dir.path(), &["sources", "add", "title.html"]).code,
        0
    );
    assert_eq!(
        check(dir.path(), "title", "Minister resigns over budget"),
        1
    );
    assert_eq!(check(dir.path(), "title", "Minister quits over budget"), 1);
    // A rule nested deeper than the CSS parser reads is refused, not taken for no rule.
    let deep = format!(
        "<html><head><title>D</title><style>{}.z {{ text-decoration: line-through }}{}</style></head><body><article><p>The council met on Monday and <span class=\"z\">never</span> agreed to the plan for the harbour.</p></article></body></html>",
        "@media screen {".repeat(80),
        "}".repeat(80)
    );
    std::fs::write(dir.path().join("deep.html"), deep).unwrap();
    let run = report_in(dir.path(), &["sources", "add", "deep.html"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "its style sheet nests blocks more than 64 deep",
    );
}

#[test]
fn numbers_at_the_top_of_pages_that_do_not_count_them_stay() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = "#set par(spacing: 2em)\nHe said he would\n#pagebreak()\nnever in 2024\n\nraise taxes on families.\n#pagebreak()\n2025\n\nwith children.\n#pagebreak()\n2026\n\nor so he said.";
    typeset(dir.path(), "h.pdf", source);
    let run = report_in(dir.path(), &["sources", "add", "h.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("dropped"), "{}", run.stderr);
    assert_eq!(check(dir.path(), "h", "He said he would raise taxes"), 1);
    assert_eq!(check(dir.path(), "h", "2025"), 0);
}

#[test]
fn a_hyphen_ending_a_cell_or_a_paragraph_joins_nothing() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = "#set par(spacing: 2em)\nA word that is anti-\n\nwar protesters gathered.\n\n#table(columns: 2, [The treaty is non-], [binding on members], [Second row pre-], [dated cheque])";
    typeset(dir.path(), "j.pdf", source);
    assert_eq!(report_in(dir.path(), &["sources", "add", "j.pdf"]).code, 0);
    assert_eq!(check(dir.path(), "j", "antiwar protesters"), 1);
    assert_eq!(check(dir.path(), "j", "predated cheque"), 1);
    assert_eq!(check(dir.path(), "j", "A word that is anti-"), 0);
}

#[test]
fn web_content_a_browser_does_not_show_is_never_quotable() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><title>Vote \u{202e}reversed</title></head><body><article><h1>Vote</h1><p>The council met on Monday and it <address>agreed</address>unanimously that the plan should go ahead without delay.</p><canvas><p>Secret canvas fallback text.</p></canvas><video><p>Video fallback text here.</p></video><p>The mayor welcomed the decision in a short statement to the press afterwards.</p></article></body></html>";
    std::fs::write(dir.path().join("v.html"), page).unwrap();
    assert_eq!(report_in(dir.path(), &["sources", "add", "v.html"]).code, 0);
    assert_eq!(check(dir.path(), "v", "agreedunanimously"), 1);
    assert_eq!(check(dir.path(), "v", "Secret canvas fallback text."), 1);
    assert_eq!(check(dir.path(), "v", "Video fallback text here."), 1);
    assert_eq!(check(dir.path(), "v", "The mayor welcomed the decision"), 0);
    let catalog = std::fs::read_to_string(dir.path().join("sources/sources.yaml")).unwrap();
    assert!(!catalog.contains('\u{202e}'), "{catalog}");
}

#[test]
fn a_catalog_an_entry_cannot_be_appended_to_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("memo.txt"), "A memo.\n").unwrap();
    for old in ["{zeta: {title: Z}}\n", "---\na:\n  title: A\n...\n"] {
        let catalog = dir.path().join("sources/sources.yaml");
        std::fs::write(&catalog, old).unwrap();
        let run = report_in(dir.path(), &["sources", "add", "memo.txt"]);
        assert_eq!(run.code, 2, "{old}: {}", run.stderr);
        assert_contains(&run.stderr, "a new entry cannot be added at its end");
        assert_contains(&run.stderr, "memo:");
        assert_eq!(std::fs::read_to_string(&catalog).unwrap(), old);
        assert!(!dir.path().join("sources/memo.txt").exists());
    }
}

#[test]
fn verify_notices_an_original_replaced_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let first = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>The first minutes.</w:t></w:r></w:p></w:body></w:document>"#
    );
    let second = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>Other minutes.</w:t></w:r></w:p></w:body></w:document>"#
    );
    docx(&dir.path().join("d.docx"), &[("word/document.xml", &first)]);
    docx(
        &dir.path().join("e.docx"),
        &[("word/document.xml", &second)],
    );
    assert_eq!(report_in(dir.path(), &["sources", "add", "d.docx"]).code, 0);
    assert_eq!(report_in(dir.path(), &["sources", "add", "e.docx"]).code, 0);
    let sources = dir.path().join("sources");
    std::fs::copy(
        sources.join("originals/e.docx"),
        sources.join("originals/d.docx"),
    )
    .unwrap();
    std::fs::copy(sources.join("e.txt"), sources.join("d.txt")).unwrap();
    let run = report_in(dir.path(), &["sources", "verify", "d"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "its kept original is not the file the text was made from",
    );
}

#[test]
fn a_pdftotext_that_never_ends_is_stopped_at_the_time_limit() {
    if !pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    typeset(dir.path(), "p.pdf", "Words.");
    let fake = dir.path().join("slow-pdftotext");
    crate::common::stand_in(
        &fake,
        "[ \"$1\" = -v ] && { echo 'pdftotext version 0' >&2; exit 0; }\nexec sleep 1000\n",
    );
    let started = Instant::now();
    let run = report_in(
        dir.path(),
        &[
            "sources",
            "add",
            "p.pdf",
            "--pdftotext",
            fake.to_str().unwrap(),
            "--timeout",
            "2",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "ran longer than 2 s and was stopped");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert!(!dir.path().join("sources").exists());
}

#[test]
fn ids_that_could_pass_for_another_or_hold_odd_characters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("memo.txt"), "A memo.\n").unwrap();
    std::fs::write(dir.path().join("empty.txt"), " \n").unwrap();
    assert_eq!(
        report_in(
            dir.path(),
            &["sources", "add", "memo.txt", "--id", "Report"]
        )
        .code,
        0
    );
    for (id, said) in [
        ("report", "could pass for the source `Report`"),
        ("a b", "only letters, digits"),
        ("a:b", "only letters, digits"),
    ] {
        let run = report_in(dir.path(), &["sources", "add", "memo.txt", "--id", id]);
        assert_eq!(run.code, 2, "{id}");
        assert_contains(&run.stderr, said);
    }
    let run = report_in(dir.path(), &["sources", "add", "empty.txt"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "empty.txt: the document holds no text");
}

/// Typesets `source` as `name.pdf` in a new project, adds it, and checks each quote: the
/// exit code of each check.
fn typeset_and_check(source: &str, quotes: &[&str]) -> Vec<i32> {
    let dir = tempfile::tempdir().unwrap();
    typeset(dir.path(), "d.pdf", source);
    let run = report_in(dir.path(), &["sources", "add", "d.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    quotes.iter().map(|q| check(dir.path(), "d", q)).collect()
}

#[test]
fn digits_that_are_no_footnote_marker_stay_on_their_words() {
    if !pdf_tools() {
        return;
    }
    // Units, versions, exponents, figure numbers and decimals end in a note's number; the
    // real markers are glued to words.
    let units = "#set page(height: 20cm, width: 14cm)\nThe audit office reviewed the building.#footnote[Audit report 12/2023.] It has 4000 m#super[2] of floor space, and the hall alone has 900 m#super[2] with seats for 300 people.#footnote[Measured by the operator.] The council approved it.";
    assert_eq!(
        typeset_and_check(
            units,
            &[
                "It has 4000 m of floor space",
                "It has 4000 m2 of floor space",
                "The audit office reviewed the building. It has 4000 m2 of floor space"
            ]
        ),
        [1, 0, 0]
    );
    let versions = "#set page(height: 20cm, width: 14cm)\nSystems must move to v2.1 of the protocol by June. The migration guide lists the steps,#footnote[Published by the working group.] and the old address plan based on IPv4 is retired; see Fig.3 for the timeline. The cost is O(n log2 n) per request.#footnote[Measured on the test bed.] Output rose to 2048.3 Tonnes#footnote[In a public consultation.] were shipped.";
    assert_eq!(
        typeset_and_check(
            versions,
            &[
                "Systems must move to v2. of the protocol",
                "O(n log n)",
                "Output rose to 2048. Tonnes",
                "see Fig. for the timeline",
                // `v2.1` could hold note 1's marker too: it stays on `steps,1`.
                "The migration guide lists the steps,1 and the old address plan",
            ]
        ),
        [1, 1, 1, 1, 0]
    );
}

#[test]
fn a_numbered_list_in_small_print_is_no_footnote_and_a_note_line_is_no_note() {
    if !pdf_tools() {
        return;
    }
    let list = "#set page(height: 20cm, width: 14cm)\n= Data\nThe survey covered households in the region. Each answer is coded with a label like q1 or q2, and the answers to q3 were dropped. The network uses IPv4 addresses. #lorem(150)\n\n#text(size: 8pt)[\n\n+ National statistics office, household survey, wave three.\n+ Regional ministry of finance, annual budget report.\n+ Central bank, quarterly bulletin of statistics.\n]";
    assert_eq!(
        typeset_and_check(list, &["a label like q or q", "a label like q1 or q2"]),
        [1, 0]
    );
    // A note's second line starts with a number: no note of its own.
    let lines = "#set page(height: 16cm, width: 12cm)\nThe Treaty protects 40 km#super[2] of forest.#footnote[Signed in Geneva; the census of that year counted over\n#linebreak() 2 million visitors to the park.] #lorem(110)\n\n#pagebreak()\nThe second page reports the visitors,#footnote[Counted at the gates.] and the guides.#footnote[Hired locally.] #lorem(100)";
    assert_eq!(
        typeset_and_check(
            lines,
            &[
                "The Treaty protects 40 km of forest",
                "The Treaty protects 40 km2 of forest",
                "the visitors, and the guides.",
            ]
        ),
        [1, 0, 0]
    );
}

#[test]
fn short_lines_at_the_top_or_foot_of_a_column_stay_in_it() {
    if !pdf_tools() {
        return;
    }
    let after_figure = "#set page(height: 20cm, width: 16cm, columns: 2)\n#set par(justify: false)\n= Results\n#lorem(100)\n\n#figure(rect(width: 100%, height: 4cm, fill: gray), caption: none)\nThe minister said that the government\n#colbreak()\nhas no plan to raise any taxes this year or next year, and that the budget will be balanced without cuts.\n\n#pagebreak()\nwill raise taxes on fuel by ten percent, the opposition claimed in its own statement to the press on Monday.";
    assert_eq!(
        typeset_and_check(
            after_figure,
            &[
                "The minister said that the government will raise taxes on fuel",
                "The minister said that the government has no plan to raise any taxes",
            ]
        ),
        [1, 0]
    );
    let heading_beside = "#set page(height: 20cm, width: 16cm)\n#set par(justify: false)\n#columns(2)[\n== Budget\n#lorem(160) The minister also said that the\n#colbreak()\nopposition will support the plan.\n\n== Defence\n#lorem(60)\n]";
    assert_eq!(
        typeset_and_check(
            heading_beside,
            &[
                "Budget opposition will support the plan",
                "The minister also said that the opposition will support the plan",
            ]
        ),
        [1, 0]
    );
}

#[test]
fn columns_separated_by_a_figure_or_a_heading_are_read_band_by_band() {
    if !pdf_tools() {
        return;
    }
    for between in [
        "#figure(rect(width: 100%, height: 3cm, fill: gray), caption: [Spending by service.])",
        "= Bridge closes",
    ] {
        let source = format!(
            "#set page(width: 18cm, height: 22cm, margin: 1.5cm)\n#set text(size: 10pt, hyphenate: false)\n#set par(justify: true)\n#show figure.caption: set align(left)\n#columns(2)[\n#lorem(60) The chair said the final figure for the new library would be published in the\n#colbreak()\nautumn report, once the auditors had finished. #lorem(50)\n]\n{between}\n#columns(2)[\n#lorem(50) The mayor thanked the\n#colbreak()\nstaff of the council for their work. #lorem(50)\n]"
        );
        assert_eq!(
            typeset_and_check(
                &source,
                &[
                    "The mayor thanked the autumn report",
                    "The mayor thanked the staff of the council",
                    "would be published in the autumn report",
                ]
            ),
            [1, 0, 0],
            "{between}"
        );
    }
}

#[test]
fn an_identifier_is_no_footnote_marker() {
    if !pdf_tools() {
        return;
    }
    // Note 1's marker is on a year and note 3's on a short word: `python3` is no marker.
    let source = "#set page(width: 15cm, height: 20cm)\n= Migration\n\nThe second phase moved the build servers, which had run unchanged for a decade, and the results were reported in 2024.#footnote[Internal report, March.] Nothing else changed in the period under review, and the team kept its size.#footnote[Twelve engineers.] Staff turnover was low.#footnote[Two left.]\n\nSince then every service has run on python3 alone, and the old scripts were retired one by one after review.";
    assert_eq!(
        typeset_and_check(
            source,
            &[
                "every service has run on python alone",
                "every service has run on python3 alone"
            ]
        ),
        [1, 0]
    );
    let list = "#set page(width: 15cm, height: 20cm)\nAll new pages are written in html5 and checked by the same validator before they are published. #lorem(80)\n\n#v(1fr)\n#text(size: 8pt)[\n1 W3C, HTML Living Standard, 2023.\n\n2 Mozilla, MDN Web Docs, 2024.\n\n5 Opera, Developer Blog, 2021.\n]";
    assert_eq!(
        typeset_and_check(
            list,
            &[
                "written in html and checked",
                "written in html5 and checked"
            ]
        ),
        [1, 0]
    );
}

#[test]
fn a_suspended_hyphen_at_a_line_end_joins_nothing() {
    if !pdf_tools() {
        return;
    }
    for hyphenate in ["true", "false"] {
        let source = format!(
            "#set page(width: 15cm, height: 20cm)\n#set text(hyphenate: {hyphenate})\nBoth pre-#linebreak()and post-war budgets were cut, with first-#linebreak()and second-order effects. The e-#linebreak()mail was sent and the X-#linebreak()ray showed it."
        );
        assert_eq!(
            typeset_and_check(
                &source,
                &[
                    "Both pre- and post-war budgets were cut, with first- and second-order effects.",
                    "Both preand post-war",
                    "The e-mail was sent and the X-ray showed it.",
                    "The Xray showed it",
                ]
            ),
            [0, 1, 0, 1],
            "hyphenate: {hyphenate}"
        );
    }
}

#[test]
fn notes_never_stand_inside_a_sentence_that_runs_over_a_page() {
    if !pdf_tools() {
        return;
    }
    // Pages that end at a colon, after an abbreviation, or run on at both ends.
    let source = "#set page(width: 14cm, height: 9cm)\n#set par(justify: true)\nThe committee heard evidence from many witnesses over three days of sessions in the capital.#footnote[Sessions were public.] At the end of the hearing the chair summed up the view of the members in these words:\n#pagebreak()\nWe will publish everything that the inquiry found, without delay and without any redactions.#footnote[The report appeared in May.] The members agreed and the session closed. The officials described the new rules adopted by the U.S.\n#pagebreak()\nCongress in the spring and how they would apply to the agencies.#footnote[See the annex.] The third day heard the ministers.";
    assert_eq!(
        typeset_and_check(
            source,
            &[
                "in these words: We will publish everything",
                "adopted by the U.S. Congress in the spring",
                "The report appeared in May.",
            ]
        ),
        [0, 0, 0]
    );
    // A page whose notes are not footnotes does not stop the next page's from being taken.
    let source = "#set page(width: 14cm, height: 10cm)\n#set par(justify: true)\nThe first budget was passed in 2019.#footnote[Vote of 12 May.] The second in 2020.#footnote[Vote of 3 June.] The third in 2021.#footnote[Vote of 9 April.] The fourth in 2022.#footnote[Vote of 1 March.] All four were audited by the same firm, which found no errors in any of them.\n#pagebreak()\nThe fifth budget introduced a new levy on property.#footnote[Set at one per cent.] Its effect on revenue was modest,#footnote[About two million.] and the levy was abolished after one year by the new council.";
    assert_eq!(
        typeset_and_check(
            source,
            &["a new levy on property. Its effect on revenue was modest, and the levy"]
        ),
        [0]
    );
}

#[test]
fn a_word_ending_in_a_notes_number_keeps_it_when_the_marker_could_be_elsewhere() {
    if !pdf_tools() {
        return;
    }
    // Note 3's marker is inside a clause (`Treaty3 was`): `Python3.` could be it, or not.
    let source = "#set page(width: 420pt, height: 500pt, margin: 40pt)\n= Tools\n\nThe first study used a large corpus.#footnote[Collected in 2021.] Its authors relied on hand annotation,#footnote[By three students.] which was slow. Later the Treaty#footnote[The 1992 treaty.] was signed by all members present at the meeting in Geneva that year.\n\nFor the analysis we used Python3. Nothing else was installed on the machines, and the scripts ran unchanged on every one of them for the whole period of the study.";
    assert_eq!(
        typeset_and_check(
            source,
            &["we used Python. Nothing", "we used Python3. Nothing"]
        ),
        [1, 0]
    );
    // Small print that starts with its second item is no run of footnotes.
    let list = "#set page(width: 420pt, height: 520pt, margin: 40pt)\n= Results\n\nParticipants rated the new design higher than the old one in every category we measured, and the effect held when the analysis was repeated for each site separately.\n\n#place(bottom + left, block(width: 100%)[\n  #text(size: 8pt)[\n  2 Steps to reproduce: install the package and run the script on a fresh machine.\\\n  3 Expected runtime: about ten minutes on a laptop.\n  ]\n])\nWe list the setup in the box below; the protocol is in Appendix2. All data are public at the project site, which is updated weekly by the team.";
    assert_eq!(
        typeset_and_check(
            list,
            &[
                "the protocol is in Appendix. All data",
                "the protocol is in Appendix2. All data"
            ]
        ),
        [1, 0]
    );
}

#[test]
fn lines_that_differ_in_their_numbers_are_content_unless_they_repeat_or_count_pages() {
    if !pdf_tools() {
        return;
    }
    let source = "#set page(width: 420pt, height: 360pt, margin: 40pt)\n#let res(n, body, yes, no) = [\n  #text(weight: \"bold\")[Resolution #n of the Council]\n\n  #body\n\n  The motion carried by #yes votes to #no.\n  #pagebreak(weak: true)\n]\n#res(14, [The Council notes the report of the treasurer on the accounts for the year and thanks the auditors for their careful work, which were found in good order.], 12, 3)\n#res(15, [The Council resolves to repair the roof of the town hall before the winter, at a cost not to exceed the sum set aside in the budget for works.], 9, 6)\n#res(16, [The Council resolves to close the public library on Mondays during the summer months so that the staff may catalogue the new donations.], 11, 4)\n#res(17, [The Council thanks the volunteers of the harbour festival and asks the mayor to write to each of them with the thanks of the town.], 15, 0)";
    assert_eq!(
        typeset_and_check(
            source,
            &[
                "The motion carried by 12 votes to 3.",
                "Resolution 15 of the Council",
                "which were found in good order. The Council resolves to repair the roof",
            ]
        ),
        [0, 0, 1]
    );
}

#[test]
fn numbers_and_dashes_at_line_ends_read_on_as_printed() {
    if !pdf_tools() {
        return;
    }
    let source = "#set page(width: 420pt, height: 500pt, margin: 40pt)\n#set text(hyphenate: false)\nThe clinic now offers a 24-#linebreak()hour service to all residents of the district and the villages. The minister spoke for an hour—#linebreak()longer than anyone expected—and then left. The budget for 2023–#linebreak()2024 was adopted.";
    assert_eq!(
        typeset_and_check(
            source,
            &[
                "a 24-hour service",
                "for an hour—longer than anyone expected",
                "The budget for 2023–2024 was adopted.",
            ]
        ),
        [0, 0, 0]
    );
}
