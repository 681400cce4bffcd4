//! The reference figures of the Python binding's comparison test: the
//! fixture plans of `crates/wattage-py/tests/data/comparison_*.toml`
//! (two mining halls; hall B converted to an AI lease by a retrofit, its
//! miners sold at book value) compared through the facade, every figure
//! exact. `crates/wattage-py/tests/test_comparison.py` checks that Python
//! gives the same Decimals, digit for digit.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use wattage::facility::comparison::{Assumptions, Comparison, Plan, compare};
use wattage::facility::retrofit::{Conversion, RetrofitPlan};

const ASSUMPTIONS: &str = include_str!("../../wattage-py/tests/data/comparison_assumptions.toml");
const BASE: &str = include_str!("../../wattage-py/tests/data/comparison_base.toml");
const CONVERSION: &str = include_str!("../../wattage-py/tests/data/comparison_conversion.toml");

/// The fixture compared: all mining against hall B leased.
fn fixture() -> Comparison {
    let assumptions: Assumptions = toml::from_str(ASSUMPTIONS).unwrap();
    let base: Plan = toml::from_str(BASE).unwrap();
    let conversion: Conversion = toml::from_str(CONVERSION).unwrap();
    let (deployment, capex) = RetrofitPlan::new(base.deployment.clone())
        .with(conversion)
        .apply()
        .unwrap();
    let alternative = Plan::new("AI lease (hall B)", deployment, capex);
    compare(&base, &alternative, &assumptions).unwrap()
}

#[test]
fn the_fixture_comparison_gives_the_reference_figures() {
    let c = fixture();
    assert_eq!(
        c.base_npv.dollars().to_string(),
        "365381702.96141455218315311118"
    );
    assert_eq!(
        c.alternative_npv.dollars().to_string(),
        "316213961.97904752384527449800"
    );
    assert_eq!(c.incremental_irr.unwrap().to_string(), "0.0615123255824183");
    assert_eq!(
        c.incremental_payback_years.unwrap().to_string(),
        "6.969570503072577713252330267"
    );
    assert_eq!(c.base.payback_years().unwrap().unwrap().to_string(), "0");
    assert_eq!(
        c.alternative.payback_years().unwrap().unwrap().to_string(),
        "2.7388574425445922839054279433"
    );
    let first = &c.years[0];
    assert_eq!(
        first.alternative.asset_sales.dollars().to_string(),
        "41451897.81"
    );
    assert_eq!(
        first.incremental_cash_flow.dollars().to_string(),
        "-313162048.77589897330595482548"
    );
    assert_eq!(
        c.years[9].incremental_cash_flow.dollars().to_string(),
        "56304055.207127312823245174520"
    );
}
