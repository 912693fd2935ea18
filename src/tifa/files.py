"""Finding the files a run checks: named files as given, directories searched recursively."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator

from tifa.errors import InputError
from tifa.formats import SUFFIXES
from tifa.ignore import is_environment_or_skipped, rules_above
from tifa.reading import STDIN, describe_os_error

__all__ = ["DEFAULT_SUFFIXES", "STDIN", "collect_files"]

# The suffixes of every format tifa reads.
DEFAULT_SUFFIXES = tuple(SUFFIXES)


def collect_files(paths: Iterable[str], suffixes: Iterable[str] = DEFAULT_SUFFIXES) -> Iterator[str | InputError]:
    """Yield each file to check (as a path string), or an :class:`InputError` for a path that cannot be used.

    A named file is checked whatever its suffix; a directory contributes the files with one of
    ``suffixes`` below it, in sorted order, skipping hidden folders, virtual environments and
    what ``.gitignore`` files ignore. A missing path, a symbolic
    link loop and a directory that cannot be listed are errors naming them.
    """
    wanted = tuple(suffix.lower() for suffix in suffixes)
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        try:
            is_directory = stat.S_ISDIR(os.stat(name).st_mode)
        except OSError as error:
            yield InputError(_named_path_problem(error), name)
            continue
        if is_directory:
            yield from _walk(name, wanted)
        else:
            yield name


def _named_path_problem(error: OSError) -> str:
    """The message for a path named on the command line that ``os.stat`` failed on."""
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or directory"
    return describe_os_error(error).message()


def _walk(root: str, suffixes: tuple[str, ...]) -> Iterator[str | InputError]:
    """Yield the files below ``root`` with one of ``suffixes``, and an error for each folder that cannot be listed.

    Each folder's files come in sorted order, then its sub-folders, each in turn. Hidden files
    and folders, symbolic links to folders, folders no one checks (virtual environments,
    ``node_modules``, ``build``, ``dist``) and what ``.gitignore`` files ignore are left out
    (see :mod:`tifa.ignore`).
    """
    pending = [(root, rules_above(root))]
    while pending:
        directory, rules = pending.pop()
        try:
            with os.scandir(directory) as entries:
                listed = [(entry.name, *_folder_or_link(entry)) for entry in entries]
        except OSError as error:
            yield InputError(f"cannot read directory: {error.strerror or error}", directory)
            continue
        rules = rules.entering(directory, {name for name, is_dir, _ in listed if not is_dir})
        subdirectories = sorted(
            name
            for name, is_dir, link in listed
            if is_dir
            and not link
            and not is_environment_or_skipped(directory, name)
            and not rules.ignores(os.path.join(directory, name), is_dir=True)
        )
        for filename in sorted(name for name, is_dir, _ in listed if not is_dir):
            path = os.path.join(directory, filename)
            wanted = filename.lower().endswith(suffixes) and not filename.startswith(".")
            if wanted and not rules.ignores(path, is_dir=False):
                yield path
        pending.extend((os.path.join(directory, name), rules) for name in reversed(subdirectories))


def _folder_or_link(entry: os.DirEntry[str]) -> tuple[bool, bool]:
    """Whether ``entry`` is a folder (or a link to one, which, as in os.walk, is not walked), and whether a link.

    A link that cannot be followed (a loop) counts as a file: reading it says what is wrong.
    """
    try:
        return entry.is_dir(), entry.is_symlink()
    except OSError:
        return False, True
