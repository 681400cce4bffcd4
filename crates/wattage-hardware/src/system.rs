//! Servers and racks: what a facility meter sees, not what the chips are rated.
//!
//! A chip's board power (TDP) leaves out the host CPUs, memory, NICs,
//! switches, fans and power-supply losses of the box it sits in. NVIDIA's
//! DGX H100 draws up to 10.2 kW for eight 700 W GPUs: 1.275 kW a GPU, 1.82
//! times the TDP. Count real kilowatts with [`System::power_per_device`], or
//! with [`system_power_per_device`] and an overhead factor of your own.

use alloc::borrow::Cow;
use alloc::string::String;

use wattage_units::{Measure, Power, unit};

use crate::accelerator::Accelerator;
use crate::cooling::Cooling;
use crate::error::{Error, Result, non_empty, positive};

/// A server or rack of identical accelerators with its maximum power draw.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::catalog;
/// use wattage_units::unit;
///
/// let dgx = catalog::system("DGX H100")?;
/// assert_eq!(dgx.power_per_device().get(unit::WATT), 1275.0);
/// let h100 = catalog::accelerator(dgx.accelerator())?;
/// assert_eq!(format!("{:.2}", dgx.overhead_factor(&h100)?), "1.82");
/// // 20 GPUs need 3 whole systems.
/// assert_eq!(dgx.power_for_devices(20)?.get(unit::KILOWATT), 30.6);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct System {
    name: Cow<'static, str>,
    vendor: Cow<'static, str>,
    accelerator: Cow<'static, str>,
    devices: u32,
    max_power: Power,
    cooling: Cooling,
    source: Cow<'static, str>,
    note: Option<Cow<'static, str>>,
}

impl System {
    /// A system of `devices` accelerators named `accelerator` (a catalog
    /// name, or your own), drawing at most `max_power`.
    ///
    /// # Errors
    /// [`Error::Empty`] for blank names, [`Error::OutOfRange`] for zero
    /// devices or a non-positive power.
    pub fn new(
        name: impl Into<String>,
        vendor: impl Into<String>,
        accelerator: impl Into<String>,
        devices: u32,
        max_power: Power,
        cooling: Cooling,
    ) -> Result<Self> {
        let name: String = name.into();
        let vendor: String = vendor.into();
        let accelerator: String = accelerator.into();
        non_empty("system name", &name)?;
        non_empty("vendor", &vendor)?;
        non_empty("accelerator name", &accelerator)?;
        if devices == 0 {
            return Err(Error::OutOfRange {
                what: "devices per system",
                expected: "at least 1",
                value: 0.0,
                unit: "(devices)",
            });
        }
        positive("system power", max_power.get(unit::WATT), "W")?;
        Ok(Self {
            name: Cow::Owned(name),
            vendor: Cow::Owned(vendor),
            accelerator: Cow::Owned(accelerator),
            devices,
            max_power,
            cooling,
            source: Cow::Borrowed(crate::asic::USER_SOURCE),
            note: None,
        })
    }

    /// A catalog entry; fails the build on a bad value.
    #[allow(
        clippy::too_many_arguments,
        clippy::panic,
        reason = "const catalog builder; panics only at compile time"
    )]
    pub(crate) const fn catalog(
        name: &'static str,
        vendor: &'static str,
        accelerator: &'static str,
        devices: u32,
        max_power_w: f64,
        cooling: Cooling,
        source: &'static str,
        note: Option<&'static str>,
    ) -> Self {
        let Ok(max_power) = Power::new(max_power_w, unit::WATT) else {
            panic!("invalid catalog power")
        };
        Self {
            name: Cow::Borrowed(name),
            vendor: Cow::Borrowed(vendor),
            accelerator: Cow::Borrowed(accelerator),
            devices,
            max_power,
            cooling,
            source: Cow::Borrowed(source),
            note: match note {
                Some(n) => Some(Cow::Borrowed(n)),
                None => None,
            },
        }
    }

    /// Sets the source of the figures.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Cow::Owned(source.into());
        self
    }

    /// Name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Vendor.
    #[must_use]
    pub fn vendor(&self) -> &str {
        &self.vendor
    }

    /// The accelerator it holds (a name [`crate::catalog::accelerator`]
    /// finds, for catalog systems).
    #[must_use]
    pub fn accelerator(&self) -> &str {
        &self.accelerator
    }

    /// Accelerators per system.
    #[must_use]
    pub const fn devices(&self) -> u32 {
        self.devices
    }

    /// Maximum power draw of the whole system.
    #[must_use]
    pub const fn max_power(&self) -> Power {
        self.max_power
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

    /// Caveats, if any.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// System power per accelerator: what to budget for each GPU.
    #[must_use]
    pub fn power_per_device(&self) -> Power {
        self.max_power / f64::from(self.devices)
    }

    /// System power over the accelerators' board power: 1.82 for a DGX H100.
    ///
    /// # Errors
    /// [`Error::MissingPower`] when `device` has no published board power;
    /// [`Error::OutOfRange`] when the ratio is not a finite number (a system
    /// power and a board power so far apart that it overflows).
    pub fn overhead_factor(&self, device: &Accelerator) -> Result<f64> {
        let tdp = device.board_power().ok_or_else(|| Error::MissingPower {
            device: String::from(device.name()),
        })?;
        positive("overhead factor", self.power_per_device() / tdp, "(ratio)")
    }

    /// Systems needed to hold `devices` accelerators (whole systems).
    #[must_use]
    pub const fn systems_for(&self, devices: u64) -> u64 {
        devices.div_ceil(self.devices as u64)
    }

    /// Maximum power of the whole systems needed for `devices` accelerators.
    ///
    /// # Errors
    /// [`Error::Quantity`] if the total overflows.
    pub fn power_for_devices(&self, devices: u64) -> Result<Power> {
        #[allow(
            clippy::cast_precision_loss,
            reason = "system counts are far below 2^52"
        )]
        let n = self.systems_for(devices) as f64;
        Ok((self.max_power * n).checked()?)
    }
}

impl core::fmt::Display for System {
    /// `DGX H100 (NVIDIA): 8 x NVIDIA H100 SXM, 10.2 kW max, air`
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{} ({}): {} x {}, {} max, {}",
            self.name, self.vendor, self.devices, self.accelerator, self.max_power, self.cooling
        )
    }
}

/// Per-device power at the wall for a device of board power `tdp` in a
/// system whose overhead factor (system power over summed board power) is
/// `overhead_factor` (at least 1).
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::system::system_power_per_device;
/// use wattage_units::{unit, Power};
///
/// let tdp = Power::new(700.0, unit::WATT)?;
/// assert_eq!(system_power_per_device(tdp, 1.5)?.get(unit::WATT), 1050.0);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] for a factor below 1 or not finite, or a board
/// power that is not finite and positive.
pub fn system_power_per_device(tdp: Power, overhead_factor: f64) -> Result<Power> {
    crate::error::positive("board power", tdp.get(wattage_units::unit::WATT), "W")?;
    if !(overhead_factor.is_finite() && overhead_factor >= 1.0) {
        return Err(Error::OutOfRange {
            what: "overhead factor",
            expected: "finite and at least 1",
            value: overhead_factor,
            unit: "(ratio)",
        });
    }
    Ok((tdp * overhead_factor).checked()?)
}
