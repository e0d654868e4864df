"""pos_app.sandbox.spec: routing and schema checks from Gameball's openapi.json."""

from decimal import Decimal

import pytest

from pos_app.sandbox import spec

P = spec.PREFIX


@pytest.mark.parametrize("method, path, template, params", [
    ("POST", P + "/orders", P + "/orders", {}),
    ("POST", P + "/orders/cashback", P + "/orders/cashback", {}),
    ("GET", P + "/orders/A%2FB/transactions", P + "/orders/{orderId}/transactions", {"orderId": "A/B"}),
    ("POST", P + "/transactions/hold", P + "/transactions/hold", {}),
    ("DELETE", P + "/transactions/hold/r-1", P + "/transactions/hold/{holdReferenceId}",
     {"holdReferenceId": "r-1"}),
    ("get", P + "/batches/17/status", P + "/batches/{batchId}/status", {"batchId": "17"}),
])
def test_match(method, path, template, params):
    assert spec.match(method, path) == (template, params)


@pytest.mark.parametrize("method, path", [
    ("GET", P + "/orders"),  # the path exists, not for this method
    ("POST", P + "/nothing"),
    ("POST", "/api/v4.0/orders"),
])
def test_no_match(method, path):
    assert spec.match(method, path) is None


def test_security():
    assert spec.security("POST", P + "/orders") == {"apiKey", "secretKey"}
    assert spec.security("POST", P + "/orders/cashback") == {"apiKey"}
    assert spec.security("GET", P + "/customers/{customerId}") == {"apiKey"}
    assert spec.security("GET", P + "/customers/{customerId}/balance") == {"apiKey", "secretKey"}


def test_validate_request():
    template = P + "/orders"
    good = {"customerId": "c", "orderId": "o", "orderDate": "2024-10-16T08:13:29.290Z",
            "totalPaid": Decimal("12.50"), "lineItems": [{"productId": "p", "price": 1, "quantity": 2}]}
    assert spec.validate_request("POST", template, good) == []
    issues = spec.validate_request("POST", template, {"customerId": 1, "lineItems": [{"price": "x"}]})
    assert [(i.path, i.missing) for i in issues] == [
        ("orderDate", True), ("orderId", True), ("totalPaid", True),
        ("customerId", False), ("lineItems[0].price", False)]
    assert issues[0].message == "orderDate is required"
    assert spec.validate_request("POST", template, [])[0].path == "body"


def test_validate_request_resolves_component_refs():
    assert spec.request_schema("POST", P + "/customers") == {"$ref": "#/components/schemas/UpsertCustomerRequest"}
    issues = spec.validate_request("POST", P + "/customers", {"customerAttributes": {"channel": "shop"}})
    assert [i.path for i in issues] == ["customerId", "customerAttributes.channel"]


def test_operations_without_a_body_accept_anything():
    assert spec.request_schema("GET", P + "/customers/{customerId}/balance") is None
    assert spec.validate_request("GET", P + "/customers/{customerId}/balance", None) == []


def test_response_schema_and_examples():
    template = P + "/customers/{customerId}/balance"
    examples = spec.response_examples("GET", template)
    assert examples[0]["availablePointsBalance"] == 1200
    assert all(spec.validate_response("GET", template, example) == [] for example in examples)
    assert spec.validate_response("GET", template, {"currency": 1})[0].path == "currency"
    assert spec.response_schema("POST", P + "/orders")["type"] == "object"
    assert len(spec.response_examples("POST", P + "/orders/reward-preview")) >= 1
    assert spec.response_examples("POST", P + "/orders") == []
