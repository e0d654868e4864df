import pytest
from engine_helpers import make_terminal
from sandbox_helpers import client_for

from pos_app.sandbox import Sandbox


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
