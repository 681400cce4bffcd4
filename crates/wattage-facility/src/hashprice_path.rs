//! The hashprice a mining workload earns, period by period.
//!
//! ```
//! use wattage_facility::HashpricePath;
//!
//! // Hashrate Index publishes one hashprice a day.
//! let path = HashpricePath::Daily(vec!["$52/PH/day".parse()?, "$49.5/PH/day".parse()?]);
//! assert!(matches!(path, HashpricePath::Daily(ref days) if days.len() == 2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::format;
use alloc::vec::Vec;

use wattage_units::Hashprice;

use crate::FacilityError;
use crate::price_series::Resolution;

/// The hashprice a mining workload earns, period by period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub enum HashpricePath {
    /// One hashprice for every period.
    Constant(Hashprice),
    /// One hashprice per simulated period, in order.
    PerPeriod(Vec<Hashprice>),
    /// One hashprice per day (24 hours from the simulation's start), in
    /// order, as Hashrate Index publishes it.
    Daily(Vec<Hashprice>),
}

impl HashpricePath {
    /// The path's hashprices and how many periods of `resolution` each
    /// one covers (every period for a constant, one for a per-period path,
    /// a day's periods for a daily one).
    pub(crate) fn steps(&self, resolution: Resolution) -> (&[Hashprice], usize) {
        match self {
            Self::Constant(price) => (core::slice::from_ref(price), usize::MAX),
            Self::PerPeriod(prices) => (prices, 1),
            Self::Daily(prices) => {
                // 86,400 s is a whole number of 900 s and 3,600 s periods.
                let per_day = usize::try_from(86_400 / resolution.seconds()).unwrap_or(1);
                (prices, per_day)
            }
        }
    }

    /// The error for a path with no hashprice for period `period`.
    pub(crate) fn too_short(&self, period: usize, resolution: Resolution) -> FacilityError {
        let value = match self {
            Self::Daily(prices) => {
                let (_, per_day) = self.steps(resolution);
                format!(
                    "{} daily hashprice(s), none for day {}",
                    prices.len(),
                    period / per_day.max(1)
                )
            }
            Self::PerPeriod(prices) => {
                format!("{} hashprice(s), none for period {period}", prices.len())
            }
            Self::Constant(_) => format!("no hashprice for period {period}"),
        };
        FacilityError::InvalidTerm {
            what: "hashprice path",
            value,
        }
    }
}
