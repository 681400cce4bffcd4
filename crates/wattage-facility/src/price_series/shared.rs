//! A series' prices, shared by its clones and by the ledgers that read a
//! window of them, with their integer units at one scale built once.
//!
//! A 30-year hourly series is 4.2 MB of prices; a simulation over it reads
//! them in place (an `Arc` clone and an offset) instead of copying them,
//! and sums them as the integer units cached here, built the first time a
//! simulation asks and kept as long as the series (16 bytes an interval).
//! Changing the prices (appending) drops the cache. Beside the units it
//! keeps per-block summaries ([`super::blocks`]), so that a window's
//! facts do not cost a pass over every price.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;

use wattage_units::EnergyPrice;

#[cfg(feature = "std")]
use super::blocks;
use super::blocks::DecimalFacts;
use crate::exact_sum::SeriesUnits;

/// The prices of a series, in time order, shared.
#[derive(Clone)]
pub(crate) struct SharedPrices(Arc<Inner>);

#[derive(Clone)]
struct Inner {
    prices: Vec<EnergyPrice>,
    /// `prices` as integer units at their largest scale, once asked for
    /// (`None` inside when they do not fit an `i128` there).
    #[cfg(feature = "std")]
    units: std::sync::OnceLock<Option<SeriesUnits>>,
    /// The facts of each block of `prices`, once asked for.
    #[cfg(feature = "std")]
    facts: std::sync::OnceLock<Vec<DecimalFacts>>,
}

impl SharedPrices {
    /// `prices`, shared.
    pub(crate) fn new(prices: Vec<EnergyPrice>) -> Self {
        Self(Arc::new(Inner {
            prices,
            #[cfg(feature = "std")]
            units: std::sync::OnceLock::new(),
            #[cfg(feature = "std")]
            facts: std::sync::OnceLock::new(),
        }))
    }

    /// Appends `more` (copying the prices first if they are shared) and
    /// drops the cached units.
    pub(crate) fn extend_from_slice(&mut self, more: &[EnergyPrice]) {
        let inner = Arc::make_mut(&mut self.0);
        inner.prices.extend_from_slice(more);
        #[cfg(feature = "std")]
        {
            inner.units = std::sync::OnceLock::new();
            inner.facts = std::sync::OnceLock::new();
        }
    }

    /// The prices as integer units at their largest scale, built on the
    /// first call (`None` when they do not fit an `i128`, or without the
    /// standard library, where nothing is cached and each simulation
    /// scales its own window).
    pub(crate) fn units(&self) -> Option<&SeriesUnits> {
        #[cfg(feature = "std")]
        {
            self.0
                .units
                .get_or_init(|| SeriesUnits::of(&self.0.prices))
                .as_ref()
        }
        #[cfg(not(feature = "std"))]
        {
            None
        }
    }
}

impl SharedPrices {
    /// The facts of prices `range` (`None` when it is not inside the
    /// series): from the cached block summaries, built on the first call,
    /// or without the standard library by scanning the window.
    pub(crate) fn facts(&self, range: core::ops::Range<usize>) -> Option<DecimalFacts> {
        let prices = &self.0.prices;
        #[cfg(feature = "std")]
        {
            let summaries = self
                .0
                .facts
                .get_or_init(|| blocks::summarize(prices, DecimalFacts::scan));
            blocks::over(
                prices,
                summaries,
                range,
                DecimalFacts::NONE,
                DecimalFacts::scan,
                DecimalFacts::merge,
            )
        }
        #[cfg(not(feature = "std"))]
        {
            prices.get(range).map(DecimalFacts::scan)
        }
    }
}

impl Deref for SharedPrices {
    type Target = [EnergyPrice];

    fn deref(&self) -> &[EnergyPrice] {
        &self.0.prices
    }
}

impl PartialEq for SharedPrices {
    fn eq(&self, other: &Self) -> bool {
        self.0.prices == other.0.prices
    }
}

impl Eq for SharedPrices {}

impl fmt::Debug for SharedPrices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.prices.fmt(f)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SharedPrices {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.prices.serialize(serializer)
    }
}
