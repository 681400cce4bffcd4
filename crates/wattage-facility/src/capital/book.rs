//! Book depreciation of a [`Vintage`], by `wattage-finance`'s straight
//! line, stopped on the day the vintage is sold.

use chrono::NaiveDate;
use wattage_finance::{StraightLine, StraightLineSpec};
use wattage_units::Usd;

use super::asset::Vintage;
use crate::FacilityError;

/// The vintage's straight line.
pub(crate) fn line(v: &Vintage) -> Result<StraightLine, FacilityError> {
    Ok(StraightLine::new(StraightLineSpec {
        cost: v.cost,
        residual: v.residual,
        in_service: v.purchased,
        life_months: v.life_months,
    })?)
}

/// Book depreciation of `v` over the days from `from` up to `to`, none
/// on or after the day it is sold.
pub(crate) fn expense_between(
    v: &Vintage,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Usd, FacilityError> {
    let to = v.sold.map_or(to, |sold| sold.min(to));
    if to <= from {
        return Ok(Usd::ZERO);
    }
    Ok(line(v)?.expense_between(from, to)?)
}

/// Net book value of `v` at the start of `at`.
pub(crate) fn book_value_at(v: &Vintage, at: NaiveDate) -> Result<Usd, FacilityError> {
    Ok(line(v)?.book_value_at(at)?)
}
