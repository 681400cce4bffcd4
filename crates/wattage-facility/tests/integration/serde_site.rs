//! Serde: sites, contracts, workloads, leases, plans and results round-trip,
//! and invalid input is rejected by the same checks as the constructors.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::Curtailment;
use wattage_facility::comparison::Plan;
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::lease::LeaseStructure;
use wattage_facility::power::{DemandCharge, FinancialBlock, FourCp, PowerContract, PowerSupply};
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage_facility::run::simulate_site;
use wattage_facility::site::Site;
use wattage_facility::summary::{CapexPayment, Summary};
use wattage_facility::workload::{GpuCloud, GpuCloudSpec, Workload};

use crate::site_run::{cents, lease, miners, site, t0, usd};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug>(
    value: &T,
) -> String {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
    json
}

#[test]
fn sites_contracts_workloads_and_plans_round_trip() {
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    plan.assign(
        "tenant",
        "ai",
        lease(
            LeaseStructure::TripleNet,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ),
    )
    .unwrap();
    let json = round_trip(&plan);
    assert!(json.contains("\"16 MW\""), "{json}");
    round_trip(&Pue::hourly(t0(), vec![1.1, 1.2]).unwrap());
    let series =
        PriceSeries::new(t0(), Resolution::Hourly, vec![cents(2_500), cents(-300)]).unwrap();
    let peaks = [(6, 27), (7, 19), (8, 20), (9, 5)]
        .map(|(m, d)| Utc.with_ymd_and_hms(2026, m, d, 21, 45, 0).unwrap());
    let contract = PowerContract::new(PowerSupply::index(series.clone(), cents(200)))
        .with_block(
            FinancialBlock::new("6 MW".parse().unwrap(), "$40/MWh".parse().unwrap()).unwrap(),
        )
        .unwrap()
        .with_demand_charge(DemandCharge::per_kw_month(usd("$4")).unwrap())
        .with_transmission(vec![FourCp::new(peaks).unwrap()], usd("$45"))
        .unwrap()
        .with_demand_response("5 MW".parse().unwrap(), "$3/MWh".parse().unwrap())
        .unwrap();
    round_trip(&contract);
    round_trip(
        &PowerContract::new(PowerSupply::fixed("$30/MWh".parse().unwrap()))
            .with_sell_back(series)
            .unwrap(),
    );
    let cloud = GpuCloud::new(GpuCloudSpec {
        accelerator: "B200".into(),
        count: 1_000,
        power_per_device: "1.8 kW".parse().unwrap(),
        price: "$3.5/GPU-h".parse().unwrap(),
        utilization: Decimal::new(8, 1),
        capex_per_gpu: usd("$40,000"),
        life_years: 5,
    })
    .unwrap();
    round_trip(&Workload::GpuCloud(cloud));
    round_trip(&Horizon::new(t0(), Resolution::FifteenMinutes, 96).unwrap());
    round_trip(&Curtailment::AbovePrice(cents(9_000)));
    let retrofit = RetrofitPlan::new(plan.clone()).with(Conversion {
        displaced: Displaced::Sell,
        assets: vec![],
        hall: "mining".into(),
        construction_from: t0(),
        live_from: t0(),
        name: "ai-2".into(),
        workload: lease(
            LeaseStructure::Gross,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ),
        pue: Pue::constant(1.2).unwrap(),
        capex: vec![CapexPayment {
            at: t0(),
            amount: usd("$100M"),
        }],
    });
    round_trip(&retrofit);
    round_trip(&Plan {
        debt: vec![],
        terminal_value: wattage_facility::capital::TerminalValue::None,
        name: "p".into(),
        deployment: plan,
        capex: vec![],
    });
}

#[test]
fn invalid_input_is_rejected_on_the_way_in() {
    let bad_pue = serde_json::from_str::<Pue>(r#"{"constant":0.9}"#).unwrap_err();
    assert!(
        bad_pue
            .to_string()
            .contains("PUE must be finite and at least 1, got 0.9"),
        "{bad_pue}"
    );
    let crowded = r#"{"name":"S","interconnect":"10 MW","halls":[{"name":"A","it_capacity":"9 MW","pue":{"constant":1.2}}]}"#;
    let err = serde_json::from_str::<Site>(crowded).unwrap_err();
    assert!(
        err.to_string()
            .contains("over its interconnect capacity 10 MW"),
        "{err}"
    );
    // A deployment whose workloads overfill a hall.
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    let json = serde_json::to_string(&plan)
        .unwrap()
        .replace("\"16 MW\"", "\"95 MW\"");
    let err = serde_json::from_str::<Deployment>(&json).unwrap_err();
    assert!(
        err.to_string().contains("cannot carry 95 MW of IT load"),
        "{err}"
    );
    let lease = r#"{"critical_it":"10 MW","rate":"$100/kW/month","escalator":"0","term_months":0,"start":"2026-01-01","structure":"gross"}"#;
    assert!(serde_json::from_str::<wattage_facility::lease::ColocationLease>(lease).is_err());
    let horizon = r#"{"start":"2026-01-01T00:30:00Z","resolution":"hourly","periods":3}"#;
    assert!(serde_json::from_str::<Horizon>(horizon).is_err());
}

#[test]
fn results_serialize() {
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let ledger = simulate_site(
        &plan,
        &contract,
        Horizon::new(t0(), Resolution::Hourly, 3).unwrap(),
        Curtailment::AlwaysOn,
    )
    .unwrap();
    let summary = Summary::new(&ledger, &plan, usd("$0")).unwrap();
    let json = serde_json::to_string(&summary).unwrap();
    assert!(json.contains("\"self-mining\""), "{json}");
    assert!(
        serde_json::to_string(&ledger)
            .unwrap()
            .contains("energy_cost")
    );
}

#[test]
fn reserve_offers_and_hosting_contracts_read_through_their_validation() {
    use wattage_facility::power::ReserveOffer;
    use wattage_facility::workload::HostingContract;

    let offer = r#"{"service": "responsive", "prices": {"start": "2024-01-01T00:00:00Z", "resolution": "hourly", "prices": ["$5/MWh", "$6/MWh"]},
        "share": "0.5", "calls": {"expected": "0.01"}, "controllable": false}"#;
    let read: ReserveOffer = serde_json::from_str(offer).unwrap();
    assert_eq!(read.share(), rust_decimal::Decimal::new(5, 1));
    let back: ReserveOffer = serde_json::from_str(&serde_json::to_string(&read).unwrap()).unwrap();
    assert_eq!(back, read);
    // Regulation Down is refused; an unknown key is named.
    assert!(
        serde_json::from_str::<ReserveOffer>(&offer.replace("responsive", "regulation_down"))
            .is_err()
    );
    let err = serde_json::from_str::<ReserveOffer>(&offer.replace("\"share\"", "\"shares\""))
        .unwrap_err();
    assert!(err.to_string().contains("shares"), "{err}");

    let hosting = r#"{"nameplate": "10 MW", "hashrate": "500 PH/s", "rate": "7 c/kWh", "billing": "nameplate",
        "curtailment": {"credit": "$20/MWh"}, "profit_share": {"threshold": "$36/PH/day", "share": "0.2"},
        "uptime_sla": {"guaranteed": "0.995"}, "deposit_months": 2}"#;
    let read: HostingContract = serde_json::from_str(hosting).unwrap();
    let back: HostingContract =
        serde_json::from_str(&serde_json::to_string(&read).unwrap()).unwrap();
    assert_eq!(back, read);
    assert!(
        serde_json::from_str::<HostingContract>(&hosting.replace("\"0.2\"", "\"1.2\"")).is_err()
    );
}

/// Assets and financings read back through their validating specs; an
/// asset with a bad life or an unknown key is refused naming it.
#[test]
fn assets_and_financings_round_trip_and_bad_ones_are_refused() {
    use wattage_facility::capital::{
        Asset, AssetKind, AssetSpec, Discounting, Financing, FinancingSpec, Price, Resale,
        ResaleCurve, Serves, TaxDepreciationSpec, TerminalValue,
    };
    let mut plan = Deployment::new(site());
    plan.assign("fleet", "mining", miners("$50/PH/day"))
        .unwrap();
    plan.add_asset(
        Asset::new(AssetSpec {
            name: "miners".into(),
            serves: Serves::Workload("fleet".into()),
            kind: AssetKind::Miners {
                units: 5_000,
                hashrate: "1 EH/s".parse().unwrap(),
                efficiency: "16 J/TH".parse().unwrap(),
            },
            price: Price::PerTerahash(Decimal::from(12)),
            purchased: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            life_months: 36,
            residual: usd("$0"),
            resale: Resale::Curve(ResaleCurve::default_shape()),
            refresh: None,
            sold_on: None,
        })
        .unwrap(),
    )
    .unwrap();
    let json = round_trip(&plan);
    let bad = json.replace("\"life_months\":36", "\"life_months\":-3");
    let err = serde_json::from_str::<Deployment>(&bad)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("asset \"miners\"") && err.contains("-3"),
        "{err}"
    );
    let typo = json.replace("\"life_months\"", "\"life_month\"");
    assert!(serde_json::from_str::<Deployment>(&typo).is_err());
    let financing = Financing::new(FinancingSpec {
        debt: vec![],
        taxes: None,
        tax_depreciation: TaxDepreciationSpec::default(),
        terminal_value: TerminalValue::EbitdaMultiple(Decimal::from(8)),
        discount_rate: Decimal::new(1, 1),
        discounting: Discounting::Dated,
    })
    .unwrap();
    let json = round_trip(&financing);
    let negative = json.replace("\"ebitda_multiple\":\"8\"", "\"ebitda_multiple\":\"-8\"");
    assert_ne!(negative, json, "{json}");
    assert!(serde_json::from_str::<Financing>(&negative).is_err());
    // Monthly discounting is a financing of its own, by name.
    let monthly = json.replace(
        "\"discounting\":\"dated\"",
        "\"discounting\":{\"yearly\":{\"period\":\"month\",\"first_flow\":\"end_of_first_period\"}}",
    );
    assert_ne!(monthly, json, "{json}");
    let read: Financing = serde_json::from_str(&monthly).unwrap();
    assert_eq!(
        read.spec().discounting,
        Discounting::Yearly(wattage_finance::Timing {
            period: wattage_finance::timing::Period::Month,
            first_flow: wattage_finance::timing::FirstFlow::EndOfFirstPeriod,
        })
    );
}
