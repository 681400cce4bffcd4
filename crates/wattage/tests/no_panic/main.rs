//! No panics, no silent nonsense: every public parser and deserializer gets
//! arbitrary text and arbitrary JSON/TOML; constructors and every public
//! function family (consensus, payouts, costs, CBECI, fees, halvings,
//! projections, Monte Carlo, fleets, curves, spec files, ...) get NaN,
//! infinities, negatives, zero and extreme values. Each must return a value
//! or a typed error; none may panic, and no `Ok` may hold NaN or infinity
//! anywhere inside it: results are checked field by field with
//! [`AllFinite`].
// A failed check panics: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic, clippy::missing_panics_doc)]

/// `AllFinite` for a result struct: every field is finite. A struct of
/// this suite's own crate family is destructured without `..`, so a field
/// added to it and not listed here fails to compile; a `#[non_exhaustive]`
/// one cannot be, and its serialized keys are checked against the list
/// instead, so a new field fails the first test that checks it.
#[macro_export]
macro_rules! finite_fields {
    (@open $($ty:ident { $($field:ident),+ $(,)? })+) => {$(
        impl AllFinite for $ty {
            fn all_finite(&self) -> bool {
                $crate::every_field_listed(stringify!($ty), self, &[$(stringify!($field)),+]);
                let $ty { $($field),+ , .. } = self;
                true $(&& $field.all_finite())+
            }
        }
    )+};
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {$(
        impl AllFinite for $ty {
            fn all_finite(&self) -> bool {
                let $ty { $($field),+ } = self;
                true $(&& $field.all_finite())+
            }
        }
    )+};
}

/// Fails the test when `value` serializes a field `listed` does not name
/// (the lines of a flattened `money` field are its own).
pub fn every_field_listed(what: &str, value: &impl serde::Serialize, listed: &[&str]) {
    let lines =
        serde_json::to_value(wattage::facility::money_lines::MoneyLines::<Usd>::default()).unwrap();
    let is_line = |key: &str| listed.contains(&"money") && lines.get(key).is_some();
    let json = serde_json::to_value(value).unwrap();
    let keys = json
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>());
    for key in keys.unwrap_or_default() {
        assert!(
            listed.contains(&key.as_str()) || is_line(&key),
            "{what}.{key} is not checked finite"
        );
    }
}

mod configs;
mod facility;
mod found;
mod hardware;
mod mining;
mod probe;
mod units;

use proptest::prelude::*;
use wattage::hardware::compare::EfficiencyGain;
use wattage::hardware::landauer::Gap;
use wattage::hardware::load::Loaded;
use wattage::hardware::operating_mode::{AcceleratorOperatingPoint, AsicOperatingPoint};
use wattage::hardware::{Accelerator, AsicMiner, PeakThroughput};
use wattage::mining::cbeci::{Bounds, CbeciEstimate};
use wattage::mining::halving::{HalvingEstimate, RetargetEstimate};
use wattage::mining::hashprice::NetworkState;
use wattage::mining::network_montecarlo::Bands;
use wattage::mining::operation::PeriodEconomics;
use wattage::mining::operation_projection::{OperationBands, Projection, StepResult};
use wattage::mining::payout::{Luck, Payout};
use wattage::mining::retarget::Retarget;
use wattage::mining::{CompactTarget, Difficulty, Target};
use wattage::units::*;

/// "Every number inside is finite": implemented for the result types of the
/// crates, recursively through their fields. Exact types (money, integers,
/// targets) are finite by construction.
pub trait AllFinite {
    /// Whether no NaN or infinity hides anywhere in `self`.
    fn all_finite(&self) -> bool;
}

impl AllFinite for f64 {
    fn all_finite(&self) -> bool {
        self.is_finite()
    }
}

macro_rules! finite_quantity {
    ($($ty:ty),+) => {$(
        impl AllFinite for $ty {
            fn all_finite(&self) -> bool {
                self.base_value().is_finite()
            }
        }
    )+};
}
finite_quantity!(
    Time,
    Energy,
    Power,
    Frequency,
    Hashes,
    Hashrate,
    HashEfficiency,
    Flops,
    FlopRate,
    ComputeEfficiency
);

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
    Usd,
    Btc,
    BtcPrice,
    EnergyPrice,
    Hashprice,
    Hashcost,
    BtcHashprice,
    LeaseRate,
    GpuHourPrice,
    CapexPerMw,
    Share,
    rust_decimal::Decimal,
    bool,
    u8,
    u16,
    u32,
    u64,
    i64,
    usize,
    String,
    CompactTarget,
    Target,
    Retarget,
    HalvingEstimate,
    chrono::TimeDelta,
    chrono::DateTime<chrono::Utc>,
    chrono::NaiveDate,
    wattage::mining::U256,
    wattage::mining::BlockHeight
);

impl<T: AllFinite> AllFinite for Option<T> {
    fn all_finite(&self) -> bool {
        self.as_ref().is_none_or(AllFinite::all_finite)
    }
}

impl<T: AllFinite> AllFinite for [T] {
    fn all_finite(&self) -> bool {
        self.iter().all(AllFinite::all_finite)
    }
}

impl<T: AllFinite> AllFinite for Vec<T> {
    fn all_finite(&self) -> bool {
        self.as_slice().all_finite()
    }
}

impl<A: AllFinite, B: AllFinite> AllFinite for (A, B) {
    fn all_finite(&self) -> bool {
        self.0.all_finite() && self.1.all_finite()
    }
}

impl AllFinite for Difficulty {
    fn all_finite(&self) -> bool {
        self.get().is_finite() && self.get() > 0.0
    }
}

impl AllFinite for NetworkState {
    fn all_finite(&self) -> bool {
        self.difficulty().all_finite()
    }
}

impl<T: AllFinite> AllFinite for Bounds<T> {
    fn all_finite(&self) -> bool {
        self.lower.all_finite() && self.best.all_finite() && self.upper.all_finite()
    }
}

impl AllFinite for Projection {
    fn all_finite(&self) -> bool {
        self.steps().all_finite()
    }
}

impl<T: AllFinite> AllFinite for Bands<T> {
    fn all_finite(&self) -> bool {
        [&self.p05, &self.p25, &self.p50, &self.p75, &self.p95]
            .iter()
            .all(|b| b.all_finite())
    }
}

impl AllFinite for AsicMiner {
    fn all_finite(&self) -> bool {
        self.hashrate().all_finite() && self.power().all_finite() && self.efficiency().all_finite()
    }
}

impl AllFinite for PeakThroughput {
    fn all_finite(&self) -> bool {
        self.dense().all_finite()
    }
}

impl AllFinite for Accelerator {
    fn all_finite(&self) -> bool {
        self.peaks().all_finite() && self.board_power().all_finite()
    }
}

impl<T: AllFinite> AllFinite for Loaded<T> {
    fn all_finite(&self) -> bool {
        self.items.all_finite()
    }
}

impl AllFinite for EfficiencyGain {
    fn all_finite(&self) -> bool {
        self.ratio().all_finite()
            && self.percent_better().all_finite()
            && self.percent_less_energy().all_finite()
    }
}

impl AllFinite for Gap {
    fn all_finite(&self) -> bool {
        self.energy_per_operation.all_finite()
            && self.floor.all_finite()
            && self.ratio().all_finite()
            && self.orders_of_magnitude().all_finite()
    }
}

finite_fields!(@open
    CbeciEstimate { power, threshold, profitable }
    Luck { expected_blocks, coefficient_of_variation, probability_of_no_block }
    Payout { subsidy, fees, pool_fee, net, luck }
    PeriodEconomics { period, payout, revenue, energy, power_cost, hosting_cost, opex, depreciation }
    StepResult {
        index, start_date, days, start_height, end_height, difficulty, btc_price, economics,
        cumulative_cash_margin,
    }
    OperationBands {
        start_date, btc_price, cumulative_cash_margin, total_mined, paths_paid_back,
        paths_at_price_floor, paths,
    }
);

finite_fields!(
    AsicOperatingPoint { hashrate, power, efficiency }
    AcceleratorOperatingPoint { power, throughput }
);

/// Not serializable, so its fields are listed by hand.
impl AllFinite for RetargetEstimate {
    fn all_finite(&self) -> bool {
        self.projected_timespan_secs.all_finite() && self.difficulty_change.all_finite()
    }
}

/// Fails the test if `result` is an `Ok` with a NaN or infinity inside.
#[track_caller]
pub fn check<T: AllFinite + core::fmt::Debug, E>(what: &str, result: &Result<T, E>) {
    if let Ok(value) = result {
        assert!(
            value.all_finite(),
            "{what}: non-finite value inside Ok: {value:?}"
        );
    }
}

/// Fails the test if `result` is an `Ok` holding a negative quantity.
#[track_caller]
pub fn check_size<Q: Measure + core::fmt::Debug, E>(what: &str, result: &Result<Q, E>) {
    if let Ok(q) = result {
        assert!(
            q.base_value().is_finite() && q.base_value() >= 0.0,
            "{what}: {q:?}"
        );
    }
}

/// Every quantity that can be negative or not, from a nasty base value, by
/// the unchecked operators (as arithmetic makes them), not the constructors.
pub fn raw<Q: Measure + core::ops::Mul<f64, Output = Q>>(one: Q, value: f64) -> Q {
    one * value
}

/// Floats that break naive code.
pub fn nasty_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MIN_POSITIVE),
        Just(f64::MAX),
        Just(f64::MIN),
        Just(f64::EPSILON),
        Just(-1.0),
        Just(1e308),
        Just(1e-308),
        proptest::num::f64::ANY,
    ]
}

/// Text that looks like what people type, and text that does not.
pub fn unit_like_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[-+]?[0-9,]{0,12}(\\.[0-9]{0,6})?([eE][-+]?[0-9]{1,4})? ?[$a-zA-Z/¢ -]{0,14}",
        "\\$?-?[0-9]{1,40}[kMB]?(/[a-zA-Z/ -]{0,12})?",
    ]
}

/// JSON documents: strings, numbers, nesting.
pub fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        unit_like_text().prop_map(serde_json::Value::String),
        proptest::num::f64::NORMAL.prop_map(|f| serde_json::json!(f)),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z_]{1,16}", inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
    .prop_map(|v| v.to_string())
}
