//! A year of daily hashprice: the typed, exact path (`NetworkState` with
//! `Difficulty`, satoshi subsidy and fees, `BtcPrice`, a `Decimal` result)
//! against the same formula on raw `f64`, with the ratio and the largest
//! difference printed.
//!
//! Run with `cargo bench -p wattage-mining --bench daily_hashprice`.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage_mining::Difficulty;
use wattage_mining::hashprice::{Fees, NetworkState};
use wattage_units::{Btc, BtcPrice, Hashprice, Hashrate, Time, unit};

const DAYS: usize = 365;

struct Day {
    difficulty: f64,
    fees_sat: i64,
    price_cents: i64,
}

/// A synthetic year: difficulty growing 3% a month, fees and price wobbling.
fn year() -> Vec<Day> {
    (0..DAYS)
        .map(|d| Day {
            difficulty: 125e12 * 1.03_f64.powf(d as f64 / 30.4375),
            fees_sat: 1_500_000 + ((d * 7_919) % 1_000_000) as i64,
            price_cents: 6_200_000 + ((d * 104_729) % 1_000_000) as i64,
        })
        .collect()
}

fn typed(days: &[Day]) -> Vec<Hashprice> {
    let subsidy = Btc::from_sat(312_500_000);
    days.iter()
        .map(|day| {
            let state = NetworkState::new(
                Difficulty::new(day.difficulty).unwrap(),
                subsidy,
                Fees::per_block(Btc::from_sat(day.fees_sat)).unwrap(),
            )
            .unwrap();
            state
                .hashprice(BtcPrice::new(Decimal::new(day.price_cents, 2)).unwrap())
                .unwrap()
        })
        .collect()
}

/// Typed quantities, `f64` money: the kernel a simulation would use. The
/// difficulties were validated once, when the path was built, as raw
/// inputs would be checked once at the boundary.
fn typed_f64(days: &[Day], difficulties: &[Difficulty]) -> Vec<f64> {
    let work =
        Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap() * Time::new(1.0, unit::DAY).unwrap();
    days.iter()
        .zip(difficulties)
        .map(|(day, difficulty)| {
            let blocks = work.get(unit::HASH) / difficulty.expected_hashes();
            let reward_btc = (312_500_000 + day.fees_sat) as f64 / 1e8;
            blocks * reward_btc * day.price_cents as f64 / 100.0
        })
        .collect()
}

fn raw(days: &[Day]) -> Vec<f64> {
    days.iter()
        .map(|day| {
            let blocks_per_ph_day = 1e15 * 86_400.0 / (day.difficulty * 4_294_967_296.0);
            let reward_btc = (312_500_000 + day.fees_sat) as f64 / 1e8;
            blocks_per_ph_day * reward_btc * day.price_cents as f64 / 100.0
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let days = year();
    let mut group = c.benchmark_group("a_year_of_daily_hashprice");
    group.bench_function("typed_exact", |b| b.iter(|| typed(black_box(&days))));
    let difficulties: Vec<Difficulty> = days
        .iter()
        .map(|d| Difficulty::new(d.difficulty).unwrap())
        .collect();
    group.bench_function("typed_f64", |b| {
        b.iter(|| typed_f64(black_box(&days), black_box(&difficulties)))
    });
    group.bench_function("raw_f64", |b| b.iter(|| raw(black_box(&days))));
    group.finish();
}

fn report() {
    let days = year();
    let exact = typed(&days);
    let float = raw(&days);
    let worst = exact
        .iter()
        .zip(&float)
        .map(|(e, f)| (e.value().to_f64().unwrap() - f).abs())
        .fold(0.0_f64, f64::max);
    let difficulties: Vec<Difficulty> = days
        .iter()
        .map(|d| Difficulty::new(d.difficulty).unwrap())
        .collect();
    let typed_float = typed_f64(&days, &difficulties);
    let agree = typed_float
        .iter()
        .zip(&float)
        .all(|(a, b)| (a - b).abs() <= 1e-12 * b.abs());
    assert!(agree, "typed f64 and raw f64 kernels must agree");
    let mut best_typed = Duration::MAX;
    let mut best_typed_f64 = Duration::MAX;
    let mut best_raw = Duration::MAX;
    for _ in 0..100 {
        let start = Instant::now();
        black_box(typed(black_box(&days)));
        best_typed = best_typed.min(start.elapsed());
        let start = Instant::now();
        black_box(typed_f64(black_box(&days), black_box(&difficulties)));
        best_typed_f64 = best_typed_f64.min(start.elapsed());
        let start = Instant::now();
        black_box(raw(black_box(&days)));
        best_raw = best_raw.min(start.elapsed());
    }
    println!(
        "daily_hashprice: typed f64 {best_typed_f64:?}, raw f64 {best_raw:?}, ratio typed/raw = {:.2}",
        best_typed_f64.as_secs_f64() / best_raw.as_secs_f64()
    );
    println!(
        "daily_hashprice: typed+exact {best_typed:?}, raw f64 {best_raw:?}, ratio = {:.1}; largest difference ${worst:.2e}/PH/day",
        best_typed.as_secs_f64() / best_raw.as_secs_f64()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    report();
}
