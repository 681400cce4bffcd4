//! How well each hashrate model would have forecast the real difficulty:
//! from each month-start origin, forecast the difficulty 3, 6 and 12 months
//! ahead, compare with the shipped [`history`], and report the mean
//! absolute percentage error (MAPE).
//!
//! The three models, each using only what was known at the origin, and
//! each run through [`project_network`] (difficulty follows hashrate
//! through the real retarget rule):
//!
//! - **constant growth**: hashrate grows at the trailing 12-month rate,
//!   `ln(D(o) / D(o - 12 months)) / 12` a month;
//! - **trailing trend**: the slope of a least-squares line through the log
//!   difficulty at the 13 month-starts `o - 12 months ..= o`;
//! - **network response**: [`ResponseModel`] with the given settings, the
//!   BTC price held at its origin value and fees at the previous month's
//!   mean per block.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::backtest::{run, BacktestSpec, Model};
//!
//! let report = run(&BacktestSpec::default())?;
//! let mape = |m, h| report.mape(m, h).unwrap();
//! assert!(mape(Model::NetworkResponse, 12) <= mape(Model::ConstantGrowth, 12));
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::vec::Vec;

use chrono::{Months, NaiveDate};

use crate::network_projection::{NetworkStart, PricePath, project_network};
use crate::network_response::{ResponseModel, ResponseSpec};
use crate::{Error, Result, history};

/// A forecasting model of the backtest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Model {
    /// Hashrate grows at the trailing 12-month rate.
    ConstantGrowth,
    /// Hashrate grows at the slope of a least-squares fit over 12 months.
    TrailingTrend,
    /// The network-response supply model.
    NetworkResponse,
}

impl Model {
    /// All three, in table order.
    pub const ALL: [Self; 3] = [
        Self::ConstantGrowth,
        Self::TrailingTrend,
        Self::NetworkResponse,
    ];

    /// The model's name in tables.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// assert_eq!(wattage_mining::backtest::Model::NetworkResponse.name(), "network response");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::ConstantGrowth => "constant growth (trailing 12-month rate)",
            Self::TrailingTrend => "trailing trend (12-month least squares)",
            Self::NetworkResponse => "network response",
        }
    }
}

/// The backtest's settings.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct BacktestSpec {
    /// The first origin (a month start; 2018-01-01).
    pub first_origin: NaiveDate,
    /// The last origin (2025-06-01).
    pub last_origin: NaiveDate,
    /// Horizons in months (3, 6, 12).
    pub horizons: Vec<u32>,
    /// The response model's settings.
    pub response: ResponseSpec,
}

impl Default for BacktestSpec {
    fn default() -> Self {
        Self {
            first_origin: NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or(NaiveDate::MIN),
            last_origin: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or(NaiveDate::MIN),
            horizons: alloc::vec![3, 6, 12],
            response: ResponseSpec::default(),
        }
    }
}

/// One forecast against what happened.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Forecast {
    /// The origin.
    pub origin: NaiveDate,
    /// Months ahead.
    pub horizon_months: u32,
    /// The model.
    pub model: Model,
    /// The forecast difficulty.
    pub forecast: f64,
    /// The difficulty in force then.
    pub actual: f64,
}

impl Forecast {
    /// `|forecast - actual| / actual`, in percent.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// # let report = wattage_mining::backtest::run(&Default::default())?;
    /// assert!(report.forecasts()[0].abs_pct_error() >= 0.0);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn abs_pct_error(&self) -> f64 {
        (self.forecast - self.actual).abs() / self.actual * 100.0
    }
}

/// The backtest's forecasts.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BacktestReport {
    forecasts: Vec<Forecast>,
}

impl BacktestReport {
    /// Every forecast, by origin, then horizon, then model.
    #[must_use]
    pub fn forecasts(&self) -> &[Forecast] {
        &self.forecasts
    }

    /// The mean absolute percentage error of `model` at `horizon` months,
    /// or `None` if it was not run.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::backtest::{run, Model};
    /// let report = run(&Default::default())?;
    /// assert!(report.mape(Model::TrailingTrend, 5).is_none());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn mape(&self, model: Model, horizon: u32) -> Option<f64> {
        let errors: Vec<f64> = self
            .forecasts
            .iter()
            .filter(|f| f.model == model && f.horizon_months == horizon)
            .map(Forecast::abs_pct_error)
            .collect();
        #[allow(clippy::cast_precision_loss, reason = "a few hundred forecasts")]
        let n = errors.len() as f64;
        (!errors.is_empty()).then(|| errors.iter().sum::<f64>() / n)
    }

    /// The number of origins.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// assert_eq!(wattage_mining::backtest::run(&Default::default())?.origins(), 90);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn origins(&self) -> usize {
        let mut origins: Vec<NaiveDate> = self.forecasts.iter().map(|f| f.origin).collect();
        origins.dedup();
        origins.len()
    }
}

fn months_before(date: NaiveDate, n: u32) -> Result<NaiveDate> {
    date.checked_sub_months(Months::new(n))
        .ok_or(Error::DateOutOfRange {
            what: "a backtest month",
        })
}

fn months_after(date: NaiveDate, n: u32) -> Result<NaiveDate> {
    date.checked_add_months(Months::new(n))
        .ok_or(Error::DateOutOfRange {
            what: "a backtest month",
        })
}

/// The trailing 12-month log growth of difficulty per month.
fn trailing_rate(origin: NaiveDate) -> Result<f64> {
    let now = history::difficulty_on(origin)?.get();
    let then = history::difficulty_on(months_before(origin, 12)?)?.get();
    Ok(libm::log(now / then) / 12.0)
}

/// The least-squares slope of log difficulty over the 13 month-starts to `origin`.
fn trend_rate(origin: NaiveDate) -> Result<f64> {
    let mut points = Vec::with_capacity(13);
    for k in 0..=12u32 {
        let date = months_before(origin, 12 - k)?;
        points.push((f64::from(k), libm::log(history::difficulty_on(date)?.get())));
    }
    let n = 13.0;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    Ok(sxy / sxx)
}

/// Runs the backtest.
///
/// # Errors
///
/// [`Error::InvalidScenario`] for origins out of order or no horizons;
/// [`Error::BeforeGenesis`] or [`Error::PastHistory`] if an origin, its
/// trailing year or a horizon leaves the shipped history (the last origin
/// with a 12-month horizon is 2025-06); the errors of the models.
pub fn run(spec: &BacktestSpec) -> Result<BacktestReport> {
    if spec.last_origin < spec.first_origin || spec.horizons.is_empty() {
        return Err(Error::InvalidScenario {
            reason: "a backtest needs first origin <= last origin and at least one horizon",
        });
    }
    let response = ResponseModel::try_from(spec.response.clone())?;
    let months = history::months()?;
    let longest = spec.horizons.iter().copied().max().unwrap_or(12);
    let mut forecasts = Vec::new();
    let mut origin = spec.first_origin;
    while origin <= spec.last_origin {
        let price = months
            .iter()
            .find(|m| m.month == origin)
            .map(|m| m.price)
            .ok_or(Error::PastHistory {
                date: origin,
                last: history::last_date(),
            })?;
        let previous = months_before(origin, 1)?;
        let fees = months
            .iter()
            .find(|m| m.month == previous)
            .map(|m| m.fees_per_block)
            .ok_or(Error::PastHistory {
                date: previous,
                last: history::last_date(),
            })?;
        let start = NetworkStart::from_history(origin, price, fees)?;
        let days = u32::try_from((months_after(origin, longest)? - origin).num_days() + 1)
            .map_err(|_| Error::Overflow {
                what: "backtest days",
            })?;
        let constant = ResponseModel::exogenous(trailing_rate(origin)?.clamp(-0.5, 0.5))?;
        let trend = ResponseModel::exogenous(trend_rate(origin)?.clamp(-0.5, 0.5))?;
        let models = [
            (Model::ConstantGrowth, &constant),
            (Model::TrailingTrend, &trend),
            (Model::NetworkResponse, &response),
        ];
        let mut runs = Vec::with_capacity(3);
        for (model, m) in models {
            runs.push((
                model,
                project_network(&start, m, &PricePath::Constant(price), days)?,
            ));
        }
        for &horizon in &spec.horizons {
            let target = months_after(origin, horizon)?;
            let actual = history::difficulty_on(target)?.get();
            let index = usize::try_from((target - origin).num_days())
                .map_err(|_| Error::Overflow { what: "day index" })?;
            for (model, projection) in &runs {
                let day = projection.days().get(index).ok_or(Error::InvalidScenario {
                    reason: "a projection shorter than its horizon",
                })?;
                forecasts.push(Forecast {
                    origin,
                    horizon_months: horizon,
                    model: *model,
                    forecast: day.difficulty.get(),
                    actual,
                });
            }
        }
        origin = months_after(origin, 1)?;
    }
    Ok(BacktestReport { forecasts })
}
