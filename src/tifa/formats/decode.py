"""Decode a file's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse binary data."""

from __future__ import annotations

import codecs

from tifa.errors import InputError


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``; the encoding name round-trips the BOM on write."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise InputError("binary file (NUL byte); tifa reads UTF-8 or UTF-16 text with a BOM", path, line)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"cannot decode as {encoding.upper().replace('-SIG', ' with BOM')} (byte 0x{bad}); save the file as UTF-8",
            path,
            line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("binary file (NUL character)", path, line)
    return text, encoding
