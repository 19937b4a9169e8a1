//! Source ids that look alike: a citation whose id could pass for another source of the
//! folder is refused before anything is checked.

use std::collections::{HashMap, HashSet};

use unicode_security::skeleton;

use crate::error::Error;
use crate::outline::OutlineFile;
use crate::sources::set::SourceSet;
use crate::text::lookalike::spelled;

/// The ids of a sources folder by their UTS #39 skeleton: made once for all the outlines of a
/// run that use the folder.
#[derive(Debug, Default)]
pub(crate) struct Skeletons {
    by_skeleton: HashMap<String, Vec<String>>,
    /// The ids whose skeleton no other id of the folder has: a citation of one of them
    /// needs no skeleton of its own.
    alone: HashSet<String>,
}

impl Skeletons {
    /// The skeletons of the ids of the folder of `sources`.
    pub(crate) fn of(sources: &SourceSet) -> Self {
        let mut by_skeleton: HashMap<String, Vec<String>> = HashMap::new();
        for id in sources.available.keys() {
            by_skeleton
                .entry(skeleton(id).collect())
                .or_default()
                .push(id.clone());
        }
        let alone = (by_skeleton.values())
            .filter_map(|ids| match ids.as_slice() {
                [id] => Some(id.clone()),
                _ => None,
            })
            .collect();
        Self { by_skeleton, alone }
    }
}

/// Refuses a citation whose id looks like another source of the folder (whose ids are
/// `skeletons`) but is not it (their UTS #39 skeletons are equal): an error at the
/// citation's id naming both.
pub(crate) fn refuse_lookalikes(file: &OutlineFile, skeletons: &Skeletons) -> Result<(), Error> {
    let by_skeleton = &skeletons.by_skeleton;
    for citation in file.outline.citations() {
        let id = citation.source.value.as_str();
        if skeletons.alone.contains(id) {
            continue;
        }
        let skeleton: String = skeleton(id).collect();
        let Some(other) = by_skeleton
            .get(&skeleton)
            .and_then(|ids| ids.iter().find(|other| **other != id))
        else {
            continue;
        };
        let message = format!(
            "source id `{}` looks like `{}`, another source in the folder",
            spelled(id),
            spelled(other)
        );
        let help = format!(
            "rename one of the two files so that their names look different ({} and {})",
            spelled(&format!("{id}.txt")),
            spelled(&format!("{other}.txt"))
        );
        let at = file.place_text(&citation.source).at;
        return Err(Error::invalid(&file.path, &file.text, at, message, help));
    }
    Ok(())
}
