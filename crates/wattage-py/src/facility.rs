//! Every call the binding makes into `wattage::facility` is in this module,
//! so that a change of the facility API is rewired here: site configs
//! (the library's serde formats), price series in and out of Arrow, the
//! exact ledger (`simulate_site`, `Summary`, `CashFlows`), the `f64`
//! kernel (`SiteKernel`, `PricePath`) and the colocation lease (finance is
//! in the `finance` module); in submodules, AI-facility economics and
//! contracts (`ai`), assets and the financing of a site (`capital`), two
//! plans compared year by year (`comparison`), halls converted in phases
//! (`retrofit`), and the serde bridge they share (`terms`).

mod ai;
mod capital;
mod comparison;
mod retrofit;
mod terms;

use std::sync::Arc;

use arrow_array::{
    Array, Decimal128Array, Float32Array, Float64Array, Int64Array, RecordBatch,
    TimestampMicrosecondArray, TimestampMillisecondArray, TimestampNanosecondArray,
    TimestampSecondArray,
};
use arrow_schema::{DataType, TimeUnit};
use numpy::PyReadonlyArray1;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;
use serde::Deserialize;
use wattage::chrono::{DateTime, NaiveDate, Utc};
use wattage::facility::Curtailment;
use wattage::facility::deployment::Deployment;
use wattage::facility::horizon::Horizon;
use wattage::facility::kernel::{PricePath, SiteKernel};
use wattage::facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage::facility::ledger::SiteLedger;
use wattage::facility::money_lines::{LINES, Scope};
use wattage::facility::power::{PowerContract, PowerSupply};
use wattage::facility::price_series::{PriceSeries, Resolution};
use wattage::facility::run::simulate_site;
use wattage::facility::summary::{CapexPayment, CashFlows, Summary};
use wattage::rust_decimal::Decimal;
use wattage::units::money::to_decimal;
use wattage::units::{EnergyPrice, Usd, unit};

use crate::arrow_out::TableBuilder;
use crate::convert::{Format, decimal_arg, read_config, to_py_decimal, usd_arg, usd_out};
use crate::errors::{FacilityError as PyFacilityError, OrPy};
use crate::quantity::{PyLeaseRate, price_arg, quantity_arg};

/// A site config: the command line's format (docs/10-cli.md), whose tables
/// are the library's serde types.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteConfig {
    #[serde(default)]
    name: Option<String>,
    deployment: Deployment,
    #[serde(default)]
    horizon: Option<Horizon>,
    #[serde(default)]
    contract: Option<PowerContract>,
    #[serde(default)]
    price_adder: Option<EnergyPrice>,
    #[serde(default = "default_curtailment")]
    curtailment: Curtailment,
    #[serde(default)]
    opex_per_mw_year: Option<Usd>,
    #[serde(default)]
    capex: Vec<CapexPayment>,
}

const fn default_curtailment() -> Curtailment {
    Curtailment::AboveBreakeven
}

fn format_of(format: &str) -> PyResult<Format> {
    match format {
        "toml" => Ok(Format::Toml),
        "json" => Ok(Format::Json),
        other => Err(PyValueError::new_err(format!(
            "format {other:?}: expected \"json\" or \"toml\""
        ))),
    }
}

/// An energy price series at 15-minute or hourly resolution.
#[pyclass(frozen, module = "wattage", name = "PriceSeries")]
#[derive(Debug, Clone)]
pub(crate) struct PyPriceSeries {
    inner: PriceSeries,
}

fn micros_to_utc(micros: i64, index: usize) -> PyResult<DateTime<Utc>> {
    DateTime::<Utc>::from_timestamp_micros(micros).ok_or_else(|| {
        PyValueError::new_err(format!(
            "row {index}: timestamp {micros} µs is out of range"
        ))
    })
}

/// The instants of a timestamp column, which must carry a time zone.
fn timestamps(column: &dyn Array, name: &str) -> PyResult<Vec<i64>> {
    let DataType::Timestamp(unit, tz) = column.data_type() else {
        return Err(PyTypeError::new_err(format!(
            "column {name:?}: expected timestamps with a time zone, got {}",
            column.data_type()
        )));
    };
    if tz.is_none() {
        return Err(PyValueError::new_err(format!(
            "column {name:?}: naive datetimes; a time zone is required (e.g. tz_localize(\"UTC\") or \"US/Central\")"
        )));
    }
    let any = column.as_any();
    let raw: Vec<Option<i64>> = match unit {
        TimeUnit::Second => any.downcast_ref::<TimestampSecondArray>().map(|a| {
            a.iter()
                .map(|v| v.and_then(|s| s.checked_mul(1_000_000)))
                .collect()
        }),
        TimeUnit::Millisecond => any.downcast_ref::<TimestampMillisecondArray>().map(|a| {
            a.iter()
                .map(|v| v.and_then(|s| s.checked_mul(1000)))
                .collect()
        }),
        TimeUnit::Microsecond => any
            .downcast_ref::<TimestampMicrosecondArray>()
            .map(|a| a.iter().collect()),
        TimeUnit::Nanosecond => any
            .downcast_ref::<TimestampNanosecondArray>()
            .map(|a| a.iter().map(|v| v.map(|n| n.div_euclid(1000))).collect()),
    }
    .ok_or_else(|| PyTypeError::new_err(format!("column {name:?}: unreadable timestamps")))?;
    raw.into_iter()
        .enumerate()
        .map(|(i, v)| {
            v.ok_or_else(|| PyValueError::new_err(format!("column {name:?}: row {i} is null")))
        })
        .collect()
}

/// Prices in $/MWh from a float or decimal column, exact for decimals and
/// for floats by their shortest decimal representation.
fn prices(column: &dyn Array, name: &str) -> PyResult<Vec<EnergyPrice>> {
    let any = column.as_any();
    let null = |i: usize| PyValueError::new_err(format!("column {name:?}: row {i} is null"));
    let from_f64 = |i: usize, v: f64| -> PyResult<EnergyPrice> {
        if !v.is_finite() {
            return Err(PyValueError::new_err(format!(
                "column {name:?}: row {i} is {v}, not a finite price"
            )));
        }
        let d = crate::convert::parse_decimal(&format!("{v}")).ok_or_else(|| {
            PyValueError::new_err(format!(
                "column {name:?}: row {i}: {v} is not representable"
            ))
        })?;
        EnergyPrice::new(d).or_py()
    };
    if let Some(a) = any.downcast_ref::<Float64Array>() {
        return a
            .iter()
            .enumerate()
            .map(|(i, v)| from_f64(i, v.ok_or_else(|| null(i))?))
            .collect();
    }
    if let Some(a) = any.downcast_ref::<Float32Array>() {
        return a
            .iter()
            .enumerate()
            .map(|(i, v)| from_f64(i, f64::from(v.ok_or_else(|| null(i))?)))
            .collect();
    }
    if let Some(a) = any.downcast_ref::<Int64Array>() {
        return a
            .iter()
            .enumerate()
            .map(|(i, v)| EnergyPrice::new(Decimal::from(v.ok_or_else(|| null(i))?)).or_py())
            .collect();
    }
    if let Some(a) = any.downcast_ref::<Decimal128Array>() {
        let scale = u32::try_from(a.scale()).map_err(|_| {
            PyValueError::new_err(format!("column {name:?}: negative decimal scale"))
        })?;
        return a
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let m = v.ok_or_else(|| null(i))?;
                let d = Decimal::try_from_i128_with_scale(m, scale)
                    .map_err(|e| PyValueError::new_err(format!("column {name:?}: row {i}: {e}")))?;
                EnergyPrice::new(d).or_py()
            })
            .collect();
    }
    Err(PyTypeError::new_err(format!(
        "column {name:?}: expected float64 or decimal prices in $/MWh, got {}",
        column.data_type()
    )))
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<&'a Arc<dyn Array>> {
    batch.column_by_name(name).ok_or_else(|| {
        let names: Vec<String> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        PyValueError::new_err(format!(
            "no column {name:?}; the table has {}",
            names.join(", ")
        ))
    })
}

#[pymethods]
impl PyPriceSeries {
    /// A series from an Arrow table (pyarrow, polars, or anything with the
    /// Arrow PyCapsule interface) with a tz-aware timestamp column and a
    /// $/MWh price column. The resolution is read from the spacing.
    #[staticmethod]
    #[pyo3(signature = (table, time_column = "start", price_column = "price"))]
    fn from_arrow(table: PyTable, time_column: &str, price_column: &str) -> PyResult<Self> {
        let (batches, schema) = table.into_inner();
        let batch = arrow_select_concat(&batches, schema)?;
        let times = timestamps(column(&batch, time_column)?.as_ref(), time_column)?;
        let values = prices(column(&batch, price_column)?.as_ref(), price_column)?;
        let (Some(&first), Some(&second)) = (times.first(), times.get(1)) else {
            return Err(PyValueError::new_err(
                "a price series needs at least two rows to know its resolution",
            ));
        };
        let resolution = match second - first {
            900_000_000 => Resolution::FifteenMinutes,
            3_600_000_000 => Resolution::Hourly,
            step => {
                return Err(PyValueError::new_err(format!(
                    "rows 0-1: spacing of {} s; expected 900 (15-minute) or 3600 (hourly)",
                    step / 1_000_000
                )));
            }
        };
        let step = second - first;
        for (i, w) in times.windows(2).enumerate() {
            if w[1] - w[0] != step {
                return Err(PyValueError::new_err(format!(
                    "row {}: spacing of {} s after row {i}; expected a regular {} series",
                    i + 1,
                    (w[1] - w[0]) / 1_000_000,
                    resolution.name()
                )));
            }
        }
        let start = micros_to_utc(first, 0)?;
        Ok(Self {
            inner: PriceSeries::new(start, resolution, values).or_py()?,
        })
    }

    /// A series from a pandas Series with a tz-aware DatetimeIndex, a
    /// pandas or polars DataFrame, or an Arrow table. Naive datetimes are
    /// refused: a time zone is required.
    #[staticmethod]
    #[pyo3(signature = (obj, time_column = "start", price_column = "price"))]
    fn from_frame(
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        time_column: &str,
        price_column: &str,
    ) -> PyResult<Self> {
        let t = py
            .import("wattage._frames")?
            .call_method1("price_table", (obj, time_column, price_column))?;
        let table: PyTable = t.extract()?;
        Self::from_arrow(table, time_column, price_column)
    }

    /// The series as a pyarrow table: `start` (UTC) and `price` ($/MWh, exact).
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = &self.inner;
        let starts: Vec<i64> = (0..s.len())
            .map(|i| s.start_of(i).timestamp_micros())
            .collect();
        let prices: Vec<Decimal> = s.prices().iter().map(|p| p.value()).collect();
        let mut t = TableBuilder::default();
        t.timestamps("start", starts)
            .decimal("price", Some("$/MWh"), &prices)?;
        t.finish(py)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "PriceSeries({} periods from {})",
            self.inner.len(),
            self.inner.start_of(0)
        )
    }
}

/// One record batch from several (a table read from a stream).
fn arrow_select_concat(
    batches: &[RecordBatch],
    schema: arrow_schema::SchemaRef,
) -> PyResult<RecordBatch> {
    if batches.len() == 1 {
        return Ok(batches[0].clone());
    }
    arrow_select::concat::concat_batches(&schema, batches)
        .map_err(|e| PyValueError::new_err(format!("reading the table: {e}")))
}

/// A site: a deployment, and optionally its horizon, contract, curtailment
/// policy, opex and capex, read from the library's serde formats.
#[pyclass(frozen, module = "wattage", name = "Site")]
#[derive(Debug, Clone)]
pub(crate) struct PySite {
    config: SiteConfig,
}

impl PySite {
    fn contract(&self, prices: Option<&PyPriceSeries>) -> PyResult<PowerContract> {
        match (prices, &self.config.contract) {
            (Some(p), _) => {
                let adder = match self.config.price_adder {
                    Some(a) => a,
                    None => EnergyPrice::new(Decimal::ZERO).or_py()?,
                };
                Ok(PowerContract::new(PowerSupply::index(
                    p.inner.clone(),
                    adder,
                )))
            }
            (None, Some(c)) => Ok(c.clone()),
            (None, None) => Err(PyFacilityError::new_err(
                "the site has no [contract]; pass prices=PriceSeries(...)",
            )),
        }
    }

    fn horizon(&self, prices: Option<&PyPriceSeries>) -> PyResult<Horizon> {
        match (self.config.horizon, prices) {
            (Some(h), _) => Ok(h),
            (None, Some(p)) => {
                Horizon::new(p.inner.start_of(0), p.inner.resolution(), p.inner.len()).or_py()
            }
            (None, None) => Err(PyFacilityError::new_err(
                "the site has no [horizon]; give one in the config or pass prices",
            )),
        }
    }
}

/// What `Site.simulate` computes, as a Rust caller writes it:
/// `simulate_site`, then `Summary::new` and `CashFlows::new` on its
/// ledger; with `times`, the seconds of each of the three added to it.
fn run_exact(
    config: &SiteConfig,
    contract: &PowerContract,
    horizon: Horizon,
    times: Option<&mut [f64; 3]>,
) -> Result<(SiteLedger, Summary, CashFlows), wattage::facility::FacilityError> {
    let deployment = &config.deployment;
    let opex = config.opex_per_mw_year.unwrap_or(Usd::ZERO);
    let t0 = std::time::Instant::now();
    let ledger = simulate_site(deployment, contract, horizon, config.curtailment)?;
    let t1 = std::time::Instant::now();
    let summary = Summary::new(&ledger, deployment, opex)?;
    let t2 = std::time::Instant::now();
    let flows = CashFlows::new(&ledger, deployment, opex, &config.capex)?;
    if let Some(times) = times {
        times[0] += (t1 - t0).as_secs_f64();
        times[1] += (t2 - t1).as_secs_f64();
        times[2] += t2.elapsed().as_secs_f64();
    }
    Ok((ledger, summary, flows))
}

#[pymethods]
impl PySite {
    /// Reads a site config (JSON or TOML text; `wattage.Site.from_dict`
    /// and `from_toml` are the friendly forms). Unknown keys are refused.
    #[staticmethod]
    #[pyo3(signature = (text, format = "toml"))]
    fn from_text(text: &str, format: &str) -> PyResult<Self> {
        Ok(Self {
            config: read_config(text, format_of(format)?, "site config")?,
        })
    }

    /// Reads a site config from a dict in the library's serde format
    /// (Decimals, quantities, prices and tz-aware datetimes allowed as
    /// values). Unknown keys are refused.
    #[staticmethod]
    fn from_dict(py: Python<'_>, config: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text: String = py
            .import("wattage._config")?
            .call_method1("to_json", (config,))?
            .extract()?;
        Self::from_text(&text, "json")
    }

    /// Reads a site config from TOML text (the command line's format).
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<Self> {
        Self::from_text(text, "toml")
    }

    /// The site's name.
    #[getter]
    fn name(&self) -> String {
        self.config
            .name
            .clone()
            .unwrap_or_else(|| self.config.deployment.site().name().to_owned())
    }

    /// Simulates the site period by period in exact decimal arithmetic
    /// (the ledger), releasing the GIL. `prices` replaces the config's
    /// contract; the horizon defaults to the prices' span.
    #[pyo3(signature = (prices = None))]
    fn simulate(
        &self,
        py: Python<'_>,
        prices: Option<PyRef<'_, PyPriceSeries>>,
    ) -> PyResult<PySiteRun> {
        let contract = self.contract(prices.as_deref())?;
        let horizon = self.horizon(prices.as_deref())?;
        let config = &self.config;
        let (ledger, summary, flows) = py
            .detach(|| run_exact(config, &contract, horizon, None))
            .or_py()?;
        Ok(PySiteRun {
            ledger,
            summary,
            flows,
        })
    }

    /// Seconds that `repeat` exact runs of the site (what `simulate`
    /// computes) take inside Rust, with no Python in the loop, as a dict:
    /// `ledger` (`simulate_site`), `summary` (`Summary::new`), `cash_flows`
    /// (`CashFlows::new`) and `total`, each summed over the runs. The
    /// reference for the binding-overhead benchmark of `simulate`.
    #[pyo3(signature = (repeat, prices = None))]
    fn time_in_rust<'py>(
        &self,
        py: Python<'py>,
        repeat: usize,
        prices: Option<PyRef<'_, PyPriceSeries>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let contract = self.contract(prices.as_deref())?;
        let horizon = self.horizon(prices.as_deref())?;
        let config = &self.config;
        let times = py
            .detach(|| -> Result<[f64; 3], wattage::facility::FacilityError> {
                let mut times = [0.0; 3];
                for _ in 0..repeat {
                    std::hint::black_box(run_exact(config, &contract, horizon, Some(&mut times))?);
                }
                Ok(times)
            })
            .or_py()?;
        let d = pyo3::types::PyDict::new(py);
        for (name, t) in ["ledger", "summary", "cash_flows"].iter().zip(times) {
            d.set_item(*name, t)?;
        }
        d.set_item("total", times.iter().sum::<f64>())?;
        Ok(d)
    }

    /// Prepares the fast `f64` kernel for this site over its horizon (or
    /// that of `prices`); run it on price paths with `Kernel.run`.
    #[pyo3(signature = (prices = None))]
    fn kernel(&self, prices: Option<PyRef<'_, PyPriceSeries>>) -> PyResult<PyKernel> {
        let horizon = self.horizon(prices.as_deref())?;
        let contract = match (&prices, &self.config.contract) {
            (None, None) => {
                PowerContract::new(PowerSupply::fixed(EnergyPrice::new(Decimal::ZERO).or_py()?))
            }
            _ => self.contract(prices.as_deref())?,
        };
        let kernel = SiteKernel::new(&self.config.deployment, &contract, horizon).or_py()?;
        let default = PricePath::new(&contract, horizon).ok();
        Ok(PyKernel {
            kernel: Arc::new(kernel),
            default,
            policy: self.config.curtailment,
            periods: horizon.periods(),
        })
    }

    fn __repr__(&self) -> String {
        format!("Site({:?})", self.name())
    }
}

/// The result of an exact simulation: the ledger, the summary and the
/// yearly cash flows.
#[pyclass(frozen, module = "wattage", name = "SiteRun")]
pub(crate) struct PySiteRun {
    ledger: SiteLedger,
    summary: Summary,
    flows: CashFlows,
}

#[pymethods]
impl PySiteRun {
    /// Site totals as a dict of exact Decimals (dollars, BTC).
    fn totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let s = &self.summary;
        let d = pyo3::types::PyDict::new(py);
        d.set_item("revenue", usd_out(py, s.money.revenue)?)?;
        d.set_item("energy_cost", usd_out(py, s.money.energy_cost)?)?;
        d.set_item("site_power_lines", usd_out(py, s.site_power_lines)?)?;
        d.set_item("gross_margin", usd_out(py, s.gross_margin)?)?;
        d.set_item("opex", usd_out(py, s.opex)?)?;
        d.set_item("ebitda", usd_out(py, s.ebitda)?)?;
        d.set_item(
            "ebitda_per_interconnect_mw_year",
            usd_out(py, s.ebitda_per_interconnect_mw_year)?,
        )?;
        d.set_item("btc_mined", crate::convert::btc_out(py, s.btc_mined)?)?;
        Ok(d)
    }

    /// The summary, one row per workload, as a pyarrow table (money exact,
    /// units in the field metadata; site totals in the schema metadata).
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let w = &self.summary.workloads;
        let names: Vec<&str> = w.iter().map(|x| x.name.as_str()).collect();
        let kinds: Vec<&str> = w.iter().map(|x| x.kind).collect();
        let mut t = TableBuilder::default();
        t.str("workload", &names).str("kind", &kinds);
        t.decimal(
            "mw_years",
            Some("MW-year"),
            &w.iter().map(|x| x.mw_years).collect::<Vec<_>>(),
        )?;
        // Every money line a workload books, in the library's order, then
        // the summary's own lines.
        let lines: Vec<_> = w.iter().map(|x| x.money.into_array()).collect();
        for (i, line) in LINES.iter().enumerate() {
            if line.scope == Scope::Workload {
                let values: Vec<_> = lines.iter().map(|l| l[i].dollars()).collect();
                t.decimal(line.name, Some("$"), &values)?;
            }
        }
        macro_rules! usd {
            ($($name:ident),*) => {$(
                t.decimal(stringify!($name), Some("$"), &w.iter().map(|x| x.$name.dollars()).collect::<Vec<_>>())?;
            )*};
        }
        usd!(gross_margin, opex, ebitda, depreciation);
        t.decimal(
            "btc_mined",
            Some("BTC"),
            &w.iter().map(|x| x.btc_mined.to_btc()).collect::<Vec<_>>(),
        )?;
        t.decimal(
            "curtailed_hours",
            Some("h"),
            &w.iter()
                .map(|x| to_decimal("curtailed hours", x.curtailed_time.get(unit::HOUR)))
                .collect::<Result<Vec<_>, _>>()
                .or_py()?,
        )?;
        t.decimal(
            "curtailed_mwh",
            Some("MWh"),
            &w.iter()
                .map(|x| to_decimal("curtailed MWh", x.curtailed_energy.get(unit::MEGAWATT_HOUR)))
                .collect::<Result<Vec<_>, _>>()
                .or_py()?,
        )?;
        let s = &self.summary;
        t.meta("revenue_usd", s.money.revenue.dollars().to_string())
            .meta("gross_margin_usd", s.gross_margin.dollars().to_string())
            .meta("ebitda_usd", s.ebitda.dollars().to_string())
            .meta("btc_mined", s.btc_mined.to_btc().to_string());
        t.finish(py)
    }

    /// The ledger, one row per period, as a pyarrow table (exact).
    fn ledger<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let periods = self.ledger.periods().or_py()?;
        let mut t = TableBuilder::default();
        t.timestamps(
            "start",
            periods.iter().map(|p| p.start.timestamp_micros()).collect(),
        );
        t.decimal(
            "price",
            Some("$/MWh"),
            &periods.iter().map(|p| p.price.value()).collect::<Vec<_>>(),
        )?;
        t.decimal(
            "energy_mwh",
            Some("MWh"),
            &periods
                .iter()
                .map(|p| to_decimal("energy in MWh", p.energy.get(unit::MEGAWATT_HOUR)))
                .collect::<Result<Vec<_>, _>>()
                .or_py()?,
        )?;
        // Every money line of the site's periods, in the library's order.
        let lines: Vec<_> = periods.iter().map(|p| p.money.into_array()).collect();
        for (i, line) in LINES.iter().enumerate() {
            let values: Vec<_> = lines.iter().map(|l| l[i].dollars()).collect();
            t.decimal(line.name, Some("$"), &values)?;
        }
        let margins = periods
            .iter()
            .map(|p| p.money.gross_margin().map(Usd::dollars))
            .collect::<Result<Vec<_>, _>>()
            .or_py()?;
        t.decimal("gross_margin", Some("$"), &margins)?;
        t.finish(py)
    }

    /// The yearly cash flows (Decimals), first year first.
    fn cash_flows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.flows
            .flows()
            .into_iter()
            .map(|f| usd_out(py, f))
            .collect()
    }

    /// NPV of the yearly cash flows at `rate` (Decimal, e.g. Decimal("0.10")).
    fn npv<'py>(&self, py: Python<'py>, rate: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.flows.npv(decimal_arg(rate, "rate")?).or_py()?)
    }

    /// IRR of the yearly cash flows (Decimal).
    fn irr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_decimal(py, self.flows.irr().or_py()?)
    }

    /// Years until the cumulative cash flow turns positive (Decimal), or None.
    fn payback_years<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.flows
            .payback_years()
            .or_py()?
            .map(|d| to_py_decimal(py, d))
            .transpose()
    }
}

/// The `f64` kernel of one site over one horizon: runs price paths fast,
/// bit-identically in any process.
#[pyclass(frozen, module = "wattage", name = "Kernel")]
pub(crate) struct PyKernel {
    kernel: Arc<SiteKernel>,
    default: Option<PricePath>,
    policy: Curtailment,
    periods: usize,
}

impl PyKernel {
    fn path(&self, prices: Option<PyReadonlyArray1<'_, f64>>) -> PyResult<PricePath> {
        match prices {
            Some(a) => {
                // A plain copy; `PricePath::from_f64` refuses NaN and
                // infinities, naming the index.
                let v = match a.as_slice() {
                    Ok(s) => s.to_vec(),
                    Err(_) => a.as_array().to_vec(),
                };
                if v.len() != self.periods {
                    return Err(PyValueError::new_err(format!(
                        "prices: {} values for a horizon of {} periods",
                        v.len(),
                        self.periods
                    )));
                }
                PricePath::from_f64(v, None)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("prices: {e}")))
            }
            None => self.default.clone().ok_or_else(|| {
                PyFacilityError::new_err("the kernel has no prices of its own; pass prices")
            }),
        }
    }
}

/// Kernel totals as a plain tuple, in `KERNEL_COLUMNS` order.
pub(crate) type KernelRow = (f64, f64, f64, f64, f64, f64);

/// The names and units of a `KernelRow`.
pub(crate) const KERNEL_COLUMNS: [(&str, &str); 6] = [
    ("revenue_usd", "$"),
    ("energy_cost_usd", "$"),
    ("sell_back_credit_usd", "$"),
    ("gross_margin_usd", "$"),
    ("energy_mwh", "MWh"),
    ("btc_mined", "BTC"),
];

fn run_kernel(kernel: &SiteKernel, path: &PricePath, policy: Curtailment) -> KernelRow {
    let t = kernel.run(path, policy);
    (
        t.money.revenue,
        t.money.energy_cost,
        t.money.sell_back_credit,
        t.gross_margin(),
        t.workloads
            .iter()
            .map(|w| w.energy.get(unit::MEGAWATT_HOUR))
            .sum(),
        t.workloads.iter().map(|w| w.btc).sum(),
    )
}

#[pymethods]
impl PyKernel {
    /// Runs one price path ($/MWh per period, a float numpy array; None for
    /// the site's own contract) and returns the totals as a dict of floats.
    /// The GIL is released while the kernel runs.
    #[pyo3(signature = (prices = None))]
    fn run<'py>(
        &self,
        py: Python<'py>,
        prices: Option<PyReadonlyArray1<'py, f64>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let path = self.path(prices)?;
        let kernel = Arc::clone(&self.kernel);
        let policy = self.policy;
        let row = py.detach(move || run_kernel(&kernel, &path, policy));
        let d = pyo3::types::PyDict::new(py);
        let values = [row.0, row.1, row.2, row.3, row.4, row.5];
        for ((name, _), v) in KERNEL_COLUMNS.iter().zip(values) {
            d.set_item(*name, v)?;
        }
        Ok(d)
    }

    /// Runs one price path and returns the totals as a tuple of floats in
    /// `KERNEL_COLUMNS` order (the sweep's fast path).
    fn run_tuple(&self, py: Python<'_>, prices: PyReadonlyArray1<'_, f64>) -> PyResult<KernelRow> {
        let path = self.path(Some(prices))?;
        let kernel = Arc::clone(&self.kernel);
        let policy = self.policy;
        Ok(py.detach(move || run_kernel(&kernel, &path, policy)))
    }

    /// Seconds that `repeat` runs of the same path take inside Rust, with no
    /// Python in the loop: the reference for the binding-overhead benchmark.
    fn time_in_rust(
        &self,
        py: Python<'_>,
        prices: PyReadonlyArray1<'_, f64>,
        repeat: usize,
    ) -> PyResult<f64> {
        let path = self.path(Some(prices))?;
        let kernel = Arc::clone(&self.kernel);
        let policy = self.policy;
        Ok(py.detach(move || {
            let t0 = std::time::Instant::now();
            let mut sink = 0.0;
            for _ in 0..repeat {
                let p = PricePath::from_f64(path.prices().to_vec(), None);
                if let Ok(p) = p {
                    sink += run_kernel(&kernel, &p, policy).0;
                }
            }
            std::hint::black_box(sink);
            t0.elapsed().as_secs_f64()
        }))
    }

    /// The number of periods of the horizon.
    #[getter]
    fn periods(&self) -> usize {
        self.periods
    }
}

/// A colocation lease: critical IT capacity at a monthly rate per kW,
/// escalated yearly, over a term of months.
#[pyclass(frozen, module = "wattage", name = "ColocationLease")]
pub(crate) struct PyColocationLease {
    inner: ColocationLease,
}

fn structure_of(text: &str) -> PyResult<LeaseStructure> {
    match text {
        "gross" => Ok(LeaseStructure::Gross),
        "triple_net" | "nnn" => Ok(LeaseStructure::TripleNet),
        other => Err(PyValueError::new_err(format!(
            "structure {other:?}: expected \"gross\" or \"triple_net\""
        ))),
    }
}

#[pymethods]
impl PyColocationLease {
    /// A lease of `critical_it` (Power) at `rate` (LeaseRate, "$/kW/month"),
    /// `escalator` a yearly Decimal (0.03 for 3 %), `term_months`, from
    /// `start` (a datetime.date), "gross" or "triple_net".
    #[new]
    #[pyo3(signature = (critical_it, rate, escalator, term_months, start, structure = "gross"))]
    fn py_new(
        critical_it: &Bound<'_, PyAny>,
        rate: &Bound<'_, PyAny>,
        escalator: &Bound<'_, PyAny>,
        term_months: u32,
        start: NaiveDate,
        structure: &str,
    ) -> PyResult<Self> {
        let spec = LeaseSpec {
            critical_it: quantity_arg(critical_it, "critical_it", "Power")?,
            rate: price_arg(rate, "rate")?,
            escalator: decimal_arg(escalator, "escalator")?,
            term_months,
            start,
            structure: structure_of(structure)?,
        };
        Ok(Self {
            inner: ColocationLease::new(spec).or_py()?,
        })
    }

    /// The rate at which a flat lease of `critical_it` over `term_months` is worth `value`.
    #[staticmethod]
    fn implied_rate(
        value: &Bound<'_, PyAny>,
        critical_it: &Bound<'_, PyAny>,
        term_months: u32,
    ) -> PyResult<PyLeaseRate> {
        let v = usd_arg(value, "value")?;
        let p = quantity_arg(critical_it, "critical_it", "Power")?;
        Ok(PyLeaseRate {
            inner: ColocationLease::implied_rate(v, p, term_months).or_py()?,
        })
    }

    /// The starting rate at which an escalating lease is worth `value`.
    #[staticmethod]
    fn starting_rate_for_value(
        value: &Bound<'_, PyAny>,
        critical_it: &Bound<'_, PyAny>,
        term_months: u32,
        escalator: &Bound<'_, PyAny>,
    ) -> PyResult<PyLeaseRate> {
        let v = usd_arg(value, "value")?;
        let p = quantity_arg(critical_it, "critical_it", "Power")?;
        let e = decimal_arg(escalator, "escalator")?;
        Ok(PyLeaseRate {
            inner: ColocationLease::starting_rate_for_value(v, p, term_months, e).or_py()?,
        })
    }

    /// The rate in `month` (from 0).
    fn rate_in_month(&self, month: u32) -> PyResult<PyLeaseRate> {
        Ok(PyLeaseRate {
            inner: self.inner.rate_in_month(month).or_py()?,
        })
    }

    /// The rent of `month` (Decimal dollars).
    fn rent_in_month<'py>(&self, py: Python<'py>, month: u32) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.rent_in_month(month).or_py()?)
    }

    /// The rent over the whole term (Decimal dollars).
    fn total_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.total_value().or_py()?)
    }

    /// The term-average rate.
    fn average_rate(&self) -> PyResult<PyLeaseRate> {
        Ok(PyLeaseRate {
            inner: self.inner.average_rate().or_py()?,
        })
    }

    /// First-year rent per MW of critical IT (Decimal dollars).
    fn first_year_rent_per_mw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.first_year_rent_per_mw().or_py()?)
    }

    /// The landlord's net in `month` after `electricity_cost` (Decimals).
    fn landlord_net<'py>(
        &self,
        py: Python<'py>,
        month: u32,
        electricity_cost: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        usd_out(
            py,
            self.inner
                .landlord_net(month, usd_arg(electricity_cost, "electricity_cost")?)
                .or_py()?,
        )
    }

    /// The month-by-month schedule as a pyarrow table.
    fn schedule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let months = self.inner.schedule().or_py()?;
        let mut t = TableBuilder::default();
        t.u32("month", None, months.iter().map(|m| m.index).collect());
        t.str(
            "starts",
            &months
                .iter()
                .map(|m| m.starts.to_string())
                .collect::<Vec<_>>(),
        );
        t.decimal(
            "rate",
            Some("$/kW/month"),
            &months.iter().map(|m| m.rate.value()).collect::<Vec<_>>(),
        )?;
        t.decimal(
            "rent",
            Some("$"),
            &months.iter().map(|m| m.rent.dollars()).collect::<Vec<_>>(),
        )?;
        t.finish(py)
    }
}

/// Registers the classes and functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPriceSeries>()?;
    m.add_class::<PySite>()?;
    m.add_class::<PySiteRun>()?;
    m.add_class::<PyKernel>()?;
    m.add_class::<PyColocationLease>()?;
    ai::register(m)?;
    capital::register(m)?;
    comparison::register(m)?;
    retrofit::register(m)?;
    m.add("KERNEL_COLUMNS", KERNEL_COLUMNS.map(|(n, _)| n).to_vec())?;
    m.add("KERNEL_UNITS", KERNEL_COLUMNS.map(|(_, u)| u).to_vec())?;
    Ok(())
}
