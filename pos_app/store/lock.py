"""One sender per data directory (DESIGN rule 2): an OS file lock (pos_app.file_lock) held for the life of the
process, so a crash never leaves a stale lock."""

from __future__ import annotations

import os
from pathlib import Path

from pos_app.file_lock import FileLock

LOCK_FILENAME = "sender.lock"


class SenderLock(FileLock):
    """`acquire()` once at start-up; keep the object alive while the process sends."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        super().__init__(Path(data_dir) / LOCK_FILENAME)
