//! Money over time: net present value, internal rate of return and payback
//! on exact [`Usd`](wattage_units::Usd) cash flows, from `wattage-finance`
//! (re-exported here so that `wattage_facility::finance` keeps working).
//!
//! Their errors are [`wattage_finance::FinanceError`]s, which convert into
//! [`crate::FacilityError::Finance`] with `?`.

#[doc(inline)]
pub use wattage_finance::FinanceError;
#[doc(inline)]
pub use wattage_finance::periodic::*;
