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
========================== ===================================================

An empty variable counts as unset.
"""

from __future__ import annotations

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
DEFAULT_DB = "entente.duckdb"


@dataclass(frozen=True)
class Settings:
    """What the environment configures (see the module docstring for the variables)."""

    db: Path = Path(DEFAULT_DB)
    spacy_model: str | None = None
    actors: Path | None = None
    chromium: str | None = None
    cache_dir: Path | None = None  # None only when built by hand; from_env always fills it
    dask_scheduler: str | None = None

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
        )


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
