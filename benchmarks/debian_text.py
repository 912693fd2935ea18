"""Reading Debian documentation as prose: plain text, HTML and man pages, and telling prose from code.

Used by ``benchmarks/ordinary_english.py`` to gather its corpus of ordinary English; standard
library only (``groff`` renders man pages where it is installed).
"""

from __future__ import annotations

import contextlib
import gzip
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it as with be on not this by are or from at an was which you "
    "can have if will but all they their we has there been one more when also would these than "
    "into other its may should only such each must were his he what how do any some so no use "
    "used our them then who about".split()
)
CODE_CHARACTERS = frozenset("{}[]();=<>$#*/\\|&_^~`@%+")
LANGUAGES = frozenset(
    "ar ast bg bn bs ca cs cy da de el eo es et eu fa fi fr ga gl gu he hi hr hu hy ia id it ja ka "
    "kk km kn ko lt lv mk ml mr ms nb ne nl nn pa pl pt ro ru si sk sl sq sr sv ta te th tl tr ug "
    "uk ur vi zh".split()
)
LANGUAGE_TAG = re.compile(r"([a-z]{2,3})(?:[_@-][A-Za-z]{2,8})?$")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".info", ".dict", ".dz", ".utf8"})
SKIPPED_FOLDERS = frozenset({"_sources", "_static", "_images", "_downloads", "lintian", "bug", "doc-base"})
HTML_START = re.compile(r"\s*(<!DOCTYPE|<html|<\?xml|<h\d|<p>|<div)", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML page, one block element a paragraph."""

    BLOCKS = frozenset(
        "p div br li ul ol dl dt dd tr table h1 h2 h3 h4 h5 h6 title blockquote section article "
        "header footer nav aside figure figcaption caption hr".split()
    )
    SKIPPED = frozenset({"script", "style", "head", "pre", "noscript", "textarea"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self._flush()
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_to_text(markup: str) -> str:
    """Return the text of HTML ``markup``: a paragraph (blank-line separated) per block element."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.blocks)


def clean_plain_text(raw: str) -> str:
    """Remove overstrikes (``x\\bx``), carriage returns and control characters from plain text."""
    text = re.sub(r".\x08", "", raw).replace("\r\n", "\n").replace("\f", "\n\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)


def count_words(text: str) -> int:
    """Count whitespace-separated words, as the budget counts them."""
    return len(text.split())


def reject_reason(text: str) -> str | None:
    """Return why ``text`` is not English prose (``short``, ``non-english``, ``code``), or None."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 30:
        return "short"
    letters = [c for c in text if c.isalpha()]
    if sum(c.isascii() for c in letters) < 0.9 * len(letters):
        return "non-english"
    if sum(w in FUNCTION_WORDS for w in words) < 0.15 * len(words):
        return "non-english"
    return "code" if looks_like_code(text) else None


def looks_like_code(text: str) -> bool:
    """Tell whether over 7% of the non-blank characters of ``text`` are typical of code or markup."""
    visible = [c for c in text if not c.isspace()]
    return bool(visible) and sum(c in CODE_CHARACTERS for c in visible) > 0.07 * len(visible)


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines and at fortune files' ``%`` lines."""
    result: list[str] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip() in ("", "%"):
            if current:
                result.append("\n".join(current))
            current = []
        else:
            current.append(line.rstrip())
    return result


def names_other_language(relative: Path) -> bool:
    """Tell whether a path names a language other than English (``fr/``, ``x.de.txt``, ``guide-it``)."""
    for part in relative.parts:
        for piece in [part, *part.split("."), part.rsplit("-", 1)[-1]]:
            match = LANGUAGE_TAG.fullmatch(piece)
            if match and match.group(1) in LANGUAGES:
                return True
    return False


def read_document(path: Path, relative: Path, groff: str | None) -> str | None:
    """Return the text of one unpacked file, or None when it is not a document to read."""
    name = path.name.lower()
    parts = set(relative.parts[:-1])
    if name.startswith("changelog") or parts & SKIPPED_FOLDERS or names_other_language(relative):
        return None
    is_man = len(relative.parts) > 4 and relative.parts[:3] == ("usr", "share", "man")
    if is_man and (groff is None or not re.fullmatch(r"man\d", relative.parts[3])):
        return None
    stem = name[:-3] if name.endswith(".gz") else name
    suffix = ".info" if re.search(r"\.info(-\d+)?$", stem) else Path(stem).suffix
    if not (is_man or suffix in HTML_SUFFIXES or suffix in TEXT_SUFFIXES) or path.stat().st_size > 30_000_000:
        return None
    raw = path.read_bytes()
    with contextlib.suppress(OSError, EOFError):  # a broken gzip file stays binary, and is dropped
        raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    if b"\0" in raw[:8192]:
        return None
    if is_man and groff is not None:
        command = [groff, "-t", "-man", "-Tutf8", "-rHY=0", "-P-cbou"]
        raw = subprocess.run(command, input=raw, capture_output=True, check=False).stdout
    text = raw.decode("utf-8", errors="replace")
    if text.count("\ufffd") > 0.01 * len(text) + 1:
        return None
    if suffix in HTML_SUFFIXES or HTML_START.match(text):
        return html_to_text(text)
    return clean_plain_text(text)
