//! AI-facility economics: inference cost per token and throughput, a GPU
//! cloud and its utilization ramp, the lease-or-cloud choice of a hall,
//! tranched AI leases, bitcoin hosting contracts and reserve offers. Each
//! class reads its library type whole from a dict or TOML text.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use wattage::facility::Pue;
use wattage::facility::cloud_ramp::CloudRamp;
use wattage::facility::hall_choice::{HallYear, lease_or_cloud as rust_lease_or_cloud};
use wattage::facility::inference::{Inference, ThroughputSpec};
use wattage::facility::power::ReserveOffer;
use wattage::facility::tranche::TranchedLease;
use wattage::facility::workload::{GpuCloud, HostingContract, HostingMonth, Workload};
use wattage::hardware::{Precision, catalog};
use wattage::units::{GpuHourPrice, Usd};

use super::PyColocationLease;
use super::terms::{config_arg, to_python};
use crate::arrow_out::TableBuilder;
use crate::convert::{decimal_arg, to_py_decimal, usd_out};
use crate::errors::OrPy;
use crate::quantity::{PyGpuHourPrice, PyLeaseRate, Q, plain_float, price_arg};

/// The `from_dict`, `from_toml` and `to_dict` methods of a class holding
/// one serde library value in `inner`.
macro_rules! serde_class {
    ($py:ident, $what:literal, { $($methods:tt)* }) => {
        #[pymethods]
        impl $py {
            $($methods)*

            #[doc = concat!("Reads ", $what, " from a dict or TOML text in the library's serde format; unknown keys are refused.")]
            #[new]
            fn py_new(config: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(Self {
                    inner: $crate::facility::terms::config_arg(config, $what)?,
                })
            }

            #[doc = concat!("Reads ", $what, " from a dict (Decimals, quantities, prices and dates allowed as values).")]
            #[staticmethod]
            fn from_dict(config: &Bound<'_, pyo3::types::PyDict>) -> PyResult<Self> {
                Self::py_new(config.as_any())
            }

            #[doc = concat!("Reads ", $what, " from TOML text.")]
            #[staticmethod]
            fn from_toml(text: &Bound<'_, pyo3::types::PyString>) -> PyResult<Self> {
                Self::py_new(text.as_any())
            }

            /// The terms as a dict in the serde format, strings as the
            /// library writes them (money as `"$1234.5"`): `from_dict`
            /// reads it back.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::facility::terms::to_serde_python(py, &self.inner)
            }
        }
    };
}
pub(crate) use serde_class;

/// Energy and cost per token of one accelerator serving a model
/// (`wattage::facility::inference::Inference`).
#[pyclass(frozen, module = "wattage", name = "Inference")]
pub(crate) struct PyInference {
    inner: Inference,
}
serde_class!(PyInference, "inference terms", {
    /// Power at the wall per accelerator: board × overhead × PUE.
    fn wall_power<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Q::Power(self.inner.wall_power()).into_py(py)
    }

    /// Energy per token at the wall while serving.
    fn energy_per_token<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Q::Energy(self.inner.energy_per_token()).into_py(py)
    }

    /// The cost of one GPU-hour (Decimal dollars): wall energy at the power
    /// price plus the other costs.
    fn cost_per_gpu_hour<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.cost_per_gpu_hour().or_py()?)
    }

    /// Dollars (Decimal) per million tokens at `utilization` (Decimal in (0, 1]).
    fn cost_per_million_tokens<'py>(
        &self,
        py: Python<'py>,
        utilization: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let u = decimal_arg(utilization, "utilization")?;
        usd_out(py, self.inner.cost_per_million_tokens(u).or_py()?)
    }

    /// What a GPU-hour sold at `price` (GpuHourPrice) earns per million
    /// tokens at `utilization` (Decimal dollars).
    fn revenue_per_million_tokens<'py>(
        &self,
        py: Python<'py>,
        price: &Bound<'py, PyAny>,
        utilization: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p: GpuHourPrice = price_arg(price, "price")?;
        let u = decimal_arg(utilization, "utilization")?;
        usd_out(py, self.inner.revenue_per_million_tokens(p, u).or_py()?)
    }
});

/// Decoding throughput from the model, the batch and the accelerator
/// (`wattage::facility::inference::ThroughputSpec`).
#[pyclass(frozen, module = "wattage", name = "ThroughputSpec")]
pub(crate) struct PyThroughputSpec {
    inner: ThroughputSpec,
}
serde_class!(PyThroughputSpec, "throughput spec", {
    /// The spec for the catalog accelerator `accelerator` ("H200 SXM") in
    /// `precision` ("bf16", "fp8", ...), at `utilization` of its dense
    /// peak, for a model of `parameters` decoded `batch` sequences at a
    /// time with `bytes_per_parameter` bytes a weight.
    #[staticmethod]
    fn for_accelerator(
        accelerator: &str,
        precision: &str,
        utilization: &Bound<'_, PyAny>,
        parameters: &Bound<'_, PyAny>,
        batch: u32,
        bytes_per_parameter: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let device = catalog::accelerator(accelerator).or_py()?;
        let precision: Precision = precision.parse().or_py()?;
        let inner = ThroughputSpec::for_accelerator(
            &device,
            precision,
            plain_float(utilization, "utilization")?,
            plain_float(parameters, "parameters")?,
            batch,
            plain_float(bytes_per_parameter, "bytes_per_parameter")?,
        )
        .or_py()?;
        Ok(Self { inner })
    }

    /// The compute bound, tokens per second.
    fn compute_bound(&self) -> PyResult<f64> {
        self.inner.compute_bound().or_py()
    }

    /// The memory-bandwidth bound, tokens per second.
    fn memory_bound(&self) -> PyResult<f64> {
        self.inner.memory_bound().or_py()
    }

    /// Tokens per second per accelerator: the smaller bound.
    fn tokens_per_second(&self) -> PyResult<f64> {
        self.inner.tokens_per_second().or_py()
    }
});

/// A GPU cloud's utilization ramp and price decline from commissioning
/// (`wattage::facility::cloud_ramp::CloudRamp`).
#[pyclass(frozen, module = "wattage", name = "CloudRamp")]
pub(crate) struct PyCloudRamp {
    inner: CloudRamp,
}
serde_class!(PyCloudRamp, "cloud ramp", {
    /// Utilization (Decimal) in `month` since commissioning, rising in a
    /// straight line to `steady` (Decimal) over the ramp.
    fn utilization_in_month<'py>(
        &self,
        py: Python<'py>,
        month: u32,
        steady: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = decimal_arg(steady, "steady")?;
        to_py_decimal(py, self.inner.utilization_in_month(month, s))
    }

    /// The $/GPU-hour in `month` since commissioning from `start`
    /// (GpuHourPrice), declined yearly, never below the floor.
    fn price_in_month(&self, month: u32, start: &Bound<'_, PyAny>) -> PyResult<PyGpuHourPrice> {
        let p: GpuHourPrice = price_arg(start, "start")?;
        Ok(PyGpuHourPrice {
            inner: self.inner.price_in_month(month, p).or_py()?,
        })
    }
});

/// GPUs sold by the hour (`wattage::facility::workload::GpuCloud`), with
/// an optional ramp or price path.
#[pyclass(frozen, module = "wattage", name = "GpuCloud")]
pub(crate) struct PyGpuCloud {
    inner: GpuCloud,
}

serde_class!(PyGpuCloud, "GPU cloud", {
    /// IT power of every GPU.
    fn it_power<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Q::Power(self.inner.it_power()).into_py(py)
    }

    /// What the GPUs cost (Decimal dollars).
    fn capex<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.capex().or_py()?)
    }

    /// Straight-line depreciation a year (Decimal dollars).
    fn annual_depreciation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.annual_depreciation().or_py()?)
    }

    /// Revenue an hour at the steady price and utilization (Decimal dollars).
    fn revenue_per_hour<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.revenue_per_hour().or_py()?)
    }

    /// Revenue an hour in `month` since commissioning, by the ramp or the
    /// price path (Decimal dollars).
    fn revenue_per_hour_in_month<'py>(
        &self,
        py: Python<'py>,
        month: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.revenue_per_hour_in_month(month).or_py()?)
    }
});

/// A PUE from a float (constant) or a dict in its serde format.
fn pue_arg(obj: &Bound<'_, PyAny>) -> PyResult<Pue> {
    if let Ok(v) = plain_float(obj, "pue") {
        return Pue::constant(v).or_py();
    }
    config_arg(obj, "pue")
}

/// One money column of a hall year.
type HallColumn = fn(&HallYear) -> Usd;

/// `years` lease years of a hall under `lease` (ColocationLease) and as
/// `cloud` (GpuCloud), at `pue` (a float, or a PUE dict) and a flat
/// `power_price` (EnergyPrice): a pyarrow table, one row a year, money as
/// exact decimals.
#[pyfunction]
fn lease_or_cloud<'py>(
    py: Python<'py>,
    lease: PyRef<'py, PyColocationLease>,
    cloud: PyRef<'py, PyGpuCloud>,
    pue: &Bound<'py, PyAny>,
    power_price: &Bound<'py, PyAny>,
    years: u32,
) -> PyResult<Bound<'py, PyAny>> {
    let pue = pue_arg(pue)?;
    let price = price_arg(power_price, "power_price")?;
    let rows = rust_lease_or_cloud(&lease.inner, &cloud.inner, &pue, price, years).or_py()?;
    let mut t = TableBuilder::default();
    t.u32("year", None, rows.iter().map(|r| r.year).collect());
    let columns: [(&str, HallColumn); 7] = [
        ("lease_rent", |r| r.lease_rent),
        ("lease_power_cost", |r| r.lease_power_cost),
        ("lease_net", |r| r.lease_net),
        ("cloud_revenue", |r| r.cloud_revenue),
        ("cloud_power_cost", |r| r.cloud_power_cost),
        ("cloud_depreciation", |r| r.cloud_depreciation),
        ("cloud_net", |r| r.cloud_net),
    ];
    for (name, get) in columns {
        let values: Vec<_> = rows.iter().map(|r| get(r).dollars()).collect();
        t.decimal(name, Some("$"), &values)?;
    }
    t.finish(py)
}

/// An AI lease in tranches, firm and optional
/// (`wattage::facility::tranche::TranchedLease`).
#[pyclass(frozen, module = "wattage", name = "TranchedLease")]
pub(crate) struct PyTranchedLease {
    inner: TranchedLease,
}
serde_class!(PyTranchedLease, "tranched lease", {
    /// The tranches' names, in the order given.
    fn tranche_names(&self) -> Vec<String> {
        self.inner
            .tranches()
            .iter()
            .map(|t| t.name().to_owned())
            .collect()
    }

    /// The names of the tranches that pay rent (firm, or exercised).
    fn committed_names(&self) -> Vec<String> {
        self.inner
            .committed()
            .map(|t| t.name().to_owned())
            .collect()
    }

    /// The lease of tranche `name` (a ColocationLease: its rent schedule
    /// is `.schedule()`).
    fn tranche(&self, name: &str) -> PyResult<PyColocationLease> {
        let t = self.inner.tranches().iter().find(|t| t.name() == name);
        match t {
            Some(t) => Ok(PyColocationLease {
                inner: t.lease().clone(),
            }),
            None => Err(pyo3::exceptions::PyKeyError::new_err(format!(
                "no tranche {name:?}; the tranches are {:?}",
                self.tranche_names()
            ))),
        }
    }

    /// Critical IT of the committed tranches.
    fn committed_capacity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Q::Power(self.inner.committed_capacity()).into_py(py)
    }

    /// Total contract value of the committed tranches (Decimal dollars).
    fn total_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.total_value().or_py()?)
    }

    /// The flat rate the committed tranches imply.
    fn implied_rate(&self) -> PyResult<PyLeaseRate> {
        Ok(PyLeaseRate {
            inner: self.inner.implied_rate().or_py()?,
        })
    }

    /// The committed tranches as site workloads, by tranche name, each
    /// drawing `load_factor` (Decimal in (0, 1]) of its capacity and, with
    /// `downtime_hours_per_month`, crediting the lease's SLA for that
    /// expected downtime: a dict of workload dicts (`{"colocation": ...}`)
    /// to place in a site config's `deployment.assignments`.
    #[pyo3(signature = (load_factor, downtime_hours_per_month = None))]
    fn workloads<'py>(
        &self,
        py: Python<'py>,
        load_factor: &Bound<'py, PyAny>,
        downtime_hours_per_month: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let load = decimal_arg(load_factor, "load_factor")?;
        let tenants = match downtime_hours_per_month {
            Some(h) => {
                let hours = decimal_arg(h, "downtime_hours_per_month")?;
                self.inner.workloads_with_downtime(load, hours)
            }
            None => self.inner.workloads(load),
        }
        .or_py()?;
        let out = PyDict::new(py);
        for (name, tenant) in tenants {
            let workload = Workload::Colocation(tenant);
            out.set_item(name, super::terms::to_serde_python(py, &workload)?)?;
        }
        Ok(out)
    }

    /// The committed tranches' rent month by month: a pyarrow table of
    /// tranche, month (of its term), starts, rate and rent.
    fn schedule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let (mut names, mut index, mut starts, mut rates, mut rents) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for t in self.inner.committed() {
            for m in t.lease().schedule().or_py()? {
                names.push(t.name().to_owned());
                index.push(m.index);
                starts.push(m.starts.to_string());
                rates.push(m.rate.value());
                rents.push(m.rent.dollars());
            }
        }
        let mut t = TableBuilder::default();
        t.str("tranche", &names)
            .u32("month", None, index)
            .str("starts", &starts)
            .decimal("rate", Some("$/kW/month"), &rates)?
            .decimal("rent", Some("$"), &rents)?;
        t.finish(py)
    }
});

/// A bitcoin hosting contract between a host and a client
/// (`wattage::facility::workload::HostingContract`).
#[pyclass(frozen, module = "wattage", name = "HostingContract")]
pub(crate) struct PyHostingContract {
    inner: HostingContract,
}
serde_class!(PyHostingContract, "hosting contract", {
    /// The deposit (Decimal dollars): months of the bill at nameplate.
    fn deposit<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.deposit().or_py()?)
    }

    /// Bills one month (a dict: hours, curtailed_hours, outage_hours,
    /// metered_mwh as Decimals, hashprice): a dict of Decimal dollars
    /// (energy charge, profit share, credits, amount due, the client's
    /// mining revenue and margin).
    fn settle<'py>(
        &self,
        py: Python<'py>,
        month: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let month: HostingMonth = config_arg(month, "hosting month")?;
        to_python(py, &self.inner.settle(&month).or_py()?)
    }
});

/// An ancillary-service offer by a site's interruptible loads
/// (`wattage::facility::power::ReserveOffer`), validated; a site's
/// contract takes it as its `reserves` key.
#[pyclass(frozen, module = "wattage", name = "ReserveOffer")]
pub(crate) struct PyReserveOffer {
    inner: ReserveOffer,
}
serde_class!(PyReserveOffer, "reserve offer", {});

/// Registers the classes and functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyInference>()?;
    m.add_class::<PyThroughputSpec>()?;
    m.add_class::<PyCloudRamp>()?;
    m.add_class::<PyGpuCloud>()?;
    m.add_class::<PyTranchedLease>()?;
    m.add_class::<PyHostingContract>()?;
    m.add_class::<PyReserveOffer>()?;
    m.add_function(wrap_pyfunction!(lease_or_cloud, m)?)?;
    Ok(())
}
