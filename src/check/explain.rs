//! Findings for quotes that were not found: what the sources have instead, and what to do.
//!
//! For each quote not found this looks, in order, for the quote verbatim in another source
//! (`quote-misattributed`), for the parts of an ellipsis quote standing in the wrong order or
//! too far apart, and for the nearest passage of the cited sources ([`crate::nearest`]),
//! compared word by word ([`crate::nearest::difference`]). All of it is advice: a quote is verified
//! only by the exact match that already failed.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::finding::{Code, Detail, Finding, FragmentPlace, NearMiss, SourcePlace};
use crate::matching::anchor::Rarity;
use crate::matching::batch::Batch;
use crate::matching::gap::{BRACKET_WORDS, Gap, Join, MAX_GAP_BYTES, drops_negation};
use crate::matching::pattern::{Fragments, MAX_GAP, Miss, Placing};
use crate::nearest::MAX_WORDS;
use crate::nearest::difference::{Nature, compare};
use crate::outline::Place;
use crate::search::near::Candidate;
use crate::search::{Answers, Plan};
use crate::sources::{Source, SourceSet};
use crate::text::excerpt::{excerpt, thousands};
use crate::text::position::LineCol;

/// A quote that was not found verbatim in the sources it was checked against.
#[derive(Debug, Clone)]
pub(crate) struct Unverified {
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

/// The quotes not found of every outline that uses one sources folder, looked for together
/// in every source of the folder: a quote may have been cited from the wrong one.
#[derive(Debug)]
pub(crate) struct Elsewhere {
    batch: Arc<Batch>,
    /// Every source of the folder, resolved once for all the outlines using it.
    sources: Vec<Source>,
    /// The quotes of the batch (by index) found in some source, once the answers are in:
    /// most quotes not found in their own source are nowhere else either.
    anywhere: FxHashSet<usize>,
    /// The sources (by index) of each file answered (by its slot among the answers).
    by_slot: FxHashMap<usize, Vec<usize>>,
}

impl Elsewhere {
    /// Asks of `plan` where each of `quotes` stands in every source of the folder of
    /// `sources`; `None` when there is no quote to look for.
    pub(crate) fn ask(
        quotes: Vec<Fragments>,
        sources: &SourceSet,
        plan: &mut Plan,
        sample: Option<&Rarity>,
    ) -> Option<Self> {
        if quotes.is_empty() {
            return None;
        }
        let batch = Arc::new(Batch::with_sample(quotes, sample));
        let sources: Vec<Source> = sources.every_source().collect();
        for source in &sources {
            plan.find_batch(source, &batch);
        }
        Some(Self {
            batch,
            sources,
            anywhere: FxHashSet::default(),
            by_slot: FxHashMap::default(),
        })
    }

    /// Takes note of which quotes the `answers` found in some source of the folder.
    pub(crate) fn learn(&mut self, answers: &Answers) {
        for (i, source) in self.sources.iter().enumerate() {
            self.anywhere
                .extend(answers.found_indexes(source, &self.batch));
            if let Some(slot) = answers.slot(source) {
                self.by_slot.entry(slot).or_default().push(i);
            }
        }
    }

    /// The sources, in order, whose files have a passage close to `query` in `answers`
    /// (those [learnt](Self::learn)).
    fn near(&self, answers: &Answers, query: &str) -> impl Iterator<Item = &Source> {
        let mut near: Vec<usize> = (answers.near_slots(query).iter())
            .filter_map(|slot| self.by_slot.get(slot))
            .flatten()
            .copied()
            .collect();
        near.sort_unstable();
        near.into_iter().map(|i| &self.sources[i])
    }
}

/// The quotes of `unverified` worth looking for in other sources: punctuation alone proves
/// nothing about where words came from.
pub(crate) fn wanted_elsewhere(unverified: &[Unverified]) -> impl Iterator<Item = &Fragments> {
    (unverified.iter())
        .filter(|u| u.quote.chars().any(char::is_alphanumeric))
        .map(|u| &u.fragments)
}

/// Asks of `plan` for the passage nearest to each of `unverified` in its own sources.
///
/// The first quotes are looked for in the folder's other sources too, up to
/// [`NEAR_ELSEWHERE`] quote and source pairs and [`NEAR_ELSEWHERE_BYTES`] bytes searched: a
/// quote cited from the wrong source often carries a slip as well (a model's draft makes both
/// errors at once).
/// Every source of a sources folder, with their size on disk: found once for all the
/// outlines that use the folder.
pub(crate) struct Folder {
    sources: Vec<Source>,
    bytes: u64,
}

impl Folder {
    /// The sources of the folder of `sources`.
    pub(crate) fn of(sources: &SourceSet) -> Self {
        let sources: Vec<Source> = sources.every_source().collect();
        // The size on disk, as the plan orders files by: a file that cannot be read counts
        // as empty here and is reported where it is read.
        let bytes = (sources.iter())
            .map(|s| std::fs::metadata(&s.resolved).map_or(0, |m| m.len()))
            .sum();
        Self { sources, bytes }
    }
}

pub(crate) fn ask_near(
    unverified: &[Unverified],
    sources: &SourceSet,
    folder: impl FnOnce() -> std::rc::Rc<Folder>,
    plan: &mut Plan,
) {
    // Parts too far apart are told with all that stands between them, measured now: the
    // search counted only as far as settled the verdict.
    for u in unverified {
        if let Miss::FragmentOutOfPlace {
            placing: Placing::TooFarApart { from, at, .. },
            ..
        } = u.miss
            && let Some(source) = u.ids.first().and_then(|id| sources.cited.get(id))
        {
            plan.measure(source, from..at);
        }
    }
    let wanted: Vec<&Unverified> = unverified.iter().filter(|u| wants_passage(u)).collect();
    if wanted.is_empty() {
        return;
    }
    for u in &wanted {
        for source in u.ids.iter().filter_map(|id| sources.cited.get(id)) {
            plan.near(source, query(u).1);
        }
    }
    let folder = folder();
    let others = &folder.sources;
    let quotes = (NEAR_ELSEWHERE / others.len().max(1))
        .min(usize::try_from(NEAR_ELSEWHERE_BYTES / folder.bytes.max(1)).unwrap_or(usize::MAX));
    for u in wanted.into_iter().take(quotes) {
        for source in others.iter().filter(|s| !u.ids.contains(&s.id)) {
            plan.near(source, query(u).1);
        }
    }
}

/// The most quote and source pairs whose nearest passage is looked for in a source the
/// quote does not cite.
const NEAR_ELSEWHERE: usize = 2_000;

/// The most bytes of the folder's sources the nearest passages of quotes are looked for in,
/// over all the quotes of an outline: the search costs about 1.3 ms a megabyte, so a folder
/// of 64 MB gets one quote looked for elsewhere, a folder of 2 MB thirty-two.
const NEAR_ELSEWHERE_BYTES: u64 = 64 << 20;

/// How much likelier a passage of another source must be than the cited source's nearest
/// for the finding to show it instead.
const LIKELIER_ELSEWHERE: f64 = 0.1;

/// Turns every quote not found into a finding that says what the sources have instead,
/// from the answers to the check's searches (`found`) and to the questions of
/// [`Elsewhere::ask`] and [`ask_near`] (`asked`).
pub(crate) fn explain(
    unverified: &[Unverified],
    sources: &SourceSet,
    elsewhere: Option<&Elsewhere>,
    found: &Answers,
    asked: &Answers,
) -> Vec<Finding> {
    let about = About {
        sources,
        elsewhere,
        found,
        asked,
    };
    unverified
        .iter()
        .map(|u| {
            // A copy, made on the thread at hand, and what the finding does not keep of it
            // dropped there: outlines are explained on several threads, and threads freeing
            // what the main thread allocated wait on its allocator arena's lock (a check of
            // 2,000 misquotes of Markov text waited 1,400 to 2,000 times so, against some 50
            // with the copy).
            let mut u = u.clone();
            let unread = (u.ids.iter()).find_map(|id| Some((id.clone(), about.unreadable(id)?)));
            if let Some((id, error)) = unread {
                return unreadable(u, id, &error);
            }
            u.miss = about.measured(&u);
            let elsewhere = about.elsewhere(&u);
            let near = wants_passage(&u).then(|| about.near_miss(&u)).flatten();
            // A quote verbatim in another source is told as such; only a quote nowhere
            // verbatim looks for a likelier passage in another source.
            let near = match elsewhere {
                Some(_) => near,
                None => about.likelier_elsewhere(&u, near),
            };
            let detail = about.detail(&u, elsewhere, near);
            finding(u, detail)
        })
        .collect()
}

/// Parts out of order are explained by where the parts are; no passage is needed.
fn wants_passage(u: &Unverified) -> bool {
    !matches!(u.miss, Miss::FragmentOutOfPlace { .. })
}

/// Everything known about the quotes of one outline that were not found.
struct About<'a> {
    sources: &'a SourceSet,
    elsewhere: Option<&'a Elsewhere>,
    found: &'a Answers,
    asked: &'a Answers,
}

impl About<'_> {
    /// Why the source `id` could not be read as text, if it could not.
    fn unreadable(&self, id: &str) -> Option<Arc<crate::error::Error>> {
        let error = self.found.error(self.sources.cited.get(id)?)?;
        error.is_unreadable_source().then_some(error)
    }

    /// The quote's miss, with parts too far apart measured whole in its first source.
    fn measured(&self, u: &Unverified) -> Miss {
        let Miss::FragmentOutOfPlace {
            index,
            placing:
                Placing::TooFarApart {
                    at,
                    previous,
                    from,
                    gap,
                },
        } = u.miss
        else {
            return u.miss;
        };
        let source = u.ids.first().and_then(|id| self.sources.cited.get(id));
        let gap = source
            .and_then(|s| self.asked.measure(s, from..at))
            .unwrap_or(gap);
        Miss::FragmentOutOfPlace {
            index,
            placing: Placing::TooFarApart {
                at,
                previous,
                from,
                gap,
            },
        }
    }

    /// What to tell the writer about one quote, most telling first.
    fn detail(
        &self,
        u: &Unverified,
        elsewhere: Option<SourcePlace>,
        near: Option<NearMiss>,
    ) -> Detail {
        // Words only typography away from the cited source were taken from it, even when
        // another source happens to have them as written.
        let typography_only = near
            .as_ref()
            .is_some_and(|n| n.comparison.difference.only_typography());
        match (elsewhere, u.miss, near) {
            (Some(place), _, _) if !typography_only => Detail::Elsewhere(place),
            (_, Miss::FragmentOutOfPlace { index, placing }, _) => self
                .fragment(u, index, placing)
                .map_or(Detail::NoClosePassage, Detail::Fragment),
            (_, _, Some(near)) => Detail::Nearest(Box::new(near)),
            (_, _, None) => {
                let words = crate::nearest::fold::words(query(u).1).count();
                if words > MAX_WORDS {
                    Detail::QuoteTooLong {
                        words,
                        most: MAX_WORDS,
                    }
                } else {
                    Detail::NoClosePassage
                }
            }
        }
    }

    /// The first other source that has the quote verbatim: the outline's cited sources
    /// first, then the rest of the folder, each in the order of their ids.
    fn elsewhere(&self, u: &Unverified) -> Option<SourcePlace> {
        let elsewhere = self.elsewhere?;
        if !(elsewhere.batch.index_of(&u.fragments))
            .is_some_and(|i| elsewhere.anywhere.contains(&i))
        {
            return None;
        }
        let uncited = (elsewhere.sources.iter())
            .filter(|source| !self.sources.cited.contains_key(&source.id));
        let others = (self.sources.cited.values().chain(uncited))
            .filter(|source| !u.ids.contains(&source.id));
        for source in others {
            if let Some(at) = self.asked.found_in(source, &elsewhere.batch, &u.fragments) {
                return Some(source_place(source, at, None));
            }
        }
        None
    }

    /// Where an out-of-place part and the part before it stand in the first source searched.
    fn fragment(&self, u: &Unverified, index: usize, placing: Placing) -> Option<FragmentPlace> {
        let source = self.sources.cited.get(u.ids.first()?)?;
        let (at, previous, gap) = match placing {
            Placing::OutOfOrder { at, previous } => (at, previous, None),
            Placing::TooFarApart {
                at, previous, gap, ..
            } => (at, previous, Some(gap)),
        };
        let place = |offset| {
            let at = self.found.line_col(source, offset)?;
            Some(source_place(source, at, self.found.page(source, offset)))
        };
        Some(FragmentPlace {
            part: index,
            text: u.fragments.as_slice()[index].clone(),
            at: place(at)?,
            previous: place(previous)?,
            gap,
            join: u.fragments.joins()[index - 1],
        })
    }

    /// The nearest close passage of the quote's sources, the likest if several have one.
    fn near_miss(&self, u: &Unverified) -> Option<NearMiss> {
        self.nearest_in(u, u.ids.iter().filter_map(|id| self.sources.cited.get(id)))
    }

    /// `near`, or a passage of a source the quote does not cite if that one is much likelier.
    fn likelier_elsewhere(&self, u: &Unverified, near: Option<NearMiss>) -> Option<NearMiss> {
        let Some(elsewhere) = self.elsewhere else {
            return near;
        };
        if !wants_passage(u) {
            return near;
        }
        // Only the sources with a close passage can have the likeliest.
        let likely = elsewhere.near(self.asked, query(u).1);
        let others = likely.filter(|s| !u.ids.contains(&s.id));
        let Some(other) = self.nearest_in(u, others) else {
            return near;
        };
        let likeness = |n: &NearMiss| n.comparison.similarity;
        match &near {
            Some(n) if likeness(&other) < likeness(n) + LIKELIER_ELSEWHERE => near,
            _ => Some(other),
        }
    }

    /// The nearest close passage of `sources`, the likest if several have one.
    fn nearest_in<'s>(
        &self,
        u: &Unverified,
        sources: impl Iterator<Item = &'s Source>,
    ) -> Option<NearMiss> {
        let (part, query) = query(u);
        let mut best: Option<(&Source, &Candidate)> = None;
        for source in sources {
            let Some(candidate) = self.asked.near(source, query) else {
                continue;
            };
            if best.is_none_or(|(_, b)| candidate.likeness > b.likeness) {
                best = Some((source, candidate));
            }
        }
        let (source, candidate) = best?;
        Some(NearMiss {
            place: source_place(source, candidate.at, candidate.page),
            comparison: compare(query, &candidate.text),
            text: candidate.text.clone(),
            part,
            cut_short: candidate.cut_short,
            cuts: candidate.cuts.clone(),
            negation: candidate.negation.clone(),
            negation_in_sentence: candidate.negation_in_sentence,
        })
    }
}

/// What to search for: the one missing part of an ellipsis quote, or the whole quote.
fn query(u: &Unverified) -> (Option<usize>, &str) {
    let parts = u.fragments.as_slice();
    match u.miss {
        Miss::FragmentMissing { index } => (Some(index), &parts[index]),
        _ => (None, &parts[0]),
    }
}

fn source_place(source: &Source, at: LineCol, page: Option<usize>) -> SourcePlace {
    SourcePlace {
        source: source.id.clone(),
        path: source.path.clone(),
        at,
        page: page.map(|p| source.printed_page(p)),
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
        (Detail::Fragment(f), _) if stitched(f) => {
            (Code::EllipsisStitches, cited_message(&u, &ids, parts))
        }
        (Detail::Nearest(near), inline) if !u.ids.contains(&near.place.source) => {
            let code = match inline {
                true => Code::InlineQuoteNotFound,
                false => Code::QuoteNotFound,
            };
            let what = match inline {
                true => format!("quotation {}", excerpt(&u.quote)),
                false => "quote".to_owned(),
            };
            (
                code,
                format!(
                    "{what} not found in {ids}; the nearest passage is in `{}`",
                    near.place.source
                ),
            )
        }
        (_, false) => (Code::QuoteNotFound, cited_message(&u, &ids, parts)),
    };
    Finding {
        code,
        place: u.place,
        message,
        source: (!u.inline).then(|| u.ids[0].clone()),
        quote: Some(u.quote),
        help: help(&detail, u.inline, &u.ids),
        detail: Some(detail),
    }
}

/// The finding for quote `u`, which cites the source `id` that cannot be read: what is wrong
/// with the file, and how to mend it.
fn unreadable(u: Unverified, id: String, error: &crate::error::Error) -> Finding {
    Finding {
        code: Code::SourceUnreadable,
        place: u.place,
        message: format!(
            "source `{}` cannot be read, so the quote is not verified: {}",
            crate::text::visible::visible(&id),
            crate::text::visible::visible(&error.to_string())
        ),
        source: (!u.inline).then_some(id),
        quote: Some(u.quote),
        help: error.help(),
        detail: None,
    }
}

fn cited_message(u: &Unverified, ids: &str, parts: &[String]) -> String {
    match u.miss {
        Miss::NotFound => format!("quote not found in {ids}"),
        Miss::CutShort => format!(
            "quote not verified in {ids}: the search was cut short at its budget (README: limits)"
        ),
        Miss::FragmentMissing { index } => format!(
            "quote not found in {ids}: part {} of {} (`{}`) is not in the source",
            index + 1,
            parts.len(),
            parts[index]
        ),
        Miss::FragmentOutOfPlace { index, placing } => {
            let how = match placing {
                Placing::OutOfOrder { .. } => format!("comes only before part {index}"),
                Placing::TooFarApart { gap, .. } => {
                    too_far(u.fragments.joins()[index - 1], &gap, index)
                }
            };
            let stitches = matches!(placing, Placing::TooFarApart { gap, .. }
                if u.fragments.joins()[index - 1] == Join::Ellipsis && within_reach(&gap));
            let elided = u.fragments.joins()[index - 1] != Join::Bracket;
            let negation = elided
                && matches!(placing, Placing::TooFarApart { gap, .. } if drops_negation(&gap));
            let what = match (negation, stitches) {
                (true, _) => format!("the ellipsis leaves out a negation in {ids}"),
                (false, true) => format!("the ellipsis joins parts that stand apart in {ids}"),
                (false, false) => format!("quote not found in {ids}"),
            };
            format!("{what}: part {} (`{}`) {how}", index + 1, parts[index])
        }
    }
}

/// Whether an out-of-place part follows the one before within the characters an ellipsis may
/// skip, but across more sentences or paragraphs than its dots allow: a stitched claim.
fn stitched(f: &FragmentPlace) -> bool {
    f.gap.is_some_and(|gap| {
        matches!(f.join, Join::Ellipsis) && within_reach(&gap) && !f.join.allows(&gap)
    })
}

/// Whether `gap` is no longer than an ellipsis may skip, in characters and in bytes.
fn within_reach(gap: &Gap) -> bool {
    gap.chars <= MAX_GAP && gap.bytes <= MAX_GAP_BYTES
}

/// How far part `index` (1-based: the part before it) stands from the part before, and
/// what `join` allows.
fn too_far(join: Join, gap: &Gap, index: usize) -> String {
    let sentences = plural(gap.sentences, "sentence end", "sentence ends");
    let paragraphs = plural(gap.paragraphs, "paragraph break", "paragraph breaks");
    match join {
        _ if gap.chars > join.max_chars() => format!(
            "comes {} characters after part {index}; an ellipsis may skip at most {}",
            thousands(gap.chars),
            thousands(MAX_GAP)
        ),
        _ if gap.bytes > MAX_GAP_BYTES => format!(
            "comes {} characters but {} bytes after part {index}, most of them whitespace; the \
             parts of a quote stand at most {} bytes apart",
            thousands(gap.chars),
            thousands(gap.bytes),
            thousands(MAX_GAP_BYTES)
        ),
        Join::Ellipsis | Join::Sentences if drops_negation(gap) => {
            format!(
                "comes {} after part {index}, and the ellipsis would leave out a negation (`not`, \
                 `no`, `never`…) between them: that turns the claim around",
                plural(gap.words, "word", "words"),
            )
        }
        Join::Ellipsis => {
            let sentences = plural(gap.plain_sentences, "sentence end", "sentence ends");
            let across = match gap.paragraphs {
                0 => sentences,
                _ => format!("{sentences} and {paragraphs}"),
            };
            format!(
                "comes {} after part {index}, across {across}; three dots leave out words \
                 within one sentence of one paragraph: to leave out a sentence's end, end part \
                 {index} with its period (four dots: `. …`)",
                plural(gap.words, "word", "words"),
            )
        }
        Join::Bracket => {
            let words = plural(gap.words, "word", "words");
            let across = match (gap.sentences, gap.paragraphs) {
                (0, 0) => String::new(),
                (_, 0) => format!(", across {sentences}"),
                _ => format!(", across {sentences} and {paragraphs}"),
            };
            let holding = match (gap.negations, gap.brackets) {
                (0, 0) => String::new(),
                (0, _) => ", past brackets of the source's own".to_owned(),
                _ => ", past a negation (`not`, `no`, `never`…)".to_owned(),
            };
            format!(
                "comes {words} after part {index}{across}{holding}; a bracket stands for at most \
                 {BRACKET_WORDS} words of the same sentence, never a negation or a bracket of \
                 the source's"
            )
        }
        Join::Sentences => format!("comes too far after part {index}"),
    }
}

/// Help for a near miss whose difference the writer cannot see: a cut word, characters in
/// the source that print as nothing, accents decomposed.
fn unseen_help(near: &NearMiss) -> Option<String> {
    if let Some(word) = near.cuts.first() {
        return Some(format!(
            "quote the whole of `{word}`, or end the quote before it"
        ));
    }
    if let Some(negation) = &near.negation {
        return Some(match near.negation_in_sentence {
            true => format!(
                "quote the sentence as far as `{negation}`, or do not cut it with an ellipsis: an ellipsis may not leave out a negation of the quote's sentence"
            ),
            false => format!(
                "quote `{negation}` with these words, or do not quote them: a quote may not leave out the negation beside it"
            ),
        });
    }
    let d = &near.comparison.difference;
    let all = || d.typography.iter().chain(&d.changed);
    if all().any(|s| s.nature() == Nature::Hidden) {
        let path = near.place.path.display();
        return Some(format!(
            "the source holds invisible characters (soft hyphens, zero-width spaces, direction marks) inside these words; do not copy them into the quote: clean the source, for example `perl -CSD -pi -e 's/\\p{{Default_Ignorable_Code_Point}}//g' {path}` (or take it in again with `report sources add`, which removes them), then check again"
        ));
    }
    if all().any(|s| s.nature() == Nature::DecomposedSource) {
        let path = near.place.path.display();
        return Some(format!(
            "the source has its accents as separate characters: convert it to NFC, for example `python3 -c \"import sys,unicodedata as u;p=sys.argv[1];t=open(p,encoding='utf-8').read();open(p,'w',encoding='utf-8').write(u.normalize('NFC',t))\" {path}`, then check again"
        ));
    }
    if all().any(|s| s.nature() == Nature::Decomposed) {
        return Some(
            "retype the accented letters so that each is one character (text copied on macOS often splits them), or convert the outline to NFC".to_owned(),
        );
    }
    None
}

/// `1 word`, `3 words`.
fn plural(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        _ => format!("{} {many}", thousands(n)),
    }
}

fn help(detail: &Detail, inline: bool, ids: &[String]) -> String {
    if let Detail::Nearest(near) = detail
        && let Some(help) = unseen_help(near)
    {
        return help;
    }
    if let Detail::Nearest(near) = detail
        && !ids.contains(&near.place.source)
    {
        return format!(
            "if these words come from `{}`, cite it, and copy its words exactly",
            near.place.source
        );
    }
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
        Detail::Fragment(f)
            if f.join != Join::Bracket && f.gap.as_ref().is_some_and(drops_negation) =>
        {
            "quote the negation with the words around it, or quote the parts separately"
        }
        Detail::Fragment(f) if stitched(f) => {
            "quote the parts in separate quotes; to leave out whole sentences or paragraphs, end the sentence before the ellipsis with its period (four dots: `. …`)"
        }
        Detail::Fragment(f) if f.gap.is_some() && f.join == Join::Bracket => {
            "quote the words the bracket stands for, or split the quote at the bracket"
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
