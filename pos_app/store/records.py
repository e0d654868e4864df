"""The small frozen records the store hands out; callers never see database rows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pos_app.domain.returns import SoldLine


class State(StrEnum):
    """Where an outbox item (and the order or refund it carries) stands."""

    QUEUED = "queued"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
    DISCARDED = "discarded"
    # Gameball holds an item under this id and its documented fields cannot tell whether it is this sale:
    # never "delivered" on a guess, never sent again by itself; a manager decides (store.reviews).
    REVIEW = "review"


# Once here an item is never sent again, so its body (which may hold phone and email) is dropped.
TERMINAL_STATES = frozenset({State.DELIVERED, State.DISCARDED})


class Kind(StrEnum):
    ORDER = "order"
    REFUND = "refund"


class HoldState(StrEnum):
    ACTIVE = "active"
    USED = "used"
    RELEASED = "released"


# error_class of a refund failed because its order failed or was discarded (not Gameball's answer);
# a manager retry of the order puts those refunds back in the queue with it.
DEPENDENCY = "dependency"


@dataclass(frozen=True)
class ErrorInfo:
    """The last error of an outbox item, as kept in `outbox.last_error` (JSON keys in brackets).

    error_class [class] is the outcome class (retry, pause, failed) or `dependency`; status is
    the HTTP status (None for network errors); code, message and request_id [requestId] are
    Gameball's envelope, which the manager needs to report a rejected order; endpoint says which
    call answered (say, the batch API).
    """

    error_class: str
    message: str
    status: int | None = None
    code: int | None = None
    request_id: str | None = None
    endpoint: str | None = None

    _MAX_MESSAGE = 2000  # a misbehaving server must not fill the disk through error messages

    @classmethod
    def coerce(cls, error: ErrorInfo | Mapping[str, Any]) -> ErrorInfo:
        """The record itself, or the engine's dict: keys class, status, code, message, requestId, endpoint."""
        if isinstance(error, ErrorInfo):
            return error
        return cls(
            error_class=str(error.get("class") or "unknown"),
            message=str(error.get("message") or ""),
            status=_optional_int(error.get("status")),
            code=_optional_int(error.get("code")),
            request_id=None if error.get("requestId") is None else str(error["requestId"]),
            endpoint=None if error.get("endpoint") is None else str(error["endpoint"]),
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "class": self.error_class,
                "status": self.status,
                "code": self.code,
                "message": self.message[: self._MAX_MESSAGE],
                "requestId": self.request_id,
                "endpoint": self.endpoint,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | None) -> ErrorInfo | None:
        return None if text is None else cls.coerce(json.loads(text))


def _optional_int(value: Any) -> int | None:
    # Lenient: a malformed status or code must not stop an item reaching the failed list.
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Accepted:
    """The answer to accepting an order: durable once this exists (DESIGN rule 1)."""

    order_id: str
    state: State
    created: bool


@dataclass(frozen=True)
class RefundAccepted:
    refund_id: str
    order_id: str
    state: State
    created: bool
    reason: str | None  # why the refund is failed already (its order failed or was discarded)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: Kind
    ref_id: str  # the orderId, or the refund's refundTransactionId
    state: State
    body: bytes | None  # the frozen request bytes; None once delivered or discarded
    body_sha256: str
    attempts: int
    created_at: float
    next_attempt_at: float
    last_attempt_at: float | None
    last_error: ErrorInfo | None
    maybe_applied: bool  # an earlier attempt may have reached Gameball: check before re-sending
    depends_on_order_id: str | None
    failed_at: float | None
    delivered_at: float | None
    first_attempt_at: float | None = None  # when it was first put on the wire
    # The order without its expired points hold or coupon lock, sent instead of `body` once they are debited
    resend_body: bytes | None = None

    @property
    def sent_body(self) -> bytes | None:
        return self.resend_body if self.resend_body is not None else self.body


class DebitState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # may have reached Gameball: checked before it is sent again
    DELIVERED = "delivered"
    REFUSED = "refused"  # Gameball refused it (the points were gone): the discount was given for nothing


class DebitKind(StrEnum):
    POINTS = "points"  # POST /transactions/redeem of the expired hold's points
    COUPON = "coupon"  # POST /coupons/burn of the codes of the expired coupon lock


@dataclass(frozen=True)
class Debit:
    """What an order took at the till that its expired hold or coupon lock no longer carries to Gameball: the
    points redeemed directly, or the coupon codes burnt directly."""

    order_id: str
    body: bytes
    points: int  # 0 for a coupon
    state: DebitState
    reason: str | None
    kind: DebitKind = DebitKind.POINTS


@dataclass(frozen=True)
class Delivery:
    """One delivered item, for `mark_delivered_many` (a batch answer)."""

    outbox_id: int
    response: Any = None
    rewarded_points: int | None = None
    redeemed_points: int | None = None


@dataclass(frozen=True)
class FailedItem:
    """One line of the manager's failed list."""

    id: int
    kind: Kind
    ref_id: str
    order_id: str
    error_class: str | None
    status: int | None
    code: int | None
    message: str | None
    request_id: str | None
    failed_at: float | None
    attempts: int
    # What a manager decides by: who, how much (the refund's amount for a refund; None = the whole rest)
    # and when the sale was made.
    customer_id: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    order_date: str | None = None


@dataclass(frozen=True)
class SeenTransaction:
    """One transaction Gameball held under an item's id when the item was judged (GET /orders/{id}/transactions)."""

    transaction_type: str | None
    transaction_id: str | None
    amount: Decimal | None
    points: int | None
    date: str | None


@dataclass(frozen=True)
class ReviewItem:
    """One line of the manager's "needs review" list: this sale's figures beside what Gameball holds."""

    id: int
    kind: Kind
    ref_id: str
    order_id: str
    message: str | None
    since: float | None  # when it was put aside
    customer_id: str | None
    amount: Decimal | None  # the order's totalPaid, or the refund's amount (None: the whole rest)
    currency: str | None
    order_date: str | None
    first_sent_at: float | None  # Gameball cannot hold our copy from before this
    expected_points: int | None
    gameball: tuple[SeenTransaction, ...]


@dataclass(frozen=True)
class Shortfall:
    """A sale whose discount was given but whose points or coupon Gameball would not take (its hold or coupon lock
    expired, then the direct debit or burn was refused)."""

    order_id: str
    customer_id: str
    kind: str  # "points" (the hold's points were not debited) or "coupon" (the coupon was not redeemed)
    points: int  # 0 for a coupon
    amount: Decimal | None  # the money value of those points (the hold's), None when unknown and for a coupon
    currency: str
    at: float  # when Gameball refused the debit
    reason: str


@dataclass(frozen=True)
class TransactionRecord:
    order_id: str
    gameball_transaction_id: str
    transaction_type: str | None
    amount: Decimal | None
    equivalent_points: Decimal | None
    transaction_date: str | None
    transaction_id: str | None


@dataclass(frozen=True)
class RefundRecord:
    refund_id: str
    order_id: str
    refund_amount: Decimal | None
    state: State
    response: Any
    created_at: float
    delivered_at: float | None


@dataclass(frozen=True)
class OrderRecord:
    order_id: str
    customer_id: str
    order_date: str
    total_paid: Decimal
    currency: str
    mobile: str | None
    email: str | None
    created_at: float
    state: State
    rewarded_points: int | None
    redeemed_points: int | None
    expected_points: int | None
    hold_reference: str | None
    body_sha256: str
    response: Any
    delivered_at: float | None
    history_synced_at: float | None
    history_settled: bool
    transactions: tuple[TransactionRecord, ...]
    refunds: tuple[RefundRecord, ...]
    # The order's lines and what live refunds took back of each; empty for orders kept before schema v3.
    lines: tuple[SoldLine, ...] = ()


@dataclass(frozen=True)
class Cached:
    value: Any
    fetched_at: float


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: float
    terminal_id: str | None
    actor: str
    action: str
    detail: Any


@dataclass(frozen=True)
class Hold:
    hold_reference: str
    customer_id: str
    points: int | None
    amount: Decimal | None
    created_at: float
    state: HoldState
    order_id: str | None


@dataclass(frozen=True)
class OrderSummary:
    """One row of the till's order history (`list_orders`); the full record is `get_order`."""

    order_id: str
    customer_id: str
    order_date: str
    total_paid: Decimal
    currency: str
    state: State
    rewarded_points: int | None
    redeemed_points: int | None
    expected_points: int | None
    transaction_count: int
