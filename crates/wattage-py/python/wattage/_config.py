"""Configs from Python values: a dict becomes the library's serde format (JSON).

Decimals, quantities and prices become their exact strings, datetimes
ISO 8601 with their time zone (a naive datetime is refused).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
from typing import Any


def _default(path: list[str]):
    def default(obj: Any) -> Any:
        if isinstance(obj, decimal.Decimal):
            return str(obj)
        if isinstance(obj, _dt.datetime):
            if obj.tzinfo is None or obj.tzinfo.utcoffset(obj) is None:
                raise ValueError(
                    f"naive datetime {obj.isoformat()!r} in the config: a time zone is required"
                )
            return obj.isoformat()
        if isinstance(obj, _dt.date):
            return obj.isoformat()
        reduce = getattr(obj, "__reduce__", None)
        module = type(obj).__module__
        if module.startswith("wattage") and reduce is not None:
            args = reduce()[1]
            # quantities reduce to their exact unit string; prices to a
            # Decimal, so their display (exact) is the string
            return args[0] if isinstance(args[0], str) else str(obj)
        raise TypeError(
            f"cannot put a {type(obj).__module__}.{type(obj).__qualname__} in a config: "
            "use str, int, float, bool, Decimal, datetime, lists and dicts"
        )

    return default


def to_json(config: Any) -> str:
    """The JSON text of a config dict, as the Rust readers expect it."""
    if isinstance(config, str):
        raise TypeError("expected a dict; for TOML text use the from_toml form")
    if not isinstance(config, dict):
        raise TypeError(f"expected a dict, got {type(config).__qualname__}")
    return json.dumps(config, default=_default([]), allow_nan=False)


def config_text(config: Any) -> tuple[str, str]:
    """(text, format) of a dict (JSON) or a TOML string."""
    if isinstance(config, str):
        return config, "toml"
    return to_json(config), "json"
