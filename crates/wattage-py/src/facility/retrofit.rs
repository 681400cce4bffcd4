//! Retrofits: halls converted from mining to AI in phases
//! (`wattage::facility::retrofit`). A plan is a base deployment (the
//! `deployment` table of a site config) and its conversions, each read
//! whole from a dict or TOML text through its serde format; applying it
//! gives back the converted deployment and the capex schedule in the
//! serde forms a [`Plan`](super::comparison) reads.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use wattage::facility::deployment::Deployment;
use wattage::facility::retrofit::{Conversion, Displaced, RetrofitPlan};

use super::ai::serde_class;
use super::terms::{config_arg, to_serde_python};
use crate::errors::OrPy;

/// What a conversion does with the workloads live in its hall when
/// construction starts: sell their assets that day, or move them to
/// another hall (`wattage::facility::retrofit::Displaced`).
#[pyclass(frozen, module = "wattage", name = "Displaced")]
pub(crate) struct PyDisplaced {
    inner: Displaced,
}

#[pymethods]
impl PyDisplaced {
    /// Their assets are sold on the day construction starts, each at its
    /// resale value.
    #[staticmethod]
    fn sell() -> Self {
        Self {
            inner: Displaced::Sell,
        }
    }

    /// They move to `hall` on the day construction starts and run there
    /// until their own end; their assets serve them there.
    #[staticmethod]
    fn redeploy(hall: String) -> Self {
        Self {
            inner: Displaced::Redeploy { hall },
        }
    }

    /// `"sell"` or `"redeploy"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match &self.inner {
            Displaced::Redeploy { .. } => "redeploy",
            _ => "sell",
        }
    }

    /// The hall they move to, or None when they are sold.
    #[getter]
    fn hall(&self) -> Option<&str> {
        match &self.inner {
            Displaced::Redeploy { hall } => Some(hall),
            _ => None,
        }
    }

    /// The serde form, as a conversion's `displaced` takes it: `"sell"` or
    /// `{"redeploy": {"hall": ...}}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_serde_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        match &self.inner {
            Displaced::Redeploy { hall } => format!("Displaced.redeploy({hall:?})"),
            _ => "Displaced.sell()".to_owned(),
        }
    }
}

/// One phase of a retrofit: a hall stops mining at `construction_from`,
/// is rebuilt (its `capex` paid on their dates, its `assets` bought), and
/// reopens at `live_from` with an AI workload at a new PUE
/// (`wattage::facility::retrofit::Conversion`).
#[pyclass(frozen, module = "wattage", name = "Conversion")]
pub(crate) struct PyConversion {
    inner: Conversion,
}
serde_class!(PyConversion, "conversion", {
    /// The hall converted.
    #[getter]
    fn hall(&self) -> &str {
        &self.inner.hall
    }

    /// The name of the AI workload.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// What happens to the workloads the conversion displaces.
    #[getter]
    fn displaced(&self) -> PyDisplaced {
        PyDisplaced {
            inner: self.inner.displaced.clone(),
        }
    }
});

/// A conversion from a `Conversion` or its config (a dict or TOML text).
fn conversion_arg(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Conversion> {
    if let Ok(c) = obj.cast::<PyConversion>() {
        return Ok(c.get().inner.clone());
    }
    config_arg(obj, &format!("phase {index}"))
}

/// A site's deployment and the phases that convert it
/// (`wattage::facility::retrofit::RetrofitPlan`).
#[pyclass(frozen, module = "wattage", name = "RetrofitPlan")]
pub(crate) struct PyRetrofitPlan {
    inner: RetrofitPlan,
}

#[pymethods]
impl PyRetrofitPlan {
    /// A plan starting from `base`, the deployment (a dict or TOML text:
    /// the `deployment` table of a site config, `site`, `assignments` and
    /// optionally `assets`), with `phases` (Conversions or their dicts) in
    /// any order.
    #[new]
    #[pyo3(signature = (base, phases = None))]
    fn py_new(base: &Bound<'_, PyAny>, phases: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let base: Deployment = config_arg(base, "base deployment")?;
        let mut inner = RetrofitPlan::new(base);
        if let Some(phases) = phases {
            if phases.is_instance_of::<pyo3::types::PyString>() || phases.is_instance_of::<PyDict>()
            {
                return Err(PyTypeError::new_err(
                    "phases: expected a list of Conversions or conversion dicts",
                ));
            }
            for (index, phase) in phases.try_iter()?.enumerate() {
                inner = inner.with(conversion_arg(&phase?, index)?);
            }
        }
        Ok(Self { inner })
    }

    /// Reads a whole plan (`base` and `phases`) from a dict in the
    /// library's serde format; unknown keys are refused.
    #[staticmethod]
    fn from_dict(config: &Bound<'_, PyDict>) -> PyResult<Self> {
        Ok(Self {
            inner: config_arg(config.as_any(), "retrofit plan")?,
        })
    }

    /// Reads a whole plan (`base` and `phases`) from TOML text.
    #[staticmethod]
    fn from_toml(text: &Bound<'_, pyo3::types::PyString>) -> PyResult<Self> {
        Ok(Self {
            inner: config_arg(text.as_any(), "retrofit plan")?,
        })
    }

    /// A new plan with `phase` (a Conversion or its dict) added; the Rust
    /// `with`, named `with_` as Python reserves `with`.
    fn with_(&self, phase: &Bound<'_, PyAny>) -> PyResult<Self> {
        let index = self.inner.phases().len();
        Ok(Self {
            inner: self.inner.clone().with(conversion_arg(phase, index)?),
        })
    }

    /// The phases, in the order added.
    #[getter]
    fn phases(&self) -> Vec<PyConversion> {
        self.inner
            .phases()
            .iter()
            .map(|c| PyConversion { inner: c.clone() })
            .collect()
    }

    /// The starting deployment as a dict in its serde form.
    #[getter]
    fn base<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_serde_python(py, self.inner.base())
    }

    /// Applies the phases in order of construction start: a tuple of the
    /// converted deployment (a dict in its serde form) and the capex
    /// schedule (a list of `{"at", "amount"}` dicts, in date order), which
    /// a Plan dict takes as its `deployment` and `capex`. Raises
    /// FacilityError for an unknown hall, a phase live before its
    /// construction, overlapping phases of one hall, an AI load over the
    /// hall's power budget or a workload name used twice.
    fn apply<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let plan = self.inner.clone();
        let (deployment, capex) = py.detach(move || plan.apply()).or_py()?;
        let capex_list = PyList::empty(py);
        for payment in &capex {
            capex_list.append(to_serde_python(py, payment)?)?;
        }
        PyTuple::new(
            py,
            [to_serde_python(py, &deployment)?, capex_list.into_any()],
        )
    }

    /// The whole plan (`base` and `phases`) as a dict in its serde form:
    /// `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_serde_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "RetrofitPlan({} phases: {})",
            self.inner.phases().len(),
            self.inner
                .phases()
                .iter()
                .map(|c| format!("{:?} in hall {:?}", c.name, c.hall))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Registers the classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDisplaced>()?;
    m.add_class::<PyConversion>()?;
    m.add_class::<PyRetrofitPlan>()?;
    Ok(())
}
