"""Telling storage failures apart, the marker of a used data directory, and plain start-up errors.

A database that lost its contents (0 bytes, deleted, no schema) would otherwise look like a new
terminal and the queue would vanish without a word; the marker, written beside the database once it
has a schema, says this directory held a queue before.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from pathlib import Path

from pos_app import private_files
from pos_app.domain.storage import StorageState
from pos_app.store.errors import StoreError

log = logging.getLogger(__name__)

MARKER_SUFFIX = ".in-use"

# SQLite's primary result codes (sqlite.org/rescode.html).
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26


def state_of(error: BaseException) -> StorageState | None:
    """DAMAGED or FULL when `error` is SQLite saying so; None for anything else ("locked" included)."""
    if isinstance(error, StorageFailure):
        return error.state
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return StorageState.DAMAGED
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return StorageState.FULL
    return None


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + MARKER_SUFFIX)


class DatabaseLost(StoreError):
    """The directory held a queue (its marker exists) but the database is missing, empty or has no schema."""

    def __init__(self, database: Path, what: str) -> None:
        marker = marker_path(database)
        super().__init__(
            f"the database {database} {what}, but this data directory held a queue before ({marker.name} is "
            f"there), so the orders it held would be lost without a word; restore the database from a backup, "
            f"or, to start this terminal with an empty queue on purpose, delete {marker}")
        self.database = database


class StorageFailure(StoreError):
    """The database could not be opened or read; the message is one sentence naming the file and the cause."""

    def __init__(self, database: Path, cause: str, state: StorageState | None = None) -> None:
        super().__init__(f"cannot use the database {database}: {cause}")
        self.database = database
        self.state = state


def check_not_lost_before_open(database: Path) -> None:
    """Before connecting (which would create an empty file): refuse a missing or empty database of a used directory."""
    if not marker_path(database).exists():
        return
    try:
        size = database.stat().st_size
    except FileNotFoundError:
        raise DatabaseLost(database, "is missing") from None
    if size == 0:
        raise DatabaseLost(database, "is empty (0 bytes)")


def check_not_lost_after_open(database: Path, schema_version: int) -> None:
    """A file with a header but no schema (say, truncated to its first page) in a used directory."""
    if schema_version == 0 and marker_path(database).exists():
        raise DatabaseLost(database, "has no schema")


def mark_used(database: Path) -> None:
    """Write the marker once the database has a schema; durable, so a crash cannot leave a schema without it."""
    marker = marker_path(database)
    if marker.exists():
        return
    with open(marker, "w", encoding="ascii", opener=private_files.opener) as handle:
        handle.write("this data directory holds a pos-app queue; see README (storage) before deleting\n")
        handle.flush()
        os.fsync(handle.fileno())
    log.info("data directory marked as used: %s", marker)


def plain_cause(error: BaseException) -> str:
    """What went wrong opening the database, in words a person at the terminal can act on."""
    state = state_of(error)
    if state is StorageState.DAMAGED:
        return "the file is damaged or is not a pos-app database (restore it from a backup; " \
               "`pos-app outbox export` can still save the readable orders)"
    if state is StorageState.FULL:
        return "the disk is full (free some space and start again)"
    text = str(error).lower()
    if isinstance(error, PermissionError) or getattr(error, "errno", None) in (errno.EACCES, errno.EROFS) \
            or "readonly" in text or "read-only" in text:
        return "the file or its folder is read-only (the program needs to write there)"
    if "unable to open" in text:
        return "the file or its folder cannot be opened (check that the folder exists and is writable)"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
