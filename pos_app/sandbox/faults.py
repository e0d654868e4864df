"""Misbehaviour the sandbox can be told to show, for reliability tests and demos.

Every fault is set by a method here; `POST /_sandbox/faults` takes the same calls as JSON
(`{"kind": "answer", "status": 503, "count": 2}` calls `answer(503, count=2)`). Unless said otherwise,
`count` is how many matching requests the fault applies to (None: until `clear()`), `path` a regular
expression searched in the request path and `method` an HTTP method; both None match every API request
(the `/_sandbox/...` admin paths are never faulted, except by `refuse`, which works below HTTP).

* `answer(status, retry_after=, apply=)`: answer 500 (code 5000), 503 (5003) or 429 instead of the real
  answer; `retry_after` adds a `Retry-After` header (seconds); `apply=True` applies the request first
  (the order is rewarded, then the client is told 500).
* `hang(seconds)`: read the request, answer nothing for `seconds` real seconds, then close. Not applied.
* `trickle(interval)`: apply the request, then send the answer one byte every `interval` real seconds.
* `latency(ms)`: wait `ms` real milliseconds before handling the request.
* `apply_then_drop()`: apply the request, then close the connection without answering.
* `refuse(mode, count=, seconds=)`: `mode="reset"` resets each new connection (and each request on an
  open one) at once; `mode="closed"` closes the listening socket, so connecting fails with ECONNREFUSED,
  for `seconds` real seconds or until `clear()`.
* `poison(order_id=, customer_id=, code=, message=)`: every order with that orderId, or every request
  naming that customerId, is refused with `code` after the body has been validated.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos_app.domain.gameball_codes import CODES
from pos_app.sandbox.errors import RATE_LIMITED, SandboxError

logger = logging.getLogger(__name__)

ANSWER, HANG, TRICKLE, LATENCY, DROP = "answer", "hang", "trickle", "latency", "apply_then_drop"
RESET, CLOSED = "reset", "closed"
_STATUS_CODES = {500: 5000, 503: 5003, RATE_LIMITED: RATE_LIMITED}


@dataclass
class _Rule:
    kind: str
    count: int | None
    path: re.Pattern[str] | None
    method: str | None
    status: int = 0
    retry_after: float | None = None
    apply: bool = False
    seconds: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        return self.path is None or self.path.search(path) is not None

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "count": self.count, "path": self.path.pattern if self.path else None,
            "method": self.method, "status": self.status, "retry_after": self.retry_after,
            "apply": self.apply, "seconds": self.seconds,
        }


@dataclass
class FaultPlan:
    """What the transport must do to one request; all empty means behave."""

    latency: float = 0.0  # real seconds to wait before handling
    hang: float | None = None  # real seconds to stay silent before closing, unanswered
    status: int | None = None  # answer with this status instead
    code: int | None = None
    retry_after: float | None = None
    apply_first: bool = False  # with `status`: apply the request before answering with it
    trickle: float | None = None  # real seconds between bytes of the answer
    drop: bool = False  # apply, then close without answering
    reset: bool = False  # reset the connection now, unanswered


@dataclass
class _Refusal:
    mode: str
    count: int | None
    until: float | None  # time.monotonic() deadline


@dataclass
class _Poison:
    code: int
    message: str


@dataclass
class Faults:
    """The faults in force; thread-safe. `on_listening(bool)` is how the server learns to close or
    reopen its listening socket for `refuse(mode="closed")`."""

    on_listening: Callable[[bool], None] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _rules: list[_Rule] = field(default_factory=list)
    _refusal: _Refusal | None = None
    _orders: dict[str, _Poison] = field(default_factory=dict)
    _customers: dict[str, _Poison] = field(default_factory=dict)
    _timer: threading.Timer | None = None
    injected: Counter[str] = field(default_factory=Counter)

    def _add(self, rule: _Rule) -> None:
        if rule.count is not None and rule.count < 1:
            raise ValueError("count must be at least 1 (or None for until cleared)")
        with self._lock:
            self._rules.append(rule)

    @staticmethod
    def _compile(path: str | None) -> re.Pattern[str] | None:
        return re.compile(path) if path is not None else None

    def answer(self, status: int, *, count: int | None = 1, path: str | None = None,
               method: str | None = None, retry_after: float | None = None, apply: bool = False) -> None:
        if status not in _STATUS_CODES:
            raise ValueError(f"status must be one of {sorted(_STATUS_CODES)}")
        self._add(_Rule(ANSWER, count, self._compile(path), _upper(method), status=status,
                        retry_after=retry_after, apply=apply))

    def hang(self, seconds: float, *, count: int | None = 1, path: str | None = None,
             method: str | None = None) -> None:
        self._add(_Rule(HANG, count, self._compile(path), _upper(method), seconds=seconds))

    def trickle(self, interval: float, *, count: int | None = 1, path: str | None = None,
                method: str | None = None) -> None:
        self._add(_Rule(TRICKLE, count, self._compile(path), _upper(method), seconds=interval))

    def latency(self, ms: float, *, count: int | None = None, path: str | None = None,
                method: str | None = None) -> None:
        self._add(_Rule(LATENCY, count, self._compile(path), _upper(method), seconds=ms / 1000))

    def apply_then_drop(self, *, count: int | None = 1, path: str | None = None,
                        method: str | None = None) -> None:
        self._add(_Rule(DROP, count, self._compile(path), _upper(method)))

    def refuse(self, mode: str = RESET, *, count: int | None = None, seconds: float | None = None) -> None:
        if mode not in (RESET, CLOSED):
            raise ValueError("mode must be 'reset' or 'closed'")
        if mode == CLOSED and count is not None:
            raise ValueError("a closed socket refuses by time, not by count: give seconds")
        until = time.monotonic() + seconds if seconds is not None else None
        with self._lock:
            was_closed = self._refusal is not None and self._refusal.mode == CLOSED
            self._refusal = _Refusal(mode, count, until)
            self._cancel_timer()
            if seconds is not None:
                self._timer = threading.Timer(seconds, self._end_refusal)
                self._timer.daemon = True
                self._timer.start()
        if self.on_listening is not None and (mode == CLOSED) != was_closed:
            self.on_listening(mode != CLOSED)

    def poison(self, *, order_id: str | None = None, customer_id: str | None = None, code: int = 3003,
               message: str | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"{code} is not a Gameball code")
        if order_id is None and customer_id is None:
            raise ValueError("give order_id or customer_id")
        with self._lock:
            if order_id is not None:
                self._orders[order_id] = _Poison(code, message or f"orderId {order_id} is refused")
            if customer_id is not None:
                text = message or f"customerId {customer_id} is refused"
                self._customers[customer_id] = _Poison(code, text)

    def clear(self) -> None:
        """Remove every fault, reopen a closed socket; the injection counters are kept."""
        with self._lock:
            was_closed = self._refusal is not None and self._refusal.mode == CLOSED
            self._rules.clear()
            self._refusal = None
            self._orders.clear()
            self._customers.clear()
            self._cancel_timer()
        if was_closed and self.on_listening is not None:
            self.on_listening(True)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _end_refusal(self) -> None:
        with self._lock:
            was_closed = self._refusal is not None and self._refusal.mode == CLOSED
            self._refusal = None
            self._timer = None
        if was_closed and self.on_listening is not None:
            self.on_listening(True)

    def take_reset(self) -> bool:
        """Whether to reset the connection at hand (a new one, or a request on an open one)."""
        with self._lock:
            refusal = self._refusal
            if refusal is None or refusal.mode != RESET:
                return False
            if refusal.until is not None and time.monotonic() >= refusal.until:
                self._refusal = None
                return False
            if refusal.count is not None:
                refusal.count -= 1
                if refusal.count <= 0:
                    self._refusal = None
            self.injected["refuse"] += 1
            return True

    def plan(self, method: str, path: str) -> FaultPlan:
        """The faults for one API request, using up one of each matching rule's count."""
        plan = FaultPlan()
        with self._lock:
            taken: set[str] = set()
            for rule in list(self._rules):
                if rule.kind in taken or not rule.matches(method, path):
                    continue
                taken.add(rule.kind)
                self.injected[rule.kind] += 1
                _apply_rule(plan, rule)
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count <= 0:
                        self._rules.remove(rule)
        return plan

    def check_poison(self, order_id: str | None, customer_id: str | None) -> None:
        """Raise the chosen refusal for a poisoned orderId or customerId."""
        with self._lock:
            poison = self._orders.get(order_id) if order_id else None
            if poison is None and customer_id:
                poison = self._customers.get(customer_id)
            if poison is not None:
                self.injected["poison"] += 1
        if poison is not None:
            raise SandboxError(poison.code, poison.message)

    def describe(self) -> dict[str, Any]:
        with self._lock:
            refusal = self._refusal
            return {
                "rules": [rule.describe() for rule in self._rules],
                "refuse": None if refusal is None else {"mode": refusal.mode, "count": refusal.count},
                "poisonedOrders": {k: v.code for k, v in self._orders.items()},
                "poisonedCustomers": {k: v.code for k, v in self._customers.items()},
                "injected": dict(self.injected),
            }


def _upper(method: str | None) -> str | None:
    return method.upper() if method is not None else None


def _apply_rule(plan: FaultPlan, rule: _Rule) -> None:
    if rule.kind == ANSWER:
        plan.status, plan.code = rule.status, _STATUS_CODES[rule.status]
        plan.retry_after, plan.apply_first = rule.retry_after, rule.apply
    elif rule.kind == HANG:
        plan.hang = rule.seconds
    elif rule.kind == TRICKLE:
        plan.trickle = rule.seconds
    elif rule.kind == LATENCY:
        plan.latency = rule.seconds
    elif rule.kind == DROP:
        plan.drop = True
