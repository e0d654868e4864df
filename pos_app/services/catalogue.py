"""The product catalogue for manual entry at the till: scan or type a SKU (barcode) or a productId.

The host POS owns the real catalogue and sends its baskets through the bridge; this file is for a till
that types items in itself (and for the demo). It is `catalogue.json` in the data directory, in the
demo catalogue's shape: `{"currency": "USD", "products": [{"sku", "productId", "title", "price",
"category": [...]}]}`. Read once on the worker thread, then looked up in memory; no Qt here.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pos_app.domain.money import MoneyError, to_decimal

log = logging.getLogger(__name__)

CATALOGUE_FILE = "catalogue.json"


@dataclass(frozen=True)
class Product:
    product_id: str
    title: str
    price: Decimal
    sku: str | None = None
    category: tuple[str, ...] = ()


class CatalogueIndex:
    """Products by barcode (SKU) and by productId, in memory: finding one is a dictionary look-up."""

    def __init__(self, by_code: dict[str, Product]) -> None:
        self._by_code = by_code

    def __len__(self) -> int:
        return len({product.product_id for product in self._by_code.values()})

    def find(self, code: str) -> Product | None:
        """The product with this barcode (SKU) or productId, or None."""
        return self._by_code.get(code.strip().casefold())


class Catalogue:
    def __init__(self, path: Path | None) -> None:
        self._path = path

    def load(self) -> CatalogueIndex:
        """Read the file (on the worker: this is disk I/O); a missing or broken file is an empty catalogue."""
        if self._path is None or not self._path.is_file():
            return CatalogueIndex({})
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            log.warning("catalogue %s unreadable: %s", self._path, error)
            return CatalogueIndex({})
        by_code: dict[str, Product] = {}
        for entry in data.get("products", []) if isinstance(data, dict) else []:
            try:
                product = Product(str(entry["productId"]), str(entry.get("title") or entry["productId"]),
                                  to_decimal(str(entry["price"])),
                                  str(entry["sku"]) if entry.get("sku") else None,
                                  tuple(str(c) for c in entry.get("category") or ()))
            except (KeyError, TypeError, MoneyError):
                log.warning("catalogue entry skipped: it needs productId and price")
                continue
            by_code[product.product_id.casefold()] = product
            if product.sku:
                by_code[product.sku.casefold()] = product
        index = CatalogueIndex(by_code)
        log.info("catalogue: %d product(s) from %s", len(index), self._path)
        return index
