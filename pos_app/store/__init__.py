"""The terminal's SQLite store (sqlite-utils): outbox, order history, caches, audit log, settings.

No Qt and no network here. Open one `Store` per thread with `Store.open` / `Store.open_in`.
"""

from pos_app.store.db import DB_FILENAME, SCHEMA_VERSION
from pos_app.store.errors import (
    InvalidTransition,
    OrderConflict,
    RefundConflict,
    SchemaTooNew,
    StoreError,
    UnknownItem,
    UnknownOrder,
)
from pos_app.store.lock import SenderLock
from pos_app.store.records import (
    Accepted,
    AuditEntry,
    Cached,
    Delivery,
    ErrorInfo,
    FailedItem,
    Hold,
    HoldState,
    Kind,
    OrderRecord,
    OutboxItem,
    RefundAccepted,
    RefundRecord,
    ReviewItem,
    Shortfall,
    State,
    TransactionRecord,
)
from pos_app.store.store import Store

__all__ = [
    "DB_FILENAME",
    "SCHEMA_VERSION",
    "Accepted",
    "AuditEntry",
    "Cached",
    "Delivery",
    "ErrorInfo",
    "FailedItem",
    "Hold",
    "HoldState",
    "InvalidTransition",
    "Kind",
    "OrderConflict",
    "OrderRecord",
    "OutboxItem",
    "RefundAccepted",
    "RefundConflict",
    "RefundRecord",
    "ReviewItem",
    "Shortfall",
    "SchemaTooNew",
    "SenderLock",
    "State",
    "Store",
    "StoreError",
    "TransactionRecord",
    "UnknownItem",
    "UnknownOrder",
]
