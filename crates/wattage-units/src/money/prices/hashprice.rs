//! Hashprice and hashcost: the value and the cost of a unit of hashrate
//! over a day.

use rust_decimal::Decimal;

use super::{dec, price_type};
use crate::error::MoneyError;
use crate::money::{Btc, BtcPrice, Usd, size_in, to_decimal};
use crate::{Hashes, Hashrate, Time, unit};

/// Hashes in one PH/s-day: 1e15 H/s × 86,400 s.
const HASHES_PER_PH_DAY: f64 = 8.64e19;

/// PH/s-days of work in `work`, converted once to `Decimal`.
fn ph_days(work: Hashes) -> Result<Decimal, MoneyError> {
    to_decimal(
        "work in PH/s-days",
        size_in("work", work, unit::HASH)? / HASHES_PER_PH_DAY,
    )
}

price_type! {
    /// Hashprice: what one PH/s of hashrate earns in a day, in US dollars.
    ///
    /// Since 1 PH/s for a day is 8.64e19 hashes, hashprice is simply a price
    /// per hash, quoted per PH/s-day. Older sources quote it per TH/s-day,
    /// a thousandth as large; both read.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{Hashprice, Hashrate, Time, unit};
    ///
    /// let hashprice: Hashprice = "$0.0556/TH/day".parse()?;
    /// assert_eq!(hashprice.to_string(), "$55.6/PH/day");
    /// let revenue = hashprice.revenue_over(
    ///     Hashrate::new(270.0, unit::TERAHASH_PER_SECOND)?,
    ///     Time::new(30.0, unit::DAY)?,
    /// )?;
    /// assert_eq!(format!("{revenue:.2}"), "$450.36");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Hashprice;
    what: "a hashprice",
    example: "$52/PH/day",
    sign: NonNegative,
    currency: usd,
    display: "$", "/PH/day",
    denominators: [
        ("PH/day", Decimal::ONE),
        ("PH/s/day", Decimal::ONE),
        ("PH/s per day", Decimal::ONE),
        ("TH/day", Decimal::ONE_THOUSAND),
        ("TH/s/day", Decimal::ONE_THOUSAND),
        ("TH/s per day", Decimal::ONE_THOUSAND),
        ("EH/day", dec(1, 3)),
        ("EH/s/day", dec(1, 3)),
    ]
}

impl Hashprice {
    /// The hashprice per TH/s per day.
    #[must_use]
    pub fn per_terahash_day(self) -> Decimal {
        self.0 / Decimal::ONE_THOUSAND
    }

    /// What `work` (a number of hashes) earns at this hashprice.
    ///
    /// # Errors
    /// [`MoneyError::Quantity`] for negative work (a negative rate or
    /// period multiplied in); [`MoneyError`] when the work is not
    /// representable or the product overflows.
    pub fn revenue(self, work: Hashes) -> Result<Usd, MoneyError> {
        Usd::new(ph_days(work)?).checked_mul(self.0)
    }

    /// What `rate` earns over `period` at this hashprice.
    ///
    /// # Errors
    /// As for [`Hashprice::revenue`].
    pub fn revenue_over(self, rate: Hashrate, period: Time) -> Result<Usd, MoneyError> {
        self.revenue(rate * period)
    }

    /// Hashprice less hashcost: the margin per PH/s per day (may be negative).
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the difference does not fit.
    pub fn margin(self, cost: Hashcost) -> Result<Decimal, MoneyError> {
        self.0
            .checked_sub(cost.value())
            .ok_or(MoneyError::Overflow {
                operation: "hash margin",
            })
    }
}

price_type! {
    /// Hashcost: what running one PH/s for a day costs, in US dollars; see
    /// [`crate::EnergyPrice::hashcost`]. It may be negative when power is.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::Hashcost;
    ///
    /// let cost: Hashcost = "$24/PH/day".parse()?;
    /// assert_eq!(cost.to_string(), "$24/PH/day");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Hashcost;
    what: "a hashcost",
    example: "$24/PH/day",
    sign: Any,
    currency: usd,
    display: "$", "/PH/day",
    denominators: [
        ("PH/day", Decimal::ONE),
        ("PH/s/day", Decimal::ONE),
        ("TH/day", Decimal::ONE_THOUSAND),
        ("TH/s/day", Decimal::ONE_THOUSAND),
    ]
}

price_type! {
    /// Hashprice in bitcoin: BTC earned by one PH/s in a day, before the
    /// dollar price enters.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{BtcHashprice, BtcPrice};
    ///
    /// let btc_hashprice: BtcHashprice = "50000 sat/PH/day".parse()?;
    /// assert_eq!(btc_hashprice.to_string(), "0.0005 BTC/PH/day");
    /// let usd = btc_hashprice.to_usd("$100,000/BTC".parse::<BtcPrice>()?)?;
    /// assert_eq!(usd.to_string(), "$50/PH/day");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct BtcHashprice;
    what: "a BTC hashprice",
    example: "0.0005 BTC/PH/day",
    sign: NonNegative,
    currency: btc,
    display: "BTC", "/PH/day",
    denominators: [
        ("PH/day", Decimal::ONE),
        ("PH/s/day", Decimal::ONE),
        ("TH/day", Decimal::ONE_THOUSAND),
        ("TH/s/day", Decimal::ONE_THOUSAND),
        ("EH/day", dec(1, 3)),
        ("EH/s/day", dec(1, 3)),
    ]
}

impl BtcHashprice {
    /// The BTC hashprice per TH/s per day.
    #[must_use]
    pub fn per_terahash_day(self) -> Decimal {
        self.0 / Decimal::ONE_THOUSAND
    }

    /// BTC that `work` earns, rounded to the nearest satoshi (half to even).
    ///
    /// # Errors
    /// [`MoneyError::Quantity`] for negative work (a negative rate or
    /// period multiplied in); [`MoneyError`] when the work is not
    /// representable or the product overflows.
    pub fn revenue(self, work: Hashes) -> Result<Btc, MoneyError> {
        let btc = ph_days(work)?
            .checked_mul(self.0)
            .ok_or(MoneyError::Overflow {
                operation: "BTC revenue",
            })?;
        Btc::from_btc_rounded(btc)
    }

    /// The same hashprice in dollars at `price`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the product does not fit.
    pub fn to_usd(self, price: BtcPrice) -> Result<Hashprice, MoneyError> {
        let usd = self
            .0
            .checked_mul(price.value())
            .ok_or(MoneyError::Overflow {
                operation: "hashprice in USD",
            })?;
        Hashprice::new(usd)
    }
}
