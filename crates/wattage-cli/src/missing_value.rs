//! A flag given without its value. Flags whose values may start with a
//! hyphen (`--gap-policy -$5/MWh`, `--efficiency "-1 J/TH"` to get the
//! library's own message) take whatever follows them, so a forgotten value
//! made the next flag the value and clap then reported the next flag's
//! value as an unexpected argument. When parsing fails, this finds such a
//! flag so that the error names it instead.

use std::ffi::OsString;

use clap::Command;

/// The first flag in `args` (the program name first) that allows hyphen
/// values and is followed by another long flag, as `(flag, next)`.
pub(crate) fn find(command: &Command, args: &[OsString]) -> Option<(String, String)> {
    let mut command = command;
    let mut tokens = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(token) = tokens.next() {
        if let Some(sub) = command.find_subcommand(token.as_ref()) {
            command = sub;
            continue;
        }
        let Some(long) = token.strip_prefix("--") else {
            continue;
        };
        if long.contains('=') {
            continue;
        }
        let Some(arg) = command.get_arguments().find(|a| a.get_long() == Some(long)) else {
            continue;
        };
        if !arg.get_action().takes_values() {
            continue;
        }
        let next = tokens.next()?;
        if arg.is_allow_hyphen_values_set() && is_long_flag(&next) {
            return Some((token.into_owned(), next.into_owned()));
        }
    }
    None
}

/// `--name`, as opposed to a value such as `-$5/MWh` or `--` alone.
fn is_long_flag(token: &str) -> bool {
    token
        .strip_prefix("--")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use clap::{Arg, ArgAction};

    use super::*;

    fn cli() -> Command {
        Command::new("wattage").subcommand(
            Command::new("breakeven")
                .arg(
                    Arg::new("efficiency")
                        .long("efficiency")
                        .allow_hyphen_values(true),
                )
                .arg(Arg::new("pue").long("pue"))
                .arg(Arg::new("json").long("json").action(ArgAction::SetTrue)),
        )
    }

    fn find_in(args: &[&str]) -> Option<(String, String)> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        find(&cli(), &args)
    }

    #[test]
    fn a_hyphen_value_flag_followed_by_a_flag_is_found() {
        assert_eq!(
            find_in(&["wattage", "breakeven", "--efficiency", "--pue", "1.1"]),
            Some(("--efficiency".into(), "--pue".into()))
        );
    }

    #[test]
    fn values_with_hyphens_and_flags_without_values_are_not() {
        assert_eq!(
            find_in(&[
                "wattage",
                "breakeven",
                "--efficiency",
                "-1 J/TH",
                "--pue",
                "1"
            ]),
            None
        );
        assert_eq!(
            find_in(&["wattage", "breakeven", "--json", "--efficiency", "1 J/TH"]),
            None
        );
        assert_eq!(
            find_in(&["wattage", "breakeven", "--efficiency=--pue"]),
            None
        );
        // --pue does not take hyphen values: clap's own error stands.
        assert_eq!(find_in(&["wattage", "breakeven", "--pue", "--json"]), None);
        assert_eq!(find_in(&["wattage", "breakeven", "--efficiency"]), None);
    }
}
