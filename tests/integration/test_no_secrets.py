"""A whole trading day at DEBUG logging, then every file the terminal wrote is searched for the keys, the
PIN, the bridge token and card numbers: none may be there (DESIGN.md rules 6 and 7)."""

import io
import logging
import re
import sqlite3
from dataclasses import replace
from datetime import datetime

import httpx
import pytest
from engine_helpers import fast_options
from sandbox_helpers import wait_until

from pos_app import cli
from pos_app.config import secrets
from pos_app.config.logs import setup_logging
from pos_app.config.pin import ManagerGuard
from pos_app.crash import CrashReporter
from pos_app.domain.cards import contains_card_number
from pos_app.runtime import Runtime, load_settings
from pos_app.sandbox import Sandbox
from pos_app.store.store import Store

API_KEY, SECRET_KEY = "live-api-key-7c1e9a", "live-secret-key-b82f4d"
PIN = "73915"
CARD = "5555555555554444"


@pytest.fixture
def restore_logging():
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_pos_app", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)


def _wait_state(http, order_id, state):
    wait_until(lambda: http.get(f"/v1/orders/{order_id}").json().get("state") == state, timeout=15)


def test_a_full_day_leaves_no_secret_or_card_number_anywhere(tmp_path, memory_keyring, monkeypatch, capsys,
                                                             restore_logging):
    data = tmp_path / "terminal"
    exports = data / "exports"
    exports.mkdir(parents=True)
    with Sandbox(port=0, api_key=API_KEY, secret_key=SECRET_KEY, demo=True) as sandbox:
        # Setup, as IT would do it: settings, keys from stdin, a manager PIN, a bridge token.
        assert cli.main(["config", "set", "--reason=test", f"api_base={sandbox.url}", "merchant_id=M1", "branch_id=B1",
                         "--data-dir", str(data)]) == 0
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{API_KEY}\n{SECRET_KEY}\n"))
        assert cli.main(["config", "set-keys", "--reason=test", "--data-dir", str(data)]) == 0
        with Store.open_in(data) as store:
            ManagerGuard(store).set_pin(PIN)
        token = secrets.bridge_token(env={})
        monkeypatch.setattr("getpass.getpass", lambda prompt="": PIN)

        setup_logging(data, logging.DEBUG, console=False)
        reporter = CrashReporter(data)
        settings = replace(load_settings(data), bridge_port=0)  # any free port, for the test
        runtime = Runtime.build(data, settings, secrets.load_credentials(env={}), token)
        fast_options(runtime)
        runtime.start()
        try:
            http = httpx.Client(base_url=runtime.bridge.url, headers={"Authorization": f"Bearer {token}"})
            sale = {"customerId": "demo-amira", "totalPaid": 30, "mobile": "+971501234567",
                    "email": "amira.haddad@example.com",
                    "lineItems": [{"productId": "P-1001", "quantity": 1, "price": 30}]}
            assert http.post("/v1/orders", json={**sale, "orderId": "DAY-1"}).status_code == 202
            _wait_state(http, "DAY-1", "delivered")
            sandbox.faults.refuse()
            assert http.post("/v1/orders", json={**sale, "orderId": "DAY-2"}).status_code == 202
            card = http.post("/v1/orders", json={**sale, "orderId": "DAY-3", "extra": {"note": CARD}})
            assert card.status_code == 422 and CARD not in card.text
            sandbox.faults.clear()
            _wait_state(http, "DAY-2", "delivered")
            sandbox.faults.poison(order_id="DAY-4", code=3003)
            http.post("/v1/orders", json={**sale, "orderId": "DAY-4"})
            _wait_state(http, "DAY-4", "failed")
            assert http.post("/v1/refunds", json={"refundTransactionId": "DAY-R1", "reverseTransactionId": "DAY-1",
                                                  "refundAmount": 10}).status_code == 202
            wait_until(lambda: http.get("/v1/orders/DAY-1").json()["refunds"][0]["state"] == "delivered",
                       timeout=15)
            try:
                raise RuntimeError(f"forced crash with {SECRET_KEY} {API_KEY} {token} {CARD}")
            except RuntimeError as error:
                assert reporter.report(type(error), error, error.__traceback__, "test") is not None
        finally:
            runtime.stop()

        today = datetime.now().astimezone().date().isoformat()
        assert cli.main(["report", "history", "--from", today, "--to", today, str(exports / "history.csv"),
                         "--data-dir", str(data)]) == 0
        assert cli.main(["report", "day", "--csv", str(exports / "day.csv"), "--data-dir", str(data)]) == 0
        assert cli.main(["outbox", "export", str(exports / "outbox.csv"), "--data-dir", str(data)]) == 0
        assert cli.main(["config", "export", str(exports / "terminal.toml"), "--data-dir", str(data)]) == 0
    capsys.readouterr()

    with sqlite3.connect(data / "pos-app.sqlite3") as db:
        rows = db.execute("SELECT order_id, state, mobile, email FROM orders ORDER BY order_id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("DAY-1", "delivered"), ("DAY-2", "delivered"), ("DAY-4", "failed")]
    assert all(r[2] is None and r[3] is None for r in rows if r[1] == "delivered")  # rule 7

    files = [p for p in data.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert any(p.suffix == ".log" for p in files) and any("crash" in p.name for p in files)
    assert len([p for p in files if p.parent == exports]) == 4
    needles = [API_KEY, SECRET_KEY, PIN, token]
    for path in files:
        content = path.read_bytes().decode("utf-8", errors="replace")
        for needle in needles:
            assert needle not in content, f"a secret in {path.name}"
        # Gameball's requestIds and hold references are random hex: a run of digits inside one is no card.
        content = re.sub(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", " ", content)
        for run in re.findall(r"\d[\d -]{11,}\d", content):
            assert not contains_card_number(run), f"a card-like number in {path.name}"
