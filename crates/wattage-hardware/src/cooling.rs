//! How a machine gets rid of its heat.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// How a machine is cooled. It decides where it can be hosted: air-cooled
/// miners go in ordinary containers, hydro and immersion need water loops or
/// tanks.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::Cooling;
///
/// assert_eq!("Hyd".parse::<Cooling>()?, Cooling::Hydro);
/// assert_eq!("direct liquid".parse::<Cooling>()?, Cooling::Hydro);
/// assert_eq!(Cooling::Immersion.to_string(), "immersion");
/// assert!("steam".parse::<Cooling>().is_err());
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "alloc::string::String", into = "&'static str")
)]
pub enum Cooling {
    /// Fans push room air through the heat sinks.
    Air,
    /// Water or coolant through cold plates on the chips ("Hyd"/"Hydro"
    /// miners, direct-to-chip liquid-cooled GPU racks).
    Hydro,
    /// The whole board sits in a dielectric fluid.
    Immersion,
}

impl Cooling {
    /// Every cooling method, in declaration order.
    pub const ALL: [Self; 3] = [Self::Air, Self::Hydro, Self::Immersion];

    /// The lower-case name ("air", "hydro", "immersion").
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Air => "air",
            Self::Hydro => "hydro",
            Self::Immersion => "immersion",
        }
    }
}

impl fmt::Display for Cooling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Cooling {
    type Err = Error;

    /// Accepts, case-insensitively: `air`; `hydro`, `hyd`, `water`,
    /// `liquid`, `direct liquid`, `dlc`; `immersion`, `immersed`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = crate::name::keyword(s);
        match key.as_str() {
            "air" | "aircooled" => Ok(Self::Air),
            "hydro" | "hyd" | "water" | "watercooled" | "liquid" | "liquidcooled"
            | "directliquid" | "dlc" => Ok(Self::Hydro),
            "immersion" | "immersed" | "immersioncooled" => Ok(Self::Immersion),
            _ => Err(Error::Unreadable {
                input: s.into(),
                expected: "a cooling method (air, hydro, immersion)",
            }),
        }
    }
}

impl TryFrom<alloc::string::String> for Cooling {
    type Error = Error;
    fn try_from(s: alloc::string::String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl TryFrom<&str> for Cooling {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Cooling> for &'static str {
    fn from(c: Cooling) -> Self {
        c.as_str()
    }
}
