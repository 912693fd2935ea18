"""Reading a file safely: only regular files are read, and only up to a size limit.

A named pipe, a device or a socket is refused without a blocking open, and a file larger than
the limit is refused before it is read; every failure is a :class:`FileReadError` with a
short reason for a one-line message.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import sys
from collections.abc import Callable

STDIN = "-"
MEGABYTE = 1 << 20
DEFAULT_MAX_FILE_SIZE = 200 * MEGABYTE
_UNITS = {"": 1, "B": 1, "K": 1 << 10, "M": MEGABYTE, "G": 1 << 30}
_SIZE = re.compile(r"\s*(\d{1,15})\s*(?:([KMG])(?:I?B)?|B)?\s*", re.IGNORECASE)
# The kinds of file that are not regular, for the message that refuses one.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileReadError(Exception):
    """Why a file could not be read, as a short phrase for a one-line message.

    ``refused`` is True when tifa declined to read it (not a regular file, too large, a link
    loop), False when the system failed to (``reason`` is then the system's message).
    """

    def __init__(self, reason: str, *, refused: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refused = refused

    def message(self) -> str:
        """The message for a file to check: a refusal as it is, a system error after ``cannot read:``."""
        return self.reason if self.refused else f"cannot read: {self.reason}"


def parse_size(text: str) -> int:
    """Return the byte count ``text`` names: ``1048576``, ``200MB``, ``1GB``, ``512K`` (units of 1024).

    Raises ValueError for anything else.
    """
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (use bytes, or a number with KB, MB or GB)")
    return int(match.group(1)) * _UNITS[(match.group(2) or "").upper()]


def format_size(size: int) -> str:
    """Return ``size`` in the largest unit that divides it (``200 MB``), or in bytes."""
    for unit in ("G", "M", "K"):
        if size >= _UNITS[unit] and size % _UNITS[unit] == 0:
            return f"{size // _UNITS[unit]} {unit}B"
    return f"{size} bytes"


def read_regular_file(name: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """Return the bytes of file ``name`` (``-``: standard input), at most ``limit`` of them.

    The file is opened without blocking and looked at before anything is read: anything but a
    regular file, or a file over ``limit`` bytes, raises :class:`FileReadError`, as does any
    system error.
    """
    if name == STDIN:
        return _read_at_most(sys.stdin.buffer.read, 0, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(name, flags)
    except OSError as error:
        raise describe_os_error(error) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise FileReadError("is a directory", refused=True)
        if not stat.S_ISREG(status.st_mode):
            raise FileReadError(f"not a regular file ({_kind(status.st_mode)})", refused=True)
        if status.st_size > limit:
            raise _too_large(limit)
        return _read_at_most(functools.partial(os.read, descriptor), status.st_size, limit)
    except OSError as error:
        raise describe_os_error(error) from None
    finally:
        os.close(descriptor)


def _read_at_most(read: Callable[[int], bytes], expected: int, limit: int) -> bytes:
    """Call ``read`` until it returns nothing (``expected`` bytes in all, likely), failing past ``limit`` bytes."""
    parts: list[bytes] = []
    total = 0
    request = min(expected, limit) + 1
    while chunk := read(request):
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(limit)
        request = max(1, min(MEGABYTE, limit + 1 - total))
    return b"".join(parts)


def _too_large(limit: int) -> FileReadError:
    return FileReadError(f"larger than {format_size(limit)} (raise the limit with --max-file-size)", refused=True)


def _kind(mode: int) -> str:
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def describe_os_error(error: OSError) -> FileReadError:
    """The :class:`FileReadError` for a system error while opening or reading a file."""
    if error.errno == errno.ELOOP:
        return FileReadError("symbolic link loop", refused=True)
    if error.errno == errno.EISDIR:
        return FileReadError("is a directory", refused=True)
    return FileReadError(error.strerror or str(error), refused=False)
