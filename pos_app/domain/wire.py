"""Canonical JSON bytes for Gameball: Decimals as exact JSON numbers, no None fields, stable order.

A body is frozen as these bytes when an order is queued and the same bytes go out on every try.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pos_app.domain.money import to_json_number


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return to_json_number(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def plain(value: Any) -> Any:
    """The JSON-ready form of a body: Decimals become numbers, None fields are dropped."""
    return _plain(value)


def dumps(value: Any) -> bytes:
    return json.dumps(_plain(value), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def loads(data: bytes | str) -> Any:
    """Parse JSON keeping every non-integer number as Decimal, so money never passes through float."""
    return json.loads(data, parse_float=Decimal)
