//! `report render --watch` checks and renders again when an input changes, as a user sees it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::common::report_in;

/// A running `report render --watch` and the lines it prints on standard error.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_report"))
            .args(["render", "--watch"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("report starts");
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        Self {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits (at most 30 s) for the next line containing `text`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(text);
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with {text:?}; saw:\n{}", self.seen.join("\n"));
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} in {path:?}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn a_change_to_the_outline_or_a_source_is_checked_and_rendered_again() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(report_in(dir.path(), &["init"]).code, 0);
    let (outline, source) = (
        dir.path().join("report.yaml"),
        dir.path().join("sources/udhr.txt"),
    );
    let output = dir.path().join("report.md");
    let mut watching = Watching::start(dir.path());
    watching.wait_for("wrote report.md");
    watching.wait_for("watching");
    let rendered = std::fs::read_to_string(&output).unwrap();

    edit(&outline, "equal in dignity", "equal in dignty");
    watching.wait_for("error[quote-not-found]");
    watching.wait_for("[-dignty-] [+dignity+]");
    watching.wait_for("nothing rendered");
    watching.wait_for("watching");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), rendered);

    edit(&source, "equal in dignity", "equal in dignty");
    watching.wait_for("wrote report.md");
    watching.wait_for("watching");
    assert!(
        std::fs::read_to_string(&output)
            .unwrap()
            .contains("equal in dignty")
    );

    edit(&source, "spirit of brotherhood", "spirit of fraternity");
    watching.wait_for("error[quote-not-found]");
    watching.wait_for("nothing rendered");
}
