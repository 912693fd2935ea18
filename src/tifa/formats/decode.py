"""Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM; refuse binary data."""

from __future__ import annotations

import codecs

from tifa.encoding import UTF8, TextEncoding
from tifa.errors import InputError

# UTF-32's little-endian BOM begins with UTF-16's: it is looked for first.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, path: str, legacy: str | None = None) -> tuple[str, TextEncoding]:
    """Return the text of ``data`` and its encoding; the encoding writes the text back byte for byte.

    A byte-order mark decides; without one the text is UTF-8, or ``legacy`` (``--encoding``,
    such as ``gb18030`` for a file saved by Excel on Chinese Windows) when given.
    """
    encoding = UTF8 if legacy is None else TextEncoding(codecs.lookup(legacy).name)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding = TextEncoding(codec, bom)
            break
    else:
        if b"\x00" in data and not encoding.codec.startswith("utf-16"):
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise InputError("binary file (NUL byte); tifa reads UTF-8 or UTF-16 text with a BOM", path, line)
    body = data[len(encoding.bom) :]
    try:
        text = body.decode(encoding.codec)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        bad = body[exc.start : exc.start + 1].hex()
        advice = "save the file as UTF-8" if legacy else "save the file as UTF-8, or name its encoding with --encoding"
        raise InputError(f"cannot decode as {encoding.label} (byte 0x{bad}); {advice}", path, line) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("binary file (NUL character)", path, line)
    return text, encoding
