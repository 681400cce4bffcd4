//! wattage-facility: price readers, configs and constructors.

use proptest::prelude::*;
use wattage::facility::contract::PowerSupply;
use wattage::facility::lease::ColocationLease;
use wattage::facility::price_series::ercot::{Hub, read_hub_lmp, read_settlement_point_prices};
use wattage::facility::pue::Pue;
use wattage::facility::site::{Hall, Site};
use wattage::units::{Power, unit};

use super::{json_text, nasty_f64};

const SPP_HEADER: &str = "DeliveryDate,DeliveryHour,DeliveryInterval,DSTFlag,SettlementPointName,SettlementPointType,SettlementPointPrice\n";

proptest! {
    #[test]
    fn price_readers_never_panic(body in "[0-9/,.:A-Z_\" \\-\n]{0,300}") {
        let text = format!("{SPP_HEADER}{body}");
        if let Ok(series) = read_settlement_point_prices(text.as_bytes(), "HB_NORTH", None) {
            prop_assert!(series.prices().iter().all(|p| p.to_f64().is_finite()));
        }
        let _ = read_hub_lmp(body.as_bytes(), Hub::North);
    }

    #[test]
    fn configs_never_panic(json in json_text()) {
        let _ = serde_json::from_str::<Site>(&json);
        let _ = serde_json::from_str::<Hall>(&json);
        let _ = serde_json::from_str::<Pue>(&json);
        let _ = serde_json::from_str::<PowerSupply>(&json);
        let _ = serde_json::from_str::<ColocationLease>(&json);
    }

    #[test]
    fn sites_and_halls_validate_extreme_values(mw in nasty_f64(), pue in nasty_f64()) {
        let _ = Pue::constant(pue);
        if let Ok(power) = Power::new(mw, unit::MEGAWATT) {
            if let Ok(mut site) = Site::new("s", power) {
                if let Ok(hall) = Hall::new("h", power, Pue::constant(1.2).unwrap()) {
                    // Never more facility load than the interconnect allows.
                    let _ = site.add_hall(hall);
                }
            }
        }
    }
}
