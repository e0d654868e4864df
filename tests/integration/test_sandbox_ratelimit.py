"""Gameball's rate limits in the sandbox: 429s, Retry-After, scaled windows, and the statistics."""

import httpx
import pytest
from sandbox_helpers import checked, client_for, error_code, wait_until

from pos_app.domain.endpoints import bucket_for
from pos_app.sandbox import Sandbox

PROBE = "/orders/NOPE/transactions"  # Orders (Tracking): 30/s, 360/30 s; 404 9002 is admitted all the same


def test_over_30_per_second_is_429_with_retry_after(gb, sandbox):
    codes = [gb.get(PROBE).status_code for _ in range(31)]
    assert codes == [404] * 30 + [429]
    limited = gb.get(PROBE)
    assert limited.status_code == 429
    assert error_code(limited) == 429
    checked(limited, "GET", "/orders/{orderId}/transactions")
    assert limited.headers["Retry-After"] == "1"
    # Other buckets are not touched.
    preview = gb.post("/orders/cashback", json={"totalPaid": 10, "totalDiscount": 0, "totalShipping": 0})
    assert preview.status_code == 200
    stats = sandbox.stats()
    orders = stats["buckets"]["orders_tracking"]
    assert (orders["requests"], orders["limited"], orders["max_1s"]) == (32, 2, 32)
    assert stats["rate_limited"] == 2
    assert stats["exceeded"] == ["orders_tracking"]


def test_within_the_limits_nothing_is_flagged(gb, sandbox):
    for _ in range(30):
        assert gb.get(PROBE).status_code == 404
    for _ in range(100):
        assert gb.get("/customers/demo-amira").status_code == 200
    stats = sandbox.stats()
    assert stats["rate_limited"] == 0
    assert stats["exceeded"] == []
    assert stats["buckets"]["customers_get"]["max_1s"] == 100
    assert httpx.get(sandbox.url + "/_sandbox/stats").json()["buckets"] == stats["buckets"]


def test_the_30_second_window(gb, sandbox):
    for _ in range(12):
        for _ in range(30):
            assert gb.get(PROBE).status_code == 404
        sandbox.clock.advance(1.0)  # a fresh 1 s window, the same 30 s window
    limited = gb.get(PROBE)
    assert limited.status_code == 429
    assert 17 <= int(limited.headers["Retry-After"]) <= 19
    assert sandbox.stats()["buckets"]["orders_tracking"]["max_30s"] == 361
    sandbox.clock.advance(19.0)
    assert gb.get(PROBE).status_code == 404


def test_time_scale_shortens_the_windows():
    with Sandbox(demo=True, time_scale=10) as sandbox, client_for(sandbox) as gb:
        while gb.get(PROBE).status_code != 429:
            pass
        limited = gb.get(PROBE)
        if limited.status_code == 429:  # the 0.1 s window may already have slid on
            assert float(limited.headers["Retry-After"]) <= 0.1
        wait_until(lambda: gb.get(PROBE).status_code == 404, timeout=2)
        assert sandbox.stats()["buckets"]["orders_tracking"]["limit_1s"] == 30


def test_retry_after_can_be_switched_off():
    with Sandbox(retry_after=False) as sandbox, client_for(sandbox) as gb:
        for _ in range(30):
            gb.get(PROBE)
        limited = gb.get(PROBE)
        assert limited.status_code == 429
        assert "Retry-After" not in limited.headers


def test_admin_paths_are_not_counted(sandbox):
    with httpx.Client(base_url=sandbox.url) as control:
        for _ in range(50):
            control.get("/_sandbox/stats")
    assert sandbox.stats()["requests"] == 0


@pytest.mark.parametrize("method, path, bucket", [
    ("POST", "/orders", "orders_tracking"),
    ("GET", "/orders/A/transactions", "orders_tracking"),
    ("POST", "/orders/cashback", "orders_cashback"),
    ("POST", "/transactions/hold", "transactions"),
    ("DELETE", "/transactions/hold/x", "transactions"),
    ("GET", "/customers/c/balance", "customers_get"),
    ("POST", "/customers", "customers_post"),
    ("GET", "/configurations/rewards/cashback", "others"),
    ("POST", "/batch/orders", "others"),
    ("GET", "/batches/1/status", "others"),
])
def test_buckets(method, path, bucket):
    assert bucket_for(method, path) == bucket
