//! The site simulation: workloads, curtailment, contract lines, the fast
//! kernel against the exact ledger, retrofits and business models.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::FacilityError;
use wattage_facility::business_model::{BusinessModel, ModelPrices};
use wattage_facility::deployment::{AssignmentSpec, Deployment, Window};
use wattage_facility::horizon::Horizon;
use wattage_facility::kernel::{PricePath, SiteKernel};
use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage_facility::ledger::SiteLedger;
use wattage_facility::power::PowerContract;
use wattage_facility::power::{DemandCharge, FourCp, PowerSupply};
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::{CapexPayment, CashFlows, Summary};
use wattage_facility::workload::{
    Colocation, GpuCloud, GpuCloudSpec, Hosting, SelfMining, SelfMiningSpec, Workload,
};
use wattage_facility::{Curtailment, HashpricePath};
use wattage_hardware::catalog;
use wattage_mining::payout::Pool;
use wattage_units::{Btc, EnergyPrice, Usd};

pub(crate) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

pub(crate) fn usd(text: &str) -> Usd {
    text.parse().unwrap()
}

pub(crate) fn cents(c: i64) -> EnergyPrice {
    EnergyPrice::new(Decimal::new(c, 2)).unwrap()
}

pub(crate) fn index(prices_in_cents: &[i64]) -> PowerContract {
    let prices = prices_in_cents.iter().map(|&c| cents(c)).collect();
    PowerContract::new(PowerSupply::index(
        PriceSeries::new(t0(), Resolution::Hourly, prices).unwrap(),
        cents(0),
    ))
}

pub(crate) fn site() -> Site {
    Site::new("S", "150 MW".parse().unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "mining",
                "80 MW".parse().unwrap(),
                Pue::constant(1.05).unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
        .with_hall(Hall::new("ai", "50 MW".parse().unwrap(), Pue::constant(1.25).unwrap()).unwrap())
        .unwrap()
}

/// 1 EH/s at 16 J/TH = 16 MW, $50/PH/day, no pool fee, BTC at $100k.
pub(crate) fn miners(hashprice: &str) -> Workload {
    Workload::SelfMining(crate::fixtures::fleet("1 EH/s", "16 MW", hashprice))
}

pub(crate) fn lease(structure: LeaseStructure, start: NaiveDate) -> Workload {
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: "40 MW".parse().unwrap(),
        rate: "$120/kW/month".parse().unwrap(),
        escalator: Decimal::ZERO,
        term_months: 120,
        start,
        structure,
    })
    .unwrap();
    Workload::Colocation(Colocation::new(lease, Decimal::ONE).unwrap())
}

fn horizon(hours: usize) -> Horizon {
    Horizon::new(t0(), Resolution::Hourly, hours).unwrap()
}

pub(crate) fn assert_totals_are_sums(ledger: &SiteLedger) {
    let periods = ledger.periods().unwrap();
    let t = ledger.totals();
    assert_eq!(
        t.money.energy_cost,
        Usd::try_sum(periods.iter().map(|p| p.money.energy_cost)).unwrap()
    );
    assert_eq!(
        t.money.revenue,
        Usd::try_sum(periods.iter().map(|p| p.money.revenue)).unwrap()
    );
    assert_eq!(
        t.money.sell_back_credit,
        Usd::try_sum(periods.iter().map(|p| p.money.sell_back_credit)).unwrap()
    );
    assert_eq!(
        t.money.demand_charge,
        Usd::try_sum(periods.iter().map(|p| p.money.demand_charge)).unwrap()
    );
    assert!(crate::same_mwh(
        crate::mwh(t.energy),
        periods.iter().map(|p| crate::mwh(p.energy)).sum::<f64>()
    ));
    for w in 0..ledger.workload_names().len() {
        let e: Vec<_> = ledger.workload_periods(w).collect();
        let wt = ledger.workload_totals(w).unwrap();
        assert_eq!(
            wt.money.energy_cost,
            Usd::try_sum(e.iter().map(|x| x.money.energy_cost)).unwrap()
        );
        assert_eq!(
            wt.money.revenue,
            Usd::try_sum(e.iter().map(|x| x.money.revenue)).unwrap()
        );
        assert_eq!(
            wt.money.pass_through,
            Usd::try_sum(e.iter().map(|x| x.money.pass_through)).unwrap()
        );
        assert_eq!(
            wt.money.sell_back_credit,
            Usd::try_sum(e.iter().map(|x| x.money.sell_back_credit)).unwrap()
        );
        assert_eq!(
            wt.btc_mined,
            Btc::try_sum(e.iter().map(|x| x.btc_mined)).unwrap()
        );
        let sum =
            |f: fn(&wattage_facility::ledger::WorkloadPeriod) -> f64| e.iter().map(f).sum::<f64>();
        assert!(crate::same_mwh(
            crate::mwh(wt.it_energy),
            sum(|x| crate::mwh(x.it_energy))
        ));
        assert!(crate::same_mwh(
            crate::mwh(wt.energy),
            sum(|x| crate::mwh(x.energy))
        ));
        assert_eq!(
            wt.money.curtailment_value,
            Usd::try_sum(e.iter().map(|x| x.money.curtailment_value)).unwrap()
        );
        assert_eq!(
            wt.curtailed_periods,
            e.iter().filter(|x| x.live && !x.running).count()
        );
    }
}

#[test]
fn mining_curtails_above_breakeven_and_the_lease_runs_through() {
    // Breakeven at PUE 1.05: $50/PH/day × 1000 / (16 × 1.05 × 24) = $124.01/MWh.
    let contract = index(&[3_000, 12_400, 12_402, 250_000, -1_000]);
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    plan.assign(
        "tenant",
        "ai",
        lease(
            LeaseStructure::Gross,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ),
    )
    .unwrap();
    let ledger = simulate_site(&plan, &contract, horizon(5), Curtailment::AboveBreakeven).unwrap();
    let running: Vec<bool> = ledger.workload_periods(0).map(|p| p.running).collect();
    assert_eq!(running, [true, true, false, false, true]);
    assert!(ledger.workload_periods(1).all(|p| p.running));
    let fleet = ledger.workload_totals(0).unwrap();
    assert_eq!(fleet.curtailed_periods, 2);
    assert_eq!(fleet.curtailed_time.get(wattage_units::unit::HOUR), 2.0);
    assert_eq!(crate::mwh(fleet.curtailed_energy), 33.6); // 2 h × 16.8 MW
    // Curtailment saved what running would have lost: cost − revenue in those hours.
    let hour_revenue = Decimal::from(50_000) / Decimal::from(24); // 1000 PH/s × $50/day, one hour
    let saved = (Decimal::new(12_402, 2) + Decimal::from(2_500)) * Decimal::new(168, 1)
        - hour_revenue * Decimal::from(2);
    assert_eq!(
        fleet.money.curtailment_value.dollars().round_dp(6),
        saved.round_dp(6)
    );
    // Rent: booked in the first hour, the horizon's share of January:
    // 40,000 kW × $120 × 5/744 h, to the cent.
    assert_eq!(ledger.entry(0, 1).unwrap().money.revenue, usd("$32,258.06"));
    // Gross lease: the operator pays the tenant's power (40 MW × 1.25).
    let tenant = ledger.workload_totals(1).unwrap();
    assert_eq!(tenant.money.pass_through, Usd::ZERO);
    assert_eq!(crate::mwh(tenant.energy), 250.0);
    // BTC: $2,083.33 an hour at $100,000 = 2,083,333 sat an hour, three hours.
    assert_eq!(fleet.btc_mined, Btc::from_sat(3 * 2_083_333));
    assert_totals_are_sums(&ledger);
}

#[test]
fn triple_net_tenants_reimburse_power_and_leases_wait_for_their_start() {
    let contract = index(&[5_000; 48]);
    let mut plan = Deployment::new(site());
    let starts = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    plan.assign("tenant", "ai", lease(LeaseStructure::TripleNet, starts))
        .unwrap();
    let ledger = simulate_site(&plan, &contract, horizon(48), Curtailment::AlwaysOn).unwrap();
    let live: Vec<bool> = ledger.workload_periods(0).map(|p| p.live).collect();
    assert!(live[..24].iter().all(|l| !l) && live[24..].iter().all(|l| *l));
    let t = ledger.workload_totals(0).unwrap();
    // 24 h × 50 MW × $50 = $60,000 of power, passed through.
    assert_eq!(t.money.energy_cost, usd("$60,000"));
    assert_eq!(t.money.pass_through, t.money.energy_cost);
    // Rent for the 24 h of the lease month (Jan 2 to Feb 2, 744 h) inside
    // the horizon: $4,800,000 × 24/744, to the cent.
    assert_eq!(t.money.revenue, usd("$214,838.71"));
    assert_eq!(t.money.gross_margin().unwrap(), usd("$154,838.71"));
    assert_totals_are_sums(&ledger);
}

#[test]
fn hosting_and_gpu_cloud_earn_their_rates() {
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let mut plan = Deployment::new(site());
    plan.assign(
        "hosted",
        "mining",
        Workload::Hosting(
            Hosting::new("20 MW".parse().unwrap(), "7 c/kWh".parse().unwrap()).unwrap(),
        ),
    )
    .unwrap();
    let cloud = GpuCloud::new(GpuCloudSpec {
        accelerator: "H100 SXM".into(),
        power_per_device: catalog::system("DGX H100").unwrap().power_per_device(),
        count: 8_000,
        price: "$2.95/GPU-h".parse().unwrap(),
        utilization: Decimal::new(75, 2),
        capex_per_gpu: "$30,000".parse().unwrap(),
        life_years: 5,
    })
    .unwrap();
    plan.assign("cloud", "ai", Workload::GpuCloud(cloud))
        .unwrap();
    let ledger = simulate_site(&plan, &contract, horizon(24), Curtailment::AboveBreakeven).unwrap();
    // Hosting: 20 MW × 24 h × $70 = $33,600; the site pays 21 MW × 24 × $40.
    let hosted = ledger.workload_totals(0).unwrap();
    assert_eq!(hosted.money.revenue, usd("$33,600"));
    assert_eq!(hosted.money.energy_cost, usd("$20,160"));
    // GPU cloud: 8,000 × 0.75 × $2.95 × 24 = $424,800.
    let cloud = ledger.workload_totals(1).unwrap();
    assert_eq!(cloud.money.revenue, usd("$424,800"));
    let summary = Summary::new(&ledger, &plan, Usd::ZERO).unwrap();
    // $240M of GPUs straight-line over the 1,826 days of a five-year life
    // from their first live day: one day's worth, to the cent.
    let dep = summary.workload("cloud").unwrap().depreciation.dollars();
    assert_eq!(
        dep,
        (Decimal::from(240_000_000) / Decimal::from(1826)).round_dp(2)
    );
    // Hosting never curtails at $40 against a $70 rate at PUE 1.05.
    assert_eq!(hosted.curtailed_periods, 0);
}

#[test]
fn sell_back_under_a_fixed_price_beats_mining_in_price_spikes() {
    // Riot-style: a fixed $30 block; sold back at market when that pays more than mining.
    let market = PriceSeries::new(
        t0(),
        Resolution::Hourly,
        [2_000, 50_000, 13_000].map(cents).to_vec(),
    )
    .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$30/MWh".parse().unwrap()))
        .with_sell_back(market)
        .unwrap();
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    let ledger = simulate_site(&plan, &contract, horizon(3), Curtailment::AboveBreakeven).unwrap();
    let e: Vec<_> = ledger.workload_periods(0).collect();
    // $124.01 breakeven: off at $500 and at $130 (selling beats mining), on at $20.
    assert_eq!(
        e.iter().map(|p| p.running).collect::<Vec<_>>(),
        [true, false, false]
    );
    // Curtailed energy is still bought at $30 and sold at market.
    assert_eq!(e[1].money.energy_cost, usd("$504")); // 16.8 MWh × $30
    assert_eq!(e[1].money.sell_back_credit, usd("$8,400")); // 16.8 MWh × $500
    assert_eq!(crate::mwh(e[1].energy), 0.0);
    assert!(ledger.totals().money.sell_back_credit > Usd::ZERO);
    assert_totals_are_sums(&ledger);
    // Sell-back needs a fixed price.
    let market = PriceSeries::new(t0(), Resolution::Hourly, vec![cents(1)]).unwrap();
    assert!(matches!(
        index(&[1]).with_sell_back(market),
        Err(FacilityError::Unsupported { .. })
    ));
}

#[test]
fn demand_charges_four_cp_and_demand_response_enter_the_ledger() {
    // June to September 2026 at hourly resolution, a flat $30.
    let start = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let hours = 24 * (30 + 31 + 31 + 30);
    let series = PriceSeries::new(start, Resolution::Hourly, vec![cents(3_000); hours]).unwrap();
    let peaks = [(6, 27), (7, 19), (8, 20), (9, 5)]
        .map(|(m, d)| Utc.with_ymd_and_hms(2026, m, d, 21, 45, 0).unwrap());
    let contract = PowerContract::new(PowerSupply::index(series, cents(0)))
        .with_demand_charge(DemandCharge::per_kw_month(usd("$5")).unwrap())
        .with_transmission(vec![FourCp::new(peaks).unwrap()], usd("$50"))
        .unwrap()
        .with_demand_response("10 MW".parse().unwrap(), "$4/MWh".parse().unwrap())
        .unwrap();
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    plan.assign(
        "tenant",
        "ai",
        lease(
            LeaseStructure::TripleNet,
            NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        ),
    )
    .unwrap();
    let horizon = Horizon::new(start, Resolution::Hourly, hours).unwrap();
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let t = ledger.totals();
    // Nobody knows the peaks in advance: without an avoidance policy the
    // miners run through them, and the tag is the whole site's 66.8 MW.
    assert_eq!(ledger.workload_totals(0).unwrap().curtailed_periods, 0);
    let tag = ledger.four_cp_tags()[0];
    assert_eq!((tag.summer, tag.tag_mw), (2026, Decimal::new(668, 1)));
    assert_eq!(tag.annual_charge, usd("$3,340,000")); // 66,800 kW × $50
    // It is billed over 2027, past this horizon.
    assert_eq!(t.money.transmission_charge, Usd::ZERO);
    // Each month's peak is 16.8 + 50 MW: 66,800 kW × $5 × 4 months.
    assert_eq!(t.money.demand_charge, usd("$1,336,000"));
    let charged: Vec<usize> = ledger
        .periods()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.money.demand_charge.is_negative() && p.money.demand_charge > Usd::ZERO)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(charged, [719, 1463, 2207, 2927]); // the last hour of each month
    // Demand response: 10 MW × $4 × every hour the miners were available.
    assert_eq!(
        t.money.demand_response,
        Usd::new(Decimal::from(40 * hours as i64))
    );
    assert_totals_are_sums(&ledger);
    // Always on gives the same: the miners ran through the peaks anyway.
    let on = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    assert_eq!(on.four_cp_tags(), ledger.four_cp_tags());
}

#[test]
fn the_kernel_agrees_with_the_exact_ledger_to_the_cent() {
    // A year of varied hourly prices, a fleet, a hosted client and a lease.
    let mut state: u64 = 7;
    let prices: Vec<i64> = (0..8760)
        .map(|h| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let noise = (state >> 33) % 4_000;
            let spike = if (state >> 20) % 61 == 0 { 30_000 } else { 0 };
            1_500 + noise as i64 + spike + if h % 24 > 14 { 2_000 } else { 0 } - 333
        })
        .collect();
    let contract = index(&prices);
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$47.31/PH/day"))
        .unwrap();
    plan.assign(
        "hosted",
        "mining",
        Workload::Hosting(
            Hosting::new("30 MW".parse().unwrap(), "$68/MWh".parse().unwrap()).unwrap(),
        ),
    )
    .unwrap();
    plan.assign(
        "tenant",
        "ai",
        lease(
            LeaseStructure::TripleNet,
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        ),
    )
    .unwrap();
    let horizon = Horizon::new(t0(), Resolution::Hourly, 8760).unwrap();
    let kernel = SiteKernel::new(&plan, &contract, horizon).unwrap();
    let path = PricePath::new(&contract, horizon).unwrap();
    for policy in [
        Curtailment::AlwaysOn,
        Curtailment::AboveBreakeven,
        Curtailment::AbovePrice(cents(9_000)),
    ] {
        let exact = simulate_site(&plan, &contract, horizon, policy).unwrap();
        let fast = kernel.run(&path, policy);
        let usd = fast.to_usd().unwrap();
        let t = exact.totals();
        assert_eq!(
            usd.revenue.round_to_cents(),
            t.money.revenue.round_to_cents(),
            "{policy:?}"
        );
        assert_eq!(
            usd.energy_cost.round_to_cents(),
            t.money.energy_cost.round_to_cents(),
            "{policy:?}"
        );
        for (w, f) in fast.workloads.iter().enumerate() {
            let e = exact.workload_totals(w).unwrap();
            assert_eq!(f.curtailed_periods, e.curtailed_periods);
            assert!((f.money.revenue - e.money.revenue.to_f64()).abs() < 0.005);
            assert!((f.btc - e.btc_mined.to_btc_f64()).abs() < 1e-8 * 8760.0);
        }
        assert_totals_are_sums(&exact);
    }
    // Sell-back and a daily hashprice path: still to the cent.
    let market = PriceSeries::new(
        t0(),
        Resolution::Hourly,
        prices.iter().map(|&c| cents(c)).collect(),
    )
    .unwrap();
    let fixed = PowerContract::new(PowerSupply::fixed("$45/MWh".parse().unwrap()))
        .with_sell_back(market)
        .unwrap();
    let daily = (0..365)
        .map(|d| {
            EnergyPrice::new(Decimal::from(40 + d % 20))
                .unwrap()
                .value()
        })
        .map(|v| wattage_units::Hashprice::new(v).unwrap())
        .collect();
    let mut plan = Deployment::new(site());
    plan.assign(
        "fleet",
        "mining",
        Workload::SelfMining(
            SelfMining::new(SelfMiningSpec {
                hashrate: "2 EH/s".parse().unwrap(),
                it_power: "35 MW".parse().unwrap(),
                pool: Pool::pps_plus("2.5%".parse().unwrap()).unwrap(),
                hashprice: HashpricePath::Daily(daily),
                btc_price: "$90,000/BTC".parse().unwrap(),
                uptime: Decimal::ONE,
                degradation_per_year: Decimal::ZERO,
            })
            .unwrap(),
        ),
    )
    .unwrap();
    let exact = simulate_site(&plan, &fixed, horizon, Curtailment::AboveBreakeven).unwrap();
    let fast = SiteKernel::new(&plan, &fixed, horizon).unwrap().run(
        &PricePath::new(&fixed, horizon).unwrap(),
        Curtailment::AboveBreakeven,
    );
    let usd = fast.to_usd().unwrap();
    assert!(exact.workload_totals(0).unwrap().curtailed_periods > 0);
    assert_eq!(
        usd.revenue.round_to_cents(),
        exact.totals().money.revenue.round_to_cents()
    );
    assert_eq!(
        usd.energy_cost.round_to_cents(),
        exact.totals().money.energy_cost.round_to_cents()
    );
    assert_eq!(
        usd.sell_back_credit.round_to_cents(),
        exact.totals().money.sell_back_credit.round_to_cents()
    );
    // The kernel declines what it does not model.
    let with_charge =
        index(&prices).with_demand_charge(DemandCharge::per_kw_month(usd_of("$1")).unwrap());
    assert!(matches!(
        SiteKernel::new(&plan, &with_charge, horizon),
        Err(FacilityError::Unsupported { .. })
    ));
}

fn usd_of(text: &str) -> Usd {
    usd(text)
}

#[test]
fn allocations_beyond_a_hall_or_into_no_hall_are_errors() {
    let mut plan = Deployment::new(site());
    plan.assign("a", "mining", miners("$50/PH/day")).unwrap();
    let big = Workload::Hosting(
        Hosting::new("70 MW".parse().unwrap(), "$60/MWh".parse().unwrap()).unwrap(),
    );
    let err = plan.assign("b", "mining", big.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hall \"mining\" cannot carry 86 MW of IT load: its IT capacity is 80 MW"
    );
    assert_eq!(plan.assignments().len(), 1);
    // The same load fits once the first workload has left.
    let later = Window {
        from: Some(t0()),
        until: None,
    };
    let mut timed = Deployment::new(site());
    timed
        .add(
            AssignmentSpec::new("a", "mining", miners("$50/PH/day")).during(Window {
                from: None,
                until: Some(t0()),
            }),
        )
        .unwrap();
    timed
        .add(AssignmentSpec::new("b", "mining", big).during(later))
        .unwrap();
    assert!(matches!(
        plan.assign("c", "nowhere", miners("$1/PH/day")),
        Err(FacilityError::UnknownHall { .. })
    ));
    assert!(matches!(
        plan.assign("a", "ai", miners("$1/PH/day")),
        Err(FacilityError::WorkloadName { .. })
    ));
}

#[test]
fn a_retrofit_stops_mining_builds_and_starts_the_lease() {
    let at = |y, m| Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).unwrap();
    let site = Site::new("S", "100 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "40 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap()
        .with_hall(Hall::new("B", "40 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap();
    let mut base = Deployment::new(site);
    base.assign("miners-A", "A", miners("$50/PH/day")).unwrap();
    base.assign("miners-B", "B", miners("$50/PH/day")).unwrap();
    let conversion = |mw: &str| Conversion {
        displaced: Displaced::Sell,
        assets: vec![],
        hall: "B".into(),
        construction_from: at(2026, 3),
        live_from: at(2026, 9),
        name: "tenant".into(),
        workload: Workload::Colocation(
            Colocation::new(
                ColocationLease::new(LeaseSpec {
                    critical_it: mw.parse().unwrap(),
                    rate: "$140/kW/month".parse().unwrap(),
                    escalator: Decimal::ZERO,
                    term_months: 120,
                    start: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                    structure: LeaseStructure::TripleNet,
                })
                .unwrap(),
                Decimal::ONE,
            )
            .unwrap(),
        ),
        pue: Pue::constant(1.3).unwrap(),
        capex: vec![
            CapexPayment {
                at: at(2026, 3),
                amount: usd("$150M"),
            },
            CapexPayment {
                at: at(2026, 6),
                amount: usd("$150M"),
            },
        ],
    };
    // 40 MW × 1.05 = 42 MW of power: room for 32.3 MW of AI at PUE 1.3, not 35.
    let err = RetrofitPlan::new(base.clone())
        .with(conversion("35 MW"))
        .apply()
        .unwrap_err();
    assert!(
        matches!(err, FacilityError::HallOverCapacity { .. }),
        "{err}"
    );
    let (deployment, capex) = RetrofitPlan::new(base)
        .with(conversion("30 MW"))
        .apply()
        .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let horizon = Horizon::calendar_years(t0(), Resolution::Hourly, 2).unwrap();
    let ledger =
        simulate_site(&deployment, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let idx = |n| ledger.workload_index(n).unwrap();
    let hours = |n| ledger.workload_totals(idx(n)).unwrap().live_periods;
    assert_eq!(hours("miners-A"), 17_520);
    assert_eq!(hours("miners-B"), 24 * (31 + 28)); // January and February only
    assert_eq!(
        hours("tenant"),
        17_520 - 24 * (31 + 28 + 31 + 30 + 31 + 30 + 31 + 31)
    );
    // During construction hall B draws nothing.
    let june = horizon.index_containing(at(2026, 6)).unwrap();
    assert_eq!(
        crate::mwh(ledger.entry(june, idx("miners-B")).unwrap().energy),
        0.0
    );
    assert!(!ledger.entry(june, idx("tenant")).unwrap().live);
    let flows = CashFlows::new(&ledger, &deployment, usd("$50,000"), &capex).unwrap();
    assert_eq!(flows.rows().len(), 2);
    assert_eq!(flows.rows()[0].capex, usd("$300M"));
    assert!(flows.rows()[1].cash_flow > flows.rows()[0].cash_flow);
    assert!(flows.irr().is_ok());
    assert_totals_are_sums(&ledger);

    // The same site under each business model.
    let results: Vec<_> = BusinessModel::ALL
        .iter()
        .map(|m| {
            m.evaluate(
                &ledger,
                &deployment,
                ModelPrices {
                    hosting_rate: "$65/MWh".parse().unwrap(),
                    generation_cost: "$25/MWh".parse().unwrap(),
                },
                &capex,
            )
            .unwrap()
        })
        .collect();
    let [asset_light, colocation, owner, power, vertical] = results.as_slice() else {
        panic!()
    };
    // Asset-light: its own miners, paying hosting instead of power.
    assert_eq!(asset_light.power_cost, Usd::ZERO);
    assert!(asset_light.hosting_paid > Usd::ZERO && asset_light.facility_capex == Usd::ZERO);
    // Colocation and infrastructure owner differ only by the facility capex.
    assert_eq!(colocation.ebitda, owner.ebitda);
    assert_eq!(owner.facility_capex, usd("$300M"));
    // Owning generation at $25 beats buying at $40.
    assert!(power.ebitda > owner.ebitda);
    // Vertical integration earns the mining revenue itself.
    assert!(vertical.revenue > power.revenue);
}

#[test]
fn summaries_give_margins_per_mw_year_and_cost_per_bitcoin() {
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    let horizon = Horizon::calendar_years(t0(), Resolution::Hourly, 1).unwrap();
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let s = Summary::new(&ledger, &plan, usd("$40,000")).unwrap();
    let fleet = s.workload("fleet").unwrap();
    // 365 days × $50,000 = $18.25M; 16.8 MW × 8,760 h × $40 = $5,886,720.
    assert_eq!(fleet.money.revenue.round_to_cents(), usd("$18,250,000"));
    assert_eq!(fleet.money.energy_cost, usd("$5,886,720"));
    // Per MW-year of 16 MW × 8,760/8,766 years.
    let mw_years = Decimal::from(16) * Decimal::from(8760) / Decimal::from(8766);
    assert_eq!(fleet.mw_years, mw_years);
    assert_eq!(
        fleet.revenue_per_mw_year.unwrap().round_to_cents(),
        Usd::new((Decimal::from(18_250_000) / mw_years).round_dp(2))
    );
    // 182.5 BTC at $100k, less under half a satoshi an hour of rounding
    // (each hour's payout is whole satoshis); energy per BTC = $5,886,720 / 182.5.
    assert!((fleet.btc_mined.to_sat() - 18_250_000_000).abs() <= 8760 / 2);
    assert_eq!(
        fleet
            .energy_cost_per_btc
            .unwrap()
            .round_to_cents()
            .dollars()
            .round_dp(0),
        Decimal::from(32_256)
    );
    assert_eq!(
        s.gross_margin,
        s.money.revenue.checked_sub(s.money.energy_cost).unwrap()
    );
    assert_eq!(s.ebitda, s.gross_margin.checked_sub(s.opex).unwrap());
}

/// One site per hashprice, its fleet paid that hashprice, each lowered
/// for ten days of varied hourly prices, and those prices' path.
#[cfg(feature = "rayon")]
fn fleets_paid(hashprices: &[&str]) -> (Vec<SiteKernel>, PricePath) {
    let prices: Vec<i64> = (0..240).map(|h| 2_000 + (h * 7_919) % 20_000).collect();
    let contract = index(&prices);
    let horizon = horizon(240);
    let kernels = hashprices
        .iter()
        .map(|hp| {
            let mut plan = Deployment::new(site());
            plan.assign("fleet", "mining", miners(hp)).unwrap();
            SiteKernel::new(&plan, &contract, horizon).unwrap()
        })
        .collect();
    (kernels, PricePath::new(&contract, horizon).unwrap())
}

#[cfg(feature = "rayon")]
#[test]
fn parallel_sweeps_give_the_sequential_results_in_order() {
    use wattage_facility::sweep::{over_paths, over_sites, par_over_paths, par_over_sites};
    let (kernels, path) = fleets_paid(&["$30/PH/day", "$45/PH/day", "$60/PH/day"]);
    let policy = Curtailment::AboveBreakeven;
    assert_eq!(
        par_over_sites(&kernels, &path, policy),
        over_sites(&kernels, &path, policy)
    );
    let paths: Vec<PricePath> = (1..=4)
        .map(|k| {
            PricePath::from_f64(
                path.prices().iter().map(|p| p * f64::from(k)).collect(),
                None,
            )
            .unwrap()
        })
        .collect();
    assert_eq!(
        par_over_paths(&kernels[1], &paths, policy),
        over_paths(&kernels[1], &paths, policy)
    );
}

#[cfg(feature = "rayon")]
#[test]
fn a_sweep_inside_a_pool_that_includes_the_caller_gives_the_sequential_results() {
    use wattage_facility::sweep::{over_sites, par_over_sites};
    // Ten sites whose fleets earn different hashprices, so that the
    // order of the results is checked too.
    let hashprices: Vec<String> = (0..10).map(|k| format!("${}/PH/day", 30 + 3 * k)).collect();
    let hashprices: Vec<&str> = hashprices.iter().map(String::as_str).collect();
    let (kernels, path) = fleets_paid(&hashprices);
    let policy = Curtailment::AboveBreakeven;
    let sequential = over_sites(&kernels, &path, policy);
    // The caller-in-pool pool is built on a thread of its own: a thread
    // may hold only one such pool.
    let in_pool = std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .use_current_thread()
            .build()
            .unwrap();
        (0..3)
            .map(|_| pool.install(|| par_over_sites(&kernels, &path, policy)))
            .collect::<Vec<_>>()
    })
    .join()
    .unwrap();
    let curtailed: Vec<usize> = sequential
        .iter()
        .map(|t| t.workload("fleet").unwrap().curtailed_periods)
        .collect();
    assert!(curtailed.windows(2).all(|w| w[0] >= w[1]) && curtailed[0] > curtailed[9]);
    for run in in_pool {
        assert_eq!(run, sequential);
    }
}

#[test]
fn rent_is_prorated_when_the_horizon_ends_inside_a_lease_month() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use rust_decimal::Decimal;
    use wattage_facility::Curtailment;
    use wattage_facility::deployment::Deployment;
    use wattage_facility::horizon::Horizon;
    use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
    use wattage_facility::power::PowerContract;
    use wattage_facility::power::PowerSupply;
    use wattage_facility::price_series::Resolution;
    use wattage_facility::pue::Pue;
    use wattage_facility::run::simulate_site;
    use wattage_facility::site::{Hall, Site};
    use wattage_facility::workload::{Colocation, Workload};

    let site = Site::new("s", "50 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("C", "36 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap())
        .unwrap();
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: "36 MW".parse().unwrap(),
        rate: "$150/kW/month".parse().unwrap(),
        escalator: Decimal::ZERO,
        term_months: 12,
        start: NaiveDate::from_ymd_opt(2028, 3, 1).unwrap(),
        structure: LeaseStructure::Gross,
    })
    .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign(
        "tenant",
        "C",
        Workload::Colocation(Colocation::new(lease, Decimal::ONE).unwrap()),
    )
    .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let start = Utc.with_ymd_and_hms(2028, 3, 1, 0, 0, 0).unwrap();
    let rent_for = |hours: usize| {
        let horizon = Horizon::new(start, Resolution::Hourly, hours).unwrap();
        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
        ledger.totals().money.revenue
    };
    // A whole March (744 h) books the whole month's rent; 48 h book 48/744 of it.
    assert_eq!(rent_for(744).dollars(), Decimal::from(5_400_000));
    let two_days = rent_for(48).dollars();
    assert_eq!(two_days.round_dp(2), Decimal::new(34_838_710, 2));
}

#[test]
fn f64_price_paths_reject_non_finite_prices() {
    use wattage_facility::FacilityError;
    use wattage_facility::kernel::PricePath;
    assert!(PricePath::from_f64(vec![40.0, -12.5, 9_000.0], None).is_ok());
    let err = PricePath::from_f64(vec![40.0, f64::NAN], None).unwrap_err();
    assert!(
        matches!(err, FacilityError::NonFinitePrice { index: 1, .. }),
        "{err}"
    );
    let err = PricePath::from_f64(vec![40.0], Some(vec![1.0, 2.0, f64::INFINITY])).unwrap_err();
    assert!(
        matches!(err, FacilityError::NonFinitePrice { index: 2, value } if value == f64::INFINITY)
    );
    assert_eq!(
        err.to_string(),
        "price path entry 2 must be a finite $/MWh, got inf"
    );
}
