//! Generation comparisons: how much more efficient, and the best available
//! by year.

use alloc::vec::Vec;

use wattage_units::{ComputeEfficiency, HashEfficiency};

use crate::asic::AsicMiner;
use crate::error::{Error, Result, positive};

/// How much more efficient one device is than another.
///
/// `ratio` is work per joule of the newer over the older (for miners, the
/// older J/TH over the newer J/TH). "Percent better" is `(ratio − 1) × 100`:
/// the extra work the same energy buys.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::{catalog, compare};
///
/// // Antminer S9 (2016, 98 J/TH) against S23 Hyd (2026, 9.5 J/TH):
/// let gain = compare::miner_gain(&catalog::asic("S9")?, &catalog::asic("S23 Hyd")?)?;
/// assert_eq!(format!("{:.1}", gain.ratio()), "10.3");
/// assert_eq!(format!("{:.0}", gain.percent_better()), "932"); // "about 900 % more efficient"
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EfficiencyGain {
    ratio: f64,
}

impl EfficiencyGain {
    /// Work per joule of the new device over the old one (2.0 = twice as
    /// much work per joule).
    #[must_use]
    pub const fn ratio(&self) -> f64 {
        self.ratio
    }

    /// `(ratio − 1) × 100`: negative when the "new" device is worse.
    #[must_use]
    pub fn percent_better(&self) -> f64 {
        (self.ratio - 1.0) * 100.0
    }

    /// Energy saved per unit of work, in percent: `(1 − 1/ratio) × 100`
    /// (90 % for a tenfold gain).
    #[must_use]
    pub fn percent_less_energy(&self) -> f64 {
        (1.0 - 1.0 / self.ratio) * 100.0
    }
}

/// A gain whose ratio, percent better and percent less energy are all
/// finite (a ratio near `f64::MAX` would make `percent_better` infinite,
/// one near zero `percent_less_energy`).
fn gain(ratio: f64) -> Result<EfficiencyGain> {
    let ratio = positive("efficiency ratio", ratio, "(ratio)")?;
    let gain = EfficiencyGain { ratio };
    if gain.percent_better().is_finite() && gain.percent_less_energy().is_finite() {
        Ok(gain)
    } else {
        Err(Error::OutOfRange {
            what: "efficiency ratio",
            expected: "such that its percentages are finite",
            value: ratio,
            unit: "(ratio)",
        })
    }
}

/// The gain from energy-per-hash `from` to `to` (lower J/TH is better).
///
/// # Errors
/// [`Error::OutOfRange`] when either efficiency is zero, or the two are so
/// far apart that the ratio or its percentages are not finite.
pub fn hash_efficiency_gain(from: HashEfficiency, to: HashEfficiency) -> Result<EfficiencyGain> {
    positive("efficiency", from.base_value(), "J/H")?;
    positive("efficiency", to.base_value(), "J/H")?;
    gain(from / to)
}

/// The gain from compute efficiency `from` to `to` (higher FLOP/J is better).
///
/// # Errors
/// [`Error::OutOfRange`] when either efficiency is zero, or the two are so
/// far apart that the ratio or its percentages are not finite.
pub fn compute_efficiency_gain(
    from: ComputeEfficiency,
    to: ComputeEfficiency,
) -> Result<EfficiencyGain> {
    positive("compute efficiency", from.base_value(), "FLOPS/W")?;
    positive("compute efficiency", to.base_value(), "FLOPS/W")?;
    gain(to / from)
}

/// The gain from miner `from` to miner `to`, at nameplate.
///
/// # Errors
/// As for [`hash_efficiency_gain`].
pub fn miner_gain(from: &AsicMiner, to: &AsicMiner) -> Result<EfficiencyGain> {
    hash_efficiency_gain(from.efficiency(), to.efficiency())
}

/// The best efficiency available in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearBest<'a> {
    /// The year.
    pub year: u16,
    /// The most efficient miner released in or before that year.
    pub miner: &'a AsicMiner,
    /// Whether that miner was released in this very year.
    pub new_this_year: bool,
}

/// The frontier of J/TH: for every year from the first release to the last
/// among `miners`, the most efficient miner released in or before it.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::{catalog, compare};
///
/// let trend = compare::best_efficiency_by_year(catalog::asic_miners())?;
/// assert_eq!(trend.first().map(|y| y.year), Some(2016));
/// assert_eq!(trend.last().map(|y| y.miner.model()), Some("Antminer S23 Hyd"));
/// // The frontier never gets worse.
/// assert!(trend.windows(2).all(|w| w[1].miner.efficiency() <= w[0].miner.efficiency()));
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptyCollection`] when `miners` is empty.
pub fn best_efficiency_by_year<'a>(
    miners: impl IntoIterator<Item = &'a AsicMiner>,
) -> Result<Vec<YearBest<'a>>> {
    let mut sorted: Vec<&AsicMiner> = miners.into_iter().collect();
    sorted.sort_by_key(|m| m.release().year_number());
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Err(Error::EmptyCollection {
            what: "list of miners",
        });
    };
    let (first_year, last_year) = (first.release().year_number(), last.release().year_number());
    let mut out = Vec::new();
    let mut best: Option<&AsicMiner> = None;
    let mut iter = sorted.iter().peekable();
    for year in first_year..=last_year {
        let mut new_this_year = false;
        while let Some(m) = iter.next_if(|m| m.release().year_number() == year) {
            if best.is_none_or(|b| m.efficiency() < b.efficiency()) {
                best = Some(m);
                new_this_year = true;
            }
        }
        if let Some(miner) = best {
            out.push(YearBest {
                year,
                miner,
                new_this_year,
            });
        }
    }
    Ok(out)
}
