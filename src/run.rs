//! A check run over several outlines: every search of every outline asked first, then each
//! source file read once to answer them all ([`crate::lookup`]).
//!
//! Two rounds: the quotes are looked up in their cited sources, then the quotes not found
//! are explained (looked for in the folder's other sources, and near passages found in
//! their own). Each round reads a file at most once, whichever outlines cite it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::CheckedOutline;
use crate::check::{self, CheckOptions, Checked};
use crate::error::Error;
use crate::explain::{self, Elsewhere, Unverified};
use crate::lookup::{Answers, Plan};
use crate::matcher::{Fragments, Miss};
use crate::outline::OutlineFile;
use crate::progress::Round;
use crate::sources::SourceSet;

/// Checks each outline of `paths`, in that order; with `hash`, the SHA-256 of every cited
/// source is computed too.
pub fn check(
    paths: &[PathBuf],
    options: &CheckOptions,
    hash: bool,
) -> Vec<Result<CheckedOutline, Error>> {
    let jobs = options.jobs.unwrap_or_else(crate::workers::default_jobs);
    let read: Vec<Result<(OutlineFile, SourceSet), Error>> = paths
        .iter()
        .map(|path| {
            let file = OutlineFile::read(path, options.root.as_deref())?;
            let sources = SourceSet::for_outline(&file, options.root.as_deref())?;
            crate::lookalike::refuse_lookalikes(&file, &sources)?;
            Ok((file, sources))
        })
        .collect();
    // A first check of each outline records the searches it would make, answering none;
    // the second, below, gets the answers. Checking an outline is cheap beside a search.
    let mut plan = Plan::new(hash);
    for (file, sources) in read.iter().flatten() {
        check::check(file, sources, options, &mut |source, quote| {
            plan.find(source, quote);
            Err(Miss::NotFound)
        });
    }
    let progress = options.progress.as_ref();
    let found = plan.answer(jobs, progress.map(|p| (p, Round::Finding)));
    let checked: Vec<Result<Looked, Error>> = read
        .into_iter()
        .map(|outline| look_up(outline?, options, &found))
        .collect();
    let mut plan = Plan::new(false);
    let mut elsewhere = elsewhere_by_folder(&checked, &mut plan);
    for looked in checked.iter().flatten() {
        explain::ask_near(&looked.unverified, &looked.sources, &mut plan);
    }
    let asked = plan.answer(jobs, progress.map(|p| (p, Round::Explaining)));
    for folder in elsewhere.values_mut() {
        folder.learn(&asked);
    }
    checked
        .into_iter()
        .map(|looked| {
            let looked = looked?;
            let elsewhere = elsewhere.get(looked.sources.resolved_folder());
            Ok(looked.explain(elsewhere, &found, &asked))
        })
        .collect()
}

/// For each sources folder, the quotes not found of every outline using it, asked of every
/// file of the folder together.
fn elsewhere_by_folder(
    checked: &[Result<Looked, Error>],
    plan: &mut Plan,
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
            Some((folder.to_owned(), Elsewhere::ask(quotes, sources, plan)?))
        })
        .collect()
}

/// An outline whose quotes were looked up, with those not found.
struct Looked {
    file: OutlineFile,
    sources: SourceSet,
    checked: Checked,
    unverified: Vec<Unverified>,
}

/// Looks up every quote of an outline in `found`; an error if a source it cites could not
/// be read.
fn look_up(
    (file, mut sources): (OutlineFile, SourceSet),
    options: &CheckOptions,
    found: &Answers,
) -> Result<Looked, Error> {
    if let Some(error) = sources.cited.values().find_map(|s| found.error(s)) {
        return Err(Error::Shared(error));
    }
    for source in sources.cited.values_mut() {
        source.sha256 = found.sha256(source).map(str::to_owned);
    }
    let (checked, unverified) = check::check(&file, &sources, options, &mut |source, quote| {
        found.found(source, quote)
    });
    Ok(Looked {
        file,
        sources,
        checked,
        unverified,
    })
}

impl Looked {
    fn explain(
        self,
        elsewhere: Option<&Elsewhere>,
        found: &Answers,
        asked: &Answers,
    ) -> CheckedOutline {
        let mut checked = self.checked;
        let findings = explain::explain(self.unverified, &self.sources, elsewhere, found, asked);
        checked.findings.extend(findings);
        checked.findings.sort_by_key(|f| f.place.at);
        CheckedOutline {
            file: self.file,
            sources: self.sources,
            checked,
        }
    }
}
