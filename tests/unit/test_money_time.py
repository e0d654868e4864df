from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_app.domain import wire
from pos_app.domain.money import MoneyError, money, to_decimal, to_json_number
from pos_app.domain.timeutil import is_utc_iso_z, parse_iso, to_iso_z


def test_money_rounds_half_up_to_the_minor_unit():
    assert money("2.345") == Decimal("2.35")
    assert money("2.344") == Decimal("2.34")
    assert money("1.0005", "KWD") == Decimal("1.001")
    assert money("10.5", "JPY") == Decimal("11")


@pytest.mark.parametrize("bad", [None, True, "abc", float("nan"), "Infinity", [], {}])
def test_to_decimal_refuses_non_numbers(bad):
    with pytest.raises(MoneyError):
        to_decimal(bad)


def test_float_input_keeps_its_decimal_spelling():
    assert to_decimal(0.1) == Decimal("0.1")


def test_json_numbers_are_exact():
    assert wire.dumps({"a": Decimal("250.75"), "b": Decimal("300"), "c": None}) == b'{"a":250.75,"b":300}'
    assert wire.loads(b'{"a":250.75}')["a"] == Decimal("250.75")
    assert to_json_number(Decimal("0.10")) == 0.1


def test_json_number_refuses_what_float_cannot_carry():
    with pytest.raises(MoneyError):
        to_json_number(Decimal("12345678901234567.891"))


def test_iso_z_is_utc_with_milliseconds():
    moment = datetime(2024, 10, 16, 11, 13, 29, 290123, tzinfo=timezone(timedelta(hours=3)))
    assert to_iso_z(moment) == "2024-10-16T08:13:29.290Z"
    with pytest.raises(ValueError):
        to_iso_z(datetime(2024, 1, 1))


def test_parse_iso_accepts_gameball_forms():
    assert parse_iso("2024-10-16T08:13:29.29") == datetime(2024, 10, 16, 8, 13, 29, 290000, tzinfo=UTC)
    assert parse_iso("2024-10-16T08:13:29Z").tzinfo is UTC
    assert is_utc_iso_z("2024-10-16T08:13:29.290Z")
    assert not is_utc_iso_z("2024-10-16T08:13:29.290+03:00")
    assert not is_utc_iso_z("yesterday")
