//! wattage-facility: price readers, configs and constructors.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage::facility::deployment::{Deployment, Window};
use wattage::facility::horizon::Horizon;
use wattage::facility::kernel::{PricePath, SiteKernel};
use wattage::facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage::facility::power::PowerContract;
use wattage::facility::power::{DemandCharge, FourCp, PowerSupply};
use wattage::facility::price_series::iso::ercot::{
    Hub, read_hub_lmp, read_settlement_point_prices,
};
use wattage::facility::price_series::{PriceSeries, Resolution};
use wattage::facility::pue::Pue;
use wattage::facility::retrofit::Conversion;
use wattage::facility::run::simulate_site;
use wattage::facility::site::{Hall, Site};
use wattage::facility::summary::{CapexPayment, Summary};
use wattage::facility::workload::{
    Colocation, GpuCloud, GpuCloudSpec, Hosting, SelfMining, SelfMiningSpec, Workload,
};
use wattage::facility::{Curtailment, HashpricePath};
use wattage::mining::payout::Pool;
use wattage::units::{
    BtcPrice, EnergyPrice, GpuHourPrice, Hashprice, Hashrate, LeaseRate, Power, Usd, unit,
};

use super::{json_text, nasty_f64};

const SPP_HEADER: &str = "DeliveryDate,DeliveryHour,DeliveryInterval,DSTFlag,SettlementPointName,SettlementPointType,SettlementPointPrice\n";

proptest! {
    #[test]
    fn price_readers_never_panic(body in "[0-9/,.:A-Z_\" \\-\n]{0,300}") {
        let text = format!("{SPP_HEADER}{body}");
        if let Ok(series) = read_settlement_point_prices(text.as_bytes(), "HB_NORTH", None) {
            prop_assert!(series.prices().iter().all(|p| p.to_f64().is_finite()));
        }
        let _ = read_hub_lmp(body.as_bytes(), Hub::North);
    }

    #[test]
    fn configs_never_panic(json in json_text()) {
        let _ = serde_json::from_str::<Site>(&json);
        let _ = serde_json::from_str::<Hall>(&json);
        let _ = serde_json::from_str::<Pue>(&json);
        let _ = serde_json::from_str::<PowerSupply>(&json);
        let _ = serde_json::from_str::<ColocationLease>(&json);
        let _ = serde_json::from_str::<PowerContract>(&json);
        let _ = serde_json::from_str::<DemandCharge>(&json);
        let _ = serde_json::from_str::<FourCp>(&json);
        let _ = serde_json::from_str::<PriceSeries>(&json);
        let _ = serde_json::from_str::<Horizon>(&json);
        let _ = serde_json::from_str::<Deployment>(&json);
        let _ = serde_json::from_str::<Window>(&json);
        let _ = serde_json::from_str::<Workload>(&json);
        let _ = serde_json::from_str::<SelfMining>(&json);
        let _ = serde_json::from_str::<Hosting>(&json);
        let _ = serde_json::from_str::<Colocation>(&json);
        let _ = serde_json::from_str::<GpuCloud>(&json);
        let _ = serde_json::from_str::<HashpricePath>(&json);
        let _ = serde_json::from_str::<Curtailment>(&json);
        let _ = serde_json::from_str::<Conversion>(&json);
        let _ = serde_json::from_str::<CapexPayment>(&json);
    }

    #[test]
    fn sites_and_halls_validate_extreme_values(mw in nasty_f64(), pue in nasty_f64()) {
        let _ = Pue::constant(pue);
        if let Ok(power) = Power::new(mw, unit::MEGAWATT) {
            if let Ok(mut site) = Site::new("s", power) {
                if let Ok(hall) = Hall::new("h", power, Pue::constant(1.2).unwrap()) {
                    // Never more facility load than the interconnect allows.
                    let _ = site.add_hall(hall);
                }
            }
        }
    }
}

/// Exact amounts that break naive code: the largest and smallest
/// `Decimal`, zero, negatives and the finest fraction.
fn nasty_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::NEGATIVE_ONE),
        Just(Decimal::new(1, 28)),
        any::<i64>().prop_map(Decimal::from),
        (any::<i64>(), 0_u32..=28).prop_map(|(m, scale)| Decimal::new(m, scale)),
    ]
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 31, 0, 0, 0).unwrap()
}

/// A one-hall site with whichever of the four workloads accept `f` and
/// `money` (hashrate, IT power, PUE; hashprice, BTC price, lease rate,
/// escalator, hosting rate, GPU-hour price, utilization, GPU capex).
fn extreme_deployment(f: [f64; 3], money: &[Decimal], counts: [u32; 3]) -> Deployment {
    let capacity = Power::new(900_000.0, unit::MEGAWATT).unwrap();
    let site_with = |pue| {
        Site::new("s", Power::new(1e6, unit::MEGAWATT).unwrap())
            .and_then(|site| site.with_hall(Hall::new("a", capacity, pue)?))
    };
    // A PUE so large that the hall's facility load overflows the
    // interconnect is an error; then the hall gets an ordinary one.
    let site = Pue::constant(f[2])
        .and_then(site_with)
        .unwrap_or_else(|_| site_with(Pue::constant(1.1).unwrap()).unwrap());
    let mut deployment = Deployment::new(site);
    let Ok(it) = Power::new(f[1], unit::MEGAWATT) else {
        return deployment;
    };
    let mut workloads = Vec::new();
    if let (Ok(rate), Ok(hashprice), Ok(btc)) = (
        Hashrate::new(f[0], unit::TERAHASH_PER_SECOND),
        Hashprice::new(money[0]),
        BtcPrice::new(money[1]),
    ) {
        let pool = Pool::fpps(Decimal::new(2, 2)).unwrap();
        let path = HashpricePath::Constant(hashprice);
        workloads.extend(
            SelfMining::new(SelfMiningSpec {
                hashrate: rate,
                it_power: it,
                pool,
                hashprice: path,
                btc_price: btc,
            })
            .map(Workload::SelfMining),
        );
    }
    if let Ok(rate) = LeaseRate::new(money[2]) {
        let from = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let lease = ColocationLease::new(LeaseSpec {
            critical_it: it,
            rate,
            escalator: money[3],
            term_months: counts[0],
            start: from,
            structure: LeaseStructure::Gross,
        });
        if let Ok(lease) = lease {
            workloads.extend(Colocation::new(lease, money[6]).map(Workload::Colocation));
        }
    }
    if let Ok(rate) = EnergyPrice::new(money[4]) {
        workloads.extend(Hosting::new(it, rate).map(Workload::Hosting));
    }
    if let Ok(price) = GpuHourPrice::new(money[5]) {
        let capex = Usd::new(money[7]);
        let cloud = GpuCloud::new(GpuCloudSpec {
            accelerator: "H100 SXM".into(),
            count: counts[1],
            power_per_device: it,
            price,
            utilization: money[6],
            capex_per_gpu: capex,
            life_years: counts[2],
        });
        workloads.extend(cloud.map(Workload::GpuCloud));
    }
    for (i, workload) in workloads.into_iter().enumerate() {
        // Over capacity is an error, not a panic; either way, go on.
        let _ = deployment.assign(format!("w{i}"), "a", workload);
    }
    deployment
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A site of extreme but accepted inputs, on an extreme energy price,
    /// simulates, summarizes and runs through the `f64` kernel to a value
    /// or a typed error: overflow is an error, never a panic.
    #[test]
    fn extreme_sites_simulate_to_a_value_or_an_error(
        f in proptest::array::uniform3(nasty_f64()),
        money in proptest::collection::vec(nasty_decimal(), 10),
        counts in proptest::array::uniform3(any::<u32>()),
        periods in 1_usize..49,
        hourly in any::<bool>(),
    ) {
        let deployment = extreme_deployment(f, &money, counts);
        let Ok(price) = EnergyPrice::new(money[8]) else { return Ok(()) };
        let resolution = if hourly { Resolution::Hourly } else { Resolution::FifteenMinutes };
        let series = PriceSeries::new(start(), resolution, vec![price; periods]).unwrap();
        let horizon = Horizon::new(start(), resolution, periods).unwrap();
        let fixed = PowerContract::new(PowerSupply::fixed(price));
        let contracts = [
            fixed.clone().with_sell_back(series.clone()).unwrap_or(fixed),
            PowerContract::new(PowerSupply::index(series, price)),
        ];
        for contract in &contracts {
            for policy in [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice(price)] {
                if let Ok(ledger) = simulate_site(&deployment, contract, horizon, policy) {
                    let _ = Summary::new(&ledger, &deployment, Usd::new(money[9]));
                }
                if let (Ok(kernel), Ok(path)) =
                    (SiteKernel::new(&deployment, contract, horizon), PricePath::new(contract, horizon))
                {
                    if let Ok(totals) = kernel.run(&path, policy).to_usd() {
                        prop_assert_eq!(
                            totals.gross_margin,
                            totals.revenue.checked_sub(totals.energy_cost)?.checked_add(totals.sell_back_credit)?
                        );
                    }
                }
            }
        }
    }
}
