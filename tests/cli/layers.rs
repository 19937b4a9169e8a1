//! The library's layering, checked: each folder of `src/` may import only from folders below
//! it in [`LAYERS`], and no file imports, directly or through others, a file that imports it.
//! ARCHITECTURE.md states the same order.
//!
//! Imports are read from the source text: every `crate::a::b` path, every `super::` path,
//! and in a folder's `mod.rs` every path that starts with one of its files. Comments and the
//! `#[cfg(test)]` module at the end of a file are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's folders (and top-level files), lowest first. `lib` is `lib.rs`.
const LAYERS: [&str; 14] = [
    "text", "error", "files", "outline", "sources", "matching", "nearest", "search", "check",
    "project", "import", "render", "print", "lib",
];

/// A file of the library, by its path under `src/` without `.rs`: `matching/batch`,
/// `matching/mod`, `error`, `lib`.
type Unit = String;

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let graph = imports();
    let mut wrong = Vec::new();
    for (from, tos) in &graph {
        for to in tos {
            if rank(to) > rank(from) {
                wrong.push(format!("{from} imports {to}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports from a layer above ({LAYERS:?}, lowest first):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_cycle_between_files() {
    let graph = imports();
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn every_folder_of_the_library_has_a_layer() {
    let graph = imports();
    for unit in graph.keys() {
        let top = unit.split('/').next().unwrap_or(unit);
        assert!(
            LAYERS.contains(&top),
            "src/{unit}.rs is in no layer of {LAYERS:?}"
        );
    }
}

/// The layering test must be able to fail: a lower file importing a higher one is caught.
#[test]
fn an_import_from_above_is_caught() {
    let mut graph = BTreeMap::new();
    let units: BTreeSet<Unit> = ["matching/batch", "nearest/passage", "nearest/mod"]
        .map(String::from)
        .into();
    let code = "use crate::nearest::passage::nearest;\nfn f() { crate::nearest::MAX_WORDS; }";
    graph.insert(
        "matching/batch".to_owned(),
        references("matching/batch", code, &units),
    );
    let tos = &graph["matching/batch"];
    assert!(
        tos.contains("nearest/passage") && tos.contains("nearest/mod"),
        "{tos:?}"
    );
    assert!(tos.iter().all(|to| rank(to) > rank("matching/batch")));
    let looped: BTreeMap<Unit, BTreeSet<Unit>> = [
        ("a/x".to_owned(), BTreeSet::from(["a/y".to_owned()])),
        ("a/y".to_owned(), BTreeSet::from(["a/x".to_owned()])),
    ]
    .into();
    assert_eq!(cycles(&looped).len(), 1);
}

fn rank(unit: &str) -> usize {
    let top = unit.split('/').next().unwrap_or(unit);
    LAYERS.iter().position(|l| *l == top).unwrap_or(usize::MAX)
}

/// Every library file and the files it imports from (itself left out).
fn imports() -> BTreeMap<Unit, BTreeSet<Unit>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let units: BTreeSet<Unit> = files.iter().map(|f| unit_of(&src, f)).collect();
    files
        .iter()
        .map(|file| {
            let unit = unit_of(&src, file);
            let code = std::fs::read_to_string(file).expect("read a source file");
            let tos = references(&unit, &code, &units);
            (unit, tos)
        })
        .collect()
}

/// The `.rs` files under `dir`, leaving out the binary (`main.rs` and `cli/`).
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/") {
        let path = entry.expect("read src/").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() && name != "cli" {
            collect(&path, files);
        } else if name.ends_with(".rs") && !(dir.ends_with("src") && name == "main.rs") {
            files.push(path);
        }
    }
}

fn unit_of(src: &Path, file: &Path) -> Unit {
    let relative = file.strip_prefix(src).expect("under src/");
    relative
        .with_extension("")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The files `code`, the text of `unit`, imports from.
fn references(unit: &str, code: &str, units: &BTreeSet<Unit>) -> BTreeSet<Unit> {
    let folder = unit.rsplit_once('/').map_or("", |(f, _)| f);
    let is_mod = unit.ends_with("/mod") || unit == "lib";
    let mut tos = BTreeSet::new();
    for line in code.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let line = line.split("//").next().unwrap_or_default();
        for (start, _) in line.match_indices("crate::") {
            let path = path_at(&line[start + "crate::".len()..]);
            tos.extend(resolve("", &path, units));
        }
        for (start, _) in line.match_indices("super::") {
            let path = path_at(&line[start + "super::".len()..]);
            let parent = if is_mod {
                folder.rsplit_once('/').map_or("", |(f, _)| f)
            } else {
                folder
            };
            tos.extend(resolve(parent, &path, units));
        }
        if is_mod {
            let mod_folder = if unit == "lib" { "" } else { folder };
            let trimmed = line.trim_start();
            let trimmed = trimmed.strip_prefix("pub ").unwrap_or(trimmed);
            if let Some(rest) = trimmed.strip_prefix("use ") {
                let path = path_at(rest);
                let child = join(mod_folder, path.first().map_or("", String::as_str));
                if units.contains(&child) || units.contains(&format!("{child}/mod")) {
                    tos.extend(resolve(mod_folder, &path, units));
                }
            }
        }
    }
    tos.remove(unit);
    tos
}

/// The `::`-separated names at the start of `text`: `a::b::{c, d}` gives `[a, b]`.
fn path_at(text: &str) -> Vec<String> {
    let mut path = Vec::new();
    for part in text.split("::") {
        let name: String = part
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            break;
        }
        let whole = name.len() == part.len();
        path.push(name);
        if !whole {
            break;
        }
    }
    path
}

/// The file a path names from `base`: the deepest prefix that is a file, else its folder's
/// `mod.rs`, else `lib` (a name `lib.rs` declares or re-exports).
fn resolve(base: &str, path: &[String], units: &BTreeSet<Unit>) -> Option<Unit> {
    let mut found = None;
    let mut at = base.to_owned();
    for name in path {
        at = join(&at, name);
        if units.contains(&at) {
            found = Some(at.clone());
        } else if units.contains(&format!("{at}/mod")) {
            found = Some(format!("{at}/mod"));
        } else {
            break;
        }
    }
    found.or_else(|| {
        let top = if base.is_empty() {
            "lib".to_owned()
        } else {
            format!("{base}/mod")
        };
        units.contains(&top).then_some(top)
    })
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_owned()
    } else {
        format!("{folder}/{name}")
    }
}

/// Each cycle of `graph`, as the files on it.
fn cycles(graph: &BTreeMap<Unit, BTreeSet<Unit>>) -> Vec<String> {
    let mut found = Vec::new();
    let mut finished = BTreeSet::new();
    for start in graph.keys() {
        let mut stack = vec![start.clone()];
        walk(graph, &mut stack, &mut finished, &mut found);
    }
    found
}

fn walk(
    graph: &BTreeMap<Unit, BTreeSet<Unit>>,
    stack: &mut Vec<Unit>,
    finished: &mut BTreeSet<Unit>,
    found: &mut Vec<String>,
) {
    let here = stack.last().expect("a file").clone();
    if finished.contains(&here) {
        return;
    }
    for next in graph.get(&here).into_iter().flatten() {
        if let Some(i) = stack.iter().position(|u| u == next) {
            found.push(format!("{} → {next}", stack[i..].join(" → ")));
            continue;
        }
        stack.push(next.clone());
        walk(graph, stack, finished, found);
        stack.pop();
    }
    finished.insert(here);
}
