//! A reader for ERCOT's hourly Native Load, the system load a 4CP
//! avoidance policy forecasts and the realised peaks are read from.
//!
//! ERCOT's "Hourly Load Data Archive" (`Native_Load_YYYY`, from
//! ercot.com/gridinfo/load/load_hist) has one row per hour: `Hour Ending`
//! in Central prevailing time, a column per weather zone (`COAST`, `EAST`,
//! `FWEST`, `NORTH`, `NCENT`, `SOUTH`, `SCENT`, `WEST`) and the system
//! total, `ERCOT`, in MW. ERCOT's local label does not mark the hour
//! repeated when daylight time ends, so rows are timed by a `UTC Timestamp
//! (Hour Ending)` column (`YYYY-MM-DD HH:MM:SS`), which the project's data
//! folder adds to each year's file; a file without one is refused. The
//! project's two-column extracts (`utc_hour_ending,ercot_mw`) read too.
//!
//! The rows are read by the same loop as the price files
//! ([`super::read_prices`]): hour after hour, with the same errors for a
//! gap, a duplicate or a row out of order, each naming its file line.
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::price_series::iso::ercot_load::{read_native_load, Zone};
//!
//! let csv = "\
//! Hour Ending,COAST,EAST,FWEST,NORTH,NCENT,SOUTH,SCENT,WEST,ERCOT,UTC Timestamp (Hour Ending)
//! 08/10/2023 17:00,21000,2900,7900,1700,25000,7300,15500,2300,83600.5,2023-08-10 22:00:00
//! 08/10/2023 18:00,21500,2950,7950,1750,25600,7400,15900,2400,85464.1,2023-08-10 23:00:00
//! ";
//! let load = read_native_load(csv.as_bytes(), Zone::System)?;
//! assert_eq!(load.len(), 2);
//! assert_eq!(load.mw()[1], 85_464.1); // ERCOT's record hour, 17:00-18:00 CDT
//! let coast = read_native_load(csv.as_bytes(), Zone::Weather("COAST"))?;
//! assert_eq!(coast.mw()[0], 21_000.0);
//! # Ok::<(), wattage_facility::FacilityError>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::io::Read;

use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use wattage_units::EnergyPrice;

use super::{Columns, Header, Layout, Row, read_prices};
use crate::FacilityError;
use crate::power::SystemLoad;
use crate::price_series::Resolution;

const UTC_COLUMN: &str = "UTC Timestamp (Hour Ending)";

/// Which column of the Native Load file to read: the system total or one
/// weather zone (the module example reads both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The system total, column `ERCOT`: what 4CP is measured on.
    System,
    /// One weather zone's column, by its name in the file (`COAST`, ...).
    Weather(&'static str),
}

impl Zone {
    fn column(self) -> &'static str {
        match self {
            Self::System => "ERCOT",
            Self::Weather(name) => name,
        }
    }

    /// The names the zone's column goes by: ERCOT's, and for the system
    /// total the project's two-column extracts' `ercot_mw`.
    fn columns(self) -> alloc::vec::Vec<&'static str> {
        match self {
            Self::System => alloc::vec!["ERCOT", "ercot_mw"],
            Self::Weather(name) => alloc::vec![name],
        }
    }
}

/// The Native Load layout, one column. The loop that reads it carries
/// each MW value in the price type's exact decimal (the same digits); the
/// reader turns them back into MW.
struct NativeLoad(Zone);

impl Layout for NativeLoad {
    const RESOLUTION: Resolution = Resolution::Hourly;

    fn columns(&self, h: &Header<'_>) -> Result<Columns, FacilityError> {
        Ok(Columns(alloc::vec![
            Some(h.column(&self.0.columns())?),
            Some(h.column(&[UTC_COLUMN, "utc_hour_ending"])?),
        ]))
    }

    fn read_row(
        &self,
        c: &Columns,
        row: &Row<'_>,
    ) -> Result<Option<(DateTime<Utc>, EnergyPrice)>, FacilityError> {
        let end = row.utc(c.get(1), UTC_COLUMN)?;
        let start = end
            .checked_sub_signed(Resolution::Hourly.step())
            .ok_or_else(|| row.invalid(UTC_COLUMN, row.field(c.get(1)), "a representable time"))?;
        Ok(Some((start, row.price(c.get(0), self.0.column())?)))
    }

    fn point(&self) -> String {
        self.0.column().to_string()
    }
}

/// Reads one column of ERCOT's hourly Native Load as a [`SystemLoad`]
/// in MW, timed in UTC: the forecast or the actual load of a 4CP
/// avoidance policy ([`crate::power::FourCpAvoidance`],
/// [`crate::power::FourCp::from_system_load`]).
///
/// # Errors
/// [`FacilityError::MissingColumn`] for a file without the zone's column
/// or the UTC column; [`FacilityError::InvalidField`] and
/// [`FacilityError::Csv`] for unreadable rows; [`FacilityError::Gap`],
/// [`FacilityError::Duplicate`] and [`FacilityError::OutOfOrder`] for rows
/// that break the hourly sequence; [`FacilityError::NoRows`] for a file
/// without rows; [`FacilityError::InvalidSystemLoad`] for a negative
/// load. Each row error names its file line.
pub fn read_native_load<R: Read>(reader: R, zone: Zone) -> Result<SystemLoad, FacilityError> {
    let series = read_prices(reader, &NativeLoad(zone))?;
    let mw: Vec<f64> = series
        .prices()
        .iter()
        .map(|p| p.value().to_f64().unwrap_or(f64::NAN))
        .collect();
    SystemLoad::new(series.start(), Resolution::Hourly, mw)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    const HEADER: &str = "Hour Ending,COAST,ERCOT,UTC Timestamp (Hour Ending)\n";

    #[test]
    fn rows_are_timed_by_the_utc_column_across_the_repeated_hour() {
        // 3 November 2024: ERCOT's label says 01:00 twice; UTC does not.
        let csv = alloc::format!(
            "{HEADER}11/03/2024 01:00,1,40000,2024-11-03 06:00:00\n11/03/2024 01:00,1,39000,2024-11-03 07:00:00\n11/03/2024 02:00,1,38000,2024-11-03 08:00:00\n"
        );
        let load = read_native_load(csv.as_bytes(), Zone::System).unwrap();
        assert_eq!(load.mw(), [40_000.0, 39_000.0, 38_000.0]);
        let first = Utc.with_ymd_and_hms(2024, 11, 3, 5, 0, 0).unwrap();
        assert_eq!(load.start(), first);
    }

    #[test]
    fn a_gap_a_missing_column_and_a_negative_load_are_errors() {
        let gap = alloc::format!(
            "{HEADER}08/10/2023 17:00,1,83000,2023-08-10 22:00:00\n08/10/2023 19:00,1,84000,2023-08-11 00:00:00\n"
        );
        assert!(matches!(
            read_native_load(gap.as_bytes(), Zone::System),
            Err(FacilityError::Gap { .. })
        ));
        let no_utc = "Hour Ending,ERCOT\n08/10/2023 17:00,83000\n";
        assert!(matches!(
            read_native_load(no_utc.as_bytes(), Zone::System),
            Err(FacilityError::MissingColumn { .. })
        ));
        let negative = alloc::format!("{HEADER}08/10/2023 17:00,1,-5,2023-08-10 22:00:00\n");
        assert!(matches!(
            read_native_load(negative.as_bytes(), Zone::System),
            Err(FacilityError::InvalidSystemLoad { .. })
        ));
        assert!(read_native_load(negative.as_bytes(), Zone::Weather("WEST")).is_err());
    }
}
