//! A check run over several outlines: every search of every outline asked first, then each
//! source file read once to answer them all ([`crate::lookup`]).
//!
//! Two rounds: the quotes are looked up in their cited sources, then the quotes not found
//! are explained (looked for in the folder's other sources, and near passages found in
//! their own). Each round reads a file at most once, whichever outlines cite it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::CheckedOutline;
use crate::batch::Batch;
use crate::check::{self, CheckOptions, Checked};
use crate::error::Error;
use crate::explain::{self, Unverified};
use crate::lookup::{Answers, Plan};
use crate::matcher::{Fragments, Miss};
use crate::outline::OutlineFile;
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
            let file = OutlineFile::read(path)?;
            let sources = SourceSet::for_outline(&file, options.root.as_deref())?;
            Ok((file, sources))
        })
        .collect();
    let mut plan = Plan::new(hash);
    for (file, sources) in read.iter().flatten() {
        check::check(file, sources, options, &mut |source, quote| {
            plan.find(source, quote);
            Err(Miss::NotFound)
        });
    }
    let found = plan.answer(jobs);
    let checked: Vec<Result<Looked, Error>> = read
        .into_iter()
        .map(|outline| look_up(outline?, options, &found))
        .collect();
    let batches = batches_by_folder(&checked);
    let mut plan = Plan::new(false);
    let questions: Vec<Option<explain::Questions>> = checked
        .iter()
        .map(|looked| {
            let looked = looked.as_ref().ok()?;
            let batch = batches.get(looked.sources.resolved_folder()).cloned();
            Some(explain::ask(
                &looked.unverified,
                &looked.sources,
                batch,
                &mut plan,
            ))
        })
        .collect();
    let asked = plan.answer(jobs);
    checked
        .into_iter()
        .zip(questions)
        .map(|(looked, questions)| {
            let looked = looked?;
            let questions = questions.expect("asked for every outline looked up");
            Ok(looked.explain(&questions, &found, &asked))
        })
        .collect()
}

/// For each sources folder, one batch of the quotes not found of every outline using it, to
/// look for in every file of the folder in one pass.
fn batches_by_folder(checked: &[Result<Looked, Error>]) -> BTreeMap<PathBuf, Arc<Batch>> {
    let mut quotes: BTreeMap<PathBuf, Vec<Fragments>> = BTreeMap::new();
    for looked in checked.iter().flatten() {
        let folder = looked.sources.resolved_folder().to_owned();
        let wanted = explain::wanted_elsewhere(&looked.unverified).cloned();
        quotes.entry(folder).or_default().extend(wanted);
    }
    quotes
        .into_iter()
        .filter(|(_, quotes)| !quotes.is_empty())
        .map(|(folder, quotes)| (folder, Arc::new(Batch::new(quotes))))
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
        questions: &explain::Questions,
        found: &Answers,
        asked: &Answers,
    ) -> CheckedOutline {
        let mut checked = self.checked;
        let findings = explain::explain(self.unverified, &self.sources, questions, found, asked);
        checked.findings.extend(findings);
        checked.findings.sort_by_key(|f| f.place.at);
        CheckedOutline {
            file: self.file,
            sources: self.sources,
            checked,
        }
    }
}
