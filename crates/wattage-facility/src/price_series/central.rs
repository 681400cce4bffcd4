//! US Central prevailing time (ERCOT's clock) to UTC, without a time-zone
//! database: the US daylight-saving rules since 1987 are written out here.

use alloc::format;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc, Weekday};

use crate::FacilityError;

/// Central standard time is UTC-6 hours.
const CST_OFFSET_SECONDS: i64 = 6 * 3600;
/// Central daylight time is UTC-5 hours.
const CDT_OFFSET_SECONDS: i64 = 5 * 3600;

/// The local wall-clock times at which daylight time starts and ends in
/// `year` (both at 02:00 local).
fn dst_changes(year: i32) -> Result<(NaiveDateTime, NaiveDateTime), FacilityError> {
    let unsupported = FacilityError::UnsupportedYear { year };
    let nth_sunday =
        |month: u32, n: u8| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n);
    let (start, end) = if year >= 2007 {
        // Energy Policy Act of 2005: second Sunday of March to first Sunday of November.
        (nth_sunday(3, 2), nth_sunday(11, 1))
    } else if year >= 1987 {
        // 1987-2006: first Sunday of April to last Sunday of October.
        let last_october = nth_sunday(10, 5).or_else(|| nth_sunday(10, 4));
        (nth_sunday(4, 1), last_october)
    } else {
        return Err(unsupported);
    };
    let at_two = |day: Option<NaiveDate>| day.and_then(|d| d.and_hms_opt(2, 0, 0));
    match (at_two(start), at_two(end)) {
        (Some(start), Some(end)) => Ok((start, end)),
        _ => Err(unsupported),
    }
}

/// Converts a US Central prevailing wall-clock time to UTC.
///
/// `repeated` selects the second occurrence of the hour that repeats when
/// daylight time ends (01:00-01:59 on the first Sunday of November since
/// 2007), as ERCOT's "Repeated Hour Flag" / `DSTFlag` does. `line` is the
/// row number put in errors.
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wattage_facility::price_series::central_to_utc;
///
/// let local = |d, h, m| NaiveDate::from_ymd_opt(2024, 11, d).unwrap().and_hms_opt(h, m, 0).unwrap();
/// // Winter: UTC-6. The repeated hour: first CDT (UTC-5), then CST (UTC-6).
/// assert_eq!(central_to_utc(local(4, 0, 0), false, 1)?, Utc.with_ymd_and_hms(2024, 11, 4, 6, 0, 0).unwrap());
/// assert_eq!(central_to_utc(local(3, 1, 15), false, 1)?, Utc.with_ymd_and_hms(2024, 11, 3, 6, 15, 0).unwrap());
/// assert_eq!(central_to_utc(local(3, 1, 15), true, 1)?, Utc.with_ymd_and_hms(2024, 11, 3, 7, 15, 0).unwrap());
/// # Ok::<(), wattage_facility::FacilityError>(())
/// ```
///
/// # Errors
/// [`FacilityError::NonexistentLocalTime`] for a wall time skipped when
/// daylight time starts (02:00-02:59 on that day);
/// [`FacilityError::InvalidField`] when `repeated` is set outside the
/// repeated hour; [`FacilityError::UnsupportedYear`] before 1987.
pub fn central_to_utc(
    local: NaiveDateTime,
    repeated: bool,
    line: u64,
) -> Result<DateTime<Utc>, FacilityError> {
    let (dst_start, dst_end) = dst_changes(local.year())?;
    let hour = TimeDelta::hours(1);
    let skipped_end = dst_start + hour;
    let repeat_start = dst_end - hour;
    let offset = if local >= dst_start && local < skipped_end {
        return Err(FacilityError::NonexistentLocalTime {
            line,
            local: format!("{}", local.format("%Y-%m-%d %H:%M")),
        });
    } else if local >= repeat_start && local < dst_end {
        if repeated {
            CST_OFFSET_SECONDS
        } else {
            CDT_OFFSET_SECONDS
        }
    } else if repeated {
        return Err(FacilityError::InvalidField {
            line,
            column: "Repeated Hour Flag",
            value: "Y".into(),
            reason: "only the hour repeated when daylight time ends can be flagged",
        });
    } else if local >= skipped_end && local < repeat_start {
        CDT_OFFSET_SECONDS
    } else {
        CST_OFFSET_SECONDS
    };
    let utc = local
        .checked_add_signed(TimeDelta::seconds(offset))
        .ok_or(FacilityError::UnsupportedYear { year: local.year() })?;
    Ok(utc.and_utc())
}
