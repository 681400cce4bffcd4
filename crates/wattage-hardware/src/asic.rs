//! Bitcoin ASIC miners: hashrate, wall power and efficiency that agree.

use alloc::borrow::Cow;
use alloc::string::String;

use wattage_units::{HashEfficiency, Hashrate, Power, unit};

use crate::cooling::Cooling;
use crate::date::ReleaseDate;
use crate::error::{Error, Result, non_empty, positive};

/// How far hashrate × efficiency may be from the stated wall power: 5 % of
/// the stated power.
///
/// Basis: vendor spec cards quote hashrate within ±3 % and efficiency within
/// ±5 % (Bitmain), or ±5 % and ±10 % on power (Canaan), and trade press
/// rounds all three. Every catalog entry agrees within 1 %.
pub const DEFAULT_TOLERANCE: f64 = 0.05;

/// An ASIC miner as someone wrote it down: not yet checked.
///
/// Give at least two of hashrate, power and efficiency; the third is derived
/// (W = TH/s × J/TH). [`AsicSpec::validate`] turns it into an [`AsicMiner`]
/// the same way for built-in and user data; with the `serde` feature an
/// [`AsicMiner`] deserializes through this struct.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{AsicSpec, Cooling, ReleaseDate};
///
/// let miner = AsicSpec::new("Antminer S21 XP", "Bitmain", ReleaseDate::year(2024)?, 270.0, 3645.0, 13.5)
///     .with_cooling(Cooling::Air)
///     .with_source("Bitmain spec card")
///     .validate()?;
/// assert_eq!(miner.power().get(wattage_units::unit::WATT), 3645.0);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AsicSpec {
    /// Model name ("Antminer S21 XP").
    pub model: String,
    /// Manufacturer ("Bitmain").
    pub manufacturer: String,
    /// Release date (year, or year and month).
    pub release: ReleaseDate,
    /// Nameplate hashrate, TH/s.
    #[cfg_attr(feature = "serde", serde(default))]
    pub hashrate_ths: Option<f64>,
    /// Nameplate wall power, W.
    #[cfg_attr(feature = "serde", serde(default))]
    pub power_w: Option<f64>,
    /// Nameplate efficiency, J/TH.
    #[cfg_attr(feature = "serde", serde(default))]
    pub efficiency_j_per_th: Option<f64>,
    /// Cooling method.
    #[cfg_attr(feature = "serde", serde(default = "default_cooling"))]
    pub cooling: Cooling,
    /// Where the figures come from.
    #[cfg_attr(feature = "serde", serde(default = "default_source"))]
    pub source: String,
    /// Caveats: disagreeing sources, derived figures.
    #[cfg_attr(feature = "serde", serde(default))]
    pub note: Option<String>,
}

#[cfg(feature = "serde")]
const fn default_cooling() -> Cooling {
    Cooling::Air
}

#[cfg(feature = "serde")]
fn default_source() -> String {
    String::from(USER_SOURCE)
}

/// The source recorded for user data that names none.
pub const USER_SOURCE: &str = "user-supplied";

impl AsicSpec {
    /// A spec with all three figures, air-cooled, source "user-supplied".
    #[must_use]
    pub fn new(
        model: impl Into<String>,
        manufacturer: impl Into<String>,
        release: ReleaseDate,
        hashrate_ths: f64,
        power_w: f64,
        efficiency_j_per_th: f64,
    ) -> Self {
        Self {
            model: model.into(),
            manufacturer: manufacturer.into(),
            release,
            hashrate_ths: Some(hashrate_ths),
            power_w: Some(power_w),
            efficiency_j_per_th: Some(efficiency_j_per_th),
            cooling: Cooling::Air,
            source: String::from(USER_SOURCE),
            note: None,
        }
    }

    /// Sets the cooling method.
    #[must_use]
    pub fn with_cooling(mut self, cooling: Cooling) -> Self {
        self.cooling = cooling;
        self
    }

    /// Sets the source.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = source.into();
        self
    }

    /// Sets the note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Checks the spec with [`DEFAULT_TOLERANCE`].
    ///
    /// # Errors
    /// See [`AsicSpec::validate_with_tolerance`].
    pub fn validate(self) -> Result<AsicMiner> {
        self.validate_with_tolerance(DEFAULT_TOLERANCE)
    }

    /// Checks the spec: names present, figures finite and positive, at least
    /// two of the three given, and hashrate × efficiency within `tolerance`
    /// (a fraction of the stated power) of the stated power.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank model or manufacturer,
    /// [`Error::OutOfRange`] for a non-positive figure or a tolerance outside
    /// 0 to 1, [`Error::Underspecified`] with fewer than two figures,
    /// [`Error::InconsistentAsic`] naming all three figures when they disagree.
    pub fn validate_with_tolerance(self, tolerance: f64) -> Result<AsicMiner> {
        if !(tolerance.is_finite() && (0.0..=1.0).contains(&tolerance)) {
            return Err(Error::OutOfRange {
                what: "tolerance",
                expected: "between 0 and 1",
                value: tolerance,
                unit: "(fraction)",
            });
        }
        let model = String::from(non_empty("model name", &self.model)?);
        let manufacturer = String::from(non_empty("manufacturer", &self.manufacturer)?);
        let h = self
            .hashrate_ths
            .map(|v| positive("hashrate", v, "TH/s"))
            .transpose()?;
        let p = self
            .power_w
            .map(|v| positive("power", v, "W"))
            .transpose()?;
        let e = self
            .efficiency_j_per_th
            .map(|v| positive("efficiency", v, "J/TH"))
            .transpose()?;
        let (h, p, e) = match (h, p, e) {
            (Some(h), Some(p), Some(e)) => {
                let implied = h * e;
                // Near f64::MAX the product can overflow although the three
                // figures agree: compare h x (e / p) with 1 there instead.
                let deviation = if implied.is_finite() {
                    (implied - p).abs() / p
                } else {
                    (h * (e / p) - 1.0).abs()
                };
                if deviation.is_nan() || deviation > tolerance {
                    return Err(Error::InconsistentAsic {
                        model,
                        hashrate_ths: h,
                        power_w: p,
                        efficiency_j_per_th: e,
                        implied_power_w: implied,
                        deviation_percent: deviation * 100.0,
                        tolerance_percent: tolerance * 100.0,
                    });
                }
                (h, p, e)
            }
            (Some(h), Some(p), None) => (h, p, p / h),
            (Some(h), None, Some(e)) => (h, h * e, e),
            (None, Some(p), Some(e)) => (p / e, p, e),
            _ => return Err(Error::Underspecified { model }),
        };
        let hashrate = checked_positive(
            "hashrate",
            Hashrate::new(h, unit::TERAHASH_PER_SECOND)?,
            h,
            "TH/s",
        )?;
        let power = checked_positive("power", Power::new(p, unit::WATT)?, p, "W")?;
        let efficiency = checked_positive(
            "efficiency",
            HashEfficiency::new(e, unit::JOULE_PER_TERAHASH)?,
            e,
            "J/TH",
        )?;
        let note = self.note.filter(|n| !n.trim().is_empty()).map(Cow::Owned);
        let source = if self.source.trim().is_empty() {
            String::from(USER_SOURCE)
        } else {
            self.source
        };
        Ok(AsicMiner {
            model: Cow::Owned(model),
            manufacturer: Cow::Owned(manufacturer),
            release: self.release,
            hashrate,
            power,
            efficiency,
            cooling: self.cooling,
            source: Cow::Owned(source),
            note,
        })
    }
}

/// Rejects values that became zero or infinite in base units.
fn checked_positive<Q: wattage_units::Measure>(
    what: &'static str,
    q: Q,
    value: f64,
    unit: &'static str,
) -> Result<Q> {
    if q.base_value() > 0.0 && q.base_value().is_finite() {
        Ok(q)
    } else {
        Err(Error::OutOfRange {
            what,
            expected: "finite and positive",
            value,
            unit,
        })
    }
}

/// A Bitcoin ASIC miner whose nameplate figures have been checked: its
/// hashrate times its efficiency is its wall power, within the tolerance it
/// was validated with.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::catalog;
/// use wattage_units::unit;
///
/// let s21xp = catalog::asic("s21 xp")?;
/// assert_eq!(s21xp.hashrate().get(unit::TERAHASH_PER_SECOND), 270.0);
/// assert_eq!(s21xp.efficiency().get(unit::JOULE_PER_TERAHASH), 13.5);
/// assert_eq!(s21xp.release().year_number(), 2024);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AsicSpec", into = "AsicSpec"))]
pub struct AsicMiner {
    model: Cow<'static, str>,
    manufacturer: Cow<'static, str>,
    release: ReleaseDate,
    hashrate: Hashrate,
    power: Power,
    efficiency: HashEfficiency,
    cooling: Cooling,
    source: Cow<'static, str>,
    note: Option<Cow<'static, str>>,
}

impl AsicMiner {
    /// A catalog entry. Fails the build, not the program, on a non-finite
    /// value; the catalog test re-checks every entry through
    /// [`AsicSpec::validate`].
    #[allow(
        clippy::too_many_arguments,
        clippy::panic,
        reason = "const catalog builder; panics only at compile time"
    )]
    pub(crate) const fn catalog(
        model: &'static str,
        manufacturer: &'static str,
        release: ReleaseDate,
        (hashrate_ths, power_w, efficiency_j_per_th): (f64, f64, f64),
        cooling: Cooling,
        source: &'static str,
        note: Option<&'static str>,
    ) -> Self {
        let (Ok(hashrate), Ok(power), Ok(efficiency)) = (
            Hashrate::new(hashrate_ths, unit::TERAHASH_PER_SECOND),
            Power::new(power_w, unit::WATT),
            HashEfficiency::new(efficiency_j_per_th, unit::JOULE_PER_TERAHASH),
        ) else {
            panic!("invalid catalog figure")
        };
        Self {
            model: Cow::Borrowed(model),
            manufacturer: Cow::Borrowed(manufacturer),
            release,
            hashrate,
            power,
            efficiency,
            cooling,
            source: Cow::Borrowed(source),
            note: match note {
                Some(n) => Some(Cow::Borrowed(n)),
                None => None,
            },
        }
    }

    /// Model name.
    #[must_use]
    pub fn model(&self) -> &str {
        &self.model
    }

    /// Manufacturer.
    #[must_use]
    pub fn manufacturer(&self) -> &str {
        &self.manufacturer
    }

    /// Release date.
    #[must_use]
    pub const fn release(&self) -> ReleaseDate {
        self.release
    }

    /// Nameplate hashrate.
    #[must_use]
    pub const fn hashrate(&self) -> Hashrate {
        self.hashrate
    }

    /// Nameplate wall power.
    #[must_use]
    pub const fn power(&self) -> Power {
        self.power
    }

    /// Nameplate efficiency (energy per hash; lower is better).
    #[must_use]
    pub const fn efficiency(&self) -> HashEfficiency {
        self.efficiency
    }

    /// Cooling method.
    #[must_use]
    pub const fn cooling(&self) -> Cooling {
        self.cooling
    }

    /// Where the figures come from.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Caveats about the figures, if any.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The spec this miner was built from (all three figures filled in).
    /// Each figure is chosen, where one exists, so that it converts back to
    /// exactly this miner's value; otherwise (a J/TH figure whose product
    /// with 1e-12 skips the value) it reads back within one unit in the
    /// last place.
    #[must_use]
    pub fn to_spec(&self) -> AsicSpec {
        AsicSpec {
            model: String::from(self.model()),
            manufacturer: String::from(self.manufacturer()),
            release: self.release,
            hashrate_ths: Some(figure_in(
                self.hashrate.base_value(),
                unit::TERAHASH_PER_SECOND.factor(),
            )),
            power_w: Some(figure_in(self.power.base_value(), unit::WATT.factor())),
            efficiency_j_per_th: Some(figure_in(
                self.efficiency.base_value(),
                unit::JOULE_PER_TERAHASH.factor(),
            )),
            cooling: self.cooling,
            source: String::from(self.source()),
            note: self.note.as_ref().map(|n| String::from(n.as_ref())),
        }
    }
}

/// The figure in a unit of size `factor` that converts back (`figure ×
/// factor`, as the quantity constructors do) to exactly `base`, if one lies
/// within a few units in the last place of `base / factor`; else that
/// quotient.
fn figure_in(base: f64, factor: f64) -> f64 {
    let quotient = base / factor;
    let mut down = quotient;
    let mut up = quotient;
    for _ in 0..4 {
        for candidate in [down, up] {
            if (candidate * factor).to_bits() == base.to_bits() {
                return candidate;
            }
        }
        // Miner figures are positive: a step of the bit pattern is one ulp.
        down = f64::from_bits(down.to_bits().saturating_sub(1));
        up = f64::from_bits(up.to_bits().saturating_add(1));
    }
    quotient
}

impl TryFrom<AsicSpec> for AsicMiner {
    type Error = Error;
    fn try_from(spec: AsicSpec) -> Result<Self> {
        spec.validate()
    }
}

impl From<AsicMiner> for AsicSpec {
    fn from(m: AsicMiner) -> Self {
        m.to_spec()
    }
}

impl core::fmt::Display for AsicMiner {
    /// `Antminer S21 XP (Bitmain, 2024): 270 TH/s, 3.645 kW, 13.5 J/TH, air`
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{} ({}, {}): {}, {}, {}, {}",
            self.model,
            self.manufacturer,
            self.release,
            self.hashrate.display_in(unit::TERAHASH_PER_SECOND),
            self.power,
            self.efficiency.display_in(unit::JOULE_PER_TERAHASH),
            self.cooling
        )
    }
}
