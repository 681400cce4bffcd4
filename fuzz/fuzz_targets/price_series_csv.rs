//! The ERCOT price readers on arbitrary bytes: an error or a series, never a
//! panic, and never a non-finite price inside a series.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp, read_settlement_point_prices};

fuzz_target!(|data: &[u8]| {
    if let Ok(series) = read_settlement_point_prices(data, "HB_NORTH", None) {
        assert!(!series.is_empty());
        assert_eq!(series.prices().len(), series.len());
    }
    let _ = read_settlement_point_prices(data, "HB_NORTH", Some("HU"));
    let _ = read_hub_lmp(data, Hub::North);
});
