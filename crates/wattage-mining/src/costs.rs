//! The cost side: hashcost, breakeven power price and efficiency, revenue
//! per MWh, payback and return on investment.
//!
//! ```text
//! hashcost         [$/PH/day] = efficiency [J/TH] x power price [$/MWh] x 24 / 1000
//! breakeven price  [$/MWh]    = hashprice [$/PH/day] x 1000 / (efficiency [J/TH] x 24)
//! revenue per MWh  [$]        = the same expression: what one MWh of mining earns
//! breakeven eff.   [J/TH]     = hashprice [$/PH/day] x 1000 / (power price [$/MWh] x 24)
//! payback          [days]     = capex / daily cash margin
//! ROI                         = (total cash margin - capex) / capex
//! ```
//!
//! ```
//! // Needs wattage-mining, wattage-units, rust_decimal (in the wattage facade: wattage::mining, wattage::units, wattage::rust_decimal).
//! use wattage_mining::costs::{breakeven_power_price, hashcost};
//! use wattage_units::{EnergyPrice, HashEfficiency, Hashprice};
//!
//! let s21xp: HashEfficiency = "13.5 J/TH".parse()?;
//! let breakeven = breakeven_power_price("$45/PH/day".parse::<Hashprice>()?, s21xp)?;
//! assert_eq!(format!("{breakeven:.2}"), "$138.89/MWh");
//! // At the breakeven price the margin is zero.
//! let margin = "$45/PH/day".parse::<Hashprice>()?.margin(hashcost(s21xp, breakeven)?)?;
//! assert!(margin.abs() < rust_decimal::Decimal::new(1, 20));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, HashEfficiency, Hashcost, Hashprice, Usd, unit};

use crate::payout::Pool;
use crate::{Error, Result};

/// `24 / 1000`: MWh drawn in a day by 1 PH/s at 1 J/TH.
fn mwh_per_ph_day_per_j_th() -> Decimal {
    Decimal::new(24, 3)
}

fn joules_per_th(efficiency: HashEfficiency) -> Result<Decimal> {
    let j = to_decimal(
        "efficiency in J/TH",
        efficiency.get(unit::JOULE_PER_TERAHASH),
    )?;
    if j <= Decimal::ZERO {
        return Err(Error::NotPositive {
            what: "efficiency (J/TH)",
            value: efficiency.get(unit::JOULE_PER_TERAHASH),
        });
    }
    Ok(j)
}

/// Hashcost: what running 1 PH/s for a day costs in power,
/// `efficiency x power price x 24 / 1000`. 20 J/TH at $50/MWh is $24/PH/day.
///
/// # Errors
///
/// [`Error::Money`] when a value does not fit.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::costs::hashcost;
///
/// let cost = hashcost("20 J/TH".parse()?, "$50/MWh".parse()?)?;
/// assert_eq!(cost.to_string(), "$24/PH/day");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hashcost(efficiency: HashEfficiency, power_price: EnergyPrice) -> Result<Hashcost> {
    Ok(power_price.hashcost(efficiency)?)
}

/// The power price at which a machine of `efficiency` just breaks even at
/// `hashprice`: `hashprice x 1000 / (efficiency x 24)`.
///
/// # Errors
///
/// [`Error::NotPositive`] for a zero efficiency; [`Error::Money`] on overflow.
pub fn breakeven_power_price(
    hashprice: Hashprice,
    efficiency: HashEfficiency,
) -> Result<EnergyPrice> {
    Ok(EnergyPrice::new(
        revenue_per_mwh(hashprice, efficiency)?.dollars(),
    )?)
}

/// The all-in power price **at the meter** at which a fleet of
/// `efficiency` just breaks even at `hashprice`, once its `pool` keeps its
/// fee and the site's cooling and losses (`pue`, facility over IT power)
/// take their share of every metered MWh:
/// `hashprice × (1 − fee) × 1000 / (efficiency × 24 × PUE)`.
///
/// [`breakeven_power_price`] is the price at the wall (the machines' own
/// draw, before any pool fee); this is the price a site simulation compares
/// each period's all-in price with. `Curtailment::AboveBreakeven` in
/// `wattage-facility` runs a self-mining fleet at every price up to this
/// one and curtails it at every price above.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::costs::{breakeven_meter_price, breakeven_power_price};
/// use wattage_mining::payout::Pool;
///
/// // 16 J/TH at $52/PH/day: $135.42/MWh at the wall; behind a PUE of 1.08
/// // and a 2% FPPS fee, $122.88/MWh at the meter.
/// let wall = breakeven_power_price("$52/PH/day".parse()?, "16 J/TH".parse()?)?;
/// let meter = breakeven_meter_price("$52/PH/day".parse()?, "16 J/TH".parse()?, &Pool::fpps("2%".parse()?)?, 1.08)?;
/// assert_eq!(format!("{wall:.2}"), "$135.42/MWh");
/// assert_eq!(format!("{meter:.2}"), "$122.88/MWh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::NotPositive`] for a zero efficiency; [`Error::OutOfRange`]
/// for a PUE below 1 or not finite; [`Error::Money`] on overflow.
pub fn breakeven_meter_price(
    hashprice: Hashprice,
    efficiency: HashEfficiency,
    pool: &Pool,
    pue: f64,
) -> Result<EnergyPrice> {
    if !pue.is_finite() || pue < 1.0 {
        return Err(Error::OutOfRange {
            what: "PUE",
            expected: "finite and at least 1",
            value: pue,
            unit: "(facility over IT power)",
        });
    }
    let pue = to_decimal("PUE", pue)?;
    let net = pool.fee().complement().fraction();
    let at_wall = revenue_per_mwh(hashprice, efficiency)?.dollars();
    let at_meter = at_wall
        .checked_mul(net)
        .and_then(|v| v.checked_div(pue))
        .ok_or(Error::Overflow {
            what: "breakeven price at the meter",
        })?;
    Ok(EnergyPrice::new(at_meter)?)
}

/// What one MWh consumed by a machine of `efficiency` earns at `hashprice`:
/// `hashprice x 1000 / (efficiency x 24)` dollars.
///
/// # Errors
///
/// As [`breakeven_power_price`].
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::costs::revenue_per_mwh;
///
/// // domain.md: $52/PH/day at 16 J/TH.
/// let r = revenue_per_mwh("$52/PH/day".parse()?, "16 J/TH".parse()?)?;
/// assert_eq!(format!("{r:.2}"), "$135.42");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn revenue_per_mwh(hashprice: Hashprice, efficiency: HashEfficiency) -> Result<Usd> {
    let mwh_per_ph_day = joules_per_th(efficiency)?
        .checked_mul(mwh_per_ph_day_per_j_th())
        .ok_or(Error::Overflow {
            what: "MWh per PH/s-day",
        })?;
    Ok(Usd::new(hashprice.value()).checked_div(mwh_per_ph_day)?)
}

/// The least efficient machine (highest J/TH) that breaks even at
/// `hashprice` and `power_price`: `hashprice x 1000 / (power price x 24)`.
///
/// # Errors
///
/// [`Error::NotPositive`] when the power price is zero or negative (every
/// machine breaks even); [`Error::Money`] or [`Error::Quantity`] on overflow.
///
/// ```
/// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
/// use wattage_mining::costs::breakeven_efficiency;
/// use wattage_units::unit;
///
/// let e = breakeven_efficiency("$24/PH/day".parse()?, "$50/MWh".parse()?)?;
/// assert!((e.get(unit::JOULE_PER_TERAHASH) - 20.0).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn breakeven_efficiency(
    hashprice: Hashprice,
    power_price: EnergyPrice,
) -> Result<HashEfficiency> {
    let price = power_price.value();
    if price <= Decimal::ZERO {
        return Err(Error::NotPositive {
            what: "power price ($/MWh)",
            value: power_price.to_f64(),
        });
    }
    let denominator = price
        .checked_mul(mwh_per_ph_day_per_j_th())
        .ok_or(Error::Overflow {
            what: "breakeven efficiency",
        })?;
    let j_th = hashprice
        .value()
        .checked_div(denominator)
        .ok_or(Error::Overflow {
            what: "breakeven efficiency",
        })?;
    let j_th = rust_decimal::prelude::ToPrimitive::to_f64(&j_th).unwrap_or(f64::NAN);
    Ok(HashEfficiency::new(j_th, unit::JOULE_PER_TERAHASH)?)
}

/// Days until `capex` is repaid by a constant `daily_cash_margin`, or
/// `None` if the margin is zero or negative (never repaid).
///
/// # Errors
///
/// [`Error::Negative`] for negative capex; [`Error::Money`] on overflow.
///
/// ```
/// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
/// use wattage_mining::costs::payback_days;
/// use wattage_units::Usd;
///
/// let days = payback_days("$5,000".parse()?, "$12.50".parse()?)?;
/// assert_eq!(days, Some(400.into()));
/// assert_eq!(payback_days("$5,000".parse()?, Usd::ZERO)?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn payback_days(capex: Usd, daily_cash_margin: Usd) -> Result<Option<Decimal>> {
    if capex.is_negative() {
        return Err(Error::Negative {
            what: "capex (USD)",
            value: capex.to_f64(),
        });
    }
    Ok(wattage_finance::simple_payback(capex, daily_cash_margin)?)
}

/// Return on investment: `(total cash margin - capex) / capex`.
///
/// # Errors
///
/// [`Error::NotPositive`] for zero or negative capex; [`Error::Money`] on overflow.
///
/// ```
/// // Needs wattage-mining, rust_decimal (in the wattage facade: wattage::mining, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_mining::costs::roi;
///
/// assert_eq!(roi("$5,000".parse()?, "$7,500".parse()?)?, Decimal::new(5, 1)); // +50%
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn roi(capex: Usd, total_cash_margin: Usd) -> Result<Decimal> {
    if capex <= Usd::ZERO {
        return Err(Error::NotPositive {
            what: "capex (USD)",
            value: capex.to_f64(),
        });
    }
    Ok(wattage_finance::return_on_investment(
        capex,
        total_cash_margin,
    )?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use alloc::string::ToString;

    fn fpps(fee: i64) -> Pool {
        Pool::fpps(wattage_units::Share::from_percent(Decimal::from(fee)).unwrap()).unwrap()
    }

    #[test]
    fn meter_breakeven_is_the_wall_breakeven_net_of_fee_and_pue() {
        let hashprice: Hashprice = "$45/PH/day".parse().unwrap();
        let efficiency: HashEfficiency = "15 J/TH".parse().unwrap();
        let wall = breakeven_power_price(hashprice, efficiency).unwrap();
        // No fee and no overhead: the meter sees what the wall sees.
        assert_eq!(
            breakeven_meter_price(hashprice, efficiency, &fpps(0), 1.0).ok(),
            Some(wall)
        );
        // $125/MWh at the wall, 4% fee, PUE 1.2: 125 × 0.96 / 1.2 = $100.
        let meter = breakeven_meter_price(hashprice, efficiency, &fpps(4), 1.2).unwrap();
        assert_eq!(wall.to_string(), "$125/MWh");
        assert_eq!(meter.value().normalize(), Decimal::from(100));
    }

    #[test]
    fn meter_breakeven_refuses_a_pue_below_one_or_not_finite() {
        let hashprice: Hashprice = "$45/PH/day".parse().unwrap();
        let efficiency: HashEfficiency = "15 J/TH".parse().unwrap();
        for pue in [0.9, f64::NAN, f64::INFINITY] {
            let err = breakeven_meter_price(hashprice, efficiency, &fpps(2), pue).unwrap_err();
            assert!(matches!(err, Error::OutOfRange { .. }), "{err}");
        }
        let err = breakeven_meter_price(hashprice, efficiency, &fpps(2), 0.9).unwrap_err();
        assert_eq!(
            err.to_string(),
            "PUE must be finite and at least 1, got 0.9 (facility over IT power)"
        );
    }
}
