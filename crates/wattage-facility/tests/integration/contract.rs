//! Power supply contracts, demand charges and 4CP tags.

use crate::fixtures::usd;
use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::FacilityError;
use wattage_facility::power::{DemandCharge, FinancialBlock, FourCp, PowerContract, PowerSupply};
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_units::{EnergyPrice, Power, Usd, unit};

fn mw(value: f64) -> Power {
    Power::new(value, unit::MEGAWATT).unwrap()
}

fn price(text: &str) -> EnergyPrice {
    text.parse().unwrap()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 8, 20, 0, 0, 0).unwrap()
}

fn quarter_hours(values: &[&str]) -> PriceSeries {
    let prices = values.iter().map(|v| price(&format!("${v}/MWh"))).collect();
    PriceSeries::new(t0(), Resolution::FifteenMinutes, prices).unwrap()
}

#[test]
fn index_supply_bills_each_interval_at_its_price_plus_adder() {
    let rt = quarter_hours(&["10", "-20", "30", "100", "5", "5", "5", "5"]);
    let supply = PowerSupply::index(rt.clone(), price("$3/MWh"));
    // 15-minute loads: 4 MW each interval = 1 MWh each.
    let loads = vec![mw(4.0); 8];
    let bill = supply
        .energy_cost(t0(), Resolution::FifteenMinutes, &loads)
        .unwrap();
    // Σ (p + 3) × 1 MWh = (10 - 20 + 30 + 100 + 20) + 8 × 3 = 164.
    assert_eq!(bill, usd("$164"));
    // The same load in hours pays the hourly mean: same total.
    let hourly = supply
        .energy_cost(t0(), Resolution::Hourly, &[mw(4.0), mw(4.0)])
        .unwrap();
    assert_eq!(hourly, bill);
    // Past the end of the index is an error, not a zero price.
    let err = supply
        .energy_cost(t0(), Resolution::Hourly, &[mw(1.0); 3])
        .unwrap_err();
    assert!(matches!(err, FacilityError::OutsideSeries { .. }), "{err}");
}

#[test]
fn fixed_supply_ignores_the_market() {
    let supply = PowerSupply::fixed(price("$45/MWh"));
    assert_eq!(supply.price_at(t0()).unwrap(), price("$45/MWh"));
    let bill = supply
        .energy_cost(t0(), Resolution::FifteenMinutes, &[mw(2.0); 4])
        .unwrap();
    assert_eq!(bill, usd("$90"));
}

#[test]
fn a_financial_block_pays_the_spread_on_its_volume() {
    let block = FinancialBlock::new(mw(30.0), price("$40/MWh")).unwrap();
    // 30 MW × ($300 − $40) × 1 h; below the fixed price the site pays.
    assert_eq!(
        block.settlement(price("$300/MWh"), Decimal::ONE).unwrap(),
        Decimal::from(7_800)
    );
    assert_eq!(
        block
            .settlement(price("$20/MWh"), Decimal::new(25, 2))
            .unwrap(),
        Decimal::from(-150)
    );
    assert!(FinancialBlock::new(mw(0.0), price("$40/MWh")).is_err());
    // A block settles against an index: a fixed supply has none.
    let fixed = PowerContract::new(PowerSupply::fixed(price("$40/MWh")));
    assert!(matches!(
        fixed.with_block(block),
        Err(FacilityError::Unsupported { .. })
    ));
}

#[test]
fn demand_charge_bills_the_peak() {
    let charge = DemandCharge::per_kw_month(usd("$10")).unwrap();
    assert_eq!(charge.charge(mw(2.5)).unwrap(), usd("$25,000"));
    assert_eq!(
        charge.for_loads(&[mw(1.0), mw(3.0), mw(2.0)]).unwrap(),
        usd("$30,000")
    );
    assert_eq!(charge.for_loads(&[]).unwrap(), Usd::ZERO);
    assert!(matches!(
        charge.charge(mw(-1.0)),
        Err(FacilityError::InvalidPower { .. })
    ));
    assert!(DemandCharge::per_kw_month(usd("-$1")).is_err());
}

fn peaks() -> [DateTime<Utc>; 4] {
    [(9, 5), (6, 27), (8, 20), (7, 19)]
        .map(|(m, d)| Utc.with_ymd_and_hms(2023, m, d, 21, 45, 0).unwrap())
}

#[test]
fn four_cp_tag_is_the_mean_of_the_four_peaks() {
    let four_cp = FourCp::new(peaks()).unwrap();
    assert_eq!(four_cp.intervals()[0].format("%m-%d").to_string(), "06-27");
    let steady = four_cp.tag(|_| Ok(mw(100.0))).unwrap();
    assert_eq!(steady, mw(100.0));
    // Curtailing in the peak intervals removes them from the tag.
    let june = four_cp.intervals()[0];
    let curtailed = four_cp
        .tag(|at| Ok(if at == june { mw(0.0) } else { mw(100.0) }))
        .unwrap();
    assert_eq!(curtailed, mw(75.0));
    // $50 per kW-year on a 75 MW tag.
    assert_eq!(
        FourCp::annual_charge(curtailed, usd("$50")).unwrap(),
        usd("$3,750,000")
    );
    let err = four_cp
        .tag_from_loads([mw(1.0), mw(-1.0), mw(1.0), mw(1.0)])
        .unwrap_err();
    assert!(matches!(err, FacilityError::InvalidPower { .. }), "{err}");
    let failing = four_cp.tag(|at| {
        Err(FacilityError::OutsideSeries {
            at,
            start: at,
            end: at,
        })
    });
    assert!(failing.is_err());
}

#[test]
fn four_cp_needs_one_peak_in_each_summer_month() {
    let mut two_in_july = peaks();
    two_in_july[0] = Utc.with_ymd_and_hms(2023, 7, 5, 21, 45, 0).unwrap();
    let err = FourCp::new(two_in_july).unwrap_err();
    assert!(
        matches!(
            err,
            FacilityError::InvalidTerm {
                what: "4CP intervals",
                ..
            }
        ),
        "{err}"
    );
    let mut may = peaks();
    may[1] = Utc.with_ymd_and_hms(2023, 5, 27, 21, 45, 0).unwrap();
    assert!(FourCp::new(may).is_err());
    let mut off_grid = peaks();
    off_grid[2] = Utc.with_ymd_and_hms(2023, 8, 20, 21, 50, 0).unwrap();
    assert!(matches!(
        FourCp::new(off_grid),
        Err(FacilityError::Misaligned { .. })
    ));
    // 00:30 UTC on July 1 is still June 30 in Central daylight time.
    let mut edge = peaks();
    edge[1] = Utc.with_ymd_and_hms(2023, 7, 1, 0, 30, 0).unwrap();
    assert!(FourCp::new(edge).is_ok());
}
