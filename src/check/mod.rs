//! The check stage: verdicts for every quote of a run's outlines, and findings for what is
//! not found.
//!
//! One pass: each outline is read and walked once into its questions (`quotes.rs`), every
//! search of every outline is answered with one read of each source file
//! ([`crate::search`]), and each citation's verdict is decided from the answers. The quotes
//! not found are then explained (`explain.rs`): looked for in the folder's other sources, and
//! the nearest passage of their own found and compared. Each round reads a file at most once,
//! whichever outlines cite it. `checked.rs` holds what a check establishes (each citation's
//! verdict by its id); [`finding`] is the data every printer reads; [`summary`] the totals.
//!
//! [`locate`] serves `report find`, a command of its own: it reads the one source it is given
//! (through the file gate) and asks `nearest/` directly when the text is not there.
//!
//! Boundary: decides and explains; never prints or renders, and, but for [`locate`], never
//! reads a source itself: `search/` does.

pub(crate) mod checked;
pub(crate) mod explain;
pub mod finding;
pub mod locate;
pub(crate) mod quotes;
pub mod summary;

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::Error;
use crate::matching::pattern::Fragments;
use crate::outline::OutlineFile;
use crate::search::progress::Round;
use crate::search::{Answers, Plan};
use crate::sources::SourceSet;
use crate::sources::lookalike::Skeletons;
use explain::{Elsewhere, Unverified};
use finding::Finding;
use quotes::Questions;

pub use checked::{CheckOptions, Checked, CheckedOutline, Found};
pub use quotes::{Unit, locator_text};

/// Every outline of a run checked, the ones that could not be, and the totals.
#[derive(Debug)]
pub struct CheckRun {
    /// The outlines checked, in the order of their paths.
    pub outlines: Vec<CheckedOutline>,
    /// Why the others could not be checked.
    pub errors: Vec<Error>,
    /// Totals over the outlines checked.
    pub summary: summary::Summary,
}

/// Checks every outline of `paths` in sorted order, each file once under the first of its
/// names ([`crate::check_all`]).
pub fn check_all(paths: &[PathBuf], options: &CheckOptions) -> CheckRun {
    let mut paths = paths.to_vec();
    paths.sort();
    let mut seen = std::collections::HashSet::new();
    paths.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    let (mut outlines, mut errors) = (Vec::new(), Vec::new());
    let named: Vec<Named> = paths.iter().map(|p| Named::file(p)).collect();
    for checked in check(&named, options, false) {
        match checked {
            Ok(outline) => outlines.push(outline),
            Err(error) => errors.push(error),
        }
    }
    let summary = summary::Summary::new(&outlines, errors.len());
    CheckRun {
        outlines,
        errors,
        summary,
    }
}

/// Checks the outline at `path`; with `hash`, the SHA-256 of every cited source is computed.
pub fn check_one(path: &Path, options: &CheckOptions, hash: bool) -> Result<CheckedOutline, Error> {
    let mut checked = check(&[Named::file(path)], options, hash);
    checked.pop().expect("one result per outline")
}

/// Checks the outline `text`, not yet written, as if it stood at `path`.
pub fn check_text(
    path: &Path,
    text: String,
    options: &CheckOptions,
) -> Result<CheckedOutline, Error> {
    let named = Named {
        path: path.to_owned(),
        text: Some(text),
    };
    let mut checked = check(&[named], options, false);
    checked.pop().expect("one result per outline")
}

/// An outline to check: a file, or a text as if it stood at its path.
struct Named {
    path: PathBuf,
    text: Option<String>,
}

impl Named {
    fn file(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            text: None,
        }
    }

    fn read(&self, root: Option<&Path>) -> Result<OutlineFile, Error> {
        match &self.text {
            Some(text) => OutlineFile::parse(&self.path, text.clone()),
            None => OutlineFile::read(&self.path, root),
        }
    }
}

/// Checks each outline of `paths`, in that order; with `hash`, the SHA-256 of every cited
/// source is computed too.
fn check(
    paths: &[Named],
    options: &CheckOptions,
    hash: bool,
) -> Vec<Result<CheckedOutline, Error>> {
    let jobs = options.jobs();
    // The ids of each sources folder, by skeleton, made once for the outlines using it.
    let skeletons: Mutex<BTreeMap<PathBuf, Arc<Skeletons>>> = Mutex::default();
    let listings = crate::sources::set::Listings::default();
    // Each outline read and walked on its own, so on several threads.
    let walked: Vec<Result<Walked, Error>> = crate::search::workers::map(
        paths,
        jobs,
        || (),
        |(), named| {
            let file = named.read(options.root.as_deref())?;
            let path = &named.path;
            let root = crate::files::containment::project_root(path, options.root.as_deref())?;
            let style = crate::outline::style::style(&file, &root)?;
            let sources = SourceSet::for_outline_in(&file, options.root.as_deref(), &listings)?;
            let skeletons = {
                let mut folders = skeletons.lock().unwrap_or_else(|p| p.into_inner());
                let folder = folders.entry(sources.resolved_folder().to_owned());
                Arc::clone(folder.or_insert_with(|| Arc::new(Skeletons::of(&sources))))
            };
            crate::sources::lookalike::refuse_lookalikes(&file, &skeletons)?;
            let questions = quotes::walk(&file, &sources, options);
            Ok(Walked {
                file,
                sources,
                questions,
                style,
            })
        },
    );
    let mut plan = Plan::new(hash);
    for outline in walked.iter().flatten() {
        outline.questions.ask(&outline.sources, &mut plan);
    }
    let progress = options.progress.as_ref();
    let found = plan.answer(jobs, progress.map(|p| (p, Round::Finding)));
    let checked = decide_all(walked, &found, jobs);
    let mut plan = Plan::new(false);
    let mut elsewhere = elsewhere_by_folder(&checked, &mut plan, found.sample());
    let mut folders: BTreeMap<&Path, std::rc::Rc<explain::Folder>> = BTreeMap::new();
    for looked in checked.iter().flatten() {
        let sources = &looked.sources;
        let folder = || {
            let folder = folders.entry(sources.resolved_folder());
            std::rc::Rc::clone(folder.or_insert_with(|| explain::Folder::of(sources).into()))
        };
        explain::ask_near(&looked.unverified, sources, folder, &mut plan);
    }
    let asked = plan.answer(jobs, progress.map(|p| (p, Round::Explaining)));
    for folder in elsewhere.values_mut() {
        folder.learn(&asked);
    }
    explain_all(checked, &elsewhere, (&found, &asked), jobs)
}

/// Each outline's verdicts from `found` ([`look_up`]), decided for each outline on its own,
/// so on up to `jobs` threads; an outline not read stays the error it is.
fn decide_all(
    walked: Vec<Result<Walked, Error>>,
    found: &Answers,
    jobs: NonZeroUsize,
) -> Vec<Result<Looked, Error>> {
    crate::search::workers::map_ok(
        walked,
        jobs,
        |outline| outline.questions.decide(&outline.sources, found),
        |outline, decided| look_up(outline, decided, found),
    )
}

/// Each outline checked, its misquotes explained ([`explain::explain`]) from the answers of
/// both rounds (`found`, `asked`) and the search of each folder (`elsewhere`), for each
/// outline on its own, so on up to `jobs` threads.
fn explain_all(
    checked: Vec<Result<Looked, Error>>,
    elsewhere: &BTreeMap<PathBuf, Elsewhere>,
    (found, asked): (&Answers, &Answers),
    jobs: NonZeroUsize,
) -> Vec<Result<CheckedOutline, Error>> {
    let explain = |looked: &Looked| {
        let elsewhere = elsewhere.get(looked.sources.resolved_folder());
        explain::explain(&looked.unverified, &looked.sources, elsewhere, found, asked)
    };
    crate::search::workers::map_ok(checked, jobs, explain, |looked, findings| {
        Ok(looked.explained(findings))
    })
}

/// For each sources folder, the quotes not found of every outline using it, asked of every
/// file of the folder together, their anchors chosen by `sample` (of the sources the check
/// read).
fn elsewhere_by_folder(
    checked: &[Result<Looked, Error>],
    plan: &mut Plan,
    sample: Option<&crate::matching::anchor::Rarity>,
) -> BTreeMap<PathBuf, Elsewhere> {
    let mut folders: BTreeMap<&Path, (&SourceSet, Vec<Fragments>)> = BTreeMap::new();
    for looked in checked.iter().flatten() {
        let folder = looked.sources.resolved_folder();
        let (_, quotes) = folders
            .entry(folder)
            .or_insert((&looked.sources, Vec::new()));
        quotes.extend(explain::wanted_elsewhere(&looked.unverified).cloned());
    }
    folders
        .into_iter()
        .filter_map(|(folder, (sources, quotes))| {
            Some((
                folder.to_owned(),
                Elsewhere::ask(quotes, sources, plan, sample)?,
            ))
        })
        .collect()
}

/// An outline whose quotes were looked up, with those not found.
struct Looked {
    file: OutlineFile,
    sources: SourceSet,
    checked: Checked,
    unverified: Vec<Unverified>,
    style: crate::outline::style::CitationStyle,
}

/// An outline read and walked: its questions not yet answered.
struct Walked {
    file: OutlineFile,
    sources: SourceSet,
    questions: Questions,
    style: crate::outline::style::CitationStyle,
}

/// An outline's verdicts, `decided` from `found` ([`Questions::decide`]); an error if a
/// source it cites could not be read.
fn look_up(
    outline: Walked,
    decided: (Checked, Vec<Unverified>),
    found: &Answers,
) -> Result<Looked, Error> {
    let Walked {
        file,
        mut sources,
        questions: _,
        style,
    } = outline;
    // A source that cannot be read is a finding at each quote citing it (`source-unreadable`);
    // anything else that stopped a source's search stops the outline.
    if let Some(error) = (sources.cited.values())
        .filter_map(|s| found.error(s))
        .find(|e| !e.is_unreadable_source())
    {
        return Err(Error::Shared(error));
    }
    for source in sources.cited.values_mut() {
        source.sha256 = found.sha256(source).map(str::to_owned);
    }
    let (checked, unverified) = decided;
    Ok(Looked {
        file,
        sources,
        checked,
        unverified,
        style,
    })
}

impl Looked {
    /// The outline checked, with `findings` on its quotes not found ([`explain::explain`]).
    fn explained(self, findings: Vec<Finding>) -> CheckedOutline {
        let mut checked = self.checked;
        checked.findings.extend(findings);
        checked.findings.sort_by_key(|f| f.place.at);
        CheckedOutline {
            file: self.file,
            sources: self.sources,
            checked,
            style: self.style,
        }
    }
}
