//! Plan comparison: two plans (a deployment, its capex, debt and terminal
//! value) simulated under shared assumptions and compared year by year
//! (`wattage::facility::comparison`). Plans and assumptions are read whole
//! from a dict or TOML text through their serde formats; results come back
//! as Decimals, dicts and, for the years, a pyarrow table.

use pyo3::prelude::*;
use wattage::facility::comparison::{
    Assumptions, Comparison, Plan, PlanResult, YearComparison, compare as rust_compare,
};
use wattage::facility::summary::YearRow;
use wattage::rust_decimal::Decimal;
use wattage::units::Usd;

use super::ai::serde_class;
use super::terms::to_python;
use crate::arrow_out::TableBuilder;
use crate::convert::{to_py_decimal, usd_out};
use crate::errors::OrPy;

/// A named plan: a deployment over time, its facility capex paid as cash,
/// its debt and its value at the horizon's end
/// (`wattage::facility::comparison::Plan`).
#[pyclass(frozen, module = "wattage", name = "Plan")]
pub(crate) struct PyPlan {
    inner: Plan,
}
serde_class!(PyPlan, "plan", {
    /// The plan's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
});

/// What the two plans of a comparison share: contract, horizon,
/// curtailment, opex per IT MW-year, discount rate and discounting, taxes
/// and tax depreciation (`wattage::facility::comparison::Assumptions`).
#[pyclass(frozen, module = "wattage", name = "Assumptions")]
pub(crate) struct PyAssumptions {
    inner: Assumptions,
}
serde_class!(PyAssumptions, "assumptions", {
    /// The discount rate per year (Decimal, 0.10 for 10 %).
    #[getter]
    fn discount_rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_decimal(py, self.inner.discount_rate)
    }
});

fn optional_decimal(py: Python<'_>, value: Option<Decimal>) -> PyResult<Option<Bound<'_, PyAny>>> {
    value.map(|d| to_py_decimal(py, d)).transpose()
}

/// The results of one plan of a comparison
/// (`wattage::facility::comparison::PlanResult`).
#[pyclass(frozen, module = "wattage", name = "PlanResult")]
pub(crate) struct PyPlanResult {
    inner: PlanResult,
}

#[pymethods]
impl PyPlanResult {
    /// The plan's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Its summary over the horizon: a dict (site totals and one entry per
    /// workload), money as Decimal.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.summary)
    }

    /// Its yearly cash flows (EBITDA − capex + asset sales; Decimals),
    /// first year first.
    fn cash_flows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .cash_flows
            .rows()
            .iter()
            .map(|y| usd_out(py, y.cash_flow))
            .collect()
    }

    /// Its cash flows financed and taxed: a dict with the years and the
    /// NPV and IRR of each of the four series, money as Decimal.
    fn finance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.finance)
    }

    /// Years until the plan's own yearly cash flows pay back (Decimal), or
    /// None if they never do within the horizon.
    fn payback_years<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_decimal(py, self.inner.payback_years().or_py()?)
    }

    /// The whole result as a dict, money as Decimal.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!("PlanResult({:?})", self.inner.name)
    }
}

/// Two plans compared year by year
/// (`wattage::facility::comparison::Comparison`).
#[pyclass(frozen, module = "wattage", name = "Comparison")]
pub(crate) struct PyComparison {
    inner: Comparison,
}

/// A money line of a plan's year.
type YearLine = fn(&YearRow) -> Usd;

/// A plan's side of a compared year.
type PlanSide = fn(&YearComparison) -> &YearRow;

/// The money columns of a plan's year, in the order of the table.
const YEAR_COLUMNS: [(&str, YearLine); 9] = [
    ("revenue", |y| y.revenue),
    ("energy_cost", |y| y.energy_cost),
    ("gross_margin", |y| y.gross_margin),
    ("opex", |y| y.opex),
    ("ebitda", |y| y.ebitda),
    ("capex", |y| y.capex),
    ("asset_sales", |y| y.asset_sales),
    ("depreciation", |y| y.depreciation),
    ("cash_flow", |y| y.cash_flow),
];

#[pymethods]
impl PyComparison {
    /// The base plan's results.
    #[getter]
    fn base(&self) -> PyPlanResult {
        PyPlanResult {
            inner: self.inner.base.clone(),
        }
    }

    /// The alternative's results.
    #[getter]
    fn alternative(&self) -> PyPlanResult {
        PyPlanResult {
            inner: self.inner.alternative.clone(),
        }
    }

    /// NPV of the base plan's unlevered pre-tax cash flows (Decimal).
    #[getter]
    fn base_npv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.base_npv)
    }

    /// NPV of the alternative's unlevered pre-tax cash flows (Decimal).
    #[getter]
    fn alternative_npv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        usd_out(py, self.inner.alternative_npv)
    }

    /// IRR of the incremental unlevered pre-tax cash flows (Decimal), or
    /// None when they do not change sign.
    #[getter]
    fn incremental_irr<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_decimal(py, self.inner.incremental_irr)
    }

    /// Years until the incremental cash flows pay back (Decimal), or None.
    #[getter]
    fn incremental_payback_years<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_decimal(py, self.inner.incremental_payback_years)
    }

    /// NPV and IRR of the alternative's flows less the base's in each of
    /// the four series: a dict `unlevered_pre_tax`, `unlevered_after_tax`,
    /// `levered_pre_tax`, `levered_after_tax`, each `{"npv", "irr"}`
    /// (Decimals, the IRR None when there is none).
    #[getter]
    fn incremental<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.incremental)
    }

    /// Year by year as a list of dicts (`year`, `base`, `alternative`,
    /// `incremental_cash_flow`), money as Decimal.
    fn year_comparisons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.years)
    }

    /// Year by year as a pyarrow table: `year`, `start` (UTC), then each
    /// plan's `ebitda`, `capex`, `asset_sales` and `cash_flow` prefixed
    /// `base_` and `alternative_`, and `incremental_cash_flow`; money exact
    /// (decimal128) with `{"unit": "$"}` in the field metadata, the plans'
    /// names in the schema metadata.
    fn years<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let years = &self.inner.years;
        let mut t = TableBuilder::default();
        t.u32("year", None, years.iter().map(|y| y.year).collect());
        t.timestamps(
            "start",
            years
                .iter()
                .map(|y| y.base.start.timestamp_micros())
                .collect(),
        );
        let plans: [(&str, PlanSide); 2] =
            [("base", |y| &y.base), ("alternative", |y| &y.alternative)];
        for (prefix, pick) in plans {
            for (name, column) in YEAR_COLUMNS {
                let values: Vec<Decimal> =
                    years.iter().map(|y| column(pick(y)).dollars()).collect();
                t.decimal(&format!("{prefix}_{name}"), Some("$"), &values)?;
            }
        }
        t.decimal(
            "incremental_cash_flow",
            Some("$"),
            &years
                .iter()
                .map(|y| y.incremental_cash_flow.dollars())
                .collect::<Vec<_>>(),
        )?;
        t.meta("base", self.inner.base.name.clone())
            .meta("alternative", self.inner.alternative.name.clone());
        t.finish(py)
    }

    /// The whole comparison as a dict, money as Decimal.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Comparison({:?} against {:?}, {} years)",
            self.inner.alternative.name,
            self.inner.base.name,
            self.inner.years.len()
        )
    }
}

/// Simulates `base` and `alternative` (Plans) under the same `assumptions`
/// and compares their yearly cash flows; the GIL is released while the
/// two plans run.
#[pyfunction]
fn compare(
    py: Python<'_>,
    base: PyRef<'_, PyPlan>,
    alternative: PyRef<'_, PyPlan>,
    assumptions: PyRef<'_, PyAssumptions>,
) -> PyResult<PyComparison> {
    let (b, a, s) = (
        base.inner.clone(),
        alternative.inner.clone(),
        assumptions.inner.clone(),
    );
    let inner = py.detach(move || rust_compare(&b, &a, &s)).or_py()?;
    Ok(PyComparison { inner })
}

/// Registers the classes and `compare`.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPlan>()?;
    m.add_class::<PyAssumptions>()?;
    m.add_class::<PyPlanResult>()?;
    m.add_class::<PyComparison>()?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    Ok(())
}
