//! What used miners sell for: a price per TH/s by efficiency tier, falling
//! with time.

use alloc::vec::Vec;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{HashEfficiency, Hashrate, Usd, unit};

use crate::FacilityError;

/// One band of a [`ResaleCurve`]: machines at or below `up_to` J/TH (and
/// above the band before) sell for `usd_per_th` dollars per TH/s.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ResaleTier {
    /// The band's least efficient machine (its upper J/TH bound, inclusive).
    pub up_to: HashEfficiency,
    /// Price per TH/s of hashrate, dollars.
    pub usd_per_th: Decimal,
}

/// A [`ResaleCurve`] by its fields; [`ResaleCurve::new`] (and
/// deserialization) validate them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ResaleCurveSpec {
    /// The date the tier prices were observed.
    pub as_of: NaiveDate,
    /// The bands, most efficient first (strictly increasing `up_to`).
    pub tiers: Vec<ResaleTier>,
    /// Share of its `as_of` price a band loses per year (straight line,
    /// floored at zero): `0.3` is 30% of the original price a year.
    pub annual_decline: Decimal,
}

/// The market price of used ASIC miners: dollars per TH/s by efficiency
/// tier, observed on a date and falling in a straight line after it.
///
/// A fleet of hashrate `H` at efficiency `e` is worth, on a date `d`,
///
/// ```text
/// value = H (TH/s) × price(tier of e) × max(0, 1 − annual_decline × years(as_of → d))
/// ```
///
/// with `years` = days / 365.25, counted from `as_of` (a date before it
/// takes the `as_of` price). Machines less efficient than the last band are
/// worth nothing (scrap). This is a simplification: real tier prices move
/// with hashprice, up as well as down, and a band's members change as new
/// models arrive. Supply your own curve (a broker's quote, the latest index)
/// with [`ResaleCurve::new`].
///
/// ```
/// // Needs wattage-facility, wattage-units, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::chrono).
/// use wattage_facility::capital::ResaleCurve;
/// use wattage_units::{HashEfficiency, Hashrate};
/// use chrono::NaiveDate;
///
/// let curve = ResaleCurve::default_shape();
/// let fleet: Hashrate = "1 EH/s".parse()?;
/// let s21: HashEfficiency = "17.5 J/TH".parse()?;
/// let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // At the index date, the under-19 J/TH band's price: $15/TH × 1,000,000 TH/s.
/// assert_eq!(curve.value(fleet, s21, on(2025, 6, 1))?.to_string(), "$15,000,000");
/// // A year later, 40% × 365 / 365.25 of that price is gone.
/// assert_eq!(format!("{:.0}", curve.value(fleet, s21, on(2026, 6, 1))?), "$9,004,107");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ResaleCurveSpec", into = "ResaleCurveSpec")
)]
pub struct ResaleCurve {
    spec: ResaleCurveSpec,
}

impl ResaleCurve {
    /// A curve from its bands and decline.
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for no bands, bands out of order, a
    /// negative price or a decline outside 0..=1.
    pub fn new(spec: ResaleCurveSpec) -> Result<Self, FacilityError> {
        let invalid =
            |what, value: alloc::string::String| FacilityError::InvalidTerm { what, value };
        if spec.tiers.is_empty() {
            return Err(invalid("resale curve bands (at least one)", "none".into()));
        }
        for pair in spec.tiers.windows(2) {
            if let [a, b] = pair {
                if b.up_to.base_value() <= a.up_to.base_value() {
                    return Err(invalid(
                        "resale curve band order (increasing J/TH)",
                        alloc::format!("{} after {}", b.up_to, a.up_to),
                    ));
                }
            }
        }
        if let Some(t) = spec.tiers.iter().find(|t| t.usd_per_th < Decimal::ZERO) {
            return Err(invalid(
                "resale price per TH/s (not negative)",
                alloc::format!("{}", t.usd_per_th),
            ));
        }
        if spec.annual_decline < Decimal::ZERO || spec.annual_decline > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "resale curve annual decline",
                value: spec.annual_decline,
            });
        }
        Ok(Self { spec })
    }

    /// The documented default: Hashrate Index's ASIC Price Index bands
    /// (dollars per TH/s by J/TH tier), at about their mid-2025 levels, and
    /// a decline of 40% of the price a year.
    ///
    /// | band | $/TH on 2025-06-01 |
    /// |---|---|
    /// | up to 19 J/TH | 15 |
    /// | 19-25 J/TH | 8 |
    /// | 25-38 J/TH | 3 |
    /// | over 38 J/TH | 0 (scrap) |
    ///
    /// Sources: Hashrate Index, "ASIC Price Index" (hashrateindex.com,
    /// prices per TH grouped by efficiency tier; the under-25 J/TH band was
    /// added in October 2021, "We're Adding a New Band to the ASIC Price
    /// Index"); CoinDesk, 2023-07-26, "Bitcoin miners buy up rigs as prices
    /// near all-time lows": under-25 J/TH machines fell 66%, from $60 to
    /// $20 per TH, between July 2022 and July 2023, which is the pace the
    /// 40%-a-year decline follows (a two-thirds fall in a year was a bear
    /// market; machines two generations old lose most of their price in
    /// two to three years). The mid-2025 levels are assumptions in the
    /// range of the index's published charts; check the current index
    /// before relying on them.
    #[must_use]
    pub fn default_shape() -> Self {
        // Finite, non-negative constants: `new` cannot refuse them.
        let tiers = [(19.0, 15), (25.0, 8), (38.0, 3)]
            .into_iter()
            .filter_map(|(jth, usd)| {
                let up_to = HashEfficiency::new(jth, unit::JOULE_PER_TERAHASH).ok()?;
                Some(ResaleTier {
                    up_to,
                    usd_per_th: Decimal::from(usd),
                })
            })
            .collect();
        Self {
            spec: ResaleCurveSpec {
                as_of: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default(),
                tiers,
                annual_decline: Decimal::new(4, 1),
            },
        }
    }

    /// The curve's terms.
    #[must_use]
    pub const fn spec(&self) -> &ResaleCurveSpec {
        &self.spec
    }

    /// Price per TH/s for machines at `efficiency` on `at` (zero beyond the
    /// last band).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn price_per_th(
        &self,
        efficiency: HashEfficiency,
        at: NaiveDate,
    ) -> Result<Decimal, FacilityError> {
        let Some(tier) = self
            .spec
            .tiers
            .iter()
            .find(|t| efficiency.base_value() <= t.up_to.base_value() * (1.0 + 1e-12))
        else {
            return Ok(Decimal::ZERO);
        };
        let days = (at - self.spec.as_of).num_days().max(0);
        let years = Decimal::from(days)
            .checked_div(Decimal::new(36525, 2))
            .unwrap_or(Decimal::ZERO);
        let lost = self
            .spec
            .annual_decline
            .checked_mul(years)
            .unwrap_or(Decimal::ONE);
        let left = (Decimal::ONE - lost.min(Decimal::ONE)).max(Decimal::ZERO);
        tier.usd_per_th
            .checked_mul(left)
            .ok_or(FacilityError::Money(wattage_units::MoneyError::Overflow {
                operation: "resale price",
            }))
    }

    /// What `hashrate` of machines at `efficiency` sells for on `at`.
    ///
    /// # Errors
    /// [`FacilityError::Money`] when the hashrate is not representable or
    /// the product overflows.
    pub fn value(
        &self,
        hashrate: Hashrate,
        efficiency: HashEfficiency,
        at: NaiveDate,
    ) -> Result<Usd, FacilityError> {
        let th = to_decimal("hashrate in TH/s", hashrate.get(unit::TERAHASH_PER_SECOND))?;
        Ok(Usd::new(th).checked_mul(self.price_per_th(efficiency, at)?)?)
    }
}

impl TryFrom<ResaleCurveSpec> for ResaleCurve {
    type Error = FacilityError;

    fn try_from(spec: ResaleCurveSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

impl From<ResaleCurve> for ResaleCurveSpec {
    fn from(curve: ResaleCurve) -> Self {
        curve.spec
    }
}
