//! The dollar price of bitcoin.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{dec, price_type};
use crate::error::MoneyError;
use crate::money::{Btc, Usd};

price_type! {
    /// The price of one bitcoin in US dollars. Always positive, since
    /// prices divide by it.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{Btc, BtcPrice};
    ///
    /// let price: BtcPrice = "$60,028/BTC".parse()?;
    /// assert_eq!(price.value_of("3.125 BTC".parse::<Btc>()?)?.to_string(), "$187,587.5");
    /// assert!("$0/BTC".parse::<BtcPrice>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct BtcPrice;
    what: "a BTC price",
    example: "$60,028/BTC",
    sign: Positive,
    currency: usd,
    display: "$", "/BTC",
    denominators: [
        ("BTC", Decimal::ONE),
        ("sat", dec(100_000_000, 0)),
    ]
}

impl BtcPrice {
    /// The dollar value of `amount`, exact.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the product does not fit.
    pub fn value_of(self, amount: Btc) -> Result<Usd, MoneyError> {
        Usd::new(amount.to_btc()).checked_mul(self.0)
    }

    /// The bitcoin that `amount` buys, rounded to the nearest satoshi
    /// (half to even).
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the result exceeds `i64` satoshis.
    pub fn btc_for(self, amount: Usd) -> Result<Btc, MoneyError> {
        let btc = amount
            .dollars()
            .checked_div(self.0)
            .ok_or(MoneyError::Overflow {
                operation: "USD to BTC",
            })?;
        Btc::from_btc_rounded(btc.round_dp_with_strategy(12, RoundingStrategy::MidpointNearestEven))
    }
}
