//! The catalog's model list in its docs (`src/catalog/models.md`, included
//! in the `catalog` module docs) is generated from the catalog itself: this
//! test regenerates it and fails when the committed file differs. Run it
//! with `WATTAGE_BLESS=1` to write the new list.

use std::fmt::Write as _;
use std::path::Path;

use wattage_hardware::{Precision, Sparsity, catalog};

fn asic_table(out: &mut String) {
    out.push_str("## ASIC miners\n\n");
    out.push_str("| model | manufacturer | released | hashrate | power | efficiency | cooling |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for m in catalog::asic_miners() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.2} | {} |",
            m.model(),
            m.manufacturer(),
            m.release(),
            m.hashrate(),
            m.power(),
            m.efficiency(),
            m.cooling()
        )
        .unwrap();
    }
}

/// A dense peak and its efficiency, in the words of its precision, or "-".
fn peak(a: &wattage_hardware::Accelerator, precision: Precision) -> String {
    let (Ok(rate), Ok(efficiency)) = (
        a.peak_rate(precision, Sparsity::Dense),
        a.efficiency(precision),
    ) else {
        return "-".into();
    };
    format!(
        "{} ({:.2})",
        precision.display(rate),
        precision.display(efficiency)
    )
}

fn accelerator_table(out: &mut String) {
    out.push_str("\n## Accelerators\n\n");
    out.push_str("Dense peaks, with peak per watt of board power in brackets.\n\n");
    out.push_str("| name | vendor | released | board power | BF16/FP16 | FP8 | INT8 |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for a in catalog::accelerators() {
        let release = a.release().map_or("-".into(), |r| r.to_string());
        let power = a.board_power().map_or("-".into(), |p| p.to_string());
        writeln!(
            out,
            "| {} | {} | {release} | {power} | {} | {} | {} |",
            a.name(),
            a.vendor(),
            peak(a, Precision::Bf16),
            peak(a, Precision::Fp8),
            peak(a, Precision::Int8)
        )
        .unwrap();
    }
}

fn system_table(out: &mut String) {
    out.push_str("\n## Systems\n\n");
    out.push_str("| name | vendor | accelerator | devices | max power | cooling |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for s in catalog::systems() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            s.name(),
            s.vendor(),
            s.accelerator(),
            s.devices(),
            s.max_power(),
            s.cooling()
        )
        .unwrap();
    }
}

fn generated() -> String {
    let mut out = String::from(
        "# Every model\n\n\
         Generated from the catalog by the test `catalog_doc` of \
         `wattage-hardware`; each entry's source is on the entry \
         (`source()`, `throughput_source()`).\n\n",
    );
    asic_table(&mut out);
    accelerator_table(&mut out);
    system_table(&mut out);
    out
}

#[test]
fn the_model_list_in_the_docs_is_the_catalog() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/catalog/models.md");
    let fresh = generated();
    if std::env::var_os("WATTAGE_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `WATTAGE_BLESS=1 cargo test -p wattage-hardware --test integration catalog_doc`",
        path.display()
    );
    for m in catalog::asic_miners() {
        assert!(committed.contains(&format!("| {} |", m.model())));
    }
}
