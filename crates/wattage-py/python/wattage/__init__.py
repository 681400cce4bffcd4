"""wattage: the typed vocabulary of the energy-to-compute economy, from Python.

Quantities parse and display as in Rust (``Hashrate("950 EH/s")``), money is
``decimal.Decimal`` (never float), errors subclass :class:`WattageError`
(a ``ValueError``) and carry the Rust error's message. Tables come out as
pyarrow tables with units in the field metadata.
"""

from __future__ import annotations

from typing import Any

from . import _wattage
from ._config import config_text
from ._wattage import (  # noqa: F401
    KERNEL_COLUMNS,
    KERNEL_UNITS,
    Asset,
    CloudRamp,
    Financing,
    GpuCloud,
    HostingContract,
    Inference,
    ReserveOffer,
    ResaleCurve,
    ThroughputSpec,
    TranchedLease,
    BtcPrice,
    ColocationLease,
    ComputeEfficiency,
    ConfigError,
    Energy,
    EnergyPrice,
    FacilityError,
    FinanceError,
    FlopRate,
    Flops,
    Frequency,
    GpuHourPrice,
    HardwareError,
    HashEfficiency,
    Hashcost,
    Hashes,
    Hashprice,
    Hashrate,
    Kernel,
    LeaseRate,
    MiningError,
    MoneyError,
    Power,
    PriceSeries,
    Site,
    SiteRun,
    Time,
    UnitError,
    WattageError,
    __version__,
    accelerator_catalog,
    asic,
    asic_catalog,
    block_subsidy,
    breakeven_efficiency,
    breakeven_power_price,
    breakeven_power_price_array,
    core_get_difficulty,
    difficulty_from_hashrate,
    discounted_payback_period,
    energy_cost,
    expected_btc,
    hashcost,
    hashprice,
    hashprice_array,
    implied_hashrate,
    irr,
    issued_between,
    lease_or_cloud,
    loan_schedule,
    macrs_rates,
    macrs_schedule,
    next_halving,
    npv,
    parse_btc,
    parse_usd,
    payback_days,
    payback_period,
    revenue_per_mwh,
    revenue_per_mwh_array,
    roi,
    total_issued,
    xirr,
    xnpv,
)
from . import sweep  # noqa: E402


def estimate_next_halving(height: int, now: "datetime.datetime", interval_seconds: int = 600):
    """The next halving after block ``height`` at ``now`` (a tz-aware
    datetime) with blocks every ``interval_seconds``: (height, estimated
    datetime in UTC)."""
    import datetime

    if now.tzinfo is None or now.tzinfo.utcoffset(now) is None:
        raise ValueError(f"now: naive datetime {now.isoformat()!r}; a time zone is required")
    h, eta = _wattage.estimate_next_halving_unix(height, int(now.timestamp()), interval_seconds)
    return h, datetime.datetime.fromtimestamp(eta, tz=datetime.timezone.utc)


def project(operation: Any, scenario: Any):
    """A deterministic projection of a mining ``operation`` over a
    ``scenario`` (each a dict or TOML text in the library's serde format):
    a pyarrow table, one row per step, money exact."""
    op, opf = config_text(operation)
    sc, scf = config_text(scenario)
    return _wattage.project(op, sc, opf, scf)


def monte_carlo(
    operation: Any,
    scenario: Any,
    paths: int,
    seed: int,
    *,
    price_volatility: float = 0.0,
    difficulty_volatility: float = 0.0,
):
    """Monte Carlo percentile bands (p05, p25, p50, p75, p95) per step of a
    projection over ``paths`` paths from ``seed``: a pyarrow table; total
    bitcoin mined and paths paid back ride in the schema metadata."""
    op, opf = config_text(operation)
    sc, scf = config_text(scenario)
    return _wattage.monte_carlo(
        op,
        sc,
        paths,
        seed,
        price_volatility=price_volatility,
        difficulty_volatility=difficulty_volatility,
        operation_format=opf,
        scenario_format=scf,
    )


__all__ = [n for n in dir() if not n.startswith("_") and n not in ("annotations", "Any", "config_text")]
