//! Every search of a run answered with one read of each source file, on several threads.
//!
//! A run first asks all its questions ([`Plan`]): which quotes to find in which file, which
//! quotes to look for in every file of a folder (a quote cited from the wrong source), and
//! which quotes need the nearest passage of a file. [`Plan::answer`] then reads each file
//! once, into a buffer its thread reuses, answers everything asked of it in one pass per
//! kind of question, and keeps only the answers. The text is dropped before the thread reads
//! its next file, so memory holds one source per thread, however many outlines cite it. The
//! samples the files' own searches took to choose anchors are added up as they are answered
//! ([`Answers::sample`]): quotes looked for in every file afterwards choose theirs by it.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::Error;
use crate::files::containment::Chosen;
use crate::matching::anchor::Rarity;
use crate::matching::batch::Batch;
use crate::matching::gap::{Gap, measure_all};
use crate::matching::pattern::{Fragments, Miss, Placing};
use crate::search::near::{self, Candidate};
use crate::search::progress::{Progress, Round, Step};
use crate::sources::{Source, Text};
use crate::text::position::LineCol;
use crate::text::stretches::MOST_STRETCHES;

/// The questions a run asks of its source files.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    files: Vec<Asked>,
    slots: Slots,
    /// Whether to compute each file's SHA-256.
    hash: bool,
}

/// Each file's slot, by its resolved path as bytes: a path hashes component by component,
/// and a run of ten thousand quotes looks a file up for each of them, twice.
type Slots = FxHashMap<std::ffi::OsString, usize>;

/// What is asked of one file.
#[derive(Debug)]
struct Asked {
    path: PathBuf,
    resolved: PathBuf,
    within: PathBuf,
    quotes: FxHashSet<Fragments>,
    /// Readings of a quote asked only when its first reading, of `quotes`, is not found:
    /// the verdict is the first reading found ([`Plan::find_first`]).
    later: Vec<(Fragments, Vec<Fragments>)>,
    shared: Vec<Arc<Batch>>,
    near: FxHashSet<String>,
    /// Stretches to measure whole ([`crate::matching::gap::measure`]), by their bytes.
    measures: FxHashSet<(usize, usize)>,
    /// Whether its paragraphs are counted: a source made from blocks (a web page, a Word
    /// file), one paragraph per block.
    paragraphs: bool,
    /// Which of its paragraphs are headings (a web page's), from 1.
    headings: Vec<usize>,
    /// Quotes whose citation states a physical page: each is looked for on that page too,
    /// should it first stand elsewhere.
    on_page: FxHashSet<(Fragments, usize)>,
}

impl Plan {
    /// A plan that also computes the SHA-256 of every file when `hash` is set.
    pub(crate) fn new(hash: bool) -> Self {
        Self {
            hash,
            ..Self::default()
        }
    }

    fn asked(&mut self, source: &Source) -> &mut Asked {
        // Most questions are of a file already asked: its path is not copied for them.
        if let Some(&slot) = self.slots.get(source.resolved.as_os_str()) {
            return &mut self.files[slot];
        }
        let slot = self.files.len();
        (self.slots).insert(source.resolved.clone().into_os_string(), slot);
        self.files.push(Asked {
            path: source.path.clone(),
            resolved: source.resolved.clone(),
            within: source.within.clone(),
            quotes: FxHashSet::default(),
            later: Vec::new(),
            shared: Vec::new(),
            near: FxHashSet::default(),
            measures: FxHashSet::default(),
            paragraphs: source.in_paragraphs(),
            headings: headings_of(source),
            on_page: FxHashSet::default(),
        });
        &mut self.files[slot]
    }

    /// Asks where the first of `readings` (a quote read several ways, in order) stands in
    /// `source`, and where each of the others does only if that one does not: a quote's
    /// verdict is the first reading found, and most quotes are found as written. The others
    /// are looked for in a second pass over the same text, only in a file where some first
    /// reading is missing.
    pub(crate) fn find_first<'f>(
        &mut self,
        source: &Source,
        mut readings: impl Iterator<Item = &'f Fragments>,
    ) {
        let Some(first) = readings.next() else { return };
        let asked = self.asked(source);
        asked.quotes.insert(first.clone());
        let later: Vec<Fragments> = readings.cloned().collect();
        if !later.is_empty() {
            asked.later.push((first.clone(), later));
        }
    }

    /// Asks where `quote` stands on physical page `page` (from 1) of `source`, should it
    /// first stand on another: a phrase a document repeats (a running header, a refrain) is
    /// cited from any page it stands on.
    pub(crate) fn find_on_page(&mut self, source: &Source, quote: &Fragments, page: usize) {
        self.asked(source).on_page.insert((quote.clone(), page));
    }

    /// Asks which of the quotes of `batch` stand in `source`, and where.
    pub(crate) fn find_batch(&mut self, source: &Source, batch: &Arc<Batch>) {
        let asked = self.asked(source);
        if !asked.shared.iter().any(|b| Arc::ptr_eq(b, batch)) {
            asked.shared.push(Arc::clone(batch));
        }
    }

    /// Asks what stands in the bytes `range` of `source`, measured whole.
    pub(crate) fn measure(&mut self, source: &Source, range: Range<usize>) {
        self.asked(source).measures.insert((range.start, range.end));
    }

    /// Asks for the passage of `source` nearest to `query`.
    pub(crate) fn near(&mut self, source: &Source, query: &str) {
        self.asked(source).near.insert(query.to_owned());
    }

    /// Reads every file once, on up to `jobs` threads, and answers what was asked of it,
    /// telling `progress` of each file done. The biggest files go first, so that the threads
    /// finish together; a thread that takes a file while others have none left shares the
    /// file's reading and passes with them (a large file alone, or last).
    pub(crate) fn answer(
        self,
        jobs: NonZeroUsize,
        progress: Option<(&Progress, Round)>,
    ) -> Answers {
        let mut order: Vec<(u64, usize)> = (self.files.iter().enumerate())
            .map(|(i, f)| (std::fs::metadata(&f.resolved).map_or(0, |m| m.len()), i))
            .collect();
        order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let hash = self.hash;
        let done = AtomicUsize::new(0);
        // The samples taken of the files searched for their own quotes, added up as each
        // file is answered (in any order: a count that stops at its largest is the same).
        let sampled: Mutex<Option<Rarity>> = Mutex::new(None);
        // The threads at work on a file, and the files taken: a file taken when no other is
        // left shares its reading and passes with the threads that have none (up to as
        // many as it has stretches).
        let working = AtomicUsize::new(0);
        let taken = AtomicUsize::new(0);
        let answered = crate::search::workers::map(&order, jobs, Vec::new, |buffer, &(_, i)| {
            let busy = working.fetch_add(1, Ordering::Relaxed) + 1;
            let left = order.len() - (taken.fetch_add(1, Ordering::Relaxed) + 1).min(order.len());
            let idle = jobs.get().saturating_sub(busy + left);
            let threads = (idle + 1).min(MOST_STRETCHES);
            let mut answered = answer(&self.files[i], buffer, hash, threads);
            working.fetch_sub(1, Ordering::Relaxed);
            if let Some(sample) = answered.as_mut().ok().and_then(|a| a.sample.take()) {
                let mut sampled = sampled.lock().unwrap_or_else(|p| p.into_inner());
                match sampled.as_mut() {
                    Some(all) => all.absorb(&sample),
                    None => *sampled = Some(sample.without_fours()),
                }
            }
            if let Some((progress, round)) = progress {
                progress.tell(Step {
                    round,
                    done: done.fetch_add(1, Ordering::Relaxed) + 1,
                    total: order.len(),
                });
            }
            answered
        });
        let mut files: Vec<Option<Result<Answered, Arc<Error>>>> =
            (0..order.len()).map(|_| None).collect();
        for ((_, i), answer) in order.into_iter().zip(answered) {
            files[i] = Some(answer);
        }
        let files: Vec<Result<Answered, Arc<Error>>> = files.into_iter().flatten().collect();
        let mut near: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (slot, answered) in files.iter().enumerate() {
            for query in answered.iter().flat_map(|a| a.near.keys()) {
                match near.get_mut(query.as_str()) {
                    Some(slots) => slots.push(slot),
                    None => _ = near.insert(query.clone(), vec![slot]),
                }
            }
        }
        Answers {
            slots: self.slots,
            files,
            near,
            sample: sampled.into_inner().unwrap_or_else(|p| p.into_inner()),
        }
    }
}

/// What one file answered.
#[derive(Debug)]
struct Answered {
    /// Where each quote asked about stands. (The batch itself, automaton and all, is
    /// dropped with the text: a run may ask of hundreds of files.)
    found: FxHashMap<Fragments, Result<Range<usize>, Miss>>,
    /// Where a quote stands on the page its citation states, when it first stands elsewhere.
    on_page: FxHashMap<(Fragments, usize), Range<usize>>,
    /// Line and column of every offset the answers name.
    positions: FxHashMap<usize, LineCol>,
    /// For each shared batch, where its quotes found here start.
    shared: Vec<(Arc<Batch>, FxHashMap<usize, LineCol>)>,
    near: FxHashMap<String, Candidate>,
    measures: FxHashMap<(usize, usize), Gap>,
    sha256: Option<String>,
    /// Where the text's form feeds are: the ends of its pages.
    page_breaks: Vec<usize>,
    /// Where its blank lines are, for a source whose paragraphs are counted.
    paragraph_breaks: Vec<usize>,
    /// Its headings' paragraphs (from 1) and words, in order.
    headings: Vec<(usize, String)>,
    /// The sample of the text its quotes' anchors were chosen by, if it had quotes: taken
    /// out as soon as it is answered.
    sample: Option<Rarity>,
}

/// What `asked` asks of its file, read into `buffer`, its passes shared by up to `threads`
/// threads.
fn answer(
    asked: &Asked,
    buffer: &mut Vec<u8>,
    hash: bool,
    threads: usize,
) -> Result<Answered, Arc<Error>> {
    let mut text = Text::read_on(
        &asked.path,
        &asked.within,
        Chosen::ByProject,
        std::mem::take(buffer),
        threads,
    )
    .map_err(Arc::new)?;
    let quotes = asked.quotes.iter().cloned().collect();
    let (mut found, sample) = find_all(quotes, &text.text, threads);
    // The later readings of the quotes whose first reading is not here.
    let missing = |first: &Fragments| !found.get(first).is_some_and(Result::is_ok);
    let later: FxHashSet<Fragments> = (asked.later.iter())
        .filter(|(first, _)| missing(first))
        .flat_map(|(_, later)| later)
        .filter(|q| !found.contains_key(*q))
        .cloned()
        .collect();
    if !later.is_empty() {
        found.extend(find_all(later.into_iter().collect(), &text.text, threads).0);
    }
    let verified = found.iter().filter_map(|(q, f)| Some((q, f.clone().ok()?)));
    confirmed(asked, &text.text, verified)?;
    let places = found.values().flat_map(offsets);
    let mut positions: FxHashMap<usize, LineCol> =
        crate::text::position::line_cols(&text.text, places)
            .into_iter()
            .collect();
    let mut on_page = FxHashMap::default();
    for (quote, page) in &asked.on_page {
        let Some(Ok(first)) = found.get(quote) else {
            continue;
        };
        if crate::sources::page_at(&text.page_breaks, first.start) == Some(*page) {
            continue;
        }
        if let Some(place) = place_on_page(&text.text, &text.page_breaks, quote, *page) {
            confirmed(asked, &text.text, [(quote, place.clone())])?;
            positions.insert(place.start, text.line_col(place.start));
            on_page.insert((quote.clone(), *page), place);
        }
    }
    let shared = (asked.shared.iter())
        .map(|b| {
            let places: Vec<(usize, Range<usize>)> =
                (b.find_all_on(&text.text, threads).into_iter())
                    .enumerate()
                    .filter_map(|(i, f)| Some((i, f.ok()?)))
                    .collect();
            let verified = places.iter().map(|(i, p)| (&b.quotes()[*i], p.clone()));
            confirmed(asked, &text.text, verified)?;
            let hits = (places.into_iter())
                .map(|(i, p)| (i, text.line_col(p.start)))
                .collect();
            Ok((Arc::clone(b), hits))
        })
        .collect::<Result<_, Arc<Error>>>()?;
    // Each query's passage depends on that query alone, so their order does not matter.
    let queries: Vec<&str> = asked.near.iter().map(String::as_str).collect();
    let near = (crate::nearest::nearest_close_on(&text.text, &queries, threads).into_iter())
        .zip(queries)
        .filter_map(|(passage, query)| {
            let candidate = near::candidate(&text, query, passage?)?;
            Some((query.to_owned(), candidate))
        })
        .collect();
    // The stretches came from this file's own search; one that no longer fits (the file
    // changed since) is not measured.
    let stretches: Vec<Range<usize>> = (asked.measures.iter())
        .filter(|(start, end)| {
            start <= end && text.text.is_char_boundary(*start) && text.text.is_char_boundary(*end)
        })
        .map(|&(start, end)| start..end)
        .collect();
    let measured = measure_all(&text.text, &stretches);
    let measures = (stretches.into_iter())
        .map(|r| (r.start, r.end))
        .zip(measured)
        .collect();
    let sha256 = hash.then(|| text.sha256());
    let page_breaks = std::mem::take(&mut text.page_breaks);
    let paragraph_breaks = match asked.paragraphs {
        true => crate::sources::blank_lines(&text.text),
        false => Vec::new(),
    };
    let headings = (asked.headings.iter())
        .filter_map(|&n| Some((n, paragraph_text(&text.text, &paragraph_breaks, n)?)))
        .collect();
    *buffer = text.into_buffer();
    Ok(Answered {
        found,
        on_page,
        positions,
        shared,
        near,
        measures,
        sha256,
        page_breaks,
        paragraph_breaks,
        headings,
        sample,
    })
}

/// Where each quote stands in a file, or how it misses.
type Found = FxHashMap<Fragments, Result<Range<usize>, Miss>>;

/// Where each of `quotes` first stands in `text`, or how it misses, by one batch on up to
/// `threads` threads, with the sample of the text its anchors were chosen by. (The batch
/// itself, automaton and all, is dropped with the text: a run may ask of hundreds of files.)
fn find_all(quotes: Vec<Fragments>, text: &str, threads: usize) -> (Found, Option<Rarity>) {
    // A file read only for other questions (a folder searched for misquotes, a nearest
    // passage) has no quote of its own: no sample of it is taken to choose anchors.
    if quotes.is_empty() {
        return (FxHashMap::default(), None);
    }
    let sample = Rarity::of_text(text, crate::matching::batch::many(&quotes));
    let batch = Batch::build(quotes, &sample);
    let found = (batch.quotes().iter().cloned())
        .zip(batch.find_all_on(text, threads))
        .collect();
    (found, Some(sample))
}

/// Where the quote `quote`, of one fragment, first stands on physical page `page` (from 1) of
/// `text`, whose form feeds stand at `breaks`, or runs onto it from the page before: each
/// place of its rarest word there, compared whole by the matcher's own rules (boundaries,
/// numbers, negations beside it), at most [`MOST_TRIED`] of them.
fn place_on_page(
    text: &str,
    breaks: &[usize],
    quote: &Fragments,
    page: usize,
) -> Option<Range<usize>> {
    // A text without form feeds has no pages: no place is on one (and each quote stating a
    // page would otherwise look through the whole text).
    if quote.len() != 1 || page == 0 || breaks.is_empty() {
        return None;
    }
    let start_of = |page: usize| match page {
        1 => Some(0),
        n => breaks.get(n - 2).map(|b| b + 1),
    };
    let start = start_of(page.saturating_sub(1).max(1))?;
    let end = breaks.get(page - 1).copied().unwrap_or(text.len());
    let pattern = quote.pattern(0);
    let bytes = &text.as_bytes()[start..end];
    // The word of the quote rarest there, of its longest few: a page of one word repeated
    // is tried at the places of another.
    let mut words: Vec<usize> = (0..pattern.words()).collect();
    words.sort_by_key(|&i| std::cmp::Reverse(pattern.word(i).len()));
    words.dedup_by_key(|i| pattern.word(*i));
    let hits = |i: usize| {
        let word = pattern.word(i).as_bytes();
        memchr::memmem::find_iter(bytes, word)
            .take(MOST_TRIED + 1)
            .count()
    };
    let rarest = words.into_iter().take(RAREST_OF).min_by_key(|&i| hits(i))?;
    let on_page = |range: &Range<usize>| {
        let first = crate::sources::page_at(breaks, range.start);
        let last = crate::sources::page_at(breaks, range.end.saturating_sub(1).max(range.start));
        first
            .zip(last)
            .is_some_and(|(a, b)| (a..=b).contains(&page))
    };
    (memchr::memmem::find_iter(bytes, pattern.word(rarest).as_bytes()))
        .take(MOST_TRIED)
        .filter_map(|at| pattern.around_word(text, rarest, start + at))
        .find(on_page)
}

/// How many of a quote's longest words are counted on the page to find its rarest there.
const RAREST_OF: usize = 8;

/// The most places of a quote's rarest word tried on the page its citation states: a page
/// of that word repeated costs no more than this many comparisons, and past them the quote is
/// taken to be where it first stands.
const MOST_TRIED: usize = 1024;

/// The heading paragraphs a source's catalog names, sorted, without repeats, at most
/// [`MAX_HEADINGS`] (a catalog comes from the repository, like the rest).
fn headings_of(source: &Source) -> Vec<usize> {
    let mut headings = (source.meta.provenance.as_ref())
        .map(|p| p.headings.clone())
        .unwrap_or_default();
    headings.sort_unstable();
    headings.dedup();
    headings.truncate(MAX_HEADINGS);
    headings
}

/// The most headings of one source used to locate its quotes.
const MAX_HEADINGS: usize = 10_000;

/// The words of paragraph `n` (from 1) of `text`, whose blank lines end at `breaks`,
/// whitespace collapsed and cut to 80 characters; `None` past the end.
fn paragraph_text(text: &str, breaks: &[usize], n: usize) -> Option<String> {
    let start = match n {
        0 => return None,
        1 => 0,
        n => breaks.get(n - 2)? + 1,
    };
    let end = breaks.get(n - 1).map_or(text.len(), |&b| b);
    // Enough of it for 80 characters, however long the paragraph is.
    let end = end.min(crate::text::position::floor_char(
        text,
        (start + 1024).min(text.len()),
    ));
    let words = crate::text::whitespace::collapse(text.get(start..end.max(start))?);
    Some(match words.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &words[..cut]),
        None => words,
    })
}

/// The second look at every place found in the file of `asked` ([`crate::matching::confirm`]): a
/// place that does not hold up is an internal error, never a verified quote.
fn confirmed<'q>(
    asked: &Asked,
    text: &str,
    verified: impl IntoIterator<Item = (&'q Fragments, Range<usize>)>,
) -> Result<(), Arc<Error>> {
    let verified: Vec<_> = verified.into_iter().collect();
    crate::matching::confirm::confirm(text, verified.iter().cloned()).map_err(|d| {
        let quote = verified.iter().find(|(_, p)| *p == d.place);
        let quote = quote.map_or(String::new(), |(q, _)| {
            crate::text::excerpt::excerpt(&q.as_slice().join(" … "))
        });
        Arc::new(Error::Unconfirmed {
            path: asked.path.clone(),
            quote,
            start: d.place.start,
            end: d.place.end,
            what: d.what,
        })
    })
}

/// The offsets of the source that a search's answer names.
fn offsets(found: &Result<Range<usize>, Miss>) -> Vec<usize> {
    match found {
        Ok(range) => vec![range.start],
        Err(Miss::FragmentOutOfPlace { placing, .. }) => match *placing {
            Placing::OutOfOrder { at, previous } | Placing::TooFarApart { at, previous, .. } => {
                vec![at, previous]
            }
        },
        Err(_) => Vec::new(),
    }
}

/// The answers of a [`Plan`], by file.
#[derive(Debug)]
pub(crate) struct Answers {
    slots: Slots,
    files: Vec<Result<Answered, Arc<Error>>>,
    /// For each query asked for its nearest passage, the files (by slot, in order) that
    /// have a close one.
    near: FxHashMap<String, Vec<usize>>,
    /// The samples of the files searched for quotes of their own, added up: which runs of
    /// bytes are rare in the run's sources.
    sample: Option<Rarity>,
}

impl Answers {
    /// The samples of the files searched for quotes of their own, added up, if there were
    /// any: to choose the anchors of quotes looked for in every source
    /// ([`Batch::with_sample`]).
    pub(crate) fn sample(&self) -> Option<&Rarity> {
        self.sample.as_ref()
    }

    /// The slot of `source`'s file among the answers, if anything was asked of it.
    pub(crate) fn slot(&self, source: &Source) -> Option<usize> {
        self.slots.get(source.resolved.as_os_str()).copied()
    }

    /// The files (by [slot](Self::slot), in order) that have a passage close to `query`:
    /// a quote looked up in a folder's every source need look only at these.
    pub(crate) fn near_slots(&self, query: &str) -> &[usize] {
        self.near.get(query).map_or(&[], Vec::as_slice)
    }

    fn of(&self, source: &Source) -> Option<&Result<Answered, Arc<Error>>> {
        self.slots
            .get(source.resolved.as_os_str())
            .map(|&i| &self.files[i])
    }

    fn answered(&self, source: &Source) -> Option<&Answered> {
        self.of(source)?.as_ref().ok()
    }

    /// Why `source` could not be read, if it could not.
    pub(crate) fn error(&self, source: &Source) -> Option<Arc<Error>> {
        self.of(source)?.as_ref().err().map(Arc::clone)
    }

    /// Where `quote` first stands in `source` and the line and column it starts at, or how
    /// it misses. A quote not asked about is not found.
    pub(crate) fn found(
        &self,
        source: &Source,
        quote: &Fragments,
    ) -> Result<(Range<usize>, LineCol), Miss> {
        let answered = self.answered(source).ok_or(Miss::NotFound)?;
        let range = answered.found.get(quote).ok_or(Miss::NotFound)?.clone()?;
        let at = answered.positions[&range.start];
        Ok((range, at))
    }

    /// Where `quote` stands on physical page `page` of `source`, and the line and column it
    /// starts at, if it was asked for and first stands on another page.
    pub(crate) fn found_on_page(
        &self,
        source: &Source,
        quote: &Fragments,
        page: usize,
    ) -> Option<(Range<usize>, LineCol)> {
        let answered = self.answered(source)?;
        let range = answered.on_page.get(&(quote.clone(), page))?.clone();
        let at = *answered.positions.get(&range.start)?;
        Some((range, at))
    }

    /// The physical pages (from 1) the bytes `range` of `source` run over, if it has pages.
    pub(crate) fn pages(&self, source: &Source, range: &Range<usize>) -> Option<(usize, usize)> {
        let breaks = &self.answered(source)?.page_breaks;
        let first = crate::sources::page_at(breaks, range.start)?;
        let last = crate::sources::page_at(breaks, range.end.saturating_sub(1).max(range.start))?;
        Some((first, last))
    }

    /// The paragraphs (from 1) the bytes `range` of `source` run over, for a source whose
    /// paragraphs are counted.
    pub(crate) fn paragraphs(
        &self,
        source: &Source,
        range: &Range<usize>,
    ) -> Option<(usize, usize)> {
        let breaks = &self.answered(source)?.paragraph_breaks;
        if !source.in_paragraphs() {
            return None;
        }
        let at = |offset: usize| 1 + breaks.partition_point(|&b| b < offset);
        Some((
            at(range.start),
            at(range.end.saturating_sub(1).max(range.start)),
        ))
    }

    /// The nearest heading at or before paragraph `paragraph` of `source`, a web page.
    pub(crate) fn heading(&self, source: &Source, paragraph: usize) -> Option<&str> {
        let headings = &self.answered(source)?.headings;
        let before = headings.partition_point(|(n, _)| *n <= paragraph);
        headings[..before].last().map(|(_, words)| words.as_str())
    }

    /// The physical page (from 1) of `offset` in `source`, if it has pages.
    pub(crate) fn page(&self, source: &Source, offset: usize) -> Option<usize> {
        crate::sources::page_at(&self.answered(source)?.page_breaks, offset)
    }

    /// Line and column of `offset` in `source`, if an answer named it.
    pub(crate) fn line_col(&self, source: &Source, offset: usize) -> Option<LineCol> {
        self.answered(source)?.positions.get(&offset).copied()
    }

    /// Where `quote` of `batch` starts in `source`, if it stands there.
    pub(crate) fn found_in(
        &self,
        source: &Source,
        batch: &Arc<Batch>,
        quote: &Fragments,
    ) -> Option<LineCol> {
        let (_, hits) =
            (self.answered(source)?.shared.iter()).find(|(b, _)| Arc::ptr_eq(b, batch))?;
        hits.get(&batch.index_of(quote)?).copied()
    }

    /// The indexes of the quotes of `batch` found in `source`.
    pub(crate) fn found_indexes(&self, source: &Source, batch: &Arc<Batch>) -> Vec<usize> {
        let shared = self.answered(source).map(|a| a.shared.as_slice());
        let hits = shared.and_then(|shared| shared.iter().find(|(b, _)| Arc::ptr_eq(b, batch)));
        hits.map(|(_, hits)| hits.keys().copied().collect())
            .unwrap_or_default()
    }

    /// The passage of `source` nearest to `query`, if one is close.
    pub(crate) fn near(&self, source: &Source, query: &str) -> Option<&Candidate> {
        self.answered(source)?.near.get(query)
    }

    /// What stands in the bytes `range` of `source`, measured whole, if it was asked for.
    pub(crate) fn measure(&self, source: &Source, range: Range<usize>) -> Option<Gap> {
        let measures = &self.answered(source)?.measures;
        measures.get(&(range.start, range.end)).copied()
    }

    /// The SHA-256 of `source`, if it was asked for.
    pub(crate) fn sha256(&self, source: &Source) -> Option<&str> {
        self.answered(source)?.sha256.as_deref()
    }
}
