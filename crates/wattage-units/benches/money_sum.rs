//! Exact money against `f64`: a year of hourly power bills summed as
//! `Usd` (`Decimal`) and as `f64`, timed both ways, with the time ratio and
//! the difference in cents printed.
//!
//! Run with `cargo bench -p wattage-units --bench money_sum`.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use rust_decimal::Decimal;
use wattage_units::{Energy, EnergyPrice, Usd, unit};

const HOURS: usize = 8_760;

/// Hourly bills of a 100 MW site on a varying price: exact and as f64.
fn bills() -> (Vec<Usd>, Vec<f64>) {
    let mut exact = Vec::with_capacity(HOURS);
    let mut float = Vec::with_capacity(HOURS);
    for hour in 0..HOURS {
        // Prices in cents with a daily shape and some negative hours.
        let cents = 4_500 + ((hour * 7_919) % 6_001) as i64 - 1_500;
        // Metered energy varies with load: 90.00 to 102.37 MWh.
        let mwh = 90.0 + (hour % 13) as f64 * 1.031;
        let price = EnergyPrice::new(Decimal::new(cents, 2)).unwrap();
        exact.push(
            price
                .cost(Energy::new(mwh, unit::MEGAWATT_HOUR).unwrap())
                .unwrap(),
        );
        float.push(mwh * cents as f64 / 100.0);
    }
    (exact, float)
}

fn sum_exact(bills: &[Usd]) -> Usd {
    Usd::try_sum(bills.iter().copied()).unwrap()
}

fn sum_float(bills: &[f64]) -> f64 {
    bills.iter().sum()
}

fn bench(c: &mut Criterion) {
    let (exact, float) = bills();
    let mut group = c.benchmark_group("sum_a_year_of_hourly_bills");
    group.bench_function("usd_decimal", |b| b.iter(|| sum_exact(black_box(&exact))));
    group.bench_function("f64", |b| b.iter(|| sum_float(black_box(&float))));
    group.finish();
}

fn report() {
    let (exact, float) = bills();
    let exact_total = sum_exact(&exact);
    let float_total = sum_float(&float);
    let float_as_decimal = Decimal::try_from(float_total).unwrap();
    let cents = ((exact_total.dollars() - float_as_decimal) * Decimal::ONE_HUNDRED).round_dp(4);
    // Repeated small amounts are where f64 drifts: 8,760 × $0.10.
    let dimes_exact = Usd::try_sum(std::iter::repeat_n(Usd::from_cents(10), HOURS)).unwrap();
    let dimes_float: f64 = std::iter::repeat_n(0.1_f64, HOURS).sum();
    let mut best_exact = Duration::MAX;
    let mut best_float = Duration::MAX;
    for _ in 0..200 {
        let start = Instant::now();
        black_box(sum_exact(black_box(&exact)));
        best_exact = best_exact.min(start.elapsed());
        let start = Instant::now();
        black_box(sum_float(black_box(&float)));
        best_float = best_float.min(start.elapsed());
    }
    println!(
        "money_sum: Decimal {best_exact:?}, f64 {best_float:?}, ratio Decimal/f64 = {:.1}",
        best_exact.as_secs_f64() / best_float.as_secs_f64()
    );
    println!(
        "money_sum: year total {exact_total} exact vs {float_total} as f64: difference {cents} cents"
    );
    println!("money_sum: 8760 x $0.10 = {dimes_exact} exact vs {dimes_float:.12} as f64");
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    report();
}
