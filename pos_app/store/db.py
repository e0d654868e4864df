"""Opening the database, explicit transactions and schema migration.

Every connection gets the same pragmas (FIELD-NOTES: they are per connection): WAL so readers
such as `pos-app outbox list` never block the sender, `synchronous=FULL` so an acknowledged
order survives a power cut (DESIGN rule 1), a busy timeout, and foreign keys. The driver runs in
autocommit mode (`isolation_level=None`) and every write is an explicit `BEGIN IMMEDIATE`, which
takes the write lock up front so the busy timeout applies instead of a deadlock between two
read-then-write transactions.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from pos_app import private_files
from pos_app.domain.storage import StorageState
from pos_app.store.errors import SchemaTooNew, StoreError
from pos_app.store.health import state_of
from pos_app.store.schema import MIGRATIONS

log = logging.getLogger(__name__)

DB_FILENAME = "pos-app.sqlite3"
BUSY_TIMEOUT_MS = 5000
# The engine copies the WAL into the database every this many of its commits that need not wait for the disk
# (two an order delivered), outside the writer lock, so that while it drains the WAL stays below SQLite's
# automatic checkpoint (1,000 pages): the commit that crosses that, often a sale's, copies 4 MB and fsyncs the
# database file while every other writer waits (engine holds up to 243 ms at load 12, bench/accept.py).
CHECKPOINT_EVERY = 100
SCHEMA_VERSION = len(MIGRATIONS)

# Writers in one process (bridge, till, sync engine) queue on a lock per database file before BEGIN IMMEDIATE.
# SQLite's own busy handler sleeps and polls (1, 2, 5 ... 100 ms), so a sale arriving while the engine commits
# would wait tens of milliseconds for a lock freed in one; a lock wakes it the moment the engine lets go.
# Other processes (the CLI) still meet the busy timeout.
class WriterLock:
    """A lock handed to its waiters in arrival order: the engine recording a batch chunk after chunk cannot
    take it back before a sale that arrived meanwhile (a plain Lock lets the releasing thread win again)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held and not self._waiters:
                self._held = True
                return True
            turn = threading.Event()
            self._waiters.append(turn)
        if turn.wait(timeout):
            return True
        with self._mutex:
            if turn in self._waiters:
                self._waiters.remove(turn)
                return False
        return True  # handed over between the timeout and the mutex

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().set()  # ownership passes straight to the next in line
            else:
                self._held = False


_WRITERS: dict[str, WriterLock] = {}
_WRITERS_LOCK = threading.Lock()


def _writer_lock(path: str | os.PathLike[str]) -> WriterLock:
    key = os.path.realpath(path)
    with _WRITERS_LOCK:
        return _WRITERS.setdefault(key, WriterLock())


def connect(path: str | os.PathLike[str]) -> Database:
    """A configured connection to the database file, created if missing; not migrated.

    The connection belongs to the calling thread (sqlite3 refuses use from another one).
    """
    if os.fspath(path) in ("", ":memory:"):
        raise StoreError("the store needs a database file; WAL does not apply to memory databases")
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        # Before WAL is enabled: SQLite gives -wal and -shm the database file's mode.
        private_files.restrict(path)
        _configure(conn)
        private_files.restrict(f"{os.fspath(path)}-wal", f"{os.fspath(path)}-shm")
    except BaseException:
        conn.close()
        raise
    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    db.writer_lock = _writer_lock(path)  # type: ignore[attr-defined]
    return db


def _configure(conn: sqlite3.Connection) -> None:
    # busy_timeout first: switching to WAL needs a lock that another process may hold.
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = _enable_wal(conn)
    if str(mode).lower() != "wal":
        raise StoreError(f"the database could not be switched to WAL (journal_mode is {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _enable_wal(conn: sqlite3.Connection) -> str:
    """WAL persists in the file, so only a new database needs switching. Asking to switch anyway can fail at
    once with "database is locked" while another connection is writing: SQLite does not always call the busy
    handler for it. So read the mode first, and retry the switch itself until the busy timeout runs out."""
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while mode.lower() != "wal":
        try:
            mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    return mode


def pragmas(db: Database) -> dict[str, object]:
    """The settings that rule 1 depends on, as the connection reports them (for tests and self-test)."""
    return {
        name: db.conn.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
    }


@contextmanager
def write(db: Database, *, durable: bool = True) -> Iterator[Database]:
    """One write transaction: `BEGIN IMMEDIATE`, then COMMIT, or ROLLBACK if the block raises.

    `durable=False` commits without waiting for the disk (`synchronous=NORMAL` for this transaction only): for
    what the engine can learn again from Gameball (a delivery's outcome, pulled history). A power cut may lose
    such a commit, never corrupt it, and the next durable commit on the file (WAL is appended in order) makes it
    and everything before it durable. Orders and refunds are always accepted durably (DESIGN rule 1).
    """
    if db.conn.in_transaction:
        raise StoreError("a transaction is already open on this connection")
    lock: WriterLock | None = getattr(db, "writer_lock", None)
    # Bounded: a thread writing through two connections at once falls back to the busy timeout, not a deadlock.
    held = lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000) if lock is not None else False
    try:
        if not durable:
            db.conn.execute("PRAGMA synchronous = NORMAL")
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.conn.execute("COMMIT")
        except BaseException:
            # Some errors (disk full, I/O) have already rolled the transaction back.
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
    finally:
        if not durable:
            db.conn.execute("PRAGMA synchronous = FULL")
        if held:
            lock.release()  # type: ignore[union-attr]


def checkpoint(db: Database) -> None:
    """Copy the WAL into the database without taking the write lock or waiting for readers (PASSIVE): writers
    keep appending meanwhile, and what a reader still needs is copied next time."""
    db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


@contextmanager
def read(db: Database) -> Iterator[Database]:
    """A read transaction, so several queries see one snapshot; joins a transaction already open."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")


def schema_version(db: Database) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to `target` (default: the latest) and return the version reached.

    All pending steps run in one write transaction, with `user_version` set inside it, so a crash
    or a second process starting at the same moment sees either the old schema or the new one.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"no schema version {target}; the latest is {SCHEMA_VERSION}")
    if schema_version(db) == target:
        return target  # the common case takes no write lock, so a reader does not queue behind the sender
    # A step may rebuild a table, which SQLite requires with foreign keys off (the pragma is a no-op inside a
    # transaction); they are checked before the commit instead, so a bad step commits nothing.
    db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with write(db):
            current = schema_version(db)  # again, under the lock: another process may have migrated meanwhile
            if current > SCHEMA_VERSION:
                raise SchemaTooNew(current, SCHEMA_VERSION)
            for version in range(current + 1, target + 1):
                MIGRATIONS[version - 1](db)
                db.execute(f"PRAGMA user_version = {version}")
                log.info("database schema migrated to version %d", version)
            broken = db.conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"migration left {len(broken)} row(s) referring to missing rows: {broken[:3]}")
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")
    return max(current, target)


def quick_check(db: Database) -> list[str]:
    """SQLite's quick_check (pages and records, no index contents): empty when the file looks sound."""
    try:
        return [row[0] for row in db.conn.execute("PRAGMA quick_check") if row[0] != "ok"]
    except sqlite3.DatabaseError as error:
        if state_of(error) is not StorageState.DAMAGED:
            raise
        return [str(error)]  # damaged beyond what the check itself can read


def integrity_check(db: Database) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks; an empty list means healthy."""
    problems = [row[0] for row in db.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _ in db.conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    return problems
