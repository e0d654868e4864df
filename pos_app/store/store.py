"""The Store: one connection to the terminal's database with every operation the app needs."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from pos_app import private_files
from pos_app.store import db as dbmod
from pos_app.store import health
from pos_app.store.base import Clock
from pos_app.store.customer_cache import CustomerCacheMixin
from pos_app.store.debits import DebitsMixin
from pos_app.store.export import ExportMixin
from pos_app.store.history import HistoryMixin
from pos_app.store.holds import HoldsMixin
from pos_app.store.local_data import LocalDataMixin
from pos_app.store.orders import OrdersMixin
from pos_app.store.outbox import OutboxMixin
from pos_app.store.reports import ReportsMixin
from pos_app.store.retention import RetentionMixin
from pos_app.store.reviews import ReviewsMixin


class Store(OrdersMixin, ReviewsMixin, OutboxMixin, DebitsMixin, HistoryMixin, LocalDataMixin, HoldsMixin,
            ExportMixin, ReportsMixin, CustomerCacheMixin, RetentionMixin):
    """The terminal's SQLite store.

    A Store is one connection and is confined to the thread that opened it (sqlite3 raises if
    another thread uses it). Each thread, and each process such as `pos-app outbox list`, opens its
    own with `Store.open`; WAL, the busy timeout and `BEGIN IMMEDIATE` writes make that safe.
    Only the holder of the SenderLock may drive the outbox (due, mark_*, recover_after_restart).
    """

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, clock: Clock = time.time, terminal_id: str | None = None
    ) -> Store:
        """Open (creating if needed) and migrate the database at path.

        Raises DatabaseLost when a used data directory's database is missing, empty or without schema, and
        StorageFailure (one sentence naming the file and the cause) when SQLite or the OS cannot open it.
        """
        database = Path(path)
        health.check_not_lost_before_open(database)
        try:
            db = dbmod.connect(database)
        except (sqlite3.Error, OSError) as error:
            raise health.StorageFailure(database, health.plain_cause(error), health.state_of(error)) from error
        try:
            health.check_not_lost_after_open(database, dbmod.schema_version(db))
            dbmod.migrate(db)
            health.mark_used(database)
        except (sqlite3.Error, OSError) as error:
            db.close()
            raise health.StorageFailure(database, health.plain_cause(error), health.state_of(error)) from error
        except BaseException:
            db.close()
            raise
        return cls(db, path=database, clock=clock, terminal_id=terminal_id)

    @classmethod
    def open_in(
        cls, data_dir: str | os.PathLike[str], *, clock: Clock = time.time, terminal_id: str | None = None
    ) -> Store:
        """Open the database in a data directory (`--data-dir`), creating the directory if needed."""
        try:
            directory = private_files.make_directory(Path(data_dir))
        except OSError as error:
            raise health.StorageFailure(Path(data_dir) / dbmod.DB_FILENAME, health.plain_cause(error)) from error
        return cls.open(directory / dbmod.DB_FILENAME, clock=clock, terminal_id=terminal_id)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return dbmod.schema_version(self.db)

    def quick_check(self) -> list[str]:
        """Damage SQLite's quick check finds (run in the background at start); empty when healthy."""
        return dbmod.quick_check(self.db)

    def integrity_check(self) -> list[str]:
        """Problems SQLite finds in the file (for `--self-test`); empty when healthy."""
        return dbmod.integrity_check(self.db)
