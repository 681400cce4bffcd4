//! wattage-mining: consensus inputs and economics with extreme values.

use proptest::prelude::*;
use wattage::mining::compact::CompactTarget;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::{BlockHeight, Difficulty, subsidy};
use wattage::units::{Btc, BtcPrice};

use super::nasty_f64;

proptest! {
    #[test]
    fn any_nbits_is_a_difficulty_or_an_error(bits in any::<u32>()) {
        if let Ok(d) = Difficulty::from_compact(CompactTarget::from_consensus(bits)) {
            prop_assert!(d.get().is_finite() && d.get() > 0.0);
        }
    }

    #[test]
    fn any_height_has_a_subsidy(height in any::<u32>()) {
        let s = subsidy::block_subsidy(BlockHeight::new(height));
        prop_assert!(s >= Btc::ZERO);
    }

    #[test]
    fn hashprice_from_extreme_difficulty_is_finite_or_an_error(value in nasty_f64(), sats in any::<i64>()) {
        if let Ok(d) = Difficulty::new(value) {
            prop_assert!(d.get().is_finite() && d.get() > 0.0);
            if let Ok(state) = NetworkState::new(d, Btc::from_sat(sats), Fees::ZERO) {
                if let Ok(hp) = state.btc_hashprice() {
                    let _ = hp.to_usd("$60,000/BTC".parse::<BtcPrice>().unwrap());
                }
                let _ = state.hashprice("$1/BTC".parse::<BtcPrice>().unwrap());
            }
        }
    }
}
