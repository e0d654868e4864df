"""A vendor's client generated from the bridge's own OpenAPI document (issue 13.8) works against the real
headless bridge: status, preview, order, order state, slip, refund and a conflict, all through the
generated code, with the generated models reading every answer (openapi-python-client, a common
generator; the test extra installs it)."""

import importlib
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from reliability_harness import TOKEN, order_body, wait_for

pytest.importorskip("openapi_python_client")

PACKAGE = "generated_bridge_client"


@pytest.fixture
def generated(tmp_path, headless_factory, sandbox_factory, monkeypatch):
    """(the generated package, a client of the running terminal's bridge) from the document it serves."""
    sandbox = sandbox_factory()
    terminal = headless_factory(sandbox.url)
    terminal.start()
    with terminal.client() as http:
        document = http.get(f"{terminal.url}/v1/openapi.json").json()
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"post_hooks": [], "project_name_override": PACKAGE,
                                  "package_name_override": PACKAGE}), encoding="utf-8")
    generator = Path(sys.executable).with_name("openapi-python-client")
    done = subprocess.run([str(generator), "generate", "--path", str(spec), "--output-path", str(tmp_path / PACKAGE),
                           "--meta", "none", "--config", str(config)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout, done.stdout
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        del sys.modules[name]
    package = importlib.import_module(PACKAGE)
    client = package.AuthenticatedClient(base_url=terminal.url, token=TOKEN, raise_on_unexpected_status=True)
    with client:
        yield package, client, terminal, sandbox


def test_a_generated_client_runs_every_route_against_the_real_bridge(generated):
    package, client, terminal, sandbox = generated
    api = importlib.import_module(f"{PACKAGE}.api.default")
    models = importlib.import_module(f"{PACKAGE}.models")
    for name in ("get_status", "preview_basket", "accept_order", "get_order", "get_order_slip", "accept_refund"):
        importlib.import_module(f"{PACKAGE}.api.default.{name}")

    status = api.get_status.sync(client=client)
    assert isinstance(status, models.Status), status

    sample = order_body()
    line = models.LineItem(product_id=sample["lineItems"][0]["productId"], price=25.5, quantity=1)
    preview = api.preview_basket.sync(client=client, body=models.PreviewBasket(total_paid=25.5, line_items=[line]))
    assert isinstance(preview, models.Preview), preview

    # What the generator sends for `format: date-time`: isoformat() of an aware datetime, offset and
    # microseconds included, here in Cairo's +02:00.
    sold_at = datetime.now(UTC).astimezone(timezone(timedelta(hours=2)))
    order = models.Order(customer_id=sample["customerId"], order_id=sample["orderId"], order_date=sold_at,
                         total_paid=25.5, total_price=25.5, mobile=sample["mobile"], line_items=[line])
    accepted = api.accept_order.sync(client=client, body=order)
    assert isinstance(accepted, models.OrderAccepted), accepted
    # The same instant written in UTC is the same order, not a conflict.
    same = models.Order.from_dict({**order.to_dict(), "orderDate": sold_at.astimezone(UTC).isoformat()})
    assert isinstance(api.accept_order.sync(client=client, body=same), models.OrderAccepted)

    conflict = api.accept_order.sync_detailed(client=client,
                                              body=models.Order.from_dict({**order.to_dict(), "totalPaid": 99}))
    assert conflict.status_code == 409 and conflict.parsed.error.code.value == "conflict"

    wait_for(lambda: api.get_order.sync(client=client, order_id=order.order_id).state.value == "delivered",
             30, "the order to be delivered")
    state = api.get_order.sync(client=client, order_id=order.order_id)
    assert isinstance(state, models.OrderState) and state.order_id == order.order_id

    slip = api.get_order_slip.sync(client=client, order_id=order.order_id)
    assert isinstance(slip, str) and order.order_id in slip

    refund = models.Refund(refund_transaction_id=f"R-{order.order_id}", reverse_transaction_id=order.order_id,
                           line_items=[line])
    refunded = api.accept_refund.sync(client=client, body=refund)
    assert isinstance(refunded, models.RefundAccepted), refunded

    missing = api.get_order.sync_detailed(client=client, order_id="no-such-order")
    assert missing.status_code == 404 and missing.parsed.error.code.value == "not_found"
