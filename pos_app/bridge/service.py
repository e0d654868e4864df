"""What the bridge needs from the rest of the plugin; the composition root passes an implementation."""

from __future__ import annotations

from typing import Protocol

from pos_app.domain.order import Order, PreviewBasket
from pos_app.domain.refund import Refund
from pos_app.services.till import OrderView, PreviewResult, Slip, TerminalStatus


class BridgeService(Protocol):
    """The plugin as the bridge sees it.

    The bridge serves each request on its own thread, so every method may be called concurrently.
    Domain errors map to answers: ValidationError -> 422 validation, Conflict (OrderConflict,
    RefundConflict) -> 409, UnknownOrder -> 422 unknown_order; anything else -> 500 internal.
    """

    def currency(self) -> str:
        """The store's ISO 4217 currency: it sets how many decimals money may have."""
        ...

    def status(self) -> TerminalStatus:
        """Online, pending, failed, the last sync and the version (bridge.wire makes it JSON)."""
        ...

    def preview(self, basket: PreviewBasket) -> PreviewResult:
        """The points, live or estimated, per line; must answer promptly
        (fall back to the local estimate rather than wait on Gameball)."""
        ...

    def accept_order(self, order: Order) -> tuple[str, str, bool]:
        """Commit the order and its outbox row before returning (rule 1): (orderId, state, created).

        The same orderId again with the same `order.fingerprint` returns the stored answer with
        created=False; with another fingerprint it raises OrderConflict.
        """
        ...

    def get_order(self, order_id: str) -> OrderView | None:
        """Its state, points, transactions and refunds, or None if unknown."""
        ...

    def accept_refund(self, refund: Refund) -> tuple[str, str, bool]:
        """Queue the refund after its order, durably: (refundTransactionId, state, created).

        Raises UnknownOrder if `refund.order_id` was never accepted here (its customer is unknown),
        RefundConflict for the same refundTransactionId with another fingerprint.
        """
        ...

    def slip(self, order_id: str) -> Slip | None:
        """The loyalty slip of an accepted order (bridge.wire prints it), or None if unknown."""
        ...
