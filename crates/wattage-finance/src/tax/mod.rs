//! Taxes on a project, year by year: property tax, a combined federal and
//! state income tax on taxable income after tax depreciation and
//! deductible interest, and net operating losses carried forward.
//!
//! ```
//! use rust_decimal::Decimal;
//! use wattage_finance::tax::{PropertyTax, TaxSpec, TaxYearInput, Taxes};
//! use wattage_units::Usd;
//!
//! let usd = |d: i64| Usd::new(Decimal::from(d));
//! // 21% federal, 5% state: 0.05 + 0.21 x 0.95 = 24.95% combined.
//! let taxes = Taxes::new(TaxSpec {
//!     federal_rate: Decimal::new(21, 2),
//!     state_rate: Decimal::new(5, 2),
//!     interest_limit: Some(Decimal::new(30, 2)),
//!     loss_limit: Some(Decimal::new(80, 2)),
//!     property_tax: PropertyTax::None,
//! })?;
//! assert_eq!(taxes.combined_rate(), Decimal::new(2495, 4));
//! let year = |y, ebitda: i64| TaxYearInput {
//!     year: y,
//!     ebitda: usd(ebitda),
//!     tax_depreciation: usd(400),
//!     interest: usd(0),
//!     capacity: "0 MW".parse().unwrap(),
//!     asset_value: Usd::ZERO,
//!     cash_flow_before_taxes: usd(ebitda),
//! };
//! // A loss of 300 in the first year is carried; the second year's 1,000 of
//! // income before losses is offset by it (at most 80%, here all 300).
//! let rows = taxes.years(&[year(2026, 100), year(2027, 1_400)])?;
//! assert_eq!(rows[0].loss_carried, usd(300));
//! assert_eq!(rows[1].taxable_income, usd(700));
//! assert_eq!(rows[1].income_tax, "$174.65".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is simplified
//! - **One combined rate on one base.** State income tax is deductible
//!   from federal taxable income, so the combined rate is
//!   `state + federal × (1 − state)`; both taxes are levied on the same
//!   taxable income (real state bases, apportionment between states,
//!   credits, minimum taxes and the timing of estimated payments are left
//!   out). Tax is paid in the year it is incurred.
//! - **Interest deductibility** can be limited to a share of adjusted
//!   taxable income, as section 163(j) of the Internal Revenue Code
//!   limits business interest to 30% of ATI. ATI here is EBITDA less
//!   property tax and tax depreciation (the post-2021 EBIT-like measure);
//!   disallowed interest is carried forward without limit and deducted
//!   first in later years. Small-business exemptions, floor-plan interest
//!   and elections are left out.
//! - **Net operating losses** are carried forward without expiry and,
//!   with `loss_limit`, may offset at most that share of a year's taxable
//!   income before losses (80% for federal losses arising after 2017,
//!   per the Tax Cuts and Jobs Act). No carry-back.
//! - **Property tax** is a rate per MW-year of capacity or a share of the
//!   assessed asset value the caller supplies, deducted before income
//!   tax.

mod years;

pub use years::{TaxYear, TaxYearInput};

use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FinanceError;
use crate::fraction;

/// How property tax is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PropertyTax {
    /// No property tax.
    None,
    /// Dollars per MW of capacity per year (not negative).
    PerMwYear(Usd),
    /// A share of the year's assessed asset value, in [0, 1).
    ShareOfValue(Decimal),
}

/// The terms of [`Taxes`], by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TaxSpec {
    /// Federal corporate income tax rate, in [0, 1) (`0.21` since 2018).
    pub federal_rate: Decimal,
    /// State corporate income tax rate, in [0, 1).
    pub state_rate: Decimal,
    /// The share of adjusted taxable income up to which interest is
    /// deductible (`0.30` as section 163(j)), in [0, 1); `None`: all of it.
    pub interest_limit: Option<Decimal>,
    /// The share of taxable income that carried losses may offset
    /// (`0.80` as post-2017 federal law), in [0, 1); `None`: all of it.
    pub loss_limit: Option<Decimal>,
    /// How property tax is assessed.
    pub property_tax: PropertyTax,
}

/// Validated tax terms; [`Taxes::years`] applies them year by year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TaxSpec", into = "TaxSpec"))]
pub struct Taxes {
    spec: TaxSpec,
    combined_rate: Decimal,
}

impl TryFrom<TaxSpec> for Taxes {
    type Error = FinanceError;

    fn try_from(spec: TaxSpec) -> Result<Self, FinanceError> {
        Self::new(spec)
    }
}

impl From<Taxes> for TaxSpec {
    fn from(taxes: Taxes) -> Self {
        taxes.spec
    }
}

impl Taxes {
    /// Tax terms from `spec`.
    ///
    /// # Errors
    /// [`FinanceError::FractionOutOfRange`] for a rate, limit or property
    /// tax share outside [0, 1); [`FinanceError::NegativeAmount`] for a
    /// negative property tax per MW-year.
    pub fn new(spec: TaxSpec) -> Result<Self, FinanceError> {
        let federal = fraction::check("federal tax rate", spec.federal_rate)?;
        let state = fraction::check("state tax rate", spec.state_rate)?;
        if let Some(limit) = spec.interest_limit {
            fraction::check("interest deductibility limit", limit)?;
        }
        if let Some(limit) = spec.loss_limit {
            fraction::check("loss carry-forward limit", limit)?;
        }
        match spec.property_tax {
            PropertyTax::None => {}
            PropertyTax::PerMwYear(rate) if rate.is_negative() => {
                return Err(FinanceError::NegativeAmount {
                    what: "property tax per MW-year",
                    value: rate,
                });
            }
            PropertyTax::PerMwYear(_) => {}
            PropertyTax::ShareOfValue(share) => {
                fraction::check("property tax share of value", share)?;
            }
        }
        // Both in [0, 1): the product and sum stay below 1.
        let combined = state + federal * (Decimal::ONE - state);
        Ok(Self {
            spec,
            combined_rate: combined,
        })
    }

    /// The terms these taxes were built from.
    #[must_use]
    pub const fn spec(&self) -> &TaxSpec {
        &self.spec
    }

    /// The combined income tax rate: `state + federal × (1 − state)`,
    /// state tax being deductible from the federal base.
    #[must_use]
    pub const fn combined_rate(&self) -> Decimal {
        self.combined_rate
    }
}

#[cfg(test)]
mod tests;
