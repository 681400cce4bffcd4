//! The site and fleet most tests start from, written once: a fleet paid
//! through FPPS with no fee, always up, not degrading, and a site of one
//! hall named "mining". Tests change the one field they are about with
//! struct update syntax (`SelfMiningSpec { uptime, ..fleet_spec(...) }`).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::{Hall, HashpricePath, Pue, SelfMining, SelfMiningSpec, Site};
use wattage_mining::payout::Pool;
use wattage_units::Usd;

/// `hashrate` drawing `it_power` (both as typed, `"1 EH/s"`, `"16 MW"`),
/// paid `hashprice` at a BTC price of `btc_price`, FPPS with no fee,
/// uptime 100%, no degradation.
pub(crate) fn fleet_spec(
    hashrate: &str,
    it_power: &str,
    hashprice: HashpricePath,
    btc_price: &str,
) -> SelfMiningSpec {
    SelfMiningSpec {
        hashrate: hashrate.parse().unwrap(),
        it_power: it_power.parse().unwrap(),
        pool: Pool::FPPS_NO_FEE,
        hashprice,
        btc_price: btc_price.parse().unwrap(),
        uptime: Decimal::ONE,
        degradation_per_year: Decimal::ZERO,
    }
}

/// [`fleet_spec`] at a constant `hashprice` (`"$50/PH/day"`) and BTC at
/// $100,000, built.
pub(crate) fn fleet(hashrate: &str, it_power: &str, hashprice: &str) -> SelfMining {
    let path = HashpricePath::Constant(hashprice.parse().unwrap());
    SelfMining::new(fleet_spec(hashrate, it_power, path, "$100,000/BTC")).unwrap()
}

/// Site "S" of `interconnect` with one hall, "mining", of `hall` at `pue`.
pub(crate) fn one_hall_site(interconnect: &str, hall: &str, pue: f64) -> Site {
    let hall = Hall::new("mining", hall.parse().unwrap(), Pue::constant(pue).unwrap()).unwrap();
    Site::new("S", interconnect.parse().unwrap())
        .unwrap()
        .with_hall(hall)
        .unwrap()
}

/// Midnight UTC on a date.
pub(crate) fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

/// A date.
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Dollars as typed (`"$60M"`, `"$1,250.50"`).
pub(crate) fn usd(text: &str) -> Usd {
    text.parse().unwrap()
}

/// Whether two amounts agree to the cent: they differ by less than one
/// cent. (Rounding each to cents and comparing would fail on the rare sum
/// that sits a hair either side of half a cent, as an `f64` and an exact
/// sum of the same lines may.)
pub(crate) fn within_a_cent(a: Usd, b: Usd) -> bool {
    a.checked_sub(b)
        .is_ok_and(|d| d.dollars().abs() < rust_decimal::Decimal::new(1, 2))
}

/// 1 EH/s at 13.5 J/TH (13.5 MW), $52/PH/day, FPPS 2%, BTC $100,000: the
/// fleet of the capital and business-model tests.
pub(crate) fn capital_fleet() -> SelfMining {
    SelfMining::new(SelfMiningSpec {
        pool: Pool::fpps("2%".parse().unwrap()).unwrap(),
        ..fleet_spec(
            "1 EH/s",
            "13.5 MW",
            HashpricePath::Constant("$52/PH/day".parse().unwrap()),
            "$100,000/BTC",
        )
    })
    .unwrap()
}
