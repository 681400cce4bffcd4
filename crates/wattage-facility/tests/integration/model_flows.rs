//! Business models financed and taxed: each model's yearly cash flows
//! carry its own lines, sum to its P&L, and give NPV and IRR per model.

use std::sync::OnceLock;

use crate::fixtures::{capital_fleet, date, usd, utc};
use rust_decimal::Decimal;
use wattage_facility::business_model::{BusinessModel, ModelPnl, ModelPrices};
use wattage_facility::capital::{
    Asset, AssetKind, AssetSpec, Discounting, Financing, FinancingSpec, PlanFinance, Price, Resale,
    Serves, TaxDepreciationSpec, TerminalValue,
};
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::ledger::SiteLedger;
use wattage_facility::power::{PowerContract, PowerSupply};
use wattage_facility::price_series::Resolution;
use wattage_facility::pue::Pue;
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::{CapexPayment, CashFlows, YearRow};
use wattage_facility::workload::{Colocation, Workload};
use wattage_facility::{ColocationLease, Curtailment, LeaseSpec, LeaseStructure};
use wattage_finance::debt::{Frequency, InterestRate, Repayment, TrancheSpec};
use wattage_finance::tax::{PropertyTax, TaxSpec};
use wattage_finance::{Taxes, Timing, Tranche};
use wattage_units::{EnergyPrice, Usd};

fn price(text: &str) -> EnergyPrice {
    text.parse().unwrap()
}

fn asset(name: &str, serves: Serves, kind: AssetKind, price: Price, life_months: i64) -> Asset {
    Asset::new(AssetSpec {
        name: name.into(),
        serves,
        kind,
        price,
        purchased: date(2026, 1, 1),
        life_months,
        residual: Usd::ZERO,
        resale: Resale::BookValue,
        refresh: None,
        sold_on: None,
    })
    .unwrap()
}

/// Hall A mines (1 EH/s, its miners $12/TH on a three-year life), hall B
/// is leased (10 MW at $150/kW/month, built for $60M); $5M of site works
/// paid in March. Three years on a $45/MWh fixed contract.
struct Fixture {
    plan: Deployment,
    ledger: SiteLedger,
    capex: [CapexPayment; 1],
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let site = Site::new("S", "40 MW".parse().unwrap())
            .unwrap()
            .with_hall(
                Hall::new("A", "18 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap(),
            )
            .unwrap()
            .with_hall(
                Hall::new("B", "12 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap(),
            )
            .unwrap();
        let fleet = capital_fleet();
        let lease = ColocationLease::new(LeaseSpec {
            critical_it: "10 MW".parse().unwrap(),
            rate: "$150/kW/month".parse().unwrap(),
            escalator: Decimal::new(3, 2),
            term_months: 36,
            start: date(2026, 1, 1),
            structure: LeaseStructure::TripleNet,
        })
        .unwrap();
        let mut plan = Deployment::new(site);
        plan.assign("fleet", "A", Workload::SelfMining(fleet))
            .unwrap();
        plan.assign(
            "tenant",
            "B",
            Workload::Colocation(Colocation::new(lease, Decimal::ONE).unwrap()),
        )
        .unwrap();
        plan.add_asset(asset(
            "miners",
            Serves::Workload("fleet".into()),
            AssetKind::Miners {
                units: 3_704,
                hashrate: "1 EH/s".parse().unwrap(),
                efficiency: "13.5 J/TH".parse().unwrap(),
            },
            Price::PerTerahash(Decimal::from(12)),
            36,
        ))
        .unwrap();
        plan.add_asset(asset(
            "hall B",
            Serves::Hall("B".into()),
            AssetKind::Infrastructure {
                capacity: "10 MW".parse().unwrap(),
            },
            Price::Total(usd("$60M")),
            240,
        ))
        .unwrap();
        let horizon = Horizon::calendar_years(utc(2026, 1, 1), Resolution::Hourly, 3).unwrap();
        let contract = PowerContract::new(PowerSupply::fixed("$45/MWh".parse().unwrap()));
        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        let capex = [CapexPayment {
            at: utc(2026, 3, 1),
            amount: usd("$5M"),
        }];
        Fixture {
            plan,
            ledger,
            capex,
        }
    })
}

const OPEX: &str = "$60,000";

fn model_flows(model: BusinessModel) -> (CashFlows, ModelPnl) {
    let f = fixture();
    let prices = ModelPrices {
        hosting_rate: price("$60/MWh"),
        generation_cost: price("$45/MWh"),
    };
    let flows = model
        .cash_flows(&f.ledger, &f.plan, prices, usd(OPEX), &f.capex)
        .unwrap();
    let pnl = model
        .evaluate(&f.ledger, &f.plan, prices, &f.capex)
        .unwrap();
    (flows, pnl)
}

fn total(rows: &[YearRow], line: fn(&YearRow) -> Usd) -> Usd {
    Usd::try_sum(rows.iter().map(line)).unwrap()
}

/// Whether two amounts agree to a cent per $100M (energy is summed in
/// `f64` per period and over the horizon).
fn close(a: Usd, b: Usd) -> bool {
    let scale = a.dollars().abs().max(b.dollars().abs()).max(Decimal::ONE);
    (a.dollars() - b.dollars()).abs() <= scale * Decimal::new(1, 10) + Decimal::new(1, 2)
}

/// For every model, the year rows sum to its P&L's horizon totals: revenue,
/// power and hosting paid, EBITDA before opex (the gross margin), capex,
/// asset sales and depreciation; opex is the site's for the models that
/// run the facility and none for asset-light.
#[test]
fn each_models_years_sum_to_its_pnl() {
    let site_opex = {
        let f = fixture();
        let site = CashFlows::new(&f.ledger, &f.plan, usd(OPEX), &f.capex).unwrap();
        total(site.rows(), |r| r.opex)
    };
    assert!(site_opex > Usd::ZERO);
    for model in BusinessModel::ALL {
        let (flows, pnl) = model_flows(model);
        let rows = flows.rows();
        assert_eq!(rows.len(), 3);
        let paid = pnl.power_cost.checked_add(pnl.hosting_paid).unwrap();
        let capex = pnl.hardware_capex.checked_add(pnl.facility_capex).unwrap();
        for (what, years, horizon) in [
            ("revenue", total(rows, |r| r.revenue), pnl.revenue),
            ("energy", total(rows, |r| r.energy_cost), paid),
            ("margin", total(rows, |r| r.gross_margin), pnl.ebitda),
            ("capex", total(rows, |r| r.capex), capex),
            ("sales", total(rows, |r| r.asset_sales), pnl.asset_sales),
            (
                "depreciation",
                total(rows, |r| r.depreciation),
                pnl.depreciation,
            ),
        ] {
            assert!(
                close(years, horizon),
                "{model:?} {what}: {years} vs {horizon}"
            );
        }
        let opex = total(rows, |r| r.opex);
        let expected_opex = if model == BusinessModel::AssetLight {
            Usd::ZERO
        } else {
            site_opex
        };
        assert_eq!(opex, expected_opex, "{model:?}");
        let cash = pnl.cash().unwrap().checked_sub(opex).unwrap();
        assert!(close(total(rows, |r| r.cash_flow), cash), "{model:?}");
    }
}

/// Vertically integrated, with generation at the contract's $45/MWh and no
/// other power lines, the model's flows are the site's, to the cent.
#[test]
fn the_vertically_integrated_flows_are_the_sites() {
    let f = fixture();
    let (flows, _) = model_flows(BusinessModel::VerticallyIntegrated);
    let site = CashFlows::new(&f.ledger, &f.plan, usd(OPEX), &f.capex).unwrap();
    assert_eq!(flows.rows().len(), site.rows().len());
    assert_eq!(flows.rows(), site.rows());
    assert_eq!(flows.months(), site.months());
    assert_eq!(flows.assets(), site.assets());
    assert_eq!(flows.capex_payments(), site.capex_payments());
    assert_eq!(flows.interconnect(), site.interconnect());
}

/// Asset-light carries its miners and nothing of the facility: no hall,
/// no site works, no interconnect to tax; colocation carries no capex.
#[test]
fn asset_light_has_no_facility_capex_and_colocation_no_capex() {
    let (light, _) = model_flows(BusinessModel::AssetLight);
    assert_eq!(total(light.rows(), |r| r.capex), usd("$12M"));
    assert!(light.capex_payments().is_empty());
    assert_eq!(light.assets().len(), 1);
    assert_eq!(light.assets()[0].name(), "miners");
    assert_eq!(light.interconnect(), wattage_units::Power::ZERO);
    let (colo, _) = model_flows(BusinessModel::Colocation);
    assert_eq!(total(colo.rows(), |r| r.capex), Usd::ZERO);
    assert!(colo.assets().is_empty());
    let (owner, _) = model_flows(BusinessModel::InfrastructureOwner);
    assert_eq!(total(owner.rows(), |r| r.capex), usd("$65M"));
}

fn financing(rate: Decimal) -> Financing {
    let loan = Tranche::new(TrancheSpec {
        principal: usd("$20M"),
        draws: vec![],
        rate: InterestRate::Fixed(Decimal::new(7, 2)),
        start: date(2026, 1, 1),
        term_months: 36,
        frequency: Frequency::Monthly,
        repayment: Repayment::LevelPayment,
        upfront_fee: Decimal::new(1, 2),
        commitment_fee: Decimal::ZERO,
    })
    .unwrap();
    let taxes = Taxes::new(TaxSpec {
        federal_rate: Decimal::new(21, 2),
        state_rate: Decimal::new(5, 2),
        interest_limit: Some(Decimal::new(30, 2)),
        loss_limit: Some(Decimal::new(80, 2)),
        property_tax: PropertyTax::PerMwYear(usd("$5,000")),
    })
    .unwrap();
    Financing::new(FinancingSpec {
        debt: vec![loan],
        taxes: Some(taxes),
        tax_depreciation: TaxDepreciationSpec::default(),
        terminal_value: TerminalValue::EbitdaMultiple(Decimal::from(4)),
        discount_rate: rate,
        discounting: Discounting::Yearly(Timing::EXCEL_NPV),
    })
    .unwrap()
}

fn series(p: &PlanFinance) -> [wattage_facility::capital::Returns; 4] {
    [
        p.unlevered_pre_tax,
        p.unlevered_after_tax,
        p.levered_pre_tax,
        p.levered_after_tax,
    ]
}

/// Each model financed and taxed: its NPV at each of its IRRs is zero, and
/// DSCR is reported for every year the loan is served.
#[test]
fn each_model_financed_has_zero_npv_at_its_irr() {
    let mut with_irr = 0;
    for model in BusinessModel::ALL {
        let (flows, _) = model_flows(model);
        let f = financing(Decimal::new(10, 2)).evaluate(&flows).unwrap();
        assert_eq!(f.dscr.len(), 3, "{model:?}");
        for (i, returns) in series(&f).into_iter().enumerate() {
            let Some(irr) = returns.irr else { continue };
            with_irr += 1;
            let again = financing(irr).evaluate(&flows).unwrap();
            let value = series(&again)[i].npv.dollars().abs();
            assert!(
                value < Decimal::ONE,
                "{model:?} series {i}: NPV {value} at {irr}"
            );
        }
    }
    // Colocation spends nothing up front, and the $20M loan more than pays
    // for asset-light's $12M of miners: neither flow changes sign. The
    // three models that build the hall have all four IRRs.
    assert_eq!(with_irr, 3 * 4 + 2);
}
