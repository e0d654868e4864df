"""The bridge's error answers: `{"error": {"code", "message", "field"}}` with a 4xx or 5xx status."""

from __future__ import annotations

from http import HTTPStatus

from pos_app.domain.storage import StorageState, StorageUnavailable

# Every code the bridge answers with, and its status; resources/bridge/openapi.json lists the same.
ERROR_CODES: dict[str, int] = {
    "bad_request": 400,
    "invalid_json": 400,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "length_required": 411,
    "payload_too_large": 413,
    "uri_too_long": 414,
    "unsupported_media_type": 415,
    "validation": 422,
    "unknown_order": 422,
    "refused": 422,
    "misdirected_request": 421,
    "request_header_fields_too_large": 431,
    "internal": 500,
    "busy": 429,
    "offline": 503,
    "not_implemented": 501,
    "storage_error": 503,
    "http_version_not_supported": 505,
    "storage_full": 507,
}

# What http.server itself refuses before a request reaches the bridge (malformed request line,
# oversized headers, a method it has no handler for).
PROTOCOL_CODES: dict[int, str] = {
    HTTPStatus.BAD_REQUEST: "bad_request",
    HTTPStatus.REQUEST_URI_TOO_LONG: "uri_too_long",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "request_header_fields_too_large",
    HTTPStatus.NOT_IMPLEMENTED: "not_implemented",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "http_version_not_supported",
}


class ApiError(Exception):
    """An answer other than success. Messages are generic or name a rule, never echo request data."""

    def __init__(self, code: str, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = ERROR_CODES[code]
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    def envelope(self) -> dict[str, object]:
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        return {"error": error}


def storage_error(error: StorageUnavailable) -> ApiError:
    """The store cannot keep the order (DESIGN rule 9): never a 202, and a retry later may work for a full disk."""
    if error.state is StorageState.FULL:
        return ApiError("storage_full", "the terminal's disk is full; the order was not accepted",
                        headers={"Retry-After": "60"})
    return ApiError("storage_error", "the terminal's database is damaged; the order was not accepted")
