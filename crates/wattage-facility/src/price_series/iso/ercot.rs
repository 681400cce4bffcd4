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
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::price_series::iso::ercot::read_settlement_point_prices;
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
//! assert_eq!(north.prices()[0].to_string(), "$9,000/MWh");
//! assert_eq!(north.prices()[1].to_string(), "-$1.5/MWh");
//! # Ok::<(), wattage_facility::FacilityError>(())
//! ```

use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;
use std::io::Read;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use wattage_units::EnergyPrice;

use super::{Columns, Header, Layout, Row, normalize, read_prices, read_prices_with};
use crate::FacilityError;
use crate::price_series::{GapPolicy, GapReport, PriceSeries, Resolution, Tz, local_to_utc};

/// ERCOT's clock: US Central prevailing time, `America/Chicago` in the tz
/// database. The settlement point files are dated in it.
pub const ZONE: Tz = chrono_tz::America::Chicago;

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

/// The settlement point price layout, filtered to one point: the
/// [`Layout`] of [`read_settlement_point_prices`], for
/// [`super::read_file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettlementPoints<'a> {
    /// Matched exactly against `Settlement Point Name` ("HB_WEST").
    pub point: &'a str,
    /// When given, matched against `Settlement Point Type` too ("LZ").
    pub point_type: Option<&'a str>,
}

impl Layout for SettlementPoints<'_> {
    const RESOLUTION: Resolution = Resolution::FifteenMinutes;

    fn columns(&self, h: &Header<'_>) -> Result<Columns, FacilityError> {
        Ok(Columns(alloc::vec![
            Some(h.column(&["Delivery Date"])?),
            Some(h.column(&["Delivery Hour"])?),
            Some(h.column(&["Delivery Interval"])?),
            Some(h.column(&["Repeated Hour Flag", "DSTFlag"])?),
            Some(h.column(&["Settlement Point Name", "Settlement Point"])?),
            match self.point_type {
                Some(_) => Some(h.column(&["Settlement Point Type"])?),
                None => None,
            },
            Some(h.column(&["Settlement Point Price"])?),
        ]))
    }

    fn read_row(
        &self,
        c: &Columns,
        row: &Row<'_>,
    ) -> Result<Option<(DateTime<Utc>, EnergyPrice)>, FacilityError> {
        if row.field(c.get(4)) != self.point {
            return Ok(None);
        }
        if let Some(wanted) = self.point_type {
            if row.field(c.get(5)) != wanted {
                return Ok(None);
            }
        }
        let date = row.date(c.get(0), "Delivery Date")?;
        let hour_ending = row.number(c.get(1), "Delivery Hour", (1, 24))?;
        let interval = row.number(c.get(2), "Delivery Interval", (1, 4))?;
        let repeated = match row.field(c.get(3)) {
            "N" | "n" => false,
            "Y" | "y" => true,
            other => return Err(row.invalid("Repeated Hour Flag", other, "Y or N")),
        };
        let minutes = i64::from((hour_ending - 1) * 60 + (interval - 1) * 15);
        let local = NaiveDateTime::new(date, NaiveTime::MIN) + TimeDelta::minutes(minutes);
        let start = local_to_utc(ZONE, local, repeated, row.line())?;
        let price = row.price(c.get(6), "Settlement Point Price")?;
        Ok(Some((start, price)))
    }

    fn point(&self) -> String {
        match self.point_type {
            Some(kind) => alloc::format!("{} ({kind})", self.point),
            None => self.point.to_string(),
        }
    }
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
    read_prices(reader, &SettlementPoints { point, point_type })
}

/// [`read_settlement_point_prices`], with missing intervals treated by
/// `gaps` and a report of every interval filled.
///
/// # Errors
/// As for [`read_settlement_point_prices`]; a gap only under
/// [`GapPolicy::Refuse`].
pub fn read_settlement_point_prices_with<R: Read>(
    reader: R,
    point: &str,
    point_type: Option<&str>,
    gaps: GapPolicy,
) -> Result<(PriceSeries, GapReport), FacilityError> {
    read_prices_with(reader, &SettlementPoints { point, point_type }, gaps)
}

const TIME_COLUMN: &str = "UTC Timestamp (Interval Ending)";

/// The hub LMP layout, one hub's column: the [`Layout`] of
/// [`read_hub_lmp`], for [`super::read_file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HubLmps(pub Hub);

impl Layout for HubLmps {
    const RESOLUTION: Resolution = Resolution::FifteenMinutes;

    fn columns(&self, h: &Header<'_>) -> Result<Columns, FacilityError> {
        Ok(Columns(alloc::vec![
            Some(h.column(&[TIME_COLUMN])?),
            Some(h.column(&[self.0.lmp_column()])?),
        ]))
    }

    fn read_row(
        &self,
        c: &Columns,
        row: &Row<'_>,
    ) -> Result<Option<(DateTime<Utc>, EnergyPrice)>, FacilityError> {
        let end = row.utc(c.get(0), TIME_COLUMN)?;
        let start = end
            .checked_sub_signed(Resolution::FifteenMinutes.step())
            .ok_or_else(|| row.invalid(TIME_COLUMN, row.field(c.get(0)), "a representable time"))?;
        Ok(Some((start, row.price(c.get(1), "LMP")?)))
    }

    fn point(&self) -> String {
        self.0.settlement_point().to_string()
    }
}

/// Reads one hub's 15-minute real-time LMPs from the hub LMP layout,
/// timed by the `UTC Timestamp (Interval Ending)` column.
///
/// Each row's interval starts 15 minutes before its UTC interval end.
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp};
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
    read_prices(reader, &HubLmps(hub))
}

/// [`read_hub_lmp`], with missing intervals treated by `gaps` and a report
/// of every interval filled: the way to read ERCOT's 2021 hub files, which
/// miss 57 intervals of Winter Storm Uri's year.
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::price_series::GapPolicy;
/// use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp_with};
///
/// let csv = "UTC Timestamp (Interval Ending),West LMP\n2021-02-15 06:15:00,9000\n2021-02-15 07:00:00,8990.5\n";
/// let (west, filled) = read_hub_lmp_with(csv.as_bytes(), Hub::West, GapPolicy::FillForward)?;
/// assert_eq!(west.len(), 4);
/// assert_eq!(filled.len(), 2);
/// assert_eq!(filled.filled[0].before_row, 3); // the file line after the gap
/// # Ok::<(), wattage_facility::FacilityError>(())
/// ```
///
/// # Errors
/// As for [`read_hub_lmp`]; a gap only under [`GapPolicy::Refuse`].
pub fn read_hub_lmp_with<R: Read>(
    reader: R,
    hub: Hub,
    gaps: GapPolicy,
) -> Result<(PriceSeries, GapReport), FacilityError> {
    read_prices_with(reader, &HubLmps(hub), gaps)
}
