//! Market-local wall-clock time to UTC, by IANA zone name (the tz database
//! of `chrono-tz`, compiled in; no system files, so it works in `no_std`).
//! A market is one zone: ERCOT's clock is `America/Chicago`.

use alloc::format;

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::FacilityError;

/// Converts a wall-clock time in `zone` to UTC.
///
/// `repeated` selects the second occurrence of a wall time that happens
/// twice when daylight time ends (01:00-01:59 on the first Sunday of
/// November in US Central time since 2007), as ERCOT's "Repeated Hour
/// Flag" / `DSTFlag` does. `line` is the row number put in errors.
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wattage_facility::price_series::{Tz, local_to_utc};
///
/// let chicago: Tz = "America/Chicago".parse().map_err(|e| format!("{e}"))?;
/// let local = |d, h, m| NaiveDate::from_ymd_opt(2024, 11, d).unwrap().and_hms_opt(h, m, 0).unwrap();
/// // Winter: UTC-6. The repeated hour: first CDT (UTC-5), then CST (UTC-6).
/// assert_eq!(local_to_utc(chicago, local(4, 0, 0), false, 1)?, Utc.with_ymd_and_hms(2024, 11, 4, 6, 0, 0).unwrap());
/// assert_eq!(local_to_utc(chicago, local(3, 1, 15), false, 1)?, Utc.with_ymd_and_hms(2024, 11, 3, 6, 15, 0).unwrap());
/// assert_eq!(local_to_utc(chicago, local(3, 1, 15), true, 1)?, Utc.with_ymd_and_hms(2024, 11, 3, 7, 15, 0).unwrap());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`FacilityError::NonexistentLocalTime`] for a wall time skipped when
/// daylight time starts (02:00-02:59 on that day in Central time);
/// [`FacilityError::InvalidField`] when `repeated` is set for a wall time
/// that happens once.
pub fn local_to_utc(
    zone: Tz,
    local: NaiveDateTime,
    repeated: bool,
    line: u64,
) -> Result<DateTime<Utc>, FacilityError> {
    let at = match zone.from_local_datetime(&local) {
        LocalResult::Single(at) if !repeated => at,
        LocalResult::Single(_) => {
            return Err(FacilityError::InvalidField {
                line,
                column: "Repeated Hour Flag",
                value: "Y".into(),
                reason: "only the hour repeated when daylight time ends can be flagged",
            });
        }
        LocalResult::Ambiguous(first, second) => {
            if repeated {
                second
            } else {
                first
            }
        }
        LocalResult::None => {
            return Err(FacilityError::NonexistentLocalTime {
                line,
                local: format!("{}", local.format("%Y-%m-%d %H:%M")),
                zone: zone.name(),
            });
        }
    };
    Ok(at.with_timezone(&Utc))
}

/// The first instant of wall-clock `local` in `zone`, in UTC: the earlier
/// of a repeated time, and for a time skipped by a DST change the instant
/// the clock jumps past it (the first wall time after the gap, on the hour
/// or half hour).
pub(crate) fn first_instant_at(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    (0..=8).find_map(|half_hours| {
        let wall = local.checked_add_signed(chrono::TimeDelta::minutes(30 * half_hours))?;
        zone.from_local_datetime(&wall)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use alloc::string::ToString;
    use chrono::NaiveDate;

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    const CHICAGO: Tz = chrono_tz::America::Chicago;

    /// US DST rules (Energy Policy Act of 2005, from 2007): daylight time
    /// from 02:00 on the second Sunday of March to 02:00 on the first
    /// Sunday of November. 2024: 10 March and 3 November.
    #[test]
    fn central_time_around_the_2024_changes() {
        let utc = |d, h, min| Utc.with_ymd_and_hms(2024, 3, d, h, min, 0).unwrap();
        assert_eq!(
            local_to_utc(CHICAGO, at(2024, 3, 10, 1, 45), false, 1).unwrap(),
            utc(10, 7, 45)
        );
        assert_eq!(
            local_to_utc(CHICAGO, at(2024, 3, 10, 3, 0), false, 1).unwrap(),
            utc(10, 8, 0)
        );
        let skipped = local_to_utc(CHICAGO, at(2024, 3, 10, 2, 30), false, 7).unwrap_err();
        assert_eq!(
            skipped.to_string(),
            "line 7: local time 2024-03-10 02:30 does not exist in America/Chicago (skipped when daylight time starts)"
        );
        let flagged = local_to_utc(CHICAGO, at(2024, 7, 1, 1, 0), true, 9).unwrap_err();
        assert!(matches!(
            flagged,
            FacilityError::InvalidField { line: 9, .. }
        ));
    }

    /// The old rules: 1987-2006, first Sunday of April to last Sunday of
    /// October (2006: 2 April, 29 October).
    #[test]
    fn central_time_under_the_rules_before_2007() {
        let repeated = local_to_utc(CHICAGO, at(2006, 10, 29, 1, 30), true, 1).unwrap();
        assert_eq!(
            repeated,
            Utc.with_ymd_and_hms(2006, 10, 29, 7, 30, 0).unwrap()
        );
        assert!(local_to_utc(CHICAGO, at(2006, 4, 2, 2, 15), false, 1).is_err());
        assert!(local_to_utc(CHICAGO, at(2006, 3, 12, 2, 15), false, 1).is_ok());
    }

    #[test]
    fn first_instant_of_a_skipped_midnight_is_after_the_jump() {
        // Santiago moved its clocks from 00:00 to 01:00 on 2024-09-08.
        let santiago = chrono_tz::America::Santiago;
        let first = first_instant_at(santiago, at(2024, 9, 8, 0, 0)).unwrap();
        assert_eq!(first, Utc.with_ymd_and_hms(2024, 9, 8, 4, 0, 0).unwrap());
        let chicago_month = first_instant_at(CHICAGO, at(2024, 11, 1, 0, 0)).unwrap();
        assert_eq!(
            chicago_month,
            Utc.with_ymd_and_hms(2024, 11, 1, 5, 0, 0).unwrap()
        );
    }
}
