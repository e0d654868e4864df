"""Where the bundled resources live: an installed wheel, the source tree (editable install) or a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """The `resources/` directory; raises FileNotFoundError naming the places looked at."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")  # a wheel: setup.py maps resources/ to pos_app/_resources
    candidates.append(_PACKAGE_DIR.parent / "resources")  # a checkout or an editable install
    for path in candidates:
        if (path / "gameball" / "openapi.json").is_file():
            return path
    raise FileNotFoundError("resources/ not found; looked in " + ", ".join(str(p) for p in candidates))


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
