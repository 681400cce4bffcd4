"""Type stubs for the native module `wattage._wattage` (re-exported by `wattage`)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, ClassVar, Optional, Union, overload

import numpy as np
import numpy.typing as npt
import pyarrow as pa

__version__: str
KERNEL_COLUMNS: list[str]
KERNEL_UNITS: list[str]

DecimalLike = Union[Decimal, int, str]

class WattageError(ValueError):
    """Base of every wattage error; a ValueError whose message is the library's."""

class UnitError(WattageError): ...
class MoneyError(WattageError): ...
class MiningError(WattageError): ...
class FacilityError(WattageError): ...
class FinanceError(WattageError): ...
class ConfigError(WattageError): ...
class HardwareError(WattageError): ...

class _Quantity:
    base_unit: ClassVar[str]
    units: ClassVar[list[str]]
    def to(self, unit: str) -> float:
        """The value in `unit` (a unit string such as "PH/s"), as a float."""
    def display(self, unit: str, digits: Optional[int] = None) -> str:
        """Displays the quantity in `unit`, with `digits` decimals if given."""
    @property
    def base_value(self) -> float:
        """The value in the base (SI) unit."""
    def __format__(self, spec: str) -> str: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __lt__(self, other: Any) -> bool: ...
    def __le__(self, other: Any) -> bool: ...
    def __gt__(self, other: Any) -> bool: ...
    def __ge__(self, other: Any) -> bool: ...

class Hashrate(_Quantity):
    """A Hashrate quantity, e.g. `Hashrate("950 EH/s")` or `Hashrate(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Hashrate) -> Hashrate: ...
    def __sub__(self, other: Hashrate) -> Hashrate: ...
    def __neg__(self) -> Hashrate: ...
    def __rmul__(self, other: float) -> Hashrate: ...
    @overload
    def __mul__(self, other: HashEfficiency) -> Power: ...
    @overload
    def __mul__(self, other: Time) -> Hashes: ...
    @overload
    def __mul__(self, other: float) -> Hashrate: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Hashrate) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Hashrate: ...
    def __truediv__(self, other: Any) -> Any: ...

class HashEfficiency(_Quantity):
    """A HashEfficiency quantity, e.g. `HashEfficiency("17.5 J/TH")` or `HashEfficiency(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: HashEfficiency) -> HashEfficiency: ...
    def __sub__(self, other: HashEfficiency) -> HashEfficiency: ...
    def __neg__(self) -> HashEfficiency: ...
    def __rmul__(self, other: float) -> HashEfficiency: ...
    @overload
    def __mul__(self, other: Hashrate) -> Power: ...
    @overload
    def __mul__(self, other: Hashes) -> Energy: ...
    @overload
    def __mul__(self, other: float) -> HashEfficiency: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: HashEfficiency) -> float: ...
    @overload
    def __truediv__(self, other: float) -> HashEfficiency: ...
    def __truediv__(self, other: Any) -> Any: ...

class Power(_Quantity):
    """A Power quantity, e.g. `Power("150 MW")` or `Power(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Power) -> Power: ...
    def __sub__(self, other: Power) -> Power: ...
    def __neg__(self) -> Power: ...
    def __rmul__(self, other: float) -> Power: ...
    @overload
    def __mul__(self, other: Time) -> Energy: ...
    @overload
    def __mul__(self, other: ComputeEfficiency) -> FlopRate: ...
    @overload
    def __mul__(self, other: float) -> Power: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Hashrate) -> HashEfficiency: ...
    @overload
    def __truediv__(self, other: HashEfficiency) -> Hashrate: ...
    @overload
    def __truediv__(self, other: Power) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Power: ...
    def __truediv__(self, other: Any) -> Any: ...

class Energy(_Quantity):
    """A Energy quantity, e.g. `Energy("2.6 MWh")` or `Energy(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Energy) -> Energy: ...
    def __sub__(self, other: Energy) -> Energy: ...
    def __neg__(self) -> Energy: ...
    def __rmul__(self, other: float) -> Energy: ...
    @overload
    def __mul__(self, other: ComputeEfficiency) -> Flops: ...
    @overload
    def __mul__(self, other: float) -> Energy: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Time) -> Power: ...
    @overload
    def __truediv__(self, other: Power) -> Time: ...
    @overload
    def __truediv__(self, other: Hashes) -> HashEfficiency: ...
    @overload
    def __truediv__(self, other: HashEfficiency) -> Hashes: ...
    @overload
    def __truediv__(self, other: Energy) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Energy: ...
    def __truediv__(self, other: Any) -> Any: ...

class Time(_Quantity):
    """A Time quantity, e.g. `Time("30 d")` or `Time(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Time) -> Time: ...
    def __sub__(self, other: Time) -> Time: ...
    def __neg__(self) -> Time: ...
    def __rmul__(self, other: float) -> Time: ...
    @overload
    def __mul__(self, other: Power) -> Energy: ...
    @overload
    def __mul__(self, other: Hashrate) -> Hashes: ...
    @overload
    def __mul__(self, other: FlopRate) -> Flops: ...
    @overload
    def __mul__(self, other: Frequency) -> float: ...
    @overload
    def __mul__(self, other: float) -> Time: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Time) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Time: ...
    def __truediv__(self, other: Any) -> Any: ...

class Hashes(_Quantity):
    """A Hashes quantity, e.g. `Hashes("1 EH")` or `Hashes(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Hashes) -> Hashes: ...
    def __sub__(self, other: Hashes) -> Hashes: ...
    def __neg__(self) -> Hashes: ...
    def __rmul__(self, other: float) -> Hashes: ...
    @overload
    def __mul__(self, other: HashEfficiency) -> Energy: ...
    @overload
    def __mul__(self, other: float) -> Hashes: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Time) -> Hashrate: ...
    @overload
    def __truediv__(self, other: Hashrate) -> Time: ...
    @overload
    def __truediv__(self, other: Hashes) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Hashes: ...
    def __truediv__(self, other: Any) -> Any: ...

class FlopRate(_Quantity):
    """A FlopRate quantity, e.g. `FlopRate("989 TFLOP/s")` or `FlopRate(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: FlopRate) -> FlopRate: ...
    def __sub__(self, other: FlopRate) -> FlopRate: ...
    def __neg__(self) -> FlopRate: ...
    def __rmul__(self, other: float) -> FlopRate: ...
    @overload
    def __mul__(self, other: Time) -> Flops: ...
    @overload
    def __mul__(self, other: float) -> FlopRate: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Power) -> ComputeEfficiency: ...
    @overload
    def __truediv__(self, other: ComputeEfficiency) -> Power: ...
    @overload
    def __truediv__(self, other: FlopRate) -> float: ...
    @overload
    def __truediv__(self, other: float) -> FlopRate: ...
    def __truediv__(self, other: Any) -> Any: ...

class Flops(_Quantity):
    """A Flops quantity, e.g. `Flops("1 EFLOP")` or `Flops(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Flops) -> Flops: ...
    def __sub__(self, other: Flops) -> Flops: ...
    def __neg__(self) -> Flops: ...
    def __rmul__(self, other: float) -> Flops: ...
    def __mul__(self, other: float) -> Flops: ...
    @overload
    def __truediv__(self, other: Time) -> FlopRate: ...
    @overload
    def __truediv__(self, other: FlopRate) -> Time: ...
    @overload
    def __truediv__(self, other: Energy) -> ComputeEfficiency: ...
    @overload
    def __truediv__(self, other: ComputeEfficiency) -> Energy: ...
    @overload
    def __truediv__(self, other: Flops) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Flops: ...
    def __truediv__(self, other: Any) -> Any: ...

class ComputeEfficiency(_Quantity):
    """A ComputeEfficiency quantity, e.g. `ComputeEfficiency("1.4 TFLOPS/W")` or `ComputeEfficiency(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: ComputeEfficiency) -> ComputeEfficiency: ...
    def __sub__(self, other: ComputeEfficiency) -> ComputeEfficiency: ...
    def __neg__(self) -> ComputeEfficiency: ...
    def __rmul__(self, other: float) -> ComputeEfficiency: ...
    @overload
    def __mul__(self, other: Power) -> FlopRate: ...
    @overload
    def __mul__(self, other: Energy) -> Flops: ...
    @overload
    def __mul__(self, other: float) -> ComputeEfficiency: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: ComputeEfficiency) -> float: ...
    @overload
    def __truediv__(self, other: float) -> ComputeEfficiency: ...
    def __truediv__(self, other: Any) -> Any: ...

class Frequency(_Quantity):
    """A Frequency quantity, e.g. `Frequency("1 GHz")` or `Frequency(value, unit)`."""
    def __init__(self, value: Union[str, float], unit: Optional[str] = None) -> None: ...
    def __add__(self, other: Frequency) -> Frequency: ...
    def __sub__(self, other: Frequency) -> Frequency: ...
    def __neg__(self) -> Frequency: ...
    def __rmul__(self, other: float) -> Frequency: ...
    @overload
    def __mul__(self, other: Time) -> float: ...
    @overload
    def __mul__(self, other: float) -> Frequency: ...
    def __mul__(self, other: Any) -> Any: ...
    @overload
    def __truediv__(self, other: Frequency) -> float: ...
    @overload
    def __truediv__(self, other: float) -> Frequency: ...
    def __truediv__(self, other: Any) -> Any: ...

class _Price:
    unit: ClassVar[str]
    @property
    def value(self) -> Decimal:
        """The value in the canonical unit, as a Decimal."""
    def __format__(self, spec: str) -> str: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __lt__(self, other: Any) -> bool: ...
    def __le__(self, other: Any) -> bool: ...
    def __gt__(self, other: Any) -> bool: ...
    def __ge__(self, other: Any) -> bool: ...

class EnergyPrice(_Price):
    """An exact price, e.g. `EnergyPrice("$45/MWh")` or `EnergyPrice(Decimal(...))` in the canonical unit."""
    def __init__(self, value: Union[str, Decimal, int]) -> None: ...

class Hashprice(_Price):
    """An exact price, e.g. `Hashprice("$52/PH/day")` or `Hashprice(Decimal(...))` in the canonical unit."""
    def __init__(self, value: Union[str, Decimal, int]) -> None: ...

class BtcPrice(_Price):
    """An exact price, e.g. `BtcPrice("$105,000/BTC")` or `BtcPrice(Decimal(...))` in the canonical unit."""
    def __init__(self, value: Union[str, Decimal, int]) -> None: ...

class LeaseRate(_Price):
    """An exact price, e.g. `LeaseRate("$150/kW/month")` or `LeaseRate(Decimal(...))` in the canonical unit."""
    def __init__(self, value: Union[str, Decimal, int]) -> None: ...

class GpuHourPrice(_Price):
    """An exact price, e.g. `GpuHourPrice("$2.95/GPU-h")` or `GpuHourPrice(Decimal(...))` in the canonical unit."""
    def __init__(self, value: Union[str, Decimal, int]) -> None: ...

class Hashcost(_Price):
    """An exact price, e.g. `Hashcost("$24/PH/day")` or `Hashcost(Decimal(...))` in the canonical unit."""
    def __init__(self, value: Union[str, Decimal, int]) -> None: ...

QuantityLike = Union[str, _Quantity]
PriceLike = Union[str, Decimal, int, _Price]

def parse_usd(text: str) -> Decimal:
    """Parses a dollar amount ("$1,250.50", "-$3") to an exact Decimal."""
def parse_btc(text: str) -> Decimal:
    """Parses a bitcoin amount ("3.125 BTC", "150 sat") to an exact Decimal of BTC."""
def energy_cost(price: Union[str, EnergyPrice, DecimalLike], energy: Union[str, Energy]) -> Decimal:
    """What `energy` costs at `price`: an exact Decimal of dollars."""

def hashprice(difficulty: float, height: int, btc_price: Union[str, BtcPrice, DecimalLike], *, fees_per_block: Optional[DecimalLike] = None, fee_share: Optional[DecimalLike] = None) -> Hashprice:
    """The hashprice (USD per PH/s per day) at `difficulty`, block `height` and `btc_price`."""
def expected_btc(difficulty: float, height: int, hashrate: Union[str, Hashrate], period: Union[str, Time], *, fees_per_block: Optional[DecimalLike] = None, fee_share: Optional[DecimalLike] = None) -> Decimal:
    """Expected bitcoin mined by `hashrate` over `period` at the network state."""
def breakeven_power_price(hashprice: Union[str, Hashprice, DecimalLike], efficiency: Union[str, HashEfficiency]) -> EnergyPrice:
    """The power price at which a miner of `efficiency` breaks even at `hashprice`."""
def revenue_per_mwh(hashprice: Union[str, Hashprice, DecimalLike], efficiency: Union[str, HashEfficiency]) -> Decimal:
    """Mining revenue per MWh consumed (Decimal dollars)."""
def breakeven_efficiency(hashprice: Union[str, Hashprice, DecimalLike], power_price: Union[str, EnergyPrice, DecimalLike]) -> HashEfficiency:
    """The efficiency at which mining breaks even at `hashprice` and `power_price`."""
def hashcost(efficiency: Union[str, HashEfficiency], power_price: Union[str, EnergyPrice, DecimalLike]) -> Hashcost:
    """The cost of a PH/s-day at `efficiency` and `power_price`."""
def payback_days(capex: DecimalLike, daily_cash_margin: DecimalLike) -> Optional[Decimal]:
    """Days to repay `capex` at `daily_cash_margin`; None if never."""
def roi(capex: DecimalLike, total_cash_margin: DecimalLike) -> Decimal:
    """Return on investment."""
def block_subsidy(height: int) -> Decimal:
    """The block subsidy at `height` (Decimal BTC)."""
def total_issued(through: int) -> Decimal:
    """Bitcoin issued by all blocks up to and including `through`."""
def issued_between(start: int, end: int) -> Decimal:
    """Bitcoin issued by the blocks from `start` up to `end`."""
def core_get_difficulty(bits: int) -> float:
    """The difficulty of compact target `bits` (as Bitcoin Core's GetDifficulty)."""
def implied_hashrate(difficulty: float) -> Hashrate:
    """The network hashrate implied by `difficulty` at 600 s blocks."""
def difficulty_from_hashrate(hashrate: Union[str, Hashrate]) -> float:
    """The difficulty at which `hashrate` finds a block every 600 s."""
def next_halving(height: int) -> Optional[int]:
    """The block height of the next halving after `height`, if any."""
def estimate_next_halving_unix(height: int, now_unix: int, interval_seconds: int = 600) -> tuple[int, int]:
    """The next halving after `height` at `now_unix`: (height, eta in Unix seconds)."""
def project(operation: str, network: str, step: str = "month", operation_format: str = "json", network_format: str = "json") -> pa.Table:
    """A projection along a projected network (see `wattage.project` for the dict form)."""
def monte_carlo(operation: str, network: str, monte_carlo: str = "{}", step: str = "month", operation_format: str = "json", network_format: str = "json", monte_carlo_format: str = "json") -> pa.Table:
    """Monte Carlo bands (see `wattage.monte_carlo` for the dict form)."""

def hashprice_array(difficulty: npt.ArrayLike, btc_price: npt.ArrayLike, height: int, fees_per_block: Optional[DecimalLike] = None) -> npt.NDArray[np.float64]:
    """Hashprice in USD/PH/day for arrays of difficulty and BTC price. Arrays of 131,072 values or more are split across rayon's threads (the same bits; RAYON_NUM_THREADS limits them)."""
def breakeven_power_price_array(hashprice: Union[str, Hashprice, DecimalLike], efficiency_j_per_th: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Breakeven power prices in USD/MWh for an array of efficiencies in J/TH; a bad value raises ValueError naming its index. Arrays of 131,072 values or more are split across rayon's threads (the same bits; RAYON_NUM_THREADS limits them)."""
def revenue_per_mwh_array(hashprice_usd_per_ph_day: npt.ArrayLike, efficiency_j_per_th: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Mining revenue per MWh (USD) for arrays of hashprice and efficiency. Arrays of 131,072 values or more are split across rayon's threads (the same bits; RAYON_NUM_THREADS limits them)."""
def asic_catalog() -> pa.Table:
    """The catalog's ASIC miners as a pyarrow table."""
def accelerator_catalog() -> pa.Table:
    """The catalog's AI accelerators as a pyarrow table."""
def asic(query: str) -> tuple[str, Hashrate, Power, HashEfficiency]:
    """Looks up one ASIC in the catalog: (model, hashrate, power, efficiency)."""

def npv(rate: DecimalLike, flows: list[DecimalLike]) -> Decimal:
    """Net present value of `flows` (first at time 0) at `rate`."""
def irr(flows: list[DecimalLike]) -> Decimal:
    """Internal rate of return of `flows`."""
def payback_period(flows: list[DecimalLike]) -> Optional[Decimal]:
    """Periods until the cumulative flow turns non-negative, or None."""
def discounted_payback_period(rate: DecimalLike, flows: list[DecimalLike]) -> Optional[Decimal]:
    """As `payback_period`, on flows discounted at `rate`."""
def xnpv(rate: DecimalLike, flows: list[DecimalLike], dates: list[datetime.date]) -> Decimal:
    """Net present value of dated flows at an annual rate, as Excel's XNPV (actual/365)."""
def xirr(flows: list[DecimalLike], dates: list[datetime.date]) -> Decimal:
    """Annual internal rate of return of dated flows, as Excel's XIRR."""
def macrs_rates(years: int) -> list[Decimal]:
    """MACRS GDS half-year rates of 3-, 5-, 7-, 10-, 15- or 20-year property (Pub. 946 Table A-1)."""
def macrs_schedule(basis: DecimalLike, years: int, bonus: Optional[DecimalLike] = None) -> list[Decimal]:
    """Tax depreciation per recovery year after bonus depreciation; sums to the basis."""
def loan_schedule(
    principal: DecimalLike,
    rate: DecimalLike,
    start: datetime.date,
    term_months: int,
    frequency: str = "monthly",
    repayment: str = "level_payment",
    upfront_fee: Optional[DecimalLike] = None,
    commitment_fee: Optional[DecimalLike] = None,
) -> list[dict[str, Any]]:
    """Per period: start, end, opening_balance, drawn, interest, principal, fees, closing_balance."""

class PriceSeries:
    """An energy price series at 15-minute or hourly resolution."""
    @staticmethod
    def from_arrow(table: Any, time_column: str = "start", price_column: str = "price") -> PriceSeries:
        """A series from an Arrow table with a tz-aware timestamp column and a $/MWh column."""
    @staticmethod
    def from_frame(obj: Any, time_column: str = "start", price_column: str = "price") -> PriceSeries:
        """A series from a pandas Series (tz-aware DatetimeIndex), a pandas or polars DataFrame, or Arrow."""
    def to_arrow(self) -> pa.Table:
        """The series as a pyarrow table: `start` (UTC) and `price` ($/MWh, exact)."""
    def __len__(self) -> int: ...

class Kernel:
    """The f64 kernel of one site over one horizon."""
    @property
    def periods(self) -> int:
        """The number of periods of the horizon."""
    def run(self, prices: Optional[npt.NDArray[np.float64]] = None) -> dict[str, float]:
        """Runs one price path ($/MWh per period) and returns the totals."""
    def run_tuple(self, prices: npt.NDArray[np.float64]) -> tuple[float, float, float, float, float, float]:
        """Runs one price path; the totals in KERNEL_COLUMNS order."""
    def time_in_rust(self, prices: npt.NDArray[np.float64], repeat: int) -> float:
        """Seconds that `repeat` runs take inside Rust (benchmark reference)."""

class SiteRun:
    """The result of an exact simulation."""
    def totals(self) -> dict[str, Decimal]:
        """Site totals as exact Decimals."""
    def summary(self) -> pa.Table:
        """The summary, one row per workload: every money line a workload
        books (in the library's order), then gross margin, opex, EBITDA and
        depreciation, in dollars."""
    def ledger(self) -> pa.Table:
        """The ledger, one row per period: price, energy, every money line
        of the site (in the library's order) and the gross margin."""
    def cash_flows(self) -> list[Decimal]:
        """The yearly cash flows."""
    def npv(self, rate: DecimalLike) -> Decimal:
        """NPV of the yearly cash flows at `rate`."""
    def irr(self) -> Decimal:
        """IRR of the yearly cash flows."""
    def payback_years(self) -> Optional[Decimal]:
        """Years until the cumulative cash flow turns positive, or None."""

class Site:
    """A site config in the library's serde format."""
    @staticmethod
    def from_text(text: str, format: str = "toml") -> Site:
        """Reads a site config from JSON or TOML text."""
    @staticmethod
    def from_dict(config: dict[str, Any]) -> Site:
        """Reads a site config from a dict; unknown keys are refused."""
    @staticmethod
    def from_toml(text: str) -> Site:
        """Reads a site config from TOML text."""
    @property
    def name(self) -> str:
        """The site's name."""
    def simulate(self, prices: Optional[PriceSeries] = None) -> SiteRun:
        """Simulates the site exactly (the ledger), releasing the GIL."""
    def time_in_rust(self, repeat: int, prices: Optional[PriceSeries] = None) -> dict[str, float]:
        """Seconds that `repeat` exact runs (what `simulate` computes) take inside Rust: keys ledger, summary, cash_flows, total (benchmark reference)."""
    def kernel(self, prices: Optional[PriceSeries] = None) -> Kernel:
        """Prepares the fast f64 kernel for this site."""

class ColocationLease:
    """A colocation lease of critical IT capacity."""
    def __init__(self, critical_it: Union[str, Power], rate: Union[str, LeaseRate, DecimalLike], escalator: DecimalLike, term_months: int, start: datetime.date, structure: str = "gross") -> None: ...
    @staticmethod
    def implied_rate(value: DecimalLike, critical_it: Union[str, Power], term_months: int) -> LeaseRate:
        """The rate at which a flat lease is worth `value`."""
    @staticmethod
    def starting_rate_for_value(value: DecimalLike, critical_it: Union[str, Power], term_months: int, escalator: DecimalLike) -> LeaseRate:
        """The starting rate at which an escalating lease is worth `value`."""
    def rate_in_month(self, month: int) -> LeaseRate:
        """The rate in `month` (from 0)."""
    def rent_in_month(self, month: int) -> Decimal:
        """The rent of `month`."""
    def total_value(self) -> Decimal:
        """The rent over the whole term."""
    def average_rate(self) -> LeaseRate:
        """The term-average rate."""
    def first_year_rent_per_mw(self) -> Decimal:
        """First-year rent per MW of critical IT."""
    def landlord_net(self, month: int, electricity_cost: DecimalLike) -> Decimal:
        """The landlord's net in `month` after `electricity_cost`."""
    def schedule(self) -> pa.Table:
        """The month-by-month schedule."""

Config = Union[dict[str, Any], str]
"""A dict in the library's serde format, or TOML text."""

class _SerdeTerms:
    """Terms read whole from a dict or TOML text in the library's serde format."""
    def __init__(self, config: Config) -> None:
        """Reads the terms from a dict or TOML text; unknown keys raise ConfigError."""
    @classmethod
    def from_dict(cls, config: dict[str, Any]) -> Any:
        """Reads the terms from a dict (Decimals, quantities, prices, dates allowed)."""
    @classmethod
    def from_toml(cls, text: str) -> Any:
        """Reads the terms from TOML text."""
    def to_dict(self) -> dict[str, Any]:
        """The terms in the serde format, strings as the library writes them ("$1234.5"); from_dict reads it back."""

class Inference(_SerdeTerms):
    """Energy and cost per token of one accelerator serving a model."""
    def wall_power(self) -> Power:
        """Power at the wall per accelerator: board x overhead x PUE."""
    def energy_per_token(self) -> Energy:
        """Energy per token at the wall while serving."""
    def cost_per_gpu_hour(self) -> Decimal:
        """The cost of one GPU-hour: wall energy at the power price plus other costs."""
    def cost_per_million_tokens(self, utilization: DecimalLike) -> Decimal:
        """Dollars per million tokens at `utilization` in (0, 1]."""
    def revenue_per_million_tokens(self, price: Union[str, GpuHourPrice, DecimalLike], utilization: DecimalLike) -> Decimal:
        """What a GPU-hour sold at `price` earns per million tokens at `utilization`."""

class ThroughputSpec(_SerdeTerms):
    """Decoding throughput from the model, the batch and the accelerator."""
    @staticmethod
    def for_accelerator(accelerator: str, precision: str, utilization: float, parameters: float, batch: int, bytes_per_parameter: float) -> ThroughputSpec:
        """The spec for a catalog accelerator at a precision ("bf16", "fp8", ...)."""
    def compute_bound(self) -> float:
        """The compute bound, tokens per second."""
    def memory_bound(self) -> float:
        """The memory-bandwidth bound, tokens per second."""
    def tokens_per_second(self) -> float:
        """Tokens per second per accelerator: the smaller bound."""

class CloudRamp(_SerdeTerms):
    """A GPU cloud's utilization ramp and price decline from commissioning."""
    def utilization_in_month(self, month: int, steady: DecimalLike) -> Decimal:
        """Utilization in `month` since commissioning, rising to `steady` over the ramp."""
    def price_in_month(self, month: int, start: Union[str, GpuHourPrice, DecimalLike]) -> GpuHourPrice:
        """The $/GPU-hour in `month` since commissioning, declined yearly, floored."""

class GpuCloud(_SerdeTerms):
    """GPUs sold by the hour, with an optional ramp or price path."""
    def it_power(self) -> Power:
        """IT power of every GPU."""
    def capex(self) -> Decimal:
        """What the GPUs cost."""
    def annual_depreciation(self) -> Decimal:
        """Straight-line depreciation a year."""
    def revenue_per_hour(self) -> Decimal:
        """Revenue an hour at the steady price and utilization."""
    def revenue_per_hour_in_month(self, month: int) -> Decimal:
        """Revenue an hour in `month` since commissioning."""

def lease_or_cloud(lease: ColocationLease, cloud: GpuCloud, pue: Union[float, dict[str, Any]], power_price: Union[str, EnergyPrice, DecimalLike], years: int) -> pa.Table:
    """Lease years of a hall leased and as a GPU cloud: one row a year, money exact."""

class TranchedLease(_SerdeTerms):
    """An AI lease in tranches, firm and optional."""
    def tranche_names(self) -> list[str]:
        """The tranches' names, in the order given."""
    def committed_names(self) -> list[str]:
        """The names of the tranches that pay rent."""
    def tranche(self, name: str) -> ColocationLease:
        """The lease of tranche `name` (KeyError for an unknown name)."""
    def committed_capacity(self) -> Power:
        """Critical IT of the committed tranches."""
    def total_value(self) -> Decimal:
        """Total contract value of the committed tranches."""
    def implied_rate(self) -> LeaseRate:
        """The flat rate the committed tranches imply."""
    def workloads(self, load_factor: DecimalLike, downtime_hours_per_month: Optional[DecimalLike] = None) -> dict[str, dict[str, Any]]:
        """The committed tranches as site workload dicts by name, for a site config's assignments."""
    def schedule(self) -> pa.Table:
        """The committed tranches' rent month by month (tranche, month, starts, rate, rent)."""

class HostingContract(_SerdeTerms):
    """A bitcoin hosting contract between a host and a client."""
    def deposit(self) -> Decimal:
        """The deposit: months of the bill at nameplate."""
    def settle(self, month: Config) -> dict[str, Decimal]:
        """Bills one month (hours, curtailed_hours, outage_hours, metered_mwh, hashprice)."""

class ReserveOffer(_SerdeTerms):
    """An ancillary-service offer by a site's interruptible loads, validated."""

class Asset(_SerdeTerms):
    """Hardware or infrastructure written off straight-line, resold and refreshed by its rules."""
    @property
    def name(self) -> str:
        """The asset's name."""
    def cost(self) -> Decimal:
        """The cost of the first purchase."""
    def vintages(self, until: datetime.date) -> list[dict[str, Any]]:
        """Every purchase before `until` (purchased, cost, residual, life_months, sold)."""
    def events(self, until: datetime.date) -> list[dict[str, Any]]:
        """Every purchase and sale before `until`, in date order."""
    def depreciation_between(self, start: datetime.date, end: datetime.date) -> Decimal:
        """Book depreciation over the days from `start` up to `end`."""
    def book_value(self, at: datetime.date) -> Decimal:
        """Book value at the start of `at` of the vintage held that day."""
    def resale_value(self, at: datetime.date) -> Decimal:
        """What the vintage held on `at` fetches if sold that day."""

class ResaleCurve(_SerdeTerms):
    """The used-miner market: price per TH/s by efficiency band, declining with time."""
    @staticmethod
    def default_shape() -> ResaleCurve:
        """The library's illustrative default curve."""
    def price_per_th(self, efficiency: Union[str, HashEfficiency], at: datetime.date) -> Decimal:
        """Price per TH/s for machines at `efficiency` on `at`."""
    def value(self, hashrate: Union[str, Hashrate], efficiency: Union[str, HashEfficiency], at: datetime.date) -> Decimal:
        """What `hashrate` of machines at `efficiency` sells for on `at`."""

class Financing(_SerdeTerms):
    """A plan's financing (debt, taxes, terminal value, discounting), from its FinancingSpec."""
    def evaluate(self, run: SiteRun) -> dict[str, Any]:
        """Finances and taxes a simulated site's cash flows: years, returns, DSCR, equity, taxes."""

class Plan(_SerdeTerms):
    """A named plan: deployment, capex paid as cash, debt and terminal value."""
    @property
    def name(self) -> str:
        """The plan's name."""

class Assumptions(_SerdeTerms):
    """What two compared plans share: contract, horizon, curtailment, opex, discounting, taxes."""
    @property
    def discount_rate(self) -> Decimal:
        """The discount rate per year."""

class PlanResult:
    """The results of one plan of a comparison."""
    @property
    def name(self) -> str:
        """The plan's name."""
    def summary(self) -> dict[str, Any]:
        """Its summary over the horizon, money as Decimal."""
    def cash_flows(self) -> list[Decimal]:
        """Its yearly cash flows (EBITDA - capex + asset sales)."""
    def finance(self) -> dict[str, Any]:
        """Its cash flows financed and taxed: years, NPV and IRR of each series."""
    def payback_years(self) -> Optional[Decimal]:
        """Years until its own yearly cash flows pay back, or None."""
    def to_dict(self) -> dict[str, Any]:
        """The whole result as a dict, money as Decimal."""

class Comparison:
    """Two plans compared year by year."""
    @property
    def base(self) -> PlanResult:
        """The base plan's results."""
    @property
    def alternative(self) -> PlanResult:
        """The alternative's results."""
    @property
    def base_npv(self) -> Decimal:
        """NPV of the base plan's unlevered pre-tax cash flows."""
    @property
    def alternative_npv(self) -> Decimal:
        """NPV of the alternative's unlevered pre-tax cash flows."""
    @property
    def incremental_irr(self) -> Optional[Decimal]:
        """IRR of the incremental unlevered pre-tax cash flows, or None."""
    @property
    def incremental_payback_years(self) -> Optional[Decimal]:
        """Years until the incremental cash flows pay back, or None."""
    @property
    def incremental(self) -> dict[str, dict[str, Optional[Decimal]]]:
        """NPV and IRR of the incremental flows in each of the four series."""
    def year_comparisons(self) -> list[dict[str, Any]]:
        """Year by year as dicts (year, base, alternative, incremental_cash_flow)."""
    def years(self) -> pa.Table:
        """Year by year as a pyarrow table, money exact with {"unit": "$"}."""
    def to_dict(self) -> dict[str, Any]:
        """The whole comparison as a dict, money as Decimal."""

def compare(base: Plan, alternative: Plan, assumptions: Assumptions) -> Comparison:
    """Simulates both plans under the same assumptions and compares them (GIL released)."""

class Displaced:
    """What a conversion does with the workloads it displaces: sell or redeploy."""
    @staticmethod
    def sell() -> Displaced:
        """Their assets are sold the day construction starts."""
    @staticmethod
    def redeploy(hall: str) -> Displaced:
        """They move to `hall` the day construction starts."""
    @property
    def kind(self) -> str:
        """"sell" or "redeploy"."""
    @property
    def hall(self) -> Optional[str]:
        """The hall they move to, or None."""
    def to_dict(self) -> Any:
        """The serde form: "sell" or {"redeploy": {"hall": ...}}."""

class Conversion(_SerdeTerms):
    """One phase of a retrofit: a hall rebuilt and reopened with an AI workload."""
    @property
    def hall(self) -> str:
        """The hall converted."""
    @property
    def name(self) -> str:
        """The AI workload's name."""
    @property
    def displaced(self) -> Displaced:
        """What happens to the displaced workloads."""

class RetrofitPlan:
    """A base deployment and the phases that convert it."""
    def __init__(self, base: Config, phases: Optional[list[Union[Conversion, Config]]] = None) -> None: ...
    @staticmethod
    def from_dict(config: dict[str, Any]) -> RetrofitPlan:
        """Reads a whole plan (base and phases) from a dict."""
    @staticmethod
    def from_toml(text: str) -> RetrofitPlan:
        """Reads a whole plan (base and phases) from TOML text."""
    def with_(self, phase: Union[Conversion, Config]) -> RetrofitPlan:
        """A new plan with `phase` added (Rust's `with`)."""
    @property
    def phases(self) -> list[Conversion]:
        """The phases, in the order added."""
    @property
    def base(self) -> dict[str, Any]:
        """The starting deployment in its serde form."""
    def apply(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """(deployment, capex) in the serde forms a Plan dict takes."""
    def to_dict(self) -> dict[str, Any]:
        """The whole plan in its serde form."""
