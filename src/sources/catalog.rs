//! The optional source catalog, `sources.yaml`: bibliographic details for each source id.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::Error;

/// The file name of the catalog inside the sources folder.
pub(crate) const CATALOG_FILE: &str = "sources.yaml";

/// What a catalog says about one source. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceMeta {
    /// The document's title.
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published, as the writer gives it.
    pub published: Option<String>,
    /// Where it can be found.
    pub url: Option<String>,
    /// When the writer took the copy in `sources/`.
    pub accessed: Option<String>,
}

/// Reads the catalog in `folder` (`resolved` once links are followed), if there is one; no
/// catalog means no metadata. It must be a regular file inside the folder.
pub(crate) fn read(folder: &Path, resolved: &Path) -> Result<BTreeMap<String, SourceMeta>, Error> {
    let path = folder.join(CATALOG_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(BTreeMap::new());
    }
    let text = crate::files::yaml::read(
        &path,
        resolved,
        crate::files::containment::Chosen::ByProject,
    )?;
    if crate::files::text_file::is_blank_yaml(&text) {
        return Ok(BTreeMap::new());
    }
    let help = "each entry is a source id with `title`, `author`, `publisher`, `published`, `url` or `accessed`";
    crate::files::yaml::parse(&path, &text, help)
}
