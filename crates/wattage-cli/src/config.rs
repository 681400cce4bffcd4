//! Reading files: TOML configs (every key must be known) and price files.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{CliError, Result};

/// Reads `path` to a string.
///
/// # Errors
///
/// Bad input naming the path when it cannot be read.
pub(crate) fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        CliError::input(
            format!("cannot read {what} {}: {e}", path.display()),
            "check the path; relative paths are from the current directory",
        )
    })
}

/// `line:column` (from 1) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The messages chrono gives for a time it cannot read: in the library's
/// files the only values chrono parses are times (RFC 3339).
const TIME_ERRORS: [&str; 6] = [
    "premature end of input",
    "input contains invalid characters",
    "trailing input",
    "input is out of range",
    "input is not enough for unique date and time",
    "expected an RFC 3339 formatted date and time string",
];

/// `message`, with what a time must look like when it is chrono's
/// complaint about one (a time without its offset says only "premature
/// end of input").
pub(crate) fn explain_time(message: &str) -> String {
    if TIME_ERRORS.iter().any(|t| message.contains(t)) {
        format!(
            "{message}: a time is RFC 3339 with its UTC offset, written as a string, e.g. \"2024-01-01T00:00:00Z\""
        )
    } else {
        message.to_string()
    }
}

/// Parses TOML `text` read from `path` into `T`. Unknown keys are refused
/// anywhere in the file: the CLI's own tables and the library's config
/// types all deny unknown fields.
///
/// # Errors
///
/// Bad input naming the file, the line and column, and the problem: a
/// syntax error, a value the library refuses, or an unknown key.
pub(crate) fn toml_file<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let hint = "the format of each table is the library's; see the CLI chapter of the book (docs/10-cli.md)";
    let at = |e: &toml::de::Error| match e.span() {
        Some(span) => {
            let (l, c) = line_col(text, span.start);
            format!("{}:{l}:{c}", path.display())
        }
        None => path.display().to_string(),
    };
    let fail = |e: toml::de::Error| {
        CliError::input(format!("{}: {}", at(&e), explain_time(e.message())), hint)
    };
    let deserializer = toml::Deserializer::parse(text).map_err(fail)?;
    T::deserialize(deserializer).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::{explain_time, line_col};

    #[test]
    fn a_time_error_says_what_a_time_looks_like() {
        assert!(explain_time("premature end of input").contains("\"2024-01-01T00:00:00Z\""));
        assert_eq!(
            explain_time("missing field `start`"),
            "missing field `start`"
        );
    }

    #[test]
    fn lines_and_columns() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
