//! Readers for the price files that independent system operators
//! publish, one file per market, all on one row-reading loop.
//!
//! [`read_prices`] owns the loop every reader shares: CSV records with
//! their file line numbers, header columns found by name (ignoring case,
//! spaces and underscores), rows pushed into a series that refuses gaps,
//! repeats and disorder by line, and "no rows" for a file with none for
//! the point asked for. A market's reader is a [`Layout`]: how to find its
//! columns in the header, and how to read a row's interval start and
//! price. Adding a market is one file beside [`ercot`] (see "Adding a
//! market" in the book's design note).
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp};
//!
//! let csv = "UTC Timestamp (Interval Ending),West LMP\n2024-07-01 05:15:00,31.5\n2024-07-01 05:30:00,29.25\n";
//! let west = read_hub_lmp(csv.as_bytes(), Hub::West)?;
//! assert_eq!(west.len(), 2);
//! # Ok::<(), wattage_facility::FacilityError>(())
//! ```

pub mod ercot;
pub mod ercot_ancillary;
pub mod ercot_load;
mod quote_count;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::str::FromStr;
use std::io::Read;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use wattage_units::EnergyPrice;

use super::{GapPolicy, GapReport, PriceSeries, Resolution, SeriesBuilder};
use crate::FacilityError;

/// A market's file layout: where its columns are, and what a row says.
pub trait Layout: Sized {
    /// The resolution of the file's intervals.
    const RESOLUTION: Resolution;

    /// Finds the layout's columns in the file's `header`.
    ///
    /// # Errors
    /// [`FacilityError::MissingColumn`] for a column the header lacks.
    fn columns(&self, header: &Header<'_>) -> Result<Columns, FacilityError>;

    /// The interval start (UTC) and price of `row`, or `None` for a row
    /// that belongs to another settlement point.
    ///
    /// # Errors
    /// [`FacilityError::InvalidField`] (or another typed error) naming the
    /// row's line for a field that does not read.
    fn read_row(
        &self,
        columns: &Columns,
        row: &Row<'_>,
    ) -> Result<Option<(DateTime<Utc>, EnergyPrice)>, FacilityError>;

    /// The settlement point the layout reads, for "no rows" errors.
    fn point(&self) -> String;
}

/// Column indices a [`Layout`] found in a header, in the layout's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns(pub Vec<Option<usize>>);

impl Columns {
    /// The index of the layout's `n`-th column (`None` for an optional
    /// column the header lacks).
    #[must_use]
    pub fn get(&self, n: usize) -> Option<usize> {
        self.0.get(n).copied().flatten()
    }
}

/// A file's header row.
#[derive(Debug)]
pub struct Header<'a>(&'a csv::StringRecord);

impl Header<'_> {
    /// The index of the first column whose name, ignoring case, spaces
    /// and underscores, is one of `names`.
    ///
    /// # Errors
    /// [`FacilityError::MissingColumn`] naming the first of `names`.
    pub fn column(&self, names: &[&str]) -> Result<usize, FacilityError> {
        let wanted: Vec<String> = names.iter().map(|n| normalize(n)).collect();
        self.0
            .iter()
            .position(|h| wanted.contains(&normalize(h)))
            .ok_or_else(|| FacilityError::MissingColumn {
                column: names.first().copied().unwrap_or_default().to_string(),
                header: self.0.iter().collect::<Vec<_>>().join(","),
            })
    }
}

/// One data row and its file line (the header is line 1).
#[derive(Debug)]
pub struct Row<'a> {
    record: &'a csv::StringRecord,
    line: u64,
}

impl Row<'_> {
    /// The file line of the row.
    #[must_use]
    pub const fn line(&self) -> u64 {
        self.line
    }

    /// The trimmed text of column `index` (empty when the row is short).
    #[must_use]
    pub fn field(&self, index: Option<usize>) -> &str {
        index.and_then(|i| self.record.get(i)).unwrap_or("").trim()
    }

    /// An [`FacilityError::InvalidField`] for this row.
    #[must_use]
    pub fn invalid(
        &self,
        column: &'static str,
        value: &str,
        reason: &'static str,
    ) -> FacilityError {
        FacilityError::InvalidField {
            line: self.line,
            column,
            value: value.to_string(),
            reason,
        }
    }

    /// Column `index` as a price in $/MWh: an optional sign, digits with
    /// optional thousands separators in groups of three, an optional
    /// fraction (`-12.5`, `"8,910.91"`).
    ///
    /// # Errors
    /// [`FacilityError::InvalidField`] naming the row and `column`.
    pub fn price(
        &self,
        index: Option<usize>,
        column: &'static str,
    ) -> Result<EnergyPrice, FacilityError> {
        parse_price(self.field(index), self.line, column)
    }

    /// Column `index` as a whole number in `range` (inclusive).
    ///
    /// # Errors
    /// [`FacilityError::InvalidField`] naming the row and `column`.
    pub fn number(
        &self,
        index: Option<usize>,
        column: &'static str,
        range: (u32, u32),
    ) -> Result<u32, FacilityError> {
        let text = self.field(index);
        text.parse::<u32>()
            .ok()
            .filter(|n| (range.0..=range.1).contains(n))
            .ok_or_else(|| self.invalid(column, text, "a whole number in range"))
    }

    /// Column `index` as a date, `MM/DD/YYYY` or `YYYY-MM-DD`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidField`] naming the row and `column`.
    pub fn date(
        &self,
        index: Option<usize>,
        column: &'static str,
    ) -> Result<NaiveDate, FacilityError> {
        let text = self.field(index);
        NaiveDate::parse_from_str(text, "%m/%d/%Y")
            .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
            .map_err(|_| self.invalid(column, text, "a date as MM/DD/YYYY"))
    }

    /// Column `index` as a UTC time `YYYY-MM-DD HH:MM:SS` (or with `T`,
    /// without seconds, or with one trailing `Z`).
    ///
    /// # Errors
    /// [`FacilityError::InvalidField`] naming the row and `column`.
    pub fn utc(
        &self,
        index: Option<usize>,
        column: &'static str,
    ) -> Result<DateTime<Utc>, FacilityError> {
        let text = self.field(index);
        let bare = text.strip_suffix('Z').unwrap_or(text);
        [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(bare, format).ok())
        .map(|t| t.and_utc())
        .ok_or_else(|| self.invalid(column, text, "a UTC time as YYYY-MM-DD HH:MM:SS"))
    }
}

/// Reads a price file in `layout` into a series: the one loop every
/// market's reader shares.
///
/// # Errors
/// [`FacilityError::Csv`] for unreadable CSV; the layout's errors for
/// missing columns and bad fields; [`FacilityError::Gap`],
/// [`FacilityError::Duplicate`], [`FacilityError::OutOfOrder`] and
/// [`FacilityError::MisalignedRow`] for rows that break the series;
/// [`FacilityError::NoRows`] when no row is the layout's point. Each
/// names the file line.
pub fn read_prices<R: Read, L: Layout>(
    reader: R,
    layout: &L,
) -> Result<PriceSeries, FacilityError> {
    read_prices_with(reader, layout, GapPolicy::Refuse).map(|(series, _)| series)
}

/// [`read_prices`], with missing intervals treated by `gaps` and a report
/// of every interval filled (each naming the file line after its gap).
///
/// # Errors
/// As for [`read_prices`]; a gap only under [`GapPolicy::Refuse`].
pub fn read_prices_with<R: Read, L: Layout>(
    reader: R,
    layout: &L,
    gaps: GapPolicy,
) -> Result<(PriceSeries, GapReport), FacilityError> {
    let mut builder = SeriesBuilder::with_policy(L::RESOLUTION, gaps);
    for_each_row(
        reader,
        |header| layout.columns(header),
        |columns, row| {
            if let Some((start, price)) = layout.read_row(columns, row)? {
                builder.push(row.line, start, price)?;
            }
            Ok(())
        },
    )?;
    if builder.is_empty() {
        return Err(FacilityError::NoRows {
            point: layout.point(),
        });
    }
    builder.finish_with_report()
}

/// The CSV loop every reader of this crate shares: the header, read by
/// `columns`, then `row` for each record with its file line. A file with
/// an odd number of quote characters (a quoted field never closed, or a
/// stray quote in an unquoted one) is [`FacilityError::Csv`] at its end,
/// rather than read as if the quote were closed there.
pub(crate) fn for_each_row<R: Read, C>(
    reader: R,
    columns: impl FnOnce(&Header<'_>) -> Result<C, FacilityError>,
    mut row: impl FnMut(&C, &Row<'_>) -> Result<(), FacilityError>,
) -> Result<(), FacilityError> {
    let mut csv_reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(quote_count::QuoteCount::new(reader));
    let headers = csv_reader.headers().map_err(|e| csv_error(&e))?.clone();
    let columns = columns(&Header(&headers))?;
    let mut record = csv::StringRecord::new();
    loop {
        match csv_reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) if csv_reader.get_ref().balanced() => return Ok(()),
            Ok(false) => {
                return Err(FacilityError::Csv {
                    line: csv_reader.position().line(),
                    message: String::from(
                        "unbalanced quotes: a quoted field is not closed, or a quote stands inside an unquoted field",
                    ),
                });
            }
            Err(error) => return Err(csv_error(&error)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        row(
            &columns,
            &Row {
                record: &record,
                line,
            },
        )?;
    }
}

/// Reads the price file at `path` in `layout`, with missing intervals
/// treated by `gaps`: [`read_prices_with`] on the file, every error naming
/// the file ([`FacilityError::InSource`]).
///
/// ```no_run
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::price_series::GapPolicy;
/// use wattage_facility::price_series::iso::read_file;
/// use wattage_facility::price_series::iso::ercot::{Hub, HubLmps};
///
/// match read_file("ercot_lmp_rt_15min_hubs_2021Q1.csv", &HubLmps(Hub::West), GapPolicy::Refuse) {
///     Ok((west, _)) => println!("{} intervals", west.len()),
///     // "ercot_lmp_rt_15min_hubs_2021Q1.csv: line 4229: gap in the series: ..."
///     Err(e) => eprintln!("{e}"),
/// }
/// ```
///
/// # Errors
/// [`FacilityError::InSource`] naming the path, around
/// [`FacilityError::Io`] when the file cannot be read and around every
/// error of [`read_prices_with`].
pub fn read_file<L: Layout>(
    path: impl AsRef<std::path::Path>,
    layout: &L,
    gaps: GapPolicy,
) -> Result<(PriceSeries, GapReport), FacilityError> {
    let path = path.as_ref();
    let name = || path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        FacilityError::Io {
            reason: e.to_string(),
        }
        .in_source(name())
    })?;
    read_prices_with(std::io::BufReader::new(file), layout, gaps).map_err(|e| e.in_source(name()))
}

/// Reads the price files at `paths` in `layout`, in order, into one
/// series: [`read_file`] on each, each appended to the one before
/// ([`PriceSeries::append`]: the next file must start where the last one
/// ends, at the same resolution), and one [`GapReport`] of every interval
/// filled in any of them. `gaps` treats missing intervals inside each file;
/// a gap between two files is an error, never filled. A year of ERCOT's
/// quarterly files is one call.
///
/// ```no_run
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::price_series::GapPolicy;
/// use wattage_facility::price_series::iso::read_files;
/// use wattage_facility::price_series::iso::ercot::{Hub, HubLmps};
///
/// let quarters = (1..=4).map(|q| format!("ercot_lmp_rt_15min_hubs_2024Q{q}.csv"));
/// let (west, filled) = read_files(quarters, &HubLmps(Hub::West), GapPolicy::Refuse)?;
/// assert!(filled.is_empty());
/// println!("{} intervals from {}", west.len(), west.start_of(0));
/// # Ok::<(), wattage_facility::FacilityError>(())
/// ```
///
/// # Errors
/// As for [`read_file`]; [`FacilityError::InSource`] naming the file
/// around [`FacilityError::NotContiguous`] or
/// [`FacilityError::ResolutionMismatch`] when a file does not start where
/// the one before ends, or has another resolution; [`FacilityError::InvalidTerm`] for no paths.
pub fn read_files<L: Layout, P: AsRef<std::path::Path>>(
    paths: impl IntoIterator<Item = P>,
    layout: &L,
    gaps: GapPolicy,
) -> Result<(PriceSeries, GapReport), FacilityError> {
    let mut all: Option<(PriceSeries, GapReport)> = None;
    for path in paths {
        let path = path.as_ref();
        let (part, report) = read_file(path, layout, gaps)?;
        match &mut all {
            None => all = Some((part, report)),
            Some((series, filled)) => {
                series
                    .append(&part)
                    .map_err(|e| e.in_source(path.display().to_string()))?;
                filled.filled.extend(report.filled);
            }
        }
    }
    all.ok_or_else(|| FacilityError::InvalidTerm {
        what: "list of price files",
        value: "no files".into(),
    })
}

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn csv_error(error: &csv::Error) -> FacilityError {
    FacilityError::Csv {
        line: error.position().map_or(0, csv::Position::line),
        message: error.to_string(),
    }
}

/// Reads a price in $/MWh: an optional sign, digits with optional
/// thousands separators in groups of three, an optional fraction.
fn parse_price(text: &str, line: u64, column: &'static str) -> Result<EnergyPrice, FacilityError> {
    const REASON: &str = "a price in $/MWh such as -12.5 or 8,910.91";
    let bad = || FacilityError::InvalidField {
        line,
        column,
        value: text.to_string(),
        reason: REASON,
    };
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let separated = groups.len() > 1;
    let groups_ok = groups.iter().enumerate().all(|(i, g)| {
        let digits = !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        let width_ok = match (separated, i) {
            (false, _) => true,
            (true, 0) => g.len() <= 3,
            (true, _) => g.len() == 3,
        };
        digits && width_ok
    });
    let fraction_ok = fraction.bytes().all(|b| b.is_ascii_digit()) && !unsigned.ends_with('.');
    if !groups_ok || !fraction_ok {
        return Err(bad());
    }
    let mut plain = String::with_capacity(text.len());
    plain.push_str(sign);
    plain.extend(groups);
    if !fraction.is_empty() {
        plain.push('.');
        plain.push_str(fraction);
    }
    let value = Decimal::from_str(&plain).map_err(|_| bad())?;
    EnergyPrice::new(value).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::ercot::{Hub, HubLmps};
    use super::*;

    #[test]
    fn a_quote_left_open_at_the_end_of_a_file_is_malformed_csv() {
        let header = "UTC Timestamp (Interval Ending),West LMP\n";
        let read = |rows: &str| {
            read_prices(
                alloc::format!("{header}{rows}").as_bytes(),
                &HubLmps(Hub::West),
            )
        };
        let quoted = read("2024-07-01 05:15:00,\"8,910.91\"\n2024-07-01 05:30:00,\"1\"\n").unwrap();
        assert_eq!(quoted.len(), 2);
        for rows in [
            "2024-07-01 05:15:00,\"8,910.91\n",
            "2024-07-01 05:15:00,\"8,910.91",
            "2024-07-01 05:15:00,31.5\n2024-07-01 05:30:00,\"29.25",
        ] {
            let err = read(rows).unwrap_err();
            assert!(
                matches!(&err, FacilityError::Csv { message, .. } if message.starts_with("unbalanced quotes")),
                "{rows:?}: {err}"
            );
        }
    }

    #[test]
    fn errors_of_a_file_name_the_file_and_the_line() {
        let dir =
            std::env::temp_dir().join(alloc::format!("wattage-read-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("prices.csv");
        let csv = "UTC Timestamp (Interval Ending),West LMP\n2024-07-01 05:15:00,31.5\n2024-07-01 05:45:00,29.25\n";
        std::fs::write(&path, csv).unwrap();
        let err = read_file(&path, &HubLmps(Hub::West), GapPolicy::Refuse).unwrap_err();
        let name = path.display().to_string();
        assert_eq!(err.source_name(), Some(name.as_str()));
        assert!(matches!(
            err.without_source(),
            FacilityError::Gap { line: 3, .. }
        ));
        assert!(
            err.to_string()
                .starts_with(&alloc::format!("{name}: line 3: gap")),
            "{err}"
        );
        // The same file read whole, its gap filled.
        let (west, report) = read_file(&path, &HubLmps(Hub::West), GapPolicy::FillForward).unwrap();
        assert_eq!((west.len(), report.len()), (3, 1));
        std::fs::remove_dir_all(&dir).unwrap();

        let missing =
            read_file(dir.join("none.csv"), &HubLmps(Hub::West), GapPolicy::Refuse).unwrap_err();
        assert!(matches!(missing.without_source(), FacilityError::Io { .. }));
        assert!(
            missing
                .to_string()
                .contains("none.csv: cannot read the file: "),
            "{missing}"
        );
    }

    #[test]
    fn files_read_in_order_make_one_series_and_a_gap_between_them_names_the_file() {
        let dir =
            std::env::temp_dir().join(alloc::format!("wattage-read-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let header = "UTC Timestamp (Interval Ending),West LMP\n";
        let write = |name: &str, rows: &str| {
            let path = dir.join(name);
            std::fs::write(&path, alloc::format!("{header}{rows}")).unwrap();
            path
        };
        // Two 15-minute files back to back (the first with one interval
        // missing, filled forward), then one that starts an hour late.
        let a = write(
            "a.csv",
            "2024-07-01 05:15:00,31.5\n2024-07-01 05:45:00,29.25\n",
        );
        let b = write("b.csv", "2024-07-01 06:00:00,40\n2024-07-01 06:15:00,41\n");
        let late = write("late.csv", "2024-07-01 07:30:00,50\n");

        let (west, report) =
            read_files([&a, &b], &HubLmps(Hub::West), GapPolicy::FillForward).unwrap();
        let prices: Vec<String> = west
            .prices()
            .iter()
            .map(|p| alloc::format!("{p:#}"))
            .collect();
        assert_eq!(
            prices,
            ["$31.5/MWh", "$31.5/MWh", "$29.25/MWh", "$40/MWh", "$41/MWh"]
        );
        assert_eq!(report.len(), 1);

        let err =
            read_files([&a, &b, &late], &HubLmps(Hub::West), GapPolicy::FillForward).unwrap_err();
        assert_eq!(err.source_name(), Some(late.display().to_string().as_str()));
        // Named by the late file and the times, not by a line of it.
        assert!(
            matches!(err.without_source(), FacilityError::NotContiguous { .. }),
            "{err}"
        );
        assert!(!err.to_string().contains("line"), "{err}");

        let none = read_files(
            Vec::<&std::path::Path>::new(),
            &HubLmps(Hub::West),
            GapPolicy::Refuse,
        );
        assert!(matches!(none, Err(FacilityError::InvalidTerm { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_source_is_named_once() {
        let err = FacilityError::NoRows {
            point: "HB_WEST".into(),
        };
        let named = err.clone().in_source("a.csv").in_source("b.csv");
        assert_eq!(
            named.to_string(),
            "a.csv: no rows for settlement point \"HB_WEST\""
        );
        assert_eq!(named.without_source(), &err);
        assert_eq!(err.source_name(), None);
    }
}
