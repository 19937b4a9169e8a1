//! `report`: the command-line entry point. Parses arguments, runs, prints, exits.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(cli::parse())
}
