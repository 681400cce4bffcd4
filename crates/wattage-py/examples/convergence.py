"""The convergence story of examples/convergence.rs, from Python, as far as
the binding reaches: the network today, the halvings, the breakeven power
price, the AI lease's numbers and the all-mining plan simulated hour by
hour for ten years (the exact ledger). The conversions of hall C (the
retrofit and comparison API) are not bound yet.

Run: python crates/wattage-py/examples/convergence.py
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import wattage as w

UTC = dt.timezone.utc
DIFFICULTY = 127_479_855_693_691.5
FEES = Decimal(219_260_636 // 144) / Decimal(100_000_000)  # BTC per block
BTC_PRICE = w.BtcPrice("$62,242.32/BTC")
HEIGHT = 961_632
NOW = dt.datetime(2026, 8, 9, tzinfo=UTC)
START, YEARS = dt.datetime(2027, 1, 1, tzinfo=UTC), 10
END = START.replace(year=START.year + YEARS)


def main() -> None:
    t0 = time.perf_counter()
    # 1. The network today and the two halvings inside the horizon.
    today = w.hashprice(DIFFICULTY, HEIGHT, BTC_PRICE, fees_per_block=FEES)
    first = w.estimate_next_halving(HEIGHT, NOW)
    second = w.estimate_next_halving(*first)
    steps = [(NOW, today)] + [
        (eta, w.hashprice(DIFFICULTY, h, BTC_PRICE, fees_per_block=FEES)) for h, eta in (first, second)
    ]
    print(f"hashprice today            {today:.2}")
    for (h, eta), (_, hp) in zip((first, second), steps[1:]):
        print(f"halving at {h:>9,}, ~{eta.date()}  {hp:.2}")

    # 2. The S21 XP's breakeven power price at the meter (2 % pool fee, PUE 1.08).
    model, rate, power, efficiency = w.asic("S21 XP")
    for label, (_, hp) in zip(("today", "after 2028", "after 2032"), steps):
        net = w.Hashprice(hp.value * Decimal("0.98"))
        be = float(w.breakeven_power_price(net, efficiency).value) / 1.08
        print(f"breakeven at the meter {label:>10}: ${be:.2f}/MWh")

    # 3. Hall C's lease: 36 MW at $150/kW/month, 3 % a year, 10 years, triple-net.
    lease = w.ColocationLease("36 MW", "$150/kW/month", Decimal("0.03"), 120, dt.date(2028, 1, 1), "triple_net")
    year_one = lease.first_year_rent_per_mw() * 36
    print(f"lease: ${year_one:,.0f} in year one, ${lease.total_value():,.0f} over the term")

    # 4. All mining, hour by hour for ten years: three halls of 12,300 S21 XP.
    days = (END - START).days
    daily = []
    for d in range(days):
        at = START + dt.timedelta(days=d)
        daily.append(str([hp for eta, hp in steps if eta <= at][-1]))
    hall = lambda name: {"name": name, "it_capacity": "45 MW", "pue": {"constant": 1.08}}  # noqa: E731
    fleet = lambda name: {  # noqa: E731
        "name": f"miners-{name}",
        "hall": name,
        "pue": {"constant": 1.08},
        "window": {},
        "workload": {
            "self_mining": {
                "hashrate": rate * 12_300,
                "it_power": power * 12_300,
                "btc_price": BTC_PRICE,
                "pool": {"scheme": "fpps", "fee": Decimal("0.02")},
                "hashprice": {"daily": daily},
            }
        },
    }
    site = w.Site.from_dict(
        {
            "name": "all mining",
            "opex_per_mw_year": "$60,000",
            "horizon": {"start": START, "resolution": "hourly", "periods": (END - START) // dt.timedelta(hours=1)},
            "contract": {"supply": {"fixed": "$42/MWh"}},
            "deployment": {
                "site": {"name": "West Texas", "interconnect": "150 MW", "halls": [hall(h) for h in "ABC"]},
                "assignments": [fleet(h) for h in "ABC"],
            },
        }
    )
    run = site.simulate()
    print("\nall mining, $M: year, EBITDA (= cash flow, no capex)")
    for year, flow in zip(range(START.year, END.year), run.cash_flows()):
        print(f"  {year}  {flow / 1_000_000:8.1f}")
    print(f"NPV at 10 %: ${run.npv(Decimal('0.10')) / 1_000_000:,.1f}M")
    print(f"({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
