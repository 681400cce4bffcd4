//! The price of renting one accelerator for an hour.

use rust_decimal::Decimal;

use super::price_type;
use crate::error::MoneyError;
use crate::money::{Usd, size_in, to_decimal};
use crate::{Time, unit};

price_type! {
    /// A GPU cloud price in US dollars per GPU-hour.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{GpuHourPrice, Time, unit};
    ///
    /// let price: GpuHourPrice = "$2.95/GPU-h".parse()?;
    /// let day = price.revenue(8, Time::new(1.0, unit::DAY)?)?;
    /// assert_eq!(day.to_string(), "$566.4");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct GpuHourPrice;
    what: "a GPU-hour price",
    example: "$2.95/GPU-h",
    sign: NonNegative,
    currency: usd,
    display: "$", "/GPU-h",
    denominators: [
        ("GPU-h", Decimal::ONE),
        ("GPU-hour", Decimal::ONE),
        ("GPU-hr", Decimal::ONE),
        ("GPUh", Decimal::ONE),
        ("GPU/h", Decimal::ONE),
    ]
}

impl GpuHourPrice {
    /// Revenue of `gpus` accelerators billed for `period` each.
    ///
    /// # Errors
    /// [`MoneyError::Quantity`] for a negative period; [`MoneyError`] when
    /// the hours are not representable or the product overflows.
    pub fn revenue(self, gpus: u32, period: Time) -> Result<Usd, MoneyError> {
        let hours = to_decimal(
            "period in hours",
            size_in("billed period", period, unit::HOUR)?,
        )?;
        Usd::new(hours)
            .checked_mul(Decimal::from(gpus))?
            .checked_mul(self.0)
    }
}
