//! Date arithmetic shared by the schedules: months after a date, days
//! between dates.

use chrono::{Months, NaiveDate};

use crate::FinanceError;

/// `months` after `start` (a day past the end of the shorter month is
/// clamped to its last day, as `chrono` and Excel's `EDATE` do).
///
/// # Errors
/// [`FinanceError::DateOutOfRange`] beyond `chrono`'s calendar.
pub(crate) fn add_months(
    what: &'static str,
    start: NaiveDate,
    months: u32,
) -> Result<NaiveDate, FinanceError> {
    start
        .checked_add_months(Months::new(months))
        .ok_or(FinanceError::DateOutOfRange {
            what,
            start,
            months,
        })
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}
