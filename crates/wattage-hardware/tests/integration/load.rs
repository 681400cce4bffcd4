//! Loading user specs and Epoch AI's ml_hardware.csv.

use wattage_hardware::{Cooling, Error, Precision, Sparsity, load};
use wattage_units::unit;

const ASIC_CSV: &str = include_str!("../data/asic_miners.csv");
const EPOCH_EXTRACT: &str = include_str!("../data/accelerators_epoch_extract.csv");

#[test]
fn the_project_asic_file_loads_cleanly() {
    let loaded = load::asics_from_csv(ASIC_CSV).unwrap();
    assert!(loaded.is_clean(), "{:?}", loaded.rejected);
    assert_eq!(loaded.items.len(), 25);
    let s9 = &loaded.items[0];
    assert_eq!(s9.model(), "Antminer S9");
    assert_eq!(s9.power().get(unit::WATT), 1323.0);
    assert!(
        loaded
            .items
            .iter()
            .any(|m| m.cooling() == Cooling::Immersion)
    );
}

#[test]
fn bad_asic_rows_are_reported_with_line_and_reason() {
    let csv = "\
# user fleet
model,manufacturer,release_year,hashrate_ths,power_w,efficiency_j_per_th,cooling,source
Good,Bitmain,2023,200,3500,17.5,hydro,my card
Derived,Bitmain,2023,200,,17.5,,
Mismatch,Bitmain,2023,200,3500,30,air,
,Bitmain,2023,200,3500,17.5,air,
BadYear,Bitmain,twenty,200,3500,17.5,air,
BadNumber,Bitmain,2023,2OO,3500,17.5,air,
BadCooling,Bitmain,2023,200,3500,17.5,steam,
Placeholder,Bitmain,2023,inf,3500,17.5,air,
Thousands,Bitmain,2023,200,\"3,500\",17.5,air,
";
    let loaded = load::asics_from_csv(csv).unwrap();
    let names: Vec<&str> = loaded.items.iter().map(|m| m.model()).collect();
    assert_eq!(names, ["Good", "Derived", "Placeholder", "Thousands"]);
    assert_eq!(loaded.items[0].source(), "my card");
    assert_eq!(loaded.items[1].power().get(unit::WATT), 3500.0);
    assert_eq!(loaded.items[1].source(), "user-supplied");
    assert_eq!(
        loaded.items[2].hashrate().get(unit::TERAHASH_PER_SECOND),
        200.0
    );
    assert_eq!(loaded.items[3].power().get(unit::WATT), 3500.0);

    let lines: Vec<usize> = loaded.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [5, 6, 7, 8, 9]);
    assert!(loaded.rejected[0].error.is_inconsistent());
    assert_eq!(loaded.rejected[1].name, None);
    assert_eq!(
        loaded.rejected[1].to_string(),
        "line 6: model name must not be empty"
    );
    assert!(matches!(loaded.rejected[2].error, Error::Unreadable { .. }));
    assert_eq!(
        loaded.rejected[3].to_string(),
        "line 8 (BadNumber): cannot read \"2OO\" as a hashrate in TH/s"
    );
    assert!(loaded.rejected[4].to_string().contains("steam"));
    // The placeholder was not dropped silently.
    assert_eq!(loaded.notices.len(), 1);
    assert_eq!(loaded.notices[0].line, 10);
    assert!(
        loaded.notices[0].to_string().contains("\"inf\""),
        "{}",
        loaded.notices[0]
    );
}

#[test]
fn missing_columns_are_errors() {
    let err = load::asics_from_csv("model,manufacturer,release,power_w\nA,B,2024,1\n").unwrap_err();
    assert!(matches!(err, Error::MissingColumn { .. }), "{err}");
    let err = load::asics_from_csv("name,release,hashrate_ths,power_w\nA,2024,1,1\n").unwrap_err();
    assert!(err.to_string().contains("manufacturer"), "{err}");
    assert!(matches!(
        load::asics_from_csv("model,\"oops\n"),
        Err(Error::Csv { .. })
    ));
    assert!(load::asics_from_csv("").unwrap().items.is_empty());
}

#[test]
fn the_epoch_extract_loads_with_its_quirks_reported() {
    let loaded = load::accelerators_from_epoch_csv(EPOCH_EXTRACT).unwrap();
    // The extract writes `inf` only in Epoch's derived "Energy efficiency"
    // column (TPU v5p, v6e), which is not read; their TDP cells are empty.
    assert!(
        loaded.is_clean(),
        "{:?} {:?}",
        loaded.rejected,
        loaded.notices
    );
    assert_eq!(loaded.items.len(), 20);
    let v5p = loaded
        .items
        .iter()
        .find(|a| a.name() == "Google TPU v5p")
        .unwrap();
    assert!(v5p.board_power().is_none());
    // Figures are dense, as Epoch states.
    let h100 = loaded
        .items
        .iter()
        .find(|a| a.name() == "NVIDIA H100 SXM5 80GB")
        .unwrap();
    let bf16 = h100.peak(Precision::Bf16).unwrap();
    assert_eq!(bf16.sparsity(), Sparsity::Dense);
    assert_eq!(bf16.rate().get(unit::TERAFLOP_PER_SECOND), 989.4);
    // Epoch's H100 row has no FP8 figure.
    assert!(h100.peak(Precision::Fp8).is_err());
    assert!(h100.throughput_source().contains("CC-BY 4.0"));
    assert_eq!(h100.release().unwrap().to_string(), "2022-09");
}

/// The extract with Epoch's published header names, as in an older snapshot.
fn with_published_headers(text: &str, memory_header: &str, int4_header: &str) -> String {
    let header = format!(
        "Hardware name,Release date,FP64 (double precision) performance (FLOP/s),FP32 (single precision) performance (FLOP/s),\
TF32 (TensorFloat-32) performance (FLOP/s),Tensor-FP16/BF16 performance (FLOP/s),FP8 performance (FLOP/s),\
INT8 performance (OP/s),{int4_header},FP4 performance (FLOP/s),TDP (W),{memory_header},Memory bandwidth (byte/s),\
Max performance,Energy efficiency,Last modified"
    );
    let mut out = String::new();
    let mut replaced = false;
    for line in text.lines() {
        if !replaced && line.starts_with("hardware_name") {
            out.push_str(&header);
            replaced = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn renamed_columns_between_snapshots_are_recognized() {
    for (memory, int4) in [
        ("Memory (bytes)", "INT4 performance (OP/s)"),
        (
            "Memory size per board (Byte)",
            "INT4/FP4 performance (OP/s)",
        ),
    ] {
        let text = with_published_headers(EPOCH_EXTRACT, memory, int4);
        let loaded = load::accelerators_from_epoch_csv(&text).unwrap();
        assert_eq!(loaded.items.len(), 20, "{memory}");
        let a100 = &loaded.items[0];
        assert_eq!(a100.memory_bytes(), Some(4e10));
        assert_eq!(a100.board_power().unwrap().get(unit::WATT), 300.0);
    }
}

#[test]
fn older_combined_int4_fp4_column_is_read_as_fp4_when_alone() {
    let csv =
        "Hardware name,Release date,INT4/FP4 performance (OP/s),TDP (W)\nX,2025-01-01,9e15,1000\n";
    let loaded = load::accelerators_from_epoch_csv(csv).unwrap();
    assert_eq!(
        loaded.items[0]
            .peak(Precision::Fp4)
            .unwrap()
            .rate()
            .get(unit::PETAFLOP_PER_SECOND),
        9.0
    );
}

#[test]
fn unusable_epoch_rows_are_reported() {
    let csv = "\
Hardware name,Manufacturer,Release date,Tensor-FP16/BF16 performance (FLOP/s),FP8 performance (FLOP/s),TDP (W),Memory (bytes)
\"Chip, with comma\",Acme,2024-01-15,1e15,Infinity,500,
No figures,Acme,2024-01-15,,inf,500,
Bad number,Acme,2024-01-15,lots,,500,
Negative,Acme,2024-01-15,-1e15,,500,
Bad date,Acme,January,1e15,,500,
No date,,,1e15,,NaN,8e10
,Acme,2024,1e15,,500,
";
    let loaded = load::accelerators_from_epoch_csv(csv).unwrap();
    let ok: Vec<&str> = loaded.items.iter().map(|a| a.name()).collect();
    assert_eq!(ok, ["Chip, with comma", "No date"]);
    assert!(loaded.items[1].release().is_none());
    assert_eq!(loaded.items[1].vendor(), "unknown");
    let rejected: Vec<(usize, Option<&str>)> = loaded
        .rejected
        .iter()
        .map(|r| (r.line, r.name.as_deref()))
        .collect();
    assert_eq!(
        rejected,
        [
            (3, Some("No figures")),
            (4, Some("Bad number")),
            (5, Some("Negative")),
            (6, Some("Bad date")),
            (8, None)
        ]
    );
    assert!(
        loaded.rejected[2]
            .error
            .to_string()
            .contains("-1000000000000000 FLOP/s"),
        "{}",
        loaded.rejected[2]
    );
    // Infinity FP8 in row 2 and NaN TDP in row 7 are notices; row 3's inf was in a rejected row.
    let notice_lines: Vec<usize> = loaded.notices.iter().map(|n| n.line).collect();
    assert_eq!(notice_lines, [2, 7]);
}

#[test]
fn epoch_reader_needs_a_name_and_a_figure_column() {
    assert!(matches!(
        load::accelerators_from_epoch_csv("TDP (W)\n1\n"),
        Err(Error::MissingColumn { .. })
    ));
    assert!(matches!(
        load::accelerators_from_epoch_csv("Hardware name,TDP (W)\nX,1\n"),
        Err(Error::MissingColumn { .. })
    ));
}

#[cfg(feature = "serde")]
mod with_serde {
    use wattage_hardware::load::SpecFile;
    use wattage_hardware::{Accelerator, AsicMiner, Precision, Sparsity, catalog};
    use wattage_units::unit;

    #[test]
    fn toml_user_file_is_validated_like_the_catalog() {
        let text = r#"
[[asic_miners]]
model = "Container S21"
manufacturer = "Bitmain"
release = "2023-09"
hashrate_ths = 200
efficiency_j_per_th = 17.5
cooling = "hyd"
source = "our PO"

[[asic_miners]]
model = "Bad"
manufacturer = "X"
release = 2024
hashrate_ths = 200
power_w = 9000
efficiency_j_per_th = 17.5

[[accelerators]]
name = "Lab card"
vendor = "Us"
release = "2025"
board_power_w = 500
peaks = [
  { precision = "bf16", ops_per_second = 1e15, sparsity = "sparse" },
  { precision = "FP32", ops_per_second = 5e13 },
]
"#;
        let file: SpecFile = toml::from_str(text).unwrap();
        let (miners, accs) = file.validate();
        assert_eq!(miners.items.len(), 1);
        assert_eq!(miners.items[0].power().get(unit::WATT), 3500.0);
        assert_eq!(miners.rejected[0].line, 2);
        assert!(miners.rejected[0].error.is_inconsistent());
        let card = &accs.items[0];
        assert_eq!(
            card.efficiency(Precision::Bf16)
                .unwrap()
                .get(unit::TERAFLOPS_PER_WATT),
            1.0
        );
        assert_eq!(
            card.peak(Precision::Fp32).unwrap().sparsity(),
            Sparsity::Dense
        );
    }

    #[test]
    fn devices_deserialize_through_validation() {
        let bad = r#"{"model":"X","manufacturer":"Y","release":2024,"hashrate_ths":100,"power_w":100,"efficiency_j_per_th":50}"#;
        let err = serde_json::from_str::<AsicMiner>(bad).unwrap_err();
        assert!(
            err.to_string().contains("100 TH/s x 50 J/TH = 5000 W"),
            "{err}"
        );
        let unknown = r#"{"model":"X","manufacturer":"Y","release":2024,"hashrate_ths":100,"power_w":100,"watts":1}"#;
        assert!(serde_json::from_str::<AsicMiner>(unknown).is_err());
    }

    #[test]
    fn catalog_entries_round_trip_through_json_and_toml() {
        for m in catalog::asic_miners() {
            let json = serde_json::to_string(m).unwrap();
            assert_eq!(&serde_json::from_str::<AsicMiner>(&json).unwrap(), m);
        }
        for a in catalog::accelerators() {
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(
                &serde_json::from_str::<Accelerator>(&json).unwrap(),
                a,
                "{json}"
            );
        }
        let file = SpecFile {
            asic_miners: catalog::asic_miners().iter().map(|m| m.to_spec()).collect(),
            accelerators: catalog::accelerators()
                .iter()
                .map(|a| a.to_spec())
                .collect(),
        };
        let text = toml::to_string(&file).unwrap();
        let back: SpecFile = toml::from_str(&text).unwrap();
        let (m, a) = back.validate();
        assert_eq!(m.items.as_slice(), catalog::asic_miners());
        assert_eq!(a.items.as_slice(), catalog::accelerators());
    }
}

#[cfg(feature = "serde")]
mod curves_and_modes_serde {
    use wattage_hardware::{AsicCurve, OperatingMode, PowerCapCurve};

    #[test]
    fn curves_deserialize_through_validation() {
        let c: AsicCurve = serde_json::from_str(r#"{"exponent": 2.0}"#).unwrap();
        assert_eq!(c.exponent(), 2.0);
        assert!(serde_json::from_str::<AsicCurve>(r#"{"exponent": 9.0}"#).is_err());
        assert!(serde_json::from_str::<PowerCapCurve>(r#"{"exponent": 0.0}"#).is_err());
        let json = serde_json::to_string(&PowerCapCurve::MEMORY_BOUND).unwrap();
        assert_eq!(json, r#"{"exponent":0.44}"#);
        let mode: OperatingMode = toml::from_str::<toml::Value>("m = { hashrate_fraction = 0.8 }")
            .unwrap()["m"]
            .clone()
            .try_into()
            .unwrap();
        assert_eq!(mode, OperatingMode::HashrateFraction(0.8));
    }
}

#[test]
fn user_accelerator_csv_keeps_sparsity_and_source() {
    let csv = "\
name,vendor,release_date,tensor_fp16_bf16,fp8,fp64,tdp_w,sparsity,source,note
Card A,Us,2025-03,2e15,4e15,1e13,800,sparse,bench sheet,liquid
Card B,Us,2025,1e15,,,400,,,
Card C,Us,2025,1e15,,,400,half,,
";
    let loaded = load::accelerators_from_csv(csv).unwrap();
    assert_eq!(loaded.items.len(), 2);
    let a = &loaded.items[0];
    assert_eq!(a.peak(Precision::Fp8).unwrap().sparsity(), Sparsity::Sparse);
    assert_eq!(a.peak(Precision::Fp64).unwrap().sparsity(), Sparsity::Dense);
    assert_eq!(
        a.peak_rate(Precision::Fp8, Sparsity::Dense)
            .unwrap()
            .get(unit::PETAFLOP_PER_SECOND),
        2.0
    );
    assert_eq!(a.note(), Some("liquid"));
    let b = &loaded.items[1];
    assert_eq!(b.throughput_source(), "user-supplied");
    assert_eq!(b.peak(Precision::Bf16).unwrap().sparsity(), Sparsity::Dense);
    assert_eq!(loaded.rejected[0].line, 4);
    assert!(loaded.rejected[0].error.to_string().contains("\"half\""));
    // The Epoch reader ignores a sparsity column: Epoch figures are dense.
    let epoch = load::accelerators_from_epoch_csv(csv).unwrap();
    assert_eq!(epoch.items.len(), 3);
    assert!(
        epoch
            .items
            .iter()
            .all(|x| x.peaks().iter().all(|p| p.sparsity() == Sparsity::Dense))
    );
    assert!(epoch.items[0].throughput_source().starts_with("Epoch AI"));
}
