"""Files only the terminal's own user may read or write, whatever the umask (issue 13.7).

The data directory holds customers' phone numbers and e-mail addresses until delivery, the audit log and
the logs: on POSIX it is created 0700 and every file the product writes there is 0600. Windows access
rules are set by the installer (POSIX modes mean little there), so these calls change nothing on Windows.
Imported by config, store and crash alike, so it imports nothing of pos_app.
"""

from __future__ import annotations

import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def make_directory(path: Path) -> Path:
    """Create `path` (and missing parents) if needed; the directory itself is created 0700. An existing
    directory keeps its mode: IT may have set it on purpose."""
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    return path


def opener(path: str, flags: int) -> int:
    """For `open(..., opener=opener)`: the file is 0600, also when it existed before with a wider mode."""
    fd = os.open(path, flags, FILE_MODE)
    if _POSIX:
        os.fchmod(fd, FILE_MODE)
    return fd


def restrict(*paths: str | os.PathLike[str]) -> None:
    """Make existing files 0600 (SQLite creates its files 0644 less the umask, and a lock may predate us)."""
    if not _POSIX:
        return
    for path in paths:
        try:
            os.chmod(path, FILE_MODE)
        except FileNotFoundError:
            pass
