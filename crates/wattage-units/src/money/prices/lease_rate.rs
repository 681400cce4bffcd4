//! The rent of powered data-centre capacity.

use rust_decimal::Decimal;

use super::{dec, price_type};
use crate::error::MoneyError;
use crate::money::{Usd, size_in, to_decimal};
use crate::{Power, Time, unit};

price_type! {
    /// A colocation lease rate in US dollars per kilowatt of critical IT
    /// capacity per month. A month is a twelfth of a 365.25-day year.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{LeaseRate, Power, Time, unit};
    ///
    /// let rate: LeaseRate = "$150/kW/month".parse()?;
    /// let rent = rate.rent(Power::new(100.0, unit::MEGAWATT)?, Time::new(1.0, unit::YEAR)?)?;
    /// assert_eq!(rent.to_string(), "$180,000,000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct LeaseRate;
    what: "a lease rate",
    example: "$140/kW/month",
    sign: NonNegative,
    currency: usd,
    display: "$", "/kW/month",
    denominators: [
        ("kW/month", Decimal::ONE),
        ("kW-month", Decimal::ONE),
        ("kW/mo", Decimal::ONE),
        ("kW-mo", Decimal::ONE),
        ("MW/month", dec(1, 3)),
        ("MW-month", dec(1, 3)),
        ("kW/year", Decimal::ONE, per dec(12, 0)),
        ("kW-year", Decimal::ONE, per dec(12, 0)),
        ("kW/yr", Decimal::ONE, per dec(12, 0)),
        ("kW-yr", Decimal::ONE, per dec(12, 0)),
        ("MW/year", Decimal::ONE, per dec(12_000, 0)),
        ("MW-year", Decimal::ONE, per dec(12_000, 0)),
        ("MW/yr", Decimal::ONE, per dec(12_000, 0)),
        ("MW-yr", Decimal::ONE, per dec(12_000, 0)),
    ]
}

impl LeaseRate {
    /// Rent for `capacity` of critical IT power over `period`: kW × months ×
    /// rate, each physical figure converted once by [`crate::money::to_decimal`].
    ///
    /// # Errors
    /// [`MoneyError::Quantity`] for a negative capacity or period (a rent
    /// is never made positive by two negatives); [`MoneyError`] when a
    /// figure is not representable or the product overflows.
    pub fn rent(self, capacity: Power, period: Time) -> Result<Usd, MoneyError> {
        let kilowatts = to_decimal(
            "capacity in kW",
            size_in("leased capacity", capacity, unit::KILOWATT)?,
        )?;
        let months = to_decimal(
            "period in months",
            size_in("rental period", period, unit::MONTH)?,
        )?;
        Usd::new(kilowatts).checked_mul(months)?.checked_mul(self.0)
    }

    /// The flat rate that a contract worth `value` over `term` for
    /// `capacity` implies: value / (kW × months).
    ///
    /// A 200 MW, 12-year deal worth $3.5B is about $122/kW/month:
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{LeaseRate, Power, Time, Usd, unit};
    ///
    /// let rate = LeaseRate::implied_by_contract(
    ///     "$3.5B".parse::<Usd>()?,
    ///     Power::new(200.0, unit::MEGAWATT)?,
    ///     Time::new(12.0, unit::YEAR)?,
    /// )?;
    /// assert_eq!(format!("{rate:.0}"), "$122/kW/month");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`MoneyError::Quantity`] for a negative capacity or term;
    /// [`MoneyError`] for zero capacity or term, or unrepresentable figures.
    pub fn implied_by_contract(
        value: Usd,
        capacity: Power,
        term: Time,
    ) -> Result<Self, MoneyError> {
        let kilowatts = to_decimal(
            "capacity in kW",
            size_in("leased capacity", capacity, unit::KILOWATT)?,
        )?;
        let months = to_decimal("term in months", size_in("lease term", term, unit::MONTH)?)?;
        let kw_months = kilowatts.checked_mul(months).ok_or(MoneyError::Overflow {
            operation: "kW-months",
        })?;
        Self::new(value.checked_div(kw_months)?.dollars())
    }
}
