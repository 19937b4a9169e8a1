//! What a check establishes: each citation's verdict, the findings, the counts, and an
//! outline with its check.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::check::finding::{Finding, Stats};
use crate::outline::{CitationId, OutlineFile};
use crate::search::progress::Progress;
use crate::sources::SourceSet;
use crate::text::position::LineCol;

/// What a check holds against an outline beyond its quotes.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Report every paragraph that cites no source as a finding.
    pub deny_uncited: bool,
    /// The project folder nothing is read outside of (default: the outline's folder).
    pub root: Option<std::path::PathBuf>,
    /// How many threads search the sources, decide the verdicts and explain what is not
    /// found ([`CheckOptions::jobs`]). The output is the same for any number.
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Told how far the searches have got, if anyone asked.
    pub progress: Option<Progress>,
}

impl CheckOptions {
    /// How many threads a check uses: as asked, else one per core.
    pub fn jobs(&self) -> std::num::NonZeroUsize {
        self.jobs
            .unwrap_or_else(crate::search::workers::default_jobs)
    }
}

/// Where a verified quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The source's id.
    pub source: String,
    /// Line and column of the quote's first character in the source.
    pub at: LineCol,
    /// The byte range in the source's text.
    pub bytes: Range<usize>,
    /// The pages it runs over, as printed (the catalog's `first-page` counted in), for a
    /// source with pages.
    pub pages: Option<(i64, i64)>,
    /// The paragraphs it runs over (from 1), for a source whose paragraphs are counted.
    pub paragraphs: Option<(usize, usize)>,
    /// The nearest heading before it, for a web page.
    pub heading: Option<String>,
    /// The alterations the quote makes to read as the source does (`[T]he`, `[sic]`, `…`).
    pub alterations: Vec<crate::matching::alteration::Alteration>,
    /// For a quotation in running text: where it stands in the outline, and its words.
    pub inline: Option<(LineCol, String)>,
}

/// What checking an outline established.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Everything wrong, sorted by line and column.
    pub findings: Vec<Finding>,
    /// Where each verified citation was found, by the citation's own id: a citation missing
    /// here was not verified.
    pub verified: BTreeMap<CitationId, Found>,
    /// Where each verified quotation in running text was found, by where it stands in the
    /// outline: the byte where its text's value starts in the file, and where the quotation
    /// starts in that value.
    pub inline: BTreeMap<(usize, usize), Found>,
    /// Counts for the summary line.
    pub stats: Stats,
}

impl Checked {
    /// Where the citation `id` was found, if it was verified.
    pub fn found(&self, id: CitationId) -> Option<&Found> {
        self.verified.get(&id)
    }
}

/// An outline, the sources it cites, and what checking it found.
#[derive(Debug)]
pub struct CheckedOutline {
    /// The outline as read.
    pub file: OutlineFile,
    /// Its sources.
    pub sources: SourceSet,
    /// Findings, verified places and counts.
    pub checked: Checked,
    /// The citation style it names.
    pub style: crate::outline::style::CitationStyle,
}

impl CheckedOutline {
    /// Whether every quote was verified.
    pub fn is_clean(&self) -> bool {
        self.checked.findings.is_empty()
    }
}
