//! `report`: the command-line entry point. Bounds the allocator's arenas, parses arguments,
//! runs, prints, exits.

mod cli;

fn main() -> std::process::ExitCode {
    bound_allocator_arenas();
    cli::run(cli::parse())
}

/// Keeps glibc's allocator to one arena per core and two more, however many threads a run
/// starts: each thread otherwise may get an arena of its own, and what one frees stays with
/// it, unused by the others. The two more are the main thread's and the signal thread's,
/// which holds one for the whole run: with one arena per core and one more, one of the two
/// searching threads shared an arena, at times the other's, and then they waited on each
/// other's lock (872 waits in a check of ten thousand quotes of Markov text with 2,000
/// misquoted, against 45; that check of real prose 6% slower, though 3 MB lower at its
/// peak). With `--jobs` above the cores, the threads share the arenas. A limit the user sets
/// through glibc's own variables is left as it is.
fn bound_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let set = |name: &str| std::env::var_os(name).is_some();
        if set("MALLOC_ARENA_MAX") || set("GLIBC_TUNABLES") {
            return;
        }
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let arenas = libc::c_int::try_from(cores + 2).unwrap_or(libc::c_int::MAX);
        // SAFETY: `mallopt` only sets a tuning parameter; it is called before any other
        // thread starts, and a value it refuses leaves the allocator as it was.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}
