"""What `POST /batch/orders` may carry (issue 12, requirement 3).

openapi.json's batch item has `customerId`, `orderId`, `orderDate` and `totalPaid` only. An order with any
other field (line items, merchant and branch, channel, guest, a points hold) would lose it in a batch, so it
goes one order per request, unless a manager confirmed with Gameball that their account's batch takes full
order bodies (the `batch_full_bodies` setting).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

BATCH_ORDER_FIELDS = frozenset({"customerId", "orderId", "orderDate", "totalPaid"})


def carried_by_batch_item(body: bytes | Mapping[str, Any]) -> bool:
    """True when the documented batch item schema holds every field of this order body."""
    parsed = json.loads(body) if isinstance(body, bytes | bytearray) else body
    return isinstance(parsed, Mapping) and set(parsed) <= BATCH_ORDER_FIELDS
