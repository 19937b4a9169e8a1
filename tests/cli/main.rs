//! The integration tests: the real `report` binary run on fixture folders, and the library's
//! properties, one module per feature, linked into one test binary (one link instead of one
//! per file is most of what `cargo test` saves on a fresh machine).

mod common;

mod budgets;
mod check;
mod ci_snippets;
mod containment;
mod coverage;
mod draft;
mod file_gate;
mod formats;
mod fuzz_regressions;
mod hidden_text;
mod hostile_outline;
mod html;
mod import;
mod inline_marks;
mod interrupted;
mod large_source;
mod layers;
mod literal_text;
mod lookalike_ids;
mod markdown;
mod matching_properties;
mod near_miss;
mod nothing_false;
mod one_pass;
mod pdf;
mod position_properties;
mod project;
mod quoting;
mod quoting_properties;
mod readme;
mod render;
mod source_tools;
mod sources_add;
mod sources_hostile;
mod sources_web;
mod standard_output;
mod styles;
mod vanishing;
mod watch;
