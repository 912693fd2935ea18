"""A unified diff of what ``--fix`` would change, for ``--diff``."""

from __future__ import annotations

import difflib
import re

from tifa.errors import display_path
from tifa.repository import report_root, repository_path
from tifa.results import RunResult


def render(result: RunResult, *, color: bool = False) -> str:
    """Return the unified diff of every file that fixing would change (empty when none would).

    Inside a git repository files are named relative to its top folder, so that the diff
    applies there (``git apply -p0``, ``patch -p0``) however tifa was called. With ``color``
    (a terminal) removed lines are red and added ones green, and within a changed line the
    words that changed are highlighted, so a fix inside a 300-character line stands out.
    """
    chunks: list[str] = []
    root = report_root(file_result.document.path for file_result in result.files)
    for file_result in result.files:
        if file_result.original_text is None:
            continue
        name = file_result.document.path
        path = display_path(repository_path(name, root) or name)
        chunks.extend(
            difflib.unified_diff(
                file_result.original_text.splitlines(keepends=True),
                file_result.document.text.splitlines(keepends=True),
                fromfile=path,
                tofile=path,
            )
        )
    text = "".join(chunks)
    text = text if not text or text.endswith("\n") else text + "\n"
    return highlight(text) if color else text


_WORDS = re.compile(r"\s+|\w+|[^\w\s]")
RED, GREEN, CYAN, BOLD, REVERSE, RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[7m", "\x1b[0m"


def highlight(diff: str) -> str:
    """Colour a unified diff: each removed line paired with its added line, the changed words marked."""
    lines = diff.splitlines(keepends=True)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith(("---", "+++")):
            out.append(f"{BOLD}{line.rstrip(chr(10))}{RESET}\n")
        elif line.startswith("@@"):
            out.append(f"{CYAN}{line.rstrip(chr(10))}{RESET}\n")
        elif line.startswith("-"):
            removed = [line]
            while (
                index + 1 < len(lines) and lines[index + 1].startswith("-") and not lines[index + 1].startswith("---")
            ):
                index += 1
                removed.append(lines[index])
            added = []
            while (
                index + 1 < len(lines) and lines[index + 1].startswith("+") and not lines[index + 1].startswith("+++")
            ):
                index += 1
                added.append(lines[index])
            out.extend(_paired(removed, added))
        elif line.startswith("+"):
            out.append(_paint(GREEN, line[1:], "+"))
        else:
            out.append(line)
        index += 1
    return "".join(out)


def _paired(removed: list[str], added: list[str]) -> list[str]:
    """The removed and added lines of one change, with the words that differ between each pair marked."""
    old = [line[1:] for line in removed]
    new = [line[1:] for line in added]
    painted_old, painted_new = [], []
    for position in range(max(len(old), len(new))):
        if position < len(old) and position < len(new):
            before, after = _mark_words(old[position], new[position])
            painted_old.append(_paint(RED, before, "-"))
            painted_new.append(_paint(GREEN, after, "+"))
        elif position < len(old):
            painted_old.append(_paint(RED, old[position], "-"))
        else:
            painted_new.append(_paint(GREEN, new[position], "+"))
    return painted_old + painted_new


def _mark_words(before: str, after: str) -> tuple[str, str]:
    """``before`` and ``after`` with the words that differ wrapped in reverse video."""
    old_words, new_words = _WORDS.findall(before), _WORDS.findall(after)
    marked_old, marked_new = [], []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old_part, new_part = "".join(old_words[old_start:old_end]), "".join(new_words[new_start:new_end])
        if operation == "equal":
            marked_old.append(old_part)
            marked_new.append(new_part)
            continue
        marked_old.append(f"{REVERSE}{old_part}{_UNREVERSE}" if old_part else "")
        marked_new.append(f"{REVERSE}{new_part}{_UNREVERSE}" if new_part else "")
    return "".join(marked_old), "".join(marked_new)


_UNREVERSE = "\x1b[27m"


def _paint(color: str, text: str, sign: str) -> str:
    """One diff line: its sign and text in ``color``, the line break after the colour ends."""
    body = text[:-1] if text.endswith("\n") else text
    return f"{color}{sign}{body}{RESET}" + ("\n" if text.endswith("\n") else "")
