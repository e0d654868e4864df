"""The bridge's routes (DESIGN.md section 5): which method and path does what with the service."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from pos_app.bridge import customers as customer_routes
from pos_app.bridge import jsonio
from pos_app.bridge.errors import ApiError
from pos_app.bridge.service import BridgeService
from pos_app.bridge.wire import order_json, preview_json, slip_text, status_json
from pos_app.domain import fields
from pos_app.domain.errors import ValidationError
from pos_app.domain.order import validate_order, validate_preview
from pos_app.domain.refund import validate_refund
from pos_app.domain.timeutil import utc_now

_log = logging.getLogger(__name__)

JSON = "application/json"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = JSON
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of_error(cls, error: ApiError) -> Reply:
        return cls(error.status, jsonio.encode(error.envelope()), headers=tuple(error.headers.items()))


@dataclass(frozen=True)
class Request:
    """What a route's action gets: the path parameters and, for POST, the parsed JSON body."""

    params: dict[str, str]
    body: object = None


def _json(status: int, value: object) -> Reply:
    return Reply(status, jsonio.encode(value))


def _order_id(request: Request) -> str:
    try:
        return fields.identifier(request.params["orderId"], "orderId")
    except ValidationError:
        # No order can have such an id, so there is nothing there.
        raise ApiError("not_found", "no such order") from None


class Api:
    """The routes' actions on the service; the server's threads share one instance."""

    def __init__(self, service: BridgeService, openapi: bytes,
                 customers: customer_routes.BridgeCustomers | None = None, merchant_id: str = "") -> None:
        self._service = service
        self._openapi = openapi
        self._customers = customers
        self._merchant_id = merchant_id

    def _customer_desk(self) -> customer_routes.BridgeCustomers:
        if self._customers is None:
            raise ApiError("not_implemented", "this terminal serves no customer routes")
        return self._customers

    def customer(self, request: Request) -> Reply:
        return _json(200, customer_routes.customer(self._customer_desk(), request.params["customerId"]))

    def create_hold(self, request: Request) -> Reply:
        desk = self._customer_desk()
        return _json(201, customer_routes.create_hold(desk, request.body, self._service.currency()))

    def release_hold(self, request: Request) -> Reply:
        return _json(200, customer_routes.release_hold(self._customer_desk(), request.params["holdReference"]))

    def send_otp(self, request: Request) -> Reply:
        return _json(202, customer_routes.send_otp(self._customer_desk(), request.body, self._service.currency()))

    def lock_coupon(self, request: Request) -> Reply:
        desk = self._customer_desk()
        return _json(201, customer_routes.lock_coupon(desk, request.body, self._service.currency(),
                                                      self._merchant_id))

    def release_coupon(self, request: Request) -> Reply:
        return _json(200, customer_routes.release_coupon(self._customer_desk(), request.params["lockReference"]))

    def status(self, request: Request) -> Reply:
        return _json(200, status_json(self._service.status()))

    def preview(self, request: Request) -> Reply:
        basket = validate_preview(request.body, now=utc_now(), currency=self._service.currency())
        return _json(200, preview_json(self._service.preview(basket)))

    def accept_order(self, request: Request) -> Reply:
        order = validate_order(request.body, now=utc_now(), currency=self._service.currency())
        order_id, state, created = self._service.accept_order(order)
        _log.info("order %s %s (%s)", order_id, "accepted" if created else "already accepted", state)
        return _json(202, {"orderId": order_id, "state": state})

    def get_order(self, request: Request) -> Reply:
        found = self._service.get_order(_order_id(request))
        if found is None:
            raise ApiError("not_found", "no such order")
        return _json(200, order_json(found))

    def slip(self, request: Request) -> Reply:
        slip = self._service.slip(_order_id(request))
        if slip is None:
            raise ApiError("not_found", "no such order")
        return Reply(200, slip_text(slip).encode("utf-8"), TEXT)

    def accept_refund(self, request: Request) -> Reply:
        refund = validate_refund(request.body, now=utc_now(), currency=self._service.currency())
        refund_id, state, created = self._service.accept_refund(refund)
        _log.info("refund %s of order %s %s (%s)", refund_id, refund.order_id,
                  "accepted" if created else "already accepted", state)
        return _json(202, {"refundTransactionId": refund_id, "orderId": refund.order_id, "state": state})

    def openapi(self, request: Request) -> Reply:
        return Reply(200, self._openapi)


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # as in the OpenAPI document, e.g. /v1/orders/{orderId}
    action: Callable[[Api, Request], Reply]


ROUTES: tuple[Route, ...] = (
    Route("GET", "/v1/status", Api.status),
    Route("POST", "/v1/preview", Api.preview),
    Route("POST", "/v1/orders", Api.accept_order),
    Route("GET", "/v1/orders/{orderId}", Api.get_order),
    Route("GET", "/v1/orders/{orderId}/slip", Api.slip),
    Route("POST", "/v1/refunds", Api.accept_refund),
    Route("GET", "/v1/customers/{customerId}", Api.customer),
    Route("POST", "/v1/holds", Api.create_hold),
    Route("DELETE", "/v1/holds/{holdReference}", Api.release_hold),
    Route("POST", "/v1/otp", Api.send_otp),
    Route("POST", "/v1/coupons", Api.lock_coupon),
    Route("DELETE", "/v1/coupons/{lockReference}", Api.release_coupon),
    Route("GET", "/v1/openapi.json", Api.openapi),
)


def _pattern(template: str) -> re.Pattern[str]:
    """`/v1/orders/{orderId}` matches one path segment for each parameter."""
    return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")


_PATTERNS = tuple((route, _pattern(route.template)) for route in ROUTES)


def match(method: str, path: str) -> tuple[Route, dict[str, str]]:
    """The route for a raw (still percent-encoded) path; raises not_found or method_not_allowed."""
    allowed = []
    for route, pattern in _PATTERNS:
        found = pattern.match(path)
        if found is None:
            continue
        if route.method == method:
            return route, {name: unquote(value) for name, value in found.groupdict().items()}
        allowed.append(route.method)
    if allowed:
        methods = ", ".join(allowed)
        raise ApiError("method_not_allowed", f"use {methods}", headers={"Allow": methods})
    raise ApiError("not_found", "no such path")
