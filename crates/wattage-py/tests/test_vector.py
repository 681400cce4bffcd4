"""The vectorised forms, whichever vector instructions the CPU has: the
same bits as the formula in numpy (IEEE division and multiplication are
correctly rounded at every width), and a bad value found and named at any
index, inside or after the vector lanes."""

import numpy as np
import pytest

import wattage as w


def _efficiencies(n=100_003):
    return np.random.default_rng(7).uniform(9.0, 40.0, n)


def test_breakeven_array_is_bit_identical_to_numpy():
    e = _efficiencies()
    k = 52.0 / 0.024  # $52/PH/day over 0.024 MWh per (J/TH x PH/s x day)
    got = w.breakeven_power_price_array("$52/PH/day", e)
    assert np.array_equal(got, k / e)
    # A strided (non-contiguous) view gives the same values.
    assert np.array_equal(w.breakeven_power_price_array("$52/PH/day", e[::3]), k / e[::3])


def test_revenue_and_hashprice_arrays_are_bit_identical_to_numpy():
    rng = np.random.default_rng(11)
    n = 50_001
    h = rng.uniform(0.0, 120.0, n)
    e = _efficiencies(n)
    assert np.array_equal(w.revenue_per_mwh_array(h, e), h / (0.024 * e))
    d = rng.uniform(80e12, 160e12, n)
    p = rng.uniform(50_000, 150_000, n)
    reward = float(w.block_subsidy(903_000))
    scale = reward * 86_400.0 * 1e15
    assert np.array_equal(w.hashprice_array(d, p, 903_000), scale * p / (d * 2.0**32))


@pytest.mark.parametrize("index", [0, 5, 8, 63, 64, 99_999, 100_002])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, 0.0, -0.0, -1.0])
def test_a_bad_efficiency_is_named_at_any_index(index, bad):
    e = _efficiencies()
    e[index] = bad
    with pytest.raises(ValueError, match=rf"efficiency_j_per_th\[{index}\] is"):
        w.breakeven_power_price_array("$52/PH/day", e)


def test_the_first_bad_value_is_the_one_named():
    e = _efficiencies()
    e[[70_000, 12]] = np.nan
    with pytest.raises(ValueError, match=r"efficiency_j_per_th\[12\] is NaN"):
        w.breakeven_power_price_array("$52/PH/day", e)
    h = np.full(e.size, 50.0)
    h[40_000] = -1.0
    with pytest.raises(ValueError, match=r"hashprice_usd_per_ph_day\[40000\] is -1"):
        w.revenue_per_mwh_array(h, _efficiencies())


def test_a_result_that_overflows_is_refused_not_returned_as_inf():
    # A tiny efficiency is fine while the breakeven fits a float; a
    # subnormal one overflows it, which raises rather than return inf.
    got = w.breakeven_power_price_array("$52/PH/day", np.array([1e-300, 1.0]))
    assert np.isfinite(got).all() and got[1] == 52.0 / 0.024
    with pytest.raises(ValueError, match=r"efficiency_j_per_th\[1\] is 5e-324; the result overflows"):
        w.breakeven_power_price_array("$52/PH/day", np.array([1.0, 5e-324]))
    with pytest.raises(ValueError, match=r"btc_price\[0\] is 1e308; the result overflows"):
        w.hashprice_array(np.array([1e14]), np.array([1e308]), 903_000)


def test_a_zero_hashprice_gives_zero_breakevens_not_an_error():
    # The fused check tests the results; at a zero hashprice every result
    # is 0 and the inputs are checked one by one instead.
    got = w.breakeven_power_price_array("$0/PH/day", _efficiencies(1000))
    assert np.array_equal(got, np.zeros(1000))
    with pytest.raises(ValueError, match=r"efficiency_j_per_th\[3\] is inf"):
        w.breakeven_power_price_array("$0/PH/day", np.array([1.0, 2.0, 3.0, np.inf]))


def test_arrays_split_across_threads_give_the_same_bits_and_name_the_first_bad_index():
    # 300,007 values: above the size (2 x 65,536) from which the work is
    # split into chunks on rayon's threads, with a ragged last chunk.
    n = 300_007
    e = _efficiencies(n)
    k = 52.0 / 0.024
    assert np.array_equal(w.breakeven_power_price_array("$52/PH/day", e), k / e)
    rng = np.random.default_rng(3)
    h = rng.uniform(0.0, 120.0, n)
    assert np.array_equal(w.revenue_per_mwh_array(h, e), h / (0.024 * e))
    d = rng.uniform(80e12, 160e12, n)
    p = rng.uniform(50_000, 150_000, n)
    scale = float(w.block_subsidy(903_000)) * 86_400.0 * 1e15
    assert np.array_equal(w.hashprice_array(d, p, 903_000), scale * p / (d * 2.0**32))
    # Bad values in two later chunks: the first one is named.
    e[[250_000, 140_000]] = [np.nan, -1.0]
    with pytest.raises(ValueError, match=r"efficiency_j_per_th\[140000\] is -1"):
        w.breakeven_power_price_array("$52/PH/day", e)
    d[n - 1] = np.inf
    with pytest.raises(ValueError, match=rf"difficulty\[{n - 1}\] is inf"):
        w.hashprice_array(d, p, 903_000)
