"""How a file's bytes encode its text, so that a fixed file is written back the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """How a file's text was encoded: the codec and the byte-order mark it started with."""

    codec: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """Return ``text`` encoded the way the original file was, BOM included."""
        return self.bom + text.encode(self.codec)

    @property
    def label(self) -> str:
        """A human-readable name, such as ``UTF-8 with BOM``."""
        return self.codec.upper() + (" with BOM" if self.bom else "")


UTF8 = TextEncoding("utf-8")
