"""The sandbox's Gameball endpoints over loopback: happy paths, auth, validation and business errors.

Every answer is checked against openapi.json (200) or Gameball's error envelope by `checked`.
"""

import httpx
import pytest
from sandbox_helpers import (
    PREFIX,
    checked,
    client_for,
    error_code,
    line,
    now_iso,
    order_body,
    wait_until,
)

from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox
from pos_app.sandbox.state import DAY


def balance(gb, customer_id="demo-amira"):
    return checked(gb.get(f"/customers/{customer_id}/balance"), "GET", "/customers/{customerId}/balance")


# -- happy paths, one per endpoint --------------------------------------------------------------


def test_configurations(gb, sandbox):
    cashback = checked(gb.get("/configurations/rewards/cashback"), "GET", "/configurations/rewards/cashback")
    assert cashback == sandbox.state.rules.to_configuration()
    assert "tierMultipliers" not in cashback  # the sandbox applies its multipliers, as Gameball does, unpublished
    redemption = checked(gb.get("/configurations/rewards/redemption"), "GET",
                         "/configurations/rewards/redemption")
    assert redemption["pointValue"] == 0.1


def test_cashback_preview_needs_only_the_api_key(sandbox):
    body = {"customerId": "demo-amira", "totalPaid": 100, "totalDiscount": 0, "totalShipping": 0,
            "lineItems": [line("P-1004", 79), line("P-1013", 21, category=["organic"])]}
    url = sandbox.url + PREFIX + "/orders/cashback"
    answer = httpx.post(url, json=body, headers={"APIKey": DEMO_API_KEY})
    preview = checked(answer, "POST", "/orders/cashback")
    # Gold (1.5) x product multiplier 3 on 79, Gold x organic 1.5 on 21.
    assert [x["totalPoints"] for x in preview["lineItems"]] == [355, 47]
    assert preview["totalPoints"] == 402
    assert preview["lineItems"][0]["campaignId"] is None


def test_track_order_rewards_and_lists_transactions(gb, sandbox):
    body = order_body("ORD-1", total_paid=50, lines=[line("P-1001", 30), line("P-1006", 20)])
    answer = checked(gb.post("/orders", json=body), "POST", "/orders")
    assert answer == {"customerId": "demo-amira", "redeemedPoints": 0, "rewardedPoints": 75, "lineItems": [
        {"productId": "P-1001", "quantity": 1, "decimalPoints": 45, "points": 45, "score": 0},
        {"productId": "P-1006", "quantity": 1, "decimalPoints": 30, "points": 30, "score": 0}]}
    history = checked(gb.get("/orders/ORD-1/transactions"), "GET", "/orders/{orderId}/transactions")
    assert history["count"] == 1
    assert history["transactions"][0]["transactionType"] == "PaymentReward"
    assert history["transactions"][0]["equivalentPoints"] == 75
    assert history["transactions"][0]["transactionId"] == "ORD-1"
    assert balance(gb)["availablePointsBalance"] == 2400 + 75
    assert sandbox.order_report("ORD-1")["rewarded"] == 1


def test_order_ids_are_case_sensitive_and_may_need_escaping(gb):
    for order_id in ("ord/7 a", "ORD/7 A"):
        assert gb.post("/orders", json=order_body(order_id, total_paid=10)).status_code == 200
    answer = gb.get("/orders/ord%2F7%20a/transactions")
    history = checked(answer, "GET", "/orders/{orderId}/transactions")
    assert history["transactions"][0]["transactionId"] == "ord/7 a"


def test_customers_upsert_and_read(gb):
    body = {"customerId": "cust-new", "mobile": "+971500000001",
            "customerAttributes": {"displayName": "New", "country": "AE", "city": "Dubai"}}
    created = checked(gb.post("/customers", json=body), "POST", "/customers")
    again = checked(gb.post("/customers", json=body), "POST", "/customers")
    assert created["gameballId"] == again["gameballId"]  # an upsert, not a second customer
    customer = checked(gb.get("/customers/cust-new"), "GET", "/customers/{customerId}")
    assert customer["customerId"] == "cust-new"
    assert customer["customerAttributes"]["city"] == "Dubai"
    assert "displayName" not in customer["customerAttributes"]  # the no-PII read
    fresh = balance(gb, "cust-new")
    assert fresh["availablePointsBalance"] == 0
    assert fresh["currency"] == "USD"


def test_demo_balance_has_pending_and_expiring_points(gb):
    answer = balance(gb)
    assert answer["availablePointsBalance"] == 2400
    assert answer["availablePointsValue"] == 240
    assert answer["pendingPoints"] == 180
    assert answer["totalPointsBalance"] == 2580
    assert answer["nextExpiringPointsAmount"] == 300
    assert answer["nextExpiringPointsDate"] > now_iso()[:19]


def test_return_window_keeps_points_pending_until_it_ends(gb, sandbox):
    body = order_body("ORD-RW", customer_id="rw", total_paid=40, cashbackConfigurations={"returnWindow": 7})
    assert gb.post("/orders", json=body).json()["rewardedPoints"] == 40
    assert (balance(gb, "rw")["pendingPoints"], balance(gb, "rw")["availablePointsBalance"]) == (40, 0)
    sandbox.clock.advance(7 * DAY)
    assert (balance(gb, "rw")["pendingPoints"], balance(gb, "rw")["availablePointsBalance"]) == (0, 40)


def test_order_auto_creates_the_customer_and_tier_changes_the_reward(gb):
    assert gb.get("/customers/walk-in").status_code == 404
    plain = gb.post("/orders", json=order_body("ORD-A", customer_id="walk-in", total_paid=100)).json()
    gold = gb.post("/orders", json=order_body("ORD-B", customer_id="demo-amira", total_paid=100)).json()
    assert (plain["rewardedPoints"], gold["rewardedPoints"]) == (100, 150)
    assert gb.get("/customers/walk-in").status_code == 200


# -- auth ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers, code", [
    ({}, 1000),
    ({"APIKey": "wrong"}, 1000),
    ({"APIKey": DEMO_API_KEY}, 1001),
    ({"APIKey": DEMO_API_KEY, "SecretKey": "wrong"}, 1000),
    ({"APIKey": "wrong", "SecretKey": DEMO_SECRET_KEY}, 1000),
])
def test_auth_errors(sandbox, headers, code):
    answer = httpx.get(sandbox.url + PREFIX + "/customers/demo-amira/balance", headers=headers)
    assert answer.status_code == 401
    assert error_code(answer) == code
    checked(answer, "GET", "/customers/{customerId}/balance")


def test_header_names_are_case_insensitive(sandbox):
    for names in (("apikey", "secretkey"), ("APIKEY", "SECRETKEY"), ("ApiKey", "secretKey")):
        headers = {names[0]: DEMO_API_KEY, names[1]: DEMO_SECRET_KEY}
        url = sandbox.url + PREFIX + "/customers/demo-amira/balance"
        assert httpx.get(url, headers=headers).status_code == 200


def test_custom_keys():
    with Sandbox(api_key="k1", secret_key="s1") as other:
        url = other.url + PREFIX + "/customers/x/balance"
        assert error_code(httpx.get(url, headers={"APIKey": DEMO_API_KEY, "SecretKey": "s1"})) == 1000
        assert error_code(httpx.get(url, headers={"APIKey": "k1", "SecretKey": "s1"})) == 7000
        assert "k1" not in repr(other) and "s1" not in repr(other)


# -- validation ----------------------------------------------------------------------------------


def test_missing_required_field_is_3000_naming_it(gb):
    body = order_body("ORD-V")
    del body["orderId"]
    answer = gb.post("/orders", json=body)
    assert (answer.status_code, error_code(answer)) == (400, 3000)
    assert "orderId" in answer.json()["message"]


def test_invalid_field_is_3016_naming_it(gb):
    answer = gb.post("/orders", json=order_body("ORD-V", total_paid="ten"))
    assert (answer.status_code, error_code(answer)) == (400, 3016)
    assert "totalPaid" in answer.json()["message"]
    nested = gb.post("/orders", json=order_body("ORD-V", lines=[line("P", "9.99")]))
    assert error_code(nested) == 3016
    assert "lineItems[0].price" in nested.json()["message"]
    channel = gb.post("/orders", json=order_body("ORD-V", channel="shop"))
    assert "channel" in channel.json()["message"]


def test_body_must_be_json(gb):
    broken = gb.post("/orders", content=b"{not json", headers={"Content-Type": "application/json"})
    assert (broken.status_code, error_code(broken)) == (400, 3016)
    text = gb.post("/orders", content=b"orderId=1", headers={"Content-Type": "text/plain"})
    assert (text.status_code, error_code(text)) == (415, 3002)
    empty = gb.post("/orders", content=b"", headers={"Content-Type": "application/json"})
    assert error_code(empty) == 3000


def test_unknown_or_unemulated_endpoints_are_404(gb):
    assert error_code(gb.get("/nothing/here")) == 4004
    answer = gb.post("/events", json={"customerId": "c", "events": {}})
    assert (answer.status_code, error_code(answer)) == (404, 4004)


# -- business errors -----------------------------------------------------------------------------


def test_duplicate_order_is_9004_and_rewarded_once(gb, sandbox):
    body = order_body("ORD-DUP", total_paid=20)
    assert gb.post("/orders", json=body).status_code == 200
    again = gb.post("/orders", json=body)
    assert (again.status_code, error_code(again)) == (422, 9004)
    checked(again, "POST", "/orders")
    assert sandbox.state.rewarded["ORD-DUP"] == 1
    assert balance(gb)["availablePointsBalance"] == 2400 + 30


@pytest.mark.parametrize("order_date", [now_iso(3600), "2024-10-16T08:13:29", "2024-10-16T10:13:29+02:00",
                                        "yesterday"])
def test_order_date_not_utc_or_in_the_future_is_9007(gb, order_date):
    answer = gb.post("/orders", json=order_body("ORD-T", orderDate=order_date))
    assert (answer.status_code, error_code(answer)) == (422, 9007)
    assert "orderDate" in answer.json()["message"]


def test_back_dated_order_is_accepted(gb):
    body = order_body("ORD-OLD", orderDate="2024-10-16T08:13:29.290Z")
    assert gb.post("/orders", json=body).status_code == 200


def test_unknown_customer_is_7000(gb):
    for path in ("/customers/nobody/balance", "/customers/nobody"):
        answer = gb.get(path)
        assert (answer.status_code, error_code(answer)) == (404, 7000)


def test_unknown_order_transactions_is_9002(gb):
    answer = gb.get("/orders/NOPE/transactions")
    assert (answer.status_code, error_code(answer)) == (404, 9002)


# -- holds ---------------------------------------------------------------------------------------


def hold(gb, points=None, customer_id="demo-amira", **extra):
    body = {"customerId": customer_id, "transactionTime": now_iso(), **extra}
    if points is not None:
        body["pointsToHold"] = points
    return gb.post("/transactions/hold", json=body)


def test_hold_reserves_points_and_an_order_redeems_them(gb):
    held = checked(hold(gb, 500), "POST", "/transactions/hold")
    assert held["holdEquivalentPoints"] == 500
    assert held["holdAmount"] == 50
    reference = held["holdReference"]
    assert balance(gb)["availablePointsBalance"] == 1900
    state = checked(gb.get(f"/transactions/hold/{reference}"), "GET", "/transactions/hold/{holdReferenceId}")
    assert state["state"] == "active"

    body = order_body("ORD-R", total_paid=50, totalPrice=100, totalDiscount=50,
                      redemption={"pointsHoldReference": reference})
    answer = gb.post("/orders", json=body).json()
    assert (answer["redeemedPoints"], answer["rewardedPoints"]) == (500, 75)
    assert gb.get(f"/transactions/hold/{reference}").json()["state"] == "used"
    assert balance(gb)["availablePointsBalance"] == 2400 - 500 + 75
    kinds = [t["transactionType"] for t in gb.get("/orders/ORD-R/transactions").json()["transactions"]]
    assert kinds == ["PaymentReward", "Redemption"]
    reuse = gb.post("/orders", json=order_body("ORD-R2", redemption={"pointsHoldReference": reference}))
    assert (reuse.status_code, error_code(reuse)) == (404, 9006)


def test_release_a_hold(gb):
    reference = hold(gb, 100).json()["holdReference"]
    released = checked(gb.delete(f"/transactions/hold/{reference}"), "DELETE",
                       "/transactions/hold/{holdReferenceId}")
    assert released == {"success": True, "message": "Hold released successfully"}
    assert balance(gb)["availablePointsBalance"] == 2400
    assert error_code(gb.get(f"/transactions/hold/{reference}")) == 9006
    assert error_code(gb.delete(f"/transactions/hold/{reference}")) == 9006


def test_hold_by_amount_rounds_points_up(gb):
    held = hold(gb, amountToHold=5.01).json()
    assert (held["holdEquivalentPoints"], held["holdAmount"]) == (51, 5.1)


def test_hold_errors(gb):
    assert error_code(hold(gb, 5000)) == 9008
    assert error_code(hold(gb)) == 3000
    assert error_code(hold(gb, 100, amountToHold=10)) == 3016
    assert error_code(hold(gb, 10)) == 3011  # below the demo's 50-point minimum
    assert error_code(hold(gb, 100, customer_id="nobody")) == 7000
    assert error_code(gb.get("/transactions/hold/unknown-ref")) == 9006
    # Held points are not available twice.
    assert hold(gb, 2000).status_code == 200
    assert error_code(hold(gb, 401)) == 9008


def test_hold_expires_with_a_scaled_clock():
    # Holds live 0.5 sandbox minutes; at 100x that is 0.3 real seconds.
    with Sandbox(demo=True, hold_minutes=0.5, time_scale=100) as sandbox, client_for(sandbox) as gb:
        reference = hold(gb, 100).json()["holdReference"]
        assert gb.get(f"/transactions/hold/{reference}").json()["state"] == "active"
        wait_until(lambda: gb.get(f"/transactions/hold/{reference}").json()["state"] == "expired")
        assert balance(gb)["availablePointsBalance"] == 2400
        answer = gb.post("/orders", json=order_body("ORD-X", redemption={"pointsHoldReference": reference}))
        assert error_code(answer) == 9006


def test_hold_expires_when_the_clock_is_advanced(gb, sandbox):
    reference = hold(gb, 100).json()["holdReference"]
    sandbox.clock.advance(10 * 60)
    assert gb.get(f"/transactions/hold/{reference}").json()["state"] == "expired"
    assert error_code(gb.delete(f"/transactions/hold/{reference}")) == 9006


# -- refunds -------------------------------------------------------------------------------------


def refund(gb, refund_id, order_id="ORD-F", customer_id="demo-amira", **extra):
    body = {"customerId": customer_id, "refundTransactionId": refund_id, "reverseTransactionId": order_id,
            "transactionTime": now_iso(), **extra}
    return gb.post("/transactions/refund", json=body)


def track(gb, order_id="ORD-F", total_paid=100, **extra):
    answer = gb.post("/orders", json=order_body(order_id, total_paid=total_paid, **extra))
    assert answer.status_code == 200, answer.json()
    return answer.json()


def test_full_refund_reverses_the_reward(gb):
    track(gb)  # 150 points for Gold
    answer = checked(refund(gb, "RF-1"), "POST", "/transactions/refund")
    assert answer["refundEquivalentPoints"] == 150
    assert answer["refundAmount"] == 100
    assert answer["refundTransactionId"] == "RF-1"
    assert balance(gb)["availablePointsBalance"] == 2400
    kinds = [t["transactionType"] for t in gb.get("/orders/ORD-F/transactions").json()["transactions"]]
    assert kinds == ["PaymentReward", "Refund"]
    again = refund(gb, "RF-2")
    assert (again.status_code, error_code(again)) == (422, 9001)


def test_two_partial_refunds_add_up_to_the_reward(gb):
    track(gb, total_paid=99.99)  # 149.985 -> 149 points
    first = refund(gb, "RF-1", refundAmount=50).json()
    second = refund(gb, "RF-2", refundAmount=49.99).json()
    assert first["refundEquivalentPoints"] + second["refundEquivalentPoints"] == 149
    assert (first["refundAmount"], second["refundAmount"]) == (50, 49.99)
    kinds = [t["transactionType"] for t in gb.get("/orders/ORD-F/transactions").json()["transactions"]]
    assert kinds == ["PaymentReward", "PartialRefund", "Refund"]
    assert error_code(refund(gb, "RF-3", refundAmount=1)) == 9001


def test_refund_above_what_remains_takes_only_what_remains(gb):
    track(gb)
    assert refund(gb, "RF-1", refundAmount=70).json()["refundEquivalentPoints"] == 105
    over = refund(gb, "RF-2", refundAmount=70).json()
    assert (over["refundEquivalentPoints"], over["refundAmount"]) == (45, 30)
    assert balance(gb)["availablePointsBalance"] == 2400
    assert error_code(refund(gb, "RF-3")) == 9001


def test_refund_by_line_items_takes_back_that_line_points(gb):
    # P-1004 earns 3x: 60 paid -> 60 x 3 x 1.5 = 270; P-1001: 40 x 1.5 = 60.
    track(gb, lines=[line("P-1004", 30, 2), line("P-1001", 40)])
    one_earbud = refund(gb, "RF-1", lineItems=[line("P-1004", 30, 1)]).json()
    assert (one_earbud["refundEquivalentPoints"], one_earbud["refundAmount"]) == (135, 30)
    # Asking for more units than are left refunds what is left.
    rest = refund(gb, "RF-2", lineItems=[line("P-1004", 30, 5), line("UNKNOWN", 1)]).json()
    assert rest["refundEquivalentPoints"] == 135
    assert error_code(refund(gb, "RF-3", lineItems=[line("P-1004", 30, 1)])) == 3004
    assert refund(gb, "RF-4", lineItems=[line("P-1001", 40)]).json()["refundEquivalentPoints"] == 60
    assert error_code(refund(gb, "RF-5")) == 9001


def test_refund_returns_redeemed_points_proportionally(gb):
    reference = hold(gb, 200).json()["holdReference"]
    track(gb, total_paid=80, redemption={"pointsHoldReference": reference})  # 120 earned, 200 redeemed
    assert balance(gb)["availablePointsBalance"] == 2400 - 200 + 120
    half = refund(gb, "RF-1", refundAmount=40).json()
    assert half["refundEquivalentPoints"] == 60
    assert balance(gb)["availablePointsBalance"] == 2400 - 200 + 120 - 60 + 100
    refund(gb, "RF-2")
    assert balance(gb)["availablePointsBalance"] == 2400
    history = gb.get("/orders/ORD-F/transactions").json()["transactions"]
    assert [(t["transactionType"], t["equivalentPoints"]) for t in history] == [
        ("PaymentReward", 120), ("Redemption", 200), ("PartialRefund", 60), ("PartialRefund", 100),
        ("Refund", 60), ("Refund", 100)]


def test_refund_errors(gb):
    track(gb)
    assert refund(gb, "RF-1", refundAmount=10).status_code == 200
    reused = refund(gb, "RF-1", refundAmount=10)
    assert (reused.status_code, error_code(reused)) == (422, 9004)
    unknown = refund(gb, "RF-2", order_id="NOPE")
    assert (unknown.status_code, error_code(unknown)) == (404, 9005)
    assert error_code(refund(gb, "RF-3", customer_id="demo-omar")) == 9005
    assert error_code(refund(gb, "RF-4", refundAmount=0)) == 3003
    assert error_code(refund(gb, "RF-5", transactionTime=now_iso(3600))) == 9007
    missing = gb.post("/transactions/refund", json={"customerId": "demo-amira", "transactionTime": now_iso()})
    assert error_code(missing) == 3000
    assert "refundTransactionId" in missing.json()["message"]


def test_order_without_points_is_not_reversible(gb):
    track(gb, order_id="ORD-0", total_paid=0.5)  # below the demo's minimum order value
    answer = refund(gb, "RF-1", order_id="ORD-0")
    assert (answer.status_code, error_code(answer)) == (422, 9000)
