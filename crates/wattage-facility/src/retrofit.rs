//! Retrofits: converting halls from mining to AI in phases.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::{DateTime, Utc};

use crate::FacilityError;
use crate::capital::{Asset, Serves};
use crate::deployment::{Assignment, AssignmentSpec, Deployment, Window};
use crate::pue::Pue;
use crate::summary::CapexPayment;
use crate::workload::Workload;

/// One phase of a retrofit: a hall stops mining, is rebuilt, and reopens
/// with an AI workload.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Conversion {
    /// The hall converted.
    pub hall: String,
    /// When its miners switch off and construction starts.
    pub construction_from: DateTime<Utc>,
    /// When the AI workload goes live (rent or GPU-hours start).
    pub live_from: DateTime<Utc>,
    /// Name of the AI workload.
    pub name: String,
    /// The AI workload (a lease or a GPU cloud).
    pub workload: Workload,
    /// The converted hall's PUE (liquid cooling, say).
    pub pue: Pue,
    /// Construction capex, paid on its dates (cash only: give
    /// infrastructure that is written off as `assets`).
    pub capex: Vec<CapexPayment>,
    /// What happens to the assets of the workloads the conversion
    /// displaces (the hall's miners).
    pub displaced: Displaced,
    /// Assets the conversion buys (the rebuilt hall's electrical and
    /// cooling, the AI workload's GPUs), each serving the new workload or
    /// the hall. In a config, may be left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub assets: Vec<Asset>,
}

/// What a conversion does with the workloads (and their assets) live in
/// the hall when construction starts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Displaced {
    /// Their assets are sold on the day construction starts, each at its
    /// [`Resale`](crate::capital::Resale) value (the used-miner curve, the
    /// book value, or nothing if scrapped).
    Sell,
    /// They move to `hall` on the day construction starts and run there
    /// (at that hall's PUE, within its capacity) until their own end; their
    /// assets serve them there.
    Redeploy {
        /// The hall they move to.
        hall: String,
    },
}

/// A site's deployment and the phases that convert it: applying the plan
/// ends the converted halls' mining at construction, starts each AI
/// workload on its date, leaves the rest of the site mining all along, and
/// collects the capex schedule. The workloads a phase displaces are sold
/// or moved, as its [`Displaced`] says: sold, their assets are sold on
/// the day construction starts at their resale value (the proceeds appear
/// in [`CashFlows`](crate::summary::CashFlows) as asset sales); moved, they
/// run on in another hall with their assets. The conversion's own assets
/// join the deployment.
///
/// The converted hall keeps its power budget: the AI workload's facility
/// load at its new PUE must fit within the hall's IT capacity × its old
/// peak PUE, and its IT load within the hall's IT capacity.
///
/// Phases may be added in any order: [`Self::apply`] takes them in order
/// of construction start (phases starting together keep the order added).
/// One hall may be converted more than once (a second generation of AI
/// load), but each phase must go live before the next phase of the same
/// hall starts construction; otherwise the earlier phase would never go
/// live although its capex is paid, and `apply` refuses the pair with
/// [`FacilityError::OverlappingPhases`] naming both.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use rust_decimal::Decimal;
/// use wattage_facility::deployment::Deployment;
/// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
/// use wattage_facility::pue::Pue;
/// use wattage_facility::retrofit::{Conversion, Displaced, RetrofitPlan};
/// use wattage_facility::site::{Hall, Site};
/// use wattage_facility::summary::CapexPayment;
/// use wattage_facility::workload::{Colocation, Hosting, Workload};
///
/// let site = Site::new("S", "100 MW".parse()?)?
///     .with_hall(Hall::new("A", "47 MW".parse()?, Pue::constant(1.05)?)?)?
///     .with_hall(Hall::new("B", "47 MW".parse()?, Pue::constant(1.05)?)?)?;
/// let mut base = Deployment::new(site);
/// for hall in ["A", "B"] {
///     base.assign(format!("miners-{hall}"), hall, Workload::Hosting(Hosting::new("47 MW".parse()?, "$60/MWh".parse()?)?))?;
/// }
/// let at = |y, m| Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).unwrap();
/// let lease = ColocationLease::new(LeaseSpec { critical_it: "37 MW".parse()?, rate: "$130/kW/month".parse()?, escalator: Decimal::new(3, 2), term_months: 120,
///     start: NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(), structure: LeaseStructure::TripleNet })?;
/// let plan = RetrofitPlan::new(base).with(Conversion {
///     hall: "B".into(),
///     construction_from: at(2026, 7),
///     live_from: at(2027, 7),
///     name: "tenant".into(),
///     workload: Workload::Colocation(Colocation::new(lease, Decimal::ONE)?),
///     pue: Pue::constant(1.3)?,
///     capex: vec![CapexPayment { at: at(2026, 7), amount: "$185M".parse()? }, CapexPayment { at: at(2027, 1), amount: "$185M".parse()? }],
///     displaced: Displaced::Sell, // hosted miners: nothing of the operator's to sell
///     assets: vec![],
/// });
/// let (deployment, capex) = plan.apply()?;
/// let b = deployment.assignment("miners-B").unwrap();
/// assert_eq!(b.window().until, Some(at(2026, 7)));
/// assert_eq!(deployment.assignment("miners-A").unwrap().window().until, None);
/// assert_eq!(capex.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RetrofitPlan {
    base: Deployment,
    phases: Vec<Conversion>,
}

impl RetrofitPlan {
    /// A plan starting from `base`, with no phases yet.
    #[must_use]
    pub const fn new(base: Deployment) -> Self {
        Self {
            base,
            phases: Vec::new(),
        }
    }

    /// Adds a phase.
    #[must_use]
    pub fn with(mut self, phase: Conversion) -> Self {
        self.phases.push(phase);
        self
    }

    /// The starting deployment.
    #[must_use]
    pub const fn base(&self) -> &Deployment {
        &self.base
    }

    /// The phases, in the order added.
    #[must_use]
    pub fn phases(&self) -> &[Conversion] {
        &self.phases
    }

    /// The deployment over time and the capex schedule (in date order),
    /// applying the phases in order of construction start.
    ///
    /// # Errors
    /// [`FacilityError::UnknownHall`]; [`FacilityError::InvalidWindow`]
    /// when a phase goes live before construction starts;
    /// [`FacilityError::OverlappingPhases`] when a phase of a hall starts
    /// construction before (or as) an earlier phase of the same hall goes
    /// live;
    /// [`FacilityError::HallOverCapacity`] when an AI workload does not fit
    /// the converted hall's power budget; [`FacilityError::WorkloadName`]
    /// for a name already used.
    pub fn apply(&self) -> Result<(Deployment, Vec<CapexPayment>), FacilityError> {
        for phase in &self.phases {
            if phase.live_from < phase.construction_from {
                return Err(FacilityError::InvalidWindow {
                    workload: phase.name.clone(),
                    from: phase.live_from,
                    until: phase.construction_from,
                });
            }
        }
        let mut ordered: Vec<&Conversion> = self.phases.iter().collect();
        // Stable: phases starting together keep the order added.
        ordered.sort_by_key(|phase| phase.construction_from);
        for (index, later) in ordered.iter().enumerate() {
            let earlier_same_hall = ordered
                .iter()
                .take(index)
                .rev()
                .find(|earlier| earlier.hall == later.hall);
            if let Some(earlier) = earlier_same_hall {
                if later.construction_from <= earlier.live_from {
                    return Err(FacilityError::OverlappingPhases {
                        hall: later.hall.clone(),
                        first: earlier.name.clone(),
                        first_live: earlier.live_from,
                        second: later.name.clone(),
                        second_construction: later.construction_from,
                    });
                }
            }
        }
        let mut deployment = self.base.clone();
        let mut capex = Vec::new();
        for phase in ordered {
            let hall =
                deployment
                    .site()
                    .hall(&phase.hall)
                    .ok_or_else(|| FacilityError::UnknownHall {
                        hall: phase.hall.clone(),
                    })?;
            let budget = hall.it_capacity() * hall.pue().peak();
            let load = phase.workload.it_power() * phase.pue.peak();
            if load.base_value() > budget.base_value() * (1.0 + 1e-12) {
                return Err(FacilityError::HallOverCapacity {
                    hall: phase.hall.clone(),
                    load: load / hall.pue().peak(),
                    capacity: hall.it_capacity(),
                });
            }
            displace(&mut deployment, phase)?;
            deployment.end_hall_at(&phase.hall, phase.construction_from);
            // The new PUE is checked against the hall's budget above; the
            // deployment checks in terms of the hall's own PUE.
            deployment.add(
                AssignmentSpec::new(
                    phase.name.clone(),
                    phase.hall.clone(),
                    phase.workload.clone(),
                )
                .with_pue(phase.pue.clone())
                .during(Window {
                    from: Some(phase.live_from),
                    until: None,
                }),
            )?;
            for asset in &phase.assets {
                deployment.add_asset(asset.clone())?;
            }
            capex.extend(phase.capex.iter().copied());
        }
        capex.sort_by_key(|p| p.at);
        Ok((deployment, capex))
    }
}

/// Sells or moves the workloads live in `phase`'s hall when its
/// construction starts, as `phase.displaced` says.
fn displace(deployment: &mut Deployment, phase: &Conversion) -> Result<(), FacilityError> {
    let at = phase.construction_from;
    let displaced: Vec<Assignment> = deployment
        .assignments()
        .iter()
        .filter(|a| a.hall() == phase.hall && a.window().until.is_none_or(|u| u > at))
        .cloned()
        .collect();
    for a in displaced {
        let assets: Vec<Asset> = deployment
            .assets()
            .iter()
            .filter(|asset| asset.serves().workload(a.name()))
            .cloned()
            .collect();
        match &phase.displaced {
            Displaced::Sell => {
                for asset in assets {
                    deployment.replace_asset(asset.sold_on(at.date_naive())?);
                }
            }
            Displaced::Redeploy { hall } => {
                let moved = format!("{} (moved to {hall})", a.name());
                let from = a.window().from.map_or(at, |f| f.max(at));
                deployment.add(
                    AssignmentSpec::new(moved.clone(), hall.clone(), a.workload().clone()).during(
                        Window {
                            from: Some(from),
                            until: a.window().until,
                        },
                    ),
                )?;
                for asset in assets {
                    let mut names = match asset.serves() {
                        Serves::Workloads(names) => names.clone(),
                        _ => alloc::vec![a.name().into()],
                    };
                    names.push(moved.clone());
                    deployment.replace_asset(asset.serving(Serves::Workloads(names)));
                }
            }
        }
    }
    Ok(())
}
