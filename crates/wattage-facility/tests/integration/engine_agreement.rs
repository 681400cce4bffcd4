//! The two evaluators of one schedule agree: for random deployments,
//! contracts and horizons, the `f64` kernel's totals equal the exact
//! ledger's to the cent; and totals by month or year, streamed, add up to
//! the ledger's (to the last of `Decimal`'s 28 digits).

use crate::fixtures::within_a_cent;
use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::cloud_ramp::{CloudRamp, CloudRampSpec};
use wattage_facility::lease::{LeaseSpec, LeaseStructure};
use wattage_facility::ledger::SiteTotals;
use wattage_facility::power::{
    DemandCharge, FinancialBlock, ReserveCalls, ReserveOffer, ReserveOfferSpec, ReserveService,
};
use wattage_facility::sla::SlaCredit;
use wattage_facility::totals_by::{Grouping, TotalsBy, simulate_by};
use wattage_facility::workload::{Colocation, GpuCloudSpec, Hosting, SelfMiningSpec};
use wattage_facility::{
    AssignmentSpec, ColocationLease, Curtailment, Deployment, GpuCloud, Hall, HashpricePath,
    Horizon, PowerContract, PowerSupply, PricePath, PriceSeries, Pue, Resolution, SelfMining, Site,
    SiteKernel, Window, Workload, simulate_site,
};
use wattage_mining::payout::Pool;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, GpuHourPrice, Hashprice, Power, Usd, unit};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 30, 0, 0, 0).unwrap()
}

/// A workload drawn from its kind and a few numbers.
#[derive(Debug, Clone)]
struct Load {
    kind: u8,
    mw: u32,
    money: f64,
    daily: Vec<f64>,
    from_hours: Option<i64>,
    hours: Option<i64>,
}

fn loads() -> impl Strategy<Value = Vec<Load>> {
    let load = (
        0u8..4,
        1u32..20,
        10.0f64..90.0,
        prop::collection::vec(20.0f64..80.0, 64),
        prop::option::of(0i64..300),
        prop::option::of(1i64..500),
    )
        .prop_map(|(kind, mw, money, daily, from_hours, hours)| Load {
            kind,
            mw,
            money,
            daily,
            from_hours,
            hours,
        });
    prop::collection::vec(load, 1..4)
}

fn dec(v: f64) -> Decimal {
    to_decimal("test value", v).unwrap()
}

fn workload(load: &Load) -> Workload {
    let it = Power::new(f64::from(load.mw), unit::MEGAWATT).unwrap();
    match load.kind {
        0 => Workload::SelfMining(
            SelfMining::new(SelfMiningSpec {
                // About 16 J/TH.
                hashrate: format!("{} PH/s", load.mw * 62).parse().unwrap(),
                it_power: it,
                pool: Pool::fpps("2%".parse().unwrap()).unwrap(),
                hashprice: HashpricePath::Daily(
                    load.daily
                        .iter()
                        .map(|&d| Hashprice::new(dec(d)).unwrap())
                        .collect(),
                ),
                btc_price: "$95,000/BTC".parse().unwrap(),
                // Availability varied with the size: 90-99% up, losing 0-15% a year.
                uptime: Decimal::new(90 + i64::from(load.mw % 10), 2),
                degradation_per_year: Decimal::new(5 * i64::from(load.mw % 4), 2),
            })
            .unwrap(),
        ),
        1 => {
            Workload::Hosting(Hosting::new(it, EnergyPrice::new(dec(load.money)).unwrap()).unwrap())
        }
        2 => {
            let lease = ColocationLease::new(LeaseSpec {
                critical_it: it,
                rate: format!("${:.2}/kW/month", load.money + 60.0)
                    .parse()
                    .unwrap(),
                escalator: Decimal::new(3, 2),
                term_months: 24,
                start: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
                structure: if load.mw % 2 == 0 {
                    LeaseStructure::TripleNet
                } else {
                    LeaseStructure::Gross
                },
            })
            .unwrap()
            .with_free_rent(load.mw % 3)
            .unwrap();
            let tenant = Colocation::new(lease, Decimal::ONE).unwrap();
            // Every other tenant with SLA credits for a few hours down a month.
            let tenant = if load.mw % 4 < 2 {
                let sla = SlaCredit::new(
                    Decimal::new(9999, 4),
                    Decimal::new(5, 2),
                    Decimal::new(25, 2),
                )
                .unwrap();
                tenant
                    .with_downtime(sla, Decimal::from(load.mw % 5))
                    .unwrap()
            } else {
                tenant
            };
            Workload::Colocation(tenant)
        }
        _ => Workload::GpuCloud(
            GpuCloud::new(GpuCloudSpec {
                accelerator: "H100 SXM".into(),
                count: load.mw * 700,
                power_per_device: "1.275 kW".parse().unwrap(),
                price: format!("${:.2}/GPU-h", load.money / 20.0).parse().unwrap(),
                utilization: Decimal::new(7, 1),
                capex_per_gpu: "$30,000".parse().unwrap(),
                life_years: 5,
            })
            .map(|cloud| {
                // Odd clouds commissioned in the horizon, ramping and cheapening.
                if load.mw % 2 == 0 {
                    return cloud;
                }
                let ramp = CloudRamp::new(CloudRampSpec {
                    commissioned: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
                    initial_utilization: Decimal::new(2, 1),
                    ramp_months: load.mw % 7,
                    annual_price_decline: Decimal::new(3, 1),
                    price_floor: GpuHourPrice::new(Decimal::ZERO).unwrap(),
                })
                .unwrap();
                cloud.with_ramp(ramp).unwrap()
            })
            .unwrap(),
        ),
    }
}

fn deployment(loads: &[Load]) -> Deployment {
    let mut site = Site::new("S", "1000 MW".parse().unwrap()).unwrap();
    for i in 0..loads.len() {
        let pue = Pue::constant(1.05 + 0.1 * i as f64).unwrap();
        site = site
            .with_hall(Hall::new(format!("h{i}"), "40 MW".parse().unwrap(), pue).unwrap())
            .unwrap();
    }
    let mut plan = Deployment::new(site);
    for (i, load) in loads.iter().enumerate() {
        let from = load.from_hours.map(|h| start() + TimeDelta::hours(h));
        let until = load
            .hours
            .map(|h| from.unwrap_or(start()) + TimeDelta::hours(h));
        plan.add(
            AssignmentSpec::new(format!("w{i}"), format!("h{i}"), workload(load))
                .during(Window { from, until }),
        )
        .unwrap();
    }
    plan
}

fn series(resolution: Resolution, prices: &[f64]) -> PriceSeries {
    let exact = prices
        .iter()
        .map(|&p| EnergyPrice::new(dec(p)).unwrap())
        .collect();
    PriceSeries::new(start(), resolution, exact).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_kernel_and_the_ledger_agree_to_the_cent_on_any_deployment(
        loads in loads(),
        quarter_hours in any::<bool>(),
        prices in prop::collection::vec(-30.0f64..400.0, 24..700),
        adder in 0.0f64..5.0,
        sell_back in any::<bool>(),
        fixed in 20.0f64..60.0,
        policy in 0u8..3,
        strike in 20.0f64..300.0,
        reserve in prop::option::of((prop::collection::vec(0.0f64..150.0, 700), 1i64..=100, 0i64..=100)),
        blocks in prop::collection::vec((1u32..40, 10.0f64..90.0), 0..3),
    ) {
        let resolution = if quarter_hours { Resolution::FifteenMinutes } else { Resolution::Hourly };
        let market = series(resolution, &prices);
        let mut contract = if sell_back {
            PowerContract::new(PowerSupply::fixed(EnergyPrice::new(dec(fixed)).unwrap()))
                .with_sell_back(market)
                .unwrap()
        } else {
            // Financial blocks settle on an index: only an index supply has them.
            blocks.iter().fold(
                PowerContract::new(PowerSupply::index(market, EnergyPrice::new(dec(adder)).unwrap())),
                |c, &(mw, fixed)| {
                    let block = FinancialBlock::new(
                        Power::new(f64::from(mw), unit::MEGAWATT).unwrap(),
                        EnergyPrice::new(dec(fixed)).unwrap(),
                    ).unwrap();
                    c.with_block(block).unwrap()
                },
            )
        };
        if let Some((rrs, share, called)) = reserve {
            contract = contract.with_reserves(ReserveOffer::new(ReserveOfferSpec {
                service: ReserveService::Contingency,
                prices: series(resolution, &rrs[..prices.len()]),
                share: Decimal::new(share, 2),
                calls: ReserveCalls::Expected(Decimal::new(called, 2)),
                controllable: false,
            }).unwrap());
        }
        let policy = match policy {
            0 => Curtailment::AlwaysOn,
            1 => Curtailment::AboveBreakeven,
            _ => Curtailment::AbovePrice(EnergyPrice::new(dec(strike)).unwrap()),
        };
        let horizon = Horizon::new(start(), resolution, prices.len()).unwrap();
        let plan = deployment(&loads);
        let exact = simulate_site(&plan, &contract, horizon, policy).unwrap();
        let kernel = SiteKernel::new(&plan, &contract, horizon).unwrap();
        let fast = kernel.run(&PricePath::new(&contract, horizon).unwrap(), policy);
        let t = exact.totals();
        let f = fast.to_usd().unwrap();
        // Every money line of the site, and of each workload, to the cent.
        for ((line, k), (_, e)) in f.lines().into_iter().zip(t.money.lines()) {
            prop_assert!(within_a_cent(k, e), "site {}: {} against {}", line.name, k, e);
        }
        prop_assert!(within_a_cent(f.gross_margin().unwrap(), t.money.gross_margin().unwrap()));
        for (w, k) in fast.workloads.iter().enumerate() {
            let e = exact.workload_totals(w).unwrap();
            prop_assert_eq!(k.curtailed_periods, e.curtailed_periods, "workload {}", w);
            let exact_lines = e.money.lines();
            for ((line, k), (_, e)) in k.money.to_usd().unwrap().lines().into_iter().zip(exact_lines) {
                prop_assert!(within_a_cent(k, e), "workload {} {}: {} against {}", w, line.name, k, e);
            }
        }
    }
}

fn sum_groups(groups: &TotalsBy) -> (SiteTotals, Vec<(usize, i64)>) {
    let mut site = SiteTotals::default();
    let mut loads = vec![(0usize, 0i64); groups.names.len()];
    for g in &groups.groups {
        let s = &g.site;
        site.energy += s.energy;
        site.money.energy_cost = site
            .money
            .energy_cost
            .checked_add(s.money.energy_cost)
            .unwrap();
        site.money.revenue = site.money.revenue.checked_add(s.money.revenue).unwrap();
        site.money.sell_back_credit = site
            .money
            .sell_back_credit
            .checked_add(s.money.sell_back_credit)
            .unwrap();
        site.money.demand_response = site
            .money
            .demand_response
            .checked_add(s.money.demand_response)
            .unwrap();
        site.money.reserve_payment = site
            .money
            .reserve_payment
            .checked_add(s.money.reserve_payment)
            .unwrap();
        site.money.demand_charge = site
            .money
            .demand_charge
            .checked_add(s.money.demand_charge)
            .unwrap();
        site.money.transmission_charge = site
            .money
            .transmission_charge
            .checked_add(s.money.transmission_charge)
            .unwrap();
        site.money.block_settlement = site
            .money
            .block_settlement
            .checked_add(s.money.block_settlement)
            .unwrap();
        site.money.charges_passed_through = site
            .money
            .charges_passed_through
            .checked_add(s.money.charges_passed_through)
            .unwrap();
        for (slot, w) in loads.iter_mut().zip(&g.workloads) {
            slot.0 += w.curtailed_periods;
            slot.1 += w.btc_mined.to_sat();
        }
    }
    (site, loads)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn totals_by_month_and_year_add_up_to_the_ledgers(
        loads in loads(),
        quarter_hours in any::<bool>(),
        prices in prop::collection::vec(-30.0f64..400.0, 24..1500),
        demand_charge in any::<bool>(),
        policy in 0u8..2,
        reserve in any::<bool>(),
    ) {
        let resolution = if quarter_hours { Resolution::FifteenMinutes } else { Resolution::Hourly };
        let mut contract = PowerContract::new(PowerSupply::index(series(resolution, &prices), "$1.5/MWh".parse().unwrap()));
        if reserve {
            let rrs: Vec<f64> = prices.iter().map(|p| (p / 3.0).abs()).collect();
            contract = contract.with_reserves(ReserveOffer::new(ReserveOfferSpec {
                service: ReserveService::Responsive,
                prices: series(resolution, &rrs),
                share: Decimal::new(4, 1),
                calls: ReserveCalls::Expected(Decimal::new(3, 2)),
                controllable: false,
            }).unwrap());
        }
        if demand_charge {
            contract = contract.with_demand_charge(DemandCharge::per_kw_month("$8.5".parse().unwrap()).unwrap());
        }
        let policy = if policy == 0 { Curtailment::AlwaysOn } else { Curtailment::AboveBreakeven };
        let horizon = Horizon::new(start(), resolution, prices.len()).unwrap();
        let plan = deployment(&loads);
        let ledger = simulate_site(&plan, &contract, horizon, policy).unwrap();
        for grouping in [Grouping::Whole, Grouping::Month, Grouping::Year] {
            let by = simulate_by(&plan, &contract, horizon, policy, grouping).unwrap();
            let periods: usize = by.groups.iter().map(|g| g.periods).sum();
            prop_assert_eq!(periods, horizon.periods());
            let (site, loads) = sum_groups(&by);
            let t = ledger.totals();
            // Equal to 12 decimal places: products of 28 significant
            // digits round in their last place, once per group.
            let close = |a: Usd, b: Usd| (a.dollars() - b.dollars()).abs() < Decimal::new(1, 12);
            prop_assert!(crate::same_mwh(crate::mwh(site.energy), crate::mwh(t.energy)));
            prop_assert!(close(site.money.energy_cost, t.money.energy_cost), "{} {}", site.money.energy_cost, t.money.energy_cost);
            prop_assert!(close(site.money.revenue, t.money.revenue), "{} {}", site.money.revenue, t.money.revenue);
            prop_assert!(close(site.money.demand_charge, t.money.demand_charge));
            prop_assert!(close(site.money.reserve_payment, t.money.reserve_payment));
            prop_assert!(close(site.money.gross_margin().unwrap(), t.money.gross_margin().unwrap()));
            for (w, (curtailed, sats)) in loads.iter().enumerate() {
                let e = ledger.workload_totals(w).unwrap();
                prop_assert_eq!(*curtailed, e.curtailed_periods);
                prop_assert_eq!(*sats, e.btc_mined.to_sat());
            }
        }
    }
}
