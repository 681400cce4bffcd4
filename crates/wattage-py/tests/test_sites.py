"""Sites from dicts and TOML, the exact ledger and the kernel, price
series in from pandas, polars and Arrow and out as Arrow."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest

import wattage as w


def _dict_site():
    return {
        "name": "dict site",
        "curtailment": "above_breakeven",
        "horizon": {
            "start": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
            "resolution": "hourly",
            "periods": 48,
        },
        "contract": {"supply": {"fixed": w.EnergyPrice("$42/MWh")}},
        "deployment": {
            "site": {
                "name": "West Texas",
                "interconnect": "60 MW",
                "halls": [{"name": "A", "it_capacity": w.Power("50 MW"), "pue": {"constant": 1.1}}],
            },
            "assignments": [
                {
                    "name": "fleet",
                    "hall": "A",
                    "pue": {"constant": 1.1},
                    "window": {},
                    "workload": {
                        "self_mining": {
                            "hashrate": w.Hashrate("2.1 EH/s"),
                            "it_power": "45.15 MW",
                            "btc_price": "$29,041.01/BTC",
                            "pool": {"scheme": "fpps", "fee": Decimal("0.02")},
                            "hashprice": {"constant": "$71.54/PH/day"},
                        }
                    },
                }
            ],
        },
    }


def test_a_dict_site_simulates_exactly_and_agrees_with_the_kernel():
    site = w.Site.from_dict(_dict_site())
    run = site.simulate()
    totals = run.totals()
    assert isinstance(totals["revenue"], Decimal)
    k = site.kernel().run()
    assert k["revenue_usd"] == pytest.approx(float(totals["revenue"]), rel=1e-9)
    ledger = run.ledger()
    assert ledger.num_rows == 48
    assert ledger.schema.field("energy_mwh").metadata == {b"unit": b"MWh"}
    assert sum(ledger.column("revenue").to_pylist()) == totals["revenue"]
    # Every money line of the site's periods is a column, in dollars.
    for line in ("reserve_payment", "block_settlement", "charges_passed_through", "pass_through", "curtailment_value"):
        assert ledger.schema.field(line).metadata == {b"unit": b"$"}
    summary = run.summary()
    assert summary.column("workload").to_pylist() == ["fleet"]
    # Every money line a workload books, then the summary's own lines.
    for line in ("revenue", "energy_cost", "reserve_payment", "pass_through", "curtailment_value", "gross_margin", "ebitda"):
        assert summary.schema.field(line).metadata == {b"unit": b"$"}
    assert "demand_charge" not in summary.schema.names  # booked by the site only


def test_toml_site_year(site_year_toml):
    site = w.Site.from_toml(site_year_toml)
    assert site.kernel().periods == 8760
    assert site.simulate().ledger().num_rows == 8760


def test_the_exact_run_timed_inside_rust_names_its_three_steps():
    # The benchmark's reference for `Site.simulate`; nothing here asserts
    # a time, only that the three steps were run and summed.
    site = w.Site.from_dict(_dict_site())
    times = site.time_in_rust(2)
    assert set(times) == {"ledger", "summary", "cash_flows", "total"}
    assert all(t >= 0.0 for t in times.values())
    assert times["total"] == pytest.approx(times["ledger"] + times["summary"] + times["cash_flows"])
    bad = dict(_dict_site(), contract=None)
    del bad["contract"]
    with pytest.raises(w.FacilityError, match="no \\[contract\\]"):
        w.Site.from_dict(bad).time_in_rust(1)


def test_cash_flows_years_sum_the_ledger_periods(site_year_toml):
    # The cash flows read each period's money lines without its energies;
    # the year's flow is still the ledger's gross margin, summed period by
    # period, less the opex of the periods ($60,000 per MW-year here).
    run = w.Site.from_toml(site_year_toml).simulate()
    (flow,) = run.cash_flows()
    margin = sum(run.ledger().column("gross_margin").to_pylist())
    assert margin == run.totals()["gross_margin"]
    opex = margin - flow
    assert opex == pytest.approx(Decimal("60000") * Decimal("45.15") * 8760 / 8766, rel=Decimal("1e-20"))
    assert flow == pytest.approx(run.totals()["ebitda"], rel=Decimal("1e-20"))


def _prices(n=48):
    return 20.0 + 30.0 * np.abs(np.sin(np.arange(n) / 5.0))


def test_price_series_from_pandas_polars_and_arrow_agree():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    idx = pd.date_range("2026-01-01", periods=48, freq="h", tz="UTC")
    from_pd = w.PriceSeries.from_frame(pd.Series(_prices(), index=idx))
    table = pa.table({"start": pa.array(idx), "price": _prices()})
    from_pa = w.PriceSeries.from_arrow(table)
    from_pl = w.PriceSeries.from_frame(pl.from_arrow(table))
    out = from_pd.to_arrow()
    assert out.equals(from_pa.to_arrow()) and out.equals(from_pl.to_arrow())
    assert out.schema.field("price").metadata == {b"unit": b"$/MWh"}
    assert len(from_pd) == 48
    # zero-copy into pandas and polars
    assert len(out.to_pandas()) == 48 and pl.from_arrow(out).height == 48


def test_a_site_on_a_price_series(site_year_toml):
    pd = pytest.importorskip("pandas")
    d = _dict_site()
    del d["horizon"], d["contract"]
    site = w.Site.from_dict(d)
    idx = pd.date_range("2026-01-01", periods=48, freq="h", tz="US/Central")
    series = w.PriceSeries.from_frame(pd.Series(_prices(), index=idx))
    run = site.simulate(series)
    k = site.kernel(series).run()
    assert k["energy_cost_usd"] == pytest.approx(float(run.totals()["energy_cost"]), rel=1e-9)
    # the kernel takes any path of the horizon's length
    assert site.kernel(series).run(_prices() * 2)["energy_cost_usd"] > k["energy_cost_usd"]


def test_catalog_tables_carry_units():
    t = w.asic_catalog()
    assert t.num_rows > 10
    assert t.schema.field("efficiency").metadata == {b"unit": b"J/TH"}
    assert w.accelerator_catalog().num_rows > 5
