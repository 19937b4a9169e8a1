//! Where a text stands in one source, for `report find`: every place of it, or, when it is
//! not there, the nearest passage, found as `report check` finds them.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::check::finding::{NearMiss, SourcePlace};
use crate::error::Error;
use crate::files::containment::Chosen;
use crate::matching::pattern::Fragments;
use crate::sources::Text;
use crate::text::position::LineCol;
use crate::text::position::{ceil_char, floor_char};
use crate::text::whitespace::{collapse, is_space};

/// The most places listed; a text found more often is too common to cite anyway.
pub const MOST_PLACES: usize = 100;

/// How much of the source is shown on either side of a place, in bytes (about).
const CONTEXT: usize = 60;

/// What `report find` found.
#[derive(Debug)]
pub struct Located {
    /// The source's id.
    pub source: String,
    /// Its file.
    pub path: PathBuf,
    /// Every place of the text (at most [`MOST_PLACES`]), or the nearest passage.
    pub found: Found,
}

/// The places of the text, or what stands nearest to it.
#[derive(Debug)]
pub enum Found {
    /// Where the text stands, first place first.
    Places(Vec<Place>),
    /// The text is not there; this passage is nearest to it.
    Near(Box<NearMiss>),
    /// The text is not there, and no passage is close to it.
    Nothing,
}

/// One place of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Where it starts.
    pub at: LineCol,
    /// The source's words there, whitespace-collapsed: what to quote.
    pub text: String,
    /// The words around it, whitespace-collapsed, and where the place lies in them.
    pub context: (String, Range<usize>),
}

/// Where `text` stands in `source`: a file, or the id of a source in `folder`.
pub fn locate(source: &str, text: &str, folder: &Path) -> Result<Located, Error> {
    let (id, path, chosen) = resolve(source, folder)?;
    let fragments = searched(text)?;
    // A file named on the command line may be anywhere; a source id stays in its folder.
    let within = std::fs::canonicalize(crate::files::containment::folder_of(&path))
        .map_err(|e| Error::read(&path, e))?;
    let source_text = Text::read(&path, &within, chosen, Vec::new())?;
    let places = places(&source_text.text, &fragments);
    let found = if places.is_empty() {
        near(&source_text, &id, &path, &collapse(text))
    } else {
        Found::Places(places.into_iter().map(|r| place(&source_text, r)).collect())
    };
    Ok(Located {
        source: id,
        path,
        found,
    })
}

/// The most nearest passages `report find TEXT` shows when the text is in no source.
pub const MOST_NEAREST: usize = 3;

/// What `report find TEXT` found in every source of a folder.
#[derive(Debug, Default)]
pub struct Everywhere {
    /// Each source the text stands in, with its places, in id order.
    pub found: Vec<Located>,
    /// When it stands in none: the nearest passages, nearest first, one per source, at most
    /// [`MOST_NEAREST`].
    pub nearest: Vec<Located>,
    /// The sources that could not be read, and why.
    pub unreadable: Vec<Error>,
}

/// Where `text` stands in every source of `folder` (who said this?): the exact places first;
/// when there are none, the passages nearest to it. A source that cannot be read is passed
/// over and named; nothing outside the folder is read.
pub fn locate_everywhere(text: &str, folder: &Path) -> Result<Everywhere, Error> {
    let fragments = searched(text)?;
    let within = std::fs::canonicalize(folder).map_err(|e| Error::read(folder, e))?;
    let files = crate::sources::set::files_in(folder).map_err(|e| Error::read(folder, e))?;
    let mut everywhere = Everywhere::default();
    let mut texts = Vec::new();
    let mut buffer = Vec::new();
    for (id, path) in files {
        let source_text = match Text::read(&path, &within, Chosen::ByProject, buffer) {
            Ok(read) => read,
            Err(error) => {
                everywhere.unreadable.push(error);
                buffer = Vec::new();
                continue;
            }
        };
        let places = places(&source_text.text, &fragments);
        if !places.is_empty() {
            let places = places.into_iter().map(|r| place(&source_text, r)).collect();
            everywhere.found.push(Located {
                source: id,
                path,
                found: Found::Places(places),
            });
            buffer = source_text.into_buffer();
        } else {
            buffer = Vec::new();
            texts.push((id, path, source_text));
        }
    }
    if everywhere.found.is_empty() {
        let query = collapse(text);
        let mut nearest: Vec<Located> = (texts.iter())
            .map(|(id, path, source_text)| Located {
                found: near(source_text, id, path, &query),
                source: id.clone(),
                path: path.clone(),
            })
            .filter(|l| matches!(l.found, Found::Near(_)))
            .collect();
        let alike = |l: &Located| match &l.found {
            Found::Near(near) => near.comparison.similarity,
            _ => 0.0,
        };
        nearest.sort_by(|a, b| alike(b).total_cmp(&alike(a)));
        nearest.truncate(MOST_NEAREST);
        everywhere.nearest = nearest;
    }
    Ok(everywhere)
}

/// `text` as `report check` searches a quote: it may not start just after a negation, nor
/// end just before one, so that no place found is one `check` would refuse.
fn searched(text: &str) -> Result<Fragments, Error> {
    let fragments = Fragments::parse(text).map_err(|_| Error::NothingToFind)?;
    use crate::matching::pattern::Guard;
    Ok(fragments.with_guards(Guard::Words(1), Guard::Words(0)))
}

/// The id and file `source` names: a file as given, else the `.txt` of that id in `folder`.
fn resolve(source: &str, folder: &Path) -> Result<(String, PathBuf, Chosen), Error> {
    let given = Path::new(source);
    if given.is_file() {
        let id = given
            .file_stem()
            .map_or(source.into(), |s| s.to_string_lossy().into_owned());
        return Ok((id, given.to_owned(), Chosen::ByUser));
    }
    let path = folder.join(format!("{source}.txt"));
    if crate::files::containment::is_plain_id(source) && std::fs::symlink_metadata(&path).is_ok() {
        return Ok((source.to_owned(), path, Chosen::ByProject));
    }
    Err(Error::UnknownSource {
        id: source.to_owned(),
        folder: folder.to_owned(),
    })
}

/// Every place of `fragments` in `text`: for a text without ellipsis, each place of it;
/// with one, its first full placement.
fn places(text: &str, fragments: &Fragments) -> Vec<Range<usize>> {
    if fragments.len() > 1 {
        return fragments.find_in(text).into_iter().collect();
    }
    let pattern = fragments.pattern(0);
    let mut found: Vec<Range<usize>> = memchr::memmem::find_iter(text.as_bytes(), pattern.anchor())
        .filter_map(|at| pattern.around(text, at))
        .take(MOST_PLACES)
        .collect();
    found.dedup();
    found
}

fn place(text: &Text, range: Range<usize>) -> Place {
    let source = text.text.as_str();
    let (start, end) = around(source, range.clone());
    let (before, after) = (&source[start..range.start], &source[range.end..end]);
    // A place starts and ends with a word, so no run of whitespace is cut in two here.
    let mut context = if start > 0 {
        "…".to_owned()
    } else {
        String::new()
    };
    context.push_str(&collapse(before));
    if !context.is_empty() && before.ends_with(is_space) {
        context.push(' ');
    }
    let at = context.len();
    let quoted = collapse(&source[range.clone()]);
    context.push_str(&quoted);
    let after_words = collapse(after);
    if !after_words.is_empty() && after.starts_with(is_space) {
        context.push(' ');
    }
    context.push_str(&after_words);
    if end < source.len() {
        context.push('…');
    }
    Place {
        at: text.line_col(range.start),
        context: (context, at..at + quoted.len()),
        text: quoted,
    }
}

/// The bytes shown around `range`: about [`CONTEXT`] on either side, cut between words.
fn around(source: &str, range: Range<usize>) -> (usize, usize) {
    let mut start = floor_char(source, range.start.saturating_sub(CONTEXT));
    if start > 0
        && let Some(space) = source[start..range.start].find(is_space)
    {
        start += space;
    }
    let mut end = ceil_char(source, (range.end + CONTEXT).min(source.len()));
    if end < source.len()
        && let Some(space) = source[range.end..end].rfind(is_space)
    {
        end = range.end + space;
    }
    (start, end)
}

fn near(text: &Text, id: &str, path: &Path, query: &str) -> Found {
    let passage = crate::nearest::nearest_close(&text.text, &[query])
        .pop()
        .flatten();
    let Some(candidate) = passage.and_then(|p| crate::search::near::candidate(text, query, p))
    else {
        return Found::Nothing;
    };
    Found::Near(Box::new(NearMiss {
        place: SourcePlace {
            source: id.to_owned(),
            path: path.to_owned(),
            at: candidate.at,
            page: candidate.page.map(|p| p as i64),
        },
        comparison: crate::nearest::difference::compare(query, &candidate.text),
        text: candidate.text,
        part: None,
        cut_short: candidate.cut_short,
        cuts: candidate.cuts,
        negation: candidate.negation,
        negation_in_sentence: candidate.negation_in_sentence,
    }))
}
