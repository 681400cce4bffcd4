#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::cloud_ramp::CloudRampSpec;
use crate::workload::Workload;
use crate::{
    Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, PricePath, Pue, Resolution,
    Site, SiteKernel, simulate_site,
};

fn cloud() -> GpuCloud {
    GpuCloud::new(GpuCloudSpec {
        accelerator: "NVIDIA H200 SXM".into(),
        count: 100,
        power_per_device: "1.25 kW".parse().unwrap(),
        price: "$2/GPU-h".parse().unwrap(),
        utilization: Decimal::new(8, 1),
        capex_per_gpu: "$30,000".parse().unwrap(),
        life_years: 5,
    })
    .unwrap()
}

fn ramp(decline: Decimal) -> CloudRamp {
    CloudRamp::new(CloudRampSpec {
        commissioned: NaiveDate::from_ymd_opt(2026, 2, 15).unwrap(),
        initial_utilization: Decimal::new(2, 1),
        ramp_months: 3,
        annual_price_decline: decline,
        price_floor: "$1/GPU-h".parse().unwrap(),
    })
    .unwrap()
}

/// A cloud commissioned on 2026-02-15, ramping from 20 % to 80 % over
/// three months, runs in the exact ledger and the kernel: both book the
/// revenue and energy worked by hand, from commissioning only.
#[test]
fn a_ramped_cloud_runs_in_both_evaluators_from_commissioning() {
    let site = Site::new("S", "1 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "0.2 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    let cloud = cloud().with_ramp(ramp(Decimal::ZERO)).unwrap();
    plan.assign("cloud", "A", Workload::GpuCloud(cloud))
        .unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let horizon = Horizon::calendar_years(start, Resolution::Hourly, 1).unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$50/MWh".parse().unwrap()));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let totals = ledger.workload_totals(0).unwrap();
    // 100 GPUs × $2 × utilization, 24 h a day: 28 days at 20 % (to Mar 14),
    // 31 at 40 %, 30 at 60 %, then 231 at 80 % to the year's end.
    let days_at = [(28, 2), (31, 4), (30, 6), (231, 8)];
    let revenue: i64 = days_at.iter().map(|&(d, u)| d * 24 * 200 * u / 10).sum();
    assert_eq!(totals.money.revenue.dollars(), Decimal::from(revenue));
    // 125 kW × 1.2 for 320 days at $50/MWh.
    assert_eq!(
        totals.money.energy_cost.dollars(),
        Decimal::from(320 * 24 * 150 * 50) / Decimal::from(1000)
    );
    let fast = SiteKernel::new(&plan, &contract, horizon)
        .unwrap()
        .run(
            &PricePath::new(&contract, horizon).unwrap(),
            Curtailment::AboveBreakeven,
        )
        .to_usd()
        .unwrap();
    assert_eq!(
        fast.revenue.round_to_cents(),
        ledger.totals().money.revenue.round_to_cents()
    );
    assert_eq!(
        fast.energy_cost.round_to_cents(),
        ledger.totals().money.energy_cost.round_to_cents()
    );
}

#[test]
fn a_ramp_must_fit_the_cloud() {
    let mut spec = *ramp(Decimal::ZERO).spec();
    spec.initial_utilization = Decimal::new(9, 1);
    assert!(matches!(
        cloud().with_ramp(CloudRamp::new(spec).unwrap()),
        Err(FacilityError::InvalidShare { .. })
    ));
    let mut spec = *ramp(Decimal::ZERO).spec();
    spec.price_floor = "$2.50/GPU-h".parse().unwrap();
    let err = cloud()
        .with_ramp(CloudRamp::new(spec).unwrap())
        .unwrap_err();
    assert!(
        matches!(
            err,
            FacilityError::InvalidTerm {
                what: "GPU-hour price floor",
                ..
            }
        ),
        "{err:?}"
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_ramped_cloud_reads_back_what_it_wrote() {
    let cloud = cloud().with_ramp(ramp(Decimal::new(2, 1))).unwrap();
    let json = serde_json::to_string(&cloud).unwrap();
    assert_eq!(serde_json::from_str::<GpuCloud>(&json).unwrap(), cloud);
    let plain = serde_json::to_string(&self::cloud()).unwrap();
    assert!(!plain.contains("ramp"), "{plain}");
}

fn step(from_month: u32, price: &str) -> GpuPriceStep {
    GpuPriceStep {
        from_month,
        price: price.parse().unwrap(),
    }
}

/// On a price path, both evaluators book each month at its step's price:
/// a cloud commissioned 2026-02-15 at 80 % from the start ($2 for its
/// first month, $1.50 from its second on) over February and March 2026.
#[test]
fn a_priced_path_runs_in_both_evaluators() {
    let site = Site::new("S", "1 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "0.2 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap())
        .unwrap();
    let mut spec = *ramp(Decimal::ZERO).spec();
    spec.initial_utilization = Decimal::new(8, 1);
    spec.ramp_months = 0;
    let cloud = cloud()
        .with_ramp(CloudRamp::new(spec).unwrap())
        .unwrap()
        .with_price_path(alloc::vec![step(1, "$1.50/GPU-h")])
        .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign("cloud", "A", Workload::GpuCloud(cloud))
        .unwrap();
    let start = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    let horizon = Horizon::new(start, Resolution::Hourly, 24 * (28 + 31)).unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$50/MWh".parse().unwrap()));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    // 80 GPUs rented: 28 days (Feb 15 to Mar 14) at $2, 17 days at $1.50.
    let revenue = 28 * 24 * 80 * 2 + 17 * 24 * 80 * 3 / 2;
    let totals = ledger.workload_totals(0).unwrap();
    assert_eq!(totals.money.revenue.dollars(), Decimal::from(revenue));
    let fast = SiteKernel::new(&plan, &contract, horizon)
        .unwrap()
        .run(
            &PricePath::new(&contract, horizon).unwrap(),
            Curtailment::AboveBreakeven,
        )
        .to_usd()
        .unwrap();
    assert_eq!(
        fast.revenue.round_to_cents(),
        Usd::new(Decimal::from(revenue))
    );
}

#[test]
fn a_price_path_needs_a_ramp_and_months_in_order() {
    let path = alloc::vec![step(12, "$1.50/GPU-h")];
    assert!(matches!(
        cloud().with_price_path(path.clone()),
        Err(FacilityError::InvalidTerm { .. })
    ));
    let ramped = cloud().with_ramp(ramp(Decimal::ZERO)).unwrap();
    let backwards = alloc::vec![step(12, "$1.50/GPU-h"), step(12, "$1/GPU-h")];
    assert!(matches!(
        ramped.clone().with_price_path(backwards),
        Err(FacilityError::InvalidTerm { .. })
    ));
    let too_far = alloc::vec![step(1201, "$1/GPU-h")];
    assert!(ramped.clone().with_price_path(too_far).is_err());
    let cloud = ramped.with_price_path(path).unwrap();
    assert_eq!(
        cloud.revenue_per_hour_in_month(11).unwrap(),
        Usd::new(Decimal::from(160))
    );
    assert_eq!(
        cloud.revenue_per_hour_in_month(12).unwrap(),
        Usd::new(Decimal::from(120))
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_price_path_reads_back_and_a_bad_one_is_refused() {
    let cloud = cloud()
        .with_ramp(ramp(Decimal::ZERO))
        .unwrap()
        .with_price_path(alloc::vec![step(6, "$1.75/GPU-h"), step(18, "$1.25/GPU-h")])
        .unwrap();
    let json = serde_json::to_string(&cloud).unwrap();
    assert!(json.contains("price_path"), "{json}");
    assert_eq!(serde_json::from_str::<GpuCloud>(&json).unwrap(), cloud);
    let swapped = json.replace("\"from_month\":18", "\"from_month\":3");
    assert!(serde_json::from_str::<GpuCloud>(&swapped).is_err());
}
