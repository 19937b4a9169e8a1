//! The real-prose corpus: documentation that Debian ships, fetched once with `apt-get
//! download`, unpacked with `dpkg-deb -x` (neither needs root) and turned into plain-text
//! sources, cached under `$REPORT_BENCH_CACHE` (else `$XDG_CACHE_HOME/report-bench`, else
//! `~/.cache/report-bench`).
//!
//! Documents are kept as their projects publish them: Perl's manual pages one by one; each of
//! Python's books as one document (the Library Reference is over 6 MB, as its PDF is one
//! book); the Linux kernel's administrator's guide page by page and its other books one file
//! each; PostgreSQL's manual as one book; the Debian Administrator's Handbook page by page in
//! English and as one book in each of its other 25 languages; the Debian Reference as its
//! text edition. Web pages become text as the library would read them, a blank line after
//! each block.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The packages, in the order their documents are listed.
const PACKAGES: [&str; 6] = [
    "perl-doc",
    "python3.11-doc",
    "linux-doc-6.1",
    "postgresql-doc-15",
    "debian-handbook",
    "debian-reference-en",
];

/// The cached corpus: one `.txt` per document under `<cache>/prose/sources`. Builds it the
/// first time, which needs the Debian archive (about 110 MB of packages).
pub fn sources() -> (PathBuf, Vec<String>) {
    let cache = cache_dir();
    let done = cache.join("prose");
    let versions_file = done.join("versions.txt");
    if !versions_file.exists() {
        build(&cache, &done);
    }
    let versions = std::fs::read_to_string(&versions_file).expect("the corpus's versions");
    (
        done.join("sources"),
        versions.lines().map(str::to_owned).collect(),
    )
}

fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("REPORT_BENCH_CACHE") {
        return dir.into();
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .expect("HOME or XDG_CACHE_HOME, or REPORT_BENCH_CACHE");
    base.join("report-bench")
}

fn run(command: &mut Command) {
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(status.success(), "{command:?} failed: {status}");
}

fn build(cache: &Path, done: &Path) {
    let debs = cache.join("debs");
    std::fs::create_dir_all(&debs).expect("a cache folder");
    println!(
        "building the real-prose corpus in {} (once)",
        cache.display()
    );
    let mut versions = Vec::new();
    let unpacked = cache.join("unpacked");
    let _ = std::fs::remove_dir_all(&unpacked);
    for package in PACKAGES {
        let found = |debs: &Path| {
            (std::fs::read_dir(debs).expect("the cache").flatten())
                .map(|e| e.path())
                .find(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&format!("{package}_")))
                })
        };
        if found(&debs).is_none() {
            run(Command::new("apt-get")
                .args(["download", "-q", package])
                .current_dir(&debs));
        }
        let deb = found(&debs).expect("the downloaded package");
        let name = deb.file_name().unwrap().to_string_lossy().into_owned();
        versions.push(name.trim_end_matches(".deb").to_owned());
        std::fs::create_dir_all(unpacked.join(package)).expect("a cache folder");
        run(Command::new("dpkg-deb")
            .arg("-x")
            .arg(&deb)
            .arg(unpacked.join(package)));
    }
    let partial = cache.join("prose.partial");
    let _ = std::fs::remove_dir_all(&partial);
    let out = partial.join("sources");
    std::fs::create_dir_all(&out).expect("the corpus folder");
    let mut writer = Writer {
        out: &out,
        count: 0,
        bytes: 0,
    };
    perl(&unpacked.join("perl-doc"), &mut writer);
    python(&unpacked.join("python3.11-doc"), &mut writer);
    linux(&unpacked.join("linux-doc-6.1"), &mut writer);
    postgresql(&unpacked.join("postgresql-doc-15"), &mut writer);
    handbook(&unpacked.join("debian-handbook"), &mut writer);
    reference(&unpacked.join("debian-reference-en"), &mut writer);
    println!(
        "  {} documents, {:.1} MB",
        writer.count,
        writer.bytes as f64 / 1e6
    );
    std::fs::write(partial.join("versions.txt"), versions.join("\n") + "\n").expect("the versions");
    let _ = std::fs::remove_dir_all(done);
    std::fs::rename(&partial, done).expect("the corpus in place");
    let _ = std::fs::remove_dir_all(&unpacked);
}

struct Writer<'a> {
    out: &'a Path,
    count: usize,
    bytes: usize,
}

impl Writer<'_> {
    /// Writes a document named `name` (made a source id: lower case, letters, digits and
    /// dashes). Text that is not UTF-8 is skipped: this corpus is about speed, not encodings.
    fn write(&mut self, name: &str, text: &str) {
        if text.trim().is_empty() || text.contains('\0') {
            return;
        }
        let mut id: String = (name.chars())
            .map(|c| match c.is_ascii_alphanumeric() {
                true => c.to_ascii_lowercase(),
                false => '-',
            })
            .collect();
        while id.contains("--") {
            id = id.replace("--", "-");
        }
        let id = id.trim_matches('-');
        std::fs::write(self.out.join(format!("{id}.txt")), text).expect("a source");
        self.count += 1;
        self.bytes += text.len();
    }
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

fn joined(paths: &[PathBuf], read: impl Fn(&Path) -> Option<String>) -> String {
    let mut text = String::new();
    for path in paths {
        if let Some(part) = read(path) {
            text.push_str(&part);
            text.push_str("\n\n");
        }
    }
    text
}

fn stem(path: &Path, suffix: &str) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.trim_end_matches(suffix).to_owned()
}

fn perl(root: &Path, w: &mut Writer) {
    for pod in files(&root.join("usr/share/perl"), ".pod") {
        if let Some(text) = read(&pod) {
            w.write(&format!("perl-{}", stem(&pod, ".pod")), &text);
        }
    }
}

/// Sphinx's copies of its reStructuredText, `_sources/**.rst.txt`, grouped by top-level
/// folder: `(folder or file stem, files)`.
fn books(sources: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let mut books: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for file in files(sources, ".rst.txt") {
        let relative = file.strip_prefix(sources).unwrap();
        let top = match relative.components().count() {
            1 => stem(relative, ".rst.txt"),
            _ => relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .into(),
        };
        match books.last_mut() {
            Some((name, list)) if *name == top => list.push(file),
            _ => books.push((top, vec![file])),
        }
    }
    books
}

fn python(root: &Path, w: &mut Writer) {
    for (book, files) in books(&root.join("usr/share/doc/python3.11/html/_sources")) {
        w.write(&format!("python-{book}"), &joined(&files, read));
    }
}

fn linux(root: &Path, w: &mut Writer) {
    let sources = root.join("usr/share/doc/linux-doc-6.1/html/_sources");
    for (book, files) in books(&sources) {
        if book == "admin-guide" {
            for file in files {
                let relative = file.strip_prefix(&sources).unwrap().to_string_lossy();
                if let Some(text) = read(&file) {
                    w.write(
                        &format!("linux-{}", relative.trim_end_matches(".rst.txt")),
                        &text,
                    );
                }
            }
        } else {
            w.write(&format!("linux-{book}"), &joined(&files, read));
        }
    }
}

/// A web page's text: its body, a blank line after each block.
fn html_text(path: &Path) -> Option<String> {
    let html = read(path)?;
    let document = dom_query::Document::from(html.as_str());
    Some(document.select("body").formatted_text().to_string())
}

fn postgresql(root: &Path, w: &mut Writer) {
    let pages = files(&root.join("usr/share/doc/postgresql-doc-15/html"), ".html");
    w.write("postgresql-15-manual", &joined(&pages, html_text));
}

fn handbook(root: &Path, w: &mut Writer) {
    let html = root.join("usr/share/doc/debian-handbook/html");
    let mut languages: Vec<PathBuf> = (std::fs::read_dir(&html).expect("the handbook").flatten())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    languages.sort();
    for language in languages {
        let code = language.file_name().unwrap().to_string_lossy().into_owned();
        let pages = files(&language, ".html");
        if code == "en-US" {
            for page in pages {
                if let Some(text) = html_text(&page) {
                    w.write(&format!("handbook-en-{}", stem(&page, ".html")), &text);
                }
            }
        } else {
            w.write(&format!("handbook-{code}"), &joined(&pages, html_text));
        }
    }
}

fn reference(root: &Path, w: &mut Writer) {
    let gz = root.join("usr/share/debian-reference/debian-reference.en.txt.gz");
    let out = Command::new("gzip")
        .arg("-dc")
        .arg(&gz)
        .output()
        .expect("gzip runs");
    if let Ok(text) = String::from_utf8(out.stdout) {
        w.write("debian-reference", &text);
    }
}
