"""Who the customer at the till is: a phone number, a scanned QR code, or a customer ID (pure, no I/O).

The rules (API.md sections 6 and 9):

* **Phone.** Normalised to E.164 with the store's default region (`settings.phone_region`), so
  `010 0123 4567` typed in Egypt and `+20 100 123 4567` are the same customer. The E.164 number is
  used as the Gameball `customerId` (e.g. `"+201001234567"`) and sent as `mobile` too: it is the one
  identifier every channel can collect the same way, which Gameball asks of a customerId.
* **QR.** Gameball's customer QR is the customerId followed directly by a 6-digit rotating hash, split
  by position (`hash = code[-6:]`, `customerId = code[:-6]`). Only a *scanned* code is read this way:
  a typed ID that happens to end in six digits (`CRM-100234`) must not lose them.
* **Customer ID.** Anything else that is a usable identifier (a loyalty card number, a CRM ID) is taken
  as the customerId as it is.

A whole valid phone number always wins over the QR reading: a QR of an E.164 customerId has at least
8 + 6 digits after the `+`, more than E.164 allows, so the two never collide.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers

from pos_app.domain.errors import ValidationError
from pos_app.domain.fields import ID_MAX

logger = logging.getLogger(__name__)

HASH_DIGITS = 6
_HASH = re.compile(r"\d{6}")
_PHONE_CHARS = re.compile(r"\+?[0-9 ()./-]+")
_UNUSABLE = re.compile(r"[\x00-\x20\x7f-\x9f]")


class Source(StrEnum):
    PHONE = "phone"
    QR = "qr"
    ID = "id"


@dataclass(frozen=True)
class Identification:
    """What the cashier entered, resolved: the customerId, plus the mobile or QR hash when known."""

    customer_id: str
    source: Source
    mobile: str | None = None
    hash: str | None = None


def normalise_phone(text: str, region: str) -> str | None:
    """The E.164 form of a phone number in `region` (ISO 3166 alpha-2), or None if it is not a valid one."""
    candidate = text.strip()
    if not candidate or not _PHONE_CHARS.fullmatch(candidate):
        return None
    try:
        number = phonenumbers.parse(candidate, region.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def split_qr(code: str) -> tuple[str, str] | None:
    """(customerId, hash) from a scanned Gameball QR code, or None if it cannot be one."""
    code = code.strip()
    customer_id, digits = code[:-HASH_DIGITS], code[-HASH_DIGITS:]
    if not customer_id or not _HASH.fullmatch(digits) or not _usable_id(customer_id):
        return None
    return customer_id, digits


def _usable_id(text: str) -> bool:
    return 0 < len(text) <= ID_MAX and not _UNUSABLE.search(text)


def identify(text: str, region: str, *, scanned: bool = False, id_prefix: str = "") -> Identification:
    """Resolve the customer field; raises ValidationError("customer", ...) for nothing usable.

    `scanned` is True when the text came from a barcode/QR scanner burst rather than the keyboard.
    `id_prefix` is the store's customer-ID format (its `customer_id_prefix` setting): when set, a customer ID
    (typed, or inside a QR code) must start with it, so a stray code is never taken for a customer.
    """
    entry = text.strip()
    if not entry:
        raise ValidationError("customer", "enter a phone number, scan a QR code or type a customer ID")
    phone = normalise_phone(entry, region)
    if phone is not None:
        return Identification(phone, Source.PHONE, mobile=phone)
    if scanned:
        qr = split_qr(entry)
        if qr is not None and qr[0].startswith(id_prefix):
            return Identification(qr[0], Source.QR, hash=qr[1])
    if _PHONE_CHARS.fullmatch(entry) and sum(c.isdigit() for c in entry) >= 6:
        # All digits and phone punctuation, yet not a valid number: a mistyped phone, not an ID.
        raise ValidationError("customer", f"not a valid phone number for region {region.upper()}")
    if not _usable_id(entry):
        raise ValidationError("customer", f"a customer ID has 1 to {ID_MAX} characters and no spaces")
    if not entry.startswith(id_prefix):
        raise ValidationError("customer", f"not a customer ID of this store (they start with {id_prefix})")
    return Identification(entry, Source.ID)


GTIN_LENGTHS = (8, 12, 13, 14)


def is_gtin(code: str) -> bool:
    """A GTIN-8/12/13/14 (EAN, UPC) with a valid check digit: the shape of a product barcode.

    EAN-13 `4006381333931` is also shaped like a 7-character customerId plus a 6-digit QR hash, so
    shape alone cannot tell an item from a customer; a valid check digit makes the item the likely one.
    """
    if len(code) not in GTIN_LENGTHS or not code.isascii() or not code.isdigit():
        return False
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check
