"""Price series from pandas, polars and Arrow."""

from __future__ import annotations

from typing import Any


def price_table(obj: Any, time_column: str = "start", price_column: str = "price"):
    """An Arrow-capable table with `time_column` and `price_column` from a
    pandas Series (tz-aware DatetimeIndex), a pandas or polars DataFrame, or
    anything with the Arrow PyCapsule interface."""
    import pyarrow as pa

    mod = type(obj).__module__
    if mod.startswith("pandas"):
        import pandas as pd

        if isinstance(obj, pd.Series):
            index = obj.index
            if not isinstance(index, pd.DatetimeIndex):
                raise TypeError(
                    f"a pandas price Series needs a DatetimeIndex, got {type(index).__name__}"
                )
            if index.tz is None:
                raise ValueError(
                    "naive datetimes: the Series' DatetimeIndex has no time zone; "
                    "a time zone is required (e.g. series.tz_localize('US/Central'))"
                )
            return pa.table(
                {time_column: pa.array(index), price_column: pa.array(obj.to_numpy(dtype="float64"))}
            )
        if isinstance(obj, pd.DataFrame):
            return pa.Table.from_pandas(obj, preserve_index=False)
        raise TypeError(f"expected a pandas Series or DataFrame, got {type(obj).__qualname__}")
    if hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__"):
        return obj
    raise TypeError(
        f"expected a pandas Series, a polars or pandas DataFrame or an Arrow table, "
        f"got {type(obj).__module__}.{type(obj).__qualname__}"
    )
