//! The efficiency race: the best J/TH a miner could buy, year by year, from
//! the Antminer S9 (2016) to the S23 Hyd (2026), all from the built-in
//! catalog. Prints the frontier and the ten-year gain, and draws
//! `efficiency_race.svg`.
//!
//! Run with `cargo run -p wattage-examples --example efficiency_race [chart-dir]`.

use wattage::hardware::{Fleet, catalog, compare};
use wattage::units::unit;
use wattage_examples::{Chart, Series, XAxis, chart_dir};

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    let miners = catalog::asic_miners();
    let jth = |m: &wattage::hardware::AsicMiner| m.efficiency().get(unit::JOULE_PER_TERAHASH);

    // 1. The frontier: for every year, the most efficient miner released in
    //    or before it. A year with no better release keeps last year's best.
    let frontier = compare::best_efficiency_by_year(miners)?;
    let first = frontier.first().ok_or("empty catalog")?;
    println!(
        "Best J/TH available, by year ({} miners in the catalog)\n",
        miners.len()
    );
    println!(
        "{:>4}  {:<26} {:>7}  {:>9}  {:>12}",
        "year", "best available", "J/TH", "TH/J", "vs 2016 best"
    );
    for y in &frontier {
        let e = jth(y.miner);
        // J/TH is energy per unit of work (lower is better); TH/J is its
        // inverse, work per unit of energy (higher is better).
        let gain = compare::miner_gain(first.miner, y.miner)?;
        let mark = if y.new_this_year {
            ""
        } else {
            " (no better release)"
        };
        println!(
            "{:>4}  {:<26} {e:>7.1}  {:>9.4}  {:>11.1}x{mark}",
            y.year,
            y.miner.model(),
            1.0 / e,
            gain.ratio(),
        );
    }

    // 2. The headline: S9 to S23 Hyd. "Percent better" is extra work per
    //    joule; "less energy" is what the same work now costs.
    let (s9, s23) = (catalog::asic("S9")?, catalog::asic("S23 Hyd")?);
    let gain = compare::miner_gain(&s9, &s23)?;
    println!(
        "\n{} ({}, {:.1}) -> {} ({}, {:.1}): {:.1}x the hashes per joule, \
         {:.0} % better, {:.0} % less energy per hash",
        s9.model(),
        s9.release().year_number(),
        s9.efficiency().display_in(unit::JOULE_PER_TERAHASH),
        s23.model(),
        s23.release().year_number(),
        s23.efficiency().display_in(unit::JOULE_PER_TERAHASH),
        gain.ratio(),
        gain.percent_better(),
        gain.percent_less_energy(),
    );

    // 3. Real fleets mix generations. Their efficiency is total power over
    //    total hashrate, not the average of the J/TH column: the newer
    //    machines hash more, so they weigh more.
    let mut fleet = Fleet::new();
    fleet.add(s9.clone(), 1000)?.add(s23.clone(), 1000)?;
    let naive = f64::midpoint(jth(&s9), jth(&s23));
    println!(
        "1,000 S9 + 1,000 S23 Hyd: {:.2} (total power / total hashrate), not {naive:.2} J/TH (mean of the column)",
        fleet.efficiency()?.display_in(unit::JOULE_PER_TERAHASH),
    );

    // 4. The chart: every release as a dot at its release date, and the
    //    frontier as a step line, each year's best held across that year.
    let releases: Vec<(f64, f64)> = miners
        .iter()
        .map(|m| (m.release().as_fractional_year(), jth(m)))
        .collect();
    let line: Vec<(f64, f64)> = frontier
        .iter()
        .flat_map(|y| {
            let (start, e) = (f64::from(y.year), jth(y.miner));
            [(start, e), (start + 1.0, e)]
        })
        .collect();
    let path = chart_dir()?.join("efficiency_race.svg");
    let chart = Chart::new(
        "The efficiency race: best J/TH available, 2016-2026",
        "year",
        "J/TH (lower is better)",
        XAxis::Years,
        "Source: wattage-hardware catalog (manufacturers' specifications and release dates).",
    );
    chart.draw(
        &path,
        500,
        &[Series {
            label: "best released by that year".into(),
            points: line,
        }],
        &[Series {
            label: "each model at release".into(),
            points: releases,
        }],
    )?;
    println!("\nchart: {}", path.display());
    Ok(())
}
