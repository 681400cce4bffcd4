//! The hashprice a mining workload earns, period by period.
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::HashpricePath;
//!
//! // Hashrate Index publishes one hashprice a day.
//! let path = HashpricePath::Daily(vec!["$52/PH/day".parse()?, "$49.5/PH/day".parse()?]);
//! assert!(matches!(path, HashpricePath::Daily(ref days) if days.len() == 2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::format;
use alloc::vec::Vec;

use wattage_mining::network_montecarlo::NetworkPath;
use wattage_mining::network_projection::NetworkProjection;
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
    /// The daily hashprice of a network projection
    /// ([`wattage_mining::network_projection::project_network`]), one per
    /// projected day: a site simulation then runs on the projected curve,
    /// each day's hashprice holding for every period of that day at any
    /// resolution (hourly or 15-minute). The projection's own days and the
    /// simulation's should start on the same date.
    ///
    /// ```
    /// // Needs wattage-facility, wattage-mining, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use wattage_facility::HashpricePath;
    /// use wattage_mining::network_projection::{project_network, NetworkStart, PricePath};
    /// use wattage_mining::network_response::{ResponseModel, ResponseSpec};
    ///
    /// let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let model = ResponseModel::try_from(ResponseSpec::default())?;
    /// let projection = project_network(&start, &model, &PricePath::Constant(start.btc_price), 365)?;
    /// let path = HashpricePath::from_projection(&projection);
    /// assert!(matches!(path, HashpricePath::Daily(ref days) if days.len() == 365));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_projection(projection: &NetworkProjection) -> Self {
        Self::Daily(projection.daily_hashprices())
    }

    /// The daily hashprice of one Monte Carlo path
    /// ([`wattage_mining::network_montecarlo::NetworkMonteCarlo::paths`]),
    /// one per day as for [`HashpricePath::from_projection`]; map it over
    /// the paths for a sweep.
    ///
    /// # Errors
    ///
    /// [`FacilityError::Mining`] if a hashprice is not valid money.
    ///
    /// ```
    /// // Needs wattage-facility, wattage-mining, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use wattage_facility::HashpricePath;
    /// use wattage_mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
    /// use wattage_mining::network_projection::NetworkStart;
    /// use wattage_mining::network_response::{ResponseModel, ResponseSpec};
    ///
    /// let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let spec = NetworkMonteCarloSpec { paths: 8, days: 90, ..Default::default() };
    /// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
    /// let sweep: Vec<HashpricePath> = mc.paths(&start)?.iter().map(HashpricePath::from_monte_carlo_path).collect::<Result<_, _>>()?;
    /// assert_eq!(sweep.len(), 8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_monte_carlo_path(path: &NetworkPath) -> Result<Self, FacilityError> {
        Ok(Self::Daily(path.daily_hashprices()?))
    }

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
