import httpx
import pytest
from engine_helpers import fast_options, make_terminal
from sandbox_helpers import client_for, wait_until

from pos_app.config import secrets
from pos_app.config.settings import Settings
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY, Sandbox

BRIDGE_TOKEN = "bridge-token-for-tests-0123456789"


@pytest.fixture
def sandbox():
    """A demo sandbox on a free loopback port (test modules with other needs define their own)."""
    with Sandbox(port=0, demo=True) as box:
        yield box


@pytest.fixture
def terminal(tmp_path, sandbox):
    """A terminal (store, engine, till service; no bridge) on the sandbox, stopped after the test."""
    runtime = make_terminal(tmp_path, sandbox)
    yield runtime
    runtime.stop()


@pytest.fixture
def gb(sandbox):
    """Plain httpx on the sandbox's API with the demo keys (the sandbox's own tests, not the client's)."""
    with client_for(sandbox) as client:
        yield client


@pytest.fixture
def till(tmp_path, sandbox):
    """A whole terminal with its bridge on the sandbox, online, and an httpx client holding the bridge token."""
    settings = Settings(api_base=sandbox.url, merchant_id="M1", merchant_name="Shop", branch_id="B1",
                        branch_name="Main", currency="USD", bridge_port=0)
    runtime = Runtime.build(tmp_path, settings, secrets.Credentials(DEMO_API_KEY, DEMO_SECRET_KEY), BRIDGE_TOKEN)
    fast_options(runtime)
    runtime.start()
    wait_until(lambda: runtime.engine.status.online)
    with httpx.Client(base_url=runtime.bridge.url, headers={"Authorization": f"Bearer {BRIDGE_TOKEN}"}) as http:
        yield runtime, http
    runtime.stop()
