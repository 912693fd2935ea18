"""Write a fixed file back without losing anything: its data, its links, its owner or anyone's edit.

:func:`write_atomically` writes through symbolic links to their targets. A file with one name
is replaced by a fully written and synced temporary copy in one rename, with the owner, group
and mode of the original. A file with several hard links, or whose owner the temporary copy
cannot be given, is written in place once the temporary copy has been written and read back,
so that every name keeps seeing the same file; the copy is removed once the file holds the new
text. Just before the rename (or the in-place write) the file is looked at again, and if its
size, modification time, inode or contents changed since it was read, nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tifa.encoding import TextEncoding
from tifa.errors import InputError

_CHANGED = "cannot fix: the file changed while tifa was checking it; it was left as it is"


@dataclass(frozen=True)
class Fingerprint:
    """The size and SHA-256 digest of the bytes a file was read from."""

    size: int
    digest: bytes

    @classmethod
    def of(cls, data: bytes) -> Fingerprint:
        """The fingerprint of ``data``."""
        return cls(len(data), hashlib.sha256(data).digest())


@dataclass(frozen=True)
class _Snapshot:
    """What a file looked like when tifa checked it, to tell whether someone changed it since."""

    size: int
    mtime_ns: int
    inode: int
    digest: bytes


def write_atomically(path: str, text: str, encoding: TextEncoding, original: bytes) -> None:
    """Write ``text`` to ``path`` (through symbolic links) encoded like the original.

    Raises :class:`InputError` naming ``path`` when the file is read-only, changed since it was
    read (its bytes differ from ``original``, up to the moment of writing), or cannot be
    written; the file is then left as it was.
    """
    write_checked(path, text, encoding, Fingerprint.of(original))


def write_checked(path: str, text: str, encoding: TextEncoding, original: Fingerprint) -> None:
    """:func:`write_atomically`, for a file read as bytes with fingerprint ``original``."""
    try:
        target = os.path.realpath(path)
        status = os.stat(target)
        # Write bits are checked too: root may write anywhere, but a read-only file says "leave me".
        if not os.access(target, os.W_OK) or not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise InputError("cannot fix: the file is read-only", path)
        snapshot = _Snapshot(original.size, status.st_mtime_ns, status.st_ino, original.digest)
        if _snapshot_of(target) != snapshot:
            raise InputError(_CHANGED, path)
        data = encoding.encode(text)
        with _temporary_copy(target, data) as temporary:
            if status.st_nlink > 1 or not _give_same_owner(temporary, status):
                _write_in_place(target, data, snapshot, temporary, path)
            else:
                os.chmod(temporary, stat.S_IMODE(status.st_mode))
                if _snapshot_of(target) != snapshot:
                    raise InputError(_CHANGED, path)
                os.replace(temporary, target)
    except OSError as exc:
        raise InputError(f"cannot fix: {exc.strerror or exc}", path) from None


def _snapshot_of(target: str) -> _Snapshot:
    with open(target, "rb") as handle:
        status = os.fstat(handle.fileno())
        return _Snapshot(status.st_size, status.st_mtime_ns, status.st_ino, _digest(handle))


def _digest(handle: BinaryIO) -> bytes:
    digest = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    return digest.digest()


@contextlib.contextmanager
def _temporary_copy(target: str, data: bytes) -> Iterator[str]:
    """A synced file holding ``data`` beside ``target``, removed on leaving unless renamed over it."""
    folder, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tifa", dir=folder or ".")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        yield temporary
    finally:
        Path(temporary).unlink(missing_ok=True)


def _give_same_owner(temporary: str, status: os.stat_result) -> bool:
    """Give ``temporary`` the owner and group of the original; False when the system does not allow it."""
    current = os.stat(temporary)
    if (current.st_uid, current.st_gid) == (status.st_uid, status.st_gid):
        return True
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        return False
    return True


def _write_in_place(target: str, data: bytes, snapshot: _Snapshot, temporary: str, path: str) -> None:
    """Overwrite ``target`` itself with ``data`` (kept safe in ``temporary``, read back first).

    The file keeps its inode, so its hard links, owner, group and mode stay as they were.
    """
    with open(temporary, "rb") as copy:
        if copy.read() != data:
            raise InputError("cannot fix: the temporary copy did not read back as written", path)
    with open(target, "r+b") as handle:
        status = os.fstat(handle.fileno())
        current = _Snapshot(status.st_size, status.st_mtime_ns, status.st_ino, _digest(handle))
        if current != snapshot:
            raise InputError(_CHANGED, path)
        handle.seek(0)
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
