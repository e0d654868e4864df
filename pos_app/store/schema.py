"""The schema, as the ordered list of steps that build it; step N brings a database to version N.

Steps are only ever appended: a released step is never edited, because terminals in the field
have already run it. Each step runs inside the migration's write transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlite_utils import Database

_STATES = "('queued', 'sending', 'delivered', 'failed', 'discarded')"

_V1 = f"""
CREATE TABLE orders (
    order_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'order' CHECK (kind = 'order'),
    customer_id TEXT NOT NULL,
    order_date TEXT NOT NULL,                 -- the moment of sale, UTC ISO-8601 with Z
    total_paid TEXT NOT NULL,                 -- decimal text: REAL would round money
    currency TEXT NOT NULL,
    mobile TEXT,
    email TEXT,
    created_at REAL NOT NULL,                 -- epoch seconds, like every local time in this file
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN {_STATES}),
    rewarded_points INTEGER,
    redeemed_points INTEGER,
    expected_points INTEGER,                  -- the local estimate shown at the till
    hold_reference TEXT,
    body_sha256 TEXT NOT NULL,                -- tells a repeated POST from a conflicting one
    response TEXT CHECK (response IS NULL OR json_valid(response)),
    delivered_at REAL,
    history_synced_at REAL,
    history_settled INTEGER NOT NULL DEFAULT 0 CHECK (history_settled IN (0, 1)),
    -- DESIGN rule 7: once delivered (or given up) an order keeps no phone or email.
    CHECK (state NOT IN ('delivered', 'discarded') OR (mobile IS NULL AND email IS NULL))
);
CREATE INDEX orders_history_due ON orders(history_synced_at)
    WHERE state = 'delivered' AND history_settled = 0;

CREATE TABLE refunds (
    refund_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    body_sha256 TEXT NOT NULL,
    refund_amount TEXT,
    state TEXT NOT NULL CHECK (state IN {_STATES}),
    response TEXT CHECK (response IS NULL OR json_valid(response)),
    created_at REAL NOT NULL,
    delivered_at REAL
);
CREATE INDEX refunds_by_order ON refunds(order_id);

-- The queue. id order is FIFO order; the state here is the truth, mirrored onto orders/refunds.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,     -- AUTOINCREMENT: ids never reused, so FIFO survives deletes
    kind TEXT NOT NULL CHECK (kind IN ('order', 'refund')),
    ref_id TEXT NOT NULL,
    body BLOB,                                -- the frozen request bytes; NULL only once terminal
    body_sha256 TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN {_STATES}),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    next_attempt_at REAL NOT NULL,
    last_attempt_at REAL,
    last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
    maybe_applied INTEGER NOT NULL DEFAULT 0 CHECK (maybe_applied IN (0, 1)),
    depends_on_order_id TEXT REFERENCES orders(order_id),
    failed_at REAL,
    delivered_at REAL,
    UNIQUE (kind, ref_id),
    CHECK (body IS NOT NULL OR state IN ('delivered', 'discarded')),
    CHECK ((kind = 'refund') = (depends_on_order_id IS NOT NULL))
);
CREATE INDEX outbox_by_state ON outbox(state, next_attempt_at);
CREATE INDEX outbox_by_dependency ON outbox(depends_on_order_id) WHERE depends_on_order_id IS NOT NULL;

-- DESIGN rule 2: the same bytes on every try. A body may only be dropped (set NULL), never changed.
CREATE TRIGGER outbox_body_frozen BEFORE UPDATE OF body ON outbox
WHEN NEW.body IS NOT NULL AND (OLD.body IS NULL OR NEW.body IS NOT OLD.body)
BEGIN
    SELECT RAISE(ABORT, 'an outbox body is frozen once queued');
END;

-- One place decides state; the order and refund rows follow it, and rule 7 holds on every path.
CREATE TRIGGER outbox_state_to_order AFTER UPDATE OF state ON outbox
WHEN NEW.kind = 'order' AND NEW.state IS NOT OLD.state
BEGIN
    UPDATE orders SET
        state = NEW.state,
        mobile = CASE WHEN NEW.state IN ('delivered', 'discarded') THEN NULL ELSE mobile END,
        email = CASE WHEN NEW.state IN ('delivered', 'discarded') THEN NULL ELSE email END,
        delivered_at = CASE WHEN NEW.state = 'delivered' THEN NEW.delivered_at ELSE delivered_at END
    WHERE order_id = NEW.ref_id;
END;

CREATE TRIGGER outbox_state_to_refund AFTER UPDATE OF state ON outbox
WHEN NEW.kind = 'refund' AND NEW.state IS NOT OLD.state
BEGIN
    UPDATE refunds SET
        state = NEW.state,
        delivered_at = CASE WHEN NEW.state = 'delivered' THEN NEW.delivered_at ELSE delivered_at END
    WHERE refund_id = NEW.ref_id;
END;

CREATE TABLE transactions (
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    gameball_transaction_id TEXT NOT NULL,
    transaction_type TEXT,
    amount TEXT,
    equivalent_points TEXT,
    transaction_date TEXT,
    transaction_id TEXT,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (order_id, gameball_transaction_id)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    terminal_id TEXT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT CHECK (detail IS NULL OR json_valid(detail))
);

CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value)),
    fetched_at REAL NOT NULL
);

CREATE TABLE balances (
    customer_id TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value)),
    fetched_at REAL NOT NULL
);

-- Non-secret settings only (DESIGN rule 6); keys, PIN and token live in the credential store.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
);
"""

# v2: points holds, so a restart can release the ones no order used (DESIGN rule 3), and the
# failed list as a view over the outbox's last error.
_V2 = """
CREATE TABLE holds (
    hold_reference TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    points INTEGER,
    amount TEXT,
    created_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'used', 'released')),
    order_id TEXT REFERENCES orders(order_id),
    updated_at REAL
);
CREATE INDEX holds_active ON holds(created_at) WHERE state = 'active';

CREATE VIEW failed_items AS
SELECT
    id,
    kind,
    ref_id,
    COALESCE(depends_on_order_id, ref_id) AS order_id,
    json_extract(last_error, '$.class') AS error_class,
    json_extract(last_error, '$.status') AS status,
    json_extract(last_error, '$.code') AS code,
    json_extract(last_error, '$.message') AS message,
    json_extract(last_error, '$.requestId') AS request_id,
    failed_at,
    attempts
FROM outbox
WHERE state = 'failed';
"""


# v3: each order's lines (product, quantity, price, discount, taxes: no customer data), written with the
# order, and the units each refund takes back. The outbox body is dropped at delivery (it carries phone and
# email), so without these a till could not return selected lines, nor cap a line across partial returns.
_V3 = """
CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    line_index INTEGER NOT NULL,              -- the line's position in the order's lineItems
    product_id TEXT NOT NULL,
    sku TEXT,
    title TEXT,
    quantity TEXT NOT NULL,                   -- decimal text, like money: goods sold by weight are fractional
    price TEXT NOT NULL,
    discount TEXT,
    taxes TEXT,
    PRIMARY KEY (order_id, line_index)
);

CREATE TABLE refund_lines (
    refund_id TEXT NOT NULL REFERENCES refunds(refund_id),
    order_id TEXT NOT NULL,
    line_index INTEGER NOT NULL,
    quantity TEXT NOT NULL,
    PRIMARY KEY (refund_id, line_index),
    FOREIGN KEY (order_id, line_index) REFERENCES order_lines(order_id, line_index)
);
CREATE INDEX refund_lines_by_order ON refund_lines(order_id);
"""


def _step(sql: str) -> Callable[[Database], None]:
    def apply(db: Database) -> None:
        db.executescript(sql)

    return apply


# v4 (issue 12): when an item was first put on the wire (a 9004 answer is checked against it: Gameball cannot
# hold our copy of an order from before we first sent it); and an order whose points hold expired before it
# reached Gameball (9006): its points are debited directly (a `debits` row, frozen body) and the order goes
# again without the dead hold (`resend_body`, frozen once set). Neither leaves a free discount.
_V4 = """
ALTER TABLE outbox ADD COLUMN first_attempt_at REAL;
UPDATE outbox SET first_attempt_at = last_attempt_at;
ALTER TABLE outbox ADD COLUMN resend_body BLOB;

CREATE TRIGGER outbox_resend_body_frozen BEFORE UPDATE OF resend_body ON outbox
WHEN NEW.resend_body IS NOT NULL AND OLD.resend_body IS NOT NULL AND NEW.resend_body IS NOT OLD.resend_body
BEGIN
    SELECT RAISE(ABORT, 'an outbox body is frozen once queued');
END;

CREATE TABLE debits (
    order_id TEXT PRIMARY KEY REFERENCES orders(order_id),
    body BLOB NOT NULL,                       -- POST /transactions/redeem, frozen
    points INTEGER NOT NULL,
    -- sending: may have reached Gameball (checked before sending again); refused: the points were gone
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'delivered', 'refused')),
    reason TEXT,
    created_at REAL NOT NULL,
    updated_at REAL
);

CREATE TRIGGER debits_body_frozen BEFORE UPDATE OF body ON debits
WHEN NEW.body IS NOT OLD.body
BEGIN
    SELECT RAISE(ABORT, 'a debit body is frozen once queued');
END;
"""




# v5 (issue 17): accept at the disk's speed. Every sale wrote six B-trees (orders and its primary-key index, the
# outbox, its UNIQUE (kind, ref_id) and state indexes, and sqlite_sequence for AUTOINCREMENT); now three:
# `orders` and `order_lines` are WITHOUT ROWID tables clustered on their keys, the outbox loses AUTOINCREMENT
# and the unique index no order lookup used (the orders primary key already makes an order id unique, and a
# refund's lookup gets a partial index that sales never write), and its state index covers only live items.
# Outbox ids are still never reused: deleting a row records it in `counters`, and every insert takes the
# next id above both the highest row and that mark (`outbox retry ID` and the audit log name ids).
# Each table is rebuilt from its own current definition (columns earlier steps added included), changed
# only as said here.
_V5_CHANGES: dict[str, Callable[[str], str]] = {
    "orders": lambda sql: sql + " WITHOUT ROWID",
    "order_lines": lambda sql: sql + " WITHOUT ROWID",
    "outbox": lambda sql: _replaced(_replaced(
        sql, r"id INTEGER PRIMARY KEY AUTOINCREMENT,[^\n]*",
        "id INTEGER PRIMARY KEY,                   -- never reused: see outbox_ids_never_reused, NEXT_OUTBOX_ID"),
        r"UNIQUE \(kind, ref_id\),\s*", ""),
}

_V5_AFTER = [
    "CREATE INDEX orders_history_due ON orders(history_synced_at) WHERE state = 'delivered' AND history_settled = 0",
    "CREATE INDEX outbox_live ON outbox(state, next_attempt_at) WHERE state IN ('queued', 'sending', 'failed')",
    "CREATE INDEX outbox_by_dependency ON outbox(depends_on_order_id) WHERE depends_on_order_id IS NOT NULL",
    "CREATE UNIQUE INDEX outbox_refund ON outbox(ref_id) WHERE kind = 'refund'",
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    """CREATE TRIGGER outbox_ids_never_reused AFTER DELETE ON outbox
BEGIN
    INSERT INTO counters (name, value) VALUES ('outbox_id', OLD.id)
        ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value);
END""",
]

# The id a new outbox row takes: above every row there is and every row there was.
NEXT_OUTBOX_ID = ("(SELECT max(coalesce((SELECT max(id) FROM outbox), 0),"
                  " coalesce((SELECT value FROM counters WHERE name = 'outbox_id'), 0)) + 1)")


def _replaced(sql: str, pattern: str, replacement: str, count: int = 1) -> str:
    changed, found = re.subn(pattern, replacement, sql, count=count)
    if not found or (count and found != count):
        raise RuntimeError(f"schema migration: a table definition no longer has {pattern!r}")
    return changed


def _rebuild(db: Database, changes: dict[str, Callable[[str], str]], after: Callable[[], None]) -> None:
    """Rebuild tables from their own current definitions, each changed by its function, keeping every row, and
    every view and trigger: they are dropped first (a rename checks them against tables half rebuilt) and
    recreated from their own SQL once `after` has run. Runs with foreign keys off, as SQLite's table rebuild
    requires (db.migrate)."""
    conn = db.conn
    kept = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger')"
                        " AND sql IS NOT NULL ORDER BY type DESC, name").fetchall()
    for kind, name, _ in kept:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    for table, change in changes.items():
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        conn.execute(change(re.sub(rf"^CREATE TABLE \"?{table}\"?", f"CREATE TABLE new_{table}", sql)))
        columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f'PRAGMA table_info("{table}")'))
        conn.execute(f'INSERT INTO "new_{table}" ({columns}) SELECT {columns} FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
        conn.execute(f'ALTER TABLE "new_{table}" RENAME TO "{table}"')
    after()
    for _, _, sql in kept:
        conn.execute(sql)


def _v5(db: Database) -> None:
    """Rebuild the three tables (SQLite cannot add WITHOUT ROWID in place)."""
    conn = db.conn
    high = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()

    def after() -> None:
        for statement in _V5_AFTER:
            conn.execute(statement)
        if high is not None:
            conn.execute("INSERT INTO counters (name, value) VALUES ('outbox_id', ?)", (int(high[0]),))

    _rebuild(db, _V5_CHANGES, after)


# v6 (issue 15): a sale's expired coupon lock is handled like its expired points hold. A `debits` row is now one
# of two kinds per order: `points` (POST /transactions/redeem, as in v4) or `coupon` (POST /coupons/burn of the
# sale's codes); each has its own frozen body and state, and a refused one is the manager's shortfall record.
_V6 = """
CREATE TABLE debits_v6 (
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    kind TEXT NOT NULL DEFAULT 'points' CHECK (kind IN ('points', 'coupon')),
    body BLOB NOT NULL,                       -- POST /transactions/redeem or POST /coupons/burn, frozen
    points INTEGER NOT NULL,                  -- the points debited; 0 for a coupon
    -- sending: may have reached Gameball (checked before sending again); refused: the points or coupon were gone
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'delivered', 'refused')),
    reason TEXT,
    created_at REAL NOT NULL,
    updated_at REAL,
    PRIMARY KEY (order_id, kind)
) WITHOUT ROWID;
INSERT INTO debits_v6 (order_id, kind, body, points, state, reason, created_at, updated_at)
    SELECT order_id, 'points', body, points, state, reason, created_at, updated_at FROM debits;
DROP TABLE debits;
ALTER TABLE debits_v6 RENAME TO debits;

CREATE TRIGGER debits_body_frozen BEFORE UPDATE OF body ON debits
WHEN NEW.body IS NOT OLD.body
BEGIN
    SELECT RAISE(ABORT, 'a debit body is frozen once queued');
END;
"""

# v7 (issue 17): which archive file holds which days. Retention (store/retention.py) removes delivered orders
# past the return period into <data-dir>/archive; a report over a day or a range names the files that hold
# orders of it, so a figure never looks complete when part of it left the database. And the failed list reads
# the live-items index: SQLite uses a partial index only where the WHERE repeats the index's (store/outbox.py
# LIVE), so `state = 'failed'` alone walked a year of delivered rows.
_V7 = """
DROP VIEW failed_items;
CREATE VIEW failed_items AS
SELECT
    id,
    kind,
    ref_id,
    COALESCE(depends_on_order_id, ref_id) AS order_id,
    json_extract(last_error, '$.class') AS error_class,
    json_extract(last_error, '$.status') AS status,
    json_extract(last_error, '$.code') AS code,
    json_extract(last_error, '$.message') AS message,
    json_extract(last_error, '$.requestId') AS request_id,
    failed_at,
    attempts
FROM outbox
WHERE state IN ('queued', 'sending', 'failed') AND state = 'failed';

CREATE TABLE archives (
    file TEXT PRIMARY KEY,                    -- its name in <data-dir>/archive
    first_sold TEXT NOT NULL,                 -- order_date of the oldest order in it (UTC ISO, sorts as time)
    last_sold TEXT NOT NULL,                  -- order_date of the newest
    orders INTEGER NOT NULL,
    cutoff TEXT NOT NULL,                     -- every order in it was sold before this
    archived_at REAL NOT NULL
) WITHOUT ROWID;
"""

# v8 (issue 12): "needs review", an order (or refund) Gameball holds under its id when the documented fields cannot
# tell whether it is this sale: never delivered on a guess, never sent again by itself, a manager decides. The
# state columns' CHECK takes the new value (SQLite cannot alter a CHECK in place: the three tables are rebuilt);
# items earlier versions failed with error class 'review' move to it (and refunds failed only because of such an
# order wait again); `reviews` keeps what Gameball held when the item was judged, for the manager to compare with
# the sale.
_V8_STATES = "('queued', 'sending', 'delivered', 'failed', 'discarded', 'review')"
_V7_LIVE = "state IN ('queued', 'sending', 'failed')"
# Outbox items that may still change: the live-items index's condition, repeated where a query should use it
# (SQLite uses a partial index only where the WHERE repeats the index's).
LIVE = "state IN ('queued', 'sending', 'failed', 'review')"
_V8_CHANGES: dict[str, Callable[[str], str]] = {
    table: lambda sql: _replaced(sql, re.escape(f"state IN {_STATES}"), f"state IN {_V8_STATES}", count=0)
    for table in ("orders", "refunds", "outbox")
}
_V8_AFTER = [
    "CREATE INDEX orders_history_due ON orders(history_synced_at) WHERE state = 'delivered' AND history_settled = 0",
    "CREATE INDEX refunds_by_order ON refunds(order_id)",
    f"CREATE INDEX outbox_live ON outbox(state, next_attempt_at) WHERE {LIVE}",
    "CREATE INDEX outbox_by_dependency ON outbox(depends_on_order_id) WHERE depends_on_order_id IS NOT NULL",
    "CREATE UNIQUE INDEX outbox_refund ON outbox(ref_id) WHERE kind = 'refund'",
    """CREATE TABLE reviews (
    outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id) ON DELETE CASCADE,
    transactions TEXT NOT NULL CHECK (json_valid(transactions)),  -- GET /orders/{id}/transactions as judged
    checked_at REAL NOT NULL
)""",
]


def _v8(db: Database) -> None:
    conn = db.conn

    def after() -> None:
        for statement in _V8_AFTER:
            conn.execute(statement)
        # Triggers are recreated after this: the order and refund rows are moved here alongside. Refunds failed only
        # because their order did wait again: they follow the manager's decision on it.
        review = "state = 'failed' AND json_extract(last_error, '$.class') = 'review'"
        waiting = (f"state = 'failed' AND json_extract(last_error, '$.class') = 'dependency' AND depends_on_order_id"
                   f" IN (SELECT ref_id FROM outbox WHERE kind = 'order' AND {review})")
        conn.execute(f"UPDATE refunds SET state = 'queued'"
                     f" WHERE refund_id IN (SELECT ref_id FROM outbox WHERE {waiting})")
        conn.execute(f"UPDATE outbox SET state = 'queued', failed_at = NULL, last_error = NULL WHERE {waiting}")
        for table, key in (("orders", "order_id"), ("refunds", "refund_id")):
            conn.execute(f"UPDATE {table} SET state = 'review' WHERE {key} IN (SELECT ref_id FROM outbox"
                         f" WHERE kind = ? AND {review})", (table.removesuffix("s"),))
        conn.execute(f"UPDATE outbox SET state = 'review' WHERE {review}")

    _rebuild(db, _V8_CHANGES, after)
    # The failed list repeats the live-items index's condition (v7), which now names 'review' too.
    (view,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'failed_items'").fetchone()
    conn.execute("DROP VIEW failed_items")
    conn.execute(_replaced(view, re.escape(_V7_LIVE), LIVE))


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _step(_V1), _step(_V2), _step(_V3), _step(_V4), _v5, _step(_V6), _step(_V7), _v8)
