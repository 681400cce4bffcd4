//! Readers for the network's history as the shared data lays it out: the
//! daily `date,value` series (difficulty, fees per day in BTC, BTC price)
//! and the per-epoch difficulty CSV.
//!
//! Every reader returns the rows it could use *and* the rows it could not,
//! each with its line number, text and reason ([`RejectedRow`]); nothing is
//! skipped silently. The parsers work on text (`no_std` + `alloc`); the
//! `read_*` functions that open files need the `std` feature.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::readers::daily_csv::parse_daily_fees;
//!
//! let text = "date,value\n2026-08-16,2.1926063599999996\n2026-08-17,oops\n";
//! let read = parse_daily_fees(text)?;
//! assert_eq!(read.values[0].value.to_string(), "2.19260636 BTC");
//! assert_eq!(read.rejected[0].line, 3);
//! # Ok::<(), wattage_mining::Error>(())
//! ```

pub mod daily_csv;
pub mod epoch_csv;

use alloc::string::String;
use alloc::vec::Vec;

/// A row a reader could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RejectedRow {
    /// The 1-based line number in the file (the header is line 1).
    pub line: usize,
    /// The row's text.
    pub text: String,
    /// Why it was not used.
    pub reason: String,
    /// The file or source the row came from (`None` for text parsed
    /// directly with a `parse_*` function).
    pub source: Option<String>,
}

impl core::fmt::Display for RejectedRow {
    /// `source: line N: reason: "text"`, the source left out when unknown.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// let read = wattage_mining::readers::daily_csv::parse_daily_fees("date,value\n2026-08-17,oops\n")?;
    /// let row = read.rejected[0].to_string();
    /// assert!(row.starts_with("line 2: "), "{row}");
    /// assert!(row.ends_with("\"2026-08-17,oops\""), "{row}");
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if let Some(source) = &self.source {
            write!(f, "{source}: ")?;
        }
        write!(f, "line {}: {}: {:?}", self.line, self.reason, self.text)
    }
}

/// What a reader read: the usable rows in file order and the rejected ones.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reading<T> {
    /// The usable rows, in file order.
    pub values: Vec<T>,
    /// The rows that could not be used, in file order.
    pub rejected: Vec<RejectedRow>,
    /// The file or source read (`None` for text parsed directly with a
    /// `parse_*` function); every rejected row names it too.
    pub source: Option<String>,
}

impl<T> Reading<T> {
    /// Lines read after the header: used plus rejected.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// let read = wattage_mining::readers::daily_csv::parse_daily_difficulty("date,value\n2009-01-03,1.0\n2009-01-04,0.0\n")?;
    /// assert_eq!(read.rows(), 2);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> usize {
        self.values.len() + self.rejected.len()
    }

    /// This reading, and each of its rejected rows, named as read from
    /// `name` (a file path, a URL).
    #[must_use]
    pub fn in_source(mut self, name: impl Into<String>) -> Self {
        let name = name.into();
        for row in &mut self.rejected {
            row.source = Some(name.clone());
        }
        self.source = Some(name);
        self
    }
}

/// The data lines of `text` after a header that must equal `header`:
/// `(line number, line)`, blank lines included so they are reported.
pub(crate) fn data_lines<'a>(
    text: &'a str,
    header: &str,
) -> crate::Result<impl Iterator<Item = (usize, &'a str)>> {
    let mut lines = text.lines().enumerate();
    let first = lines
        .next()
        .map_or("", |(_, l)| l.trim_start_matches('\u{feff}').trim());
    if first != header {
        return Err(crate::Error::BadRow {
            line: 1,
            text: String::from(first),
            reason: alloc::format!("expected the header {header:?}"),
        });
    }
    Ok(lines.map(|(i, l)| (i + 1, l.trim_end_matches('\r'))))
}

/// Reads the file at `path` and parses it with `parse`, every parse error
/// and rejected row naming the file ([`crate::Error::InSource`];
/// [`crate::Error::Io`] names it already).
#[cfg(feature = "std")]
pub(crate) fn read_with<T>(
    path: &std::path::Path,
    parse: impl FnOnce(&str) -> crate::Result<Reading<T>>,
) -> crate::Result<Reading<T>> {
    let name = || alloc::format!("{}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| crate::Error::Io {
        path: name(),
        reason: alloc::string::ToString::to_string(&e),
    })?;
    parse(&text)
        .map(|reading| reading.in_source(name()))
        .map_err(|e| e.in_source(name()))
}

#[cfg(all(test, feature = "std"))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use alloc::format;
    use alloc::string::ToString;

    /// Reads `text` as a fees file in a directory of its own (`tag`) and
    /// hands `check` the result and the file's name.
    fn read_fees_file(
        tag: &str,
        text: &str,
        check: impl FnOnce(
            crate::Result<super::Reading<super::daily_csv::Daily<wattage_units::Btc>>>,
            &str,
        ),
    ) {
        let dir = std::env::temp_dir().join(format!("wattage-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("fees.csv");
        std::fs::write(&path, text).unwrap();
        check(
            super::daily_csv::read_daily_fees(&path),
            &format!("{}", path.display()),
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errors_of_a_file_name_the_file() {
        read_fees_file("readers", "day,fees\n2024-01-01,12.5\n", |read, name| {
            let err = read.unwrap_err();
            assert_eq!(err.source_name(), Some(name));
            assert!(matches!(
                err.without_source(),
                crate::Error::BadRow { line: 1, .. }
            ));
            assert!(
                format!("{err}").starts_with(&format!("{name}: line 1: ")),
                "{err}"
            );
        });
    }

    #[test]
    fn rejected_rows_of_a_file_name_the_file() {
        let text = "date,value\n2024-01-01,12.5\n2024-01-02,oops\n";
        read_fees_file("rejected", text, |read, name| {
            let read = read.unwrap();
            assert_eq!(read.source.as_deref(), Some(name));
            assert_eq!(read.rejected.len(), 1);
            assert_eq!(read.rejected[0].source.as_deref(), Some(name));
            let shown = read.rejected[0].to_string();
            assert!(shown.starts_with(&format!("{name}: line 3: ")), "{shown}");
        });
    }
}
