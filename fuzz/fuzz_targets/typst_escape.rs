//! Fuzzes the Typst string escaper against the Typst parser; see `properties/typst_escape.rs`.

#![no_main]

#[path = "../properties/typst_escape.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
