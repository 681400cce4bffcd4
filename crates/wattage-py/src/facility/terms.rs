//! Library types read whole through their serde formats (a dict or a TOML
//! string), and serializable results given back as Python values, so that
//! a field added to a spec or a result reaches Python without a change
//! here.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wattage::units::Usd;

use crate::convert::{Format, parse_decimal, read_config, to_py_decimal};

/// Reads `config`, a dict (values as `Site.from_dict` takes them) or TOML
/// text, as a `T`; `what` names it in the error. Unknown keys are refused
/// by the library's types themselves.
pub(crate) fn config_arg<T: DeserializeOwned>(
    config: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<T> {
    if let Ok(text) = config.cast::<PyString>() {
        return read_config(&text.to_string(), Format::Toml, what);
    }
    let text: String = config
        .py()
        .import("wattage._config")?
        .call_method1("to_json", (config,))?
        .extract()?;
    read_config(&text, Format::Json, what)
}

/// `value` in its serde form as Python values, strings kept as they are
/// (money as `"$1234.5"`): what `from_dict` reads back.
pub(crate) fn to_serde_python<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &to_json(value)?, false)
}

fn to_json<T: Serialize>(value: &T) -> PyResult<Value> {
    serde_json::to_value(value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("converting a result: {e}")))
}

/// `value` as Python: maps become dicts, sequences lists, numbers ints or
/// floats; a money string (`"$1234.5"`, `"-$3"`) or a plain decimal string
/// (the serde form of an exact decimal) becomes a `decimal.Decimal`; other
/// strings (dates, prices with a unit) stay strings, and so does the value
/// of a key in [`NAME_KEYS`], whatever it looks like (an asset named "2027").
pub(crate) fn to_python<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &to_json(value)?, true)
}

/// Keys whose values are names, never converted to decimals.
const NAME_KEYS: [&str; 5] = ["name", "asset", "tranche", "workload", "hall"];

/// `v` as Python; with `exact`, money and decimal strings as `Decimal`.
fn json_to_py<'py>(py: Python<'py>, v: &Value, exact: bool) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) if exact => string_to_py(py, s)?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item, exact)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                let exact = exact && !NAME_KEYS.contains(&k.as_str());
                dict.set_item(k, json_to_py(py, item, exact)?)?;
            }
            dict.into_any()
        }
    })
}

fn string_to_py<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    if let Some(d) = parse_decimal(s) {
        return to_py_decimal(py, d);
    }
    let money = s.starts_with('$') || s.starts_with("-$");
    if money && !s.contains('/') {
        if let Ok(usd) = s.parse::<Usd>() {
            return to_py_decimal(py, usd.dollars());
        }
    }
    Ok(PyString::new(py, s).into_any())
}
