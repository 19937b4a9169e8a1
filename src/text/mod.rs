//! Text utilities every stage shares: line and column positions and character boundaries
//! ([`position`]), which bytes of a stretch are of a kind, 64 at a time (`bytes.rs`), whitespace ([`whitespace`]), showing hidden characters ([`visible`]),
//! short excerpts and counts for messages (`excerpt.rs`), ids that hide characters or mix
//! scripts (`lookalike.rs`), and a large text cut into stretches for threads to share
//! (`stretches.rs`).
//!
//! Boundary: plain functions over strings. Nothing here reads a file, knows an outline or a
//! source, or makes an error: it imports nothing from the rest of the crate.

pub(crate) mod bytes;
pub(crate) mod excerpt;
pub(crate) mod lookalike;
pub mod position;
pub(crate) mod stretches;
pub mod visible;
pub mod whitespace;

pub use position::LineCol;

/// The next of a small, fast pseudo-random sequence (xorshift), the same on every machine:
/// the texts unit tests build of pieces.
#[cfg(test)]
pub(crate) fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}
