"""`pos-app --self-test`: start the parts offscreen, check each, exit 0 or say what is wrong."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from pos_app import __version__


def _resources() -> str:
    from pos_app.resources import resource_path
    from pos_app.sandbox.spec import validate_request

    for part in (("gameball", "openapi.json"), ("demo", "customers.json"), ("demo", "catalogue.json")):
        if not resource_path(*part).is_file():
            raise FileNotFoundError("/".join(part))
    validate_request("POST", "/api/v4.0/integrations/orders/cashback",
                     {"totalPaid": 1, "totalDiscount": 0, "totalShipping": 0})
    return str(resource_path())


def _phone_numbers() -> str:
    # phonenumbers loads each region's metadata by module name at run time: a frozen bundle that missed them
    # would reject every phone number at the till. Three regions, local and international forms.
    from pos_app.domain.customer_id import normalise_phone

    samples = {("010 0123 4567", "EG"): "+201001234567", ("+971 50 123 4567", "AE"): "+971501234567",
               ("0501234567", "SA"): "+966501234567"}
    for (text, region), expected in samples.items():
        got = normalise_phone(text, region)
        if got != expected:
            raise RuntimeError(f"{text!r} in {region} gave {got!r}, expected {expected!r}")
    return f"{len(samples)} regions"


def _database(data_dir: Path) -> Callable[[], str]:
    def check() -> str:
        from pos_app.store.store import Store

        with Store.open_in(data_dir) as store:
            # The queue, not every page: a year of history would make this minutes (`pos-app outbox check`).
            problems = store.check_queue()
            if problems:
                raise RuntimeError("; ".join(problems[:5]))
            return f"schema v{store.schema_version()}, {store.pending_count()} pending (queue verified), {data_dir}"

    return check


def _keyring() -> str:
    from pos_app.config import secrets

    backend = secrets.choose_backend()
    name = secrets.backend_name(backend)
    if not secrets.is_secure(backend):
        raise RuntimeError(f"{name} is not a secure credential store: keys cannot be stored here "
                           f"(headless mode with {secrets.ENV_API_KEY}/{secrets.ENV_SECRET_KEY} still works)")
    return secrets.round_trip()


def _sandbox_roundtrip() -> str:
    from pos_app.gameball.client import GameballClient
    from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox

    with Sandbox(port=0, demo=True) as sandbox, GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        config = client.cashback_configuration()
    return f"cashback rate {config.rate}"


def _qt() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("self-test")
    label.grab()
    del app
    return f"PySide6 {pyside_version}"


def run_self_test(args: argparse.Namespace) -> int:
    from pos_app.config.paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="pos-app-selftest-"))
    checks: list[tuple[str, Callable[[], str], bool]] = [
        ("resources", _resources, True),
        ("phone numbers", _phone_numbers, True),
        ("database", _database(data_dir), True),
        ("gameball client + sandbox", _sandbox_roundtrip, True),
        ("qt", _qt, True),
        # A missing secure store is reported, not fatal: headless terminals use environment credentials.
        ("credential store", _keyring, False),
    ]
    print(f"pos-app {__version__} self-test")
    failed = 0
    for name, check, required in checks:
        try:
            detail = check()
        except Exception as error:  # the self-test reports every failure instead of stopping at the first
            marker = "FAIL" if required else "WARN"
            failed += required
            print(f"  {marker} {name}: {type(error).__name__}: {error}")
        else:
            print(f"  ok   {name}: {detail}")
    print("self-test passed" if not failed else f"self-test failed: {failed} check(s)")
    return 1 if failed else 0
