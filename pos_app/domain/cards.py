"""Refuse payment card numbers anywhere in a body (DESIGN.md rule 7: no card data is ever accepted).

A card number is 13 to 19 digits that passes the Luhn check, written in one piece or in groups
of three or more digits split by single spaces or dashes (4-4-4-4, Amex's 4-6-5): that is how
cards are printed and typed, and ignoring shorter groups keeps the scan linear on hostile input.
These exceptions keep ordinary retail data from being mistaken for one:
- a leading 0: ISO/IEC 7812 gives no card scheme a number starting with 0, and zero-padded
  invoice numbers are common;
- digits right after `+`, and a `mobile` of at most 15 digits (E.164's longest): phone numbers,
  which cashiers often type without the `+`;
- a whole `productId` or `sku` that is a valid GTIN-13/14 barcode: about one EAN-13 in ten also
  passes Luhn, and product codes are barcodes more often than not.
"""

from __future__ import annotations

import re
from collections import deque

from pos_app.domain.errors import ValidationError
from pos_app.domain.fields import child, item

_RUN = re.compile(r"\d{3,}(?:[ -]\d{3,})*")
_GROUP = re.compile(r"\d+")
_CARD_INT_LIMIT = 10**19
_BARCODE_FIELDS = frozenset({"productId", "sku"})
_PHONE_DIGITS = 15
_MESSAGE = "looks like a payment card number; card data is never accepted"


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _is_gtin(value: str) -> bool:
    if len(value) not in (13, 14) or not value.isascii() or not value.isdigit():
        return False
    body, check = value[:-1], int(value[-1])
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - weighted % 10) % 10 == check


def _exempt(key: str | None, value: str) -> bool:
    if key in _BARCODE_FIELDS:
        return _is_gtin(value)
    if key == "mobile":
        return sum(char.isdigit() for char in value) <= _PHONE_DIGITS
    return False


def contains_card_number(text: str) -> bool:
    """True if any run of grouped digits in `text` (or a run of whole groups within it) is a card number."""
    for run in _RUN.finditer(text):
        groups = _GROUP.findall(run.group())
        after_plus = run.start() > 0 and text[run.start() - 1] == "+"
        for first in range(1 if after_plus else 0, len(groups)):
            digits, end = "", first
            while end < len(groups) and len(digits) + len(groups[end]) <= 19:
                digits += groups[end]
                end += 1
                if len(digits) >= 13 and int(digits[0]) != 0 and _luhn(digits):
                    return True
    return False


def reject_card_numbers(body: object) -> None:
    """Raise ValidationError at the first field (value or key) holding a card number.

    Walks iteratively: the body comes from outside and may be nested deeper than the recursion limit.
    """
    pending: deque[tuple[str, str | None, object]] = deque([("", None, body)])
    while pending:
        path, key, value = pending.popleft()
        if isinstance(value, dict):
            for name, entry in value.items():
                if isinstance(name, str) and contains_card_number(name):
                    raise ValidationError(path, "has a field name that " + _MESSAGE)
                pending.append((child(path, name), name, entry))
        elif isinstance(value, list):
            pending.extend((item(path, index), None, entry) for index, entry in enumerate(value))
        elif isinstance(value, str):
            if not _exempt(key, value) and contains_card_number(value):
                raise ValidationError(path, _MESSAGE)
        elif isinstance(value, int) and not isinstance(value, bool) and 0 < value < _CARD_INT_LIMIT:
            # A card number typed into a numeric field arrives as a JSON integer.
            if contains_card_number(str(value)):
                raise ValidationError(path, _MESSAGE)


def mask_card_numbers(text: str) -> str:
    """`text` with every run of digits that holds a card number replaced, for crash reports and logs."""
    return _RUN.sub(lambda run: "[card number removed]" if contains_card_number(run.group()) else run.group(), text)
