//! A hosting contract's two views agree: the host's simulation of the
//! client's machines, billed month by month, is the revenue the host's
//! ledger books, and the client's margin is its mining less that bill.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::totals_by::{Grouping, simulate_by};
use wattage_facility::workload::{
    Billing, CurtailmentTerms, Hosting, HostingContract, HostingContractSpec, HostingMonth,
};
use wattage_facility::{
    Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, PriceSeries, Pue,
    Resolution, Site, Workload,
};

#[test]
fn a_metered_pass_through_month_bills_what_the_hosts_ledger_books() {
    let start = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
    // 672 hours of February; every fifth hour at $150/MWh, the rest $40.
    let prices = (0..672)
        .map(|h| if h % 5 == 0 { "$150/MWh" } else { "$40/MWh" }.parse())
        .collect::<Result<_, _>>()
        .unwrap();
    let contract = PowerContract::new(PowerSupply::index(
        PriceSeries::new(start, Resolution::Hourly, prices).unwrap(),
        "$0/MWh".parse().unwrap(),
    ));
    let site = Site::new("Host", "20 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "12 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    let hosted = Hosting::new("10 MW".parse().unwrap(), "7 c/kWh".parse().unwrap()).unwrap();
    plan.assign("client", "A", Workload::Hosting(hosted))
        .unwrap();
    let horizon = Horizon::new(start, Resolution::Hourly, 672).unwrap();
    let months = simulate_by(
        &plan,
        &contract,
        horizon,
        Curtailment::AboveBreakeven,
        Grouping::Month,
    )
    .unwrap();
    let host = &months.groups[0].workloads[0];
    assert_eq!(host.curtailed_periods, 135); // the $150 hours: 0, 5, ..., 670

    let terms = HostingContract::new(HostingContractSpec {
        nameplate: "10 MW".parse().unwrap(),
        hashrate: "500 PH/s".parse().unwrap(),
        rate: "7 c/kWh".parse().unwrap(),
        billing: Billing::Metered,
        curtailment: CurtailmentTerms::PassThrough,
        profit_share: None,
        uptime_sla: None,
        deposit_months: 0,
    })
    .unwrap();
    let month =
        HostingMonth::from_totals(host, Decimal::from(672), "$48/PH/day".parse().unwrap()).unwrap();
    let bill = terms.settle(&month).unwrap();
    assert_eq!(bill.amount_due, host.money.revenue);
    assert_eq!(bill.amount_due.to_string(), "$375,900"); // 537 h × 10 MW × $70
    // The client: $2 per PH/s-hour × 500 × 537 h, less the bill.
    assert_eq!(bill.client_margin.to_string(), "$161,100");
}
