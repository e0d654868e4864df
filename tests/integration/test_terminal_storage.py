"""Issue 13 (3) on a real terminal in this process: SQLite's own SQLITE_FULL (forced with max_page_count, so no
root or small disk is needed) becomes 507 storage_full, /v1/status says full, and nothing accepted is lost;
a full disk while sending loses no answer and rewards no order twice."""

import sqlite3

import httpx
import pytest
from engine_helpers import fast_options, order_state, sell
from sandbox_helpers import wait_until

from pos_app.config import secrets
from pos_app.config.settings import Settings
from pos_app.domain.storage import StorageState
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox
from pos_app.store import db as dbmod
from pos_app.store.outbox import OutboxMixin
from pos_app.store.store import Store

TOKEN = "bridge-token-for-tests-0123456789"


@pytest.fixture
def page_limit(monkeypatch):
    """`limit[0] = n` caps every connection opened from then on at n pages (the bridge opens one per thread)."""
    limit: list[int | None] = [None]
    connect = dbmod.connect

    def limited(path):
        db = connect(path)
        if limit[0] is not None:
            db.conn.execute(f"PRAGMA max_page_count = {limit[0]}")
        return db

    monkeypatch.setattr(dbmod, "connect", limited)
    return limit


@pytest.fixture
def till(tmp_path, page_limit):
    with Sandbox(port=0, demo=True) as sandbox:
        sandbox.faults.refuse()  # orders stay queued: everything acknowledged must still be there
        settings = Settings(api_base=sandbox.url, currency="USD", bridge_port=0)
        runtime = Runtime.build(tmp_path, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), TOKEN)
        fast_options(runtime)
        runtime.start()
        # One connection per request: each is served on a new thread, with a new store connection.
        headers = {"Authorization": f"Bearer {TOKEN}", "Connection": "close"}
        with httpx.Client(base_url=runtime.bridge.url, headers=headers) as http:
            yield runtime, http
        runtime.stop()


def _order(number):
    return {"customerId": "demo-amira", "orderId": f"FULL-{number}", "totalPaid": 10, "totalPrice": 10,
            "lineItems": [{"productId": "P-1001", "quantity": 1, "price": 10}]}


def test_sqlite_full_is_507_storage_full_then_accepts_again_when_space_is_back(till, page_limit):
    runtime, http = till
    acknowledged = [http.post("/v1/orders", json=_order(n)).json()["orderId"] for n in range(5)]
    with Store.open_in(runtime.data_dir) as store:
        page_limit[0] = store.db.conn.execute("PRAGMA page_count").fetchone()[0]

    answers = [http.post("/v1/orders", json=_order(n)) for n in range(5, 400)]
    codes = {a.status_code for a in answers}
    assert codes <= {202, 507} and 507 in codes
    acknowledged += [a.json()["orderId"] for a in answers if a.status_code == 202]
    refused = next(a for a in answers if a.status_code == 507)
    assert refused.json()["error"]["code"] == "storage_full" and refused.headers["Retry-After"]
    status = http.get("/v1/status").json()
    assert status["storage"] == "full" and "full" in status["message"]

    page_limit[0] = None  # space freed
    again = http.post("/v1/orders", json=_order(1000))
    assert again.status_code == 202
    assert http.get("/v1/status").json()["storage"] == "ok"
    with Store.open_in(runtime.data_dir) as store:
        assert all(store.get_order(order_id) is not None for order_id in acknowledged)


def test_a_full_disk_while_sending_is_told_and_the_order_is_rewarded_once_when_space_is_back(
        terminal, sandbox, monkeypatch):
    """Gameball applied the order but the disk was full when the answer was to be written: the status says
    full, and once space is back the order is confirmed (not sent again) and delivered."""
    real = OutboxMixin.mark_delivered
    full = [True]

    def mark_delivered(self, *args, **kwargs):
        if full[0]:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(OutboxMixin, "mark_delivered", mark_delivered)
    terminal.engine.options.full_retry = 0.1
    order = sell(terminal)
    terminal.start()
    wait_until(lambda: terminal.engine.status.storage is StorageState.FULL)
    assert "full" in terminal.service.status().message and terminal.service.status().storage == "full"
    full[0] = False
    wait_until(lambda: order_state(terminal, order) == "delivered", timeout=10)
    wait_until(lambda: terminal.engine.status.storage is StorageState.OK)
    assert sandbox.order_report(order)["rewarded"] == 1
