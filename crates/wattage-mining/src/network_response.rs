//! The network-response supply model: network hashrate grows toward the
//! level at which the marginal deployed machine breaks even, and shrinks
//! when machines stop paying for their power.
//!
//! ```text
//! fleet on offer at date t : catalog machines released by t - adoption lag
//! frontier efficiency e(t) : the most efficient machine on offer [J/TH]
//! marginal electricity p_m : the `marginal_quantile` of the miners'
//!                            electricity-price distribution [$/MWh]
//! marginal cost c(t)       = hurdle x hashcost(e(t), p_m)
//!                          = hurdle x e(t) x p_m x 24 / 1000   [$/PH/day]
//! target hashrate N*       = N x hashprice / c(t)
//!                            (the hashrate at which hashprice = c(t):
//!                             hashprice scales as 1 / N at fixed revenue)
//! per step of dt months    : ln N += g_exo dt
//!                                  + r_up   dt ln(N*/N)   if N* > N  (deployment)
//!                                  + r_down dt ln(N*/N)   if N* < N  (switch-off)
//! ```
//!
//! The hurdle (default 2) is the multiple of the power cost that a new
//! deployment must earn to also repay its machine and site over their
//! life; 1 is the power-only breakeven that CBECI uses. The deployment and
//! switch-off rates are the shares of the log gap closed per month (the
//! lag with which hashrate follows hashprice: machines must be ordered,
//! shipped and hosted; switching off is faster). An exogenous growth rate
//! adds to the response (0 by default) and [`ResponseModel::exogenous`]
//! gives the old constant-growth behaviour.
//!
//! The default electricity-price distribution of the world's miners,
//! [`ElectricityPrices::default`], is an assumption, not a measurement:
//! capacity shares of 10/20/25/20/15/10 % at $25/35/45/55/65/80 per MWh,
//! a mean of $50.5/MWh (CBECI's $50/MWh) and most capacity between $30
//! and $70, the range the CCAF mining surveys report. Its median, the
//! default marginal quantile, is $45/MWh.
//!
//! ```
//! // Needs wattage-mining, wattage-units, chrono (in the wattage facade: wattage::mining, wattage::units, wattage::chrono).
//! use chrono::NaiveDate;
//! use wattage_mining::network_response::{ResponseModel, ResponseSpec};
//! use wattage_units::Hashprice;
//!
//! let model = ResponseModel::try_from(ResponseSpec::default())?;
//! let date = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
//! // Early 2023: the S19 XP (21.5 J/TH, shipping mid-2022, plus 6 months) leads.
//! assert_eq!(model.frontier_efficiency(date)?, 21.5);
//! // 2 x 21.5 J/TH x $45/MWh x 24 / 1000:
//! assert_eq!(format!("{:.2}", model.marginal_cost(date)?), "46.44"); // $/PH/day
//! let now = "200 EH/s".parse()?;
//! let target = model.target_hashrate(now, "$92.88/PH/day".parse::<Hashprice>()?, date)?;
//! assert_eq!(format!("{:.0}", target.display_in(wattage_units::unit::EXAHASH_PER_SECOND)), "400 EH/s");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};
use wattage_hardware::AsicMiner;
use wattage_units::{Hashprice, Hashrate, unit};

use crate::{Error, Result};

/// Electricity prices of the world's miners: points `(price $/MWh, share
/// of capacity)`, sorted by price, shares summing to 1.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<PricePoint>", into = "Vec<PricePoint>")
)]
pub struct ElectricityPrices {
    points: Vec<PricePoint>,
}

/// One point of an [`ElectricityPrices`] distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct PricePoint {
    /// The electricity price, $/MWh.
    pub usd_per_mwh: f64,
    /// The share of the world's mining capacity that pays it.
    pub share: f64,
}

impl Default for ElectricityPrices {
    /// The documented default (see the module docs).
    fn default() -> Self {
        let points = [
            (25.0, 0.10),
            (35.0, 0.20),
            (45.0, 0.25),
            (55.0, 0.20),
            (65.0, 0.15),
            (80.0, 0.10),
        ]
        .into_iter()
        .map(|(usd_per_mwh, share)| PricePoint { usd_per_mwh, share })
        .collect();
        Self { points }
    }
}

impl TryFrom<Vec<PricePoint>> for ElectricityPrices {
    type Error = Error;

    fn try_from(points: Vec<PricePoint>) -> Result<Self> {
        Self::new(points)
    }
}

impl From<ElectricityPrices> for Vec<PricePoint> {
    fn from(p: ElectricityPrices) -> Self {
        p.points
    }
}

impl ElectricityPrices {
    /// A distribution from its points (sorted here by price); the shares
    /// are normalised to sum to 1.
    ///
    /// # Errors
    ///
    /// [`Error::NotEnoughData`] for no points; [`Error::NotPositive`] for a
    /// price or share that is not finite and positive (a price of zero
    /// would make every machine profitable at any hashprice).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::network_response::{ElectricityPrices, PricePoint};
    ///
    /// let flat = ElectricityPrices::new(vec![PricePoint { usd_per_mwh: 50.0, share: 1.0 }])?;
    /// assert_eq!(flat.quantile(0.5)?, 50.0);
    /// assert!(ElectricityPrices::new(vec![PricePoint { usd_per_mwh: 0.0, share: 1.0 }]).is_err());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn new(mut points: Vec<PricePoint>) -> Result<Self> {
        if points.is_empty() {
            return Err(Error::NotEnoughData {
                what: "an electricity-price distribution",
                needed: 1,
                got: 0,
            });
        }
        for p in &points {
            if !(p.usd_per_mwh.is_finite() && p.usd_per_mwh > 0.0) {
                return Err(Error::NotPositive {
                    what: "an electricity price ($/MWh)",
                    value: p.usd_per_mwh,
                });
            }
            if !(p.share.is_finite() && p.share > 0.0) {
                return Err(Error::NotPositive {
                    what: "a capacity share",
                    value: p.share,
                });
            }
        }
        let mut total: f64 = points.iter().map(|p| p.share).sum();
        if !total.is_finite() {
            // Shares near f64::MAX: relative to the largest first, so their
            // sum is finite (at most the number of points).
            let largest = points.iter().map(|p| p.share).fold(0.0, f64::max);
            for p in &mut points {
                p.share /= largest;
            }
            total = points.iter().map(|p| p.share).sum();
        }
        for p in &mut points {
            p.share /= total;
        }
        points.sort_by(|a, b| a.usd_per_mwh.total_cmp(&b.usd_per_mwh));
        Ok(Self { points })
    }

    /// The price below which a share `q` of capacity pays (the first point
    /// whose cumulative share reaches `q`).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless `0 < q <= 1`.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// let d = wattage_mining::network_response::ElectricityPrices::default();
    /// assert_eq!(d.quantile(0.5)?, 45.0);
    /// assert_eq!(d.quantile(0.9)?, 65.0);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn quantile(&self, q: f64) -> Result<f64> {
        if !(q > 0.0 && q <= 1.0) {
            return Err(Error::OutOfRange {
                what: "an electricity-price quantile",
                expected: "above 0 and at most 1",
                value: q,
                unit: "(share of capacity)",
            });
        }
        let mut cumulative = 0.0;
        for p in &self.points {
            cumulative += p.share;
            if cumulative >= q - 1e-12 {
                return Ok(p.usd_per_mwh);
            }
        }
        Ok(self.points.last().map_or(f64::NAN, |p| p.usd_per_mwh))
    }

    /// The cheapest price of the distribution.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// assert_eq!(wattage_mining::network_response::ElectricityPrices::default().cheapest(), 25.0);
    /// ```
    #[must_use]
    pub fn cheapest(&self) -> f64 {
        self.points.first().map_or(f64::NAN, |p| p.usd_per_mwh)
    }
}

/// The settings of a [`ResponseModel`], by name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields, default)
)]
pub struct ResponseSpec {
    /// The miners' electricity prices.
    pub electricity: ElectricityPrices,
    /// Which quantile of `electricity` the marginal machine pays (0.5).
    pub marginal_quantile: f64,
    /// Multiple of the power cost a deployment must earn (2.0).
    pub hurdle: f64,
    /// Months from a machine's release until it is deployed at scale (6).
    pub adoption_lag_months: f64,
    /// Share of the log gap to the target closed per month when growing (0.10).
    pub deployment_rate: f64,
    /// Share of the log gap closed per month when shrinking (0.30).
    pub switch_off_rate: f64,
    /// Exogenous log growth per month added to the response (0).
    pub exogenous_growth: f64,
}

impl Default for ResponseSpec {
    fn default() -> Self {
        Self {
            electricity: ElectricityPrices::default(),
            marginal_quantile: 0.5,
            hurdle: 2.0,
            adoption_lag_months: 6.0,
            deployment_rate: 0.10,
            switch_off_rate: 0.30,
            exogenous_growth: 0.0,
        }
    }
}

/// The network-response model (see the module docs), with the catalog's
/// machines as the fleet on offer.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseModel {
    spec: ResponseSpec,
    marginal_price: f64,
    /// `(fractional year on offer, J/TH)`, sorted by date.
    fleet: Vec<(f64, f64)>,
    exogenous_only: bool,
}

impl TryFrom<ResponseSpec> for ResponseModel {
    type Error = Error;

    /// The model with the catalog ([`wattage_hardware::catalog::asic_miners`]).
    fn try_from(spec: ResponseSpec) -> Result<Self> {
        Self::with_fleet(spec, wattage_hardware::catalog::asic_miners())
    }
}

fn check_rate(what: &'static str, v: f64, max: f64) -> Result<f64> {
    if v.is_finite() && (0.0..=max).contains(&v) {
        Ok(v)
    } else {
        Err(Error::OutOfRange {
            what,
            expected: "finite, at least 0 and at most 1 (per month)",
            value: v,
            unit: "(per month)",
        })
    }
}

/// A date as a fractional year (day of year / 365.25).
pub(crate) fn fractional_year(date: NaiveDate) -> f64 {
    f64::from(date.year()) + f64::from(date.ordinal0()) / 365.25
}

impl ResponseModel {
    /// The model with `miners` as the fleet on offer.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] with the value for a quantile outside (0, 1],
    /// a hurdle not in [0.1, 100], a lag not in [0, 120] months, rates not in
    /// [0, 1] or an exogenous growth not in [-0.5, 0.5] a month, or a
    /// machine whose marginal cost is not finite and positive (an
    /// electricity price near `f64::MAX` $/MWh);
    /// [`Error::NotEnoughData`] for no miners.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::network_response::{ResponseModel, ResponseSpec};
    ///
    /// let spec = ResponseSpec { hurdle: -1.0, ..ResponseSpec::default() };
    /// assert!(ResponseModel::try_from(spec).is_err());
    /// ```
    pub fn with_fleet(spec: ResponseSpec, miners: &[AsicMiner]) -> Result<Self> {
        let marginal_price = spec.electricity.quantile(spec.marginal_quantile)?;
        if !(spec.hurdle.is_finite() && (0.1..=100.0).contains(&spec.hurdle)) {
            return Err(Error::OutOfRange {
                what: "the deployment hurdle",
                expected: "between 0.1 and 100 (multiples of the power cost)",
                value: spec.hurdle,
                unit: "(x power cost)",
            });
        }
        if !(spec.adoption_lag_months.is_finite()
            && (0.0..=120.0).contains(&spec.adoption_lag_months))
        {
            return Err(Error::OutOfRange {
                what: "the adoption lag",
                expected: "between 0 and 120",
                value: spec.adoption_lag_months,
                unit: "(months)",
            });
        }
        check_rate("the deployment rate", spec.deployment_rate, 1.0)?;
        check_rate("the switch-off rate", spec.switch_off_rate, 1.0)?;
        if !(spec.exogenous_growth.is_finite() && spec.exogenous_growth.abs() <= 0.5) {
            return Err(Error::OutOfRange {
                what: "the exogenous growth",
                expected: "between -0.5 and 0.5",
                value: spec.exogenous_growth,
                unit: "(log growth per month)",
            });
        }
        if miners.is_empty() {
            return Err(Error::NotEnoughData {
                what: "the fleet on offer (miners)",
                needed: 1,
                got: 0,
            });
        }
        let lag = spec.adoption_lag_months / 12.0;
        let mut fleet: Vec<(f64, f64)> = miners
            .iter()
            .map(|m| {
                (
                    m.release().as_fractional_year() + lag,
                    // To 1e-9 J/TH, so unit-conversion noise (29.500000000000004) does not show.
                    libm::round(m.efficiency().get(unit::JOULE_PER_TERAHASH) * 1e9) / 1e9,
                )
            })
            .collect();
        fleet.sort_by(|a, b| a.0.total_cmp(&b.0));
        let model = Self {
            spec,
            marginal_price,
            fleet,
            exogenous_only: false,
        };
        model.check_costs()?;
        Ok(model)
    }

    /// Every machine's marginal cost is finite and positive, so the
    /// targets and costs computed from it are.
    fn check_costs(&self) -> Result<()> {
        for &(_, j_per_th) in &self.fleet {
            let cost = self.cost_for(j_per_th);
            if !(cost.is_finite() && cost > 0.0) {
                return Err(Error::OutOfRange {
                    what: "a machine's marginal cost (hurdle × J/TH × marginal price × 24 / 1000)",
                    expected: "finite and positive",
                    value: cost,
                    unit: "($/PH/day)",
                });
            }
        }
        Ok(())
    }

    /// Pure exogenous growth: `ln N` grows by `growth` a month whatever
    /// the hashprice (the constant-growth model of fixed-rate calculators).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless `growth` is in [-0.5, 0.5].
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// let m = wattage_mining::network_response::ResponseModel::exogenous(0.03)?;
    /// assert!(m.is_exogenous());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn exogenous(growth: f64) -> Result<Self> {
        let spec = ResponseSpec {
            exogenous_growth: growth,
            deployment_rate: 0.0,
            switch_off_rate: 0.0,
            ..ResponseSpec::default()
        };
        let mut model = Self::try_from(spec)?;
        model.exogenous_only = true;
        Ok(model)
    }

    /// Whether the model ignores hashprice (built by [`ResponseModel::exogenous`]).
    #[must_use]
    pub const fn is_exogenous(&self) -> bool {
        self.exogenous_only
    }

    /// The settings.
    #[must_use]
    pub const fn spec(&self) -> &ResponseSpec {
        &self.spec
    }

    /// The efficiency of the best machine on offer by `date` (released by
    /// `date` minus the adoption lag), J/TH.
    ///
    /// # Errors
    ///
    /// [`Error::NoMachineOnOffer`] with the date if none is.
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::network_response::{ResponseModel, ResponseSpec};
    /// let m = ResponseModel::try_from(ResponseSpec::default())?;
    /// assert!(m.frontier_efficiency(chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()).is_err());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn frontier_efficiency(&self, date: NaiveDate) -> Result<f64> {
        self.frontier_at(fractional_year(date))
            .ok_or(Error::NoMachineOnOffer { date })
    }

    pub(crate) fn frontier_at(&self, year: f64) -> Option<f64> {
        self.fleet
            .iter()
            .take_while(|(on_offer, _)| *on_offer <= year)
            .map(|(_, j)| *j)
            .reduce(f64::min)
    }

    /// The marginal machine's cost, $/PH/day: hurdle x frontier efficiency
    /// x marginal electricity price x 24 / 1000.
    ///
    /// # Errors
    ///
    /// As [`ResponseModel::frontier_efficiency`].
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::network_response::{ResponseModel, ResponseSpec};
    /// let m = ResponseModel::try_from(ResponseSpec::default())?;
    /// let c = m.marginal_cost(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())?;
    /// assert!(c > 0.0);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn marginal_cost(&self, date: NaiveDate) -> Result<f64> {
        Ok(self.cost_for(self.frontier_efficiency(date)?))
    }

    pub(crate) fn cost_for(&self, j_per_th: f64) -> f64 {
        self.spec.hurdle * j_per_th * self.marginal_price * 24.0 / 1000.0
    }

    /// The hashrate at which the marginal machine breaks even, from the
    /// network's hashrate now and the hashprice it earns.
    ///
    /// # Errors
    ///
    /// [`Error::NoMachineOnOffer`]; [`Error::NoProfitableMachine`] with the
    /// hashprice if even the best machine at the cheapest electricity of
    /// the distribution does not cover its power (there is no level to
    /// grow toward: the network shrinks at the switch-off rate);
    /// [`Error::Quantity`] for a target that is not a valid hashrate.
    ///
    /// ```
    /// // Needs wattage-mining, wattage-units, chrono (in the wattage facade: wattage::mining, wattage::units, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use wattage_mining::{network_response::{ResponseModel, ResponseSpec}, Error};
    ///
    /// let m = ResponseModel::try_from(ResponseSpec::default())?;
    /// let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    /// let now = "850 EH/s".parse()?;
    /// // At the marginal cost the target is today's hashrate.
    /// let cost = m.marginal_cost(date)?;
    /// let at_cost = m.target_hashrate(now, wattage_units::Hashprice::from_f64(cost)?, date)?;
    /// assert!((at_cost.get(wattage_units::unit::EXAHASH_PER_SECOND) - 850.0).abs() < 1e-6);
    /// assert!(matches!(m.target_hashrate(now, "$0.5/PH/day".parse()?, date), Err(Error::NoProfitableMachine { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn target_hashrate(
        &self,
        network: Hashrate,
        hashprice: Hashprice,
        date: NaiveDate,
    ) -> Result<Hashrate> {
        let best = self.frontier_efficiency(date)?;
        let h = hashprice.to_f64();
        let breakeven = h * 1000.0 / (best * 24.0);
        if breakeven < self.spec.electricity.cheapest() {
            return Err(Error::NoProfitableMachine {
                date,
                hashprice_usd_per_ph_day: h,
                best_j_per_th: best,
                breakeven_usd_per_mwh: breakeven,
            });
        }
        let ratio = h / self.cost_for(best);
        Ok(Hashrate::new(
            network.get(unit::HASH_PER_SECOND) * ratio,
            unit::HASH_PER_SECOND,
        )?)
    }

    /// One step of `months` months: the next log hashrate from the current
    /// one and the (log) target; with no target (no machine on offer, a
    /// revenue of zero) the network moves toward half its size at the
    /// switch-off rate.
    pub(crate) fn step_log(&self, ln_now: f64, ln_target: Option<f64>, months: f64) -> f64 {
        let drift = self.spec.exogenous_growth * months;
        if self.exogenous_only {
            return ln_now + drift;
        }
        let gap = ln_target.map_or(-core::f64::consts::LN_2, |t| t - ln_now);
        let rate = if gap > 0.0 {
            self.spec.deployment_rate
        } else {
            self.spec.switch_off_rate
        };
        let k = (rate * months).min(1.0);
        ln_now + drift + k * gap
    }

    /// The log target hashrate (H/s) at steady state for a daily revenue
    /// of `revenue_usd_per_day` (144 blocks of subsidy + fees at the price),
    /// or `None` when no machine is on offer or the revenue is zero.
    pub(crate) fn ln_target(&self, revenue_usd_per_day: f64, year: f64) -> Option<f64> {
        // Unlike `target_hashrate`, no error when nothing is profitable: the
        // target is then far below the network and it switches off at the
        // switch-off rate (a projection or Monte Carlo path goes on).
        let best = self.frontier_at(year)?;
        let target_ph = revenue_usd_per_day / self.cost_for(best);
        (target_ph > 0.0 && target_ph.is_finite()).then(|| libm::log(target_ph * 1e15))
    }
}
