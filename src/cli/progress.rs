//! A progress bar on standard error for checks that take a while: drawn only once a run has
//! taken about a second, only on a terminal, and never in CI, so piped and logged output
//! stays exactly the findings.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use report::CheckOptions;
use report::search::progress::{Progress, Round, Step};

/// How long a run goes before its bar is drawn.
const DELAY: Duration = Duration::from_secs(1);

/// A bar, hidden until the run has taken [`DELAY`].
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
}

impl Bar {
    /// A bar for a run starting now, told of the run's progress through `options`; `None`
    /// where no bar may be drawn.
    pub fn attach(options: &mut CheckOptions) -> Option<Arc<Self>> {
        let terminal = std::io::stderr().is_terminal();
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        if !drawable(terminal, std::env::var_os("CI").is_some(), dumb) {
            return None;
        }
        let bar = ProgressBar::hidden();
        if let Ok(style) = ProgressStyle::with_template("{msg:18} [{bar:30}] {pos}/{len} sources") {
            bar.set_style(style.progress_chars("=> "));
        }
        let me = Arc::new(Self {
            bar,
            started: Instant::now(),
        });
        let told = Arc::clone(&me);
        options.progress = Some(Progress(Arc::new(move |step| told.step(step))));
        Some(me)
    }

    fn step(&self, step: Step) {
        if self.bar.is_hidden() && self.started.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_message(match step.round {
            Round::Finding => "finding quotes",
            Round::Explaining => "explaining misses",
        });
        self.bar.set_length(step.total as u64);
        self.bar.set_position(step.done as u64);
    }

    /// Removes the bar, if it was drawn, before anything else is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Whether a bar may be drawn: on a terminal, outside CI, on a terminal that can redraw.
fn drawable(terminal: bool, ci: bool, dumb: bool) -> bool {
    terminal && !ci && !dumb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_drawn_only_on_a_capable_terminal_outside_ci() {
        assert!(drawable(true, false, false));
        assert!(!drawable(false, false, false));
        assert!(!drawable(true, true, false));
        assert!(!drawable(true, false, true));
    }

    #[test]
    fn the_bar_waits_a_second_before_it_is_drawn() {
        let mut options = CheckOptions::default();
        let bar = Arc::new(Bar {
            bar: ProgressBar::hidden(),
            started: Instant::now(),
        });
        let told = Arc::clone(&bar);
        options.progress = Some(Progress(Arc::new(move |step| told.step(step))));
        let step = Step {
            round: Round::Finding,
            done: 1,
            total: 2,
        };
        options.progress.as_ref().unwrap().tell(step);
        assert!(bar.bar.is_hidden());
        assert_eq!(bar.bar.position(), 1);
    }
}
