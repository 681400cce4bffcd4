//! An AI/HPC tenant on a colocation lease.

use rust_decimal::Decimal;
use wattage_units::Power;

use crate::FacilityError;
use crate::lease::ColocationLease;
use crate::pass_through::PassThrough;
use crate::sla::SlaCredit;
use alloc::vec::Vec;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use rust_decimal::RoundingStrategy;

use super::Model;
use crate::horizon::Horizon;
use crate::schedule::{LoadContext, Payer, RevenueRule, Terms, mul, overflow};

/// An AI/HPC tenant renting critical IT capacity under a
/// [`ColocationLease`]: a firm load that never curtails.
///
/// The tenant draws `load_factor × critical IT` (AI halls rarely run at
/// their full lease). Rent runs from the lease's start date for its term;
/// the ledger books each lease month's rent in the month's first period,
/// prorated by seconds where the simulated horizon covers only part of the
/// month, so rent stays exact and is never rounded. Under a gross
/// lease the operator pays the power out of the rent; under triple-net the
/// tenant reimburses at cost its energy (a pass-through revenue equal to
/// the energy cost), its share of demand and 4CP charges, and the opex of
/// its MW; [`PassThrough`] says which, line by line.
///
/// ```
/// // Needs wattage-facility, wattage-units, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::rust_decimal, wattage::chrono).
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
/// use wattage_facility::workload::Colocation;
/// use wattage_units::unit;
///
/// let lease = ColocationLease::new(LeaseSpec {
///     critical_it: "50 MW".parse()?, rate: "$130/kW/month".parse()?, escalator: Decimal::new(3, 2), term_months: 120,
///     start: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), structure: LeaseStructure::TripleNet,
/// } )?;
/// let tenant = Colocation::new(lease, Decimal::new(85, 2))?; // draws 85%
/// assert_eq!(tenant.it_power().get(unit::MEGAWATT), 42.5);
/// assert!(Colocation::new(tenant.lease().clone(), Decimal::new(11, 1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawColocation"))]
pub struct Colocation {
    lease: ColocationLease,
    load_factor: Decimal,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    downtime: Option<Downtime>,
    pass_through: PassThrough,
    #[cfg_attr(feature = "serde", serde(skip))]
    it_power: Power,
}

impl Colocation {
    /// A tenant under `lease` drawing `load_factor` (0 to 1) of the leased
    /// critical IT.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] unless `0 < load_factor <= 1`.
    pub fn new(lease: ColocationLease, load_factor: Decimal) -> Result<Self, FacilityError> {
        if load_factor <= Decimal::ZERO || load_factor > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "lease load factor (above 0)",
                value: load_factor,
            });
        }
        let factor = rust_decimal::prelude::ToPrimitive::to_f64(&load_factor).unwrap_or(1.0);
        let it_power = lease.critical_it() * factor;
        Ok(Self {
            pass_through: PassThrough::of(lease.structure()),
            lease,
            load_factor,
            downtime: None,
            it_power,
        })
    }

    /// The same tenant with `hours_per_month` of expected downtime a month
    /// credited under `sla`: each month's rent is booked less the SLA's
    /// credit for that downtime ([`SlaCredit::credit`], on the month's own
    /// length in hours). The load still runs every period: downtime
    /// changes what the tenant pays, not the energy simulated (a
    /// simplification; outages are short next to a month).
    ///
    /// ```
    /// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
    /// use wattage_facility::sla::SlaCredit;
    /// use wattage_facility::workload::Colocation;
    ///
    /// let lease = ColocationLease::new(LeaseSpec {
    ///     critical_it: "10 MW".parse()?, rate: "$150/kW/month".parse()?, escalator: Decimal::ZERO, term_months: 12,
    ///     start: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), structure: LeaseStructure::TripleNet,
    /// })?;
    /// let sla = SlaCredit::new(Decimal::new(9999, 4), Decimal::new(5, 2), Decimal::new(25, 2))?;
    /// let tenant = Colocation::new(lease, Decimal::ONE)?.with_downtime(sla, Decimal::from(3))?;
    /// assert_eq!(tenant.downtime_hours_per_month(), Some(Decimal::from(3)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for negative downtime or more than
    /// 672 hours (the shortest month).
    pub fn with_downtime(
        mut self,
        sla: SlaCredit,
        hours_per_month: Decimal,
    ) -> Result<Self, FacilityError> {
        if hours_per_month < Decimal::ZERO || hours_per_month > Decimal::from(672) {
            return Err(FacilityError::InvalidTerm {
                what: "expected downtime hours a month",
                value: alloc::format!("{hours_per_month} (must be 0 to 672)"),
            });
        }
        self.downtime = Some(Downtime {
            sla,
            hours_per_month,
        });
        Ok(self)
    }

    /// Expected downtime a month credited under an SLA, if set.
    #[must_use]
    pub fn downtime_hours_per_month(&self) -> Option<Decimal> {
        self.downtime.map(|d| d.hours_per_month)
    }

    /// The lease.
    #[must_use]
    pub const fn lease(&self) -> &ColocationLease {
        &self.lease
    }

    /// Share of the leased capacity the tenant draws.
    #[must_use]
    pub const fn load_factor(&self) -> Decimal {
        self.load_factor
    }

    /// IT power the tenant draws.
    #[must_use]
    pub const fn it_power(&self) -> Power {
        self.it_power
    }

    /// Whether the tenant reimburses its energy.
    #[must_use]
    pub const fn tenant_pays_power(&self) -> bool {
        self.pass_through.energy
    }

    /// The cost lines the tenant reimburses (by default those of the
    /// lease's structure, [`PassThrough::of`]).
    #[must_use]
    pub const fn pass_through(&self) -> PassThrough {
        self.pass_through
    }

    /// The same tenant reimbursing the lines `lines` instead.
    #[must_use]
    pub const fn with_pass_through(mut self, lines: PassThrough) -> Self {
        self.pass_through = lines;
        self
    }
}

impl Model for Colocation {
    fn kind(&self) -> &'static str {
        "colocation"
    }

    fn it_power(&self) -> Power {
        Colocation::it_power(self)
    }

    fn interruptible(&self) -> bool {
        false
    }

    /// Lowers the tenant: firm, live only inside the lease term, with rent
    /// booked as invoiced (see [`rent_bookings`]); a triple-net tenant pays
    /// its own energy.
    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError> {
        let lease = &self.lease;
        let horizon = context.horizon;
        let start = midnight(lease.start()).ok_or_else(|| overflow("lease start"))?;
        let end = lease
            .start()
            .checked_add_months(Months::new(lease.term_months()))
            .and_then(midnight)
            .ok_or_else(|| overflow("lease end"))?;
        let from = context.from.max(horizon.index_at_or_after(start));
        let until = context.until.min(horizon.index_at_or_after(end)).max(from);
        Ok(Terms {
            revenue: RevenueRule::Bookings(rent_bookings(
                lease,
                self.downtime.as_ref(),
                horizon,
                from,
                until,
            )?),
            interruptible: false,
            payer: if self.tenant_pays_power() {
                Payer::Tenant
            } else {
                Payer::Operator
            },
            recovers_demand: self.pass_through.demand_charges,
            recovers_transmission: self.pass_through.transmission,
            from,
            until,
        })
    }
}

fn midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    date.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

/// The rent of `lease` booked in live periods `from..until` of `horizon`:
/// each lease month's whole rent in its first live period, prorated by
/// seconds when the horizon starts or ends inside the month (rounded to
/// the cent, half away from zero, as a part-month is invoiced).
fn rent_bookings(
    lease: &ColocationLease,
    downtime: Option<&Downtime>,
    horizon: &Horizon,
    from: usize,
    until: usize,
) -> Result<Vec<(usize, Decimal)>, FacilityError> {
    let bound = |m: u32| {
        lease
            .start()
            .checked_add_months(Months::new(m))
            .and_then(midnight)
            .ok_or_else(|| overflow("lease month date"))
    };
    let mut bookings = Vec::new();
    let mut t = from;
    while t < until {
        let at = horizon
            .checked_start_of(t)
            .ok_or_else(|| overflow("period start"))?;
        let date = at.date_naive();
        let months = (date.year() - lease.start().year()) * 12 + date.month0() as i32
            - lease.start().month0() as i32;
        let mut month = u32::try_from(months.max(0)).unwrap_or(0);
        while month > 0 && bound(month)? > at {
            month -= 1;
        }
        while bound(month + 1)? <= at {
            month += 1;
        }
        let (month_from, month_until) = (bound(month)?, bound(month + 1)?);
        let rent = net_rent(lease, downtime, month, month_until - month_from)?;
        let covered_from = if month_from >= horizon.start() {
            month_from
        } else {
            horizon.start().max(at)
        };
        let covered_until = month_until.min(horizon.end());
        let amount = if covered_from == month_from && covered_until == month_until {
            rent
        } else {
            let covered = Decimal::from(
                covered_until
                    .signed_duration_since(covered_from)
                    .num_seconds()
                    .max(0),
            );
            let seconds =
                Decimal::from(month_until.signed_duration_since(month_from).num_seconds());
            mul(rent, covered, "prorated rent")?
                .checked_div(seconds)
                .map(|r| r.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
                .ok_or_else(|| overflow("prorated rent"))?
        };
        bookings.push((t, amount));
        t = horizon.index_at_or_after(month_until).max(t + 1);
    }
    Ok(bookings)
}

/// Expected downtime a month, credited under an SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct Downtime {
    sla: SlaCredit,
    hours_per_month: Decimal,
}

/// Month `month`'s rent of `lease`, less the SLA credit for the expected
/// downtime in a month lasting `length`.
fn net_rent(
    lease: &ColocationLease,
    downtime: Option<&Downtime>,
    month: u32,
    length: chrono::TimeDelta,
) -> Result<Decimal, FacilityError> {
    let rent = lease.rent_in_month(month)?;
    let Some(d) = downtime else {
        return Ok(rent.dollars());
    };
    let hours = Decimal::from(length.num_seconds()) / Decimal::from(3600);
    let credit = d.sla.credit(rent, hours, d.hours_per_month)?;
    Ok(rent.checked_sub(credit)?.dollars())
}

/// [`Colocation`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColocation {
    lease: ColocationLease,
    load_factor: Decimal,
    #[serde(default)]
    downtime: Option<Downtime>,
    #[serde(default)]
    pass_through: Option<PassThrough>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawColocation> for Colocation {
    type Error = FacilityError;

    fn try_from(raw: RawColocation) -> Result<Self, FacilityError> {
        let tenant = Self::new(raw.lease, raw.load_factor)?;
        let tenant = match raw.downtime {
            Some(d) => tenant.with_downtime(d.sla, d.hours_per_month)?,
            None => tenant,
        };
        Ok(match raw.pass_through {
            Some(lines) => tenant.with_pass_through(lines),
            None => tenant,
        })
    }
}
