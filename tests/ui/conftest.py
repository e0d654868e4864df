"""Fixtures for the till window tests: a demo sandbox, a running terminal on it, and the window.

Every test gets its own sandbox, data directory and window; the engine's backoffs are shortened so
an outage ends in milliseconds. Waits are qtbot.waitUntil / waitSignal, never sleeps.
"""

import pytest
from till_helpers import PHONE, fast, open_window

from pos_app.config import secrets
from pos_app.config.settings import Settings
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox


@pytest.fixture
def sandbox():
    with Sandbox(port=0, demo=True) as box:
        box.state.seed_customer(PHONE, name="Nour Said", mobile=PHONE, tier="Gold", available=1000, pending=40,
                                pending_days=5)
        yield box


@pytest.fixture
def runtime(tmp_path, sandbox):
    settings = Settings(api_base=sandbox.url, merchant_id="M1", merchant_name="Shop", branch_id="B1",
                        branch_name="Main", currency=sandbox.state.currency, phone_region="EG")
    built = Runtime.build(tmp_path, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), "t0ken",
                          bridge=False)
    fast(built)
    built.start()
    yield built
    built.stop()


@pytest.fixture
def window(qtbot, runtime):
    return open_window(qtbot, runtime, demo=True)
