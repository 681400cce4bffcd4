//! A unit of one quantity: its symbol, its name and its size in base units.

use core::fmt;
use core::marker::PhantomData;

/// A unit of the quantity `Q`, such as [`crate::unit::EXAHASH_PER_SECOND`]
/// for [`crate::Hashrate`].
///
/// The type parameter makes a unit of the wrong quantity a compile error:
/// `Power::new(3.5, unit::TERAHASH_PER_SECOND)` does not compile.
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::{unit, Hashrate};
///
/// let rate = Hashrate::new(950.0, unit::EXAHASH_PER_SECOND)?;
/// assert_eq!(rate.get(unit::ZETTAHASH_PER_SECOND), 0.95);
/// assert_eq!(unit::EXAHASH_PER_SECOND.symbol(), "EH/s");
/// # Ok::<(), wattage_units::QuantityError>(())
/// ```
pub struct Unit<Q> {
    symbol: &'static str,
    name: &'static str,
    factor: f64,
    aliases: &'static [&'static str],
    plural: &'static str,
    auto: bool,
    quantity: PhantomData<fn() -> Q>,
}

impl<Q> Unit<Q> {
    /// A unit worth `factor` base units, written `symbol`.
    pub(crate) const fn new(symbol: &'static str, name: &'static str, factor: f64) -> Self {
        Self {
            symbol,
            name,
            factor,
            aliases: &[],
            plural: "",
            auto: false,
            quantity: PhantomData,
        }
    }

    /// Also accept these spellings when parsing.
    pub(crate) const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }

    /// Display a value other than exactly 1 with this plural (`"days"`).
    pub(crate) const fn plural(mut self, plural: &'static str) -> Self {
        self.plural = plural;
        self
    }

    /// Let automatic display choose this unit.
    pub(crate) const fn auto(mut self) -> Self {
        self.auto = true;
        self
    }

    /// The symbol used for display, such as `"EH/s"`.
    #[must_use]
    pub const fn symbol(&self) -> &'static str {
        self.symbol
    }

    /// The unit's name in words, such as `"exahash per second"`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// How many base units one of this unit is (`1e18` for EH/s).
    #[must_use]
    pub const fn factor(&self) -> f64 {
        self.factor
    }

    /// Other spellings accepted when parsing (`"W/TH"` for J/TH, ...);
    /// case is folded by the rule of [`crate::parse`].
    #[must_use]
    pub const fn aliases_accepted(&self) -> &'static [&'static str] {
        self.aliases
    }

    /// The word written after `number` (the number as displayed): the
    /// plural of a unit spelled as a word (`"days"`, `"years"`) unless the
    /// number is exactly 1 or -1, else the symbol.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::unit;
    ///
    /// assert_eq!(unit::DAY.written_after("30"), "days");
    /// assert_eq!(unit::DAY.written_after("1"), "day");
    /// assert_eq!(unit::HOUR.written_after("1.5"), "h");
    /// ```
    #[must_use]
    pub fn written_after(&self, number: &str) -> &'static str {
        let one = matches!(number.trim_start_matches('-'), "1");
        if self.plural.is_empty() || one {
            self.symbol
        } else {
            self.plural
        }
    }

    /// Whether automatic display may choose this unit.
    #[must_use]
    pub const fn is_auto(&self) -> bool {
        self.auto
    }
}

impl<Q> Clone for Unit<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q> Copy for Unit<Q> {}

impl<Q> PartialEq for Unit<Q> {
    fn eq(&self, other: &Self) -> bool {
        self.symbol == other.symbol
    }
}

impl<Q> fmt::Debug for Unit<Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Unit({})", self.symbol)
    }
}

impl<Q> fmt::Display for Unit<Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol)
    }
}
