"""Sweeps sharded across processes: 1,000+ site-years on a Dask
LocalCluster (2 worker processes) and on local Ray (2 CPUs), each merged
result checked equal to the single-process run, bit for bit."""

import pytest

import wattage as w
from wattage.sweep import Sweep, merge, run_dask, run_local, run_ray, shards

PATHS = 520  # x 2 sites = 1,040 site-years


@pytest.fixture(scope="module")
def sweep(site_year_toml):
    other = site_year_toml.replace("West Texas, one year", "West Texas, second site").replace(
        'hashrate = "2.1 EH/s"', 'hashrate = "2.0 EH/s"'
    )
    return Sweep(sites=(site_year_toml, other), paths=PATHS, seed=2026)


@pytest.fixture(scope="module")
def single(sweep):
    return sweep.run()


def test_shards_cover_every_case_once():
    assert shards(10, 3) == [(0, 3), (3, 6), (6, 10)]
    assert shards(2, 4) == [(0, 0), (0, 1), (1, 1), (1, 2)]
    with pytest.raises(ValueError):
        shards(10, 0)


def test_the_sweep_is_at_least_1000_site_years(sweep, single):
    assert sweep.n_cases >= 1000
    assert single.num_rows == sweep.n_cases
    assert single.schema.field("energy_mwh").metadata == {b"unit": b"MWh"}


def test_sharded_in_one_process_equals_the_whole(sweep, single):
    assert run_local(sweep, 7).equals(single)
    with pytest.raises(ValueError, match="not contiguous"):
        merge([sweep.run(0, 3), sweep.run(4, 6)])


def test_dask_local_cluster_equals_single_process(dask_client, sweep, single):
    assert len(dask_client.scheduler_info()["workers"]) == 2
    merged = run_dask(dask_client, sweep, n_shards=8, timeout=300)
    assert merged.equals(single)


def test_ray_equals_single_process(ray_session, sweep, single):
    merged = run_ray(sweep, n_shards=8, timeout=300)
    assert merged.equals(single)
