//! Starting a project and describing the tool: `init`, `schema`, `completions`, `man` and
//! `--version`, run as a user would.

use std::path::Path;

use crate::common::{assert_contains, report_in, report_with_env};
use serde_json::Value;

const INIT_FILES: [&str; 7] = [
    "report.yaml",
    "sources/udhr.txt",
    "sources/sources.yaml",
    ".report/outline.schema.json",
    ".report/sources.schema.json",
    ".gitignore",
    ".github/workflows/report.yml",
];

#[test]
fn init_writes_a_project_that_checks_clean_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let run = report_in(dir.path(), &["init", "briefing"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let project = dir.path().join("briefing");
    for file in INIT_FILES {
        assert!(project.join(file).is_file(), "{file} written");
    }
    let check = report_in(&project, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_contains(&check.stdout, "2 verified");
    let render = report_in(&project, &["render"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    let markdown = std::fs::read_to_string(project.join("report.md")).unwrap();
    assert_contains(&markdown, "born free and equal in dignity and rights.");
    // The build output is what the .gitignore leaves out.
    let ignored = std::fs::read_to_string(project.join(".gitignore")).unwrap();
    assert_contains(&ignored, "/report.md");
}

/// Bash, with the script `report completions bash` prints, completes `report find <TAB>`
/// with the ids of the sources folder (or of `--sources DIR`), and an outline with the YAML
/// files and folders there; zsh's and fish's scripts name the same ids.
#[test]
fn completions_offer_source_ids_and_outline_files() {
    let example = crate::common::example_copy();
    let dir = example.path();
    std::fs::write(dir.join("notes.md"), "not an outline").unwrap();
    std::fs::create_dir(dir.join("other")).unwrap();
    std::fs::write(dir.join("other/memo.txt"), "A memo.").unwrap();
    let script = report_in(dir, &["completions", "bash"]);
    assert_eq!(script.code, 0);
    std::fs::write(dir.join("report.bash"), &script.stdout).unwrap();
    let complete = |words: &[&str]| -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let body = format!(
            "source ./report.bash; COMP_WORDS=({}); COMP_CWORD={}; _report_with_ids; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words.join(" "),
            words.len() - 1
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &body])
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(
        complete(&["report", "find", ""]),
        ["hamas-russia-china-support", "russia-hamas-relations"]
    );
    assert_eq!(
        complete(&["report", "find", "ru"]),
        ["russia-hamas-relations"]
    );
    assert_eq!(
        complete(&["report", "find", "--sources", "other", ""]),
        ["memo"]
    );
    assert_eq!(
        complete(&["report", "check", ""]),
        ["other/", "report.yaml", "sources/"]
    );
    assert_eq!(complete(&["report", "render", "rep"]), ["report.yaml"]);
    // A source's file name is offered as it is, never expanded or run.
    std::fs::write(dir.join("other/$(touch PWNED).txt"), "x").unwrap();
    std::fs::write(dir.join("other/two words.txt"), "x").unwrap();
    assert_eq!(
        complete(&["report", "find", "--sources", "=", "other", ""]),
        ["$(touch PWNED)", "memo", "two words"]
    );
    assert!(!dir.join("PWNED").exists(), "a file name ran as a command");
    let zsh = report_in(dir, &["completions", "zsh"]).stdout;
    assert_contains(
        &zsh,
        "or TEXT alone, to search every source:_report_source_ids'",
    );
    // Defined before the script's first call of `_report`, and listing ids in real zsh.
    let defined = zsh.find("_report_source_ids() {").expect("defined");
    let called = zsh
        .find("if [ \"$funcstack[1]\" = \"_report\" ]")
        .expect("called");
    assert!(defined < called);
    std::fs::write(dir.join("report.zsh"), &zsh).unwrap();
    let listed = std::process::Command::new("zsh")
        .args([
            "-c",
            "source ./report.zsh 2>/dev/null; words=(report find --sources other ''); CURRENT=5; \
             _report_source_id_list",
        ])
        .current_dir(dir)
        .output()
        .expect("zsh, which .ci/run installs");
    let mut ids: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    ids.sort();
    assert_eq!(ids, ["$(touch PWNED)", "memo", "two words"]);
    assert!(!dir.join("PWNED").exists());
    let fish = report_in(dir, &["completions", "fish"]).stdout;
    assert_contains(
        &fish,
        "-n \"__fish_report_using_subcommand find\" -f -a \"(__report_source_ids)\"",
    );
}

/// `init`'s closing hint names the PDF only where Typst is found to make it.
#[test]
fn init_suggests_a_pdf_only_with_typst() {
    let dir = tempfile::tempdir().unwrap();
    let without = report_with_env(
        dir.path(),
        &["init", "a"],
        &[("REPORT_TYPST", "/no/such/typst")],
    );
    assert_eq!(without.code, 0, "{}", without.stderr);
    assert!(
        !without.stderr.contains("--format pdf"),
        "{}",
        without.stderr
    );
    assert_contains(&without.stderr, "for a PDF, install Typst");
    let fake = dir.path().join("typst");
    crate::common::stand_in(&fake, "echo 'typst 0.14.2'\n");
    let with = report_with_env(
        dir.path(),
        &["init", "b"],
        &[("REPORT_TYPST", fake.to_str().unwrap())],
    );
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert_contains(&with.stderr, "then `report render --format pdf`");
}

#[test]
fn init_overwrites_nothing_and_writes_nothing_when_a_file_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "mine\n").unwrap();
    let run = report_in(dir.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, ".gitignore: already exists");
    assert_contains(&run.stderr, "help: `report init` writes only new files");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "mine\n"
    );
    assert!(!dir.path().join("report.yaml").exists());
    assert!(!dir.path().join("sources").exists());
}

#[test]
fn init_files_point_editors_at_their_schemas() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(report_in(dir.path(), &["init"]).code, 0);
    for (file, schema) in [
        ("report.yaml", ".report/outline.schema.json"),
        ("sources/sources.yaml", ".report/sources.schema.json"),
    ] {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let first = text.lines().next().unwrap();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap();
        let resolved = dir.path().join(file).parent().unwrap().join(target);
        assert_eq!(
            std::fs::canonicalize(resolved).unwrap(),
            std::fs::canonicalize(dir.path().join(schema)).unwrap()
        );
    }
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

fn schema(of: &str) -> jsonschema::Validator {
    let run = report_in(Path::new("."), &["schema", of]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema: Value = serde_json::from_str(&run.stdout).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn the_example_and_the_init_files_meet_the_schemas() {
    let (outline, catalog) = (schema("outline"), schema("catalog"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(report_in(dir.path(), &["init"]).code, 0);
    for path in [root.join("report.yaml"), dir.path().join("report.yaml")] {
        assert_eq!(
            errors(&outline, &yaml(&path)),
            Vec::<String>::new(),
            "{path:?}"
        );
    }
    for path in [
        root.join("sources/sources.yaml"),
        dir.path().join("sources/sources.yaml"),
    ] {
        assert_eq!(
            errors(&catalog, &yaml(&path)),
            Vec::<String>::new(),
            "{path:?}"
        );
    }
    // What init writes is what `report schema` prints.
    let written = std::fs::read_to_string(dir.path().join(".report/outline.schema.json")).unwrap();
    assert_eq!(written, report_in(dir.path(), &["schema"]).stdout);
}

#[test]
fn the_schemas_flag_what_the_check_refuses() {
    let outline = schema("outline");
    let broken = [
        "title: t\nsections:\n  - heading: h\n    paragraphs:\n      - text: x\n        cite:\n          source: a\n          qoute: b\n",
        "title: t\nsections:\n  - heading: h\n    paragraphs:\n      - cite:\n          - source: a\n",
        "subtitle: no title\n",
        "title: t\nsections: none\n",
    ];
    for text in broken {
        let value: Value = serde_saphyr::from_str(text).unwrap();
        assert!(!errors(&outline, &value).is_empty(), "{text}");
    }
    // One citation or a list of them are both fine.
    let fine = "title: t\nsections:\n  - heading: h\n    paragraphs:\n      - text: x\n        cite:\n          - source: a\n            quote: b\n      - quote: {source: a, quote: b}\n";
    let value: Value = serde_saphyr::from_str(fine).unwrap();
    assert_eq!(errors(&outline, &value), Vec::<String>::new());
    let catalog = schema("catalog");
    let value: Value = serde_saphyr::from_str("a:\n  titel: misspelt\n").unwrap();
    assert!(!errors(&catalog, &value).is_empty());
}

#[test]
fn completions_cover_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let run = report_in(Path::new("."), &["completions", shell]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for command in ["check", "render", "init", "schema", "completions", "man"] {
            assert_contains(&run.stdout, command);
        }
        assert_contains(&run.stdout, "deny");
    }
    assert_ne!(report_in(Path::new("."), &["completions", "cmd"]).code, 0);
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let run = report_in(Path::new("."), &["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(".TH report 1"),
        "{}",
        &run.stdout[..200]
    );
    for command in ["report\\-check", "report\\-render", "report\\-init"] {
        assert_contains(&run.stdout, command);
    }
}

#[test]
fn the_version_names_the_typst_pdf_output_would_use() {
    let here = Path::new(".");
    let missing = report_with_env(here, &["--version"], &[("REPORT_TYPST", "/no/such/typst")]);
    assert_eq!(missing.code, 0);
    assert_eq!(
        missing.stdout.lines().next(),
        Some(format!("report {}", env!("CARGO_PKG_VERSION")).as_str())
    );
    assert_contains(&missing.stdout, "typst: not found");
    let fake = tempfile::tempdir().unwrap();
    let program = fake.path().join("typst");
    crate::common::stand_in(&program, "echo 'typst 9.8.7 (test)'\n");
    let found = report_with_env(
        here,
        &["-V"],
        &[("REPORT_TYPST", program.to_str().unwrap())],
    );
    assert_contains(
        &found.stdout,
        &format!("typst: 9.8.7 (test) at {}", program.display()),
    );
    assert!(!found.stdout.contains("warning"), "{}", found.stdout);
}

/// A Typst older than the template is tested with is named as such by `--version`, and by a
/// PDF render it fails.
#[test]
fn an_old_typst_is_warned_of() {
    let fake = tempfile::tempdir().unwrap();
    let program = fake.path().join("typst");
    // Says an old version, and fails any compile as an old Typst would on new syntax.
    crate::common::stand_in(
        &program,
        "[ \"$1\" = --version ] && { echo 'typst 0.11.1 (1234abcd)'; exit 0; }\n\
         echo 'error: unknown variable' >&2; exit 1\n",
    );
    let env = [("REPORT_TYPST", program.to_str().unwrap())];
    let version = report_with_env(Path::new("."), &["--version"], &env);
    assert_eq!(version.code, 0);
    assert_contains(
        &version.stdout,
        "older than 0.14, the oldest the PDF template is tested with",
    );
    let example = crate::common::example_copy();
    let render = report_with_env(example.path(), &["render", "--format", "pdf"], &env);
    assert_eq!(render.code, 2, "{}", render.stderr);
    assert_contains(
        &render.stderr,
        "typst 0.11.1 (1234abcd): warning: this Typst is older than 0.14",
    );
    assert!(!example.path().join("report.pdf").exists());
}
