//! The human printer: findings and errors as rustc-style snippets, and the summary line.
//!
//! Returns text with ANSI styles; the caller's stream strips them when it is not a terminal
//! or `NO_COLOR` is set. Nothing here prints.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use crate::check::CheckRun;
use crate::check::finding::{Code, Detail, Finding, NearMiss, SourcePlace};
use crate::check::summary::Summary;
use crate::error::Error;
use crate::nearest::difference::{Difference, Nature, Side, Substitution};
use crate::outline::OutlineFile;
use crate::text::visible::{visible, visible_span};

/// Every finding of `run`, then the summary line ([`error`] prints the errors).
pub fn run(run: &CheckRun, jobs: NonZeroUsize) -> String {
    // Each finding formatted on its own, so on up to `jobs` threads: 2,000 misquotes of
    // Markov text took some 50 ms of one thread under `perf`.
    let findings: Vec<(&OutlineFile, &Finding)> = (run.outlines.iter())
        .flat_map(|o| o.checked.findings.iter().map(move |f| (&o.file, f)))
        .collect();
    let formatted =
        crate::search::workers::map(&findings, jobs, || (), |(), (file, f)| finding(file, f));
    let mut out = String::with_capacity(formatted.iter().map(|f| f.len() + 1).sum());
    for text in formatted {
        out.push_str(&text);
        out.push('\n');
    }
    if run.summary.outlines > 0 {
        out.push_str(&summary(&run.summary));
        out.push('\n');
    }
    out
}

/// `finding` in `file` as a snippet of the outline line with a caret under the quote.
pub fn finding(file: &OutlineFile, finding: &Finding) -> String {
    let line = finding.place.at.line;
    let range = file.lines.line_range(&file.text, line);
    let text = &file.text[range.clone()];
    let start = finding.place.bytes.start.clamp(range.start, range.end) - range.start;
    let end = finding.place.bytes.end.clamp(range.start, range.end) - range.start;
    let end = if end > start { end } else { text.len() };
    let (text, span) = visible_span(text, start..end);
    let path = visible(&file.path.display().to_string()).into_owned();
    let notes = finding.detail.as_ref().map(detail).unwrap_or_default();
    let title = visible(&finding.message);
    let help = visible(&finding.help);
    let mut group = Level::ERROR
        .primary_title(title)
        .id(finding.code.as_str())
        .element(
            Snippet::source(text.as_str())
                .line_start(line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(span)),
        );
    for note in notes {
        group = group.element(Level::NOTE.message(note));
    }
    let report = [group.element(Level::HELP.message(help))];
    Renderer::styled().render(&report)
}

/// The notes under a finding: the nearest passage and its diff, or where the quote is instead.
pub fn detail(detail: &Detail) -> Vec<String> {
    match detail {
        Detail::Nearest(near) => {
            let mut notes = vec![format!(
                "nearest: {} ({}% alike){}",
                place(&near.place),
                percent(near.comparison.similarity),
                part(near)
            )];
            notes.push(diff(near));
            notes.push(match near.cuts.as_slice() {
                [] if near.negation.is_some() => format!(
                    "the source has `{}` {}: without it, the quote says the opposite of the source",
                    visible(near.negation.as_deref().unwrap_or_default()),
                    match near.negation_in_sentence {
                        true => "in the part of the sentence the ellipsis leaves out",
                        false => "beside these words",
                    }
                ),
                [] => describe(&near.comparison.difference),
                cuts => format!(
                    "the quote has the source's words but cuts {}: a quote may not begin or end inside a word or a number",
                    list(cuts.iter().map(|w| format!("`{}`", visible(w))))
                ),
            });
            if near.cut_short {
                notes.push("the search for the nearest passage was cut short at its budget; a nearer one may exist".into());
            }
            notes
        }
        Detail::NoClosePassage => {
            vec!["no passage of the source is close to this quote".into()]
        }
        Detail::QuoteTooLong { words, most } => vec![format!(
            "the quote has {words} words; passages are looked for only for quotes of up to {most}"
        )],
        Detail::Elsewhere(at) => vec![format!("found verbatim at {}", place(at))],
        Detail::Fragment(f) => vec![format!(
            "part {} is at {}; part {} is at {}",
            f.part + 1,
            place(&f.at),
            f.part,
            place(&f.previous)
        )],
    }
}

/// A likeness as a whole percentage, rounded down, so that only an identical text shows 100%.
pub fn percent(likeness: f64) -> u32 {
    (likeness * 100.0).floor() as u32
}

fn part(near: &NearMiss) -> String {
    near.part
        .map(|p| format!(" to part {}", p + 1))
        .unwrap_or_default()
}

fn place(at: &SourcePlace) -> String {
    let page = at.page.map_or(String::new(), |p| format!(" (p. {p})"));
    visible(&format!("{}:{}{page}", at.path.display(), at.at)).into_owned()
}

/// The word diff from the quote to the passage: `[-quote only-]` and `[+source only+]`,
/// red and green on a terminal.
pub fn diff(near: &NearMiss) -> String {
    let removed = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let added = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
    let words: Vec<String> = near
        .comparison
        .diff
        .iter()
        .map(|span| {
            let text = visible(&span.text);
            match span.side {
                Side::Both => text.into_owned(),
                Side::Quote => format!("{removed}[-{text}-]{removed:#}"),
                Side::Source => format!("{added}[+{text}+]{added:#}"),
            }
        })
        .collect();
    words.join(" ")
}

/// One sentence naming the kinds of difference.
pub fn describe(difference: &Difference) -> String {
    let typography = list(difference.typography.iter().map(writes));
    if difference.only_typography() && difference.typography.is_empty() {
        return "the words are the source's own".into();
    }
    if difference.only_typography() {
        return format!("only typography differs: the source writes {typography}");
    }
    let quoted = |words: &[String]| list(words.iter().map(|w| format!("`{}`", visible(w))));
    let mut parts = Vec::new();
    if !difference.changed.is_empty() {
        let changed = list(difference.changed.iter().map(writes));
        parts.push(format!("the source writes {changed}"));
    }
    if !difference.added.is_empty() {
        let added = quoted(&difference.added);
        parts.push(format!(
            "the quote adds {added}, which the source does not have"
        ));
    }
    if !difference.dropped.is_empty() {
        parts.push(format!(
            "the quote leaves out {}",
            quoted(&difference.dropped)
        ));
    }
    if !difference.typography.is_empty() {
        parts.push(format!("and in typography the source writes {typography}"));
    }
    parts.join("; ")
}

fn writes(s: &Substitution) -> String {
    let shown = |text: &str| match text {
        "" => "nothing".to_owned(),
        text => format!("`{}`", visible(text)),
    };
    let (source, quote) = (shown(&s.source), shown(&s.quote));
    match s.nature() {
        Nature::Hidden => {
            format!(
                "{source} where the quote has {quote}: the source holds characters that print as nothing"
            )
        }
        Nature::DecomposedSource => format!(
            "{source} where the quote has {quote}: the same letters, but the source's accents are separate characters ({}), the quote's composed ({})",
            spelled(&s.source),
            spelled(&s.quote)
        ),
        Nature::Decomposed => format!(
            "{source} where the quote has {quote}: the same letters, but the quote's accents are separate characters ({}), the source's composed ({})",
            spelled(&s.quote),
            spelled(&s.source)
        ),
        Nature::Spacing => format!("{source} where the quote has {quote}: a difference of spacing"),
        Nature::Other => format!("{source} where the quote has {quote}"),
    }
}

/// The letters of `text` that carry accents, each with its code points: `e + U+0301`, `é U+00E9`.
fn spelled(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let mark = |c: char| matches!(c, '\u{300}'..='\u{36f}');
        if mark(c) {
            let base = i
                .checked_sub(1)
                .map_or(String::new(), |j| format!("`{}` + ", chars[j]));
            out.push(format!("{base}U+{:04X}", c as u32));
        } else if !c.is_ascii() && !chars.get(i + 1).is_some_and(|&n| mark(n)) {
            out.push(format!("`{c}` U+{:04X}", c as u32));
        }
    }
    out.dedup();
    out.join(", ")
}

/// Up to three items joined with commas and `and`, and how many more there are.
fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    let shown = &items[..items.len().min(3)];
    let mut text = match shown {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    if items.len() > shown.len() {
        text.push_str(&format!(" (and {} more)", items.len() - shown.len()));
    }
    text
}

/// A fatal error, with a snippet of the line at fault where there is one, and its help line.
pub fn error(error: &Error) -> String {
    if let Error::Shared(shared) = error {
        return self::error(shared);
    }
    let help = visible(&error.help()).into_owned();
    let Error::Yaml {
        path,
        at,
        message,
        line,
        ..
    } = error
    else {
        let group = Group::with_title(Level::ERROR.primary_title(super::error_message(error)));
        return Renderer::styled().render(&[group.element(Level::HELP.message(&help))]);
    };
    let start = line
        .char_indices()
        .nth(at.column - 1)
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let (line, span) = visible_span(line, start..end);
    let path = visible(&path.display().to_string()).into_owned();
    let group = Level::ERROR.primary_title(visible(message)).element(
        Snippet::source(line.as_str())
            .line_start(at.line)
            .path(path)
            .annotation(AnnotationKind::Primary.span(span)),
    );
    Renderer::styled().render(&[group.element(Level::HELP.message(&help))])
}

/// A summary label for `n` findings: the nouns among them in the plural past one.
fn counted(label: &str, n: usize) -> &str {
    match (n, label) {
        (1, label) => label,
        (_, "unknown source") => "unknown sources",
        (_, "uncited paragraph") => "uncited paragraphs",
        (_, "wrong page") => "wrong pages",
        (_, "wrong paragraph") => "wrong paragraphs",
        (_, "alteration not allowed") => "alterations not allowed",
        (_, label) => label,
    }
}

/// The most uncited sources the closing line names.
const UNCITED_NAMED: usize = 10;

/// The closing line: `checked 24 quotes (3 inline) in 6 sections against 2 sources: 23 verified,
/// 1 not found`, and what no claim cites.
pub fn summary(summary: &Summary) -> String {
    let stats = &summary.stats;
    let mut line = format!(
        "checked {} ({} inline) in {} against {}: {} verified",
        count(stats.quotes, "quote", "quotes"),
        stats.inline,
        count(stats.sections, "section", "sections"),
        count(stats.sources, "source", "sources"),
        stats.verified,
    );
    let mut by_label: BTreeMap<&str, usize> = BTreeMap::new();
    for (code, n) in &summary.by_code {
        *by_label.entry(code.summary_label()).or_default() += n;
    }
    for code in Code::ALL {
        if let Some(n) = by_label.remove(code.summary_label()) {
            line.push_str(&format!(", {n} {}", counted(code.summary_label(), n)));
        }
    }
    // With `--deny uncited` the findings count them already.
    if stats.uncited_paragraphs > 0 && !summary.by_code.contains_key(&Code::UncitedParagraph) {
        let n = stats.uncited_paragraphs;
        let verb = if n == 1 { "cites" } else { "cite" };
        let what = count(n, "paragraph", "paragraphs");
        line.push_str(&format!("; {what} {verb} no source"));
    }
    if !summary.uncited_sources.is_empty() {
        // A folder of hundreds of sources, most cited by other outlines: a few are named.
        let uncited = &summary.uncited_sources;
        let ids: Vec<String> = (uncited.iter().take(UNCITED_NAMED))
            .map(|s| format!("`{}`", s.id))
            .collect();
        line.push_str(&format!("; no claim cites {}", ids.join(", ")));
        if uncited.len() > UNCITED_NAMED {
            let more = uncited.len() - UNCITED_NAMED;
            line.push_str(&format!(" and {more} more (`report sources` lists them)"));
        }
    }
    if summary.errors > 0 {
        let what = count(summary.errors, "outline", "outlines");
        line.push_str(&format!("; {what} could not be checked"));
    }
    // Source ids are file names, which may hold any character.
    visible(&line).into_owned()
}

/// The summary line for one outline.
pub fn outline_summary(outline: &crate::check::checked::CheckedOutline) -> String {
    summary(&Summary::new(std::slice::from_ref(outline), 0))
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
