//! Vectorised forms over numpy arrays, and the hardware catalog as an
//! Arrow table. Inputs are checked in one pass: a NaN, an infinity or a
//! value out of range raises `ValueError` naming its index.

use std::borrow::Cow;

use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use rayon::prelude::*;
use wattage::hardware::catalog;
use wattage::mining::{BlockHeight, Difficulty, subsidy};
use wattage::units::{self as u, unit};

use crate::arrow_out::TableBuilder;
use crate::convert::{btc_arg, decimal_arg};
use crate::errors::OrPy;
use crate::quantity::price_arg;

/// The values of `array` without a copy when it is contiguous.
fn values<'a>(array: &'a PyReadonlyArray1<'_, f64>) -> Cow<'a, [f64]> {
    match array.as_slice() {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(array.as_array().to_vec()),
    }
}

/// Runs `f` compiled for the widest vector instructions this CPU has
/// (AVX-512, else AVX2 and FMA, else the wheel's SSE2 baseline), picked at
/// run time. The loops in `f` must be `#[inline(always)]` so that they are
/// compiled inside the dispatched function; `pulp` holds the `unsafe` of
/// the feature check, this crate none.
fn widest<R>(f: impl FnOnce() -> R) -> R {
    pulp::Arch::new().dispatch(f)
}

/// Checks every value with `ok` in one branch-free pass (so that it
/// vectorises); on failure, names the first bad index with `why`'s message.
fn check(
    what: &str,
    v: &[f64],
    ok: impl Fn(f64) -> bool,
    why: impl Fn(f64) -> String,
) -> PyResult<()> {
    if v.iter().fold(true, |all, &x| all & ok(x)) {
        return Ok(());
    }
    match v.iter().position(|&x| !ok(x)) {
        Some(i) => Err(PyValueError::new_err(format!(
            "{what}[{i}] is {}; {}",
            v[i],
            why(v[i])
        ))),
        None => Ok(()),
    }
}

/// After the inputs passed their checks: names the first result that is
/// not finite (an overflow of `f64`, such as a subnormal divisor), by the
/// index and value of the input `what`.
fn check_results(what: &str, v: &[f64], out: &[f64]) -> PyResult<()> {
    match out.iter().position(|r| !r.is_finite()) {
        Some(i) => Err(PyValueError::new_err(format!(
            "{what}[{i}] is {:e}; the result overflows a float ({})",
            v[i], out[i]
        ))),
        None => Ok(()),
    }
}

/// A new float array of `n` values, filled by `fill` with the GIL
/// released. `numpy.empty` allocates it, as numpy allocates its own
/// results (reused heap memory, huge pages for large arrays, no zeroing);
/// a `Vec` moved into numpy, or `zeros`, was measured slower on 10^6
/// values, by page faults and zeroing.
fn output<'py>(
    py: Python<'py>,
    n: usize,
    fill: impl FnOnce(&mut [f64]) -> PyResult<()> + Send,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    static EMPTY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let empty = EMPTY.import(py, "numpy", "empty")?;
    let array = empty.call1((n,))?.cast_into::<PyArray1<f64>>()?;
    {
        let mut rw = array.readwrite();
        let out = rw
            .as_slice_mut()
            .map_err(|e| PyValueError::new_err(format!("allocating the result: {e}")))?;
        py.detach(|| fill(out))?;
    }
    Ok(array)
}

/// Arrays of at least twice this many values are split into chunks of
/// this many (64 Ki values, 512 KiB) run on rayon's threads; shorter ones
/// run on the calling thread. Each value is computed by the same
/// instructions either way, so the results are the same bits.
pub(crate) const PARALLEL_CHUNK: usize = 1 << 16;

/// Runs `kernel(offset, out_chunk)` over `out` (on the calling thread, or
/// in chunks of [`PARALLEL_CHUNK`] on rayon's threads when `out` has at
/// least two), and whether every chunk's values passed its check.
fn chunked(out: &mut [f64], kernel: impl Fn(usize, &mut [f64]) -> bool + Sync) -> bool {
    if out.len() < 2 * PARALLEL_CHUNK {
        return kernel(0, out);
    }
    out.par_chunks_mut(PARALLEL_CHUNK)
        .enumerate()
        .map(|(i, chunk)| kernel(i * PARALLEL_CHUNK, chunk))
        .reduce(|| true, |a, b| a & b)
}

/// The `len` values of `v` from `offset`.
fn part(v: &[f64], offset: usize, len: usize) -> &[f64] {
    v.get(offset..offset + len).unwrap_or_default()
}

fn same_length(a: (&str, usize), b: (&str, usize)) -> PyResult<()> {
    if a.1 == b.1 {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "{} has {} values and {} {}; they must match",
            a.0, a.1, b.0, b.1
        )))
    }
}

fn positive(x: f64) -> bool {
    x.is_finite() & (x > 0.0)
}

/// Hashprice in USD per PH/s per day for arrays of `difficulty` and
/// `btc_price` (USD/BTC) of one length, at block `height` with
/// `fees_per_block` BTC (Decimal or str): the vector form of
/// `wattage.hashprice`, in f64. NaN, infinities, out-of-range values and
/// a result that overflows a float raise `ValueError` naming the index.
/// Arrays of 131,072 values or more are split across rayon's threads
/// with the GIL released (the same bits as on one thread; limit them with
/// `RAYON_NUM_THREADS`, e.g. to 1 inside Dask or Ray workers).
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
    // USD per PH/s per day: reward x price x 86,400 s x 1e15 H/s per PH/s
    // over the expected hashes per block (difficulty x 2^32).
    let scale = reward * 86_400.0 * 1e15;
    let hashes_per_difficulty = Difficulty::ONE.expected_hashes();
    let max = Difficulty::MAX.get();
    let (d, p) = (values(&difficulty), values(&btc_price));
    same_length(("difficulty", d.len()), ("btc_price", p.len()))?;
    output(py, d.len(), |out| {
        // One pass computes and checks; the checks name the index after.
        let ok = chunked(out, |at, out| {
            let (d, p) = (part(&d, at, out.len()), part(&p, at, out.len()));
            widest(|| hashprice_kernel(scale, hashes_per_difficulty, max, d, p, out))
        });
        if !ok {
            check(
                "difficulty",
                &d,
                |x| positive(x) & (x <= max),
                |x| {
                    Difficulty::new(x)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                },
            )?;
            check("btc_price", &p, positive, |_| {
                "prices must be finite and positive".into()
            })?;
            check_results("btc_price", &p, out)?;
        }
        Ok(())
    })
}

/// `out[i] = scale × p[i] / (d[i] × hashes)`, and whether every input was
/// in range, in one fused pass.
#[inline(always)]
fn hashprice_kernel(
    scale: f64,
    hashes: f64,
    max: f64,
    d: &[f64],
    p: &[f64],
    out: &mut [f64],
) -> bool {
    let mut ok = true;
    for ((o, &di), &pi) in out.iter_mut().zip(d).zip(p) {
        let r = scale * pi / (di * hashes);
        ok &= positive(di) & (di <= max) & positive(pi) & r.is_finite();
        *o = r;
    }
    ok
}

/// Breakeven power prices in USD/MWh at `hashprice` for an array of
/// efficiencies in J/TH: the vector form of `breakeven_power_price`. A
/// NaN, infinite, zero or negative efficiency, or one so small that the
/// price overflows a float, raises `ValueError` naming the index.
/// Arrays of 131,072 values or more are split across rayon's threads
/// with the GIL released (the same bits as on one thread; limit them with
/// `RAYON_NUM_THREADS`, e.g. to 1 inside Dask or Ray workers).
#[pyfunction]
fn breakeven_power_price_array<'py>(
    py: Python<'py>,
    hashprice: &Bound<'py, PyAny>,
    efficiency_j_per_th: PyReadonlyArray1<'py, f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let hp: u::Hashprice = price_arg(hashprice, "hashprice")?;
    let per_ph_day = crate::convert::decimal_to_f64(hp.value());
    // One J/TH at one PH/s for a day is 0.024 MWh.
    let k = per_ph_day / 0.024;
    let e = values(&efficiency_j_per_th);
    output(py, e.len(), |out| {
        let ok = chunked(out, |at, out| {
            let e = part(&e, at, out.len());
            widest(|| breakeven_kernel(k, e, out))
        });
        if !ok {
            check("efficiency_j_per_th", &e, positive, |_| {
                "efficiencies must be finite and positive".into()
            })?;
            check_results("efficiency_j_per_th", &e, out)?;
        }
        Ok(())
    })
}

/// `out[i] = k / e[i]`, and whether every result is positive and finite,
/// in one fused pass (no temporary, no per-element branch). For `k`
/// positive and finite that holds exactly when every efficiency is finite
/// and positive and no quotient overflows (an infinite efficiency gives 0,
/// a NaN NaN, zero or a negative one a result at or below zero or
/// infinite), so one test of the result checks both; for any other `k`
/// it fails and the caller checks the inputs and results one by one.
#[inline(always)]
fn breakeven_kernel(k: f64, e: &[f64], out: &mut [f64]) -> bool {
    let mut ok = true;
    for (o, &v) in out.iter_mut().zip(e) {
        let r = k / v;
        ok &= (r > 0.0) & (r < f64::INFINITY);
        *o = r;
    }
    ok
}

/// Mining revenue per MWh (USD) for arrays of hashprice (USD/PH/day) and
/// efficiency (J/TH) of one length. A value out of range, or a result
/// that overflows a float, raises `ValueError` naming the index.
/// Arrays of 131,072 values or more are split across rayon's threads
/// with the GIL released (the same bits as on one thread; limit them with
/// `RAYON_NUM_THREADS`, e.g. to 1 inside Dask or Ray workers).
#[pyfunction]
fn revenue_per_mwh_array<'py>(
    py: Python<'py>,
    hashprice_usd_per_ph_day: PyReadonlyArray1<'py, f64>,
    efficiency_j_per_th: PyReadonlyArray1<'py, f64>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (h, e) = (
        values(&hashprice_usd_per_ph_day),
        values(&efficiency_j_per_th),
    );
    same_length(
        ("hashprice_usd_per_ph_day", h.len()),
        ("efficiency_j_per_th", e.len()),
    )?;
    output(py, h.len(), |out| {
        let ok = chunked(out, |at, out| {
            let (h, e) = (part(&h, at, out.len()), part(&e, at, out.len()));
            widest(|| revenue_kernel(h, e, out))
        });
        if !ok {
            check(
                "hashprice_usd_per_ph_day",
                &h,
                |x| x.is_finite() & (x >= 0.0),
                |_| "hashprices must be finite and non-negative".into(),
            )?;
            check("efficiency_j_per_th", &e, positive, |_| {
                "efficiencies must be finite and positive".into()
            })?;
            check_results("efficiency_j_per_th", &e, out)?;
        }
        Ok(())
    })
}

/// `out[i] = h[i] / (0.024 × e[i])`, and whether every input was in range,
/// in one fused pass.
#[inline(always)]
fn revenue_kernel(h: &[f64], e: &[f64], out: &mut [f64]) -> bool {
    let mut ok = true;
    for ((o, &hi), &ei) in out.iter_mut().zip(h).zip(e) {
        let r = hi / (0.024 * ei);
        ok &= hi.is_finite() & (hi >= 0.0) & positive(ei) & r.is_finite();
        *o = r;
    }
    ok
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
