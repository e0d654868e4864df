"""Typed responses of the Gameball v4.0 endpoints a POS uses.

They parse leniently (`from_json`): unknown fields are ignored and kept in `raw`, missing ones become
None, money is Decimal and times are aware UTC datetimes. Request bodies are built in one place, the
domain (order.py, refund.py, requests.py), which is what the outbox freezes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_app.domain.money import MoneyError, to_decimal
from pos_app.domain.timeutil import parse_iso

Json = dict[str, Any]


def _dec(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return to_decimal(value)
    except MoneyError:
        return None


def _int(value: object) -> int | None:
    number = _dec(value)
    return None if number is None else int(number)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _obj(data: object) -> Json:
    return dict(data) if isinstance(data, Mapping) else {}


def _list(data: object) -> list[Any]:
    return list(data) if isinstance(data, list) else []


# --- responses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CashbackLine:
    product_id: str | None
    quantity: Decimal | None
    total_points: int | None
    total_decimal_points: Decimal | None
    reward_wallet_factor: Decimal | None
    campaign_id: int | None
    campaign_name: str | None
    campaign_end_date: datetime | None
    campaign_impact_points: Decimal | None

    @classmethod
    def from_json(cls, data: object) -> CashbackLine:
        d = _obj(data)
        return cls(
            product_id=_str(d.get("productId")), quantity=_dec(d.get("quantity")),
            total_points=_int(d.get("totalPoints")), total_decimal_points=_dec(d.get("totalDecimalPoints")),
            reward_wallet_factor=_dec(d.get("rewardWalletFactor")), campaign_id=_int(d.get("campaignId")),
            campaign_name=_str(d.get("campaignName")), campaign_end_date=_time(d.get("campaignEndDate")),
            campaign_impact_points=_dec(d.get("campaignImpactPoints")),
        )


@dataclass(frozen=True)
class CashbackPreview:
    total_points: int
    total_score: Decimal | None
    line_items: tuple[CashbackLine, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CashbackPreview:
        d = _obj(data)
        return cls(
            total_points=_int(d.get("totalPoints")) or 0, total_score=_dec(d.get("totalScore")),
            line_items=tuple(CashbackLine.from_json(x) for x in _list(d.get("lineItems"))), raw=d,
        )


@dataclass(frozen=True)
class OrderLineReward:
    product_id: str | None
    quantity: Decimal | None
    points: int | None
    decimal_points: Decimal | None

    @classmethod
    def from_json(cls, data: object) -> OrderLineReward:
        d = _obj(data)
        return cls(_str(d.get("productId")), _dec(d.get("quantity")), _int(d.get("points")),
                   _dec(d.get("decimalPoints")))


@dataclass(frozen=True)
class OrderResult:
    customer_id: str | None
    rewarded_points: int | None
    redeemed_points: int | None
    line_items: tuple[OrderLineReward, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> OrderResult:
        d = _obj(data)
        return cls(
            customer_id=_str(d.get("customerId")), rewarded_points=_int(d.get("rewardedPoints")),
            redeemed_points=_int(d.get("redeemedPoints")),
            line_items=tuple(OrderLineReward.from_json(x) for x in _list(d.get("lineItems"))), raw=d,
        )


@dataclass(frozen=True)
class OrderTransaction:
    gameball_transaction_id: str | None
    transaction_type: str | None
    transaction_date: datetime | None
    amount: Decimal | None
    equivalent_points: Decimal | None
    transaction_id: str | None

    @classmethod
    def from_json(cls, data: object) -> OrderTransaction:
        d = _obj(data)
        return cls(
            gameball_transaction_id=_str(d.get("gameballTransactionId")),
            transaction_type=_str(d.get("transactionType")),
            transaction_date=_time(d.get("transactionDate")), amount=_dec(d.get("amount")),
            equivalent_points=_dec(d.get("equivalentPoints")), transaction_id=_str(d.get("transactionId")),
        )


@dataclass(frozen=True)
class OrderTransactions:
    transactions: tuple[OrderTransaction, ...]
    count: int
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> OrderTransactions:
        d = _obj(data)
        items = tuple(OrderTransaction.from_json(x) for x in _list(d.get("transactions")))
        count = _int(d.get("count"))
        return cls(items, len(items) if count is None else count, d)


@dataclass(frozen=True)
class CustomerCreated:
    gameball_id: int | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CustomerCreated:
        d = _obj(data)
        return cls(_int(d.get("gameballId")), d)


@dataclass(frozen=True)
class Customer:
    customer_id: str | None
    gameball_id: int | None
    display_name: str | None
    referral_code: str | None
    attributes: Json
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> Customer:
        d = _obj(data)
        attributes = _obj(d.get("customerAttributes"))
        return cls(
            customer_id=_str(d.get("customerId")), gameball_id=_int(d.get("gameballId")),
            display_name=_str(attributes.get("displayName")), referral_code=_str(d.get("referralCode")),
            attributes=attributes, raw=d,
        )


@dataclass(frozen=True)
class Balance:
    total_points: int | None
    total_value: Decimal | None
    available_points: int | None
    available_value: Decimal | None
    pending_points: int | None
    pending_value: Decimal | None
    currency: str | None
    points_name: str | None
    next_expiring_points: int | None
    next_expiring_value: Decimal | None
    next_expiring_date: datetime | None
    total_earned_points: int | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> Balance:
        d = _obj(data)
        return cls(
            total_points=_int(d.get("totalPointsBalance")), total_value=_dec(d.get("totalPointsValue")),
            available_points=_int(d.get("availablePointsBalance")),
            available_value=_dec(d.get("availablePointsValue")),
            pending_points=_int(d.get("pendingPoints")), pending_value=_dec(d.get("pendingPointsValue")),
            currency=_str(d.get("currency")), points_name=_str(d.get("pointsName")),
            next_expiring_points=_int(d.get("nextExpiringPointsAmount")),
            next_expiring_value=_dec(d.get("nextExpiringPointsValue")),
            next_expiring_date=_time(d.get("nextExpiringPointsDate")),
            total_earned_points=_int(d.get("totalEarnedPoints")), raw=d,
        )


@dataclass(frozen=True)
class Hold:
    customer_id: str | None
    hold_reference: str | None
    hold_amount: Decimal | None
    hold_points: int | None
    state: str | None
    date_to_expire: datetime | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> Hold:
        d = _obj(data)
        return cls(
            customer_id=_str(d.get("customerId")), hold_reference=_str(d.get("holdReference")),
            hold_amount=_dec(d.get("holdAmount")), hold_points=_int(d.get("holdEquivalentPoints")),
            state=_str(d.get("state")), date_to_expire=_time(d.get("dateToExpire")), raw=d,
        )


@dataclass(frozen=True)
class HoldReleased:
    success: bool
    message: str | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> HoldReleased:
        d = _obj(data)
        return cls(bool(d.get("success", True)), _str(d.get("message")), d)


@dataclass(frozen=True)
class RedeemResult:
    """POST /transactions/redeem's answer."""

    gameball_transaction_id: str | None
    transaction_id: str | None
    redeem_amount: Decimal | None
    redeem_points: int | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RedeemResult:
        d = _obj(data)
        return cls(
            _str(d.get("gameballTransactionId")), _str(d.get("transactionId")),
            _dec(d.get("redeemAmount")), _int(d.get("redeemEquivalentPoints")), d,
        )


@dataclass(frozen=True)
class RefundResult:
    gameball_transaction_id: str | None
    refund_transaction_id: str | None
    refund_amount: Decimal | None
    refund_points: int | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RefundResult:
        d = _obj(data)
        return cls(
            _str(d.get("gameballTransactionId")), _str(d.get("refundTransactionId")),
            _dec(d.get("refundAmount")), _int(d.get("refundEquivalentPoints")), d,
        )


@dataclass(frozen=True)
class CashbackConfiguration:
    rate: Decimal | None
    minimum_order_value: Decimal | None
    maximum_cashback: Decimal | None
    enabled: bool | None
    categories: tuple[str, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CashbackConfiguration:
        d = _obj(data)
        enabled = d.get("enabled")
        return cls(
            _dec(d.get("rate")), _dec(d.get("minimumOrderValue")), _dec(d.get("maximumCashback")),
            enabled if isinstance(enabled, bool) else None,
            tuple(str(x) for x in _list(d.get("categories"))), d,
        )


@dataclass(frozen=True)
class CashbackTierRules:
    """`GET /configurations/cashback`, kept whole: domain.cashback.tier_factors reads the rules and decides whether
    they give each tier a rate."""

    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CashbackTierRules:
        return cls(_obj(data))


@dataclass(frozen=True)
class RedemptionConfiguration:
    minimum_points: int | None
    point_value: Decimal | None
    maximum_redemption: Decimal | None
    enabled: bool | None
    redemption_methods: tuple[Any, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RedemptionConfiguration:
        d = _obj(data)
        enabled = d.get("enabled")
        return cls(
            _int(d.get("minimumPoints")), _dec(d.get("pointValue")), _dec(d.get("maximumRedemption")),
            enabled if isinstance(enabled, bool) else None, tuple(_list(d.get("redemptionMethods"))), d,
        )


@dataclass(frozen=True)
class RedemptionRules:
    """GET /configurations/redemption: `redemptionFactor` and `redemptionRules` (parsed by the domain)."""

    redemption_factor: Decimal | None
    rules: tuple[Any, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RedemptionRules:
        d = _obj(data)
        return cls(_dec(d.get("redemptionFactor")), tuple(_list(d.get("redemptionRules"))), d)


@dataclass(frozen=True)
class BatchJob:
    job_id: str | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> BatchJob:
        d = _obj(data)
        job = d.get("jobId")
        if isinstance(job, (int, float, Decimal)) and not isinstance(job, bool):
            job = int(job)
        return cls(_str(job), d)


@dataclass(frozen=True)
class BatchStatus:
    batch_id: str | None
    status: str | None
    progress: Decimal | None
    total_items: int | None
    processed_items: int | None
    failed_items: int | None
    results: tuple[Any, ...]
    errors: tuple[Any, ...]
    raw: Json = field(repr=False)

    @property
    def finished(self) -> bool:
        return self.status in ("completed", "failed")

    @classmethod
    def from_json(cls, data: object) -> BatchStatus:
        d = _obj(data)
        return cls(
            _str(d.get("batchId")), _str(d.get("status")), _dec(d.get("progress")),
            _int(d.get("totalItems")), _int(d.get("processedItems")), _int(d.get("failedItems")),
            tuple(_list(d.get("results"))), tuple(_list(d.get("errors"))), d,
        )


# --- knowing the customer (issue 15) -----------------------------------------------------------


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


@dataclass(frozen=True)
class CustomerDetails:
    """GET /customers/{id}/details: the customer with personal data (needs the secret key)."""

    customer_id: str | None
    display_name: str | None
    first_name: str | None
    last_name: str | None
    mobile: str | None
    raw: Json = field(repr=False)

    @property
    def name(self) -> str | None:
        """What to greet the customer by: the display name, else first and last name."""
        if self.display_name and self.display_name.strip():
            return self.display_name.strip()
        joined = " ".join(x.strip() for x in (self.first_name, self.last_name) if x and x.strip())
        return joined or None

    @classmethod
    def from_json(cls, data: object) -> CustomerDetails:
        d = _obj(data)
        a = _obj(d.get("customerAttributes"))
        return cls(_str(d.get("customerId")), _str(a.get("displayName")), _str(a.get("firstName")),
                   _str(a.get("lastName")), _str(a.get("mobile")), d)


@dataclass(frozen=True)
class TierState:
    order: int | None
    name: str | None
    min_progress: Decimal | None

    @classmethod
    def from_json(cls, data: object) -> TierState | None:
        d = _obj(data)
        if not d:
            return None
        return cls(_int(d.get("order")), _str(d.get("name")), _dec(d.get("minProgress")))


@dataclass(frozen=True)
class TierProgress:
    """GET /customers/{id}/tier-progress; `next` is None at the top tier."""

    current: TierState | None
    next: TierState | None
    progress: Decimal | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> TierProgress:
        d = _obj(data)
        return cls(TierState.from_json(d.get("current")), TierState.from_json(d.get("next")),
                   _dec(d.get("progress")), d)


@dataclass(frozen=True)
class TiersConfiguration:
    """GET /configurations/tiers: the account's tiers, lowest first."""

    tiers: tuple[TierState, ...]
    raw: list[Any] = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> TiersConfiguration:
        items = _list(data)
        tiers = [tier for tier in (TierState.from_json(x) for x in items) if tier is not None]
        tiers.sort(key=lambda tier: tier.order if tier.order is not None else 0)
        return cls(tuple(tiers), items)


@dataclass(frozen=True)
class RewardCampaign:
    campaign_id: int | None
    name: str | None
    type: str | None
    end_date: datetime | None

    @classmethod
    def from_json(cls, data: object) -> RewardCampaign:
        d = _obj(data)
        activation = _obj(d.get("activation"))
        return cls(_int(d.get("id")), _str(d.get("name")), _str(d.get("type")), _time(activation.get("endDate")))


@dataclass(frozen=True)
class RewardCampaigns:
    """GET /configurations/reward-campaigns."""

    campaigns: tuple[RewardCampaign, ...]
    raw: list[Any] = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RewardCampaigns:
        items = _list(data)
        return cls(tuple(RewardCampaign.from_json(x) for x in items), items)


@dataclass(frozen=True)
class CampaignProgress:
    campaign_id: int | None
    name: str | None
    completion_percentage: Decimal | None
    achieved_count: int | None
    can_achieve: bool | None

    @classmethod
    def from_json(cls, data: object) -> CampaignProgress:
        d = _obj(data)
        return cls(_int(d.get("rewardsCampaignId")), _str(d.get("rewardsCampaignName")),
                   _dec(d.get("completionPercentage")), _int(d.get("achievedCount")), _bool(d.get("canAchieve")))


@dataclass(frozen=True)
class RewardCampaignsProgress:
    """GET /customers/{id}/reward-campaigns-progress."""

    campaigns: tuple[CampaignProgress, ...]
    raw: list[Any] = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RewardCampaignsProgress:
        items = _list(data)
        return cls(tuple(CampaignProgress.from_json(x) for x in items), items)


@dataclass(frozen=True)
class CampaignPreview:
    campaign_id: int | None
    name: str | None
    eligible: bool | None
    reason: str | None
    reward_points: int | None
    points: int | None

    @classmethod
    def from_json(cls, data: object) -> CampaignPreview:
        d = _obj(data)
        return cls(_int(d.get("campaignId")), _str(d.get("campaignName")), _bool(d.get("eligible")),
                   _str(d.get("reason")), _int(d.get("rewardPoints")), _int(d.get("points")))


@dataclass(frozen=True)
class RewardPreview:
    """POST /orders/reward-preview: cashback plus the `place_order` campaigns this basket advances."""

    customer_found: bool | None
    total_points: int | None
    cashback: CashbackPreview
    campaigns: tuple[CampaignPreview, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> RewardPreview:
        d = _obj(data)
        events = _obj(d.get("eventRewards"))
        return cls(_bool(d.get("customerFound")), _int(d.get("totalPoints")),
                   CashbackPreview.from_json(d.get("cashback")),
                   tuple(CampaignPreview.from_json(x) for x in _list(events.get("campaigns"))), d)


@dataclass(frozen=True)
class Coupon:
    code: str | None
    type: str | None
    value: Decimal | None
    min_order_value: Decimal | None
    capping: Decimal | None
    expiry_date: datetime | None

    @classmethod
    def from_json(cls, data: object) -> Coupon:
        d = _obj(data)
        return cls(_str(d.get("code")), _str(d.get("type")), _dec(d.get("value")), _dec(d.get("minOrderValue")),
                   _dec(d.get("capping")), _time(d.get("expiryDate")))


@dataclass(frozen=True)
class CouponValidation:
    """POST /coupons/validate: `lock_reference` is set only when a lock was asked for and granted."""

    valid: bool
    coupons: tuple[Coupon, ...]
    lock_reference: str | None
    date_to_expire: datetime | None
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CouponValidation:
        d = _obj(data)
        return cls(d.get("valid") is True, tuple(Coupon.from_json(x) for x in _list(d.get("coupons"))),
                   _str(d.get("lockReference")), _time(d.get("dateToExpire")), d)


@dataclass(frozen=True)
class CouponsBurned:
    success: bool
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CouponsBurned:
        d = _obj(data)
        return cls(d.get("success") is True, d)


@dataclass(frozen=True)
class CouponsReleased:
    success: bool
    released: tuple[str, ...]
    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> CouponsReleased:
        d = _obj(data)
        return cls(d.get("success") is True, tuple(str(x) for x in _list(d.get("releasedCoupons"))), d)


@dataclass(frozen=True)
class OtpSent:
    """POST /transactions/otp documents no answer body: a 2xx means Gameball sent the text."""

    raw: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: object) -> OtpSent:
        return cls(_obj(data))
