//! Sources that vanish or change while `report` runs: each is read once, so a run sees one
//! version of it whole or says clearly that it could not read it. Never a panic.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::common::{assert_contains, corpus, report_in};

#[cfg(unix)]
#[test]
fn a_source_gone_between_listing_and_reading_is_an_error_naming_it() {
    // A link whose file is gone is listed like any source, then cannot be read: the same
    // path a file takes when it is deleted after the folder is listed.
    let dir = tempfile::tempdir().unwrap();
    corpus::write_source(dir.path(), "memo", "The plan passed.\n");
    std::os::unix::fs::symlink("gone.txt", dir.path().join("sources/lost.txt")).unwrap();
    corpus::write_outline(dir.path(), "report.yaml", "lost", "The plan passed.");
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "sources/lost.txt: cannot read: No such file or directory",
    );
}

#[test]
fn a_source_rewritten_during_runs_is_read_whole_or_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (long, _) = corpus::generate(2_000_000, 3);
    let versions = [
        format!("{long}\nThe plan passed.\n"),
        format!("{long}\nThe plan failed.\n"),
    ];
    corpus::write_source(dir.path(), "memo", &versions[0]);
    corpus::write_outline(dir.path(), "report.yaml", "memo", "The plan passed.");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = Arc::clone(&stop);
        let path = dir.path().join("sources/memo.txt");
        std::thread::spawn(move || {
            // Rewrite the file in place (truncate, then write) and delete it, over and over.
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                if i % 7 == 0 {
                    let _ = std::fs::remove_file(&path);
                }
                let _ = std::fs::write(&path, &versions[i % 2]);
            }
        })
    };
    let mut codes = [0; 3];
    for _ in 0..40 {
        let run = report_in(dir.path(), &["check"]);
        match run.code {
            0 => assert_contains(&run.stdout, "1 verified"),
            // Caught half-written, gone when the folder was listed, or gone when read.
            1 => assert!(
                run.stdout.contains("error[quote-not-found]")
                    || run.stdout.contains("error[unknown-source]")
                    || run.stdout.contains("error[source-unreadable]"),
                "{}",
                run.stdout
            ),
            2 => assert_contains(&run.stderr, "sources/memo.txt"),
            other => panic!("exit {other}: {}{}", run.stdout, run.stderr),
        }
        codes[run.code as usize] += 1;
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    eprintln!("exits 0/1/2: {codes:?}");
}
