"""Mining economics, consensus functions, projections, finance, leases."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

import wattage as w

OPERATION = {
    "hashrate": "100 PH/s",
    "efficiency": "17.5 J/TH",
    "power_price": "$45/MWh",
    "capex": "$1,000,000",
    "depreciation_life": "3 yr",
}
NETWORK = {
    "date": dt.date(2025, 6, 1),
    "btc_price": "$105,000/BTC",
    "fees_per_block": "0.03 BTC",
    "days": 730,
    "price_growth": 0.01,
    "hashrate_growth": 0.02,
}
MC_NETWORK = {k: v for k, v in NETWORK.items() if k not in ("days", "price_growth")}


def test_hashprice_matches_the_rust_doctest():
    hp = w.hashprice(127e12, 903_000, "$105,000/BTC", fees_per_block=Decimal("0.03"))
    assert f"{hp:.2}" == "$52.47/PH/day"


def test_breakeven_and_revenue_per_mwh():
    miner = w.asic("s21 xp")
    assert f"{w.breakeven_power_price('$52/PH/day', miner[3]):.2}" == "$160.49/MWh"
    assert isinstance(w.revenue_per_mwh("$52/PH/day", "17.5 J/TH"), Decimal)
    eff = w.breakeven_efficiency("$52/PH/day", "$45/MWh")
    assert isinstance(eff, w.HashEfficiency)


def test_consensus_functions():
    assert w.block_subsidy(0) == Decimal("50")
    assert w.block_subsidy(840_000) == Decimal("3.125")
    assert w.next_halving(840_000) == 1_050_000
    assert w.core_get_difficulty(0x1D00FFFF) == 1.0
    assert w.total_issued(0) == Decimal("50")


def test_vector_forms_agree_with_the_scalar_ones():
    d = np.array([100e12, 127e12, 150e12])
    p = np.array([90_000.0, 105_000.0, 120_000.0])
    hp = w.hashprice_array(d, p, 903_000, Decimal("0.03"))
    for i in range(3):
        exact = w.hashprice(d[i], 903_000, f"${p[i]:.0f}/BTC", fees_per_block=Decimal("0.03"))
        assert hp[i] == pytest.approx(float(exact.value), rel=1e-12)
    be = w.breakeven_power_price_array("$52/PH/day", np.array([13.5, 17.5, 30.0]))
    assert be[1] == pytest.approx(float(w.breakeven_power_price("$52/PH/day", "17.5 J/TH").value))
    # a strided (non-contiguous) view works too
    assert len(w.breakeven_power_price_array("$52/PH/day", np.arange(1.0, 21.0)[::2])) == 10


def test_projection_and_monte_carlo_tables():
    t = w.project(OPERATION, NETWORK)
    # 730 days from 2025-06-01: June 2025 to May 2027.
    assert t.num_rows == 24
    assert t.column("start_date")[0].as_py() == "2025-06-01"
    assert sum(t.column("days").to_pylist()) == 730
    assert t.schema.field("revenue").metadata == {b"unit": b"$"}
    assert isinstance(t.column("revenue")[0].as_py(), Decimal)
    # The price compounds 1% a month: July's first day is 30 days in.
    july = t.column("btc_price")[1].as_py()
    assert abs(float(july) / 105_000 - 1.01 ** (30 / 30.436875)) < 1e-9
    daily = w.project(OPERATION, NETWORK, step="day")
    assert daily.num_rows == 730
    assert daily.schema.metadata[b"total_mined_btc"] == t.schema.metadata[b"total_mined_btc"]
    mc = {"paths": 64, "seed": 7, "days": 730, "price_volatility": 0.3}
    bands = w.monte_carlo(OPERATION, MC_NETWORK, mc)
    assert bands.num_rows == 24
    assert bands.schema.metadata[b"paths"] == b"64"
    p05, p95 = bands.column("cumulative_cash_margin_p05"), bands.column("cumulative_cash_margin_p95")
    assert all(a.as_py() <= b.as_py() for a, b in zip(p05, p95))
    again = w.monte_carlo(OPERATION, MC_NETWORK, mc)
    assert bands.equals(again)
    with pytest.raises(w.ConfigError, match="price_drift"):
        w.monte_carlo(OPERATION, NETWORK, mc)
    with pytest.raises(w.ConfigError, match="not both"):
        w.project(OPERATION, {**NETWORK, "response": {}})
    with pytest.raises(ValueError, match="expected \"day\" or \"month\""):
        w.project(OPERATION, NETWORK, step="week")


def test_npv_irr_payback():
    flows = [Decimal(-100), Decimal(60), Decimal(60)]
    # -100 + 60/1.1 + 60/1.21 = 500/121, exact to Decimal's 28 digits (the
    # last may round either way).
    assert w.npv(Decimal("0.1"), flows).quantize(Decimal("1e-24")) == Decimal("4.132231404958677685950413")
    assert abs(w.irr(flows) - Decimal("0.1307")) < Decimal("0.0001")
    assert w.payback_period(flows) is not None
    with pytest.raises(TypeError, match="float"):
        w.npv(0.1, flows)


def test_lease_maths():
    lease = w.ColocationLease("10 MW", "$150/kW/month", Decimal("0.03"), 120, dt.date(2026, 1, 1))
    assert lease.rent_in_month(0) == Decimal("1500000")
    assert lease.schedule().num_rows == 120
    assert isinstance(lease.total_value(), Decimal)
    rate = w.ColocationLease.implied_rate(Decimal("180000000"), "10 MW", 120)
    assert rate == w.LeaseRate("$150/kW/month")
