"""Where the terminal keeps its database, logs and lock: platformdirs, overridable with --data-dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from pos_app import private_files

APP_NAME = "pos-app"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | Path | None = None) -> Path:
    """The data directory, created (0700) if missing. The override wins (IT, tests, several test instances)."""
    path = Path(override).expanduser().resolve() if override else default_data_dir()
    return private_files.make_directory(path)


def log_dir(data_dir: Path) -> Path:
    return private_files.make_directory(data_dir / "logs")
