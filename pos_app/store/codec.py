"""How Python values are kept in columns: money as exact decimal text, JSON through the wire codec."""

from __future__ import annotations

import logging
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from pos_app.domain import wire
from pos_app.domain.money import to_decimal

log = logging.getLogger(__name__)


def decimal_text(value: object) -> str:
    """Money goes in as text so SQLite's REAL affinity never rounds it (DESIGN rule 8)."""
    return str(to_decimal(value))


def optional_decimal_text(value: object) -> str | None:
    return None if value is None else decimal_text(value)


def optional_decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def points(value: object) -> int | None:
    """Gameball sends points as JSON numbers; a whole number is all we keep, anything else is a bug."""
    if value is None:
        return None
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"points must be a whole number, not {value!r}")
    return int(number)


def answer_points(value: object) -> int | None:
    """Points read from Gameball's answer to a delivered order. Lenient on purpose: an odd figure
    must never stop a delivery being recorded (the order would be sent again). Fractions are
    floored, as Gameball floors `decimalPoints` into `points`; anything unreadable is None."""
    try:
        number = None if value is None else to_decimal(value)
    except ValueError:
        log.warning("unreadable points figure in an answer: %r", value)
        return None
    return None if number is None else int(number.to_integral_value(ROUND_FLOOR))


def encode_json(value: Any) -> str:
    """A Python value as JSON text; Decimals stay exact (wire codec), None-valued keys are dropped."""
    return wire.dumps(value).decode("utf-8")


def raw_json(value: Any) -> str | None:
    """An answer body for a column. Raw JSON (str or bytes) is kept as it is; raw text that is not
    JSON is kept as a JSON string, so an odd answer never stops a delivery being recorded."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, str):
        try:
            wire.loads(value)
        except ValueError:
            return encode_json(value)
        return value
    return encode_json(value)


def from_json(text: str | None) -> Any:
    """Decoded with Decimals for non-integers, so stored money reads back exactly."""
    return None if text is None else wire.loads(text)
