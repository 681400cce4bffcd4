"""AI-facility economics, contracts, assets and financing from dicts and
TOML: values against the Rust library's documented results or a hand
calculation; bad input raises the package's errors with the Rust message."""

import datetime as dt
import decimal
import json
import pathlib
from decimal import Decimal

import pytest

import wattage as w

D = Decimal


def _serving():
    return {
        "tokens_per_second": 9600.0,  # an 8B model, batch 32, one H200
        "board_power": w.Power("700 W"),
        "system_overhead": 1275.0 / 700.0,  # a DGX H100's 1,275 W per GPU
        "pue": 1.2,
        "power_price": w.EnergyPrice("$50/MWh"),
        "other_cost_per_gpu_hour": "$2",  # money in a config is written with its unit
    }


def test_inference_cost_per_token_by_hand():
    inf = w.Inference(_serving())
    # 1,530 W at the wall over 9,600 tokens/s.
    assert inf.wall_power().to("W") == pytest.approx(1530.0, rel=1e-12)
    assert inf.energy_per_token().to("J") == pytest.approx(0.159375, rel=1e-12)
    # 1.53 kWh at $50/MWh plus $2: exact.
    assert inf.cost_per_gpu_hour() == D("2.0765")
    # 70 % busy: 24.192 million tokens an hour.
    cost = inf.cost_per_million_tokens(D("0.7"))
    assert isinstance(cost, Decimal)
    assert cost.quantize(D("1e-12")) == (D("2.0765") / D("24.192")).quantize(D("1e-12"))
    assert inf.revenue_per_million_tokens("$2.50/GPU-h", D("0.7")).quantize(D("1e-12")) == (
        D("2.50") / D("24.192")
    ).quantize(D("1e-12"))


def test_inference_round_trips_and_refuses_bad_terms():
    inf = w.Inference(_serving())
    again = w.Inference.from_dict(inf.to_dict())
    assert again.cost_per_gpu_hour() == inf.cost_per_gpu_hour()
    with pytest.raises(w.FacilityError, match="utilization"):
        inf.cost_per_million_tokens(D("1.5"))
    # A config's own checks come as ConfigError, with the library's message.
    with pytest.raises(w.ConfigError, match="PUE must be finite and at least 1, got 0.9"):
        w.Inference({**_serving(), "pue": 0.9})
    with pytest.raises(w.ConfigError, match="unknown field `tokens`"):
        w.Inference({**_serving(), "tokens": 1})


def test_throughput_for_a_catalog_accelerator():
    # The measured share (667.7 of 989.5) of the H200's dense BF16 peak.
    small = w.ThroughputSpec.for_accelerator("H200 SXM", "bf16", 667.7 / 989.5, 8e9, 32, 2.0)
    # 4.8 TB/s over 16 GB of weights: 300 steps a second, 32 tokens each.
    assert round(small.tokens_per_second()) == 9600
    assert small.memory_bound() == pytest.approx(9600.0, rel=1e-9)
    large = w.ThroughputSpec({**small.to_dict(), "batch": 256})
    assert round(large.tokens_per_second()) == 41_731
    assert large.tokens_per_second() == large.compute_bound()
    with pytest.raises(w.HardwareError):
        w.ThroughputSpec.for_accelerator("H200 SXM", "fp7", 0.5, 8e9, 32, 2.0)


def test_cloud_ramp_as_documented():
    ramp = w.CloudRamp(
        {
            "commissioned": dt.date(2026, 1, 1),
            "initial_utilization": D("0.2"),
            "ramp_months": 6,
            "annual_price_decline": D("0.2"),
            "price_floor": "$1.50/GPU-h",
        }
    )
    steady = D("0.8")
    assert ramp.utilization_in_month(3, steady) == D("0.5")  # halfway
    assert ramp.utilization_in_month(9, steady) == steady
    assert str(ramp.price_in_month(12, "$3.00/GPU-h")) == "$2.4/GPU-h"
    assert str(ramp.price_in_month(60, "$3.00/GPU-h")) == "$1.5/GPU-h"  # the floor
    with pytest.raises(w.ConfigError, match="initial GPU utilization must be between 0 and 1, got 1.2"):
        w.CloudRamp({**ramp.to_dict(), "initial_utilization": D("1.2")})


_CLOUD_TOML = """
accelerator = "NVIDIA H200 SXM"
count = 7840
power_per_device = "1.275 kW"
price = "$2.50/GPU-h"
utilization = "0.7"
capex_per_gpu = "$35,000"
life_years = 5
"""


def test_lease_or_cloud_for_a_hall():
    lease = w.ColocationLease("10 MW", "$150/kW/month", D(0), 120, dt.date(2027, 1, 1), "triple_net")
    cloud = w.GpuCloud.from_toml(_CLOUD_TOML)
    assert cloud.capex() == D(7840 * 35_000)
    assert cloud.annual_depreciation() == D(7840 * 35_000) / 5
    assert cloud.revenue_per_hour() == D("7840") * D("0.7") * D("2.50")
    years = w.lease_or_cloud(lease, cloud, 1.2, "$50/MWh", 6).to_pylist()
    assert len(years) == 6
    assert years[0]["lease_net"] == D("18000000")  # 10,000 kW x $150 x 12
    # 2027 has 8,760 h: 7,840 x 0.7 x $2.50 x 8,760.
    assert years[0]["cloud_revenue"] == D("120187200")
    # 9,996 kW at PUE 1.2 for 8,760 h at $50/MWh.
    assert years[0]["cloud_power_cost"] == D("7840") * D("1.275") * D("1.2") * 8760 * D("0.05")
    assert years[0]["cloud_net"] == (
        years[0]["cloud_revenue"] - years[0]["cloud_power_cost"] - years[0]["cloud_depreciation"]
    )
    assert years[5]["cloud_depreciation"] == 0  # after the GPUs' five years
    with pytest.raises(w.FacilityError):
        w.lease_or_cloud(lease, cloud, 1.2, "$50/MWh", 11)  # past the term


def _tranched():
    def tranche(name, start, option=None):
        t = {
            "name": name,
            "critical_it": "50 MW",
            "rate": "$130/kW/month",
            "rent_commencement": start,
            "free_rent_months": 2,
        }
        if option is not None:
            t["option"] = option
        return t

    return {
        "signed": dt.date(2026, 1, 1),
        "term_months": 120,
        "escalator": D("0.02"),
        "structure": "triple_net",
        "tranches": [
            tranche("phase 1", dt.date(2026, 7, 1)),
            tranche("phase 2", dt.date(2027, 1, 1)),
            tranche("option", dt.date(2027, 7, 1), {"exercise_by": dt.date(2026, 12, 1), "exercised": False}),
        ],
    }


def test_tranched_lease_as_documented_and_its_rent_schedule():
    lease = w.TranchedLease(_tranched())
    assert lease.tranche_names() == ["phase 1", "phase 2", "option"]
    assert lease.committed_names() == ["phase 1", "phase 2"]
    assert str(lease.committed_capacity()) == "100 MW"
    # 50,000 kW x $130 a month, 120 months escalated 2 % a lease year,
    # less 2 free months, twice: $1,682,156,476 to the dollar.
    assert round(lease.total_value()) == 1_682_156_476
    schedule = lease.schedule()
    assert schedule.num_rows == 240
    rows = schedule.to_pylist()
    assert sum(r["rent"] for r in rows) == lease.total_value()
    assert rows[0]["rent"] == 0 and rows[2]["rent"] == D("6500000")  # free, then 50,000 x $130
    assert rows[12]["rent"] == D("6630000")  # the second lease year, 2 % up
    assert lease.tranche("phase 2").total_value() == sum(r["rent"] for r in rows if r["tranche"] == "phase 2")
    with pytest.raises(KeyError, match="no tranche"):
        lease.tranche("phase 9")
    bad = _tranched()
    bad["tranches"][1]["name"] = "phase 1"
    with pytest.raises(w.ConfigError, match="phase 1"):
        w.TranchedLease(bad)


def test_hosting_contract_deposit_and_a_month_billed():
    contract = w.HostingContract(
        {
            "nameplate": "10 MW",
            "hashrate": "500 PH/s",
            "rate": "7 c/kWh",
            "billing": "metered",
            "curtailment": "pass_through",
            "profit_share": None,
            "uptime_sla": None,
            "deposit_months": 2,
        }
    )
    # Two months at nameplate: 10 MW x 730 h x $70/MWh x 2.
    assert contract.deposit() == D("1022000")
    bill = contract.settle(
        {
            "hours": D("720"),
            "curtailed_hours": D("0"),
            "outage_hours": D("0"),
            "metered_mwh": D("7000"),
            "hashprice": "$50/PH/day",
        }
    )
    assert bill["energy_charge"] == D("490000")  # 7,000 MWh at $70
    assert bill["amount_due"] == D("490000")
    # 500 PH/s for 30 days at $50/PH/day.
    assert bill["mining_revenue"] == D("750000")
    assert bill["client_margin"] == D("260000")
    with pytest.raises(w.FacilityError, match="hosting month"):
        contract.settle({"hours": D("10"), "curtailed_hours": D("20"), "outage_hours": D("0"),
                         "metered_mwh": D("1"), "hashprice": "$50/PH/day"})


def _miners(**changes):
    spec = {
        "name": "S21 XP fleet",
        "serves": {"workload": "fleet"},
        "kind": {"miners": {"units": 10_000, "hashrate": "2.7 EH/s", "efficiency": "13.5 J/TH"}},
        "price": {"per_terahash": D("12")},
        "purchased": dt.date(2026, 1, 1),
        "life_months": 36,
        "residual": "$0",
        "resale": "book_value",
    }
    spec.update(changes)
    return spec


def test_asset_cost_book_value_and_resale():
    miners = w.Asset(_miners())
    assert miners.name == "S21 XP fleet"
    assert miners.cost() == D("32400000")  # 2.7 EH/s = 2.7M TH/s at $12
    assert miners.book_value(dt.date(2026, 1, 1)) == D("32400000")
    # Straight line by days over the 1,096 days of its 36 months: 546 days
    # gone on 1 July 2027, to the cent; nothing left after 36 months.
    assert miners.book_value(dt.date(2027, 7, 1)) == (D("32400000") * 550 / 1096).quantize(D("0.01"))
    # Sold at book value: the resale is the book value, to the cent.
    at = dt.date(2027, 3, 15)
    assert miners.resale_value(at) == miners.book_value(at)
    assert miners.depreciation_between(dt.date(2026, 1, 1), at) == miners.cost() - miners.book_value(at)
    assert miners.book_value(dt.date(2029, 6, 1)) == 0
    with pytest.raises(w.FacilityError, match="not held"):
        miners.book_value(dt.date(2025, 1, 1))
    with pytest.raises(w.ConfigError, match="life"):
        w.Asset(_miners(life_months=-3))


def test_asset_refresh_vintages_and_events():
    refreshed = w.Asset(_miners(refresh={"end_of_life": {"price": {"per_terahash": D("10")}}}))
    vintages = refreshed.vintages(dt.date(2031, 1, 1))
    assert [v["purchased"] for v in vintages] == ["2026-01-01", "2029-01-01"]
    assert vintages[1]["cost"] == D("27000000")  # the replacement at $10/TH
    assert vintages[0]["sold"] == "2029-01-01"
    events = refreshed.events(dt.date(2031, 1, 1))
    assert [e["kind"] for e in events] == ["purchase", "sale", "purchase"]
    assert events[1]["amount"] == events[1]["book_value"] == 0  # fully written off
    # A name stays a string in a result even when it reads as a number.
    numbered = w.Asset(_miners(name="2026"))
    assert [e["asset"] for e in numbered.events(dt.date(2027, 1, 1))] == ["2026"]
    assert refreshed.book_value(dt.date(2029, 1, 1)) == D("27000000")


def test_resale_curve_against_its_own_terms():
    curve = w.ResaleCurve.default_shape()
    terms = curve.to_dict()
    again = w.ResaleCurve(terms)
    as_of = dt.date.fromisoformat(terms["as_of"])
    price = curve.price_per_th("13.5 J/TH", as_of)
    assert isinstance(price, Decimal) and price > 0
    assert again.price_per_th("13.5 J/TH", as_of) == price
    # 2.7 EH/s is 2.7 million TH/s.
    assert curve.value("2.7 EH/s", "13.5 J/TH", as_of) == price * 2_700_000
    # A year on, the price has lost the annual decline.
    later = as_of + dt.timedelta(days=365)
    decline = D(terms["annual_decline"])
    assert curve.price_per_th("13.5 J/TH", later) == pytest.approx(price * (1 - decline * D(365) / D("365.25")), rel=D("1e-9"))
    with pytest.raises(TypeError, match="HashEfficiency"):
        curve.price_per_th(w.Power("1 W"), as_of)


def _financing(**changes):
    spec = {
        "debt": [],
        "taxes": None,
        "tax_depreciation": {
            "miners": {"macrs": {"class": "five_year", "bonus": D("0")}},
            "gpus": {"macrs": {"class": "five_year", "bonus": D("0")}},
            "infrastructure": {"macrs": {"class": "fifteen_year", "bonus": D("0")}},
        },
        "terminal_value": "none",
        "discount_rate": D("0.1"),
        "discounting": {"yearly": {"period": "year", "first_flow": "today"}},
    }
    spec.update(changes)
    return spec


def test_financing_an_all_equity_plan_matches_the_sites_own_npv(site_year_toml):
    run = w.Site.from_toml(site_year_toml).simulate()
    plan = w.Financing(_financing()).evaluate(run)
    flows = run.cash_flows()
    years = plan["years"]
    assert [y["unlevered_pre_tax"] for y in years] == flows
    assert plan["unlevered_pre_tax"]["npv"] == run.npv(D("0.1"))
    # Untaxed and unlevered: every series is the same.
    assert plan["levered_after_tax"]["npv"] == plan["unlevered_pre_tax"]["npv"]
    assert plan["dscr"] == []
    # An exit at 8x the last year's EBITDA joins the last year's flow.
    exit_plan = w.Financing(_financing(terminal_value={"ebitda_multiple": D("8")})).evaluate(run)
    last = exit_plan["years"][-1]
    with decimal.localcontext() as exact:
        exact.prec = 60  # Rust's decimals keep 28 digits: equal to far below a cent
        assert abs(last["terminal_value"] - 8 * last["ebitda"]) < D("1e-15")
        assert abs(last["unlevered_pre_tax"] - years[-1]["unlevered_pre_tax"] - last["terminal_value"]) < D("1e-15")


def test_financing_with_a_loan_and_taxes(site_year_toml):
    run = w.Site.from_toml(site_year_toml).simulate()
    start = dt.date(2026, 1, 1)  # the site-year's first day
    loan = {
        "principal": "$10,000,000",
        "draws": [],
        "rate": {"fixed": D("0.06")},
        "start": start,
        "term_months": 12,
        "frequency": "yearly",
        "repayment": "bullet",
        "upfront_fee": D("0"),
        "commitment_fee": D("0"),
    }
    taxes = {"federal_rate": D("0.21"), "state_rate": D("0"), "interest_limit": None,
             "loss_limit": None, "property_tax": "none"}
    plan = w.Financing(_financing(debt=[loan], taxes=taxes)).evaluate(run)
    first = plan["years"][0]
    assert first["drawn"] == D("10000000")
    assert first["interest"] == D("600000")  # 6 % for the year
    assert first["principal"] == D("10000000")  # a bullet at the end of its year
    with decimal.localcontext() as exact:
        exact.prec = 60  # the flows carry more digits than Python's default 28
        levered = first["unlevered_pre_tax"] + first["drawn"] - first["interest"] - first["principal"] - first["fees"]
        # No assets, so no tax depreciation: 21 % of EBITDA, and of EBITDA
        # less the interest with the loan (163(j) off), to the cent.
        unlevered_tax = (D("0.21") * first["ebitda"]).quantize(D("0.01"))
        levered_tax = (D("0.21") * (first["ebitda"] - first["interest"])).quantize(D("0.01"))
        assert first["levered_after_tax"] == first["levered_pre_tax"] - first["levered_tax"]
    assert first["levered_pre_tax"] == levered
    assert abs(first["unlevered_tax"] - unlevered_tax) <= D("0.01")
    assert abs(first["levered_tax"] - levered_tax) <= D("0.01")
    # DSCR: cash flow available over the debt service of the year.
    (dscr,) = plan["dscr"]
    assert dscr["debt_service"] == D("10600000")
    assert dscr["dscr"].quantize(D("1e-6")) == (dscr["cash_flow_available"] / dscr["debt_service"]).quantize(D("1e-6"))
    with pytest.raises(w.ConfigError, match="unknown field `tenor`"):
        w.Financing(_financing(debt=[{**loan, "tenor": 3}]))
    with pytest.raises(w.ConfigError):
        w.Financing(_financing(discount_rate=D("-2")))


def test_financing_a_floating_rate_loan_from_a_rate_path(site_year_toml):
    run = w.Site.from_toml(site_year_toml).simulate()
    loan = {
        "principal": "$12,000,000",
        "draws": [],
        # SOFR by month (the last value holds), plus a 2 % margin.
        "rate": {"floating": {"index": [D("0.04")] * 6 + [D("0.03")], "spread": D("0.02")}},
        "start": dt.date(2026, 1, 1),
        "term_months": 12,
        "frequency": "monthly",
        "repayment": "bullet",
        "upfront_fee": D("0"),
        "commitment_fee": D("0"),
    }
    plan = w.Financing(_financing(debt=[loan])).evaluate(run)
    # Six months at 6 % a year and six at 5 %, on $12M outstanding all year.
    assert plan["years"][0]["interest"] == D("12000000") * (D("0.06") * 6 + D("0.05") * 6) / 12
    dscr = plan["dscr"]
    assert len(dscr) == 1


def _site_with(contract):
    return {
        "name": "reserves site",
        "curtailment": "above_breakeven",
        "horizon": {"start": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "resolution": "hourly", "periods": 48},
        "contract": contract,
        "deployment": {
            "site": {
                "name": "West Texas",
                "interconnect": "60 MW",
                "halls": [{"name": "A", "it_capacity": "50 MW", "pue": {"constant": 1.1}}],
            },
            "assignments": [
                {
                    "name": "fleet",
                    "hall": "A",
                    "pue": {"constant": 1.1},
                    "window": {},
                    "workload": {
                        "self_mining": {
                            "hashrate": "2.1 EH/s",
                            "it_power": "45.15 MW",
                            "btc_price": "$29,041.01/BTC",
                            "pool": {"scheme": "fpps", "fee": D("0.02")},
                            "hashprice": {"constant": "$71.54/PH/day"},
                        }
                    },
                }
            ],
        },
    }


def _offer(**changes):
    offer = {
        "service": "non_spinning",
        "prices": {
            "start": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
            "resolution": "hourly",
            "prices": ["$5/MWh"] * 48,
        },
        "share": D("0.5"),
        "calls": {"expected": D("0")},
        "controllable": False,
    }
    offer.update(changes)
    return offer


def test_a_reserve_offer_validates_and_pays_through_the_site_dict():
    w.ReserveOffer(_offer())
    with pytest.raises(w.ConfigError, match="Regulation Down"):
        w.ReserveOffer(_offer(service="regulation_down"))
    with pytest.raises(w.ConfigError, match="offered reserve share"):
        w.ReserveOffer(_offer(share=D("1.5")))
    plain = w.Site.from_dict(_site_with({"supply": {"fixed": "$42/MWh"}})).simulate()
    offered = w.Site.from_dict(_site_with({"supply": {"fixed": "$42/MWh"}, "reserves": _offer()})).simulate()
    paid = sum(offered.ledger().column("reserve_payment").to_pylist())
    # Half of the fleet's 49.665 MW at the meter (45.15 MW x PUE 1.1), never
    # called, at $5 per MW-hour for 48 hours.
    assert paid == D("0.5") * D("45.15") * D("1.1") * 5 * 48
    # A site power line, not mining revenue: all of it reaches EBITDA.
    assert offered.totals()["revenue"] == plain.totals()["revenue"]
    assert offered.totals()["ebitda"] - plain.totals()["ebitda"] == paid


def test_tranched_lease_workloads_simulate_in_a_site_dict():
    lease = w.TranchedLease(_tranched())
    tenants = lease.workloads(D("1"))
    assert list(tenants) == ["phase 1", "phase 2"]
    halls = [{"name": n, "it_capacity": "60 MW", "pue": {"constant": 1.2}} for n in ("A", "B")]
    site = {
        "name": "AI campus",
        "horizon": {"start": dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc), "resolution": "hourly", "periods": 30 * 24},
        "contract": {"supply": {"fixed": "$40/MWh"}},
        "deployment": {
            "site": {"name": "campus", "interconnect": "150 MW", "halls": halls},
            "assignments": [
                {"name": name, "hall": hall, "pue": {"constant": 1.2}, "window": {}, "workload": workload}
                for (name, workload), hall in zip(tenants.items(), ("A", "B"))
            ],
        },
    }
    run = w.Site.from_dict(site).simulate()
    # September 2026 is phase 1's third month (after two free) and before
    # phase 2 commences: one month of 50,000 kW at $130, and, triple-net,
    # the tenant repays its energy: 50 MW x PUE 1.2 x 720 h at $40/MWh.
    rent = lease.tranche("phase 1").rent_in_month(2)
    assert rent == D("6500000")
    assert run.totals()["revenue"] == rent + D(50) * D("1.2") * 720 * 40
    with pytest.raises(w.FacilityError, match="SLA"):
        lease.workloads(D("1"), D("2"))


def test_financing_taxes_an_asset_by_bonus_depreciation_with_a_loss_carried(site_year_toml):
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later

    config = tomllib.loads(site_year_toml)
    config["deployment"]["assets"] = [
        {
            "name": "hall A",
            "serves": {"hall": "A"},
            "kind": {"infrastructure": {"capacity": "50 MW"}},
            "price": {"per_megawatt": "$1.5M/MW"},
            "purchased": dt.date(2026, 1, 1),
            "life_months": 240,
            "residual": "$0",
            "resale": "book_value",
        }
    ]
    run = w.Site.from_dict(config).simulate()
    bonus = {"macrs": {"class": "fifteen_year", "bonus": D("1")}}
    taxes = {"federal_rate": D("0.21"), "state_rate": D("0"), "interest_limit": None,
             "loss_limit": None, "property_tax": "none"}
    spec = _financing(taxes=taxes)
    spec["tax_depreciation"] = {**spec["tax_depreciation"], "infrastructure": bonus}
    plan = w.Financing(spec).evaluate(run)
    (year,) = plan["years"]
    # 100 % bonus: the hall's $75M written off for tax in its first year,
    # against a year's EBITDA of about $33M: a loss, so no income tax.
    assert year["tax_depreciation"] == D("75000000")
    assert 0 < year["ebitda"] < D("75000000")
    assert year["unlevered_tax"] == 0
    # Book depreciation is the straight line by days: 365 of the 7,305 days
    # of its 20 years (five of them leap years).
    assert year["book_depreciation"] == (D("75000000") * 365 / 7305).quantize(D("0.01"))
    # Without the bonus, 15-year MACRS takes 5 % in the first year
    # (half-year convention), and the income is taxed.
    plain = w.Financing(_financing(taxes=taxes)).evaluate(run)["years"][0]
    assert plain["tax_depreciation"] == D("3750000")
    assert abs(plain["unlevered_tax"] - D("0.21") * (plain["ebitda"] - D("3750000"))) <= D("0.01")


def test_financing_limits_interest_by_163j_and_carries_the_rest(site_year_toml):
    run = w.Site.from_toml(site_year_toml).simulate()
    loan = {
        "principal": "$200,000,000",
        "draws": [],
        "rate": {"fixed": D("0.06")},
        "start": dt.date(2026, 1, 1),
        "term_months": 12,
        "frequency": "yearly",
        "repayment": "bullet",
        "upfront_fee": D("0"),
        "commitment_fee": D("0"),
    }
    taxes = {"federal_rate": D("0.21"), "state_rate": D("0"), "interest_limit": D("0.3"),
             "loss_limit": None, "property_tax": "none"}
    plan = w.Financing(_financing(debt=[loan], taxes=taxes)).evaluate(run)
    (tax,) = plan["taxes"]
    # $12M of interest against 30 % of an adjusted taxable income of about
    # $33M (EBITDA: no assets, no property tax): the limit binds.
    ati = tax["adjusted_taxable_income"]
    assert ati == plan["years"][0]["ebitda"]
    assert abs(tax["interest_deducted"] - D("0.3") * ati) <= D("0.01")
    assert tax["interest_carried"] == D("12000000") - tax["interest_deducted"]
    assert abs(tax["income_tax"] - D("0.21") * (ati - tax["interest_deducted"])) <= D("0.01")


def test_financing_charges_property_tax_per_mw_of_interconnect(site_year_toml):
    run = w.Site.from_toml(site_year_toml).simulate()
    taxes = {"federal_rate": D("0.21"), "state_rate": D("0"), "interest_limit": None,
             "loss_limit": None, "property_tax": {"per_mw_year": "$10,000"}}
    plan = w.Financing(_financing(taxes=taxes)).evaluate(run)
    (tax,) = plan["taxes"]
    # The site's 60 MW interconnect at $10,000 a MW-year, deducted before
    # income tax.
    assert tax["property_tax"] == D("600000")
    with decimal.localcontext() as exact:
        exact.prec = 60
        assert tax["adjusted_taxable_income"] == plan["years"][0]["ebitda"] - D("600000")
    with pytest.raises(w.ConfigError, match="property"):
        w.Financing(_financing(taxes={**taxes, "property_tax": {"per_mw_year": "-$1"}}))


# The plan of the Rust test `financed_nol` (wattage-facility), read from
# the same file: the figures below are the ones that test checks.
NOL_PLAN = pathlib.Path(__file__).resolve().parents[2] / "wattage-facility" / "tests" / "data" / "financed_nol_plan.json"


def test_financing_carries_a_net_operating_loss_over_several_years_as_in_rust():
    plan = json.loads(NOL_PLAN.read_text())
    run = w.Site.from_text(json.dumps(plan["site"]), "json").simulate()
    taxes = w.Financing(plan["financing"]).evaluate(run)["taxes"]
    keys = ("year", "adjusted_taxable_income", "loss_used", "loss_carried", "taxable_income", "income_tax")
    got = [tuple(t[k] for k in keys) for t in taxes]
    assert got == [
        (2026, D("-42241190.790554414784394250461"), D("0"), D("42241190.790554414784394250461"), D("0"), D("0")),
        (2027, D("32758809.209445585215605749539"), D("26207047.37"), D("16034143.420554414784394250461"),
         D("6551761.839445585215605749539"), D("1375869.99")),
        (2028, D("32758809.209445585215605749539"), D("16034143.420554414784394250461"), D("0"),
         D("16724665.788891170431211499078"), D("3512179.82")),
    ]
    first, second, third = taxes
    # The first year's loss is all carried; the second year uses 80 % of
    # its income, to the cent; the third uses what is left, under the limit.
    with decimal.localcontext() as exact:
        exact.prec = 60  # Rust's decimals keep 29 digits here, Python's 28 by default
        assert first["loss_carried"] == -first["adjusted_taxable_income"]
        assert second["loss_used"] == (D("0.8") * second["adjusted_taxable_income"]).quantize(D("0.01"))
        assert second["loss_carried"] == first["loss_carried"] - second["loss_used"]
        assert third["loss_used"] == second["loss_carried"]
        assert third["taxable_income"] == third["adjusted_taxable_income"] - third["loss_used"]
    assert abs(third["income_tax"] - D("0.21") * third["taxable_income"]) <= D("0.01")
    # Each year's after-tax flow is its pre-tax flow less the income tax.
    years = w.Financing(plan["financing"]).evaluate(run)["years"]
    assert [y["unlevered_tax"] for y in years] == [t["income_tax"] for t in taxes]
