"""Demo data (resources/demo) and `run_sandbox_cli`, the emulator as its own process."""

import re
import signal
import socket
import subprocess
import sys

import httpx
import pytest
from sandbox_helpers import KEYS, PREFIX

from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.sandbox.demo import load_catalogue, load_customers, load_settings

E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def test_demo_customers():
    customers = load_customers()
    tiers = load_settings().rules.tier_multipliers
    assert 5 <= len(customers) <= 8
    assert len({c["customerId"] for c in customers}) == len(customers)
    for customer in customers:
        assert E164.match(customer["mobile"]), customer
        assert customer["name"] and customer["tier"] in tiers
        assert customer["balance"]["available"] >= customer["balance"].get("expiring", 0)


def test_demo_catalogue_and_rules():
    products = load_catalogue()
    settings = load_settings()
    assert 15 <= len(products) <= 25
    assert len({p["productId"] for p in products}) == len({p["sku"] for p in products}) == len(products)
    assert all(p["price"] > 0 and p["title"] and isinstance(p["category"], list) for p in products)
    multiplied = set(settings.rules.product_multipliers)
    assert 1 <= len(multiplied) <= 2
    assert multiplied <= {p["productId"] for p in products}
    assert settings.currency == "USD"
    assert settings.redemption.point_value > 0


def _run_cli(*arguments: str) -> subprocess.Popen:
    code = ("import sys; from pos_app.sandbox.cli import run_sandbox_cli; "
            f"sys.exit(run_sandbox_cli({', '.join(arguments)}))")
    return subprocess.Popen([sys.executable, "-u", "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _banner(process: subprocess.Popen) -> str:
    """What the CLI prints before it serves, up to its last line."""
    lines = []
    while not lines or not lines[-1].startswith("Control:"):
        lines.append(process.stdout.readline())
        assert lines[-1], "the CLI ended early"
    return "".join(lines)


def test_cli_serves_until_sigterm():
    process = _run_cli("0", "True", "1.0", repr(DEMO_API_KEY), repr(DEMO_SECRET_KEY))
    try:
        first = _banner(process)
        url = re.search(r"http://127\.0\.0\.1:\d+", first).group(0)
        answer = httpx.get(url + PREFIX + "/customers/demo-amira/balance", headers=KEYS, timeout=5)
        assert answer.json()["availablePointsBalance"] == 2400
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    printed = first + out
    assert DEMO_API_KEY in printed and DEMO_SECRET_KEY in printed and "demo-amira" in printed
    assert "sandbox stopped" in printed


def test_cli_keeps_chosen_keys_out_of_the_output():
    process = _run_cli("0", "False", "1.0", "'my-api-key'", "'my-secret'")
    try:
        first = _banner(process)
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "my-api-key" not in first + out and "my-secret" not in first + out


@pytest.fixture
def busy_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_cli_reports_a_busy_port(busy_port):
    process = _run_cli(str(busy_port), "False")
    out, _ = process.communicate(timeout=10)
    assert process.returncode == 2
    assert "cannot listen" in out
