"""A terminal (store, engine, till service) on an in-process sandbox, for engine tests."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

from pos_app.config import secrets
from pos_app.config.settings import Settings
from pos_app.domain.order import validate_order
from pos_app.domain.timeutil import utc_now
from pos_app.runtime import Runtime
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.store.store import Store
from pos_app.sync.backoff import Backoff

_ids = itertools.count(1)


def fast_options(runtime: Runtime, **delivery) -> None:
    """Test pacing: quick probes and retries so outages end in milliseconds, not minutes."""
    options = runtime.engine.options
    options.probe_backoff = Backoff(base=0.05, cap=0.2)
    options.pause_backoff = Backoff(base=0.05, cap=0.2)
    options.delivery.retry_backoff = Backoff(base=0.05, cap=0.2)
    options.delivery.batch_poll = Backoff(base=0.02, cap=0.1)
    for key, value in delivery.items():
        setattr(options.delivery, key, value)
    options.history = replace(options.history, batch_poll=Backoff(base=0.02, cap=0.1), refresh_after_s=0.2)


def make_terminal(tmp_path, sandbox, *, api_key=DEMO_API_KEY, secret_key=DEMO_SECRET_KEY, time_scale=1.0,
                  left_dirs=(), **settings) -> Runtime:
    base = Settings(api_base=sandbox.url, merchant_id="M1", merchant_name="Shop", branch_id="B1",
                    branch_name="Main", currency=sandbox.state.currency)
    settings_obj = Settings.from_mapping(settings, base=base)
    runtime = Runtime.build(tmp_path, settings_obj, secrets.Credentials(api_key, secret_key), "t0ken-for-tests",
                            time_scale=time_scale, bridge=False, left_dirs=left_dirs)
    fast_options(runtime)
    return runtime


def sell(runtime: Runtime, total=Decimal("25.00"), customer="demo-amira", order_id=None, **extra) -> str:
    order_id = order_id or f"ORD-{next(_ids)}"
    body = {"customerId": customer, "orderId": order_id, "totalPaid": total, **extra}
    order = validate_order(body, now=utc_now(), currency=runtime.settings.currency)
    runtime.service.accept_order(order)
    return order_id


def order_state(runtime: Runtime, order_id: str) -> str:
    with Store.open_in(runtime.data_dir) as store:
        record = store.get_order(order_id)
        return record.state.value if record else "unknown"
