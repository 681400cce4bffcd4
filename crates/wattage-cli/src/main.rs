//! `wattage`: the library's answers from the shell, for analysts who do
//! not write Rust.
//!
//! Every subcommand prints a table (aligned, thousands separators), CSV or
//! JSON (`--format`). Errors are one line saying what was wrong and with
//! which value, then a hint; the exit code is 0 on success, 1 for bad
//! input and 2 for an internal error. The reference is the book's chapter
//! `docs/10-cli.md`.
#![forbid(unsafe_code)]

mod args;
mod catalog;
mod chart;
mod config;
mod error;
mod mining;
mod missing_value;
mod output;
mod site;
mod sweep;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::error::{CliError, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, Result};
use crate::output::Format;

/// The energy-to-compute economy from the command line: hashprice,
/// breakeven power prices, the hardware catalog and site simulations.
#[derive(Debug, Parser)]
#[command(name = "wattage", version, about, long_about = None, after_help = "\
Examples:
  wattage hashprice --difficulty 148.26T --fees 0.55% --btc-price 91132
  wattage breakeven --efficiency \"17.5 J/TH\" --hashprice '$54.3/PH/day' --pue 1.1 --pool-fee 2%
  wattage catalog list --cooling hydro --format csv
  wattage site run site.toml --prices prices.csv --out ledger.csv
  wattage compare base.toml alternative.toml --prices prices.csv
  wattage sweep sweep.toml --shard 2/4 > part-2.csv
  wattage completions bash > ~/.local/share/bash-completion/completions/wattage

Exit codes: 0 ok, 1 bad input, 2 internal error.")]
struct Cli {
    /// Output format [default: table; csv for `sweep`].
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// USD and BTC earned per PH/s and per TH/s per day, from difficulty, fees and BTC price.
    Hashprice(mining::HashpriceArgs),
    /// The power price at which a miner breaks even, at the wall and at the meter.
    Breakeven(mining::BreakevenArgs),
    /// What one MWh of mining earns, at the wall and at the meter.
    Revenue(mining::BreakevenArgs),
    /// The built-in hardware catalog: list, show and compare miners; list accelerators.
    #[command(
        subcommand,
        after_help = "\
Examples:
  wattage catalog list --year 2024 --cooling hydro
  wattage catalog show \"s21 xp hyd\"
  wattage catalog compare S19 \"S21 XP\"
  wattage catalog accelerators --precision fp8"
    )]
    Catalog(catalog::CatalogCommand),
    /// Site simulations.
    #[command(
        subcommand,
        after_help = "\
Examples:
  wattage site run site.toml --prices prices.csv
  wattage site run site.toml --prices prices.csv --by month --out ledger.csv"
    )]
    Site(site::SiteCommand),
    /// Two plans (or more, each against the first) year by year: cash flows, NPV, IRR, payback.
    Compare(site::CompareArgs),
    /// Many sites or price paths through the fast kernel, as CSV; shardable.
    Sweep(sweep::SweepArgs),
    /// Prints a shell completion script.
    #[command(after_help = "\
Examples:
  wattage completions bash > ~/.local/share/bash-completion/completions/wattage
  wattage completions zsh > ~/.zfunc/_wattage
  wattage completions fish > ~/.config/fish/completions/wattage.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

fn run(cli: Cli) -> Result<()> {
    let stdout = io::stdout();
    let format = cli.format.unwrap_or(match cli.command {
        Command::Sweep(_) => Format::Csv,
        _ => Format::Table,
    });
    let (name, sections) = match &cli.command {
        Command::Hashprice(a) => ("hashprice", mining::hashprice(a)?),
        Command::Breakeven(a) => ("breakeven", mining::breakeven(a)?),
        Command::Revenue(a) => ("revenue", mining::revenue(a)?),
        Command::Catalog(c) => (c.name(), catalog::run(c)?),
        Command::Site(site::SiteCommand::Run(a)) => ("site run", site::run(a)?),
        Command::Compare(a) => ("compare", site::compare(a)?),
        Command::Sweep(a) => return sweep::run(a, format, stdout.lock()),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics on a write error.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "wattage", &mut script);
            let mut out = stdout.lock();
            return out
                .write_all(&script)
                .and_then(|()| out.flush())
                .map_err(|e| error::write_io("completions", &e));
        }
    };
    output::emit(stdout.lock(), name, format, &sections)
}

/// Prints `error` as two lines on stderr and returns its exit code.
fn report(error: &CliError) -> ExitCode {
    let mut err = io::stderr().lock();
    // Nothing more can be done if stderr itself fails.
    let _ = writeln!(err, "error: {error}");
    let _ = writeln!(err, "hint: {}", error.hint());
    ExitCode::from(error.exit_code())
}

/// Reports a clap error (or prints the help or version it stands for):
/// its first line, with the possible values when clap lists them, and
/// clap's tip as the hint.
fn clap_exit(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::from(EXIT_OK);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(EXIT_INPUT);
        }
        _ => {}
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some((flag, next)) = missing_value::find(&Cli::command(), &args) {
        return report(&CliError::input(
            format!("{flag} needs a value, but the flag {next} follows it"),
            format!(
                "give {flag} its value before {next}; `wattage <command> --help` shows examples"
            ),
        ));
    }
    let (message, hint) = error::from_clap(&e.render().to_string());
    report(&CliError::input(message, hint))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    // A panic is a bug: one line and the internal exit code, no backtrace.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            io::stderr(),
            "error: internal error: {}",
            error::one_line(&info.to_string())
        );
        let _ = writeln!(
            io::stderr(),
            "hint: this is a bug in wattage; please report it with the command that caused it"
        );
    }));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => ExitCode::from(EXIT_OK),
        Ok(Err(e)) if e.is_broken_pipe() => ExitCode::from(EXIT_OK),
        Ok(Err(e)) => report(&e),
        Err(_) => ExitCode::from(EXIT_INTERNAL),
    }
}
