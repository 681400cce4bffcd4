"""Shared fixtures: the one-year site, and module-scoped Dask and Ray
sessions that start quietly offline."""

from __future__ import annotations

import os
import pathlib
import shutil
import tempfile

import pytest

DATA = pathlib.Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def site_year_toml() -> str:
    return (DATA / "site_year.toml").read_text()


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    tmp = tempfile.mkdtemp(prefix="wattage-dask-")
    os.environ["DASK_TEMPORARY_DIRECTORY"] = tmp
    import dask

    with dask.config.set({"temporary-directory": tmp, "distributed.worker.daemon": False}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def ray_session():
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray = pytest.importorskip("ray")
    tmp = tempfile.mkdtemp(prefix="wr-", dir="/tmp")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _temp_dir=tmp,
        log_to_driver=False,
        configure_logging=False,
    )
    try:
        yield ray
    finally:
        ray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
