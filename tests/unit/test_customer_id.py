"""Identifying the customer at the till: phone to E.164 customerId, scanned QR split by position, plain IDs."""

import pytest

from pos_app.domain.customer_id import Source, identify, normalise_phone, split_qr
from pos_app.domain.errors import ValidationError


@pytest.mark.parametrize(("typed", "region", "e164"), [
    ("010 0123 4567", "EG", "+201001234567"),  # national format with the trunk 0
    ("+20 100 123 4567", "US", "+201001234567"),  # international format ignores the region
    ("0020 100 123 4567", "EG", "+201001234567"),  # the international call prefix
    ("050 000 1234", "SA", "+966500001234"),
    ("(415) 555-2671", "US", "+14155552671"),
])
def test_phone_numbers_normalise_to_e164(typed, region, e164):
    assert normalise_phone(typed, region) == e164


@pytest.mark.parametrize("typed", ["", "12", "+20 100", "0100 123 456 789 012", "call me", "demo-amira"])
def test_not_phone_numbers(typed):
    assert normalise_phone(typed, "EG") is None


def test_the_e164_number_is_the_customer_id_and_the_mobile():
    who = identify("010 0123 4567", "EG")
    assert (who.customer_id, who.mobile, who.source, who.hash) == ("+201001234567", "+201001234567",
                                                                  Source.PHONE, None)


def test_a_scanned_qr_is_split_by_position():
    assert split_qr("demo-amira482913") == ("demo-amira", "482913")
    who = identify("+201001234567482913", "EG", scanned=True)  # too long for E.164: a QR of a phone id
    assert (who.customer_id, who.hash, who.source, who.mobile) == ("+201001234567", "482913", Source.QR, None)


@pytest.mark.parametrize("code", ["123456", "abc12345", "demo-amira", "x 123456"])
def test_codes_that_cannot_be_a_qr(code):
    assert split_qr(code) is None


def test_a_typed_id_keeps_its_trailing_digits():
    who = identify("CRM-100234", "EG")
    assert (who.customer_id, who.source, who.hash) == ("CRM-100234", Source.ID, None)


def test_a_scanned_code_that_is_a_phone_number_is_a_phone():
    assert identify("+201001234567", "EG", scanned=True).source is Source.PHONE


@pytest.mark.parametrize("typed", ["", "   ", "0100 12", "x" * 101, "two words"])
def test_nothing_usable_is_refused_with_the_customer_field(typed):
    with pytest.raises(ValidationError) as caught:
        identify(typed, "EG")
    assert caught.value.field == "customer"


def test_the_stores_customer_id_prefix_keeps_stray_codes_out():
    from pos_app.domain.customer_id import Source, identify
    from pos_app.domain.errors import ValidationError

    assert identify("CRM-100234", "EG", id_prefix="CRM-").source is Source.ID
    with pytest.raises(ValidationError) as refused:
        identify("ABC-1", "EG", id_prefix="CRM-")
    assert "start with CRM-" in refused.value.message
    with pytest.raises(ValidationError):
        identify("ABC123456", "EG", scanned=True, id_prefix="CRM-")  # not this store's QR either
    assert identify("CRM-7123456", "EG", scanned=True, id_prefix="CRM-").source is Source.QR
    assert identify("+201001234567", "EG", id_prefix="CRM-").source is Source.PHONE  # phones are not IDs
