"""JSON in and out of the bridge: money stays Decimal, and malformed or ambiguous JSON is refused."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from pos_app.bridge.errors import ApiError
from pos_app.domain.money import to_json_number
from pos_app.domain.timeutil import to_iso_z


class _Refused(ValueError):
    """Valid to Python's parser, refused by ours; the message is safe to send back."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # With duplicate keys, which value counts depends on the parser: the till and we might disagree
    # on the total paid. Refuse instead of guessing; the key is not echoed (it might be card data).
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Refused("an object has the same key twice")
    return result


def _no_constant(name: str) -> object:
    raise _Refused(f"{name} is not a JSON number")


def parse(data: bytes) -> object:
    """Parse a request body; every non-integer number becomes a Decimal. Raises ApiError invalid_json."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("invalid_json", "the body is not UTF-8") from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
    except _Refused as error:
        message = f"not valid JSON: {error}"
    except ValueError:
        message = "not valid JSON: an integer is too long"
    except RecursionError:
        message = "not valid JSON: nested too deeply"
    raise ApiError("invalid_json", message)


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return to_json_number(value)
    if isinstance(value, datetime):
        return to_iso_z(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def encode(value: object) -> bytes:
    """An answer body: Decimals as exact numbers, datetimes as UTC `...Z`; nulls stay (they mean none yet)."""
    return json.dumps(value, default=_plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
