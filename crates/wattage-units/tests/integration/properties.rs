//! Invariants that hold for all inputs, stated in domain words.

use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_units::{
    Btc, Energy, EnergyPrice, HashEfficiency, Hashprice, Hashrate, Power, Time, Usd, unit,
};

fn relative_eq(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

proptest! {
    #[test]
    fn unit_conversions_round_trip(value in 1e-6f64..1e12) {
        let rate = Hashrate::new(value, unit::TERAHASH_PER_SECOND).unwrap();
        let ehs = rate.get(unit::EXAHASH_PER_SECOND);
        let back = Hashrate::new(ehs, unit::EXAHASH_PER_SECOND).unwrap();
        prop_assert!(relative_eq(back.get(unit::TERAHASH_PER_SECOND), value, 1e-12));
    }

    #[test]
    fn display_then_parse_round_trips(value in -1e15f64..1e15) {
        let power = Power::new(value, unit::WATT).unwrap();
        let shown = power.to_string();
        let read: Power = shown.parse().unwrap();
        // Six significant digits are displayed.
        prop_assert!(relative_eq(read.get(unit::WATT), value, 5e-6), "{} -> {}", value, shown);
    }

    #[test]
    fn exact_text_round_trips_bit_for_bit(value in 0.0f64..1e30) {
        let efficiency = HashEfficiency::new(value, unit::JOULE_PER_HASH).unwrap();
        let read: HashEfficiency = efficiency.to_exact_string().parse().unwrap();
        prop_assert_eq!(read.base_value().to_bits(), efficiency.base_value().to_bits());
    }

    #[test]
    fn multiplying_then_dividing_by_hashrate_returns_the_efficiency(
        ths in 1e-3f64..1e9, jth in 1e-3f64..1e4
    ) {
        let h = Hashrate::new(ths, unit::TERAHASH_PER_SECOND).unwrap();
        let e = HashEfficiency::new(jth, unit::JOULE_PER_TERAHASH).unwrap();
        let back: HashEfficiency = (h * e) / h;
        prop_assert!(relative_eq(back.get(unit::JOULE_PER_TERAHASH), jth, 1e-12));
    }

    #[test]
    fn energy_is_conserved_when_a_period_is_split(mw in 0.0f64..1e4, hours in 0.0f64..1e4, split in 0.0f64..1.0) {
        let p = Power::new(mw, unit::MEGAWATT).unwrap();
        let whole = p * Time::new(hours, unit::HOUR).unwrap();
        let parts: Energy = p * Time::new(hours * split, unit::HOUR).unwrap()
            + p * Time::new(hours * (1.0 - split), unit::HOUR).unwrap();
        prop_assert!(relative_eq(whole.get(unit::MEGAWATT_HOUR), parts.get(unit::MEGAWATT_HOUR), 1e-9));
    }

    #[test]
    fn money_sums_are_exact_and_order_independent(cents in proptest::collection::vec(-1_000_000_000_000i64..1_000_000_000_000, 0..50)) {
        let amounts: Vec<Usd> = cents.iter().map(|c| Usd::from_cents(*c)).collect();
        let forward = Usd::try_sum(amounts.iter().copied()).unwrap();
        let backward = Usd::try_sum(amounts.iter().rev().copied()).unwrap();
        prop_assert_eq!(forward, backward);
        let total_cents: i64 = cents.iter().sum();
        prop_assert_eq!(forward, Usd::from_cents(total_cents));
    }

    #[test]
    fn satoshi_btc_conversions_are_exact(sats in proptest::num::i64::ANY) {
        let amount = Btc::from_sat(sats);
        prop_assert_eq!(Btc::from_btc(amount.to_btc()).unwrap(), amount);
        let text = amount.to_string();
        prop_assert_eq!(text.parse::<Btc>().unwrap(), amount);
    }

    #[test]
    fn price_display_then_parse_is_exact(mantissa in -10_000_000_000i64..10_000_000_000, scale in 0u32..8) {
        let price = EnergyPrice::new(Decimal::new(mantissa, scale)).unwrap();
        prop_assert_eq!(price.to_string().parse::<EnergyPrice>().unwrap(), price);
        let hashprice = Hashprice::new(Decimal::new(mantissa.abs(), scale)).unwrap();
        prop_assert_eq!(hashprice.to_string().parse::<Hashprice>().unwrap(), hashprice);
    }

    #[test]
    fn revenue_scales_linearly_with_time(days in 1u32..1000) {
        let hp = Hashprice::new(Decimal::new(5597, 2)).unwrap();
        let rate = Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap();
        let revenue = hp.revenue_over(rate, Time::new(f64::from(days), unit::DAY).unwrap()).unwrap();
        prop_assert_eq!(revenue, Usd::new(hp.value() * Decimal::from(days)));
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC*") {
        let _ = text.parse::<Hashrate>();
        let _ = text.parse::<Energy>();
        let _ = text.parse::<Usd>();
        let _ = text.parse::<Btc>();
        let _ = text.parse::<EnergyPrice>();
        let _ = text.parse::<Hashprice>();
    }

    #[test]
    fn parsing_unit_like_text_never_panics_and_never_yields_nonsense(
        number in "[-+]?[0-9]{0,4}(\\.[0-9]{0,3})?([eE][-+]?[0-9]{1,3})?",
        space in " ?",
        symbol in "(EH/s|TH/s|J/TH|kW|MWh|\\$|c|/|PH/day|BTC|sat|[a-zA-Z/$]{0,4})",
    ) {
        let text = format!("{number}{space}{symbol}");
        if let Ok(rate) = text.parse::<Hashrate>() {
            prop_assert!(rate.base_value().is_finite() && rate.base_value() >= 0.0);
        }
        if let Ok(energy) = text.parse::<Energy>() {
            prop_assert!(energy.base_value().is_finite());
        }
        let _ = text.parse::<EnergyPrice>();
        let _ = text.parse::<Btc>();
    }
}

proptest! {
    /// Any amount reads back from both its display forms, and the two differ
    /// only by the thousands separators.
    #[test]
    fn amounts_read_back_grouped_and_plain(
        mantissa in any::<i64>(),
        scale in 0u32..12,
        places in proptest::option::of(0usize..6),
    ) {
        let amount = Usd::new(Decimal::new(mantissa, scale));
        let (grouped, plain) = match places {
            Some(p) => (format!("{amount:.p$}"), format!("{amount:#.p$}")),
            None => (amount.to_string(), format!("{amount:#}")),
        };
        prop_assert_eq!(grouped.replace(',', ""), plain.clone());
        let integer = plain.trim_start_matches(['-', '$']).split('.').next().unwrap_or("").len();
        prop_assert_eq!(grouped.matches(',').count(), (integer.max(1) - 1) / 3);
        if places.is_none() {
            prop_assert_eq!(grouped.parse::<Usd>().unwrap(), amount);
            prop_assert_eq!(plain.parse::<Usd>().unwrap(), amount);
        }
    }
}
