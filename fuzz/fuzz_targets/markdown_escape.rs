//! Fuzzes the Markdown escaper against a CommonMark parser; see `properties/markdown_escape.rs`.

#![no_main]

#[path = "../properties/markdown_escape.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
