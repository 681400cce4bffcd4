//! Money shown with every precision 0..=40: `Usd`, `Btc` and every price
//! type, from arbitrary `Decimal`s (every scale 0..=28, up to
//! `Decimal::MAX`) and satoshi amounts. No precision panics; a precision at
//! or beyond the value's own decimals reads back to the same value; a
//! smaller one reads back, when it reads back, to the value rounded half
//! away from zero.
#![no_main]

use core::fmt::Display;
use core::str::FromStr;

use libfuzzer_sys::fuzz_target;
use rust_decimal::{Decimal, RoundingStrategy};
use wattage_units::{
    Btc, BtcHashprice, BtcPrice, CapexPerMw, EnergyPrice, GpuHourPrice, Hashcost, Hashprice,
    LeaseRate, Usd,
};

/// Decimals keep at most 28 places; `Btc` has 8.
const MAX_SCALE: u32 = 28;

/// `toward_zero_at_range`: `Btc` rounds toward zero where rounding away
/// would leave its `i64` satoshi range (documented on its `Display`).
fn every_precision<T>(
    value: &T,
    exact: Decimal,
    scale: u32,
    toward_zero_at_range: bool,
    read: impl Fn(&T) -> Decimal,
) where
    T: Display + FromStr + PartialEq + core::fmt::Debug,
{
    for precision in 0..=40_u32 {
        let shown = format!("{value:.prec$}", prec = precision as usize);
        let back = shown.parse::<T>();
        if precision >= scale {
            let back = back.unwrap_or_else(|_| {
                panic!("{value:?} at .{precision} shows {shown:?}, which does not parse")
            });
            assert_eq!(&back, value, "{value:?} at .{precision} shows {shown:?}");
        } else if let Ok(back) = back {
            let rounded =
                exact.round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero);
            let toward = exact.round_dp_with_strategy(precision, RoundingStrategy::ToZero);
            let got = read(&back);
            assert!(
                got == rounded || (toward_zero_at_range && got == toward),
                "{value:?} at .{precision} shows {shown:?}"
            );
        }
    }
}

fn price<T>(
    exact: Decimal,
    make: fn(Decimal) -> Result<T, wattage_units::MoneyError>,
    read: fn(&T) -> Decimal,
) where
    T: Display + FromStr + PartialEq + core::fmt::Debug,
{
    if let Ok(value) = make(exact) {
        every_precision(&value, exact, exact.scale(), false, read);
    }
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = [0_u8; 21];
    let n = data.len().min(bytes.len());
    bytes[..n].copy_from_slice(&data[..n]);
    let word = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let flags = bytes[12];
    let exact = Decimal::from_parts(
        word(0),
        word(4),
        word(8),
        flags & 0x80 != 0,
        u32::from(flags & 0x1f) % (MAX_SCALE + 1),
    );
    let mut sat = [0_u8; 8];
    sat.copy_from_slice(&bytes[13..21]);
    let sats = i64::from_le_bytes(sat);

    let usd = Usd::new(exact);
    every_precision(&usd, exact, exact.scale(), false, |u| u.dollars());
    let btc = Btc::from_sat(sats);
    every_precision(&btc, btc.to_btc(), 8, true, |b| b.to_btc());

    price(exact, BtcPrice::new, |p| p.value());
    price(exact, EnergyPrice::new, |p| p.value());
    price(exact, Hashprice::new, |p| p.value());
    price(exact, Hashcost::new, |p| p.value());
    price(exact, BtcHashprice::new, |p| p.value());
    price(exact, LeaseRate::new, |p| p.value());
    price(exact, GpuHourPrice::new, |p| p.value());
    price(exact, CapexPerMw::new, |p| p.value());
});
