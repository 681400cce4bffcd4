//! Every call the binding makes into `wattage::finance`: NPV, IRR and
//! payback on periodic flows, XNPV and XIRR on dated flows, the MACRS
//! tables and a loan schedule. Money and rates go in and out as
//! `decimal.Decimal` (floats refused), dates as `datetime.date`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wattage::chrono::NaiveDate;
use wattage::finance::debt::{Frequency, InterestRate, Repayment, Tranche, TrancheSpec};
use wattage::finance::{self, DatedAmount, MacrsClass};
use wattage::rust_decimal::Decimal;
use wattage::units::Usd;

use crate::convert::{decimal_arg, to_py_decimal, usd_arg, usd_out};
use crate::errors::OrPy;

fn usd_list(flows: &[Bound<'_, PyAny>]) -> PyResult<Vec<Usd>> {
    flows
        .iter()
        .enumerate()
        .map(|(i, f)| usd_arg(f, &format!("flows[{i}]")))
        .collect()
}

fn dated_list(flows: &[Bound<'_, PyAny>], dates: &[NaiveDate]) -> PyResult<Vec<DatedAmount>> {
    if flows.len() != dates.len() {
        return Err(PyValueError::new_err(format!(
            "{} flows but {} dates; give one date per flow",
            flows.len(),
            dates.len()
        )));
    }
    let amounts = usd_list(flows)?;
    Ok(amounts
        .into_iter()
        .zip(dates)
        .map(|(amount, &date)| DatedAmount { date, amount })
        .collect())
}

/// Net present value (Decimal) of `flows` (Decimals, first at time 0) at `rate`.
#[pyfunction]
fn npv<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    flows: Vec<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let r = decimal_arg(rate, "rate")?;
    let f = usd_list(&flows)?;
    usd_out(py, finance::npv(r, &f).or_py()?)
}

/// Internal rate of return (Decimal) of `flows` (Decimals).
#[pyfunction]
fn irr<'py>(py: Python<'py>, flows: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    to_py_decimal(py, finance::irr(&usd_list(&flows)?).or_py()?)
}

/// Periods until the cumulative flow turns non-negative (Decimal), or None.
#[pyfunction]
fn payback_period<'py>(
    py: Python<'py>,
    flows: Vec<Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    finance::payback_period(&usd_list(&flows)?)
        .or_py()?
        .map(|d| to_py_decimal(py, d))
        .transpose()
}

/// As `payback_period`, on flows discounted at `rate`.
#[pyfunction]
fn discounted_payback_period<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    flows: Vec<Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let r = decimal_arg(rate, "rate")?;
    finance::discounted_payback_period(r, &usd_list(&flows)?)
        .or_py()?
        .map(|d| to_py_decimal(py, d))
        .transpose()
}

/// Net present value (Decimal) of `flows` on `dates` (datetime.date) at an
/// annual `rate`, as Excel's XNPV (actual/365 from the first date).
#[pyfunction]
fn xnpv<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    flows: Vec<Bound<'py, PyAny>>,
    dates: Vec<NaiveDate>,
) -> PyResult<Bound<'py, PyAny>> {
    let r = decimal_arg(rate, "rate")?;
    usd_out(py, finance::xnpv(r, &dated_list(&flows, &dates)?).or_py()?)
}

/// Annual internal rate of return (Decimal) of `flows` on `dates`, as
/// Excel's XIRR.
#[pyfunction]
fn xirr<'py>(
    py: Python<'py>,
    flows: Vec<Bound<'py, PyAny>>,
    dates: Vec<NaiveDate>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py_decimal(py, finance::xirr(&dated_list(&flows, &dates)?).or_py()?)
}

/// The MACRS GDS half-year rates (Decimal fractions) of `years`-year
/// property (3, 5, 7, 10, 15 or 20), IRS Publication 946 Table A-1.
#[pyfunction]
fn macrs_rates(py: Python<'_>, years: u32) -> PyResult<Vec<Bound<'_, PyAny>>> {
    let class = MacrsClass::from_recovery_years(years).or_py()?;
    class
        .rates()
        .into_iter()
        .map(|r| to_py_decimal(py, r))
        .collect()
}

/// Tax depreciation (Decimals, one per recovery year) of `basis` as
/// `years`-year MACRS property after `bonus` (a Decimal fraction in [0, 1]).
#[pyfunction]
#[pyo3(signature = (basis, years, bonus = None))]
fn macrs_schedule<'py>(
    py: Python<'py>,
    basis: &Bound<'py, PyAny>,
    years: u32,
    bonus: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let class = MacrsClass::from_recovery_years(years).or_py()?;
    let bonus = bonus.map(|b| decimal_arg(b, "bonus")).transpose()?;
    let basis = usd_arg(basis, "basis")?;
    finance::macrs_schedule(basis, class, bonus.unwrap_or(Decimal::ZERO))
        .or_py()?
        .into_iter()
        .map(|y| usd_out(py, y))
        .collect()
}

fn frequency_of(name: &str) -> PyResult<Frequency> {
    match name {
        "monthly" => Ok(Frequency::Monthly),
        "yearly" => Ok(Frequency::Yearly),
        other => Err(PyValueError::new_err(format!(
            "frequency must be \"monthly\" or \"yearly\", got {other:?}"
        ))),
    }
}

fn repayment_of(name: &str) -> PyResult<Repayment> {
    match name {
        "level_payment" => Ok(Repayment::LevelPayment),
        "level_principal" => Ok(Repayment::LevelPrincipal),
        "bullet" => Ok(Repayment::Bullet),
        other => Err(PyValueError::new_err(format!(
            "repayment must be \"level_payment\", \"level_principal\" or \"bullet\", got {other:?}"
        ))),
    }
}

/// The schedule of a loan of `principal` drawn at `start` at a fixed annual
/// `rate`: a list of dicts (start, end, opening_balance, drawn, interest,
/// principal, fees, closing_balance), one per period.
#[pyfunction]
#[pyo3(signature = (principal, rate, start, term_months, frequency = "monthly", repayment = "level_payment", upfront_fee = None, commitment_fee = None))]
#[allow(clippy::too_many_arguments)]
fn loan_schedule<'py>(
    py: Python<'py>,
    principal: &Bound<'py, PyAny>,
    rate: &Bound<'py, PyAny>,
    start: NaiveDate,
    term_months: u32,
    frequency: &str,
    repayment: &str,
    upfront_fee: Option<&Bound<'py, PyAny>>,
    commitment_fee: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let fee = |f: Option<&Bound<'py, PyAny>>, what: &str| {
        f.map(|v| decimal_arg(v, what))
            .transpose()
            .map(|d| d.unwrap_or(Decimal::ZERO))
    };
    let tranche = Tranche::new(TrancheSpec {
        principal: usd_arg(principal, "principal")?,
        draws: Vec::new(),
        rate: InterestRate::Fixed(decimal_arg(rate, "rate")?),
        start,
        term_months,
        frequency: frequency_of(frequency)?,
        repayment: repayment_of(repayment)?,
        upfront_fee: fee(upfront_fee, "upfront_fee")?,
        commitment_fee: fee(commitment_fee, "commitment_fee")?,
    })
    .or_py()?;
    let schedule = tranche.schedule().or_py()?;
    schedule
        .periods()
        .iter()
        .map(|p| {
            let row = PyDict::new(py);
            row.set_item("start", p.start)?;
            row.set_item("end", p.end)?;
            for (key, value) in [
                ("opening_balance", p.opening_balance),
                ("drawn", p.drawn),
                ("interest", p.interest),
                ("principal", p.principal),
                ("fees", p.fees),
                ("closing_balance", p.closing_balance),
            ] {
                row.set_item(key, usd_out(py, value)?)?;
            }
            Ok(row)
        })
        .collect()
}

/// Registers the functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(npv, m)?)?;
    m.add_function(wrap_pyfunction!(irr, m)?)?;
    m.add_function(wrap_pyfunction!(payback_period, m)?)?;
    m.add_function(wrap_pyfunction!(discounted_payback_period, m)?)?;
    m.add_function(wrap_pyfunction!(xnpv, m)?)?;
    m.add_function(wrap_pyfunction!(xirr, m)?)?;
    m.add_function(wrap_pyfunction!(macrs_rates, m)?)?;
    m.add_function(wrap_pyfunction!(macrs_schedule, m)?)?;
    m.add_function(wrap_pyfunction!(loan_schedule, m)?)?;
    Ok(())
}
