"""`Sandbox`: a Gameball v4.0 emulator on loopback, for demo mode and as the tests' Gameball.

    with Sandbox(demo=True) as sandbox:          # port 0: a free port is chosen
        httpx.get(sandbox.url + "/api/v4.0/integrations/configurations/rewards/cashback",
                  headers={"APIKey": sandbox.api_key})
        sandbox.faults.answer(503, count=2, retry_after=1)
        sandbox.state.orders["ORD-1"].rewarded

`sandbox.faults` (faults.py) sets misbehaviour, `sandbox.state` (state.py) is the data, `sandbox.clock`
(clock.py) can be advanced, `sandbox.stats()` says what the rate limiter saw, and the `/_sandbox/...`
paths (admin.py) offer the same control over HTTP.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from pos_app.domain.cashback import CashbackRules
from pos_app.domain.endpoints import Bucket, Limit
from pos_app.domain.redemption import RedemptionRules
from pos_app.sandbox import demo as demo_data
from pos_app.sandbox.api import Api, Keys
from pos_app.sandbox.clock import Clock
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.ratelimit import RateLimiter
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.transport import LOOPBACK, SandboxHTTPServer

logger = logging.getLogger(__name__)

# How often (real seconds) the serving loop checks for shutdown; short so closing the socket is quick.
_POLL_INTERVAL = 0.05


class Sandbox:
    """A Gameball v4.0 emulator on 127.0.0.1.

    `rules` defaults to the demo rules in demo mode, else 1 point per currency unit. `time_scale`
    speeds up rate-limit windows, hold expiry and batch delays alike (10 = ten times faster).
    `retry_after` adds a `Retry-After` header to the sandbox's own 429s. `demo` loads the demo
    customers, rules and currency. Holds live `hold_minutes`; batch jobs complete after `batch_delay`
    sandbox seconds or `batch_polls` status polls, whichever comes first. `limits` replaces the documented
    rate limits (the wire table's) per bucket: tests give one terminal the share of an account it would have.
    """

    def __init__(
        self,
        port: int = 0,
        api_key: str = demo_data.DEMO_API_KEY,
        secret_key: str = demo_data.DEMO_SECRET_KEY,
        rules: CashbackRules | None = None,
        time_scale: float = 1.0,
        retry_after: bool = True,
        demo: bool = False,
        *,
        redemption: RedemptionRules | None = None,
        currency: str | None = None,
        points_name: str | None = None,
        hold_minutes: float = 10.0,
        batch_delay: float = 2.0,
        batch_polls: int = 3,
        limits: Mapping[Bucket, Limit] | None = None,
    ) -> None:
        settings = demo_data.load_settings() if demo else None
        self.demo = demo
        self.api_key = api_key
        self.secret_key = secret_key
        self.clock = Clock(time_scale)
        self.state = SandboxState(
            self.clock,
            rules or (settings.rules if settings else CashbackRules()),
            redemption or (settings.redemption if settings else RedemptionRules()),
            currency=currency or (settings.currency if settings else "USD"),
            points_name=points_name or (settings.points_name if settings else "Reward Points"),
            hold_minutes=hold_minutes,
        )
        self.limiter = RateLimiter(self.clock, limits)
        self.faults = Faults(on_listening=self._set_listening)
        self.api = Api(self.state, self.limiter, self.faults, Keys(api_key, secret_key), clock=self.clock,
                       retry_after=retry_after, batch_delay=batch_delay, batch_polls=batch_polls)
        self.stopping = threading.Event()
        self._requested_port = port
        self.port: int | None = None
        self._httpd: SandboxHTTPServer | None = None
        self._listen_lock = threading.Lock()
        if demo:
            demo_data.seed(self.state)

    def __repr__(self) -> str:  # the keys stay out of reprs and test failure output
        return f"Sandbox(url={self.url if self.port else None!r}, demo={self.demo})"

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the sandbox has not been started")
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> Sandbox:
        """Listen and serve on background daemon threads; returns self."""
        self.stopping.clear()
        self._open(self._requested_port)
        self.api.jobs.start()
        logger.info("sandbox listening on %s", self.url)
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes hanging and trickling connections
        self.faults.clear()
        self._set_listening(False)
        self.api.jobs.stop()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def _open(self, port: int) -> None:
        with self._listen_lock:
            if self._httpd is not None:
                return
            httpd = SandboxHTTPServer(port, self)
            self.port = httpd.server_address[1]
            self._httpd = httpd
            threading.Thread(target=httpd.serve_forever, args=(_POLL_INTERVAL,), name="sandbox-http",
                             daemon=True).start()

    def _set_listening(self, listening: bool) -> None:
        """Close the listening socket (connecting then fails) or open it again on the same port."""
        if listening:
            if not self.stopping.is_set() and self.port is not None:
                self._open(self.port)
            return
        with self._listen_lock:
            httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
            httpd.close_connections()

    def reset(self) -> None:
        """Forget data, faults, statistics and batches; in demo mode load the demo customers again."""
        self.faults.clear()
        self.state.reset()
        self.limiter.reset()
        self.api.jobs.reset()
        if self.demo:
            demo_data.seed(self.state)

    def stats(self) -> dict[str, Any]:
        """What the sandbox saw: rate-limit buckets (requests, limited, max_1s, max_30s, limits),
        `rate_limited` (429s for real over-limit, not injected), `exceeded` (buckets a client sent
        more than the limits allow), `faults_injected` per kind, and counts of the data."""
        stats = self.limiter.stats()
        with self.state.lock:
            stats.update(
                faults_injected=self.faults.describe()["injected"],
                customers=len(self.state.customers),
                orders=len(self.state.orders),
                rewards_given=sum(self.state.rewarded.values()),
                holds=len(self.state.holds),
                refunds=len(self.state.refunds),
            )
        return stats

    def order_report(self, order_id: str) -> dict[str, Any]:
        """How one order stands, for exactly-once checks from another process."""
        with self.state.lock:
            record = self.state.orders.get(order_id)
            return {
                "orderId": order_id,
                "known": record is not None,
                "rewarded": self.state.rewarded.get(order_id, 0),
                "rewardedPoints": record.rewarded if record else 0,
                "redeemedPoints": record.redeemed if record else 0,
                "refundedShare": float(record.refunded_fraction) if record else 0.0,
            }

