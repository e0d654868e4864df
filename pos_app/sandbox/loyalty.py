"""The sandbox's tiers, reward campaigns, coupons and redemption OTPs (issue 15).

Kept beside state.py, which owns customers, orders and holds and calls in here under its lock.
Choices where Gameball's documentation is silent, each strict (listed in README's assumptions):

* Tiers level up on lifetime points earned; a customer's progress is that plus any progress seeded
  for the demo. `next` is absent at the top tier.
* A campaign here is "an order of at least `minOrderValue` earns `rewardPoints`", repeatable up to
  `maxAchievement` times; reward-preview shows it, `POST /orders` awards it.
* An unknown coupon code answers 404 code 4004. A known code that cannot be used now (expired, used
  up, another customer's, locked by another sale, below its minimum order) answers `valid: false`
  without a lock. A lock lasts `lockDuration` minutes (10 by default, like a hold); an order naming an
  expired, released or unknown lock, or codes the lock does not cover, is refused with 4004. A burn names
  `coupons` or `lockReference`, not both (3016); codes burnt directly must be usable now (3009 otherwise, a
  lock of any sale included), and a burn's `transactionId` is taken once (a repeat is 9004, like a redeem).
* OTP: with SMS/OTP off the account answers 8000 (feature unavailable). A code is valid 5 minutes for
  the customer it was sent to and is used up by the hold that carries it; a wrong or stale code is
  3003. When the account requires OTP, a hold without `otp`, `hash` or `ignoreOTP` is refused with 3000.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos_app.domain.money import to_decimal
from pos_app.domain.wire import plain
from pos_app.sandbox.clock import gameball_time
from pos_app.sandbox.errors import SandboxError

logger = logging.getLogger(__name__)

OTP_SECONDS = 300.0
LOCK_MINUTES = 10


@dataclass(frozen=True)
class SandboxTier:
    name: str
    order: int
    min_progress: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "order": self.order, "minProgress": self.min_progress, "icon": "",
                "benefits": []}


@dataclass(frozen=True)
class SandboxCampaign:
    campaign_id: int
    name: str
    min_order_value: Decimal
    reward_points: int
    max_achievement: int = 1


@dataclass
class SandboxCoupon:
    code: str
    kind: str  # openapi's validate types: fixed, percentage, shipping, ...
    value: Decimal
    customer_id: str | None = None  # None: anyone may use it
    min_order_value: Decimal = Decimal(0)
    usage_limit: int = 1
    used: int = 0
    expires_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "type": self.kind, "value": self.value,
                                "usageLimit": self.usage_limit, "limitPerCustomer": self.usage_limit,
                                "minOrderValue": self.min_order_value}
        if self.expires_at is not None:
            body["expiryDate"] = gameball_time(self.expires_at)
        return body


@dataclass
class CouponLock:
    reference: str
    customer_id: str
    codes: tuple[str, ...]
    expires_at: float
    active: bool = True


@dataclass
class SentOtp:
    code: str
    expires_at: float


@dataclass
class Loyalty:
    """Configured by the demo or a test; `now` is the sandbox clock."""

    now: Callable[[], float]
    tiers: tuple[SandboxTier, ...] = ()
    campaigns: tuple[SandboxCampaign, ...] = ()
    coupons: dict[str, SandboxCoupon] = field(default_factory=dict)
    locks: dict[str, CouponLock] = field(default_factory=dict)
    otp_enabled: bool = False
    otp_required: bool = False
    # The code texted to a customer; tests and the demo choose it, otherwise it is random.
    otp_codes: dict[str, str] = field(default_factory=dict)
    demo_code: str | None = None  # the demo texts no one: its one code is printed in README
    sent: dict[str, SentOtp] = field(default_factory=dict)
    achieved: dict[tuple[str, int], int] = field(default_factory=dict)  # (customer, campaign) -> times
    burnt: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a burn's transactionId -> its codes

    # tiers

    def tier_for(self, progress: int) -> SandboxTier | None:
        reached = [tier for tier in self.tiers if tier.min_progress <= progress]
        return max(reached, key=lambda tier: tier.order) if reached else None

    def tiers_configuration(self) -> list[dict[str, Any]]:
        return [tier.to_json() for tier in sorted(self.tiers, key=lambda tier: tier.order)]

    def tier_progress(self, progress: int) -> dict[str, Any]:
        if not self.tiers:
            raise SandboxError(8000, "tiers are not configured on this account")
        current = self.tier_for(progress)
        above = sorted((t for t in self.tiers if current is None or t.order > current.order),
                       key=lambda tier: tier.order)
        answer: dict[str, Any] = {"progress": progress}
        if current is not None:
            answer["current"] = {"order": current.order, "name": current.name, "minProgress": current.min_progress,
                                 "icon": ""}
        if above:
            nxt = above[0]
            answer["next"] = {"order": nxt.order, "name": nxt.name, "minProgress": nxt.min_progress, "icon": ""}
        return answer

    # campaigns

    def _campaign_json(self, campaign: SandboxCampaign) -> dict[str, Any]:
        return {"id": campaign.campaign_id, "name": campaign.name, "description": None,
                "isRepeatable": campaign.max_achievement > 1, "maxAchievement": campaign.max_achievement,
                "type": "place_order", "visibility": "Visible", "icon": None,
                "activation": {"startDate": None, "endDate": None},
                "rewards": [{"rankReward": 0, "walletReward": campaign.reward_points, "walletRewardFactor": None,
                             "couponReward": None}]}

    def campaigns_configuration(self) -> list[dict[str, Any]]:
        return plain([self._campaign_json(campaign) for campaign in self.campaigns])

    def campaigns_progress(self, customer_id: str) -> list[dict[str, Any]]:
        answer = []
        for campaign in self.campaigns:
            times = self.achieved.get((customer_id, campaign.campaign_id), 0)
            answer.append({
                "rewardsCampaignName": campaign.name, "rewardsCampaignId": campaign.campaign_id,
                "isUnlocked": True, "highScoreAmount": None, "currentStreak": None, "highestStreak": None,
                "completionPercentage": 100 if times >= campaign.max_achievement else 0,
                "achievedCount": times, "canAchieve": times < campaign.max_achievement,
                "rewardCampaignConfiguration": self._campaign_json(campaign),
            })
        return plain(answer)

    def campaign_rewards(self, customer_id: str | None, total_paid: Decimal) -> list[dict[str, Any]]:
        """reward-preview's `eventRewards.campaigns` for an order of `total_paid`."""
        answer = []
        for campaign in self.campaigns:
            times = self.achieved.get((customer_id or "", campaign.campaign_id), 0)
            can = times < campaign.max_achievement
            eligible = can and total_paid >= campaign.min_order_value
            reason = "Rewarded" if eligible else "NoMatchingConditions"
            answer.append({
                "campaignId": campaign.campaign_id, "campaignName": campaign.name, "campaignEndDate": None,
                "eligible": eligible, "reason": reason, "rewardType": "Points",
                "rewardPoints": campaign.reward_points if eligible else None, "couponType": None,
                "couponValue": None, "points": campaign.reward_points if eligible else 0,
                "timesAchieved": times, "progress": None,
            })
        return answer

    def award_campaigns(self, customer_id: str, total_paid: Decimal) -> int:
        """Points a tracked order earns from campaigns; counts each achievement."""
        points = 0
        for reward in self.campaign_rewards(customer_id, total_paid):
            if reward["eligible"]:
                key = (customer_id, reward["campaignId"])
                self.achieved[key] = self.achieved.get(key, 0) + 1
                points += reward["points"]
        return points

    # coupons

    def _usable(self, coupon: SandboxCoupon, customer_id: str, total: Decimal | None) -> bool:
        now = self.now()
        if coupon.customer_id is not None and coupon.customer_id != customer_id:
            return False
        if coupon.used >= coupon.usage_limit or (coupon.expires_at is not None and coupon.expires_at <= now):
            return False
        if total is not None and total < coupon.min_order_value:
            return False
        return not any(lock.active and lock.expires_at > now and coupon.code in lock.codes
                       for lock in self.locks.values())

    def validate(self, body: Mapping[str, Any]) -> dict[str, Any]:
        customer_id = body["customerId"]
        codes = [str(code) for code in body["coupons"]]
        if not codes:
            raise SandboxError(3000, "missing required field(s): coupons")
        total = to_decimal(body["totalPurchaseAmount"]) if body.get("totalPurchaseAmount") is not None else None
        found = []
        for code in codes:
            coupon = self.coupons.get(code)
            if coupon is None:
                raise SandboxError(4004, f"coupon {code} not found")
            found.append(coupon)
        valid = all(self._usable(coupon, customer_id, total) for coupon in found)
        answer: dict[str, Any] = {"valid": valid, "coupons": [coupon.to_json() for coupon in found]}
        if valid and body.get("lock"):
            minutes = body.get("lockDuration") or LOCK_MINUTES
            if minutes <= 0:
                raise SandboxError(3003, "lockDuration must be greater than 0")
            reference = body.get("lockReference") or str(uuid.uuid4())
            if reference in self.locks:
                raise SandboxError(3003, f"lockReference {reference} is already in use")
            lock = CouponLock(reference, customer_id, tuple(codes), self.now() + minutes * 60)
            self.locks[reference] = lock
            answer.update(lockReference=reference, dateToExpire=gameball_time(lock.expires_at))
        return plain(answer)

    def _active_lock(self, reference: str, customer_id: str) -> CouponLock:
        lock = self.locks.get(reference)
        if lock is None or not lock.active or lock.expires_at <= self.now() or lock.customer_id != customer_id:
            raise SandboxError(4004, f"coupon lock {reference} not found, released or expired")
        return lock

    def check_order_coupons(self, customer_id: str, redemption: Mapping[str, Any]) -> CouponLock | None:
        """The lock an order's `redemption` names, refused unless active and covering its codes."""
        reference = redemption.get("couponsLockReference")
        codes = tuple(redemption.get("couponCodes") or ())
        if reference is None:
            if codes:
                raise SandboxError(3003, "couponCodes must be locked first: give couponsLockReference")
            return None
        lock = self._active_lock(reference, customer_id)
        if codes and set(codes) != set(lock.codes):
            raise SandboxError(3003, f"couponCodes {list(codes)} are not the codes locked by {reference}")
        return lock

    def use(self, lock: CouponLock) -> None:
        lock.active = False
        for code in lock.codes:
            self.coupons[code].used += 1

    def burn(self, body: Mapping[str, Any]) -> dict[str, Any]:
        customer_id = body["customerId"]
        transaction_id = body.get("transactionId")
        if transaction_id is not None and transaction_id in self.burnt:
            raise SandboxError(9004, f"transactionId {transaction_id} already exists")
        if body.get("lockReference") and body.get("coupons"):
            raise SandboxError(3016, "give only one of coupons or lockReference")
        if body.get("lockReference"):
            lock = self._active_lock(body["lockReference"], customer_id)
        else:
            codes = [str(code) for code in body.get("coupons") or ()]
            if not codes:
                raise SandboxError(3000, "missing required field(s): lockReference or coupons")
            for code in codes:
                coupon = self.coupons.get(code)
                if coupon is None:
                    raise SandboxError(4004, f"coupon {code} not found")
                if not self._usable(coupon, customer_id, None):
                    raise SandboxError(3009, f"coupon {code} cannot be used")
            lock = CouponLock("", customer_id, tuple(codes), self.now())
        self.use(lock)
        if transaction_id is not None:
            self.burnt[transaction_id] = lock.codes
        return {"success": True, "burnedAt": gameball_time(self.now())}

    def release(self, reference: str) -> dict[str, Any]:
        lock = self.locks.get(reference)
        if lock is None or not lock.active or lock.expires_at <= self.now():
            raise SandboxError(4004, f"coupon lock {reference} not found, released or expired")
        lock.active = False
        return {"success": True, "releasedAt": gameball_time(self.now()), "releasedCoupons": list(lock.codes)}

    # OTP

    def send_otp(self, customer_id: str, has_mobile: bool, body: Mapping[str, Any]) -> dict[str, Any]:
        if not self.otp_enabled:
            raise SandboxError(8000, "SMS & OTP are not enabled on this account")
        given = [name for name in ("amount", "points", "ruleId") if body.get(name) is not None]
        if len(given) != 1:
            raise SandboxError(3000 if not given else 3016, "give exactly one of amount, points or ruleId")
        if not has_mobile:
            raise SandboxError(3003, f"customer {customer_id} has no mobile number to text")
        code = self.otp_codes.get(customer_id) or self.demo_code or f"{secrets.randbelow(10**6):06d}"
        self.sent[customer_id] = SentOtp(code, self.now() + OTP_SECONDS)
        logger.info("sandbox texted a redemption code")
        return {}

    def check_hold_proof(self, customer_id: str, body: Mapping[str, Any]) -> None:
        """Before a hold: a given OTP must be the one sent; a required one must be there."""
        otp = body.get("otp")
        if otp is not None:
            sent = self.sent.get(customer_id)
            if sent is None or sent.expires_at <= self.now() or not secrets.compare_digest(sent.code, str(otp)):
                raise SandboxError(3003, "otp is wrong or expired; send a new one")
            del self.sent[customer_id]
            return
        if self.otp_required and not body.get("hash") and not body.get("ignoreOTP"):
            raise SandboxError(3000, "missing required field(s): otp (this account requires OTP for redemption)")
