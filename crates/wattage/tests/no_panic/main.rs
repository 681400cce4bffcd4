//! No panics, no silent nonsense: every public parser and deserializer gets
//! arbitrary text and arbitrary JSON/TOML; constructors get NaN, infinities,
//! negatives, zero and extreme values. Each must return a value or a typed
//! error; none may panic, and no `Ok` may hold NaN or infinity.
#![allow(clippy::unwrap_used)]

mod configs;
mod facility;
mod hardware;
mod mining;
mod units;

use proptest::prelude::*;

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
