//! AI leases delivered in tranches: blocks of critical IT (say 50 MW at a
//! time), each with its own rent commencement, free-rent months and rate,
//! some of them expansion options the tenant exercises or not by a date.
//!
//! Each tranche is a [`ColocationLease`] of its own, running the lease's
//! term from its rent commencement and escalated on the anniversaries of
//! that date (a simplification: some leases escalate every tranche on the
//! master lease's anniversaries). A tranche becomes a
//! [`Colocation`] workload ([`TranchedLease::workloads`]) to assign to the
//! hall it occupies, so the exact ledger and the `f64` kernel book its
//! rent from the same schedule.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::{LeaseRate, Power, Usd};

use crate::FacilityError;
use crate::lease::{ColocationLease, LeaseSpec, LeaseStructure, RateStep};
use crate::sla::SlaCredit;
use crate::workload::Colocation;

/// A tenant's option to take a tranche: exercised or not, by a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ExpansionOption {
    /// Last day to exercise it (on or after signing, on or before the
    /// tranche's rent commencement).
    pub exercise_by: NaiveDate,
    /// Whether the tenant exercised it. An unexercised option pays no rent
    /// and draws no power.
    pub exercised: bool,
}

/// One tranche as a deal sheet writes it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrancheSpec {
    /// A name, unique in the lease ("phase 1"); the workload's name too.
    pub name: String,
    /// Critical IT capacity of the tranche.
    pub critical_it: Power,
    /// Starting rent, $/kW/month.
    pub rate: LeaseRate,
    /// First day of its term (rent, or free rent, starts).
    pub rent_commencement: NaiveDate,
    /// Months of free rent at the start of its term.
    #[cfg_attr(feature = "serde", serde(default))]
    pub free_rent_months: u32,
    /// Fixed rate steps (instead of the lease's escalator, which must then
    /// be 0), counted in months of this tranche's term.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rate_steps: Vec<RateStep>,
    /// `None` for a firm tranche; the option for an expansion tranche.
    #[cfg_attr(feature = "serde", serde(default))]
    pub option: Option<ExpansionOption>,
}

/// The terms of a [`TranchedLease`], by name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TranchedLeaseSpec {
    /// The day the lease is signed: no tranche commences before it.
    pub signed: NaiveDate,
    /// Term of every tranche, in months from its rent commencement.
    pub term_months: u32,
    /// Annual escalator of every tranche, a fraction (`0.02` is 2 %).
    pub escalator: Decimal,
    /// Gross or triple-net.
    pub structure: LeaseStructure,
    /// The SLA, if the lease credits downtime.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sla: Option<SlaCredit>,
    /// The tranches, at least one.
    pub tranches: Vec<TrancheSpec>,
}

/// One validated tranche: its name, its option and its own lease.
#[derive(Debug, Clone, PartialEq)]
pub struct Tranche {
    name: String,
    option: Option<ExpansionOption>,
    lease: ColocationLease,
}

impl Tranche {
    /// The tranche's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its expansion option, `None` when firm.
    #[must_use]
    pub const fn option(&self) -> Option<ExpansionOption> {
        self.option
    }

    /// Its lease: capacity, rate, term from its rent commencement.
    #[must_use]
    pub const fn lease(&self) -> &ColocationLease {
        &self.lease
    }

    /// Whether it pays rent: firm, or an exercised option.
    #[must_use]
    pub fn is_committed(&self) -> bool {
        self.option.is_none_or(|o| o.exercised)
    }
}

/// An AI lease in tranches.
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::lease::LeaseStructure;
/// use wattage_facility::tranche::{ExpansionOption, TrancheSpec, TranchedLease, TranchedLeaseSpec};
///
/// let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
/// let tranche = |name: &str, mw: &str, start, option| TrancheSpec {
///     name: name.into(), critical_it: mw.parse().unwrap(), rate: "$130/kW/month".parse().unwrap(),
///     rent_commencement: start, free_rent_months: 2, rate_steps: vec![], option,
/// };
/// let lease = TranchedLease::new(TranchedLeaseSpec {
///     signed: day(2026, 1), term_months: 120, escalator: Decimal::new(2, 2),
///     structure: LeaseStructure::TripleNet, sla: None,
///     tranches: vec![
///         tranche("phase 1", "50 MW", day(2026, 7), None),
///         tranche("phase 2", "50 MW", day(2027, 1), None),
///         tranche("option", "50 MW", day(2027, 7), Some(ExpansionOption { exercise_by: day(2026, 12), exercised: false })),
///     ],
/// })?;
/// assert_eq!(lease.committed_capacity().to_string(), "100 MW");
/// // Per tranche: 50,000 kW × $130 = $6.5M a month, 120 months escalated
/// // 2 % a lease year (12 × Σ 1.02^k for k < 10 = 131.396 months at the
/// // starting rate), less 2 free months: 129.396 × $6.5M, twice.
/// assert_eq!(format!("{:.0}", lease.total_value()?), "$1,682,156,476");
/// assert_eq!(lease.workloads(Decimal::ONE)?.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TranchedLeaseSpec", into = "TranchedLeaseSpec")
)]
pub struct TranchedLease {
    signed: NaiveDate,
    sla: Option<SlaCredit>,
    tranches: Vec<Tranche>,
}

fn tranche_error(name: &str) -> impl Fn(FacilityError) -> FacilityError + '_ {
    move |source| FacilityError::Tranche {
        tranche: name.into(),
        source: Box::new(source),
    }
}

fn check_dates(spec: &TrancheSpec, signed: NaiveDate) -> Result<(), FacilityError> {
    let date_error = |what, date, problem, reference| FacilityError::TrancheDate {
        tranche: spec.name.clone(),
        what,
        date,
        problem,
        reference,
    };
    if spec.rent_commencement < signed {
        return Err(date_error(
            "rent commencement",
            spec.rent_commencement,
            "is before the lease signing on",
            signed,
        ));
    }
    if let Some(option) = spec.option {
        if option.exercise_by < signed {
            return Err(date_error(
                "option deadline",
                option.exercise_by,
                "is before the lease signing on",
                signed,
            ));
        }
        if option.exercise_by > spec.rent_commencement {
            return Err(date_error(
                "option deadline",
                option.exercise_by,
                "is after the tranche's rent commencement on",
                spec.rent_commencement,
            ));
        }
    }
    Ok(())
}

fn tranche(spec: &TranchedLeaseSpec, t: &TrancheSpec) -> Result<Tranche, FacilityError> {
    check_dates(t, spec.signed)?;
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: t.critical_it,
        rate: t.rate,
        escalator: spec.escalator,
        term_months: spec.term_months,
        start: t.rent_commencement,
        structure: spec.structure,
    })
    .and_then(|l| l.with_free_rent(t.free_rent_months))
    .and_then(|l| l.with_rate_steps(t.rate_steps.clone()))
    .map_err(tranche_error(&t.name))?;
    Ok(Tranche {
        name: t.name.clone(),
        option: t.option,
        lease,
    })
}

impl TranchedLease {
    /// A lease on `spec`'s terms, every tranche validated.
    ///
    /// # Errors
    /// [`FacilityError::TrancheName`] for no tranches or a repeated or
    /// blank name; [`FacilityError::TrancheDate`] for a rent commencement
    /// before signing or an option deadline outside signing..=commencement;
    /// [`FacilityError::Tranche`] (naming the tranche) for its invalid
    /// lease terms: capacity, term, an escalator at or below -100 %, free
    /// rent as long as the term, bad rate steps, overflow.
    pub fn new(spec: TranchedLeaseSpec) -> Result<Self, FacilityError> {
        if spec.tranches.is_empty() {
            return Err(FacilityError::TrancheName {
                tranche: String::new(),
                problem: "a lease needs at least one tranche",
            });
        }
        let mut tranches: Vec<Tranche> = Vec::with_capacity(spec.tranches.len());
        for t in &spec.tranches {
            let problem = if t.name.trim().is_empty() {
                Some("a tranche needs a name that is not blank")
            } else if tranches.iter().any(|seen| seen.name == t.name) {
                Some("already used by another tranche of the lease")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(FacilityError::TrancheName {
                    tranche: t.name.clone(),
                    problem,
                });
            }
            tranches.push(tranche(&spec, t)?);
        }
        let lease = Self {
            signed: spec.signed,
            sla: spec.sla,
            tranches,
        };
        lease.total_value()?;
        Ok(lease)
    }

    /// The day the lease was signed.
    #[must_use]
    pub const fn signed(&self) -> NaiveDate {
        self.signed
    }

    /// The SLA, if any.
    #[must_use]
    pub const fn sla(&self) -> Option<SlaCredit> {
        self.sla
    }

    /// Every tranche, committed or not, in the order given.
    #[must_use]
    pub fn tranches(&self) -> &[Tranche] {
        &self.tranches
    }

    /// The tranches that pay rent: firm ones and exercised options.
    pub fn committed(&self) -> impl Iterator<Item = &Tranche> {
        self.tranches.iter().filter(|t| t.is_committed())
    }

    /// Critical IT of the committed tranches.
    #[must_use]
    pub fn committed_capacity(&self) -> Power {
        self.committed()
            .map(|t| t.lease.critical_it())
            .fold(Power::ZERO, |a, b| a + b)
    }

    /// Total contract value of the committed tranches: the exact sum of
    /// every month's rent of each.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn total_value(&self) -> Result<Usd, FacilityError> {
        let mut total = Usd::ZERO;
        for t in self.committed() {
            total = total.checked_add(t.lease.total_value()?)?;
        }
        Ok(total)
    }

    /// The flat rate the committed tranches imply, as the public deal
    /// tables derive it: `value / (committed kW × term months)`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] when no tranche is committed;
    /// [`FacilityError::Money`] on overflow.
    pub fn implied_rate(&self) -> Result<LeaseRate, FacilityError> {
        let term = self.tranches.first().map_or(0, |t| t.lease.term_months());
        ColocationLease::implied_rate(self.total_value()?, self.committed_capacity(), term)
    }

    /// The committed tranches as workloads, by tranche name, each drawing
    /// `load_factor` of its capacity: assign each to the hall it occupies.
    /// With an SLA, [`Colocation::with_downtime`] books its credits for an
    /// expected downtime.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] unless `0 < load_factor <= 1`.
    pub fn workloads(
        &self,
        load_factor: Decimal,
    ) -> Result<Vec<(String, Colocation)>, FacilityError> {
        self.committed()
            .map(|t| {
                Ok((
                    t.name.clone(),
                    Colocation::new(t.lease.clone(), load_factor)?,
                ))
            })
            .collect()
    }
}

impl TranchedLease {
    /// As [`Self::workloads`], each tenant crediting the lease's SLA for
    /// `hours_per_month` of expected downtime
    /// ([`Colocation::with_downtime`]).
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] when the lease has no SLA or the
    /// downtime is outside 0..=672 hours; as for [`Self::workloads`].
    pub fn workloads_with_downtime(
        &self,
        load_factor: Decimal,
        hours_per_month: Decimal,
    ) -> Result<Vec<(String, Colocation)>, FacilityError> {
        let sla = self.sla.ok_or_else(|| FacilityError::InvalidTerm {
            what: "expected downtime",
            value: alloc::format!("{hours_per_month} hours a month on a lease without an SLA"),
        })?;
        self.workloads(load_factor)?
            .into_iter()
            .map(|(name, tenant)| Ok((name, tenant.with_downtime(sla, hours_per_month)?)))
            .collect()
    }
}

impl TryFrom<TranchedLeaseSpec> for TranchedLease {
    type Error = FacilityError;

    fn try_from(spec: TranchedLeaseSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

impl From<TranchedLease> for TranchedLeaseSpec {
    fn from(lease: TranchedLease) -> Self {
        let first = lease.tranches.first().map(|t| &t.lease);
        Self {
            signed: lease.signed,
            term_months: first.map_or(0, ColocationLease::term_months),
            escalator: first.map_or(Decimal::ZERO, ColocationLease::escalator),
            structure: first.map_or(LeaseStructure::TripleNet, ColocationLease::structure),
            sla: lease.sla,
            tranches: lease
                .tranches
                .into_iter()
                .map(|t| TrancheSpec {
                    critical_it: t.lease.critical_it(),
                    rate: t.lease.starting_rate(),
                    rent_commencement: t.lease.start(),
                    free_rent_months: t.lease.free_rent_months(),
                    rate_steps: t.lease.rate_steps().into(),
                    option: t.option,
                    name: t.name,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
