"""Bad input raises a Python exception that says what and where; it never
crashes the interpreter."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest

import wattage as w


def test_wrong_units():
    with pytest.raises(w.UnitError, match="hashrate"):
        w.Hashrate("17.5 J/TH")
    with pytest.raises(w.UnitError, match="unknown unit"):
        w.Hashrate("1 EH/s").to("MW")
    with pytest.raises(TypeError, match="expected HashEfficiency, got Hashrate"):
        w.breakeven_power_price("$52/PH/day", w.Hashrate("1 EH/s"))
    with pytest.raises(w.WattageError):
        w.EnergyPrice("45 MW")


def test_nan_and_inf_in_arrays_name_the_index():
    d = np.array([127e12, 127e12, np.inf])
    with pytest.raises(ValueError, match=r"difficulty\[2\] is inf"):
        w.hashprice_array(d, np.full(3, 1e5), 903_000)
    with pytest.raises(ValueError, match=r"btc_price\[1\] is NaN"):
        w.hashprice_array(np.full(3, 1e14), np.array([1.0, np.nan, 1.0]), 903_000)
    with pytest.raises(ValueError, match=r"efficiency_j_per_th\[0\] is NaN"):
        w.breakeven_power_price_array("$52/PH/day", np.array([np.nan]))


def test_nan_in_a_kernel_path_names_the_index(site_year_toml):
    k = w.Site.from_toml(site_year_toml).kernel()
    prices = np.full(k.periods, 40.0)
    prices[17] = np.nan
    with pytest.raises(ValueError, match=r"prices: price path entry 17 must be a finite \$/MWh, got NaN"):
        k.run(prices)
    with pytest.raises(ValueError, match="8760 periods"):
        k.run(np.ones(3))


def test_naive_datetimes_are_refused():
    pd = pytest.importorskip("pandas")
    idx = pd.date_range("2026-01-01", periods=4, freq="h")
    with pytest.raises(ValueError, match="time zone is required"):
        w.PriceSeries.from_frame(pd.Series([1.0, 2.0, 3.0, 4.0], index=idx))
    table = pa.table({"start": pa.array(idx), "price": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(ValueError, match="time zone is required"):
        w.PriceSeries.from_arrow(table)
    with pytest.raises(ValueError, match="time zone is required"):
        w.Site.from_dict({"horizon": {"start": dt.datetime(2026, 1, 1)}})


def test_unknown_dict_keys_are_refused():
    from test_sites import _dict_site

    d = _dict_site()
    d["deployment"]["site"]["colour"] = "blue"
    with pytest.raises(w.ConfigError, match="unknown field `colour`, expected one of `name`"):
        w.Site.from_dict(d)
    d = _dict_site()
    d["opex"] = "$1"
    with pytest.raises(w.ConfigError, match="opex"):
        w.Site.from_dict(d)
    with pytest.raises(w.ConfigError, match="unknown field `hashratee`"):
        w.project({"hashrate": "1 PH/s", "efficiency": "20 J/TH", "power_price": "$40/MWh", "hashratee": 1}, {})


def test_a_decimal_where_a_quantity_is_expected():
    with pytest.raises(TypeError, match="expected HashEfficiency .*got decimal.Decimal"):
        w.breakeven_power_price("$52/PH/day", Decimal("17.5"))
    with pytest.raises(TypeError, match="decimal.Decimal"):
        w.Hashrate(Decimal("950"))
    with pytest.raises(TypeError, match="Power by decimal.Decimal"):
        w.Power("1 MW") * Decimal("2")


def test_float_where_money_is_expected():
    with pytest.raises(TypeError, match="never float"):
        w.EnergyPrice(45.0)


def test_bad_values_in_series_and_tables():
    start = pa.array(
        [dt.datetime(2026, 1, 1, h, tzinfo=dt.timezone.utc) for h in (0, 1, 3)],
        pa.timestamp("us", tz="UTC"),
    )
    with pytest.raises(ValueError, match="row 2: spacing"):
        w.PriceSeries.from_arrow(pa.table({"start": start, "price": [1.0, 2.0, 3.0]}))
    start = start.slice(0, 2)
    with pytest.raises(ValueError, match=r"row 1 is NaN"):
        w.PriceSeries.from_arrow(pa.table({"start": start, "price": [1.0, float("nan")]}))
    with pytest.raises(ValueError, match="no column \"price\""):
        w.PriceSeries.from_arrow(pa.table({"start": start, "p": [1.0, 2.0]}))
