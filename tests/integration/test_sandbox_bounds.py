"""The sandbox is never kinder than Gameball, bound by bound (issue 12, requirement 8).

For every endpoint of pos_app/domain/endpoints.py that takes a body, this walks its request schema in
openapi.json and, for every documented bound (type, minimum/maximum/exclusive bounds, minLength/maxLength,
minItems/maxItems, enum, pattern, required), sends a running sandbox over loopback one request that breaks
only that bound, built from the body the client sends, and expects the documented answer: 400 with code 3000
for a missing required field, 3016 for any other invalid field (API.md section 9), naming the field. Batch
order items are walked through the batch item schema, the only one they are checked against.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sandbox_helpers import client_for, error_code

from pos_app.domain import endpoints, wire
from pos_app.domain.basket import Basket, BasketLine, Redemption
from pos_app.domain.merchant import Branch, Merchant
from pos_app.domain.order import validate_order, validate_preview
from pos_app.domain.refund import validate_refund
from pos_app.domain.requests import (
    CouponBurnRequest,
    CouponValidateRequest,
    CustomerRequest,
    HoldRequest,
    OtpRequest,
)
from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.sandbox import Sandbox, spec

_MERCHANT = Merchant("M1", "Shop", Branch("B1", "Main"))
_LINE = {"productId": "P1", "sku": "SKU-1", "title": "Tea", "category": ["drinks"], "collection": ["hot"],
         "tags": ["new"], "vendor": "Acme", "quantity": 2, "price": 5, "taxes": 0.5, "discount": 1, "weight": 0.2,
         "extra": {"shelf": "A3"}}


def _client_bodies() -> dict[endpoints.Endpoint, Any]:
    """What the client sends to each endpoint with a body, from the same builders the product uses."""
    now = utc_now()
    basket = Basket("USD", (BasketLine("P1", "Tea", Decimal(5), Decimal(2), "SKU-1", ("drinks",)),),
                    redemption=Redemption("HOLD-1", 10, Decimal(1)))
    paid = basket.order_body("BOUNDS-1", "demo-amira", now, mobile="+201000000000")
    paid.update(totalTax=Decimal("0.5"), totalShipping=Decimal(0), cartId="CART-1", guest=False,
                extra={"till": "T1"}, lineItems=[_LINE], cashbackConfigurations={"returnWindow": 7})
    order = validate_order(paid, now=now, currency="USD").gameball_body(_MERCHANT)
    preview = validate_preview(basket.preview_body("demo-amira") | {"lineItems": [_LINE]}, now=now,
                               currency="USD").gameball_body(_MERCHANT)
    refund = validate_refund({"refundTransactionId": "R-1", "reverseTransactionId": "BOUNDS-1", "refundAmount": 5,
                              "lineItems": [_LINE]}, now=now, currency="USD")
    return {
        endpoints.CASHBACK_PREVIEW: preview,
        endpoints.REWARD_PREVIEW: preview,
        endpoints.TRACK_ORDER: order,
        endpoints.UPSERT_CUSTOMER: CustomerRequest("demo-amira", "+201000000000", "a@example.com", "Amira", "Amira",
                                                   "Said", "ar", guest=False).to_body(),
        endpoints.HOLD_POINTS: HoldRequest("demo-amira", now, points_to_hold=10, otp="1234", hash="h").to_body(),
        endpoints.REFUND: refund.gameball_body("demo-amira", now, _MERCHANT),
        # The debit of an expired hold (sync/delivery.py), with the merchant and the optional fields the
        # schema lists, so their bounds are reached too.
        endpoints.REDEEM: {"customerId": "demo-amira", "transactionId": "BOUNDS-1", "transactionTime": to_iso_z(now),
                           "points": 10, "merchant": _MERCHANT.to_body(), "reason": "hold expired"},
        endpoints.BATCH_ORDERS: {"body": [{key: order[key] for key in ("customerId", "orderId", "orderDate",
                                                                       "totalPaid")}]},
        endpoints.BATCH_ORDER_TRANSACTIONS: {"body": ["BOUNDS-1"]},
        endpoints.VALIDATE_COUPONS: CouponValidateRequest("demo-amira", ("SAVE10",), Decimal(10), lock=True,
                                                          merchant_id="M1").to_body(),
        endpoints.BURN_COUPONS: CouponBurnRequest("demo-amira", "BOUNDS-1", now, "LOCK-1", ("SAVE10",)).to_body(),
        endpoints.SEND_OTP: OtpRequest("demo-amira", points=10).to_body(),
    }


@dataclass(frozen=True)
class Violation:
    endpoint: endpoints.Endpoint
    field: str  # as the sandbox names it: lineItems[0].price
    bound: str
    body: Any
    code: int

    def __str__(self) -> str:
        return f"{self.endpoint} {self.field or 'body'} {self.bound}"


# A value of each JSON type, with the schema types it would satisfy: a field gets the first it does not.
_OTHER_TYPES = ((1.5, {"number"}), ("text", {"string"}), (True, {"boolean"}), ([1], {"array"}), ({"a": 1}, {"object"}))
_SAMPLE = {"string": "x", "number": 1, "integer": 1, "boolean": True, "array": [], "object": {}}


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def _sample(schema: dict[str, Any]) -> Any:
    """A valid value for a field the client's body does not carry, so the field's own bounds are reached."""
    schema = spec._resolve(schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = next(k for k in _types(schema) if k != "null")
    if kind == "object":
        return {name: _sample(schema["properties"][name]) for name in schema.get("required", [])}
    if kind == "array":
        return [_sample(schema["items"])] * max(1, schema.get("minItems", 0))
    if kind in ("number", "integer"):
        return max(_SAMPLE[kind], schema.get("minimum", 1))
    return "x" * max(1, schema.get("minLength", 1))


def _field(path: list[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _put(body: Any, path: list[str | int], value: Any, schemas: list[dict[str, Any]]) -> None:
    """Set `value` at `path`, making each missing parent from its schema (an object, or a one-item list)."""
    here = body
    for depth, part in enumerate(path[:-1]):
        child_schema = schemas[depth + 1]
        if isinstance(part, int):
            while len(here) <= part:
                here.append(_sample(child_schema))
        elif part not in here or not isinstance(here[part], dict | list):
            here[part] = _sample(child_schema)
        here = here[part]
    if isinstance(path[-1], int):
        while len(here) <= path[-1]:
            here.append(None)
    here[path[-1]] = value


def _bad_values(schema: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    kinds = set(_types(schema))
    if kinds:
        yield f"type {'/'.join(sorted(kinds))}", next(value for value, types in _OTHER_TYPES if not types & kinds)
    if "minimum" in schema:
        yield f"minimum {schema['minimum']}", schema["minimum"] - 1
    if "exclusiveMinimum" in schema:
        yield f"exclusiveMinimum {schema['exclusiveMinimum']}", schema["exclusiveMinimum"]
    if "maximum" in schema:
        yield f"maximum {schema['maximum']}", schema["maximum"] + 1
    if "exclusiveMaximum" in schema:
        yield f"exclusiveMaximum {schema['exclusiveMaximum']}", schema["exclusiveMaximum"]
    if schema.get("minLength", 0) > 0:
        yield f"minLength {schema['minLength']}", "x" * (schema["minLength"] - 1)
    if "maxLength" in schema:
        yield f"maxLength {schema['maxLength']}", "x" * (schema["maxLength"] + 1)
    if schema.get("minItems", 0) > 0:
        yield f"minItems {schema['minItems']}", [_sample(schema["items"])] * (schema["minItems"] - 1)
    if "maxItems" in schema:
        yield f"maxItems {schema['maxItems']}", [_sample(schema["items"])] * (schema["maxItems"] + 1)
    if "enum" in schema:
        yield "enum", "not-one-of-" + "-".join(map(str, schema["enum"]))
    if "pattern" in schema:
        yield f"pattern {schema['pattern']}", next(text for text in ("", " ", "!!", "x" * 300)
                                                   if not re.search(schema["pattern"], text))


def _walk(endpoint: endpoints.Endpoint, valid: Any, schema: dict[str, Any], path: list[str | int],
          schemas: list[dict[str, Any]]) -> Iterator[Violation]:
    schema = spec._resolve(schema)
    assert not {"oneOf", "anyOf", "allOf", "not"} & set(schema), f"{endpoint} {_field(path)}: walk this too"
    schemas = [*schemas, schema]
    for bound, value in _bad_values(schema):
        body = copy.deepcopy(valid)
        if path:
            _put(body, path, value, schemas)
        else:
            body = value
        yield Violation(endpoint, _field(path), bound, body, 3016)
    for name in schema.get("required", []):
        body = copy.deepcopy(valid)
        if path:
            _put(body, path, _sample(schema), schemas)  # the parent present with its required fields
            parent = body
            for part in path:
                parent = parent[part]
        else:
            parent = body
        parent.pop(name, None)
        yield Violation(endpoint, _field([*path, name]), "required", body, 3000)
    for name, child in schema.get("properties", {}).items():
        yield from _walk(endpoint, valid, child, [*path, name], schemas)
    if "items" in schema:
        yield from _walk(endpoint, valid, schema["items"], [*path, 0], schemas)


def _violations() -> list[Violation]:
    found = []
    for endpoint, valid in _client_bodies().items():
        schema = spec.request_schema(endpoint.method, endpoint.template)
        assert spec.validate_request(endpoint.method, endpoint.template, wire.plain(valid)) == [], endpoint
        found += _walk(endpoint, wire.plain(valid), schema, [], [])
    return found


VIOLATIONS = _violations()


def test_every_endpoint_with_a_body_is_walked():
    with_body = {row for row in endpoints.ENDPOINTS if spec.request_schema(row.method, row.template) is not None}
    assert with_body == set(_client_bodies())
    walked = {violation.endpoint for violation in VIOLATIONS}
    assert walked == with_body
    bounds = {violation.bound.split()[0] for violation in VIOLATIONS}
    # The kinds of bound openapi.json puts on these bodies today; a new kind shows up here.
    assert {"type", "required", "minimum", "maximum", "maxLength", "minItems", "maxItems", "enum"} <= bounds


@pytest.fixture(scope="module")
def strict_gb():
    # Rate-limit windows 200 times shorter: hundreds of refused requests in a row stay under the limits.
    with Sandbox(port=0, demo=True, time_scale=200.0) as box, client_for(box) as client:
        yield client


@pytest.mark.parametrize("violation", VIOLATIONS, ids=str)
def test_the_sandbox_refuses_each_documented_bound(strict_gb, violation):
    assert spec.validate_request(violation.endpoint.method, violation.endpoint.template, violation.body), \
        "the violating body must break the schema"
    answer = strict_gb.request(violation.endpoint.method, violation.endpoint.path, content=wire.dumps(violation.body),
                               headers={"Content-Type": "application/json"})
    assert (answer.status_code, error_code(answer)) == (400, violation.code), answer.text
    assert (violation.field.split(".")[-1].split("[")[0] or "body") in answer.json()["message"]
