"""What a directory search leaves out: folders no one checks, and what ``.gitignore`` files ignore.

Left out by default: hidden folders (``.git``, ``.venv``, ``.tox`` …), ``node_modules``,
``build``, ``dist``, ``venv``, ``__pycache__``, and any folder that is a Python virtual
environment (it has a ``pyvenv.cfg``) or a conda environment (``conda-meta``). ``.gitignore``
files are read as git reads them (with :mod:`pathspec`): those in the searched folders, and
those in the folders above the search root up to the repository's top (the folder with
``.git``). A deeper ``.gitignore`` decides over a shallower one, and a later line over an
earlier one, so ``!keep.txt`` re-includes a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tifa.repository import repository_root

if TYPE_CHECKING:
    import pathspec

SKIPPED_FOLDERS = frozenset({"node_modules", "build", "dist", "venv", "__pycache__", "site-packages"})
_ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")


@dataclass(frozen=True)
class IgnoreRules:
    """The ``.gitignore`` files that apply in one folder, each with the folder it sits in (shallowest first)."""

    layers: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()

    def ignores(self, path: str, *, is_dir: bool) -> bool:
        """Whether ``path`` (below every layer's folder) is ignored; the deepest file that has a say decides."""
        for base, spec in reversed(self.layers):
            relative = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
            decided = spec.check_file(relative).include
            if decided is not None:
                return decided
        return False

    def entering(self, directory: str, names: set[str]) -> IgnoreRules:
        """The rules inside ``directory`` (whose entries are ``names``): these plus its own ``.gitignore``."""
        if ".gitignore" not in names:
            return self
        spec = _read_spec(os.path.join(directory, ".gitignore"))
        return self if spec is None else IgnoreRules((*self.layers, (directory, spec)))


def rules_above(root: str) -> IgnoreRules:
    """The ``.gitignore`` files of the folders above ``root`` up to its repository's top (none outside a repository)."""
    top = repository_root(root)
    if top is None:
        return IgnoreRules()  # not in a repository: the folders above are not the project's
    above = [Path(os.path.abspath(root))]
    while above[-1] != top:
        above.append(above[-1].parent)
    layers = []
    for folder in reversed(above[1:]):
        spec = _read_spec(os.path.join(folder, ".gitignore"))
        if spec is not None:
            layers.append((str(folder), spec))
    return IgnoreRules(tuple(layers))


def is_environment_or_skipped(directory: str, name: str) -> bool:
    """Whether folder ``name`` in ``directory`` is one a search skips: a known name or a virtual environment."""
    if name in SKIPPED_FOLDERS or name.startswith("."):
        return True
    path = os.path.join(directory, name)
    return any(os.path.exists(os.path.join(path, marker)) for marker in _ENVIRONMENT_MARKERS)


def _read_spec(path: str) -> pathspec.GitIgnoreSpec | None:
    """The patterns of one ``.gitignore`` file (None when it cannot be read: then it ignores nothing)."""
    import pathspec  # only where there is a .gitignore: start-up counts

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
    except OSError:
        return None
