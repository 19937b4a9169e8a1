//! `report import`: a model's response, recorded by hand in each API's documented shape
//! (`tests/fixtures/import/`), made an outline over the shipped example's sources, then
//! checked. Nothing imported is trusted.

use std::path::Path;

use crate::common::{Run, assert_contains, example_copy, fixture, report_in};

fn response(name: &str) -> String {
    fixture("import").join(name).display().to_string()
}

/// `report import ARGS` in `dir`, writing the outline to `draft.yaml` there.
fn import(dir: &Path, args: &[&str]) -> (Run, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", "draft.yaml"]);
    let run = report_in(dir, &all);
    let outline = std::fs::read_to_string(dir.join("draft.yaml")).unwrap_or_default();
    (run, outline)
}

/// The outline without its first line, which names the response it came from.
fn body(outline: &str) -> &str {
    outline.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn an_anthropic_answer_becomes_an_outline_whose_quotes_all_verify() {
    let dir = example_copy();
    let request = response("anthropic-request.json");
    let (run, outline) = import(
        dir.path(),
        &[
            "anthropic",
            &response("anthropic-response.json"),
            "--request",
            &request,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The answer's Markdown headings become the title and the sections; each citation a
    // quote of the source whose text the request gave.
    assert_contains(&outline, "title: \"Moscow and Hamas after 7 October\"");
    assert_contains(&outline, "  - heading: \"After 7 October\"");
    assert_contains(&outline, "- source: \"hamas-russia-china-support\"");
    assert_contains(
        &outline,
        "quote: \"Moscow and Beijing have their reasons to hope for Hamas’ survival.\"",
    );
    assert_contains(&run.stderr, "imported 2 paragraphs with 4 quotes");
    // The quotation marks in the model's prose are an inline quotation, checked too.
    assert_contains(&run.stderr, "checked 5 quotes (1 inline)");
    assert_contains(&run.stderr, "5 verified");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let check = report_in(dir.path(), &["check", "draft.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let render = report_in(dir.path(), &["render", "draft.yaml", "--format", "md"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    let briefing = std::fs::read_to_string(dir.path().join("draft.md")).unwrap();
    assert_contains(
        &briefing,
        "Moscow and Beijing have reasons to hope Hamas survives",
    );
}

#[test]
fn without_the_request_documents_are_told_by_their_titles_and_offsets_checked_on_the_files() {
    let dir = example_copy();
    let (run, outline) = import(
        dir.path(),
        &["anthropic", &response("anthropic-response.json")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&outline, "- source: \"russia-hamas-relations\"");
    assert_contains(&outline, "- source: \"hamas-russia-china-support\"");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_streamed_answer_gives_the_same_outline_as_the_whole_response() {
    let dir = example_copy();
    let (run, whole) = import(
        dir.path(),
        &["anthropic", &response("anthropic-response.json")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::remove_file(dir.path().join("draft.yaml")).unwrap();
    let (run, streamed) = import(
        dir.path(),
        &["anthropic", &response("anthropic-stream.sse")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(body(&streamed), body(&whole));
    // A stream cut off before its end is imported, and said to be.
    let sse = std::fs::read_to_string(fixture("import").join("anthropic-stream.sse")).unwrap();
    let cut = &sse[..sse.find("event: message_delta").unwrap()];
    std::fs::write(dir.path().join("cut.sse"), cut).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "cut.sse"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[incomplete]: the stream ends before its `message_stop`",
    );
}

#[test]
fn wrong_offsets_an_unknown_document_and_an_altered_quote_are_each_reported() {
    let dir = example_copy();
    let request = response("anthropic-request.json");
    let (run, outline) = import(
        dir.path(),
        &[
            "anthropic",
            &response("anthropic-wrong.json"),
            "--request",
            &request,
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Offsets 40 characters off: where they point, and where the text stands.
    assert_contains(
        &run.stderr,
        "warning[offsets]: a citation of document 1 \"Russia–Hamas relations\": characters 200..368 of document 1 read “rorist organization",
    );
    assert_contains(&run.stderr, "it stands at characters 160..328");
    // A cited text the model changed: its offsets point at other words, and the check
    // refuses it with the source's own.
    assert_contains(&run.stderr, "it is nowhere in that text");
    assert_contains(
        &run.stderr,
        "error[quote-not-found]: quote not found in `russia-hamas-relations`",
    );
    assert_contains(&run.stderr, "Russia has [-never-] [+not+] designated Hamas");
    // A document the sources lack: said at import, and an unknown source to the check.
    assert_contains(
        &run.stderr,
        "warning[unknown-document]: document 2 \"Kremlin readout, 26 October 2023\" is no source of `sources`",
    );
    assert_contains(&run.stderr, "--map 2=ID");
    assert_contains(
        &run.stderr,
        "error[unknown-source]: unknown source `kremlin-readout-26-october-2023`",
    );
    assert_contains(&outline, "# offsets: characters 200..368 of document 1");
    // Nothing else verified the quote whose offsets were wrong: its words hold, so it does.
    assert_contains(&run.stderr, "1 verified, 1 not found, 1 unknown source");
}

#[test]
fn a_document_named_with_map_is_that_source_and_its_pages_are_checked() {
    let dir = example_copy();
    // Give the source pages: two form feeds make three pages.
    let path = dir.path().join("sources/russia-hamas-relations.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let paged = text
        .replacen("==History==", "\u{c}==History==", 1)
        .replacen("===Gaza war===", "\u{c}===Gaza war===", 1);
    std::fs::write(&path, paged).unwrap();
    let json = r#"{"type": "message", "model": "m", "content": [
      {"type": "text", "text": "Moscow condemned the attack.", "citations": [
        {"type": "page_location", "cited_text": "After the October 7 attacks, which initiated the war, Russia condemned the attack as \"terrorism\".",
         "document_index": 2, "document_title": "Wiki extract", "start_page_number": 3, "end_page_number": 4}]},
      {"type": "text", "text": " It voted against a resolution.", "citations": [
        {"type": "page_location", "cited_text": "However, Russia voted against a resolution condemning Hamas at the United Nations General Assembly.",
         "document_index": 2, "document_title": "Wiki extract", "start_page_number": 2, "end_page_number": 3}]}]}"#;
    std::fs::write(dir.path().join("paged.json"), json).unwrap();
    let (run, outline) = import(
        dir.path(),
        &[
            "anthropic",
            "paged.json",
            "--map",
            "2=russia-hamas-relations",
        ],
    );
    // Page 3 holds the first quote; the second stands on page 3 too, not on page 2.
    assert_contains(&outline, "page: 3");
    assert_contains(&outline, "page: 2");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "error[wrong-page]");
    assert_contains(&run.stderr, "help: write `page: 3`");
    assert_contains(&run.stderr, "2 verified, 1 wrong page");
    // A --map naming no source is refused before anything is written.
    std::fs::remove_file(dir.path().join("draft.yaml")).unwrap();
    let (run, outline) = import(
        dir.path(),
        &["anthropic", "paged.json", "--map", "2=nosuch"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "`--map 2=nosuch`: no `nosuch.txt` in the sources folder",
    );
    assert!(outline.is_empty());
}

#[test]
fn pages_of_a_source_without_pages_are_left_out_and_said() {
    let dir = example_copy();
    let json = r#"{"type": "message", "content": [
      {"type": "text", "text": "Relations warmed.", "citations": [
        {"type": "page_location", "cited_text": "Relations warmed sharply after the 2006 Palestinian legislative election on 26 January 2006.",
         "document_index": 0, "document_title": "Russia–Hamas relations", "start_page_number": 1, "end_page_number": 2}]}]}"#;
    std::fs::write(dir.path().join("r.json"), json).unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!outline.contains("page:"), "{outline}");
    assert_contains(
        &run.stderr,
        "warning[pages]: the model cites page 1 of document 0 \"Russia–Hamas relations\", but `russia-hamas-relations` has no pages",
    );
    assert_contains(&run.stderr, "1 verified");
    // One quotation is counted as one in every format.
    for (format, says) in [
        ("md", "1 quotation verified verbatim against 1 source"),
        (
            "typst",
            "The quotation in this briefing was found verbatim in its source by",
        ),
        (
            "html",
            "The quotation in this briefing was found verbatim in its source by",
        ),
    ] {
        let run = report_in(
            dir.path(),
            &["render", "draft.yaml", "--format", format, "-o", "-"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_contains(&run.stdout, says);
    }
}

#[test]
fn an_openai_answer_needs_a_quotation_for_every_claim_before_it_renders() {
    let dir = example_copy();
    let (run, outline) = import(dir.path(), &["openai", &response("openai-response.json")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&outline, "deny: [uncited]");
    assert_contains(
        &outline,
        "# needs a quotation: the model cites \"russia-hamas-relations.txt\" (file-2dtbBZdjtDKS8eqWxqbgDi), source `russia-hamas-relations`",
    );
    assert_contains(
        &run.stderr,
        "warning[needs-quotation]: “Russia never designated Hamas a terrorist organization.” needs a quotation",
    );
    assert_contains(
        &run.stderr,
        "warning[needs-quotation]: “Its state media spread support for Hamas",
    );
    assert_contains(&run.stderr, "2 claims need a quotation");
    assert_contains(&run.stderr, "error[uncited-paragraph]");
    assert_contains(&run.stderr, "0 verified, 2 uncited paragraphs");
    // The outline itself denies uncited paragraphs: no flag lets it render as it is.
    let render = report_in(dir.path(), &["render", "draft.yaml"]);
    assert_eq!(render.code, 1, "{}", render.stderr);
    assert!(!dir.path().join("draft.md").exists());
    // Once a person adds the quotations, it checks and renders.
    let mut quoted = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    for (text, cite) in [
        (
            "Russia never designated Hamas a terrorist organization.\"",
            "\n        cite: {source: russia-hamas-relations, quote: \"Russia has not designated Hamas as a terrorist organization\"}",
        ),
        (
            "according to reporting at the time.\"",
            "\n        cite: {source: russia-hamas-relations, quote: \"Russian state media and leading social networking platforms spread support for Hamas\"}",
        ),
    ] {
        let at = quoted.find(text).unwrap() + text.len();
        quoted.insert_str(at, cite);
    }
    std::fs::write(dir.path().join("draft.yaml"), quoted).unwrap();
    let render = report_in(dir.path(), &["render", "draft.yaml"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
}

#[test]
fn a_gemini_answer_reads_its_byte_offsets_and_says_when_a_segment_is_off() {
    let dir = example_copy();
    let (run, outline) = import(dir.path(), &["gemini", &response("gemini-response.json")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&outline, "deny: [uncited]");
    // The page's address is in the catalog: that chunk is the source.
    assert_contains(
        &outline,
        "# needs a quotation: the model cites document 0 \"Russia–Hamas relations\" <https://en.wikipedia.org/wiki/Russia%E2%80%93Hamas_relations>, source `russia-hamas-relations`",
    );
    assert_contains(
        &run.stderr,
        "warning[unknown-document]: document 1 \"nationalinterest.org\"",
    );
    assert!(!run.stderr.contains("warning[offsets]"), "{}", run.stderr);
    // A segment whose bytes do not span its text is said to be off.
    let json = std::fs::read_to_string(fixture("import").join("gemini-response.json")).unwrap();
    let shifted = json.replace("\"startIndex\": 46", "\"startIndex\": 45");
    assert_ne!(
        shifted, json,
        "the fixture's second segment starts at byte 46"
    );
    std::fs::write(dir.path().join("shifted.json"), shifted).unwrap();
    let run = report_in(dir.path(), &["import", "gemini", "shifted.json"]);
    assert_contains(
        &run.stderr,
        "warning[offsets]: a grounding segment (bytes 45..90 of part 0) does not span the text it gives",
    );
}

#[test]
fn an_empty_answer_an_api_error_and_inline_markup_are_refused_and_nothing_is_written() {
    let dir = example_copy();
    for (name, message) in [
        (
            "anthropic-empty.json",
            "anthropic-empty.json:1:1: the response holds no answer text: nothing to import",
        ),
        (
            "anthropic-error.json",
            "the response is an API error, not an answer (invalid_request_error: messages.0.content.0.document.source: Field required)",
        ),
        (
            "anthropic-inline-markup.json",
            "anthropic-inline-markup.json:9:47: the answer's citations are markup in its text (`<cite index=\"1-2\">",
        ),
    ] {
        let (run, outline) = import(dir.path(), &["anthropic", &response(name)]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_contains(&run.stderr, message);
        assert!(outline.is_empty(), "{name} wrote an outline");
    }
    // Another API's response names the command that reads it.
    let run = report_in(
        dir.path(),
        &["import", "openai", &response("anthropic-response.json")],
    );
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "this is a response of the anthropic API, not of openai",
    );
    assert_contains(&run.stderr, "import it with `report import anthropic`");
    // A citation missing a field is named at its line and column.
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"content\": [\n  {\"type\": \"text\", \"text\": \"x\",\n   \"citations\": [{\"type\": \"char_location\", \"document_index\": 0}]}]}",
    )
    .unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "bad.json"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "bad.json:3:");
    assert_contains(&run.stderr, "missing field `cited_text`");
}

#[test]
fn the_outline_is_written_atomically_never_over_a_file_without_force() {
    let dir = example_copy();
    let before = std::fs::read(dir.path().join("report.yaml")).unwrap();
    let args = [
        "import",
        "anthropic",
        &response("anthropic-response.json"),
        "-o",
        "report.yaml",
    ];
    let run = report_in(dir.path(), &args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "report.yaml: already exists");
    assert_eq!(
        std::fs::read(dir.path().join("report.yaml")).unwrap(),
        before
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    let run = report_in(dir.path(), &forced);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    assert_contains(&after, "Imported with `report import anthropic`");
    // Never over the response itself, even with --force; never into the sources folder.
    std::fs::copy(
        fixture("import").join("anthropic-response.json"),
        dir.path().join("r.json"),
    )
    .unwrap();
    let run = report_in(
        dir.path(),
        &["import", "anthropic", "r.json", "-o", "r.json", "--force"],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "the output would overwrite the response");
    let run = report_in(
        dir.path(),
        &["import", "anthropic", "r.json", "-o", "sources/x.yaml"],
    );
    assert_eq!(run.code, 2);
    assert!(!dir.path().join("sources/x.yaml").exists());
    assert_eq!(file_names(dir.path()), ["r.json", "report.yaml", "sources"]);
}

fn file_names(dir: &Path) -> Vec<String> {
    crate::common::file_names(dir)
}

#[test]
fn hostile_text_in_a_response_stays_data_in_the_outline() {
    let dir = example_copy();
    // Words that would end a YAML string, add keys or comments, hide characters, or open a
    // template; a title with a line break that would end a comment.
    let prose =
        "He said: \"ok\"\n- source: evil\n  quote: x # comment {{ x }} ${HOME} \u{202E}txet";
    let json = serde_json::json!({
        "type": "message",
        "content": [
            {"type": "text", "text": prose},
            {"type": "text", "text": " and more", "citations": [{
                "type": "char_location",
                "cited_text": "Russia has also maintained relations with Israel.\"\nsource: x",
                "document_index": 7,
                "document_title": "line one\ntitle: injected\n# x",
                "start_char_index": 0, "end_char_index": 5}]}
        ]
    });
    std::fs::write(dir.path().join("h.json"), json.to_string()).unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "h.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!outline.contains("\ntitle: injected"), "{outline}");
    assert!(!outline.contains("\u{202E}"), "{outline}");
    // The outline reads back with the model's words exactly, and one citation.
    #[derive(serde::Deserialize)]
    struct Outline {
        sections: Vec<Section>,
    }
    #[derive(serde::Deserialize)]
    struct Section {
        paragraphs: Vec<Paragraph>,
    }
    #[derive(serde::Deserialize)]
    struct Paragraph {
        text: String,
        cite: Vec<serde_json::Value>,
    }
    let read: Outline = serde_saphyr::from_str(&outline).unwrap();
    let paragraph = &read.sections[0].paragraphs[0];
    assert_eq!(paragraph.text, format!("{prose} and more"));
    assert_eq!(paragraph.cite.len(), 1);
    assert_eq!(
        paragraph.cite[0]["quote"],
        "Russia has also maintained relations with Israel.\"\nsource: x"
    );
    // Its quote is refused by the check, never verified.
    assert_contains(&run.stderr, "error[unknown-source]");
}

#[test]
fn the_request_it_writes_gives_each_source_its_own_text_so_offsets_line_up() {
    let dir = example_copy();
    let run = report_in(
        dir.path(),
        &[
            "import",
            "request",
            "What ties?",
            "--source",
            "russia-hamas-relations",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let request: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let content = &request["messages"][0]["content"];
    let text =
        std::fs::read_to_string(dir.path().join("sources/russia-hamas-relations.txt")).unwrap();
    assert_eq!(content[0]["source"]["data"], text.as_str());
    assert_eq!(content[0]["title"], "Russia–Hamas relations");
    assert_eq!(content[0]["citations"]["enabled"], true);
    assert_eq!(content[1]["text"], "What ties?");
    // The fixture's request is this command's output for both sources.
    let both = report_in(
        dir.path(),
        &[
            "import",
            "request",
            "What ties has Moscow kept with Hamas since 7 October? Quote the documents.",
            "--max-tokens",
            "2048",
        ],
    );
    let fixture =
        std::fs::read_to_string(fixture("import").join("anthropic-request.json")).unwrap();
    assert_eq!(both.stdout, fixture);
    let run = report_in(
        dir.path(),
        &["import", "request", "q", "--source", "nosuch"],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "no source `nosuch`");
}

#[test]
fn a_document_whose_text_differs_from_its_source_is_said_to_and_checked_against_the_file() {
    let dir = example_copy();
    let request =
        std::fs::read_to_string(fixture("import").join("anthropic-request.json")).unwrap();
    // The model was given another extraction of the page: one word differs.
    let changed = request.replacen(
        "Russia has not designated",
        "Russia has never designated",
        1,
    );
    assert_ne!(changed, request);
    let changed = changed.replace(
        "\"title\": \"Russia–Hamas relations\"",
        "\"title\": \"Extract\"",
    );
    std::fs::write(dir.path().join("req.json"), &changed).unwrap();
    let body = std::fs::read_to_string(fixture("import").join("anthropic-response.json")).unwrap();
    let body = body.replace(
        "\"document_title\": \"Russia–Hamas relations\"",
        "\"document_title\": \"Extract\"",
    );
    std::fs::write(dir.path().join("resp.json"), body).unwrap();
    // The context `report import request` wrote still names the source.
    let (run, outline) = import(
        dir.path(),
        &["anthropic", "resp.json", "--request", "req.json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[text-differs]: document 1 \"Extract\" is `russia-hamas-relations` by the source id its context names",
    );
    assert_contains(&outline, "- source: \"russia-hamas-relations\"");
    // Without it, nothing names a source.
    let anonymous = changed.replace("report source id: russia-hamas-relations", "a page");
    std::fs::write(dir.path().join("req.json"), anonymous).unwrap();
    let run = report_in(
        dir.path(),
        &["import", "anthropic", "resp.json", "--request", "req.json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[unknown-document]: document 1 \"Extract\" is no source of `sources`: no source has its text, title or address; add it",
    );
}

/// The fenced blocks of README.md's section on `report import`, in order.
fn readme_blocks() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("## From a model's draft: `report import`")
        .unwrap();
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").unwrap()];
    section
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|block| block.split_once('\n').unwrap().1.to_owned())
        .collect()
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let blocks = readme_blocks();
    let commands: Vec<&str> = blocks[0].lines().collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    let dir = example_copy();
    let bin = Path::new(env!("CARGO_BIN_EXE_report")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let shell = |command: &str| {
        let output = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    // The request it writes is the fixture's.
    assert_eq!(shell(commands[0]).0, Some(0));
    let written = std::fs::read_to_string(dir.path().join("request.json")).unwrap();
    let recorded =
        std::fs::read_to_string(fixture("import").join("anthropic-request.json")).unwrap();
    assert_eq!(written, recorded);
    // No test calls the API: the recorded response stands for its answer.
    assert!(commands[1].starts_with("curl -sS https://api.anthropic.com/v1/messages "));
    assert!(commands[1].ends_with(" -d @request.json > response.json"));
    std::fs::copy(
        fixture("import").join("anthropic-response.json"),
        dir.path().join("response.json"),
    )
    .unwrap();
    let (code, stderr) = shell(commands[2]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(
        &stderr,
        "checked 5 quotes (1 inline) in 2 sections against 2 sources: 5 verified",
    );
    let outline = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    assert_eq!(outline, blocks[1]);
}

#[test]
fn a_pdf_the_request_gave_is_the_source_added_from_it_and_its_pages_are_checked() {
    use base64::Engine;
    if !crate::common::pdf_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = "#set page(width: 100mm, height: 80mm)\nThe first page says little.\n#pagebreak()\nThe committee approved the budget on the second page.\n#pagebreak()\nThe third page closes the memo.";
    let pdf = crate::sources_add::typeset(dir.path(), "memo.pdf", source);
    let added = report_in(dir.path(), &["sources", "add", "memo.pdf"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    let data = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&pdf).unwrap());
    let request = serde_json::json!({"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": [
        {"type": "document", "title": "Scanned memo", "source": {"type": "base64", "media_type": "application/pdf", "data": data}},
        {"type": "text", "text": "What was approved?"}]}]});
    std::fs::write(dir.path().join("request.json"), request.to_string()).unwrap();
    let response = |page: usize| {
        serde_json::json!({"type": "message", "content": [
        {"type": "text", "text": "The budget was approved.", "citations": [{"type": "page_location",
         "cited_text": "The committee approved the budget on the second page.", "document_index": 0,
         "document_title": "Scanned memo", "start_page_number": page, "end_page_number": page + 1}]}]})
    };
    std::fs::write(dir.path().join("response.json"), response(2).to_string()).unwrap();
    let (run, outline) = import(
        dir.path(),
        &["anthropic", "response.json", "--request", "request.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&outline, "- source: \"memo\"");
    assert_contains(&outline, "page: 2");
    assert_contains(&run.stderr, "1 verified");
    // A model that names the wrong page is told so by the check.
    std::fs::write(dir.path().join("response.json"), response(3).to_string()).unwrap();
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            "response.json",
            "--request",
            "request.json",
            "-o",
            "draft.yaml",
            "--force",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "error[wrong-page]");
    // Without the request, the title names no source: the import says how to map it.
    let run = report_in(dir.path(), &["import", "anthropic", "response.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "name its source with `--map 0=ID`");
}

#[test]
fn other_shapes_of_each_api_give_the_same_paragraphs() {
    let dir = example_copy();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    // Anthropic: JSON lines of stream events; web search results told by their address.
    let events = [
        r#"{"type":"message_start","message":{"type":"message","model":"m","content":[]}}"#,
        r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
        r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Moscow kept ties."}}"#,
        r#"{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location","cited_text":"Russia has also maintained relations with Israel.","url":"https://en.wikipedia.org/wiki/Russia%E2%80%93Hamas_relations","title":"Russia–Hamas relations - Wikipedia","encrypted_index":"Eo8BCioIAhgB"}}}"#,
        r#"{"type":"message_stop"}"#,
    ];
    write("lines.jsonl", &events.join("\n"));
    let run = report_in(dir.path(), &["import", "anthropic", "lines.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &run.stdout,
        "- source: \"russia-hamas-relations\"\n            quote: \"Russia has also maintained relations with Israel.\"",
    );
    // OpenAI: a stream's completed response, and a Chat Completions answer.
    let openai = std::fs::read_to_string(fixture("import").join("openai-response.json")).unwrap();
    let completed: serde_json::Value = serde_json::from_str(&openai).unwrap();
    let stream = format!(
        "event: response.created\ndata: {{\"type\":\"response.created\",\"response\":{{\"id\":\"r\"}}}}\n\nevent: response.completed\ndata: {}\n\n",
        serde_json::json!({"type": "response.completed", "response": completed})
    );
    write("openai.sse", &stream);
    let whole = report_in(
        dir.path(),
        &["import", "openai", &response("openai-response.json")],
    );
    let streamed = report_in(dir.path(), &["import", "openai", "openai.sse"]);
    assert_eq!(streamed.code, 1, "{}", streamed.stderr);
    assert_eq!(body(&streamed.stdout), body(&whole.stdout));
    write(
        "chat.json",
        r#"{"object": "chat.completion", "model": "gpt-4o-search-preview", "choices": [{"index": 0, "finish_reason": "stop",
      "message": {"role": "assistant", "content": "Russia never listed Hamas.", "annotations": [
        {"type": "url_citation", "url_citation": {"start_index": 0, "end_index": 26, "url": "https://en.wikipedia.org/wiki/Russia%E2%80%93Hamas_relations", "title": "Wiki"}}]}}]}"#,
    );
    let chat = report_in(dir.path(), &["import", "openai", "chat.json"]);
    assert_eq!(chat.code, 1, "{}", chat.stderr);
    assert_contains(
        &chat.stdout,
        "# needs a quotation: the model cites \"Wiki\" <https://en.wikipedia.org/wiki/Russia%E2%80%93Hamas_relations>, source `russia-hamas-relations`",
    );
    // Gemini: the Python SDK's snake_case, and a stream of responses as a JSON array.
    let gemini = std::fs::read_to_string(fixture("import").join("gemini-response.json")).unwrap();
    let snake = (gemini.replace("groundingMetadata", "grounding_metadata"))
        .replace("groundingChunks", "grounding_chunks")
        .replace("groundingSupports", "grounding_supports")
        .replace("groundingChunkIndices", "grounding_chunk_indices")
        .replace("startIndex", "start_index")
        .replace("endIndex", "end_index");
    write("snake.json", &snake);
    let camel = report_in(
        dir.path(),
        &["import", "gemini", &response("gemini-response.json")],
    );
    let snake = report_in(dir.path(), &["import", "gemini", "snake.json"]);
    assert_eq!(body(&snake.stdout), body(&camel.stdout));
    assert_eq!(snake.stderr, camel.stderr);
    let full: serde_json::Value = serde_json::from_str(&gemini).unwrap();
    let text = full["candidates"][0]["content"]["parts"][0]["text"]
        .as_str()
        .unwrap();
    let (head, tail) = text.split_at(20);
    let mut first = full.clone();
    first["candidates"][0]["content"]["parts"][0]["text"] = head.into();
    first["candidates"][0]
        .as_object_mut()
        .unwrap()
        .remove("groundingMetadata");
    let mut last = full.clone();
    last["candidates"][0]["content"]["parts"][0]["text"] = tail.into();
    write("stream.json", &serde_json::json!([first, last]).to_string());
    let streamed = report_in(dir.path(), &["import", "gemini", "stream.json"]);
    assert_eq!(
        body(&streamed.stdout),
        body(&camel.stdout),
        "{}",
        streamed.stderr
    );
    assert!(
        !streamed.stderr.contains("warning[offsets]"),
        "{}",
        streamed.stderr
    );
}

#[test]
fn a_response_is_read_from_standard_input() {
    let dir = example_copy();
    let body_of = std::fs::read(fixture("import").join("anthropic-response.json")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_report"))
        .args(["import", "anthropic", "-"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&body_of).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let outline = String::from_utf8(output.stdout).unwrap();
    assert_contains(&outline, "from standard input");
    assert_contains(
        &outline,
        "quote: \"Moscow and Beijing have their reasons to hope for Hamas’ survival.\"",
    );
}

/// A response of one text block citing `citations` (JSON objects, as text).
fn anthropic_with(citations: &[String]) -> String {
    format!(
        r#"{{"type": "message", "model": "m", "content": [{{"type": "text", "text": "A claim.", "citations": [{}]}}]}}"#,
        citations.join(",")
    )
}

/// Runs `report import anthropic` in `dir` on an answer citing `citations`, written to
/// `r.json`, with `args` after it.
fn import_citing(dir: &Path, citations: &[String], args: &[&str]) -> Run {
    std::fs::write(dir.join("r.json"), anthropic_with(citations)).unwrap();
    report_in(
        dir,
        &[&["import", "anthropic", "r.json"][..], args].concat(),
    )
}

#[test]
fn impossible_pages_and_offsets_are_said_never_a_crash() {
    let dir = example_copy();
    let path = dir.path().join("sources/russia-hamas-relations.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("==History==", "\u{c}==History==", 1)).unwrap();
    let quote = "Russia has also maintained relations with Israel.";
    let page = |start: &str, end: &str| {
        format!(
            r#"{{"type": "page_location", "cited_text": "{quote}", "document_index": 0, "document_title": "Russia–Hamas relations", "start_page_number": {start}, "end_page_number": {end}}}"#
        )
    };
    let chars = |start: &str, end: &str| {
        format!(
            r#"{{"type": "char_location", "cited_text": "{quote}", "document_index": 0, "document_title": "Russia–Hamas relations", "start_char_index": {start}, "end_char_index": {end}}}"#
        )
    };
    let max = "18446744073709551615";
    let citations = [
        page(max, "1"),
        page("0", "1"),
        page("7", "8"),
        chars(max, max),
        chars("300", "100"),
    ];
    std::fs::write(dir.path().join("r.json"), anthropic_with(&citations)).unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!outline.contains("page:"), "{outline}");
    assert_contains(
        &run.stderr,
        &format!("the model cites page {max} of document 0"),
    );
    assert_contains(
        &run.stderr,
        "but `russia-hamas-relations` has 2 pages, counted from 1: the page is left out",
    );
    assert_contains(&run.stderr, "the model cites page 0 of document 0");
    assert_contains(&run.stderr, "the model cites page 7 of document 0");
    assert_contains(
        &run.stderr,
        &format!("characters {max}..{max} of sources/russia-hamas-relations.txt are past its end"),
    );
    assert_contains(
        &run.stderr,
        "characters 300..100 of sources/russia-hamas-relations.txt are no range",
    );
    // The quote itself holds; it is written once.
    assert_eq!(outline.matches("quote: ").count(), 1, "{outline}");
    assert_contains(&run.stderr, "1 verified");
}

#[test]
fn a_run_that_cannot_be_checked_writes_nothing_and_reads_nothing_outside() {
    let dir = example_copy();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(outside.path().join("srcs")).unwrap();
    std::fs::write(
        outside.path().join("srcs/sec.txt"),
        "Top secret outside words.",
    )
    .unwrap();
    let json = r#"{"type": "message", "content": [{"type": "text", "text": "A claim.", "citations": [
        {"type": "char_location", "cited_text": "secret", "document_index": 0, "document_title": "sec", "start_char_index": 0, "end_char_index": 6}]}]}"#;
    std::fs::write(dir.path().join("r.json"), json).unwrap();
    std::fs::write(dir.path().join("keep.yaml"), "ORIGINAL").unwrap();
    let srcs = outside.path().join("srcs").display().to_string();
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            "r.json",
            "--sources",
            &srcs,
            "-o",
            "keep.yaml",
            "--force",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "is outside the project folder");
    assert!(!run.stderr.contains("Top secret"), "{}", run.stderr);
    assert!(!run.stdout.contains("Top secret"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.yaml")).unwrap(),
        "ORIGINAL"
    );
    // An outline named outside the project, whose sources the check would refuse: nothing
    // is written there.
    let elsewhere = outside.path().join("draft.yaml").display().to_string();
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            &response("anthropic-response.json"),
            "-o",
            &elsewhere,
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!outside.path().join("draft.yaml").exists());
    // A source that is a link out of the project stops the check: nothing written either.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            outside.path().join("srcs/sec.txt"),
            dir.path().join("sources/sec.txt"),
        )
        .unwrap();
        let run = report_in(
            dir.path(),
            &[
                "import",
                "anthropic",
                "r.json",
                "-o",
                "keep.yaml",
                "--force",
            ],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(!run.stderr.contains("Top secret"), "{}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("keep.yaml")).unwrap(),
            "ORIGINAL"
        );
        let run = report_in(dir.path(), &["import", "anthropic", "r.json"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

#[test]
fn many_citations_in_one_paragraph_make_an_outline_that_reads_back() {
    let dir = example_copy();
    // 3,000 annotations on a long text: one paragraph, each a page of its own.
    let text = "Russia never designated Hamas a terrorist organization. ".repeat(1_000);
    let annotations: Vec<serde_json::Value> = (0..3_000)
        .map(|i| serde_json::json!({"type": "url_citation", "start_index": i * 18, "end_index": i * 18 + 5, "url": format!("https://example.org/{i}"), "title": "t"}))
        .collect();
    let json = serde_json::json!({"object": "response", "model": "m", "output": [{"type": "message", "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": annotations}]}]});
    std::fs::write(dir.path().join("many.json"), json.to_string()).unwrap();
    let measured = crate::common::report_measured(
        dir.path(),
        &["import", "openai", "many.json", "-o", "draft.yaml"],
        std::time::Duration::from_secs(60),
    );
    let run = measured.run;
    assert_eq!(run.code, 1, "{}", run.stderr);
    let outline = std::fs::read_to_string(dir.path().join("draft.yaml")).unwrap();
    assert_contains(
        &outline,
        "# ... and 2989 more: `report import` listed them all as it ran",
    );
    assert_eq!(
        run.stderr.matches("warning[needs-quotation]").count(),
        3_000
    );
    assert_contains(&run.stderr, "3000 claims need a quotation");
}

#[test]
fn a_stream_holds_one_message() {
    let dir = example_copy();
    let sse = std::fs::read_to_string(fixture("import").join("anthropic-stream.sse")).unwrap();
    std::fs::write(dir.path().join("twice.sse"), format!("{sse}{sse}")).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "twice.sse"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "a second message starts here: a stream holds one message",
    );
    let after = format!(
        "{sse}event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"EXTRA\"}}}}\n\n"
    );
    std::fs::write(dir.path().join("after.sse"), after).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "after.sse"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "this event comes after the message's `message_stop`",
    );
    let start = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
    let restarted = sse.replacen(
        "event: message_delta",
        &format!("{start}event: message_delta"),
        1,
    );
    std::fs::write(dir.path().join("restart.sse"), restarted).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "restart.sse"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "block 0 starts a second time");
    // Lines may end in CR alone, as server-sent events allow.
    std::fs::write(dir.path().join("cr.sse"), sse.replace('\n', "\r")).unwrap();
    let whole = report_in(
        dir.path(),
        &["import", "anthropic", &response("anthropic-stream.sse")],
    );
    let cr = report_in(dir.path(), &["import", "anthropic", "cr.sse"]);
    assert_eq!(cr.code, 0, "{}", cr.stderr);
    assert_eq!(body(&cr.stdout), body(&whole.stdout));
}

#[test]
fn messages_say_what_is_so() {
    let dir = example_copy();
    // Offsets that point at the text, with other whitespace: no warning; the check agrees.
    let text =
        std::fs::read_to_string(dir.path().join("sources/russia-hamas-relations.txt")).unwrap();
    let start = text[..text.find("Russia has not").unwrap()].chars().count();
    let cited = format!(
        r#"{{"type": "char_location", "cited_text": "Russia has not\ndesignated Hamas", "document_index": 0, "document_title": "Russia–Hamas relations", "start_char_index": {start}, "end_char_index": {}}}"#,
        start + 31
    );
    // A quote of marks alone is left out; a title written with other marks is its source.
    let dot = r#"{"type": "char_location", "cited_text": " . ", "document_index": 0, "document_title": "Russia–Hamas relations", "start_char_index": 0, "end_char_index": 3}"#;
    let hyphen = r#"{"type": "char_location", "cited_text": "Russia has also maintained relations with Israel.", "document_index": 1, "document_title": "Russia-Hamas Relations", "start_char_index": 0, "end_char_index": 1}"#;
    std::fs::write(
        dir.path().join("r.json"),
        anthropic_with(&[cited, dot.into(), hyphen.into()]),
    )
    .unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert!(!run.stderr.contains("characters 1"), "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[incomplete]: a citation of document 0 \"Russia–Hamas relations\" was left out: its cited text is “.” (no words)",
    );
    assert!(!run.stderr.contains("unknown-document"), "{}", run.stderr);
    assert_eq!(
        outline
            .matches("source: \"russia-hamas-relations\"")
            .count(),
        2,
        "{outline}"
    );
    // --map: conflicting, or naming no source, is a usage error without a file's place.
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            "r.json",
            "--map",
            "1=russia-hamas-relations",
            "--map",
            "1=hamas-russia-china-support",
        ],
    );
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "`--map 1=hamas-russia-china-support`: `--map 1=russia-hamas-relations` names another source for it",
    );
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            "r.json",
            "--map",
            "1=../../etc/passwd",
        ],
    );
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "error: `--map 1=../../etc/passwd`: no `../../etc/passwd.txt` in the sources folder",
    );
    // A source's file names it to `import request`.
    let run = report_in(
        dir.path(),
        &[
            "import",
            "request",
            "q",
            "--source",
            "sources/russia-hamas-relations.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // An empty list is no response; a paragraph longer than an outline's names the response.
    std::fs::write(dir.path().join("empty.json"), "[]").unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "empty.json"]);
    assert_contains(&run.stderr, "empty.json:1:1: the file holds no response");
    let long = serde_json::json!({"type": "message", "content": [{"type": "text", "text": "word ".repeat(14_000)}]});
    std::fs::write(dir.path().join("long.json"), long.to_string()).unwrap();
    let run = report_in(
        dir.path(),
        &["import", "anthropic", "long.json", "-o", "long.yaml"],
    );
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "long.json:1:1: the answer has a paragraph of 69 KiB; an outline's paragraphs are at most 64 KiB",
    );
    assert!(!dir.path().join("long.yaml").exists());
    // --title keeps the answer's own heading, as a section's.
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            &response("anthropic-response.json"),
            "--title",
            "Mine",
        ],
    );
    assert_contains(&run.stdout, "title: \"Mine\"");
    assert_contains(
        &run.stdout,
        "  - heading: \"Moscow and Hamas after 7 October\"\n  - heading: \"A relationship never broken off\"",
    );
    // An OpenAI annotation past its text's end is said to be.
    let json = r#"{"object": "response", "output": [{"type": "message", "content": [{"type": "output_text", "text": "Short.", "annotations": [{"type": "file_citation", "index": 99, "filename": "x.pdf"}]}]}]}"#;
    std::fs::write(dir.path().join("o.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "openai", "o.json"]);
    assert_contains(
        &run.stderr,
        "warning[offsets]: an annotation of \"x.pdf\" stands at character 99, past the end of its text (6 characters)",
    );
}

#[test]
fn gemini_parts_are_one_text() {
    let dir = example_copy();
    let json = r#"{"candidates": [{"content": {"parts": [{"text": "Russia never designated "}, {"text": "Hamas a terrorist group."}]}}]}"#;
    std::fs::write(dir.path().join("g.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "gemini", "g.json"]);
    assert_contains(
        &run.stdout,
        "- text: \"Russia never designated Hamas a terrorist group.\"",
    );
}

/// A project of two sources, `alpha` and `beta`, whose catalog gives `beta` the title
/// `alpha`, and `extra` entries.
fn twin_project(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(
        dir.path().join("sources/alpha.txt"),
        "The sky is blue over the hills.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sources/beta.txt"),
        "The sky is green over the sea.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sources/sources.yaml"),
        format!("beta:\n  title: alpha\n{extra}"),
    )
    .unwrap();
    dir
}

fn char_cite(index: usize, title: &str, quote: &str) -> String {
    serde_json::json!({"type": "char_location", "cited_text": quote, "document_index": index,
        "document_title": title, "start_char_index": 0, "end_char_index": quote.chars().count()})
    .to_string()
}

#[test]
fn a_document_that_is_no_source_never_takes_a_source_s_id() {
    let dir = twin_project("");
    // A title two sources answer to: neither is chosen, and the id written is neither's.
    std::fs::write(
        dir.path().join("r.json"),
        anthropic_with(&[char_cite(0, "alpha", "The sky is green")]),
    )
    .unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&outline, "- source: \"alpha-not-in-sources\"");
    assert_contains(
        &run.stderr,
        "document 0 \"alpha\" is no one source: its title \"alpha\" is that of several sources, `alpha`, `beta`; name the one it is with `--map 0=ID`",
    );
    assert_contains(&run.stderr, "error[unknown-source]");
    assert_contains(&run.stderr, "0 verified");
    // An index past the request's documents is not `document-N` when that is a source.
    std::fs::write(
        dir.path().join("sources/document-3.txt"),
        "The sky is green.\n",
    )
    .unwrap();
    let request = r#"{"messages": [{"role": "user", "content": [{"type": "document", "source": {"type": "text", "data": "x"}}]}]}"#;
    std::fs::write(dir.path().join("req.json"), request).unwrap();
    let run = import_citing(
        dir.path(),
        &[char_cite(3, "", "The sky is green")],
        &["--request", "req.json"],
    );
    assert_contains(&run.stdout, "- source: \"document-3-not-in-sources\"");
    assert_contains(&run.stderr, "0 verified");
    // A key of digits is an index, never a title that is a number.
    let citations = [
        char_cite(0, "x", "The sky is blue"),
        char_cite(1, "0", "The sky is green"),
    ];
    let run = import_citing(
        dir.path(),
        &citations,
        &["--map", "0=alpha", "--map", "9=beta"],
    );
    assert_contains(
        &run.stdout,
        "- source: \"alpha\"\n            quote: \"The sky is blue\"",
    );
    assert!(
        !run.stdout
            .contains("- source: \"alpha\"\n            quote: \"The sky is green\""),
        "{}",
        run.stdout
    );
    assert_contains(
        &run.stderr,
        "warning[unknown-document]: `--map 9=beta` named no document the answer cites",
    );
}

#[test]
fn a_title_names_a_source_by_its_words_a_file_name_by_its_stem() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("sources/nationalinterest.txt"),
        "An article.\n",
    )
    .unwrap();
    // A web chunk titled with a site's domain is not the source named like the site.
    let json = r#"{"candidates": [{"content": {"parts": [{"text": "Hamas hoped for support."}]},
      "groundingMetadata": {"groundingChunks": [{"web": {"uri": "https://x.example/r", "title": "nationalinterest.org"}}],
      "groundingSupports": [{"segment": {"endIndex": 5}, "groundingChunkIndices": [0]}]}}]}"#;
    std::fs::write(dir.path().join("g.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "gemini", "g.json"]);
    assert!(
        !run.stdout.contains("source `nationalinterest`"),
        "{}",
        run.stdout
    );
    // A file name's stem is a source's id.
    let json = r#"{"object": "response", "output": [{"type": "message", "content": [{"type": "output_text", "text": "Hamas hoped.", "annotations": [{"type": "file_citation", "index": 5, "filename": "nationalinterest.pdf"}]}]}]}"#;
    std::fs::write(dir.path().join("o.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "openai", "o.json"]);
    assert_contains(
        &run.stdout,
        "\"nationalinterest.pdf\", source `nationalinterest`",
    );
}

#[test]
fn an_api_s_cited_text_is_held_to_its_words_without_ellipsis_or_bracket() {
    let dir = example_copy();
    let web = |quote: &str| {
        serde_json::json!({"type": "web_search_result_location", "cited_text": quote,
            "url": "https://en.wikipedia.org/wiki/Russia%E2%80%93Hamas_relations", "title": "Wiki"})
        .to_string()
    };
    let citations = [
        web("Russia voted … condemning Hamas at the United Nations General Assembly."),
        web("Russia [condemned] Hamas"),
        web(
            "However, Russia voted against a resolution condemning Hamas at the United Nations General Assembly.",
        ),
    ];
    std::fs::write(dir.path().join("r.json"), anthropic_with(&citations)).unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&outline, "quoting: strict");
    assert_contains(&run.stderr, "1 verified");
    assert_eq!(run.stderr.matches("error[").count(), 2, "{}", run.stderr);
}

#[test]
fn an_anthropic_answer_without_citations_or_stopped_for_a_tool_needs_a_look() {
    let dir = example_copy();
    let json = r#"{"type": "message", "content": [{"type": "text", "text": "Russia never listed Hamas.\n\nIt kept ties with Israel."}], "stop_reason": "end_turn"}"#;
    std::fs::write(dir.path().join("r.json"), json).unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(&outline, "deny: [uncited]");
    assert_contains(
        &run.stderr,
        "warning[needs-quotation]: the answer cites nothing",
    );
    assert_contains(&run.stderr, "2 uncited paragraphs");
    let json = r#"{"type": "message", "content": [{"type": "text", "text": "Let me look that up."}, {"type": "tool_use", "id": "t", "name": "search", "input": {}}], "stop_reason": "tool_use"}"#;
    std::fs::write(dir.path().join("t.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "t.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[incomplete]: the answer is cut short: the model stopped to call a tool",
    );
}

#[test]
fn a_block_of_another_kind_ends_a_paragraph() {
    let dir = example_copy();
    let json = r##"{"type": "message", "content": [
      {"type": "text", "text": "Intro text."},
      {"type": "server_tool_use", "id": "s", "name": "web_search", "input": {"query": "q"}},
      {"type": "web_search_tool_result", "tool_use_id": "s", "content": []},
      {"type": "text", "text": "# Moscow and Hamas\n\nBased on the results, ties held."}]}"##;
    std::fs::write(dir.path().join("r.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "r.json"]);
    assert_contains(&run.stdout, "- text: \"Intro text.\"");
    assert_contains(&run.stdout, "  - heading: \"Moscow and Hamas\"");
    // Streamed, a gap between text blocks' indexes is such a block.
    let events = [
        r#"{"type":"message_start","message":{"type":"message","content":[]}}"#,
        r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Intro text."}}"#,
        r#"{"type":"content_block_start","index":1,"content_block":{"type":"server_tool_use","id":"s","name":"web_search","input":{}}}"#,
        r#"{"type":"content_block_start","index":2,"content_block":{"type":"text","text":"After the search."}}"#,
        r#"{"type":"message_stop"}"#,
    ];
    std::fs::write(dir.path().join("s.jsonl"), events.join("\n")).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "s.jsonl"]);
    assert_contains(&run.stdout, "- text: \"Intro text.\"\n");
    assert_contains(&run.stdout, "- text: \"After the search.\"");
}

#[test]
fn gemini_thoughts_keep_their_place_among_the_parts() {
    let dir = example_copy();
    let json = r#"{"candidates": [{"content": {"parts": [{"text": "Let me think.", "thought": true}, {"text": "Moscow kept ties. "}, {"text": "Beijing did too."}]},
      "groundingMetadata": {"groundingChunks": [{"web": {"uri": "https://a.example", "title": "a"}}],
      "groundingSupports": [{"segment": {"partIndex": 1, "endIndex": 17, "text": "Moscow kept ties."}, "groundingChunkIndices": [0]},
                            {"segment": {"partIndex": 2, "endIndex": 16, "text": "Beijing did too."}, "groundingChunkIndices": [0]}]}},
      {"content": {"parts": [{"text": "Another answer."}]}}]}"#;
    std::fs::write(dir.path().join("g.json"), json).unwrap();
    let run = report_in(dir.path(), &["import", "gemini", "g.json"]);
    assert!(!run.stderr.contains("warning[offsets]"), "{}", run.stderr);
    assert!(!run.stdout.contains("Let me think"), "{}", run.stdout);
    assert_contains(
        &run.stdout,
        "- text: \"Moscow kept ties. Beijing did too.\"",
    );
    assert_contains(
        &run.stderr,
        "warning[incomplete]: the response has 2 candidates: the first is imported",
    );
}

#[test]
fn a_pdf_two_sources_were_made_from_names_neither() {
    use base64::Engine;
    use sha2::Digest;
    let pdf = b"%PDF-1.4 not really a PDF, only its bytes";
    let sha: String = sha2::Sha256::digest(pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = twin_project("");
    let catalog = format!(
        "alpha:\n  provenance:\n    original-sha256: {sha}\nbeta:\n  provenance:\n    original-sha256: {sha}\n"
    );
    std::fs::write(dir.path().join("sources/sources.yaml"), catalog).unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(pdf);
    let request = serde_json::json!({"messages": [{"role": "user", "content": [{"type": "document", "title": "Scan", "source": {"type": "base64", "media_type": "application/pdf", "data": data}}]}]});
    std::fs::write(dir.path().join("req.json"), request.to_string()).unwrap();
    let run = import_citing(
        dir.path(),
        &[char_cite(0, "Scan", "The sky is blue")],
        &["--request", "req.json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "the PDF the request gave it is the original of several sources, `alpha`, `beta`",
    );
    assert_contains(&run.stdout, "- source: \"scan\"");
}

#[test]
fn hidden_characters_in_a_document_s_address_stay_escaped_in_the_hint() {
    let dir = example_copy();
    let web = serde_json::json!({"type": "web_search_result_location", "cited_text": "words",
        "url": "https://e.com/\u{1b}]0;pwned\u{7}\u{1b}[31mRED\nline", "title": null})
    .to_string();
    let run = import_citing(dir.path(), &[web], &[]);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    let warning = run
        .stderr
        .lines()
        .find(|l| l.starts_with("warning[unknown-document]"))
        .unwrap();
    assert_contains(
        warning,
        "--map 'https://e.com/<U+001B>]0;pwned<U+0007><U+001B>[31mRED<U+000A>line=ID'",
    );
}

#[test]
fn a_span_of_pages_is_left_for_the_check_to_find() {
    let dir = example_copy();
    let path = dir.path().join("sources/russia-hamas-relations.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("===Gaza war===", "\u{c}===Gaza war===", 1),
    )
    .unwrap();
    let json = r#"{"type": "message", "content": [{"type": "text", "text": "A claim.", "citations": [
        {"type": "page_location", "cited_text": "Russia maintained relations with both parties", "document_index": 0,
         "document_title": "Russia–Hamas relations", "start_page_number": 1, "end_page_number": 3}]}]}"#;
    std::fs::write(dir.path().join("r.json"), json).unwrap();
    let (run, outline) = import(dir.path(), &["anthropic", "r.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!outline.contains("page:"), "{outline}");
    assert_contains(
        &outline,
        "# the model cites pages 1–2: the page is left for the check to find",
    );
}

#[test]
fn what_a_user_mistypes_is_said_not_passed_over() {
    let dir = example_copy();
    let response_path = response("anthropic-response.json");
    // A request is not the response, nor an empty object.
    std::fs::write(dir.path().join("empty.json"), "{}").unwrap();
    for request in ["empty.json", response_path.as_str()] {
        let run = report_in(
            dir.path(),
            &["import", "anthropic", &response_path, "--request", request],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_contains(&run.stderr, "the request gives the model no documents");
    }
    // A missing folder for the outline, a missing sources folder.
    let run = report_in(
        dir.path(),
        &["import", "anthropic", &response_path, "-o", "sub/d.yaml"],
    );
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "error: `sub/d.yaml`: there is no folder `sub`");
    let run = report_in(
        dir.path(),
        &["import", "anthropic", &response_path, "--sources", "nope"],
    );
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "error: the sources folder `nope` cannot be read",
    );
    // `-o -` is standard output.
    let run = report_in(
        dir.path(),
        &["import", "anthropic", &response_path, "-o", "-"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "title: \"Moscow and Hamas after 7 October\"");
    assert!(!dir.path().join("-").exists());
    // A request of nothing to ask, or of no sources; a source named twice is given once.
    let run = report_in(dir.path(), &["import", "request", " "]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "the question is empty");
    let run = report_in(dir.path(), &["import", "request", "q", "--max-tokens", "0"]);
    assert_eq!(run.code, 2);
    let run = report_in(
        dir.path(),
        &[
            "import",
            "request",
            "q",
            "--source",
            "russia-hamas-relations",
            "--source",
            "russia-hamas-relations",
        ],
    );
    let request: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        request["messages"][0]["content"].as_array().unwrap().len(),
        2
    );
    std::fs::create_dir(dir.path().join("none")).unwrap();
    let run = report_in(dir.path(), &["import", "request", "q", "--sources", "none"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "`none` holds no sources to give the model");
    // A stream saved while it ran, cut inside its last event.
    let sse = std::fs::read_to_string(fixture("import").join("anthropic-stream.sse")).unwrap();
    std::fs::write(dir.path().join("cut.sse"), &sse[..5000]).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "cut.sse"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[incomplete]: the stream ends inside an event, which is left out",
    );
}

#[test]
fn a_quote_goes_with_the_words_of_its_passage_and_the_source_the_request_means() {
    let dir = example_copy();
    let quote = "Russia has not designated Hamas as a terrorist organization";
    let cited = char_cite(1, "Russia–Hamas relations", quote);
    // A cited passage that opens with a heading, or with the mark ending the sentence before,
    // belongs to the paragraph its words are in.
    for opening in ["\n\n## Designation\n\n", ".\n\n"] {
        let json = format!(
            r###"{{"type": "message", "content": [{{"type": "text", "text": "## Background\n\nRussia has always treated Hamas as a terrorist group"}},
              {{"type": "text", "text": {}, "citations": [{cited}]}}]}}"###,
            serde_json::to_string(&format!("{opening}Moscow never designated Hamas")).unwrap()
        );
        std::fs::write(dir.path().join("h.json"), json).unwrap();
        let run = report_in(dir.path(), &["import", "anthropic", "h.json"]);
        let (before, after) = run
            .stdout
            .split_once("Moscow never designated Hamas")
            .unwrap();
        assert!(!before.contains("quote:"), "{}", run.stdout);
        assert_contains(after, quote);
        assert_contains(&run.stderr, "runs over paragraphs");
    }
    // Two sources of the same text: the one the request's context names.
    let text =
        std::fs::read_to_string(dir.path().join("sources/russia-hamas-relations.txt")).unwrap();
    std::fs::write(dir.path().join("sources/a-mirror.txt"), &text).unwrap();
    let request = report_in(
        dir.path(),
        &[
            "import",
            "request",
            "q",
            "--source",
            "russia-hamas-relations",
        ],
    );
    std::fs::write(dir.path().join("req.json"), request.stdout).unwrap();
    let run = import_citing(
        dir.path(),
        &[char_cite(0, "Russia–Hamas relations", quote)],
        &["--request", "req.json"],
    );
    assert_contains(&run.stdout, "- source: \"russia-hamas-relations\"");
    // Without a context or title to tell them apart, neither.
    let anonymous = std::fs::read_to_string(dir.path().join("req.json"))
        .unwrap()
        .replace("report source id: russia-hamas-relations", "")
        .replace(
            "\"title\": \"Russia–Hamas relations\"",
            "\"title\": \"Page\"",
        );
    std::fs::write(dir.path().join("req.json"), anonymous).unwrap();
    let run = import_citing(
        dir.path(),
        &[char_cite(0, "Page", quote)],
        &["--request", "req.json"],
    );
    assert_contains(
        &run.stderr,
        "its text is that of several sources, `a-mirror`, `russia-hamas-relations`",
    );
    std::fs::remove_file(dir.path().join("sources/a-mirror.txt")).unwrap();
    // A title the request gives another document is doubted.
    let request = report_in(dir.path(), &["import", "request", "q"]);
    std::fs::write(dir.path().join("req.json"), request.stdout).unwrap();
    let run = import_citing(
        dir.path(),
        &[char_cite(0, "Russia–Hamas relations", "Hamas")],
        &["--request", "req.json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "warning[document-differs]: document 0 \"Russia–Hamas relations\": the response calls document 0 \"Russia–Hamas relations\", the request \"How Hamas Angled for Russia-China Support\"",
    );
    // A --map the request's text contradicts is said to.
    let run = report_in(
        dir.path(),
        &[
            "import",
            "anthropic",
            "r.json",
            "--request",
            "req.json",
            "--map",
            "0=russia-hamas-relations",
        ],
    );
    assert_contains(&run.stderr, "warning[text-differs]");
    // A page at another address is not the catalog's source of that title.
    let web = serde_json::json!({"type": "web_search_result_location", "cited_text": quote,
        "url": "https://evil.example/copied-article", "title": "Russia–Hamas relations"})
    .to_string();
    let words = serde_json::json!({"type": "web_search_result_location", "cited_text": quote,
        "url": "https://ru.example/x", "title": "Russia-Hamas relations (Русская версия)"})
    .to_string();
    std::fs::write(dir.path().join("w.json"), anthropic_with(&[web, words])).unwrap();
    let run = report_in(dir.path(), &["import", "anthropic", "w.json"]);
    assert!(
        !run.stdout.contains("source: \"russia-hamas-relations\""),
        "{}",
        run.stdout
    );
    assert_contains(&run.stderr, "0 verified");
}

#[test]
fn a_claim_goes_with_the_words_its_offsets_name() {
    let dir = example_copy();
    // Gemini: a segment whose bytes hold other words than it gives goes where those stand.
    let text = "Moscow kept ties for decades.\n\nBeijing and Moscow both hope Hamas survives.";
    let json = serde_json::json!({"candidates": [{"content": {"parts": [{"text": text}]},
        "groundingMetadata": {"groundingChunks": [{"web": {"uri": "https://b.example", "title": "b"}}],
        "groundingSupports": [{"segment": {"startIndex": 0, "endIndex": 28, "text": "Beijing and Moscow both hope Hamas survives."}, "groundingChunkIndices": [0]}]}}]});
    std::fs::write(dir.path().join("g.json"), json.to_string()).unwrap();
    let run = report_in(dir.path(), &["import", "gemini", "g.json"]);
    let (before, _) = run.stdout.split_once("Beijing and Moscow").unwrap();
    assert!(
        before.ends_with("<https://b.example>\n      - text: \""),
        "{}",
        run.stdout
    );
    // OpenAI: a page's span starting at the line end before a paragraph belongs to it; a
    // file citation, which marks the end of its words, to the paragraph it ends.
    let text = "Russia never designated Hamas.\n\nIts state media spread support.";
    let json = serde_json::json!({"object": "response", "output": [{"type": "message", "content": [{"type": "output_text", "text": text, "annotations": [
        {"type": "url_citation", "start_index": 30, "end_index": 63, "url": "https://n.example", "title": "n"},
        {"type": "file_citation", "index": 32, "filename": "f.pdf"}]}]}]});
    std::fs::write(dir.path().join("o.json"), json.to_string()).unwrap();
    let run = report_in(dir.path(), &["import", "openai", "o.json"]);
    let (first, second) = run
        .stdout
        .split_once("- text: \"Russia never designated Hamas.\"")
        .unwrap();
    assert_contains(first, "\"f.pdf\"");
    assert_contains(second, "<https://n.example>");
    assert!(!first.contains("n.example"), "{}", run.stdout);
}

#[test]
fn find_says_when_words_stand_only_beside_a_negation() {
    let dir = example_copy();
    let run = report_in(dir.path(), &["find", "designated Hamas"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "the source has `not` beside these words: quote it with them",
    );
    assert!(
        !run.stdout.contains("quote: designated Hamas"),
        "{}",
        run.stdout
    );
}
