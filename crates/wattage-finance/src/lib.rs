//! Plain finance on exact [`Usd`](wattage_units::Usd) money, written once
//! for the whole workspace: discounting, rates of return, terminal values,
//! depreciation, debt and taxes. A board decides on levered, after-tax
//! cash flows; this crate computes them from the pieces.
//!
//! # Which function answers which spreadsheet question
//!
//! | The question | In a spreadsheet | Here |
//! |---|---|---|
//! | What are these periodic flows worth today? | `=A1+NPV(r, A2:A9)` | [`npv`] (first flow at t = 0) |
//! | ... with the first flow a period away? | `=NPV(r, A1:A9)` | (see [`periodic`]) |
//! | What rate makes them worth zero? | `=IRR(A1:A9)` | [`irr`] |
//! | How long until the money is back? | a cumulative column | [`payback_period`], [`discounted_payback_period`] |
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
pub mod debt;
mod error;
mod fraction;
pub mod macrs;
pub mod periodic;
pub mod straight_line;
pub mod tax;

pub use debt::{DebtSchedule, Tranche, TrancheSpec};
pub use error::FinanceError;
pub use macrs::{MacrsClass, macrs_schedule};
pub use periodic::{discounted_payback_period, irr, npv, payback_period};
pub use straight_line::{StraightLine, StraightLineSpec};
pub use tax::{TaxSpec, Taxes};
