"""Text in and out the way Windows hands it over: files and pipes in UTF-8 (with or without a BOM) or UTF-16
(Windows PowerShell 5.1's `Out-File` and `>`), and a console or pipe whose code page cannot encode Arabic."""

from __future__ import annotations

import codecs
import io
import sys
from typing import BinaryIO, TextIO

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class TextEncodingError(ValueError):
    """Bytes that are neither UTF-8 nor UTF-16 text."""


def decode_text(data: bytes, what: str = "input") -> str:
    """UTF-8 or UTF-16 text, by its byte-order mark (dropped), else UTF-8; a UTF-16 LE file without a BOM is
    recognised by its zero high bytes. TextEncodingError names `what` otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom):], encoding, what)
    if len(data) >= 2 and data[1::2].count(0) > len(data) // 4 and not data[0::2].count(0):
        return _decode(data, "utf-16-le", what)
    return _decode(data, "utf-8", what)


def _decode(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise TextEncodingError(f"{what}: not UTF-8 or UTF-16 text; save it as UTF-8") from None


def read_stdin(stream: TextIO | None = None) -> str:
    """All of standard input as text, decoded from its bytes by `decode_text` (the console's code page would
    keep a BOM as text, or garble UTF-16)."""
    stream = stream or sys.stdin
    raw: BinaryIO | None = getattr(stream, "buffer", None)
    if raw is None:  # already text (a test's StringIO)
        return stream.read().removeprefix("\ufeff")
    return decode_text(raw.read(), "standard input")


def safe_console() -> None:
    """Standard output and error write UTF-8 whatever the code page of a pipe or file (what Python's UTF-8
    mode gives), replacing what cannot be written rather than raising. A windowed build has no streams."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, io.TextIOWrapper):
            continue
        if codecs.lookup(stream.encoding).name != "utf-8" or stream.errors == "strict":
            stream.reconfigure(encoding="utf-8", errors="replace")
