//! Vectorised forms over numpy arrays, and the hardware catalog as an
//! Arrow table. Inputs are checked in one pass: a NaN, an infinity or a
//! value out of range raises `ValueError` naming its index.

use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wattage::hardware::catalog;
use wattage::mining::{BlockHeight, Difficulty, subsidy};
use wattage::units::{self as u, unit};

use crate::arrow_out::TableBuilder;
use crate::convert::{btc_arg, decimal_arg};
use crate::errors::OrPy;
use crate::quantity::price_arg;

/// The values of `array`, refusing NaN and infinities by index.
pub(crate) fn finite_slice(array: &PyReadonlyArray1<'_, f64>, what: &str) -> PyResult<Vec<f64>> {
    let view = array.as_array();
    let mut out = Vec::with_capacity(view.len());
    for (i, &v) in view.iter().enumerate() {
        if !v.is_finite() {
            return Err(PyValueError::new_err(format!(
                "{what}[{i}] is {v}; values must be finite"
            )));
        }
        out.push(v);
    }
    Ok(out)
}

fn bad(what: &str, i: usize, v: f64, need: &str) -> PyErr {
    PyValueError::new_err(format!("{what}[{i}] is {v}; {need}"))
}

/// Hashprice in USD per PH/s per day for arrays of `difficulty` and
/// `btc_price` (USD/BTC) of one length, at block `height` with
/// `fees_per_block` BTC (Decimal or str): the vector form of
/// `wattage.hashprice`, in f64.
#[pyfunction]
#[pyo3(signature = (difficulty, btc_price, height, fees_per_block = None))]
fn hashprice_array<'py>(
    py: Python<'py>,
    difficulty: PyReadonlyArray1<'py, f64>,
    btc_price: PyReadonlyArray1<'py, f64>,
    height: u32,
    fees_per_block: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let fees = match fees_per_block {
        Some(f) => btc_arg(f, "fees_per_block")?,
        None => u::Btc::ZERO,
    };
    let reward = subsidy::block_subsidy(BlockHeight::new(height))
        .checked_add(fees)
        .or_py()?
        .to_btc_f64();
    // USD per hash per second per day, times 1e15 for PH/s.
    let scale = reward * 86_400.0 * 1e15;
    let (d, p) = (difficulty.as_array(), btc_price.as_array());
    if d.len() != p.len() {
        return Err(PyValueError::new_err(format!(
            "difficulty has {} values and btc_price {}; they must match",
            d.len(),
            p.len()
        )));
    }
    let out = py.detach(|| -> PyResult<Vec<f64>> {
        let mut out = Vec::with_capacity(d.len());
        for (i, (&di, &pi)) in d.iter().zip(p.iter()).enumerate() {
            if !(di.is_finite() && di >= 1.0) {
                return Err(bad(
                    "difficulty",
                    i,
                    di,
                    "difficulty must be finite and at least 1",
                ));
            }
            if !(pi.is_finite() && pi > 0.0) {
                return Err(bad(
                    "btc_price",
                    i,
                    pi,
                    "prices must be finite and positive",
                ));
            }
            out.push(scale * pi / Difficulty::new(di).or_py()?.expected_hashes());
        }
        Ok(out)
    })?;
    Ok(out.into_pyarray(py))
}

/// Breakeven power prices in USD/MWh at `hashprice` for an array of
/// efficiencies in J/TH: the vector form of `breakeven_power_price`.
#[pyfunction]
fn breakeven_power_price_array<'py>(
    py: Python<'py>,
    hashprice: &Bound<'py, PyAny>,
    efficiency_j_per_th: PyReadonlyArray1<'py, f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let hp: u::Hashprice = price_arg(hashprice, "hashprice")?;
    let per_ph_day = hp.value().to_string().parse::<f64>().unwrap_or(f64::NAN);
    // One J/TH at one PH/s for a day is 0.024 MWh.
    let k = per_ph_day / 0.024;
    let e = efficiency_j_per_th.as_array();
    let out = py.detach(|| -> PyResult<Vec<f64>> {
        let mut out = Vec::with_capacity(e.len());
        for (i, &v) in e.iter().enumerate() {
            if !(v.is_finite() && v > 0.0) {
                return Err(bad(
                    "efficiency_j_per_th",
                    i,
                    v,
                    "efficiencies must be finite and positive",
                ));
            }
            out.push(k / v);
        }
        Ok(out)
    })?;
    Ok(out.into_pyarray(py))
}

/// Mining revenue per MWh (USD) for arrays of hashprice (USD/PH/day) and
/// efficiency (J/TH) of one length.
#[pyfunction]
fn revenue_per_mwh_array<'py>(
    py: Python<'py>,
    hashprice_usd_per_ph_day: PyReadonlyArray1<'py, f64>,
    efficiency_j_per_th: PyReadonlyArray1<'py, f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (h, e) = (
        hashprice_usd_per_ph_day.as_array(),
        efficiency_j_per_th.as_array(),
    );
    if h.len() != e.len() {
        return Err(PyValueError::new_err(format!(
            "hashprice has {} values and efficiency {}; they must match",
            h.len(),
            e.len()
        )));
    }
    let out = py.detach(|| -> PyResult<Vec<f64>> {
        let mut out = Vec::with_capacity(h.len());
        for (i, (&hi, &ei)) in h.iter().zip(e.iter()).enumerate() {
            if !(hi.is_finite() && hi >= 0.0) {
                return Err(bad(
                    "hashprice_usd_per_ph_day",
                    i,
                    hi,
                    "hashprices must be finite and non-negative",
                ));
            }
            if !(ei.is_finite() && ei > 0.0) {
                return Err(bad(
                    "efficiency_j_per_th",
                    i,
                    ei,
                    "efficiencies must be finite and positive",
                ));
            }
            out.push(hi / (0.024 * ei));
        }
        Ok(out)
    })?;
    Ok(out.into_pyarray(py))
}

/// The catalog's ASIC miners as a pyarrow table (units in the field metadata).
#[pyfunction]
fn asic_catalog(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let m = catalog::asic_miners();
    let mut t = TableBuilder::default();
    t.str(
        "manufacturer",
        &m.iter().map(|a| a.manufacturer()).collect::<Vec<_>>(),
    )
    .str("model", &m.iter().map(|a| a.model()).collect::<Vec<_>>())
    .str(
        "release",
        &m.iter()
            .map(|a| a.release().to_string())
            .collect::<Vec<_>>(),
    )
    .f64(
        "hashrate",
        Some("TH/s"),
        m.iter()
            .map(|a| a.hashrate().get(unit::TERAHASH_PER_SECOND))
            .collect(),
    )
    .f64(
        "power",
        Some("W"),
        m.iter().map(|a| a.power().get(unit::WATT)).collect(),
    )
    .f64(
        "efficiency",
        Some("J/TH"),
        m.iter()
            .map(|a| a.efficiency().get(unit::JOULE_PER_TERAHASH))
            .collect(),
    )
    .str(
        "cooling",
        &m.iter()
            .map(|a| a.cooling().to_string())
            .collect::<Vec<_>>(),
    )
    .str("source", &m.iter().map(|a| a.source()).collect::<Vec<_>>());
    t.finish(py)
}

/// The catalog's AI accelerators as a pyarrow table (name, vendor, board
/// power in W where known, NaN where not).
#[pyfunction]
fn accelerator_catalog(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let a = catalog::accelerators();
    let mut t = TableBuilder::default();
    t.str("vendor", &a.iter().map(|x| x.vendor()).collect::<Vec<_>>())
        .str("name", &a.iter().map(|x| x.name()).collect::<Vec<_>>())
        .str(
            "release",
            &a.iter()
                .map(|x| x.release().map(|r| r.to_string()).unwrap_or_default())
                .collect::<Vec<_>>(),
        )
        .f64(
            "board_power",
            Some("W"),
            a.iter()
                .map(|x| x.board_power().map_or(f64::NAN, |p| p.get(unit::WATT)))
                .collect(),
        )
        .f64(
            "memory",
            Some("B"),
            a.iter()
                .map(|x| x.memory_bytes().unwrap_or(f64::NAN))
                .collect(),
        );
    t.finish(py)
}

/// (model, hashrate, power, efficiency) of a catalog miner.
type AsicTuple<'py> = (
    String,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
);

/// Looks up one ASIC in the catalog (forgiving: "s21 xp") and returns
/// (model, Hashrate, Power, HashEfficiency).
#[pyfunction]
fn asic<'py>(py: Python<'py>, query: &str) -> PyResult<AsicTuple<'py>> {
    let m = catalog::asic(query).or_py()?;
    use crate::quantity::Q;
    Ok((
        m.model().to_owned(),
        Q::Hashrate(m.hashrate()).into_py(py)?,
        Q::Power(m.power()).into_py(py)?,
        Q::HashEfficiency(m.efficiency()).into_py(py)?,
    ))
}

/// Registers the functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(hashprice_array, m)?)?;
    m.add_function(wrap_pyfunction!(breakeven_power_price_array, m)?)?;
    m.add_function(wrap_pyfunction!(revenue_per_mwh_array, m)?)?;
    m.add_function(wrap_pyfunction!(asic_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(accelerator_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(asic, m)?)?;
    let _ = decimal_arg;
    Ok(())
}
