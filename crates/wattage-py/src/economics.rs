//! Mining economics (wattage-mining): hashprice, breakeven, revenue per
//! MWh, consensus arithmetic, projections and Monte Carlo. Names follow
//! the Rust functions.

use pyo3::prelude::*;
use wattage::chrono::NaiveDate;
use wattage::mining::costs;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
use wattage::mining::network_projection::{NetworkStart, PricePath, project_network};
use wattage::mining::network_response::{ResponseModel, ResponseSpec};
use wattage::mining::operation::Operation;
use wattage::mining::operation_projection::{
    Projection, StepLength, StepResult, monte_carlo as rust_monte_carlo, project as rust_project,
};
use wattage::mining::{BlockHeight, CompactTarget, Difficulty, subsidy};
use wattage::units::{self as u, Btc, BtcPrice, Usd};

use crate::arrow_out::TableBuilder;
use crate::convert::{
    Format, btc_arg, btc_out, decimal_arg, read_config, to_py_decimal, usd_arg, usd_out,
};
use crate::errors::OrPy;
use crate::quantity::{
    PyEnergyPrice, PyHashEfficiency, PyHashcost, PyHashprice, PyHashrate, Q, price_arg,
    quantity_arg,
};

/// Fees from exactly one of a per-block amount and a share of the reward.
pub(crate) fn fees_arg(
    fees_per_block: Option<&Bound<'_, PyAny>>,
    fee_share: Option<&Bound<'_, PyAny>>,
) -> PyResult<Fees> {
    match (fees_per_block, fee_share) {
        (Some(_), Some(_)) => Err(pyo3::exceptions::PyValueError::new_err(
            "give fees_per_block or fee_share, not both",
        )),
        (Some(f), None) => Fees::per_block(btc_arg(f, "fees_per_block")?).or_py(),
        (None, Some(s)) => {
            let share = wattage::units::Share::new(decimal_arg(s, "fee_share")?).or_py()?;
            Fees::share_of_reward(share).or_py()
        }
        (None, None) => Ok(Fees::ZERO),
    }
}

/// The network state at `height` with `difficulty`.
fn state(difficulty: f64, height: u32, fees: Fees) -> PyResult<NetworkState> {
    NetworkState::at_height(
        Difficulty::new(difficulty).or_py()?,
        BlockHeight::new(height),
        fees,
    )
    .or_py()
}

/// The hashprice (USD per PH/s per day) at `difficulty`, block `height` and
/// `btc_price`, with fees given per block (BTC, Decimal) or as a share of
/// the reward.
#[pyfunction]
#[pyo3(signature = (difficulty, height, btc_price, *, fees_per_block = None, fee_share = None))]
fn hashprice(
    difficulty: f64,
    height: u32,
    btc_price: &Bound<'_, PyAny>,
    fees_per_block: Option<&Bound<'_, PyAny>>,
    fee_share: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHashprice> {
    let price: u::BtcPrice = price_arg(btc_price, "btc_price")?;
    let s = state(difficulty, height, fees_arg(fees_per_block, fee_share)?)?;
    Ok(PyHashprice {
        inner: s.hashprice(price).or_py()?,
    })
}

/// Expected bitcoin (Decimal) mined by `hashrate` over `period` at the
/// network state (difficulty, height, fees).
#[pyfunction]
#[pyo3(signature = (difficulty, height, hashrate, period, *, fees_per_block = None, fee_share = None))]
fn expected_btc<'py>(
    py: Python<'py>,
    difficulty: f64,
    height: u32,
    hashrate: &Bound<'py, PyAny>,
    period: &Bound<'py, PyAny>,
    fees_per_block: Option<&Bound<'py, PyAny>>,
    fee_share: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let s = state(difficulty, height, fees_arg(fees_per_block, fee_share)?)?;
    let h: u::Hashrate = quantity_arg(hashrate, "hashrate", "Hashrate")?;
    let t: u::Time = quantity_arg(period, "period", "Time")?;
    btc_out(py, s.expected_btc(h, t).or_py()?)
}

/// The power price at which a miner of `efficiency` breaks even at `hashprice`.
#[pyfunction]
fn breakeven_power_price(
    hashprice: &Bound<'_, PyAny>,
    efficiency: &Bound<'_, PyAny>,
) -> PyResult<PyEnergyPrice> {
    let hp: u::Hashprice = price_arg(hashprice, "hashprice")?;
    let e: u::HashEfficiency = quantity_arg(efficiency, "efficiency", "HashEfficiency")?;
    Ok(PyEnergyPrice {
        inner: costs::breakeven_power_price(hp, e).or_py()?,
    })
}

/// Mining revenue per MWh consumed (Decimal dollars) at `hashprice` and `efficiency`.
#[pyfunction]
fn revenue_per_mwh<'py>(
    py: Python<'py>,
    hashprice: &Bound<'py, PyAny>,
    efficiency: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let hp: u::Hashprice = price_arg(hashprice, "hashprice")?;
    let e: u::HashEfficiency = quantity_arg(efficiency, "efficiency", "HashEfficiency")?;
    usd_out(py, costs::revenue_per_mwh(hp, e).or_py()?)
}

/// The efficiency at which mining breaks even at `hashprice` and `power_price`.
#[pyfunction]
fn breakeven_efficiency(
    hashprice: &Bound<'_, PyAny>,
    power_price: &Bound<'_, PyAny>,
) -> PyResult<PyHashEfficiency> {
    let hp: u::Hashprice = price_arg(hashprice, "hashprice")?;
    let p: u::EnergyPrice = price_arg(power_price, "power_price")?;
    Ok(PyHashEfficiency {
        inner: costs::breakeven_efficiency(hp, p).or_py()?,
    })
}

/// The cost of a PH/s-day at `efficiency` and `power_price`.
#[pyfunction]
fn hashcost(efficiency: &Bound<'_, PyAny>, power_price: &Bound<'_, PyAny>) -> PyResult<PyHashcost> {
    let e: u::HashEfficiency = quantity_arg(efficiency, "efficiency", "HashEfficiency")?;
    let p: u::EnergyPrice = price_arg(power_price, "power_price")?;
    Ok(PyHashcost {
        inner: costs::hashcost(e, p).or_py()?,
    })
}

/// Days to repay `capex` at `daily_cash_margin` (Decimals); None if never.
#[pyfunction]
fn payback_days<'py>(
    py: Python<'py>,
    capex: &Bound<'py, PyAny>,
    daily_cash_margin: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let c = usd_arg(capex, "capex")?;
    let m = usd_arg(daily_cash_margin, "daily_cash_margin")?;
    costs::payback_days(c, m)
        .or_py()?
        .map(|d| to_py_decimal(py, d))
        .transpose()
}

/// Return on investment: total cash margin over capex, minus one (Decimal).
#[pyfunction]
fn roi<'py>(
    py: Python<'py>,
    capex: &Bound<'py, PyAny>,
    total_cash_margin: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = usd_arg(capex, "capex")?;
    let m = usd_arg(total_cash_margin, "total_cash_margin")?;
    to_py_decimal(py, costs::roi(c, m).or_py()?)
}

/// The block subsidy at `height` (Decimal BTC).
#[pyfunction]
fn block_subsidy(py: Python<'_>, height: u32) -> PyResult<Bound<'_, PyAny>> {
    btc_out(py, subsidy::block_subsidy(BlockHeight::new(height)))
}

/// Bitcoin issued by all blocks up to and including `through` (Decimal BTC).
#[pyfunction]
fn total_issued(py: Python<'_>, through: u32) -> PyResult<Bound<'_, PyAny>> {
    btc_out(py, subsidy::total_issued(BlockHeight::new(through)))
}

/// Bitcoin issued by the blocks from `start` up to `end` (Decimal BTC).
#[pyfunction]
#[pyo3(name = "issued_between")]
fn issued_between_py(py: Python<'_>, start: u32, end: u32) -> PyResult<Bound<'_, PyAny>> {
    btc_out(
        py,
        subsidy::issued_between(BlockHeight::new(start), BlockHeight::new(end)).or_py()?,
    )
}

/// The difficulty of compact target `bits` (as Bitcoin Core's GetDifficulty).
#[pyfunction]
fn core_get_difficulty(bits: u32) -> PyResult<f64> {
    Ok(
        wattage::mining::difficulty::core_get_difficulty(CompactTarget::from_consensus(bits))
            .or_py()?
            .get(),
    )
}

/// The network hashrate implied by `difficulty` at 600 s blocks.
#[pyfunction]
fn implied_hashrate(difficulty: f64) -> PyResult<PyHashrate> {
    Ok(PyHashrate {
        inner: Difficulty::new(difficulty)
            .or_py()?
            .implied_hashrate()
            .or_py()?,
    })
}

/// The difficulty at which `hashrate` finds a block every 600 s.
#[pyfunction]
fn difficulty_from_hashrate(hashrate: &Bound<'_, PyAny>) -> PyResult<f64> {
    let h: u::Hashrate = quantity_arg(hashrate, "hashrate", "Hashrate")?;
    Ok(Difficulty::from_hashrate(h).or_py()?.get())
}

/// The block height of the next halving after `height`, if any.
#[pyfunction]
fn next_halving(height: u32) -> Option<u32> {
    BlockHeight::new(height)
        .next_halving()
        .map(BlockHeight::get)
}

/// The next halving after `height` at `now_unix` (seconds since the
/// epoch, UTC) with blocks every `interval_seconds`: (height, estimated
/// time in Unix seconds). `wattage.estimate_next_halving` takes datetimes.
#[pyfunction]
#[pyo3(signature = (height, now_unix, interval_seconds = 600))]
fn estimate_next_halving_unix(
    height: u32,
    now_unix: i64,
    interval_seconds: i64,
) -> PyResult<(u32, i64)> {
    let now = wattage::chrono::DateTime::<wattage::chrono::Utc>::from_timestamp(now_unix, 0)
        .ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!("now: {now_unix} s is out of range"))
        })?;
    let interval = wattage::chrono::TimeDelta::try_seconds(interval_seconds).ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "interval_seconds: {interval_seconds} is out of range"
        ))
    })?;
    let e =
        wattage::mining::halving::estimate_next_halving(BlockHeight::new(height), now, interval)
            .or_py()?;
    Ok((e.height.get(), e.eta.timestamp()))
}

fn read<T: serde::de::DeserializeOwned>(text: &str, format: &str, what: &str) -> PyResult<T> {
    let f = match format {
        "toml" => Format::Toml,
        "json" => Format::Json,
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "format {other:?}: expected \"json\" or \"toml\""
            )));
        }
    };
    read_config(text, f, what)
}

fn projection_table<'py>(py: Python<'py>, p: &Projection) -> PyResult<Bound<'py, PyAny>> {
    let steps = p.steps();
    let mut t = TableBuilder::default();
    let dates: Vec<String> = steps.iter().map(|s| s.start_date.to_string()).collect();
    t.i64("step", None, steps.iter().map(|s| s.index as i64).collect())
        .str("start_date", &dates)
        .u32("days", None, steps.iter().map(|s| s.days).collect())
        .u32(
            "start_height",
            None,
            steps.iter().map(|s| s.start_height.get()).collect(),
        )
        .u32(
            "end_height",
            None,
            steps.iter().map(|s| s.end_height.get()).collect(),
        )
        .f64(
            "difficulty",
            None,
            steps.iter().map(|s| s.difficulty.get()).collect(),
        );
    let dec = |f: &dyn Fn(&StepResult) -> wattage::rust_decimal::Decimal| {
        steps.iter().map(f).collect::<Vec<_>>()
    };
    t.decimal("btc_price", Some("$/BTC"), &dec(&|s| s.btc_price.value()))?
        .decimal(
            "btc_mined",
            Some("BTC"),
            &dec(&|s| s.economics.payout.net.to_btc()),
        )?
        .decimal(
            "revenue",
            Some("$"),
            &dec(&|s| s.economics.revenue.dollars()),
        )?
        .decimal(
            "power_cost",
            Some("$"),
            &dec(&|s| s.economics.power_cost.dollars()),
        )?
        .decimal(
            "hosting_cost",
            Some("$"),
            &dec(&|s| s.economics.hosting_cost.dollars()),
        )?
        .decimal("opex", Some("$"), &dec(&|s| s.economics.opex.dollars()))?
        .decimal(
            "cumulative_cash_margin",
            Some("$"),
            &dec(&|s| s.cumulative_cash_margin.dollars()),
        )?;
    t.f64(
        "energy_mwh",
        Some("MWh"),
        steps
            .iter()
            .map(|s| s.economics.energy.get(u::unit::MEGAWATT_HOUR))
            .collect(),
    );
    t.meta(
        "total_mined_btc",
        p.total_mined().or_py()?.to_btc().to_string(),
    )
    .meta(
        "total_cash_margin_usd",
        p.total_cash_margin().dollars().to_string(),
    );
    t.finish(py)
}

/// Where a network projection starts and how the network moves: the
/// `network` config of [`project`] and [`monte_carlo`].
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkConfig {
    /// The first day, within the shipped history (its height and difficulty).
    date: NaiveDate,
    /// The BTC price on the first day.
    btc_price: BtcPrice,
    /// Fees per block on the first day.
    fees_per_block: Btc,
    /// Days to project (a projection only; a Monte Carlo has its own).
    #[serde(default)]
    days: Option<u32>,
    /// The BTC price's relative change a month (a projection only).
    #[serde(default)]
    price_growth: f64,
    /// The hashrate's relative change a month whatever the hashprice;
    /// without it the network-response model.
    #[serde(default)]
    hashrate_growth: Option<f64>,
    /// The network-response model's settings.
    #[serde(default)]
    response: Option<ResponseSpec>,
}

fn config_error(message: impl Into<String>) -> PyErr {
    crate::errors::ConfigError::new_err(message.into())
}

impl NetworkConfig {
    fn start(&self) -> PyResult<NetworkStart> {
        NetworkStart::from_history(self.date, self.btc_price, self.fees_per_block).or_py()
    }

    fn model(&self) -> PyResult<ResponseModel> {
        match (self.hashrate_growth, &self.response) {
            (Some(_), Some(_)) => Err(config_error(
                "network: give hashrate_growth or response, not both",
            )),
            (Some(g), None) => ResponseModel::exogenous(g.ln_1p()).or_py(),
            (None, spec) => ResponseModel::try_from(spec.clone().unwrap_or_default()).or_py(),
        }
    }
}

fn step_arg(step: &str) -> PyResult<StepLength> {
    match step {
        "day" => Ok(StepLength::Day),
        "month" => Ok(StepLength::Month),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "step {other:?}: expected \"day\" or \"month\""
        ))),
    }
}

/// A projection of `operation` along the network that `network` describes
/// (configs as JSON or TOML text in the library's serde format; the
/// Python wrapper accepts dicts): one row per day or calendar month,
/// money exact.
#[pyfunction]
#[pyo3(signature = (operation, network, step = "month", operation_format = "json", network_format = "json"))]
fn project<'py>(
    py: Python<'py>,
    operation: &str,
    network: &str,
    step: &str,
    operation_format: &str,
    network_format: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let op: Operation = read(operation, operation_format, "operation")?;
    let net: NetworkConfig = read(network, network_format, "network")?;
    let step = step_arg(step)?;
    let days = net
        .days
        .ok_or_else(|| config_error("network: missing field `days` (days to project)"))?;
    let (start, model) = (net.start()?, net.model()?);
    let prices = PricePath::Compounding {
        start: net.btc_price,
        monthly_growth: net.price_growth,
    };
    let p = py
        .detach(|| {
            let network = project_network(&start, &model, &prices, days)?;
            rust_project(&op, &network, step)
        })
        .or_py()?;
    projection_table(py, &p)
}

/// Monte Carlo bands (p05..p95 per step) of `operation` over the network
/// Monte Carlo `monte_carlo` (a `NetworkMonteCarloSpec`) from `network`;
/// the totals ride in the schema metadata.
#[pyfunction]
#[pyo3(signature = (operation, network, monte_carlo = "{}", step = "month", operation_format = "json", network_format = "json", monte_carlo_format = "json"))]
#[allow(clippy::too_many_arguments)]
fn monte_carlo<'py>(
    py: Python<'py>,
    operation: &str,
    network: &str,
    monte_carlo: &str,
    step: &str,
    operation_format: &str,
    network_format: &str,
    monte_carlo_format: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let op: Operation = read(operation, operation_format, "operation")?;
    let net: NetworkConfig = read(network, network_format, "network")?;
    let spec: NetworkMonteCarloSpec = read(monte_carlo, monte_carlo_format, "monte_carlo")?;
    let step = step_arg(step)?;
    if net.days.is_some() || net.price_growth != 0.0 {
        return Err(config_error(
            "network: days and price_growth are the Monte Carlo's `days` and `price_drift`",
        ));
    }
    let start = net.start()?;
    let mc = NetworkMonteCarlo::new(spec, net.model()?).or_py()?;
    let bands = py
        .detach(|| rust_monte_carlo(&op, &mc, &start, step))
        .or_py()?;
    let mut t = TableBuilder::default();
    let dates: Vec<String> = bands.start_date.iter().map(ToString::to_string).collect();
    t.i64("step", None, (0..bands.btc_price.len() as i64).collect())
        .str("start_date", &dates);
    macro_rules! band {
        ($vec:expr, $prefix:literal, $unit:literal, $get:expr) => {
            t.decimal(
                concat!($prefix, "_p05"),
                Some($unit),
                &$vec.iter().map(|b| $get(b.p05)).collect::<Vec<_>>(),
            )?;
            t.decimal(
                concat!($prefix, "_p25"),
                Some($unit),
                &$vec.iter().map(|b| $get(b.p25)).collect::<Vec<_>>(),
            )?;
            t.decimal(
                concat!($prefix, "_p50"),
                Some($unit),
                &$vec.iter().map(|b| $get(b.p50)).collect::<Vec<_>>(),
            )?;
            t.decimal(
                concat!($prefix, "_p75"),
                Some($unit),
                &$vec.iter().map(|b| $get(b.p75)).collect::<Vec<_>>(),
            )?;
            t.decimal(
                concat!($prefix, "_p95"),
                Some($unit),
                &$vec.iter().map(|b| $get(b.p95)).collect::<Vec<_>>(),
            )?;
        };
    }
    band!(bands.btc_price, "btc_price", "$/BTC", |p: u::BtcPrice| p
        .value());
    band!(
        bands.cumulative_cash_margin,
        "cumulative_cash_margin",
        "$",
        |p: Usd| p.dollars()
    );
    let m = bands.total_mined;
    t.meta("total_mined_btc_p05", m.p05.to_btc().to_string())
        .meta("total_mined_btc_p50", m.p50.to_btc().to_string())
        .meta("total_mined_btc_p95", m.p95.to_btc().to_string())
        .meta("paths_paid_back", bands.paths_paid_back.to_string())
        .meta(
            "paths_at_price_floor",
            bands.paths_at_price_floor.to_string(),
        )
        .meta("paths", bands.paths.to_string());
    t.finish(py)
}

/// Registers the functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(hashprice, m)?)?;
    m.add_function(wrap_pyfunction!(expected_btc, m)?)?;
    m.add_function(wrap_pyfunction!(breakeven_power_price, m)?)?;
    m.add_function(wrap_pyfunction!(revenue_per_mwh, m)?)?;
    m.add_function(wrap_pyfunction!(breakeven_efficiency, m)?)?;
    m.add_function(wrap_pyfunction!(hashcost, m)?)?;
    m.add_function(wrap_pyfunction!(payback_days, m)?)?;
    m.add_function(wrap_pyfunction!(roi, m)?)?;
    m.add_function(wrap_pyfunction!(block_subsidy, m)?)?;
    m.add_function(wrap_pyfunction!(total_issued, m)?)?;
    m.add_function(wrap_pyfunction!(issued_between_py, m)?)?;
    m.add_function(wrap_pyfunction!(core_get_difficulty, m)?)?;
    m.add_function(wrap_pyfunction!(implied_hashrate, m)?)?;
    m.add_function(wrap_pyfunction!(difficulty_from_hashrate, m)?)?;
    m.add_function(wrap_pyfunction!(next_halving, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_next_halving_unix, m)?)?;
    m.add_function(wrap_pyfunction!(project, m)?)?;
    m.add_function(wrap_pyfunction!(monte_carlo, m)?)?;
    let _ = Q::from_py;
    Ok(())
}
