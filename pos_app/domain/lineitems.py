"""Line items as Gameball shapes them, shared by orders, refunds and previews."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from pos_app.domain import fields

MAX_LINE_ITEMS = 500
MAX_QUANTITY = Decimal(1_000_000)
MAX_WEIGHT = Decimal(1_000_000_000)
# Unit prices may be finer than the currency: fuel per litre, bulk goods per gram.
UNIT_PRICE_EXTRA_PLACES = 2

_FIELDS = frozenset({
    "productId", "sku", "title", "category", "collection", "tags", "vendor",
    "quantity", "price", "taxes", "discount", "weight", "extra",
})


@dataclass(frozen=True)
class LineItem:
    """One validated line: Decimal money, empty strings and nulls already dropped."""

    product_id: str
    quantity: Decimal
    price: Decimal
    sku: str | None = None
    title: str | None = None
    category: tuple[str, ...] = ()
    collection: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    vendor: str | None = None
    taxes: Decimal | None = None
    discount: Decimal | None = None
    weight: Decimal | None = None
    extra: Mapping[str, str | Decimal] | None = field(default=None, hash=False)

    def to_body(self) -> dict[str, object]:
        """Gameball's line item shape, absent fields left out."""
        body: dict[str, object] = {
            "productId": self.product_id, "sku": self.sku, "title": self.title,
            "category": list(self.category) or None, "collection": list(self.collection) or None,
            "tags": list(self.tags) or None, "vendor": self.vendor, "quantity": self.quantity,
            "price": self.price, "taxes": self.taxes, "discount": self.discount, "weight": self.weight,
            "extra": dict(self.extra) if self.extra is not None else None,
        }
        return {key: value for key, value in body.items() if value is not None}


def _line(value: object, path: str, currency: str) -> LineItem:
    # productId, quantity and price are required: without them a line earns no product multiplier
    # and a refund cannot name it.
    line = fields.Reader(value, path, _FIELDS)
    money = partial(fields.amount, currency=currency)
    return LineItem(
        product_id=line.required("productId", fields.identifier),
        quantity=line.required("quantity", partial(fields.measure, positive=True, maximum=MAX_QUANTITY)),
        price=line.required("price", partial(money, extra_places=UNIT_PRICE_EXTRA_PLACES)),
        sku=line.optional("sku", fields.identifier),
        title=line.optional("title", fields.text),
        vendor=line.optional("vendor", fields.text),
        category=tuple(line.optional("category", fields.strings) or ()),
        collection=tuple(line.optional("collection", fields.strings) or ()),
        tags=tuple(line.optional("tags", fields.strings) or ()),
        taxes=line.optional("taxes", money),
        discount=line.optional("discount", money),
        weight=line.optional("weight", partial(fields.measure, positive=False, maximum=MAX_WEIGHT)),
        extra=line.optional("extra", fields.extra),
    )


def line_items(value: object, path: str, currency: str) -> tuple[LineItem, ...]:
    """Validate `lineItems` (at most 500) in order."""
    entries = fields.array(value, path, MAX_LINE_ITEMS)
    return tuple(_line(entry, line_path, currency) for line_path, entry in entries)
