//! A reader for ERCOT's day-ahead ancillary-service clearing prices.
//!
//! ERCOT report NP4-181-ER, "Historical DAM Clearing Prices for Capacity"
//! (`DAMASMCPC_YYYY`), has one row per delivery hour and a column per
//! service: `Delivery Date` (`MM/DD/YYYY`), `Hour Ending` (`01:00` to
//! `24:00`, Central prevailing time), `Repeated Hour Flag` (`Y` on the
//! second `02:00` of the day daylight time ends), then `REGDN`, `REGUP`,
//! `RRS`, `NSPIN` and, from 10 June 2023, `ECRS`, each the Market
//! Clearing Price for Capacity in $ per MW per hour. A file with a `UTC
//! Timestamp (Hour Ending)` column (the project's data folder adds one) is
//! timed by it; otherwise the local hour is converted to UTC.
//!
//! A row whose cell for the service is empty (ECRS before it existed) is
//! not part of that service's series; the rows that are must follow each
//! other hour by hour.
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::power::ReserveService;
//! use wattage_facility::price_series::iso::ercot_ancillary::read_ancillary_prices;
//!
//! let csv = "\
//! Delivery Date,Hour Ending,Repeated Hour Flag,REGDN,REGUP,RRS,NSPIN,ECRS
//! 06/09/2023,24:00,N,3.5,1.5,1.5,1.5,
//! 06/10/2023,01:00,N,4,2.05,2.05,0.25,10
//! 06/10/2023,02:00,N,3.78,1.69,1.69,0.25,7.01
//! ";
//! let rrs = read_ancillary_prices(csv.as_bytes(), ReserveService::Responsive)?;
//! assert_eq!(rrs.len(), 3);
//! assert_eq!(rrs.start().to_string(), "2023-06-10 04:00:00 UTC"); // 23:00 CDT
//! let ecrs = read_ancillary_prices(csv.as_bytes(), ReserveService::Contingency)?;
//! assert_eq!(ecrs.len(), 2); // none before 10 June 2023
//! assert_eq!(ecrs.prices()[0].to_string(), "$10/MWh"); // $10 per MW per hour
//! # Ok::<(), wattage_facility::FacilityError>(())
//! ```

use alloc::string::{String, ToString};
use std::io::Read;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use wattage_units::EnergyPrice;

use super::{Columns, Header, Layout, Row, read_prices};
use crate::FacilityError;
use crate::power::ReserveService;
use crate::price_series::iso::ercot::ZONE;
use crate::price_series::{PriceSeries, Resolution, local_to_utc};

const UTC_COLUMN: &str = "UTC Timestamp (Hour Ending)";

/// The `DAMASMCPC` layout, one service's column.
struct ClearingPrices(ReserveService);

impl Layout for ClearingPrices {
    const RESOLUTION: Resolution = Resolution::Hourly;

    fn columns(&self, h: &Header<'_>) -> Result<Columns, FacilityError> {
        Ok(Columns(alloc::vec![
            Some(h.column(&[self.0.column()])?),
            h.column(&[UTC_COLUMN]).ok(),
            Some(h.column(&["Delivery Date"])?),
            Some(h.column(&["Hour Ending"])?),
            Some(h.column(&["Repeated Hour Flag", "DSTFlag"])?),
        ]))
    }

    fn read_row(
        &self,
        c: &Columns,
        row: &Row<'_>,
    ) -> Result<Option<(DateTime<Utc>, EnergyPrice)>, FacilityError> {
        if row.field(c.get(0)).is_empty() {
            return Ok(None);
        }
        let start = match c.get(1) {
            Some(utc) => {
                let end = row.utc(Some(utc), UTC_COLUMN)?;
                end.checked_sub_signed(Resolution::Hourly.step())
                    .ok_or_else(|| {
                        row.invalid(UTC_COLUMN, row.field(c.get(1)), "a representable time")
                    })?
            }
            None => local_start(c, row)?,
        };
        Ok(Some((start, row.price(c.get(0), self.0.column())?)))
    }

    fn point(&self) -> String {
        self.0.column().to_string()
    }
}

/// The UTC start of a row's hour from its local date, hour ending and flag.
fn local_start(c: &Columns, row: &Row<'_>) -> Result<DateTime<Utc>, FacilityError> {
    let date = row.date(c.get(2), "Delivery Date")?;
    let text = row.field(c.get(3));
    let (hour, minutes) = text.split_once(':').unwrap_or((text, "00"));
    let hour_ending = hour
        .parse::<u32>()
        .ok()
        .filter(|h| (1..=24).contains(h) && minutes == "00")
        .ok_or_else(|| row.invalid("Hour Ending", text, "an hour ending 01:00 to 24:00"))?;
    let repeated = match row.field(c.get(4)) {
        "N" | "n" => false,
        "Y" | "y" => true,
        other => return Err(row.invalid("Repeated Hour Flag", other, "Y or N")),
    };
    let local =
        NaiveDateTime::new(date, NaiveTime::MIN) + TimeDelta::hours(i64::from(hour_ending - 1));
    local_to_utc(ZONE, local, repeated, row.line())
}

/// Reads one service's hourly day-ahead clearing prices ($ per MW per
/// hour, held as $/MWh, the same dimension) from ERCOT's `DAMASMCPC`
/// layout, as a series in UTC: the prices of a
/// [`ReserveOffer`](crate::power::ReserveOffer).
///
/// # Errors
/// [`FacilityError::MissingColumn`] when the file has no column for the
/// service (ECRS before 2023); [`FacilityError::InvalidField`],
/// [`FacilityError::NonexistentLocalTime`] and [`FacilityError::Csv`] for
/// unreadable rows; [`FacilityError::Gap`], [`FacilityError::Duplicate`]
/// and [`FacilityError::OutOfOrder`] for rows that break the hourly
/// sequence; [`FacilityError::NoRows`] when no row has a price for the
/// service. Each names the file line.
pub fn read_ancillary_prices<R: Read>(
    reader: R,
    service: ReserveService,
) -> Result<PriceSeries, FacilityError> {
    read_prices(reader, &ClearingPrices(service))
}
