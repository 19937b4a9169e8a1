//! Fuzzes quote matching and the near-miss search; see `properties/matcher.rs`.

#![no_main]

#[path = "../properties/matcher.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
