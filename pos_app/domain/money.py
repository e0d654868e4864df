"""Money as Decimal, rounded half-up to the currency's minor unit (DESIGN.md rule 8)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor units that differ from the usual 2; the Gulf currencies matter to Gameball merchants.
_MINOR_UNITS = {
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    "JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "UGX": 0, "VND": 0, "XAF": 0, "XOF": 0,
}


class MoneyError(ValueError):
    """A value that is not a usable amount of money."""


def minor_units(currency: str) -> int:
    return _MINOR_UNITS.get(currency.upper(), 2)


def to_decimal(value: object) -> Decimal:
    """Parse a JSON number or numeric string into Decimal without passing through binary float error."""
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise MoneyError(f"not a number: {value!r}") from None
    else:
        raise MoneyError(f"not a number: {value!r}")
    if not result.is_finite():
        raise MoneyError(f"not a finite number: {value!r}")
    return result


def quantize(value: Decimal, currency: str = "USD") -> Decimal:
    exponent = Decimal(1).scaleb(-minor_units(currency))
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


def money(value: object, currency: str = "USD") -> Decimal:
    """Parse and round to the currency's minor unit."""
    return quantize(to_decimal(value), currency)


def to_json_number(value: Decimal) -> int | float:
    """A JSON number that prints exactly as the Decimal does.

    Money is quantized to at most 3 places and far below 1e15, so the float's shortest repr is the
    same decimal string; anything that would not survive the trip is refused rather than altered.
    """
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) != value:
        raise MoneyError(f"{value} cannot be sent exactly as a JSON number")
    return as_float


# The largest amount a till accepts unless the store's `max_amount` setting says otherwise: nine digits
# in all (9,999,999.99 USD, 999,999.999 KWD, 999,999,999 JPY). A scanned barcode typed into a price field
# is the usual way to go past it, and every screen is checked to show this much without cutting it.
DEFAULT_AMOUNT_DIGITS = 9


def max_amount(currency: str, setting: Decimal | None = None) -> Decimal:
    """The largest price, total or refund the till accepts in `currency` (the setting when there is one)."""
    if setting is not None:
        return quantize(setting, currency)
    places = minor_units(currency)
    return Decimal(10) ** (DEFAULT_AMOUNT_DIGITS - places) - Decimal(1).scaleb(-places)


# Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic decimal and thousands separators, as
# an Arabic keyboard types them.
_TYPED = str.maketrans({**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)},
                        "\u066b": ".", "\u066c": ",", "\u00a0": "", " ": ""})


class TypedAmountError(MoneyError):
    """An amount a cashier typed that cannot be read without guessing."""


def parse_typed_amount(text: str) -> Decimal:
    """A number as a cashier types it: '12.50', '1,250.00', '١٢٫٥٠'; never a guess.

    The point (or the Arabic decimal separator) is the decimal mark. A comma is read only as a
    thousands separator in its proper place (groups of three); any other comma ('12,50') is refused,
    since reading it either way could charge a hundred times too much or too little.
    """
    plain = text.strip().translate(_TYPED)
    whole, dot, fraction = plain.partition(".")
    if "," in whole:
        groups = whole.lstrip("-").split(",")
        if not (1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])):
            raise TypedAmountError("use a point for decimals, e.g. 12.50")
    if "," in fraction:
        raise TypedAmountError("use a point for decimals, e.g. 12.50")
    try:
        number = Decimal(whole.replace(",", "") + dot + fraction)
    except InvalidOperation:
        raise TypedAmountError("not a number") from None
    if not number.is_finite() or number.adjusted() > 15:
        raise TypedAmountError("not a number")
    return number


def free_line_confirm_above(currency: str, setting: Decimal | None = None) -> Decimal:
    """A free line costing more than this asks the cashier to confirm it (the setting when there is one).

    About a thousand US dollars by default: 1,000 in the currency's units, 100,000 where the currency has
    no minor unit (yen, won), whose units are small.
    """
    if setting is not None:
        return quantize(setting, currency)
    return Decimal(100_000) if minor_units(currency) == 0 else Decimal(1000)


# A quantity above this is more often a barcode typed into the quantity field than a real sale.
CONFIRM_QUANTITY_ABOVE = Decimal(999)
