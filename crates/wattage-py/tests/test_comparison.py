"""Plan comparison and retrofits from Python give the Rust reference's
exact Decimals (crates/wattage/tests/comparison_fixture.rs, on the same
fixture files), and bad input raises the package's exceptions."""

import pathlib
from decimal import Decimal as D

import pytest

import wattage as w

DATA = pathlib.Path(__file__).parent / "data"


def _fixture():
    assumptions = w.Assumptions.from_toml((DATA / "comparison_assumptions.toml").read_text())
    base = w.Plan.from_toml((DATA / "comparison_base.toml").read_text())
    conversion = w.Conversion.from_toml((DATA / "comparison_conversion.toml").read_text())
    deployment, capex = w.RetrofitPlan(base.to_dict()["deployment"], [conversion]).apply()
    alternative = w.Plan({"name": "AI lease (hall B)", "deployment": deployment, "capex": capex})
    return w.compare(base, alternative, assumptions)


def test_the_same_figures_as_the_rust_reference():
    c = _fixture()
    assert c.base_npv == D("365381702.96141455218315311118")
    assert str(c.alternative_npv) == "316213961.97904752384527449800"
    assert str(c.incremental_irr) == "0.0615123255824183"
    assert str(c.incremental_payback_years) == "6.969570503072577713252330267"
    assert c.base.payback_years() == 0
    assert str(c.alternative.payback_years()) == "2.7388574425445922839054279433"
    years = c.years()
    assert years.num_rows == 10
    assert years.schema.field("incremental_cash_flow").metadata == {b"unit": b"$"}
    assert years.column("alternative_asset_sales")[0].as_py() == D("41451897.81")  # decimal128: equal value, padded scale
    assert years.column("incremental_cash_flow")[0].as_py() == D("-313162048.77589897330595482548")
    assert c.year_comparisons()[9]["incremental_cash_flow"] == D("56304055.207127312823245174520")


def test_bad_input_names_what_and_where():
    text = (DATA / "comparison_assumptions.toml").read_text()
    with pytest.raises(w.ConfigError, match="unknown field `discount`"):
        w.Assumptions.from_toml('discount = "0.1"\n' + text)
    with pytest.raises(ValueError, match="assumptions"):
        w.Assumptions.from_toml(text.replace('"$60,000"', '"60,000 MW"'))
    conversion = w.Conversion.from_toml((DATA / "comparison_conversion.toml").read_text()).to_dict()
    conversion["workload"]["colocation"]["lease"]["critical_it"] = D("36")
    with pytest.raises(w.WattageError, match="conversion"):
        w.Conversion(conversion)
    assert issubclass(w.ConfigError, ValueError)


def _retrofit(*phases):
    base = w.Plan.from_toml((DATA / "comparison_base.toml").read_text())
    return w.RetrofitPlan(base.to_dict()["deployment"], list(phases))


def _conversion():
    return w.Conversion.from_toml((DATA / "comparison_conversion.toml").read_text())


def test_a_retrofit_plan_built_any_way_applies_the_same():
    conversion = _conversion()
    assert (conversion.hall, conversion.name, conversion.displaced.kind) == ("B", "tenant", "sell")
    whole = _retrofit(conversion)
    added = _retrofit().with_(conversion)
    assert len(added.phases) == 1
    assert added.apply() == whole.apply()
    assert w.RetrofitPlan.from_dict(whole.to_dict()).apply() == whole.apply()
    # A phase given as its dict is the same phase.
    assert _retrofit(conversion.to_dict()).apply() == whole.apply()


def test_displaced_workloads_are_sold_or_moved_to_a_named_hall():
    moved = w.Displaced.redeploy("A")
    assert (moved.kind, moved.hall, moved.to_dict()) == ("redeploy", "A", {"redeploy": {"hall": "A"}})
    sold = w.Displaced.sell()
    assert (sold.kind, sold.hall, sold.to_dict()) == ("sell", None, "sell")


def test_impossible_retrofits_are_refused_naming_the_hall_or_the_phases():
    elsewhere = _conversion().to_dict()
    elsewhere["hall"] = "Z"
    with pytest.raises(w.FacilityError, match='no hall named "Z"'):
        _retrofit(elsewhere).apply()
    with pytest.raises(w.FacilityError, match='both convert hall "B"'):
        _retrofit(_conversion(), _conversion()).apply()
    assert issubclass(w.FacilityError, ValueError)


def test_bad_values_are_named_by_field_and_unit():
    text = (DATA / "comparison_assumptions.toml").read_text()
    with pytest.raises(w.ConfigError, match=r'opex_per_mw_year[\s\S]*"60,000 MW" as a USD amount'):
        w.Assumptions.from_toml(text.replace('"$60,000"', '"60,000 MW"'))
    conversion = _conversion().to_dict()
    conversion["workload"]["colocation"]["lease"]["critical_it"] = D("36")
    with pytest.raises(w.ConfigError, match='"36" as a power: a unit is required'):
        w.Conversion(conversion)


def test_the_incremental_returns_come_in_four_kinds_of_cash_flow():
    incremental = _fixture().incremental
    assert sorted(incremental) == [
        "levered_after_tax",
        "levered_pre_tax",
        "unlevered_after_tax",
        "unlevered_pre_tax",
    ]
    for returns in incremental.values():
        assert sorted(returns) == ["irr", "npv"]
        assert isinstance(returns["npv"], D)
    # The fixture has no debt and no taxes: the four series are one, and
    # the incremental NPV is the difference of the plans' NPVs (to the
    # last of Decimal's 28 digits).
    c = _fixture()
    assert all(r["irr"] == c.incremental_irr for r in incremental.values())
    for returns in incremental.values():
        assert abs(returns["npv"] - (c.alternative_npv - c.base_npv)) <= D("1e-19")
