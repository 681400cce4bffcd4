//! The ERCOT files of `shared/data/ercot`. They live outside the repository
//! (`../shared` from its root) and are megabytes each, so they are not
//! vendored: these tests are ignored by default and fail when run without
//! the files. CI runs them with `cargo test -- --ignored`.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use wattage_facility::FacilityError;
use wattage_facility::price_series::Resolution;
use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp, read_settlement_point_prices};
use wattage_units::EnergyPrice;

/// The file in the shared data folder; panics when it cannot be opened.
pub(crate) fn data_file(name: &str) -> BufReader<File> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "..",
        "shared",
        "data",
        "ercot",
        name,
    ]
    .iter()
    .collect();
    match File::open(&path) {
        Ok(file) => BufReader::new(file),
        Err(error) => panic!(
            "{} is needed by this test (run it where ../shared/data exists): {error}",
            path.display()
        ),
    }
}

#[test]
#[ignore = "needs shared/data"]
fn uri_february_2021_hits_the_cap_at_hb_north() {
    let file = data_file("RTM-2021-02.csv");
    let north = read_settlement_point_prices(file, "HB_NORTH", None).unwrap();
    assert_eq!(north.resolution(), Resolution::FifteenMinutes);
    assert_eq!(north.len(), 28 * 96);
    // 02/01 HE1 interval 1 starts at midnight CST = 06:00 UTC; 02/28 HE24 ends at 03/01 06:00 UTC.
    assert_eq!(
        north.start(),
        Utc.with_ymd_and_hms(2021, 2, 1, 6, 0, 0).unwrap()
    );
    assert_eq!(
        north.end(),
        Utc.with_ymd_and_hms(2021, 3, 1, 6, 0, 0).unwrap()
    );
    let cap: EnergyPrice = "$9000/MWh".parse().unwrap();
    let at_cap = north.count_at_or_above(cap);
    assert!(at_cap > 100, "only {at_cap} intervals at the $9,000 cap");
    assert!(north.max() >= cap);
    // Intervals at or above the cap all fall in the Uri week (Feb 13-19, Central time).
    let uri_start = Utc.with_ymd_and_hms(2021, 2, 13, 6, 0, 0).unwrap();
    let uri_end = Utc.with_ymd_and_hms(2021, 2, 20, 6, 0, 0).unwrap();
    assert!(
        north
            .iter()
            .filter(|p| p.price >= cap)
            .all(|p| p.start >= uri_start && p.start < uri_end)
    );
    let hourly = north.to_hourly().unwrap();
    assert_eq!(hourly.len(), 28 * 24);
    assert_eq!(hourly.mean().unwrap(), north.mean().unwrap());
}

#[test]
#[ignore = "needs shared/data"]
fn uri_hb_west_daily_checks_match_the_provenance_table() {
    let file = data_file("RTM-2021-02.csv");
    let west = read_settlement_point_prices(file, "HB_WEST", None).unwrap();
    let cap: EnergyPrice = "$9000/MWh".parse().unwrap();
    // PROVENANCE-RTM-2021-02.md: intervals >= $9,000 on 02/15..02/18 (local days).
    for (day, expected) in [(15, 15), (16, 57), (17, 84), (18, 58), (19, 0)] {
        let from = Utc.with_ymd_and_hms(2021, 2, day, 6, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2021, 2, day + 1, 6, 0, 0).unwrap();
        let count = west
            .iter()
            .filter(|p| p.start >= from && p.start < to && p.price >= cap)
            .count();
        assert_eq!(count, expected, "02/{day}");
    }
    assert_eq!(west.max(), "$9310.49/MWh".parse().unwrap());
}

#[test]
#[ignore = "needs shared/data"]
fn hub_lmp_2021_q1_stops_at_the_first_gap() {
    let file = data_file("ercot_lmp_rt_15min_hubs_2021Q1.csv");
    // PROVENANCE-rt-15min-hub-lmp.md lists 57 missing intervals; the first is on 01-16.
    let err = read_hub_lmp(file, Hub::North).unwrap_err();
    assert_eq!(
        err,
        FacilityError::Gap {
            line: 1498,
            expected: Utc.with_ymd_and_hms(2021, 1, 16, 20, 0, 0).unwrap(),
            found: Utc.with_ymd_and_hms(2021, 1, 16, 20, 15, 0).unwrap(),
        }
    );
}

#[test]
#[ignore = "needs shared/data"]
fn hub_lmp_2024_q4_reads_across_the_fall_back_day() {
    let file = data_file("ercot_lmp_rt_15min_hubs_2024Q4.csv");
    let west = read_hub_lmp(file, Hub::West).unwrap();
    // Oct 1 00:00 CDT to Jan 1 00:00 CST: 92 days plus the repeated hour.
    assert_eq!(west.len(), 92 * 96 + 4);
    assert_eq!(
        west.start(),
        Utc.with_ymd_and_hms(2024, 10, 1, 5, 0, 0).unwrap()
    );
    assert_eq!(
        west.end(),
        Utc.with_ymd_and_hms(2025, 1, 1, 6, 0, 0).unwrap()
    );
}

#[test]
#[ignore = "needs shared/data"]
fn west_2023_year_of_hours_and_a_curtailing_miner() {
    use rust_decimal::Decimal;
    use wattage_facility::power::PowerSupply;
    use wattage_facility::pue::Pue;
    use wattage_facility::{Curtailment, HashpricePath};

    use crate::single_fleet::{mining, run_one};

    let mut year: Option<wattage_facility::price_series::PriceSeries> = None;
    for quarter in 1..=4 {
        let file = data_file(&format!("ercot_lmp_rt_15min_hubs_2023Q{quarter}.csv"));
        let series = read_hub_lmp(file, Hub::West).unwrap();
        match year.as_mut() {
            None => year = Some(series),
            Some(so_far) => so_far.append(&series).unwrap(),
        }
    }
    let year = year.unwrap();
    assert_eq!(year.len(), 365 * 96);
    // PROVENANCE-rt-15min-hub-lmp.md: 2023 West mean $49.45, max $5,333.97.
    assert_eq!(
        year.mean().unwrap().value().round_dp(2),
        Decimal::new(4945, 2)
    );
    assert_eq!(year.max(), "$5333.97/MWh".parse().unwrap());
    let hourly = year.to_hourly().unwrap();
    assert_eq!(hourly.len(), 8760);

    // 1 EH/s at 16 J/TH, $50/PH/day, PUE 1.05: breakeven about $124/MWh.
    let supply = PowerSupply::index(hourly.clone(), "$0/MWh".parse().unwrap());
    let pue = Pue::constant(1.05).unwrap();
    let fleet = mining(
        "1 EH/s",
        "16 MW",
        HashpricePath::Constant("$50/PH/day".parse().unwrap()),
    );
    let run = |policy| {
        run_one(
            hourly.start(),
            Resolution::Hourly,
            8760,
            &supply,
            &pue,
            &fleet,
            policy,
        )
        .unwrap()
    };
    let always = run(Curtailment::AlwaysOn);
    let flexible = run(Curtailment::AboveBreakeven);
    let curtailed = flexible.workload_totals(0).unwrap().curtailed_periods;
    let margin = |l: &wattage_facility::SiteLedger| l.totals().money.gross_margin().unwrap();
    println!(
        "2023 West: {curtailed} hours curtailed; margin {:.0} always-on, {:.0} curtailing",
        margin(&always),
        margin(&flexible)
    );
    // A few percent of hours price above breakeven in ERCOT West.
    assert!(
        (50..900).contains(&curtailed),
        "{curtailed} hours curtailed"
    );
    assert!(margin(&flexible) > margin(&always));
    // Always-on energy cost equals the energy-weighted hourly prices: 16.8 MWh × Σ prices.
    let sum_of_hourly: Decimal = hourly.prices().iter().map(|p| p.value()).sum();
    assert_eq!(
        always.totals().money.energy_cost.dollars(),
        sum_of_hourly * Decimal::new(168, 1)
    );
}

#[test]
#[ignore = "needs shared/data"]
fn the_2021_hub_files_load_with_a_gap_policy_and_report_each_filled_interval() {
    use wattage_facility::price_series::GapPolicy;
    use wattage_facility::price_series::iso::ercot::read_hub_lmp_with;

    let mut filled = 0;
    for quarter in 1..=4 {
        let file = data_file(&format!("ercot_lmp_rt_15min_hubs_2021Q{quarter}.csv"));
        let (series, report) = read_hub_lmp_with(file, Hub::West, GapPolicy::FillForward).unwrap();
        for f in &report.filled {
            assert!(series.price_at(f.start).is_ok());
        }
        filled += report.len();
    }
    // The provenance file lists 57 missing intervals in 2021.
    assert_eq!(filled, 57);
}

mod ancillary {
    use super::data_file;
    use wattage_facility::power::ReserveService;
    use wattage_facility::price_series::iso::ercot_ancillary::read_ancillary_prices;

    /// Simple hourly mean of a year's series, $/MW-h.
    fn mean(file: &str, service: ReserveService) -> (usize, String) {
        let series = read_ancillary_prices(data_file(file), service).unwrap();
        (
            series.len(),
            series.mean().unwrap().value().round_dp(2).to_string(),
        )
    }

    #[test]
    #[ignore = "needs shared/data"]
    fn every_service_of_2022_to_2024_reads_with_the_means_of_the_provenance_note() {
        // PROVENANCE-DAMASMCPC.md, "Summary statistics (simple hourly means)".
        use ReserveService::*;
        assert_eq!(
            mean("DAMASMCPC_2022.csv", Responsive),
            (8760, "20.31".into())
        );
        assert_eq!(
            mean("DAMASMCPC_2022.csv", RegulationUp),
            (8760, "21.67".into())
        );
        assert_eq!(
            mean("DAMASMCPC_2023.csv", NonSpinning),
            (8760, "19.05".into())
        );
        // ECRS from 06/10/2023 HE01: 8,760 − 3,839 hours.
        assert_eq!(
            mean("DAMASMCPC_2023.csv", Contingency),
            (4921, "58.15".into())
        );
        assert_eq!(
            mean("DAMASMCPC_2024.csv", Contingency),
            (8784, "8.23".into())
        );
        assert_eq!(
            mean("DAMASMCPC_2024.csv", RegulationDown),
            (8784, "3.44".into())
        );
    }

    #[test]
    #[ignore = "needs shared/data"]
    fn winter_storm_elliott_is_the_2022_rrs_maximum() {
        // PROVENANCE-DAMASMCPC.md: RRS 2,976.97 on 12/24/2022 HE07.
        let rrs =
            read_ancillary_prices(data_file("DAMASMCPC_2022.csv"), ReserveService::Responsive)
                .unwrap();
        assert_eq!(rrs.max().to_string(), "$2,976.97/MWh");
    }
}
