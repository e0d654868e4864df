"""The `/_sandbox/...` control paths, so another process (a reliability test, a demo) can steer the sandbox.

* `GET /_sandbox/stats`: `Sandbox.stats()`.
* `GET /_sandbox/faults`: the faults in force and how often each kind was injected.
* `POST /_sandbox/faults`: one fault `{"kind": ..., <keyword arguments of that Faults method>}`, or
  several as `{"faults": [...]}`. Kinds: answer, hang, trickle, latency, apply_then_drop, refuse,
  poison, clear.
* `DELETE /_sandbox/faults`: clear every fault.
* `POST /_sandbox/reset`: forget all data, faults, statistics and batches (demo data is loaded again
  in demo mode).
* `POST /_sandbox/clock` with `{"advance": seconds}`: move the sandbox clock forward.
* `GET /_sandbox/orders/{orderId}`: `{"orderId", "known", "rewarded" (times rewarded), "rewardedPoints",
  "redeemedPoints", "refundedShare"}`.

No keys are needed: the sandbox listens on loopback only. Answers are JSON; a bad request gets
`400 {"error": "..."}`. `refuse` with mode `closed` needs `seconds` here, or nothing could reopen it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_app.sandbox.server import Sandbox

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/_sandbox/"
_FAULT_KINDS = ("answer", "hang", "trickle", "latency", "apply_then_drop", "refuse", "poison", "clear")
_ORDER_PATH = re.compile(r"^/_sandbox/orders/(?P<order_id>.+)$")


@dataclass
class AdminAnswer:
    status: int
    body: Any


class _BadRequest(Exception):
    pass


def handle(sandbox: Sandbox, method: str, path: str, raw: bytes) -> AdminAnswer:
    try:
        body = json.loads(raw) if raw.strip() else {}
        return _route(sandbox, method.upper(), path, body)
    except (_BadRequest, ValueError, TypeError) as error:
        return AdminAnswer(400, {"error": str(error)})


def _route(sandbox: Sandbox, method: str, path: str, body: Any) -> AdminAnswer:
    if (method, path) == ("GET", "/_sandbox/stats"):
        return AdminAnswer(200, sandbox.stats())
    if (method, path) == ("GET", "/_sandbox/faults"):
        return AdminAnswer(200, sandbox.faults.describe())
    if (method, path) == ("DELETE", "/_sandbox/faults"):
        sandbox.faults.clear()
        return AdminAnswer(200, sandbox.faults.describe())
    if (method, path) == ("POST", "/_sandbox/faults"):
        return _set_faults(sandbox, body)
    if (method, path) == ("POST", "/_sandbox/reset"):
        sandbox.reset()
        return AdminAnswer(200, {"reset": True})
    if (method, path) == ("POST", "/_sandbox/clock"):
        sandbox.clock.advance(float(body.get("advance", 0)))
        return AdminAnswer(200, {"now": sandbox.clock.wall().isoformat()})
    found = _ORDER_PATH.match(path)
    if method == "GET" and found:
        return AdminAnswer(200, sandbox.order_report(found["order_id"]))
    return AdminAnswer(404, {"error": f"no admin path {method} {path}"})


def _set_faults(sandbox: Sandbox, body: Any) -> AdminAnswer:
    if not isinstance(body, dict):
        raise _BadRequest("the body must be a JSON object")
    for call in body.get("faults", [body]):
        arguments = dict(call)
        kind = arguments.pop("kind", None)
        if kind not in _FAULT_KINDS:
            raise _BadRequest(f"kind must be one of {', '.join(_FAULT_KINDS)}")
        if kind == "refuse" and arguments.get("mode") == "closed" and arguments.get("seconds") is None:
            raise _BadRequest("refuse with mode 'closed' needs seconds over HTTP")
        getattr(sandbox.faults, kind)(**arguments)
    return AdminAnswer(200, sandbox.faults.describe())
