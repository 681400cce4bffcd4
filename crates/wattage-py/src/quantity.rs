//! Quantities (`Hashrate`, `Power`, ...) and prices (`EnergyPrice`,
//! `Hashprice`, ...) as Python classes. Quantities are `f64` in base units
//! as in Rust; prices are exact decimals. Products and quotients follow the
//! library's algebra table, checked at run time: anything else raises
//! `TypeError` naming both types.

use core::str::FromStr;

use pyo3::basic::CompareOp;
use pyo3::exceptions::{PyTypeError, PyZeroDivisionError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use wattage::units::{self as u, Measure};

use crate::convert::{decimal_arg, to_py_decimal, type_name, usd_out};
use crate::errors::{OrPy, UnitError};

/// The unit of `Q` written `text` (a symbol or an accepted alias).
fn find_unit<Q: Measure>(text: &str, class: &str) -> PyResult<u::Unit<Q>> {
    let t = text.trim();
    Q::UNITS
        .iter()
        .find(|unit| unit.symbol() == t || unit.aliases_accepted().contains(&t))
        .copied()
        .ok_or_else(|| {
            let known: Vec<&str> = Q::UNITS.iter().map(u::Unit::symbol).collect();
            UnitError::new_err(format!(
                "{class}: unknown unit {t:?}; expected one of {}",
                known.join(", ")
            ))
        })
}

/// Any quantity, for the run-time algebra.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Q {
    Hashrate(u::Hashrate),
    HashEfficiency(u::HashEfficiency),
    Power(u::Power),
    Energy(u::Energy),
    Time(u::Time),
    Hashes(u::Hashes),
    FlopRate(u::FlopRate),
    Flops(u::Flops),
    ComputeEfficiency(u::ComputeEfficiency),
    Frequency(u::Frequency),
}

macro_rules! quantity_class {
    ($py:ident, $rust:ident, $name:literal, $example:literal) => {
        #[doc = concat!("A ", $name, " quantity, e.g. `", $name, "(\"", $example, "\")`,")]
        #[doc = concat!("or `", $name, "(value, unit)`.")]
        #[pyclass(frozen, module = "wattage", name = $name)]
        #[derive(Debug, Clone, Copy)]
        pub(crate) struct $py {
            pub(crate) inner: u::$rust,
        }

        impl From<u::$rust> for Q {
            fn from(value: u::$rust) -> Self {
                Q::$rust(value)
            }
        }

        #[pymethods]
        impl $py {
            /// Parses a unit string (`"950 EH/s"`), or takes a number and a unit.
            #[new]
            #[pyo3(signature = (value, unit = None))]
            fn py_new(value: &Bound<'_, PyAny>, unit: Option<&str>) -> PyResult<Self> {
                match unit {
                    None => {
                        let text: String = value
                            .cast::<PyString>()
                            .map_err(|_| {
                                PyTypeError::new_err(format!(
                                    concat!(
                                        $name,
                                        "(): expected a unit string such as \"",
                                        $example,
                                        "\" or (value, unit), got {} {}"
                                    ),
                                    type_name(value),
                                    value.repr().map(|r| r.to_string()).unwrap_or_default()
                                ))
                            })?
                            .to_string();
                        Ok(Self {
                            inner: u::$rust::from_str(&text).or_py()?,
                        })
                    }
                    Some(unit) => {
                        let number = plain_float(value, concat!($name, "(value, unit)"))?;
                        let unit = find_unit::<u::$rust>(unit, $name)?;
                        Ok(Self {
                            inner: u::$rust::new(number, unit).or_py()?,
                        })
                    }
                }
            }

            /// The value in `unit` (a unit string such as "PH/s"), as a float.
            fn to(&self, unit: &str) -> PyResult<f64> {
                Ok(self.inner.get(find_unit::<u::$rust>(unit, $name)?))
            }

            /// Displays the quantity in `unit`, with `digits` decimals if given.
            #[pyo3(signature = (unit, digits = None))]
            fn display(&self, unit: &str, digits: Option<usize>) -> PyResult<String> {
                let d = self.inner.display_in(find_unit::<u::$rust>(unit, $name)?);
                Ok(match digits {
                    Some(n) => format!("{d:.n$}"),
                    None => d.to_string(),
                })
            }

            /// The value in the base (SI) unit.
            #[getter]
            fn base_value(&self) -> f64 {
                self.inner.base_value()
            }

            /// The base unit's symbol.
            #[classattr]
            fn base_unit() -> &'static str {
                <u::$rust as Measure>::BASE_UNIT.symbol()
            }

            /// The unit symbols this quantity accepts.
            #[classattr]
            fn units() -> Vec<&'static str> {
                <u::$rust as Measure>::UNITS
                    .iter()
                    .map(u::Unit::symbol)
                    .collect()
            }

            fn __str__(&self) -> String {
                self.inner.to_string()
            }

            fn __repr__(&self) -> String {
                format!(concat!($name, "({:?})"), self.inner.to_string())
            }

            fn __format__(&self, spec: &str) -> String {
                match spec.strip_prefix('.').and_then(|d| d.parse::<usize>().ok()) {
                    Some(n) => format!("{:.n$}", self.inner),
                    None => self.inner.to_string(),
                }
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                Ok((
                    slf.get_type().into_any(),
                    (slf.get().inner.to_exact_string(),),
                ))
            }

            fn __hash__(&self) -> u64 {
                self.inner.base_value().to_bits()
            }

            fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
                let py = other.py();
                let Ok(other) = other.cast::<Self>() else {
                    return match op {
                        CompareOp::Eq => {
                            Ok(false.into_pyobject(py)?.to_owned().into_any().unbind())
                        }
                        CompareOp::Ne => Ok(true.into_pyobject(py)?.to_owned().into_any().unbind()),
                        _ => Err(PyTypeError::new_err(format!(
                            concat!("cannot compare ", $name, " with {}"),
                            type_name(other)
                        ))),
                    };
                };
                let (a, b) = (self.inner.base_value(), other.get().inner.base_value());
                Ok(op
                    .matches(a.partial_cmp(&b).unwrap_or(core::cmp::Ordering::Equal))
                    .into_pyobject(py)?
                    .to_owned()
                    .into_any()
                    .unbind())
            }

            fn __add__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                add_sub(Q::$rust(self.inner), other, false)
            }

            fn __sub__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                add_sub(Q::$rust(self.inner), other, true)
            }

            fn __mul__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                mul(Q::$rust(self.inner), other)
            }

            fn __rmul__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                mul(Q::$rust(self.inner), other)
            }

            fn __truediv__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                div(Q::$rust(self.inner), other)
            }

            fn __neg__(&self) -> PyResult<Self> {
                Ok(Self {
                    inner: <u::$rust as Measure>::try_from_base(-self.inner.base_value())
                        .or_py()?,
                })
            }
        }
    };
}

quantity_class!(PyHashrate, Hashrate, "Hashrate", "950 EH/s");
quantity_class!(
    PyHashEfficiency,
    HashEfficiency,
    "HashEfficiency",
    "17.5 J/TH"
);
quantity_class!(PyPower, Power, "Power", "150 MW");
quantity_class!(PyEnergy, Energy, "Energy", "2.6 MWh");
quantity_class!(PyTime, Time, "Time", "30 d");
quantity_class!(PyHashes, Hashes, "Hashes", "1 EH");
quantity_class!(PyFlopRate, FlopRate, "FlopRate", "989 TFLOP/s");
quantity_class!(PyFlops, Flops, "Flops", "1 EFLOP");
quantity_class!(
    PyComputeEfficiency,
    ComputeEfficiency,
    "ComputeEfficiency",
    "1.4 TFLOPS/W"
);
quantity_class!(PyFrequency, Frequency, "Frequency", "1 GHz");

/// A float from a Python int or float (not bool, not Decimal).
pub(crate) fn plain_float(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<f64> {
    if obj.is_instance_of::<pyo3::types::PyFloat>()
        || (obj.is_instance_of::<pyo3::types::PyInt>()
            && !obj.is_instance_of::<pyo3::types::PyBool>())
    {
        obj.extract::<f64>()
    } else {
        Err(PyTypeError::new_err(format!(
            "{what}: expected int or float, got {}",
            type_name(obj)
        )))
    }
}

impl Q {
    fn name(self) -> &'static str {
        match self {
            Q::Hashrate(_) => "Hashrate",
            Q::HashEfficiency(_) => "HashEfficiency",
            Q::Power(_) => "Power",
            Q::Energy(_) => "Energy",
            Q::Time(_) => "Time",
            Q::Hashes(_) => "Hashes",
            Q::FlopRate(_) => "FlopRate",
            Q::Flops(_) => "Flops",
            Q::ComputeEfficiency(_) => "ComputeEfficiency",
            Q::Frequency(_) => "Frequency",
        }
    }

    fn base(self) -> f64 {
        match self {
            Q::Hashrate(x) => x.base_value(),
            Q::HashEfficiency(x) => x.base_value(),
            Q::Power(x) => x.base_value(),
            Q::Energy(x) => x.base_value(),
            Q::Time(x) => x.base_value(),
            Q::Hashes(x) => x.base_value(),
            Q::FlopRate(x) => x.base_value(),
            Q::Flops(x) => x.base_value(),
            Q::ComputeEfficiency(x) => x.base_value(),
            Q::Frequency(x) => x.base_value(),
        }
    }

    /// The same kind of quantity with base value `v`.
    fn with_base(self, v: f64) -> PyResult<Q> {
        fn b<M: Measure>(v: f64) -> PyResult<M> {
            M::try_from_base(v).or_py()
        }
        Ok(match self {
            Q::Hashrate(_) => Q::Hashrate(b(v)?),
            Q::HashEfficiency(_) => Q::HashEfficiency(b(v)?),
            Q::Power(_) => Q::Power(b(v)?),
            Q::Energy(_) => Q::Energy(b(v)?),
            Q::Time(_) => Q::Time(b(v)?),
            Q::Hashes(_) => Q::Hashes(b(v)?),
            Q::FlopRate(_) => Q::FlopRate(b(v)?),
            Q::Flops(_) => Q::Flops(b(v)?),
            Q::ComputeEfficiency(_) => Q::ComputeEfficiency(b(v)?),
            Q::Frequency(_) => Q::Frequency(b(v)?),
        })
    }

    /// The Python object.
    pub(crate) fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(match self {
            Q::Hashrate(inner) => Bound::new(py, PyHashrate { inner })?.into_any(),
            Q::HashEfficiency(inner) => Bound::new(py, PyHashEfficiency { inner })?.into_any(),
            Q::Power(inner) => Bound::new(py, PyPower { inner })?.into_any(),
            Q::Energy(inner) => Bound::new(py, PyEnergy { inner })?.into_any(),
            Q::Time(inner) => Bound::new(py, PyTime { inner })?.into_any(),
            Q::Hashes(inner) => Bound::new(py, PyHashes { inner })?.into_any(),
            Q::FlopRate(inner) => Bound::new(py, PyFlopRate { inner })?.into_any(),
            Q::Flops(inner) => Bound::new(py, PyFlops { inner })?.into_any(),
            Q::ComputeEfficiency(inner) => {
                Bound::new(py, PyComputeEfficiency { inner })?.into_any()
            }
            Q::Frequency(inner) => Bound::new(py, PyFrequency { inner })?.into_any(),
        })
    }

    /// The quantity held by a Python object, if it is one.
    pub(crate) fn from_py(obj: &Bound<'_, PyAny>) -> Option<Q> {
        macro_rules! try_class {
            ($($py:ident => $v:ident),*) => {
                $(if let Ok(x) = obj.cast::<$py>() { return Some(Q::$v(x.get().inner)); })*
            };
        }
        try_class!(PyHashrate => Hashrate, PyHashEfficiency => HashEfficiency, PyPower => Power,
            PyEnergy => Energy, PyTime => Time, PyHashes => Hashes, PyFlopRate => FlopRate,
            PyFlops => Flops, PyComputeEfficiency => ComputeEfficiency, PyFrequency => Frequency);
        None
    }
}

fn add_sub<'py>(a: Q, other: &Bound<'py, PyAny>, sub: bool) -> PyResult<Bound<'py, PyAny>> {
    let py = other.py();
    let verb = if sub { "subtract" } else { "add" };
    let Some(b) = Q::from_py(other) else {
        return Err(PyTypeError::new_err(format!(
            "cannot {verb} {} {} {}: both must be quantities of one kind",
            type_name(other),
            if sub { "from" } else { "to" },
            a.name()
        )));
    };
    if core::mem::discriminant(&a) != core::mem::discriminant(&b) {
        return Err(PyTypeError::new_err(format!(
            "cannot {verb} {} {} {}: different dimensions",
            b.name(),
            if sub { "from" } else { "to" },
            a.name()
        )));
    }
    let v = if sub {
        a.base() - b.base()
    } else {
        a.base() + b.base()
    };
    a.with_base(v)?.into_py(py)
}

fn mul<'py>(a: Q, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = other.py();
    let Some(b) = Q::from_py(other) else {
        let k = scalar(other, a, "multiply")?;
        return a.with_base(a.base() * k)?.into_py(py);
    };
    let product = match (a, b) {
        (Q::Hashrate(x), Q::HashEfficiency(y)) | (Q::HashEfficiency(y), Q::Hashrate(x)) => {
            Q::Power(x * y)
        }
        (Q::Power(x), Q::Time(y)) | (Q::Time(y), Q::Power(x)) => Q::Energy(x * y),
        (Q::Hashrate(x), Q::Time(y)) | (Q::Time(y), Q::Hashrate(x)) => Q::Hashes(x * y),
        (Q::Hashes(x), Q::HashEfficiency(y)) | (Q::HashEfficiency(y), Q::Hashes(x)) => {
            Q::Energy(x * y)
        }
        (Q::Power(x), Q::ComputeEfficiency(y)) | (Q::ComputeEfficiency(y), Q::Power(x)) => {
            Q::FlopRate(x * y)
        }
        (Q::FlopRate(x), Q::Time(y)) | (Q::Time(y), Q::FlopRate(x)) => Q::Flops(x * y),
        (Q::Energy(x), Q::ComputeEfficiency(y)) | (Q::ComputeEfficiency(y), Q::Energy(x)) => {
            Q::Flops(x * y)
        }
        (Q::Frequency(x), Q::Time(y)) | (Q::Time(y), Q::Frequency(x)) => {
            return Ok(pyo3::types::PyFloat::new(py, x * y).into_any());
        }
        _ => {
            return Err(PyTypeError::new_err(format!(
                "cannot multiply {} by {}: the product has no meaning in wattage",
                a.name(),
                b.name()
            )));
        }
    };
    product.into_py(py)
}

fn div<'py>(a: Q, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = other.py();
    let Some(b) = Q::from_py(other) else {
        let k = scalar(other, a, "divide")?;
        if k == 0.0 {
            return Err(PyZeroDivisionError::new_err(format!(
                "{} divided by zero",
                a.name()
            )));
        }
        return a.with_base(a.base() / k)?.into_py(py);
    };
    if core::mem::discriminant(&a) == core::mem::discriminant(&b) {
        if b.base() == 0.0 {
            return Err(PyZeroDivisionError::new_err(format!(
                "{} divided by zero",
                b.name()
            )));
        }
        return Ok(pyo3::types::PyFloat::new(py, a.base() / b.base()).into_any());
    }
    if b.base() == 0.0 {
        return Err(PyZeroDivisionError::new_err(format!(
            "{} divided by zero",
            b.name()
        )));
    }
    let quotient = match (a, b) {
        (Q::Power(x), Q::Hashrate(y)) => Q::HashEfficiency(x / y),
        (Q::Power(x), Q::HashEfficiency(y)) => Q::Hashrate(x / y),
        (Q::Energy(x), Q::Time(y)) => Q::Power(x / y),
        (Q::Energy(x), Q::Power(y)) => Q::Time(x / y),
        (Q::Hashes(x), Q::Time(y)) => Q::Hashrate(x / y),
        (Q::Hashes(x), Q::Hashrate(y)) => Q::Time(x / y),
        (Q::Energy(x), Q::Hashes(y)) => Q::HashEfficiency(x / y),
        (Q::Energy(x), Q::HashEfficiency(y)) => Q::Hashes(x / y),
        (Q::FlopRate(x), Q::Power(y)) => Q::ComputeEfficiency(x / y),
        (Q::FlopRate(x), Q::ComputeEfficiency(y)) => Q::Power(x / y),
        (Q::Flops(x), Q::Time(y)) => Q::FlopRate(x / y),
        (Q::Flops(x), Q::FlopRate(y)) => Q::Time(x / y),
        (Q::Flops(x), Q::Energy(y)) => Q::ComputeEfficiency(x / y),
        (Q::Flops(x), Q::ComputeEfficiency(y)) => Q::Energy(x / y),
        _ => {
            return Err(PyTypeError::new_err(format!(
                "cannot divide {} by {}: the quotient has no meaning in wattage",
                a.name(),
                b.name()
            )));
        }
    };
    quotient.into_py(py)
}

/// A plain number to scale a quantity by.
fn scalar(other: &Bound<'_, PyAny>, a: Q, verb: &str) -> PyResult<f64> {
    plain_float(
        other,
        &format!("cannot {verb} {} by {}", a.name(), type_name(other)),
    )
    .map_err(|_| {
        PyTypeError::new_err(format!(
            "cannot {verb} {} by {}: expected a quantity or a plain int/float",
            a.name(),
            type_name(other)
        ))
    })
}

/// A quantity argument: an instance of the class, or a unit string.
pub(crate) fn quantity_arg<M>(obj: &Bound<'_, PyAny>, what: &str, class: &str) -> PyResult<M>
where
    M: Measure + FromStr,
    <M as FromStr>::Err: crate::errors::ToPyErr,
    Q: TryInto<M>,
{
    if let Ok(s) = obj.cast::<PyString>() {
        return M::from_str(&s.to_string()).or_py();
    }
    if let Some(q) = Q::from_py(obj) {
        if let Ok(m) = q.try_into() {
            return Ok(m);
        }
        return Err(PyTypeError::new_err(format!(
            "{what}: expected {class}, got {}",
            q.name()
        )));
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected {class} (or a unit string), got {}",
        type_name(obj)
    )))
}

macro_rules! try_into_measure {
    ($($v:ident),*) => {$(
        impl TryFrom<Q> for u::$v {
            type Error = ();
            fn try_from(q: Q) -> Result<Self, ()> {
                match q { Q::$v(x) => Ok(x), _ => Err(()) }
            }
        }
    )*};
}
try_into_measure!(
    Hashrate,
    HashEfficiency,
    Power,
    Energy,
    Time,
    Hashes,
    FlopRate,
    Flops,
    ComputeEfficiency,
    Frequency
);

macro_rules! price_class {
    ($py:ident, $rust:ident, $name:literal, $example:literal) => {
        #[doc = concat!("An exact price, e.g. `", $name, "(\"", $example,
                                    "\")` or `", $name, "(Decimal(...))` in the canonical unit.")]
        #[pyclass(frozen, module = "wattage", name = $name)]
        #[derive(Debug, Clone, Copy)]
        pub(crate) struct $py {
            pub(crate) inner: u::$rust,
        }

        #[pymethods]
        impl $py {
            /// Parses a price string, or takes a Decimal in the canonical unit.
            #[new]
            fn py_new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(Self {
                    inner: price_arg::<u::$rust>(value, $name)?,
                })
            }

            /// The value in the canonical unit, as a Decimal.
            #[getter]
            fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                to_py_decimal(py, self.inner.value())
            }

            /// The canonical unit (e.g. "/MWh").
            #[classattr]
            fn unit() -> &'static str {
                u::$rust::UNIT
            }

            fn __str__(&self) -> String {
                self.inner.to_string()
            }

            fn __repr__(&self) -> String {
                format!(concat!($name, "({:?})"), self.inner.to_string())
            }

            fn __format__(&self, spec: &str) -> String {
                match spec.strip_prefix('.').and_then(|d| d.parse::<usize>().ok()) {
                    Some(n) => format!("{:.n$}", self.inner),
                    None => self.inner.to_string(),
                }
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
                let py = slf.py();
                Ok((
                    slf.get_type().into_any(),
                    (to_py_decimal(py, slf.get().inner.value())?,),
                ))
            }

            fn __hash__(&self) -> u64 {
                use core::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                self.inner.value().normalize().hash(&mut h);
                h.finish()
            }

            fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<bool> {
                let Ok(other) = other.cast::<Self>() else {
                    return match op {
                        CompareOp::Eq => Ok(false),
                        CompareOp::Ne => Ok(true),
                        _ => Err(PyTypeError::new_err(format!(
                            concat!("cannot compare ", $name, " with {}"),
                            type_name(other)
                        ))),
                    };
                };
                Ok(op.matches(self.inner.cmp(&other.get().inner)))
            }
        }
    };
}

price_class!(PyEnergyPrice, EnergyPrice, "EnergyPrice", "$45/MWh");
price_class!(PyHashprice, Hashprice, "Hashprice", "$52/PH/day");
price_class!(PyBtcPrice, BtcPrice, "BtcPrice", "$105,000/BTC");
price_class!(PyLeaseRate, LeaseRate, "LeaseRate", "$120/kW/month");
price_class!(PyGpuHourPrice, GpuHourPrice, "GpuHourPrice", "$2.95/GPU-h");
price_class!(PyHashcost, Hashcost, "Hashcost", "$30/PH/day");

/// A price of type `P` from a price string, an instance, or a Decimal.
pub(crate) trait Price: Sized + Copy + FromStr {
    /// The library's constructor from the canonical value.
    fn from_value(value: wattage::rust_decimal::Decimal) -> Result<Self, u::MoneyError>;
    /// The Python class holding it, if `obj` is one.
    fn from_obj(obj: &Bound<'_, PyAny>) -> Option<Self>;
}

macro_rules! price_impl {
    ($($py:ident => $rust:ident),*) => {$(
        impl Price for u::$rust {
            fn from_value(value: wattage::rust_decimal::Decimal) -> Result<Self, u::MoneyError> {
                u::$rust::new(value)
            }
            fn from_obj(obj: &Bound<'_, PyAny>) -> Option<Self> {
                obj.cast::<$py>().ok().map(|p| p.get().inner)
            }
        }
    )*};
}
price_impl!(PyEnergyPrice => EnergyPrice, PyHashprice => Hashprice, PyBtcPrice => BtcPrice,
    PyLeaseRate => LeaseRate, PyGpuHourPrice => GpuHourPrice, PyHashcost => Hashcost);

/// A price argument: an instance, a price string, or a Decimal in the
/// canonical unit. Another quantity or price is a `TypeError`.
pub(crate) fn price_arg<P>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<P>
where
    P: Price,
    <P as FromStr>::Err: crate::errors::ToPyErr,
{
    if let Some(p) = P::from_obj(obj) {
        return Ok(p);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_string();
        if crate::convert::parse_decimal(&text).is_none() {
            return P::from_str(&text).or_py();
        }
    }
    if let Some(q) = Q::from_py(obj) {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a price, got {}",
            q.name()
        )));
    }
    P::from_value(decimal_arg(obj, what)?).or_py()
}

/// Registers the classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyHashrate>()?;
    m.add_class::<PyHashEfficiency>()?;
    m.add_class::<PyPower>()?;
    m.add_class::<PyEnergy>()?;
    m.add_class::<PyTime>()?;
    m.add_class::<PyHashes>()?;
    m.add_class::<PyFlopRate>()?;
    m.add_class::<PyFlops>()?;
    m.add_class::<PyComputeEfficiency>()?;
    m.add_class::<PyFrequency>()?;
    m.add_class::<PyEnergyPrice>()?;
    m.add_class::<PyHashprice>()?;
    m.add_class::<PyBtcPrice>()?;
    m.add_class::<PyLeaseRate>()?;
    m.add_class::<PyGpuHourPrice>()?;
    m.add_class::<PyHashcost>()?;
    m.add_function(wrap_pyfunction!(parse_usd, m)?)?;
    m.add_function(wrap_pyfunction!(parse_btc, m)?)?;
    m.add_function(wrap_pyfunction!(energy_cost, m)?)?;
    Ok(())
}

/// Parses a dollar amount ("$1,250.50", "-$3") to an exact Decimal.
#[pyfunction]
fn parse_usd<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    usd_out(py, u::Usd::from_str(text).or_py()?)
}

/// Parses a bitcoin amount ("3.125 BTC", "150 sat") to an exact Decimal of BTC.
#[pyfunction]
fn parse_btc<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    crate::convert::btc_out(py, u::Btc::from_str(text).or_py()?)
}

/// What `energy` costs at `price`: an exact Decimal of dollars.
#[pyfunction]
fn energy_cost<'py>(
    py: Python<'py>,
    price: &Bound<'py, PyAny>,
    energy: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let p: u::EnergyPrice = price_arg(price, "price")?;
    let e: u::Energy = quantity_arg(energy, "energy", "Energy")?;
    usd_out(py, p.cost(e).or_py()?)
}
