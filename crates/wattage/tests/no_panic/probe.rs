//! Functions the families above do not reach: hall allocation, a site's
//! headroom, inference costs and the network's response to hashprice at
//! extreme values.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage::facility::inference::{Inference, InferenceSpec};
use wattage::facility::pue::Pue;
use wattage::facility::site::{Hall, Site};
use wattage::mining::network_response::{
    ElectricityPrices, PricePoint, ResponseModel, ResponseSpec,
};
use wattage::units::{Hashprice, Hashrate, Power, Usd, unit};

use super::{AllFinite, check, nasty_f64, raw};

fn watts(value: f64) -> Power {
    raw(Power::new(1.0, unit::WATT).unwrap(), value)
}

fn near_max() -> impl Strategy<Value = f64> {
    prop_oneof![
        nasty_f64(),
        (0.1f64..1.0).prop_map(|f| f * f64::MAX),
        1.0f64..3.0
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hall_allocation_and_site_headroom_are_finite(capacity in near_max(), load in near_max(), pue in 1.0f64..3.0, interconnect in near_max()) {
        let Ok(pue) = Pue::constant(pue) else { return Ok(()); };
        let Ok(hall) = Hall::new("A", watts(capacity), pue.clone()) else { return Ok(()); };
        prop_assert!(hall.peak_facility_load().all_finite(), "{hall:?}");
        check("Hall::allocate", &hall.allocate(watts(load)));
        let Ok(site) = Site::new("S", watts(interconnect)) else { return Ok(()); };
        let site = site.with_hall(hall).unwrap_or_else(|_| Site::new("S", watts(interconnect)).unwrap());
        prop_assert!(site.headroom().all_finite() && site.available_it_capacity(&pue).all_finite(), "{site:?}");
        prop_assert!(site.peak_facility_load().all_finite() && site.it_capacity().all_finite());
    }

    #[test]
    fn inference_costs_are_finite(tokens in near_max(), board in near_max(), overhead in near_max(), pue in near_max(), cents in any::<i64>(), utilization in 0i64..=100) {
        let spec = InferenceSpec {
            tokens_per_second: tokens,
            board_power: watts(board),
            system_overhead: overhead,
            pue,
            power_price: "$50/MWh".parse().unwrap(),
            other_cost_per_gpu_hour: Usd::from_cents(cents),
        };
        let Ok(inference) = Inference::new(spec) else { return Ok(()); };
        prop_assert!(inference.wall_power().all_finite() && inference.wall_power() > Power::ZERO, "{inference:?}");
        prop_assert!(inference.energy_per_token().all_finite(), "{inference:?}");
        let _ = inference.cost_per_gpu_hour();
        let _ = inference.cost_per_million_tokens(Decimal::new(utilization, 2));
    }

    #[test]
    fn the_network_response_is_finite_at_extreme_prices(points in proptest::collection::vec((near_max(), near_max()), 1..4), q in nasty_f64(), hurdle in 0.1f64..100.0, hashprice in 1i64..1_000_000_000, eh in near_max()) {
        let points = points.into_iter().map(|(usd_per_mwh, share)| PricePoint { usd_per_mwh, share }).collect();
        let Ok(electricity) = ElectricityPrices::new(points) else { return Ok(()); };
        check("quantile", &electricity.quantile(q));
        prop_assert!(electricity.cheapest().is_finite());
        let spec = ResponseSpec { electricity, hurdle, ..ResponseSpec::default() };
        let Ok(model) = ResponseModel::try_from(spec) else { return Ok(()); };
        let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        check("marginal cost", &model.marginal_cost(date));
        check("frontier efficiency", &model.frontier_efficiency(date));
        let network = raw(Hashrate::new(1.0, unit::EXAHASH_PER_SECOND).unwrap(), eh);
        let hashprice = Hashprice::new(Decimal::new(hashprice, 2)).unwrap();
        check("target hashrate", &model.target_hashrate(network, hashprice, date));
    }
}
