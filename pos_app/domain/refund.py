"""A return the host POS sends, in Gameball's refund shape less what the plugin fills in.

The till names the refund (`refundTransactionId`), the order it reverses (`reverseTransactionId`,
the orderId), the lines returned and optionally a partial `refundAmount`. The plugin owns
`customerId` (from the stored order), `transactionTime`, `merchant` and `channel` (which a till
reusing its order builder may add): whatever the till sent there is replaced, so it is no error.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import partial

from pos_app.domain import fields
from pos_app.domain.lineitems import LineItem, line_items
from pos_app.domain.merchant import Merchant
from pos_app.domain.order import Body, fingerprint, line_bodies, open_body, present
from pos_app.domain.timeutil import to_iso_z

_REFUND_FIELDS = frozenset({
    "refundTransactionId", "reverseTransactionId", "refundAmount", "lineItems", "email", "mobile",
})
_PLUGIN_FIELDS = frozenset({"customerId", "transactionTime", "merchant", "channel"})


@dataclass(frozen=True)
class Refund:
    """A validated refund. `body` holds the till's fields, normalised; treat it as read-only."""

    refund_id: str
    order_id: str
    # None is a full refund (Gameball refunds the whole order when the amount is left out).
    refund_amount: Decimal | None
    line_items: tuple[LineItem, ...]
    # When the bridge accepted it: the moment of the return, kept because the queue may send it later.
    received_at: datetime
    currency: str
    body: Body = field(hash=False)
    fingerprint: str

    def gameball_body(self, customer_id: str, transaction_time: datetime, merchant: Merchant | None) -> Body:
        """The body for POST /transactions/refund."""
        body: Body = {"customerId": fields.identifier(customer_id, "customerId")}
        body.update(copy.deepcopy(self.body))
        body["transactionTime"] = to_iso_z(transaction_time)
        if merchant is not None:
            body["merchant"] = merchant.to_body()
        return body


def validate_refund(body: object, *, now: datetime, currency: str) -> Refund:
    """Validate a refund from the till; raises ValidationError(field, message)."""
    reader = open_body(body, now, _REFUND_FIELDS, _PLUGIN_FIELDS)
    lines_of = partial(line_items, currency=currency)
    normalised: Body = {
        "email": reader.optional("email", fields.email),
        "mobile": reader.optional("mobile", fields.phone),
        "refundTransactionId": reader.required("refundTransactionId", fields.identifier),
        "reverseTransactionId": reader.required("reverseTransactionId", fields.identifier),
        "refundAmount": reader.optional("refundAmount", partial(fields.amount, currency=currency,
                                                                 positive=True)),
        "lineItems": line_bodies(lines := reader.optional("lineItems", lines_of)),
    }
    normalised = present(normalised)
    return Refund(
        refund_id=normalised["refundTransactionId"], order_id=normalised["reverseTransactionId"],
        refund_amount=normalised.get("refundAmount"), line_items=lines or (), received_at=now,
        currency=currency.upper(), body=normalised, fingerprint=fingerprint(normalised),
    )
