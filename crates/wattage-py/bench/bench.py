"""Benchmarks of the Python package (a script, not a test: nothing here
asserts a time). Run against an installed release wheel:

    python crates/wattage-py/bench/bench.py [--site-years 10000] [--skip-cluster]

Prints markdown tables: the binding overhead per site-year against the
same kernel call timed inside Rust, the vectorised functions against the
same formula in numpy on 10^6 values, and a sweep on one process, 2 Dask
workers and 2 Ray workers, with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import tempfile
import time

import numpy as np

import wattage as w
from wattage.sweep import Sweep, merge, run_dask, run_local, run_ray, shards

HERE = pathlib.Path(__file__).resolve().parent
SITE = (HERE.parent / "tests" / "data" / "site_year.toml").read_text()


def best(f, repeat=7):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "(uptime unavailable)"


def overhead(n: int = 300) -> None:
    kernel = w.Site.from_toml(SITE).kernel()
    prices = Sweep(sites=(SITE,), paths=1, seed=1).prices(0, kernel.periods)
    kernel.run_tuple(prices)

    def python_calls():
        for _ in range(n):
            kernel.run_tuple(prices)

    # Interleaved, best of 15 each: the machine is shared, so the minimum
    # is the figure least disturbed by other jobs.
    py_times, rust_times = [], []
    for _ in range(15):
        py_times.append(best(python_calls, 1) / n)
        rust_times.append(kernel.time_in_rust(prices, n) / n)
    py, rust = min(py_times), min(rust_times)
    # The exact run, interleaved the same way: `Site.simulate` from Python
    # against the same three calls (`simulate_site`, `Summary::new`,
    # `CashFlows::new`) timed inside Rust by `Site.time_in_rust`.
    site = w.Site.from_toml(SITE)
    site.simulate()
    exact_py, exact_rust = [], []
    for _ in range(15):
        exact_py.append(best(site.simulate, 1))
        exact_rust.append(site.time_in_rust(1))
    exact = min(exact_py)
    parts = min(exact_rust, key=lambda d: d["total"])
    print("\n### One site-year (8,760 hourly periods)\n")
    print("| call | per site-year | vs Rust |")
    print("|---|---:|---:|")
    print(f"| kernel, timed inside Rust (`SiteKernel::run` + path) | {rust * 1e6:,.0f} µs | 1.00x |")
    print(f"| kernel from Python (`Kernel.run_tuple`) | {py * 1e6:,.0f} µs | {py / rust:.2f}x |")
    print(
        f"| exact run, timed inside Rust (ledger {parts['ledger'] * 1e3:.2f} ms, summary "
        f"{parts['summary'] * 1e3:.2f} ms, cash flows {parts['cash_flows'] * 1e3:.2f} ms) "
        f"| {parts['total'] * 1e3:,.2f} ms | 1.00x |"
    )
    print(f"| exact run from Python (`Site.simulate`) | {exact * 1e3:,.2f} ms | {exact / parts['total']:.2f}x |")
    print(f"\nload: `{uptime()}`")


def vectorised(n: int = 1_000_000) -> None:
    rng = np.random.default_rng(0)
    d = rng.uniform(80e12, 160e12, n)
    p = rng.uniform(50_000, 150_000, n)
    e = rng.uniform(10, 40, n)
    reward = float(w.block_subsidy(903_000) + w.parse_btc("0.03 BTC"))
    scale = reward * 86_400.0 * 1e15

    def np_hashprice():
        return scale * p / (d * 2.0**32)

    def np_hashprice_checked():
        if not (np.isfinite(d).all() and (d > 0).all() and np.isfinite(p).all() and (p > 0).all()):
            raise ValueError
        return scale * p / (d * 2.0**32)

    def wt_hashprice():
        return w.hashprice_array(d, p, 903_000, "0.03 BTC")

    k = 52.0 / 0.024

    def np_breakeven():
        return k / e

    def np_breakeven_checked():
        if not (np.isfinite(e).all() and (e > 0).all()):
            raise ValueError
        return k / e

    def wt_breakeven():
        return w.breakeven_power_price_array("$52/PH/day", e)

    assert np.allclose(wt_hashprice(), np_hashprice(), rtol=1e-12)
    assert np.allclose(wt_breakeven(), np_breakeven(), rtol=1e-12)
    rows = [
        ("hashprice (difficulty, price)", np_hashprice, np_hashprice_checked, wt_hashprice),
        ("breakeven (efficiency)", np_breakeven, np_breakeven_checked, wt_breakeven),
    ]
    print("\n### Vectorised, 10^6 values (interleaved, best of 15)\n")
    print("| function | numpy formula | numpy + the same checks | wattage | wattage vs numpy formula |")
    print("|---|---:|---:|---:|---:|")
    for name, a, b, c in rows:
        ta = tb = tc = float("inf")
        for _ in range(15):  # interleaved, best of 15 each
            ta, tb, tc = min(ta, best(a, 1)), min(tb, best(b, 1)), min(tc, best(c, 1))
        print(f"| {name} | {ta * 1e3:.2f} ms | {tb * 1e3:.2f} ms | {tc * 1e3:.2f} ms | {ta / tc:.2f}x faster |")


# One shard per worker: each task costs the engines tens of milliseconds.
SHARDS = 2


def _half(args):
    sweep, a, b = args
    return sweep.run(a, b)


def _timed_shard(sweep, a, b):
    """A shard and the seconds it took inside the worker: the wall time
    less the slowest shard's own time is what the engine cost (submission,
    moving the sweep and the Arrow results, merging)."""
    t0 = time.perf_counter()
    table = sweep.run(a, b)
    return time.perf_counter() - t0, table


def _engine_cost(wall: float, timed: list) -> str:
    inside = max(t for t, _ in timed)
    return f"{wall:.2f} s wall, slowest shard {inside:.2f} s inside its worker: {wall - inside:.2f} s the engine's"


def cluster(site_years: int, skip: bool) -> None:
    second = SITE.replace("West Texas, one year", "West Texas, second site")
    sweep = Sweep(sites=(SITE, second), paths=site_years // 2, seed=2026)
    run_local(Sweep(sites=(SITE, second), paths=2, seed=1))  # warm caches
    print(f"\n### Sweep of {sweep.n_cases:,} site-years\n")
    print(f"load before: `{uptime()}`\n")
    t0 = time.perf_counter()
    single = run_local(sweep)
    t_single = time.perf_counter() - t0
    rows = [("single process", 1, t_single, True)]
    costs: list[tuple[str, str]] = []
    # The control: two plain processes, no engine, each half of the cases.
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_half, [(sweep, 0, 2), (sweep, 2, 4)])  # warm
        t0 = time.perf_counter()
        halves = pool.map(_half, [(sweep, 0, sweep.n_cases // 2), (sweep, sweep.n_cases // 2, sweep.n_cases)])
        t = time.perf_counter() - t0
        rows.append(("2 plain processes (multiprocessing, control)", 2, t, merge(halves).equals(single)))
    if not skip:
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        import distributed

        import dask

        tmp = tempfile.mkdtemp(prefix="wattage-bench-")
        # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, so
        # glibc hands every freed price buffer back to the system and each
        # site-year page-faults its buffers afresh (a third slower); the
        # threshold of a plain process is kept instead.
        keep_freed = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 2**31}
        with dask.config.set(keep_freed), distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40,
            local_directory=tmp,
        ) as lc, distributed.Client(lc) as client:
            run_dask(client, Sweep(sites=(SITE, second), paths=8, seed=1), 8)  # warm workers
            t0 = time.perf_counter()
            merged = run_dask(client, sweep, SHARDS)
            rows.append(("2 Dask workers (LocalCluster, processes)", 2, time.perf_counter() - t0, merged.equals(single)))
            parts = shards(sweep.n_cases, SHARDS)
            t0 = time.perf_counter()
            timed = client.gather([client.submit(_timed_shard, sweep, a, b, pure=False) for a, b in parts])
            merge(t for _, t in timed)
            costs.append(("Dask", _engine_cost(time.perf_counter() - t0, timed)))
        import ray

        ray.init(num_cpus=2, include_dashboard=False, _temp_dir=tempfile.mkdtemp(prefix="wr-", dir="/tmp"),
                 log_to_driver=False, configure_logging=False)
        try:
            run_ray(Sweep(sites=(SITE, second), paths=8, seed=1), 8)  # warm workers
            t0 = time.perf_counter()
            merged = run_ray(sweep, SHARDS)
            rows.append(("2 Ray workers (local, num_cpus=2)", 2, time.perf_counter() - t0, merged.equals(single)))
            task = ray.remote(_timed_shard)
            t0 = time.perf_counter()
            timed = ray.get([task.remote(sweep, a, b) for a, b in shards(sweep.n_cases, SHARDS)])
            merge(t for _, t in timed)
            costs.append(("Ray", _engine_cost(time.perf_counter() - t0, timed)))
        finally:
            ray.shutdown()
    print("| engine | workers | wall time | speedup | per-worker efficiency | equal to single process |")
    print("|---|---:|---:|---:|---:|---|")
    for name, n, t, eq in rows:
        s = t_single / t
        print(f"| {name} | {n} | {t:.2f} s | {s:.2f}x | {100 * s / n:.0f} % | {'yes' if eq else 'NO'} |")
    if costs:
        print("\nWhere an engine's time goes (one more run each, the shards timed inside the workers):\n")
        for name, text in costs:
            print(f"- {name}: {text}")
    print(f"\nload after: `{uptime()}`")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site-years", type=int, default=10_000)
    ap.add_argument("--skip-cluster", action="store_true")
    args = ap.parse_args()
    print(f"wattage {w.__version__}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    overhead()
    vectorised()
    cluster(args.site_years, args.skip_cluster)


if __name__ == "__main__":
    main()
