"""The till's calls and the drain together within the terminal's share of the account (issue 15 req 8, issue 17
req 1), against the sandbox's account-wide limiter."""

import threading
import time

import httpx
from engine_helpers import fast_options, sell
from sandbox_helpers import wait_until

from pos_app.config import secrets
from pos_app.config.settings import Settings
from pos_app.domain.endpoints import LIMITS, Limit
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox

TERMINALS = 4  # this terminal's fleet setting: the other three have the rest of the account
SCALE = 4  # the sandbox's windows and the terminal's pacing run four times faster
TOKEN = "bridge-token-for-tests-0123456789"
BACKLOG = 80
CUSTOMERS = ("demo-amira", "demo-omar", "demo-lena", "demo-kwame")


def test_a_till_identifying_customers_during_a_drain_never_exceeds_its_share(tmp_path):
    # The account as this terminal may use it: a quarter of every documented limit.
    share = {bucket: Limit(limit.per_second // TERMINALS, limit.per_30s // TERMINALS)
             for bucket, limit in LIMITS.items()}
    with Sandbox(port=0, demo=True, time_scale=SCALE, limits=share) as sandbox:
        # One order per request (batches would move the backlog in a few calls, before the till is busy).
        settings = Settings(api_base=sandbox.url, merchant_id="M1", branch_id="B1", currency=sandbox.state.currency,
                            bridge_port=0, fleet_terminals=TERMINALS, batch_enabled=False)
        runtime = Runtime.build(tmp_path, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), TOKEN,
                                time_scale=SCALE)
        fast_options(runtime)
        sandbox.faults.refuse()
        runtime.start()
        orders = [sell(runtime) for _ in range(BACKLOG)]
        answers: list[int] = []
        stop = threading.Event()

        def identify() -> None:  # a host POS identifying customer after customer, as fast as the bridge answers
            with httpx.Client(base_url=runtime.bridge.url, headers={"Authorization": f"Bearer {TOKEN}"}) as http:
                while not stop.is_set():
                    for customer in CUSTOMERS:
                        answers.append(http.get(f"/v1/customers/{customer}").status_code)

        try:
            sandbox.faults.clear()
            runtime.engine.recheck()
            wait_until(lambda: runtime.engine.status.online, timeout=10)
            tills = [threading.Thread(target=identify) for _ in range(3)]
            for till in tills:
                till.start()
            try:
                time.sleep(4.0)  # 16 s of the account's time: the drain is still going
                assert sandbox.stats()["rewards_given"] < BACKLOG
            finally:
                stop.set()
                for till in tills:
                    till.join(10)
            # Gameball's books, not the engine's published count: that one is refreshed when a pass ends, and the
            # history pulls of the delivered orders keep this pass going.
            wait_until(lambda: all(sandbox.order_report(o)["rewarded"] == 1 for o in orders), timeout=60)
        finally:
            runtime.stop()
        stats = sandbox.stats()
    customers = stats["buckets"]["customers_get"]
    assert customers["requests"] > 100, "the till hardly asked: the test proves nothing"
    assert answers.count(200) > 30
    assert stats["rate_limited"] == 0 and stats["exceeded"] == [], stats
