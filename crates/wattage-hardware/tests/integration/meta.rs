//! Trait implementations that must not silently disappear.

use wattage_hardware::*;

fn is_send_sync<T: Send + Sync + 'static>() {}
fn is_clone_debug<T: Clone + core::fmt::Debug + PartialEq>() {}

#[test]
fn public_types_are_send_sync_clone_debug() {
    is_send_sync::<Error>();
    is_send_sync::<AsicMiner>();
    is_send_sync::<Accelerator>();
    is_send_sync::<System>();
    is_send_sync::<Fleet>();
    is_send_sync::<Cluster>();
    is_clone_debug::<AsicSpec>();
    is_clone_debug::<AcceleratorSpec>();
    is_clone_debug::<PeakThroughput>();
    is_clone_debug::<ReleaseDate>();
    is_clone_debug::<OperatingMode>();
    is_clone_debug::<AsicCurve>();
    is_clone_debug::<PowerCapCurve>();
    is_clone_debug::<load::Loaded<AsicMiner>>();
    fn is_std_error<E: std::error::Error>() {}
    is_std_error::<Error>();
}

#[test]
fn displays_read_well() {
    let s21xp = catalog::asic("S21 XP").unwrap();
    assert_eq!(
        s21xp.to_string(),
        "Antminer S21 XP (Bitmain, 2024): 270 TH/s, 3.645 kW, 13.5 J/TH, air"
    );
    let dgx = catalog::system("DGX H100").unwrap();
    assert_eq!(
        dgx.to_string(),
        "DGX H100 (NVIDIA): 8 x NVIDIA H100 SXM, 10.2 kW max, air"
    );
    assert_eq!(
        catalog::accelerator("H100 SXM").unwrap().to_string(),
        "NVIDIA H100 SXM (NVIDIA, 700 W)"
    );
    assert_eq!(
        Precision::ALL.map(|p| p.as_str()).join(","),
        "FP64,FP32,TF32,BF16/FP16,FP8,INT8,FP4"
    );
    assert_eq!(
        Cooling::ALL.map(|c| c.to_string()).join(","),
        "air,hydro,immersion"
    );
}
