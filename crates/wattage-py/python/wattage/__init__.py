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
    Assumptions,
    CloudRamp,
    Comparison,
    Conversion,
    Displaced,
    Financing,
    GpuCloud,
    HostingContract,
    Inference,
    Plan,
    PlanResult,
    ReserveOffer,
    ResaleCurve,
    RetrofitPlan,
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
    compare,
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


def project(operation: Any, network: Any, step: str = "month"):
    """A projection of a mining ``operation`` along a projected ``network``
    (each a dict or TOML text in the library's serde format): a pyarrow
    table, one row per ``step`` ("day" or "month", calendar months), money
    exact.

    ``network`` holds ``date`` (the first day, within the shipped history),
    ``btc_price``, ``fees_per_block``, ``days`` and optionally
    ``price_growth`` (a fraction a month), ``hashrate_growth`` (a fraction
    a month whatever the hashprice) or ``response`` (the network-response
    model's settings, the default model when neither is given)."""
    op, opf = config_text(operation)
    net, netf = config_text(network)
    return _wattage.project(op, net, step, opf, netf)


def monte_carlo(operation: Any, network: Any, monte_carlo: Any = None, step: str = "month"):
    """Monte Carlo percentile bands (p05, p25, p50, p75, p95) per step of a
    mining ``operation`` over the network Monte Carlo ``monte_carlo``
    (paths, seed, days, price_drift, price_volatility, hashrate_volatility,
    correlation, fees; every field has a default) from ``network`` (as for
    :func:`project`, without ``days`` and ``price_growth``): a pyarrow
    table; total bitcoin mined and the paths paid back and at the price
    floor ride in the schema metadata."""
    op, opf = config_text(operation)
    net, netf = config_text(network)
    mc, mcf = config_text({} if monte_carlo is None else monte_carlo)
    return _wattage.monte_carlo(
        op,
        net,
        mc,
        step,
        operation_format=opf,
        network_format=netf,
        monte_carlo_format=mcf,
    )


__all__ = [n for n in dir() if not n.startswith("_") and n not in ("annotations", "Any", "config_text")]
