//! Release dates known to the month, or only to the year.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};

/// When a device was released: a year, and the month where the source gives
/// one. Sources rarely agree on days (announcement, first shipment, general
/// availability), so days are not kept.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::ReleaseDate;
///
/// let d: ReleaseDate = "2024-11-18".parse()?;
/// assert_eq!((d.year_number(), d.month()), (2024, Some(11)));
/// assert_eq!(d.to_string(), "2024-11");
/// assert_eq!(ReleaseDate::year(2016)?.to_string(), "2016");
/// assert!(ReleaseDate::new(2024, Some(13)).is_err());
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "DateRepr", into = "alloc::string::String")
)]
pub struct ReleaseDate {
    year: u16,
    month: Option<u8>,
}

/// Earliest year accepted (the first Bitcoin ASICs shipped in 2013; the
/// oldest accelerators in Epoch AI's database are from the 2000s).
pub const FIRST_YEAR: u16 = 1990;
/// Latest year accepted.
pub const LAST_YEAR: u16 = 2100;

impl ReleaseDate {
    /// A date from a year and an optional month (1 to 12).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when the year is outside 1990 to 2100 or the
    /// month outside 1 to 12.
    pub const fn new(year: u16, month: Option<u8>) -> Result<Self> {
        if year < FIRST_YEAR || year > LAST_YEAR {
            return Err(Error::OutOfRange {
                what: "release year",
                expected: "between 1990 and 2100",
                value: year as f64,
                unit: "(year)",
            });
        }
        if let Some(m) = month {
            if m == 0 || m > 12 {
                return Err(Error::OutOfRange {
                    what: "release month",
                    expected: "between 1 and 12",
                    value: m as f64,
                    unit: "(month)",
                });
            }
        }
        Ok(Self { year, month })
    }

    /// A date known only to the year.
    ///
    /// # Errors
    /// As for [`ReleaseDate::new`].
    pub const fn year(year: u16) -> Result<Self> {
        Self::new(year, None)
    }

    /// A date known to the month.
    ///
    /// # Errors
    /// As for [`ReleaseDate::new`].
    pub const fn month_of(year: u16, month: u8) -> Result<Self> {
        Self::new(year, Some(month))
    }

    /// Builds a catalog constant (month 0 = unknown); an invalid date fails
    /// the build.
    #[allow(
        clippy::panic,
        reason = "const catalog builder; panics only at compile time"
    )]
    pub(crate) const fn of(year: u16, month: u8) -> Self {
        assert!(
            year >= FIRST_YEAR && year <= LAST_YEAR && month <= 12,
            "invalid catalog release date"
        );
        Self {
            year,
            month: if month == 0 { None } else { Some(month) },
        }
    }

    /// The year.
    #[must_use]
    pub const fn year_number(self) -> u16 {
        self.year
    }

    /// The month (1 to 12), when known.
    #[must_use]
    pub const fn month(self) -> Option<u8> {
        self.month
    }

    /// The date as a fractional year (month midpoints; mid-year when the
    /// month is unknown), for plotting trends.
    #[must_use]
    pub fn as_fractional_year(self) -> f64 {
        let m = match self.month {
            Some(m) => (f64::from(m) - 0.5) / 12.0,
            None => 0.5,
        };
        f64::from(self.year) + m
    }
}

impl fmt::Display for ReleaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}-{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

impl FromStr for ReleaseDate {
    type Err = Error;

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the day is dropped; a time
    /// after the date, as in `2024-11-18 00:00:00`, is ignored).
    fn from_str(s: &str) -> Result<Self> {
        let unreadable = || Error::Unreadable {
            input: s.into(),
            expected: "a release date (YYYY, YYYY-MM or YYYY-MM-DD)",
        };
        let date = s.trim().split([' ', 'T']).next().unwrap_or("");
        let mut parts = date.split(['-', '/']);
        let year_text = parts.next().unwrap_or("");
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unreadable());
        }
        let year: u16 = year_text.parse().map_err(|_| unreadable())?;
        let month = match parts.next() {
            None => None,
            Some(m) if !m.is_empty() && m.len() <= 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                Some(m.parse::<u8>().map_err(|_| unreadable())?)
            }
            Some(_) => return Err(unreadable()),
        };
        if let Some(day) = parts.next() {
            let ok = !day.is_empty()
                && day.len() <= 2
                && day.bytes().all(|b| b.is_ascii_digit())
                && day.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
            if !ok {
                return Err(unreadable());
            }
        }
        if parts.next().is_some() {
            return Err(unreadable());
        }
        Self::new(year, month)
    }
}

impl From<ReleaseDate> for alloc::string::String {
    fn from(d: ReleaseDate) -> Self {
        alloc::format!("{d}")
    }
}

/// What serde accepts for a date: a string, or a bare year number.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum DateRepr {
    Year(u16),
    Text(alloc::string::String),
}

#[cfg(feature = "serde")]
impl TryFrom<DateRepr> for ReleaseDate {
    type Error = Error;
    fn try_from(r: DateRepr) -> Result<Self> {
        match r {
            DateRepr::Year(y) => Self::year(y),
            DateRepr::Text(t) => t.parse(),
        }
    }
}
