//! wattage-hardware: loaders, look-ups and specs.

use proptest::prelude::*;
use wattage::hardware::load::{accelerators_from_csv, accelerators_from_epoch_csv, asics_from_csv};
use wattage::hardware::{AsicSpec, ReleaseDate, catalog};

use super::{nasty_f64, unit_like_text};

proptest! {
    #[test]
    fn loaders_never_panic(text in "\\PC{0,200}", header in prop_oneof![
        Just("model,manufacturer,release_year,hashrate_ths,power_w,efficiency_j_per_th,cooling,source\n"),
        Just("Hardware name,Manufacturer,Release date,TDP (W),FP32 (single precision) performance (FLOP/s),Tensor-FP16/BF16 performance (FLOP/s)\n"),
        Just(""),
    ]) {
        let csv = format!("{header}{text}");
        let _ = asics_from_csv(&csv);
        let _ = accelerators_from_csv(&csv);
        let _ = accelerators_from_epoch_csv(&csv);
    }

    #[test]
    fn look_ups_never_panic(query in unit_like_text()) {
        let _ = catalog::asic(&query);
        let _ = catalog::accelerator(&query);
        let _ = catalog::system(&query);
    }

    #[test]
    fn miner_specs_validate_or_fail(hashrate in nasty_f64(), power in nasty_f64(), efficiency in nasty_f64()) {
        let spec = AsicSpec::new("Test", "Maker", ReleaseDate::year(2024).unwrap(), hashrate, power, efficiency);
        if let Ok(miner) = spec.validate() {
            prop_assert!(miner.hashrate().base_value().is_finite());
            prop_assert!(miner.power().base_value().is_finite());
            prop_assert!(miner.efficiency().base_value().is_finite());
        }
    }
}
