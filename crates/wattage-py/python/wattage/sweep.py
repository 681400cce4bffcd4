"""Sweeps that shard: a sweep is a pure function of (site, seed, path
index), so its cases can run in one process or on any number of workers
(Dask, Ray) and the merged result is bit-identical.

>>> sweep = Sweep(sites=(site_toml,), paths=1000, seed=7)
>>> whole = sweep.run()
>>> parts = [sweep.run(a, b) for a, b in shards(sweep.n_cases, 4)]
>>> assert merge(parts).equals(whole)
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np
import pyarrow as pa

from . import _wattage

COLUMNS = tuple(_wattage.KERNEL_COLUMNS)
UNITS = tuple(_wattage.KERNEL_UNITS)


def _schema() -> pa.Schema:
    fields = [
        pa.field("case", pa.int64(), nullable=False),
        pa.field("site", pa.string(), nullable=False),
        pa.field("path", pa.int64(), nullable=False),
    ]
    fields += [
        pa.field(name, pa.float64(), nullable=False, metadata={"unit": unit})
        for name, unit in zip(COLUMNS, UNITS)
    ]
    return pa.schema(fields)


SCHEMA = _schema()


def shards(n_cases: int, n_shards: int) -> list[tuple[int, int]]:
    """Split cases 0..n_cases into n_shards contiguous [start, stop) ranges;
    shard i holds floor(i*K/N) .. floor((i+1)*K/N) - 1, as `wattage sweep --shard`."""
    if n_shards < 1:
        raise ValueError(f"n_shards is {n_shards}; it must be at least 1")
    if n_cases < 0:
        raise ValueError(f"n_cases is {n_cases}; it must not be negative")
    return [(i * n_cases // n_shards, (i + 1) * n_cases // n_shards) for i in range(n_shards)]


def merge(tables: Iterable[pa.Table]) -> pa.Table:
    """Merge shard results into one table ordered by case; raises if cases
    are missing or repeated."""
    tables = [t for t in tables]
    if not tables:
        return SCHEMA.empty_table()
    merged = pa.concat_tables(tables).combine_chunks()
    merged = merged.sort_by("case")
    cases = merged.column("case").to_numpy()
    if len(cases) and not np.array_equal(cases, np.arange(cases[0], cases[0] + len(cases))):
        raise ValueError("the shards' cases are not contiguous: a shard is missing or repeated")
    return merged.combine_chunks()


@functools.lru_cache(maxsize=64)
def _kernel(site_toml: str):
    return _wattage.Site.from_text(site_toml, "toml").kernel()


@functools.lru_cache(maxsize=64)
def _name(site_toml: str) -> str:
    return _wattage.Site.from_text(site_toml, "toml").name


@dataclass(frozen=True)
class Sweep:
    """Every site on `paths` price paths: case k is site k // paths on path
    k % paths. A path's hourly prices are lognormal around `mean_price`
    ($/MWh) with `volatility` (sigma), from numpy's PCG64 seeded with
    (seed, path index), so any process draws the same path.

    `sites` are site configs as TOML text, each with its own `[horizon]`
    (one year of hourly periods is one site-year).
    """

    sites: tuple[str, ...]
    paths: int
    seed: int
    mean_price: float = 45.0
    volatility: float = 0.6

    def __post_init__(self) -> None:
        if isinstance(self.sites, str):
            raise TypeError("sites is a tuple of TOML texts, not one string")
        object.__setattr__(self, "sites", tuple(self.sites))
        if self.paths < 1:
            raise ValueError(f"paths is {self.paths}; it must be at least 1")
        for name, v in (("mean_price", self.mean_price), ("volatility", self.volatility)):
            if not math.isfinite(v):
                raise ValueError(f"{name} is {v}; it must be finite")

    @property
    def n_cases(self) -> int:
        """The number of cases: sites x paths."""
        return len(self.sites) * self.paths

    def prices(self, path: int, periods: int) -> np.ndarray:
        """The price path `path` ($/MWh per period)."""
        rng = np.random.Generator(np.random.PCG64([self.seed, path]))
        z = rng.standard_normal(periods)
        s = self.volatility
        return self.mean_price * np.exp(s * z - 0.5 * s * s)

    def run(self, start: int = 0, stop: int | None = None) -> pa.Table:
        """Runs cases start..stop (all by default) through the f64 kernel."""
        stop = self.n_cases if stop is None else stop
        if not 0 <= start <= stop <= self.n_cases:
            raise ValueError(f"cases {start}..{stop} are outside 0..{self.n_cases}")
        cases, names, paths = [], [], []
        cols: list[list[float]] = [[] for _ in COLUMNS]
        for k in range(start, stop):
            site, path = divmod(k, self.paths)
            text = self.sites[site]
            kernel = _kernel(text)
            row = kernel.run_tuple(self.prices(path, kernel.periods))
            cases.append(k)
            names.append(_name(text))
            paths.append(path)
            for c, v in zip(cols, row):
                c.append(v)
        arrays = [pa.array(cases, pa.int64()), pa.array(names, pa.string()), pa.array(paths, pa.int64())]
        arrays += [pa.array(c, pa.float64()) for c in cols]
        return pa.Table.from_arrays(arrays, schema=SCHEMA)


def run_shard(sweep: Sweep, start: int, stop: int) -> pa.Table:
    """One shard of a sweep: the task function for Dask or Ray workers."""
    return sweep.run(start, stop)


def run_dask(client: Any, sweep: Sweep, n_shards: int, timeout: float = 600) -> pa.Table:
    """Runs `sweep` as `n_shards` tasks on a Dask `distributed.Client` and
    merges the results. A real cluster needs only another client:
    `Client("tcp://scheduler:8786")`. Start the workers with Dask's
    `distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_` raised
    (e.g. to 2**31): Dask's default of 65536 makes each site-year
    page-fault its buffers afresh, about a third slower."""
    parts = [(a, b) for a, b in shards(sweep.n_cases, n_shards) if b > a]
    futures = [client.submit(run_shard, sweep, a, b, pure=False) for a, b in parts]
    # a worker that dies must fail the sweep, not hang it
    return merge(f.result(timeout=timeout) for f in futures)


def run_ray(sweep: Sweep, n_shards: int, timeout: float = 600) -> pa.Table:
    """Runs `sweep` as `n_shards` Ray tasks (after `ray.init(...)`, locally or
    with `address="ray://head:10001"`) and merges the results."""
    import ray

    task = ray.remote(run_shard)
    parts = [(a, b) for a, b in shards(sweep.n_cases, n_shards) if b > a]
    refs = [task.remote(sweep, a, b) for a, b in parts]
    return merge(ray.get(refs, timeout=timeout))


def run_local(sweep: Sweep, n_shards: int = 1) -> pa.Table:
    """Runs every shard in this process and merges them (for checking)."""
    return merge(run_shard(sweep, a, b) for a, b in shards(sweep.n_cases, n_shards))


__all__: Sequence[str] = ("Sweep", "shards", "merge", "run_shard", "run_dask", "run_ray", "run_local", "SCHEMA")
