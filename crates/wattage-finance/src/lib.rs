//! Plain finance on exact [`Usd`](wattage_units::Usd) money, written once
//! for the whole workspace: discounting, rates of return, terminal values,
//! depreciation, debt and taxes. A board decides on levered, after-tax
//! cash flows; this crate computes them from the pieces.
//!
//! # Which function answers which spreadsheet question
//!
//! | The question | In a spreadsheet | Here |
//! |---|---|---|
//! | What are these yearly flows worth today (first flow now)? | `=A1+NPV(r, A2:A9)` | [`npv`] |
//! | ... with every flow at the end of its period, or monthly flows? | `=NPV(r, A1:A9)` | [`npv_with`] and [`Timing`] |
//! | What rate makes them worth zero? | `=IRR(A1:A9)` | [`irr`], [`irr_with`] (annual from monthly) |
//! | What are flows on irregular dates worth? | `=XNPV(r, values, dates)` | [`xnpv`] on [`DatedAmount`]s |
//! | ... and their rate of return? | `=XIRR(values, dates)` | [`xirr`] |
//! | How long until the money is back? | a cumulative column | [`payback_period`], [`discounted_payback_period`] |
//! | What is it worth at the end of the forecast? | `=EBITDA*multiple`, `=CF*(1+g)/(r-g)` | [`exit_multiple`], [`perpetuity_growth`] |
//! | Book depreciation this year, book value at a date? | `=SLN(cost, salvage, life)` pro rata | [`StraightLine`] |
//! | Tax depreciation by year? | Publication 946's Table A-1 times the basis | [`macrs_schedule`], [`MacrsClass`] |
//! | Loan interest, principal, balance? | `=PMT`, `=IPMT`, `=PPMT`, an amortization table | [`Tranche::schedule`](debt::Tranche::schedule) |
//! | Debt service coverage? | `=CFADS/(interest+principal)` by year | [`debt::dscr_by_year`] |
//! | How much equity goes in, when? | uses − draws by period | [`debt::equity_contributions`], several tranches [`debt::equity_by_period`] |
//! | Taxable income, tax, losses carried, after-tax cash flow? | a tax block of rows | [`Taxes::years`] |
//!
//! Money is [`Usd`](wattage_units::Usd) on `rust_decimal`; rates are
//! fractions (`0.08` is 8%) as `Decimal`. Where a computation leaves exact
//! arithmetic (the IRR search runs in `f64`), the way back into `Decimal`
//! is [`wattage_units::money::to_decimal`]'s rule (15 significant digits).
//! Public functions never panic and never return NaN or infinity; every
//! failure is a [`FinanceError`] naming the offending value.
//!
//! # Simplifications
//! These are the textbook forms of each computation, not a tax adviser's
//! or a lender's model; each module says what it leaves out.
//!
//! # Features
//! - `std` (default): the standard library; without it the crate is
//!   `no_std` + `alloc`.
//! - `serde`: (de)serialization of the specs, through the validating
//!   constructors.
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod calendar;
pub mod dated;
pub mod debt;
mod error;
mod fraction;
pub mod macrs;
pub mod periodic;
mod root;
pub mod straight_line;
pub mod tax;
pub mod terminal;
pub mod timing;

pub use dated::{DatedAmount, xirr, xnpv};
pub use debt::{DebtSchedule, Tranche, TrancheSpec};
pub use error::FinanceError;
pub use macrs::{MacrsClass, macrs_schedule};
pub use periodic::{
    discounted_payback_period, irr, npv, payback_period, return_on_investment, simple_payback,
};
pub use straight_line::{StraightLine, StraightLineSpec};
pub use tax::{TaxSpec, Taxes};
pub use terminal::{exit_multiple, perpetuity_growth};
pub use timing::{FirstFlow, Period, Timing, irr_with, npv_with};
