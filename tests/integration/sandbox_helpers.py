"""Shared bits of the sandbox tests: keys, bodies, and checks that answers match openapi.json."""

import time
from datetime import timedelta

import httpx

from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, spec

PREFIX = spec.PREFIX
KEYS = {"APIKey": DEMO_API_KEY, "SecretKey": DEMO_SECRET_KEY}
ENVELOPE_KEYS = {"code", "type", "message", "documentationUrl", "requestId"}


def now_iso(delta_seconds: float = 0) -> str:
    return to_iso_z(utc_now() + timedelta(seconds=delta_seconds))


def client_for(sandbox, **kwargs) -> httpx.Client:
    kwargs.setdefault("timeout", 5.0)
    return httpx.Client(base_url=sandbox.url + PREFIX, headers=KEYS, **kwargs)


def line(product_id, price, quantity=1, **extra):
    return {"productId": product_id, "price": price, "quantity": quantity, **extra}


def order_body(order_id, customer_id="demo-amira", total_paid=100, lines=None, **extra):
    body = {"customerId": customer_id, "orderId": order_id, "orderDate": now_iso(), "totalPaid": total_paid,
            "channel": "pos", "merchant": {"uniqueId": "M1", "branch": {"uniqueId": "B1"}}}
    if lines is not None:
        body["lineItems"] = lines
    body.update(extra)
    return body


def batch_item(order_id, customer_id="demo-amira", total_paid=100, **extra):
    """A batch order item as openapi.json documents it: four fields."""
    return {"customerId": customer_id, "orderId": order_id, "orderDate": now_iso(), "totalPaid": total_paid,
            **extra}


def refund_body(refund_id, order_id, customer_id="demo-amira", **extra):
    return {"customerId": customer_id, "refundTransactionId": refund_id, "reverseTransactionId": order_id,
            "transactionTime": now_iso(), **extra}


def checked(response: httpx.Response, method: str, template: str) -> dict:
    """The JSON of an answer, after checking it against openapi.json (200) or Gameball's envelope."""
    body = response.json()
    if response.status_code == 200:
        assert spec.validate_response(method, PREFIX + template, body) == [], body
        # Never kinder than Gameball: the sandbox answers only what the document lists.
        assert spec.undocumented_in_response(method, PREFIX + template, body) == [], body
    else:
        assert set(body) == ENVELOPE_KEYS, body
        assert body["requestId"] == response.headers["X-Request-Id"]
    return body


def error_code(response: httpx.Response) -> int:
    assert set(response.json()) == ENVELOPE_KEYS
    return response.json()["code"]


def wait_until(predicate, timeout: float = 5.0, interval: float = 0.01):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(interval)
