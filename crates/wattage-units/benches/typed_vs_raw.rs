//! Typed quantities against raw `f64`: the same energy-to-revenue
//! computation over a large fleet, timed both ways, with the ratio printed.
//!
//! Run with `cargo bench -p wattage-units --bench typed_vs_raw`.

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use wattage_units::{HashEfficiency, Hashrate, Power, Time, unit};

const MACHINES: usize = 100_000;

struct Fleet {
    rates: Vec<Hashrate>,
    efficiencies: Vec<HashEfficiency>,
    raw_rates: Vec<f64>,
    raw_efficiencies: Vec<f64>,
}

fn fleet() -> Fleet {
    let raw_rates: Vec<f64> = (0..MACHINES)
        .map(|i| 100e12 + (i % 200) as f64 * 1e12)
        .collect();
    let raw_efficiencies: Vec<f64> = (0..MACHINES)
        .map(|i| 12e-12 + (i % 30) as f64 * 1e-12)
        .collect();
    Fleet {
        rates: raw_rates
            .iter()
            .map(|r| Hashrate::new(*r, unit::HASH_PER_SECOND).unwrap())
            .collect(),
        efficiencies: raw_efficiencies
            .iter()
            .map(|e| HashEfficiency::new(*e, unit::JOULE_PER_HASH).unwrap())
            .collect(),
        raw_rates,
        raw_efficiencies,
    }
}

/// Daily margin of every machine in dollars: hashes × hashprice − energy × power price.
fn typed_margin(fleet: &Fleet, day: Time, usd_per_hash: f64, usd_per_joule: f64) -> f64 {
    let mut margin = 0.0;
    for (rate, efficiency) in fleet.rates.iter().zip(&fleet.efficiencies) {
        let power: Power = *rate * *efficiency;
        let energy = power * day;
        let work = *rate * day;
        margin += work.get(unit::HASH) * usd_per_hash - energy.get(unit::JOULE) * usd_per_joule;
    }
    margin
}

fn raw_margin(fleet: &Fleet, day_seconds: f64, usd_per_hash: f64, usd_per_joule: f64) -> f64 {
    let mut margin = 0.0;
    for (rate, efficiency) in fleet.raw_rates.iter().zip(&fleet.raw_efficiencies) {
        let power = rate * efficiency;
        let energy = power * day_seconds;
        let work = rate * day_seconds;
        margin += work * usd_per_hash - energy * usd_per_joule;
    }
    margin
}

// $52/PH/day and $45/MWh, per hash and per joule.
const USD_PER_HASH: f64 = 52.0 / 8.64e19;
const USD_PER_JOULE: f64 = 45.0 / 3.6e9;

fn bench(c: &mut Criterion) {
    let fleet = fleet();
    let day = Time::new(1.0, unit::DAY).unwrap();
    let mut group = c.benchmark_group("energy_to_revenue_100k_machines");
    group.bench_function("typed", |b| {
        b.iter(|| {
            typed_margin(
                black_box(&fleet),
                black_box(day),
                USD_PER_HASH,
                USD_PER_JOULE,
            )
        });
    });
    group.bench_function("raw_f64", |b| {
        b.iter(|| {
            raw_margin(
                black_box(&fleet),
                black_box(86_400.0),
                USD_PER_HASH,
                USD_PER_JOULE,
            )
        });
    });
    group.finish();
}

/// Best-of-many timing of both kernels, interleaved so both see the same
/// machine state; prints the typed/raw ratio.
fn report_ratio() {
    let fleet = fleet();
    let day = Time::new(1.0, unit::DAY).unwrap();
    assert_eq!(
        typed_margin(&fleet, day, USD_PER_HASH, USD_PER_JOULE).to_bits(),
        raw_margin(&fleet, 86_400.0, USD_PER_HASH, USD_PER_JOULE).to_bits(),
        "typed and raw kernels must compute the same number"
    );
    let mut best_typed = Duration::MAX;
    let mut best_raw = Duration::MAX;
    for _ in 0..200 {
        let start = Instant::now();
        black_box(typed_margin(
            black_box(&fleet),
            black_box(day),
            USD_PER_HASH,
            USD_PER_JOULE,
        ));
        best_typed = best_typed.min(start.elapsed());
        let start = Instant::now();
        black_box(raw_margin(
            black_box(&fleet),
            black_box(86_400.0),
            USD_PER_HASH,
            USD_PER_JOULE,
        ));
        best_raw = best_raw.min(start.elapsed());
    }
    println!(
        "typed_vs_raw: typed {best_typed:?}, raw {best_raw:?}, ratio typed/raw = {:.3}",
        best_typed.as_secs_f64() / best_raw.as_secs_f64()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
    report_ratio();
}
