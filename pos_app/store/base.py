"""What every part of the store shares: one connection, the clock, and the transaction scopes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pos_app.store import db as dbmod
from pos_app.store.errors import StoreError
from pos_app.store.records import State

Clock = Callable[[], float]


def state_filter(states: Iterable[State | str] | None, column: str = "state") -> tuple[str, list[str]]:
    """A WHERE condition and its parameters: every state for None, no row for an empty list."""
    if states is None:
        return "1", []
    wanted = [State(s).value for s in states]
    if not wanted:
        return "0", []
    return f"{column} IN ({', '.join('?' * len(wanted))})", wanted


class StoreBase:
    """One connection to the store; confined to the thread that opened it."""

    def __init__(
        self, db: Database, *, path: Path, clock: Clock = time.time, terminal_id: str | None = None
    ) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.terminal_id = terminal_id
        self._write_depth = 0
        self._write_durable = True
        self._relaxed_commits = 0

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def write(self, *, durable: bool = True) -> Iterator[None]:
        """A `BEGIN IMMEDIATE` transaction. Nested blocks join the outer one, so a caller can make
        several store calls (say, mark delivered and store its transactions) commit together.
        `durable=False`: see db.write; a durable block cannot join a transaction that is not."""
        if self._write_depth:
            if durable and not self._write_durable:
                raise StoreError("a durable write cannot join a transaction committed without waiting for the disk")
            self._write_depth += 1
            try:
                yield
            finally:
                self._write_depth -= 1
            return
        with dbmod.write(self.db, durable=durable):
            self._write_depth, self._write_durable = 1, durable
            try:
                yield
            finally:
                self._write_depth, self._write_durable = 0, True
        if not durable:
            self._relaxed_commits += 1
            if self._relaxed_commits % dbmod.CHECKPOINT_EVERY == 0:
                dbmod.checkpoint(self.db)

    @contextmanager
    def read(self) -> Iterator[None]:
        """One snapshot for several queries; inside `write()` it is that transaction."""
        with dbmod.read(self.db):
            yield

    def _now(self, now: float | None = None) -> float:
        return self.clock() if now is None else now

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        return next(iter(self._all(sql, params)), None)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, list(params)))

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement (inside `write()`) and return how many rows it changed."""
        return self.db.execute(sql, list(params)).rowcount
