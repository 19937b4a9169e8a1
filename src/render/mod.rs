//! Rendering a checked outline: citations in the outline's CSL style ([`citations`]), the
//! view model every format shares (`view.rs`), Markdown
//! ([`markdown`]) and Typst ([`typst`]) through askama templates, PDF by the external Typst
//! CLI ([`pdf`]), and the atomic write of the result (`output.rs`).
//!
//! Boundary: renders only an outline whose check found nothing, or a draft (flagged, to its
//! own path, never the briefing's), and never checks again. Text from the outline and the sources is data: each
//! format escapes it. A new output format is a template, an escaper and a module here, as HTML
//! ([`html`]) is.

pub mod citations;
pub mod config;
pub mod html;
pub mod markdown;
pub(crate) mod output;
pub mod pdf;
pub mod typst;
pub(crate) mod view;

use std::path::{Path, PathBuf};

use crate::check::CheckedOutline;
use crate::error::Error;
use crate::files::containment;
use config::{Format, Output, RenderConfig};

/// What a render produced.
#[derive(Debug)]
pub enum Rendered {
    /// The check found problems; nothing was written.
    Refused,
    /// The output was written to this file.
    Written(PathBuf),
    /// The output, for standard output.
    Bytes(Vec<u8>),
}

/// What a render can start before the check, to run while the outline is checked: the
/// default citation style decoded ([`citations::prefetch`]), and for a PDF, Typst
/// ([`pdf::start`]) started up. How Typst's start went is told only when the PDF is made,
/// so an outline that fails its check is told as such whatever became of Typst.
pub fn start(config: &RenderConfig) -> Option<Result<pdf::Started, Error>> {
    citations::prefetch();
    (config.format == Format::Pdf)
        .then(|| pdf::locate(&config.typst).and_then(|typst| pdf::start(&typst, &config.typst)))
}

/// Renders `outline` as `config` asks, unless its check found anything; a PDF with the Typst
/// `started` for it, if any.
pub fn render(
    outline: &CheckedOutline,
    config: &RenderConfig,
    started: Option<Result<pdf::Started, Error>>,
) -> Result<Rendered, Error> {
    if !outline.is_clean() && !config.draft {
        return Ok(Rendered::Refused);
    }
    if let Output::File(path) = &config.output {
        refuse_to_overwrite_inputs(path, outline)?;
        let finals = [Format::Markdown, Format::Typst, Format::Pdf, Format::Html]
            .map(|format| config.outline.with_extension(format.extension()));
        if config.draft && finals.iter().any(|f| same_place(path, f)) {
            return Err(Error::DraftOverFinal { path: path.clone() });
        }
    }
    // A control or direction-override character in a catalog field would show the briefing's
    // readers other text than the catalog holds (`report sources` shows it escaped).
    for source in outline.sources.cited.values() {
        if let Some((field, character)) = source.meta.hidden_character() {
            return Err(Error::HiddenCharacter {
                catalog: outline
                    .sources
                    .folder
                    .join(crate::sources::catalog::CATALOG_FILE),
                id: source.id.clone(),
                field,
                character,
            });
        }
    }
    let within = containment::project_root(&config.outline, config.check.root.as_deref())?;
    let briefing = view::Briefing::new(
        &outline.file,
        &outline.sources,
        &outline.checked,
        &outline.style,
        config.draft,
    )?;
    let bytes = match config.format {
        Format::Markdown => markdown::render(&briefing)?.into_bytes(),
        Format::Html => html::render(&briefing, &outline.sources, config.excerpt)?.into_bytes(),
        Format::Typst => typst::render(&briefing, config.paper)?.into_bytes(),
        Format::Pdf => {
            let started = match started {
                Some(started) => started?,
                None => pdf::start(&pdf::locate(&config.typst)?, &config.typst)?,
            };
            let source = typst::render(&briefing, config.paper)?;
            started.compile(&source)?
        }
    };
    let Output::File(path) = &config.output else {
        return Ok(Rendered::Bytes(bytes));
    };
    let chosen = match config.output_named {
        true => containment::Chosen::ByUser,
        false => containment::Chosen::ByProject,
    };
    let to = output::Destination {
        path,
        chosen,
        within: &within,
        sources: outline.sources.resolved_folder(),
    };
    output::write(to, &bytes)?;
    Ok(Rendered::Written(path.clone()))
}

/// Whether `a` and `b` name the same place, whether or not a file is there yet: the same
/// file name in the same folder, links followed.
fn same_place(a: &Path, b: &Path) -> bool {
    let folder = |p: &Path| {
        let parent = p.parent().filter(|f| !f.as_os_str().is_empty());
        std::fs::canonicalize(parent.unwrap_or(Path::new(".")))
    };
    output::same_file(a, b)
        || (a.file_name() == b.file_name()
            && matches!((folder(a), folder(b)), (Ok(x), Ok(y)) if x == y))
}

/// Stops a render whose output path is the outline, a source or the catalog.
fn refuse_to_overwrite_inputs(path: &Path, outline: &CheckedOutline) -> Result<(), Error> {
    let catalog = outline
        .sources
        .folder
        .join(crate::sources::catalog::CATALOG_FILE);
    let inputs = std::iter::once(("the outline", &outline.file.path))
        .chain(outline.sources.available.values().map(|p| ("a source", p)))
        .chain(std::iter::once(("the source catalog", &catalog)));
    for (what, input) in inputs {
        if output::same_file(path, input) {
            return Err(Error::OutputIsInput {
                path: path.to_owned(),
                what,
                input: input.clone(),
            });
        }
    }
    Ok(())
}
