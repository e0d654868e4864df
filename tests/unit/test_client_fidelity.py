"""Every request the client builds validates against Gameball's openapi.json, with the keys where
API.md section 1 says; every 200 example in openapi.json parses into the typed models."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from pos_app.domain.merchant import Branch, Merchant
from pos_app.gameball import models
from pos_app.gameball.client import GameballClient
from pos_app.sandbox import spec

NOW = datetime(2026, 11, 27, 12, 0, 0, tzinfo=UTC)
LINE = models.LineItem(product_id="P1", sku="SKU1", title="Tea", quantity=Decimal(2), price=Decimal("12.50"),
                       taxes=Decimal("1.75"), discount=Decimal("1.00"), category=("drinks",), tags=("hot",),
                       extra={"subClass": "S1"})
MERCHANT = Merchant("M1", "Store", Branch("B1", "Downtown"))
ORDER = models.OrderRequest(
    customer_id="cust_1", order_id="ORD-1", order_date=NOW, total_paid=Decimal("24.00"),
    total_price=Decimal("25.00"), total_discount=Decimal("1.00"), total_tax=Decimal("1.75"),
    total_shipping=Decimal(0), line_items=(LINE,), mobile="+201001234567", guest=False, merchant=MERCHANT,
    points_hold_reference="HOLD-1", extra={"till": "3"},
)

CALLS = [
    ("POST", "/orders/cashback", lambda c: c.cashback_preview(
        models.CashbackRequest(total_paid=Decimal("24.00"), customer_id="cust_1", line_items=(LINE,),
                               merchant=MERCHANT))),
    ("POST", "/orders", lambda c: c.track_order(ORDER)),
    ("GET", "/orders/{orderId}/transactions", lambda c: c.order_transactions("ORD-1")),
    ("POST", "/customers", lambda c: c.upsert_customer(
        models.CustomerRequest("cust_1", mobile="+201001234567", display_name="Mona"))),
    ("GET", "/customers/{customerId}", lambda c: c.get_customer("cust_1")),
    ("GET", "/customers/{customerId}/balance", lambda c: c.get_balance("cust_1")),
    ("POST", "/transactions/hold", lambda c: c.hold_points(
        models.HoldRequest("cust_1", NOW, points_to_hold=100, hash="123456"))),
    ("GET", "/transactions/hold/{holdReferenceId}", lambda c: c.get_hold("HOLD-1")),
    ("DELETE", "/transactions/hold/{holdReferenceId}", lambda c: c.release_hold("HOLD-1")),
    ("POST", "/transactions/refund", lambda c: c.refund(
        models.RefundRequest("cust_1", "REF-1", "ORD-1", NOW, refund_amount=Decimal("5.00"), line_items=(LINE,),
                             merchant=MERCHANT))),
    ("GET", "/configurations/rewards/cashback", lambda c: c.cashback_configuration()),
    ("GET", "/configurations/rewards/redemption", lambda c: c.redemption_configuration()),
    ("POST", "/batch/orders", lambda c: c.batch_orders([ORDER, ORDER.to_body()])),
    ("POST", "/batch/orders/transactions", lambda c: c.batch_order_transactions(["ORD-1", "ORD-2"])),
    ("GET", "/batches/{batchId}/status", lambda c: c.batch_status("77")),
]

PREFIX = "/api/v4.0/integrations"


def _capture(call):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = GameballClient("https://api.gameball.co", "the-api-key", "the-secret-key",
                            transport=httpx.MockTransport(handler))
    call(client)
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize(("method", "template", "call"), CALLS, ids=[f"{m} {t}" for m, t, _ in CALLS])
def test_request_matches_openapi(method, template, call):
    request = _capture(call)
    assert request.method == method
    assert request.url.path.startswith(PREFIX)
    matched, _ = spec.match(method, request.url.path)
    assert matched == PREFIX + template
    if request.content:
        body = json.loads(request.content)
        assert spec.validate_request(method, matched, body) == []
        assert request.headers["content-type"] == "application/json"
    needs = spec.security(method, matched)
    assert request.headers["apikey"] == "the-api-key"
    if "secretKey" in needs:
        assert request.headers["secretkey"] == "the-secret-key"
    else:
        assert "secretkey" not in request.headers  # the secret goes only where Gameball requires it
    assert "authorization" not in request.headers


def test_order_body_is_gameball_shaped():
    body = json.loads(_capture(lambda c: c.track_order(ORDER)).content)
    assert body["orderDate"] == "2026-11-27T12:00:00.000Z"
    assert body["totalPaid"] == 24 and body["lineItems"][0]["price"] == 12.5
    assert body["redemption"] == {"pointsHoldReference": "HOLD-1"}
    assert body["merchant"]["branch"] == {"uniqueId": "B1", "name": "Downtown"}
    assert body["channel"] == "pos"


def test_frozen_bytes_are_sent_unchanged_alone_and_in_a_batch():
    frozen = b'{"customerId":"c","orderId":"o","orderDate":"2026-11-27T12:00:00.000Z","totalPaid":1.10}'
    assert _capture(lambda c: c.track_order(frozen)).content == frozen
    assert _capture(lambda c: c.batch_orders([frozen, frozen])).content == b'{"body":[' + frozen + b"," + frozen + b"]}"


PARSERS = {
    ("POST", "/orders/cashback"): models.CashbackPreview,
    ("POST", "/orders"): models.OrderResult,
    ("GET", "/orders/{orderId}/transactions"): models.OrderTransactions,
    ("POST", "/customers"): models.CustomerCreated,
    ("GET", "/customers/{customerId}"): models.Customer,
    ("GET", "/customers/{customerId}/balance"): models.Balance,
    ("POST", "/transactions/hold"): models.Hold,
    ("GET", "/transactions/hold/{holdReferenceId}"): models.Hold,
    ("DELETE", "/transactions/hold/{holdReferenceId}"): models.HoldReleased,
    ("POST", "/transactions/refund"): models.RefundResult,
    ("GET", "/configurations/rewards/cashback"): models.CashbackConfiguration,
    ("GET", "/configurations/rewards/redemption"): models.RedemptionConfiguration,
    ("POST", "/batch/orders"): models.BatchJob,
    ("POST", "/batch/orders/transactions"): models.BatchJob,
    ("GET", "/batches/{batchId}/status"): models.BatchStatus,
}


@pytest.mark.parametrize(("method", "template"), list(PARSERS), ids=[f"{m} {t}" for m, t in PARSERS])
def test_every_response_example_parses(method, template):
    parser = PARSERS[(method, template)]
    examples = spec.response_examples(method, PREFIX + template)
    for example in examples:
        parsed = parser.from_json(example)
        assert parsed.raw == example
    # Unknown fields are tolerated, and an empty answer parses too.
    parser.from_json({"someFieldGameballAddsLater": 1})
    parser.from_json({})


def test_examples_carry_the_documented_values():
    balance = [models.Balance.from_json(x) for x in spec.response_examples(
        "GET", PREFIX + "/customers/{customerId}/balance")]
    assert balance and all(isinstance(b.available_points, int) for b in balance)
    assert all(isinstance(b.available_value, Decimal) for b in balance if b.available_value is not None)


def test_parsed_money_is_decimal_and_times_are_utc():
    result = models.OrderTransactions.from_json({"transactions": [
        {"transactionDate": "2024-10-16T08:13:29.29", "gameballTransactionId": 1, "transactionType": "PaymentReward",
         "amount": 250.75, "transactionId": "ORD-1", "equivalentPoints": 250}], "count": 1})
    tx = result.transactions[0]
    assert tx.amount == Decimal("250.75") and tx.transaction_date.tzinfo is UTC
    assert tx.gameball_transaction_id == "1"
