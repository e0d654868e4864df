"""Customers at the till: look up with a cached fallback, create, and hold or release points.

Used by the till window through its single worker thread (never the Qt main thread); no Qt here.
Lookups degrade: online they ask Gameball and cache the balance; offline (or when Gameball does not
answer) they give the last cached balance with the time it was fetched, so the window can show its
age. Holds never degrade (DESIGN rule 3): redeeming needs Gameball now, so offline they raise Offline.
Every hold is recorded in the store the moment Gameball grants it, so one left over by a crash or a
lost connection is released later by `release_leftover_holds`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_app.domain import wire
from pos_app.domain.basket import Redemption
from pos_app.domain.customer_id import Identification
from pos_app.domain.loyalty import requires_otp_refusal
from pos_app.domain.redemption import (
    OptionProblem,
    RedemptionOption,
    RedemptionRules,
    option_allowance,
    redemption_options,
)
from pos_app.domain.requests import CustomerRequest, HoldRequest
from pos_app.domain.timeutil import utc_now
from pos_app.gameball import models
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError, Outcome
from pos_app.services.customer_errors import Busy, CustomerServiceError, Offline, OtpRequired, Refused
from pos_app.services.customer_loyalty import CustomerLoyaltyMixin
from pos_app.store.per_thread import PerThreadStore
from pos_app.store.store import Store
from pos_app.sync.engine import SyncEngine

log = logging.getLogger(__name__)

# A cashier waits for these, so they are bounded tighter than the outbox's sends.
LOOKUP_TIMEOUT = Timeouts(connect=1.0, read=4.0, total=5.0)
REDEMPTION_CONFIGURATION = "redemption_configuration"
CUSTOMER_NOT_FOUND = 7000
HOLD_NOT_FOUND = 9006
_OPTION_PROBLEMS = {
    OptionProblem.NOT_PRICED: "its reward is not a discount the till can take off",
    OptionProblem.POINTS: "the customer has too few points",
    OptionProblem.MINIMUM: "the sale is below the rule's minimum order value",
    OptionProblem.NOTHING: "it takes nothing off this sale",
}


@dataclass(frozen=True)
class BalanceView:
    available_points: int
    available_value: Decimal | None
    pending_points: int
    next_expiring_points: int
    next_expiring_value: Decimal | None
    next_expiring_date: str | None
    points_name: str | None
    currency: str | None

    @classmethod
    def from_raw(cls, raw: Any) -> BalanceView:
        """From Gameball's balance answer, live or as cached; missing figures are 0."""
        balance = models.Balance.from_json(raw)
        expiring_date = balance.next_expiring_date
        return cls(
            available_points=balance.available_points or 0, available_value=balance.available_value,
            pending_points=balance.pending_points or 0, next_expiring_points=balance.next_expiring_points or 0,
            next_expiring_value=balance.next_expiring_value,
            next_expiring_date=expiring_date.date().isoformat() if expiring_date else None,
            points_name=balance.points_name, currency=balance.currency,
        )


@dataclass(frozen=True)
class CustomerLookup:
    identification: Identification
    # True: Gameball knows the customer; False: Gameball said not found; None: unknown (offline, no cache).
    found: bool | None
    balance: BalanceView | None
    live: bool  # the balance came from Gameball just now; False means cached (or none)
    fetched_at: float | None  # epoch seconds the shown balance was fetched, for its age


class CustomerService(CustomerLoyaltyMixin):
    def __init__(
        self,
        store_factory: Callable[[], Store],
        client_factory: Callable[[Timeouts], GameballClient | None],
        engine: SyncEngine,
        clock: Callable[[], float],
    ) -> None:
        self._stores = PerThreadStore(store_factory)
        self._client_factory = client_factory
        self._engine = engine
        self._clock = clock
        self._client: GameballClient | None = None
        self._client_made = False
        # Learnt from Gameball's answer to a hold (no configuration documents it); kept for this session.
        self.account_requires_otp = False

    def _store(self) -> Store:
        return self._stores.get()

    def _gameball(self) -> GameballClient | None:
        """The client if Gameball is worth asking now; None when the engine knows it is offline."""
        if not self._client_made:
            self._client = self._client_factory(LOOKUP_TIMEOUT)
            self._client_made = True
        if self._client is None or not self._engine.status.online:
            return None
        return self._client

    def _require_gameball(self) -> GameballClient:
        client = self._gameball()
        if client is None:
            raise Offline("Gameball is not reachable")
        return client

    def _unreachable(self, error: GameballError) -> CustomerServiceError:
        if error.paced:
            # Held back by this terminal's own share of the limits: Gameball is not offline, only busy.
            log.info("the till's call waits for the terminal's share of the rate limits: %s", error)
            return Busy(error.retry_after or 1.0)
        # Tell the engine: it decides online/offline for everyone, and a fresh probe keeps that true.
        self._engine.recheck()
        log.info("Gameball not reachable for the till: %s", error)
        return Offline("Gameball is not reachable")

    def _refused_or_unreachable(self, error: GameballError) -> CustomerServiceError:
        """Gameball's no (a failed answer) as Refused with its message and code; anything else as `_unreachable`."""
        if error.outcome is Outcome.FAILED:
            return Refused(error.message, error.code)
        return self._unreachable(error)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._stores.close()

    # --- customers -----------------------------------------------------------------------------

    def lookup(self, who: Identification) -> CustomerLookup:
        """The customer's balance: live when Gameball answers, else the cached one with its age."""
        client = self._gameball()
        if client is not None:
            try:
                balance = client.get_balance(who.customer_id)
            except GameballError as error:
                if error.code == CUSTOMER_NOT_FOUND or (error.status == 404 and error.code is None):
                    return CustomerLookup(who, False, None, True, None)
                if error.outcome is Outcome.FAILED:
                    raise Refused(error.message, error.code) from None
                self._unreachable(error)
            else:
                now = self._clock()
                self._store().put_balance(who.customer_id, wire.plain(balance.raw), now)
                return CustomerLookup(who, True, BalanceView.from_raw(balance.raw), True, now)
        cached = self._store().get_balance(who.customer_id)
        if cached is None:
            return CustomerLookup(who, None, None, False, None)
        return CustomerLookup(who, True, BalanceView.from_raw(cached.value), False, cached.fetched_at)

    def create(self, who: Identification, display_name: str | None = None) -> CustomerLookup:
        """Create the customer at Gameball (online only), then look them up."""
        client = self._require_gameball()
        request = CustomerRequest(customer_id=who.customer_id, mobile=who.mobile,
                                  display_name=display_name or None)
        try:
            client.upsert_customer(request)
        except GameballError as error:
            raise self._refused_or_unreachable(error) from None
        log.info("customer created at the till")
        return self.lookup(who)

    # --- redemption ----------------------------------------------------------------------------

    def redemption_rules(self) -> RedemptionRules:
        """Gameball's redemption configuration, refreshed when online and cached for offline."""
        client = self._gameball()
        store = self._store()
        if client is not None:
            try:
                config = client.redemption_configuration()
            except GameballError as error:
                log.info("redemption configuration not refreshed: %s", error)
            else:
                store.put_cache(REDEMPTION_CONFIGURATION, wire.plain(config.raw), self._clock())
        cached = store.get_cache(REDEMPTION_CONFIGURATION)
        if cached is None or not isinstance(cached.value, dict):
            return RedemptionRules()
        return RedemptionRules.from_configuration(cached.value)

    def redemption_options(self, who: Identification) -> tuple[RedemptionOption, ...]:
        """The redemption rules Gameball offers this customer (by `ruleId`); none when it cannot say now."""
        client = self._gameball()
        if client is None:
            return ()
        try:
            answer = client.redemption_rules(who.customer_id)
        except GameballError as error:
            log.info("redemption rules not read: %s", error)
            return ()
        return redemption_options(answer.raw)

    def hold(self, who: Identification, *, points: int | None = None, amount: Decimal | None = None,
             option: RedemptionOption | None = None, basket_total: Decimal | None = None, currency: str,
             otp: str | None = None) -> Redemption:
        """Hold points (or points worth `amount`, or a redemption rule's points) for this sale; the QR hash goes
        with it when scanned, and the code Gameball texted the customer when the till asked for one.

        A rule's discount is what the rule documents on `basket_total` (option_allowance), never Gameball's
        `holdAmount`, which for a percentage cannot know the basket. A hold refused for want of a code tells
        the till the account requires OTP (`account_requires_otp`, for the rest of the session).
        """
        client = self._require_gameball()
        rule_value = None
        if option is not None:
            allowance = option_allowance(option, basket_total or Decimal(0), None, currency)
            if allowance.value is None:
                reason = _OPTION_PROBLEMS[allowance.problem] if allowance.problem else ""
                raise Refused(f"{option.name} cannot be used on this sale: {reason}")
            rule_value = allowance.value
        request = HoldRequest(customer_id=who.customer_id, transaction_time=utc_now(),
                              points_to_hold=points, amount_to_hold=amount,
                              rule_id=option.rule_id if option else None, hash=who.hash, mobile=who.mobile,
                              otp=otp or None)
        try:
            hold = client.hold_points(request)
        except GameballError as error:
            if error.outcome is Outcome.FAILED:
                if requires_otp_refusal(error.code, bool(request.otp or request.hash)):
                    self.account_requires_otp = True
                    log.info("Gameball refused a hold without a code: this account requires OTP")
                    raise OtpRequired(error.message, error.code) from None
                raise Refused(error.message, error.code) from None
            raise self._unreachable(error) from None
        if not hold.hold_reference or hold.hold_points is None:
            raise Refused("Gameball granted a hold without a reference or points")
        # Recorded before anyone is told, so a crash now still leaves it to release later.
        self._store().record_hold(hold.hold_reference, who.customer_id, hold.hold_points, hold.hold_amount,
                                  self._clock())
        value = rule_value if rule_value is not None else hold.hold_amount
        if value is None:
            value = self.redemption_rules().value_of(hold.hold_points, currency)
        log.info("hold taken: %d points", hold.hold_points)
        return Redemption(hold.hold_reference, hold.hold_points, value)

    def release(self, hold_reference: str) -> None:
        """Give the held points back (sale cancelled or redemption removed).

        Offline the hold stays recorded as active and Offline is raised; `release_leftover_holds`
        finishes the job later (Gameball also expires it on its own, 10 minutes by default).
        """
        client = self._require_gameball()
        try:
            client.release_hold(hold_reference)
        except GameballError as error:
            if error.code != HOLD_NOT_FOUND:
                raise self._refused_or_unreachable(error) from None
            # Already used, expired or released: either way it holds nothing any more.
        self._store().mark_hold_released(hold_reference, self._clock())
        log.info("hold released")

    def release_leftover_holds(self, keep: Collection[str] = ()) -> int:
        """Release every recorded active hold except `keep` (the current sale's); returns how many."""
        if self._gameball() is None:
            return 0
        released = 0
        for hold in self._store().active_holds_older_than(0, self._clock()):
            if hold.hold_reference in keep:
                continue
            try:
                self.release(hold.hold_reference)
            except CustomerServiceError as error:
                log.info("leftover hold not released yet: %s", error.message)
                break
            released += 1
        if released:
            log.info("%d leftover hold(s) released", released)
        return released
