"""The Gameball client against the sandbox over loopback: every endpoint, the main error codes, and each
misbehaviour the sandbox can be told to show."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest

from pos_app.domain.merchant import Branch, Merchant
from pos_app.domain.order import validate_order, validate_preview
from pos_app.domain.refund import validate_refund
from pos_app.domain.requests import CustomerRequest, HoldRequest
from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox

CUSTOMER = "demo-amira"
CURRENCY = "EGP"
MERCHANT = Merchant("M1", "Shop", Branch("B1", "Main"))


@pytest.fixture
def sandbox():
    with Sandbox(port=0, demo=True, batch_delay=0.05, batch_polls=1) as box:
        yield box


@pytest.fixture
def client(sandbox):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY, timeouts=Timeouts(1, 1, 1.5)) as c:
        yield c


def _order(order_id, total="100.00", **extra):
    """The body the till's accept path freezes for this sale (domain/order.py builds it, nothing else)."""
    till = {"customerId": CUSTOMER, "orderId": order_id, "totalPaid": Decimal(total),
            "lineItems": [{"productId": "P1", "price": Decimal(total), "quantity": 1}], **extra}
    return validate_order(till, now=utc_now(), currency=CURRENCY).gameball_body(MERCHANT)


def _error(call) -> GameballError:
    with pytest.raises(GameballError) as caught:
        call()
    return caught.value


def test_orders_preview_track_and_transactions(client):
    preview = client.cashback_preview(
        validate_preview({"totalPaid": Decimal("100.00"), "customerId": CUSTOMER}, now=utc_now(),
                         currency=CURRENCY).gameball_body(MERCHANT))
    result = client.track_order(_order("C-1"))
    assert result.rewarded_points == preview.total_points > 0
    history = client.order_transactions("C-1")
    assert history.count == 1 and history.transactions[0].transaction_type == "PaymentReward"
    assert history.transactions[0].transaction_id == "C-1"


def test_customers_and_balance(client):
    created = client.upsert_customer(CustomerRequest("cust-new", mobile="+201001234567", display_name="Nour"))
    assert created.gameball_id is not None
    fetched = client.get_customer("cust-new")  # GET /customers/{id} carries no PII, so no name
    assert (fetched.customer_id, fetched.gameball_id) == ("cust-new", created.gameball_id)
    balance = client.get_balance(CUSTOMER)
    assert balance.available_points == 2400 and isinstance(balance.available_value, Decimal)
    assert balance.pending_points == 180


def test_hold_use_and_release(client):
    hold = client.hold_points(HoldRequest(CUSTOMER, utc_now(), points_to_hold=100))
    assert hold.hold_points == 100 and hold.hold_reference
    assert client.get_hold(hold.hold_reference).state == "active"
    assert client.get_balance(CUSTOMER).available_points == 2300
    assert client.release_hold(hold.hold_reference).success
    assert client.get_balance(CUSTOMER).available_points == 2400
    second = client.hold_points(HoldRequest(CUSTOMER, utc_now(), points_to_hold=200))
    used = client.track_order(_order("C-HOLD", redemption={"pointsHoldReference": second.hold_reference}))
    assert used.redeemed_points == 200


def test_refund_and_configuration(client):
    client.track_order(_order("C-R"))
    till = {"refundTransactionId": "R-1", "reverseTransactionId": "C-R", "refundAmount": Decimal("50.00")}
    refund = client.refund(validate_refund(till, now=utc_now(), currency=CURRENCY).gameball_body(
        CUSTOMER, utc_now(), MERCHANT))
    assert refund.refund_points and refund.refund_amount == Decimal("50.00")
    assert client.cashback_configuration().rate is not None
    assert client.redemption_configuration().point_value is not None


def test_batches_complete_asynchronously(client, sandbox):
    four_fields = [{"customerId": CUSTOMER, "orderId": o, "orderDate": to_iso_z(utc_now()), "totalPaid": 10}
                   for o in ("B-1", "B-2")]
    job = client.batch_orders(four_fields)
    assert job.job_id
    deadline = time.monotonic() + 5
    while not (status := client.batch_status(job.job_id)).finished:
        assert time.monotonic() < deadline
    assert {r["orderId"]: r["status"] for r in status.results} == {"B-1": "success", "B-2": "success"}
    history = client.batch_order_transactions(["B-1", "B-2"])
    while not (status := client.batch_status(history.job_id)).finished:
        assert time.monotonic() < deadline
    assert {r["orderId"] for r in status.results} == {"B-1", "B-2"}


@pytest.mark.parametrize(
    ("call", "code", "outcome"),
    [
        (lambda c: c.track_order(_order("DUP")), 9004, Outcome.FAILED),
        (lambda c: c.get_balance("nobody-here"), 7000, Outcome.FAILED),
        (lambda c: c.release_hold("no-such-hold"), 9006, Outcome.FAILED),
        (lambda c: c.track_order({"customerId": CUSTOMER, "orderDate": "2026-01-01T00:00:00.000Z",
                                  "totalPaid": 1}), 3000, Outcome.FAILED),
        (lambda c: c.hold_points(HoldRequest("demo-lena", utc_now(), points_to_hold=500)), 9008,
         Outcome.FAILED),
    ],
    ids=["9004-duplicate", "7000-customer", "9006-hold", "3000-missing", "9008-balance"],
)
def test_main_error_codes(client, call, code, outcome):
    client.track_order(_order("DUP"))
    error = _error(lambda: call(client))
    assert (error.code, error.outcome) == (code, outcome)
    assert error.request_id and error.status == {9004: 422, 7000: 404, 9006: 404, 3000: 400, 9008: 422}[code]


def test_future_order_date_is_9007(client):
    # Written by hand: the till's own validation would already refuse a sale dated in the future.
    future = {"customerId": CUSTOMER, "orderId": "F-1", "orderDate": to_iso_z(utc_now() + timedelta(days=2)),
              "totalPaid": 10}
    assert _error(lambda: client.track_order(future)).code == 9007


def test_wrong_keys_are_1000_and_missing_secret_1001(sandbox):
    with GameballClient(sandbox.url, "wrong", DEMO_SECRET_KEY) as bad:
        error = _error(lambda: bad.get_balance(CUSTOMER))
    assert (error.code, error.outcome) == (1000, Outcome.PAUSE)
    import httpx

    answer = httpx.get(f"{sandbox.url}/api/v4.0/integrations/customers/{CUSTOMER}/balance",
                       headers={"APIKey": DEMO_API_KEY})
    assert answer.status_code == 401 and answer.json()["code"] == 1001


@pytest.mark.parametrize(("status", "outcome"), [(500, Outcome.RETRY), (503, Outcome.PAUSE), (429, Outcome.PAUSE)])
def test_injected_error_answers(client, sandbox, status, outcome):
    sandbox.faults.answer(status, count=1, retry_after=2)
    error = _error(lambda: client.track_order(_order("E-1")))
    assert (error.status, error.outcome) == (status, outcome)
    assert error.retry_after == 2.0
    assert client.track_order(_order("E-1")).rewarded_points  # the next try goes through


def test_hang_and_trickle_end_by_the_deadline(client, sandbox):
    for fault in (lambda: sandbox.faults.hang(10), lambda: sandbox.faults.trickle(0.3)):
        fault()
        started = time.monotonic()
        error = _error(lambda: client.get_balance(CUSTOMER))
        assert time.monotonic() - started < 2.5  # total deadline 1.5 s plus scheduling slack
        assert error.outcome is Outcome.RETRY and error.maybe_applied


def test_latency_is_added(client, sandbox):
    sandbox.faults.latency(300, count=1)
    started = time.monotonic()
    client.get_customer(CUSTOMER)
    assert time.monotonic() - started >= 0.3


def test_apply_then_drop_leaves_an_applied_order_with_an_unknown_outcome(client, sandbox):
    sandbox.faults.apply_then_drop(path="/orders$")
    error = _error(lambda: client.track_order(_order("D-1")))
    assert error.maybe_applied and error.outcome is Outcome.RETRY
    assert sandbox.order_report("D-1")["rewarded"] == 1
    assert client.order_transactions("D-1").count == 1
    assert _error(lambda: client.track_order(_order("D-1"))).code == 9004


def test_refused_connections_were_never_sent(client, sandbox):
    sandbox.faults.refuse()
    error = _error(lambda: client.track_order(_order("X-1")))
    assert error.outcome is Outcome.RETRY and error.is_network
    sandbox.faults.clear()
    assert sandbox.order_report("X-1")["rewarded"] == 0


def test_poison_order(client, sandbox):
    sandbox.faults.poison(order_id="P-1", code=3003)
    error = _error(lambda: client.track_order(_order("P-1")))
    assert (error.code, error.outcome) == (3003, Outcome.FAILED)
