//! The exception hierarchy: every error of the library reaches Python as a
//! subclass of `wattage.WattageError`, itself a `ValueError`, with the Rust
//! error's message.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    wattage,
    WattageError,
    PyValueError,
    "Base of every wattage error; a ValueError whose message is the library's."
);
create_exception!(
    wattage,
    UnitError,
    WattageError,
    "A quantity or unit string was refused: unknown unit, NaN, infinite, negative."
);
create_exception!(
    wattage,
    MoneyError,
    WattageError,
    "Money or a price was refused or overflowed."
);
create_exception!(
    wattage,
    MiningError,
    WattageError,
    "The mining economics refused the inputs (wattage-mining)."
);
create_exception!(
    wattage,
    FacilityError,
    WattageError,
    "A site, contract, price series or simulation was refused (wattage-facility)."
);
create_exception!(
    wattage,
    FinanceError,
    WattageError,
    "A rate, cash flow, depreciation, loan or tax input was refused (wattage-finance)."
);
create_exception!(
    wattage,
    ConfigError,
    WattageError,
    "A site config (dict or TOML) could not be read: unknown key, wrong type, bad value."
);
create_exception!(
    wattage,
    HardwareError,
    WattageError,
    "A catalog look-up or hardware spec was refused (wattage-hardware)."
);

/// Registers the exceptions on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("WattageError", py.get_type::<WattageError>())?;
    m.add("UnitError", py.get_type::<UnitError>())?;
    m.add("MoneyError", py.get_type::<MoneyError>())?;
    m.add("MiningError", py.get_type::<MiningError>())?;
    m.add("FacilityError", py.get_type::<FacilityError>())?;
    m.add("FinanceError", py.get_type::<FinanceError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("HardwareError", py.get_type::<HardwareError>())?;
    Ok(())
}

/// Converts a library error to its Python exception.
pub(crate) trait ToPyErr {
    /// The Python exception carrying this error's message.
    fn py_err(self) -> PyErr;
}

impl ToPyErr for wattage::units::QuantityError {
    fn py_err(self) -> PyErr {
        UnitError::new_err(self.to_string())
    }
}
impl ToPyErr for wattage::units::ParseError {
    fn py_err(self) -> PyErr {
        UnitError::new_err(self.to_string())
    }
}
impl ToPyErr for wattage::units::MoneyError {
    fn py_err(self) -> PyErr {
        MoneyError::new_err(self.to_string())
    }
}
impl ToPyErr for wattage::mining::Error {
    fn py_err(self) -> PyErr {
        MiningError::new_err(self.to_string())
    }
}
impl ToPyErr for wattage::facility::FacilityError {
    fn py_err(self) -> PyErr {
        FacilityError::new_err(self.to_string())
    }
}
impl ToPyErr for wattage::finance::FinanceError {
    fn py_err(self) -> PyErr {
        FinanceError::new_err(self.to_string())
    }
}
impl ToPyErr for wattage::hardware::Error {
    fn py_err(self) -> PyErr {
        HardwareError::new_err(self.to_string())
    }
}

/// `result.map_err(ToPyErr::py_err)`, shorter.
pub(crate) trait OrPy<T> {
    /// The value, or the error as a Python exception.
    fn or_py(self) -> PyResult<T>;
}

impl<T, E: ToPyErr> OrPy<T> for Result<T, E> {
    fn or_py(self) -> PyResult<T> {
        self.map_err(ToPyErr::py_err)
    }
}
