//! Invariants of the hashprice economics, stated in domain words.

use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_mining::Difficulty;
use wattage_mining::costs::{breakeven_power_price, hashcost};
use wattage_mining::hashprice::{Fees, NetworkState};
use wattage_units::{Btc, BtcPrice, HashEfficiency, Hashprice, Share, unit};

fn state(difficulty: f64, fee_sat: i64) -> NetworkState {
    NetworkState::new(
        Difficulty::new(difficulty).unwrap(),
        Btc::from_sat(312_500_000),
        Fees::per_block(Btc::from_sat(fee_sat)).unwrap(),
    )
    .unwrap()
}

proptest! {
    #[test]
    fn hashprice_falls_as_difficulty_rises(d in 1e9f64..1e16, rise in 1.001f64..10.0, fees in 0i64..100_000_000) {
        let price = BtcPrice::new(Decimal::from(60_000)).unwrap();
        let low = state(d, fees).hashprice(price).unwrap();
        let high = state(d * rise, fees).hashprice(price).unwrap();
        prop_assert!(high < low);
    }

    #[test]
    fn hashprice_scales_linearly_with_price(d in 1e9f64..1e16, dollars in 1u32..1_000_000, k in 2u32..100) {
        let s = state(d, 1_000_000);
        let one = s.hashprice(BtcPrice::new(Decimal::from(dollars)).unwrap()).unwrap().value();
        let many = s.hashprice(BtcPrice::new(Decimal::from(dollars) * Decimal::from(k)).unwrap()).unwrap().value();
        let scaled = one * Decimal::from(k);
        // Exact up to Decimal's 28 significant digits.
        prop_assert!((many - scaled).abs() <= scaled * Decimal::new(1, 24));
    }

    #[test]
    fn at_the_breakeven_power_price_margin_is_zero(hp in 1u32..200_000, j_th in 5.0f64..120.0) {
        let hashprice = Hashprice::new(Decimal::new(i64::from(hp), 3)).unwrap(); // $0.001 to $200 /PH/day
        let efficiency = HashEfficiency::new(j_th, unit::JOULE_PER_TERAHASH).unwrap();
        let breakeven = breakeven_power_price(hashprice, efficiency).unwrap();
        let margin = hashprice.margin(hashcost(efficiency, breakeven).unwrap()).unwrap();
        prop_assert!(margin.abs() < Decimal::new(1, 20), "margin {}", margin);
    }

    #[test]
    fn hashprice_never_panics_or_goes_infinite(d in any::<f64>(), share in any::<i64>(), fees in any::<i64>()) {
        if let Ok(diff) = Difficulty::new(d) {
            let share = Share::new(Decimal::new(share, 18)).map_err(wattage_mining::Error::from);
            for f in [share.and_then(Fees::share_of_reward), Fees::per_block(Btc::from_sat(fees))].into_iter().flatten() {
                if let Ok(s) = NetworkState::new(diff, Btc::from_sat(312_500_000), f) {
                    let _ = s.btc_hashprice();
                }
            }
        }
    }
}
