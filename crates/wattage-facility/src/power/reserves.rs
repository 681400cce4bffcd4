//! Ancillary services: a flexible load paid to hold capacity it will shed
//! when the grid operator calls.
//!
//! What is modelled, after ERCOT's rules for Load Resources ("Load
//! Resource Participation in the ERCOT Markets", ercot.com/services/
//! programs/load/laar): a Load Resource selected in the Day-Ahead
//! Ancillary Service market "is eligible to receive a capacity payment
//! regardless of whether [it is] dispatched in Real-Time"; Load Resources
//! may provide Responsive Reserve (RRS), ERCOT Contingency Reserve (ECRS)
//! and Non-Spinning Reserve (Non-Spin); Regulation Up and Down need a
//! *Controllable* Load Resource, one "capable of controllably reducing or
//! increasing consumption under Dispatch control by ERCOT" (NPRR1148 on
//! RRS, ECRS and Non-Spin from Load Resources that are not controllable).
//!
//! The settlement rule, per period and interruptible load, when the load
//! offers a share `s` of its facility power and a share `c` of the period
//! is called:
//!
//! - **payment** = clearing price ($/MW per hour) × `s` × facility MW ×
//!   hours, earned only in periods the load runs and offers;
//! - **deployment**: the called share `d = s × c` of the period's energy
//!   is curtailed: that part earns no revenue and buys no energy (with
//!   sell-back, is bought and sold back at market, as any curtailment).
//!
//! So the margin offering is `payment + (1 − d) × margin running + d ×
//! margin curtailed`; the decision takes it when it beats both running
//! and curtailing (see [`crate::curtailment`]).
//!
//! Simplifications, stated where users read them: one service per site,
//! offered by every interruptible load at the same share; loads run at
//! full power or not at all, so Regulation Down (which needs room to
//! *increase* consumption) is refused; award is assumed for every offered
//! period (a price-taking offer); calls given as events are known when
//! the period is decided, as the price is; no deployment energy payment
//! and no penalty for failing a call.
//!
//! ```
//! // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::power::{ReserveCalls, ReserveOffer, ReserveOfferSpec, ReserveService};
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//!
//! let start = Utc.with_ymd_and_hms(2024, 1, 1, 6, 0, 0).unwrap();
//! let rrs = PriceSeries::new(start, Resolution::Hourly, vec!["$5.67/MWh".parse()?; 24])?;
//! let offer = ReserveOffer::new(ReserveOfferSpec {
//!     service: ReserveService::Responsive,
//!     prices: rrs,
//!     share: Decimal::new(5, 1), // half the load
//!     calls: ReserveCalls::Expected(Decimal::new(1, 2)), // 1% of offered hours
//!     controllable: false,
//! })?;
//! assert_eq!(offer.service(), ReserveService::Responsive);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::ToString;
use alloc::vec::Vec;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::FacilityError;
use crate::horizon::Horizon;
use crate::price_series::PriceSeries;

/// An ERCOT ancillary service a load may offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReserveService {
    /// Regulation Up (REGUP): Controllable Load Resources only.
    RegulationUp,
    /// Regulation Down (REGDN): needs room to raise consumption.
    RegulationDown,
    /// Responsive Reserve (RRS).
    Responsive,
    /// ERCOT Contingency Reserve Service (ECRS), from 10 June 2023.
    Contingency,
    /// Non-Spinning Reserve (NSPIN).
    NonSpinning,
}

impl ReserveService {
    /// Every service, in the column order of ERCOT's `DAMASMCPC` files.
    pub const ALL: [Self; 5] = [
        Self::RegulationDown,
        Self::RegulationUp,
        Self::Responsive,
        Self::NonSpinning,
        Self::Contingency,
    ];

    /// The column of ERCOT's day-ahead clearing-price file (`"RRS"`).
    #[must_use]
    pub const fn column(self) -> &'static str {
        match self {
            Self::RegulationUp => "REGUP",
            Self::RegulationDown => "REGDN",
            Self::Responsive => "RRS",
            Self::Contingency => "ECRS",
            Self::NonSpinning => "NSPIN",
        }
    }
}

/// One deployment call: the load is asked to shed its offered share from
/// `start` until `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReserveCall {
    /// When the call starts.
    pub start: DateTime<Utc>,
    /// When the load may return.
    pub end: DateTime<Utc>,
}

/// When the offered capacity is called.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReserveCalls {
    /// An expected share of every offered period (0 to 1) is deployed: the
    /// planning view, when the calls are not known.
    Expected(Decimal),
    /// These calls, as they happened: a period is called for the share of
    /// its time the calls cover.
    Events(Vec<ReserveCall>),
}

/// A [`ReserveOffer`] before validation: every field named.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReserveOfferSpec {
    /// The service offered.
    pub service: ReserveService,
    /// Its clearing prices, $ per MW per hour of capacity (the dimension
    /// of $/MWh, and stored as one), covering the horizon.
    pub prices: PriceSeries,
    /// The share of each interruptible load's facility power offered, in
    /// (0, 1].
    pub share: Decimal,
    /// When the capacity is called.
    pub calls: ReserveCalls,
    /// Whether the loads are registered as Controllable Load Resources
    /// (needed for Regulation Up).
    pub controllable: bool,
}

/// A validated offer of an ancillary service by a site's interruptible
/// loads; see the [module](self) for the settlement rule.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ReserveOfferSpec", into = "ReserveOfferSpec")
)]
pub struct ReserveOffer(ReserveOfferSpec);

impl From<ReserveOffer> for ReserveOfferSpec {
    fn from(offer: ReserveOffer) -> Self {
        offer.0
    }
}

impl TryFrom<ReserveOfferSpec> for ReserveOffer {
    type Error = FacilityError;

    fn try_from(spec: ReserveOfferSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

fn share(what: &'static str, value: Decimal, zero_ok: bool) -> Result<(), FacilityError> {
    let low_ok = if zero_ok {
        value >= Decimal::ZERO
    } else {
        value > Decimal::ZERO
    };
    if low_ok && value <= Decimal::ONE {
        Ok(())
    } else {
        Err(FacilityError::InvalidShare { what, value })
    }
}

impl ReserveOffer {
    /// Validates `spec`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] for an offered share outside (0, 1]
    /// or an expected call share outside [0, 1];
    /// [`FacilityError::InvalidTerm`] for a negative clearing price or a
    /// call that ends before it starts; [`FacilityError::Unsupported`]
    /// for Regulation Down, and for Regulation Up from loads that are not
    /// controllable.
    pub fn new(spec: ReserveOfferSpec) -> Result<Self, FacilityError> {
        share("an offered reserve share", spec.share, false)?;
        match spec.service {
            ReserveService::RegulationDown => {
                return Err(FacilityError::Unsupported {
                    computation: "a reserve offer",
                    what: "Regulation Down (loads here run at full power, with no room to raise it)",
                });
            }
            ReserveService::RegulationUp if !spec.controllable => {
                return Err(FacilityError::Unsupported {
                    computation: "a reserve offer",
                    what: "Regulation Up from a Load Resource that is not controllable",
                });
            }
            _ => {}
        }
        if let Some(p) = spec
            .prices
            .prices()
            .iter()
            .find(|p| p.value() < Decimal::ZERO)
        {
            return Err(FacilityError::InvalidTerm {
                what: "reserve clearing price",
                value: p.to_string(),
            });
        }
        match &spec.calls {
            ReserveCalls::Expected(c) => share("an expected called share", *c, true)?,
            ReserveCalls::Events(calls) => {
                if let Some(bad) = calls.iter().find(|c| c.end <= c.start) {
                    return Err(FacilityError::InvalidTerm {
                        what: "reserve call",
                        value: alloc::format!("{} to {}", bad.start, bad.end),
                    });
                }
            }
        }
        Ok(Self(spec))
    }

    /// The service offered.
    #[must_use]
    pub const fn service(&self) -> ReserveService {
        self.0.service
    }

    /// The clearing prices.
    #[must_use]
    pub const fn prices(&self) -> &PriceSeries {
        &self.0.prices
    }

    /// The share of each interruptible load offered.
    #[must_use]
    pub const fn share(&self) -> Decimal {
        self.0.share
    }

    /// When the capacity is called.
    #[must_use]
    pub const fn calls(&self) -> &ReserveCalls {
        &self.0.calls
    }

    /// The called share of each period of `horizon`, in [0, 1].
    pub(crate) fn called_over(&self, horizon: &Horizon) -> Result<Vec<Decimal>, FacilityError> {
        let n = horizon.periods();
        match &self.0.calls {
            ReserveCalls::Expected(c) => Ok(alloc::vec![*c; n]),
            ReserveCalls::Events(calls) => {
                let seconds = horizon.resolution().seconds();
                let mut covered = alloc::vec![0_i64; n];
                for call in calls {
                    let first = horizon
                        .index_containing(call.start)
                        .unwrap_or_else(|| horizon.index_at_or_after(call.start));
                    for (t, slot) in covered.iter_mut().enumerate().skip(first) {
                        let Some(from) = horizon.checked_start_of(t) else {
                            break;
                        };
                        let Some(to) = from.checked_add_signed(horizon.resolution().step()) else {
                            break;
                        };
                        if from >= call.end {
                            break;
                        }
                        let overlap = (call.end.min(to) - call.start.max(from)).num_seconds();
                        *slot = (*slot + overlap.max(0)).min(seconds);
                    }
                }
                Ok(covered
                    .into_iter()
                    .map(|s| Decimal::from(s) / Decimal::from(seconds))
                    .collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::price_series::Resolution;
    use chrono::TimeZone;

    fn prices() -> PriceSeries {
        let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        PriceSeries::new(
            start,
            Resolution::Hourly,
            alloc::vec!["$4/MWh".parse().unwrap(); 4],
        )
        .unwrap()
    }

    fn spec(service: ReserveService, calls: ReserveCalls) -> ReserveOfferSpec {
        ReserveOfferSpec {
            service,
            prices: prices(),
            share: Decimal::ONE,
            calls,
            controllable: false,
        }
    }

    #[test]
    fn services_loads_cannot_provide_are_refused() {
        let none = || ReserveCalls::Expected(Decimal::ZERO);
        assert!(ReserveOffer::new(spec(ReserveService::RegulationDown, none())).is_err());
        assert!(ReserveOffer::new(spec(ReserveService::RegulationUp, none())).is_err());
        let mut clr = spec(ReserveService::RegulationUp, none());
        clr.controllable = true;
        assert!(ReserveOffer::new(clr).is_ok());
        for service in [
            ReserveService::Responsive,
            ReserveService::Contingency,
            ReserveService::NonSpinning,
        ] {
            assert!(ReserveOffer::new(spec(service, none())).is_ok());
        }
    }

    #[test]
    fn shares_and_calls_are_checked() {
        let mut s = spec(
            ReserveService::Responsive,
            ReserveCalls::Expected(Decimal::new(11, 1)),
        );
        let err = ReserveOffer::new(s.clone()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "an expected called share must be between 0 and 1, got 1.1"
        );
        s.calls = ReserveCalls::Expected(Decimal::ZERO);
        s.share = Decimal::ZERO;
        assert!(ReserveOffer::new(s.clone()).is_err());
        let at = Utc.with_ymd_and_hms(2024, 1, 1, 1, 0, 0).unwrap();
        s.share = Decimal::ONE;
        s.calls = ReserveCalls::Events(alloc::vec![ReserveCall { start: at, end: at }]);
        assert!(ReserveOffer::new(s).is_err());
    }

    #[test]
    fn a_call_covers_the_share_of_each_period_it_overlaps() {
        let t = |h, m| Utc.with_ymd_and_hms(2024, 1, 1, h, m, 0).unwrap();
        // 00:30 to 02:15: half of hour 0, all of hour 1, a quarter of hour 2.
        let calls = ReserveCalls::Events(alloc::vec![ReserveCall {
            start: t(0, 30),
            end: t(2, 15)
        }]);
        let offer = ReserveOffer::new(spec(ReserveService::Responsive, calls)).unwrap();
        let horizon = Horizon::new(t(0, 0), Resolution::Hourly, 4).unwrap();
        let called = offer.called_over(&horizon).unwrap();
        assert_eq!(
            called,
            [
                Decimal::new(5, 1),
                Decimal::ONE,
                Decimal::new(25, 2),
                Decimal::ZERO
            ]
        );
    }
}
