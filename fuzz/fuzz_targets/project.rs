//! Fuzzes whole projects with links, FIFOs and folders in them; see `properties/project.rs`.

#![no_main]

#[path = "../properties/project.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
