//! `report render --watch`: render, then check and render again whenever the outline, a
//! source or the catalog changes, printing findings as they appear (like `typst watch`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{Event, EventKind, RecursiveMode, Watcher};
use report::RenderConfig;

use super::exit::{FAILED, err};
use super::render;

/// How long after a change to wait for more before rendering: an editor's save is often
/// several events (write, rename, change of attributes).
const SETTLE: Duration = Duration::from_millis(150);

/// Renders `config` now and after every change to its inputs, until stopped (Ctrl-C).
pub fn watch(config: &RenderConfig) -> u8 {
    let (sender, events) = channel();
    let mut watcher = match notify::recommended_watcher(sender) {
        Ok(watcher) => watcher,
        Err(error) => {
            err(&format!("error: cannot watch for changes: {error}"));
            return FAILED;
        }
    };
    let inputs = Inputs::of(config);
    for folder in inputs.folders() {
        if let Err(error) = watcher.watch(&folder, RecursiveMode::NonRecursive) {
            err(&format!(
                "error: cannot watch {}: {error}",
                folder.display()
            ));
            return FAILED;
        }
    }
    loop {
        render(config);
        err("watching the outline, its sources and the catalog for changes (Ctrl-C to stop)");
        wait_for_change(&events, &inputs);
        err("");
        err("a change: checking again");
    }
}

/// What a render reads: the outline file and the sources folder.
struct Inputs {
    outline: PathBuf,
    sources: PathBuf,
}

impl Inputs {
    fn of(config: &RenderConfig) -> Self {
        let outline = absolute(&config.outline);
        let folder = outline.parent().unwrap_or(Path::new("/")).to_owned();
        // The folder the outline names, when it can be read; else the usual one.
        let named =
            report::outline::OutlineFile::read(&config.outline, config.check.root.as_deref())
                .ok()
                .and_then(|file| Some(file.outline.sources?.value));
        let sources = absolute(&folder.join(named.as_deref().unwrap_or("sources")));
        Self { outline, sources }
    }

    fn folders(&self) -> Vec<PathBuf> {
        let parent = self.outline.parent().unwrap_or(Path::new("/")).to_owned();
        let mut folders = vec![parent];
        if self.sources.is_dir() && !folders.contains(&self.sources) {
            folders.push(self.sources.clone());
        }
        folders
    }

    /// Whether `event` changes an input: the outline, or anything in the sources folder.
    /// Reads (the render's own) and the render's output beside the outline are not changes.
    fn changed_by(&self, event: &Event) -> bool {
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        event
            .paths
            .iter()
            .any(|path| *path == self.outline || path.parent() == Some(&self.sources))
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// Blocks until an input changes, then until the changes settle.
fn wait_for_change(events: &Receiver<notify::Result<Event>>, inputs: &Inputs) {
    loop {
        match events.recv() {
            Ok(Ok(event)) if inputs.changed_by(&event) => break,
            Ok(_) => {}
            // The watcher is gone: nothing more will come, so the run cannot go on (exit 2).
            Err(_) => std::process::exit(i32::from(FAILED)),
        }
    }
    loop {
        match events.recv_timeout(SETTLE) {
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => std::process::exit(i32::from(FAILED)),
            Ok(_) => {}
        }
    }
}
