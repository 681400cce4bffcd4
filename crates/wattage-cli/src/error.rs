//! Errors the command line reports: one line saying what was wrong, with
//! which value, and a hint; an exit code that tells bad input (1) from a
//! fault of the program (2).

use std::fmt;

/// Exit code of a successful run.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code for bad input: a flag, a file, a config or a price file.
pub(crate) const EXIT_INPUT: u8 = 1;
/// Exit code for an internal error: a bug, or output that could not be written.
pub(crate) const EXIT_INTERNAL: u8 = 2;

/// Which side is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The user's input (exit code 1).
    Input,
    /// The program or its environment (exit code 2).
    Internal,
}

/// A reportable error: what went wrong (one line) and what to do about it.
#[derive(Debug)]
pub(crate) struct CliError {
    kind: Kind,
    message: String,
    hint: String,
    broken_pipe: bool,
}

impl CliError {
    /// Bad input: `message` says what and where, `hint` what to do.
    pub(crate) fn input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            kind: Kind::Input,
            message: one_line(&message.into()),
            hint: one_line(&hint.into()),
            broken_pipe: false,
        }
    }

    /// An internal error.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self {
            kind: Kind::Internal,
            message: one_line(&message.into()),
            hint: String::from(
                "this is a bug in wattage or a failure to write output; please report it with the command that caused it",
            ),
            broken_pipe: false,
        }
    }

    /// The same error with another hint.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = one_line(&hint.into());
        self
    }

    /// The exit code for this error.
    pub(crate) fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Input => EXIT_INPUT,
            Kind::Internal => EXIT_INTERNAL,
        }
    }

    /// The hint line.
    pub(crate) fn hint(&self) -> &str {
        &self.hint
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Collapses a possibly multi-line message into one line.
pub(crate) fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

impl CliError {
    /// Whether this is a write to a closed pipe (`wattage ... | head`),
    /// which ends the run quietly.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }
}

/// The message and hint of a rendered clap error: its first line (without
/// `error: `) and, when clap lists them, the possible values; clap's
/// `tip:` as the hint, or a pointer to `--help`.
pub(crate) fn from_clap(rendered: &str) -> (String, String) {
    let mut lines = rendered.lines().map(str::trim).peekable();
    let first = lines.next().unwrap_or("invalid arguments");
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    // "the following required arguments were not provided:" lists them below.
    if message.ends_with(':') {
        let mut listed = Vec::new();
        while let Some(line) = lines.next_if(|l| !l.is_empty()) {
            listed.push(line);
        }
        message.push(' ');
        message.push_str(&listed.join(", "));
    }
    let lines = lines.filter(|l| !l.is_empty());
    let mut hint = String::from(
        "see `wattage --help` or `wattage <command> --help` for the flags and examples",
    );
    for line in lines {
        if line.starts_with("[possible values:") {
            message.push(' ');
            message.push_str(line);
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            hint = format!("{tip}; see `wattage <command> --help`");
        }
    }
    (message, hint)
}

/// Shorthand for results in the command line.
pub(crate) type Result<T, E = CliError> = std::result::Result<T, E>;

/// An error writing the output (stdout or a file).
pub(crate) fn write_error(what: &str, error: impl fmt::Display) -> CliError {
    CliError::internal(format!("could not write {what}: {error}"))
}

/// An I/O error writing the output; a closed pipe is marked so that the
/// run ends quietly.
pub(crate) fn write_io(what: &str, error: &std::io::Error) -> CliError {
    let mut e = write_error(what, error);
    e.broken_pipe = error.kind() == std::io::ErrorKind::BrokenPipe;
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clap_error_keeps_its_possible_values_and_tip() {
        let rendered = "error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: table, csv, json]\n\n  tip: a similar value exists: 'table'\n\nFor more information, try '--help'.\n";
        let (message, hint) = from_clap(rendered);
        assert_eq!(
            message,
            "invalid value 'xml' for '--format <FORMAT>' [possible values: table, csv, json]"
        );
        assert!(
            hint.starts_with("a similar value exists: 'table'"),
            "{hint}"
        );
        let (message, _) = from_clap(
            "error: the following required arguments were not provided:\n  --by <PERIOD>\n  <NAME>\n\nUsage: wattage\n",
        );
        assert_eq!(
            message,
            "the following required arguments were not provided: --by <PERIOD>, <NAME>"
        );
        let (message, hint) =
            from_clap("error: unexpected argument '--x' found\n\nUsage: wattage\n");
        assert_eq!(message, "unexpected argument '--x' found");
        assert!(hint.contains("--help"), "{hint}");
    }
}
