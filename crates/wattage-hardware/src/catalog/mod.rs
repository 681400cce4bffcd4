//! The built-in catalog: ASIC miners, accelerators and systems, compiled
//! into the crate (no file is read at run time), every figure with its
//! source and every doubt in a note.
//!
//! Look-ups forgive case, spacing, punctuation, brand prefixes and the
//! "Hyd"/"Hydro" spelling, and accept a unique leading part of a name
//! ("tpu v7"); a miss says which names come closest.
//!
//! ```
//! // Needs wattage-hardware (in the wattage facade: wattage::hardware).
//! use wattage_hardware::{catalog, Cooling};
//!
//! let m = catalog::asic("s21 xp hyd")?;
//! assert_eq!(m.model(), "Antminer S21 XP Hyd");
//!
//! let err = catalog::asic("S21 XPP").unwrap_err();
//! assert!(err.to_string().contains("did you mean \"Antminer S21 XP\""));
//!
//! let hydro_2024: Vec<_> = catalog::asic_miners()
//!     .iter()
//!     .filter(|m| m.release().year_number() == 2024 && m.cooling() == Cooling::Hydro)
//!     .collect();
//! assert!(!hydro_2024.is_empty());
//! # Ok::<(), wattage_hardware::Error>(())
//! ```
//!
//! # Attribution
//!
//! Accelerator figures marked "Epoch AI" are from Epoch AI's Machine
//! Learning Hardware database, © Epoch AI, CC-BY 4.0,
//! <https://epoch.ai/data/machine-learning-hardware> (snapshot of
//! 2025-12-10). Redistributing this catalog means keeping that credit.
//!
#![doc = include_str!("models.md")]

mod accelerators;
mod asic_miners;
mod systems;

use alloc::string::String;
use alloc::vec::Vec;

use wattage_units::{ComputeEfficiency, HashEfficiency, unit};

use crate::accelerator::Accelerator;
use crate::asic::AsicMiner;
use crate::cooling::Cooling;
use crate::error::{Error, Result};
use crate::name;
use crate::precision::Precision;
use crate::system::System;

/// The credit line to ship with any data derived from the accelerator catalog.
pub const EPOCH_ATTRIBUTION: &str = "Accelerator data partly from Epoch AI, \"Machine Learning Hardware\" database, CC-BY 4.0, https://epoch.ai/data/machine-learning-hardware";

/// Every ASIC miner in the catalog, oldest first.
#[must_use]
pub fn asic_miners() -> &'static [AsicMiner] {
    &asic_miners::ASIC_MINERS
}

/// Every accelerator in the catalog.
#[must_use]
pub fn accelerators() -> &'static [Accelerator] {
    &accelerators::ACCELERATORS
}

/// Every system (server or rack) in the catalog.
#[must_use]
pub fn systems() -> &'static [System] {
    &systems::SYSTEMS
}

/// Finds one entry: an exact (normalized) name first, then a unique entry
/// whose name begins with the query.
fn find<'a, T>(
    kind: &'static str,
    query: &str,
    items: &'a [T],
    names: impl Fn(&T) -> (&str, &str),
) -> Result<&'a T> {
    let normalized = name::Query::new(query);
    if normalized.is_empty() {
        return Err(Error::Empty {
            what: "name to look up",
        });
    }
    if let Some(hit) = items.iter().find(|i| {
        let (n, maker) = names(i);
        name::matches(&normalized, n, maker)
    }) {
        return Ok(hit);
    }
    let prefixed: Vec<&T> = items
        .iter()
        .filter(|i| name::is_prefix(&normalized, names(i).0))
        .collect();
    if let [only] = prefixed.as_slice() {
        return Ok(only);
    }
    let suggestions = if prefixed.len() > 1 {
        prefixed.iter().map(|i| String::from(names(i).0)).collect()
    } else {
        name::suggest(&normalized, items.iter().map(|i| names(i).0))
    };
    Err(Error::NotFound {
        kind,
        query: String::from(query),
        suggestions,
    })
}

/// The ASIC miner named `query` ("s21 xp hyd", "Antminer S9", ...).
///
/// # Errors
/// [`Error::NotFound`] with the closest names when nothing matches, or the
/// candidates when the query fits several ("S21 X" fits three).
pub fn asic(query: &str) -> Result<AsicMiner> {
    find("ASIC miner", query, asic_miners(), |m| {
        (m.model(), m.manufacturer())
    })
    .cloned()
}

/// The accelerator named `query` ("H100 SXM", "mi300x", "tpu v7", ...).
///
/// # Errors
/// As for [`asic`].
pub fn accelerator(query: &str) -> Result<Accelerator> {
    find("accelerator", query, accelerators(), |a| {
        (a.name(), a.vendor())
    })
    .cloned()
}

/// The system named `query` ("DGX H100", "gb200 nvl72", ...).
///
/// # Errors
/// As for [`asic`].
pub fn system(query: &str) -> Result<System> {
    find("system", query, systems(), |s| (s.name(), s.vendor())).cloned()
}

/// Miners released in `year`.
pub fn asics_released_in(year: u16) -> impl Iterator<Item = &'static AsicMiner> {
    asic_miners()
        .iter()
        .filter(move |m| m.release().year_number() == year)
}

/// Miners with the given cooling.
pub fn asics_cooled_by(cooling: Cooling) -> impl Iterator<Item = &'static AsicMiner> {
    asic_miners().iter().filter(move |m| m.cooling() == cooling)
}

/// Miners at least as efficient as `threshold` (J/TH at or below it).
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::catalog;
/// use wattage_units::{unit, HashEfficiency};
///
/// let limit = HashEfficiency::new(13.0, unit::JOULE_PER_TERAHASH)?;
/// assert!(catalog::asics_at_most(limit).all(|m| m.efficiency() <= limit));
/// assert!(catalog::asics_at_most(limit).any(|m| m.model() == "Antminer S23 Hyd"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn asics_at_most(threshold: HashEfficiency) -> impl Iterator<Item = &'static AsicMiner> {
    asic_miners()
        .iter()
        .filter(move |m| m.efficiency() <= threshold)
}

/// Miners sorted best J/TH first.
#[must_use]
pub fn asics_by_efficiency() -> Vec<&'static AsicMiner> {
    let mut v: Vec<&AsicMiner> = asic_miners().iter().collect();
    v.sort_by(|a, b| {
        a.efficiency()
            .get(unit::JOULE_PER_TERAHASH)
            .total_cmp(&b.efficiency().get(unit::JOULE_PER_TERAHASH))
    });
    v
}

/// Accelerators with a `precision` figure and a published board power,
/// best dense peak per watt first, with that efficiency.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::{catalog, Precision};
///
/// let ranked = catalog::accelerators_by_efficiency(Precision::Bf16);
/// let (best, _) = ranked[0];
/// assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
/// assert!(ranked.iter().all(|(a, _)| a.board_power().is_some()));
/// assert_ne!(best.vendor(), "");
/// ```
#[must_use]
pub fn accelerators_by_efficiency(
    precision: Precision,
) -> Vec<(&'static Accelerator, ComputeEfficiency)> {
    let mut v: Vec<(&Accelerator, ComputeEfficiency)> = accelerators()
        .iter()
        .filter_map(|a| a.efficiency(precision).ok().map(|e| (a, e)))
        .collect();
    v.sort_by(|a, b| b.1.base_value().total_cmp(&a.1.base_value()));
    v
}

/// Accelerators released in `year`.
pub fn accelerators_released_in(year: u16) -> impl Iterator<Item = &'static Accelerator> {
    accelerators()
        .iter()
        .filter(move |a| a.release().is_some_and(|d| d.year_number() == year))
}

/// Accelerators from `vendor` (case-insensitive).
pub fn accelerators_by(vendor: &str) -> impl Iterator<Item = &'static Accelerator> + '_ {
    accelerators()
        .iter()
        .filter(move |a| a.vendor().eq_ignore_ascii_case(vendor.trim()))
}
