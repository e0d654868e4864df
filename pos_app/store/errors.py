"""What can go wrong in the store, as exceptions the engine, bridge and CLI can tell apart."""

from __future__ import annotations


class StoreError(Exception):
    """Base class for the store's own errors."""


class SchemaTooNew(StoreError):
    """The database was written by a newer pos_app; an older one must not touch it."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(f"database schema version {found} is newer than this program supports ({supported})")
        self.found = found
        self.supported = supported


class OrderConflict(StoreError):
    """The orderId is already taken by an order with a different body (the bridge answers 409)."""

    def __init__(self, order_id: str) -> None:
        super().__init__(f"order {order_id!r} was already accepted with a different body")
        self.order_id = order_id


class RefundConflict(StoreError):
    """The refund id is already taken by a refund with a different body or order."""

    def __init__(self, refund_id: str) -> None:
        super().__init__(f"refund {refund_id!r} was already accepted with a different body")
        self.refund_id = refund_id


class UnknownOrder(StoreError):
    """A refund or history for an orderId this terminal never accepted."""

    def __init__(self, order_id: str) -> None:
        super().__init__(f"order {order_id!r} is not known on this terminal")
        self.order_id = order_id


class RefundTooLarge(StoreError):
    """A refund for more than what remains of its order after earlier refunds."""

    def __init__(self, order_id: str, remaining: object) -> None:
        super().__init__(f"order {order_id!r} has {remaining} left to refund")
        self.order_id = order_id
        self.remaining = remaining


class ReturnTooLarge(StoreError):
    """A refund line asks for more units of a product than its order has left to return."""

    def __init__(self, order_id: str, product_id: str, left: object) -> None:
        super().__init__(f"order {order_id!r} has {left} of {product_id!r} left to return")
        self.order_id = order_id
        self.product_id = product_id
        self.left = left


class UnknownItem(StoreError):
    """An outbox id that does not exist."""

    def __init__(self, item_id: int) -> None:
        super().__init__(f"outbox item {item_id} does not exist")
        self.item_id = item_id


class InvalidTransition(StoreError):
    """A state change the outbox does not allow, e.g. re-sending a delivered item."""

    def __init__(self, item_id: int, state: str, wanted: str, reason: str = "") -> None:
        text = f"outbox item {item_id} is {state}; it cannot become {wanted}"
        super().__init__(f"{text}: {reason}" if reason else text)
        self.item_id = item_id
        self.state = state
        self.wanted = wanted
        self.reason = reason
