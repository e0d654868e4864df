"""Amounts as cashiers type them: read as meant, or refused; never misread."""

from decimal import Decimal

import pytest

from pos_app.domain.money import TypedAmountError, parse_typed_amount


@pytest.mark.parametrize("typed, meant", [
    ("12.50", "12.50"), (" 7 ", "7"), ("1,250", "1250"), ("1,250.75", "1250.75"), ("12,345,678.9", "12345678.9"),
    ("\u0661\u0662\u066b\u0665\u0660", "12.50"),  # ١٢٫٥٠ from an Arabic keyboard
    ("\u0661\u066c\u0662\u0665\u0660", "1250"),  # ١٬٢٥٠
    ("\u06f3\u06f4", "34"),  # Eastern Arabic-Indic digits
])
def test_read_as_meant(typed, meant):
    assert parse_typed_amount(typed) == Decimal(meant)


@pytest.mark.parametrize("typed", ["12,50", "12,5", "1,25.00", "12.50,00", "1,2345", "abc", "", "1e999999999",
                                   "NaN", "Infinity"])
def test_ambiguous_or_not_a_number_is_refused(typed):
    with pytest.raises(TypedAmountError):
        parse_typed_amount(typed)
