//! Fuzzes outline parsing and the places of its values; see `properties/outline.rs`.

#![no_main]

#[path = "../properties/outline.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
