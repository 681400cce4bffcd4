//! AI/HPC colocation leases: rent per kilowatt of critical IT per month.

use alloc::format;
use alloc::vec::Vec;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{LeaseRate, MoneyError, Power, Usd, unit};

use crate::FacilityError;
pub use crate::rent_terms::RateStep;
use crate::rent_terms::RentTerms;

/// Who pays the site's operating costs, electricity above all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LeaseStructure {
    /// Gross (full-service): the rent covers power and operations; the
    /// landlord pays the electricity bill out of it.
    Gross,
    /// Triple-net: the tenant also pays power (passed through at cost),
    /// taxes, insurance and maintenance; the rent is the landlord's net.
    TripleNet,
}

/// The terms of a [`ColocationLease`], by name: what a config file or a
/// deal sheet says. [`ColocationLease::new`] (and deserialization, and
/// `TryFrom`) validate them.
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
///
/// let lease = ColocationLease::new(LeaseSpec {
///     critical_it: "40 MW".parse()?,
///     rate: "$130/kW/month".parse()?,
///     escalator: Decimal::new(3, 2), // 3% a year
///     term_months: 120,
///     start: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
///     structure: LeaseStructure::TripleNet,
/// })?;
/// assert_eq!(lease.rent_in_month(0)?.to_string(), "$5,200,000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LeaseSpec {
    /// Critical IT capacity leased.
    pub critical_it: Power,
    /// Starting rent, $/kW/month.
    pub rate: LeaseRate,
    /// Annual escalator, a fraction (`0.03` is 3% a year), applied at the
    /// start of each lease year.
    pub escalator: Decimal,
    /// Term in months.
    pub term_months: u32,
    /// First day of the term.
    pub start: NaiveDate,
    /// Gross or triple-net.
    pub structure: LeaseStructure,
}

impl TryFrom<LeaseSpec> for ColocationLease {
    type Error = FacilityError;

    fn try_from(spec: LeaseSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

/// One month of a lease's rent schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LeaseMonth {
    /// Month index from 0 (the first month of the term).
    pub index: u32,
    /// First day of the month.
    pub starts: NaiveDate,
    /// The escalated rate in force.
    pub rate: LeaseRate,
    /// The month's rent: critical IT kW × rate, exact.
    pub rent: Usd,
}

/// A colocation lease of critical IT capacity.
///
/// Rent for a month is `kW × rate`, where the rate rises by the annual
/// escalator at the start of each lease year (month 12, 24, ...):
/// `rate × (1 + escalator)^year`, or follows fixed steps
/// ([`Self::with_rate_steps`]); the first months may be free
/// ([`Self::with_free_rent`]). An AI lease delivered in tranches is a
/// [`crate::tranche::TranchedLease`] of such leases. Money is exact; the capacity enters as
/// kilowatts by [`wattage_units::money::to_decimal`].
///
/// ```
/// // Needs wattage-facility, wattage-units, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::rust_decimal, wattage::chrono).
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
/// use wattage_units::{Power, unit};
///
/// let lease = ColocationLease::new(LeaseSpec {
///     critical_it: Power::new(200.0, unit::MEGAWATT)?,
///     rate: "$110/kW/month".parse()?,
///     escalator: Decimal::new(3, 2), // 3% a year
///     term_months: 144,                // 12 years
///     start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
///     structure: LeaseStructure::TripleNet,
/// } )?;
/// assert_eq!(lease.rent_in_month(0)?.to_string(), "$22,000,000");
/// assert_eq!(lease.rent_in_month(12)?.to_string(), "$22,660,000");
/// assert_eq!(format!("{:.2}", lease.total_value()?), "$3,746,695,804.25");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "crate::rent_terms::LeaseConfig"))]
pub struct ColocationLease {
    critical_it: Power,
    #[cfg_attr(feature = "serde", serde(skip))]
    kilowatts: Decimal,
    rate: LeaseRate,
    escalator: Decimal,
    term_months: u32,
    start: NaiveDate,
    structure: LeaseStructure,
    /// Free-rent months and fixed rate steps ([`Self::with_free_rent`],
    /// [`Self::with_rate_steps`]); absent from the serialized form when unused.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub(crate) rent_terms: RentTerms,
}

fn kilowatts_of(critical_it: Power) -> Result<Decimal, FacilityError> {
    let value = critical_it.base_value();
    if !(value.is_finite() && value > 0.0) {
        return Err(FacilityError::InvalidPower {
            what: "leased critical IT capacity",
            requirement: "finite and positive",
            value: critical_it,
        });
    }
    Ok(to_decimal(
        "capacity in kW",
        critical_it.get(unit::KILOWATT),
    )?)
}

/// The longest term accepted: 100 years.
pub const MAX_TERM_MONTHS: u32 = 1200;

fn check_term(term_months: u32) -> Result<(), FacilityError> {
    if term_months == 0 || term_months > MAX_TERM_MONTHS {
        return Err(FacilityError::InvalidTerm {
            what: "lease term in months",
            value: format!("{term_months} (must be 1 to {MAX_TERM_MONTHS})"),
        });
    }
    Ok(())
}

pub(crate) fn check_escalator(escalator: Decimal) -> Result<(), FacilityError> {
    if escalator <= Decimal::NEGATIVE_ONE {
        return Err(FacilityError::InvalidTerm {
            what: "annual escalator",
            value: format!("{escalator} (must be above -1)"),
        });
    }
    Ok(())
}

/// `(1 + escalator)^year`, exact until `Decimal`'s 28 digits run out.
pub(crate) fn escalation(escalator: Decimal, year: u32) -> Result<Decimal, FacilityError> {
    let step = Decimal::ONE
        .checked_add(escalator)
        .ok_or(MoneyError::Overflow {
            operation: "lease escalation",
        })?;
    let mut factor = Decimal::ONE;
    for _ in 0..year {
        factor = factor.checked_mul(step).ok_or(MoneyError::Overflow {
            operation: "lease escalation",
        })?;
    }
    Ok(factor)
}

/// The sum over a term of each month's escalation factor.
fn escalated_months(escalator: Decimal, term_months: u32) -> Result<Decimal, FacilityError> {
    let mut total = Decimal::ZERO;
    let mut month = 0;
    let mut year = 0;
    while month < term_months {
        let months_this_year = (term_months - month).min(12);
        let year_factor = escalation(escalator, year)?
            .checked_mul(Decimal::from(months_this_year))
            .ok_or(MoneyError::Overflow {
                operation: "lease escalation",
            })?;
        total = total.checked_add(year_factor).ok_or(MoneyError::Overflow {
            operation: "lease escalation",
        })?;
        month += months_this_year;
        year += 1;
    }
    Ok(total)
}

impl ColocationLease {
    /// A lease on `spec`'s terms: `critical_it` at a starting `rate`,
    /// escalated by `escalator` (a fraction: `0.03` is 3%) each lease
    /// year, for `term_months` from `start`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] unless the capacity is finite and
    /// positive; [`FacilityError::InvalidTerm`] for a term of zero or more
    /// than [`MAX_TERM_MONTHS`], an escalator at or below -100%, or a term
    /// ending past chrono's date range; [`FacilityError::Money`] when the
    /// capacity cannot enter money arithmetic or the escalated rents
    /// overflow over the term.
    pub fn new(spec: LeaseSpec) -> Result<Self, FacilityError> {
        let LeaseSpec {
            critical_it,
            rate,
            escalator,
            term_months,
            start,
            structure,
        } = spec;
        check_term(term_months)?;
        check_escalator(escalator)?;
        let lease = Self {
            critical_it,
            kilowatts: kilowatts_of(critical_it)?,
            rate,
            escalator,
            term_months,
            start,
            structure,
            rent_terms: RentTerms::default(),
        };
        // A lease that exists can be simulated: its schedule (dates and
        // escalated rents) and total value must be representable.
        lease.schedule()?;
        lease.total_value()?;
        Ok(lease)
    }

    /// The flat rate a deal implies: `value / (kW × months)`. This is how
    /// the $/kW/month column of the public deals table is derived.
    ///
    /// ```
    /// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
    /// use wattage_facility::lease::ColocationLease;
    /// use wattage_units::{Power, unit};
    ///
    /// // Core Scientific -> CoreWeave (2024-06): ~200 MW, 12 years, >$3.5B.
    /// let rate = ColocationLease::implied_rate("$3.5B".parse()?, Power::new(200.0, unit::MEGAWATT)?, 144)?;
    /// assert_eq!(format!("{rate:.0}"), "$122/kW/month");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As for [`Self::new`]; [`FacilityError::Money`] for a negative value.
    pub fn implied_rate(
        value: Usd,
        critical_it: Power,
        term_months: u32,
    ) -> Result<LeaseRate, FacilityError> {
        Self::starting_rate_for_value(value, critical_it, term_months, Decimal::ZERO)
    }

    /// The starting rate at which a lease with `escalator` is worth
    /// `value` over its term: `value / (kW × Σ escalation factors)`.
    ///
    /// # Errors
    /// As for [`Self::implied_rate`].
    pub fn starting_rate_for_value(
        value: Usd,
        critical_it: Power,
        term_months: u32,
        escalator: Decimal,
    ) -> Result<LeaseRate, FacilityError> {
        check_term(term_months)?;
        check_escalator(escalator)?;
        let kilowatts = kilowatts_of(critical_it)?;
        let kw_months = kilowatts
            .checked_mul(escalated_months(escalator, term_months)?)
            .ok_or(MoneyError::Overflow {
                operation: "kW-months",
            })?;
        Ok(LeaseRate::new(value.checked_div(kw_months)?.dollars())?)
    }

    /// Leased critical IT capacity.
    #[must_use]
    pub const fn critical_it(&self) -> Power {
        self.critical_it
    }

    /// The rate in the first lease year.
    #[must_use]
    pub const fn starting_rate(&self) -> LeaseRate {
        self.rate
    }

    /// The annual escalator, as a fraction.
    #[must_use]
    pub const fn escalator(&self) -> Decimal {
        self.escalator
    }

    /// Term in months.
    #[must_use]
    pub const fn term_months(&self) -> u32 {
        self.term_months
    }

    /// First day of the term.
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// Gross or triple-net.
    #[must_use]
    pub const fn structure(&self) -> LeaseStructure {
        self.structure
    }

    fn check_month(&self, month: u32) -> Result<(), FacilityError> {
        if month >= self.term_months {
            return Err(FacilityError::InvalidTerm {
                what: "lease month",
                value: format!(
                    "{month} (the term has months 0 to {})",
                    self.term_months - 1
                ),
            });
        }
        Ok(())
    }

    /// The escalated rate in month `month` (0-based).
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for a month past the term;
    /// [`FacilityError::Money`] on overflow.
    pub fn rate_in_month(&self, month: u32) -> Result<LeaseRate, FacilityError> {
        self.check_month(month)?;
        if let Some(step) = self.rent_terms.step_in_force(month) {
            return Ok(step);
        }
        Ok(self
            .rate
            .checked_scale(escalation(self.escalator, month / 12)?)?)
    }

    /// The rent of month `month` (0-based): kW × the rate in force, exact;
    /// nothing in a free-rent month.
    ///
    /// # Errors
    /// As for [`Self::rate_in_month`].
    pub fn rent_in_month(&self, month: u32) -> Result<Usd, FacilityError> {
        let rate = self.rate_in_month(month)?;
        if month < self.rent_terms.free_rent_months {
            return Ok(Usd::ZERO);
        }
        Ok(Usd::new(self.kilowatts).checked_mul(rate.value())?)
    }

    /// Every month of the term with its start date, rate and rent.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow; [`FacilityError::InvalidTerm`]
    /// when a month's date is past chrono's range.
    pub fn schedule(&self) -> Result<Vec<LeaseMonth>, FacilityError> {
        (0..self.term_months)
            .map(|index| {
                let starts = self
                    .start
                    .checked_add_months(Months::new(index))
                    .ok_or_else(|| FacilityError::InvalidTerm {
                        what: "lease month date",
                        value: format!("{} + {index} months", self.start),
                    })?;
                let rate = self.rate_in_month(index)?;
                let rent = self.rent_in_month(index)?;
                Ok(LeaseMonth {
                    index,
                    starts,
                    rate,
                    rent,
                })
            })
            .collect()
    }

    /// Total contract value: the exact sum of every month's rent.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn total_value(&self) -> Result<Usd, FacilityError> {
        let mut total = Usd::ZERO;
        for month in 0..self.term_months {
            total = total.checked_add(self.rent_in_month(month)?)?;
        }
        Ok(total)
    }

    /// The flat rate with the same total value: `total / (kW × months)`.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn average_rate(&self) -> Result<LeaseRate, FacilityError> {
        Self::implied_rate(self.total_value()?, self.critical_it, self.term_months)
    }

    /// Rent in the first lease year per MW of critical IT at the starting
    /// rate, before any free-rent months (the "revenue per MW-year" of the
    /// domain brief).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn first_year_rent_per_mw(&self) -> Result<Usd, FacilityError> {
        // $/kW/month × 1000 kW/MW × 12 months.
        Ok(Usd::new(self.rate.value()).checked_mul(Decimal::from(12_000))?)
    }

    /// What the landlord keeps in month `month` after paying
    /// `electricity_cost` for the leased load: the rent less the cost under
    /// a gross lease, the whole rent under triple-net (the tenant pays the
    /// power).
    ///
    /// # Errors
    /// As for [`Self::rent_in_month`].
    pub fn landlord_net(&self, month: u32, electricity_cost: Usd) -> Result<Usd, FacilityError> {
        let rent = self.rent_in_month(month)?;
        match self.structure {
            LeaseStructure::Gross => Ok(rent.checked_sub(electricity_cost)?),
            LeaseStructure::TripleNet => Ok(rent),
        }
    }
}
