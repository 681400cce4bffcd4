//! Taxes applied year by year, with losses and interest carried forward.

use alloc::vec::Vec;
use wattage_units::{Power, Usd, unit};

use super::{PropertyTax, Taxes};
use crate::FinanceError;

/// What one year brings to the tax computation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TaxYearInput {
    /// The calendar or fiscal year (a label, carried to the output).
    pub year: i32,
    /// Earnings before interest, taxes, depreciation and amortization.
    pub ebitda: Usd,
    /// Tax depreciation of the year (MACRS, bonus); not negative.
    pub tax_depreciation: Usd,
    /// Interest paid in the year; not negative.
    pub interest: Usd,
    /// Capacity for a property tax per MW-year.
    pub capacity: Power,
    /// Assessed asset value for a property tax on value; not negative.
    pub asset_value: Usd,
    /// The year's cash flow before property and income taxes (levered or
    /// not, as the caller builds it); taxes are subtracted from it.
    pub cash_flow_before_taxes: Usd,
}

/// One year of [`Taxes::years`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TaxYear {
    /// The year, as given.
    pub year: i32,
    /// Property tax.
    pub property_tax: Usd,
    /// EBITDA − property tax − tax depreciation (negative in a loss).
    pub adjusted_taxable_income: Usd,
    /// Interest deducted (this year's and carried, within the limit).
    pub interest_deducted: Usd,
    /// Interest disallowed and carried to later years, at the year's end.
    pub interest_carried: Usd,
    /// Carried losses used this year.
    pub loss_used: Usd,
    /// Taxable income after interest and losses (not negative).
    pub taxable_income: Usd,
    /// Income tax at the combined rate, in cents.
    pub income_tax: Usd,
    /// Losses carried to later years, at the year's end.
    pub loss_carried: Usd,
    /// Cash flow before taxes − property tax − income tax.
    pub after_tax_cash_flow: Usd,
}

/// Losses and interest carried from one year to the next.
#[derive(Debug, Clone, Copy, Default)]
struct Carried {
    loss: Usd,
    interest: Usd,
}

impl Taxes {
    /// The taxes of consecutive years, carrying losses and disallowed
    /// interest forward in order (see the module's simplifications).
    ///
    /// # Errors
    /// [`FinanceError::NegativeAmount`] for negative tax depreciation,
    /// interest or asset value; [`FinanceError::NotFinite`] for a capacity
    /// that is not finite; [`FinanceError::Money`] on overflow.
    pub fn years(&self, inputs: &[TaxYearInput]) -> Result<Vec<TaxYear>, FinanceError> {
        let mut carried = Carried::default();
        inputs
            .iter()
            .map(|input| {
                let (row, next) = self.year(input, carried)?;
                carried = next;
                Ok(row)
            })
            .collect()
    }

    fn property_tax(&self, input: &TaxYearInput) -> Result<Usd, FinanceError> {
        Ok(match self.spec.property_tax {
            PropertyTax::None => Usd::ZERO,
            PropertyTax::PerMwYear(rate) => {
                let mw = input.capacity.get(unit::MEGAWATT);
                if !mw.is_finite() || mw < 0.0 {
                    return Err(FinanceError::NotFinite {
                        what: "capacity in MW (finite, not negative)",
                        value: mw,
                    });
                }
                rate.checked_mul(wattage_units::money::to_decimal("capacity in MW", mw)?)?
                    .round_to_cents()
            }
            PropertyTax::ShareOfValue(share) => {
                input.asset_value.checked_mul(share)?.round_to_cents()
            }
        })
    }

    fn year(
        &self,
        input: &TaxYearInput,
        carried: Carried,
    ) -> Result<(TaxYear, Carried), FinanceError> {
        for (what, value) in [
            ("tax depreciation", input.tax_depreciation),
            ("interest", input.interest),
            ("asset value", input.asset_value),
        ] {
            if value.is_negative() {
                return Err(FinanceError::NegativeAmount { what, value });
            }
        }
        let property_tax = self.property_tax(input)?;
        let ati = input
            .ebitda
            .checked_sub(property_tax)?
            .checked_sub(input.tax_depreciation)?;
        let interest = input.interest.checked_add(carried.interest)?;
        let interest_deducted = match self.spec.interest_limit {
            Some(limit) => interest.min(ati.max(Usd::ZERO).checked_mul(limit)?.round_to_cents()),
            None => interest,
        };
        let before_losses = ati.checked_sub(interest_deducted)?;
        let (loss_used, loss) = if before_losses.is_negative() {
            (Usd::ZERO, carried.loss.checked_sub(before_losses)?)
        } else {
            let cap = match self.spec.loss_limit {
                Some(limit) => before_losses.checked_mul(limit)?.round_to_cents(),
                None => before_losses,
            };
            let used = carried.loss.min(cap);
            (used, carried.loss.checked_sub(used)?)
        };
        let taxable_income = before_losses.checked_sub(loss_used)?.max(Usd::ZERO);
        let income_tax = taxable_income
            .checked_mul(self.combined_rate)?
            .round_to_cents();
        let after_tax_cash_flow = input
            .cash_flow_before_taxes
            .checked_sub(property_tax)?
            .checked_sub(income_tax)?;
        let next = Carried {
            loss,
            interest: interest.checked_sub(interest_deducted)?,
        };
        let row = TaxYear {
            year: input.year,
            property_tax,
            adjusted_taxable_income: ati,
            interest_deducted,
            interest_carried: next.interest,
            loss_used,
            taxable_income,
            income_tax,
            loss_carried: loss,
            after_tax_cash_flow,
        };
        Ok((row, next))
    }
}
