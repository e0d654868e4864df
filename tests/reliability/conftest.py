"""Fixtures for the reliability tests: a sandbox in this process and real headless processes, always cleaned up."""

import os
import random

import pytest
from reliability_harness import Headless, start_sandbox

# --kills and --seed are declared in tests/conftest.py, so that they are known however pytest is started.
DEFAULT_KILLS = 50
KILLS_ENV = "POS_APP_KILLS"
SEED_ENV = "POS_APP_KILL_SEED"
# A kill cycle takes about a second; the project's 300 s per-test timeout must not cut a long run short.
SECONDS_PER_KILL = 3
TIMEOUT_BASE = 300
FIGURES = pytest.StashKey[list]()


def _kills(config):
    value = config.getoption("kills")
    if value is None:
        value = int(os.environ.get(KILLS_ENV) or DEFAULT_KILLS)
    if value < 1:
        raise pytest.UsageError("--kills must be at least 1")
    return value


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "kills" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(TIMEOUT_BASE + SECONDS_PER_KILL * _kills(config)))


@pytest.fixture
def kills(request):
    return _kills(request.config)


@pytest.fixture
def kill_seed(request):
    """The seed of the kill test's schedule, printed so that a failing run can be replayed with --seed."""
    seed = request.config.getoption("seed")
    if seed is None and os.environ.get(SEED_ENV):
        seed = int(os.environ[SEED_ENV])
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    print(f"kill test seed {seed}: replay with --seed {seed} (or {SEED_ENV}={seed})")
    return seed


@pytest.fixture
def sandbox_factory():
    """`sandbox_factory(time_scale=...)`: a started sandbox, stopped after the test."""
    started = []

    def make(**kwargs):
        sandbox = start_sandbox(**kwargs)
        started.append(sandbox)
        return sandbox

    yield make
    for sandbox in started:
        sandbox.stop()


@pytest.fixture
def headless_factory(tmp_path):
    """`headless_factory(api_base, ...)`: a `Headless` on its own data directory under tmp_path. Every
    process still running after the test, passed or failed, is killed."""
    made = []

    def make(api_base, *, name="terminal", **kwargs):
        headless = Headless(tmp_path / name, api_base, **kwargs)
        made.append(headless)
        return headless

    yield make
    for headless in made:
        headless.close()


@pytest.fixture
def report(request):
    """`report(line)`: a figure for the lead to quote, shown in the terminal summary of every run."""
    return request.config.stash.setdefault(FIGURES, []).append


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)
