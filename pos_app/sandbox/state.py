"""The sandbox's data and Gameball's business rules: customers, balances, holds, orders, refunds.

Bodies reach here already checked against openapi.json (numbers as int or Decimal). Every public
method takes the one lock, so concurrent requests see a consistent state. Refusals raise SandboxError
with Gameball's code.

Choices where Gameball's documentation is silent (API.md section 12):

* Every tracked order gets a `PaymentReward` transaction, even for 0 points, so
  `GET /orders/{orderId}/transactions` always shows whether an order landed; an unknown orderId there
  answers 404 code 9002.
* `equivalentPoints` is always a magnitude; `transactionType` gives the direction. A refund records
  `Refund` (it completes the order's refunds) or `PartialRefund`: one entry for earned points taken
  back and, for an order paid partly with points, one for redeemed points returned; both carry the
  `refundTransactionId`.
* A hold that is used, released or expired cannot be used or released again: 9006.
* A `ruleId` hold holds the rule's `pointsToRedeem` (`redemptionRules` of GET /configurations/redemption). An
  unknown rule, or one without `pointsToRedeem` ("applies to all points", so no number to hold), is 3003; an
  inactive rule is 3009. `holdAmount` is answered only for a fixed-money rule (fixed_discount,
  fixed_rate_discount: its `discountValue`): a percentage's money depends on a basket the hold does not carry.
* A refund of an order that neither earned nor redeemed points is non-reversible (9000); a refund
  naming another customer than the order's is 9005, like an unknown order.

Tiers, campaigns, coupons and OTPs live in loyalty.py (its own list of choices).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any

from pos_app.domain.cashback import CashbackRules, compute_cashback
from pos_app.domain.money import to_decimal
from pos_app.domain.redemption import RedemptionRules
from pos_app.domain.timeutil import is_utc_iso_z, parse_iso
from pos_app.domain.wire import plain
from pos_app.sandbox.clock import Clock, gameball_time
from pos_app.sandbox.errors import SandboxError
from pos_app.sandbox.loyalty import Loyalty
from pos_app.sandbox.records import ACTIVE, RELEASED, USED, Customer, Hold, OrderRecord
from pos_app.sandbox.refunds import plan_refund

logger = logging.getLogger(__name__)

DAY = 86400.0
# A till's clock may run a little ahead of Gameball's; only times further ahead are "in the future".
FUTURE_TOLERANCE = 60.0
_ONE = Decimal(1)
_SETTLED = Decimal("1e-12")


def _round_points(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


class SandboxState:
    def __init__(
        self,
        clock: Clock,
        rules: CashbackRules,
        redemption: RedemptionRules,
        *,
        currency: str = "USD",
        points_name: str = "Reward Points",
        hold_minutes: float = 10.0,
    ) -> None:
        self.clock = clock
        self.rules = rules
        self.redemption = redemption
        self.redemption_rules: list[dict[str, Any]] = []  # GET /configurations/redemption's rules, as documented
        self.currency = currency
        self.points_name = points_name
        self.hold_seconds = hold_minutes * 60
        self.lock = threading.RLock()
        self.customers: dict[str, Customer] = {}
        self.orders: dict[str, OrderRecord] = {}
        self.holds: dict[str, Hold] = {}
        self.refunds: dict[str, str] = {}  # refundTransactionId -> orderId
        # Direct redemptions (POST /transactions/redeem) by transactionId: their Redemption transaction is listed
        # with the order of the same id (API.md leaves it open; see the README's assumptions).
        self.redemptions: dict[str, list[dict[str, Any]]] = {}
        self.rewarded: Counter[str] = Counter()  # orderId -> times its reward was given
        self._gameball_ids = itertools.count(1001)
        self._transaction_ids = itertools.count(11034700)
        self.loyalty = Loyalty(clock.now)

    # customers and balances

    def _customer(self, customer_id: str) -> Customer:
        customer = self.customers.get(customer_id)
        if customer is None:
            raise SandboxError(7000, f"customer {customer_id} not found")
        return customer

    def _ensure_customer(self, customer_id: str, email: str | None = None,
                         mobile: str | None = None) -> Customer:
        customer = self.customers.get(customer_id)
        if customer is None:
            customer = Customer(customer_id, next(self._gameball_ids))
            self.customers[customer_id] = customer
        customer.email = email or customer.email
        customer.mobile = mobile or customer.mobile
        return customer

    def seed_customer(self, customer_id: str, *, name: str | None = None, mobile: str | None = None,
                      email: str | None = None, tier: str | None = None, available: int = 0,
                      pending: int = 0, pending_days: float = 0, expiring: int = 0,
                      expiring_days: float = 0) -> Customer:
        """Add a customer with a balance (demo data and tests): `expiring` of the available points
        expire in `expiring_days`, `pending` points become available in `pending_days`."""
        with self.lock:
            customer = self._ensure_customer(customer_id, email, mobile)
            customer.tier = tier
            configured = {t.name: t for t in self.loyalty.tiers}
            if tier in configured:
                # Progress that puts the customer in the tier seeded, whatever their balance.
                floor = configured[tier].min_progress
                above = [t.min_progress for t in self.loyalty.tiers if t.order > configured[tier].order]
                earned = customer.ledger.total_earned + available + pending
                progress = earned if floor <= earned and (not above or earned < min(above)) else floor
                customer.progress_base = progress - earned
            if name:
                customer.attributes["displayName"] = name
            now = self.clock.now()
            customer.ledger.credit(available - expiring, now, earned=True)
            customer.ledger.credit(expiring, now, expires_at=now + expiring_days * DAY, earned=True)
            customer.ledger.credit(pending, now + pending_days * DAY, earned=True)
            return customer

    def upsert_customer(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            customer = self._ensure_customer(body["customerId"], body.get("email"), body.get("mobile"))
            customer.attributes.update(body.get("customerAttributes") or {})
            return {"gameballId": customer.gameball_id}

    def customer(self, customer_id: str) -> dict[str, Any]:
        with self.lock:
            customer = self._customer(customer_id)
            public = ("gender", "country", "city", "zip", "source", "custom")
            attributes = {key: customer.attributes[key] for key in public if key in customer.attributes}
            attributes.update(totalSpent=customer.total_spent, totalOrders=customer.total_orders, tags=[])
            if customer.last_order_date:
                attributes["lastOrderDate"] = customer.last_order_date
            link = f"https://sandbox.gameball.invalid/r/{customer.referral_code}"
            return plain({
                "gameballId": customer.gameball_id,
                "customerId": customer.customer_id,
                "customerAttributes": attributes,
                "referralCode": customer.referral_code,
                "referralLink": link,
                "isReferred": False,
                "dynamicReferralLink": link,
            })

    def customer_details(self, customer_id: str) -> dict[str, Any]:
        """GET /customers/{id}/details: the attributes with personal data."""
        with self.lock:
            customer = self._customer(customer_id)
            attributes = dict(customer.attributes)
            if customer.mobile:
                attributes.setdefault("mobile", customer.mobile)
            if customer.email:
                attributes.setdefault("email", customer.email)
            attributes.pop("channel", None)
            answer = self.customer(customer_id)
            answer["customerAttributes"] = {**answer["customerAttributes"], **plain(attributes)}
            return answer

    def tier_progress(self, customer_id: str) -> dict[str, Any]:
        with self.lock:
            return self.loyalty.tier_progress(self._customer(customer_id).progress)

    def campaigns_progress(self, customer_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return self.loyalty.campaigns_progress(self._customer(customer_id).customer_id)

    def _retier(self, customer: Customer) -> None:
        tier = self.loyalty.tier_for(customer.progress)
        if tier is not None:
            customer.tier = tier.name

    def reward_preview(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST /orders/reward-preview: the cashback answer plus the place_order campaigns."""
        cashback = self.cashback_preview(body)
        with self.lock:
            customer_id = body.get("customerId")
            found = customer_id in self.customers
            campaigns = self.loyalty.campaign_rewards(customer_id, to_decimal(body["totalPaid"])) if found else []
            campaign_points = sum(campaign["points"] for campaign in campaigns)
            events = None
            if found:
                events = {"eventName": "place_order", "valid": True, "invalidReason": None,
                          "totalPoints": campaign_points, "campaigns": campaigns}
            answer = plain({
                "customerId": customer_id or "", "customerFound": found,
                "totalPoints": cashback["totalPoints"] + campaign_points, "totalCoupons": 0, "cashback": cashback,
            })
            answer["eventRewards"] = plain(events) if events else None  # Gameball's null when not found
            return answer

    def send_otp(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            customer = self._customer(body["customerId"])
            return self.loyalty.send_otp(customer.customer_id, bool(customer.mobile or body.get("mobile")), body)

    def validate_coupons(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            self._customer(body["customerId"])
            return self.loyalty.validate(body)

    def burn_coupons(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            self._customer(body["customerId"])
            return self.loyalty.burn(body)

    def release_coupons(self, reference: str) -> dict[str, Any]:
        with self.lock:
            return self.loyalty.release(reference)

    def _held(self, customer_id: str, now: float) -> int:
        return sum(hold.points for hold in self.holds.values()
                   if hold.customer_id == customer_id and hold.state_at(now) == ACTIVE)

    def balance(self, customer_id: str) -> dict[str, Any]:
        with self.lock:
            customer = self._customer(customer_id)
            now = self.clock.now()
            available = customer.ledger.available(now) - self._held(customer_id, now)
            pending = customer.ledger.pending(now)
            expiring = customer.ledger.next_expiring(now)
            value = self.redemption.value_of
            answer = {
                "totalPointsBalance": available + pending,
                "totalPointsValue": value(available + pending, self.currency),
                "availablePointsBalance": available,
                "availablePointsValue": value(available, self.currency),
                "pendingPoints": pending,
                "pendingPointsValue": value(pending, self.currency),
                "currency": self.currency,
                "pointsName": self.points_name,
                "nextExpiringPointsAmount": expiring[0] if expiring else 0,
                "nextExpiringPointsValue": value(expiring[0] if expiring else 0, self.currency),
                "totalEarnedPoints": customer.ledger.total_earned,
            }
            if expiring:
                answer["nextExpiringPointsDate"] = gameball_time(expiring[1])
            return plain(answer)

    # cashback and orders

    def _check_time(self, text: str, field_name: str) -> None:
        if not is_utc_iso_z(text):
            raise SandboxError(9007, f"{field_name} must be a UTC ISO-8601 time ending in Z, got {text!r}")
        # A sped-up sandbox clock runs ahead of the real one; "future" means ahead of both.
        latest = max(self.clock.now(), time.time()) + FUTURE_TOLERANCE
        if parse_iso(text).timestamp() > latest:
            raise SandboxError(9007, f"{field_name} {text} is in the future")

    def _tier(self, customer_id: str | None) -> str | None:
        customer = self.customers.get(customer_id or "")
        return customer.tier if customer else None

    def cashback_preview(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            result = compute_cashback(self.rules, body, self._tier(body.get("customerId")))
        lines = []
        for line in result.lines:
            entry = plain({
                "productId": line.product_id,
                "quantity": line.quantity,
                "totalDecimalPoints": line.decimal_points,
                "totalPoints": line.points,
                "totalScore": 0,
                "rewardWalletFactor": line.factor,
                "campaignImpactWalletFactor": 0,
                "campaignImpactPoints": 0,
            })
            # The sandbox runs no campaigns; Gameball answers null for these then.
            entry.update(campaignId=None, campaignName=None, campaignEndDate=None)
            lines.append(entry)
        return {"totalPoints": result.total_points, "totalScore": 0, "lineItems": lines}

    def _transaction(self, record: OrderRecord, kind: str, amount: Decimal, points: int,
                     transaction_id: str) -> int:
        number = next(self._transaction_ids)
        record.transactions.append({
            "transactionDate": gameball_time(self.clock.now()),
            "gameballTransactionId": number,
            "transactionType": kind,
            "amount": amount,
            "transactionId": transaction_id,
            "equivalentPoints": points,
        })
        return number

    def _take_hold(self, reference: str, customer_id: str, now: float) -> Hold:
        hold = self.holds.get(reference)
        if hold is None or hold.customer_id != customer_id or hold.state_at(now) != ACTIVE:
            raise SandboxError(9006, f"hold reference {reference} not found, used, released or expired")
        return hold

    def track_order(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST /orders: reward the order (and redeem its hold) once per orderId."""
        with self.lock:
            self._check_time(body["orderDate"], "orderDate")
            order_id = body["orderId"]
            if order_id in self.orders:
                raise SandboxError(9004, f"orderId {order_id} already exists")
            now = self.clock.now()
            redemption = body.get("redemption") or {}
            reference = redemption.get("pointsHoldReference")
            hold = self._take_hold(reference, body["customerId"], now) if reference else None
            coupons = self.loyalty.check_order_coupons(body["customerId"], redemption)
            customer = self._ensure_customer(body["customerId"], body.get("email"), body.get("mobile"))
            result = compute_cashback(self.rules, body, customer.tier)
            total_paid = to_decimal(body["totalPaid"])
            configured = body.get("cashbackConfigurations") or {}
            window = configured.get("returnWindow", self.rules.return_window_days)

            if hold is not None:
                customer.ledger.spend(hold.points, now)
                hold.state = USED
            if coupons is not None:
                self.loyalty.use(coupons)
            campaign_points = self.loyalty.award_campaigns(customer.customer_id, total_paid)
            rewarded = result.total_points + campaign_points
            customer.ledger.credit(rewarded, now + window * DAY, order_id=order_id, earned=True)
            self._retier(customer)
            customer.total_spent += total_paid
            customer.total_orders += 1
            customer.last_order_date = body["orderDate"]

            response = plain({
                "customerId": customer.customer_id,
                "redeemedPoints": hold.points if hold else 0,
                "rewardedPoints": rewarded,
                "lineItems": [
                    {"productId": line.product_id, "quantity": line.quantity,
                     "decimalPoints": line.decimal_points, "points": line.points, "score": 0}
                    for line in result.lines
                ],
            })
            record = OrderRecord(
                order_id=order_id, customer_id=customer.customer_id, total_paid=total_paid,
                line_items=[dict(item) for item in body.get("lineItems") or []], cashback=result,
                rewarded=rewarded, redeemed=hold.points if hold else 0,
            )
            self._transaction(record, "PaymentReward", total_paid, rewarded, order_id)
            if hold is not None:
                self._transaction(record, "Redemption", hold.amount, hold.points, order_id)
            self.orders[order_id] = record
            self.rewarded[order_id] += 1
            logger.info("order %s rewarded %d points", order_id, rewarded)
            return response

    def order_transactions(self, order_id: str) -> dict[str, Any]:
        with self.lock:
            record = self.orders.get(order_id)
            found = (record.transactions if record else []) + self.redemptions.get(order_id, [])
            if not found:
                raise SandboxError(9002, f"no transactions for orderId {order_id}")
            return plain({"transactions": found, "count": len(found)})

    def redeem(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST /transactions/redeem by points or amount, once per transactionId (a repeat is 9004: the strict
        reading, since Gameball documents no idempotency for it)."""
        with self.lock:
            customer = self._customer(body["customerId"])
            self._check_time(body["transactionTime"], "transactionTime")
            transaction_id = body["transactionId"]
            given = [name for name in ("points", "amount", "holdReference") if body.get(name) is not None]
            if len(given) != 1:
                raise SandboxError(3000 if not given else 3016, "give exactly one of points, amount or holdReference")
            if given[0] == "holdReference":
                raise SandboxError(3003, "redeeming a hold directly is not emulated by the sandbox; use points")
            if transaction_id in self.redemptions:
                raise SandboxError(9004, f"transactionId {transaction_id} already exists")
            now = self.clock.now()
            points = int(body["points"]) if given[0] == "points" else self.redemption.points_for(
                to_decimal(body["amount"]))
            self._check_redeemable(points)
            free = customer.ledger.available(now) - self._held(customer.customer_id, now)
            if points > free:
                raise SandboxError(9008, f"insufficient balance: {free} points available, {points} asked")
            customer.ledger.spend(points, now)
            amount = self.redemption.value_of(points, self.currency)
            number = next(self._transaction_ids)
            self.redemptions[transaction_id] = [{
                "transactionDate": gameball_time(now), "gameballTransactionId": number,
                "transactionType": "Redemption", "amount": amount, "transactionId": transaction_id,
                "equivalentPoints": points,
            }]
            return plain({"customerId": customer.customer_id, "gameballTransactionId": str(number),
                          "transactionId": transaction_id, "redeemAmount": amount,
                          "redeemEquivalentPoints": points})

    # holds

    def hold(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            customer = self._customer(body["customerId"])
            self._check_time(body["transactionTime"], "transactionTime")
            self.loyalty.check_hold_proof(customer.customer_id, body)
            choices = ("pointsToHold", "amountToHold", "ruleId")
            given = [name for name in choices if body.get(name) is not None]
            if not given:
                raise SandboxError(3000, "one of pointsToHold, amountToHold or ruleId is required")
            if len(given) > 1:
                raise SandboxError(3016, f"give only one of {', '.join(given)}")
            amount_known: Decimal | None = None
            if given[0] == "ruleId":
                points, amount_known = self._rule_hold(str(body["ruleId"]))
            elif given[0] == "pointsToHold":
                points = int(body["pointsToHold"])
            else:
                amount = to_decimal(body["amountToHold"])
                if amount <= 0:
                    raise SandboxError(3003, "amountToHold must be greater than 0")
                points = self.redemption.points_for(amount)
            self._check_redeemable(points)
            now = self.clock.now()
            free = customer.ledger.available(now) - self._held(customer.customer_id, now)
            if points > free:
                raise SandboxError(9008, f"insufficient balance: {free} points available, {points} asked")
            hold = Hold(str(uuid.uuid4()), customer.customer_id, points,
                        amount_known if amount_known is not None else self.redemption.value_of(points, self.currency),
                        now + self.hold_seconds)
            self.holds[hold.reference] = hold
            answer: dict[str, Any] = {"customerId": customer.customer_id, "holdAmount": hold.amount,
                                      "holdEquivalentPoints": points, "holdReference": hold.reference}
            if given[0] == "ruleId" and amount_known is None:
                del answer["holdAmount"]
            return plain(answer)

    def redemption_rules_configuration(self) -> dict[str, Any]:
        with self.lock:
            return plain({"redemptionFactor": self.redemption.point_value, "redemptionRules": self.redemption_rules})

    def _rule_hold(self, rule_id: str) -> tuple[int, Decimal | None]:
        """(points, money value or None) of a ruleId hold, or Gameball's refusal."""
        rule = next((r for r in self.redemption_rules if str(r.get("id")) == rule_id), None)
        if rule is None:
            raise SandboxError(3003, f"ruleId {rule_id} is not a redemption rule of this account")
        if rule.get("isActive") is False:
            raise SandboxError(3009, f"redemption rule {rule_id} is inactive")
        if rule.get("pointsToRedeem") is None:
            raise SandboxError(3003, f"redemption rule {rule_id} applies to all points: hold points or an amount")
        coupon = rule.get("coupon") or {}
        fixed = coupon.get("couponType") in ("fixed_discount", "fixed_rate_discount") \
            and coupon.get("discountValue") is not None
        return int(rule["pointsToRedeem"]), to_decimal(coupon["discountValue"]) if fixed else None

    def _check_redeemable(self, points: int) -> None:
        if points <= 0:
            raise SandboxError(3003, "pointsToHold must be greater than 0")
        if points < self.redemption.minimum_points:
            raise SandboxError(3011, f"at least {self.redemption.minimum_points} points must be redeemed")
        if self.redemption.maximum_redemption and points > self.redemption.maximum_redemption:
            raise SandboxError(3011, f"at most {self.redemption.maximum_redemption} points can be redeemed")

    def get_hold(self, reference: str) -> dict[str, Any]:
        with self.lock:
            hold = self.holds.get(reference)
            if hold is None or hold.state == RELEASED:
                raise SandboxError(9006, f"hold reference {reference} not found")
            return plain({
                "customerId": hold.customer_id,
                "holdAmount": hold.amount,
                "holdEquivalentPoints": hold.points,
                "state": hold.state_at(self.clock.now()),
                "dateToExpire": gameball_time(hold.expires_at),
            })

    def release_hold(self, reference: str) -> dict[str, Any]:
        with self.lock:
            hold = self.holds.get(reference)
            if hold is None or hold.state_at(self.clock.now()) != ACTIVE:
                raise SandboxError(9006, f"hold reference {reference} not found or no longer active")
            hold.state = RELEASED
            return {"success": True, "message": "Hold released successfully"}

    # refunds

    def refund(self, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            self._check_time(body["transactionTime"], "transactionTime")
            refund_id, order_id = body["refundTransactionId"], body["reverseTransactionId"]
            if refund_id in self.refunds:
                raise SandboxError(9004, f"refundTransactionId {refund_id} already exists")
            record = self.orders.get(order_id)
            if record is None or record.customer_id != body["customerId"]:
                raise SandboxError(9005, f"no order {order_id} for customer {body['customerId']}")
            if record.rewarded == 0 and record.redeemed == 0:
                raise SandboxError(9000, f"order {order_id} moved no points: nothing to reverse")
            if record.fully_refunded:
                raise SandboxError(9001, f"order {order_id} is already fully refunded")
            plan = plan_refund(record, body, self.currency)

            # Settle the 28-digit sum, so line shares that make up the whole order add up to exactly 1.
            total_share = (record.refunded_fraction + plan.share).quantize(_SETTLED, rounding=ROUND_HALF_EVEN)
            record.refunded_fraction = min(_ONE, total_share)
            record.refunded_amount += plan.amount
            for index, units in plan.quantities.items():
                record.refunded_quantities[index] = record.refunded_quantities.get(index, Decimal(0)) + units
            done = record.fully_refunded
            share = record.refunded_fraction
            reversed_target = record.rewarded if done else _round_points(record.rewarded * share)
            returned_target = record.redeemed if done else _round_points(record.redeemed * share)
            reversed_now = reversed_target - record.reversed_points
            returned_now = returned_target - record.returned_points
            record.reversed_points, record.returned_points = reversed_target, returned_target

            # Earned points are taken back first, then redeemed points are returned (API.md section 5).
            now = self.clock.now()
            ledger = self.customers[record.customer_id].ledger
            ledger.reverse(reversed_now, order_id, now)
            ledger.credit(returned_now, now)
            kind = "Refund" if done else "PartialRefund"
            number = self._transaction(record, kind, plan.amount, reversed_now, refund_id)
            if returned_now:
                self._transaction(record, kind, self.redemption.value_of(returned_now, self.currency),
                                  returned_now, refund_id)
            self.refunds[refund_id] = order_id
            return plain({
                "gameballTransactionId": str(number),
                "refundTransactionId": refund_id,
                "refundAmount": plan.amount,
                "refundEquivalentPoints": reversed_now,
            })

    def reset(self) -> None:
        """Forget every customer, order, hold and refund (the rules stay)."""
        with self.lock:
            self.customers.clear()
            self.orders.clear()
            self.holds.clear()
            self.refunds.clear()
            self.redemptions.clear()
            self.rewarded.clear()
            self.loyalty.locks.clear()
            self.loyalty.sent.clear()
            self.loyalty.achieved.clear()
            self.loyalty.burnt.clear()
