//! Timing commands: several runs, alternating between the commands compared, and peak memory
//! as `/usr/bin/time -v` reports it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A command line to time.
#[derive(Clone)]
pub struct Cmd {
    pub label: String,
    pub program: String,
    pub args: Vec<String>,
}

impl Cmd {
    pub fn new(label: &str, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Self {
        Self {
            label: label.to_owned(),
            program: program.as_ref().to_string_lossy().into_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.args.push(arg.as_ref().to_string_lossy().into_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(mut self, args: I) -> Self {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    pub fn relabel(mut self, label: &str) -> Self {
        self.label = label.to_owned();
        self
    }

    fn command(&self, dir: &Path) -> Command {
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        command
    }

    /// Runs once with output discarded; returns the wall time.
    pub fn time(&self, dir: &Path) -> Duration {
        let start = Instant::now();
        let status = (self.command(dir))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.program));
        let took = start.elapsed();
        // report exits 1 when it has findings and rg when nothing matched; 2 is a failure.
        assert!(
            status.code().is_some_and(|c| c < 2),
            "{} failed: {status}",
            self.label
        );
        took
    }

    /// Runs once; returns standard output.
    pub fn output(&self, dir: &Path) -> Vec<u8> {
        let out = (self.command(dir))
            .stderr(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.program));
        out.stdout
    }

    /// Peak resident memory in bytes, from `/usr/bin/time -v`.
    pub fn peak_memory(&self, dir: &Path) -> Option<u64> {
        let out = Command::new("/usr/bin/time")
            .arg("-v")
            .arg(&self.program)
            .args(&self.args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .ok()?;
        let report = String::from_utf8_lossy(&out.stderr);
        let line = report
            .lines()
            .find(|l| l.contains("Maximum resident set size"))?;
        let kib: u64 = line.rsplit(':').next()?.trim().parse().ok()?;
        Some(kib * 1024)
    }
}

/// Times of one command over several runs.
pub struct Times {
    pub label: String,
    pub runs: Vec<Duration>,
}

impl Times {
    pub fn median(&self) -> Duration {
        let mut sorted = self.runs.clone();
        sorted.sort();
        sorted[sorted.len() / 2]
    }

    pub fn line(&self) -> String {
        let min = self.runs.iter().min().copied().unwrap_or_default();
        let max = self.runs.iter().max().copied().unwrap_or_default();
        format!(
            "{:<44} median {:>8.1} ms  (min {:.1}, max {:.1}; {} runs)",
            self.label,
            ms(self.median()),
            ms(min),
            ms(max),
            self.runs.len()
        )
    }
}

/// Times `commands` `runs` times each, taking them in turn, after one warm-up run each.
pub fn alternate(commands: &[Cmd], dir: &Path, runs: usize) -> Vec<Times> {
    for c in commands {
        c.time(dir);
    }
    let mut times: Vec<Times> = (commands.iter())
        .map(|c| Times {
            label: c.label.clone(),
            runs: Vec::new(),
        })
        .collect();
    for _ in 0..runs {
        for (c, t) in commands.iter().zip(&mut times) {
            t.runs.push(c.time(dir));
        }
    }
    times
}

/// Times a function several times; the median.
pub fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
