//! wattage-facility: price readers, configs, constructors, finance,
//! comparisons, business models, retrofits, 4CP, demand charges, lease
//! schedules, sites, deployments and simulations.

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
use wattage::facility::retrofit::{Conversion, Displaced};
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

use wattage::facility::business_model::{BusinessModel, ModelPnl, ModelPrices};
use wattage::facility::capital::financing::PlanFinance;
use wattage::facility::comparison::{
    Assumptions, Comparison, Incremental, Plan, PlanResult, YearComparison, compare,
};
use wattage::facility::finance::{discounted_payback_period, irr, npv, payback_period};
use wattage::facility::kernel::{KernelLoadTotals, KernelTotals};
use wattage::facility::lease::LeaseMonth;
use wattage::facility::ledger::{SiteLedger, SiteTotals, WorkloadTotals};
use wattage::facility::money_lines::MoneyLines;
use wattage::facility::retrofit::RetrofitPlan;
use wattage::facility::summary::{CashFlows, WorkloadSummary, YearRow};

use super::{AllFinite, check, check_size, json_text, nasty_f64, raw};

/// Exact by construction: names, a kind of business, and financing
/// results whose every part is money, a ratio or a year (those types derive
/// `Eq`, which no `f64` field allows).
macro_rules! exact {
    ($($ty:ty),+) => {$(
        impl AllFinite for $ty {
            fn all_finite(&self) -> bool {
                true
            }
        }
    )+};
}
exact!(
    &str,
    std::sync::Arc<[String]>,
    BusinessModel,
    PlanFinance,
    Incremental
);

/// Money lines are finite when every line is: the list of lines, not a
/// list of fields, so a new line is covered without an edit here.
impl<M: AllFinite + Copy> AllFinite for MoneyLines<M> {
    fn all_finite(&self) -> bool {
        self.lines().iter().all(|(_, value)| value.all_finite())
    }
}

finite_fields!(
    SiteTotals { energy, money }
    WorkloadTotals {
        live_periods, curtailed_periods, curtailed_time, curtailed_energy, it_energy, energy,
        money, btc_mined, reserve_periods, deployed_energy,
    }
    KernelLoadTotals { money, energy, curtailed_periods, btc }
    KernelTotals { names, workloads, money }
    LeaseMonth { index, starts, rate, rent }
    CapexPayment { at, amount }
);

finite_fields!(@open
    WorkloadSummary {
        name, kind, mw_years, money, gross_margin, opex, ebitda,
        depreciation, revenue_per_mw_year, ebitda_per_mw_year, btc_mined, energy_cost_per_btc,
        all_in_cost_per_btc, curtailed_time, curtailed_energy,
    }
    Summary {
        workloads, money, site_power_lines, gross_margin, opex, ebitda,
        ebitda_per_interconnect_mw_year, btc_mined, energy_cost_per_btc, all_in_cost_per_btc,
        depreciation,
    }
    YearRow {
        year, start, revenue, energy_cost, gross_margin, opex, ebitda, capex, asset_sales,
        depreciation, cash_flow,
    }
    PlanResult { name, summary, cash_flows, finance }
    YearComparison { year, base, alternative, incremental_cash_flow }
    Comparison {
        base, alternative, years, base_npv, alternative_npv, incremental_irr, incremental,
        incremental_payback_years,
    }
    ModelPnl {
        model, revenue, power_cost, hosting_paid, hardware_capex, facility_capex, asset_sales,
        depreciation, ebitda,
    }
);

impl AllFinite for CashFlows {
    fn all_finite(&self) -> bool {
        self.rows().all_finite()
    }
}

impl AllFinite for SiteLedger {
    fn all_finite(&self) -> bool {
        self.totals().all_finite()
            && (0..self.workload_names().len())
                .all(|i| self.workload_totals(i).is_some_and(AllFinite::all_finite))
    }
}

/// A deployment is finite when every assignment's IT and facility load is.
impl AllFinite for Deployment {
    fn all_finite(&self) -> bool {
        self.site().interconnect().all_finite()
            && self.assignments().iter().all(|a| {
                a.workload().it_power().all_finite()
                    && a.peak_facility_load().all_finite()
                    && a.pue().peak().all_finite()
            })
    }
}

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
        let _ = serde_json::from_str::<wattage::facility::tranche::TranchedLease>(&json);
        let _ = serde_json::from_str::<wattage::facility::sla::SlaCredit>(&json);
        let _ = serde_json::from_str::<wattage::facility::cloud_ramp::CloudRamp>(&json);
        if let Ok(serving) = serde_json::from_str::<wattage::facility::inference::Inference>(&json) {
            prop_assert!(serving.energy_per_token().base_value().is_finite());
        }
        if let Ok(spec) = serde_json::from_str::<wattage::facility::inference::ThroughputSpec>(&json) {
            if let Ok(tps) = spec.tokens_per_second() {
                prop_assert!(tps.is_finite() && tps > 0.0);
            }
        }
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
        let pool = Pool::fpps("2%".parse().unwrap()).unwrap();
        let path = HashpricePath::Constant(hashprice);
        workloads.extend(
            SelfMining::new(SelfMiningSpec {
                hashrate: rate,
                it_power: it,
                pool,
                hashprice: path,
                btc_price: btc,
                uptime: Decimal::ONE,
                degradation_per_year: Decimal::ZERO,
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
                let ledger = simulate_site(&deployment, contract, horizon, policy);
                check("simulate_site", &ledger);
                let exact_ok = ledger.is_ok();
                if let Ok(ledger) = ledger {
                    let opex = Usd::new(money[9]);
                    check("Summary::new", &Summary::new(&ledger, &deployment, opex));
                    let capex = [CapexPayment { at: start(), amount: Usd::new(money[7]) }];
                    let flows = CashFlows::new(&ledger, &deployment, opex, &capex);
                    check("CashFlows::new", &flows);
                    if let Ok(flows) = flows {
                        check("CashFlows::npv", &flows.npv(money[3]));
                        check("CashFlows::irr", &flows.irr());
                        check("CashFlows::payback_years", &flows.payback_years());
                    }
                    for model in BusinessModel::ALL {
                        let pnl = model.evaluate(&ledger, &deployment, ModelPrices { hosting_rate: price, generation_cost: price }, &capex);
                        check("BusinessModel::evaluate", &pnl);
                        if let Ok(pnl) = pnl {
                            check("ModelPnl::cash", &pnl.cash());
                        }
                        let flows = model.cash_flows(&ledger, &deployment, ModelPrices { hosting_rate: price, generation_cost: price }, opex, &capex);
                        check("BusinessModel::cash_flows", &flows);
                    }
                }
                if let (Ok(kernel), Ok(path)) =
                    (SiteKernel::new(&deployment, contract, horizon), PricePath::new(contract, horizon))
                {
                    let totals = kernel.run(&path, policy);
                    // The kernel returns plain `f64` totals; where the exact
                    // ledger fits in money they must be finite too.
                    prop_assert!(!exact_ok || totals.all_finite(), "kernel totals {:?}", totals);
                    let usd = totals.to_usd();
                    check("KernelTotals::to_usd", &usd);
                    if let Ok(totals) = usd {
                        prop_assert_eq!(
                            totals.gross_margin()?,
                            totals.revenue.checked_sub(totals.energy_cost)?.checked_add(totals.sell_back_credit)?
                                .checked_add(totals.reserve_payment)?.checked_add(totals.block_settlement)?
                        );
                    }
                }
            }
            // The extreme plan against an ordinary one.
            let base = Plan { name: "base".into(), deployment: ordinary_deployment(), capex: vec![], debt: vec![], terminal_value: wattage::facility::capital::TerminalValue::None };
            let alternative = Plan {
                debt: vec![],
                terminal_value: wattage::facility::capital::TerminalValue::None,
                name: "alternative".into(),
                deployment: deployment.clone(),
                capex: vec![CapexPayment { at: start(), amount: Usd::new(money[7]) }],
            };
            let assumptions = Assumptions {
                discounting: wattage::facility::capital::Discounting::Yearly(wattage::finance::Timing::YEARLY),
                taxes: None,
                tax_depreciation: Default::default(),
                contract: contract.clone(),
                horizon,
                curtailment: Curtailment::AboveBreakeven,
                opex_per_mw_year: Usd::new(money[9]),
                discount_rate: money[3],
            };
            let comparison = compare(&base, &alternative, &assumptions);
            check("compare", &comparison);
        }
    }
}

/// One 10 MW hall hosting 10 MW at $60/MWh.
fn ordinary_deployment() -> Deployment {
    let site = Site::new("s", Power::new(1e6, unit::MEGAWATT).unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "a",
                Power::new(900_000.0, unit::MEGAWATT).unwrap(),
                Pue::constant(1.1).unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
    let mut deployment = Deployment::new(site);
    let hosting = Hosting::new(
        Power::new(10.0, unit::MEGAWATT).unwrap(),
        "$60/MWh".parse().unwrap(),
    )
    .unwrap();
    deployment
        .assign("ordinary", "a", Workload::Hosting(hosting))
        .unwrap();
    deployment
}

/// Discount rates that break naive code: nasty amounts, and rates a hair
/// above -100%.
fn nasty_rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        nasty_decimal(),
        Just(Decimal::new(-9_999_999, 7)),
        Just(Decimal::from_i128_with_scale(
            -9_999_999_999_999_999_999_999_999_999,
            28
        )),
        (-9_999_i64..100_000).prop_map(|bp| Decimal::new(bp, 4)),
    ]
}

fn four_cp() -> FourCp {
    let peaks = [(6, 27), (7, 19), (8, 20), (9, 5)]
        .map(|(m, d)| Utc.with_ymd_and_hms(2023, m, d, 21, 45, 0).unwrap());
    FourCp::new(peaks).unwrap()
}

proptest! {
    #[test]
    fn finance_returns_finite_values_or_typed_errors(
        rate in nasty_rate(),
        dollars in proptest::collection::vec(nasty_decimal(), 0..24),
        long in any::<bool>(),
    ) {
        let mut flows: Vec<Usd> = dollars.into_iter().map(Usd::new).collect();
        if long {
            // A century of monthly flows repeating the last one.
            let last = flows.last().copied().unwrap_or(Usd::ZERO);
            flows.extend(core::iter::repeat_n(last, 1_200));
        }
        check("npv", &npv(rate, &flows));
        let rate_of_return = irr(&flows);
        check("irr", &rate_of_return);
        if let Ok(r) = rate_of_return {
            check("npv at the irr", &npv(r, &flows));
        }
        check("payback_period", &payback_period(&flows));
        check("discounted_payback_period", &discounted_payback_period(rate, &flows));
    }

    /// At a rate of zero or more the NPV is no larger than the flows'
    /// total size, so it is always representable and must be returned,
    /// over any number of periods (a discount factor that overflows is no
    /// reason to fail).
    #[test]
    fn npv_at_a_non_negative_rate_of_ordinary_flows_is_always_returned(
        rate_bp in 0_i64..10_000_000,
        cents in proptest::collection::vec(-100_000_000_000_000_i64..100_000_000_000_000, 1..1_500),
    ) {
        let rate = Decimal::new(rate_bp, 4);
        let flows: Vec<Usd> = cents.iter().map(|&c| Usd::from_cents(c)).collect();
        let value = npv(rate, &flows);
        prop_assert!(value.is_ok(), "npv({}, {} flows) = {:?}", rate, flows.len(), value);
        let payback = discounted_payback_period(rate, &flows);
        prop_assert!(payback.is_ok(), "{:?}", payback);
    }

    /// The 4CP tag of any four finite loads is finite, and no charge is
    /// negative.
    #[test]
    fn four_cp_and_demand_charges_are_finite_and_never_negative(
        loads in proptest::array::uniform4(nasty_f64()),
        rate in nasty_decimal(),
    ) {
        let watt = Power::new(1.0, unit::WATT).unwrap();
        let loads = loads.map(|v| raw(watt, v));
        let tag = four_cp().tag_from_loads(loads);
        check_size("FourCp::tag_from_loads", &tag);
        let valid = loads.iter().all(|l| l.base_value().is_finite() && l.base_value() >= 0.0);
        prop_assert_eq!(tag.is_ok(), valid, "{:?}", tag);
        let rate = Usd::new(rate);
        for tag in tag.iter().copied().chain(loads) {
            if let Ok(charge) = FourCp::annual_charge(tag, rate) {
                prop_assert!(!charge.is_negative(), "{:?} at {:?}: {:?}", tag, rate, charge);
            }
        }
        if let Ok(demand) = DemandCharge::per_kw_month(rate) {
            for result in [demand.for_loads(&loads), demand.charge(loads[0])] {
                check("DemandCharge", &result);
                if let Ok(charge) = result {
                    prop_assert!(!charge.is_negative());
                }
            }
            // Valid loads are never refused as invalid power (too many kW
            // for money is another error).
            let refused = matches!(
                demand.for_loads(&loads),
                Err(wattage::facility::FacilityError::InvalidPower { .. })
            );
            prop_assert_eq!(refused, !valid);
        }
    }

    #[test]
    fn lease_schedules_are_finite_or_typed_errors(
        it in nasty_f64(),
        money in proptest::collection::vec(nasty_decimal(), 4),
        term in prop_oneof![0_u32..400, any::<u32>()],
        month in prop_oneof![0_u32..400, any::<u32>()],
        triple_net in any::<bool>(),
    ) {
        let it = raw(Power::new(1.0, unit::MEGAWATT).unwrap(), it);
        check("implied_rate", &ColocationLease::implied_rate(Usd::new(money[0]), it, term));
        check(
            "starting_rate_for_value",
            &ColocationLease::starting_rate_for_value(Usd::new(money[0]), it, term, money[2]),
        );
        let Ok(rate) = LeaseRate::new(money[1]) else { return Ok(()) };
        let structure = if triple_net { LeaseStructure::TripleNet } else { LeaseStructure::Gross };
        let from = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let Ok(lease) = ColocationLease::new(LeaseSpec { critical_it: it, rate, escalator: money[2], term_months: term, start: from, structure }) else { return Ok(()) };
        check("rent_in_month", &lease.rent_in_month(month));
        check("rent_in_month (last)", &lease.rent_in_month(term.saturating_sub(1)));
        check("rate_in_month", &lease.rate_in_month(month));
        let schedule = lease.schedule();
        check("schedule", &schedule);
        if let Ok(schedule) = schedule {
            prop_assert_eq!(schedule.len(), term as usize);
        }
        check("total_value", &lease.total_value());
        check("average_rate", &lease.average_rate());
        check("first_year_rent_per_mw", &lease.first_year_rent_per_mw());
        check("landlord_net", &lease.landlord_net(month, Usd::new(money[3])));
    }

    /// Whatever order the phases come in, an applied retrofit returns one
    /// capex payment per phase and every phase's AI workload goes live.
    #[test]
    fn applied_retrofits_lose_no_phase(
        phases in proptest::collection::vec(
            (0_usize..3, 0_u32..60, -3_i64..24, nasty_f64(), nasty_f64()),
            0..5,
        ),
    ) {
        let day0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let site = Site::new("s", Power::new(100.0, unit::MEGAWATT).unwrap())
            .and_then(|s| s.with_hall(Hall::new("a", Power::new(40.0, unit::MEGAWATT)?, Pue::constant(1.05)?)?))
            .and_then(|s| s.with_hall(Hall::new("b", Power::new(40.0, unit::MEGAWATT)?, Pue::constant(1.05)?)?))
            .unwrap();
        let hosting = |it: Power| Hosting::new(it, "$60/MWh".parse().unwrap()).map(Workload::Hosting);
        let mut base = Deployment::new(site);
        for hall in ["a", "b"] {
            base.assign(format!("miners-{hall}"), hall, hosting(Power::new(40.0, unit::MEGAWATT).unwrap()).unwrap()).unwrap();
        }
        let mut plan = RetrofitPlan::new(base);
        let mut conversions = Vec::new();
        for (i, &(hall, month, months_building, it, pue)) in phases.iter().enumerate() {
            let construction_from = day0 + chrono::Months::new(month);
            let live_from = construction_from + chrono::TimeDelta::days(30 * months_building);
            let Ok(workload) = hosting(raw(Power::new(1.0, unit::MEGAWATT).unwrap(), it)) else { continue };
            let conversion = Conversion {
                displaced: Displaced::Sell,
                assets: vec![],
                hall: ["a", "b", "nowhere"][hall].into(),
                construction_from,
                live_from,
                name: format!("ai-{i}"),
                workload,
                pue: Pue::constant(pue).unwrap_or_else(|_| Pue::constant(1.3).unwrap()),
                capex: vec![CapexPayment { at: construction_from, amount: "$1M".parse().unwrap() }],
            };
            conversions.push(conversion.clone());
            plan = plan.with(conversion);
        }
        let applied = plan.apply();
        check("RetrofitPlan::apply", &applied);
        if let Ok((deployment, capex)) = applied {
            prop_assert_eq!(capex.len(), conversions.len());
            prop_assert!(capex.windows(2).all(|p| p[0].at <= p[1].at));
            for conversion in &conversions {
                let window = deployment.assignment(&conversion.name).unwrap().window();
                prop_assert_eq!(window.from, Some(conversion.live_from));
                prop_assert!(
                    window.until.is_none_or(|until| until > conversion.live_from),
                    "{} never goes live: {:?}", conversion.name, window
                );
                // Its IT load fits the hall whatever its PUE.
                let hall = deployment.site().hall(&conversion.hall).unwrap();
                prop_assert!(conversion.workload.it_power().base_value() <= hall.it_capacity().base_value() * (1.0 + 1e-9));
            }
        }
    }

    #[test]
    fn sites_and_deployments_are_finite_or_typed_errors(
        name in prop_oneof![Just(String::new()), Just(" ".to_string()), "\\PC{0,8}"],
        interconnect in nasty_f64(),
        capacity in nasty_f64(),
        pue in nasty_f64(),
        it in nasty_f64(),
    ) {
        let mw = Power::new(1.0, unit::MEGAWATT).unwrap();
        let site = Site::new(name.clone(), raw(mw, interconnect));
        if let Ok(site) = &site {
            prop_assert!(!site.name().trim().is_empty());
            check("Site::available_it_capacity", &Ok::<_, ()>(site.available_it_capacity(&Pue::constant(1.2).unwrap())));
        }
        let Ok(pue) = Pue::constant(pue) else { return Ok(()) };
        let hall = Hall::new(name, raw(mw, capacity), pue);
        let (Ok(mut site), Ok(hall)) = (site, hall) else { return Ok(()) };
        prop_assert!(!hall.name().trim().is_empty());
        let hall_name = hall.name().to_string();
        let capacity = hall.it_capacity();
        if site.add_hall(hall).is_err() {
            return Ok(());
        }
        check("Site::headroom", &Ok::<_, ()>(site.headroom()));
        let mut deployment = Deployment::new(site);
        if let Ok(workload) = Hosting::new(raw(mw, it), "$60/MWh".parse().unwrap()) {
            let load = workload.it_power();
            let assigned = deployment.assign("w", &hall_name, Workload::Hosting(workload)).is_ok();
            prop_assert_eq!(assigned, load.base_value() <= capacity.base_value() * (1.0 + 1e-12));
            prop_assert!(deployment.all_finite());
        }
    }
}

/// A value that exists reads back from its own JSON and TOML as itself.
fn reads_back<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug,
{
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, value, "JSON {}", json);
    // TOML holds tables only: wrap the value in one.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Doc<V> {
        value: V,
    }
    let toml_text =
        toml::to_string(&Doc { value }).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Doc<T> =
        toml::from_str(&toml_text).map_err(|e| TestCaseError::fail(format!("{e}: {toml_text}")))?;
    prop_assert_eq!(&back.value, value, "TOML {}", toml_text);
    Ok(())
}

proptest! {
    #[test]
    fn sites_contracts_and_plans_read_back_at_extreme_values(
        interconnect in nasty_f64(),
        it in nasty_f64(),
        pue in nasty_f64(),
        price_cents in any::<i64>(),
        hashprice_cents in any::<i64>(),
        rate_cents in 0_i64..i64::MAX,
        term in 1_u32..1_200,
    ) {
        let Ok(interconnect) = Power::new(interconnect, unit::MEGAWATT) else { return Ok(()) };
        let Ok(it) = Power::new(it, unit::MEGAWATT) else { return Ok(()) };
        let Ok(pue) = Pue::constant(pue) else { return Ok(()) };
        let Ok(hall) = Hall::new("A", it, pue) else { return Ok(()) };
        reads_back(&hall)?;
        let Ok(site) = Site::new("S", interconnect).and_then(|s| s.with_hall(hall)) else { return Ok(()) };
        reads_back(&site)?;
        let Ok(price) = EnergyPrice::new(Decimal::new(price_cents, 2)) else { return Ok(()) };
        let contract = PowerContract::new(PowerSupply::fixed(price));
        reads_back(&contract)?;
        let mut plan = Deployment::new(site);
        if let (Ok(hashprice), Ok(power)) = (Hashprice::new(Decimal::new(hashprice_cents, 2)), Power::new(1.0, unit::MEGAWATT)) {
            let Ok(rate) = "1 EH/s".parse::<Hashrate>() else { return Ok(()) };
            if let Ok(m) = SelfMining::new(SelfMiningSpec {
                hashrate: rate,
                it_power: power,
                pool: Pool::fpps("2%".parse().unwrap()).unwrap(),
                hashprice: HashpricePath::Constant(hashprice),
                btc_price: "$95,000/BTC".parse().unwrap(),
                uptime: Decimal::ONE,
                degradation_per_year: Decimal::ZERO,
            }) {
                let _ = plan.assign("fleet", "A", Workload::SelfMining(m));
            }
        }
        if let Ok(rate) = LeaseRate::new(Decimal::new(rate_cents, 2)) {
            if let Ok(lease) = ColocationLease::new(LeaseSpec {
                critical_it: Power::new(1.0, unit::MEGAWATT).unwrap(),
                rate,
                escalator: Decimal::new(3, 2),
                term_months: term,
                start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                structure: LeaseStructure::TripleNet,
            }) {
                reads_back(&lease)?;
            }
        }
        reads_back(&plan)?;
        reads_back(&Plan { name: "plan".into(), deployment: plan, capex: vec![], debt: vec![], terminal_value: wattage::facility::capital::TerminalValue::None })?;
    }
}
