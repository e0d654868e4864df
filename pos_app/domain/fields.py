"""Field checks for bodies the host POS sends: each returns the normalised value or raises ValidationError.

Every check names the JSON path it failed at and never repeats the value: a body can carry a phone
number or worse, and error messages end up in the host's logs and ours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from pos_app.domain.errors import ValidationError
from pos_app.domain.money import MoneyError, max_amount, minor_units, to_decimal, to_json_number
from pos_app.domain.timeutil import parse_rfc3339

T = TypeVar("T")

ID_MAX = 100
TEXT_MAX = 500
LIST_MAX = 50
EXTRA_MAX = 50
# Far above any till total, far below what a JSON number carries exactly with three decimals.
AMOUNT_LIMIT = Decimal(10) ** 12
# Any arithmetic on a Decimal beyond the context's exponent range raises decimal.Overflow (abs() and
# quantize() included): a number's exponent is checked before anything computes with it.
_LARGEST_EXPONENT = AMOUNT_LIMIT.adjusted()
# A till's clock and ours may disagree a little; more than this is a wrong clock or a made-up time.
CLOCK_SKEW = timedelta(minutes=5)
# Older than this is a till whose clock was reset, not a sale we should reward now.
EARLIEST_TIME = datetime(2000, 1, 1, tzinfo=UTC)

# C0/C1 controls, DEL and lone surrogates. Text reaches the printed slip, where ESC/POS control
# sequences can cut paper or open the cash drawer, and surrogates cannot be encoded as UTF-8.
_UNUSABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Characters that make an id look like another on the slip, in the log and on a manager's screen: no-break
# and other special spaces, zero-width characters and bidirectional controls (overrides, isolates, marks).
_DECEPTIVE = re.compile("[\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f"
                        "\u061c\u3000\ufeff]")
_PHONE = re.compile(r"\+?[0-9(][0-9 ()-]{3,31}")


def child(parent: str, key: object) -> str:
    """The path of an object member; a key unfit to print (long, control characters) shows as `?`."""
    plain = isinstance(key, str) and 0 < len(key) <= ID_MAX and not _UNUSABLE.search(key)
    name = key if plain else "?"
    return f"{parent}.{name}" if parent else str(name)


def item(parent: str, index: int) -> str:
    return f"{parent}[{index}]"


def _string(value: object, path: str, max_len: int) -> str:
    if not isinstance(value, str):
        raise ValidationError(path, "must be a string")
    if not value:
        raise ValidationError(path, "must not be empty")
    if len(value) > max_len:
        raise ValidationError(path, f"must be at most {max_len} characters")
    if _UNUSABLE.search(value):
        raise ValidationError(path, "must not contain control characters")
    return value


def identifier(value: object, path: str) -> str:
    """An id Gameball keys on (customerId, orderId, ...): not blank, at most 100 characters, printable,
    with no character that hides or reorders what a person reads."""
    text = _string(value, path, ID_MAX)
    if not text.strip():
        raise ValidationError(path, "must not be blank")
    if _DECEPTIVE.search(text):
        raise ValidationError(path, "must not contain invisible, no-break or text-direction characters")
    return text


def text(value: object, path: str) -> str:
    return _string(value, path, TEXT_MAX)


def email(value: object, path: str) -> str:
    address = _string(value, path, 254)
    if "@" not in address or " " in address:
        raise ValidationError(path, "must be an email address")
    return address


def phone(value: object, path: str) -> str:
    number = _string(value, path, 32)
    if not _PHONE.fullmatch(number):
        raise ValidationError(path, "must be a phone number: digits, a leading + and spaces or dashes")
    return number


def boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(path, "must be true or false")
    return value


def _number(value: object, path: str) -> Decimal:
    """A finite JSON number that the wire format can send back exactly."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValidationError(path, "must be a number")
    try:
        number = to_decimal(value)
    except MoneyError:
        raise ValidationError(path, "must be a finite number") from None
    if not number:
        number = Decimal(0)  # a zero may carry any exponent (`0e999999999`)
    elif number.adjusted() >= _LARGEST_EXPONENT:
        raise ValidationError(path, "is too large")
    try:
        to_json_number(number)
    except MoneyError:
        raise ValidationError(path, "has more digits than can be sent exactly") from None
    return number


def amount(value: object, path: str, currency: str, *, positive: bool = False,
           extra_places: int = 0) -> Decimal:
    """Money the till computed: never negative, with no more decimals than the currency has.

    More decimals are refused rather than rounded half-up: the till printed a receipt with its own
    figures, and quietly changing `totalPaid` (what points are earned on) would make our record and
    Gameball's disagree with that receipt. An integration error is better found on the first sale.
    Unit prices may carry `extra_places` more (fuel is priced in tenths of a cent).
    """
    number = _number(value, path)
    if number < 0 or (positive and number == 0):
        raise ValidationError(path, "must be greater than 0" if positive else "must not be negative")
    if number > (limit := max_amount(currency)):
        # Every screen and slip is checked to show this much in full; more is a typing or scanning slip.
        raise ValidationError(path, f"must be at most {limit:,} {currency.upper()}")
    places = minor_units(currency) + extra_places
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(path, f"must have at most {places} decimal places for {currency.upper()}")
    if extra_places:
        return number
    return number.quantize(Decimal(1).scaleb(-places))


def measure(value: object, path: str, *, positive: bool, maximum: Decimal) -> Decimal:
    """A quantity or weight: fractional is fine (goods sold by weight), negative never is."""
    number = _number(value, path)
    if number < 0 or (positive and number == 0):
        raise ValidationError(path, "must be greater than 0" if positive else "must not be negative")
    if number > maximum:
        # A barcode scanned into the quantity field is the usual cause.
        raise ValidationError(path, f"must be at most {maximum}")
    return number


def integer(value: object, path: str, *, minimum: int, maximum: int) -> int:
    number = _number(value, path)
    if number != number.to_integral_value():
        raise ValidationError(path, "must be a whole number")
    if not minimum <= number <= maximum:
        raise ValidationError(path, f"must be between {minimum} and {maximum}")
    return int(number)


def timestamp(value: object, path: str, now: datetime) -> datetime:
    """An RFC 3339 date-time with any offset (what `format: date-time` promises), as a UTC datetime; not
    implausibly old and not ahead of `now` beyond clock skew."""
    moment = parse_rfc3339(value) if isinstance(value, str) else None
    if moment is None:
        raise ValidationError(path, "must be an RFC 3339 date-time with an offset, e.g. 2024-10-16T08:13:29.290Z "
                                    "or 2024-10-16T11:13:29+03:00")
    if moment > now + CLOCK_SKEW:
        raise ValidationError(path, "is in the future; check the till's clock")
    if moment < EARLIEST_TIME:
        raise ValidationError(path, "is before the year 2000; check the till's clock")
    return moment


def json_object(value: object, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValidationError(path, "must be a JSON object")
    return value


def array(value: object, path: str, max_items: int) -> Iterator[tuple[str, object]]:
    """The items of a JSON array with their paths."""
    if not isinstance(value, list):
        raise ValidationError(path, "must be an array")
    if len(value) > max_items:
        raise ValidationError(path, f"must have at most {max_items} items")
    return ((item(path, index), entry) for index, entry in enumerate(value))


def strings(value: object, path: str) -> list[str]:
    return [text(entry, entry_path) for entry_path, entry in array(value, path, LIST_MAX)]


class Reader:
    """The fields of one JSON object, each read through a check that is told its path.

    Unknown fields are refused, not dropped: a misspelt `tag` for `tags` would otherwise lose points
    quietly, and whatever the till adds beyond Gameball's shape is data we must not keep (rule 7).
    Fields in `ignored` belong to the plugin (`channel`, `merchant`): whatever the till sent is
    replaced from configuration, so it is no error.
    """

    def __init__(self, value: object, path: str, allowed: frozenset[str],
                 ignored: frozenset[str] = frozenset()) -> None:
        self.raw = json_object(value, path)
        self.path = path
        for key in self.raw:
            if key not in allowed and key not in ignored:
                raise ValidationError(child(path, key), "is not a known field")

    def at(self, key: str) -> str:
        return child(self.path, key)

    def required(self, key: str, check: Callable[[object, str], T]) -> T:
        value = self.raw.get(key)
        if value is None:
            raise ValidationError(self.at(key), "is required")
        return check(value, self.at(key))

    def optional(self, key: str, check: Callable[[object, str], T]) -> T | None:
        """Null, and an empty string, mean the till left the field out: many tills send `""` for none."""
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        return check(value, self.at(key))


def extra(value: object, path: str) -> dict[str, str | Decimal]:
    """Gameball's `extra`: string keys to string or number values."""
    entries = json_object(value, path)
    if len(entries) > EXTRA_MAX:
        raise ValidationError(path, f"must have at most {EXTRA_MAX} entries")
    result: dict[str, str | Decimal] = {}
    for key, entry in entries.items():
        if not isinstance(key, str) or not key or len(key) > ID_MAX or _UNUSABLE.search(key):
            raise ValidationError(path, f"keys must be printable strings of 1 to {ID_MAX} characters")
        entry_path = child(path, key)
        if isinstance(entry, str):
            result[key] = text(entry, entry_path)
        elif isinstance(entry, (int, float, Decimal)) and not isinstance(entry, bool):
            result[key] = _number(entry, entry_path)
        else:
            raise ValidationError(entry_path, "must be a string or a number")
    return result
