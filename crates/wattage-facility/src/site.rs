//! Sites and their halls: an interconnect shared by halls of IT load.

use alloc::string::String;
use alloc::vec::Vec;

use wattage_units::Power;

use crate::FacilityError;
use crate::pue::Pue;

/// Relative slack in capacity checks, so that `interconnect / PUE × PUE`
/// (which `f64` may round a hair above the interconnect) still fits.
const CAPACITY_TOLERANCE: f64 = 1e-12;

fn positive(what: &'static str, value: Power) -> Result<Power, FacilityError> {
    if value.base_value().is_finite() && value.base_value() > 0.0 {
        Ok(value)
    } else {
        Err(FacilityError::InvalidPower {
            what,
            requirement: "finite and positive",
            value,
        })
    }
}

/// `name`, unless it is empty or only whitespace.
fn named(what: &'static str, name: String) -> Result<String, FacilityError> {
    if name.trim().is_empty() {
        Err(FacilityError::BlankName { what, name })
    } else {
        Ok(name)
    }
}

/// A data hall: critical IT capacity and the PUE of its cooling.
///
/// Both figures bind the workloads a [`Deployment`](crate::deployment::Deployment)
/// puts in the hall: their IT load never exceeds the IT capacity, whatever
/// PUE they run at (a retrofit's better cooling does not add racks), and
/// their facility load at their own PUE never exceeds the hall's power
/// budget, [`Self::peak_facility_load`].
///
/// ```
/// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
/// use wattage_facility::{pue::Pue, site::Hall};
/// use wattage_units::{Power, unit};
///
/// let hall = Hall::new("A1", Power::new(40.0, unit::MEGAWATT)?, Pue::constant(1.3)?)?;
/// assert_eq!(hall.peak_facility_load().get(unit::MEGAWATT), 52.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "crate::serde_impls::RawHall"))]
pub struct Hall {
    name: String,
    it_capacity: Power,
    pue: Pue,
}

impl Hall {
    /// A hall named `name` with `it_capacity` of critical IT load.
    ///
    /// # Errors
    /// [`FacilityError::BlankName`] for an empty or whitespace-only name;
    /// [`FacilityError::InvalidPower`] unless the capacity is finite and
    /// positive, and so is its facility load at peak PUE (a capacity near
    /// `f64::MAX` watts times a PUE above 1 is not).
    pub fn new(
        name: impl Into<String>,
        it_capacity: Power,
        pue: Pue,
    ) -> Result<Self, FacilityError> {
        let name = named("hall", name.into())?;
        let it_capacity = positive("hall IT capacity", it_capacity)?;
        positive(
            "hall facility load (IT capacity × peak PUE)",
            it_capacity * pue.peak(),
        )?;
        Ok(Self {
            name,
            it_capacity,
            pue,
        })
    }

    /// The hall's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Critical IT capacity.
    #[must_use]
    pub const fn it_capacity(&self) -> Power {
        self.it_capacity
    }

    /// The hall's PUE.
    #[must_use]
    pub const fn pue(&self) -> &Pue {
        &self.pue
    }

    /// Facility load at full IT load and peak PUE.
    #[must_use]
    pub fn peak_facility_load(&self) -> Power {
        self.it_capacity * self.pue.peak()
    }

    /// Checks that `it_load` (a workload's IT draw) fits the hall and
    /// returns the facility load it causes at peak PUE.
    ///
    /// ```
    /// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
    /// use wattage_facility::{pue::Pue, site::Hall};
    /// use wattage_units::{Power, unit};
    ///
    /// let hall = Hall::new("B", Power::new(20.0, unit::MEGAWATT)?, Pue::constant(1.1)?)?;
    /// assert!(hall.allocate(Power::new(18.0, unit::MEGAWATT)?).is_ok());
    /// let err = hall.allocate(Power::new(25.0, unit::MEGAWATT)?).unwrap_err();
    /// assert_eq!(err.to_string(), "hall \"B\" cannot carry 25 MW of IT load: its IT capacity is 20 MW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative or non-finite load;
    /// [`FacilityError::HallOverCapacity`] when it exceeds the IT capacity.
    pub fn allocate(&self, it_load: Power) -> Result<Power, FacilityError> {
        let value = it_load.base_value();
        if !(value.is_finite() && value >= 0.0) {
            return Err(FacilityError::InvalidPower {
                what: "IT load",
                requirement: "finite and non-negative",
                value: it_load,
            });
        }
        if value > self.it_capacity.base_value() * (1.0 + CAPACITY_TOLERANCE) {
            return Err(FacilityError::HallOverCapacity {
                hall: self.name.clone(),
                load: it_load,
                capacity: self.it_capacity,
            });
        }
        Ok(it_load.checked_mul(self.pue.peak())?)
    }
}

/// A site: a grid interconnect (gross MW) shared by its halls.
///
/// Halls are admitted only while their facility loads at peak PUE fit the
/// interconnect; the error names the hall, the load and the capacity.
///
/// ```
/// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
/// use wattage_facility::{FacilityError, pue::Pue, site::{Hall, Site}};
/// use wattage_units::{Power, unit};
///
/// let mw = |v| Power::new(v, unit::MEGAWATT);
/// let mut site = Site::new("Barber Lake", mw(300.0)?)?;
/// site.add_hall(Hall::new("mining", mw(100.0)?, Pue::constant(1.05)?)?)?;
/// site.add_hall(Hall::new("ai-1", mw(150.0)?, Pue::constant(1.25)?)?)?;
/// assert_eq!(site.headroom().to_string(), "7.5 MW");
/// let err = site.add_hall(Hall::new("ai-2", mw(10.0)?, Pue::constant(1.2)?)?).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "hall \"ai-2\" would bring the site's facility load to 304.5 MW, over its interconnect capacity 300 MW"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "crate::serde_impls::RawSite"))]
pub struct Site {
    name: String,
    interconnect: Power,
    halls: Vec<Hall>,
}

impl Site {
    /// A site with `interconnect` of gross capacity and no halls yet.
    ///
    /// # Errors
    /// [`FacilityError::BlankName`] for an empty or whitespace-only name;
    /// [`FacilityError::InvalidPower`] unless the capacity is finite and positive.
    pub fn new(name: impl Into<String>, interconnect: Power) -> Result<Self, FacilityError> {
        Ok(Self {
            name: named("site", name.into())?,
            interconnect: positive("interconnect capacity", interconnect)?,
            halls: Vec::new(),
        })
    }

    /// Adds `hall` if its peak facility load fits beside the others.
    ///
    /// # Errors
    /// [`FacilityError::DuplicateHall`] for a name already used;
    /// [`FacilityError::OverCapacity`] when the site's peak facility load
    /// would exceed the interconnect.
    pub fn add_hall(&mut self, hall: Hall) -> Result<(), FacilityError> {
        if self.hall(hall.name()).is_some() {
            return Err(FacilityError::DuplicateHall {
                hall: hall.name.clone(),
            });
        }
        let load = self.peak_facility_load() + hall.peak_facility_load();
        let limit = self.interconnect.base_value() * (1.0 + CAPACITY_TOLERANCE);
        if load.base_value().is_nan() || load.base_value() > limit {
            return Err(FacilityError::OverCapacity {
                hall: hall.name.clone(),
                load,
                capacity: self.interconnect,
            });
        }
        self.halls.push(hall);
        Ok(())
    }

    /// [`Self::add_hall`], by value, for chaining.
    ///
    /// # Errors
    /// As for [`Self::add_hall`].
    pub fn with_hall(mut self, hall: Hall) -> Result<Self, FacilityError> {
        self.add_hall(hall)?;
        Ok(self)
    }

    /// The site's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Gross interconnect capacity.
    #[must_use]
    pub const fn interconnect(&self) -> Power {
        self.interconnect
    }

    /// The halls, in the order added.
    #[must_use]
    pub fn halls(&self) -> &[Hall] {
        &self.halls
    }

    /// The hall named `name`.
    #[must_use]
    pub fn hall(&self, name: &str) -> Option<&Hall> {
        self.halls.iter().find(|h| h.name == name)
    }

    /// Total critical IT capacity of the halls.
    #[must_use]
    pub fn it_capacity(&self) -> Power {
        self.halls.iter().map(Hall::it_capacity).sum()
    }

    /// Facility load of all halls at full IT load and peak PUE.
    #[must_use]
    pub fn peak_facility_load(&self) -> Power {
        self.halls.iter().map(Hall::peak_facility_load).sum()
    }

    /// Interconnect capacity not yet taken by halls (never negative).
    #[must_use]
    pub fn headroom(&self) -> Power {
        (self.interconnect - self.peak_facility_load()).max(Power::ZERO)
    }

    /// The IT capacity a new hall of PUE `pue` could still have.
    #[must_use]
    pub fn available_it_capacity(&self, pue: &Pue) -> Power {
        pue.it_power(self.headroom())
    }
}
