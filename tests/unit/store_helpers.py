"""Shared helpers for the tests of pos_app.store (test_store_*.py)."""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain import wire
from pos_app.store import Accepted, Store

ORDER_DATE = "2024-10-16T08:13:29.290Z"
MOBILE = "+966500001234"
EMAIL = "shopper@example.com"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    sleep = advance  # the pacing code sleeps on the clock it is given


def order_body(order_id: str, variant: int = 0) -> bytes:
    return wire.dumps(
        {
            "customerId": "cust_1",
            "orderId": order_id,
            "orderDate": ORDER_DATE,
            "totalPaid": Decimal("250.75") + variant,
            "mobile": MOBILE,
            "email": EMAIL,
            "channel": "pos",
        }
    )


def refund_body(refund_id: str, order_id: str, variant: int = 0) -> bytes:
    body = {
        "refundTransactionId": refund_id,
        "reverseTransactionId": order_id,
        "refundAmount": Decimal(10 + variant),
    }
    return wire.dumps(body)


def accept(store: Store, order_id: str, variant: int = 0, **overrides: object) -> Accepted:
    fields: dict[str, object] = {
        "customer_id": "cust_1",
        "order_date": ORDER_DATE,
        "total_paid": Decimal("250.75") + variant,
        "currency": "USD",
        "mobile": MOBILE,
        "email": EMAIL,
        "expected_points": 25,
        "hold_reference": None,
    }
    fields.update(overrides)
    return store.accept_order(order_id, order_body(order_id, variant), **fields)  # type: ignore[arg-type]


def gameball_error(code: int = 3003, status: int = 422, message: str = "Invalid value") -> dict[str, object]:
    return {"class": "failed", "status": status, "code": code, "message": message, "requestId": "req-42"}
