"""entente's settings: every environment variable it reads, read in one place, once.

:func:`settings` reads the environment the first time it is called and keeps the
:class:`Settings` for the rest of the process; :func:`reload_settings` drops them so
the next call reads the environment again (tests that set a variable call it).
This is the only module that reads ``os.environ``: everything else asks
:func:`settings` (or :func:`token` for the one variable named at run time).

========================== ===================================================
``ENTENTE_DB``             the DuckDB store (default ``./entente.duckdb``)
``ENTENTE_SPACY_MODEL``    the spaCy pipeline package (default: entente's)
``ENTENTE_ACTORS``         a folder laid out like ``data/actors``, replacing it
``ENTENTE_CHROMIUM``       the Chromium binary for PDF briefs
``ENTENTE_CACHE_DIR``      the cache folder (else ``$XDG_CACHE_HOME/entente``,
                           else ``~/.cache/entente``)
``ENTENTE_DASK_SCHEDULER`` a Dask scheduler address (``tcp://host:8786``)
``ENTENTE_LOCK_WAIT``      seconds a writer waits for a store another process
                           holds (default 30; 0: fail at once; readers wait
                           at most 5), see :mod:`entente.store.lock`
``ENTENTE_START_METHOD``   how worker processes start: ``fork`` (default on
                           Linux: the pipeline loaded once, before) or
                           ``spawn``, see :mod:`entente.orchestrator.local`
``ENTENTE_GEMM``           the matrix product the parse's network uses:
                           ``numpy`` (default: numpy's BLAS, one thread) or
                           ``blis`` (spaCy's own), see :mod:`entente.nlp.blas`
========================== ===================================================

``ENTENTE_IMPORT_MAX_BYTES`` and ``ENTENTE_IMPORT_MAX_RATIO`` raise (or lower) how far one
``.gz``/``.zip`` dataset file may expand in ``entente import``: at most so many bytes
(``8G``, ``500M`` or a number of bytes) and so many times its own size; the defaults
are in ``data/import_limits.tsv`` (see :mod:`entente.store.datasets.inputs`).

An empty variable counts as unset; a ``ENTENTE_LOCK_WAIT`` that is not a number of
seconds, or an import limit that is not a size or a ratio, is ignored with a warning.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

DB_ENV = "ENTENTE_DB"
MODEL_ENV = "ENTENTE_SPACY_MODEL"
ACTORS_ENV = "ENTENTE_ACTORS"
CHROMIUM_ENV = "ENTENTE_CHROMIUM"
CACHE_DIR_ENV = "ENTENTE_CACHE_DIR"
DASK_SCHEDULER_ENV = "ENTENTE_DASK_SCHEDULER"
LOCK_WAIT_ENV = "ENTENTE_LOCK_WAIT"
START_METHOD_ENV = "ENTENTE_START_METHOD"
GEMM_ENV = "ENTENTE_GEMM"
IMPORT_MAX_BYTES_ENV = "ENTENTE_IMPORT_MAX_BYTES"
IMPORT_MAX_RATIO_ENV = "ENTENTE_IMPORT_MAX_RATIO"
DEFAULT_DB = "entente.duckdb"
DEFAULT_LOCK_WAIT = 30.0


@dataclass(frozen=True)
class Settings:
    """What the environment configures (see the module docstring for the variables)."""

    db: Path = Path(DEFAULT_DB)
    spacy_model: str | None = None
    actors: Path | None = None
    chromium: str | None = None
    cache_dir: Path | None = None  # None only when built by hand; from_env always fills it
    dask_scheduler: str | None = None
    lock_wait: float = DEFAULT_LOCK_WAIT  # seconds
    start_method: str = "fork"  # worker processes: fork (Linux) or spawn
    gemm: str = "numpy"  # the parse's matrix product: numpy (numpy's BLAS) or blis (spaCy's)
    import_max_bytes: int | None = None  # None: the default in data/import_limits.tsv
    import_max_ratio: float | None = None  # None: the default in data/import_limits.tsv

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings ``environ`` (default: the process environment) gives."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            return env.get(name) or None

        actors = get(ACTORS_ENV)
        return cls(
            db=Path(get(DB_ENV) or DEFAULT_DB),
            spacy_model=get(MODEL_ENV),
            actors=Path(actors) if actors else None,
            chromium=get(CHROMIUM_ENV),
            cache_dir=Path(get(CACHE_DIR_ENV) or _user_cache_dir(get("XDG_CACHE_HOME"))),
            dask_scheduler=get(DASK_SCHEDULER_ENV),
            lock_wait=_seconds(LOCK_WAIT_ENV, get(LOCK_WAIT_ENV), DEFAULT_LOCK_WAIT),
            start_method=get(START_METHOD_ENV) or "fork",
            gemm=get(GEMM_ENV) or "numpy",
            import_max_bytes=_size(IMPORT_MAX_BYTES_ENV, get(IMPORT_MAX_BYTES_ENV)),
            import_max_ratio=_ratio(IMPORT_MAX_RATIO_ENV, get(IMPORT_MAX_RATIO_ENV)),
        )


def _seconds(name: str, value: str | None, default: float) -> float:
    """``value`` as a number of seconds (0 or more); ``default`` (with a warning) for anything else."""
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not math.isfinite(seconds) or seconds < 0:
        logging.getLogger(__name__).warning("$%s=%r is not a number of seconds; using %g", name, value, default)
        return default
    return seconds


_SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def _size(name: str, value: str | None) -> int | None:
    """``value`` as a number of bytes (``8G``, ``500M``, ``1.5GiB``, ``1048576``; units of 1024), at least 1;
    None (with a warning for anything else) when unset."""
    if value is None:
        return None
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    unit = text[-1:] if text[-1:] in _SIZE_UNITS else ""
    try:
        number = float(text[:len(text) - len(unit)])
    except ValueError:
        number = -1.0
    if not math.isfinite(number) or number * _SIZE_UNITS[unit] < 1:
        logging.getLogger(__name__).warning("$%s=%r is not a size (like 8G or 500M); using the default", name,
                                            value)
        return None
    return int(number * _SIZE_UNITS[unit])


def _ratio(name: str, value: str | None) -> float | None:
    """``value`` as a ratio above 1; None (with a warning for anything else) when unset."""
    if value is None:
        return None
    try:
        ratio = float(value)
    except ValueError:
        ratio = 0.0
    if not math.isfinite(ratio) or ratio < 1:
        logging.getLogger(__name__).warning("$%s=%r is not a ratio of 1 or more; using the default", name, value)
        return None
    return ratio


def _user_cache_dir(xdg_cache_home: str | None) -> str:
    """``$XDG_CACHE_HOME/entente``, else ``~/.cache/entente``."""
    base = xdg_cache_home or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "entente")


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings, read from the environment on the first call."""
    return Settings.from_env()


def reload_settings() -> None:
    """Forget the settings read so far: the next :func:`settings` call reads the environment again."""
    settings.cache_clear()


def token(name: str) -> str | None:
    """The secret in the environment variable ``name`` (``entente serve --token-env NAME``).

    Read when asked, not kept in :class:`Settings`: the variable is named on the command line,
    and a secret has no place in an object that is printed and compared.
    """
    return os.environ.get(name) or None
