//! Capital: assets (book life, resale, refresh), the used-miner resale
//! curve, and the financing of a simulated site's cash flows (debt, taxes,
//! terminal value). Each is read whole from a dict or TOML text through
//! its serde format, and results come back through their serde forms, so
//! that fields added to the library's specs and results need no change
//! here.

use pyo3::prelude::*;
use wattage::chrono::NaiveDate;
use wattage::facility::capital::{self, Asset, Financing, ResaleCurve, Vintage};
use wattage::units::{HashEfficiency, Hashrate};

use super::PySiteRun;
use super::ai::serde_class;
use super::terms::to_python;
use crate::convert::{to_py_decimal, usd_out};
use crate::errors::{FacilityError, OrPy};
use crate::quantity::quantity_arg;

/// A purchase of hardware or infrastructure, written off straight-line,
/// sold at its resale value when replaced, and refreshed by its rule
/// (`wattage::facility::capital::Asset`).
#[pyclass(frozen, module = "wattage", name = "Asset")]
pub(crate) struct PyAsset {
    inner: Asset,
}
impl PyAsset {
    /// The vintage held on `at`: bought on or before it, not sold by then.
    fn held_on(&self, at: NaiveDate) -> PyResult<Vintage> {
        let until = at.succ_opt().unwrap_or(at);
        self.inner
            .vintages(until)
            .or_py()?
            .into_iter()
            .rfind(|v| v.purchased <= at && v.sold.is_none_or(|s| s > at))
            .ok_or_else(|| {
                FacilityError::new_err(format!(
                    "asset {:?} is not held on {at} (bought {}, sold {:?})",
                    self.inner.name(),
                    self.inner.spec().purchased,
                    self.inner.spec().sold_on
                ))
            })
    }
}

serde_class!(PyAsset, "asset", {
    /// The asset's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The cost of the first purchase (Decimal dollars).
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.cost().or_py()?)
    }

    /// Every purchase before `until` (a date), the first and the
    /// refreshes: a list of dicts (purchased, cost, residual, life_months,
    /// sold), money as Decimal.
    fn vintages<'py>(&self, py: Python<'py>, until: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.vintages(until).or_py()?)
    }

    /// Every purchase and sale before `until`, in date order: a list of
    /// dicts (asset, at, kind, amount, book_value, vintage).
    fn events<'py>(&self, py: Python<'py>, until: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        let events = capital::events(std::slice::from_ref(&self.inner), until).or_py()?;
        to_python(py, &events)
    }

    /// Book depreciation over the days from `start` up to `end` (Decimal
    /// dollars), every vintage stopped at its end of life or sale.
    fn depreciation_between<'py>(
        &self,
        py: Python<'py>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        usd_out(
            py,
            capital::depreciation_between(&self.inner, start, end).or_py()?,
        )
    }

    /// Book value at the start of `at` (Decimal dollars) of the vintage
    /// held that day: its cost less its depreciation since purchase.
    fn book_value<'py>(&self, py: Python<'py>, at: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        let v = self.held_on(at)?;
        let spent = capital::depreciation_between(&self.inner, v.purchased, at).or_py()?;
        usd_out(py, v.cost.checked_sub(spent).or_py()?)
    }

    /// What the vintage held on `at` fetches if sold that day, by the
    /// asset's resale rule (Decimal dollars).
    fn resale_value<'py>(&self, py: Python<'py>, at: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        let v = self.held_on(at)?;
        usd_out(py, self.inner.resale_value(&v, at).or_py()?)
    }
});

/// The used-miner market: price per TH/s by efficiency band, declining
/// with time (`wattage::facility::capital::ResaleCurve`).
#[pyclass(frozen, module = "wattage", name = "ResaleCurve")]
pub(crate) struct PyResaleCurve {
    inner: ResaleCurve,
}
serde_class!(PyResaleCurve, "resale curve", {
    /// The library's illustrative default curve.
    #[staticmethod]
    fn default_shape() -> Self {
        Self {
            inner: ResaleCurve::default_shape(),
        }
    }

    /// Price per TH/s (Decimal dollars) for machines at `efficiency`
    /// (HashEfficiency) on `at` (a date); zero beyond the last band.
    fn price_per_th<'py>(
        &self,
        py: Python<'py>,
        efficiency: &Bound<'py, PyAny>,
        at: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e: HashEfficiency = quantity_arg(efficiency, "efficiency", "HashEfficiency")?;
        to_py_decimal(py, self.inner.price_per_th(e, at).or_py()?)
    }

    /// What `hashrate` (Hashrate) of machines at `efficiency` sells for
    /// on `at` (Decimal dollars).
    fn value<'py>(
        &self,
        py: Python<'py>,
        hashrate: &Bound<'py, PyAny>,
        efficiency: &Bound<'py, PyAny>,
        at: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        let h: Hashrate = quantity_arg(hashrate, "hashrate", "Hashrate")?;
        let e: HashEfficiency = quantity_arg(efficiency, "efficiency", "HashEfficiency")?;
        usd_out(py, self.inner.value(h, e, at).or_py()?)
    }
});

/// A plan's financing: debt tranches, taxes (depreciation, NOL, interest
/// limits, property tax), terminal value and discounting
/// (`wattage::facility::capital::Financing`, read from its `FinancingSpec`).
#[pyclass(frozen, module = "wattage", name = "Financing")]
pub(crate) struct PyFinancing {
    inner: Financing,
}
serde_class!(PyFinancing, "financing", {
    /// Finances and taxes the yearly cash flows of a simulated site
    /// (`Site.simulate()`), releasing the GIL: a dict with the years
    /// (EBITDA, capex, debt, taxes, pre- and after-tax flows), the NPV
    /// and IRR of each series, DSCR per year, equity contributions and
    /// the tax years, money as Decimal.
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        run: PyRef<'py, PySiteRun>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let flows = run.flows.clone();
        let financing = self.inner.clone();
        let plan = py.detach(move || financing.evaluate(&flows)).or_py()?;
        to_python(py, &plan)
    }
});

/// Registers the classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAsset>()?;
    m.add_class::<PyResaleCurve>()?;
    m.add_class::<PyFinancing>()?;
    Ok(())
}
