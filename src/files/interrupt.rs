//! What an interrupted run must undo: the temporary files and folders it is writing, and the
//! child processes (Typst) it holds.
//!
//! Work in progress registers here and unregisters when done (guards do it on drop). When the
//! process is told to stop (SIGINT, SIGTERM), the binary calls [`clean_up`] before it exits:
//! the temporary output file goes, so nothing half-written is left beside the real output,
//! which a rename replaces whole or not at all. Nothing here prints or installs handlers.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Temporary paths and the children held, as they are now.
struct Live {
    paths: Vec<PathBuf>,
    children: Vec<Child>,
    /// Whether [`clean_up`] has run: the process is about to end, and starts no child.
    stopping: bool,
}

static LIVE: Mutex<Live> = Mutex::new(Live::new());

/// The standard input, output and error of a child started, where piped.
pub(crate) type Pipes = (Option<ChildStdin>, Option<ChildStdout>, Option<ChildStderr>);

impl Live {
    /// Nothing held, and the run not stopping.
    const fn new() -> Self {
        Self {
            paths: Vec::new(),
            children: Vec::new(),
            stopping: false,
        }
    }

    /// Starts `command` and holds the child at once: [`start`] calls this under the lock
    /// that [`clean_up`] takes, so a stop that comes while the child starts finds it held
    /// (and waits for the start, however long the system takes to start a program).
    fn start(&mut self, command: &mut Command) -> std::io::Result<(u32, Pipes)> {
        if self.stopping {
            return Err(std::io::Error::other("the run is being stopped"));
        }
        let mut child = command.spawn()?;
        let pipes = (child.stdin.take(), child.stdout.take(), child.stderr.take());
        let id = child.id();
        self.children.push(child);
        Ok((id, pipes))
    }

    /// The child held under `id`, unless the run was interrupted (which took it).
    fn child(&mut self, id: u32) -> Option<&mut Child> {
        self.children.iter_mut().find(|c| c.id() == id)
    }

    /// [`clean_up`]: kills every child held, removes every temporary path, and refuses
    /// children from now on.
    fn stop(&mut self) {
        self.stopping = true;
        for mut child in self.children.drain(..) {
            kill(&mut child);
            let _ = child.wait();
        }
        for path in self.paths.drain(..) {
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }

    /// Takes the child held under `id` out of the live ones.
    fn take(&mut self, id: u32) -> Option<Child> {
        let at = self.children.iter().position(|c| c.id() == id)?;
        Some(self.children.swap_remove(at))
    }
}

fn live() -> MutexGuard<'static, Live> {
    // A panic while holding the lock leaves plain data behind; it is still usable.
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A temporary file or folder to remove if the run is interrupted; dropping it forgets it.
#[derive(Debug)]
#[must_use = "the path is forgotten when the guard is dropped"]
pub struct Temporary(PathBuf);

/// Registers `path` as temporary until the returned guard is dropped.
pub fn temporary(path: &Path) -> Temporary {
    live().paths.push(path.to_owned());
    Temporary(path.to_owned())
}

impl Drop for Temporary {
    fn drop(&mut self) {
        let mut live = live();
        if let Some(i) = live.paths.iter().rposition(|p| *p == self.0) {
            live.paths.remove(i);
        }
    }
}

/// How waiting for a child ended.
#[derive(Debug)]
pub enum Waited {
    /// It exited.
    Exited(ExitStatus),
    /// It ran longer than allowed and was killed.
    TimedOut,
    /// The run is being interrupted; the child was killed.
    Interrupted,
}

/// A child process the run holds: killed, with its process group, if the run is interrupted
/// or the guard is dropped before the child is waited for ([`Held::wait`]).
#[derive(Debug)]
#[must_use = "the child is killed when the guard is dropped"]
pub(crate) struct Held(u32);

/// Starts `command` and holds the child until the returned guard waits for it or is dropped,
/// with its pipes. On Unix the child must lead its own process group (`process_group(0)`):
/// the whole group is killed, so nothing it started outlives it. Several children may be
/// held at once (renders on several threads), each by its own guard. Once the run is being
/// stopped ([`clean_up`]), no child starts: an error, and [`stopping`] says why.
pub(crate) fn start(command: &mut Command) -> std::io::Result<(Held, Pipes)> {
    let (id, pipes) = live().start(command)?;
    Ok((Held(id), pipes))
}

impl Held {
    /// Waits for the child for at most `timeout`, killing it if it runs longer or the run is
    /// interrupted meanwhile.
    pub(crate) fn wait(self, timeout: Duration) -> std::io::Result<Waited> {
        let started = Instant::now();
        loop {
            let mut live = live();
            let Some(child) = live.child(self.0) else {
                return Ok(Waited::Interrupted);
            };
            let ended = match child.try_wait() {
                Ok(Some(status)) => Some(Ok(Waited::Exited(status))),
                Err(e) => Some(Err(e)),
                Ok(None) if started.elapsed() >= timeout => {
                    kill(child);
                    let _ = child.wait();
                    Some(Ok(Waited::TimedOut))
                }
                Ok(None) => None,
            };
            if let Some(ended) = ended {
                // Let go of it under the same lock: once reaped, its id may name another.
                live.take(self.0);
                return ended;
            }
            drop(live);
            // A fine interval: a PDF compiles in tens of milliseconds, and each poll is one
            // `waitpid` call.
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let child = live().take(self.0);
        if let Some(mut child) = child {
            kill(&mut child);
            let _ = child.wait();
        }
    }
}

/// Kills `child` and, on Unix, every process of its group: the processes it started too. The
/// child is not yet waited for, so its id still names its group.
fn kill(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: `killpg` only sends a signal; `group` is the id of our own child, which
        // leads its group and has not been reaped, so the id cannot name anything else.
        unsafe {
            libc::killpg(group, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

/// Kills every child held and removes every registered temporary path. Called once, when
/// the process is told to stop; later registrations are removed by their guards as usual,
/// and no child starts after it.
pub fn clean_up() {
    live().stop();
}

/// Whether the run is being stopped ([`clean_up`] has run): a child refused then is no
/// failure of the program ([`crate::files::program::failure`]).
pub(crate) fn stopping() -> bool {
    live().stopping
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn children_held_at_once_are_each_waited_for_and_stopped_by_their_own_guard() {
        let sleeper = || start(&mut sleep_60()).unwrap();
        let (first, second) = (sleeper(), sleeper());
        let (first_id, second_id) = (first.0.0, second.0.0);
        let (first, second) = (first.0, second.0);
        let gone = |id: u32| live().child(id).is_none();
        drop(first);
        assert!(gone(first_id) && !gone(second_id));
        let waited = second.wait(Duration::from_millis(50)).unwrap();
        assert!(matches!(waited, Waited::TimedOut), "{waited:?}");
        assert!(gone(second_id));
        let reaped = |id: u32| !Path::new("/proc").join(id.to_string()).exists();
        assert!(reaped(first_id) && reaped(second_id));
    }

    /// `sleep 60`, leading a process group of its own.
    #[cfg(unix)]
    fn sleep_60() -> Command {
        let mut command = Command::new("sleep");
        command.arg("60");
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        command
    }

    #[cfg(unix)]
    #[test]
    fn a_child_is_held_as_it_starts_and_none_starts_once_the_run_is_stopping() {
        let mut own = Live::new();
        let (id, _) = own.start(&mut sleep_60()).unwrap();
        assert!(own.child(id).is_some());
        own.stop();
        assert!(!Path::new("/proc").join(id.to_string()).exists());
        assert!(own.start(&mut sleep_60()).is_err());
        assert!(own.children.is_empty());
    }

    #[test]
    fn a_guard_forgets_its_path_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.tmp");
        let guard = temporary(&path);
        assert!(live().paths.contains(&path));
        drop(guard);
        assert!(!live().paths.contains(&path));
    }
}
