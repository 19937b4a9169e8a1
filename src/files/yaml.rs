//! Reading YAML files (the outline and the source catalog) within resource limits.
//!
//! Outlines come from anyone who can open a pull request, so a file is refused before parsing
//! when it is larger than [`MAX_FILE_BYTES`], and the parser works within a budget: nesting,
//! node count, alias expansion ("billion laughs") and total scalar size are all capped. The
//! limits are far above what a briefing needs (an outline of 100,000 citations fits) and far
//! below what would exhaust the machine. No YAML feature reads files or the environment.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::options::{AliasLimits, DuplicateKeyPolicy};
use serde_saphyr::{Budget, Options};

use crate::error::Error;
use crate::files::containment::Chosen;
use crate::text::position::LineCol;

/// The largest YAML file read: 64 MiB.
pub(crate) const MAX_FILE_BYTES: u64 = 64 << 20;

/// The deepest nesting of mappings and lists; sections can nest about 30 deep within it.
pub(crate) const MAX_DEPTH: usize = 64;

/// The most YAML nodes (mappings, lists and scalars) in one file.
pub(crate) const MAX_NODES: usize = 4_000_000;

/// The most nodes that aliases (`*name`) may repeat in one file, all aliases together.
pub(crate) const MAX_ALIAS_EVENTS: usize = 10_000;

/// Reads the YAML file at `path` as text, through the file gate (inside `within`, chosen
/// by `chosen`), refusing one larger than [`MAX_FILE_BYTES`].
pub(crate) fn read(path: &Path, within: &Path, chosen: Chosen) -> Result<String, Error> {
    let mut bytes = Vec::new();
    // Read one byte past the limit, so a file that grows while being read is caught too.
    crate::files::containment::read(path, within, chosen, MAX_FILE_BYTES, &mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            limit: MAX_FILE_BYTES,
        });
    }
    crate::files::text_file::decode(path, bytes)
}

/// Parses YAML `text`, read from `path`, into `T`; `help` says what the file should hold.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str, help: &str) -> Result<T, Error> {
    let value = serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        // An error in the first document of a file that holds several (`---` then the
        // outline in the second) is a symptom; the second document is the cause.
        let e = match limit(&e) {
            None => second_document(text).unwrap_or(e),
            Some(_) => e,
        };
        // A tag the parser cannot apply (`!!int` on text) is refused as any other tag is.
        if limit(&e).is_none()
            && let Err(tagged) = refuse_tags(path, text)
        {
            return tagged;
        }
        match (limit(&e), e.location()) {
            (Some((message, help)), Some(location)) => {
                let mut at = line_col(location);
                if let serde_saphyr::Error::Budget {
                    breach: BudgetBreach::Documents { .. },
                    ..
                } = innermost(&e)
                {
                    at = document_start(text, at);
                }
                Error::invalid(path, text, at, message, &help)
            }
            _ => parse_error(path, text, &e, help),
        }
    })?;
    refuse_tags(path, text)?;
    Ok(value)
}

/// Refuses every YAML tag but `!!str` (which only says that a value is text, as every value
/// of an outline or a catalog is). A tag makes the parser turn what is written into other
/// text: `!!binary` decodes base64, so a reviewer reading the diff would see only base64
/// while the decoded text is what gets checked. Read after a successful parse, so the file
/// is within every limit; a file without `!` has no tag.
fn refuse_tags(path: &Path, text: &str) -> Result<(), Error> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !may_hold_tag(text) {
        return Ok(());
    }
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return Ok(());
        };
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag,
            _ => continue,
        };
        let Some(tag) = tag.as_ref().filter(|t| !t.is_yaml_core_schema_tag("str")) else {
            continue;
        };
        let marker = span.tag_start.unwrap_or(span.start);
        let at = LineCol {
            line: marker.line().max(1),
            column: marker.col() + 1,
        };
        let message = format!(
            "tag `{}` is not allowed: outline and catalog values are read as written",
            crate::text::visible::visible(&tag.original())
        );
        let help = "write the text itself, without a tag (`!!binary`, `!name`)";
        return Err(Error::invalid(path, text, at, message, help));
    }
    Ok(())
}

/// Whether some `!` of `text` could begin a tag. A tag begins a node, so it stands at the
/// file's start, right after `[`, `{`, `,` or a JSON-like `:`, or after blanks that follow a
/// line break, an indicator (`:`, `-`, `?`, `[`, `{`, `,`) or an anchor (`&a !x`). Where it
/// follows a letter, a digit, a point, a quotation mark, a closing bracket, a parenthesis or
/// a sign, or blanks after a word, it is a character of text (`Hello!`, `"Go!"`, `(!)`,
/// `` `!break` ``, `#!/bin/sh`, `die $!`, `Wow !`). Prose and code full of exclamation marks are then not parsed a
/// second time. Bytes outside ASCII before it (a byte order mark) count as a place a tag
/// may stand.
fn may_hold_tag(text: &str) -> bool {
    let bytes = text.as_bytes();
    let blank = |b: u8| b == b' ' || b == b'\t';
    let opens_node = |b: u8| {
        matches!(b, b'\n' | b'\r' | b':' | b'-' | b'?' | b'[' | b'{' | b',') || !b.is_ascii()
    };
    memchr::memchr_iter(b'!', bytes).any(|at| {
        let Some(&before) = at.checked_sub(1).and_then(|i| bytes.get(i)) else {
            return true;
        };
        if !blank(before) {
            return opens_node(before);
        }
        // Past the blanks: the line's start, an indicator, or a word.
        let word_end = bytes[..at].iter().rposition(|&b| !blank(b));
        let Some(word_end) = word_end else {
            return true;
        };
        if opens_node(bytes[word_end]) {
            return true;
        }
        // An anchor among the node's properties: the word holds a `&` (conservatively,
        // anywhere in it).
        let word = &bytes[..=word_end];
        let word_start = word
            .iter()
            .rposition(|&b| blank(b) || b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        word[word_start..].contains(&b'&')
    })
}

/// The message and help for a limit that `error` reached, if it is one.
fn limit(error: &serde_saphyr::Error) -> Option<(String, String)> {
    match innermost(error) {
        serde_saphyr::Error::Budget { breach, .. } => Some(breach_message(breach)),
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => Some(alias_message()),
        _ => None,
    }
}

/// The breach of the one-document limit in `text`, if it holds more than one document.
fn second_document(text: &str) -> Option<serde_saphyr::Error> {
    let walked: Result<Vec<serde::de::IgnoredAny>, _> =
        serde_saphyr::from_multiple_with_options(text, options());
    let e = walked.err()?;
    matches!(
        innermost(&e),
        serde_saphyr::Error::Budget {
            breach: BudgetBreach::Documents { .. },
            ..
        }
    )
    .then_some(e)
}

/// Where the document that broke the one-document limit starts. The parser places it just
/// after the end of the document before, so a `...` ending that one, and blank lines,
/// comments and directives (`%YAML`) after it, are passed over to the second document's
/// `---` or, when it has none, its first value.
fn document_start(text: &str, at: LineCol) -> LineCol {
    let lines = text.split('\n').enumerate().skip(at.line - 1);
    for (i, line) in lines {
        let skip = if i == at.line - 1 { at.column - 1 } else { 0 };
        let rest: String = line.chars().skip(skip).collect();
        let content = rest.trim_start_matches([' ', '\t', '\r', '\u{feff}']);
        let marker = |m: &str| {
            skip == 0
                && line
                    .strip_prefix(m)
                    .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\r']))
        };
        let passed_over = content.is_empty()
            || content.starts_with('#')
            || marker("...")
            || (skip == 0 && line.starts_with('%'));
        if !passed_over {
            let column = skip + rest.chars().count() - content.chars().count() + 1;
            return LineCol {
                line: i + 1,
                column,
            };
        }
    }
    at
}

/// The error under any snippet or alias wrapping.
fn innermost(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match error.without_snippet() {
        serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = 4 * MAX_NODES;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    budget.max_aliases = MAX_ALIAS_EVENTS;
    budget.max_documents = 1;
    let mut aliases = AliasLimits::default();
    aliases.max_total_replayed_events = MAX_ALIAS_EVENTS;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits = aliases;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options
}

/// What to say when the parser's budget is exceeded, and what to do about it.
fn breach_message(breach: &BudgetBreach) -> (String, String) {
    let split = "split the briefing into several outlines".to_owned();
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("the YAML nests more than {MAX_DEPTH} levels deep"),
            "flatten the sections; README.md lists the limits on YAML input".into(),
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::RecordedAnchorEvents { .. } => alias_message(),
        BudgetBreach::Documents { .. } => (
            "the file holds more than one YAML document".into(),
            "keep one document per file: remove the line that starts the second (`---`) and merge or delete what follows".into(),
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
            (format!("the YAML has more than {MAX_NODES} values"), split)
        }
        other => (format!("the YAML is too large ({other:?})"), split),
    }
}

fn alias_message() -> (String, String) {
    (
        format!("aliases (`*name`) repeat more than {MAX_ALIAS_EVENTS} YAML values"),
        "write the values out instead of repeating anchors".into(),
    )
}

/// A YAML file, whose text is `text`, that could not be parsed into its shape.
fn parse_error(path: &Path, text: &str, error: &serde_saphyr::Error, help: &str) -> Error {
    let at = error
        .location()
        .map_or(LineCol { line: 1, column: 1 }, line_col);
    let options = serde_saphyr::render_options! {
        formatter: &serde_saphyr::UserMessageFormatter,
        snippets: serde_saphyr::SnippetMode::Off,
    };
    let message = error.render_with_options(options);
    let suffix = format!(" at line {}, column {}", at.line, at.column);
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    Error::invalid(path, text, at, message, help)
}

/// The line and column of a place serde-saphyr reports.
pub(crate) fn line_col(location: serde_saphyr::Location) -> LineCol {
    LineCol {
        line: location.line().max(1) as usize,
        column: location.column().max(1) as usize,
    }
}
/// Whether `c` is written as an escape in a YAML string this tool writes: a hidden
/// character, or one that YAML does not allow unescaped (outside its printable set).
pub(crate) fn needs_escape(c: char) -> bool {
    let printable = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}');
    crate::text::visible::is_hidden(c) || !printable
}

/// `text` as a YAML double-quoted scalar on one line, escaping `\`, `"` and every character
/// that [needs it](needs_escape).
pub(crate) fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && (c as u32) <= 0xffff => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    /// Pieces of YAML: tags, anchors, every indicator, blanks, line breaks of both kinds,
    /// comments, quotation marks, document markers, a directive, words and the marks prose
    /// puts before an exclamation mark.
    const PIECES: [&str; 38] = [
        "!x ",
        "!!str ",
        "!",
        "&a ",
        "&a",
        "*a",
        ": ",
        ":",
        "- ",
        "-",
        "? ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ",",
        " ",
        "\t",
        "\n",
        "\n  ",
        "\r",
        "\r\n",
        "# c",
        "\"",
        "'",
        "a",
        "b1",
        "(",
        "`",
        "#",
        "\u{feff}",
        "--- ",
        "...",
        "|",
        ">",
        "\"a\":",
        "%TAG ! tag:x,2000:\n---",
    ];

    /// Whether the parser reads a tag other than `!!str` anywhere in `text`, before any error.
    fn parser_sees_tag(text: &str) -> bool {
        use serde_saphyr::granit_parser::{Event, Parser};
        for event in Parser::new_from_str(text) {
            let Ok((event, _)) = event else {
                return false;
            };
            let tag = match &event {
                Event::Scalar(_, _, _, tag)
                | Event::SequenceStart(_, _, tag)
                | Event::MappingStart(_, _, tag) => tag,
                _ => continue,
            };
            if tag
                .as_ref()
                .is_some_and(|t| !t.is_yaml_core_schema_tag("str"))
            {
                return true;
            }
        }
        false
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Wherever the parser finds a tag, the quick look said one might be there.
        #[test]
        fn the_quick_look_misses_no_tag_the_parser_sees(
            pieces in prop::collection::vec(select(&PIECES[..]), 1..16),
        ) {
            let text = pieces.concat();
            if parser_sees_tag(&text) {
                prop_assert!(may_hold_tag(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn every_place_a_tag_may_stand_is_parsed_for_it() {
        let path = Path::new("outline.yaml");
        // Each a tag where YAML allows one: after a key, a list's dash, a flow indicator,
        // JSON's adjacent value, at the start, after a tab or a line break.
        for tagged in [
            "quote: !!binary eA==",
            "- !!str a\n- !x b",
            "[a, !x b]",
            "[a,!x b]",
            "{a: !x b}",
            "{\"a\":!x b}",
            "!x a",
            "a:\t!x b",
            "a:\n  !x\n  b",
            "--- !x a",
            "? !x a\n: b",
            "-\t!x a",
            "a: &anchor1 !!binary eA==",
            "- &a !x b",
            "[&a !x b]",
            "{a: &a\t!x b}",
            "a:\n  &a\n  !x b",
            "a: # a comment\n  !x b",
            "\u{feff}!x a",
            "a: &a\r  !!binary eA==",
            "a:\r  !x b",
            "a:\r\n  !x b",
        ] {
            assert!(may_hold_tag(tagged), "{tagged}");
            assert!(refuse_tags(path, tagged).is_err(), "{tagged}");
        }
        // Exclamation marks of prose are no tags, and are not parsed for one.
        for prose in [
            "quote: Hello! It works!!",
            "quote: \"Go!\" she said",
            "quote: 'Stop!'",
            "quote: (really!) yes.! 1!",
            "quote: \"see :keyword:`!break`, #!/bin/sh, (!), die $! and C<$!>\"",
            "quote: Wow ! Really !",
            "quote: \"a X<!> b\"",
        ] {
            assert!(!may_hold_tag(prose), "{prose}");
            assert!(refuse_tags(path, prose).is_ok(), "{prose}");
        }
    }
}
