//! The hardware loaders (CSV, Epoch AI's CSV, TOML and JSON spec files) on
//! arbitrary text: rows load or are reported, nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattage_hardware::load::{SpecFile, accelerators_from_csv, accelerators_from_epoch_csv, asics_from_csv};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else { return };
    let _ = asics_from_csv(text);
    let _ = accelerators_from_csv(text);
    let _ = accelerators_from_epoch_csv(text);
    if let Ok(file) = toml::from_str::<SpecFile>(text) {
        let _ = file.validate();
    }
    if let Ok(file) = serde_json::from_str::<SpecFile>(text) {
        let _ = file.validate();
    }
});
