//! Readers for ERCOT real-time price files, as published.
//!
//! Two layouts are read, each filtered to one settlement point:
//!
//! - **Settlement point prices** ([`read_settlement_point_prices`]): one
//!   row per settlement point and 15-minute interval, with columns
//!   `Delivery Date` (`MM/DD/YYYY`), `Delivery Hour` (hour *ending*, 1-24,
//!   Central prevailing time), `Delivery Interval` (1-4), `Repeated Hour
//!   Flag` (`Y` on the second pass through the hour repeated when daylight
//!   time ends), `Settlement Point Name`, `Settlement Point Type` and
//!   `Settlement Point Price`. Prices may be negative and, where a
//!   spreadsheet exported them, carry thousands separators (`"8,910.91"`).
//!   Header names are matched ignoring case, spaces and underscores, and
//!   `DSTFlag` is accepted for the repeated-hour column, so ERCOT's own
//!   `DeliveryDate,DeliveryHour,...,DSTFlag` CSVs read too.
//! - **Hub LMPs** ([`read_hub_lmp`]): one row per interval, a column per
//!   hub (`North LMP`, `West LMP`, ...) and `UTC Timestamp (Interval
//!   Ending)`, the layout of `ercot_lmp_rt_15min_hubs_YYYYQn.csv`.
//!
//! Rows must follow each other interval by interval: a gap, a repeat or a
//! step back is an error naming the file line (the header is line 1).
//! Nothing is filled in.
//!
//! ```
//! use wattage_facility::price_series::ercot::read_settlement_point_prices;
//!
//! let csv = "\
//! Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price
//! 02/16/2021,8,1,N,HB_NORTH,HU,\"9,000.00\"
//! 02/16/2021,8,1,N,HB_WEST,HU,\"8,990.10\"
//! 02/16/2021,8,2,N,HB_NORTH,HU,-1.5
//! ";
//! let north = read_settlement_point_prices(csv.as_bytes(), "HB_NORTH", None)?;
//! assert_eq!(north.len(), 2);
//! assert_eq!(north.start().to_string(), "2021-02-16 13:00:00 UTC"); // 07:00 CST
//! assert_eq!(north.prices()[0].to_string(), "$9000/MWh");
//! assert_eq!(north.prices()[1].to_string(), "-$1.5/MWh");
//! # Ok::<(), wattage_facility::FacilityError>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;
use std::io::Read;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use wattage_units::EnergyPrice;

use super::{PriceSeries, Resolution, SeriesBuilder, central_to_utc};
use crate::FacilityError;

/// The seven ERCOT trading hubs of the hub LMP files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Hub {
    /// Bus average hub (HB_BUSAVG).
    BusAverage,
    /// Houston hub (HB_HOUSTON).
    Houston,
    /// Hub average (HB_HUBAVG).
    HubAverage,
    /// North hub (HB_NORTH).
    North,
    /// Panhandle hub (HB_PAN).
    Panhandle,
    /// South hub (HB_SOUTH).
    South,
    /// West hub (HB_WEST).
    West,
}

impl Hub {
    /// Every hub.
    pub const ALL: [Self; 7] = [
        Self::BusAverage,
        Self::Houston,
        Self::HubAverage,
        Self::North,
        Self::Panhandle,
        Self::South,
        Self::West,
    ];

    /// ERCOT's settlement point name ("HB_NORTH").
    #[must_use]
    pub const fn settlement_point(self) -> &'static str {
        match self {
            Self::BusAverage => "HB_BUSAVG",
            Self::Houston => "HB_HOUSTON",
            Self::HubAverage => "HB_HUBAVG",
            Self::North => "HB_NORTH",
            Self::Panhandle => "HB_PAN",
            Self::South => "HB_SOUTH",
            Self::West => "HB_WEST",
        }
    }

    /// The price column of the hub LMP layout ("North LMP").
    #[must_use]
    pub const fn lmp_column(self) -> &'static str {
        match self {
            Self::BusAverage => "Bus average LMP",
            Self::Houston => "Houston LMP",
            Self::HubAverage => "Hub average LMP",
            Self::North => "North LMP",
            Self::Panhandle => "Panhandle LMP",
            Self::South => "South LMP",
            Self::West => "West LMP",
        }
    }
}

impl fmt::Display for Hub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.settlement_point())
    }
}

impl FromStr for Hub {
    type Err = FacilityError;

    /// Reads a settlement point name (`HB_NORTH`) or an LMP column name (`North LMP`).
    fn from_str(text: &str) -> Result<Self, FacilityError> {
        let wanted = normalize(text);
        Self::ALL
            .into_iter()
            .find(|hub| {
                normalize(hub.settlement_point()) == wanted || normalize(hub.lmp_column()) == wanted
            })
            .ok_or_else(|| FacilityError::UnknownHub {
                name: text.to_string(),
            })
    }
}

/// Header names compared ignoring case, spaces and underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Line of the record the reader last returned (1-based, header is line 1).
fn record_line(record: &csv::StringRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

fn csv_error(error: &csv::Error) -> FacilityError {
    FacilityError::Csv {
        line: error.position().map_or(0, csv::Position::line),
        message: error.to_string(),
    }
}

/// Index of the first header column whose normalized name is one of `names`.
fn column(headers: &csv::StringRecord, names: &[&str]) -> Result<usize, FacilityError> {
    let wanted: Vec<String> = names.iter().map(|n| normalize(n)).collect();
    headers
        .iter()
        .position(|h| wanted.contains(&normalize(h)))
        .ok_or_else(|| FacilityError::MissingColumn {
            column: names.first().copied().unwrap_or_default().to_string(),
            header: headers.iter().collect::<Vec<_>>().join(","),
        })
}

fn field(record: &csv::StringRecord, index: usize) -> &str {
    record.get(index).unwrap_or("").trim()
}

fn invalid(line: u64, column: &'static str, value: &str, reason: &'static str) -> FacilityError {
    FacilityError::InvalidField {
        line,
        column,
        value: value.to_string(),
        reason,
    }
}

/// Reads a price in $/MWh: an optional sign, digits with optional
/// thousands separators in groups of three, an optional fraction.
fn parse_price(text: &str, line: u64, column: &'static str) -> Result<EnergyPrice, FacilityError> {
    const REASON: &str = "a price in $/MWh such as -12.5 or 8,910.91";
    let bad = || invalid(line, column, text, REASON);
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

fn parse_number(
    text: &str,
    line: u64,
    column: &'static str,
    range: (u32, u32),
) -> Result<u32, FacilityError> {
    const REASON: &str = "a whole number in range";
    text.parse::<u32>()
        .ok()
        .filter(|n| (range.0..=range.1).contains(n))
        .ok_or_else(|| invalid(line, column, text, REASON))
}

fn parse_us_date(text: &str, line: u64) -> Result<NaiveDate, FacilityError> {
    NaiveDate::parse_from_str(text, "%m/%d/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| invalid(line, "Delivery Date", text, "a date as MM/DD/YYYY"))
}

/// Reads ERCOT settlement point prices (15-minute, Central prevailing
/// time) for one settlement point, returning a 15-minute series in UTC.
///
/// `point` is matched exactly against `Settlement Point Name`;
/// `point_type`, when given, against `Settlement Point Type` too. Load
/// zones appear under two types (`LZ` and `LZEW`), so name one of them or
/// the second row of each interval is reported as a duplicate.
///
/// # Errors
/// [`FacilityError::MissingColumn`], [`FacilityError::Csv`],
/// [`FacilityError::InvalidField`] and [`FacilityError::NonexistentLocalTime`]
/// for unreadable rows; [`FacilityError::Gap`], [`FacilityError::Duplicate`]
/// and [`FacilityError::OutOfOrder`] for rows that break the 15-minute
/// sequence; [`FacilityError::NoRows`] when no row matches `point`. Each
/// names the file line.
pub fn read_settlement_point_prices<R: Read>(
    reader: R,
    point: &str,
    point_type: Option<&str>,
) -> Result<PriceSeries, FacilityError> {
    let mut csv_reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let headers = csv_reader.headers().map_err(|e| csv_error(&e))?.clone();
    let date_col = column(&headers, &["Delivery Date"])?;
    let hour_col = column(&headers, &["Delivery Hour"])?;
    let interval_col = column(&headers, &["Delivery Interval"])?;
    let repeated_col = column(&headers, &["Repeated Hour Flag", "DSTFlag"])?;
    let name_col = column(&headers, &["Settlement Point Name", "Settlement Point"])?;
    let type_col = match point_type {
        Some(_) => Some(column(&headers, &["Settlement Point Type"])?),
        None => None,
    };
    let price_col = column(&headers, &["Settlement Point Price"])?;

    let mut builder = SeriesBuilder::new(Resolution::FifteenMinutes);
    let mut record = csv::StringRecord::new();
    loop {
        match csv_reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(csv_error(&error)),
        }
        if field(&record, name_col) != point {
            continue;
        }
        if let (Some(wanted), Some(col)) = (point_type, type_col) {
            if field(&record, col) != wanted {
                continue;
            }
        }
        let line = record_line(&record);
        let date = parse_us_date(field(&record, date_col), line)?;
        let hour_ending = parse_number(field(&record, hour_col), line, "Delivery Hour", (1, 24))?;
        let interval = parse_number(
            field(&record, interval_col),
            line,
            "Delivery Interval",
            (1, 4),
        )?;
        let repeated = match field(&record, repeated_col) {
            "N" | "n" => false,
            "Y" | "y" => true,
            other => return Err(invalid(line, "Repeated Hour Flag", other, "Y or N")),
        };
        let minutes = i64::from((hour_ending - 1) * 60 + (interval - 1) * 15);
        let local = NaiveDateTime::new(date, NaiveTime::MIN) + TimeDelta::minutes(minutes);
        let start = central_to_utc(local, repeated, line)?;
        let price = parse_price(field(&record, price_col), line, "Settlement Point Price")?;
        builder.push(line, start, price)?;
    }
    if builder.is_empty() {
        let point = match point_type {
            Some(kind) => alloc::format!("{point} ({kind})"),
            None => point.to_string(),
        };
        return Err(FacilityError::NoRows { point });
    }
    builder.finish()
}

/// Reads a UTC timestamp `YYYY-MM-DD HH:MM:SS` (or with `T`, or without seconds).
fn parse_utc(text: &str, line: u64, column: &'static str) -> Result<DateTime<Utc>, FacilityError> {
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), format).ok())
    .map(|t| t.and_utc())
    .ok_or_else(|| invalid(line, column, text, "a UTC time as YYYY-MM-DD HH:MM:SS"))
}

/// Reads one hub's 15-minute real-time LMPs from the hub LMP layout,
/// timed by the `UTC Timestamp (Interval Ending)` column.
///
/// Each row's interval starts 15 minutes before its UTC interval end.
///
/// ```
/// use wattage_facility::price_series::ercot::{Hub, read_hub_lmp};
///
/// let csv = "\
/// UTC Timestamp (Interval Ending),Local Timestamp Central Time (Interval Beginning),Local Timestamp Central Time (Interval Ending),Local Date,Hour Number,Bus average LMP,Houston LMP,Hub average LMP,North LMP,Panhandle LMP,South LMP,West LMP
/// 2021-01-01 06:15:00,2021-01-01 00:00:00,2021-01-01 00:15:00,2021-01-01,1,15.54,15.86,15.76,14.9,15.01,17.15,15.12
/// 2021-01-01 06:30:00,2021-01-01 00:15:00,2021-01-01 00:30:00,2021-01-01,1,15.38,15.51,15.47,15.11,15.16,16.05,15.2
/// ";
/// let west = read_hub_lmp(csv.as_bytes(), Hub::West)?;
/// assert_eq!(west.start().to_string(), "2021-01-01 06:00:00 UTC");
/// assert_eq!(west.mean()?.to_string(), "$15.16/MWh");
/// # Ok::<(), wattage_facility::FacilityError>(())
/// ```
///
/// # Errors
/// As for [`read_settlement_point_prices`]; [`FacilityError::NoRows`] for
/// a file with a header only.
pub fn read_hub_lmp<R: Read>(reader: R, hub: Hub) -> Result<PriceSeries, FacilityError> {
    const TIME_COLUMN: &str = "UTC Timestamp (Interval Ending)";
    let mut csv_reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let headers = csv_reader.headers().map_err(|e| csv_error(&e))?.clone();
    let time_col = column(&headers, &[TIME_COLUMN])?;
    let price_col = column(&headers, &[hub.lmp_column()])?;
    let mut builder = SeriesBuilder::new(Resolution::FifteenMinutes);
    let mut record = csv::StringRecord::new();
    loop {
        match csv_reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(csv_error(&error)),
        }
        let line = record_line(&record);
        let end = parse_utc(field(&record, time_col), line, TIME_COLUMN)?;
        let start = end
            .checked_sub_signed(Resolution::FifteenMinutes.step())
            .ok_or_else(|| {
                invalid(
                    line,
                    TIME_COLUMN,
                    field(&record, time_col),
                    "a representable time",
                )
            })?;
        let price = parse_price(field(&record, price_col), line, "LMP")?;
        builder.push(line, start, price)?;
    }
    if builder.is_empty() {
        return Err(FacilityError::NoRows {
            point: hub.settlement_point().to_string(),
        });
    }
    builder.finish()
}
