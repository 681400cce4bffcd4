//! Python bindings for wattage (the `wattage` package on PyPI): quantities
//! and exact money, mining economics, vectorised numpy forms, Arrow tables,
//! and site simulations through the facade crate.
//!
//! Built with maturin into an abi3 wheel (`crates/wattage-py/pyproject.toml`);
//! the native module is `wattage._wattage`, re-exported by the pure-Python
//! package in `python/wattage`.
//!
//! Every call into `wattage::facility` is in the `facility` module, and into
//! `wattage::finance` in the `finance` module, so that a change of either
//! API is rewired in one place.
#![forbid(unsafe_code)]

use pyo3::prelude::*;

mod arrow_out;
mod convert;
mod economics;
mod errors;
mod facility;
mod finance;
mod quantity;
mod vector;

/// The native module, `wattage._wattage`.
#[pymodule]
fn _wattage(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    quantity::register(m)?;
    economics::register(m)?;
    vector::register(m)?;
    facility::register(m)?;
    finance::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
