//! JSON Schemas of the outline and of the source catalog, generated from the types that read
//! them, so that an editor flags what `report check` would refuse.

use std::collections::BTreeMap;

use crate::outline::Outline;
use crate::sources::catalog::SourceMeta;

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaOf {
    /// A briefing outline (`report.yaml`).
    Outline,
    /// A source catalog (`sources/sources.yaml`).
    Catalog,
}

/// The JSON Schema of `what`, pretty-printed, ending with a newline.
pub fn schema(what: SchemaOf) -> String {
    let schema = match what {
        SchemaOf::Outline => schemars::schema_for!(Outline),
        SchemaOf::Catalog => {
            let mut schema = schemars::schema_for!(BTreeMap<String, SourceMeta>);
            schema.insert("title".into(), "Source catalog".into());
            schema.insert(
                "description".into(),
                "Bibliographic details for each source, by id (its file name without `.txt`)."
                    .into(),
            );
            schema
        }
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}
