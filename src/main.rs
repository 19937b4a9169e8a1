//! `report`: the command-line entry point. Parses arguments, runs, prints, exits.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::Args::parse())
}
