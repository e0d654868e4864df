"""Gameball's own OpenAPI 3.1 description (resources/gameball/openapi.json) as a checker.

Used by the sandbox to route and validate requests, and by the client's fidelity tests to prove that
what the client sends (and what it parses) matches Gameball's published contract:

* `match(method, path)` finds the operation for a concrete `/api/v4.0/integrations/...` path.
* `request_schema` / `validate_request` check a JSON body against the operation's request schema.
* `response_schema` / `validate_response` / `response_examples` do the same for the answers.
* `security` says which keys an operation needs ("apiKey", "secretKey").

Templates are the OpenAPI path keys, prefix included (e.g.
`/api/v4.0/integrations/orders/{orderId}/transactions`); methods are case-insensitive. Schemas are
validated with Draft 2020-12 and a `referencing` registry holding the whole document, so
`#/components/...` references resolve. `format` is not asserted: Gameball's own semantic checks
(e.g. `9007` for a bad `orderDate`) decide those, not the schema.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import unquote

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pos_app.domain.endpoints import PREFIX
from pos_app.resources import resource_path

logger = logging.getLogger(__name__)

_DOCUMENT_URI = "urn:gameball:openapi"
_JSON = "application/json"


@dataclass(frozen=True)
class SchemaIssue:
    """One way a body breaks its schema. `path` names the field (`lineItems[0].price`, or `` for the body)."""

    path: str
    message: str
    missing: bool  # True when a required field is absent (Gameball code 3000, else 3016)


@cache
def document() -> dict[str, Any]:
    """The whole OpenAPI document, loaded once."""
    with resource_path("gameball", "openapi.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(document(), default_specification=DRAFT202012)
    return Registry().with_resource(_DOCUMENT_URI, resource)


@dataclass(frozen=True)
class _Route:
    template: str
    pattern: re.Pattern[str]
    literal_segments: int


@cache
def _routes() -> tuple[_Route, ...]:
    routes = []
    for template in document()["paths"]:
        if not template.startswith(PREFIX):
            continue
        segments = template.split("/")
        regex = "/".join(
            f"(?P<{seg[1:-1]}>[^/]+)" if seg.startswith("{") and seg.endswith("}") else re.escape(seg)
            for seg in segments
        )
        literal = sum(1 for seg in segments if not seg.startswith("{"))
        routes.append(_Route(template, re.compile(f"^{regex}$"), literal))
    # `/transactions/hold` must win over `/transactions/{transactionId}`: most literal segments first.
    routes.sort(key=lambda route: -route.literal_segments)
    return tuple(routes)


def _operation(method: str, template: str) -> dict[str, Any] | None:
    return document()["paths"].get(template, {}).get(method.lower())


def match(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    """The operation template for a concrete path (query string excluded) and its decoded path
    parameters, or None when the spec has no such operation for this method."""
    for route in _routes():
        found = route.pattern.match(path)
        if found and _operation(method, route.template) is not None:
            return route.template, {name: unquote(value) for name, value in found.groupdict().items()}
    return None


def security(method: str, template: str) -> frozenset[str]:
    """Security schemes the operation requires together (e.g. {"apiKey", "secretKey"}).

    OpenAPI lists alternatives; every v4.0 operation lists one, and where several exist this returns
    the schemes all of them need.
    """
    operation = _operation(method, template) or {}
    alternatives = operation.get("security", document().get("security", []))
    if not alternatives:
        return frozenset()
    return frozenset.intersection(*(frozenset(alt) for alt in alternatives))


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _registry().resolver().lookup(_DOCUMENT_URI + schema["$ref"]).contents
    return schema


def request_schema(method: str, template: str) -> dict[str, Any] | None:
    """The JSON request body schema of an operation (as written, `$ref`s unresolved), or None."""
    operation = _operation(method, template) or {}
    return operation.get("requestBody", {}).get("content", {}).get(_JSON, {}).get("schema")


def response_schema(method: str, template: str, status: str = "200") -> dict[str, Any] | None:
    """The JSON schema of an operation's answer for one status (as written), or None."""
    return _response_media(method, template, status).get("schema")


def _response_media(method: str, template: str, status: str) -> dict[str, Any]:
    operation = _operation(method, template) or {}
    return operation.get("responses", {}).get(status, {}).get("content", {}).get(_JSON, {})


def response_examples(method: str, template: str) -> list[Any]:
    """Every complete example of the 200 answer: the media `example`, each of the media `examples`,
    and the top-level `example` of the (resolved) response schema. Property-level examples are parts,
    not bodies, so they are not included."""
    media = _response_media(method, template, "200")
    examples = []
    if "example" in media:
        examples.append(media["example"])
    examples.extend(entry["value"] for entry in media.get("examples", {}).values() if "value" in entry)
    schema = media.get("schema")
    if schema is not None and "example" in _resolve(schema):
        examples.append(_resolve(schema)["example"])
    return examples


@cache
def _validator(pointer: str) -> Draft202012Validator:
    # Validating through a $ref into the registered document lets the schema's own `#/components/...`
    # references resolve against the whole document rather than against the sub-schema.
    return Draft202012Validator({"$ref": _DOCUMENT_URI + pointer}, registry=_registry())


def _field_path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _issues(validator: Draft202012Validator, body: Any) -> list[SchemaIssue]:
    issues: list[SchemaIssue] = []
    for error in validator.iter_errors(body):
        where = list(error.absolute_path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            for name in missing:
                field_name = _field_path([*where, name])
                issues.append(SchemaIssue(field_name, f"{field_name} is required", True))
        else:
            field_name = _field_path(where) or "body"
            issues.append(SchemaIssue(field_name, f"{field_name}: {error.message}", False))
    # jsonschema reports each missing name as its own error carrying the whole `required` list: dedupe.
    unique = list(dict.fromkeys(issues))
    # Missing fields first (they decide the code), then by field for a stable first message.
    return sorted(unique, key=lambda issue: (not issue.missing, issue.path))


def validate_request(method: str, template: str, body: Any) -> list[SchemaIssue]:
    """Ways `body` (parsed JSON; Decimal numbers allowed) breaks the operation's request schema.

    An empty list means valid, including for operations that take no body.
    """
    if request_schema(method, template) is None:
        return []
    pointer = _pointer("paths", template, method.lower(), "requestBody", "content", _JSON, "schema")
    return _issues(_validator(pointer), body)


def validate_response(method: str, template: str, body: Any, status: str = "200") -> list[SchemaIssue]:
    """Ways an answer breaks the operation's response schema for `status` (none when none is given)."""
    if response_schema(method, template, status) is None:
        return []
    pointer = _pointer("paths", template, method.lower(), "responses", status, "content", _JSON, "schema")
    return _issues(_validator(pointer), body)


def _properties(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The documented properties of an object schema (allOf/oneOf/anyOf merged) and whether it is open
    (no properties listed, or additionalProperties allowed): only a closed schema can have undocumented fields."""
    schema = _resolve(schema)
    found: dict[str, Any] = dict(schema.get("properties", {}))
    open_ = bool(schema.get("additionalProperties")) or False
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            more, part_open = _properties(part)
            found.update(more)
            open_ = open_ or part_open
    return found, open_ or not found


def undocumented(schema: dict[str, Any], body: Any, where: str = "") -> list[str]:
    """Fields of `body` its schema does not list (recursively), e.g. `transactions[0].customerId`.

    JSON Schema lets any object carry more fields unless told otherwise; Gameball's document does not say,
    so the strict reading is that a field it does not list is not there: the sandbox sends none.
    """
    schema = _resolve(schema)
    if isinstance(body, list):
        items = schema.get("items")
        return [] if items is None else [f for i, x in enumerate(body) for f in undocumented(items, x, f"{where}[{i}]")]
    if not isinstance(body, dict):
        return []
    properties, open_ = _properties(schema)
    extra: list[str] = []
    for name, value in body.items():
        path = f"{where}.{name}" if where else name
        if name in properties:
            extra += undocumented(properties[name], value, path)
        elif not open_:
            extra.append(path)
    return extra


def undocumented_in_response(method: str, template: str, body: Any, status: str = "200") -> list[str]:
    """Fields of an answer the operation's response schema for `status` does not document."""
    schema = response_schema(method, template, status)
    return [] if schema is None else undocumented(schema, body)
