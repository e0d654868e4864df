"""Errors the domain raises about what a caller handed in; the bridge maps each to an HTTP answer."""

from __future__ import annotations


class ValidationError(ValueError):
    """A body that cannot be accepted. `field` is a JSON path (`lineItems[3].price`; "" is the body).

    The message names the rule that was broken and never repeats the offending value, so no card
    number or other customer data ends up in an answer or a log line.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


class Conflict(Exception):
    """The id was already accepted with a different body; the first body stands."""


class OrderConflict(Conflict):
    """The same orderId was accepted before with another body."""


class RefundConflict(Conflict):
    """The same refundTransactionId was accepted before with another body."""


class UnknownOrder(LookupError):
    """A refund names an orderId this terminal never accepted, so its customer is not known here."""
