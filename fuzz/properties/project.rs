//! Property: whatever a repository holds — links out of the project, links to `/dev/stdin`
//! or `/proc/self/environ`, FIFOs, folders where files should be — a check and a render of it
//! never read, print or write anything outside the project, never write into the sources
//! folder, and never hang (a FIFO read would wait for ever: libFuzzer's `-timeout` catches it).
//!
//! An input is up to four parts split by 0xFF: the outline, the source `memo.txt`, the
//! catalog, and then one byte per special file, each naming a place in the project and what
//! to put there. Shared by the `project` fuzz target and `tests/cli/fuzz_regressions.rs`.

use std::path::Path;

use report::{CheckOptions, Format, RenderConfig};

/// Words of a file outside the project: no output may hold them.
const SECRET: &str = "outside-secret-7f3a";

/// Where a special file may go.
const PLACES: [&str; 6] = [
    "report.yaml",
    "sources/sources.yaml",
    "sources/memo.txt",
    "sources/other.txt",
    "report.md",
    "out",
];

/// Checks the property for one input; panics when it does not hold.
#[cfg(unix)]
pub fn check(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0xFF);
    let outline = parts.next().unwrap_or_default();
    let memo = parts.next().unwrap_or_default();
    let catalog = parts.next();
    let specials = parts.next().unwrap_or_default();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (project, outside) = (dir.path().join("project"), dir.path().join("outside"));
    std::fs::create_dir_all(project.join("sources")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), format!("{SECRET}\n")).unwrap();
    std::fs::write(
        outside.join("secret.yaml"),
        format!("memo: {{ title: {SECRET} }}\n"),
    )
    .unwrap();
    std::fs::write(project.join("report.yaml"), outline).unwrap();
    std::fs::write(project.join("sources/memo.txt"), memo).unwrap();
    if let Some(catalog) = catalog {
        std::fs::write(project.join("sources/sources.yaml"), catalog).unwrap();
    }
    for &byte in specials.iter().take(4) {
        special(&project, &outside, byte);
    }
    let before = listing(&outside);
    let outline = project.join("report.yaml");
    let options = CheckOptions {
        jobs: std::num::NonZeroUsize::new(1),
        ..CheckOptions::default()
    };
    let run = report::check_all(std::slice::from_ref(&outline), options.clone());
    let shown = format!("{run:?}");
    assert!(
        !shown.contains(SECRET),
        "a check showed the secret: {shown}"
    );
    let mut config = RenderConfig::new(outline, Format::Markdown, None);
    config.check = options;
    let rendered = format!("{:?}", report::render(&config));
    assert!(
        !rendered.contains(SECRET),
        "a render showed the secret: {rendered}"
    );
    assert_eq!(
        listing(&outside),
        before,
        "a file outside the project changed"
    );
    for name in ["sources/report.md", "sources/x.txt"] {
        assert!(!project.join(name).exists(), "{name} was written");
    }
}

#[cfg(not(unix))]
pub fn check(_data: &[u8]) {}

/// Puts what `byte` says at one of [`PLACES`] of `project`: a link out of it, a link to
/// `/dev/stdin` or `/proc/self/environ`, a FIFO, a folder, or a link inside it.
#[cfg(unix)]
fn special(project: &Path, outside: &Path, byte: u8) {
    use std::os::unix::fs::symlink;
    let place = project.join(PLACES[usize::from(byte) % PLACES.len()]);
    let _ = std::fs::remove_file(&place);
    let _ = std::fs::remove_dir_all(&place);
    let _ = match byte / 6 % 7 {
        0 => symlink(outside.join("secret.txt"), &place),
        1 => symlink(outside.join("secret.yaml"), &place),
        2 => symlink("/dev/stdin", &place),
        3 => symlink("/proc/self/environ", &place),
        4 => std::process::Command::new("mkfifo")
            .arg(&place)
            .status()
            .map(|_| ()),
        5 => symlink(outside, &place),
        _ => std::fs::create_dir(&place),
    };
}

/// Every file under `dir` with its contents, to tell whether anything changed.
fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap_or_default();
            (path.display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}
