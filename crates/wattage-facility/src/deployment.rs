//! Workloads assigned to the halls of a site, each over a window of time.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{DateTime, Utc};
use wattage_units::Power;

use crate::FacilityError;
use crate::capital::{Asset, Serves};
use crate::hashprice_path::HashpricePath;
use crate::pue::Pue;
use crate::site::Site;
use crate::workload::{SelfMining, SelfMiningSpec, Workload};

/// Relative slack in capacity checks (as [`crate::site`] allows).
const CAPACITY_TOLERANCE: f64 = 1e-12;

/// When a workload is live: from `from` (inclusive) until `until`
/// (exclusive); `None` is open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Window {
    /// First instant the workload runs.
    pub from: Option<DateTime<Utc>>,
    /// First instant it no longer runs.
    pub until: Option<DateTime<Utc>>,
}

impl Window {
    /// Always live.
    pub const ALWAYS: Self = Self {
        from: None,
        until: None,
    };

    /// Whether the window covers the instant `at`.
    #[must_use]
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from.is_none_or(|from| at >= from) && self.until.is_none_or(|until| at < until)
    }
}

/// One workload in one hall, with the PUE it runs at and when it is live:
/// an [`AssignmentSpec`] a [`Deployment`] has validated. It serializes in
/// the spec's layout.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Assignment {
    name: String,
    hall: String,
    workload: Workload,
    pue: Pue,
    window: Window,
}

impl Assignment {
    /// The workload's name, unique within its deployment.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The hall it runs in.
    #[must_use]
    pub fn hall(&self) -> &str {
        &self.hall
    }

    /// The workload.
    #[must_use]
    pub const fn workload(&self) -> &Workload {
        &self.workload
    }

    /// The PUE it runs at (its hall's, or a retrofit's new one).
    #[must_use]
    pub const fn pue(&self) -> &Pue {
        &self.pue
    }

    /// When it is live.
    #[must_use]
    pub const fn window(&self) -> Window {
        self.window
    }

    /// Facility load at full IT load and peak PUE.
    #[must_use]
    pub fn peak_facility_load(&self) -> Power {
        self.workload.it_power() * self.pue.peak()
    }
}

/// An assignment to add to a [`Deployment`], by name: a workload in a
/// hall, live during `window`, at `pue` (the hall's when `None`). Build it
/// with [`AssignmentSpec::new`] and [`during`](Self::during) /
/// [`with_pue`](Self::with_pue), or write the fields; in a config, `pue`
/// and `window` may be left out.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AssignmentSpec {
    /// The workload's name, unique in the deployment.
    pub name: String,
    /// The hall it is in.
    pub hall: String,
    /// The workload.
    pub workload: Workload,
    /// Its own PUE (a converted hall's new cooling), or `None` for the hall's.
    #[cfg_attr(feature = "serde", serde(default))]
    pub pue: Option<Pue>,
    /// When it is live.
    #[cfg_attr(feature = "serde", serde(default))]
    pub window: Window,
}

impl AssignmentSpec {
    /// `workload`, named `name`, in `hall`, for all time, at the hall's PUE.
    #[must_use]
    pub fn new(name: impl Into<String>, hall: impl Into<String>, workload: Workload) -> Self {
        Self {
            name: name.into(),
            hall: hall.into(),
            workload,
            pue: None,
            window: Window::ALWAYS,
        }
    }

    /// Live during `window` only.
    #[must_use]
    pub const fn during(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    /// At its own `pue` instead of the hall's.
    #[must_use]
    pub fn with_pue(mut self, pue: Pue) -> Self {
        self.pue = Some(pue);
        self
    }
}

/// A site and the workloads assigned to its halls.
///
/// Every assignment names a hall of the site; at every instant the
/// workloads live in a hall must fit both of its limits: their IT load
/// within the hall's IT capacity, whatever PUE they run at, and their
/// facility load at their own peak PUE within the hall's power budget
/// (IT capacity × the hall's peak PUE). The error names the hall, the load
/// and the capacity.
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::deployment::Deployment;
/// use wattage_facility::pue::Pue;
/// use wattage_facility::site::{Hall, Site};
/// use wattage_facility::workload::{Hosting, Workload};
///
/// let site = Site::new("West Texas", "150 MW".parse()?)?
///     .with_hall(Hall::new("A", "60 MW".parse()?, Pue::constant(1.05)?)?)?;
/// let mut plan = Deployment::new(site);
/// plan.assign("client-1", "A", Workload::Hosting(Hosting::new("40 MW".parse()?, "$65/MWh".parse()?)?))?;
/// let err = plan
///     .assign("client-2", "A", Workload::Hosting(Hosting::new("25 MW".parse()?, "$65/MWh".parse()?)?))
///     .unwrap_err();
/// assert_eq!(err.to_string(), "hall \"A\" cannot carry 65 MW of IT load: its IT capacity is 60 MW");
/// assert!(plan.assign("client-3", "B", Workload::Hosting(Hosting::new("1 MW".parse()?, "$65/MWh".parse()?)?)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawDeployment"))]
pub struct Deployment {
    site: Site,
    assignments: Vec<Assignment>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    assets: Vec<Asset>,
}

impl Deployment {
    /// A site with nothing assigned yet.
    #[must_use]
    pub const fn new(site: Site) -> Self {
        Self {
            site,
            assignments: Vec::new(),
            assets: Vec::new(),
        }
    }

    /// The site.
    #[must_use]
    pub const fn site(&self) -> &Site {
        &self.site
    }

    /// The assignments, in the order made.
    #[must_use]
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// The assignment named `name`.
    #[must_use]
    pub fn assignment(&self, name: &str) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.name == name)
    }

    /// The assets it owns (miners, GPUs, infrastructure), in the order
    /// added. A GPU cloud's own GPUs are not listed unless added; see
    /// [`crate::capital::plan_assets`].
    #[must_use]
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }

    /// Adds an asset. Add it after the workloads or hall it serves.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use wattage_facility::capital::{Asset, AssetKind, AssetSpec, Price, Resale, Serves};
    /// use wattage_facility::{Deployment, Hall, Pue, Site};
    /// use chrono::NaiveDate;
    ///
    /// let site = Site::new("S", "50 MW".parse()?)?.with_hall(Hall::new("A", "45 MW".parse()?, Pue::constant(1.08)?)?)?;
    /// let mut plan = Deployment::new(site);
    /// plan.add_asset(Asset::new(AssetSpec {
    ///     name: "hall A electrical".into(),
    ///     serves: Serves::Hall("A".into()),
    ///     kind: AssetKind::Infrastructure { capacity: "45 MW".parse()? },
    ///     price: Price::PerMegawatt("$400,000/MW".parse()?),
    ///     purchased: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    ///     life_months: 180,
    ///     residual: "$0".parse()?,
    ///     resale: Resale::BookValue,
    ///     refresh: None,
    ///     sold_on: None,
    /// })?)?;
    /// assert_eq!(plan.assets()[0].cost()?.to_string(), "$18,000,000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::WorkloadName`] when it serves a workload the
    /// deployment does not have; [`FacilityError::UnknownHall`];
    /// [`FacilityError::InvalidAsset`] for a name already used by another
    /// asset.
    pub fn add_asset(&mut self, asset: Asset) -> Result<&mut Self, FacilityError> {
        let names: Vec<&String> = match asset.serves() {
            Serves::Workload(w) => alloc::vec![w],
            Serves::Workloads(ws) => ws.iter().collect(),
            Serves::Hall(hall) => {
                if self.site.hall(hall).is_none() {
                    return Err(FacilityError::UnknownHall { hall: hall.clone() });
                }
                Vec::new()
            }
            Serves::Site => Vec::new(),
        };
        if let Some(missing) = names.iter().find(|w| self.assignment(w).is_none()) {
            return Err(FacilityError::WorkloadName {
                name: (*missing).clone(),
                problem: "an asset serves it but the deployment has no such workload",
            });
        }
        if self.assets.iter().any(|a| a.name() == asset.name()) {
            return Err(FacilityError::InvalidAsset {
                asset: asset.name().into(),
                what: "the name is already used by another asset",
                value: asset.name().into(),
            });
        }
        self.assets.push(asset);
        Ok(self)
    }

    /// Replaces the asset named like `asset` (a retrofit selling or moving
    /// it).
    pub(crate) fn replace_asset(&mut self, asset: Asset) {
        if let Some(slot) = self.assets.iter_mut().find(|a| a.name() == asset.name()) {
            *slot = asset;
        }
    }

    /// Assigns `workload`, named `name`, to `hall` for all time, at the
    /// hall's PUE: shorthand for [`Self::add`] of
    /// [`AssignmentSpec::new`]`(name, hall, workload)`.
    ///
    /// # Errors
    /// As for [`Self::add`].
    pub fn assign(
        &mut self,
        name: impl Into<String>,
        hall: &str,
        workload: Workload,
    ) -> Result<&mut Self, FacilityError> {
        self.add(AssignmentSpec::new(name, hall, workload))
    }

    /// Adds an assignment: a workload in a hall, live during its window,
    /// at its own PUE or the hall's.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::deployment::{AssignmentSpec, Window};
    /// use wattage_facility::workload::{Hosting, Workload};
    /// use wattage_facility::{Deployment, Hall, Pue, Site};
    ///
    /// let site = Site::new("S", "100 MW".parse()?)?.with_hall(Hall::new("A", "60 MW".parse()?, Pue::constant(1.05)?)?)?;
    /// let mut plan = Deployment::new(site);
    /// let hosted = Workload::Hosting(Hosting::new("40 MW".parse()?, "$65/MWh".parse()?)?);
    /// let from_july = Window { from: Some(Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap()), until: None };
    /// plan.add(AssignmentSpec::new("client", "A", hosted).during(from_july).with_pue(Pue::constant(1.1)?))?;
    /// assert_eq!(plan.assignment("client").map(|a| a.window()), Some(from_july));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::UnknownHall`], [`FacilityError::WorkloadName`] for
    /// a name already used, [`FacilityError::InvalidWindow`], and
    /// [`FacilityError::HallOverCapacity`] when the hall would be
    /// over-allocated at some instant.
    pub fn add(&mut self, spec: AssignmentSpec) -> Result<&mut Self, FacilityError> {
        let AssignmentSpec {
            name,
            hall,
            workload,
            pue,
            window,
        } = spec;
        let pue = match pue {
            Some(pue) => pue,
            None => self
                .site
                .hall(&hall)
                .ok_or_else(|| FacilityError::UnknownHall { hall: hall.clone() })?
                .pue()
                .clone(),
        };
        let hall = hall.as_str();
        if self.assignment(&name).is_some() {
            return Err(FacilityError::WorkloadName {
                name,
                problem: "already used by another workload",
            });
        }
        if let (Some(from), Some(until)) = (window.from, window.until) {
            if until < from {
                return Err(FacilityError::InvalidWindow {
                    workload: name,
                    from,
                    until,
                });
            }
        }
        self.assignments.push(Assignment {
            name,
            hall: hall.into(),
            workload,
            pue,
            window,
        });
        if let Err(err) = self.check_hall(hall) {
            self.assignments.pop();
            return Err(err);
        }
        Ok(self)
    }

    /// The same deployment with every self-mining fleet paid `hashprice`
    /// instead of its own path: one deployment per path of a hashprice
    /// sweep (a projection's or a Monte Carlo path's, see
    /// [`HashpricePath::from_monte_carlo_path`](crate::HashpricePath::from_monte_carlo_path)).
    ///
    /// # Errors
    /// As for [`Self::add`] (never for a deployment that exists).
    pub fn with_mining_hashprice(&self, hashprice: &HashpricePath) -> Result<Self, FacilityError> {
        let mut out = Self::new(self.site.clone());
        for a in &self.assignments {
            let workload = match &a.workload {
                Workload::SelfMining(m) => Workload::SelfMining(SelfMining::new(SelfMiningSpec {
                    hashrate: m.hashrate(),
                    it_power: m.it_power(),
                    pool: *m.pool(),
                    hashprice: hashprice.clone(),
                    btc_price: m.btc_price(),
                    uptime: m.uptime(),
                    degradation_per_year: m.degradation_per_year(),
                })?),
                other => other.clone(),
            };
            out.add(
                AssignmentSpec::new(a.name.clone(), a.hall.clone(), workload)
                    .with_pue(a.pue.clone())
                    .during(a.window),
            )?;
        }
        out.assets.clone_from(&self.assets);
        Ok(out)
    }

    /// Ends every workload in `hall` at `until` (if it ran longer).
    pub(crate) fn end_hall_at(&mut self, hall: &str, until: DateTime<Utc>) {
        for a in self.assignments.iter_mut().filter(|a| a.hall == hall) {
            a.window.until = Some(a.window.until.map_or(until, |u| u.min(until)));
            if let Some(from) = a.window.from {
                if from > until {
                    a.window.from = Some(until);
                }
            }
        }
    }

    /// Checks that the workloads live in `hall` fit it at every instant.
    ///
    /// Both of the hall's limits bind, whatever PUE a workload runs at:
    /// their IT load within the hall's IT capacity (racks, busways, the
    /// cooling it was built for), and their facility load at their own
    /// peak PUE within the hall's power budget, its IT capacity × its own
    /// peak PUE. A lower PUE (a retrofit's liquid cooling) therefore never
    /// lets more IT into a hall than its IT capacity; a higher one lets in
    /// less.
    fn check_hall(&self, hall: &str) -> Result<(), FacilityError> {
        let spec = self
            .site
            .hall(hall)
            .ok_or_else(|| FacilityError::UnknownHall { hall: hall.into() })?;
        let in_hall: Vec<&Assignment> =
            self.assignments.iter().filter(|a| a.hall == hall).collect();
        let hall_pue = spec.pue().peak();
        let it_limit = spec.it_capacity().base_value() * (1.0 + CAPACITY_TOLERANCE);
        let budget = it_limit * hall_pue;
        // The peak concurrent load is reached at the start of some window.
        for probe in &in_hall {
            let at = probe.window.from;
            let live: Vec<&&Assignment> = in_hall
                .iter()
                .filter(|a| at.map_or(a.window.from.is_none(), |t| a.window.contains(t)))
                .collect();
            let it_load: Power = live.iter().map(|a| a.workload.it_power()).sum();
            let load: Power = live.iter().map(|a| a.peak_facility_load()).sum();
            if !it_load.base_value().is_finite() || it_load.base_value() > it_limit {
                return Err(FacilityError::HallOverCapacity {
                    hall: hall.into(),
                    load: it_load,
                    capacity: spec.it_capacity(),
                });
            }
            if !load.base_value().is_finite() || load.base_value() > budget {
                return Err(FacilityError::HallOverCapacity {
                    hall: hall.into(),
                    load: load / hall_pue,
                    capacity: spec.it_capacity(),
                });
            }
        }
        Ok(())
    }

    #[cfg(feature = "serde")]
    fn validated(
        site: Site,
        assignments: Vec<AssignmentSpec>,
        assets: Vec<Asset>,
    ) -> Result<Self, FacilityError> {
        let mut deployment = Self::new(site);
        for a in assignments {
            deployment.add(a)?;
        }
        for asset in assets {
            deployment.add_asset(asset)?;
        }
        Ok(deployment)
    }
}

/// [`Deployment`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeployment {
    site: Site,
    assignments: Vec<AssignmentSpec>,
    #[serde(default)]
    assets: Vec<Asset>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawDeployment> for Deployment {
    type Error = FacilityError;

    fn try_from(raw: RawDeployment) -> Result<Self, FacilityError> {
        Self::validated(raw.site, raw.assignments, raw.assets)
    }
}
