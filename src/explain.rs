//! Findings for quotes that were not found: what the sources have instead, and what to do.
//!
//! For each quote not found this looks, in order, for the quote verbatim in another source
//! (`quote-misattributed`), for the parts of an ellipsis quote standing in the wrong order or
//! too far apart, and for the nearest passage of the cited sources ([`crate::nearest`]),
//! compared word by word ([`crate::difference`]). All of it is advice: a quote is verified
//! only by the exact match that already failed.

use std::collections::BTreeMap;

use crate::check::{excerpt, thousands};
use crate::difference::compare;
use crate::finding::{Code, Detail, Finding, FragmentPlace, NearMiss, SourcePlace};
use crate::matcher::{Fragments, MAX_GAP, Miss, Placing};
use crate::nearest::{MAX_WORDS, Passage, nearest, trim_to};
use crate::normalize::collapse;
use crate::outline::Place;
use crate::sources::{Source, SourceSet};

/// A quote that was not found verbatim in the sources it was checked against.
#[derive(Debug)]
pub struct Unverified {
    /// Where the quote is in the outline.
    pub place: Place,
    /// The quote as written.
    pub quote: String,
    /// The quote split at its ellipses.
    pub fragments: Fragments,
    /// The sources it was checked against.
    pub ids: Vec<String>,
    /// How it missed the first of them.
    pub miss: Miss,
    /// Whether it is a quotation in running text rather than a citation.
    pub inline: bool,
}

/// Turns every quote not found into a finding that says what the sources have instead.
pub fn explain(unverified: Vec<Unverified>, sources: &SourceSet) -> Vec<Finding> {
    if unverified.is_empty() {
        return Vec::new();
    }
    let elsewhere = misattributed(&unverified, sources);
    // Parts out of order are explained by where the parts are; no passage is needed.
    let wanted: Vec<bool> = unverified
        .iter()
        .map(|u| !matches!(u.miss, Miss::FragmentOutOfPlace { .. }))
        .collect();
    let near = near_misses(&unverified, &wanted, sources);
    unverified
        .into_iter()
        .zip(elsewhere.into_iter().zip(near))
        .map(|(u, (elsewhere, near))| {
            let detail = detail(&u, elsewhere, near, sources);
            finding(u, detail)
        })
        .collect()
}

/// What to tell the writer about one quote, most telling first.
fn detail(
    u: &Unverified,
    elsewhere: Option<SourcePlace>,
    near: Option<NearMiss>,
    sources: &SourceSet,
) -> Detail {
    // Words only typography away from the cited source were taken from it, even when
    // another source happens to have them as written.
    let typography_only = near
        .as_ref()
        .is_some_and(|n| n.comparison.difference.only_typography());
    match (elsewhere, u.miss, near) {
        (Some(place), _, _) if !typography_only => Detail::Elsewhere(place),
        (_, Miss::FragmentOutOfPlace { index, placing }, _) => {
            fragment(u, index, placing, sources).map_or(Detail::NoClosePassage, Detail::Fragment)
        }
        (_, _, Some(near)) => Detail::Nearest(Box::new(near)),
        (_, _, None) => {
            let words = crate::fold::words(query(u).1).count();
            if words > MAX_WORDS {
                Detail::QuoteTooLong { words }
            } else {
                Detail::NoClosePassage
            }
        }
    }
}

/// For each quote, the first other source that has it verbatim. Cited sources are already
/// read; the others are read one at a time, so memory holds one of them at most.
fn misattributed(unverified: &[Unverified], sources: &SourceSet) -> Vec<Option<SourcePlace>> {
    let mut found: Vec<Option<SourcePlace>> = vec![None; unverified.len()];
    let mut look = |source: &Source| {
        for (slot, u) in found.iter_mut().zip(unverified) {
            // Punctuation alone proves nothing about where words came from.
            let has_words = u.quote.chars().any(char::is_alphanumeric);
            if slot.is_some() || !has_words || u.ids.contains(&source.id) {
                continue;
            }
            if let Ok(bytes) = u.fragments.find_in(&source.text) {
                *slot = Some(source_place(source, bytes.start));
            }
        }
    };
    sources.cited.values().for_each(&mut look);
    sources.each_uncited(look);
    found
}

/// Where an out-of-place part and the part before it stand in the first source searched.
fn fragment(
    u: &Unverified,
    index: usize,
    placing: Placing,
    sources: &SourceSet,
) -> Option<FragmentPlace> {
    let source = sources.cited.get(u.ids.first()?)?;
    let (at, previous, gap) = match placing {
        Placing::OutOfOrder { at, previous } => (at, previous, None),
        Placing::TooFarApart { at, previous, gap } => (at, previous, Some(gap)),
    };
    Some(FragmentPlace {
        part: index,
        text: u.fragments.as_slice()[index].clone(),
        at: source_place(source, at),
        previous: source_place(source, previous),
        gap,
    })
}

/// The nearest close passage for each `wanted` quote, searching each source once for all
/// its quotes.
fn near_misses(
    unverified: &[Unverified],
    wanted: &[bool],
    sources: &SourceSet,
) -> Vec<Option<NearMiss>> {
    let mut by_source: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, u) in unverified.iter().enumerate().filter(|(i, _)| wanted[*i]) {
        for id in &u.ids {
            by_source.entry(id).or_default().push(i);
        }
    }
    let mut best: Vec<Option<(&Source, Passage)>> = vec![None; unverified.len()];
    for (id, wanted) in by_source {
        let Some(source) = sources.cited.get(id) else {
            continue;
        };
        let queries: Vec<&str> = wanted.iter().map(|&i| query(&unverified[i]).1).collect();
        let found = nearest(&source.text, &queries);
        for (&i, passage) in wanted.iter().zip(found) {
            let Some(passage) = passage.filter(Passage::is_close) else {
                continue;
            };
            let better = best[i]
                .as_ref()
                .is_none_or(|(_, b)| passage.likeness() > b.likeness());
            if better {
                best[i] = Some((source, passage));
            }
        }
    }
    best.into_iter()
        .zip(unverified)
        .map(|(found, u)| {
            let (source, passage) = found?;
            let (part, query) = query(u);
            let found = &source.text[passage.range.clone()];
            let trimmed = trim_to(query, found);
            let text = collapse(&found[trimmed.clone()]);
            let start = passage.range.start + trimmed.start;
            Some(NearMiss {
                place: source_place(source, start),
                comparison: compare(query, &text),
                text,
                part,
            })
        })
        .collect()
}

/// What to search for: the one missing part of an ellipsis quote, or the whole quote.
fn query(u: &Unverified) -> (Option<usize>, &str) {
    let parts = u.fragments.as_slice();
    match u.miss {
        Miss::FragmentMissing { index } => (Some(index), &parts[index]),
        _ => (None, &parts[0]),
    }
}

fn source_place(source: &Source, offset: usize) -> SourcePlace {
    SourcePlace {
        source: source.id.clone(),
        path: source.path.clone(),
        at: source.lines.line_col(&source.text, offset),
    }
}

fn finding(u: Unverified, detail: Detail) -> Finding {
    let ids = format!("`{}`", u.ids.join("`, `"));
    let parts = u.fragments.as_slice();
    let (code, message) = match (&detail, u.inline) {
        (Detail::Elsewhere(place), false) => (
            Code::QuoteMisattributed,
            format!("quote is not in {ids} but is in `{}`", place.source),
        ),
        (Detail::Elsewhere(place), true) => (
            Code::QuoteMisattributed,
            format!(
                "quotation {} is not in the cited sources ({ids}) but is in `{}`",
                excerpt(&u.quote),
                place.source
            ),
        ),
        (_, true) => (
            Code::InlineQuoteNotFound,
            format!(
                "quotation {} not found in the cited sources ({ids})",
                excerpt(&u.quote)
            ),
        ),
        (_, false) => (Code::QuoteNotFound, cited_message(&u, &ids, parts)),
    };
    Finding {
        code,
        place: u.place,
        message,
        source: (!u.inline).then(|| u.ids[0].clone()),
        quote: Some(u.quote),
        help: help(&detail, u.inline),
        detail: Some(detail),
    }
}

fn cited_message(u: &Unverified, ids: &str, parts: &[String]) -> String {
    match u.miss {
        Miss::NotFound => format!("quote not found in {ids}"),
        Miss::FragmentMissing { index } => format!(
            "quote not found in {ids}: part {} of {} (`{}`) is not in the source",
            index + 1,
            parts.len(),
            parts[index]
        ),
        Miss::FragmentOutOfPlace { index, placing } => {
            let how = match placing {
                Placing::OutOfOrder { .. } => format!("comes only before part {index}"),
                Placing::TooFarApart { gap, .. } => format!(
                    "comes {} characters after part {index}; an ellipsis may skip at most {}",
                    thousands(gap),
                    thousands(MAX_GAP)
                ),
            };
            format!(
                "quote not found in {ids}: part {} (`{}`) {how}",
                index + 1,
                parts[index]
            )
        }
    }
}

fn help(detail: &Detail, inline: bool) -> String {
    let help = match detail {
        Detail::Nearest(near) if near.comparison.difference.only_typography() => {
            "copy the source's characters exactly: quotation marks, apostrophes, dashes, spaces and case count"
        }
        Detail::Nearest(_) => {
            "copy the source's words exactly (only whitespace may differ), or cut the quote with an ellipsis"
        }
        Detail::NoClosePassage if inline => {
            "quote the source's words exactly, or cite the source they come from"
        }
        Detail::NoClosePassage => {
            "nothing in the source is close: check that the quote comes from this source"
        }
        Detail::QuoteTooLong { .. } => {
            "compare the quote with the source by hand, or cut it into shorter quotes with ellipses"
        }
        Detail::Elsewhere(place) => {
            return format!("cite `{}` for these words", place.source);
        }
        Detail::Fragment(f) if f.gap.is_some() => {
            "quote the parts in separate citations, or quote the words between them"
        }
        Detail::Fragment(_) => {
            "put the parts in the order the source has them, or quote them separately"
        }
    };
    help.to_owned()
}
