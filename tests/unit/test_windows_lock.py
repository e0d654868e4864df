"""installer/requirements-windows.txt (the win_amd64 lock the Windows build installs with --require-hashes) must
pin every runtime dependency of pyproject.toml: a dependency added to pyproject without re-running
installer/lock-windows.sh builds a frozen app that fails at import on Windows, which no Linux test would notice.
installer/check-linux.sh checks the same, but only after minutes of setup; this fails in the ordinary test run."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "installer" / "requirements-windows.txt"
# `name==version \` at the start of a line; hashes, comments and `# via` lines are indented or start with #.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)


def locked_pins(text: str) -> dict[str, str]:
    """The lock's pins by PEP 503 normalised name."""
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def unlocked(dependencies: list[str], lock_text: str) -> list[str]:
    """The dependencies the lock does not pin at a version their specifier allows, each with the reason."""
    pins = locked_pins(lock_text)
    problems = []
    for spec in dependencies:
        req = Requirement(spec)
        have = pins.get(canonicalize_name(req.name))
        if have is None:
            problems.append(f"{req.name} is not pinned")
        elif not req.specifier.contains(have, prereleases=True):
            problems.append(f"{req.name}=={have} does not satisfy {spec}")
    return problems


def test_every_runtime_dependency_is_pinned_in_the_windows_lock():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    assert dependencies, "pyproject.toml lists no runtime dependencies: this test would prove nothing"
    problems = unlocked(dependencies, LOCK.read_text("utf-8"))
    assert not problems, f"{LOCK.name} is stale, run installer/lock-windows.sh: {'; '.join(problems)}"


def test_names_are_compared_per_pep_503_and_a_missing_or_out_of_range_pin_is_reported():
    lock = ("pyside6-essentials==6.12.0 \\\n    --hash=sha256:00\n    # via pos-app\n"
            "sqlite-utils==4.2.1 \\\n    --hash=sha256:11\n")
    assert unlocked(["PySide6_Essentials>=6.6", "SQLite.Utils>=3.36"], lock) == []
    assert unlocked(["truststore>=0.9"], lock) == ["truststore is not pinned"]
    assert unlocked(["sqlite-utils<4"], lock) == ["sqlite-utils==4.2.1 does not satisfy sqlite-utils<4"]
