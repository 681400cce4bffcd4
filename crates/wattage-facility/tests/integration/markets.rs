//! Power markets as they settle: demand response paid on availability,
//! fixed blocks as financial swaps, 4CP avoidance decided before the fact,
//! lease pass-through lines, sub-hourly prices and fleet availability.

use crate::fixtures::{self, one_hall_site};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::kernel::{PricePath, SiteKernel};
use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage_facility::pass_through::PassThrough;
use wattage_facility::power::{
    AvoidanceTrigger, DemandCharge, FinancialBlock, FourCp, FourCpAvoidance, PowerContract,
    PowerSupply, SystemLoad,
};
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::Summary;
use wattage_facility::workload::{Colocation, Hosting, SelfMining, SelfMiningSpec, Workload};
use wattage_facility::{Curtailment, FacilityError, HashpricePath};
use wattage_units::{EnergyPrice, Usd, unit};

pub(crate) fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 5, 0, 0).unwrap()
}

pub(crate) fn dollars(d: i64) -> EnergyPrice {
    EnergyPrice::new(Decimal::from(d)).unwrap()
}

/// 1 EH/s drawing 20 MW at PUE 1.0 for `hashprice`: at $53.568/PH/day it
/// earns $2,232 an hour on 20 MWh, a breakeven of $111.6/MWh.
pub(crate) fn fleet_plan(hashprice: &str) -> Deployment {
    let mut plan = Deployment::new(one_hall_site("50 MW", "40 MW", 1.0));
    let fleet = fixtures::fleet("1 EH/s", "20 MW", hashprice);
    plan.assign("fleet", "mining", Workload::SelfMining(fleet))
        .unwrap();
    plan
}

pub(crate) fn hourly_index(prices: &[i64]) -> PowerSupply {
    let series = PriceSeries::new(
        start(),
        Resolution::Hourly,
        prices.iter().map(|&p| dollars(p)).collect(),
    )
    .unwrap();
    PowerSupply::index(series, dollars(0))
}

#[test]
fn demand_response_is_paid_only_while_the_load_is_available() {
    // Four hours, the two $900 hours curtailed: a 30 MW commitment at $10
    // is paid for the two hours the fleet ran and could be called off,
    // 30 × $10 × 2 = $600 (it was paid $1,200, all four hours, before).
    let contract = PowerContract::new(hourly_index(&[30, 900, 900, 30]))
        .with_demand_response("30 MW".parse().unwrap(), dollars(10))
        .unwrap();
    let plan = fleet_plan("$53.568/PH/day");
    // The fleet draws 20 MW: grow it to 40 MW so the commitment binds.
    let mut plan = plan;
    plan.assign(
        "fleet 2",
        "mining",
        plan.assignments()[0].workload().clone(),
    )
    .unwrap();
    let horizon = Horizon::new(start(), Resolution::Hourly, 4).unwrap();
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.workload_totals(0).unwrap().curtailed_periods, 2);
    assert_eq!(
        ledger.totals().money.demand_response,
        "$600".parse::<Usd>().unwrap()
    );
    let paid: Vec<Usd> = ledger
        .periods()
        .unwrap()
        .iter()
        .map(|p| p.money.demand_response)
        .collect();
    assert_eq!(
        paid,
        ["$300", "$0", "$0", "$300"].map(|u| u.parse::<Usd>().unwrap())
    );
    // Always on, all four hours are available.
    let on = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    assert_eq!(
        on.totals().money.demand_response,
        "$1,200".parse::<Usd>().unwrap()
    );
}

#[test]
fn a_fixed_block_does_not_hide_the_marginal_price() {
    // A $300 hour under a 75% block at $40 (15 of the fleet's 20 MW). A
    // load-following blend priced the hour at 0.75 × 40 + 0.25 × 300 =
    // $105, below the fleet's $111.6 breakeven, and kept mining at a loss.
    // Settled financially the marginal MWh costs $300: the fleet curtails
    // and the block still pays 15 MW × ($300 − $40) = $3,900.
    let contract = PowerContract::new(hourly_index(&[300]))
        .with_block(FinancialBlock::new("15 MW".parse().unwrap(), dollars(40)).unwrap())
        .unwrap();
    let horizon = Horizon::new(start(), Resolution::Hourly, 1).unwrap();
    let plan = fleet_plan("$53.568/PH/day");
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.workload_totals(0).unwrap().curtailed_periods, 1);
    let t = ledger.totals();
    assert_eq!(t.money.block_settlement, "$3,900".parse::<Usd>().unwrap());
    assert_eq!(
        t.money.gross_margin().unwrap(),
        "$3,900".parse::<Usd>().unwrap()
    );
    // Mining through it would have earned $2,232 − 20 × $300 + $3,900 = $132.
    let on = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    // (Revenue enters money from the f64 hashrate to 15 digits: to the cent.)
    let margin = on
        .totals()
        .money
        .gross_margin()
        .unwrap()
        .dollars()
        .round_dp(2);
    assert_eq!(margin, Decimal::from(132));
}

#[test]
fn a_spike_inside_an_hour_is_decided_at_the_prices_own_resolution() {
    // 15-minute prices $30, $30, $30, $300 on an hourly horizon. The hour
    // averages $97.5, below the fleet's $111.6 breakeven: deciding on the
    // mean, the fleet ran through the $300 quarter. Decided per quarter it
    // sits out that quarter only.
    let quarters = [30, 30, 30, 300].map(dollars).to_vec();
    let series = PriceSeries::new(start(), Resolution::FifteenMinutes, quarters).unwrap();
    let contract = PowerContract::new(PowerSupply::index(series, dollars(0)));
    let hourly = Horizon::new(start(), Resolution::Hourly, 1).unwrap();
    let plan = fleet_plan("$53.568/PH/day");
    let ledger = simulate_site(&plan, &contract, hourly, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.horizon().resolution(), Resolution::FifteenMinutes);
    assert_eq!(ledger.len(), 4);
    let fleet = ledger.workload_totals(0).unwrap();
    assert_eq!(fleet.curtailed_periods, 1);
    assert_eq!(fleet.curtailed_time.get(unit::HOUR), 0.25);
    // 5 MWh a quarter at $30 for three quarters.
    assert_eq!(fleet.money.energy_cost, "$450".parse::<Usd>().unwrap());
    // The kernel decides on the same quarters.
    let kernel = SiteKernel::new(&plan, &contract, hourly).unwrap();
    let path = PricePath::new(&contract, hourly).unwrap();
    let fast = kernel.run(&path, Curtailment::AboveBreakeven);
    assert_eq!(kernel.periods(), 4);
    assert!((fast.workloads[0].money.energy_cost - 450.0).abs() < 1e-6);
}

/// 1 EH/s drawing 20 MW at $48/PH/day.
fn fleet_48() -> SelfMiningSpec {
    let path = HashpricePath::Constant("$48/PH/day".parse().unwrap());
    fixtures::fleet_spec("1 EH/s", "20 MW", path, "$100,000/BTC")
}

fn available_fleet(uptime: Decimal, degradation: Decimal) -> Deployment {
    let mut plan = fleet_plan("$48/PH/day");
    let fleet = SelfMining::new(SelfMiningSpec {
        uptime,
        degradation_per_year: degradation,
        ..fleet_48()
    })
    .unwrap();
    plan = Deployment::new(plan.site().clone());
    plan.assign("fleet", "mining", Workload::SelfMining(fleet))
        .unwrap();
    plan
}

#[test]
fn a_fleets_uptime_scales_revenue_and_energy_and_degradation_compounds() {
    let day = Horizon::new(start(), Resolution::Hourly, 24).unwrap();
    let flat = PowerContract::new(PowerSupply::fixed(dollars(30)));
    // 95% up: 1,000 PH/s × $48 × 0.95 = $45,600 a day on 20 MW × 0.95 × 24 h.
    let plan = available_fleet(Decimal::new(95, 2), Decimal::ZERO);
    let ledger = simulate_site(&plan, &flat, day, Curtailment::AlwaysOn).unwrap();
    let fleet = ledger.workload_totals(0).unwrap();
    assert_eq!(
        fleet.money.revenue.dollars().round_dp(2),
        Decimal::from(45_600)
    );
    assert_eq!(fleet.energy.get(unit::MEGAWATT_HOUR), 456.0);
    // Losing 10% a year: a day's revenue 365 days on is 0.9^(365/365.25)
    // of the first day's, about 0.9001; the power drawn does not fall.
    let year = Horizon::new(start(), Resolution::Hourly, 24 * 366).unwrap();
    let plan = available_fleet(Decimal::ONE, Decimal::new(1, 1));
    let ledger = simulate_site(&plan, &flat, year, Curtailment::AlwaysOn).unwrap();
    let periods: Vec<_> = ledger.workload_periods(0).collect();
    let day_revenue = |d: usize| -> f64 {
        periods[d * 24..(d + 1) * 24]
            .iter()
            .map(|p| p.money.revenue.dollars().to_f64().unwrap())
            .sum()
    };
    let ratio = day_revenue(365) / day_revenue(0);
    assert!(
        (ratio - 0.9_f64.powf(365.0 / 365.25)).abs() < 1e-9,
        "{ratio}"
    );
    assert!(day_revenue(200) < day_revenue(100));
    assert_eq!(periods[24 * 365].energy, periods[0].energy);
    // Out of range.
    assert!(matches!(
        SelfMining::new(SelfMiningSpec {
            uptime: Decimal::new(11, 1),
            ..fleet_48()
        }),
        Err(FacilityError::InvalidShare {
            what: "fleet uptime",
            ..
        })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A financially settled block changes the site's cash in every period
    /// by exactly (index − fixed) × volume × hours, whatever the load does,
    /// and never changes what the load does.
    #[test]
    fn a_block_changes_cash_by_its_spread_whatever_the_load_does(
        prices in prop::collection::vec(-50_i64..2_000, 1..48),
        volume_mw in 1_u32..60,
        fixed in -20_i64..200,
        hashprice in 20_u32..90,
        policy in 0_u8..3,
    ) {
        let policy = [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice(dollars(100))][usize::from(policy)];
        let plan = fleet_plan(&format!("${hashprice}/PH/day"));
        let horizon = Horizon::new(start(), Resolution::Hourly, prices.len()).unwrap();
        let bare = PowerContract::new(hourly_index(&prices));
        let block = FinancialBlock::new(format!("{volume_mw} MW").parse().unwrap(), dollars(fixed)).unwrap();
        let hedged = bare.clone().with_block(block).unwrap();
        let a = simulate_site(&plan, &bare, horizon, policy).unwrap();
        let b = simulate_site(&plan, &hedged, horizon, policy).unwrap();
        prop_assert_eq!(a.workload_totals(0), b.workload_totals(0));
        let (pa, pb) = (a.periods().unwrap(), b.periods().unwrap());
        let mut total = Decimal::ZERO;
        for (t, (x, y)) in pa.iter().zip(&pb).enumerate() {
            let spread = Decimal::from(prices[t] - fixed) * Decimal::from(volume_mw);
            let change = y.money.gross_margin().unwrap().checked_sub(x.money.gross_margin().unwrap()).unwrap();
            prop_assert_eq!(change.dollars(), spread);
            total += spread;
        }
        let change = b.totals().money.gross_margin().unwrap().checked_sub(a.totals().money.gross_margin().unwrap()).unwrap();
        prop_assert_eq!(change.dollars(), total);
    }
}

/// Hourly system load June to September 2026 (Central daylight time):
/// a daily shape peaking at 17:00, a base rising by `trend` MW a day, and
/// one hot afternoon per month from `hot`.
pub(crate) fn summer_load(hot: [usize; 4], trend: f64) -> SystemLoad {
    let begin = Utc.with_ymd_and_hms(2026, 6, 1, 5, 0, 0).unwrap();
    let days = 30 + 31 + 31 + 30;
    let mut mw = Vec::with_capacity(days * 24);
    for day in 0..days {
        for hour in 0..24 {
            let shape = 10_000.0 * (1.0 - ((hour as f64 - 17.0) / 12.0).powi(2));
            let mut v = 60_000.0 + trend * day as f64 + shape;
            if hot.contains(&day) && hour == 17 {
                v += 5_000.0;
            }
            mw.push(v);
        }
    }
    SystemLoad::new(begin, Resolution::Hourly, mw).unwrap()
}

/// A fleet (20 MW) and 10 MW of hosted miners, both interruptible, on a flat $30 under a 4CP charge of $50 per
/// kW-year on `peaks`, with an optional avoidance policy.
fn four_cp_case(peaks: FourCp, avoidance: Option<FourCpAvoidance>) -> (Deployment, PowerContract) {
    let mut plan = fleet_plan("$53.568/PH/day");
    plan.assign(
        "hosted",
        "mining",
        Workload::Hosting(Hosting::new("10 MW".parse().unwrap(), dollars(80)).unwrap()),
    )
    .unwrap();
    let mut contract = PowerContract::new(PowerSupply::fixed(dollars(30)))
        .with_transmission(vec![peaks], "$50".parse().unwrap())
        .unwrap();
    if let Some(a) = avoidance {
        contract = contract.with_four_cp_avoidance(a).unwrap();
    }
    (plan, contract)
}

#[test]
fn four_cp_is_avoided_on_a_forecast_and_billed_over_the_next_year() {
    // Hot afternoons on June 20, July 15, August 10 and September 5.
    let actual = summer_load([19, 44, 70, 96], 20.0);
    let peaks = FourCp::from_system_load(&actual, 2026).unwrap();
    let at = |m, d| Utc.with_ymd_and_hms(2026, m, d, 22, 0, 0).unwrap();
    assert_eq!(
        peaks.intervals(),
        [at(6, 20), at(7, 15), at(8, 10), at(9, 5)]
    );
    // Horizon: June 2026 to the end of 2027, so the tag's year is billed.
    let begin = Utc.with_ymd_and_hms(2026, 6, 1, 5, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap();
    let hours = usize::try_from((end - begin).num_hours()).unwrap();
    let horizon = Horizon::new(begin, Resolution::Hourly, hours).unwrap();
    // The forecast misses the June heat by a day (it expects June 21):
    // the top-2 policy of each month still catches the other three.
    let forecast = summer_load([20, 44, 70, 96], 20.0);
    let policy = FourCpAvoidance::new(forecast, AvoidanceTrigger::MonthTopK(2)).unwrap();
    let (plan, contract) = four_cp_case(peaks, Some(policy));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    // Always on ignores the policy: tag 20 + 10 MW.
    assert_eq!(ledger.four_cp_tags()[0].tag_mw, Decimal::from(30));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let tag = ledger.four_cp_tags()[0];
    // June's realised peak was missed: (30 + 0 + 0 + 0) / 4 = 7.5 MW.
    assert_eq!(tag.tag_mw, Decimal::new(75, 1));
    assert_eq!(tag.avoidance_hours, Decimal::from(8)); // 2 hours × 4 months
    assert_eq!(
        ledger
            .workload_totals(0)
            .unwrap()
            .curtailed_time
            .get(unit::HOUR),
        8.0
    );
    // 7,500 kW × $50 = $375,000 for 2027, $31,250 a month from January.
    assert_eq!(tag.annual_charge, "$375,000".parse::<Usd>().unwrap());
    assert_eq!(ledger.totals().money.transmission_charge, tag.annual_charge);
    let billed: Vec<(DateTime<Utc>, Usd)> = ledger
        .periods()
        .unwrap()
        .iter()
        .filter(|p| p.money.transmission_charge != Usd::ZERO)
        .map(|p| (p.start, p.money.transmission_charge))
        .collect();
    assert_eq!(billed.len(), 12);
    assert_eq!(
        billed[0],
        (
            Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
            "$31,250".parse().unwrap()
        )
    );
    // With perfect foresight (forecast = actual), top-1 catches all four.
    let perfect = FourCpAvoidance::new(actual, AvoidanceTrigger::MonthTopK(1)).unwrap();
    let (plan, contract) = four_cp_case(peaks, Some(perfect));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.four_cp_tags()[0].tag_mw, Decimal::ZERO);
    // A threshold policy: every hour the forecast reaches 74,000 MW.
    let forecast = summer_load([19, 44, 70, 96], 20.0);
    let above = forecast.mw().iter().filter(|&&v| v >= 74_000.0).count();
    let policy = FourCpAvoidance::new(forecast, AvoidanceTrigger::AboveMw(74_000.0)).unwrap();
    let (plan, contract) = four_cp_case(peaks, Some(policy));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let tag = ledger.four_cp_tags()[0];
    assert_eq!(tag.avoidance_hours, Decimal::from(above));
    assert_eq!(tag.tag_mw, Decimal::ZERO);
    // A horizon ending in 2026 bills nothing: the tag's year is outside it.
    let short = Horizon::new(begin, Resolution::Hourly, 24 * 122).unwrap();
    let ledger = simulate_site(&plan, &contract, short, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.totals().money.transmission_charge, Usd::ZERO);
    assert_eq!(ledger.four_cp_tags()[0].tag_mw, Decimal::ZERO);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// With a perfect forecast (forecast = actual), the top-1 policy
    /// achieves the perfect-foresight tag: every interruptible load off in
    /// the four peaks, a tag of zero.
    #[test]
    fn a_perfect_forecast_achieves_the_perfect_foresight_tag(
        noise in prop::collection::vec(0_u16..8_000, 122 * 24),
    ) {
        let begin = Utc.with_ymd_and_hms(2026, 6, 1, 5, 0, 0).unwrap();
        let mw: Vec<f64> = noise.iter().map(|&n| 55_000.0 + f64::from(n)).collect();
        let actual = SystemLoad::new(begin, Resolution::Hourly, mw).unwrap();
        let peaks = FourCp::from_system_load(&actual, 2026).unwrap();
        let policy = FourCpAvoidance::new(actual, AvoidanceTrigger::MonthTopK(1)).unwrap();
        let (plan, contract) = four_cp_case(peaks, Some(policy));
        let horizon = Horizon::new(begin, Resolution::Hourly, 122 * 24).unwrap();
        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        let tag = ledger.four_cp_tags()[0];
        // Perfect foresight: the loads off in exactly the four peaks.
        prop_assert_eq!(tag.tag_mw, Decimal::ZERO);
        prop_assert_eq!(tag.avoidance_hours, Decimal::from(4));
    }
}

/// ERCOT's hourly Native Load for 2023, read by the library's reader.
#[cfg(feature = "std")]
fn ercot_native_load_2023() -> SystemLoad {
    use wattage_facility::price_series::iso::ercot_load::{Zone, read_native_load};
    read_native_load(
        crate::ercot_files::data_file("ercot_native_load_2023.csv"),
        Zone::System,
    )
    .unwrap()
}

#[cfg(feature = "std")]
#[test]
#[ignore = "needs shared/data"]
fn ercot_2023_peaks_and_an_avoidance_threshold() {
    let load = ercot_native_load_2023();
    assert_eq!(load.len(), 8_760);
    // The summer months' peak hours of 2023, as PROVENANCE-ercot_native_load.md
    // derives them (06/27 HE18, 07/31 HE17, 08/10 HE18, 09/08 HE17, CDT);
    // August's is ERCOT's record, 85,464 MW on 2023-08-10, 17:00-18:00 CDT.
    let peaks = FourCp::from_system_load(&load, 2023).unwrap();
    let at = |m, d, h| Utc.with_ymd_and_hms(2023, m, d, h, 0, 0).unwrap();
    assert_eq!(
        peaks.intervals(),
        [at(6, 27, 22), at(7, 31, 21), at(8, 10, 22), at(9, 8, 21)]
    );
    // Curtail whenever the (perfect) forecast reaches 80,000 MW: June's
    // peak of 80,787 MW is the lowest, so all four are caught.
    let begin = Utc.with_ymd_and_hms(2023, 6, 1, 5, 0, 0).unwrap();
    let horizon = Horizon::new(begin, Resolution::Hourly, 122 * 24).unwrap();
    let summer_hours = load.mw()[(151 * 24 + 2)..]
        .iter()
        .take(122 * 24)
        .filter(|&&v| v >= 80_000.0)
        .count();
    let policy = FourCpAvoidance::new(load, AvoidanceTrigger::AboveMw(80_000.0)).unwrap();
    let (plan, contract) = four_cp_case(peaks, Some(policy));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let tag = ledger.four_cp_tags()[0];
    assert_eq!(tag.tag_mw, Decimal::ZERO);
    assert_eq!(tag.avoidance_hours, Decimal::from(summer_hours));
    assert!(summer_hours > 4 && summer_hours < 400, "{summer_hours}");
}

/// The 20 MW fleet beside a 40 MW tenant (PUE 1.0) on `lines`, a flat $30,
/// a $5/kW-month demand charge and a $50/kW-year 4CP charge on `peaks`.
fn lease_case(
    structure: LeaseStructure,
    lines: Option<PassThrough>,
    peaks: FourCp,
) -> (Deployment, PowerContract) {
    let mut plan = fleet_plan("$53.568/PH/day");
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: "40 MW".parse().unwrap(),
        rate: "$120/kW/month".parse().unwrap(),
        escalator: Decimal::ZERO,
        term_months: 120,
        start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        structure,
    })
    .unwrap();
    let mut tenant = Colocation::new(lease, Decimal::ONE).unwrap();
    if let Some(lines) = lines {
        tenant = tenant.with_pass_through(lines);
    }
    let site = Site::new("S", "100 MW".parse().unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "mining",
                "40 MW".parse().unwrap(),
                Pue::constant(1.0).unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
        .with_hall(Hall::new("ai", "40 MW".parse().unwrap(), Pue::constant(1.0).unwrap()).unwrap())
        .unwrap();
    let fleet = plan.assignments()[0].workload().clone();
    plan = Deployment::new(site);
    plan.assign("fleet", "mining", fleet).unwrap();
    plan.assign("tenant", "ai", Workload::Colocation(tenant))
        .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed(dollars(30)))
        .with_demand_charge(DemandCharge::per_kw_month("$5".parse().unwrap()).unwrap())
        .with_transmission(vec![peaks], "$50".parse().unwrap())
        .unwrap();
    (plan, contract)
}

#[test]
fn a_triple_net_tenant_repays_its_demand_4cp_and_opex_and_each_line_switches() {
    let actual = summer_load([19, 44, 70, 96], 20.0);
    let peaks = FourCp::from_system_load(&actual, 2026).unwrap();
    // June 2026 to the end of 2027: 19 months of demand charges, and the
    // 2026 tag billed over 2027.
    let begin = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap();
    let hours = usize::try_from((end - begin).num_hours()).unwrap();
    let horizon = Horizon::new(begin, Resolution::Hourly, hours).unwrap();
    let usd = |s: &str| s.parse::<Usd>().unwrap();
    let run = |structure, lines| {
        let (plan, contract) = lease_case(structure, lines, peaks);
        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
        let summary = Summary::new(&ledger, &plan, usd("$100,000")).unwrap();
        (ledger, summary)
    };
    // Triple-net: the tenant's 40 MW of each month's 60 MW peak, 40,000 kW
    // × $5 × 19 months = $3,800,000; its 40 MW of the 60 MW tag, 40,000 kW
    // × $50 = $2,000,000 over 2027. And no opex for its hall.
    let (nnn, summary) = run(LeaseStructure::TripleNet, None);
    let t = nnn.totals();
    assert_eq!(t.money.demand_charge, usd("$5,700,000")); // 60,000 kW × $5 × 19
    assert_eq!(t.money.transmission_charge, usd("$3,000,000")); // 60,000 kW × $50
    assert_eq!(t.money.charges_passed_through, usd("$5,800,000"));
    assert_eq!(summary.workloads[1].opex, Usd::ZERO);
    assert!(summary.workloads[0].opex > Usd::ZERO);
    // The tenant's energy passes through too: 40 MWh × $30 an hour.
    let tenant = nnn.workload_totals(1).unwrap();
    assert_eq!(
        tenant.money.pass_through,
        Usd::new(Decimal::from(1_200 * hours as i64))
    );
    // Gross: the landlord keeps every line, and pays the tenant hall's opex.
    let (gross, summary) = run(LeaseStructure::Gross, None);
    assert_eq!(gross.totals().money.charges_passed_through, Usd::ZERO);
    assert_eq!(
        gross.workload_totals(1).unwrap().money.pass_through,
        Usd::ZERO
    );
    assert!(summary.workloads[1].opex > Usd::ZERO);
    // Switched line by line: triple-net energy and 4CP only.
    let lines = PassThrough {
        energy: true,
        transmission: true,
        ..PassThrough::NONE
    };
    let (modified, summary) = run(LeaseStructure::TripleNet, Some(lines));
    assert_eq!(
        modified.totals().money.charges_passed_through,
        usd("$2,000,000")
    );
    assert_eq!(
        modified.workload_totals(1).unwrap().money.pass_through,
        tenant.money.pass_through
    );
    assert!(summary.workloads[1].opex > Usd::ZERO);
    // Every line is booked in its period: totals are the periods' sums.
    let sum = nnn.periods().unwrap().iter().fold(Usd::ZERO, |s, p| {
        s.checked_add(p.money.charges_passed_through).unwrap()
    });
    assert_eq!(sum, t.money.charges_passed_through);
}

/// ERCOT's hourly Native Load, June to September 2021, shipped in
/// `tests/data/` (see its provenance file).
fn ercot_native_load_2021_summer() -> SystemLoad {
    let text = include_str!("../data/ercot_native_load_2021_summer.csv");
    let mut first = None;
    let mut mw = Vec::new();
    for row in text.lines().skip(1) {
        let (ending, load) = row.split_once(',').unwrap();
        let ending = chrono::NaiveDateTime::parse_from_str(ending, "%Y-%m-%d %H:%M:%S")
            .unwrap()
            .and_utc();
        first.get_or_insert(ending - chrono::TimeDelta::hours(1));
        mw.push(load.parse::<f64>().unwrap());
    }
    SystemLoad::new(first.unwrap(), Resolution::Hourly, mw).unwrap()
}

#[test]
fn ercot_2021_summer_peaks_and_a_day_ahead_persistence_forecast() {
    let actual = ercot_native_load_2021_summer();
    assert_eq!(actual.len(), 2_928);
    // The month peaks of ERCOT's 2021 Native Load, all hour ending 17:00
    // CDT (PROVENANCE-ercot_native_load_2021_summer.md): starts 21:00 UTC.
    let peaks = FourCp::from_system_load(&actual, 2021).unwrap();
    let at = |m, d| Utc.with_ymd_and_hms(2021, m, d, 21, 0, 0).unwrap();
    assert_eq!(
        peaks.intervals(),
        [at(6, 23), at(7, 26), at(8, 24), at(9, 1)]
    );
    let begin = Utc.with_ymd_and_hms(2021, 6, 1, 5, 0, 0).unwrap();
    let august = usize::try_from((peaks.intervals()[2] - begin).num_hours()).unwrap();
    assert_eq!(actual.mw()[august].round(), 73_651.0); // the 2021 record
    // A day-ahead persistence forecast (each hour as it was 24 hours
    // before) with the top 5 hours of each month: it sees a peak only when
    // the day before was as hot.
    let mut shifted = vec![actual.mw()[0]; 24];
    shifted.extend_from_slice(&actual.mw()[..actual.len() - 24]);
    let forecast = SystemLoad::new(begin, Resolution::Hourly, shifted).unwrap();
    let policy = FourCpAvoidance::new(forecast, AvoidanceTrigger::MonthTopK(5)).unwrap();
    let (plan, contract) = four_cp_case(peaks, Some(policy));
    let horizon = Horizon::new(begin, Resolution::Hourly, actual.len()).unwrap();
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let tag = ledger.four_cp_tags()[0];
    assert_eq!(tag.avoidance_hours, Decimal::from(20)); // 5 hours × 4 months
    // Persistence flags the days after the June, July and August peaks
    // (each peak day was hotter than the day before it) and catches only
    // September's, on September 1 after a hot August 31: the 30 MW site
    // is on in three of the four peaks, a tag of 22.5 MW.
    assert_eq!(tag.tag_mw, Decimal::new(225, 1));
}
