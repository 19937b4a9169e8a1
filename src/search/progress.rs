//! How far a check has got, told to whoever asked (the command line draws a bar with it).
//! The library only reports; it never draws.

use std::sync::Arc;

/// Which of a check's two rounds of searching a [`Step`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// Finding every quote in its sources.
    Finding,
    /// Explaining the quotes not found: other sources, nearest passages.
    Explaining,
}

/// One source file searched: how many of the round's files are done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The round.
    pub round: Round,
    /// Files searched so far in this round.
    pub done: usize,
    /// Files this round searches.
    pub total: usize,
}

/// A callback told of every [`Step`], from whichever thread searched the file.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(Step) + Send + Sync>);

impl Progress {
    /// Tells the callback of `step`.
    pub fn tell(&self, step: Step) {
        (self.0)(step);
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}
