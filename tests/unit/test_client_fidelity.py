"""The wire against Gameball's own description: the bytes production freezes into the outbox (orders,
refunds, batches) and the live bodies (holds, previews, customers) carry only fields openapi.json lists,
every endpoint is a row of the one wire table with the path and keys openapi.json gives, and every 200
example parses into the typed models.

openapi.json and API.md are the copies in tests/data (of ../shared/gameball); the sandbox's own copy in
resources/ must be the same document, so the sandbox cannot be kinder than Gameball by editing it.
"""

import copy
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from jsonschema import Draft202012Validator

from pos_app.domain import endpoints, wire
from pos_app.domain.batch_items import carried_by_batch_item
from pos_app.domain.merchant import Branch, Merchant
from pos_app.domain.order import validate_order, validate_preview
from pos_app.domain.redemption import redemption_options
from pos_app.domain.refund import validate_refund
from pos_app.domain.requests import (
    CouponBurnRequest,
    CouponValidateRequest,
    CustomerRequest,
    HoldRequest,
    OtpRequest,
)
from pos_app.gameball import models
from pos_app.gameball.client import GameballClient
from pos_app.resources import resource_path
from pos_app.sandbox import Sandbox, spec

DOCS = Path(__file__).resolve().parents[1] / "data" / "gameball"
OPENAPI = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))

NOW = datetime(2026, 11, 27, 12, 0, 0, tzinfo=UTC)
CURRENCY = "EGP"
MERCHANT = Merchant("M1", "Store", Branch("B1", "Downtown"))
TILL_LINE = {"productId": "P1", "sku": "SKU1", "title": "Tea", "quantity": 2, "price": Decimal("12.50"),
             "taxes": Decimal("1.75"), "discount": Decimal("1.00"), "category": ["drinks"], "collection": ["summer"],
             "tags": ["hot"], "vendor": "Tea Co", "weight": Decimal("0.5"), "extra": {"subClass": "S1"}}
# Every field the till may send with a paid order (domain/order.py accepts these and no others).
TILL_ORDER = {
    "customerId": "cust_1", "email": "mona@example.com", "mobile": "+201001234567", "guest": False,
    "orderId": "ORD-1", "orderDate": "2026-11-27T11:59:00.000Z", "totalPaid": Decimal("24.00"),
    "totalPrice": Decimal("25.00"), "totalDiscount": Decimal("1.00"), "totalTax": Decimal("1.75"),
    "totalShipping": Decimal(0), "lineItems": [TILL_LINE], "redemption": {"pointsHoldReference": "HOLD-1"},
    "extra": {"till": "3"}, "cartId": "CART-1", "cashbackConfigurations": {"returnWindow": 14},
}


def frozen_order(**changes) -> bytes:
    """What the till's accept path freezes into the outbox for a sale: `wire.dumps(order.gameball_body(merchant))`."""
    order = validate_order({**TILL_ORDER, **changes}, now=NOW, currency=CURRENCY)
    return wire.dumps(order.gameball_body(MERCHANT))


def frozen_refund() -> bytes:
    """What the till's accept path freezes for a return of one line of ORD-1."""
    till = {"refundTransactionId": "REF-1", "reverseTransactionId": "ORD-1", "refundAmount": Decimal("5.00"),
            "email": "mona@example.com", "mobile": "+201001234567", "lineItems": [TILL_LINE]}
    refund = validate_refund(till, now=NOW, currency=CURRENCY)
    return wire.dumps(refund.gameball_body("cust_1", NOW, MERCHANT))


# What the deliverer debits and burns when a sale's hold or coupon lock expired first
# (sync/delivery.py, _split_expired_redemption).
def frozen_debit() -> bytes:
    return wire.dumps({"customerId": "cust_1", "transactionId": "ORD-1", "transactionTime": TILL_ORDER["orderDate"],
                       "points": 100})


def frozen_burn() -> bytes:
    return wire.dumps({"customerId": "cust_1", "transactionId": "ORD-1", "transactionTime": TILL_ORDER["orderDate"],
                       "coupons": ["SAVE15"]})


# The only orders production sends by batch unless a manager confirmed full bodies: ones the item carries whole.
BATCH_ITEM = {"customerId": "cust_1", "orderId": "ORD-1", "orderDate": "2026-11-27T11:59:00.000Z", "totalPaid": 24}


PREVIEW = validate_preview({k: v for k, v in TILL_ORDER.items() if k != "orderId"}, now=NOW,
                           currency=CURRENCY).gameball_body(MERCHANT)
# As the customer service builds them for the cashier (points held against a scanned QR hash; a new customer).
HOLD = HoldRequest("cust_1", NOW, points_to_hold=100, hash="123456", mobile="+201001234567")
CUSTOMER = CustomerRequest("cust_1", mobile="+201001234567", display_name="Mona")
BASKET = validate_preview({k: v for k, v in TILL_ORDER.items() if k != "orderId"}, now=NOW, currency=CURRENCY)
REWARD_PREVIEW = BASKET.reward_preview_body(MERCHANT)
# As the customer services build them: a coupon checked and locked for this basket, a burn, an OTP.
COUPONS = CouponValidateRequest("cust_1", ("SAVE15",), total_purchase_amount=Decimal("24.00"), lock=True,
                                merchant_id="M1", mobile="+201001234567")
BURN = CouponBurnRequest("cust_1", "ORD-1", NOW, lock_reference="LOCK-1")
OTP = OtpRequest("cust_1", points=500, mobile="+201001234567")

CALLS = {
    endpoints.CASHBACK_PREVIEW: lambda c: c.cashback_preview(PREVIEW),
    endpoints.TRACK_ORDER: lambda c: c.track_order(frozen_order()),
    endpoints.ORDER_TRANSACTIONS: lambda c: c.order_transactions("ORD/1"),
    endpoints.UPSERT_CUSTOMER: lambda c: c.upsert_customer(CUSTOMER),
    endpoints.GET_CUSTOMER: lambda c: c.get_customer("cust_1"),
    endpoints.GET_BALANCE: lambda c: c.get_balance("cust_1"),
    endpoints.HOLD_POINTS: lambda c: c.hold_points(HOLD),
    endpoints.GET_HOLD: lambda c: c.get_hold("HOLD-1"),
    endpoints.RELEASE_HOLD: lambda c: c.release_hold("HOLD-1"),
    endpoints.REFUND: lambda c: c.refund(frozen_refund()),
    endpoints.REDEEM: lambda c: c.redeem(frozen_debit()),
    endpoints.CASHBACK_CONFIGURATION: lambda c: c.cashback_configuration(),
    endpoints.REDEMPTION_CONFIGURATION: lambda c: c.redemption_configuration(),
    endpoints.REDEMPTION_RULES: lambda c: c.redemption_rules("cust/1"),
    endpoints.CASHBACK_TIER_RULES: lambda c: c.cashback_tier_rules(),
    endpoints.BATCH_ORDERS: lambda c: c.batch_orders([BATCH_ITEM, {**BATCH_ITEM, "orderId": "ORD-2"}]),
    endpoints.BATCH_ORDER_TRANSACTIONS: lambda c: c.batch_order_transactions(["ORD-1", "ORD-2"]),
    endpoints.BATCH_STATUS: lambda c: c.batch_status("77"),
    endpoints.CUSTOMER_DETAILS: lambda c: c.customer_details("cust_1"),
    endpoints.TIER_PROGRESS: lambda c: c.tier_progress("cust_1"),
    endpoints.TIERS_CONFIGURATION: lambda c: c.tiers_configuration(),
    endpoints.REWARD_CAMPAIGNS_CONFIGURATION: lambda c: c.reward_campaigns_configuration(),
    endpoints.REWARD_CAMPAIGNS_PROGRESS: lambda c: c.reward_campaigns_progress("cust_1"),
    endpoints.REWARD_PREVIEW: lambda c: c.reward_preview(REWARD_PREVIEW),
    endpoints.VALIDATE_COUPONS: lambda c: c.validate_coupons(COUPONS),
    endpoints.BURN_COUPONS: lambda c: c.burn_coupons(BURN),
    endpoints.RELEASE_COUPONS: lambda c: c.release_coupons("LOCK/1"),
    endpoints.SEND_OTP: lambda c: c.send_otp(OTP),
}
WITH_BODY = [row for row in endpoints.ENDPOINTS if row.method == "POST"]


def _resolve(pointer: str):
    node = OPENAPI
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _strict(schema):
    """The schema with `additionalProperties: false` wherever it lists properties and says nothing
    else, recursively, `$ref`s inlined: a field Gameball does not document is an error here."""
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return _strict(_resolve(schema["$ref"]))
    strict = {key: (value if key in ("properties", "example", "examples", "enum", "const") else _strict(value))
              for key, value in schema.items()}
    if "properties" in schema:
        strict["properties"] = {name: _strict(value) for name, value in schema["properties"].items()}
        if not any(key in schema for key in ("additionalProperties", "allOf", "anyOf", "oneOf")):
            strict["additionalProperties"] = False
    return strict


def _operation(row):
    return OPENAPI["paths"][row.template][row.method.lower()]


def strict_issues(row, body) -> list[str]:
    schema = _operation(row)["requestBody"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(_strict(schema))
    return sorted(f"{'.'.join(map(str, error.absolute_path)) or 'body'}: {error.message}"
                  for error in validator.iter_errors(body))


def _capture(call) -> httpx.Request:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = GameballClient("https://api.gameball.co", "the-api-key", "the-secret-key",
                            transport=httpx.MockTransport(handler))
    call(client)
    assert len(seen) == 1
    return seen[0]


def _template_pattern(row) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(row.template)) + "$")


def test_the_shipped_openapi_is_gameballs():
    shipped = json.loads(resource_path("gameball", "openapi.json").read_text(encoding="utf-8"))
    assert shipped == OPENAPI


def test_every_client_call_is_a_table_row_and_every_row_is_emulated():
    assert set(CALLS) == set(endpoints.ENDPOINTS)
    assert Sandbox(port=0).api.emulated == {(row.method, row.path) for row in endpoints.ENDPOINTS}


@pytest.mark.parametrize("row", endpoints.ENDPOINTS, ids=str)
def test_each_row_is_an_openapi_operation_with_its_keys(row):
    operation = _operation(row)
    needs = frozenset.intersection(*(frozenset(alt) for alt in operation.get("security", OPENAPI["security"])))
    assert ("secretKey" in needs) == row.secret


def test_the_documented_limits_are_api_mds():
    text = (DOCS / "API.md").read_text(encoding="utf-8").split("## 8.", 1)[1].split("**Error envelope**", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| (\d+) \| (\d+) \|$", text, flags=re.M)
    documented = {(resource, method): endpoints.Limit(int(second), int(thirty))
                  for resource, method, second, thirty in rows}
    named = {
        ("Transactions", "GET / POST"): endpoints.Bucket.TRANSACTIONS,
        ("Coupons", "All / POST"): endpoints.Bucket.COUPONS,
        ("Customers", "GET"): endpoints.Bucket.CUSTOMERS_GET,
        ("Customers", "POST"): endpoints.Bucket.CUSTOMERS_POST,
        ("Events", "Any"): endpoints.Bucket.EVENTS,
        ("Orders (Tracking)", "Any"): endpoints.Bucket.ORDERS_TRACKING,
        ("Orders (Cashback)", "Any"): endpoints.Bucket.ORDERS_CASHBACK,
        ("Others", "Any"): endpoints.Bucket.OTHERS,
    }
    assert set(documented) == set(named)
    assert {named[key]: limit for key, limit in documented.items()} == dict(endpoints.LIMITS)


@pytest.mark.parametrize("row", endpoints.ENDPOINTS, ids=str)
def test_request_goes_where_the_table_and_openapi_say(row):
    request = _capture(CALLS[row])
    assert request.method == row.method
    assert _template_pattern(row).match(request.url.raw_path.decode().split("?")[0])  # a query is not the path
    assert request.headers["apikey"] == "the-api-key"
    if row.secret:
        assert request.headers["secretkey"] == "the-secret-key"
    else:
        assert "secretkey" not in request.headers  # the secret goes only where Gameball requires it
    assert "authorization" not in request.headers
    assert bool(request.content) == (row in WITH_BODY)
    if request.content:
        assert request.headers["content-type"] == "application/json"


def test_path_parameters_are_one_segment_each():
    assert _capture(CALLS[endpoints.ORDER_TRANSACTIONS]).url.raw_path.endswith(b"/orders/ORD%2F1/transactions")
    assert _capture(CALLS[endpoints.RELEASE_COUPONS]).url.raw_path.endswith(b"/coupons/LOCK%2F1")


def test_reward_preview_parses_campaigns_and_cashback():
    example = spec.response_examples("POST", endpoints.REWARD_PREVIEW.template)[0]
    preview = models.RewardPreview.from_json(example)
    assert preview.customer_found is True and preview.total_points == example["totalPoints"]
    assert preview.cashback.total_points == example["cashback"]["totalPoints"]
    assert preview.campaigns and preview.campaigns[0].name == example["eventRewards"]["campaigns"][0]["campaignName"]


def test_tier_progress_example_parses_into_the_next_tier():
    progress = models.TierProgress.from_json(spec.response_examples("GET", endpoints.TIER_PROGRESS.template)[0])
    assert progress.current.name == "Basic" and progress.next.name == "Gold"
    assert progress.next.min_progress == 190 and progress.progress == 50


def test_customer_details_name_falls_back_to_first_and_last():
    assert models.CustomerDetails.from_json({"customerAttributes": {"displayName": " Mona "}}).name == "Mona"
    details = models.CustomerDetails.from_json({"customerAttributes": {"firstName": "Mona", "lastName": "Adel"}})
    assert details.name == "Mona Adel"
    assert models.CustomerDetails.from_json({"customerAttributes": {"displayName": "  "}}).name is None


@pytest.mark.parametrize("row", WITH_BODY, ids=str)
def test_body_has_only_the_fields_openapi_lists(row):
    body = json.loads(_capture(CALLS[row]).content)
    assert strict_issues(row, body) == []


@pytest.mark.parametrize(("row", "body"), [
    (endpoints.HOLD_POINTS, HoldRequest("cust_1", NOW, rule_id="2138", otp="246810").to_body()),
    (endpoints.BURN_COUPONS, json.loads(frozen_burn())),
    (endpoints.SEND_OTP, OtpRequest("cust_1", rule_id=2138).to_body()),
], ids=["hold by rule", "burn of codes", "otp for a rule"])
def test_the_other_bodies_the_till_sends_are_documented(row, body):
    assert strict_issues(row, json.loads(wire.dumps(body))) == []


def test_redemption_rules_are_asked_for_the_customer():
    request = _capture(CALLS[endpoints.REDEMPTION_RULES])
    assert request.url.params["customerId"] == "cust/1" and not request.content


def test_the_strict_check_refuses_an_undocumented_field_at_any_depth():
    body = json.loads(frozen_order())
    assert strict_issues(endpoints.TRACK_ORDER, body) == []
    unknown = copy.deepcopy(body)
    unknown["lineItems"][0]["colour"] = "red"
    unknown["merchant"]["branch"]["floor"] = 2
    unknown["terminal"] = "T1"
    issues = strict_issues(endpoints.TRACK_ORDER, unknown)
    assert len(issues) == 3 and all("not allowed" in issue for issue in issues)


def test_the_frozen_bytes_are_what_goes_out_alone_and_in_a_batch():
    frozen = frozen_order()
    assert _capture(CALLS[endpoints.TRACK_ORDER]).content == frozen
    batch = _capture(CALLS[endpoints.BATCH_ORDERS]).content
    second = wire.dumps({**BATCH_ITEM, "orderId": "ORD-2"})
    assert batch == b'{"body":[' + wire.dumps(BATCH_ITEM) + b"," + second + b"]}"
    assert _capture(CALLS[endpoints.REFUND]).content == frozen_refund()
    assert _capture(CALLS[endpoints.REDEEM]).content == frozen_debit()


def test_a_till_order_never_goes_by_batch_by_default():
    # Its channel and merchant (and any lines, guest flag or hold) are not in the documented batch item.
    assert not carried_by_batch_item(frozen_order())
    assert not carried_by_batch_item(frozen_order(lineItems=None, redemption=None, guest=None))
    assert carried_by_batch_item(wire.dumps(BATCH_ITEM))


def test_order_body_is_gameball_shaped():
    body = json.loads(frozen_order())
    assert body["orderDate"] == "2026-11-27T11:59:00.000Z"
    assert body["totalPaid"] == 24 and body["lineItems"][0]["price"] == 12.5
    assert body["redemption"] == {"pointsHoldReference": "HOLD-1"}
    assert body["merchant"]["branch"] == {"uniqueId": "B1", "name": "Downtown"}
    assert body["channel"] == "pos"


PARSERS = {
    endpoints.CASHBACK_PREVIEW: models.CashbackPreview,
    endpoints.TRACK_ORDER: models.OrderResult,
    endpoints.ORDER_TRANSACTIONS: models.OrderTransactions,
    endpoints.UPSERT_CUSTOMER: models.CustomerCreated,
    endpoints.GET_CUSTOMER: models.Customer,
    endpoints.GET_BALANCE: models.Balance,
    endpoints.HOLD_POINTS: models.Hold,
    endpoints.GET_HOLD: models.Hold,
    endpoints.RELEASE_HOLD: models.HoldReleased,
    endpoints.REFUND: models.RefundResult,
    endpoints.REDEEM: models.RedeemResult,
    endpoints.CASHBACK_CONFIGURATION: models.CashbackConfiguration,
    endpoints.REDEMPTION_CONFIGURATION: models.RedemptionConfiguration,
    endpoints.CASHBACK_TIER_RULES: models.CashbackTierRules,
    endpoints.BATCH_ORDERS: models.BatchJob,
    endpoints.BATCH_ORDER_TRANSACTIONS: models.BatchJob,
    endpoints.BATCH_STATUS: models.BatchStatus,
    endpoints.CUSTOMER_DETAILS: models.CustomerDetails,
    endpoints.TIER_PROGRESS: models.TierProgress,
    endpoints.TIERS_CONFIGURATION: models.TiersConfiguration,
    endpoints.REWARD_CAMPAIGNS_CONFIGURATION: models.RewardCampaigns,
    endpoints.REWARD_CAMPAIGNS_PROGRESS: models.RewardCampaignsProgress,
    endpoints.REWARD_PREVIEW: models.RewardPreview,
    endpoints.VALIDATE_COUPONS: models.CouponValidation,
    endpoints.BURN_COUPONS: models.CouponsBurned,
    endpoints.RELEASE_COUPONS: models.CouponsReleased,
    endpoints.SEND_OTP: models.OtpSent,
    endpoints.REDEMPTION_RULES: models.RedemptionRules,
}


@pytest.mark.parametrize("row", endpoints.ENDPOINTS, ids=str)
def test_every_response_example_parses(row):
    parser = PARSERS[row]
    for example in spec.response_examples(row.method, row.template):
        parsed = parser.from_json(example)
        assert parsed.raw == example
    # Unknown fields are tolerated, and an empty answer parses too.
    parser.from_json({"someFieldGameballAddsLater": 1})
    parser.from_json({})


def test_examples_carry_the_documented_values():
    balance = [models.Balance.from_json(x) for x in spec.response_examples("GET", endpoints.GET_BALANCE.template)]
    assert balance and all(isinstance(b.available_points, int) for b in balance)
    assert all(isinstance(b.available_value, Decimal) for b in balance if b.available_value is not None)


def test_parsed_money_is_decimal_and_times_are_utc():
    result = models.OrderTransactions.from_json({"transactions": [
        {"transactionDate": "2024-10-16T08:13:29.29", "gameballTransactionId": 1, "transactionType": "PaymentReward",
         "amount": 250.75, "transactionId": "ORD-1", "equivalentPoints": 250}], "count": 1})
    tx = result.transactions[0]
    assert tx.amount == Decimal("250.75") and tx.transaction_date.tzinfo is UTC
    assert tx.gameball_transaction_id == "1"


def test_the_documented_redemption_rules_become_the_tills_options():
    # openapi.json has no whole example for this answer, only each field's: the rule they describe.
    example = {"redemptionFactor": 0.1, "redemptionRules": [{
        "id": 2138, "pointsToRedeem": 100, "valueOfPoint": 25.0, "ruleType": "percentage_discount_settings",
        "coupon": {"couponType": "percentage_discount", "discountValue": 25.0}, "isActive": True}]}
    assert spec.response_examples("GET", endpoints.REDEMPTION_RULES.template) == []
    [option] = redemption_options(models.RedemptionRules.from_json(example).raw)
    assert (option.rule_id, option.points, option.coupon_type) == ("2138", 100, "percentage_discount")
