//! Conversions between Python values and the library's exact types:
//! `decimal.Decimal` for money (never float), unit strings for prices,
//! and configs read through the library's serde formats.

use core::str::FromStr;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};
use serde::de::DeserializeOwned;
use wattage::rust_decimal::Decimal;
use wattage::units::{Btc, Usd};

use crate::errors::{ConfigError, OrPy};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Python's `decimal.Decimal` class.
fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A Python `decimal.Decimal` with exactly `value`'s digits.
pub(crate) fn to_py_decimal<'py>(py: Python<'py>, value: Decimal) -> PyResult<Bound<'py, PyAny>> {
    decimal_class(py)?.call1((value.to_string(),))
}

/// The Python type name of `obj` (`decimal.Decimal`, `float`, ...).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    let ty = obj.get_type();
    let name = ty
        .qualname()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned());
    match ty.module().map(|m| m.to_string()) {
        Ok(module) if module != "builtins" => format!("{module}.{name}"),
        _ => name,
    }
}

/// An exact decimal from a `decimal.Decimal`, an `int` or a numeric string;
/// a float is refused, since it is not exact.
pub(crate) fn decimal_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Decimal> {
    let py = obj.py();
    let text = if obj.is_instance(decimal_class(py)?)? {
        obj.str()?.to_string()
    } else if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected decimal.Decimal, int or str, got bool"
        )));
    } else if obj.is_instance_of::<pyo3::types::PyInt>() {
        obj.str()?.to_string()
    } else if let Ok(s) = obj.cast::<PyString>() {
        s.to_string()
    } else {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected decimal.Decimal, int or str (money is exact, never float), got {} {}",
            type_name(obj),
            obj.repr().map(|r| r.to_string()).unwrap_or_default()
        )));
    };
    parse_decimal(&text).ok_or_else(|| {
        PyValueError::new_err(format!("{what}: {text:?} is not a finite decimal number"))
    })
}

/// Parses a plain or scientific decimal string.
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::from_str_exact(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
}

/// The nearest `f64` of a decimal (through its shortest text, which
/// `f64`'s parser rounds correctly).
pub(crate) fn decimal_to_f64(value: Decimal) -> f64 {
    value.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

/// Dollars from a Decimal, an int, or a money string (`"$1,250.50"`).
pub(crate) fn usd_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Usd> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_string();
        if parse_decimal(&text).is_none() {
            return Usd::from_str(&text).or_py();
        }
    }
    Ok(Usd::new(decimal_arg(obj, what)?))
}

/// Bitcoin from a Decimal of BTC, an int, or a string (`"3.125 BTC"`).
pub(crate) fn btc_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Btc> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_string();
        if parse_decimal(&text).is_none() {
            return Btc::from_str(&text).or_py();
        }
    }
    Btc::from_btc(decimal_arg(obj, what)?).or_py()
}

/// Dollars as a Python Decimal.
pub(crate) fn usd_out(py: Python<'_>, value: Usd) -> PyResult<Bound<'_, PyAny>> {
    to_py_decimal(py, value.dollars())
}

/// Bitcoin as a Python Decimal of BTC (8 places at most).
pub(crate) fn btc_out(py: Python<'_>, value: Btc) -> PyResult<Bound<'_, PyAny>> {
    to_py_decimal(py, value.to_btc())
}

/// The format of a config text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    /// JSON, as the Python layer writes a dict.
    Json,
    /// TOML, as the Rust tools read.
    Toml,
}

/// Reads `text` as a `T` through its serde format: every library config
/// type refuses unknown keys itself (`deny_unknown_fields`), naming the key
/// and the expected ones; `what` names the config in the message.
pub(crate) fn read_config<T: DeserializeOwned>(
    text: &str,
    format: Format,
    what: &str,
) -> PyResult<T> {
    let result = match format {
        Format::Json => serde_json::from_str(text).map_err(|e| e.to_string()),
        Format::Toml => toml::from_str(text).map_err(|e| e.to_string()),
    };
    result.map_err(|e| ConfigError::new_err(format!("{what}: {e}")))
}
