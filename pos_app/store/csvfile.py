"""CSV files as Excel opens them: UTF-8 with a byte-order mark (without it Excel reads Arabic as the ANSI code
page), amounts as plain numbers with the currency in its own column, and the separator the terminal's
`csv_separator` setting names. With ";" (the list separator where the decimal mark is a comma: most of
Europe) amounts are written with a decimal comma, so that Excel there reads them as numbers too."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

SEPARATORS = (",", ";", "\t")
ARCHIVED_ITEM = "Archived, not counted"


class _Rows(Protocol):
    def writerow(self, row: Iterable[Any]) -> Any: ...


class CsvOut:
    def __init__(self, writer: _Rows, separator: str) -> None:
        self._writer = writer
        self._decimal_comma = separator == ";"

    def cell(self, value: Any) -> Any:
        if isinstance(value, (Decimal, float)) and self._decimal_comma:
            return str(value).replace(".", ",")
        return value

    def row(self, values: Iterable[Any]) -> None:
        self._writer.writerow([self.cell(v) for v in values])


@contextmanager
def csv_file(path: str | os.PathLike[str], separator: str = ",") -> Iterator[CsvOut]:
    if separator not in SEPARATORS:
        raise ValueError(f"csv_separator: one of {', '.join(repr(s) for s in SEPARATORS)}")
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        yield CsvOut(csv.writer(handle, delimiter=separator), separator)


class _Summary(Protocol):
    archived_in: tuple[str, ...]

    def figures(self) -> list[tuple[str, int | Decimal, str]]: ...


def write_day_csv(path: str | os.PathLike[str], day: date, summary: _Summary, separator: str = ",") -> None:
    """The end-of-day summary (date, item, value, currency): the same file from the window and the CLI."""
    with csv_file(path, separator) as out:
        out.row(["date", "item", "value", "currency"])
        for label, value, currency in summary.figures():
            out.row([day.isoformat(), label, value, currency])
        for name in summary.archived_in:  # orders of the day the figures above do not count
            out.row([day.isoformat(), ARCHIVED_ITEM, name, ""])
