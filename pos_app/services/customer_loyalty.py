"""Knowing the customer at the till (issue 15): name and tier, campaigns, coupons and redemption OTP.

A mixin of CustomerService (customers.py), so it shares its client, its online check and its errors.
Like lookups, the profile degrades: live when Gameball answers, else the short-lived cache with its
age. Coupons and OTP never degrade: they need Gameball now (DESIGN rule 3), so offline they raise
Offline. Every coupon lock is recorded the moment Gameball grants it, so one left by a cancelled sale
or a killed till is released later (`release_leftover_coupon_locks`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pos_app.domain import wire
from pos_app.domain.basket import AppliedCoupon
from pos_app.domain.customer_id import Identification
from pos_app.domain.loyalty import Tier, coupon_discount, tier_standing
from pos_app.domain.merchant import Merchant
from pos_app.domain.money import to_decimal
from pos_app.domain.order import PreviewBasket
from pos_app.domain.redemption import RedemptionOption
from pos_app.domain.requests import CouponValidateRequest, OtpRequest
from pos_app.domain.timeutil import local_days_utc
from pos_app.gameball import models
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.services.abuse import day_notices
from pos_app.services.customer_errors import CustomerServiceError, Refused

if TYPE_CHECKING:
    from pos_app.gameball.client import GameballClient
    from pos_app.store.store import Store

log = logging.getLogger(__name__)

TIERS_CONFIGURATION = "tiers_configuration"
COUPON_NOT_FOUND = 4004
FEATURE_UNAVAILABLE = 8000


@dataclass(frozen=True)
class CustomerProfile:
    """Who the customer is and where they stand; None parts are unknown, never guessed."""

    name: str | None
    tier: str | None
    next_tier: str | None
    to_next: Decimal | None  # progress still needed for next_tier (points, in a points-tiered account)
    live: bool
    fetched_at: float | None

    def to_cache(self) -> dict[str, Any]:
        return wire.plain({"name": self.name, "tier": self.tier, "nextTier": self.next_tier,
                           "toNext": self.to_next})

    @classmethod
    def from_cache(cls, value: Any, fetched_at: float) -> CustomerProfile:
        data = value if isinstance(value, dict) else {}
        to_next = data.get("toNext")
        return cls(data.get("name"), data.get("tier"), data.get("nextTier"),
                   None if to_next is None else to_decimal(to_next), False, fetched_at)


@dataclass(frozen=True)
class CampaignNote:
    """A reward campaign this basket earns or advances, from Gameball's reward preview."""

    name: str
    points: int  # 0 when the basket only advances it


class CouponRefusal(StrEnum):
    NOT_FOUND = "not_found"  # Gameball does not know the code
    NOT_VALID = "not_valid"  # known, but not for this customer or basket now (expired, used, locked)
    TYPE = "type"  # a coupon the till cannot price (shipping, a free product, cashback)
    MINIMUM = "minimum"  # the basket is below the coupon's minimum order
    NOTHING = "nothing"  # worth nothing on this basket


class CouponRefused(Exception):
    """The coupon cannot go on this sale; `message` is Gameball's when it gave one."""

    def __init__(self, refusal: CouponRefusal, message: str | None = None, code: int | None = None) -> None:
        super().__init__(message or refusal.value)
        self.refusal = refusal
        self.message = message
        self.code = code


class CustomerLoyaltyMixin:
    """Needs what CustomerService gives: `_gameball`, `_require_gameball`, `_unreachable`,
    `_refused_or_unreachable`, `_store`, `_clock`.

    Its errors (Offline, Refused) live in customers.py, which imports this module: they are imported
    where raised, so neither module needs the other at import time.
    """

    if TYPE_CHECKING:
        def _gameball(self) -> GameballClient | None: ...
        def _require_gameball(self) -> GameballClient: ...
        def _unreachable(self, error: GameballError) -> Exception: ...
        def _refused_or_unreachable(self, error: GameballError) -> Exception: ...
        def _store(self) -> Store: ...
        def _clock(self) -> float: ...

    # --- who it is -----------------------------------------------------------------------------

    def tiers(self) -> tuple[Tier, ...]:
        """The account's tiers (names in the till's language), refreshed once per session, cached offline."""
        store = self._store()
        cached = store.get_cache(TIERS_CONFIGURATION)
        client = self._gameball()
        if cached is None and client is not None:
            try:
                config = client.tiers_configuration()
            except GameballError as error:
                log.info("tiers configuration not fetched: %s", error)
            else:
                store.put_cache(TIERS_CONFIGURATION, wire.plain(config.raw), self._clock())
                cached = store.get_cache(TIERS_CONFIGURATION)
        if cached is None:
            return ()
        parsed = models.TiersConfiguration.from_json(cached.value)
        return tuple(Tier(t.name, t.order, t.min_progress or Decimal(0))
                     for t in parsed.tiers if t.name is not None and t.order is not None)

    def profile(self, who: Identification) -> CustomerProfile | None:
        """Name and tier standing: live (details + tier progress) when Gameball answers, else the cached
        one with its age, else None. A refusal of one part leaves that part unknown."""
        client = self._gameball()
        if client is not None:
            try:
                details = client.customer_details(who.customer_id)
                progress = client.tier_progress(who.customer_id)
            except GameballError as error:
                if error.outcome is not Outcome.FAILED:
                    self._unreachable(error)
                else:
                    log.info("customer profile refused: %s", error.code)
                    return None
            else:
                current, nxt = progress.current, progress.next
                standing = tier_standing(
                    self.tiers(), current=current.name if current else None,
                    current_order=current.order if current else None, next_name=nxt.name if nxt else None,
                    next_min=nxt.min_progress if nxt else None, progress=progress.progress)
                now = self._clock()
                profile = CustomerProfile(details.name, standing.name, standing.next_name, standing.remaining,
                                          True, now)
                self._store().put_customer_profile(who.customer_id, profile.to_cache(), now)
                return profile
        cached = self._store().get_customer_profile(who.customer_id, self._clock())
        return None if cached is None else CustomerProfile.from_cache(cached.value, cached.fetched_at)

    def cached_name(self, customer_id: str) -> str | None:
        """The name while the short-lived customer cache holds it (history shows it then, never after)."""
        cached = self._store().get_customer_profile(customer_id, self._clock())
        return CustomerProfile.from_cache(cached.value, cached.fetched_at).name if cached else None

    def campaigns(self, basket: PreviewBasket, merchant: Merchant | None = None) -> tuple[CampaignNote, ...]:
        """The campaigns this basket earns or advances (POST /orders/reward-preview); () when Gameball
        does not answer: the points preview never waits for this."""
        client = self._gameball()
        if client is None or basket.customer_id is None:
            return ()
        try:
            preview = client.reward_preview(basket.reward_preview_body(merchant))
        except GameballError as error:
            log.info("reward preview unavailable: %s", error)
            return ()
        return tuple(CampaignNote(c.name, c.points or 0) for c in preview.campaigns
                     if c.name and (c.eligible or c.reason == "ProgressOnly"))

    # --- coupons -------------------------------------------------------------------------------

    def apply_coupon(self, who: Identification, code: str, basket_total: Decimal, currency: str,
                     merchant_id: str | None = None) -> AppliedCoupon:
        """Validate `code` for this customer and basket and lock it for this sale."""
        code = code.strip()
        if not code:
            raise CouponRefused(CouponRefusal.NOT_FOUND)
        client = self._require_gameball()
        request = CouponValidateRequest(who.customer_id, (code,), total_purchase_amount=basket_total, lock=True,
                                        merchant_id=merchant_id or None, mobile=who.mobile)
        try:
            answer = client.validate_coupons(request)
        except GameballError as error:
            if error.code == COUPON_NOT_FOUND or (error.status == 404 and error.code is None):
                raise CouponRefused(CouponRefusal.NOT_FOUND, code=error.code) from None
            if error.outcome is Outcome.FAILED:
                raise CouponRefused(CouponRefusal.NOT_VALID, error.message, error.code) from None
            raise self._unreachable(error) from None
        if answer.lock_reference:
            # Recorded before anything else, so a crash from here on still releases it later.
            self._store().record_coupon_lock(answer.lock_reference, who.customer_id, [code], self._clock())
        coupon = next((c for c in answer.coupons if c.code == code), answer.coupons[0] if answer.coupons else None)
        if not answer.valid or coupon is None:
            self._drop_lock(answer.lock_reference)
            raise CouponRefused(CouponRefusal.NOT_VALID)
        discount = coupon_discount(coupon.type, coupon.value, basket_total, currency, capping=coupon.capping,
                                   min_order_value=coupon.min_order_value)
        if discount.amount is None or not answer.lock_reference:
            self._drop_lock(answer.lock_reference)
            problem = discount.problem.value if discount.problem else CouponRefusal.NOT_VALID.value
            raise CouponRefused(CouponRefusal(problem))
        log.info("coupon locked for the sale")
        return AppliedCoupon(code, answer.lock_reference, discount.amount)

    def _drop_lock(self, lock_reference: str | None) -> None:
        if lock_reference:
            try:
                self.release_coupon(lock_reference)
            except Exception as error:  # noqa: BLE001 - it stays recorded and goes with the leftovers later
                log.info("coupon lock not released yet: %s", error)

    def release_coupon(self, lock_reference: str) -> None:
        """Give the coupon back (sale cancelled or coupon removed). Offline it stays recorded and Offline
        is raised; `release_leftover_coupon_locks` finishes the job later."""

        client = self._require_gameball()
        try:
            client.release_coupons(lock_reference)
        except GameballError as error:
            if error.code != COUPON_NOT_FOUND:
                raise self._refused_or_unreachable(error) from None
            # Used, expired or released already: it locks nothing any more.
        self._store().forget_coupon_lock(lock_reference)
        log.info("coupon lock released")

    def release_leftover_coupon_locks(self, keep: tuple[str, ...] = ()) -> int:
        """Release every recorded coupon lock except `keep` (the open sale's); returns how many."""

        if self._gameball() is None:
            return 0
        released = 0
        for reference in self._store().coupon_locks():
            if reference in keep:
                continue
            try:
                self.release_coupon(reference)
            except CustomerServiceError as error:
                log.info("leftover coupon lock not released yet: %s", error.message)
                break
            released += 1
        return released

    # --- proof of the customer -----------------------------------------------------------------

    def send_otp(self, who: Identification, points: int, option: RedemptionOption | None = None) -> None:
        """Gameball texts the customer a code for redeeming `points`, or `option`'s rule (the OTP body takes
        its id as a number); the hold then carries it."""

        client = self._require_gameball()
        if option is not None and option.rule_id.isdigit():
            request = OtpRequest(who.customer_id, rule_id=int(option.rule_id), mobile=who.mobile)
        else:
            request = OtpRequest(who.customer_id, points=option.points if option else points, mobile=who.mobile)
        try:
            client.send_otp(request)
        except GameballError as error:
            if error.outcome is Outcome.FAILED or error.code == FEATURE_UNAVAILABLE:
                raise Refused(error.message, error.code) from None
            raise self._unreachable(error) from None
        log.info("redemption code sent to the customer")

    def note_unproven_redemption(self, hold_reference: str, points: int, terminal_id: str) -> None:
        """An abuse notice for the manager: points redeemed above the threshold with no OTP or QR.

        The audit entry names the hold, not the customer: the audit log outlives rule 7's minimal data.
        """
        self._store().audit("till", "redemption.unproven",
                            {"hold": hold_reference, "points": points, "terminal": terminal_id})

    def abuse_notices_today(self, limit: int) -> int:
        """How many abuse notices today has on this terminal: the manager button shows it at once."""
        today = date.today()
        start, end = local_days_utc(today, today, datetime.now().astimezone().tzinfo)
        assert start is not None and end is not None  # both days are given
        return len(day_notices(self._store(), start, end, limit))
