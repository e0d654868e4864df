"""An OS file lock held for the life of the process: one sender, or one till window, per data directory.

The OS drops the lock when the process dies, however it dies, so a crash never leaves a stale
lock. The holder's pid is written in the file so a refused instance can say who holds it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from pos_app import private_files

log = logging.getLogger(__name__)

if sys.platform == "win32":
    import msvcrt

    # Windows locks are mandatory: lock one byte far past the pid so others can still read the pid.
    _WIN_LOCK_OFFSET = 1 << 20

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock, not fcntl record locks: those are per process, so a second open in the same
        # process would also "succeed" and two holders could run in one app.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    """`acquire()` once; keep the object alive while the process holds what the lock stands for."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False if another holder has it (see holder_pid)."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = private_files.opener(os.fspath(self.path), os.O_RDWR | os.O_CREAT)
        try:
            if not _try_lock(fd):
                os.close(fd)
                log.debug("another process holds %s (pid %s)", self.path, self.holder_pid())
                return False
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        log.info("lock acquired: %s", self.path)
        return True

    def held_elsewhere(self) -> bool:
        """Whether another process (or another FileLock on the same file) holds the lock right now; takes nothing."""
        if self._fd is not None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            if not _try_lock(fd):
                return True
            _unlock(fd)
            return False
        finally:
            os.close(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def holder_pid(self) -> int | None:
        """The pid written by the last holder; None if unreadable or being written right now."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None
