//! Money and prices: exact sums, satoshis, prices as people write them.

use rust_decimal::Decimal;
use wattage_units::{
    Btc, BtcHashprice, BtcPrice, CapexPerMw, Energy, EnergyPrice, GpuHourPrice, HashEfficiency,
    Hashprice, Hashrate, LeaseRate, MoneyError, ParseErrorKind, Power, Time, Usd, unit,
};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn usd_reads_and_writes() {
    assert_eq!(
        "$1,234.56".parse::<Usd>().unwrap(),
        Usd::new(dec("1234.56"))
    );
    assert_eq!(
        "1234.56 USD".parse::<Usd>().unwrap(),
        Usd::new(dec("1234.56"))
    );
    assert_eq!("-$5".parse::<Usd>().unwrap(), Usd::from_cents(-500));
    assert_eq!("$3.5B".parse::<Usd>().unwrap(), Usd::new(dec("3500000000")));
    assert_eq!("$450k".parse::<Usd>().unwrap(), Usd::new(dec("450000")));
    assert_eq!(Usd::new(dec("-12.345")).to_string(), "-$12.345");
    assert_eq!(format!("{:.2}", Usd::new(dec("12.345"))), "$12.35");
    assert!("12".parse::<Usd>().is_err());
    assert!("$abc".parse::<Usd>().is_err());
    assert!("5 BTC".parse::<Usd>().is_err());
}

#[test]
fn usd_overflow_is_an_error() {
    let max = Usd::new(Decimal::MAX);
    assert!(matches!(
        max.checked_add(Usd::new(Decimal::ONE)),
        Err(MoneyError::Overflow { .. })
    ));
    assert!(matches!(
        max.checked_mul(Decimal::TWO),
        Err(MoneyError::Overflow { .. })
    ));
    assert!(matches!(
        max.checked_div(Decimal::ZERO),
        Err(MoneyError::DivisionByZero { .. })
    ));
    assert!(Usd::from_f64(f64::NAN).is_err());
    assert!(Usd::from_f64(1e30).is_err());
}

#[test]
fn rounding_to_cents_is_half_away_from_zero() {
    assert_eq!(
        Usd::new(dec("0.125")).round_to_cents(),
        Usd::new(dec("0.13"))
    );
    assert_eq!(
        Usd::new(dec("-0.125")).round_to_cents(),
        Usd::new(dec("-0.13"))
    );
}

#[test]
fn satoshis_are_exact() {
    assert_eq!("50 BTC".parse::<Btc>().unwrap().to_sat(), 5_000_000_000);
    assert_eq!("1 sat".parse::<Btc>().unwrap(), Btc::from_sat(1));
    assert_eq!("0.00000001 BTC".parse::<Btc>().unwrap(), Btc::from_sat(1));
    assert_eq!(Btc::from_sat(312_500_000).to_string(), "3.125 BTC");
    assert!(matches!(
        Btc::from_btc(dec("0.000000001")),
        Err(MoneyError::SubSatoshi { .. })
    ));
    assert!("0.000000001 BTC".parse::<Btc>().is_err());
    assert_eq!(
        Btc::from_btc_rounded(dec("0.000000005")).unwrap(),
        Btc::ZERO
    ); // half to even
    assert_eq!(
        Btc::from_btc_rounded(dec("0.000000015")).unwrap(),
        Btc::from_sat(2)
    );
    assert!(
        Btc::from_sat(i64::MAX)
            .checked_add(Btc::from_sat(1))
            .is_err()
    );
}

#[test]
fn energy_prices_in_every_common_form() {
    let forty_five = EnergyPrice::new(dec("45")).unwrap();
    assert_eq!("$45/MWh".parse::<EnergyPrice>().unwrap(), forty_five);
    assert_eq!("4.5 c/kWh".parse::<EnergyPrice>().unwrap(), forty_five);
    assert_eq!("$0.045/kWh".parse::<EnergyPrice>().unwrap(), forty_five);
    assert_eq!("45 USD/MWh".parse::<EnergyPrice>().unwrap(), forty_five);
    assert_eq!(forty_five.cents_per_kwh(), dec("4.5"));
    // Negative prices are real.
    let negative: EnergyPrice = "-$12.5/MWh".parse().unwrap();
    assert_eq!(negative.to_string(), "-$12.5/MWh");
    let err = "$45/MJ".parse::<EnergyPrice>().unwrap_err();
    assert!(
        matches!(err.kind(), ParseErrorKind::UnknownUnit { .. }),
        "{err}"
    );
    assert!("$45".parse::<EnergyPrice>().is_err());
}

#[test]
fn energy_times_price_is_money() {
    let price: EnergyPrice = "$45/MWh".parse().unwrap();
    let energy = Power::new(100.0, unit::MEGAWATT).unwrap() * Time::new(1.0, unit::DAY).unwrap();
    assert_eq!(price.cost(energy).unwrap(), Usd::new(dec("108000")));
    assert!(
        price
            .cost(Energy::new(0.1, unit::MEGAWATT_HOUR).unwrap())
            .unwrap()
            == Usd::new(dec("4.5"))
    );
}

#[test]
fn hashprice_matches_the_worked_example_units() {
    // Hashrate Index quotes $/PH/day; older posts $/TH/day.
    let hp: Hashprice = "$55.97/PH/day".parse().unwrap();
    assert_eq!(hp, "$0.05597/TH/day".parse().unwrap());
    assert_eq!(hp.per_terahash_day(), dec("0.05597"));
    // One PH/s for one day earns exactly the hashprice.
    let one_ph_day =
        Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap() * Time::new(1.0, unit::DAY).unwrap();
    assert_eq!(hp.revenue(one_ph_day).unwrap(), Usd::new(dec("55.97")));
}

#[test]
fn hashcost_of_twenty_joules_at_fifty_dollars() {
    let price: EnergyPrice = "$50/MWh".parse().unwrap();
    let cost = price
        .hashcost(HashEfficiency::new(20.0, unit::JOULE_PER_TERAHASH).unwrap())
        .unwrap();
    assert_eq!(cost.value(), dec("24"));
    let margin = "$52/PH/day"
        .parse::<Hashprice>()
        .unwrap()
        .margin(cost)
        .unwrap();
    assert_eq!(margin, dec("28"));
}

#[test]
fn btc_hashprice_and_btc_price() {
    let hp: BtcHashprice = "0.0005 BTC/PH/day".parse().unwrap();
    let one_ph_day =
        Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap() * Time::new(1.0, unit::DAY).unwrap();
    assert_eq!(hp.revenue(one_ph_day).unwrap(), Btc::from_sat(50_000));
    let price: BtcPrice = "$100,000/BTC".parse().unwrap();
    assert_eq!(
        hp.to_usd(price).unwrap(),
        Hashprice::new(dec("50")).unwrap()
    );
    assert_eq!(
        price.btc_for(Usd::new(dec("50"))).unwrap(),
        Btc::from_sat(50_000)
    );
    assert!("$0/BTC".parse::<BtcPrice>().is_err());
    assert!(matches!(
        BtcPrice::new(Decimal::ZERO),
        Err(MoneyError::NotPositive { .. })
    ));
    assert!(matches!(
        Hashprice::new(dec("-1")),
        Err(MoneyError::Negative { .. })
    ));
}

#[test]
fn lease_rates_pin_the_public_deals() {
    // domain.md: value / term / MW gives the $/kW-month shown.
    let deals = [
        ("$3.5B", 200.0, 12.0, 122), // Core Scientific -> CoreWeave
        ("$3.7B", 200.0, 10.0, 154), // TeraWulf -> Fluidstack
        ("$15B", 800.0, 15.0, 104),  // Galaxy Helios -> CoreWeave
        ("$3.0B", 168.0, 10.0, 149), // Cipher -> Fluidstack
        ("$9.7B", 200.0, 5.0, 808),  // IREN -> Microsoft
    ];
    for (value, mw, years, expected) in deals {
        let rate = LeaseRate::implied_by_contract(
            value.parse().unwrap(),
            Power::new(mw, unit::MEGAWATT).unwrap(),
            Time::new(years, unit::YEAR).unwrap(),
        )
        .unwrap();
        assert_eq!(
            format!("{rate:.0}"),
            format!("${expected}/kW/month"),
            "{value} {mw} MW {years} y"
        );
    }
    assert!(
        LeaseRate::implied_by_contract(
            Usd::from_cents(100),
            Power::ZERO,
            Time::new(1.0, unit::YEAR).unwrap()
        )
        .is_err()
    );
}

#[test]
fn gpu_hours_and_capex() {
    let price: GpuHourPrice = "$2.95/GPU-hour".parse().unwrap();
    let year = price
        .revenue(1, Time::new(1.0, unit::YEAR).unwrap())
        .unwrap();
    assert_eq!(year, Usd::new(dec("25859.7")));
    let capex: CapexPerMw = "$10M/MW".parse().unwrap();
    assert_eq!(capex, "$10/W".parse().unwrap());
    assert_eq!(
        capex
            .capex(Power::new(2.5, unit::MEGAWATT).unwrap())
            .unwrap(),
        Usd::new(dec("25000000"))
    );
}

#[test]
fn money_displays_with_thousands_separators_and_a_plain_form() {
    // The capex of docs/06-facilities.md's GPU cloud.
    let capex = Usd::new(dec("1043992800"));
    assert_eq!(capex.to_string(), "$1,043,992,800");
    assert_eq!(format!("{capex:#}"), "$1043992800");
    assert_eq!(format!("{:.2}", -capex), "-$1,043,992,800.00");
    assert_eq!(format!("{:#.2}", -capex), "-$1043992800.00");
    assert_eq!(Usd::new(dec("999.5")).to_string(), "$999.5");
    assert_eq!(Usd::new(dec("1000")).to_string(), "$1,000");
    let price: EnergyPrice = "$9000.25/MWh".parse().unwrap();
    assert_eq!(price.to_string(), "$9,000.25/MWh");
    assert_eq!(format!("{price:#}"), "$9000.25/MWh");
    let supply = Btc::from_sat(2_100_000_000_000_000);
    assert_eq!(supply.to_string(), "21,000,000 BTC");
    assert_eq!(format!("{supply:#}"), "21000000 BTC");
    // Both forms read back.
    assert_eq!(capex.to_string().parse::<Usd>().unwrap(), capex);
    assert_eq!(format!("{capex:#}").parse::<Usd>().unwrap(), capex);
}

#[test]
fn sums_and_nets_are_exact_and_overflow_is_an_error() {
    let amounts = [
        Usd::new(dec("0.1")),
        Usd::new(dec("0.2")),
        Usd::new(dec("-0.3")),
    ];
    let total: Result<Usd, _> = amounts.iter().sum();
    assert_eq!(total.unwrap(), Usd::ZERO);
    let huge = [Usd::new(Decimal::MAX), Usd::new(Decimal::ONE)];
    let overflow: Result<Usd, MoneyError> = huge.into_iter().sum();
    assert!(matches!(overflow, Err(MoneyError::Overflow { .. })));
    assert!(Usd::net([Usd::new(Decimal::MAX)], [Usd::new(Decimal::MIN)]).is_err());
    assert_eq!(
        Usd::net(amounts, [Usd::new(dec("1"))]).unwrap(),
        Usd::new(dec("-1"))
    );
}

#[test]
fn shares_read_percentages_and_fractions() {
    use wattage_units::Share;
    let fee: Share = "2%".parse().unwrap();
    assert_eq!(fee, "0.02".parse().unwrap());
    assert_eq!(fee, " 2 % ".parse().unwrap());
    assert_eq!(fee.to_string(), "2%");
    assert_eq!(fee.percent(), dec("2"));
    let err = "2".parse::<Share>().unwrap_err();
    assert_eq!(err.kind(), &ParseErrorKind::OutOfRange, "{err}");
    assert!(err.to_string().ends_with("(written like \"2%\")"), "{err}");
    assert!(matches!(
        Share::new(dec("1.01")),
        Err(MoneyError::ShareOutOfRange { .. })
    ));
}
