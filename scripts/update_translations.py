"""Extract the cashier's strings into resources/translations/*.ts and compile the .qm files the app loads.

    python scripts/update_translations.py            # lupdate, then lrelease
    python scripts/update_translations.py --release  # lrelease only (after translating in Qt Linguist)

pyside6-lupdate reads every `self.tr("...")`, `QCoreApplication.translate(...)` and `QT_TRANSLATE_NOOP(...)` in
pos_app/ui and its packages, and merges new strings into the existing .ts files, keeping translations already
made and marking strings that disappeared as vanished (dropped with -no-obsolete). Translate with
`pyside6-linguist` or by editing the XML; unfinished strings show in English.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "pos_app" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en", "ar")


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (a venv's bin/Scripts), else on PATH."""
    beside = Path(sys.executable).parent / name
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"pos_app_{language}.ts"


def update() -> None:
    sources = sorted(str(path) for path in SOURCES.rglob("*.py"))  # pos_app/ui/manager/ too
    for language in LANGUAGES:
        subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-source-language", "en",
                        "-target-language", language, "-ts", str(ts_file(language))], check=True)


def release() -> None:
    for language in LANGUAGES:
        subprocess.run([tool("pyside6-lrelease"), str(ts_file(language)), "-qm",
                        str(TRANSLATIONS / f"pos_app_{language}.qm")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="compile the .qm files only")
    args = parser.parse_args()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if not args.release:
        update()
    release()


if __name__ == "__main__":
    main()
