"""What the benchmarks share: the machine they ran on, a realistic paid order, and how a target is judged.

Not a test helper: the benchmarks print figures and always exit 0, and a missed target is printed as
MISSED with the gap rather than raised.
"""

from __future__ import annotations

import os
import platform
import random
import sqlite3
import statistics
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # `python bench/x.py` from a plain checkout (no editable install) still finds pos_app.
    sys.path.insert(0, str(ROOT))

from pos_app.config.settings import Settings  # noqa: E402
from pos_app.domain import wire  # noqa: E402
from pos_app.domain.order import Order, validate_order  # noqa: E402
from pos_app.sandbox.demo import load_catalogue, load_customers  # noqa: E402
from pos_app.services.till import merchant_of  # noqa: E402

# The identity a terminal of a real store would carry; it ends up in every body as `merchant`.
SETTINGS = Settings(merchant_id="M-1042", merchant_name="Corner Market", branch_id="B-07", branch_name="Main Street",
                    terminal_id="T3", currency="USD")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine_lines() -> list[str]:
    return [
        f"machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}",
        f"date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, load average at start: {load_average()}",
    ]


def print_header(title: str) -> None:
    print(title)
    print("=" * len(title))
    for line in machine_lines():
        print(line)
    print()


def rss_mb() -> float | None:
    """This process's resident memory in MB (Linux /proc; elsewhere the peak from getrusage, or None)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank), e.g. share=0.99 for p99."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass(frozen=True)
class Verdict:
    met: bool
    text: str


def at_least(name: str, value: float, target: float, unit: str = "x") -> Verdict:
    """`value` must reach `target`; the gap is said both absolutely and as a share of the target."""
    if value >= target:
        return Verdict(True, f"{name}: {value:.2f}{unit} (target >= {target:g}{unit}) met")
    gap = target - value
    return Verdict(False, f"{name}: {value:.2f}{unit} (target >= {target:g}{unit}) MISSED by {gap:.2f}{unit} "
                          f"({gap / target:.1%} short)")


def at_most(name: str, value: float, target: float, unit: str = "") -> Verdict:
    if value <= target:
        return Verdict(True, f"{name}: {value:g}{unit} (target <= {target:g}{unit}) met")
    return Verdict(False, f"{name}: {value:g}{unit} (target <= {target:g}{unit}) MISSED by {value - target:g}{unit}")


def realistic_order(order_id: str, rng: random.Random, now: datetime | None = None) -> Order:
    """A paid basket as a till sends it: a demo customer with phone and email, 4-7 catalogue lines.

    Validated by the product's own `validate_order`, so the frozen body is exactly what would be queued
    (about 1 KB with the merchant and channel the plugin adds).
    """
    return validate_order(realistic_body(order_id, rng), now=now or datetime.now(UTC), currency=SETTINGS.currency)


def realistic_body(order_id: str, rng: random.Random) -> dict[str, object]:
    """The body of `realistic_order` as the host POS posts it to the bridge (JSON-ready but for Decimals)."""
    catalogue = _catalogue()
    customer = rng.choice(_customers())
    lines = []
    total = Decimal(0)
    for product in rng.sample(catalogue, rng.randint(4, 7)):
        quantity = rng.randint(1, 3)
        price = Decimal(str(product["price"]))
        total += price * quantity
        lines.append({"productId": product["productId"], "sku": product["sku"], "title": product["title"],
                      "category": product["category"], "quantity": quantity, "price": price})
    tax = (total * Decimal("0.14")).quantize(Decimal("0.01"))
    body = {
        "customerId": customer["customerId"], "mobile": customer.get("mobile") or "+201001234567",
        "email": customer.get("email") or "shopper@example.com", "orderId": order_id,
        "totalPrice": total + tax, "totalTax": tax, "totalDiscount": Decimal(0), "totalPaid": total + tax,
        "lineItems": lines, "extra": {"till": "T3", "cashier": "C-118"},
    }
    return body


def frozen_body(order: Order) -> bytes:
    """The bytes the product freezes for an order (TillService.accept_order does the same)."""
    return wire.dumps(order.gameball_body(merchant_of(SETTINGS)))


_CACHE: dict[str, list[dict[str, object]]] = {}


def demo_catalogue() -> list[dict[str, object]]:
    return _catalogue()


def _catalogue() -> list[dict[str, object]]:
    if "catalogue" not in _CACHE:
        _CACHE["catalogue"] = load_catalogue()
    return _CACHE["catalogue"]


def _customers() -> list[dict[str, object]]:
    if "customers" not in _CACHE:
        _CACHE["customers"] = load_customers()
    return _CACHE["customers"]
