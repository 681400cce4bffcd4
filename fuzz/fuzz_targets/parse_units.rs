//! Every quantity, money and price parser, and their JSON deserializers, on
//! arbitrary text: no panics, and nothing invalid inside an `Ok`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattage_units::*;

fn quantity<Q>(text: &str)
where
    Q: Measure + core::str::FromStr + core::fmt::Display + serde::de::DeserializeOwned,
{
    if let Ok(q) = text.parse::<Q>() {
        let value = q.base_value();
        assert!(value.is_finite(), "{text:?} parsed to a non-finite value");
        assert!(!Q::NON_NEGATIVE || value >= 0.0, "{text:?} parsed to a negative value");
        // Whatever parses must display and read back.
        let _ = q.to_string();
    }
    if let Ok(q) = serde_json::from_str::<Q>(text) {
        assert!(q.base_value().is_finite());
    }
}

fn money<T: core::str::FromStr + core::fmt::Display + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug>(text: &str)
where
    <T as core::str::FromStr>::Err: core::fmt::Debug,
{
    if let Ok(v) = text.parse::<T>() {
        // Money display is exact: it must read back to the same value.
        let shown = v.to_string();
        assert_eq!(shown.parse::<T>().ok().as_ref(), Some(&v), "{text:?} -> {shown:?}");
    }
    let _ = serde_json::from_str::<T>(text);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else { return };
    quantity::<Time>(text);
    quantity::<Energy>(text);
    quantity::<Power>(text);
    quantity::<Frequency>(text);
    quantity::<Hashes>(text);
    quantity::<Hashrate>(text);
    quantity::<HashEfficiency>(text);
    quantity::<Flops>(text);
    quantity::<FlopRate>(text);
    quantity::<ComputeEfficiency>(text);
    money::<Usd>(text);
    money::<Btc>(text);
    money::<BtcPrice>(text);
    money::<EnergyPrice>(text);
    money::<Hashprice>(text);
    money::<Hashcost>(text);
    money::<BtcHashprice>(text);
    money::<LeaseRate>(text);
    money::<GpuHourPrice>(text);
    money::<CapexPerMw>(text);
});
