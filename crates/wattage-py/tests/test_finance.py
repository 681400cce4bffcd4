"""Finance: NPV/IRR, XNPV/XIRR against Microsoft's worked examples, MACRS
against IRS Publication 946, a loan schedule against an annuity table."""

import datetime as dt
from decimal import Decimal

import pytest

import wattage as w

# Microsoft's example for XNPV and XIRR (Excel documentation, "XNPV
# function" and "XIRR function"): XNPV at 9% is 2,086.65 (2086.6476), XIRR
# 0.373362535.
FLOWS = [Decimal(-10000), Decimal(2750), Decimal(4250), Decimal(3250), Decimal(2750)]
DATES = [dt.date(2008, 1, 1), dt.date(2008, 3, 1), dt.date(2008, 10, 30), dt.date(2009, 2, 15), dt.date(2009, 4, 1)]


def test_xnpv_and_xirr_reproduce_excel():
    assert w.xnpv(Decimal("0.09"), FLOWS, DATES).quantize(Decimal("0.01")) == Decimal("2086.65")
    assert abs(w.xirr(FLOWS, DATES) - Decimal("0.373362535")) < Decimal("4e-9")
    with pytest.raises(ValueError, match="dates"):
        w.xnpv(Decimal("0.09"), FLOWS, DATES[:2])
    with pytest.raises(w.FinanceError, match="before the first"):
        w.xirr(FLOWS[:2], [dt.date(2009, 1, 1), dt.date(2008, 1, 1)])


def test_macrs_matches_publication_946_table_a1():
    # IRS Publication 946, Appendix A, Table A-1, 5-year column.
    five = [Decimal(p) / 100 for p in ("20.00", "32.00", "19.20", "11.52", "11.52", "5.76")]
    assert w.macrs_rates(5) == five
    years = w.macrs_schedule(Decimal(1000000), 7, Decimal("0.6"))
    assert sum(years) == Decimal(1000000)
    assert years[0] == Decimal("600000") + Decimal("400000") * Decimal("0.1429")
    with pytest.raises(w.FinanceError, match="MACRS class"):
        w.macrs_rates(4)


def test_loan_schedule_matches_an_annuity_table():
    # Present value of an ordinary annuity of $1, n = 10, i = 10%: 6.14457.
    rows = w.loan_schedule(Decimal(1000000), Decimal("0.1"), dt.date(2026, 1, 1), 120, frequency="yearly")
    assert len(rows) == 10
    payment = rows[0]["interest"] + rows[0]["principal"]
    assert abs(Decimal(1000000) / payment - Decimal("6.14457")) < Decimal("0.00001")
    assert sum(r["principal"] for r in rows) == Decimal(1000000)
    assert rows[-1]["closing_balance"] == 0
    zero = w.loan_schedule(Decimal(1200), Decimal(0), dt.date(2026, 1, 1), 12)
    assert all(r["interest"] == 0 for r in zero)
    with pytest.raises(w.FinanceError, match="principal"):
        w.loan_schedule(Decimal(0), Decimal("0.1"), dt.date(2026, 1, 1), 12)
    with pytest.raises(TypeError, match="float"):
        w.loan_schedule(1000.0, Decimal("0.1"), dt.date(2026, 1, 1), 12)
