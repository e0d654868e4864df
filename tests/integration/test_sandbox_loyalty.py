"""The sandbox's customer details, tiers, campaigns, coupons and OTP over loopback (issue 15).

Every answer is checked against openapi.json (200) or Gameball's error envelope by `checked`.
"""

from sandbox_helpers import checked, error_code, now_iso, order_body

from pos_app.sandbox.state import DAY


def test_details_carry_the_name_and_need_the_secret(gb, sandbox):
    details = checked(gb.get("/customers/demo-amira/details"), "GET", "/customers/{customerId}/details")
    assert details["customerAttributes"]["displayName"] == "Amira Haddad"
    assert details["customerAttributes"]["mobile"] == "+971501234567"
    public = gb.get("/customers/demo-amira").json()
    assert "displayName" not in public["customerAttributes"]  # the API-key-only read has no PII
    without_secret = gb.get("/customers/demo-amira/details", headers={"SecretKey": ""})
    assert error_code(without_secret) == 1001
    assert error_code(gb.get("/customers/nobody/details")) == 7000


def test_tiers_and_progress(gb):
    tiers = checked(gb.get("/configurations/tiers"), "GET", "/configurations/tiers")
    assert [t["name"] for t in tiers] == ["Bronze", "Silver", "Gold", "Platinum"]
    omar = checked(gb.get("/customers/demo-omar/tier-progress"), "GET", "/customers/{customerId}/tier-progress")
    assert omar["current"]["name"] == "Silver" and omar["next"]["name"] == "Gold"
    assert omar["next"]["minProgress"] - omar["progress"] == 1500
    top = gb.get("/customers/demo-kwame/tier-progress").json()
    assert top["current"]["name"] == "Platinum" and "next" not in top


def test_an_order_moves_the_customer_up_a_tier(gb):
    gb.post("/orders", json=order_body("ORD-T", customer_id="demo-lena", total_paid=900))
    assert gb.get("/customers/demo-lena/tier-progress").json()["current"]["name"] == "Silver"


def test_reward_preview_shows_the_campaign_and_the_order_awards_it(gb):
    body = {"customerId": "demo-omar", "totalPaid": 300, "channel": "pos"}
    preview = checked(gb.post("/orders/reward-preview", json=body), "POST", "/orders/reward-preview")
    campaign = preview["eventRewards"]["campaigns"][0]
    assert campaign["campaignName"] == "Big basket bonus" and campaign["eligible"] is True
    assert preview["totalPoints"] == preview["cashback"]["totalPoints"] + 150
    small = gb.post("/orders/reward-preview", json={**body, "totalPaid": 20}).json()
    assert small["eventRewards"]["campaigns"][0]["eligible"] is False
    answer = gb.post("/orders", json=order_body("ORD-C", customer_id="demo-omar", total_paid=300)).json()
    assert answer["rewardedPoints"] == preview["totalPoints"]
    progress = checked(gb.get("/customers/demo-omar/reward-campaigns-progress"), "GET",
                       "/customers/{customerId}/reward-campaigns-progress")
    assert progress[0]["achievedCount"] == 1 and progress[0]["canAchieve"] is False
    unknown = gb.post("/orders/reward-preview", json={"customerId": "nobody", "totalPaid": 300}).json()
    assert unknown["customerFound"] is False and unknown["eventRewards"] is None
    assert checked(gb.get("/configurations/reward-campaigns"), "GET", "/configurations/reward-campaigns")


def validate(gb, *codes, customer_id="demo-amira", **extra):
    body = {"customerId": customer_id, "coupons": list(codes), **extra}
    return gb.post("/coupons/validate", json=body)


def test_coupon_validate_lock_and_use_on_an_order(gb):
    checked_ = checked(validate(gb, "SAVE15", totalPurchaseAmount=100, lock=True), "POST", "/coupons/validate")
    assert checked_["valid"] is True and checked_["coupons"][0]["type"] == "percentage"
    reference = checked_["lockReference"]
    # Locked: another sale cannot have it meanwhile.
    assert validate(gb, "SAVE15", customer_id="demo-omar").json()["valid"] is False
    redemption = {"couponsLockReference": reference, "couponCodes": ["SAVE15"]}
    answer = gb.post("/orders", json=order_body("ORD-CP", total_paid=85, totalPrice=100, totalDiscount=15,
                                                redemption=redemption))
    assert answer.status_code == 200
    again = gb.post("/orders", json=order_body("ORD-CP2", redemption=redemption))
    assert error_code(again) == 4004  # the lock was used by the first order


def test_coupon_refusals(gb, sandbox):
    assert error_code(validate(gb, "NOPE")) == 4004
    assert validate(gb, "SUMMER5").json()["valid"] is False  # expired
    below = validate(gb, "WELCOME10", totalPurchaseAmount=5, lock=True).json()
    assert below["valid"] is False and "lockReference" not in below
    assert error_code(validate(gb, "SAVE15", customer_id="nobody")) == 7000
    unlocked = gb.post("/orders", json=order_body("ORD-U", redemption={"couponCodes": ["SAVE15"]}))
    assert error_code(unlocked) == 3003


def test_coupon_lock_release_and_expiry(gb, sandbox):
    reference = validate(gb, "WELCOME10", lock=True).json()["lockReference"]
    released = checked(gb.delete(f"/coupons/{reference}"), "DELETE", "/coupons/{lockReference}")
    assert released["success"] is True and released["releasedCoupons"] == ["WELCOME10"]
    assert error_code(gb.delete(f"/coupons/{reference}")) == 4004
    reference = validate(gb, "WELCOME10", lock=True).json()["lockReference"]
    sandbox.clock.advance(11 * 60)  # locks last 10 minutes, like holds
    late = gb.post("/orders", json=order_body("ORD-L", redemption={"couponsLockReference": reference}))
    assert error_code(late) == 4004


def test_coupon_burn(gb):
    burned = checked(gb.post("/coupons/burn", json={"customerId": "demo-amira", "coupons": ["WELCOME10"],
                                                    "transactionId": "T1", "transactionTime": now_iso()}),
                     "POST", "/coupons/burn")
    assert burned["success"] is True


def test_otp_is_sent_checked_and_used_once(gb, sandbox):
    sent = gb.post("/transactions/otp", json={"customerId": "demo-amira", "points": 100})
    assert sent.status_code == 200
    hold = {"customerId": "demo-amira", "transactionTime": now_iso(), "pointsToHold": 100}
    assert error_code(gb.post("/transactions/hold", json={**hold, "otp": "000000"})) == 3003
    assert gb.post("/transactions/hold", json={**hold, "otp": "246810"}).status_code == 200
    assert error_code(gb.post("/transactions/hold", json={**hold, "otp": "246810"})) == 3003  # used up
    assert error_code(gb.post("/transactions/otp", json={"customerId": "demo-amira"})) == 3000


def test_otp_required_and_disabled(gb, sandbox):
    sandbox.state.loyalty.otp_required = True
    hold = {"customerId": "demo-amira", "transactionTime": now_iso(), "pointsToHold": 100}
    assert error_code(gb.post("/transactions/hold", json=hold)) == 3000
    assert gb.post("/transactions/hold", json={**hold, "hash": "123456"}).status_code == 200  # a QR is proof
    sandbox.state.loyalty.otp_enabled = False
    refused = gb.post("/transactions/otp", json={"customerId": "demo-amira", "points": 100})
    assert (refused.status_code, error_code(refused)) == (403, 8000)
    sandbox.clock.advance(DAY)


def hold_rule(gb, rule_id, customer="demo-amira", **more):
    return gb.post("/transactions/hold", json={"customerId": customer, "transactionTime": now_iso(),
                                               "ruleId": rule_id, **more})


def test_redemption_rules_are_listed_as_documented(gb):
    config = checked(gb.get("/configurations/redemption", params={"customerId": "demo-amira"}), "GET",
                     "/configurations/redemption")
    assert [r["id"] for r in config["redemptionRules"]] == [2138, 2139, 2140] and config["redemptionFactor"] == 0.1


def test_a_rule_hold_holds_the_rules_points_and_an_order_redeems_them(gb, sandbox):
    fixed = checked(hold_rule(gb, "2138"), "POST", "/transactions/hold")
    assert (fixed["holdEquivalentPoints"], fixed["holdAmount"]) == (200, 25)
    percent = checked(hold_rule(gb, "2139"), "POST", "/transactions/hold")
    # A percentage's money depends on a basket the hold does not carry: no holdAmount to rely on.
    assert percent["holdEquivalentPoints"] == 300 and "holdAmount" not in percent
    order = order_body("RULE-1", total_paid=54)
    order["redemption"] = {"pointsHoldReference": fixed["holdReference"]}
    assert checked(gb.post("/orders", json=order), "POST", "/orders")["redeemedPoints"] == 200
    assert sandbox.state.holds[fixed["holdReference"]].state == "used"


def test_rule_holds_are_refused_as_strictly_as_gameball(gb, sandbox):
    assert error_code(hold_rule(gb, "9999")) == 3003  # not a rule of this account
    sandbox.state.redemption_rules.append({"id": 7, "pointsToRedeem": None, "ruleType": "fixed_rate_settings"})
    assert error_code(hold_rule(gb, "7")) == 3003  # "applies to all points": no number to hold
    sandbox.state.redemption_rules[0]["isActive"] = False
    assert error_code(hold_rule(gb, "2138")) == 3009
    assert error_code(hold_rule(gb, "2139", customer="demo-lena")) == 9008  # 120 points, the rule takes 300
    both = hold_rule(gb, "2139", pointsToHold=300)
    assert error_code(both) == 3016


def test_a_burn_is_once_per_transaction_id_and_names_codes_or_a_lock(gb, sandbox):
    burn = {"customerId": "demo-amira", "transactionId": "BURN-1", "transactionTime": now_iso(), "coupons": ["SAVE15"]}
    assert checked(gb.post("/coupons/burn", json=burn), "POST", "/coupons/burn")["success"] is True
    assert error_code(gb.post("/coupons/burn", json=burn)) == 9004  # a lost answer's re-send uses nothing twice
    assert sandbox.state.loyalty.coupons["SAVE15"].used == 1
    locked = gb.post("/coupons/validate", json={"customerId": "demo-amira", "coupons": ["WELCOME10"],
                                                "lock": True}).json()
    direct = {**burn, "transactionId": "BURN-2", "coupons": ["WELCOME10"]}
    assert error_code(gb.post("/coupons/burn", json=direct)) == 3009  # locked: by this sale or another
    both = {**direct, "lockReference": locked["lockReference"]}
    assert error_code(gb.post("/coupons/burn", json=both)) == 3016
