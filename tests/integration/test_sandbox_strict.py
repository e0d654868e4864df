"""The sandbox is never kinder than Gameball (issue 12, requirement 8): each rule with the request the client
sends. Batch items: tests/integration/test_sandbox_batch.py; documented answers only: sandbox_helpers.checked."""

import pytest
from sandbox_helpers import error_code, now_iso

from pos_app.domain.gameball_codes import CODES
from pos_app.domain.requests import HoldRequest
from pos_app.domain.timeutil import utc_now
from pos_app.gameball.client import GameballClient
from pos_app.gameball.errors import GameballError
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.sandbox.errors import SandboxError


def test_rule_id_is_a_string_as_documented(gb, sandbox):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client, pytest.raises(GameballError) as sent:
        client.hold_points(HoldRequest("demo-amira", utc_now(), rule_id="rule-7"))
    assert sent.value.code == 3003  # schema-valid, but not a rule of the account: refused, never granted
    as_number = gb.post("/transactions/hold", json={"customerId": "demo-amira", "transactionTime": now_iso(),
                                                    "ruleId": 7})
    assert error_code(as_number) == 3016 and "ruleId" in as_number.json()["message"]


@pytest.mark.parametrize(("field", "value"), [("totalPaid", "10"), ("orderId", 17), ("guest", "yes"),
                                              ("lineItems", {"productId": "P1"})])
def test_every_field_type_is_checked(gb, field, value):
    body = {"customerId": "demo-amira", "orderId": "TYPES", "orderDate": now_iso(), "totalPaid": 10, field: value}
    answer = gb.post("/orders", json=body)
    assert (answer.status_code, error_code(answer)) == (400, 3016) and field in answer.json()["message"]


def test_only_codes_of_the_catalogue():
    with pytest.raises(ValueError, match="catalogue"):
        SandboxError(9999)
    assert all(SandboxError(code).status == info.http_status for code, info in CODES.items())
