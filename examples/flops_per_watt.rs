//! FLOPs per watt: AI accelerators from the built-in catalog, by precision,
//! from dense peaks over board power; what "with sparsity" does to the
//! numbers; and what one H200 really sustained against its nameplate.
//! Draws `flops_per_watt.svg`.
//!
//! Run with `cargo run -p wattage-examples --example flops_per_watt [chart-dir]`.

use plotters::chart::SeriesLabelPosition;
use wattage::hardware::efficiency_curve::PowerCapCurve;
use wattage::hardware::operating_mode::{MEASURED_H200_BF16_UTILIZATION, accelerator_at_cap};
use wattage::hardware::{Accelerator, Precision, Sparsity, catalog};
use wattage::units::{ComputeEfficiency, Power, Unit, unit};
use wattage_examples::{Chart, Series, XAxis, chart_dir};

/// Dense efficiency in `p` and `in_unit`, or a dash when the catalog has no
/// figure or no board power for it.
fn cell(a: &Accelerator, p: Precision, in_unit: Unit<ComputeEfficiency>) -> String {
    a.efficiency(p)
        .map_or_else(|_| "-".into(), |e| format!("{:.2}", e.get(in_unit)))
}

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. The table: dense peak / board power, by precision. FP64 is the
    //    scientific-computing precision; BF16 and FP8 are what AI trains and
    //    serves in. Same chip, an order of magnitude or more apart.
    let mut devices: Vec<&Accelerator> = catalog::accelerators().iter().collect();
    devices.sort_by(|a, b| {
        let year = |d: &Accelerator| d.release().map_or(f64::MAX, |r| r.as_fractional_year());
        year(a).total_cmp(&year(b))
    });
    println!("Dense peak per watt of board power (catalog; '-' = no figure or no TDP)\n");
    println!(
        "{:<26} {:>4} {:>6} {:>10} {:>10} {:>10}",
        "", "", "", "FP64", "BF16", "FP8"
    );
    println!(
        "{:<26} {:>4} {:>6} {:>10} {:>10} {:>10}",
        "accelerator", "year", "TDP W", "GFLOPS/W", "TFLOPS/W", "TFLOPS/W"
    );
    for a in &devices {
        println!(
            "{:<26} {:>4} {:>6} {:>10} {:>10} {:>10}",
            a.name(),
            a.release()
                .map_or_else(|| "?".into(), |r| r.year_number().to_string()),
            a.board_power()
                .map_or_else(|| "-".into(), |p| format!("{:.0}", p.get(unit::WATT))),
            cell(a, Precision::Fp64, unit::GIGAFLOPS_PER_WATT),
            cell(a, Precision::Bf16, unit::TERAFLOPS_PER_WATT),
            cell(a, Precision::Fp8, unit::TERAFLOPS_PER_WATT),
        );
    }

    // 2. Dense versus sparse. Datasheets quote tensor figures "with
    //    sparsity" (2:4 structured), exactly twice the dense figure. Compare
    //    chips on dense figures unless the workload really is 2:4 sparse.
    let h100 = catalog::accelerator("H100 SXM")?;
    let fp8 = h100.peak(Precision::Fp8)?;
    println!(
        "\n{} FP8: stated {:.0} ({}); dense {:.0}, sparse {:.0}; {:.2} dense, {:.2} sparse",
        h100.name(),
        fp8.rate().display_in(unit::TERAFLOP_PER_SECOND),
        fp8.sparsity(),
        h100.peak_rate(Precision::Fp8, Sparsity::Dense)?
            .display_in(unit::TERAFLOP_PER_SECOND),
        h100.peak_rate(Precision::Fp8, Sparsity::Sparse)?
            .display_in(unit::TERAFLOP_PER_SECOND),
        h100.efficiency(Precision::Fp8)?
            .display_in(unit::TERAFLOPS_PER_WATT),
        h100.efficiency_in(Precision::Fp8, Sparsity::Sparse)?
            .display_in(unit::TERAFLOPS_PER_WATT),
    );

    // 3. Nameplate versus sustained: one H200 SXM at its 700 W limit ran
    //    dense BF16 matrix products at about two thirds of its datasheet peak
    //    (measured 2026-11-25; board power averaged 691.6 W).
    let h200 = catalog::accelerator("H200 SXM")?;
    let nameplate = h200.efficiency(Precision::Bf16)?;
    let sustained = accelerator_at_cap(
        &h200,
        Precision::Bf16,
        1.0,
        MEASURED_H200_BF16_UTILIZATION,
        &PowerCapCurve::default(),
    )?;
    let measured_power = Power::new(691.6, unit::WATT)?;
    let measured: ComputeEfficiency = sustained.throughput / measured_power;
    println!(
        "\n{} BF16 nameplate: {:.0} at {:.0} = {:.2}",
        h200.name(),
        h200.peak_rate(Precision::Bf16, Sparsity::Dense)?
            .display_in(unit::TERAFLOP_PER_SECOND),
        h200.board_power()
            .ok_or("no board power")?
            .display_in(unit::WATT),
        nameplate.display_in(unit::TERAFLOPS_PER_WATT),
    );
    println!(
        "{} BF16 sustained: {:.0} at {:.1} = {:.2} ({:.1} % of peak throughput, {:.0} % of nameplate efficiency)",
        h200.name(),
        sustained.throughput.display_in(unit::TERAFLOP_PER_SECOND),
        measured_power.display_in(unit::WATT),
        measured.display_in(unit::TERAFLOPS_PER_WATT),
        MEASURED_H200_BF16_UTILIZATION * 100.0,
        measured / nameplate * 100.0,
    );

    // 4. The chart: BF16 dense TFLOPS/W by release date, one series per
    //    vendor, and the measured H200 point below its nameplate one.
    let mut vendors: Vec<Series> = Vec::new();
    for a in &devices {
        let (Some(date), Ok(e)) = (a.release(), a.efficiency(Precision::Bf16)) else {
            continue; // no date, no BF16 figure or no published power
        };
        let point = (date.as_fractional_year(), e.get(unit::TERAFLOPS_PER_WATT));
        match vendors.iter_mut().find(|s| s.label == a.vendor()) {
            Some(s) => s.points.push(point),
            None => vendors.push(Series {
                label: a.vendor().into(),
                points: vec![point],
            }),
        }
    }
    let h200_date = h200
        .release()
        .ok_or("no release date")?
        .as_fractional_year();
    vendors.push(Series {
        label: "H200 SXM, measured".into(),
        points: vec![(h200_date, measured.get(unit::TERAFLOPS_PER_WATT))],
    });
    let path = chart_dir()?.join("flops_per_watt.svg");
    let chart = Chart {
        legend: SeriesLabelPosition::UpperLeft,
        y_top: Some(3.5),
        ..Chart::new(
            "BF16 dense peak per watt of board power",
            "release date",
            "TFLOPS/W (higher is better)",
            XAxis::Years,
            "Source: wattage-hardware catalog (Epoch AI data, CC-BY 4.0; vendors' datasheets); H200 measured 2026-11-25 at its 700 W limit.",
        )
    };
    chart.draw(&path, 500, &[], &vendors)?;
    println!("\nchart: {}", path.display());

    // Derived data from the catalog carries Epoch AI's credit (CC-BY 4.0).
    println!("{}", catalog::EPOCH_ATTRIBUTION);
    Ok(())
}
