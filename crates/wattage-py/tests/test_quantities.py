"""Quantities, prices and money: parse, display, checked arithmetic."""

import pickle
from decimal import Decimal

import pytest

import wattage as w


def test_parse_display_and_convert():
    h = w.Hashrate("950 EH/s")
    assert str(h) == "950 EH/s"
    assert h.to("PH/s") == pytest.approx(950_000.0)
    assert h.display("PH/s") == "950000 PH/s"
    assert w.Hashrate(950, "EH/s") == h
    assert repr(h) == 'Hashrate("950 EH/s")'


def test_products_follow_the_algebra_table():
    power = w.Hashrate("270 TH/s") * w.HashEfficiency("13.5 J/TH")
    assert isinstance(power, w.Power)
    assert str(power) == "3.645 kW"
    energy = power * w.Time("30 d")
    assert isinstance(energy, w.Energy)
    assert energy.display("MWh") == "2.6244 MWh"
    assert isinstance(energy / w.Time("30 d"), w.Power)
    assert isinstance(w.Power("1 kW") * w.ComputeEfficiency("1.4 TFLOPS/W"), w.FlopRate)
    assert w.Power("2 MW") / w.Power("1 MW") == pytest.approx(2.0)
    assert (w.Power("2 MW") * 2).to("MW") == pytest.approx(4.0)


def test_adding_a_hashrate_to_a_flop_rate_names_both():
    with pytest.raises(TypeError, match="FlopRate.*Hashrate"):
        w.Hashrate("1 EH/s") + w.FlopRate("1 EFLOP/s")
    with pytest.raises(TypeError, match="Hashrate.*FlopRate"):
        w.Hashrate("1 EH/s") * w.FlopRate("1 EFLOP/s")


def test_quantities_and_prices_pickle_exactly():
    for q in (w.Hashrate("950 EH/s"), w.HashEfficiency("17.5 J/TH"), w.Power("150 MW")):
        assert pickle.loads(pickle.dumps(q)) == q
    p = w.EnergyPrice("$45.25/MWh")
    assert pickle.loads(pickle.dumps(p)) == p


def test_money_is_decimal():
    assert w.parse_usd("$1,250.50") == Decimal("1250.50")
    assert w.parse_btc("3.125 BTC") == Decimal("3.125")
    price = w.EnergyPrice("$45/MWh")
    assert price.value == Decimal("45")
    assert isinstance(price.value, Decimal)
    cost = w.energy_cost(price, w.Energy("2 MWh"))
    assert cost == Decimal("90") and isinstance(cost, Decimal)
    assert w.EnergyPrice(Decimal("45")) == price


def test_errors_are_one_hierarchy_of_value_errors():
    assert issubclass(w.WattageError, ValueError)
    for e in (w.UnitError, w.MoneyError, w.MiningError, w.FacilityError, w.FinanceError, w.ConfigError):
        assert issubclass(e, w.WattageError)
    with pytest.raises(w.UnitError, match="J/TH"):
        w.Hashrate("5 J/TH")
